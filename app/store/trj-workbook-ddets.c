/* trj-workbook-ddets.c — the DDETS files prepared and received (issue 16), see trj-workbook.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

void
trj_ddets_record_free (TrjDdetsRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->departement);
  g_free (record->token);
  g_free (record->prepared);
  g_free (record->scenario_name);
  g_free (record->base);
  g_free (record);
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const char *text = NULL;

  return trj_workbook_column_text (stmt, col, FALSE, &text, NULL) ? g_strdup (text) : NULL;
}

gboolean
trj_workbook_record_ddets_share (TrjWorkbook *self, gint64 scenario_id, const TrjDdetsRecord *record,
                                 GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error) || !trj_workbook_scenario_exists (self, scenario_id, error))
    return FALSE;
  /* Not an undo step: a file once prepared stays so. */
  return trj_workbook_run (self, error, "INSERT INTO ddets_share (scenario, departement, token, prepared, base) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET token = excluded.token, "
                           "prepared = excluded.prepared, base = excluded.base", "issss", scenario_id,
                           record->departement, record->token, record->prepared, record->base);
}

/* The base of a part is the JSON of a whole scenario: bounded like a file
 * read, not like a text typed (a part of ten lines is past 4 096 bytes); its
 * content is checked where it is parsed. */
#define DDETS_MAX_BASE (10 * 1024 * 1024)

static char *
column_dup_document (sqlite3_stmt *stmt, int col)
{
  const char *text;

  if (sqlite3_column_type (stmt, col) != SQLITE_TEXT)
    return NULL;
  text = (const char *) sqlite3_column_text (stmt, col);
  if (text == NULL || sqlite3_column_bytes (stmt, col) > DDETS_MAX_BASE
      || (gsize) sqlite3_column_bytes (stmt, col) != strlen (text) || !g_utf8_validate (text, -1, NULL))
    return NULL;
  return g_strdup (text);
}

TrjDdetsRecord *
trj_workbook_get_ddets_share (TrjWorkbook *self, gint64 scenario_id, const char *departement, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  TrjDdetsRecord *record;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  stmt = trj_workbook_prepare (self, error, "SELECT departement, token, prepared, base FROM ddets_share "
                               "WHERE scenario = ? AND departement = ?", "is", scenario_id, departement);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  record = g_new0 (TrjDdetsRecord, 1);
  record->departement = column_dup (stmt, 0);
  record->token = column_dup (stmt, 1);
  record->prepared = column_dup (stmt, 2);
  record->base = column_dup_document (stmt, 3);
  if (record->departement == NULL || record->token == NULL || record->prepared == NULL || record->base == NULL)
    {
      const char *field = record->departement == NULL ? "departement" : record->token == NULL ? "token"
                          : record->prepared == NULL ? "prepared" : "base";

      trj_workbook_set_damaged (error, self->path, "ddets_share", departement, field,
                                _("The value is not of the right type."));
      trj_ddets_record_free (record);
      return NULL;
    }
  return record;
}

gboolean
trj_workbook_set_ddets_part (TrjWorkbook *self, const TrjDdetsRecord *record, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  return trj_workbook_run (self, error, "DELETE FROM ddets_part", "") &&
         trj_workbook_run (self, error, "INSERT INTO ddets_part (departement, token, region_scenario, prepared) "
                           "VALUES (?, ?, ?, ?)", "ssss", record->departement, record->token,
                           record->scenario_name, record->prepared);
}

TrjDdetsRecord *
trj_workbook_get_ddets_part (TrjWorkbook *self, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  TrjDdetsRecord *record;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  stmt = trj_workbook_prepare (self, error, "SELECT departement, token, region_scenario, prepared FROM ddets_part", "");
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  record = g_new0 (TrjDdetsRecord, 1);
  record->departement = column_dup (stmt, 0);
  record->token = column_dup (stmt, 1);
  record->scenario_name = column_dup (stmt, 2);
  record->prepared = column_dup (stmt, 3);
  if (record->departement == NULL || record->token == NULL || record->scenario_name == NULL
      || record->prepared == NULL || !trj_departement_code_valid (record->departement))
    {
      const char *field = record->departement == NULL || !trj_departement_code_valid (record->departement)
                          ? "departement" : record->token == NULL ? "token"
                          : record->scenario_name == NULL ? "region_scenario" : "prepared";

      trj_workbook_set_damaged (error, self->path, "ddets_part", "1", field,
                                _("The value is not of the right type."));
      trj_ddets_record_free (record);
      return NULL;
    }
  return record;
}
