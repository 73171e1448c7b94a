/* trj-cli-simulate.c — trajectoire-cli simulate, solve and example (MODEL.md section 7)
 *
 * Exit codes: 0 success, 1 invalid input (the message names the key path), 2 usage.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-engine.h"
#include "trj-format.h"
#include "trj-json.h"
#include "trj-json-writer.h"
#include "trj-year-data.h"

enum {
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

TrjScenario *
trj_cli_load_scenario (const char *path, const char *scenario_name, GError **error)
{
  if (trj_cli_is_workbook (path))
    return trj_cli_workbook_scenario (path, scenario_name, error);
  if (scenario_name != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--scenario only applies to workbooks: “%s” holds a single scenario"),
                   path);
      return NULL;
    }
  return trj_cli_read_scenario (path, NULL, error);
}

/* Prints the error and returns the exit code it calls for. */
static int
report_error (const GError *error)
{
  trj_cli_error ("%s", error->message);
  return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_INVALID;
}

/* Parses the options and checks that exactly one file argument is left. */
static gboolean
parse_one_file (GOptionContext *context, int *argc, char ***argv)
{
  if (!trj_cli_parse (context, argc, argv))
    return FALSE;
  if (*argc != 2)
    {
      trj_cli_error ("%s", _("one scenario file is expected (see --help)"));
      return FALSE;
    }
  return TRUE;
}

static TrjResult *
compute (const TrjScenario *scenario, GError **error)
{
  const TrjYearData *data = trj_year_data_get (scenario->year, error);
  g_autoptr(TrjResult) result = NULL;

  if (data == NULL)
    return NULL;
  result = trj_result_new (scenario);
  if (!trj_engine_compute (scenario, &data->rules, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

int
trj_cli_simulate (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *scenario_name = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the result to FILE instead of the standard output"), N_("FILE") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Scenario of a workbook (default: its active scenario)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjResult) result = NULL;
  g_autofree char *document = NULL;

  context = trj_cli_command_context ("simulate", N_("SCENARIO.json"),
                             N_("Computes the monthly AE and CP of every line and envelope of a "
                                "scenario and writes them as a “trajectoire-result/1” JSON "
                                "document."),
                             entries);
  if (!parse_one_file (context, &argc, &argv))
    return EXIT_USAGE;

  if ((scenario = trj_cli_load_scenario (argv[1], scenario_name, &error)) == NULL
      || (result = compute (scenario, &error)) == NULL)
    return report_error (error);

  document = trj_json_result_to_data (scenario, result);
  if (!trj_cli_write_text (output, document, &error))
    return report_error (error);
  return EXIT_SUCCESS;
}

/* An amount typed by a person ("6 813 468", "6813468,5") or by a script ("6.8e6"). */
static gboolean
parse_amount (const char *text, double *out)
{
  char *end = NULL;

  if (trj_parse_number (text, out))
    return TRUE;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out);
}

/* solve --envelope: the common value over the envelope's contract lines, and
 * each line as applying writes it. */
static int
solve_envelope (const char *file, const char *scenario_name, const char *envelope_id,
                TrjUnknown unknown, double target, gboolean with_cp, double cp_target,
                gboolean apply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjEnvelopeSolution) solution = NULL;
  g_autoptr(TrjJsonWriter) writer = NULL;
  g_autofree char *document = NULL;

  if ((scenario = trj_cli_load_scenario (file, scenario_name, &error)) == NULL
      || (solution = trj_engine_solve_envelope (scenario, envelope_id, unknown, target, with_cp,
                                                cp_target, &error)) == NULL)
    return report_error (error);
  if (apply)
    {
      gint64 id;

      if ((wb = trj_cli_open_workbook (file, &error)) == NULL
          || (id = trj_cli_find_scenario (wb, scenario_name, &error)) == 0
          || !trj_workbook_apply_envelope_solution (wb, id, solution, _("Adjust on the envelope"), &error))
        return report_error (error);
    }

  writer = trj_json_writer_new (FALSE);
  trj_json_writer_begin_object (writer);
  trj_json_writer_key (writer, "envelope");
  trj_json_writer_string (writer, envelope_id);
  trj_json_writer_key (writer, "unknown");
  trj_json_writer_string (writer, trj_unknown_to_string (unknown));
  trj_json_writer_key (writer, "value");
  trj_json_writer_number (writer, solution->value);
  trj_json_writer_key (writer, "target");
  trj_json_writer_number (writer, solution->ae_target);
  trj_json_writer_key (writer, "ae_total");
  trj_json_writer_number (writer, solution->ae_total);
  if (with_cp)
    {
      trj_json_writer_key (writer, "slope");
      trj_json_writer_number (writer, solution->slope);
      trj_json_writer_key (writer, "cp_target");
      trj_json_writer_number (writer, solution->cp_target);
      trj_json_writer_key (writer, "cp_total");
      trj_json_writer_number (writer, solution->cp_total);
      trj_json_writer_key (writer, "cp_reached");
      trj_json_writer_boolean (writer, solution->cp_reached);
    }
  trj_json_writer_key (writer, "lines");
  trj_json_writer_begin_array (writer);
  for (guint l = 0; l < solution->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (solution->lines, l);

      trj_json_writer_begin_object (writer);
      trj_json_writer_key (writer, "line");
      trj_json_writer_string (writer, line->id);
      trj_json_writer_key (writer, "value");
      trj_json_writer_number (writer, unknown == TRJ_UNKNOWN_VOLUME && line->entries_mode == TRJ_ENTRIES_VOLUME
                                      ? line->volume : trj_line_get_unknown (line, unknown));
      trj_json_writer_end_object (writer);
    }
  trj_json_writer_end_array (writer);
  trj_json_writer_end_object (writer);
  document = trj_json_writer_free_to_string (g_steal_pointer (&writer));
  printf ("%s\n", document);
  return EXIT_SUCCESS;
}

int
trj_cli_solve (int argc, char **argv)
{
  g_autofree char *line_id = NULL;
  g_autofree char *envelope_id = NULL;
  g_autofree char *unknown_name = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *cp_target_text = NULL;
  g_autofree char *scenario_name = NULL;
  gboolean apply = FALSE, profile = FALSE;
  const GOptionEntry entries[] = {
    { "line", 'l', 0, G_OPTION_ARG_STRING, &line_id,
      N_("Identifier of the line whose parameter is unknown"), N_("ID") },
    { "envelope", 'e', 0, G_OPTION_ARG_STRING, &envelope_id,
      N_("Identifier of the envelope whose contract lines all take the value (one common rate, "
         "hours or duration, or every volume scaled by one factor), instead of --line"), N_("ID") },
    { "unknown", 'u', 0, G_OPTION_ARG_STRING, &unknown_name,
      N_("The parameter to find: volume, rate, hours, duration or cofinancing"), N_("PARAMETER") },
    { "target", 't', 0, G_OPTION_ARG_STRING, &target_text,
      N_("AE of the envelope to reach, in euros (default: its available AE)"), N_("AE") },
    { "profile", 0, 0, G_OPTION_ARG_NONE, &profile,
      N_("With --envelope: also the slope of the entry profile that brings the envelope’s CP of "
         "the year to --cp-target"), NULL },
    { "cp-target", 0, 0, G_OPTION_ARG_STRING, &cp_target_text,
      N_("With --profile: CP of the year to reach, in euros (default: the available CP)"), N_("CP") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Scenario of a workbook (default: its active scenario)"), N_("NAME") },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply,
      N_("Write the value into the workbook’s scenario, as one undo step (refused on a "
         "scenario sent to the DGEFP)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjLine) settled = NULL;
  g_autoptr(TrjJsonWriter) writer = NULL;
  g_autofree char *document = NULL;
  TrjUnknown unknown;
  double target = NAN, cp_target = NAN, value, target_used, ae_total;

  context = trj_cli_command_context ("solve", N_("SCENARIO.json"),
                             N_("Finds the value of one parameter of a line that brings its "
                                "envelope’s AE to a target, and prints it as JSON:\n"
                                "{\"line\": ID, \"unknown\": PARAMETER, \"value\": x, "
                                "\"target\": x, \"ae_total\": x}\n"
                                "With --envelope, one value for every contract line of the "
                                "envelope: {\"envelope\": ID, …, \"lines\": [{\"line\": ID, "
                                "\"value\": x}, …]}, and with --profile the slope, "
                                "\"cp_target\", \"cp_total\" and \"cp_reached\".\n"
                                "Rates and cofinancing are fractions (0.5 = 50 %), hours per "
                                "week, durations in months, volumes in contracts (with "
                                "--envelope, the factor applied to every volume)."),
                             entries);
  if (!parse_one_file (context, &argc, &argv))
    return EXIT_USAGE;
  if ((line_id == NULL && envelope_id == NULL) || unknown_name == NULL)
    {
      trj_cli_error ("%s", _("--line and --unknown are required (see --help)"));
      return EXIT_USAGE;
    }
  if (line_id != NULL && envelope_id != NULL)
    {
      trj_cli_error ("%s", _("--line and --envelope exclude each other: one line, or every line of the envelope"));
      return EXIT_USAGE;
    }
  if (!trj_unknown_from_string (unknown_name, &unknown))
    {
      trj_cli_error (_("--unknown: “%s” is not one of volume, rate, hours, duration, cofinancing"),
                     unknown_name);
      return EXIT_USAGE;
    }
  if (target_text != NULL && !parse_amount (target_text, &target))
    {
      trj_cli_error (_("--target: “%s” is not an amount"), target_text);
      return EXIT_USAGE;
    }
  if (cp_target_text != NULL && !parse_amount (cp_target_text, &cp_target))
    {
      trj_cli_error (_("--cp-target: “%s” is not an amount"), cp_target_text);
      return EXIT_USAGE;
    }
  if ((profile || cp_target_text != NULL) && envelope_id == NULL)
    {
      trj_cli_error ("%s", _("--profile and --cp-target go with --envelope"));
      return EXIT_USAGE;
    }

  if (apply && !trj_cli_is_workbook (argv[1]))
    {
      trj_cli_error (_("--apply writes into a workbook: “%s” is not one"), argv[1]);
      return EXIT_USAGE;
    }
  if (envelope_id != NULL)
    return solve_envelope (argv[1], scenario_name, envelope_id, unknown, target,
                           profile || cp_target_text != NULL, cp_target, apply);

  if ((scenario = trj_cli_load_scenario (argv[1], scenario_name, &error)) == NULL
      || !trj_engine_solve (scenario, line_id, unknown, target, &value, &target_used,
                            &ae_total, &error))
    return report_error (error);
  if (apply)
    {
      gint64 id;

      /* What is written is what the solver settles (MODEL 2.5), as in the window. */
      if (!trj_engine_solve_settle (scenario, line_id, unknown, value, target_used, &settled,
                                    &ae_total, &error)
          || (wb = trj_cli_open_workbook (argv[1], &error)) == NULL
          || (id = trj_cli_find_scenario (wb, scenario_name, &error)) == 0
          || !trj_workbook_apply_solution (wb, id, settled, unknown, _("Adjust"), &error))
        return report_error (error);
      value = trj_line_get_unknown (settled, unknown);
    }

  writer = trj_json_writer_new (FALSE);
  trj_json_writer_begin_object (writer);
  trj_json_writer_key (writer, "line");
  trj_json_writer_string (writer, line_id);
  trj_json_writer_key (writer, "unknown");
  trj_json_writer_string (writer, trj_unknown_to_string (unknown));
  trj_json_writer_key (writer, "value");
  trj_json_writer_number (writer, value);
  trj_json_writer_key (writer, "target");
  trj_json_writer_number (writer, target_used);
  trj_json_writer_key (writer, "ae_total");
  trj_json_writer_number (writer, ae_total);
  trj_json_writer_end_object (writer);
  document = trj_json_writer_free_to_string (g_steal_pointer (&writer));
  printf ("%s\n", document);
  return EXIT_SUCCESS;
}

/* The latest year whose reference data is embedded. */
static int
latest_year (void)
{
  const int *years = trj_year_data_available_years ();
  int latest = 0;

  for (; *years != 0; years++)
    latest = MAX (latest, *years);
  return latest;
}

int
trj_cli_example (int argc, char **argv)
{
  g_autofree char *region = NULL;
  int year = latest_year ();
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region,
      N_("Region of the notification, e.g. “Bretagne” (case and accents do not matter)"),
      N_("NAME") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year,
      N_("Programme year (default: the latest one with reference data)"), N_("YEAR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *document = NULL;
  const TrjYearData *data;

  context = trj_cli_command_context ("example", NULL,
                             N_("Prints a starting scenario for a region as a "
                                "“trajectoire-scenario/1” JSON document: the two envelopes "
                                "of the contrats aidés with their notified AE, CP and volume "
                                "and one line per line of the notification at the circular’s "
                                "average parameters, and the IAE, EA and GEIQ envelopes at 0 € "
                                "without lines (the circular does not split them by region)."),
                             entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || region == NULL)
    {
      trj_cli_error ("%s", _("--region is required, and nothing else (see --help)"));
      return EXIT_USAGE;
    }

  if ((data = trj_year_data_get (year, &error)) == NULL
      || (scenario = trj_year_data_example (data, region, &error)) == NULL)
    return report_error (error);

  document = trj_json_scenario_to_data (scenario);
  fputs (document, stdout);
  return EXIT_SUCCESS;
}
