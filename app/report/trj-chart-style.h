/* trj-chart-style.h — colours and type of a chart (light, dark, presentation)
 *
 * The renderer knows no theme: the widget fills a style from the GTK theme
 * (accent colour, dark mode), exports and tests use the defaults below.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double red, green, blue, alpha;
} TrjChartColor;

/* Roles of the series colours (TrjChartStyle.series). Overlay scenarios use
 * TRJ_CHART_COLOR_SCENARIO_0 + i, wrapping around the palette. */
typedef enum {
  TRJ_CHART_COLOR_AE,
  TRJ_CHART_COLOR_CP,
  TRJ_CHART_COLOR_STOCK,
  TRJ_CHART_COLOR_VOLUME,
  TRJ_CHART_COLOR_NEUTRAL,     /* reference lines shared by several scenarios */
  TRJ_CHART_COLOR_SCENARIO_0,
  TRJ_CHART_N_COLORS = TRJ_CHART_COLOR_SCENARIO_0 + 6
} TrjChartColorRole;

typedef struct {
  TrjChartColor background;
  TrjChartColor foreground;     /* titles, values */
  TrjChartColor muted;          /* axis labels, subtitle */
  TrjChartColor grid;
  TrjChartColor over;           /* overspending (negative margin) */
  TrjChartColor range;          /* the circular's range, shaded */
  TrjChartColor series[TRJ_CHART_N_COLORS];
  const char *font_family;
  /* Multiplies every text size (presentation mode: 1.3). */
  double text_scale;
  gboolean dark;
} TrjChartStyle;

/* Default light or dark style (Adwaita colours, blue accent). */
void trj_chart_style_init   (TrjChartStyle *style, gboolean dark);
/* Uses accent as the AE colour (the theme's @accent_bg_color). */
void trj_chart_style_set_accent (TrjChartStyle *style, const TrjChartColor *accent);
const TrjChartColor *trj_chart_style_series_color (const TrjChartStyle *style, guint role);

G_END_DECLS
