/* trj-exchange-files.h — the document's file exchanges, behind the window's actions
 *
 * What win.import-csv, win.export-programming, win.export-formula-book and
 * win.import-programming
 * (trj-window-actions.c) do: each gets the document and the window to put its
 * file chooser on. Outcomes and refusals (a read-only workbook) are told in
 * the parent's toasts, through its win.toast action.
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-document.h"

G_BEGIN_DECLS

/* « Importer des lignes (CSV)… »: a file chooser, then the import dialog. */
void     trj_exchange_choose_csv_import          (GtkWindow *parent, TrjDocument *document);
/* « Exporter le fichier de programmation… » (.xlsx) of the current scenario. */
void     trj_exchange_choose_programming_export  (GtkWindow *parent, TrjDocument *document);
/* « Exporter en classeur de calcul… »: the current scenario as live formulas
 * (trj-formula-book.h). */
void     trj_exchange_choose_formula_book_export (GtkWindow *parent, TrjDocument *document);
/* « Importer un fichier de programmation… »: a file chooser, then
 * trj_exchange_import_programming(). */
void     trj_exchange_choose_programming_import  (GtkWindow *parent, TrjDocument *document);

/* The scenario of a programming file (.xlsx) exported by Trajectoire becomes a
 * new scenario of the document's workbook, under the name stored in the file
 * (made unique), and the current one. Returns its id, 0 with a French error. */
gint64   trj_exchange_import_programming (TrjDocument *document, GFile *file, GError **error);

G_END_DECLS
