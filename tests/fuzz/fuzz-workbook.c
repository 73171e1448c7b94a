/* fuzz-workbook.c — opening a workbook (SQLite file) from hostile bytes
 *
 * The bytes are written to a temporary .trajectoire file and opened as the
 * window and the CLI open one; every scenario's snapshot goes on through
 * trj_fuzz_exercise_scenario. SQLite itself is not instrumented: coverage
 * guides through the store's checks of what it reads. */
#include "config.h"

#include "trj-fuzz.h"
#include "trj-workbook.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  trj_fuzz_init ();
  return 0;
}

static void
read_workbook (const char *path)
{
  g_autoptr(TrjWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *version = NULL;

  workbook = trj_workbook_open (path, &error);
  if (workbook == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      return;
    }
  trj_workbook_get_region (workbook);
  trj_workbook_get_year (workbook);
  trj_workbook_get_rules (workbook);
  created = trj_workbook_get_created (workbook);
  modified = trj_workbook_get_modified (workbook);
  version = trj_workbook_get_app_version (workbook);
  trj_workbook_get_current_scenario (workbook);

  scenarios = trj_workbook_list_scenarios (workbook);
  for (guint i = 0; i < scenarios->len; i++)
    {
      const TrjScenarioInfo *info = g_ptr_array_index (scenarios, i);
      g_autoptr(TrjScenario) scenario = trj_workbook_get_scenario (workbook, info->id, NULL);

      if (scenario != NULL)
        trj_fuzz_exercise_scenario (scenario);
    }
  trj_workbook_close (workbook);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = trj_fuzz_write_file (data, size, ".trajectoire");

  read_workbook (path);
  trj_fuzz_remove_file (path);
  return 0;
}
