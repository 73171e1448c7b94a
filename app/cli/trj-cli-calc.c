/* trj-cli-calc.c — trajectoire-cli calc FILE… --output FILE.xlsx [--scenario NAME]
 *
 * « Exporter en classeur de calcul »: writes a scenario (one file) or the
 * national set of regional scenarios (several files) as a workbook whose
 * figures are live formulas of MODEL 2 (trj-formula-book.h). Each file is a
 * scenario document (.json), a programming file (.xlsx) or a workbook
 * (.trajectoire: its current scenario, or the one --scenario names).
 * Exit codes: 0 success, 1 a file refused (the message names it), 2 usage.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-formula-book.h"
#include "trj-input.h"

int
trj_cli_calc (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_scenario_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the computation workbook to this .xlsx file (required; “-”: standard output)"), N_("FILE") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Scenario of each workbook to write (default: its current scenario)"), N_("NAME") },
    { NULL }
  };

  context = trj_cli_command_context ("calc", N_("FILE…"),
                                     N_("Writes a scenario, or the national set of regional scenarios "
                                        "(several files), as a spreadsheet whose figures are live "
                                        "formulas of the model: change a rate in LibreOffice Calc or "
                                        "Excel and the envelope follows."),
                                     entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return 2;
  if (argc < 2)
    {
      trj_cli_error ("%s", _("at least one scenario file is expected (see --help)"));
      return 2;
    }
  if (output == NULL)
    {
      trj_cli_error ("%s", _("--output is required (see --help)"));
      return 2;
    }
  if (!trj_cli_is_stdout (output) && !g_str_has_suffix (output, ".xlsx"))
    {
      trj_cli_error (_("the output file must end in .xlsx: “%s”"), output);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      TrjScenario *scenario = trj_cli_load_scenario (argv[i], scenario_name, &error);

      if (scenario == NULL)
        {
          trj_cli_error ("%s", error->message);
          return error->domain == G_OPTION_ERROR ? 2 : 1;
        }
      g_ptr_array_add (scenarios, scenario);
      if (scenario->year != ((TrjScenario *) g_ptr_array_index (scenarios, 0))->year)
        {
          g_autofree char *display = trj_input_display_name (argv[i]);

          trj_cli_error (_("%s: its year %d is not the year %d of the first file: a workbook holds one year"),
                         display, scenario->year, ((TrjScenario *) g_ptr_array_index (scenarios, 0))->year);
          return 1;
        }
    }

  if ((file = trj_cli_output_begin (output, ".xlsx", &error)) == NULL
      || !trj_formula_book_write ((const TrjScenario *const *) scenarios->pdata, NULL, scenarios->len, file, &error)
      || !trj_cli_output_end (output, file, &error))
    {
      trj_cli_error ("%s", error->message);
      return 1;
    }
  return 0;
}
