/* trj-cli-ddets.c — trajectoire-cli ddets: the dialogue DREETS–DDETS (issue 16, trj-ddets.h)
 *
 *   ddets prepare WORKBOOK --departement 29 --output FILE [--scenario NAME]
 *   ddets integrate WORKBOOK FILE [--scenario NAME]
 *
 * Exit codes: 0 success, 1 invalid input or a refused return (the conflicts on
 * the standard error, one a line, nothing applied), 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-ddets.h"
#include "trj-input.h"

enum {
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

static TrjWorkbook *
open_region (const char *path, const char *scenario_name, gint64 *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;

  if (trj_input_is_stream (path))
    {
      trj_cli_error (_("“%s”: the workbook must be a file, not a stream"), path);
      return NULL;
    }
  if ((wb = trj_cli_open_workbook (path, &error)) == NULL
      || (*id = trj_cli_find_scenario (wb, scenario_name, &error)) == 0)
    {
      trj_cli_error ("%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&wb);
}

static int
ddets_prepare (int argc, char **argv)
{
  g_autofree char *scenario_name = NULL;
  g_autofree char *departement = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "departement", 'd', 0, G_OPTION_ARG_STRING, &departement,
      N_("The département of the DDETS, by its code (29, 2A, 974)"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (.trajectoire)"), N_("FILE") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The scenario to prepare it from (default: the active one)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  gint64 id = 0;

  context = trj_cli_command_context ("ddets prepare", N_("WORKBOOK"),
                                     N_("« Préparer le fichier d’une DDETS »: writes a workbook holding the "
                                        "département’s part of the scenario: its lines and its allocations, "
                                        "each envelope notified with the département’s allocation. The "
                                        "regional workbook keeps the lines as sent, for the return."),
                                     entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      trj_cli_error ("%s", _("one workbook file is expected (see --help)"));
      return EXIT_USAGE;
    }
  if (departement == NULL || output == NULL)
    {
      trj_cli_error ("%s", _("--departement and --output are required (see --help)"));
      return EXIT_USAGE;
    }
  if ((wb = open_region (argv[1], scenario_name, &id)) == NULL)
    return EXIT_INVALID;
  if (!trj_ddets_prepare (wb, id, departement, output, &error))
    {
      trj_cli_error ("%s", error->message);
      return EXIT_INVALID;
    }
  return EXIT_SUCCESS;
}

static int
ddets_integrate (int argc, char **argv)
{
  g_autofree char *scenario_name = NULL;
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The scenario the file was prepared from (default: the active one)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_auto(TrjDdetsMerge) merge = { 0 };
  gint64 id = 0;

  context = trj_cli_command_context ("ddets integrate", N_("WORKBOOK FILE"),
                                     N_("« Intégrer le retour d’une DDETS »: merges the lines of a file "
                                        "prepared by « ddets prepare » and completed by the DDETS back into "
                                        "the scenario, as one undo step. A line changed on both sides is a "
                                        "conflict: then nothing changes and each conflict is listed on the "
                                        "standard error."),
                                     entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    {
      trj_cli_error ("%s", _("a workbook and a DDETS file are expected (see --help)"));
      return EXIT_USAGE;
    }
  if ((wb = open_region (argv[1], scenario_name, &id)) == NULL)
    return EXIT_INVALID;
  if (!trj_ddets_integrate (wb, id, argv[2], &merge, &error))
    {
      /* The message lists the conflicts, one a line. */
      trj_cli_error ("%s", error->message);
      return EXIT_INVALID;
    }
  /* TRANSLATORS: %s is the département's code, then counts of lines */
  printf (_("Return of the DDETS %s integrated — lines updated: %u, added: %u, removed: %u\n"), merge.departement,
          merge.updated, merge.added, merge.removed);
  return EXIT_SUCCESS;
}

int
trj_cli_ddets (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "prepare"))
    return ddets_prepare (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "integrate"))
    return ddets_integrate (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  trajectoire-cli ddets prepare %s\n  trajectoire-cli ddets integrate %s\n\n%s\n",
              _("Usage:"), _("WORKBOOK --departement CODE --output FILE [--scenario NAME]"),
              _("WORKBOOK FILE [--scenario NAME]"),
              _("The dialogue DREETS–DDETS: prepare the file of one département, integrate its return."));
      return EXIT_SUCCESS;
    }
  trj_cli_error ("%s", _("ddets: “prepare” or “integrate” is expected (see ddets --help)"));
  return EXIT_USAGE;
}
