/* trj-notification-csv.h — a regional notification of every FIE envelope, from CSV
 *
 * The circular prints the regional split of the contrats aidés envelopes only;
 * the IAE, EA and GEIQ amounts reach each DREETS in its own notification. A
 * header row names the columns (accents and case do not matter):
 *   enveloppe     required: an envelope id of the catalogue (trj-catalog.c)
 *   AE, CP        required: the notified amounts in euros
 *   volume        optional: the indicative volume (contracts, ETP or aids)
 *   région        optional: rows of other regions are left out, so that a
 *                 national table can be read as it is
 * One row per envelope (two rows of one envelope and region are an error).
 * Separator ";" or ",", decimal comma or point, UTF-8 or Windows-1252. Every
 * error names its row and column; a file with any error is refused whole.
 */
#pragma once

#include "trj-types.h"

G_BEGIN_DECLS

/* Sets the notified AE, CP and volume of the envelopes the file names, adding
 * those the scenario lacks; a contrats aidés envelope whose notified volume
 * changes has its contract lines scaled to it. FALSE with a French
 * G_IO_ERROR_INVALID_DATA, the scenario unchanged, on any error. */
gboolean trj_notification_csv_apply (const char  *path,
                                     TrjScenario *scenario,
                                     GError     **error);

G_END_DECLS
