/* test-workbook-kill.c — SIGKILL at every write of a multi-row edit
 *
 * test-workbook-crash kills a stream of edits at random moments. Here each
 * edit that writes several rows in one batch — the solver's apply (a monthly
 * line's twelve entries, or a rate), a paste of a block over four lines, a
 * profile copied to four lines, lines duplicated, removed and moved — is
 * killed once before each of the writes, truncations and syncs SQLite makes
 * for it (a VFS shim counts them, tests/trj-test-vfs.h), every one in turn.
 * After each kill the workbook must pass PRAGMA integrity_check, open
 * read-write, and hold either the document as before the edit with its
 * journal unchanged, or the document as after it with exactly one more undo
 * step, named after the edit, whose undo gives back the document before:
 * never half of the batch. Both outcomes must be seen, so that the kills
 * really fall on both sides of the commit.
 *
 * The batches make the same store calls as the dialogs and grids do
 * (trj-solver-dialog.c, trj-grid.c's paste, trj-envelope-page.c's edits over
 * the selected lines), without GTK so that the child can be killed anywhere.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "trj-engine.h"
#include "trj-json.h"
#include "trj-test-util.h"
#include "trj-test-vfs.h"
#include "trj-workbook-private.h"

#define N_LINES 5

typedef enum {
  EDIT_SOLVE_VOLUME,
  EDIT_SOLVE_RATE,
  EDIT_PASTE,
  EDIT_PROFILE,
  EDIT_ROWS,
  EDIT_ALLOCATIONS,
  N_EDITS
} Edit;

static const struct {
  const char *name;
  const char *label;            /* the undo step's */
} edits[N_EDITS] = {
  [EDIT_SOLVE_VOLUME] = { "solve-volume", "Ajuster" },
  [EDIT_SOLVE_RATE] = { "solve-rate", "Ajuster" },
  [EDIT_PASTE] = { "paste", "Coller" },
  [EDIT_PROFILE] = { "profile", "Appliquer le profil" },
  [EDIT_ROWS] = { "rows", "Réorganiser les lignes" },
  /* The store's own step label: this test loads no translation. */
  [EDIT_ALLOCATIONS] = { "allocations", "Change the Allocations" },
};

/* Set up once by the parent, inherited by every child. */
static char *dir, *pristine_path, *path;
static char *line_ids[N_LINES];
static gint64 scenario_id;

/* The child's kill switch: armed around the edit only. */
static gboolean armed;
static guint n_ops, kill_at;

static int
kill_hook (TrjTestVfsOp op, gpointer data)
{
  if (armed && ++n_ops == kill_at)
    kill (getpid (), SIGKILL);
  return SQLITE_OK;
}

/* The solver's apply, as trj_solver_dialog_apply: solve, settle, write the
 * settled line in one batch. The target is the envelope's AE plus 50 000 €. */
static gboolean
apply_solution (TrjWorkbook *wb, TrjUnknown unknown, TrjLineField field, GError **error)
{
  g_autoptr(TrjScenario) scenario = trj_workbook_get_scenario (wb, scenario_id, error);
  g_autoptr(TrjResult) result = NULL;
  g_autoptr(TrjLine) settled = NULL;
  double value, target, ae_total;
  guint env;

  if (scenario == NULL)
    return FALSE;
  result = trj_result_new (scenario);
  if (!trj_engine_compute (scenario, NULL, result, error))
    return FALSE;
  for (env = 0; !g_str_equal (((TrjEnvelope *) scenario->envelopes->pdata[env])->id, "PEC_CIE_TP"); env++)
    ;
  if (!trj_engine_solve (scenario, line_ids[0], unknown, result->envelopes[env].f.ae_total + 50000,
                         &value, &target, &ae_total, error) ||
      !trj_engine_solve_settle (scenario, line_ids[0], unknown, value, target, &settled,
                                &ae_total, error))
    return FALSE;
  trj_workbook_begin_batch (wb, "Ajuster");
  if (unknown == TRJ_UNKNOWN_VOLUME && settled->entries_mode == TRJ_ENTRIES_MONTHLY
      ? !trj_workbook_set_line_months (wb, scenario_id, line_ids[0], TRJ_LINE_MONTHS_ENTRIES,
                                       settled->entries, error)
      : !trj_workbook_set_line_number (wb, scenario_id, line_ids[0], field, value, error))
    {
      trj_workbook_cancel_batch (wb);
      return FALSE;
    }
  return trj_workbook_end_batch (wb, error);
}

/* A block of four rows by three columns pasted over the lines: label,
 * rate, weekly hours, each cell one call in the paste's batch. */
static gboolean
paste_block (TrjWorkbook *wb, GError **error)
{
  trj_workbook_begin_batch (wb, "Coller");
  for (guint row = 1; row < N_LINES; row++)
    {
      g_autofree char *label = g_strdup_printf ("collé %u", row);

      if (!trj_workbook_set_line_text (wb, scenario_id, line_ids[row], TRJ_LINE_FIELD_LABEL, label, error) ||
          !trj_workbook_set_line_number (wb, scenario_id, line_ids[row], TRJ_LINE_FIELD_RATE,
                                         0.3 + row / 20.0, error) ||
          !trj_workbook_set_line_number (wb, scenario_id, line_ids[row], TRJ_LINE_FIELD_WEEKLY_HOURS,
                                         21 + row, error))
        {
          trj_workbook_cancel_batch (wb);
          return FALSE;
        }
    }
  return trj_workbook_end_batch (wb, error);
}

/* The first line's entries as the profile of the four others (their
 * entries = their volume × profile / Σ profile), one batch. */
static gboolean
copy_profile (TrjWorkbook *wb, GError **error)
{
  static const double profile[TRJ_MONTHS] = { 1, 2, 3, 4, 0, 0, 1, 2, 3, 4, 0, 0 };

  trj_workbook_begin_batch (wb, "Appliquer le profil");
  for (guint row = 1; row < N_LINES; row++)
    {
      double entries[TRJ_MONTHS];

      for (int m = 0; m < TRJ_MONTHS; m++)
        entries[m] = 10.0 * row * profile[m] / 20.0;
      if (!trj_workbook_set_line_months (wb, scenario_id, line_ids[row], TRJ_LINE_MONTHS_ENTRIES,
                                         entries, error))
        {
          trj_workbook_cancel_batch (wb);
          return FALSE;
        }
    }
  return trj_workbook_end_batch (wb, error);
}

/* Structural edits over several rows: two lines duplicated, two removed,
 * one moved to the top. */
static gboolean
rearrange_rows (TrjWorkbook *wb, GError **error)
{
  g_autofree char *copy1 = NULL, *copy2 = NULL;

  trj_workbook_begin_batch (wb, "Réorganiser les lignes");
  if ((copy1 = trj_workbook_duplicate_line (wb, scenario_id, line_ids[1], error)) == NULL ||
      (copy2 = trj_workbook_duplicate_line (wb, scenario_id, line_ids[2], error)) == NULL ||
      !trj_workbook_remove_line (wb, scenario_id, line_ids[3], error) ||
      !trj_workbook_remove_line (wb, scenario_id, line_ids[4], error) ||
      !trj_workbook_move_line (wb, scenario_id, copy2, 0, error))
    {
      trj_workbook_cancel_batch (wb);
      return FALSE;
    }
  return trj_workbook_end_batch (wb, error);
}

/* The DDETS' share (issue 16): PEC's envelope split between the four
 * départements of Bretagne, four rows written in one step. */
static gboolean
set_allocations (TrjWorkbook *wb, GError **error)
{
  static const char *const departements[] = { "22", "29", "35", "56" };
  g_autoptr(TrjEnvelope) values = trj_envelope_new ("PEC_CIE_TP");

  for (guint i = 0; i < G_N_ELEMENTS (departements); i++)
    trj_envelope_add_allocation (values, trj_allocation_new (departements[i], NULL, 100000.0 * (i + 1), 10.0 * (i + 1)));
  return trj_workbook_set_allocations (wb, scenario_id, "PEC_CIE_TP", values, error);
}

static gboolean
apply_edit (TrjWorkbook *wb, Edit edit, GError **error)
{
  switch (edit)
    {
    case EDIT_SOLVE_VOLUME:
      return apply_solution (wb, TRJ_UNKNOWN_VOLUME, TRJ_LINE_FIELD_VOLUME, error);
    case EDIT_SOLVE_RATE:
      return apply_solution (wb, TRJ_UNKNOWN_RATE, TRJ_LINE_FIELD_RATE, error);
    case EDIT_PASTE:
      return paste_block (wb, error);
    case EDIT_PROFILE:
      return copy_profile (wb, error);
    case EDIT_ROWS:
      return rearrange_rows (wb, error);
    case EDIT_ALLOCATIONS:
      return set_allocations (wb, error);
    case N_EDITS:
    default:
      g_assert_not_reached ();
    }
}

/* Opens the workbook, applies the edit with the kill switch set at the
 * `at`-th write or sync (0: never), then reports on fd how many it counted. */
static void G_GNUC_NORETURN
child_run (Edit edit, guint at, int fd)
{
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  trj_test_vfs_install (kill_hook, NULL);
  wb = trj_workbook_open (path, NULL);
  if (wb == NULL || trj_workbook_is_read_only (wb))
    _exit (3);
  kill_at = at;
  armed = TRUE;
  ok = apply_edit (wb, edit, &error);
  armed = FALSE;
  if (!ok)
    g_printerr ("%s: %s\n", edits[edit].name, error->message);
  if (write (fd, &n_ops, sizeof n_ops) != sizeof n_ops)
    _exit (5);
  /* No close: the connection's checkpoint is not part of the edit. */
  _exit (ok ? 0 : 4);
}

/* Runs a child; returns its wait status and, if it reported, *counted. */
static int
run_child (Edit edit, guint at, guint *counted)
{
  int fds[2], status;
  pid_t pid;
  gssize got;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      child_run (edit, at, fds[1]);
    }
  close (fds[1]);
  do
    got = read (fds[0], counted, sizeof *counted);
  while (got < 0 && errno == EINTR);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (got != sizeof *counted)
    *counted = 0;
  return status;
}

/* Every scenario of the workbook as JSON: the document, without the journal. */
static char *
dump (TrjWorkbook *wb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_workbook_get_scenario (wb, scenario_id, &error);

  g_assert_no_error (error);
  return trj_json_scenario_to_data (s);
}

static gint64
count_undo_steps (void)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM undo_step", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
assert_integrity (void)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The workbook as the parent made it, alone (no -wal, no -shm). */
static void
restore_pristine (void)
{
  g_autofree char *contents = NULL, *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gsize length;

  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_get_contents (pristine_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
make_pristine (void)
{
  static const double entries[TRJ_MONTHS] = { 4, 4, 6, 6, 8, 8, 2, 2, 6, 6, 8, 4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;

  dir = g_dir_make_tmp ("trj-kill-XXXXXX", &error);
  g_assert_no_error (error);
  pristine_path = g_build_filename (dir, "pristine.trajectoire", NULL);
  path = g_build_filename (dir, "kill.trajectoire", NULL);
  wb = trj_workbook_new_for_region (pristine_path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  scenario_id = trj_workbook_get_current_scenario (wb);
  for (guint i = 0; i < N_LINES; i++)
    {
      g_autofree char *label = g_strdup_printf ("ligne %u", i);

      line_ids[i] = trj_workbook_add_line (wb, scenario_id, "PEC_CIE_TP", TRJ_KIND_PEC, -1, &error);
      g_assert_no_error (error);
      g_assert_true (trj_workbook_set_line_text (wb, scenario_id, line_ids[i], TRJ_LINE_FIELD_LABEL,
                                                 label, &error));
      g_assert_true (trj_workbook_set_line_number (wb, scenario_id, line_ids[i], TRJ_LINE_FIELD_VOLUME,
                                                   40 + 10 * i, &error));
      g_assert_no_error (error);
    }
  /* The solver's line is given month by month: applying writes twelve entries. */
  g_assert_true (trj_workbook_set_line_months (wb, scenario_id, line_ids[0], TRJ_LINE_MONTHS_ENTRIES,
                                               entries, &error));
  g_assert_no_error (error);
  /* No connection may cross fork(); closing the last one also empties the WAL. */
}

static void
test_kill (gconstpointer data)
{
  Edit edit = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 steps_before;
  guint total, counted, n_before = 0, n_after = 0;
  int status;

  /* The edit once without a kill: what "after" is, and how many writes it makes. */
  restore_pristine ();
  {
    g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);

    g_assert_no_error (error);
    before = dump (wb);
  }
  steps_before = count_undo_steps ();
  status = run_child (edit, 0, &total);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  {
    g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);

    g_assert_no_error (error);
    after = dump (wb);
  }
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpint (count_undo_steps (), ==, steps_before + 1);
  /* At least the pages written to the WAL and the commit's sync. */
  g_assert_cmpuint (total, >=, 2);

  for (guint at = 1; at <= total; at++)
    {
      g_autoptr(TrjWorkbook) wb = NULL;
      g_autofree char *now = NULL;
      gint64 steps;

      restore_pristine ();
      status = run_child (edit, at, &counted);
      /* Killed there, not failed on its own nor finished. */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      assert_integrity ();
      steps = count_undo_steps ();
      wb = trj_workbook_open (path, &error);
      g_assert_no_error (error);
      g_assert_false (trj_workbook_is_read_only (wb));
      now = dump (wb);
      if (g_str_equal (now, before))
        {
          g_assert_cmpint (steps, ==, steps_before);
          n_before++;
          continue;
        }
      /* Not before: then the whole edit, one step, which undo takes back whole. */
      g_assert_cmpstr (now, ==, after);
      g_assert_cmpint (steps, ==, steps_before + 1);
      g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, edits[edit].label);
      g_assert_true (trj_workbook_undo (wb, &error));
      g_assert_no_error (error);
      g_clear_pointer (&now, g_free);
      now = dump (wb);
      g_assert_cmpstr (now, ==, before);
      n_after++;
    }
  g_test_message ("%s: %u writes and syncs, killed before each: %u times the document before, "
                  "%u times after", edits[edit].name, total, n_before, n_after);
  /* Kills fell on both sides of the commit. */
  g_assert_cmpuint (n_before, >, 0);
  g_assert_cmpuint (n_after, >, 0);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  make_pristine ();
  for (guint e = 0; e < N_EDITS; e++)
    {
      g_autofree char *name = g_strdup_printf ("/workbook-kill/%s", edits[e].name);

      g_test_add_data_func (name, GUINT_TO_POINTER (e), test_kill);
    }
  rc = g_test_run ();
  trj_test_remove_dir (dir);
  for (guint i = 0; i < N_LINES; i++)
    g_free (line_ids[i]);
  g_free (pristine_path);
  g_free (path);
  g_free (dir);
  return rc;
}
