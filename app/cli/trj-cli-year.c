/* trj-cli-year.c — trajectoire-cli diff, actuals and landing: the year after
 * the programming (MODEL 8 and 9)
 *
 * Exit codes: 0 success, 1 invalid input (the message says what and where), 2 usage.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-actuals-csv.h"
#include "trj-cli.h"
#include "trj-diff.h"
#include "trj-format.h"
#include "trj-input.h"
#include "trj-json-writer.h"
#include "trj-workbook.h"
#include "trj-year-data.h"

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

/* ── actuals ──────────────────────────────────────────────────────────── */

int
trj_cli_actuals (int argc, char **argv)
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
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(TrjActuals) all = NULL;
  gint64 id;
  guint T;

  context = trj_cli_command_context ("actuals", N_("WORKBOOK FILE.csv"),
                             N_("Imports the actuals of the year from a CSV file (a header row; "
                                "columns enveloppe, identifiant, mois, entrées, taux, heures, "
                                "durée, cofinancement, AE, CP; ETP for post-aid lines; type, "
                                "département and prescripteur to find a line without "
                                "identifiant). Separator ; or , , decimal comma or point, UTF-8 "
                                "or Windows-1252. A file with any error changes nothing; each "
                                "error names its row. Importing is one undo step."),
                             entries);
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
  if ((wb = trj_cli_open_workbook (argv[1], &error)) == NULL ||
      (id = trj_cli_find_scenario (wb, scenario_name, &error)) == 0 ||
      (scenario = trj_workbook_get_scenario (wb, id, &error)) == NULL ||
      (actuals = trj_actuals_read_csv (argv[2], scenario, &error)) == NULL ||
      !trj_workbook_import_actuals (wb, actuals, &error) ||
      (all = trj_workbook_get_actuals (wb, &error)) == NULL)
    return report_error (error);
  T = trj_actuals_last_month (all);
  /* TRANSLATORS: "12 rows imported; data to the end of juin" */
  printf (ngettext ("%u row imported; data to the end of %s\n", "%u rows imported; data to the end of %s\n",
                    actuals->rows->len),
          actuals->rows->len, trj_format_month_long ((int) T));
  return EXIT_SUCCESS;
}

/* ── landing ──────────────────────────────────────────────────────────── */

static void
write_drift (TrjJsonWriter *w, const double drift[TRJ_N_CAUSES])
{
  double total = 0;

  trj_json_writer_begin_object (w);
  for (TrjCause c = 0; c < TRJ_N_CAUSES; c++)
    {
      trj_json_writer_key (w, trj_cause_to_string (c));
      trj_json_writer_number (w, drift[c]);
      total += drift[c];
    }
  trj_json_writer_key (w, "total");
  trj_json_writer_number (w, total);
  trj_json_writer_end_object (w);
}

static char *
format_param (TrjParam param, double value)
{
  return trj_catalog_param (param)->kind == TRJ_PARAM_SHARE ? trj_format_percent (value, 1)
                                                            : trj_format_decimal (value, 2);
}

static void
write_drift_alert (TrjJsonWriter *w, const TrjScenario *p, const TrjLandingDrift *d)
{
  const TrjEnvelope *env = g_ptr_array_index (p->envelopes, d->envelope);
  const TrjLine *line = g_ptr_array_index (env->lines, d->line);
  g_autofree char *observed = format_param (d->param, d->observed);
  g_autofree char *programmed = format_param (d->param, d->programmed);
  g_autofree char *tolerance = format_param (d->param, d->tolerance);
  g_autofree char *message = NULL;
  g_autofree char *title = g_utf8_strdown (trj_catalog_param_title (d->param), -1);

  /* TRANSLATORS: Line “PEC Brest”: taux de prise en charge of 60,0 % in the actuals for 50,0 % in the programming (tolerance 2,0 %) */
  message = g_strdup_printf (_("Line “%s”: %s of %s in the actuals for %s in the programming (tolerance %s); warn its prescriber."),
                             line->id, title, observed, programmed, tolerance);
  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "code");
  trj_json_writer_string (w, "ACTUAL_DRIFT");
  trj_json_writer_key (w, "severity");
  trj_json_writer_string (w, "alert");
  trj_json_writer_key (w, "line");
  trj_json_writer_string (w, line->id);
  trj_json_writer_key (w, "parameter");
  trj_json_writer_string (w, trj_catalog_param (d->param)->key);
  trj_json_writer_key (w, "observed");
  trj_json_writer_number (w, d->observed);
  trj_json_writer_key (w, "programmed");
  trj_json_writer_number (w, d->programmed);
  trj_json_writer_key (w, "message");
  trj_json_writer_string (w, message);
  trj_json_writer_end_object (w);
}

/* The keys of MODEL 8; `envelope` ≥ 0 lists that envelope's alerts, `line` ≥ 0 that line's. */
static void
write_figures (TrjJsonWriter *w, const TrjScenario *p, const TrjLanding *landing,
               const TrjLandingFigures *f, int envelope, int line)
{
  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "ae_programmed");
  trj_json_writer_number (w, f->ae_programmed);
  trj_json_writer_key (w, "ae_landing");
  trj_json_writer_number (w, f->ae_landing);
  trj_json_writer_key (w, "cp_programmed");
  trj_json_writer_number (w, f->cp_programmed);
  trj_json_writer_key (w, "cp_landing");
  trj_json_writer_number (w, f->cp_landing);
  trj_json_writer_key (w, "ae_available");
  trj_json_writer_number (w, f->ae_available);
  trj_json_writer_key (w, "cp_available");
  trj_json_writer_number (w, f->cp_available);
  trj_json_writer_key (w, "drift");
  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "ae");
  write_drift (w, f->ae_drift);
  trj_json_writer_key (w, "cp");
  write_drift (w, f->cp_drift);
  trj_json_writer_end_object (w);
  trj_json_writer_key (w, "alerts");
  trj_json_writer_begin_array (w);
  if (line < 0 && f->ae_landing - f->ae_available > TRJ_OVERRUN_EPSILON)
    {
      g_autofree char *landing_text = trj_format_money (f->ae_landing);
      g_autofree char *available = trj_format_money (f->ae_available);
      g_autofree char *message = g_strdup_printf (_("The AE landing (%s) is above the AE available (%s)."),
                                                  landing_text, available);

      trj_json_writer_begin_object (w);
      trj_json_writer_key (w, "code");
      trj_json_writer_string (w, "AE_OVER_ENVELOPE");
      trj_json_writer_key (w, "severity");
      trj_json_writer_string (w, "alert");
      trj_json_writer_key (w, "line");
      trj_json_writer_null (w);
      trj_json_writer_key (w, "message");
      trj_json_writer_string (w, message);
      trj_json_writer_end_object (w);
    }
  for (guint i = 0; i < landing->drifts->len; i++)
    {
      const TrjLandingDrift *d = &g_array_index (landing->drifts, TrjLandingDrift, i);

      if ((int) d->envelope == envelope && (line < 0 || (int) d->line == line))
        write_drift_alert (w, p, d);
    }
  trj_json_writer_end_array (w);
  trj_json_writer_end_object (w);
}

char *
trj_cli_landing_to_json (const TrjScenario *p, const TrjLanding *landing)
{
  g_autoptr(TrjJsonWriter) w = trj_json_writer_new (TRUE);
  guint g = 0;

  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "format");
  trj_json_writer_string (w, "trajectoire-landing/1");
  trj_json_writer_key (w, "month");
  trj_json_writer_int (w, landing->month);
  trj_json_writer_key (w, "projection");
  trj_json_writer_string (w, trj_projection_to_string (landing->projection));
  trj_json_writer_key (w, "envelopes");
  trj_json_writer_begin_object (w);
  for (guint e = 0; e < landing->n_envelopes; e++)
    {
      trj_json_writer_key (w, ((TrjEnvelope *) g_ptr_array_index (p->envelopes, e))->id);
      write_figures (w, p, landing, &landing->envelopes[e], (int) e, -1);
    }
  trj_json_writer_end_object (w);
  trj_json_writer_key (w, "lines");
  trj_json_writer_begin_object (w);
  for (guint e = 0; e < p->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (p->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++, g++)
        {
          trj_json_writer_key (w, ((TrjLine *) g_ptr_array_index (env->lines, l))->id);
          write_figures (w, p, landing, &landing->lines[g], (int) e, (int) l);
        }
    }
  trj_json_writer_end_object (w);
  trj_json_writer_end_object (w);
  return trj_json_writer_free_to_string (g_steal_pointer (&w));
}

int
trj_cli_landing (int argc, char **argv)
{
  g_autofree char *scenario_name = NULL;
  g_autofree char *projection_name = NULL;
  g_autofree char *output = NULL;
  double tolerances[4] = { NAN, NAN, NAN, NAN };
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The reference scenario (default: the last version sent, else the active one)"), N_("NAME") },
    { "projection", 'p', 0, G_OPTION_ARG_STRING, &projection_name,
      N_("The parameters of the months after the actuals: observed (default) or programmed"),
      N_("PROJECTION") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { "tolerance-rate", 0, 0, G_OPTION_ARG_DOUBLE, &tolerances[0],
      N_("ACTUAL_DRIFT's tolerance on the rate, in points, 0 to 100 (default: 2)"), N_("POINTS") },
    { "tolerance-hours", 0, 0, G_OPTION_ARG_DOUBLE, &tolerances[1],
      N_("ACTUAL_DRIFT's tolerance on the weekly hours, 0 to 35 (default: 1)"), N_("HOURS") },
    { "tolerance-duration", 0, 0, G_OPTION_ARG_DOUBLE, &tolerances[2],
      N_("ACTUAL_DRIFT's tolerance on the duration, in months, 0 to 24 (default: 0.5)"), N_("MONTHS") },
    { "tolerance-cofinancing", 0, 0, G_OPTION_ARG_DOUBLE, &tolerances[3],
      N_("ACTUAL_DRIFT's tolerance on the cofinanced share, in points, 0 to 100 (default: 5)"), N_("POINTS") },
    { NULL }
  };
  static const struct { const char *option; double max; } bounds[4] = {
    { "--tolerance-rate", 100 }, { "--tolerance-hours", 35 }, { "--tolerance-duration", 24 },
    { "--tolerance-cofinancing", 100 },
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) p = NULL;
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(TrjLanding) landing = NULL;
  TrjDriftTolerance tolerance;
  g_autofree char *document = NULL;
  TrjProjection projection = TRJ_PROJECTION_OBSERVED;
  const TrjYearData *data;
  gint64 id;

  context = trj_cli_command_context ("landing", N_("WORKBOOK"),
                             N_("Prints the year-end landing (atterrissage) of each envelope and "
                                "line as a “trajectoire-landing/1” JSON document: the AE and CP "
                                "programmed and landing, the drift split by cause (volume, rate, "
                                "hours, duration, cofinancing, execution gap) and the "
                                "ACTUAL_DRIFT alerts."),
                             entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      trj_cli_error ("%s", _("one workbook file is expected (see --help)"));
      return EXIT_USAGE;
    }
  if (projection_name != NULL && !trj_projection_from_string (projection_name, &projection))
    {
      trj_cli_error (_("--projection: “%s” is not observed or programmed"), projection_name);
      return EXIT_USAGE;
    }
  /* MODEL 8's units: points of rate and cofinancing, hours, months. */
  trj_drift_tolerance_init (&tolerance);
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      double *field = (double *[]) { &tolerance.rate, &tolerance.hours, &tolerance.duration,
                                     &tolerance.cofinancing }[i];

      if (isnan (tolerances[i]))
        continue;
      if (!isfinite (tolerances[i]) || tolerances[i] < 0 || tolerances[i] > bounds[i].max)
        {
          g_autofree char *max = trj_format_decimal (bounds[i].max, 0);

          trj_cli_error (_("%s: the tolerance must be between 0 and %s"), bounds[i].option, max);
          return EXIT_USAGE;
        }
      *field = i == 0 || i == 3 ? tolerances[i] / 100.0 : tolerances[i];
    }
  if ((wb = trj_cli_open_workbook (argv[1], &error)) == NULL)
    return report_error (error);
  id = scenario_name != NULL ? trj_cli_find_scenario (wb, scenario_name, &error)
                             : trj_workbook_get_last_sent (wb);
  if (id == 0 && scenario_name == NULL)
    id = trj_workbook_get_current_scenario (wb);
  if (id == 0 ||
      (p = trj_workbook_get_scenario (wb, id, &error)) == NULL ||
      (actuals = trj_workbook_get_actuals (wb, &error)) == NULL ||
      (data = trj_year_data_get (p->year, &error)) == NULL ||
      (landing = trj_landing_compute_with_tolerance (p, actuals, projection, &data->rules, &tolerance,
                                                     &error)) == NULL)
    return report_error (error);
  document = trj_cli_landing_to_json (p, landing);
  if (!trj_cli_write_text (output, document, &error))
    return report_error (error);
  return EXIT_SUCCESS;
}
