/* trj-workbook-private.h — internals of the workbook store (file safety, schema) */
#pragma once

#include <sqlite3.h>

#include "trj-workbook.h"

G_BEGIN_DECLS

/* "TRJ1": PRAGMA application_id of every Trajectoire workbook. */
#define TRJ_WORKBOOK_APPLICATION_ID 0x54524A31
/* PRAGMA user_version written by this version of Trajectoire. */
#define TRJ_WORKBOOK_SCHEMA_VERSION 2

/* Schema (trj-workbook-schema.c) */
/* Brings a database at user_version `from` (0: empty) to `to`, in the caller's
 * transaction. Tests pass a `to` below the current version to build old files. */
gboolean trj_workbook_schema_migrate (sqlite3 *db, int from, int to, GError **error);
/* The tables whose rows are the document: the undo journal records their changes. */
extern const char *const trj_workbook_document_tables[];

/* File safety (trj-workbook-file.c) */
/* Checks the 100-byte SQLite header without SQLite: magic, application id,
 * version, size. Never writes. */
gboolean trj_workbook_file_check_header (const char *path, GError **error);
/* Opens a connection with the defensive settings used for every workbook. */
sqlite3 *trj_workbook_file_open_db      (const char *path, gboolean read_only, GError **error);
/* Checks application_id, user_version (≤ current; *version_out) and quick_check. */
gboolean trj_workbook_file_validate     (sqlite3 *db, const char *path, int *version_out,
                                         GError **error);
/* Takes the writer's lock (flock on "<path>-lock"): returns the descriptor, or -1
 * with *reason_out (French) when the workbook is open elsewhere or not writable. */
int      trj_workbook_file_lock         (const char *path, char **reason_out);
void     trj_workbook_file_unlock       (const char *path, int fd);

/* Runs SQL; on failure sets a French TRJ_WORKBOOK_ERROR_IO error. */
gboolean trj_workbook_exec              (sqlite3 *db, const char *sql, GError **error);
void     trj_workbook_set_sqlite_error  (GError **error, sqlite3 *db, const char *what);

G_END_DECLS
