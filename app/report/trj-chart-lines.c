/* trj-chart-lines.c — trajectory and overlay: cumulative lines against the envelope */
#include "config.h"

#include <math.h>

#include "trj-chart-render-private.h"
#include "trj-format.h"

/* ── trajectory and overlay: lines against reference lines ───────────── */

/* A text in the right gutter: a reference line's or a margin's name and value. */
typedef struct {
  char *text;
  const TrjChartColor *color;
  double want_y;     /* where its middle should be */
  double top;        /* where it goes */
  double height;
} Note;

static void
note_clear (Note *note)
{
  g_free (note->text);
}

static int
note_compare (gconstpointer a, gconstpointer b)
{
  const Note *na = a, *nb = b;

  return (na->want_y > nb->want_y) - (na->want_y < nb->want_y);
}

/* Stacks the notes near their wanted heights without overlaps, inside [lo, hi]. */
static void
place_notes (GArray *notes, double gap, double lo, double hi)
{
  double bottom = lo;

  g_array_sort (notes, note_compare);
  for (guint i = 0; i < notes->len; i++)
    {
      Note *n = &g_array_index (notes, Note, i);

      n->top = MAX (n->want_y - n->height / 2, bottom);
      bottom = n->top + n->height + gap;
    }
  for (guint i = notes->len; i-- > 0;)
    {
      Note *n = &g_array_index (notes, Note, i);

      if (n->top + n->height > hi)
        n->top = hi - n->height;
      hi = n->top - gap;
    }
}

static char *
money_note (const char *name, double value)
{
  g_autofree char *amount = trj_chart_format_value (TRJ_CHART_UNIT_EUROS, value);

  return g_strdup_printf ("%s\n%s", name, amount);
}

void
trj_chart_render_lines (TrjRenderCtx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  cairo_t *cr = ctx->cr;
  g_autofree TrjRenderLegendItem *items = g_new0 (TrjRenderLegendItem, model->series->len);
  g_autoptr(GArray) notes = g_array_new (FALSE, TRUE, sizeof (Note));
  TrjRenderText note_style = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, FALSE, NULL, FALSE);
  double lo = 0, hi = 0, gutter = 0, bottom, band, radius;
  TrjChartRect plot;
  TrjRenderAxis axis;

  g_array_set_clear_func (notes, (GDestroyNotify) note_clear);
  trj_render_legend_from_series (ctx, items);
  top = trj_render_draw_legend (ctx, items, model->series->len, top);

  for (guint s = 0; s < model->series->len; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);

      for (guint c = 0; c < model->n_categories; c++)
        if (!isnan (series->values[c]))
          {
            lo = MIN (lo, series->values[c]);
            hi = MAX (hi, series->values[c]);
          }
    }
  for (guint r = 0; r < model->ref_lines->len; r++)
    hi = MAX (hi, ((const TrjChartRefLine *) g_ptr_array_index (model->ref_lines, r))->value);

  /* The right gutter holds the reference lines' and margins' values. */
  for (guint r = 0; r < model->ref_lines->len; r++)
    {
      const TrjChartRefLine *ref = g_ptr_array_index (model->ref_lines, r);
      Note note = { money_note (ref->name, ref->value), trj_chart_style_series_color (ctx->style, ref->color), 0, 0, 0 };
      g_array_append_val (notes, note);
    }
  for (guint m = 0; m < model->margins->len; m++)
    {
      const TrjChartMargin *margin = g_ptr_array_index (model->margins, m);
      Note note = { money_note (margin->name, fabs (trj_format_margin_value (margin->value))),
                    margin->value < 0 ? &ctx->style->over : &ctx->style->foreground, 0, 0, 0 };
      g_array_append_val (notes, note);
    }
  for (guint i = 0; i < notes->len; i++)
    {
      Note *n = &g_array_index (notes, Note, i);
      double w;

      trj_render_measure (ctx, n->text, TRJ_RENDER_SIZE_LABEL, FALSE, 0, &w, &n->height);
      gutter = MAX (gutter, w);
    }
  if (gutter > 0)
    gutter += 1.6 * ctx->em;

  bottom = ctx->height - ctx->pad - trj_render_text_height (ctx, TRJ_RENDER_SIZE_LABEL) - 0.35 * ctx->em;
  trj_render_axis_init (&axis, lo, hi * 1.04, bottom - top, ctx->em, TRJ_CHART_UNIT_EUROS);
  plot.x = ctx->pad + trj_render_axis_label_width (ctx, &axis) + 0.5 * ctx->em;
  plot.y = top;
  plot.width = ctx->width - ctx->pad - gutter - plot.x;
  plot.height = bottom - top;
  band = plot.width / MAX (model->n_categories, 1);
  radius = ctx->line_width * 1.4;

  trj_render_draw_value_axis_left (ctx, &axis, &plot);
  trj_render_draw_category_axis (ctx, &plot);

  if (ctx->hover != NULL && ctx->hover->index < model->n_categories)
    {
      double x = plot.x + band * (ctx->hover->index + 0.5);

      trj_render_set_color (ctx, &ctx->style->grid, 2.5);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x) + 0.5, plot.y);
      cairo_line_to (cr, round (x) + 0.5, plot.y + plot.height);
      cairo_stroke (cr);
    }

  /* The month of the last actuals (landing): a dotted line through its
   * point, named at the top of the plot. */
  if (model->mark_month > 0 && model->mark_month <= model->n_categories)
    {
      double x = round (plot.x + band * (model->mark_month - 0.5)) + 0.5;
      double dots[] = { 1.5 * ctx->line_width, 2.5 * ctx->line_width };
      TrjRenderText mark_style = trj_render_text_style (ctx, TRJ_RENDER_SIZE_LABEL, TRUE, NULL, TRUE);
      gboolean right = model->mark_month * 2 <= model->n_categories + 1;

      trj_render_set_color (ctx, &ctx->style->foreground, 0.7);
      cairo_set_line_width (cr, MAX (1, ctx->line_width * 0.6));
      cairo_set_dash (cr, dots, 2, 0);
      cairo_move_to (cr, x, plot.y);
      cairo_line_to (cr, x, plot.y + plot.height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (model->mark_label != NULL)
        {
          mark_style.backdrop = TRUE;
          trj_render_put_text (ctx, model->mark_label, x + (right ? 0.4 : -0.4) * ctx->em, plot.y + 0.2 * ctx->em,
                               right ? 0 : 1, 0, &mark_style, NULL);
        }
    }

  /* Notified amounts: long dashes across the plot. */
  for (guint r = 0; r < model->ref_lines->len; r++)
    {
      const TrjChartRefLine *ref = g_ptr_array_index (model->ref_lines, r);
      double y = trj_render_axis_y (&axis, &plot, ref->value);

      trj_render_set_color (ctx, trj_chart_style_series_color (ctx->style, ref->color), 1.0);
      trj_render_set_dash (ctx, TRUE);
      cairo_set_line_width (cr, ctx->line_width);
      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
      cairo_stroke (cr);
      trj_render_set_dash (ctx, FALSE);
      g_array_index (notes, Note, r).want_y = y;
    }

  for (guint s = 0; s < model->series->len; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);
      const TrjChartColor *color = trj_chart_style_series_color (ctx->style, series->color);

      gboolean started = FALSE;

      for (guint c = 0; c < model->n_categories; c++)
        {
          double x = plot.x + band * (c + 0.5);
          double y;

          /* A landing series covers part of the year only. */
          if (isnan (series->values[c]))
            {
              started = FALSE;
              continue;
            }
          y = trj_render_axis_y (&axis, &plot, series->values[c]);
          if (c == 0 && series->area)
            cairo_move_to (cr, x, trj_render_axis_y (&axis, &plot, 0));
          if (!started && !series->area)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
          started = TRUE;
          trj_render_add_target (ctx, s, c, (TrjChartRect) { x - band / 2, plot.y, band, plot.height }, x, y);
        }
      trj_render_set_color (ctx, color, 1.0);
      if (series->area)
        {
          cairo_line_to (cr, plot.x + band * (model->n_categories - 0.5), trj_render_axis_y (&axis, &plot, 0));
          cairo_close_path (cr);
          cairo_fill (cr);
          continue;
        }
      trj_render_set_dash (ctx, series->dashed);
      cairo_set_line_width (cr, ctx->line_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      trj_render_set_dash (ctx, FALSE);
      for (guint c = 0; c < model->n_categories; c++)
        {
          double x = plot.x + band * (c + 0.5);
          double y = trj_render_axis_y (&axis, &plot, series->values[c]);
          gboolean hovered = trj_render_is_hovered (ctx, s, c);

          if (isnan (series->values[c]))
            continue;
          cairo_arc (cr, x, y, hovered ? radius * 2 : radius, 0, 2 * G_PI);
          trj_render_set_color (ctx, color, 1.0);
          cairo_fill_preserve (cr);
          if (hovered)
            {
              trj_render_set_color (ctx, &ctx->style->background, 1.0);
              cairo_set_line_width (cr, ctx->line_width * 0.8);
              cairo_stroke (cr);
            }
          cairo_new_path (cr);
        }
    }

  /* Margins at December: a bracket from the curve's end to its notified line. */
  for (guint m = 0; m < model->margins->len; m++)
    {
      const TrjChartMargin *margin = g_ptr_array_index (model->margins, m);
      const TrjChartSeries *series = g_ptr_array_index (model->series, margin->series);
      const TrjChartRefLine *ref = g_ptr_array_index (model->ref_lines, margin->ref_line);
      double x = plot.x + plot.width + 0.5 * ctx->em + m * 0.5 * ctx->em;
      double y0 = trj_render_axis_y (&axis, &plot, series->values[model->n_categories - 1]);
      double y1 = trj_render_axis_y (&axis, &plot, ref->value);
      double tick = 0.3 * ctx->em;

      trj_render_set_color (ctx, margin->value < 0 ? &ctx->style->over : trj_chart_style_series_color (ctx->style, series->color), 1.0);
      cairo_set_line_width (cr, MAX (1, ctx->line_width * 0.6));
      cairo_move_to (cr, x - tick, y0);
      cairo_line_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
      cairo_line_to (cr, x - tick, y1);
      cairo_stroke (cr);
      g_array_index (notes, Note, model->ref_lines->len + m).want_y = (y0 + y1) / 2;
    }

  place_notes (notes, 0.3 * ctx->em, top, ctx->height - ctx->pad);
  for (guint i = 0; i < notes->len; i++)
    {
      const Note *n = &g_array_index (notes, Note, i);

      note_style.color = n->color;
      trj_render_put_text (ctx, n->text, ctx->width - ctx->pad - gutter + 1.6 * ctx->em, n->top, 0, 0, &note_style, NULL);
    }
}
