/* trj-settings.h — the application's GSettings, and the window state kept there */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The settings of schema fr.gouv.travail.Trajectoire, or NULL when the schema
 * is not installed (a build run in place without GSETTINGS_SCHEMA_DIR, as the
 * GUI benchmark does): callers then keep their defaults instead of aborting. */
GSettings *trj_settings_new (void);

/* Restores the window's size and maximized state from settings; the size is
 * saved as the user changes it (GTK keeps the unmaximized size in
 * default-width/-height), the maximized state by
 * trj_settings_save_window_state, called as the window closes (still
 * maximized then, if it was). */
void trj_settings_bind_window_state (GSettings *settings, GtkWindow *window);
void trj_settings_save_window_state (GSettings *settings, GtkWindow *window);

G_END_DECLS
