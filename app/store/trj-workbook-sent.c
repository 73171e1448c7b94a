/* trj-workbook-sent.c — versions sent to the DGEFP (MODEL 9)
 *
 * Marking a scenario as sent writes a row of sent_version; the triggers of the
 * schema (trj-workbook-schema.c) then refuse every change of the scenario's
 * rows. The row is written outside the undo journal, in its own transaction:
 * undo cannot un-send, and the steps recorded before that would change the
 * scenario are refused like any edit.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

static const struct {
  const char *name;
  const char *title;   /* N_() */
} sent_kinds[TRJ_N_SENT_KINDS] = {
  [TRJ_SENT_PROGRAMMATION]   = { "programmation",   N_("Programming") },
  [TRJ_SENT_REPROGRAMMATION] = { "reprogrammation", N_("Reprogramming") },
  [TRJ_SENT_REMONTEE]        = { "remontee",        N_("Report (remontée)") },
};

const char *
trj_sent_kind_to_string (TrjSentKind kind)
{
  g_return_val_if_fail (kind < TRJ_N_SENT_KINDS, NULL);
  return sent_kinds[kind].name;
}

gboolean
trj_sent_kind_from_string (const char *name, TrjSentKind *out)
{
  for (int k = 0; k < TRJ_N_SENT_KINDS && name != NULL; k++)
    if (g_str_equal (name, sent_kinds[k].name))
      {
        *out = k;
        return TRUE;
      }
  return FALSE;
}

const char *
trj_sent_kind_title (TrjSentKind kind)
{
  g_return_val_if_fail (kind < TRJ_N_SENT_KINDS, NULL);
  return _(sent_kinds[kind].title);
}

void
trj_sent_version_free (TrjSentVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->scenario_name);
  g_free (version->date);
  g_free (version->comment);
  g_free (version->recorded);
  g_free (version);
}

/* A calendar date written YYYY-MM-DD, exactly. */
static gboolean
parse_date (const char *text, GDate *date)
{
  unsigned y, m, d;
  int end = 0;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%n", &y, &m, &d, &end) != 3 || end != 10 ||
      !g_date_valid_dmy (d, m, y) || y < 1900)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* The date as a planner reads it: 15/03/2024. */
static char *
display_date (const char *iso)
{
  GDate date;
  char buffer[16];

  if (!parse_date (iso, &date))
    return g_strdup (iso);
  g_date_strftime (buffer, sizeof buffer, "%d/%m/%Y", &date);
  return g_strdup (buffer);
}

char *
trj_sent_version_describe (const TrjSentVersion *version)
{
  g_autofree char *date = display_date (version->date);

  if (version->comment == NULL || *version->comment == '\0')
    /* TRANSLATORS: %1$s date, %2$s kind of sending (Programmation…) */
    return g_strdup_printf (_("Version sent to the DGEFP on %1$s (%2$s)"), date,
                            trj_sent_kind_title (version->kind));
  /* TRANSLATORS: %1$s date, %2$s kind of sending (Programmation…), %3$s the user's comment */
  return g_strdup_printf (_("Version sent to the DGEFP on %1$s (%2$s): %3$s"), date,
                          trj_sent_kind_title (version->kind), version->comment);
}

#define SENT_SELECT "SELECT s.scenario, c.name, s.kind, s.date, s.comment, s.recorded " \
                    "FROM sent_version s JOIN scenario c ON c.id = s.scenario "

/* A row of SENT_SELECT, checked: the file is untrusted. */
static TrjSentVersion *
sent_from_row (TrjWorkbook *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(TrjSentVersion) version = g_new0 (TrjSentVersion, 1);
  g_autoptr(GError) problem = NULL;
  const char *name = NULL, *kind = NULL, *date = NULL, *comment = NULL, *recorded = NULL;
  const char *field = NULL;
  GDate parsed;

  version->scenario = sqlite3_column_int64 (stmt, 0);
  if (!trj_workbook_column_text (stmt, 1, FALSE, &name, &problem))
    field = "name";
  else if (!trj_workbook_column_text (stmt, 2, FALSE, &kind, &problem) ||
           !trj_sent_kind_from_string (kind, &version->kind))
    field = "kind";
  else if (!trj_workbook_column_text (stmt, 3, FALSE, &date, &problem) || !parse_date (date, &parsed))
    field = "date";
  else if (!trj_workbook_column_text (stmt, 4, FALSE, &comment, &problem))
    field = "comment";
  else if (!trj_workbook_column_text (stmt, 5, FALSE, &recorded, &problem))
    field = "recorded";
  if (field != NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, version->scenario);
      /* TRANSLATORS: where a bad value is: %s is a scenario's number */
      g_autofree char *row = g_strdup_printf (_("sending of the scenario %s"), id);

      trj_workbook_set_damaged (error, self->path, "sent_version", row, field,
                                problem ? problem->message : _("The value is not of the right type."));
      return NULL;
    }
  version->scenario_name = g_strdup (name);
  version->date = g_strdup (date);
  version->comment = g_strdup (comment);
  version->recorded = g_strdup (recorded);
  return g_steal_pointer (&version);
}

GPtrArray *
trj_workbook_list_sent (TrjWorkbook *self, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_sent_version_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (!trj_workbook_check_open (self, error) ||
      (stmt = trj_workbook_prepare (self, error, SENT_SELECT "ORDER BY s.id", "")) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrjSentVersion *version = sent_from_row (self, stmt, error);

      if (version == NULL)
        return NULL;
      g_ptr_array_add (list, version);
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the versions sent"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

TrjSentVersion *
trj_workbook_get_sent (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (!trj_workbook_check_open (self, error) ||
      (stmt = trj_workbook_prepare (self, error, SENT_SELECT "WHERE s.scenario = ?", "i",
                                    scenario_id)) == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return sent_from_row (self, stmt, error);
}

gboolean
trj_workbook_is_frozen (TrjWorkbook *self, gint64 scenario_id)
{
  gboolean found = FALSE;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  if (self->db != NULL)
    trj_workbook_query_int64 (self, &found, "SELECT 1 FROM sent_version WHERE scenario = ?", "i",
                              scenario_id);
  return found;
}

gint64
trj_workbook_get_last_sent (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);
  if (self->db == NULL)
    return 0;
  return trj_workbook_query_int64 (self, NULL, "SELECT scenario FROM sent_version "
                                   "ORDER BY date DESC, id DESC LIMIT 1", "");
}

gboolean
trj_workbook_check_unfrozen (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  g_autoptr(TrjSentVersion) sent = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *date = NULL;

  if (!trj_workbook_is_frozen (self, scenario_id))
    return TRUE;
  sent = trj_workbook_get_sent (self, scenario_id, &local);
  if (sent == NULL)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN,
                           _("This scenario was sent to the DGEFP: it is frozen and cannot be "
                             "changed. Duplicate it to work on a copy."));
      return FALSE;
    }
  date = display_date (sent->date);
  /* TRANSLATORS: %1$s scenario name, %2$s date, %3$s kind of sending (Programmation…) */
  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN,
               _("The scenario “%1$s” was sent to the DGEFP on %2$s (%3$s): it is frozen and "
                 "cannot be changed. Duplicate it to work on a copy."),
               sent->scenario_name, date, trj_sent_kind_title (sent->kind));
  return FALSE;
}

gboolean
trj_workbook_mark_sent (TrjWorkbook *self, gint64 scenario_id, TrjSentKind kind, const char *date,
                        const char *comment, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gint64 previous_current;
  GDate parsed;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (kind < TRJ_N_SENT_KINDS, FALSE);

  if (date == NULL)
    date = today;
  if (!parse_date (date, &parsed))
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("“%s” is not a date written YYYY-MM-DD (2024-03-15)."), date);
      return FALSE;
    }
  if (!trj_workbook_check_text (comment, error) || !trj_workbook_check_writable (self, error))
    return FALSE;
  if (self->batch_depth > 0)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("A scenario cannot be marked as sent in the middle of another change."));
      return FALSE;
    }
  if (!trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  previous_current = self->current_scenario;
  if (!trj_workbook_scenario_exists (self, scenario_id, error) ||
      !trj_workbook_check_unfrozen (self, scenario_id, error) ||
      !trj_workbook_run (self, error, "INSERT INTO sent_version (scenario, kind, date, comment, recorded) "
                         "VALUES (?, ?, ?, ?, ?)", "issss", scenario_id,
                         trj_sent_kind_to_string (kind), date, comment ? comment : "", stamp) ||
      !trj_workbook_meta_touch (self, error) ||
      !trj_workbook_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  trj_workbook_emit_changed (self, scenario_id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL, previous_current);
  return TRUE;
}
