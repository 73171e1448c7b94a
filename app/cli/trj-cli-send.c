/* trj-cli-send.c — trajectoire-cli send: versions sent to the DGEFP (MODEL 9)
 *
 * Exit codes: 0 success, 1 invalid input (the message says what and where), 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-input.h"
#include "trj-workbook.h"

enum {
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

/* The history, one sending a line: date, kind, scenario, comment. */
static int
print_history (TrjWorkbook *wb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = trj_workbook_list_sent (wb, &error);

  if (history == NULL)
    {
      trj_cli_error ("%s", error->message);
      return EXIT_INVALID;
    }
  for (guint i = 0; i < history->len; i++)
    {
      TrjSentVersion *sent = g_ptr_array_index (history, i);

      printf ("%s\t%s\t%s\t%s\n", sent->date, trj_sent_kind_to_string (sent->kind),
              sent->scenario_name, sent->comment);
    }
  return EXIT_SUCCESS;
}

int
trj_cli_send (int argc, char **argv)
{
  g_autofree char *scenario_name = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *date = NULL;
  gboolean list = FALSE;
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The scenario sent"), N_("NAME") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_("What was sent: programmation, reprogrammation or remontee"), N_("KIND") },
    { "comment", 'c', 0, G_OPTION_ARG_STRING, &comment,
      N_("A comment kept with the sending"), N_("TEXT") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date,
      N_("The day it was sent, YYYY-MM-DD (default: today)"), N_("DATE") },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list,
      N_("Print the history of the versions sent instead (date, kind, scenario, comment, "
         "separated by tabs)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  TrjSentKind kind;
  gint64 id;

  context = trj_cli_command_context ("send", N_("WORKBOOK"),
                             N_("Marks a scenario as sent to the DGEFP (« Marquer comme "
                                "transmis »): the date, the kind and the comment are kept in "
                                "the workbook's history of versions sent, and the scenario is "
                                "frozen: every later edit of it is refused. Duplicate it to "
                                "work on a copy."),
                             entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      trj_cli_error ("%s", _("one workbook file is expected (see --help)"));
      return EXIT_USAGE;
    }
  if (!list && (scenario_name == NULL || kind_name == NULL))
    {
      trj_cli_error ("%s", _("--scenario and --kind are required (see --help)"));
      return EXIT_USAGE;
    }
  if (!list && !trj_sent_kind_from_string (kind_name, &kind))
    {
      trj_cli_error (_("--kind: “%s” is not one of programmation, reprogrammation, remontee"),
                     kind_name);
      return EXIT_USAGE;
    }
  if (trj_input_is_stream (argv[1]))
    {
      trj_cli_error (_("“%s”: the workbook must be a file, not a stream"), argv[1]);
      return EXIT_USAGE;
    }
  if ((wb = trj_cli_open_workbook (argv[1], &error)) == NULL)
    {
      trj_cli_error ("%s", error->message);
      return EXIT_INVALID;
    }
  if (list)
    return print_history (wb);
  if ((id = trj_cli_find_scenario (wb, scenario_name, &error)) == 0 ||
      !trj_workbook_mark_sent (wb, id, kind, date, comment, &error))
    {
      trj_cli_error ("%s", error->message);
      return EXIT_INVALID;
    }
  return EXIT_SUCCESS;
}
