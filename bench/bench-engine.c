/* bench-engine.c — time of a full recompute of every region
 *
 * 20 regional scenarios (the 19 regions of the 2024 notification, Hauts-de-France
 * twice to make 20) × 2 envelopes × 10 lines, each line with 12 months of
 * entries and 12 months of last year's entries (stock). One "full recompute"
 * is trj_engine_compute on all 20. Prints the median and p95 over many runs.
 *
 *   ./build/bench/bench-engine [runs]
 */
#include <stdio.h>
#include <stdlib.h>

#include "trj-engine.h"
#include "trj-year-data.h"

#define N_SCENARIOS 20
#define N_LINES 10

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  TrjScenario *scenarios[N_SCENARIOS];
  TrjResult *results[N_SCENARIOS];
  int runs = argc > 1 ? atoi (argv[1]) : 20000;
  double *times = g_new (double, runs);
  double checksum = 0;

  for (int i = 0; i < N_SCENARIOS; i++)
    {
      const TrjRegion *region = g_ptr_array_index (data->regions, i % data->regions->len);
      TrjScenario *s = trj_year_data_example (data, region->name, NULL);

      for (guint e = 0; e < s->envelopes->len; e++)
        {
          TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);
          TrjLine *model = g_ptr_array_index (env->lines, 0);
          g_autoptr(TrjLine) template = trj_line_copy (model);

          g_ptr_array_set_size (env->lines, 0);
          for (int l = 0; l < N_LINES; l++)
            {
              TrjLine *line = trj_line_copy (template);

              g_free (line->id);
              line->id = g_strdup_printf ("%s-%d", env->id, l);
              line->rate = template->rate + 0.01 * (l % 3);
              line->duration_months = 6 + 0.7 * l;
              line->has_previous_entries = TRUE;
              for (int m = 0; m < TRJ_MONTHS; m++)
                {
                  line->entries[m] = 5 + (m * 7 + l) % 11;
                  line->previous_entries[m] = 3 + (m * 5 + l) % 7;
                }
              g_ptr_array_add (env->lines, line);
            }
        }
      scenarios[i] = s;
      results[i] = trj_result_new (s);
    }

  for (int run = 0; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 end;

      for (int i = 0; i < N_SCENARIOS; i++)
        if (!trj_engine_compute (scenarios[i], &data->rules, results[i], NULL))
          g_error ("compute failed");
      end = g_get_monotonic_time ();
      times[run] = (double) (end - start);
      checksum += results[run % N_SCENARIOS]->region.ae_total;
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  printf ("full recompute, %d regions × 2 envelopes × %d lines with stock (%d runs):\n",
          N_SCENARIOS, N_LINES, runs);
  printf ("  median %.1f µs, p95 %.1f µs, min %.1f µs  (checksum %.0f)\n",
          times[runs / 2], times[runs * 95 / 100], times[0], checksum / runs);

  for (int i = 0; i < N_SCENARIOS; i++)
    {
      trj_result_free (results[i]);
      trj_scenario_free (scenarios[i]);
    }
  g_free (times);
  return 0;
}
