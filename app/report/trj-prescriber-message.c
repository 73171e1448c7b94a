/* trj-prescriber-message.c — see trj-prescriber-message.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-chart-export.h"
#include "trj-chart-style.h"
#include "trj-csv.h"
#include "trj-format.h"
#include "trj-json-writer.h"
#include "trj-prescriber-message.h"
#include "trj-report.h"

#define W        TRJ_REPORT_PAGE_WIDTH
#define H        TRJ_REPORT_PAGE_HEIGHT
#define MARGIN   48.0
#define ROW_H    16.0

static const TrjLine *
drift_line (const TrjPrescriberMessage *m, const TrjLandingDrift *d, const TrjEnvelope **env_out)
{
  const TrjEnvelope *env = g_ptr_array_index (m->programmed->envelopes, d->envelope);

  if (env_out != NULL)
    *env_out = env;
  return g_ptr_array_index (env->lines, d->line);
}

static const char *
prescriber_of (const TrjLine *line)
{
  /* TRANSLATORS: the group of the lines that name no prescriber */
  return line->prescriber != NULL && *line->prescriber != '\0' ? line->prescriber : _("No prescriber");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

char **
trj_prescriber_message_prescribers (const TrjPrescriberMessage *m)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < m->drifts->len; i++)
    {
      const char *name = prescriber_of (drift_line (m, &g_array_index (m->drifts, TrjLandingDrift, i), NULL));
      gboolean known = FALSE;

      for (guint k = 0; k < names->len && !known; k++)
        known = g_str_equal (g_ptr_array_index (names, k), name);
      if (!known)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

static char *
format_param (TrjParam param, double value)
{
  return trj_catalog_param (param)->kind == TRJ_PARAM_SHARE ? trj_format_percent (value, 1)
                                                            : trj_format_decimal (value, 2);
}

/* A gap with its sign: « +10,0 points » for a rate, « +5 » for hours. */
static char *
format_gap (TrjParam param, double gap)
{
  g_autofree char *abs = NULL;

  if (trj_catalog_param (param)->kind == TRJ_PARAM_SHARE)
    {
      abs = trj_format_number (fabs (gap) * 100, 1);
      /* TRANSLATORS: a gap of a rate, in percentage points: « +10,0 points » */
      return g_strdup_printf (_("%s%s points"), gap < 0 ? "−" : "+", abs);
    }
  abs = trj_format_decimal (fabs (gap), 2);
  return g_strdup_printf ("%s%s", gap < 0 ? "−" : "+", abs);
}

static char *
line_name (const TrjLine *line)
{
  return g_strdup (line->label != NULL && *line->label != '\0' ? line->label : line->id);
}

/* ── PDF ─────────────────────────────────────────────────────────────── */

typedef struct {
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  TrjChartStyle style;
} Draw;

static double
text_at (Draw *d, const char *text, double x, double y, double size, gboolean bold, gboolean muted,
         double xalign, double max_width)
{
  return trj_chart_draw_text (d->cr, d->layout, d->font, text, x, y, size, bold,
                              muted ? &d->style.muted : &d->style.foreground, xalign, max_width).height;
}

static void
draw_page (Draw *d, const TrjPrescriberMessage *m, const char *prescriber, guint page, guint n_pages)
{
  static const struct { const char *title; double share; double xalign; } columns[] = {
    { N_("Line"), 0.30, 0 }, { N_("Département"), 0.10, 0 }, { N_("Parameter"), 0.20, 0 },
    { N_("Programmed"), 0.10, 1 }, { N_("Observed"), 0.10, 1 }, { N_("Gap"), 0.10, 1 },
    { N_("Tolerance"), 0.10, 1 },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = trj_format_date (m->date != NULL ? m->date : now);
  g_autofree char *title = NULL, *subtitle = NULL, *body = NULL, *number = NULL;
  double width = W - 2 * MARGIN, y = MARGIN, x;

  cairo_set_source_rgb (d->cr, 1, 1, 1);
  cairo_paint (d->cr);
  /* TRANSLATORS: title of a page of the message to prescribers */
  title = g_strdup_printf (_("Message to the prescriber: %s"), prescriber);
  /* TRANSLATORS: region · data to the end of <month year> · date */
  {
    g_autofree char *month = m->month > 0 ? trj_format_month (m->programmed->year, (int) m->month) : NULL;
    subtitle = g_strdup_printf (_("%s · actuals to the end of %s · %s"), m->programmed->region,
                                month != NULL ? month : "—", day);
  }
  y += text_at (d, title, MARGIN, y, 18, TRUE, FALSE, 0, width) + 4;
  y += text_at (d, subtitle, MARGIN, y, 10, FALSE, TRUE, 0, width) + 18;
  body = g_strdup (_("The parameters observed on the contracts you prescribed this year leave those of "
                      "the programming by more than the tolerance the DREETS set. Please check the "
                      "prescriptions below and bring them back to the programmed parameters, or tell us "
                      "why they differ."));
  y += text_at (d, body, MARGIN, y, 11, FALSE, FALSE, 0, width) + 8;
  if (m->scenario_name != NULL)
    {
      /* TRANSLATORS: the scenario the observed parameters are compared with */
      g_autofree char *reference = g_strdup_printf (_("Programming of reference: “%s”."), m->scenario_name);
      y += text_at (d, reference, MARGIN, y, 10, FALSE, TRUE, 0, width);
    }
  y += 14;

  x = MARGIN;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      double cw = columns[c].share * width;

      text_at (d, _(columns[c].title), x + 4 + (cw - 8) * columns[c].xalign, y, 9, TRUE, FALSE,
               columns[c].xalign, cw - 8);
      x += cw;
    }
  y += ROW_H + 2;
  cairo_set_source_rgba (d->cr, 0, 0, 0, 0.5);
  cairo_set_line_width (d->cr, 0.8);
  cairo_move_to (d->cr, MARGIN, y - 3);
  cairo_line_to (d->cr, W - MARGIN, y - 3);
  cairo_stroke (d->cr);

  for (guint i = 0; i < m->drifts->len && y < H - 80; i++)
    {
      const TrjLandingDrift *drift = &g_array_index (m->drifts, TrjLandingDrift, i);
      const TrjLine *line = drift_line (m, drift, NULL);
      char *cells[7] = { NULL };

      if (!g_str_equal (prescriber_of (line), prescriber))
        continue;
      cells[0] = line_name (line);
      cells[1] = g_strdup (line->departement != NULL ? line->departement : "");
      cells[2] = g_strdup (trj_catalog_param_title (drift->param));
      cells[3] = format_param (drift->param, drift->programmed);
      cells[4] = format_param (drift->param, drift->observed);
      cells[5] = format_gap (drift->param, drift->observed - drift->programmed);
      cells[6] = format_param (drift->param, drift->tolerance);
      x = MARGIN;
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          double cw = columns[c].share * width;

          text_at (d, cells[c], x + 4 + (cw - 8) * columns[c].xalign, y + 2, 9, FALSE, FALSE,
                   columns[c].xalign, cw - 8);
          x += cw;
        }
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        g_free (cells[c]);
      y += ROW_H;
    }
  y += 24;
  text_at (d, _("The DREETS, programming of the Fonds d’inclusion dans l’emploi"), MARGIN, y, 10, FALSE, TRUE, 0,
           width);
  number = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  text_at (d, number, W - MARGIN, H - 30, 9, FALSE, TRUE, 1, 0);
}

gboolean
trj_prescriber_message_write_pdf (const TrjPrescriberMessage *m, const char *path, GError **error)
{
  g_auto(GStrv) prescribers = trj_prescriber_message_prescribers (m);
  guint n = g_strv_length (prescribers);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_font_options_t *options;
  Draw d;
  gboolean ok;

  if (n == 0)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           _("No observed parameter leaves the programmed one by more than the tolerance: "
                             "there is no message to send."));
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (trj_chart_stream_to_array, bytes, W, H);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Message to the prescribers"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Trajectoire");
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  d.cr = cr;
  d.layout = pango_layout_new (context);
  pango_layout_set_wrap (d.layout, PANGO_WRAP_WORD);
  trj_chart_style_init (&d.style, FALSE);
  d.font = pango_font_description_from_string (d.style.font_family);
  for (guint p = 0; p < n; p++)
    {
      draw_page (&d, m, prescribers[p], p, n);
      cairo_show_page (cr);
    }
  pango_font_description_free (d.font);
  g_object_unref (d.layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = trj_chart_save_stream (surface, bytes, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/* ── CSV ─────────────────────────────────────────────────────────────── */

static void
field (GString *out, const char *text, gboolean first)
{
  if (!first)
    g_string_append_c (out, ';');
  trj_csv_append_field (out, text != NULL ? text : "", ';');
}

static void
number (GString *out, double value)
{
  g_autoptr(GString) n = g_string_new (NULL);

  g_string_append_c (out, ';');
  if (!isfinite (value))
    return;
  /* Observed averages and gaps carry the last bits of a sum or a difference
   * (a tenth written 0,09999999999999998): nine decimals are far more than a
   * rate needs. */
  value = round (value * 1e9) / 1e9;
  trj_json_append_number (n, value);
  g_strdelimit (n->str, ".", ',');
  g_string_append (out, n->str);
}

gboolean
trj_prescriber_message_write_csv (const TrjPrescriberMessage *m, const char *path, GError **error)
{
  g_auto(GStrv) prescribers = trj_prescriber_message_prescribers (m);
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  static const char *const header[] = {
    "prescripteur", "enveloppe", "identifiant", "libellé", "département", "paramètre",
    "programmé", "observé", "écart", "tolérance", "données à fin",
  };
  g_autoptr(GError) local = NULL;

  if (prescribers[0] == NULL)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           _("No observed parameter leaves the programmed one by more than the tolerance: "
                             "there is no message to send."));
      return FALSE;
    }
  /* The column names are the file's contract, in French like the other CSV. */
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    field (out, header[c], c == 0);
  g_string_append (out, "\r\n");
  for (guint p = 0; prescribers[p] != NULL; p++)
    for (guint i = 0; i < m->drifts->len; i++)
      {
        const TrjLandingDrift *d = &g_array_index (m->drifts, TrjLandingDrift, i);
        const TrjEnvelope *env;
        const TrjLine *line = drift_line (m, d, &env);
        g_autofree char *month = NULL;

        if (!g_str_equal (prescriber_of (line), prescribers[p]))
          continue;
        field (out, prescribers[p], TRUE);
        field (out, env->id, FALSE);
        field (out, line->id, FALSE);
        field (out, line->label, FALSE);
        field (out, line->departement, FALSE);
        field (out, trj_catalog_param (d->param)->key, FALSE);
        number (out, d->programmed);
        number (out, d->observed);
        number (out, d->observed - d->programmed);
        number (out, d->tolerance);
        month = g_strdup_printf ("%u", m->month);
        field (out, month, FALSE);
        g_string_append (out, "\r\n");
      }
  if (!g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, local->domain, local->code, _("Cannot write “%s”: %s"), display, local->message);
      return FALSE;
    }
  return TRUE;
}
