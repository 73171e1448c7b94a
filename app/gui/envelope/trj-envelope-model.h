/* trj-envelope-model.h — base of the grid models over one envelope's lines
 *
 * Rows are the envelope's lines in display order, read from the document's
 * current snapshot. The base class implements the row count, the batches
 * (one workbook batch, one undo step) and the change notifications: when the
 * document recomputes it emits "changed" for every row (values) or, when lines
 * were added or removed, for the whole model. Subclasses (lines grid, monthly
 * entries grid) describe the columns and edit the cells.
 */
#pragma once

#include "trj-catalog.h"
#include "trj-document.h"
#include "trj-grid-model.h"

G_BEGIN_DECLS

#define TRJ_TYPE_ENVELOPE_MODEL (trj_envelope_model_get_type ())
G_DECLARE_DERIVABLE_TYPE (TrjEnvelopeModel, trj_envelope_model, TRJ, ENVELOPE_MODEL, GObject)

struct _TrjEnvelopeModelClass
{
  GObjectClass parent_class;

  /* Rows shown after the lines (a total row); default 0. */
  guint extra_rows;
};

TrjDocument         *trj_envelope_model_get_document    (TrjEnvelopeModel *self);
const char          *trj_envelope_model_get_envelope_id (TrjEnvelopeModel *self);
guint                trj_envelope_model_get_n_lines     (TrjEnvelopeModel *self);
/* NULL when row is past the lines. */
const TrjLine       *trj_envelope_model_get_line        (TrjEnvelopeModel *self, guint row);
const TrjLineResult *trj_envelope_model_get_line_result (TrjEnvelopeModel *self, guint row);
/* Inside a batch: adds n lines of that kind at the end of the envelope
 * (a paste past the last line); they are rows of the model from now on. */
gboolean             trj_envelope_model_add_lines       (TrjEnvelopeModel *self,
                                                         TrjLineKind       kind,
                                                         guint             n,
                                                         GError          **error);
/* After an edit of a line added inside the batch: reads it again. */
void                 trj_envelope_model_line_edited     (TrjEnvelopeModel *self,
                                                         guint             row);
/* Row of a line id, -1 when absent. */
int                  trj_envelope_model_find_row        (TrjEnvelopeModel *self, const char *line_id);

/* Shorthands for edits of the current scenario. */
TrjWorkbook         *trj_envelope_model_get_workbook    (TrjEnvelopeModel *self);
gint64               trj_envelope_model_get_scenario_id (TrjEnvelopeModel *self);

/* The alerts of one line (code, or every code with TRJ_N_ALERT_CODES), or of
 * the envelope when row is -1; fills *tooltip with their messages (one a line)
 * when not NULL. */
gboolean             trj_envelope_model_line_alert      (TrjEnvelopeModel *self,
                                                         int               row,
                                                         TrjAlertCode      code,
                                                         char            **tooltip);

/* Sets the range a numeric column accepts to the catalogue's hard limits of
 * the parameter it edits, so that the grid refuses what the store would. */
void                 trj_envelope_model_column_limits   (TrjGridColumn    *column,
                                                         TrjParam          param);

G_END_DECLS
