/* trj-import-dialog.h — « Importer des lignes » from a CSV file, with a preview
 *
 * The file is read and checked whole when the dialog opens (trj-csv): the
 * dialog shows what was detected (separator, decimal mark, encoding) and the
 * lines it would add, or every error with its row and column, in which case
 * nothing can be imported. Importing adds the lines to the current scenario as
 * one undo step.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

#define TRJ_TYPE_IMPORT_DIALOG (trj_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrjImportDialog, trj_import_dialog, TRJ, IMPORT_DIALOG, AdwWindow)

TrjImportDialog *trj_import_dialog_new          (TrjDocument *document, GFile *file);

gboolean         trj_import_dialog_is_valid     (TrjImportDialog *self);
guint            trj_import_dialog_get_n_lines  (TrjImportDialog *self);
/* « Séparateur « ; », virgule décimale, UTF-8 : 12 lignes », or NULL when refused. */
const char      *trj_import_dialog_get_summary  (TrjImportDialog *self);
/* The French errors shown, or NULL when the file can be imported. */
const char      *trj_import_dialog_get_errors   (TrjImportDialog *self);

/* Adds the lines (one undo step) and closes the dialog. */
gboolean         trj_import_dialog_apply        (TrjImportDialog *self, GError **error);

G_END_DECLS
