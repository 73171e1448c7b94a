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

void
trj_test_check_recalc (const char *xlsx, const char *workdir, gboolean reverse_margin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-recalc.py", NULL);
  g_autofree char *out = NULL, *err = NULL;
  int status;
  const char *argv[] = { "/usr/bin/python3", checker, "--soffice", soffice, "--workdir", workdir,
                         xlsx, reverse_margin ? "--reverse-margin" : NULL, NULL };

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed: the formulas are not recalculated");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("check-recalc.py: %s", out);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("check-recalc.py:\n%s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* LibreOffice's copies; its profile is removed by the checker. */
  {
    const char *rm[] = { "/bin/rm", "-rf", workdir, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}
