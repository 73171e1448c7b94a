/* trj-structures-window.h — « Structures de l’IAE »: the register as a grid
 *
 * The grid of TrjStructuresModel (typed: name, SIRET, département, last
 * year's figures, ETP, flags; computed: base, realised ETP projected,
 * consumption), with « Importer le registre… » and « Importer les ETP
 * réalisés… » (CSV files, trj-structures-csv.h: a bad file is refused whole,
 * the window says what and where, nothing changes) and « Bourse aux postes… ».
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"
#include "trj-grid.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_STRUCTURES_IMPORT_REGISTER,
  TRJ_STRUCTURES_IMPORT_REALISED,
} TrjStructuresImport;

#define TRJ_TYPE_STRUCTURES_WINDOW (trj_structures_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjStructuresWindow, trj_structures_window, TRJ, STRUCTURES_WINDOW, AdwWindow)

TrjStructuresWindow *trj_structures_window_new         (TrjDocument *document, const char *envelope_id);
TrjGrid             *trj_structures_window_get_grid    (TrjStructuresWindow *self);
/* The buttons: "import-register", "import-realised", "bourse". */
GtkButton           *trj_structures_window_get_button  (TrjStructuresWindow *self, const char *name);
/* Imports a file as the chooser's answer does (one undo step); on a refusal
 * the window shows the message, and so does error. */
gboolean             trj_structures_window_import      (TrjStructuresWindow *self,
                                                        TrjStructuresImport  what,
                                                        GFile               *file,
                                                        GError             **error);
/* The message shown after the last import ("" when none). */
const char          *trj_structures_window_get_message (TrjStructuresWindow *self);
/* Opens the « Bourse aux postes » over this envelope (what the button does). */
GtkWindow           *trj_structures_window_open_bourse (TrjStructuresWindow *self);

G_END_DECLS
