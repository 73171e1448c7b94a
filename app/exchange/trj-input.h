/* trj-input.h — reading a whole input file, bounded, once
 *
 * Every file Trajectoire reads comes from someone else and may be a pipe: the
 * readers take it whole into memory through here, at most max_size bytes, so
 * that a file of any size costs at most that, a FIFO or /dev/stdin is read
 * once (sniffing its first bytes then reading it again would find it empty)
 * and "-" means the standard input, as for Unix tools.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRJ_INPUT_STDIN "-"

/* The name to show in messages: the file's base name, or « entrée standard ». */
char   *trj_input_display_name (const char *path);

/* TRUE when path is "-" or not a regular file (a pipe, a FIFO, /dev/stdin):
 * such an input can be read only once. */
gboolean trj_input_is_stream   (const char *path);

/* The contents of path (or standard input for "-"), NUL-terminated beyond
 * *length. Errors (G_FILE_ERROR, French): cannot open or read, or larger than
 * max_size ("too large", naming the limit in MB), or a FIFO that no program
 * writes to within 5 s (refused instead of waiting forever). */
char   *trj_input_read         (const char *path, gsize max_size, gsize *length,
                                GError **error);

G_END_DECLS
