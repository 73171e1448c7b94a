/* trj-exchange-actions.h — the main window's file exchange actions
 *
 *   win.import-csv           « Importer des lignes (CSV)… » into the current scenario
 *   win.export-programming   « Exporter le fichier de programmation… » (.xlsx)
 *   win.import-programming   « Importer un fichier de programmation… » as a new scenario
 *   win.national-view        « Vue nationale » (a window of its own)
 *
 * TrjWindow installs them from its class_init; they act on the window's
 * document (trj_window_get_document).
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-window.h"

G_BEGIN_DECLS

void     trj_exchange_actions_install (GtkWidgetClass *window_class);

/* What win.import-programming does with the chosen file: the scenario of a
 * programming file (.xlsx) exported by Trajectoire becomes a new scenario of the
 * window's workbook, under the name stored in the file (made unique), and the
 * current one. Returns its id, 0 with a French error. */
gint64   trj_exchange_import_programming (TrjWindow *window, GFile *file, GError **error);

G_END_DECLS
