/* fuzz-actuals.c — the CSV import of actuals (trj_actuals_read_csv, MODEL 8),
 * matched to the lines of tests/fixtures/actuals/landing-scenario.json, then
 * the landing computed with both projections and its figures formatted */
#include "config.h"

#include "trj-actuals-csv.h"
#include "trj-format.h"
#include "trj-fuzz.h"
#include "trj-json.h"
#include "trj-year-data.h"

static TrjScenario *programmed;
static const TrjYearData *year;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  trj_fuzz_init ();
  programmed = trj_json_scenario_from_file (TRJ_FUZZ_ACTUALS_SCENARIO, &error);
  if (programmed == NULL || (year = trj_year_data_get (programmed->year, &error)) == NULL)
    g_error ("%s: %s", TRJ_FUZZ_ACTUALS_SCENARIO, error->message);
  return 0;
}

static void
format_figures (const TrjLandingFigures *f)
{
  trj_fuzz_format_figure (f->ae_programmed);
  trj_fuzz_format_figure (f->ae_landing);
  trj_fuzz_format_figure (f->cp_programmed);
  trj_fuzz_format_figure (f->cp_landing);
  for (TrjCause c = 0; c < TRJ_N_CAUSES; c++)
    {
      trj_fuzz_format_figure (f->ae_drift[c]);
      trj_fuzz_format_figure (f->cp_drift[c]);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = trj_fuzz_write_file (data, size, ".csv");
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(GError) error = NULL;

  actuals = trj_actuals_read_csv (path, programmed, &error);
  if (actuals == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      return 0;
    }
  /* What the reader accepted, the store accepts: every row within the limits. */
  for (guint i = 0; i < actuals->rows->len; i++)
    if (!trj_actual_check (&g_array_index (actuals->rows, TrjActual, i), &error))
      g_error ("an accepted row fails trj_actual_check: %s", error->message);

  for (TrjProjection p = TRJ_PROJECTION_OBSERVED; p <= TRJ_PROJECTION_PROGRAMMED; p++)
    {
      g_autoptr(TrjLanding) landing = trj_landing_compute (programmed, actuals, p, &year->rules, NULL);

      if (landing == NULL)
        continue;
      for (guint e = 0; e < landing->n_envelopes; e++)
        format_figures (&landing->envelopes[e]);
      for (guint l = 0; l < landing->n_lines; l++)
        format_figures (&landing->lines[l]);
    }
  return 0;
}
