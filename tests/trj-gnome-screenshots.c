/* trj-gnome-screenshots.c — saves the GNOME chrome as PNG (run by tools/screenshots-styles)
 *
 * Usage: trj-gnome-screenshots OUTPUT_DIR SUFFIX
 * The preferences (their three pages), the About window and the shortcuts window,
 * as preferences-general<SUFFIX>.png … so that light, dark and high-contrast
 * runs sit side by side. */
#include "config.h"

#include "trj-ui-harness.h"
#include "trj-about.h"
#include "trj-preferences-window.h"

static void
shoot (GtkWidget *toplevel, const char *dir, const char *name, const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, suffix, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  trj_harness_wait_settled (toplevel);
  if (!trj_harness_save_png (toplevel, path, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
}

int
main (int argc, char *argv[])
{
  g_autoptr(TrjApplication) app = trj_harness_init (&argc, &argv);
  g_autoptr(GSettings) settings = NULL;
  TrjWindow *window;
  GtkWindow *dialog;

  if (argc != 3)
    {
      g_printerr ("usage: %s OUTPUT_DIR SUFFIX\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);
  settings = g_settings_new (APP_ID);

  window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));

  dialog = GTK_WINDOW (trj_preferences_window_new (GTK_WINDOW (window), settings));
  gtk_window_present (dialog);
  shoot (GTK_WIDGET (dialog), argv[1], "preferences-general", argv[2]);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), "actuals");
  shoot (GTK_WIDGET (dialog), argv[1], "preferences-actuals", argv[2]);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), "presentation");
  shoot (GTK_WIDGET (dialog), argv[1], "preferences-presentation", argv[2]);
  gtk_window_destroy (dialog);

  dialog = trj_about_window_new (GTK_WINDOW (window));
  gtk_window_present (dialog);
  shoot (GTK_WIDGET (dialog), argv[1], "about", argv[2]);
  gtk_window_destroy (dialog);

  dialog = trj_window_get_help_overlay (window);
  gtk_window_set_default_size (dialog, 1100, 700);
  gtk_window_present (dialog);
  shoot (GTK_WIDGET (dialog), argv[1], "shortcuts", argv[2]);
  gtk_window_close (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
