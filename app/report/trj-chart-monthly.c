/* trj-chart-monthly.c — AE and CP of each month as grouped vertical bars */
#include "config.h"

#include <math.h>

#include "trj-chart-render-private.h"

/* ── monthly: grouped vertical bars ──────────────────────────────────── */

void
trj_chart_render_monthly (TrjRenderCtx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  guint n_series = model->series->len;
  g_autofree TrjRenderLegendItem *items = g_new0 (TrjRenderLegendItem, n_series);
  double lo = 0, hi = 0, bottom, band, group_w, bar_w;
  TrjChartRect plot;
  TrjRenderAxis axis;

  trj_render_legend_from_series (ctx, items);
  for (guint s = 0; s < n_series; s++)
    items[s].shape = TRJ_RENDER_KEY_BAR;
  top = trj_render_draw_legend (ctx, items, n_series, top);

  for (guint s = 0; s < n_series; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);

      for (guint c = 0; c < model->n_categories; c++)
        {
          lo = MIN (lo, series->values[c]);
          hi = MAX (hi, series->values[c]);
        }
    }
  bottom = ctx->height - ctx->pad - trj_render_text_height (ctx, TRJ_RENDER_SIZE_LABEL) - 0.35 * ctx->em;
  trj_render_axis_init (&axis, lo, hi * 1.04, bottom - top, ctx->em, TRJ_CHART_UNIT_EUROS);
  plot.x = ctx->pad + trj_render_axis_label_width (ctx, &axis) + 0.5 * ctx->em;
  plot.y = top;
  plot.width = ctx->width - ctx->pad - plot.x;
  plot.height = bottom - top;
  band = plot.width / MAX (model->n_categories, 1);
  group_w = band * 0.74;
  bar_w = group_w / MAX (n_series, 1);

  trj_render_draw_value_axis_left (ctx, &axis, &plot);
  trj_render_draw_category_axis (ctx, &plot);

  for (guint s = 0; s < n_series; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);
      const TrjChartColor *color = trj_chart_style_series_color (ctx->style, series->color);

      for (guint c = 0; c < model->n_categories; c++)
        {
          double x = plot.x + band * c + (band - group_w) / 2 + s * bar_w;
          double y0 = trj_render_axis_y (&axis, &plot, 0);
          double y1 = trj_render_axis_y (&axis, &plot, series->values[c]);

          trj_render_set_color (ctx, color, trj_render_hover_alpha (ctx, s, c));
          cairo_rectangle (ctx->cr, x, MIN (y0, y1), bar_w * 0.9, fabs (y1 - y0));
          cairo_fill (ctx->cr);
          trj_render_add_target (ctx, s, c, (TrjChartRect) { x, plot.y, bar_w, plot.height }, x + bar_w * 0.45, y1);
        }
    }
}
