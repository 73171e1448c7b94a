/* test-workbook-faults.c — SQLite failing under an edit: a full disk, a
 * database locked by another program, a connection that may not write, a
 * statement that fails, a disk that fails to write. Each edit (one value, a batch, undo) is refused with
 * a French sentence (no SQLite English in it), and nothing changed: the
 * document and its undo journal are as before, also after reopening; once
 * the fault is gone the same edit goes through. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-test-util.h"
#include "trj-test-vfs.h"
#include "trj-workbook-private.h"

typedef enum { FULL, LOCKED, READ_ONLY, FAILING_STATEMENT, IO_ERROR, N_FAULTS } Fault;

static const struct {
  const char *name;
  int code;                     /* TrjWorkbookError */
  const char *words;            /* in the French message */
} faults[N_FAULTS] = {
  [FULL] = { "full-disk", TRJ_WORKBOOK_ERROR_IO, "le disque est plein" },
  [LOCKED] = { "locked", TRJ_WORKBOOK_ERROR_IO, "verrouillé par un autre programme" },
  [READ_ONLY] = { "read-only", TRJ_WORKBOOK_ERROR_READ_ONLY, "lecture seule" },
  [FAILING_STATEMENT] = { "failing-statement", TRJ_WORKBOOK_ERROR_IO, "Erreur du classeur" },
  [IO_ERROR] = { "io-error", TRJ_WORKBOOK_ERROR_IO, "le disque n’a pas pu être lu ou écrit" },
};

/* A disk that fills up: writes fail with SQLITE_FULL while disk_full is set
 * (max_page_count would not do: in WAL mode a change rewrites pages without
 * growing the file). */
static gboolean disk_full;
/* A disk that fails: writes fail with SQLITE_IOERR_WRITE while io_error is set. */
static gboolean io_error;

static int
full_disk_hook (TrjTestVfsOp op, gpointer data)
{
  if (op != TRJ_TEST_VFS_WRITE)
    return SQLITE_OK;
  return disk_full ? SQLITE_FULL : io_error ? SQLITE_IOERR_WRITE : SQLITE_OK;
}

typedef struct {
  char *dir, *path;
  TrjWorkbook *wb;
  gint64 scenario;
  sqlite3 *other;               /* LOCKED: the other program's connection */
} Fixture;

/* The whole document and its journal as text. */
static char *
dump (TrjWorkbook *wb)
{
  g_autoptr(GPtrArray) list = trj_workbook_list_scenarios (wb);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      TrjScenarioInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrjScenario) s = trj_workbook_get_scenario (wb, info->id, &error);
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      json = trj_json_scenario_to_data (s);
      g_string_append_printf (out, "%s\n%s\n", info->name, json);
    }
  g_string_append_printf (out, "undo: %s, redo: %s\n", trj_workbook_get_undo_label (wb),
                          trj_workbook_get_redo_label (wb));
  return g_string_free (out, FALSE);
}

static int
deny_journal (void *data, int action, const char *a, const char *b, const char *c, const char *d)
{
  /* Writing the journal fails: a step (recorded, undone or redone) may not commit without it. */
  return (action == SQLITE_INSERT || action == SQLITE_UPDATE) && g_strcmp0 (a, "undo_step") == 0
         ? SQLITE_DENY : SQLITE_OK;
}

static void
inject (Fixture *f, Fault fault)
{
  sqlite3 *db = f->wb->db;

  switch (fault)
    {
    case FULL:
      disk_full = TRUE;
      break;
    case LOCKED:
      sqlite3_busy_timeout (db, 50);
      g_assert_cmpint (sqlite3_open (f->path, &f->other), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (f->other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
      break;
    case READ_ONLY:
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL), ==, SQLITE_OK);
      break;
    case FAILING_STATEMENT:
      /* The journal's INSERT is refused when prepared: drop the kept ones. */
      trj_workbook_stmts_clear (f->wb);
      sqlite3_set_authorizer (db, deny_journal, NULL);
      break;
    case IO_ERROR:
      io_error = TRUE;
      break;
    case N_FAULTS:
    default:
      g_assert_not_reached ();
    }
}

static void
lift (Fixture *f, Fault fault)
{
  sqlite3 *db = f->wb->db;

  switch (fault)
    {
    case FULL:
      disk_full = FALSE;
      break;
    case LOCKED:
      g_assert_cmpint (sqlite3_exec (f->other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
      g_clear_pointer (&f->other, sqlite3_close);
      break;
    case READ_ONLY:
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA query_only = OFF", NULL, NULL, NULL), ==, SQLITE_OK);
      break;
    case FAILING_STATEMENT:
      sqlite3_set_authorizer (db, NULL, NULL);
      trj_workbook_stmts_clear (f->wb);
      break;
    case IO_ERROR:
      io_error = FALSE;
      break;
    case N_FAULTS:
    default:
      g_assert_not_reached ();
    }
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("trj-faults-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "faults.trajectoire", NULL);
  f->wb = trj_workbook_new_for_region (f->path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  f->scenario = trj_workbook_get_current_scenario (f->wb);
  /* One step to undo. */
  g_assert_true (trj_workbook_set_line_number (f->wb, f->scenario, "pec", TRJ_LINE_FIELD_RATE, 0.45, &error));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->other, sqlite3_close);
  g_clear_object (&f->wb);
  trj_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The edits tried under each fault. */
typedef enum { ONE_VALUE, PASTE_BATCH, IMPORT_BATCH, DUPLICATE_SCENARIO, UNDO, N_EDITS } Edit;

static const char *const edit_names[N_EDITS] = {
  "one-value", "paste-batch", "import-batch", "duplicate-scenario", "undo",
};

static gboolean
apply (Fixture *f, Edit edit, GError **error)
{
  TrjWorkbook *wb = f->wb;
  gint64 s = f->scenario;

  switch (edit)
    {
    case ONE_VALUE:
      return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_WEEKLY_HOURS, 30, error);
    case PASTE_BATCH:
    case IMPORT_BATCH:
      {
        double months[TRJ_MONTHS] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
        int n = edit == PASTE_BATCH ? 1 : 300;

        trj_workbook_begin_batch (wb, "Coller");
        for (int i = 0; i < n; i++)
          {
            g_autofree char *id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, 1, error);
            g_autofree char *copy = NULL;

            if (id == NULL || !trj_workbook_set_line_months (wb, s, id, TRJ_LINE_MONTHS_ENTRIES, months, error) ||
                (copy = trj_workbook_duplicate_line (wb, s, id, error)) == NULL)
              {
                trj_workbook_cancel_batch (wb);
                return FALSE;
              }
          }
        return trj_workbook_end_batch (wb, error);
      }
    case DUPLICATE_SCENARIO:
      return trj_workbook_duplicate_scenario (wb, s, NULL, error) != 0;
    case UNDO:
      return trj_workbook_undo (wb, error);
    case N_EDITS:
    default:
      g_assert_not_reached ();
    }
}

static void
test_fault (Fixture *f, gconstpointer data)
{
  Fault fault = GPOINTER_TO_UINT (data) / N_EDITS;
  Edit edit = GPOINTER_TO_UINT (data) % N_EDITS;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->wb), *after = NULL, *reopened = NULL;

  inject (f, fault);
  g_assert_false (apply (f, edit, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, faults[fault].code);
  g_test_message ("%s, %s: %s", faults[fault].name, edit_names[edit], error->message);
  {
    g_autofree char *plain = trj_test_plain_spaces (error->message);
    const char *english[] = { "database", "SQL", "disk I/O", "locked", "not authorized", "readonly", "full" };

    g_assert_nonnull (strstr (plain, faults[fault].words));
    for (guint i = 0; i < G_N_ELEMENTS (english); i++)
      g_assert_null (strstr (plain, english[i]));
  }
  g_clear_error (&error);
  lift (f, fault);

  /* Nothing changed, in memory and on disk. */
  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);
  g_clear_object (&f->wb);
  f->wb = trj_workbook_open (f->path, &error);
  g_assert_no_error (error);
  reopened = dump (f->wb);
  g_assert_cmpstr (reopened, ==, before);

  /* The fault gone, the same edit goes through. */
  g_assert_true (apply (f, edit, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  trj_test_vfs_install (full_disk_hook, NULL);

  for (guint fault = 0; fault < N_FAULTS; fault++)
    for (guint edit = 0; edit < N_EDITS; edit++)
      {
        g_autofree char *name = g_strdup_printf ("/workbook-faults/%s/%s", faults[fault].name,
                                                 edit_names[edit]);

        g_test_add (name, Fixture, GUINT_TO_POINTER (fault * N_EDITS + edit), fixture_setup,
                    test_fault, fixture_teardown);
      }
  return g_test_run ();
}
