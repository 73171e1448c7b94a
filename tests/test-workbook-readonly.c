/* test-workbook-readonly.c — a workbook in a read-only folder, or a read-only
 * file, opens read-only (every edit refused, a French reason) and leaves
 * nothing beside it: no -wal, -shm or -lock file, its bytes unchanged.
 *
 * Permissions are real ones: the folder or file is chmod-ed, and the opening
 * runs in a subprocess. Root ignores permission bits (and a container allows
 * neither read-only mounts nor chattr +i), so when the tests run as root the
 * subprocess drops to the unprivileged user "nobody" before opening. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libintl.h>
#include <glib/gstdio.h>

#include "trj-i18n.h"
#include "trj-test-util.h"
#include "trj-workbook-private.h"

#define NOBODY 65534

typedef struct {
  const char *name;
  mode_t folder_mode, file_mode;
  gboolean crashed_writer;      /* a WAL with committed frames is left beside the file */
  const char *reason_word;      /* in the French reason */
} Case;

static const Case cases[] = {
  /* The file is writable by anyone: only the folder stops the writer. */
  { "read-only-folder", 0555, 0666, FALSE, "dossier" },
  { "read-only-file", 0777, 0444, FALSE, "fichier" },
  { "read-only-folder-and-file", 0555, 0444, FALSE, "fichier" },
  { "read-only-folder-after-crash", 0555, 0666, TRUE, "dossier" },
};

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in a folder, sorted, one per line. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* The case's folder, in a temporary folder of this run (each run its own,
 * so that runs side by side do not meet); the subprocess finds it in the
 * environment it inherits. */
static char *
case_dir (const Case *c)
{
  const char *base = g_getenv ("TRJ_TEST_READONLY_DIR");

  g_assert_nonnull (base);
  return g_build_filename (base, c->name, NULL);
}

/* In the subprocess: what a planner who may not write gets. */
static void
open_read_only (const Case *c)
{
  g_autofree char *dir = case_dir (c);
  g_autofree char *path = g_build_filename (dir, "ro.trajectoire", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) s = NULL;
  gboolean read_only = FALSE;
  gint64 id;

  /* The French catalogue is read from the build folder, which "nobody" may not
   * reach (a clone in a private temporary folder): load it while still root;
   * the empty msgid makes gettext load the domain. */
  (void) dgettext (GETTEXT_PACKAGE, "");
  if (getuid () == 0)
    g_assert_true (setgid (NOBODY) == 0 && setuid (NOBODY) == 0);
  g_assert_true (trj_workbook_file_is_unwritable (path));

  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_is_read_only (wb));
  g_object_get (wb, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_nonnull (strstr (trj_workbook_get_read_only_reason (wb), c->reason_word));
  g_assert_nonnull (strstr (trj_workbook_get_read_only_reason (wb), "lecture seule"));

  id = trj_workbook_get_current_scenario (wb);
  s = trj_workbook_get_scenario (wb, id, &error);
  g_assert_no_error (error);
  /* After a crash, the edit the writer committed is in the WAL: it is read. */
  g_assert_cmpfloat (trj_scenario_find_line (s, "pec", NULL)->rate, ==, c->crashed_writer ? 0.6 : 0.5);

  g_assert_false (trj_workbook_set_line_number (wb, id, "pec", TRJ_LINE_FIELD_RATE, 0.4, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "lecture seule"));
  g_clear_error (&error);
  g_assert_false (trj_workbook_undo (wb, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (trj_workbook_create_scenario (wb, "B", &error), ==, 0);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_clear_error (&error);
  trj_workbook_begin_batch (wb, "Coller");
  g_assert_null (trj_workbook_duplicate_line (wb, id, "pec", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (trj_workbook_end_batch (wb, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_clear_error (&error);
  trj_workbook_close (wb);
}

static void
test_read_only (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = NULL, *path = NULL, *before = NULL, *after = NULL;
  g_autofree char *files_before = NULL, *files_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;

  if (g_test_subprocess ())
    {
      open_read_only (c);
      return;
    }

  dir = case_dir (c);
  path = g_build_filename (dir, "ro.trajectoire", NULL);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_number (wb, trj_workbook_get_current_scenario (wb), "pec",
                                               TRJ_LINE_FIELD_RATE, 0.5, &error));
  g_clear_object (&wb);
  if (c->crashed_writer)
    {
      sqlite3 *db;

      /* A writer that dies keeps its last commit in the WAL only. */
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      g_assert_cmpint (sqlite3_exec (db, "UPDATE line SET rate = 0.6 WHERE key = 'pec'", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      sqlite3_close (db);
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);

        g_assert_cmpint (g_chmod (wal, 0644), ==, 0);
        g_assert_cmpint (g_chmod (shm, 0644), ==, 0);
      }
    }
  g_assert_cmpint (g_chmod (path, c->file_mode), ==, 0);
  g_assert_cmpint (g_chmod (dir, c->folder_mode), ==, 0);
  before = checksum_of (path);
  files_before = listing (dir);
  if (!c->crashed_writer)
    g_assert_cmpstr (files_before, ==, "ro.trajectoire");

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  after = checksum_of (path);
  g_assert_cmpstr (after, ==, before);
  files_after = listing (dir);
  g_assert_cmpstr (files_after, ==, files_before);
  g_chmod (dir, 0755);
  trj_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  if (!g_test_subprocess ())
    {
      g_autofree char *base = g_dir_make_tmp ("trj-readonly-XXXXXX", NULL);

      /* "nobody" must get through to the cases' folders. */
      g_assert_nonnull (base);
      g_assert_cmpint (g_chmod (base, 0755), ==, 0);
      g_setenv ("TRJ_TEST_READONLY_DIR", base, TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/workbook-readonly/%s", cases[i].name);
      g_test_add_data_func (name, &cases[i], test_read_only);
    }
  status = g_test_run ();
  if (!g_test_subprocess ())
    g_rmdir (g_getenv ("TRJ_TEST_READONLY_DIR"));
  return status;
}
