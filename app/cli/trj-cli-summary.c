/* trj-cli-summary.c — `trajectoire-cli summary`: the envelope summary as text
 *
 * What a planner reads first: for each envelope, notified and programmed AE and
 * CP, margins, consumption, capacity and alerts, in French figures. The headless
 * demo of `make run` prints it.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-cli.h"
#include "trj-engine.h"
#include "trj-format.h"
#include "trj-share.h"
#include "trj-year-data.h"

static void
print_row (const char *label, char *value)
{
  /* Pad on characters, not bytes: labels carry accents. */
  glong pad = 34 - g_utf8_strlen (label, -1);

  printf ("  %s%*s %s\n", label, (int) MAX (pad, 1), "", value);
  g_free (value);
}

static char *
money_or_dash (double euros)
{
  return isnan (euros) ? g_strdup ("—") : trj_format_money (euros);
}

static void
print_envelope (const TrjScenario *scenario, const TrjResult *result, guint e)
{
  const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
  const TrjEnvelopeResult *er = &result->envelopes[e];
  const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);
  guint alerts = 0;

  printf ("\n%s\n", env->id);
  print_row (_("AE notified (after fungibility)"), trj_format_money (er->ae_available));
  print_row (_("AE programmed"), trj_format_money (er->f.ae_total));
  print_row (_("AE margin"), trj_format_margin (er->ae_margin));
  print_row (_("AE consumption"), isnan (er->ae_consumption) ? g_strdup ("—")
                                                             : trj_format_percent (er->ae_consumption, 1));
  print_row (_("CP notified (after fungibility)"), trj_format_money (er->cp_available));
  print_row (_("CP paid in the year"), trj_format_money (er->f.cp_total));
  print_row (_("CP margin"), trj_format_margin (er->cp_margin));
  print_row (_("Still to pay after December"), trj_format_money (er->f.cp_after_year));
  /* The envelope's own unit (MODEL 3): IAE and EA count ETP, GEIQ aids,
   * FDI only euros; a contrats aidés envelope its contracts and capacity. */
  switch (known != NULL ? known->unit : TRJ_UNIT_CONTRACTS)
    {
    case TRJ_UNIT_CONTRACTS:
      print_row (_("Contracts programmed"), trj_format_integer (er->f.volume));
      print_row (_("Contracts notified"), trj_format_integer (env->volume_notified));
      print_row (_("AE per contract"), money_or_dash (er->f.ae_per_contract));
      print_row (_("Capacity (contracts)"), isnan (er->capacity) ? g_strdup ("—") : trj_format_integer (er->capacity));
      break;
    case TRJ_UNIT_ETP:
      /* As the window's strip and grids: 12,5 ETP, 30 ETP. */
      print_row (_("ETP programmed"), trj_format_decimal (er->f.volume, 2));
      print_row (_("ETP notified"), trj_format_decimal (env->volume_notified, 2));
      print_row (_("AE per ETP"), money_or_dash (er->f.ae_per_unit));
      break;
    case TRJ_UNIT_AIDS:
      print_row (_("Aids programmed"), trj_format_integer (er->f.volume));
      print_row (_("Aids notified"), trj_format_integer (env->volume_notified));
      print_row (_("AE per aid"), money_or_dash (er->f.ae_per_unit));
      break;
    case TRJ_UNIT_EUROS:
    case TRJ_N_UNITS:
    default:
      break;
    }
  /* Free lines funded from another envelope's margins (MODEL 3). */
  if (er->ae_lent > 0)
    print_row (_("AE lent to lines funded from its margins"), trj_format_money (er->ae_lent));
  if (env->demande.ae != 0 || env->demande.cp != 0)
    {
      print_row (_("Demande complémentaire (AE)"), trj_format_money (env->demande.ae));
      print_row (_("Demande complémentaire (CP)"), trj_format_money (env->demande.cp));
      if (env->demande.reason != NULL)
        printf ("    %s\n", env->demande.reason);
    }
  if (!isnan (er->avg_rate))
    {
      print_row (_("Average rate"), trj_format_percent (er->avg_rate, 1));
      print_row (_("Average weekly hours"), trj_format_number (er->avg_hours, 1));
      print_row (_("Average duration (months)"), trj_format_number (er->avg_duration, 1));
      print_row (_("Average cofinanced share"), trj_format_percent (er->avg_cofinancing, 1));
    }
  /* MODEL 2.8: each département's CAOM against the lines' cofinanced entries. */
  for (guint c = 0; c < trj_envelope_n_caom (env); c++)
    {
      const TrjCaom *caom = g_ptr_array_index (env->caom, c);
      TrjAllocation where = { caom->departement, NULL, 0, 0 };
      g_autofree char *name = trj_allocation_name (scenario, &where);
      /* TRANSLATORS: a row of the summary: "CAOM Finistère (29)" */
      g_autofree char *label = g_strdup_printf (_("CAOM %s"), name);
      g_autofree char *committed = NULL, *cofinanced = NULL, *gap_text = NULL, *largest = NULL;
      TrjCaomGap gap;

      trj_caom_gap (env, caom, &gap);
      committed = trj_format_decimal (gap.committed_total, 1);
      cofinanced = trj_format_decimal (gap.cofinanced_total, 1);
      gap_text = trj_format_decimal (gap.gap_total, 1);
      largest = trj_format_decimal (gap.largest_gap, 1);
      print_row (label, gap.largest_month < 0
                 /* TRANSLATORS: numbers of contracts */
                 ? g_strdup_printf (_("%s committed, %s cofinanced: gap %s"), committed, cofinanced, gap_text)
                 /* TRANSLATORS: numbers of contracts, then a month: "… -4 en mars" */
                 : g_strdup_printf (_("%s committed, %s cofinanced: gap %s; largest cumulated gap %s in %s"),
                                    committed, cofinanced, gap_text, largest,
                                    trj_format_month_long (gap.largest_month + 1)));
    }
  for (guint i = 0; i < result->n_alerts; i++)
    if (result->alerts[i].envelope == (int) e)
      {
        g_autofree char *text = trj_alert_message (scenario, &result->alerts[i]);
        printf ("  ⚠ %s\n", text);
        alerts++;
      }
  if (alerts == 0)
    printf ("  %s\n", _("No alert"));
}

int
trj_cli_summary (int argc, char **argv)
{
  g_autofree char *scenario_name = NULL;
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Scenario of a workbook (default: its active scenario)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjResult) result = NULL;
  const TrjYearData *data;

  context = trj_cli_command_context ("summary", _("WORKBOOK|SCENARIO.json"),
                                     _("Print the summary of each envelope: notified, programmed, margins, capacity and alerts."),
                                     entries);
  if (!trj_cli_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      trj_cli_error (_("one workbook or scenario file is expected"));
      return 2;
    }

  scenario = trj_cli_load_scenario (argv[1], scenario_name, &error);
  if (scenario == NULL)
    {
      trj_cli_error ("%s", error->message);
      return 1;
    }
  data = trj_year_data_get (scenario->year, &error);
  result = trj_result_new (scenario);
  if (data == NULL || !trj_engine_compute (scenario, &data->rules, result, &error))
    {
      trj_cli_error ("%s", error->message);
      return 1;
    }

  printf (_("Programming %d — %s"), scenario->year, scenario->region);
  printf ("\n");
  for (guint e = 0; e < scenario->envelopes->len; e++)
    print_envelope (scenario, result, e);
  printf ("\n%s\n", _("Region"));
  print_row (_("AE programmed"), trj_format_money (result->region.ae_total));
  print_row (_("CP paid in the year"), trj_format_money (result->region.cp_total));
  return 0;
}
