/* trj-window.h — a Trajectoire window: start page, or one open workbook
 *
 * Window actions (accelerators in trj-application.c): win.undo, win.redo,
 * win.add-line, win.duplicate-line, win.remove-line, win.solve (the current
 * envelope page's line), win.show-summary, win.save-copy, win.scenario-duplicate,
 * win.scenario-rename, win.scenario-delete; win.show-charts, win.present (F5),
 * win.print (Ctrl+P), win.export-report (app/gui/charts); win.import-csv,
 * win.export-programming, win.import-programming (app/gui/import),
 * win.ddets-prepare, win.ddets-integrate (app/gui/ddets, issue 16);
 * win.national-view; win.toast (a string: a message the features show in the
 * window). All are in trj-window-actions.c; the features they call get the
 * document and the window, never this header.
 *
 * Properties (read-only, notified on change): "document", the open
 * workbook's TrjDocument; "envelope-id", the catalogue id of the envelope
 * page shown, NULL for the summary or the charts.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

#define TRJ_TYPE_WINDOW (trj_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjWindow, trj_window, TRJ, WINDOW, AdwApplicationWindow)

TrjWindow   *trj_window_new                 (GtkApplication *app);

/* Opens a workbook; on failure the window keeps what it showed and a French
 * message says why. Returns FALSE then. */
gboolean     trj_window_open_file           (TrjWindow *self, GFile *file);
/* Creates a workbook at path for a region and year and opens it. */
gboolean     trj_window_create_workbook     (TrjWindow  *self,
                                             const char *path,
                                             const char *region,
                                             int         year);
/* Its start page (« Nouvelle programmation », recent workbooks). */
GtkWidget   *trj_window_get_start_page      (TrjWindow *self);
/* "Ouvrir…": the native file chooser. */
void         trj_window_choose_file_to_open (TrjWindow *self);
void         trj_window_show_start          (TrjWindow *self);
gboolean     trj_window_has_workbook        (TrjWindow *self);
/* NULL on the start page. */
TrjDocument *trj_window_get_document        (TrjWindow *self);

/* Shows the page of an envelope (its catalogue id), the summary (NULL) or the
 * charts (TRJ_CHARTS_PAGE_NAME). */
void         trj_window_show_envelope       (TrjWindow *self, const char *envelope_id);
/* The page of an envelope, of the summary (NULL) or of the charts
 * (TRJ_CHARTS_PAGE_NAME); pages are built when first shown, NULL before. */
GtkWidget   *trj_window_get_page            (TrjWindow *self, const char *envelope_id);
/* The envelope page shown, or NULL (summary, start page). */
GtkWidget   *trj_window_get_visible_page    (TrjWindow *self);

/* The banner above the pages (a read-only workbook, a version sent), NULL
 * when it is hidden. */
const char  *trj_window_get_banner_text     (TrjWindow *self);
/* The header's subtitle: « Bretagne — 2024 », « … — données à fin juin ». */
const char  *trj_window_get_subtitle        (TrjWindow *self);

/* The shortcuts window (Ctrl+?), built on the first call: GtkApplication
 * would build it with every window, before its first frame. */
GtkWindow   *trj_window_get_help_overlay    (TrjWindow *self);

/* Shows a short message in the window's toast overlay. */
void         trj_window_toast               (TrjWindow *self, const char *message);

G_END_DECLS
