/* trj-chart-view.h — shows a chart model, with hover, tooltips and theme colours
 *
 * Draws through trj_chart_render() (gtk_snapshot_append_cairo) with a style
 * taken from the theme: the accent colour for AE, dark mode, the view colours.
 * The pointer (or the arrow keys, when focused) highlights the nearest point
 * or bar and the tooltip gives its exact value; the accessible description is
 * the chart as text.
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-chart-layout.h"
#include "trj-chart-model.h"
#include "trj-chart-style.h"

G_BEGIN_DECLS

#define TRJ_TYPE_CHART_VIEW (trj_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TrjChartView, trj_chart_view, TRJ, CHART_VIEW, GtkWidget)

GtkWidget           *trj_chart_view_new            (void);
/* Takes ownership of model (NULL: empty). */
void                 trj_chart_view_set_model      (TrjChartView *self, TrjChartModel *model);
const TrjChartModel *trj_chart_view_get_model      (TrjChartView *self);
/* Text size factor (presentation mode: larger type). Default 1. */
void                 trj_chart_view_set_text_scale (TrjChartView *self, double scale);
/* The style the view draws with, from the current theme. */
void                 trj_chart_view_get_style      (TrjChartView *self, TrjChartStyle *style);
/* The hovered point or bar; FALSE when none. */
gboolean             trj_chart_view_get_hover      (TrjChartView *self, TrjChartHover *hover);
/* Labels and marks of the last drawing (hit-testing, tests). */
const TrjChartLayout *trj_chart_view_get_layout    (TrjChartView *self);
/* Moves the highlight as the arrow keys do: index_step along the categories
 * (months, départements, values), series_step across the series. FALSE when
 * there is no mark that way. */
gboolean             trj_chart_view_move_hover     (TrjChartView *self, int index_step, int series_step);
/* Moves the pointer highlight as a motion at (x, y) would (tests, keyboard). */
void                 trj_chart_view_hover_at       (TrjChartView *self, double x, double y);

G_END_DECLS
