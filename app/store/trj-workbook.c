/* trj-workbook.c — the workbook document: scenarios, edits, snapshots, undo
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

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-engine.h"
#include "trj-workbook-private.h"
#include "trj-year-data.h"

/* Prepared statements are kept, one per SQL text and workbook, and reset
 * when released: parsing and planning the same SELECT and UPDATE at every
 * edit was a fifth of an edit's time. The set below tells kept statements
 * (free or lent out) from one-off ones, which a release finalizes. */
enum { STMT_FREE = 1, STMT_LENT = 2 };
static GHashTable *kept_stmts;   /* sqlite3_stmt * → STMT_FREE or STMT_LENT */
G_LOCK_DEFINE_STATIC (kept_stmts);

static void
stmt_release (sqlite3_stmt *stmt)
{
  gboolean kept;

  if (stmt == NULL)
    return;
  G_LOCK (kept_stmts);
  kept = kept_stmts != NULL && g_hash_table_lookup (kept_stmts, stmt) != NULL;
  if (kept)
    g_hash_table_insert (kept_stmts, stmt, GINT_TO_POINTER (STMT_FREE));
  G_UNLOCK (kept_stmts);
  if (kept)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else
    sqlite3_finalize (stmt);
}

/* A kept statement's end, when its workbook closes. */
static void
stmt_forget (gpointer data)
{
  G_LOCK (kept_stmts);
  g_hash_table_remove (kept_stmts, data);
  G_UNLOCK (kept_stmts);
  sqlite3_finalize (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, stmt_release)

struct _TrjWorkbook
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *stmts;   /* SQL text → kept sqlite3_stmt * (see stmt_release) */
  int lock_fd;
  char *read_only_reason;       /* NULL: writable */

  char *region;
  int year;
  TrjZone zone;
  const TrjYearData *year_data;
  gint64 current_scenario;

  /* The step being recorded (one edit, or a batch). */
  sqlite3_session *session;
  guint batch_depth;
  char *step_label;
  gint64 step_scenario;         /* -1: none yet; 0: several */
  guint step_changes;
  char *step_line;
  gboolean step_several_lines;

  gboolean can_undo, can_redo;
  char *undo_label, *redo_label;
};

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
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ── Field tables ─────────────────────────────────────────────────────── */

typedef struct {
  const char *column;
  const char *step_label;   /* N_() */
  const char *limits;       /* N_(), shown when a value is refused */
  double lo, hi;
  gboolean lo_excluded;
  gboolean integer;
} FieldSpec;

static const FieldSpec line_fields[TRJ_N_LINE_FIELDS] = {
  [TRJ_LINE_FIELD_LABEL] = { "label", N_("Rename line") },
  [TRJ_LINE_FIELD_DEPARTEMENT] = { "departement", N_("Change département") },
  [TRJ_LINE_FIELD_PRESCRIBER] = { "prescriber", N_("Change prescriber") },
  [TRJ_LINE_FIELD_KIND] = { "kind", N_("Change kind"),
    N_("The kind of line is not one Trajectoire knows."), 0, TRJ_N_KINDS - 1, FALSE, TRUE },
  [TRJ_LINE_FIELD_RATE] = { "rate", N_("Change rate"),
    /* xgettext:no-c-format */
    N_("The rate must be above 0 % and at most 100 % of the SMIC."), 0, 1, TRUE },
  [TRJ_LINE_FIELD_WEEKLY_HOURS] = { "weekly_hours", N_("Change weekly hours"),
    N_("Weekly hours must be above 0 and at most 35."), 0, 35, TRUE },
  [TRJ_LINE_FIELD_DURATION_MONTHS] = { "duration_months", N_("Change duration"),
    N_("The duration must be above 0 and at most 24 months."), 0, 24, TRUE },
  [TRJ_LINE_FIELD_COFINANCED_SHARE] = { "cofinanced_share", N_("Change cofinanced share"),
    /* xgettext:no-c-format */
    N_("The cofinanced share must be between 0 % and 100 %."), 0, 1 },
  [TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS] = { "payment_lag_months", N_("Change payment lag"),
    N_("The payment lag must be a whole number of months from 0 to 6."), 0, 6, FALSE, TRUE },
  [TRJ_LINE_FIELD_VOLUME] = { "volume", N_("Change volume"),
    N_("The volume must be between 0 and 10 million contracts."), 0, 1e7 },
  [TRJ_LINE_FIELD_ENTRIES_MODE] = { "entries_mode", N_("Change entry mode"),
    N_("Entries are given month by month or as a volume."), 0, 1, FALSE, TRUE },
  [TRJ_LINE_FIELD_QUANTITY] = { "quantity", N_("Change quantity"),
    N_("The quantity must be between 0 and 10 million."), 0, 1e7 },
  [TRJ_LINE_FIELD_UNIT_AMOUNT] = { "unit_amount", N_("Change unit amount"),
    N_("The unit amount must be between 0 € and 1 billion €."), 0, 1e9 },
  [TRJ_LINE_FIELD_MODULATION] = { "modulation", N_("Change modulated share"),
    /* xgettext:no-c-format */
    N_("The modulated share must be between 0 % and 10 %."), 0, 0.10 },
  [TRJ_LINE_FIELD_SECOND_YEAR_QUANTITY] = { "second_year_quantity", N_("Change second-year quantity"),
    N_("The second-year quantity must be between 0 and 10 million."), 0, 1e7 },
  [TRJ_LINE_FIELD_RSA_RECIPIENTS] = { "rsa_recipients", N_("Change RSA recipients"),
    N_("The number of RSA recipients must be between 0 and 10 million."), 0, 1e7 },
  [TRJ_LINE_FIELD_RSA_MONTHS] = { "rsa_months", N_("Change RSA months"),
    N_("The months of cofinancing must be between 0 and 24."), 0, 24 },
  [TRJ_LINE_FIELD_COMMITMENT_MONTH] = { "commitment_month", N_("Change commitment month"),
    N_("The commitment month must be a month of the year."), 0, 11, FALSE, TRUE },
  [TRJ_LINE_FIELD_AE_AMOUNT] = { "ae_amount", N_("Change AE amount"),
    N_("The AE amount must be between 0 € and 100 billion €."), 0, 1e11 },
};

static const FieldSpec envelope_fields[TRJ_N_ENVELOPE_FIELDS] = {
  [TRJ_ENVELOPE_FIELD_AE_NOTIFIED] = { "ae_notified", N_("Change notified AE"),
    N_("Notified amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_ENVELOPE_FIELD_CP_NOTIFIED] = { "cp_notified", N_("Change notified CP"),
    N_("Notified amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_ENVELOPE_FIELD_VOLUME_NOTIFIED] = { "volume_notified", N_("Change notified volume"),
    N_("The notified volume must be between 0 and 10 million contracts."), 0, 1e7 },
  [TRJ_ENVELOPE_FIELD_CP_INCLUDES_STOCK] = { "cp_includes_stock", N_("Change CP scope"),
    N_("This setting is yes or no."), 0, 1, FALSE, TRUE },
  [TRJ_ENVELOPE_FIELD_PREVIOUS_MODULATION_CP] = { "previous_modulation_cp",
    N_("Change last year’s modulated part"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
};

static const FieldSpec fungibility_fields[TRJ_N_FUNGIBILITY_FIELDS] = {
  [TRJ_FUNGIBILITY_CIE_JEUNES_TO_PEC_AE] = { "cie_jeunes_to_pec_ae",
    N_("Change CIE jeunes → PEC transfer"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_CIE_JEUNES_TO_PEC_CP] = { "cie_jeunes_to_pec_cp",
    N_("Change CIE jeunes → PEC transfer"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_INITIATIVES_TERRITORIALES_AE] = { "initiatives_territoriales_ae",
    N_("Change initiatives territoriales"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES] = { "demandes_complementaires",
    N_("Change demandes complémentaires"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
};

/* Step labels of the month arrays, and the value of a month without a row. */
static const struct {
  const char *step_label;
  double missing;
} month_series[TRJ_N_LINE_MONTHS] = {
  [TRJ_LINE_MONTHS_ENTRIES] = { N_("Change entries"), 0 },
  [TRJ_LINE_MONTHS_PREVIOUS_ENTRIES] = { N_("Change last year’s entries"), 0 },
  [TRJ_LINE_MONTHS_PROFILE] = { N_("Change profile"), 1 },
  [TRJ_LINE_MONTHS_PAYMENT_PROFILE] = { N_("Change payment profile"), 1 },
  [TRJ_LINE_MONTHS_CP_SCHEDULE] = { N_("Change CP schedule"), 0 },
};

/* The flag column that says a month array was given (NULL: always meaningful). */
static const char *const month_flag_column[TRJ_N_LINE_MONTHS] = {
  [TRJ_LINE_MONTHS_PREVIOUS_ENTRIES] = "has_previous_entries",
  [TRJ_LINE_MONTHS_PROFILE] = "has_profile",
  [TRJ_LINE_MONTHS_PAYMENT_PROFILE] = "has_payment_profile",
};

/* Columns of a line row copied as they are by trj_workbook_duplicate_line. */
#define LINE_VALUE_COLUMNS \
  "envelope, label, kind, departement, prescriber, rate, weekly_hours, duration_months, " \
  "cofinanced_share, payment_lag_months, entries_mode, volume, has_profile, " \
  "has_previous_entries, quantity, unit_amount, modulation, second_year_quantity, " \
  "rsa_recipients, rsa_months, commitment_month, has_payment_profile, ae_amount"

/* ── SQL helpers ──────────────────────────────────────────────────────── */

/* The kept statement for `sql`, or a one-off one when it is lent out
 * already (a query run inside the loop of the same query). Release it with
 * stmt_release (g_autoptr does). NULL on an SQL error, left on the db. */
static sqlite3_stmt *
stmt_get (TrjWorkbook *self, const char *sql)
{
  sqlite3_stmt *stmt;
  gpointer state = NULL;

  if (self->stmts == NULL)
    self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_forget);
  stmt = g_hash_table_lookup (self->stmts, sql);
  G_LOCK (kept_stmts);
  if (kept_stmts == NULL)
    kept_stmts = g_hash_table_new (NULL, NULL);
  if (stmt != NULL)
    {
      state = g_hash_table_lookup (kept_stmts, stmt);
      if (GPOINTER_TO_INT (state) == STMT_FREE)
        g_hash_table_insert (kept_stmts, stmt, GINT_TO_POINTER (STMT_LENT));
    }
  G_UNLOCK (kept_stmts);
  if (stmt != NULL && GPOINTER_TO_INT (state) == STMT_FREE)
    return stmt;
  if (stmt != NULL)
    {
      /* Lent out: a one-off statement for this use. */
      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return NULL;
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    return NULL;
  G_LOCK (kept_stmts);
  g_hash_table_insert (kept_stmts, stmt, GINT_TO_POINTER (STMT_LENT));
  G_UNLOCK (kept_stmts);
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

/* Binds arguments described by `types`: i gint64, d double (NAN → NULL),
 * s string (NULL → NULL), b blob (pointer, int size). */
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

static sqlite3_stmt *
prepare (TrjWorkbook *self, GError **error, const char *sql, const char *types, ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  gboolean ok;

  if ((stmt = stmt_get (self, sql)) == NULL)
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
      stmt_release (stmt);
      return NULL;
    }
  return stmt;
}

/* Runs a statement that returns no rows. */
static gboolean
run (TrjWorkbook *self, GError **error, const char *sql, const char *types, ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;
  gboolean ok;

  if ((stmt = stmt_get (self, sql)) == NULL)
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

/* Returns the first column of the first row as an integer; *found tells
 * whether there was a row. */
static gint64
query_int64 (TrjWorkbook *self, gboolean *found, const char *sql, const char *types, ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;
  gint64 value = 0;
  gboolean ok;

  if (found)
    *found = FALSE;
  if ((stmt = stmt_get (self, sql)) == NULL)
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

static char *
meta_get (TrjWorkbook *self, const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, NULL, "SELECT value FROM meta WHERE key = ?", "s", key);

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

static gboolean
meta_set (TrjWorkbook *self, const char *key, const char *value, GError **error)
{
  return run (self, error, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "ss", key, value);
}

static gboolean
meta_touch (TrjWorkbook *self, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  return meta_set (self, "modified", stamp, error) &&
         meta_set (self, "app_version", PACKAGE_VERSION, error);
}

/* ── Errors ───────────────────────────────────────────────────────────── */

static gboolean
check_open (TrjWorkbook *self, GError **error)
{
  if (self->db == NULL)
    g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_IO,
                         _("The workbook is closed."));
  return self->db != NULL;
}

static gboolean
check_writable (TrjWorkbook *self, GError **error)
{
  if (!check_open (self, error))
    return FALSE;
  if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY,
                           self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_value (const FieldSpec *spec, double value, GError **error)
{
  gboolean ok = isfinite (value) && value <= spec->hi &&
                (spec->lo_excluded ? value > spec->lo : value >= spec->lo) &&
                (!spec->integer || value == floor (value));

  if (!ok)
    g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, _(spec->limits));
  return ok;
}

static gboolean
scenario_exists (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  gboolean found;

  query_int64 (self, &found, "SELECT 1 FROM scenario WHERE id = ?", "i", scenario_id);
  if (!found)
    g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                         _("This scenario is not in the workbook (any more)."));
  return found;
}

typedef struct {
  gint64 row;
  char *envelope;
  gint64 position;
  TrjLineKind kind;
  TrjEntriesMode mode;
  double volume;
} LineRef;

static void
line_ref_clear (LineRef *ref)
{
  g_clear_pointer (&ref->envelope, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LineRef, line_ref_clear)

static gboolean
line_find (TrjWorkbook *self, gint64 scenario_id, const char *line_id, LineRef *ref, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, error, "SELECT id, envelope, position, kind, entries_mode, volume FROM line "
                  "WHERE scenario = ? AND key = ?", "is", scenario_id, line_id);
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
  return TRUE;
}

static gboolean
envelope_exists (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, GError **error)
{
  gboolean found;

  query_int64 (self, &found, "SELECT 1 FROM envelope WHERE scenario = ? AND id = ?", "is",
               scenario_id, envelope_id);
  if (!found)
    g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
                 _("There is no envelope “%s” in this scenario."), envelope_id);
  return found;
}

/* ── Undo state and signals ───────────────────────────────────────────── */

static char *
step_label_where (TrjWorkbook *self, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, NULL, sql, "");

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

static void
refresh_undo_state (TrjWorkbook *self)
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

/* Keeps the current scenario pointing at an existing one (after a delete, or
 * an undo that removed it); persisted outside the undo journal. */
static gboolean
fix_current_scenario (TrjWorkbook *self, GError **error)
{
  gboolean found;
  gint64 first;
  g_autofree char *value = NULL;

  query_int64 (self, &found, "SELECT 1 FROM scenario WHERE id = ?", "i", self->current_scenario);
  if (found)
    return TRUE;
  first = query_int64 (self, NULL, "SELECT id FROM scenario ORDER BY position LIMIT 1", "");
  value = g_strdup_printf ("%" G_GINT64_FORMAT, first);
  if (self->read_only_reason == NULL && !meta_set (self, "current_scenario", value, error))
    return FALSE;
  self->current_scenario = first;
  return TRUE;
}

static void
emit_changed (TrjWorkbook *self, gint64 scenario_id, guint changes, const char *line_id,
              gint64 previous_current)
{
  const char *detail = (changes & TRJ_WORKBOOK_CHANGE_SCENARIOS) ? "scenarios"
                     : (changes & TRJ_WORKBOOK_CHANGE_LINES) ? "lines" : "values";

  refresh_undo_state (self);
  if (previous_current != self->current_scenario)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_static_string (detail),
                 scenario_id, changes, line_id);
}

/* ── Steps ────────────────────────────────────────────────────────────── */

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
    ok = run (self, error, "DELETE FROM undo_step WHERE undone = 1", "") &&
         run (self, error, "INSERT INTO undo_step (label, scenario, changes, line_key, changeset) "
              "VALUES (?, ?, ?, ?, ?)", "siisb", self->step_label, scenario, (gint64) changes,
              line, changeset, n) &&
         fix_current_scenario (self, error) &&
         meta_touch (self, error);
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
    emit_changed (self, scenario, changes, line, previous_current);
  return TRUE;
}

/* Every edit: step_begin, its SQL, step_end. Inside a batch the edit is a
 * savepoint of the batch's transaction. */
static gboolean
step_begin (TrjWorkbook *self, const char *label, GError **error)
{
  if (!check_writable (self, error))
    return FALSE;
  if (self->batch_depth == 0 && !transaction_begin (self, label, error))
    return FALSE;
  /* A batch whose transaction could not start must not let its edits commit
   * one by one, outside the journal. */
  if (self->session == NULL)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_IO,
                           _("The workbook could not start recording this change."));
      return FALSE;
    }
  return trj_workbook_exec (self->db, "SAVEPOINT edit", error);
}

static void
step_note (TrjWorkbook *self, gint64 scenario_id, guint changes, const char *line_id)
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

static gboolean
step_end (TrjWorkbook *self, gboolean ok, GError **error)
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
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRJ_IS_WORKBOOK (self));

  /* A read-only workbook still counts the nesting, its edits fail one by one. */
  if (self->batch_depth == 0 && self->read_only_reason == NULL && self->db != NULL &&
      !transaction_begin (self, label, &error))
    g_warning ("Cannot start a batch: %s", error->message);
  self->batch_depth++;
}

gboolean
trj_workbook_end_batch (TrjWorkbook *self, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (--self->batch_depth > 0)
    return TRUE;
  if (self->session == NULL)
    return check_writable (self, error);
  return transaction_end (self, TRUE, error);
}

void
trj_workbook_cancel_batch (TrjWorkbook *self)
{
  g_return_if_fail (TRJ_IS_WORKBOOK (self));
  g_return_if_fail (self->batch_depth > 0);

  self->batch_depth = 0;
  if (self->session != NULL)
    {
      step_reset (self);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
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
  if (!check_writable (self, error) || !trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (self, error, undo
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
  g_clear_pointer (&stmt, stmt_release);

  if (rc != SQLITE_OK)
    {
      /* The rows are not as the step left them: the journal does not match the
       * document, so refuse rather than guess. */
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
                           _("The undo history does not match the workbook; nothing was changed."));
      return FALSE;
    }
  if (!run (self, error, "UPDATE undo_step SET undone = ? WHERE id = ?", "ii",
            (gint64) (undo ? 1 : 0), step) ||
      !fix_current_scenario (self, error) ||
      !meta_touch (self, error) ||
      !trj_workbook_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->current_scenario = previous_current;
      return FALSE;
    }
  emit_changed (self, scenario, changes, line, previous_current);
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

/* ── Writing a whole scenario (new, duplicate, import) ────────────────── */

static gboolean
write_months (TrjWorkbook *self, gint64 row, TrjLineMonths series, const double values[TRJ_MONTHS],
              GError **error)
{
  for (int m = 0; m < TRJ_MONTHS; m++)
    if (!run (self, error, "INSERT INTO line_month (line, series, month, value) VALUES (?, ?, ?, ?) "
              "ON CONFLICT DO UPDATE SET value = excluded.value", "iiid",
              row, (gint64) series, (gint64) m, values[m]))
      return FALSE;
  return TRUE;
}

static gboolean
write_line (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 position,
            const TrjLine *line, GError **error)
{
  gint64 row;
  gboolean volume_mode = line->entries_mode == TRJ_ENTRIES_VOLUME;

  if (!run (self, error,
            "INSERT INTO line (scenario, envelope, key, position, label, kind, departement, "
            "prescriber, rate, weekly_hours, duration_months, cofinanced_share, payment_lag_months, "
            "entries_mode, volume, has_profile, has_previous_entries, quantity, unit_amount, "
            "modulation, second_year_quantity, rsa_recipients, rsa_months, commitment_month, "
            "has_payment_profile, ae_amount) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            "ississss" "dddd" "ii" "d" "ii" "dddddd" "ii" "d",
            scenario_id, envelope_id, line->id, position, line->label ? line->label : "",
            trj_kind_to_string (line->kind), line->departement, line->prescriber,
            line->rate, line->weekly_hours, line->duration_months, line->cofinanced_share,
            (gint64) line->payment_lag_months, (gint64) line->entries_mode, line->volume,
            (gint64) line->has_profile, (gint64) line->has_previous_entries,
            line->quantity, line->has_unit_amount ? line->unit_amount : NAN,
            line->modulation, line->second_year_quantity, line->rsa_recipients,
            line->rsa_months, (gint64) line->commitment_month,
            (gint64) line->has_payment_profile, line->ae_amount))
    return FALSE;
  row = sqlite3_last_insert_rowid (self->db);

  if (!volume_mode && !write_months (self, row, TRJ_LINE_MONTHS_ENTRIES, line->entries, error))
    return FALSE;
  if (line->has_profile && !write_months (self, row, TRJ_LINE_MONTHS_PROFILE, line->profile, error))
    return FALSE;
  if (line->has_previous_entries &&
      !write_months (self, row, TRJ_LINE_MONTHS_PREVIOUS_ENTRIES, line->previous_entries, error))
    return FALSE;
  if (line->has_payment_profile &&
      !write_months (self, row, TRJ_LINE_MONTHS_PAYMENT_PROFILE, line->payment_profile, error))
    return FALSE;
  if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_FREE &&
      !write_months (self, row, TRJ_LINE_MONTHS_CP_SCHEDULE, line->cp_schedule, error))
    return FALSE;
  return TRUE;
}

static gboolean
write_series_override (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                       const TrjSeries *series, GError **error)
{
  for (guint i = 0; i < series->n_points; i++)
    if (!run (self, error, "INSERT INTO reference_override (scenario, kind, seq, date, value) "
              "VALUES (?, ?, ?, ?, ?)", "iiiid", scenario_id, (gint64) kind, (gint64) i,
              (gint64) series->points[i].from, series->points[i].value))
      return FALSE;
  return TRUE;
}

static gboolean
write_value_override (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind, double value,
                      GError **error)
{
  return run (self, error, "INSERT INTO reference_override (scenario, kind, seq, date, value) "
              "VALUES (?, ?, 0, NULL, ?)", "iid", scenario_id, (gint64) kind, value);
}

static gboolean
check_name_free (TrjWorkbook *self, const char *name, gint64 except, GError **error)
{
  gboolean found;
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("A scenario needs a name."));
      return FALSE;
    }
  query_int64 (self, &found, "SELECT 1 FROM scenario WHERE name = ? AND id != ?", "si",
               name, except);
  if (found)
    g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                 _("A scenario named “%s” already exists in this workbook."), name);
  return !found;
}

/* Inserts a scenario at the end; returns its id, 0 on error. */
static gint64
write_scenario (TrjWorkbook *self, const TrjScenario *scenario, const char *name, GError **error)
{
  const TrjFungibility *f = &scenario->fungibility;
  gint64 id, position;

  if (!check_name_free (self, name, 0, error))
    return 0;
  position = query_int64 (self, NULL, "SELECT COUNT(*) FROM scenario", "");
  if (!run (self, error, "INSERT INTO scenario (name, position, has_fungibility, "
            "cie_jeunes_to_pec_ae, cie_jeunes_to_pec_cp, initiatives_territoriales_ae, "
            "demandes_complementaires) VALUES (?, ?, ?, ?, ?, ?, ?)", "siidddd",
            name, position, (gint64) scenario->has_fungibility, f->cie_jeunes_to_pec_ae,
            f->has_cie_jeunes_to_pec_cp ? f->cie_jeunes_to_pec_cp : NAN,
            f->initiatives_territoriales_ae, f->demandes_complementaires))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      if (!run (self, error, "INSERT INTO envelope (scenario, id, position, ae_notified, "
                "cp_notified, volume_notified, cp_includes_stock, previous_modulation_cp) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "isidddid", id, env->id, (gint64) e,
                env->ae_notified, env->cp_notified, env->volume_notified,
                (gint64) env->cp_notified_includes_stock, env->previous_modulation_cp))
        return 0;
      for (guint l = 0; l < env->lines->len; l++)
        if (!write_line (self, id, env->id, l, g_ptr_array_index (env->lines, l), error))
          return 0;
    }

  if ((scenario->overrides_smic &&
       !write_series_override (self, id, TRJ_REFERENCE_SMIC_HOURLY, &scenario->reference.smic_hourly, error)) ||
      (scenario->overrides_rsa &&
       !write_series_override (self, id, TRJ_REFERENCE_RSA, &scenario->reference.rsa, error)) ||
      (scenario->overrides_cd_share &&
       !write_value_override (self, id, TRJ_REFERENCE_CD_SHARE, scenario->reference.cd_share, error)) ||
      (scenario->overrides_weeks &&
       !write_value_override (self, id, TRJ_REFERENCE_WEEKS_PER_MONTH,
                              scenario->reference.weeks_per_month, error)))
    return 0;
  return id;
}

/* ── Snapshots ────────────────────────────────────────────────────────── */

static const char *
column_text_or_null (sqlite3_stmt *stmt, int col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NULL
         : (const char *) sqlite3_column_text (stmt, col);
}

/* The columns line_from_row() reads, in its order. */
#define LINE_SELECT_COLUMNS \
  "id, envelope, key, kind, label, departement, prescriber, rate, " \
  "weekly_hours, duration_months, cofinanced_share, payment_lag_months, entries_mode, " \
  "volume, has_profile, has_previous_entries, quantity, unit_amount, modulation, " \
  "second_year_quantity, rsa_recipients, rsa_months, commitment_month, " \
  "has_payment_profile, ae_amount"

static TrjLine *line_from_row_values (sqlite3_stmt *stmt);

/* A line as the engine sees it. An amount not typed by the user is the
 * year's table for the zone. */
static TrjLine *
line_from_row (TrjWorkbook *self, sqlite3_stmt *stmt)
{
  TrjLine *line = line_from_row_values (stmt);

  if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_POST_AID && !line->has_unit_amount)
    line->unit_amount = trj_year_data_unit_amount (self->year_data, line->kind, self->zone);
  return line;
}

static TrjLine *
line_from_row_values (sqlite3_stmt *stmt)
{
  TrjLineKind kind;
  TrjLine *line;

  if (!trj_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind))
    kind = TRJ_KIND_FREE;
  line = trj_line_new ((const char *) sqlite3_column_text (stmt, 2), kind);
  line->label = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  line->departement = g_strdup (column_text_or_null (stmt, 5));
  line->prescriber = g_strdup (column_text_or_null (stmt, 6));
  line->rate = sqlite3_column_double (stmt, 7);
  line->weekly_hours = sqlite3_column_double (stmt, 8);
  line->duration_months = sqlite3_column_double (stmt, 9);
  line->cofinanced_share = sqlite3_column_double (stmt, 10);
  line->payment_lag_months = sqlite3_column_int (stmt, 11);
  line->entries_mode = sqlite3_column_int (stmt, 12) ? TRJ_ENTRIES_VOLUME : TRJ_ENTRIES_MONTHLY;
  line->volume = sqlite3_column_double (stmt, 13);
  line->has_profile = sqlite3_column_int (stmt, 14);
  line->has_previous_entries = sqlite3_column_int (stmt, 15);
  line->quantity = sqlite3_column_double (stmt, 16);
  line->has_unit_amount = sqlite3_column_type (stmt, 17) != SQLITE_NULL;
  line->unit_amount = line->has_unit_amount ? sqlite3_column_double (stmt, 17) : 0;
  line->modulation = sqlite3_column_double (stmt, 18);
  line->second_year_quantity = sqlite3_column_double (stmt, 19);
  line->rsa_recipients = sqlite3_column_double (stmt, 20);
  line->rsa_months = sqlite3_column_double (stmt, 21);
  line->commitment_month = sqlite3_column_int (stmt, 22);
  line->has_payment_profile = sqlite3_column_int (stmt, 23);
  line->ae_amount = sqlite3_column_double (stmt, 24);
  return line;
}

static double *
line_months (TrjLine *line, TrjLineMonths series)
{
  switch (series)
    {
    case TRJ_LINE_MONTHS_ENTRIES: return line->entries;
    case TRJ_LINE_MONTHS_PREVIOUS_ENTRIES: return line->previous_entries;
    case TRJ_LINE_MONTHS_PROFILE: return line->profile;
    case TRJ_LINE_MONTHS_PAYMENT_PROFILE: return line->payment_profile;
    case TRJ_LINE_MONTHS_CP_SCHEDULE: return line->cp_schedule;
    case TRJ_N_LINE_MONTHS: break;
    }
  g_return_val_if_reached (NULL);
}

/* One month of a line_month row (series, month, value from column `first`);
 * a series or month out of range is left out. */
static void
line_month_from_row (TrjLine *line, sqlite3_stmt *stmt, int first)
{
  int series = sqlite3_column_int (stmt, first);
  int month = sqlite3_column_int (stmt, first + 1);

  if (series >= 0 && series < TRJ_N_LINE_MONTHS && month >= 0 && month < TRJ_MONTHS)
    line_months (line, series)[month] = sqlite3_column_double (stmt, first + 2);
}

static gboolean
read_overrides (TrjWorkbook *self, gint64 scenario_id, TrjScenario *s, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, error, "SELECT kind, date, value FROM reference_override "
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
  int rc;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (!check_open (self, error))
    return NULL;
  stmt = prepare (self, error, "SELECT has_fungibility, cie_jeunes_to_pec_ae, cie_jeunes_to_pec_cp, "
                  "initiatives_territoriales_ae, demandes_complementaires FROM scenario WHERE id = ?",
                  "i", scenario_id);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      scenario_exists (self, scenario_id, error);
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
  g_clear_pointer (&stmt, stmt_release);

  stmt = prepare (self, error, "SELECT id, ae_notified, cp_notified, volume_notified, "
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
  g_clear_pointer (&stmt, stmt_release);

  by_row = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  stmt = prepare (self, error, "SELECT " LINE_SELECT_COLUMNS " FROM line WHERE scenario = ? "
                  "ORDER BY envelope, position", "i", scenario_id);
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
  g_clear_pointer (&stmt, stmt_release);

  stmt = prepare (self, error, "SELECT m.line, m.series, m.month, m.value FROM line_month m "
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
  g_clear_pointer (&stmt, stmt_release);

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
  gint64 row;
  int rc;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  g_return_val_if_fail (line_id != NULL, NULL);

  if (!check_open (self, error))
    return NULL;
  stmt = prepare (self, error, "SELECT " LINE_SELECT_COLUMNS " FROM line WHERE scenario = ? AND key = ?",
                  "is", scenario_id, line_id);
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
  g_clear_pointer (&stmt, stmt_release);

  stmt = prepare (self, error, "SELECT series, month, value FROM line_month WHERE line = ?", "i", row);
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

/* ── Scenarios ────────────────────────────────────────────────────────── */

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
  stmt = prepare (self, NULL, "SELECT id, name, position FROM scenario ORDER BY position", "");
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
  return query_int64 (self, NULL, "SELECT id FROM scenario WHERE name = ?", "s", name);
}

char *
trj_workbook_get_scenario_name (TrjWorkbook *self, gint64 scenario_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  if (self->db == NULL)
    return NULL;
  stmt = prepare (self, NULL, "SELECT name FROM scenario WHERE id = ?", "i", scenario_id);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

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
  if (!check_open (self, error) || !scenario_exists (self, scenario_id, error))
    return FALSE;
  if (scenario_id == self->current_scenario)
    return TRUE;
  /* A read-only viewer may look at another scenario; it just is not saved. */
  value = g_strdup_printf ("%" G_GINT64_FORMAT, scenario_id);
  if (self->read_only_reason == NULL && !meta_set (self, "current_scenario", value, error))
    return FALSE;
  self->current_scenario = scenario_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
  return TRUE;
}

static gboolean
check_importable (TrjWorkbook *self, const TrjScenario *scenario, GError **error)
{
  const TrjRegion *mine = trj_year_data_find_region (self->year_data, self->region);
  const TrjRegion *theirs = scenario->region ? trj_year_data_find_region (self->year_data, scenario->region) : NULL;

  if (scenario->year != self->year || theirs != mine || scenario->zone != self->zone)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("This scenario is for %s %d, but the workbook is for %s %d."),
                   scenario->region ? scenario->region : "?", scenario->year,
                   self->region, self->year);
      return FALSE;
    }
  return TRUE;
}

gint64
trj_workbook_import_scenario (TrjWorkbook *self, const TrjScenario *scenario, const char *name,
                              GError **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);
  g_return_val_if_fail (scenario != NULL, 0);

  /* The store holds only what the engine accepts, whoever builds the scenario. */
  if (!check_writable (self, error) || !check_importable (self, scenario, error) ||
      !trj_scenario_validate (scenario, error))
    return 0;
  if (!step_begin (self, _("Import scenario"), error))
    return 0;
  id = write_scenario (self, scenario, name, error);
  if (id != 0)
    step_note (self, id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return step_end (self, id != 0, error) ? id : 0;
}

gint64
trj_workbook_create_scenario (TrjWorkbook *self, const char *name, GError **error)
{
  g_autoptr(TrjScenario) example = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);

  if (!check_writable (self, error))
    return 0;
  example = trj_year_data_example (self->year_data, self->region, error);
  if (example == NULL || !step_begin (self, _("New scenario"), error))
    return 0;
  id = write_scenario (self, example, name, error);
  if (id != 0)
    step_note (self, id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return step_end (self, id != 0, error) ? id : 0;
}

gint64
trj_workbook_duplicate_scenario (TrjWorkbook *self, gint64 scenario_id, const char *name,
                                 GError **error)
{
  g_autoptr(TrjScenario) copy = NULL;
  g_autofree char *copy_name = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);

  if (!check_writable (self, error))
    return 0;
  /* The snapshot carries everything a scenario holds, so writing it back is an
   * exact copy. */
  copy = trj_workbook_get_scenario (self, scenario_id, error);
  if (copy == NULL)
    return 0;
  if (name == NULL)
    {
      g_autofree char *original = trj_workbook_get_scenario_name (self, scenario_id);

      /* Translators: the name of a copy of scenario %s */
      copy_name = g_strdup_printf (_("%s (copy)"), original);
      for (int n = 2; trj_workbook_find_scenario (self, copy_name) != 0; n++)
        {
          g_free (copy_name);
          /* Translators: the name of the n-th copy of scenario %s */
          copy_name = g_strdup_printf (_("%s (copy %d)"), original, n);
        }
      name = copy_name;
    }
  if (!step_begin (self, _("Duplicate scenario"), error))
    return 0;
  id = write_scenario (self, copy, name, error);
  if (id != 0)
    step_note (self, id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return step_end (self, id != 0, error) ? id : 0;
}

gboolean
trj_workbook_rename_scenario (TrjWorkbook *self, gint64 scenario_id, const char *name, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!step_begin (self, _("Rename scenario"), error))
    return FALSE;
  ok = scenario_exists (self, scenario_id, error) &&
       check_name_free (self, name, scenario_id, error) &&
       run (self, error, "UPDATE scenario SET name = ? WHERE id = ?", "si", name, scenario_id);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return step_end (self, ok, error);
}

gboolean
trj_workbook_delete_scenario (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  gint64 position;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!step_begin (self, _("Delete scenario"), error))
    return FALSE;
  ok = scenario_exists (self, scenario_id, error);
  if (ok && query_int64 (self, NULL, "SELECT COUNT(*) FROM scenario", "") <= 1)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("A workbook keeps at least one scenario."));
      ok = FALSE;
    }
  if (ok)
    {
      position = query_int64 (self, NULL, "SELECT position FROM scenario WHERE id = ?", "i", scenario_id);
      ok = run (self, error, "DELETE FROM line_month WHERE line IN "
                "(SELECT id FROM line WHERE scenario = ?)", "i", scenario_id) &&
           run (self, error, "DELETE FROM line WHERE scenario = ?", "i", scenario_id) &&
           run (self, error, "DELETE FROM envelope WHERE scenario = ?", "i", scenario_id) &&
           run (self, error, "DELETE FROM reference_override WHERE scenario = ?", "i", scenario_id) &&
           run (self, error, "DELETE FROM scenario WHERE id = ?", "i", scenario_id) &&
           run (self, error, "UPDATE scenario SET position = position - 1 WHERE position > ?", "i",
                position);
    }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return step_end (self, ok, error);
}

/* Moves the row at position `from` to `to`, shifting those in between: among
 * the scenarios (envelope_id NULL) or the lines of one envelope. */
static gboolean
move_position (TrjWorkbook *self, gint64 from, gint64 to, gint64 scenario_id,
               const char *envelope_id, GError **error)
{
  gint64 lo = MIN (from, to), hi = MAX (from, to), delta = to > from ? -1 : 1;

  if (envelope_id == NULL)
    return run (self, error, "UPDATE scenario SET position = CASE WHEN position = ?1 THEN ?2 "
                "ELSE position + ?3 END WHERE position BETWEEN ?4 AND ?5", "iiiii",
                from, to, delta, lo, hi);
  return run (self, error, "UPDATE line SET position = CASE WHEN position = ?1 THEN ?2 "
              "ELSE position + ?3 END WHERE position BETWEEN ?4 AND ?5 "
              "AND scenario = ?6 AND envelope = ?7", "iiiiiis",
              from, to, delta, lo, hi, scenario_id, envelope_id);
}

gboolean
trj_workbook_move_scenario (TrjWorkbook *self, gint64 scenario_id, guint position, GError **error)
{
  gint64 from, n;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!step_begin (self, _("Move scenario"), error))
    return FALSE;
  ok = scenario_exists (self, scenario_id, error);
  if (ok)
    {
      from = query_int64 (self, NULL, "SELECT position FROM scenario WHERE id = ?", "i", scenario_id);
      n = query_int64 (self, NULL, "SELECT COUNT(*) FROM scenario", "");
      ok = move_position (self, from, MIN ((gint64) position, n - 1), 0, NULL, error);
    }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return step_end (self, ok, error);
}

/* ── Envelopes ────────────────────────────────────────────────────────── */

gboolean
trj_workbook_set_envelope_number (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                                  TrjEnvelopeField field, double value, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field < TRJ_N_ENVELOPE_FIELDS, FALSE);

  if (!check_writable (self, error) || !check_value (&envelope_fields[field], value, error))
    return FALSE;
  if (!step_begin (self, _(envelope_fields[field].step_label), error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE envelope SET %s = ? WHERE scenario = ? AND id = ?",
                         envelope_fields[field].column);
  ok = envelope_exists (self, scenario_id, envelope_id, error) &&
       run (self, error, sql, "dis", value, scenario_id, envelope_id);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return step_end (self, ok, error);
}

gboolean
trj_workbook_add_envelope (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                           GError **error)
{
  gboolean ok, found;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (envelope_id == NULL || *envelope_id == '\0')
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("An envelope needs a name."));
      return FALSE;
    }
  if (!step_begin (self, _("Add envelope"), error))
    return FALSE;
  ok = scenario_exists (self, scenario_id, error);
  if (ok)
    {
      query_int64 (self, &found, "SELECT 1 FROM envelope WHERE scenario = ? AND id = ?", "is",
                   scenario_id, envelope_id);
      if (found)
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                       _("The scenario already has an envelope “%s”."), envelope_id);
          ok = FALSE;
        }
    }
  ok = ok && run (self, error, "INSERT INTO envelope (scenario, id, position) VALUES "
                  "(?1, ?2, (SELECT COUNT(*) FROM envelope WHERE scenario = ?1))", "is",
                  scenario_id, envelope_id);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return step_end (self, ok, error);
}

gboolean
trj_workbook_remove_envelope (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                              GError **error)
{
  gboolean ok;
  gint64 position;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!step_begin (self, _("Remove envelope"), error))
    return FALSE;
  ok = envelope_exists (self, scenario_id, envelope_id, error);
  if (ok)
    {
      position = query_int64 (self, NULL, "SELECT position FROM envelope WHERE scenario = ? AND id = ?",
                              "is", scenario_id, envelope_id);
      ok = run (self, error, "DELETE FROM line_month WHERE line IN (SELECT id FROM line "
                "WHERE scenario = ? AND envelope = ?)", "is", scenario_id, envelope_id) &&
           run (self, error, "DELETE FROM line WHERE scenario = ? AND envelope = ?", "is",
                scenario_id, envelope_id) &&
           run (self, error, "DELETE FROM envelope WHERE scenario = ? AND id = ?", "is",
                scenario_id, envelope_id) &&
           run (self, error, "UPDATE envelope SET position = position - 1 "
                "WHERE scenario = ? AND position > ?", "ii", scenario_id, position);
    }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return step_end (self, ok, error);
}

/* ── Line values ──────────────────────────────────────────────────────── */

static gboolean
load_months (TrjWorkbook *self, gint64 row, TrjLineMonths series, double out[TRJ_MONTHS],
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (int m = 0; m < TRJ_MONTHS; m++)
    out[m] = month_series[series].missing;
  stmt = prepare (self, error, "SELECT month, value FROM line_month WHERE line = ? AND series = ?",
                  "ii", row, (gint64) series);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int m = sqlite3_column_int (stmt, 0);

      if (m >= 0 && m < TRJ_MONTHS)
        out[m] = sqlite3_column_double (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return FALSE;
    }
  return TRUE;
}

/* Switches a line between monthly entries and volume × profile, keeping the
 * entries it stands for. */
static gboolean
set_entries_mode (TrjWorkbook *self, const LineRef *ref, TrjEntriesMode mode, GError **error)
{
  double entries[TRJ_MONTHS], profile[TRJ_MONTHS];
  double volume = 0;

  if (mode == ref->mode)
    return TRUE;
  if (mode == TRJ_ENTRIES_VOLUME)
    {
      if (!load_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error))
        return FALSE;
      for (int m = 0; m < TRJ_MONTHS; m++)
        volume += entries[m];
      /* The entries become the profile; with none, the profile stays as it was. */
      if (volume > 0 &&
          (!write_months (self, ref->row, TRJ_LINE_MONTHS_PROFILE, entries, error) ||
           !run (self, error, "UPDATE line SET has_profile = 1 WHERE id = ?", "i", ref->row)))
        return FALSE;
      return run (self, error, "DELETE FROM line_month WHERE line = ? AND series = ?", "ii",
                  ref->row, (gint64) TRJ_LINE_MONTHS_ENTRIES) &&
             run (self, error, "UPDATE line SET entries_mode = 1, volume = ? WHERE id = ?", "di",
                  volume, ref->row);
    }
  else
    {
      double sum = 0;

      if (!load_months (self, ref->row, TRJ_LINE_MONTHS_PROFILE, profile, error))
        return FALSE;
      for (int m = 0; m < TRJ_MONTHS; m++)
        sum += profile[m];
      for (int m = 0; m < TRJ_MONTHS; m++)
        entries[m] = sum > 0 ? ref->volume * profile[m] / sum : 0;
      return write_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error) &&
             run (self, error, "UPDATE line SET entries_mode = 0 WHERE id = ?", "i", ref->row);
    }
}

/* Scales monthly entries to a volume, keeping their profile. */
static gboolean
set_monthly_volume (TrjWorkbook *self, const LineRef *ref, double volume, GError **error)
{
  double entries[TRJ_MONTHS];
  double sum = 0;

  if (!load_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error))
    return FALSE;
  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += entries[m];
  for (int m = 0; m < TRJ_MONTHS; m++)
    entries[m] = sum > 0 ? entries[m] * volume / sum : volume / TRJ_MONTHS;
  return write_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error);
}

gboolean
trj_workbook_set_line_text (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                            TrjLineField field, const char *value, GError **error)
{
  g_auto(LineRef) ref = { 0 };
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field <= TRJ_LINE_FIELD_KIND, FALSE);

  if (field == TRJ_LINE_FIELD_KIND)
    {
      TrjLineKind kind;

      if (!trj_kind_from_string (value, &kind))
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                       _("“%s” is not a kind of line (PEC, CIE_JEUNES, CIE_TP, EI, …)."),
                       value ? value : "");
          return FALSE;
        }
      return trj_workbook_set_line_number (self, scenario_id, line_id, field, kind, error);
    }
  /* Empty département or prescriber means none. */
  if (field != TRJ_LINE_FIELD_LABEL && value != NULL && *value == '\0')
    value = NULL;
  if (field == TRJ_LINE_FIELD_LABEL && value == NULL)
    value = "";

  if (!step_begin (self, _(line_fields[field].step_label), error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE line SET %s = ? WHERE id = ?", line_fields[field].column);
  ok = line_find (self, scenario_id, line_id, &ref, error) &&
       run (self, error, sql, "si", value, ref.row);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return step_end (self, ok, error);
}

gboolean
trj_workbook_set_line_number (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                              TrjLineField field, double value, GError **error)
{
  g_auto(LineRef) ref = { 0 };
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field >= TRJ_LINE_FIELD_KIND && field < TRJ_N_LINE_FIELDS, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  /* NAN gives a post-aid line back its unit amount from the year's table. */
  if (!(field == TRJ_LINE_FIELD_UNIT_AMOUNT && isnan (value)) &&
      !check_value (&line_fields[field], value, error))
    return FALSE;
  if (!step_begin (self, _(line_fields[field].step_label), error))
    return FALSE;
  ok = line_find (self, scenario_id, line_id, &ref, error);
  if (ok)
    switch (field)
      {
      case TRJ_LINE_FIELD_KIND:
        ok = run (self, error, "UPDATE line SET kind = ? WHERE id = ?", "si",
                  trj_kind_to_string ((TrjLineKind) value), ref.row);
        break;
      case TRJ_LINE_FIELD_ENTRIES_MODE:
        ok = set_entries_mode (self, &ref, (TrjEntriesMode) value, error);
        break;
      case TRJ_LINE_FIELD_VOLUME:
        if (ref.mode == TRJ_ENTRIES_MONTHLY)
          {
            ok = set_monthly_volume (self, &ref, value, error);
            break;
          }
        G_GNUC_FALLTHROUGH;
      default:
        sql = g_strdup_printf ("UPDATE line SET %s = ? WHERE id = ?", line_fields[field].column);
        ok = run (self, error, sql, "di", value, ref.row);
        break;
      }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return step_end (self, ok, error);
}

static gboolean
check_month_value (TrjLineMonths series, double value, GError **error)
{
  /* A CP schedule may carry corrections below zero; counts and profiles cannot. */
  if (!isfinite (value) || fabs (value) > 1e11 ||
      (series != TRJ_LINE_MONTHS_CP_SCHEDULE && value < 0))
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           series == TRJ_LINE_MONTHS_CP_SCHEDULE
                           ? _("A CP amount must be a number.")
                           : _("Monthly values must be zero or more."));
      return FALSE;
    }
  return TRUE;
}

/* Writes months [first, first + n) of an array; editing the entries of a
 * volume line turns it into a monthly one first. */
static gboolean
set_months (TrjWorkbook *self, gint64 scenario_id, const char *line_id, TrjLineMonths series,
            guint first, const double *values, guint n, GError **error)
{
  g_auto(LineRef) ref = { 0 };
  gboolean ok;

  g_return_val_if_fail (series < TRJ_N_LINE_MONTHS, FALSE);
  g_return_val_if_fail (first + n <= TRJ_MONTHS, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  for (guint m = 0; m < n; m++)
    if (!check_month_value (series, values[m], error))
      return FALSE;
  if (!step_begin (self, _(month_series[series].step_label), error))
    return FALSE;
  ok = line_find (self, scenario_id, line_id, &ref, error);
  if (ok && series == TRJ_LINE_MONTHS_ENTRIES)
    ok = set_entries_mode (self, &ref, TRJ_ENTRIES_MONTHLY, error);
  for (guint m = 0; ok && m < n; m++)
    ok = run (self, error, "INSERT INTO line_month (line, series, month, value) VALUES (?, ?, ?, ?) "
              "ON CONFLICT DO UPDATE SET value = excluded.value", "iiid",
              ref.row, (gint64) series, (gint64) (first + m), values[m]);
  if (ok && month_flag_column[series] != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE line SET %s = 1 WHERE id = ?",
                                              month_flag_column[series]);
      ok = run (self, error, sql, "i", ref.row);
    }
  /* A profile spreads a total: it needs some weight somewhere. */
  if (ok && (series == TRJ_LINE_MONTHS_PROFILE || series == TRJ_LINE_MONTHS_PAYMENT_PROFILE))
    {
      double profile[TRJ_MONTHS], sum = 0;

      ok = load_months (self, ref.row, series, profile, error);
      for (int m = 0; ok && m < TRJ_MONTHS; m++)
        sum += profile[m];
      if (ok && !(sum > 0))
        {
          g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                               _("A profile needs at least one month above zero."));
          ok = FALSE;
        }
    }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return step_end (self, ok, error);
}

gboolean
trj_workbook_set_line_month (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                             TrjLineMonths months, guint month, double value, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (month < TRJ_MONTHS, FALSE);
  return set_months (self, scenario_id, line_id, months, month, &value, 1, error);
}

gboolean
trj_workbook_set_line_months (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                              TrjLineMonths months, const double values[TRJ_MONTHS], GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  return set_months (self, scenario_id, line_id, months, 0, values, TRJ_MONTHS, error);
}

gboolean
trj_workbook_reset_line_months (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                                TrjLineMonths months, GError **error)
{
  g_auto(LineRef) ref = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (months < TRJ_N_LINE_MONTHS, FALSE);

  if (!step_begin (self, _(month_series[months].step_label), error))
    return FALSE;
  ok = line_find (self, scenario_id, line_id, &ref, error) &&
       run (self, error, "DELETE FROM line_month WHERE line = ? AND series = ?", "ii",
            ref.row, (gint64) months);
  if (ok && month_flag_column[months] != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE line SET %s = 0 WHERE id = ?",
                                              month_flag_column[months]);
      ok = run (self, error, sql, "i", ref.row);
    }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return step_end (self, ok, error);
}

/* ── Line structure ───────────────────────────────────────────────────── */

/* A line id unused in the scenario: "line-<n>". */
static char *
new_line_key (TrjWorkbook *self, gint64 scenario_id)
{
  gint64 n = query_int64 (self, NULL, "SELECT COALESCE(MAX(id), 0) + 1 FROM line", "");

  for (;; n++)
    {
      g_autofree char *key = g_strdup_printf ("line-%" G_GINT64_FORMAT, n);
      gboolean found;

      query_int64 (self, &found, "SELECT 1 FROM line WHERE scenario = ? AND key = ?", "is",
                   scenario_id, key);
      if (!found)
        return g_steal_pointer (&key);
    }
}

static gint64
count_lines (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id)
{
  return query_int64 (self, NULL, "SELECT COUNT(*) FROM line WHERE scenario = ? AND envelope = ?",
                      "is", scenario_id, envelope_id);
}

/* Makes room at `position` among the lines of an envelope. */
static gboolean
open_gap (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 position,
          GError **error)
{
  return run (self, error, "UPDATE line SET position = position + 1 "
              "WHERE scenario = ? AND envelope = ? AND position >= ?", "isi",
              scenario_id, envelope_id, position);
}

char *
trj_workbook_add_line (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                       TrjLineKind kind, int position, GError **error)
{
  g_autoptr(TrjLine) line = NULL;
  g_autofree char *key = NULL;
  gint64 n;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  g_return_val_if_fail (kind < TRJ_N_KINDS, NULL);

  if (!step_begin (self, _("Add line"), error))
    return NULL;
  ok = envelope_exists (self, scenario_id, envelope_id, error);
  if (ok)
    {
      n = count_lines (self, scenario_id, envelope_id);
      if (position < 0 || position > n)
        position = n;
      key = new_line_key (self, scenario_id);
      line = trj_line_new (key, kind);
      line->label = g_strdup (_("New line"));
      /* Start from the circular's averages so that the line is sensible at once. */
      if (trj_kind_shape (kind) == TRJ_LINE_SHAPE_CONTRACT)
        {
          const TrjKindRules *rules = &self->year_data->rules.contract[kind][self->zone];

          line->rate = rules->rate_avg;
          line->weekly_hours = rules->hours_avg;
          line->duration_months = rules->duration_avg;
          line->cofinanced_share = rules->cofinancing_target;
        }
      else if (kind >= TRJ_KIND_EI && kind <= TRJ_KIND_CDI_INCLUSION)
        line->modulation = self->year_data->default_modulation;
      ok = open_gap (self, scenario_id, envelope_id, position, error) &&
           write_line (self, scenario_id, envelope_id, position, line, error);
    }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return step_end (self, ok, error) ? g_steal_pointer (&key) : NULL;
}

char *
trj_workbook_duplicate_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                             GError **error)
{
  g_auto(LineRef) ref = { 0 };
  g_autofree char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (!step_begin (self, _("Duplicate line"), error))
    return NULL;
  ok = line_find (self, scenario_id, line_id, &ref, error);
  if (ok)
    {
      key = new_line_key (self, scenario_id);
      ok = open_gap (self, scenario_id, ref.envelope, ref.position + 1, error) &&
           run (self, error, "INSERT INTO line (scenario, key, position, " LINE_VALUE_COLUMNS ") "
                "SELECT scenario, ?, ?, " LINE_VALUE_COLUMNS " FROM line WHERE id = ?", "sii",
                key, ref.position + 1, ref.row) &&
           run (self, error, "INSERT INTO line_month (line, series, month, value) "
                "SELECT ?, series, month, value FROM line_month WHERE line = ?", "ii",
                sqlite3_last_insert_rowid (self->db), ref.row);
    }
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return step_end (self, ok, error) ? g_steal_pointer (&key) : NULL;
}

gboolean
trj_workbook_remove_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id, GError **error)
{
  g_auto(LineRef) ref = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!step_begin (self, _("Remove line"), error))
    return FALSE;
  ok = line_find (self, scenario_id, line_id, &ref, error) &&
       run (self, error, "DELETE FROM line_month WHERE line = ?", "i", ref.row) &&
       run (self, error, "DELETE FROM line WHERE id = ?", "i", ref.row) &&
       run (self, error, "UPDATE line SET position = position - 1 "
            "WHERE scenario = ? AND envelope = ? AND position > ?", "isi",
            scenario_id, ref.envelope, ref.position);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return step_end (self, ok, error);
}

gboolean
trj_workbook_move_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id, guint position,
                        GError **error)
{
  g_auto(LineRef) ref = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!step_begin (self, _("Move line"), error))
    return FALSE;
  ok = line_find (self, scenario_id, line_id, &ref, error) &&
       move_position (self, ref.position,
                      MIN ((gint64) position, count_lines (self, scenario_id, ref.envelope) - 1),
                      scenario_id, ref.envelope, error);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return step_end (self, ok, error);
}

/* ── Fungibility and reference overrides ──────────────────────────────── */

gboolean
trj_workbook_set_fungibility (TrjWorkbook *self, gint64 scenario_id, TrjFungibilityField field,
                              double value, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field < TRJ_N_FUNGIBILITY_FIELDS, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  /* NAN: the CP moved with CIE jeunes → PEC goes back to its default. */
  if (!(field == TRJ_FUNGIBILITY_CIE_JEUNES_TO_PEC_CP && isnan (value)) &&
      !check_value (&fungibility_fields[field], value, error))
    return FALSE;
  if (!step_begin (self, _(fungibility_fields[field].step_label), error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE scenario SET %s = ?, has_fungibility = 1 WHERE id = ?",
                         fungibility_fields[field].column);
  ok = scenario_exists (self, scenario_id, error) &&
       run (self, error, sql, "di", value, scenario_id);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return step_end (self, ok, error);
}

static const char *
reference_step_label (TrjReferenceKind kind)
{
  switch (kind)
    {
    case TRJ_REFERENCE_SMIC_HOURLY: return _("Change SMIC");
    case TRJ_REFERENCE_RSA: return _("Change RSA");
    case TRJ_REFERENCE_CD_SHARE: return _("Change département share of the RSA");
    case TRJ_REFERENCE_WEEKS_PER_MONTH: return _("Change weeks per month");
    case TRJ_N_REFERENCES: break;
    }
  g_return_val_if_reached (NULL);
}

static gboolean
replace_override (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                  const TrjSeries *series, double value, GError **error)
{
  gboolean ok;

  if (!step_begin (self, reference_step_label (kind), error))
    return FALSE;
  ok = scenario_exists (self, scenario_id, error) &&
       run (self, error, "DELETE FROM reference_override WHERE scenario = ? AND kind = ?", "ii",
            scenario_id, (gint64) kind);
  if (ok && series != NULL)
    ok = write_series_override (self, scenario_id, kind, series, error);
  else if (ok && !isnan (value))
    ok = write_value_override (self, scenario_id, kind, value, error);
  if (ok)
    step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return step_end (self, ok, error);
}

gboolean
trj_workbook_set_reference_series (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                                   const TrjSeries *series, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (kind == TRJ_REFERENCE_SMIC_HOURLY || kind == TRJ_REFERENCE_RSA, FALSE);

  if (series != NULL)
    for (guint i = 0; i < series->n_points; i++)
      if (!isfinite (series->points[i].value) || series->points[i].value <= 0 ||
          (i > 0 && series->points[i].from <= series->points[i - 1].from))
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                       _("Point %u of the series: values must be above 0 and dates in increasing order."),
                       i + 1);
          return FALSE;
        }
  if (series != NULL && series->n_points == 0)
    series = NULL;
  return replace_override (self, scenario_id, kind, series, NAN, error);
}

gboolean
trj_workbook_set_reference_value (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                                  double value, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (kind == TRJ_REFERENCE_CD_SHARE || kind == TRJ_REFERENCE_WEEKS_PER_MONTH, FALSE);

  if (!isnan (value) &&
      (!isfinite (value) || value <= 0 || (kind == TRJ_REFERENCE_CD_SHARE && value > 1) ||
       (kind == TRJ_REFERENCE_WEEKS_PER_MONTH && value > 5)))
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           kind == TRJ_REFERENCE_CD_SHARE
                           /* xgettext:no-c-format */
                           ? _("The département share of the RSA must be above 0 % and at most 100 %.")
                           : _("Weeks per month must be above 0 and at most 5."));
      return FALSE;
    }
  return replace_override (self, scenario_id, kind, NULL, value, error);
}

/* ── Opening, creating, closing ───────────────────────────────────────── */

static gboolean
load_meta (TrjWorkbook *self, GError **error)
{
  g_autofree char *year = meta_get (self, "year");
  g_autofree char *zone = meta_get (self, "zone");
  g_autofree char *current = meta_get (self, "current_scenario");

  self->region = meta_get (self, "region");
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
  self->current_scenario = current ? g_ascii_strtoll (current, NULL, 10) : 0;
  return fix_current_scenario (self, error);
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
  check = trj_workbook_file_open_db (path, TRUE, error);
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

  self->db = trj_workbook_file_open_db (path, self->read_only_reason != NULL, error);
  if (self->db == NULL)
    return NULL;
  if (self->read_only_reason == NULL)
    {
      /* Migrate first, in the file's own journal mode, so that a migration that
       * fails leaves even the header as it was. */
      if (!trj_workbook_exec (self->db, "PRAGMA synchronous = FULL", error))
        return NULL;
      if (version < TRJ_WORKBOOK_SCHEMA_VERSION)
        {
          if (!trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error))
            return NULL;
          if (!trj_workbook_schema_migrate (self->db, version, TRJ_WORKBOOK_SCHEMA_VERSION, error) ||
              !meta_touch (self, error) ||
              !trj_workbook_exec (self->db, "COMMIT", error))
            {
              sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
              return NULL;
            }
        }
      if (!set_durable (self, error))
        return NULL;
    }
  if (!load_meta (self, error))
    return NULL;
  refresh_undo_state (self);
  return g_steal_pointer (&self);
}

TrjWorkbook *
trj_workbook_new_for_region (const char *path, const char *region, int year, GError **error)
{
  g_autoptr(TrjWorkbook) self = NULL;
  g_autoptr(TrjScenario) example = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  g_autofree char *current = NULL;
  g_autofree char *set_app_id = NULL;
  const TrjYearData *data;
  const TrjRegion *r;
  gint64 id;
  int fd;

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
  else if ((self->db = trj_workbook_file_open_db (path, FALSE, error)) != NULL &&
           trj_workbook_exec (self->db, "BEGIN IMMEDIATE", error) &&
           trj_workbook_exec (self->db, set_app_id, error) &&
           trj_workbook_schema_migrate (self->db, 0, TRJ_WORKBOOK_SCHEMA_VERSION, error) &&
           meta_set (self, "region", r->name, error) &&
           meta_set (self, "year", year_text, error) &&
           meta_set (self, "zone", trj_zone_to_string (r->zone), error) &&
           meta_set (self, "created", stamp, error) &&
           meta_touch (self, error) &&
           (id = write_scenario (self, example, _("Initial scenario"), error)) != 0 &&
           (current = g_strdup_printf ("%" G_GINT64_FORMAT, id)) != NULL &&
           meta_set (self, "current_scenario", current, error) &&
           trj_workbook_exec (self->db, "COMMIT", error) &&
           set_durable (self, error))
    {
      self->current_scenario = id;
      refresh_undo_state (self);
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

  if (self->session != NULL)
    {
      step_reset (self);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  self->batch_depth = 0;
  /* Kept statements go before their database. */
  g_clear_pointer (&self->stmts, g_hash_table_destroy);
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

  if (!check_open (self, error))
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
  return run (self, error, "VACUUM INTO ?", "s", path);
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
  g_autofree char *value = self->db ? meta_get (self, key) : NULL;

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
  return self->db ? meta_get (self, "app_version") : NULL;
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
trj_workbook_finalize (GObject *object)
{
  TrjWorkbook *self = TRJ_WORKBOOK (object);

  trj_workbook_close (self);
  g_free (self->path);
  g_free (self->read_only_reason);
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
}

static void
trj_workbook_init (TrjWorkbook *self)
{
  self->lock_fd = -1;
  self->step_scenario = -1;
}
