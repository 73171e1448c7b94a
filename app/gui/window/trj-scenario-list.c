/* trj-scenario-list.c — see trj-scenario-list.h */
#include "config.h"

#include <gtk/gtk.h>

#include "trj-scenario-item.h"
#include "trj-scenario-list.h"

struct _TrjScenarioList
{
  GObject parent_instance;
  TrjWorkbook *workbook;
  GPtrArray *items;        /* TrjScenarioItem* */
  guint current;
};

static void trj_scenario_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjScenarioList, trj_scenario_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, trj_scenario_list_model_init))

enum {
  PROP_0,
  PROP_WORKBOOK,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return TRJ_TYPE_SCENARIO_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return TRJ_SCENARIO_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  TrjScenarioList *self = TRJ_SCENARIO_LIST (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position)) : NULL;
}

static void
trj_scenario_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
same_item (TrjScenarioItem *item, const TrjScenarioInfo *info)
{
  return trj_scenario_item_get_id (item) == info->id
         && g_strcmp0 (trj_scenario_item_get_name (item), info->name) == 0;
}

void
trj_scenario_list_refresh (TrjScenarioList *self)
{
  g_autoptr(GPtrArray) infos = NULL;
  gint64 current_id;
  guint old_n, first, last_old, last_new, current = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (TRJ_IS_SCENARIO_LIST (self));

  infos = trj_workbook_list_scenarios (self->workbook);
  current_id = trj_workbook_get_current_scenario (self->workbook);
  old_n = self->items->len;

  /* The changed run: from the first item that differs to the last one, so that
   * a rename, an insertion or a deletion replaces that run only. */
  for (first = 0; first < old_n && first < infos->len
                  && same_item (g_ptr_array_index (self->items, first), g_ptr_array_index (infos, first)); first++)
    ;
  for (last_old = old_n, last_new = infos->len;
       last_old > first && last_new > first
       && same_item (g_ptr_array_index (self->items, last_old - 1), g_ptr_array_index (infos, last_new - 1));
       last_old--, last_new--)
    ;
  if (last_old > first)
    g_ptr_array_remove_range (self->items, first, last_old - first);
  for (guint i = first; i < last_new; i++)
    {
      const TrjScenarioInfo *info = g_ptr_array_index (infos, i);

      g_ptr_array_insert (self->items, i, trj_scenario_item_new (info->id, info->name));
    }
  if (last_old > first || last_new > first)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last_old - first, last_new - first);

  for (guint i = 0; i < self->items->len; i++)
    if (trj_scenario_item_get_id (g_ptr_array_index (self->items, i)) == current_id)
      current = i;
  if (current != self->current)
    {
      self->current = current;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
}

static void
trj_scenario_list_constructed (GObject *object)
{
  G_OBJECT_CLASS (trj_scenario_list_parent_class)->constructed (object);
  trj_scenario_list_refresh (TRJ_SCENARIO_LIST (object));
}

static void
trj_scenario_list_finalize (GObject *object)
{
  TrjScenarioList *self = TRJ_SCENARIO_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_object (&self->workbook);
  G_OBJECT_CLASS (trj_scenario_list_parent_class)->finalize (object);
}

static void
trj_scenario_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TrjScenarioList *self = TRJ_SCENARIO_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKBOOK:
      g_value_set_object (value, self->workbook);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_scenario_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TrjScenarioList *self = TRJ_SCENARIO_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKBOOK:
      self->workbook = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_scenario_list_class_init (TrjScenarioListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = trj_scenario_list_constructed;
  object_class->finalize = trj_scenario_list_finalize;
  object_class->get_property = trj_scenario_list_get_property;
  object_class->set_property = trj_scenario_list_set_property;

  properties[PROP_WORKBOOK] = g_param_spec_object ("workbook", NULL, NULL, TRJ_TYPE_WORKBOOK,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] = g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT,
                                                GTK_INVALID_LIST_POSITION,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trj_scenario_list_init (TrjScenarioList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->current = GTK_INVALID_LIST_POSITION;
}

TrjScenarioList *
trj_scenario_list_new (TrjWorkbook *workbook)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (workbook), NULL);
  return g_object_new (TRJ_TYPE_SCENARIO_LIST, "workbook", workbook, NULL);
}

guint
trj_scenario_list_get_current (TrjScenarioList *self)
{
  g_return_val_if_fail (TRJ_IS_SCENARIO_LIST (self), GTK_INVALID_LIST_POSITION);
  return self->current;
}

gint64
trj_scenario_list_get_id (TrjScenarioList *self, guint position)
{
  g_return_val_if_fail (TRJ_IS_SCENARIO_LIST (self), 0);
  return position < self->items->len ? trj_scenario_item_get_id (g_ptr_array_index (self->items, position)) : 0;
}
