/* trj-workbook-file.c — opening workbook files safely
 *
 * A file is judged before SQLite may touch it (header bytes, read without
 * SQLite), then through a read-only, defensive connection (application id,
 * version, quick_check). Only a file that passes is opened for writing, so a
 * refused file keeps its bytes.
 *
 * One writer: the writer holds flock() on a sidecar "<workbook>-lock". flock
 * rather than a row in the file, because the kernel drops it when the process
 * dies (a crash leaves no stale lock to clear by hand); on a sidecar rather
 * than the database itself, because closing any descriptor of the database
 * would drop SQLite's own POSIX locks on it in this process. Locks from two
 * open() calls conflict even inside one process, so a second TrjWorkbook on the
 * same file in the same program is read-only too.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-workbook-private.h"

G_DEFINE_QUARK (trj-workbook-error-quark, trj_workbook_error)

static const char sqlite_magic[16] = "SQLite format 3";

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
set_not_workbook (GError **error, const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_WORKBOOK,
               _("“%s” is not a Trajectoire workbook. The file was left as it was."), name);
}

static void
set_corrupt (GError **error, const char *path, const char *detail)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
               _("“%s” is truncated or damaged (%s) and cannot be opened. "
                 "The file was left as it was; open a copy or a backup."), name, detail);
}

void
trj_workbook_set_damaged (GError **error, const char *path, const char *table, const char *row,
                          const char *field, const char *problem)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
               /* TRANSLATORS: file name, table, row (“line “pec” of the scenario “A””),
                * field, what is wrong (a sentence) */
               _("“%s” is damaged and cannot be opened: in the table “%s”, %s, the field “%s” "
                 "is not valid. %s The file was left as it was; open a copy or a backup."),
               name, table, row, field, problem);
}

static void
set_too_new (GError **error, const char *path, int version)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_TOO_NEW,
               _("“%s” was written by a newer version of Trajectoire (file format %d, this "
                 "version reads up to %d). Update Trajectoire to open it."),
               name, version, TRJ_WORKBOOK_SCHEMA_VERSION);
}

static gboolean
wal_has_frames (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

gboolean
trj_workbook_file_check_header (const char *path, GError **error)
{
  guint8 header[100];
  GStatBuf st;
  gssize n = 0;
  int fd;
  guint32 page_size, page_count;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      if (fd >= 0)
        close (fd);
      g_set_error (error, TRJ_WORKBOOK_ERROR,
                   saved == ENOENT ? TRJ_WORKBOOK_ERROR_NOT_FOUND : TRJ_WORKBOOK_ERROR_IO,
                   _("Cannot open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  while (n < (gssize) sizeof header)
    {
      gssize r = read (fd, header + n, sizeof header - n);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      n += r;
    }
  close (fd);

  if (n < (gssize) sizeof header)
    {
      /* A file that starts like SQLite but ends early was cut short. */
      if (n > 0 && memcmp (header, sqlite_magic, MIN ((gsize) n, sizeof sqlite_magic)) == 0)
        set_corrupt (error, path, _("the file is shorter than its header"));
      else
        set_not_workbook (error, path);
      return FALSE;
    }
  if (memcmp (header, sqlite_magic, sizeof sqlite_magic) != 0 ||
      read_be32 (header + 68) != TRJ_WORKBOOK_APPLICATION_ID)
    {
      set_not_workbook (error, path);
      return FALSE;
    }
  if (read_be32 (header + 60) > TRJ_WORKBOOK_SCHEMA_VERSION)
    {
      set_too_new (error, path, (int) read_be32 (header + 60));
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      set_corrupt (error, path, _("invalid page size"));
      return FALSE;
    }
  /* The size in the header is valid only when its two counters agree; with
   * frames in the WAL the file may lag behind, SQLite's checks judge then. */
  page_count = read_be32 (header + 28);
  if (!wal_has_frames (path) && read_be32 (header + 24) == read_be32 (header + 92) &&
      ((guint64) st.st_size < (guint64) page_count * page_size ||
       st.st_size % page_size != 0))
    {
      set_corrupt (error, path, _("the file is shorter than its content"));
      return FALSE;
    }
  return TRUE;
}

/* SQLite's messages are English and technical: a French sentence for each
 * kind of failure a planner can meet, SQLite's own words only in the debug log. */
static const char *
sqlite_problem (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_READONLY: return _("the file cannot be written: it or its folder is read-only");
    case SQLITE_FULL: return _("the disk is full");
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return _("the workbook is locked by another program; try again in a moment");
    case SQLITE_TOOBIG: return _("a value in the file is larger than a workbook may hold");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return _("the file is damaged");
    case SQLITE_IOERR: return _("the disk could not be read or written");
    case SQLITE_CANTOPEN: return _("the file cannot be opened");
    case SQLITE_NOMEM: return _("there is not enough memory");
    case SQLITE_PERM:
    case SQLITE_AUTH: return _("access to the file was refused");
    case SQLITE_CONSTRAINT: return _("the change contradicts the workbook’s rules");
    default: return NULL;
    }
}

/* What went wrong on db, in French (newly allocated). */
static char *
sqlite_detail (sqlite3 *db)
{
  int code = sqlite3_extended_errcode (db);
  const char *problem = sqlite_problem (code);

  g_debug ("SQLite error %d: %s", code, sqlite3_errmsg (db));
  return problem ? g_strdup (problem) : g_strdup_printf (_("internal error %d"), code);
}

static TrjWorkbookError
sqlite_error_code (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_READONLY: return TRJ_WORKBOOK_ERROR_READ_ONLY;
    case SQLITE_TOOBIG:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return TRJ_WORKBOOK_ERROR_CORRUPT;
    default: return TRJ_WORKBOOK_ERROR_IO;
    }
}

static void
set_sqlite_error_code (GError **error, int code, const char *detail, const char *what)
{
  const char *problem = sqlite_problem (code);
  g_autofree char *unknown = NULL;

  g_debug ("SQLite error %d while %s: %s", code, what ? what : "?", detail);
  if (detail != NULL && strstr (detail, TRJ_WORKBOOK_FROZEN_MARK) != NULL)
    {
      /* A trigger of a sent scenario (trj-workbook-schema.c). */
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN,
                           _("This scenario was sent to the DGEFP: it is frozen and cannot be "
                             "changed. Duplicate it to work on a copy."));
      return;
    }
  if (detail != NULL && strstr (detail, TRJ_WORKBOOK_REALISED_MARK) != NULL)
    {
      /* A trigger of a reprogramming (trj-workbook-schema.c, version 8). */
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_REALISED,
                           _("The months with actuals of a reprogramming are read only: only the "
                             "months after them can be changed."));
      return;
    }
  if (problem == NULL)
    /* TRANSLATORS: an SQLite failure with no sentence of its own: its number */
    problem = unknown = g_strdup_printf (_("internal error %d"), code);
  if (what != NULL)
    g_set_error (error, TRJ_WORKBOOK_ERROR, sqlite_error_code (code),
                 _("Workbook error while %s: %s"), what, problem);
  else
    g_set_error (error, TRJ_WORKBOOK_ERROR, sqlite_error_code (code),
                 _("Workbook error: %s"), problem);
}

void
trj_workbook_set_sqlite_error (GError **error, sqlite3 *db, const char *what)
{
  int code = db ? sqlite3_extended_errcode (db) : SQLITE_CANTOPEN;

  set_sqlite_error_code (error, code, db ? sqlite3_errmsg (db) : sqlite3_errstr (code), what);
}

gboolean
trj_workbook_exec (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error_code (error, sqlite3_extended_errcode (db), msg ? msg : sqlite3_errmsg (db), NULL);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
trj_workbook_file_is_unwritable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (path, W_OK) != 0 || g_access (folder, W_OK) != 0;
}

gboolean
trj_workbook_file_is_alone (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return !g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS);
}

TrjWorkbookOpenMode
trj_workbook_file_read_mode (const char *path)
{
  /* Nobody can write a file that cannot be written, or whose folder cannot
   * hold its journal: read it as it is on disk, without the WAL index that
   * SQLite would otherwise create beside it (and leave there). A WAL with
   * frames still holds committed edits (a writer that crashed): reading it
   * needs the shared mode. */
  if (trj_workbook_file_is_unwritable (path) && !wal_has_frames (path))
    return TRJ_WORKBOOK_OPEN_IMMUTABLE;
  return TRJ_WORKBOOK_OPEN_READ;
}

sqlite3 *
trj_workbook_file_open_db (const char *path, TrjWorkbookOpenMode mode, GError **error)
{
  sqlite3 *db = NULL;
  g_autofree char *uri = NULL;
  /* A workbook connection is used by one thread only (the store has no
   * worker threads): no per-call mutex, which was an eighth of the time of
   * reading a scenario. */
  int flags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;

  switch (mode)
    {
    case TRJ_WORKBOOK_OPEN_WRITE:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case TRJ_WORKBOOK_OPEN_READ:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case TRJ_WORKBOOK_OPEN_IMMUTABLE:
      {
        g_autofree char *absolute = g_canonicalize_filename (path, NULL);
        g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, error);

        if (file_uri == NULL)
          return NULL;
        uri = g_strconcat (file_uri, "?mode=ro&immutable=1", NULL);
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (sqlite3_open_v2 (uri ? uri : path, &db, flags, NULL) != SQLITE_OK)
    {
      trj_workbook_set_sqlite_error (error, db, _("opening the file"));
      sqlite3_close (db);
      return NULL;
    }
  /* The file may come from anyone (a colleague's mail): no schema-defined code
   * runs (triggers, views, untrusted functions), no extension loads, and SQL
   * cannot corrupt the file on purpose. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, TRJ_WORKBOOK_MAX_VALUE);
  if (!trj_workbook_exec (db, "PRAGMA cell_size_check = ON", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
query_int (sqlite3 *db, const char *sql, int *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* The objects of a schema, one per line, in a stable order. */
static char *
schema_text (sqlite3 *db)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* ANALYZE's statistics tables change no behaviour of ours. */
  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                          "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (text, "%s %s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The file's schema is the one the migrations build for its version: a
 * trigger, view, table, index or column someone added, or a table changed,
 * makes it a file this version does not know how to read safely. */
/* The schema the migrations build for a version, built once per process in
 * a database in memory (about 8 ms: every migration's SQL parsed and run),
 * then kept: a workbook opened is compared twice, before and after its
 * migration, and the window opens one at its start. */
static const char *
expected_schema_text (int version)
{
  static char *texts[TRJ_WORKBOOK_SCHEMA_VERSION + 1];
  G_LOCK_DEFINE_STATIC (texts);
  const char *text;

  g_return_val_if_fail (version >= 0 && version <= TRJ_WORKBOOK_SCHEMA_VERSION, NULL);

  G_LOCK (texts);
  if (texts[version] == NULL)
    {
      sqlite3 *expected = NULL;

      if (sqlite3_open (":memory:", &expected) == SQLITE_OK &&
          trj_workbook_schema_migrate (expected, 0, version, NULL))
        texts[version] = schema_text (expected);
      sqlite3_close (expected);
    }
  text = texts[version];
  G_UNLOCK (texts);
  return text;
}

void
trj_workbook_preload (void)
{
  expected_schema_text (TRJ_WORKBOOK_SCHEMA_VERSION);
}

static gboolean
schema_is_expected (sqlite3 *db, int version)
{
  g_autofree char *theirs = schema_text (db);
  const char *ours = expected_schema_text (version);

  return theirs != NULL && ours != NULL && g_str_equal (ours, theirs);
}

gboolean
trj_workbook_file_enable_triggers (sqlite3 *db, GError **error)
{
  if (!schema_is_expected (db, TRJ_WORKBOOK_SCHEMA_VERSION))
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
                           _("The workbook’s tables are not those of a Trajectoire workbook."));
      return FALSE;
    }
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
  return TRUE;
}

gboolean
trj_workbook_file_validate (sqlite3 *db, const char *path, int *version_out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int app_id = 0, version = 0;
  g_autofree char *problem = NULL;

  if (!query_int (db, "PRAGMA application_id", &app_id))
    {
      int code = sqlite3_errcode (db) & 0xff;

      if (code == SQLITE_NOTADB)
        set_not_workbook (error, path);
      else
        {
          g_autofree char *detail = sqlite_detail (db);
          set_corrupt (error, path, detail);
        }
      return FALSE;
    }
  if ((guint32) app_id != TRJ_WORKBOOK_APPLICATION_ID)
    {
      set_not_workbook (error, path);
      return FALSE;
    }
  if (!query_int (db, "PRAGMA user_version", &version))
    {
      g_autofree char *detail = sqlite_detail (db);

      set_corrupt (error, path, detail);
      return FALSE;
    }
  if (version > TRJ_WORKBOOK_SCHEMA_VERSION)
    {
      set_too_new (error, path, version);
      return FALSE;
    }
  if (version < 1)
    {
      set_not_workbook (error, path);
      return FALSE;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    problem = sqlite_detail (db);
  else
    {
      int rc = sqlite3_step (stmt);

      if (rc != SQLITE_ROW)
        problem = sqlite_detail (db);
      else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        {
          /* SQLite's report lists pages: useful in a log, not to a planner. */
          g_debug ("quick_check of %s: %s", path, sqlite3_column_text (stmt, 0));
          problem = g_strdup (_("the integrity check failed"));
        }
    }
  sqlite3_finalize (stmt);
  if (problem == NULL && !schema_is_expected (db, version))
    problem = g_strdup (_("its tables are not those of a Trajectoire workbook"));
  if (problem != NULL)
    {
      set_corrupt (error, path, problem);
      return FALSE;
    }
  *version_out = version;
  return TRUE;
}

int
trj_workbook_file_lock (const char *path, char **reason_out)
{
  g_autofree char *lock_path = g_strconcat (path, "-lock", NULL);

  if (g_access (path, W_OK) != 0)
    {
      *reason_out = g_strdup (_("You cannot write to this file: it is open read-only."));
      return -1;
    }
  for (;;)
    {
      GStatBuf by_fd, by_path;
      int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

      if (fd < 0)
        {
          *reason_out = g_strdup (_("You cannot write in the folder of this workbook: "
                                    "it is open read-only."));
          return -1;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          *reason_out = g_strdup (_("This workbook is open in another window or program: "
                                    "it is open read-only. Close it there to edit it here."));
          return -1;
        }
      /* A closing writer unlinks the lock file while it holds the lock: if we
       * locked such an orphan, take the new one. */
      if (fstat (fd, &by_fd) == 0 && g_stat (lock_path, &by_path) == 0 &&
          by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino)
        return fd;
      close (fd);
    }
}

void
trj_workbook_file_unlock (const char *path, int fd)
{
  g_autofree char *lock_path = g_strconcat (path, "-lock", NULL);

  if (fd < 0)
    return;
  g_unlink (lock_path);
  close (fd);
}
