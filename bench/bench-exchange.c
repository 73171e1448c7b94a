/* bench-exchange.c — time of the programming file, CSV and consolidation
 *
 * - xlsx: write then read back the programming file of a large region
 *   (Bretagne with 500 PEC lines and 100 CIE jeunes lines);
 * - CSV: export the same 600 lines, then import them into the empty scenario;
 * - consolidation: read the 19 regional programming files of the 2024
 *   notification and write the national xlsx.
 * Prints the median of a few runs of each. Files go to a temporary folder.
 *
 *   ./build/bench/bench-exchange [runs]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "trj-bench.h"
#include "trj-consolidation.h"
#include "trj-csv.h"
#include "trj-programming.h"
#include "trj-year-data.h"

typedef void (*BenchFunc) (gpointer data);

static void
report (const char *what, const char *size, BenchFunc func, gpointer data, int runs)
{
  g_autofree double *times = g_new (double, runs);

  for (int r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      func (data);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  trj_bench_row ("exchange", what, size, "ms", times, runs);
}

typedef struct {
  char *dir;
  TrjScenario *big;
  TrjScenario *empty;
  GPtrArray *region_files;
} Bench;

static char *
path_in (Bench *b, const char *name)
{
  return g_build_filename (b->dir, name, NULL);
}

static void
write_xlsx (gpointer data)
{
  Bench *b = data;
  g_autofree char *path = path_in (b, "big.xlsx");

  if (!trj_programming_write_xlsx (b->big, NULL, path, NULL))
    g_error ("xlsx write failed");
}

static void
read_xlsx (gpointer data)
{
  Bench *b = data;
  g_autofree char *path = path_in (b, "big.xlsx");
  g_autoptr(TrjScenario) back = trj_programming_read_xlsx (path, NULL, NULL);

  if (back == NULL)
    g_error ("xlsx read failed");
}

static void
export_csv (gpointer data)
{
  Bench *b = data;
  g_autofree char *path = path_in (b, "big.csv");

  if (!trj_csv_export_lines (b->big, path, NULL))
    g_error ("CSV export failed");
}

static void
import_csv (gpointer data)
{
  Bench *b = data;
  g_autofree char *path = path_in (b, "big.csv");
  g_autoptr(TrjCsvImport) import = trj_csv_import_lines (path, b->empty, NULL);

  if (import == NULL || import->lines->len != 600)
    g_error ("CSV import failed");
}

static void
consolidate (gpointer data)
{
  Bench *b = data;
  g_autoptr(TrjConsolidation) consolidation = trj_consolidation_new ();
  g_autofree char *path = path_in (b, "national.xlsx");

  for (guint i = 0; i < b->region_files->len; i++)
    if (!trj_consolidation_add_file (consolidation, g_ptr_array_index (b->region_files, i), NULL))
      g_error ("consolidation failed");
  if (!trj_consolidation_write_xlsx (consolidation, path, NULL))
    g_error ("national xlsx failed");
}

int
main (int argc, char **argv)
{
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  int runs = argc > 1 ? atoi (argv[1]) : 9;
  Bench b = { g_dir_make_tmp ("bench-exchange-XXXXXX", NULL), NULL, NULL,
              g_ptr_array_new_with_free_func (g_free) };
  const TrjRegion *bretagne = trj_year_data_find_region (data, "Bretagne");

  b.big = trj_year_data_example (data, "Bretagne", NULL);
  for (guint e = 0; e < 2; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (b.big->envelopes, e);
      TrjLine *model = g_ptr_array_index (env->lines, 0);
      guint n = e == 0 ? 500 : 100;

      for (guint i = 1; i < n; i++)
        {
          TrjLine *line = trj_line_copy (model);
          const TrjDepartement *dep = g_ptr_array_index (bretagne->departements,
                                                         i % bretagne->departements->len);
          g_free (line->id);
          line->id = g_strdup_printf ("%s-%u", model->id, i);
          line->departement = g_strdup (dep->code);
          line->rate = 0.4 + 0.01 * (i % 15);
          g_ptr_array_add (env->lines, line);
        }
    }
  b.empty = trj_scenario_copy (b.big);
  for (guint e = 0; e < b.empty->envelopes->len; e++)
    g_ptr_array_set_size (((TrjEnvelope *) g_ptr_array_index (b.empty->envelopes, e))->lines, 0);
  for (guint i = 0; i < data->regions->len; i++)
    {
      const TrjRegion *region = g_ptr_array_index (data->regions, i);
      g_autoptr(TrjScenario) s = trj_year_data_example (data, region->name, NULL);
      char *path = g_strdup_printf ("%s/region-%02u.xlsx", b.dir, i);

      trj_programming_write_xlsx (s, NULL, path, NULL);
      g_ptr_array_add (b.region_files, path);
    }

  trj_bench_header ();
  report ("programming file (xlsx) write", "600 lines", write_xlsx, &b, runs);
  report ("programming file (xlsx) read back", "600 lines", read_xlsx, &b, runs);
  report ("CSV export", "600 lines", export_csv, &b, runs);
  report ("CSV import", "600 lines", import_csv, &b, runs);
  report ("consolidation + national xlsx", "19 regional files", consolidate, &b, runs);

  {
    g_autoptr(GDir) dir = g_dir_open (b.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = path_in (&b, name);
        g_unlink (path);
      }
    g_rmdir (b.dir);
  }
  return 0;
}
