/* trj-compare-pdf.c — see trj-compare-pdf.h */
#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "trj-chart-export.h"
#include "trj-chart-model.h"
#include "trj-chart-render.h"
#include "trj-chart-style.h"
#include "trj-compare-pdf.h"
#include "trj-format.h"
#include "trj-report.h"

#define W        TRJ_REPORT_PAGE_WIDTH
#define H        TRJ_REPORT_PAGE_HEIGHT
#define MARGIN   36.0
#define TOP      58.0
#define BOTTOM   (H - 40.0)
#define ROW_H    14.0
#define LABEL_SHARE 0.36
#define ROWS_PER_PAGE ((guint) ((BOTTOM - TOP - 30) / ROW_H))

typedef struct {
  const TrjCompare *cmp;
  TrjChartStyle style;
  GDateTime *date;
  GPtrArray *charts;     /* TrjChartModel*: one overlay per envelope */
  guint n_table_pages;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
} Doc;

static void
build_charts (Doc *doc)
{
  const TrjCompare *cmp = doc->cmp;
  TrjChartSource *sources = g_new0 (TrjChartSource, cmp->n_scenarios);
  const TrjScenario *ref = cmp->scenarios[0];

  doc->charts = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_chart_model_free);
  for (guint i = 0; i < cmp->n_scenarios; i++)
    sources[i] = (TrjChartSource) { cmp->scenarios[i], cmp->results[i], cmp->names[i] };
  for (guint e = 0; e < ref->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (ref->envelopes, e);
      TrjChartRequest request = { TRJ_CHART_OVERLAY, env->id, TRJ_CHART_BY_DEPARTEMENT, doc->date };
      TrjChartModel *model;
      gboolean everywhere = TRUE;

      /* The overlay needs the envelope in every scenario. */
      for (guint i = 1; i < cmp->n_scenarios; i++)
        everywhere = everywhere && trj_scenario_envelope_index (cmp->scenarios[i], env->id) >= 0;
      if (env->lines->len == 0 || !everywhere)
        continue;
      if ((model = trj_chart_model_build (&request, sources, cmp->n_scenarios, NULL)) != NULL)
        g_ptr_array_add (doc->charts, model);
    }
  g_free (sources);
  doc->n_table_pages = MAX (1, (cmp->rows->len + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
}

static void
doc_clear (Doc *doc)
{
  g_clear_pointer (&doc->charts, g_ptr_array_unref);
}

guint
trj_compare_pdf_n_pages (const TrjCompare *cmp)
{
  Doc doc = { cmp };
  guint n;

  build_charts (&doc);
  n = doc.charts->len + doc.n_table_pages;
  doc_clear (&doc);
  return n;
}

static double
text_at (Doc *d, const char *text, double x, double y, double size, gboolean bold,
         const TrjChartColor *color, double xalign, double max_width)
{
  return trj_chart_draw_text (d->cr, d->layout, d->font, text, x, y, size, bold, color, xalign, max_width).height;
}

static void
running_header (Doc *d, guint page, guint n_pages)
{
  const TrjCompare *cmp = d->cmp;
  g_autofree char *day = trj_format_date (d->date);
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;

  for (guint i = 0; i < cmp->n_scenarios; i++)
    g_string_append_printf (names, i == 0 ? "«\u00a0%s\u00a0»" : ", «\u00a0%s\u00a0»", cmp->names[i]);
  /* TRANSLATORS: running header of the comparison PDF: region, then the scenarios */
  title = g_strdup_printf (_("Comparison of scenarios · %s · %s"), cmp->scenarios[0]->region, names->str);
  text_at (d, title, MARGIN, 24, 9, FALSE, &d->style.muted, 0, W * 0.75);
  text_at (d, day, W - MARGIN, 24, 9, FALSE, &d->style.muted, 1, 0);
  cairo_set_source_rgba (d->cr, 0, 0, 0, 0.15);
  cairo_set_line_width (d->cr, 0.5);
  cairo_move_to (d->cr, MARGIN, 40);
  cairo_line_to (d->cr, W - MARGIN, 40);
  cairo_stroke (d->cr);
  text_at (d, number, W - MARGIN, H - 28, 9, FALSE, &d->style.muted, 1, 0);
}

static void
draw_table (Doc *d, guint table_page)
{
  const TrjCompare *cmp = d->cmp;
  guint first = table_page * ROWS_PER_PAGE;
  guint last = MIN (cmp->rows->len, first + ROWS_PER_PAGE);
  double width = W - 2 * MARGIN;
  double label_w = width * LABEL_SHARE;
  double col_w = (width - label_w) / cmp->n_scenarios;
  double y = TOP;
  g_autofree char *note = NULL;

  y += text_at (d, _("Comparison of scenarios"), MARGIN, y, 16, TRUE, &d->style.foreground, 0, 0) + 4;
  note = g_strdup_printf (_("Reference: “%s”. A changed value is written “old → new” on a shaded band; "
                            "added and removed lines are said in their heading."), cmp->names[0]);
  y += text_at (d, note, MARGIN, y, 8, FALSE, &d->style.muted, 0, width) + 6;

  text_at (d, _("Envelope / line / figure"), MARGIN + 4, y, 8, TRUE, &d->style.foreground, 0, label_w - 8);
  for (guint i = 0; i < cmp->n_scenarios; i++)
    text_at (d, cmp->names[i], MARGIN + label_w + col_w * (i + 1) - 4, y, 8, TRUE, &d->style.foreground, 1,
             col_w - 8);
  y += ROW_H + 2;
  cairo_set_source_rgba (d->cr, 0, 0, 0, 0.5);
  cairo_set_line_width (d->cr, 0.8);
  cairo_move_to (d->cr, MARGIN, y - 2);
  cairo_line_to (d->cr, W - MARGIN, y - 2);
  cairo_stroke (d->cr);

  for (guint r = first; r < last; r++, y += ROW_H)
    {
      const TrjCompareRow *row = g_ptr_array_index (cmp->rows, r);
      gboolean heading = row->kind != TRJ_COMPARE_ROW_VALUE;
      double indent = row->kind == TRJ_COMPARE_ROW_ENVELOPE ? 0 : row->kind == TRJ_COMPARE_ROW_LINE ? 8 : 18;

      if (heading)
        {
          cairo_set_source_rgba (d->cr, 0, 0, 0, row->kind == TRJ_COMPARE_ROW_ENVELOPE ? 0.10 : 0.05);
          cairo_rectangle (d->cr, MARGIN, y, width, ROW_H);
          cairo_fill (d->cr);
        }
      text_at (d, row->label, MARGIN + 4 + indent, y + 2, 8, heading, &d->style.foreground, 0,
               label_w - 8 - indent);
      for (guint i = 0; i < cmp->n_scenarios; i++)
        {
          double x = MARGIN + label_w + col_w * i;

          if (row->marks[i] != TRJ_COMPARE_SAME)
            {
              cairo_set_source_rgba (d->cr, 1.0, 0.8, 0.2, 0.35);
              cairo_rectangle (d->cr, x + 1, y + 0.5, col_w - 2, ROW_H - 1);
              cairo_fill (d->cr);
            }
          if (row->texts[i] != NULL && *row->texts[i] != '\0')
            text_at (d, row->texts[i], x + col_w - 4, y + 2, 8, row->marks[i] != TRJ_COMPARE_SAME,
                     &d->style.foreground, 1, col_w - 8);
        }
    }
}

static void
draw_chart (Doc *d, const TrjChartModel *model, PangoContext *context)
{
  cairo_save (d->cr);
  cairo_translate (d->cr, MARGIN - 12, TOP - 8);
  trj_chart_render (d->cr, context, W - 2 * MARGIN + 24, BOTTOM - TOP, &d->style, model, NULL, NULL);
  cairo_restore (d->cr);
}

gboolean
trj_compare_write_pdf (const TrjCompare *cmp, GDateTime *date, const char *path, GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = g_strdup_printf (_("Comparison of scenarios · %s"), cmp->scenarios[0]->region);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (trj_chart_stream_to_array, bytes, W, H);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  Doc doc = { cmp };
  guint n_pages;
  gboolean ok;

  doc.date = date != NULL ? date : now;
  trj_chart_style_init (&doc.style, FALSE);
  build_charts (&doc);
  n_pages = doc.charts->len + doc.n_table_pages;
  doc.cr = cr;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Trajectoire");
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  doc.layout = pango_layout_new (context);
  pango_layout_set_ellipsize (doc.layout, PANGO_ELLIPSIZE_END);
  doc.font = pango_font_description_from_string (doc.style.font_family);

  for (guint p = 0; p < n_pages; p++)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      running_header (&doc, p, n_pages);
      if (p < doc.charts->len)
        draw_chart (&doc, g_ptr_array_index (doc.charts, p), context);
      else
        draw_table (&doc, p - doc.charts->len);
      cairo_show_page (cr);
    }
  pango_font_description_free (doc.font);
  g_object_unref (doc.layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = trj_chart_save_stream (surface, bytes, path, error);
  cairo_surface_destroy (surface);
  doc_clear (&doc);
  return ok;
}
