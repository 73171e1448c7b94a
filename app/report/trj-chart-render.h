/* trj-chart-render.h — draws a chart model with cairo and pango
 *
 * One pure function for every chart kind, shared by the widget
 * (gtk_snapshot_append_cairo), the PNG/SVG/PDF exports, the report and the tests.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "trj-chart-layout.h"
#include "trj-chart-model.h"
#include "trj-chart-style.h"

G_BEGIN_DECLS

/* Draws model in the rectangle (0, 0, width, height) of cr, background
 * included. hover (may be NULL) is highlighted. layout (may be NULL) receives
 * the labels and hoverable marks. */
void   trj_chart_render (cairo_t             *cr,
                         PangoContext        *context,
                         double               width,
                         double               height,
                         const TrjChartStyle *style,
                         const TrjChartModel *model,
                         const TrjChartHover *hover,
                         TrjChartLayout      *layout);

/* A 1–2–5 step giving about target_ticks intervals over span. */
double trj_chart_nice_step  (double span, guint target_ticks);
/* Widens [lo, hi] to multiples of a 1–2–5 step. */
void   trj_chart_nice_range (double lo, double hi, guint target_ticks,
                             double *nice_lo, double *nice_hi, double *step);

G_END_DECLS
