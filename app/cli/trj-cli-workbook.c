/* trj-cli-workbook.c — trajectoire-cli new, import, export and scenarios (workbooks)
 *
 * Exit codes: 0 success, 1 invalid input (the message says what and where), 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-cli.h"
#include "trj-csv.h"
#include "trj-input.h"
#include "trj-json.h"
#include "trj-notification-csv.h"
#ifndef TRJ_CLI_LIGHT
#include "trj-programming.h"
#endif
#include "trj-workbook.h"
#include "trj-year-data.h"

enum {
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

gint64
trj_cli_find_scenario (TrjWorkbook *wb, const char *name, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) names = NULL;
  gint64 id;

  if (name == NULL)
    return trj_workbook_get_current_scenario (wb);
  if ((id = trj_workbook_find_scenario (wb, name)) != 0)
    return id;

  list = trj_workbook_list_scenarios (wb);
  names = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
                            ((TrjScenarioInfo *) g_ptr_array_index (list, i))->name);
  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
               _("%s: there is no scenario “%s” (scenarios: %s)"),
               trj_workbook_get_path (wb), name, names->str);
  return 0;
}

TrjScenario *
trj_cli_workbook_scenario (const char *path, const char *scenario_name, GError **error)
{
  g_autoptr(TrjWorkbook) wb = trj_cli_open_workbook (path, error);
  gint64 id;

  if (wb == NULL || (id = trj_cli_find_scenario (wb, scenario_name, error)) == 0)
    return NULL;
  return trj_workbook_get_scenario (wb, id, error);
}

static int
report_error (const GError *error)
{
  trj_cli_error ("%s", error->message);
  /* A missing or wrong option (xlsx without --output) is a usage error. */
  return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_INVALID;
}

/* Parses options and checks the number of file arguments left. */
static gboolean
parse_files (GOptionContext *context, int *argc, char ***argv, int n_files)
{
  if (!trj_cli_parse (context, argc, argv))
    return FALSE;
  if (*argc != n_files + 1)
    {
      trj_cli_error ("%s", n_files == 1 ? _("one workbook file is expected (see --help)")
                                        : _("a workbook and a scenario file are expected (see --help)"));
      return FALSE;
    }
  return TRUE;
}

int
trj_cli_new (int argc, char **argv)
{
  g_autofree char *region = NULL;
  g_autofree char *notification = NULL;
  int year = 2024;
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region,
      N_("Region of the workbook, as in the notification (“Bretagne”)"), N_("NAME") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Programme year (default: 2024)"), N_("YEAR") },
    { "notification", 0, 0, G_OPTION_ARG_FILENAME, &notification,
      N_("The region's notification of every envelope, from a CSV table with the columns "
         "enveloppe, AE, CP and the optional volume and région (rows of other regions are "
         "left out)"), N_("FILE.csv") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) example = NULL;
  const TrjYearData *data;
  const TrjRegion *r;

  context = trj_cli_command_context ("new", N_("WORKBOOK"),
                             N_("Creates a workbook for a region and year, with one scenario "
                                "from the notification (as “trajectoire-cli example”): the "
                                "envelopes of the contrats aidés, IAE, EA and GEIQ. The "
                                "circular does not split IAE, EA and GEIQ by region: they start "
                                "at 0 € unless --notification gives them."),
                             entries);
  if (!parse_files (context, &argc, &argv, 1))
    return EXIT_USAGE;
  if (region == NULL)
    {
      trj_cli_error ("%s", _("--region is required"));
      return EXIT_USAGE;
    }
  if (notification == NULL)
    wb = trj_workbook_new_for_region (argv[1], region, year, &error);
  else if ((data = trj_year_data_get (year, &error)) != NULL)
    {
      /* The example, with the notified amounts of the file and the entry
       * profiles calibrated on its CP (MODEL 2.7). */
      if ((r = trj_year_data_find_region (data, region)) == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("Unknown region “%s” in the %d notification"), region, year);
      else if ((example = trj_year_data_example (data, r->name, &error)) != NULL
               && trj_notification_csv_apply (notification, example, &error)
               && trj_scenario_calibrate_profiles (example, &error))
        wb = trj_workbook_new_with_scenario (argv[1], example, &error);
    }
  if (wb == NULL)
    return report_error (error);
  return EXIT_SUCCESS;
}

int
trj_cli_import (int argc, char **argv)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the new scenario (default: the file name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *stored_name = NULL;

  context = trj_cli_command_context ("import", N_("WORKBOOK SCENARIO.json|PROGRAMMING.xlsx"),
                             N_("Adds a scenario to a workbook from a “trajectoire-scenario/1” "
                                "JSON document, or from a programming file (.xlsx) exported by "
                                "Trajectoire. The document is checked whole first: nothing "
                                "is added if any of it is wrong."),
                             entries);
  if (!parse_files (context, &argc, &argv, 2))
    return EXIT_USAGE;
  if (trj_input_is_stream (argv[1]))
    {
      /* Its copy would take the scenario and be thrown away. */
      trj_cli_error (_("“%s”: the workbook to import into must be a file, not a stream"), argv[1]);
      return EXIT_USAGE;
    }
  scenario = trj_cli_read_scenario (argv[2], &stored_name, &error);
  if (scenario != NULL && name == NULL && g_str_equal (argv[2], "-"))
    {
      /* No file name to take: the name a programming file stores, or ask for one. */
      if (stored_name == NULL)
        {
          trj_cli_error ("%s", _("--name is needed for a scenario read from the standard input"));
          return EXIT_USAGE;
        }
      name = g_steal_pointer (&stored_name);
    }
  else if (scenario != NULL && name == NULL)
    {
      g_autofree char *base = g_path_get_basename (argv[2]);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      name = g_filename_display_name (base);
    }
  if (scenario == NULL || (wb = trj_cli_open_workbook (argv[1], &error)) == NULL)
    return report_error (error);
  if (trj_workbook_is_read_only (wb))
    {
      trj_cli_error ("%s: %s", argv[1], trj_workbook_get_read_only_reason (wb));
      return EXIT_INVALID;
    }
  if (trj_workbook_import_scenario (wb, scenario, name, &error) == 0)
    return report_error (error);
  return EXIT_SUCCESS;
}

/* ── export ───────────────────────────────────────────────────────────── */

/* Writes one scenario of a workbook to `output` (NULL: standard output). */
typedef gboolean (*ExportFunc) (TrjWorkbook *wb, gint64 scenario_id, const char *output,
                                GError **error);

static gboolean
export_json (TrjWorkbook *wb, gint64 scenario_id, const char *output, GError **error)
{
  g_autoptr(TrjScenario) scenario = trj_workbook_get_scenario (wb, scenario_id, error);
  g_autofree char *document = NULL;

  if (scenario == NULL)
    return FALSE;
  document = trj_json_scenario_to_data (scenario);
  return trj_cli_write_text (output, document, error);
}

/* The programming file; its scenario name is the workbook's. */
static gboolean
export_xlsx (TrjWorkbook *wb, gint64 scenario_id, const char *output, GError **error)
{
#ifdef TRJ_CLI_LIGHT
  /* The xlsx writer is in trajectoire-cli-full. */
  exit (trj_cli_run_full ());
#else
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autoptr(TrjSentVersion) sent = NULL;
  g_autofree char *sent_text = NULL;
  TrjProgrammingInfo info = { NULL, NULL, NULL };

  if (output == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("the xlsx export needs --output FILE (or “-” for the standard output)"));
      return FALSE;
    }
  if ((scenario = trj_workbook_get_scenario (wb, scenario_id, error)) == NULL
      || (file = trj_cli_output_begin (output, ".xlsx", error)) == NULL)
    return FALSE;
  name = trj_workbook_get_scenario_name (wb, scenario_id);
  info.scenario_name = name;
  if ((sent = trj_workbook_get_sent (wb, scenario_id, error)) != NULL)
    info.sent = sent_text = trj_sent_version_describe (sent);
  else if (error != NULL && *error != NULL)
    return FALSE;
  return trj_programming_write_xlsx (scenario, &info, file, error)
         && trj_cli_output_end (output, file, error);
#endif
}

/* Renames a finished temporary file over its target. */
static gboolean
commit (const char *written, const char *target, GError **error)
{
  int saved_errno;

  if (g_rename (written, target) == 0)
    return TRUE;
  saved_errno = errno;
  g_unlink (written);
  {
    g_autofree char *display = g_filename_display_name (target);

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
  }
  return FALSE;
}

/* The contract lines to FILE.csv, the post-aid and free lines beside it to
 * FILE-aides-au-poste.csv and the trajectory to FILE-trajectoire.csv: all
 * written to temporary files first, so that a failure (a full disk) leaves
 * every target as it was. */
static gboolean
export_csv (TrjWorkbook *wb, gint64 scenario_id, const char *output, GError **error)
{
  typedef gboolean (*CsvFunc) (const TrjScenario *, const char *, GError **);
  /* FILE.csv last: if another target cannot be replaced, the lines stay as they were. */
  static const struct { const char *suffix; CsvFunc write; } files[] = {
    { "-trajectoire.csv", trj_csv_export_trajectory },
    { "-aides-au-poste.csv", trj_csv_export_post_aid },
    { ".csv", trj_csv_export_lines },
  };
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *stem = NULL;
  char *targets[G_N_ELEMENTS (files)] = { NULL };
  char *parts[G_N_ELEMENTS (files)] = { NULL };
  gsize n_written = 0, n_committed = 0;
  gboolean ok = TRUE;

  if (output == NULL || !g_str_has_suffix (output, ".csv"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("the CSV export writes three files and needs --output FILE.csv"));
      return FALSE;
    }
  if ((scenario = trj_workbook_get_scenario (wb, scenario_id, error)) == NULL)
    return FALSE;
  stem = g_strndup (output, strlen (output) - strlen (".csv"));
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      targets[i] = g_strconcat (stem, files[i].suffix, NULL);
      parts[i] = g_strconcat (targets[i], ".part", NULL);
    }
  for (; ok && n_written < G_N_ELEMENTS (files); n_written++)
    ok = files[n_written].write (scenario, parts[n_written], error);
  if (!ok)
    n_written--;   /* the one that failed left no file */
  /* A commit that fails removes its own part; the loop counts it. */
  for (; ok && n_committed < G_N_ELEMENTS (files); n_committed++)
    ok = commit (parts[n_committed], targets[n_committed], error);
  for (gsize i = n_committed; i < n_written; i++)
    g_unlink (parts[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_free (targets[i]);
      g_free (parts[i]);
    }
  return ok;
}

static const struct {
  const char *name;
  ExportFunc func;
} export_formats[] = {
  { "json", export_json },
  { "xlsx", export_xlsx },
  { "csv", export_csv },
};

int
trj_cli_export (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Format of the export: json (default), xlsx (programming file) or csv "
         "(contract lines to FILE.csv, post-aid and free lines to FILE-aides-au-poste.csv, "
         "trajectory to FILE-trajectoire.csv)"), N_("FORMAT") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Scenario to export (default: the active one)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  ExportFunc func = NULL;
  gint64 id;

  context = trj_cli_command_context ("export", N_("WORKBOOK"),
                             N_("Exports a scenario of a workbook; in JSON it is the "
                                "“trajectoire-scenario/1” document that “import” reads."),
                             entries);
  if (!parse_files (context, &argc, &argv, 1))
    return EXIT_USAGE;
  for (gsize i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_strcmp0 (format ? format : "json", export_formats[i].name) == 0)
      func = export_formats[i].func;
  if (func == NULL)
    {
      trj_cli_error (_("unknown format “%s”"), format);
      return EXIT_USAGE;
    }

  if ((wb = trj_cli_open_workbook (argv[1], &error)) == NULL ||
      (id = trj_cli_find_scenario (wb, scenario_name, &error)) == 0 ||
      !func (wb, id, output, &error))
    return report_error (error);
  return EXIT_SUCCESS;
}

int
trj_cli_scenarios (int argc, char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(GPtrArray) list = NULL;

  context = trj_cli_command_context ("scenarios", N_("WORKBOOK"),
                             N_("Lists the scenarios of a workbook in their order; “*” marks "
                                "the active one, and a version sent to the DGEFP says when and "
                                "as what (“trajectoire-cli send”)."),
                             entries);
  if (!parse_files (context, &argc, &argv, 1))
    return EXIT_USAGE;
  if ((wb = trj_cli_open_workbook (argv[1], &error)) == NULL)
    return report_error (error);

  list = trj_workbook_list_scenarios (wb);
  for (guint i = 0; i < list->len; i++)
    {
      TrjScenarioInfo *info = g_ptr_array_index (list, i);

      g_autoptr(TrjSentVersion) sent = trj_workbook_get_sent (wb, info->id, &error);

      if (error != NULL)
        return report_error (error);
      if (sent != NULL)
        /* TRANSLATORS: after a scenario's name: when and as what it was sent */
        printf ("%s %s (%s %s, %s)\n", info->id == trj_workbook_get_current_scenario (wb) ? "*" : " ",
                info->name, _("sent on"), sent->date, trj_sent_kind_to_string (sent->kind));
      else
        printf ("%s %s\n", info->id == trj_workbook_get_current_scenario (wb) ? "*" : " ", info->name);
    }
  return EXIT_SUCCESS;
}
