/* test-workbook-crash.c — crash consistency of the workbook store
 *
 * A child process applies a long, deterministic series of edits to a workbook
 * and reports each one on a pipe once the call has returned. The parent kills
 * it with SIGKILL at random moments; after every kill the workbook must open,
 * pass PRAGMA integrity_check, contain every edit reported as done (and at
 * most the one after it), and hold exactly one undo step per edit: the
 * document and its journal commit together or not at all.
 *
 * Edit i: when i % 13 == 0, an import-like batch adds the (i / 13)-th crash
 * line at the end of PEC_CIE_TP, names it, fills its twelve previous entries
 * at once and duplicates then removes it (a structural change inside the
 * batch); when i % 13 == 12, a paste-like batch sets month 11 of crash line
 * i / 13 to i and its weekly hours to 20 + i % 7; otherwise month (i % 13 − 1)
 * of that line is set to i. A batch must be there whole or not at all.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "trj-workbook-private.h"
#include "trj-test-util.h"

#define N_KILLS 60
#define EDITS_PER_LINE 13

static double
hours_of (guint i)
{
  return 20 + i % 7;
}

static gboolean
import_line (TrjWorkbook *wb, gint64 s, guint n, GError **error)
{
  g_autofree char *id = NULL, *copy = NULL, *label = g_strdup_printf ("crash-%u", n);
  double previous[TRJ_MONTHS];

  for (int m = 0; m < TRJ_MONTHS; m++)
    previous[m] = n;
  trj_workbook_begin_batch (wb, "Importer");
  if ((id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, -1, error)) == NULL ||
      !trj_workbook_set_line_text (wb, s, id, TRJ_LINE_FIELD_LABEL, label, error) ||
      !trj_workbook_set_line_months (wb, s, id, TRJ_LINE_MONTHS_PREVIOUS_ENTRIES, previous, error) ||
      (copy = trj_workbook_duplicate_line (wb, s, id, error)) == NULL ||
      !trj_workbook_remove_line (wb, s, copy, error))
    {
      trj_workbook_cancel_batch (wb);
      return FALSE;
    }
  return trj_workbook_end_batch (wb, error);
}

static gboolean
apply_edit (TrjWorkbook *wb, gint64 s, guint i, GError **error)
{
  g_autoptr(TrjScenario) snapshot = NULL;
  TrjEnvelope *env;
  const TrjLine *line;

  if (i % EDITS_PER_LINE == 0)
    return import_line (wb, s, i / EDITS_PER_LINE, error);
  snapshot = trj_workbook_get_scenario (wb, s, error);
  if (snapshot == NULL)
    return FALSE;
  env = trj_scenario_find_envelope (snapshot, "PEC_CIE_TP");
  line = g_ptr_array_index (env->lines, 1 + i / EDITS_PER_LINE);
  if (i % EDITS_PER_LINE == EDITS_PER_LINE - 1)
    {
      trj_workbook_begin_batch (wb, "Coller");
      if (!trj_workbook_set_line_month (wb, s, line->id, TRJ_LINE_MONTHS_ENTRIES, TRJ_MONTHS - 1, i, error) ||
          !trj_workbook_set_line_number (wb, s, line->id, TRJ_LINE_FIELD_WEEKLY_HOURS, hours_of (i), error))
        {
          trj_workbook_cancel_batch (wb);
          return FALSE;
        }
      return trj_workbook_end_batch (wb, error);
    }
  return trj_workbook_set_line_month (wb, s, line->id, TRJ_LINE_MONTHS_ENTRIES,
                                      i % EDITS_PER_LINE - 1, i, error);
}

static void G_GNUC_NORETURN
child_run (const char *path, guint start, int fd)
{
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, NULL);
  gint64 s;

  if (wb == NULL || trj_workbook_is_read_only (wb))
    _exit (3);
  s = trj_workbook_get_current_scenario (wb);
  for (guint i = start; i < start + 100000; i++)
    {
      if (!apply_edit (wb, s, i, NULL))
        _exit (4);
      if (write (fd, &i, sizeof i) != sizeof i)
        _exit (5);
    }
  _exit (0);
}

/* Reads one report; FALSE at end of file. */
static gboolean
read_report (int fd, guint *out)
{
  gsize got = 0;

  while (got < sizeof *out)
    {
      gssize r = read (fd, (char *) out + got, sizeof *out - got);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return FALSE;
      got += r;
    }
  return TRUE;
}

static gint64
count_rows (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
assert_integrity (const char *path)
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

/* Checks the workbook after a kill; returns the index of the next edit to do. */
static guint
verify (const char *path, gint64 last_reported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) s = NULL;
  TrjEnvelope *env;
  guint expected_lines = last_reported < 0 ? 0 : last_reported / EDITS_PER_LINE + 1;
  guint n_lines, next = last_reported + 1;
  gboolean next_done;
  sqlite3 *db;

  assert_integrity (path);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (trj_workbook_is_read_only (wb));
  s = trj_workbook_get_scenario (wb, trj_workbook_get_current_scenario (wb), &error);
  g_assert_no_error (error);
  env = trj_scenario_find_envelope (s, "PEC_CIE_TP");
  n_lines = env->lines->len - 1;

  /* Every reported edit is there. */
  g_assert_cmpuint (n_lines, >=, expected_lines);
  g_assert_cmpuint (n_lines, <=, expected_lines + 1);
  for (gint64 i = 0; i <= last_reported; i++)
    if (i % EDITS_PER_LINE != 0)
      {
        const TrjLine *line = g_ptr_array_index (env->lines, 1 + i / EDITS_PER_LINE);
        g_assert_cmpfloat (line->entries[i % EDITS_PER_LINE - 1], ==, (double) i);
      }
  /* Every import batch is whole: its line named and filled, its copy gone. */
  for (guint n = 0; n < n_lines; n++)
    {
      const TrjLine *line = g_ptr_array_index (env->lines, 1 + n);
      g_autofree char *label = g_strdup_printf ("crash-%u", n);

      g_assert_cmpstr (line->label, ==, label);
      g_assert_true (line->has_previous_entries);
      for (int m = 0; m < TRJ_MONTHS; m++)
        g_assert_cmpfloat (line->previous_entries[m], ==, (double) n);
      /* A paste batch is whole too: its month with its hours. */
      if (line->entries[TRJ_MONTHS - 1] != 0)
        g_assert_cmpfloat (line->weekly_hours, ==, hours_of ((guint) line->entries[TRJ_MONTHS - 1]));
    }

  /* The edit after the last report may have committed without being reported. */
  if (next % EDITS_PER_LINE == 0)
    next_done = n_lines == expected_lines + 1;
  else
    {
      const TrjLine *line = g_ptr_array_index (env->lines, 1 + next / EDITS_PER_LINE);
      g_assert_cmpuint (n_lines, ==, expected_lines);
      next_done = line->entries[next % EDITS_PER_LINE - 1] == next;
    }
  if (next_done)
    next++;
  g_clear_object (&wb);

  /* One undo step per committed edit, no more, no less. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_rows (db, "SELECT COUNT(*) FROM undo_step"), ==, next);
  sqlite3_close (db);
  return next;
}

static void
test_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "crash.trajectoire", NULL);
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint next = 0, total_reported = 0, kills_mid_edit = 0;

  wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  /* No connection may cross fork(). */
  g_clear_object (&wb);

  for (int k = 0; k < N_KILLS; k++)
    {
      int fds[2];
      pid_t pid;
      gint64 last = (gint64) next - 1;
      guint report;
      int status;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_run (path, next, fds[1]);
        }
      close (fds[1]);

      /* Mostly kill while edits stream; one time in five, maybe during open. */
      if (k % 5 != 0)
        {
          struct pollfd p = { fds[0], POLLIN, 0 };

          g_assert_cmpint (poll (&p, 1, 10000), ==, 1);
        }
      g_usleep (g_random_int_range (0, 25000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* Killed, not failed on its own. */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      while (read_report (fds[0], &report))
        {
          g_assert_cmpuint (report, ==, (guint) (last + 1));
          last = report;
          total_reported++;
        }
      close (fds[0]);

      next = verify (path, last);
      if (next != (guint) (last + 1))
        kills_mid_edit++;
    }

  g_test_message ("%d kills, %u edits reported, %u edits committed, %u committed but not "
                  "reported, %.1f s", N_KILLS, total_reported, next, kills_mid_edit,
                  g_timer_elapsed (timer, NULL));
  /* The series went somewhere: a child that never got to edit proves nothing.
   * Four kills in five come after the child reported an edit, hence committed
   * it, so at least that many edits are in the file; how many more depends on
   * the machine's speed (under ASan one edit per kill), which a condition
   * cannot wait on, so the test does not ask for more. */
  g_assert_cmpuint (next, >=, N_KILLS - N_KILLS / 5);

  trj_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workbook/crash-consistency", test_crash);
  return g_test_run ();
}
