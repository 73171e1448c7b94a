/* trj-compare-window.h — « Comparer des scénarios » (MODEL 9)
 *
 * A reference (by default the last version sent, else the scenario shown)
 * and the scenarios compared with it (check buttons; by default the one
 * shown, or the next one). The table of trj-compare.h in a read-only TrjGrid
 * (keyboard: the grid's own keys, Ctrl+C copies), a changed cell written
 * « ancien → nouveau » and marked, added and removed lines said in their
 * heading row; beside it, the overlay chart of the compared scenarios for the
 * envelope of the row under the cursor. « Exporter en xlsx… » and « Exporter
 * en PDF… » write the same table (and the charts, in the PDF). Follows the
 * workbook: an edit, a scenario added or renamed rebuilds it.
 */
#pragma once

#include <adwaita.h>

#include "trj-compare.h"
#include "trj-chart-view.h"
#include "trj-document.h"
#include "trj-grid.h"

G_BEGIN_DECLS

#define TRJ_TYPE_COMPARE_WINDOW (trj_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjCompareWindow, trj_compare_window, TRJ, COMPARE_WINDOW, AdwWindow)

TrjCompareWindow *trj_compare_window_new            (GtkWindow *parent, TrjDocument *document);

/* The widgets, for the tests: the reference's drop-down (the workbook's
 * scenarios in their order), the check button of scenario i in that order,
 * the table and the chart. */
GtkDropDown      *trj_compare_window_get_reference  (TrjCompareWindow *self);
guint             trj_compare_window_get_n_choices  (TrjCompareWindow *self);
GtkCheckButton   *trj_compare_window_get_check      (TrjCompareWindow *self, guint i);
TrjGrid          *trj_compare_window_get_grid       (TrjCompareWindow *self);
TrjChartView     *trj_compare_window_get_chart      (TrjCompareWindow *self);
/* « 12 changements » or why there is nothing to compare. */
const char       *trj_compare_window_get_status     (TrjCompareWindow *self);
/* The table shown, NULL while fewer than two scenarios are chosen. */
const TrjCompare *trj_compare_window_get_compare    (TrjCompareWindow *self);

/* What the export buttons write once a file is chosen. */
gboolean          trj_compare_window_write_xlsx     (TrjCompareWindow *self, const char *path, GError **error);
gboolean          trj_compare_window_write_pdf      (TrjCompareWindow *self, const char *path, GError **error);

G_END_DECLS
