/* trj-xlsx-book.c — the common look of Trajectoire's spreadsheets */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-format.h"
#include "trj-xlsx-book.h"

#define MAX_COLUMN_WIDTH 60.0
#define A4_PAPER 9

static void
create_formats (TrjXlsxBook *book)
{
  /* The file format's locale-neutral codes: Calc and Excel show them with the
   * reader's separators ("1 234 567 €" in French). */
  static const char *const num_formats[TRJ_XLSX_N_STYLES] = {
    [TRJ_XLSX_TEXT]    = NULL,
    [TRJ_XLSX_MONEY]   = "#,##0\\ \"€\";[Red]\\-#,##0\\ \"€\"",
    [TRJ_XLSX_COUNT]   = "#,##0;[Red]\\-#,##0",
    [TRJ_XLSX_PERCENT] = "0.0\"\u202f\"%",
    [TRJ_XLSX_DECIMAL] = "#,##0.0",
    [TRJ_XLSX_PLAIN]   = "General",
  };

  for (int i = 0; i < TRJ_XLSX_N_STYLES; i++)
    {
      book->style[i] = workbook_add_format (book->wb);
      book->style_bold[i] = workbook_add_format (book->wb);
      format_set_bold (book->style_bold[i]);
      format_set_top (book->style_bold[i], LXW_BORDER_THIN);
      if (num_formats[i] != NULL)
        {
          format_set_num_format (book->style[i], num_formats[i]);
          format_set_num_format (book->style_bold[i], num_formats[i]);
        }
    }
  book->title = workbook_add_format (book->wb);
  format_set_bold (book->title);
  format_set_font_size (book->title, 14);
  book->header = workbook_add_format (book->wb);
  format_set_bold (book->header);
  format_set_text_wrap (book->header);
  format_set_align (book->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color (book->header, 0xDCE6F1);
  format_set_bottom (book->header, LXW_BORDER_THIN);
  book->date = workbook_add_format (book->wb);
  format_set_num_format (book->date, "dd/mm/yyyy");
  format_set_align (book->date, LXW_ALIGN_LEFT);
  book->note = workbook_add_format (book->wb);
  format_set_italic (book->note);
  format_set_font_color (book->note, 0x595959);
}

static void
book_free (TrjXlsxBook *book)
{
  g_free (book->path);
  g_free (book->tmp_path);
  g_free (book->page_header);
  g_free (book);
}

TrjXlsxBook *
trj_xlsx_book_new (const char *path, const char *page_header, GError **error)
{
  TrjXlsxBook *book = g_new0 (TrjXlsxBook, 1);
  int fd;

  book->path = g_strdup (path);
  /* Written beside the target and renamed: a failure never leaves half a file. */
  book->tmp_path = g_strconcat (path, ".part", NULL);
  book->page_header = g_strdup (page_header);
  /* libxlsxwriter finds a folder it cannot write only at workbook_close, and
   * then prints English to stderr: try the file first, and say it in French. */
  if ((fd = g_open (book->tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      book_free (book);
      return NULL;
    }
  close (fd);
  book->wb = workbook_new (book->tmp_path);
  if (book->wb == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write “%s”"), display);
      g_unlink (book->tmp_path);
      book_free (book);
      return NULL;
    }
  create_formats (book);
  return book;
}

/* libxlsxwriter's messages are English: say in French what the user can act on. */
static char *
xlsx_error_text (lxw_error status)
{
  if (status == LXW_ERROR_MEMORY_MALLOC_FAILED)
    return g_strdup (_("not enough memory"));
  if (status == LXW_ERROR_CREATING_XLSX_FILE)
    return g_strdup (_("the file cannot be created there (missing or read-only folder?)"));
  if (status == LXW_ERROR_CREATING_TMPFILE || status == LXW_ERROR_READING_TMPFILE
      || status == LXW_ERROR_ZIP_FILE_OPERATION || status == LXW_ERROR_ZIP_FILE_ADD
      || status == LXW_ERROR_ZIP_CLOSE)
    return g_strdup (_("writing failed (is the disk full?)"));
  /* TRANSLATORS: %s is libxlsxwriter's own (English) message */
  return g_strdup_printf (_("the spreadsheet library failed (%s)"), lxw_strerror (status));
}

gboolean
trj_xlsx_book_close (TrjXlsxBook *book, GError **error)
{
  g_autofree char *display = g_filename_display_name (book->path);
  lxw_error status = workbook_close (book->wb);
  gboolean ok = FALSE;

  if (status != LXW_NO_ERROR)
    {
      g_autofree char *reason = xlsx_error_text (status);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display, reason);
    }
  else if (g_rename (book->tmp_path, book->path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
    }
  else
    ok = TRUE;
  if (!ok)
    g_unlink (book->tmp_path);
  book_free (book);
  return ok;
}

TrjXlsxPage
trj_xlsx_book_add_page (TrjXlsxBook *book, const char *name, guint header_rows, guint frozen_cols)
{
  TrjXlsxPage page = { .ws = workbook_add_worksheet (book->wb, name) };
  g_autofree char *footer = g_strdup_printf ("&L%s&R%s &P / &N", name, _("Page"));
  g_autofree char *header = g_strdup_printf ("&C%s", book->page_header);

  worksheet_set_landscape (page.ws);
  worksheet_set_paper (page.ws, A4_PAPER);
  worksheet_fit_to_pages (page.ws, 1, 0);          /* one page wide, as long as needed */
  worksheet_set_margins (page.ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_set_header (page.ws, header);
  worksheet_set_footer (page.ws, footer);
  if (header_rows > 0)
    {
      worksheet_freeze_panes (page.ws, header_rows, frozen_cols);
      worksheet_repeat_rows (page.ws, 0, header_rows - 1);
    }
  return page;
}

static char *
display_text (double value, TrjXlsxStyle style)
{
  switch (style)
    {
    case TRJ_XLSX_MONEY:   return trj_format_money (value);
    case TRJ_XLSX_COUNT:   return trj_format_integer (value);
    case TRJ_XLSX_PERCENT: return trj_format_percent (value, 1);
    case TRJ_XLSX_DECIMAL: return trj_format_number (value, 1);
    case TRJ_XLSX_TEXT:
    case TRJ_XLSX_PLAIN:
    case TRJ_XLSX_N_STYLES:
    default:
      break;
    }
  return trj_format_number (value, 2);
}

void
trj_xlsx_page_note_width (TrjXlsxPage *page, lxw_col_t col, const char *text)
{
  double width;

  if (col >= TRJ_XLSX_MAX_COLUMNS || text == NULL)
    return;
  width = g_utf8_strlen (text, -1) + 2;
  page->widths[col] = MAX (page->widths[col], MIN (width, MAX_COLUMN_WIDTH));
}

void
trj_xlsx_page_text (TrjXlsxPage *page, lxw_row_t row, lxw_col_t col, const char *text,
                    lxw_format *format)
{
  if (text == NULL || *text == '\0')
    return;
  worksheet_write_string (page->ws, row, col, text, format);
  trj_xlsx_page_note_width (page, col, text);
}

void
trj_xlsx_page_header (TrjXlsxBook *book, TrjXlsxPage *page, lxw_row_t row, lxw_col_t col,
                      const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  worksheet_write_string (page->ws, row, col, text, book->header);
  for (guint i = 0; words[i] != NULL; i++)
    trj_xlsx_page_note_width (page, col, words[i]);
  if (col < TRJ_XLSX_MAX_COLUMNS)
    page->widths[col] = MAX (page->widths[col], 10);
  if (page->n_headers < TRJ_XLSX_MAX_HEADERS)
    {
      page->headers[page->n_headers].row = row;
      page->headers[page->n_headers].col = col;
      page->headers[page->n_headers].length = g_utf8_strlen (text, -1);
      page->n_headers++;
    }
}

void
trj_xlsx_page_number (TrjXlsxBook *book, TrjXlsxPage *page, lxw_row_t row, lxw_col_t col,
                      double value, TrjXlsxStyle style, gboolean bold)
{
  g_autofree char *shown = NULL;

  if (!isfinite (value))
    return;
  worksheet_write_number (page->ws, row, col, value,
                          bold ? book->style_bold[style] : book->style[style]);
  shown = display_text (value, style);
  trj_xlsx_page_note_width (page, col, shown);
}

void
trj_xlsx_page_formula (TrjXlsxBook *book, TrjXlsxPage *page, lxw_row_t row, lxw_col_t col,
                       const char *formula, double cached, TrjXlsxStyle style, gboolean bold)
{
  g_autofree char *shown = NULL;

  if (!isfinite (cached))
    return;
  worksheet_write_formula_num (page->ws, row, col, formula,
                               bold ? book->style_bold[style] : book->style[style], cached);
  shown = display_text (cached, style);
  trj_xlsx_page_note_width (page, col, shown);
}

void
trj_xlsx_page_finish (TrjXlsxPage *page)
{
  for (lxw_col_t col = 0; col < TRJ_XLSX_MAX_COLUMNS; col++)
    if (page->widths[col] > 0)
      worksheet_set_column (page->ws, col, col, page->widths[col], NULL);

  for (guint i = 0; i < page->n_headers; i++)
    {
      lxw_row_t row = page->headers[i].row;
      guint lines = 1;

      /* The tallest header of the row sets its height; a wrapped line holds
       * about (width − 3) characters (bold, word breaks). */
      for (guint j = 0; j < page->n_headers; j++)
        if (page->headers[j].row == row && page->headers[j].col < TRJ_XLSX_MAX_COLUMNS)
          {
            double width = MAX (page->widths[page->headers[j].col] - 3, 1);
            lines = MAX (lines, (guint) ceil (page->headers[j].length / width));
          }
      worksheet_set_row (page->ws, row, 15.0 * lines, NULL);
    }
}

char *
trj_xlsx_cell_name (lxw_row_t row, lxw_col_t col)
{
  char name[LXW_MAX_CELL_NAME_LENGTH];

  lxw_rowcol_to_cell (name, row, col);
  return g_strdup (name);
}

char *
trj_xlsx_sum_formula (lxw_row_t first_row, lxw_col_t first_col,
                      lxw_row_t last_row, lxw_col_t last_col)
{
  char range[LXW_MAX_CELL_RANGE_LENGTH];

  lxw_rowcol_to_range (range, first_row, first_col, last_row, last_col);
  return g_strdup_printf ("=SUM(%s)", range);
}
