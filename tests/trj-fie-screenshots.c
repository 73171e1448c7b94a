/* trj-fie-screenshots.c — every envelope of the FIE on screen (run by tools/screenshots under Xvfb)
 *
 * Usage: trj-fie-screenshots OUTPUT_DIR EXAMPLE.json
 * Opens a workbook made of the Bretagne example (docs/examples/bretagne-2024.json:
 * contrats aidés, IAE by structure, EA, GEIQ and an FDI line funded from the
 * IAE) at 1280 × 800 and saves the Synthèse, the IAE, EA, GEIQ and FDI pages
 * and the charts of each envelope kind.
 */
#include "config.h"

#include "trj-ui-harness.h"
#include "trj-charts-page.h"
#include "trj-envelope-page.h"
#include "trj-json.h"

static void
shoot (GtkWidget *toplevel, const char *dir, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  trj_harness_wait_frames (toplevel, 3);
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
  trj_workbook_close (wb);

  window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  if (!trj_window_open_file (window, file))
    g_error ("cannot open %s", path);

  trj_window_show_envelope (window, NULL);
  shoot (GTK_WIDGET (window), argv[1], "fie-synthese");
  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    {
      g_autofree char *name = g_ascii_strdown (envelopes[i], -1);
      g_autofree char *shot = g_strconcat ("fie-envelope-", name, NULL);

      trj_window_show_envelope (window, envelopes[i]);
      shoot (GTK_WIDGET (window), argv[1], shot);
    }

  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  charts_page = TRJ_CHARTS_PAGE (trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME));
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      trj_charts_page_set_envelope (charts_page, charts[i].envelope);
      trj_charts_page_set_kind (charts_page, charts[i].kind);
      shoot (GTK_WIDGET (window), argv[1], charts[i].name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
