/* trj-scenario-list.h — the scenarios of a workbook as a GListModel
 *
 * Items are TrjScenarioItem, in the workbook's display order; they feed the
 * window's scenario switcher. trj_scenario_list_refresh() re-reads them after
 * a TRJ_WORKBOOK_CHANGE_SCENARIOS and emits items-changed for what changed
 * only: a switcher changing scenario keeps its items and selection.
 *
 * Properties: "workbook" (construct-only), "current" (position of the
 * workbook's current scenario, GTK_INVALID_LIST_POSITION when unknown;
 * notified on change).
 */
#pragma once

#include <gio/gio.h>

#include "trj-workbook.h"

G_BEGIN_DECLS

#define TRJ_TYPE_SCENARIO_LIST (trj_scenario_list_get_type ())
G_DECLARE_FINAL_TYPE (TrjScenarioList, trj_scenario_list, TRJ, SCENARIO_LIST, GObject)

TrjScenarioList *trj_scenario_list_new         (TrjWorkbook *workbook);
void             trj_scenario_list_refresh     (TrjScenarioList *self);
guint            trj_scenario_list_get_current (TrjScenarioList *self);
/* The scenario id at position, 0 when out of range. */
gint64           trj_scenario_list_get_id      (TrjScenarioList *self, guint position);

G_END_DECLS
