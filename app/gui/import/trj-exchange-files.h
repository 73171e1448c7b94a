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

/* What an open chooser does with the file chosen (not called on cancel). */
typedef void (*TrjExchangeOpenFunc) (GtkWindow *parent, TrjDocument *document, GFile *file);

/* Asks for a file to import into the document's workbook, with one filter
 * (mime_type may be NULL), and hands it to `opened`; a read-only workbook is
 * said so in the parent's toast, with its reason, and nothing is asked. */
void     trj_exchange_choose_file_to_import      (GtkWindow           *parent,
                                                  TrjDocument         *document,
                                                  const char          *title,
                                                  const char          *accept_label,
                                                  const char          *filter_name,
                                                  const char          *pattern,
                                                  const char          *mime_type,
                                                  TrjExchangeOpenFunc  opened);

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
