/* trj-input.c — a whole input file, bounded, read once (see trj-input.h) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
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

char *
trj_input_read (const char *path, gsize max_size, gsize *length, GError **error)
{
  gboolean is_stdin = g_str_equal (path, TRJ_INPUT_STDIN);
  int fd = is_stdin ? STDIN_FILENO : g_open (path, O_RDONLY | O_CLOEXEC, 0);
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
