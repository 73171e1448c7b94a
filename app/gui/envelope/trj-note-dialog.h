/* trj-note-dialog.h — the planner's note on a line
 *
 * « Note de la ligne » (Ctrl+Alt+C, as a comment in LibreOffice Calc): a
 * text of several lines on the line under the grid's cursor, saved as one
 * undo step (trj_workbook_set_line_text, TRJ_LINE_FIELD_NOTE). An emptied
 * note, or « Supprimer la note », takes it away. Enregistrer is refused
 * (greyed, with the reason read out as an alert) while the text is longer
 * than the workbook keeps, so that nothing typed is lost by a refusal after
 * the dialog has gone. Ctrl+Entrée saves; Entrée is a new line. */
#pragma once

#include <adwaita.h>

#include "trj-workbook.h"

G_BEGIN_DECLS

/* A modal dialog over `parent` for the line `line_id` of `scenario_id`,
 * labelled `line_label`, holding `note` (NULL: none); shown by the caller.
 * A refused save is shown in a dialog of its own over `parent`. */
GtkWindow *trj_note_dialog_new (GtkWindow   *parent,
                                TrjWorkbook *workbook,
                                gint64       scenario_id,
                                const char  *line_id,
                                const char  *line_label,
                                const char  *note);

/* The dialog's text view, for tests. */
GtkTextView *trj_note_dialog_get_text_view (GtkWindow *dialog);

G_END_DECLS
