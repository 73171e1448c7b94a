/* bench-cli.c — the start of trajectoire-cli, a process per command
 *
 * Spawns the CLI built beside this benchmark (or the one given) many times:
 * `--version` (the start alone: dynamic linking, GLib, the catalogues),
 * `simulate` of one region (Bretagne 2024, written by `example` first; the
 * issue's target is 5 ms), and /bin/true for the cost of a process on this
 * machine. Wall-clock time from the spawn to the exit.
 *
 *   ./build/bench/bench-cli [PATH/TO/trajectoire-cli] [runs]
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "trj-bench.h"

extern char **environ;

/* Seconds from the spawn of @argv (stdout to @out_path, or /dev/null) to its exit. */
static double
run_once (char **argv, const char *out_path)
{
  posix_spawn_file_actions_t actions;
  double start = trj_bench_now ();
  pid_t pid;
  int status;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, out_path ? out_path : "/dev/null",
                                    O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (posix_spawn (&pid, argv[0], &actions, NULL, argv, environ) != 0)
    g_error ("cannot run %s: %s", argv[0], g_strerror (errno));
  posix_spawn_file_actions_destroy (&actions);
  if (waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed", argv[0], argv[1] ? argv[1] : "");
  return trj_bench_now () - start;
}

static void
bench_command (const char *measure, char **argv, int runs)
{
  g_autofree double *ms = g_new (double, runs);

  run_once (argv, NULL); /* the page cache, as for a planner's second command */
  for (int i = 0; i < runs; i++)
    ms[i] = run_once (argv, NULL) * 1e3;
  trj_bench_row ("cli", measure, "Bretagne, 2 envelopes", "ms", ms, runs);
}

int
main (int argc, char **argv)
{
  g_autofree char *bench_dir = g_path_get_dirname (argv[0]);
  g_autofree char *cli = argc > 1 ? g_strdup (argv[1])
                                  : g_build_filename (bench_dir, "..", "app", "cli", "trajectoire-cli", NULL);
  int runs = argc > 2 ? atoi (argv[2]) : 100;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-cli-XXXXXX", &error);
  g_autofree char *scenario = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);
  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      printf ("(bench-cli: %s is not built)\n", cli);
      return 0;
    }
  runs = MAX (runs, 5);
  scenario = g_build_filename (dir, "bretagne.json", NULL);
  {
    char *example[] = { cli, (char *) "example", (char *) "--region", (char *) "Bretagne", NULL };
    run_once (example, scenario);
  }
  trj_bench_header ();
  {
    char *true_argv[] = { (char *) "/bin/true", NULL };
    char *version[] = { cli, (char *) "--version", NULL };
    char *simulate[] = { cli, (char *) "simulate", scenario, NULL };

    bench_command ("/bin/true (a process on this machine)", true_argv, runs);
    bench_command ("trajectoire-cli --version", version, runs);
    bench_command ("trajectoire-cli simulate", simulate, runs);
  }
  {
    /* The same sources with every library (cairo, pango, xlsx): what
     * trajectoire-cli was before it left them to trajectoire-cli-full. */
    g_autofree char *cli_dir = g_path_get_dirname (cli);
    g_autofree char *full = g_build_filename (cli_dir, "trajectoire-cli-full", NULL);
    char *version[] = { full, (char *) "--version", NULL };
    char *simulate[] = { full, (char *) "simulate", scenario, NULL };

    if (g_file_test (full, G_FILE_TEST_IS_EXECUTABLE))
      {
        bench_command ("trajectoire-cli-full --version (every library loaded)", version, runs);
        bench_command ("trajectoire-cli-full simulate (every library loaded)", simulate, runs);
      }
  }
  g_unlink (scenario);
  g_rmdir (dir);
  return 0;
}
