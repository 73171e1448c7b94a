/* trj-test-vfs.c — a VFS shim for fault injection (see trj-test-vfs.h) */
#include "trj-test-vfs.h"

static sqlite3_vfs *real_vfs;
static TrjTestVfsHook hook;
static gpointer hook_data;

typedef struct {
  sqlite3_file base;
  sqlite3_file *real;           /* follows this struct in the same block */
} ShimFile;

#define REAL(f) (((ShimFile *) (f))->real)

static int
step_in (TrjTestVfsOp op)
{
  return hook != NULL ? hook (op, hook_data) : SQLITE_OK;
}

static int
shim_write (sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
  int rc = step_in (TRJ_TEST_VFS_WRITE);

  return rc != SQLITE_OK ? rc : REAL (f)->pMethods->xWrite (REAL (f), b, n, o);
}

static int
shim_truncate (sqlite3_file *f, sqlite3_int64 n)
{
  int rc = step_in (TRJ_TEST_VFS_TRUNCATE);

  return rc != SQLITE_OK ? rc : REAL (f)->pMethods->xTruncate (REAL (f), n);
}

static int
shim_sync (sqlite3_file *f, int flags)
{
  int rc = step_in (TRJ_TEST_VFS_SYNC);

  return rc != SQLITE_OK ? rc : REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int shim_close (sqlite3_file *f) { return REAL (f)->pMethods->xClose (REAL (f)); }
static int shim_read (sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL (f)->pMethods->xRead (REAL (f), b, n, o); }
static int shim_size (sqlite3_file *f, sqlite3_int64 *n) { return REAL (f)->pMethods->xFileSize (REAL (f), n); }
static int shim_lock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xLock (REAL (f), l); }
static int shim_unlock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xUnlock (REAL (f), l); }
static int shim_check_lock (sqlite3_file *f, int *r) { return REAL (f)->pMethods->xCheckReservedLock (REAL (f), r); }
static int shim_control (sqlite3_file *f, int op, void *a) { return REAL (f)->pMethods->xFileControl (REAL (f), op, a); }
static int shim_sector (sqlite3_file *f) { return REAL (f)->pMethods->xSectorSize (REAL (f)); }
static int shim_device (sqlite3_file *f) { return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f)); }
static int shim_shm_map (sqlite3_file *f, int i, int n, int e, void volatile **p) { return REAL (f)->pMethods->xShmMap (REAL (f), i, n, e, p); }
static int shim_shm_lock (sqlite3_file *f, int o, int n, int flags) { return REAL (f)->pMethods->xShmLock (REAL (f), o, n, flags); }
static void shim_shm_barrier (sqlite3_file *f) { REAL (f)->pMethods->xShmBarrier (REAL (f)); }
static int shim_shm_unmap (sqlite3_file *f, int d) { return REAL (f)->pMethods->xShmUnmap (REAL (f), d); }
static int shim_fetch (sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL (f)->pMethods->xFetch (REAL (f), o, n, p); }
static int shim_unfetch (sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL (f)->pMethods->xUnfetch (REAL (f), o, p); }

static const sqlite3_io_methods shim_methods = {
  3, shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_size, shim_lock, shim_unlock,
  shim_check_lock, shim_control, shim_sector, shim_device, shim_shm_map, shim_shm_lock,
  shim_shm_barrier, shim_shm_unmap, shim_fetch, shim_unfetch,
};

static int
shim_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
  ShimFile *shim = (ShimFile *) f;
  int rc;

  shim->real = (sqlite3_file *) (shim + 1);
  rc = real_vfs->xOpen (real_vfs, name, shim->real, flags, out_flags);
  f->pMethods = rc == SQLITE_OK ? &shim_methods : NULL;
  return rc;
}

void
trj_test_vfs_install (TrjTestVfsHook new_hook, gpointer data)
{
  static sqlite3_vfs shim;

  hook = new_hook;
  hook_data = data;
  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  shim = *real_vfs;
  shim.zName = "trj-test-shim";
  shim.szOsFile = sizeof (ShimFile) + real_vfs->szOsFile;
  shim.xOpen = shim_open;
  g_assert_cmpint (sqlite3_vfs_register (&shim, 1), ==, SQLITE_OK);
}
