/* test-actuals.c — actuals imported from CSV (MODEL 8) and the year-end
 * landing computed by hand on a small case */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>

#include "trj-actuals-csv.h"
#include "trj-json.h"
#include "trj-workbook.h"
#include "trj-year-data.h"
#include <glib/gstdio.h>
#include <sqlite3.h>

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", name, NULL);
}

static TrjScenario *
small_case (void)
{
  g_autofree char *path = fixture ("landing-scenario.json");
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_json_scenario_from_file (path, &error);

  g_assert_no_error (error);
  return s;
}

static TrjActuals *
read_ok (const char *name, const TrjScenario *s)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  TrjActuals *actuals = trj_actuals_read_csv (path, s, &error);

  g_assert_no_error (error);
  g_assert_nonnull (actuals);
  return actuals;
}

static void
test_csv_good (void)
{
  g_autoptr(TrjScenario) s = small_case ();
  g_autoptr(TrjActuals) actuals = read_ok ("good.csv", s);
  const TrjActual *row;

  g_assert_cmpuint (actuals->rows->len, ==, 12);
  g_assert_cmpuint (trj_actuals_last_month (actuals), ==, 6);
  row = trj_actuals_find (actuals, "a", 2);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->envelope, ==, "PEC_CIE_TP");
  g_assert_cmpfloat (row->entries, ==, 12);
  g_assert_cmpfloat (row->rate, ==, 0.6);          /* « 0,6 » */
  g_assert_true (isnan (row->weekly_hours));
  /* « février » is month 2; « 10 000 » an amount. */
  row = trj_actuals_find (actuals, "b", 1);
  g_assert_cmpfloat (row->weekly_hours, ==, 30);
  g_assert_cmpfloat (trj_actuals_find (actuals, "b", 2)->ae, ==, 10000);
  g_assert_null (trj_actuals_find (actuals, "b", 6));
}

/* Windows-1252, « , » between fields and a decimal point, the line found by
 * type + département + prescripteur. */
static void
test_csv_windows_1252 (void)
{
  g_autoptr(TrjScenario) s = small_case ();
  g_autoptr(TrjActuals) actuals = read_ok ("cp1252.csv", s);
  const TrjActual *row = trj_actuals_find (actuals, "a", 1);

  g_assert_nonnull (row);
  g_assert_cmpfloat (row->entries, ==, 12);
  g_assert_cmpfloat (row->rate, ==, 0.6);
}

static void
test_csv_refused (gconstpointer data)
{
  const char *const *c = data;   /* file, what the message must name */
  g_autoptr(TrjScenario) s = small_case ();
  g_autofree char *path = fixture (c[0]);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjActuals) actuals = trj_actuals_read_csv (path, s, &error);

  g_assert_null (actuals);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  for (guint i = 1; c[i] != NULL; i++)
    g_assert_nonnull (strstr (error->message, c[i]));
}

/* The hand-computed case (fixtures/actuals/landing-scenario.json): SMIC 10 €,
 * 4 weeks a month, no cofinancing, lag 0.
 *   a (PEC): 50 %, 20 h, 6 months, 10 entries a month: 400 € a month, 2 400 € a
 *     contract, AE 288 000 €. Actuals: 12 entries a month to June at 60 %:
 *     480 € a month, 2 880 € a contract.
 *   b (CIE jeunes): 40 %, 25 h, 4 months, 5 a month: 1 600 € a contract, AE
 *     96 000 €. Actuals: 5 a month to June at 30 h and 5 months (480 € a
 *     month, 2 400 € a contract); the ASP reports 10 000 € of AE in March
 *     where the model gives 5 × 2 400 = 12 000 €. */
static void
test_landing (gconstpointer data)
{
  TrjProjection projection = GPOINTER_TO_INT (data);
  gboolean observed = projection == TRJ_PROJECTION_OBSERVED;
  g_autoptr(TrjScenario) s = small_case ();
  g_autoptr(TrjActuals) actuals = read_ok ("good.csv", s);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjLanding) landing = NULL;
  const TrjLandingFigures *a, *b;
  const TrjYearData *year = trj_year_data_get (2024, NULL);

  landing = trj_landing_compute (s, actuals, projection, &year->rules, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (landing->month, ==, 6);
  a = &landing->lines[0];
  b = &landing->lines[3];

  /* a: 72 × 2 880 to June, then 60 × 2 880 (observed) or 60 × 2 400 (programmed). */
  g_assert_cmpfloat_with_epsilon (a->ae_programmed, 288000, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->ae_landing, observed ? 380160 : 351360, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->ae_drift[TRJ_CAUSE_VOLUME], 132 * 2400 - 288000, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->ae_drift[TRJ_CAUSE_RATE], observed ? 63360 : 34560, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->ae_drift[TRJ_CAUSE_HOURS], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->ae_drift[TRJ_CAUSE_DURATION], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->ae_drift[TRJ_CAUSE_EXECUTION_GAP], 0, 1e-6);
  /* CP with lag 0: the cohorts to June are paid in full in the year (72 × 2 880);
   * those of July … December for 6, 5, … 1 months. */
  g_assert_cmpfloat_with_epsilon (a->cp_landing, 72 * 2880 + 10 * (observed ? 480 : 400) * 21, 1e-6);

  /* b: hours then duration; the execution gap −2 000 €. */
  g_assert_cmpfloat_with_epsilon (b->ae_programmed, 96000, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->ae_drift[TRJ_CAUSE_VOLUME], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->ae_drift[TRJ_CAUSE_RATE], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->ae_drift[TRJ_CAUSE_HOURS], observed ? 19200 : 9600, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->ae_drift[TRJ_CAUSE_DURATION], observed ? 28800 : 14400, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->ae_drift[TRJ_CAUSE_COFINANCING], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->ae_drift[TRJ_CAUSE_EXECUTION_GAP], -2000, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->ae_landing, observed ? 142000 : 118000, 1e-6);

  /* The causes add up to the drift, to the cent, for every line and envelope. */
  for (guint g = 0; g < landing->n_lines + landing->n_envelopes; g++)
    {
      const TrjLandingFigures *f = g < landing->n_lines ? &landing->lines[g]
                                                        : &landing->envelopes[g - landing->n_lines];
      double ae = 0, cp = 0;

      for (TrjCause c = 0; c < TRJ_N_CAUSES; c++)
        {
          ae += f->ae_drift[c];
          cp += f->cp_drift[c];
        }
      g_assert_cmpfloat (fabs (ae - (f->ae_landing - f->ae_programmed)), <, 0.005);
      g_assert_cmpfloat (fabs (cp - (f->cp_landing - f->cp_programmed)), <, 0.005);
    }
  g_assert_cmpfloat_with_epsilon (landing->envelopes[1].ae_landing, b->ae_landing, 1e-6);
  g_assert_cmpfloat (landing->envelopes[1].ae_available, ==, 100000);

  /* ACTUAL_DRIFT: a's rate, b's hours and duration. */
  g_assert_cmpuint (landing->drifts->len, ==, 3);
  g_assert_cmpint (g_array_index (landing->drifts, TrjLandingDrift, 0).param, ==, TRJ_PARAM_RATE);
  g_assert_cmpfloat_with_epsilon (g_array_index (landing->drifts, TrjLandingDrift, 0).observed, 0.6, 1e-12);
  g_assert_cmpint (g_array_index (landing->drifts, TrjLandingDrift, 1).param, ==, TRJ_PARAM_WEEKLY_HOURS);
  g_assert_cmpint (g_array_index (landing->drifts, TrjLandingDrift, 2).param, ==, TRJ_PARAM_DURATION_MONTHS);
}

/* The landing of the other shapes of line (MODEL 8, 3.2): an ACI line whose
 * realised ETP replace its quantity by the projected annual average, a free
 * line landing as programmed, and a contract line's stock (last year's
 * entries) paid as programmed. */
static void
test_landing_shapes (gconstpointer data)
{
  TrjProjection projection = GPOINTER_TO_INT (data);
  gboolean observed = projection == TRJ_PROJECTION_OBSERVED;
  const char *json =
    "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
    "  \"zone\": \"metropole\", \"envelopes\": ["
    "  { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 100000, \"cp_notified\": 100000, \"lines\": ["
    "    { \"id\": \"stock\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25,"
    "      \"duration_months\": 12, \"payment_lag_months\": 1,"
    "      \"entries\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],"
    "      \"previous_entries\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] } ] },"
    "  { \"id\": \"IAE\", \"ae_notified\": 300000, \"cp_notified\": 300000, \"lines\": ["
    "    { \"id\": \"aci\", \"kind\": \"ACI\", \"quantity\": 10, \"unit_amount\": 23458,"
    "      \"modulation\": 0, \"payment_lag_months\": 0 } ] },"
    "  { \"id\": \"INITIATIVES_TERRITORIALES\", \"ae_notified\": 50000, \"cp_notified\": 50000, \"lines\": ["
    "    { \"id\": \"it\", \"kind\": \"FREE\", \"ae_amount\": 30000, \"commitment_month\": 2,"
    "      \"cp_schedule\": [0, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5000] } ] } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_data (json, -1, &error);
  g_autoptr(TrjActuals) actuals = trj_actuals_new ();
  g_autoptr(TrjLanding) landing = NULL;
  const TrjYearData *year = trj_year_data_get (2024, NULL);
  const double etp[3] = { 8, 8, 9 };
  const TrjLandingFigures *stock, *aci, *it;
  /* ACI: January–March realised 8, 8 and 9 ETP; then 9 (the last month,
   * observed) or the programmed 10 for nine months. */
  const double quantity = observed ? (25 + 9 * 9) / 12.0 : (25 + 9 * 10) / 12.0;
  /* Two contracts of December 2023 for 12 months, lag 1: December at the 2023
   * SMIC (0.5 × 11.52 × 25 × 52/12 = 624 €) paid in January, January–October
   * at 631,041666… €, November at 643,50 € paid in December. */
  const double stock_cp = 2 * (624 + 10 * (0.5 * 11.65 * 25 * 52.0 / 12.0) + 643.5);

  g_assert_no_error (error);
  for (guint m = 0; m < 3; m++)
    {
      TrjActual row = { (char *) "aci", (char *) "IAE", m, NAN, NAN, NAN, NAN, NAN, etp[m], NAN, NAN };

      trj_actuals_set (actuals, &row);
    }
  g_assert_cmpuint (trj_actuals_last_month (actuals), ==, 3);

  landing = trj_landing_compute (s, actuals, projection, &year->rules, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (landing->month, ==, 3);
  g_assert_cmpuint (landing->n_lines, ==, 3);
  stock = &landing->lines[0];
  aci = &landing->lines[1];
  it = &landing->lines[2];

  g_assert_cmpfloat_with_epsilon (aci->ae_programmed, 234580, 1e-6);
  g_assert_cmpfloat_with_epsilon (aci->ae_landing, quantity * 23458, 1e-6);
  g_assert_cmpfloat_with_epsilon (aci->ae_landing, observed ? 207212.33333333334 : 224805.83333333334, 1e-6);
  g_assert_cmpfloat_with_epsilon (aci->cp_landing, quantity * 23458, 1e-6);

  g_assert_cmpfloat (it->ae_landing, ==, 30000);
  g_assert_cmpfloat (it->ae_programmed, ==, 30000);
  g_assert_cmpfloat (it->cp_landing, ==, 15000);

  g_assert_cmpfloat_with_epsilon (stock_cp, 15155.833333333334, 1e-6);
  g_assert_cmpfloat_with_epsilon (stock->cp_programmed, stock_cp, 1e-6);
  g_assert_cmpfloat_with_epsilon (stock->cp_landing, stock_cp, 1e-6);
  g_assert_cmpfloat (stock->ae_landing, ==, 0);
  g_assert_cmpfloat_with_epsilon (landing->envelopes[1].ae_landing, aci->ae_landing, 1e-6);
  g_assert_cmpuint (landing->drifts->len, ==, 0);
}

/* In the workbook: stored, read back checked, one undo step, possible on a
 * sent scenario, refused when tampered. */
static void
test_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("trj-actuals-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.trajectoire", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_autoptr(TrjScenario) s = small_case ();
  g_autoptr(TrjActuals) actuals = read_ok ("good.csv", s);
  g_autoptr(TrjActuals) back = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, s, "Petit", &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_mark_sent (wb, id, TRJ_SENT_PROGRAMMATION, "2024-03-01", NULL, &error));
  g_assert_true (trj_workbook_import_actuals (wb, actuals, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Import actuals");
  back = trj_workbook_get_actuals (wb, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->rows->len, ==, 12);
  g_assert_cmpfloat (trj_actuals_find (back, "b", 2)->ae, ==, 10000);
  g_assert_true (isnan (trj_actuals_find (back, "b", 2)->cp));
  g_clear_pointer (&back, trj_actuals_free);

  g_assert_true (trj_workbook_undo (wb, &error));
  back = trj_workbook_get_actuals (wb, &error);
  g_assert_cmpuint (back->rows->len, ==, 0);
  g_clear_pointer (&back, trj_actuals_free);
  g_assert_true (trj_workbook_redo (wb, &error));
  g_clear_object (&wb);

  /* A month's rate of 140 % in the file is refused on read. */
  {
    sqlite3 *db;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE actual SET rate = 1.4 WHERE line = 'a' AND month = 0",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  back = trj_workbook_get_actuals (wb, &error);
  g_assert_null (back);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_object (&wb);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL), *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *lock = g_strconcat (path, "-lock", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (lock);
    g_unlink (path);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  static const char *const unknown[] = { "unknown-line.csv", "nope", "3", NULL };
  static const char *const ambiguous[] = { "ambiguous-line.csv", "2", NULL };
  static const char *const month[] = { "month-13.csv", "13", "3", NULL };
  /* A blank row (";;") is passed over; a short row is named by its number. */
  static const char *const short_row[] = { "short-row.csv", "line 4", "2 columns where the header has 3", "1 error", NULL };
  /* « Mois » is « mois » once normalised, so named twice; « couleur » is no column. */
  static const char *const header[] = { "header-columns.csv", "mois", "the column appears twice",
                                        "unknown column “couleur”", "2 errors", NULL };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/actuals/csv/good", test_csv_good);
  g_test_add_func ("/actuals/csv/windows-1252", test_csv_windows_1252);
  g_test_add_data_func ("/actuals/csv/unknown-line", unknown, test_csv_refused);
  g_test_add_data_func ("/actuals/csv/ambiguous-line", ambiguous, test_csv_refused);
  g_test_add_data_func ("/actuals/csv/month-13", month, test_csv_refused);
  g_test_add_data_func ("/actuals/csv/short-row", short_row, test_csv_refused);
  g_test_add_data_func ("/actuals/csv/header-columns", header, test_csv_refused);
  g_test_add_data_func ("/actuals/landing/observed", GINT_TO_POINTER (TRJ_PROJECTION_OBSERVED), test_landing);
  g_test_add_data_func ("/actuals/landing/programmed", GINT_TO_POINTER (TRJ_PROJECTION_PROGRAMMED), test_landing);
  g_test_add_data_func ("/actuals/landing/shapes-observed", GINT_TO_POINTER (TRJ_PROJECTION_OBSERVED), test_landing_shapes);
  g_test_add_data_func ("/actuals/landing/shapes-programmed", GINT_TO_POINTER (TRJ_PROJECTION_PROGRAMMED), test_landing_shapes);
  g_test_add_func ("/actuals/store", test_store);
  return g_test_run ();
}
