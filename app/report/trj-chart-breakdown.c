/* trj-chart-breakdown.c — volumes and AE by département or prescriber, horizontal bars */
#include "config.h"

#include "trj-chart-render-private.h"

/* ── breakdown: two panels of horizontal bars sharing the categories ─── */

void
trj_chart_render_breakdown (TrjRenderCtx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  guint n = model->n_categories;
  guint n_panels = model->series->len;
  TrjRenderText heading = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LEGEND, TRUE, NULL, FALSE);
  TrjRenderText category = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, NULL, TRUE);
  TrjRenderText value = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  double label_w = 0, heading_h, bottom, panel_w, row_h, bar_h;

  if (n == 0 || n_panels == 0)
    {
      trj_render_draw_empty (ctx, top);
      return;
    }
  for (guint c = 0; c < n; c++)
    {
      double w, h;

      trj_render_measure (ctx, model->category_labels[c], TRJ_RENDER_SIZE_LABEL, FALSE, 0, &w, &h);
      label_w = MAX (label_w, w);
    }
  label_w = MIN (label_w, ctx->width * 0.25);
  category.max_width = label_w;
  heading_h = trj_render_text_height (ctx, TRJ_RENDER_SIZE_LEGEND) + 0.4 * ctx->em;
  bottom = ctx->height - ctx->pad - trj_render_text_height (ctx, TRJ_RENDER_SIZE_LABEL) - 0.35 * ctx->em;
  panel_w = (ctx->width - 2 * ctx->pad - label_w - 0.8 * ctx->em - (n_panels - 1) * 3.5 * ctx->em) / n_panels;
  row_h = (bottom - top - heading_h) / n;
  bar_h = MIN (row_h * 0.62, 2.2 * ctx->em);

  for (guint c = 0; c < n; c++)
    trj_render_put_text (ctx, model->category_labels[c], ctx->pad + label_w, top + heading_h + row_h * (c + 0.5),
                         1.0, 0.5, &category, NULL);

  for (guint p = 0; p < n_panels; p++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, p);
      const TrjChartColor *color = trj_chart_style_series_color (ctx->style, series->color);
      TrjChartRect plot;
      double hi = 0;
      TrjRenderAxis axis;

      plot.x = ctx->pad + label_w + 0.8 * ctx->em + p * (panel_w + 3.5 * ctx->em);
      plot.y = top + heading_h;
      plot.width = panel_w;
      plot.height = bottom - plot.y;
      for (guint c = 0; c < n; c++)
        hi = MAX (hi, series->values[c]);
      trj_render_axis_init (&axis, 0, hi * 1.02, plot.width * 0.7, ctx->em, series->unit);

      trj_render_put_text (ctx, series->name, plot.x, top, 0, 0, &heading, NULL);
      trj_render_draw_value_axis_bottom (ctx, &axis, &plot, TRUE);
      for (guint c = 0; c < n; c++)
        {
          double y = plot.y + row_h * (c + 0.5);
          double x0 = trj_render_axis_x (&axis, &plot, 0);
          double x1 = trj_render_axis_x (&axis, &plot, series->values[c]);
          g_autofree char *label = trj_chart_format_tick (series->unit, series->values[c]);

          trj_render_set_color (ctx, color, trj_render_hover_alpha (ctx, p, c));
          cairo_rectangle (ctx->cr, x0, y - bar_h / 2, x1 - x0, bar_h);
          cairo_fill (ctx->cr);
          trj_render_add_target (ctx, p, c, (TrjChartRect) { plot.x, y - row_h / 2, plot.width, row_h }, x1, y);
          /* The value goes after the bar, or inside it when the bar is long. */
          if (!trj_render_put_text (ctx, label, x1 + 0.3 * ctx->em, y, 0, 0.5, &value, NULL))
            {
              TrjRenderText inside = value;

              inside.color = &ctx->style->background;
              trj_render_put_text (ctx, label, x1 - 0.3 * ctx->em, y, 1.0, 0.5, &inside, NULL);
            }
        }
    }
}
