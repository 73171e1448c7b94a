/* trj-chart-render.c — the entry point of the five charts, and the 1–2–5 ticks
 *
 * Sizes derive from one text unit (em) that follows the canvas, so the same
 * chart reads well in the widget, on a 1600×900 slide and on an A4 page.
 * Each kind has its renderer (trj-chart-<kind>.c) over the shared helpers of
 * trj-chart-draw.c.
 */
#include "config.h"

#include <math.h>

#include "trj-chart-render-private.h"

/* ── ticks ───────────────────────────────────────────────────────────── */

double
trj_chart_nice_step (double span, guint target_ticks)
{
  double raw, magnitude, norm;

  if (!(span > 0) || target_ticks == 0)
    return 1;
  raw = span / target_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  norm = raw / magnitude;
  if (norm <= 1)
    return magnitude;
  if (norm <= 2)
    return 2 * magnitude;
  if (norm <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

void
trj_chart_nice_range (double lo, double hi, guint target_ticks,
                      double *nice_lo, double *nice_hi, double *step)
{
  if (!(hi > lo))
    hi = lo + 1;
  *step = trj_chart_nice_step (hi - lo, target_ticks);
  /* The small epsilon keeps 1 200 000 from becoming 1 400 000 through rounding. */
  *nice_lo = floor (lo / *step + 1e-9) * *step;
  *nice_hi = ceil (hi / *step - 1e-9) * *step;
}

/* ── entry point ─────────────────────────────────────────────────────── */

void
trj_chart_render (cairo_t             *cr,
                  PangoContext        *context,
                  double               width,
                  double               height,
                  const TrjChartStyle *style,
                  const TrjChartModel *model,
                  const TrjChartHover *hover,
                  TrjChartLayout      *layout)
{
  g_autoptr(TrjChartLayout) own_layout = NULL;
  g_autoptr(PangoLayout) text = pango_layout_new (context);
  TrjRenderCtx ctx = { 0 };
  double top;

  if (layout == NULL)
    layout = own_layout = trj_chart_layout_new ();
  trj_chart_layout_clear (layout);

  ctx.cr = cr;
  ctx.text = text;
  ctx.font = pango_font_description_from_string (style->font_family);
  ctx.style = style;
  ctx.model = model;
  ctx.hover = hover;
  ctx.out = layout;
  ctx.width = width;
  ctx.height = height;
  ctx.em = style->text_scale * CLAMP (MIN (height / 34.0, width / 58.0), 9.0, 48.0);
  ctx.pad = ctx.em * 1.2;
  ctx.line_width = MAX (1.5, ctx.em * 0.16);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, style->background.red, style->background.green,
                         style->background.blue, style->background.alpha);
  /* Replacing rather than blending is a plain fill: a tenth of the frame time
   * at 1920 × 1080. */
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  top = trj_render_draw_header (&ctx);
  switch (model->kind)
    {
    case TRJ_CHART_TRAJECTORY:
    case TRJ_CHART_OVERLAY:
    case TRJ_CHART_LANDING:
      trj_chart_render_lines (&ctx, top);
      break;
    case TRJ_CHART_MONTHLY:
      trj_chart_render_monthly (&ctx, top);
      break;
    case TRJ_CHART_BREAKDOWN:
      trj_chart_render_breakdown (&ctx, top);
      break;
    case TRJ_CHART_PARAMETERS:
      trj_chart_render_parameters (&ctx, top);
      break;
    case TRJ_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
  pango_font_description_free (ctx.font);
}
