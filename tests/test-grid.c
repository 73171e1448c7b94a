/* test-grid.c — the TrjGrid spreadsheet widget driven by keys, paste and copy
 * over a mock model (a few lines of contracts: label, type, volume, rate,
 * hours, and a computed AE column). Runs under Xvfb (suite ui). */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trj-format.h"
#include "trj-grid.h"
#include "trj-csv.h"
#include "trj-grid-tsv.h"
#include "trj-i18n.h"

#include "grid-mock-model.h"
#include "trj-ui-harness.h"

#define N_ROWS 60

/* ── fixture ──────────────────────────────────────────────────────────── */

typedef struct {
  GtkWidget *window;
  TrjGrid   *grid;
  MockModel *model;
  guint      n_errors;
  char      *last_error;
} Fixture;

/* The window whose frames settle() waits for (NULL once destroyed). */
static GtkWidget *shown_window;

/* Has settle() follow the frames of a window. */
static void
follow_window (GtkWidget *window)
{
  shown_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &shown_window);
}

/* Presents a window and waits until it is active and painted (a focus given
 * before that is not had). */
static void
show_window (GtkWidget *window)
{
  follow_window (window);
  trj_harness_present (GTK_WINDOW (window));
}

/* A frame painted after what the test did (layout binds the rows), then the
 * idle work it queued (the cursor cell focused): the same work whatever the
 * machine's load. */
static void
settle (void)
{
  if (shown_window != NULL)
    trj_harness_wait_painted (shown_window);
  else
    trj_harness_flush ();
}

/* The list view scrolls to an item over the frames that follow the request:
 * frames are painted until the vertical offset is at the top (or past it). */
static double
settle_scroll (GtkAdjustment *adjustment, gboolean at_top)
{
  TRJ_HARNESS_PAINT_UNTIL (shown_window, at_top ? gtk_adjustment_get_value (adjustment) == 0
                                                : gtk_adjustment_get_value (adjustment) > 0);
  return gtk_adjustment_get_value (adjustment);
}

static void
cell_error_cb (TrjGrid    *grid,
               guint       row,
               guint       column,
               const char *message,
               Fixture    *fixture)
{
  fixture->n_errors++;
  g_free (fixture->last_error);
  fixture->last_error = g_strdup (message);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->model = mock_model_new (N_ROWS, 1);
  fixture->grid = TRJ_GRID (trj_grid_new ());
  trj_grid_set_model (fixture->grid, TRJ_GRID_MODEL (fixture->model));
  g_signal_connect (fixture->grid, "cell-error", G_CALLBACK (cell_error_cb), fixture);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 400);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->grid));
  show_window (fixture->window);
  settle ();
  gtk_widget_grab_focus (GTK_WIDGET (fixture->grid));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (fixture->model);
  g_free (fixture->last_error);
  settle ();
}

static void
assert_cursor (Fixture *fixture,
               guint    row,
               guint    column)
{
  guint r, c;

  trj_grid_get_cursor (fixture->grid, &r, &c);
  g_assert_cmpuint (r, ==, row);
  g_assert_cmpuint (c, ==, column);
}

static void
press (Fixture         *fixture,
       guint            keyval,
       GdkModifierType  state)
{
  trj_grid_handle_key (fixture->grid, keyval, state);
  settle ();
}


static GtkAdjustment *
vadjustment (Fixture *fixture)
{
  GtkWidget *scrolled = trj_harness_find_type (GTK_WIDGET (fixture->grid), GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scrolled);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* Types text as a person does: the first key starts the edit (type to
 * replace), the rest goes into the editor, then the key that commits. */
static void
type_in (Fixture    *fixture,
         const char *text,
         guint       commit_key)
{
  GtkEditable *editor = trj_grid_get_editor (fixture->grid);
  int position;

  g_assert_true (trj_grid_handle_key (fixture->grid, gdk_unicode_to_keyval (g_utf8_get_char (text)), 0));
  g_assert_true (trj_grid_is_editing (fixture->grid));
  position = gtk_editable_get_position (editor);
  gtk_editable_insert_text (editor, g_utf8_next_char (text), -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (editor), ==, text);
  press (fixture, commit_key, 0);
}

/* ── tests ────────────────────────────────────────────────────────────── */

static void
test_navigation (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_cursor (fixture, 0, 0);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_LABEL), ==, "Ligne 1");
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 2, COL_VOLUME), ==, "30");
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_AE), ==, "5\u202F000\u00A0€");

  press (fixture, GDK_KEY_Right, 0);
  assert_cursor (fixture, 0, 1);
  press (fixture, GDK_KEY_Down, 0);
  assert_cursor (fixture, 1, 1);
  press (fixture, GDK_KEY_Up, 0);
  press (fixture, GDK_KEY_Up, 0);         /* stays on the first row */
  assert_cursor (fixture, 0, 1);
  press (fixture, GDK_KEY_Left, 0);
  press (fixture, GDK_KEY_Left, 0);
  assert_cursor (fixture, 0, 0);

  /* Ctrl+Tab runs along the row and wraps; Ctrl+Maj+Tab comes back; Tab
   * and Maj+Tab are not the grid's (they leave it), the cursor stays. */
  press (fixture, GDK_KEY_End, 0);
  assert_cursor (fixture, 0, COL_AE);
  press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK);
  assert_cursor (fixture, 1, 0);
  press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  assert_cursor (fixture, 0, COL_AE);
  g_assert_false (trj_grid_handle_key (fixture->grid, GDK_KEY_Tab, 0));
  g_assert_false (trj_grid_handle_key (fixture->grid, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_cursor (fixture, 0, COL_AE);
  press (fixture, GDK_KEY_Home, 0);
  assert_cursor (fixture, 0, 0);

  /* Enter goes down, Shift+Enter up. */
  press (fixture, GDK_KEY_Return, 0);
  press (fixture, GDK_KEY_Return, 0);
  assert_cursor (fixture, 2, 0);
  press (fixture, GDK_KEY_Return, GDK_SHIFT_MASK);
  assert_cursor (fixture, 1, 0);

  /* Ctrl+End scrolls to the last cell, which is then on screen and focused. */
  press (fixture, GDK_KEY_End, GDK_CONTROL_MASK);
  assert_cursor (fixture, N_ROWS - 1, COL_AE);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, N_ROWS - 1, COL_LABEL), ==, "Ligne 60");
  g_assert_cmpfloat (settle_scroll (vadjustment (fixture), FALSE), >, 0);

  /* Page Up moves by a screenful (more than one row, less than all). */
  press (fixture, GDK_KEY_Page_Up, 0);
  {
    guint row;

    trj_grid_get_cursor (fixture->grid, &row, NULL);
    g_assert_cmpuint (row, <, N_ROWS - 2);
    g_assert_cmpuint (row, >, 0);
    g_assert_nonnull (trj_grid_get_displayed_text (fixture->grid, row, COL_LABEL));
  }
  press (fixture, GDK_KEY_Home, GDK_CONTROL_MASK);
  assert_cursor (fixture, 0, 0);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_LABEL), ==, "Ligne 1");
  g_assert_cmpfloat (settle_scroll (vadjustment (fixture), TRUE), ==, 0);

  /* Keys that belong to the window are let through. */
  g_assert_false (trj_grid_handle_key (fixture->grid, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_false (trj_grid_handle_key (fixture->grid, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_false (trj_grid_handle_key (fixture->grid, GDK_KEY_Insert, 0));
  /* Ctrl+D is the grid's « Recopier vers le bas »: on the first row, with
   * no row above, it sets nothing. */
  g_assert_true (trj_grid_handle_key (fixture->grid, GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_false (trj_grid_handle_key (fixture->grid, GDK_KEY_Delete, GDK_CONTROL_MASK));
  g_assert_cmpuint (fixture->model->n_set, ==, 0);
}

static void
test_typing (Fixture       *fixture,
             gconstpointer  data)
{
  /* A French volume with a grouping space; Enter commits and moves down. */
  trj_grid_set_cursor (fixture->grid, 0, COL_VOLUME);
  type_in (fixture, "1 234", GDK_KEY_Return);
  g_assert_false (trj_grid_is_editing (fixture->grid));
  g_assert_cmpfloat (mock_model_line (fixture->model, 0)->volume, ==, 1234);
  assert_cursor (fixture, 1, COL_VOLUME);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_VOLUME), ==, "1\u202F234");
  /* The computed column follows: 1 234 × 50 % × 1 000 €. */
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_AE), ==, "617\u202F000\u00A0€");
  g_assert_cmpuint (fixture->model->undo_steps, ==, 1);

  /* Rates: "50,5" is 50,5 %, "0,5" is a fraction, "60 %" a percentage; Tab commits and moves right. */
  trj_grid_set_cursor (fixture->grid, 0, COL_RATE);
  type_in (fixture, "50,5", GDK_KEY_Tab);
  g_assert_cmpfloat_with_epsilon (mock_model_line (fixture->model, 0)->rate, 0.505, 1e-12);
  assert_cursor (fixture, 0, COL_HOURS);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_RATE), ==, "50,5\u00A0%");
  trj_grid_set_cursor (fixture->grid, 1, COL_RATE);
  type_in (fixture, "0,25", GDK_KEY_Return);
  g_assert_cmpfloat (mock_model_line (fixture->model, 1)->rate, ==, 0.25);
  type_in (fixture, "60 %", GDK_KEY_Return);
  g_assert_cmpfloat (mock_model_line (fixture->model, 2)->rate, ==, 0.6);

  /* Hours with a decimal comma. */
  trj_grid_set_cursor (fixture->grid, 0, COL_HOURS);
  type_in (fixture, "26,5", GDK_KEY_Return);
  g_assert_cmpfloat (mock_model_line (fixture->model, 0)->hours, ==, 26.5);
  g_assert_cmpuint (fixture->model->undo_steps, ==, 5);
  g_assert_cmpuint (fixture->n_errors, ==, 0);

  /* F2 edits the current text; Escape cancels. */
  trj_grid_set_cursor (fixture->grid, 3, COL_LABEL);
  press (fixture, GDK_KEY_F2, 0);
  g_assert_true (trj_grid_is_editing (fixture->grid));
  g_assert_cmpstr (gtk_editable_get_text (trj_grid_get_editor (fixture->grid)), ==, "Ligne 4");
  gtk_editable_set_text (trj_grid_get_editor (fixture->grid), "Autre");
  press (fixture, GDK_KEY_Escape, 0);
  g_assert_false (trj_grid_is_editing (fixture->grid));
  g_assert_cmpstr (mock_model_line (fixture->model, 3)->label, ==, "Ligne 4");
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 3, COL_LABEL), ==, "Ligne 4");
  assert_cursor (fixture, 3, COL_LABEL);

  /* A choice, typed in any case. */
  trj_grid_set_cursor (fixture->grid, 0, COL_TYPE);
  type_in (fixture, "cie tp", GDK_KEY_Return);
  g_assert_cmpuint (mock_model_line (fixture->model, 0)->kind, ==, 2);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_TYPE), ==, "CIE TP");

  /* The list of values: "c" highlights the first that starts with it
   * (CIE jeunes), Down the next one shown (CIE TP), Enter takes it. */
  trj_grid_set_cursor (fixture->grid, 3, COL_TYPE);
  type_in (fixture, "c", GDK_KEY_Down);
  g_assert_true (trj_grid_is_editing (fixture->grid));
  press (fixture, GDK_KEY_Return, 0);
  g_assert_false (trj_grid_is_editing (fixture->grid));
  g_assert_cmpuint (mock_model_line (fixture->model, 3)->kind, ==, 2);
  assert_cursor (fixture, 4, COL_TYPE);
  /* Up from the first value shown stays there. */
  trj_grid_set_cursor (fixture->grid, 5, COL_TYPE);
  g_assert_cmpuint (mock_model_line (fixture->model, 5)->kind, ==, 2);
  type_in (fixture, "jeu", GDK_KEY_Up);
  press (fixture, GDK_KEY_Tab, 0);
  g_assert_cmpuint (mock_model_line (fixture->model, 5)->kind, ==, 1);
  assert_cursor (fixture, 5, COL_VOLUME);
}

/* Sends a key press through the capture-phase key controller of a widget,
 * the way GTK delivers a key typed while that widget holds the focus. */
static gboolean
send_key_to (GtkWidget *widget,
             guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;
  guint i;

  for (i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* The editor sits over its cell, in the grid: the keys typed there reach the
 * grid's controller (Enter commits, Escape cancels). The keyboard focus never
 * enters the column view, whose cells would all be restyled at each move:
 * it is on the editor while editing, on the grid's own focus widget else. */
static void
test_editor_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (trj_grid_get_editor (fixture->grid));
  GtkWidget *column_view = gtk_widget_get_first_child (GTK_WIDGET (fixture->grid));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (fixture->grid));
  graphene_rect_t editor_bounds, cell_bounds;
  GtkWidget *focus;

  while (column_view != NULL && !GTK_IS_COLUMN_VIEW (column_view))
    column_view = gtk_widget_get_first_child (column_view);
  g_assert_nonnull (column_view);

  trj_grid_set_cursor (fixture->grid, 2, COL_VOLUME);
  g_assert_true (trj_grid_start_editing (fixture->grid, "7"));
  settle ();
  g_assert_true (gtk_widget_is_ancestor (editor, GTK_WIDGET (fixture->grid)));
  g_assert_true (gtk_widget_get_mapped (editor));
  /* The window's focus, whether the X server has it active or not: under
   * load without a window manager, a late focus event from the previous
   * test's window can leave this one inactive, and has-focus never comes. */
  TRJ_HARNESS_WAIT_FOR (gtk_root_get_focus (root) == editor);
  /* The grid asked for the focus again while editing (the window does it
   * after a popover or when it becomes active): what was typed stays, not
   * selected, so the next key goes after it instead of replacing it. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->grid)));
  g_assert_true (gtk_root_get_focus (root) == editor);
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (editor), NULL, NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "7");
  /* Exactly over the cell being edited. */
  g_assert_true (gtk_widget_compute_bounds (editor, GTK_WIDGET (fixture->grid), &editor_bounds));
  g_assert_true (gtk_widget_compute_bounds (trj_grid_get_cell_widget (fixture->grid, 2, COL_VOLUME),
                                            GTK_WIDGET (fixture->grid), &cell_bounds));
  g_assert_true (graphene_rect_equal (&editor_bounds, &cell_bounds));

  g_assert_true (send_key_to (GTK_WIDGET (fixture->grid), GDK_KEY_Return));
  g_assert_false (trj_grid_is_editing (fixture->grid));
  g_assert_cmpfloat (mock_model_line (fixture->model, 2)->volume, ==, 7);
  assert_cursor (fixture, 3, COL_VOLUME);
  settle ();
  g_assert_false (gtk_widget_get_mapped (editor));
  focus = gtk_root_get_focus (root);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->grid)));
  g_assert_false (gtk_widget_is_ancestor (focus, column_view));

  /* Arrows move the cursor, not the focus. */
  press (fixture, GDK_KEY_Down, 0);
  settle ();
  assert_cursor (fixture, 4, COL_VOLUME);
  g_assert_true (gtk_root_get_focus (root) == focus);

  g_assert_true (trj_grid_start_editing (fixture->grid, "9"));
  settle ();
  g_assert_true (send_key_to (GTK_WIDGET (fixture->grid), GDK_KEY_Escape));
  g_assert_false (trj_grid_is_editing (fixture->grid));
  g_assert_cmpfloat (mock_model_line (fixture->model, 4)->volume, ==, 50);
  /* The editor hides at once; the focus comes back after the frame. */
  g_assert_cmpfloat (gtk_widget_get_opacity (editor), ==, 0);
  settle ();
  g_assert_true (gtk_root_get_focus (root) == focus);
  g_assert_false (gtk_widget_get_mapped (editor));
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  guint steps;

  trj_grid_set_cursor (fixture->grid, 4, COL_RATE);
  type_in (fixture, "150", GDK_KEY_Return);

  /* Refused: still editing the same cell, previous value kept, reason shown. */
  g_assert_true (trj_grid_is_editing (fixture->grid));
  assert_cursor (fixture, 4, COL_RATE);
  g_assert_cmpfloat (mock_model_line (fixture->model, 4)->rate, ==, 0.5);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 4, COL_RATE), ==, "50,0\u00A0%");
  g_assert_cmpstr (trj_grid_get_error_message (fixture->grid), ==,
                   "Le taux doit être compris entre 0 et 100\u00A0%");
  g_assert_cmpuint (fixture->n_errors, ==, 1);
  g_assert_cmpstr (fixture->last_error, ==, trj_grid_get_error_message (fixture->grid));
  g_assert_cmpuint (fixture->model->n_set, ==, 0);

  /* Escape gives the cell back untouched. */
  press (fixture, GDK_KEY_Escape, 0);
  g_assert_false (trj_grid_is_editing (fixture->grid));
  g_assert_null (trj_grid_get_error_message (fixture->grid));
  g_assert_cmpfloat (mock_model_line (fixture->model, 4)->rate, ==, 0.5);

  /* Not a number at all. */
  trj_grid_set_cursor (fixture->grid, 4, COL_VOLUME);
  type_in (fixture, "douze", GDK_KEY_Tab);
  g_assert_true (trj_grid_is_editing (fixture->grid));
  g_assert_cmpfloat (mock_model_line (fixture->model, 4)->volume, ==, 50);
  g_assert_cmpstr (trj_grid_get_error_message (fixture->grid), ==, "«\u00A0douze\u00A0» n’est pas un nombre");
  /* Correcting the text commits it. */
  gtk_editable_set_text (trj_grid_get_editor (fixture->grid), "12");
  press (fixture, GDK_KEY_Tab, 0);
  g_assert_cmpfloat (mock_model_line (fixture->model, 4)->volume, ==, 12);
  assert_cursor (fixture, 4, COL_RATE);
  g_assert_null (trj_grid_get_error_message (fixture->grid));

  /* A computed cell cannot be edited. */
  steps = fixture->model->undo_steps;
  trj_grid_set_cursor (fixture->grid, 4, COL_AE);
  g_assert_true (trj_grid_handle_key (fixture->grid, GDK_KEY_7, 0));
  g_assert_false (trj_grid_is_editing (fixture->grid));
  g_assert_cmpstr (trj_grid_get_error_message (fixture->grid), ==,
                   "Cette cellule est calculée\u202F: elle ne peut pas être modifiée");
  g_assert_cmpuint (fixture->model->undo_steps, ==, steps);
}

static void
test_range_selection (Fixture       *fixture,
                      gconstpointer  data)
{
  guint row, column, rows, columns;

  trj_grid_set_cursor (fixture->grid, 1, COL_TYPE);
  press (fixture, GDK_KEY_Right, GDK_SHIFT_MASK);
  press (fixture, GDK_KEY_Down, GDK_SHIFT_MASK);
  press (fixture, GDK_KEY_Down, GDK_SHIFT_MASK);
  trj_grid_get_selection (fixture->grid, &row, &column, &rows, &columns);
  g_assert_cmpuint (row, ==, 1);
  g_assert_cmpuint (column, ==, COL_TYPE);
  g_assert_cmpuint (rows, ==, 3);
  g_assert_cmpuint (columns, ==, 2);
  assert_cursor (fixture, 3, COL_VOLUME);

  /* Escape collapses the range to the cursor. */
  press (fixture, GDK_KEY_Escape, 0);
  trj_grid_get_selection (fixture->grid, &row, &column, &rows, &columns);
  g_assert_cmpuint (rows, ==, 1);
  g_assert_cmpuint (columns, ==, 1);

  /* A range selected backwards is the same rectangle. */
  trj_grid_select_range (fixture->grid, 5, COL_RATE, 2, COL_VOLUME);
  trj_grid_get_selection (fixture->grid, &row, &column, &rows, &columns);
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (column, ==, COL_VOLUME);
  g_assert_cmpuint (rows, ==, 4);
  g_assert_cmpuint (columns, ==, 2);

  /* Delete clears the editable cells of the range in one step (numbers → 0). */
  press (fixture, GDK_KEY_Delete, 0);
  g_assert_cmpfloat (mock_model_line (fixture->model, 2)->volume, ==, 0);
  g_assert_cmpfloat (mock_model_line (fixture->model, 5)->rate, ==, 0);
  g_assert_cmpfloat (mock_model_line (fixture->model, 6)->volume, ==, 70);
  g_assert_cmpuint (fixture->model->undo_steps, ==, 1);
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 3, COL_AE), ==, "0\u00A0€");

  /* Delete on computed cells only changes nothing and makes no undo step. */
  trj_grid_select_range (fixture->grid, 0, COL_AE, 3, COL_AE);
  press (fixture, GDK_KEY_Delete, 0);
  g_assert_cmpuint (fixture->model->undo_steps, ==, 1);
  g_assert_cmpfloat (mock_model_line (fixture->model, 0)->volume, ==, 10);

  /* Ctrl+A selects everything. */
  press (fixture, GDK_KEY_a, GDK_CONTROL_MASK);
  trj_grid_get_selection (fixture->grid, &row, &column, &rows, &columns);
  g_assert_cmpuint (rows, ==, N_ROWS);
  g_assert_cmpuint (columns, ==, N_COLS);
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *text = NULL;

  g_free (mock_model_line (fixture->model, 1)->label);
  mock_model_line (fixture->model, 1)->label = g_strdup ("Dit \"ACI\"\tbis");
  trj_grid_model_values_changed (TRJ_GRID_MODEL (fixture->model));

  trj_grid_select_range (fixture->grid, 0, COL_LABEL, 1, COL_RATE);
  text = trj_grid_copy_text (fixture->grid);
  g_assert_cmpstr (text, ==,
                   "Ligne 1\tPEC\t10\t50,0\u00A0%\n"
                   "\"Dit \"\"ACI\"\"\tbis\"\tCIE jeunes\t20\t50,0\u00A0%");
}

static void
test_paste_block (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint row, column, rows, columns;
  /* 3 rows × 4 columns as LibreOffice Calc copies them (French decimals, CRLF, trailing newline). */
  const char *block =
    "Atelier\tPEC\t1 200\t45 %\r\n"
    "\"Chantier \"\"bois\"\"\"\tCIE jeunes\t35\t0,6\r\n"
    "Tiers-lieu\tcie tp\t7\t62,5\r\n";

  trj_grid_set_cursor (fixture->grid, 10, COL_LABEL);
  g_assert_true (trj_grid_paste_text (fixture->grid, block, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->model->undo_steps, ==, 1);
  g_assert_cmpuint (fixture->model->n_set, ==, 12);
  g_assert_cmpstr (mock_model_line (fixture->model, 10)->label, ==, "Atelier");
  g_assert_cmpfloat (mock_model_line (fixture->model, 10)->volume, ==, 1200);
  g_assert_cmpfloat (mock_model_line (fixture->model, 10)->rate, ==, 0.45);
  g_assert_cmpstr (mock_model_line (fixture->model, 11)->label, ==, "Chantier \"bois\"");
  g_assert_cmpuint (mock_model_line (fixture->model, 11)->kind, ==, 1);
  g_assert_cmpfloat (mock_model_line (fixture->model, 11)->rate, ==, 0.6);
  g_assert_cmpuint (mock_model_line (fixture->model, 12)->kind, ==, 2);
  g_assert_cmpfloat (mock_model_line (fixture->model, 12)->volume, ==, 7);
  g_assert_cmpfloat (mock_model_line (fixture->model, 12)->rate, ==, 0.625);
  g_assert_cmpfloat (mock_model_line (fixture->model, 13)->volume, ==, 140);
  settle ();
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 10, COL_AE), ==, "540\u202F000\u00A0€");

  /* The pasted block is selected. */
  trj_grid_get_selection (fixture->grid, &row, &column, &rows, &columns);
  g_assert_cmpuint (row, ==, 10);
  g_assert_cmpuint (column, ==, 0);
  g_assert_cmpuint (rows, ==, 3);
  g_assert_cmpuint (columns, ==, 4);

  /* Copying it gives back what the grid shows, which pastes back unchanged. */
  {
    g_autofree char *copied = trj_grid_copy_text (fixture->grid);

    trj_grid_set_cursor (fixture->grid, 20, COL_LABEL);
    g_assert_true (trj_grid_paste_text (fixture->grid, copied, NULL));
    g_assert_cmpstr (mock_model_line (fixture->model, 21)->label, ==, "Chantier \"bois\"");
    g_assert_cmpfloat (mock_model_line (fixture->model, 20)->volume, ==, 1200);
    g_assert_cmpfloat (mock_model_line (fixture->model, 22)->rate, ==, 0.625);
    g_assert_cmpuint (fixture->model->undo_steps, ==, 2);
  }

  /* A single value fills the selection. */
  trj_grid_select_range (fixture->grid, 30, COL_HOURS, 33, COL_HOURS);
  g_assert_true (trj_grid_paste_text (fixture->grid, "24,5\n", NULL));
  g_assert_cmpfloat (mock_model_line (fixture->model, 30)->hours, ==, 24.5);
  g_assert_cmpfloat (mock_model_line (fixture->model, 33)->hours, ==, 24.5);
  g_assert_cmpfloat (mock_model_line (fixture->model, 34)->hours, ==, 20);
  g_assert_cmpuint (fixture->model->undo_steps, ==, 3);
}

static void
test_paste_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *bad = "1\t50 %\n2\t150 %\n3\t40 %";

  /* One bad cell refuses the whole block: nothing changes. */
  trj_grid_set_cursor (fixture->grid, 0, COL_VOLUME);
  g_assert_false (trj_grid_paste_text (fixture->grid, bad, &error));
  g_assert_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_PASTE);
  g_assert_cmpstr (error->message, ==,
                   "Ligne 2, colonne «\u00A0Taux\u00A0»\u202F: Le taux doit être compris entre 0 et 100\u00A0%");
  g_assert_cmpstr (trj_grid_get_error_message (fixture->grid), ==, error->message);
  g_assert_cmpfloat (mock_model_line (fixture->model, 0)->volume, ==, 10);
  g_assert_cmpfloat (mock_model_line (fixture->model, 2)->volume, ==, 30);
  g_assert_cmpuint (fixture->model->n_set, ==, 0);
  g_assert_cmpuint (fixture->model->undo_steps, ==, 0);
  g_clear_error (&error);

  /* A block that goes past the last row is refused whole too. */
  trj_grid_set_cursor (fixture->grid, N_ROWS - 1, COL_VOLUME);
  g_assert_false (trj_grid_paste_text (fixture->grid, "1\n2", &error));
  g_assert_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_PASTE);
  g_assert_cmpfloat (mock_model_line (fixture->model, N_ROWS - 1)->volume, ==, 10 * N_ROWS);
  g_assert_cmpuint (fixture->model->n_set, ==, 0);
}

static void
test_rows_inserted_removed (Fixture       *fixture,
                            gconstpointer  data)
{
  guint row;

  mock_model_insert (fixture->model, 1, "Nouvelle ligne");
  settle ();
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 1, COL_LABEL), ==, "Nouvelle ligne");
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 1, COL_AE), ==, "500\u00A0€");
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 2, COL_LABEL), ==, "Ligne 2");

  /* Removing the last line while the cursor is on it brings the cursor back. */
  trj_grid_set_cursor (fixture->grid, N_ROWS, COL_VOLUME);
  assert_cursor (fixture, N_ROWS, COL_VOLUME);
  mock_model_remove (fixture->model, N_ROWS);
  settle ();
  assert_cursor (fixture, N_ROWS - 1, COL_VOLUME);
  mock_model_remove (fixture->model, 1);
  settle ();
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 1, COL_LABEL), ==, "Ligne 2");

  /* A model may also say "every row replaced" for one line added: the
   * grid shows the new shape and the new values. */
  mock_model_line (fixture->model, 0)->volume = 999;
  g_array_insert_val (fixture->model->lines, 0,
                      ((MockLine) { g_strdup ("Première"), 0, 1, 0.5, 20 }));
  trj_grid_model_changed (TRJ_GRID_MODEL (fixture->model), 0, N_ROWS - 1, N_ROWS);
  settle ();
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 0, COL_LABEL), ==, "Première");
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, 1, COL_VOLUME), ==, "999");
  g_assert_cmpstr (trj_grid_get_displayed_text (fixture->grid, N_ROWS - 1, COL_LABEL), ==, "Ligne 59");
  mock_model_remove (fixture->model, 0);
  settle ();

  /* Keys keep working on the new shape. */
  press (fixture, GDK_KEY_Down, 0);
  trj_grid_get_cursor (fixture->grid, &row, NULL);
  g_assert_cmpuint (row, ==, N_ROWS - 2);
}

/* The actions go through the real clipboard. */
static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  g_assert_nonnull (*text);
}

static void
test_clipboard_actions (Fixture       *fixture,
                        gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->grid));
  g_autofree char *text = NULL;

  trj_grid_select_range (fixture->grid, 2, COL_VOLUME, 3, COL_RATE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->grid), "grid.copy", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_cb, &text);
  TRJ_HARNESS_WAIT_FOR (text != NULL);
  g_assert_cmpstr (text, ==, "30\t50,0\u00A0%\n40\t50,0\u00A0%");

  /* Ctrl+V pastes what the clipboard holds at the cursor. */
  gdk_clipboard_set_text (clipboard, "7\t12,5 %");
  trj_grid_set_cursor (fixture->grid, 8, COL_VOLUME);
  g_assert_true (trj_grid_handle_key (fixture->grid, GDK_KEY_v, GDK_CONTROL_MASK));
  TRJ_HARNESS_WAIT_FOR (mock_model_line (fixture->model, 8)->volume == 7);
  g_assert_cmpfloat (mock_model_line (fixture->model, 8)->rate, ==, 0.125);
  g_assert_cmpuint (fixture->model->undo_steps, ==, 1);

  /* grid.clear empties the selection; grid.edit opens the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->grid), "grid.clear", NULL));
  g_assert_cmpfloat (mock_model_line (fixture->model, 8)->volume, ==, 0);
  g_assert_cmpfloat (mock_model_line (fixture->model, 8)->rate, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->grid), "grid.edit", NULL));
  g_assert_true (trj_grid_is_editing (fixture->grid));
}

/* A long grid shows its first rows in its first frame and gets the others
 * after; a jump to the end gets them at once. */
static void
test_long_grid (void)
{
  g_autoptr(MockModel) model = mock_model_new (300, 1);
  TrjGrid *grid = TRJ_GRID (trj_grid_new ());
  GtkWidget *window = gtk_window_new ();
  guint row;

  trj_grid_set_model (grid, TRJ_GRID_MODEL (model));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (grid));
  /* Before its first frame: nothing bound beyond the rows it shows. */
  follow_window (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (trj_grid_get_displayed_text (grid, 100, COL_LABEL));
  TRJ_HARNESS_WAIT_FOR (gtk_window_is_active (GTK_WINDOW (window)));

  gtk_widget_grab_focus (GTK_WIDGET (grid));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_End, GDK_CONTROL_MASK));
  settle ();
  trj_grid_get_cursor (grid, &row, NULL);
  g_assert_cmpuint (row, ==, 299);
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 299, COL_LABEL), ==, "Ligne 300");
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 299, COL_AE), ==, "1\u202F500\u202F000\u00A0€");

  /* Scrolled back to the top, every row is there. */
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Home, GDK_CONTROL_MASK));
  settle ();
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, COL_LABEL), ==, "Ligne 1");
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Page_Down, 0));
  settle ();
  trj_grid_get_cursor (grid, &row, NULL);
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, row, COL_LABEL), !=, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
test_tsv (void)
{
  g_autoptr(GPtrArray) rows = trj_grid_tsv_parse ("a\t\"b\nc\"\t\n\"\"\"q\"\"\"\r\nlast");
  g_autoptr(GString) out = g_string_new (NULL);
  char **row;

  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[0], ==, "a");
  g_assert_cmpstr (row[1], ==, "b\nc");
  g_assert_cmpstr (row[2], ==, "");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, 1);
  g_assert_cmpstr (row[0], ==, "\"q\"");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[0], ==, "last");

  trj_csv_append_field (out, "plain", '\t');
  g_string_append_c (out, '\t');
  trj_csv_append_field (out, "two\nlines", '\t');
  g_assert_cmpstr (out->str, ==, "plain\t\"two\nlines\"");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = trj_grid_tsv_parse ("");
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_column_parse (void)
{
  const TrjGridColumn *rate = &mock_columns[COL_RATE];
  const TrjGridColumn *volume = &mock_columns[COL_VOLUME];
  g_autoptr(GError) error = NULL;
  double value;

  g_assert_true (trj_grid_column_parse (rate, "50", &value, NULL));
  g_assert_cmpfloat (value, ==, 0.5);
  g_assert_true (trj_grid_column_parse (rate, "50 %", &value, NULL));
  g_assert_cmpfloat (value, ==, 0.5);
  g_assert_true (trj_grid_column_parse (rate, "0,5", &value, NULL));
  g_assert_cmpfloat (value, ==, 0.5);
  g_assert_true (trj_grid_column_parse (rate, "1", &value, NULL));
  g_assert_cmpfloat (value, ==, 1.0);
  g_assert_false (trj_grid_column_parse (rate, "-5", &value, &error));
  g_assert_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_true (trj_grid_column_parse (volume, "1 234", &value, NULL));
  g_assert_cmpfloat (value, ==, 1234);
  g_assert_true (trj_grid_column_parse (volume, "1\u202F234", &value, NULL));
  g_assert_cmpfloat (value, ==, 1234);
  g_assert_false (trj_grid_column_parse (volume, "12,5", &value, &error));
  g_assert_cmpstr (error->message, ==, "«\u00A012,5\u00A0» n’est pas un nombre entier");
  g_clear_error (&error);

  g_assert_true (trj_grid_column_parse (&mock_columns[COL_AE], "12\u202F500\u00A0€", &value, NULL));
  g_assert_cmpfloat (value, ==, 12500);
  g_assert_true (trj_grid_column_parse (&mock_columns[COL_TYPE], "cie j", &value, NULL));
  g_assert_cmpfloat (value, ==, 1);
  g_assert_false (trj_grid_column_parse (&mock_columns[COL_TYPE], "ACI", &value, &error));
  g_assert_cmpstr (error->message, ==,
                   "«\u00A0ACI\u00A0» ne fait pas partie des valeurs acceptées\u202F: PEC, CIE jeunes, CIE TP");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  trj_i18n_init ();
  adw_init ();

  g_test_add_func ("/grid/tsv", test_tsv);
  g_test_add_func ("/grid/column-parse", test_column_parse);
  g_test_add_func ("/grid/long-grid", test_long_grid);
  g_test_add ("/grid/navigation", Fixture, NULL, fixture_set_up, test_navigation, fixture_tear_down);
  g_test_add ("/grid/typing", Fixture, NULL, fixture_set_up, test_typing, fixture_tear_down);
  g_test_add ("/grid/invalid", Fixture, NULL, fixture_set_up, test_invalid, fixture_tear_down);
  g_test_add ("/grid/editor-keys", Fixture, NULL, fixture_set_up, test_editor_keys, fixture_tear_down);
  g_test_add ("/grid/range-selection", Fixture, NULL, fixture_set_up, test_range_selection, fixture_tear_down);
  g_test_add ("/grid/copy", Fixture, NULL, fixture_set_up, test_copy, fixture_tear_down);
  g_test_add ("/grid/paste-block", Fixture, NULL, fixture_set_up, test_paste_block, fixture_tear_down);
  g_test_add ("/grid/paste-refused", Fixture, NULL, fixture_set_up, test_paste_refused, fixture_tear_down);
  g_test_add ("/grid/rows-inserted-removed", Fixture, NULL, fixture_set_up, test_rows_inserted_removed, fixture_tear_down);
  g_test_add ("/grid/clipboard-actions", Fixture, NULL, fixture_set_up, test_clipboard_actions, fixture_tear_down);

  return g_test_run ();
}
