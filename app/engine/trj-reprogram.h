/* trj-reprogram.h — « Reprogrammer » (MODEL 8): a scenario built from the
 * landing, the months with actuals fixed and the months after open
 *
 * From the reference P and the actuals to month T, each contract line of P
 * becomes two lines:
 *   - its realised part (id "<id>-realise"): the actual entries of months
 *     1…T (none where a month has no row) at the entry-weighted averages of
 *     the observed parameters (P's where none is reported), nothing after T;
 *     the store keeps it read only; a line without actual entries has none;
 *   - its open part (the line's own id): no entries in months 1…T, P's
 *     entries after T at P's parameters, and last year's entries (the stock);
 *     the store keeps its entries of months 1…T read only.
 * Post-aid and free lines are P's. The AE of the reprogramming is then the
 * landing's with the programmed projection, less the execution gap (the
 * ASP's amounts are not a line's), when the observed parameters do not vary
 * from month to month (averages otherwise).
 */
#pragma once

#include "trj-actuals.h"

G_BEGIN_DECLS

/* The reprogramming of p (transfer full); *realised gets the ids of the
 * realised lines (char*, transfer full). A realised line's label is the
 * line's followed by label_suffix (" (réalisé)"). FALSE-like NULL with
 * TRJ_ENGINE_ERROR_INVALID when there are no actuals. */
TrjScenario *trj_reprogramming_build (const TrjScenario *p,
                                      const TrjActuals  *actuals,
                                      const char        *label_suffix,
                                      GPtrArray        **realised,
                                      GError           **error);

/* The id of the realised part of a line ("pec-29" → "pec-29-realise"). */
char        *trj_reprogramming_realised_id (const char *line_id);

G_END_DECLS
