/* trj-chart-actions.h — the main window's chart and report actions
 *
 *   win.show-charts    « Graphiques »: the charts page of the workbook
 *   win.present        « Présentation » (F5): fullscreen, one chart per screen
 *   win.print          « Imprimer le rapport… » (Ctrl+P)
 *   win.export-report  « Exporter le rapport… » (PDF)
 *
 * TrjWindow installs them from its class_init; they act on the window's
 * document (trj_window_get_document) and do nothing on the start page.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Name of the charts page in the window's content stack and sidebar. */
#define TRJ_CHARTS_PAGE_NAME "charts"

void trj_chart_actions_install (GtkWidgetClass *window_class);

G_END_DECLS
