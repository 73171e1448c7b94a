/* trj-year.h — the year after the programming in the window (MODEL 8 and 9):
 * « Marquer comme transmis… », the history of versions sent, the actuals
 * imported from CSV and « données à fin <mois> »
 *
 * The store does the work and refuses what must be refused (a frozen
 * scenario's edits, a file with any error); these are its dialogs.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

/* « Marquer comme transmis… » of the document's current scenario: an
 * AdwMessageDialog asking the kind, the date (JJ/MM/AAAA, today by default)
 * and a comment; its "send" response freezes the scenario
 * (trj_workbook_mark_sent), a refusal is told in the parent's toast. */
GtkWidget   *trj_send_dialog_new            (GtkWindow *parent, TrjDocument *document);
/* Its fields, for the tests. */
GtkDropDown *trj_send_dialog_get_kind       (GtkWidget *dialog);
GtkEditable *trj_send_dialog_get_date       (GtkWidget *dialog);
GtkEditable *trj_send_dialog_get_comment    (GtkWidget *dialog);
/* A date typed JJ/MM/AAAA (or AAAA-MM-JJ) as YYYY-MM-DD, NULL when it is none. */
char        *trj_send_parse_date            (const char *text);

/* « Versions transmises »: the history, each version with « Afficher » and
 * « Dupliquer en scénario de travail ». Follows the workbook. */
#define TRJ_TYPE_SENT_WINDOW (trj_sent_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjSentWindow, trj_sent_window, TRJ, SENT_WINDOW, AdwWindow)

TrjSentWindow *trj_sent_window_new            (GtkWindow *parent, TrjDocument *document);
guint          trj_sent_window_get_n_versions (TrjSentWindow *self);
/* The text of row i (« Programmation initiale — Version transmise … »). */
const char    *trj_sent_window_get_row_text   (TrjSentWindow *self, guint i);
/* What its buttons do, for the tests: the new scenario's id, 0 with a toast. */
gint64         trj_sent_window_duplicate      (TrjSentWindow *self, guint i);

/* The banner's text for a frozen scenario (transfer full), NULL for a
 * working one: « Version transmise à la DGEFP le … Lecture seule : … ». */
char        *trj_year_frozen_text           (TrjDocument *document);
/* « données à fin juin » (transfer full), NULL when no actuals were imported. */
char        *trj_year_actuals_text          (TrjDocument *document);

/* « Importer le réalisé (CSV)… »: the rows of the file matched to the current
 * scenario's lines, stored as one undo step. Returns the number of rows; 0
 * with the reader's French error (every row in error named) and nothing
 * changed. */
guint        trj_year_import_actuals        (TrjDocument *document, GFile *file, GError **error);
/* The file chooser, then the import: the outcome in a toast, a refusal in a
 * message dialog listing the rows in error. */
void         trj_year_choose_actuals_import (GtkWindow *parent, TrjDocument *document);

G_END_DECLS
