/* trj-envelope-page.h — one envelope: summary strip, lines grid, monthly entries grid
 *
 * The summary strip shows the envelope's figures (AE and CP notified,
 * programmed, margins, consumption, capacity, volume-weighted averages) and its
 * alerts; below, a lines grid and a monthly entries grid with helpers (spread
 * uniformly, apply a profile, copy a line's profile). Page actions:
 * envelope.spread, envelope.apply-profile (s: "uniform", "first-half",
 * "second-half", "autumn"), envelope.copy-profile, envelope.show-entries (b),
 * envelope.calibrate-profile (« Caler le profil sur les CP notifiés »).
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"
#include "trj-grid.h"
#include "trj-subtotals-model.h"

G_BEGIN_DECLS

#define TRJ_TYPE_ENVELOPE_PAGE (trj_envelope_page_get_type ())
G_DECLARE_FINAL_TYPE (TrjEnvelopePage, trj_envelope_page, TRJ, ENVELOPE_PAGE, GtkWidget)

TrjEnvelopePage *trj_envelope_page_new             (TrjDocument *document, const char *envelope_id);
const char      *trj_envelope_page_get_envelope_id (TrjEnvelopePage *self);

TrjGrid         *trj_envelope_page_get_lines_grid   (TrjEnvelopePage *self);
TrjGrid         *trj_envelope_page_get_entries_grid (TrjEnvelopePage *self);
/* Shows the monthly entries grid (TRUE) or the lines grid. */
void             trj_envelope_page_show_entries     (TrjEnvelopePage *self, gboolean entries);
/* « Sous-totaux »: the lines grouped by département or prescriber, with
 * subtotal rows (read-only); built the first time it is wanted. */
TrjGrid         *trj_envelope_page_get_subtotals_grid (TrjEnvelopePage *self);
void             trj_envelope_page_show_subtotals   (TrjEnvelopePage *self, TrjSubtotalsGroup group);
/* « Imprimer les grilles… »: the lines and the monthly entries as tables on
 * A4 landscape (trj-grid-print.h). */
GtkPrintOperation *trj_envelope_page_print_operation (TrjEnvelopePage *self);

/* The text shown for a figure of the summary strip: "ae-notified",
 * "ae-programmed", "ae-margin", "cp-notified", "cp-programmed", "cp-margin",
 * "capacity", "avg-rate", and the line under each ("ae-programmed-detail":
 * "consommation : 95,0 %"); NULL for an unknown name. */
const char      *trj_envelope_page_get_figure       (TrjEnvelopePage *self, const char *name);
/* Number of alerts listed under the strip. */
guint            trj_envelope_page_get_n_alerts     (TrjEnvelopePage *self);

/* The line under the cursor of the visible grid (NULL when none). */
const TrjLine   *trj_envelope_page_get_cursor_line  (TrjEnvelopePage *self);

/* Line edits on the cursor line (each one undo step). */
gboolean         trj_envelope_page_add_line         (TrjEnvelopePage *self, GError **error);
gboolean         trj_envelope_page_duplicate_line   (TrjEnvelopePage *self, GError **error);
gboolean         trj_envelope_page_remove_line      (TrjEnvelopePage *self, GError **error);
/* Commits a cell being typed in either grid, as leaving it does; FALSE when
 * the entry is refused (the editor stays open with the reason). */
gboolean         trj_envelope_page_commit_edit      (TrjEnvelopePage *self);
/* Opens « Note de la ligne » on the cursor line (trj-note-dialog.h); returns
 * the dialog, or NULL without a line. */
GtkWindow       *trj_envelope_page_edit_note        (TrjEnvelopePage *self);
/* Opens the solver ("Ajuster…") on the cursor line; returns the dialog or NULL. */
GtkWindow       *trj_envelope_page_solve            (TrjEnvelopePage *self);
/* Opens « Ajuster sur l'enveloppe… »: one value for all its contract lines. */
GtkWindow       *trj_envelope_page_solve_envelope   (TrjEnvelopePage *self);
/* The small live trajectory beside the grids (a TrjChartView), shown by
 * its toggle; its model follows every edit. */
GtkWidget       *trj_envelope_page_get_side_chart   (TrjEnvelopePage *self);
void             trj_envelope_page_show_side_chart  (TrjEnvelopePage *self, gboolean show);
/* Saved profiles (MODEL 2.7): the monthly entries of the cursor line saved
 * under `name` in the workbook; a saved profile applied to the selected
 * lines (one undo step), as the « Répartition » menu does. */
gboolean         trj_envelope_page_save_profile     (TrjEnvelopePage *self,
                                                     const char      *name,
                                                     GError         **error);
gboolean         trj_envelope_page_apply_saved_profile (TrjEnvelopePage *self,
                                                        const char      *name,
                                                        GError         **error);

/* Monthly entries helpers on the selected lines (one undo step each). */
gboolean         trj_envelope_page_apply_profile    (TrjEnvelopePage *self,
                                                     const double     profile[TRJ_MONTHS],
                                                     GError         **error);
gboolean         trj_envelope_page_copy_profile     (TrjEnvelopePage *self, GError **error);
/* MODEL 2.7 on every contract line of the envelope, selected or not (one undo
 * step); *reached is FALSE when the slope stopped at a bound of [−1, 1]. */
gboolean         trj_envelope_page_calibrate_profile (TrjEnvelopePage *self,
                                                      gboolean        *reached,
                                                      GError         **error);

/* An envelope of structures (IAE): « Structures… » and « Bourse aux postes… »
 * (actions envelope.structures, envelope.bourse); return the window shown. */
GtkWindow       *trj_envelope_page_open_structures  (TrjEnvelopePage *self);
GtkWindow       *trj_envelope_page_open_bourse      (TrjEnvelopePage *self);
/* The allocations (caom FALSE) or the CAOM editor of the envelope (issue 16). */
GtkWindow       *trj_envelope_page_open_share       (TrjEnvelopePage *self, gboolean caom);
/* « ETP réalisés » (an envelope of structures, MODEL 3.2): the grid, built
 * when first asked, NULL on another envelope; and showing it. */
TrjGrid         *trj_envelope_page_get_realised_grid (TrjEnvelopePage *self);
void             trj_envelope_page_show_realised     (TrjEnvelopePage *self);
/* « Notification… »: the envelope's notified AE, CP and volume (and, for the
 * IAE, last year's modulated part paid this year) in a dialog whose entries
 * are named "ae", "cp", "volume" and "previous-modulation"; its response
 * "apply" writes them in one undo step, or nothing if one is not a figure. */
GtkWindow       *trj_envelope_page_edit_notification (TrjEnvelopePage *self);

/* « Colonnes »: the menu button of the lines grid's optional columns
 * (MODEL 2.8: publics, renewals, justification), shown with the lines grid of
 * a contrats aidés envelope; its popover holds one check button a column,
 * named by the settings' name of the column ("QPV", "renewal_share"…). */
GtkWidget       *trj_envelope_page_get_columns_button (TrjEnvelopePage *self);
/* « DDETS »: the menu of the allocations, the CAOM and the DDETS' files
 * (issue 16), on a page of contracts only. */
GtkWidget       *trj_envelope_page_get_ddets_button (TrjEnvelopePage *self);
/* The line under the figures giving the envelope's shares of publics and
 * renewals (MODEL 2.8), NULL while it is hidden (no line gives one). */
const char      *trj_envelope_page_get_circular_shares (TrjEnvelopePage *self);

G_END_DECLS
