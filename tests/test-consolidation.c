/* test-consolidation.c — the national view of the regional programmings
 *
 * One example scenario per region of the 2024 notification (programmed at the
 * notified volumes), written as programming files, read back and consolidated,
 * must give the circular's national notification within the rounding of the
 * regional rows. Also: refusals, the xlsx export (checked by openpyxl) and
 * `trajectoire-cli consolidate` on files and a workbook.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-consolidation.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-programming.h"
#include "trj-workbook.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static char *tmpdir;
static const char *cli_path;
static GPtrArray *region_files;   /* char*, one programming file per region */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
write_region_files (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);

  g_assert_no_error (error);
  region_files = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < data->regions->len; i++)
    {
      const TrjRegion *region = g_ptr_array_index (data->regions, i);
      g_autoptr(TrjScenario) scenario = trj_year_data_example (data, region->name, &error);
      g_autofree char *name = g_strdup_printf ("programmation-%02u.xlsx", i);
      char *path = tmp_path (name);

      g_assert_no_error (error);
      g_assert_true (trj_programming_write_xlsx (scenario, NULL, path, &error));
      g_assert_no_error (error);
      g_ptr_array_add (region_files, path);
    }
}

static TrjConsolidation *
consolidate_all (void)
{
  TrjConsolidation *consolidation = trj_consolidation_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < region_files->len; i++)
    {
      trj_consolidation_add_file (consolidation, g_ptr_array_index (region_files, i), &error);
      g_assert_no_error (error);
    }
  return consolidation;
}

/* The sum over the regions of an envelope's AE margin, from the engine run on
 * each region's example scenario. */
static double
regions_ae_margin (const char *envelope_id)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);
  double sum = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < data->regions->len; i++)
    {
      const TrjRegion *region = g_ptr_array_index (data->regions, i);
      g_autoptr(TrjScenario) scenario = trj_year_data_example (data, region->name, &error);
      g_autoptr(TrjResult) result = NULL;

      g_assert_no_error (error);
      result = trj_programming_compute (scenario, &error);
      g_assert_no_error (error);
      for (guint e = 0; e < scenario->envelopes->len; e++)
        if (g_strcmp0 (((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, e))->id, envelope_id) == 0)
          sum += result->envelopes[e].ae_margin;
    }
  return sum;
}

static void
test_national_totals (void)
{
  g_autoptr(TrjConsolidation) consolidation = consolidate_all ();
  const char *const *envelopes = trj_consolidation_get_envelopes (consolidation);
  TrjConsolidationTotals pec, cie;

  /* 19 regions (Hauts-de-France has two rows: PEC and CIE tous publics). */
  g_assert_cmpuint (trj_consolidation_get_n_regions (consolidation), ==, 19);
  g_assert_cmpint (trj_consolidation_get_year (consolidation), ==, 2024);
  g_assert_cmpstr (trj_consolidation_get_region (consolidation, 0)->scenario->region, ==,
                   "Auvergne-Rhône-Alpes");
  g_assert_cmpstr (envelopes[0], ==, "PEC_CIE_TP");
  g_assert_cmpstr (envelopes[1], ==, "CIE_JEUNES");
  /* Every region's new workbook also has IAE, EA and GEIQ (at 0 €). */
  g_assert_cmpstr (envelopes[2], ==, "IAE");
  g_assert_cmpstr (envelopes[3], ==, "EA");
  g_assert_cmpstr (envelopes[4], ==, "GEIQ");
  g_assert_null (envelopes[5]);

  trj_consolidation_get_totals (consolidation, "PEC_CIE_TP", &pec);
  trj_consolidation_get_totals (consolidation, "CIE_JEUNES", &cie);

  /* The circular's national notification… */
  g_assert_cmpfloat (pec.national_volume, ==, 60885);
  g_assert_cmpfloat (pec.national_ae, ==, 356963174);
  g_assert_cmpfloat (pec.national_cp, ==, 170771378);
  /* …and the sum of its 20 regional rows, each rounded to the euro and the
   * contract (summed by hand from notification-contrats-aides.csv). */
  g_assert_cmpfloat (pec.volume_notified, ==, 60884);
  g_assert_cmpfloat (pec.ae_notified, ==, 356963175);
  g_assert_cmpfloat (pec.cp_notified, ==, 170771376);
  g_assert_cmpfloat (fabs (pec.volume_notified - pec.national_volume), <=, 20);
  g_assert_cmpfloat (fabs (pec.ae_notified - pec.national_ae), <=, 20);
  g_assert_cmpfloat (fabs (pec.cp_notified - pec.national_cp), <=, 20);
  g_assert_cmpfloat (cie.volume_notified, ==, 13953);
  g_assert_cmpfloat (cie.ae_notified, ==, 59416105);
  g_assert_cmpfloat (cie.national_ae, ==, 59416105);
  g_assert_cmpuint (pec.n_regions, ==, 19);

  /* Programmed at the notified volumes, at the circular's averages. */
  g_assert_cmpfloat_with_epsilon (pec.volume, 60884, 1e-6);
  g_assert_cmpfloat_with_epsilon (cie.volume, 13953, 1e-6);
  g_assert_cmpfloat_with_epsilon (cie.avg_rate, 0.35, 1e-12);
  g_assert_cmpfloat_with_epsilon (cie.avg_hours, 28.3, 1e-12);
  /* The national margin is the sum of the regions' own margins, each computed
   * by the engine on the region's example, not from the consolidated totals. */
  g_assert_cmpfloat_with_epsilon (pec.ae_margin, regions_ae_margin ("PEC_CIE_TP"), 1e-3);
  g_assert_cmpfloat_with_epsilon (cie.ae_margin, regions_ae_margin ("CIE_JEUNES"), 1e-3);
}

/* A metropolitan region with one PEC line: `count` contracts entering in
 * month `month` (0-based) for `duration` months, 50 %, 25 h, lag 1. */
static TrjScenario *
hand_region (const char *region, guint month, double count, double duration,
             double ae_notified, double cp_notified)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);
  TrjScenario *s = trj_scenario_new ();
  TrjEnvelope *env = trj_envelope_new ("PEC_CIE_TP");
  TrjLine *line = trj_line_new ("l1", TRJ_KIND_PEC);

  g_assert_no_error (error);
  s->year = 2024;
  s->region = g_strdup (region);
  s->zone = TRJ_ZONE_METROPOLE;
  trj_year_data_reference (data, TRJ_ZONE_METROPOLE, &s->reference);
  line->rate = 0.5;
  line->weekly_hours = 25;
  line->duration_months = duration;
  line->payment_lag_months = 1;
  line->entries[month] = count;
  g_ptr_array_add (env->lines, line);
  env->ae_notified = ae_notified;
  env->cp_notified = cp_notified;
  g_ptr_array_add (s->envelopes, env);
  return s;
}

/* The national margins of two regions, computed by hand (not from the
 * structures under test). A month of aid at 50 %, 25 h:
 * 0.5 × 11.65 × 25 × 52/12 = 631.041666… €, from November 2024
 * 0.5 × 11.88 × 25 × 52/12 = 643.50 €.
 * Bretagne: 2 contracts entering in November for 3 months, all at 643.50 €:
 *   AE 2 × 3 × 643.50 = 3 861 €; CP (lag 1) December's 2 × 643.50 = 1 287 €.
 * Normandie: 1 contract entering in March for 9.9 months: March–October at
 *   631.041666… €, November and 0.9 of December at 643.50 €:
 *   AE 8 × 631.041666… + 1.9 × 643.50 = 5 048.333… + 1 222.65 = 6 270.983333… €;
 *   CP (lag 1) April–November: 8 × 631.041666…, December: 643.50 (November's),
 *   5 691.833333… €.
 * Notified AE 10 000 € and 5 000 €, CP 2 000 € and 3 000 €:
 *   AE margins 6 139 € and −1 270.983333… €, national 4 868.016666… €;
 *   CP margins 713 € and −2 691.833333… €, national −1 978.833333… €. */
static void
test_hand_margins (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjConsolidation) consolidation = trj_consolidation_new ();
  g_autoptr(TrjScenario) bretagne = hand_region ("Bretagne", 10, 2, 3, 10000, 2000);
  g_autoptr(TrjScenario) normandie = hand_region ("Normandie", 2, 1, 9.9, 5000, 3000);
  const double aid = 0.5 * 11.65 * 25 * 52.0 / 12.0;
  TrjConsolidationTotals pec;

  g_assert_true (trj_consolidation_add (consolidation, "bretagne.json", bretagne, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (trj_consolidation_add (consolidation, "normandie.json", normandie, NULL, &error));
  g_assert_no_error (error);
  trj_consolidation_get_totals (consolidation, "PEC_CIE_TP", &pec);

  g_assert_cmpuint (pec.n_regions, ==, 2);
  g_assert_cmpfloat (pec.ae_notified, ==, 15000);
  g_assert_cmpfloat (pec.cp_notified, ==, 5000);
  g_assert_cmpfloat_with_epsilon (pec.volume, 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (pec.ae_total, 3861 + 8 * aid + 1.9 * 643.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (pec.ae_total, 10131.983333333333, 1e-6);
  g_assert_cmpfloat_with_epsilon (pec.cp_total, 1287 + 8 * aid + 643.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (pec.ae_margin, 4868.016666666667, 1e-6);
  g_assert_cmpfloat_with_epsilon (pec.cp_margin, 5000 - 1287 - 8 * aid - 643.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (pec.cp_margin, -1978.8333333333333, 1e-6);
  /* Volume-weighted: the same 50 % and 25 h in both regions. */
  g_assert_cmpfloat_with_epsilon (pec.avg_rate, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (pec.avg_hours, 25, 1e-12);
}

static void
test_xlsx_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjConsolidation) consolidation = consolidate_all ();
  g_autofree char *path = tmp_path ("national.xlsx");
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-programming.py", NULL);
  g_autofree char *err = NULL;
  int status;
  const char *argv[] = { "/usr/bin/python3", checker, "--consolidation", path,
                         "--expect-regions", "19", NULL };

  g_assert_true (trj_consolidation_write_xlsx (consolidation, path, &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The national totals and gaps of the consolidation file, recalculated by
 * LibreOffice Calc, are the figures Trajectoire wrote. */
static void
test_xlsx_calc_recalculated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjConsolidation) consolidation = consolidate_all ();
  g_autofree char *path = tmp_path ("national-recalcul.xlsx");
  g_autofree char *workdir = tmp_path ("recalcul");

  g_assert_true (trj_consolidation_write_xlsx (consolidation, path, &error));
  g_assert_no_error (error);
  trj_test_check_recalc (path, workdir, FALSE);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjConsolidation) consolidation = trj_consolidation_new ();
  g_autoptr(TrjScenario) later = NULL;
  g_autofree char *message = NULL;
  const char *first = g_ptr_array_index (region_files, 2);

  g_assert_true (trj_consolidation_add_file (consolidation, first, &error));
  g_assert_no_error (error);

  g_assert_false (trj_consolidation_add_file (consolidation, first, &error));
  message = trj_test_plain_spaces (error->message);
  g_assert_nonnull (strstr (message, "Bretagne apparaît deux fois : dans « programmation-02.xlsx »"));
  g_clear_error (&error);

  later = trj_programming_read_xlsx (first, NULL, &error);
  g_assert_no_error (error);
  later->year = 2025;
  g_assert_false (trj_consolidation_add (consolidation, "bretagne-2025.xlsx", later, NULL, &error));
  g_clear_pointer (&message, g_free);
  message = trj_test_plain_spaces (error->message);
  g_assert_nonnull (strstr (message, "« bretagne-2025.xlsx » est une programmation de 2025 ; les autres fichiers sont de 2024"));
  g_clear_error (&error);
  g_assert_cmpuint (trj_consolidation_get_n_regions (consolidation), ==, 1);
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *output = tmp_path ("cli-national.xlsx");
  g_autofree char *workbook_path = tmp_path ("bretagne.trajectoire");
  g_autofree char *truncated = tmp_path ("coupé.xlsx");
  g_autofree char *out = NULL, *err = NULL, *contents = NULL, *plain = NULL;
  g_autoptr(TrjWorkbook) workbook = NULL;
  gsize length;
  int status;

  /* Bretagne from a workbook, the 18 other regions from programming files. */
  workbook = trj_workbook_new_for_region (workbook_path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  g_clear_object (&workbook);

  g_ptr_array_add (argv, (char *) cli_path);
  g_ptr_array_add (argv, (char *) "consolidate");
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, output);
  g_ptr_array_add (argv, workbook_path);
  for (guint i = 0; i < region_files->len; i++)
    if (i != 2)   /* Bretagne */
      g_ptr_array_add (argv, g_ptr_array_index (region_files, i));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  plain = trj_test_plain_spaces (out);
  g_assert_nonnull (strstr (plain, "PEC et CIE tous publics — 19 régions"));
  g_assert_nonnull (strstr (plain, "notifié aux régions : 60 884 contrats, AE 356 963 175 €"));
  g_assert_nonnull (strstr (plain, "notification nationale : 60 885 contrats, AE 356 963 174 €"));
  g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A truncated file: exit 1, the file named, nothing written. */
  g_file_get_contents (g_ptr_array_index (region_files, 0), &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (truncated, contents, length - 100, &error);
  g_assert_no_error (error);
  g_unlink (output);
  {
    const char *bad[] = { cli_path, "consolidate", "-o", output, truncated, NULL };
    g_spawn_sync (NULL, (char **) bad, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_clear_pointer (&plain, g_free);
  plain = trj_test_plain_spaces (err);
  g_assert_nonnull (strstr (plain, "« coupé.xlsx » n’est pas un fichier xlsx lisible"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int status;

  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  tmpdir = g_dir_make_tmp ("trj-consolidation-XXXXXX", NULL);
  write_region_files ();

  g_test_add_func ("/consolidation/national-totals", test_national_totals);
  g_test_add_func ("/consolidation/hand-margins", test_hand_margins);
  g_test_add_func ("/consolidation/xlsx", test_xlsx_export);
  g_test_add_func ("/consolidation/xlsx-calc-recalculated", test_xlsx_calc_recalculated);
  g_test_add_func ("/consolidation/refused", test_refused);
  g_test_add_func ("/consolidation/cli", test_cli);

  status = g_test_run ();
  g_ptr_array_unref (region_files);
  if (status == 0)
    trj_test_remove_dir (tmpdir);
  return status;
}
