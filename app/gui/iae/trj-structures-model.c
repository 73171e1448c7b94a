/* trj-structures-model.c — see trj-structures-model.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-gui-format.h"
#include "trj-iae.h"
#include "trj-structures-model.h"

struct _TrjStructuresModel
{
  GObject        parent_instance;

  TrjDocument   *document;
  char          *envelope_id;
  guint          n_rows;
  TrjGridColumn  columns[TRJ_N_STRUCTURES_COLUMNS];
};

static void trj_structures_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjStructuresModel, trj_structures_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_structures_model_grid_init))

/* Choices of the flag columns, in the order of their value (0, 1). */
static const char *yes_no[3];

static const TrjEnvelope *
envelope (TrjStructuresModel *self)
{
  return trj_document_get_envelope (self->document, self->envelope_id);
}

static const TrjLine *
row_line (TrjStructuresModel *self, guint row)
{
  const TrjEnvelope *env = envelope (self);

  return env != NULL && row < env->lines->len ? g_ptr_array_index (env->lines, row) : NULL;
}

static void
document_updated_cb (TrjStructuresModel *self)
{
  const TrjEnvelope *env = envelope (self);
  guint before = self->n_rows;

  self->n_rows = env != NULL ? env->lines->len : 0;
  trj_grid_model_changed (TRJ_GRID_MODEL (self), 0, before, self->n_rows);
}

/* The workbook field a typed column writes, -1 for a computed one. */
static int
column_field (guint column)
{
  switch ((TrjStructuresColumn) column)
    {
    case TRJ_STRUCTURES_COLUMN_NAME:         return TRJ_LINE_FIELD_STRUCTURE_NAME;
    case TRJ_STRUCTURES_COLUMN_SIRET:        return TRJ_LINE_FIELD_SIRET;
    case TRJ_STRUCTURES_COLUMN_DEPARTEMENT:  return TRJ_LINE_FIELD_DEPARTEMENT;
    case TRJ_STRUCTURES_COLUMN_CONVENTIONNE: return TRJ_LINE_FIELD_CONVENTIONNE_PREVIOUS;
    case TRJ_STRUCTURES_COLUMN_REALISE:      return TRJ_LINE_FIELD_REALISE_PREVIOUS;
    case TRJ_STRUCTURES_COLUMN_QUANTITY:     return TRJ_LINE_FIELD_QUANTITY;
    case TRJ_STRUCTURES_COLUMN_DECREASE:     return TRJ_LINE_FIELD_DECREASE_REQUESTED;
    case TRJ_STRUCTURES_COLUMN_REVALUATION:  return TRJ_LINE_FIELD_REVALUATION_REQUESTED;
    case TRJ_STRUCTURES_COLUMN_DEVELOPMENT:  return TRJ_LINE_FIELD_DEVELOPMENT;
    case TRJ_STRUCTURES_COLUMN_KIND:
    case TRJ_STRUCTURES_COLUMN_BASE:
    case TRJ_STRUCTURES_COLUMN_PROJECTED:
    case TRJ_STRUCTURES_COLUMN_RATE:
    case TRJ_N_STRUCTURES_COLUMNS:
    default:                                 return -1;
    }
}

/* Columns where an empty cell means « not given » rather than 0. */
static gboolean
clears_when_empty (guint column)
{
  return column == TRJ_STRUCTURES_COLUMN_NAME || column == TRJ_STRUCTURES_COLUMN_SIRET
         || column == TRJ_STRUCTURES_COLUMN_DEPARTEMENT || column == TRJ_STRUCTURES_COLUMN_CONVENTIONNE
         || column == TRJ_STRUCTURES_COLUMN_REALISE;
}

/* ── TrjGridModel ────────────────────────────────────────────────────── */

static guint
get_n_rows (TrjGridModel *model)
{
  return TRJ_STRUCTURES_MODEL (model)->n_rows;
}

static guint
get_n_columns (TrjGridModel *model)
{
  return TRJ_N_STRUCTURES_COLUMNS;
}

static const TrjGridColumn *
get_column (TrjGridModel *model, guint column)
{
  return &TRJ_STRUCTURES_MODEL (model)->columns[column];
}

static char *
etp_text (double etp)
{
  return isnan (etp) ? g_strdup ("") : trj_gui_decimal (etp, 2);
}

static double
projected (const TrjLine *line)
{
  int T = trj_iae_last_month (line);

  return T > 0 ? trj_iae_projected (line, T) : NAN;
}

static char *
get_text (TrjGridModel *model, guint row, guint column)
{
  const TrjLine *line = row_line (TRJ_STRUCTURES_MODEL (model), row);
  double base;

  if (line == NULL)
    return g_strdup ("");
  switch ((TrjStructuresColumn) column)
    {
    case TRJ_STRUCTURES_COLUMN_NAME:
      return g_strdup (line->structure_name != NULL ? line->structure_name : "");
    case TRJ_STRUCTURES_COLUMN_SIRET:
      return g_strdup (line->siret != NULL ? line->siret : "");
    case TRJ_STRUCTURES_COLUMN_DEPARTEMENT:
      return g_strdup (line->departement != NULL ? line->departement : "");
    case TRJ_STRUCTURES_COLUMN_KIND:
      return g_strdup (trj_catalog_kind_title (line->kind));
    case TRJ_STRUCTURES_COLUMN_CONVENTIONNE:
      return etp_text (line->has_conventionne_previous ? line->conventionne_previous : NAN);
    case TRJ_STRUCTURES_COLUMN_REALISE:
      return etp_text (line->has_realise_previous ? line->realise_previous : NAN);
    case TRJ_STRUCTURES_COLUMN_BASE:
      return etp_text (trj_iae_base (line, &base) ? base : NAN);
    case TRJ_STRUCTURES_COLUMN_QUANTITY:
      return etp_text (line->quantity);
    case TRJ_STRUCTURES_COLUMN_DECREASE:
      return g_strdup (yes_no[line->decrease_requested ? 1 : 0]);
    case TRJ_STRUCTURES_COLUMN_REVALUATION:
      return g_strdup (yes_no[line->revaluation_requested ? 1 : 0]);
    case TRJ_STRUCTURES_COLUMN_DEVELOPMENT:
      return g_strdup (yes_no[line->development ? 1 : 0]);
    case TRJ_STRUCTURES_COLUMN_PROJECTED:
      return etp_text (projected (line));
    case TRJ_STRUCTURES_COLUMN_RATE:
      return isnan (projected (line)) || line->quantity <= 0
               ? g_strdup ("") : trj_gui_percent (projected (line) / line->quantity, 1);
    case TRJ_N_STRUCTURES_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The IAE alerts of a row's line: its base on the ETP, its realised ETP on the projection. */
static TrjGridAlert
get_alert (TrjGridModel *model, guint row, guint column, char **tooltip)
{
  TrjStructuresModel *self = TRJ_STRUCTURES_MODEL (model);
  const TrjResult *result = trj_document_get_result (self->document);
  int e = trj_document_find_envelope (self->document, self->envelope_id);

  if (result == NULL || e < 0
      || (column != TRJ_STRUCTURES_COLUMN_QUANTITY && column != TRJ_STRUCTURES_COLUMN_PROJECTED))
    return TRJ_GRID_ALERT_NONE;
  for (guint i = 0; i < result->n_alerts; i++)
    {
      const TrjAlert *alert = &result->alerts[i];
      gboolean base = alert->code == TRJ_ALERT_IAE_BELOW_BASE || alert->code == TRJ_ALERT_IAE_ABOVE_BASE;

      if (alert->envelope != e || alert->line != (int) row
          || (column == TRJ_STRUCTURES_COLUMN_QUANTITY) != base
          || (column == TRJ_STRUCTURES_COLUMN_PROJECTED && alert->code != TRJ_ALERT_IAE_UNDER_REALISED))
        continue;
      if (tooltip != NULL)
        *tooltip = trj_alert_message (trj_document_get_scenario (self->document), alert);
      return TRJ_GRID_ALERT_WARNING;
    }
  return TRJ_GRID_ALERT_NONE;
}

static gboolean
validate (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjStructuresModel *self = TRJ_STRUCTURES_MODEL (model);
  const TrjGridColumn *c = &self->columns[column];
  double value;

  if (column_field (column) < 0)
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                           column == TRJ_STRUCTURES_COLUMN_KIND
                             ? _("The kind of a structure is changed in the lines grid")
                             : _("This figure is computed"));
      return FALSE;
    }
  if ((text == NULL || *text == '\0') && clears_when_empty (column))
    return TRUE;
  if (column == TRJ_STRUCTURES_COLUMN_SIRET)
    {
      g_autofree char *why = NULL;
      g_autoptr(GString) digits = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (digits, *p);
      if (!trj_siret_check (digits->str, &why))
        {
          g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID, "%s.", why);
          return FALSE;
        }
      return TRUE;
    }
  return trj_grid_column_parse (c, text, &value, error);
}

static gboolean
set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjStructuresModel *self = TRJ_STRUCTURES_MODEL (model);
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  gint64 scenario = trj_document_get_scenario_id (self->document);
  const TrjLine *line = row_line (self, row);
  g_autofree char *line_id = NULL;
  int field = column_field (column);
  double value = NAN;

  if (line == NULL || !validate (model, row, column, text, error))
    return FALSE;
  /* The snapshot is replaced by the edit: keep the id. */
  line_id = g_strdup (line->id);
  if (column == TRJ_STRUCTURES_COLUMN_SIRET)
    {
      g_autoptr(GString) digits = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (digits, *p);
      return trj_workbook_set_line_text (wb, scenario, line_id, field, digits->str, error);
    }
  if (column == TRJ_STRUCTURES_COLUMN_NAME || column == TRJ_STRUCTURES_COLUMN_DEPARTEMENT)
    return trj_workbook_set_line_text (wb, scenario, line_id, field, text, error);
  if (!(*text == '\0' && clears_when_empty (column))
      && !trj_grid_column_parse (&self->columns[column], text, &value, error))
    return FALSE;
  return trj_workbook_set_line_number (wb, scenario, line_id, field, value, error);
}

static void
begin_batch (TrjGridModel *model, const char *label)
{
  trj_workbook_begin_batch (trj_document_get_workbook (TRJ_STRUCTURES_MODEL (model)->document), label);
}

static void
end_batch (TrjGridModel *model, gboolean commit)
{
  TrjWorkbook *wb = trj_document_get_workbook (TRJ_STRUCTURES_MODEL (model)->document);

  if (commit)
    trj_workbook_end_batch (wb, NULL);
  else
    trj_workbook_cancel_batch (wb);
}

static void
trj_structures_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = get_n_rows;
  iface->get_n_columns = get_n_columns;
  iface->get_column = get_column;
  iface->get_text = get_text;
  iface->get_alert = get_alert;
  iface->validate = validate;
  iface->set_cell = set_cell;
  iface->begin_batch = begin_batch;
  iface->end_batch = end_batch;
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
trj_structures_model_finalize (GObject *object)
{
  TrjStructuresModel *self = TRJ_STRUCTURES_MODEL (object);

  g_clear_object (&self->document);
  g_free (self->envelope_id);
  G_OBJECT_CLASS (trj_structures_model_parent_class)->finalize (object);
}

static void
trj_structures_model_class_init (TrjStructuresModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trj_structures_model_finalize;
}

static void
trj_structures_model_init (TrjStructuresModel *self)
{
}

TrjStructuresModel *
trj_structures_model_new (TrjDocument *document, const char *envelope_id)
{
  TrjStructuresModel *self;
  const double max_etp = trj_catalog_param (TRJ_PARAM_QUANTITY)->max;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);

  yes_no[0] = _("No");
  yes_no[1] = _("Yes");
  self = g_object_new (TRJ_TYPE_STRUCTURES_MODEL, NULL);
  {
    const TrjGridColumn template[TRJ_N_STRUCTURES_COLUMNS] = {
      { _("Structure"), 16, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, TRUE, .expand = TRUE },
      { _("SIRET"), 14, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, TRUE },
      { _("Dép."), 4, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, TRUE },
      { _("Kind"), 8, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, FALSE },
      { _("Conv.\nlast year"), 7, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE, 0, max_etp },
      { _("Real.\nlast year"), 7, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE, 0, max_etp },
      { _("Base"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, FALSE },
      { _("ETP"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE, 0, max_etp },
      { _("Decrease\nrequested"), 8, TRJ_GRID_ALIGN_CENTER, TRJ_GRID_VALUE_CHOICE, TRUE, .choices = yes_no },
      { _("Revaluation\nrequested"), 8, TRJ_GRID_ALIGN_CENTER, TRJ_GRID_VALUE_CHOICE, TRUE, .choices = yes_no },
      { _("Development"), 8, TRJ_GRID_ALIGN_CENTER, TRJ_GRID_VALUE_CHOICE, TRUE, .choices = yes_no },
      { _("Realised\nprojected"), 8, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, FALSE },
      { _("Consumption"), 8, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, FALSE },
    };

    memcpy (self->columns, template, sizeof template);
  }
  self->document = g_object_ref (document);
  self->envelope_id = g_strdup (envelope_id);
  g_signal_connect_object (document, "updated", G_CALLBACK (document_updated_cb), self, G_CONNECT_SWAPPED);
  self->n_rows = envelope (self) != NULL ? envelope (self)->lines->len : 0;
  return self;
}

const char *
trj_structures_model_line_id (TrjStructuresModel *self, guint row)
{
  const TrjLine *line;

  g_return_val_if_fail (TRJ_IS_STRUCTURES_MODEL (self), NULL);
  line = row_line (self, row);
  return line != NULL ? line->id : NULL;
}
