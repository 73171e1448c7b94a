/* test-planner.c — the defects of a planner's day (issue 13), on the real window
 *
 * A Bretagne 2024 workbook in a temporary folder, opened in the real main
 * window. Each test drives the widgets a planner uses (menu buttons, their
 * popovers, dialogs, the grids) and waits on the condition it checks (the
 * focus moving, a popover mapped, a window gone), never on a delay. The same
 * program runs with and without a window manager (tests/meson.build).
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-lines-model.h"
#include "trj-entries-model.h"
#include "trj-solver-dialog.h"
#include "trj-gui-format.h"
#include "trj-format.h"
#include "trj-summary-page.h"
#include "trj-charts-page.h"
#include "trj-chart-export.h"
#include "trj-file-chooser.h"
#include "trj-settings.h"

static TrjApplication *app;
static TrjWindow *window;

static TrjEnvelopePage *
pec_page (void)
{
  trj_window_show_envelope (window, "PEC_CIE_TP");
  return TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
}

static GtkWidget *
focus_widget (void)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
focus_in (gpointer widget)
{
  GtkWidget *focus = focus_widget ();

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
focus_in_popover (gpointer data)
{
  GtkWidget *focus = focus_widget ();

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0;
}

static gboolean
widget_gone (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

/* The first mapped GtkMenuButton under root whose icon is `name` (any when NULL). */
static gboolean
is_menu_button (GtkWidget *widget, gconstpointer name)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         (name == NULL || g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), name) == 0);
}

static GtkMenuButton *
find_menu_button (GtkWidget *root, const char *name)
{
  return GTK_MENU_BUTTON (trj_harness_find (root, is_menu_button, name));
}

/* Opens a menu button's popover as a click does, then closes it as Escape
 * does: the keyboard must be back in the grid. */
static void
assert_menu_gives_focus_back (GtkMenuButton *button, TrjGrid *grid)
{
  GtkPopover *popover;

  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  trj_harness_wait_until (is_mapped, popover, "the popover to open");
  trj_harness_wait_until (focus_in_popover, NULL, "the focus in the popover");
  gtk_menu_button_popdown (button);
  trj_harness_wait_until (is_unmapped, popover, "the popover to close");
  trj_harness_wait_until (focus_in, grid, "the focus back in the grid after the popover");
  g_assert_false (gtk_widget_get_ancestor (focus_widget (), GTK_TYPE_BUTTON) != NULL);
}

/* Defect 1: opening puts the keyboard in the lines grid, not on Undo. */
static void
test_focus_open (void)
{
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec_page ());

  trj_harness_wait_until (focus_in, grid, "the focus in the lines grid after opening");
}

/* Defect 1: after the main menu, the scenario list and the « Répartition »
 * helpers of the monthly grid. */
static void
test_focus_menus (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *lines = trj_envelope_page_get_lines_grid (page);
  TrjGrid *entries;

  assert_menu_gives_focus_back (find_menu_button (GTK_WIDGET (window), "open-menu-symbolic"), lines);

  trj_envelope_page_show_entries (page, TRUE);
  entries = trj_envelope_page_get_entries_grid (page);
  trj_harness_wait_until (is_mapped, entries, "the monthly grid shown");
  trj_harness_wait_until (focus_in, entries, "the focus in the monthly grid");
  /* The page's one menu button: the monthly helpers. */
  assert_menu_gives_focus_back (find_menu_button (GTK_WIDGET (page), NULL), entries);
  trj_envelope_page_show_entries (page, FALSE);
  trj_harness_wait_until (focus_in, lines, "the focus back in the lines grid");
}

/* Defect 1: after a dialog, with the focus on the button that opened it. */
static void
test_focus_dialog (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *lines = trj_envelope_page_get_lines_grid (page);
  GtkWindow *dialog;
  GtkMenuButton *menu = find_menu_button (GTK_WIDGET (window), "open-menu-symbolic");

  /* Where a click on « Ajuster… » or on the menu leaves it. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (menu)));
  g_assert_false (focus_in (lines));
  dialog = trj_envelope_page_solve (page);
  g_assert_nonnull (dialog);
  trj_harness_wait_until (is_mapped, dialog, "the solver dialog shown");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (dialog);
  trj_harness_wait_until (widget_gone, &dialog, "the solver dialog closed");
  trj_harness_wait_until (focus_in, lines, "the focus back in the grid after the dialog");
}

/* Every item of a menu, its sections' and its submenus': each action once. */
static guint
collect_menu_actions (GMenuModel *menu, GHashTable *seen)
{
  guint n_items = 0;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      g_autofree char *action = NULL;

      if (section != NULL)
        n_items += collect_menu_actions (section, seen);
      else if (submenu != NULL)
        n_items += collect_menu_actions (submenu, seen);
      else
        {
          g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
          g_assert_false (g_hash_table_contains (seen, action));
          g_hash_table_add (seen, g_steal_pointer (&action));
          n_items++;
        }
    }
  return n_items;
}

/* Given all the height it asks for now. */
static gboolean
popover_whole (gpointer popover)
{
  int natural;

  gtk_widget_measure (popover, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return gtk_widget_get_mapped (popover) && gtk_widget_get_height (popover) >= natural;
}

/* Defect 6: each item of the main menu once, and the whole menu on the
 * screen at the window's default size, below its button (« À propos » was
 * cut). GTK shows a section's separator and title in an idle after the
 * popover is built: measured before, the menu read 776 px when it was
 * 852, taller than the window (the scenario's commands are a submenu since). */
static void
test_main_menu (void)
{
  GtkMenuButton *button = find_menu_button (GTK_WIDGET (window), "open-menu-symbolic");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkPopover *popover;
  graphene_rect_t bounds;
  int natural, window_width, window_height;

  g_assert_nonnull (button);
  /* Its model is given to it in an idle after the window's first frame
   * (trj-window.c). */
  TRJ_HARNESS_WAIT_FOR (gtk_menu_button_get_menu_model (button) != NULL);
  g_assert_cmpuint (collect_menu_actions (gtk_menu_button_get_menu_model (button), seen), >=, 20);
  g_assert_true (g_hash_table_contains (seen, "app.about"));
  g_assert_true (g_hash_table_contains (seen, "win.scenario-duplicate"));
  g_assert_true (g_hash_table_contains (seen, "win.add-fdi"));

  gtk_window_get_default_size (GTK_WINDOW (window), &window_width, &window_height);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (button), GTK_WIDGET (window), &bounds));
  /* The popover is built with the model; a frame of the window after that,
   * and the idle that shows its sections' separators (of higher priority
   * than drawing) has run, as it has long before a planner's click: GTK 4.8
   * does not grow a popup already shown when they appear. */
  trj_harness_wait_painted (GTK_WIDGET (window));
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  trj_harness_wait_until (is_allocated, popover, "the main menu laid out");
  trj_harness_wait_until (popover_whole, popover, "the main menu given its whole height");
  gtk_widget_measure (GTK_WIDGET (popover), GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("the main menu is %d px high, under a button whose bottom is at %.0f px of %d",
                  natural, bounds.origin.y + bounds.size.height, window_height);
  /* Drawn whole, within the window, below the button that opens it. */
  g_assert_cmpint (natural, <=, window_height - (int) (bounds.origin.y + bounds.size.height));
  gtk_menu_button_popdown (button);
  trj_harness_wait_until (is_unmapped, popover, "the main menu to close");
}

static const TrjEnvelopeResult *
pec_result (void)
{
  TrjDocument *doc = trj_window_get_document (window);

  return &trj_document_get_result (doc)->envelopes[trj_document_find_envelope (doc, "PEC_CIE_TP")];
}

static const TrjLine *
pec_line (guint index)
{
  const TrjEnvelope *env = trj_document_get_envelope (trj_window_get_document (window), "PEC_CIE_TP");

  g_assert_cmpuint (index, <, env->lines->len);
  return env->lines->pdata[index];
}

static gboolean
type_cell (TrjGrid *grid, guint row, guint column, const char *text)
{
  trj_grid_set_cursor (grid, row, column);
  g_assert_true (trj_grid_start_editing (grid, text));
  return trj_grid_commit_edit (grid);
}

/* Defect 2: a volume solved on a line given month by month. What the dialog
 * shows is what « Appliquer » writes, in whole contracts, and the envelope's
 * AE is then at most its available AE (margin ≥ 0, less than a contract). */
static void
test_solver_monthly (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *entries;
  TrjSolverDialog *dialog;
  g_autoptr(GError) error = NULL;
  double value, volume, margin;
  g_autofree char *shown = NULL;

  trj_envelope_page_show_entries (page, TRUE);
  entries = trj_envelope_page_get_entries_grid (page);
  /* A profile a planner types: 30 in January, 7 in March, 11 in October. */
  g_assert_true (type_cell (entries, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH + 0, "30"));
  g_assert_true (type_cell (entries, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH + 2, "7"));
  g_assert_true (type_cell (entries, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH + 9, "11"));
  trj_grid_set_cursor (entries, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH);

  dialog = TRJ_SOLVER_DIALOG (trj_envelope_page_solve (page));
  g_assert_nonnull (dialog);
  trj_solver_dialog_set_unknown (dialog, TRJ_UNKNOWN_VOLUME);
  trj_solver_dialog_set_target (dialog, NAN);
  g_assert_true (trj_solver_dialog_has_solution (dialog));
  value = trj_solver_dialog_get_value (dialog);
  /* Whole contracts, shown without decimals. */
  g_assert_cmpfloat (value, ==, floor (value));
  g_assert_null (strchr (trj_solver_dialog_get_value_text (dialog), ','));
  shown = g_strdup (trj_solver_dialog_get_detail_text (dialog));
  g_assert_true (trj_solver_dialog_apply (dialog, &error));
  g_assert_no_error (error);

  volume = trj_line_volume (pec_line (0));
  margin = pec_result ()->ae_margin;
  g_assert_cmpfloat (volume, ==, value);
  g_assert_cmpfloat (margin, >=, 0);
  g_assert_cmpfloat (margin, <, pec_result ()->f.ae_per_contract);
  /* Every month a whole number of contracts. */
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_assert_cmpfloat (pec_line (0)->entries[m], ==, floor (pec_line (0)->entries[m]));
  /* The preview named the AE now programmed. */
  {
    g_autofree char *ae = trj_gui_money (pec_result ()->f.ae_total);

    g_assert_nonnull (strstr (shown, ae));
  }
  trj_envelope_page_show_entries (page, FALSE);
}

/* Defect 2: moving exactly the CIE jeunes margin shown leaves it at 0 €, not
 * « −0 € » in red with an overrun alert of 0 €. */
static void
test_move_shown_margin (void)
{
  TrjDocument *doc = trj_window_get_document (window);
  TrjSummaryPage *summary;
  int cie = trj_document_find_envelope (doc, "CIE_JEUNES");
  g_autofree char *shown = NULL;
  const TrjResult *result;
  double amount;
  GtkEditable *entry;

  trj_window_show_envelope (window, NULL);
  summary = TRJ_SUMMARY_PAGE (trj_window_get_page (window, NULL));
  g_assert_cmpint (cie, ==, 1);
  /* The notified amount less a programmed AE with cents: a margin with cents. */
  g_assert_cmpfloat (fmod (trj_document_get_result (doc)->envelopes[cie].ae_margin, 1), !=, 0);
  shown = g_strdup (trj_summary_page_get_cell (summary, cie, TRJ_SUMMARY_COLUMN_AE_MARGIN));
  *strstr (shown, "\u00a0€") = '\0';
  g_assert_true (trj_parse_number (shown, &amount));
  g_assert_cmpfloat (amount, <=, trj_document_get_result (doc)->envelopes[cie].ae_margin);

  entry = trj_summary_page_get_fungibility_entry (summary, TRJ_FUNGIBILITY_TRANSFER_AE);
  gtk_editable_set_text (entry, shown);
  g_signal_emit_by_name (entry, "activate");
  result = trj_document_get_result (doc);
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.cie_jeunes_to_pec_ae, ==, amount);
  g_assert_cmpfloat (result->envelopes[cie].ae_margin, >=, 0);
  g_assert_cmpstr (trj_summary_page_get_cell (summary, cie, TRJ_SUMMARY_COLUMN_AE_MARGIN), ==, "0\u00a0€");
  for (guint i = 0; i < result->n_alerts; i++)
    g_assert_false (result->alerts[i].code == TRJ_ALERT_AE_OVER_ENVELOPE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
}

/* The button labelled `label` (with its mnemonic) under root, as a user finds it. */
static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  return trj_harness_find (root, is_button_labelled, label);
}

/* A label shown under root whose text contains `text` (a toast), or NULL. */
static gboolean
is_label_with (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  return trj_harness_find (root, is_label_with, text);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
file_written (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The file choosers the window shows come here (trj-file-chooser.h): the
 * last one, waiting for its answer, and the name it suggested. */
static GtkFileChooserNative *chooser_shown;
static char *suggested_name;

static void
chooser_hook (GtkFileChooserNative *chooser, gpointer data)
{
  g_set_object (&chooser_shown, chooser);
  g_free (suggested_name);
  /* Only a saving chooser suggests a name. */
  suggested_name = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE
                   ? gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)) : NULL;
}

/* Waits for the window to show a file chooser, then answers it with `path`
 * (cancels when NULL). */
static void
answer_chooser (const char *path)
{
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  g_autoptr(GtkFileChooserNative) chooser = NULL;

  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  chooser = g_steal_pointer (&chooser_shown);
  trj_file_chooser_respond (chooser, file);
}

/* Entrée in a file chooser with no file selected accepts without a file
 * (GtkFileChooserDialog does): the window opens nothing and says nothing,
 * as for Annuler (it passed NULL on, and GLib stopped on a critical). */
static void
test_chooser_accepted_empty (void)
{
  TrjDocument *document = trj_window_get_document (window);
  g_autoptr(GtkFileChooserNative) chooser = NULL;

  trj_window_choose_file_to_open (window);
  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  chooser = g_steal_pointer (&chooser_shown);
  g_assert_false (trj_file_chooser_accepted (chooser, GTK_RESPONSE_ACCEPT));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_true (trj_window_get_document (window) == document);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Defect 3: « Exporter l'image » writes the PNG at the size chosen in its
 * dialog, through the file chooser, with no error. */
static void
test_chart_export (void)
{
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "trajectoire.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *charts;
  GtkWindow *sizes;
  GtkSpinButton *width;
  GtkWidget *button;

  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  charts = trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME);
  g_assert_true (gtk_widget_activate_action (charts, "charts.export-image", NULL));
  trj_harness_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the size dialog");
  sizes = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  /* A width typed in the dialog, as a planner would, not the default. */
  width = GTK_SPIN_BUTTON (trj_harness_find_type (GTK_WIDGET (sizes), GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (width, 1000);
  g_object_ref (sizes);
  button = find_button (GTK_WIDGET (sizes), _("_Choose a File…"));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  /* The planner picks the file once the size dialog has gone. */
  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  trj_harness_wait_until (is_unmapped, sizes, "the size dialog gone");
  g_object_unref (sizes);
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_true (g_str_has_suffix (suggested_name, ".png"));
  answer_chooser (path);
  trj_harness_wait_until (file_written, path, "the PNG written");
  texture = gdk_texture_new_from_filename (path, NULL);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1000);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, TRJ_CHART_EXPORT_HEIGHT);
  /* No « La taille d'image 0 × 0 » message; a toast says it is done. */
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  TRJ_HARNESS_WAIT_FOR (find_label (GTK_WIDGET (window), "Image exportée") != NULL);
}

/* Defect 11: exporting the report says it is done. */
static void
test_report_export (void)
{
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize length;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report", NULL));
  g_assert_true (g_str_has_suffix (suggested_name, ".pdf") || chooser_shown != NULL);
  answer_chooser (path);
  TRJ_HARNESS_WAIT_FOR (find_label (GTK_WIDGET (window), "Rapport exporté") != NULL);
  g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Defect 7: a cell typed but not confirmed is committed when the window
 * closes (Ctrl+W); a refused one keeps the window open. */
static void
test_close_commits (void)
{
  g_autofree char *path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrjWindow *other = trj_window_new (GTK_APPLICATION (app));
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  TrjEnvelopePage *page;
  TrjGrid *grid;

  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (trj_window_open_file (other, file));
  trj_window_show_envelope (other, "PEC_CIE_TP");
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (other));
  grid = trj_envelope_page_get_lines_grid (page);
  trj_harness_wait_until (is_mapped, grid, "the grid of the second window");

  /* Refused: the window stays, the editor too. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  g_assert_true (trj_grid_start_editing (grid, "150 %"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "window.close", NULL));
  trj_harness_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (other)));
  g_assert_true (trj_grid_is_editing (grid));
  trj_grid_cancel_edit (grid);

  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  g_assert_true (trj_grid_start_editing (grid, "777"));
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "window.close", NULL));
  trj_harness_wait_until (widget_gone, &other, "the second window closed");

  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  scenario = trj_workbook_get_scenario (wb, trj_workbook_get_current_scenario (wb), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (trj_line_volume (trj_scenario_find_envelope (scenario, "PEC_CIE_TP")->lines->pdata[0]), ==, 777);
}

static guint
pec_lines (void)
{
  return trj_document_get_envelope (trj_window_get_document (window), "PEC_CIE_TP")->lines->len;
}

/* Defect 4: ten rows from Calc pasted (Ctrl+V) onto a shorter grid add the
 * lines they need, as one undo step; a block refused on an added line adds
 * none. */
static void
test_paste_adds_lines (void)
{
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec_page ());
  TrjGridModel *model = trj_grid_get_model (grid);
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  g_autoptr(GString) block = g_string_new (NULL);
  const char *departements[] = { "22", "29", "35", "56" };
  guint n0 = pec_lines ();
  g_autofree char *label0 = g_strdup (pec_line (0)->label);
  g_autofree char *message = NULL;

  g_assert_cmpuint (n0, <, 10);
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (block, "PEC %s n° %u\t%s\t\tPEC\t%u\n", departements[i % 4], i + 1,
                            departements[i % 4], 10 + i);
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (grid)), block->str);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.paste", NULL));
  TRJ_HARNESS_WAIT_FOR (pec_lines () == 10);
  g_assert_cmpuint (trj_grid_model_get_n_rows (model), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *label = g_strdup_printf ("PEC %s n° %u", departements[i % 4], i + 1);
      g_autofree char *text = trj_grid_model_get_text (model, i, TRJ_LINES_COLUMN_VOLUME);
      g_autofree char *volume = trj_gui_integer (10 + i);

      g_assert_cmpstr (pec_line (i)->label, ==, label);
      g_assert_cmpstr (pec_line (i)->departement, ==, departements[i % 4]);
      g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (i)), 10 + i, 1e-9);
      g_assert_cmpstr (text, ==, volume);
    }
  g_assert_null (trj_grid_get_error_message (grid));

  /* One undo step: the lines added go with the values. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (pec_lines (), ==, n0);
  g_assert_cmpstr (pec_line (0)->label, ==, label0);
  trj_harness_wait_painted (GTK_WIDGET (grid));
  g_assert_cmpuint (trj_grid_model_get_n_rows (model), ==, n0);

  /* Refused on the last row, one to add: nothing added, nothing changed, the
   * message names the block's row and the column on one line. */
  trj_grid_set_cursor (grid, n0 - 1, TRJ_LINES_COLUMN_HOURS);
  g_assert_false (trj_grid_paste_text (grid, "20\t6\n20\t0\n", NULL));
  g_assert_cmpuint (pec_lines (), ==, n0);
  g_assert_cmpuint (trj_grid_model_get_n_rows (model), ==, n0);
  message = g_strdup (trj_grid_get_error_message (grid));
  g_assert_nonnull (strstr (message, "Ligne"));
  g_assert_nonnull (strstr (message, "« Durée (mois) »"));
  g_assert_null (strchr (message, '\n'));
  g_assert_true (trj_workbook_can_redo (wb));
}

static double
grid_top (TrjGrid *grid)
{
  double x, y;

  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (grid), GTK_WIDGET (window), 0, 0, &x, &y));
  return y;
}

/* Defect 12: alerts coming and going never move the grid (a click would land
 * on another row); more alerts than the area holds are counted in its last row. */
static void
test_alerts_keep_grid (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *grid = trj_envelope_page_get_lines_grid (page);
  guint n0 = trj_envelope_page_get_n_alerts (page);
  double top = grid_top (grid);
  const struct { guint column; const char *text; } edits[] = {
    { TRJ_LINES_COLUMN_RATE, "95 %" },
    { TRJ_LINES_COLUMN_HOURS, "35" },
    { TRJ_LINES_COLUMN_DURATION, "24" },
  };
  guint n = n0;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_assert_true (type_cell (grid, 0, edits[i].column, edits[i].text));
      g_assert_cmpuint (trj_envelope_page_get_n_alerts (page), >, n);
      n = trj_envelope_page_get_n_alerts (page);
      g_assert_cmpfloat (grid_top (grid), ==, top);
    }
  /* More than the two rows of the area. */
  g_assert_cmpuint (n, >, 2);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      g_assert_cmpfloat (grid_top (grid), ==, top);
    }
  g_assert_cmpuint (trj_envelope_page_get_n_alerts (page), ==, n0);
}

/* The names in a folder, one a line. */
static char *
folder_names (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* Creates a programme from a start window's button over `path`, answering
 * the chooser's one question (« Remplacer ? ») as the planner did. */
static TrjWindow *
create_over (const char *path)
{
  TrjWindow *start = trj_window_new (GTK_APPLICATION (app));
  GtkWidget *button;

  trj_harness_present (GTK_WINDOW (start));
  button = find_button (GTK_WIDGET (start), _("_Create the Programme…"));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  answer_chooser (path);
  trj_harness_flush ();
  return start;
}

/* Defect 8: creating over an existing file asks once (the chooser) and
 * replaces it; a workbook open in a window is not replaced, and said so. */
static void
test_create_replaces (void)
{
  g_autofree char *path = trj_harness_new_workbook ("Bretagne");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  TrjWindow *created, *refused;
  TrjWorkbook *wb;

  {
    g_autoptr(TrjWorkbook) old = trj_workbook_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (trj_workbook_rename_scenario (old, trj_workbook_get_current_scenario (old), "Ancien", &error));
  }
  created = create_over (path);
  TRJ_HARNESS_WAIT_FOR (trj_window_get_document (created) != NULL);
  wb = trj_document_get_workbook (trj_window_get_document (created));
  g_assert_cmpstr (trj_workbook_get_path (wb), ==, path);
  g_assert_false (trj_workbook_is_read_only (wb));
  g_assert_cmpint (trj_workbook_find_scenario (wb, "Ancien"), ==, 0);
  /* No second question, no error. */
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* Nothing left aside: the workbook and its lock. */
  names = folder_names (dir);
  g_assert_nonnull (strstr (names, base));
  g_assert_null (strstr (names, "replaced"));

  /* Open in `created`: a second window does not replace it. */
  refused = create_over (path);
  g_assert_null (trj_window_get_document (refused));
  g_assert_cmpint (trj_workbook_find_scenario (wb, _("Initial scenario")), !=, 0);
  g_free (names);
  names = folder_names (dir);
  g_assert_null (strstr (names, "replaced"));
  gtk_window_destroy (GTK_WINDOW (refused));
  gtk_window_destroy (GTK_WINDOW (created));
}

static void
assert_ref_lines (TrjChartsPage *charts, const char *ae, const char *cp)
{
  const TrjChartModel *model;

  trj_harness_wait_painted (GTK_WIDGET (charts));
  model = trj_chart_view_get_model (trj_charts_page_get_view (charts));
  g_assert_nonnull (model);
  g_assert_cmpuint (model->ref_lines->len, ==, 2);
  g_assert_cmpstr (((TrjChartRefLine *) model->ref_lines->pdata[0])->name, ==, ae);
  g_assert_cmpstr (((TrjChartRefLine *) model->ref_lines->pdata[1])->name, ==, cp);
}

/* Defect 5: « disponibles » where fungibility changed the figure, in the
 * trajectory and overlay charts; the PDF summary shows both CP rows. */
static void
test_available_labels (void)
{
  TrjDocument *document = trj_window_get_document (window);
  TrjWorkbook *wb = trj_document_get_workbook (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "rapport.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  TrjChartsPage *charts;

  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  charts = TRJ_CHARTS_PAGE (trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME));
  trj_charts_page_set_envelope (charts, "PEC_CIE_TP");
  trj_charts_page_set_kind (charts, TRJ_CHART_TRAJECTORY);
  assert_ref_lines (charts, "AE notifiées", "CP notifiés");

  /* 100 000 € of AE (and their CP) moved from CIE jeunes to PEC. */
  g_assert_true (trj_workbook_set_fungibility (wb, trj_document_get_scenario_id (document),
                                               TRJ_FUNGIBILITY_TRANSFER_AE, 100000, &error));
  g_assert_no_error (error);
  assert_ref_lines (charts, "AE disponibles", "CP disponibles");
  /* The overlay compares scenarios: a copy, with the same move. */
  g_assert_cmpint (trj_workbook_duplicate_scenario (wb, trj_document_get_scenario_id (document), NULL, &error), !=, 0);
  g_assert_no_error (error);
  trj_charts_page_set_kind (charts, TRJ_CHART_OVERLAY);
  assert_ref_lines (charts, "AE disponibles", "CP disponibles");
  trj_charts_page_set_kind (charts, TRJ_CHART_TRAJECTORY);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report", NULL));
  answer_chooser (pdf);
  TRJ_HARNESS_WAIT_FOR (g_file_test (pdf, G_FILE_TEST_EXISTS));
  if (pdftotext != NULL)
    {
      const char *argv[] = { pdftotext, "-layout", pdf, "-", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &text, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, "CP notifiés"));
      g_assert_nonnull (strstr (text, "CP disponibles (après fongibilité)"));
    }
  else
    g_test_message ("pdftotext missing: the PDF's rows were not read");
  /* The copy, then the move, undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_ref_lines (charts, "AE notifiées", "CP notifiés");
}

/* « Recopier vers le bas »: Ctrl+D fills the selection with its first row,
 * one undo step; duplicating the line moves to Ctrl+Maj+D. */
static void
test_fill_down (void)
{
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec_page ());
  g_auto(GStrv) duplicate = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.duplicate-line");
  guint n0 = pec_lines ();

  while (pec_lines () < 3)
    {
      trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL));
    }
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_VOLUME, "33"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_RATE, "45 %"));
  g_assert_true (type_cell (grid, 1, TRJ_LINES_COLUMN_VOLUME, "7"));
  trj_grid_select_range (grid, 0, TRJ_LINES_COLUMN_VOLUME, 2, TRJ_LINES_COLUMN_RATE);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_d, GDK_CONTROL_MASK));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (i)), 33, 1e-9);
      g_assert_cmpfloat_with_epsilon (pec_line (i)->rate, 0.45, 1e-12);
    }
  /* One row selected: the row above comes down. */
  g_assert_true (type_cell (grid, 2, TRJ_LINES_COLUMN_VOLUME, "5"));
  trj_grid_set_cursor (grid, 2, TRJ_LINES_COLUMN_VOLUME);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (2)), 33, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (2)), 5, 1e-9);
  /* The first fill is one step too (after the 5 typed): line 1 gets its 7 back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (2)), 33, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (1)), 7, 1e-9);

  /* Ctrl+D is not the window's any more; Ctrl+Maj+D duplicates. */
  g_assert_cmpstr (duplicate[0], ==, "<Shift><Control>d");
  g_assert_null (duplicate[1]);
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (pec_lines (), >=, n0);
}

static gboolean
focus_in_sidebar (gpointer data)
{
  GtkWidget *focus = focus_widget ();

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX) != NULL &&
         gtk_widget_get_ancestor (focus, TRJ_TYPE_ENVELOPE_PAGE) == NULL;
}

/* The header bar over the page: the one holding the Undo button. */
static gboolean
focus_in_header (gpointer data)
{
  GtkWidget *focus = focus_widget ();
  GtkWidget *header = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR) : NULL;

  return header != NULL && find_menu_button (header, "open-menu-symbolic") != NULL;
}

/* Leaving the grid by the keyboard: F6 (win.focus-next-region) goes grid →
 * sidebar → header bar → grid, Maj+F6 the other way; a cell being typed is
 * committed on the way out; Tab leaves the grid, Ctrl+Tab at the last cell;
 * Escape outside an edit changes nothing and keeps the keyboard. (The
 * walkthrough presses the real keys: F6, Ctrl+Tab.) */
static void
test_focus_regions (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *grid = trj_envelope_page_get_lines_grid (page);
  TrjGridModel *model = trj_grid_get_model (grid);
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  g_auto(GStrv) next = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.focus-next-region");
  g_auto(GStrv) previous = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.focus-previous-region");
  g_autofree char *undo_label = NULL;
  guint last_row = trj_grid_model_get_n_rows (model) - 1;

  /* Ctrl+Tab is not an accelerator: those run before the grid, which
   * moves between cells with it (test-a11y /a11y/keys). */
  g_assert_true (g_strv_contains ((const char * const *) next, "F6"));
  g_assert_false (g_strv_contains ((const char * const *) next, "<Control>Tab"));
  g_assert_true (g_strv_contains ((const char * const *) previous, "<Shift>F6"));

  /* The window active again after the dialogs of the tests before: under a
   * window manager its activation can arrive late, and becoming active
   * hands a focus left on a header button back to the grid (at once, in a
   * high-priority idle), which would undo the F6 below. */
  trj_harness_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  trj_harness_wait_until (focus_in, grid, "the focus in the lines grid");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-region", NULL));
  trj_harness_wait_until (focus_in_sidebar, NULL, "F6: the focus in the sidebar");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-region", NULL));
  trj_harness_wait_until (focus_in_header, NULL, "F6: the focus in the header bar");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-region", NULL));
  trj_harness_wait_until (focus_in, grid, "F6: the focus back in the grid");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-previous-region", NULL));
  trj_harness_wait_until (focus_in_header, NULL, "Maj+F6: the focus in the header bar");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-previous-region", NULL));
  trj_harness_wait_until (focus_in_sidebar, NULL, "Maj+F6: the focus in the sidebar");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-previous-region", NULL));
  trj_harness_wait_until (focus_in, grid, "Maj+F6: the focus back in the grid");

  /* Entrée on a sidebar row hands the keyboard to the page's grid in a
   * high-priority idle; F6 pressed before that idle ran (a slow machine, a fast typist)
   * wins: the hand-back does not take the focus back from the header bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-region", NULL));
  trj_harness_wait_until (focus_in_sidebar, NULL, "F6: the focus in the sidebar again");
  g_assert_true (gtk_widget_activate (focus_widget ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-region", NULL));
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_true (focus_in_header (NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-region", NULL));
  trj_harness_wait_until (focus_in, grid, "F6: the focus back in the grid from the header bar");

  /* A value being typed goes in before the focus leaves. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  g_assert_true (trj_grid_start_editing (grid, "17"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-region", NULL));
  trj_harness_wait_until (focus_in_sidebar, NULL, "F6 from an edit: the focus in the sidebar");
  g_assert_false (trj_grid_is_editing (grid));
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (0)), 17, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-previous-region", NULL));
  trj_harness_wait_until (focus_in, grid, "the focus back in the grid");

  /* Escape outside an edit: used, nothing changes, the keyboard stays. */
  undo_label = g_strdup (trj_workbook_get_undo_label (wb));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Escape, 0));
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, undo_label);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (0)), 17, 1e-9);
  g_assert_true (focus_in (grid));

  /* Tab leaves the grid; Ctrl+Tab moves along the rows and leaves past
   * the last cell (to the window's next region). */
  trj_grid_set_cursor (grid, last_row, TRJ_N_LINES_COLUMNS - 2);
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_Tab, 0));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Tab, GDK_CONTROL_MASK));
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_Tab, GDK_CONTROL_MASK));
  trj_grid_set_cursor (grid, 0, 0);
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK | GDK_CONTROL_MASK));
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
}

/* The mapped GtkListBox under a widget (the grid's list of choices), or NULL. */
static gboolean
is_shown_list_box (GtkWidget *widget, gconstpointer unused)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_get_mapped (widget);
}

static GtkListBox *
find_list_box (GtkWidget *widget)
{
  return GTK_LIST_BOX (trj_harness_find (widget, is_shown_list_box, NULL));
}

/* Types text into a cell as the keyboard does: the first key through the
 * grid (type to replace), the rest into its editor, then Enter. */
static void
type_keys (TrjGrid *grid, guint row, guint column, const char *text)
{
  trj_grid_set_cursor (grid, row, column);
  g_assert_true (trj_grid_handle_key (grid, gdk_unicode_to_keyval (g_utf8_get_char (text)), 0));
  g_assert_true (trj_grid_is_editing (grid));
  gtk_editable_set_text (trj_grid_get_editor (grid), text);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Return, 0));
}

/* Prescribers as a list: the column offers France Travail, Mission locale,
 * Cap emploi, Conseil départemental and the names the lines already give;
 * « fra » + Enter is France Travail, a new name is kept as typed and then
 * offered too, a pasted name takes the list's spelling. */
static void
test_prescribers (void)
{
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec_page ());
  TrjGridModel *model = trj_grid_get_model (grid);
  const TrjGridColumn *column = trj_grid_model_get_column (model, TRJ_LINES_COLUMN_PRESCRIBER);
  const char *usual[] = { "France Travail", "Mission locale", "Cap emploi", "Conseil départemental" };
  GtkListBox *list;
  guint shown = 0;

  while (pec_lines () < 2)
    {
      trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL));
    }
  g_assert_nonnull (column->choices);
  for (guint i = 0; i < G_N_ELEMENTS (usual); i++)
    g_assert_true (g_strv_contains (column->choices, usual[i]));

  /* Editing an emptied cell shows the whole list under it (Escape then
   * gives the cell its value back). */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_PRESCRIBER);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_BackSpace, 0));
  trj_harness_wait_painted (GTK_WIDGET (window));
  list = find_list_box (GTK_WIDGET (grid));
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    shown += gtk_widget_get_visible (row);
  g_assert_cmpuint (shown, >=, G_N_ELEMENTS (usual));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Escape, 0));

  type_keys (grid, 0, TRJ_LINES_COLUMN_PRESCRIBER, "fra");
  g_assert_cmpstr (pec_line (0)->prescriber, ==, "France Travail");
  type_keys (grid, 1, TRJ_LINES_COLUMN_PRESCRIBER, "cap emploi");
  g_assert_cmpstr (pec_line (1)->prescriber, ==, "Cap emploi");
  /* Down picks from the list. */
  trj_grid_set_cursor (grid, 1, TRJ_LINES_COLUMN_PRESCRIBER);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_BackSpace, 0));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Down, 0));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Down, 0));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Return, 0));
  g_assert_cmpstr (pec_line (1)->prescriber, ==, "Mission locale");

  /* The planner's own: kept, and offered from then on. */
  type_keys (grid, 1, TRJ_LINES_COLUMN_PRESCRIBER, "Association Agir 29");
  g_assert_cmpstr (pec_line (1)->prescriber, ==, "Association Agir 29");
  column = trj_grid_model_get_column (model, TRJ_LINES_COLUMN_PRESCRIBER);
  g_assert_true (g_strv_contains (column->choices, "Association Agir 29"));
  type_keys (grid, 0, TRJ_LINES_COLUMN_PRESCRIBER, "asso");
  g_assert_cmpstr (pec_line (0)->prescriber, ==, "Association Agir 29");

  /* Emptied with Backspace and Enter: no prescriber, not the first of the list. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_PRESCRIBER);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_BackSpace, 0));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Return, 0));
  g_assert_true (pec_line (0)->prescriber == NULL || *pec_line (0)->prescriber == '\0');

  /* Pasted from Calc in lower case: the list's spelling. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_PRESCRIBER);
  g_assert_true (trj_grid_paste_text (grid, "mission locale\nconseil départemental\n", NULL));
  g_assert_cmpstr (pec_line (0)->prescriber, ==, "Mission locale");
  g_assert_cmpstr (pec_line (1)->prescriber, ==, "Conseil départemental");
}

/* The engine's figures of a PEC line. */
static const TrjFigures *
pec_figures (guint index)
{
  TrjDocument *document = trj_window_get_document (window);

  return &trj_result_line (trj_document_get_result (document),
                           trj_document_find_envelope (document, "PEC_CIE_TP"), index)->f;
}

/* Subtotals: « Sous-totaux » groups the lines by département, then by
 * prescriber, each group followed by its subtotal (volume, AE, CP: the
 * engine's line figures summed), the envelope's total last; every cell is
 * read-only and the rows follow an edit of the lines. */
static void
test_subtotals (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *lines = trj_envelope_page_get_lines_grid (page);
  TrjGrid *grid;
  TrjGridModel *model;
  const TrjEnvelopeResult *envelope;
  /* Four lines: 29, 35, 29, 22; prescribers ML, CE, FT, ML. */
  const struct { const char *departement, *prescriber, *volume; } given[] = {
    { "29", "Mission locale", "40" }, { "35", "Cap emploi", "25" },
    { "29", "France Travail", "12" }, { "22", "Mission locale", "7" },
  };
  /* Expected rows by département: 22 (line 3), 29 (lines 0, 2), 35 (line 1). */
  const int by_departement[] = { 3, -1, 0, 2, -1, 1, -1 };
  const int by_prescriber[] = { 1, -1, 2, -1, 0, 3, -1 };
  double volume = 0, ae = 0, cp = 0;
  g_autofree char *text = NULL;

  while (pec_lines () > G_N_ELEMENTS (given))
    {
      trj_grid_set_cursor (lines, 0, TRJ_LINES_COLUMN_LABEL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-line", NULL));
    }
  while (pec_lines () < G_N_ELEMENTS (given))
    {
      trj_grid_set_cursor (lines, 0, TRJ_LINES_COLUMN_LABEL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      g_assert_true (type_cell (lines, i, TRJ_LINES_COLUMN_DEPARTEMENT, given[i].departement));
      g_assert_true (type_cell (lines, i, TRJ_LINES_COLUMN_PRESCRIBER, given[i].prescriber));
      g_assert_true (type_cell (lines, i, TRJ_LINES_COLUMN_VOLUME, given[i].volume));
    }

  trj_envelope_page_show_subtotals (page, TRJ_SUBTOTALS_BY_DEPARTEMENT);
  grid = trj_envelope_page_get_subtotals_grid (page);
  trj_harness_wait_until (focus_in, grid, "the focus in the subtotals grid");
  model = trj_grid_get_model (grid);
  for (guint pass = 0; pass < 2; pass++)
    {
      const int *expected = pass == 0 ? by_departement : by_prescriber;

      if (pass == 1)
        trj_envelope_page_show_subtotals (page, TRJ_SUBTOTALS_BY_PRESCRIBER);
      g_assert_cmpuint (trj_grid_model_get_n_rows (model), ==, G_N_ELEMENTS (by_departement) + 1);
      volume = ae = cp = 0;
      for (guint row = 0; row < G_N_ELEMENTS (by_departement); row++)
        {
          g_autofree char *v = trj_grid_model_get_text (model, row, TRJ_SUBTOTALS_COLUMN_VOLUME);
          g_autofree char *a = trj_grid_model_get_text (model, row, TRJ_SUBTOTALS_COLUMN_AE);
          g_autofree char *c = trj_grid_model_get_text (model, row, TRJ_SUBTOTALS_COLUMN_CP);
          g_autofree char *want_v = NULL, *want_a = NULL, *want_c = NULL;

          if (expected[row] >= 0)
            {
              const TrjFigures *f = pec_figures (expected[row]);

              g_assert_cmpint (trj_subtotals_model_row_kind (TRJ_SUBTOTALS_MODEL (model), row), ==,
                               TRJ_SUBTOTALS_ROW_LINE);
              volume += f->volume;
              ae += f->ae_total;
              cp += f->cp_total;
              want_v = trj_gui_integer (f->volume);
              want_a = trj_gui_money (f->ae_total);
              want_c = trj_gui_money (f->cp_total);
            }
          else
            {
              g_assert_cmpint (trj_subtotals_model_row_kind (TRJ_SUBTOTALS_MODEL (model), row), ==,
                               TRJ_SUBTOTALS_ROW_SUBTOTAL);
              want_v = trj_gui_integer (volume);
              want_a = trj_gui_money (ae);
              want_c = trj_gui_money (cp);
              volume = ae = cp = 0;
            }
          g_assert_cmpstr (v, ==, want_v);
          g_assert_cmpstr (a, ==, want_a);
          g_assert_cmpstr (c, ==, want_c);
        }
    }
  /* The group of the second subtotal by prescriber: France Travail's 12. */
  text = trj_grid_model_get_text (model, 3, TRJ_SUBTOTALS_COLUMN_LABEL);
  g_assert_nonnull (strstr (text, "France Travail"));
  g_clear_pointer (&text, g_free);
  text = trj_grid_model_get_text (model, 3, TRJ_SUBTOTALS_COLUMN_VOLUME);
  g_assert_cmpstr (text, ==, "12");
  g_clear_pointer (&text, g_free);

  /* The total is the envelope's. */
  envelope = trj_document_get_envelope_result (trj_window_get_document (window), "PEC_CIE_TP");
  text = trj_grid_model_get_text (model, G_N_ELEMENTS (by_departement), TRJ_SUBTOTALS_COLUMN_AE);
  {
    g_autofree char *want = trj_gui_money (envelope->f.ae_total);

    g_assert_cmpstr (text, ==, want);
  }
  g_clear_pointer (&text, g_free);
  text = trj_grid_model_get_text (model, G_N_ELEMENTS (by_departement), TRJ_SUBTOTALS_COLUMN_VOLUME);
  g_assert_cmpstr (text, ==, "84");
  g_clear_pointer (&text, g_free);

  /* Read-only: nothing typed goes in. */
  trj_grid_set_cursor (grid, 1, TRJ_SUBTOTALS_COLUMN_VOLUME);
  g_assert_false (trj_grid_start_editing (grid, "5"));
  trj_grid_set_cursor (grid, 0, TRJ_SUBTOTALS_COLUMN_VOLUME);
  g_assert_false (trj_grid_start_editing (grid, "5"));
  /* A paste skips computed cells, as over the lines grid's: nothing changes. */
  trj_grid_paste_text (grid, "5", NULL);
  text = trj_grid_model_get_text (model, 0, TRJ_SUBTOTALS_COLUMN_VOLUME);
  g_assert_cmpstr (text, ==, "25");   /* by prescriber: Cap emploi's line first */
  g_clear_pointer (&text, g_free);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (1)), 25, 1e-9);

  /* An edit of the lines shows in the subtotals at once. */
  g_assert_true (type_cell (lines, 2, TRJ_LINES_COLUMN_VOLUME, "20"));
  text = trj_grid_model_get_text (model, 3, TRJ_SUBTOTALS_COLUMN_VOLUME);
  g_assert_cmpstr (text, ==, "20");
  g_clear_pointer (&text, g_free);
  text = trj_grid_model_get_text (model, G_N_ELEMENTS (by_departement), TRJ_SUBTOTALS_COLUMN_VOLUME);
  g_assert_cmpstr (text, ==, "92");

  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "sous-totaux.png", NULL);
      g_autoptr(GError) error = NULL;

      trj_harness_wait_painted (GTK_WIDGET (window));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (window), path, &error));
    }
  trj_envelope_page_show_entries (page, FALSE);
}

/* Runs a poppler tool (pdfinfo, pdftotext) on a file; NULL without it. */
static char *
poppler (const char *tool, const char *path)
{
  g_autofree char *program = g_find_program_in_path (tool);
  const char *argv[] = { program, path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (program == NULL)
    return NULL;
  if (g_str_equal (tool, "pdfinfo"))
    argv[2] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, NULL, &error));
  g_assert_no_error (error);
  return out;
}

/* « Imprimer les grilles… »: the lines and monthly entries of the envelope
 * on A4 landscape, read back from the print operation's PDF export (pdfinfo,
 * pdftotext): one table a grid, their titles, every column title, the
 * lines' labels and figures as the grids show them. */
static void
test_print_grids (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGridModel *lines = trj_grid_get_model (trj_envelope_page_get_lines_grid (page));
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "grilles.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = trj_envelope_page_print_operation (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL, *text = NULL, *plain = NULL;
  g_autofree char *label = trj_grid_model_get_text (lines, 0, TRJ_LINES_COLUMN_LABEL);
  g_autofree char *ae = trj_grid_model_get_text (lines, 0, TRJ_LINES_COLUMN_AE);
  g_auto(GStrv) ae_words = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\x{202f}|\\x{a0}", 0, 0, NULL);

  /* The first line's note: « [1] » after its label, listed on a page after the table. */
  g_assert_true (trj_workbook_set_line_text (trj_document_get_workbook (trj_window_get_document (window)),
                                             trj_document_get_scenario_id (trj_window_get_document (window)),
                                             pec_line (0)->id,
                                             TRJ_LINE_FIELD_NOTE, "Convention à signer avant mars", &error));
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  info = poppler ("pdfinfo", pdf);
  if (info == NULL)
    {
      g_test_skip ("poppler-utils missing: the printed pages were not read");
      return;
    }
  /* Two tables, each on its own page, the lines' notes on a third: A4 landscape. */
  g_assert_true (g_regex_match_simple ("^Pages:\\s+3$", info, G_REGEX_MULTILINE, 0));
  if (!g_regex_match_simple ("^Page size:\\s+841.89 x 595.2[0-9]* pts \\(A4\\)", info, G_REGEX_MULTILINE, 0))
    g_error ("not A4 landscape:\n%s", info);
  text = poppler ("pdftotext", pdf);
  /* Narrow no-break spaces (thousands, « € ») read back as plain ones. */
  plain = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (plain, "PEC et CIE tous publics — Lignes"));
  g_assert_nonnull (strstr (plain, "PEC et CIE tous publics — Entrées mensuelles"));
  for (const char * const *title = (const char * const[]) { "Libellé", "Département", "Prescripteur", "Volume",
         "Taux", "AE", "janv.", "déc.", "Total", NULL }; *title != NULL; title++)
    if (strstr (plain, *title) == NULL)
      g_error ("« %s » is not printed", *title);
  g_assert_nonnull (strstr (plain, label));
  {
    g_autofree char *marked = g_strdup_printf ("%s [1]", label);
    g_autofree char *listed = g_strdup_printf ("[1] %s : Convention à signer avant mars", label);

    g_assert_nonnull (strstr (plain, marked));
    g_assert_nonnull (strstr (plain, "PEC et CIE tous publics — Lignes — Notes"));
    g_assert_nonnull (strstr (plain, listed));
  }
  ae_words = g_regex_split_simple ("\\s", ae, 0, 0);
  g_assert_nonnull (strstr (plain, ae_words[0]));
  g_assert_nonnull (strstr (plain, "Page 3 sur 3"));
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "grilles-imprimees.pdf", NULL);
      g_autoptr(GFile) from = g_file_new_for_path (pdf);
      g_autoptr(GFile) to = g_file_new_for_path (copy);

      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
    }
}

/* The width a cell's text takes in the widget (gtk_widget_get_width() is
 * the content box, inside the padding). */
static int
text_width_in (GtkWidget *widget, const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int width;

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Defect 9: at the default size, lines as a planner names them show whole,
 * every title too, and the last column is inside the grid: measured as
 * the width each text takes against the width its cell or title has. A
 * label too long for the window gives way alone, ellipsized. */
static void
test_columns_whole (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *grid = trj_envelope_page_get_lines_grid (page);
  const struct { const char *label, *departement, *prescriber, *volume; } lines[] = {
    { "PEC 29 Mission locale", "29", "Mission locale", "400" },
    { "PEC 35 Cap emploi", "35", "Cap emploi", "120" },
    { "PEC 22 France Travail", "22", "France Travail", "260" },
    { "PEC 56 Mission locale", "56", "Mission locale", "95" },
  };
  GtkWidget *column_view = NULL, *header = NULL, *title, *last_title = NULL;
  GtkAdjustment *hadjustment;
  double x, y;
  guint checked = 0;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1260);
  while (pec_lines () < G_N_ELEMENTS (lines))
    {
      trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_assert_true (type_cell (grid, i, TRJ_LINES_COLUMN_LABEL, lines[i].label));
      g_assert_true (type_cell (grid, i, TRJ_LINES_COLUMN_DEPARTEMENT, lines[i].departement));
      g_assert_true (type_cell (grid, i, TRJ_LINES_COLUMN_PRESCRIBER, lines[i].prescriber));
      g_assert_true (type_cell (grid, i, TRJ_LINES_COLUMN_VOLUME, lines[i].volume));
    }
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
  trj_harness_wait_painted (GTK_WIDGET (window));
  trj_harness_wait_painted (GTK_WIDGET (window));

  for (guint row = 0; row < trj_grid_model_get_n_rows (trj_grid_get_model (grid)); row++)
    for (guint column = 0; column < TRJ_N_LINES_COLUMNS; column++)
      {
        GtkWidget *cell = trj_grid_get_cell_widget (grid, row, column);
        const char *text = trj_grid_get_displayed_text (grid, row, column);

        g_assert_nonnull (cell);
        if (text == NULL || *text == '\0')
          continue;
        if (text_width_in (cell, text) > gtk_widget_get_width (cell))
          g_error ("row %u column %u: « %s » takes %d px, its cell has %d",
                   row, column, text, text_width_in (cell, text), gtk_widget_get_width (cell));
        checked++;
      }
  g_assert_cmpuint (checked, >=, G_N_ELEMENTS (lines) * 8);
  g_assert_true (type_cell (grid, 3, TRJ_LINES_COLUMN_LABEL,
                            "PEC 56 Conseil départemental, jeunes sortis du dispositif de réussite éducative"));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
  trj_harness_wait_painted (GTK_WIDGET (window));
  trj_harness_wait_painted (GTK_WIDGET (window));
  for (guint column = 0; column < TRJ_N_LINES_COLUMNS; column++)
    {
      GtkWidget *cell = trj_grid_get_cell_widget (grid, 3, column);
      const char *text = trj_grid_get_displayed_text (grid, 3, column);

      if (column == TRJ_LINES_COLUMN_LABEL)
        g_assert_cmpint (text_width_in (cell, text), >, gtk_widget_get_width (cell));
      else if (text != NULL && *text != '\0')
        g_assert_cmpint (text_width_in (cell, text), <=, gtk_widget_get_width (cell));
    }

  /* The titles: none ellipsized, none narrower than its text. */
  column_view = gtk_widget_get_ancestor (trj_grid_get_cell_widget (grid, 0, 0), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (column_view);
  for (header = gtk_widget_get_first_child (column_view); header != NULL && GTK_IS_LIST_VIEW (header);
       header = gtk_widget_get_next_sibling (header))
    ;
  g_assert_nonnull (header);
  checked = 0;
  for (title = gtk_widget_get_first_child (header); title != NULL; title = gtk_widget_get_next_sibling (title))
    {
      GtkLabel *label = GTK_LABEL (find_label (title, ""));
      int natural;

      g_assert_nonnull (label);
      gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (gtk_widget_get_width (GTK_WIDGET (label)) < natural ||
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("the title « %s » is cut: %d px of %d", gtk_label_get_text (label),
                 gtk_widget_get_width (GTK_WIDGET (label)), natural);
      last_title = title;
      checked++;
    }
  g_assert_cmpuint (checked, ==, TRJ_N_LINES_COLUMNS);

  /* The last column ends inside the grid: nothing to scroll to. */
  g_assert_true (gtk_widget_translate_coordinates (last_title, GTK_WIDGET (grid), 0, 0, &x, &y));
  g_assert_cmpfloat (x + gtk_widget_get_width (last_title), <=, gtk_widget_get_width (GTK_WIDGET (grid)));
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (column_view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment));

  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "lignes-colonnes-entieres.png", NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (trj_harness_save_png (GTK_WIDGET (window), path, &error));
    }
}

/* Defect 9: a window closed maximized comes back maximized. Only a window
 * manager maximizes: test-planner-wm (TRJ_TEST_WM) checks it. */
static void
test_maximized_restored (void)
{
  g_autoptr(GSettings) settings = trj_settings_new ();
  gboolean wm = g_getenv ("TRJ_TEST_WM") != NULL;
  TrjWindow *first, *second;

  g_assert_nonnull (settings);
  if (!wm)
    {
      g_test_skip ("no window manager to maximize a window (test-planner-wm checks it under openbox)");
      return;
    }
  first = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (first));
  gtk_window_maximize (GTK_WINDOW (first));
  TRJ_HARNESS_WAIT_FOR (gtk_window_is_maximized (GTK_WINDOW (first)));
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "window.close", NULL));
  trj_harness_wait_until (widget_gone, &first, "the maximized window closed");
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens maximized; unmaximized and closed, it is saved so. */
  second = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (second));
  TRJ_HARNESS_WAIT_FOR (gtk_window_is_maximized (GTK_WINDOW (second)));
  gtk_window_unmaximize (GTK_WINDOW (second));
  TRJ_HARNESS_WAIT_FOR (!gtk_window_is_maximized (GTK_WINDOW (second)));
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "window.close", NULL));
  trj_harness_wait_until (widget_gone, &second, "the unmaximized window closed");
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* A window 800 px wide (half a laptop screen): every envelope page fits,
 * the sidebar folded away (a contrats aidés page needed 1 046 px before its
 * line tools wrapped under the tabs, TrjWrapBox). */
static void
test_page_widths (void)
{
  static const char *const envelopes[] = { "PEC_CIE_TP", "CIE_JEUNES", "IAE", "EA", "GEIQ" };

  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    {
      int minimum;

      trj_window_show_envelope (window, envelopes[i]);
      trj_harness_wait_painted (GTK_WIDGET (window));
      gtk_widget_measure (trj_window_get_visible_page (window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_test_message ("%s: the page needs %d px", envelopes[i], minimum);
      if (minimum > 790)
        g_error ("the page of %s needs %d px, more than a window of 800 px gives it", envelopes[i], minimum);
    }
  pec_page ();
}

int
main (int argc, char *argv[])
{
  g_autofree char *workbook_path = NULL;
  g_autoptr(GFile) file = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  workbook_path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (workbook_path);
  window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_until (is_mapped, window, "the window shown");
  trj_file_chooser_set_hook (chooser_hook, NULL);

  g_test_add_func ("/planner/focus/open", test_focus_open);
  g_test_add_func ("/planner/focus/menus", test_focus_menus);
  g_test_add_func ("/planner/focus/dialog", test_focus_dialog);
  g_test_add_func ("/planner/focus/regions", test_focus_regions);
  g_test_add_func ("/planner/main-menu", test_main_menu);
  g_test_add_func ("/planner/page-widths", test_page_widths);
  g_test_add_func ("/planner/solver/monthly", test_solver_monthly);
  g_test_add_func ("/planner/solver/shown-margin", test_move_shown_margin);
  g_test_add_func ("/planner/chart-export", test_chart_export);
  g_test_add_func ("/planner/report-export", test_report_export);
  g_test_add_func ("/planner/available-labels", test_available_labels);
  g_test_add_func ("/planner/fill-down", test_fill_down);
  g_test_add_func ("/planner/columns-whole", test_columns_whole);
  g_test_add_func ("/planner/prescribers", test_prescribers);
  g_test_add_func ("/planner/subtotals", test_subtotals);
  g_test_add_func ("/planner/print-grids", test_print_grids);
  g_test_add_func ("/planner/maximized-restored", test_maximized_restored);
  g_test_add_func ("/planner/close-commits", test_close_commits);
  g_test_add_func ("/planner/paste-adds-lines", test_paste_adds_lines);
  g_test_add_func ("/planner/alerts-keep-grid", test_alerts_keep_grid);
  g_test_add_func ("/planner/create-replaces", test_create_replaces);
  g_test_add_func ("/planner/chooser-accepted-empty", test_chooser_accepted_empty);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  return status;
}
