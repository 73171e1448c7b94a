/* test-compare-window.c — « Comparer des scénarios » in the real window (MODEL 9)
 *
 * A Bretagne 2024 workbook with three scenarios from the rich fixture:
 * « Notification » (marked as sent: the reference by default), « Hausse du
 * taux » (shown; pec-29-ft at 55 % instead of 50 %, pec-35 removed, pec-22
 * added) and « Heures » (pec-29-ft at 26 h instead of 25 h). The view is
 * opened by its action, read through the grid's displayed cells, driven by
 * its drop-down, check buttons and the grid's keys; the chart follows the
 * cursor's envelope; both exports go through their file chooser and are read
 * back (openpyxl by check-compare.py, pdftotext).
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "trj-ui-harness.h"
#include "trj-compare-window.h"
#include "trj-file-chooser.h"
#include "trj-json.h"
#include "trj-test-util.h"

static TrjApplication *app;
static TrjWindow *window;
static TrjCompareWindow *compare;
static GtkFileChooserNative *chooser_shown;

#define assert_text(got, want) G_STMT_START {                    \
    g_autofree char *got_ = (got) != NULL ? trj_test_plain_spaces (got) : NULL; \
    g_assert_cmpstr (got_, ==, (want));                          \
  } G_STMT_END

static TrjScenario *
rich (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-rich-scenario.json", NULL);
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_json_scenario_from_file (path, &error);

  g_assert_no_error (error);
  return s;
}

static void
chooser_hook (GtkFileChooserNative *chooser, gpointer data)
{
  g_set_object (&chooser_shown, chooser);
}

static void
answer_chooser (const char *path)
{
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  g_autoptr(GtkFileChooserNative) chooser = NULL;

  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  chooser = g_steal_pointer (&chooser_shown);
  trj_file_chooser_respond (chooser, file);
}

static GtkWindow *
toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static TrjGrid *
grid (void)
{
  return trj_compare_window_get_grid (compare);
}

/* The row of a figure in the table shown. */
static guint
row_of (const char *envelope, const char *line, const char *key)
{
  const TrjCompare *cmp = trj_compare_window_get_compare (compare);
  int r = key != NULL ? trj_compare_find_row (cmp, envelope, line, key) : trj_compare_find_line (cmp, line);

  g_assert_cmpint (r, >=, 0);
  return (guint) r;
}

/* What the grid paints in a cell, once the cursor has brought it in view. */
static char *
shown (guint row, guint column)
{
  trj_grid_set_cursor (grid (), row, column);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (grid ()), trj_grid_get_displayed_text (grid (), row, column) != NULL);
  return trj_test_plain_spaces (trj_grid_get_displayed_text (grid (), row, column));
}

static gboolean
cell_marked (guint row, guint column)
{
  GtkWidget *cell = trj_grid_get_cell_widget (grid (), row, column);

  g_assert_nonnull (cell);
  return gtk_widget_has_css_class (cell, "alert-warning");
}

static void
test_open (void)
{
  g_autofree char *text = NULL;
  guint r;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  trj_harness_flush ();
  compare = TRJ_COMPARE_WINDOW (toplevel_of_type (TRJ_TYPE_COMPARE_WINDOW));
  g_assert_nonnull (compare);
  trj_harness_present (GTK_WINDOW (compare));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (compare)), ==, "Comparer des scénarios");

  /* The last version sent is the reference, the scenario shown compared with it. */
  g_assert_cmpuint (trj_compare_window_get_n_choices (compare), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (trj_compare_window_get_reference (compare)), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (trj_compare_window_get_check (compare, 0))));
  g_assert_true (gtk_check_button_get_active (trj_compare_window_get_check (compare, 1)));
  g_assert_false (gtk_check_button_get_active (trj_compare_window_get_check (compare, 2)));
  g_assert_cmpuint (trj_compare_window_get_compare (compare)->n_scenarios, ==, 2);
  g_assert_true (g_str_has_suffix (trj_compare_window_get_status (compare),
                                   "changements par rapport à la référence, écrits « ancien → nouveau »."));
  /* The grid has the keyboard. */
  TRJ_HARNESS_WAIT_FOR (gtk_widget_has_focus (GTK_WIDGET (grid ())) ||
                        gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (compare)), GTK_WIDGET (grid ())));

  /* The rate: « ancien → nouveau », marked. */
  r = row_of ("PEC_CIE_TP", "pec-29-ft", "rate");
  text = shown (r, 0);
  g_assert_cmpstr (text, ==, "          Taux de prise en charge");
  g_clear_pointer (&text, g_free);
  text = shown (r, 1);
  g_assert_cmpstr (text, ==, "50,0 %");
  g_assert_false (cell_marked (r, 1));
  g_clear_pointer (&text, g_free);
  text = shown (r, 2);
  g_assert_cmpstr (text, ==, "50,0 % → 55,0 %");
  g_assert_true (cell_marked (r, 2));
  g_clear_pointer (&text, g_free);
  /* Down, by the grid's own key: the hours, unchanged. */
  g_assert_true (trj_grid_handle_key (grid (), GDK_KEY_Down, 0));
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (grid ()), trj_grid_get_displayed_text (grid (), r + 1, 2) != NULL);
  {
    guint row, column;

    trj_grid_get_cursor (grid (), &row, &column);
    g_assert_cmpuint (row, ==, r + 1);
    assert_text (trj_grid_get_displayed_text (grid (), row, 2), "25");
    g_assert_false (cell_marked (row, 2));
  }
  /* The removed and the added lines, said in their heading row. */
  text = shown (row_of ("PEC_CIE_TP", "pec-35", NULL), 2);
  g_assert_cmpstr (text, ==, "ligne supprimée");
  g_clear_pointer (&text, g_free);
  text = shown (row_of ("PEC_CIE_TP", "pec-22", NULL), 2);
  g_assert_cmpstr (text, ==, "ligne ajoutée");
  g_clear_pointer (&text, g_free);
  text = shown (row_of ("PEC_CIE_TP", "pec-22", NULL), 1);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  /* Read only: a typed value is refused with a French message. */
  trj_grid_set_cursor (grid (), r, 2);
  g_assert_false (trj_grid_start_editing (grid (), "60"));
  g_assert_nonnull (trj_grid_get_error_message (grid ()));
  trj_grid_handle_key (grid (), GDK_KEY_Escape, 0);
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "compare-view.png", NULL);

      trj_grid_set_cursor (grid (), row_of ("PEC_CIE_TP", "pec-29-ft", "rate"), 2);
      trj_harness_wait_painted (GTK_WIDGET (compare));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (compare), png, NULL));
    }
}

static void
test_chart_follows (void)
{
  const TrjChartModel *model;
  g_autofree char *text = NULL;

  text = shown (row_of ("PEC_CIE_TP", "pec-29-ft", "ae_total"), 2);
  model = trj_chart_view_get_model (trj_compare_window_get_chart (compare));
  g_assert_nonnull (model);
  g_assert_cmpint (model->kind, ==, TRJ_CHART_OVERLAY);
  /* AE and CP of each scenario. */
  g_assert_cmpuint (model->series->len, ==, 4);
  g_assert_nonnull (strstr (model->title, "PEC et CIE tous publics"));
  g_clear_pointer (&text, g_free);
  text = shown (row_of ("CIE_JEUNES", NULL, "ae_total"), 1);
  model = trj_chart_view_get_model (trj_compare_window_get_chart (compare));
  g_assert_nonnull (strstr (model->title, "CIE jeunes"));
}

static void
test_choices (void)
{
  g_autofree char *text = NULL;
  guint r;

  /* « Heures » ticked: a third column, its hours changed. */
  gtk_check_button_set_active (trj_compare_window_get_check (compare, 2), TRUE);
  trj_harness_wait_painted (GTK_WIDGET (compare));
  g_assert_cmpuint (trj_compare_window_get_compare (compare)->n_scenarios, ==, 3);
  g_assert_cmpuint (trj_grid_model_get_n_columns (trj_grid_get_model (grid ())), ==, 4);
  r = row_of ("PEC_CIE_TP", "pec-29-ft", "weekly_hours");
  text = shown (r, 3);
  g_assert_cmpstr (text, ==, "25 → 26");
  g_assert_true (cell_marked (r, 3));
  g_clear_pointer (&text, g_free);
  text = shown (r, 2);
  g_assert_cmpstr (text, ==, "25");
  g_clear_pointer (&text, g_free);

  /* « Heures » as the reference: its own column first, the others against it. */
  gtk_drop_down_set_selected (trj_compare_window_get_reference (compare), 2);
  trj_harness_wait_painted (GTK_WIDGET (compare));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (trj_compare_window_get_check (compare, 2))));
  assert_text (trj_compare_window_get_compare (compare)->names[0], "Heures");
  r = row_of ("PEC_CIE_TP", "pec-29-ft", "weekly_hours");
  text = shown (r, 2);
  g_assert_cmpstr (text, ==, "26 → 25");
  g_clear_pointer (&text, g_free);

  /* Nothing ticked but the reference: nothing compared, said. */
  gtk_check_button_set_active (trj_compare_window_get_check (compare, 1), FALSE);
  gtk_check_button_set_active (trj_compare_window_get_check (compare, 0), FALSE);
  g_assert_null (trj_compare_window_get_compare (compare));
  g_assert_cmpstr (trj_compare_window_get_status (compare), ==,
                   "Cochez au moins un scénario à comparer avec la référence.");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.export-xlsx", NULL) &&
                  chooser_shown != NULL);

  /* Back to the default: the version sent against « Hausse du taux ». */
  gtk_drop_down_set_selected (trj_compare_window_get_reference (compare), 0);
  gtk_check_button_set_active (trj_compare_window_get_check (compare, 1), TRUE);
  gtk_check_button_set_active (trj_compare_window_get_check (compare, 2), TRUE);
  trj_harness_wait_painted (GTK_WIDGET (compare));
  g_assert_cmpuint (trj_compare_window_get_compare (compare)->n_scenarios, ==, 3);
}

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static void
test_exports (void)
{
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *xlsx = g_build_filename (dir, "comparaison.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "comparaison.pdf", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-compare.py", NULL);
  const char *read_xlsx[] = { "/usr/bin/python3", script, xlsx, NULL };
  const char *read_pdf[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *json = NULL, *raw = NULL, *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *rows, *header;
  gboolean found = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.export-xlsx", NULL));
  answer_chooser (xlsx);
  TRJ_HARNESS_WAIT_FOR (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  json = run (read_xlsx);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "rows");
  header = json_array_get_array_element (rows, 2);
  g_assert_cmpstr (json_array_get_string_element (header, 1), ==, "Notification");
  g_assert_cmpstr (json_array_get_string_element (header, 2), ==, "Hausse du taux");
  g_assert_cmpstr (json_array_get_string_element (header, 3), ==, "Heures");
  for (guint r = 3; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);
      g_autofree char *change = NULL;

      if (json_array_get_length (row) < 5 || JSON_NODE_HOLDS_NULL (json_array_get_element (row, 4)))
        continue;
      change = trj_test_plain_spaces (json_array_get_string_element (row, 4));
      if (g_str_equal (change, "50,0 % → 55,0 %"))
        {
          found = TRUE;
          g_assert_cmpfloat (json_array_get_double_element (row, 1), ==, 0.5);
          g_assert_cmpfloat (json_array_get_double_element (row, 2), ==, 0.55);
        }
    }
  g_assert_true (found);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.export-pdf", NULL));
  answer_chooser (pdf);
  TRJ_HARNESS_WAIT_FOR (g_file_test (pdf, G_FILE_TEST_EXISTS));
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

    if (pdftotext == NULL)
      return;
  }
  raw = run (read_pdf);
  text = trj_test_plain_spaces (raw);
  g_assert_nonnull (strstr (text, "Comparaison de scénarios"));
  g_assert_nonnull (strstr (text, "50,0 % → 55,0 %"));
  g_assert_nonnull (strstr (text, "25 → 26"));
  g_assert_nonnull (strstr (text, "ligne supprimée"));

  /* Escape closes the view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "window.close", NULL));
  TRJ_HARNESS_WAIT_FOR (toplevel_of_type (TRJ_TYPE_COMPARE_WINDOW) == NULL);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  path = trj_harness_new_workbook ("Bretagne");
  {
    g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);
    g_autoptr(TrjScenario) a = rich (), b = rich (), c = rich ();
    TrjEnvelope *pec = g_ptr_array_index (b->envelopes, 0);
    TrjLine *added;
    g_autoptr(GPtrArray) list = NULL;
    gint64 id_a, id_b;

    g_assert_no_error (error);
    /* Only the three scenarios of the test, in this order. */
    list = trj_workbook_list_scenarios (wb);
    trj_scenario_find_line (b, "pec-29-ft", NULL)->rate = 0.55;
    g_ptr_array_remove_index (pec->lines, 1);
    added = trj_line_copy (trj_scenario_find_line (b, "pec-29-ft", NULL));
    g_free (added->id);
    added->id = g_strdup ("pec-22");
    /* Another département: not matched to pec-35 by kind + département + prescriber. */
    g_free (added->departement);
    added->departement = g_strdup ("22");
    g_ptr_array_add (pec->lines, added);
    trj_scenario_find_line (c, "pec-29-ft", NULL)->weekly_hours = 26;
    id_a = trj_workbook_import_scenario (wb, a, "Notification", &error);
    g_assert_no_error (error);
    id_b = trj_workbook_import_scenario (wb, b, "Hausse du taux", &error);
    g_assert_no_error (error);
    trj_workbook_import_scenario (wb, c, "Heures", &error);
    g_assert_no_error (error);
    g_assert_true (trj_workbook_set_current_scenario (wb, id_b, &error));
    for (guint i = 0; i < list->len; i++)
      g_assert_true (trj_workbook_delete_scenario (wb, ((TrjScenarioInfo *) g_ptr_array_index (list, i))->id,
                                                   &error));
    g_assert_true (trj_workbook_mark_sent (wb, id_a, TRJ_SENT_PROGRAMMATION, "2024-03-15", "Initiale", &error));
  }
  trj_file_chooser_set_hook (chooser_hook, NULL);
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/compare-window/open", test_open);
  g_test_add_func ("/compare-window/chart", test_chart_follows);
  g_test_add_func ("/compare-window/choices", test_choices);
  g_test_add_func ("/compare-window/exports", test_exports);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
