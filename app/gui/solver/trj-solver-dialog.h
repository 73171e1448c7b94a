/* trj-solver-dialog.h — « Ajuster… »: solve one parameter of a line for a target AE
 *
 * The user picks the unknown (volume, rate, hours, duration, cofinanced share)
 * and the target (the envelope's available AE by default, or an amount); the
 * value is previewed live with trj_engine_solve on the current snapshot, and
 * applied as one undo step. When the target is out of reach the dialog says so
 * in French, with the range searched. Over an envelope, the same for every
 * contract line of the envelope at once.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

#define TRJ_TYPE_SOLVER_DIALOG (trj_solver_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrjSolverDialog, trj_solver_dialog, TRJ, SOLVER_DIALOG, AdwWindow)

TrjSolverDialog *trj_solver_dialog_new            (TrjDocument *document, const char *line_id);
/* « Ajuster sur l'enveloppe… »: one value for every contract line of the
 * envelope (MODEL 2.5), with the entry profile's slope for the available CP
 * when the switch is on. */
TrjSolverDialog *trj_solver_dialog_new_for_envelope (TrjDocument *document, const char *envelope_id);
/* The switch « also the entry profile for the available CP » (envelope only). */
void             trj_solver_dialog_set_profile    (TrjSolverDialog *self, gboolean with_profile);

void             trj_solver_dialog_set_unknown    (TrjSolverDialog *self, TrjUnknown unknown);
/* NAN: the envelope's available AE (default). */
void             trj_solver_dialog_set_target     (TrjSolverDialog *self, double target);

/* The preview: whether a solution exists, its value (unit of the JSON key),
 * and the texts shown. */
gboolean         trj_solver_dialog_has_solution   (TrjSolverDialog *self);
double           trj_solver_dialog_get_value      (TrjSolverDialog *self);
const char      *trj_solver_dialog_get_value_text (TrjSolverDialog *self);
const char      *trj_solver_dialog_get_detail_text (TrjSolverDialog *self);

/* Sets the value on the line (one undo step) and closes the dialog. */
gboolean         trj_solver_dialog_apply          (TrjSolverDialog *self, GError **error);

G_END_DECLS
