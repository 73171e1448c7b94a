/* trj-scenario-item.c — see trj-scenario-item.h */
#include "config.h"

#include "trj-scenario-item.h"

struct _TrjScenarioItem
{
  GObject parent_instance;
  gint64 id;
  char *name;
};

G_DEFINE_FINAL_TYPE (TrjScenarioItem, trj_scenario_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trj_scenario_item_finalize (GObject *object)
{
  TrjScenarioItem *self = TRJ_SCENARIO_ITEM (object);

  g_free (self->name);
  G_OBJECT_CLASS (trj_scenario_item_parent_class)->finalize (object);
}

static void
trj_scenario_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TrjScenarioItem *self = TRJ_SCENARIO_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_scenario_item_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TrjScenarioItem *self = TRJ_SCENARIO_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_scenario_item_class_init (TrjScenarioItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trj_scenario_item_finalize;
  object_class->get_property = trj_scenario_item_get_property;
  object_class->set_property = trj_scenario_item_set_property;

  /* An item is replaced, not changed, when its scenario is renamed: the
   * switcher's labels are bound once, when an item is shown. */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                            G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trj_scenario_item_init (TrjScenarioItem *self)
{
}

TrjScenarioItem *
trj_scenario_item_new (gint64 id, const char *name)
{
  return g_object_new (TRJ_TYPE_SCENARIO_ITEM, "id", id, "name", name, NULL);
}

gint64
trj_scenario_item_get_id (TrjScenarioItem *self)
{
  g_return_val_if_fail (TRJ_IS_SCENARIO_ITEM (self), 0);
  return self->id;
}

const char *
trj_scenario_item_get_name (TrjScenarioItem *self)
{
  g_return_val_if_fail (TRJ_IS_SCENARIO_ITEM (self), NULL);
  return self->name;
}
