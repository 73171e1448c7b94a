/* trj-bourse-window.h — « Bourse aux postes »: moving ETP between IAE structures
 *
 * The structures that under-consume (MODEL 3.2: projected realised ETP under
 * the tolerance) are offered as givers, with the ETP they do not use; the
 * others as receivers, market structures (EI, ETTI) first. For the move
 * chosen the window shows, computed by the engine, the euros freed by the
 * giver, the euros the receiver uses and the envelope's AE margin after it;
 * « Déplacer » writes it as one undo step. Below, what the moves made from
 * this window came to: their number, the euros freed and used, and the
 * envelope's margin now.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

#define TRJ_TYPE_BOURSE_WINDOW (trj_bourse_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjBourseWindow, trj_bourse_window, TRJ, BOURSE_WINDOW, AdwWindow)

TrjBourseWindow *trj_bourse_window_new          (TrjDocument *document, const char *envelope_id);

/* The widgets a user acts on (the UI tests drive them). */
AdwComboRow     *trj_bourse_window_get_from_row  (TrjBourseWindow *self);
AdwComboRow     *trj_bourse_window_get_to_row    (TrjBourseWindow *self);
GtkSpinButton   *trj_bourse_window_get_delta     (TrjBourseWindow *self);
GtkButton       *trj_bourse_window_get_move_button (TrjBourseWindow *self);

/* The line ids of the giver and receiver chosen, NULL when none. */
const char      *trj_bourse_window_get_from_line (TrjBourseWindow *self);
const char      *trj_bourse_window_get_to_line   (TrjBourseWindow *self);
/* The texts shown: "freed", "used", "margin" (of the move chosen), "moves"
 * (what the moves made came to), "message" (why a move cannot be made). */
const char      *trj_bourse_window_get_text      (TrjBourseWindow *self, const char *name);

G_END_DECLS
