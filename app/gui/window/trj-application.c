/* trj-application.c — see trj-application.h
 *
 * Every keyboard accelerator of the application is declared in accels[] below,
 * app and window actions alike, so that one table documents them all and the
 * shortcuts window can be checked against it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-application.h"
#include "trj-window.h"
#include "trj-about.h"
#include "trj-help.h"
#include "trj-preferences-window.h"
#include "trj-workbook.h"
#include "trj-format.h"

struct _TrjApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TrjApplication, trj_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[4];
} accels[] = {
  { "app.new", { "<Control>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.help", { "F1", NULL } },
  /* The shortcuts window, built when first shown (trj-window.c). */
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.add-line", { "Insert", NULL } },
  /* Ctrl+D is the grid's « Recopier vers le bas », as in a spreadsheet. */
  { "win.duplicate-line", { "<Control><Shift>d", NULL } },
  { "win.line-note", { "<Control><Alt>c", NULL } },
  { "win.remove-line", { "<Control>Delete", NULL } },
  { "win.solve", { "<Control>j", NULL } },
  { "win.solve-envelope", { "<Shift><Control>j", NULL } },
  { "win.show-summary", { "<Control>0", NULL } },
  { "win.present", { "F5", NULL } },
  { "win.landing", { "<Control>l", NULL } },
  /* From region to region of the window. Ctrl+Tab too, but not as an
   * accelerator (those run before the grid sees the key, and in a grid
   * Ctrl+Tab moves between cells): trj-window-focus.c. */
  { "win.focus-next-region", { "F6", NULL } },
  { "win.focus-previous-region", { "<Shift>F6", NULL } },
};

static TrjWindow *
window_for_new_content (TrjApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TRJ_IS_WINDOW (active) && !trj_window_has_workbook (TRJ_WINDOW (active)))
    return TRJ_WINDOW (active);
  return trj_window_new (GTK_APPLICATION (self));
}

/* TRAJECTOIRE_BENCH_FIRST_FRAME=1 (bench/bench-gui): prints the monotonic time
 * of the first frame drawn with the workbook open, then quits. */
static void
first_frame_painted (GdkFrameClock *clock, TrjApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, self);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (self));
}

static void
window_mapped_for_bench (GtkWidget *window, TrjApplication *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted), self);
}

void
trj_application_open_file (TrjApplication *self, GFile *file)
{
  TrjWindow *window;

  g_return_if_fail (TRJ_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = window_for_new_content (self);
  trj_window_open_file (window, file);
  if (g_getenv ("TRAJECTOIRE_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (window_mapped_for_bench), self);
  gtk_window_present (GTK_WINDOW (window));
}

static void
trj_application_activate (GApplication *app)
{
  TrjApplication *self = TRJ_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (active == NULL)
    active = GTK_WINDOW (trj_window_new (GTK_APPLICATION (self)));
  gtk_window_present (active);
}

static void
trj_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    trj_application_open_file (TRJ_APPLICATION (app), files[i]);
}

static void
new_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  TrjWindow *window = window_for_new_content (TRJ_APPLICATION (user_data));

  trj_window_show_start (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  TrjApplication *self = TRJ_APPLICATION (user_data);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!TRJ_IS_WINDOW (active))
    active = GTK_WINDOW (trj_window_new (GTK_APPLICATION (self)));
  gtk_window_present (active);
  trj_window_choose_file_to_open (TRJ_WINDOW (active));
}

static void
quit_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  /* Every edit is already durable in its workbook: closing loses nothing. */
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (trj_about_window_new (parent));
}

static void
preferences_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (trj_preferences_window_new (parent, NULL)));
}

static void
help_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  trj_help_show (gtk_application_get_active_window (GTK_APPLICATION (user_data)), NULL);
}

static const GActionEntry app_entries[] = {
  { .name = "new", .activate = new_activated },
  { .name = "open", .activate = open_activated },
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "help", .activate = help_activated },
};

/* Work on the way to the first frame that needs nothing of this thread is
 * done in another while this one builds the window: what judging a
 * workbook's tables needs (8 ms, trj_workbook_preload), ICU's French data
 * (month names for the grid's columns, number symbols), then the icon
 * theme, which reads its index files and lists its folders at the first icon
 * looked up (9 ms). GTK 4's icon theme is made on the main thread and may
 * then be looked up from any thread (it takes its own lock: a lookup on the
 * main thread meanwhile waits for it); the workbook's is under a lock too. */
static gpointer
warm_up (gpointer theme)
{
  GtkIconPaintable *icon;

  trj_workbook_preload ();
  /* ICU's French data (month names, number symbols) is cached process-wide;
   * the number formatters themselves are per thread. */
  trj_format_month_long (1);
  g_free (trj_format_money (1234567.0));
  icon = gtk_icon_theme_lookup_icon (theme, "open-menu-symbolic", NULL, 16, 1, GTK_TEXT_DIR_NONE, 0);
  g_object_unref (icon);
  g_object_unref (theme);
  return NULL;
}

static void
trj_application_startup (GApplication *app)
{
  GdkDisplay *display;

  G_APPLICATION_CLASS (trj_application_parent_class)->startup (app);

  if ((display = gdk_display_get_default ()) != NULL)
    g_thread_unref (g_thread_new ("trj-warm-up", warm_up,
                                  g_object_ref (gtk_icon_theme_get_for_display (display))));

  /* Shown by the desktop, and needed to add files to the recent list. */
  g_set_application_name (_("Trajectoire"));

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

/* --version answers in the launching process, before any window or bus name. */
static int
trj_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("trajectoire %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
trj_application_class_init (TrjApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = trj_application_handle_local_options;
  app_class->startup = trj_application_startup;
  app_class->activate = trj_application_activate;
  app_class->open = trj_application_open;
}

static void
trj_application_init (TrjApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Print the version and quit"), NULL);
}

TrjApplication *
trj_application_new (void)
{
  return g_object_new (TRJ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/fr/gouv/travail/Trajectoire",
                       NULL);
}
