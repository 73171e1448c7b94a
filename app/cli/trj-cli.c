/* trj-cli.c — entry point of trajectoire-cli: locale, dispatch, shared helpers */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-engine.h"
#include "trj-format.h"
#include "trj-i18n.h"

typedef struct {
  const char *name;
  TrjCliCommandFunc func;
  const char *summary;   /* N_() */
} TrjCliCommand;

#ifdef TRJ_CLI_LIGHT
#define FULL(func) NULL
#else
#define FULL(func) func
#endif

static const TrjCliCommand commands[] = {
  { "simulate",    trj_cli_simulate,    N_("Compute the AE/CP trajectory of a scenario or workbook") },
  { "summary",     trj_cli_summary,     N_("Print the summary of each envelope (notified, programmed, margins, alerts)") },
  { "solve",       trj_cli_solve,       N_("Find the value of one parameter that meets a target AE") },
  { "example",     trj_cli_example,     N_("Print a starting scenario for a region from the notification") },
  { "new",         trj_cli_new,         N_("Create a workbook for a region and year") },
  { "import",      trj_cli_import,      N_("Add a scenario to a workbook from a JSON document") },
  { "export",      trj_cli_export,      N_("Export a workbook scenario (JSON, xlsx, CSV)") },
  { "scenarios",   trj_cli_scenarios,   N_("List the scenarios of a workbook") },
  { "actuals",     trj_cli_actuals,     N_("Import the actuals of the year from a CSV file") },
  { "structures",  trj_cli_structures,  N_("Import the register of IAE structures from a CSV file") },
  { "realised",    trj_cli_realised,    N_("Import the realised ETP of the IAE structures from a CSV file") },
  { "landing",     trj_cli_landing,     N_("Print the year-end landing and its drift by cause") },
  { "diff",        trj_cli_diff,        N_("Compare two scenarios, or a scenario with the last version sent") },
  { "ddets",       trj_cli_ddets,       N_("Prepare the file of a DDETS, or integrate its return") },
  { "send",        trj_cli_send,        N_("Mark a workbook scenario as sent to the DGEFP, which freezes it") },
  /* cairo, pango and the xlsx libraries: in trajectoire-cli-full (NULL here). */
  { "chart",       FULL (trj_cli_chart),       N_("Draw a chart as PNG, SVG or PDF") },
  { "report",      FULL (trj_cli_report),      N_("Write the PDF programming report") },
  { "consolidate", FULL (trj_cli_consolidate), N_("Consolidate regional files into a national view") },
  { "calc",        FULL (trj_cli_calc),        N_("Write a scenario or the national set as a spreadsheet of live formulas") },
};

void
trj_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("trajectoire-cli: %s\n", message);
}

GOptionContext *
trj_cli_command_context (const char *command, const char *parameter, const char *summary,
                         const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strconcat ("trajectoire-cli ", command, NULL);
  GOptionContext *context = g_option_context_new (parameter);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
trj_cli_parse (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      trj_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  trajectoire-cli %s\n\n%s\n",
           _("Usage:"), _("COMMAND [OPTIONS…]"), _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“trajectoire-cli COMMAND --help” describes the options of a command."));
}

int
main (int argc, char **argv)
{
  trj_cli_set_arguments (argc, argv);
  trj_i18n_init ();
  trj_format_install_in_engine ();

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("trajectoire-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        int status;

#ifdef TRJ_CLI_LIGHT
        if (commands[i].func == NULL)
          return trj_cli_run_full ();
#endif
        status = commands[i].func (argc - 1, argv + 1);

        trj_cli_io_clear ();
        return status;
      }

  trj_cli_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return 2;
}
