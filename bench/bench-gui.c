/* bench-gui.c — main window speed: an edit to the frame drawn, and startup
 *
 * 1. Edit: a Bretagne 2024 workbook with 200, 2 000 and 20 000 PEC lines open in the real
 *    window; each sample types a volume into a cell of the lines grid (the
 *    editor opens, a frame shows it), then presses Entrée (workbook
 *    transaction with fsync and undo record, snapshot, recompute of the whole
 *    region, every figure and grid cell refreshed, the cursor goes down) and
 *    waits for the next frame to be painted. Reported from Entrée: figures
 *    updated (with the workbook's and the window's shares), the frame's own
 *    work (update, layout, paint: from before-paint to after-paint), their
 *    sum (target p95 < 8 ms), and the time to the painted frame including
 *    the wait for the frame clock.
 * 2. Startup: runs the `trajectoire` executable on a new Bretagne workbook
 *    (as `make run` opens it, two lines) and on the larger ones with
 *    TRAJECTOIRE_BENCH_FIRST_FRAME=1 and measures from the spawn to the first
 *    frame painted with the workbook open, and the process's peak resident
 *    memory, against a bare AdwApplicationWindow started the same way (the
 *    issue's targets: first frame ≤ 1,3 × the bare window, ≤ 1,5 × at 20 000
 *    lines; memory within 10 MiB of it), and against the same bare window at
 *    the application's default size (its pixels alone are about 5 MiB). The
 *    three are started in turn, so that they share the machine's load.
 * Usage: bench-gui [--startup-only] [PATH/TO/trajectoire]   (under Xvfb, see
 * README; default: the application of the same build directory;
 * --startup-only: part 2 alone; `bench-gui --workbook PATH N` writes the
 * workbook of N lines it opens, for a profiler)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <sys/resource.h>
#include <sys/wait.h>

#include "trj-bench.h"
#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-lines-model.h"
#include "trj-workbook.h"
#include "trj-i18n.h"

#define N_STARTS 10

/* N lines in PEC_CIE_TP: the example line and its copies, in one batch. */
static void
grow_workbook (const char *path, guint n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);
  gint64 scenario;
  g_autoptr(TrjScenario) snapshot = NULL;
  const TrjLine *first;

  if (wb == NULL)
    g_error ("%s", error->message);
  scenario = trj_workbook_get_current_scenario (wb);
  snapshot = trj_workbook_get_scenario (wb, scenario, &error);
  first = ((TrjEnvelope *) trj_scenario_find_envelope (snapshot, "PEC_CIE_TP"))->lines->pdata[0];
  trj_workbook_begin_batch (wb, "bench");
  for (guint i = 1; i < n_lines; i++)
    {
      g_autofree char *id = trj_workbook_duplicate_line (wb, scenario, first->id, &error);

      if (id == NULL)
        g_error ("%s", error->message);
    }
  if (!trj_workbook_end_batch (wb, &error))
    g_error ("%s", error->message);
  trj_workbook_close (wb);
}

static gint64 store_done;
static gint64 figures_done;

/* Runs before any handler of the workbook's "changed": the edit is committed. */
static gboolean
store_committed (GSignalInvocationHint *hint, guint n_params, const GValue *params, gpointer data)
{
  store_done = g_get_monotonic_time ();
  return TRUE;
}

/* Connected last to the document's "updated": every figure is refreshed. */
static void
figures_refreshed (void)
{
  figures_done = g_get_monotonic_time ();
}

static gboolean painted;
static gint64 layout_started;
static gint64 layout_ended;
static gint64 render_ended;
static gint64 paint_ended;

/* The frame's own work (update, layout and paint) is told apart from the wait
 * for the frame clock, which depends on when in the 16.7 ms period the edit
 * lands. A frame that had to wait for the X server (a new window layout
 * freezes the clock until the server configures the window) resumes after
 * before-paint: then all the time from the edit counts as the frame's. */
static void
frame_start (GdkFrameClock *clock, gpointer data)
{

  if (layout_started == 0)
    layout_started = g_get_monotonic_time ();
}

/* GTK's own handlers of these phases were connected when the window was
 * realized, before ours: ours run when the phase's work is done. */
static void
layout_end (GdkFrameClock *clock, gpointer data)
{
  layout_ended = g_get_monotonic_time ();
}

static void
paint_end (GdkFrameClock *clock, gpointer data)
{
  render_ended = g_get_monotonic_time ();
}

static void
after_paint (GdkFrameClock *clock, gpointer data)
{
  paint_ended = g_get_monotonic_time ();
  painted = TRUE;
}

static void
bench_edits (TrjApplication *app, const char *path, guint n_lines, guint n_edits)
{
  g_autofree char *size = g_strdup_printf ("%u lines", n_lines);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  TrjEnvelopePage *page;
  TrjGrid *grid;
  GdkFrameClock *clock;
  double *updated = g_new (double, n_edits);
  double *drawn = g_new (double, n_edits);
  double *frame_work = g_new (double, n_edits);
  double *store = g_new (double, n_edits);
  double *opening = g_new (double, n_edits);
  double *refresh = g_new (double, n_edits);
  gulong hook;
  double *busy = g_new (double, n_edits);
  double *typing = g_new (double, n_edits);
  guint n_relayouts = 0;
  double *layout = g_new (double, n_edits);
  double *render = g_new (double, n_edits);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!trj_window_open_file (window, file))
    g_error ("cannot open %s", path);
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  grid = trj_envelope_page_get_lines_grid (page);
  g_assert (trj_grid_model_get_n_rows (trj_grid_get_model (grid)) == n_lines);
  trj_harness_wait_frames (GTK_WIDGET (window), 5);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  hook = g_signal_add_emission_hook (g_signal_lookup ("changed", TRJ_TYPE_WORKBOOK), 0,
                                     store_committed, NULL, NULL);
  g_signal_connect_after (trj_window_get_document (window), "updated", G_CALLBACK (figures_refreshed), NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (frame_start), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_end), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_end), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), NULL);

  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", 100 + i % 50);
      gint64 t0, t1, tc;

      trj_grid_set_cursor (grid, i % 10, TRJ_LINES_COLUMN_VOLUME);
      trj_harness_flush ();

      /* The first key typed opens the editor, and a frame shows it. */
      painted = FALSE;
      layout_started = 0;
      t0 = g_get_monotonic_time ();
      trj_grid_start_editing (grid, text);
      opening[i] = (g_get_monotonic_time () - t0) / 1e3;
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      typing[i] = (paint_ended - t0) / 1e3;
      /* A planner types the rest of the figure before Entrée: the frames
       * that follow the editor's opening (focus, styles) pass first. */
      trj_harness_wait_frames (GTK_WIDGET (window), 3);

      /* Entrée: the edit is committed, the cursor goes down. */
      painted = FALSE;
      layout_started = 0;
      tc = g_get_monotonic_time ();
      if (!trj_grid_handle_key (grid, GDK_KEY_Return, 0) || trj_grid_is_editing (grid))
        g_error ("edit refused: %s", trj_grid_get_error_message (grid));
      t1 = g_get_monotonic_time ();
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      if (layout_started == 0)
        {
          layout_started = layout_ended = render_ended = t1;
          n_relayouts++;
        }
      updated[i] = (t1 - tc) / 1e3;
      drawn[i] = (paint_ended - tc) / 1e3;
      frame_work[i] = (paint_ended - layout_started) / 1e3;
      /* A phase nobody asked for is not emitted: it took no time. */
      if (layout_ended < layout_started)
        layout_ended = layout_started;
      if (render_ended < layout_ended)
        render_ended = layout_ended;
      layout[i] = (layout_ended - layout_started) / 1e3;
      render[i] = (render_ended - layout_ended) / 1e3;
      busy[i] = updated[i] + frame_work[i];
      store[i] = (store_done - tc) / 1e3;
      refresh[i] = (figures_done - store_done) / 1e3;
    }
  g_signal_handlers_disconnect_by_func (clock, after_paint, NULL);
  g_signal_handlers_disconnect_by_func (clock, frame_start, NULL);
  g_signal_handlers_disconnect_by_func (clock, layout_end, NULL);
  g_signal_handlers_disconnect_by_func (clock, paint_end, NULL);
  g_signal_remove_emission_hook (g_signal_lookup ("changed", TRJ_TYPE_WORKBOOK), hook);
  trj_bench_row ("window", "typing: editor opened", size, "ms", opening, n_edits);
  trj_bench_row ("window", "typing: editor opened and drawn", size, "ms", typing, n_edits);
  trj_bench_row ("window", "Entrée: workbook edit (fsync)", size, "ms", store, n_edits);
  trj_bench_row ("window", "Entrée: snapshot, recompute, refresh", size, "ms", refresh, n_edits);
  trj_bench_row ("window", "Entrée → figures updated", size, "ms", updated, n_edits);
  trj_bench_row ("window", "frame after it (update, layout, paint)", size, "ms", frame_work, n_edits);
  trj_bench_row ("window", "edit + frame, without vsync wait", size, "ms", busy, n_edits);
  trj_bench_row ("window", "edit → frame drawn (with vsync wait)", size, "ms", drawn, n_edits);
  trj_bench_value ("window", "frames after Entrée that relaid the window out", size, "frames",
                   n_relayouts);
  gtk_window_destroy (GTK_WINDOW (window));
  g_free (updated);
  g_free (drawn);
  g_free (frame_work);
  g_free (store);
  g_free (opening);
  g_free (refresh);
  g_free (busy);
  g_free (typing);
  g_free (layout);
  g_free (render);
}

/* `bench-gui --bare-window`: an empty libadwaita window, the floor of startup. */
static void
bare_painted (GdkFrameClock *clock, GApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, bare_painted, app);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
bare_mapped (GtkWidget *window, GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (bare_painted), app);
}

static int bare_width, bare_height;

static void
bare_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  if (bare_width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), bare_width, bare_height);

  g_signal_connect (window, "map", G_CALLBACK (bare_mapped), app);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_bare_window (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("fr.gouv.travail.Trajectoire.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (bare_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

typedef struct {
  double first_frame_ms;
  double peak_rss_mib;
} Startup;

/* One start of @argv: the time from the spawn to its first frame, and its
 * peak resident memory (wait4's ru_maxrss). */
static void
start_once (char **argv, char **env, double *frame_ms, double *rss_mib)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 start = g_get_monotonic_time (), frame = 0;
  struct rusage usage;
  GPid pid;
  int fd, status;
  char buffer[4096];
  gssize n;
  const char *line;

  if (!g_spawn_async_with_pipes (NULL, argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                 NULL, &fd, NULL, &error))
    g_error ("%s", error->message);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (out, buffer, n);
  close (fd);
  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("wait4: %s", g_strerror (errno));
  line = strstr (out->str, "first-frame ");
  if (line == NULL || sscanf (line, "first-frame %" G_GINT64_FORMAT, &frame) != 1)
    g_error ("%s did not report its first frame", argv[0]);
  *frame_ms = (frame - start) / 1e3;
  *rss_mib = usage.ru_maxrss / 1024.0;
}

#define N_KINDS 3

/* Starts the bare window (its default size, as GTK chooses), the bare window
 * at the application's default size (1260 × 780, the settings' default) and
 * @argv in turn, N_STARTS times each: on a shared machine the three see the
 * same load, and each ratio is of medians measured in the same minutes. */
static void
bench_startup (const char *size, char **argv, char *bare_argv[], char *sized_argv[])
{
  static const char *what[N_KINDS] = {
    "bare libadwaita window", "bare libadwaita window, 1260 × 780", "Trajectoire"
  };
  double frames[N_KINDS][N_STARTS], rss[N_KINDS][N_STARTS];
  Startup median[N_KINDS];
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "TRAJECTOIRE_BENCH_FIRST_FRAME", "1", TRUE);
  char **argvs[N_KINDS] = { bare_argv, sized_argv, argv };

  for (guint i = 0; i < N_STARTS; i++)
    for (guint k = 0; k < N_KINDS; k++)
      start_once (argvs[k], env, &frames[k][i], &rss[k][i]);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autofree char *measure = g_strdup_printf ("startup → first frame: %s", what[k]);
      g_autofree char *memory = g_strdup_printf ("peak resident memory: %s", what[k]);

      /* trj_bench_row sorts the samples: the middle one is the median. */
      trj_bench_row ("window", measure, size, "ms", frames[k], N_STARTS);
      trj_bench_row ("window", memory, size, "MiB", rss[k], N_STARTS);
      median[k].first_frame_ms = frames[k][N_STARTS / 2];
      median[k].peak_rss_mib = rss[k][N_STARTS / 2];
    }
  trj_bench_value ("window", "first frame ÷ bare window's", size, "×",
                   median[2].first_frame_ms / median[0].first_frame_ms);
  trj_bench_value ("window", "peak memory − bare window's", size, "MiB",
                   median[2].peak_rss_mib - median[0].peak_rss_mib);
  trj_bench_value ("window", "first frame ÷ bare window's of the same size", size, "×",
                   median[2].first_frame_ms / median[1].first_frame_ms);
  trj_bench_value ("window", "peak memory − bare window's of the same size", size, "MiB",
                   median[2].peak_rss_mib - median[1].peak_rss_mib);
}

int
main (int argc, char *argv[])
{
  g_autoptr(TrjApplication) app = NULL;
  g_autofree char *program = NULL;
  g_autofree char *bench_dir = g_path_get_dirname (argv[0]);
  gboolean startup_only = FALSE;

  if (argc > 1 && g_str_equal (argv[1], "--bare-window"))
    {
      if (argc > 2 && sscanf (argv[2], "%dx%d", &bare_width, &bare_height) != 2)
        g_error ("--bare-window WIDTHxHEIGHT");
      return run_bare_window ();
    }
  /* `bench-gui --workbook PATH N`: writes the Bretagne workbook of N lines the
   * benchmark opens, to profile the window on it. */
  if (argc == 4 && g_str_equal (argv[1], "--workbook"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TrjWorkbook) wb = NULL;

      trj_i18n_init ();
      wb = trj_workbook_new_for_region (argv[2], "Bretagne", 2024, &error);
      if (wb == NULL)
        g_error ("%s", error->message);
      trj_workbook_close (wb);
      grow_workbook (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
      return 0;
    }
  /* `bench-gui --startup-only`: the startup rows alone (a quicker run while
   * working on the window's start). */
  if (argc > 1 && g_str_equal (argv[1], "--startup-only"))
    {
      startup_only = TRUE;
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  /* `make bench` runs every benchmark, with or without a display. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("bench-gui: no display; run it under xvfb-run (see README)\n");
      return 0;
    }
  app = trj_harness_init (&argc, &argv);
  trj_bench_header ();
  /* The application built beside this benchmark, unless given. */
  program = argc > 1 ? g_strdup (argv[1])
                     : g_build_filename (bench_dir, "..", "app", "gui", "trajectoire", NULL);
  {
    char *bare_argv[] = { argv[0], (char *) "--bare-window", NULL };
    char *sized_argv[] = { argv[0], (char *) "--bare-window", (char *) "1260x780", NULL };
    const guint sizes[] = { 200, 2000, 20000 };
    const guint n_edits[] = { 300, 60, 15 };
    g_autofree char *small = trj_harness_new_workbook ("Bretagne");
    gboolean startup = g_file_test (program, G_FILE_TEST_IS_EXECUTABLE);

    if (startup)
      {
        char *small_argv[] = { program, small, NULL };

        bench_startup ("2 lines", small_argv, bare_argv, sized_argv);
      }
    else
      printf ("(startup: %s is not built)\n", program);
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        g_autofree char *path = trj_harness_new_workbook ("Bretagne");
        g_autofree char *size = g_strdup_printf ("%u lines", sizes[z]);

        grow_workbook (path, sizes[z]);
        if (!startup_only)
          bench_edits (app, path, sizes[z], n_edits[z]);
        if (startup)
          {
            char *app_argv[] = { program, path, NULL };

            bench_startup (size, app_argv, bare_argv, sized_argv);
          }
      }
  }
  return 0;
}
