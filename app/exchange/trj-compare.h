/* trj-compare.h — the « Comparer » table: two or more scenarios side by side
 * (MODEL 9)
 *
 * The first scenario is the reference; each other one is compared with it by
 * trj_diff_new() (lines matched by id, then by kind + département +
 * prescriber). The table has, for each envelope, a heading row, its figures
 * (volume, AE, CP, margins, capacity, alerts), then for each line a heading
 * row and its figures (volume, the parameters of its shape, AE, CP, alerts).
 * A cell of a scenario other than the reference that differs from the
 * reference's says so in its text, not by colour alone: « ancien → nouveau »;
 * a line only in some scenarios has « ligne ajoutée » / « ligne supprimée »
 * in its heading row. The window's view, the xlsx and the PDF exports all
 * show this same table.
 */
#pragma once

#include "trj-engine.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_COMPARE_ROW_ENVELOPE,   /* heading of an envelope */
  TRJ_COMPARE_ROW_LINE,       /* heading of a line */
  TRJ_COMPARE_ROW_VALUE,      /* one figure */
} TrjCompareRowKind;

typedef enum {
  TRJ_COMPARE_UNIT_TEXT,
  TRJ_COMPARE_UNIT_MONEY,
  TRJ_COMPARE_UNIT_SHARE,
  TRJ_COMPARE_UNIT_COUNT,
  TRJ_COMPARE_UNIT_DECIMAL,
} TrjCompareUnit;

/* How a cell stands against the reference's. */
typedef enum {
  TRJ_COMPARE_SAME,
  TRJ_COMPARE_CHANGED,        /* a value that differs from the reference's */
  TRJ_COMPARE_ADDED,          /* the line or envelope is not in the reference */
  TRJ_COMPARE_REMOVED,        /* in the reference, not in this scenario */
} TrjCompareMark;

typedef struct {
  TrjCompareRowKind kind;
  char *label;                /* « PEC et CIE tous publics », « PEC — 29 — France Travail », « Taux » */
  char *envelope;             /* envelope id */
  char *line;                 /* line id (the reference's when it has it), NULL on envelope rows */
  const char *key;            /* value rows: "volume", "rate", … "alerts" (the diff's JSON keys) */
  TrjCompareUnit unit;
  double *values;             /* per scenario, NAN when missing (text rows: NAN) */
  char **values_text;         /* per scenario: the value alone, French-formatted ("" when missing) */
  char **texts;               /* per scenario: what a cell shows (« 50,0 % → 55,0 % » when changed) */
  TrjCompareMark *marks;      /* per scenario (the reference: SAME, or REMOVED for a line it lacks) */
  char **details;             /* per scenario: alert rows' French messages (NULL elsewhere) */
  guint n_values;             /* the arrays' length (n_scenarios): an entry may be NULL */
} TrjCompareRow;

typedef struct {
  guint n_scenarios;
  char **names;               /* per scenario */
  TrjScenario **scenarios;    /* copies */
  TrjResult **results;
  GPtrArray *rows;            /* TrjCompareRow* */
  guint n_changes;            /* cells marked CHANGED, and lines added or removed */
} TrjCompare;

/* Copies and computes the scenarios (at least two); fails with the engine's
 * message. */
TrjCompare *trj_compare_new   (const TrjScenario * const *scenarios,
                               const char * const        *names,
                               guint                      n_scenarios,
                               GError                   **error);
void        trj_compare_free  (TrjCompare *compare);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjCompare, trj_compare_free)

/* The row of a figure, -1 when the table has none: line NULL for an envelope's
 * figure. */
int         trj_compare_find_row (const TrjCompare *compare, const char *envelope,
                                  const char *line, const char *key);
/* The heading row of a line, -1 when none. */
int         trj_compare_find_line (const TrjCompare *compare, const char *line);

/* The table as an xlsx workbook (one sheet « Comparaison »: the figures as
 * numbers, a « Changements » column per compared scenario), written beside
 * path then renamed. */
gboolean    trj_compare_write_xlsx (const TrjCompare *compare, const char *path, GError **error);

G_END_DECLS
