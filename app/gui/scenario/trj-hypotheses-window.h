/* trj-hypotheses-window.h — « Hypothèses »: the SMIC and RSA series of the
 * scenario (MODEL 2.2, 6, 7)
 *
 * For each series of the scenario's zone, the year's default values (read
 * only) beside the scenario's own series, editable point by point (a date
 * JJ/MM/AAAA and an amount in euros): « Ajouter une date » appends a point (a
 * second SMIC revaluation, for instance), each point can be removed, and
 * « Revenir aux valeurs de l'année » gives the defaults back. « Appliquer »
 * writes both series as reference overrides of the scenario in ONE undo step
 * « Modifier les hypothèses » (a series equal to the year's is no override);
 * every value is checked against the catalogue's limits by the store, a
 * refusal is told in the window in French and nothing changes. The window
 * follows the workbook (undo, another scenario) and is read only on a frozen
 * scenario or a read-only workbook.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

#define TRJ_TYPE_HYPOTHESES_WINDOW (trj_hypotheses_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjHypothesesWindow, trj_hypotheses_window, TRJ, HYPOTHESES_WINDOW, AdwWindow)

/* kind: TRJ_REFERENCE_SMIC_HOURLY or TRJ_REFERENCE_RSA below. */
TrjHypothesesWindow *trj_hypotheses_window_new       (GtkWindow *parent, TrjDocument *document);
guint        trj_hypotheses_window_get_n_points     (TrjHypothesesWindow *self, TrjReferenceKind kind);
/* The date and amount fields of point i of the scenario's series. */
GtkEditable *trj_hypotheses_window_get_date         (TrjHypothesesWindow *self, TrjReferenceKind kind, guint i);
GtkEditable *trj_hypotheses_window_get_value        (TrjHypothesesWindow *self, TrjReferenceKind kind, guint i);
/* What the buttons do: « Ajouter une date » (the new point's index),
 * « Supprimer » on point i, « Revenir aux valeurs de l'année », « Appliquer ». */
guint        trj_hypotheses_window_add_point        (TrjHypothesesWindow *self, TrjReferenceKind kind);
void         trj_hypotheses_window_remove_point     (TrjHypothesesWindow *self, TrjReferenceKind kind, guint i);
void         trj_hypotheses_window_reset            (TrjHypothesesWindow *self, TrjReferenceKind kind);
gboolean     trj_hypotheses_window_apply            (TrjHypothesesWindow *self, GError **error);
/* The default series as the window shows it (« 11,65 € au 01/01/2024 ; … »). */
const char  *trj_hypotheses_window_get_default_text (TrjHypothesesWindow *self, TrjReferenceKind kind);
/* The message under the header (a refusal, or what was applied), "" when none. */
const char  *trj_hypotheses_window_get_message      (TrjHypothesesWindow *self);
GtkButton   *trj_hypotheses_window_get_apply_button (TrjHypothesesWindow *self);

G_END_DECLS
