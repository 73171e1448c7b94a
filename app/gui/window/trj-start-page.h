/* trj-start-page.h — what a window shows before a workbook is open
 *
 * Recent workbooks, "Nouvelle programmation" (region and year of the embedded
 * notification) and "Ouvrir…". The page only asks: the window creates or opens.
 * Signals: "create-requested" (region name, year), "open-requested" (GFile).
 */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
