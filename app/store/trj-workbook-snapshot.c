/* trj-workbook-snapshot.c — scenarios and lines read into engine structures
 *
 * A snapshot is a plain TrjScenario the caller owns: the workbook's region,
 * year and zone, the year's reference values with the scenario's overrides,
 * its envelopes and lines in display order.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

/* ── Snapshots ────────────────────────────────────────────────────────── */

/* The first columns of a line query, before the value columns. */
#define LINE_KEY_COLUMNS 3
#define LINE_SELECT "SELECT id, envelope, key, "

/* Refuses the file: a value out of its limits or of the wrong type. */
static void
damaged (TrjWorkbook *self, GError **error, gint64 scenario_id, const TrjValueWhere *where,
         const char *problem)
{
  g_autofree char *scenario = trj_workbook_get_scenario_name (self, scenario_id);
  g_autofree char *row = NULL;

  if (where->line != NULL)
    /* TRANSLATORS: where a bad value is: a line of a scenario */
    row = g_strdup_printf (_("line “%s” of the scenario “%s”"), where->line, scenario ? scenario : "?");
  else if (where->envelope != NULL)
    /* TRANSLATORS: where a bad value is: an envelope of a scenario */
    row = g_strdup_printf (_("envelope “%s” of the scenario “%s”"), where->envelope,
                           scenario ? scenario : "?");
  else
    /* TRANSLATORS: where a bad value is: a scenario */
    row = g_strdup_printf (_("scenario “%s”"), scenario ? scenario : "?");
  trj_workbook_set_damaged (error, self->path, where->table, row, where->field,
                            problem ? problem : _("The value is not of the right type."));
}

/* A line as the engine sees it, from a row of LINE_SELECT; NULL when a
 * column holds the wrong type. An amount not typed by the user is the
 * year's table for the zone. */
static TrjLine *
line_from_row (TrjWorkbook *self, sqlite3_stmt *stmt, gint64 scenario_id, GError **error)
{
  g_autoptr(TrjLine) line = NULL;
  g_autoptr(GError) problem = NULL;
  const char *key = NULL;
  TrjValueWhere where = { "line", NULL, NULL, "key" };

  if (!trj_workbook_column_text (stmt, 2, FALSE, &key, &problem))
    {
      damaged (self, error, scenario_id, &where, problem ? problem->message : NULL);
      return NULL;
    }
  line = trj_line_new (key, TRJ_KIND_FREE);
  where.line = line->id;
  if (!trj_workbook_line_read (stmt, LINE_KEY_COLUMNS, line, &where.field, &problem))
    {
      damaged (self, error, scenario_id, &where, problem ? problem->message : NULL);
      return NULL;
    }
  if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_POST_AID && !line->has_unit_amount)
    line->unit_amount = trj_catalog_line_unit_amount (line, self->year_data, self->zone);
  return g_steal_pointer (&line);
}

/* One month of a line_month row (series, month, value from column `first`). */
static gboolean
line_month_from_row (TrjWorkbook *self, TrjLine *line, sqlite3_stmt *stmt, int first,
                     gint64 scenario_id, GError **error)
{
  TrjValueWhere where = { "line_month", NULL, line->id, "series" };
  gint64 series = sqlite3_column_int64 (stmt, first);
  gint64 month = sqlite3_column_int64 (stmt, first + 1);
  double value;

  if (sqlite3_column_type (stmt, first) != SQLITE_INTEGER || series < 0 || series >= TRJ_N_LINE_MONTHS)
    {
      damaged (self, error, scenario_id, &where, _("The value is outside the limits of this field."));
      return FALSE;
    }
  where.field = "month";
  if (sqlite3_column_type (stmt, first + 1) != SQLITE_INTEGER || month < 0 || month >= TRJ_MONTHS)
    {
      damaged (self, error, scenario_id, &where, _("The value is outside the limits of this field."));
      return FALSE;
    }
  where.field = "value";
  if (!trj_workbook_column_number (stmt, first + 2, FALSE, &value))
    {
      damaged (self, error, scenario_id, &where, NULL);
      return FALSE;
    }
  trj_workbook_line_months (line, series)[month] = value;
  return TRUE;
}

static gboolean
read_overrides (TrjWorkbook *self, gint64 scenario_id, TrjScenario *s, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = trj_workbook_prepare (self, error, "SELECT kind, date, value FROM reference_override "
                               "WHERE scenario = ? ORDER BY kind, seq", "i", scenario_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrjValueWhere where = { "reference_override", NULL, NULL, "kind" };
      gint64 kind = sqlite3_column_int64 (stmt, 0);
      gint64 date = sqlite3_column_int64 (stmt, 1);
      double value;

      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || kind < 0 || kind >= TRJ_N_REFERENCES)
        {
          damaged (self, error, scenario_id, &where, _("The value is outside the limits of this field."));
          return FALSE;
        }
      where.field = "date";
      if ((kind == TRJ_REFERENCE_SMIC_HOURLY || kind == TRJ_REFERENCE_RSA) &&
          (sqlite3_column_type (stmt, 1) != SQLITE_INTEGER || date < G_MININT32 || date > G_MAXINT32))
        {
          damaged (self, error, scenario_id, &where, NULL);
          return FALSE;
        }
      where.field = "value";
      if (!trj_workbook_column_number (stmt, 2, FALSE, &value))
        {
          damaged (self, error, scenario_id, &where, NULL);
          return FALSE;
        }
      switch ((TrjReferenceKind) kind)
        {
        case TRJ_REFERENCE_SMIC_HOURLY:
          if (!s->overrides_smic)
            trj_series_clear (&s->reference.smic_hourly);
          s->overrides_smic = TRUE;
          trj_series_append (&s->reference.smic_hourly, (gint32) date, value);
          break;
        case TRJ_REFERENCE_RSA:
          if (!s->overrides_rsa)
            trj_series_clear (&s->reference.rsa);
          s->overrides_rsa = TRUE;
          trj_series_append (&s->reference.rsa, (gint32) date, value);
          break;
        case TRJ_REFERENCE_CD_SHARE:
          s->overrides_cd_share = TRUE;
          s->reference.cd_share = value;
          break;
        case TRJ_REFERENCE_WEEKS_PER_MONTH:
          s->overrides_weeks = TRUE;
          s->reference.weeks_per_month = value;
          break;
        case TRJ_N_REFERENCES:
        default:
          g_assert_not_reached ();
        }
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return FALSE;
    }
  return TRUE;
}

/* The scenario row: fungibility. */
static gboolean
read_scenario_row (TrjWorkbook *self, gint64 scenario_id, TrjScenario *s, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  TrjFungibility *f = &s->fungibility;
  TrjValueWhere where = { "scenario", NULL, NULL, "has_fungibility" };
  const char *source;
  double cp;

  stmt = trj_workbook_prepare (self, error, "SELECT has_fungibility, cie_jeunes_to_pec_ae, "
                               "cie_jeunes_to_pec_cp, initiatives_territoriales_ae, "
                               "demandes_complementaires, initiatives_territoriales_source "
                               "FROM scenario WHERE id = ?",
                               "i", scenario_id);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      trj_workbook_scenario_exists (self, scenario_id, error);
      return FALSE;
    }
  s->has_fungibility = sqlite3_column_int64 (stmt, 0) == 1;
  if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || sqlite3_column_int64 (stmt, 0) >> 1 != 0)
    goto bad_type;
  where.field = "cie_jeunes_to_pec_ae";
  if (!trj_workbook_column_number (stmt, 1, FALSE, &f->cie_jeunes_to_pec_ae))
    goto bad_type;
  where.field = "cie_jeunes_to_pec_cp";
  if (!trj_workbook_column_number (stmt, 2, TRUE, &cp))
    goto bad_type;
  f->has_cie_jeunes_to_pec_cp = !isnan (cp);
  f->cie_jeunes_to_pec_cp = f->has_cie_jeunes_to_pec_cp ? cp : 0;
  where.field = "initiatives_territoriales_ae";
  if (!trj_workbook_column_number (stmt, 3, FALSE, &f->initiatives_territoriales_ae))
    goto bad_type;
  where.field = "demandes_complementaires";
  if (!trj_workbook_column_number (stmt, 4, FALSE, &f->demandes_complementaires))
    goto bad_type;
  where.field = "initiatives_territoriales_source";
  if (!trj_workbook_column_text (stmt, 5, TRUE, &source, NULL))
    goto bad_type;
  f->initiatives_territoriales_source = g_strdup (source);
  return TRUE;

bad_type:
  g_clear_pointer (&stmt, trj_workbook_stmt_release);
  damaged (self, error, scenario_id, &where, NULL);
  return FALSE;
}

static gboolean
read_envelopes (TrjWorkbook *self, gint64 scenario_id, TrjScenario *s, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = trj_workbook_prepare (self, error, "SELECT id, ae_notified, cp_notified, volume_notified, "
                               "cp_includes_stock, previous_modulation_cp, demande_ae, demande_cp, "
                               "demande_reason FROM envelope "
                               "WHERE scenario = ? ORDER BY position", "i", scenario_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrjValueWhere where = { "envelope", NULL, NULL, "id" };
      const char *id, *reason;
      double stock = 0;
      TrjEnvelope *env;

      if (!trj_workbook_column_text (stmt, 0, FALSE, &id, NULL))
        goto bad_type;
      env = trj_envelope_new (id);
      g_ptr_array_add (s->envelopes, env);
      where.envelope = env->id;
      where.field = "ae_notified";
      if (!trj_workbook_column_number (stmt, 1, FALSE, &env->ae_notified))
        goto bad_type;
      where.field = "cp_notified";
      if (!trj_workbook_column_number (stmt, 2, FALSE, &env->cp_notified))
        goto bad_type;
      where.field = "volume_notified";
      if (!trj_workbook_column_number (stmt, 3, FALSE, &env->volume_notified))
        goto bad_type;
      where.field = "cp_includes_stock";
      if (sqlite3_column_type (stmt, 4) != SQLITE_INTEGER ||
          !trj_workbook_column_number (stmt, 4, FALSE, &stock) || (stock != 0 && stock != 1))
        goto bad_type;
      env->cp_notified_includes_stock = stock == 1;
      where.field = "previous_modulation_cp";
      if (!trj_workbook_column_number (stmt, 5, FALSE, &env->previous_modulation_cp))
        goto bad_type;
      where.field = "demande_ae";
      if (!trj_workbook_column_number (stmt, 6, FALSE, &env->demande.ae))
        goto bad_type;
      where.field = "demande_cp";
      if (!trj_workbook_column_number (stmt, 7, FALSE, &env->demande.cp))
        goto bad_type;
      where.field = "demande_reason";
      if (!trj_workbook_column_text (stmt, 8, TRUE, &reason, NULL))
        goto bad_type;
      env->demande.reason = g_strdup (reason);
      continue;

    bad_type:
      /* where.envelope is the snapshot's copy of the id. */
      g_clear_pointer (&stmt, trj_workbook_stmt_release);
      damaged (self, error, scenario_id, &where, NULL);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return FALSE;
    }
  return TRUE;
}

/* Issue 16: the allocations and CAOM of each envelope, in their order; a row
 * of no envelope, of the wrong type or a profile that is not 12 numbers
 * refuses the file (their limits are checked with the scenario's). */
static gboolean
read_share (TrjWorkbook *self, gint64 scenario_id, TrjScenario *s, GError **error)
{
  for (int table = 0; table < 2; table++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      stmt = trj_workbook_prepare (self, error, table == 0
                                     ? "SELECT envelope, departement, prescriber, ae, volume FROM allocation "
                                       "WHERE scenario = ? ORDER BY envelope, seq, departement, prescriber"
                                     : "SELECT envelope, departement, profile, contracts FROM caom "
                                       "WHERE scenario = ? ORDER BY envelope, seq, departement", "i", scenario_id);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          TrjValueWhere where = { table == 0 ? "allocation" : "caom", NULL, NULL, "envelope" };
          const char *envelope = NULL, *departement = NULL, *text = NULL;
          double a = 0, b = 0;
          TrjEnvelope *env;

          if (!trj_workbook_column_text (stmt, 0, FALSE, &envelope, NULL)
              || (env = trj_scenario_find_envelope (s, envelope)) == NULL)
            goto bad;
          where.envelope = env->id;
          where.field = "departement";
          if (!trj_workbook_column_text (stmt, 1, FALSE, &departement, NULL))
            goto bad;
          where.field = table == 0 ? "prescriber" : "profile";
          if (!trj_workbook_column_text (stmt, 2, table == 1, &text, NULL))
            goto bad;
          where.field = table == 0 ? "ae" : "contracts";
          if (!trj_workbook_column_number (stmt, 3, FALSE, &a))
            goto bad;
          if (table == 0)
            {
              where.field = "volume";
              if (!trj_workbook_column_number (stmt, 4, FALSE, &b))
                goto bad;
              trj_envelope_add_allocation (env, trj_allocation_new (departement, text, a, b));
            }
          else
            {
              TrjCaom *caom = trj_caom_new (departement, a);

              trj_envelope_add_caom (env, caom);
              /* A profile that is not 12 numbers is the profile's fault. */
              where.field = "profile";
              if (text != NULL)
                {
                  g_auto(GStrv) weights = g_strsplit (text, ";", -1);

                  if (g_strv_length (weights) != TRJ_MONTHS)
                    goto bad;
                  for (int m = 0; m < TRJ_MONTHS; m++)
                    {
                      char *end = NULL;

                      caom->profile[m] = g_ascii_strtod (weights[m], &end);
                      if (end == weights[m] || *end != '\0')
                        goto bad;
                    }
                  caom->has_profile = TRUE;
                }
            }
          continue;

        bad:
          g_clear_pointer (&stmt, trj_workbook_stmt_release);
          damaged (self, error, scenario_id, &where, NULL);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        {
          trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads every line of the scenario into its envelope. */
static gboolean
read_lines (TrjWorkbook *self, gint64 scenario_id, TrjScenario *s, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_row = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *sql = g_strconcat (LINE_SELECT, trj_workbook_line_column_list (),
                                      " FROM line WHERE scenario = ? ORDER BY envelope, position", NULL);
  int rc;

  stmt = trj_workbook_prepare (self, error, sql, "i", scenario_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *envelope = NULL;
      TrjEnvelope *env;
      TrjLine *line;
      gint64 *row;

      if ((line = line_from_row (self, stmt, scenario_id, error)) == NULL)
        return FALSE;
      if (!trj_workbook_column_text (stmt, 1, FALSE, &envelope, NULL) ||
          (env = trj_scenario_find_envelope (s, envelope)) == NULL)
        {
          TrjValueWhere where = { "line", NULL, line->id, "envelope" };

          /* A line of no envelope: nothing the store writes. */
          damaged (self, error, scenario_id, &where, NULL);
          trj_line_free (line);
          return FALSE;
        }
      row = g_new (gint64, 1);
      *row = sqlite3_column_int64 (stmt, 0);
      /* The array owns the line; the table only points at it. */
      g_ptr_array_add (env->lines, line);
      g_hash_table_insert (by_row, row, line);
    }
  if (rc != SQLITE_DONE)
    goto sql_error;
  g_clear_pointer (&stmt, trj_workbook_stmt_release);

  stmt = trj_workbook_prepare (self, error, "SELECT m.line, m.series, m.month, m.value FROM line_month m "
                               "JOIN line l ON l.id = m.line WHERE l.scenario = ?", "i", scenario_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);
      TrjLine *line = g_hash_table_lookup (by_row, &row);

      if (line != NULL && !line_month_from_row (self, line, stmt, 1, scenario_id, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    goto sql_error;
  return TRUE;

sql_error:
  trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
  return FALSE;
}

/* Changes committed by other connections to the file (PRAGMA data_version);
 * -1 when it cannot be read, which never matches. */
static int
data_version (TrjWorkbook *self)
{
  gboolean found = FALSE;
  gint64 v = trj_workbook_query_int64 (self, &found, "PRAGMA data_version", "");

  return found ? (int) v : -1;
}

void
trj_workbook_keep_opened_snapshot (TrjWorkbook *self)
{
  self->opened_total_changes = sqlite3_total_changes64 (self->db);
  self->opened_data_version = data_version (self);
}

TrjScenario *
trj_workbook_get_scenario (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  g_autoptr(TrjScenario) s = NULL;
  g_autoptr(GError) invalid = NULL;
  TrjValueWhere where;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (!trj_workbook_check_open (self, error))
    return NULL;
  if (self->opened_snapshot != NULL)
    {
      gboolean unchanged = scenario_id == self->opened_snapshot_id &&
                           sqlite3_total_changes64 (self->db) == self->opened_total_changes &&
                           data_version (self) == self->opened_data_version;

      if (unchanged)
        return g_steal_pointer (&self->opened_snapshot);
      g_clear_pointer (&self->opened_snapshot, trj_scenario_free);
    }
  s = trj_scenario_new ();
  s->year = self->year;
  s->region = g_strdup (self->region);
  s->zone = self->zone;
  trj_reference_clear (&s->reference);
  trj_year_data_reference (self->year_data, self->zone, &s->reference);
  if (!read_scenario_row (self, scenario_id, s, error) ||
      !read_envelopes (self, scenario_id, s, error) ||
      !read_lines (self, scenario_id, s, error) ||
      !read_share (self, scenario_id, s, error) ||
      !read_overrides (self, scenario_id, s, error))
    return NULL;
  /* The limits of typed input: a file that holds a value no edit could have
   * written is refused whole. */
  if (!trj_workbook_check_scenario (s, &where, &invalid))
    {
      damaged (self, error, scenario_id, &where, invalid->message);
      return NULL;
    }

  for (guint e = 0; e < s->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          TrjLine *line = g_ptr_array_index (env->lines, l);

          if (line->entries_mode == TRJ_ENTRIES_VOLUME)
            trj_line_spread_volume (line);
        }
    }
  return g_steal_pointer (&s);
}

TrjLine *
trj_workbook_get_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TrjLine) line = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autofree char *sql = NULL;
  TrjValueWhere where = { "line", NULL, line_id };
  gint64 row;
  int rc;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  g_return_val_if_fail (line_id != NULL, NULL);

  if (!trj_workbook_check_open (self, error))
    return NULL;
  sql = g_strconcat (LINE_SELECT, trj_workbook_line_column_list (),
                     " FROM line WHERE scenario = ? AND key = ?", NULL);
  stmt = trj_workbook_prepare (self, error, sql, "is", scenario_id, line_id);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                   _("There is no line “%s” in this scenario."), line_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    goto sql_error;
  if ((line = line_from_row (self, stmt, scenario_id, error)) == NULL)
    return NULL;
  row = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, trj_workbook_stmt_release);

  stmt = trj_workbook_prepare (self, error, "SELECT series, month, value FROM line_month WHERE line = ?",
                               "i", row);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!line_month_from_row (self, line, stmt, 0, scenario_id, error))
      return NULL;
  if (rc != SQLITE_DONE)
    goto sql_error;
  g_clear_pointer (&stmt, trj_workbook_stmt_release);
  if (!trj_workbook_check_line (line, &where.field, &invalid))
    {
      damaged (self, error, scenario_id, &where, invalid->message);
      return NULL;
    }
  if (line->entries_mode == TRJ_ENTRIES_VOLUME)
    trj_line_spread_volume (line);
  return g_steal_pointer (&line);

sql_error:
  trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
  return NULL;
}

/* ── Scenario list ────────────────────────────────────────────────────── */

void
trj_scenario_info_free (TrjScenarioInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

GPtrArray *
trj_workbook_list_scenarios (TrjWorkbook *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_scenario_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), list);
  if (self->db == NULL)
    return list;
  stmt = trj_workbook_prepare (self, NULL, "SELECT id, name, position FROM scenario ORDER BY position", "");
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      TrjScenarioInfo *info = g_new0 (TrjScenarioInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->position = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (list, info);
    }
  return list;
}

gint64
trj_workbook_find_scenario (TrjWorkbook *self, const char *name)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);
  if (self->db == NULL || name == NULL)
    return 0;
  return trj_workbook_query_int64 (self, NULL, "SELECT id FROM scenario WHERE name = ?", "s", name);
}

char *
trj_workbook_get_scenario_name (TrjWorkbook *self, gint64 scenario_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  if (self->db == NULL)
    return NULL;
  stmt = trj_workbook_prepare (self, NULL, "SELECT name FROM scenario WHERE id = ?", "i", scenario_id);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

