/* trj-programming-private.h — helpers shared by the programming file, CSV and
 * consolidation writers */
#pragma once

#include "trj-engine.h"

G_BEGIN_DECLS

/* French name of an envelope ("PEC et CIE tous publics"); unknown ids as is. */
const char *trj_programming_envelope_label (const char *envelope_id);
const char *trj_programming_zone_label     (TrjZone zone);
/* Number of alerts of one envelope (-1: the region-wide ones). */
guint       trj_programming_envelope_alerts (const TrjResult *result, int envelope);

G_END_DECLS
