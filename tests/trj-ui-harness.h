/* trj-ui-harness.h — what the window tests, the screenshots and the GUI benchmark share
 *
 * The real application object (registered, not run: its actions, accelerators
 * and stylesheet are in place), workbooks created in a temporary folder, and
 * waiting for frames so that what is checked or saved has been drawn.
 */
#pragma once

#include <adwaita.h>

#include "trj-application.h"
#include "trj-window.h"

G_BEGIN_DECLS

/* French set-up, gtk_init, adw_init, and the registered application. */
TrjApplication *trj_harness_init           (int *argc, char ***argv);
/* A fresh temporary folder, removed with its files when the program ends. */
char           *trj_harness_temp_dir       (void);
/* A new workbook for a region (2024) in a fresh temporary folder; the path is
 * newly allocated. Aborts the program on failure. */
char           *trj_harness_new_workbook   (const char *region);
/* Runs the main loop until the widget's frame clock has drawn n frames. */
void            trj_harness_wait_frames    (GtkWidget *widget, guint n);
/* Dispatches what is pending without blocking. */
void            trj_harness_flush          (void);
/* Renders a toplevel as it is now and saves it as PNG. */
gboolean        trj_harness_save_png       (GtkWidget *toplevel, const char *path, GError **error);

G_END_DECLS
