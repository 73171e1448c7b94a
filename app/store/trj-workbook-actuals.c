/* trj-workbook-actuals.c — the year's actuals in the workbook (MODEL 8)
 *
 * One row of `actual` per (line id, month); NULL for a value not reported.
 * Importing is one undo step; the rows are not a scenario's, so the triggers
 * of a sent scenario do not concern them.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

#define ACTUAL_COLUMNS "line, month, envelope, entries, rate, weekly_hours, duration_months, " \
                       "cofinanced_share, etp, ae, cp"

TrjActuals *
trj_workbook_get_actuals (TrjWorkbook *self, GError **error)
{
  g_autoptr(TrjActuals) actuals = trj_actuals_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (!trj_workbook_check_open (self, error) ||
      (stmt = trj_workbook_prepare (self, error, "SELECT " ACTUAL_COLUMNS " FROM actual "
                                    "ORDER BY line, month", "")) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) problem = NULL;
      const char *line = NULL, *envelope = NULL;
      double *values[8];
      TrjActual row = { 0 };
      gboolean ok;

      values[0] = &row.entries;
      values[1] = &row.rate;
      values[2] = &row.weekly_hours;
      values[3] = &row.duration_months;
      values[4] = &row.cofinanced_share;
      values[5] = &row.etp;
      values[6] = &row.ae;
      values[7] = &row.cp;
      ok = trj_workbook_column_text (stmt, 0, FALSE, &line, &problem) &&
           sqlite3_column_type (stmt, 1) == SQLITE_INTEGER &&
           trj_workbook_column_text (stmt, 2, FALSE, &envelope, &problem);
      for (int i = 0; ok && i < 8; i++)
        ok = trj_workbook_column_number (stmt, 3 + i, TRUE, values[i]);
      if (ok)
        {
          row.line = (char *) line;
          row.envelope = (char *) envelope;
          row.month = (guint) sqlite3_column_int (stmt, 1);
          ok = trj_actual_check (&row, &problem);
        }
      if (!ok)
        {
          /* TRANSLATORS: where a bad value is: the actuals of a line, month 1–12 */
          g_autofree char *where = g_strdup_printf (_("actuals of the line “%s”, month %d"),
                                                    line ? line : "?", sqlite3_column_int (stmt, 1) + 1);

          trj_workbook_set_damaged (error, self->path, "actual", where, "value",
                                    problem ? problem->message : _("The value is not of the right type."));
          return NULL;
        }
      trj_actuals_set (actuals, &row);
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the actuals"));
      return NULL;
    }
  return g_steal_pointer (&actuals);
}

gboolean
trj_workbook_import_actuals (TrjWorkbook *self, const TrjActuals *actuals, GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (actuals != NULL, FALSE);

  /* What is written is what a read accepts. */
  for (guint i = 0; i < actuals->rows->len; i++)
    if (!trj_actual_check (&g_array_index (actuals->rows, TrjActual, i), error))
      return FALSE;
  if (!trj_workbook_step_begin (self, _("Import actuals"), error))
    return FALSE;
  for (guint i = 0; ok && i < actuals->rows->len; i++)
    {
      const TrjActual *row = &g_array_index (actuals->rows, TrjActual, i);

      ok = trj_workbook_run (self, error, "INSERT OR REPLACE INTO actual (" ACTUAL_COLUMNS ") "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "sisdddddddd",
                             row->line, (gint64) row->month, row->envelope, row->entries, row->rate,
                             row->weekly_hours, row->duration_months, row->cofinanced_share,
                             row->etp, row->ae, row->cp);
    }
  if (ok)
    trj_workbook_step_note (self, 0, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

static gboolean
reports_nothing (const TrjActual *row)
{
  return isnan (row->entries) && isnan (row->rate) && isnan (row->weekly_hours) &&
         isnan (row->duration_months) && isnan (row->cofinanced_share) && isnan (row->etp) &&
         isnan (row->ae) && isnan (row->cp);
}

gboolean
trj_workbook_set_actual (TrjWorkbook *self, const TrjActual *row, GError **error)
{
  gboolean empty, ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  empty = reports_nothing (row);
  if (!empty && !trj_actual_check (row, error))
    return FALSE;
  if (row->line == NULL || row->month >= TRJ_MONTHS)
    return trj_actual_check (row, error);
  /* TRANSLATORS: undo label of a value typed in the « Réalisé » grid */
  if (!trj_workbook_step_begin (self, _("Type actuals"), error))
    return FALSE;
  if (empty)
    ok = trj_workbook_run (self, error, "DELETE FROM actual WHERE line = ? AND month = ?", "si",
                           row->line, (gint64) row->month);
  else
    ok = trj_workbook_run (self, error, "INSERT OR REPLACE INTO actual (" ACTUAL_COLUMNS ") "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "sisdddddddd",
                           row->line, (gint64) row->month, row->envelope, row->entries, row->rate,
                           row->weekly_hours, row->duration_months, row->cofinanced_share,
                           row->etp, row->ae, row->cp);
  if (ok)
    trj_workbook_step_note (self, 0, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}
