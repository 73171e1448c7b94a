/* trj-alert-text.h — the French sentence for an engine alert (MODEL.md section 5)
 *
 * One text per alert code, with the offending value and the range or ceiling it
 * breaks formatted through trj-format: « Taux de 65,0 % hors de la plage
 * 30,0 %–60,0 % ». The result document, the GUI, the xlsx export and the report
 * all show this same sentence.
 */
#pragma once

#include "trj-engine.h"

G_BEGIN_DECLS

/* Newly allocated (g_free). The scenario is the one the alert was computed from. */
char *trj_alert_message (const TrjScenario *scenario, const TrjAlert *alert);
/* How an allocation (issue 16) is named: « Finistère (29) », « Finistère (29),
 * France Travail » (the code alone outside the region's départements). */
char *trj_allocation_name (const TrjScenario *scenario, const TrjAllocation *allocation);
/* The parameter of a line that a range alert breaks (« Taux de prise en
 * charge », « Durée d'un renouvellement (mois) »…), as the « Demandes
 * exceptionnelles » sheet and the report name it; NULL for any other code.
 * *percent: its value and range are shares. Not to be freed. */
const char *trj_alert_range_parameter (TrjAlertCode code, gboolean *percent);

G_END_DECLS
