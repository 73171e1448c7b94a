/* test-formula-book.c — the « classeur de calcul »: MODEL 2 as live formulas
 *
 * The workbook is read back cell by cell (TrjXlsxReader): every figure that the
 * engine reports (AE and CP per line and month, envelope totals, margins,
 * capacity, regional and national totals) is a formula whose cached value is
 * the engine's, and whose references point at the parameter cells they must
 * (the rate of its line, the lag, the entries, the region's fungibility). Then
 * LibreOffice Calc recalculates the files (tests/check-recalc.py): each formula
 * must give the engine's figure to 1e-6 €, and a reversed margin must be caught.
 *
 *   test-formula-book CLI
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-engine.h"
#include "trj-formula-book.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-programming.h"
#include "trj-xlsx-reader.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static char *tmpdir;
static const char *cli_path;

/* Columns the test checks (trj-formula-book.c's layout, as a reader sees it). */
enum { ENV_AE_NOTIFIED = 2, ENV_AE_AVAILABLE = 6, ENV_CP_AVAILABLE = 7, ENV_AE_TOTAL = 8, ENV_CP_TOTAL = 9,
       ENV_CP_STOCK = 10, ENV_AFTER = 11, ENV_VOLUME = 12, ENV_AE_MARGIN = 13, ENV_CP_MARGIN = 14,
       ENV_CAPACITY = 18, ENV_AE_MONTH = 19, ENV_CP_MONTH = 31 };
enum { RG_MOVE_CP = 6, RG_AE_TOTAL = 9, RG_CP_TOTAL = 10, RG_AE_MARGIN = 11 };
enum { LN_ID = 2, LN_RATE = 5, LN_DURATION = 7, LN_LAG = 9, LN_VOLUME = 10, LN_AE_TOTAL = 11,
       LN_CP_TOTAL = 12, LN_CP_STOCK = 13, LN_AFTER = 14, LN_AE_MONTH = 16, LN_CP_MONTH = 28,
       LN_STOCK_MONTH = 40 };

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static TrjScenario *
bretagne (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);
  TrjScenario *scenario;

  g_assert_no_error (error);
  scenario = trj_year_data_example (data, "Bretagne", &error);
  g_assert_no_error (error);
  return scenario;
}

static TrjScenario *
rich (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "json", "rich-scenario.json", NULL);
  g_autofree char *json = NULL;
  TrjScenario *scenario;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  scenario = trj_json_scenario_from_data (json, -1, &error);
  g_assert_no_error (error);
  return scenario;
}

/* A region as bench/bench-engine.c builds the national model: each envelope
 * with `n` lines of different rates and durations, fractional or not, with
 * last year's cohorts, and a lag of 0 to 3 months. */
static TrjScenario *
national_region (const char *name, int n)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);
  TrjScenario *s = trj_year_data_example (data, name, &error);

  g_assert_no_error (error);
  for (guint e = 0; e < s->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);
      g_autoptr(TrjLine) template = NULL;

      /* IAE, EA and GEIQ start without lines (the circular does not split them). */
      if (env->lines->len == 0)
        continue;
      template = trj_line_copy (g_ptr_array_index (env->lines, 0));

      g_ptr_array_set_size (env->lines, 0);
      for (int l = 0; l < n; l++)
        {
          TrjLine *line = trj_line_copy (template);

          g_free (line->id);
          line->id = g_strdup_printf ("%s-%d", env->id, l);
          line->rate = template->rate + 0.01 * (l % 3);
          line->duration_months = 6 + 0.7 * l;
          line->payment_lag_months = l % 4;
          line->cofinanced_share = 0.1 * (l % 3);
          line->entries_mode = TRJ_ENTRIES_MONTHLY;
          line->has_previous_entries = TRUE;
          for (int m = 0; m < TRJ_MONTHS; m++)
            {
              line->entries[m] = 5 + (m * 7 + l) % 11;
              line->previous_entries[m] = 3 + (m * 5 + l) % 7;
            }
          g_ptr_array_add (env->lines, line);
        }
    }
  return s;
}

static double
number (const TrjXlsxSheet *sheet, guint row, guint col)
{
  const char *text = trj_xlsx_sheet_cell (sheet, row, col);

  if (text == NULL || *text == '\0')
    return NAN;
  return g_ascii_strtod (text, NULL);
}

static void
assert_figure (const TrjXlsxSheet *sheet, guint row, guint col, double engine)
{
  double cached = number (sheet, row, col);

  g_assert_nonnull (trj_xlsx_sheet_formula (sheet, row, col));
  if (isnan (engine))
    g_assert_true (isnan (cached));
  else
    g_assert_cmpfloat_with_epsilon (cached, engine, 1e-6 + 1e-12 * fabs (engine));
}

/* The formula of a cell contains every one of the fragments. */
static void
assert_formula_has (const TrjXlsxSheet *sheet, guint row, guint col, ...)
{
  const char *formula = trj_xlsx_sheet_formula (sheet, row, col);
  const char *fragment;
  va_list args;

  g_assert_nonnull (formula);
  va_start (args, col);
  while ((fragment = va_arg (args, const char *)) != NULL)
    if (strstr (formula, fragment) == NULL)
      g_error ("cell (%u, %u): “%s” lacks “%s”", row, col, formula, fragment);
  va_end (args);
}

static TrjXlsxSheet *
sheet (TrjXlsxReader *reader, TrjFormulaBookSheet which)
{
  g_autoptr(GError) error = NULL;
  TrjXlsxSheet *s = trj_xlsx_reader_read_sheet (reader, trj_formula_book_sheet_title (which), &error);

  g_assert_no_error (error);
  return s;
}

/* Checks every figure of a workbook written for these scenarios. */
static void
check_book (const char *path, TrjScenario **scenarios, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjXlsxReader) reader = trj_xlsx_reader_open (path, &error);
  g_autoptr(TrjXlsxSheet) envs = NULL, regions = NULL, lines = NULL;
  g_autofree char *q_regions = g_strdup_printf ("'%s'!", trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_REGIONS));
  g_autofree char *q_compute = g_strdup_printf ("'%s'!", trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_COMPUTE));
  g_autofree char *q_entries = g_strdup_printf ("'%s'!", trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_ENTRIES));
  const char *const *names;
  guint env_row = 1, line_row = 1;
  double national_ae = 0;

  g_assert_no_error (error);
  names = trj_xlsx_reader_sheet_names (reader);
  g_assert_cmpstr (names[0], ==, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_ENVELOPES));
  g_assert_cmpstr (names[4], ==, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_COMPUTE));
  envs = sheet (reader, TRJ_FORMULA_BOOK_ENVELOPES);
  regions = sheet (reader, TRJ_FORMULA_BOOK_REGIONS);
  lines = sheet (reader, TRJ_FORMULA_BOOK_LINES);

  for (guint r = 0; r < n; r++)
    {
      g_autoptr(TrjResult) result = trj_programming_compute (scenarios[r], &error);
      guint index = 0;

      g_assert_no_error (error);
      assert_figure (regions, 1 + r, RG_AE_TOTAL, result->region.ae_total);
      assert_figure (regions, 1 + r, RG_CP_TOTAL, result->region.cp_total);
      national_ae += result->region.ae_total;
      for (guint e = 0; e < scenarios[r]->envelopes->len; e++, env_row++)
        {
          const TrjEnvelope *env = g_ptr_array_index (scenarios[r]->envelopes, e);
          const TrjEnvelopeResult *er = &result->envelopes[e];
          g_autofree char *available = g_strdup_printf ("G%u-I%u", env_row + 1, env_row + 1);

          g_assert_cmpfloat (number (envs, env_row, ENV_AE_NOTIFIED), ==, env->ae_notified);
          assert_figure (envs, env_row, ENV_AE_AVAILABLE, er->ae_available);
          assert_figure (envs, env_row, ENV_CP_AVAILABLE, er->cp_available);
          assert_figure (envs, env_row, ENV_AE_TOTAL, er->f.ae_total);
          assert_figure (envs, env_row, ENV_CP_TOTAL, er->f.cp_total);
          assert_figure (envs, env_row, ENV_CP_STOCK, er->f.cp_stock);
          assert_figure (envs, env_row, ENV_AFTER, er->f.cp_after_year);
          assert_figure (envs, env_row, ENV_VOLUME, er->f.volume);
          assert_figure (envs, env_row, ENV_AE_MARGIN, er->ae_margin);
          assert_figure (envs, env_row, ENV_CP_MARGIN, er->cp_margin);
          assert_figure (envs, env_row, ENV_CAPACITY, er->capacity);
          /* The margin is the available AE less the programmed AE of its row. */
          g_assert_cmpstr (trj_xlsx_sheet_formula (envs, env_row, ENV_AE_MARGIN), ==, available);
          for (int m = 0; m < TRJ_MONTHS; m++)
            {
              assert_figure (envs, env_row, ENV_AE_MONTH + m, er->f.ae[m]);
              assert_figure (envs, env_row, ENV_CP_MONTH + m, er->f.cp[m]);
            }

          for (guint l = 0; l < env->lines->len; l++, index++)
            {
              const TrjLine *line = g_ptr_array_index (env->lines, l);
              const TrjFigures *f = &result->lines[index].f;
              g_autofree char *lag = NULL, *entry = NULL;

              if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
                continue;
              g_assert_cmpstr (trj_xlsx_sheet_cell (lines, line_row, LN_ID), ==, line->id);
              g_assert_cmpfloat (number (lines, line_row, LN_RATE), ==, line->rate);
              g_assert_cmpfloat (number (lines, line_row, LN_DURATION), ==, line->duration_months);
              g_assert_cmpfloat (number (lines, line_row, LN_LAG), ==, line->payment_lag_months);
              g_assert_null (trj_xlsx_sheet_formula (lines, line_row, LN_RATE));
              assert_figure (lines, line_row, LN_VOLUME, f->volume);
              assert_figure (lines, line_row, LN_AE_TOTAL, f->ae_total);
              assert_figure (lines, line_row, LN_CP_TOTAL, f->cp_total);
              assert_figure (lines, line_row, LN_CP_STOCK, f->cp_stock);
              assert_figure (lines, line_row, LN_AFTER, f->cp_after_year);
              lag = g_strdup_printf ("-$J%u", line_row + 1);
              for (int m = 0; m < TRJ_MONTHS; m++)
                {
                  g_free (entry);
                  entry = g_strdup_printf ("%s%c%u*", q_entries, 'Q' + m, line_row + 1);
                  assert_figure (lines, line_row, LN_AE_MONTH + m, f->ae[m]);
                  assert_figure (lines, line_row, LN_CP_MONTH + m, f->cp[m]);
                  assert_figure (lines, line_row, LN_STOCK_MONTH + m, f->cp_stock_month[m]);
                  /* AE: the month's entries × Σ φ_k cost(m + k); CP: what
                   * the month served L months before is owed. */
                  if (m < 10)
                    assert_formula_has (lines, line_row, LN_AE_MONTH + m, entry, "SUMPRODUCT(", q_compute, NULL);
                  assert_formula_has (lines, line_row, LN_CP_MONTH + m, "INDEX(", q_compute, lag, NULL);
                }
              line_row++;
            }
        }
    }
  /* Available AE after fungibility follow the region's moves. */
  assert_formula_has (envs, 1, ENV_AE_AVAILABLE, q_regions, NULL);
  assert_figure (regions, 1 + n, RG_AE_TOTAL, national_ae);
}

static void
test_bretagne (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = bretagne ();
  g_autofree char *path = tmp_path ("bretagne.xlsx");

  g_assert_true (trj_formula_book_write ((const TrjScenario *const *) &scenario, NULL, 1, path, &error));
  g_assert_no_error (error);
  check_book (path, &scenario, 1);
}

/* Monthly and volume × profile entries, last year's cohorts, several lines per
 * envelope, fungibility both ways, post-aid and free lines, three regions. */
static void
test_national (void)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *scenarios[3] = { rich (), national_region ("Occitanie", 4), national_region ("Guadeloupe", 3) };
  g_autofree char *path = tmp_path ("national.xlsx");
  g_autoptr(TrjXlsxReader) reader = NULL;
  g_autoptr(TrjXlsxSheet) other = NULL, regions = NULL;

  g_assert_true (trj_formula_book_write ((const TrjScenario *const *) scenarios, NULL, G_N_ELEMENTS (scenarios), path, &error));
  g_assert_no_error (error);
  check_book (path, scenarios, G_N_ELEMENTS (scenarios));

  /* Post-aid and free lines are the engine's constants under SUM formulas;
   * the CP moved with the AE is a typed amount in the rich scenario. */
  reader = trj_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  other = sheet (reader, TRJ_FORMULA_BOOK_OTHER);
  regions = sheet (reader, TRJ_FORMULA_BOOK_REGIONS);
  g_assert_cmpuint (trj_xlsx_sheet_n_rows (other), ==, 1 + 5);
  g_assert_null (trj_xlsx_sheet_formula (other, 1, 9));
  g_assert_nonnull (trj_xlsx_sheet_formula (other, 1, 5));
  g_assert_null (trj_xlsx_sheet_formula (regions, 1, RG_MOVE_CP));
  g_assert_nonnull (trj_xlsx_sheet_formula (regions, 2, RG_MOVE_CP));

  for (gsize i = 0; i < G_N_ELEMENTS (scenarios); i++)
    trj_scenario_free (scenarios[i]);
}

/* LibreOffice recalculates both workbooks: every formula gives the engine's
 * figure, and a reversed margin is caught. */
static void
test_calc_recalculated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) one = bretagne ();
  TrjScenario *scenarios[3] = { rich (), national_region ("Occitanie", 4), national_region ("Guadeloupe", 3) };
  g_autofree char *single = tmp_path ("recalcul-bretagne.xlsx");
  g_autofree char *national = tmp_path ("recalcul-national.xlsx");
  g_autofree char *workdir = tmp_path ("recalcul");

  g_assert_true (trj_formula_book_write ((const TrjScenario *const *) &one, NULL, 1, single, &error));
  g_assert_no_error (error);
  g_assert_true (trj_formula_book_write ((const TrjScenario *const *) scenarios, NULL, G_N_ELEMENTS (scenarios), national, &error));
  g_assert_no_error (error);
  trj_test_check_recalc (single, workdir, TRUE);
  trj_test_check_recalc (national, workdir, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (scenarios); i++)
    trj_scenario_free (scenarios[i]);
}

/* trajectoire-cli calc: one file, several files (national), and refusals. */
static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = tmp_path ("bretagne.json");
  g_autofree char *rich_json = g_test_build_filename (G_TEST_DIST, "fixtures", "json", "rich-scenario.json", NULL);
  g_autofree char *out = tmp_path ("cli.xlsx");
  g_autofree char *national = tmp_path ("cli-national.xlsx");
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  g_autoptr(TrjScenario) scenario = bretagne ();
  g_autofree char *text = trj_json_scenario_to_data (scenario);
  int status;

  g_file_set_contents (json, text, -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { cli_path, "calc", json, "--output", out, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, &stderr_text, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stderr_text, ==, "");
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    check_book (out, &scenario, 1);
  }
  {
    TrjScenario *both[2] = { scenario, rich () };
    const char *argv[] = { cli_path, "calc", json, rich_json, "-o", national, NULL };

    g_clear_pointer (&stderr_text, g_free);
    g_clear_pointer (&stdout_text, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, &stderr_text, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    check_book (national, both, 2);
    trj_scenario_free (both[1]);
  }
  {
    /* No --output: a usage error, in French, and nothing written. */
    const char *argv[] = { cli_path, "calc", json, NULL };

    g_clear_pointer (&stderr_text, g_free);
    g_clear_pointer (&stdout_text, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, &stderr_text, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (stderr_text, "--output"));
  }
  {
    const char *argv[] = { cli_path, "calc", json, "-o", tmp_path ("sortie.ods"), NULL };

    g_clear_pointer (&stderr_text, g_free);
    g_clear_pointer (&stdout_text, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, &stderr_text, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (stderr_text, ".xlsx"));
    g_free ((char *) argv[4]);
  }
}

int
main (int argc, char **argv)
{
  int status;

  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  tmpdir = g_dir_make_tmp ("trj-formula-book-XXXXXX", NULL);

  g_test_add_func ("/formula-book/bretagne", test_bretagne);
  g_test_add_func ("/formula-book/national", test_national);
  g_test_add_func ("/formula-book/cli", test_cli);
  g_test_add_func ("/formula-book/calc-recalculated", test_calc_recalculated);

  status = g_test_run ();
  if (status == 0)
    trj_test_remove_dir (tmpdir);
  return status;
}
