/* trj-sqlite.c — SQLite opened with GModule on first use (see trj-sqlite.h) */
#include "config.h"

#include <gmodule.h>

#define TRJ_SQLITE_TABLE_ITSELF
#include "trj-sqlite.h"

/* The library the headers are from: its soname is libsqlite3.so.0 on every
 * system SQLite 3 builds for. */
#define TRJ_SQLITE_LIBRARY "libsqlite3.so.0"
#define TRJ_SQLITE_STR(name) #name

GOnce trj_sqlite_once = G_ONCE_INIT;

gpointer
trj_sqlite_load (gpointer data)
{
  TrjSqlite *table = g_new0 (TrjSqlite, 1);
  GModule *module = g_module_open (TRJ_SQLITE_LIBRARY, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  (void) data;
  /* SQLite is a dependency of the package: missing, the installation is broken. */
  if (module == NULL)
    g_error ("SQLite cannot be opened: %s", g_module_error ());
#define TRJ_SQLITE_LOOKUP(function) \
  if (!g_module_symbol (module, TRJ_SQLITE_STR (function), (gpointer *) &table->function) || table->function == NULL) \
    g_error ("SQLite has no %s: %s", TRJ_SQLITE_STR (function), g_module_error ());
  TRJ_SQLITE_FUNCTIONS (TRJ_SQLITE_LOOKUP)
#undef TRJ_SQLITE_LOOKUP
  /* Kept for the process's life, like a linked library. */
  g_module_make_resident (module);
  return table;
}
