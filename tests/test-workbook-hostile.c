/* test-workbook-hostile.c — workbooks written by someone else: every value
 * read is held to the limits of typed input, a file with one bad value is
 * refused whole (a French message naming table, line and field) and keeps
 * its bytes; injected schema objects and oversized values are refused too. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "trj-engine.h"
#include "trj-i18n.h"
#include "trj-test-util.h"
#include "trj-workbook-private.h"

typedef struct {
  const char *name;
  const char *sql;                /* run on the file through a plain connection */
  const char *expected[4];        /* substrings of the French message */
} Tamper;

/* The Bretagne workbook has lines "pec" (PEC) and "cie-jeunes"; the test adds a
 * free line "libre" and an EI line "ei" before tampering. */
static const Tamper tampers[] = {
  { "free-commitment-100000", "UPDATE line SET commitment_month = 100000 WHERE key = 'libre'",
    { "table « line »", "ligne « libre »", "« commitment_month »",
      "Mois d’engagement : 100000 est supérieur à 11. Le fichier" } },
  { "free-commitment-99", "UPDATE line SET commitment_month = 99 WHERE key = 'libre'",
    { "ligne « libre »", "« commitment_month »" } },
  { "contract-commitment-99", "UPDATE line SET commitment_month = 99 WHERE key = 'pec'",
    { "ligne « pec »", "« commitment_month »" } },
  { "rate-minus-1e308", "UPDATE line SET rate = -1e308 WHERE key = 'pec'",
    { "table « line »", "ligne « pec »", "« rate »", "-1e+308 doit être supérieur à 0" } },
  /* The catalogue's limits, not looser ones of the store's own: at most 12
   * months of RSA cofinancing, no CP schedule below zero (MODEL 2.1). */
  { "rsa-months-13", "UPDATE line SET rsa_months = 13 WHERE key = 'ei'",
    { "table « line »", "ligne « ei »", "« rsa_months »", "13 est supérieur à 12" } },
  { "cp-schedule-negative", "INSERT OR REPLACE INTO line_month SELECT id, 4, 6, -100 FROM line WHERE key = 'libre'",
    { "table « line »", "ligne « libre »", "« cp_schedule »", "-100 est inférieur à 0" } },
  { "rate-text", "UPDATE line SET rate = 'beaucoup' WHERE key = 'pec'",
    { "ligne « pec »", "« rate »", "type" } },
  { "unit-amount-text", "UPDATE line SET unit_amount = '' WHERE key = 'ei'", { "« unit_amount »" } },
  { "volume-huge", "UPDATE line SET volume = 1e94 WHERE key = 'pec'", { "« volume »" } },
  { "unit-amount-huge", "UPDATE line SET unit_amount = 1e308 WHERE key = 'ei'",
    { "ligne « ei »", "« unit_amount »" } },
  { "kind-unknown", "UPDATE line SET kind = 'XYZ' WHERE key = 'pec'", { "« kind »" } },
  { "entries-mode-2", "UPDATE line SET entries_mode = 2 WHERE key = 'pec'", { "« entries_mode »" } },
  { "flag-7", "UPDATE line SET has_profile = 7 WHERE key = 'pec'", { "« has_profile »" } },
  { "lag-blob", "UPDATE line SET payment_lag_months = x'0102' WHERE key = 'pec'",
    { "« payment_lag_months »" } },
  { "label-invalid-utf8", "UPDATE line SET label = CAST(x'41ff42' AS TEXT) WHERE key = 'pec'",
    { "« label »" } },
  { "label-5000-bytes", "UPDATE line SET label = printf('%.5000c', 'x') WHERE key = 'pec'",
    { "« label »", "4096" } },
  { "month-negative", "INSERT OR REPLACE INTO line_month SELECT id, 0, 3, -5 FROM line WHERE key = 'pec'",
    { "ligne « pec »", "« entries »" } },
  { "month-13", "PRAGMA ignore_check_constraints = ON;"
                "INSERT INTO line_month SELECT id, 0, 13, 1 FROM line WHERE key = 'pec'",
    { "table « line_month »", "ligne « pec »", "« month »" } },
  { "series-9", "INSERT INTO line_month SELECT id, 9, 0, 1 FROM line WHERE key = 'pec'",
    { "table « line_month »", "« series »" } },
  { "cp-schedule-huge", "INSERT OR REPLACE INTO line_month SELECT id, 4, 0, -1e300 FROM line WHERE key = 'libre'",
    { "ligne « libre »", "« cp_schedule »" } },
  { "envelope-negative", "UPDATE envelope SET ae_notified = -5 WHERE id = 'PEC_CIE_TP'",
    { "table « envelope »", "« PEC_CIE_TP »", "« ae_notified »" } },
  { "envelope-stock-3", "UPDATE envelope SET cp_includes_stock = 3 WHERE id = 'CIE_JEUNES'",
    { "« CIE_JEUNES »", "« cp_includes_stock »" } },
  { "fungibility-inf", "UPDATE scenario SET demandes_complementaires = 1e400",
    { "table « scenario »", "« demandes_complementaires »" } },
  { "reference-kind-9", "INSERT INTO reference_override SELECT id, 9, 0, NULL, 1 FROM scenario",
    { "table « reference_override »", "« kind »" } },
  { "reference-weeks-50", "INSERT INTO reference_override SELECT id, 3, 0, NULL, 50 FROM scenario",
    { "table « reference_override »", "« weeks_per_month »" } },
  { "reference-smic-huge", "INSERT INTO reference_override SELECT id, 0, 0, 20240101, 1e300 FROM scenario",
    { "« smic_hourly »" } },
  { "line-of-no-envelope", "UPDATE line SET envelope = 'NOWHERE' WHERE key = 'pec'",
    { "ligne « pec »", "« envelope »" } },
  { "no-scenario", "DELETE FROM line_month; DELETE FROM line; DELETE FROM envelope; "
                   "DELETE FROM reference_override; DELETE FROM scenario",
    { "aucun scénario" } },
  { "scenario-name-null", "PRAGMA ignore_check_constraints = ON; UPDATE scenario SET name = x'00'",
    { "table « scenario »", "« name »" } },
  { "region-unknown", "UPDATE meta SET value = 'Atlantide' WHERE key = 'region'",
    { "table « meta »", "« region »", "Atlantide" } },
  { "zone-of-another-region", "UPDATE meta SET value = 'mayotte' WHERE key = 'zone'",
    { "table « meta »", "« zone »" } },
  /* Each column of the scenario and envelope rows, each key and month value,
   * holding another type than its own. */
  { "fungibility-flag-2", "UPDATE scenario SET has_fungibility = 2",
    { "table « scenario »", "« has_fungibility »" } },
  { "fungibility-flag-text", "UPDATE scenario SET has_fungibility = 'oui'",
    { "table « scenario »", "« has_fungibility »" } },
  { "cie-to-pec-ae-text", "UPDATE scenario SET cie_jeunes_to_pec_ae = 'beaucoup'",
    { "table « scenario »", "« cie_jeunes_to_pec_ae »" } },
  { "cie-to-pec-cp-text", "UPDATE scenario SET cie_jeunes_to_pec_cp = 'beaucoup'",
    { "table « scenario »", "« cie_jeunes_to_pec_cp »" } },
  { "territorial-ae-blob", "UPDATE scenario SET initiatives_territoriales_ae = x'0102'",
    { "table « scenario »", "« initiatives_territoriales_ae »" } },
  { "territorial-source-utf8", "UPDATE scenario SET initiatives_territoriales_source = CAST(x'41ff42' AS TEXT)",
    { "table « scenario »", "« initiatives_territoriales_source »" } },
  { "envelope-id-utf8", "UPDATE envelope SET id = CAST(x'41ff42' AS TEXT) WHERE id = 'CIE_JEUNES'",
    { "table « envelope »", "« id »" } },
  { "envelope-cp-text", "UPDATE envelope SET cp_notified = 'x' WHERE id = 'PEC_CIE_TP'",
    { "« PEC_CIE_TP »", "« cp_notified »" } },
  { "envelope-volume-text", "UPDATE envelope SET volume_notified = 'x' WHERE id = 'PEC_CIE_TP'",
    { "« PEC_CIE_TP »", "« volume_notified »" } },
  { "envelope-stock-half", "UPDATE envelope SET cp_includes_stock = 0.5 WHERE id = 'PEC_CIE_TP'",
    { "« PEC_CIE_TP »", "« cp_includes_stock »" } },
  { "envelope-modulation-text", "UPDATE envelope SET previous_modulation_cp = 'x' WHERE id = 'PEC_CIE_TP'",
    { "« PEC_CIE_TP »", "« previous_modulation_cp »" } },
  { "envelope-demande-ae-text", "UPDATE envelope SET demande_ae = 'x' WHERE id = 'PEC_CIE_TP'",
    { "« PEC_CIE_TP »", "« demande_ae »" } },
  { "envelope-demande-cp-text", "UPDATE envelope SET demande_cp = 'x' WHERE id = 'PEC_CIE_TP'",
    { "« PEC_CIE_TP »", "« demande_cp »" } },
  { "envelope-reason-utf8", "UPDATE envelope SET demande_reason = CAST(x'41ff42' AS TEXT) WHERE id = 'PEC_CIE_TP'",
    { "« PEC_CIE_TP »", "« demande_reason »" } },
  { "line-key-utf8", "UPDATE line SET key = CAST(x'41ff42' AS TEXT) WHERE key = 'pec'",
    { "table « line »", "« key »" } },
  { "month-value-text", "INSERT OR REPLACE INTO line_month SELECT id, 0, 3, 'trois' FROM line WHERE key = 'pec'",
    { "table « line_month »", "ligne « pec »", "« value »" } },
  { "reference-date-text", "INSERT INTO reference_override SELECT id, 0, 0, 'hier', 11 FROM scenario",
    { "table « reference_override »", "« date »" } },
  { "reference-value-text", "INSERT INTO reference_override SELECT id, 3, 0, NULL, 'x' FROM scenario",
    { "table « reference_override »", "« value »" } },
  { "profile-weight-text", "INSERT INTO meta VALUES ('profile:Rentrée', '1;1;1;1;1;1;1;1;deux;2;2;2')",
    { "table « meta »", "« profile:Rentrée »", "12 poids" } },
  { "profile-name-tab", "INSERT INTO meta VALUES ('profile:Rentrée' || char(9), '1;1;1;1;1;1;1;1;2;2;2;2')",
    { "table « meta »", "caractère de contrôle" } },
  /* The DDETS' allocations and the CAOM (issue 16). */
  { "allocation-of-no-envelope", "INSERT INTO allocation SELECT id, 'NOWHERE', '29', '', 0, 1000, 10 FROM scenario",
    { "table « allocation »", "« envelope »" } },
  { "allocation-departement-blob", "INSERT INTO allocation SELECT id, 'PEC_CIE_TP', x'0102', '', 0, 1000, 10 FROM scenario",
    { "table « allocation »", "« PEC_CIE_TP »", "« departement »" } },
  { "allocation-prescriber-utf8",
    "INSERT INTO allocation SELECT id, 'PEC_CIE_TP', '29', CAST(x'41ff42' AS TEXT), 0, 1000, 10 FROM scenario",
    { "table « allocation »", "« prescriber »" } },
  { "allocation-ae-text", "INSERT INTO allocation SELECT id, 'PEC_CIE_TP', '29', '', 0, 'mille', 10 FROM scenario",
    { "table « allocation »", "« ae »" } },
  { "allocation-volume-text", "INSERT INTO allocation SELECT id, 'PEC_CIE_TP', '29', '', 0, 1000, 'dix' FROM scenario",
    { "table « allocation »", "« volume »" } },
  { "caom-contracts-text", "INSERT INTO caom SELECT id, 'PEC_CIE_TP', '29', 0, 'vingt', NULL FROM scenario",
    { "table « caom »", "« contracts »" } },
  { "caom-profile-11-weights", "INSERT INTO caom SELECT id, 'PEC_CIE_TP', '29', 0, 20, '1;1;1;1;1;1;1;1;1;1;1' FROM scenario",
    { "table « caom »", "« profile »" } },
  { "caom-profile-letter", "INSERT INTO caom SELECT id, 'PEC_CIE_TP', '29', 0, 20, '1;1;1;1;1;1;1;1;1;1;1;x' FROM scenario",
    { "table « caom »", "« profile »" } },
  { "zone-missing", "DELETE FROM meta WHERE key = 'zone'", { "n’indique ni région ni zone" } },
  { "trigger", "CREATE TRIGGER t AFTER UPDATE ON line BEGIN DELETE FROM scenario; END",
    { "endommagé", "tables" } },
  { "view", "CREATE VIEW v AS SELECT * FROM line", { "endommagé", "tables" } },
  { "extra-table", "CREATE TABLE extra (x)", { "endommagé", "tables" } },
  { "extra-column", "ALTER TABLE line ADD COLUMN evil TEXT", { "endommagé", "tables" } },
};

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* A good workbook with a free and an EI line, closed, in a fresh folder. */
static char *
make_workbook (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "hostile.trajectoire", NULL);
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_autofree char *free_line = NULL, *ei = NULL;
  gint64 s;
  sqlite3 *db;
  char *sql;

  g_assert_no_error (error);
  s = trj_workbook_get_current_scenario (wb);
  free_line = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_FREE, -1, &error);
  g_assert_no_error (error);
  ei = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_EI, -1, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_number (wb, s, free_line, TRJ_LINE_FIELD_COMMITMENT_MONTH, 4, &error));
  g_assert_true (trj_workbook_set_line_number (wb, s, ei, TRJ_LINE_FIELD_UNIT_AMOUNT, 10000, &error));
  g_assert_no_error (error);
  trj_workbook_close (wb);

  /* Friendly keys, as a hand-edited file would have. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sql = sqlite3_mprintf ("UPDATE line SET key = 'libre' WHERE key = '%q';"
                         "UPDATE line SET key = 'ei' WHERE key = '%q'", free_line, ei);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  sqlite3_close (db);
  return g_steal_pointer (&path);
}

static void
test_good_file_opens (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-hostile-XXXXXX", NULL);
  g_autofree char *path = make_workbook (dir);
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);
  g_autoptr(TrjScenario) s = NULL;
  const TrjLine *line;

  g_assert_no_error (error);
  s = trj_workbook_get_scenario (wb, trj_workbook_get_current_scenario (wb), &error);
  g_assert_no_error (error);
  line = trj_scenario_find_line (s, "libre", NULL);
  g_assert_nonnull (line);
  g_assert_cmpint (line->commitment_month, ==, 4);
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}

static void
test_tamper (gconstpointer data)
{
  const Tamper *t = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-hostile-XXXXXX", NULL);
  g_autofree char *path = make_workbook (dir);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  char *message = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, t->sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", t->sql, message);
  sqlite3_close (db);
  before = checksum_of (path);

  wb = trj_workbook_open (path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_test_message ("%s: %s", t->name, error->message);
  for (guint i = 0; i < G_N_ELEMENTS (t->expected) && t->expected[i]; i++)
    {
      g_autofree char *plain = trj_test_plain_spaces (error->message);
      g_autofree char *want = trj_test_plain_spaces (t->expected[i]);

      if (strstr (plain, want) == NULL)
        g_error ("%s: “%s” not in “%s”", t->name, t->expected[i], error->message);
    }
  g_assert_nonnull (strstr (error->message, "hostile.trajectoire"));
  after = checksum_of (path);
  g_assert_cmpstr (after, ==, before);
  /* Nothing left beside it either. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  trj_test_remove_dir (dir);
}

/* A value larger than SQLite may read from a workbook fails to read, instead
 * of being loaded into memory. */
static void
test_huge_blob (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-hostile-XXXXXX", NULL);
  g_autofree char *path = make_workbook (dir);
  g_autofree char *before = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE line SET label = zeroblob(%d) WHERE key = 'pec'",
                                          TRJ_WORKBOOK_MAX_VALUE + 1);
  g_autoptr(TrjWorkbook) wb = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum_of (path);

  wb = trj_workbook_open (path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_test_message ("huge blob: %s", error->message);
  g_assert_nonnull (strstr (error->message, "plus grande"));
  {
    g_autofree char *after = checksum_of (path);
    g_assert_cmpstr (after, ==, before);
  }
  trj_test_remove_dir (dir);
}

/* A file in WAL mode, the journal mode of every workbook, refused for its
 * schema: nothing is created beside it (no -wal, no -shm). */
static void
test_refused_wal_file_leaves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-hostile-XXXXXX", NULL);
  g_autofree char *path = make_workbook (dir);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  const char *name;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; DROP TABLE line_month; "
                                 "CREATE TABLE clients (nom TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum_of (path);
  wb = trj_workbook_open (path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  after = checksum_of (path);
  g_assert_cmpstr (after, ==, before);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_cmpstr (name, ==, "hostile.trajectoire");
  trj_test_remove_dir (dir);
}

/* What an import would write is held to the same limits as what is read. */
static void
test_import_refuses_what_read_would (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-hostile-XXXXXX", NULL);
  g_autofree char *path = make_workbook (dir);
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);
  g_autoptr(TrjScenario) s = NULL;
  TrjLine *line;
  g_autofree char *long_label = g_strnfill (TRJ_WORKBOOK_MAX_TEXT + 1, 'x');

  g_assert_no_error (error);
  s = trj_workbook_get_scenario (wb, trj_workbook_get_current_scenario (wb), &error);
  g_assert_no_error (error);
  line = trj_scenario_find_line (s, "pec", NULL);
  /* The catalogue's hard limits, typed input's, stop at a million contracts a
   * line: the engine's validation names the key path. */
  line->entries_mode = TRJ_ENTRIES_VOLUME;
  line->volume = 5e7;
  trj_line_spread_volume (line);
  g_assert_cmpint (trj_workbook_import_scenario (wb, s, "Trop", &error), ==, 0);
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lines[0].volume"));
  g_assert_nonnull (strstr (error->message, "50000000 est supérieur à 1000000"));
  g_clear_error (&error);

  g_assert_false (trj_workbook_set_line_text (wb, trj_workbook_get_current_scenario (wb), "pec",
                                              TRJ_LINE_FIELD_LABEL, long_label, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workbook-hostile/good-file-opens", test_good_file_opens);
  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      g_autofree char *name = g_strdup_printf ("/workbook-hostile/refused/%s", tampers[i].name);
      g_test_add_data_func (name, &tampers[i], test_tamper);
    }
  g_test_add_func ("/workbook-hostile/huge-blob", test_huge_blob);
  g_test_add_func ("/workbook-hostile/refused-wal-file-leaves-nothing", test_refused_wal_file_leaves_nothing);
  g_test_add_func ("/workbook-hostile/import-refuses-what-read-would", test_import_refuses_what_read_would);
  return g_test_run ();
}
