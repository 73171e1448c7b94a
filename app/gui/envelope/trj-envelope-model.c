/* trj-envelope-model.c — see trj-envelope-model.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-envelope-model.h"
#include "trj-alert-text.h"

typedef struct
{
  TrjDocument *document;
  char *envelope_id;
  /* Rows the grid was last told about: a structural change replaces them all. */
  guint n_rows_shown;
  /* Lines added inside a batch (a paste past the last line), read back from
   * the workbook: the document's snapshot has them once the batch ends. */
  GPtrArray *added;
} TrjEnvelopeModelPrivate;

enum { PROP_0, PROP_DOCUMENT, PROP_ENVELOPE_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void trj_envelope_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TrjEnvelopeModel, trj_envelope_model, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (TrjEnvelopeModel)
                         G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_envelope_model_grid_init))

#define PRIV(self) ((TrjEnvelopeModelPrivate *) trj_envelope_model_get_instance_private (self))

TrjDocument *
trj_envelope_model_get_document (TrjEnvelopeModel *self)
{
  return PRIV (self)->document;
}

const char *
trj_envelope_model_get_envelope_id (TrjEnvelopeModel *self)
{
  return PRIV (self)->envelope_id;
}

TrjWorkbook *
trj_envelope_model_get_workbook (TrjEnvelopeModel *self)
{
  return trj_document_get_workbook (PRIV (self)->document);
}

gint64
trj_envelope_model_get_scenario_id (TrjEnvelopeModel *self)
{
  return trj_document_get_scenario_id (PRIV (self)->document);
}

static guint
n_snapshot_lines (TrjEnvelopeModel *self)
{
  const TrjEnvelope *env = trj_document_get_envelope (PRIV (self)->document, PRIV (self)->envelope_id);

  return env != NULL ? env->lines->len : 0;
}

guint
trj_envelope_model_get_n_lines (TrjEnvelopeModel *self)
{
  return n_snapshot_lines (self) + PRIV (self)->added->len;
}

const TrjLine *
trj_envelope_model_get_line (TrjEnvelopeModel *self, guint row)
{
  const TrjEnvelope *env = trj_document_get_envelope (PRIV (self)->document, PRIV (self)->envelope_id);
  guint n = env != NULL ? env->lines->len : 0;

  if (row < n)
    return env->lines->pdata[row];
  return row - n < PRIV (self)->added->len ? PRIV (self)->added->pdata[row - n] : NULL;
}

gboolean
trj_envelope_model_add_lines (TrjEnvelopeModel *self, TrjLineKind kind, guint n, GError **error)
{
  TrjEnvelopeModelPrivate *priv = PRIV (self);
  TrjWorkbook *wb = trj_envelope_model_get_workbook (self);
  gint64 scenario = trj_envelope_model_get_scenario_id (self);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = trj_workbook_add_line (wb, scenario, priv->envelope_id, kind, -1, error);
      TrjLine *line = id != NULL ? trj_workbook_get_line (wb, scenario, id, error) : NULL;

      if (line == NULL)
        return FALSE;
      g_ptr_array_add (priv->added, line);
    }
  return TRUE;
}

void
trj_envelope_model_line_edited (TrjEnvelopeModel *self, guint row)
{
  TrjEnvelopeModelPrivate *priv = PRIV (self);
  guint n = n_snapshot_lines (self);
  TrjLine *line;

  if (row < n || row - n >= priv->added->len)
    return;
  line = trj_workbook_get_line (trj_envelope_model_get_workbook (self), trj_envelope_model_get_scenario_id (self),
                                ((TrjLine *) priv->added->pdata[row - n])->id, NULL);
  if (line != NULL)
    {
      trj_line_free (priv->added->pdata[row - n]);
      priv->added->pdata[row - n] = line;
    }
}

const TrjLineResult *
trj_envelope_model_get_line_result (TrjEnvelopeModel *self, guint row)
{
  TrjEnvelopeModelPrivate *priv = PRIV (self);
  int env = trj_document_find_envelope (priv->document, priv->envelope_id);

  /* A line added inside a batch has no result until the batch ends. */
  if (env < 0 || row >= n_snapshot_lines (self))
    return NULL;
  return trj_result_line (trj_document_get_result (priv->document), env, row);
}

int
trj_envelope_model_find_row (TrjEnvelopeModel *self, const char *line_id)
{
  guint n = trj_envelope_model_get_n_lines (self);

  for (guint row = 0; row < n; row++)
    if (g_str_equal (trj_envelope_model_get_line (self, row)->id, line_id))
      return (int) row;
  return -1;
}

gboolean
trj_envelope_model_line_alert (TrjEnvelopeModel *self,
                               int               row,
                               TrjAlertCode      code,
                               char            **tooltip)
{
  TrjEnvelopeModelPrivate *priv = PRIV (self);
  const TrjResult *result = trj_document_get_result (priv->document);
  const TrjScenario *scenario = trj_document_get_scenario (priv->document);
  int env = trj_document_find_envelope (priv->document, priv->envelope_id);
  g_autoptr(GString) text = NULL;

  for (guint i = 0; env >= 0 && i < result->n_alerts; i++)
    {
      const TrjAlert *alert = &result->alerts[i];

      if (alert->envelope != env || alert->line != row
          || (code != TRJ_N_ALERT_CODES && alert->code != code))
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      {
        g_autofree char *message = trj_alert_message (scenario, alert);
        g_string_append (text, message);
      }
    }
  if (text != NULL && tooltip != NULL)
    *tooltip = g_string_free (g_steal_pointer (&text), FALSE);
  return text != NULL || (tooltip != NULL && *tooltip != NULL);
}

static void
document_updated_cb (TrjEnvelopeModel *self, guint changes)
{
  TrjEnvelopeModelPrivate *priv = PRIV (self);
  guint n_rows = trj_grid_model_get_n_rows (TRJ_GRID_MODEL (self));
  guint shown = priv->n_rows_shown;

  const char *line_id = trj_document_get_changed_line (priv->document);
  int row = line_id != NULL ? trj_envelope_model_find_row (self, line_id) : -1;

  priv->n_rows_shown = n_rows;
  if ((changes & (TRJ_WORKBOOK_CHANGE_LINES | TRJ_WORKBOOK_CHANGE_SCENARIOS)) || shown != n_rows)
    trj_grid_model_changed (TRJ_GRID_MODEL (self), 0, shown, n_rows);
  else if (line_id != NULL && row < 0)
    return;   /* a line of another envelope: nothing shown here changed */
  else if (row >= 0)
    {
      /* A line's cells depend on that line only; the rows after the lines
       * (totals) sum them. */
      trj_grid_model_changed (TRJ_GRID_MODEL (self), row, 1, 1);
      if (TRJ_ENVELOPE_MODEL_GET_CLASS (self)->extra_rows > 0)
        trj_grid_model_changed (TRJ_GRID_MODEL (self), n_rows - TRJ_ENVELOPE_MODEL_GET_CLASS (self)->extra_rows,
                                TRJ_ENVELOPE_MODEL_GET_CLASS (self)->extra_rows,
                                TRJ_ENVELOPE_MODEL_GET_CLASS (self)->extra_rows);
    }
  else
    trj_grid_model_values_changed (TRJ_GRID_MODEL (self));
}

/* ── TrjGridModel: rows and batches ──────────────────────────────────── */

static guint
trj_envelope_model_get_n_rows (TrjGridModel *model)
{
  TrjEnvelopeModel *self = TRJ_ENVELOPE_MODEL (model);

  return trj_envelope_model_get_n_lines (self) + TRJ_ENVELOPE_MODEL_GET_CLASS (self)->extra_rows;
}

static guint
trj_envelope_model_get_n_data_rows (TrjGridModel *model)
{
  return trj_envelope_model_get_n_lines (TRJ_ENVELOPE_MODEL (model));
}

static void
trj_envelope_model_begin_batch (TrjGridModel *model, const char *label)
{
  trj_workbook_begin_batch (trj_envelope_model_get_workbook (TRJ_ENVELOPE_MODEL (model)), label);
}

static void
trj_envelope_model_end_batch (TrjGridModel *model, gboolean commit)
{
  TrjWorkbook *wb = trj_envelope_model_get_workbook (TRJ_ENVELOPE_MODEL (model));
  g_autoptr(GError) error = NULL;

  /* Committed, the added lines come back in the document's snapshot. */
  g_ptr_array_set_size (PRIV (TRJ_ENVELOPE_MODEL (model))->added, 0);
  if (!commit)
    trj_workbook_cancel_batch (wb);
  else if (!trj_workbook_end_batch (wb, &error))
    g_warning ("%s", error->message);
}

static void
trj_envelope_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = trj_envelope_model_get_n_rows;
  iface->get_n_data_rows = trj_envelope_model_get_n_data_rows;
  iface->begin_batch = trj_envelope_model_begin_batch;
  iface->end_batch = trj_envelope_model_end_batch;
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
trj_envelope_model_constructed (GObject *object)
{
  TrjEnvelopeModel *self = TRJ_ENVELOPE_MODEL (object);
  TrjEnvelopeModelPrivate *priv = PRIV (self);

  G_OBJECT_CLASS (trj_envelope_model_parent_class)->constructed (object);

  priv->n_rows_shown = trj_grid_model_get_n_rows (TRJ_GRID_MODEL (self));
  g_signal_connect_object (priv->document, "updated", G_CALLBACK (document_updated_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
trj_envelope_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TrjEnvelopeModelPrivate *priv = PRIV (TRJ_ENVELOPE_MODEL (object));

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      priv->document = g_value_dup_object (value);
      break;
    case PROP_ENVELOPE_ID:
      priv->envelope_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_envelope_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TrjEnvelopeModelPrivate *priv = PRIV (TRJ_ENVELOPE_MODEL (object));

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, priv->document);
      break;
    case PROP_ENVELOPE_ID:
      g_value_set_string (value, priv->envelope_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_envelope_model_finalize (GObject *object)
{
  TrjEnvelopeModelPrivate *priv = PRIV (TRJ_ENVELOPE_MODEL (object));

  g_clear_object (&priv->document);
  g_free (priv->envelope_id);
  g_ptr_array_unref (priv->added);
  G_OBJECT_CLASS (trj_envelope_model_parent_class)->finalize (object);
}

static void
trj_envelope_model_class_init (TrjEnvelopeModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = trj_envelope_model_constructed;
  object_class->set_property = trj_envelope_model_set_property;
  object_class->get_property = trj_envelope_model_get_property;
  object_class->finalize = trj_envelope_model_finalize;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TRJ_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENVELOPE_ID] =
    g_param_spec_string ("envelope-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trj_envelope_model_init (TrjEnvelopeModel *self)
{
  PRIV (self)->added = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_line_free);
}

void
trj_envelope_model_column_limits (TrjGridColumn *column, TrjParam param)
{
  const TrjParamSpec *spec = trj_catalog_param (param);

  column->min = spec->min;
  column->max = spec->max;
}
