/* trj-cli-chart.c — `trajectoire-cli chart` and `trajectoire-cli report` */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-cli.h"
#include "trj-chart-export.h"
#include "trj-report.h"
#include "trj-workbook.h"
#include "trj-year-data.h"

#define EXIT_INVALID 1
#define EXIT_USAGE   2

/* The name shown in titles: the one asked for, else a workbook's current
 * scenario, else a JSON document's file name without its extension. */
static char *
scenario_display_name (const char *path, const char *asked)
{
  g_autoptr(TrjWorkbook) workbook = NULL;
  gint64 current;

  if (asked != NULL)
    return g_strdup (asked);
  if (!trj_cli_is_workbook (path))
    {
      g_autofree char *base = g_path_get_basename (path);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      return g_steal_pointer (&base);
    }
  if ((workbook = trj_cli_open_workbook (path, NULL)) == NULL)
    return NULL;
  current = trj_workbook_get_current_scenario (workbook);
  return current != 0 ? trj_workbook_get_scenario_name (workbook, current) : NULL;
}

typedef struct {
  TrjScenario *scenario;
  TrjResult *result;
  char *name;
} Loaded;

static void
loaded_clear (Loaded *loaded)
{
  g_clear_pointer (&loaded->scenario, trj_scenario_free);
  g_clear_pointer (&loaded->result, trj_result_free);
  g_clear_pointer (&loaded->name, g_free);
}

static gboolean
load (const char *path, const char *scenario_name, Loaded *out, GError **error)
{
  const TrjYearData *data;

  out->scenario = trj_cli_load_scenario (path, scenario_name, error);
  if (out->scenario == NULL)
    return FALSE;
  data = trj_year_data_get (out->scenario->year, NULL);
  out->result = trj_result_new (out->scenario);
  out->name = scenario_display_name (path, scenario_name);
  return trj_engine_compute (out->scenario, data != NULL ? &data->rules : NULL, out->result, error);
}

int
trj_cli_chart (int argc, char **argv)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *group_name = NULL;
  g_auto(GStrv) scenario_names = NULL;
  int width = TRJ_CHART_EXPORT_WIDTH, height = TRJ_CHART_EXPORT_HEIGHT;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_("trajectory, monthly, breakdown, overlay, parameters or landing (default: trajectory)"), N_("KIND") },
    { "envelope", 'e', 0, G_OPTION_ARG_STRING, &envelope,
      N_("Envelope to draw, one of those listed below (default: the whole region)"), N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("png, svg or pdf (default: from the output file name)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels or points (default: 1600)"), N_("N") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels or points (default: 900)"), N_("N") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING_ARRAY, &scenario_names,
      N_("Scenario of a workbook; repeat it to compare scenarios (overlay)"), N_("NAME") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &group_name,
      N_("Breakdown by departement or prescriber (default: departement)"), N_("GROUP") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark style"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = trj_cli_command_context ("chart", _("WORKBOOK…"),
                                                       _("Draws a chart of a workbook or scenario as PNG, SVG or PDF."),
                                                       entries);
  g_autoptr(GArray) loaded = g_array_new (FALSE, TRUE, sizeof (Loaded));
  g_autofree TrjChartSource *sources = NULL;
  g_autoptr(TrjChartModel) model = NULL;
  g_autoptr(TrjLanding) landing = NULL;
  g_autoptr(GError) error = NULL;
  TrjChartRequest request = { TRJ_CHART_TRAJECTORY, NULL, TRJ_CHART_BY_DEPARTEMENT, NULL };
  g_autofree char *suffix = NULL;
  g_autofree char *file = NULL;
  TrjChartFormat format;
  TrjChartStyle style;
  guint n_names;

  g_autoptr(GString) ids = g_string_new (_("Envelopes:"));

  /* The ids --envelope takes, from the catalogue. */
  for (guint e = 0; e < trj_catalog_n_envelopes (); e++)
    g_string_append_printf (ids, "\n  %-12s %s", trj_catalog_envelope_at (e)->id,
                            trj_catalog_envelope_title (trj_catalog_envelope_at (e)->id));
  g_option_context_set_description (context, ids->str);
  g_array_set_clear_func (loaded, (GDestroyNotify) loaded_clear);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2 || output == NULL)
    {
      trj_cli_error (_("chart needs a workbook or scenario file and --output FILE"));
      return EXIT_USAGE;
    }
  if (kind_name != NULL && !trj_chart_kind_from_string (kind_name, &request.kind))
    {
      trj_cli_error (_("--kind: “%s” is not one of trajectory, monthly, breakdown, overlay, parameters, landing"), kind_name);
      return EXIT_USAGE;
    }
  if (format_name == NULL)
    {
      const char *dot = strrchr (output, '.');

      format_name = g_strdup (dot != NULL ? dot + 1 : "png");
    }
  if (!trj_chart_format_from_string (format_name, &format))
    {
      trj_cli_error (_("--format: “%s” is not one of png, svg, pdf"), format_name);
      return EXIT_USAGE;
    }
  if (group_name != NULL && g_str_equal (group_name, "prescriber"))
    request.group = TRJ_CHART_BY_PRESCRIBER;
  else if (group_name != NULL && !g_str_equal (group_name, "departement"))
    {
      trj_cli_error (_("--by: “%s” is not one of departement, prescriber"), group_name);
      return EXIT_USAGE;
    }
  request.envelope_id = envelope;

  /* Every file, and in each every scenario asked for (overlay compares them). */
  n_names = scenario_names != NULL ? g_strv_length (scenario_names) : 0;
  for (int i = 1; i < argc; i++)
    for (guint s = 0; s < MAX (n_names, 1); s++)
      {
        Loaded one = { NULL, NULL, NULL };

        if (!load (argv[i], n_names > 0 ? scenario_names[s] : NULL, &one, &error))
          {
            loaded_clear (&one);
            trj_cli_error ("%s: %s", argv[i], error->message);
            return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_INVALID;
          }
        g_array_append_val (loaded, one);
      }
  sources = g_new0 (TrjChartSource, loaded->len);
  for (guint i = 0; i < loaded->len; i++)
    {
      const Loaded *one = &g_array_index (loaded, Loaded, i);

      sources[i] = (TrjChartSource) { one->scenario, one->result, one->name };
    }

  trj_chart_style_init (&style, dark);
  /* The landing: the workbook's actuals against its scenario (MODEL 8, the
   * observed projection). */
  if (request.kind == TRJ_CHART_LANDING)
    {
      g_autoptr(TrjWorkbook) workbook = trj_cli_open_workbook (argv[1], &error);
      g_autoptr(TrjActuals) actuals = workbook != NULL ? trj_workbook_get_actuals (workbook, &error) : NULL;
      const TrjYearData *data = trj_year_data_get (sources[0].scenario->year, NULL);

      if (actuals == NULL || trj_actuals_last_month (actuals) == 0
          || (landing = trj_landing_compute (sources[0].scenario, actuals, TRJ_PROJECTION_OBSERVED,
                                             data != NULL ? &data->rules : NULL, &error)) == NULL)
        {
          trj_cli_error ("%s: %s", argv[1], error != NULL ? error->message : _("the workbook has no actuals"));
          return EXIT_INVALID;
        }
      request.landing = landing;
    }
  model = trj_chart_model_build (&request, sources, loaded->len, &error);
  suffix = g_strconcat (".", format_name, NULL);
  if (model == NULL || (file = trj_cli_output_begin (output, suffix, &error)) == NULL
      || !trj_chart_export (model, &style, format, width, height, file, &error)
      || !trj_cli_output_end (output, file, &error))
    {
      trj_cli_error ("%s", error->message);
      return EXIT_INVALID;
    }
  return EXIT_SUCCESS;
}

int
trj_cli_report (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *scenario_name = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), N_("FILE") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Scenario of a workbook (default: its active scenario)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = trj_cli_command_context ("report", _("WORKBOOK"),
                                                       _("Writes the programming report (PDF, A4 landscape)."),
                                                       entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjReport) report = NULL;
  g_autofree char *file = NULL;
  Loaded one = { NULL, NULL, NULL };

  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || output == NULL)
    {
      trj_cli_error (_("report needs one workbook or scenario file and --output FILE"));
      return EXIT_USAGE;
    }
  if (!load (argv[1], scenario_name, &one, &error))
    {
      loaded_clear (&one);
      trj_cli_error ("%s: %s", argv[1], error->message);
      return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_INVALID;
    }
  report = trj_report_new (one.scenario, one.name, NULL, &error);
  /* A workbook with actuals: the realised and projected charts of the
   * scenario reported (MODEL 8, observed projection). */
  if (report != NULL)
    {
      g_autoptr(TrjWorkbook) workbook = trj_cli_open_workbook (argv[1], NULL);
      g_autoptr(TrjActuals) actuals = workbook != NULL ? trj_workbook_get_actuals (workbook, NULL) : NULL;
      const TrjYearData *data = trj_year_data_get (one.scenario->year, NULL);
      TrjLanding *landing = NULL;

      if (actuals != NULL && trj_actuals_last_month (actuals) > 0
          && ((landing = trj_landing_compute (one.scenario, actuals, TRJ_PROJECTION_OBSERVED,
                                              data != NULL ? &data->rules : NULL, &error)) == NULL
              || !trj_report_add_landing (report, trj_scenario_copy (one.scenario), one.name, landing, &error)))
        g_clear_pointer (&report, trj_report_free);
    }
  loaded_clear (&one);
  if (report == NULL || (file = trj_cli_output_begin (output, ".pdf", &error)) == NULL
      || !trj_report_write_pdf (report, file, &error)
      || !trj_cli_output_end (output, file, &error))
    {
      trj_cli_error ("%s", error->message);
      return EXIT_INVALID;
    }
  return EXIT_SUCCESS;
}
