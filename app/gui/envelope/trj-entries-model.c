/* trj-entries-model.c — see trj-entries-model.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-entries-model.h"
#include "trj-format.h"
#include "trj-gui-format.h"

struct _TrjEntriesModel
{
  TrjEnvelopeModel parent_instance;

  TrjGridColumn columns[TRJ_N_ENTRIES_COLUMNS];
  /* A month of a free line's CP schedule: euros, the catalogue's limits. */
  TrjGridColumn cp_column;
};

static void trj_entries_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjEntriesModel, trj_entries_model, TRJ_TYPE_ENVELOPE_MODEL,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_entries_model_grid_init))

/* Entries may be fractional (a volume spread over twelve months): show one
 * decimal only when there is one (700 spread and summed back is 700.0000001). */
static char *
entries_text (double value)
{
  return trj_gui_number (value, fabs (value - round (value)) < 1e-6 ? 0 : 1);
}

static gboolean
is_free (const TrjLine *line)
{
  return trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_FREE;
}

/* What the line shows in month m: its entries, or its CP for a free line. */
static double
month_value (const TrjLine *line, int m)
{
  return is_free (line) ? line->cp_schedule[m] : line->entries[m];
}

static double
line_total (const TrjLine *line)
{
  double sum = 0;

  if (!is_free (line))
    return trj_line_volume (line);
  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += line->cp_schedule[m];
  return sum;
}

static guint
get_n_columns (TrjGridModel *model)
{
  return TRJ_N_ENTRIES_COLUMNS;
}

static const TrjGridColumn *
get_column (TrjGridModel *model, guint column)
{
  return &TRJ_ENTRIES_MODEL (model)->columns[column];
}

static char *
get_text (TrjGridModel *model, guint row, guint column)
{
  TrjEnvelopeModel *base = TRJ_ENVELOPE_MODEL (model);
  guint n_lines = trj_envelope_model_get_n_lines (base);
  double sum = 0;

  if (row < n_lines)
    {
      const TrjLine *line = trj_envelope_model_get_line (base, row);

      if (column == TRJ_ENTRIES_COLUMN_LABEL)
        return g_strdup (line->label != NULL ? line->label : "");
      if (column == TRJ_ENTRIES_COLUMN_TOTAL)
        return entries_text (line_total (line));
      return entries_text (month_value (line, column - TRJ_ENTRIES_COLUMN_FIRST_MONTH));
    }

  /* The total row. */
  if (column == TRJ_ENTRIES_COLUMN_LABEL)
    return g_strdup (_("Total"));
  for (guint r = 0; r < n_lines; r++)
    {
      const TrjLine *line = trj_envelope_model_get_line (base, r);

      sum += column == TRJ_ENTRIES_COLUMN_TOTAL ? line_total (line)
                                                : month_value (line, column - TRJ_ENTRIES_COLUMN_FIRST_MONTH);
    }
  return entries_text (sum);
}

static gboolean
is_editable (TrjGridModel *model, guint row, guint column)
{
  const TrjLine *line = trj_envelope_model_get_line (TRJ_ENVELOPE_MODEL (model), row);

  if (line == NULL || column == TRJ_ENTRIES_COLUMN_LABEL)
    return FALSE;
  if (is_free (line))
    return column != TRJ_ENTRIES_COLUMN_TOTAL;
  return trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT;
}

/* MODEL 3: a free line never pays more CP than its AE, nor before them. */
static gboolean
set_cp_schedule (TrjWorkbook *wb, gint64 scenario, const TrjLine *line, int month, double value,
                 GError **error)
{
  double paid = line_total (line) - line->cp_schedule[month] + value;

  if (value != 0 && month < line->commitment_month)
    {
      g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE,
                   _("No CP can be paid before the month of the AE (%s)"),
                   trj_format_month_long (line->commitment_month + 1));
      return FALSE;
    }
  /* A cent's tolerance, as the engine's check (trj-validate.c). */
  if (paid > line->ae_amount + 0.005)
    {
      g_autofree char *cp = trj_gui_money (paid);
      g_autofree char *ae = trj_gui_money (line->ae_amount);

      g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE,
                   _("The CP scheduled (%s) would exceed the AE of the line (%s)"), cp, ae);
      return FALSE;
    }
  return trj_workbook_set_line_month (wb, scenario, line->id, TRJ_LINE_MONTHS_CP_SCHEDULE, month, value, error);
}

static gboolean
set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjEnvelopeModel *base = TRJ_ENVELOPE_MODEL (model);
  const TrjLine *line = trj_envelope_model_get_line (base, row);
  TrjWorkbook *wb = trj_envelope_model_get_workbook (base);
  gint64 scenario = trj_envelope_model_get_scenario_id (base);
  double value = 0;

  if (!is_editable (model, row, column))
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                           _("This figure is computed and cannot be typed"));
      return FALSE;
    }
  /* Delete empties a month: no entries, no CP. */
  if (*text != '\0' && !trj_grid_column_parse (is_free (line) ? &TRJ_ENTRIES_MODEL (model)->cp_column
                                                              : &TRJ_ENTRIES_MODEL (model)->columns[column],
                                               text, &value, error))
    return FALSE;
  if (is_free (line))
    return set_cp_schedule (wb, scenario, line, column - TRJ_ENTRIES_COLUMN_FIRST_MONTH, value, error);

  if (column == TRJ_ENTRIES_COLUMN_TOTAL)
    return trj_workbook_set_line_number (wb, scenario, line->id, TRJ_LINE_FIELD_VOLUME, value, error);
  return trj_workbook_set_line_month (wb, scenario, line->id, TRJ_LINE_MONTHS_ENTRIES,
                                      column - TRJ_ENTRIES_COLUMN_FIRST_MONTH, value, error);
}

static void
trj_entries_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_columns = get_n_columns;
  iface->get_column = get_column;
  iface->get_text = get_text;
  iface->is_editable = is_editable;
  iface->set_cell = set_cell;
}

static void
trj_entries_model_class_init (TrjEntriesModelClass *klass)
{
  TRJ_ENVELOPE_MODEL_CLASS (klass)->extra_rows = 1;
}

static void
trj_entries_model_init (TrjEntriesModel *self)
{
  self->columns[TRJ_ENTRIES_COLUMN_LABEL] = (TrjGridColumn) {
    _("Label"), 24, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, FALSE, .expand = TRUE
  };
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      self->columns[TRJ_ENTRIES_COLUMN_FIRST_MONTH + m] = (TrjGridColumn) {
        trj_format_month_short (m + 1), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE
      };
      trj_envelope_model_column_limits (&self->columns[TRJ_ENTRIES_COLUMN_FIRST_MONTH + m],
                                        TRJ_PARAM_ENTRIES);
    }
  self->columns[TRJ_ENTRIES_COLUMN_TOTAL] = (TrjGridColumn) {
    _("Total"), 8, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE
  };
  self->cp_column = (TrjGridColumn) {
    _("CP schedule"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, TRUE
  };
  trj_envelope_model_column_limits (&self->cp_column, TRJ_PARAM_CP_SCHEDULE);
  /* The total sets the line's volume (trj_workbook_set_line_number). */
  trj_envelope_model_column_limits (&self->columns[TRJ_ENTRIES_COLUMN_TOTAL], TRJ_PARAM_VOLUME);
}

TrjEntriesModel *
trj_entries_model_new (TrjDocument *document, const char *envelope_id)
{
  return g_object_new (TRJ_TYPE_ENTRIES_MODEL, "document", document, "envelope-id", envelope_id, NULL);
}
