/* trj-start-page.h — what a window shows before a workbook is open
 *
 * Recent workbooks, "Nouvelle programmation" (region and year of the embedded
 * notification, the regional IAE, EA and GEIQ amounts the circular does not
 * print, typed or read from a notification CSV) and "Ouvrir…". The page only
 * asks: the window creates or opens.
 * Signals: "create-requested" (region name, year), "open-requested" (GFile).
 */
#pragma once

#include <adwaita.h>

#include "trj-types.h"

G_BEGIN_DECLS

#define TRJ_TYPE_START_PAGE (trj_start_page_get_type ())
G_DECLARE_FINAL_TYPE (TrjStartPage, trj_start_page, TRJ, START_PAGE, GtkWidget)

/* Rebuilds the recent workbooks list from the settings ("recent-files"). */
void        trj_start_page_reload_recent   (TrjStartPage *self);
/* Puts a workbook first in the recent list of the settings. */
void        trj_start_page_add_recent      (const char *uri);
/* The region and year currently picked (region is owned by the page). */
const char *trj_start_page_get_region      (TrjStartPage *self);
int         trj_start_page_get_year        (TrjStartPage *self);
void        trj_start_page_select_region   (TrjStartPage *self, const char *region);
/* The regional notification file (trj-notification-csv.h), NULL: none. */
void        trj_start_page_set_notification (TrjStartPage *self, GFile *file);
GFile      *trj_start_page_get_notification (TrjStartPage *self);
/* Types the AE and CP of an envelope's row, as its user would (FALSE: no such row). */
gboolean    trj_start_page_set_amounts     (TrjStartPage *self, const char *envelope_id,
                                            const char *ae, const char *cp);
/* The starting scenario of the region and year picked: the example
 * (trajectoire-cli example), the notification file applied, then the amounts
 * typed (an empty CP takes the AE), the entry profiles calibrated on the
 * notified CP. NULL with a French error naming the envelope and field, or the
 * file's row; a field in error is marked. */
TrjScenario *trj_start_page_build_scenario (TrjStartPage *self, GError **error);

G_END_DECLS
