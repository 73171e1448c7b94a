/* test-programming.c — the programming file (xlsx) and the CSV exports and import
 *
 * Every exported number is compared with the engine's result by an independent
 * reader (tests/check-programming.py, openpyxl and Python's csv module); the
 * hand-computed case is checked here. Malformed inputs must be refused with a
 * French message that says what and where, and leave the scenario unchanged.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "trj-consolidation.h"
#include "trj-csv.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-programming.h"
#include "trj-workbook.h"
#include "trj-xlsx-reader.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static char *tmpdir;
static const char *cli_path;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static TrjScenario *
scenario_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *scenario = trj_json_scenario_from_data (json, -1, &error);

  g_assert_no_error (error);
  return scenario;
}

/* Bretagne 2024 with what a real programming has: départements, prescribers,
 * monthly and volume × profile entries, last year's entries (stock), a rate
 * out of range (alert), an IAE envelope, fungibility and demandes
 * complémentaires. */
static const char rich_json[] =
  "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
  "  \"zone\": \"metropole\","
  "  \"envelopes\": ["
  "   { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 6813468, \"cp_notified\": 3259524,"
  "     \"volume_notified\": 1236,"
  "     \"caom\": { \"29\": { \"contracts\": 60, \"profile\": [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0] } },"
  "     \"lines\": ["
  "     { \"id\": \"pec-29-ft\", \"label\": \"PEC Finistère France Travail\", \"kind\": \"PEC\","
  "       \"departement\": \"29\", \"prescriber\": \"France Travail\", \"rate\": 0.5,"
  "       \"weekly_hours\": 25, \"duration_months\": 9.9, \"cofinanced_share\": 0.15,"
  "       \"payment_lag_months\": 1,"
  "       \"entries\": [30, 35, 40, 45, 50, 40, 30, 20, 45, 50, 40, 25],"
  "       \"previous_entries\": [0, 0, 0, 0, 0, 0, 0, 0, 20, 20, 20, 20] },"
  "     { \"id\": \"pec-35\", \"label\": \"PEC Ille-et-Vilaine; \\\"missions locales\\\"\","
  "       \"kind\": \"PEC\", \"departement\": \"35\", \"rate\": 0.65, \"weekly_hours\": 20,"
  "       \"duration_months\": 12, \"payment_lag_months\": 2, \"volume\": 400,"
  "       \"exception_reason\": \"Public très éloigné de l’emploi\","
  "       \"profile\": [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2] } ] },"
  "   { \"id\": \"CIE_JEUNES\", \"ae_notified\": 2214318, \"cp_notified\": 938680,"
  "     \"volume_notified\": 520, \"lines\": ["
  "     { \"id\": \"cie-56\", \"label\": \"CIE jeunes Morbihan\", \"kind\": \"CIE_JEUNES\","
  "       \"departement\": \"56\", \"rate\": 0.35, \"weekly_hours\": 28.3,"
  "       \"duration_months\": 8.3, \"volume\": 520 } ] },"
  "   { \"id\": \"IAE\", \"ae_notified\": 30000000, \"cp_notified\": 30000000, \"lines\": ["
  "     { \"id\": \"aci-29\", \"label\": \"ACI Finistère\", \"kind\": \"ACI\", \"quantity\": 100 },"
  "     { \"id\": \"ei-35\", \"label\": \"EI Rennes\", \"kind\": \"EI\", \"departement\": \"35\","
  "       \"structure\": { \"name\": \"Bâtiment solidaire; Rennes\", \"siret\": \"44123456000015\" },"
  "       \"conventionne_previous\": 12.5, \"realise_previous\": 13, \"quantity\": 12.5,"
  "       \"commitment_month\": 4, \"payment_lag_months\": 1, \"rsa_recipients\": 2, \"rsa_months\": 6 },"
  "     { \"id\": \"cdi-56\", \"label\": \"CDI inclusion Lorient\", \"kind\": \"CDI_INCLUSION\","
  "       \"structure_kind\": \"EI\", \"quantity\": 4, \"second_year_quantity\": 2 } ] },"
  "   { \"id\": \"EA\", \"ae_notified\": 2000000, \"cp_notified\": 2000000, \"lines\": ["
  "     { \"id\": \"ea-mad\", \"label\": \"EA mise à disposition\", \"kind\": \"EA_MAD\", \"quantity\": 5 },"
  "     { \"id\": \"ea-socle\", \"label\": \"EA socle\", \"kind\": \"EA_SOCLE\", \"quantity\": 40,"
  "       \"unit_amount\": 18000 } ] },"
  "   { \"id\": \"GEIQ\", \"ae_notified\": 100000, \"cp_notified\": 100000,"
  "     \"demandes_complementaires\": { \"ae\": 30000, \"cp\": 15000, \"reason\": \"Nouveau GEIQ à Brest\" },"
  "     \"lines\": ["
  "     { \"id\": \"geiq-r\", \"label\": \"GEIQ renforcé\", \"kind\": \"GEIQ_RENFORCE\", \"quantity\": 20 } ] },"
  "   { \"id\": \"FDI\", \"ae_notified\": 0, \"cp_notified\": 0, \"lines\": ["
  "     { \"id\": \"fdi-brest\", \"label\": \"FDI Brest\", \"kind\": \"FREE\", \"ae_amount\": 50000,"
  "       \"commitment_month\": 6, \"cp_schedule\": [0, 0, 0, 0, 0, 10000, 0, 0, 10000, 0, 0, 0],"
  "       \"funded_from\": \"IAE\" } ] } ],"
  "  \"fungibility\": { \"cie_jeunes_to_pec_ae\": 200000, \"initiatives_territoriales_ae\": 50000,"
  "                     \"initiatives_territoriales_source\": \"IAE\","
  "                     \"demandes_complementaires\": 120000 } }";

/* Writes every export of a scenario with its engine result and scenario
 * documents, and runs the independent checker on them. */
static void
check_exports (const TrjScenario *scenario, const char *stem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = g_strdup_printf ("%s/%s.xlsx", tmpdir, stem);
  g_autofree char *lines = g_strdup_printf ("%s/%s-lignes.csv", tmpdir, stem);
  g_autofree char *trajectory = g_strdup_printf ("%s/%s-trajectoire.csv", tmpdir, stem);
  g_autofree char *post_aid = g_strdup_printf ("%s/%s-aides-au-poste.csv", tmpdir, stem);
  g_autofree char *scenario_path = g_strdup_printf ("%s/%s-scenario.json", tmpdir, stem);
  g_autofree char *result_path = g_strdup_printf ("%s/%s-result.json", tmpdir, stem);
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-programming.py", NULL);
  g_autoptr(TrjResult) result = trj_programming_compute (scenario, &error);
  g_autofree char *scenario_json = trj_json_scenario_to_data (scenario);
  g_autofree char *result_json = NULL;
  g_autofree char *out = NULL, *err = NULL;
  TrjProgrammingInfo info = { "Scénario de référence", NULL };
  int status;
  const char *argv[] = { "/usr/bin/python3", checker, "--scenario", scenario_path,
                         "--result", result_path, "--xlsx", xlsx, "--csv-lines", lines,
                         "--csv-trajectory", trajectory, "--csv-post-aid", post_aid, NULL };

  g_assert_no_error (error);
  result_json = trj_json_result_to_data (scenario, result);
  write_text (scenario_path, scenario_json);
  write_text (result_path, result_json);
  g_assert_true (trj_programming_write_xlsx (scenario, &info, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (trj_csv_export_lines (scenario, lines, &error));
  g_assert_no_error (error);
  g_assert_true (trj_csv_export_trajectory (scenario, trajectory, &error));
  g_assert_no_error (error);
  g_assert_true (trj_csv_export_post_aid (scenario, post_aid, &error));
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("check-programming.py:\n%s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_xlsx_example (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);
  g_autoptr(TrjScenario) scenario = NULL;

  g_assert_no_error (error);
  scenario = trj_year_data_example (data, "Bretagne", &error);
  g_assert_no_error (error);
  check_exports (scenario, "bretagne");
}

/* Issue 14: the Bretagne workbook with every envelope of the FIE filled
 * (docs/examples/bretagne-2024.json: contrats aidés, IAE by structure with
 * SIRET and last year's ETP, EA with amounts « à vérifier », GEIQ, an FDI line
 * funded from the IAE): the programming file, the three CSV files and the
 * consolidation carry every envelope, each with its unit. */
static void
test_bretagne_fie (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = g_build_filename (g_getenv ("TRAJECTOIRE_SRCDIR"), "docs", "examples",
                                               "bretagne-2024.json", NULL);
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_file (example, &error);
  g_autofree char *xlsx = g_strdup_printf ("%s/bretagne-fie.xlsx", tmpdir);
  g_autofree char *post_aid = g_strdup_printf ("%s/bretagne-fie-aides-au-poste.csv", tmpdir);
  g_autofree char *national = tmp_path ("bretagne-fie-national.xlsx");
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-programming.py", NULL);
  g_autoptr(TrjXlsxReader) reader = NULL;
  g_autoptr(TrjXlsxSheet) summary = NULL, lines = NULL, consolidated = NULL;
  g_autoptr(TrjConsolidation) consolidation = trj_consolidation_new ();
  g_autofree char *text = NULL;
  const char *ids[] = { "PEC_CIE_TP", "CIE_JEUNES", "IAE", "EA", "GEIQ", "FDI" };
  const char *headings[] = { "PEC et CIE tous publics (contrats)", "CIE jeunes (contrats)",
                             "Insertion par l’activité économique (ETP)", "Entreprises adaptées (ETP)",
                             "GEIQ (aides)", "Fonds de développement de l’inclusion" };
  gboolean structure_seen = FALSE;
  int status;

  g_assert_no_error (error);
  g_assert_cmpuint (scenario->envelopes->len, ==, G_N_ELEMENTS (ids));
  for (guint e = 0; e < G_N_ELEMENTS (ids); e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      g_assert_cmpstr (env->id, ==, ids[e]);
      g_assert_cmpuint (env->lines->len, >, 0);
    }
  check_exports (scenario, "bretagne-fie");

  /* Synthèse: one column per envelope, headed with its unit. */
  reader = trj_xlsx_reader_open (xlsx, &error);
  g_assert_no_error (error);
  summary = trj_xlsx_reader_read_sheet (reader, "Synthèse", &error);
  g_assert_no_error (error);
  for (guint e = 0; e < G_N_ELEMENTS (ids); e++)
    g_assert_cmpstr (trj_xlsx_sheet_cell (summary, 9, 1 + e), ==, headings[e]);
  /* Lignes: the structures of the IAE lines (column « Structure »). */
  lines = trj_xlsx_reader_read_sheet (reader, "Lignes", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_xlsx_sheet_cell (lines, 0, 22), ==, "Structure");
  for (guint r = 1; trj_xlsx_sheet_cell (lines, r, 1) != NULL; r++)
    structure_seen |= g_strcmp0 (trj_xlsx_sheet_cell (lines, r, 22), "Jardins de Cocagne de Quimper") == 0;
  g_assert_true (structure_seen);

  /* The post-aid file: every IAE, EA, GEIQ and FDI line, with its structure. */
  g_file_get_contents (post_aid, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\r\nIAE;aci-29-jardins;ACI Jardins de Cocagne Quimper;ACI;ETP;29;"
                                  "Jardins de Cocagne de Quimper;44012345000015;"));
  g_assert_nonnull (strstr (text, "\r\nGEIQ;geiq-btp-35;"));
  g_assert_nonnull (strstr (text, "\r\nFDI;fdi-mobilite;"));
  g_assert_nonnull (strstr (text, "arrêté du 29 décembre 2023"));   /* EA MAD « à vérifier » */

  /* The consolidation: a block per envelope, named with its unit. */
  g_assert_true (trj_consolidation_add (consolidation, "bretagne-2024.json", scenario, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (trj_consolidation_write_xlsx (consolidation, national, &error));
  g_assert_no_error (error);
  g_clear_pointer (&reader, trj_xlsx_reader_free);
  reader = trj_xlsx_reader_open (national, &error);
  g_assert_no_error (error);
  consolidated = trj_xlsx_reader_read_sheet (reader, trj_xlsx_reader_sheet_names (reader)[0], &error);
  g_assert_no_error (error);
  for (guint e = 0; e < G_N_ELEMENTS (ids); e++)
    {
      gboolean found = FALSE;

      for (guint r = 0; r < 200; r++)
        found |= g_strcmp0 (trj_xlsx_sheet_cell (consolidated, r, 0), headings[e]) == 0;
      if (!found)
        g_error ("no block « %s » in the consolidation", headings[e]);
    }
  {
    const char *argv[] = { "/usr/bin/python3", checker, "--consolidation", national,
                           "--expect-regions", "1", NULL };
    g_autofree char *err = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_test_message ("%s", err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

static void
test_xlsx_rich (void)
{
  g_autoptr(TrjScenario) scenario = scenario_from_json (rich_json);

  check_exports (scenario, "riche");
}

/* Issue 16, by hand. The CAOM of the Finistère: 60 contracts over January–June,
 * 10 a month; pec-29-ft cofinances 15 % of 30, 35, 40, 45, 50, 40 = 4,5, 5,25,
 * 6, 6,75, 7,5, 6: gaps −5,5, −4,75, −4, −3,25, −2,5, −4, cumulated to −24 in
 * June, the largest (then +4,5, +3, +6,75, +7,5, +6, +3,75: +7,5 in December).
 * pec-35 at 65 % (range 30–60 %) with a justification: one exceptional request. */
static void
test_xlsx_caom_exceptions (void)
{
  g_autoptr(TrjScenario) scenario = scenario_from_json (rich_json);
  g_autofree char *xlsx = g_strdup_printf ("%s/caom.xlsx", tmpdir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjXlsxReader) reader = NULL;
  g_autoptr(TrjXlsxSheet) caom = NULL;
  g_autoptr(TrjXlsxSheet) requests = NULL;

  g_assert_true (trj_programming_write_xlsx (scenario, NULL, xlsx, &error));
  g_assert_no_error (error);
  reader = trj_xlsx_reader_open (xlsx, &error);
  g_assert_no_error (error);
  caom = trj_xlsx_reader_read_sheet (reader, "CAOM", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_xlsx_sheet_cell (caom, 1, 1), ==, "29");
  g_assert_cmpstr (trj_xlsx_sheet_cell (caom, 1, 3), ==, "10");
  g_assert_cmpstr (trj_xlsx_sheet_cell (caom, 1, 9), ==, "0");
  g_assert_cmpstr (trj_xlsx_sheet_cell (caom, 2, 4), ==, "5.25");
  g_assert_cmpstr (trj_xlsx_sheet_cell (caom, 4, 16), ==, "juin");
  g_assert_cmpstr (trj_xlsx_sheet_cell (caom, 4, 17), ==, "-24");
  g_assert_null (trj_xlsx_sheet_cell (caom, 5, 1));

  requests = trj_xlsx_reader_read_sheet (reader, "Demandes exceptionnelles", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_xlsx_sheet_cell (requests, 1, 1), ==, "pec-35");
  g_assert_cmpstr (trj_xlsx_sheet_cell (requests, 1, 3), ==, "35");
  g_assert_cmpstr (trj_xlsx_sheet_cell (requests, 1, 5), ==, "Taux de prise en charge");
  g_assert_cmpstr (trj_xlsx_sheet_cell (requests, 1, 6), ==, "0.65");
  g_assert_cmpstr (trj_xlsx_sheet_cell (requests, 1, 7), ==, "0.3");
  g_assert_cmpstr (trj_xlsx_sheet_cell (requests, 1, 8), ==, "0.6");
  g_assert_cmpstr (trj_xlsx_sheet_cell (requests, 1, 9), ==, "Public très éloigné de l’emploi");
  g_assert_null (trj_xlsx_sheet_cell (requests, 2, 1));
}

/* Envelopes without lines: totals are plain zeros, not SUMs of their own cell. */
static void
test_xlsx_no_lines (void)
{
  g_autoptr(TrjScenario) scenario = scenario_from_json (
    "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Corse\","
    "  \"zone\": \"metropole\", \"envelopes\": [ { \"id\": \"PEC_CIE_TP\","
    "  \"ae_notified\": 1308595, \"cp_notified\": 626024, \"volume_notified\": 237,"
    "  \"lines\": [] } ] }");

  check_exports (scenario, "vide");
}

/* One PEC line, 10 contracts in January 2024, 50 % of the SMIC (11,65 €),
 * 20 h a week, one month, no cofinancing, paid the same month:
 * 10 × 0,5 × 11,65 × 20 × 52/12 = 5 048,333… € of AE and of CP in January. */
static void
test_xlsx_hand_computed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = scenario_from_json (
    "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
    "  \"zone\": \"metropole\", \"envelopes\": [ { \"id\": \"PEC_CIE_TP\","
    "  \"ae_notified\": 10000, \"cp_notified\": 10000, \"volume_notified\": 10, \"lines\": ["
    "  { \"id\": \"un\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 20,"
    "    \"duration_months\": 1, \"payment_lag_months\": 0,"
    "    \"entries\": [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } ] } ] }");
  g_autofree char *path = tmp_path ("main.xlsx");
  g_autoptr(TrjXlsxReader) reader = NULL;
  g_autoptr(TrjXlsxSheet) lines = NULL;
  g_autoptr(TrjXlsxSheet) trajectory = NULL;
  g_autoptr(TrjXlsxSheet) summary = NULL;
  const double ae = 10 * 0.5 * 11.65 * 20 * 52.0 / 12.0;

  g_assert_true (trj_programming_write_xlsx (scenario, NULL, path, &error));
  g_assert_no_error (error);
  reader = trj_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_xlsx_reader_sheet_names (reader)[0], ==, "Synthèse");
  g_assert_cmpstr (trj_xlsx_reader_sheet_names (reader)[2], ==, "Lignes");

  lines = trj_xlsx_reader_read_sheet (reader, "Lignes", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_xlsx_sheet_cell (lines, 0, 17), ==, "AE");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (trj_xlsx_sheet_cell (lines, 1, 17), NULL), ae, 1e-6);
  g_assert_cmpfloat_with_epsilon (ae, 5048.3333333, 1e-6);
  /* The total row holds a formula whose cached value is the same figure. */
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (trj_xlsx_sheet_cell (lines, 2, 17), NULL), ae, 1e-6);

  trajectory = trj_xlsx_reader_read_sheet (reader, "Trajectoire", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_xlsx_sheet_cell (trajectory, 2, 0), ==, "janvier 2024");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (trj_xlsx_sheet_cell (trajectory, 2, 3), NULL), ae, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (trj_xlsx_sheet_cell (trajectory, 3, 3), NULL), 0, 1e-9);

  /* Margin: 10 000 − 5 048,33 = 4 951,67 €. */
  summary = trj_xlsx_reader_read_sheet (reader, "Synthèse", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_xlsx_sheet_cell (summary, 2, 1), ==, "Bretagne");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (trj_xlsx_sheet_cell (summary, 20, 1), NULL),
                                  10000 - ae, 1e-6);
}

static void
test_xlsx_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = scenario_from_json (rich_json);
  g_autoptr(TrjScenario) back = NULL;
  g_autofree char *path = tmp_path ("aller-retour.xlsx");
  g_autofree char *name = NULL;
  g_autofree char *before = trj_json_scenario_to_data (scenario);
  g_autofree char *after = NULL;
  TrjProgrammingInfo info = { "Hypothèse « haute »", NULL };

  g_assert_true (trj_programming_write_xlsx (scenario, &info, path, &error));
  g_assert_no_error (error);
  back = trj_programming_read_xlsx (path, &name, &error);
  g_assert_no_error (error);
  after = trj_json_scenario_to_data (back);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (name, ==, "Hypothèse « haute »");
}


/* A validator opens the file in LibreOffice Calc and saves it: Trajectoire
 * still reads it back exactly (custom property and hidden sheet survive).
 * Skipped where LibreOffice is not installed. */
static void
test_xlsx_libreoffice_resave (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = scenario_from_json (rich_json);
  g_autoptr(TrjScenario) back = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *path = tmp_path ("avant-calc.xlsx");
  g_autofree char *outdir = tmp_path ("calc");
  g_autofree char *resaved = g_build_filename (outdir, "avant-calc.xlsx", NULL);
  g_autofree char *profile = NULL, *before = NULL, *after = NULL, *name = NULL;
  g_autofree char *profile_dir = tmp_path ("calc-profile");
  TrjProgrammingInfo info = { "Validée", NULL };
  int status;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  profile = g_strconcat ("-env:UserInstallation=file://", profile_dir, NULL);
  g_assert_true (trj_programming_write_xlsx (scenario, &info, path, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { soffice, "--headless", profile, "--convert-to",
                           "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, path, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_file_test (resaved, G_FILE_TEST_EXISTS));

  back = trj_programming_read_xlsx (resaved, &name, &error);
  g_assert_no_error (error);
  before = trj_json_scenario_to_data (scenario);
  after = trj_json_scenario_to_data (back);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (name, ==, "Validée");
  g_unlink (resaved);
  g_rmdir (outdir);
  {
    /* LibreOffice's profile is a tree of folders. */
    const char *rm[] = { "/bin/rm", "-rf", profile_dir, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

/* Every formula of the programming file, recalculated by LibreOffice Calc,
 * gives the engine's figure: what a validator who edits a cell in Calc sees.
 * A margin formula reversed in a copy must be caught (Calc did recalculate). */
static void
test_xlsx_calc_recalculated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = scenario_from_json (rich_json);
  g_autofree char *path = tmp_path ("recalcul.xlsx");
  g_autofree char *workdir = tmp_path ("recalcul");
  TrjProgrammingInfo info = { "Scénario de référence", NULL };

  g_assert_true (trj_programming_write_xlsx (scenario, &info, path, &error));
  g_assert_no_error (error);
  trj_test_check_recalc (path, workdir, TRUE);
}

/* A large programming: the scenario document spans many cells of the hidden
 * sheet (30 000 bytes each), cut between UTF-8 characters. */
static void
test_xlsx_large_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = scenario_from_json (rich_json);
  g_autoptr(TrjScenario) back = NULL;
  g_autofree char *path = tmp_path ("grande.xlsx");
  g_autofree char *before = NULL, *after = NULL;
  TrjEnvelope *pec = trj_scenario_find_envelope (scenario, "PEC_CIE_TP");
  const TrjLine *model = g_ptr_array_index (pec->lines, 0);

  for (guint i = 0; i < 400; i++)
    {
      TrjLine *line = trj_line_copy (model);

      g_free (line->id);
      g_free (line->label);
      line->id = g_strdup_printf ("grande-%u", i);
      line->label = g_strdup_printf ("PEC Finistère — Brest, Quimper, Morlaix, Châteaulin n°%u", i);
      line->rate = 0.3 + 0.001 * i;
      g_ptr_array_add (pec->lines, line);
    }
  before = trj_json_scenario_to_data (scenario);
  g_assert_cmpuint (strlen (before), >, 4 * 30000);

  g_assert_true (trj_programming_write_xlsx (scenario, NULL, path, &error));
  g_assert_no_error (error);
  back = trj_programming_read_xlsx (path, NULL, &error);
  g_assert_no_error (error);
  after = trj_json_scenario_to_data (back);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_refused (const char *path, const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_programming_read_xlsx (path, NULL, &error);
  g_autofree char *message = NULL;

  g_assert_null (scenario);
  g_assert_nonnull (error);
  message = trj_test_plain_spaces (error->message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, expected));
}

static void
test_xlsx_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = scenario_from_json (rich_json);
  g_autofree char *good = tmp_path ("bon.xlsx");
  g_autofree char *truncated = tmp_path ("tronqué.xlsx");
  g_autofree char *foreign = tmp_path ("autre.xlsx");
  g_autofree char *text = tmp_path ("texte.xlsx");
  g_autofree char *huge = tmp_path ("énorme.xlsx");
  g_autofree char *contents = NULL;
  g_autofree char *big = NULL;
  gsize length;
  int status;
  const char *make_foreign[] = {
    "/usr/bin/python3", "-c",
    "import openpyxl, sys\n"
    "wb = openpyxl.Workbook()\n"
    "wb.active['A1'] = 'Programmation 2024'\n"
    "wb.active['B2'] = 1234.5\n"
    "wb.save(sys.argv[1])\n",
    foreign, NULL
  };

  g_assert_true (trj_programming_write_xlsx (scenario, NULL, good, &error));
  g_assert_no_error (error);

  /* A download cut in the middle loses the zip directory. */
  g_file_get_contents (good, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (truncated, contents, length / 2, &error);
  g_assert_no_error (error);
  assert_refused (truncated, "« tronqué.xlsx » n’est pas un fichier xlsx lisible : il est tronqué");

  g_spawn_sync (NULL, (char **) make_foreign, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_refused (foreign, "« autre.xlsx » n’est pas un fichier de programmation de Trajectoire");

  write_text (text, "enveloppe;type\nPEC_CIE_TP;PEC\n");
  assert_refused (text, "il est tronqué ou ce n’est pas un tableur");

  big = g_malloc0 (11 * 1024 * 1024);
  g_file_set_contents (huge, big, 11 * 1024 * 1024, &error);
  g_assert_no_error (error);
  assert_refused (huge, "est trop volumineux");
}

/* ── CSV ───────────────────────────────────────────────────────────────── */

/* The rich scenario: the lines CSV carries its contract lines, and leaves the
 * post-aid and free lines to FILE-aides-au-poste.csv. */
static TrjScenario *
contract_scenario (void)
{
  return scenario_from_json (rich_json);
}

static TrjScenario *
without_lines (const TrjScenario *scenario)
{
  TrjScenario *empty = trj_scenario_copy (scenario);

  for (guint e = 0; e < empty->envelopes->len; e++)
    g_ptr_array_set_size (((TrjEnvelope *) g_ptr_array_index (empty->envelopes, e))->lines, 0);
  return empty;
}

static void
test_csv_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = contract_scenario ();
  g_autoptr(TrjScenario) target = without_lines (scenario);
  g_autoptr(TrjCsvImport) import = NULL;
  g_autofree char *first = tmp_path ("export-1.csv");
  g_autofree char *second = tmp_path ("export-2.csv");
  g_autofree char *first_text = NULL, *second_text = NULL, *described = NULL, *message = NULL;
  TrjLine *line;

  /* MODEL 2.8's fields: publics and renewals on one line, a justification
   * with the separator, quotes and a line break on the other. */
  line = trj_scenario_find_line (scenario, "pec-29-ft", NULL);
  line->has_public[TRJ_PUBLIC_QPV] = line->has_public[TRJ_PUBLIC_ESSMS] = TRUE;
  line->publics[TRJ_PUBLIC_QPV] = 0.3;
  line->publics[TRJ_PUBLIC_ESSMS] = 0.225;
  line->has_renewal_share = TRUE;
  line->renewal_share = 0.1;
  line = trj_scenario_find_line (scenario, "pec-35", NULL);
  g_free (line->exception_reason);
  line->exception_reason = g_strdup ("Public très éloigné; « \"sortants\" »\nde prison");

  g_assert_true (trj_csv_export_lines (scenario, first, &error));
  g_assert_no_error (error);
  import = trj_csv_import_lines (first, target, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import->separator, ==, ';');
  g_assert_cmpint (import->decimal, ==, ',');
  described = trj_csv_import_describe (import);
  g_clear_pointer (&message, g_free);
  message = trj_test_plain_spaces (described);
  g_assert_cmpstr (message, ==, "Séparateur « ; », virgule décimale, UTF-8 : 3 lignes");
  g_assert_true (trj_csv_import_apply (import, target, &error));
  g_assert_no_error (error);

  /* Last year's entries (the stock) come back too. */
  line = trj_scenario_find_line (target, "pec-29-ft", NULL);
  g_assert_true (line->has_previous_entries);
  g_assert_cmpfloat (line->previous_entries[8], ==, 20);
  g_assert_cmpfloat (line->previous_entries[7], ==, 0);
  g_assert_true (line->has_public[TRJ_PUBLIC_QPV]);
  g_assert_cmpfloat (line->publics[TRJ_PUBLIC_QPV], ==, 0.3);
  g_assert_false (line->has_public[TRJ_PUBLIC_ZRR]);
  g_assert_true (line->has_public[TRJ_PUBLIC_ESSMS]);
  g_assert_cmpfloat (line->publics[TRJ_PUBLIC_ESSMS], ==, 0.225);
  g_assert_false (line->has_public[TRJ_PUBLIC_SENIORS]);
  g_assert_true (line->has_renewal_share);
  g_assert_cmpfloat (line->renewal_share, ==, 0.1);
  g_assert_null (line->exception_reason);

  line = trj_scenario_find_line (target, "pec-35", NULL);
  g_assert_false (line->has_previous_entries);
  g_assert_nonnull (line);
  g_assert_cmpstr (line->label, ==, "PEC Ille-et-Vilaine; \"missions locales\"");
  g_assert_cmpstr (line->departement, ==, "35");
  g_assert_cmpstr (line->exception_reason, ==, "Public très éloigné; « \"sortants\" »\nde prison");
  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    g_assert_false (line->has_public[p]);
  g_assert_false (line->has_renewal_share);
  g_assert_cmpfloat (line->rate, ==, 0.65);
  g_assert_cmpint (line->payment_lag_months, ==, 2);
  g_assert_cmpfloat_with_epsilon (line->entries[0], 400.0 * 2 / 14, 1e-9);

  /* Export → import → export gives the same file, computed figures included. */
  g_assert_true (trj_csv_export_lines (target, second, &error));
  g_assert_no_error (error);
  g_file_get_contents (first, &first_text, NULL, &error);
  g_file_get_contents (second, &second_text, NULL, &error);
  g_assert_cmpstr (second_text, ==, first_text);
}

static void
test_csv_comma_point (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = contract_scenario ();
  g_autoptr(TrjScenario) target = without_lines (scenario);
  g_autoptr(TrjCsvImport) import = NULL;
  g_autofree char *path = tmp_path ("virgules.csv");
  g_autofree char *described = NULL;
  g_autofree char *message = NULL;
  const TrjCsvLine *pec, *cie;

  write_text (path,
              "Type,Département,Taux,Heures,Durée,Volume,Libellé\r\n"
              "PEC,29,50,25,9.9,120,\"PEC Finistère, Brest\"\r\n"
              "CIE jeunes,1,0.35,28.3,8.3,60,\r\n");
  /* "1" (Ain) is not in Bretagne: refused with the département as typed. */
  import = trj_csv_import_lines (path, target, &error);
  g_assert_null (import);
  message = trj_test_plain_spaces (error->message);
  g_assert_nonnull (strstr (message, "ligne 3, colonne département : « 1 » n’est pas un département de Bretagne"));
  g_clear_error (&error);

  write_text (path,
              "Type,Département,Taux,Heures,Durée,Volume,Libellé\r\n"
              "PEC,29,50,25,9.9,120,\"PEC Finistère, Brest\"\r\n"
              "CIE jeunes,56,0.35,28.3,8.3,60,\r\n"
              ",,,,,,\r\n");
  import = trj_csv_import_lines (path, target, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import->separator, ==, ',');
  g_assert_cmpint (import->decimal, ==, '.');
  described = trj_csv_import_describe (import);
  g_clear_pointer (&message, g_free);
  message = trj_test_plain_spaces (described);
  g_assert_cmpstr (message, ==, "Séparateur « , », décimale point, UTF-8 : 2 lignes");

  pec = g_ptr_array_index (import->lines, 0);
  cie = g_ptr_array_index (import->lines, 1);
  g_assert_cmpstr (pec->envelope_id, ==, "PEC_CIE_TP");
  g_assert_cmpstr (pec->line->label, ==, "PEC Finistère, Brest");
  g_assert_cmpfloat (pec->line->rate, ==, 0.5);             /* "50" is a percentage */
  g_assert_cmpfloat (pec->line->duration_months, ==, 9.9);
  g_assert_cmpfloat (pec->line->entries[5], ==, 10);        /* 120 spread evenly */
  g_assert_cmpfloat (pec->line->cofinanced_share, ==, 0);   /* default */
  g_assert_cmpint (pec->line->payment_lag_months, ==, 1);   /* default */
  g_assert_cmpstr (cie->envelope_id, ==, "CIE_JEUNES");
  g_assert_cmpint (cie->line->kind, ==, TRJ_KIND_CIE_JEUNES);
  g_assert_cmpfloat (cie->line->rate, ==, 0.35);
  g_assert_cmpstr (cie->line->label, ==, "CIE_JEUNES Morbihan");
}

/* Import of a bad file: refused, each expected text in the message, and the
 * scenario untouched. */
static void
assert_csv_refused (const char *path, const char *const *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = contract_scenario ();
  g_autofree char *before = trj_json_scenario_to_data (scenario);
  g_autofree char *after = NULL;
  g_autofree char *message = NULL;
  g_autoptr(TrjCsvImport) import = trj_csv_import_lines (path, scenario, &error);

  g_assert_null (import);
  g_assert_nonnull (error);
  message = trj_test_plain_spaces (error->message);
  g_test_message ("%s", message);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      if (strstr (message, expected[i]) == NULL)
        g_error ("“%s” not in “%s”", expected[i], message);
    }
  after = trj_json_scenario_to_data (scenario);
  g_assert_cmpstr (after, ==, before);
}

static void
test_csv_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = tmp_path ("erreurs.csv");
  g_autofree char *empty = tmp_path ("vide.csv");
  g_autofree char *blank = tmp_path ("blanc.csv");
  g_autofree char *huge = tmp_path ("50-mo.csv");
  g_autofree char *missing = tmp_path ("incomplet.csv");
  g_autoptr(GString) big = g_string_sized_new (50 * 1024 * 1024 + 100);
  const char *const errors_expected[] = {
    "« erreurs.csv » n’a pas été importé : 5 erreurs.",
    "ligne 2, colonne taux : « 5O » n’est pas un nombre",
    "ligne 3, colonne département : « 99 » n’est pas un département de Bretagne",
    "ligne 4 : 5 colonnes alors que l’en-tête en a 6",
    "ligne 5, colonne heures : « 40 » est hors limites : il faut plus de 0 et au plus 35",
    "ligne 6, colonne type : « EI » n’est pas un type de contrat (PEC, CIE_JEUNES, CIE_TP)",
    NULL
  };
  const char *const empty_expected[] = { "« vide.csv » est vide", NULL };
  const char *const blank_expected[] = { "« blanc.csv » est vide", NULL };
  const char *const huge_expected[] = { "« 50-mo.csv » est trop volumineux (50,0 Mo)", "10 Mo", NULL };
  const char *const missing_expected[] = { "« incomplet.csv », ligne 1 : la colonne « durée » manque", NULL };

  write_text (errors,
              "\xEF\xBB\xBFtype;département;taux;heures;durée;volume\r\n"
              "PEC;29;5O;25;9,9;100\r\n"
              "PEC;99;0,5;25;9,9;100\r\n"
              "PEC;29;0,5;25;9,9\r\n"
              "PEC;35;0,5;40;9,9;100\r\n"
              "EI;35;0,5;20;9,9;100\r\n");
  assert_csv_refused (errors, errors_expected);

  /* MODEL 2.8's columns, bounded by the catalogue (0–100 %, 1 000 characters):
   * every error named, nothing imported, even the good row 2. */
  {
    g_autofree char *path = tmp_path ("publics.csv");
    g_autofree char *long_reason = g_strnfill (1001, 'x');
    g_autofree char *text = g_strdup_printf (
      "type;taux;heures;durée;volume;part QPV;part ZRR;part renouvellements;justification\r\n"
      "PEC;0,5;25;9,9;100;30 %%;0,15;0,1;Public éloigné\r\n"
      "PEC;0,5;25;9,9;100;150;;;\r\n"
      "PEC;0,5;25;9,9;100;;-0,1;;\r\n"
      "PEC;0,5;25;9,9;100;;;0,3x;\r\n"
      "PEC;0,5;25;9,9;100;;;;%s\r\n"
      "PEC;0,5;25;9,9;100;;;;\"sonné\a\"\r\n", long_reason);
    const char *const expected[] = {
      "« publics.csv » n’a pas été importé : 5 erreurs.",
      "ligne 3, colonne part QPV : « 150 » est hors limites : il faut une valeur entre 0 % et 100 %",
      "ligne 4, colonne part ZRR : « -0,1 » est hors limites : il faut une valeur entre 0 % et 100 %",
      "ligne 5, colonne part renouvellements : « 0,3x » n’est pas un nombre",
      "ligne 6, colonne justification : une justification compte au plus 1000 caractères",
      "ligne 7, colonne justification : une justification ne contient aucun caractère de contrôle",
      NULL
    };

    write_text (path, text);
    assert_csv_refused (path, expected);
  }

  write_text (empty, "");
  assert_csv_refused (empty, empty_expected);
  write_text (blank, "\xEF\xBB\xBF\r\n  \r\n");
  assert_csv_refused (blank, blank_expected);

  write_text (missing, "type;taux;heures;volume\r\nPEC;0,5;25;100\r\n");
  assert_csv_refused (missing, missing_expected);

  /* 50 MB of valid-looking lines: refused before being read. */
  g_string_append (big, "type;taux;heures;durée;volume\r\n");
  while (big->len < 50 * 1024 * 1024)
    g_string_append (big, "PEC;0,5;25;9,9;100\r\n");
  g_string_truncate (big, 50 * 1024 * 1024);
  g_file_set_contents (huge, big->str, big->len, &error);
  g_assert_no_error (error);
  assert_csv_refused (huge, huge_expected);
}

/* The rows of a CSV export without quoted fields: BOM, header, then rows of
 * fields split on « ; ». */
static GPtrArray *
read_csv_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text + 3, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_ptr_array_add (rows, g_strsplit (lines[i], ";", -1));
  return rows;
}

static const char *
csv_cell (GPtrArray *rows, guint row, const char *column)
{
  char **header = g_ptr_array_index (rows, 0);
  char **fields = g_ptr_array_index (rows, row);

  g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (header));
  for (guint c = 0; header[c] != NULL; c++)
    if (g_str_equal (header[c], column))
      return fields[c];
  g_error ("no column “%s”", column);
}

static double
csv_number_cell (GPtrArray *rows, guint row, const char *column)
{
  g_autofree char *text = g_strdup (csv_cell (rows, row, column));

  g_assert_cmpstr (text, !=, "");
  g_assert_null (strchr (text, '.'));   /* a decimal comma */
  g_strdelimit (text, ",", '.');
  return g_ascii_strtod (text, NULL);
}

/* FILE-aides-au-poste.csv by hand (MODEL 3, Bretagne 2024, métropole):
 *  - ACI « Chantier », 10 ETP × 23 458 € committed in March, lag 1, μ 5 %:
 *    socle 234 580 €, modulated 11 729 €, AE 246 309 € (24 630,90 € per ETP);
 *    19 548,33 € due each month, January to March paid together in April
 *    (58 645 €), April to November in May to December, December's in Y+1:
 *    CP 11 × 19 548,33 = 215 031,67 €, reste à payer 19 548,33 + 11 729 =
 *    31 277,33 €;
 *  - GEIQ renforcé, 20 aids × 1 400 €, μ 0, January, lag 0: AE = CP = 28 000 €,
 *    2 333,33 € a month;
 *  - EA MAD, 5 ETP × 4 760 € (« à vérifier », its source in the column):
 *    23 800 €;
 *  - FDI, 50 000 € of AE in June funded from IAE, CP 10 000 € in June and in
 *    September: CP 20 000 €, reste à payer 30 000 €.
 * FILE.csv keeps the contract line alone. */
static void
test_csv_post_aid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = scenario_from_json (
    "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
    "  \"zone\": \"metropole\", \"envelopes\": ["
    "   { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 100000, \"cp_notified\": 100000, \"lines\": ["
    "     { \"id\": \"pec\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 20,"
    "       \"duration_months\": 10, \"volume\": 12 } ] },"
    "   { \"id\": \"IAE\", \"ae_notified\": 1000000, \"cp_notified\": 1000000, \"lines\": ["
    "     { \"id\": \"aci\", \"label\": \"ACI Brest\", \"kind\": \"ACI\", \"departement\": \"29\","
    "       \"structure\": { \"name\": \"Chantier\", \"siret\": \"44123456000015\" },"
    "       \"conventionne_previous\": 10, \"realise_previous\": 10, \"quantity\": 10,"
    "       \"commitment_month\": 3, \"payment_lag_months\": 1 } ] },"
    "   { \"id\": \"EA\", \"ae_notified\": 100000, \"cp_notified\": 100000, \"lines\": ["
    "     { \"id\": \"mad\", \"kind\": \"EA_MAD\", \"quantity\": 5 } ] },"
    "   { \"id\": \"GEIQ\", \"ae_notified\": 100000, \"cp_notified\": 100000, \"lines\": ["
    "     { \"id\": \"geiq\", \"kind\": \"GEIQ_RENFORCE\", \"quantity\": 20 } ] },"
    "   { \"id\": \"FDI\", \"ae_notified\": 0, \"cp_notified\": 0, \"lines\": ["
    "     { \"id\": \"fdi\", \"kind\": \"FREE\", \"ae_amount\": 50000, \"commitment_month\": 6,"
    "       \"cp_schedule\": [0, 0, 0, 0, 0, 10000, 0, 0, 10000, 0, 0, 0],"
    "       \"funded_from\": \"IAE\" } ] } ] }");
  g_autofree char *path = tmp_path ("hand-aides-au-poste.csv");
  g_autofree char *lines_path = tmp_path ("hand-lignes.csv");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);
  const double due = 234580.0 / 12;

  g_assert_no_error (error);
  g_assert_true (trj_csv_export_post_aid (scenario, path, &error));
  g_assert_no_error (error);
  rows = read_csv_rows (path);
  g_assert_cmpuint (rows->len, ==, 5);   /* header, ACI, EA MAD, GEIQ, FDI */
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, 0)), ==, 30 + TRJ_MONTHS + 1);   /* … CP déc, note */

  /* ACI */
  g_assert_cmpstr (csv_cell (rows, 1, "enveloppe"), ==, "IAE");
  g_assert_cmpstr (csv_cell (rows, 1, "type"), ==, "ACI");
  g_assert_cmpstr (csv_cell (rows, 1, "unité"), ==, "ETP");
  g_assert_cmpstr (csv_cell (rows, 1, "département"), ==, "29");
  g_assert_cmpstr (csv_cell (rows, 1, "structure"), ==, "Chantier");
  g_assert_cmpstr (csv_cell (rows, 1, "SIRET"), ==, "44123456000015");
  g_assert_cmpstr (csv_cell (rows, 1, "milieu pénitentiaire"), ==, "non");
  g_assert_cmpstr (csv_cell (rows, 1, "montant unitaire à vérifier"), ==, "");
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "conventionné N-1"), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "quantité"), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "montant unitaire"), 23458, 1e-9);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "part modulée"), 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "mois de la part modulée"), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "mois d'engagement"), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "décalage"), 1, 1e-9);
  g_assert_cmpstr (csv_cell (rows, 1, "ETP 2e année"), ==, "");
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "AE"), 246309, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "AE par unité"), 24630.9, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "CP"), 11 * due, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "reste à payer"), due + 11729, 1e-6);
  g_assert_cmpstr (csv_cell (rows, 1, "CP janv"), ==, "0");
  g_assert_cmpstr (csv_cell (rows, 1, "CP mars"), ==, "0");
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "CP avr"), 58645, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "CP mai"), due, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 1, "CP déc"), due, 1e-6);

  /* EA MAD: the year's amount, which the circular does not print */
  g_assert_cmpstr (csv_cell (rows, 2, "unité"), ==, "ETP");
  g_assert_cmpstr (csv_cell (rows, 2, "structure"), ==, "");
  g_assert_cmpstr (csv_cell (rows, 2, "milieu pénitentiaire"), ==, "");
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 2, "montant unitaire"), 4760, 1e-9);
  g_assert_cmpstr (csv_cell (rows, 2, "montant unitaire à vérifier"), ==,
                   trj_year_data_to_verify (data, TRJ_KIND_EA_MAD, TRJ_ZONE_METROPOLE));
  g_assert_cmpstr (csv_cell (rows, 2, "montant unitaire à vérifier"), !=, "");
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 2, "part modulée"), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 2, "AE"), 23800, 1e-6);

  /* GEIQ */
  g_assert_cmpstr (csv_cell (rows, 3, "unité"), ==, "aides");
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 3, "AE"), 28000, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 3, "AE par unité"), 1400, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 3, "CP"), 28000, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 3, "CP juil"), 28000.0 / 12, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 3, "reste à payer"), 0, 1e-6);

  /* FDI */
  g_assert_cmpstr (csv_cell (rows, 4, "enveloppe"), ==, "FDI");
  g_assert_cmpstr (csv_cell (rows, 4, "type"), ==, "FREE");
  g_assert_cmpstr (csv_cell (rows, 4, "unité"), ==, "€");
  g_assert_cmpstr (csv_cell (rows, 4, "quantité"), ==, "");
  g_assert_cmpstr (csv_cell (rows, 4, "financé sur"), ==, "IAE");
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 4, "mois d'engagement"), 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 4, "AE"), 50000, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 4, "CP"), 20000, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 4, "CP juin"), 10000, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 4, "CP sept"), 10000, 1e-6);
  g_assert_cmpfloat_with_epsilon (csv_number_cell (rows, 4, "reste à payer"), 30000, 1e-6);

  /* The contract lines file holds the PEC line alone. */
  g_assert_true (trj_csv_export_lines (scenario, lines_path, &error));
  g_assert_no_error (error);
  lines = read_csv_rows (lines_path);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (csv_cell (lines, 1, "identifiant"), ==, "pec");
}

/* trajectoire-cli export WORKBOOK --format xlsx|csv: the file read back is the
 * workbook's scenario, under its name; `import` takes the xlsx back. */
static void
test_cli_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *workbook_path = tmp_path ("cli.trajectoire");
  g_autofree char *xlsx = tmp_path ("cli.xlsx");
  g_autofree char *csv = tmp_path ("cli.csv");
  g_autofree char *trajectory = tmp_path ("cli-trajectoire.csv");
  g_autofree char *post_aid = tmp_path ("cli-aides-au-poste.csv");
  g_autofree char *expected = NULL, *got = NULL, *name = NULL, *wb_name = NULL, *text = NULL;
  g_autoptr(TrjWorkbook) workbook = trj_workbook_new_for_region (workbook_path, "Corse", 2024, &error);
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjScenario) back = NULL;
  const char *to_xlsx[] = { cli_path, "export", workbook_path, "--format", "xlsx", "-o", xlsx, NULL };
  const char *to_csv[] = { cli_path, "export", workbook_path, "--format", "csv", "-o", csv, NULL };
  int status;

  g_assert_no_error (error);
  scenario = trj_workbook_get_scenario (workbook, trj_workbook_get_current_scenario (workbook), &error);
  g_assert_no_error (error);
  wb_name = trj_workbook_get_scenario_name (workbook, trj_workbook_get_current_scenario (workbook));
  g_clear_object (&workbook);

  g_spawn_sync (NULL, (char **) to_xlsx, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  back = trj_programming_read_xlsx (xlsx, &name, &error);
  g_assert_no_error (error);
  expected = trj_json_scenario_to_data (scenario);
  got = trj_json_scenario_to_data (back);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpstr (name, ==, wb_name);

  g_spawn_sync (NULL, (char **) to_csv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "enveloppe;identifiant;"));
  g_assert_true (g_file_test (trajectory, G_FILE_TEST_EXISTS));
  g_clear_pointer (&text, g_free);
  g_file_get_contents (post_aid, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "enveloppe;identifiant;libellé;type;unité;"));
  {
    g_autofree char *dir_path = g_path_get_dirname (csv);
    g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
    const char *entry;

    g_assert_no_error (error);
    while ((entry = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_suffix (entry, ".part"));   /* every temporary renamed */
  }

  /* Re-import: the programming file becomes a new scenario, equal to the first. */
  {
    const char *reimport[] = { cli_path, "import", workbook_path, xlsx, "--name", "Relu", NULL };
    g_autoptr(TrjScenario) reread = NULL;
    g_autofree char *reread_json = NULL;

    g_spawn_sync (NULL, (char **) reimport, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    workbook = trj_workbook_open (workbook_path, &error);
    g_assert_no_error (error);
    reread = trj_workbook_get_scenario (workbook, trj_workbook_find_scenario (workbook, "Relu"), &error);
    g_assert_no_error (error);
    reread_json = trj_json_scenario_to_data (reread);
    g_assert_cmpstr (reread_json, ==, expected);
  }
}

int
main (int argc, char **argv)
{
  int status;

  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  tmpdir = g_dir_make_tmp ("trj-programming-XXXXXX", NULL);

  g_test_add_func ("/programming/xlsx/example", test_xlsx_example);
  g_test_add_func ("/programming/xlsx/rich", test_xlsx_rich);
  g_test_add_func ("/programming/xlsx/caom-exceptions", test_xlsx_caom_exceptions);
  g_test_add_func ("/programming/bretagne-fie", test_bretagne_fie);
  g_test_add_func ("/programming/xlsx/no-lines", test_xlsx_no_lines);
  g_test_add_func ("/programming/xlsx/hand-computed", test_xlsx_hand_computed);
  g_test_add_func ("/programming/xlsx/round-trip", test_xlsx_round_trip);
  g_test_add_func ("/programming/xlsx/large-round-trip", test_xlsx_large_round_trip);
  g_test_add_func ("/programming/xlsx/malformed", test_xlsx_malformed);
  g_test_add_func ("/programming/xlsx/libreoffice-resave", test_xlsx_libreoffice_resave);
  g_test_add_func ("/programming/xlsx/calc-recalculated", test_xlsx_calc_recalculated);
  g_test_add_func ("/programming/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/programming/csv/comma-point", test_csv_comma_point);
  g_test_add_func ("/programming/csv/malformed", test_csv_malformed);
  g_test_add_func ("/programming/csv/post-aid", test_csv_post_aid);
  g_test_add_func ("/programming/cli/export", test_cli_export);

  status = g_test_run ();
  if (status == 0)
    trj_test_remove_dir (tmpdir);
  return status;
}
