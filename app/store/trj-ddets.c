/* trj-ddets.c — see trj-ddets.h */
#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "trj-alert-text.h"
#include "trj-ddets.h"
#include "trj-format.h"
#include "trj-json.h"
#include "trj-workbook-private.h"

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

/* A line as the planner knows it: its label in the grid (its kind's title
 * when it has none), its envelope and its département as an allocation is
 * named (trj_allocation_name: « Finistère (29) »). */
static char *
describe (const TrjScenario *scenario, const char *envelope_id, const TrjLine *line)
{
  const char *name = line->label != NULL && *line->label != '\0' ? line->label : trj_catalog_kind_title (line->kind);
  TrjAllocation where = { .departement = line->departement };
  g_autofree char *departement = line->departement != NULL ? trj_allocation_name (scenario, &where) : NULL;

  if (departement == NULL)
    /* TRANSLATORS: a line in a list: its label, its envelope */
    return g_strdup_printf (_("“%s”, %s"), name, trj_catalog_envelope_title (envelope_id));
  /* TRANSLATORS: a line in a list: its label, its envelope, its département « Finistère (29) » */
  return g_strdup_printf (_("“%s”, %s, %s"), name, trj_catalog_envelope_title (envelope_id), departement);
}

/* The titles of the line's fields that are no catalogue parameter. */
static const char *
column_title (const TrjLineColumn *column)
{
  static const struct { const char *column, *title; } titles[] = {
    { "label", N_("Label") }, { "kind", N_("Type") }, { "departement", N_("Département") },
    { "prescriber", N_("Prescriber") }, { "entries_mode", N_("Entry mode") },
    { "structure_kind", N_("Structure kind") }, { "funded_from", N_("Funded from") },
    { "structure_name", N_("Structure") }, { "siret", N_("SIRET") }, { "note", N_("Note") },
    { "exception_reason", N_("Justification") },
  };

  if (column->spec.param == TRJ_PARAM_PUBLIC_SHARE)
    return trj_catalog_public_title (column->field - TRJ_LINE_FIELD_PUBLIC_QPV);
  if (column->spec.param >= 0)
    return trj_catalog_param_title (column->spec.param);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].column, column->spec.column))
      return _(titles[i].title);
  return NULL;                    /* a flag that goes with a month series (has_profile) */
}

/* A value as the grid shows it, in French (trj-format). */
static char *
format_param (TrjParam param, double value)
{
  if (isnan (value))
    return g_strdup ("—");
  switch (trj_catalog_param (param)->kind)
    {
    case TRJ_PARAM_SHARE:      return trj_format_percent (value, 1);
    case TRJ_PARAM_MONTH:      return g_strdup (trj_format_month_long ((int) value + 1));
    case TRJ_PARAM_MONEY:      return trj_format_money (value);
    case TRJ_PARAM_FLAG:       return g_strdup (value != 0 ? _("yes") : _("no"));
    case TRJ_PARAM_HOURS:
    case TRJ_PARAM_MONTHS:
    case TRJ_PARAM_COUNT:
    case TRJ_PARAM_WEIGHT:
    case TRJ_PARAM_EURO_RATE:
    case TRJ_PARAM_FACTOR:
    default:                   return trj_format_decimal (value, 2);
    }
}

static char *
format_column (const TrjLineColumn *column, const TrjLine *line)
{
  const char *at = (const char *) line + column->offset;

  switch (column->type)
    {
    case TRJ_COLUMN_TEXT:
    case TRJ_COLUMN_TEXT_NULL:
      {
        const char *text = *(char * const *) at;

        return text != NULL && *text != '\0' ? g_strdup_printf (_("“%s”"), text) : g_strdup ("—");
      }
    case TRJ_COLUMN_KIND:
      return g_strdup (trj_catalog_kind_title (*(const TrjLineKind *) at));
    case TRJ_COLUMN_REAL:
      return format_param (column->spec.param, *(const double *) at);
    case TRJ_COLUMN_REAL_NULL:
      return format_param (column->spec.param, *(const gboolean *) ((const char *) line + column->has_offset)
                                                 ? *(const double *) at : NAN);
    case TRJ_COLUMN_INT:
      if (g_str_equal (column->spec.column, "entries_mode"))
        return g_strdup (*(const TrjEntriesMode *) at == TRJ_ENTRIES_VOLUME ? _("volume and profile")
                                                                             : _("month by month"));
      return format_param (column->spec.param, *(const int *) at);
    default:
      return g_strdup ("?");
    }
}

/* « taux de prise en charge : envoyé 60,0 %, région 65,0 %, DDETS 70,0 % »:
 * the title's first letter in lower case, unless it begins an acronym
 * (« ETP réalisés », « SIRET » stay). */
static void
add_change (GPtrArray *changes, const char *title, const char *base, const char *ours, const char *theirs)
{
  const char *rest = *title != '\0' ? g_utf8_next_char (title) : title;
  g_autofree char *first = g_unichar_isupper (g_utf8_get_char (rest)) ? g_strndup (title, rest - title)
                                                                       : g_utf8_strdown (title, rest - title);
  g_autofree char *lower = g_strconcat (first, rest, NULL);

  /* TRANSLATORS: a field changed on both sides: its title, the value sent, the region's, the DDETS' */
  g_ptr_array_add (changes, g_strdup_printf (_("%s: sent %s, region %s, DDETS %s"), lower, base, ours, theirs));
}

/* The fields the region and the DDETS both changed, each its own way. */
static GPtrArray *
changed_fields (const TrjLine *b, const TrjLine *r, const TrjLine *d)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < trj_workbook_n_line_columns; c++)
    {
      const TrjLineColumn *column = &trj_workbook_line_columns[c];
      const char *title = column_title (column);
      g_autofree char *bt = NULL, *rt = NULL, *dt = NULL;

      if (title == NULL)
        continue;
      bt = format_column (column, b), rt = format_column (column, r), dt = format_column (column, d);
      if (!g_str_equal (bt, rt) && !g_str_equal (bt, dt) && !g_str_equal (rt, dt))
        add_change (changes, title, bt, rt, dt);
    }
  for (guint s = 0; s < TRJ_N_LINE_MONTHS; s++)
    {
      const TrjMonthSeries *series = &trj_workbook_month_series[s];

      /* Entries given as a volume on both sides follow from it and its
       * profile, shown above; typed month by month on one side, its months. */
      if (s == TRJ_LINE_MONTHS_ENTRIES && r->entries_mode == TRJ_ENTRIES_VOLUME
          && d->entries_mode == TRJ_ENTRIES_VOLUME)
        continue;
      for (guint m = 0; m < TRJ_MONTHS; m++)
        {
          g_autofree char *bt = format_param (series->param, trj_workbook_line_months ((TrjLine *) b, s)[m]);
          g_autofree char *rt = format_param (series->param, trj_workbook_line_months ((TrjLine *) r, s)[m]);
          g_autofree char *dt = format_param (series->param, trj_workbook_line_months ((TrjLine *) d, s)[m]);

          if (!g_str_equal (bt, rt) && !g_str_equal (bt, dt) && !g_str_equal (rt, dt))
            {
              /* TRANSLATORS: a monthly field and its month: « entrées en mars » */
              g_autofree char *title = g_strdup_printf (_("%s in %s"), trj_catalog_param_title (series->param),
                                                        trj_format_month_long ((int) m + 1));

              add_change (changes, title, bt, rt, dt);
            }
        }
    }
  return changes;
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

static void
conflict_free (TrjDdetsConflict *conflict)
{
  g_free (conflict->id);
  g_free (conflict->line);
  g_free (conflict->what);
  g_strfreev (conflict->changes);
  g_free (conflict);
}

/* line: transfer full; changes (transfer full) NULL: none. */
static void
add_conflict (GPtrArray *conflicts, const char *id, char *line, const char *what, GPtrArray *changes)
{
  TrjDdetsConflict *conflict = g_new0 (TrjDdetsConflict, 1);

  conflict->id = g_strdup (id);
  conflict->line = line;
  conflict->what = g_strdup (what);
  if (changes == NULL)
    changes = g_ptr_array_new ();
  g_ptr_array_add (changes, NULL);
  conflict->changes = (char **) g_ptr_array_free (changes, FALSE);
  g_ptr_array_add (conflicts, conflict);
}

/* Two conflicts that would read the same get their line's id. */
static void
name_apart (GPtrArray *conflicts)
{
  g_autoptr(GHashTable) twice = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const TrjDdetsConflict *conflict = g_ptr_array_index (conflicts, i);

      if (!g_hash_table_add (seen, conflict->line))
        g_hash_table_add (twice, g_strdup (conflict->line));
    }
  g_hash_table_remove_all (seen);
  for (guint i = 0; i < conflicts->len; i++)
    {
      TrjDdetsConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_hash_table_contains (twice, conflict->line))
        {
          /* TRANSLATORS: after a line's name, its identifier */
          g_autofree char *id = g_strdup_printf (_(" (id %s)"), conflict->id);
          char *line = g_strconcat (conflict->line, id, NULL);

          g_free (conflict->line);
          conflict->line = line;
        }
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
  local.conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);

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
              g_autofree char *what = g_strdup_printf (_("“%s”"), d->label != NULL && *d->label != '\0'
                                                                       ? d->label : trj_catalog_kind_title (d->kind));

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
          add_conflict (local.conflicts, d->id, describe (theirs, env->id, d),
                        r == NULL ? _("changed by the DDETS, removed by the region")
                                  : _("changed by the DDETS and by the region"),
                        r == NULL ? NULL : changed_fields (b, r, d));
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
            add_conflict (local.conflicts, r->id, describe (ours, r_env->id, r),
                          _("removed by the DDETS, changed by the region"), NULL);
        }
    }

  if (local.conflicts->len > 0)
    {
      GString *list = g_string_new (NULL);

      name_apart (local.conflicts);
      for (guint i = 0; i < local.conflicts->len; i++)
        {
          const TrjDdetsConflict *conflict = g_ptr_array_index (local.conflicts, i);

          /* TRANSLATORS: a conflict: the line, then how both sides changed it */
          g_string_append (list, "\n– ");
          g_string_append_printf (list, _("%s: %s"), conflict->line, conflict->what);
          for (guint c = 0; conflict->changes[c] != NULL; c++)
            g_string_append_printf (list, "\n    %s", conflict->changes[c]);
        }
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
