/* trj-summary-page.h — « Synthèse »: every envelope of the scenario, and fungibility
 *
 * A table with one row per envelope (notified, available, programmed, margins,
 * capacity, alerts) and a region total; the alerts of the whole scenario; the
 * CAOM gaps of the départements (MODEL 2.8); the
 * fungibility panel (CIE jeunes → PEC, initiatives territoriales) with the
 * ceilings, whose effect on each envelope's capacity is shown as the user types
 * and committed (one undo step) on Enter.
 */
#pragma once

#include <adwaita.h>

#include "trj-document.h"

G_BEGIN_DECLS

typedef enum {
  TRJ_SUMMARY_COLUMN_ENVELOPE,
  TRJ_SUMMARY_COLUMN_AE_NOTIFIED,
  TRJ_SUMMARY_COLUMN_AE_AVAILABLE,
  TRJ_SUMMARY_COLUMN_AE_PROGRAMMED,
  TRJ_SUMMARY_COLUMN_AE_MARGIN,
  TRJ_SUMMARY_COLUMN_CP_AVAILABLE,
  TRJ_SUMMARY_COLUMN_CP_PROGRAMMED,
  TRJ_SUMMARY_COLUMN_CP_MARGIN,
  TRJ_SUMMARY_COLUMN_CAPACITY,
  TRJ_SUMMARY_COLUMN_ALERTS,
  TRJ_N_SUMMARY_COLUMNS
} TrjSummaryColumn;

#define TRJ_TYPE_SUMMARY_PAGE (trj_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (TrjSummaryPage, trj_summary_page, TRJ, SUMMARY_PAGE, GtkWidget)

TrjSummaryPage *trj_summary_page_new          (TrjDocument *document);

/* Text of a table cell: row = envelope index, or the number of envelopes for
 * the region total. NULL outside the table. */
const char     *trj_summary_page_get_cell     (TrjSummaryPage   *self,
                                               guint             row,
                                               TrjSummaryColumn  column);
/* The entry of a fungibility amount (TRANSFER_AE, TRANSFER_CP, TERRITORIAL_AE). */
GtkEditable    *trj_summary_page_get_fungibility_entry (TrjSummaryPage      *self,
                                                        TrjFungibilityField  field);
/* The capacity shown in the effect panel for an envelope (index), with the
 * amounts being typed. */
const char     *trj_summary_page_get_effect   (TrjSummaryPage *self, guint envelope);
/* The envelope initiatives territoriales are taken from (MODEL 2.6): a
 * drop-down of the scenario's envelopes in the ceiling's base, whose item at
 * `position` is the envelope `trj_summary_page_get_territorial_source_id`. */
GtkDropDown    *trj_summary_page_get_territorial_source    (TrjSummaryPage *self);
const char     *trj_summary_page_get_territorial_source_id (TrjSummaryPage *self,
                                                            guint           position);

/* « Demandes complémentaires »: the entries of an envelope (index), written
 * on Enter or when the keyboard leaves them; the refusal shown, or NULL. */
typedef enum {
  TRJ_SUMMARY_DEMANDE_AE,
  TRJ_SUMMARY_DEMANDE_CP,
  TRJ_SUMMARY_DEMANDE_REASON,
} TrjSummaryDemande;
GtkEditable    *trj_summary_page_get_demande_entry (TrjSummaryPage    *self,
                                                    guint              envelope,
                                                    TrjSummaryDemande  which);
const char     *trj_summary_page_get_demande_error (TrjSummaryPage *self);

/* « CAOM » (MODEL 2.8): one row per envelope and département with a CAOM,
 * the conseil départemental's cofinanced contracts against the cofinanced
 * entries of the envelope's lines there (trj_caom_gap); hidden when the
 * scenario has no CAOM. */
typedef enum {
  TRJ_SUMMARY_CAOM_ENVELOPE,
  TRJ_SUMMARY_CAOM_DEPARTEMENT,
  TRJ_SUMMARY_CAOM_COMMITTED,
  TRJ_SUMMARY_CAOM_COFINANCED,
  TRJ_SUMMARY_CAOM_GAP,
  TRJ_SUMMARY_CAOM_LARGEST_MONTH,
  TRJ_SUMMARY_CAOM_LARGEST_GAP,
  TRJ_N_SUMMARY_CAOM_COLUMNS
} TrjSummaryCaomColumn;
guint           trj_summary_page_get_n_caom_rows (TrjSummaryPage *self);
/* Text of a cell of the CAOM table (row from 0, heading excluded); NULL
 * outside it. */
const char     *trj_summary_page_get_caom_cell   (TrjSummaryPage       *self,
                                                  guint                 row,
                                                  TrjSummaryCaomColumn  column);
/* The group holding the CAOM table. */
GtkWidget      *trj_summary_page_get_caom_group  (TrjSummaryPage *self);

/* The refusal shown under the fungibility panel, or NULL. */
const char     *trj_summary_page_get_fungibility_error (TrjSummaryPage *self);

G_END_DECLS
