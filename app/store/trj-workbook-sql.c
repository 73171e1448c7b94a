/* trj-workbook-sql.c — prepared statements, binding, meta rows, lookups
 *
 * Statements are kept, per SQL text and per workbook, and reset when
 * released: parsing and planning the same SELECT and UPDATE at every edit was
 * a fifth of an edit's time. A statement in use is one SQLite calls busy (it
 * has rows pending): a query run inside the loop of the same query gets a
 * second kept statement. Every caller steps what it prepares before it
 * prepares anything else, so a statement handed out and not yet stepped is
 * never handed out again. The workbook finalizes them all when it closes.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

sqlite3_stmt *
trj_workbook_stmt_get (TrjWorkbook *self, const char *sql)
{
  GPtrArray *kept;
  sqlite3_stmt *stmt = NULL;

  if (self->stmts == NULL)
    self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  kept = g_hash_table_lookup (self->stmts, sql);
  if (kept == NULL)
    {
      kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_finalize);
      g_hash_table_insert (self->stmts, g_strdup (sql), kept);
    }
  for (guint i = 0; i < kept->len; i++)
    {
      stmt = g_ptr_array_index (kept, i);
      /* Run to its end but not released yet: binding needs a reset. */
      if (!sqlite3_stmt_busy (stmt))
        {
          sqlite3_reset (stmt);
          return stmt;
        }
    }
  stmt = NULL;
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    return NULL;
  g_ptr_array_add (kept, stmt);
  return stmt;
}

void
trj_workbook_stmt_release (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
trj_workbook_stmts_clear (TrjWorkbook *self)
{
  g_clear_pointer (&self->stmts, g_hash_table_destroy);
}

static gboolean
bind_valist (sqlite3_stmt *stmt, const char *types, va_list args)
{
  for (int i = 0; types[i]; i++)
    {
      int rc = SQLITE_OK;

      switch (types[i])
        {
        case 'i':
          rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        case 'd':
          {
            double v = va_arg (args, double);
            rc = isnan (v) ? sqlite3_bind_null (stmt, i + 1) : sqlite3_bind_double (stmt, i + 1, v);
          }
          break;
        case 's':
          rc = sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
          break;
        case 'b':
          {
            const void *p = va_arg (args, const void *);
            int n = va_arg (args, int);
            rc = sqlite3_bind_blob (stmt, i + 1, p, n, SQLITE_TRANSIENT);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (rc != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
trj_workbook_prepare (TrjWorkbook *self, GError **error, const char *sql, const char *types, ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  gboolean ok;

  if ((stmt = trj_workbook_stmt_get (self, sql)) == NULL)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return NULL;
    }
  va_start (args, types);
  ok = bind_valist (stmt, types, args);
  va_end (args);
  if (!ok)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      trj_workbook_stmt_release (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
trj_workbook_run (TrjWorkbook *self, GError **error, const char *sql, const char *types, ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;
  gboolean ok;

  if ((stmt = trj_workbook_stmt_get (self, sql)) == NULL)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("writing the workbook"));
      return FALSE;
    }
  va_start (args, types);
  ok = bind_valist (stmt, types, args);
  va_end (args);
  if (!ok || sqlite3_step (stmt) != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("writing the workbook"));
      return FALSE;
    }
  return TRUE;
}

gint64
trj_workbook_query_int64 (TrjWorkbook *self, gboolean *found, const char *sql, const char *types, ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;
  gint64 value = 0;
  gboolean ok;

  if (found)
    *found = FALSE;
  if ((stmt = trj_workbook_stmt_get (self, sql)) == NULL)
    return 0;
  va_start (args, types);
  ok = bind_valist (stmt, types, args);
  va_end (args);
  if (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      if (found)
        *found = TRUE;
    }
  return value;
}

/* ── Meta rows ────────────────────────────────────────────────────────── */

char *
trj_workbook_meta_get (TrjWorkbook *self, const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = trj_workbook_prepare (self, NULL, "SELECT value FROM meta WHERE key = ?",
                                                       "s", key);

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
trj_workbook_meta_set (TrjWorkbook *self, const char *key, const char *value, GError **error)
{
  return trj_workbook_run (self, error, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "ss", key, value);
}

gboolean
trj_workbook_meta_touch (TrjWorkbook *self, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  return trj_workbook_meta_set (self, "modified", stamp, error) &&
         trj_workbook_meta_set (self, "app_version", PACKAGE_VERSION, error);
}

/* ── Checks and lookups ───────────────────────────────────────────────── */

gboolean
trj_workbook_check_open (TrjWorkbook *self, GError **error)
{
  if (self->db == NULL)
    g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_IO,
                         _("The workbook is closed."));
  return self->db != NULL;
}

gboolean
trj_workbook_check_writable (TrjWorkbook *self, GError **error)
{
  if (!trj_workbook_check_open (self, error))
    return FALSE;
  if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY,
                           self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
trj_workbook_scenario_exists (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  gboolean found;

  trj_workbook_query_int64 (self, &found, "SELECT 1 FROM scenario WHERE id = ?", "i", scenario_id);
  if (!found)
    g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                         _("This scenario is not in the workbook (any more)."));
  return found;
}

gboolean
trj_workbook_envelope_exists (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                              GError **error)
{
  gboolean found;

  /* Only edits look envelopes and lines up this way. */
  if (!trj_workbook_check_unfrozen (self, scenario_id, error))
    return FALSE;
  trj_workbook_query_int64 (self, &found, "SELECT 1 FROM envelope WHERE scenario = ? AND id = ?", "is",
                            scenario_id, envelope_id);
  if (!found)
    g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                 _("There is no envelope “%s” in this scenario."), envelope_id);
  return found;
}

void
trj_line_ref_clear (TrjLineRef *ref)
{
  g_clear_pointer (&ref->envelope, g_free);
}

gboolean
trj_workbook_line_find (TrjWorkbook *self, gint64 scenario_id, const char *line_id, TrjLineRef *ref,
                        GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!trj_workbook_check_unfrozen (self, scenario_id, error))
    return FALSE;
  stmt = trj_workbook_prepare (self, error, "SELECT id, envelope, position, kind, entries_mode, volume "
                               "FROM line WHERE scenario = ? AND key = ?", "is", scenario_id, line_id);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                   _("There is no line “%s” in this scenario."), line_id);
      return FALSE;
    }
  ref->row = sqlite3_column_int64 (stmt, 0);
  ref->envelope = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  ref->position = sqlite3_column_int64 (stmt, 2);
  if (!trj_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &ref->kind))
    ref->kind = TRJ_KIND_FREE;
  ref->mode = sqlite3_column_int (stmt, 4) ? TRJ_ENTRIES_VOLUME : TRJ_ENTRIES_MONTHLY;
  ref->volume = sqlite3_column_double (stmt, 5);
  /* The realised part of a line of a reprogramming takes no edit. */
  return trj_workbook_check_unrealised (self, ref->row, -1, 0, 0, error);
}
