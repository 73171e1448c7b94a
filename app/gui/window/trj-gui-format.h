/* trj-gui-format.h — figures for display: trj-format, with "—" for undefined values
 *
 * The engine reports NAN for figures that do not exist (AE per contract of an
 * empty line, consumption of an envelope with nothing available); people see a
 * dash, never "NaN".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *trj_gui_money    (double euros);
/* A margin to the euro below (MODEL 2.5: rounded towards the side that keeps
 * it ≥ 0): moving exactly the amount shown never puts an envelope over. */
char *trj_gui_margin   (double euros);
char *trj_gui_percent  (double share, int decimals);
char *trj_gui_number   (double value, int decimals);
char *trj_gui_integer  (double value);
/* ETP, posts, contracts: up to max_decimals, trailing zeros dropped (30 → "30",
 * 12.5 → "12,5"), as the lines grid shows them. */
char *trj_gui_decimal  (double value, int max_decimals);
/* "29 Finistère": a département of the region in the year's data, as the
 * grids and editors show it; the code alone when the region does not have
 * it, "" for NULL. */
char *trj_gui_departement (int year, const char *region, const char *code);

G_END_DECLS
