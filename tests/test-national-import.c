/* test-national-import.c — the CSV import dialog and the « Vue nationale » window
 *
 * Import: a Bretagne 2024 workbook (two example lines), a CSV file of two
 * lines previewed then imported as one undo step; a file with errors shows
 * them, cannot be imported and leaves the workbook as it was.
 * National view: regional programming files and a workbook added; the table
 * shows the regions in notification order and the national totals; a
 * truncated file is refused without changing the table; the consolidation is
 * exported. A PNG of the window is saved in the build folder for a look.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "trj-exchange-files.h"
#include "trj-import-dialog.h"
#include "trj-national-window.h"
#include "trj-json.h"
#include "trj-formula-book.h"
#include "trj-programming.h"
#include "trj-xlsx-reader.h"
#include "trj-ui-harness.h"
#include "trj-year-data.h"
#include "trj-test-util.h"
#include "trj-file-chooser.h"

static TrjApplication *app;
static char *tmpdir;

/* For a look at the real thing: PNGs in the build folder. */
static void
save_png (GtkWidget *toplevel, const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  g_autoptr(GError) error = NULL;

  trj_harness_wait_painted (toplevel);
  g_assert_true (trj_harness_save_png (toplevel, path, &error));
  g_assert_no_error (error);
}

static GFile *
write_file (const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static TrjDocument *
open_document (const char *region)
{
  g_autofree char *path = trj_harness_new_workbook (region);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) workbook = trj_workbook_open (path, &error);

  g_assert_no_error (error);
  return trj_document_new (workbook);
}

static guint
n_lines (TrjDocument *document)
{
  return trj_scenario_n_lines (trj_document_get_scenario (document));
}

static void
test_import (void)
{
  g_autoptr(TrjDocument) document = open_document ("Bretagne");
  g_autoptr(GFile) file = write_file ("lignes.csv",
    "\xEF\xBB\xBFtype;département;libellé;taux;heures;durée;volume;"
    "janv N-1;févr N-1;mars N-1;avr N-1;mai N-1;juin N-1;juil N-1;août N-1;sept N-1;oct N-1;nov N-1;déc N-1\r\n"
    "PEC;29;PEC Brest;50 %;25;9,9;120;0;0;0;0;0;0;0;0;5;5;5;5\r\n"
    "CIE_JEUNES;56;CIE Vannes;0,35;28,3;8,3;24;;;;;;;;;;;;\r\n");
  TrjImportDialog *dialog = trj_import_dialog_new (document, file);
  TrjWorkbook *wb = trj_document_get_workbook (document);
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  const TrjEnvelope *pec;
  const TrjLine *line;

  trj_harness_present (GTK_WINDOW (dialog));
  g_assert_true (trj_import_dialog_is_valid (dialog));
  g_assert_cmpuint (trj_import_dialog_get_n_lines (dialog), ==, 2);
  summary = trj_test_plain_spaces (trj_import_dialog_get_summary (dialog));
  g_assert_cmpstr (summary, ==, "Séparateur « ; », virgule décimale, UTF-8 : 2 lignes");
  g_assert_null (trj_import_dialog_get_errors (dialog));
  g_assert_cmpuint (n_lines (document), ==, 2);
  save_png (GTK_WIDGET (dialog), "import-dialog.png");

  g_assert_true (trj_import_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_lines (document), ==, 4);
  pec = trj_document_get_envelope (document, "PEC_CIE_TP");
  line = g_ptr_array_index (pec->lines, pec->lines->len - 1);
  g_assert_cmpstr (line->label, ==, "PEC Brest");
  g_assert_cmpstr (line->departement, ==, "29");
  g_assert_cmpfloat (line->rate, ==, 0.5);
  g_assert_cmpfloat (line->duration_months, ==, 9.9);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (line), 120, 1e-9);
  g_assert_cmpfloat (line->entries[0], ==, 10);
  g_assert_true (line->has_previous_entries);
  g_assert_cmpfloat (line->previous_entries[8], ==, 5);

  /* One undo takes the whole import back. */
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Importer des lignes");
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_lines (document), ==, 2);
}

static void
test_import_errors (void)
{
  g_autoptr(TrjDocument) document = open_document ("Bretagne");
  g_autoptr(GFile) file = write_file ("erreurs.csv",
    "type;département;taux;heures;durée;volume\r\n"
    "PEC;29;5O;25;9,9;120\r\n"
    "PEC;75;0,5;25;9,9;120\r\n");
  TrjImportDialog *dialog = trj_import_dialog_new (document, file);
  g_autofree char *errors = NULL;

  trj_harness_present (GTK_WINDOW (dialog));
  g_assert_false (trj_import_dialog_is_valid (dialog));
  errors = trj_test_plain_spaces (trj_import_dialog_get_errors (dialog));
  g_assert_nonnull (strstr (errors, "« erreurs.csv » n’a pas été importé : 2 erreurs."));
  g_assert_nonnull (strstr (errors, "ligne 2, colonne taux : « 5O » n’est pas un nombre"));
  g_assert_nonnull (strstr (errors, "ligne 3, colonne département : « 75 » n’est pas un département de Bretagne"));
  g_assert_cmpuint (n_lines (document), ==, 2);
  save_png (GTK_WIDGET (dialog), "import-dialog-errors.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GFile *
programming_file (const char *region, const char *name)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);
  g_autoptr(TrjScenario) scenario = trj_year_data_example (data, region, &error);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (trj_programming_write_xlsx (scenario, NULL, path, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_national (void)
{
  TrjNationalWindow *window = trj_national_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) corse = programming_file ("Corse", "corse.xlsx");
  g_autoptr(GFile) mayotte = programming_file ("Mayotte", "mayotte.xlsx");
  g_autofree char *bretagne_path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GFile) bretagne = g_file_new_for_path (bretagne_path);
  g_autoptr(GFile) truncated = write_file ("coupé.xlsx", "PK\003\004 not a whole zip");
  g_autoptr(GFile) exported = NULL;
  g_autofree char *exported_path = g_build_filename (tmpdir, "national.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL, *message = NULL;

  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_national_window_add_file (window, mayotte, &error));
  g_assert_no_error (error);
  g_assert_true (trj_national_window_add_file (window, corse, &error));
  g_assert_no_error (error);
  g_assert_true (trj_national_window_add_file (window, bretagne, &error));
  g_assert_no_error (error);
  trj_harness_wait_painted (GTK_WIDGET (window));

  /* Notification order: Bretagne, Corse, …, Mayotte. */
  /* Each envelope with the unit of its volumes (MODEL 3): IAE's third block of 8 columns. */
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 0, 1), ==, "PEC et CIE tous publics (contrats)");
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 0, 17), ==,
                   "Insertion par l’activité économique (ETP)");
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 1, 1), ==, "AE notifiées");
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 2, 0), ==, "Bretagne");
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 3, 0), ==, "Corse");
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 4, 0), ==, "Mayotte");
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 5, 0), ==, "Total national");
  /* 6 813 468 + 1 308 595 + 10 184 387 = 18 306 450 € of PEC AE notified. */
  total = trj_test_plain_spaces (trj_national_window_get_cell_text (window, 5, 1));
  g_assert_cmpstr (total, ==, "18 306 450 €");
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 6, 0), ==, "Notification nationale");

  /* A damaged file changes nothing. */
  g_assert_false (trj_national_window_add_file (window, truncated, &error));
  message = trj_test_plain_spaces (error->message);
  g_assert_nonnull (strstr (message, "« coupé.xlsx » n’est pas un fichier xlsx lisible"));
  g_clear_error (&error);
  g_assert_cmpuint (trj_consolidation_get_n_regions (trj_national_window_get_consolidation (window)), ==, 3);
  g_assert_cmpstr (trj_national_window_get_cell_text (window, 5, 0), ==, "Total national");

  exported = g_file_new_for_path (exported_path);
  g_assert_true (trj_national_window_export (window, exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (exported_path, G_FILE_TEST_EXISTS));

  save_png (GTK_WIDGET (window), "national-window.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* « Importer un fichier de programmation… »: the file's scenario becomes a new,
 * current scenario under its stored name; a second import gets a new name; a
 * damaged file or another region's file adds nothing. */
static void
test_import_programming (void)
{
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  g_autofree char *workbook_path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GFile) workbook_file = g_file_new_for_path (workbook_path);
  g_autofree char *xlsx = g_build_filename (tmpdir, "hypothese.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) corse = programming_file ("Corse", "corse-2.xlsx");
  g_autoptr(GFile) truncated = write_file ("tronqué.xlsx", "PK\003\004");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  TrjProgrammingInfo info = { "Hypothèse haute", NULL };
  TrjWorkbook *wb;
  g_autofree char *name = NULL;
  gint64 id;

  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, workbook_file));
  wb = trj_document_get_workbook (trj_window_get_document (window));
  scenario = trj_year_data_example (data, "Bretagne", &error);
  g_assert_no_error (error);
  ((TrjLine *) g_ptr_array_index (((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, 0))->lines, 0))->rate = 0.55;
  g_assert_true (trj_programming_write_xlsx (scenario, &info, xlsx, &error));
  g_assert_no_error (error);

  id = trj_exchange_import_programming (trj_window_get_document (window), file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpint (trj_workbook_get_current_scenario (wb), ==, id);
  name = trj_workbook_get_scenario_name (wb, id);
  g_assert_cmpstr (name, ==, "Hypothèse haute");
  {
    g_autoptr(TrjScenario) imported = trj_workbook_get_scenario (wb, id, &error);
    g_autofree char *before = trj_json_scenario_to_data (scenario);
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    after = trj_json_scenario_to_data (imported);
    g_assert_cmpstr (after, ==, before);
  }

  id = trj_exchange_import_programming (trj_window_get_document (window), file, &error);
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  name = trj_workbook_get_scenario_name (wb, id);
  g_assert_cmpstr (name, ==, "Hypothèse haute (2)");

  g_assert_cmpint (trj_exchange_import_programming (trj_window_get_document (window), truncated, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (trj_exchange_import_programming (trj_window_get_document (window), corse, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  list = trj_workbook_list_scenarios (wb);
  g_assert_cmpuint (list->len, ==, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The main window's menu opens the national view in a window of its own. */
static void
test_window_action (void)
{
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  guint before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  GtkWindow *national = NULL;

  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.national-view", NULL));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, before + 1);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (TRJ_IS_NATIONAL_WINDOW (l->data))
      national = l->data;
  g_assert_nonnull (national);
  trj_harness_wait_painted (GTK_WIDGET (national));
  gtk_window_destroy (national);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The label shown under root (a table cell, a toast) whose text is `text`,
 * or contains it when `part`; NULL if none. */
static GtkWidget *
find_label_full (GtkWidget *root, const char *text, gboolean part)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child)
          && (part ? strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL
                   : g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text)))
        return child;
      if ((found = find_label_full (child, text, part)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  return find_label_full (root, text, FALSE);
}

static double
x_in (GtkWidget *widget, GtkWidget *toplevel)
{
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, toplevel, 0, 0, &x, &y));
  return x;
}

static GtkFileChooserNative *chooser_shown;

static void
chooser_hook (GtkFileChooserNative *chooser, gpointer data)
{
  g_set_object (&chooser_shown, chooser);
}

/* Answers the next file chooser the window shows with `file`. */
static void
answer_chooser (GFile *file)
{
  g_autoptr(GtkFileChooserNative) chooser = NULL;

  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  chooser = g_steal_pointer (&chooser_shown);
  trj_file_chooser_respond (chooser, file);
}

/* Issue 13, defect 11: the region column stays while the envelopes scroll
 * sideways; exporting says it is done; a refusal's toast goes away. */
static void
test_national_frozen_toasts (void)
{
  TrjNationalWindow *window = trj_national_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) corse = programming_file ("Corse", "corse-2.xlsx");
  g_autoptr(GFile) truncated = write_file ("coupé-2.xlsx", "PK\003\004 not a whole zip");
  g_autofree char *exported_path = g_build_filename (tmpdir, "national-2.xlsx", NULL);
  g_autoptr(GFile) exported = g_file_new_for_path (exported_path);
  g_autoptr(GError) error = NULL;
  GtkWidget *region, *cell, *scroller;
  GtkAdjustment *sideways;
  double x;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_national_window_add_file (window, corse, &error));
  g_assert_no_error (error);
  trj_harness_wait_painted (GTK_WIDGET (window));
  region = find_label (GTK_WIDGET (window), "Corse");
  cell = find_label (GTK_WIDGET (window), "AE notifiées");
  g_assert_nonnull (region);
  g_assert_nonnull (cell);
  x = x_in (region, GTK_WIDGET (window));
  scroller = gtk_widget_get_ancestor (cell, GTK_TYPE_SCROLLED_WINDOW);
  sideways = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* At 800 px the envelopes do not fit: the table scrolls. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), >, gtk_adjustment_get_page_size (sideways));
  gtk_adjustment_set_value (sideways, gtk_adjustment_get_upper (sideways));
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (sideways), >, 0);
  g_assert_cmpfloat (x_in (region, GTK_WIDGET (window)), ==, x);
  /* The region's row and the table's row keep one height. */
  g_assert_cmpint (gtk_widget_get_height (region), ==,
                   gtk_widget_get_height (find_label (GTK_WIDGET (window), trj_national_window_get_cell_text (window, 2, 1))));

  /* « Exporter… » through its chooser: a toast says it is saved. */
  trj_file_chooser_set_hook (chooser_hook, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "national.export", NULL));
  answer_chooser (exported);
  TRJ_HARNESS_WAIT_FOR (find_label (GTK_WIDGET (window), "Consolidation nationale enregistrée") != NULL);
  g_assert_true (g_file_test (exported_path, G_FILE_TEST_EXISTS));

  /* A refused file: its toast, then none (it used to stay for ever). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "national.add-files", NULL));
  answer_chooser (truncated);
  TRJ_HARNESS_WAIT_FOR (find_label_full (GTK_WIDGET (window), "coupé-2.xlsx", TRUE) != NULL);
  TRJ_HARNESS_WAIT_FOR (find_label_full (GTK_WIDGET (window), "coupé-2.xlsx", TRUE) == NULL);
  trj_file_chooser_set_hook (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* « Exporter en classeur de calcul… » of the main menu: the chosen file holds
 * the current scenario as formulas with the engine's figures cached, and a
 * toast says it is done. */
static void
test_export_formula_book (void)
{
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  g_autofree char *workbook_path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GFile) workbook_file = g_file_new_for_path (workbook_path);
  g_autofree char *path = g_build_filename (tmpdir, "classeur de calcul.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjXlsxReader) reader = NULL;
  g_autoptr(TrjXlsxSheet) envelopes = NULL;
  g_autoptr(TrjResult) result = NULL;

  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, workbook_file));
  trj_file_chooser_set_hook (chooser_hook, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-formula-book", NULL));
  answer_chooser (file);
  TRJ_HARNESS_WAIT_FOR (find_label (GTK_WIDGET (window), "Classeur de calcul exporté") != NULL);
  trj_file_chooser_set_hook (NULL, NULL);

  result = trj_programming_compute (trj_document_get_scenario (trj_window_get_document (window)), &error);
  g_assert_no_error (error);
  reader = trj_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  envelopes = trj_xlsx_reader_read_sheet (reader, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_ENVELOPES), &error);
  g_assert_no_error (error);
  /* Row 2: the first envelope; its AE margin is available (G) less programmed (I). */
  g_assert_cmpstr (trj_xlsx_sheet_formula (envelopes, 1, 13), ==, "G2-I2");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (trj_xlsx_sheet_cell (envelopes, 1, 8), NULL),
                                  result->envelopes[0].f.ae_total, 1e-6);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("trj-national-import-XXXXXX", NULL);

  g_test_add_func ("/import/apply-undo", test_import);
  g_test_add_func ("/import/errors", test_import_errors);
  g_test_add_func ("/national/table-export", test_national);
  g_test_add_func ("/national/window-action", test_window_action);
  g_test_add_func ("/national/frozen-column-toasts", test_national_frozen_toasts);
  g_test_add_func ("/import/programming-file", test_import_programming);
  g_test_add_func ("/export/formula-book", test_export_formula_book);
  return g_test_run ();
}
