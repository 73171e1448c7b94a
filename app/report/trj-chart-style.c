/* trj-chart-style.c — default chart styles */
#include "config.h"

#include "trj-chart-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* Adwaita's palette (GNOME HIG), so that charts sit well next to the grids. */
static const TrjChartStyle light_style = {
  .background = RGB (0xffffff),
  .foreground = RGB (0x241f31),
  .muted = RGB (0x5e5c64),
  .grid = { 0.0, 0.0, 0.0, 0.10 },
  .over = RGB (0xc01c28),
  .range = { 0.15, 0.63, 0.41, 0.16 },
  .series = {
    [TRJ_CHART_COLOR_AE] = RGB (0x1c71d8),
    [TRJ_CHART_COLOR_CP] = RGB (0x813d9c),
    [TRJ_CHART_COLOR_STOCK] = { 0.60, 0.57, 0.52, 0.45 },
    [TRJ_CHART_COLOR_VOLUME] = RGB (0x26a269),
    [TRJ_CHART_COLOR_NEUTRAL] = RGB (0x5e5c64),
    [TRJ_CHART_COLOR_SCENARIO_0] = RGB (0x1c71d8),
    [TRJ_CHART_COLOR_SCENARIO_0 + 1] = RGB (0xe66100),
    [TRJ_CHART_COLOR_SCENARIO_0 + 2] = RGB (0x26a269),
    [TRJ_CHART_COLOR_SCENARIO_0 + 3] = RGB (0x813d9c),
    [TRJ_CHART_COLOR_SCENARIO_0 + 4] = RGB (0x986a44),
    [TRJ_CHART_COLOR_SCENARIO_0 + 5] = RGB (0xc01c28),
  },
  .font_family = "Cantarell, DejaVu Sans, Sans",
  .text_scale = 1.0,
  .dark = FALSE,
};

static const TrjChartStyle dark_style = {
  .background = RGB (0x242424),
  .foreground = RGB (0xffffff),
  .muted = RGB (0xc0bfbc),
  .grid = { 1.0, 1.0, 1.0, 0.12 },
  .over = RGB (0xff7b63),
  .range = { 0.34, 0.89, 0.54, 0.18 },
  .series = {
    [TRJ_CHART_COLOR_AE] = RGB (0x78aeed),
    [TRJ_CHART_COLOR_CP] = RGB (0xdc8add),
    [TRJ_CHART_COLOR_STOCK] = { 0.75, 0.73, 0.70, 0.40 },
    [TRJ_CHART_COLOR_VOLUME] = RGB (0x57e389),
    [TRJ_CHART_COLOR_NEUTRAL] = RGB (0xc0bfbc),
    [TRJ_CHART_COLOR_SCENARIO_0] = RGB (0x78aeed),
    [TRJ_CHART_COLOR_SCENARIO_0 + 1] = RGB (0xffa348),
    [TRJ_CHART_COLOR_SCENARIO_0 + 2] = RGB (0x57e389),
    [TRJ_CHART_COLOR_SCENARIO_0 + 3] = RGB (0xdc8add),
    [TRJ_CHART_COLOR_SCENARIO_0 + 4] = RGB (0xcdab8f),
    [TRJ_CHART_COLOR_SCENARIO_0 + 5] = RGB (0xff7b63),
  },
  .font_family = "Cantarell, DejaVu Sans, Sans",
  .text_scale = 1.0,
  .dark = TRUE,
};

void
trj_chart_style_init (TrjChartStyle *style, gboolean dark)
{
  *style = dark ? dark_style : light_style;
}

void
trj_chart_style_set_accent (TrjChartStyle *style, const TrjChartColor *accent)
{
  style->series[TRJ_CHART_COLOR_AE] = *accent;
  style->series[TRJ_CHART_COLOR_SCENARIO_0] = *accent;
}

const TrjChartColor *
trj_chart_style_series_color (const TrjChartStyle *style, guint role)
{
  if (role >= TRJ_CHART_COLOR_SCENARIO_0)
    role = TRJ_CHART_COLOR_SCENARIO_0 + (role - TRJ_CHART_COLOR_SCENARIO_0) % (TRJ_CHART_N_COLORS - TRJ_CHART_COLOR_SCENARIO_0);
  return &style->series[role];
}
