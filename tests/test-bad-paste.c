/* test-bad-paste.c — the grid part of the bad-input catalogue (issue 11)
 *
 * The real window on a Bretagne 2024 workbook; bad text typed in a cell or
 * pasted (TSV, as from a spreadsheet) into the lines and monthly-entries
 * grids. Each case asserts: refused with a French message that names the
 * cell's column (or the paste's size), the model and the workbook file
 * (main file and -wal, byte for byte) untouched, at most 2 s of CPU and
 * 200 MB more memory. A valid 10 000-line paste is refused as larger than
 * the grid, in the same bounds. tests/README.md lists the catalogue.
 */
#include <string.h>
#include <sys/resource.h>

#include "trj-test-util.h"
#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-lines-model.h"
#include "trj-entries-model.h"

static TrjApplication *app;
static TrjWindow *window;
static char *workbook_path;

typedef enum { GRID_LINES, GRID_ENTRIES } WhichGrid;

typedef struct {
  const char *name;
  WhichGrid   grid;
  guint       column;
  gboolean    typed;      /* typed then Entrée; otherwise pasted */
  const char *text;       /* NULL: generated (see make_text) */
  const char *expect;     /* '|'-separated substrings of the message */
} PasteCase;

static const PasteCase cases[] = {
  { "typed/text-in-volume", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, TRUE, "beaucoup", "beaucoup" },
  { "typed/negative-volume", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, TRUE, "-12", "entre 0 et" },
  { "typed/huge-volume", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, TRUE, "1e94", "" },
  { "typed/nan-hours", GRID_LINES, TRJ_LINES_COLUMN_HOURS, TRUE, "NaN", "NaN" },
  { "typed/infinite-hours", GRID_LINES, TRJ_LINES_COLUMN_HOURS, TRUE, "inf", "inf" },
  { "typed/rate-150", GRID_LINES, TRJ_LINES_COLUMN_RATE, TRUE, "150 %", "" },
  { "typed/rate-negative", GRID_LINES, TRJ_LINES_COLUMN_RATE, TRUE, "-50 %", "" },
  { "typed/duration-zero", GRID_LINES, TRJ_LINES_COLUMN_DURATION, TRUE, "0", "" },
  { "typed/kind-unknown", GRID_LINES, TRJ_LINES_COLUMN_KIND, TRUE, "CDI", "CDI" },
  { "typed/entries-negative", GRID_ENTRIES, TRJ_ENTRIES_COLUMN_FIRST_MONTH, TRUE, "-3", "entre 0 et" },
  { "typed/entries-huge", GRID_ENTRIES, TRJ_ENTRIES_COLUMN_FIRST_MONTH, TRUE, "1e308", "" },
  { "paste/text", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, FALSE, "douze\n", "Ligne 1|colonne|douze" },
  { "paste/negative", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, FALSE, "-5\n", "Ligne 1|colonne|entre 0 et" },
  { "paste/huge", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, FALSE, "1e94\n", "Ligne 1|colonne" },
  { "paste/nan", GRID_LINES, TRJ_LINES_COLUMN_HOURS, FALSE, "NaN\n", "Ligne 1|colonne|NaN" },
  { "paste/one-bad-cell-in-a-block", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, FALSE, "24\t50 %\tvingt\t1\n", "Ligne 1|Heures|vingt" },
  { "paste/control-characters", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, FALSE, "\x01\x02\x1b[2J\n", "Ligne 1|colonne" },
  { "paste/full-width-digits", GRID_LINES, TRJ_LINES_COLUMN_HOURS, FALSE, "\uff12\uff10\n", "Ligne 1|colonne" },
  { "paste/entries-text", GRID_ENTRIES, TRJ_ENTRIES_COLUMN_FIRST_MONTH, FALSE, "1\t2\ttrois\n", "Ligne 1|colonne|trois" },
  { "paste/10000-lines", GRID_LINES, TRJ_LINES_COLUMN_VOLUME, FALSE, NULL, "10000 × 1|dépasse" },
  { "paste/10000-lines-entries", GRID_ENTRIES, TRJ_ENTRIES_COLUMN_FIRST_MONTH, FALSE, NULL, "10000 × 12|dépasse" },
  { "paste/huge-cell", GRID_LINES, TRJ_LINES_COLUMN_HOURS, FALSE, NULL, "Ligne 1|colonne" },
};

static TrjEnvelopePage *
pec_page (void)
{
  trj_window_show_envelope (window, "PEC_CIE_TP");
  return TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
}

static char *
file_sums (void)
{
  g_autofree char *wal = g_strconcat (workbook_path, "-wal", NULL);
  const char *paths[] = { workbook_path, wal };
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *data = NULL;
      gsize length = 0;

      if (g_file_get_contents (paths[i], &data, &length, NULL))
        {
          g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                              (const guchar *) data, length);
          g_string_append_printf (out, "%s %s\n", paths[i], sum);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
model_text (TrjGrid *grid)
{
  TrjGridModel *model = trj_grid_get_model (grid);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint r = 0; r < trj_grid_model_get_n_rows (model); r++)
    for (guint c = 0; c < trj_grid_model_get_n_columns (model); c++)
      {
        g_autofree char *text = trj_grid_model_get_text (model, r, c);
        g_string_append_printf (out, "%s\t", text != NULL ? text : "");
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
make_text (const PasteCase *c)
{
  GString *text = g_string_new (NULL);

  if (g_str_equal (c->name, "paste/huge-cell"))
    {
      for (guint i = 0; i < 1024 * 1024; i++)
        g_string_append_c (text, '9');
      g_string_append_c (text, '\n');
    }
  else
    for (guint i = 0; i < 10000; i++)
      g_string_append (text, c->grid == GRID_ENTRIES ? "1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\n" : "12\n");
  return g_string_free (text, FALSE);
}

static double
cpu_seconds (long *max_rss_kb)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  *max_rss_kb = usage.ru_maxrss;
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
test_case (gconstpointer data)
{
  const PasteCase *c = data;
  TrjEnvelopePage *page = pec_page ();
  TrjGrid *grid;
  g_autofree char *generated = c->text == NULL ? make_text (c) : NULL;
  const char *text = c->text != NULL ? c->text : generated;
  g_autofree char *sums_before = NULL;
  g_autofree char *sums_after = NULL;
  g_autofree char *model_before = NULL;
  g_autofree char *model_after = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expected = g_strsplit (c->expect, "|", -1);
  double cpu;
  long rss_before, rss_after;
  gboolean accepted;

  trj_envelope_page_show_entries (page, c->grid == GRID_ENTRIES);
  grid = c->grid == GRID_ENTRIES ? trj_envelope_page_get_entries_grid (page)
                                 : trj_envelope_page_get_lines_grid (page);
  /* The grid shown, once the stack's crossfade has ended, and painted. */
  trj_harness_wait_stack (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_STACK)));
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (grid)));
  sums_before = file_sums ();
  model_before = model_text (grid);

  cpu = cpu_seconds (&rss_before);
  trj_grid_set_cursor (grid, 0, c->column);
  if (c->typed)
    {
      g_assert_true (trj_grid_start_editing (grid, text));
      accepted = trj_grid_commit_edit (grid);
      message = g_strdup (trj_grid_get_error_message (grid));
      trj_grid_cancel_edit (grid);
    }
  else
    {
      accepted = trj_grid_paste_text (grid, text, &error);
      message = g_strdup (error != NULL ? error->message : NULL);
    }
  trj_harness_flush ();
  cpu = cpu_seconds (&rss_after) - cpu;

  g_test_message ("%s: %.2f s CPU, +%ld MB; message: %s", c->name, cpu,
                  (rss_after - rss_before) / 1024, message);
  g_assert_false (accepted);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_nonnull (strstr (message, expected[i]));
  g_assert_cmpfloat (cpu, <=, TRJ_TEST_CPU_LIMIT_S);
  g_assert_cmpint ((rss_after - rss_before) / 1024, <=, 200);

  /* A refused entry keeps every value, in the grid and in the file. */
  model_after = model_text (grid);
  g_assert_cmpstr (model_before, ==, model_after);
  sums_after = file_sums ();
  g_assert_cmpstr (sums_before, ==, sums_after);
  trj_envelope_page_show_entries (page, FALSE);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GFile) file = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  /* Every case runs and reports, even after a failure. */
  g_test_set_nonfatal_assertions ();

  workbook_path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (workbook_path);
  window = trj_window_new (GTK_APPLICATION (app));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_present (GTK_WINDOW (window));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/bad-paste/", cases[i].name, NULL);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  trj_harness_flush ();
  g_free (workbook_path);
  return status;
}
