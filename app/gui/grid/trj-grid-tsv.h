/* trj-grid-tsv.h — tab-separated clipboard text, as LibreOffice Calc and Excel write it
 *
 * Fields are separated by tabs and rows by newlines ("\n", "\r\n" or "\r" are
 * read). A field holding a tab, a newline or a double quote is written between
 * double quotes, with its quotes doubled: a "b → "a ""b""" (written by
 * trj_csv_append_field with a tab). Reading undoes that; a final line break
 * does not make an extra row.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Splits clipboard text into rows of fields: a GPtrArray of GStrv (freed with
 * the array). Rows keep their own length; an empty text gives no row. */
GPtrArray *trj_grid_tsv_parse        (const char *text);

G_END_DECLS
