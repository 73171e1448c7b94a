/* trj-bench.h — one row of the benchmark table (bench/RESULTS.md)
 *
 * Every benchmark prints its figures as markdown table rows through these
 * functions, so that tools/bench can gather them into one table with the
 * machine and the load of the run:
 *   | benchmark | measure | size | runs | unit | min | median | p95 | max |
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The table's header (tools/bench prints it once; a benchmark run by hand
 * prints it too, so that its output reads as a table). */
void trj_bench_header (void);

/* Sorts @samples (@n of them, in @unit: "ms", "µs", "MiB", "×"…) and prints
 * their min, median, p95 and max. */
void trj_bench_row (const char *bench, const char *measure, const char *size, const char *unit,
                    double *samples, guint n);

/* A figure measured once (a ratio, a memory size). */
void trj_bench_value (const char *bench, const char *measure, const char *size, const char *unit,
                      double value);

/* Seconds on the monotonic clock, for timing samples. */
double trj_bench_now (void);

G_END_DECLS
