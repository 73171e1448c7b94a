/* trj-chart-export-dialog.h — « Exporter l'image… »: format and size, then a file */
#pragma once

#include <gtk/gtk.h>

#include "trj-chart-model.h"

G_BEGIN_DECLS

/* Asks for a format (PNG, SVG, PDF) and a size (default 1600 × 900, a 16:9
 * slide), then for a file (native chooser), and writes the chart there in the
 * light style. Takes ownership of model. file_stem names the suggested file. */
void trj_chart_export_dialog_run (GtkWidget *parent, TrjChartModel *model, const char *file_stem);

G_END_DECLS
