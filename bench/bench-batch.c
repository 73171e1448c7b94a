/* bench-batch.c — batches that add lines: one undo step of N duplications, N
 * insertions near the top, or N lines appended (an import), at 200, 2 000 and
 * 20 000 lines, then the undo of that step. Linear batches take ten times as
 * long for ten times the lines.
 * Usage: bench-batch [DIRECTORY] [RUNS] (default: a temporary directory, 3 runs). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "trj-bench.h"
#include "trj-workbook.h"

typedef enum { DUPLICATE, INSERT_NEAR_TOP, APPEND, N_KINDS } Kind;

static const char *const kind_names[N_KINDS] = {
  "duplicate one line N times", "insert N lines at row 2", "append N lines",
};

/* Seconds for the batch; *undo_out for its undo. */
static double
run (const char *dir, Kind kind, int n, double *undo_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "batch.trajectoire", NULL);
  g_autofree char *lock = g_strconcat (path, "-lock", NULL);
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  gint64 s;
  double elapsed;

  g_unlink (path);
  wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  s = trj_workbook_get_current_scenario (wb);
  g_timer_start (timer);
  trj_workbook_begin_batch (wb, "bench");
  for (int i = 0; i < n; i++)
    {
      g_autofree char *id = NULL;

      switch (kind)
        {
        case DUPLICATE:
          id = trj_workbook_duplicate_line (wb, s, "pec", &error);
          break;
        case INSERT_NEAR_TOP:
          id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, 1, &error);
          break;
        case APPEND:
          id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, -1, &error);
          break;
        case N_KINDS:
        default:
          g_assert_not_reached ();
        }
      if (id == NULL)
        g_error ("%s", error->message);
    }
  if (!trj_workbook_end_batch (wb, &error))
    g_error ("%s", error->message);
  elapsed = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  if (!trj_workbook_undo (wb, &error))
    g_error ("%s", error->message);
  *undo_out = g_timer_elapsed (timer, NULL);
  trj_workbook_close (wb);
  g_unlink (path);
  g_unlink (lock);
  return elapsed;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("bench-batch-XXXXXX", &error);
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  const int sizes[] = { 200, 2000, 20000 };

  g_assert_no_error (error);
  trj_bench_header ();
  for (int k = 0; k < N_KINDS; k++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        g_autofree double *t = g_new (double, runs);
        g_autofree double *u = g_new (double, runs);
        g_autofree char *size = g_strdup_printf ("%d lines", sizes[z]);
        g_autofree char *undo = g_strdup_printf ("undo of: %s", kind_names[k]);

        for (int r = 0; r < runs; r++)
          {
            t[r] = run (dir, k, sizes[z], &u[r]) * 1e3;
            u[r] *= 1e3;
          }
        trj_bench_row ("batch", kind_names[k], size, "ms", t, runs);
        trj_bench_row ("batch", undo, size, "ms", u, runs);
      }
  if (argc <= 1)
    g_rmdir (dir);
  return 0;
}
