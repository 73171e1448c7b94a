/* trj-lines-model.h — the lines grid of an envelope: parameters and computed figures
 *
 * Columns: libellé, département, prescripteur, type, volume, taux, heures/sem.,
 * durée (mois), part cofinancée, décalage (editable), then AE, CP de l'année,
 * AE par contrat (computed, read-only). Range alerts of MODEL 5 show on the
 * rate, hours and duration cells.
 */
#pragma once

#include "trj-envelope-model.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_LINES_COLUMN_LABEL,
  TRJ_LINES_COLUMN_DEPARTEMENT,
  TRJ_LINES_COLUMN_PRESCRIBER,
  TRJ_LINES_COLUMN_KIND,
  TRJ_LINES_COLUMN_VOLUME,
  TRJ_LINES_COLUMN_RATE,
  TRJ_LINES_COLUMN_HOURS,
  TRJ_LINES_COLUMN_DURATION,
  TRJ_LINES_COLUMN_COFINANCING,
  TRJ_LINES_COLUMN_LAG,
  TRJ_LINES_COLUMN_AE,
  TRJ_LINES_COLUMN_CP,
  TRJ_LINES_COLUMN_AE_PER_CONTRACT,
  TRJ_N_LINES_COLUMNS
} TrjLinesColumn;

#define TRJ_TYPE_LINES_MODEL (trj_lines_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjLinesModel, trj_lines_model, TRJ, LINES_MODEL, TrjEnvelopeModel)

TrjLinesModel *trj_lines_model_new (TrjDocument *document, const char *envelope_id);

G_END_DECLS
