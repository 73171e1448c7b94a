/* trj-chart-parameters.c — rate, hours and duration: volume-weighted histograms against the circular */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-chart-render-private.h"
#include "trj-format.h"

/* ── parameters: volume-weighted histograms against the circular ─────── */

static void
draw_vline (TrjRenderCtx *ctx, double x, const TrjChartRect *plot, const TrjChartColor *color, gboolean dashed)
{
  trj_render_set_color (ctx, color, 1.0);
  trj_render_set_dash (ctx, dashed);
  cairo_set_line_width (ctx->cr, ctx->line_width);
  cairo_move_to (ctx->cr, x, plot->y);
  cairo_line_to (ctx->cr, x, plot->y + plot->height);
  cairo_stroke (ctx->cr);
  trj_render_set_dash (ctx, FALSE);
}

static char *
panel_details (const TrjChartPanel *panel)
{
  g_autofree char *lo = trj_chart_format_value (panel->unit, panel->range_lo);
  g_autofree char *hi = trj_chart_format_value (panel->unit, panel->range_hi);
  g_autofree char *avg = trj_chart_format_value (panel->unit, panel->average);
  g_autofree char *programmed = isnan (panel->weighted_average) ? g_strdup ("—")
                                : trj_chart_format_value (panel->unit, panel->weighted_average);

  /* TRANSLATORS: "circular: 20 h to 30 h, average 25 h · programmed: 25 h" */
  return g_strdup_printf (_("circular: %s to %s, average %s · programmed: %s"), lo, hi, avg, programmed);
}

void
trj_chart_render_parameters (TrjRenderCtx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  const TrjChartColor *bar_color = trj_chart_style_series_color (ctx->style, TRJ_CHART_COLOR_VOLUME);
  const TrjChartColor *avg_color = trj_chart_style_series_color (ctx->style, TRJ_CHART_COLOR_AE);
  TrjRenderText name = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LEGEND, TRUE, NULL, FALSE);
  TrjRenderText details = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  TrjRenderText value = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, NULL, TRUE);
  TrjRenderLegendItem items[] = {
    { _("Range of the circular"), &ctx->style->range, TRJ_RENDER_KEY_AREA },
    { _("Average of the circular"), &ctx->style->foreground, TRJ_RENDER_KEY_DASHED },
    { _("Programmed average, weighted by volume"), avg_color, TRJ_RENDER_KEY_LINE },
    { _("Contracts of the lines"), bar_color, TRJ_RENDER_KEY_BAR },
  };
  guint n_panels = model->panels->len;
  double panel_h, name_h, tick_h;

  value.backdrop = TRUE;

  if (n_panels == 0)
    {
      trj_render_draw_empty (ctx, top);
      return;
    }
  top = trj_render_draw_legend (ctx, items, G_N_ELEMENTS (items), top);
  panel_h = (ctx->height - ctx->pad - top) / n_panels;
  name_h = trj_render_text_height (ctx, TRJ_RENDER_SIZE_LEGEND) + 0.2 * ctx->em;
  tick_h = trj_render_text_height (ctx, TRJ_RENDER_SIZE_LABEL) + 0.6 * ctx->em;

  for (guint p = 0; p < n_panels; p++)
    {
      const TrjChartPanel *panel = g_ptr_array_index (model->panels, p);
      g_autofree char *detail_text = panel_details (panel);
      guint first_target = ctx->out->targets->len;
      double max_volume = 0, bar_w;
      TrjChartRect plot, drawn;
      TrjRenderAxis axis = { panel->axis_lo, panel->axis_hi, 0, panel->unit };

      plot.x = ctx->pad + 0.5 * ctx->em;
      plot.y = top + p * panel_h + name_h;
      plot.width = ctx->width - 2 * ctx->pad - 1.0 * ctx->em;
      plot.height = panel_h - name_h - tick_h;
      axis.step = trj_chart_nice_step (axis.hi - axis.lo, CLAMP ((guint) (plot.width / (6 * ctx->em)), 2, 12));

      trj_render_put_text (ctx, panel->name, ctx->pad, top + p * panel_h, 0, 0, &name, &drawn);
      trj_render_put_text (ctx, detail_text, drawn.x + drawn.width + 1.0 * ctx->em, drawn.y + drawn.height, 0, 1.0, &details, NULL);

      if (!isnan (panel->range_lo))
        {
          double x0 = trj_render_axis_x (&axis, &plot, panel->range_lo);
          double x1 = trj_render_axis_x (&axis, &plot, panel->range_hi);

          trj_render_set_color (ctx, &ctx->style->range, 1.0);
          cairo_rectangle (ctx->cr, x0, plot.y, x1 - x0, plot.height);
          cairo_fill (ctx->cr);
        }
      trj_render_draw_value_axis_bottom (ctx, &axis, &plot, FALSE);
      trj_render_set_color (ctx, &ctx->style->grid, 2.5);
      cairo_set_line_width (ctx->cr, 1);
      cairo_move_to (ctx->cr, plot.x, round (plot.y + plot.height) + 0.5);
      cairo_line_to (ctx->cr, plot.x + plot.width, round (plot.y + plot.height) + 0.5);
      cairo_stroke (ctx->cr);

      /* Bars as wide as the closest two values allow. */
      bar_w = 1.4 * ctx->em;
      for (guint i = 0; i < panel->n_values; i++)
        {
          max_volume = MAX (max_volume, panel->volumes[i]);
          if (i > 0)
            bar_w = MIN (bar_w, 0.8 * (trj_render_axis_x (&axis, &plot, panel->values[i]) - trj_render_axis_x (&axis, &plot, panel->values[i - 1])));
        }
      bar_w = MAX (bar_w, 3);
      for (guint i = 0; i < panel->n_values && max_volume > 0; i++)
        {
          double x = trj_render_axis_x (&axis, &plot, panel->values[i]);
          double h = (plot.height - 1.6 * ctx->em) * panel->volumes[i] / max_volume;

          trj_render_set_color (ctx, bar_color, trj_render_hover_alpha (ctx, p, i));
          cairo_rectangle (ctx->cr, x - bar_w / 2, plot.y + plot.height - h, bar_w, h);
          cairo_fill (ctx->cr);
          trj_render_add_target (ctx, p, i, (TrjChartRect) { x - MAX (bar_w, ctx->em) / 2, plot.y, MAX (bar_w, ctx->em), plot.height },
                                 x, plot.y + plot.height - h);
        }
      /* The circular's average is dashed on top, so that it shows even where
       * the programmed average lies on it. */
      if (!isnan (panel->weighted_average))
        draw_vline (ctx, trj_render_axis_x (&axis, &plot, panel->weighted_average), &plot, avg_color, FALSE);
      if (!isnan (panel->average))
        draw_vline (ctx, trj_render_axis_x (&axis, &plot, panel->average), &plot, &ctx->style->foreground, TRUE);
      for (guint t = first_target; t < ctx->out->targets->len; t++)
        {
          const TrjChartTarget *target = &g_array_index (ctx->out->targets, TrjChartTarget, t);
          g_autofree char *label = trj_format_integer (panel->volumes[target->item.index]);

          trj_render_put_text (ctx, label, target->x, target->y - 0.15 * ctx->em, 0.5, 1.0, &value, NULL);
        }
    }
}
