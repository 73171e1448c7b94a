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

/* The envelope's AE with the unknown at x. */
typedef gboolean (*AeFunc) (gpointer data, double x, double *ae, GError **error);

/* Bisection of an AE monotonic in x over [lo, hi] towards target. The answer
 * is the best point on the side where AE ≤ target: applying it never puts
 * the envelope over, not even by a fraction of a cent (MODEL 2.5). */
static gboolean
bisect_ae (AeFunc func, gpointer data, double lo, double hi, double target,
           double *x_out, double *ae_out, GError **error)
{
  double f_lo, f_hi, x = 0, ae = 0, sign, tolerance, x_safe, ae_safe;

  if (!func (data, lo, &f_lo, error) || !func (data, hi, &f_hi, error))
    return FALSE;
  if (target < MIN (f_lo, f_hi) || target > MAX (f_lo, f_hi))
    {
      g_autofree char *from = trj_engine_format_money (MIN (f_lo, f_hi));
      g_autofree char *to = trj_engine_format_money (MAX (f_lo, f_hi));
      g_autofree char *wanted = trj_engine_format_money (target);
      g_autofree char *shown_lo = trj_engine_format_number (lo);
      g_autofree char *shown_hi = trj_engine_format_number (hi);

      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION,
                   _("no solution in [%s ; %s]: the envelope's AE goes from %s to %s over that range, the target is %s"),
                   shown_lo, shown_hi, from, to, wanted);
      return FALSE;
    }

  sign = f_hi >= f_lo ? 1.0 : -1.0;
  tolerance = 1e-9 * MAX (fabs (target), 1.0);
  x_safe = sign > 0 ? lo : hi;
  ae_safe = sign > 0 ? f_lo : f_hi;
  for (int i = 0; i < 200; i++)
    {
      x = (lo + hi) / 2;
      if (!func (data, x, &ae, error))
        return FALSE;
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
  *x_out = x_safe;
  *ae_out = ae_safe;
  return TRUE;
}

typedef struct {
  TrjMonthTable table;
  const TrjLine *original;
  TrjLine *line;
  TrjUnknown unknown;
  double others;          /* the AE of the envelope's other lines */
} LineSolve;

/* The envelope's AE with the line's unknown at x, set from the original line
 * each time: scaling the entries of the previous try would lose their profile
 * once a try is 0 (a volume of 0 leaves nothing to scale, and the next try
 * spread the volume evenly), and the preview would not be what applying writes. */
static gboolean
line_solve_ae (gpointer data, double x, double *ae, GError **error)
{
  LineSolve *ls = data;
  TrjFigures f;

  ls->line->volume = ls->original->volume;
  memcpy (ls->line->entries, ls->original->entries, sizeof ls->line->entries);
  trj_line_set_unknown (ls->line, ls->unknown, x);
  if (!trj_engine_line_figures (&ls->table, ls->line, &f, error))
    return FALSE;
  *ae = ls->others + f.ae_total;
  return TRUE;
}

gboolean
trj_engine_solve (const TrjScenario *scenario, const char *line_id, TrjUnknown unknown,
                  double target, double *value, double *target_out, double *ae_total, GError **error)
{
  TrjEnvelope *env = NULL;
  const TrjLine *original = trj_scenario_find_line (scenario, line_id, &env);
  g_autoptr(TrjLine) line = NULL;
  g_autoptr(TrjResult) result = NULL;
  LineSolve ls = { .original = original, .unknown = unknown };
  double lo, hi, ae = 0;
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

  /* The envelope's AE without the solved line, and its available AE: only
   * the solved line is recomputed at each step. */
  result = trj_result_new (scenario);
  if (!trj_engine_compute (scenario, NULL, result, error))
    return FALSE;
  g_ptr_array_find (scenario->envelopes, env, &env_index);
  for (guint l = 0; l < env->lines->len; l++)
    if (g_ptr_array_index (env->lines, l) != original)
      ls.others += trj_result_line (result, env_index, l)->f.ae_total;
  if (isnan (target))
    target = result->envelopes[env_index].ae_available;
  if (target_out != NULL)
    *target_out = target;

  trj_month_table_init (&ls.table, scenario);
  line = trj_line_copy (original);
  ls.line = line;
  trj_unknown_limits (unknown, &lo, &hi);
  if (!bisect_ae (line_solve_ae, &ls, lo, hi, target, value, &ae, error))
    return FALSE;
  if (ae_total != NULL)
    *ae_total = ae;
  return TRUE;
}

/* The figures of the envelope `envelope_id` of the scenario with `lines` in
 * place of the lines of the same ids, computed as everywhere else (the whole
 * scenario): its AE, and its CP of the year that the margin counts. */
static gboolean
envelope_figures_with (const TrjScenario *scenario, const char *envelope_id,
                       TrjLine *const *lines, guint n_lines, double *ae, double *cp,
                       GError **error)
{
  g_autoptr(TrjScenario) copy = trj_scenario_copy (scenario);
  g_autoptr(TrjResult) result = NULL;
  TrjEnvelope *env = trj_scenario_find_envelope (copy, envelope_id);
  const TrjEnvelopeResult *er;
  guint index = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      TrjEnvelope *owner = NULL;
      TrjLine *replaced = trj_scenario_find_line (copy, lines[i]->id, &owner);

      g_ptr_array_find (owner->lines, replaced, &index);
      trj_line_free (replaced);
      owner->lines->pdata[index] = trj_line_copy (lines[i]);
    }
  result = trj_result_new (copy);
  if (!trj_engine_compute (copy, NULL, result, error))
    return FALSE;
  g_ptr_array_find (copy->envelopes, env, &index);
  er = &result->envelopes[index];
  *ae = er->f.ae_total;
  if (cp != NULL)
    *cp = er->cp_available - er->cp_margin;
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
          if (!envelope_figures_with (scenario, env->id, &line, 1, &ae, NULL, error))
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
          if (!envelope_figures_with (scenario, env->id, &line, 1, &ae, NULL, error))
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

/* Puts a contract line on the ramp, keeping its volume (Σ ramp = 12 whatever
 * the slope). */
static void
line_set_ramp (TrjLine *line, const double ramp[TRJ_MONTHS])
{
  if (line->entries_mode == TRJ_ENTRIES_VOLUME)
    {
      memcpy (line->profile, ramp, sizeof line->profile);
      line->has_profile = TRUE;
      trj_line_spread_volume (line);
    }
  else
    {
      double volume = trj_line_volume (line);

      for (int m = 0; m < TRJ_MONTHS; m++)
        line->entries[m] = volume * ramp[m] / TRJ_MONTHS;
    }
}

void
trj_envelope_set_ramp (TrjEnvelope *env, double slope)
{
  double ramp[TRJ_MONTHS];

  trj_profile_ramp (slope, ramp);
  for (guint l = 0; l < env->lines->len; l++)
    {
      TrjLine *line = g_ptr_array_index (env->lines, l);

      if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT)
        line_set_ramp (line, ramp);
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
  return trj_engine_calibrate_profile_to (scenario, envelope_id, NAN, slope, reached, error);
}

gboolean
trj_engine_calibrate_profile_to (const TrjScenario *scenario, const char *envelope_id,
                                 double cp_target, double *slope, gboolean *reached,
                                 GError **error)
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
  if (!isnan (cp_target))
    target = cp_target;

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

      double available;

      if (!ramp_cp (copy, index, s, result, &cp, &available, error))
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

/* ── Over an envelope (MODEL 2.5) ─────────────────────────────────────── */

void
trj_envelope_solution_free (TrjEnvelopeSolution *solution)
{
  if (solution == NULL)
    return;
  g_clear_pointer (&solution->lines, g_ptr_array_unref);
  g_free (solution);
}

typedef struct {
  const TrjScenario *scenario;
  const char *envelope_id;
  TrjMonthTable table;
  TrjUnknown unknown;
  GPtrArray *originals;   /* const TrjLine*: the envelope's contract lines */
  GPtrArray *lines;       /* TrjLine*, owned: the lines as tried */
  double others;          /* the AE of its other lines */
  const double *ramp;     /* NULL: the lines keep their profiles */
} EnvelopeSolve;

/* A line as the try x shapes it, from its original each time (as for one
 * line): on the ramp when there is one, then the unknown at x (for the
 * volume, x times the line's volume). */
static void
shape_line (const EnvelopeSolve *es, guint i, double x)
{
  const TrjLine *original = g_ptr_array_index (es->originals, i);
  TrjLine *line = g_ptr_array_index (es->lines, i);

  line->volume = original->volume;
  memcpy (line->entries, original->entries, sizeof line->entries);
  memcpy (line->profile, original->profile, sizeof line->profile);
  line->has_profile = original->has_profile;
  if (es->ramp != NULL)
    line_set_ramp (line, es->ramp);
  if (es->unknown == TRJ_UNKNOWN_VOLUME)
    trj_line_set_unknown (line, TRJ_UNKNOWN_VOLUME, x * trj_line_volume (original));
  else
    trj_line_set_unknown (line, es->unknown, x);
}

static gboolean
envelope_solve_ae (gpointer data, double x, double *ae, GError **error)
{
  EnvelopeSolve *es = data;

  *ae = es->others;
  for (guint i = 0; i < es->lines->len; i++)
    {
      TrjFigures f;

      shape_line (es, i, x);
      if (!trj_engine_line_figures (&es->table, g_ptr_array_index (es->lines, i), &f, error))
        return FALSE;
      *ae += f.ae_total;
    }
  return TRUE;
}

static gboolean
envelope_solve_figures (EnvelopeSolve *es, double *ae, double *cp, GError **error)
{
  return envelope_figures_with (es->scenario, es->envelope_id, (TrjLine *const *) es->lines->pdata,
                                es->lines->len, ae, cp, error);
}

/* The slope that brings the CP to cp_target with the lines shaped by x (their
 * own profiles), from the whole scenario as calibrating alone does. */
static gboolean
envelope_solve_slope (EnvelopeSolve *es, double x, double cp_target, double *slope,
                      gboolean *reached, GError **error)
{
  g_autoptr(TrjScenario) copy = trj_scenario_copy (es->scenario);
  const double *ramp = es->ramp;

  es->ramp = NULL;
  for (guint i = 0; i < es->lines->len; i++)
    {
      TrjLine *tried = g_ptr_array_index (es->lines, i);
      TrjEnvelope *owner = NULL;
      TrjLine *replaced;
      guint index = 0;

      shape_line (es, i, x);
      replaced = trj_scenario_find_line (copy, tried->id, &owner);
      g_ptr_array_find (owner->lines, replaced, &index);
      trj_line_free (replaced);
      owner->lines->pdata[index] = trj_line_copy (tried);
    }
  es->ramp = ramp;
  return trj_engine_calibrate_profile_to (copy, es->envelope_id, cp_target, slope, reached, error);
}

/* A line at its original volume (on the ramp), then `whole` contracts. */
static void
shape_whole (const EnvelopeSolve *es, guint i, guint whole)
{
  shape_line (es, i, 1.0);
  trj_line_set_whole_volume (g_ptr_array_index (es->lines, i), whole);
}

/* Whole volumes: each line's scaled volume rounded down, then one more
 * contract for the lines with the largest remainders while the envelope
 * stays at most the target (and one fewer while it would be over, when whole
 * monthly entries cost a little more than the fractions did). */
static gboolean
settle_volumes (EnvelopeSolve *es, double factor, double target, double *ae, double *cp,
                GError **error)
{
  guint n = es->lines->len;
  g_autofree guint *whole = g_new0 (guint, n);
  g_autofree double *rest = g_new0 (double, n);
  g_autofree guint *order = g_new0 (guint, n);

  for (guint i = 0; i < n; i++)
    {
      double scaled = factor * trj_line_volume (g_ptr_array_index (es->originals, i));

      whole[i] = (guint) floor (scaled);
      rest[i] = scaled - whole[i];
      order[i] = i;
    }
  /* Largest remainder first; ties to the earlier line. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && rest[order[j]] > rest[order[j - 1]]; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }

  for (guint i = 0; i < n; i++)
    shape_whole (es, i, whole[i]);
  if (!envelope_solve_figures (es, ae, cp, error))
    return FALSE;
  for (guint k = 0; *ae > target + TRJ_OVERRUN_EPSILON; k = (k + 1) % n)
    {
      guint i = order[n - 1 - k];

      if (whole[i] == 0)
        {
          gboolean any = FALSE;

          for (guint j = 0; j < n; j++)
            any |= whole[j] > 0;
          if (!any)
            break;
          continue;
        }
      whole[i]--;
      shape_whole (es, i, whole[i]);
      if (!envelope_solve_figures (es, ae, cp, error))
        return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      double tried_ae, tried_cp;

      whole[i]++;
      shape_whole (es, i, whole[i]);
      if (!envelope_solve_figures (es, &tried_ae, &tried_cp, error))
        return FALSE;
      if (tried_ae <= target + TRJ_OVERRUN_EPSILON)
        {
          *ae = tried_ae;
          *cp = tried_cp;
          continue;
        }
      whole[i]--;
      shape_whole (es, i, whole[i]);
    }
  return TRUE;
}

/* Another unknown: the common value as solved, or a hair towards the safe
 * side when the whole scenario sums in another order and puts it over. AE
 * decreases with the cofinanced share, increases with the others. */
static gboolean
settle_common (EnvelopeSolve *es, double *value, double target, double *ae, double *cp,
               GError **error)
{
  double away = es->unknown == TRJ_UNKNOWN_COFINANCING ? 1 : -1;
  double step = 1e-12 * MAX (fabs (*value), 1e-6);
  double lo, hi;

  trj_unknown_limits (es->unknown, &lo, &hi);
  for (int i = 0; i < 60; i++)
    {
      *value = CLAMP (*value, lo, hi);
      for (guint l = 0; l < es->lines->len; l++)
        shape_line (es, l, *value);
      if (!envelope_solve_figures (es, ae, cp, error))
        return FALSE;
      if (*ae <= target)
        break;
      *value += away * step;
      step *= 2;
    }
  return TRUE;
}

TrjEnvelopeSolution *
trj_engine_solve_envelope (const TrjScenario *scenario, const char *envelope_id, TrjUnknown unknown,
                           double ae_target, gboolean with_cp, double cp_target, GError **error)
{
  const TrjEnvelope *env = trj_scenario_find_envelope (scenario, envelope_id);
  g_autoptr(TrjEnvelopeSolution) solution = NULL;
  g_autoptr(TrjResult) result = NULL;
  g_autoptr(GPtrArray) originals = g_ptr_array_new ();
  EnvelopeSolve es = { .scenario = scenario, .envelope_id = envelope_id, .unknown = unknown,
                       .originals = originals };
  double ramp[TRJ_MONTHS], lo, hi, x = NAN, ae = 0, cp = 0, largest = 0;
  guint env_index = 0;

  if (env == NULL || !g_ptr_array_find (scenario->envelopes, env, &env_index))
    {
      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
                   _("No envelope has the identifier “%s”"), envelope_id);
      return NULL;
    }
  result = trj_result_new (scenario);
  if (!trj_engine_compute (scenario, NULL, result, error))
    return NULL;
  for (guint l = 0; l < env->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (env->lines, l);

      if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT)
        {
          g_ptr_array_add (originals, (gpointer) line);
          largest = MAX (largest, trj_line_volume (line));
        }
      else
        es.others += trj_result_line (result, env_index, l)->f.ae_total;
    }
  if (originals->len == 0)
    {
      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION,
                   _("The envelope “%s” has no contract line to adjust"), envelope_id);
      return NULL;
    }
  if (unknown == TRJ_UNKNOWN_VOLUME && largest <= 0)
    {
      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION,
                   _("The contract lines of the envelope “%s” have no volume to scale"), envelope_id);
      return NULL;
    }

  solution = g_new0 (TrjEnvelopeSolution, 1);
  solution->unknown = unknown;
  solution->with_cp = with_cp;
  solution->slope = NAN;
  solution->ae_target = isnan (ae_target) ? result->envelopes[env_index].ae_available : ae_target;
  solution->cp_target = isnan (cp_target) ? result->envelopes[env_index].cp_available : cp_target;
  solution->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_line_free);
  for (guint i = 0; i < originals->len; i++)
    g_ptr_array_add (solution->lines, trj_line_copy (g_ptr_array_index (originals, i)));
  es.lines = solution->lines;
  trj_month_table_init (&es.table, scenario);

  trj_unknown_limits (unknown, &lo, &hi);
  if (unknown == TRJ_UNKNOWN_VOLUME)
    {
      /* A factor that keeps every volume inside its limit. */
      lo = 0;
      hi = hi / largest;
    }

  /* The AE hardly depends on the slope (only through the SMIC and RSA of the
   * months the entries move to) and the CP on both: solve one, then the
   * other, until the slope stops moving. */
  for (int round = 0; round < 20; round++)
    {
      double slope;
      gboolean reached;

      if (!bisect_ae (envelope_solve_ae, &es, lo, hi, solution->ae_target, &x, &ae, error))
        return NULL;
      if (!with_cp)
        break;
      if (!envelope_solve_slope (&es, x, solution->cp_target, &slope, &reached, error))
        return NULL;
      solution->cp_reached = reached;
      if (es.ramp != NULL && fabs (slope - solution->slope) < 1e-9)
        break;
      solution->slope = slope;
      trj_profile_ramp (slope, ramp);
      es.ramp = ramp;
    }

  if (unknown == TRJ_UNKNOWN_VOLUME
      ? !settle_volumes (&es, x, solution->ae_target, &ae, &cp, error)
      : !settle_common (&es, &x, solution->ae_target, &ae, &cp, error))
    return NULL;
  solution->value = x;
  solution->ae_total = ae;
  solution->cp_total = cp;
  return g_steal_pointer (&solution);
}
