/* trj-input.c — a whole input file, bounded, read once (see trj-input.h) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-format.h"
#include "trj-input.h"

char *
trj_input_display_name (const char *path)
{
  if (g_str_equal (path, TRJ_INPUT_STDIN))
    return g_strdup (_("standard input"));
  return g_filename_display_basename (path);
}

gboolean
trj_input_is_stream (const char *path)
{
  GStatBuf st;

  return g_str_equal (path, TRJ_INPUT_STDIN) || (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode));
}

/* The whole path: a file that cannot be opened is looked for where it was said to be. */
static char *
fail_errno (const char *path, int saved_errno, GError **error)
{
  g_autofree char *display = g_str_equal (path, TRJ_INPUT_STDIN) ? trj_input_display_name (path)
                                                                  : g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot open “%s”: %s"), display, g_strerror (saved_errno));
  return NULL;
}

static char *
fail_too_large (const char *path, gsize size, gsize max_size, GError **error)
{
  g_autofree char *display = trj_input_display_name (path);
  int limit = (int) (max_size / (1024 * 1024));

  if (size == 0)
    /* A stream's size is unknown: only that it went past the limit. */
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 _("“%s” is too large: files over %d MB are refused"), display, limit);
  else
    {
      g_autofree char *megabytes = trj_format_number (size / 1048576.0, 1);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is too large (%s MB): files over %d MB are refused"),
                   display, megabytes, limit);
    }
  return NULL;
}

/* How long a FIFO opened before its writer waits for it (`reader & writer`). */
#define FIFO_WAIT_S 5

/* TRUE once a writer has written to the FIFO or come and gone. Opened without
 * O_NONBLOCK, open () would wait forever for a writer that never comes; opened
 * with it, a read before the writer comes finds end of file at once. Linux
 * reports POLLHUP only for a writer that came after the open, so poll waits
 * for one, up to FIFO_WAIT_S. */
static gboolean
wait_for_writer (int fd)
{
  struct pollfd pfd = { fd, POLLIN, 0 };
  gint64 deadline = g_get_monotonic_time () + FIFO_WAIT_S * G_USEC_PER_SEC;

  for (;;)
    {
      int timeout_ms = (int) MAX (0, (deadline - g_get_monotonic_time ()) / 1000);
      int n = poll (&pfd, 1, timeout_ms);

      if (n > 0)
        return TRUE;
      if (n == 0 || errno != EINTR)
        return FALSE;
    }
}

char *
trj_input_read (const char *path, gsize max_size, gsize *length, GError **error)
{
  gboolean is_stdin = g_str_equal (path, TRJ_INPUT_STDIN);
  /* A FIFO nobody writes to would block open () forever: opened without
   * waiting, then read as usual (a writer already there is waited for). */
  int fd = is_stdin ? STDIN_FILENO : g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  g_autoptr(GByteArray) contents = NULL;
  struct stat st;
  int saved_errno = 0;

  if (fd < 0)
    return fail_errno (path, errno, error);
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      saved_errno = S_ISDIR (st.st_mode) ? EISDIR : errno;
      if (!is_stdin)
        close (fd);
      return fail_errno (path, saved_errno, error);
    }
  if (!is_stdin && S_ISFIFO (st.st_mode) && !wait_for_writer (fd))
    {
      g_autofree char *display = trj_input_display_name (path);

      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Nothing to read in “%s”: it is a named pipe (FIFO) and no program "
                     "wrote to it within %d seconds"), display, FIFO_WAIT_S);
      return NULL;
    }
  if (!is_stdin && !S_ISREG (st.st_mode) && fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) != 0)
    {
      saved_errno = errno;
      close (fd);
      return fail_errno (path, saved_errno, error);
    }
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      if (!is_stdin)
        close (fd);
      return fail_too_large (path, st.st_size, max_size, error);
    }

  contents = g_byte_array_sized_new (S_ISREG (st.st_mode) ? (guint) st.st_size + 1 : 65536);
  for (;;)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      if (n == 0)
        break;
      if (contents->len + (gsize) n > max_size)
        {
          if (!is_stdin)
            close (fd);
          return fail_too_large (path, 0, max_size, error);
        }
      g_byte_array_append (contents, buffer, n);
    }
  if (!is_stdin)
    close (fd);
  if (saved_errno != 0)
    return fail_errno (path, saved_errno, error);

  *length = contents->len;
  g_byte_array_append (contents, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&contents), FALSE);
}
