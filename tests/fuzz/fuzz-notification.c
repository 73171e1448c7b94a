/* fuzz-notification.c — the regional notification CSV (trj_notification_csv_apply,
 * `new --notification` and the window's import) applied to the Bretagne 2024
 * example, the profiles calibrated on the notified CP as `new` does, then
 * computed and exported. A refused file must leave the scenario unchanged. */
#include "config.h"

#include "trj-fuzz.h"
#include "trj-json.h"
#include "trj-notification-csv.h"
#include "trj-year-data.h"

static TrjScenario *example;
static char *example_json;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const TrjYearData *data;

  trj_fuzz_init ();
  data = trj_year_data_get (2024, NULL);
  example = data != NULL ? trj_year_data_example (data, "Bretagne", NULL) : NULL;
  if (example == NULL)
    g_error ("no Bretagne 2024 example scenario");
  example_json = trj_json_scenario_to_data (example);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = trj_fuzz_write_file (data, size, ".csv");
  g_autoptr(TrjScenario) scenario = trj_scenario_copy (example);
  g_autoptr(GError) error = NULL;

  if (!trj_notification_csv_apply (path, scenario, &error))
    {
      g_autofree char *after = trj_json_scenario_to_data (scenario);

      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      if (!g_str_equal (after, example_json))
        g_error ("a refused notification changed the scenario: %s", error->message);
      return 0;
    }
  /* `new` refuses a notification whose CP cannot calibrate the profiles;
   * what it keeps is computed. */
  if (trj_scenario_calibrate_profiles (scenario, &error))
    trj_fuzz_exercise_scenario (scenario);
  else if (!g_utf8_validate (error->message, -1, NULL))
    g_error ("calibration refused without a readable message");
  return 0;
}
