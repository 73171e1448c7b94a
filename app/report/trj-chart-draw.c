/* trj-chart-draw.c — texts, axes, header and legend shared by every chart kind
 *
 * Every text goes through trj_render_put_text(), which records it in the
 * layout; texts marked optional (tick labels, values on bars) are skipped
 * rather than drawn over another text.
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "trj-chart-render-private.h"

/* ── drawing helpers ─────────────────────────────────────────────────── */

void
trj_render_set_color (TrjRenderCtx *ctx, const TrjChartColor *color, double alpha)
{
  cairo_set_source_rgba (ctx->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

gboolean
trj_render_is_hovered (TrjRenderCtx *ctx, guint series, guint index)
{
  return ctx->hover != NULL && ctx->hover->series == series && ctx->hover->index == index;
}

/* Marks other than the hovered one fade, so the hovered one stands out. */
double
trj_render_hover_alpha (TrjRenderCtx *ctx, guint series, guint index)
{
  if (ctx->hover == NULL || trj_render_is_hovered (ctx, series, index))
    return 1.0;
  return 0.55;
}

void
trj_render_add_target (TrjRenderCtx *ctx, guint series, guint index, TrjChartRect rect, double x, double y)
{
  TrjChartTarget target = { { series, index }, rect, x, y };

  g_array_append_val (ctx->out->targets, target);
}

static void
trj_render_prepare_text (TrjRenderCtx *ctx, const char *text, double size, gboolean bold, double max_width)
{
  pango_font_description_set_absolute_size (ctx->font, size * ctx->em * PANGO_SCALE);
  pango_font_description_set_weight (ctx->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (ctx->text, ctx->font);
  pango_layout_set_width (ctx->text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_text (ctx->text, text, -1);
}

void
trj_render_measure (TrjRenderCtx *ctx, const char *text, double size, gboolean bold, double max_width, double *w, double *h)
{
  PangoRectangle logical;

  trj_render_prepare_text (ctx, text, size, bold, max_width);
  pango_layout_get_extents (ctx->text, NULL, &logical);
  *w = logical.width / (double) PANGO_SCALE;
  *h = logical.height / (double) PANGO_SCALE;
}

static gboolean
trj_render_overlaps_a_label (TrjRenderCtx *ctx, const TrjChartRect *rect)
{
  for (guint i = 0; i < ctx->out->labels->len; i++)
    if (trj_chart_rect_intersects (rect, &g_array_index (ctx->out->labels, TrjChartLabel, i).rect))
      return TRUE;
  return FALSE;
}

/* Draws text with its point (xalign, yalign) of its box at (x, y). Returns
 * FALSE when an optional text was skipped; drawn (may be NULL) gets its box. */
gboolean
trj_render_put_text (TrjRenderCtx *ctx, const char *text, double x, double y, double xalign, double yalign,
                     const TrjRenderText *ts, TrjChartRect *drawn)
{
  TrjChartLabel label;
  double w, h;

  trj_render_measure (ctx, text, ts->size, ts->bold, ts->max_width, &w, &h);
  label.rect = (TrjChartRect) { x - w * xalign, y - h * yalign, w, h };
  if (ts->optional &&
      (trj_render_overlaps_a_label (ctx, &label.rect) || label.rect.x < 0 || label.rect.y < 0 ||
       label.rect.x + w > ctx->width || label.rect.y + h > ctx->height))
    return FALSE;

  if (ts->backdrop)
    {
      trj_render_set_color (ctx, &ctx->style->background, 0.85);
      cairo_rectangle (ctx->cr, label.rect.x - 2, label.rect.y, w + 4, h);
      cairo_fill (ctx->cr);
    }
  trj_render_set_color (ctx, ts->color, 1.0);
  cairo_move_to (ctx->cr, label.rect.x, label.rect.y);
  pango_cairo_show_layout (ctx->cr, ctx->text);
  label.text = g_strdup (text);
  g_array_append_val (ctx->out->labels, label);
  if (drawn != NULL)
    *drawn = label.rect;
  return TRUE;
}

TrjRenderText
trj_render_text_style (TrjRenderCtx *ctx, double size, gboolean bold, const TrjChartColor *color, gboolean optional)
{
  return (TrjRenderText) { size, bold, color != NULL ? color : &ctx->style->foreground, optional, 0, FALSE };
}

double
trj_render_text_height (TrjRenderCtx *ctx, double size)
{
  double w, h;

  trj_render_measure (ctx, "Mg", size, FALSE, 0, &w, &h);
  return h;
}

void
trj_render_set_dash (TrjRenderCtx *ctx, gboolean dashed)
{
  double dash[] = { ctx->em * 0.55, ctx->em * 0.3 };

  cairo_set_dash (ctx->cr, dash, dashed ? 2 : 0, 0);
}

/* ── axes ────────────────────────────────────────────────────────────── */

void
trj_render_axis_init (TrjRenderAxis *axis, double lo, double hi, double length, double em, TrjChartUnit unit)
{
  guint target = CLAMP ((guint) (length / (3.5 * em)), 2, 8);

  trj_chart_nice_range (lo, hi, target, &axis->lo, &axis->hi, &axis->step);
  axis->unit = unit;
}

static guint
trj_render_axis_n_ticks (const TrjRenderAxis *axis)
{
  return (guint) round ((axis->hi - axis->lo) / axis->step) + 1;
}

static double
trj_render_axis_map (const TrjRenderAxis *axis, double v, double from, double length)
{
  return from + length * (v - axis->lo) / (axis->hi - axis->lo);
}

double
trj_render_axis_y (const TrjRenderAxis *axis, const TrjChartRect *plot, double v)
{
  return trj_render_axis_map (axis, v, plot->y + plot->height, -plot->height);
}

double
trj_render_axis_x (const TrjRenderAxis *axis, const TrjChartRect *plot, double v)
{
  return trj_render_axis_map (axis, v, plot->x, plot->width);
}

double
trj_render_axis_label_width (TrjRenderCtx *ctx, const TrjRenderAxis *axis)
{
  double max = 0;

  for (guint i = 0; i < trj_render_axis_n_ticks (axis); i++)
    {
      g_autofree char *label = trj_chart_format_tick (axis->unit, axis->lo + i * axis->step);
      double w, h;

      trj_render_measure (ctx, label, TRJ_RENDER_SIZE_LABEL, FALSE, 0, &w, &h);
      max = MAX (max, w);
    }
  return max;
}

static void
trj_render_record_axis (TrjRenderCtx *ctx, const TrjChartRect *plot, const TrjRenderAxis *axis, gboolean vertical)
{
  if (ctx->out->plot.width > 0)
    return;
  ctx->out->plot = *plot;
  ctx->out->value_lo = axis->lo;
  ctx->out->value_hi = axis->hi;
  ctx->out->vertical = vertical;
}

/* Horizontal grid lines and value labels on the left of plot. */
void
trj_render_draw_value_axis_left (TrjRenderCtx *ctx, const TrjRenderAxis *axis, const TrjChartRect *plot)
{
  TrjRenderText ts = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);

  cairo_set_line_width (ctx->cr, 1);
  for (guint i = 0; i < trj_render_axis_n_ticks (axis); i++)
    {
      double v = axis->lo + i * axis->step;
      double y = round (trj_render_axis_y (axis, plot, v)) + 0.5;
      g_autofree char *label = trj_chart_format_tick (axis->unit, v);

      trj_render_set_color (ctx, &ctx->style->grid, fabs (v) < axis->step * 1e-6 ? 2.5 : 1.0);
      cairo_move_to (ctx->cr, plot->x, y);
      cairo_line_to (ctx->cr, plot->x + plot->width, y);
      cairo_stroke (ctx->cr);
      trj_render_put_text (ctx, label, plot->x - 0.5 * ctx->em, y, 1.0, 0.5, &ts, NULL);
    }
  trj_render_record_axis (ctx, plot, axis, TRUE);
}

/* Vertical grid lines and value labels under plot. */
void
trj_render_draw_value_axis_bottom (TrjRenderCtx *ctx, const TrjRenderAxis *axis, const TrjChartRect *plot, gboolean grid)
{
  TrjRenderText ts = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  /* Whole multiples of the step, so that 0 is never printed "-0". */
  gint64 first = (gint64) ceil (axis->lo / axis->step - 1e-9);
  gint64 last = (gint64) floor (axis->hi / axis->step + 1e-9);

  cairo_set_line_width (ctx->cr, 1);
  for (gint64 k = first; k <= last; k++)
    {
      double v = k * axis->step;
      double x = round (trj_render_axis_x (axis, plot, v)) + 0.5;
      g_autofree char *label = trj_chart_format_tick (axis->unit, v);

      if (grid)
        {
          trj_render_set_color (ctx, &ctx->style->grid, 1.0);
          cairo_move_to (ctx->cr, x, plot->y);
          cairo_line_to (ctx->cr, x, plot->y + plot->height);
          cairo_stroke (ctx->cr);
        }
      trj_render_put_text (ctx, label, x, plot->y + plot->height + 0.3 * ctx->em, 0.5, 0.0, &ts, NULL);
    }
  trj_render_record_axis (ctx, plot, axis, FALSE);
}

/* Category labels under plot, one every `stride` so that they never collide. */
void
trj_render_draw_category_axis (TrjRenderCtx *ctx, const TrjChartRect *plot)
{
  const TrjChartModel *model = ctx->model;
  TrjRenderText ts = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  double band = plot->width / model->n_categories;
  double widest = 0;
  guint stride;

  for (guint c = 0; c < model->n_categories; c++)
    {
      double w, h;

      trj_render_measure (ctx, model->category_labels[c], TRJ_RENDER_SIZE_LABEL, FALSE, 0, &w, &h);
      widest = MAX (widest, w);
    }
  stride = MAX (1, (guint) ceil ((widest + 0.35 * ctx->em) / band));
  for (guint c = 0; c < model->n_categories; c += stride)
    trj_render_put_text (ctx, model->category_labels[c], plot->x + band * (c + 0.5),
                         plot->y + plot->height + 0.35 * ctx->em, 0.5, 0.0, &ts, NULL);
}

/* ── frame: background, titles, legend ───────────────────────────────── */

double
trj_render_draw_header (TrjRenderCtx *ctx)
{
  TrjRenderText title = trj_render_text_style (ctx, TRJ_RENDER_SIZE_TITLE, TRUE, NULL, FALSE);
  TrjRenderText subtitle = trj_render_text_style (ctx, TRJ_RENDER_SIZE_SUBTITLE, FALSE, &ctx->style->muted, FALSE);
  TrjChartRect r;
  double y = ctx->pad;

  title.max_width = subtitle.max_width = ctx->width - 2 * ctx->pad;
  trj_render_put_text (ctx, ctx->model->title, ctx->pad, y, 0, 0, &title, &r);
  y += r.height;
  trj_render_put_text (ctx, ctx->model->subtitle, ctx->pad, y, 0, 0, &subtitle, &r);
  return y + r.height + 0.6 * ctx->em;
}

static void
trj_render_draw_key (TrjRenderCtx *ctx, TrjRenderKey shape, const TrjChartColor *color, double x, double y_mid, double w)
{
  cairo_t *cr = ctx->cr;
  double h = 0.7 * ctx->em;

  trj_render_set_color (ctx, color, 1.0);
  switch (shape)
    {
    case TRJ_RENDER_KEY_LINE:
    case TRJ_RENDER_KEY_DASHED:
      trj_render_set_dash (ctx, shape == TRJ_RENDER_KEY_DASHED);
      cairo_set_line_width (cr, ctx->line_width);
      cairo_move_to (cr, x, y_mid);
      cairo_line_to (cr, x + w, y_mid);
      cairo_stroke (cr);
      trj_render_set_dash (ctx, FALSE);
      break;
    case TRJ_RENDER_KEY_AREA:
    case TRJ_RENDER_KEY_BAR:
      cairo_rectangle (cr, x, y_mid - h / 2, shape == TRJ_RENDER_KEY_BAR ? h : w, h);
      cairo_fill (cr);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Legend items flow left to right, wrapping; returns the y below the legend. */
double
trj_render_draw_legend (TrjRenderCtx *ctx, const TrjRenderLegendItem *items, guint n_items, double y)
{
  TrjRenderText ts = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LEGEND, FALSE, NULL, FALSE);
  double key_w = 1.8 * ctx->em;
  double x = ctx->pad;
  double row_h = 0;

  for (guint i = 0; i < n_items; i++)
    {
      double w, h, item_w;

      trj_render_measure (ctx, items[i].name, TRJ_RENDER_SIZE_LEGEND, FALSE, 0, &w, &h);
      item_w = key_w + 0.5 * ctx->em + w;
      if (x > ctx->pad && x + item_w > ctx->width - ctx->pad)
        {
          x = ctx->pad;
          y += row_h + 0.25 * ctx->em;
          row_h = 0;
        }
      trj_render_draw_key (ctx, items[i].shape, items[i].color, x, y + h / 2, items[i].shape == TRJ_RENDER_KEY_BAR ? h * 0.7 : key_w);
      trj_render_put_text (ctx, items[i].name, x + (items[i].shape == TRJ_RENDER_KEY_BAR ? h : key_w) + 0.5 * ctx->em, y, 0, 0, &ts, NULL);
      x += item_w + 1.5 * ctx->em;
      row_h = MAX (row_h, h);
    }
  return y + row_h + 0.9 * ctx->em;
}

void
trj_render_legend_from_series (TrjRenderCtx *ctx, TrjRenderLegendItem *items)
{
  for (guint s = 0; s < ctx->model->series->len; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (ctx->model->series, s);

      items[s].name = series->name;
      items[s].color = trj_chart_style_series_color (ctx->style, series->color);
      items[s].shape = series->area ? TRJ_RENDER_KEY_AREA : series->dashed ? TRJ_RENDER_KEY_DASHED : TRJ_RENDER_KEY_LINE;
    }
}

void
trj_render_draw_empty (TrjRenderCtx *ctx, double top)
{
  TrjRenderText ts = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LEGEND, FALSE, &ctx->style->muted, FALSE);

  trj_render_put_text (ctx, _("No line to show"), ctx->width / 2, (top + ctx->height) / 2, 0.5, 0.5, &ts, NULL);
}
