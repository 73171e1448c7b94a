/* trj-sqlite.h — SQLite, opened on the first workbook (see trj-sqlite.c)
 *
 * The store calls SQLite through a table of its functions, filled when the
 * first workbook is opened: trajectoire-cli's commands on JSON documents
 * (simulate, summary, solve, example) never map nor relocate libsqlite3
 * (about 1 ms of a 5 ms start, README « Performances »). Include this header
 * instead of <sqlite3.h>: after it, sqlite3_step (…) reads
 * trj_sqlite ()->sqlite3_step (…). A function the store starts to use is
 * added to TRJ_SQLITE_FUNCTIONS and given its #define below.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TRJ_SQLITE_FUNCTIONS(X) \
  X (sqlite3_bind_blob) \
  X (sqlite3_bind_double) \
  X (sqlite3_bind_int) \
  X (sqlite3_bind_int64) \
  X (sqlite3_bind_null) \
  X (sqlite3_bind_text) \
  X (sqlite3_busy_timeout) \
  X (sqlite3_clear_bindings) \
  X (sqlite3_close) \
  X (sqlite3_close_v2) \
  X (sqlite3_column_blob) \
  X (sqlite3_column_bytes) \
  X (sqlite3_column_double) \
  X (sqlite3_column_int) \
  X (sqlite3_column_int64) \
  X (sqlite3_column_text) \
  X (sqlite3_column_type) \
  X (sqlite3_db_config) \
  X (sqlite3_errcode) \
  X (sqlite3_errmsg) \
  X (sqlite3_errstr) \
  X (sqlite3_exec) \
  X (sqlite3_extended_errcode) \
  X (sqlite3_finalize) \
  X (sqlite3_free) \
  X (sqlite3_last_insert_rowid) \
  X (sqlite3_limit) \
  X (sqlite3_open) \
  X (sqlite3_open_v2) \
  X (sqlite3_prepare_v2) \
  X (sqlite3_prepare_v3) \
  X (sqlite3_reset) \
  X (sqlite3_step) \
  X (sqlite3_stmt_busy) \
  X (sqlite3_total_changes64) \
  X (sqlite3changeset_apply) \
  X (sqlite3changeset_invert) \
  X (sqlite3session_attach) \
  X (sqlite3session_changeset) \
  X (sqlite3session_create) \
  X (sqlite3session_delete)

typedef struct {
#define TRJ_SQLITE_MEMBER(function) __typeof__ (function) *function;
  TRJ_SQLITE_FUNCTIONS (TRJ_SQLITE_MEMBER)
#undef TRJ_SQLITE_MEMBER
} TrjSqlite;

extern GOnce trj_sqlite_once;
gpointer trj_sqlite_load (gpointer data);

/* The table, loaded by the first call (g_once reads its state first). */
static inline const TrjSqlite *
trj_sqlite (void)
{
  return g_once (&trj_sqlite_once, trj_sqlite_load, NULL);
}

/* Not in trj-sqlite.c, which looks the functions up by these names. */
#ifndef TRJ_SQLITE_TABLE_ITSELF
#define sqlite3_bind_blob (trj_sqlite ()->sqlite3_bind_blob)
#define sqlite3_bind_double (trj_sqlite ()->sqlite3_bind_double)
#define sqlite3_bind_int (trj_sqlite ()->sqlite3_bind_int)
#define sqlite3_bind_int64 (trj_sqlite ()->sqlite3_bind_int64)
#define sqlite3_bind_null (trj_sqlite ()->sqlite3_bind_null)
#define sqlite3_bind_text (trj_sqlite ()->sqlite3_bind_text)
#define sqlite3_busy_timeout (trj_sqlite ()->sqlite3_busy_timeout)
#define sqlite3_clear_bindings (trj_sqlite ()->sqlite3_clear_bindings)
#define sqlite3_close (trj_sqlite ()->sqlite3_close)
#define sqlite3_close_v2 (trj_sqlite ()->sqlite3_close_v2)
#define sqlite3_column_blob (trj_sqlite ()->sqlite3_column_blob)
#define sqlite3_column_bytes (trj_sqlite ()->sqlite3_column_bytes)
#define sqlite3_column_double (trj_sqlite ()->sqlite3_column_double)
#define sqlite3_column_int (trj_sqlite ()->sqlite3_column_int)
#define sqlite3_column_int64 (trj_sqlite ()->sqlite3_column_int64)
#define sqlite3_column_text (trj_sqlite ()->sqlite3_column_text)
#define sqlite3_column_type (trj_sqlite ()->sqlite3_column_type)
#define sqlite3_db_config (trj_sqlite ()->sqlite3_db_config)
#define sqlite3_errcode (trj_sqlite ()->sqlite3_errcode)
#define sqlite3_errmsg (trj_sqlite ()->sqlite3_errmsg)
#define sqlite3_errstr (trj_sqlite ()->sqlite3_errstr)
#define sqlite3_exec (trj_sqlite ()->sqlite3_exec)
#define sqlite3_extended_errcode (trj_sqlite ()->sqlite3_extended_errcode)
#define sqlite3_finalize (trj_sqlite ()->sqlite3_finalize)
#define sqlite3_free (trj_sqlite ()->sqlite3_free)
#define sqlite3_last_insert_rowid (trj_sqlite ()->sqlite3_last_insert_rowid)
#define sqlite3_limit (trj_sqlite ()->sqlite3_limit)
#define sqlite3_open (trj_sqlite ()->sqlite3_open)
#define sqlite3_open_v2 (trj_sqlite ()->sqlite3_open_v2)
#define sqlite3_prepare_v2 (trj_sqlite ()->sqlite3_prepare_v2)
#define sqlite3_prepare_v3 (trj_sqlite ()->sqlite3_prepare_v3)
#define sqlite3_reset (trj_sqlite ()->sqlite3_reset)
#define sqlite3_step (trj_sqlite ()->sqlite3_step)
#define sqlite3_stmt_busy (trj_sqlite ()->sqlite3_stmt_busy)
#define sqlite3_total_changes64 (trj_sqlite ()->sqlite3_total_changes64)
#define sqlite3changeset_apply (trj_sqlite ()->sqlite3changeset_apply)
#define sqlite3changeset_invert (trj_sqlite ()->sqlite3changeset_invert)
#define sqlite3session_attach (trj_sqlite ()->sqlite3session_attach)
#define sqlite3session_changeset (trj_sqlite ()->sqlite3session_changeset)
#define sqlite3session_create (trj_sqlite ()->sqlite3session_create)
#define sqlite3session_delete (trj_sqlite ()->sqlite3session_delete)
#endif

G_END_DECLS
