/* trj-fuzz-util.c — helpers shared by the fuzz targets (see trj-fuzz.h) */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>

#include "trj-fuzz.h"
#include "trj-alert-text.h"
#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-programming.h"

static char *fuzz_dir;
static TrjWorkbook *iae_workbook;
static gint64 iae_scenario_id;
static char *iae_scenario_json;

static void
remove_fuzz_dir (void)
{
  if (iae_workbook != NULL)
    {
      g_autofree char *path = g_strdup (trj_workbook_get_path (iae_workbook));

      g_clear_object (&iae_workbook);
      trj_fuzz_remove_file (path);
    }
  g_clear_pointer (&iae_scenario_json, g_free);
  if (fuzz_dir != NULL)
    g_rmdir (fuzz_dir);
}

void
trj_fuzz_init (void)
{
  if (fuzz_dir != NULL)
    return;
  trj_i18n_init ();
  trj_format_install_in_engine ();
  /* A critical on hostile input is a bug in our code (a precondition reached
   * with bad data): make it a crash libFuzzer reports. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  fuzz_dir = g_dir_make_tmp ("trj-fuzz-XXXXXX", NULL);
  if (fuzz_dir == NULL)
    abort ();
  atexit (remove_fuzz_dir);
}

const char *
trj_fuzz_dir (void)
{
  return fuzz_dir;
}

const char *
trj_fuzz_write_file (const uint8_t *data, size_t size, const char *suffix)
{
  static char *path;

  if (path == NULL)
    path = g_strconcat (fuzz_dir, "/input", suffix, NULL);
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();
  return path;
}

void
trj_fuzz_remove_file (const char *path)
{
  static const char *const sidecars[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *name = g_strconcat (path, sidecars[i], NULL);
      g_unlink (name);
    }
}

/* Takes a formatted text: it must be a non-empty UTF-8 string. */
static void
check_text (char *text)
{
  g_autofree char *owned = text;

  if (owned == NULL || owned[0] == '\0' || !g_utf8_validate (owned, -1, NULL))
    g_error ("a figure or alert formatted as an empty or invalid text");
}

void
trj_fuzz_format_figure (double value)
{
  check_text (trj_format_money (value));
  check_text (trj_format_money_short (value));
  check_text (trj_format_integer (value));
  check_text (trj_format_number (value, 1));
  check_text (trj_format_percent (value, 1));
}

void
trj_fuzz_exercise_scenario (const TrjScenario *scenario)
{
  g_autoptr(TrjResult) result = NULL;
  g_autoptr(TrjScenario) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *result_json = NULL;

  result = trj_programming_compute (scenario, NULL);
  if (result == NULL)
    return;

  trj_fuzz_format_figure (result->region.ae_total);
  trj_fuzz_format_figure (result->region.cp_total);
  for (guint e = 0; e < result->n_envelopes; e++)
    {
      const TrjEnvelopeResult *er = &result->envelopes[e];

      trj_fuzz_format_figure (er->ae_available);
      trj_fuzz_format_figure (er->f.ae_total);
      trj_fuzz_format_figure (er->ae_margin);
      trj_fuzz_format_figure (er->ae_consumption);
      trj_fuzz_format_figure (er->cp_available);
      trj_fuzz_format_figure (er->f.cp_total);
      trj_fuzz_format_figure (er->cp_margin);
      trj_fuzz_format_figure (er->f.cp_after_year);
      trj_fuzz_format_figure (er->f.volume);
      trj_fuzz_format_figure (er->capacity);
      trj_fuzz_format_figure (er->avg_rate);
      trj_fuzz_format_figure (er->avg_hours);
    }
  for (guint i = 0; i < result->n_alerts; i++)
    check_text (trj_alert_message (scenario, &result->alerts[i]));

  result_json = trj_json_result_to_data (scenario, result);
  json = trj_json_scenario_to_data (scenario);
  again = trj_json_scenario_from_data (json, -1, &error);
  if (again == NULL)
    g_error ("a scenario accepted then written is refused on re-import: %s", error->message);
}

/* The workbook's scenario as it is now. */
static TrjScenario *
iae_scenario (void)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *scenario = trj_workbook_get_scenario (iae_workbook, iae_scenario_id, &error);

  if (scenario == NULL)
    g_error ("the workbook's scenario cannot be read: %s", error->message);
  return scenario;
}

static char *
iae_scenario_to_json (void)
{
  g_autoptr(TrjScenario) scenario = iae_scenario ();

  return trj_json_scenario_to_data (scenario);
}

static void
iae_check_unchanged (const char *what)
{
  g_autofree char *now = iae_scenario_to_json ();

  if (g_strcmp0 (now, iae_scenario_json) != 0)
    g_error ("%s left the scenario changed", what);
}

void
trj_fuzz_iae_init (const char *scenario_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *path = NULL;

  trj_fuzz_init ();
  path = g_build_filename (fuzz_dir, "iae.trajectoire", NULL);
  if ((scenario = trj_json_scenario_from_file (scenario_path, &error)) == NULL
      || (iae_workbook = trj_workbook_new_with_scenario (path, scenario, &error)) == NULL)
    g_error ("%s: %s", scenario_path, error->message);
  iae_scenario_id = trj_workbook_get_current_scenario (iae_workbook);
  iae_scenario_json = iae_scenario_to_json ();
}

void
trj_fuzz_iae_one (const uint8_t *data, size_t size, TrjFuzzIaeRead read, TrjFuzzIaeImport import)
{
  const char *path = trj_fuzz_write_file (data, size, ".csv");
  g_autoptr(TrjScenario) scenario = iae_scenario ();
  g_autoptr(TrjScenario) after = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = read (path, scenario, &error);
  if (rows == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      return;
    }
  if (rows->len == 0)
    g_error ("a file read as no row at all");
  if (!import (iae_workbook, iae_scenario_id, rows, &error))
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("an import refused without a readable message");
      iae_check_unchanged ("a refused import");
      return;
    }
  after = iae_scenario ();
  trj_fuzz_exercise_scenario (after);
  if (!trj_workbook_undo (iae_workbook, &error))
    g_error ("the import cannot be undone: %s", error->message);
  iae_check_unchanged ("undoing the import");
}
