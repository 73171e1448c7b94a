/* trj-structures-model.h — the register of IAE structures as a grid (« Structures »)
 *
 * One row per line of the IAE envelope (one line per structure and kind,
 * MODEL 3.1): the structure's name, SIRET, département and kind, last year's
 * ETP conventionnés and réalisés, its conventionnement base, its ETP of the
 * year, the three flags of the conventionnement rule, and its realised ETP
 * projected in annual average with its consumption rate (MODEL 3.2). The
 * typed cells are written to the workbook (one undo step each, a paste one
 * for all); the base, the projection and the rate are the engine's, and the
 * cells of the ETP and of the projection carry the line's IAE alerts.
 */
#pragma once

#include "trj-document.h"
#include "trj-grid-model.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_STRUCTURES_COLUMN_NAME,
  TRJ_STRUCTURES_COLUMN_SIRET,
  TRJ_STRUCTURES_COLUMN_DEPARTEMENT,
  TRJ_STRUCTURES_COLUMN_KIND,
  TRJ_STRUCTURES_COLUMN_CONVENTIONNE,
  TRJ_STRUCTURES_COLUMN_REALISE,
  TRJ_STRUCTURES_COLUMN_BASE,
  TRJ_STRUCTURES_COLUMN_QUANTITY,
  TRJ_STRUCTURES_COLUMN_DECREASE,
  TRJ_STRUCTURES_COLUMN_REVALUATION,
  TRJ_STRUCTURES_COLUMN_DEVELOPMENT,
  TRJ_STRUCTURES_COLUMN_PROJECTED,
  TRJ_STRUCTURES_COLUMN_RATE,
  TRJ_N_STRUCTURES_COLUMNS
} TrjStructuresColumn;

#define TRJ_TYPE_STRUCTURES_MODEL (trj_structures_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjStructuresModel, trj_structures_model, TRJ, STRUCTURES_MODEL, GObject)

/* The lines of the envelope envelope_id of the document's current scenario. */
TrjStructuresModel *trj_structures_model_new     (TrjDocument *document, const char *envelope_id);
/* The id of the line shown in a row, NULL past the rows. */
const char         *trj_structures_model_line_id (TrjStructuresModel *self, guint row);

G_END_DECLS
