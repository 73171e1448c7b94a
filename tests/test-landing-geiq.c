/* test-landing-geiq.c — the GEIQ landing forecast (« prévisions
 * d'atterrissage », MODEL 3 and 8) from the hires to date
 *
 * fixtures/actuals/geiq-scenario.json: one GEIQ_RENFORCE line of 20 aids at
 * 1 400 € (AE 28 000 € in January), hiring profile 1,1,1,1,1,1,2,2,2,2,3,3
 * (Σ 20); geiq.csv: 2, 3, 1, 4, 2 and 0 aids hired January to June (12).
 *   observed: 2 a month after June (12 / 6): 12 + 12 = 24 aids, 33 600 € of
 *     AE, +5 600 € all of volume; each aid paid the month it is hired (lag
 *     0): 2 800 € in January, 5 600 € in April, nothing in June, 2 800 € a
 *     month from July.
 *   programmed: P's 20 aids × 14 / 20 after June: 12 + 14 = 26 aids,
 *     36 400 €; 2 aids (2 800 €) in July, 3 (4 200 €) in December.
 */
#include "config.h"

#include <math.h>

#include "trj-actuals-csv.h"
#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-year-data.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", name, NULL);
}

static void
test_forecast (gconstpointer data)
{
  TrjProjection projection = GPOINTER_TO_INT (data);
  gboolean observed = projection == TRJ_PROJECTION_OBSERVED;
  const TrjYearData *year = trj_year_data_get (2024, NULL);
  g_autofree char *json = fixture ("geiq-scenario.json");
  g_autofree char *csv = fixture ("geiq.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_file (json, &error);
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(TrjLanding) landing = NULL;
  const TrjLine *line;
  const TrjLandingFigures *f;
  double hires[TRJ_MONTHS], to_date = 0, total = 0, ae = 0, cp = 0;

  g_assert_no_error (error);
  actuals = trj_actuals_read_csv (csv, s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actuals->rows->len, ==, 6);
  line = g_ptr_array_index (((const TrjEnvelope *) g_ptr_array_index (s->envelopes, 0))->lines, 0);
  g_assert_true (trj_landing_is_geiq (line->kind));

  g_assert_true (trj_landing_geiq_hires (line, actuals, 6, projection, hires, &to_date));
  g_assert_cmpfloat (to_date, ==, 12);
  for (guint m = 0; m < TRJ_MONTHS; m++)
    total += hires[m];
  g_assert_cmpfloat_with_epsilon (total, observed ? 24 : 26, 1e-12);
  g_assert_cmpfloat_with_epsilon (hires[6], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (hires[11], observed ? 2 : 3, 1e-12);

  landing = trj_landing_compute (s, actuals, projection, &year->rules, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (landing->month, ==, 6);
  f = &landing->lines[0];
  g_assert_cmpfloat_with_epsilon (f->ae_programmed, 28000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->ae_landing, observed ? 33600 : 36400, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->ae_drift[TRJ_CAUSE_VOLUME], observed ? 5600 : 8400, 1e-6);
  for (TrjCause c = TRJ_CAUSE_RATE; c < TRJ_N_CAUSES; c++)
    g_assert_cmpfloat_with_epsilon (f->ae_drift[c], 0, 1e-6);
  /* Each aid paid the month it is hired. */
  g_assert_cmpfloat_with_epsilon (landing->cp_months[0][0], 2800, 1e-6);
  g_assert_cmpfloat_with_epsilon (landing->cp_months[0][3], 5600, 1e-6);
  g_assert_cmpfloat_with_epsilon (landing->cp_months[0][5], 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (landing->cp_months[0][6], 2800, 1e-6);
  g_assert_cmpfloat_with_epsilon (landing->cp_months[0][11], observed ? 2800 : 4200, 1e-6);
  for (guint m = 0; m < TRJ_MONTHS; m++)
    {
      ae += landing->ae_months[0][m];
      cp += landing->cp_months[0][m];
    }
  g_assert_cmpfloat_with_epsilon (ae, f->ae_landing, 1e-6);
  g_assert_cmpfloat_with_epsilon (cp, f->cp_landing, 1e-6);
  g_assert_cmpfloat_with_epsilon (landing->envelopes[0].ae_available, 30000, 1e-6);
}

/* A GEIQ line without actuals lands as programmed. */
static void
test_no_hires (void)
{
  g_autofree char *json = fixture ("geiq-scenario.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_file (json, &error);
  g_autoptr(TrjActuals) actuals = trj_actuals_new ();
  const TrjLine *line = g_ptr_array_index (((const TrjEnvelope *) g_ptr_array_index (s->envelopes, 0))->lines, 0);
  double hires[TRJ_MONTHS], to_date = -1;

  g_assert_false (trj_landing_geiq_hires (line, actuals, 6, TRJ_PROJECTION_OBSERVED, hires, &to_date));
  g_assert_cmpfloat (to_date, ==, 0);
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  trj_format_install_in_engine ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/landing-geiq/observed", GINT_TO_POINTER (TRJ_PROJECTION_OBSERVED), test_forecast);
  g_test_add_data_func ("/landing-geiq/programmed", GINT_TO_POINTER (TRJ_PROJECTION_PROGRAMMED), test_forecast);
  g_test_add_func ("/landing-geiq/no-hires", test_no_hires);
  return g_test_run ();
}
