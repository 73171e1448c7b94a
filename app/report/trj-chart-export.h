/* trj-chart-export.h — a chart as a PNG, SVG or PDF file, through cairo surfaces */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "trj-chart-layout.h"
#include "trj-chart-model.h"
#include "trj-chart-style.h"

G_BEGIN_DECLS

/* Fits a 16:9 slide. */
#define TRJ_CHART_EXPORT_WIDTH  1600
#define TRJ_CHART_EXPORT_HEIGHT 900

typedef enum {
  TRJ_CHART_FORMAT_PNG,
  TRJ_CHART_FORMAT_SVG,
  TRJ_CHART_FORMAT_PDF,
} TrjChartFormat;

gboolean    trj_chart_format_from_string (const char *s, TrjChartFormat *out);
const char *trj_chart_format_extension   (TrjChartFormat format);

/* Writes the chart at width × height (pixels for PNG, points for SVG and PDF).
 * The file is replaced whole or not at all. */
gboolean trj_chart_export (const TrjChartModel *model,
                           const TrjChartStyle *style,
                           TrjChartFormat       format,
                           int                  width,
                           int                  height,
                           const char          *path,
                           GError             **error);

/* For writers built on cairo streams (the report): appends to a GByteArray. */
cairo_status_t trj_chart_stream_to_array (void *byte_array, const unsigned char *data, unsigned int length);
/* Checks the surface's status and saves bytes to path atomically, with a French message. */
gboolean       trj_chart_save_stream     (cairo_surface_t *surface, GByteArray *bytes,
                                          const char *path, GError **error);
/* For those writers too (the report, the comparison, the prescriber message):
 * draws text of size points at y, x − its width × xalign, wrapped at max_width
 * (0: no limit), through layout and font; returns where it stands. */
TrjChartRect   trj_chart_draw_text       (cairo_t *cr, PangoLayout *layout, PangoFontDescription *font,
                                          const char *text, double x, double y, double size, gboolean bold,
                                          const TrjChartColor *color, double xalign, double max_width);

G_END_DECLS
