/* trj-ddets-files.h — « Préparer le fichier d'une DDETS… », « Intégrer le retour d'une DDETS… »
 * (issue 16, trj-ddets.h), behind the window's win.ddets-prepare and win.ddets-integrate
 *
 * Preparing asks for the département among those with lines or allocations
 * in the current scenario (an AdwMessageDialog with a drop-down), then for
 * the file to write (.trajectoire). Integrating asks for the file returned;
 * the outcome is told in the parent's toast (lines updated, added, removed),
 * conflicts in an AdwMessageDialog listing every line changed on both sides,
 * nothing being changed then. The features hold their parent and document
 * until their choosers answer.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

/* The départements of the scenario with lines or allocations, in the
 * region's order (codes, NULL-terminated). */
GStrv             trj_ddets_departements        (TrjDocument *document);
/* Shows the département dialog and returns it (not owned); NULL when no
 * département has lines or allocations, or the workbook is read only (said
 * in the parent's toast). */
AdwMessageDialog *trj_ddets_choose_prepare      (GtkWindow *parent, TrjDocument *document);
/* For the tests and the keyboard: selects a département of the dialog. */
gboolean          trj_ddets_dialog_select       (AdwMessageDialog *dialog, const char *code);
/* Prepares the file at path (replaced when it exists), the outcome in the parent's toast. */
gboolean          trj_ddets_prepare_file        (GtkWindow *parent, TrjDocument *document,
                                                 const char *departement, GFile *file, GError **error);
void              trj_ddets_choose_integrate    (GtkWindow *parent, TrjDocument *document);
/* Integrates a file: the counts in the parent's toast, or the conflicts in
 * a message dialog over the parent, or another refusal in the toast. */
gboolean          trj_ddets_integrate_file      (GtkWindow *parent, TrjDocument *document, GFile *file);

G_END_DECLS
