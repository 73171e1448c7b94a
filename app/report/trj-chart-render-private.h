/* trj-chart-render-private.h — what the renderer of each chart kind shares
 *
 * trj_chart_render() sets up one TrjRenderCtx (canvas size, text unit, style,
 * model, hover, layout to fill), draws the frame and the header, then calls the
 * renderer of the model's kind (trj-chart-<kind>.c). The helpers here draw
 * texts (each recorded in the layout, optional ones skipped rather than drawn
 * over another), axes, legends and keys (trj-chart-draw.c).
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "trj-chart-render.h"

G_BEGIN_DECLS

#define TRJ_RENDER_SIZE_TITLE    1.3
#define TRJ_RENDER_SIZE_SUBTITLE 0.9
#define TRJ_RENDER_SIZE_LEGEND   0.9
#define TRJ_RENDER_SIZE_LABEL    0.82

typedef struct {
  cairo_t *cr;
  PangoLayout *text;
  PangoFontDescription *font;
  const TrjChartStyle *style;
  const TrjChartModel *model;
  const TrjChartHover *hover;
  TrjChartLayout *out;
  double width, height;
  double em;          /* base text size, pixels */
  double pad;
  double line_width;
} TrjRenderCtx;

typedef enum {
  TRJ_RENDER_KEY_LINE,
  TRJ_RENDER_KEY_DASHED,
  TRJ_RENDER_KEY_AREA,
  TRJ_RENDER_KEY_BAR,
} TrjRenderKey;

typedef struct {
  const char *name;
  const TrjChartColor *color;
  TrjRenderKey shape;
} TrjRenderLegendItem;

typedef struct {
  double lo, hi, step;
  TrjChartUnit unit;
} TrjRenderAxis;

typedef struct {
  double size;
  gboolean bold;
  const TrjChartColor *color;
  gboolean optional;    /* skipped when it would overlap a text or leave the canvas */
  double max_width;     /* ellipsized beyond, 0: no limit */
  gboolean backdrop;    /* on a patch of background, over lines drawn earlier */
} TrjRenderText;

/* Drawing: colours, hover fading, hit targets recorded in the layout. */
void trj_render_set_color (TrjRenderCtx *ctx, const TrjChartColor *color, double alpha);
gboolean trj_render_is_hovered (TrjRenderCtx *ctx, guint series, guint index);
double trj_render_hover_alpha (TrjRenderCtx *ctx, guint series, guint index);
void trj_render_add_target (TrjRenderCtx *ctx, guint series, guint index, TrjChartRect rect, double x, double y);
/* Texts: measured, and drawn with their (xalign, yalign) point at (x, y);
 * put_text returns FALSE when an optional text was skipped. */
void trj_render_measure (TrjRenderCtx *ctx, const char *text, double size, gboolean bold, double max_width, double *w, double *h);
gboolean trj_render_put_text (TrjRenderCtx *ctx, const char *text, double x, double y, double xalign, double yalign,
                              const TrjRenderText *ts, TrjChartRect *drawn);
TrjRenderText trj_render_text_style (TrjRenderCtx *ctx, double size, gboolean bold, const TrjChartColor *color, gboolean optional);
double trj_render_text_height (TrjRenderCtx *ctx, double size);
void trj_render_set_dash (TrjRenderCtx *ctx, gboolean dashed);
/* Value axes on 1–2–5 ticks; category labels one every few so that they never collide. */
void trj_render_axis_init (TrjRenderAxis *axis, double lo, double hi, double length, double em, TrjChartUnit unit);
double trj_render_axis_y (const TrjRenderAxis *axis, const TrjChartRect *plot, double v);
double trj_render_axis_x (const TrjRenderAxis *axis, const TrjChartRect *plot, double v);
double trj_render_axis_label_width (TrjRenderCtx *ctx, const TrjRenderAxis *axis);
void trj_render_draw_value_axis_left (TrjRenderCtx *ctx, const TrjRenderAxis *axis, const TrjChartRect *plot);
void trj_render_draw_value_axis_bottom (TrjRenderCtx *ctx, const TrjRenderAxis *axis, const TrjChartRect *plot, gboolean grid);
void trj_render_draw_category_axis (TrjRenderCtx *ctx, const TrjChartRect *plot);
/* Frame: title and subtitle (returns the y below), legend, the empty chart. */
double trj_render_draw_header (TrjRenderCtx *ctx);
double trj_render_draw_legend (TrjRenderCtx *ctx, const TrjRenderLegendItem *items, guint n_items, double y);
void trj_render_legend_from_series (TrjRenderCtx *ctx, TrjRenderLegendItem *items);
void trj_render_draw_empty (TrjRenderCtx *ctx, double top);

/* One renderer per kind, below the header that ends at top. */
void trj_chart_render_lines      (TrjRenderCtx *ctx, double top); /* trajectory, overlay */
void trj_chart_render_monthly    (TrjRenderCtx *ctx, double top);
void trj_chart_render_breakdown  (TrjRenderCtx *ctx, double top);
void trj_chart_render_parameters (TrjRenderCtx *ctx, double top);

G_END_DECLS
