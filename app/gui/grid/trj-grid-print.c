/* trj-grid-print.c — see trj-grid-print.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-grid-print.h"

#define MARGIN 28.0          /* points, on every side */
#define FONT_SIZE 8.0
#define MIN_FONT_SIZE 5.0
#define TITLE_SIZE 12.0
#define CELL_PAD 3.0         /* points, each side of a cell's text */

typedef struct {
  TrjGridModel *model;
  char         *title;
  double        scale;       /* the font's size over FONT_SIZE */
  double       *widths;      /* points, at the scale */
  double        header_height;
  double        row_height;
  guint         first_page;
  guint         rows_per_page;
  guint         n_pages;     /* of the table, then of its notes */
  /* Notes of cells (trj_grid_model_get_note), numbered in reading order:
   * the cell's text is followed by « [n] », the notes are listed after the
   * table on pages of their own, as a spreadsheet prints its comments at the
   * end of the sheet. */
  GHashTable   *note_numbers; /* row × n_columns + column + 1 → number */
  GPtrArray    *notes;        /* « [n] libellé : note » */
  GArray       *note_pages;   /* guint: the first note of each notes page */
  guint         n_table_pages;
} Table;

typedef struct {
  GPtrArray *tables;         /* Table */
  guint      n_pages;
} Job;

static void
table_free (Table *table)
{
  g_object_unref (table->model);
  g_free (table->title);
  g_free (table->widths);
  g_clear_pointer (&table->note_numbers, g_hash_table_unref);
  g_clear_pointer (&table->notes, g_ptr_array_unref);
  g_clear_pointer (&table->note_pages, g_array_unref);
  g_free (table);
}

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->tables);
  g_free (job);
}

static PangoLayout *
new_layout (GtkPrintContext *context, double size, gboolean bold)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

static void
text_size (PangoLayout *layout, const char *text, double *width, double *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  *width = (double) w / PANGO_SCALE;
  *height = (double) h / PANGO_SCALE;
}

/* A cell's text as printed: its display text, then its note's number. */
static char *
cell_text (Table *table, guint row, guint column)
{
  g_autofree char *text = trj_grid_model_get_text (table->model, row, column);
  guint n_columns = trj_grid_model_get_n_columns (table->model);
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (table->note_numbers,
                                                        GUINT_TO_POINTER (row * n_columns + column + 1)));

  if (number == 0)
    return g_steal_pointer (&text);
  return g_strdup_printf ("%s [%u]", text, number);
}

/* Numbers the notes and lays them out on pages of their own, wrapped to
 * the page's width. */
static void
measure_notes (Table *table, GtkPrintContext *context, double page_width, double page_height)
{
  guint n_columns = trj_grid_model_get_n_columns (table->model);
  guint n_rows = trj_grid_model_get_n_rows (table->model);
  g_autoptr(PangoLayout) body = new_layout (context, FONT_SIZE, FALSE);
  double available = page_height - 2 * MARGIN - 2 * TITLE_SIZE - 2 * FONT_SIZE, used = 0;

  g_clear_pointer (&table->note_numbers, g_hash_table_unref);
  g_clear_pointer (&table->notes, g_ptr_array_unref);
  g_clear_pointer (&table->note_pages, g_array_unref);
  table->note_numbers = g_hash_table_new (NULL, NULL);
  table->notes = g_ptr_array_new_with_free_func (g_free);
  table->note_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autofree char *note = trj_grid_model_get_note (table->model, r, c);
        g_autofree char *text = NULL;

        if (note == NULL)
          continue;
        text = trj_grid_model_get_text (table->model, r, c);
        g_hash_table_insert (table->note_numbers, GUINT_TO_POINTER (r * n_columns + c + 1),
                             GUINT_TO_POINTER (table->notes->len + 1));
        /* TRANSLATORS: a note listed after a printed grid: its number, the cell's text, the note */
        g_ptr_array_add (table->notes, g_strdup_printf (_("[%u] %s: %s"), table->notes->len + 1, text, note));
      }
  pango_layout_set_width (body, (int) ((page_width - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (body, PANGO_WRAP_WORD_CHAR);
  for (guint i = 0; i < table->notes->len; i++)
    {
      double w, h;

      text_size (body, g_ptr_array_index (table->notes, i), &w, &h);
      h += FONT_SIZE / 2;
      if (i == 0 || (used + h > available && used > 0))
        {
          g_array_append_val (table->note_pages, i);
          used = 0;
        }
      used += h;
    }
}

/* Widths at FONT_SIZE, then the scale that fits the page's width. */
static void
measure_table (Table *table, GtkPrintContext *context, double page_width, double page_height)
{
  guint n_columns = trj_grid_model_get_n_columns (table->model);
  guint n_rows = trj_grid_model_get_n_rows (table->model);
  g_autoptr(PangoLayout) body = new_layout (context, FONT_SIZE, FALSE);
  g_autoptr(PangoLayout) head = new_layout (context, FONT_SIZE, TRUE);
  double total = 0, header = 0, row = 0, w, h;

  measure_notes (table, context, page_width, page_height);
  table->widths = g_new0 (double, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      const TrjGridColumn *column = trj_grid_model_get_column (table->model, c);

      text_size (head, column->title, &w, &h);
      table->widths[c] = w;
      header = MAX (header, h);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autofree char *text = cell_text (table, r, c);

          text_size (body, text, &w, &h);
          table->widths[c] = MAX (table->widths[c], w);
          row = MAX (row, h);
        }
      table->widths[c] += 2 * CELL_PAD;
      total += table->widths[c];
    }
  table->scale = MAX (MIN (1.0, (page_width - 2 * MARGIN) / MAX (total, 1)), MIN_FONT_SIZE / FONT_SIZE);
  for (guint c = 0; c < n_columns; c++)
    table->widths[c] *= table->scale;
  table->header_height = (header + 2 * CELL_PAD) * table->scale;
  table->row_height = (MAX (row, FONT_SIZE) + 2 * CELL_PAD) * table->scale;
  /* Under the title, above the page number. */
  table->rows_per_page = MAX (1, (guint) ((page_height - 2 * MARGIN - 2 * TITLE_SIZE - table->header_height - 2 * FONT_SIZE)
                                          / table->row_height));
  table->n_table_pages = MAX (1, (n_rows + table->rows_per_page - 1) / table->rows_per_page);
  table->n_pages = table->n_table_pages + table->note_pages->len;
}

static void
begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, Job *job)
{
  job->n_pages = 0;
  for (guint i = 0; i < job->tables->len; i++)
    {
      Table *table = g_ptr_array_index (job->tables, i);

      g_clear_pointer (&table->widths, g_free);
      measure_table (table, context, gtk_print_context_get_width (context), gtk_print_context_get_height (context));
      table->first_page = job->n_pages;
      job->n_pages += table->n_pages;
    }
  gtk_print_operation_set_n_pages (operation, job->n_pages);
}

static void
draw_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double width, float xalign)
{
  double w, h;

  text_size (layout, text, &w, &h);
  cairo_move_to (cr, x + (width - w) * xalign, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page, Job *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  Table *table = NULL;
  g_autoptr(PangoLayout) title = new_layout (context, TITLE_SIZE, TRUE);
  g_autoptr(PangoLayout) foot = new_layout (context, FONT_SIZE, FALSE);
  g_autoptr(PangoLayout) head = NULL;
  g_autoptr(PangoLayout) body = NULL;
  g_autofree char *number = NULL;
  guint n_columns, n_rows, first, last;
  double y, x;

  for (guint i = 0; i < job->tables->len && table == NULL; i++)
    {
      Table *t = g_ptr_array_index (job->tables, i);

      if ((guint) page >= t->first_page && (guint) page < t->first_page + t->n_pages)
        table = t;
    }
  g_return_if_fail (table != NULL);
  if ((guint) page - table->first_page >= table->n_table_pages)
    {
      guint index = page - table->first_page - table->n_table_pages;
      guint from = g_array_index (table->note_pages, guint, index);
      guint to = index + 1 < table->note_pages->len ? g_array_index (table->note_pages, guint, index + 1)
                                                    : table->notes->len;
      g_autofree char *heading = NULL;

      body = new_layout (context, FONT_SIZE, FALSE);
      pango_layout_set_width (body, (int) ((width - 2 * MARGIN) * PANGO_SCALE));
      pango_layout_set_wrap (body, PANGO_WRAP_WORD_CHAR);
      cairo_set_source_rgb (cr, 0, 0, 0);
      /* TRANSLATORS: the title of the page listing a printed grid's notes, %s is the grid's title */
      heading = g_strdup_printf (_("%s — Notes"), table->title);
      draw_text (cr, title, heading, MARGIN, MARGIN, width - 2 * MARGIN, 0);
      y = MARGIN + 2 * TITLE_SIZE;
      for (guint i = from; i < to; i++)
        {
          double w, h;

          text_size (body, g_ptr_array_index (table->notes, i), &w, &h);
          cairo_move_to (cr, MARGIN, y);
          pango_cairo_show_layout (cr, body);
          y += h + FONT_SIZE / 2;
        }
      /* TRANSLATORS: page number at the foot of a printed grid */
      number = g_strdup_printf (_("Page %u of %u"), page + 1, job->n_pages);
      draw_text (cr, foot, number, MARGIN, height - MARGIN - FONT_SIZE, width - 2 * MARGIN, 1.0f);
      return;
    }
  head = new_layout (context, FONT_SIZE * table->scale, TRUE);
  body = new_layout (context, FONT_SIZE * table->scale, FALSE);
  n_columns = trj_grid_model_get_n_columns (table->model);
  n_rows = trj_grid_model_get_n_rows (table->model);
  first = (page - table->first_page) * table->rows_per_page;
  last = MIN (n_rows, first + table->rows_per_page);

  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text (cr, title, table->title, MARGIN, MARGIN, width - 2 * MARGIN, 0);
  y = MARGIN + 2 * TITLE_SIZE;

  /* The header on a tinted band, then the rows with rules between them. */
  x = MARGIN;
  cairo_set_source_rgb (cr, 0.90, 0.92, 0.96);
  cairo_rectangle (cr, MARGIN, y, width - 2 * MARGIN, table->header_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < n_columns; c++)
    {
      const TrjGridColumn *column = trj_grid_model_get_column (table->model, c);

      draw_text (cr, head, column->title, x + CELL_PAD * table->scale, y + CELL_PAD * table->scale,
                 table->widths[c] - 2 * CELL_PAD * table->scale, 0);
      x += table->widths[c];
    }
  y += table->header_height;
  for (guint r = first; r < last; r++)
    {
      x = MARGIN;
      for (guint c = 0; c < n_columns; c++)
        {
          const TrjGridColumn *column = trj_grid_model_get_column (table->model, c);
          g_autofree char *text = cell_text (table, r, c);
          gboolean number_kind = column->kind != TRJ_GRID_VALUE_TEXT && column->kind != TRJ_GRID_VALUE_CHOICE;

          draw_text (cr, body, text, x + CELL_PAD * table->scale, y + CELL_PAD * table->scale,
                     table->widths[c] - 2 * CELL_PAD * table->scale,
                     column->align == TRJ_GRID_ALIGN_END || (column->align == TRJ_GRID_ALIGN_AUTO && number_kind)
                       ? 1.0f : 0.0f);
          x += table->widths[c];
        }
      y += table->row_height;
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN, y);
      cairo_line_to (cr, x, y);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }

  /* TRANSLATORS: page number at the foot of a printed grid */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, job->n_pages);
  draw_text (cr, foot, number, MARGIN, height - MARGIN - FONT_SIZE, width - 2 * MARGIN, 1.0f);
}

GtkPrintOperation *
trj_grid_print_operation_new (TrjGridModel * const *models,
                              const char * const   *titles,
                              guint                 n_models,
                              const char           *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  Job *job = g_new0 (Job, 1);

  job->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  for (guint i = 0; i < n_models; i++)
    {
      Table *table = g_new0 (Table, 1);

      table->model = g_object_ref (models[i]);
      table->title = g_strdup (titles[i]);
      g_ptr_array_add (job->tables, table);
    }
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The tables draw their own margins and page numbers. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job_name);
  g_object_set_data_full (G_OBJECT (operation), "trj-grid-print", job, (GDestroyNotify) job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  return operation;
}
