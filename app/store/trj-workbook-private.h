/* trj-workbook-private.h — internals of the workbook store
 *
 * The store is one object in several files, one per concern:
 *   trj-workbook.c           the object, opening, creating, closing, accessors
 *   trj-workbook-file.c      file safety (header, validation, the writer's lock)
 *   trj-workbook-schema.c    the schema and its migrations
 *   trj-workbook-sql.c       prepared statements, binding, meta rows, lookups
 *   trj-workbook-columns.c   the tables of fields: line columns, envelope and
 *                            fungibility fields, month arrays
 *   trj-workbook-undo.c      steps, batches, the undo journal
 *   trj-workbook-snapshot.c  reading scenarios and lines into engine structs
 *   trj-workbook-edit.c      every edit
 */
#pragma once

#include "trj-sqlite.h"

#include "trj-catalog.h"
#include "trj-workbook.h"
#include "trj-year-data.h"

G_BEGIN_DECLS

/* "TRJ1": PRAGMA application_id of every Trajectoire workbook. */
#define TRJ_WORKBOOK_APPLICATION_ID 0x54524A31
/* PRAGMA user_version written by this version of Trajectoire. */
#define TRJ_WORKBOOK_SCHEMA_VERSION 9
/* The message of the triggers that refuse a change of a sent scenario
 * (trj-workbook-schema.c): SQL errors carrying it become
 * TRJ_WORKBOOK_ERROR_FROZEN. */
#define TRJ_WORKBOOK_FROZEN_MARK "trajectoire: sent scenario"
/* The message of the triggers that refuse a change of the months with
 * actuals of a reprogramming (MODEL 8): TRJ_WORKBOOK_ERROR_REALISED. */
#define TRJ_WORKBOOK_REALISED_MARK "trajectoire: realised months"
/* The longest text (label, name, département…) a workbook holds, in bytes. */
#define TRJ_WORKBOOK_MAX_TEXT TRJ_CATALOG_MAX_TEXT
/* The longest value SQLite reads from a workbook (SQLITE_LIMIT_LENGTH): a
 * hostile file's huge blob fails to read instead of filling memory. The
 * largest real value is an undo step's changeset (a 20 000-line import is
 * about 15 MB). */
#define TRJ_WORKBOOK_MAX_VALUE (64 * 1024 * 1024)

struct _TrjWorkbook
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *stmts;   /* SQL text → GPtrArray of kept sqlite3_stmt * (trj-workbook-sql.c) */
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
  GError *batch_error;          /* why the batch's transaction could not start */
  char *step_label;
  gint64 step_scenario;         /* -1: none yet; 0: several */
  guint step_changes;
  char *step_line;
  gboolean step_several_lines;

  gboolean can_undo, can_redo;
  char *undo_label, *redo_label;

  /* The current scenario as opening checked it, handed to the first
   * trj_workbook_get_scenario() of it (the window's first snapshot) unless
   * the file changed meanwhile: opening then reads it once, not twice. */
  GPtrArray *profiles;          /* TrjSavedProfile*, by name (trj-workbook-profiles.c) */

  TrjScenario *opened_snapshot;
  gint64 opened_snapshot_id;
  sqlite3_int64 opened_total_changes;
  int opened_data_version;
};

/* Reads and checks the saved profiles (at open; after a save). */
gboolean trj_workbook_load_profiles (TrjWorkbook *self, GError **error);

/* ── Schema (trj-workbook-schema.c) ───────────────────────────────────── */

/* Brings a database at user_version `from` (0: empty) to `to`, in the caller's
 * transaction. Tests pass a `to` below the current version to build old files. */
gboolean trj_workbook_schema_migrate (sqlite3 *db, int from, int to, GError **error);
/* The tables whose rows are the document: the undo journal records their changes. */
extern const char *const trj_workbook_document_tables[];

/* ── File safety (trj-workbook-file.c) ────────────────────────────────── */

/* Checks the 100-byte SQLite header without SQLite: magic, application id,
 * version, size. Never writes. */
gboolean trj_workbook_file_check_header (const char *path, GError **error);
typedef enum {
  TRJ_WORKBOOK_OPEN_WRITE,      /* the writer's connection */
  TRJ_WORKBOOK_OPEN_READ,       /* read-only, beside a writer (shared WAL) */
  TRJ_WORKBOOK_OPEN_IMMUTABLE,  /* read-only file or folder: nothing created beside it */
} TrjWorkbookOpenMode;

/* Opens a connection with the defensive settings used for every workbook. */
sqlite3 *trj_workbook_file_open_db      (const char *path, TrjWorkbookOpenMode mode, GError **error);
/* The file, or its folder, cannot be written by this process. */
gboolean trj_workbook_file_is_unwritable (const char *path);
/* No -wal or -shm beside the file: no connection has it open. */
gboolean trj_workbook_file_is_alone     (const char *path);
/* How a workbook that is not ours to write is read. */
TrjWorkbookOpenMode trj_workbook_file_read_mode (const char *path);
/* Checks application_id, user_version (≤ current; *version_out) and quick_check. */
gboolean trj_workbook_file_validate     (sqlite3 *db, const char *path, int *version_out,
                                         GError **error);
/* On the writer's connection, once the file is at the current version: checks
 * again that its schema is exactly ours, then lets its triggers run (those
 * that freeze a sent scenario, trj-workbook-schema.c). Every connection opens
 * with triggers off, so that a foreign file runs no code of its own. */
gboolean trj_workbook_file_enable_triggers (sqlite3 *db, GError **error);
/* Takes the writer's lock (flock on "<path>-lock"): returns the descriptor, or -1
 * with *reason_out (French) when the workbook is open elsewhere or not writable. */
int      trj_workbook_file_lock         (const char *path, char **reason_out);
void     trj_workbook_file_unlock       (const char *path, int fd);

/* A value of the file outside its limits: a TRJ_WORKBOOK_ERROR_CORRUPT error
 * naming the table, the row (“line “pec” of scenario “Initial”), the field,
 * and what is wrong with it. */
void     trj_workbook_set_damaged       (GError **error, const char *path, const char *table,
                                         const char *row, const char *field, const char *problem);

/* Runs SQL; on failure sets a French TRJ_WORKBOOK_ERROR_IO error. */
gboolean trj_workbook_exec              (sqlite3 *db, const char *sql, GError **error);
void     trj_workbook_set_sqlite_error  (GError **error, sqlite3 *db, const char *what);

/* ── SQL helpers (trj-workbook-sql.c) ─────────────────────────────────── */

/* A prepared statement for `sql`, kept by the workbook; NULL on an SQL error
 * (left on the db). Release it with trj_workbook_stmt_release (g_autoptr does). */
sqlite3_stmt *trj_workbook_stmt_get     (TrjWorkbook *self, const char *sql);
/* Resets a kept statement for its next use. */
void          trj_workbook_stmt_release (sqlite3_stmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, trj_workbook_stmt_release)
/* Finalizes every kept statement (before the database closes). */
void          trj_workbook_stmts_clear  (TrjWorkbook *self);

/* Argument types: i gint64, d double (NAN → NULL), s string (NULL → NULL),
 * b blob (pointer, int size). */
sqlite3_stmt *trj_workbook_prepare      (TrjWorkbook *self, GError **error, const char *sql,
                                         const char *types, ...);
/* Runs a statement that returns no rows. */
gboolean      trj_workbook_run          (TrjWorkbook *self, GError **error, const char *sql,
                                         const char *types, ...);
/* The first column of the first row as an integer; *found tells whether there was one. */
/* Notes the file's change counters once opening checked it (trj-workbook-snapshot.c). */
void          trj_workbook_keep_opened_snapshot (TrjWorkbook *self);
gint64        trj_workbook_query_int64  (TrjWorkbook *self, gboolean *found, const char *sql,
                                         const char *types, ...);

char     *trj_workbook_meta_get         (TrjWorkbook *self, const char *key);
gboolean  trj_workbook_meta_set         (TrjWorkbook *self, const char *key, const char *value,
                                         GError **error);
/* Stamps the modification date and the version that wrote. */
gboolean  trj_workbook_meta_touch       (TrjWorkbook *self, GError **error);

gboolean  trj_workbook_check_open       (TrjWorkbook *self, GError **error);
gboolean  trj_workbook_check_writable   (TrjWorkbook *self, GError **error);
gboolean  trj_workbook_scenario_exists  (TrjWorkbook *self, gint64 scenario_id, GError **error);
/* A FROZEN error naming the scenario and its sending when it was sent (MODEL 9);
 * every edit of a scenario asks first (the schema's triggers hold anyway). */
gboolean  trj_workbook_check_unfrozen   (TrjWorkbook *self, gint64 scenario_id, GError **error);
/* A reprogramming (trj-workbook-reprogram.c): FALSE with
 * TRJ_WORKBOOK_ERROR_REALISED when the line (row id) is a realised line, or
 * when months [first, first + n) of its series reach into the months with
 * actuals (entries only; n = 0: any change of the line but its months). */
gboolean  trj_workbook_check_unrealised (TrjWorkbook *self, gint64 line_row, int series, guint first,
                                         guint n, GError **error);
/* Takes the reprogramming's locks off a scenario before it is deleted. */
gboolean  trj_workbook_unlock_reprogramming (TrjWorkbook *self, gint64 scenario_id, GError **error);
gboolean  trj_workbook_envelope_exists  (TrjWorkbook *self, gint64 scenario_id,
                                         const char *envelope_id, GError **error);

/* What an edit needs to know of a line row. */
typedef struct {
  gint64 row;
  char *envelope;
  gint64 position;
  TrjLineKind kind;
  TrjEntriesMode mode;
  double volume;
} TrjLineRef;

void     trj_line_ref_clear             (TrjLineRef *ref);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrjLineRef, trj_line_ref_clear)
gboolean trj_workbook_line_find         (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                                         TrjLineRef *ref, GError **error);

/* ── Field tables (trj-workbook-columns.c) ────────────────────────────── */

/* A number or text the user edits one at a time. A number is either a value
 * of a catalogue parameter, checked against its hard limits (trj_catalog_check:
 * the one table of limits), or a choice among a few whole numbers. */
typedef struct {
  const char *column;
  const char *step_label;   /* N_() */
  int param;                /* TrjParam; -1: a choice or a text */
  guint n_choices;          /* a choice: a whole number below n_choices */
  const char *refusal;      /* N_(), shown when a choice is refused */
} TrjFieldSpec;

/* How a line column holds its TrjLine member. */
typedef enum {
  TRJ_COLUMN_TEXT,        /* char *; NOT NULL, "" for none */
  TRJ_COLUMN_TEXT_NULL,   /* char *; NULL for none */
  TRJ_COLUMN_KIND,        /* TrjLineKind, stored by name */
  TRJ_COLUMN_REAL,        /* double */
  TRJ_COLUMN_REAL_NULL,   /* double; NULL when the gboolean at has_offset is FALSE */
  TRJ_COLUMN_INT,         /* int, gboolean or enum */
} TrjColumnType;

/* One column of the line table that holds a TrjLine member. A new line
 * parameter is one row of this table and one migration. */
typedef struct {
  TrjFieldSpec spec;        /* spec.column is the column's name */
  TrjColumnType type;
  gsize offset;             /* of the member in TrjLine */
  gsize has_offset;         /* TRJ_COLUMN_REAL_NULL: of its gboolean */
  int field;                /* the TrjLineField that edits it, -1: none */
  guint shapes;             /* 1 << TrjLineShape of the lines that use it; 0: all */
} TrjLineColumn;

extern const TrjLineColumn trj_workbook_line_columns[];
extern const guint trj_workbook_n_line_columns;
extern const TrjFieldSpec trj_workbook_envelope_fields[TRJ_N_ENVELOPE_FIELDS];
extern const TrjFieldSpec trj_workbook_fungibility_fields[TRJ_N_FUNGIBILITY_FIELDS];

/* Step labels of the month arrays, their catalogue parameter (its hard limits,
 * and its default: the value of a month without a row), and the flag column
 * that says the array was given (NULL: always meaningful). */
typedef struct {
  const char *name;         /* as in the exchange format ("payment_profile") */
  const char *step_label;   /* N_() */
  TrjParam param;
  const char *flag_column;
} TrjMonthSeries;

extern const TrjMonthSeries trj_workbook_month_series[TRJ_N_LINE_MONTHS];

/* The column edited through a line field. */
const TrjLineColumn *trj_workbook_line_column   (TrjLineField field);
/* "label, kind, …": the value columns, in table order. */
const char          *trj_workbook_line_column_list (void);
/* Binds the value columns of `line` to parameters first, first + 1, … */
gboolean             trj_workbook_line_bind     (sqlite3_stmt *stmt, int first, const TrjLine *line);
/* Reads the value columns from result columns first, first + 1, …; FALSE
 * with *bad_column when one holds the wrong type (text in a number, a blob…),
 * and an error when there is more to say (a text too long). */
gboolean             trj_workbook_line_read     (sqlite3_stmt *stmt, int first, TrjLine *line,
                                                 const char **bad_column, GError **error);
/* Every value of a line within the limits of typed input (an INVALID error,
 * *bad_field: its column or month array). What is written is what is read. */
gboolean             trj_workbook_check_line    (const TrjLine *line, const char **bad_field,
                                                 GError **error);
gboolean             trj_workbook_check_month_value (TrjLineMonths series, double value,
                                                     GError **error);
/* Valid UTF-8, at most TRJ_WORKBOOK_MAX_TEXT bytes; NULL passes. */
gboolean             trj_workbook_check_text    (const char *text, GError **error);
gboolean             trj_workbook_check_reason  (const char *text, GError **error);
/* A result column as text or number; FALSE when it holds another type (NULL
 * only when nullable: *out is then NULL or NAN). Text is checked as above
 * (the error says why). */
gboolean             trj_workbook_column_text   (sqlite3_stmt *stmt, int col, gboolean nullable,
                                                 const char **out, GError **error);
gboolean             trj_workbook_column_number (sqlite3_stmt *stmt, int col, gboolean nullable,
                                                 double *out);
/* The array of a line that a TrjLineMonths names. */
double              *trj_workbook_line_months   (TrjLine *line, TrjLineMonths series);
gboolean             trj_workbook_check_value   (const TrjFieldSpec *spec, double value,
                                                 GError **error);

gboolean             trj_workbook_check_reference_series (TrjReferenceKind kind, const TrjSeries *series,
                                                          GError **error);
gboolean             trj_workbook_check_reference_value  (TrjReferenceKind kind, double value,
                                                          GError **error);

/* Where a value is, in the file's terms. */
typedef struct {
  const char *table;
  const char *envelope;     /* its id, or NULL */
  const char *line;         /* its key, or NULL */
  const char *field;        /* the column, or the month array or reference */
} TrjValueWhere;

/* Every value of a scenario within the limits of typed input: what an import
 * writes and what a snapshot reads pass the same checks. An INVALID error,
 * and *where says which value. */
gboolean             trj_workbook_check_scenario (const TrjScenario *scenario, TrjValueWhere *where,
                                                  GError **error);
/* Issue 16: an envelope's allocations and CAOM (trj_envelope_validate_share). */
gboolean             trj_workbook_check_share    (const TrjEnvelope *env, guint index, GError **error);

/* ── The object (trj-workbook.c) ──────────────────────────────────────── */

/* Reads can-undo, undo-label… from the journal and notifies what changed. */
void     trj_workbook_refresh_undo_state    (TrjWorkbook *self);
/* Keeps the current scenario pointing at an existing one (after a delete, or
 * an undo that removed it); persisted outside the undo journal. */
gboolean trj_workbook_fix_current_scenario  (TrjWorkbook *self, GError **error);
/* After a committed edit, undo or redo. */
void     trj_workbook_emit_changed          (TrjWorkbook *self, gint64 scenario_id, guint changes,
                                             const char *line_id, gint64 previous_current);

/* ── Steps (trj-workbook-undo.c) ──────────────────────────────────────── */

/* Every edit: step_begin, its SQL, step_note what it changed, step_end. Inside a
 * batch the edit is a savepoint of the batch's transaction. */
gboolean trj_workbook_step_begin    (TrjWorkbook *self, const char *label, GError **error);
void     trj_workbook_step_note     (TrjWorkbook *self, gint64 scenario_id, guint changes,
                                     const char *line_id);
gboolean trj_workbook_step_end      (TrjWorkbook *self, gboolean ok, GError **error);
/* Drops the step being recorded and rolls its transaction back. */
void     trj_workbook_step_abandon  (TrjWorkbook *self);

/* ── Writing (trj-workbook-edit.c) ────────────────────────────────────── */

/* Inserts a whole scenario at the end; returns its id, 0 on error. */
gint64   trj_workbook_write_scenario (TrjWorkbook *self, const TrjScenario *scenario,
                                      const char *name, GError **error);

G_END_DECLS
