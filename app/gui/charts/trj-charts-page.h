/* trj-charts-page.h — « Graphiques »: the charts of an open workbook, live
 *
 * An envelope (or the whole region) and a chart kind picked from the toolbar;
 * the chart follows every edit (TrjDocument "updated"). Its menu exports the
 * image, exports or prints the report and starts the presentation mode.
 * Actions: charts.export-image, charts.export-report, charts.print,
 * charts.present.
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-chart-model.h"
#include "trj-chart-view.h"
#include "trj-document.h"

G_BEGIN_DECLS

/* Name of the charts page in the window's content stack and sidebar. */
#define TRJ_CHARTS_PAGE_NAME "charts"

#define TRJ_TYPE_CHARTS_PAGE (trj_charts_page_get_type ())
G_DECLARE_FINAL_TYPE (TrjChartsPage, trj_charts_page, TRJ, CHARTS_PAGE, GtkWidget)

TrjChartsPage *trj_charts_page_new          (TrjDocument *document);
/* NULL: the whole region. Unknown ids are ignored. */
void           trj_charts_page_set_envelope (TrjChartsPage *self, const char *envelope_id);
const char    *trj_charts_page_get_envelope (TrjChartsPage *self);
void           trj_charts_page_set_kind     (TrjChartsPage *self, TrjChartKind kind);
TrjChartKind   trj_charts_page_get_kind     (TrjChartsPage *self);
TrjChartView  *trj_charts_page_get_view     (TrjChartsPage *self);
/* Starts the presentation mode on the chart shown. */
GtkWindow     *trj_charts_page_present      (TrjChartsPage *self);

G_END_DECLS
