/* trj-lines-model.h — the lines grid of an envelope: parameters and computed figures
 *
 * The columns follow the shape of the envelope's kinds (MODEL 2.1, 3):
 *  - contrats aidés: libellé, département, prescripteur, type, volume, taux,
 *    heures/sem., durée (mois), part cofinancée, décalage (editable), then AE,
 *    CP de l'année, AE par contrat (computed, read-only), in the order of
 *    TrjLinesColumn: column i of such a grid is TrjLinesColumn i;
 *  - aides au poste (IAE, EA, GEIQ): structure, département, type, structure
 *    porteuse (CDI inclusion), ETP or aides, montant unitaire, part modulée,
 *    ETP 2e année, bénéficiaires RSA, mois de cofinancement (IAE only for the
 *    last four), mois d'engagement, décalage,
 *    then AE, CP de l'année, AE par ETP / par aide;
 *  - free lines (FDI): libellé, département, AE, mois, financé sur, CP de
 *    l'année; their CP schedule is the monthly grid (trj-entries-model.h).
 * A cell whose parameter means nothing for its line (a free line left in an
 * IAE envelope) is empty and read-only. Range alerts of MODEL 5 show on the
 * rate, hours and duration cells; every typed value is checked against the
 * catalogue's limits of its parameter.
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
  TRJ_LINES_COLUMN_AE_PER_CONTRACT,   /* AE per ETP / per aid on a post-aid envelope */
  /* Post-aid lines (MODEL 3) */
  TRJ_LINES_COLUMN_STRUCTURE_KIND,
  TRJ_LINES_COLUMN_QUANTITY,
  TRJ_LINES_COLUMN_UNIT_AMOUNT,
  TRJ_LINES_COLUMN_MODULATION,
  TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY,
  TRJ_LINES_COLUMN_RSA_RECIPIENTS,
  TRJ_LINES_COLUMN_RSA_MONTHS,
  TRJ_LINES_COLUMN_COMMITMENT_MONTH,
  /* Free lines (MODEL 3) */
  TRJ_LINES_COLUMN_AE_AMOUNT,
  TRJ_LINES_COLUMN_FUNDED_FROM,
  /* The circular's rules on contract lines (MODEL 2.8): optional columns of
   * a contrats aidés grid, after its others, hidden unless chosen. */
  TRJ_LINES_COLUMN_PUBLIC_QPV,        /* + TrjPublic */
  TRJ_LINES_COLUMN_PUBLIC_ZRR,
  TRJ_LINES_COLUMN_PUBLIC_ESSMS,
  TRJ_LINES_COLUMN_PUBLIC_SENIORS,
  TRJ_LINES_COLUMN_RENEWAL_SHARE,
  TRJ_LINES_COLUMN_EXCEPTION_REASON,
  TRJ_N_LINES_FIELDS
} TrjLinesColumn;

/* The number of columns of a contrats aidés envelope's grid, optional
 * columns hidden. */
#define TRJ_N_LINES_COLUMNS (TRJ_LINES_COLUMN_AE_PER_CONTRACT + 1)
#define TRJ_LINES_FIRST_OPTIONAL TRJ_LINES_COLUMN_PUBLIC_QPV
#define TRJ_LINES_N_OPTIONAL (TRJ_N_LINES_FIELDS - TRJ_LINES_FIRST_OPTIONAL)

#define TRJ_TYPE_LINES_MODEL (trj_lines_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjLinesModel, trj_lines_model, TRJ, LINES_MODEL, TrjEnvelopeModel)

TrjLinesModel *trj_lines_model_new (TrjDocument *document, const char *envelope_id);
/* The grid column showing `field`, -1 when the envelope's grid has none. */
int            trj_lines_model_find_column (TrjLinesModel *self, TrjLinesColumn field);

/* The optional columns (MODEL 2.8) of a contrats aidés grid: whether the
 * envelope has them, their name in the settings ("QPV", "renewal_share"…),
 * their title on one line, and which are shown. Changing them changes the
 * grid's columns: set the model on the grid again. */
gboolean       trj_lines_model_has_optional    (TrjLinesModel *self);
const char    *trj_lines_model_optional_name   (TrjLinesColumn field);
char          *trj_lines_model_optional_title  (TrjLinesModel *self, TrjLinesColumn field);
gboolean       trj_lines_model_get_shown       (TrjLinesModel *self, TrjLinesColumn field);
void           trj_lines_model_set_shown       (TrjLinesModel *self, TrjLinesColumn field, gboolean shown);

G_END_DECLS
