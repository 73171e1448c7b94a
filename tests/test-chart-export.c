/* test-chart-export.c — PNG, SVG and PDF files of charts, and the PDF report of
 * the 2024 Bretagne notification (pdfinfo and pdftotext from poppler-utils). */
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "trj-catalog.h"
#include "trj-chart-export.h"
#include "trj-format.h"
#include "trj-json.h"
#include "trj-i18n.h"
#include "trj-report.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

typedef struct {
  TrjScenario *scenario;
  TrjResult *result;
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const TrjYearData *year = trj_year_data_get (2024, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (year);
  f->scenario = trj_year_data_example (year, "Bretagne", &error);
  g_assert_no_error (error);
  f->result = trj_result_new (f->scenario);
  g_assert_true (trj_engine_compute (f->scenario, &year->rules, f->result, &error));
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("trj-chart-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  trj_test_remove_dir (f->dir);
  g_free (f->dir);
  trj_scenario_free (f->scenario);
  trj_result_free (f->result);
}

static TrjChartModel *
model_of (Fixture *f, TrjChartKind kind)
{
  TrjChartSource sources[] = { { f->scenario, f->result, "Notification" }, { f->scenario, f->result, "Copie" } };
  TrjChartRequest request = { kind, "PEC_CIE_TP", TRJ_CHART_BY_DEPARTEMENT, NULL };
  g_autoptr(GError) error = NULL;
  TrjChartModel *model = trj_chart_model_build (&request, sources, 2, &error);

  g_assert_no_error (error);
  return model;
}

static char *
export (Fixture *f, TrjChartKind kind, TrjChartFormat format, int w, int h)
{
  g_autoptr(TrjChartModel) model = model_of (f, kind);
  g_autofree char *name = g_strdup_printf ("%s-%dx%d.%s", trj_chart_kind_to_string (kind), w, h,
                                           trj_chart_format_extension (format));
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  TrjChartStyle style;

  trj_chart_style_init (&style, FALSE);
  g_assert_true (trj_chart_export (model, &style, format, w, h, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_png_size (Fixture *f, gconstpointer data)
{
  const int sizes[][2] = { { TRJ_CHART_EXPORT_WIDTH, TRJ_CHART_EXPORT_HEIGHT }, { 1234, 567 } };

  for (TrjChartKind kind = 0; kind < TRJ_N_CHART_KINDS; kind++)
    for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autofree char *path = NULL;
        cairo_surface_t *png;

        /* The landing needs actuals: tests/test-chart-landing.c. */
        if (kind == TRJ_CHART_LANDING)
          continue;
        path = export (f, kind, TRJ_CHART_FORMAT_PNG, sizes[s][0], sizes[s][1]);
        png = cairo_image_surface_create_from_png (path);
        g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (png), ==, sizes[s][0]);
        g_assert_cmpint (cairo_image_surface_get_height (png), ==, sizes[s][1]);
        cairo_surface_destroy (png);
      }
}

static void
test_svg_parses (Fixture *f, gconstpointer data)
{
  for (TrjChartKind kind = 0; kind < TRJ_N_CHART_KINDS; kind++)
    {
      g_autofree char *path = NULL;
      xmlDocPtr doc;
      xmlNodePtr root;
      xmlChar *width;

      /* The landing needs actuals: tests/test-chart-landing.c. */
      if (kind == TRJ_CHART_LANDING)
        continue;
      path = export (f, kind, TRJ_CHART_FORMAT_SVG, 1600, 900);
      doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

      g_assert_nonnull (doc);
      root = xmlDocGetRootElement (doc);
      g_assert_cmpstr ((const char *) root->name, ==, "svg");
      width = xmlGetProp (root, (const xmlChar *) "width");
      g_assert_cmpstr ((const char *) width, ==, "1600pt");
      xmlFree (width);
      xmlFreeDoc (doc);
    }
}

static void
test_pdf_chart (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, TRJ_CHART_TRAJECTORY, TRJ_CHART_FORMAT_PDF, 1600, 900);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
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

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2024, 6, 15, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjReport) report = trj_report_new (f->scenario, "Notification", date, &error);
  g_autofree char *path = g_build_filename (f->dir, "rapport.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  const TrjEnvelope *pec = g_ptr_array_index (f->scenario->envelopes, 0);
  g_autofree char *notified = trj_format_money (pec->ae_notified);
  g_autofree char *programmed = trj_format_money (f->result->envelopes[0].f.ae_total);
  g_autofree char *notified_plain = trj_test_plain_spaces (notified);
  g_autofree char *programmed_plain = trj_test_plain_spaces (programmed);
  g_autofree char *last_page = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Page %u of %u"), 8, 8);

  g_assert_no_error (error);
  /* Five envelopes, but IAE, EA and GEIQ are notified nothing and hold no line:
   * cover, summary, 2 envelopes × (trajectory, monthly), lines, alerts. */
  g_assert_cmpuint (f->scenario->envelopes->len, ==, 5);
  g_assert_cmpuint (trj_report_get_n_pages (report), ==, 8);
  g_assert_true (trj_report_write_pdf (report, path, &error));
  g_assert_no_error (error);

  info = run_poppler ("pdfinfo", path);
  g_assert_true (g_regex_match_simple ("^Pages:\\s+8$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size:\\s+841.89 x 595.28 pts \\(A4\\)", info, G_REGEX_MULTILINE, 0));

  text = run_poppler ("pdftotext", path);
  plain = trj_test_plain_spaces (text);
  g_assert_nonnull (strstr (plain, "Bretagne"));
  g_assert_true (g_str_equal (notified_plain, "6 813 468 €"));
  g_assert_nonnull (strstr (plain, notified_plain));
  g_assert_nonnull (strstr (plain, programmed_plain));
  g_assert_nonnull (strstr (plain, last_page));
}

/* 60 lines in PEC_CIE_TP: with the 2 envelope headings and the CIE jeunes line,
 * 63 rows of 26 a page make 3 pages of lines, so 10 pages in all. */
static void
test_report_pages (Fixture *f, gconstpointer data)
{
  TrjEnvelope *pec = g_ptr_array_index (f->scenario->envelopes, 0);
  const TrjLine *model = g_ptr_array_index (pec->lines, 0);
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *last_page = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Page %u of %u"), 10, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjReport) report = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;

  while (pec->lines->len < 60)
    {
      TrjLine *line = trj_line_copy (model);

      g_free (line->id);
      line->id = g_strdup_printf ("pec-%u", pec->lines->len);
      g_ptr_array_add (pec->lines, line);
    }
  report = trj_report_new (f->scenario, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trj_report_get_n_pages (report), ==, 10);
  g_assert_true (trj_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  info = run_poppler ("pdfinfo", path);
  g_assert_true (g_regex_match_simple ("^Pages:\\s+10$", info, G_REGEX_MULTILINE, 0));
  text = run_poppler ("pdftotext", path);
  g_assert_nonnull (strstr (text, last_page));
}

/* Issue 13, defect 10: the report speaks in the catalogue's titles. With a
 * line of each envelope out of its ranges (alerts), the text of the PDF
 * holds no code of the scenario (an envelope, a kind, an alert: PEC_CIE_TP,
 * CIE_JEUNES or « CIE JEUNES », COFINANCING_BELOW_TARGET) and no word
 * shaped like one, and it holds their titles. */
static void
test_report_titles (Fixture *f, gconstpointer data)
{
  const TrjYearData *year = trj_year_data_get (2024, NULL);
  g_autofree char *path = g_build_filename (f->dir, "titles.pdf", NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjReport) report = NULL;
  g_autoptr(TrjResult) result = trj_result_new (f->scenario);
  g_autoptr(GRegex) code_shape = g_regex_new ("\\b[A-Z0-9]+(_[A-Z0-9]+)+\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;

  for (guint e = 0; e < f->scenario->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (f->scenario->envelopes, e);

      g_ptr_array_add (codes, g_strdup (env->id));
      for (guint l = 0; l < env->lines->len; l++)
        {
          TrjLine *line = g_ptr_array_index (env->lines, l);

          if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT)
            {
              line->rate = 0.99;
              line->cofinanced_share = 0;
            }
          g_ptr_array_add (codes, g_strdup (trj_kind_to_string (line->kind)));
        }
    }
  g_assert_true (trj_engine_compute (f->scenario, &year->rules, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_alerts, >, 1);
  for (guint i = 0; i < result->n_alerts; i++)
    g_ptr_array_add (codes, g_strdup (trj_alert_code_to_string (result->alerts[i].code)));

  report = trj_report_new (f->scenario, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (trj_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  text = run_poppler ("pdftotext", path);
  plain = trj_test_plain_spaces (text);

  g_assert_true (g_ptr_array_find_with_equal_func (codes, "PEC_CIE_TP", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (codes, "CIE_JEUNES", g_str_equal, NULL));
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      g_autofree char *spaced = g_strdelimit (g_strdup (code), "_", ' ');

      if (strchr (code, '_') == NULL)
        continue;   /* « PEC », « ACI »: the code is the title */
      if (strstr (plain, code) != NULL || strstr (plain, spaced) != NULL)
        g_error ("the report shows the code %s", code);
    }
  if (g_regex_match (code_shape, plain, 0, &match))
    g_error ("the report shows « %s », shaped like a code", g_match_info_fetch (match, 0));
  g_assert_nonnull (strstr (plain, trj_catalog_envelope_title ("PEC_CIE_TP")));
  g_assert_nonnull (strstr (plain, trj_catalog_kind_title (TRJ_KIND_CIE_JEUNES)));
}

/* Issue 14: the report of the Bretagne workbook with every envelope filled
 * (docs/examples/bretagne-2024.json). Cover, summary, 6 envelopes × 2 charts,
 * 1 page of contract lines (2 headings, 5 lines), 1 of post-aid and free lines
 * (4 headings, 18 lines: 22 rows), alerts: 17 pages. The summary counts each
 * envelope in its unit, the post-aid page names the structures, the amounts
 * « à vérifier » with their source and the FDI line's lender. */
static void
test_report_fie (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = g_build_filename (g_getenv ("TRAJECTOIRE_SRCDIR"), "docs", "examples",
                                               "bretagne-2024.json", NULL);
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_file (example, &error);
  g_autofree char *path = g_build_filename (f->dir, "fie.pdf", NULL);
  g_autoptr(TrjReport) report = NULL;
  g_autofree char *text = NULL, *plain = NULL;
  const char *expected[] = {
    "PEC et CIE tous publics", "CIE jeunes", "Insertion par l’activité économique",
    "Entreprises adaptées", "GEIQ", "Fonds de développement de l’inclusion",
    "Aides au poste et lignes libres", "2 750 ETP", "1 236 contrats", "620 aides",
    "Jardins de Cocagne de Quimper", "(à vérifier)", "arrêté du 29 décembre 2023",
    "financé sur Insertion par l’activité économique",
  };

  g_assert_no_error (error);
  report = trj_report_new (scenario, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trj_report_get_n_pages (report), ==, 17);
  g_assert_true (trj_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  text = run_poppler ("pdftotext", path);
  plain = trj_test_plain_spaces (text);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (plain, expected[i]) == NULL)
      g_error ("the report does not show « %s »", expected[i]);
  /* Contracts and ETP are not added up: no region volume. */
  g_assert_null (strstr (plain, "contrats ETP"));
}

static const char *cli_path;

/* Runs trajectoire-cli with arguments; returns its exit status, stderr in *err. */
static int
run_cli (char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) cli_path);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* `trajectoire-cli chart` and `report` on a workbook of the 2024 notification. */
static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *workbook = g_build_filename (f->dir, "bretagne.trajectoire", NULL);
  g_autofree char *png = g_build_filename (f->dir, "trajectoire.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "rapport.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *err = NULL;
  cairo_surface_t *image;

  if (cli_path == NULL)
    {
      g_test_skip ("no trajectoire-cli given");
      return;
    }
  g_assert_cmpint (run_cli (&err, "new", workbook, "--region", "Bretagne", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "chart", workbook, "--kind", "monthly", "--envelope", "PEC_CIE_TP",
                            "--width", "960", "--height", "540", "-o", png, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 960);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 540);
  cairo_surface_destroy (image);

  g_assert_cmpint (run_cli (&err, "report", workbook, "-o", pdf, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  info = run_poppler ("pdfinfo", pdf);
  g_assert_true (g_regex_match_simple ("^Pages:\\s+8$", info, G_REGEX_MULTILINE, 0));

  /* Usage errors exit 2, bad input 1 with the envelope named (a new workbook has
   * no FDI envelope); nothing written. */
  g_assert_cmpint (run_cli (&err, "chart", workbook, "--kind", "pie", "-o", png, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "pie"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "chart", workbook, "--envelope", "FDI", "-o", pdf, "--format", "pdf", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "FDI"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "chart", workbook, NULL), ==, 2);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjChartModel) model = model_of (f, TRJ_CHART_TRAJECTORY);
  g_autofree char *path = g_build_filename (f->dir, "no-such-dir", "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  TrjChartStyle style;
  TrjChartFormat format;

  trj_chart_style_init (&style, FALSE);
  g_assert_false (trj_chart_export (model, &style, TRJ_CHART_FORMAT_PNG, 800, 450, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);
  g_assert_false (trj_chart_export (model, &style, TRJ_CHART_FORMAT_PNG, 0, 450, path, &error));
  g_assert_nonnull (error);
  g_assert_true (trj_chart_format_from_string ("SVG", &format));
  g_assert_cmpint (format, ==, TRJ_CHART_FORMAT_SVG);
  g_assert_false (trj_chart_format_from_string ("gif", &format));
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;
  g_test_add ("/chart-export/png-size", Fixture, NULL, fixture_setup, test_png_size, fixture_teardown);
  g_test_add ("/chart-export/svg-parses", Fixture, NULL, fixture_setup, test_svg_parses, fixture_teardown);
  g_test_add ("/chart-export/pdf-chart", Fixture, NULL, fixture_setup, test_pdf_chart, fixture_teardown);
  g_test_add ("/chart-export/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/chart-export/report-pages", Fixture, NULL, fixture_setup, test_report_pages, fixture_teardown);
  g_test_add ("/chart-export/report-titles", Fixture, NULL, fixture_setup, test_report_titles, fixture_teardown);
  g_test_add ("/chart-export/report-fie", Fixture, NULL, fixture_setup, test_report_fie, fixture_teardown);
  g_test_add ("/chart-export/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/chart-export/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  return g_test_run ();
}
