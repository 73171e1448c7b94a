/* trj-engine.h — the calculation model of MODEL.md, pure computation
 *
 * Usage:
 *   g_autoptr(TrjResult) res = trj_result_new (scenario);
 *   trj_engine_compute (scenario, rules, res);     // no allocation, no I/O
 *
 * A result is shaped after one scenario (number of envelopes and lines); after a
 * structural change (line added or removed) call trj_result_new again, or
 * trj_result_reshape. Figures are unrounded doubles.
 */
#pragma once

#include "trj-types.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_ALERT_RATE_OUT_OF_RANGE,
  TRJ_ALERT_HOURS_OUT_OF_RANGE,
  TRJ_ALERT_DURATION_OUT_OF_RANGE,
  TRJ_ALERT_AE_OVER_ENVELOPE,
  TRJ_ALERT_CP_OVER_ENVELOPE,
  TRJ_ALERT_COFINANCING_BELOW_TARGET,
  TRJ_ALERT_RATE_ABOVE_AVERAGE,
  TRJ_ALERT_FUNGIBILITY_OVER_CEILING,
  TRJ_ALERT_COFINANCING_EXCEEDS_AID,
  TRJ_ALERT_IAE_BELOW_BASE,
  TRJ_ALERT_IAE_ABOVE_BASE,
  TRJ_ALERT_IAE_UNDER_REALISED,
  TRJ_ALERT_ALLOCATION_EXCEEDED,    /* issue 16: a département's lines above its allocation */
  TRJ_ALERT_PUBLIC_TARGET_MISSED,
  TRJ_ALERT_RENEWAL_TOO_LONG,
  TRJ_N_ALERT_CODES
} TrjAlertCode;

/* MODEL 5: an alert asks for a change; an information only states a figure. */
typedef enum {
  TRJ_SEVERITY_ALERT,
  TRJ_SEVERITY_INFO,
} TrjSeverity;

typedef struct {
  TrjAlertCode code;
  int envelope;     /* index in scenario->envelopes, -1 for region-wide */
  int line;         /* index in the envelope's lines, -1 for the envelope */
  double value;     /* the offending value (rate, hours, months, amount, share) */
  double limit_lo;  /* the range or ceiling it breaks */
  double limit_hi;
  /* RATE_ABOVE_AVERAGE: the programmed volume and the capacity at that rate. */
  double volume;
  double capacity;
  TrjSeverity severity;   /* last: positional initialisers of the fields above stay valid */
  /* IAE_BELOW_BASE, IAE_ABOVE_BASE: the flags the line lacks (TrjIaeNeeds,
   * trj-iae.h); IAE_UNDER_REALISED: the ASP's alert month (5 or 10). */
  guint needs;
  int month;
  /* ALLOCATION_EXCEEDED: the index of the allocation in the envelope's; value
   * and limit_hi its lines' AE and its AE, volume and capacity its lines'
   * volume and its volume. */
  int allocation;
  /* PUBLIC_TARGET_MISSED: the public (TrjPublic) under its target. */
  int public_;
  /* A range alert of a line that carries a justification (MODEL 2.8): it
   * reads as an exceptional request. */
  gboolean exception_requested;
} TrjAlert;

/* Years after Y in which this year's cohorts can still be paid: a contract of
 * at most 24 months entering in December, paid at most 6 months later, ends in
 * Y+3 (the hard limits of trj_scenario_validate). */
#define TRJ_LATER_YEARS 3

typedef struct {
  double ae[TRJ_MONTHS];
  double cp[TRJ_MONTHS];
  double ae_cum[TRJ_MONTHS];
  double cp_cum[TRJ_MONTHS];
  double ae_total;
  double cp_total;
  double cp_stock;        /* part of cp_total that pays last year's cohorts */
  double cp_after_year;   /* what this year's cohorts still owe after December */
  /* The part of cp[m] that pays last year's cohorts (Σ = cp_stock), and
   * cp_after_year by the year it falls due: Y+1, Y+2, Y+3 (Σ = cp_after_year;
   * what a free line has not scheduled counts for Y+1). */
  double cp_stock_month[TRJ_MONTHS];
  double cp_after_by_year[TRJ_LATER_YEARS];
  double volume;          /* Σ entries (contracts) or Σ quantity (post-aid) */
  /* MODEL 3: the AE per contract is over contract lines only (NAN when they
   * have no volume); the AE per unit is ae_total / volume, in the line's unit
   * (ETP, aides) for a post-aid line. */
  double ae_per_contract;
  double ae_per_unit;
  double contract_ae;     /* the AE and volume of the contract lines counted */
  double contract_volume;
  /* A post-aid line: the département's cofinancing before its cap at the
   * socle, and the socle (COFINANCING_EXCEEDS_AID when the first is above). */
  double cofinancing_asked;
  double socle;
} TrjFigures;

typedef struct {
  TrjFigures f;
} TrjLineResult;

typedef struct {
  TrjFigures f;
  double ae_available;    /* notified after fungibility */
  double cp_available;
  double ae_margin;
  double cp_margin;
  double ae_consumption;  /* ae_total / ae_available, NAN when available is 0 */
  double cp_consumption;  /* (cp counted in the margin) / cp_available */
  /* ⌊(ae_available − AE of the other lines) / ae_per_contract⌋, NAN when undefined */
  double capacity;
  /* FDI and other free lines funded from another envelope's margins
   * (funded_from): the AE and CP this envelope lends them, or, for the
   * envelope holding them, receives (negative). Already in the available. */
  double ae_lent, cp_lent;
  /* Volume-weighted averages of the contract lines (NAN when volume is 0). */
  double avg_rate, avg_hours, avg_duration, avg_cofinancing;
  /* MODEL 2.8: the entry-weighted share of each public and of renewals over
   * the contract lines (a line that gives none counts 0), NAN when no
   * contract line of the envelope gives it or there is no entry. */
  double public_share[TRJ_N_PUBLICS];
  double renewal_share;
  guint first_line;       /* index of its first line in TrjResult.lines */
  guint n_lines;
} TrjEnvelopeResult;

/* Partial sums by blocks of lines, so that an edit of one line adds again
 * one block and the envelope's blocks (trj_engine_compute_line). */
typedef struct _TrjResultBlocks TrjResultBlocks;

typedef struct {
  TrjFigures region;
  guint n_envelopes;
  TrjEnvelopeResult *envelopes;
  guint n_lines;
  TrjLineResult *lines;           /* all lines, envelope by envelope, in order */
  /* Alerts, in a preallocated array. */
  TrjAlert *alerts;
  guint n_alerts;
  guint alerts_capacity;
  double territorial_ceiling;     /* 0.44 % of all FIE AE notified */
  TrjResultBlocks *blocks;        /* private */
} TrjResult;

TrjResult *trj_result_new      (const TrjScenario *scenario);
void       trj_result_reshape  (TrjResult *result, const TrjScenario *scenario);
void       trj_result_free     (TrjResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjResult, trj_result_free)

/* Result of one line, by envelope and line index. */
const TrjLineResult *trj_result_line (const TrjResult *result, guint envelope, guint line);

/* Computes every figure of MODEL 2.4, 3 and the alerts of section 5.
 * The scenario must be valid (trj_scenario_validate); rules may be NULL (no range
 * alerts). Returns FALSE, with error, only when a reference series does not
 * cover a month the computation needs. */
gboolean trj_engine_compute (const TrjScenario *scenario,
                             const TrjRules    *rules,
                             TrjResult         *result,
                             GError           **error);

/* After an edit of the values of one line (issue 17): computes that line's
 * figures again, then its block of lines, its envelope and the region from
 * the partial sums already in result, and replaces the line's and the
 * envelope's alerts — the very figures and alerts of trj_engine_compute (the
 * sums are added in the same order), at the cost of one line and a few
 * hundred additions rather than every line. result must hold the figures of
 * a successful trj_engine_compute (or of this function) of the scenario as it
 * was before the edit, with the same rules; `before` is the line as it was
 * (NULL: unknown). A line that lends to another envelope's margins before or
 * after (a funded free line), or `before` NULL, takes the sums of every line
 * again (still not their figures). After anything else (a line added,
 * removed or moved, the reference values, several lines) call
 * trj_engine_compute. */
gboolean trj_engine_compute_line (const TrjScenario *scenario,
                                  const TrjRules    *rules,
                                  TrjResult         *result,
                                  guint              envelope,
                                  guint              line,
                                  const TrjLine     *before,
                                  GError           **error);

/* Checks the hard limits of MODEL 2.1 and 3. The message names the key path
 * ("envelopes[0].lines[2].rate: 1.4 is above 1") in the user's language. */
gboolean trj_scenario_validate (const TrjScenario *scenario, GError **error);
/* Issue 16: an envelope's allocations and CAOM (index: its place, for the key
 * paths of the message) within the catalogue's limits, each once. */
gboolean trj_envelope_validate_share (const TrjEnvelope *env, guint index, GError **error);
/* A département code as the INSEE writes it ("29", "2A", "974"). */
gboolean trj_departement_code_valid (const char *code);

/* An overrun of an envelope below half a cent is none: it shows as 0 € and
 * raises no alert (MODEL 2.5: the AE is the target to the cent). */
#define TRJ_OVERRUN_EPSILON 0.005

/* MODEL 2.5 */
typedef enum {
  TRJ_UNKNOWN_VOLUME,
  TRJ_UNKNOWN_RATE,
  TRJ_UNKNOWN_HOURS,
  TRJ_UNKNOWN_DURATION,
  TRJ_UNKNOWN_COFINANCING,
} TrjUnknown;

const char *trj_unknown_to_string   (TrjUnknown unknown);
gboolean    trj_unknown_from_string (const char *s, TrjUnknown *out);
/* Hard limits of the unknown, the catalogue's (for "no solution in [lo, hi]"):
 * the bisection brackets the closed interval, the open bound included. */
void        trj_unknown_limits      (TrjUnknown unknown, double *lo, double *hi);

/* Finds the value of `unknown` on line `line_id` that makes its envelope's ae_total
 * equal to `target` (pass NAN for the envelope's ae_available). The scenario is not
 * modified. On success *value is the solution in the unit of the JSON key and
 * *ae_total the envelope's AE with it. Errors: TRJ_ENGINE_ERROR_NO_SOLUTION,
 * TRJ_ENGINE_ERROR_UNKNOWN_LINE, TRJ_ENGINE_ERROR_INVALID. */
gboolean trj_engine_solve (const TrjScenario *scenario,
                           const char        *line_id,
                           TrjUnknown         unknown,
                           double             target,
                           double            *value,
                           double            *target_out,
                           double            *ae_total,
                           GError           **error);

/* What applying a solution writes (MODEL 2.5): a copy of the line with the
 * solved `value` rounded towards the side that keeps the envelope's AE at most
 * `target` (a value from trj_engine_solve and its *target_out): a volume in
 * whole contracts (whole monthly entries for a line given month by month),
 * one fewer while the envelope would be over; another unknown as solved, or a
 * hair towards the safe side. *ae_total is the envelope's AE with the line,
 * computed on the whole scenario as the figures shown are. */
gboolean trj_engine_solve_settle (const TrjScenario *scenario,
                                  const char        *line_id,
                                  TrjUnknown         unknown,
                                  double             value,
                                  double             target,
                                  TrjLine          **settled,
                                  double            *ae_total,
                                  GError           **error);
/* Over an envelope (MODEL 2.5): one unknown for every contract line of the
 * envelope at once — one common rate, hours, duration or cofinanced share, or
 * every volume multiplied by one factor — that brings the envelope's AE to
 * `ae_target` (NAN: its available AE); with `with_cp`, also the slope of the
 * entry profile's ramp (2.7) that brings its CP of the year to `cp_target`
 * (NAN: its available CP). `lines` holds the envelope's contract lines as
 * applying writes them (whole volumes; the envelope's AE at most the target,
 * never half a cent over), and the figures are those of the whole scenario
 * with them: what is previewed is what is applied. */
typedef struct {
  TrjUnknown unknown;
  double value;          /* the common value; for the volume, the factor */
  double ae_target;
  double ae_total;
  gboolean with_cp;
  double slope;          /* with_cp: the ramp's slope, in [−1, 1] */
  gboolean cp_reached;   /* with_cp: FALSE when the slope stopped at a bound */
  double cp_target;
  double cp_total;       /* the CP of the year the envelope's margin counts */
  GPtrArray *lines;      /* TrjLine*, owned */
} TrjEnvelopeSolution;

void     trj_envelope_solution_free (TrjEnvelopeSolution *solution);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjEnvelopeSolution, trj_envelope_solution_free)

/* Errors: TRJ_ENGINE_ERROR_NO_SOLUTION (out of reach, or no contract line, or
 * no volume to scale), TRJ_ENGINE_ERROR_INVALID (no such envelope). */
TrjEnvelopeSolution *trj_engine_solve_envelope (const TrjScenario *scenario,
                                                const char        *envelope_id,
                                                TrjUnknown         unknown,
                                                double             ae_target,
                                                gboolean           with_cp,
                                                double             cp_target,
                                                GError           **error);

/* Sets a whole volume: a VOLUME-mode line spreads it over its profile; a
 * monthly line gets whole entries in the proportions of its current ones. */
void     trj_line_set_whole_volume (TrjLine *line, guint volume);

/* Sets `unknown` of a line to value (volume scales the monthly entries, keeping the profile). */
void     trj_line_set_unknown (TrjLine *line, TrjUnknown unknown, double value);
double   trj_line_get_unknown (const TrjLine *line, TrjUnknown unknown);

/* MODEL 2.7: the calibrated entry profile, the ramp
 * w[m] = 1 + s · (m − 6.5) / 5.5 (m = 1 … 12), s in [−1, 1]; Σ w = 12. */
#define TRJ_PROFILE_SLOPE_MIN (-1.0)
#define TRJ_PROFILE_SLOPE_MAX 1.0
void     trj_profile_ramp (double slope, double profile[TRJ_MONTHS]);
/* Puts every contract line of the envelope on the ramp of `slope`, keeping
 * its volume (a VOLUME-mode line takes the ramp as its profile, a monthly
 * line its entries in the ramp's proportions). */
void     trj_envelope_set_ramp (TrjEnvelope *env, double slope);
/* Finds by bisection the slope s that makes the envelope's CP of the year
 * (the CP its margin counts: this year's cohorts, unless the notified CP
 * includes the stock) equal to its available CP (the notified CP after
 * fungibility), with its contract lines on the ramp and every other
 * parameter as they are; on the side where the CP is at most the target.
 * When no s in [−1, 1] reaches it, *slope is the bound that comes nearest
 * and *reached is FALSE (the CP alert stays). The scenario is not modified. */
gboolean trj_engine_calibrate_profile (const TrjScenario *scenario,
                                       const char        *envelope_id,
                                       double            *slope,
                                       gboolean          *reached,
                                       GError           **error);
/* The same towards `cp_target` rather than the available CP (NAN: available). */
gboolean trj_engine_calibrate_profile_to (const TrjScenario *scenario,
                                          const char        *envelope_id,
                                          double             cp_target,
                                          double            *slope,
                                          gboolean          *reached,
                                          GError           **error);
/* Calibrates and applies the ramp of every contrats aidés envelope (a new
 * workbook, `trajectoire-cli example`). */
gboolean trj_scenario_calibrate_profiles (TrjScenario *scenario, GError **error);

/* MODEL 2.6: checks the fungibility moves of a scenario: CIE jeunes → PEC only,
 * no more than CIE jeunes has notified, and (when rules is not NULL) initiatives
 * territoriales within the ceiling, which the message shows. */
gboolean trj_fungibility_validate (const TrjScenario *scenario, const TrjRules *rules, GError **error);
/* The envelope initiatives territoriales are taken from: the scenario's
 * initiatives_territoriales_source, by default the CIE jeunes → PEC target. */
const char *trj_fungibility_territorial_source (const TrjScenario *scenario);
/* The initiatives territoriales ceiling: share × Σ AE notified over all envelopes. */
double   trj_fungibility_territorial_ceiling (const TrjScenario *scenario, const TrjRules *rules);

#define TRJ_ENGINE_ERROR (trj_engine_error_quark ())
GQuark trj_engine_error_quark (void);

typedef enum {
  TRJ_ENGINE_ERROR_INVALID,         /* a value outside its hard limits */
  TRJ_ENGINE_ERROR_REFERENCE,       /* a reference series does not cover a month */
  TRJ_ENGINE_ERROR_NO_SOLUTION,     /* solver: target out of reach */
  TRJ_ENGINE_ERROR_UNKNOWN_LINE,    /* solver: no such line */
  TRJ_ENGINE_ERROR_FUNGIBILITY,     /* refused fungibility move */
} TrjEngineError;

const char *trj_alert_code_to_string (TrjAlertCode code);
const char *trj_severity_to_string   (TrjSeverity severity);   /* "alert", "info" */
/* The number of alerts of an envelope (-1: region-wide) of that severity. */
guint       trj_result_count_alerts  (const TrjResult *result, int envelope, TrjSeverity severity);

/* Amounts in the engine's messages ("Cannot move 1 234 € …") are formatted by
 * this function; programs set the French ICU formatter (trj_format_money) at
 * start-up. Default: "%.0f €". The function returns a newly allocated string. */
typedef char *(*TrjMoneyFormatter) (double euros);
void  trj_engine_set_money_formatter (TrjMoneyFormatter formatter);
char *trj_engine_format_money        (double euros);

/* Other figures of the engine's messages (a refused value and its limit:
 * « 1,4 est supérieur à 1 ») go through this one; programs set ICU's
 * (trj_format_install_in_engine). The default needs no locale: fifteen
 * significant digits and a decimal comma ("1,4", "0,1000001", "-1e+308"). */
typedef char *(*TrjNumberFormatter) (double value);
void  trj_engine_set_number_formatter (TrjNumberFormatter formatter);
char *trj_engine_format_number        (double value);

G_END_DECLS
