/* trj-solve.c — valeur cible: one unknown of one line (MODEL.md 2.5)
 *
 * The envelope's AE is monotonic in each unknown (increasing in volume, rate,
 * hours and duration, decreasing in cofinancing), so bisection inside the hard
 * limits converges. Only the solved line is recomputed at each step: the other
 * lines of its envelope are summed once.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "trj-catalog.h"
#include "trj-engine-private.h"

static const char *unknown_names[] = { "volume", "rate", "hours", "duration", "cofinancing" };

const char *
trj_unknown_to_string (TrjUnknown unknown)
{
  g_return_val_if_fail (unknown < G_N_ELEMENTS (unknown_names), NULL);
  return unknown_names[unknown];
}

gboolean
trj_unknown_from_string (const char *s, TrjUnknown *out)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (unknown_names); i++)
    if (g_str_equal (s, unknown_names[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static TrjParam
unknown_param (TrjUnknown unknown)
{
  static const TrjParam unknown_params[] = {
    [TRJ_UNKNOWN_VOLUME] = TRJ_PARAM_VOLUME,
    [TRJ_UNKNOWN_RATE] = TRJ_PARAM_RATE,
    [TRJ_UNKNOWN_HOURS] = TRJ_PARAM_WEEKLY_HOURS,
    [TRJ_UNKNOWN_DURATION] = TRJ_PARAM_DURATION_MONTHS,
    [TRJ_UNKNOWN_COFINANCING] = TRJ_PARAM_COFINANCED_SHARE,
  };

  g_assert (unknown < G_N_ELEMENTS (unknown_params));
  return unknown_params[unknown];
}

void
trj_unknown_limits (TrjUnknown unknown, double *lo, double *hi)
{
  const TrjParamSpec *spec = trj_catalog_param (unknown_param (unknown));

  *lo = spec->min;
  *hi = spec->max;
}

double
trj_line_get_unknown (const TrjLine *line, TrjUnknown unknown)
{
  switch (unknown)
    {
    case TRJ_UNKNOWN_VOLUME:      return trj_line_volume (line);
    case TRJ_UNKNOWN_RATE:        return line->rate;
    case TRJ_UNKNOWN_HOURS:       return line->weekly_hours;
    case TRJ_UNKNOWN_DURATION:    return line->duration_months;
    case TRJ_UNKNOWN_COFINANCING: return line->cofinanced_share;
    default: g_assert_not_reached ();
    }
}

void
trj_line_set_unknown (TrjLine *line, TrjUnknown unknown, double value)
{
  switch (unknown)
    {
    case TRJ_UNKNOWN_VOLUME:
      {
        double current = trj_line_volume (line);

        line->volume = value;
        if (line->entries_mode == TRJ_ENTRIES_VOLUME || current <= 0)
          {
            /* No entries to scale: spread over the profile (uniform by default). */
            if (!trj_line_spread_volume (line))
              for (int m = 0; m < TRJ_MONTHS; m++)
                line->entries[m] = value / TRJ_MONTHS;
          }
        else
          for (int m = 0; m < TRJ_MONTHS; m++)
            line->entries[m] *= value / current;
      }
      break;
    case TRJ_UNKNOWN_RATE:        line->rate = value; break;
    case TRJ_UNKNOWN_HOURS:       line->weekly_hours = value; break;
    case TRJ_UNKNOWN_DURATION:    line->duration_months = value; break;
    case TRJ_UNKNOWN_COFINANCING: line->cofinanced_share = value; break;
    default: g_assert_not_reached ();
    }
}

/* The line's AE with the unknown at x, set from the original line each time:
 * scaling the entries of the previous try would lose their profile once a
 * try is 0 (a volume of 0 leaves nothing to scale, and the next try spread
 * the volume evenly), and the preview would not be what applying writes. */
static gboolean
line_ae (const TrjMonthTable *table, const TrjLine *original, TrjLine *line, TrjUnknown unknown,
         double x, double *ae, GError **error)
{
  TrjFigures f;

  line->volume = original->volume;
  memcpy (line->entries, original->entries, sizeof line->entries);
  trj_line_set_unknown (line, unknown, x);
  if (!trj_engine_line_figures (table, line, &f, error))
    return FALSE;
  *ae = f.ae_total;
  return TRUE;
}

gboolean
trj_engine_solve (const TrjScenario *scenario, const char *line_id, TrjUnknown unknown,
                  double target, double *value, double *target_out, double *ae_total, GError **error)
{
  TrjMonthTable table;
  TrjEnvelope *env = NULL;
  const TrjLine *original = trj_scenario_find_line (scenario, line_id, &env);
  g_autoptr(TrjLine) line = NULL;
  g_autoptr(TrjResult) result = NULL;
  double others = 0, lo, hi, f_lo, f_hi, x = 0, ae = 0;
  guint env_index = 0;

  if (original == NULL)
    {
      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_UNKNOWN_LINE,
                   _("No line has the identifier “%s”"), line_id);
      return FALSE;
    }
  if (trj_kind_shape (original->kind) != TRJ_LINE_SHAPE_CONTRACT)
    {
      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
                   _("The line “%s” is not a contract line: only PEC, CIE jeunes and CIE tous publics lines can be solved"),
                   line_id);
      return FALSE;
    }

  /* The envelope's AE without the solved line, and its available AE. */
  result = trj_result_new (scenario);
  if (!trj_engine_compute (scenario, NULL, result, error))
    return FALSE;
  g_ptr_array_find (scenario->envelopes, env, &env_index);
  for (guint l = 0; l < env->lines->len; l++)
    if (g_ptr_array_index (env->lines, l) != original)
      others += trj_result_line (result, env_index, l)->f.ae_total;
  if (isnan (target))
    target = result->envelopes[env_index].ae_available;
  if (target_out != NULL)
    *target_out = target;

  trj_month_table_init (&table, scenario);
  line = trj_line_copy (original);
  trj_unknown_limits (unknown, &lo, &hi);
  if (!line_ae (&table, original, line, unknown, lo, &f_lo, error)
      || !line_ae (&table, original, line, unknown, hi, &f_hi, error))
    return FALSE;
  f_lo += others;
  f_hi += others;

  if (target < MIN (f_lo, f_hi) || target > MAX (f_lo, f_hi))
    {
      g_autofree char *from = trj_engine_format_money (MIN (f_lo, f_hi));
      g_autofree char *to = trj_engine_format_money (MAX (f_lo, f_hi));
      g_autofree char *wanted = trj_engine_format_money (target);

      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION,
                   _("no solution in [%g, %g]: the envelope's AE goes from %s to %s over that range, the target is %s"),
                   lo, hi, from, to, wanted);
      return FALSE;
    }

  /* Bisection on an increasing function g(x) = ±(AE(x) − target). The answer
   * is the best point on the side where AE ≤ target: applying it never puts
   * the envelope over, not even by a fraction of a cent (MODEL 2.5). */
  {
    const double sign = f_hi >= f_lo ? 1.0 : -1.0;
    const double tolerance = 1e-9 * MAX (fabs (target), 1.0);
    double x_safe = sign > 0 ? lo : hi, ae_safe = sign > 0 ? f_lo : f_hi;

    for (int i = 0; i < 200; i++)
      {
        x = (lo + hi) / 2;
        if (!line_ae (&table, original, line, unknown, x, &ae, error))
          return FALSE;
        ae += others;
        if (ae <= target)
          {
            x_safe = x;
            ae_safe = ae;
            if (target - ae <= tolerance * 0.5)
              break;
          }
        if (sign * (ae - target) < 0)
          lo = x;
        else
          hi = x;
      }
    x = x_safe;
    ae = ae_safe;
  }

  *value = x;
  if (ae_total != NULL)
    *ae_total = ae;
  return TRUE;
}

/* The envelope's AE of the scenario with `line` in place of the line of the
 * same id, computed as everywhere else (the whole scenario). */
static gboolean
envelope_ae_with (const TrjScenario *scenario, const TrjLine *line, double *ae, GError **error)
{
  g_autoptr(TrjScenario) copy = trj_scenario_copy (scenario);
  TrjEnvelope *env = NULL;
  TrjLine *replaced = trj_scenario_find_line (copy, line->id, &env);
  g_autoptr(TrjResult) result = NULL;
  guint index = 0;

  g_ptr_array_find (env->lines, replaced, &index);
  trj_line_free (replaced);
  env->lines->pdata[index] = trj_line_copy (line);
  result = trj_result_new (copy);
  if (!trj_engine_compute (copy, NULL, result, error))
    return FALSE;
  g_ptr_array_find (copy->envelopes, env, &index);
  *ae = result->envelopes[index].f.ae_total;
  return TRUE;
}

void
trj_line_set_whole_volume (TrjLine *line, guint volume)
{
  double share[TRJ_MONTHS], sum = 0;
  guint given = 0;

  if (line->entries_mode == TRJ_ENTRIES_VOLUME)
    {
      trj_line_set_unknown (line, TRJ_UNKNOWN_VOLUME, volume);
      return;
    }
  /* Monthly entries: whole contracts each month, the profile kept as closely
   * as whole numbers allow (largest remainders; ties to the earlier month). */
  trj_line_set_unknown (line, TRJ_UNKNOWN_VOLUME, volume);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      share[m] = line->entries[m];
      line->entries[m] = floor (share[m] + 1e-9);
      given += (guint) line->entries[m];
      sum += share[m];
    }
  while (given < volume && sum > 0)
    {
      int best = -1;
      double best_rest = -1;

      for (int m = 0; m < TRJ_MONTHS; m++)
        if (share[m] - line->entries[m] > best_rest)
          {
            best = m;
            best_rest = share[m] - line->entries[m];
          }
      line->entries[best] += 1;
      given++;
    }
}

gboolean
trj_engine_solve_settle (const TrjScenario *scenario, const char *line_id, TrjUnknown unknown,
                         double value, double target, TrjLine **settled, double *ae_total,
                         GError **error)
{
  TrjEnvelope *env = NULL;
  const TrjLine *original = trj_scenario_find_line (scenario, line_id, &env);
  g_autoptr(TrjLine) line = NULL;
  double ae = 0, lo, hi;

  if (original == NULL)
    {
      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_UNKNOWN_LINE,
                   _("No line has the identifier “%s”"), line_id);
      return FALSE;
    }
  line = trj_line_copy (original);
  trj_unknown_limits (unknown, &lo, &hi);
  if (unknown == TRJ_UNKNOWN_VOLUME)
    {
      /* Whole contracts: from the one above, one fewer while the envelope
       * would be over by more than half a cent (TRJ_OVERRUN_EPSILON: a
       * target typed to the cent that 36 contracts reach stays 36). */
      double whole = ceil (CLAMP (value, lo, hi));

      for (;;)
        {
          line->volume = original->volume;
          memcpy (line->entries, original->entries, sizeof line->entries);
          trj_line_set_whole_volume (line, (guint) whole);
          if (!envelope_ae_with (scenario, line, &ae, error))
            return FALSE;
          if (ae <= target + TRJ_OVERRUN_EPSILON || whole <= 0)
            break;
          whole -= 1;
        }
    }
  else
    {
      /* The whole scenario can sum in another order than the solver: a step
       * towards the safe side when that puts it a hair over. AE decreases
       * with the cofinanced share, increases with the others. */
      double away = unknown == TRJ_UNKNOWN_COFINANCING ? 1 : -1;
      double step = 1e-12 * MAX (fabs (value), 1e-6);

      for (int i = 0; i < 60; i++)
        {
          trj_line_set_unknown (line, unknown, CLAMP (value, lo, hi));
          if (!envelope_ae_with (scenario, line, &ae, error))
            return FALSE;
          if (ae <= target)
            break;
          value += away * step;
          step *= 2;
        }
    }
  if (ae_total != NULL)
    *ae_total = ae;
  *settled = g_steal_pointer (&line);
  return TRUE;
}

/* ── The entry profile calibrated on the notification (MODEL 2.7) ─────── */

void
trj_profile_ramp (double slope, double profile[TRJ_MONTHS])
{
  for (int m = 0; m < TRJ_MONTHS; m++)
    profile[m] = 1 + slope * (m + 1 - 6.5) / 5.5;
}

void
trj_envelope_set_ramp (TrjEnvelope *env, double slope)
{
  double ramp[TRJ_MONTHS];

  trj_profile_ramp (slope, ramp);
  for (guint l = 0; l < env->lines->len; l++)
    {
      TrjLine *line = g_ptr_array_index (env->lines, l);
      double volume;

      if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
        continue;
      /* Σ ramp = 12 whatever the slope: the line keeps its volume. */
      volume = line->entries_mode == TRJ_ENTRIES_VOLUME ? line->volume : trj_line_volume (line);
      if (line->entries_mode == TRJ_ENTRIES_VOLUME)
        {
          memcpy (line->profile, ramp, sizeof ramp);
          line->has_profile = TRUE;
          trj_line_spread_volume (line);
        }
      else
        for (int m = 0; m < TRJ_MONTHS; m++)
          line->entries[m] = volume * ramp[m] / TRJ_MONTHS;
    }
}

/* The CP of the year that the envelope's margin counts (MODEL 2.4), and the
 * CP available, with the envelope's contract lines on the ramp of `slope`. */
static gboolean
ramp_cp (TrjScenario *copy, guint index, double slope, TrjResult *result, double *cp,
         double *available, GError **error)
{
  const TrjEnvelopeResult *er = &result->envelopes[index];

  trj_envelope_set_ramp (g_ptr_array_index (copy->envelopes, index), slope);
  if (!trj_engine_compute (copy, NULL, result, error))
    return FALSE;
  *available = er->cp_available;
  *cp = er->cp_available - er->cp_margin;
  return TRUE;
}

gboolean
trj_engine_calibrate_profile (const TrjScenario *scenario, const char *envelope_id,
                              double *slope, gboolean *reached, GError **error)
{
  g_autoptr(TrjScenario) copy = trj_scenario_copy (scenario);
  g_autoptr(TrjResult) result = trj_result_new (copy);
  TrjEnvelope *env = trj_scenario_find_envelope (copy, envelope_id);
  double lo = TRJ_PROFILE_SLOPE_MIN, hi = TRJ_PROFILE_SLOPE_MAX;
  double cp_lo, cp_hi, cp, target, sign, tolerance, s_safe;
  guint index = 0;

  if (env == NULL || !g_ptr_array_find (copy->envelopes, env, &index))
    {
      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
                   _("No envelope has the identifier “%s”"), envelope_id);
      return FALSE;
    }
  if (!ramp_cp (copy, index, lo, result, &cp_lo, &target, error)
      || !ramp_cp (copy, index, hi, result, &cp_hi, &target, error))
    return FALSE;

  /* CP is linear in s (Σ w = 12 for every s, so each line's entries are),
   * hence monotonic: bisection converges. Out of reach, s is the bound that
   * comes nearest to the notified CP. */
  if (target < MIN (cp_lo, cp_hi) || target > MAX (cp_lo, cp_hi))
    {
      gboolean below = target < MIN (cp_lo, cp_hi);

      *slope = (below == (cp_hi <= cp_lo)) ? hi : lo;
      *reached = FALSE;
      return TRUE;
    }

  /* g(s) = sign · (CP(s) − target) increases; the answer is kept on the side
   * where CP ≤ target, so that the envelope starts inside its CP. */
  sign = cp_hi >= cp_lo ? 1.0 : -1.0;
  tolerance = 1e-9 * MAX (fabs (target), 1.0);
  s_safe = sign > 0 ? lo : hi;
  for (int i = 0; i < 200; i++)
    {
      double s = (lo + hi) / 2;

      if (!ramp_cp (copy, index, s, result, &cp, &target, error))
        return FALSE;
      if (cp <= target)
        {
          s_safe = s;
          if (target - cp <= tolerance * 0.5)
            break;
        }
      if (sign * (cp - target) < 0)
        lo = s;
      else
        hi = s;
    }
  *slope = s_safe;
  *reached = TRUE;
  return TRUE;
}

gboolean
trj_scenario_calibrate_profiles (TrjScenario *scenario, GError **error)
{
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
      const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);
      double slope;
      gboolean reached;

      if (known == NULL || known->unit != TRJ_UNIT_CONTRACTS)
        continue;
      if (!trj_engine_calibrate_profile (scenario, env->id, &slope, &reached, error))
        return FALSE;
      trj_envelope_set_ramp (env, slope);
    }
  return TRUE;
}
