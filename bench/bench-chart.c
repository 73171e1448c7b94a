/* bench-chart.c — time to render the trajectory chart at 1920 × 1080
 *
 * The 2024 Bretagne notification (trj_year_data_example), PEC_CIE_TP envelope,
 * light style, into an ARGB32 image surface: background, titles, legend, axes,
 * the notified lines, the curves and the margin notes, every text laid out by
 * pango. Model building is timed apart (it runs once per edit, not per frame).
 * Prints the median and p95 over many runs, wall-clock and CPU time of the
 * thread (the latter is what the chart costs when other programs load the
 * machine); target: under 8 ms.
 *
 *   ./build/bench/bench-chart [runs]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <pango/pangocairo.h>

#include "trj-bench.h"
#include "trj-chart-render.h"
#include "trj-i18n.h"
#include "trj-year-data.h"

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main (int argc, char **argv)
{
  const TrjYearData *data;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjResult) result = NULL;
  g_autofree double *render_times = NULL;
  g_autofree double *model_times = NULL;
  g_autofree double *cpu_times = NULL;
  int runs = argc > 1 ? atoi (argv[1]) : 500;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  TrjChartLayout *layout = trj_chart_layout_new ();
  TrjChartRequest request = { TRJ_CHART_TRAJECTORY, "PEC_CIE_TP", TRJ_CHART_BY_DEPARTEMENT, NULL };
  TrjChartStyle style;

  trj_i18n_init ();
  data = trj_year_data_get (2024, NULL);
  scenario = trj_year_data_example (data, "Bretagne", NULL);
  result = trj_result_new (scenario);
  if (runs < 1 || !trj_engine_compute (scenario, &data->rules, result, NULL))
    return 1;
  trj_chart_style_init (&style, FALSE);
  render_times = g_new (double, runs);
  model_times = g_new (double, runs);
  cpu_times = g_new (double, runs);

  for (int i = -10; i < runs; i++)   /* 10 warm-up runs: fonts, glyph caches */
    {
      TrjChartSource source = { scenario, result, "Notification" };
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(TrjChartModel) model = trj_chart_model_build (&request, &source, 1, NULL);
      gint64 t1 = g_get_monotonic_time ();
      double cpu = cpu_ms ();

      trj_chart_render (cr, context, 1920, 1080, &style, model, NULL, layout);
      cairo_surface_flush (surface);
      if (i >= 0)
        {
          model_times[i] = (t1 - t0) / 1000.0;
          render_times[i] = (g_get_monotonic_time () - t1) / 1000.0;
          cpu_times[i] = cpu_ms () - cpu;
        }
    }
  trj_bench_header ();
  trj_bench_row ("chart", "trajectory render, wall clock", "1920 × 1080", "ms", render_times, runs);
  trj_bench_row ("chart", "trajectory render, thread CPU", "1920 × 1080", "ms", cpu_times, runs);
  trj_bench_row ("chart", "trajectory model build", "Bretagne, 2 lines", "ms", model_times, runs);

  trj_chart_layout_free (layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
