/* trj-test-vfs.h — an SQLite VFS over the default one that lets a test step in
 * before every write, truncation and sync of every file SQLite opens (the
 * database, its -wal, its journal): to make a disk full (test-workbook-faults)
 * or to kill the process at the Nth one (test-workbook-kill). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum {
  TRJ_TEST_VFS_WRITE,
  TRJ_TEST_VFS_TRUNCATE,
  TRJ_TEST_VFS_SYNC,
} TrjTestVfsOp;

/* Called before the operation; SQLITE_OK lets it run, another code is
 * returned to SQLite instead of doing it. */
typedef int (*TrjTestVfsHook) (TrjTestVfsOp op, gpointer data);

/* Registers the shim as the default VFS (once per process) and sets its hook
 * (NULL: none). Connections opened afterwards go through it. */
void trj_test_vfs_install (TrjTestVfsHook hook, gpointer data);

G_END_DECLS
