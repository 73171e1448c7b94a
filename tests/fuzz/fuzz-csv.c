/* fuzz-csv.c — the CSV import of lines (trj_csv_import_lines), into the
 * Bretagne 2024 example scenario, then applied and computed */
#include "config.h"

#include "trj-csv.h"
#include "trj-fuzz.h"
#include "trj-year-data.h"

static TrjScenario *target;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const TrjYearData *data;

  trj_fuzz_init ();
  data = trj_year_data_get (2024, NULL);
  target = data != NULL ? trj_year_data_example (data, "Bretagne", NULL) : NULL;
  if (target == NULL)
    g_error ("no Bretagne 2024 example scenario");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = trj_fuzz_write_file (data, size, ".csv");
  g_autoptr(TrjCsvImport) import = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  import = trj_csv_import_lines (path, target, &error);
  if (import == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      return 0;
    }
  description = trj_csv_import_describe (import);
  scenario = trj_scenario_copy (target);
  if (trj_csv_import_apply (import, scenario, NULL))
    trj_fuzz_exercise_scenario (scenario);
  return 0;
}
