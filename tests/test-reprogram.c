/* test-reprogram.c — « Reprogrammer » (MODEL 8): the scenario built from the
 * landing, its months with actuals refused by the store (its checks and the
 * file's triggers), one undo step
 *
 * The hand-computed case of test-actuals (fixtures/actuals: landing-scenario.json
 * and good.csv, actuals to June):
 *   a (PEC, 50 %, 20 h, 6 months, 10 a month): realised part « a-realise »
 *     72 entries January–June at the observed 60 % (2 880 € a contract:
 *     207 360 €); open part « a » 10 a month July–December at 50 % (60 × 2 400
 *     = 144 000 €): 351 360 €, the landing with the programmed projection.
 *   b (CIE jeunes, 40 %, 25 h, 4 months): realised 30 at 30 h and 5 months
 *     (2 400 €: 72 000 €), open 30 at 25 h and 4 months (1 600 €: 48 000 €):
 *     120 000 €, the landing's 118 000 € without the ASP's −2 000 € of March.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "trj-actuals-csv.h"
#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-workbook.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", name, NULL);
}

typedef struct {
  char *dir;
  char *path;
  TrjWorkbook *wb;
  gint64 p;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *json = fixture ("landing-scenario.json");
  g_autofree char *csv = fixture ("good.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_file (json, &error);
  g_autoptr(TrjActuals) actuals = NULL;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("trj-reprogram-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "bretagne.trj", NULL);
  f->wb = trj_workbook_new_with_scenario (f->path, s, &error);
  g_assert_no_error (error);
  f->p = trj_workbook_get_current_scenario (f->wb);
  g_assert_true (trj_workbook_rename_scenario (f->wb, f->p, "Programmation", &error));
  actuals = trj_actuals_read_csv (csv, s, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_import_actuals (f->wb, actuals, &error));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->wb);
  trj_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static double
envelope_ae (TrjWorkbook *wb, gint64 id, guint e)
{
  const TrjYearData *year = trj_year_data_get (2024, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_workbook_get_scenario (wb, id, &error);
  g_autoptr(TrjResult) r = NULL;

  g_assert_no_error (error);
  r = trj_result_new (s);
  g_assert_true (trj_engine_compute (s, &year->rules, r, &error));
  return r->envelopes[e].f.ae_total;
}

static void
test_build (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trj_workbook_reprogram (f->wb, f->p, NULL, &error);
  g_autoptr(TrjScenario) s = NULL;
  g_autofree char *name = NULL;
  const TrjEnvelope *pec;
  const TrjLine *done, *open;

  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);
  name = trj_workbook_get_scenario_name (f->wb, id);
  g_assert_cmpstr (name, ==, "Programmation — reprogrammation à fin juin");
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Reprogrammer");
  g_assert_cmpuint (trj_workbook_get_reprogrammed_month (f->wb, id), ==, 6);
  g_assert_cmpuint (trj_workbook_get_reprogrammed_month (f->wb, f->p), ==, 0);
  g_assert_true (trj_workbook_is_realised_line (f->wb, id, "a-realise"));
  g_assert_false (trj_workbook_is_realised_line (f->wb, id, "a"));

  s = trj_workbook_get_scenario (f->wb, id, &error);
  g_assert_no_error (error);
  pec = g_ptr_array_index (s->envelopes, 0);
  /* a2 and a3 had no actual entries: no realised part. */
  g_assert_cmpuint (pec->lines->len, ==, 4);
  done = g_ptr_array_index (pec->lines, 0);
  open = g_ptr_array_index (pec->lines, 1);
  g_assert_cmpstr (done->id, ==, "a-realise");
  g_assert_cmpstr (done->label, ==, "A (réalisé)");
  g_assert_cmpfloat_with_epsilon (done->rate, 0.6, 1e-12);
  g_assert_cmpfloat (done->entries[5], ==, 12);
  g_assert_cmpfloat (done->entries[6], ==, 0);
  g_assert_cmpstr (open->id, ==, "a");
  g_assert_cmpfloat (open->rate, ==, 0.5);
  g_assert_cmpfloat (open->entries[5], ==, 0);
  g_assert_cmpfloat (open->entries[6], ==, 10);

  /* The AE: the landing with the programmed projection (less the ASP's gap). */
  g_assert_cmpfloat_with_epsilon (envelope_ae (f->wb, id, 0), 351360, 1e-6);
  g_assert_cmpfloat_with_epsilon (envelope_ae (f->wb, id, 1), 120000, 1e-6);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trj_workbook_reprogram (f->wb, f->p, NULL, &error);
  const double july[TRJ_MONTHS] = { 0, 0, 0, 0, 0, 0, 15, 10, 10, 10, 10, 10 };
  double ae_before;
  sqlite3 *db;
  char *message = NULL;

  g_assert_no_error (error);
  ae_before = envelope_ae (f->wb, id, 0);

  /* The months with actuals of an open line: refused, named. */
  g_assert_false (trj_workbook_set_line_month (f->wb, id, "a", TRJ_LINE_MONTHS_ENTRIES, 2, 5, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED);
  g_assert_nonnull (strstr (error->message, "janvier à juin"));
  g_assert_nonnull (strstr (error->message, "lecture seule"));
  g_clear_error (&error);
  /* The realised line: every change refused. */
  g_assert_false (trj_workbook_set_line_number (f->wb, id, "a-realise", TRJ_LINE_FIELD_RATE, 0.5, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED);
  g_assert_nonnull (strstr (error->message, "« a-realise »"));
  g_clear_error (&error);
  g_assert_false (trj_workbook_remove_line (f->wb, id, "a-realise", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED);
  g_clear_error (&error);
  g_assert_cmpfloat (envelope_ae (f->wb, id, 0), ==, ae_before);

  /* The months after: editable, as the parameters of the open line. */
  g_assert_true (trj_workbook_set_line_month (f->wb, id, "a", TRJ_LINE_MONTHS_ENTRIES, 6, 15, &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_number (f->wb, id, "a", TRJ_LINE_FIELD_RATE, 0.55, &error));
  g_assert_no_error (error);
  /* 207 360 + 65 × 2 400 × 1,1 = 207 360 + 171 600 */
  g_assert_cmpfloat_with_epsilon (envelope_ae (f->wb, id, 0), 207360 + 65 * 2640, 1e-6);
  /* A whole year written with the months to June as they are: refused too
   * (the store does not compare values: the months are not to be written). */
  g_assert_false (trj_workbook_set_line_months (f->wb, id, "a", TRJ_LINE_MONTHS_ENTRIES, july, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED);
  g_clear_error (&error);

  /* Whoever runs the SQL: the file's triggers refuse it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE line_month SET value = 99 WHERE series = 0 AND month = 1 AND line = "
                                 "(SELECT id FROM line WHERE key = 'a' AND scenario = (SELECT scenario FROM reprogramming))",
                                 NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "realised months"));
  sqlite3_free (message);
  message = NULL;
  g_assert_cmpint (sqlite3_exec (db, "UPDATE line SET rate = 0.3 WHERE key = 'a-realise'", NULL, NULL, &message), ==,
                   SQLITE_CONSTRAINT);
  sqlite3_free (message);
  sqlite3_close (db);
}

/* One undo step; redone with its locks; the scenario can be deleted and a
 * duplicate of it is an ordinary scenario. */
static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trj_workbook_reprogram (f->wb, f->p, NULL, &error);
  gint64 copy;

  g_assert_no_error (error);
  g_assert_true (trj_workbook_undo (f->wb, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trj_workbook_find_scenario (f->wb, "Programmation — reprogrammation à fin juin"), ==, 0);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Importer le réalisé");
  g_assert_true (trj_workbook_redo (f->wb, &error));
  g_assert_no_error (error);
  id = trj_workbook_find_scenario (f->wb, "Programmation — reprogrammation à fin juin");
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpuint (trj_workbook_get_reprogrammed_month (f->wb, id), ==, 6);
  g_assert_false (trj_workbook_set_line_month (f->wb, id, "a", TRJ_LINE_MONTHS_ENTRIES, 0, 5, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED);
  g_clear_error (&error);

  copy = trj_workbook_duplicate_scenario (f->wb, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trj_workbook_get_reprogrammed_month (f->wb, copy), ==, 0);
  g_assert_true (trj_workbook_set_line_month (f->wb, copy, "a", TRJ_LINE_MONTHS_ENTRIES, 0, 5, &error));
  g_assert_no_error (error);

  g_assert_true (trj_workbook_delete_scenario (f->wb, id, &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_undo (f->wb, &error));
  g_assert_no_error (error);
  id = trj_workbook_find_scenario (f->wb, "Programmation — reprogrammation à fin juin");
  g_assert_cmpuint (trj_workbook_get_reprogrammed_month (f->wb, id), ==, 6);

  /* A second reprogramming gets a name of its own. */
  g_assert_cmpint (trj_workbook_reprogram (f->wb, f->p, NULL, &error), !=, 0);
  g_assert_no_error (error);
  g_assert_cmpint (trj_workbook_find_scenario (f->wb, "Programmation — reprogrammation à fin juin (2)"), !=, 0);
}

static void
test_no_actuals (void)
{
  g_autofree char *json = fixture ("landing-scenario.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_file (json, &error);
  g_autofree char *dir = g_dir_make_tmp ("trj-reprogram-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "vide.trj", NULL);
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_with_scenario (path, s, &error);

  g_assert_no_error (error);
  g_assert_cmpint (trj_workbook_reprogram (wb, trj_workbook_get_current_scenario (wb), NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "réalisé"));
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  trj_format_install_in_engine ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/reprogram/build", Fixture, NULL, fixture_setup, test_build, fixture_teardown);
  g_test_add ("/reprogram/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/reprogram/undo", Fixture, NULL, fixture_setup, test_undo, fixture_teardown);
  g_test_add_func ("/reprogram/no-actuals", test_no_actuals);
  return g_test_run ();
}
