/* grid-mock-model.c — see grid-mock-model.h */

#include "grid-mock-model.h"

#include "trj-format.h"

static const char * const kinds[] = { "PEC", "CIE jeunes", "CIE TP", NULL };

const TrjGridColumn mock_columns[N_COLS] = {
  { "Libellé", 16, TRJ_GRID_ALIGN_AUTO, TRJ_GRID_VALUE_TEXT, TRUE, 0, 0, NULL, TRUE },
  { "Type", 10, TRJ_GRID_ALIGN_AUTO, TRJ_GRID_VALUE_CHOICE, TRUE, 0, 0, kinds },
  { "Volume", 8, TRJ_GRID_ALIGN_AUTO, TRJ_GRID_VALUE_INTEGER, TRUE, 0, 100000, NULL },
  { "Taux", 7, TRJ_GRID_ALIGN_AUTO, TRJ_GRID_VALUE_RATE, TRUE, 0, 1, NULL },
  { "Heures", 6, TRJ_GRID_ALIGN_AUTO, TRJ_GRID_VALUE_DECIMAL, TRUE, 0, 35, NULL },
  { "AE", 12, TRJ_GRID_ALIGN_AUTO, TRJ_GRID_VALUE_MONEY, FALSE, 0, 0, NULL },
};

static void mock_model_iface_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MockModel, mock_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, mock_model_iface_init))

MockLine *
mock_model_line (MockModel *self,
                 guint      row)
{
  return &g_array_index (self->lines, MockLine, row);
}

/* AE of the mock: volume × rate × 1 000 €. */
static double
line_ae (const MockLine *line)
{
  return line->volume * line->rate * 1000.0;
}

static guint
mock_get_n_rows (TrjGridModel *model)
{
  return MOCK_MODEL (model)->lines->len;
}

static guint
mock_get_n_columns (TrjGridModel *model)
{
  return N_COLS * MOCK_MODEL (model)->n_sets;
}

static const TrjGridColumn *
mock_get_column (TrjGridModel *model,
                 guint         column)
{
  return &mock_columns[column % N_COLS];
}

static char *
mock_get_text (TrjGridModel *model,
               guint         row,
               guint         column)
{
  MockLine *line = mock_model_line (MOCK_MODEL (model), row);

  switch (column % N_COLS)
    {
    case COL_LABEL: return g_strdup (line->label);
    case COL_TYPE: return g_strdup (kinds[line->kind]);
    case COL_VOLUME: return trj_format_integer (line->volume);
    case COL_RATE: return trj_format_percent (line->rate, 1);
    case COL_HOURS: return trj_format_decimal (line->hours, 1);
    case COL_AE: return trj_format_money (line_ae (line));
    default: g_assert_not_reached ();
    }
}

static TrjGridAlert
mock_get_alert (TrjGridModel *model,
                guint         row,
                guint         column,
                char        **tooltip)
{
  MockLine *line = mock_model_line (MOCK_MODEL (model), row);

  if (column % N_COLS == COL_RATE && line->rate > 0.9)
    {
      *tooltip = g_strdup ("Taux hors fourchette : 30 % à 90 %");
      return TRJ_GRID_ALERT_WARNING;
    }
  return TRJ_GRID_ALERT_NONE;
}

static gboolean
mock_set_cell (TrjGridModel *model,
               guint         row,
               guint         column,
               const char   *text,
               GError      **error)
{
  MockModel *self = MOCK_MODEL (model);
  MockLine *line = mock_model_line (self, row);
  double value;

  if (!trj_grid_column_parse (&mock_columns[column % N_COLS], text, &value, error))
    return FALSE;

  switch (column % N_COLS)
    {
    case COL_LABEL: g_free (line->label); line->label = g_strdup (text); break;
    case COL_TYPE: line->kind = value; break;
    case COL_VOLUME: line->volume = value; break;
    case COL_RATE: line->rate = value; break;
    case COL_HOURS: line->hours = value; break;
    default: g_assert_not_reached ();
    }

  self->n_set++;
  if (self->saved == NULL)
    self->undo_steps++;
  trj_grid_model_values_changed (model);
  return TRUE;
}

static void
free_line (gpointer data)
{
  g_free (((MockLine *) data)->label);
}

static void
mock_begin_batch (TrjGridModel *model,
                  const char   *label)
{
  MockModel *self = MOCK_MODEL (model);
  guint i;

  g_assert_null (self->saved);
  self->saved = g_array_copy (self->lines);
  /* g_array_copy does not copy the clear function: the copied labels are ours. */
  g_array_set_clear_func (self->saved, free_line);
  for (i = 0; i < self->saved->len; i++)
    g_array_index (self->saved, MockLine, i).label = g_strdup (mock_model_line (self, i)->label);
}

static void
mock_end_batch (TrjGridModel *model,
                gboolean      commit)
{
  MockModel *self = MOCK_MODEL (model);

  g_assert_nonnull (self->saved);
  if (commit)
    {
      g_array_unref (self->saved);
      self->undo_steps++;
    }
  else
    {
      g_array_unref (self->lines);
      self->lines = self->saved;
      trj_grid_model_values_changed (model);
    }
  self->saved = NULL;
}

static void
mock_model_iface_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = mock_get_n_rows;
  iface->get_n_columns = mock_get_n_columns;
  iface->get_column = mock_get_column;
  iface->get_text = mock_get_text;
  iface->get_alert = mock_get_alert;
  iface->set_cell = mock_set_cell;
  iface->begin_batch = mock_begin_batch;
  iface->end_batch = mock_end_batch;
}

static void
mock_model_finalize (GObject *object)
{
  MockModel *self = MOCK_MODEL (object);

  g_array_unref (self->lines);
  G_OBJECT_CLASS (mock_model_parent_class)->finalize (object);
}

static void
mock_model_class_init (MockModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mock_model_finalize;
}

static void
mock_model_init (MockModel *self)
{
  self->lines = g_array_new (FALSE, TRUE, sizeof (MockLine));
  g_array_set_clear_func (self->lines, free_line);
}

MockModel *
mock_model_new (guint n_rows,
                guint n_sets)
{
  MockModel *self = g_object_new (MOCK_TYPE_MODEL, NULL);
  guint i;

  self->n_sets = n_sets;
  for (i = 0; i < n_rows; i++)
    {
      MockLine line = { g_strdup_printf ("Ligne %u", i + 1), i % 3, 10 * (i + 1), 0.5, 20 };

      g_array_append_val (self->lines, line);
    }
  return self;
}


void
mock_model_insert (MockModel  *self,
                   guint       row,
                   const char *label)
{
  MockLine line = { g_strdup (label), 0, 1, 0.5, 20 };

  g_array_insert_val (self->lines, row, line);
  trj_grid_model_changed (TRJ_GRID_MODEL (self), row, 0, 1);
}

void
mock_model_remove (MockModel *self,
                   guint      row)
{
  g_array_remove_index (self->lines, row);
  trj_grid_model_changed (TRJ_GRID_MODEL (self), row, 1, 0);
}
