/* trj-fie-screenshots.c — every envelope of the FIE on screen (run by tools/screenshots under Xvfb)
 *
 * Usage: trj-fie-screenshots OUTPUT_DIR EXAMPLE.json
 * Opens a workbook made of the Bretagne example (docs/examples/bretagne-2024.json:
 * contrats aidés, IAE by structure, EA, GEIQ and an FDI line funded from the
 * IAE), with 150 000 € of initiatives territoriales taken from the IAE and a
 * demande complémentaire for the GEIQ, at 1280 × 800 and saves the Synthèse
 * (its top and its fungibility and demandes), the IAE, EA, GEIQ and FDI pages,
 * the IAE and GEIQ monthly grids, the IAE's realised ETP and « Notification… » dialog, the
 * « Structures de l'IAE » and « Bourse aux postes » windows, and the charts of each envelope kind; then the IAE page,
 * its monthly grid and the Synthèse at 1920 × 1080.
 */
#include "config.h"

#include "trj-ui-harness.h"
#include "trj-charts-page.h"
#include "trj-envelope-page.h"
#include "trj-summary-page.h"
#include "trj-json.h"

static void shoot (GtkWidget *toplevel, const char *dir, const char *name);

/* The scrolled window of the Synthèse, scrolled to its end. */
static void
scroll_to_end (GtkWidget *page)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (page);
  GtkAdjustment *adjustment;

  g_assert (GTK_IS_SCROLLED_WINDOW (scrolled));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
shoot_iae (TrjWindow *window, const char *dir, const char *suffix)
{
  g_autofree char *lines = g_strconcat ("fie-envelope-iae", suffix, NULL);
  g_autofree char *months = g_strconcat ("fie-envelope-iae-etp-par-mois", suffix, NULL);
  g_autofree char *summary = g_strconcat ("fie-synthese", suffix, NULL);
  TrjEnvelopePage *page;

  trj_window_show_envelope (window, NULL);
  shoot (GTK_WIDGET (window), dir, summary);
  trj_window_show_envelope (window, "IAE");
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  trj_envelope_page_show_entries (page, FALSE);
  shoot (GTK_WIDGET (window), dir, lines);
  trj_envelope_page_show_entries (page, TRUE);
  shoot (GTK_WIDGET (window), dir, months);
  trj_envelope_page_show_entries (page, FALSE);
}

static void
shoot (GtkWidget *toplevel, const char *dir, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  trj_harness_wait_settled (toplevel);
  if (!trj_harness_save_png (toplevel, path, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
}

int
main (int argc, char *argv[])
{
  g_autoptr(TrjApplication) app = trj_harness_init (&argc, &argv);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL, *path = NULL;
  const char *envelopes[] = { "IAE", "EA", "GEIQ", "FDI" };
  const struct { const char *envelope; TrjChartKind kind; const char *name; } charts[] = {
    { "IAE", TRJ_CHART_TRAJECTORY, "fie-chart-iae-trajectory" },
    { "IAE", TRJ_CHART_BREAKDOWN, "fie-chart-iae-breakdown" },
    { "EA", TRJ_CHART_MONTHLY, "fie-chart-ea-monthly" },
    { "GEIQ", TRJ_CHART_MONTHLY, "fie-chart-geiq-monthly" },
    { "GEIQ", TRJ_CHART_BREAKDOWN, "fie-chart-geiq-breakdown" },
    { "FDI", TRJ_CHART_TRAJECTORY, "fie-chart-fdi-trajectory" },
    { "IAE", TRJ_CHART_PARAMETERS, "fie-chart-iae-parameters" },
  };
  TrjWindow *window;
  TrjChartsPage *charts_page;

  if (argc != 3)
    {
      g_printerr ("usage: %s OUTPUT_DIR EXAMPLE.json\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);
  dir = trj_harness_temp_dir ();
  path = g_build_filename (dir, "Bretagne 2024.trajectoire", NULL);
  if ((scenario = trj_json_scenario_from_file (argv[2], &error)) == NULL
      || (wb = trj_workbook_new_with_scenario (path, scenario, &error)) == NULL)
    g_error ("%s", error->message);
  {
    gint64 id = trj_workbook_get_current_scenario (wb);

    if (!trj_workbook_set_fungibility (wb, id, TRJ_FUNGIBILITY_TERRITORIAL_AE, 150000, &error)
        || !trj_workbook_set_territorial_source (wb, id, "IAE", &error)
        || !trj_workbook_set_envelope_number (wb, id, "GEIQ", TRJ_ENVELOPE_FIELD_DEMANDE_AE, 56000, &error)
        || !trj_workbook_set_envelope_number (wb, id, "GEIQ", TRJ_ENVELOPE_FIELD_DEMANDE_CP, 42000, &error)
        || !trj_workbook_set_demande_reason (wb, id, "GEIQ", "40 embauches de plus au GEIQ BTP 35", &error))
      g_error ("%s", error->message);
    /* The ASP's declarations to the end of May: the Jardins de Cocagne at
     * 350 ETP of 420 (83 %, under the 90 % tolerance) give, Tri Armor (EI)
     * at 185 of 180 receives first. */
    for (int m = 0; m < 5; m++)
      if (!trj_workbook_set_line_month (wb, id, "aci-29-jardins", TRJ_LINE_MONTHS_REALISED_ETP, m, 350, &error)
          || !trj_workbook_set_line_month (wb, id, "ei-22-tri", TRJ_LINE_MONTHS_REALISED_ETP, m, 185, &error))
        g_error ("%s", error->message);
  }
  trj_workbook_close (wb);

  window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  if (!trj_window_open_file (window, file))
    g_error ("cannot open %s", path);

  trj_window_show_envelope (window, NULL);
  shoot (GTK_WIDGET (window), argv[1], "fie-synthese");
  scroll_to_end (GTK_WIDGET (trj_window_get_page (window, NULL)));
  shoot (GTK_WIDGET (window), argv[1], "fie-synthese-fongibilite");
  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    {
      g_autofree char *name = g_ascii_strdown (envelopes[i], -1);
      g_autofree char *shot = g_strconcat ("fie-envelope-", name, NULL);

      trj_window_show_envelope (window, envelopes[i]);
      shoot (GTK_WIDGET (window), argv[1], shot);
    }

  {
    TrjEnvelopePage *page;
    GtkWindow *other;

    trj_window_show_envelope (window, "GEIQ");
    page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
    trj_envelope_page_show_entries (page, TRUE);
    shoot (GTK_WIDGET (window), argv[1], "fie-envelope-geiq-embauches");
    trj_envelope_page_show_entries (page, FALSE);

    trj_window_show_envelope (window, "IAE");
    page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
    trj_envelope_page_show_entries (page, TRUE);
    shoot (GTK_WIDGET (window), argv[1], "fie-envelope-iae-etp-par-mois");
    trj_envelope_page_show_entries (page, FALSE);
    trj_envelope_page_show_realised (page);
    shoot (GTK_WIDGET (window), argv[1], "fie-envelope-iae-etp-realises");
    trj_envelope_page_show_entries (page, FALSE);
    other = trj_envelope_page_edit_notification (page);
    shoot (GTK_WIDGET (other), argv[1], "fie-notification");
    gtk_window_destroy (other);
    other = trj_envelope_page_open_structures (page);
    shoot (GTK_WIDGET (other), argv[1], "fie-structures");
    gtk_window_destroy (other);
    other = trj_envelope_page_open_bourse (page);
    shoot (GTK_WIDGET (other), argv[1], "fie-bourse");
    gtk_window_destroy (other);
  }

  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  charts_page = TRJ_CHARTS_PAGE (trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME));
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      trj_charts_page_set_envelope (charts_page, charts[i].envelope);
      trj_charts_page_set_kind (charts_page, charts[i].kind);
      shoot (GTK_WIDGET (window), argv[1], charts[i].name);
    }

  /* A 1920 × 1080 screen. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  trj_harness_wait_settled (GTK_WIDGET (window));
  shoot_iae (window, argv[1], "-1920x1080");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
