/* trj-entries-model.h — the monthly entries grid of an envelope
 *
 * One row per line: libellé, the contracts entering each month of the year
 * (editable) and the total (editable: typing it scales the months, keeping the
 * profile). A last, read-only row totals each month.
 *
 * A free line (MODEL 3: FDI, initiatives territoriales) has its CP schedule
 * there instead: the CP paid each month (editable, in euros) and their total
 * (read-only: the sum may not exceed the line's AE, the workbook refuses more).
 */
#pragma once

#include "trj-envelope-model.h"

G_BEGIN_DECLS

#define TRJ_ENTRIES_COLUMN_LABEL 0
#define TRJ_ENTRIES_COLUMN_FIRST_MONTH 1
#define TRJ_ENTRIES_COLUMN_TOTAL (TRJ_ENTRIES_COLUMN_FIRST_MONTH + TRJ_MONTHS)
#define TRJ_N_ENTRIES_COLUMNS (TRJ_ENTRIES_COLUMN_TOTAL + 1)

#define TRJ_TYPE_ENTRIES_MODEL (trj_entries_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjEntriesModel, trj_entries_model, TRJ, ENTRIES_MODEL, TrjEnvelopeModel)

TrjEntriesModel *trj_entries_model_new (TrjDocument *document, const char *envelope_id);
/* MODEL 3.2: the realised ETP of each IAE line (the ASP's monthly
 * declarations; an empty cell has none, Suppr removes one) and, read-only,
 * the projected annual average (trj_iae_projected at the last month). */
TrjEntriesModel *trj_entries_model_new_realised (TrjDocument *document, const char *envelope_id);

G_END_DECLS
