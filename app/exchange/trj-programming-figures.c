/* trj-programming-figures.c — the figures of a programming file computed for
 * every reader of a scenario (trj-programming.h): a scenario validated and
 * computed with its year's rules, the zones' names, the alerts counted.
 * Apart from trj-programming.c so that what compares or summarises scenarios
 * (trj-diff.c, trajectoire-cli) links without the xlsx libraries. */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-programming.h"

const char *
trj_programming_unit_label (TrjUnit unit)
{
  switch (unit)
    {
    case TRJ_UNIT_CONTRACTS: return _("contracts");
    case TRJ_UNIT_ETP: return _("ETP");
    case TRJ_UNIT_AIDS: return _("aids");
    case TRJ_UNIT_EUROS: return "€";
    case TRJ_N_UNITS:
    default: g_return_val_if_reached ("");
    }
}

const char *
trj_programming_zone_label (TrjZone zone)
{
  switch (zone)
    {
    case TRJ_ZONE_METROPOLE: return _("Metropolitan France");
    case TRJ_ZONE_OUTRE_MER: return _("Overseas");
    case TRJ_ZONE_MAYOTTE:   return _("Mayotte");
    case TRJ_N_ZONES:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

TrjResult *
trj_programming_compute (const TrjScenario *scenario, GError **error)
{
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  g_autoptr(TrjResult) result = NULL;

  if (!trj_scenario_validate (scenario, error))
    return NULL;
  result = trj_result_new (scenario);
  if (!trj_engine_compute (scenario, data != NULL ? &data->rules : NULL, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

guint
trj_programming_envelope_alerts (const TrjResult *result, int envelope)
{
  return trj_result_count_alerts (result, envelope, TRJ_SEVERITY_ALERT);
}
