/* trj-drift.h — ACTUAL_DRIFT in the window (MODEL 8): the tolerances the user
 * sets in the preferences, the drift sentences in an envelope's alert list,
 * and « Message aux prescripteurs… »
 */
#pragma once

#include <adwaita.h>

#include "trj-actuals.h"
#include "trj-document.h"

G_BEGIN_DECLS

/* The tolerances of the preferences (GSettings drift-tolerance-rate, -hours,
 * -duration, -cofinancing: points of rate and cofinancing, hours, months), the
 * defaults of MODEL 8 when the schema is not installed. */
void       trj_drift_tolerance_from_settings (TrjDriftTolerance *tolerance);

/* The ACTUAL_DRIFT sentences of the lines of envelope `envelope` (an index in
 * the scenario shown) against the scenario shown, with the tolerances of the
 * preferences (transfer full, char*; empty without actuals). */
GPtrArray *trj_drift_messages                (TrjDocument *document, int envelope);

/* « Message aux prescripteurs »: the drifts of the landing reference (the last
 * version sent, else the scenario shown) written as a PDF (a page per
 * prescriber) at pdf_path and a CSV at csv_path. *n_prescribers gets how many;
 * fails with a French sentence when there is no drift. */
gboolean   trj_drift_write_messages          (TrjDocument *document, const char *pdf_path,
                                              const char *csv_path, guint *n_prescribers,
                                              GError **error);
/* The save chooser for the PDF, the CSV beside it with the same name; the
 * outcome in the parent's toast. */
void       trj_drift_choose_messages_export  (GtkWindow *parent, TrjDocument *document);

G_END_DECLS
