/* trj-scenario-item.h — one scenario of a workbook, as an item of TrjScenarioList
 *
 * Properties: "id" (the workbook's scenario id), "name" (shown by the
 * scenario switcher through a property expression).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRJ_TYPE_SCENARIO_ITEM (trj_scenario_item_get_type ())
G_DECLARE_FINAL_TYPE (TrjScenarioItem, trj_scenario_item, TRJ, SCENARIO_ITEM, GObject)

TrjScenarioItem *trj_scenario_item_new      (gint64 id, const char *name);
gint64           trj_scenario_item_get_id   (TrjScenarioItem *self);
const char      *trj_scenario_item_get_name (TrjScenarioItem *self);

G_END_DECLS
