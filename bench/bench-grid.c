/* bench-grid.c — TrjGrid with 200 lines × 12 columns in a 1280×800 window
 *
 * Prints the time from creating the grid to its first frame painted (after a
 * plain window has warmed GTK up), then, over many runs, the median and p95 of:
 *   - refresh: a model "changed" for every row (what each edit emits after the
 *     recomputation) until every visible cell shows its new text;
 *   - edit: type a value in a cell and press Enter (the mock model commits and
 *     emits "changed"), the grid's own work;
 *   - jump: Ctrl+End / Ctrl+Home alternately (200 rows apart), the grid's work;
 * and for the last two, "frame": the work of the frame that follows (layout
 * and paint, from the frame clock's before-paint to after-paint), and
 * "latency": from the key to the end of that frame, which also counts the
 * wait for the frame clock's next slot (up to one refresh period, 16,7 ms).
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" build/bench/bench-grid [runs]
 */
#include <stdlib.h>

#include <gtk/gtk.h>

#include "grid-mock-model.h"
#include "trj-bench.h"
#include "trj-grid.h"
#include "trj-i18n.h"

#ifndef N_ROWS
#define N_ROWS 200
#endif

static gboolean painted;
static gint64 frame_start;
static gint64 frame_end;

static void
before_paint_cb (GdkFrameClock *clock)
{
  frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  frame_end = g_get_monotonic_time ();
  painted = TRUE;
}

/* Iterates the main loop until the next frame has been painted. */
static void
wait_frame (GtkWidget *widget)
{
  painted = FALSE;
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const char *what, double *ms, int runs)
{
  trj_bench_row ("grid", what, "200 rows (mock model)", "ms", ms, runs);
}

int
main (int   argc,
      char *argv[])
{
  int runs = argc > 1 ? atoi (argv[1]) : 200;
  g_autofree double *refresh = g_new (double, runs);
  g_autofree double *edit = g_new (double, runs);
  g_autofree double *edit_frame = g_new (double, runs);
  g_autofree double *edit_latency = g_new (double, runs);
  g_autofree double *jump = g_new (double, runs);
  g_autofree double *jump_frame = g_new (double, runs);
  g_autofree double *jump_latency = g_new (double, runs);
  g_autoptr(MockModel) model = NULL;
  GtkWidget *window;
  GtkWidget *warm_up;
  TrjGrid *grid;
  gint64 created;
  int i;

  gtk_init ();
  trj_i18n_init ();

  warm_up = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (warm_up));
  g_signal_connect (gtk_widget_get_frame_clock (warm_up), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (warm_up));

  created = g_get_monotonic_time ();
  model = mock_model_new (N_ROWS, 2);
  grid = TRJ_GRID (trj_grid_new ());
  trj_grid_set_model (grid, TRJ_GRID_MODEL (model));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (grid));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint",
                    G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_print ("%-16s %6.2f ms\n", "first frame", ms_since (created));
  /* Until every row is bound (a chunk a frame). */
  for (i = 0; i < 20; i++)
    wait_frame (window);
  gtk_widget_grab_focus (GTK_WIDGET (grid));

  for (i = 0; i < runs; i++)
    {
      gint64 start;

      mock_model_line (model, i % 20)->volume = 1000 + i;
      start = g_get_monotonic_time ();
      trj_grid_model_values_changed (TRJ_GRID_MODEL (model));
      refresh[i] = ms_since (start);
      g_assert (trj_grid_get_displayed_text (grid, i % 20, COL_VOLUME) != NULL);
      wait_frame (window);
    }

  for (i = 0; i < runs; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", 100 + i);
      gint64 start;

      trj_grid_set_cursor (grid, i % 20, COL_VOLUME);
      wait_frame (window);
      start = g_get_monotonic_time ();
      trj_grid_start_editing (grid, text);
      trj_grid_handle_key (grid, GDK_KEY_Return, 0);
      edit[i] = ms_since (start);
      wait_frame (window);
      edit_frame[i] = (frame_end - frame_start) / 1000.0;
      edit_latency[i] = ms_since (start);
      g_assert_cmpfloat (mock_model_line (model, i % 20)->volume, ==, 100 + i);
    }

  for (i = 0; i < runs; i++)
    {
      guint row;
      gint64 start = g_get_monotonic_time ();

      trj_grid_handle_key (grid, i % 2 == 0 ? GDK_KEY_End : GDK_KEY_Home, GDK_CONTROL_MASK);
      jump[i] = ms_since (start);
      trj_grid_get_cursor (grid, &row, NULL);
      do
        wait_frame (window);
      while (trj_grid_get_displayed_text (grid, row, 0) == NULL);
      jump_frame[i] = (frame_end - frame_start) / 1000.0;
      jump_latency[i] = ms_since (start);
    }

  trj_bench_header ();
  report ("refresh", refresh, runs);
  report ("edit", edit, runs);
  report ("edit frame", edit_frame, runs);
  report ("edit latency", edit_latency, runs);
  report ("jump", jump, runs);
  report ("jump frame", jump_frame, runs);
  report ("jump latency", jump_latency, runs);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
