/* trj-file-chooser.h — showing a GtkFileChooserNative, answerable by the UI tests
 *
 * Every file chooser of the application is shown with trj_file_chooser_show
 * and read with trj_file_chooser_get_file(s). A UI test sets a hook: a
 * chooser is then handed to it instead of shown, and the test answers it when
 * it wants, as its user would, with trj_file_chooser_respond. The chooser
 * behind GtkFileChooserNative differs with the desktop (portal,
 * GtkFileChooserDialog, its own questions); what the application does with
 * the answer is the same, and that is what the tests check.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*TrjFileChooserHook) (GtkFileChooserNative *chooser, gpointer data);

void        trj_file_chooser_show       (GtkFileChooserNative *chooser);
/* TRUE for an accepting response with a file chosen: Entrée in
 * GtkFileChooserDialog with nothing selected accepts without a file. */
gboolean    trj_file_chooser_accepted   (GtkFileChooserNative *chooser,
                                         int                   response);
/* The chosen file (full transfer). */
GFile      *trj_file_chooser_get_file   (GtkFileChooserNative *chooser);
/* The chosen files, a list of GFile (full transfer). */
GListModel *trj_file_chooser_get_files  (GtkFileChooserNative *chooser);
/* For the UI tests: every chooser shown from now on goes to hook (NULL: shown). */
void        trj_file_chooser_set_hook   (TrjFileChooserHook hook, gpointer data);
/* Answers a chooser handed to the hook: `file` chosen, or NULL to cancel. */
void        trj_file_chooser_respond    (GtkFileChooserNative *chooser, GFile *file);

G_END_DECLS
