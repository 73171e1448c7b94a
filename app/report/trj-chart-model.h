/* trj-chart-model.h — what a chart shows, built from scenarios and their results
 *
 * A model holds the figures, labels and titles of one chart; it is computed once
 * from TrjScenario + TrjResult (+ the year's reference data) and then drawn by
 * trj_chart_render() as often as needed. The renderer never computes a figure.
 */
#pragma once

#include <glib.h>

#include "trj-actuals.h"
#include "trj-engine.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_CHART_TRAJECTORY,   /* cumulative AE and CP against the envelope */
  TRJ_CHART_MONTHLY,      /* AE and CP of each month, side by side */
  TRJ_CHART_BREAKDOWN,    /* volumes and AE by département or prescriber */
  TRJ_CHART_OVERLAY,      /* trajectories of several scenarios */
  TRJ_CHART_PARAMETERS,   /* rate, hours and duration against the circular */
  TRJ_CHART_LANDING,      /* realised then projected cumulative AE and CP (MODEL 8) */
  TRJ_N_CHART_KINDS
} TrjChartKind;

typedef enum {
  TRJ_CHART_BY_DEPARTEMENT,
  TRJ_CHART_BY_PRESCRIBER,
} TrjChartGroup;

typedef enum {
  TRJ_CHART_UNIT_EUROS,
  TRJ_CHART_UNIT_CONTRACTS,
  TRJ_CHART_UNIT_ETP,      /* IAE, EA (MODEL 3) */
  TRJ_CHART_UNIT_AIDS,     /* GEIQ */
  TRJ_CHART_UNIT_SHARE,
  TRJ_CHART_UNIT_HOURS,
  TRJ_CHART_UNIT_MONTHS,
} TrjChartUnit;

typedef struct {
  char *name;              /* legend: "AE cumulées" */
  guint color;             /* TrjChartColorRole */
  gboolean dashed;
  gboolean area;           /* drawn as a filled area from zero */
  TrjChartUnit unit;
  double *values;          /* one per category */
} TrjChartSeries;

/* A horizontal line at a notified amount ("AE notifiées"). */
typedef struct {
  char *name;
  double value;
  guint color;             /* TrjChartColorRole of the series it bounds */
} TrjChartRefLine;

/* The gap between a series' last value and a reference line ("Marge AE"). */
typedef struct {
  char *name;
  guint series;            /* index in series */
  guint ref_line;          /* index in ref_lines */
  double value;            /* ref − last value; negative: over the envelope */
} TrjChartMargin;

/* One parameter panel of TRJ_CHART_PARAMETERS: the contracts at each value the
 * lines take (a distribution weighted by volume). */
typedef struct {
  char *name;              /* "Taux de prise en charge" */
  TrjChartUnit unit;
  double axis_lo, axis_hi; /* the values the panel spans */
  double range_lo, range_hi, average; /* the circular's (NAN when unknown) */
  double weighted_average; /* of the lines, by volume (NAN when no volume) */
  guint n_values;
  double *values;          /* distinct values, ascending */
  double *volumes;         /* contracts of the lines at that value */
  guint *lines;            /* number of lines at that value */
} TrjChartPanel;

typedef struct {
  TrjChartKind kind;
  char *title;             /* "Trajectoire AE/CP — PEC et CIE tous publics" */
  char *subtitle;          /* "Bretagne · scénario « Notification » · chiffres au 23 novembre 2026" */
  int year;
  guint n_categories;
  char **category_labels;  /* axis: "janv.", "Finistère" */
  char **category_names;   /* tooltips and text: "janvier 2024" */
  GPtrArray *series;       /* TrjChartSeries* */
  GPtrArray *ref_lines;    /* TrjChartRefLine* */
  GPtrArray *margins;      /* TrjChartMargin* */
  GPtrArray *panels;       /* TrjChartPanel* (TRJ_CHART_PARAMETERS) */
  /* TRJ_CHART_LANDING: the month of the last actuals (1..12, 0: none), marked
   * by a vertical line named mark_label (« données à fin juin »). Series
   * values are NAN in the months they do not cover (realised to T, projected
   * from T). */
  guint mark_month;
  char *mark_label;
} TrjChartModel;

/* One scenario to chart. */
typedef struct {
  const TrjScenario *scenario;
  const TrjResult *result;     /* computed from scenario */
  const char *name;            /* scenario name, NULL when unnamed */
} TrjChartSource;

typedef struct {
  TrjChartKind kind;
  const char *envelope_id;     /* NULL: the whole region */
  TrjChartGroup group;         /* TRJ_CHART_BREAKDOWN */
  GDateTime *date;             /* date of the figures; NULL: now */
  /* TRJ_CHART_LANDING: the landing of the first source's scenario (P) with
   * the actuals (trj_landing_compute); NULL or no actuals: an error. */
  const TrjLanding *landing;
} TrjChartRequest;

/* Builds a chart. TRJ_CHART_OVERLAY takes two or more sources, the others use the
 * first one. Fails (French message) on an unknown envelope, and for
 * TRJ_CHART_LANDING without actuals. */
TrjChartModel *trj_chart_model_build (const TrjChartRequest *request,
                                      const TrjChartSource  *sources,
                                      guint                  n_sources,
                                      GError               **error);
void           trj_chart_model_free  (TrjChartModel *model);

/* For the builders of a model (trj-chart-model.c, trj-chart-landing.c), once
 * n_categories is set: a series of n_categories zeros, a reference line, the
 * margin at the last category of a series to a reference line (named
 * over_name when below 0). */
TrjChartSeries *trj_chart_model_add_series   (TrjChartModel *model, const char *name, guint color,
                                              TrjChartUnit unit);
void            trj_chart_model_add_ref_line (TrjChartModel *model, const char *name, double value,
                                              guint color);
void            trj_chart_model_add_margin   (TrjChartModel *model, const char *name, const char *over_name,
                                              guint series, guint ref_line);

/* The exact value under the pointer, for a tooltip:
 * "AE cumulées, mars 2024 : 1 703 367 €". NULL when out of range. */
char          *trj_chart_model_describe_point (const TrjChartModel *model,
                                               guint series, guint index);
/* The whole chart as text (accessible description, reports). */
char          *trj_chart_model_to_text (const TrjChartModel *model);
/* Formats a value of a unit the French way ("1 703 367 €", "50,0 %", "25 h"). */
char          *trj_chart_format_value (TrjChartUnit unit, double value);
/* Same, compact, for axes ("1,2 M€", "50 %"). */
char          *trj_chart_format_tick  (TrjChartUnit unit, double value);

const char    *trj_chart_kind_to_string   (TrjChartKind kind);
gboolean       trj_chart_kind_from_string (const char *s, TrjChartKind *out);
/* Translated name of a kind ("Trajectoire AE/CP"). */
const char    *trj_chart_kind_title       (TrjChartKind kind);
/* Translated name of an envelope id ("PEC et CIE tous publics"); the id if unknown. */
const char    *trj_chart_envelope_title   (const char *envelope_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjChartModel, trj_chart_model_free)

G_END_DECLS
