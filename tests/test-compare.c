/* test-compare.c — the « Comparer » table (MODEL 9) on known changes, and its
 * exports read back: the xlsx by openpyxl (check-compare.py, /usr/bin/python3),
 * the PDF by pdfinfo and pdftotext (poppler-utils).
 *
 * A = the rich fixture; B = A with the rate of pec-29-ft 50 % → 55 %, pec-35
 * removed, pec-22 added and cie renamed cie-bzh; C = A with the weekly hours
 * of pec-29-ft 25 → 26 and the same pec-22 added.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "trj-compare.h"
#include "trj-compare-pdf.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-programming.h"
#include "trj-test-util.h"

#define assert_text(got, want) G_STMT_START {                 \
    g_autofree char *got_ = (got) != NULL ? trj_test_plain_spaces (got) : NULL; \
    g_assert_cmpstr (got_, ==, (want));                        \
  } G_STMT_END

static TrjScenario *
rich (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-rich-scenario.json", NULL);
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_json_scenario_from_file (path, &error);

  g_assert_no_error (error);
  return s;
}

static void
add_pec_22 (TrjScenario *s)
{
  TrjEnvelope *pec = g_ptr_array_index (s->envelopes, 0);
  TrjLine *added = trj_line_copy (trj_scenario_find_line (s, "pec-29-ft", NULL));

  g_free (added->id);
  added->id = g_strdup ("pec-22");
  g_free (added->departement);
  added->departement = g_strdup ("22");
  g_ptr_array_add (pec->lines, added);
}

static TrjCompare *
known (TrjScenario **a, TrjScenario **b, TrjScenario **c)
{
  const TrjScenario *list[3];
  const char *names[] = { "Notification", "Hausse du taux", "Heures" };
  TrjEnvelope *pec;
  TrjLine *renamed;
  g_autoptr(GError) error = NULL;
  TrjCompare *cmp;

  *a = rich ();
  *b = rich ();
  *c = rich ();
  pec = g_ptr_array_index ((*b)->envelopes, 0);
  trj_scenario_find_line (*b, "pec-29-ft", NULL)->rate = 0.55;
  g_ptr_array_remove_index (pec->lines, 1);
  add_pec_22 (*b);
  renamed = trj_scenario_find_line (*b, "cie", NULL);
  g_free (renamed->id);
  renamed->id = g_strdup ("cie-bzh");
  trj_scenario_find_line (*c, "pec-29-ft", NULL)->weekly_hours = 26;
  add_pec_22 (*c);

  list[0] = *a;
  list[1] = *b;
  list[2] = *c;
  cmp = trj_compare_new (list, names, 3, &error);
  g_assert_no_error (error);
  return cmp;
}

static const TrjCompareRow *
row_of (const TrjCompare *cmp, const char *envelope, const char *line, const char *key)
{
  int r = key != NULL ? trj_compare_find_row (cmp, envelope, line, key) : trj_compare_find_line (cmp, line);

  g_assert_cmpint (r, >=, 0);
  return g_ptr_array_index (cmp->rows, r);
}

static double
line_ae (const TrjScenario *s, const char *id)
{
  g_autoptr(TrjResult) r = trj_programming_compute (s, NULL);

  for (guint e = 0; e < s->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        if (g_str_equal (((TrjLine *) g_ptr_array_index (env->lines, l))->id, id))
          return trj_result_line (r, e, l)->f.ae_total;
    }
  g_assert_not_reached ();
}

static void
test_table (void)
{
  g_autoptr(TrjScenario) a = NULL, b = NULL, c = NULL;
  g_autoptr(TrjCompare) cmp = known (&a, &b, &c);
  const TrjCompareRow *row;

  g_assert_cmpuint (cmp->n_scenarios, ==, 3);
  /* The rate: changed in B only, said « ancien → nouveau ». */
  row = row_of (cmp, "PEC_CIE_TP", "pec-29-ft", "rate");
  assert_text (row->texts[0], "50,0 %");
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_CHANGED);
  assert_text (row->texts[1], "50,0 % → 55,0 %");
  g_assert_cmpint (row->marks[2], ==, TRJ_COMPARE_SAME);
  assert_text (row->texts[2], "50,0 %");
  /* The hours: changed in C only. */
  row = row_of (cmp, "PEC_CIE_TP", "pec-29-ft", "weekly_hours");
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_SAME);
  g_assert_cmpint (row->marks[2], ==, TRJ_COMPARE_CHANGED);
  assert_text (row->texts[2], "25 → 26");
  /* The AE follow, the engine's own figures. */
  row = row_of (cmp, "PEC_CIE_TP", "pec-29-ft", "ae_total");
  g_assert_cmpfloat (row->values[0], ==, line_ae (a, "pec-29-ft"));
  g_assert_cmpfloat (row->values[1], ==, line_ae (b, "pec-29-ft"));
  g_assert_cmpfloat (row->values[1], >, row->values[0]);
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_CHANGED);
  g_assert_nonnull (strstr (row->texts[1], " → "));
  /* pec-35 removed from B, kept in C. */
  row = row_of (cmp, "PEC_CIE_TP", "pec-35", NULL);
  g_assert_cmpint (row->marks[0], ==, TRJ_COMPARE_SAME);
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_REMOVED);
  assert_text (row->texts[1], "ligne supprimée");
  g_assert_cmpint (row->marks[2], ==, TRJ_COMPARE_SAME);
  row = row_of (cmp, "PEC_CIE_TP", "pec-35", "rate");
  assert_text (row->texts[0], "45,0 %");
  assert_text (row->texts[1], "");
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_REMOVED);
  /* pec-22 added in both B and C: one line of the table. */
  row = row_of (cmp, "PEC_CIE_TP", "pec-22", NULL);
  g_assert_cmpint (row->marks[0], ==, TRJ_COMPARE_SAME);
  assert_text (row->texts[0], "");
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_ADDED);
  assert_text (row->texts[1], "ligne ajoutée");
  g_assert_cmpint (row->marks[2], ==, TRJ_COMPARE_ADDED);
  row = row_of (cmp, "PEC_CIE_TP", "pec-22", "rate");
  assert_text (row->texts[0], "");
  /* B's copy was taken after its rate rose; C's is at 50 %. */
  assert_text (row->texts[1], "55,0 %");
  assert_text (row->texts[2], "50,0 %");
  g_assert_true (isnan (row->values[0]));
  /* cie matched under its new id in B. */
  row = row_of (cmp, "CIE_JEUNES", "cie", NULL);
  assert_text (row->texts[1], "identifiant : cie → cie-bzh");
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_CHANGED);
  g_assert_cmpint (row->marks[2], ==, TRJ_COMPARE_SAME);
  row = row_of (cmp, "CIE_JEUNES", "cie", "ae_total");
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_SAME);
  /* The envelope's volume: A 360,5 (pec-29-ft, 11 × 30 + 30,5) + 240 (pec-35);
   * B 360,5 + 360,5 (pec-35 out, pec-22 a copy of pec-29-ft in). */
  row = row_of (cmp, "PEC_CIE_TP", NULL, "volume");
  g_assert_cmpfloat (row->values[0], ==, 600.5);
  g_assert_cmpfloat (row->values[1], ==, 721);
  assert_text (row->texts[1], "600,5 → 721");
  g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_CHANGED);
  row = row_of (cmp, "PEC_CIE_TP", NULL, "capacity");
  g_assert_false (isnan (row->values[0]));
  g_assert_nonnull (row_of (cmp, "PEC_CIE_TP", NULL, "alerts"));
  g_assert_cmpuint (cmp->n_changes, >, 6);
}

static void
test_same (void)
{
  g_autoptr(TrjScenario) a = rich ();
  const TrjScenario *list[] = { a, a };
  const char *names[] = { "A", "A bis" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjCompare) cmp = trj_compare_new (list, names, 2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cmp->n_changes, ==, 0);
  for (guint r = 0; r < cmp->rows->len; r++)
    {
      const TrjCompareRow *row = g_ptr_array_index (cmp->rows, r);

      g_assert_cmpint (row->marks[1], ==, TRJ_COMPARE_SAME);
      g_assert_null (strstr (row->texts[1], "→"));
    }
}

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static const char *
cell (JsonArray *rows, guint r, guint c)
{
  JsonArray *row = json_array_get_array_element (rows, r);

  if (c >= json_array_get_length (row) || JSON_NODE_HOLDS_NULL (json_array_get_element (row, c)))
    return NULL;
  return json_array_get_string_element (row, c);
}

static double
number (JsonArray *rows, guint r, guint c)
{
  return json_array_get_double_element (json_array_get_array_element (rows, r), c);
}

/* The sheet row whose first cell ends with text, from row `from`. */
static guint
find_sheet_row (JsonArray *rows, guint from, const char *text)
{
  for (guint r = from; r < json_array_get_length (rows); r++)
    {
      const char *first = cell (rows, r, 0);

      if (first != NULL && g_str_has_suffix (first, text))
        return r;
    }
  g_error ("no row « %s »", text);
}

static gboolean
shaded (JsonArray *list, const char *coordinate)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_str_equal (json_array_get_string_element (list, i), coordinate))
      return TRUE;
  return FALSE;
}

static void
test_xlsx (void)
{
  g_autoptr(TrjScenario) a = NULL, b = NULL, c = NULL;
  g_autoptr(TrjCompare) cmp = known (&a, &b, &c);
  g_autofree char *dir = g_dir_make_tmp ("trj-compare-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "comparaison.xlsx", NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-compare.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *root;
  JsonArray *rows, *shades;
  guint pec29, r;
  g_autofree char *dir_listing = NULL;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no /usr/bin/python3");
      return;
    }
  g_assert_true (trj_compare_write_xlsx (cmp, path, &error));
  g_assert_no_error (error);
  /* Written beside, then renamed: nothing else is left in the folder. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  json = run (argv);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  assert_text (json_array_get_string_element (json_object_get_array_member (root, "sheets"), 0), "Comparaison");
  rows = json_object_get_array_member (root, "rows");
  shades = json_object_get_array_member (root, "shaded");
  /* Row 3: the headers, the scenarios, then a « Changements » column for B and C. */
  assert_text (cell (rows, 2, 1), "Notification");
  assert_text (cell (rows, 2, 2), "Hausse du taux");
  assert_text (cell (rows, 2, 3), "Heures");
  assert_text (cell (rows, 2, 4), "Changements : Hausse du taux");
  assert_text (cell (rows, 2, 5), "Changements : Heures");
  pec29 = find_sheet_row (rows, 3, "(identifiant pec-29-ft)");
  r = find_sheet_row (rows, pec29, "Taux de prise en charge");
  /* Numbers, not texts. */
  g_assert_cmpfloat (number (rows, r, 1), ==, 0.5);
  g_assert_cmpfloat (number (rows, r, 2), ==, 0.55);
  g_assert_cmpfloat (number (rows, r, 3), ==, 0.5);
  assert_text (cell (rows, r, 4), "50,0 % → 55,0 %");
  g_assert_null (cell (rows, r, 5));
  {
    g_autofree char *coord = g_strdup_printf ("E%u", r + 1);
    g_autofree char *other = g_strdup_printf ("F%u", r + 1);
    g_assert_true (shaded (shades, coord));
    g_assert_false (shaded (shades, other));
  }
  r = find_sheet_row (rows, pec29, "Durée hebdomadaire (h)");
  g_assert_cmpfloat (number (rows, r, 3), ==, 26);
  assert_text (cell (rows, r, 5), "25 → 26");
  r = find_sheet_row (rows, pec29, "AE");
  /* The file keeps 15 significant digits. */
  g_assert_cmpfloat_with_epsilon (number (rows, r, 1), line_ae (a, "pec-29-ft"), 1e-6);
  g_assert_cmpfloat_with_epsilon (number (rows, r, 2), line_ae (b, "pec-29-ft"), 1e-6);
  g_assert_cmpfloat (fabs (number (rows, r, 2) - number (rows, r, 1)), >, 1000);
  r = find_sheet_row (rows, 3, "(identifiant pec-35)");
  assert_text (cell (rows, r, 2), "ligne supprimée");
  assert_text (cell (rows, r, 4), "ligne supprimée");
  r = find_sheet_row (rows, 3, "(identifiant pec-22)");
  assert_text (cell (rows, r, 2), "ligne ajoutée");
  assert_text (cell (rows, r, 5), "ligne ajoutée");
  (void) dir_listing;
  g_unlink (path);
  g_rmdir (dir);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
}

static char *
poppler (const char *tool, const char *path)
{
  const char *argv_info[] = { tool, path, NULL };
  const char *argv_text[] = { tool, "-layout", path, "-", NULL };

  return run (g_str_equal (tool, "pdfinfo") ? argv_info : argv_text);
}

static void
test_pdf (void)
{
  g_autoptr(TrjScenario) a = NULL, b = NULL, c = NULL;
  g_autoptr(TrjCompare) cmp = known (&a, &b, &c);
  g_autofree char *dir = g_dir_make_tmp ("trj-compare-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "comparaison.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_local (2024, 3, 15, 10, 0, 0);
  g_autofree char *info = NULL, *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *pages;
  guint n = trj_compare_pdf_n_pages (cmp);

  if (pdftotext == NULL)
    {
      g_test_skip ("no pdftotext (poppler-utils)");
      return;
    }
  g_assert_true (trj_compare_write_pdf (cmp, date, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *raw = poppler ("pdfinfo", path);
    info = trj_test_plain_spaces (raw);
  }
  /* Two overlay charts (PEC, CIE jeunes) and the table on two pages. */
  g_assert_cmpuint (n, ==, 4);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpuint (g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10), ==, n);
  g_assert_nonnull (strstr (info, "Comparaison de scénarios"));
  {
    g_autofree char *raw = poppler ("pdftotext", path);
    text = trj_test_plain_spaces (raw);
  }
  g_assert_nonnull (strstr (text, "15 mars 2024"));
  g_assert_nonnull (strstr (text, "Hausse du taux"));
  g_assert_nonnull (strstr (text, "50,0 % → 55,0 %"));
  g_assert_nonnull (strstr (text, "25 → 26"));
  g_assert_nonnull (strstr (text, "ligne supprimée"));
  g_assert_nonnull (strstr (text, "ligne ajoutée"));
  g_assert_nonnull (strstr (text, "identifiant : cie → cie-bzh"));
  /* TRJ_SCREENSHOT_DIR: the pages kept to be looked at. */
  if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "compare-export.pdf", NULL);
      g_assert_true (trj_compare_write_pdf (cmp, date, kept, NULL));
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compare/table", test_table);
  g_test_add_func ("/compare/same", test_same);
  g_test_add_func ("/compare/xlsx", test_xlsx);
  g_test_add_func ("/compare/pdf", test_pdf);
  return g_test_run ();
}
