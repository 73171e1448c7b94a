/* test-window.c — the main window driven through its real widgets
 *
 * A Bretagne 2024 workbook in a temporary folder; values typed into the grids
 * (valid, French-formatted, invalid), keyboard navigation, a 3 × 4 TSV paste
 * undone in one step, the solver, the summary and fungibility, and a second,
 * read-only window. After each step both the workbook and the figures shown
 * are checked.
 *
 * Hand computation used below. A contract line with rate 50 %, 20 h a week,
 * a duration of 1 month and no cofinancing costs, for a contract entering in
 * month m, 0.5 × 20 × 52/12 × smic(m) = 43.333… × smic(m), with the 2024 SMIC
 * 11.65 € from January and 11.88 € from November. Twelve contracts spread
 * uniformly (one a month) commit 43.333… × (10 × 11.65 + 2 × 11.88) =
 * 43.333… × 140.26 = 6 077.93 € of AE; paid one month later, the December
 * cohort falls in 2025, so the CP of the year are 6 077.93 − 514.80 = 5 563.13 €.
 * AE is proportional to the volume: 24 contracts → 12 155.87 €, 36 → 18 233.80 €.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-scenario-item.h"
#include "trj-envelope-page.h"
#include "trj-lines-model.h"
#include "trj-entries-model.h"
#include "trj-solver-dialog.h"
#include "trj-note-dialog.h"
#include "trj-catalog.h"
#include "trj-gui-format.h"
#include "trj-chart-view.h"
#include "trj-summary-page.h"
#include "trj-tooltip.h"

/* ICU's French grouping (U+202F) and the space before € (U+00A0). */
#define NNBSP "\u202f"
#define NBSP "\u00a0"

#define AE_12 (0.5 * 20 * 52.0 / 12.0 * 140.26)   /* 6 077.93 € */

static TrjApplication *app;
static TrjWindow *window;
static char *workbook_path;

static TrjEnvelopePage *
pec_page (void)
{
  trj_window_show_envelope (window, "PEC_CIE_TP");
  return TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
}

static TrjGrid *
lines_grid (void)
{
  return trj_envelope_page_get_lines_grid (pec_page ());
}

static const TrjLine *
pec_line (guint index)
{
  const TrjEnvelope *env = trj_document_get_envelope (trj_window_get_document (window), "PEC_CIE_TP");

  g_assert_nonnull (env);
  g_assert_cmpuint (index, <, env->lines->len);
  return env->lines->pdata[index];
}

/* Types text into a cell of a grid the way a user does: cursor, type, Enter. */
static gboolean
type_cell (TrjGrid *grid, guint row, guint column, const char *text)
{
  trj_grid_set_cursor (grid, row, column);
  g_assert_true (trj_grid_start_editing (grid, text));
  return trj_grid_commit_edit (grid);
}

static void
assert_figure (const char *name, const char *expected)
{
  g_assert_cmpstr (trj_envelope_page_get_figure (pec_page (), name), ==, expected);
}

static void
assert_cell (TrjGrid *grid, guint row, guint column, const char *expected)
{
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, row, column), ==, expected);
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  trj_harness_flush ();
}

static gboolean
has_alert (TrjAlertCode code)
{
  const TrjResult *result = trj_document_get_result (trj_window_get_document (window));

  for (guint i = 0; i < result->n_alerts; i++)
    if (result->alerts[i].code == code)
      return TRUE;
  return FALSE;
}

static void
test_open (void)
{
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));

  g_assert_true (trj_window_has_workbook (window));
  g_assert_cmpstr (trj_workbook_get_region (wb), ==, "Bretagne");
  /* The 2024 notification for Bretagne: PEC 6 813 468 € AE, 3 259 524 € CP, 1 236 contracts. */
  assert_figure ("ae-notified", "6" NNBSP "813" NNBSP "468" NBSP "€");
  assert_figure ("cp-notified", "3" NNBSP "259" NNBSP "524" NBSP "€");
  g_assert_cmpfloat (pec_line (0)->rate, ==, 0.5);
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 1236);
  assert_cell (lines_grid (), 0, TRJ_LINES_COLUMN_VOLUME, "1" NNBSP "236");
  assert_cell (lines_grid (), 0, TRJ_LINES_COLUMN_RATE, "50,0" NBSP "%");
  /* A new workbook starts on its calibrated profile (MODEL 2.7), inside its CP. */
  g_assert_true (pec_line (0)->has_profile);
  g_assert_cmpfloat (pec_line (0)->profile[0], <, pec_line (0)->profile[11]);
  g_assert_false (has_alert (TRJ_ALERT_CP_OVER_ENVELOPE));
}

/* « Caler le profil sur les CP notifiés » from the monthly grid's menu: back
 * inside the CP after a uniform spread, the volume kept, one undo step. */
static void
test_calibrate_profile (void)
{
  TrjEnvelopePage *page = pec_page ();
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  gint64 scenario = trj_document_get_scenario_id (trj_window_get_document (window));
  const TrjResult *result;
  double ramp[TRJ_MONTHS], slope;
  gboolean reached = FALSE;

  /* Spread evenly, the model pays more CP than notified (MODEL 2.7). */
  g_assert_true (trj_workbook_reset_line_months (wb, scenario, "pec", TRJ_LINE_MONTHS_PROFILE, NULL));
  trj_harness_flush ();
  g_assert_false (pec_line (0)->has_profile);
  g_assert_true (has_alert (TRJ_ALERT_CP_OVER_ENVELOPE));
  g_assert_cmpstr (trj_envelope_page_get_figure (page, "cp-margin-detail"), !=, "");

  /* What the engine finds is what the action writes. */
  g_assert_true (trj_engine_calibrate_profile (trj_document_get_scenario (trj_window_get_document (window)),
                                               "PEC_CIE_TP", &slope, &reached, NULL));
  g_assert_true (reached);
  g_assert_cmpfloat (slope, >, 0);
  trj_profile_ramp (slope, ramp);

  trj_envelope_page_show_entries (page, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "envelope.calibrate-profile", NULL));
  trj_harness_flush ();
  g_assert_true (pec_line (0)->has_profile);
  g_assert_cmpint (pec_line (0)->entries_mode, ==, TRJ_ENTRIES_VOLUME);
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_assert_cmpfloat_with_epsilon (pec_line (0)->profile[m], ramp[m], 1e-12);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (0)), 1236, 1e-9);
  g_assert_false (has_alert (TRJ_ALERT_CP_OVER_ENVELOPE));
  result = trj_document_get_result (trj_window_get_document (window));
  g_assert_cmpfloat (result->envelopes[0].cp_margin, >=, 0);
  g_assert_cmpfloat (result->envelopes[0].cp_margin, <, 1);
  g_assert_cmpstr (trj_envelope_page_get_figure (page, "cp-margin-detail"), ==, "");
  /* The tests run in French (TRAJECTOIRE_LOCALEDIR). */
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Caler le profil sur les CP notifiés");

  /* One undo step back to the uniform spread, which the next tests start from. */
  activate ("win.undo");
  g_assert_false (pec_line (0)->has_profile);
  g_assert_true (has_alert (TRJ_ALERT_CP_OVER_ENVELOPE));
  trj_envelope_page_show_entries (page, FALSE);
}

static void
test_type (void)
{
  TrjGrid *grid = lines_grid ();

  /* French input: grouped thousands, decimal comma, percentages. */
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_VOLUME, "1 234"));
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 1234);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_RATE, "0,45"));
  g_assert_cmpfloat_with_epsilon (pec_line (0)->rate, 0.45, 1e-12);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_RATE, "50,5"));
  g_assert_cmpfloat_with_epsilon (pec_line (0)->rate, 0.505, 1e-12);
  assert_cell (grid, 0, TRJ_LINES_COLUMN_RATE, "50,5" NBSP "%");

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_VOLUME, "12"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_RATE, "50 %"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_HOURS, "20"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_DURATION, "1"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_COFINANCING, "0"));

  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 12);
  g_assert_cmpfloat (pec_line (0)->rate, ==, 0.5);
  g_assert_cmpfloat (pec_line (0)->weekly_hours, ==, 20);
  g_assert_cmpfloat (pec_line (0)->duration_months, ==, 1);
  g_assert_cmpfloat (pec_line (0)->cofinanced_share, ==, 0);

  /* Figures are up to date as soon as the edit returns, before any frame. */
  assert_figure ("ae-programmed", "6" NNBSP "078" NBSP "€");
  /* 6 813 468 − 6 077.93 */
  assert_figure ("ae-margin", "6" NNBSP "807" NNBSP "390" NBSP "€");
  assert_figure ("cp-programmed", "5" NNBSP "563" NBSP "€");
  assert_cell (grid, 0, TRJ_LINES_COLUMN_AE, "6" NNBSP "078" NBSP "€");
  assert_cell (grid, 0, TRJ_LINES_COLUMN_CP, "5" NNBSP "563" NBSP "€");
  /* 6 077.93 / 12 */
  assert_cell (grid, 0, TRJ_LINES_COLUMN_AE_PER_CONTRACT, "506" NBSP "€");
  /* A duration of 1 month is outside the circular's 6–12 months: an alert, not a
   * refusal, on the cell (with the range in its tooltip), on the line's label,
   * and under the envelope's figures. */
  {
    g_autofree char *tooltip = NULL;
    g_autofree char *label_tooltip = NULL;
    g_autofree char *rate_tooltip = NULL;
    TrjGridModel *model = trj_grid_get_model (grid);

    g_assert_cmpint (trj_grid_model_get_alert (model, 0, TRJ_LINES_COLUMN_DURATION, &tooltip), ==,
                     TRJ_GRID_ALERT_WARNING);
    g_assert_nonnull (strstr (tooltip, "12"));
    g_assert_cmpint (trj_grid_model_get_alert (model, 0, TRJ_LINES_COLUMN_LABEL, &label_tooltip), ==,
                     TRJ_GRID_ALERT_WARNING);
    g_assert_nonnull (strstr (label_tooltip, tooltip));
    g_assert_cmpint (trj_grid_model_get_alert (model, 0, TRJ_LINES_COLUMN_RATE, &rate_tooltip), ==,
                     TRJ_GRID_ALERT_NONE);
  }
  g_assert_cmpuint (trj_envelope_page_get_n_alerts (pec_page ()), >, 0);
}

static void
test_invalid (void)
{
  TrjGrid *grid = lines_grid ();

  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_RATE, "150 %"));
  g_assert_nonnull (trj_grid_get_error_message (grid));
  trj_grid_cancel_edit (grid);
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_HOURS, "vingt"));
  g_assert_nonnull (trj_grid_get_error_message (grid));
  trj_grid_cancel_edit (grid);
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_DURATION, "0"));
  trj_grid_cancel_edit (grid);
  /* Delete on a rate has nothing to leave: refused, with the reason. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  g_assert_false (trj_grid_clear_selection (grid, NULL));

  /* Nothing changed. */
  g_assert_cmpfloat (pec_line (0)->rate, ==, 0.5);
  g_assert_cmpfloat (pec_line (0)->weekly_hours, ==, 20);
  g_assert_cmpfloat (pec_line (0)->duration_months, ==, 1);
  assert_figure ("ae-programmed", "6" NNBSP "078" NBSP "€");
}

static void
test_keys (void)
{
  TrjGrid *grid = lines_grid ();
  guint row, column;

  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Right, 0));
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (column, ==, TRJ_LINES_COLUMN_HOURS);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Tab, GDK_CONTROL_MASK));
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (column, ==, TRJ_LINES_COLUMN_DURATION);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Home, GDK_CONTROL_MASK));
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpuint (column, ==, 0);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_End, GDK_CONTROL_MASK));
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (column, ==, TRJ_N_LINES_COLUMNS - 1);

  /* Delete empties the payment lag (no lag), one undo step. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LAG);
  g_assert_true (trj_grid_clear_selection (grid, NULL));
  g_assert_cmpint (pec_line (0)->payment_lag_months, ==, 0);
  activate ("win.undo");
  g_assert_cmpint (pec_line (0)->payment_lag_months, ==, 1);

  /* Typing over a cell then Enter commits, as in a spreadsheet. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LAG);
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_2, 0));
  g_assert_true (trj_grid_is_editing (grid));
  g_assert_true (trj_grid_commit_edit (grid));
  g_assert_cmpint (pec_line (0)->payment_lag_months, ==, 2);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_LAG, "1"));
}

static void
test_paste_undo (void)
{
  TrjGrid *grid;
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));

  /* Insert adds a line after the cursor; twice makes three lines. */
  trj_grid_set_cursor (lines_grid (), 0, 0);
  activate ("win.add-line");
  activate ("win.add-line");
  grid = lines_grid ();
  g_assert_cmpuint (trj_grid_model_get_n_rows (trj_grid_get_model (grid)), ==, 3);
  g_assert_true (type_cell (grid, 1, TRJ_LINES_COLUMN_COFINANCING, "0"));
  g_assert_true (type_cell (grid, 2, TRJ_LINES_COLUMN_COFINANCING, "0"));

  /* A 3 × 4 block from a spreadsheet: volume, rate, hours, duration. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  g_assert_true (trj_grid_paste_text (grid, "24\t50 %\t20\t1\n12\t0,5\t20\t1\n36\t50\t20\t1\n", NULL));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (pec_line (i)->rate, ==, 0.5);
      g_assert_cmpfloat (pec_line (i)->weekly_hours, ==, 20);
      g_assert_cmpfloat (pec_line (i)->duration_months, ==, 1);
    }
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 24);
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, 12);
  g_assert_cmpfloat (trj_line_volume (pec_line (2)), ==, 36);
  /* 6 × 6 077.93 */
  assert_figure ("ae-programmed", "36" NNBSP "468" NBSP "€");
  assert_cell (grid, 0, TRJ_LINES_COLUMN_AE, "12" NNBSP "156" NBSP "€");
  assert_cell (grid, 2, TRJ_LINES_COLUMN_AE, "18" NNBSP "234" NBSP "€");

  /* One undo step takes the whole paste back. */
  activate ("win.undo");
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 12);
  g_assert_cmpfloat (pec_line (1)->weekly_hours, !=, 20);
  /* The two new lines have no entries yet: only line 0's 12 contracts remain. */
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, 0);
  assert_figure ("ae-programmed", "6" NNBSP "078" NBSP "€");
  g_assert_true (trj_workbook_can_redo (wb));
  activate ("win.redo");
  assert_figure ("ae-programmed", "36" NNBSP "468" NBSP "€");

  /* Monthly entries: the same lines, one column per month. */
  trj_envelope_page_show_entries (pec_page (), TRUE);
  grid = trj_envelope_page_get_entries_grid (pec_page ());
  assert_cell (grid, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH, "2");
  assert_cell (grid, 3, TRJ_ENTRIES_COLUMN_TOTAL, "72");
  g_assert_true (type_cell (grid, 1, TRJ_ENTRIES_COLUMN_FIRST_MONTH, "3"));
  g_assert_cmpfloat (pec_line (1)->entries[0], ==, 3);
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, 14);
  activate ("win.undo");
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, 12);
  trj_envelope_page_show_entries (pec_page (), FALSE);
}

static void
test_solver (void)
{
  TrjSolverDialog *dialog;
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  g_autoptr(GError) error = NULL;

  /* Line 0 at 24 contracts, lines 1 and 2 at 12 and 36: the envelope's AE is
   * (V + 48) / 12 × 6 077.93; 7 × 6 077.93 needs V = 36. */
  trj_grid_set_cursor (lines_grid (), 0, TRJ_LINES_COLUMN_VOLUME);
  dialog = TRJ_SOLVER_DIALOG (trj_envelope_page_solve (pec_page ()));
  g_assert_nonnull (dialog);
  trj_solver_dialog_set_unknown (dialog, TRJ_UNKNOWN_VOLUME);
  trj_solver_dialog_set_target (dialog, 7 * AE_12);
  g_assert_true (trj_solver_dialog_has_solution (dialog));
  /* Whole contracts (MODEL 2.4): exactly 36, shown without decimals. */
  g_assert_cmpfloat (trj_solver_dialog_get_value (dialog), ==, 36);
  g_assert_nonnull (strstr (trj_solver_dialog_get_value_text (dialog), " 36" NBSP "contrats"));

  /* Out of reach: no rate up to 100 % gives 1 000 M€. */
  trj_solver_dialog_set_unknown (dialog, TRJ_UNKNOWN_RATE);
  trj_solver_dialog_set_target (dialog, 1e9);
  g_assert_false (trj_solver_dialog_has_solution (dialog));
  g_assert_nonnull (strstr (trj_solver_dialog_get_detail_text (dialog), "100,0"));
  g_assert_false (trj_solver_dialog_apply (dialog, &error));
  g_clear_error (&error);

  trj_solver_dialog_set_unknown (dialog, TRJ_UNKNOWN_VOLUME);
  trj_solver_dialog_set_target (dialog, 7 * AE_12);
  g_assert_true (trj_solver_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (0)), 36, 1e-4);
  /* 7 × 6 077.93 = 42 545.53 */
  assert_figure ("ae-programmed", "42" NNBSP "546" NBSP "€");

  /* One step: undo gives back 24 contracts. */
  activate ("win.undo");
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 24);
  assert_figure ("ae-programmed", "36" NNBSP "468" NBSP "€");
  g_assert_true (trj_workbook_can_redo (wb));
}

/* « Ajuster sur l'enveloppe… » through its action: every volume times one
 * factor. Lines at 24, 12 and 36 contracts (72): 8 × 6 077,93 € needs 96
 * contracts, × 4/3: 32, 16 and 48, whole; applied as one undo step. */
static void
test_solver_envelope (void)
{
  TrjSolverDialog *dialog = NULL;
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  g_autoptr(GError) error = NULL;
  g_autofree char *target_text = NULL, *previewed = NULL, *applied = NULL;

  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 24);
  activate ("win.solve-envelope");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (TRJ_IS_SOLVER_DIALOG (item))
        dialog = TRJ_SOLVER_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  trj_harness_wait_painted (GTK_WIDGET (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Ajuster sur l’enveloppe");

  trj_solver_dialog_set_unknown (dialog, TRJ_UNKNOWN_VOLUME);
  trj_solver_dialog_set_target (dialog, 8 * AE_12);
  g_assert_true (trj_solver_dialog_has_solution (dialog));
  g_test_message ("%s / %s", trj_solver_dialog_get_value_text (dialog), trj_solver_dialog_get_detail_text (dialog));
  /* 4/3 to a millionth: the lines' months are not all alike, and whole
   * monthly entries move a fraction of a contract between months. */
  g_assert_cmpfloat_with_epsilon (trj_solver_dialog_get_value (dialog), 4.0 / 3, 1e-6);
  g_assert_nonnull (strstr (trj_solver_dialog_get_value_text (dialog), "× 1,333"));
  g_assert_nonnull (strstr (trj_solver_dialog_get_value_text (dialog), "96" NBSP "contrats"));
  target_text = trj_gui_money (8 * AE_12);
  g_assert_nonnull (strstr (trj_solver_dialog_get_detail_text (dialog), target_text));
  previewed = g_strdup (trj_solver_dialog_get_detail_text (dialog));

  /* Out of reach: the dialog says so and applies nothing. */
  trj_solver_dialog_set_unknown (dialog, TRJ_UNKNOWN_RATE);
  trj_solver_dialog_set_target (dialog, 1e9);
  g_assert_false (trj_solver_dialog_has_solution (dialog));
  g_assert_cmpstr (trj_solver_dialog_get_value_text (dialog), ==, "Aucune solution");
  g_assert_false (trj_solver_dialog_apply (dialog, &error));
  g_clear_error (&error);

  trj_solver_dialog_set_unknown (dialog, TRJ_UNKNOWN_VOLUME);
  trj_solver_dialog_set_target (dialog, 8 * AE_12);
  g_assert_true (trj_solver_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (pec_line (0)->volume, ==, 32);
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, 16);
  g_assert_cmpfloat (trj_line_volume (pec_line (2)), ==, 48);
  /* What is previewed is what is applied: the envelope's programmed AE
   * after applying is the one the preview showed, at most the target. */
  applied = g_strdup_printf ("l’enveloppe %s (cible", trj_envelope_page_get_figure (pec_page (), "ae-programmed"));
  g_test_message ("applied: %s", applied);
  g_assert_nonnull (strstr (previewed, applied));
  g_assert_cmpfloat (trj_document_get_result (trj_window_get_document (window))->envelopes[0].f.ae_total, <=, 8 * AE_12);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Ajuster sur l’enveloppe");

  /* One step takes the three lines back. */
  activate ("win.undo");
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 24);
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, 12);
  g_assert_cmpfloat (trj_line_volume (pec_line (2)), ==, 36);
  assert_figure ("ae-programmed", "36" NNBSP "468" NBSP "€");
}

/* The item labelled `label` in a menu or one of its sections and submenus. */
static gboolean
menu_has_label (GMenuModel *menu, const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text)
          && g_str_equal (text, label))
        return TRUE;
      if (section != NULL && menu_has_label (section, label))
        return TRUE;
      if (submenu != NULL && menu_has_label (submenu, label))
        return TRUE;
    }
  return FALSE;
}

/* The menu button under root whose menu has an item or section `label` (the
 * « Répartition » menu, not the « DDETS » one before it), NULL if none. */
static GtkMenuButton *
find_menu_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) != NULL
      && menu_has_label (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)), label))
    return GTK_MENU_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* « Enregistrer le profil de la ligne… » through its dialog, then the saved
 * profile in the « Répartition » menu applied to another line (one step). */
/* The open message dialog whose heading is `heading`, or NULL. */
static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (item)), heading) == 0)
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

/* The first descendant of `root` (depth first) with the CSS class. */
static GtkWidget *
find_descendant_with_css_class (GtkWidget *root, const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_descendant_with_css_class (child, css_class)) != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the response button of a message dialog labelled `label` (with its
 * mnemonic), as the user does: the dialog then closes itself. */
static void
click_response (AdwMessageDialog *dialog, const char *label)
{
  GtkWidget *stack[64];
  guint n = 0;

  stack[n++] = GTK_WIDGET (dialog);
  while (n > 0)
    {
      GtkWidget *widget = stack[--n];

      /* libadwaita lays the responses out twice (in a row, in a column): the shown one. */
      if (GTK_IS_BUTTON (widget) && gtk_widget_is_drawable (widget)
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
        {
          g_assert_true (gtk_widget_activate (widget));
          return;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && n < G_N_ELEMENTS (stack);
           child = gtk_widget_get_next_sibling (child))
        stack[n++] = child;
    }
  g_error ("no button « %s » in the dialog", label);
}

/* « Note de la ligne » (Ctrl+Alt+C): a text of several lines saved as one
 * undo step, the label cell marked with it, a text over the limit refused
 * before anything is lost, « Supprimer la note » taking it away. */
static void
test_line_note (void)
{
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  TrjGrid *grid = lines_grid ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (gtk_window_get_application (GTK_WINDOW (window)),
                                                                "win.line-note");
  const char *note = "Convention signée le 12/01 avec la Mission locale.\nÀ revoir en juin ; « priorité QPV ».";
  g_autofree char *too_long = g_strnfill (TRJ_CATALOG_MAX_TEXT + 1, 'x');
  AdwMessageDialog *dialog;
  GtkTextView *view;
  GtkWidget *message;

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control><Alt>c");
  g_assert_null (pec_line (1)->note);
  trj_grid_set_cursor (grid, 1, TRJ_LINES_COLUMN_VOLUME);

  /* The grid's context menu (Maj+F10, the Menu key, a right click) offers it. */
  {
    GtkPopover *menu = trj_grid_get_context_menu (grid);

    g_assert_nonnull (menu);
    g_assert_true (menu_has_label (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), "_Note de la ligne…"));
    g_assert_true (menu_has_label (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), "_Dupliquer la ligne"));
    g_assert_true (trj_grid_handle_key (grid, GDK_KEY_F10, GDK_SHIFT_MASK));
    TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (menu)));
    gtk_popover_popdown (menu);
    TRJ_HARNESS_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (menu)));
    g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Menu, 0));
    TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (menu)));
    gtk_popover_popdown (menu);
    TRJ_HARNESS_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (menu)));
    /* The keyboard back in the grid once the menu is gone. */
    TRJ_HARNESS_WAIT_FOR (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (grid)));
  }
  activate ("win.line-note");
  dialog = find_message_dialog ("Note de la ligne");
  g_assert_nonnull (dialog);
  trj_harness_wait_painted (GTK_WIDGET (dialog));
  view = trj_note_dialog_get_text_view (GTK_WINDOW (dialog));
  /* The keyboard in the text, ready to type. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == GTK_WIDGET (view));
  g_assert_false (adw_message_dialog_has_response (dialog, "remove"));
  message = find_descendant_with_css_class (adw_message_dialog_get_extra_child (dialog), "error");
  g_assert_nonnull (message);

  /* Too long: Enregistrer greyed and the reason shown, then typed shorter. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), too_long, -1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "trop longue"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), note, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_false (gtk_widget_get_visible (message));
  click_response (dialog, "_Enregistrer");
  TRJ_HARNESS_WAIT_FOR (find_message_dialog ("Note de la ligne") == NULL);

  g_assert_cmpstr (pec_line (1)->note, ==, note);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier la note");
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_true (gtk_widget_has_css_class (trj_grid_get_cell_widget (grid, 1, TRJ_LINES_COLUMN_LABEL), "has-note"));
  g_assert_false (gtk_widget_has_css_class (trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_LABEL), "has-note"));
  g_assert_false (gtk_widget_has_css_class (trj_grid_get_cell_widget (grid, 1, TRJ_LINES_COLUMN_VOLUME), "has-note"));
  {
    g_autofree char *shown = trj_grid_model_get_note (trj_grid_get_model (grid), 1, TRJ_LINES_COLUMN_LABEL);

    g_assert_cmpstr (shown, ==, note);
  }

  /* Opened again: the note in it, « Supprimer la note » offered and taking it away. */
  activate ("win.line-note");
  dialog = find_message_dialog ("Note de la ligne");
  g_assert_nonnull (dialog);
  view = trj_note_dialog_get_text_view (GTK_WINDOW (dialog));
  {
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
    shown = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, note);
  }
  g_assert_true (adw_message_dialog_has_response (dialog, "remove"));
  click_response (dialog, "_Supprimer la note");
  TRJ_HARNESS_WAIT_FOR (find_message_dialog ("Note de la ligne") == NULL);
  g_assert_null (pec_line (1)->note);
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_false (gtk_widget_has_css_class (trj_grid_get_cell_widget (grid, 1, TRJ_LINES_COLUMN_LABEL), "has-note"));

  /* Cancelled: nothing changes. */
  activate ("win.undo");
  g_assert_cmpstr (pec_line (1)->note, ==, note);
  activate ("win.line-note");
  dialog = find_message_dialog ("Note de la ligne");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (trj_note_dialog_get_text_view (GTK_WINDOW (dialog))), "autre", -1);
  click_response (dialog, "_Annuler");
  TRJ_HARNESS_WAIT_FOR (find_message_dialog ("Note de la ligne") == NULL);
  g_assert_cmpstr (pec_line (1)->note, ==, note);
  activate ("win.undo");
  g_assert_null (pec_line (1)->note);
}

static void
test_saved_profiles (void)
{
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  AdwMessageDialog *dialog = NULL;
  GtkMenuButton *menu_button;
  const TrjSavedProfile *saved;
  double source[TRJ_MONTHS], volume;
  TrjGrid *grid;

  static const double autumn[TRJ_MONTHS] = { 0, 0, 6, 6, 0, 0, 0, 0, 12, 12, 0, 0 };
  g_autoptr(GError) error = NULL;

  /* Line 2's 36 contracts in spring and autumn: a profile no other line has. */
  g_assert_cmpfloat (trj_line_volume (pec_line (2)), ==, 36);
  g_assert_true (trj_workbook_set_line_months (wb, trj_document_get_scenario_id (trj_window_get_document (window)),
                                               pec_line (2)->id, TRJ_LINE_MONTHS_ENTRIES, autumn, &error));
  g_assert_no_error (error);
  trj_envelope_page_show_entries (pec_page (), TRUE);
  grid = trj_envelope_page_get_entries_grid (pec_page ());
  trj_grid_set_cursor (grid, 2, TRJ_ENTRIES_COLUMN_FIRST_MONTH);
  memcpy (source, pec_line (2)->entries, sizeof source);
  g_assert_cmpmem (source, sizeof source, autumn, sizeof autumn);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pec_page ()), "envelope.save-profile", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        dialog = ADW_MESSAGE_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  trj_harness_wait_painted (GTK_WIDGET (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Enregistrer le profil");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Rentrée 29");
  adw_message_dialog_response (dialog, "save");

  g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 1);
  saved = g_ptr_array_index (trj_workbook_get_profiles (wb), 0);
  g_assert_cmpstr (saved->name, ==, "Rentrée 29");
  g_assert_cmpmem (saved->weights, sizeof saved->weights, source, sizeof source);
  menu_button = find_menu_button (GTK_WIDGET (pec_page ()), "Profils enregistrés");
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_label (gtk_menu_button_get_menu_model (menu_button), "Rentrée 29"));
  g_assert_true (menu_has_label (gtk_menu_button_get_menu_model (menu_button), "Profils enregistrés"));

  /* Applied to line 1: its volume kept, its months in the saved proportions. */
  volume = trj_line_volume (pec_line (1));
  trj_grid_set_cursor (grid, 1, TRJ_ENTRIES_COLUMN_FIRST_MONTH);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pec_page ()), "envelope.apply-saved-profile",
                                             "s", "Rentrée 29"));
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (1)), volume, 1e-9);
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_assert_cmpfloat_with_epsilon (pec_line (1)->entries[m], volume * source[m] / trj_line_volume (pec_line (2)), 1e-9);
  g_assert_cmpfloat (pec_line (1)->entries[0], ==, 0);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Appliquer un profil");
  activate ("win.undo");
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, volume);
  g_assert_cmpfloat (pec_line (1)->entries[0], !=, 0);
  activate ("win.undo");

  /* « Renommer ou supprimer les profils enregistrés… »: a refused name keeps
   * the saved one and says why; renamed, the menu follows; deleted after the
   * question, the menu loses it and its own item. */
  g_assert_true (menu_has_label (gtk_menu_button_get_menu_model (menu_button),
                                 "Renommer ou supprimer les profils enregistrés…"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pec_page ()), "envelope.manage-profiles", NULL));
  dialog = find_message_dialog ("Profils enregistrés");
  g_assert_nonnull (dialog);
  trj_harness_wait_painted (GTK_WIDGET (dialog));
  {
    GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
    AdwEntryRow *row = ADW_ENTRY_ROW (trj_harness_find_type (extra, ADW_TYPE_ENTRY_ROW));
    GtkWidget *message = find_descendant_with_css_class (extra, "error");
    GtkWidget *trash;
    AdwMessageDialog *confirm;

    g_assert_nonnull (row);
    g_assert_nonnull (message);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Rentrée 29");
    gtk_editable_set_text (GTK_EDITABLE (row), "   ");
    g_signal_emit_by_name (row, "apply");
    g_assert_true (gtk_widget_get_visible (message));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, "Le profil doit avoir un nom.");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Rentrée 29");
    saved = g_ptr_array_index (trj_workbook_get_profiles (wb), 0);
    g_assert_cmpstr (saved->name, ==, "Rentrée 29");

    gtk_editable_set_text (GTK_EDITABLE (row), "Automne 29");
    g_signal_emit_by_name (row, "apply");
    g_assert_false (gtk_widget_get_visible (message));
    g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 1);
    saved = g_ptr_array_index (trj_workbook_get_profiles (wb), 0);
    g_assert_cmpstr (saved->name, ==, "Automne 29");
    g_assert_cmpmem (saved->weights, sizeof saved->weights, source, sizeof source);
    g_assert_true (menu_has_label (gtk_menu_button_get_menu_model (menu_button), "Automne 29"));
    g_assert_false (menu_has_label (gtk_menu_button_get_menu_model (menu_button), "Rentrée 29"));

    /* The list was rebuilt: its row has the new name. */
    row = ADW_ENTRY_ROW (trj_harness_find_type (extra, ADW_TYPE_ENTRY_ROW));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Automne 29");
    trash = find_descendant_with_css_class (GTK_WIDGET (row), "trj-delete-profile");
    g_assert_nonnull (trash);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (trash), ==, "Supprimer le profil « Automne 29 »");
    g_signal_emit_by_name (trash, "clicked");
    confirm = find_message_dialog ("Supprimer le profil « Automne 29 » ?");
    g_assert_nonnull (confirm);
    adw_message_dialog_response (confirm, "cancel");
    g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 1);
    g_signal_emit_by_name (trash, "clicked");
    confirm = find_message_dialog ("Supprimer le profil « Automne 29 » ?");
    g_assert_nonnull (confirm);
    adw_message_dialog_response (confirm, "delete");
    g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 0);
    g_assert_false (menu_has_label (gtk_menu_button_get_menu_model (menu_button), "Automne 29"));
    g_assert_false (menu_has_label (gtk_menu_button_get_menu_model (menu_button),
                                    "Renommer ou supprimer les profils enregistrés…"));
    g_assert_null (trj_harness_find_type (extra, ADW_TYPE_ENTRY_ROW));
  }
  adw_message_dialog_response (dialog, "close");
  trj_envelope_page_show_entries (pec_page (), FALSE);
}

/* December's cumulative AE of the side chart's first series (AE programmed). */
static double
side_chart_december (void)
{
  const TrjChartModel *model =
    trj_chart_view_get_model (TRJ_CHART_VIEW (trj_envelope_page_get_side_chart (pec_page ())));
  const TrjChartSeries *ae;

  if (model == NULL || model->series->len == 0)
    return NAN;
  ae = g_ptr_array_index (model->series, 0);
  return ae->values[model->n_categories - 1];
}

/* The small trajectory beside the grid: hidden by default, shown by its
 * toggle (remembered in GSettings), following a typed volume. */
static void
test_side_chart (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("fr.gouv.travail.Trajectoire");
  GtkWidget *chart = trj_envelope_page_get_side_chart (pec_page ());
  double before;

  g_assert_false (gtk_widget_get_visible (chart));
  trj_envelope_page_show_side_chart (pec_page (), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "show-side-chart"));
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (chart) && !isnan (side_chart_december ()));
  trj_harness_wait_painted (chart);
  before = side_chart_december ();
  g_assert_cmpfloat_with_epsilon (before, trj_document_get_result (trj_window_get_document (window))->envelopes[0].f.ae_total, 0.01);

  /* 24 → 30 contracts on line 0: the chart's December moves with the figures. */
  g_assert_true (type_cell (lines_grid (), 0, TRJ_LINES_COLUMN_VOLUME, "30"));
  TRJ_HARNESS_WAIT_FOR (side_chart_december () != before);
  g_assert_cmpfloat_with_epsilon (side_chart_december (),
                                  trj_document_get_result (trj_window_get_document (window))->envelopes[0].f.ae_total, 0.01);
  g_assert_cmpfloat (side_chart_december (), >, before);
  activate ("win.undo");
  TRJ_HARNESS_WAIT_FOR (side_chart_december () == before);

  trj_envelope_page_show_side_chart (pec_page (), FALSE);
  g_assert_false (gtk_widget_get_visible (chart));
  g_assert_false (g_settings_get_boolean (settings, "show-side-chart"));
}

static void
test_summary (void)
{
  TrjSummaryPage *summary;
  TrjDocument *doc = trj_window_get_document (window);
  GtkEditable *cie, *territorial;

  trj_window_show_envelope (window, NULL);
  summary = TRJ_SUMMARY_PAGE (trj_window_get_page (window, NULL));
  g_assert_nonnull (summary);
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_assert_cmpstr (trj_summary_page_get_cell (summary, 0, TRJ_SUMMARY_COLUMN_AE_NOTIFIED), ==,
                   "6" NNBSP "813" NNBSP "468" NBSP "€");
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 0, TRJ_SUMMARY_COLUMN_AE_PROGRAMMED), ==,
                   "36" NNBSP "468" NBSP "€");
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 1, TRJ_SUMMARY_COLUMN_AE_NOTIFIED), ==,
                   "2" NNBSP "214" NNBSP "318" NBSP "€");
  /* IAE, EA and GEIQ come next, at 0 € until their amounts are typed; the
   * region last: 6 813 468 + 2 214 318 */
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 2, TRJ_SUMMARY_COLUMN_AE_NOTIFIED), ==,
                   "0" NBSP "€");
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 5, TRJ_SUMMARY_COLUMN_AE_NOTIFIED), ==,
                   "9" NNBSP "027" NNBSP "786" NBSP "€");
  /* PEC capacity: ⌊6 813 468 / (36 467.6 / 72)⌋ = ⌊13 452.3⌋ */
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 0, TRJ_SUMMARY_COLUMN_CAPACITY), ==,
                   "13" NNBSP "452");

  /* 100 000 € moved from CIE jeunes: ⌊6 913 468 / 506.49⌋ = 13 649, shown while typing. */
  cie = trj_summary_page_get_fungibility_entry (summary, TRJ_FUNGIBILITY_TRANSFER_AE);
  gtk_editable_set_text (cie, "100 000");
  g_assert_nonnull (strstr (trj_summary_page_get_effect (summary, 0), "13" NNBSP "649"));
  g_assert_nonnull (strstr (trj_summary_page_get_effect (summary, 0), "+197"));
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.cie_jeunes_to_pec_ae, ==, 0);
  g_signal_emit_by_name (cie, "activate");
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.cie_jeunes_to_pec_ae, ==, 100000);
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 0, TRJ_SUMMARY_COLUMN_AE_AVAILABLE), ==,
                   "6" NNBSP "913" NNBSP "468" NBSP "€");
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 0, TRJ_SUMMARY_COLUMN_CAPACITY), ==,
                   "13" NNBSP "649");

  /* More than CIE jeunes has is refused, with the reason; nothing changes. */
  gtk_editable_set_text (cie, "3 000 000");
  g_assert_nonnull (trj_summary_page_get_fungibility_error (summary));
  g_signal_emit_by_name (cie, "activate");
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.cie_jeunes_to_pec_ae, ==, 100000);

  activate ("win.undo");
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.cie_jeunes_to_pec_ae, ==, 0);

  /* Initiatives territoriales: at most 0,44 % of 9 027 786 € = 39 722,26 €. */
  territorial = trj_summary_page_get_fungibility_entry (summary, TRJ_FUNGIBILITY_TERRITORIAL_AE);
  gtk_editable_set_text (territorial, "40 000");
  g_assert_nonnull (trj_summary_page_get_fungibility_error (summary));
  g_signal_emit_by_name (territorial, "activate");
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.initiatives_territoriales_ae, ==, 0);
  gtk_editable_set_text (territorial, "39 000");
  g_assert_null (trj_summary_page_get_fungibility_error (summary));
  g_signal_emit_by_name (territorial, "activate");
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.initiatives_territoriales_ae, ==, 39000);
  activate ("win.undo");
  g_assert_cmpfloat (trj_document_get_scenario (doc)->fungibility.initiatives_territoriales_ae, ==, 0);
  g_assert_cmpstr (trj_summary_page_get_cell (summary, 0, TRJ_SUMMARY_COLUMN_AE_AVAILABLE), ==,
                   "6" NNBSP "813" NNBSP "468" NBSP "€");
}

static void
test_read_only (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (workbook_path);
  TrjWindow *second = trj_window_new (GTK_APPLICATION (app));
  TrjWorkbook *wb;
  TrjGrid *grid;

  trj_harness_present (GTK_WINDOW (second));
  g_assert_true (trj_window_open_file (second, file));
  wb = trj_document_get_workbook (trj_window_get_document (second));
  g_assert_true (trj_workbook_is_read_only (wb));
  /* Refused edits: no line added, nothing typed. */
  gtk_widget_activate_action (GTK_WIDGET (second), "win.add-line", NULL);
  g_assert_cmpuint (trj_document_get_envelope (trj_window_get_document (second), "PEC_CIE_TP")->lines->len, ==, 3);

  trj_window_show_envelope (second, "PEC_CIE_TP");
  grid = trj_envelope_page_get_lines_grid (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (second)));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  g_assert_true (trj_grid_start_editing (grid, "99"));
  g_assert_false (trj_grid_commit_edit (grid));
  g_assert_nonnull (trj_grid_get_error_message (grid));
  trj_grid_cancel_edit (grid);
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 24);
  gtk_window_destroy (GTK_WINDOW (second));
}

/* The preferences: payment lag and monthly profile of new lines, and the
 * tolerance of the "rate above average" alert. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TrjGrid *grid = lines_grid ();

  g_settings_set_int (settings, "default-payment-lag", 3);
  g_settings_set_enum (settings, "default-entry-profile", 1 /* first-half */);
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  activate ("win.add-line");
  g_assert_cmpint (pec_line (1)->payment_lag_months, ==, 3);
  /* 90 contracts, weights 2 for January–June and 1 after: 90 × 2 / 18 = 10, then 5. */
  g_assert_true (type_cell (lines_grid (), 1, TRJ_LINES_COLUMN_VOLUME, "90"));
  g_assert_cmpfloat_with_epsilon (pec_line (1)->entries[0], 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (pec_line (1)->entries[11], 5, 1e-9);
  activate ("win.undo");
  activate ("win.undo");
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, 12);
  g_settings_reset (settings, "default-payment-lag");
  g_settings_reset (settings, "default-entry-profile");

  /* 24 contracts at 55 % and 48 at 50 %: a weighted 51,7 % is above the 50 %
   * average; a tolerance of 2 points (52 %) silences the alert. */
  g_assert_true (type_cell (lines_grid (), 0, TRJ_LINES_COLUMN_RATE, "55 %"));
  g_assert_true (has_alert (TRJ_ALERT_RATE_ABOVE_AVERAGE));
  /* 72 contracts in an envelope that funds over a thousand at that rate: an
   * information giving the capacity, not an alert (MODEL 5). */
  {
    const TrjResult *result = trj_document_get_result (trj_window_get_document (window));

    for (guint i = 0; i < result->n_alerts; i++)
      if (result->alerts[i].code == TRJ_ALERT_RATE_ABOVE_AVERAGE)
        {
          g_assert_cmpint (result->alerts[i].severity, ==, TRJ_SEVERITY_INFO);
          g_assert_cmpfloat (result->alerts[i].capacity, >, 1000);
        }
  }
  g_settings_set_double (settings, "alert-tolerance", 2);
  g_assert_false (has_alert (TRJ_ALERT_RATE_ABOVE_AVERAGE));
  g_settings_reset (settings, "alert-tolerance");
  g_assert_true (has_alert (TRJ_ALERT_RATE_ABOVE_AVERAGE));
  activate ("win.undo");
  g_assert_false (has_alert (TRJ_ALERT_RATE_ABOVE_AVERAGE));
}

static gboolean
shows_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The workbook opened at the start is first among the start page's recent workbooks. */
static void
test_recent (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) uris = g_settings_get_strv (settings, "recent-files");
  g_autofree char *uri = g_filename_to_uri (workbook_path, NULL, NULL);
  TrjWindow *start = trj_window_new (GTK_APPLICATION (app));

  g_assert_nonnull (uris[0]);
  g_assert_cmpstr (uris[0], ==, uri);
  trj_harness_present (GTK_WINDOW (start));
  g_assert_true (shows_label (GTK_WIDGET (start), "Bretagne 2024"));
  gtk_window_destroy (GTK_WINDOW (start));
}

/* Choice columns: a département of the region by code or name, and the kinds
 * the envelope may hold (CIE tous publics lines are charged to PEC). */
static void
test_choices (void)
{
  TrjGrid *grid = lines_grid ();

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_DEPARTEMENT, "29"));
  g_assert_cmpstr (pec_line (0)->departement, ==, "29");
  assert_cell (grid, 0, TRJ_LINES_COLUMN_DEPARTEMENT, "29 Finistère");
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_DEPARTEMENT, "morbihan"));
  g_assert_cmpstr (pec_line (0)->departement, ==, "56");
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_DEPARTEMENT, "75"));
  trj_grid_cancel_edit (grid);
  g_assert_cmpstr (pec_line (0)->departement, ==, "56");

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_KIND, "CIE tous publics"));
  g_assert_cmpint (pec_line (0)->kind, ==, TRJ_KIND_CIE_TP);
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_KIND, "CIE jeunes"));
  trj_grid_cancel_edit (grid);
  g_assert_cmpint (pec_line (0)->kind, ==, TRJ_KIND_CIE_TP);
  activate ("win.undo");
  g_assert_cmpint (pec_line (0)->kind, ==, TRJ_KIND_PEC);
}

/* « Nouvelle programmation »: a workbook created from the notification for the
 * region picked, opened in the window (the file chooser is the only step skipped). */
static void
test_create (void)
{
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "Occitanie.trajectoire", NULL);
  TrjWindow *other = trj_window_new (GTK_APPLICATION (app));
  TrjEnvelopePage *page;

  trj_harness_present (GTK_WINDOW (other));
  g_assert_true (trj_window_create_workbook (other, path, "Occitanie", 2024));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (trj_workbook_get_region (trj_document_get_workbook (trj_window_get_document (other))), ==,
                   "Occitanie");
  /* The 2024 notification for Occitanie: PEC 22 400 846 € AE, CIE jeunes 5 620 960 €. */
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (other));
  g_assert_cmpstr (trj_envelope_page_get_envelope_id (page), ==, "PEC_CIE_TP");
  g_assert_cmpstr (trj_envelope_page_get_figure (page, "ae-notified"), ==, "22" NNBSP "400" NNBSP "846" NBSP "€");
  trj_window_show_envelope (other, "CIE_JEUNES");
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (other));
  g_assert_cmpstr (trj_envelope_page_get_figure (page, "ae-notified"), ==, "5" NNBSP "620" NNBSP "960" NBSP "€");
  /* A file that is not a workbook is refused whole, and left as it was. */
  {
    g_autofree char *bad = g_build_filename (dir, "notes.trajectoire", NULL);
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
    g_autofree char *content = NULL;
    TrjWindow *fresh = trj_window_new (GTK_APPLICATION (app));

    g_assert_true (g_file_set_contents (bad, "pas un classeur\n", -1, NULL));
    g_assert_false (trj_window_open_file (fresh, bad_file));
    g_assert_false (trj_window_has_workbook (fresh));
    g_assert_true (g_file_get_contents (bad, &content, NULL, NULL));
    g_assert_cmpstr (content, ==, "pas un classeur\n");
    gtk_window_destroy (GTK_WINDOW (fresh));
  }

  /* Creating over an existing workbook is refused; the window keeps its workbook. */
  g_assert_false (trj_window_create_workbook (other, path, "Bretagne", 2024));
  g_assert_cmpstr (trj_workbook_get_region (trj_document_get_workbook (trj_window_get_document (other))), ==,
                   "Occitanie");
  gtk_window_destroy (GTK_WINDOW (other));
}

/* The drop-down whose tooltip is « Scénario ». */
static gboolean
is_switcher (GtkWidget *widget, gconstpointer unused)
{
  return GTK_IS_DROP_DOWN (widget) && g_strcmp0 (trj_tooltip_get_text (widget), "Scénario") == 0;
}

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, guint *seen)
{
  seen[0]++;
  seen[1] = position;
  seen[2] = removed;
  seen[3] = added;
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* The window's state as properties for bindings: its document, and the
 * envelope page shown, notified once per change. */
static void
test_properties (void)
{
  g_autoptr(TrjDocument) doc = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  char *id = NULL;
  guint seen = 0;
  gulong handler = g_signal_connect (window, "notify::envelope-id", G_CALLBACK (count_notify_cb), &seen);

  g_object_get (window, "document", &doc, NULL);
  g_assert_true (doc == trj_window_get_document (window));
  g_object_get (doc, "workbook", &wb, NULL);
  g_assert_true (wb == trj_document_get_workbook (doc));

  trj_window_show_envelope (window, "CIE_JEUNES");
  trj_harness_flush ();
  g_object_get (window, "envelope-id", &id, NULL);
  g_assert_cmpstr (id, ==, "CIE_JEUNES");
  g_clear_pointer (&id, g_free);
  g_assert_cmpuint (seen, ==, 1);
  trj_window_show_envelope (window, "CIE_JEUNES");
  trj_harness_flush ();
  g_assert_cmpuint (seen, ==, 1);

  trj_window_show_envelope (window, NULL);
  trj_harness_flush ();
  g_object_get (window, "envelope-id", &id, NULL);
  g_assert_null (id);
  g_assert_cmpuint (seen, ==, 2);

  trj_window_show_envelope (window, "PEC_CIE_TP");
  trj_harness_flush ();
  g_object_get (window, "envelope-id", &id, NULL);
  g_assert_cmpstr (id, ==, "PEC_CIE_TP");
  g_free (id);
  g_assert_cmpuint (seen, ==, 3);
  g_signal_handler_disconnect (window, handler);
}

/* Scenarios: duplicate (the copy becomes current), edit the copy, switch back
 * with the header bar's switcher, and undo the duplication. */
static void
test_scenarios (void)
{
  TrjDocument *doc = trj_window_get_document (window);
  /* The header bar's drop-down, not the Synthèse's (initiatives territoriales' source). */
  GtkDropDown *switcher = GTK_DROP_DOWN (trj_harness_find (GTK_WIDGET (window), is_switcher, NULL));
  gint64 original = trj_document_get_scenario_id (doc);
  g_autofree char *before = g_strdup (trj_envelope_page_get_figure (pec_page (), "ae-programmed"));

  g_assert_nonnull (switcher);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (switcher)), ==, 1);
  {
    /* The document says the scenario it shows changed, once. */
    guint seen = 0;
    gint64 shown = 0;
    gulong handler = g_signal_connect (doc, "notify::scenario-id", G_CALLBACK (count_notify_cb), &seen);

    activate ("win.scenario-duplicate");
    g_object_get (doc, "scenario-id", &shown, NULL);
    g_assert_cmpint (shown, ==, trj_document_get_scenario_id (doc));
    g_assert_cmpuint (seen, ==, 1);
    g_signal_handler_disconnect (doc, handler);
  }
  g_assert_cmpint (trj_document_get_scenario_id (doc), !=, original);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (switcher)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (switcher), ==, 1);
  assert_figure ("ae-programmed", before);

  /* The switcher's model holds one TrjScenarioItem per scenario; renaming the
   * copy replaces its item only, and the selection stays on it. */
  {
    GListModel *model = gtk_drop_down_get_model (switcher);
    g_autoptr(TrjScenarioItem) copy = g_list_model_get_item (model, 1);
    g_autoptr(TrjScenarioItem) renamed = NULL;
    g_autoptr(GError) error = NULL;
    guint seen[4] = { 0 };
    gulong handler = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), seen);
    guint current = 0;

    g_assert_true (TRJ_IS_SCENARIO_ITEM (copy));
    g_assert_cmpint (trj_scenario_item_get_id (copy), ==, trj_document_get_scenario_id (doc));
    g_assert_true (trj_workbook_rename_scenario (trj_document_get_workbook (doc),
                                                 trj_scenario_item_get_id (copy), "Variante", &error));
    g_assert_no_error (error);
    trj_harness_flush ();
    g_assert_cmpuint (seen[0], ==, 1);
    g_assert_cmpuint (seen[1], ==, 1);
    g_assert_cmpuint (seen[2], ==, 1);
    g_assert_cmpuint (seen[3], ==, 1);
    renamed = g_list_model_get_item (model, 1);
    g_assert_cmpstr (trj_scenario_item_get_name (renamed), ==, "Variante");
    g_assert_cmpint (trj_scenario_item_get_id (renamed), ==, trj_scenario_item_get_id (copy));
    g_object_get (model, "current", &current, NULL);
    g_assert_cmpuint (current, ==, 1);
    g_assert_cmpuint (gtk_drop_down_get_selected (switcher), ==, 1);
    g_signal_handler_disconnect (model, handler);
  }

  /* 24 → 48 contracts on line 0 of the copy: + 2 × 6 077.93 = 48 623.47 €. */
  g_assert_true (type_cell (lines_grid (), 0, TRJ_LINES_COLUMN_VOLUME, "48"));
  assert_figure ("ae-programmed", "48" NNBSP "623" NBSP "€");

  gtk_drop_down_set_selected (switcher, 0);
  trj_harness_flush ();
  g_assert_cmpint (trj_document_get_scenario_id (doc), ==, original);
  assert_figure ("ae-programmed", before);
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, 24);

  /* Deleting the copy (undoable, so not asked) leaves the original. */
  gtk_drop_down_set_selected (switcher, 1);
  trj_harness_flush ();
  assert_figure ("ae-programmed", "48" NNBSP "623" NBSP "€");
  activate ("win.scenario-delete");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (switcher)), ==, 1);
  g_assert_cmpint (trj_document_get_scenario_id (doc), ==, original);
  assert_figure ("ae-programmed", before);
  activate ("win.undo");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (switcher)), ==, 2);
}

/* Monthly helpers: a profile applied to one line, then copied to the others,
 * their volumes kept; each is one undo step. */
static void
test_profiles (void)
{
  static const double first_half[TRJ_MONTHS] = { 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1 };
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *grid;
  double v0, v1, v2;

  trj_envelope_page_show_entries (page, TRUE);
  grid = trj_envelope_page_get_entries_grid (page);
  v0 = trj_line_volume (pec_line (0));
  v1 = trj_line_volume (pec_line (1));
  v2 = trj_line_volume (pec_line (2));

  /* Weights 2 then 1 (sum 18): line 0 gets 2/18 of its volume a month, then 1/18. */
  trj_grid_set_cursor (grid, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH);
  g_assert_true (trj_envelope_page_apply_profile (page, first_half, NULL));
  g_assert_cmpfloat_with_epsilon (pec_line (0)->entries[0], v0 * 2 / 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (pec_line (0)->entries[11], v0 / 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (0)), v0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pec_line (1)->entries[0], v1 / 12, 1e-9);

  /* Lines 0 to 2 selected, the cursor on line 0: its profile goes to 1 and 2. */
  trj_grid_select_range (grid, 2, TRJ_ENTRIES_COLUMN_FIRST_MONTH, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH);
  g_assert_true (trj_envelope_page_copy_profile (page, NULL));
  g_assert_cmpfloat_with_epsilon (pec_line (1)->entries[0], v1 * 2 / 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (pec_line (2)->entries[11], v2 / 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec_line (2)), v2, 1e-9);

  activate ("win.undo");
  g_assert_cmpfloat_with_epsilon (pec_line (1)->entries[0], v1 / 12, 1e-9);
  activate ("win.undo");
  g_assert_cmpfloat_with_epsilon (pec_line (0)->entries[0], v0 / 12, 1e-9);
  trj_envelope_page_show_entries (page, FALSE);
}

static guint
n_pec_lines (void)
{
  return trj_document_get_envelope (trj_window_get_document (window), "PEC_CIE_TP")->lines->len;
}

/* Ctrl+D duplicates the line under the cursor right after it, Ctrl+Suppr
 * removes it; undo puts back exactly what was there. */
static void
test_duplicate_remove (void)
{
  TrjGrid *grid = lines_grid ();
  g_autofree char *first_id = g_strdup (pec_line (0)->id);
  guint n = n_pec_lines (), row, column;
  double volume = trj_line_volume (pec_line (0));

  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  activate ("win.duplicate-line");
  g_assert_cmpuint (n_pec_lines (), ==, n + 1);
  g_assert_cmpfloat (trj_line_volume (pec_line (1)), ==, volume);
  g_assert_cmpstr (pec_line (1)->id, !=, first_id);
  /* The cursor follows the copy. */
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (row, ==, 1);

  activate ("win.remove-line");
  g_assert_cmpuint (n_pec_lines (), ==, n);
  g_assert_cmpstr (pec_line (0)->id, ==, first_id);

  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  activate ("win.remove-line");
  g_assert_cmpuint (n_pec_lines (), ==, n - 1);
  g_assert_cmpstr (pec_line (0)->id, !=, first_id);
  activate ("win.undo");
  g_assert_cmpuint (n_pec_lines (), ==, n);
  g_assert_cmpstr (pec_line (0)->id, ==, first_id);
  g_assert_cmpfloat (trj_line_volume (pec_line (0)), ==, volume);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GFile) file = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  workbook_path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (workbook_path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/window/open", test_open);
  g_test_add_func ("/window/calibrate-profile", test_calibrate_profile);
  g_test_add_func ("/window/type", test_type);
  g_test_add_func ("/window/invalid", test_invalid);
  g_test_add_func ("/window/keys", test_keys);
  g_test_add_func ("/window/paste-undo", test_paste_undo);
  g_test_add_func ("/window/solver", test_solver);
  g_test_add_func ("/window/solver-envelope", test_solver_envelope);
  g_test_add_func ("/window/saved-profiles", test_saved_profiles);
  g_test_add_func ("/window/line-note", test_line_note);
  g_test_add_func ("/window/side-chart", test_side_chart);
  g_test_add_func ("/window/summary", test_summary);
  g_test_add_func ("/window/read-only", test_read_only);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/recent", test_recent);
  g_test_add_func ("/window/choices", test_choices);
  g_test_add_func ("/window/create", test_create);
  g_test_add_func ("/window/properties", test_properties);
  g_test_add_func ("/window/scenarios", test_scenarios);
  g_test_add_func ("/window/profiles", test_profiles);
  g_test_add_func ("/window/duplicate-remove", test_duplicate_remove);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  g_free (workbook_path);
  return status;
}
