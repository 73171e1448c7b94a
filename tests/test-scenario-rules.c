/* test-scenario-rules.c — the scenario-level rules of issue 16: hypotheses
 * (MODEL 7 reference overrides: engine, store and undo, JSON, programming
 * file, report), the DDETS' allocations and their alert, the CAOM gap
 *
 * Every figure below is computed by hand in the comments.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "trj-engine.h"
#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-programming.h"
#include "trj-report.h"
#include "trj-alert-text.h"
#include "trj-share.h"
#include "trj-ddets.h"
#include "trj-test-util.h"
#include "trj-workbook.h"
#include "trj-xlsx-reader.h"
#include "trj-year-data.h"

/* One PEC line, one contract entering in January for 2 months, rate 50 %,
 * 20 h, lag 0, not cofinanced; one cofinanced line, one contract in January
 * for 1 month at 60 %, 30 h. */
/* Changes a closed workbook file behind the store's back, as a hostile
 * sender (or a damaged disk) would. */
static void
tamper (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static const char hypotheses_json[] =
  "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
  "  \"zone\": \"metropole\","
  "  \"reference\": { \"smic_hourly\": [ {\"from\": \"2024-01-01\", \"value\": 11.65},"
  "                                      {\"from\": \"2024-02-01\", \"value\": 12.0} ],"
  "                 \"rsa\": [ {\"from\": \"2024-01-01\", \"value\": 700} ] },"
  "  \"envelopes\": [ { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 10000, \"cp_notified\": 10000,"
  "    \"volume_notified\": 2, \"lines\": ["
  "    { \"id\": \"a\", \"label\": \"A\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 20,"
  "      \"duration_months\": 2, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"b\", \"label\": \"B\", \"kind\": \"PEC\", \"rate\": 0.6, \"weekly_hours\": 30,"
  "      \"duration_months\": 1, \"cofinanced_share\": 1, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] } ] } ] }";

static TrjScenario *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *scenario = trj_json_scenario_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static TrjResult *
compute (const TrjScenario *scenario)
{
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  g_autoptr(GError) error = NULL;
  TrjResult *result = trj_result_new (scenario);

  g_assert_true (trj_engine_compute (scenario, &data->rules, result, &error));
  g_assert_no_error (error);
  return result;
}

/* The engine uses the scenario's series.
 * Line a: aid per month = 0,5 × SMIC × 20 × 52/12 = SMIC × 43,333…:
 *   January 11,65 → 504,833 33; February 12,00 → 520,000; AE 1 024,833 33.
 *   With the year's SMIC (11,65 until November): 2 × 504,833 33 = 1 009,666 67.
 * Line b: aid = 0,6 × 11,65 × 30 × 52/12 = 908,70; the département pays
 *   0,88 × RSA: with the scenario's 700 → 616, the State 292,70; with the
 *   year's (607,75 on 1 January 2024) → 534,82, the State 373,88. */
static void
test_engine (void)
{
  g_autoptr(TrjScenario) scenario = parse (hypotheses_json);
  g_autoptr(TrjResult) result = NULL;
  g_autoptr(TrjResult) defaults = NULL;
  g_autoptr(TrjScenario) plain = NULL;
  const TrjYearData *data = trj_year_data_get (2024, NULL);

  g_assert_true (scenario->overrides_smic && scenario->overrides_rsa);
  result = compute (scenario);
  g_assert_cmpfloat_with_epsilon (result->lines[0].f.ae_total, 1024.833333333333, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->lines[0].f.cp[0], 504.833333333333, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->lines[0].f.cp[1], 520.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->lines[1].f.ae_total, 292.70, 1e-6);

  plain = trj_scenario_copy (scenario);
  trj_reference_clear (&plain->reference);
  trj_year_data_reference (data, plain->zone, &plain->reference);
  plain->overrides_smic = plain->overrides_rsa = FALSE;
  defaults = compute (plain);
  g_assert_cmpfloat_with_epsilon (defaults->lines[0].f.ae_total, 1009.666666666667, 1e-6);
  g_assert_cmpfloat_with_epsilon (defaults->lines[1].f.ae_total, 373.88, 1e-6);
}

/* JSON: the overrides come back as they were written, the year's values
 * are not written when the scenario does not override them. */
static void
test_json_round_trip (void)
{
  g_autoptr(TrjScenario) scenario = parse (hypotheses_json);
  g_autofree char *text = trj_json_scenario_to_data (scenario);
  g_autoptr(TrjScenario) again = parse (text);
  g_autofree char *text_again = trj_json_scenario_to_data (again);

  g_assert_nonnull (strstr (text, "\"smic_hourly\""));
  g_assert_nonnull (strstr (text, "\"2024-02-01\""));
  g_assert_true (again->overrides_smic && again->overrides_rsa);
  g_assert_cmpuint (again->reference.smic_hourly.n_points, ==, 2);
  g_assert_cmpint (again->reference.smic_hourly.points[1].from, ==, 20240201);
  g_assert_cmpfloat (again->reference.smic_hourly.points[1].value, ==, 12.0);
  g_assert_cmpuint (again->reference.rsa.n_points, ==, 1);
  g_assert_cmpfloat (again->reference.rsa.points[0].value, ==, 700);
  g_assert_cmpstr (text, ==, text_again);
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("trj-rules-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The store: « Modifier les hypothèses » is one undo step, kept on reopening;
 * a value outside the catalogue's limits is refused and changes nothing. */
static void
test_store_undo (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "h.trajectoire", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_autoptr(TrjScenario) before = NULL;
  g_autoptr(TrjScenario) after = NULL;
  g_autoptr(TrjScenario) undone = NULL;
  g_autoptr(TrjResult) r_before = NULL;
  g_autoptr(TrjResult) r_after = NULL;
  TrjSeries smic = { 0 }, bad = { 0 };
  gint64 id;

  g_assert_no_error (error);
  id = trj_workbook_get_current_scenario (wb);
  before = trj_workbook_get_scenario (wb, id, &error);
  g_assert_false (before->overrides_smic || before->overrides_rsa);
  /* A second revaluation: 12,00 € from 1 July 2024. */
  trj_series_append (&smic, 20240101, 11.65);
  trj_series_append (&smic, 20240701, 12.0);
  trj_series_append (&smic, 20241101, 12.2);
  g_assert_true (trj_workbook_set_hypotheses (wb, id, &smic, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier les hypothèses");

  /* Reopened, the series is there, the RSA the year's. */
  g_clear_object (&wb);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  after = trj_workbook_get_scenario (wb, id, &error);
  g_assert_true (after->overrides_smic);
  g_assert_false (after->overrides_rsa);
  g_assert_cmpuint (after->reference.smic_hourly.n_points, ==, 3);
  g_assert_cmpint (after->reference.smic_hourly.points[1].from, ==, 20240701);
  g_assert_cmpfloat (after->reference.smic_hourly.points[1].value, ==, 12.0);
  g_assert_cmpfloat (after->reference.rsa.points[before->reference.rsa.n_points - 1].value, ==,
                     before->reference.rsa.points[before->reference.rsa.n_points - 1].value);
  /* Every PEC figure rises: July to October paid at 12,00 instead of 11,65. */
  r_before = compute (before);
  r_after = compute (after);
  g_assert_cmpfloat (r_after->envelopes[0].f.ae_total, >, r_before->envelopes[0].f.ae_total);

  /* 0 € an hour is outside the catalogue’s limits (0 < SMIC ≤ 1 000): refused, nothing changes. */
  trj_series_append (&bad, 20240101, 0);
  g_assert_false (trj_workbook_set_hypotheses (wb, id, &bad, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier les hypothèses");

  /* One undo gives the year's series back. */
  g_assert_true (trj_workbook_undo (wb, &error));
  undone = trj_workbook_get_scenario (wb, id, &error);
  g_assert_false (undone->overrides_smic || undone->overrides_rsa);
  g_assert_cmpuint (undone->reference.smic_hourly.n_points, ==, before->reference.smic_hourly.n_points);
  g_assert_false (trj_workbook_can_undo (wb));

  trj_series_clear (&smic);
  trj_series_clear (&bad);
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}

/* The programming file's « Paramètres » sheet says which series is the
 * scenario's and gives the year's beside; the report's cover too. */
static void
test_programming_and_report (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.xlsx", NULL);
  g_autoptr(TrjScenario) scenario = parse (hypotheses_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjXlsxReader) reader = NULL;
  g_autoptr(TrjXlsxSheet) sheet = NULL;
  g_autoptr(TrjReport) report = NULL;
  TrjProgrammingInfo info = { "Hypothèses", NULL, NULL };
  gboolean own_row = FALSE, default_title = FALSE, default_row = FALSE;
  g_autofree char *plain = NULL;

  g_assert_true (trj_programming_write_xlsx (scenario, &info, path, &error));
  g_assert_no_error (error);
  reader = trj_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  sheet = trj_xlsx_reader_read_sheet (reader, "Paramètres", &error);
  g_assert_no_error (error);
  for (guint r = 0; r < trj_xlsx_sheet_n_rows (sheet); r++)
    {
      const char *name = trj_xlsx_sheet_cell (sheet, r, 0);
      const char *amount = trj_xlsx_sheet_cell (sheet, r, 2);
      const char *source = trj_xlsx_sheet_cell (sheet, r, 3);

      if (g_strcmp0 (name, "Valeurs par défaut de l’année (remplacées par les hypothèses du scénario)") == 0)
        default_title = TRUE;
      else if (!default_title && g_strcmp0 (name, "SMIC horaire brut (€)") == 0 && amount != NULL
               && g_ascii_strtod (amount, NULL) == 12.0)
        own_row = g_strcmp0 (source, "Hypothèse du scénario") == 0;
      /* The year's second SMIC, 11,88 € from November, only among the defaults. */
      else if (default_title && g_strcmp0 (name, "SMIC horaire brut (€)") == 0 && amount != NULL
               && g_ascii_strtod (amount, NULL) == 11.88)
        default_row = TRUE;
    }
  g_assert_true (own_row);
  g_assert_true (default_title);
  g_assert_true (default_row);

  report = trj_report_new (scenario, "Hypothèses", NULL, &error);
  g_assert_no_error (error);
  plain = trj_test_plain_spaces (trj_report_get_hypotheses (report));
  g_assert_cmpstr (plain, ==,
                   "Hypothèse du scénario, SMIC horaire brut : 11,65 € au 01/01/2024 ; 12,00 € au 01/02/2024 "
                   "(valeurs de l’année : 11,27 € au 01/01/2023 ; 11,52 € au 01/05/2023 ; 11,65 € au 01/01/2024 ; "
                   "11,88 € au 01/11/2024 ; 11,88 € au 01/01/2025)\n"
                   "Hypothèse du scénario, RSA : 700,00 € au 01/01/2024 (valeurs de l’année : 598,54 € au "
                   "01/07/2022 ; 607,75 € au 01/04/2023 ; 635,71 € au 01/04/2024 ; 646,52 € au 01/04/2025)");
  trj_test_remove_dir (dir);
}

/* ── Allocations (the DDETS' share) and the CAOM ──────────────────────── */

/* Lines at 50 %, 20 h, lag 0, the year's SMIC (11,65 € in January and
 * February): one month of aid is 0,5 × 11,65 × 20 × 52/12 = 504,833 33 €.
 *   a: Finistère, France Travail, 1 contract for 2 months: 1 009,666 67 €;
 *   b: Finistère, Mission locale, 2 contracts for 1 month: 1 009,666 67 €;
 *   c: Ille-et-Vilaine, 1 contract for 1 month: 504,833 33 €;
 *   d: Côtes-d'Armor, 25 % cofinanced, entries 4, 4, 0, 8 (January–April).
 * Allocations: Finistère 2 000 € and 3 contracts (a + b: 2 019,33 €, 19,33 €
 * more: an alert); Finistère France Travail 1 100 € and 1 contract (a: within);
 * Ille-et-Vilaine 100 € and 5 contracts (c: 404,83 € more: an alert).
 * CAOM of the Côtes-d'Armor: 6 contracts over January–March, 2 a month;
 * the lines cofinance 1, 1, 0, 2: gaps −1, −1, −2, +2, in all −2. */
static const char share_json[] =
  "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
  "  \"zone\": \"metropole\","
  "  \"envelopes\": [ { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 1000000, \"cp_notified\": 1000000,"
  "    \"allocations\": ["
  "      { \"departement\": \"29\", \"ae\": 2000, \"volume\": 3 },"
  "      { \"departement\": \"29\", \"prescriber\": \"France Travail\", \"ae\": 1100, \"volume\": 1 },"
  "      { \"departement\": \"35\", \"ae\": 100, \"volume\": 5 } ],"
  "    \"caom\": { \"22\": { \"contracts\": 6, \"profile\": [1,1,1,0,0,0,0,0,0,0,0,0] } },"
  "    \"lines\": ["
  "    { \"id\": \"a\", \"label\": \"A\", \"kind\": \"PEC\", \"departement\": \"29\", \"prescriber\": \"France Travail\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 2, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"b\", \"label\": \"B\", \"kind\": \"PEC\", \"departement\": \"29\", \"prescriber\": \"Mission locale\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 1, \"payment_lag_months\": 0,"
  "      \"entries\": [2,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"c\", \"label\": \"C\", \"kind\": \"PEC\", \"departement\": \"35\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 1, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"d\", \"label\": \"D\", \"kind\": \"PEC\", \"departement\": \"22\", \"cofinanced_share\": 0.25,"
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 6, \"payment_lag_months\": 0,"
  "      \"entries\": [4,4,0,8,0,0,0,0,0,0,0,0] } ] } ] }";

static const TrjAlert *
find_allocation_alert (const TrjResult *result, int allocation)
{
  for (guint i = 0; i < result->n_alerts; i++)
    if (result->alerts[i].code == TRJ_ALERT_ALLOCATION_EXCEEDED && result->alerts[i].allocation == allocation)
      return &result->alerts[i];
  return NULL;
}

static void
test_allocations_engine (void)
{
  g_autoptr(TrjScenario) scenario = parse (share_json);
  g_autoptr(TrjResult) result = compute (scenario);
  TrjAllocationFigures f;
  const TrjAlert *alert;
  g_autofree char *message = NULL;
  g_autofree char *plain = NULL;

  trj_allocation_figures (scenario, result, 0, 0, &f);
  g_assert_cmpuint (f.n_lines, ==, 2);
  g_assert_cmpfloat_with_epsilon (f.ae, 2019.333333333333, 1e-6);
  g_assert_cmpfloat (f.volume, ==, 3);
  trj_allocation_figures (scenario, result, 0, 1, &f);
  g_assert_cmpuint (f.n_lines, ==, 1);
  g_assert_cmpfloat_with_epsilon (f.ae, 1009.666666666667, 1e-6);
  trj_allocation_figures (scenario, result, 0, 2, &f);
  g_assert_cmpfloat_with_epsilon (f.ae, 504.833333333333, 1e-6);
  /* An allocation not (yet) the envelope's, as the editor types it: b alone. */
  {
    g_autoptr(TrjAllocation) typed = trj_allocation_new ("29", "Mission locale", 1000, 1);

    trj_allocation_figures_of (scenario, result, 0, typed, &f);
    g_assert_cmpuint (f.n_lines, ==, 1);
    g_assert_cmpfloat_with_epsilon (f.ae, 1009.666666666667, 1e-6);
    g_assert_cmpfloat (f.volume, ==, 2);
    g_assert_true (trj_allocation_ae_exceeded (typed, &f));
    g_assert_true (trj_allocation_volume_exceeded (typed, &f));
    typed->ae = 1009.67;
    typed->volume = 2;
    g_assert_false (trj_allocation_ae_exceeded (typed, &f));
    g_assert_false (trj_allocation_volume_exceeded (typed, &f));
  }

  alert = find_allocation_alert (result, 0);
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->severity, ==, TRJ_SEVERITY_ALERT);
  g_assert_cmpfloat_with_epsilon (alert->value - alert->limit_hi, 19.333333333333, 1e-6);
  message = trj_alert_message (scenario, alert);
  plain = trj_test_plain_spaces (message);
  g_assert_cmpstr (plain, ==, "Allocation « Finistère (29) » dépassée : les lignes engagent 2 019 € d’AE "
                              "pour 2 000 € alloués (19 € de plus)");
  g_assert_null (find_allocation_alert (result, 1));
  alert = find_allocation_alert (result, 2);
  g_assert_nonnull (alert);
  g_assert_cmpfloat_with_epsilon (alert->value - alert->limit_hi, 404.833333333333, 1e-6);

  /* Within its allocation once b is gone: 1 009,67 € for 2 000 €. */
  g_ptr_array_remove_index (((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, 0))->lines, 1);
  g_clear_pointer (&result, trj_result_free);
  result = compute (scenario);
  g_assert_null (find_allocation_alert (result, 0));
  g_assert_nonnull (find_allocation_alert (result, 2));
}

static void
test_caom_gap (void)
{
  g_autoptr(TrjScenario) scenario = parse (share_json);
  const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, 0);
  const TrjCaom *caom = trj_envelope_find_caom (env, "22");
  static const double committed[TRJ_MONTHS] = { 2, 2, 2 };
  static const double cofinanced[TRJ_MONTHS] = { 1, 1, 0, 2 };
  static const double gap[TRJ_MONTHS] = { -1, -1, -2, 2 };
  TrjCaomGap g;

  g_assert_nonnull (caom);
  g_assert_null (trj_envelope_find_caom (env, "29"));
  trj_caom_gap (env, caom, &g);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_assert_cmpfloat_with_epsilon (g.committed[m], committed[m], 1e-12);
      g_assert_cmpfloat_with_epsilon (g.cofinanced[m], cofinanced[m], 1e-12);
      g_assert_cmpfloat_with_epsilon (g.gap[m], gap[m], 1e-12);
    }
  g_assert_cmpfloat_with_epsilon (g.committed_total, 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (g.cofinanced_total, 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (g.gap_total, -2, 1e-12);
  /* Cumulated: −1, −2, −4, −2, then −2 to December; furthest in March. */
  g_assert_cmpfloat_with_epsilon (g.cumulative_gap[2], -4, 1e-12);
  g_assert_cmpfloat_with_epsilon (g.cumulative_gap[3], -2, 1e-12);
  g_assert_cmpfloat_with_epsilon (g.cumulative_gap[11], -2, 1e-12);
  g_assert_cmpint (g.largest_month, ==, 2);
  g_assert_cmpfloat_with_epsilon (g.largest_gap, -4, 1e-12);
}

/* The result document (trajectoire-cli simulate) carries the same gap under
 * "caom_gap", per département: the figures of test_caom_gap, March (3) the
 * month of the largest cumulated gap, −4 contracts. */
static void
test_caom_gap_json (void)
{
  g_autoptr(TrjScenario) scenario = parse (share_json);
  g_autoptr(TrjResult) result = compute (scenario);
  g_autofree char *text = trj_json_result_to_data (scenario, result);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *gap;
  JsonArray *months;
  static const double gaps[TRJ_MONTHS] = { -1, -1, -2, 2 };
  static const double cumulated[TRJ_MONTHS] = { -1, -2, -4, -2, -2, -2, -2, -2, -2, -2, -2, -2 };

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  gap = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (
          json_node_get_object (json_parser_get_root (parser)), "envelopes"), "PEC_CIE_TP"), "caom_gap");
  g_assert_nonnull (gap);
  g_assert_cmpuint (json_object_get_size (gap), ==, 1);
  gap = json_object_get_object_member (gap, "22");
  g_assert_nonnull (gap);
  months = json_object_get_array_member (gap, "gap");
  g_assert_cmpuint (json_array_get_length (months), ==, TRJ_MONTHS);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (months, m), gaps[m], 1e-9);
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (json_object_get_array_member (gap, "cumulative_gap"), m),
                                      cumulated[m], 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (json_object_get_array_member (gap, "committed"), 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (json_object_get_array_member (gap, "cofinanced"), 3), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gap, "committed_total"), 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gap, "cofinanced_total"), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gap, "gap_total"), -2, 1e-9);
  g_assert_cmpint (json_object_get_int_member (gap, "largest_gap_month"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gap, "largest_gap"), -4, 1e-9);
}

/* The report's pages list the exceptional requests and the CAOM gap: line a at
 * 65 % (range 30–60 %) with a justification; the Côtes-d'Armor's CAOM of
 * test_caom_gap: 6 committed, 4 cofinanced, −2, largest cumulated in March, −4. */
static void
test_report_requests_caom (void)
{
  g_autoptr(TrjScenario) scenario = parse (share_json);
  TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, 0);
  TrjLine *line = g_ptr_array_index (env->lines, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjReport) report = NULL;
  g_autofree char *dir = temp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *plain = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  line->rate = 0.65;
  line->exception_reason = g_strdup ("Public très éloigné");
  report = trj_report_new (scenario, "Demandes", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (trj_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  plain = trj_test_plain_spaces (out);
  g_test_message ("%s", plain);
  g_assert_nonnull (strstr (plain, "Demandes exceptionnelles"));
  g_assert_nonnull (strstr (plain, "65,0 %"));
  g_assert_nonnull (strstr (plain, "30,0 %–60,0 %"));
  g_assert_nonnull (strstr (plain, "Public très éloigné"));
  g_assert_nonnull (strstr (plain, "CAOM : contrats cofinancés"));
  g_assert_nonnull (strstr (plain, "mars"));
  g_assert_true (g_regex_match_simple ("Côtes-d.Armor +6 +4 +[−-]2 +mars +[−-]4", plain, 0, 0));
  g_remove (pdf);
  g_rmdir (dir);
}

/* JSON and the store keep allocations and CAOM; « Modifier les allocations »
 * is one undo step; a value outside the catalogue's limits is refused. */
static void
test_share_round_trip (void)
{
  g_autoptr(TrjScenario) scenario = parse (share_json);
  g_autofree char *text = trj_json_scenario_to_data (scenario);
  g_autoptr(TrjScenario) again = parse (text);
  g_autofree char *text_again = trj_json_scenario_to_data (again);
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "s.trajectoire", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_autoptr(TrjScenario) stored = NULL;
  g_autoptr(TrjScenario) edited = NULL;
  g_autoptr(TrjScenario) undone = NULL;
  g_autofree char *stored_text = NULL;
  g_autoptr(TrjEnvelope) values = trj_envelope_new ("PEC_CIE_TP");
  g_autoptr(TrjEnvelope) bad = trj_envelope_new ("PEC_CIE_TP");
  const TrjEnvelope *env;
  gint64 id;

  g_assert_cmpstr (text, ==, text_again);
  g_assert_nonnull (strstr (text, "\"allocations\""));
  g_assert_nonnull (strstr (text, "\"caom\""));
  env = g_ptr_array_index (again->envelopes, 0);
  g_assert_cmpuint (trj_envelope_n_allocations (env), ==, 3);
  g_assert_cmpstr (((TrjAllocation *) g_ptr_array_index (env->allocations, 1))->prescriber, ==, "France Travail");
  g_assert_null (((TrjAllocation *) g_ptr_array_index (env->allocations, 0))->prescriber);

  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, scenario, "Répartition", &error);
  g_assert_no_error (error);
  g_clear_object (&wb);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  stored = trj_workbook_get_scenario (wb, id, &error);
  g_assert_no_error (error);
  stored_text = trj_json_scenario_to_data (stored);
  g_assert_cmpstr (stored_text, ==, text);

  trj_envelope_add_allocation (values, trj_allocation_new ("29", NULL, 2500, 3));
  g_assert_true (trj_workbook_set_allocations (wb, id, "PEC_CIE_TP", values, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier les allocations");
  edited = trj_workbook_get_scenario (wb, id, &error);
  env = g_ptr_array_index (edited->envelopes, 0);
  g_assert_cmpuint (trj_envelope_n_allocations (env), ==, 1);
  g_assert_cmpfloat (((TrjAllocation *) g_ptr_array_index (env->allocations, 0))->ae, ==, 2500);
  g_assert_cmpuint (trj_envelope_n_caom (env), ==, 1);

  /* -1 € is below the catalogue's 0; a département twice is refused too. */
  trj_envelope_add_allocation (bad, trj_allocation_new ("29", NULL, -1, 3));
  g_assert_false (trj_workbook_set_allocations (wb, id, "PEC_CIE_TP", bad, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  ((TrjAllocation *) g_ptr_array_index (bad->allocations, 0))->ae = 10;
  trj_envelope_add_allocation (bad, trj_allocation_new ("29", NULL, 20, 3));
  g_assert_false (trj_workbook_set_allocations (wb, id, "PEC_CIE_TP", bad, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (trj_workbook_undo (wb, &error));
  undone = trj_workbook_get_scenario (wb, id, &error);
  g_clear_pointer (&stored_text, g_free);
  stored_text = trj_json_scenario_to_data (undone);
  g_assert_cmpstr (stored_text, ==, text);
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}


/* ── The DDETS file: prepared, edited on both sides, integrated ──────── */

static double
line_rate (TrjWorkbook *wb, gint64 id, const char *line_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjLine) line = trj_workbook_get_line (wb, id, line_id, &error);

  g_assert_no_error (error);
  return line->rate;
}

/* The Finistère's part of share_json: lines a and b, its two allocations,
 * the envelope at its allocation (2 000 € of AE, 3 contracts, CP 2 000 € in
 * the region's proportion 1 000 000 / 1 000 000). The DDETS sets a at 45 %
 * and b at 55 % and adds a line; the region sets b at 60 %: b is changed on
 * both sides, the return is refused naming it, nothing changes. Once the
 * region undoes its change, the return is integrated as one undo step (a
 * 45 %, b 55 %, the new line), which one undo takes back. */
static void
test_ddets_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "region.trajectoire", NULL);
  g_autofree char *part_path = g_build_filename (dir, "ddets-29.trajectoire", NULL);
  g_autoptr(TrjScenario) scenario = parse (share_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_autoptr(TrjWorkbook) ddets = NULL;
  g_autoptr(TrjScenario) part = NULL;
  g_autoptr(TrjScenario) merged = NULL;
  g_autoptr(TrjScenario) undone = NULL;
  g_auto(TrjDdetsMerge) merge = { 0 };
  g_auto(TrjDdetsMerge) refused = { 0 };
  g_autofree char *added = NULL;
  g_autofree char *plain = NULL;
  const TrjEnvelope *env;
  gint64 id, part_id;
  guint n_lines;

  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, scenario, "Répartition", &error);
  g_assert_no_error (error);
  g_assert_true (trj_ddets_prepare (wb, id, "29", part_path, &error));
  g_assert_no_error (error);
  /* Preparing is no edit of the region's scenario. */
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Importer un scénario");

  ddets = trj_workbook_open (part_path, &error);
  g_assert_no_error (error);
  part_id = trj_workbook_get_current_scenario (ddets);
  part = trj_workbook_get_scenario (ddets, part_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (part->envelopes->len, ==, 1);
  env = g_ptr_array_index (part->envelopes, 0);
  g_assert_cmpuint (env->lines->len, ==, 2);
  g_assert_cmpstr (((TrjLine *) g_ptr_array_index (env->lines, 0))->id, ==, "a");
  g_assert_cmpstr (((TrjLine *) g_ptr_array_index (env->lines, 1))->id, ==, "b");
  g_assert_cmpuint (trj_envelope_n_allocations (env), ==, 2);
  g_assert_cmpuint (trj_envelope_n_caom (env), ==, 0);
  g_assert_cmpfloat (env->ae_notified, ==, 2000);
  g_assert_cmpfloat (env->volume_notified, ==, 3);
  g_assert_cmpfloat (env->cp_notified, ==, 2000);

  /* Both sides at work. */
  g_assert_true (trj_workbook_set_line_number (ddets, part_id, "a", TRJ_LINE_FIELD_RATE, 0.45, &error));
  g_assert_true (trj_workbook_set_line_number (ddets, part_id, "b", TRJ_LINE_FIELD_RATE, 0.55, &error));
  added = trj_workbook_add_line (ddets, part_id, "PEC_CIE_TP", TRJ_KIND_PEC, -1, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_text (ddets, part_id, added, TRJ_LINE_FIELD_DEPARTEMENT, "29", &error));
  g_assert_no_error (error);
  g_clear_object (&ddets);
  g_assert_true (trj_workbook_set_line_number (wb, id, "b", TRJ_LINE_FIELD_RATE, 0.6, &error));
  g_assert_true (trj_workbook_set_line_number (wb, id, "c", TRJ_LINE_FIELD_RATE, 0.4, &error));

  /* b changed on both sides: refused, the list names it, nothing changes. */
  g_assert_false (trj_ddets_integrate (wb, id, part_path, &refused, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_assert_cmpuint (refused.conflicts->len, ==, 1);
  {
    const TrjDdetsConflict *conflict = g_ptr_array_index (refused.conflicts, 0);

    /* As the grid names it, then its rate: sent at 50 %, 60 % here, 55 % there. */
    g_assert_cmpstr (conflict->id, ==, "b");
    g_assert_cmpstr (conflict->line, ==, "«\u00a0B\u00a0», PEC et CIE tous publics, Finistère (29)");
    g_assert_cmpstr (conflict->what, ==, "modifiée par la DDETS et par la région");
    g_assert_cmpuint (g_strv_length (conflict->changes), ==, 1);
    g_assert_cmpstr (conflict->changes[0], ==, "taux de prise en charge\u202f: envoyé 50,0\u00a0%, "
                                               "région 60,0\u00a0%, DDETS 55,0\u00a0%");
  }
  g_assert_cmpstr (error->message, ==, "Le retour de la DDETS (département 29) n’est pas intégré\u202f: 1 ligne a "
                                       "été modifiée des deux côtés depuis la préparation du fichier\u202f; "
                                       "mettez-vous d’accord, puis intégrez de nouveau. Rien n’a été modifié.\n"
                                       "– «\u00a0B\u00a0», PEC et CIE tous publics, Finistère (29)\u202f: "
                                       "modifiée par la DDETS et par la région\n"
                                       "    taux de prise en charge\u202f: envoyé 50,0\u00a0%, région 60,0\u00a0%, "
                                       "DDETS 55,0\u00a0%");
  g_clear_error (&error);
  trj_ddets_merge_clear (&refused);

  /* And March's entries too, 2 here and 3 there where 0 were sent: a month
   * named in full. */
  ddets = trj_workbook_open (part_path, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_month (ddets, part_id, "b", TRJ_LINE_MONTHS_ENTRIES, 2, 3, &error));
  g_assert_no_error (error);
  g_clear_object (&ddets);
  g_assert_true (trj_workbook_set_line_month (wb, id, "b", TRJ_LINE_MONTHS_ENTRIES, 2, 2, &error));
  g_assert_no_error (error);
  g_assert_false (trj_ddets_integrate (wb, id, part_path, &refused, &error));
  g_assert_cmpuint (refused.conflicts->len, ==, 1);
  {
    const TrjDdetsConflict *conflict = g_ptr_array_index (refused.conflicts, 0);

    g_assert_cmpuint (g_strv_length (conflict->changes), ==, 2);
    g_assert_cmpstr (conflict->changes[1], ==, "entrées en mars\u202f: envoyé 0, région 2, DDETS 3");
  }
  g_assert_true (g_str_has_suffix (error->message, "\n    entrées en mars\u202f: envoyé 0, région 2, DDETS 3"));
  g_clear_error (&error);
  trj_ddets_merge_clear (&refused);
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_no_error (error);
  ddets = trj_workbook_open (part_path, &error);
  g_assert_true (trj_workbook_set_line_month (ddets, part_id, "b", TRJ_LINE_MONTHS_ENTRIES, 2, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&ddets);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.5);
  g_assert_cmpfloat (line_rate (wb, id, "b"), ==, 0.6);

  /* The region gives b back: integrated, one step. */
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_cmpfloat (line_rate (wb, id, "b"), ==, 0.5);
  g_assert_true (trj_workbook_set_line_number (wb, id, "c", TRJ_LINE_FIELD_RATE, 0.4, &error));
  g_assert_true (trj_ddets_integrate (wb, id, part_path, &merge, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merge.updated, ==, 2);
  g_assert_cmpuint (merge.added, ==, 1);
  g_assert_cmpuint (merge.removed, ==, 0);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Intégrer le retour de la DDETS");
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.45);
  g_assert_cmpfloat (line_rate (wb, id, "b"), ==, 0.55);
  g_assert_cmpfloat (line_rate (wb, id, "c"), ==, 0.4);
  merged = trj_workbook_get_scenario (wb, id, &error);
  env = g_ptr_array_index (merged->envelopes, 0);
  n_lines = env->lines->len;
  g_assert_cmpuint (n_lines, ==, 5);
  g_assert_cmpstr (((TrjLine *) g_ptr_array_index (env->lines, 4))->departement, ==, "29");

  /* One undo takes the whole return back, the region's own edit stays. */
  g_assert_true (trj_workbook_undo (wb, &error));
  undone = trj_workbook_get_scenario (wb, id, &error);
  env = g_ptr_array_index (undone->envelopes, 0);
  g_assert_cmpuint (env->lines->len, ==, 4);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.5);
  g_assert_cmpfloat (line_rate (wb, id, "b"), ==, 0.5);
  g_assert_cmpfloat (line_rate (wb, id, "c"), ==, 0.4);

  /* A second preparation makes the first file stale. */
  g_assert_true (trj_ddets_prepare (wb, id, "29", path, &error) == FALSE);   /* the path exists */
  g_clear_error (&error);
  trj_test_remove_dir (dir);
}


/* What a DDETS file refuses, each with its French message and nothing
 * changed: a bad département, one with nothing to send, a file that is no
 * DDETS file, a file integrated into another scenario than its own, a file
 * made stale by a newer preparation, two conflicts at once (a line removed by
 * the DDETS and changed by the region, a line changed by the DDETS and removed
 * by the region), a line moved to another département; and what merges: a
 * line the DDETS removed, one it changed, one it added under an id the region
 * used meanwhile (given a fresh one), as one undo step. */
static void
test_ddets_refusals (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "region.trajectoire", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.trajectoire", NULL);
  g_autofree char *first = g_build_filename (dir, "ddets-29-a.trajectoire", NULL);
  g_autofree char *second = g_build_filename (dir, "ddets-29-b.trajectoire", NULL);
  g_autofree char *third = g_build_filename (dir, "ddets-29-c.trajectoire", NULL);
  g_autofree char *fourth = g_build_filename (dir, "ddets-29-d.trajectoire", NULL);
  g_autoptr(TrjScenario) scenario = parse (share_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_autoptr(TrjWorkbook) other = NULL;
  g_autoptr(TrjWorkbook) ddets = NULL;
  g_autoptr(TrjScenario) merged = NULL;
  g_auto(TrjDdetsMerge) merge = { 0 };
  g_auto(TrjDdetsMerge) refused = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *theirs_new = NULL;
  g_autofree char *ours_new = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *plain = NULL;
  const TrjEnvelope *env;
  gint64 id, id2, part_id;
  guint n_added;

  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, scenario, "Répartition", &error);
  id2 = trj_workbook_import_scenario (wb, scenario, "Autre", &error);
  g_assert_no_error (error);

  /* Preparing: a bad département, one with no line nor allocation. */
  g_assert_false (trj_ddets_prepare (wb, id, "2C", first, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "« 2C » n’est pas un code de département (29, 2A, 974).");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_false (trj_ddets_prepare (wb, id, "56", first, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "Le scénario n’a ni ligne ni allocation pour le département 56 : il n’y a rien à envoyer.");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));

  /* A workbook that is no DDETS file. */
  other = trj_workbook_new_for_region (other_path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  g_clear_object (&other);
  before = trj_json_scenario_to_data (scenario);
  g_assert_false (trj_ddets_integrate (wb, id, other_path, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "Ce fichier n’est pas un fichier de DDETS : préparez-en un avec « Préparer le fichier d’une DDETS… ».");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);

  /* Prepared from one scenario, integrated into another; then made stale. */
  g_assert_true (trj_ddets_prepare (wb, id, "29", first, &error));
  g_assert_no_error (error);
  g_assert_false (trj_ddets_integrate (wb, id2, first, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "Ce fichier a été préparé pour le département 29 à partir du scénario « Répartition », pas de celui-ci : ouvrez ce scénario pour l’intégrer.");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_true (trj_ddets_prepare (wb, id, "29", second, &error));
  g_assert_no_error (error);
  g_assert_false (trj_ddets_integrate (wb, id, first, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  plain = trj_test_plain_spaces (error->message);
  g_assert_true (g_str_has_prefix (plain, "Ce fichier du département 29 a été préparé le "));
  g_assert_true (g_str_has_suffix (plain, " : intégrez le retour de celui-ci."));
  g_assert_nonnull (strstr (plain, ", mais un plus récent l’a été le "));
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);

  /* Both sides at work on the second file: the region adds a line, the
   * DDETS one under the same id (it adds until it gets that id, the others
   * are new lines it takes back), removes b and sets a at 45 %; the region
   * sets b at 60 % and removes a. */
  ours_new = trj_workbook_add_line (wb, id, "PEC_CIE_TP", TRJ_KIND_PEC, -1, &error);
  g_assert_no_error (error);
  ddets = trj_workbook_open (second, &error);
  g_assert_no_error (error);
  part_id = trj_workbook_get_current_scenario (ddets);
  g_assert_true (trj_workbook_remove_line (ddets, part_id, "b", &error));
  g_assert_true (trj_workbook_set_line_number (ddets, part_id, "a", TRJ_LINE_FIELD_RATE, 0.45, &error));
  for (n_added = 0; n_added < 50 && g_strcmp0 (theirs_new, ours_new) != 0; n_added++)
    {
      g_free (theirs_new);
      theirs_new = trj_workbook_add_line (ddets, part_id, "PEC_CIE_TP", TRJ_KIND_PEC, -1, &error);
      g_assert_no_error (error);
      g_assert_true (trj_workbook_set_line_text (ddets, part_id, theirs_new, TRJ_LINE_FIELD_DEPARTEMENT, "29",
                                                 &error));
    }
  g_assert_cmpstr (theirs_new, ==, ours_new);
  g_clear_object (&ddets);
  g_assert_true (trj_workbook_set_line_number (wb, id, "b", TRJ_LINE_FIELD_RATE, 0.6, &error));
  g_assert_true (trj_workbook_remove_line (wb, id, "a", &error));

  g_clear_pointer (&before, g_free);
  merged = trj_workbook_get_scenario (wb, id, &error);
  before = trj_json_scenario_to_data (merged);
  g_clear_pointer (&merged, trj_scenario_free);
  g_assert_false (trj_ddets_integrate (wb, id, second, &refused, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "Le retour de la DDETS (département 29) n’est pas intégré : 2 lignes ont été modifiées des deux côtés depuis la préparation du fichier ; mettez-vous d’accord, puis intégrez de nouveau. Rien n’a été modifié.\n– « A », PEC et CIE tous publics, Finistère (29) : modifiée par la DDETS, supprimée par la région\n– « B », PEC et CIE tous publics, Finistère (29) : supprimée par la DDETS, modifiée par la région");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_cmpuint (refused.conflicts->len, ==, 2);
  merged = trj_workbook_get_scenario (wb, id, &error);
  after = trj_json_scenario_to_data (merged);
  g_clear_pointer (&merged, trj_scenario_free);
  g_assert_cmpstr (after, ==, before);

  /* The region takes back its change of b and its removal of a (its added
   * line stays): integrated, a at 45 %, b removed, the DDETS' line added
   * under a fresh id. */
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_true (trj_ddets_integrate (wb, id, second, &merge, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merge.updated, ==, 1);
  g_assert_cmpuint (merge.added, ==, n_added);
  g_assert_cmpuint (merge.removed, ==, 1);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.45);
  merged = trj_workbook_get_scenario (wb, id, &error);
  g_assert_null (trj_scenario_find_line (merged, "b", NULL));
  g_assert_nonnull (trj_scenario_find_line (merged, ours_new, NULL));
  fresh = g_strdup_printf ("%s-ddets-29", theirs_new);
  g_assert_nonnull (trj_scenario_find_line (merged, fresh, NULL));
  g_assert_cmpstr (trj_scenario_find_line (merged, fresh, NULL)->departement, ==, "29");
  g_assert_null (trj_scenario_find_line (merged, ours_new, NULL)->departement);
  env = g_ptr_array_index (merged->envelopes, 0);
  g_assert_cmpuint (env->lines->len, ==, 4 - 1 + 1 + n_added);   /* b removed, the region's, the DDETS' */
  g_clear_pointer (&merged, trj_scenario_free);
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.5);
  g_assert_cmpfloat (line_rate (wb, id, "b"), ==, 0.5);
  g_assert_true (trj_workbook_redo (wb, &error));
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.45);

  /* A line moved to another département by the DDETS. */
  g_assert_true (trj_ddets_prepare (wb, id, "29", third, &error));
  ddets = trj_workbook_open (third, &error);
  g_assert_no_error (error);
  part_id = trj_workbook_get_current_scenario (ddets);
  g_assert_true (trj_workbook_set_line_text (ddets, part_id, "a", TRJ_LINE_FIELD_DEPARTEMENT, "35", &error));
  g_clear_object (&ddets);
  g_assert_false (trj_ddets_integrate (wb, id, third, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "La ligne « A » du fichier n’est pas du département 29 : une DDETS ne renvoie que ses propres lignes.");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.45);

  /* A hostile file: its département is no code; refused whole, named. */
  tamper (third, "UPDATE ddets_part SET departement = '2C'");
  g_assert_false (trj_ddets_integrate (wb, id, third, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "« ddets-29-c.trajectoire » est endommagé et ne peut pas être ouvert : dans la "
                              "table « ddets_part », 1, le champ « departement » n’est pas valide. La valeur n’est "
                              "pas du bon type. Le fichier n’a pas été modifié ; ouvrez une copie ou une sauvegarde.");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.45);

  /* Both sides make the same change, the other lines untouched: nothing to
   * update, add or remove. */
  g_assert_true (trj_ddets_prepare (wb, id, "29", fourth, &error));
  ddets = trj_workbook_open (fourth, &error);
  g_assert_no_error (error);
  part_id = trj_workbook_get_current_scenario (ddets);
  g_assert_true (trj_workbook_set_line_number (ddets, part_id, "a", TRJ_LINE_FIELD_RATE, 0.3, &error));
  g_clear_object (&ddets);
  g_assert_true (trj_workbook_set_line_number (wb, id, "a", TRJ_LINE_FIELD_RATE, 0.3, &error));
  trj_ddets_merge_clear (&merge);
  g_assert_true (trj_ddets_integrate (wb, id, fourth, &merge, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merge.updated, ==, 0);
  g_assert_cmpuint (merge.added, ==, 0);
  g_assert_cmpuint (merge.removed, ==, 0);
  g_assert_cmpuint (merge.conflicts->len, ==, 0);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.3);

  /* The region's record of the part tampered with (its base no text):
   * refused, the field named, nothing changed. */
  g_clear_object (&wb);
  tamper (path, "UPDATE ddets_share SET base = 42");
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (trj_ddets_integrate (wb, id, fourth, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "L’enregistrement du fichier préparé pour le département 29 est endommagé : le "
                              "document n’est pas un objet JSON");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.3);
  g_clear_object (&wb);
  /* The same, a blob: not even a text. */
  tamper (path, "UPDATE ddets_share SET base = X'00FF'");
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (trj_ddets_integrate (wb, id, fourth, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  plain = trj_test_plain_spaces (error->message);
  g_assert_cmpstr (plain, ==, "« region.trajectoire » est endommagé et ne peut pas être ouvert : dans la table "
                              "« ddets_share », 29, le champ « base » n’est pas valide. La valeur n’est pas du bon "
                              "type. Le fichier n’a pas été modifié ; ouvrez une copie ou une sauvegarde.");
  g_clear_pointer (&plain, g_free);
  g_clear_error (&error);
  g_assert_cmpfloat (line_rate (wb, id, "a"), ==, 0.3);
  g_clear_object (&wb);
  trj_test_remove_dir (dir);
}

/* Two lines that would read the same in the list (same label, envelope and
 * département, no label: the kind's title) are told apart by their id; a
 * line with a label of its own is not. */
static void
test_ddets_same_names (void)
{
  static const char json[] =
    "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
    "  \"zone\": \"metropole\","
    "  \"envelopes\": [ { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 1000000, \"cp_notified\": 1000000,"
    "    \"lines\": ["
    "    { \"id\": \"p1\", \"kind\": \"PEC\", \"departement\": \"29\", \"rate\": 0.5, \"weekly_hours\": 20,"
    "      \"duration_months\": 2, \"payment_lag_months\": 0, \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
    "    { \"id\": \"p2\", \"kind\": \"PEC\", \"departement\": \"29\", \"rate\": 0.5, \"weekly_hours\": 20,"
    "      \"duration_months\": 2, \"payment_lag_months\": 0, \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
    "    { \"id\": \"p3\", \"label\": \"Quimper\", \"kind\": \"PEC\", \"departement\": \"29\", \"rate\": 0.5,"
    "      \"weekly_hours\": 20, \"duration_months\": 2, \"payment_lag_months\": 0,"
    "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] } ] } ] }";
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "region.trajectoire", NULL);
  g_autofree char *part_path = g_build_filename (dir, "ddets-29.trajectoire", NULL);
  g_autoptr(TrjScenario) scenario = parse (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_autoptr(TrjWorkbook) ddets = NULL;
  g_auto(TrjDdetsMerge) refused = { 0 };
  const char *ids[] = { "p1", "p2", "p3" };
  gint64 id, part_id;

  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, scenario, "Répartition", &error);
  g_assert_no_error (error);
  g_assert_true (trj_ddets_prepare (wb, id, "29", part_path, &error));
  g_assert_no_error (error);
  ddets = trj_workbook_open (part_path, &error);
  g_assert_no_error (error);
  part_id = trj_workbook_get_current_scenario (ddets);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (trj_workbook_set_line_number (ddets, part_id, ids[i], TRJ_LINE_FIELD_RATE, 0.45, &error));
      g_assert_true (trj_workbook_set_line_number (wb, id, ids[i], TRJ_LINE_FIELD_RATE, 0.6, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&ddets);
  g_assert_false (trj_ddets_integrate (wb, id, part_path, &refused, &error));
  g_assert_cmpuint (refused.conflicts->len, ==, 3);
  g_assert_cmpstr (((TrjDdetsConflict *) refused.conflicts->pdata[0])->line, ==,
                   "«\u00a0PEC\u00a0», PEC et CIE tous publics, Finistère (29) (identifiant p1)");
  g_assert_cmpstr (((TrjDdetsConflict *) refused.conflicts->pdata[1])->line, ==,
                   "«\u00a0PEC\u00a0», PEC et CIE tous publics, Finistère (29) (identifiant p2)");
  g_assert_cmpstr (((TrjDdetsConflict *) refused.conflicts->pdata[2])->line, ==,
                   "«\u00a0Quimper\u00a0», PEC et CIE tous publics, Finistère (29)");
}

int
main (int argc, char *argv[])
{
  trj_i18n_init ();
  trj_format_install_in_engine ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hypotheses/engine", test_engine);
  g_test_add_func ("/hypotheses/json-round-trip", test_json_round_trip);
  g_test_add_func ("/hypotheses/store-undo", test_store_undo);
  g_test_add_func ("/hypotheses/programming-and-report", test_programming_and_report);
  g_test_add_func ("/allocations/engine", test_allocations_engine);
  g_test_add_func ("/allocations/json-store-undo", test_share_round_trip);
  g_test_add_func ("/caom/gap", test_caom_gap);
  g_test_add_func ("/caom/gap-json", test_caom_gap_json);
  g_test_add_func ("/caom/report", test_report_requests_caom);
  g_test_add_func ("/ddets/round-trip-conflict-undo", test_ddets_round_trip);
  g_test_add_func ("/ddets/refusals-and-merge", test_ddets_refusals);
  g_test_add_func ("/ddets/same-names", test_ddets_same_names);
  return g_test_run ();
}
