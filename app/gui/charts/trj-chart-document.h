/* trj-chart-document.h — chart models and reports of an open workbook
 *
 * The charts page, the presentation window, the image export and the report
 * all take their figures from the TrjDocument (current scenario, its result);
 * a scenario comparison takes every scenario of the workbook.
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-chart-model.h"
#include "trj-document.h"
#include "trj-report.h"

G_BEGIN_DECLS

/* envelope_id NULL: the whole region. */
TrjChartModel *trj_chart_document_build_model   (TrjDocument   *document,
                                                 TrjChartKind   kind,
                                                 const char    *envelope_id,
                                                 TrjChartGroup  group,
                                                 GError       **error);
TrjReport     *trj_chart_document_build_report  (TrjDocument *document, GError **error);
/* The current scenario's name (transfer full), NULL when unknown. */
char          *trj_chart_document_scenario_name (TrjDocument *document);
/* A file name for exports: "Bretagne - Notification" (transfer full). */
char          *trj_chart_document_file_stem     (TrjDocument *document);

/* Shows a French error in a modal message dialog over parent. */
void           trj_chart_show_error             (GtkWidget *parent, const char *heading, const GError *error);
/* Says an export was written, in a toast of parent's window. */
void           trj_chart_show_done              (GtkWidget *parent, const char *message);

G_END_DECLS
