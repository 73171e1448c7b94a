/* trj-actuals.c — actuals (MODEL 8) and the year-end landing
 *
 * The landing scenario Λ has, per contract line, one segment per month with
 * actuals (its entries at that month's observed parameters), one for the
 * months after T (the programmed entries at the projection parameters) and one
 * for last year's entries (the programmed parameters, the same in every
 * stage, so that the stock never drifts). The drift is split by sequential
 * substitution: stage 0 is P; stage i takes Λ's segments with the first i − 1
 * parameters of Λ (rate, hours, duration, cofinancing, in that order) and P's
 * for the others; stage 5 is Λ. Each stage is an ordinary scenario computed by
 * the engine, so the landing follows every rule of section 2 and 3.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-actuals.h"
#include "trj-catalog.h"

/* ── Actuals ──────────────────────────────────────────────────────────── */

static void
actual_clear (TrjActual *row)
{
  g_clear_pointer (&row->line, g_free);
  g_clear_pointer (&row->envelope, g_free);
}

TrjActuals *
trj_actuals_new (void)
{
  TrjActuals *actuals = g_new0 (TrjActuals, 1);

  actuals->rows = g_array_new (FALSE, TRUE, sizeof (TrjActual));
  g_array_set_clear_func (actuals->rows, (GDestroyNotify) actual_clear);
  return actuals;
}

TrjActuals *
trj_actuals_copy (const TrjActuals *actuals)
{
  TrjActuals *copy = trj_actuals_new ();

  for (guint i = 0; i < actuals->rows->len; i++)
    trj_actuals_set (copy, &g_array_index (actuals->rows, TrjActual, i));
  return copy;
}

void
trj_actuals_free (TrjActuals *actuals)
{
  if (actuals == NULL)
    return;
  g_array_unref (actuals->rows);
  g_free (actuals);
}

static int
compare_key (const char *line_a, guint month_a, const TrjActual *b)
{
  int c = strcmp (line_a, b->line);

  return c != 0 ? c : (int) month_a - (int) b->month;
}

/* The index of (line, month), or where it goes (*found FALSE). */
static guint
locate (const TrjActuals *actuals, const char *line, guint month, gboolean *found)
{
  guint lo = 0, hi = actuals->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int c = compare_key (line, month, &g_array_index (actuals->rows, TrjActual, mid));

      if (c == 0)
        {
          *found = TRUE;
          return mid;
        }
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  *found = FALSE;
  return lo;
}

void
trj_actuals_set (TrjActuals *actuals, const TrjActual *row)
{
  TrjActual copy = *row;
  gboolean found;
  guint at = locate (actuals, row->line, row->month, &found);

  copy.line = g_strdup (row->line);
  copy.envelope = g_strdup (row->envelope);
  if (found)
    {
      actual_clear (&g_array_index (actuals->rows, TrjActual, at));
      g_array_index (actuals->rows, TrjActual, at) = copy;
    }
  else
    g_array_insert_val (actuals->rows, at, copy);
}

const TrjActual *
trj_actuals_find (const TrjActuals *actuals, const char *line, guint month)
{
  gboolean found;
  guint at = locate (actuals, line, month, &found);

  return found ? &g_array_index (actuals->rows, TrjActual, at) : NULL;
}

guint
trj_actuals_last_month (const TrjActuals *actuals)
{
  guint last = 0;

  for (guint i = 0; actuals != NULL && i < actuals->rows->len; i++)
    last = MAX (last, g_array_index (actuals->rows, TrjActual, i).month + 1);
  return last;
}

gboolean
trj_actual_check (const TrjActual *row, GError **error)
{
  const struct { TrjParam param; double value; } values[] = {
    { TRJ_PARAM_ACTUAL_ENTRIES, row->entries },
    { TRJ_PARAM_RATE, row->rate },
    { TRJ_PARAM_WEEKLY_HOURS, row->weekly_hours },
    { TRJ_PARAM_DURATION_MONTHS, row->duration_months },
    { TRJ_PARAM_COFINANCED_SHARE, row->cofinanced_share },
    { TRJ_PARAM_ACTUAL_ETP, row->etp },
    { TRJ_PARAM_ACTUAL_AE, row->ae },
    { TRJ_PARAM_ACTUAL_CP, row->cp },
  };
  gboolean any = FALSE;

  if (row->line == NULL || *row->line == '\0' || row->envelope == NULL || row->month >= TRJ_MONTHS)
    {
      g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
                           _("An actual needs a line, an envelope and a month from 1 to 12."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (isnan (values[i].value))
        continue;
      any = TRUE;
      if (!trj_catalog_check (values[i].param, trj_catalog_param (values[i].param)->key,
                              values[i].value, error))
        return FALSE;
    }
  if (!any)
    g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
                         _("An actual reports no value."));
  return any;
}

/* ── Landing ──────────────────────────────────────────────────────────── */

const char *
trj_projection_to_string (TrjProjection projection)
{
  return projection == TRJ_PROJECTION_PROGRAMMED ? "programmed" : "observed";
}

gboolean
trj_projection_from_string (const char *s, TrjProjection *out)
{
  if (g_strcmp0 (s, "observed") == 0)
    *out = TRJ_PROJECTION_OBSERVED;
  else if (g_strcmp0 (s, "programmed") == 0)
    *out = TRJ_PROJECTION_PROGRAMMED;
  else
    return FALSE;
  return TRUE;
}

static const char *const cause_names[TRJ_N_CAUSES] = {
  "volume", "rate", "hours", "duration", "cofinancing", "execution_gap",
};

const char *
trj_cause_to_string (TrjCause cause)
{
  g_return_val_if_fail (cause < TRJ_N_CAUSES, NULL);
  return cause_names[cause];
}

/* The four substituted parameters, in the order of the causes. */
#define N_PARAMS 4
static const TrjParam substituted[N_PARAMS] = {
  TRJ_PARAM_RATE, TRJ_PARAM_WEEKLY_HOURS, TRJ_PARAM_DURATION_MONTHS, TRJ_PARAM_COFINANCED_SHARE,
};

static double *
param_slot (TrjLine *line, guint p)
{
  switch (p)
    {
    case 0: return &line->rate;
    case 1: return &line->weekly_hours;
    case 2: return &line->duration_months;
    default: return &line->cofinanced_share;
    }
}

static double
actual_param (const TrjActual *row, guint p)
{
  switch (p)
    {
    case 0: return row->rate;
    case 1: return row->weekly_hours;
    case 2: return row->duration_months;
    default: return row->cofinanced_share;
    }
}

/* One part of a line of Λ. */
typedef struct {
  guint envelope;
  guint line;            /* global index of the line of P */
  TrjLine *part;         /* its entries and Λ's parameters */
  gboolean fixed;        /* the stock: P's parameters at every stage */
} Segment;

static void
segment_clear (Segment *s)
{
  g_clear_pointer (&s->part, trj_line_free);
}

static TrjLine *
empty_part (const TrjLine *line, guint k)
{
  TrjLine *part = trj_line_copy (line);

  g_free (part->id);
  part->id = g_strdup_printf ("%s#%u", line->id, k);
  part->entries_mode = TRJ_ENTRIES_MONTHLY;
  part->has_profile = FALSE;
  part->has_previous_entries = FALSE;
  memset (part->entries, 0, sizeof part->entries);
  memset (part->previous_entries, 0, sizeof part->previous_entries);
  return part;
}

static void
add_segment (GArray *segments, guint e, guint g, TrjLine *part, gboolean fixed)
{
  Segment s = { e, g, part, fixed };
  g_array_append_val (segments, s);
}

/* The segments of a contract line and its observed averages to T
 * (entry-weighted, P's where nothing was observed). */
static void
contract_segments (GArray *segments, guint e, guint g, const TrjLine *line, const TrjActuals *actuals,
                   guint T, TrjProjection projection, double observed[N_PARAMS], gboolean has_observed[N_PARAMS])
{
  double weight[N_PARAMS] = { 0 }, sum[N_PARAMS] = { 0 };
  TrjLine *future;
  guint k = 0;

  for (guint m = 0; m < T; m++)
    {
      const TrjActual *row = trj_actuals_find (actuals, line->id, m);
      double n = row != NULL && !isnan (row->entries) ? row->entries : 0;
      TrjLine *part;

      if (n <= 0)
        continue;
      part = empty_part (line, k++);
      part->entries[m] = n;
      for (guint p = 0; p < N_PARAMS; p++)
        if (!isnan (actual_param (row, p)))
          {
            *param_slot (part, p) = actual_param (row, p);
            sum[p] += n * actual_param (row, p);
            weight[p] += n;
          }
      add_segment (segments, e, g, part, FALSE);
    }
  for (guint p = 0; p < N_PARAMS; p++)
    {
      has_observed[p] = weight[p] > 0;
      observed[p] = has_observed[p] ? sum[p] / weight[p] : *param_slot ((TrjLine *) line, p);
    }

  future = empty_part (line, k++);
  for (guint m = T; m < TRJ_MONTHS; m++)
    future->entries[m] = line->entries[m];
  if (projection == TRJ_PROJECTION_OBSERVED)
    for (guint p = 0; p < N_PARAMS; p++)
      *param_slot (future, p) = observed[p];
  add_segment (segments, e, g, future, FALSE);

  if (line->has_previous_entries)
    {
      TrjLine *stock = empty_part (line, k++);

      memcpy (stock->previous_entries, line->previous_entries, sizeof stock->previous_entries);
      stock->has_previous_entries = TRUE;
      add_segment (segments, e, g, stock, TRUE);
    }
}

/* A GEIQ line (MODEL 3: an aid paid when the person is hired) with actuals:
 * see trj_landing_geiq_hires(). The landing's hiring profile is the hires
 * month by month, so that each aid is paid the month it is hired. */
gboolean
trj_landing_geiq_hires (const TrjLine *line, const TrjActuals *actuals, guint T, TrjProjection projection,
                        double hires[TRJ_MONTHS], double *to_date)
{
  double weights = 0, done = 0;
  gboolean any = FALSE;

  memset (hires, 0, TRJ_MONTHS * sizeof (double));
  for (guint m = 0; m < T && m < TRJ_MONTHS; m++)
    {
      const TrjActual *row = trj_actuals_find (actuals, line->id, m);

      if (row != NULL && !isnan (row->etp))
        {
          hires[m] = row->etp;
          done += row->etp;
          any = TRUE;
        }
    }
  if (to_date != NULL)
    *to_date = done;
  if (!any)
    return FALSE;
  for (guint m = 0; m < TRJ_MONTHS; m++)
    weights += line->has_payment_profile ? line->payment_profile[m] : 1;
  for (guint m = T; m < TRJ_MONTHS; m++)
    hires[m] = projection == TRJ_PROJECTION_OBSERVED
               ? done / T
               : weights > 0 ? line->quantity * (line->has_payment_profile ? line->payment_profile[m] : 1) / weights
                             : 0;
  return TRUE;
}

static TrjLine *
geiq_part (const TrjLine *line, const TrjActuals *actuals, guint T, TrjProjection projection)
{
  double hires[TRJ_MONTHS], total = 0;
  TrjLine *part = empty_part (line, 0);

  if (!trj_landing_geiq_hires (line, actuals, T, projection, hires, NULL))
    return part;
  for (guint m = 0; m < TRJ_MONTHS; m++)
    total += hires[m];
  part->quantity = total;
  if (total > 0)
    {
      memcpy (part->payment_profile, hires, sizeof hires);
      part->has_payment_profile = TRUE;
    }
  return part;
}

gboolean
trj_landing_is_geiq (TrjLineKind kind)
{
  return kind == TRJ_KIND_GEIQ_RENFORCE || kind == TRJ_KIND_GEIQ_STANDARD;
}

/* A post-aid line with realised ETP: its quantity becomes the projected annual
 * average (MODEL 3.2), the last month's ETP continuing (observed) or the
 * programmed quantity (programmed) after T. */
static TrjLine *
etp_part (const TrjLine *line, const TrjActuals *actuals, guint T, TrjProjection projection)
{
  double realised = 0, last = NAN;
  gboolean any = FALSE;
  TrjLine *part;

  for (guint m = 0; m < T; m++)
    {
      const TrjActual *row = trj_actuals_find (actuals, line->id, m);

      if (row != NULL && !isnan (row->etp))
        {
          realised += row->etp;
          last = row->etp;
          any = TRUE;
        }
    }
  part = empty_part (line, 0);
  memcpy (part->entries, line->entries, sizeof part->entries);
  part->has_previous_entries = line->has_previous_entries;
  memcpy (part->previous_entries, line->previous_entries, sizeof part->previous_entries);
  if (any)
    {
      double after = projection == TRJ_PROJECTION_OBSERVED ? last : line->quantity;

      part->quantity = (realised + (TRJ_MONTHS - T) * after) / TRJ_MONTHS;
      part->second_year_quantity = MIN (part->second_year_quantity, part->quantity);
    }
  return part;
}

static TrjLine *
post_aid_part (const TrjLine *line, const TrjActuals *actuals, guint T, TrjProjection projection)
{
  return trj_landing_is_geiq (line->kind) ? geiq_part (line, actuals, T, projection)
                                          : etp_part (line, actuals, T, projection);
}

/* Stage i of the substitution as a scenario: P's envelopes with the segments'
 * lines, the first i − 1 parameters Λ's and the others P's. */
static TrjScenario *
stage_scenario (const TrjScenario *p, GArray *segments, const TrjLine *const *p_lines, guint stage)
{
  TrjScenario *s = trj_scenario_copy (p);

  for (guint e = 0; e < s->envelopes->len; e++)
    g_ptr_array_set_size (((TrjEnvelope *) g_ptr_array_index (s->envelopes, e))->lines, 0);
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *seg = &g_array_index (segments, Segment, i);
      TrjLine *line = trj_line_copy (seg->part);

      for (guint q = 0; q < N_PARAMS; q++)
        if (seg->fixed || q + 1 >= stage)
          *param_slot (line, q) = *param_slot ((TrjLine *) p_lines[seg->line], q);
      g_ptr_array_add (((TrjEnvelope *) g_ptr_array_index (s->envelopes, seg->envelope))->lines, line);
    }
  return s;
}

/* Adds each segment's AE and CP, month by month, to its line. */
static gboolean
stage_months (const TrjScenario *s, GArray *segments, const TrjRules *rules, double (*ae)[TRJ_MONTHS],
              double (*cp)[TRJ_MONTHS], GError **error)
{
  g_autoptr(TrjResult) r = trj_result_new (s);

  if (!trj_engine_compute (s, rules, r, error))
    return FALSE;
  /* The segments were added envelope by envelope, in the order results are. */
  for (guint i = 0; i < segments->len; i++)
    {
      guint g = g_array_index (segments, Segment, i).line;

      for (guint m = 0; m < TRJ_MONTHS; m++)
        {
          ae[g][m] += r->lines[i].f.ae[m];
          cp[g][m] += r->lines[i].f.cp[m];
        }
    }
  return TRUE;
}

static double
sum12 (const double v[TRJ_MONTHS])
{
  double s = 0;

  for (guint m = 0; m < TRJ_MONTHS; m++)
    s += v[m];
  return s;
}

void
trj_landing_free (TrjLanding *landing)
{
  if (landing == NULL)
    return;
  g_free (landing->envelopes);
  g_free (landing->lines);
  g_clear_pointer (&landing->drifts, g_array_unref);
  g_free (landing->ae_months);
  g_free (landing->cp_months);
  g_free (landing);
}

void
trj_drift_tolerance_init (TrjDriftTolerance *tolerance)
{
  tolerance->rate = TRJ_DRIFT_TOLERANCE_RATE;
  tolerance->hours = TRJ_DRIFT_TOLERANCE_HOURS;
  tolerance->duration = TRJ_DRIFT_TOLERANCE_DURATION;
  tolerance->cofinancing = TRJ_DRIFT_TOLERANCE_COFINANCING;
}

double
trj_drift_tolerance_get (const TrjDriftTolerance *tolerance, TrjParam param)
{
  if (param == TRJ_PARAM_RATE)
    return tolerance->rate;
  if (param == TRJ_PARAM_WEEKLY_HOURS)
    return tolerance->hours;
  if (param == TRJ_PARAM_DURATION_MONTHS)
    return tolerance->duration;
  if (param == TRJ_PARAM_COFINANCED_SHARE)
    return tolerance->cofinancing;
  return NAN;
}

TrjLanding *
trj_landing_compute (const TrjScenario *programmed, const TrjActuals *actuals, TrjProjection projection,
                     const TrjRules *rules, GError **error)
{
  return trj_landing_compute_with_tolerance (programmed, actuals, projection, rules, NULL, error);
}

TrjLanding *
trj_landing_compute_with_tolerance (const TrjScenario *programmed, const TrjActuals *actuals,
                                    TrjProjection projection, const TrjRules *rules,
                                    const TrjDriftTolerance *tolerance, GError **error)
{
  g_autoptr(TrjLanding) landing = g_new0 (TrjLanding, 1);
  g_autoptr(GArray) segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_autoptr(TrjResult) p_result = trj_result_new (programmed);
  g_autofree const TrjLine **p_lines = NULL;
  double (*stage_ae)[TRJ_MONTHS] = NULL, (*stage_cp)[TRJ_MONTHS] = NULL;
  TrjDriftTolerance defaults;
  double tolerances[N_PARAMS];
  guint n = trj_scenario_n_lines (programmed), g = 0, T = trj_actuals_last_month (actuals);
  double prev_ae, prev_cp;
  gboolean ok = TRUE;

  trj_drift_tolerance_init (&defaults);
  if (tolerance == NULL)
    tolerance = &defaults;
  for (guint p = 0; p < N_PARAMS; p++)
    {
      tolerances[p] = trj_drift_tolerance_get (tolerance, substituted[p]);
      g_return_val_if_fail (isfinite (tolerances[p]) && tolerances[p] >= 0, NULL);
    }
  g_array_set_clear_func (segments, (GDestroyNotify) segment_clear);
  if (!trj_engine_compute (programmed, rules, p_result, error))
    return NULL;
  landing->month = T;
  landing->projection = projection;
  landing->n_envelopes = programmed->envelopes->len;
  landing->envelopes = g_new0 (TrjLandingFigures, landing->n_envelopes);
  landing->n_lines = n;
  landing->lines = g_new0 (TrjLandingFigures, n);
  landing->drifts = g_array_new (FALSE, TRUE, sizeof (TrjLandingDrift));
  landing->ae_months = g_malloc0_n (n, sizeof (double[TRJ_MONTHS]));
  landing->cp_months = g_malloc0_n (n, sizeof (double[TRJ_MONTHS]));
  p_lines = g_new0 (const TrjLine *, n + 1);

  for (guint e = 0; e < programmed->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (programmed->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++, g++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);

          p_lines[g] = line;
          switch (trj_kind_shape (line->kind))
            {
            case TRJ_LINE_SHAPE_CONTRACT:
              {
                double observed[N_PARAMS];
                gboolean has[N_PARAMS];

                contract_segments (segments, e, g, line, actuals, T, projection, observed, has);
                for (guint p = 0; p < N_PARAMS; p++)
                  if (has[p] && fabs (observed[p] - *param_slot ((TrjLine *) line, p)) > tolerances[p] + 1e-12)
                    {
                      TrjLandingDrift d = { e, l, substituted[p], observed[p],
                                            *param_slot ((TrjLine *) line, p), tolerances[p] };
                      g_array_append_val (landing->drifts, d);
                    }
              }
              break;
            case TRJ_LINE_SHAPE_POST_AID:
              add_segment (segments, e, g, post_aid_part (line, actuals, T, projection), FALSE);
              break;
            case TRJ_LINE_SHAPE_FREE:
            default:
              {
                TrjLine *part = empty_part (line, 0);

                memcpy (part->entries, line->entries, sizeof part->entries);
                add_segment (segments, e, g, part, TRUE);
              }
              break;
            }
        }
    }

  /* Stage 0 is P; stages 1 … 5 the substitutions, each cause the difference
   * from the stage before. */
  stage_ae = g_malloc0_n (n + 1, sizeof (double[TRJ_MONTHS]));
  stage_cp = g_malloc0_n (n + 1, sizeof (double[TRJ_MONTHS]));
  for (g = 0; g < n; g++)
    {
      const TrjLineResult *lr = &p_result->lines[g];

      landing->lines[g].ae_programmed = lr->f.ae_total;
      landing->lines[g].cp_programmed = lr->f.cp_total;
      landing->lines[g].ae_available = landing->lines[g].cp_available = NAN;
    }
  for (guint stage = 1; ok && stage <= TRJ_CAUSE_COFINANCING + 1; stage++)
    {
      g_autoptr(TrjScenario) s = stage_scenario (programmed, segments, p_lines, stage);

      memset (stage_ae, 0, sizeof (double[TRJ_MONTHS]) * (n + 1));
      memset (stage_cp, 0, sizeof (double[TRJ_MONTHS]) * (n + 1));
      ok = stage_months (s, segments, rules, stage_ae, stage_cp, error);
      for (g = 0; ok && g < n; g++)
        {
          TrjLandingFigures *f = &landing->lines[g];

          prev_ae = stage == 1 ? f->ae_programmed : f->ae_landing;
          prev_cp = stage == 1 ? f->cp_programmed : f->cp_landing;
          f->ae_landing = sum12 (stage_ae[g]);
          f->cp_landing = sum12 (stage_cp[g]);
          f->ae_drift[stage - 1] = f->ae_landing - prev_ae;
          f->cp_drift[stage - 1] = f->cp_landing - prev_cp;
          memcpy (landing->ae_months[g], stage_ae[g], sizeof stage_ae[g]);
          memcpy (landing->cp_months[g], stage_cp[g], sizeof stage_cp[g]);
        }
    }
  g_free (stage_ae);
  g_free (stage_cp);
  if (!ok)
    return NULL;

  /* Reported AE and CP replace the model's for months ≤ T: the execution gap. */
  for (g = 0; g < n; g++)
    {
      TrjLandingFigures *f = &landing->lines[g];

      for (guint m = 0; m < T; m++)
        {
          const TrjActual *row = trj_actuals_find (actuals, p_lines[g]->id, m);

          if (row != NULL && !isnan (row->ae))
            {
              f->ae_drift[TRJ_CAUSE_EXECUTION_GAP] += row->ae - landing->ae_months[g][m];
              landing->ae_months[g][m] = row->ae;
            }
          if (row != NULL && !isnan (row->cp))
            {
              f->cp_drift[TRJ_CAUSE_EXECUTION_GAP] += row->cp - landing->cp_months[g][m];
              landing->cp_months[g][m] = row->cp;
            }
        }
      f->ae_landing = sum12 (landing->ae_months[g]);
      f->cp_landing = sum12 (landing->cp_months[g]);
    }

  for (guint e = 0; e < landing->n_envelopes; e++)
    {
      TrjLandingFigures *f = &landing->envelopes[e];
      const TrjEnvelopeResult *er = &p_result->envelopes[e];

      f->ae_available = er->ae_available;
      f->cp_available = er->cp_available;
      for (g = er->first_line; g < er->first_line + er->n_lines; g++)
        {
          const TrjLandingFigures *lf = &landing->lines[g];

          f->ae_programmed += lf->ae_programmed;
          f->ae_landing += lf->ae_landing;
          f->cp_programmed += lf->cp_programmed;
          f->cp_landing += lf->cp_landing;
          for (guint c = 0; c < TRJ_N_CAUSES; c++)
            {
              f->ae_drift[c] += lf->ae_drift[c];
              f->cp_drift[c] += lf->cp_drift[c];
            }
        }
    }
  return g_steal_pointer (&landing);
}
