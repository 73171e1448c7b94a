/* trj-types.c — constructors, copies and names of the model's input structures */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-catalog.h"

static const char *zone_names[TRJ_N_ZONES] = { "metropole", "outre_mer", "mayotte" };

const char *
trj_zone_to_string (TrjZone zone)
{
  g_return_val_if_fail (zone < TRJ_N_ZONES, NULL);
  return zone_names[zone];
}

gboolean
trj_zone_from_string (const char *s, TrjZone *out)
{
  for (guint i = 0; s != NULL && i < TRJ_N_ZONES; i++)
    if (g_str_equal (s, zone_names[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* ── Series ─────────────────────────────────────────────────────────── */

void
trj_series_clear (TrjSeries *series)
{
  g_clear_pointer (&series->points, g_free);
  series->n_points = 0;
}

void
trj_series_copy (TrjSeries *dest, const TrjSeries *src)
{
  dest->n_points = src->n_points;
  dest->points = src->n_points ? g_memdup2 (src->points, sizeof (TrjRefPoint) * src->n_points) : NULL;
}

void
trj_series_append (TrjSeries *series, gint32 from, double value)
{
  guint i;

  /* Keep the points sorted by date; a point at an existing date replaces it. */
  for (i = 0; i < series->n_points && series->points[i].from < from; i++)
    ;
  if (i < series->n_points && series->points[i].from == from)
    {
      series->points[i].value = value;
      return;
    }
  series->points = g_renew (TrjRefPoint, series->points, series->n_points + 1);
  memmove (&series->points[i + 1], &series->points[i],
           sizeof (TrjRefPoint) * (series->n_points - i));
  series->points[i].from = from;
  series->points[i].value = value;
  series->n_points++;
}

gboolean
trj_series_value_at (const TrjSeries *series, int year, int month, double *out)
{
  gint32 first_day = year * 10000 + month * 100 + 1;
  gboolean found = FALSE;

  for (guint i = 0; i < series->n_points && series->points[i].from <= first_day; i++)
    {
      *out = series->points[i].value;
      found = TRUE;
    }
  return found;
}

void
trj_reference_clear (TrjReference *ref)
{
  trj_series_clear (&ref->smic_hourly);
  trj_series_clear (&ref->rsa);
}

void
trj_reference_copy (TrjReference *dest, const TrjReference *src)
{
  trj_series_copy (&dest->smic_hourly, &src->smic_hourly);
  trj_series_copy (&dest->rsa, &src->rsa);
  dest->cd_share = src->cd_share;
  dest->weeks_per_month = src->weeks_per_month;
}

/* ── Lines ──────────────────────────────────────────────────────────── */

TrjLine *
trj_line_new (const char *id, TrjLineKind kind)
{
  TrjLine *line = g_new0 (TrjLine, 1);

  line->id = g_strdup (id);
  line->kind = kind;
  line->payment_lag_months = trj_catalog_kind (kind)->default_lag;
  line->entries_mode = TRJ_ENTRIES_MONTHLY;
  line->modulation_month = (int) trj_catalog_param (TRJ_PARAM_MODULATION_MONTH)->default_value;
  line->structure_kind = trj_catalog_default_structure_kind ();
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      line->profile[m] = trj_catalog_param (TRJ_PARAM_PROFILE)->default_value;
      line->payment_profile[m] = trj_catalog_param (TRJ_PARAM_PAYMENT_PROFILE)->default_value;
      line->realised_etp[m] = NAN;
    }
  return line;
}

TrjLine *
trj_line_copy (const TrjLine *line)
{
  TrjLine *copy = g_memdup2 (line, sizeof *line);

  copy->id = g_strdup (line->id);
  copy->label = g_strdup (line->label);
  copy->departement = g_strdup (line->departement);
  copy->prescriber = g_strdup (line->prescriber);
  copy->note = g_strdup (line->note);
  copy->funded_from = g_strdup (line->funded_from);
  copy->structure_name = g_strdup (line->structure_name);
  copy->siret = g_strdup (line->siret);
  copy->exception_reason = g_strdup (line->exception_reason);
  return copy;
}

void
trj_line_free (TrjLine *line)
{
  if (line == NULL)
    return;
  g_free (line->id);
  g_free (line->label);
  g_free (line->departement);
  g_free (line->prescriber);
  g_free (line->note);
  g_free (line->funded_from);
  g_free (line->structure_name);
  g_free (line->siret);
  g_free (line->exception_reason);
  g_free (line);
}

gboolean
trj_line_spread_volume (TrjLine *line)
{
  double sum = 0;

  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += line->profile[m];
  if (!(sum > 0))
    return FALSE;
  for (int m = 0; m < TRJ_MONTHS; m++)
    line->entries[m] = line->volume * line->profile[m] / sum;
  return TRUE;
}

double
trj_line_volume (const TrjLine *line)
{
  double sum = 0;

  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += line->entries[m];
  return sum;
}

/* ── Envelopes ──────────────────────────────────────────────────────── */

TrjAllocation *
trj_allocation_new (const char *departement, const char *prescriber, double ae, double volume)
{
  TrjAllocation *allocation = g_new0 (TrjAllocation, 1);

  allocation->departement = g_strdup (departement);
  allocation->prescriber = prescriber != NULL && *prescriber != '\0' ? g_strdup (prescriber) : NULL;
  allocation->ae = ae;
  allocation->volume = volume;
  return allocation;
}

TrjAllocation *
trj_allocation_copy (const TrjAllocation *allocation)
{
  return trj_allocation_new (allocation->departement, allocation->prescriber, allocation->ae,
                             allocation->volume);
}

void
trj_allocation_free (TrjAllocation *allocation)
{
  if (allocation == NULL)
    return;
  g_free (allocation->departement);
  g_free (allocation->prescriber);
  g_free (allocation);
}

gboolean
trj_allocation_covers (const TrjAllocation *allocation, const TrjLine *line)
{
  return line->departement != NULL && g_strcmp0 (line->departement, allocation->departement) == 0
         && (allocation->prescriber == NULL || g_strcmp0 (line->prescriber, allocation->prescriber) == 0);
}

void
trj_envelope_add_allocation (TrjEnvelope *env, TrjAllocation *allocation)
{
  if (env->allocations == NULL)
    env->allocations = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_allocation_free);
  g_ptr_array_add (env->allocations, allocation);
}

guint
trj_envelope_n_allocations (const TrjEnvelope *env)
{
  return env->allocations != NULL ? env->allocations->len : 0;
}

TrjCaom *
trj_caom_new (const char *departement, double contracts)
{
  TrjCaom *caom = g_new0 (TrjCaom, 1);

  caom->departement = g_strdup (departement);
  caom->contracts = contracts;
  for (int m = 0; m < TRJ_MONTHS; m++)
    caom->profile[m] = 1;
  return caom;
}

TrjCaom *
trj_caom_copy (const TrjCaom *caom)
{
  TrjCaom *copy = g_memdup2 (caom, sizeof *caom);

  copy->departement = g_strdup (caom->departement);
  return copy;
}

void
trj_caom_free (TrjCaom *caom)
{
  if (caom == NULL)
    return;
  g_free (caom->departement);
  g_free (caom);
}

void
trj_envelope_add_caom (TrjEnvelope *env, TrjCaom *caom)
{
  if (env->caom == NULL)
    env->caom = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_caom_free);
  g_ptr_array_add (env->caom, caom);
}

guint
trj_envelope_n_caom (const TrjEnvelope *env)
{
  return env->caom != NULL ? env->caom->len : 0;
}

TrjEnvelope *
trj_envelope_new (const char *id)
{
  TrjEnvelope *env = g_new0 (TrjEnvelope, 1);

  env->id = g_strdup (id);
  env->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_line_free);
  return env;
}

TrjEnvelope *
trj_envelope_copy (const TrjEnvelope *env)
{
  TrjEnvelope *copy = g_memdup2 (env, sizeof *env);

  copy->id = g_strdup (env->id);
  copy->demande.reason = g_strdup (env->demande.reason);
  copy->lines = g_ptr_array_new_full (env->lines->len, (GDestroyNotify) trj_line_free);
  for (guint i = 0; i < env->lines->len; i++)
    g_ptr_array_add (copy->lines, trj_line_copy (g_ptr_array_index (env->lines, i)));
  copy->allocations = NULL;
  copy->caom = NULL;
  for (guint i = 0; i < trj_envelope_n_allocations (env); i++)
    trj_envelope_add_allocation (copy, trj_allocation_copy (g_ptr_array_index (env->allocations, i)));
  for (guint i = 0; i < trj_envelope_n_caom (env); i++)
    trj_envelope_add_caom (copy, trj_caom_copy (g_ptr_array_index (env->caom, i)));
  return copy;
}

void
trj_envelope_free (TrjEnvelope *env)
{
  if (env == NULL)
    return;
  g_free (env->id);
  g_free (env->demande.reason);
  g_ptr_array_unref (env->lines);
  g_clear_pointer (&env->allocations, g_ptr_array_unref);
  g_clear_pointer (&env->caom, g_ptr_array_unref);
  g_free (env);
}

TrjLine *
trj_envelope_find_line (const TrjEnvelope *env, const char *line_id)
{
  for (guint i = 0; i < env->lines->len; i++)
    {
      TrjLine *line = g_ptr_array_index (env->lines, i);
      if (g_strcmp0 (line->id, line_id) == 0)
        return line;
    }
  return NULL;
}

/* ── Scenarios ──────────────────────────────────────────────────────── */

TrjScenario *
trj_scenario_new (void)
{
  TrjScenario *scenario = g_new0 (TrjScenario, 1);

  scenario->envelopes = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_envelope_free);
  scenario->reference.cd_share = 0.88;
  scenario->reference.weeks_per_month = 52.0 / 12.0;
  return scenario;
}

TrjScenario *
trj_scenario_copy (const TrjScenario *scenario)
{
  TrjScenario *copy = g_memdup2 (scenario, sizeof *scenario);

  copy->region = g_strdup (scenario->region);
  copy->fungibility.initiatives_territoriales_source =
    g_strdup (scenario->fungibility.initiatives_territoriales_source);
  trj_reference_copy (&copy->reference, &scenario->reference);
  copy->envelopes = g_ptr_array_new_full (scenario->envelopes->len, (GDestroyNotify) trj_envelope_free);
  for (guint i = 0; i < scenario->envelopes->len; i++)
    g_ptr_array_add (copy->envelopes, trj_envelope_copy (g_ptr_array_index (scenario->envelopes, i)));
  return copy;
}

void
trj_scenario_free (TrjScenario *scenario)
{
  if (scenario == NULL)
    return;
  g_free (scenario->region);
  g_free (scenario->fungibility.initiatives_territoriales_source);
  trj_reference_clear (&scenario->reference);
  g_ptr_array_unref (scenario->envelopes);
  g_free (scenario);
}

TrjEnvelope *
trj_scenario_find_envelope (const TrjScenario *scenario, const char *envelope_id)
{
  int i = trj_scenario_envelope_index (scenario, envelope_id);

  return i >= 0 ? g_ptr_array_index (scenario->envelopes, i) : NULL;
}

int
trj_scenario_envelope_index (const TrjScenario *scenario, const char *envelope_id)
{
  for (guint i = 0; i < scenario->envelopes->len; i++)
    if (g_strcmp0 (((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, i))->id, envelope_id) == 0)
      return (int) i;
  return -1;
}

TrjLine *
trj_scenario_find_line (const TrjScenario *scenario, const char *line_id, TrjEnvelope **envelope_out)
{
  for (guint i = 0; i < scenario->envelopes->len; i++)
    {
      TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, i);
      TrjLine *line = trj_envelope_find_line (env, line_id);
      if (line != NULL)
        {
          if (envelope_out != NULL)
            *envelope_out = env;
          return line;
        }
    }
  return NULL;
}

guint
trj_scenario_n_lines (const TrjScenario *scenario)
{
  guint n = 0;

  for (guint i = 0; i < scenario->envelopes->len; i++)
    n += ((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, i))->lines->len;
  return n;
}
