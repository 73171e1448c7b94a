/* trj-share-model.h — the DDETS' share of an envelope as a grid (issue 16, MODEL 2.8)
 *
 * A draft of the envelope's allocations (one row per département and,
 * optionally, prescriber: its AE and volume, beside the AE and volume of the
 * envelope's lines it covers, as they are in the document) or of its CAOM (one row per
 * département: the conseil départemental's cofinanced contracts and their
 * monthly profile), under a « Total » row. Typed cells change the draft only,
 * each checked against the catalogue's limits (a refused cell keeps its
 * value, the error says why in French); trj_share_model_save() writes the
 * whole draft as ONE undo step « Modifier les allocations » (or « Modifier
 * les CAOM »). The département column takes a code or a name of the region's
 * départements ("29", "Finistère", "29 Finistère").
 */
#pragma once

#include "trj-document.h"
#include "trj-grid-model.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_SHARE_ALLOCATIONS,
  TRJ_SHARE_CAOM,
} TrjShareKind;

/* Columns of the allocations grid, then of the CAOM grid (the months follow). */
enum {
  TRJ_SHARE_COLUMN_DEPARTEMENT = 0,
  TRJ_SHARE_COLUMN_PRESCRIBER = 1,   /* allocations */
  TRJ_SHARE_COLUMN_AE = 2,
  TRJ_SHARE_COLUMN_VOLUME = 3,
  /* allocations, computed: the AE and volume of the lines the allocation
   * covers (trj_allocation_figures_of), flagged when above it */
  TRJ_SHARE_COLUMN_LINES_AE = 4,
  TRJ_SHARE_COLUMN_LINES_VOLUME = 5,
  TRJ_SHARE_COLUMN_CONTRACTS = 1,    /* CAOM */
  TRJ_SHARE_COLUMN_FIRST_MONTH = 2,  /* CAOM: January, then every month */
};

#define TRJ_TYPE_SHARE_MODEL (trj_share_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjShareModel, trj_share_model, TRJ, SHARE_MODEL, GObject)

TrjShareModel     *trj_share_model_new         (TrjDocument *document, const char *envelope_id, TrjShareKind kind);
TrjShareKind       trj_share_model_get_kind    (TrjShareModel *self);
/* The draft: the envelope's allocations (or CAOM) as typed so far. */
const TrjEnvelope *trj_share_model_get_draft   (TrjShareModel *self);
/* Whether the draft differs from what was last read or saved. */
gboolean           trj_share_model_is_modified (TrjShareModel *self);
/* The draft becomes the document's again (after an undo, for instance). */
void               trj_share_model_reload      (TrjShareModel *self);
/* Appends a row (the first département of the region without one, 0 €, 0;
 * a uniform profile for a CAOM) and returns its index. */
guint              trj_share_model_add_row     (TrjShareModel *self);
void               trj_share_model_remove_row  (TrjShareModel *self, guint row);
/* Writes the draft to the workbook, one undo step; a refusal (in French)
 * changes nothing. */
gboolean           trj_share_model_save        (TrjShareModel *self, GError **error);

G_END_DECLS
