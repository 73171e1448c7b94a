/* trj-prescriber-message.h — « Message aux prescripteurs » (MODEL 8)
 *
 * The drifts of a landing (ACTUAL_DRIFT: an observed parameter of a line
 * beyond the tolerance) grouped by the prescriber of their line, ready to be
 * sent: a PDF with one A4 page per prescriber (its lines, the parameter, the
 * programmed and the observed value, the gap and the tolerance) and a CSV of
 * the same rows, as the other CSV exports (UTF-8 with a byte-order mark, « ; »,
 * decimal comma, CRLF). Lines without a prescriber are grouped under « Sans
 * prescripteur ». Both files are written whole or not at all.
 */
#pragma once

#include "trj-actuals.h"

G_BEGIN_DECLS

typedef struct {
  const TrjScenario *programmed;   /* the scenario the drifts are against */
  const char *scenario_name;       /* may be NULL */
  const GArray *drifts;            /* TrjLandingDrift, indexes into programmed */
  guint month;                     /* T: « données à fin <mois> » */
  GDateTime *date;                 /* of the message; NULL: now */
} TrjPrescriberMessage;

/* The prescribers with at least one drift, sorted (transfer full, a
 * NULL-terminated array of their names as the files write them). */
char   **trj_prescriber_message_prescribers (const TrjPrescriberMessage *message);
gboolean trj_prescriber_message_write_pdf   (const TrjPrescriberMessage *message, const char *path,
                                             GError **error);
gboolean trj_prescriber_message_write_csv   (const TrjPrescriberMessage *message, const char *path,
                                             GError **error);

G_END_DECLS
