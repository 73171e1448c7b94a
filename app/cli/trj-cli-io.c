/* trj-cli-io.c — the files commands read and write, "-" for standard input and output
 *
 * A pipe, a FIFO or /dev/stdin can be read once: sniffing its first bytes and
 * then opening it again finds it empty (or, for a FIFO, waits forever for a
 * second writer). An input that is not a regular file is therefore read whole
 * into memory once, bounded, and sniffed there; a workbook that came that way
 * is copied to a temporary file, since SQLite opens files by name. Temporary
 * files live in one folder removed when the command returns (trj_cli_io_clear).
 */
#define _GNU_SOURCE   /* memfd_create */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-cli.h"
#include "trj-input.h"
#include "trj-json.h"
#include "trj-workbook.h"
#ifndef TRJ_CLI_LIGHT
#include "trj-programming.h"
#endif

/* The largest stream read: a workbook of many scenarios stays well under it. */
#define MAX_STREAM_SIZE (64 * 1024 * 1024)

static const char sqlite_magic[16] = "SQLite format 3";
static const char zip_magic[4] = "PK\003\004";

typedef struct {
  TrjCliInputKind kind;
  char *path;       /* what to open: the path given, or the copy of a streamed workbook */
  char *contents;   /* a stream's JSON or xlsx bytes, or NULL: read path */
  gsize length;
  GError *failure;  /* a stream that could not be read: said again, not read again */
  gboolean streamed; /* read whole from a stream (contents, or the copy at path) */
} TrjCliInput;

static GHashTable *inputs;   /* path as given → TrjCliInput */
static char *temp_dir;
static int saved_argc;
static char **saved_argv;    /* a copy of the process's (option parsing edits argv) */

void
trj_cli_set_arguments (int argc, char **argv)
{
  g_strfreev (saved_argv);
  saved_argc = argc;
  saved_argv = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    saved_argv[i] = g_strdup (argv[i]);
}

static void
input_free (gpointer data)
{
  TrjCliInput *input = data;

  g_free (input->path);
  g_free (input->contents);
  g_clear_error (&input->failure);
  g_free (input);
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  return g_rmdir (path) == 0;
}

void
trj_cli_io_clear (void)
{
  g_clear_pointer (&inputs, g_hash_table_unref);
  if (temp_dir != NULL)
    remove_tree (temp_dir);
  g_clear_pointer (&temp_dir, g_free);
}

/* A new path in this process's temporary folder. */
static char *
temp_path (const char *name, GError **error)
{
  if (temp_dir == NULL && (temp_dir = g_dir_make_tmp ("trajectoire-cli-XXXXXX", error)) == NULL)
    return NULL;
  return g_build_filename (temp_dir, name, NULL);
}

static TrjCliInputKind
sniff (const char *path, const char *head, gsize length)
{
  if (g_str_has_suffix (path, "." TRJ_WORKBOOK_EXTENSION)
      || (length >= sizeof sqlite_magic && memcmp (head, sqlite_magic, sizeof sqlite_magic) == 0))
    return TRJ_CLI_INPUT_WORKBOOK;
  if (g_str_has_suffix (path, ".xlsx")
      || (length >= sizeof zip_magic && memcmp (head, zip_magic, sizeof zip_magic) == 0))
    return TRJ_CLI_INPUT_XLSX;
  return TRJ_CLI_INPUT_JSON;
}

static TrjCliInput *
read_stream (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *copy = NULL;
  TrjCliInput *input = g_new0 (TrjCliInput, 1);

  input->contents = trj_input_read (path, MAX_STREAM_SIZE, &input->length, error);
  if (input->contents == NULL)
    {
      input_free (input);
      return NULL;
    }
  input->kind = sniff (path, input->contents, input->length);
  input->path = g_strdup (path);
  input->streamed = TRUE;
  if (input->kind != TRJ_CLI_INPUT_WORKBOOK)
    return input;

  if ((copy = temp_path ("entree-standard." TRJ_WORKBOOK_EXTENSION, error)) == NULL
      || !g_file_set_contents (copy, input->contents, input->length, &local_error))
    {
      if (local_error != NULL)
        g_set_error (error, local_error->domain, local_error->code,
                     _("Cannot copy the workbook read from “%s” to a temporary file: %s"),
                     path, local_error->message);
      input_free (input);
      return NULL;
    }
  g_clear_pointer (&input->contents, g_free);
  g_free (input->path);
  input->path = g_steal_pointer (&copy);
  return input;
}

static const TrjCliInput *
get_input (const char *path, GError **error)
{
  TrjCliInput *input;

  if (inputs == NULL)
    inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, input_free);
  if ((input = g_hash_table_lookup (inputs, path)) != NULL)
    {
      if (input->failure == NULL)
        return input;
      g_propagate_error (error, g_error_copy (input->failure));
      return NULL;
    }

  if (trj_input_is_stream (path))
    {
      GError *failure = NULL;

      /* A FIFO without a writer costs its wait once, however often it is asked for. */
      if ((input = read_stream (path, &failure)) == NULL)
        {
          input = g_new0 (TrjCliInput, 1);
          input->failure = failure;
          g_hash_table_insert (inputs, g_strdup (path), input);
          g_propagate_error (error, g_error_copy (failure));
          return NULL;
        }
    }
  else
    {
      char head[sizeof sqlite_magic] = { 0 };
      gsize length = 0;
      FILE *file = fopen (path, "rb");

      if (file != NULL)
        {
          length = fread (head, 1, sizeof head, file);
          fclose (file);
        }
      /* An unreadable file is reported by the reader that opens it. */
      input = g_new0 (TrjCliInput, 1);
      input->kind = sniff (path, head, length);
      input->path = g_strdup (path);
    }
  g_hash_table_insert (inputs, g_strdup (path), input);
  return input;
}

gboolean
trj_cli_input_kind (const char *path, TrjCliInputKind *kind, GError **error)
{
  const TrjCliInput *input = get_input (path, error);

  if (input == NULL)
    return FALSE;
  *kind = input->kind;
  return TRUE;
}

gboolean
trj_cli_is_workbook (const char *path)
{
  TrjCliInputKind kind;

  return trj_cli_input_kind (path, &kind, NULL) && kind == TRJ_CLI_INPUT_WORKBOOK;
}

TrjWorkbook *
trj_cli_open_workbook (const char *path, GError **error)
{
  const TrjCliInput *input = get_input (path, error);

  if (input == NULL)
    return NULL;
  if (input->kind != TRJ_CLI_INPUT_WORKBOOK && input->contents != NULL)
    {
      g_autofree char *display = trj_input_display_name (path);

      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_WORKBOOK,
                   _("“%s” is not a Trajectoire workbook"), display);
      return NULL;
    }
  return trj_workbook_open (input->path, error);
}

TrjScenario *
trj_cli_read_scenario (const char *path, char **name_out, GError **error)
{
  const TrjCliInput *input = get_input (path, error);
  g_autofree char *display = NULL;

  if (input == NULL)
    return NULL;
  switch (input->kind)
    {
    case TRJ_CLI_INPUT_XLSX:
#ifdef TRJ_CLI_LIGHT
      /* The xlsx reader is in trajectoire-cli-full. */
      exit (trj_cli_run_full ());
#else
      if (input->contents == NULL)
        return trj_programming_read_xlsx (path, name_out, error);
      display = trj_input_display_name (path);
      return trj_programming_read_xlsx_data (g_memdup2 (input->contents, input->length),
                                             input->length, display, name_out, error);
#endif
    case TRJ_CLI_INPUT_WORKBOOK:
      return trj_cli_workbook_scenario (path, NULL, error);
    case TRJ_CLI_INPUT_JSON:
    default:
      if (input->contents == NULL)
        return trj_json_scenario_from_file (path, error);
      return trj_json_scenario_from_data (input->contents, input->length, error);
    }
}

/* A full disk or a closed pipe is an error, not a silent truncation. */
static gboolean
write_stdout (const char *data, gsize length, GError **error)
{
  int saved_errno;

  if (fwrite (data, 1, length, stdout) == length && fflush (stdout) == 0)
    return TRUE;
  saved_errno = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot write to the standard output: %s"), g_strerror (saved_errno));
  return FALSE;
}

gboolean
trj_cli_is_stdout (const char *output)
{
  return output == NULL || g_str_equal (output, "-");
}

gboolean
trj_cli_write_text (const char *output, const char *text, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (trj_cli_is_stdout (output))
    return write_stdout (text, strlen (text), error);
  /* g_file_set_contents writes a temporary file beside output and renames it. */
  if (!g_file_set_contents (output, text, -1, &local_error))
    {
      g_autofree char *display = g_filename_display_name (output);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot write “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
trj_cli_output_begin (const char *output, const char *suffix, GError **error)
{
  g_autofree char *name = NULL;

  if (!g_str_equal (output, "-"))
    return g_strdup (output);
  name = g_strconcat ("sortie", suffix, NULL);
  return temp_path (name, error);
}

gboolean
trj_cli_output_end (const char *output, const char *written, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_str_equal (output, "-"))
    return TRUE;
  if (!g_file_get_contents (written, &contents, &length, error))
    return FALSE;
  /* Gone before the write: a reader that closes the pipe early (head) kills
   * the process with SIGPIPE, and nothing is left in the temporary folder. */
  g_unlink (written);
  if (temp_dir != NULL && g_rmdir (temp_dir) == 0)
    g_clear_pointer (&temp_dir, g_free);
  return write_stdout (contents, length, error);
}

#ifdef TRJ_CLI_LIGHT
/* trajectoire-cli-full beside this program (the build tree), else where it is
 * installed. */
static char *
full_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, "trajectoire-cli-full", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_strdup (TRJ_CLI_FULL_PROGRAM);
}

/* A memory file holding `length` bytes, at offset 0, or -1. */
static int
memory_file (const char *contents, gsize length)
{
  int fd = memfd_create ("trajectoire-cli-input", 0);
  gsize done = 0;

  while (fd >= 0 && done < length)
    {
      gssize n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          close (fd);
          return -1;
        }
      done += (gsize) n;
    }
  if (fd >= 0 && lseek (fd, 0, SEEK_SET) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

int
trj_cli_run_full (void)
{
  g_autofree char *program = full_program ();
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_ptr_array_add (args, g_strdup (program));
  for (int i = 1; i < saved_argc; i++)
    g_ptr_array_add (args, g_strdup (saved_argv[i]));
  g_ptr_array_add (args, NULL);

  /* Each stream already read, given again: "-" as the standard input, any
   * other (a FIFO, /dev/fd/N) as /dev/fd/N wherever the arguments name it. */
  if (inputs != NULL)
    g_hash_table_iter_init (&iter, inputs);
  while (inputs != NULL && g_hash_table_iter_next (&iter, &key, &value))
    {
      const TrjCliInput *input = value;
      g_autofree char *copy = NULL;
      gsize length = input->length;
      const char *bytes = input->contents;
      int fd;

      if (!input->streamed)
        continue;
      if (bytes == NULL && !g_file_get_contents (input->path, &copy, &length, NULL))
        continue;
      if (bytes == NULL)
        bytes = copy;
      if ((fd = memory_file (bytes, length)) < 0)
        {
          trj_cli_error (_("cannot hand “%s” to trajectoire-cli-full: %s"),
                         (const char *) key, g_strerror (errno));
          return 1;
        }
      if (g_str_equal (key, "-"))
        {
          if (dup2 (fd, STDIN_FILENO) < 0)
            return 1;
          close (fd);
          continue;
        }
      for (guint i = 1; i + 1 < args->len; i++)
        if (g_str_equal (g_ptr_array_index (args, i), key))
          {
            g_free (g_ptr_array_index (args, i));
            g_ptr_array_index (args, i) = g_strdup_printf ("/dev/fd/%d", fd);
          }
    }
  trj_cli_io_clear ();
  fflush (stdout);
  execv (program, (char **) args->pdata);
  trj_cli_error (_("cannot run “%s”: %s"), program, g_strerror (errno));
  return 1;
}
#endif
