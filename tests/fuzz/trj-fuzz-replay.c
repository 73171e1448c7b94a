/* trj-fuzz-replay.c — replays fuzz inputs through a target, without libFuzzer
 *
 * Usage: fuzz-replay-<target> FILE|FOLDER…  Every file (folders: every file in
 * them) goes once through LLVMFuzzerTestOneInput; a crash or an abort fails the
 * test. A missing folder is skipped (a target with no regression yet). This is how the committed seeds and the regressions of
 * tests/fuzz/regressions/<target>/ run in the normal build (meson test).
 */
#include "config.h"

#include <stdio.h>

#include "trj-fuzz.h"

static guint n_replayed;

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static void
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  n_replayed++;
}

int
main (int argc, char **argv)
{
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          printf ("# no %s\n", argv[i]);
          continue;
        }
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          replay_file (argv[i]);
          continue;
        }
      if ((dir = g_dir_open (argv[i], 0, NULL)) == NULL)
        g_error ("cannot read %s", argv[i]);
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_paths);
      for (guint j = 0; j < names->len; j++)
        replay_file (g_ptr_array_index (names, j));
    }
  if (n_replayed == 0)
    g_error ("no input replayed");
  printf ("1..1\nok 1 - %u inputs replayed\n", n_replayed);
  return 0;
}
