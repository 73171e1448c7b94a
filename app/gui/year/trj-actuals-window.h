/* trj-actuals-window.h — « Saisir le réalisé » (MODEL 8): the actuals typed
 * in a grid
 *
 * One row per contract or post-aid line of the scenario shown and per month
 * (free lines have no actuals): the entries of the month and their observed
 * rate, weekly hours, duration and cofinanced share for a contract line, the
 * realised ETP for a post-aid line, and the AE and CP the ASP reports. The
 * project's TrjGrid with its French input rules (« 12 », « 55 » or « 55 % »,
 * « 1 234,5 € »); an empty cell is a value not reported. A refused value keeps
 * the cell as it was and the French reason is shown beside it; each edit is
 * one undo step « Saisir le réalisé » (a paste one step too), Ctrl+Z / Ctrl+Maj+Z
 * in the window. Actuals belong to the year, matched to the lines of the
 * scenario shown; while that scenario is a version sent, the grid is read
 * only (every value refused with the reason, a banner says it).
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"
#include "trj-grid.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_ACTUALS_COLUMN_LINE,
  TRJ_ACTUALS_COLUMN_MONTH,
  TRJ_ACTUALS_COLUMN_ENTRIES,
  TRJ_ACTUALS_COLUMN_RATE,
  TRJ_ACTUALS_COLUMN_HOURS,
  TRJ_ACTUALS_COLUMN_DURATION,
  TRJ_ACTUALS_COLUMN_COFINANCING,
  TRJ_ACTUALS_COLUMN_ETP,
  TRJ_ACTUALS_COLUMN_AE,
  TRJ_ACTUALS_COLUMN_CP,
  TRJ_N_ACTUALS_COLUMNS
} TrjActualsColumn;

#define TRJ_TYPE_ACTUALS_WINDOW (trj_actuals_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjActualsWindow, trj_actuals_window, TRJ, ACTUALS_WINDOW, AdwWindow)

TrjActualsWindow *trj_actuals_window_new         (GtkWindow *parent, TrjDocument *document);
TrjGrid          *trj_actuals_window_get_grid    (TrjActualsWindow *self);
/* The grid row of a line's month (0..11), -1 when the line has none. */
int               trj_actuals_window_find_row    (TrjActualsWindow *self, const char *line, guint month);
/* The read-only banner's text, NULL when hidden. */
const char       *trj_actuals_window_get_banner  (TrjActualsWindow *self);

G_END_DECLS
