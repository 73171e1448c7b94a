/* bench-store.c — workbook speed: open + recompute, and one edit end to end
 *
 * Builds workbooks of 200, 2 000 and 20 000 lines (every line with 12 monthly
 * entries and 12 of last year; a second scenario, a copy, beside the current
 * one, as a planner keeps a variant), then measures:
 *   - open: trj_workbook_open (header check, quick_check, lock, every value of
 *     every scenario checked against the catalogue's limits) + snapshot of the
 *     current scenario + full recompute;
 *   - edit: one trj_workbook_set_line_number (transaction, undo record,
 *     fsync) + snapshot + recompute, as the grid does on each keystroke commit;
 *   - undo: trj_workbook_undo + snapshot + recompute;
 *   - and, for comparison, snapshot + recompute alone;
 *   - the same edit and undo as the window does them since issue 17: the line
 *     the workbook's "changed" names read alone into the snapshot, and the
 *     incremental recompute (trj_engine_compute_line).
 * Usage: bench-store [DIRECTORY [LINES...]] (default: a temporary directory,
 * and 200, 2 000 and 20 000 lines; the disk matters, since every edit is synced).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "trj-bench.h"
#include "trj-engine.h"
#include "trj-workbook.h"

#define N_SCENARIOS 2

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

/* The window's way (trj-document.c): the snapshot and its figures kept; the
 * line a change names read alone, and only its figures computed again. */
typedef struct {
  TrjWorkbook *wb;
  TrjScenario *scenario;
  TrjResult *result;
  char *changed_line;
} Shown;

static void
changed_cb (TrjWorkbook *wb, gint64 scenario_id, guint changes, const char *line_id, Shown *shown)
{
  g_free (shown->changed_line);
  shown->changed_line = changes == TRJ_WORKBOOK_CHANGE_VALUES ? g_strdup (line_id) : NULL;
}

static void
shown_update (Shown *shown)
{
  g_autoptr(GError) error = NULL;

  if (shown->changed_line == NULL)
    g_error ("the change named no line");
  for (guint e = 0; e < shown->scenario->envelopes->len; e++)
    {
      TrjEnvelope *env = shown->scenario->envelopes->pdata[e];

      for (guint l = 0; l < env->lines->len; l++)
        {
          g_autoptr(TrjLine) before = env->lines->pdata[l];

          if (!g_str_equal (before->id, shown->changed_line))
            {
              g_steal_pointer (&before);
              continue;
            }
          env->lines->pdata[l] = trj_workbook_get_line (shown->wb, trj_workbook_get_current_scenario (shown->wb),
                                                        before->id, &error);
          g_assert_no_error (error);
          if (!trj_engine_compute_line (shown->scenario, trj_workbook_get_rules (shown->wb), shown->result,
                                        e, l, before, &error))
            g_error ("%s", error->message);
          return;
        }
    }
  g_error ("no line %s", shown->changed_line);
}

static void
build (const char *path, int n_lines)
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
  /* 2 lines come with the notification: add the others, 3 in PEC for 1 in CIE jeunes. */
  for (int i = 0; i < n_lines - 2; i++)
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

static void
bench_size (const char *dir, int n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.trajectoire", NULL);
  g_autofree char *lock = g_strconcat (path, "-lock", NULL);
  g_autofree char *size = g_strdup_printf ("%d lines", n_lines);
  g_autoptr(TrjWorkbook) wb = NULL;
  int n_opens = MAX (5, 4000 / n_lines), n_edits = MAX (10, 40000 / n_lines);
  g_autofree double *opens = g_new (double, n_opens);
  g_autofree double *reads = g_new (double, n_edits);
  g_autofree double *edits = g_new (double, n_edits);
  g_autofree double *undos = g_new (double, n_edits);
  g_autofree double *line_edits = g_new (double, n_edits);
  g_autofree double *line_undos = g_new (double, n_edits);
  Shown shown = { 0 };
  double start;
  gint64 s;

  g_unlink (path);
  start = trj_bench_now ();
  build (path, n_lines);
  trj_bench_value ("store", "build the workbook (one batch, then a copy)", size, "ms",
                   (trj_bench_now () - start) * 1e3);
  for (int i = 0; i < n_opens; i++)
    {
      start = trj_bench_now ();
      wb = trj_workbook_open (path, &error);
      g_assert_no_error (error);
      recompute (wb);
      opens[i] = (trj_bench_now () - start) * 1e3;
      if (i + 1 < n_opens)
        g_clear_object (&wb);
    }

  s = trj_workbook_get_current_scenario (wb);
  for (int i = 0; i < n_edits; i++)
    {
      start = trj_bench_now ();
      recompute (wb);
      reads[i] = (trj_bench_now () - start) * 1e3;
    }
  for (int i = 0; i < n_edits; i++)
    {
      start = trj_bench_now ();
      if (!trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.40 + 0.001 * (i % 100), &error))
        g_error ("%s", error->message);
      recompute (wb);
      edits[i] = (trj_bench_now () - start) * 1e3;
    }
  for (int i = 0; i < n_edits; i++)
    {
      start = trj_bench_now ();
      if (!trj_workbook_undo (wb, &error))
        g_error ("%s", error->message);
      recompute (wb);
      undos[i] = (trj_bench_now () - start) * 1e3;
    }

  /* The window's way: a snapshot and its figures, then each change's line. */
  shown.wb = wb;
  shown.scenario = trj_workbook_get_scenario (wb, s, &error);
  g_assert_no_error (error);
  shown.result = trj_result_new (shown.scenario);
  if (!trj_engine_compute (shown.scenario, trj_workbook_get_rules (wb), shown.result, &error))
    g_error ("%s", error->message);
  g_signal_connect (wb, "changed", G_CALLBACK (changed_cb), &shown);
  for (int i = 0; i < n_edits; i++)
    {
      start = trj_bench_now ();
      if (!trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.40 + 0.001 * (i % 100), &error))
        g_error ("%s", error->message);
      shown_update (&shown);
      line_edits[i] = (trj_bench_now () - start) * 1e3;
    }
  for (int i = 0; i < n_edits; i++)
    {
      start = trj_bench_now ();
      if (!trj_workbook_undo (wb, &error))
        g_error ("%s", error->message);
      shown_update (&shown);
      line_undos[i] = (trj_bench_now () - start) * 1e3;
    }
  /* What was computed is what a full recompute gives. */
  {
    g_autoptr(TrjScenario) fresh = trj_workbook_get_scenario (wb, s, &error);
    g_autoptr(TrjResult) full = trj_result_new (fresh);

    g_assert_no_error (error);
    if (!trj_engine_compute (fresh, trj_workbook_get_rules (wb), full, &error))
      g_error ("%s", error->message);
    if (fabs (full->region.ae_total - shown.result->region.ae_total) > 0.005
        || full->n_alerts != shown.result->n_alerts)
      g_error ("the incremental recompute differs from the full one");
  }
  g_signal_handlers_disconnect_by_data (wb, &shown);
  g_clear_pointer (&shown.scenario, trj_scenario_free);
  g_clear_pointer (&shown.result, trj_result_free);
  g_clear_pointer (&shown.changed_line, g_free);

  trj_bench_row ("store", "open + snapshot + recompute", size, "ms", opens, n_opens);
  trj_bench_row ("store", "snapshot + recompute (no edit)", size, "ms", reads, n_edits);
  trj_bench_row ("store", "edit + undo record + recompute", size, "ms", edits, n_edits);
  trj_bench_row ("store", "undo + recompute", size, "ms", undos, n_edits);
  trj_bench_row ("store", "edit + undo record + line read + incremental recompute", size, "ms", line_edits, n_edits);
  trj_bench_row ("store", "undo + line read + incremental recompute", size, "ms", line_undos, n_edits);
  g_clear_object (&wb);
  g_unlink (path);
  g_unlink (lock);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("bench-store-XXXXXX", &error);

  g_assert_no_error (error);
  trj_bench_header ();
  if (argc > 2)
    for (int i = 2; i < argc; i++)
      bench_size (dir, MAX (atoi (argv[i]), 2));
  else
    {
      bench_size (dir, 200);
      bench_size (dir, 2000);
      bench_size (dir, 20000);
    }
  if (argc <= 1)
    g_rmdir (dir);
  return 0;
}
