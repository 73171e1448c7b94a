/* test-workbook-refusals.c — edits the store refuses by itself (a scenario or
 * envelope with no name, an envelope twice, a scenario to import with a value
 * beyond the store's limits): a French message, and the document and its undo
 * history as they were; SQLite failing under them (another program holding
 * the database, a file opened twice). Also the names of copies, the
 * workbook's GObject properties as the window binds them, and every shape of
 * line stored and read back unchanged. */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <sys/file.h>
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-test-util.h"
#include "trj-workbook-private.h"
#include "trj-year-data.h"

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

static void
assert_message (const GError *error, const char *words)
{
  g_autofree char *plain = NULL;

  g_assert_nonnull (error);
  plain = trj_test_plain_spaces (error->message);
  g_test_message ("%s", plain);
  if (strstr (plain, words) == NULL)
    g_error ("« %s » not in « %s »", words, plain);
}

typedef struct {
  char *dir, *path;
  TrjWorkbook *wb;
  gint64 scenario;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("trj-refusals-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Bretagne 2024.trajectoire", NULL);
  f->wb = trj_workbook_new_for_region (f->path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  f->scenario = trj_workbook_get_current_scenario (f->wb);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->wb);
  trj_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Each refusal leaves the document and the journal as they were, also in
 * the file (reopened). */
static void
test_refused_edits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *reopened = NULL;
  g_autoptr(TrjScenario) s = NULL;

  /* One edit first, so that the journal has a step to keep. */
  g_assert_true (trj_workbook_rename_scenario (f->wb, f->scenario, "Programmation 2024", &error));
  g_assert_no_error (error);
  before = dump (f->wb);

  g_assert_false (trj_workbook_rename_scenario (f->wb, f->scenario, "   ", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  assert_message (error, "Un scénario doit avoir un nom.");
  g_clear_error (&error);

  g_assert_false (trj_workbook_add_envelope (f->wb, f->scenario, "", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  assert_message (error, "Une enveloppe doit avoir un nom.");
  g_clear_error (&error);

  g_assert_false (trj_workbook_add_envelope (f->wb, f->scenario, "PEC_CIE_TP", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  assert_message (error, "Le scénario a déjà une enveloppe « PEC_CIE_TP ».");
  g_clear_error (&error);

  /* A scenario to import whose texts are beyond the store's 4 096 bytes:
   * a line's label, an envelope's reason (was blamed on the envelope's id). */
  s = trj_workbook_get_scenario (f->wb, f->scenario, &error);
  g_assert_no_error (error);
  {
    g_autofree char *long_text = g_strnfill (5000, 'x');
    TrjEnvelope *pec = g_ptr_array_index (s->envelopes, 0);
    TrjLine *line = g_ptr_array_index (pec->lines, 0);
    g_autofree char *id = g_strdup (line->id);
    g_autofree char *words = g_strdup_printf ("Ligne « %s », label : ", id);

    g_free (line->label);
    line->label = g_strdup (long_text);
    g_assert_cmpint (trj_workbook_import_scenario (f->wb, s, "Trop long", &error), ==, 0);
    assert_message (error, words);
    g_clear_error (&error);
    g_free (line->label);
    line->label = g_strdup ("PEC");

    pec->demande.reason = g_strdup (long_text);
    g_assert_cmpint (trj_workbook_import_scenario (f->wb, s, "Trop long", &error), ==, 0);
    assert_message (error, "Enveloppe « PEC_CIE_TP », demande_reason : ");
    g_clear_error (&error);
    g_clear_pointer (&pec->demande.reason, g_free);
  }

  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Renommer le scénario");
  g_clear_object (&f->wb);
  f->wb = trj_workbook_open (f->path, &error);
  g_assert_no_error (error);
  reopened = dump (f->wb);
  g_assert_cmpstr (reopened, ==, before);
}

/* Copies are named « X (copie) », then « X (copie 2) », « X (copie 3) ». */
static void
test_copy_names (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "Scénario initial (copie)", "Scénario initial (copie 2)",
                             "Scénario initial (copie 3)" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gint64 copy = trj_workbook_duplicate_scenario (f->wb, f->scenario, NULL, &error);
      g_autofree char *name = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (copy, >, 0);
      name = trj_workbook_get_scenario_name (f->wb, copy);
      g_assert_cmpstr (name, ==, expected[i]);
      g_assert_cmpint (trj_workbook_find_scenario (f->wb, expected[i]), ==, copy);
    }
}

/* The properties the window binds to, before and after an edit and its undo. */
static void
test_properties (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *region = NULL, *reason = NULL, *undo = NULL, *redo = NULL;
  gboolean read_only, can_undo, can_redo;
  gint64 current;
  int year;
  TrjSeries rsa = { 0 };

  g_object_get (f->wb, "path", &path, "read-only", &read_only, "read-only-reason", &reason,
                "region", &region, "year", &year, "can-undo", &can_undo, "can-redo", &can_redo,
                "undo-label", &undo, "redo-label", &redo, "current-scenario", &current, NULL);
  g_assert_cmpstr (path, ==, f->path);
  g_assert_false (read_only);
  g_assert_null (reason);
  g_assert_cmpstr (region, ==, "Bretagne");
  g_assert_cmpint (year, ==, 2024);
  g_assert_false (can_undo);
  g_assert_false (can_redo);
  g_assert_null (undo);
  g_assert_null (redo);
  g_assert_cmpint (current, ==, f->scenario);

  /* The RSA of April 2024 at 640 € instead of 635,71 €. */
  trj_series_append (&rsa, 20240401, 640);
  g_assert_true (trj_workbook_set_reference_series (f->wb, f->scenario, TRJ_REFERENCE_RSA, &rsa, &error));
  g_assert_no_error (error);
  trj_series_clear (&rsa);
  g_clear_pointer (&undo, g_free);
  g_object_get (f->wb, "can-undo", &can_undo, "undo-label", &undo, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (undo, ==, "Modifier le RSA");

  g_assert_true (trj_workbook_undo (f->wb, &error));
  g_assert_no_error (error);
  g_clear_pointer (&undo, g_free);
  g_object_get (f->wb, "can-undo", &can_undo, "can-redo", &can_redo, "undo-label", &undo,
                "redo-label", &redo, NULL);
  g_assert_false (can_undo);
  g_assert_true (can_redo);
  g_assert_null (undo);
  g_assert_cmpstr (redo, ==, "Modifier le RSA");
}

/* More refusals: a profile's name that is no text or holds a control
 * character, a line added to an envelope the scenario has not, a sending
 * marked in the middle of a batch, an edit once the workbook is closed. */
static void
test_more_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *line = NULL;
  const double weights[TRJ_MONTHS] = { 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2 };

  before = dump (f->wb);
  g_assert_false (trj_workbook_save_profile (f->wb, "Rentrée\tscolaire", weights, &error));
  assert_message (error, "Le nom du profil contient un caractère de contrôle.");
  g_clear_error (&error);
  g_assert_false (trj_workbook_save_profile (f->wb, "Rentr\xe9" "e", weights, &error));
  assert_message (error, "Le nom du profil n’est pas un texte valide.");
  g_clear_error (&error);
  g_assert_cmpuint (trj_workbook_get_profiles (f->wb)->len, ==, 0);

  line = trj_workbook_add_line (f->wb, f->scenario, "FDI", TRJ_KIND_FREE, -1, &error);
  g_assert_null (line);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  assert_message (error, "Il n’y a pas d’enveloppe « FDI » dans ce scénario.");
  g_clear_error (&error);

  /* A comment past the catalogue's 4 096 bytes: refused, nothing frozen. */
  {
    g_autofree char *comment = g_strnfill (4097, 'x');

    g_assert_false (trj_workbook_mark_sent (f->wb, f->scenario, TRJ_SENT_PROGRAMMATION, "2024-03-15",
                                            comment, &error));
    assert_message (error, "Un texte doit être valide et faire au plus 4096 octets.");
    g_clear_error (&error);
    g_assert_false (trj_workbook_is_frozen (f->wb, f->scenario));
  }
  trj_workbook_begin_batch (f->wb, "Coller");
  g_assert_false (trj_workbook_mark_sent (f->wb, f->scenario, TRJ_SENT_PROGRAMMATION, "2024-03-15",
                                          NULL, &error));
  assert_message (error, "Un scénario ne peut pas être marqué comme transmis au milieu d’une autre modification.");
  g_clear_error (&error);
  trj_workbook_cancel_batch (f->wb);
  g_assert_false (trj_workbook_is_frozen (f->wb, f->scenario));
  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);

  trj_workbook_close (f->wb);
  g_assert_false (trj_workbook_rename_scenario (f->wb, f->scenario, "Après fermeture", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_IO);
  assert_message (error, "Le classeur est fermé.");
}

/* A sending as the programming file and the window describe it. */
static void
test_sent_describe (void)
{
  TrjSentVersion version = { 1, (char *) "Scénario initial", TRJ_SENT_PROGRAMMATION,
                             (char *) "2024-03-15", NULL, (char *) "2024-03-15T10:00:00Z" };
  g_autofree char *plain = NULL, *odd = NULL;

  plain = trj_sent_version_describe (&version);
  g_assert_cmpstr (plain, ==, "Version transmise à la DGEFP le 15/03/2024 (Programmation)");
  /* A date that is none (a file from elsewhere) is shown as it is. */
  version.date = (char *) "bientôt";
  version.kind = TRJ_SENT_REMONTEE;
  odd = trj_sent_version_describe (&version);
  g_assert_cmpstr (odd, ==, "Version transmise à la DGEFP le bientôt (Remontée)");
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Files whose header is wrong: a page size that is no power of two, a
 * schema version of 0 (SQLite's default: someone else's database with our
 * application id). Refused, named, and left byte for byte as they were. */
static void
test_refused_headers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *before = NULL, *after = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  gsize length;
  sqlite3 *db;
  char page[2];

  trj_workbook_close (f->wb);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 100);

  /* Bytes 16–17: the page size, big-endian; 768 is no power of two. */
  page[0] = contents[16];
  page[1] = contents[17];
  contents[16] = 0x03;
  contents[17] = 0x00;
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  before = checksum_of (f->path);
  wb = trj_workbook_open (f->path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  assert_message (error, "« Bretagne 2024.trajectoire » est tronqué ou endommagé (taille de page invalide)");
  g_clear_error (&error);
  after = checksum_of (f->path);
  g_assert_cmpstr (after, ==, before);

  /* Put back, then the schema version set to 0. */
  contents[16] = page[0];
  contents[17] = page[1];
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = checksum_of (f->path);
  wb = trj_workbook_open (f->path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_WORKBOOK);
  assert_message (error, "« Bretagne 2024.trajectoire » n’est pas un classeur Trajectoire.");
  after = checksum_of (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A step recorded before the scenario was sent cannot be undone once it is:
 * the file's trigger refuses it, in French, and nothing changes. */
static void
test_undo_frozen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (trj_workbook_rename_scenario (f->wb, f->scenario, "Programmation 2024", &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_mark_sent (f->wb, f->scenario, TRJ_SENT_PROGRAMMATION, "2024-03-15",
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_can_undo (f->wb));
  before = dump (f->wb);

  g_assert_false (trj_workbook_undo (f->wb, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN);
  assert_message (error, "il est figé");
  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (trj_workbook_is_frozen (f->wb, f->scenario));
}

/* A workbook made from a scenario: refused before any file is made when the
 * region is not the year's (Bretagne with Mayotte's zone), and removed again
 * when the scenario cannot be stored (a 5 000-byte label): nothing left. */
static void
test_create_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-refusals-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nouveau.trajectoire", NULL);
  g_autofree char *lock = g_strconcat (path, "-lock", NULL);
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  g_autoptr(TrjScenario) s = trj_year_data_example (data, "Bretagne", &error);
  g_autoptr(TrjWorkbook) wb = NULL;
  TrjLine *line;

  g_assert_no_error (error);
  s->zone = TRJ_ZONE_MAYOTTE;
  wb = trj_workbook_new_with_scenario (path, s, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  assert_message (error, "Il n’y a pas de région « Bretagne » dans la notification 2024.");
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  s->zone = TRJ_ZONE_METROPOLE;
  line = g_ptr_array_index (((TrjEnvelope *) g_ptr_array_index (s->envelopes, 0))->lines, 0);
  g_free (line->label);
  line->label = g_strnfill (5000, 'x');
  wb = trj_workbook_new_with_scenario (path, s, &error);
  g_assert_null (wb);
  assert_message (error, "label : Un texte doit être valide et faire au plus 4096 octets.");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  trj_test_remove_dir (dir);
}

/* A batch (a paste) that cannot start because another program holds the
 * database: each of its edits and its end say so in French, nothing is
 * written; once the other program lets go the same batch goes through. A
 * batch on a workbook open read-only (a second window) ends with the reason. */
static void
test_batch_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(TrjWorkbook) second = NULL;
  sqlite3 *other;

  before = dump (f->wb);
  sqlite3_busy_timeout (f->wb->db, 50);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  trj_workbook_begin_batch (f->wb, "Coller");
  g_assert_false (trj_workbook_set_line_number (f->wb, f->scenario, "pec", TRJ_LINE_FIELD_VOLUME, 40, &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);
  g_assert_false (trj_workbook_end_batch (f->wb, &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);

  trj_workbook_begin_batch (f->wb, "Coller");
  g_assert_true (trj_workbook_set_line_number (f->wb, f->scenario, "pec", TRJ_LINE_FIELD_VOLUME, 40, &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_end_batch (f->wb, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Coller");

  /* The same file opened a second time is read only. */
  second = trj_workbook_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trj_workbook_get_read_only_reason (second));
  trj_workbook_begin_batch (second, "Coller");
  g_assert_false (trj_workbook_set_line_number (second, f->scenario, "pec", TRJ_LINE_FIELD_VOLUME, 12, &error));
  assert_message (error, "ouvert dans une autre fenêtre");
  g_clear_error (&error);
  g_assert_false (trj_workbook_end_batch (second, &error));
  assert_message (error, "ouvert dans une autre fenêtre");
}

/* The saved profiles while another program holds the database: saving,
 * renaming and deleting are refused in French and the list stays. */
static void
test_profiles_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const double weights[TRJ_MONTHS] = { 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2 };
  GPtrArray *profiles;
  sqlite3 *other;

  g_assert_true (trj_workbook_save_profile (f->wb, "Rentrée", weights, &error));
  g_assert_no_error (error);
  sqlite3_busy_timeout (f->wb->db, 50);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (trj_workbook_save_profile (f->wb, "Été", weights, &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);
  g_assert_false (trj_workbook_rename_profile (f->wb, "Rentrée", "Septembre", &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);
  g_assert_false (trj_workbook_delete_profile (f->wb, "Rentrée", &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  profiles = trj_workbook_get_profiles (f->wb);
  g_assert_cmpuint (profiles->len, ==, 1);
  g_assert_cmpstr (((TrjSavedProfile *) g_ptr_array_index (profiles, 0))->name, ==, "Rentrée");
  g_assert_cmpfloat (((TrjSavedProfile *) g_ptr_array_index (profiles, 0))->weights[8], ==, 2);
  g_clear_object (&f->wb);
  f->wb = trj_workbook_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trj_workbook_get_profiles (f->wb)->len, ==, 1);
}

/* Every shape of line stored and read back unchanged: the scenarios of the
 * CLI's golden files (contracts with last year's entries, IAE with RSA
 * cofinancing, a late convention, CDI inclusion, EA, a GEIQ payment profile,
 * free lines, an FDI line funded from IAE) imported into a workbook of their
 * region give back the same document, also once the file is reopened. */
static void
test_import_round_trip (gconstpointer data)
{
  const char *const *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-refusals-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "import.trajectoire", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "cli", c[0], NULL);
  g_autoptr(TrjScenario) s = trj_json_scenario_from_file (fixture, &error);
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autofree char *want = NULL;
  gint64 id;

  g_assert_no_error (error);
  wb = trj_workbook_new_for_region (path, c[1], 2024, &error);
  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, s, "Importé", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  want = trj_json_scenario_to_data (s);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(TrjScenario) back = trj_workbook_get_scenario (wb, id, &error);
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      got = trj_json_scenario_to_data (back);
      g_assert_cmpstr (got, ==, want);
      g_clear_object (&wb);
      wb = trj_workbook_open (path, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}

/* A line changed under the open workbook by another program (a rate of
 * 500 %, then a month's entries in letters) is refused when read alone, as
 * the grid reads a line after an edit, naming the line and the field. */
static void
test_line_tampered_while_open (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjLine) line = NULL;
  sqlite3 *other;

  line = trj_workbook_get_line (f->wb, f->scenario, "pec", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (line->rate, ==, 0.5);
  g_clear_pointer (&line, trj_line_free);

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "UPDATE line SET rate = 5 WHERE key = 'pec'", NULL, NULL, NULL), ==, SQLITE_OK);
  line = trj_workbook_get_line (f->wb, f->scenario, "pec", &error);
  g_assert_null (line);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  assert_message (error, "ligne « pec »");
  assert_message (error, "« rate »");
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "UPDATE line SET rate = 0.5 WHERE key = 'pec';"
                                 "INSERT OR REPLACE INTO line_month SELECT id, 0, 3, 'trois' FROM line WHERE key = 'pec'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  line = trj_workbook_get_line (f->wb, f->scenario, "pec", &error);
  g_assert_null (line);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  assert_message (error, "table « line_month »");
  assert_message (error, "« value »");
}

/* A page of the file scrambled (a disk's or a copy's fault): SQLite's own
 * check finds it, the file is refused as damaged and left as it was. */
static void
test_scrambled_page (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *before = NULL, *after = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  gsize length;
  guint page;

  trj_workbook_close (f->wb);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  page = GPOINTER_TO_UINT (data);
  g_assert_cmpuint (length, >, (page + 1) * 4096);
  for (guint i = 8; i < 4096; i += 7)
    contents[page * 4096 + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  before = checksum_of (f->path);
  wb = trj_workbook_open (f->path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  assert_message (error, "« Bretagne 2024.trajectoire »");
  assert_message (error, "est tronqué ou endommagé (le contrôle d’intégrité a échoué)");
  after = checksum_of (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* Reading a table refused by SQLite (an authorizer denying it: a failing
 * statement, as a damaged or locked file gives): the read says so in French,
 * with no SQLite English, and once allowed again reads the same document. */
static const char *denied_table;

static int
deny_read (void *data, int action, const char *a, const char *b, const char *c, const char *d)
{
  return action == SQLITE_READ && g_strcmp0 (a, denied_table) == 0 ? SQLITE_DENY : SQLITE_OK;
}

static void
test_read_denied (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(TrjScenario) s = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(TrjActuals) actuals = NULL;

  denied_table = data;
  before = dump (f->wb);
  trj_workbook_stmts_clear (f->wb);
  sqlite3_set_authorizer (f->wb->db, deny_read, NULL);
  if (g_str_equal (denied_table, "sent_version"))
    sent = trj_workbook_list_sent (f->wb, &error);
  else if (g_str_equal (denied_table, "actual"))
    actuals = trj_workbook_get_actuals (f->wb, &error);
  else
    s = trj_workbook_get_scenario (f->wb, f->scenario, &error);
  g_assert_null (s);
  g_assert_null (sent);
  g_assert_null (actuals);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_IO);
  assert_message (error, "Erreur du classeur");
  assert_message (error, "l’accès au fichier a été refusé");
  g_assert_null (strstr (error->message, "authorized"));
  g_clear_error (&error);

  sqlite3_set_authorizer (f->wb->db, NULL, NULL);
  trj_workbook_stmts_clear (f->wb);
  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);
}

/* A scenario that is not there; a step that changes two scenarios at once
 * (undone whole); a label set to nothing; the edits of a workbook open a
 * second time (read only): an envelope added, a solver's answer applied. */
static void
test_misc (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) missing = NULL, s = NULL;
  g_autoptr(TrjWorkbook) second = NULL;
  g_autoptr(TrjEnvelopeSolution) solution = NULL;
  g_autoptr(TrjLine) line = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 copy;

  missing = trj_workbook_get_scenario (f->wb, 9999, &error);
  g_assert_null (missing);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_current_scenario (f->wb, 9999, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (trj_workbook_get_current_scenario (f->wb), ==, f->scenario);

  copy = trj_workbook_duplicate_scenario (f->wb, f->scenario, NULL, &error);
  g_assert_no_error (error);
  before = dump (f->wb);
  trj_workbook_begin_batch (f->wb, "Coller");
  g_assert_true (trj_workbook_set_line_number (f->wb, f->scenario, "pec", TRJ_LINE_FIELD_RATE, 0.4, &error));
  g_assert_true (trj_workbook_set_line_number (f->wb, copy, "pec", TRJ_LINE_FIELD_RATE, 0.6, &error));
  g_assert_true (trj_workbook_end_batch (f->wb, &error));
  g_assert_no_error (error);
  line = trj_workbook_get_line (f->wb, copy, "pec", &error);
  g_assert_cmpfloat (line->rate, ==, 0.6);
  g_clear_pointer (&line, trj_line_free);
  g_assert_true (trj_workbook_undo (f->wb, &error));
  g_assert_no_error (error);
  /* Both scenarios back, the step now to redo. */
  g_assert_cmpstr (trj_workbook_get_redo_label (f->wb), ==, "Coller");
  trj_workbook_redo (f->wb, &error);
  g_assert_no_error (error);
  trj_workbook_undo (f->wb, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GString) expected = g_string_new (before);

    g_string_replace (expected, "redo: (null)", "redo: Coller", 1);
    after = dump (f->wb);
    g_assert_cmpstr (after, ==, expected->str);
  }

  g_assert_true (trj_workbook_set_line_text (f->wb, f->scenario, "pec", TRJ_LINE_FIELD_LABEL, "PEC Finistère", &error));
  g_assert_true (trj_workbook_set_line_text (f->wb, f->scenario, "pec", TRJ_LINE_FIELD_LABEL, NULL, &error));
  g_assert_no_error (error);
  line = trj_workbook_get_line (f->wb, f->scenario, "pec", &error);
  g_assert_cmpstr (line->label, ==, "");

  second = trj_workbook_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (trj_workbook_add_envelope (second, f->scenario, "FDI", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  assert_message (error, "ouvert dans une autre fenêtre");
  g_clear_error (&error);
  s = trj_workbook_get_scenario (second, f->scenario, &error);
  g_assert_no_error (error);
  solution = trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_RATE, NAN, FALSE, NAN, &error);
  g_assert_no_error (error);
  g_assert_false (trj_workbook_apply_envelope_solution (second, f->scenario, solution, "Résoudre", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Nothing was written: the file holds what the first window wrote. */
  {
    g_autoptr(TrjScenario) mine = trj_workbook_get_scenario (f->wb, f->scenario, &error);
    g_autoptr(TrjScenario) theirs = NULL;
    g_autofree char *a = NULL, *b = NULL;

    g_clear_object (&second);
    second = trj_workbook_open (f->path, &error);
    g_assert_no_error (error);
    theirs = trj_workbook_get_scenario (second, f->scenario, &error);
    g_assert_no_error (error);
    a = trj_json_scenario_to_data (mine);
    b = trj_json_scenario_to_data (theirs);
    g_assert_cmpstr (a, ==, b);
  }
}

/* A workbook of an earlier version that another program holds (its lock
 * taken): it cannot be upgraded, so it is not opened, with the reason, and
 * left as it was. Once free it opens, upgraded. */
static void
test_old_version_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-refusals-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ancien.trajectoire", NULL);
  g_autofree char *lock = g_strconcat (path, "-lock", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-v1.sql", NULL);
  g_autofree char *sql = NULL, *before = NULL, *after = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  sqlite3 *db;
  int fd;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum_of (path);

  fd = g_open (lock, O_RDWR | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  wb = trj_workbook_open (path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  assert_message (error, "Ce classeur a été créé par une version antérieure et doit être mis à jour, "
                         "ce qui demande d’y écrire. Ce classeur est ouvert dans une autre fenêtre");
  g_clear_error (&error);
  after = checksum_of (path);
  g_assert_cmpstr (after, ==, before);

  close (fd);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (trj_workbook_is_read_only (wb));
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}

/* Edits of every other kind while another program holds the database: an
 * envelope's notified AE, a fungibility amount, the département's share of
 * the RSA, an envelope added. Each is refused in French, nothing changes. */
static void
test_locked_edits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  sqlite3 *other;

  before = dump (f->wb);
  sqlite3_busy_timeout (f->wb->db, 50);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (trj_workbook_set_envelope_number (f->wb, f->scenario, "PEC_CIE_TP",
                                                    TRJ_ENVELOPE_FIELD_AE_NOTIFIED, 7000000, &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_fungibility (f->wb, f->scenario, TRJ_FUNGIBILITY_TRANSFER_AE, 100000, &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_reference_value (f->wb, f->scenario, TRJ_REFERENCE_CD_SHARE, 0.9, &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);
  g_assert_false (trj_workbook_add_envelope (f->wb, f->scenario, "FDI", &error));
  assert_message (error, "verrouillé par un autre programme");
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/workbook-refusals/edits", Fixture, NULL, fixture_setup, test_refused_edits, fixture_teardown);
  g_test_add ("/workbook-refusals/copy-names", Fixture, NULL, fixture_setup, test_copy_names, fixture_teardown);
  g_test_add ("/workbook-refusals/properties", Fixture, NULL, fixture_setup, test_properties, fixture_teardown);
  g_test_add ("/workbook-refusals/more", Fixture, NULL, fixture_setup, test_more_refusals, fixture_teardown);
  g_test_add ("/workbook-refusals/headers", Fixture, NULL, fixture_setup, test_refused_headers, fixture_teardown);
  g_test_add_func ("/workbook-refusals/sent-describe", test_sent_describe);
  g_test_add_func ("/workbook-refusals/create", test_create_refused);
  g_test_add_func ("/workbook-refusals/old-version-locked", test_old_version_locked);
  g_test_add ("/workbook-refusals/profiles-locked", Fixture, NULL, fixture_setup, test_profiles_locked, fixture_teardown);
  g_test_add ("/workbook-refusals/line-tampered", Fixture, NULL, fixture_setup, test_line_tampered_while_open, fixture_teardown);
  for (guint page = 1; page < 6; page++)
    {
      g_autofree char *name = g_strdup_printf ("/workbook-refusals/scrambled-page/%u", page + 1);
      g_test_add (name, Fixture, GUINT_TO_POINTER (page), fixture_setup, test_scrambled_page, fixture_teardown);
    }
  {
    static const char *const tables[] = { "scenario", "envelope", "line", "line_month",
                                          "reference_override", "sent_version", "actual" };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *name = g_strdup_printf ("/workbook-refusals/read-denied/%s", tables[i]);
        g_test_add (name, Fixture, tables[i], fixture_setup, test_read_denied, fixture_teardown);
      }
  }
  g_test_add ("/workbook-refusals/misc", Fixture, NULL, fixture_setup, test_misc, fixture_teardown);
  g_test_add ("/workbook-refusals/locked-edits", Fixture, NULL, fixture_setup, test_locked_edits, fixture_teardown);
  g_test_add ("/workbook-refusals/batch", Fixture, NULL, fixture_setup, test_batch_refused, fixture_teardown);
  g_test_add ("/workbook-refusals/undo-frozen", Fixture, NULL, fixture_setup, test_undo_frozen, fixture_teardown);
  {
    static const char *const kinds[] = { "kinds.json", "Hauts-de-France" };
    static const char *const fdi[] = { "fdi.json", "Occitanie" };

    g_test_add_data_func ("/workbook-refusals/import-round-trip/kinds", kinds, test_import_round_trip);
    g_test_add_data_func ("/workbook-refusals/import-round-trip/fdi", fdi, test_import_round_trip);
  }
  return g_test_run ();
}
