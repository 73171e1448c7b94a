/* trj-ddets.c — see trj-ddets.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-alert-text.h"
#include "trj-ddets.h"
#include "trj-json.h"

static gboolean
envelope_has_part (const TrjEnvelope *env, const char *departement)
{
  for (guint l = 0; l < env->lines->len; l++)
    if (g_strcmp0 (((const TrjLine *) g_ptr_array_index (env->lines, l))->departement, departement) == 0)
      return TRUE;
  for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
    if (g_strcmp0 (((const TrjAllocation *) g_ptr_array_index (env->allocations, a))->departement, departement) == 0)
      return TRUE;
  return FALSE;
}

TrjScenario *
trj_ddets_part (const TrjScenario *scenario, const char *departement)
{
  TrjScenario *part = trj_scenario_new ();

  part->year = scenario->year;
  part->region = g_strdup (scenario->region);
  part->zone = scenario->zone;
  trj_reference_clear (&part->reference);
  trj_reference_copy (&part->reference, &scenario->reference);
  part->overrides_smic = scenario->overrides_smic;
  part->overrides_rsa = scenario->overrides_rsa;
  part->overrides_cd_share = scenario->overrides_cd_share;
  part->overrides_weeks = scenario->overrides_weeks;
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
      TrjEnvelope *copy;
      double whole_ae = -1, whole_volume = 0, sum_ae = 0, sum_volume = 0;

      if (!envelope_has_part (env, departement))
        continue;
      copy = trj_envelope_new (env->id);
      for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
        {
          const TrjAllocation *al = g_ptr_array_index (env->allocations, a);

          if (g_strcmp0 (al->departement, departement) != 0)
            continue;
          trj_envelope_add_allocation (copy, trj_allocation_copy (al));
          if (al->prescriber == NULL)
            whole_ae = al->ae, whole_volume = al->volume;
          sum_ae += al->ae;
          sum_volume += al->volume;
        }
      /* What the DDETS has to program: its allocation, the CP in the region's proportion. */
      copy->ae_notified = whole_ae >= 0 ? whole_ae : sum_ae;
      copy->volume_notified = whole_ae >= 0 ? whole_volume : sum_volume;
      copy->cp_notified = env->ae_notified > 0 ? env->cp_notified * copy->ae_notified / env->ae_notified : 0;
      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);

          if (g_strcmp0 (line->departement, departement) == 0)
            g_ptr_array_add (copy->lines, trj_line_copy (line));
        }
      g_ptr_array_add (part->envelopes, copy);
    }
  return part;
}

gboolean
trj_ddets_prepare (TrjWorkbook *region, gint64 scenario_id, const char *departement, const char *path,
                   GError **error)
{
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjScenario) part = NULL;
  g_autoptr(TrjWorkbook) file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *token = g_uuid_string_random ();
  g_autofree char *prepared = g_date_time_format_iso8601 (now);
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  TrjDdetsRecord record = { 0 };

  g_return_val_if_fail (TRJ_IS_WORKBOOK (region), FALSE);

  if (!trj_departement_code_valid (departement))
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("“%s” is not a département code (29, 2A, 974)."), departement != NULL ? departement : "");
      return FALSE;
    }
  if ((scenario = trj_workbook_get_scenario (region, scenario_id, error)) == NULL)
    return FALSE;
  part = trj_ddets_part (scenario, departement);
  if (part->envelopes->len == 0)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("The scenario has no line nor allocation for the département %s: there is nothing to send."),
                   departement);
      return FALSE;
    }
  name = trj_workbook_get_scenario_name (region, scenario_id);
  base = trj_json_scenario_to_data (part);
  if ((file = trj_workbook_new_with_scenario (path, part, error)) == NULL)
    return FALSE;
  record.departement = (char *) departement;
  record.token = token;
  record.prepared = prepared;
  record.scenario_name = name;
  record.base = base;
  return trj_workbook_set_ddets_part (file, &record, error)
         && trj_workbook_record_ddets_share (region, scenario_id, &record, error);
}

void
trj_ddets_merge_clear (TrjDdetsMerge *merge)
{
  g_clear_pointer (&merge->departement, g_free);
  g_clear_pointer (&merge->conflicts, g_ptr_array_unref);
  merge->updated = merge->added = merge->removed = 0;
}

/* A line as JSON, in a scenario of its own: equal texts, equal lines. */
static char *
line_text (const TrjScenario *scenario, const char *envelope_id, const TrjLine *line)
{
  g_autoptr(TrjScenario) alone = trj_scenario_new ();
  TrjEnvelope *env = trj_envelope_new (envelope_id);

  alone->year = scenario->year;
  alone->region = g_strdup (scenario->region);
  alone->zone = scenario->zone;
  g_ptr_array_add (env->lines, trj_line_copy (line));
  g_ptr_array_add (alone->envelopes, env);
  return trj_json_scenario_to_data (alone);
}

static char *
describe (const TrjLine *line)
{
  /* TRANSLATORS: a line in a list: its label and its identifier */
  return g_strdup_printf (_("“%s” (%s)"), line->label != NULL && *line->label != '\0' ? line->label : line->id,
                          line->id);
}

/* A fresh id for a line the DDETS added whose id the region used meanwhile. */
static char *
free_id (const TrjScenario *region, const TrjScenario *theirs, const char *id, const char *departement)
{
  for (int n = 1;; n++)
    {
      char *candidate = n == 1 ? g_strdup_printf ("%s-ddets-%s", id, departement)
                               : g_strdup_printf ("%s-ddets-%s-%d", id, departement, n);

      if (trj_scenario_find_line (region, candidate, NULL) == NULL
          && trj_scenario_find_line (theirs, candidate, NULL) == NULL)
        return candidate;
      g_free (candidate);
    }
}

gboolean
trj_ddets_integrate (TrjWorkbook *region, gint64 scenario_id, const char *path, TrjDdetsMerge *merge,
                     GError **error)
{
  g_auto(TrjDdetsMerge) local = { 0 };
  g_autoptr(TrjWorkbook) file = NULL;
  g_autoptr(TrjDdetsRecord) part = NULL;
  g_autoptr(TrjDdetsRecord) share = NULL;
  g_autoptr(TrjScenario) theirs = NULL;
  g_autoptr(TrjScenario) base = NULL;
  g_autoptr(TrjScenario) ours = NULL;
  g_autoptr(GPtrArray) puts = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_line_free);
  g_autoptr(GPtrArray) put_envelopes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) removed = g_strv_builder_new ();
  g_auto(GStrv) removed_ids = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (region), FALSE);
  local.conflicts = g_ptr_array_new_with_free_func (g_free);

  if ((file = trj_workbook_open (path, error)) == NULL)
    return FALSE;
  if ((part = trj_workbook_get_ddets_part (file, &local_error)) == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                             _("This file is no DDETS file: prepare one with « Prepare a DDETS File… »."));
      return FALSE;
    }
  local.departement = g_strdup (part->departement);
  name = trj_workbook_get_scenario_name (region, scenario_id);
  share = trj_workbook_get_ddets_share (region, scenario_id, part->departement, &local_error);
  if (share == NULL || g_strcmp0 (part->scenario_name, name) != 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                     _("This file was prepared for the département %s from the scenario “%s”, not from this one: "
                       "open that scenario to integrate it."), part->departement, part->scenario_name);
      return FALSE;
    }
  if (g_strcmp0 (share->token, part->token) != 0)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("This file for the département %s was prepared on %.10s, but a newer one was prepared on "
                     "%.10s: integrate the return of the newer one."), part->departement, part->prepared,
                   share->prepared);
      return FALSE;
    }
  if ((theirs = trj_workbook_get_scenario (file, trj_workbook_get_current_scenario (file), error)) == NULL
      || (ours = trj_workbook_get_scenario (region, scenario_id, error)) == NULL)
    return FALSE;
  if ((base = trj_json_scenario_from_data (share->base, -1, &local_error)) == NULL)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
                   _("The record of the file prepared for the département %s is damaged: %s"),
                   part->departement, local_error->message);
      return FALSE;
    }

  /* Every line of the file, against the base and the region's. */
  for (guint e = 0; e < theirs->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (theirs->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *d = g_ptr_array_index (env->lines, l);
          TrjEnvelope *r_env = NULL;
          const TrjLine *b = trj_scenario_find_line (base, d->id, NULL);
          const TrjLine *r = trj_scenario_find_line (ours, d->id, &r_env);
          g_autofree char *dt = NULL, *bt = NULL, *rt = NULL;

          if (g_strcmp0 (d->departement, part->departement) != 0)
            {
              g_autofree char *what = describe (d);

              g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("The line %s of the file is not of the département %s: a DDETS returns its own lines."),
                           what, part->departement);
              return FALSE;
            }
          if (trj_scenario_find_envelope (ours, env->id) == NULL)
            {
              g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("The envelope “%s” of the file is not in the scenario."), env->id);
              return FALSE;
            }
          dt = line_text (theirs, env->id, d);
          if (b == NULL)
            {
              /* Added by the DDETS. */
              TrjLine *added = trj_line_copy (d);

              if (r != NULL)
                {
                  g_free (added->id);
                  added->id = free_id (ours, theirs, d->id, part->departement);
                }
              g_ptr_array_add (puts, added);
              g_ptr_array_add (put_envelopes, g_strdup (env->id));
              local.added++;
              continue;
            }
          bt = line_text (base, env->id, b);
          if (g_str_equal (dt, bt))
            continue;                 /* the DDETS did not change it */
          rt = r != NULL ? line_text (ours, r_env->id, r) : NULL;
          if (rt != NULL && g_str_equal (rt, dt))
            continue;                 /* both made the same change */
          if (rt != NULL && g_str_equal (rt, bt))
            {
              g_ptr_array_add (puts, trj_line_copy (d));
              g_ptr_array_add (put_envelopes, g_strdup (r_env->id));
              local.updated++;
              continue;
            }
          {
            g_autofree char *what = describe (d);

            g_ptr_array_add (local.conflicts,
                             r == NULL ? g_strdup_printf (_("%s: changed by the DDETS, removed by the region"), what)
                                       : g_strdup_printf (_("%s: changed by the DDETS and by the region"), what));
          }
        }
    }
  /* The lines the DDETS removed. */
  for (guint e = 0; e < base->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (base->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *b = g_ptr_array_index (env->lines, l);
          TrjEnvelope *r_env = NULL;
          const TrjLine *r;
          g_autofree char *bt = NULL, *rt = NULL;

          if (trj_scenario_find_line (theirs, b->id, NULL) != NULL
              || (r = trj_scenario_find_line (ours, b->id, &r_env)) == NULL)
            continue;
          bt = line_text (base, env->id, b);
          rt = line_text (ours, r_env->id, r);
          if (g_str_equal (bt, rt))
            {
              g_strv_builder_add (removed, b->id);
              local.removed++;
            }
          else
            {
              g_autofree char *what = describe (r);

              g_ptr_array_add (local.conflicts,
                               g_strdup_printf (_("%s: removed by the DDETS, changed by the region"), what));
            }
        }
    }

  if (local.conflicts->len > 0)
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < local.conflicts->len; i++)
        g_string_append_printf (list, "\n– %s", (const char *) g_ptr_array_index (local.conflicts, i));
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   ngettext ("The return of the DDETS (département %s) is not integrated: %u line was changed on "
                             "both sides since the file was prepared; agree on it, then integrate again. Nothing "
                             "was changed.%s",
                             "The return of the DDETS (département %s) is not integrated: %u lines were changed on "
                             "both sides since the file was prepared; agree on them, then integrate again. Nothing "
                             "was changed.%s", local.conflicts->len),
                   part->departement, local.conflicts->len, list->str);
      g_string_free (list, TRUE);
      if (merge != NULL)
        *merge = local, local = (TrjDdetsMerge) { 0 };
      return FALSE;
    }
  removed_ids = g_strv_builder_end (removed);
  if (!trj_workbook_merge_lines (region, scenario_id, _("Integrate the DDETS’ Return"), puts, put_envelopes,
                                 (const char *const *) removed_ids, error))
    return FALSE;
  if (merge != NULL)
    *merge = local, local = (TrjDdetsMerge) { 0 };
  return TRUE;
}
