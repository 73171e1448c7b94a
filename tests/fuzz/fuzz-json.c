/* fuzz-json.c — the trajectoire-scenario/1 reader (trj_json_scenario_from_data)
 *
 * An accepted document goes on through everything the CLI and the window do
 * with it (trj_fuzz_exercise_scenario): compute, format, export, re-import.
 */
#include "config.h"

#include "trj-fuzz.h"
#include "trj-json.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  trj_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  scenario = trj_json_scenario_from_data ((const char *) data, size, &error);
  if (scenario == NULL)
    {
      /* Every refusal says why, in a valid UTF-8 sentence. */
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      return 0;
    }
  trj_fuzz_exercise_scenario (scenario);
  return 0;
}
