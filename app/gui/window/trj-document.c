/* trj-document.c — see trj-document.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-document.h"
#include "trj-settings.h"

struct _TrjDocument
{
  GObject parent_instance;

  TrjWorkbook *workbook;
  gint64 scenario_id;
  TrjScenario *scenario;
  TrjResult *result;
  /* result holds the figures of scenario with rules (the last compute
   * succeeded): an edit of one line can be computed from it. */
  gboolean result_current;
  GError *error;
  /* The year's rules with the user's alert tolerance (preferences). */
  TrjRules rules;
  GSettings *settings;
  /* The one line an edit changed, while "updated" is emitted. */
  char *changed_line;
};

G_DEFINE_FINAL_TYPE (TrjDocument, trj_document, G_TYPE_OBJECT)

enum { UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_WORKBOOK, PROP_SCENARIO_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The values of one line changed (the edit the workbook just told):
 * read that line alone into the snapshot; *before is the line as it was,
 * *envelope and *index its place. FALSE when the snapshot has no such line,
 * or the workbook could not say: then everything is read. */
static gboolean
reload_line (TrjDocument *self, TrjLine **before, guint *envelope, guint *index)
{
  if (self->scenario == NULL || self->changed_line == NULL ||
      self->scenario_id != trj_workbook_get_current_scenario (self->workbook))
    return FALSE;
  for (guint e = 0; e < self->scenario->envelopes->len; e++)
    {
      TrjEnvelope *env = self->scenario->envelopes->pdata[e];

      for (guint l = 0; l < env->lines->len; l++)
        {
          TrjLine *line = env->lines->pdata[l];
          TrjLine *fresh;

          if (g_strcmp0 (line->id, self->changed_line) != 0)
            continue;
          fresh = trj_workbook_get_line (self->workbook, self->scenario_id, line->id, NULL);
          if (fresh == NULL)
            return FALSE;
          env->lines->pdata[l] = fresh;
          *before = line;
          *envelope = e;
          *index = l;
          return TRUE;
        }
    }
  return FALSE;
}

void
trj_document_reload (TrjDocument *self, guint changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjLine) before = NULL;
  gint64 shown = self->scenario_id;
  TrjScenario *scenario;
  TrjRules rules;
  guint envelope = 0, index = 0;
  gboolean one_line;

  g_return_if_fail (TRJ_IS_DOCUMENT (self));

  one_line = changes == TRJ_WORKBOOK_CHANGE_VALUES && reload_line (self, &before, &envelope, &index);
  if (one_line)
    scenario = self->scenario;
  else
    {
      self->scenario_id = trj_workbook_get_current_scenario (self->workbook);
      scenario = trj_workbook_get_scenario (self->workbook, self->scenario_id, &error);
      if (scenario == NULL)
        {
          /* The file went away under us: keep the last figures rather than none. */
          g_warning ("%s", error->message);
          return;
        }
      g_clear_pointer (&self->scenario, trj_scenario_free);
      self->scenario = scenario;
      self->result_current = FALSE;
    }
  if (self->result == NULL)
    self->result = trj_result_new (scenario);
  else if (!one_line)
    trj_result_reshape (self->result, scenario);

  rules = *trj_workbook_get_rules (self->workbook);
  if (self->settings != NULL)
    /* The preference is in percentage points, the engine compares shares. */
    rules.average_tolerance = g_settings_get_double (self->settings, "alert-tolerance") / 100.0;
  if (memcmp (&rules, &self->rules, sizeof rules) != 0)
    self->result_current = FALSE;
  self->rules = rules;
  g_clear_error (&self->error);
  /* Issue 17: one line's figures, then the sums, rather than every line's. */
  if (one_line && self->result_current)
    self->result_current = trj_engine_compute_line (scenario, &self->rules, self->result,
                                                    envelope, index, before, &self->error);
  else
    self->result_current = trj_engine_compute (scenario, &self->rules, self->result, &self->error);

  /* Said once the figures are those of the new scenario. */
  if (self->scenario_id != shown)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO_ID]);
  g_signal_emit (self, signals[UPDATED], 0, changes);
}

static void
workbook_changed_cb (TrjDocument *self,
                     gint64       scenario_id,
                     guint        changes,
                     const char  *line_id)
{
  /* Another scenario's values: nothing shown changes. */
  if (changes == TRJ_WORKBOOK_CHANGE_VALUES && scenario_id != 0 && scenario_id != self->scenario_id)
    return;
  self->changed_line = changes == TRJ_WORKBOOK_CHANGE_VALUES ? g_strdup (line_id) : NULL;
  trj_document_reload (self, changes);
  g_clear_pointer (&self->changed_line, g_free);
}

/* Switching scenario is navigation, not an edit: the workbook says it with
 * notify::current-scenario rather than "changed". */
static void
current_scenario_changed_cb (TrjDocument *self)
{
  if (trj_workbook_get_current_scenario (self->workbook) != self->scenario_id)
    trj_document_reload (self, TRJ_WORKBOOK_CHANGE_SCENARIOS);
}

static void
tolerance_changed_cb (TrjDocument *self)
{
  trj_document_reload (self, TRJ_WORKBOOK_CHANGE_VALUES);
}

const char *
trj_document_get_changed_line (TrjDocument *self)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), NULL);
  return self->changed_line;
}

TrjWorkbook *
trj_document_get_workbook (TrjDocument *self)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), NULL);
  return self->workbook;
}

gint64
trj_document_get_scenario_id (TrjDocument *self)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), 0);
  return self->scenario_id;
}

const TrjScenario *
trj_document_get_scenario (TrjDocument *self)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), NULL);
  return self->scenario;
}

const TrjResult *
trj_document_get_result (TrjDocument *self)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), NULL);
  return self->result;
}

const TrjRules *
trj_document_get_rules (TrjDocument *self)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), NULL);
  return &self->rules;
}

const GError *
trj_document_get_error (TrjDocument *self)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), NULL);
  return self->error;
}

int
trj_document_find_envelope (TrjDocument *self, const char *envelope_id)
{
  g_return_val_if_fail (TRJ_IS_DOCUMENT (self), -1);

  return self->scenario != NULL ? trj_scenario_envelope_index (self->scenario, envelope_id) : -1;
}

const TrjEnvelope *
trj_document_get_envelope (TrjDocument *self, const char *envelope_id)
{
  int index = trj_document_find_envelope (self, envelope_id);

  return index < 0 ? NULL : self->scenario->envelopes->pdata[index];
}

const TrjEnvelopeResult *
trj_document_get_envelope_result (TrjDocument *self, const char *envelope_id)
{
  int index = trj_document_find_envelope (self, envelope_id);

  return index < 0 ? NULL : &self->result->envelopes[index];
}

static void
trj_document_finalize (GObject *object)
{
  TrjDocument *self = TRJ_DOCUMENT (object);

  g_signal_handlers_disconnect_by_data (self->workbook, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->workbook);
  g_clear_pointer (&self->scenario, trj_scenario_free);
  g_clear_pointer (&self->result, trj_result_free);
  g_clear_error (&self->error);
  g_free (self->changed_line);

  G_OBJECT_CLASS (trj_document_parent_class)->finalize (object);
}

static void
trj_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TrjDocument *self = TRJ_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_WORKBOOK:
      g_value_set_object (value, self->workbook);
      break;
    case PROP_SCENARIO_ID:
      g_value_set_int64 (value, self->scenario_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_document_class_init (TrjDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trj_document_finalize;
  object_class->get_property = trj_document_get_property;

  /* For bindings and expressions ("document.workbook.read-only"). */
  properties[PROP_WORKBOOK] =
    g_param_spec_object ("workbook", NULL, NULL, TRJ_TYPE_WORKBOOK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The scenario shown, its figures computed when it is notified. */
  properties[PROP_SCENARIO_ID] =
    g_param_spec_int64 ("scenario-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
trj_document_init (TrjDocument *self)
{
}

TrjDocument *
trj_document_new (TrjWorkbook *workbook)
{
  TrjDocument *self;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (workbook), NULL);

  self = g_object_new (TRJ_TYPE_DOCUMENT, NULL);
  self->workbook = g_object_ref (workbook);
  g_signal_connect_swapped (workbook, "changed", G_CALLBACK (workbook_changed_cb), self);
  g_signal_connect_swapped (workbook, "notify::current-scenario", G_CALLBACK (current_scenario_changed_cb), self);
  self->settings = trj_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::alert-tolerance",
                              G_CALLBACK (tolerance_changed_cb), self);
  /* ACTUAL_DRIFT's tolerances (trj-drift.h): the alert lists again. */
  if (self->settings != NULL)
    for (const char * const *key = (const char * const[]) { "changed::drift-tolerance-rate",
           "changed::drift-tolerance-hours", "changed::drift-tolerance-duration",
           "changed::drift-tolerance-cofinancing", NULL }; *key != NULL; key++)
      g_signal_connect_swapped (self->settings, *key, G_CALLBACK (tolerance_changed_cb), self);
  trj_document_reload (self, TRJ_WORKBOOK_CHANGE_VALUES | TRJ_WORKBOOK_CHANGE_LINES
                             | TRJ_WORKBOOK_CHANGE_SCENARIOS);
  return self;
}
