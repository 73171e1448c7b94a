/* trj-exchange-actions.h — the main window's file exchange actions
 *
 *   win.import-csv           « Importer des lignes (CSV)… » into the current scenario
 *   win.export-programming   « Exporter le fichier de programmation… » (.xlsx)
 *   win.national-view        « Vue nationale » (a window of its own)
 *
 * TrjWindow installs them from its class_init; they act on the window's
 * document (trj_window_get_document).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void trj_exchange_actions_install (GtkWidgetClass *window_class);

G_END_DECLS
