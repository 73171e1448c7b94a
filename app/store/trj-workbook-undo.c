/* trj-workbook-undo.c — steps, batches and the undo journal
 *
 * Every edit runs inside a "step": BEGIN IMMEDIATE, a SQLite session recording
 * the document tables, a SAVEPOINT per edit (so a refused edit inside a batch
 * leaves the rest of the batch alone), then the session's changeset is written
 * to undo_step in the same transaction and COMMIT makes both durable together.
 * Undo applies the inverted changeset, redo the changeset: SQLite checks that
 * every row is exactly as the step left it, so a structural change (a removed
 * line with its months, a deleted scenario) comes back byte for byte, with its
 * row ids.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

static void
step_reset (TrjWorkbook *self)
{
  g_clear_pointer (&self->session, sqlite3session_delete);
  g_clear_pointer (&self->step_label, g_free);
  g_clear_pointer (&self->step_line, g_free);
  self->step_scenario = -1;
  self->step_changes = 0;
  self->step_several_lines = FALSE;
}

void
trj_workbook_step_abandon (TrjWorkbook *self)
{
  if (self->session == NULL)
    return;
  step_reset (self);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
transaction_begin (TrjWorkbook *self, const char *label, GError **error)
{
  if (!trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  step_reset (self);
  self->step_label = g_strdup (label);
  if (sqlite3session_create (self->db, "main", &self->session) != SQLITE_OK)
    goto failed;
  for (int i = 0; trj_workbook_document_tables[i]; i++)
    if (sqlite3session_attach (self->session, trj_workbook_document_tables[i]) != SQLITE_OK)
      goto failed;
  return TRUE;

failed:
  trj_workbook_set_sqlite_error (error, self->db, _("recording the change"));
  step_reset (self);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Ends the outermost step: journals it and commits, or rolls everything back. */
static gboolean
transaction_end (TrjWorkbook *self, gboolean ok, GError **error)
{
  int n = 0;
  void *changeset = NULL;
  gint64 scenario = MAX (self->step_scenario, 0);
  guint changes = self->step_changes;
  g_autofree char *line = self->step_several_lines ? NULL : g_strdup (self->step_line);
  gint64 previous_current = self->current_scenario;

  if (ok && sqlite3session_changeset (self->session, &n, &changeset) != SQLITE_OK)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("recording the change"));
      ok = FALSE;
    }
  if (ok && n > 0)
    ok = trj_workbook_run (self, error, "DELETE FROM undo_step WHERE undone = 1", "") &&
         trj_workbook_run (self, error, "INSERT INTO undo_step (label, scenario, changes, line_key, changeset) "
              "VALUES (?, ?, ?, ?, ?)", "siisb", self->step_label, scenario, (gint64) changes,
              line, changeset, n) &&
         trj_workbook_fix_current_scenario (self, error) &&
         trj_workbook_meta_touch (self, error);
  sqlite3_free (changeset);
  step_reset (self);

  if (ok && !trj_workbook_exec (self->db, "COMMIT", error))
    ok = FALSE;
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->current_scenario = previous_current;
      return FALSE;
    }
  if (n > 0)
    trj_workbook_emit_changed (self, scenario, changes, line, previous_current);
  return TRUE;
}

gboolean
trj_workbook_step_begin (TrjWorkbook *self, const char *label, GError **error)
{
  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  if (self->batch_depth == 0 && !transaction_begin (self, label, error))
    return FALSE;
  /* A batch whose transaction could not start must not let its edits commit
   * one by one, outside the journal. */
  if (self->session == NULL)
    {
      if (self->batch_error != NULL)
        g_propagate_error (error, g_error_copy (self->batch_error));
      else
        g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_IO,
                             _("The workbook could not start recording this change."));
      return FALSE;
    }
  return trj_workbook_exec (self->db, "SAVEPOINT edit", error);
}

void
trj_workbook_step_note (TrjWorkbook *self, gint64 scenario_id, guint changes, const char *line_id)
{
  if (self->step_scenario == -1)
    self->step_scenario = scenario_id;
  else if (self->step_scenario != scenario_id)
    self->step_scenario = 0;
  self->step_changes |= changes;
  if (line_id == NULL || (self->step_line != NULL && !g_str_equal (self->step_line, line_id)))
    self->step_several_lines = TRUE;
  else if (self->step_line == NULL)
    self->step_line = g_strdup (line_id);
}

gboolean
trj_workbook_step_end (TrjWorkbook *self, gboolean ok, GError **error)
{
  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK TO edit", NULL, NULL, NULL);
  sqlite3_exec (self->db, "RELEASE edit", NULL, NULL, NULL);
  if (self->batch_depth > 0)
    return ok;
  if (!ok)
    {
      step_reset (self);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return transaction_end (self, TRUE, error);
}

void
trj_workbook_begin_batch (TrjWorkbook *self, const char *label)
{
  g_return_if_fail (TRJ_IS_WORKBOOK (self));

  /* A read-only workbook still counts the nesting, its edits fail one by one;
   * so do those of a batch that could not start (a locked database), with
   * the reason, which end_batch returns too. */
  if (self->batch_depth == 0)
    {
      g_clear_error (&self->batch_error);
      if (self->read_only_reason == NULL && self->db != NULL)
        transaction_begin (self, label, &self->batch_error);
    }
  self->batch_depth++;
}

gboolean
trj_workbook_end_batch (TrjWorkbook *self, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (--self->batch_depth > 0)
    return TRUE;
  if (self->batch_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->batch_error));
      return FALSE;
    }
  if (self->session == NULL)
    return trj_workbook_check_writable (self, error);
  return transaction_end (self, TRUE, error);
}

void
trj_workbook_cancel_batch (TrjWorkbook *self)
{
  g_return_if_fail (TRJ_IS_WORKBOOK (self));
  g_return_if_fail (self->batch_depth > 0);

  self->batch_depth = 0;
  g_clear_error (&self->batch_error);
  trj_workbook_step_abandon (self);
}

/* ── Undo and redo ────────────────────────────────────────────────────── */

static int
abort_on_conflict (void *data, int reason, sqlite3_changeset_iter *iter)
{
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
replay_step (TrjWorkbook *self, gboolean undo, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 step, scenario, previous_current = self->current_scenario;
  guint changes;
  g_autofree char *line = NULL;
  void *inverted = NULL;
  const void *changeset;
  int n, rc;

  g_return_val_if_fail (self->batch_depth == 0, FALSE);
  if (!trj_workbook_check_writable (self, error) || !trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = trj_workbook_prepare (self, error, undo
                  ? "SELECT id, scenario, changes, line_key, changeset FROM undo_step "
                    "WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                  : "SELECT id, scenario, changes, line_key, changeset FROM undo_step "
                    "WHERE undone = 1 ORDER BY id ASC LIMIT 1", "");
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                             undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  step = sqlite3_column_int64 (stmt, 0);
  scenario = sqlite3_column_int64 (stmt, 1);
  changes = sqlite3_column_int (stmt, 2);
  line = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  changeset = sqlite3_column_blob (stmt, 4);
  n = sqlite3_column_bytes (stmt, 4);

  /* A step that changed a scenario since sent: say which (the triggers refuse
   * the rows of a step that changed several). */
  if (scenario != 0 && !trj_workbook_check_unfrozen (self, scenario, error))
    {
      g_clear_pointer (&stmt, trj_workbook_stmt_release);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (undo)
    {
      rc = sqlite3changeset_invert (n, changeset, &n, &inverted);
      changeset = inverted;
    }
  else
    rc = SQLITE_OK;
  if (rc == SQLITE_OK)
    rc = sqlite3changeset_apply (self->db, n, (void *) changeset, NULL, abort_on_conflict, NULL);
  sqlite3_free (inverted);
  g_clear_pointer (&stmt, trj_workbook_stmt_release);

  if (rc != SQLITE_OK && strstr (sqlite3_errmsg (self->db), TRJ_WORKBOOK_FROZEN_MARK) != NULL)
    {
      trj_workbook_set_sqlite_error (error, self->db, NULL);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      /* The rows are not as the step left them: the journal does not match the
       * document, so refuse rather than guess. */
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
                           _("The undo history does not match the workbook; nothing was changed."));
      return FALSE;
    }
  if (!trj_workbook_run (self, error, "UPDATE undo_step SET undone = ? WHERE id = ?", "ii",
            (gint64) (undo ? 1 : 0), step) ||
      !trj_workbook_fix_current_scenario (self, error) ||
      !trj_workbook_meta_touch (self, error) ||
      !trj_workbook_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->current_scenario = previous_current;
      return FALSE;
    }
  trj_workbook_emit_changed (self, scenario, changes, line, previous_current);
  return TRUE;
}

gboolean
trj_workbook_undo (TrjWorkbook *self, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  return replay_step (self, TRUE, error);
}

gboolean
trj_workbook_redo (TrjWorkbook *self, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  return replay_step (self, FALSE, error);
}

gboolean
trj_workbook_can_undo (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  return self->can_undo;
}

gboolean
trj_workbook_can_redo (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  return self->can_redo;
}

const char *
trj_workbook_get_undo_label (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return self->undo_label;
}

const char *
trj_workbook_get_redo_label (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return self->redo_label;
}

