/* trj-share.c — see trj-share.h */
#include "config.h"

#include "trj-share.h"

#include <math.h>

void
trj_allocation_figures_of (const TrjScenario *scenario, const TrjResult *result, guint e,
                           const TrjAllocation *allocation, TrjAllocationFigures *out)
{
  const TrjEnvelope *env;

  *out = (TrjAllocationFigures) { 0 };
  g_return_if_fail (e < scenario->envelopes->len && e < result->n_envelopes);
  env = g_ptr_array_index (scenario->envelopes, e);
  for (guint l = 0; l < env->lines->len; l++)
    if (trj_allocation_covers (allocation, g_ptr_array_index (env->lines, l)))
      {
        const TrjFigures *f = &result->lines[result->envelopes[e].first_line + l].f;

        out->ae += f->ae_total;
        out->volume += f->volume;
        out->n_lines++;
      }
}

void
trj_allocation_figures (const TrjScenario *scenario, const TrjResult *result, guint e, guint a,
                        TrjAllocationFigures *out)
{
  const TrjEnvelope *env;

  *out = (TrjAllocationFigures) { 0 };
  g_return_if_fail (e < scenario->envelopes->len && e < result->n_envelopes);
  env = g_ptr_array_index (scenario->envelopes, e);
  g_return_if_fail (a < trj_envelope_n_allocations (env));
  trj_allocation_figures_of (scenario, result, e, g_ptr_array_index (env->allocations, a), out);
}

gboolean
trj_allocation_ae_exceeded (const TrjAllocation *allocation, const TrjAllocationFigures *f)
{
  return f->ae > allocation->ae + TRJ_OVERRUN_EPSILON;
}

gboolean
trj_allocation_volume_exceeded (const TrjAllocation *allocation, const TrjAllocationFigures *f)
{
  return f->volume > allocation->volume + 1e-9;
}

void
trj_caom_gap (const TrjEnvelope *env, const TrjCaom *caom, TrjCaomGap *out)
{
  double sum = 0;

  *out = (TrjCaomGap) { 0 };
  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += caom->profile[m];
  for (int m = 0; m < TRJ_MONTHS; m++)
    out->committed[m] = sum > 0 ? caom->contracts * caom->profile[m] / sum : 0;
  for (guint l = 0; l < env->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (env->lines, l);

      if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT
          || g_strcmp0 (line->departement, caom->departement) != 0)
        continue;
      for (int m = 0; m < TRJ_MONTHS; m++)
        out->cofinanced[m] += line->cofinanced_share * line->entries[m];
    }
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      out->gap[m] = out->cofinanced[m] - out->committed[m];
      out->committed_total += out->committed[m];
      out->cofinanced_total += out->cofinanced[m];
    }
  out->gap_total = out->cofinanced_total - out->committed_total;
  out->largest_month = -1;
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      out->cumulative_gap[m] = (m > 0 ? out->cumulative_gap[m - 1] : 0) + out->gap[m];
      /* Below a millionth of a contract the gap is rounding, not a gap. */
      if (fabs (out->cumulative_gap[m]) > fabs (out->largest_gap) + 1e-6)
        {
          out->largest_gap = out->cumulative_gap[m];
          out->largest_month = m;
        }
    }
}

const TrjCaom *
trj_envelope_find_caom (const TrjEnvelope *env, const char *departement)
{
  for (guint c = 0; c < trj_envelope_n_caom (env); c++)
    {
      const TrjCaom *caom = g_ptr_array_index (env->caom, c);

      if (g_strcmp0 (caom->departement, departement) == 0)
        return caom;
    }
  return NULL;
}
