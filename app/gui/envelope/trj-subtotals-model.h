/* trj-subtotals-model.h — an envelope's lines grouped, with subtotals
 *
 * The lines of one envelope grouped by département or by prescriber (issue
 * 13): each group's lines (libellé, département, prescripteur, volume, AE,
 * CP de l'année), then its subtotal row, and the envelope's total last.
 * Groups come in the order of their key (a line without one in the last
 * group); every cell is read-only, and the figures are the engine's, summed.
 * The model follows the document while it is active (shown): each
 * recomputation rebuilds the rows; inactive, it catches up when activated.
 */
#pragma once

#include "trj-document.h"
#include "trj-grid-model.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_SUBTOTALS_BY_DEPARTEMENT,
  TRJ_SUBTOTALS_BY_PRESCRIBER,
} TrjSubtotalsGroup;

typedef enum {
  TRJ_SUBTOTALS_COLUMN_LABEL,
  TRJ_SUBTOTALS_COLUMN_DEPARTEMENT,
  TRJ_SUBTOTALS_COLUMN_PRESCRIBER,
  TRJ_SUBTOTALS_COLUMN_VOLUME,
  TRJ_SUBTOTALS_COLUMN_AE,
  TRJ_SUBTOTALS_COLUMN_CP,
  TRJ_N_SUBTOTALS_COLUMNS
} TrjSubtotalsColumn;

typedef enum {
  TRJ_SUBTOTALS_ROW_LINE,
  TRJ_SUBTOTALS_ROW_SUBTOTAL,
  TRJ_SUBTOTALS_ROW_TOTAL,
} TrjSubtotalsRowKind;

#define TRJ_TYPE_SUBTOTALS_MODEL (trj_subtotals_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjSubtotalsModel, trj_subtotals_model, TRJ, SUBTOTALS_MODEL, GObject)

TrjSubtotalsModel   *trj_subtotals_model_new       (TrjDocument *document, const char *envelope_id);
void                 trj_subtotals_model_set_group (TrjSubtotalsModel *self, TrjSubtotalsGroup group);
TrjSubtotalsGroup    trj_subtotals_model_get_group (TrjSubtotalsModel *self);
void                 trj_subtotals_model_set_active (TrjSubtotalsModel *self, gboolean active);
TrjSubtotalsRowKind  trj_subtotals_model_row_kind  (TrjSubtotalsModel *self, guint row);

G_END_DECLS
