/* trj-xlsx-reader.h — read the cells of an .xlsx file (Office Open XML)
 *
 * The zip container is read with libgsf and the parts with libxml2; this only
 * knows what Trajectoire needs back from its own programming files: the
 * worksheets by name (cell texts, shared strings resolved, numbers as written)
 * and the document's custom properties.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files larger than this are refused before being opened (our own files are
 * well under 1 MB; this bounds what a hostile file can cost). */
#define TRJ_XLSX_MAX_FILE_SIZE (10 * 1024 * 1024)

typedef struct _TrjXlsxReader TrjXlsxReader;

/* A worksheet as a sparse table: cell texts by 0-based (row, column). */
typedef struct _TrjXlsxSheet TrjXlsxSheet;

/* Opens the zip container; path "-" is the standard input. Errors (French): file
 * missing, too large, truncated or not an xlsx file (G_FILE_ERROR / G_IO_ERROR). */
TrjXlsxReader *trj_xlsx_reader_open            (const char *path, GError **error);
/* The same from a file already read (trj_input_read): takes contents (g_free). */
TrjXlsxReader *trj_xlsx_reader_open_data       (char *contents, gsize length,
                                                const char *display_name, GError **error);
void           trj_xlsx_reader_free            (TrjXlsxReader *reader);

/* Value of a custom document property (docProps/custom.xml), NULL when absent. */
char          *trj_xlsx_reader_custom_property (TrjXlsxReader *reader, const char *name);

/* Names of the worksheets in workbook order (NULL-terminated, owned by the reader). */
const char *const *trj_xlsx_reader_sheet_names (TrjXlsxReader *reader);

/* Reads one worksheet by its name. NULL with an error when it is absent or damaged. */
TrjXlsxSheet  *trj_xlsx_reader_read_sheet      (TrjXlsxReader *reader, const char *name,
                                                GError **error);

guint          trj_xlsx_sheet_n_rows           (const TrjXlsxSheet *sheet);
/* Text of a cell (shared strings resolved; numbers as stored, "1234.5"); NULL when empty. */
const char    *trj_xlsx_sheet_cell             (const TrjXlsxSheet *sheet, guint row, guint col);
/* Formula of a cell as stored ("SUM(B3:B14)", no "="); NULL when it holds none. */
const char    *trj_xlsx_sheet_formula          (const TrjXlsxSheet *sheet, guint row, guint col);
void           trj_xlsx_sheet_free             (TrjXlsxSheet *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjXlsxReader, trj_xlsx_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjXlsxSheet, trj_xlsx_sheet_free)

G_END_DECLS
