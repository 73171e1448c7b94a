/* trj-landing.h — « Atterrissage » in the window (MODEL 8): the projected
 * December AE and CP of each envelope and line against the envelope, and the
 * drift split by cause
 *
 * The engine computes the landing (trj_landing_compute); this is its view,
 * read only: a grid of every envelope followed by its lines, the AE or the CP
 * (a switch), with the programmed amount, the landing, the amount available
 * and the margin (envelopes), then the drift by cause — volume, rate, hours,
 * duration, cofinancing, execution gap — and the total. The projection of the
 * months after the actuals is switched between the observed and the programmed
 * parameters. The reference scenario P is the last version sent, else the
 * scenario shown (as `trajectoire-cli landing` without --scenario). Without
 * actuals the window says how to import them.
 *
 * Amounts are shown to the euro; the causes are rounded by the largest
 * remainder so that the causes shown add up exactly to the total shown, which
 * is the landing shown minus the programmed amount shown.
 */
#pragma once

#include <adwaita.h>

#include "trj-actuals.h"
#include "trj-chart-model.h"
#include "trj-document.h"
#include "trj-grid.h"

G_BEGIN_DECLS

/* P: the scenario of the version sent last, else the document's current one. */
gint64      trj_landing_reference_id   (TrjDocument *document);
/* The landing of P (transfer full) with *reference set to P (transfer full)
 * and *name to its name (may be NULL); NULL without error when the workbook
 * has no actuals. */
TrjLanding *trj_landing_for_document   (TrjDocument   *document,
                                        TrjProjection  projection,
                                        TrjScenario  **reference,
                                        char         **name,
                                        GError       **error);

/* The chart « Réalisé et atterrissage AE/CP » (TRJ_CHART_LANDING) of an
 * envelope (NULL: the region), observed projection; NULL with a French
 * message when there are no actuals. */
TrjChartModel *trj_landing_chart_model (TrjDocument *document, const char *envelope_id, GError **error);
/* TRUE when the workbook holds actuals (the chart and the report page apply). */
gboolean    trj_landing_has_actuals    (TrjDocument *document);

/* « Reprogrammer »: a new scenario from the landing of the reference
 * (trj_workbook_reprogram), shown; the outcome in the parent's toast.
 * Returns its id, 0 with the store's French message in the toast. */
gint64      trj_landing_reprogram      (GtkWindow *parent, TrjDocument *document);

/* Rounds values[0..n) to whole euros so that they add up to total (a whole
 * number of euros), by the largest remainder: each value is floored, then the
 * euros left go to the largest fractional parts. */
void        trj_landing_round_to_total (const double *values, guint n, double total, double *rounded);

typedef enum {
  TRJ_LANDING_COLUMN_NAME,
  TRJ_LANDING_COLUMN_PROGRAMMED,
  TRJ_LANDING_COLUMN_LANDING,
  TRJ_LANDING_COLUMN_AVAILABLE,
  TRJ_LANDING_COLUMN_MARGIN,
  TRJ_LANDING_COLUMN_VOLUME,
  TRJ_LANDING_COLUMN_RATE,
  TRJ_LANDING_COLUMN_HOURS,
  TRJ_LANDING_COLUMN_DURATION,
  TRJ_LANDING_COLUMN_COFINANCING,
  TRJ_LANDING_COLUMN_EXECUTION_GAP,
  TRJ_LANDING_COLUMN_TOTAL,
  TRJ_N_LANDING_COLUMNS
} TrjLandingColumn;

#define TRJ_TYPE_LANDING_WINDOW (trj_landing_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjLandingWindow, trj_landing_window, TRJ, LANDING_WINDOW, AdwWindow)

TrjLandingWindow *trj_landing_window_new            (GtkWindow *parent, TrjDocument *document);
/* The switches (their toggle buttons do the same). */
void              trj_landing_window_set_projection (TrjLandingWindow *self, TrjProjection projection);
TrjProjection     trj_landing_window_get_projection (TrjLandingWindow *self);
/* FALSE: the AE; TRUE: the CP. */
void              trj_landing_window_set_show_cp    (TrjLandingWindow *self, gboolean cp);
/* Toggle buttons by name: "observed", "programmed", "ae", "cp". */
GtkToggleButton  *trj_landing_window_get_toggle     (TrjLandingWindow *self, const char *name);
TrjGrid          *trj_landing_window_get_grid       (TrjLandingWindow *self);
/* « Reprogrammer » (trj_landing_reprogram, then the window closes). */
GtkButton        *trj_landing_window_get_reprogram_button (TrjLandingWindow *self);
/* The window's subtitle (« données à fin juin · référence : Programmation »). */
const char       *trj_landing_window_get_subtitle   (TrjLandingWindow *self);
/* The GEIQ « prévisions d'atterrissage » shown (hires to date, aids and AE
 * in December, per GEIQ line with actuals), NULL when none is. */
const char       *trj_landing_window_get_geiq_text  (TrjLandingWindow *self);
/* TRUE while the empty state (no actuals) is shown. */
gboolean          trj_landing_window_is_empty       (TrjLandingWindow *self);
/* The text of a cell as the grid shows it, and the grid's row of a line
 * (-1 when absent) or of an envelope (line_id NULL). */
char             *trj_landing_window_get_text       (TrjLandingWindow *self, guint row, guint column);
int               trj_landing_window_find_row       (TrjLandingWindow *self, const char *envelope_id,
                                                     const char *line_id);

G_END_DECLS
