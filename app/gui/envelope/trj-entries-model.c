/* trj-entries-model.c — see trj-entries-model.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-entries-model.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-iae.h"

struct _TrjEntriesModel
{
  TrjEnvelopeModel parent_instance;

  TrjGridColumn columns[TRJ_N_ENTRIES_COLUMNS];
  /* A month of a free line's CP schedule: euros, the catalogue's limits. */
  TrjGridColumn cp_column;
  /* A month of a post-aid line: ETP or aids, the limits of its quantity. */
  TrjGridColumn quantity_column;
  /* MODEL 3.2: the grid of the realised ETP (the ASP's declarations) of an
   * envelope of structures, its last column the projected annual average. */
  gboolean realised;
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

static gboolean
is_post_aid (const TrjLine *line)
{
  return trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_POST_AID;
}

/* MODEL 3: a post-aid line's payment profile w shares its year among the
 * months. An IAE or EA line counts ETP in annual average: month m shows the
 * ETP it pays for then, q · 12 · w[m] / Σw (q each month when uniform, their
 * mean q); a GEIQ line counts aids paid at hiring: the hirings of month m,
 * q · w[m] / Σw, their sum q. */
static gboolean
counts_etp (const TrjLine *line)
{
  return trj_catalog_kind (line->kind)->unit == TRJ_UNIT_ETP;
}

static double
profile_weight (const TrjLine *line)
{
  double sum = 0;

  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += line->payment_profile[m];
  return sum;
}

static double
post_aid_month (const TrjLine *line, int m)
{
  double weights = profile_weight (line);

  if (!(weights > 0))
    return 0;
  return line->quantity * (counts_etp (line) ? TRJ_MONTHS : 1) * line->payment_profile[m] / weights;
}

/* What the line shows in month m: its entries, its CP for a free line, its
 * ETP or hirings for a post-aid line. */
static double
month_value (const TrjLine *line, int m)
{
  if (is_post_aid (line))
    return post_aid_month (line, m);
  return is_free (line) ? line->cp_schedule[m] : line->entries[m];
}

/* The last column: contracts entering in the year, the CP scheduled, the
 * post-aid line's quantity (ETP in annual average, aids). */
static double
line_total (const TrjLine *line)
{
  double sum = 0;

  if (is_post_aid (line))
    return line->quantity;
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

/* The projected annual average of a structure's realised ETP (MODEL 3.2),
 * NAN without any declaration. */
static double
realised_projected (const TrjLine *line)
{
  int T = trj_iae_last_month (line);

  return T > 0 ? trj_iae_projected (line, T) : NAN;
}

static char *
realised_text (TrjGridModel *model, guint row, guint column)
{
  TrjEnvelopeModel *base = TRJ_ENVELOPE_MODEL (model);
  guint n_lines = trj_envelope_model_get_n_lines (base);
  gboolean any = FALSE;
  double sum = 0;

  if (row < n_lines)
    {
      const TrjLine *line = trj_envelope_model_get_line (base, row);
      double value;

      if (column == TRJ_ENTRIES_COLUMN_LABEL)
        return g_strdup (line->label != NULL ? line->label : "");
      value = column == TRJ_ENTRIES_COLUMN_TOTAL ? realised_projected (line)
                                                 : line->realised_etp[column - TRJ_ENTRIES_COLUMN_FIRST_MONTH];
      /* A month without declaration is empty, not 0 ETP. */
      return isnan (value) ? g_strdup ("") : trj_gui_decimal (value, 2);
    }
  if (column == TRJ_ENTRIES_COLUMN_LABEL)
    return g_strdup (_("Total"));
  for (guint r = 0; r < n_lines; r++)
    {
      const TrjLine *line = trj_envelope_model_get_line (base, r);
      double value = column == TRJ_ENTRIES_COLUMN_TOTAL ? realised_projected (line)
                                                        : line->realised_etp[column - TRJ_ENTRIES_COLUMN_FIRST_MONTH];

      if (!isnan (value))
        {
          sum += value;
          any = TRUE;
        }
    }
  return any ? trj_gui_decimal (sum, 2) : g_strdup ("");
}

static char *
get_text (TrjGridModel *model, guint row, guint column)
{
  TrjEnvelopeModel *base = TRJ_ENVELOPE_MODEL (model);
  guint n_lines = trj_envelope_model_get_n_lines (base);
  double sum = 0;

  if (TRJ_ENTRIES_MODEL (model)->realised)
    return realised_text (model, row, column);

  if (row < n_lines)
    {
      const TrjLine *line = trj_envelope_model_get_line (base, row);

      if (column == TRJ_ENTRIES_COLUMN_LABEL)
        return g_strdup (line->label != NULL ? line->label : "");
      if (column == TRJ_ENTRIES_COLUMN_TOTAL)
        return entries_text (line_total (line));
      return entries_text (month_value (line, column - TRJ_ENTRIES_COLUMN_FIRST_MONTH));
    }

  /* The total row: ETP add up line by line as their annual averages do. */
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
  /* The projection is computed; an IAE line's months are its declarations. */
  if (TRJ_ENTRIES_MODEL (model)->realised)
    return column != TRJ_ENTRIES_COLUMN_TOTAL && trj_catalog_kind (line->kind)->iae;
  if (is_free (line))
    return column != TRJ_ENTRIES_COLUMN_TOTAL;
  return TRUE;
}

/* A month typed on a post-aid line: the months shown become its payment
 * profile, and their mean (ETP) or sum (aids) its quantity; one undo step. */
static gboolean
set_post_aid_month (TrjWorkbook *wb, gint64 scenario, const TrjLine *line, int month, double value,
                    GError **error)
{
  double months[TRJ_MONTHS], sum = 0;
  g_autofree char *id = g_strdup (line->id);
  gboolean etp = counts_etp (line);

  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      months[m] = m == month ? value : post_aid_month (line, m);
      sum += months[m];
    }
  if (!(sum > 0))
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE,
                           etp ? _("A line needs ETP in at least one month: type its ETP in the lines grid to remove it")
                               : _("A line needs aids in at least one month: type its aids in the lines grid to remove it"));
      return FALSE;
    }
  trj_workbook_begin_batch (wb, etp ? _("Change the ETP of a month") : _("Change the hirings of a month"));
  /* The line is replaced by the first edit: only its id is used after. */
  if (!trj_workbook_set_line_months (wb, scenario, id, TRJ_LINE_MONTHS_PAYMENT_PROFILE, months, error)
      || !trj_workbook_set_line_number (wb, scenario, id, TRJ_LINE_FIELD_QUANTITY,
                                        etp ? sum / TRJ_MONTHS : sum, error))
    {
      trj_workbook_cancel_batch (wb);
      return FALSE;
    }
  return trj_workbook_end_batch (wb, error);
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
  /* Delete empties a month: no declaration (NAN), the month's row removed. */
  if (TRJ_ENTRIES_MODEL (model)->realised)
    {
      if (*text != '\0' && !trj_grid_column_parse (&TRJ_ENTRIES_MODEL (model)->quantity_column, text, &value, error))
        return FALSE;
      return trj_workbook_set_line_month (wb, scenario, line->id, TRJ_LINE_MONTHS_REALISED_ETP,
                                          column - TRJ_ENTRIES_COLUMN_FIRST_MONTH, *text != '\0' ? value : NAN,
                                          error);
    }
  /* Delete empties a month: no entries, no CP. */
  if (*text != '\0' && !trj_grid_column_parse (is_free (line) ? &TRJ_ENTRIES_MODEL (model)->cp_column
                                               : is_post_aid (line) ? &TRJ_ENTRIES_MODEL (model)->quantity_column
                                               : &TRJ_ENTRIES_MODEL (model)->columns[column],
                                               text, &value, error))
    return FALSE;
  if (is_post_aid (line))
    return column == TRJ_ENTRIES_COLUMN_TOTAL
           ? trj_workbook_set_line_number (wb, scenario, line->id, TRJ_LINE_FIELD_QUANTITY, value, error)
           : set_post_aid_month (wb, scenario, line, column - TRJ_ENTRIES_COLUMN_FIRST_MONTH, value, error);
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
  self->quantity_column = (TrjGridColumn) {
    _("Quantity"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE
  };
  trj_envelope_model_column_limits (&self->quantity_column, TRJ_PARAM_QUANTITY);
  /* The total sets the line's volume (trj_workbook_set_line_number). */
  trj_envelope_model_column_limits (&self->columns[TRJ_ENTRIES_COLUMN_TOTAL], TRJ_PARAM_VOLUME);
}

TrjEntriesModel *
trj_entries_model_new_realised (TrjDocument *document, const char *envelope_id)
{
  TrjEntriesModel *self = g_object_new (TRJ_TYPE_ENTRIES_MODEL, "document", document,
                                        "envelope-id", envelope_id, NULL);

  self->realised = TRUE;
  for (int m = 0; m < TRJ_MONTHS; m++)
    self->columns[TRJ_ENTRIES_COLUMN_FIRST_MONTH + m].editable = TRUE;
  self->columns[TRJ_ENTRIES_COLUMN_LABEL].title = _("Structure");
  self->columns[TRJ_ENTRIES_COLUMN_TOTAL].title = _("Projected\naverage");
  self->columns[TRJ_ENTRIES_COLUMN_TOTAL].editable = FALSE;
  return self;
}

TrjEntriesModel *
trj_entries_model_new (TrjDocument *document, const char *envelope_id)
{
  TrjEntriesModel *self = g_object_new (TRJ_TYPE_ENTRIES_MODEL, "document", document,
                                        "envelope-id", envelope_id, NULL);
  const TrjCatalogEnvelope *known = trj_catalog_envelope (envelope_id);

  /* An envelope counting ETP in annual average ends on their mean. */
  if (known != NULL && known->unit == TRJ_UNIT_ETP)
    self->columns[TRJ_ENTRIES_COLUMN_TOTAL].title = _("Annual average");
  return self;
}
