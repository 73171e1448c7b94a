/* test-scenario-window.c — the scenario-level rules of issue 16 in the real
 * window: « Hypothèses » (the SMIC and RSA of the scenario, MODEL 7)
 *
 * A Bretagne 2024 workbook (the example scenario). With TRJ_SCREENSHOT_DIR
 * set, the dialogs are saved there as PNG (tests/screenshots).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-hypotheses-window.h"
#include "trj-test-util.h"

static TrjApplication *app;
static TrjWindow *window;

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

static void
screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("TRJ_SCREENSHOT_DIR");
  g_autofree char *png = NULL;

  if (dir == NULL)
    return;
  png = g_build_filename (dir, name, NULL);
  trj_harness_wait_painted (widget);
  g_assert_true (trj_harness_save_png (widget, png, NULL));
}

/* Types text into a field as a user does: focus, then the characters. */
static void
type_into (GtkEditable *field, const char *text)
{
  int position = 0;

  gtk_widget_grab_focus (GTK_WIDGET (field));
  gtk_editable_delete_text (field, 0, -1);
  gtk_editable_insert_text (field, text, -1, &position);
  trj_harness_flush ();
}

static double
pec_ae (void)
{
  return trj_document_get_envelope_result (document (), "PEC_CIE_TP")->f.ae_total;
}

/* A second SMIC revaluation typed in the window: 11,80 € from 1 July 2024. */
static void
test_hypotheses (void)
{
  TrjHypothesesWindow *dialog;
  const TrjScenario *sc;
  g_autofree char *defaults = NULL;
  double ae_before = pec_ae ();
  guint added;

  activate ("win.hypotheses");
  dialog = TRJ_HYPOTHESES_WINDOW (toplevel_of_type (TRJ_TYPE_HYPOTHESES_WINDOW));
  g_assert_nonnull (dialog);
  trj_harness_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Hypothèses");
  /* It fits a screen 800 px wide (it needed 846 with its headings on one line). */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 800);
  }
  /* The year's series beside; the scenario starts from it. */
  defaults = trj_test_plain_spaces (trj_hypotheses_window_get_default_text (dialog, TRJ_REFERENCE_SMIC_HOURLY));
  g_assert_cmpstr (defaults, ==, "11,27 € au 01/01/2023 ; 11,52 € au 01/05/2023 ; 11,65 € au 01/01/2024 ; "
                                 "11,88 € au 01/11/2024 ; 11,88 € au 01/01/2025");
  g_assert_cmpuint (trj_hypotheses_window_get_n_points (dialog, TRJ_REFERENCE_SMIC_HOURLY), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (trj_hypotheses_window_get_date (dialog, TRJ_REFERENCE_SMIC_HOURLY, 2)),
                   ==, "01/01/2024");
  g_assert_cmpstr (gtk_editable_get_text (trj_hypotheses_window_get_value (dialog, TRJ_REFERENCE_SMIC_HOURLY, 2)),
                   ==, "11,65");

  /* A date that is none: refused in French, nothing changes. */
  added = trj_hypotheses_window_add_point (dialog, TRJ_REFERENCE_SMIC_HOURLY);
  g_assert_cmpuint (added, ==, 5);
  /* The new date field has the keyboard. */
  TRJ_HARNESS_WAIT_FOR (gtk_window_get_focus (GTK_WINDOW (dialog)) != NULL
                        && gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                                   GTK_WIDGET (trj_hypotheses_window_get_date (dialog, TRJ_REFERENCE_SMIC_HOURLY, added))));
  type_into (trj_hypotheses_window_get_date (dialog, TRJ_REFERENCE_SMIC_HOURLY, added), "31/06/2024");
  type_into (trj_hypotheses_window_get_value (dialog, TRJ_REFERENCE_SMIC_HOURLY, added), "11,80");
  g_assert_false (trj_hypotheses_window_apply (dialog, NULL));
  g_assert_cmpstr (trj_hypotheses_window_get_message (dialog), ==,
                   "SMIC, point 6\u202f: «\u00a031/06/2024\u00a0» n’est pas une date (JJ/MM/AAAA, de 1900 à 2100).");
  g_assert_false (trj_document_get_scenario (document ())->overrides_smic);

  /* The right date, applied with the window's button. */
  type_into (trj_hypotheses_window_get_date (dialog, TRJ_REFERENCE_SMIC_HOURLY, added), "01/07/2024");
  gtk_widget_activate (GTK_WIDGET (trj_hypotheses_window_get_apply_button (dialog)));
  TRJ_HARNESS_WAIT_FOR (trj_document_get_scenario (document ())->overrides_smic);
  sc = trj_document_get_scenario (document ());
  g_assert_false (sc->overrides_rsa);
  g_assert_cmpuint (sc->reference.smic_hourly.n_points, ==, 6);
  g_assert_cmpint (sc->reference.smic_hourly.points[3].from, ==, 20240701);
  g_assert_cmpfloat (sc->reference.smic_hourly.points[3].value, ==, 11.8);
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), ==, "Modifier les hypothèses");
  screenshot (GTK_WIDGET (dialog), "hypotheses.png");
  /* The engine uses it: July to October now at 11,80 instead of 11,65. */
  g_assert_cmpfloat (pec_ae (), >, ae_before);
  /* Sorted by date in the window after the store's answer. */
  g_assert_cmpstr (gtk_editable_get_text (trj_hypotheses_window_get_date (dialog, TRJ_REFERENCE_SMIC_HOURLY, 3)),
                   ==, "01/07/2024");

  /* One undo: the year's series, the figures of before. */
  activate ("win.undo");
  TRJ_HARNESS_WAIT_FOR (!trj_document_get_scenario (document ())->overrides_smic);
  g_assert_cmpfloat (pec_ae (), ==, ae_before);
  g_assert_cmpuint (trj_hypotheses_window_get_n_points (dialog, TRJ_REFERENCE_SMIC_HOURLY), ==, 5);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/scenario-window/hypotheses", test_hypotheses);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
