/* bench-engine.c — time of a full recompute of every region
 *
 * 20 regional scenarios (the 19 regions of the 2024 notification, Hauts-de-France
 * twice to make 20) × 2 envelopes × N lines, each line with 12 months of
 * entries and 12 months of last year's entries (stock), at N = 10, 100 and
 * 1 000 lines per envelope: a linear engine takes ten times as long for ten
 * times the lines. One "full recompute" is trj_engine_compute on all 20.
 * Then one region of 200, 2 000 and 20 000 lines (2 envelopes × 100, 1 000,
 * 10 000): its full recompute, and an edit of one line's rate recomputed
 * incrementally (trj_engine_compute_line: that line's figures, then the sums
 * and alerts), as the window does after Entrée (issue 17).
 *
 *   ./build/bench/bench-engine [runs at 10 lines]   (fewer at larger sizes)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "trj-bench.h"
#include "trj-engine.h"
#include "trj-year-data.h"

#define N_SCENARIOS 20

static TrjScenario *
national_scenario (const TrjYearData *data, int i, int n_lines)
{
  const TrjRegion *region = g_ptr_array_index (data->regions, i % data->regions->len);
  TrjScenario *s = trj_year_data_example (data, region->name, NULL);

  for (guint e = 0; e < s->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);
      g_autoptr(TrjLine) template = NULL;

      /* IAE, EA and GEIQ start without lines: the contrats aidés carry the load. */
      if (env->lines->len == 0)
        continue;
      template = trj_line_copy (g_ptr_array_index (env->lines, 0));

      g_ptr_array_set_size (env->lines, 0);
      for (int l = 0; l < n_lines; l++)
        {
          TrjLine *line = trj_line_copy (template);

          g_free (line->id);
          line->id = g_strdup_printf ("%s-%d", env->id, l);
          line->rate = template->rate + 0.01 * (l % 3);
          line->duration_months = 6 + 0.7 * (l % 20);
          line->has_previous_entries = TRUE;
          for (int m = 0; m < TRJ_MONTHS; m++)
            {
              line->entries[m] = 5 + (m * 7 + l) % 11;
              line->previous_entries[m] = 3 + (m * 5 + l) % 7;
            }
          g_ptr_array_add (env->lines, line);
        }
    }
  return s;
}

static void
bench_size (const TrjYearData *data, int n_lines, int runs)
{
  TrjScenario *scenarios[N_SCENARIOS];
  TrjResult *results[N_SCENARIOS];
  g_autofree double *times = g_new (double, runs);
  g_autofree char *size = g_strdup_printf ("20 × 2 × %d lines", n_lines);
  double checksum = 0;

  for (int i = 0; i < N_SCENARIOS; i++)
    {
      scenarios[i] = national_scenario (data, i, n_lines);
      results[i] = trj_result_new (scenarios[i]);
    }
  for (int run = 0; run < runs; run++)
    {
      double start = trj_bench_now ();

      for (int i = 0; i < N_SCENARIOS; i++)
        if (!trj_engine_compute (scenarios[i], &data->rules, results[i], NULL))
          g_error ("compute failed");
      times[run] = (trj_bench_now () - start) * 1e6;
      checksum += results[run % N_SCENARIOS]->region.ae_total;
    }
  /* Printed so that the compiler cannot drop the work. */
  g_debug ("checksum %.0f", checksum / runs);
  trj_bench_row ("engine", "full national recompute", size, "µs", times, runs);
  for (int i = 0; i < N_SCENARIOS; i++)
    {
      trj_result_free (results[i]);
      trj_scenario_free (scenarios[i]);
    }
}

/* One region of 2 × n_lines lines: full recompute against one line's. */
static void
bench_edit (const TrjYearData *data, int n_lines, int runs)
{
  g_autoptr(TrjScenario) s = national_scenario (data, 0, n_lines);
  g_autoptr(TrjResult) result = trj_result_new (s);
  g_autofree double *full = g_new (double, runs);
  g_autofree double *one = g_new (double, runs);
  g_autofree char *size = g_strdup_printf ("%d lines", 2 * n_lines);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  double checksum = 0;

  for (int run = 0; run < runs; run++)
    {
      double start = trj_bench_now ();

      if (!trj_engine_compute (s, &data->rules, result, NULL))
        g_error ("compute failed");
      full[run] = (trj_bench_now () - start) * 1e3;
      checksum += result->region.ae_total;
    }
  for (int run = 0; run < runs; run++)
    {
      guint l = (guint) (run * 7919) % env->lines->len;
      TrjLine *line = g_ptr_array_index (env->lines, l);
      double start;

      line->rate = 0.40 + 0.001 * (run % 100);
      start = trj_bench_now ();
      if (!trj_engine_compute_line (s, &data->rules, result, 0, l, line, NULL))
        g_error ("compute failed");
      one[run] = (trj_bench_now () - start) * 1e3;
      checksum += result->region.ae_total;
    }
  g_debug ("checksum %.0f", checksum / runs);
  trj_bench_row ("engine", "one region: full recompute", size, "ms", full, runs);
  trj_bench_row ("engine", "one region: one line edited, incremental recompute", size, "ms", one, runs);
}

int
main (int argc, char **argv)
{
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  int runs = argc > 1 ? atoi (argv[1]) : 20000;

  if (runs < 10)
    runs = 10;
  trj_bench_header ();
  bench_size (data, 10, runs);
  bench_size (data, 100, MAX (runs / 10, 10));
  bench_size (data, 1000, MAX (runs / 100, 10));
  bench_edit (data, 100, MAX (runs / 20, 10));
  bench_edit (data, 1000, MAX (runs / 100, 10));
  bench_edit (data, 10000, MAX (runs / 200, 10));
  return 0;
}
