/* trj-test-util.c — see trj-test-util.h */
#include <glib/gstdio.h>

#include "trj-test-util.h"

char *
trj_test_plain_spaces (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "\u202f", " ", 0);
  g_string_replace (s, "\u00a0", " ", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
trj_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}
