/* test-iae-window.c — « Structures » and « Bourse aux postes » driven through
 * their widgets, from the IAE envelope page (MODEL 3.1, 3.2)
 *
 * A Bretagne 2024 workbook whose IAE envelope holds four structures: an ACI of
 * 10 ETP realising 6 a month (60 %), an AI of 3 realising 3, an EI of 5
 * realising 5, an ETTI of 2 without data. The bourse proposes the ACI as the
 * giver and the EI (market, 100 %) first as the receiver. Moving 2 ETP: freed
 * 2 · 23 458 · 1,05 = 49 261,80 €, used 2 · 12 218 · 1,05 = 25 657,80 €, the
 * margin grows by 23 604 €. The move is one undo step.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-ui-harness.h"
#include "trj-bourse-window.h"
#include "trj-envelope-page.h"
#include "trj-json.h"
#include "trj-structures-model.h"
#include "trj-structures-window.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static TrjApplication *app;
static TrjWindow *window;

static const char iae_document[] =
  "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\", \"zone\": \"metropole\","
  "  \"envelopes\": [ { \"id\": \"IAE\", \"ae_notified\": 500000, \"cp_notified\": 500000, \"lines\": ["
  "    { \"id\": \"aci\", \"label\": \"Chantier\", \"kind\": \"ACI\", \"structure\": { \"name\": \"Chantier\" },"
  "      \"quantity\": 10, \"conventionne_previous\": 10, \"realise_previous\": 10,"
  "      \"realised_etp\": [6, 6, 6, 6, 6, 6, null, null, null, null, null, null] },"
  "    { \"id\": \"ai\", \"label\": \"Association\", \"kind\": \"AI\", \"structure\": { \"name\": \"Association\" },"
  "      \"quantity\": 3, \"realised_etp\": [3, 3, 3, 3, 3, 3, null, null, null, null, null, null] },"
  "    { \"id\": \"ei\", \"label\": \"Entreprise\", \"kind\": \"EI\", \"structure\": { \"name\": \"Entreprise\" },"
  "      \"quantity\": 5, \"realised_etp\": [5, 5, 5, 5, 5, 5, null, null, null, null, null, null] },"
  "    { \"id\": \"etti\", \"label\": \"Intérim\", \"kind\": \"ETTI\", \"structure\": { \"name\": \"Intérim\" },"
  "      \"quantity\": 2 } ] } ] }";

static TrjDocument *
document (void)
{
  return trj_window_get_document (window);
}

static const TrjLine *
line (const char *id)
{
  const TrjLine *found = trj_scenario_find_line (trj_document_get_scenario (document ()), id, NULL);

  g_assert_nonnull (found);
  return found;
}

static TrjEnvelopePage *
iae_page (void)
{
  trj_window_show_envelope (window, "IAE");
  return TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
}

/* The window the page's action opened: the newest toplevel of that type. */
static GtkWindow *
toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static void
test_bourse (void)
{
  TrjEnvelopePage *page = iae_page ();
  TrjWorkbook *wb = trj_document_get_workbook (document ());
  g_autoptr(GError) error = NULL;
  TrjBourseWindow *bourse;
  double margin_before;

  /* The page of an envelope of structures has the two buttons; reached by its action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "envelope.bourse", NULL));
  TRJ_HARNESS_WAIT_FOR (toplevel_of_type (TRJ_TYPE_BOURSE_WINDOW) != NULL);
  bourse = TRJ_BOURSE_WINDOW (toplevel_of_type (TRJ_TYPE_BOURSE_WINDOW));
  trj_harness_present (GTK_WINDOW (bourse));

  /* The ACI gives (4 ETP unused), the EI comes first among the receivers. */
  g_assert_cmpstr (trj_bourse_window_get_from_line (bourse), ==, "aci");
  g_assert_cmpstr (trj_bourse_window_get_to_line (bourse), ==, "ei");
  g_assert_cmpfloat (gtk_spin_button_get_value (trj_bourse_window_get_delta (bourse)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (trj_bourse_window_get_to_row (bourse))),
                    ==, 3);

  /* The ETP in French figures, typed back with a comma. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (trj_bourse_window_get_delta (bourse))), ==, "4");
  gtk_editable_set_text (GTK_EDITABLE (trj_bourse_window_get_delta (bourse)), "2,5");
  gtk_spin_button_update (trj_bourse_window_get_delta (bourse));
  g_assert_cmpfloat (gtk_spin_button_get_value (trj_bourse_window_get_delta (bourse)), ==, 2.5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (trj_bourse_window_get_delta (bourse))), ==, "2,5");
  gtk_spin_button_set_value (trj_bourse_window_get_delta (bourse), 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (trj_bourse_window_get_delta (bourse))), ==, "2");
  g_assert_cmpstr (trj_bourse_window_get_text (bourse, "freed"), ==, "49" NNBSP "262" NBSP "€");
  g_assert_cmpstr (trj_bourse_window_get_text (bourse, "used"), ==, "25" NNBSP "658" NBSP "€");
  margin_before = trj_document_get_envelope_result (document (), "IAE")->ae_margin;
  /* AE (10 · 23 458 + 3 · 1 588 + 5 · 12 218 + 2 · 4 688) · 1,05 = 325 300,50 €;
   * after the move 174 699,50 + 23 604 = 198 303,50 €. */
  g_assert_cmpfloat_with_epsilon (margin_before, 500000 - 325300.5, 1e-6);
  g_assert_cmpstr (trj_bourse_window_get_text (bourse, "margin"), ==, "198" NNBSP "304" NBSP "€");

  /* « Déplacer »: one undo step, the ETP moved, the totals of the window. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (trj_bourse_window_get_move_button (bourse))));
  g_signal_emit_by_name (trj_bourse_window_get_move_button (bourse), "clicked");
  TRJ_HARNESS_WAIT_FOR (line ("aci")->quantity == 8);
  g_assert_cmpfloat (line ("ei")->quantity, ==, 7);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Déplacer des ETP (bourse aux postes)");
  g_assert_cmpfloat_with_epsilon (trj_document_get_envelope_result (document (), "IAE")->ae_margin,
                                  margin_before + 23604, 1e-6);
  g_assert_nonnull (strstr (trj_bourse_window_get_text (bourse, "moves"), "1 déplacement"));
  g_assert_nonnull (strstr (trj_bourse_window_get_text (bourse, "moves"), "49" NNBSP "262" NBSP "€ libérés"));

  /* A move beyond the giver's ETP cannot be made. */
  gtk_spin_button_set_range (trj_bourse_window_get_delta (bourse), 0, 100);
  gtk_spin_button_set_value (trj_bourse_window_get_delta (bourse), 50);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (trj_bourse_window_get_move_button (bourse))));
  g_assert_nonnull (strstr (trj_bourse_window_get_text (bourse, "message"), "Chantier"));

  /* Undone in one step: both structures back. */
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_no_error (error);
  TRJ_HARNESS_WAIT_FOR (line ("aci")->quantity == 10);
  g_assert_cmpfloat (line ("ei")->quantity, ==, 5);
  gtk_window_destroy (GTK_WINDOW (bourse));
}

/* The alert of a cell, its tooltip dropped. */
static TrjGridAlert
cell_alert (TrjGrid *grid, guint row, guint column)
{
  g_autofree char *tooltip = NULL;

  return trj_grid_model_get_alert (trj_grid_get_model (grid), row, column, &tooltip);
}

static gboolean
type_cell (TrjGrid *grid, guint row, guint column, const char *text)
{
  trj_grid_set_cursor (grid, row, column);
  g_assert_true (trj_grid_start_editing (grid, text));
  return trj_grid_commit_edit (grid);
}

static void
test_structures (void)
{
  TrjEnvelopePage *page = iae_page ();
  TrjWorkbook *wb = trj_document_get_workbook (document ());
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *bad = NULL, *good = NULL, *before = NULL, *after = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_autoptr(GFile) good_file = NULL;
  TrjStructuresWindow *structures;
  TrjGrid *grid;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "envelope.structures", NULL));
  TRJ_HARNESS_WAIT_FOR (toplevel_of_type (TRJ_TYPE_STRUCTURES_WINDOW) != NULL);
  structures = TRJ_STRUCTURES_WINDOW (toplevel_of_type (TRJ_TYPE_STRUCTURES_WINDOW));
  trj_harness_present (GTK_WINDOW (structures));
  grid = trj_structures_window_get_grid (structures);
  trj_harness_wait_painted (GTK_WIDGET (grid));

  /* What the grid shows: the ACI, its base, its projection (6) and 60 %. */
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, TRJ_STRUCTURES_COLUMN_NAME), ==, "Chantier");
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, TRJ_STRUCTURES_COLUMN_BASE), ==, "10");
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, TRJ_STRUCTURES_COLUMN_PROJECTED), ==, "6");
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, TRJ_STRUCTURES_COLUMN_RATE), ==, "60,0" NBSP "%");
  /* IAE_UNDER_REALISED at month 5 marks the projection of the ACI. */
  g_assert_cmpint (cell_alert (grid, 0, TRJ_STRUCTURES_COLUMN_PROJECTED),
                   ==, TRJ_GRID_ALERT_WARNING);

  /* Typed: a SIRET (with spaces), then one with a wrong check digit, refused. */
  g_assert_true (type_cell (grid, 0, TRJ_STRUCTURES_COLUMN_SIRET, "732 829 320 00074"));
  TRJ_HARNESS_WAIT_FOR (g_strcmp0 (line ("aci")->siret, "73282932000074") == 0);
  g_assert_false (type_cell (grid, 0, TRJ_STRUCTURES_COLUMN_SIRET, "73282932000075"));
  g_assert_nonnull (strstr (trj_grid_get_error_message (grid), "clé de contrôle"));
  trj_grid_cancel_edit (grid);
  g_assert_cmpstr (line ("aci")->siret, ==, "73282932000074");

  /* The EI's ETP above its base of 5 (conventionné 7, realised 5) without a
   * revaluation: IAE_ABOVE_BASE on its ETP cell; « Oui » puts it in order. */
  g_assert_true (type_cell (grid, 2, TRJ_STRUCTURES_COLUMN_CONVENTIONNE, "7"));
  g_assert_true (type_cell (grid, 2, TRJ_STRUCTURES_COLUMN_REALISE, "5"));
  g_assert_true (type_cell (grid, 2, TRJ_STRUCTURES_COLUMN_QUANTITY, "6,5"));
  TRJ_HARNESS_WAIT_FOR (line ("ei")->quantity == 6.5);
  /* ETP as the lines grid shows them: « 6,5 », « 5 », never « 6,50 » or « 5,00 ». */
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 2, TRJ_STRUCTURES_COLUMN_QUANTITY), ==, "6,5");
  g_assert_cmpint (cell_alert (grid, 2, TRJ_STRUCTURES_COLUMN_QUANTITY),
                   ==, TRJ_GRID_ALERT_WARNING);
  g_assert_true (type_cell (grid, 2, TRJ_STRUCTURES_COLUMN_REVALUATION, "oui"));
  TRJ_HARNESS_WAIT_FOR (line ("ei")->revaluation_requested);
  g_assert_cmpint (cell_alert (grid, 2, TRJ_STRUCTURES_COLUMN_QUANTITY),
                   ==, TRJ_GRID_ALERT_NONE);
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 2, TRJ_STRUCTURES_COLUMN_BASE), ==, "5");
  /* A computed cell is not typed. */
  trj_grid_set_cursor (grid, 2, TRJ_STRUCTURES_COLUMN_BASE);
  g_assert_false (trj_grid_start_editing (grid, "3"));

  /* A bad register is refused whole, the window says where, nothing changes. */
  dir = g_dir_make_tmp ("test-iae-window-XXXXXX", &error);
  g_assert_no_error (error);
  bad = g_build_filename (dir, "registre.csv", NULL);
  g_assert_true (g_file_set_contents (bad, "nom;type;siret\nNouvelle;EI;\nAutre;ACI;123\n", -1, &error));
  bad_file = g_file_new_for_path (bad);
  before = trj_json_scenario_to_data (trj_document_get_scenario (document ()));
  g_assert_false (trj_structures_window_import (structures, TRJ_STRUCTURES_IMPORT_REGISTER, bad_file, &error));
  g_clear_error (&error);
  g_assert_nonnull (strstr (trj_structures_window_get_message (structures), "ligne 3, colonne siret"));
  after = trj_json_scenario_to_data (trj_document_get_scenario (document ()));
  g_assert_cmpstr (after, ==, before);

  /* A good one adds its line, one undo step. */
  good = g_build_filename (dir, "registre2.csv", NULL);
  g_assert_true (g_file_set_contents (good, "nom;type;département;conventionné N-1;réalisé N-1\n"
                                            "Nouvelle;EI;29;4;3\n", -1, &error));
  good_file = g_file_new_for_path (good);
  g_assert_true (trj_structures_window_import (structures, TRJ_STRUCTURES_IMPORT_REGISTER, good_file, &error));
  g_assert_no_error (error);
  TRJ_HARNESS_WAIT_FOR (trj_grid_model_get_n_rows (trj_grid_get_model (grid)) == 5);
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 4, TRJ_STRUCTURES_COLUMN_NAME), ==, "Nouvelle");
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 4, TRJ_STRUCTURES_COLUMN_QUANTITY), ==, "3");
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Importer le registre des structures");

  /* « Bourse aux postes… » of this window opens the bourse. */
  g_signal_emit_by_name (trj_structures_window_get_button (structures, "bourse"), "clicked");
  TRJ_HARNESS_WAIT_FOR (toplevel_of_type (TRJ_TYPE_BOURSE_WINDOW) != NULL);
  gtk_window_destroy (toplevel_of_type (TRJ_TYPE_BOURSE_WINDOW));
  /* Escape from the grid, nothing being typed, closes the register. */
  g_assert_true (trj_harness_press_key (GTK_WIDGET (grid), GDK_KEY_Escape, 0));
  TRJ_HARNESS_WAIT_FOR (toplevel_of_type (TRJ_TYPE_STRUCTURES_WINDOW) == NULL);
  g_unlink (bad);
  g_unlink (good);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  path = trj_harness_new_workbook_with ("Bretagne", iae_document, "Structures");
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/iae-window/bourse", test_bourse);
  g_test_add_func ("/iae-window/structures", test_structures);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
