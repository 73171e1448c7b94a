/* test-ddets-window.c — the DDETS' share in the window (issue 16): the
 * allocations and CAOM editors of a contrats aidés envelope, driven through
 * their grid and buttons, checked in the workbook; « Préparer le fichier d'une
 * DDETS… » and « Intégrer le retour d'une DDETS… » through their dialog and
 * file choosers: a line changed on both sides is listed and nothing changes;
 * once the region gives its change back, the return is one undo step.
 *
 * The Bretagne example's PEC envelope has one line, put in the Finistère (29)
 * here. A second window holds a small programming (share_json) whose figures
 * are computed by hand: the CAOM gaps in the « Synthèse », the AE and volume
 * of each allocation's lines in its editor. With TRJ_SCREENSHOTS_DIR set, the
 * editors and the two dialogs are saved there as PNG.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-test-util.h"
#include "trj-ddets-files.h"
#include "trj-envelope-page.h"
#include "trj-file-chooser.h"
#include "trj-share-window.h"
#include "trj-summary-page.h"

static TrjApplication *app;
static TrjWindow *window;
static char *screenshots;
static char *tmpdir;

static TrjWorkbook *
workbook (void)
{
  return trj_document_get_workbook (trj_window_get_document (window));
}

static gint64
scenario_id (void)
{
  return trj_document_get_scenario_id (trj_window_get_document (window));
}

static const TrjEnvelope *
pec (void)
{
  return trj_document_get_envelope (trj_window_get_document (window), "PEC_CIE_TP");
}

static const TrjLine *
pec_line (void)
{
  g_assert_cmpuint (pec ()->lines->len, ==, 1);
  return pec ()->lines->pdata[0];
}

static void
save (GtkWidget *widget, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (screenshots == NULL)
    return;
  path = g_build_filename (screenshots, name, NULL);
  trj_harness_wait_painted (widget);
  if (!trj_harness_save_png (widget, path, &error))
    g_error ("%s", error->message);
}

/* The visible toplevel of a type, NULL if none. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
is_label_reading (GtkWidget *widget, gconstpointer text)
{
  g_autofree char *plain = NULL;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  plain = trj_test_plain_spaces (gtk_label_get_text (GTK_LABEL (widget)));
  return g_str_equal (plain, text);
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  return trj_harness_find (root, is_label_reading, text);
}

/* What a click on a response button does: the response, then the dialog closed. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static GtkFileChooserNative *chooser_shown;

static void
chooser_hook (GtkFileChooserNative *chooser, gpointer data)
{
  g_set_object (&chooser_shown, chooser);
}

static void
answer_chooser (const char *path)
{
  g_autoptr(GtkFileChooserNative) chooser = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  chooser = g_steal_pointer (&chooser_shown);
  trj_file_chooser_respond (chooser, file);
}

/* A click on one of the editor's buttons (activate() would wait for its animation). */
static void
click (TrjShareWindow *editor, const char *name)
{
  GtkButton *button = trj_share_window_get_button (editor, name);

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
type_cell (TrjGrid *grid, guint row, guint column, const char *text)
{
  trj_grid_set_cursor (grid, row, column);
  g_assert_true (trj_grid_start_editing (grid, text));
  return trj_grid_commit_edit (grid);
}

static char *
cell (TrjGrid *grid, guint row, guint column)
{
  g_autofree char *text = trj_grid_model_get_text (trj_grid_get_model (grid), row, column);

  return trj_test_plain_spaces (text);
}

static TrjShareWindow *
open_editor (const char *action)
{
  GtkWidget *page;
  TrjShareWindow *editor;

  trj_window_show_envelope (window, "PEC_CIE_TP");
  page = trj_window_get_visible_page (window);
  g_assert_true (gtk_widget_activate_action (page, action, NULL));
  TRJ_HARNESS_WAIT_FOR (find_toplevel (TRJ_TYPE_SHARE_WINDOW) != NULL);
  editor = TRJ_SHARE_WINDOW (find_toplevel (TRJ_TYPE_SHARE_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  trj_harness_present (GTK_WINDOW (editor));
  return editor;
}

static void
close_editor (TrjShareWindow *editor)
{
  gtk_window_destroy (GTK_WINDOW (editor));
  TRJ_HARNESS_WAIT_FOR (find_toplevel (TRJ_TYPE_SHARE_WINDOW) == NULL);
}

/* « Allocations des DDETS… »: a row added, its département, AE and volume
 * typed; a negative volume and a second allocation of the Finistère refused,
 * the cells keeping their values; nothing written before « Enregistrer »,
 * then one undo step, which the editor follows. */
static void
test_allocations_editor (void)
{
  TrjShareWindow *editor;
  TrjGrid *grid;
  TrjGridModel *model;
  const TrjAllocation *al;
  g_autofree char *text = NULL, *summary = NULL, *error = NULL;

  g_assert_cmpuint (trj_envelope_n_allocations (pec ()), ==, 0);

  /* The « DDETS » menu of a contrats aidés page; none on the IAE's. */
  {
    GtkWidget *button;
    GtkPopover *popover;

    trj_window_show_envelope (window, "IAE");
    g_assert_false (gtk_widget_get_visible (trj_envelope_page_get_ddets_button (
                      TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window)))));
    trj_window_show_envelope (window, "PEC_CIE_TP");
    button = trj_envelope_page_get_ddets_button (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window)));
    g_assert_true (gtk_widget_get_visible (button));
    /* The page's stacks end their crossfades before the picture. */
    for (GtkWidget *w = trj_window_get_visible_page (window); w != NULL; w = gtk_widget_get_parent (w))
      if (GTK_IS_STACK (w))
        trj_harness_wait_stack (GTK_STACK (w));
    save (GTK_WIDGET (window), "ddets-page.png");
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));
    save (GTK_WIDGET (popover), "ddets-menu.png");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
    TRJ_HARNESS_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
  }

  editor = open_editor ("envelope.allocations");
  grid = trj_share_window_get_grid (editor);
  model = trj_grid_get_model (grid);
  g_assert_cmpuint (trj_grid_model_get_n_rows (model), ==, 1);   /* the total */
  g_assert_cmpuint (trj_grid_model_get_n_data_rows (model), ==, 0);

  /* « Ajouter une ligne »: the first département of the region. */
  click (editor, "add");
  g_assert_cmpuint (trj_grid_model_get_n_data_rows (model), ==, 1);
  text = cell (grid, 0, TRJ_SHARE_COLUMN_DEPARTEMENT);
  g_assert_cmpstr (text, ==, "22 Côtes-d'Armor");
  g_clear_pointer (&text, g_free);

  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_DEPARTEMENT, "finistère"));
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_AE, "150 000"));
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_VOLUME, "12"));
  text = cell (grid, 0, TRJ_SHARE_COLUMN_DEPARTEMENT);
  g_assert_cmpstr (text, ==, "29 Finistère");
  g_clear_pointer (&text, g_free);
  text = cell (grid, 1, TRJ_SHARE_COLUMN_AE);
  g_assert_cmpstr (text, ==, "150 000 €");
  g_clear_pointer (&text, g_free);

  /* Refused: the cell keeps 12, the message says why. */
  g_assert_false (type_cell (grid, 0, TRJ_SHARE_COLUMN_VOLUME, "-3"));
  error = trj_test_plain_spaces (trj_grid_get_error_message (grid));
  g_assert_cmpstr (error, ==, "La valeur doit être comprise entre 0 et 10 000 000");
  trj_grid_cancel_edit (grid);
  text = cell (grid, 0, TRJ_SHARE_COLUMN_VOLUME);
  g_assert_cmpstr (text, ==, "12");
  g_clear_pointer (&text, g_free);
  /* Over the catalogue's limit of an amount: refused, 150 000 € kept. */
  g_assert_false (type_cell (grid, 0, TRJ_SHARE_COLUMN_AE, "1 000 000 000 000 000"));
  trj_grid_cancel_edit (grid);
  text = cell (grid, 0, TRJ_SHARE_COLUMN_AE);
  g_assert_cmpstr (text, ==, "150 000 €");
  g_clear_pointer (&text, g_free);

  summary = trj_test_plain_spaces (trj_share_window_get_summary (editor));
  g_assert_true (g_str_has_prefix (summary, "Alloué : 150 000 € d’AE et 12 contrats, pour "));
  /* A fractional volume reads as the lines grid shows it, in the cell and the summary. */
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_VOLUME, "12,5"));
  g_clear_pointer (&text, g_free);
  text = cell (grid, 0, TRJ_SHARE_COLUMN_VOLUME);
  g_assert_cmpstr (text, ==, "12,5");
  g_clear_pointer (&summary, g_free);
  summary = trj_test_plain_spaces (trj_share_window_get_summary (editor));
  g_assert_true (g_str_has_prefix (summary, "Alloué : 150 000 € d’AE et 12,5 contrats, pour "));
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_VOLUME, "12"));

  /* A second row in the Finistère for the whole département: refused. */
  click (editor, "add");
  g_assert_false (type_cell (grid, 1, TRJ_SHARE_COLUMN_DEPARTEMENT, "29"));
  g_clear_pointer (&error, g_free);
  error = trj_test_plain_spaces (trj_grid_get_error_message (grid));
  g_assert_cmpstr (error, ==, "ce département (et ce prescripteur) a déjà une allocation");
  trj_grid_cancel_edit (grid);
  /* With a prescriber it is another allocation. */
  g_assert_true (type_cell (grid, 1, TRJ_SHARE_COLUMN_PRESCRIBER, "France Travail"));
  g_assert_true (type_cell (grid, 1, TRJ_SHARE_COLUMN_DEPARTEMENT, "29"));
  g_assert_true (type_cell (grid, 1, TRJ_SHARE_COLUMN_AE, "40 000"));
  save (GTK_WIDGET (editor), "ddets-allocations.png");
  /* Removed again, from the cursor's row. */
  trj_grid_set_cursor (grid, 1, TRJ_SHARE_COLUMN_AE);
  click (editor, "remove");
  g_assert_cmpuint (trj_grid_model_get_n_data_rows (model), ==, 1);

  /* Nothing in the workbook before « Enregistrer », then one step. */
  g_assert_cmpuint (trj_envelope_n_allocations (pec ()), ==, 0);
  click (editor, "save");
  g_assert_cmpuint (trj_envelope_n_allocations (pec ()), ==, 1);
  al = g_ptr_array_index (pec ()->allocations, 0);
  g_assert_cmpstr (al->departement, ==, "29");
  g_assert_null (al->prescriber);
  g_assert_cmpfloat (al->ae, ==, 150000);
  g_assert_cmpfloat (al->volume, ==, 12);
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), ==, "Modifier les allocations");
  g_assert_false (trj_share_model_is_modified (trj_share_window_get_model (editor)));

  /* Undone: the editor follows; redone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  TRJ_HARNESS_WAIT_FOR (trj_grid_model_get_n_data_rows (model) == 0);
  g_assert_cmpuint (trj_envelope_n_allocations (pec ()), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  TRJ_HARNESS_WAIT_FOR (trj_grid_model_get_n_data_rows (model) == 1);

  /* Escape, as GTK delivers it from the grid: first the cell being typed
   * is given back, the editor stays; then, nothing left to save, it closes. */
  trj_grid_set_cursor (grid, 0, TRJ_SHARE_COLUMN_AE);
  g_assert_true (trj_grid_start_editing (grid, "5"));
  g_assert_true (trj_harness_press_key (GTK_WIDGET (grid), GDK_KEY_Escape, 0));
  g_assert_false (trj_grid_is_editing (grid));
  g_assert_true (find_toplevel (TRJ_TYPE_SHARE_WINDOW) == GTK_WINDOW (editor));
  g_assert_cmpfloat (((const TrjAllocation *) g_ptr_array_index (pec ()->allocations, 0))->ae, ==, 150000);
  g_assert_true (trj_harness_press_key (GTK_WIDGET (grid), GDK_KEY_Escape, 0));
  TRJ_HARNESS_WAIT_FOR (find_toplevel (TRJ_TYPE_SHARE_WINDOW) == NULL);
}

/* « CAOM… »: 6 contracts in the Côtes-d'Armor, three in January: the
 * uniform profile becomes explicit; a negative weight is refused. */
static void
test_caom_editor (void)
{
  TrjShareWindow *editor = open_editor ("envelope.caom");
  TrjGrid *grid = trj_share_window_get_grid (editor);
  const TrjCaom *caom;
  g_autofree char *text = NULL;

  click (editor, "add");
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_CONTRACTS, "6"));
  text = cell (grid, 0, TRJ_SHARE_COLUMN_FIRST_MONTH + 1);
  g_assert_cmpstr (text, ==, "1");
  g_clear_pointer (&text, g_free);
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_FIRST_MONTH, "3"));
  g_assert_false (type_cell (grid, 0, TRJ_SHARE_COLUMN_FIRST_MONTH + 2, "-1"));
  trj_grid_cancel_edit (grid);
  /* The total row: 6 × 3 / 14 in January. */
  text = cell (grid, 1, TRJ_SHARE_COLUMN_FIRST_MONTH);
  g_assert_cmpstr (text, ==, "1,3");
  /* 14 contracts: 3 in January, whole, read « 3 » (not « 3,0 »). */
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_CONTRACTS, "14"));
  g_clear_pointer (&text, g_free);
  text = cell (grid, 1, TRJ_SHARE_COLUMN_FIRST_MONTH);
  g_assert_cmpstr (text, ==, "3");
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_CONTRACTS, "6"));
  save (GTK_WIDGET (editor), "ddets-caom.png");
  click (editor, "save");
  g_assert_cmpuint (trj_envelope_n_caom (pec ()), ==, 1);
  caom = g_ptr_array_index (pec ()->caom, 0);
  g_assert_cmpstr (caom->departement, ==, "22");
  g_assert_cmpfloat (caom->contracts, ==, 6);
  g_assert_true (caom->has_profile);
  g_assert_cmpfloat (caom->profile[0], ==, 3);
  g_assert_cmpfloat (caom->profile[2], ==, 1);
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), ==, "Modifier les CAOM");

  /* Ctrl+S saves as « Enregistrer » does, the cell being typed first. */
  trj_grid_set_cursor (grid, 0, TRJ_SHARE_COLUMN_CONTRACTS);
  g_assert_true (trj_grid_start_editing (grid, "7"));
  g_assert_true (trj_harness_press_key (GTK_WIDGET (grid), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_false (trj_grid_is_editing (grid));
  g_assert_false (trj_share_model_is_modified (trj_share_window_get_model (editor)));
  g_assert_cmpfloat (((const TrjCaom *) g_ptr_array_index (pec ()->caom, 0))->contracts, ==, 7);
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_CONTRACTS, "6"));
  g_assert_true (trj_harness_press_key (GTK_WIDGET (grid), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_cmpfloat (((const TrjCaom *) g_ptr_array_index (pec ()->caom, 0))->contracts, ==, 6);

  /* Closed with a draft not saved: asked; « Annuler » keeps the editor,
   * « Abandonner » closes it, the workbook as saved. */
  g_assert_true (type_cell (grid, 0, TRJ_SHARE_COLUMN_CONTRACTS, "8"));
  for (guint i = 0; i < 2; i++)
    {
      AdwMessageDialog *dialog;
      g_autofree char *heading = NULL;

      /* Closed by its button, then by Escape from the grid: both ask. */
      if (i == 0)
        gtk_window_close (GTK_WINDOW (editor));
      else
        g_assert_true (trj_harness_press_key (GTK_WIDGET (grid), GDK_KEY_Escape, 0));
      TRJ_HARNESS_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
      dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      heading = trj_test_plain_spaces (adw_message_dialog_get_heading (dialog));
      g_assert_cmpstr (heading, ==, "Enregistrer les CAOM ?");
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (editor));
      if (i == 0)
        save (GTK_WIDGET (dialog), "ddets-caom-fermer.png");
      respond (dialog, i == 0 ? "cancel" : "discard");
      TRJ_HARNESS_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
      if (i == 0)
        g_assert_true (find_toplevel (TRJ_TYPE_SHARE_WINDOW) == GTK_WINDOW (editor));
    }
  TRJ_HARNESS_WAIT_FOR (find_toplevel (TRJ_TYPE_SHARE_WINDOW) == NULL);
  g_assert_cmpfloat (((const TrjCaom *) g_ptr_array_index (pec ()->caom, 0))->contracts, ==, 6);
}

/* Prepared for the Finistère; the DDETS sets the line at 45 %, the region at
 * 60 %: the return is refused listing the line, nothing changes; once the
 * region undoes its change, integrated as one step. */
static void
test_prepare_integrate (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "DDETS 29.trajectoire", NULL);
  g_autofree char *line_id = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  double rate;

  g_assert_true (trj_workbook_set_line_text (workbook (), scenario_id (), pec_line ()->id,
                                             TRJ_LINE_FIELD_DEPARTEMENT, "29", &error));
  g_assert_no_error (error);
  line_id = g_strdup (pec_line ()->id);
  rate = pec_line ()->rate;
  trj_file_chooser_set_hook (chooser_hook, NULL);

  /* The département, then the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.ddets-prepare", NULL));
  TRJ_HARNESS_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  {
    GtkDropDown *drop = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
    GListModel *names = gtk_drop_down_get_model (drop);

    /* The Finistère has the line and the allocation, the Côtes-d'Armor a CAOM only. */
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, 1);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "29 Finistère");
  }
  g_assert_false (trj_ddets_dialog_select (dialog, "35"));
  g_assert_true (trj_ddets_dialog_select (dialog, "29"));
  trj_harness_present (GTK_WINDOW (dialog));
  save (GTK_WIDGET (dialog), "ddets-preparer.png");
  respond (dialog, "prepare");
  answer_chooser (path);
  TRJ_HARNESS_WAIT_FOR (g_file_test (path, G_FILE_TEST_EXISTS));
  TRJ_HARNESS_WAIT_FOR (find_label (GTK_WIDGET (window), "Fichier de la DDETS 29 préparé : 1 ligne et 1 allocation") != NULL);
  TRJ_HARNESS_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  /* The DDETS works on its file; the region on the same line. */
  {
    g_autoptr(TrjWorkbook) ddets = trj_workbook_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (trj_workbook_set_line_number (ddets, trj_workbook_get_current_scenario (ddets), line_id,
                                                 TRJ_LINE_FIELD_RATE, 0.45, &error));
    g_assert_no_error (error);
    g_assert_true (trj_workbook_set_line_month (ddets, trj_workbook_get_current_scenario (ddets), line_id,
                                                TRJ_LINE_MONTHS_ENTRIES, 2, 90, &error));
    g_assert_no_error (error);
  }
  g_assert_true (trj_workbook_set_line_number (workbook (), scenario_id (), line_id, TRJ_LINE_FIELD_RATE, 0.6,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_month (workbook (), scenario_id (), line_id, TRJ_LINE_MONTHS_ENTRIES, 2, 80,
                                              &error));
  g_assert_no_error (error);

  /* Refused: every conflict listed, nothing changed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.ddets-integrate", NULL));
  answer_chooser (path);
  TRJ_HARNESS_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Retour non intégré");
  body = trj_test_plain_spaces (adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (body, ==, "Le retour de la DDETS (département 29) n’est pas intégré : 1 ligne a été modifiée "
                             "des deux côtés depuis la préparation du fichier ; mettez-vous d’accord, puis intégrez "
                             "de nouveau. Rien n’a été modifié.");
  {
    /* The list, under the message: the one line changed on both sides, a
     * row of its own read by its title and subtitle, which take the focus:
     * the line as the grid names it, then each field, its value sent, the
     * region's, the DDETS' (the example's line is given as a volume: the
     * 83,94 sent for March is its share of it). */
    GtkWidget *list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (adw_message_dialog_get_extra_child (dialog)));
    GtkWidget *row;
    g_autofree char *title = g_strdup_printf ("«\u00a0%s\u00a0», PEC et CIE tous publics, Finistère (29)",
                                              pec_line ()->label);

    if (GTK_IS_VIEWPORT (list))
      list = gtk_viewport_get_child (GTK_VIEWPORT (list));
    g_assert_true (GTK_IS_LIST_BOX (list));
    row = gtk_widget_get_first_child (list);
    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_null (gtk_widget_get_next_sibling (row));
    g_assert_true (gtk_widget_get_focusable (row));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "modifiée par la DDETS et par la région\n"
                     "taux de prise en charge\u202f: envoyé 50,0\u00a0%, région 60,0\u00a0%, DDETS 45,0\u00a0%\n"
                     "entrées en mars\u202f: envoyé 83,94, région 80, DDETS 90");
  }
  g_assert_cmpfloat (pec_line ()->rate, ==, 0.6);
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), !=, "Intégrer le retour de la DDETS");
  trj_harness_present (GTK_WINDOW (dialog));
  save (GTK_WIDGET (dialog), "ddets-conflits.png");
  respond (dialog, "close");
  TRJ_HARNESS_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  /* The region gives its changes back: integrated, one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (pec_line ()->rate, ==, rate);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.ddets-integrate", NULL));
  answer_chooser (path);
  TRJ_HARNESS_WAIT_FOR (find_label (GTK_WIDGET (window), "Retour de la DDETS 29 intégré — lignes modifiées : 1, "
                                                         "ajoutées : 0, supprimées : 0") != NULL);
  g_assert_cmpfloat (pec_line ()->rate, ==, 0.45);
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), ==, "Intégrer le retour de la DDETS");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (pec_line ()->rate, ==, rate);
  trj_file_chooser_set_hook (NULL, NULL);
}

/* The window closed while its chooser is open: the chooser's answer still
 * prepares the file (it holds the document), and nothing is touched that was
 * freed (a previous attempt crashed there). */
static void
test_window_closed (void)
{
  g_autofree char *path = trj_harness_new_workbook ("Bretagne");
  g_autofree char *out = g_build_filename (tmpdir, "DDETS 35.trajectoire", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrjWindow *other = trj_window_new (GTK_APPLICATION (app));
  TrjDocument *document;
  AdwMessageDialog *dialog;
  const TrjEnvelope *env;

  trj_harness_present (GTK_WINDOW (other));
  g_assert_true (trj_window_open_file (other, file));
  document = trj_window_get_document (other);
  env = trj_document_get_envelope (document, "PEC_CIE_TP");
  g_assert_true (trj_workbook_set_line_text (trj_document_get_workbook (document), trj_document_get_scenario_id (document),
                                             ((const TrjLine *) env->lines->pdata[0])->id, TRJ_LINE_FIELD_DEPARTEMENT,
                                             "35", &error));
  g_assert_no_error (error);
  trj_file_chooser_set_hook (chooser_hook, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "win.ddets-prepare", NULL));
  TRJ_HARNESS_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  /* Closed with its window, were the window closed first. */
  g_assert_true (gtk_window_get_destroy_with_parent (GTK_WINDOW (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (trj_ddets_dialog_select (dialog, "35"));
  respond (dialog, "prepare");
  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  gtk_window_destroy (GTK_WINDOW (other));
  trj_harness_flush ();
  answer_chooser (out);
  TRJ_HARNESS_WAIT_FOR (g_file_test (out, G_FILE_TEST_EXISTS));
  trj_file_chooser_set_hook (NULL, NULL);
}

/* A scenario sent (frozen): the editor shows its allocations, edits nothing. */
static void
test_frozen (void)
{
  g_autoptr(GError) error = NULL;
  TrjShareWindow *editor;

  g_assert_true (trj_workbook_mark_sent (workbook (), scenario_id (), TRJ_SENT_PROGRAMMATION, NULL, "Envoi", &error));
  g_assert_no_error (error);
  editor = open_editor ("envelope.allocations");
  g_assert_cmpuint (trj_grid_model_get_n_data_rows (trj_grid_get_model (trj_share_window_get_grid (editor))), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (trj_share_window_get_button (editor, "save"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (trj_share_window_get_button (editor, "add"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (trj_share_window_get_grid (editor))));
  close_editor (editor);
}

/* Lines at 50 %, 20 h, lag 0, the year's SMIC (11,65 € in January and
 * February): one month of aid is 0,5 × 11,65 × 20 × 52/12 = 504,833 33 €.
 *   a: Finistère, France Travail, 1 contract for 2 months: 1 009,67 €;
 *   b: Finistère, Mission locale, 2 contracts for 1 month: 1 009,67 €;
 *   c: Ille-et-Vilaine, 1 contract for 1 month: 504,83 €;
 *   d: Côtes-d'Armor, 25 % cofinanced, entries 4, 4, 0, 8 (January–April).
 * Allocations: Finistère 2 000 € and 3 contracts (a + b: 2 019 €, above);
 * Finistère France Travail 1 100 € and 1 contract (a: within); Ille-et-Vilaine
 * 100 € and 5 contracts (c: 505 €, above).
 * CAOM of the Côtes-d'Armor: 6 contracts over January–March, 2 a month, the
 * lines cofinance 1, 1, 0, 2: gaps −1, −1, −2, +2, in all −2, cumulated
 * −1, −2, −4, −2: furthest in March, −4. CAOM of the Finistère: 3 contracts
 * spread evenly, no line cofinanced there: −0,25 a month, −3 in December. */
static const char share_json[] =
  "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
  "  \"zone\": \"metropole\","
  "  \"envelopes\": [ { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 1000000, \"cp_notified\": 1000000,"
  "    \"allocations\": ["
  "      { \"departement\": \"29\", \"ae\": 2000, \"volume\": 3 },"
  "      { \"departement\": \"29\", \"prescriber\": \"France Travail\", \"ae\": 1100, \"volume\": 1 },"
  "      { \"departement\": \"35\", \"ae\": 100, \"volume\": 5 } ],"
  "    \"caom\": { \"22\": { \"contracts\": 6, \"profile\": [1,1,1,0,0,0,0,0,0,0,0,0] },"
  "                \"29\": { \"contracts\": 3 } },"
  "    \"lines\": ["
  "    { \"id\": \"a\", \"label\": \"A\", \"kind\": \"PEC\", \"departement\": \"29\", \"prescriber\": \"France Travail\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 2, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"b\", \"label\": \"B\", \"kind\": \"PEC\", \"departement\": \"29\", \"prescriber\": \"Mission locale\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 1, \"payment_lag_months\": 0,"
  "      \"entries\": [2,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"c\", \"label\": \"C\", \"kind\": \"PEC\", \"departement\": \"35\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 1, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"d\", \"label\": \"D\", \"kind\": \"PEC\", \"departement\": \"22\", \"cofinanced_share\": 0.25,"
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 6, \"payment_lag_months\": 0,"
  "      \"entries\": [4,4,0,8,0,0,0,0,0,0,0,0] } ] } ] }";

static TrjWindow *share_window;

/* The window on share_json, opened by the first test that needs it. */
static TrjWindow *
open_share_window (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (share_window != NULL)
    return share_window;
  path = trj_harness_new_workbook_with ("Bretagne", share_json, "Partage");
  file = g_file_new_for_path (path);
  share_window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (share_window), 1280, 800);
  trj_harness_present (GTK_WINDOW (share_window));
  g_assert_true (trj_window_open_file (share_window, file));
  trj_harness_wait_painted (GTK_WIDGET (share_window));
  return share_window;
}

static char *
caom_cell (TrjSummaryPage *summary, guint row, TrjSummaryCaomColumn column)
{
  return trj_test_plain_spaces (trj_summary_page_get_caom_cell (summary, row, column));
}

static void
assert_caom_row (TrjSummaryPage *summary, guint row, const char *const expected[TRJ_N_SUMMARY_CAOM_COLUMNS])
{
  for (guint c = 0; c < TRJ_N_SUMMARY_CAOM_COLUMNS; c++)
    {
      g_autofree char *text = caom_cell (summary, row, c);

      g_assert_cmpstr (text, ==, expected[c]);
    }
}

/* « Synthèse »: the CAOM of each département against the lines' cofinanced
 * entries (figures of share_json); 50 % cofinanced on d gives 2, 2, 0, 4:
 * gaps 0, 0, −2, +4, cumulated −2 in March then +2 (as far from zero, the
 * first stays), +2 in all; undone, the figures come back. No CAOM: no table. */
static void
test_summary_caom (void)
{
  TrjWindow *w = open_share_window ();
  TrjDocument *doc = trj_window_get_document (w);
  TrjSummaryPage *summary;
  static const char *const armor[TRJ_N_SUMMARY_CAOM_COLUMNS] = {
    "PEC et CIE tous publics", "22 Côtes-d'Armor", "6", "4", "-2", "mars", "-4",
  };
  static const char *const finistere[TRJ_N_SUMMARY_CAOM_COLUMNS] = {
    "PEC et CIE tous publics", "29 Finistère", "3", "0", "-3", "décembre", "-3",
  };
  static const char *const armor_half[TRJ_N_SUMMARY_CAOM_COLUMNS] = {
    "PEC et CIE tous publics", "22 Côtes-d'Armor", "6", "8", "2", "mars", "-2",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjEnvelope) none = trj_envelope_new ("PEC_CIE_TP");

  trj_window_show_envelope (w, NULL);
  summary = TRJ_SUMMARY_PAGE (trj_window_get_page (w, NULL));
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (trj_summary_page_get_caom_group (summary)));
  g_assert_cmpuint (trj_summary_page_get_n_caom_rows (summary), ==, 2);
  assert_caom_row (summary, 0, armor);
  assert_caom_row (summary, 1, finistere);
  g_assert_null (trj_summary_page_get_caom_cell (summary, 2, TRJ_SUMMARY_CAOM_GAP));
  /* The envelope page's crossfade ended: nothing of it under the picture. */
  trj_harness_wait_settled (GTK_WIDGET (w));
  save (GTK_WIDGET (w), "synthese-caom.png");

  g_assert_true (trj_workbook_set_line_number (trj_document_get_workbook (doc), trj_document_get_scenario_id (doc),
                                               "d", TRJ_LINE_FIELD_COFINANCED_SHARE, 0.5, &error));
  g_assert_no_error (error);
  assert_caom_row (summary, 0, armor_half);
  assert_caom_row (summary, 1, finistere);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "win.undo", NULL));
  assert_caom_row (summary, 0, armor);

  /* The CAOM removed: the group is hidden; given back by undo. */
  g_assert_true (trj_workbook_set_caom (trj_document_get_workbook (doc), trj_document_get_scenario_id (doc),
                                        "PEC_CIE_TP", none, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (trj_summary_page_get_n_caom_rows (summary), ==, 0);
  g_assert_false (gtk_widget_get_visible (trj_summary_page_get_caom_group (summary)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "win.undo", NULL));
  g_assert_cmpuint (trj_summary_page_get_n_caom_rows (summary), ==, 2);
  assert_caom_row (summary, 1, finistere);
}

/* The allocations editor of share_json: beside each allocation, the AE and
 * volume of the lines it covers, flagged when above it: Finistère a + b,
 * 2 019 € (19 € more than its 2 000 €) and 3 contracts; Finistère France
 * Travail a, 1 010 € and 1; Ille-et-Vilaine c, 505 € (405 € more) and 1. A row
 * typed (Finistère, Mission locale: b, 1 010 € and 2) has its figures before
 * « Enregistrer »; c at 60 % (AE 605,80 €) while the draft is open: the cell
 * follows. */
static void
test_allocations_lines (void)
{
  TrjWindow *w = open_share_window ();
  TrjDocument *doc = trj_window_get_document (w);
  TrjShareWindow *editor;
  TrjGrid *grid;
  TrjGridModel *model;
  static const struct { guint row; const char *ae, *volume, *over; } expected[] = {
    { 0, "2 019 €", "3", "Les lignes engagent 19 € d’AE de plus que l’allocation" },
    { 1, "1 010 €", "1", NULL },
    { 2, "505 €", "1", "Les lignes engagent 405 € d’AE de plus que l’allocation" },
  };
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  trj_window_show_envelope (w, "PEC_CIE_TP");
  page = trj_window_get_visible_page (w);
  g_assert_true (gtk_widget_activate_action (page, "envelope.allocations", NULL));
  TRJ_HARNESS_WAIT_FOR (find_toplevel (TRJ_TYPE_SHARE_WINDOW) != NULL);
  editor = TRJ_SHARE_WINDOW (find_toplevel (TRJ_TYPE_SHARE_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (w));
  trj_harness_present (GTK_WINDOW (editor));
  grid = trj_share_window_get_grid (editor);
  model = trj_grid_get_model (grid);
  g_assert_cmpuint (trj_grid_model_get_n_data_rows (model), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *ae = cell (grid, expected[i].row, TRJ_SHARE_COLUMN_LINES_AE);
      g_autofree char *volume = cell (grid, expected[i].row, TRJ_SHARE_COLUMN_LINES_VOLUME);
      g_autofree char *tooltip = NULL, *plain = NULL, *volume_tooltip = NULL;
      TrjGridAlert alert = trj_grid_model_get_alert (model, expected[i].row, TRJ_SHARE_COLUMN_LINES_AE, &tooltip);

      g_assert_cmpstr (ae, ==, expected[i].ae);
      g_assert_cmpstr (volume, ==, expected[i].volume);
      g_assert_cmpint (alert, ==, expected[i].over != NULL ? TRJ_GRID_ALERT_WARNING : TRJ_GRID_ALERT_NONE);
      plain = tooltip != NULL ? trj_test_plain_spaces (tooltip) : NULL;
      g_assert_cmpstr (plain, ==, expected[i].over);
      /* Within their volume, every one. */
      g_assert_cmpint (trj_grid_model_get_alert (model, expected[i].row, TRJ_SHARE_COLUMN_LINES_VOLUME,
                                                 &volume_tooltip), ==, TRJ_GRID_ALERT_NONE);
    }
  /* Computed: not typed over. */
  trj_grid_set_cursor (grid, 0, TRJ_SHARE_COLUMN_LINES_AE);
  g_assert_false (trj_grid_start_editing (grid, "5"));
  /* The total would count a département's lines and its prescriber's twice. */
  {
    g_autofree char *total = cell (grid, 3, TRJ_SHARE_COLUMN_LINES_AE);

    g_assert_cmpstr (total, ==, "");
  }

  /* A row typed in the draft: its lines' figures at once. */
  click (editor, "add");
  g_assert_true (type_cell (grid, 3, TRJ_SHARE_COLUMN_PRESCRIBER, "Mission locale"));
  g_assert_true (type_cell (grid, 3, TRJ_SHARE_COLUMN_DEPARTEMENT, "29"));
  g_assert_true (type_cell (grid, 3, TRJ_SHARE_COLUMN_VOLUME, "1"));
  {
    g_autofree char *ae = cell (grid, 3, TRJ_SHARE_COLUMN_LINES_AE);
    g_autofree char *volume = cell (grid, 3, TRJ_SHARE_COLUMN_LINES_VOLUME);
    g_autofree char *tooltip = NULL, *plain = NULL;

    g_assert_cmpstr (ae, ==, "1 010 €");
    g_assert_cmpstr (volume, ==, "2");
    /* 2 contracts for 1 allocated. */
    g_assert_cmpint (trj_grid_model_get_alert (model, 3, TRJ_SHARE_COLUMN_LINES_VOLUME, &tooltip), ==,
                     TRJ_GRID_ALERT_WARNING);
    plain = trj_test_plain_spaces (tooltip);
    g_assert_cmpstr (plain, ==, "Les lignes programment plus de contrats que l’allocation : 1 de plus");
  }
  save (GTK_WIDGET (editor), "ddets-allocations-lignes.png");

  /* A line edited in the window while the draft is open. */
  g_assert_true (trj_workbook_set_line_number (trj_document_get_workbook (doc), trj_document_get_scenario_id (doc),
                                               "c", TRJ_LINE_FIELD_RATE, 0.6, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ae = cell (grid, 2, TRJ_SHARE_COLUMN_LINES_AE);

    g_assert_cmpstr (ae, ==, "606 €");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "win.undo", NULL));
  {
    g_autofree char *ae = cell (grid, 2, TRJ_SHARE_COLUMN_LINES_AE);

    g_assert_cmpstr (ae, ==, "505 €");
  }
  /* The draft kept (modified), then given up. */
  g_assert_cmpuint (trj_grid_model_get_n_data_rows (model), ==, 4);
  g_assert_cmpuint (trj_envelope_n_allocations (trj_document_get_envelope (doc, "PEC_CIE_TP")), ==, 3);
  trj_share_model_reload (trj_share_window_get_model (editor));
  close_editor (editor);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  screenshots = g_strdup (g_getenv ("TRJ_SCREENSHOTS_DIR"));
  tmpdir = trj_harness_temp_dir ();

  path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/ddets-window/allocations", test_allocations_editor);
  g_test_add_func ("/ddets-window/caom", test_caom_editor);
  g_test_add_func ("/ddets-window/prepare-integrate", test_prepare_integrate);
  g_test_add_func ("/ddets-window/window-closed", test_window_closed);
  g_test_add_func ("/ddets-window/frozen", test_frozen);
  g_test_add_func ("/ddets-window/summary-caom", test_summary_caom);
  g_test_add_func ("/ddets-window/allocations-lines", test_allocations_lines);
  status = g_test_run ();
  if (share_window != NULL)
    gtk_window_destroy (GTK_WINDOW (share_window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_free (screenshots);
  g_free (tmpdir);
  return status;
}
