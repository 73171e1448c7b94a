/* trj-screenshots.c — saves the main screens as PNG (run by tools/screenshots under Xvfb)
 *
 * Usage: trj-screenshots OUTPUT_DIR
 * On a Bretagne 2024 workbook: start page, envelope page, monthly entries grid,
 * an invalid entry refused next to its cell, the solver on a line and on the
 * envelope, the envelope page at 1920 × 1080, the summary (with the CAOM of
 * the Finistère and the Ille-et-Vilaine), the presentation
 * mode (F5, at 1280 × 720), and the
 * workbook opened a second time (read-only).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-note-dialog.h"
#include "trj-lines-model.h"
#include "trj-solver-dialog.h"
#include "trj-profiles-dialog.h"
#include "trj-charts-page.h"

/* A toplevel as it renders itself; or, with `screen` and ImageMagick's
 * `import`, the whole screen (popovers are surfaces of their own, which the
 * window's rendering leaves out). */
static void
shoot (GtkWidget *toplevel, const char *dir, const char *name, gboolean screen)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *import = screen ? g_find_program_in_path ("import") : NULL;
  int status = 0;

  trj_harness_wait_settled (toplevel);
  if (import != NULL)
    {
      const char *argv[] = { import, "-window", "root", path, NULL };

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                         &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("import: %s", error->message);
    }
  else if (!trj_harness_save_png (toplevel, path, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
}

static const struct {
  guint row, column;
  const char *text;
} typed[] = {
  { 0, TRJ_LINES_COLUMN_LABEL, "PEC Finistère" },
  { 0, TRJ_LINES_COLUMN_DEPARTEMENT, "29" },
  { 0, TRJ_LINES_COLUMN_PRESCRIBER, "France Travail" },
  { 0, TRJ_LINES_COLUMN_VOLUME, "800" },
  { 1, TRJ_LINES_COLUMN_LABEL, "PEC Ille-et-Vilaine" },
  { 1, TRJ_LINES_COLUMN_DEPARTEMENT, "35" },
  { 1, TRJ_LINES_COLUMN_PRESCRIBER, "Cap emploi" },
  { 1, TRJ_LINES_COLUMN_VOLUME, "536" },
  { 1, TRJ_LINES_COLUMN_RATE, "45 %" },
  { 1, TRJ_LINES_COLUMN_COFINANCING, "20 %" },
};

int
main (int argc, char *argv[])
{
  g_autoptr(TrjApplication) app = trj_harness_init (&argc, &argv);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  TrjWindow *window, *second;
  TrjEnvelopePage *page;
  TrjGrid *grid;
  GtkWindow *solver;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT_DIR\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);

  window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  shoot (GTK_WIDGET (window), argv[1], "start-page", FALSE);

  path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (path);
  if (!trj_window_open_file (window, file))
    g_error ("cannot open %s", path);
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  grid = trj_envelope_page_get_lines_grid (page);
  /* Two lines typed as a planner would, so that the grid looks like a programme. */
  trj_envelope_page_duplicate_line (page, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      trj_grid_set_cursor (grid, typed[i].row, typed[i].column);
      trj_grid_start_editing (grid, typed[i].text);
      if (!trj_grid_commit_edit (grid))
        g_error ("%s refused: %s", typed[i].text, trj_grid_get_error_message (grid));
    }
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  shoot (GTK_WIDGET (window), argv[1], "envelope-page", FALSE);

  trj_envelope_page_show_entries (page, TRUE);
  shoot (GTK_WIDGET (window), argv[1], "monthly-grid", FALSE);

  /* « Renommer ou supprimer les profils enregistrés… » with two profiles. */
  {
    static const double autumn[TRJ_MONTHS] = { 1, 1, 1, 1, 1, 1, 0, 0, 4, 3, 1, 0.5 };
    static const double spring[TRJ_MONTHS] = { 0, 2, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0 };
    TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
    g_autoptr(GError) error = NULL;
    GtkWindow *profiles;

    if (!trj_workbook_save_profile (wb, "Rentrée 29", autumn, &error)
        || !trj_workbook_save_profile (wb, "Printemps Mission locale", spring, &error))
      g_error ("%s", error->message);
    profiles = trj_profiles_dialog_new (GTK_WINDOW (window), wb);
    gtk_window_present (profiles);
    shoot (GTK_WIDGET (profiles), argv[1], "saved-profiles", FALSE);
    gtk_window_destroy (profiles);
  }
  trj_envelope_page_show_entries (page, FALSE);

  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  trj_grid_start_editing (grid, "150 %");
  trj_grid_commit_edit (grid);
  shoot (GTK_WIDGET (window), argv[1], "invalid-entry", FALSE);
  trj_grid_cancel_edit (grid);

  solver = trj_envelope_page_solve (page);
  trj_solver_dialog_set_unknown (TRJ_SOLVER_DIALOG (solver), TRJ_UNKNOWN_RATE);
  shoot (GTK_WIDGET (solver), argv[1], "solver", FALSE);
  gtk_window_close (solver);

  /* « Ajuster sur l'enveloppe… »: a common rate, and the profile for the CP. */
  solver = trj_envelope_page_solve_envelope (page);
  trj_solver_dialog_set_unknown (TRJ_SOLVER_DIALOG (solver), TRJ_UNKNOWN_RATE);
  trj_solver_dialog_set_profile (TRJ_SOLVER_DIALOG (solver), TRUE);
  shoot (GTK_WIDGET (solver), argv[1], "solveur-enveloppe", FALSE);
  gtk_window_close (solver);

  /* « Note de la ligne » on the first line (issue 13). */
  {
    TrjWorkbook *wb = trj_document_get_workbook (trj_window_get_document (window));
    const TrjLine *line;
    GtkWindow *note;

    trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
    line = trj_envelope_page_get_cursor_line (page);
    if (!trj_workbook_set_line_text (wb, trj_document_get_scenario_id (trj_window_get_document (window)),
                                     line->id, TRJ_LINE_FIELD_NOTE,
                                     "Convention signée avec la Mission locale le 12 janvier.\nÀ revoir en juin.", NULL))
      g_error ("the note was refused");
    note = trj_envelope_page_edit_note (page);
    shoot (GTK_WIDGET (note), argv[1], "note-ligne", FALSE);
    gtk_window_destroy (note);
  }

  /* The envelope page on a large screen, with its toolbar whole; the
   * subtotals and the chart beside the grid there too (issue 13). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) > 1280);
  shoot (GTK_WIDGET (window), argv[1], "envelope-page-1920x1080", FALSE);
  trj_envelope_page_show_subtotals (page, TRJ_SUBTOTALS_BY_DEPARTEMENT);
  shoot (GTK_WIDGET (window), argv[1], "sous-totaux-1920x1080", FALSE);
  trj_envelope_page_show_entries (page, FALSE);
  trj_envelope_page_show_side_chart (page, TRUE);
  shoot (GTK_WIDGET (window), argv[1], "graphique-lateral-1920x1080", FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 1280);
  shoot (GTK_WIDGET (window), argv[1], "graphique-lateral", FALSE);
  trj_envelope_page_show_side_chart (page, FALSE);

  /* The conseils départementaux's CAOM: 130 and 100 cofinanced contracts
   * against the lines' 15 % of 800 and 20 % of 536. */
  {
    TrjDocument *document = trj_window_get_document (window);
    g_autoptr(TrjEnvelope) caom = trj_envelope_new ("PEC_CIE_TP");
    g_autoptr(GError) error = NULL;

    trj_envelope_add_caom (caom, trj_caom_new ("29", 130));
    trj_envelope_add_caom (caom, trj_caom_new ("35", 100));
    if (!trj_workbook_set_caom (trj_document_get_workbook (document), trj_document_get_scenario_id (document),
                                "PEC_CIE_TP", caom, &error))
      g_error ("%s", error->message);
  }
  trj_window_show_envelope (window, NULL);
  shoot (GTK_WIDGET (window), argv[1], "summary", FALSE);

  /* F5's presentation of the first envelope's trajectory, with its hint. */
  {
    TrjChartsPage *charts;
    GtkWindow *presentation;

    trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
    charts = TRJ_CHARTS_PAGE (trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME));
    trj_charts_page_set_envelope (charts, "PEC_CIE_TP");
    trj_charts_page_set_kind (charts, TRJ_CHART_TRAJECTORY);
    presentation = trj_charts_page_present (charts);
    gtk_window_unfullscreen (presentation);
    gtk_window_set_default_size (presentation, 1280, 720);
    shoot (GTK_WIDGET (presentation), argv[1], "presentation", FALSE);
    gtk_window_destroy (presentation);
  }

  /* The same workbook in a second window: read-only, with its banner. */
  second = trj_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (second), 1280, 800);
  gtk_window_present (GTK_WINDOW (second));
  if (!trj_window_open_file (second, file))
    g_error ("cannot open %s a second time", path);
  shoot (GTK_WIDGET (second), argv[1], "read-only", FALSE);
  gtk_window_destroy (GTK_WINDOW (second));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
