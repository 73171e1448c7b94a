/* trj-workbook.c — the workbook object: opening, creating, closing, state
 *
 * The other concerns of the store live beside this file (see
 * trj-workbook-private.h): SQL helpers, the field tables, the undo journal,
 * snapshots and edits.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-workbook-private.h"

G_DEFINE_FINAL_TYPE (TrjWorkbook, trj_workbook, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_READ_ONLY_REASON,
  PROP_REGION,
  PROP_YEAR,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_CURRENT_SCENARIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_PROFILES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ── Undo state and signals ───────────────────────────────────────────── */

static char *
step_label_where (TrjWorkbook *self, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = trj_workbook_prepare (self, NULL, sql, "");

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

void
trj_workbook_refresh_undo_state (TrjWorkbook *self)
{
  g_autofree char *undo = NULL, *redo = NULL;

  if (self->db != NULL)
    {
      undo = step_label_where (self, "SELECT label FROM undo_step WHERE undone = 0 "
                               "ORDER BY id DESC LIMIT 1");
      redo = step_label_where (self, "SELECT label FROM undo_step WHERE undone = 1 "
                               "ORDER BY id ASC LIMIT 1");
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->can_undo != (undo != NULL))
    {
      self->can_undo = undo != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != (redo != NULL))
    {
      self->can_redo = redo != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (g_strcmp0 (self->undo_label, undo) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (self->redo_label, redo) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
trj_workbook_fix_current_scenario (TrjWorkbook *self, GError **error)
{
  gboolean found;
  gint64 first;
  g_autofree char *value = NULL;

  trj_workbook_query_int64 (self, &found, "SELECT 1 FROM scenario WHERE id = ?", "i", self->current_scenario);
  if (found)
    return TRUE;
  first = trj_workbook_query_int64 (self, NULL, "SELECT id FROM scenario ORDER BY position LIMIT 1", "");
  value = g_strdup_printf ("%" G_GINT64_FORMAT, first);
  if (self->read_only_reason == NULL && !trj_workbook_meta_set (self, "current_scenario", value, error))
    return FALSE;
  self->current_scenario = first;
  return TRUE;
}

void
trj_workbook_emit_changed (TrjWorkbook *self, gint64 scenario_id, guint changes, const char *line_id,
                           gint64 previous_current)
{
  const char *detail = (changes & TRJ_WORKBOOK_CHANGE_SCENARIOS) ? "scenarios"
                     : (changes & TRJ_WORKBOOK_CHANGE_LINES) ? "lines" : "values";

  trj_workbook_refresh_undo_state (self);
  if (previous_current != self->current_scenario)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_static_string (detail),
                 scenario_id, changes, line_id);
}

/* ── Current scenario ─────────────────────────────────────────────────── */

gint64
trj_workbook_get_current_scenario (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);
  return self->current_scenario;
}

gboolean
trj_workbook_set_current_scenario (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  if (!trj_workbook_check_open (self, error) || !trj_workbook_scenario_exists (self, scenario_id, error))
    return FALSE;
  if (scenario_id == self->current_scenario)
    return TRUE;
  /* A read-only viewer may look at another scenario; it just is not saved. */
  value = g_strdup_printf ("%" G_GINT64_FORMAT, scenario_id);
  if (self->read_only_reason == NULL && !trj_workbook_meta_set (self, "current_scenario", value, error))
    return FALSE;
  self->current_scenario = scenario_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
  return TRUE;
}

/* ── Opening, creating, closing ───────────────────────────────────────── */

static gboolean
load_meta (TrjWorkbook *self, GError **error)
{
  g_autofree char *year = trj_workbook_meta_get (self, "year");
  g_autofree char *zone = trj_workbook_meta_get (self, "zone");
  g_autofree char *current = trj_workbook_meta_get (self, "current_scenario");
  const TrjRegion *region;

  self->region = trj_workbook_meta_get (self, "region");
  self->year = year ? atoi (year) : 0;
  if (self->region == NULL || !trj_zone_from_string (zone, &self->zone))
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
                   _("“%s” has no region or zone: it is damaged."), name);
      return FALSE;
    }
  self->year_data = trj_year_data_get (self->year, error);
  if (self->year_data == NULL)
    return FALSE;
  /* The region and its zone choose every reference value: a region the
   * year's notification does not know, or the zone of another, is damage. */
  region = trj_year_data_find_region (self->year_data, self->region);
  if (region == NULL || region->zone != self->zone)
    {
      /* TRANSLATORS: where a bad value is: a row of the workbook's metadata */
      g_autofree char *row = g_strdup_printf (_("key “%s”"), region == NULL ? "region" : "zone");
      g_autofree char *problem = region == NULL
        ? g_strdup_printf (_("There is no region “%s” in the %d notification."), self->region, self->year)
        : g_strdup (_("The zone is not that of the region."));

      trj_workbook_set_damaged (error, self->path, "meta", row, "value", problem);
      return FALSE;
    }
  self->current_scenario = current ? g_ascii_strtoll (current, NULL, 10) : 0;
  return trj_workbook_fix_current_scenario (self, error);
}

/* Every scenario read once, with the checks of a snapshot: a file that holds
 * one value out of its limits is refused at open, whole, rather than when
 * someone switches to that scenario. */
static gboolean
check_contents (TrjWorkbook *self, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = trj_workbook_prepare (self, error, "SELECT id, name FROM scenario ORDER BY position", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name;

      if (!trj_workbook_column_text (stmt, 1, FALSE, &name, NULL) || *name == '\0')
        {
          g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_clear_pointer (&stmt, trj_workbook_stmt_release);
          trj_workbook_set_damaged (error, self->path, "scenario", row, "name",
                                    _("A scenario needs a name."));
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return FALSE;
    }
  g_clear_pointer (&stmt, trj_workbook_stmt_release);
  if (ids->len == 0)
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
                   _("“%s” holds no scenario: it is damaged and cannot be opened. "
                     "The file was left as it was; open a copy or a backup."), name);
      return FALSE;
    }
  /* The current scenario last: reading another one would drop it, and it is
   * kept for the window's first snapshot. */
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == self->current_scenario)
      {
        gint64 current = self->current_scenario;

        g_array_remove_index (ids, i);
        g_array_append_val (ids, current);
        break;
      }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(TrjScenario) scenario = trj_workbook_get_scenario (self, id, error);

      if (scenario == NULL)
        return FALSE;
      if (id == self->current_scenario)
        {
          g_clear_pointer (&self->opened_snapshot, trj_scenario_free);
          self->opened_snapshot = g_steal_pointer (&scenario);
          self->opened_snapshot_id = id;
        }
    }
  return TRUE;
}

static gboolean
set_durable (TrjWorkbook *self, GError **error)
{
  /* WAL with synchronous=FULL: every COMMIT is on disk when it returns, and a
   * crash at any point leaves the last committed state. */
  return trj_workbook_exec (self->db, "PRAGMA journal_mode = WAL", error) &&
         trj_workbook_exec (self->db, "PRAGMA synchronous = FULL", error);
}

TrjWorkbook *
trj_workbook_open (const char *path, GError **error)
{
  g_autoptr(TrjWorkbook) self = NULL;
  TrjWorkbookOpenMode read_mode;
  sqlite3 *check;
  gboolean ok;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!trj_workbook_file_check_header (path, error))
    return NULL;

  self = g_object_new (TRJ_TYPE_WORKBOOK, NULL);
  self->path = g_strdup (path);
  self->lock_fd = trj_workbook_file_lock (path, &self->read_only_reason);

  /* Judge the file through a read-only connection: nothing is written to a
   * file that is then refused. */
  read_mode = self->read_only_reason != NULL ? trj_workbook_file_read_mode (path)
                                             : TRJ_WORKBOOK_OPEN_READ;
  /* With no -wal or -shm beside it, no connection has the file open: the
   * check reads it as it is and creates neither, so a refused file leaves
   * nothing behind. */
  check = trj_workbook_file_open_db (path, trj_workbook_file_is_alone (path) ? TRJ_WORKBOOK_OPEN_IMMUTABLE
                                                                          : read_mode,
                                     error);
  if (check == NULL)
    return NULL;
  ok = trj_workbook_file_validate (check, path, &version, error);
  sqlite3_close (check);
  if (!ok)
    return NULL;

  if (version < TRJ_WORKBOOK_SCHEMA_VERSION && self->read_only_reason != NULL)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY,
                   _("This workbook was made by an earlier version and must be upgraded, "
                     "which needs writing to it. %s"), self->read_only_reason);
      return NULL;
    }

  self->db = trj_workbook_file_open_db (path, self->read_only_reason != NULL ? read_mode
                                                                             : TRJ_WORKBOOK_OPEN_WRITE,
                                        error);
  if (self->db == NULL)
    return NULL;
  if (self->read_only_reason == NULL)
    {
      /* Migrate and judge the content in one transaction, in the file's own
       * journal mode, so that a file refused or a migration that fails
       * leaves even the header as it was. */
      if (!trj_workbook_exec (self->db, "PRAGMA synchronous = FULL", error) ||
          !trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error))
        return NULL;
      ok = (version == TRJ_WORKBOOK_SCHEMA_VERSION ||
            (trj_workbook_schema_migrate (self->db, version, TRJ_WORKBOOK_SCHEMA_VERSION, error) &&
             trj_workbook_meta_touch (self, error))) &&
           load_meta (self, error) &&
           check_contents (self, error) &&
           trj_workbook_load_profiles (self, error) &&
           trj_workbook_file_enable_triggers (self->db, error) &&
           trj_workbook_exec (self->db, "COMMIT", error);
      /* Statements prepared with triggers off would stay without them. */
      trj_workbook_stmts_clear (self);
      if (!ok)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
      if (!set_durable (self, error))
        return NULL;
    }
  else if (!load_meta (self, error) || !check_contents (self, error) ||
           !trj_workbook_load_profiles (self, error))
    return NULL;
  trj_workbook_refresh_undo_state (self);
  trj_workbook_keep_opened_snapshot (self);
  return g_steal_pointer (&self);
}

TrjWorkbook *
trj_workbook_new_for_region (const char *path, const char *region, int year, GError **error)
{
  g_autoptr(TrjScenario) example = NULL;
  const TrjYearData *data;
  const TrjRegion *r;

  g_return_val_if_fail (path != NULL && region != NULL, NULL);

  data = trj_year_data_get (year, error);
  if (data == NULL)
    return NULL;
  r = trj_year_data_find_region (data, region);
  if (r == NULL)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("There is no region “%s” in the %d notification."), region, year);
      return NULL;
    }
  example = trj_year_data_example (data, r->name, error);
  if (example == NULL)
    return NULL;
  return trj_workbook_new_with_scenario (path, example, error);
}

TrjWorkbook *
trj_workbook_new_with_scenario (const char *path, const TrjScenario *example, GError **error)
{
  g_autoptr(TrjWorkbook) self = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *year_text = NULL;
  g_autofree char *current = NULL;
  g_autofree char *set_app_id = NULL;
  const TrjYearData *data;
  const TrjRegion *r;
  gint64 id;
  int year;
  int fd;

  g_return_val_if_fail (path != NULL && example != NULL, NULL);

  year = example->year;
  year_text = g_strdup_printf ("%d", year);
  data = trj_year_data_get (year, error);
  if (data == NULL)
    return NULL;
  r = example->region != NULL ? trj_year_data_find_region (data, example->region) : NULL;
  if (r == NULL || r->zone != example->zone)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("There is no region “%s” in the %d notification."),
                   example->region ? example->region : "", year);
      return NULL;
    }

  fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, TRJ_WORKBOOK_ERROR,
                   saved == EEXIST ? TRJ_WORKBOOK_ERROR_EXISTS : TRJ_WORKBOOK_ERROR_IO,
                   _("Cannot create “%s”: %s"), name, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = g_object_new (TRJ_TYPE_WORKBOOK, NULL);
  self->path = g_strdup (path);
  self->lock_fd = trj_workbook_file_lock (path, &self->read_only_reason);
  self->region = g_strdup (r->name);
  self->year = year;
  self->zone = r->zone;
  self->year_data = data;
  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", (int) TRJ_WORKBOOK_APPLICATION_ID);

  if (self->read_only_reason != NULL)
    g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY,
                         self->read_only_reason);
  else if ((self->db = trj_workbook_file_open_db (path, TRJ_WORKBOOK_OPEN_WRITE, error)) != NULL &&
           trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error) &&
           trj_workbook_exec (self->db, set_app_id, error) &&
           trj_workbook_schema_migrate (self->db, 0, TRJ_WORKBOOK_SCHEMA_VERSION, error) &&
           trj_workbook_file_enable_triggers (self->db, error) &&
           trj_workbook_meta_set (self, "region", r->name, error) &&
           trj_workbook_meta_set (self, "year", year_text, error) &&
           trj_workbook_meta_set (self, "zone", trj_zone_to_string (r->zone), error) &&
           trj_workbook_meta_set (self, "created", stamp, error) &&
           trj_workbook_meta_touch (self, error) &&
           (id = trj_workbook_write_scenario (self, example, _("Initial scenario"), error)) != 0 &&
           (current = g_strdup_printf ("%" G_GINT64_FORMAT, id)) != NULL &&
           trj_workbook_meta_set (self, "current_scenario", current, error) &&
           trj_workbook_exec (self->db, "COMMIT", error) &&
           set_durable (self, error))
    {
      self->current_scenario = id;
      trj_workbook_refresh_undo_state (self);
      return g_steal_pointer (&self);
    }

  /* Leave nothing behind: the file did not exist before. */
  trj_workbook_close (self);
  g_unlink (path);
  {
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);
    g_unlink (journal);
  }
  return NULL;
}

void
trj_workbook_close (TrjWorkbook *self)
{
  g_return_if_fail (TRJ_IS_WORKBOOK (self));

  trj_workbook_step_abandon (self);
  self->batch_depth = 0;
  /* Kept statements go before their database. */
  trj_workbook_stmts_clear (self);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  /* Unlock only once SQLite has let go of the file (it checkpoints on close). */
  if (self->lock_fd >= 0)
    {
      trj_workbook_file_unlock (self->path, self->lock_fd);
      self->lock_fd = -1;
    }
}

gboolean
trj_workbook_save_copy (TrjWorkbook *self, const char *path, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  /* VACUUM cannot run inside the batch's transaction. */
  g_return_val_if_fail (self->batch_depth == 0, FALSE);

  if (!trj_workbook_check_open (self, error))
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_EXISTS,
                   _("“%s” already exists."), name);
      return FALSE;
    }
  /* VACUUM INTO reads one consistent snapshot, even while another process
   * writes, and writes a compact file with the whole undo history. */
  return trj_workbook_run (self, error, "VACUUM INTO ?", "s", path);
}

/* ── Accessors ────────────────────────────────────────────────────────── */

const char *
trj_workbook_get_path (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return self->path;
}

gboolean
trj_workbook_is_read_only (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), TRUE);
  return self->read_only_reason != NULL;
}

const char *
trj_workbook_get_read_only_reason (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return self->read_only_reason;
}

const char *
trj_workbook_get_region (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return self->region;
}

int
trj_workbook_get_year (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);
  return self->year;
}

TrjZone
trj_workbook_get_zone (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), TRJ_ZONE_METROPOLE);
  return self->zone;
}

const TrjRules *
trj_workbook_get_rules (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return self->year_data ? &self->year_data->rules : NULL;
}

static GDateTime *
meta_date (TrjWorkbook *self, const char *key)
{
  g_autofree char *value = self->db ? trj_workbook_meta_get (self, key) : NULL;

  return value ? g_date_time_new_from_iso8601 (value, NULL) : NULL;
}

GDateTime *
trj_workbook_get_created (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return meta_date (self, "created");
}

GDateTime *
trj_workbook_get_modified (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return meta_date (self, "modified");
}

char *
trj_workbook_get_app_version (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  return self->db ? trj_workbook_meta_get (self, "app_version") : NULL;
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
trj_workbook_finalize (GObject *object)
{
  TrjWorkbook *self = TRJ_WORKBOOK (object);

  trj_workbook_close (self);
  g_clear_pointer (&self->opened_snapshot, trj_scenario_free);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->read_only_reason);
  g_clear_error (&self->batch_error);
  g_free (self->region);
  g_free (self->undo_label);
  g_free (self->redo_label);
  G_OBJECT_CLASS (trj_workbook_parent_class)->finalize (object);
}

static void
trj_workbook_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TrjWorkbook *self = TRJ_WORKBOOK (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, self->read_only_reason != NULL); break;
    case PROP_READ_ONLY_REASON: g_value_set_string (value, self->read_only_reason); break;
    case PROP_REGION: g_value_set_string (value, self->region); break;
    case PROP_YEAR: g_value_set_int (value, self->year); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, self->can_undo); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, self->can_redo); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, self->undo_label); break;
    case PROP_REDO_LABEL: g_value_set_string (value, self->redo_label); break;
    case PROP_CURRENT_SCENARIO: g_value_set_int64 (value, self->current_scenario); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_workbook_class_init (TrjWorkbookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trj_workbook_finalize;
  object_class->get_property = trj_workbook_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  properties[PROP_READ_ONLY_REASON] = g_param_spec_string ("read-only-reason", NULL, NULL, NULL, flags);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  properties[PROP_CURRENT_SCENARIO] = g_param_spec_int64 ("current-scenario", NULL, NULL,
                                                          0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                          G_TYPE_INT64, G_TYPE_UINT, G_TYPE_STRING);
  /* A profile saved (trj_workbook_save_profile). */
  signals[SIGNAL_PROFILES_CHANGED] = g_signal_new ("profiles-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                   G_TYPE_NONE, 0);
}

static void
trj_workbook_init (TrjWorkbook *self)
{
  self->lock_fd = -1;
  self->step_scenario = -1;
}
