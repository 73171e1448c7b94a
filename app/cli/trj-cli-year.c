/* trj-cli-year.c — trajectoire-cli diff, actuals and landing: the year after
 * the programming (MODEL 8 and 9)
 *
 * Exit codes: 0 success, 1 invalid input (the message says what and where), 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-diff.h"
#include "trj-input.h"
#include "trj-workbook.h"

enum {
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

static int
report_error (const GError *error)
{
  trj_cli_error ("%s", error->message);
  return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_INVALID;
}

/* The version sent last (MODEL 9), with an error when none was. */
static gint64
last_sent (TrjWorkbook *wb, GError **error)
{
  gint64 id = trj_workbook_get_last_sent (wb);

  if (id == 0)
    g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                 _("%s: no version was sent to the DGEFP yet; name the scenarios to compare "
                   "with --scenario"), trj_workbook_get_path (wb));
  return id;
}

int
trj_cli_diff (int argc, char **argv)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING_ARRAY, &names,
      N_("A scenario to compare, twice: A then B (once: B, compared with the last version "
         "sent; never: the active scenario, compared with the last version sent)"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("json (default: the “trajectoire-diff/1” document) or text"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) a = NULL, b = NULL;
  g_autoptr(TrjDiff) diff = NULL;
  g_autofree char *name_a = NULL, *name_b = NULL, *document = NULL;
  guint n_names;
  gint64 id_a = 0, id_b = 0;
  gboolean text;

  context = trj_cli_command_context ("diff", N_("WORKBOOK"),
                             N_("Compares two scenarios of a workbook, or a scenario with the "
                                "last version sent to the DGEFP: per envelope and per line "
                                "(matched by id, then by kind, département and prescriber), "
                                "volume, parameters, AE, CP, capacity and alerts of A and B and "
                                "what changed (b − a), with the lines added and removed."),
                             entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  n_names = names ? g_strv_length (names) : 0;
  if (argc != 2 || n_names > 2)
    {
      trj_cli_error ("%s", _("one workbook and at most two --scenario are expected (see --help)"));
      return EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    {
      trj_cli_error (_("unknown format “%s”"), format);
      return EXIT_USAGE;
    }
  text = format != NULL && g_str_equal (format, "text");

  if ((wb = trj_cli_open_workbook (argv[1], &error)) == NULL)
    return report_error (error);
  if (n_names == 2)
    {
      if ((id_a = trj_cli_find_scenario (wb, names[0], &error)) == 0 ||
          (id_b = trj_cli_find_scenario (wb, names[1], &error)) == 0)
        return report_error (error);
    }
  else if ((id_a = last_sent (wb, &error)) == 0 ||
           (id_b = trj_cli_find_scenario (wb, n_names == 1 ? names[0] : NULL, &error)) == 0)
    return report_error (error);

  if ((a = trj_workbook_get_scenario (wb, id_a, &error)) == NULL ||
      (b = trj_workbook_get_scenario (wb, id_b, &error)) == NULL ||
      (diff = trj_diff_new (a, b, &error)) == NULL)
    return report_error (error);
  name_a = trj_workbook_get_scenario_name (wb, id_a);
  name_b = trj_workbook_get_scenario_name (wb, id_b);
  document = text ? trj_diff_to_text (diff, name_a, name_b) : trj_diff_to_json (diff);
  if (!trj_cli_write_text (output, document, &error))
    return report_error (error);
  return EXIT_SUCCESS;
}
