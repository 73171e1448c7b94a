/* trj-presentation-window.h — presentation mode: one chart per screen, fullscreen
 *
 * For meetings with the préfet, the DDETS and the prescribers: no editing
 * chrome, large type, the figures of the open workbook (updated live).
 * Left/Right (and Space, Backspace) move between the charts, Up/Down (and Page
 * Up/Down) between the region and its envelopes, Escape leaves.
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-chart-model.h"
#include "trj-chart-view.h"
#include "trj-document.h"

G_BEGIN_DECLS

#define TRJ_TYPE_PRESENTATION_WINDOW (trj_presentation_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjPresentationWindow, trj_presentation_window, TRJ, PRESENTATION_WINDOW, GtkWindow)

/* Starts on the chart of kind for envelope_id (NULL: the region). */
TrjPresentationWindow *trj_presentation_window_new (GtkWindow    *parent,
                                                    TrjDocument  *document,
                                                    const char   *envelope_id,
                                                    TrjChartKind  kind);
/* What the key does (the key controller calls this); TRUE when handled. */
gboolean      trj_presentation_window_handle_key   (TrjPresentationWindow *self, guint keyval);
TrjChartView *trj_presentation_window_get_view     (TrjPresentationWindow *self);
/* The envelope shown (NULL: the region) and the chart kind. */
const char   *trj_presentation_window_get_envelope (TrjPresentationWindow *self);
TrjChartKind  trj_presentation_window_get_kind     (TrjPresentationWindow *self);

G_END_DECLS
