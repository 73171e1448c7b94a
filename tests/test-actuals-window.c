/* test-actuals-window.c — « Saisir le réalisé » (MODEL 8) in the real window
 *
 * The scenario of tests/fixtures/actuals (landing-scenario.json: PEC lines a,
 * a2, a3 and CIE jeunes line b). Values typed through the grid's editor as a
 * planner types them (French rules), read back from the store; a refused
 * value keeps its cell and says why in French; each edit one undo step, a
 * paste one; the grid read only once the scenario is sent.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-actuals-window.h"
#include "trj-envelope-page.h"
#include "trj-file-chooser.h"
#include "trj-json.h"
#include "trj-settings.h"
#include "trj-drift.h"
#include "trj-test-util.h"

static TrjApplication *app;
static TrjWindow *window;
static TrjActualsWindow *actuals;
static GtkFileChooserNative *chooser_shown;

static void
chooser_hook (GtkFileChooserNative *chooser, gpointer data)
{
  g_set_object (&chooser_shown, chooser);
}



static TrjWorkbook *
workbook (void)
{
  return trj_document_get_workbook (trj_window_get_document (window));
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
  return trj_actuals_window_get_grid (actuals);
}

/* The stored actual of a line and month (0-based), NULL when none. */
static TrjActual *
stored (const char *line, guint month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjActuals) all = trj_workbook_get_actuals (workbook (), &error);
  const TrjActual *row;
  TrjActual *copy;

  g_assert_no_error (error);
  if ((row = trj_actuals_find (all, line, month)) == NULL)
    return NULL;
  copy = g_memdup2 (row, sizeof *row);
  copy->line = copy->envelope = NULL;
  return copy;
}

/* Types text in a cell as a person does: the cursor there, the text, Enter. */
static gboolean
type_in (const char *line, guint month, guint column, const char *text)
{
  int row = trj_actuals_window_find_row (actuals, line, month);

  g_assert_cmpint (row, >=, 0);
  trj_grid_set_cursor (grid (), (guint) row, column);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (grid ()), trj_grid_get_displayed_text (grid (), row, column) != NULL);
  g_assert_true (trj_grid_start_editing (grid (), text));
  return trj_grid_commit_edit (grid ());
}

static char *
shown (const char *line, guint month, guint column)
{
  int row = trj_actuals_window_find_row (actuals, line, month);

  trj_grid_set_cursor (grid (), (guint) row, column);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (grid ()), trj_grid_get_displayed_text (grid (), row, column) != NULL);
  return trj_test_plain_spaces (trj_grid_get_displayed_text (grid (), row, column));
}

static void
test_type (void)
{
  g_autofree TrjActual *a = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.actuals-grid", NULL));
  trj_harness_flush ();
  actuals = TRJ_ACTUALS_WINDOW (toplevel_of_type (TRJ_TYPE_ACTUALS_WINDOW));
  g_assert_nonnull (actuals);
  trj_harness_present (GTK_WINDOW (actuals));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (actuals)), ==, "Réalisé");
  /* Four lines, twelve months each. */
  g_assert_cmpuint (trj_grid_model_get_n_rows (trj_grid_get_model (grid ())), ==, 48);
  g_assert_cmpint (trj_actuals_window_find_row (actuals, "b", 0), ==, 36);
  g_assert_null (trj_actuals_window_get_banner (actuals));
  text = shown ("a", 2, TRJ_ACTUALS_COLUMN_MONTH);
  g_assert_cmpstr (text, ==, "mars");
  g_clear_pointer (&text, g_free);
  g_assert_null (stored ("a", 2));

  /* Entries, a rate typed « 55 », hours with a decimal comma, AE with spaces. */
  g_assert_true (type_in ("a", 2, TRJ_ACTUALS_COLUMN_ENTRIES, "12"));
  g_assert_true (type_in ("a", 2, TRJ_ACTUALS_COLUMN_RATE, "55"));
  g_assert_true (type_in ("a", 2, TRJ_ACTUALS_COLUMN_HOURS, "21,5"));
  g_assert_true (type_in ("a", 2, TRJ_ACTUALS_COLUMN_AE, "1 234,50 €"));
  a = stored ("a", 2);
  g_assert_nonnull (a);
  g_assert_cmpfloat (a->entries, ==, 12);
  g_assert_cmpfloat (a->rate, ==, 0.55);
  g_assert_cmpfloat (a->weekly_hours, ==, 21.5);
  g_assert_cmpfloat (a->ae, ==, 1234.5);
  g_assert_true (isnan (a->duration_months));
  g_assert_true (isnan (a->cp));
  g_assert_cmpuint (a->month, ==, 2);
  text = shown ("a", 2, TRJ_ACTUALS_COLUMN_RATE);
  g_assert_cmpstr (text, ==, "55,0 %");
  g_clear_pointer (&text, g_free);
  text = shown ("a", 2, TRJ_ACTUALS_COLUMN_AE);
  g_assert_cmpstr (text, ==, "1 234,50 €");
  g_clear_pointer (&text, g_free);
  /* « données à fin mars » follows. */
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (
                      ADW_WINDOW_TITLE (adw_header_bar_get_title_widget (ADW_HEADER_BAR (
                        gtk_widget_get_first_child (adw_window_get_content (ADW_WINDOW (actuals))))))),
                    "données à fin mars"));
  /* Each edit is one undo step, named. */
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), ==, "Saisir le réalisé");
}

static void
test_refused (void)
{
  g_autofree TrjActual *a = NULL;
  g_autofree char *text = NULL;
  const char *message;

  /* Not a number: refused, the editor stays, the reason in French. */
  g_assert_false (type_in ("a", 2, TRJ_ACTUALS_COLUMN_ENTRIES, "douze"));
  message = trj_grid_get_error_message (grid ());
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "nombre"));
  trj_grid_cancel_edit (grid ());
  a = stored ("a", 2);
  g_assert_cmpfloat (a->entries, ==, 12);
  text = shown ("a", 2, TRJ_ACTUALS_COLUMN_ENTRIES);
  g_assert_cmpstr (text, ==, "12");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&a, g_free);
  /* A rate of 150 %: out of the limits. */
  g_assert_false (type_in ("a", 2, TRJ_ACTUALS_COLUMN_RATE, "150 %"));
  g_assert_nonnull (trj_grid_get_error_message (grid ()));
  trj_grid_cancel_edit (grid ());
  a = stored ("a", 2);
  g_assert_cmpfloat (a->rate, ==, 0.55);
  /* A contract line has no ETP: the cell is read only. */
  trj_grid_set_cursor (grid (), (guint) trj_actuals_window_find_row (actuals, "a", 2), TRJ_ACTUALS_COLUMN_ETP);
  g_assert_false (trj_grid_start_editing (grid (), "3"));
}

static void
test_undo_and_paste (void)
{
  g_autofree TrjActual *a = NULL, *b = NULL;
  g_autoptr(GError) error = NULL;

  /* Undo the AE: the three other values stay. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (actuals), "actuals.undo", NULL));
  trj_harness_flush ();
  a = stored ("a", 2);
  g_assert_true (isnan (a->ae));
  g_assert_cmpfloat (a->weekly_hours, ==, 21.5);
  g_clear_pointer (&a, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (actuals), "actuals.redo", NULL));
  trj_harness_flush ();
  a = stored ("a", 2);
  g_assert_cmpfloat (a->ae, ==, 1234.5);
  g_clear_pointer (&a, g_free);

  /* A block of two months × two values pasted: one undo step. */
  trj_grid_set_cursor (grid (), (guint) trj_actuals_window_find_row (actuals, "b", 0), TRJ_ACTUALS_COLUMN_ENTRIES);
  g_assert_true (trj_grid_paste_text (grid (), "5\t0,4\n6\t40 %\n", &error));
  g_assert_no_error (error);
  a = stored ("b", 0);
  b = stored ("b", 1);
  g_assert_cmpfloat (a->entries, ==, 5);
  g_assert_cmpfloat (a->rate, ==, 0.4);
  g_assert_cmpfloat (b->entries, ==, 6);
  g_assert_cmpfloat (b->rate, ==, 0.4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (actuals), "actuals.undo", NULL));
  trj_harness_flush ();
  g_assert_null (stored ("b", 0));
  g_assert_null (stored ("b", 1));
  /* Emptying the one value of a row removes the row. */
  g_assert_true (type_in ("b", 5, TRJ_ACTUALS_COLUMN_ENTRIES, "3"));
  g_clear_pointer (&a, g_free);
  a = stored ("b", 5);
  g_assert_cmpfloat (a->entries, ==, 3);
  trj_grid_set_cursor (grid (), (guint) trj_actuals_window_find_row (actuals, "b", 5), TRJ_ACTUALS_COLUMN_ENTRIES);
  g_assert_true (trj_grid_clear_selection (grid (), &error));
  g_assert_no_error (error);
  g_assert_null (stored ("b", 5));
  g_clear_pointer (&a, g_free);
  a = stored ("a", 2);
  g_assert_nonnull (a);
}

/* ACTUAL_DRIFT: line a observed at 55 % (the rate typed for March, the only
 * month with actuals) against 50 % programmed: 5 points, over the 2 points of
 * the preferences, in the PEC page's alert list; gone at 6 points; then the
 * message to its prescriber, France Travail, through the menu's file chooser
 * (the hours typed, 21,5 h against 20 h, drift too). */
static void
test_drift (void)
{
  g_autoptr(GSettings) settings = trj_settings_new ();
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "message.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "message.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkFileChooserNative) chooser = NULL;
  TrjEnvelopePage *page;
  /* The line by its label, as the grid shows it; no « observé(e) ». */
  const char *sentence = "Ligne « A » : taux de prise en charge de 55,0 % au réalisé pour 50,0 % à la "
                         "programmation (tolérance 2,0 %)";
  guint n;

  g_assert_nonnull (settings);
  trj_window_show_envelope (window, "PEC_CIE_TP");
  trj_harness_wait_painted (GTK_WIDGET (window));
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  /* The sentences the PEC page lists: the rate, then the hours. */
  {
    g_autoptr(GPtrArray) drifts = trj_drift_messages (trj_window_get_document (window), 0);
    g_autofree char *first = NULL, *second = NULL;

    g_assert_cmpuint (drifts->len, ==, 2);
    first = trj_test_plain_spaces (g_ptr_array_index (drifts, 0));
    second = trj_test_plain_spaces (g_ptr_array_index (drifts, 1));
    g_assert_true (g_str_has_prefix (first, sentence));
    g_assert_true (g_str_has_prefix (second, "Ligne « A » : "));
    g_assert_nonnull (strstr (second, "durée hebdomadaire (h) de 21,5 au réalisé pour 20 à la programmation (tolérance 1)"));
  }
  n = trj_envelope_page_get_n_alerts (page);
  g_assert_cmpuint (n, >=, 2);
  /* 6 points: the rate's sentence leaves the page's list. */
  g_settings_set_double (settings, "drift-tolerance-rate", 6);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), trj_envelope_page_get_n_alerts (page) == n - 1);
  {
    g_autoptr(GPtrArray) drifts = trj_drift_messages (trj_window_get_document (window), 0);
    g_assert_cmpuint (drifts->len, ==, 1);
  }
  g_settings_set_double (settings, "drift-tolerance-rate", 2);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), trj_envelope_page_get_n_alerts (page) == n);

  trj_file_chooser_set_hook (chooser_hook, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.prescriber-message", NULL));
  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  chooser = g_steal_pointer (&chooser_shown);
  file = g_file_new_for_path (pdf);
  trj_file_chooser_respond (chooser, file);
  TRJ_HARNESS_WAIT_FOR (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  /* Entry-weighted: March alone, 12 entries at 55 % and 21,5 h (20 h
   * programmed: 1,5 h, over the 1 h of the preferences too). */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[1], ==, "France Travail;PEC_CIE_TP;a;A;29;rate;0,5;0,55;0,05;0,02;3");
  g_assert_cmpstr (lines[2], ==, "France Travail;PEC_CIE_TP;a;A;29;weekly_hours;20;21,5;1,5;1;3");
  g_assert_cmpstr (lines[3], ==, "");
  trj_file_chooser_set_hook (NULL, NULL);
}

static void
test_frozen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree TrjActual *a = NULL;
  const char *message;

  g_assert_true (trj_workbook_mark_sent (workbook (), trj_document_get_scenario_id (trj_window_get_document (window)),
                                         TRJ_SENT_PROGRAMMATION, "2024-03-15", "", &error));
  g_assert_no_error (error);
  TRJ_HARNESS_WAIT_FOR (trj_actuals_window_get_banner (actuals) != NULL);
  g_assert_nonnull (strstr (trj_actuals_window_get_banner (actuals), "15/03/2024"));
  g_assert_false (type_in ("a", 2, TRJ_ACTUALS_COLUMN_ENTRIES, "20"));
  message = trj_grid_get_error_message (grid ());
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Lecture seule"));
  trj_grid_cancel_edit (grid ());
  a = stored ("a", 2);
  g_assert_cmpfloat (a->entries, ==, 12);
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "actuals-grid.png", NULL);

      trj_grid_handle_key (grid (), GDK_KEY_Escape, 0);
      trj_grid_set_cursor (grid (), (guint) trj_actuals_window_find_row (actuals, "a", 2), TRJ_ACTUALS_COLUMN_RATE);
      trj_harness_wait_painted (GTK_WIDGET (actuals));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (actuals), png, NULL));
    }
}

/* Escape from the grid: a refused value being typed goes first, then the window. */
static void
test_escape (void)
{
  g_assert_nonnull (actuals);
  trj_harness_present (GTK_WINDOW (actuals));
  g_assert_false (type_in ("a", 3, TRJ_ACTUALS_COLUMN_RATE, "abc"));
  g_assert_true (trj_grid_is_editing (grid ()));
  g_assert_true (trj_harness_press_key (GTK_WIDGET (grid ()), GDK_KEY_Escape, 0));
  g_assert_false (trj_grid_is_editing (grid ()));
  g_assert_true (toplevel_of_type (TRJ_TYPE_ACTUALS_WINDOW) == GTK_WINDOW (actuals));
  g_assert_true (trj_harness_press_key (GTK_WIDGET (grid ()), GDK_KEY_Escape, 0));
  TRJ_HARNESS_WAIT_FOR (toplevel_of_type (TRJ_TYPE_ACTUALS_WINDOW) == NULL);
  actuals = NULL;
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  json = g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", "landing-scenario.json", NULL);

  g_assert_true (g_file_get_contents (json, &text, NULL, &error));
  path = trj_harness_new_workbook_with ("Bretagne", text, "Programmation");
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/actuals-window/type", test_type);
  g_test_add_func ("/actuals-window/refused", test_refused);
  g_test_add_func ("/actuals-window/undo-and-paste", test_undo_and_paste);
  g_test_add_func ("/actuals-window/drift", test_drift);
  g_test_add_func ("/actuals-window/frozen", test_frozen);
  g_test_add_func ("/actuals-window/escape", test_escape);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
