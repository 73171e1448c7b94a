/* test-landing-window.c — « Atterrissage » in the real window (MODEL 8)
 *
 * A Bretagne 2024 workbook with the scenario of tests/fixtures/actuals
 * (landing-scenario.json) named « Programmation », and the actuals of
 * good.csv (to June). The figures are those computed by hand in
 * test-actuals.c (SMIC 10 €, 4 weeks a month, lag 0):
 *   a (PEC): 50 %, 20 h, 6 months, 10 a month: 2 400 € a contract, AE
 *     288 000 €; actuals 12 a month to June at 60 % (2 880 € a contract).
 *     Observed: 72 × 2 880 + 60 × 2 880 = 380 160 €; programmed: 72 × 2 880
 *     + 60 × 2 400 = 351 360 €. Volume effect 132 × 2 400 − 288 000 =
 *     28 800 €; rate 63 360 € (observed) or 34 560 € (programmed).
 *     CP: programmed 60 × 2 400 + 10 × 400 × 21 = 228 000 €; observed landing
 *     72 × 2 880 + 10 × 480 × 21 = 308 160 €, of which volume 28 800 €
 *     (72 × 2 400 + 84 000 − 228 000) and rate 51 360 €.
 *   b (CIE jeunes): 40 %, 25 h, 4 months, 5 a month: AE 96 000 €; actuals
 *     at 30 h and 5 months, and the ASP's 10 000 € of AE in March where the
 *     model gives 12 000 €. Observed: hours 60 × 320 = 19 200 €, duration
 *     60 × 480 = 28 800 €, execution gap −2 000 €: 142 000 €; programmed:
 *     9 600 €, 14 400 €, −2 000 €: 118 000 €.
 *   Envelopes: PEC et CIE tous publics 300 000 € available (margin −80 160 €
 *   observed, −51 360 € programmed), CIE jeunes 100 000 € (−42 000 €,
 *   −18 000 €).
 * The grid's shown texts are read; the causes shown add up to the total
 * shown on every row, in both projections, AE and CP.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-settings.h"
#include "trj-envelope-page.h"
#include "trj-lines-model.h"
#include "trj-chart-document.h"
#include "trj-charts-page.h"
#include "trj-presentation-window.h"
#include "trj-report.h"
#include "trj-format.h"
#include "trj-json.h"
#include "trj-landing.h"
#include "trj-year.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"
#define EUROS(s) s NBSP "€"

static TrjApplication *app;
static TrjWindow *window;

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

static TrjLandingWindow *
landing_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (TRJ_IS_LANDING_WINDOW (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return TRJ_LANDING_WINDOW (item);
    }
  return NULL;
}

static TrjLandingWindow *
open_landing (void)
{
  TrjLandingWindow *landing;

  g_assert_null (landing_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.landing", NULL));
  TRJ_HARNESS_WAIT_FOR (landing_window () != NULL);
  landing = landing_window ();
  trj_harness_present (GTK_WINDOW (landing));
  trj_harness_wait_painted (GTK_WIDGET (landing));
  return landing;
}

static void
close_landing (TrjLandingWindow *landing)
{
  /* Escape from its grid, as a planner leaves it. */
  g_assert_true (trj_harness_press_key (GTK_WIDGET (trj_landing_window_get_grid (landing)), GDK_KEY_Escape, 0));
  TRJ_HARNESS_WAIT_FOR (landing_window () == NULL);
}

/* The text the grid shows in a cell. */
static const char *
shown (TrjLandingWindow *landing, int row, TrjLandingColumn column)
{
  TrjGrid *grid = trj_landing_window_get_grid (landing);
  const char *text;

  g_assert_cmpint (row, >=, 0);
  trj_grid_set_cursor (grid, (guint) row, column);
  trj_harness_wait_painted (GTK_WIDGET (landing));
  text = trj_grid_get_displayed_text (grid, (guint) row, column);
  g_assert_nonnull (text);
  return text;
}

/* A toggle button activated as the keyboard does (Space, its mnemonic): a
 * button clicks once its activation has shown. */
static void
press (TrjLandingWindow *landing, const char *name)
{
  GtkToggleButton *button = trj_landing_window_get_toggle (landing, name);

  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (button)));
  TRJ_HARNESS_WAIT_FOR (gtk_toggle_button_get_active (button));
  trj_harness_wait_painted (GTK_WIDGET (landing));
}

static void
assert_shown (TrjLandingWindow *landing, int row, TrjLandingColumn column, const char *expected)
{
  g_assert_cmpstr (shown (landing, row, column), ==, expected);
}

static double
shown_amount (TrjLandingWindow *landing, int row, TrjLandingColumn column)
{
  double value = NAN;

  g_assert_true (trj_parse_number (shown (landing, row, column), &value));
  return value;
}

/* On every row: the causes shown add up to the total shown, which is the
 * landing shown minus the programmed shown. */
static void
assert_causes_add_up (TrjLandingWindow *landing)
{
  TrjGridModel *model = trj_grid_get_model (trj_landing_window_get_grid (landing));

  for (guint r = 0; r < trj_grid_model_get_n_rows (model); r++)
    {
      double sum = 0;

      for (guint c = TRJ_LANDING_COLUMN_VOLUME; c <= TRJ_LANDING_COLUMN_EXECUTION_GAP; c++)
        sum += shown_amount (landing, (int) r, c);
      g_assert_cmpfloat (sum, ==, shown_amount (landing, (int) r, TRJ_LANDING_COLUMN_TOTAL));
      g_assert_cmpfloat (shown_amount (landing, (int) r, TRJ_LANDING_COLUMN_LANDING)
                         - shown_amount (landing, (int) r, TRJ_LANDING_COLUMN_PROGRAMMED), ==,
                         shown_amount (landing, (int) r, TRJ_LANDING_COLUMN_TOTAL));
    }
}

static void
test_round (void)
{
  /* 1,4 + 1,4 + 1,2 = 4: floors 1 + 1 + 1, the euro left to the first 0,4. */
  const double values[] = { 1.4, 1.4, 1.2 };
  const double negative[] = { -0.6, 2.3, -0.0000001 };
  double rounded[3];

  trj_landing_round_to_total (values, 3, 4, rounded);
  g_assert_cmpfloat (rounded[0], ==, 2);
  g_assert_cmpfloat (rounded[1], ==, 1);
  g_assert_cmpfloat (rounded[2], ==, 1);
  /* −0,6 + 2,3 − 0 = 1,7, shown as 2: floors −1, 2, −1; the two euros left
   * go to the largest fractional parts, the almost-zero (0,99…) and −0,6
   * (0,4), not 2,3 (0,3). */
  trj_landing_round_to_total (negative, 3, 2, rounded);
  g_assert_cmpfloat (rounded[0], ==, 0);
  g_assert_cmpfloat (rounded[1], ==, 2);
  g_assert_cmpfloat (rounded[2], ==, 0);
}

static void
test_empty (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.landing");
  TrjLandingWindow *landing;

  /* Ctrl+L opens it, as the menu of the year does. */
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>l");
  landing = open_landing ();
  g_assert_true (trj_landing_window_is_empty (landing));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (landing)), ==, "Atterrissage");
  g_assert_cmpstr (trj_landing_window_get_subtitle (landing), ==, "");
  close_landing (landing);
}

/* The alert of a row's name cell (its drifts). */
static TrjGridAlert
name_alert (TrjGrid *grid, int row)
{
  g_autofree char *tooltip = NULL;

  return trj_grid_model_get_alert (trj_grid_get_model (grid), (guint) row, TRJ_LANDING_COLUMN_NAME, &tooltip);
}

static void
test_landing (void)
{
  g_autofree char *good = fixture ("good.csv");
  g_autoptr(GFile) file = g_file_new_for_path (good);
  g_autoptr(GError) error = NULL;
  TrjLandingWindow *landing;
  TrjGrid *grid;
  int pec, a, a2, cie, b;

  g_assert_cmpuint (trj_year_import_actuals (document (), file, &error), ==, 12);
  g_assert_no_error (error);
  landing = open_landing ();
  g_assert_false (trj_landing_window_is_empty (landing));
  /* It fits a screen 800 px wide: the amounts' toggles go under the
   * projection's (it needed 843 px with both on one row). */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (landing), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("the landing window needs %d px", minimum);
    g_assert_cmpint (minimum, <=, 800);
  }
  g_assert_cmpstr (trj_landing_window_get_subtitle (landing), ==,
                   "données à fin juin · référence : Programmation");
  g_assert_cmpint (trj_landing_window_get_projection (landing), ==, TRJ_PROJECTION_OBSERVED);
  grid = trj_landing_window_get_grid (landing);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (grid)) || gtk_widget_is_focus (GTK_WIDGET (grid))
                 || gtk_window_get_focus (GTK_WINDOW (landing)) != NULL);

  pec = trj_landing_window_find_row (landing, "PEC_CIE_TP", NULL);
  a = trj_landing_window_find_row (landing, "PEC_CIE_TP", "a");
  a2 = trj_landing_window_find_row (landing, "PEC_CIE_TP", "a2");
  cie = trj_landing_window_find_row (landing, "CIE_JEUNES", NULL);
  b = trj_landing_window_find_row (landing, "CIE_JEUNES", "b");
  g_assert_cmpint (pec, ==, 0);
  g_assert_cmpint (a, ==, 1);
  g_assert_cmpint (cie, ==, 4);
  g_assert_cmpint (b, ==, 5);
  g_assert_cmpuint (trj_grid_model_get_n_rows (trj_grid_get_model (grid)), ==, 6);

  /* AE, observed parameters. */
  assert_shown (landing, pec, TRJ_LANDING_COLUMN_NAME, "PEC et CIE tous publics");
  assert_shown (landing, a, TRJ_LANDING_COLUMN_NAME, "\u2003A (PEC, 29, France Travail)");
  assert_shown (landing, a, TRJ_LANDING_COLUMN_PROGRAMMED, EUROS ("288" NNBSP "000"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_LANDING, EUROS ("380" NNBSP "160"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_AVAILABLE, "");
  assert_shown (landing, a, TRJ_LANDING_COLUMN_VOLUME, EUROS ("28" NNBSP "800"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_RATE, EUROS ("63" NNBSP "360"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_HOURS, EUROS ("0"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_TOTAL, EUROS ("92" NNBSP "160"));
  assert_shown (landing, a2, TRJ_LANDING_COLUMN_TOTAL, EUROS ("0"));
  assert_shown (landing, pec, TRJ_LANDING_COLUMN_AVAILABLE, EUROS ("300" NNBSP "000"));
  assert_shown (landing, pec, TRJ_LANDING_COLUMN_LANDING, EUROS ("380" NNBSP "160"));
  assert_shown (landing, pec, TRJ_LANDING_COLUMN_MARGIN, EUROS ("-80" NNBSP "160"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_PROGRAMMED, EUROS ("96" NNBSP "000"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_VOLUME, EUROS ("0"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_HOURS, EUROS ("19" NNBSP "200"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_DURATION, EUROS ("28" NNBSP "800"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_COFINANCING, EUROS ("0"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_EXECUTION_GAP, EUROS ("-2" NNBSP "000"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_LANDING, EUROS ("142" NNBSP "000"));
  assert_shown (landing, cie, TRJ_LANDING_COLUMN_MARGIN, EUROS ("-42" NNBSP "000"));
  assert_causes_add_up (landing);
  {
    g_autofree char *tooltip = NULL;
    TrjGridModel *model = trj_grid_get_model (grid);

    /* Over its envelope: the landing cell says so; a's rate drifts. */
    g_assert_cmpint (trj_grid_model_get_alert (model, (guint) pec, TRJ_LANDING_COLUMN_LANDING, &tooltip), ==,
                     TRJ_GRID_ALERT_ERROR);
    g_assert_nonnull (strstr (tooltip, "380" NNBSP "160"));
    g_clear_pointer (&tooltip, g_free);
    g_assert_cmpint (trj_grid_model_get_alert (model, (guint) a, TRJ_LANDING_COLUMN_NAME, &tooltip), ==,
                     TRJ_GRID_ALERT_WARNING);
    g_assert_nonnull (strstr (tooltip, "60,0" NBSP "%"));
    g_clear_pointer (&tooltip, g_free);
    g_assert_cmpint (trj_grid_model_get_alert (model, (guint) a2, TRJ_LANDING_COLUMN_NAME, &tooltip), ==,
                     TRJ_GRID_ALERT_NONE);
    g_clear_pointer (&tooltip, g_free);
    g_assert_cmpint (name_alert (grid, b), ==,
                     TRJ_GRID_ALERT_WARNING);

    /* The user's tolerances (Préférences), not the defaults (issue 15): a's
     * rate (60 % against 50 %) no longer drifts at 15 points, b (30 h
     * against 25, 5 months against 4) at 6 h and 2 months; back at the
     * defaults, both do again. */
    {
      g_autoptr(GSettings) settings = trj_settings_new ();

      g_assert_nonnull (settings);
      g_settings_set_double (settings, "drift-tolerance-rate", 15);
      TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (landing),
                               name_alert (grid, a) == TRJ_GRID_ALERT_NONE);
      g_assert_cmpint (name_alert (grid, b), ==,
                       TRJ_GRID_ALERT_WARNING);
      g_settings_set_double (settings, "drift-tolerance-hours", 6);
      g_settings_set_double (settings, "drift-tolerance-duration", 2);
      TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (landing),
                               name_alert (grid, b) == TRJ_GRID_ALERT_NONE);
      g_settings_reset (settings, "drift-tolerance-rate");
      g_settings_reset (settings, "drift-tolerance-hours");
      g_settings_reset (settings, "drift-tolerance-duration");
      TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (landing),
                               name_alert (grid, a) == TRJ_GRID_ALERT_WARNING
                               && name_alert (grid, b) == TRJ_GRID_ALERT_WARNING);
    }
  }
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "year-landing.png", NULL);

      trj_grid_set_cursor (grid, (guint) a, TRJ_LANDING_COLUMN_LANDING);
      trj_harness_wait_painted (GTK_WIDGET (landing));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (landing), png, NULL));
    }

  /* Read only: nothing can be typed, the workbook is untouched. */
  trj_grid_set_cursor (grid, (guint) a, TRJ_LANDING_COLUMN_LANDING);
  if (trj_grid_start_editing (grid, "1"))
    {
      g_assert_false (trj_grid_commit_edit (grid));
      trj_grid_cancel_edit (grid);
    }
  assert_shown (landing, a, TRJ_LANDING_COLUMN_LANDING, EUROS ("380" NNBSP "160"));
  g_assert_cmpstr (trj_workbook_get_undo_label (workbook ()), ==, "Importer le réalisé");

  /* CP, by its toggle button. */
  press (landing, "cp");
  trj_harness_wait_painted (GTK_WIDGET (landing));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_PROGRAMMED, EUROS ("228" NNBSP "000"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_LANDING, EUROS ("308" NNBSP "160"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_VOLUME, EUROS ("28" NNBSP "800"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_RATE, EUROS ("51" NNBSP "360"));
  assert_shown (landing, cie, TRJ_LANDING_COLUMN_AVAILABLE, EUROS ("50" NNBSP "000"));
  assert_causes_add_up (landing);

  /* Programmed parameters after June, AE again. */
  press (landing, "programmed");
  press (landing, "ae");
  trj_harness_wait_painted (GTK_WIDGET (landing));
  g_assert_cmpint (trj_landing_window_get_projection (landing), ==, TRJ_PROJECTION_PROGRAMMED);
  assert_shown (landing, a, TRJ_LANDING_COLUMN_LANDING, EUROS ("351" NNBSP "360"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_VOLUME, EUROS ("28" NNBSP "800"));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_RATE, EUROS ("34" NNBSP "560"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_HOURS, EUROS ("9" NNBSP "600"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_DURATION, EUROS ("14" NNBSP "400"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_EXECUTION_GAP, EUROS ("-2" NNBSP "000"));
  assert_shown (landing, b, TRJ_LANDING_COLUMN_LANDING, EUROS ("118" NNBSP "000"));
  assert_shown (landing, pec, TRJ_LANDING_COLUMN_MARGIN, EUROS ("-51" NNBSP "360"));
  assert_shown (landing, cie, TRJ_LANDING_COLUMN_MARGIN, EUROS ("-18" NNBSP "000"));
  assert_causes_add_up (landing);
  press (landing, "cp");
  trj_harness_wait_painted (GTK_WIDGET (landing));
  assert_shown (landing, a, TRJ_LANDING_COLUMN_LANDING, EUROS ("291" NNBSP "360"));
  assert_causes_add_up (landing);

  /* The window follows the workbook: undoing the import empties it. */
  g_assert_true (trj_workbook_undo (workbook (), &error));
  g_assert_no_error (error);
  TRJ_HARNESS_WAIT_FOR (trj_landing_window_is_empty (landing));
  g_assert_true (trj_workbook_redo (workbook (), &error));
  TRJ_HARNESS_WAIT_FOR (!trj_landing_window_is_empty (landing));
  close_landing (landing);
}

/* The realised and projected chart: a kind of the charts page, in the
 * presentation, and pages of the report. */
static void
test_charts (void)
{
  TrjChartsPage *page;
  const TrjChartModel *model;
  const TrjChartSeries *projected;
  TrjPresentationWindow *presentation;
  g_autoptr(TrjReport) report = NULL;
  g_autoptr(TrjReport) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-charts", NULL));
  TRJ_HARNESS_WAIT_FOR (TRJ_IS_CHARTS_PAGE (trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME)));
  page = TRJ_CHARTS_PAGE (trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME));
  trj_charts_page_set_envelope (page, "PEC_CIE_TP");
  trj_charts_page_set_kind (page, TRJ_CHART_LANDING);
  TRJ_HARNESS_WAIT_FOR (trj_chart_view_get_model (trj_charts_page_get_view (page)) != NULL
                        && trj_chart_view_get_model (trj_charts_page_get_view (page))->kind == TRJ_CHART_LANDING);
  trj_harness_wait_painted (GTK_WIDGET (window));
  model = trj_chart_view_get_model (trj_charts_page_get_view (page));
  g_assert_cmpstr (model->title, ==, "Réalisé et atterrissage AE/CP — PEC et CIE tous publics");
  g_assert_cmpstr (model->mark_label, ==, "données à fin juin");
  projected = g_ptr_array_index (model->series, 1);
  g_assert_cmpfloat_with_epsilon (projected->values[11], 380160, 1e-6);
  g_assert_nonnull (trj_chart_view_get_layout (trj_charts_page_get_view (page)));
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "chart-atterrissage.png", NULL);

      g_assert_true (trj_harness_save_png (GTK_WIDGET (window), png, NULL));
    }

  presentation = trj_presentation_window_new (GTK_WINDOW (window), document (), "PEC_CIE_TP", TRJ_CHART_LANDING);
  g_assert_cmpint (trj_presentation_window_get_kind (presentation), ==, TRJ_CHART_LANDING);
  g_assert_cmpint (trj_chart_view_get_model (trj_presentation_window_get_view (presentation))->kind, ==,
                   TRJ_CHART_LANDING);
  gtk_window_destroy (GTK_WINDOW (presentation));

  /* The report: a landing page for each of the two envelopes with lines. */
  report = trj_chart_document_build_report (document (), &error);
  g_assert_no_error (error);
  name = trj_chart_document_scenario_name (document ());
  plain = trj_report_new (trj_document_get_scenario (document ()), name, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trj_report_get_n_pages (report), ==, trj_report_get_n_pages (plain) + 2);
  trj_charts_page_set_kind (page, TRJ_CHART_TRAJECTORY);
  trj_window_show_envelope (window, "PEC_CIE_TP");
}

/* « Reprogrammer » from the landing window: the new scenario shown, its
 * realised line refused in the grid with the store's message, one undo step. */
static void
test_reprogram (void)
{
  TrjWorkbook *wb = workbook ();
  gint64 programmation = trj_document_get_scenario_id (document ());
  TrjLandingWindow *landing = open_landing ();
  GtkButton *button = trj_landing_window_get_reprogram_button (landing);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  TrjGrid *grid;
  const TrjEnvelope *env;

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (button)));
  TRJ_HARNESS_WAIT_FOR (trj_document_get_scenario_id (document ()) != programmation);
  TRJ_HARNESS_WAIT_FOR (landing_window () == NULL);
  name = trj_workbook_get_scenario_name (wb, trj_document_get_scenario_id (document ()));
  g_assert_cmpstr (name, ==, "Programmation — reprogrammation à fin juin");
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Reprogrammer");
  env = trj_document_get_envelope (document (), "PEC_CIE_TP");
  g_assert_cmpstr (((const TrjLine *) env->lines->pdata[0])->id, ==, "a-realise");

  trj_window_show_envelope (window, "PEC_CIE_TP");
  trj_harness_wait_painted (GTK_WIDGET (window));
  grid = trj_envelope_page_get_lines_grid (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window)));
  trj_grid_set_cursor (grid, 0, trj_lines_model_find_column (TRJ_LINES_MODEL (trj_grid_get_model (grid)),
                                                             TRJ_LINES_COLUMN_RATE));
  g_assert_true (trj_grid_start_editing (grid, "55"));
  g_assert_false (trj_grid_commit_edit (grid));
  g_assert_nonnull (strstr (trj_grid_get_error_message (grid), "lecture seule"));
  trj_grid_cancel_edit (grid);
  env = trj_document_get_envelope (document (), "PEC_CIE_TP");
  g_assert_cmpfloat_with_epsilon (((const TrjLine *) env->lines->pdata[0])->rate, 0.6, 1e-12);
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "year-reprogrammation.png", NULL);
      graphene_point_t at = { 0, 0 }, before = { -1, -1 };

      /* The sidebar's slide ended: the grid stays where it is from a frame to the next. */
      while (before.x != at.x || before.y != at.y)
        {
          before = at;
          trj_harness_wait_painted (GTK_WIDGET (window));
          g_assert_true (gtk_widget_compute_point (GTK_WIDGET (grid), GTK_WIDGET (window),
                                                   &GRAPHENE_POINT_INIT (0, 0), &at));
        }
      g_assert_true (trj_harness_save_png (GTK_WIDGET (window), png, NULL));
    }

  /* One step: undone, the programming is shown again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  TRJ_HARNESS_WAIT_FOR (trj_workbook_find_scenario (wb, "Programmation — reprogrammation à fin juin") == 0);
  if (trj_document_get_scenario_id (document ()) != programmation)
    g_assert_true (trj_workbook_set_current_scenario (wb, programmation, &error));
  TRJ_HARNESS_WAIT_FOR (trj_document_get_scenario_id (document ()) == programmation);
}

/* GEIQ: the « prévisions d'atterrissage » from the hires to date
 * (fixtures/actuals/geiq-scenario.json and geiq.csv, test-landing-geiq):
 * 12 aids to June, 24 in December at the pace observed (33 600 €), 26 at
 * the programmed profile (36 400 €). */
static void
test_geiq (void)
{
  TrjWorkbook *wb = workbook ();
  gint64 programmation = trj_document_get_scenario_id (document ());
  g_autofree char *json = fixture ("geiq-scenario.json");
  g_autofree char *csv = fixture ("geiq.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_file (json, &error);
  TrjLandingWindow *landing;
  gint64 id;
  int row;

  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, s, "GEIQ", &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_current_scenario (wb, id, &error));
  TRJ_HARNESS_WAIT_FOR (trj_document_get_scenario_id (document ()) == id);
  g_assert_cmpuint (trj_year_import_actuals (document (), file, &error), ==, 6);
  g_assert_no_error (error);

  landing = open_landing ();
  g_assert_cmpstr (trj_landing_window_get_geiq_text (landing), ==,
                   "Prévisions d’atterrissage GEIQ, « GEIQ BTP » : 12 aides embauchées à fin juin, "
                   "24 aides en décembre (33" NNBSP "600" NBSP "€ d’AE).");
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "year-landing-geiq.png", NULL);

      trj_harness_wait_painted (GTK_WIDGET (landing));
      g_assert_true (trj_harness_save_png (GTK_WIDGET (landing), png, NULL));
    }
  row = trj_landing_window_find_row (landing, "GEIQ", "geiq-35");
  assert_shown (landing, row, TRJ_LANDING_COLUMN_LANDING, EUROS ("33" NNBSP "600"));
  assert_shown (landing, row, TRJ_LANDING_COLUMN_VOLUME, EUROS ("5" NNBSP "600"));
  press (landing, "programmed");
  g_assert_cmpstr (trj_landing_window_get_geiq_text (landing), ==,
                   "Prévisions d’atterrissage GEIQ, « GEIQ BTP » : 12 aides embauchées à fin juin, "
                   "26 aides en décembre (36" NNBSP "400" NBSP "€ d’AE).");
  assert_shown (landing, row, TRJ_LANDING_COLUMN_LANDING, EUROS ("36" NNBSP "400"));
  assert_causes_add_up (landing);
  close_landing (landing);

  /* Back to the programming, whose landing has no GEIQ line. */
  g_assert_true (trj_workbook_set_current_scenario (wb, programmation, &error));
  TRJ_HARNESS_WAIT_FOR (trj_document_get_scenario_id (document ()) == programmation);
  landing = open_landing ();
  g_assert_null (trj_landing_window_get_geiq_text (landing));
  close_landing (landing);
}

/* The reference is the last version sent, whatever scenario is shown. */
static void
test_reference (void)
{
  TrjWorkbook *wb = workbook ();
  gint64 sent = trj_document_get_scenario_id (document ());
  g_autoptr(GError) error = NULL;
  TrjLandingWindow *landing;
  gint64 copy;

  g_assert_true (trj_workbook_mark_sent (wb, sent, TRJ_SENT_PROGRAMMATION, "2024-03-15", "", &error));
  copy = trj_workbook_duplicate_scenario (wb, sent, "Travail", &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_current_scenario (wb, copy, &error));
  trj_harness_flush ();
  g_assert_cmpint (trj_landing_reference_id (document ()), ==, sent);
  landing = open_landing ();
  g_assert_cmpstr (trj_landing_window_get_subtitle (landing), ==,
                   "données à fin juin · référence : Programmation");
  close_landing (landing);
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
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/landing-window/round", test_round);
  g_test_add_func ("/landing-window/empty", test_empty);
  g_test_add_func ("/landing-window/landing", test_landing);
  g_test_add_func ("/landing-window/charts", test_charts);
  g_test_add_func ("/landing-window/reprogram", test_reprogram);
  g_test_add_func ("/landing-window/geiq", test_geiq);
  g_test_add_func ("/landing-window/reference", test_reference);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
