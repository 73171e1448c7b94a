/* trj-workbook-reprogram.c — « Reprogrammer » (MODEL 8), see trj-workbook.h
 *
 * The scenario is written as any other (trj_workbook_write_scenario), then
 * its locks: a `reprogramming` row (T) and a `realised_line` row per realised
 * line, written last in the step (schema version 8 says why). The store
 * checks first, to name the line and the months; the triggers make it hold.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-reprogram.h"
#include "trj-workbook-private.h"

static const char *const month_names[TRJ_MONTHS] = {
  /* TRANSLATORS: months, in a sentence (« de janvier à juin ») */
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
  N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

static const char *
month_name (guint T)
{
  return T >= 1 && T <= TRJ_MONTHS ? _(month_names[T - 1]) : "";
}

guint
trj_workbook_get_reprogrammed_month (TrjWorkbook *self, gint64 scenario_id)
{
  gint64 T;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);
  T = trj_workbook_query_int64 (self, NULL, "SELECT through FROM reprogramming WHERE scenario = ?", "i",
                                scenario_id);
  return T >= 1 && T <= TRJ_MONTHS ? (guint) T : 0;
}

gboolean
trj_workbook_is_realised_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id)
{
  gboolean found = FALSE;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  trj_workbook_query_int64 (self, &found, "SELECT 1 FROM realised_line r JOIN line l ON l.id = r.line "
                            "WHERE l.scenario = ? AND l.key = ?", "is", scenario_id, line_id);
  return found;
}

gboolean
trj_workbook_check_unrealised (TrjWorkbook *self, gint64 line_row, int series, guint first, guint n,
                               GError **error)
{
  gboolean realised = FALSE;
  gint64 T;

  trj_workbook_query_int64 (self, &realised, "SELECT 1 FROM realised_line WHERE line = ?", "i", line_row);
  T = trj_workbook_query_int64 (self, NULL, "SELECT p.through FROM reprogramming p JOIN line l "
                                "ON l.scenario = p.scenario WHERE l.id = ?", "i", line_row);
  if (realised)
    {
      g_autofree char *key = NULL;
      g_autoptr(sqlite3_stmt) stmt = trj_workbook_prepare (self, NULL, "SELECT key FROM line WHERE id = ?", "i",
                                                           line_row);

      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      /* TRANSLATORS: %1$s a line id, %2$s a month (« juin ») */
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED,
                   _("The line “%1$s” holds what was realised to the end of %2$s in this reprogramming: "
                     "it is read only. Change the months after %2$s on its open line."),
                   key != NULL ? key : "", month_name ((guint) T));
      return FALSE;
    }
  if (series == TRJ_LINE_MONTHS_ENTRIES && n > 0 && T > 0 && first < (guint) T)
    {
      /* TRANSLATORS: %1$s and %2$s are months: « de janvier à juin » */
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED,
                   _("The entries of %1$s to %2$s are the actuals of this reprogramming: they are read "
                     "only. Only the months after %2$s can be changed."),
                   month_name (1), month_name ((guint) T));
      return FALSE;
    }
  return TRUE;
}

gboolean
trj_workbook_unlock_reprogramming (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  return trj_workbook_run (self, error, "DELETE FROM realised_line WHERE line IN "
                           "(SELECT id FROM line WHERE scenario = ?)", "i", scenario_id) &&
         trj_workbook_run (self, error, "DELETE FROM reprogramming WHERE scenario = ?", "i", scenario_id);
}

gint64
trj_workbook_reprogram (TrjWorkbook *self, gint64 reference_id, const char *name, GError **error)
{
  g_autoptr(TrjScenario) p = NULL;
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(TrjScenario) s = NULL;
  g_autoptr(GPtrArray) realised = NULL;
  g_autofree char *reference_name = NULL;
  g_autofree char *default_name = NULL;
  gboolean ok = TRUE;
  guint T;
  gint64 id;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);

  if (!trj_workbook_check_writable (self, error) ||
      (p = trj_workbook_get_scenario (self, reference_id, error)) == NULL ||
      (actuals = trj_workbook_get_actuals (self, error)) == NULL)
    return 0;
  T = trj_actuals_last_month (actuals);
  /* TRANSLATORS: after a realised line's label: « Finistère (réalisé) » */
  s = trj_reprogramming_build (p, actuals, _(" (realised)"), &realised, error);
  if (s == NULL || !trj_scenario_validate (s, error))
    return 0;
  if (name == NULL)
    {
      reference_name = trj_workbook_get_scenario_name (self, reference_id);
      /* TRANSLATORS: name of a reprogramming: « Programmation — reprogrammation à fin juin » */
      default_name = g_strdup_printf (_("%s — reprogramming to the end of %s"), reference_name, month_name (T));
      for (int n = 2; trj_workbook_find_scenario (self, default_name) != 0; n++)
        {
          g_free (default_name);
          /* TRANSLATORS: the n-th reprogramming of the same name */
          default_name = g_strdup_printf (_("%s — reprogramming to the end of %s (%d)"), reference_name,
                                          month_name (T), n);
        }
      name = default_name;
    }
  if (!trj_workbook_step_begin (self, _("Reprogram"), error))
    return 0;
  id = trj_workbook_write_scenario (self, s, name, error);
  ok = id != 0 && trj_workbook_run (self, error, "INSERT INTO reprogramming (scenario, through) VALUES (?, ?)",
                                    "ii", id, (gint64) T);
  for (guint i = 0; ok && i < realised->len; i++)
    ok = trj_workbook_run (self, error, "INSERT INTO realised_line (line) "
                           "SELECT id FROM line WHERE scenario = ? AND key = ?", "is", id,
                           (const char *) g_ptr_array_index (realised, i));
  if (ok)
    trj_workbook_step_note (self, id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return trj_workbook_step_end (self, ok, error) ? id : 0;
}
