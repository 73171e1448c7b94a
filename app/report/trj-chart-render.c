/* trj-chart-render.c — the five charts drawn with cairo and pango
 *
 * Sizes derive from one text unit (em) that follows the canvas, so the same
 * chart reads well in the widget, on a 1600×900 slide and on an A4 page.
 * Every text goes through put_text(), which records it in the layout; texts
 * marked optional (tick labels, values on bars) are skipped rather than drawn
 * over another text.
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "trj-chart-render.h"
#include "trj-format.h"

#define SIZE_TITLE    1.3
#define SIZE_SUBTITLE 0.9
#define SIZE_LEGEND   0.9
#define SIZE_LABEL    0.82

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
} Ctx;

typedef enum {
  KEY_LINE,
  KEY_DASHED,
  KEY_AREA,
  KEY_BAR,
} KeyShape;

typedef struct {
  const char *name;
  const TrjChartColor *color;
  KeyShape shape;
} LegendItem;

typedef struct {
  double lo, hi, step;
  TrjChartUnit unit;
} Axis;

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

/* ── drawing helpers ─────────────────────────────────────────────────── */

static void
set_color (Ctx *ctx, const TrjChartColor *color, double alpha)
{
  cairo_set_source_rgba (ctx->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static gboolean
is_hovered (Ctx *ctx, guint series, guint index)
{
  return ctx->hover != NULL && ctx->hover->series == series && ctx->hover->index == index;
}

/* Marks other than the hovered one fade, so the hovered one stands out. */
static double
hover_alpha (Ctx *ctx, guint series, guint index)
{
  if (ctx->hover == NULL || is_hovered (ctx, series, index))
    return 1.0;
  return 0.55;
}

static void
add_target (Ctx *ctx, guint series, guint index, TrjChartRect rect, double x, double y)
{
  TrjChartTarget target = { { series, index }, rect, x, y };

  g_array_append_val (ctx->out->targets, target);
}

static void
prepare_text (Ctx *ctx, const char *text, double size, gboolean bold, double max_width)
{
  pango_font_description_set_absolute_size (ctx->font, size * ctx->em * PANGO_SCALE);
  pango_font_description_set_weight (ctx->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (ctx->text, ctx->font);
  pango_layout_set_width (ctx->text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_text (ctx->text, text, -1);
}

static void
measure (Ctx *ctx, const char *text, double size, gboolean bold, double max_width, double *w, double *h)
{
  PangoRectangle logical;

  prepare_text (ctx, text, size, bold, max_width);
  pango_layout_get_extents (ctx->text, NULL, &logical);
  *w = logical.width / (double) PANGO_SCALE;
  *h = logical.height / (double) PANGO_SCALE;
}

static gboolean
overlaps_a_label (Ctx *ctx, const TrjChartRect *rect)
{
  for (guint i = 0; i < ctx->out->labels->len; i++)
    if (trj_chart_rect_intersects (rect, &g_array_index (ctx->out->labels, TrjChartLabel, i).rect))
      return TRUE;
  return FALSE;
}

typedef struct {
  double size;
  gboolean bold;
  const TrjChartColor *color;
  gboolean optional;    /* skipped when it would overlap a text or leave the canvas */
  double max_width;     /* ellipsized beyond, 0: no limit */
  gboolean backdrop;    /* on a patch of background, over lines drawn earlier */
} TextStyle;

/* Draws text with its point (xalign, yalign) of its box at (x, y). Returns
 * FALSE when an optional text was skipped; drawn (may be NULL) gets its box. */
static gboolean
put_text (Ctx *ctx, const char *text, double x, double y, double xalign, double yalign,
          const TextStyle *ts, TrjChartRect *drawn)
{
  TrjChartLabel label;
  double w, h;

  measure (ctx, text, ts->size, ts->bold, ts->max_width, &w, &h);
  label.rect = (TrjChartRect) { x - w * xalign, y - h * yalign, w, h };
  if (ts->optional &&
      (overlaps_a_label (ctx, &label.rect) || label.rect.x < 0 || label.rect.y < 0 ||
       label.rect.x + w > ctx->width || label.rect.y + h > ctx->height))
    return FALSE;

  if (ts->backdrop)
    {
      set_color (ctx, &ctx->style->background, 0.85);
      cairo_rectangle (ctx->cr, label.rect.x - 2, label.rect.y, w + 4, h);
      cairo_fill (ctx->cr);
    }
  set_color (ctx, ts->color, 1.0);
  cairo_move_to (ctx->cr, label.rect.x, label.rect.y);
  pango_cairo_show_layout (ctx->cr, ctx->text);
  label.text = g_strdup (text);
  g_array_append_val (ctx->out->labels, label);
  if (drawn != NULL)
    *drawn = label.rect;
  return TRUE;
}

static TextStyle
text_style (Ctx *ctx, double size, gboolean bold, const TrjChartColor *color, gboolean optional)
{
  return (TextStyle) { size, bold, color != NULL ? color : &ctx->style->foreground, optional, 0, FALSE };
}

static double
text_height (Ctx *ctx, double size)
{
  double w, h;

  measure (ctx, "Mg", size, FALSE, 0, &w, &h);
  return h;
}

static void
set_dash (Ctx *ctx, gboolean dashed)
{
  double dash[] = { ctx->em * 0.55, ctx->em * 0.3 };

  cairo_set_dash (ctx->cr, dash, dashed ? 2 : 0, 0);
}

/* ── axes ────────────────────────────────────────────────────────────── */

static void
axis_init (Axis *axis, double lo, double hi, double length, double em, TrjChartUnit unit)
{
  guint target = CLAMP ((guint) (length / (3.5 * em)), 2, 8);

  trj_chart_nice_range (lo, hi, target, &axis->lo, &axis->hi, &axis->step);
  axis->unit = unit;
}

static guint
axis_n_ticks (const Axis *axis)
{
  return (guint) round ((axis->hi - axis->lo) / axis->step) + 1;
}

static double
axis_map (const Axis *axis, double v, double from, double length)
{
  return from + length * (v - axis->lo) / (axis->hi - axis->lo);
}

static double
axis_y (const Axis *axis, const TrjChartRect *plot, double v)
{
  return axis_map (axis, v, plot->y + plot->height, -plot->height);
}

static double
axis_x (const Axis *axis, const TrjChartRect *plot, double v)
{
  return axis_map (axis, v, plot->x, plot->width);
}

static double
axis_label_width (Ctx *ctx, const Axis *axis)
{
  double max = 0;

  for (guint i = 0; i < axis_n_ticks (axis); i++)
    {
      g_autofree char *label = trj_chart_format_tick (axis->unit, axis->lo + i * axis->step);
      double w, h;

      measure (ctx, label, SIZE_LABEL, FALSE, 0, &w, &h);
      max = MAX (max, w);
    }
  return max;
}

static void
record_axis (Ctx *ctx, const TrjChartRect *plot, const Axis *axis, gboolean vertical)
{
  if (ctx->out->plot.width > 0)
    return;
  ctx->out->plot = *plot;
  ctx->out->value_lo = axis->lo;
  ctx->out->value_hi = axis->hi;
  ctx->out->vertical = vertical;
}

/* Horizontal grid lines and value labels on the left of plot. */
static void
draw_value_axis_left (Ctx *ctx, const Axis *axis, const TrjChartRect *plot)
{
  TextStyle ts = text_style (ctx, SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);

  cairo_set_line_width (ctx->cr, 1);
  for (guint i = 0; i < axis_n_ticks (axis); i++)
    {
      double v = axis->lo + i * axis->step;
      double y = round (axis_y (axis, plot, v)) + 0.5;
      g_autofree char *label = trj_chart_format_tick (axis->unit, v);

      set_color (ctx, &ctx->style->grid, fabs (v) < axis->step * 1e-6 ? 2.5 : 1.0);
      cairo_move_to (ctx->cr, plot->x, y);
      cairo_line_to (ctx->cr, plot->x + plot->width, y);
      cairo_stroke (ctx->cr);
      put_text (ctx, label, plot->x - 0.5 * ctx->em, y, 1.0, 0.5, &ts, NULL);
    }
  record_axis (ctx, plot, axis, TRUE);
}

/* Vertical grid lines and value labels under plot. */
static void
draw_value_axis_bottom (Ctx *ctx, const Axis *axis, const TrjChartRect *plot, gboolean grid)
{
  TextStyle ts = text_style (ctx, SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  /* Whole multiples of the step, so that 0 is never printed "-0". */
  gint64 first = (gint64) ceil (axis->lo / axis->step - 1e-9);
  gint64 last = (gint64) floor (axis->hi / axis->step + 1e-9);

  cairo_set_line_width (ctx->cr, 1);
  for (gint64 k = first; k <= last; k++)
    {
      double v = k * axis->step;
      double x = round (axis_x (axis, plot, v)) + 0.5;
      g_autofree char *label = trj_chart_format_tick (axis->unit, v);

      if (grid)
        {
          set_color (ctx, &ctx->style->grid, 1.0);
          cairo_move_to (ctx->cr, x, plot->y);
          cairo_line_to (ctx->cr, x, plot->y + plot->height);
          cairo_stroke (ctx->cr);
        }
      put_text (ctx, label, x, plot->y + plot->height + 0.3 * ctx->em, 0.5, 0.0, &ts, NULL);
    }
  record_axis (ctx, plot, axis, FALSE);
}

/* Category labels under plot, one every `stride` so that they never collide. */
static void
draw_category_axis (Ctx *ctx, const TrjChartRect *plot)
{
  const TrjChartModel *model = ctx->model;
  TextStyle ts = text_style (ctx, SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  double band = plot->width / model->n_categories;
  double widest = 0;
  guint stride;

  for (guint c = 0; c < model->n_categories; c++)
    {
      double w, h;

      measure (ctx, model->category_labels[c], SIZE_LABEL, FALSE, 0, &w, &h);
      widest = MAX (widest, w);
    }
  stride = MAX (1, (guint) ceil ((widest + 0.35 * ctx->em) / band));
  for (guint c = 0; c < model->n_categories; c += stride)
    put_text (ctx, model->category_labels[c], plot->x + band * (c + 0.5),
              plot->y + plot->height + 0.35 * ctx->em, 0.5, 0.0, &ts, NULL);
}

/* ── frame: background, titles, legend ───────────────────────────────── */

static double
draw_header (Ctx *ctx)
{
  TextStyle title = text_style (ctx, SIZE_TITLE, TRUE, NULL, FALSE);
  TextStyle subtitle = text_style (ctx, SIZE_SUBTITLE, FALSE, &ctx->style->muted, FALSE);
  TrjChartRect r;
  double y = ctx->pad;

  title.max_width = subtitle.max_width = ctx->width - 2 * ctx->pad;
  put_text (ctx, ctx->model->title, ctx->pad, y, 0, 0, &title, &r);
  y += r.height;
  put_text (ctx, ctx->model->subtitle, ctx->pad, y, 0, 0, &subtitle, &r);
  return y + r.height + 0.6 * ctx->em;
}

static void
draw_key (Ctx *ctx, KeyShape shape, const TrjChartColor *color, double x, double y_mid, double w)
{
  cairo_t *cr = ctx->cr;
  double h = 0.7 * ctx->em;

  set_color (ctx, color, 1.0);
  switch (shape)
    {
    case KEY_LINE:
    case KEY_DASHED:
      set_dash (ctx, shape == KEY_DASHED);
      cairo_set_line_width (cr, ctx->line_width);
      cairo_move_to (cr, x, y_mid);
      cairo_line_to (cr, x + w, y_mid);
      cairo_stroke (cr);
      set_dash (ctx, FALSE);
      break;
    case KEY_AREA:
    case KEY_BAR:
      cairo_rectangle (cr, x, y_mid - h / 2, shape == KEY_BAR ? h : w, h);
      cairo_fill (cr);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Legend items flow left to right, wrapping; returns the y below the legend. */
static double
draw_legend (Ctx *ctx, const LegendItem *items, guint n_items, double y)
{
  TextStyle ts = text_style (ctx, SIZE_LEGEND, FALSE, NULL, FALSE);
  double key_w = 1.8 * ctx->em;
  double x = ctx->pad;
  double row_h = 0;

  for (guint i = 0; i < n_items; i++)
    {
      double w, h, item_w;

      measure (ctx, items[i].name, SIZE_LEGEND, FALSE, 0, &w, &h);
      item_w = key_w + 0.5 * ctx->em + w;
      if (x > ctx->pad && x + item_w > ctx->width - ctx->pad)
        {
          x = ctx->pad;
          y += row_h + 0.25 * ctx->em;
          row_h = 0;
        }
      draw_key (ctx, items[i].shape, items[i].color, x, y + h / 2, items[i].shape == KEY_BAR ? h * 0.7 : key_w);
      put_text (ctx, items[i].name, x + (items[i].shape == KEY_BAR ? h : key_w) + 0.5 * ctx->em, y, 0, 0, &ts, NULL);
      x += item_w + 1.5 * ctx->em;
      row_h = MAX (row_h, h);
    }
  return y + row_h + 0.9 * ctx->em;
}

static void
legend_from_series (Ctx *ctx, LegendItem *items)
{
  for (guint s = 0; s < ctx->model->series->len; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (ctx->model->series, s);

      items[s].name = series->name;
      items[s].color = trj_chart_style_series_color (ctx->style, series->color);
      items[s].shape = series->area ? KEY_AREA : series->dashed ? KEY_DASHED : KEY_LINE;
    }
}

static void
draw_empty (Ctx *ctx, double top)
{
  TextStyle ts = text_style (ctx, SIZE_LEGEND, FALSE, &ctx->style->muted, FALSE);

  put_text (ctx, _("No line to show"), ctx->width / 2, (top + ctx->height) / 2, 0.5, 0.5, &ts, NULL);
}

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

static void
render_lines (Ctx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  cairo_t *cr = ctx->cr;
  g_autofree LegendItem *items = g_new0 (LegendItem, model->series->len);
  g_autoptr(GArray) notes = g_array_new (FALSE, TRUE, sizeof (Note));
  TextStyle note_style = text_style (ctx, SIZE_LABEL, FALSE, NULL, FALSE);
  double lo = 0, hi = 0, gutter = 0, bottom, band, radius;
  TrjChartRect plot;
  Axis axis;

  g_array_set_clear_func (notes, (GDestroyNotify) note_clear);
  legend_from_series (ctx, items);
  top = draw_legend (ctx, items, model->series->len, top);

  for (guint s = 0; s < model->series->len; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);

      for (guint c = 0; c < model->n_categories; c++)
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
      Note note = { money_note (margin->name, fabs (margin->value)),
                    margin->value < 0 ? &ctx->style->over : &ctx->style->foreground, 0, 0, 0 };
      g_array_append_val (notes, note);
    }
  for (guint i = 0; i < notes->len; i++)
    {
      Note *n = &g_array_index (notes, Note, i);
      double w;

      measure (ctx, n->text, SIZE_LABEL, FALSE, 0, &w, &n->height);
      gutter = MAX (gutter, w);
    }
  if (gutter > 0)
    gutter += 1.6 * ctx->em;

  bottom = ctx->height - ctx->pad - text_height (ctx, SIZE_LABEL) - 0.35 * ctx->em;
  axis_init (&axis, lo, hi * 1.04, bottom - top, ctx->em, TRJ_CHART_UNIT_EUROS);
  plot.x = ctx->pad + axis_label_width (ctx, &axis) + 0.5 * ctx->em;
  plot.y = top;
  plot.width = ctx->width - ctx->pad - gutter - plot.x;
  plot.height = bottom - top;
  band = plot.width / MAX (model->n_categories, 1);
  radius = ctx->line_width * 1.4;

  draw_value_axis_left (ctx, &axis, &plot);
  draw_category_axis (ctx, &plot);

  if (ctx->hover != NULL && ctx->hover->index < model->n_categories)
    {
      double x = plot.x + band * (ctx->hover->index + 0.5);

      set_color (ctx, &ctx->style->grid, 2.5);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x) + 0.5, plot.y);
      cairo_line_to (cr, round (x) + 0.5, plot.y + plot.height);
      cairo_stroke (cr);
    }

  /* Notified amounts: long dashes across the plot. */
  for (guint r = 0; r < model->ref_lines->len; r++)
    {
      const TrjChartRefLine *ref = g_ptr_array_index (model->ref_lines, r);
      double y = axis_y (&axis, &plot, ref->value);

      set_color (ctx, trj_chart_style_series_color (ctx->style, ref->color), 1.0);
      set_dash (ctx, TRUE);
      cairo_set_line_width (cr, ctx->line_width);
      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
      cairo_stroke (cr);
      set_dash (ctx, FALSE);
      g_array_index (notes, Note, r).want_y = y;
    }

  for (guint s = 0; s < model->series->len; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);
      const TrjChartColor *color = trj_chart_style_series_color (ctx->style, series->color);

      for (guint c = 0; c < model->n_categories; c++)
        {
          double x = plot.x + band * (c + 0.5);
          double y = axis_y (&axis, &plot, series->values[c]);

          if (c == 0 && series->area)
            cairo_move_to (cr, x, axis_y (&axis, &plot, 0));
          if (c == 0 && !series->area)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
          add_target (ctx, s, c, (TrjChartRect) { x - band / 2, plot.y, band, plot.height }, x, y);
        }
      set_color (ctx, color, 1.0);
      if (series->area)
        {
          cairo_line_to (cr, plot.x + band * (model->n_categories - 0.5), axis_y (&axis, &plot, 0));
          cairo_close_path (cr);
          cairo_fill (cr);
          continue;
        }
      set_dash (ctx, series->dashed);
      cairo_set_line_width (cr, ctx->line_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      set_dash (ctx, FALSE);
      for (guint c = 0; c < model->n_categories; c++)
        {
          double x = plot.x + band * (c + 0.5);
          double y = axis_y (&axis, &plot, series->values[c]);
          gboolean hovered = is_hovered (ctx, s, c);

          cairo_arc (cr, x, y, hovered ? radius * 2 : radius, 0, 2 * G_PI);
          set_color (ctx, color, 1.0);
          cairo_fill_preserve (cr);
          if (hovered)
            {
              set_color (ctx, &ctx->style->background, 1.0);
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
      double y0 = axis_y (&axis, &plot, series->values[model->n_categories - 1]);
      double y1 = axis_y (&axis, &plot, ref->value);
      double tick = 0.3 * ctx->em;

      set_color (ctx, margin->value < 0 ? &ctx->style->over : trj_chart_style_series_color (ctx->style, series->color), 1.0);
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
      put_text (ctx, n->text, ctx->width - ctx->pad - gutter + 1.6 * ctx->em, n->top, 0, 0, &note_style, NULL);
    }
}

/* ── monthly: grouped vertical bars ──────────────────────────────────── */

static void
render_monthly (Ctx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  guint n_series = model->series->len;
  g_autofree LegendItem *items = g_new0 (LegendItem, n_series);
  double lo = 0, hi = 0, bottom, band, group_w, bar_w;
  TrjChartRect plot;
  Axis axis;

  legend_from_series (ctx, items);
  for (guint s = 0; s < n_series; s++)
    items[s].shape = KEY_BAR;
  top = draw_legend (ctx, items, n_series, top);

  for (guint s = 0; s < n_series; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);

      for (guint c = 0; c < model->n_categories; c++)
        {
          lo = MIN (lo, series->values[c]);
          hi = MAX (hi, series->values[c]);
        }
    }
  bottom = ctx->height - ctx->pad - text_height (ctx, SIZE_LABEL) - 0.35 * ctx->em;
  axis_init (&axis, lo, hi * 1.04, bottom - top, ctx->em, TRJ_CHART_UNIT_EUROS);
  plot.x = ctx->pad + axis_label_width (ctx, &axis) + 0.5 * ctx->em;
  plot.y = top;
  plot.width = ctx->width - ctx->pad - plot.x;
  plot.height = bottom - top;
  band = plot.width / MAX (model->n_categories, 1);
  group_w = band * 0.74;
  bar_w = group_w / MAX (n_series, 1);

  draw_value_axis_left (ctx, &axis, &plot);
  draw_category_axis (ctx, &plot);

  for (guint s = 0; s < n_series; s++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, s);
      const TrjChartColor *color = trj_chart_style_series_color (ctx->style, series->color);

      for (guint c = 0; c < model->n_categories; c++)
        {
          double x = plot.x + band * c + (band - group_w) / 2 + s * bar_w;
          double y0 = axis_y (&axis, &plot, 0);
          double y1 = axis_y (&axis, &plot, series->values[c]);

          set_color (ctx, color, hover_alpha (ctx, s, c));
          cairo_rectangle (ctx->cr, x, MIN (y0, y1), bar_w * 0.9, fabs (y1 - y0));
          cairo_fill (ctx->cr);
          add_target (ctx, s, c, (TrjChartRect) { x, plot.y, bar_w, plot.height }, x + bar_w * 0.45, y1);
        }
    }
}

/* ── breakdown: two panels of horizontal bars sharing the categories ─── */

static void
render_breakdown (Ctx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  guint n = model->n_categories;
  guint n_panels = model->series->len;
  TextStyle heading = text_style (ctx, SIZE_LEGEND, TRUE, NULL, FALSE);
  TextStyle category = text_style (ctx, SIZE_LABEL, FALSE, NULL, TRUE);
  TextStyle value = text_style (ctx, SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  double label_w = 0, heading_h, bottom, panel_w, row_h, bar_h;

  if (n == 0 || n_panels == 0)
    {
      draw_empty (ctx, top);
      return;
    }
  for (guint c = 0; c < n; c++)
    {
      double w, h;

      measure (ctx, model->category_labels[c], SIZE_LABEL, FALSE, 0, &w, &h);
      label_w = MAX (label_w, w);
    }
  label_w = MIN (label_w, ctx->width * 0.25);
  category.max_width = label_w;
  heading_h = text_height (ctx, SIZE_LEGEND) + 0.4 * ctx->em;
  bottom = ctx->height - ctx->pad - text_height (ctx, SIZE_LABEL) - 0.35 * ctx->em;
  panel_w = (ctx->width - 2 * ctx->pad - label_w - 0.8 * ctx->em - (n_panels - 1) * 3.5 * ctx->em) / n_panels;
  row_h = (bottom - top - heading_h) / n;
  bar_h = MIN (row_h * 0.62, 2.2 * ctx->em);

  for (guint c = 0; c < n; c++)
    put_text (ctx, model->category_labels[c], ctx->pad + label_w, top + heading_h + row_h * (c + 0.5),
              1.0, 0.5, &category, NULL);

  for (guint p = 0; p < n_panels; p++)
    {
      const TrjChartSeries *series = g_ptr_array_index (model->series, p);
      const TrjChartColor *color = trj_chart_style_series_color (ctx->style, series->color);
      TrjChartRect plot;
      double hi = 0;
      Axis axis;

      plot.x = ctx->pad + label_w + 0.8 * ctx->em + p * (panel_w + 3.5 * ctx->em);
      plot.y = top + heading_h;
      plot.width = panel_w;
      plot.height = bottom - plot.y;
      for (guint c = 0; c < n; c++)
        hi = MAX (hi, series->values[c]);
      axis_init (&axis, 0, hi * 1.02, plot.width * 0.7, ctx->em, series->unit);

      put_text (ctx, series->name, plot.x, top, 0, 0, &heading, NULL);
      draw_value_axis_bottom (ctx, &axis, &plot, TRUE);
      for (guint c = 0; c < n; c++)
        {
          double y = plot.y + row_h * (c + 0.5);
          double x0 = axis_x (&axis, &plot, 0);
          double x1 = axis_x (&axis, &plot, series->values[c]);
          g_autofree char *label = trj_chart_format_tick (series->unit, series->values[c]);

          set_color (ctx, color, hover_alpha (ctx, p, c));
          cairo_rectangle (ctx->cr, x0, y - bar_h / 2, x1 - x0, bar_h);
          cairo_fill (ctx->cr);
          add_target (ctx, p, c, (TrjChartRect) { plot.x, y - row_h / 2, plot.width, row_h }, x1, y);
          /* The value goes after the bar, or inside it when the bar is long. */
          if (!put_text (ctx, label, x1 + 0.3 * ctx->em, y, 0, 0.5, &value, NULL))
            {
              TextStyle inside = value;

              inside.color = &ctx->style->background;
              put_text (ctx, label, x1 - 0.3 * ctx->em, y, 1.0, 0.5, &inside, NULL);
            }
        }
    }
}

/* ── parameters: volume-weighted histograms against the circular ─────── */

static void
draw_vline (Ctx *ctx, double x, const TrjChartRect *plot, const TrjChartColor *color, gboolean dashed)
{
  set_color (ctx, color, 1.0);
  set_dash (ctx, dashed);
  cairo_set_line_width (ctx->cr, ctx->line_width);
  cairo_move_to (ctx->cr, x, plot->y);
  cairo_line_to (ctx->cr, x, plot->y + plot->height);
  cairo_stroke (ctx->cr);
  set_dash (ctx, FALSE);
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

static void
render_parameters (Ctx *ctx, double top)
{
  const TrjChartModel *model = ctx->model;
  const TrjChartColor *bar_color = trj_chart_style_series_color (ctx->style, TRJ_CHART_COLOR_VOLUME);
  const TrjChartColor *avg_color = trj_chart_style_series_color (ctx->style, TRJ_CHART_COLOR_AE);
  TextStyle name = text_style (ctx, SIZE_LEGEND, TRUE, NULL, FALSE);
  TextStyle details = text_style (ctx, SIZE_LABEL, FALSE, &ctx->style->muted, TRUE);
  TextStyle value = text_style (ctx, SIZE_LABEL, FALSE, NULL, TRUE);
  LegendItem items[] = {
    { _("Range of the circular"), &ctx->style->range, KEY_AREA },
    { _("Average of the circular"), &ctx->style->foreground, KEY_DASHED },
    { _("Programmed average, weighted by volume"), avg_color, KEY_LINE },
    { _("Contracts of the lines"), bar_color, KEY_BAR },
  };
  guint n_panels = model->panels->len;
  double panel_h, name_h, tick_h;

  value.backdrop = TRUE;

  if (n_panels == 0)
    {
      draw_empty (ctx, top);
      return;
    }
  top = draw_legend (ctx, items, G_N_ELEMENTS (items), top);
  panel_h = (ctx->height - ctx->pad - top) / n_panels;
  name_h = text_height (ctx, SIZE_LEGEND) + 0.2 * ctx->em;
  tick_h = text_height (ctx, SIZE_LABEL) + 0.6 * ctx->em;

  for (guint p = 0; p < n_panels; p++)
    {
      const TrjChartPanel *panel = g_ptr_array_index (model->panels, p);
      g_autofree char *detail_text = panel_details (panel);
      guint first_target = ctx->out->targets->len;
      double max_volume = 0, bar_w;
      TrjChartRect plot, drawn;
      Axis axis = { panel->axis_lo, panel->axis_hi, 0, panel->unit };

      plot.x = ctx->pad + 0.5 * ctx->em;
      plot.y = top + p * panel_h + name_h;
      plot.width = ctx->width - 2 * ctx->pad - 1.0 * ctx->em;
      plot.height = panel_h - name_h - tick_h;
      axis.step = trj_chart_nice_step (axis.hi - axis.lo, CLAMP ((guint) (plot.width / (6 * ctx->em)), 2, 12));

      put_text (ctx, panel->name, ctx->pad, top + p * panel_h, 0, 0, &name, &drawn);
      put_text (ctx, detail_text, drawn.x + drawn.width + 1.0 * ctx->em, drawn.y + drawn.height, 0, 1.0, &details, NULL);

      if (!isnan (panel->range_lo))
        {
          double x0 = axis_x (&axis, &plot, panel->range_lo);
          double x1 = axis_x (&axis, &plot, panel->range_hi);

          set_color (ctx, &ctx->style->range, 1.0);
          cairo_rectangle (ctx->cr, x0, plot.y, x1 - x0, plot.height);
          cairo_fill (ctx->cr);
        }
      draw_value_axis_bottom (ctx, &axis, &plot, FALSE);
      set_color (ctx, &ctx->style->grid, 2.5);
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
            bar_w = MIN (bar_w, 0.8 * (axis_x (&axis, &plot, panel->values[i]) - axis_x (&axis, &plot, panel->values[i - 1])));
        }
      bar_w = MAX (bar_w, 3);
      for (guint i = 0; i < panel->n_values && max_volume > 0; i++)
        {
          double x = axis_x (&axis, &plot, panel->values[i]);
          double h = (plot.height - 1.6 * ctx->em) * panel->volumes[i] / max_volume;

          set_color (ctx, bar_color, hover_alpha (ctx, p, i));
          cairo_rectangle (ctx->cr, x - bar_w / 2, plot.y + plot.height - h, bar_w, h);
          cairo_fill (ctx->cr);
          add_target (ctx, p, i, (TrjChartRect) { x - MAX (bar_w, ctx->em) / 2, plot.y, MAX (bar_w, ctx->em), plot.height },
                      x, plot.y + plot.height - h);
        }
      /* The circular's average is dashed on top, so that it shows even where
       * the programmed average lies on it. */
      if (!isnan (panel->weighted_average))
        draw_vline (ctx, axis_x (&axis, &plot, panel->weighted_average), &plot, avg_color, FALSE);
      if (!isnan (panel->average))
        draw_vline (ctx, axis_x (&axis, &plot, panel->average), &plot, &ctx->style->foreground, TRUE);
      for (guint t = first_target; t < ctx->out->targets->len; t++)
        {
          const TrjChartTarget *target = &g_array_index (ctx->out->targets, TrjChartTarget, t);
          g_autofree char *label = trj_format_integer (panel->volumes[target->item.index]);

          put_text (ctx, label, target->x, target->y - 0.15 * ctx->em, 0.5, 1.0, &value, NULL);
        }
    }
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
  Ctx ctx = { 0 };
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

  top = draw_header (&ctx);
  switch (model->kind)
    {
    case TRJ_CHART_TRAJECTORY:
    case TRJ_CHART_OVERLAY:
      render_lines (&ctx, top);
      break;
    case TRJ_CHART_MONTHLY:
      render_monthly (&ctx, top);
      break;
    case TRJ_CHART_BREAKDOWN:
      render_breakdown (&ctx, top);
      break;
    case TRJ_CHART_PARAMETERS:
      render_parameters (&ctx, top);
      break;
    case TRJ_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
  pango_font_description_free (ctx.font);
}
