/* trj-national-window.h — « Vue nationale »: the regions' programmings side by side
 *
 * The DGEFP adds regional programming files (.xlsx), workbooks (.trajectoire:
 * their current scenario) or scenario documents (.json); the window shows a
 * table of regions × envelopes (notified and programmed AE, margin, capacity,
 * alerts), the national totals against the national notification, a chart of
 * AE consumption by region, and exports the consolidation as xlsx. A file that
 * cannot be read is refused with a French message and changes nothing.
 */
#pragma once

#include <adwaita.h>

#include "trj-consolidation.h"

G_BEGIN_DECLS

#define TRJ_TYPE_NATIONAL_WINDOW (trj_national_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjNationalWindow, trj_national_window, TRJ, NATIONAL_WINDOW, AdwWindow)

TrjNationalWindow *trj_national_window_new         (GtkApplication *application);

gboolean           trj_national_window_add_file    (TrjNationalWindow *self,
                                                    GFile             *file,
                                                    GError           **error);
gboolean           trj_national_window_export      (TrjNationalWindow *self,
                                                    GFile             *file,
                                                    GError           **error);
const TrjConsolidation *trj_national_window_get_consolidation (TrjNationalWindow *self);

/* Text of a cell of the table (row 0 and 1: headers), NULL when empty. */
const char        *trj_national_window_get_cell_text (TrjNationalWindow *self,
                                                      guint row, guint column);

G_END_DECLS
