/* trj-chart-export.c — PNG, SVG and PDF exports of a chart */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-chart-export.h"
#include "trj-chart-render.h"

static const char *format_names[] = { "png", "svg", "pdf" };

gboolean
trj_chart_format_from_string (const char *s, TrjChartFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (s != NULL && g_ascii_strcasecmp (s, format_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
trj_chart_format_extension (TrjChartFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

cairo_status_t
trj_chart_stream_to_array (void *byte_array, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (byte_array, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
trj_chart_save_stream (cairo_surface_t *surface, GByteArray *bytes, const char *path, GError **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, error))
    {
      g_prefix_error (error, _("Could not save “%s”: "), path);
      return FALSE;
    }
  return TRUE;
}

/* Vector outputs must not depend on the screen's hinting. */
static PangoContext *
create_context (cairo_t *cr, gboolean vector)
{
  PangoContext *context = pango_cairo_create_context (cr);

  if (vector)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
    }
  return context;
}

gboolean
trj_chart_export (const TrjChartModel *model,
                  const TrjChartStyle *style,
                  TrjChartFormat       format,
                  int                  width,
                  int                  height,
                  const char          *path,
                  GError             **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  PangoContext *context;
  cairo_t *cr;
  gboolean ok;

  if (width < 16 || height < 16 || width > 16384 || height > 16384)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The image size %d × %d is outside 16–16384"), width, height);
      return FALSE;
    }
  switch (format)
    {
    case TRJ_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case TRJ_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (trj_chart_stream_to_array, bytes, width, height);
      break;
    case TRJ_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (trj_chart_stream_to_array, bytes, width, height);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  cr = cairo_create (surface);
  context = create_context (cr, format != TRJ_CHART_FORMAT_PNG);
  trj_chart_render (cr, context, width, height, style, model, NULL, NULL);
  g_object_unref (context);
  cairo_destroy (cr);
  if (format == TRJ_CHART_FORMAT_PNG)
    cairo_surface_write_to_png_stream (surface, trj_chart_stream_to_array, bytes);
  cairo_surface_finish (surface);
  ok = trj_chart_save_stream (surface, bytes, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

TrjChartRect
trj_chart_draw_text (cairo_t *cr, PangoLayout *layout, PangoFontDescription *font, const char *text, double x,
                     double y, double size, gboolean bold, const TrjChartColor *color, double xalign,
                     double max_width)
{
  PangoRectangle logical;
  TrjChartRect r;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  r.width = logical.width / (double) PANGO_SCALE;
  r.height = logical.height / (double) PANGO_SCALE;
  r.x = x - r.width * xalign;
  r.y = y;
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_move_to (cr, r.x, r.y);
  pango_cairo_show_layout (cr, layout);
  return r;
}
