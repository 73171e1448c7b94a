/* trj-bench.c — rows of the benchmark table */
#include "config.h"

#include "trj-bench.h"

#include <stdio.h>
#include <stdlib.h>

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Three significant figures, without an exponent: 0.0742, 7.42, 742. */
static void
print_figure (double v)
{
  if (v < 1)
    printf (" %.4f |", v);
  else if (v < 10)
    printf (" %.2f |", v);
  else if (v < 100)
    printf (" %.1f |", v);
  else
    printf (" %.0f |", v);
}

void
trj_bench_header (void)
{
  printf ("| benchmark | measure | size | runs | unit | min | median | p95 | max |\n"
          "|---|---|---|---:|---|---:|---:|---:|---:|\n");
}

void
trj_bench_row (const char *bench, const char *measure, const char *size, const char *unit,
               double *samples, guint n)
{
  g_return_if_fail (n > 0);

  qsort (samples, n, sizeof *samples, compare_doubles);
  printf ("| %s | %s | %s | %u | %s |", bench, measure, size, n, unit);
  print_figure (samples[0]);
  print_figure (samples[n / 2]);
  print_figure (samples[MIN (n - 1, (n * 95 + 99) / 100 - 1)]);
  print_figure (samples[n - 1]);
  printf ("\n");
  fflush (stdout);
}

void
trj_bench_value (const char *bench, const char *measure, const char *size, const char *unit,
                 double value)
{
  trj_bench_row (bench, measure, size, unit, &value, 1);
}

double
trj_bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}
