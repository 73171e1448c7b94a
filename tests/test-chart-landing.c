/* test-chart-landing.c — « Réalisé et atterrissage AE/CP » (TRJ_CHART_LANDING,
 * MODEL 8): the chart model's values, its rendering, the report's pages read
 * back with pdftotext, and `trajectoire-cli chart --kind landing` / `report`
 * on a workbook with actuals.
 *
 * The hand-computed case of test-actuals (fixtures/actuals/landing-scenario.json
 * with good.csv, actuals to June; SMIC 10 €, 4 weeks a month, lag 0):
 *   PEC et CIE tous publics, line a: 12 entries a month to June at 2 880 € a
 *     contract (34 560 € of AE a month: 207 360 € at the end of June), then
 *     10 a month at the observed 60 % (28 800 € a month): 380 160 € in
 *     December against 300 000 € notified, an overrun of 80 160 €. CP to June:
 *     every cohort still paid (6 months), 480 € a contract a month: 12 × 480 ×
 *     (1 + 2 + … + 6) = 120 960 €; December 308 160 €.
 *   CIE jeunes, line b: 5 a month at 2 400 € (12 000 € a month), but the ASP's
 *     10 000 € in March: 70 000 € at the end of June; 142 000 € in December
 *     against 100 000 €.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "trj-actuals-csv.h"
#include "trj-chart-export.h"
#include "trj-chart-render.h"
#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-report.h"
#include "trj-workbook.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static const char *cli_path;

typedef struct {
  TrjScenario *scenario;
  TrjResult *result;
  TrjActuals *actuals;
  TrjLanding *landing;
  char *dir;
} Fixture;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", name, NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const TrjYearData *year = trj_year_data_get (2024, NULL);
  g_autofree char *json = fixture ("landing-scenario.json");
  g_autofree char *csv = fixture ("good.csv");
  g_autoptr(GError) error = NULL;

  f->scenario = trj_json_scenario_from_file (json, &error);
  g_assert_no_error (error);
  f->result = trj_result_new (f->scenario);
  g_assert_true (trj_engine_compute (f->scenario, &year->rules, f->result, &error));
  f->actuals = trj_actuals_read_csv (csv, f->scenario, &error);
  g_assert_no_error (error);
  f->landing = trj_landing_compute (f->scenario, f->actuals, TRJ_PROJECTION_OBSERVED, &year->rules, &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("trj-chart-landing-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  trj_test_remove_dir (f->dir);
  g_free (f->dir);
  trj_landing_free (f->landing);
  trj_actuals_free (f->actuals);
  trj_result_free (f->result);
  trj_scenario_free (f->scenario);
}

static TrjChartModel *
build (Fixture *f, const char *envelope_id, const TrjLanding *landing, GError **error)
{
  TrjChartSource source = { f->scenario, f->result, "Programmation" };
  TrjChartRequest request = { TRJ_CHART_LANDING, envelope_id, TRJ_CHART_BY_DEPARTEMENT, NULL, landing };

  return trj_chart_model_build (&request, &source, 1, error);
}

static const TrjChartSeries *
series (const TrjChartModel *model, guint i)
{
  g_assert_cmpuint (i, <, model->series->len);
  return g_ptr_array_index (model->series, i);
}

static void
test_model (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjChartModel) model = build (f, "PEC_CIE_TP", f->landing, &error);
  g_autoptr(TrjChartModel) cie = NULL;
  g_autoptr(TrjChartModel) region = NULL;
  g_autofree char *text = NULL;
  const TrjChartSeries *ae_realised, *ae_projected, *cp_realised, *cp_projected;

  g_assert_no_error (error);
  g_assert_cmpint (model->kind, ==, TRJ_CHART_LANDING);
  g_assert_cmpstr (model->title, ==, "Réalisé et atterrissage AE/CP — PEC et CIE tous publics");
  g_assert_cmpuint (model->n_categories, ==, 12);
  g_assert_cmpuint (model->series->len, ==, 4);
  g_assert_cmpuint (model->mark_month, ==, 6);
  g_assert_cmpstr (model->mark_label, ==, "données à fin juin");
  ae_realised = series (model, 0);
  ae_projected = series (model, 1);
  cp_realised = series (model, 2);
  cp_projected = series (model, 3);
  g_assert_false (ae_realised->dashed);
  g_assert_true (ae_projected->dashed);
  g_assert_false (cp_realised->dashed);
  g_assert_true (cp_projected->dashed);

  /* Realised January to June, projected from June: they meet at June. */
  g_assert_cmpfloat_with_epsilon (ae_realised->values[0], 34560, 1e-6);
  g_assert_cmpfloat_with_epsilon (ae_realised->values[5], 207360, 1e-6);
  g_assert_true (isnan (ae_realised->values[6]));
  g_assert_true (isnan (ae_projected->values[4]));
  g_assert_cmpfloat_with_epsilon (ae_projected->values[5], 207360, 1e-6);
  g_assert_cmpfloat_with_epsilon (ae_projected->values[6], 207360 + 28800, 1e-6);
  g_assert_cmpfloat_with_epsilon (ae_projected->values[11], 380160, 1e-6);
  g_assert_cmpfloat_with_epsilon (cp_realised->values[5], 120960, 1e-6);
  g_assert_cmpfloat_with_epsilon (cp_projected->values[11], 308160, 1e-6);
  /* The December point is the landing the engine reports. */
  g_assert_cmpfloat_with_epsilon (ae_projected->values[11], f->landing->envelopes[0].ae_landing, 1e-6);
  g_assert_cmpfloat_with_epsilon (cp_projected->values[11], f->landing->envelopes[0].cp_landing, 1e-6);

  /* Against the envelope: 300 000 € notified, 80 160 € over. */
  g_assert_cmpuint (model->ref_lines->len, ==, 2);
  g_assert_cmpfloat (((TrjChartRefLine *) g_ptr_array_index (model->ref_lines, 0))->value, ==, 300000);
  g_assert_cmpfloat (((TrjChartRefLine *) g_ptr_array_index (model->ref_lines, 1))->value, ==, 200000);
  g_assert_cmpfloat_with_epsilon (((TrjChartMargin *) g_ptr_array_index (model->margins, 0))->value, -80160, 1e-6);

  /* The text (tooltips, accessible description): the mark, no « nan ». */
  g_assert_null (trj_chart_model_describe_point (model, 0, 6));
  g_assert_null (trj_chart_model_describe_point (model, 1, 4));
  text = trj_chart_model_to_text (model);
  g_assert_nonnull (strstr (text, "données à fin juin"));
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "NaN"));

  /* CIE jeunes: the ASP's 10 000 € in March. */
  cie = build (f, "CIE_JEUNES", f->landing, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (series (cie, 0)->values[2], 34000, 1e-6);
  g_assert_cmpfloat_with_epsilon (series (cie, 0)->values[5], 70000, 1e-6);
  g_assert_cmpfloat_with_epsilon (series (cie, 1)->values[11], 142000, 1e-6);

  /* The region: the sum of the two. */
  region = build (f, NULL, f->landing, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (series (region, 0)->values[5], 207360 + 70000, 1e-6);
  g_assert_cmpfloat_with_epsilon (series (region, 1)->values[11], 380160 + 142000, 1e-6);
  g_assert_cmpfloat (((TrjChartRefLine *) g_ptr_array_index (region->ref_lines, 0))->value, ==, 400000);
}

static void
test_no_actuals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjChartModel) model = build (f, "PEC_CIE_TP", NULL, &error);

  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "réalisé"));
}

/* Drawn at several sizes, light and dark: the mark's label among the texts, the realised and projected AE
 * each drawn through their months only (hover targets), no overlap. */
static void
render_one (const TrjChartModel *model, int width, int height, gboolean dark)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  TrjChartLayout *layout = trj_chart_layout_new ();
  TrjChartStyle style;
  gboolean mark = FALSE;
  guint realised = 0, projected = 0, first, second;

  trj_chart_style_init (&style, dark);
  trj_chart_render (cr, context, width, height, &style, model, NULL, layout);
  for (guint i = 0; i < layout->labels->len; i++)
    if (g_strcmp0 (g_array_index (layout->labels, TrjChartLabel, i).text, "données à fin juin") == 0)
      mark = TRUE;
  g_assert_true (mark);
  for (guint i = 0; i < layout->targets->len; i++)
    {
      const TrjChartTarget *t = &g_array_index (layout->targets, TrjChartTarget, i);

      realised += t->item.series == 0;
      projected += t->item.series == 1;
    }
  g_assert_cmpuint (realised, ==, 6);
  g_assert_cmpuint (projected, ==, 7);
  if (trj_chart_layout_find_overlap (layout, &first, &second))
    g_error ("%d × %d: « %s » over « %s »", width, height,
             g_array_index (layout->labels, TrjChartLabel, first).text,
             g_array_index (layout->labels, TrjChartLabel, second).text);
  trj_chart_layout_free (layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_render (Fixture *f, gconstpointer data)
{
  const int sizes[][2] = { { 1600, 900 }, { 1200, 700 }, { 800, 450 }, { 1920, 1080 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjChartModel) model = build (f, "PEC_CIE_TP", f->landing, &error);
  g_autoptr(TrjChartModel) region = build (f, NULL, f->landing, &error);

  g_assert_no_error (error);
  for (int dark = 0; dark <= 1; dark++)
    for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        render_one (model, sizes[s][0], sizes[s][1], dark);
        render_one (region, sizes[s][0], sizes[s][1], dark);
      }
}

/* Output of a poppler tool on a file. */
static char *
run_poppler (const char *tool, const char *path)
{
  const char *argv[] = { tool, "-enc", "UTF-8", path, "-", NULL };
  const char *info_argv[] = { tool, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) (g_str_equal (tool, "pdfinfo") ? info_argv : argv), NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The report: one landing page per envelope with lines, after the charts. */
static void
test_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjReport) report = trj_report_new (f->scenario, "Programmation", NULL, &error);
  g_autofree char *path = g_build_filename (f->dir, "rapport.pdf", NULL);
  const TrjYearData *year = trj_year_data_get (2024, NULL);
  TrjLanding *landing = trj_landing_compute (f->scenario, f->actuals, TRJ_PROJECTION_OBSERVED, &year->rules, &error);
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  guint before;

  g_assert_no_error (error);
  before = trj_report_get_n_pages (report);
  g_assert_true (trj_report_add_landing (report, trj_scenario_copy (f->scenario), "Programmation", landing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (trj_report_get_n_pages (report), ==, before + 2);
  g_assert_true (trj_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  text = run_poppler ("pdftotext", path);
  plain = trj_test_plain_spaces (text);
  g_assert_nonnull (strstr (plain, "Réalisé et atterrissage AE/CP — PEC et CIE tous publics"));
  g_assert_nonnull (strstr (plain, "Réalisé et atterrissage AE/CP — CIE jeunes"));
  g_assert_nonnull (strstr (plain, "données à fin juin"));
  /* The overruns at December: 80 160 € and 42 000 €. */
  g_assert_nonnull (strstr (plain, "80 160 €"));
  g_assert_nonnull (strstr (plain, "42 000 €"));
  /* After the charts of the envelopes, before the lines table. */
  g_assert_true (strstr (plain, "Réalisé et atterrissage") > strstr (plain, "AE et CP par mois — CIE jeunes"));
  g_assert_true (strstr (plain, "Réalisé et atterrissage AE/CP — CIE jeunes") < strstr (plain, "Lignes de programmation"));
}

static int
run_cli (const char * const *args, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* trajectoire-cli chart --kind landing and report on a workbook: refused
 * before the actuals are imported, drawn after. */
static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *workbook = g_build_filename (f->dir, "bretagne.trj", NULL);
  g_autofree char *png = g_build_filename (f->dir, "landing.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "rapport.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (cli_path == NULL)
    {
      g_test_skip ("trajectoire-cli not given");
      return;
    }
  {
    g_autoptr(TrjWorkbook) wb = trj_workbook_new_with_scenario (workbook, f->scenario, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli ((const char *[]) { "chart", workbook, "--kind", "landing", "-o", png, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "réalisé"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  {
    g_autoptr(TrjWorkbook) wb = trj_workbook_open (workbook, &error);

    g_assert_no_error (error);
    g_assert_true (trj_workbook_import_actuals (wb, f->actuals, &error));
  }
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "chart", workbook, "--kind", "landing", "--envelope", "PEC_CIE_TP",
                                               "-o", png, NULL }, &err), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "report", workbook, "-o", pdf, NULL }, &err), ==, 0);
  text = run_poppler ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "Réalisé et atterrissage AE/CP"));
  g_assert_nonnull (strstr (text, "données à fin juin"));
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  trj_format_install_in_engine ();
  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;
  g_test_add ("/chart-landing/model", Fixture, NULL, fixture_setup, test_model, fixture_teardown);
  g_test_add ("/chart-landing/no-actuals", Fixture, NULL, fixture_setup, test_no_actuals, fixture_teardown);
  g_test_add ("/chart-landing/render", Fixture, NULL, fixture_setup, test_render, fixture_teardown);
  g_test_add ("/chart-landing/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/chart-landing/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  return g_test_run ();
}
