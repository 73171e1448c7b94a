/* trj-workbook-snapshot.c — scenarios and lines read into engine structures
 *
 * A snapshot is a plain TrjScenario the caller owns: the workbook's region,
 * year and zone, the year's reference values with the scenario's overrides,
 * its envelopes and lines in display order.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-workbook-private.h"

/* ── Snapshots ────────────────────────────────────────────────────────── */

/* The first columns of a line query, before the value columns. */
#define LINE_KEY_COLUMNS 3
#define LINE_SELECT "SELECT id, envelope, key, "

/* A line as the engine sees it, from a row of LINE_SELECT. An amount not
 * typed by the user is the year's table for the zone. */
static TrjLine *
line_from_row (TrjWorkbook *self, sqlite3_stmt *stmt)
{
  TrjLine *line = trj_line_new ((const char *) sqlite3_column_text (stmt, 2), TRJ_KIND_FREE);

  trj_workbook_line_read (stmt, LINE_KEY_COLUMNS, line);
  if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_POST_AID && !line->has_unit_amount)
    line->unit_amount = trj_year_data_unit_amount (self->year_data, line->kind, self->zone);
  return line;
}

/* One month of a line_month row (series, month, value from column `first`);
 * a series or month out of range is left out. */
static void
line_month_from_row (TrjLine *line, sqlite3_stmt *stmt, int first)
{
  int series = sqlite3_column_int (stmt, first);
  int month = sqlite3_column_int (stmt, first + 1);

  if (series >= 0 && series < TRJ_N_LINE_MONTHS && month >= 0 && month < TRJ_MONTHS)
    trj_workbook_line_months (line, series)[month] = sqlite3_column_double (stmt, first + 2);
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
      TrjReferenceKind kind = sqlite3_column_int (stmt, 0);
      gint32 date = sqlite3_column_int (stmt, 1);
      double value = sqlite3_column_double (stmt, 2);

      switch (kind)
        {
        case TRJ_REFERENCE_SMIC_HOURLY:
          if (!s->overrides_smic)
            trj_series_clear (&s->reference.smic_hourly);
          s->overrides_smic = TRUE;
          trj_series_append (&s->reference.smic_hourly, date, value);
          break;
        case TRJ_REFERENCE_RSA:
          if (!s->overrides_rsa)
            trj_series_clear (&s->reference.rsa);
          s->overrides_rsa = TRUE;
          trj_series_append (&s->reference.rsa, date, value);
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
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return FALSE;
    }
  return TRUE;
}

TrjScenario *
trj_workbook_get_scenario (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  g_autoptr(TrjScenario) s = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_row = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (!trj_workbook_check_open (self, error))
    return NULL;
  stmt = trj_workbook_prepare (self, error, "SELECT has_fungibility, cie_jeunes_to_pec_ae, cie_jeunes_to_pec_cp, "
                  "initiatives_territoriales_ae, demandes_complementaires FROM scenario WHERE id = ?",
                  "i", scenario_id);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      trj_workbook_scenario_exists (self, scenario_id, error);
      return NULL;
    }

  s = trj_scenario_new ();
  s->year = self->year;
  s->region = g_strdup (self->region);
  s->zone = self->zone;
  trj_reference_clear (&s->reference);
  trj_year_data_reference (self->year_data, self->zone, &s->reference);
  s->has_fungibility = sqlite3_column_int (stmt, 0);
  s->fungibility.cie_jeunes_to_pec_ae = sqlite3_column_double (stmt, 1);
  s->fungibility.has_cie_jeunes_to_pec_cp = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  s->fungibility.cie_jeunes_to_pec_cp = sqlite3_column_double (stmt, 2);
  s->fungibility.initiatives_territoriales_ae = sqlite3_column_double (stmt, 3);
  s->fungibility.demandes_complementaires = sqlite3_column_double (stmt, 4);
  g_clear_pointer (&stmt, trj_workbook_stmt_release);

  stmt = trj_workbook_prepare (self, error, "SELECT id, ae_notified, cp_notified, volume_notified, "
                  "cp_includes_stock, previous_modulation_cp FROM envelope WHERE scenario = ? "
                  "ORDER BY position", "i", scenario_id);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrjEnvelope *env = trj_envelope_new ((const char *) sqlite3_column_text (stmt, 0));

      env->ae_notified = sqlite3_column_double (stmt, 1);
      env->cp_notified = sqlite3_column_double (stmt, 2);
      env->volume_notified = sqlite3_column_double (stmt, 3);
      env->cp_notified_includes_stock = sqlite3_column_int (stmt, 4);
      env->previous_modulation_cp = sqlite3_column_double (stmt, 5);
      g_ptr_array_add (s->envelopes, env);
    }
  if (rc != SQLITE_DONE)
    goto sql_error;
  g_clear_pointer (&stmt, trj_workbook_stmt_release);

  by_row = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sql = g_strconcat (LINE_SELECT, trj_workbook_line_column_list (),
                     " FROM line WHERE scenario = ? ORDER BY envelope, position", NULL);
  stmt = trj_workbook_prepare (self, error, sql, "i", scenario_id);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrjEnvelope *env = trj_scenario_find_envelope (s, (const char *) sqlite3_column_text (stmt, 1));
      TrjLine *line;
      gint64 *row;

      if (env == NULL)
        continue;
      line = line_from_row (self, stmt);
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
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);
      TrjLine *line = g_hash_table_lookup (by_row, &row);

      if (line != NULL)
        line_month_from_row (line, stmt, 1);
    }
  if (rc != SQLITE_DONE)
    goto sql_error;
  g_clear_pointer (&stmt, trj_workbook_stmt_release);

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
  if (!read_overrides (self, scenario_id, s, error))
    return NULL;
  return g_steal_pointer (&s);

sql_error:
  trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
  return NULL;
}

TrjLine *
trj_workbook_get_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TrjLine) line = NULL;
  g_autofree char *sql = NULL;
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
  line = line_from_row (self, stmt);
  row = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, trj_workbook_stmt_release);

  stmt = trj_workbook_prepare (self, error, "SELECT series, month, value FROM line_month WHERE line = ?", "i", row);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    line_month_from_row (line, stmt, 0);
  if (rc != SQLITE_DONE)
    goto sql_error;
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

