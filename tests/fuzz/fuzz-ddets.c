/* fuzz-ddets.c — « Intégrer le retour d'une DDETS » (trj_ddets_integrate) from
 * hostile bytes
 *
 * The region: a workbook made from TRJ_FUZZ_DDETS_SCENARIO
 * (tests/fixtures/ddets/region-scenario.json), whose scenario recorded a file
 * prepared for the Finistère (29) with the token « fuzz-ddets » (what
 * trj_ddets_prepare records, with a token and a scenario name fixed so that
 * the seeds match them).
 * Each input is written to a .trajectoire file and integrated into it: a
 * refusal must carry a UTF-8 message, list its conflicts in UTF-8 and leave
 * the region's scenario as it was, byte for byte in its JSON; a return
 * integrated is one undo step, the scenario after it validated, computed,
 * formatted and written (trj_fuzz_exercise_scenario), then undone, which
 * must give the scenario back. The seeds (corpus/ddets/) are such files: the
 * part as prepared, then changed by hand with sqlite3 (tests/README.md). */
#include "config.h"

#include <stdlib.h>

#include "trj-ddets.h"
#include "trj-fuzz.h"
#include "trj-json.h"

#define TOKEN "fuzz-ddets"
#define SCENARIO_NAME "Programmation 2024"

static TrjWorkbook *region;
static gint64 region_scenario;
static char *region_json;

static char *
scenario_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_workbook_get_scenario (region, region_scenario, &error);

  if (scenario == NULL)
    g_error ("the region's scenario cannot be read: %s", error->message);
  return trj_json_scenario_to_data (scenario);
}

static void
check_unchanged (const char *after)
{
  g_autofree char *json = scenario_json ();

  if (g_strcmp0 (json, region_json) != 0)
    g_error ("%s changed the region's scenario", after);
}

/* Before trj_fuzz_init's (atexit runs in reverse), which removes the folder. */
static void
remove_region (void)
{
  g_autofree char *path = g_strdup (trj_workbook_get_path (region));

  g_clear_object (&region);
  trj_fuzz_remove_file (path);
  g_clear_pointer (&region_json, g_free);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjScenario) stored = NULL;
  g_autoptr(TrjScenario) part = NULL;
  g_autofree char *path = NULL, *name = NULL, *base = NULL;
  TrjDdetsRecord record = { 0 };

  trj_fuzz_init ();
  path = g_build_filename (trj_fuzz_dir (), "region.trajectoire", NULL);
  if ((scenario = trj_json_scenario_from_file (TRJ_FUZZ_DDETS_SCENARIO, &error)) == NULL
      || (region = trj_workbook_new_with_scenario (path, scenario, &error)) == NULL)
    g_error ("%s: %s", TRJ_FUZZ_DDETS_SCENARIO, error->message);
  atexit (remove_region);
  region_scenario = trj_workbook_get_current_scenario (region);
  /* The name the seeds carry, whatever the language of the default one. */
  if (!trj_workbook_rename_scenario (region, region_scenario, SCENARIO_NAME, &error))
    g_error ("%s", error->message);
  if ((stored = trj_workbook_get_scenario (region, region_scenario, &error)) == NULL)
    g_error ("%s", error->message);
  part = trj_ddets_part (stored, "29");
  name = trj_workbook_get_scenario_name (region, region_scenario);
  base = trj_json_scenario_to_data (part);
  record.departement = (char *) "29";
  record.token = (char *) TOKEN;
  record.prepared = (char *) "2024-03-01T09:00:00Z";
  record.scenario_name = name;
  record.base = base;
  if (!trj_workbook_record_ddets_share (region, region_scenario, &record, &error))
    g_error ("%s", error->message);
  region_json = scenario_json ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = trj_fuzz_write_file (data, size, ".trajectoire");
  g_auto(TrjDdetsMerge) merge = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) after = NULL;

  if (!trj_ddets_integrate (region, region_scenario, path, &merge, &error))
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      for (guint i = 0; merge.conflicts != NULL && i < merge.conflicts->len; i++)
        if (!g_utf8_validate (g_ptr_array_index (merge.conflicts, i), -1, NULL))
          g_error ("a conflict is not UTF-8");
      check_unchanged ("a refused return");
      trj_fuzz_remove_file (path);
      return 0;
    }
  if (merge.updated + merge.added + merge.removed > 0)
    {
      if ((after = trj_workbook_get_scenario (region, region_scenario, &error)) == NULL)
        g_error ("the scenario after the return cannot be read: %s", error->message);
      trj_fuzz_exercise_scenario (after);
      if (!trj_workbook_undo (region, &error))
        g_error ("the return cannot be undone: %s", error->message);
    }
  check_unchanged (merge.updated + merge.added + merge.removed > 0 ? "undoing the return"
                                                                    : "a return with nothing to integrate");
  trj_fuzz_remove_file (path);
  return 0;
}
