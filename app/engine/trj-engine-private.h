/* trj-engine-private.h — internals shared by trj-engine.c and trj-solve.c */
#pragma once

#include "trj-engine.h"

G_BEGIN_DECLS

/* Months are indexed relative to January of the programme year: t = -12 is
 * January of Y−1, t = 0 January of Y. A contract entering in December of Y with
 * 24 months is served until t = 34 and paid, with a 6-month lag, until t = 40. */
#define TRJ_T_FIRST   (-12)
#define TRJ_T_LAST    (41)
#define TRJ_T_COUNT   (TRJ_T_LAST - TRJ_T_FIRST + 1)
#define TRJ_T(t)      ((t) - TRJ_T_FIRST)

/* Reference values resolved month by month for one scenario. */
typedef struct {
  int year;
  double smic[TRJ_T_COUNT];
  double rsa[TRJ_T_COUNT];
  gboolean has_smic[TRJ_T_COUNT];
  gboolean has_rsa[TRJ_T_COUNT];
  int first_smic;       /* first month t with a SMIC value (series cover every month after it) */
  int first_rsa;
  double cd_share;
  double weeks_per_month;
} TrjMonthTable;

void     trj_month_table_init   (TrjMonthTable *table, const TrjScenario *scenario);

/* Computes one line's figures (ae, cp, totals, stock, after-year, volume). */
gboolean trj_engine_line_figures (const TrjMonthTable *table,
                                  const TrjLine       *line,
                                  TrjFigures          *f,
                                  GError             **error);

G_END_DECLS
