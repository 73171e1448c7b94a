/* trj-actuals.h — what happened, month by month, per line (MODEL 8), and the
 * year-end landing computed from it
 *
 * Actuals belong to the workbook's year, not to a scenario: each row names the
 * line id it was matched to. A value not reported is NAN.
 */
#pragma once

#include "trj-catalog.h"
#include "trj-engine.h"

G_BEGIN_DECLS

typedef struct {
  char *line;               /* the line id */
  char *envelope;           /* its envelope id */
  guint month;              /* 0..11 */
  /* Contract lines: the entries of the month and their observed averages. */
  double entries;
  double rate;
  double weekly_hours;
  double duration_months;
  double cofinanced_share;
  /* Post-aid lines: realised ETP of the month. */
  double etp;
  /* As the ASP reports them. */
  double ae;
  double cp;
} TrjActual;

typedef struct {
  GArray *rows;             /* TrjActual, sorted by line then month, one per (line, month) */
} TrjActuals;

TrjActuals      *trj_actuals_new        (void);
TrjActuals      *trj_actuals_copy       (const TrjActuals *actuals);
void             trj_actuals_free       (TrjActuals *actuals);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjActuals, trj_actuals_free)
/* Adds a copy of row, replacing the row of the same line and month. */
void             trj_actuals_set        (TrjActuals *actuals, const TrjActual *row);
const TrjActual *trj_actuals_find       (const TrjActuals *actuals, const char *line, guint month);
/* T, the month of the actuals (« données à fin T »): 1..12, the last month with
 * a row; 0 when there is none. */
guint            trj_actuals_last_month (const TrjActuals *actuals);
/* Each value within the catalogue's limits (the observed parameters those of
 * the line's parameters, TRJ_PARAM_ACTUAL_* for the rest), at least one value
 * reported. The message names the value (TRJ_ENGINE_ERROR_INVALID). */
gboolean         trj_actual_check       (const TrjActual *row, GError **error);

/* ── The landing (atterrissage) ─────────────────────────────────────────── */

typedef enum {
  TRJ_PROJECTION_OBSERVED,    /* months after T at the observed averages to T */
  TRJ_PROJECTION_PROGRAMMED,  /* months after T at the programmed parameters */
} TrjProjection;

const char *trj_projection_to_string   (TrjProjection projection);
gboolean    trj_projection_from_string (const char *s, TrjProjection *out);

/* The causes of the drift, in the order of the sequential substitution. */
typedef enum {
  TRJ_CAUSE_VOLUME,
  TRJ_CAUSE_RATE,
  TRJ_CAUSE_HOURS,
  TRJ_CAUSE_DURATION,
  TRJ_CAUSE_COFINANCING,
  TRJ_CAUSE_EXECUTION_GAP,
  TRJ_N_CAUSES
} TrjCause;

/* "volume", "rate", "hours", "duration", "cofinancing", "execution_gap" */
const char *trj_cause_to_string (TrjCause cause);

typedef struct {
  double ae_programmed, ae_landing;
  double cp_programmed, cp_landing;
  double ae_available, cp_available;   /* envelopes only (NAN for lines) */
  double ae_drift[TRJ_N_CAUSES];       /* Σ = ae_landing − ae_programmed */
  double cp_drift[TRJ_N_CAUSES];
} TrjLandingFigures;

/* An observed parameter that leaves the programmed one by more than the
 * tolerance (ACTUAL_DRIFT). */
typedef struct {
  guint envelope, line;                /* indexes in the programmed scenario */
  TrjParam param;                      /* TRJ_PARAM_RATE, _WEEKLY_HOURS, _DURATION_MONTHS, _COFINANCED_SHARE */
  double observed, programmed, tolerance;
} TrjLandingDrift;

typedef struct {
  guint month;                         /* T */
  TrjProjection projection;
  guint n_envelopes;
  TrjLandingFigures *envelopes;        /* in the programmed scenario's order */
  guint n_lines;
  TrjLandingFigures *lines;            /* all lines, envelope by envelope */
  GArray *drifts;                      /* TrjLandingDrift */
  /* The landing of each line month by month (AE and CP), for the chart. */
  double (*ae_months)[TRJ_MONTHS];
  double (*cp_months)[TRJ_MONTHS];
} TrjLanding;

/* Tolerances of ACTUAL_DRIFT (MODEL 8): 2 points of rate, 1 hour, 0.5 month,
 * 5 points of cofinancing. */
#define TRJ_DRIFT_TOLERANCE_RATE        0.02
#define TRJ_DRIFT_TOLERANCE_HOURS       1.0
#define TRJ_DRIFT_TOLERANCE_DURATION    0.5
#define TRJ_DRIFT_TOLERANCE_COFINANCING 0.05

/* The tolerances of ACTUAL_DRIFT, in the parameters' units (a share for the
 * rate and the cofinancing: 0.02 is 2 points); the user sets them in the
 * preferences (MODEL 8). */
typedef struct {
  double rate, hours, duration, cofinancing;
} TrjDriftTolerance;

/* The defaults above. */
void        trj_drift_tolerance_init (TrjDriftTolerance *tolerance);
/* The tolerance of one of the four parameters (NAN for another). */
double      trj_drift_tolerance_get  (const TrjDriftTolerance *tolerance, TrjParam param);

/* GEIQ lines (MODEL 3, 8): their actuals' `ETP` is the aids hired in the
 * month, and their landing the hires to T then, after T, the pace of the
 * hires to date (observed) or P's aids of those months by its hiring profile
 * (programmed): the « prévisions d'atterrissage » of the circular. */
gboolean    trj_landing_is_geiq (TrjLineKind kind);
/* The hires of a GEIQ line month by month in its landing (those to T, then
 * the projection's) and *to_date those to T; FALSE when the line has no
 * actuals (it lands as P's). */
gboolean    trj_landing_geiq_hires (const TrjLine *line, const TrjActuals *actuals, guint T,
                                    TrjProjection projection, double hires[TRJ_MONTHS], double *to_date);

/* MODEL 8: the landing of `programmed` (P) with the actuals to month T. Rows of
 * lines P does not have are ignored. Drifts with the default tolerances. */
TrjLanding *trj_landing_compute (const TrjScenario *programmed,
                                 const TrjActuals  *actuals,
                                 TrjProjection      projection,
                                 const TrjRules    *rules,
                                 GError           **error);
/* The same with the tolerances given (NULL: the defaults); each must be
 * finite and ≥ 0. */
TrjLanding *trj_landing_compute_with_tolerance (const TrjScenario       *programmed,
                                                const TrjActuals        *actuals,
                                                TrjProjection            projection,
                                                const TrjRules          *rules,
                                                const TrjDriftTolerance *tolerance,
                                                GError                 **error);
void        trj_landing_free    (TrjLanding *landing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjLanding, trj_landing_free)

G_END_DECLS
