/* trj-document.h — an open workbook seen by the GUI: current scenario and its figures
 *
 * The GUI never computes a figure itself and never caches a stale one: on every
 * "changed" of the workbook the document takes a fresh snapshot of the current
 * scenario, recomputes the whole region with the engine (synchronously, well
 * under a millisecond) and emits "updated". Pages read the scenario and the
 * result from here. The rules are the year's, with the alert tolerance of the
 * preferences ("alert-tolerance").
 *
 * Signal "updated" (TrjDocument *doc, guint changes): changes are
 * TrjWorkbookChange flags; TRJ_WORKBOOK_CHANGE_LINES means envelope and line
 * indices may have moved. During the emission, trj_document_get_changed_line()
 * names the line when the edit changed the values of that one line only.
 *
 * Properties (read-only): "workbook"; "scenario-id", notified when the
 * document shows another scenario, once its figures are computed.
 */
#pragma once

#include <glib-object.h>

#include "trj-engine.h"
#include "trj-workbook.h"

G_BEGIN_DECLS

#define TRJ_TYPE_DOCUMENT (trj_document_get_type ())
G_DECLARE_FINAL_TYPE (TrjDocument, trj_document, TRJ, DOCUMENT, GObject)

TrjDocument       *trj_document_new              (TrjWorkbook *workbook);

TrjWorkbook       *trj_document_get_workbook     (TrjDocument *self);
gint64             trj_document_get_scenario_id  (TrjDocument *self);
const TrjScenario *trj_document_get_scenario     (TrjDocument *self);
const TrjResult   *trj_document_get_result       (TrjDocument *self);
const TrjRules    *trj_document_get_rules        (TrjDocument *self);
/* The error of the last computation (a reference series too short), or NULL. */
const GError      *trj_document_get_error        (TrjDocument *self);

/* Index of an envelope in the current scenario, -1 when absent. */
int                trj_document_find_envelope    (TrjDocument *self, const char *envelope_id);
const TrjEnvelope *trj_document_get_envelope     (TrjDocument *self, const char *envelope_id);
const TrjEnvelopeResult *trj_document_get_envelope_result (TrjDocument *self,
                                                           const char  *envelope_id);

/* The line whose values the edit being signalled changed, NULL when several
 * lines or anything else changed (only meaningful during "updated"). */
const char        *trj_document_get_changed_line (TrjDocument *self);

/* Takes a new snapshot and recomputes now (the workbook's "changed" does it). */
void               trj_document_reload           (TrjDocument *self, guint changes);

G_END_DECLS
