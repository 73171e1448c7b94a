/* trj-grid.c — a spreadsheet-like grid over a TrjGridModel
 *
 * The grid owns no data: a GListStore of empty row objects gives the column
 * view its row count, each cell reads its text from the model through the
 * position of its list item. Each row object points to its bound cells, so
 * finding the cell at (row, column) costs one lookup.
 *
 * GTK 4.8 keeps up to about 200 rows bound, far more than are on screen. A
 * model change therefore only marks the bound cells stale (a generation
 * number) and refreshes those in the viewport; the others are refreshed when
 * scrolling brings them into view.
 *
 * What must stay fast never restyles nor relays out: on X11 every change of
 * style (a CSS class, a focus) or of allocation anywhere in a window asks the
 * server, synchronously, for the window's monitor and work area (six round
 * trips, 3 to 5 ms under Xvfb). So the cursor and the selected range are
 * drawn over the cells by one widget (a redraw when they move), the editor
 * is hidden by its opacity when an edit ends, and the focus goes back from
 * the editor to the grid only after the frame that shows the edit.
 *
 * The keyboard focus stays on one small widget of the grid (the "focus
 * sink") while the cursor moves, and on the editor while a cell is edited;
 * both are children of the overlay that holds the column view. Moving focus
 * in or out of the column view, or of any of its ancestors, restyled all its
 * bound cells (a change of state of a widget reaches every widget below it),
 * 3 to 6 ms a move or an edit. The cursor cell shows itself with a CSS class, and the
 * sink tells assistive technologies which cell it is.
 *
 * Layout: the grid holds an overlay: the scrolled column view, the editor
 * placed over the edited cell, the refusal message and the list of choices
 * placed next to it. (The editor was a popover once: on X11 each popup and
 * popdown asks the server synchronously for the work area, the pointer and
 * coordinates, several milliseconds an edit.)
 */

#include "trj-grid.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "trj-csv.h"
#include "trj-grid-tsv.h"
#include "trj-grid-resources.h"

/* What the grid knows of a column's width (see size_columns()). */
typedef struct {
  int      content;   /* widest text seen, padding included (pixels) */
  guint    chars;     /* characters of the longest text measured */
  int      applied;   /* the fixed width the grid set, -1 none */
  int      nat_chars; /* the expanding column's natural width, in characters */
  gboolean by_hand;   /* resized by the user: the grid no longer sizes it */
} ColumnWidth;

struct _TrjGrid
{
  GtkWidget      parent_instance;

  GtkWidget     *overlay;
  GtkWidget     *focus_sink;    /* holds the keyboard focus outside editing */
  GtkWidget     *selection;     /* draws the range and the cursor over the cells */
  GtkWidget     *column_view;
  GtkWidget     *list_view;     /* inside the column view: scroll-to-item */
  GtkWidget     *editor;        /* the one shared GtkText, over the edited cell */
  GtkWidget     *message;       /* refusal reason, next to the cell */
  GtkWidget     *choices;       /* list of a choice column's values, under the editor */
  GtkWidget     *choice_list;   /* its GtkListBox, one row per value */
  GtkWidget     *context_menu;  /* GtkPopoverMenu of trj_grid_set_context_menu(), or NULL */
  GMenuModel    *context_model; /* its model: the popover is built when first asked for */

  TrjGridModel  *model;
  gulong         changed_handler;
  GListStore    *rows;
  GPtrArray     *cells;         /* bound GtkInscription cells */
  guint          generation;    /* of the model's values; bumped on "changed" */

  guint          cursor_row;
  guint          cursor_column;
  guint          anchor_row;
  guint          anchor_column;

  gboolean       editing;
  gboolean       edit_typed;    /* started by typing: arrows commit and move */
  guint          edit_row;
  guint          edit_column;
  char          *edit_original;

  char          *message_text;
  char          *context_text;  /* what the page says around the grid (its alerts) */
  gboolean       escape_closes; /* Escape with nothing to cancel goes on to the window */
  char          *cursor_note;   /* the note of the cursor's cell, in the focus sink's description */
  guint          message_row;
  guint          message_column;

  guint          focus_source;
  gboolean       focus_pending;
  gboolean       loading;       /* rows still to add after the first frame */
  guint          load_tick;     /* adds them, a chunk a frame */
  gulong         painted_handler;
  gulong         refocus_handler; /* after-paint: focus from the editor to the grid */
  GdkFrameClock *refocus_clock;   /* weak */
  guint          drag_anchor_row;
  guint          drag_anchor_column;

  ColumnWidth   *widths;        /* n_columns: see "Column widths" below */
  gboolean       widths_pending; /* measure every row once mapped */
  guint          widths_source; /* applies the widths grown by new texts */
};

G_DEFINE_FINAL_TYPE (TrjGrid, trj_grid, GTK_TYPE_WIDGET)

/* The focus sink: focusable, draws nothing, takes no room. */
#define TRJ_TYPE_GRID_FOCUS (trj_grid_focus_get_type ())
G_DECLARE_FINAL_TYPE (TrjGridFocus, trj_grid_focus, TRJ, GRID_FOCUS, GtkWidget)

struct _TrjGridFocus
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (TrjGridFocus, trj_grid_focus, GTK_TYPE_WIDGET)

static void
trj_grid_focus_class_init (TrjGridFocusClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "trjgridfocus");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GRID_CELL);
}

static void
trj_grid_focus_init (TrjGridFocus *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/* The selection layer: covers the grid, lets the pointer through, and
 * draws the rules between columns, the range and the cursor of its grid
 * (see draw_selection()). */
#define TRJ_TYPE_GRID_SELECTION (trj_grid_selection_get_type ())
G_DECLARE_FINAL_TYPE (TrjGridSelection, trj_grid_selection, TRJ, GRID_SELECTION, GtkWidget)

struct _TrjGridSelection
{
  GtkWidget  parent_instance;
  TrjGrid   *grid;
};

G_DEFINE_FINAL_TYPE (TrjGridSelection, trj_grid_selection, GTK_TYPE_WIDGET)

static void draw_selection (TrjGrid *self, GtkWidget *layer, GtkSnapshot *snapshot);

static void
trj_grid_selection_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  draw_selection (TRJ_GRID_SELECTION (widget)->grid, widget, snapshot);
}

static void
trj_grid_selection_class_init (TrjGridSelectionClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = trj_grid_selection_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "trjgridselection");
}

static void
trj_grid_selection_init (TrjGridSelection *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

enum {
  CELL_ERROR,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a cell widget knows of itself: its list item (for the row), column,
 * and the model generation its text was read at. */
typedef struct {
  GtkListItem *item;
  guint        column;
  guint        generation;
  /* What the cell last told assistive technologies, so that an edit tells
   * only what changed (each change is a message on the accessibility bus):
   * its row + 1 and read-only + 1 (0: not yet); a note is told only on a
   * cell that has or had one (its has-note class). */
  guint        a11y_row;
  int          a11y_read_only;
} CellInfo;

static void
cell_info_free (gpointer data)
{
  CellInfo *info = data;

  g_free (info);
}

static GQuark cell_quark;
static GQuark row_cells_quark;   /* on a row object: GtkWidget *[n_columns] */

static void  scroll_to_cursor (TrjGrid *self, gboolean jump);
static void  describe_cursor  (TrjGrid *self, GtkWidget *cell);
static void  queue_selection_draw (TrjGrid *self);
static float column_xalign    (const TrjGridColumn *desc);

static CellInfo *
cell_info (GtkWidget *cell)
{
  return g_object_get_qdata (G_OBJECT (cell), cell_quark);
}

static guint
cell_row (GtkWidget *cell)
{
  return gtk_list_item_get_position (cell_info (cell)->item);
}

static guint
n_rows (TrjGrid *self)
{
  return self->model != NULL ? trj_grid_model_get_n_rows (self->model) : 0;
}

static guint
n_columns (TrjGrid *self)
{
  return self->model != NULL ? trj_grid_model_get_n_columns (self->model) : 0;
}

static GtkWidget **
row_cells (GObject *row_object)
{
  return g_object_get_qdata (row_object, row_cells_quark);
}

static GtkWidget *
find_cell (TrjGrid *self,
           guint    row,
           guint    column)
{
  g_autoptr(GObject) row_object = NULL;
  GtkWidget **cells;

  if (row >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)) || column >= n_columns (self))
    return NULL;
  row_object = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  cells = row_cells (row_object);
  return cells != NULL ? cells[column] : NULL;
}

/* The cell under a point: the inscription or the column view cell around it. */
static GtkWidget *
pick_cell (TrjGrid *self,
           double   x,
           double   y)
{
  GtkWidget *widget = gtk_widget_pick (self->column_view, x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != self->column_view; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (cell_info (widget) != NULL)
        return widget;
      if (child != NULL && cell_info (child) != NULL)
        return child;
    }
  return NULL;
}

static void
set_css_class (GtkWidget  *widget,
               const char *name,
               gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

static void
selection_bounds (TrjGrid *self,
                  guint   *first_row,
                  guint   *first_column,
                  guint   *last_row,
                  guint   *last_column)
{
  *first_row = MIN (self->anchor_row, self->cursor_row);
  *last_row = MAX (self->anchor_row, self->cursor_row);
  *first_column = MIN (self->anchor_column, self->cursor_column);
  *last_column = MAX (self->anchor_column, self->cursor_column);
}

/* Refreshes one cell: its text, alert and editability when the values may
 * have changed. Nothing is set when nothing changed, so a refresh of every
 * visible cell stays cheap. */
/* Column widths
 *
 * Each column is as wide as its widest text and its title, so that labels
 * and figures show whole (GtkInscription sizes from a number of characters,
 * whatever the text): a fixed width per column, measured over the first
 * MEASURED_ROWS rows and the total rows when the grid is mapped with a
 * model, grown when a longer text comes into a bound cell, never shrunk
 * under the planner's eyes. Free text stops at TEXT_MAX_CHARS characters,
 * the rest ellipsized and whole in its tooltip. The expanding column (the
 * label) has no fixed width: its cells ask for their text's width, so it
 * has its text whole when the window has room, gives way first (down to
 * its cells' minimum) when it has not, and takes what is left over. A
 * column resized by hand keeps the user's width.
 */
#define MEASURED_ROWS 200
#define TEXT_MAX_CHARS 36
/* The horizontal padding of .trj-grid-cell (trj-grid.css); the text's width
 * is rounded up to whole pixels by pango_layout_get_pixel_size(). */
#define CELL_PADDING_X (6 + 6)

static PangoLayout *
cell_layout (TrjGrid *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (self->column_view, NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* The cells' figures are tabular (trj-grid.css). */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int
cell_text_width (PangoLayout *layout,
                 const char  *text)
{
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width + CELL_PADDING_X;
}

/* Notes a text of a column; TRUE when it widens the column. */
static gboolean
note_column_text (ColumnWidth *width,
                  PangoLayout *layout,
                  const char  *text)
{
  int pixels;

  if (text == NULL || *text == '\0')
    return FALSE;
  width->chars = MAX (width->chars, g_utf8_strlen (text, -1));
  pixels = cell_text_width (layout, text);
  if (pixels <= width->content)
    return FALSE;
  width->content = pixels;
  return TRUE;
}

/* The header's title widget of a column (the header is the column view's
 * child that is not the list view; its children are the columns' titles). */
static GtkWidget *
column_title (TrjGrid *self,
              guint    column)
{
  GtkWidget *header = gtk_widget_get_first_child (self->column_view);
  GtkWidget *title;
  guint i = 0;

  if (header == self->list_view)
    header = gtk_widget_get_next_sibling (header);
  for (title = header != NULL ? gtk_widget_get_first_child (header) : NULL; title != NULL;
       title = gtk_widget_get_next_sibling (title), i++)
    if (i == column)
      return title;
  return NULL;
}

static void
apply_column_widths (TrjGrid *self)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));
  g_autoptr(PangoLayout) layout = cell_layout (self);
  PangoFontMetrics *metrics = pango_context_get_metrics (pango_layout_get_context (layout), NULL, NULL);
  int char_pixels = MAX (1, MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                 pango_font_metrics_get_approximate_digit_width (metrics)) / PANGO_SCALE);
  int text_max = pango_font_metrics_get_approximate_char_width (metrics) * TEXT_MAX_CHARS / PANGO_SCALE
                 + CELL_PADDING_X;

  pango_font_metrics_unref (metrics);
  for (guint i = 0; i < n_columns (self) && i < g_list_model_get_n_items (columns); i++)
    {
      const TrjGridColumn *desc = trj_grid_model_get_column (self->model, i);
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      ColumnWidth *width = &self->widths[i];
      GtkWidget *title = column_title (self, i);
      int title_width = 0, pixels;

      if (width->by_hand)
        continue;
      if (desc->expand)
        {
          /* GtkInscription's character is the wider of a letter and a digit. */
          int nat_chars = (MIN (width->content, text_max) - CELL_PADDING_X + char_pixels) / char_pixels;

          if (nat_chars > width->nat_chars)
            {
              width->nat_chars = nat_chars;
              for (guint c = 0; c < self->cells->len; c++)
                if (cell_info (g_ptr_array_index (self->cells, c))->column == i)
                  gtk_inscription_set_nat_chars (g_ptr_array_index (self->cells, c), nat_chars);
            }
          continue;
        }
      if (title != NULL)
        gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &title_width, NULL, NULL);
      pixels = MAX (title_width, desc->kind == TRJ_GRID_VALUE_TEXT ? MIN (width->content, text_max)
                                                                   : width->content);
      if (pixels != width->applied)
        {
          width->applied = pixels;
          gtk_column_view_column_set_fixed_width (column, pixels);
        }
    }
}

/* Of a column's texts, only those about as long as its longest are laid out
 * (as grow_column does: a few letters fewer can still be wider), each
 * distinct one once: laying out every text of 200 rows took most of a
 * 200-line grid's first frame. */
static void
measure_columns (TrjGrid *self)
{
  g_autoptr(PangoLayout) layout = cell_layout (self);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (glong));
  /* Each distinct text once (the texts belong to `texts`). */
  g_autoptr(GHashTable) measured = g_hash_table_new (g_str_hash, g_str_equal);
  guint rows = n_rows (self);
  guint first_total = trj_grid_model_get_n_data_rows (self->model);

  self->widths_pending = FALSE;
  for (guint column = 0; column < n_columns (self); column++)
    {
      glong longest = 0;

      g_ptr_array_set_size (texts, 0);
      g_array_set_size (lengths, 0);
      for (guint row = 0; row < rows; row++)
        {
          char *text;
          glong length;

          /* Past the first rows, only the totals (the widest figures). */
          if (row == MEASURED_ROWS && first_total > row)
            row = first_total;
          if (row >= rows)
            break;
          text = trj_grid_model_get_text (self->model, row, column);
          length = text != NULL ? g_utf8_strlen (text, -1) : 0;
          longest = MAX (longest, length);
          g_ptr_array_add (texts, text);
          g_array_append_val (lengths, length);
        }
      for (guint i = 0; i < texts->len; i++)
        if (g_array_index (lengths, glong, i) + 4 > longest && g_ptr_array_index (texts, i) != NULL
            && g_hash_table_add (measured, g_ptr_array_index (texts, i)))
          note_column_text (&self->widths[column], layout, g_ptr_array_index (texts, i));
      g_hash_table_remove_all (measured);
    }
  apply_column_widths (self);
}

static gboolean
apply_column_widths_cb (gpointer data)
{
  TrjGrid *self = data;

  self->widths_source = 0;
  apply_column_widths (self);
  return G_SOURCE_REMOVE;
}

/* A cell shows a new text: one about as long as the longest its column has
 * seen, or longer, is measured (a few letters fewer can still be wider), and
 * widens the column after this update. */
static void
grow_column (TrjGrid    *self,
             guint       column,
             const char *text)
{
  ColumnWidth *width = &self->widths[column];
  g_autoptr(PangoLayout) layout = NULL;

  if (self->widths_pending || g_utf8_strlen (text, -1) + 4 <= width->chars)
    return;
  layout = cell_layout (self);
  if (note_column_text (width, layout, text) && self->widths_source == 0)
    self->widths_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_column_widths_cb, self, NULL);
}

static void
column_width_notify_cb (GtkColumnViewColumn *column,
                        GParamSpec          *pspec,
                        TrjGrid             *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), "trj-grid-column"));

  if (self->widths != NULL && gtk_column_view_column_get_fixed_width (column) != self->widths[i].applied)
    self->widths[i].by_hand = TRUE;
  queue_selection_draw (self);
}

static void
update_cell (TrjGrid   *self,
             GtkWidget *cell,
             gboolean   values)
{
  CellInfo *info = cell_info (cell);
  guint row = cell_row (cell);

  if (self->model == NULL || row >= n_rows (self))
    return;

  if (values)
    {
      GtkInscription *inscription = GTK_INSCRIPTION (cell);
      g_autofree char *text = trj_grid_model_get_text (self->model, row, info->column);
      g_autofree char *tooltip = NULL;
      TrjGridAlert alert;

      if (g_strcmp0 (text, gtk_inscription_get_text (inscription)) != 0)
        {
          const TrjGridColumn *column = trj_grid_model_get_column (self->model, info->column);
          g_autofree char *name = trj_grid_column_name (column);
          /* TRANSLATORS: accessible name of a grid cell: column title, value. */
          g_autofree char *label = g_strdup_printf (_("%s: %s"), name, text);

          gtk_inscription_set_text (inscription, text);
          grow_column (self, info->column, text);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
          /* GTK's own cell around it is a grid cell too, named after its
           * class unless told otherwise. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (cell)),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
          /* The cursor's cell changed value (an edit, an undo): say it. */
          if (row == self->cursor_row && info->column == self->cursor_column)
            describe_cursor (self, cell);
        }
      /* Where the cell is in the table (1-based), and whether it can be
       * typed into: a recycled cell changes row. */
      if (info->a11y_row != row + 1)
        {
          gtk_accessible_update_relation (GTK_ACCESSIBLE (cell),
                                          GTK_ACCESSIBLE_RELATION_ROW_INDEX, (int) row + 1,
                                          GTK_ACCESSIBLE_RELATION_COL_INDEX, (int) info->column + 1,
                                          -1);
          info->a11y_row = row + 1;
        }
      {
        gboolean read_only = !trj_grid_model_is_editable (self->model, row, info->column);

        if (info->a11y_read_only != read_only + 1)
          {
            gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_READ_ONLY,
                                            read_only, -1);
            info->a11y_read_only = read_only + 1;
          }
      }

      /* The tooltip is asked for when shown (cell_query_tooltip_cb): set
       * here, it made GTK ask the X server where the pointer is. */
      alert = trj_grid_model_get_alert (self->model, row, info->column, &tooltip);
      set_css_class (cell, "alert-warning", alert == TRJ_GRID_ALERT_WARNING);
      set_css_class (cell, "alert-error", alert == TRJ_GRID_ALERT_ERROR);
      set_css_class (cell, "computed",
                     !trj_grid_model_is_editable (self->model, row, info->column));
      /* A note: a mark in the corner, the text in the tooltip and read out
       * as the cell's description. */
      {
        g_autofree char *note = trj_grid_model_get_note (self->model, row, info->column);

        /* Only a cell that has or had a note is touched: the others keep
         * whatever description they were given. */
        if (note != NULL)
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          note, -1);
        else if (gtk_widget_has_css_class (cell, "has-note"))
          gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        set_css_class (cell, "has-note", note != NULL);
        /* A note given to the cursor's cell or taken from it: say it. */
        if (row == self->cursor_row && info->column == self->cursor_column &&
            g_strcmp0 (note, self->cursor_note) != 0)
          describe_cursor (self, cell);
      }
      info->generation = self->generation;
    }
}

/* A cell's tooltip: its alert with the accepted range, else the whole text
 * of a text column (which may be cut). */
static gboolean
cell_query_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       TrjGrid    *self)
{
  CellInfo *info = cell_info (cell);
  guint row = cell_row (cell);
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;

  if (self->model == NULL || row >= n_rows (self))
    return FALSE;
  trj_grid_model_get_alert (self->model, row, info->column, &text);
  if (text == NULL && trj_grid_model_get_column (self->model, info->column)->kind == TRJ_GRID_VALUE_TEXT)
    text = g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (cell)));
  note = trj_grid_model_get_note (self->model, row, info->column);
  if (note != NULL)
    {
      /* TRANSLATORS: the tooltip of a cell with a note, %s is the note */
      g_autofree char *line = g_strdup_printf (_("Note: %s"), note);
      char *with_note = text != NULL && *text != '\0' ? g_strconcat (text, "\n", line, NULL)
                                                     : g_steal_pointer (&line);

      g_free (text);
      text = with_note;
    }
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Refreshes the stale cells of the rows in the viewport (and one more on each side). */
static void
update_visible_cells (TrjGrid *self)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  GtkWidget *some_cell = self->cells->len > 0 ? g_ptr_array_index (self->cells, 0) : NULL;
  int row_height;
  guint first, last, row, column;

  if (some_cell == NULL || vadjustment == NULL)
    return;
  /* Rows of a grid all have the height of one line of text. */
  row_height = gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (some_cell)));
  if (row_height <= 0)
    {
      guint i;

      /* Not laid out yet: refresh everything bound. */
      for (i = 0; i < self->cells->len; i++)
        update_cell (self, g_ptr_array_index (self->cells, i), TRUE);
      return;
    }

  first = MAX (0.0, gtk_adjustment_get_value (vadjustment) / row_height - 1);
  last = (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment)) / row_height + 1;
  last = MIN (last, n_rows (self) > 0 ? n_rows (self) - 1 : 0);
  for (row = first; row <= last && row < n_rows (self); row++)
    for (column = 0; column < n_columns (self); column++)
      {
        GtkWidget *cell = find_cell (self, row, column);

        if (cell != NULL && cell_info (cell)->generation != self->generation)
          update_cell (self, cell, TRUE);
      }
}

/* The top and bottom of a row in the layer's coordinates. A row that is
 * not bound is far out of sight: above or below the list, as it comes. */
static void
row_span (TrjGrid         *self,
          GtkWidget       *layer,
          guint            row,
          const graphene_rect_t *list,
          double          *top,
          double          *bottom)
{
  GtkWidget *cell = find_cell (self, row, 0);
  graphene_rect_t bounds;
  guint first_bound = G_MAXUINT;
  guint i;

  if (cell != NULL && gtk_widget_compute_bounds (cell, layer, &bounds))
    {
      *top = bounds.origin.y;
      *bottom = bounds.origin.y + bounds.size.height;
      return;
    }
  for (i = 0; i < self->cells->len; i++)
    first_bound = MIN (first_bound, cell_row (g_ptr_array_index (self->cells, i)));
  if (row < first_bound)
    *top = *bottom = list->origin.y - 4;
  else
    *top = *bottom = list->origin.y + list->size.height + 4;
}

/* The left and right of a column, from any bound row. */
static gboolean
column_span (TrjGrid   *self,
             GtkWidget *layer,
             guint      row,
             guint      column,
             double    *left,
             double    *right)
{
  GtkWidget *cell = find_cell (self, row, column);
  graphene_rect_t bounds;

  if (cell == NULL && self->cells->len > 0)
    cell = find_cell (self, cell_row (g_ptr_array_index (self->cells, 0)), column);
  if (cell == NULL || !gtk_widget_compute_bounds (cell, layer, &bounds))
    return FALSE;
  *left = bounds.origin.x;
  *right = bounds.origin.x + bounds.size.width;
  return TRUE;
}

/* The rules between columns, the range (a tint) and the cursor (a frame
 * inside its cell), clipped to the rows. The rules take the text colour of
 * the column view, faint; the range and cursor the layer's CSS colour (the
 * accent, see trj-grid.css); high contrast gets stronger rules and tint and
 * a thicker frame. */
static void
draw_selection (TrjGrid     *self,
                GtkWidget   *layer,
                GtkSnapshot *snapshot)
{
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  float frame = high_contrast ? 3 : 2;
  graphene_rect_t list;
  GdkRGBA accent, tint, rule;
  guint first_row, first_column, last_row, last_column;
  double top, bottom, left, right, ignored;

  if (self->model == NULL || n_rows (self) == 0 || self->list_view == NULL ||
      !gtk_widget_compute_bounds (self->list_view, layer, &list))
    return;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (layer), &accent);
  gtk_style_context_get_color (gtk_widget_get_style_context (self->column_view), &rule);
G_GNUC_END_IGNORE_DEPRECATIONS
  tint = accent;
  tint.alpha *= high_contrast ? 0.35f : 0.18f;
  rule.alpha *= high_contrast ? 0.5f : 0.15f;

  /* The list is as wide as every column, the part in sight is the scrolled
   * window's: scrolled to the right, the rules and frames of the columns out
   * of sight must not draw over what is left of the grid (the sidebar). */
  {
    graphene_rect_t view;

    if (gtk_widget_compute_bounds (gtk_widget_get_parent (self->column_view), layer, &view) &&
        !graphene_rect_intersection (&list, &view, &list))
      return;
  }
  gtk_snapshot_push_clip (snapshot, &list);
  row_span (self, layer, n_rows (self) - 1, &list, &ignored, &bottom);
  for (guint column = 1; column < n_columns (self); column++)
    if (column_span (self, layer, self->cursor_row, column, &left, &right))
      gtk_snapshot_append_color (snapshot, &rule,
                                 &GRAPHENE_RECT_INIT (left, list.origin.y, 1, bottom - list.origin.y));
  selection_bounds (self, &first_row, &first_column, &last_row, &last_column);
  if ((first_row != last_row || first_column != last_column) &&
      column_span (self, layer, first_row, first_column, &left, &ignored) &&
      column_span (self, layer, last_row, last_column, &ignored, &right))
    {
      row_span (self, layer, first_row, &list, &top, &ignored);
      row_span (self, layer, last_row, &list, &ignored, &bottom);
      gtk_snapshot_append_color (snapshot, &tint,
                                 &GRAPHENE_RECT_INIT (left, top, right - left, bottom - top));
    }
  /* The frame says where typing goes: only while the keyboard is in the grid. */
  if ((gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0 &&
      self->cursor_row < n_rows (self) &&
      column_span (self, layer, self->cursor_row, self->cursor_column, &left, &right))
    {
      GskRoundedRect outline;

      row_span (self, layer, self->cursor_row, &list, &top, &bottom);
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (left, top, right - left, bottom - top), 0);
      gtk_snapshot_append_border (snapshot, &outline,
                                  (float[4]) { frame, frame, frame, frame },
                                  (GdkRGBA[4]) { accent, accent, accent, accent });
    }
  gtk_snapshot_pop (snapshot);
}

/* The range and the cursor moved, or the cells under them: one redraw. */
static void
queue_selection_draw (TrjGrid *self)
{
  if (self->selection != NULL)
    gtk_widget_queue_draw (self->selection);
}

/* The editor, the message and the list of choices follow their cell:
 * re-place them. */
static void
queue_overlay_layout (TrjGrid *self)
{
  if (gtk_widget_get_visible (self->message) || gtk_widget_get_visible (self->choices) ||
      self->editing)
    gtk_widget_queue_allocate (self->overlay);
}

/* What the focus sink (the cursor's cell for a screen reader) is described
 * by: a refusal while it shows, else the cursor cell's note and what the
 * page says around the grid (its alerts). */
static void
update_sink_description (TrjGrid *self)
{
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;

  if (self->message_text != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_sink), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->message_text, -1);
      return;
    }
  if (self->cursor_note != NULL)
    /* TRANSLATORS: the description of a cell with a note, %s is the note */
    note = g_strdup_printf (_("Note: %s"), self->cursor_note);
  if (note != NULL && self->context_text != NULL)
    text = g_strconcat (note, "\n", self->context_text, NULL);
  else
    text = g_strdup (note != NULL ? note : self->context_text);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_sink), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->focus_sink), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
hide_message (TrjGrid *self)
{
  if (self->message_text == NULL)
    return;
  g_clear_pointer (&self->message_text, g_free);
  gtk_widget_set_visible (self->message, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->message), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  update_sink_description (self);
}

void
trj_grid_set_escape_closes (TrjGrid  *self,
                            gboolean  escape_closes)
{
  g_return_if_fail (TRJ_IS_GRID (self));
  self->escape_closes = !!escape_closes;
}

void
trj_grid_set_context_description (TrjGrid    *self,
                                  const char *text)
{
  g_return_if_fail (TRJ_IS_GRID (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->context_text) == 0)
    return;
  g_free (self->context_text);
  self->context_text = g_strdup (text);
  update_sink_description (self);
}

static void
show_message (TrjGrid    *self,
              guint       row,
              guint       column,
              const char *text)
{
  g_free (self->message_text);
  self->message_text = g_strdup (text);
  self->message_row = row;
  self->message_column = column;
  gtk_label_set_text (GTK_LABEL (self->message), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_visible (self->message, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->message), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
  /* GTK 4.8 tells assistive technology nothing when a label shows (no
   * children-changed, no announcement API before GTK 4.14): the reason
   * becomes the description of what has the focus, the editor or the cell,
   * and a screen reader reads a change of the focused object's description
   * (object:property-change:accessible-description over AT-SPI; Orca says
   * it). tests/a11y-events hears it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_sink), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  queue_overlay_layout (self);
  g_signal_emit (self, signals[CELL_ERROR], 0, row, column, text);
}

static void
selection_changed (TrjGrid *self)
{
  queue_selection_draw (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
move_to (TrjGrid  *self,
         int       row,
         int       column,
         gboolean  extend)
{
  guint rows = n_rows (self);
  guint columns = n_columns (self);
  guint previous_row = self->cursor_row;

  if (rows == 0 || columns == 0)
    return;

  self->cursor_row = CLAMP (row, 0, (int) rows - 1);
  self->cursor_column = CLAMP (column, 0, (int) columns - 1);
  if (!extend)
    {
      self->anchor_row = self->cursor_row;
      self->anchor_column = self->cursor_column;
    }
  hide_message (self);
  selection_changed (self);
  scroll_to_cursor (self, ABS ((int) self->cursor_row - (int) previous_row) > 1);
}

/* Tab and Shift+Tab run along the row and wrap to the next or previous one. */
static void
move_along (TrjGrid *self,
            int      step)
{
  int columns = n_columns (self);
  int row = self->cursor_row;
  int column = (int) self->cursor_column + step;

  if (column >= columns && row + 1 < (int) n_rows (self))
    {
      row++;
      column = 0;
    }
  else if (column < 0 && row > 0)
    {
      row--;
      column = columns - 1;
    }
  move_to (self, row, column, FALSE);
}

static int
rows_per_page (TrjGrid *self)
{
  GtkWidget *cell = self->cells->len > 0 ? g_ptr_array_index (self->cells, 0) : NULL;
  int height = cell != NULL ? gtk_widget_get_height (gtk_widget_get_parent (cell)) : 0;

  if (height <= 0)
    return 10;
  return MAX (1, gtk_widget_get_height (self->list_view) / height - 1);
}

/* Horizontal scrolling: the list view scrolls rows into view, not columns. */
static void
scroll_column_into_view (TrjGrid   *self,
                         GtkWidget *cell)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));
  graphene_rect_t bounds;
  double value, width;

  if (hadjustment == NULL ||
      !gtk_widget_compute_bounds (cell, self->column_view, &bounds))
    return;

  value = gtk_adjustment_get_value (hadjustment);
  width = gtk_widget_get_width (self->column_view);
  if (bounds.origin.x < 0)
    gtk_adjustment_set_value (hadjustment, value + bounds.origin.x);
  else if (bounds.origin.x + bounds.size.width > width)
    gtk_adjustment_set_value (hadjustment,
                              value + MIN (bounds.origin.x,
                                           bounds.origin.x + bounds.size.width - width));
}

/* What a screen reader says of the cursor cell: its column, line and text;
 * cell is NULL while the cursor's row is not bound yet. */
static void
describe_cursor (TrjGrid *self, GtkWidget *cell)
{
  const TrjGridColumn *desc;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (self->model == NULL)
    return;
  if (self->cursor_row >= n_rows (self) || self->cursor_column >= trj_grid_model_get_n_columns (self->model))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_sink),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No line to show"), -1);
      return;
    }
  desc = trj_grid_model_get_column (self->model, self->cursor_column);
  text = trj_grid_model_get_text (self->model, self->cursor_row, self->cursor_column);
  name = trj_grid_column_name (desc);
  /* Translators: what a screen reader says of the grid's cursor cell:
   * column title, line number, the cell's text. */
  label = g_strdup_printf (_("%s, line %u: %s"), name, self->cursor_row + 1, text != NULL ? text : "");
  /* The focus sink stands for the cursor's cell: it is what has the focus. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_sink),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY,
                                  !trj_grid_model_is_editable (self->model, self->cursor_row, self->cursor_column),
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->focus_sink),
                                  GTK_ACCESSIBLE_RELATION_ROW_INDEX, (int) self->cursor_row + 1,
                                  GTK_ACCESSIBLE_RELATION_COL_INDEX, (int) self->cursor_column + 1,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_ROW_COUNT, (int) n_rows (self),
                                  GTK_ACCESSIBLE_RELATION_COL_COUNT, (int) n_columns (self),
                                  -1);
  if (cell != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT, cell, -1);
  /* The cell's note (a line's, on its label) read with it: the description
   * is touched only on a cell that has a note or after one that had, so
   * that a refusal or the page's alert on the others stays as it is. */
  {
    g_autofree char *note = trj_grid_model_get_note (self->model, self->cursor_row, self->cursor_column);

    if (g_strcmp0 (note, self->cursor_note) != 0)
      {
        g_free (self->cursor_note);
        self->cursor_note = g_steal_pointer (&note);
        update_sink_description (self);
      }
  }
}

/* After a scroll the cursor's row is bound at the next layout: show it then. */
static gboolean
focus_cursor_cb (gpointer data)
{
  TrjGrid *self = data;
  GtkWidget *cell;

  self->focus_source = 0;
  cell = find_cell (self, self->cursor_row, self->cursor_column);
  if (cell == NULL)
    {
      describe_cursor (self, NULL);
      return G_SOURCE_REMOVE;
    }

  self->focus_pending = FALSE;
  scroll_column_into_view (self, cell);
  describe_cursor (self, cell);
  queue_overlay_layout (self);
  return G_SOURCE_REMOVE;
}

static void
queue_focus_cursor (TrjGrid *self)
{
  self->focus_pending = TRUE;
  if (self->focus_source == 0)
    self->focus_source = g_idle_add (focus_cursor_cb, self);
}

/* Scrolling relays out every bound row: only ask when the row is not
 * wholly in view already. A jump of more than one row (Page Up/Down,
 * Ctrl+Home/End) always asks: on a loaded machine the bounds of the target
 * cell can still be those of the layout before an earlier scroll, which would
 * wrongly say it is in view. */
static void ensure_row_loaded (TrjGrid *self, guint row);

static void
scroll_to_cursor (TrjGrid *self, gboolean jump)
{
  GtkWidget *cell;
  graphene_rect_t bounds;
  gboolean in_view;

  ensure_row_loaded (self, self->cursor_row);
  cell = find_cell (self, self->cursor_row, self->cursor_column);
  in_view = !jump && cell != NULL && self->list_view != NULL &&
            gtk_widget_compute_bounds (cell, self->list_view, &bounds) &&
            bounds.origin.y >= 0 &&
            bounds.origin.y + bounds.size.height <= gtk_widget_get_height (self->list_view);
  if (!in_view && self->list_view != NULL && self->cursor_row < n_rows (self))
    gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", self->cursor_row);
  queue_focus_cursor (self);
}

/* After the frame that showed the end of an edit: the focus goes back to
 * the grid, and the editor, hidden since, leaves the screen. */
static void
cancel_refocus (TrjGrid *self)
{
  if (self->refocus_handler != 0 && self->refocus_clock != NULL)
    g_signal_handler_disconnect (self->refocus_clock, self->refocus_handler);
  self->refocus_handler = 0;
  g_clear_weak_pointer (&self->refocus_clock);
}

static void
refocus_after_paint_cb (GdkFrameClock *clock,
                        TrjGrid       *self)
{
  cancel_refocus (self);
  if (self->editing)
    return;
  /* is_focus, not has_focus: the focus moves back even while the window
   * is not the active one (a window manager may take it for a moment). */
  if (gtk_widget_is_focus (self->editor))
    gtk_widget_grab_focus (self->focus_sink);
  /* Out of the focus chain until the next edit. */
  gtk_widget_set_focusable (self->editor, FALSE);
  gtk_widget_set_child_visible (self->editor, FALSE);
}

static void
finish_edit (TrjGrid *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->editing = FALSE;
  g_clear_pointer (&self->edit_original, g_free);
  gtk_widget_set_visible (self->choices, FALSE);
  /* Hidden now by a redraw alone; the focus and the editor's state change
   * after the frame (see the top of the file). */
  gtk_widget_set_opacity (self->editor, 0);
  gtk_widget_set_can_target (self->editor, FALSE);
  /* Nothing left selected in it: GtkText warns when its cursor blinks
   * over a selection. */
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, 0);
  cancel_refocus (self);
  if (clock == NULL)
    refocus_after_paint_cb (NULL, self);
  else
    {
      self->refocus_handler = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (refocus_after_paint_cb), self);
      g_set_weak_pointer (&self->refocus_clock, clock);
    }
}

/* ── choice columns: the list under the editor ───────────────────────── */

static const char *
row_choice (GtkListBoxRow *row)
{
  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row)));
}

/* Shows the values that contain the typed text (ignoring case) and
 * highlights the one equal to it, or else the first that starts with it,
 * or else the first shown. A text column's values are suggestions: only one
 * equal to the text, or starting with it, is highlighted (taken by Enter);
 * any other text is kept as typed. */
static void
filter_choices (TrjGrid *self)
{
  g_autofree char *typed = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->editor)), -1);
  gboolean suggestions = trj_grid_model_get_column (self->model, self->edit_column)->kind == TRJ_GRID_VALUE_TEXT;
  GtkListBoxRow *equal = NULL, *prefixed = NULL, *first = NULL;
  GtkListBoxRow *row;
  int i;

  for (i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->choice_list), i)) != NULL; i++)
    {
      g_autofree char *choice = g_utf8_casefold (row_choice (row), -1);
      gboolean shown = strstr (choice, typed) != NULL;

      gtk_widget_set_visible (GTK_WIDGET (row), shown);
      if (shown && first == NULL)
        first = row;
      if (shown && prefixed == NULL && g_str_has_prefix (choice, typed))
        prefixed = row;
      if (equal == NULL && g_str_equal (choice, typed))
        equal = row;
    }
  if (suggestions)
    first = NULL;
  if (suggestions && *typed == '\0')
    prefixed = NULL;
  if (equal == NULL && prefixed == NULL && first == NULL)
    gtk_list_box_unselect_all (GTK_LIST_BOX (self->choice_list));
  else
    gtk_list_box_select_row (GTK_LIST_BOX (self->choice_list),
                             equal != NULL ? equal : prefixed != NULL ? prefixed : first);
}

static void
open_choices (TrjGrid             *self,
              const TrjGridColumn *desc)
{
  GtkWidget *child;
  guint i;

  while ((child = gtk_widget_get_first_child (self->choice_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->choice_list), child);
  for (i = 0; desc->choices[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (desc->choices[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_list_box_append (GTK_LIST_BOX (self->choice_list), label);
      /* The keyboard stays in the editor. */
      gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
    }
  gtk_widget_set_visible (self->choices, TRUE);
  filter_choices (self);
}

/* Up and Down walk the values shown. */
static void
move_choice (TrjGrid *self,
             int      step)
{
  GtkListBox *list = GTK_LIST_BOX (self->choice_list);
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);
  int i = selected != NULL ? gtk_list_box_row_get_index (selected) : -1;
  GtkListBoxRow *row;

  for (i += step; i >= 0 && (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i += step)
    if (gtk_widget_get_visible (GTK_WIDGET (row)))
      {
        gtk_list_box_select_row (list, row);
        return;
      }
}

/* The highlighted value goes into the editor before a commit. */
static void
take_choice (TrjGrid *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->choice_list));

  if (gtk_widget_get_visible (self->choices) && selected != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->editor), row_choice (selected));
}

static void
editor_changed_cb (TrjGrid *self)
{
  if (gtk_widget_get_visible (self->choices))
    filter_choices (self);
}

static void
choice_activated_cb (TrjGrid       *self,
                     GtkListBoxRow *row)
{
  gtk_list_box_select_row (GTK_LIST_BOX (self->choice_list), row);
  take_choice (self);
  if (trj_grid_commit_edit (self))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

gboolean
trj_grid_start_editing (TrjGrid    *self,
                        const char *initial_text)
{
  const TrjGridColumn *desc;
  GtkEditable *editable;

  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);

  if (self->model == NULL || self->cursor_row >= n_rows (self))
    return FALSE;
  if (self->editing)
    return TRUE;

  hide_message (self);
  if (!trj_grid_model_is_editable (self->model, self->cursor_row, self->cursor_column))
    {
      show_message (self, self->cursor_row, self->cursor_column,
                    _("This cell is computed: it cannot be changed"));
      return FALSE;
    }

  self->anchor_row = self->cursor_row;
  self->anchor_column = self->cursor_column;
  selection_changed (self);

  self->editing = TRUE;
  self->edit_typed = initial_text != NULL;
  self->edit_row = self->cursor_row;
  self->edit_column = self->cursor_column;
  self->edit_original = trj_grid_model_get_edit_text (self->model, self->edit_row, self->edit_column);

  desc = trj_grid_model_get_column (self->model, self->edit_column);
  editable = GTK_EDITABLE (self->editor);
  gtk_editable_set_alignment (editable, column_xalign (desc));
  gtk_editable_set_text (editable, initial_text != NULL ? initial_text : self->edit_original);
  if ((desc->kind == TRJ_GRID_VALUE_CHOICE || desc->kind == TRJ_GRID_VALUE_TEXT) && desc->choices != NULL)
    open_choices (self, desc);
  {
    g_autofree char *name = trj_grid_column_name (desc);
    /* TRANSLATORS: accessible name of the grid's editor: column title, line number. */
    g_autofree char *label = g_strdup_printf (_("Editing %s, line %u"), name, self->edit_row + 1);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  gtk_widget_set_focusable (self->editor, TRUE);
  gtk_widget_set_child_visible (self->editor, TRUE);
  gtk_widget_set_opacity (self->editor, 1);
  gtk_widget_set_can_target (self->editor, TRUE);
  gtk_widget_queue_allocate (self->overlay);
  gtk_widget_grab_focus (self->editor);
  gtk_editable_select_region (editable, -1, -1);
  scroll_to_cursor (self, FALSE);
  queue_overlay_layout (self);
  return TRUE;
}

gboolean
trj_grid_commit_edit (TrjGrid *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);

  if (!self->editing)
    return TRUE;

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));
  if (!self->edit_typed && g_strcmp0 (text, self->edit_original) == 0)
    {
      finish_edit (self);
      return TRUE;
    }

  if (!trj_grid_model_set_cell (self->model, self->edit_row, self->edit_column, text, &error))
    {
      /* Refused: the model kept its value; the text stays for correction. */
      show_message (self, self->edit_row, self->edit_column, error->message);
      gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
      return FALSE;
    }

  hide_message (self);
  finish_edit (self);
  return TRUE;
}

void
trj_grid_cancel_edit (TrjGrid *self)
{
  g_return_if_fail (TRJ_IS_GRID (self));

  if (!self->editing)
    return;
  hide_message (self);
  finish_edit (self);
}

gboolean
trj_grid_is_editing (TrjGrid *self)
{
  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);
  return self->editing;
}

GtkEditable *
trj_grid_get_editor (TrjGrid *self)
{
  g_return_val_if_fail (TRJ_IS_GRID (self), NULL);
  return GTK_EDITABLE (self->editor);
}

const char *
trj_grid_get_error_message (TrjGrid *self)
{
  g_return_val_if_fail (TRJ_IS_GRID (self), NULL);
  return self->message_text;
}

char *
trj_grid_copy_text (TrjGrid *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint first_row, first_column, last_row, last_column, row, column;

  g_return_val_if_fail (TRJ_IS_GRID (self), NULL);

  if (self->model == NULL || n_rows (self) == 0)
    return g_strdup ("");

  selection_bounds (self, &first_row, &first_column, &last_row, &last_column);
  for (row = first_row; row <= last_row; row++)
    {
      if (row > first_row)
        g_string_append_c (out, '\n');
      for (column = first_column; column <= last_column; column++)
        {
          g_autofree char *text = trj_grid_model_get_text (self->model, row, column);

          if (column > first_column)
            g_string_append_c (out, '\t');
          trj_csv_append_field (out, text, '\t');
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A region's programming has tens of lines: a block adding more than this
 * is a mistake (a whole column copied), refused before anything is added. */
#define TRJ_GRID_MAX_ADDED_ROWS 1000

/* Sets a block of cells as one batch: every cell is validated first, then
 * set; a refusal on the way rolls the batch back. With fill, texts[0][0]
 * goes everywhere; otherwise a row of texts may be shorter than the block
 * (the rest of it is left alone). Read-only cells are skipped: they are
 * recomputed. With label NULL, the caller has begun the batch and ends it. */
static gboolean
set_block (TrjGrid     *self,
           guint        first_row,
           guint        first_column,
           guint        rows,
           guint        columns,
           GPtrArray   *texts,
           gboolean     fill,
           const char  *label,
           GError     **error)
{
  guint pass, r, c, n_editable = 0;
  gboolean ok = TRUE;

  for (pass = 0; pass < 2 && ok; pass++)
    {
      /* Nothing to set (all computed): no empty undo step. */
      if (pass == 1 && n_editable == 0)
        break;
      if (pass == 1 && label != NULL)
        trj_grid_model_begin_batch (self->model, label);

      for (r = 0; r < rows && ok; r++)
        {
          char **fields = g_ptr_array_index (texts, fill ? 0 : r);
          guint n_fields = g_strv_length (fields);

          for (c = 0; c < columns && ok; c++)
            {
              guint row = first_row + r, column = first_column + c;
              const char *text = fields[fill ? 0 : c];
              g_autoptr(GError) local_error = NULL;

              if (!fill && c >= n_fields)
                break;
              if (!trj_grid_model_is_editable (self->model, row, column))
                continue;
              n_editable++;

              ok = pass == 0
                ? trj_grid_model_validate (self->model, row, column, text, &local_error)
                : trj_grid_model_set_cell (self->model, row, column, text, &local_error);
              if (!ok)
                {
                  g_autofree char *name = trj_grid_column_name (trj_grid_model_get_column (self->model, column));
                  /* TRANSLATORS: where a pasted value was refused, then why. */
                  g_autofree char *where = g_strdup_printf (_("Row %u, column “%s”: %s"),
                                                            row + 1, name,
                                                            local_error->message);

                  g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_PASTE, where);
                  show_message (self, row, column, where);
                }
            }
        }

      if (pass == 1 && label != NULL)
        trj_grid_model_end_batch (self->model, ok);
    }
  return ok;
}

gboolean
trj_grid_paste_text (TrjGrid     *self,
                     const char  *tsv,
                     GError     **error)
{
  g_autoptr(GPtrArray) block = NULL;
  g_autoptr(GError) local_error = NULL;
  guint first_row, first_column, last_row, last_column;
  guint rows, columns, i, added = 0;
  gboolean fill, ok;

  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);
  g_return_val_if_fail (tsv != NULL, FALSE);

  if (self->model == NULL || (n_rows (self) == 0 && !trj_grid_model_can_add_rows (self->model)))
    return TRUE;
  if (self->editing)
    trj_grid_cancel_edit (self);

  block = trj_grid_tsv_parse (tsv);
  selection_bounds (self, &first_row, &first_column, &last_row, &last_column);
  rows = block->len;
  columns = 0;
  for (i = 0; i < block->len; i++)
    columns = MAX (columns, g_strv_length (g_ptr_array_index (block, i)));

  /* One value fills the whole selection, as in a spreadsheet. */
  fill = rows == 1 && columns == 1;
  if (fill)
    {
      rows = last_row - first_row + 1;
      columns = last_column - first_column + 1;
    }

  /* A block going past the last line adds the lines it needs, as a
   * spreadsheet grows under a paste; pasted on a total row, it goes below
   * the last line. */
  if (!fill && trj_grid_model_can_add_rows (self->model))
    {
      guint data_rows = trj_grid_model_get_n_data_rows (self->model);

      first_row = MIN (first_row, data_rows);
      if (first_row + rows > data_rows)
        added = first_row + rows - data_rows;
    }

  if (rows == 0 || columns == 0)
    g_set_error_literal (&local_error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_PASTE,
                         _("The clipboard holds nothing to paste"));
  else if ((added == 0 && first_row + rows > n_rows (self)) || first_column + columns > n_columns (self))
    g_set_error (&local_error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_PASTE,
                 _("The pasted block of %u × %u cells goes past the end of the grid"),
                 rows, columns);
  else if (added > TRJ_GRID_MAX_ADDED_ROWS)
    g_set_error (&local_error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_PASTE,
                 _("The pasted block of %u × %u cells goes past the %u lines a paste may add"),
                 rows, columns, TRJ_GRID_MAX_ADDED_ROWS);
  if (local_error != NULL)
    {
      show_message (self, first_row, first_column, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (added == 0)
    ok = set_block (self, first_row, first_column, rows, columns, block, fill, _("Paste"), error);
  else
    {
      /* The lines added and the values pasted are one undo step. */
      trj_grid_model_begin_batch (self->model, _("Paste"));
      ok = trj_grid_model_add_rows (self->model, added, &local_error);
      if (!ok)
        show_message (self, first_row, first_column, local_error->message);
      ok = ok && set_block (self, first_row, first_column, rows, columns, block, FALSE, NULL, error);
      trj_grid_model_end_batch (self->model, ok);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      /* Refused on a line that was to be added, now gone: the message goes
       * to the last line (it names the row of the block). */
      if (!ok && self->message_text != NULL && self->message_row >= n_rows (self) && n_rows (self) > 0)
        {
          g_autofree char *text = g_strdup (self->message_text);

          show_message (self, n_rows (self) - 1, self->message_column, text);
        }
    }
  if (!ok)
    return FALSE;

  self->anchor_row = first_row + rows - 1;
  self->anchor_column = first_column + columns - 1;
  self->cursor_row = first_row;
  self->cursor_column = first_column;
  hide_message (self);
  selection_changed (self);
  return TRUE;
}

gboolean
trj_grid_clear_selection (TrjGrid  *self,
                          GError  **error)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *fields[] = { "", NULL };
  guint first_row, first_column, last_row, last_column;

  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);

  if (self->model == NULL || n_rows (self) == 0)
    return TRUE;

  g_ptr_array_add (empty, g_strdupv ((char **) fields));
  selection_bounds (self, &first_row, &first_column, &last_row, &last_column);
  return set_block (self, first_row, first_column,
                    last_row - first_row + 1, last_column - first_column + 1,
                    empty, TRUE, _("Clear"), error);
}

gboolean
trj_grid_fill_down (TrjGrid  *self,
                    GError  **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) source = NULL;
  guint first_row, first_column, last_row, last_column, from;

  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);

  if (self->model == NULL || n_rows (self) == 0)
    return TRUE;
  if (self->editing && !trj_grid_commit_edit (self))
    return FALSE;
  selection_bounds (self, &first_row, &first_column, &last_row, &last_column);
  if (first_row == last_row)
    {
      if (first_row == 0)
        return TRUE;
      from = first_row - 1;
    }
  else
    from = first_row++;
  for (guint c = first_column; c <= last_column; c++)
    {
      g_autofree char *text = trj_grid_model_get_edit_text (self->model, from, c);

      g_strv_builder_add (builder, text != NULL ? text : "");
    }
  source = g_strv_builder_end (builder);
  for (guint r = first_row; r <= last_row; r++)
    g_ptr_array_add (texts, g_strdupv (source));
  if (!set_block (self, first_row, first_column, last_row - first_row + 1, last_column - first_column + 1,
                  texts, FALSE, _("Fill Down"), error))
    return FALSE;
  hide_message (self);
  return TRUE;
}

static void
paste_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(TrjGrid) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  /* The grid went away while the clipboard was read. */
  if (self->overlay == NULL)
    return;
  if (text == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, self->cursor_row, self->cursor_column,
                      _("The clipboard holds no text to paste"));
      return;
    }
  /* A refusal is shown next to the cell by trj_grid_paste_text(). */
  trj_grid_paste_text (self, text, NULL);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrjGrid *self = TRJ_GRID (widget);
  g_autofree char *text = trj_grid_copy_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  trj_grid_clear_selection (TRJ_GRID (widget), NULL);
}

static void
cut_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  copy_action (widget, action_name, parameter);
  clear_action (widget, action_name, parameter);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 paste_ready_cb, g_object_ref (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  trj_grid_start_editing (TRJ_GRID (widget), NULL);
}

static gboolean
handle_editing_key (TrjGrid         *self,
                    guint            keyval,
                    GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean choosing = gtk_widget_get_visible (self->choices);
  int row = self->cursor_row, column = self->cursor_column;

  if (choosing && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ||
                   keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    {
      move_choice (self, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      trj_grid_cancel_edit (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      take_choice (self);
      if (trj_grid_commit_edit (self))
        move_to (self, row + (shift ? -1 : 1), column, FALSE);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* Ctrl+Tab is the window's: to its next region. */
      if (state & GDK_CONTROL_MASK)
        return FALSE;
      take_choice (self);
      if (trj_grid_commit_edit (self))
        move_along (self, keyval == GDK_KEY_ISO_Left_Tab || shift ? -1 : 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (trj_grid_commit_edit (self))
        move_to (self, row + (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1),
                 column, FALSE);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      /* After F2 the arrows move in the text; after typing they leave the cell. */
      if (!self->edit_typed || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
        return FALSE;
      if (trj_grid_commit_edit (self))
        move_to (self, row, column + (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left ? -1 : 1),
                 FALSE);
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
handle_control_key (TrjGrid *self,
                    guint    keyval,
                    gboolean shift)
{
  int last_row = (int) n_rows (self) - 1, last_column = (int) n_columns (self) - 1;

  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_c:
      copy_action (GTK_WIDGET (self), NULL, NULL);
      return TRUE;
    case GDK_KEY_x:
      cut_action (GTK_WIDGET (self), NULL, NULL);
      return TRUE;
    case GDK_KEY_v:
      paste_action (GTK_WIDGET (self), NULL, NULL);
      return TRUE;
    case GDK_KEY_a:
      trj_grid_select_range (self, 0, 0, last_row, last_column);
      return TRUE;
    case GDK_KEY_d:
      /* Ctrl+Maj+D duplicates the line (the window's). */
      if (shift)
        return FALSE;
      trj_grid_fill_down (self, NULL);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_to (self, 0, 0, shift);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_to (self, last_row, last_column, shift);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_to (self, 0, self->cursor_column, shift);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_to (self, last_row, self->cursor_column, shift);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_to (self, self->cursor_row, 0, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_to (self, self->cursor_row, last_column, shift);
      return TRUE;
    default:
      /* Ctrl+Z, Ctrl+Maj+D, Ctrl+Delete… belong to the window. */
      return FALSE;
    }
}

gboolean
trj_grid_handle_key (TrjGrid         *self,
                     guint            keyval,
                     GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  int row, column;
  gunichar ch;

  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);

  if (self->model == NULL || n_rows (self) == 0 || n_columns (self) == 0)
    return FALSE;
  if (self->editing)
    return handle_editing_key (self, keyval, state);
  /* The context menu: the Menu key, or Maj+F10. */
  if ((keyval == GDK_KEY_Menu && !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
      || (keyval == GDK_KEY_F10 && (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == GDK_SHIFT_MASK))
    return trj_grid_popup_context_menu (self);
  /* Ctrl+Tab, Ctrl+Maj+Tab: along the row to the next or previous cell;
   * past the last (or before the first) it is the window's, to its next
   * region. */
  if ((state & GDK_CONTROL_MASK) != 0 && (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab ||
                                         keyval == GDK_KEY_ISO_Left_Tab))
    {
      gboolean back = keyval == GDK_KEY_ISO_Left_Tab || shift;

      row = self->cursor_row;
      column = self->cursor_column;
      if (back ? row == 0 && column == 0
               : row + 1 == (int) n_rows (self) && column + 1 == (int) n_columns (self))
        return FALSE;
      move_along (self, back ? -1 : 1);
      return TRUE;
    }
  if (state & GDK_CONTROL_MASK)
    return handle_control_key (self, keyval, shift);
  if (state & (GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  row = self->cursor_row;
  column = self->cursor_column;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_to (self, row - 1, column, shift);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_to (self, row + 1, column, shift);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_to (self, row, column - 1, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_to (self, row, column + 1, shift);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* Tab and Maj+Tab leave the grid, to the next or previous widget of
       * the window, as everywhere else (issue 19); Ctrl+Tab moves between
       * cells, and Tab does while a cell is typed (handle_editing_key). */
      return FALSE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      move_to (self, row + (shift ? -1 : 1), column, FALSE);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_to (self, row - rows_per_page (self), column, shift);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_to (self, row + rows_per_page (self), column, shift);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_to (self, row, 0, shift);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_to (self, row, (int) n_columns (self) - 1, shift);
      return TRUE;
    case GDK_KEY_F2:
      trj_grid_start_editing (self, NULL);
      return TRUE;
    case GDK_KEY_BackSpace:
      trj_grid_start_editing (self, "");
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      trj_grid_clear_selection (self, NULL);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->message_text != NULL)
        hide_message (self);
      else if (self->anchor_row != self->cursor_row || self->anchor_column != self->cursor_column)
        move_to (self, row, column, FALSE);
      /* Otherwise nothing in the main window: Escape never takes the
       * keyboard out of the grid there; a secondary window closes. */
      else if (self->escape_closes)
        return FALSE;
      return TRUE;
    default:
      break;
    }

  /* Type to replace. */
  ch = gdk_keyval_to_unicode (keyval);
  if (ch != 0 && g_unichar_isprint (ch))
    {
      char text[8] = { 0 };

      g_unichar_to_utf8 (ch, text);
      trj_grid_start_editing (self, text);
      return TRUE;
    }
  return FALSE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TrjGrid               *self)
{
  return trj_grid_handle_key (self, keyval, state & gtk_accelerator_get_default_mod_mask ());
}

/* A press puts the cursor on a cell (Shift: extends the selection to it);
 * dragging then selects from there to the cell under the pointer. */
static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TrjGrid        *self)
{
  GtkWidget *cell = pick_cell (self, x, y);
  GdkModifierType state;
  guint row;

  if (cell == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  row = cell_row (cell);
  /* A click in the edited cell (the second of a double click) keeps editing;
   * a click elsewhere commits it, unless it is refused. */
  if (self->editing &&
      ((row == self->edit_row && cell_info (cell)->column == self->edit_column) ||
       !trj_grid_commit_edit (self)))
    return;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (state & GDK_SHIFT_MASK)
    trj_grid_select_range (self, self->anchor_row, self->anchor_column, row, cell_info (cell)->column);
  else
    trj_grid_set_cursor (self, row, cell_info (cell)->column);
  self->drag_anchor_row = self->anchor_row;
  self->drag_anchor_column = self->anchor_column;
  gtk_widget_grab_focus (self->focus_sink);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                TrjGrid        *self)
{
  GtkWidget *cell;
  double x, y;

  if (self->editing || !gtk_gesture_drag_get_start_point (gesture, &x, &y))
    return;
  cell = pick_cell (self, x + offset_x, y + offset_y);
  if (cell != NULL &&
      (cell_row (cell) != self->cursor_row || cell_info (cell)->column != self->cursor_column))
    trj_grid_select_range (self, self->drag_anchor_row, self->drag_anchor_column,
                           cell_row (cell), cell_info (cell)->column);
}

/* The context menu's popover, built when first needed: a popover menu makes
 * every item's widgets, which no frame before the first right click needs. */
static GtkWidget *
ensure_context_menu (TrjGrid *self)
{
  if (self->context_menu == NULL && self->context_model != NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->context_model);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }
  return self->context_menu;
}

/* The context menu pointing at (x, y) of the grid. */
static gboolean
popup_context_menu_at (TrjGrid *self, double x, double y)
{
  if (ensure_context_menu (self) == NULL)
    return FALSE;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
  return TRUE;
}

gboolean
trj_grid_popup_context_menu (TrjGrid *self)
{
  GtkWidget *cell;
  graphene_rect_t bounds;

  g_return_val_if_fail (TRJ_IS_GRID (self), FALSE);

  if (self->context_model == NULL || self->model == NULL || n_rows (self) == 0)
    return FALSE;
  if (self->editing && !trj_grid_commit_edit (self))
    return FALSE;
  /* Under the cursor's cell, at its start, as Maj+F10 does in a spreadsheet. */
  cell = trj_grid_get_cell_widget (self, self->cursor_row, self->cursor_column);
  if (cell != NULL && gtk_widget_compute_bounds (cell, GTK_WIDGET (self), &bounds))
    return popup_context_menu_at (self, bounds.origin.x + 8, bounds.origin.y + bounds.size.height);
  return popup_context_menu_at (self, 8, 8);
}

/* A right click puts the cursor on the cell (unless it is in the selection)
 * and opens the context menu there. */
static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      TrjGrid         *self)
{
  GtkWidget *cell = pick_cell (self, x, y);
  guint first_row, first_column, last_row, last_column, row, column;
  double gx, gy;

  if (self->context_model == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->editing && !trj_grid_commit_edit (self))
    return;
  if (!gtk_widget_translate_coordinates (self->column_view, GTK_WIDGET (self), x, y, &gx, &gy))
    gx = x, gy = y;
  /* Below the last line: the menu for the cursor's line (to add one). */
  if (cell == NULL)
    {
      gtk_widget_grab_focus (self->focus_sink);
      popup_context_menu_at (self, gx, gy);
      return;
    }
  row = cell_row (cell);
  column = cell_info (cell)->column;
  selection_bounds (self, &first_row, &first_column, &last_row, &last_column);
  if (row < first_row || row > last_row || column < first_column || column > last_column)
    trj_grid_set_cursor (self, row, column);
  gtk_widget_grab_focus (self->focus_sink);
  popup_context_menu_at (self, gx, gy);
}

void
trj_grid_set_context_menu (TrjGrid *self, GMenuModel *menu)
{
  g_return_if_fail (TRJ_IS_GRID (self));

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_set_object (&self->context_model, menu);
}

GtkPopover *
trj_grid_get_context_menu (TrjGrid *self)
{
  g_return_val_if_fail (TRJ_IS_GRID (self), NULL);
  return ensure_context_menu (self) != NULL ? GTK_POPOVER (self->context_menu) : NULL;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TrjGrid         *self)
{
  if (n_press == 2 && pick_cell (self, x, y) != NULL)
    trj_grid_start_editing (self, NULL);
}

static gboolean
place_overlay_child_cb (GtkOverlay    *overlay,
                        GtkWidget     *child,
                        GdkRectangle  *allocation,
                        TrjGrid       *self)
{
  gboolean beside_editor = child == self->choices;
  GtkWidget *cell;
  graphene_rect_t bounds;
  int min_width, nat_width, min_height, nat_height;
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));

  if (child == self->focus_sink)
    {
      *allocation = (GdkRectangle) { 0, 0, 0, 0 };
      return TRUE;
    }
  if (child == self->editor)
    {
      graphene_rect_t view;

      cell = find_cell (self, self->edit_row, self->edit_column);
      if (cell == NULL || !gtk_widget_compute_bounds (cell, GTK_WIDGET (overlay), &bounds))
        {
          *allocation = (GdkRectangle) { -10000, -10000, 1, 1 };
          return TRUE;
        }
      /* Scrolled out of sight, the cell leaves its editor at the edge of the rows. */
      if (gtk_widget_compute_bounds (self->list_view, GTK_WIDGET (overlay), &view))
        bounds.origin.y = CLAMP (bounds.origin.y, view.origin.y,
                                 MAX (view.origin.y, view.origin.y + view.size.height - bounds.size.height));
      *allocation = (GdkRectangle) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };
      return TRUE;
    }
  if (child != self->message && child != self->choices)
    return FALSE;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &min_height, &nat_height, NULL, NULL);

  cell = beside_editor ? find_cell (self, self->edit_row, self->edit_column)
                       : find_cell (self, self->message_row, self->message_column);
  if (cell == NULL || !gtk_widget_compute_bounds (cell, GTK_WIDGET (overlay), &bounds))
    {
      /* The cell is scrolled out of sight: so is what belongs to it. */
      *allocation = (GdkRectangle) { -10000, -10000, min_width, min_height };
      return TRUE;
    }

  /* The message and the list of choices go below the cell, or above it at
   * the bottom of the grid; the message goes above when the list is open. */
  allocation->width = MAX (min_width, MIN (MAX (nat_width, (int) bounds.size.width), width));
  allocation->height = MIN (nat_height, MAX (min_height, height / 2));
  allocation->x = CLAMP ((int) bounds.origin.x, 0, MAX (0, width - allocation->width));
  allocation->y = bounds.origin.y + bounds.size.height + 2;
  if (allocation->y + allocation->height > height ||
      (child == self->message && gtk_widget_get_visible (self->choices)))
    allocation->y = MAX (0, (int) bounds.origin.y - allocation->height - 2);
  return TRUE;
}

static float
column_xalign (const TrjGridColumn *desc)
{
  switch (desc->align)
    {
    case TRJ_GRID_ALIGN_START:
      return 0.0f;
    case TRJ_GRID_ALIGN_CENTER:
      return 0.5f;
    case TRJ_GRID_ALIGN_END:
      return 1.0f;
    case TRJ_GRID_ALIGN_AUTO:
    default:
      return desc->kind == TRJ_GRID_VALUE_TEXT || desc->kind == TRJ_GRID_VALUE_CHOICE ? 0.0f : 1.0f;
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TrjGrid                  *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "trj-grid-column"));
  const TrjGridColumn *desc = trj_grid_model_get_column (self->model, column);
  GtkWidget *cell;
  CellInfo *info;

  cell = g_object_new (GTK_TYPE_INSCRIPTION,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_GRID_CELL,
                       /* Columns take the width of their texts (see "Column
                        * widths"): fixed ones, or the expanding one that gives
                        * way first, ellipsized, whole in its tooltip. */
                       "min-chars", desc->expand ? MIN (desc->width_chars, 10) : 0,
                       "nat-chars", MAX (desc->width_chars, self->widths[column].nat_chars),
                       "xalign", column_xalign (desc),
                       "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                       NULL);
  gtk_widget_add_css_class (cell, "trj-grid-cell");
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), self);

  info = g_new0 (CellInfo, 1);
  info->item = item;
  info->column = column;
  g_object_set_qdata_full (G_OBJECT (cell), cell_quark, info, cell_info_free);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TrjGrid                  *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  GObject *row_object = gtk_list_item_get_item (item);
  GtkWidget **cells = row_cells (row_object);

  if (cells == NULL)
    {
      cells = g_new0 (GtkWidget *, n_columns (self));
      g_object_set_qdata_full (row_object, row_cells_quark, cells, g_free);
    }
  cells[cell_info (cell)->column] = cell;
  g_ptr_array_add (self->cells, cell);
  update_cell (self, cell, TRUE);
  if (self->focus_pending && cell_row (cell) == self->cursor_row &&
      cell_info (cell)->column == self->cursor_column)
    queue_focus_cursor (self);
  queue_selection_draw (self);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TrjGrid                  *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  GtkWidget **cells = row_cells (gtk_list_item_get_item (item));

  if (cells != NULL && cells[cell_info (cell)->column] == cell)
    cells[cell_info (cell)->column] = NULL;
  g_ptr_array_remove_fast (self->cells, cell);
}

static void
remove_columns (TrjGrid *self)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));

  g_clear_handle_id (&self->widths_source, g_source_remove);
  g_clear_pointer (&self->widths, g_free);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (GTK_COLUMN_VIEW (self->column_view), column);
    }
}

static void
add_columns (TrjGrid *self)
{
  guint i;

  self->widths = g_new0 (ColumnWidth, n_columns (self));
  for (i = 0; i < n_columns (self); i++)
    self->widths[i].applied = -1;
  self->widths_pending = TRUE;

  for (i = 0; i < n_columns (self); i++)
    {
      const TrjGridColumn *desc = trj_grid_model_get_column (self->model, i);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "trj-grid-column", GUINT_TO_POINTER (i));
      g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell_cb), self, 0);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, 0);

      column = gtk_column_view_column_new (desc->title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, desc->expand);
      /* Resized by hand: the rules and the cursor move with it. */
      g_object_set_data (G_OBJECT (column), "trj-grid-column", GUINT_TO_POINTER (i));
      g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (column_width_notify_cb),
                               self, 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
    }
}

/* The row objects carry nothing: cells read their row from the list item's
 * position, so only their number matters. It is brought to `length` by
 * adding or removing objects at `at` (or the end). */
static void
resize_rows (TrjGrid *self,
             guint    at,
             guint    length)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint current = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint i;

  if (length < current)
    {
      g_list_store_splice (self->rows, MIN (at, length), current - length, NULL, 0);
      return;
    }
  for (i = current; i < length; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
  g_list_store_splice (self->rows, MIN (at, current), 0, items->pdata, items->len);
}

/* GTK 4.8 binds up to 200 rows whatever the height of the view, about 1,7 ms
 * a row of 12 cells: a grid shows its first rows in its first frame and
 * gets the others a chunk a frame after that. Past the rows GTK binds, the
 * others get no widget: they are added at once (each chunk relaid the list
 * out, 830 frames for 20 000 rows, while the planner was already typing). */
#define INITIAL_ROWS 20
#define ROWS_PER_CHUNK 24
#define BOUND_ROWS 200

static void
stop_loading (TrjGrid *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->load_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->load_tick);
  if (clock != NULL)
    g_clear_signal_handler (&self->painted_handler, clock);
  /* Without a clock (unrealized) the handler went with it or goes with us. */
  self->painted_handler = 0;
  self->load_tick = 0;
  self->loading = FALSE;
}

static gboolean
load_rows_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  TrjGrid *self = TRJ_GRID (widget);
  guint loaded = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  resize_rows (self, loaded, loaded >= BOUND_ROWS ? n_rows (self) : MIN (n_rows (self), loaded + ROWS_PER_CHUNK));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) < n_rows (self))
    return G_SOURCE_CONTINUE;
  self->load_tick = 0;
  self->loading = FALSE;
  return G_SOURCE_REMOVE;
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        TrjGrid       *self)
{
  g_clear_signal_handler (&self->painted_handler, clock);
  self->load_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), load_rows_cb, NULL, NULL);
}

/* Loading starts once the first frame with the first rows is on screen. */
static void
trj_grid_map (GtkWidget *widget)
{
  TrjGrid *self = TRJ_GRID (widget);

  GTK_WIDGET_CLASS (trj_grid_parent_class)->map (widget);
  if (self->model != NULL && self->widths_pending)
    measure_columns (self);
  if (self->loading && self->load_tick == 0 && self->painted_handler == 0)
    self->painted_handler = g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                                                     G_CALLBACK (first_frame_painted_cb), self, 0);
}

/* Rows the cursor goes to are loaded at once. */
static void
ensure_row_loaded (TrjGrid *self,
                   guint    row)
{
  if (self->loading && row >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    {
      stop_loading (self);
      resize_rows (self, G_MAXUINT, n_rows (self));
    }
}

static void
model_changed_cb (TrjGridModel *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  TrjGrid      *self)
{
  guint rows = n_rows (self);
  guint kept = MIN (removed, added);

  if (removed != added)
    {
      if (self->editing && self->edit_row >= position)
        trj_grid_cancel_edit (self);
      /* Row objects carry no data: the rows kept keep their widgets (their
       * values are refreshed below) and only the difference is spliced, at
       * the end of the range. A model that replaces every row to insert
       * one so costs one new row, not 200 rebound ones, and keeps the
       * scroll position. */
      resize_rows (self, position + kept,
                   self->loading ? MIN (rows, g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
                                          : rows);
      self->cursor_row = MIN (self->cursor_row, rows > 0 ? rows - 1 : 0);
      self->anchor_row = MIN (self->anchor_row, rows > 0 ? rows - 1 : 0);
      hide_message (self);
      selection_changed (self);
      /* The focused cell may have been recycled for another row. */
      queue_focus_cursor (self);
      /* Rows moved: so did the cells the editor and the message sit by.
       * (New values alone move nothing: no new allocation then.) */
      queue_overlay_layout (self);
    }
  else if (added < rows)
    {
      guint row, column;

      /* Some rows' values: refresh their bound cells, nothing else. */
      for (row = position; row < position + added && row < rows; row++)
        for (column = 0; column < n_columns (self); column++)
          {
            GtkWidget *cell = find_cell (self, row, column);

            if (cell != NULL)
              update_cell (self, cell, TRUE);
          }
      return;
    }
  self->generation++;
  update_visible_cells (self);
}

void
trj_grid_set_model (TrjGrid      *self,
                    TrjGridModel *model)
{
  g_return_if_fail (TRJ_IS_GRID (self));
  g_return_if_fail (model == NULL || TRJ_IS_GRID_MODEL (model));

  if (self->model == model)
    return;

  trj_grid_cancel_edit (self);
  hide_message (self);
  stop_loading (self);
  remove_columns (self);
  g_list_store_remove_all (self->rows);
  g_clear_signal_handler (&self->changed_handler, self->model);
  g_set_object (&self->model, model);

  self->cursor_row = self->cursor_column = self->anchor_row = self->anchor_column = 0;
  if (model != NULL)
    {
      self->changed_handler = g_signal_connect (model, "changed",
                                                G_CALLBACK (model_changed_cb), self);
      add_columns (self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        measure_columns (self);
      resize_rows (self, 0, MIN (n_rows (self), INITIAL_ROWS));
      self->loading = n_rows (self) > INITIAL_ROWS;
      if (self->loading && gtk_widget_get_mapped (GTK_WIDGET (self)))
        self->load_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), load_rows_cb, NULL, NULL);
      /* Named before its first move: the focus may come first. */
      describe_cursor (self, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

TrjGridModel *
trj_grid_get_model (TrjGrid *self)
{
  g_return_val_if_fail (TRJ_IS_GRID (self), NULL);
  return self->model;
}

void
trj_grid_get_cursor (TrjGrid *self,
                     guint   *row,
                     guint   *column)
{
  g_return_if_fail (TRJ_IS_GRID (self));
  if (row != NULL)
    *row = self->cursor_row;
  if (column != NULL)
    *column = self->cursor_column;
}

void
trj_grid_set_cursor (TrjGrid *self,
                     guint    row,
                     guint    column)
{
  g_return_if_fail (TRJ_IS_GRID (self));
  move_to (self, MIN (row, G_MAXINT), MIN (column, G_MAXINT), FALSE);
}

void
trj_grid_select_range (TrjGrid *self,
                       guint    anchor_row,
                       guint    anchor_column,
                       guint    row,
                       guint    column)
{
  g_return_if_fail (TRJ_IS_GRID (self));

  if (n_rows (self) == 0 || n_columns (self) == 0)
    return;
  self->anchor_row = MIN (anchor_row, n_rows (self) - 1);
  self->anchor_column = MIN (anchor_column, n_columns (self) - 1);
  move_to (self, MIN (row, G_MAXINT), MIN (column, G_MAXINT), TRUE);
}

void
trj_grid_get_selection (TrjGrid *self,
                        guint   *first_row,
                        guint   *first_column,
                        guint   *rows,
                        guint   *columns)
{
  guint r0, c0, r1, c1;

  g_return_if_fail (TRJ_IS_GRID (self));

  selection_bounds (self, &r0, &c0, &r1, &c1);
  if (first_row != NULL)
    *first_row = r0;
  if (first_column != NULL)
    *first_column = c0;
  if (rows != NULL)
    *rows = n_rows (self) > 0 ? r1 - r0 + 1 : 0;
  if (columns != NULL)
    *columns = n_columns (self) > 0 ? c1 - c0 + 1 : 0;
}

const char *
trj_grid_get_displayed_text (TrjGrid *self,
                             guint    row,
                             guint    column)
{
  GtkWidget *cell;

  g_return_val_if_fail (TRJ_IS_GRID (self), NULL);

  cell = find_cell (self, row, column);
  if (cell == NULL)
    return NULL;
  /* A bound cell out of sight may be stale (see the top of this file). */
  if (cell_info (cell)->generation != self->generation)
    update_cell (self, cell, TRUE);
  return gtk_inscription_get_text (GTK_INSCRIPTION (cell));
}

GtkWidget *
trj_grid_get_cell_widget (TrjGrid *self,
                          guint    row,
                          guint    column)
{
  g_return_val_if_fail (TRJ_IS_GRID (self), NULL);
  return find_cell (self, row, column);
}

GtkWidget *
trj_grid_new (void)
{
  return g_object_new (TRJ_TYPE_GRID, NULL);
}

static void
trj_grid_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  gtk_widget_measure (TRJ_GRID (widget)->overlay, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
trj_grid_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  TrjGrid *self = TRJ_GRID (widget);
  int columns_min, unused;
  GtkScrollablePolicy policy;

  /* Narrower than every column's minimum, the grid scrolls anyway: the
   * label column keeps its whole width then rather than shrinking for
   * nothing (large text, issue 19). Wide enough, the label gives way first
   * and every column shows without scrolling. */
  gtk_widget_measure (self->column_view, GTK_ORIENTATION_HORIZONTAL, -1, &columns_min, &unused, NULL, NULL);
  policy = columns_min > width ? GTK_SCROLL_NATURAL : GTK_SCROLL_MINIMUM;
  if (gtk_scrollable_get_hscroll_policy (GTK_SCROLLABLE (self->column_view)) != policy)
    gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (self->column_view), policy);
  gtk_widget_size_allocate (self->overlay, &(GtkAllocation) { 0, 0, width, height }, baseline);
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
  queue_selection_draw (self);
}

static gboolean
trj_grid_grab_focus (GtkWidget *widget)
{
  TrjGrid *self = TRJ_GRID (widget);
  GtkWidget *target = self->editing ? self->editor : self->focus_sink;

  /* Already the window's focus (active or not): nothing to do. A second grab of the editor would select
   * its whole text (GtkText selects on every grab that does not come from
   * itself or a child), and the next key typed would replace what the user
   * had typed so far: the window hands the keyboard back to the grid in an
   * idle, which under load can come after the first keys of an edit. */
  if (gtk_widget_get_root (widget) != NULL && gtk_root_get_focus (gtk_widget_get_root (widget)) == target)
    return TRUE;
  return gtk_widget_grab_focus (target);
}

/* One stop for Tab and Maj+Tab: coming in, the focus goes to the cursor's
 * cell (the focus sink, or the editor during an edit); from inside, it goes
 * out. GTK's own walk came back to the grid on Maj+Tab (grabbing the grid
 * grabs the sink) and never left. */
static gboolean
trj_grid_focus (GtkWidget        *widget,
                GtkDirectionType  direction)
{
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  return trj_grid_grab_focus (widget);
}

/* The stylesheet is loaded once per display when the first grid is made:
 * added later (at realize) it can miss cells already styled. */
static void
ensure_stylesheet (GdkDisplay *display)
{
  if (display != NULL && g_object_get_data (G_OBJECT (display), "trj-grid-css") == NULL)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      g_autoptr(GBytes) css = g_resource_lookup_data (trj_grid_get_resource (),
                                                      "/fr/gouv/travail/Trajectoire/grid/trj-grid.css",
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      gtk_css_provider_load_from_data (provider, g_bytes_get_data (css, NULL), g_bytes_get_size (css));
      /* Under the application's own stylesheets (style.css, style-hc.css),
       * which must win over it (a provider added later at the same priority
       * is asked first, whatever the selectors' specificity). */
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION - 1);
      g_object_set_data (G_OBJECT (display), "trj-grid-css", GINT_TO_POINTER (1));
    }
}

static void
adjustment_changed_cb (TrjGrid *self)
{
  update_visible_cells (self);
  queue_selection_draw (self);
  queue_overlay_layout (self);
  if (self->editing)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
trj_grid_dispose (GObject *object)
{
  TrjGrid *self = TRJ_GRID (object);

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_handle_id (&self->widths_source, g_source_remove);
  cancel_refocus (self);
  stop_loading (self);
  g_clear_signal_handler (&self->changed_handler, self->model);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_object (&self->context_model);
  self->focus_sink = NULL;   /* the overlay's */
  g_clear_object (&self->model);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (trj_grid_parent_class)->dispose (object);
}

static void
trj_grid_finalize (GObject *object)
{
  TrjGrid *self = TRJ_GRID (object);

  g_ptr_array_unref (self->cells);
  g_free (self->widths);
  g_free (self->edit_original);
  g_free (self->message_text);
  g_free (self->context_text);
  g_free (self->cursor_note);

  G_OBJECT_CLASS (trj_grid_parent_class)->finalize (object);
}

static void
trj_grid_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TrjGrid *self = TRJ_GRID (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_grid_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TrjGrid *self = TRJ_GRID (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      trj_grid_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_grid_class_init (TrjGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_grid_dispose;
  object_class->finalize = trj_grid_finalize;
  object_class->get_property = trj_grid_get_property;
  object_class->set_property = trj_grid_set_property;

  widget_class->grab_focus = trj_grid_grab_focus;
  widget_class->focus = trj_grid_focus;
  widget_class->map = trj_grid_map;
  widget_class->measure = trj_grid_measure;
  widget_class->size_allocate = trj_grid_size_allocate;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         TRJ_TYPE_GRID_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CELL_ERROR] =
    g_signal_new ("cell-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "grid.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "grid.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "grid.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "grid.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "grid.edit", NULL, edit_action);

  gtk_widget_class_set_css_name (widget_class, "trjgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);

  cell_quark = g_quark_from_static_string ("trj-grid-cell");
  row_cells_quark = g_quark_from_static_string ("trj-grid-row-cells");
}

static void
state_flags_changed_cb (TrjGrid *self, GtkStateFlags previous)
{
  if (((previous ^ gtk_widget_get_state_flags (GTK_WIDGET (self))) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0)
    queue_selection_draw (self);
}

static void
trj_grid_init (TrjGrid *self)
{
  GtkWidget *scrolled;
  GtkWidget *child;
  GtkEventController *controller;
  GtkGesture *drag;
  GtkGesture *click;

  ensure_stylesheet (gdk_display_get_default ());
  self->cells = g_ptr_array_new ();
  self->rows = g_list_store_new (G_TYPE_OBJECT);

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  g_signal_connect (self->overlay, "get-child-position", G_CALLBACK (place_overlay_child_cb), self);

  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)))));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (self->column_view), FALSE);
  gtk_widget_add_css_class (self->column_view, "trj-grid");
  /* Clicks move the grid's cursor, not the focus (see the top of the file). */
  gtk_widget_set_can_focus (self->column_view, FALSE);
  for (child = gtk_widget_get_first_child (self->column_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      self->list_view = child;

  scrolled = gtk_scrolled_window_new ();
  /* Not a stop for Tab: GTK 4.8's scrolled window takes the focus itself
   * when nothing inside does (and, not focusable, still answers that it
   * did, so Tab stayed on the grid). Nothing inside takes it anyway. */
  gtk_widget_set_can_focus (scrolled, FALSE);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  /* Scroll bars that show whenever a column or row is out of sight, not
   * only under the pointer: a planner sees that the grid goes on to the
   * right (at the default size, or with large text). */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (scrolled), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->column_view);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), scrolled);

  /* In the overlay with the editor: the overlay keeps its :focus-within
   * when the focus goes from one to the other, and the column view beside
   * them sees no change of state at all. */
  self->focus_sink = g_object_new (TRJ_TYPE_GRID_FOCUS, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->focus_sink);
  g_signal_connect_swapped (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                            "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  g_signal_connect_swapped (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                            "value-changed", G_CALLBACK (adjustment_changed_cb), self);

  self->selection = g_object_new (TRJ_TYPE_GRID_SELECTION, NULL);
  TRJ_GRID_SELECTION (self->selection)->grid = self;
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->selection);

  /* A text box for assistive technology (GtkText is none in GTK 4.8), so
   * that the edit and what is typed are in the tree. */
  self->editor = g_object_new (GTK_TYPE_TEXT, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
  gtk_widget_add_css_class (self->editor, "trj-grid-editor");
  /* Shown and hidden with child-visible, not visible: showing a widget asks
   * its window for a new size (see the top of the file). Only a new
   * allocation of the overlay places the editor. */
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->editor);
  gtk_widget_set_focusable (self->editor, FALSE);
  gtk_widget_set_child_visible (self->editor, FALSE);

  self->choice_list = gtk_list_box_new ();
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->choice_list), TRUE);
  gtk_widget_set_focusable (self->choice_list, FALSE);
  g_signal_connect_swapped (self->choice_list, "row-activated", G_CALLBACK (choice_activated_cb), self);
  self->choices = gtk_scrolled_window_new ();
  gtk_widget_set_can_focus (self->choices, FALSE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->choices), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->choices), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->choices), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->choices), self->choice_list);
  gtk_widget_add_css_class (self->choices, "trj-grid-choices");
  gtk_widget_set_visible (self->choices, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->choices);
  g_signal_connect_swapped (self->editor, "changed", G_CALLBACK (editor_changed_cb), self);

  /* A refusal is an alert: a screen reader reads it out when it shows. */
  self->message = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->message), 50);
  gtk_widget_add_css_class (self->message, "trj-grid-message");
  gtk_widget_set_can_target (self->message, FALSE);
  gtk_widget_set_visible (self->message, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->message);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (self->column_view, GTK_EVENT_CONTROLLER (drag));

  /* Grouped with the drag so that its claim does not cancel the double click. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (self->column_view, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_group (drag, click);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (self->column_view, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self, "state-flags-changed", G_CALLBACK (state_flags_changed_cb), NULL);
}
