/* test-year-window.c — the year after the programming in the real window (MODEL 8, 9)
 *
 * A Bretagne 2024 workbook with the scenario of tests/fixtures/actuals
 * (landing-scenario.json: PEC lines a, a2, a3 and CIE jeunes line b).
 * « Marquer comme transmis… » through its dialog (a bad date refused, the
 * kind, date and comment kept), the frozen scenario shown read only (banner,
 * actions off, a value typed in the grid refused with the store's French
 * message, the workbook unchanged), the history of versions sent and
 * « Dupliquer en scénario de travail »; actuals imported from a CSV through
 * the file chooser: a bad file refused whole with its row named, a good one
 * giving « données à fin juin » in the window's subtitle.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-file-chooser.h"
#include "trj-json.h"
#include "trj-lines-model.h"
#include "trj-year.h"

static TrjApplication *app;
static TrjWindow *window;
static GtkFileChooserNative *chooser_shown;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", name, NULL);
}

static TrjDocument *
document (void)
{
  return trj_window_get_document (window);
}

static TrjWorkbook *
workbook (void)
{
  return trj_document_get_workbook (document ());
}

/* The newest toplevel of that type, NULL when none. */
static GtkWindow *
toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  trj_harness_flush ();
}

static gboolean
action_enabled (const char *action)
{
  GtkWidget *button = trj_harness_find_action (GTK_WIDGET (window), action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static TrjEnvelopePage *
pec_page (void)
{
  trj_window_show_envelope (window, "PEC_CIE_TP");
  trj_harness_wait_painted (GTK_WIDGET (window));
  return TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
}

/* What a response button does: the response, then the dialog closed. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static AdwMessageDialog *
message_dialog (void)
{
  return ADW_MESSAGE_DIALOG (toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_send (void)
{
  TrjWorkbook *wb = workbook ();
  gint64 id = trj_document_get_scenario_id (document ());
  AdwMessageDialog *dialog;
  TrjGrid *grid;
  const TrjEnvelope *env;
  g_autoptr(TrjSentVersion) sent = NULL;

  g_assert_null (trj_window_get_banner_text (window));
  g_assert_true (action_enabled ("win.add-line"));
  activate ("win.mark-sent");
  dialog = message_dialog ();
  g_assert_nonnull (dialog);
  trj_harness_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Marquer comme transmis à la DGEFP");
  /* A date that is none: « Marquer comme transmis » off, said under the field. */
  gtk_editable_set_text (trj_send_dialog_get_date (GTK_WIDGET (dialog)), "31/02/2024");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));
  gtk_editable_set_text (trj_send_dialog_get_date (GTK_WIDGET (dialog)), "15/03/2024");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send"));
  g_assert_cmpuint (gtk_drop_down_get_selected (trj_send_dialog_get_kind (GTK_WIDGET (dialog))), ==,
                    TRJ_SENT_PROGRAMMATION);
  gtk_editable_set_text (trj_send_dialog_get_comment (GTK_WIDGET (dialog)), "Programmation initiale");
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "year-send-dialog.png", NULL);

      trj_harness_wait_painted (GTK_WIDGET (dialog));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (dialog), png, NULL));
    }
  respond (dialog, "send");
  TRJ_HARNESS_WAIT_FOR (message_dialog () == NULL);

  /* Frozen by the store; the window says so and turns its edits off. */
  g_assert_true (trj_workbook_is_frozen (wb, id));
  sent = trj_workbook_get_sent (wb, id, NULL);
  g_assert_cmpstr (sent->date, ==, "2024-03-15");
  g_assert_cmpstr (sent->comment, ==, "Programmation initiale");
  g_assert_cmpstr (trj_window_get_banner_text (window), ==,
                   "Version transmise à la DGEFP le 15/03/2024 (Programmation) : Programmation initiale. "
                   "Lecture seule : dupliquez-la en scénario de travail pour la modifier.");
  g_assert_false (action_enabled ("win.add-line"));
  g_assert_false (action_enabled ("win.solve"));
  g_assert_true (action_enabled ("win.scenario-duplicate"));

  /* A value typed in the grid is refused with the store's message. */
  grid = trj_envelope_page_get_lines_grid (pec_page ());
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  g_assert_true (trj_grid_start_editing (grid, "55"));
  g_assert_false (trj_grid_commit_edit (grid));
  g_assert_nonnull (strstr (trj_grid_get_error_message (grid), "a été transmis à la DGEFP le 15/03/2024"));
  trj_grid_cancel_edit (grid);
  env = trj_document_get_envelope (document (), "PEC_CIE_TP");
  g_assert_cmpfloat (((const TrjLine *) env->lines->pdata[0])->rate, ==, 0.5);
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "year-frozen.png", NULL);

      trj_harness_wait_painted (GTK_WIDGET (window));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (window), png, NULL));
    }
}

static void
test_history (void)
{
  TrjWorkbook *wb = workbook ();
  gint64 sent_id = trj_workbook_get_last_sent (wb);
  TrjSentWindow *history;
  gint64 copy;

  g_assert_cmpint (sent_id, !=, 0);
  activate ("win.sent-history");
  history = TRJ_SENT_WINDOW (toplevel_of_type (TRJ_TYPE_SENT_WINDOW));
  g_assert_nonnull (history);
  trj_harness_present (GTK_WINDOW (history));
  g_assert_cmpuint (trj_sent_window_get_n_versions (history), ==, 1);
  g_assert_cmpstr (trj_sent_window_get_row_text (history, 0), ==,
                   "Programmation — Version transmise à la DGEFP le 15/03/2024 (Programmation) : "
                   "Programmation initiale");
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "year-history.png", NULL);

      trj_harness_wait_painted (GTK_WIDGET (history));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (history), png, NULL));
    }

  /* « Dupliquer en scénario de travail »: a working copy, shown, editable. */
  copy = trj_sent_window_duplicate (history, 0);
  g_assert_cmpint (copy, !=, 0);
  trj_harness_flush ();
  g_assert_cmpint (trj_document_get_scenario_id (document ()), ==, copy);
  g_assert_false (trj_workbook_is_frozen (wb, copy));
  g_assert_true (trj_workbook_is_frozen (wb, sent_id));
  g_assert_null (trj_window_get_banner_text (window));
  g_assert_true (action_enabled ("win.add-line"));
  /* The history still lists the one version sent. */
  g_assert_cmpuint (trj_sent_window_get_n_versions (history), ==, 1);
  /* Escape closes it. */
  g_assert_true (trj_harness_press_key (GTK_WIDGET (history), GDK_KEY_Escape, 0));
  TRJ_HARNESS_WAIT_FOR (toplevel_of_type (TRJ_TYPE_SENT_WINDOW) == NULL);
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

static guint
n_actuals (void)
{
  g_autoptr(TrjActuals) actuals = trj_workbook_get_actuals (workbook (), NULL);

  g_assert_nonnull (actuals);
  return actuals->rows->len;
}

static void
test_actuals (void)
{
  g_autofree char *bad = fixture ("month-13.csv");
  g_autofree char *good = fixture ("good.csv");
  AdwMessageDialog *dialog;

  g_assert_cmpuint (n_actuals (), ==, 0);
  /* Month 13: refused whole, its row named, nothing stored. */
  activate ("win.import-actuals");
  answer_chooser (bad);
  TRJ_HARNESS_WAIT_FOR (message_dialog () != NULL);
  dialog = message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Le réalisé n’a pas été importé");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "ligne 3"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "13"));
  g_assert_cmpuint (n_actuals (), ==, 0);
  g_assert_cmpstr (trj_window_get_subtitle (window), ==, "Bretagne — 2024");
  respond (dialog, "close");
  TRJ_HARNESS_WAIT_FOR (message_dialog () == NULL);

  /* The good file: twelve rows to June, said in the subtitle. */
  activate ("win.import-actuals");
  answer_chooser (good);
  TRJ_HARNESS_WAIT_FOR (n_actuals () == 12);
  trj_harness_flush ();
  g_assert_cmpstr (trj_window_get_subtitle (window), ==, "Bretagne — 2024 — données à fin juin");
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), ==, "Importer le réalisé");
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
  json = fixture ("landing-scenario.json");

  g_assert_true (g_file_get_contents (json, &text, NULL, &error));
  path = trj_harness_new_workbook_with ("Bretagne", text, "Programmation");
  trj_file_chooser_set_hook (chooser_hook, NULL);
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/year-window/send", test_send);
  g_test_add_func ("/year-window/history", test_history);
  g_test_add_func ("/year-window/actuals", test_actuals);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
