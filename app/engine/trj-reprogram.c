/* trj-reprogram.c — see trj-reprogram.h */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-reprogram.h"

char *
trj_reprogramming_realised_id (const char *line_id)
{
  return g_strconcat (line_id, "-realise", NULL);
}

/* The entry-weighted average of an observed parameter over the rows of a
 * line, the programmed value where no row reports it. */
static double
observed_average (const TrjActuals *actuals, const char *line, guint T, gsize offset, double programmed)
{
  double sum = 0, weight = 0;

  for (guint m = 0; m < T; m++)
    {
      const TrjActual *row = trj_actuals_find (actuals, line, m);
      double value, entries;

      if (row == NULL)
        continue;
      value = G_STRUCT_MEMBER (double, row, offset);
      entries = isnan (row->entries) ? 0 : row->entries;
      if (isnan (value) || entries <= 0)
        continue;
      sum += value * entries;
      weight += entries;
    }
  return weight > 0 ? sum / weight : programmed;
}

TrjScenario *
trj_reprogramming_build (const TrjScenario *p, const TrjActuals *actuals, const char *label_suffix,
                         GPtrArray **realised, GError **error)
{
  guint T = trj_actuals_last_month (actuals);
  g_autoptr(TrjScenario) s = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (T == 0)
    {
      g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
                           _("There are no actuals to reprogram from: import the actuals first."));
      return NULL;
    }
  s = trj_scenario_copy (p);
  for (guint e = 0; e < s->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          TrjLine *open = g_ptr_array_index (env->lines, l);
          g_autoptr(TrjLine) done = NULL;
          double volume = 0;

          if (trj_kind_shape (open->kind) != TRJ_LINE_SHAPE_CONTRACT)
            continue;
          done = trj_line_copy (open);
          g_free (done->id);
          done->id = trj_reprogramming_realised_id (open->id);
          g_free (done->label);
          done->label = g_strconcat (open->label != NULL && *open->label ? open->label : open->id, label_suffix, NULL);
          done->entries_mode = TRJ_ENTRIES_MONTHLY;
          done->has_previous_entries = FALSE;
          for (guint m = 0; m < TRJ_MONTHS; m++)
            {
              const TrjActual *row = m < T ? trj_actuals_find (actuals, open->id, m) : NULL;

              done->entries[m] = row != NULL && !isnan (row->entries) ? row->entries : 0;
              done->previous_entries[m] = 0;
              volume += done->entries[m];
            }
          done->volume = volume;
          done->rate = observed_average (actuals, open->id, T, G_STRUCT_OFFSET (TrjActual, rate), open->rate);
          done->weekly_hours = observed_average (actuals, open->id, T, G_STRUCT_OFFSET (TrjActual, weekly_hours),
                                                 open->weekly_hours);
          done->duration_months = observed_average (actuals, open->id, T,
                                                    G_STRUCT_OFFSET (TrjActual, duration_months),
                                                    open->duration_months);
          done->cofinanced_share = observed_average (actuals, open->id, T,
                                                     G_STRUCT_OFFSET (TrjActual, cofinanced_share),
                                                     open->cofinanced_share);

          /* The open part: P's entries after T only, in monthly mode. */
          open->entries_mode = TRJ_ENTRIES_MONTHLY;
          volume = 0;
          for (guint m = 0; m < TRJ_MONTHS; m++)
            {
              if (m < T)
                open->entries[m] = 0;
              volume += open->entries[m];
            }
          open->volume = volume;

          /* A line without actual entries has no realised part. */
          if (done->volume > 0)
            {
              g_ptr_array_add (ids, g_strdup (done->id));
              g_ptr_array_insert (env->lines, (int) l, g_steal_pointer (&done));
              l++;
            }
        }
    }
  if (realised != NULL)
    *realised = g_steal_pointer (&ids);
  return g_steal_pointer (&s);
}
