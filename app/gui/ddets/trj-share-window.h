/* trj-share-window.h — « Allocations des DDETS » and « CAOM » of an envelope (issue 16)
 *
 * A window over a TrjShareModel: the grid of the envelope's allocations (or
 * CAOM), « Ajouter une ligne », « Supprimer la ligne » (the cursor's), and
 * under the grid the sum against the envelope's notification. « Enregistrer »
 * writes the draft as one undo step; a refusal is told in the window in
 * French and nothing changes. The draft follows the workbook (an undo) while
 * it is not modified. On a frozen scenario or a read-only workbook it shows the
 * draft and edits nothing. Closing it with a draft not saved asks whether to
 * save it, discard it or go on. Modal over its parent.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"
#include "trj-grid.h"
#include "trj-share-model.h"

G_BEGIN_DECLS

#define TRJ_TYPE_SHARE_WINDOW (trj_share_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjShareWindow, trj_share_window, TRJ, SHARE_WINDOW, AdwWindow)

TrjShareWindow *trj_share_window_new         (GtkWindow *parent, TrjDocument *document,
                                              const char *envelope_id, TrjShareKind kind);
TrjGrid        *trj_share_window_get_grid    (TrjShareWindow *self);
TrjShareModel  *trj_share_window_get_model   (TrjShareWindow *self);
/* "add", "remove" or "save". */
GtkButton      *trj_share_window_get_button  (TrjShareWindow *self, const char *name);
/* The sum under the grid, against the notification. */
const char     *trj_share_window_get_summary (TrjShareWindow *self);
/* A refusal, or what was saved; "" when none. */
const char     *trj_share_window_get_message (TrjShareWindow *self);

G_END_DECLS
