/* trj-share-model.c — see trj-share-model.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-share-model.h"
#include "trj-share.h"
#include "trj-year-data.h"

#define N_ALLOCATION_COLUMNS 6
#define N_CAOM_COLUMNS (TRJ_SHARE_COLUMN_FIRST_MONTH + TRJ_MONTHS)

struct _TrjShareModel
{
  GObject        parent_instance;

  TrjDocument   *document;
  char          *envelope_id;
  TrjShareKind   kind;
  TrjEnvelope   *draft;        /* its allocations or its CAOM only */
  gboolean       modified;
  GStrv          departement_choices;   /* "29 Finistère" */
  GStrv          departement_codes;     /* "29" */
  TrjGridColumn  columns[N_CAOM_COLUMNS];
  char          *month_titles[TRJ_MONTHS];
};

static void trj_share_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjShareModel, trj_share_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_share_model_grid_init))

static guint
n_data_rows (TrjShareModel *self)
{
  return self->kind == TRJ_SHARE_ALLOCATIONS ? trj_envelope_n_allocations (self->draft)
                                             : trj_envelope_n_caom (self->draft);
}

static TrjAllocation *
allocation_at (TrjShareModel *self, guint row)
{
  return row < trj_envelope_n_allocations (self->draft) ? g_ptr_array_index (self->draft->allocations, row) : NULL;
}

static TrjCaom *
caom_at (TrjShareModel *self, guint row)
{
  return row < trj_envelope_n_caom (self->draft) ? g_ptr_array_index (self->draft->caom, row) : NULL;
}

static double
caom_month (const TrjCaom *caom, int m)
{
  /* No profile: uniform. */
  return caom->has_profile ? caom->profile[m] : 1;
}

static char *
departement_text (TrjShareModel *self, const char *code)
{
  for (guint i = 0; self->departement_codes[i] != NULL; i++)
    if (g_str_equal (self->departement_codes[i], code))
      return g_strdup (self->departement_choices[i]);
  return g_strdup (code);
}

static char *
count_text (double value)
{
  return trj_gui_decimal (value, 2);
}

/* The AE and volume of the document's lines an allocation covers; FALSE
 * when the document has no such envelope. */
static gboolean
lines_figures (TrjShareModel *self, const TrjAllocation *al, TrjAllocationFigures *f)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  const TrjResult *result = trj_document_get_result (self->document);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    if (g_str_equal (((const TrjEnvelope *) scenario->envelopes->pdata[e])->id, self->envelope_id))
      {
        trj_allocation_figures_of (scenario, result, e, al, f);
        return TRUE;
      }
  return FALSE;
}

/* ── TrjGridModel ────────────────────────────────────────────────────── */

static guint
get_n_rows (TrjGridModel *model)
{
  return n_data_rows (TRJ_SHARE_MODEL (model)) + 1;
}

static guint
get_n_data_rows (TrjGridModel *model)
{
  return n_data_rows (TRJ_SHARE_MODEL (model));
}

static guint
get_n_columns (TrjGridModel *model)
{
  return TRJ_SHARE_MODEL (model)->kind == TRJ_SHARE_ALLOCATIONS ? N_ALLOCATION_COLUMNS : N_CAOM_COLUMNS;
}

static const TrjGridColumn *
get_column (TrjGridModel *model, guint column)
{
  return &TRJ_SHARE_MODEL (model)->columns[column];
}

static char *
total_text (TrjShareModel *self, guint column)
{
  double sum = 0;

  if (column == TRJ_SHARE_COLUMN_DEPARTEMENT)
    return g_strdup (_("Total"));
  if (self->kind == TRJ_SHARE_ALLOCATIONS)
    {
      /* The lines of overlapping allocations (a département and one of its
       * prescribers) would count twice. */
      if (column == TRJ_SHARE_COLUMN_PRESCRIBER || column >= TRJ_SHARE_COLUMN_LINES_AE)
        return g_strdup ("");
      for (guint r = 0; r < trj_envelope_n_allocations (self->draft); r++)
        sum += column == TRJ_SHARE_COLUMN_AE ? allocation_at (self, r)->ae : allocation_at (self, r)->volume;
      return column == TRJ_SHARE_COLUMN_AE ? trj_gui_money (sum) : count_text (sum);
    }
  /* CAOM: the contracts, and the contracts of each month (MODEL 2.8). */
  for (guint r = 0; r < trj_envelope_n_caom (self->draft); r++)
    {
      const TrjCaom *caom = caom_at (self, r);
      double weights = 0;

      if (column == TRJ_SHARE_COLUMN_CONTRACTS)
        {
          sum += caom->contracts;
          continue;
        }
      for (int m = 0; m < TRJ_MONTHS; m++)
        weights += caom_month (caom, m);
      if (weights > 0)
        sum += caom->contracts * caom_month (caom, (int) column - TRJ_SHARE_COLUMN_FIRST_MONTH) / weights;
    }
  return column == TRJ_SHARE_COLUMN_CONTRACTS ? count_text (sum) : trj_gui_decimal (sum, 1);
}

static char *
get_text (TrjGridModel *model, guint row, guint column)
{
  TrjShareModel *self = TRJ_SHARE_MODEL (model);

  if (row >= n_data_rows (self))
    return total_text (self, column);
  if (self->kind == TRJ_SHARE_ALLOCATIONS)
    {
      const TrjAllocation *al = allocation_at (self, row);
      TrjAllocationFigures f;

      switch (column)
        {
        case TRJ_SHARE_COLUMN_DEPARTEMENT: return departement_text (self, al->departement);
        case TRJ_SHARE_COLUMN_PRESCRIBER:  return g_strdup (al->prescriber != NULL ? al->prescriber : "");
        case TRJ_SHARE_COLUMN_AE:          return trj_gui_money (al->ae);
        case TRJ_SHARE_COLUMN_VOLUME:      return count_text (al->volume);
        default:
          if (!lines_figures (self, al, &f))
            return g_strdup ("");
          return column == TRJ_SHARE_COLUMN_LINES_AE ? trj_gui_money (f.ae) : count_text (f.volume);
        }
    }
  else
    {
      const TrjCaom *caom = caom_at (self, row);

      if (column == TRJ_SHARE_COLUMN_DEPARTEMENT)
        return departement_text (self, caom->departement);
      if (column == TRJ_SHARE_COLUMN_CONTRACTS)
        return count_text (caom->contracts);
      return count_text (caom_month (caom, (int) column - TRJ_SHARE_COLUMN_FIRST_MONTH));
    }
}

static gboolean
is_editable (TrjGridModel *model, guint row, guint column)
{
  return row < n_data_rows (TRJ_SHARE_MODEL (model)) && TRJ_SHARE_MODEL (model)->columns[column].editable;
}

/* An allocation's lines above it (ALLOCATION_EXCEEDED, as the engine says it). */
static TrjGridAlert
lines_alert (TrjShareModel *self, guint row, guint column, char **tooltip)
{
  const TrjAllocation *al = allocation_at (self, row);
  TrjAllocationFigures f;
  gboolean ae = column == TRJ_SHARE_COLUMN_LINES_AE;

  if (!lines_figures (self, al, &f)
      || !(ae ? trj_allocation_ae_exceeded (al, &f) : trj_allocation_volume_exceeded (al, &f)))
    return TRJ_GRID_ALERT_NONE;
  if (tooltip != NULL)
    {
      g_autofree char *over = ae ? trj_gui_money (f.ae - al->ae) : count_text (f.volume - al->volume);

      *tooltip = ae
        /* TRANSLATORS: %s is an amount in euros */
        ? g_strdup_printf (_("The lines commit %s of AE more than allocated"), over)
        /* TRANSLATORS: %s is a number of contracts */
        : g_strdup_printf (_("The lines program more contracts than allocated: %s more"), over);
    }
  return TRJ_GRID_ALERT_WARNING;
}

/* The total of the allocations against the notification. */
static TrjGridAlert
get_alert (TrjGridModel *model, guint row, guint column, char **tooltip)
{
  TrjShareModel *self = TRJ_SHARE_MODEL (model);
  const TrjEnvelope *env = trj_document_get_envelope (self->document, self->envelope_id);
  double sum = 0;

  if (self->kind == TRJ_SHARE_ALLOCATIONS && row < n_data_rows (self) && column >= TRJ_SHARE_COLUMN_LINES_AE)
    return lines_alert (self, row, column, tooltip);
  if (self->kind != TRJ_SHARE_ALLOCATIONS || row < n_data_rows (self) || column != TRJ_SHARE_COLUMN_AE
      || env == NULL)
    return TRJ_GRID_ALERT_NONE;
  for (guint r = 0; r < trj_envelope_n_allocations (self->draft); r++)
    sum += allocation_at (self, r)->ae;
  if (sum <= env->ae_notified + TRJ_OVERRUN_EPSILON)
    return TRJ_GRID_ALERT_NONE;
  if (tooltip != NULL)
    {
      g_autofree char *over = trj_gui_money (sum - env->ae_notified);

      /* TRANSLATORS: %s is an amount in euros */
      *tooltip = g_strdup_printf (_("The allocations exceed the AE notified to the region by %s"), over);
    }
  return TRJ_GRID_ALERT_WARNING;
}

/* The index of the département typed: its code, its name or both, in any
 * case, else the start of one choice; -1 with a French error. */
static int
find_departement (TrjShareModel *self, const char *text, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *typed = g_utf8_casefold (stripped, -1);
  double index;

  for (guint i = 0; self->departement_codes[i] != NULL; i++)
    {
      g_autofree char *code = g_utf8_casefold (self->departement_codes[i], -1);
      g_autofree char *shown = g_utf8_casefold (self->departement_choices[i], -1);

      if (g_str_equal (typed, code) || g_str_equal (typed, shown) || g_str_equal (typed, shown + strlen (code) + 1))
        return (int) i;
    }
  if (*stripped != '\0' && trj_grid_column_parse (&self->columns[TRJ_SHARE_COLUMN_DEPARTEMENT], stripped, &index, NULL))
    return (int) index;
  g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
               _("“%s” is not a département of the region"), stripped);
  return -1;
}

/* Whether another row than `row` already has this département (and prescriber). */
static gboolean
taken (TrjShareModel *self, guint row, const char *departement, const char *prescriber, GError **error)
{
  for (guint r = 0; r < n_data_rows (self); r++)
    {
      if (r == row)
        continue;
      if (self->kind == TRJ_SHARE_ALLOCATIONS
          && g_strcmp0 (allocation_at (self, r)->departement, departement) == 0
          && g_strcmp0 (allocation_at (self, r)->prescriber, prescriber) == 0)
        {
          g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                               _("this département (and prescriber) already has an allocation"));
          return TRUE;
        }
      if (self->kind == TRJ_SHARE_CAOM && g_strcmp0 (caom_at (self, r)->departement, departement) == 0)
        {
          g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                               _("this département already has a CAOM"));
          return TRUE;
        }
    }
  return FALSE;
}

/* Checks a cell; *value gets the number, or the département's index. */
static gboolean
parse_cell (TrjShareModel *self, guint row, guint column, const char *text, double *value, char **prescriber,
            GError **error)
{
  if (row >= n_data_rows (self))
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY, _("The total is computed"));
      return FALSE;
    }
  if (!self->columns[column].editable)
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                           _("The AE and volume of the lines are computed"));
      return FALSE;
    }
  if (column == TRJ_SHARE_COLUMN_DEPARTEMENT)
    {
      int index = find_departement (self, text, error);
      const char *code = index >= 0 ? self->departement_codes[index] : NULL;

      *value = index;
      return index >= 0
             && !taken (self, row, code, self->kind == TRJ_SHARE_ALLOCATIONS ? allocation_at (self, row)->prescriber : NULL,
                        error);
    }
  if (self->kind == TRJ_SHARE_ALLOCATIONS && column == TRJ_SHARE_COLUMN_PRESCRIBER)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (g_utf8_strlen (stripped, -1) > 200)
        {
          g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE,
                               _("A prescriber’s name is at most 200 characters long"));
          return FALSE;
        }
      if (taken (self, row, allocation_at (self, row)->departement, *stripped != '\0' ? stripped : NULL, error))
        return FALSE;
      if (prescriber != NULL)
        *prescriber = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
      return TRUE;
    }
  return trj_grid_column_parse (&self->columns[column], text, value, error);
}

static gboolean
validate (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  double value;

  return parse_cell (TRJ_SHARE_MODEL (model), row, column, text, &value, NULL, error);
}

static gboolean
set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjShareModel *self = TRJ_SHARE_MODEL (model);
  g_autofree char *prescriber = NULL;
  double value = 0;

  if (!parse_cell (self, row, column, text, &value, &prescriber, error))
    return FALSE;
  if (self->kind == TRJ_SHARE_ALLOCATIONS)
    {
      TrjAllocation *al = allocation_at (self, row);

      switch (column)
        {
        case TRJ_SHARE_COLUMN_DEPARTEMENT:
          g_free (al->departement);
          al->departement = g_strdup (self->departement_codes[(int) value]);
          break;
        case TRJ_SHARE_COLUMN_PRESCRIBER:
          g_free (al->prescriber);
          al->prescriber = g_steal_pointer (&prescriber);
          break;
        case TRJ_SHARE_COLUMN_AE:
          al->ae = value;
          break;
        default:
          al->volume = value;
          break;
        }
    }
  else
    {
      TrjCaom *caom = caom_at (self, row);

      if (column == TRJ_SHARE_COLUMN_DEPARTEMENT)
        {
          g_free (caom->departement);
          caom->departement = g_strdup (self->departement_codes[(int) value]);
        }
      else if (column == TRJ_SHARE_COLUMN_CONTRACTS)
        caom->contracts = value;
      else
        {
          /* The first month typed makes the uniform profile explicit. */
          if (!caom->has_profile)
            for (int m = 0; m < TRJ_MONTHS; m++)
              caom->profile[m] = 1;
          caom->has_profile = TRUE;
          caom->profile[column - TRJ_SHARE_COLUMN_FIRST_MONTH] = value;
        }
    }
  self->modified = TRUE;
  /* The total row follows. */
  trj_grid_model_values_changed (model);
  return TRUE;
}

static gboolean
add_rows (TrjGridModel *model, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    trj_share_model_add_row (TRJ_SHARE_MODEL (model));
  return TRUE;
}

static void
trj_share_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = get_n_rows;
  iface->get_n_columns = get_n_columns;
  iface->get_column = get_column;
  iface->get_text = get_text;
  iface->get_alert = get_alert;
  iface->is_editable = is_editable;
  iface->validate = validate;
  iface->set_cell = set_cell;
  iface->get_n_data_rows = get_n_data_rows;
  iface->add_rows = add_rows;
}

/* ── The draft ───────────────────────────────────────────────────────── */

static void
read_draft (TrjShareModel *self)
{
  const TrjEnvelope *env = trj_document_get_envelope (self->document, self->envelope_id);

  g_clear_pointer (&self->draft, trj_envelope_free);
  self->draft = trj_envelope_new (self->envelope_id);
  for (guint i = 0; env != NULL && self->kind == TRJ_SHARE_ALLOCATIONS && i < trj_envelope_n_allocations (env); i++)
    trj_envelope_add_allocation (self->draft, trj_allocation_copy (g_ptr_array_index (env->allocations, i)));
  for (guint i = 0; env != NULL && self->kind == TRJ_SHARE_CAOM && i < trj_envelope_n_caom (env); i++)
    trj_envelope_add_caom (self->draft, trj_caom_copy (g_ptr_array_index (env->caom, i)));
  self->modified = FALSE;
}

void
trj_share_model_reload (TrjShareModel *self)
{
  guint before;

  g_return_if_fail (TRJ_IS_SHARE_MODEL (self));
  before = n_data_rows (self) + 1;
  read_draft (self);
  trj_grid_model_changed (TRJ_GRID_MODEL (self), 0, before, n_data_rows (self) + 1);
}

TrjShareKind
trj_share_model_get_kind (TrjShareModel *self)
{
  g_return_val_if_fail (TRJ_IS_SHARE_MODEL (self), TRJ_SHARE_ALLOCATIONS);
  return self->kind;
}

const TrjEnvelope *
trj_share_model_get_draft (TrjShareModel *self)
{
  g_return_val_if_fail (TRJ_IS_SHARE_MODEL (self), NULL);
  return self->draft;
}

gboolean
trj_share_model_is_modified (TrjShareModel *self)
{
  g_return_val_if_fail (TRJ_IS_SHARE_MODEL (self), FALSE);
  return self->modified;
}

guint
trj_share_model_add_row (TrjShareModel *self)
{
  const char *code = NULL;
  guint row;

  g_return_val_if_fail (TRJ_IS_SHARE_MODEL (self), 0);
  row = n_data_rows (self);
  /* The first département without a row (for the whole département). */
  for (guint i = 0; code == NULL && self->departement_codes[i] != NULL; i++)
    if (!taken (self, G_MAXUINT, self->departement_codes[i], NULL, NULL))
      code = self->departement_codes[i];
  if (code == NULL)
    code = self->departement_codes[0] != NULL ? self->departement_codes[0] : "01";
  if (self->kind == TRJ_SHARE_ALLOCATIONS)
    trj_envelope_add_allocation (self->draft, trj_allocation_new (code, NULL, 0, 0));
  else
    trj_envelope_add_caom (self->draft, trj_caom_new (code, 0));
  self->modified = TRUE;
  /* The total row moves down: it is replaced by the new row and itself. */
  trj_grid_model_changed (TRJ_GRID_MODEL (self), row, 1, 2);
  return row;
}

void
trj_share_model_remove_row (TrjShareModel *self, guint row)
{
  g_return_if_fail (TRJ_IS_SHARE_MODEL (self));
  g_return_if_fail (row < n_data_rows (self));
  g_ptr_array_remove_index (self->kind == TRJ_SHARE_ALLOCATIONS ? self->draft->allocations : self->draft->caom, row);
  self->modified = TRUE;
  trj_grid_model_changed (TRJ_GRID_MODEL (self), row, 1, 0);
  trj_grid_model_values_changed (TRJ_GRID_MODEL (self));
}

gboolean
trj_share_model_save (TrjShareModel *self, GError **error)
{
  TrjWorkbook *wb;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_SHARE_MODEL (self), FALSE);
  wb = trj_document_get_workbook (self->document);
  id = trj_document_get_scenario_id (self->document);
  ok = self->kind == TRJ_SHARE_ALLOCATIONS ? trj_workbook_set_allocations (wb, id, self->envelope_id, self->draft, error)
                                           : trj_workbook_set_caom (wb, id, self->envelope_id, self->draft, error);
  if (ok)
    self->modified = FALSE;
  return ok;
}

/* ── Construction ────────────────────────────────────────────────────── */

static void
fill_choices (TrjShareModel *self)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  const TrjYearData *data = trj_year_data_get (trj_workbook_get_year (wb), NULL);
  const TrjRegion *region = data != NULL ? trj_year_data_find_region (data, trj_workbook_get_region (wb)) : NULL;

  for (guint i = 0; region != NULL && i < region->departements->len; i++)
    {
      const TrjDepartement *dep = region->departements->pdata[i];
      g_autofree char *text = g_strdup_printf ("%s %s", dep->code, dep->name);

      g_strv_builder_add (names, text);
      g_strv_builder_add (codes, dep->code);
    }
  self->departement_choices = g_strv_builder_end (names);
  self->departement_codes = g_strv_builder_end (codes);
}

static void
set_number_column (TrjGridColumn *col, const char *title, int width, TrjGridValueKind kind, TrjParam param)
{
  const TrjParamSpec *spec = trj_catalog_param (param);

  *col = (TrjGridColumn) { title, width, TRJ_GRID_ALIGN_END, kind, TRUE, spec->min, spec->max, NULL, FALSE };
}

static void
fill_columns (TrjShareModel *self)
{
  TrjGridColumn *c = self->columns;

  c[TRJ_SHARE_COLUMN_DEPARTEMENT] = (TrjGridColumn) { _("Département"), 18, TRJ_GRID_ALIGN_START,
                                                      TRJ_GRID_VALUE_CHOICE, TRUE, 0, 0,
                                                      (const char * const *) self->departement_choices, FALSE };
  if (self->kind == TRJ_SHARE_ALLOCATIONS)
    {
      c[TRJ_SHARE_COLUMN_PRESCRIBER] = (TrjGridColumn) { _("Prescriber\n(optional)"), 22, TRJ_GRID_ALIGN_START,
                                                         TRJ_GRID_VALUE_TEXT, TRUE, 0, 0, NULL, TRUE };
      set_number_column (&c[TRJ_SHARE_COLUMN_AE], _("AE allocated\n(€)"), 14, TRJ_GRID_VALUE_MONEY,
                         TRJ_PARAM_ALLOCATION_AE);
      set_number_column (&c[TRJ_SHARE_COLUMN_VOLUME], _("Volume\n(contracts)"), 10, TRJ_GRID_VALUE_DECIMAL,
                         TRJ_PARAM_ALLOCATION_VOLUME);
      c[TRJ_SHARE_COLUMN_LINES_AE] = (TrjGridColumn) { _("AE of its\nlines"), 14, TRJ_GRID_ALIGN_END,
                                                       TRJ_GRID_VALUE_MONEY, FALSE, 0, 0, NULL, FALSE };
      c[TRJ_SHARE_COLUMN_LINES_VOLUME] = (TrjGridColumn) { _("Volume of\nits lines"), 10, TRJ_GRID_ALIGN_END,
                                                           TRJ_GRID_VALUE_DECIMAL, FALSE, 0, 0, NULL, FALSE };
      return;
    }
  set_number_column (&c[TRJ_SHARE_COLUMN_CONTRACTS], _("Cofinanced\ncontracts"), 10, TRJ_GRID_VALUE_DECIMAL,
                     TRJ_PARAM_CAOM_CONTRACTS);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      self->month_titles[m] = g_strdup (trj_format_month_short (m + 1));
      set_number_column (&c[TRJ_SHARE_COLUMN_FIRST_MONTH + m], self->month_titles[m], 5, TRJ_GRID_VALUE_DECIMAL,
                         TRJ_PARAM_CAOM_PROFILE);
    }
}

static void
trj_share_model_finalize (GObject *object)
{
  TrjShareModel *self = TRJ_SHARE_MODEL (object);

  g_clear_object (&self->document);
  g_free (self->envelope_id);
  g_clear_pointer (&self->draft, trj_envelope_free);
  g_strfreev (self->departement_choices);
  g_strfreev (self->departement_codes);
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_free (self->month_titles[m]);
  G_OBJECT_CLASS (trj_share_model_parent_class)->finalize (object);
}

static void
trj_share_model_class_init (TrjShareModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trj_share_model_finalize;
}

static void
trj_share_model_init (TrjShareModel *self)
{
}

TrjShareModel *
trj_share_model_new (TrjDocument *document, const char *envelope_id, TrjShareKind kind)
{
  TrjShareModel *self;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (envelope_id != NULL, NULL);

  self = g_object_new (TRJ_TYPE_SHARE_MODEL, NULL);
  self->document = g_object_ref (document);
  self->envelope_id = g_strdup (envelope_id);
  self->kind = kind;
  fill_choices (self);
  fill_columns (self);
  read_draft (self);
  /* The lines' figures follow every edit of the document. */
  g_signal_connect_object (document, "updated", G_CALLBACK (trj_grid_model_values_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}
