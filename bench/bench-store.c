/* bench-store.c — workbook speed: open + recompute, and one edit end to end
 *
 * Builds a workbook with 10 scenarios × 200 lines (every line with 12 monthly
 * entries and 12 of last year), then measures:
 *   - open: trj_workbook_open (header check, quick_check, lock) + snapshot of
 *     the current scenario + full recompute;
 *   - edit: one trj_workbook_set_line_number (transaction, undo record,
 *     fsync) + snapshot + recompute, as the grid does on each keystroke commit;
 *   - undo: trj_workbook_undo + snapshot + recompute;
 *   - and, for comparison, snapshot + recompute alone.
 * Usage: bench-store [DIRECTORY] (default: a temporary directory; the disk
 * matters, since every edit is synced).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "trj-engine.h"
#include "trj-workbook.h"

#define N_SCENARIOS 10
#define N_LINES 200
#define N_OPENS 20
#define N_EDITS 200

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
report (const char *what, double *samples, guint n)
{
  qsort (samples, n, sizeof *samples, compare_doubles);
  printf ("%-34s median %8.3f ms   p95 %8.3f ms   max %8.3f ms\n", what,
          samples[n / 2] * 1e3, samples[n * 95 / 100] * 1e3, samples[n - 1] * 1e3);
}

static void
recompute (TrjWorkbook *wb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_workbook_get_scenario (wb, trj_workbook_get_current_scenario (wb), &error);
  g_autoptr(TrjResult) result = NULL;

  g_assert_no_error (error);
  result = trj_result_new (s);
  if (!trj_engine_compute (s, trj_workbook_get_rules (wb), result, &error))
    g_error ("%s", error->message);
}

static void
build (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  gint64 s;
  double entries[TRJ_MONTHS], previous[TRJ_MONTHS];

  g_assert_no_error (error);
  s = trj_workbook_get_current_scenario (wb);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      entries[m] = 5 + m % 3;
      previous[m] = 2;
    }
  trj_workbook_begin_batch (wb, "build");
  /* 2 lines come with the notification: add 198 more, 3 in PEC for 1 in CIE jeunes. */
  for (int i = 0; i < N_LINES - 2; i++)
    {
      gboolean pec = i % 4 != 0;
      g_autofree char *id = trj_workbook_add_line (wb, s, pec ? "PEC_CIE_TP" : "CIE_JEUNES",
                                                   pec ? TRJ_KIND_PEC : TRJ_KIND_CIE_JEUNES, -1, &error);
      g_autofree char *dep = g_strdup_printf ("%02d", 22 + i % 4);

      g_assert_no_error (error);
      trj_workbook_set_line_text (wb, s, id, TRJ_LINE_FIELD_DEPARTEMENT, dep, &error);
      trj_workbook_set_line_months (wb, s, id, TRJ_LINE_MONTHS_ENTRIES, entries, &error);
      trj_workbook_set_line_months (wb, s, id, TRJ_LINE_MONTHS_PREVIOUS_ENTRIES, previous, &error);
      g_assert_no_error (error);
    }
  g_assert_true (trj_workbook_end_batch (wb, &error));
  for (int k = 1; k < N_SCENARIOS; k++)
    g_assert_cmpint (trj_workbook_duplicate_scenario (wb, s, NULL, &error), !=, 0);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.trajectoire", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(TrjWorkbook) wb = NULL;
  double opens[N_OPENS], reads[N_EDITS], edits[N_EDITS], undos[N_EDITS];
  GStatBuf st;
  gint64 s;

  g_assert_no_error (error);
  g_unlink (path);
  build (path);
  g_stat (path, &st);
  printf ("workbook: %d scenarios × %d lines, %.1f MiB, in %s\n", N_SCENARIOS, N_LINES,
          st.st_size / 1048576.0, dir);

  for (int i = 0; i < N_OPENS; i++)
    {
      g_timer_start (timer);
      wb = trj_workbook_open (path, &error);
      g_assert_no_error (error);
      recompute (wb);
      opens[i] = g_timer_elapsed (timer, NULL);
      if (i + 1 < N_OPENS)
        g_clear_object (&wb);
    }

  s = trj_workbook_get_current_scenario (wb);
  for (int i = 0; i < N_EDITS; i++)
    {
      g_timer_start (timer);
      recompute (wb);
      reads[i] = g_timer_elapsed (timer, NULL);
    }
  for (int i = 0; i < N_EDITS; i++)
    {
      g_timer_start (timer);
      if (!trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.40 + 0.001 * (i % 100), &error))
        g_error ("%s", error->message);
      recompute (wb);
      edits[i] = g_timer_elapsed (timer, NULL);
    }
  for (int i = 0; i < N_EDITS; i++)
    {
      g_timer_start (timer);
      if (!trj_workbook_undo (wb, &error))
        g_error ("%s", error->message);
      recompute (wb);
      undos[i] = g_timer_elapsed (timer, NULL);
    }

  report ("open + snapshot + recompute", opens, N_OPENS);
  report ("snapshot + recompute (no edit)", reads, N_EDITS);
  report ("edit + undo record + recompute", edits, N_EDITS);
  report ("undo + recompute", undos, N_EDITS);

  g_clear_object (&wb);
  if (argc <= 1)
    {
      g_autofree char *lock = g_strconcat (path, "-lock", NULL);
      g_unlink (path);
      g_unlink (lock);
      g_rmdir (dir);
    }
  return 0;
}
