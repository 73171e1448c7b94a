/* trj-xlsx-book.h — writing spreadsheets people read: shared by the
 * programming file and the national consolidation
 *
 * A thin layer over libxlsxwriter that gives every sheet the same look:
 * French display formats (euros without decimals, percentages with one
 * decimal), bold headers on a tinted band, column widths that fit the content
 * (libxlsxwriter 1.1.4 has no autofit), frozen header rows, and an A4
 * landscape page one page wide. The file is written beside its target and
 * renamed on success, so a failure never leaves half a file.
 */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

#define TRJ_XLSX_MAX_COLUMNS 64

typedef enum {
  TRJ_XLSX_TEXT,
  TRJ_XLSX_MONEY,      /* euros, no decimals: "1 234 567 €" */
  TRJ_XLSX_COUNT,      /* contracts, whole */
  TRJ_XLSX_PERCENT,    /* share → "50,0 %" */
  TRJ_XLSX_DECIMAL,    /* hours, months: one decimal */
  TRJ_XLSX_PLAIN,      /* general format (year, lag, exact parameters) */
  TRJ_XLSX_N_STYLES
} TrjXlsxStyle;

typedef struct {
  lxw_workbook *wb;
  lxw_format *style[TRJ_XLSX_N_STYLES];
  lxw_format *style_bold[TRJ_XLSX_N_STYLES];   /* totals: bold, rule above */
  lxw_format *title;
  lxw_format *header;
  lxw_format *date;
  lxw_format *note;
  char *path;
  char *tmp_path;
  char *page_header;
} TrjXlsxBook;

#define TRJ_XLSX_MAX_HEADERS 128

/* One worksheet being written; remembers the widest text of each column, and
 * its header cells, whose rows are made tall enough for their wrapped text
 * (spreadsheets do not grow a row written with a fixed height). */
typedef struct {
  lxw_worksheet *ws;
  double widths[TRJ_XLSX_MAX_COLUMNS];
  struct {
    lxw_row_t row;
    lxw_col_t col;
    guint length;   /* characters */
  } headers[TRJ_XLSX_MAX_HEADERS];
  guint n_headers;
} TrjXlsxPage;

/* page_header: centred at the top of every printed page. */
TrjXlsxBook *trj_xlsx_book_new      (const char *path, const char *page_header, GError **error);
/* Writes the file and frees the book (also on error). */
gboolean     trj_xlsx_book_close    (TrjXlsxBook *book, GError **error);
/* Sheet with print setup; header_rows > 0 freezes and repeats them on each page. */
TrjXlsxPage  trj_xlsx_book_add_page (TrjXlsxBook *book, const char *name,
                                     guint header_rows, guint frozen_cols);

void trj_xlsx_page_note_width (TrjXlsxPage *page, lxw_col_t col, const char *text);
/* Empty or NULL text writes nothing. */
void trj_xlsx_page_text    (TrjXlsxPage *page, lxw_row_t row, lxw_col_t col,
                            const char *text, lxw_format *format);
/* A wrapped header cell: only its longest word sets the width. */
void trj_xlsx_page_header  (TrjXlsxBook *book, TrjXlsxPage *page, lxw_row_t row,
                            lxw_col_t col, const char *text);
/* Non-finite values (undefined figures) are left blank. */
void trj_xlsx_page_number  (TrjXlsxBook *book, TrjXlsxPage *page, lxw_row_t row,
                            lxw_col_t col, double value, TrjXlsxStyle style, gboolean bold);
/* A formula with its value computed by the caller, cached in the file for
 * readers that do not recalculate. */
void trj_xlsx_page_formula (TrjXlsxBook *book, TrjXlsxPage *page, lxw_row_t row,
                            lxw_col_t col, const char *formula, double cached,
                            TrjXlsxStyle style, gboolean bold);
/* Applies the column widths and the header rows' heights. */
void trj_xlsx_page_finish  (TrjXlsxPage *page);

char *trj_xlsx_cell_name   (lxw_row_t row, lxw_col_t col);                 /* "B3" */
char *trj_xlsx_sum_formula (lxw_row_t first_row, lxw_col_t first_col,
                            lxw_row_t last_row, lxw_col_t last_col);       /* "=SUM(B3:B14)" */

G_END_DECLS
