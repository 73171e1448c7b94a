/* trj-cli-structures.c — trajectoire-cli structures and realised: the
 * register of IAE structures and their realised ETP (MODEL 3.1, 3.2)
 *
 * Exit codes: 0 success, 1 invalid input (the message says what and where), 2 usage.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-input.h"
#include "trj-structures-csv.h"
#include "trj-workbook.h"

enum {
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

typedef GPtrArray *(*ReadFunc) (const char *path, const TrjScenario *scenario, GError **error);
typedef gboolean (*ImportFunc) (TrjWorkbook *wb, gint64 scenario_id, GPtrArray *rows, GError **error);

/* The two commands differ by their reader, their writer and their words. */
static int
import_csv (int argc, char **argv, const char *command, const char *summary, ReadFunc read,
            ImportFunc import, GPtrArray **rows_out)
{
  g_autofree char *scenario_name = NULL;
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The scenario whose lines the rows are matched to (default: the active one)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 id;

  context = trj_cli_command_context (command, N_("WORKBOOK FILE.csv"), summary, entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    {
      trj_cli_error ("%s", _("a workbook and a CSV file are expected (see --help)"));
      return EXIT_USAGE;
    }
  if (trj_input_is_stream (argv[1]))
    {
      trj_cli_error (_("“%s”: the workbook must be a file, not a stream"), argv[1]);
      return EXIT_USAGE;
    }
  if ((wb = trj_cli_open_workbook (argv[1], &error)) == NULL
      || (id = trj_cli_find_scenario (wb, scenario_name, &error)) == 0
      || (scenario = trj_workbook_get_scenario (wb, id, &error)) == NULL
      || (rows = read (argv[2], scenario, &error)) == NULL
      || !import (wb, id, rows, &error))
    {
      trj_cli_error ("%s", error->message);
      return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_INVALID;
    }
  *rows_out = g_steal_pointer (&rows);
  return EXIT_SUCCESS;
}

int
trj_cli_structures (int argc, char **argv)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint added = 0;
  int status;

  status = import_csv (argc, argv, "structures",
                       N_("Imports the register of IAE structures from a CSV file (a header row; columns "
                          "nom and type (EI, ETTI, ACI, AI, EITI, PASSERELLE, CDI_INCLUSION), and optional "
                          "siret, département, conventionné N-1, réalisé N-1, ETP, diminution demandée, "
                          "revalorisation demandée, développement, milieu pénitentiaire). Each row updates "
                          "the IAE line of its structure and kind, or adds one. Separator ; or , , decimal "
                          "comma or point, UTF-8 or Windows-1252. A file with any error changes nothing; "
                          "each error names its row and column. Importing is one undo step."),
                       trj_structures_read_csv, trj_workbook_import_structures, &rows);
  if (status != EXIT_SUCCESS)
    return status;
  for (guint i = 0; i < rows->len; i++)
    added += ((TrjStructureRow *) g_ptr_array_index (rows, i))->line_id == NULL;
  /* TRANSLATORS: "12 structures imported (3 new lines)" */
  printf (ngettext ("%u structure imported (%u new lines)\n", "%u structures imported (%u new lines)\n",
                    rows->len),
          rows->len, added);
  return EXIT_SUCCESS;
}

int
trj_cli_realised (int argc, char **argv)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint months = 0;
  int status;

  status = import_csv (argc, argv, "realised",
                       N_("Imports the realised ETP of the IAE structures from a CSV file of the ASP’s "
                          "monthly declarations (a header row; columns siret or nom, mois (1 to 12 or "
                          "janvier…), ETP, and type when a structure has lines of several kinds). "
                          "A file with any error changes nothing; each error names its row and column. "
                          "Importing is one undo step."),
                       trj_realised_read_csv, trj_workbook_import_realised, &rows);
  if (status != EXIT_SUCCESS)
    return status;
  for (guint i = 0; i < rows->len; i++)
    for (guint m = 0; m < TRJ_MONTHS; m++)
      months += !isnan (((TrjRealisedRow *) g_ptr_array_index (rows, i))->etp[m]);
  /* TRANSLATORS: "36 months of realised ETP imported for 3 structures" */
  printf (ngettext ("%u month of realised ETP imported for %u structures\n",
                    "%u months of realised ETP imported for %u structures\n", months),
          months, rows->len);
  return EXIT_SUCCESS;
}
