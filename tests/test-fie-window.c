/* test-fie-window.c — the IAE and FDI envelope pages driven through their widgets
 *
 * A new Bretagne 2024 workbook (IAE, EA, GEIQ at 0 €). A line added on the IAE
 * page is a post-aid line of the envelope's first kind (EI), its grid has the
 * post-aid columns; ETP, montant unitaire, mois d'engagement and RSA
 * recipients are typed and the AE and CP checked against MODEL 3 by hand; out
 * of range values are refused and leave the line as it was. On the FDI page a
 * line is a free line funded from the IAE's margins, whose CP schedule is
 * typed in the monthly grid. The monthly grids of the EA (ETP par mois) and of
 * the GEIQ (embauches par mois) are typed; the Synthèse chooses the source of
 * initiatives territoriales and takes demandes complémentaires; the charts of
 * every envelope kind are checked on the Bretagne example.
 *
 * Hand computation (MODEL 3, lag 0, uniform payment profile):
 *   10 ETP of EI at the 2024 socle 12 218 €: socle 122 180 €, modulated part
 *   5 % = 6 109 €, AE 128 289 €, CP of the year 122 180 € (the modulated part is
 *   paid in April of Y+1).
 *   At 12 000 € per ETP: socle 120 000 €, AE 126 000 €, CP 120 000 €.
 *   Signed in March: all AE in March; January and February are paid with March,
 *   so the CP of the year stay 120 000 €.
 *   2 RSA recipients over 6 months from March: the RSA is 607,75 € in March and
 *   635,71 € from April, cd = 0,88 × 2 × (607,75 + 5 × 635,71) = 6 663,888 €;
 *   AE 126 000 − 6 663,888 = 119 336,112 €, CP 120 000 − 6 663,888 = 113 336,112 €.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-lines-model.h"
#include "trj-entries-model.h"
#include "trj-summary-page.h"
#include "trj-start-page.h"
#include "trj-file-chooser.h"
#include "trj-format.h"
#include "trj-json.h"
#include "trj-charts-page.h"
#include "trj-chart-view.h"
#include "trj-chart-style.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static TrjApplication *app;
static TrjWindow *window;

static TrjEnvelopePage *
page (const char *envelope)
{
  trj_window_show_envelope (window, envelope);
  return TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
}

static int
column (TrjGrid *grid, TrjLinesColumn field)
{
  int c = trj_lines_model_find_column (TRJ_LINES_MODEL (trj_grid_get_model (grid)), field);

  g_assert_cmpint (c, >=, 0);
  return c;
}

static gboolean
type_cell (TrjGrid *grid, guint row, TrjLinesColumn field, const char *text)
{
  trj_grid_set_cursor (grid, row, column (grid, field));
  g_assert_true (trj_grid_start_editing (grid, text));
  return trj_grid_commit_edit (grid);
}

static const TrjLine *
line_of (const char *envelope, guint index)
{
  const TrjEnvelope *env = trj_document_get_envelope (trj_window_get_document (window), envelope);

  g_assert_nonnull (env);
  g_assert_cmpuint (index, <, env->lines->len);
  return env->lines->pdata[index];
}

static const TrjEnvelopeResult *
envelope_result (const char *envelope)
{
  TrjDocument *document = trj_window_get_document (window);
  int index = trj_document_find_envelope (document, envelope);

  g_assert_cmpint (index, >=, 0);
  return &trj_document_get_result (document)->envelopes[index];
}

static const TrjFigures *
line_figures (const char *envelope, guint line)
{
  TrjDocument *document = trj_window_get_document (window);
  int index = trj_document_find_envelope (document, envelope);

  return &trj_result_line (trj_document_get_result (document), (guint) index, line)->f;
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  trj_harness_flush ();
}

static void
test_iae_line (void)
{
  TrjEnvelopePage *iae = page ("IAE");
  TrjGrid *grid = trj_envelope_page_get_lines_grid (iae);
  const TrjFigures *f;

  /* The post-aid columns, none of a contract's. */
  g_assert_cmpint (trj_lines_model_find_column (TRJ_LINES_MODEL (trj_grid_get_model (grid)),
                                                TRJ_LINES_COLUMN_RATE), ==, -1);
  column (grid, TRJ_LINES_COLUMN_STRUCTURE_KIND);
  column (grid, TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY);
  column (grid, TRJ_LINES_COLUMN_RSA_MONTHS);

  gtk_widget_grab_focus (GTK_WIDGET (grid));
  activate ("win.add-line");
  g_assert_cmpuint (trj_grid_model_get_n_rows (trj_grid_get_model (grid)), ==, 1);
  g_assert_cmpint (line_of ("IAE", 0)->kind, ==, TRJ_KIND_EI);
  g_assert_cmpfloat (line_of ("IAE", 0)->unit_amount, ==, 12218);
  g_assert_cmpint (line_of ("IAE", 0)->payment_lag_months, ==, 0);

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_QUANTITY, "10"));
  f = line_figures ("IAE", 0);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 128289, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_total, 122180, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->ae_per_unit, 12828.9, 1e-6);

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_UNIT_AMOUNT, "12 000 €"));
  f = line_figures ("IAE", 0);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 126000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_total, 120000, 1e-6);
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, column (grid, TRJ_LINES_COLUMN_AE)), ==,
                   "126" NNBSP "000" NBSP "€");
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, column (grid, TRJ_LINES_COLUMN_AE_PER_CONTRACT)), ==,
                   "12" NNBSP "600" NBSP "€");
  /* ETP with their decimals (a passerelle's 12,5 ETP over six months) alike in
   * the lines grid, the strip and the subtotals, which say « ETP », not « Volume ». */
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_QUANTITY, "12,5"));
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, column (grid, TRJ_LINES_COLUMN_QUANTITY)), ==, "12,5");
  g_assert_cmpstr (trj_envelope_page_get_figure (iae, "capacity"), ==, "12,5" NBSP "ETP");
  trj_envelope_page_show_subtotals (iae, TRJ_SUBTOTALS_BY_DEPARTEMENT);
  {
    TrjGridModel *model = trj_grid_get_model (trj_envelope_page_get_subtotals_grid (iae));
    guint last = trj_grid_model_get_n_rows (model) - 1;
    g_autofree char *total = trj_grid_model_get_text (model, last, TRJ_SUBTOTALS_COLUMN_VOLUME);
    g_autofree char *label = trj_grid_model_get_text (model, last, TRJ_SUBTOTALS_COLUMN_LABEL);

    g_assert_cmpstr (trj_grid_model_get_column (model, TRJ_SUBTOTALS_COLUMN_VOLUME)->title, ==, "ETP");
    g_assert_cmpstr (label, ==, "Total");
    g_assert_cmpstr (total, ==, "12,5");
  }
  trj_envelope_page_show_entries (iae, FALSE);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_QUANTITY, "10"));
  /* The strip speaks in ETP. */
  g_assert_cmpstr (trj_envelope_page_get_figure (iae, "capacity"), ==, "10" NBSP "ETP");
  g_assert_cmpstr (trj_envelope_page_get_figure (iae, "avg-rate"), ==, "12" NNBSP "600" NBSP "€");

  /* The Synthèse: 1 260 000 € of IAE buy ⌊1 260 000 / 12 600⌋ = 100 ETP. */
  {
    TrjDocument *document = trj_window_get_document (window);
    TrjSummaryPage *summary;

    g_assert_true (trj_workbook_set_envelope_number (trj_document_get_workbook (document),
                                                     trj_document_get_scenario_id (document), "IAE",
                                                     TRJ_ENVELOPE_FIELD_AE_NOTIFIED, 1260000, NULL));
    trj_window_show_envelope (window, NULL);
    summary = TRJ_SUMMARY_PAGE (trj_window_get_page (window, NULL));
    trj_harness_wait_painted (GTK_WIDGET (window));
    g_assert_cmpstr (trj_summary_page_get_cell (summary, 2, TRJ_SUMMARY_COLUMN_ENVELOPE), ==,
                     "Insertion par l’activité économique");
    g_assert_cmpstr (trj_summary_page_get_cell (summary, 2, TRJ_SUMMARY_COLUMN_CAPACITY), ==, "100" NBSP "ETP");
    /* The fungibility panel: IAE in ETP, EA without lines by its margin. */
    g_assert_cmpstr (trj_summary_page_get_effect (summary, 2), ==, "100" NBSP "ETP");
    g_assert_cmpstr (trj_summary_page_get_effect (summary, 3), ==, "Marge d’AE" NNBSP ": 0" NBSP "€");
    g_assert_true (trj_workbook_set_envelope_number (trj_document_get_workbook (document),
                                                     trj_document_get_scenario_id (document), "IAE",
                                                     TRJ_ENVELOPE_FIELD_AE_NOTIFIED, 0, NULL));
    iae = page ("IAE");
  }

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_COMMITMENT_MONTH, "mars"));
  g_assert_cmpint (line_of ("IAE", 0)->commitment_month, ==, 2);
  f = line_figures ("IAE", 0);
  g_assert_cmpfloat_with_epsilon (f->ae[2], 126000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_total, 120000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[1], 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp[2], 30000, 1e-6);

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_RSA_RECIPIENTS, "2"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_RSA_MONTHS, "6"));
  f = line_figures ("IAE", 0);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 126000 - 6663.888, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_total, 120000 - 6663.888, 1e-6);

  /* Out of the catalogue's limits: refused with a message, the line unchanged. */
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_MODULATION, "15 %"));
  g_assert_nonnull (trj_grid_get_error_message (grid));
  trj_grid_cancel_edit (grid);
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_QUANTITY, "-3"));
  g_assert_nonnull (trj_grid_get_error_message (grid));
  trj_grid_cancel_edit (grid);
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_RSA_MONTHS, "13"));
  trj_grid_cancel_edit (grid);
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_COMMITMENT_MONTH, "treizième"));
  trj_grid_cancel_edit (grid);
  g_assert_cmpfloat (line_of ("IAE", 0)->modulation, ==, 0.05);
  g_assert_cmpfloat (line_of ("IAE", 0)->quantity, ==, 10);
  g_assert_cmpfloat (line_of ("IAE", 0)->rsa_months, ==, 6);
  /* The structure of a CDI inclusion is typed on a CDI inclusion only. */
  g_assert_false (trj_grid_model_is_editable (trj_grid_get_model (grid), 0,
                                              column (grid, TRJ_LINES_COLUMN_STRUCTURE_KIND)));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_KIND, "CDI inclusion"));
  g_assert_cmpint (line_of ("IAE", 0)->kind, ==, TRJ_KIND_CDI_INCLUSION);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_STRUCTURE_KIND, "EI"));
  g_assert_cmpint (line_of ("IAE", 0)->structure_kind, ==, TRJ_KIND_EI);
}

/* MODEL 3: the EA amounts the circular does not print are marked « à vérifier »
 * beside the cell, with their source, until the user types one. */
static void
test_to_verify (void)
{
  TrjGrid *grid = trj_envelope_page_get_lines_grid (page ("EA"));
  TrjGridModel *model = trj_grid_get_model (grid);
  int amount = column (grid, TRJ_LINES_COLUMN_UNIT_AMOUNT);
  g_autofree char *tooltip = NULL, *none = NULL, *typed = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (grid));
  activate ("win.add-line");
  g_assert_cmpint (line_of ("EA", 0)->kind, ==, TRJ_KIND_EA_SOCLE);
  g_assert_cmpint (trj_grid_model_get_alert (model, 0, (guint) amount, &none), ==, TRJ_GRID_ALERT_NONE);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_KIND, "EA mise"));
  g_assert_cmpint (line_of ("EA", 0)->kind, ==, TRJ_KIND_EA_MAD);
  g_assert_cmpfloat (line_of ("EA", 0)->unit_amount, ==, 4760);
  g_assert_cmpint (trj_grid_model_get_alert (model, 0, (guint) amount, &tooltip), ==, TRJ_GRID_ALERT_WARNING);
  g_assert_nonnull (strstr (tooltip, "arrêté du 29 décembre 2023"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_UNIT_AMOUNT, "4 800"));
  g_assert_cmpint (trj_grid_model_get_alert (model, 0, (guint) amount, &typed), ==, TRJ_GRID_ALERT_NONE);
}

static void
test_fdi_line (void)
{
  TrjDocument *document = trj_window_get_document (window);
  TrjEnvelopePage *fdi;
  TrjGrid *grid, *months;
  double iae_lent_before = envelope_result ("IAE")->ae_lent;

  /* A new workbook has no FDI envelope (it has no credits of its own): the
   * window's « Ajouter l'enveloppe FDI » adds it and shows its page, once. */
  g_assert_null (trj_document_get_envelope (document, "FDI"));
  activate ("win.add-fdi");
  g_assert_nonnull (trj_document_get_envelope (document, "FDI"));
  g_assert_cmpstr (trj_envelope_page_get_envelope_id (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window))),
                   ==, "FDI");
  trj_window_show_envelope (window, "IAE");
  activate ("win.add-fdi");   /* disabled once there: nothing happens */
  g_assert_cmpuint (trj_document_get_scenario (document)->envelopes->len, ==, 6);
  g_assert_cmpstr (trj_envelope_page_get_envelope_id (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window))),
                   ==, "IAE");
  fdi = page ("FDI");
  grid = trj_envelope_page_get_lines_grid (fdi);

  gtk_widget_grab_focus (GTK_WIDGET (grid));
  activate ("win.add-line");
  g_assert_cmpint (line_of ("FDI", 0)->kind, ==, TRJ_KIND_FREE);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_AE_AMOUNT, "50 000"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_FUNDED_FROM, "insertion"));
  g_assert_cmpstr (line_of ("FDI", 0)->funded_from, ==, "IAE");
  /* Funded from the IAE's margins: no overrun of the 0 € FDI envelope. */
  g_assert_cmpfloat_with_epsilon (envelope_result ("IAE")->ae_lent - iae_lent_before, 50000, 1e-6);
  g_assert_cmpfloat (envelope_result ("FDI")->ae_margin, >=, 0);
  g_assert_cmpstr (trj_envelope_page_get_figure (fdi, "capacity"), ==, "50" NNBSP "000" NBSP "€");

  /* The CP schedule in the monthly grid; more CP than AE is refused. */
  months = trj_envelope_page_get_entries_grid (fdi);
  trj_grid_set_cursor (months, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH + 2);
  g_assert_true (trj_grid_start_editing (months, "20 000"));
  g_assert_true (trj_grid_commit_edit (months));
  g_assert_cmpfloat (line_of ("FDI", 0)->cp_schedule[2], ==, 20000);
  g_assert_cmpfloat_with_epsilon (line_figures ("FDI", 0)->cp_total, 20000, 1e-6);
  trj_grid_set_cursor (months, 0, TRJ_ENTRIES_COLUMN_FIRST_MONTH + 5);
  g_assert_true (trj_grid_start_editing (months, "40 000"));
  g_assert_false (trj_grid_commit_edit (months));
  g_assert_nonnull (trj_grid_get_error_message (months));
  trj_grid_cancel_edit (months);
  g_assert_cmpfloat (line_of ("FDI", 0)->cp_schedule[5], ==, 0);
}

/* The title of a grid's tab (« ETP par mois »…), as the switcher shows it. */
static const char *
entries_tab_title_of (GtkWidget *grid)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (grid, GTK_TYPE_STACK));

  g_assert_nonnull (stack);
  return gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_widget_get_parent (grid)));
}

static const char *
entries_tab_title (TrjEnvelopePage *envelope_page)
{
  return entries_tab_title_of (GTK_WIDGET (trj_envelope_page_get_entries_grid (envelope_page)));
}

static gboolean
type_month (TrjGrid *months, guint row, guint column, const char *text)
{
  trj_grid_set_cursor (months, row, column);
  g_assert_true (trj_grid_start_editing (months, text));
  return trj_grid_commit_edit (months);
}

static char *
month_text (TrjGrid *months, guint row, guint column)
{
  return trj_grid_model_get_text (trj_grid_get_model (months), row, column);
}

#define ASSERT_MONTH(months, row, column, text) \
  G_STMT_START { g_autofree char *shown_ = month_text (months, row, column); \
                 g_assert_cmpstr (shown_, ==, text); } G_STMT_END

/* MODEL 3 on the monthly grid of an ETP envelope (EA, lag 0, no modulated
 * part): the EA MAD line of /fie-window/to-verify at 4 800 € per ETP.
 *   12 ETP, uniform: each month shows 12 ETP, their annual average 12;
 *   AE = CP = 12 × 4 800 = 57 600 €, 4 800 € a month.
 *   24 ETP typed in March: the months are the payment profile
 *   (12 × 11 + 24 = 156), their mean the quantity: 13 ETP, AE 62 400 €,
 *   March CP 62 400 × 24 / 156 = 9 600 €, January 62 400 × 12 / 156 = 4 800 €.
 *   The annual average typed at 26: the profile kept, March 26 × 12 × 24 / 156
 *   = 48 ETP, January 24, AE 124 800 €. */
static void
test_monthly_etp (void)
{
  TrjEnvelopePage *ea = page ("EA");
  TrjGrid *grid = trj_envelope_page_get_lines_grid (ea);
  TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
  guint march = TRJ_ENTRIES_COLUMN_FIRST_MONTH + 2, january = TRJ_ENTRIES_COLUMN_FIRST_MONTH;
  TrjGrid *months;
  const TrjFigures *f;

  g_assert_cmpint (line_of ("EA", 0)->kind, ==, TRJ_KIND_EA_MAD);
  g_assert_cmpfloat (line_of ("EA", 0)->unit_amount, ==, 4800);
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_QUANTITY, "12"));
  f = line_figures ("EA", 0);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 57600, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[2], 4800, 1e-6);

  trj_envelope_page_show_entries (ea, TRUE);
  months = trj_envelope_page_get_entries_grid (ea);
  g_assert_cmpstr (entries_tab_title (ea), ==, "ETP par mois");
  g_assert_cmpstr (trj_grid_model_get_column (trj_grid_get_model (months), TRJ_ENTRIES_COLUMN_TOTAL)->title,
                   ==, "Moyenne annuelle");
  ASSERT_MONTH (months, 0, january, "12");
  ASSERT_MONTH (months, 0, march, "12");
  ASSERT_MONTH (months, 0, TRJ_ENTRIES_COLUMN_TOTAL, "12");
  g_assert_true (trj_grid_model_is_editable (trj_grid_get_model (months), 0, march));

  g_assert_true (type_month (months, 0, march, "24"));
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier les ETP d’un mois");
  g_assert_cmpfloat_with_epsilon (line_of ("EA", 0)->quantity, 13, 1e-9);
  f = line_figures ("EA", 0);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 62400, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[2], 9600, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[0], 4800, 1e-6);
  ASSERT_MONTH (months, 0, march, "24");
  ASSERT_MONTH (months, 0, january, "12");
  ASSERT_MONTH (months, 0, TRJ_ENTRIES_COLUMN_TOTAL, "13");
  /* The strip follows, in ETP. */
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_envelope_page_get_figure (ea, "capacity"), ==, "13" NBSP "ETP");
  g_assert_cmpstr (trj_envelope_page_get_figure (ea, "avg-rate"), ==, "4" NNBSP "800" NBSP "€");

  g_assert_true (type_month (months, 0, TRJ_ENTRIES_COLUMN_TOTAL, "26"));
  ASSERT_MONTH (months, 0, march, "48");
  ASSERT_MONTH (months, 0, january, "24");
  g_assert_cmpfloat_with_epsilon (line_figures ("EA", 0)->ae_total, 124800, 1e-6);

  /* Out of the quantity's limits: refused, nothing changed. */
  g_assert_false (type_month (months, 0, march, "-5"));
  g_assert_nonnull (trj_grid_get_error_message (months));
  trj_grid_cancel_edit (months);
  g_assert_cmpfloat_with_epsilon (line_of ("EA", 0)->quantity, 26, 1e-9);

  /* One undo step each: back to 13 ETP, then to 12 ETP uniform. */
  g_assert_true (trj_workbook_undo (wb, NULL));
  g_assert_cmpfloat_with_epsilon (line_of ("EA", 0)->quantity, 13, 1e-9);
  g_assert_true (trj_workbook_undo (wb, NULL));
  g_assert_cmpfloat_with_epsilon (line_of ("EA", 0)->quantity, 12, 1e-9);
  ASSERT_MONTH (months, 0, march, "12");
  trj_envelope_page_show_entries (ea, FALSE);
}

/* A GEIQ line is paid when the person is hired (MODEL 3: w = the hiring
 * profile): its months are hirings, their sum its aids.
 *   A new line (GEIQ renforcé, 1 400 €, 0 aid): nothing a month; 0 typed in a
 *   month of a line without aids is refused (no profile is all zeros).
 *   10 hirings in September: 10 aids, AE 14 000 €, all CP in September.
 *   5 in October: 15 aids, AE 21 000 €, CP 14 000 € in September, 7 000 € in
 *   October. « Répartir uniformément »: 15 aids kept, 1,25 a month (shown
 *   1,3), CP 1 750 € a month. */
static void
test_monthly_hirings (void)
{
  TrjEnvelopePage *geiq = page ("GEIQ");
  TrjGrid *grid = trj_envelope_page_get_lines_grid (geiq);
  guint september = TRJ_ENTRIES_COLUMN_FIRST_MONTH + 8, october = TRJ_ENTRIES_COLUMN_FIRST_MONTH + 9;
  TrjGrid *months;
  const TrjFigures *f;

  gtk_widget_grab_focus (GTK_WIDGET (grid));
  activate ("win.add-line");
  g_assert_cmpint (line_of ("GEIQ", 0)->kind, ==, TRJ_KIND_GEIQ_RENFORCE);
  g_assert_cmpfloat (line_of ("GEIQ", 0)->quantity, ==, 0);

  trj_envelope_page_show_entries (geiq, TRUE);
  months = trj_envelope_page_get_entries_grid (geiq);
  g_assert_cmpstr (entries_tab_title (geiq), ==, "Embauches par mois");
  g_assert_cmpstr (trj_grid_model_get_column (trj_grid_get_model (months), TRJ_ENTRIES_COLUMN_TOTAL)->title,
                   ==, "Total");
  ASSERT_MONTH (months, 0, september, "0");
  g_assert_false (type_month (months, 0, september, "0"));
  g_assert_nonnull (strstr (trj_grid_get_error_message (months), "aides"));
  trj_grid_cancel_edit (months);

  g_assert_true (type_month (months, 0, september, "10"));
  g_assert_cmpfloat_with_epsilon (line_of ("GEIQ", 0)->quantity, 10, 1e-9);
  f = line_figures ("GEIQ", 0);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 14000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[8], 14000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[7], 0, 1e-9);

  g_assert_true (type_month (months, 0, october, "5"));
  f = line_figures ("GEIQ", 0);
  g_assert_cmpfloat_with_epsilon (line_of ("GEIQ", 0)->quantity, 15, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 21000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[8], 14000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[9], 7000, 1e-6);
  ASSERT_MONTH (months, 0, september, "10");
  ASSERT_MONTH (months, 0, october, "5");
  ASSERT_MONTH (months, 0, TRJ_ENTRIES_COLUMN_TOTAL, "15");
  /* The total row: the envelope's hirings. */
  ASSERT_MONTH (months, 1, TRJ_ENTRIES_COLUMN_TOTAL, "15");
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_envelope_page_get_figure (geiq, "capacity"), ==, "15" NBSP "aides");
  g_assert_cmpstr (trj_envelope_page_get_figure (geiq, "avg-rate"), ==, "1" NNBSP "400" NBSP "€");

  /* « Répartir uniformément » on the line under the cursor. */
  trj_grid_set_cursor (months, 0, september);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (geiq), "envelope.spread", NULL));
  trj_harness_flush ();
  f = line_figures ("GEIQ", 0);
  g_assert_cmpfloat_with_epsilon (line_of ("GEIQ", 0)->quantity, 15, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 21000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[0], 1750, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[11], 1750, 1e-6);
  ASSERT_MONTH (months, 0, september, "1,3");
  trj_envelope_page_show_entries (geiq, FALSE);
}

/* MODEL 3.2 typed on the IAE page: « ETP réalisés », the ASP's declarations
 * of the line of /fie-window/iae-line (10 ETP).
 *   8 ETP in January, 9 in February: projected (8 + 9 + 10 × 9) / 12 = 8,92.
 *   February emptied (Suppr): no declaration, projected (8 + 11 × 8) / 12 = 8. */
static void
test_realised_etp (void)
{
  TrjEnvelopePage *iae = page ("IAE");
  TrjGrid *grid;
  guint january = TRJ_ENTRIES_COLUMN_FIRST_MONTH, february = TRJ_ENTRIES_COLUMN_FIRST_MONTH + 1;

  g_assert_null (trj_envelope_page_get_realised_grid (page ("GEIQ")));
  trj_envelope_page_show_realised (iae);
  grid = trj_envelope_page_get_realised_grid (iae);
  g_assert_nonnull (grid);
  g_assert_cmpstr (entries_tab_title_of (GTK_WIDGET (grid)), ==, "ETP réalisés");
  g_assert_cmpfloat (line_of ("IAE", 0)->quantity, ==, 10);
  ASSERT_MONTH (grid, 0, january, "");
  ASSERT_MONTH (grid, 0, TRJ_ENTRIES_COLUMN_TOTAL, "");
  g_assert_false (trj_grid_model_is_editable (trj_grid_get_model (grid), 0, TRJ_ENTRIES_COLUMN_TOTAL));

  g_assert_true (type_month (grid, 0, january, "8"));
  g_assert_true (type_month (grid, 0, february, "9"));
  g_assert_cmpfloat (line_of ("IAE", 0)->realised_etp[1], ==, 9);
  ASSERT_MONTH (grid, 0, february, "9");
  ASSERT_MONTH (grid, 0, TRJ_ENTRIES_COLUMN_TOTAL, "8,92");
  ASSERT_MONTH (grid, 1, TRJ_ENTRIES_COLUMN_TOTAL, "8,92");
  g_assert_false (type_month (grid, 0, february, "-1"));
  trj_grid_cancel_edit (grid);

  trj_grid_set_cursor (grid, 0, february);
  g_assert_true (trj_grid_start_editing (grid, ""));
  g_assert_true (trj_grid_commit_edit (grid));
  g_assert_true (isnan (line_of ("IAE", 0)->realised_etp[1]));
  ASSERT_MONTH (grid, 0, february, "");
  ASSERT_MONTH (grid, 0, TRJ_ENTRIES_COLUMN_TOTAL, "8");
  trj_envelope_page_show_entries (iae, FALSE);
}

/* MODEL 2.6: the initiatives territoriales ceiling is 0,44 % of every FIE
 * envelope's notified AE, IAE included, and the amount comes out of the
 * envelope chosen in the Synthèse.
 *   IAE notified 41 250 000 €: base 6 813 468 + 2 214 318 + 41 250 000
 *   (+ EA 0, GEIQ 0; FDI is no base) = 50 277 786 €, ceiling 221 222,26 €
 *   (without the IAE 39 718 €: 200 000 € would be refused).
 *   200 000 € taken from the IAE: its available AE 41 250 000 − 50 000 (lent
 *   to the FDI line of /fie-window/fdi-line) − 200 000 = 41 000 000 €, PEC's
 *   6 813 468 € as notified. */
static void
test_territorial_source (void)
{
  TrjDocument *document = trj_window_get_document (window);
  TrjWorkbook *wb = trj_document_get_workbook (document);
  gint64 scenario = trj_document_get_scenario_id (document);
  TrjSummaryPage *summary;
  GtkEditable *entry;
  GtkDropDown *source;
  int iae, pec;
  guint iae_position = GTK_INVALID_LIST_POSITION;

  g_assert_true (trj_workbook_set_envelope_number (wb, scenario, "IAE", TRJ_ENVELOPE_FIELD_AE_NOTIFIED,
                                                   41250000, NULL));
  trj_window_show_envelope (window, NULL);
  summary = TRJ_SUMMARY_PAGE (trj_window_get_page (window, NULL));
  trj_harness_wait_painted (GTK_WIDGET (window));
  iae = trj_document_find_envelope (document, "IAE");
  pec = trj_document_find_envelope (document, "PEC_CIE_TP");
  g_assert_cmpfloat_with_epsilon (trj_document_get_result (document)->territorial_ceiling, 221222.2584, 1e-6);

  /* The drop-down: every envelope of the base, FDI not; PEC by default. */
  source = trj_summary_page_get_territorial_source (summary);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (source)), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpstr (trj_summary_page_get_territorial_source_id (summary, i), !=, "FDI");
      if (g_strcmp0 (trj_summary_page_get_territorial_source_id (summary, i), "IAE") == 0)
        iae_position = i;
    }
  g_assert_cmpstr (trj_summary_page_get_territorial_source_id (summary, gtk_drop_down_get_selected (source)),
                   ==, "PEC_CIE_TP");
  g_assert_cmpuint (iae_position, !=, GTK_INVALID_LIST_POSITION);

  entry = trj_summary_page_get_fungibility_entry (summary, TRJ_FUNGIBILITY_TERRITORIAL_AE);
  gtk_editable_set_text (entry, "230 000");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (strstr (trj_summary_page_get_fungibility_error (summary),
                            "0,44" NNBSP "% des AE notifiées, soit 221" NNBSP "222" NBSP "€"));
  g_assert_cmpfloat (trj_document_get_scenario (document)->fungibility.initiatives_territoriales_ae, ==, 0);
  gtk_editable_set_text (entry, "200 000");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpfloat (trj_document_get_scenario (document)->fungibility.initiatives_territoriales_ae, ==, 200000);
  g_assert_cmpfloat (trj_document_get_result (document)->envelopes[pec].ae_available, ==, 6813468 - 200000);

  gtk_drop_down_set_selected (source, iae_position);
  trj_harness_flush ();
  g_assert_cmpstr (trj_document_get_scenario (document)->fungibility.initiatives_territoriales_source, ==, "IAE");
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier la source des initiatives territoriales");
  g_assert_cmpfloat (trj_document_get_result (document)->envelopes[iae].ae_available, ==, 41000000);
  g_assert_cmpfloat (trj_document_get_result (document)->envelopes[pec].ae_available, ==, 6813468);
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_summary_page_get_cell (summary, (guint) iae, TRJ_SUMMARY_COLUMN_AE_AVAILABLE), ==,
                   "41" NNBSP "000" NNBSP "000" NBSP "€");

  /* Undone: PEC again, and the drop-down says so. */
  g_assert_true (trj_workbook_undo (wb, NULL));
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_null (trj_document_get_scenario (document)->fungibility.initiatives_territoriales_source);
  g_assert_cmpstr (trj_summary_page_get_territorial_source_id (summary, gtk_drop_down_get_selected (source)),
                   ==, "PEC_CIE_TP");
  /* FDI has no credits to take them from: the store refuses it. */
  g_assert_false (trj_workbook_set_territorial_source (wb, scenario, "FDI", NULL));
  g_assert_true (trj_workbook_undo (wb, NULL));
  g_assert_true (trj_workbook_set_envelope_number (wb, scenario, "IAE", TRJ_ENVELOPE_FIELD_AE_NOTIFIED, 0, NULL));
}

/* MODEL 2.6: a demande complémentaire per envelope (AE, CP, reason), typed in
 * the Synthèse, never in the available AE. */
static void
test_demandes (void)
{
  TrjDocument *document = trj_window_get_document (window);
  TrjWorkbook *wb = trj_document_get_workbook (document);
  TrjSummaryPage *summary;
  int geiq;
  GtkEditable *ae, *cp, *reason;
  const TrjEnvelope *env;
  double available;

  trj_window_show_envelope (window, NULL);
  summary = TRJ_SUMMARY_PAGE (trj_window_get_page (window, NULL));
  trj_harness_wait_painted (GTK_WIDGET (window));
  geiq = trj_document_find_envelope (document, "GEIQ");
  available = trj_document_get_result (document)->envelopes[geiq].ae_available;
  ae = trj_summary_page_get_demande_entry (summary, (guint) geiq, TRJ_SUMMARY_DEMANDE_AE);
  cp = trj_summary_page_get_demande_entry (summary, (guint) geiq, TRJ_SUMMARY_DEMANDE_CP);
  reason = trj_summary_page_get_demande_entry (summary, (guint) geiq, TRJ_SUMMARY_DEMANDE_REASON);
  g_assert_nonnull (reason);
  g_assert_null (trj_summary_page_get_demande_entry (summary, 99, TRJ_SUMMARY_DEMANDE_AE));

  gtk_editable_set_text (ae, "beaucoup");
  g_signal_emit_by_name (ae, "activate");
  g_assert_nonnull (strstr (trj_summary_page_get_demande_error (summary), "beaucoup"));
  gtk_editable_set_text (ae, "150 000 €");
  g_signal_emit_by_name (ae, "activate");
  g_assert_null (trj_summary_page_get_demande_error (summary));
  gtk_editable_set_text (cp, "75 000");
  g_signal_emit_by_name (cp, "activate");
  gtk_editable_set_text (reason, "Montée en charge des GEIQ du Finistère");
  g_signal_emit_by_name (reason, "activate");
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier le motif de la demande complémentaire");

  env = trj_document_get_envelope (document, "GEIQ");
  g_assert_cmpfloat (env->demande.ae, ==, 150000);
  g_assert_cmpfloat (env->demande.cp, ==, 75000);
  g_assert_cmpstr (env->demande.reason, ==, "Montée en charge des GEIQ du Finistère");
  /* Kept apart from the notification. */
  g_assert_cmpfloat (trj_document_get_result (document)->envelopes[geiq].ae_available, ==, available);
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (ae),
                                                                                       ADW_TYPE_ACTION_ROW))),
                   ==, "AE 150" NNBSP "000" NBSP "€ · CP 75" NNBSP "000" NBSP "€");
  /* An unchanged entry writes nothing; an emptied reason clears it. */
  g_signal_emit_by_name (cp, "activate");
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier le motif de la demande complémentaire");
  gtk_editable_set_text (reason, "  ");
  g_signal_emit_by_name (reason, "activate");
  g_assert_null (trj_document_get_envelope (document, "GEIQ")->demande.reason);
  g_assert_true (trj_workbook_undo (wb, NULL));
  g_assert_cmpstr (trj_document_get_envelope (document, "GEIQ")->demande.reason, ==,
                   "Montée en charge des GEIQ du Finistère");
}

static void
set_entry (GtkWindow *dialog, const char *name, const char *text)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* « Notification… » on the envelope page: the IAE, EA and GEIQ amounts the
 * circular does not print, typed when the region receives them. The GEIQ of
 * a new workbook (0 €) gets 1 200 000 € of AE, 1 100 000 € of CP and 850
 * aids; its margin is then 1 200 000 − 21 000 (the 15 aids of
 * /fie-window/monthly-hirings) = 1 179 000 €. A mistyped figure writes
 * nothing; the IAE also takes last year's modulated part paid this year. */
static void
test_notification (void)
{
  TrjDocument *document = trj_window_get_document (window);
  TrjWorkbook *wb = trj_document_get_workbook (document);
  TrjEnvelopePage *geiq = page ("GEIQ");
  GtkWindow *dialog;
  const TrjEnvelope *env;

  dialog = trj_envelope_page_edit_notification (geiq);
  g_assert_nonnull (dialog);
  g_assert_null (g_object_get_data (G_OBJECT (dialog), "previous-modulation"));
  set_entry (dialog, "ae", "beaucoup");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  trj_harness_flush ();
  g_assert_cmpfloat (trj_document_get_envelope (document, "GEIQ")->ae_notified, ==, 0);

  dialog = trj_envelope_page_edit_notification (geiq);
  set_entry (dialog, "ae", "1 200 000 €");
  set_entry (dialog, "cp", "1 100 000");
  set_entry (dialog, "volume", "850");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  trj_harness_flush ();
  env = trj_document_get_envelope (document, "GEIQ");
  g_assert_cmpfloat (env->ae_notified, ==, 1200000);
  g_assert_cmpfloat (env->cp_notified, ==, 1100000);
  g_assert_cmpfloat (env->volume_notified, ==, 850);
  g_assert_cmpfloat_with_epsilon (envelope_result ("GEIQ")->ae_margin, 1179000, 1e-6);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier la notification");
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_envelope_page_get_figure (geiq, "ae-notified"), ==, "1" NNBSP "200" NNBSP "000" NBSP "€");
  g_assert_cmpstr (trj_envelope_page_get_figure (geiq, "capacity-detail"), ==, "notifié 850");
  /* One undo step for the three. */
  g_assert_true (trj_workbook_undo (wb, NULL));
  env = trj_document_get_envelope (document, "GEIQ");
  g_assert_cmpfloat (env->ae_notified, ==, 0);
  g_assert_cmpfloat (env->volume_notified, ==, 0);

  dialog = trj_envelope_page_edit_notification (page ("IAE"));
  set_entry (dialog, "previous-modulation", "30 000");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  trj_harness_flush ();
  g_assert_cmpfloat (trj_document_get_envelope (document, "IAE")->previous_modulation_cp, ==, 30000);
  g_assert_true (trj_workbook_undo (wb, NULL));
}

static const TrjChartSeries *
series_of_color (const TrjChartModel *model, guint color)
{
  for (guint i = 0; i < model->series->len; i++)
    if (((const TrjChartSeries *) model->series->pdata[i])->color == color)
      return model->series->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static double
series_sum (const TrjChartModel *model, const TrjChartSeries *series)
{
  double sum = 0;

  for (guint i = 0; i < model->n_categories; i++)
    sum += series->values[i];
  return sum;
}

/* The chart the page draws for an envelope and kind, once painted. */
static const TrjChartModel *
chart_of (TrjWindow *w, TrjChartsPage *charts, const char *envelope, TrjChartKind kind)
{
  const TrjChartModel *model;

  trj_charts_page_set_envelope (charts, envelope);
  trj_charts_page_set_kind (charts, kind);
  trj_harness_wait_painted (GTK_WIDGET (w));
  model = trj_chart_view_get_model (trj_charts_page_get_view (charts));
  g_assert_nonnull (model);
  g_assert_cmpint (model->kind, ==, kind);
  return model;
}

/* The charts of every envelope kind on the Bretagne example (docs/examples):
 * the trajectory ends on the envelope's AE, the monthly AE add up to them,
 * the breakdown counts ETP or aids by département.
 *   IAE: 420 + 610 + 25 + 180 + 210 + 520 + 640 + 40 + 30 + 24 = 2 699 ETP.
 *   EA: 380 + 420 + 60 + 45 + 20 = 925 ETP.
 *   GEIQ: 220 renforcé × 1 400 + 380 standard × 814 = 617 320 €, 220 aids
 *   in Ille-et-Vilaine, 380 in the Finistère.
 *   FDI: one line of 180 000 € funded from the IAE. */
static void
test_charts_every_kind (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("TRAJECTOIRE_SRCDIR"), "docs", "examples",
                                               "bretagne-2024.json", NULL);
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "Bretagne 2024.trajectoire", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_file (example, &error);
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrjWindow *other;
  TrjChartsPage *charts;
  TrjDocument *document;
  const struct { const char *id; TrjChartUnit unit; double volume; } envelopes[] = {
    { "IAE", TRJ_CHART_UNIT_ETP, 2699 }, { "EA", TRJ_CHART_UNIT_ETP, 925 },
    { "GEIQ", TRJ_CHART_UNIT_AIDS, 600 }, { "FDI", TRJ_CHART_UNIT_CONTRACTS, 0 },
  };

  g_assert_no_error (error);
  wb = trj_workbook_new_with_scenario (path, scenario, &error);
  g_assert_no_error (error);
  trj_workbook_close (wb);
  other = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (other));
  g_assert_true (trj_window_open_file (other, file));
  document = trj_window_get_document (other);
  trj_window_show_envelope (other, TRJ_CHARTS_PAGE_NAME);
  charts = TRJ_CHARTS_PAGE (trj_window_get_page (other, TRJ_CHARTS_PAGE_NAME));
  g_assert_cmpfloat_with_epsilon (trj_document_get_envelope_result (document, "GEIQ")->f.ae_total, 617320, 1e-6);
  g_assert_cmpfloat_with_epsilon (trj_document_get_envelope_result (document, "FDI")->f.ae_total, 180000, 1e-6);

  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    {
      const TrjEnvelopeResult *r = trj_document_get_envelope_result (document, envelopes[i].id);
      const TrjChartModel *model;

      g_test_message ("%s", envelopes[i].id);
      model = chart_of (other, charts, envelopes[i].id, TRJ_CHART_TRAJECTORY);
      g_assert_nonnull (strstr (model->title, trj_chart_envelope_title (envelopes[i].id)));
      g_assert_cmpuint (model->n_categories, ==, 12);
      g_assert_cmpfloat_with_epsilon (series_of_color (model, TRJ_CHART_COLOR_AE)->values[11], r->f.ae_total, 1e-6);
      /* The reference line is what may be spent: FDI's are the credits lent to it. */
      g_assert_cmpfloat_with_epsilon (((const TrjChartRefLine *) model->ref_lines->pdata[0])->value,
                                      r->ae_available, 1e-6);

      model = chart_of (other, charts, envelopes[i].id, TRJ_CHART_MONTHLY);
      g_assert_cmpfloat_with_epsilon (series_sum (model, series_of_color (model, TRJ_CHART_COLOR_AE)),
                                      r->f.ae_total, 1e-6);
      g_assert_cmpfloat_with_epsilon (series_sum (model, series_of_color (model, TRJ_CHART_COLOR_CP)),
                                      r->f.cp_total, 1e-6);

      model = chart_of (other, charts, envelopes[i].id, TRJ_CHART_BREAKDOWN);
      g_assert_cmpint (series_of_color (model, TRJ_CHART_COLOR_VOLUME)->unit, ==, envelopes[i].unit);
      g_assert_cmpfloat_with_epsilon (series_sum (model, series_of_color (model, TRJ_CHART_COLOR_VOLUME)),
                                      envelopes[i].volume, 1e-6);
      g_assert_cmpfloat_with_epsilon (series_sum (model, series_of_color (model, TRJ_CHART_COLOR_AE)),
                                      r->f.ae_total, 1e-6);
    }
  /* The GEIQ by département, in aids. */
  {
    const TrjChartModel *model = chart_of (other, charts, "GEIQ", TRJ_CHART_BREAKDOWN);
    const TrjChartSeries *volumes = series_of_color (model, TRJ_CHART_COLOR_VOLUME);
    g_autofree char *text = trj_chart_model_to_text (model);

    g_assert_cmpuint (model->n_categories, ==, 2);
    for (guint c = 0; c < 2; c++)
      g_assert_cmpfloat (volumes->values[c], ==, g_str_equal (model->category_labels[c], "Finistère") ? 380 : 220);
    g_assert_nonnull (strstr (text, "Volumes (aides), Finistère (29)" NNBSP ": 380" NBSP "aides"));
  }
  gtk_window_destroy (GTK_WINDOW (other));
}

static GtkFileChooserNative *chooser_shown;

static void
chooser_hook (GtkFileChooserNative *chooser, gpointer data)
{
  g_set_object (&chooser_shown, chooser);
}

static gboolean
has_name (GtkWidget *widget, gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* « Nouvelle programmation » with the regional amounts the circular does not
 * print: IAE typed (its CP left empty: the AE), EA from a notification CSV
 * (the reader of trajectoire-cli new --notification) whose GEIQ row the typed
 * GEIQ amounts replace; a mistyped amount asks for no file and marks its row. */
static void
test_new_programme (void)
{
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "Nouvelle.trajectoire", NULL);
  g_autofree char *csv = g_build_filename (dir, "notification.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GtkFileChooserNative) chooser = NULL;
  TrjWindow *fresh = trj_window_new (GTK_APPLICATION (app));
  TrjStartPage *start = TRJ_START_PAGE (trj_window_get_start_page (fresh));
  GtkWidget *create = trj_harness_find (GTK_WIDGET (start), has_name, "create");
  const TrjScenario *s;

  g_assert_nonnull (create);
  g_assert_true (g_file_set_contents (csv, "enveloppe;AE;CP;volume\r\n"
                                           "EA;12 000 000;11 500 000;600\r\n"
                                           "GEIQ;900000;900000;\r\n", -1, NULL));
  trj_harness_present (GTK_WINDOW (fresh));
  trj_start_page_select_region (start, "Bretagne");
  trj_file_chooser_set_hook (chooser_hook, NULL);

  /* A mistyped amount: no file asked, the row marked. */
  g_assert_true (trj_start_page_set_amounts (start, "GEIQ", "beaucoup", NULL));
  g_signal_emit_by_name (create, "clicked");
  trj_harness_flush ();
  g_assert_null (chooser_shown);
  g_assert_false (trj_window_has_workbook (fresh));
  g_assert_true (gtk_widget_has_css_class (trj_harness_find (trj_harness_find (GTK_WIDGET (start), has_name, "GEIQ"), has_name, "ae"), "error"));
  g_assert_false (gtk_widget_has_css_class (trj_harness_find (trj_harness_find (GTK_WIDGET (start), has_name, "IAE"), has_name, "ae"), "error"));

  /* The notification chosen through the page's chooser, then the amounts. */
  {
    GtkWidget *row = trj_harness_find (GTK_WIDGET (start), has_name, "notification");
    GtkWidget *choose = trj_harness_find (row, has_name, "choose");

    g_assert_nonnull (choose);
    g_signal_emit_by_name (choose, "clicked");
    TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
    chooser = g_steal_pointer (&chooser_shown);
    trj_file_chooser_respond (chooser, csv_file);
    g_clear_object (&chooser);
    g_assert_true (g_file_equal (trj_start_page_get_notification (start), csv_file));
  }
  g_assert_true (trj_start_page_set_amounts (start, "IAE", "41 250 000", ""));
  g_assert_true (trj_start_page_set_amounts (start, "GEIQ", "1 200 000 €", "1 100 000"));
  g_signal_emit_by_name (create, "clicked");
  TRJ_HARNESS_WAIT_FOR (chooser_shown != NULL);
  chooser = g_steal_pointer (&chooser_shown);
  trj_file_chooser_respond (chooser, target);
  TRJ_HARNESS_WAIT_FOR (trj_window_has_workbook (fresh));
  trj_file_chooser_set_hook (NULL, NULL);

  s = trj_document_get_scenario (trj_window_get_document (fresh));
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "IAE")->ae_notified, ==, 41250000);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "IAE")->cp_notified, ==, 41250000);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "EA")->ae_notified, ==, 12000000);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "EA")->cp_notified, ==, 11500000);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "EA")->volume_notified, ==, 600);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "GEIQ")->ae_notified, ==, 1200000);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "GEIQ")->cp_notified, ==, 1100000);
  /* The contrats aidés of the circular, as without the file. */
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "PEC_CIE_TP")->ae_notified, ==, 6813468);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (fresh));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  /* The figures of the engine's messages in French, as the application has them. */
  trj_format_install_in_engine ();

  path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/fie-window/iae-line", test_iae_line);
  g_test_add_func ("/fie-window/to-verify", test_to_verify);
  g_test_add_func ("/fie-window/fdi-line", test_fdi_line);
  g_test_add_func ("/fie-window/monthly-etp", test_monthly_etp);
  g_test_add_func ("/fie-window/monthly-hirings", test_monthly_hirings);
  g_test_add_func ("/fie-window/realised-etp", test_realised_etp);
  g_test_add_func ("/fie-window/territorial-source", test_territorial_source);
  g_test_add_func ("/fie-window/demandes", test_demandes);
  g_test_add_func ("/fie-window/notification", test_notification);
  g_test_add_func ("/fie-window/new-programme", test_new_programme);
  g_test_add_func ("/fie-window/charts-every-kind", test_charts_every_kind);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
