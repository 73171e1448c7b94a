/* test-bad-input.c — the bad-input catalogue (issue 11)
 *
 * Usage: test-bad-input PATH-TO-trajectoire-cli (meson passes it).
 *
 * Every case gives one hostile or mistaken input to one command of
 * trajectoire-cli (or to the CSV import, which only the window offers) in a
 * child process, and asserts what a planner must get:
 *   - the exit code (1 refused input, 2 usage), never a signal;
 *   - a French message on stderr saying what is wrong and where (the
 *     substrings of the case: file, key path, line, column, table…), with no
 *     English library text in it;
 *   - at most 2 s of CPU and 200 MB: the child runs under RLIMIT_DATA 200 MB
 *     (an allocation beyond fails the case) and its peak RSS is checked;
 *     sanitizer builds (make check-asan) allow 3 × the time and skip the
 *     memory bounds, which ASan's shadow memory makes meaningless;
 *   - every input file byte-identical afterwards (SHA-256 of each file of the
 *     case's folder, and no file added beside them: no -wal, -shm, partial
 *     output), and no output file left by a refused command.
 * CPU time, not wall time, is bounded: the suite runs on loaded machines.
 *
 * A case whose fix belongs to another part of issue 11 and has not landed
 * carries the name of what it waits for: it runs, and its failure is
 * reported as a TODO (expected failure) instead of failing the suite.
 * tests/README.md lists the catalogue.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "trj-csv.h"
#include "trj-test-util.h"
#include "trj-i18n.h"
#include "trj-year-data.h"

#define LIMIT_MB 200
#define LIMIT_CPU_S TRJ_TEST_CPU_LIMIT_S

typedef enum {
  MAKE_NONE,
  MAKE_TEXT,        /* param: the file's contents */
  MAKE_COPY,        /* param: a file of the base folder */
  MAKE_JSON_EDIT,   /* param: "old\x1fnew", replaced once in the example scenario */
  MAKE_JSON_DEEP,   /* param: depth, arrays nested inside "envelopes" */
  MAKE_JSON_BIG,    /* param: megabytes of a label in the example */
  MAKE_WORKBOOK,    /* param: SQL run on a copy of the base workbook ("" for none) */
  MAKE_TRUNCATED,   /* param: "base-file:bytes" */
  MAKE_FIFO,
  MAKE_CSV_LINES,   /* param: number of valid rows */
  MAKE_CSV_FIELD,   /* param: megabytes of one field */
  MAKE_ACTUALS_ROWS, /* param: number of rows of actuals, the two lines' twelve months over and over */
  MAKE_TEXT_NUL,    /* param: the file's contents, each "\\0" (backslash, zero) written as a NUL byte */
  MAKE_NOTIFICATION_ROWS, /* param: number of rows of a notification, all of Bretagne's IAE */
} MakeKind;

typedef struct {
  const char *name;     /* in the case's folder */
  MakeKind    make;
  const char *param;
} InputFile;

typedef enum {
  RUN_CLI,              /* args: the CLI's arguments, '\t'-separated */
  RUN_CSV_IMPORT,       /* trj_csv_import_lines (input 0) into Bretagne 2024 */
} RunKind;

typedef struct {
  const char *name;
  RunKind     run;
  const char *args;     /* $D: the case's folder, $O: its output folder */
  InputFile   inputs[2];
  const char *stdin_file; /* an input to give on standard input, or NULL */
  int         status;
  const char *expect;   /* '|'-separated substrings of stderr */
  const char *pending;  /* what part of issue 11 it waits for, or NULL */
} BadCase;

#define NO_INPUT { { NULL, MAKE_NONE, NULL }, { NULL, MAKE_NONE, NULL } }
#define ONE(name, make, param) { { name, make, param }, { NULL, MAKE_NONE, NULL } }
#define WB_AND(name, make, param) { { "wb.trajectoire", MAKE_WORKBOOK, "" }, { name, make, param } }

/* English that must never reach a French message (SQLite, libxlsxwriter,
 * json-glib, GLib in the C locale). */
static const char *const english[] = {
  "database", "failed", "cannot", "Cannot", "unexpected", "expected value", "expected string",
  "No such", "not a ", "Parse error", "malformed", "readonly", "attempt to", "disk I/O",
  "is a directory", "must be", " error", "Error ", NULL
};

#include "test-bad-input-cases.h"

static const char *cli_path;
static char *base_dir;
static char *example_json;
static gsize n_checked;

/* ── inputs ────────────────────────────────────────────────────────────── */

static char *
base_file (const char *name)
{
  return g_build_filename (base_dir, name, NULL);
}

static void
write_file (const char *path, const char *data, gssize length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
copy_file (const char *from, const char *to, gssize max_bytes)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  write_file (to, data, max_bytes >= 0 ? (gssize) MIN ((gsize) max_bytes, length) : (gssize) length);
}

static void
run_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  /* Back to one self-contained file: what travels by e-mail. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
csv_header (void)
{
  return g_strdup ("type;taux;heures;durée;janv;févr;mars;avr;mai;juin;juil;août;sept;oct;nov;déc");
}

static void
make_input (const char *dir, const InputFile *input)
{
  g_autofree char *path = g_build_filename (dir, input->name, NULL);

  switch (input->make)
    {
    case MAKE_NONE:
      break;
    case MAKE_TEXT:
      write_file (path, input->param, -1);
      break;
    case MAKE_COPY:
      {
        g_autofree char *from = base_file (input->param);
        copy_file (from, path, -1);
      }
      break;
    case MAKE_JSON_EDIT:
      {
        g_auto(GStrv) parts = g_strsplit (input->param, "\x1f", 2);
        const char *at = strstr (example_json, parts[0]);
        g_autoptr(GString) text = g_string_new (NULL);

        if (at == NULL)
          g_error ("“%s” is not in the example scenario", parts[0]);
        g_string_append_len (text, example_json, at - example_json);
        g_string_append (text, parts[1]);
        g_string_append (text, at + strlen (parts[0]));
        write_file (path, text->str, text->len);
      }
      break;
    case MAKE_JSON_DEEP:
      {
        guint depth = atoi (input->param);
        g_autoptr(GString) text = g_string_new ("{\"format\": \"trajectoire-scenario/1\", \"envelopes\": ");

        for (guint i = 0; i < depth; i++)
          g_string_append_c (text, '[');
        for (guint i = 0; i < depth; i++)
          g_string_append_c (text, ']');
        g_string_append (text, "}\n");
        write_file (path, text->str, text->len);
      }
      break;
    case MAKE_JSON_BIG:
      {
        gsize size = (gsize) atoi (input->param) * 1024 * 1024;
        const char *at = strstr (example_json, "\"label\": \"PEC\"");
        g_autoptr(GString) text = g_string_sized_new (size + strlen (example_json) + 64);

        g_assert_nonnull (at);
        g_string_append_len (text, example_json, at - example_json);
        g_string_append (text, "\"label\": \"");
        for (gsize i = 0; i < size; i++)
          g_string_append_c (text, 'a');
        g_string_append (text, at + strlen ("\"label\": \"PEC"));
        write_file (path, text->str, text->len);
      }
      break;
    case MAKE_WORKBOOK:
      {
        g_autofree char *from = base_file ("base.trajectoire");

        copy_file (from, path, -1);
        if (input->param[0] != '\0')
          run_sql (path, input->param);
      }
      break;
    case MAKE_TRUNCATED:
      {
        g_auto(GStrv) parts = g_strsplit (input->param, ":", 2);
        g_autofree char *from = base_file (parts[0]);

        copy_file (from, path, atoi (parts[1]));
      }
      break;
    case MAKE_FIFO:
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      break;
    case MAKE_CSV_LINES:
      {
        g_autoptr(GString) text = g_string_new (NULL);
        g_autofree char *header = csv_header ();
        int n = atoi (input->param);

        g_string_append_printf (text, "%s\n", header);
        for (int i = 0; i < n; i++)
          g_string_append (text, "PEC;50;20;12;1;1;1;1;1;1;1;1;1;1;1;1\n");
        write_file (path, text->str, text->len);
      }
      break;
    case MAKE_ACTUALS_ROWS:
      {
        g_autoptr(GString) text = g_string_new ("identifiant;mois;entrées\n");
        int n = atoi (input->param);

        /* Rows 1 to 24 are the 24 (line, month) of the base workbook; row 25 repeats row 1. */
        for (int i = 0; i < n; i++)
          g_string_append_printf (text, "%s;%d;1\n", i % 2 == 0 ? "pec" : "cie-jeunes", (i / 2) % 12 + 1);
        write_file (path, text->str, text->len);
      }
      break;
    case MAKE_TEXT_NUL:
      {
        g_autoptr(GString) text = g_string_new (input->param);
        /* A NUL byte cannot stand in a C string: written from its escape. */
        g_string_replace (text, "\\0", "\x01", 0);
        for (gsize i = 0; i < text->len; i++)
          if (text->str[i] == '\x01')
            text->str[i] = '\0';
        write_file (path, text->str, text->len);
      }
      break;
    case MAKE_NOTIFICATION_ROWS:
      {
        g_autoptr(GString) text = g_string_new ("enveloppe;AE;CP;région\n");
        int n = atoi (input->param);

        for (int i = 0; i < n; i++)
          g_string_append (text, "IAE;41250000;40100000;Bretagne\n");
        write_file (path, text->str, text->len);
      }
      break;
    case MAKE_CSV_FIELD:
      {
        gsize size = (gsize) atoi (input->param) * 1024 * 1024;
        g_autoptr(GString) text = g_string_sized_new (size + 256);
        g_autofree char *header = csv_header ();

        g_string_append_printf (text, "%s;libellé\nPEC;50;20;12;1;1;1;1;1;1;1;1;1;1;1;1;", header);
        for (gsize i = 0; i < size; i++)
          g_string_append_c (text, 'x');
        g_string_append_c (text, '\n');
        write_file (path, text->str, text->len);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ── the folder's fingerprint ─────────────────────────────────────────── */

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* "name sha256\n" for every entry of dir, sorted; a FIFO by its name only. */
static char *
fingerprint (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *sum = NULL;
      gsize length = 0;
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISREG (st.st_mode))
        {
          g_assert_true (g_file_get_contents (path, &data, &length, NULL));
          sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
        }
      g_ptr_array_add (lines, g_strdup_printf ("%s %s", name, sum != NULL ? sum : "-"));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ── the child ─────────────────────────────────────────────────────────── */

static char **
case_argv (const BadCase *c, const char *dir, const char *out_dir)
{
  g_auto(GStrv) args = g_strsplit (c->args, "\t", -1);
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, g_strdup (cli_path));
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autoptr(GString) arg = g_string_new (args[i]);

      g_string_replace (arg, "$D", dir, 0);
      g_string_replace (arg, "$O", out_dir, 0);
      g_ptr_array_add (argv, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

/* In the child: the CSV import as the window runs it. */
static int
child_csv_import (const char *path)
{
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  g_autoptr(TrjScenario) target = trj_year_data_example (data, "Bretagne", NULL);
  g_autoptr(TrjCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;

  trj_i18n_init ();
  import = trj_csv_import_lines (path, target, &error);
  if (import == NULL)
    {
      g_printerr ("trajectoire: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
limit (int resource, rlim_t value)
{
  struct rlimit rl = { value, value };

  setrlimit (resource, &rl);
}

typedef struct {
  int status;            /* exit code, or -signal */
  double cpu_s;
  double wall_s;
  long max_rss_kb;
  char *err;
  char *out;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_free (o->err);
  g_free (o->out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
run_case (const BadCase *c, const char *dir, const char *out_dir, const char *log_dir,
          Outcome *o)
{
  g_autofree char *err_path = g_build_filename (log_dir, "stderr", NULL);
  g_autofree char *out_path = g_build_filename (log_dir, "stdout", NULL);
  g_autofree char *in_path = c->stdin_file != NULL
    ? g_build_filename (dir, c->stdin_file, NULL) : g_strdup ("/dev/null");
  g_auto(GStrv) argv = c->run == RUN_CLI ? case_argv (c, dir, out_dir) : NULL;
  g_autofree char *csv_path = c->run == RUN_CSV_IMPORT
    ? g_build_filename (dir, c->inputs[0].name, NULL) : NULL;
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  int wait_status;
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int in = open (in_path, O_RDONLY | O_NONBLOCK);
      int out = open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = open (err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

      if (in >= 0)
        fcntl (in, F_SETFL, fcntl (in, F_GETFL) & ~O_NONBLOCK);
      dup2 (in >= 0 ? in : open ("/dev/null", O_RDONLY), 0);
      dup2 (out, 1);
      dup2 (err, 2);
      if (!TRJ_TEST_SANITIZED)
        limit (RLIMIT_DATA, (rlim_t) LIMIT_MB * 1024 * 1024);
      limit (RLIMIT_CPU, 20);
      /* A command blocked on a FIFO or a pipe is killed, and the case fails. */
      alarm (30);
      g_setenv ("LC_ALL", "C", TRUE);
      g_setenv ("LANGUAGE", "fr", TRUE);
      if (c->run == RUN_CLI)
        {
          execv (argv[0], argv);
          _exit (127);
        }
      _exit (child_csv_import (csv_path));
    }
  g_assert_cmpint (wait4 (pid, &wait_status, 0, &usage), ==, pid);
  o->wall_s = (g_get_monotonic_time () - start) / 1e6;
  o->cpu_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
             + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  o->max_rss_kb = usage.ru_maxrss;
  o->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -WTERMSIG (wait_status);
  g_assert_true (g_file_get_contents (err_path, &o->err, NULL, NULL));
  g_assert_true (g_file_get_contents (out_path, &o->out, NULL, NULL));
}

/* ── one case ──────────────────────────────────────────────────────────── */

static void
test_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *root = g_dir_make_tmp ("trj-bad-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (root, "in", NULL);
  g_autofree char *out_dir = g_build_filename (root, "out", NULL);
  g_autofree char *log_dir = g_build_filename (root, "log", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *outputs = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  g_auto(Outcome) o = { 0 };
  g_auto(GStrv) expected = NULL;

  g_assert_nonnull (root);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (log_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (c->inputs); i++)
    if (c->inputs[i].name != NULL)
      make_input (dir, &c->inputs[i]);
  before = fingerprint (dir);

  run_case (c, dir, out_dir, log_dir, &o);
  g_test_message ("exit %d, %.2f s CPU, %.2f s wall, %ld MB; stderr: %s",
                  o.status, o.cpu_s, o.wall_s, o.max_rss_kb / 1024, o.err);

  if (o.status < 0)
    g_string_append_printf (failures, "killed by signal %d; ", -o.status);
  else if (o.status != c->status)
    g_string_append_printf (failures, "exit %d instead of %d; ", o.status, c->status);
  if (!g_utf8_validate (o.err, -1, NULL))
    g_string_append (failures, "stderr is not UTF-8; ");
  expected = g_strsplit (c->expect, "|", -1);
  for (guint i = 0; expected[i] != NULL; i++)
    if (strstr (o.err, expected[i]) == NULL)
      g_string_append_printf (failures, "stderr lacks “%s”; ", expected[i]);
  for (guint i = 0; english[i] != NULL; i++)
    if (strstr (o.err, english[i]) != NULL)
      g_string_append_printf (failures, "English “%s” in the message; ", english[i]);
  if (o.cpu_s > LIMIT_CPU_S)
    g_string_append_printf (failures, "%.2f s of CPU (limit %.0f s); ", o.cpu_s, LIMIT_CPU_S);
  if (!TRJ_TEST_SANITIZED && o.max_rss_kb > LIMIT_MB * 1024)
    g_string_append_printf (failures, "%ld MB (limit %d MB); ", o.max_rss_kb / 1024, LIMIT_MB);

  after = fingerprint (dir);
  if (g_strcmp0 (before, after) != 0)
    g_string_append_printf (failures, "input folder changed:\n%s→\n%s; ", before, after);
  outputs = fingerprint (out_dir);
  if (c->status != 0 && outputs[0] != '\0')
    g_string_append_printf (failures, "a refused command left output: %s; ", outputs);

  /* A FIFO or a read-only folder would stop the removal. */
  trj_test_remove_dir (dir);
  trj_test_remove_dir (out_dir);
  trj_test_remove_dir (log_dir);
  g_rmdir (root);

  n_checked++;
  if (failures->len == 0)
    {
      if (c->pending != NULL)
        g_test_message ("passes now: %s has landed, drop its pending mark", c->pending);
      return;
    }
  if (c->pending != NULL)
    {
      g_test_incomplete_printf ("waits for %s: %s", c->pending, failures->str);
      return;
    }
  g_test_fail_printf ("%s", failures->str);
}

/* ── the base files ────────────────────────────────────────────────────── */

static void
run_or_die (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s: %s", argv[1], err);
}

static void
make_base (void)
{
  g_autofree char *workbook = base_file ("base.trajectoire");
  g_autofree char *xlsx = base_file ("base.xlsx");
  g_autofree char *csv = base_file ("base.csv");
  g_autofree char *example = base_file ("example.json");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-bad-xlsx.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;
  const char *new_argv[] = { cli_path, "new", "--region", "Bretagne", workbook, NULL };
  const char *xlsx_argv[] = { cli_path, "export", "--format", "xlsx", "--output", xlsx, workbook, NULL };
  const char *csv_argv[] = { cli_path, "export", "--format", "csv", "--output", csv, workbook, NULL };
  const char *example_argv[] = { cli_path, "export", workbook, NULL };
  const char *py_argv[] = { "/usr/bin/python3", script, xlsx, example, base_dir, NULL };

  run_or_die (new_argv);
  run_or_die (xlsx_argv);
  run_or_die (csv_argv);
  g_spawn_sync (NULL, (char **) example_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &example_json, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  write_file (example, example_json, -1);
  g_spawn_sync (NULL, (char **) py_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-bad-xlsx.py: %s", err);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  char **test_argv;
  int status;

  /* Every case runs and reports, even after a failure. */
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_insert (args, 1, (char *) "--keep-going");
  g_ptr_array_add (args, NULL);
  argc = args->len - 1;
  test_argv = (char **) args->pdata;
  g_test_init (&argc, &test_argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = test_argv[1];
  base_dir = g_dir_make_tmp ("trj-bad-base-XXXXXX", NULL);
  make_base ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/bad-input/", cases[i].name, NULL);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  status = g_test_run ();
  g_test_message ("%" G_GSIZE_FORMAT " cases checked", n_checked);
  trj_test_remove_dir (base_dir);
  g_free (base_dir);
  g_free (example_json);
  return status;
}
