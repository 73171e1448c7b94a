/* trj-lines-model.c — see trj-lines-model.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-lines-model.h"
#include "trj-catalog.h"
#include "trj-gui-format.h"
#include "trj-year-data.h"

struct _TrjLinesModel
{
  TrjEnvelopeModel parent_instance;

  TrjGridColumn columns[TRJ_N_LINES_COLUMNS];
  /* Choices of the département and type columns ("29 Finistère", "CIE tous publics"). */
  GStrv departement_choices;
  GStrv departement_codes;
  GStrv kind_choices;
  GArray *kinds;              /* TrjLineKind: the kinds behind kind_choices */
  /* Suggested prescribers: the usual ones and those the scenario's lines name. */
  GStrv prescriber_choices;
};

static void trj_lines_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjLinesModel, trj_lines_model, TRJ_TYPE_ENVELOPE_MODEL,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_lines_model_grid_init))

static const TrjLine *
line_at (TrjGridModel *model, guint row)
{
  return trj_envelope_model_get_line (TRJ_ENVELOPE_MODEL (model), row);
}

static gboolean
is_contract (const TrjLine *line)
{
  return trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT;
}

/* The prescribers a planner programmes with (issue 13); the user's own are
 * added from the lines that name them. */
static const char *const usual_prescribers[] = {
  N_("France Travail"), N_("Mission locale"), N_("Cap emploi"), N_("Conseil départemental"),
};

/* The suggestion equal to text ignoring case, or NULL. */
static const char *
known_prescriber (TrjLinesModel *self, const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; self->prescriber_choices != NULL && self->prescriber_choices[i] != NULL; i++)
    {
      g_autofree char *choice = g_utf8_casefold (self->prescriber_choices[i], -1);

      if (g_str_equal (choice, folded))
        return self->prescriber_choices[i];
    }
  return NULL;
}

/* Rebuilds the suggestions from the usual prescribers, those of every line
 * of the scenario and `added` (a name just typed). */
static void
update_prescribers (TrjLinesModel *self, const char *added)
{
  TrjDocument *document = trj_envelope_model_get_document (TRJ_ENVELOPE_MODEL (self));
  const TrjScenario *scenario = document != NULL ? trj_document_get_scenario (document) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (usual_prescribers); i++)
    g_ptr_array_add (names, (gpointer) _(usual_prescribers[i]));
  for (guint e = 0; scenario != NULL && e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        g_ptr_array_add (names, ((TrjLine *) g_ptr_array_index (env->lines, l))->prescriber);
    }
  g_ptr_array_add (names, (gpointer) added);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *stripped = name != NULL ? g_strstrip (g_strdup (name)) : NULL;

      if (stripped != NULL && *stripped != '\0' &&
          g_hash_table_add (seen, g_utf8_casefold (stripped, -1)))
        g_strv_builder_add (builder, stripped);
    }
  g_strfreev (self->prescriber_choices);
  self->prescriber_choices = g_strv_builder_end (builder);
  self->columns[TRJ_LINES_COLUMN_PRESCRIBER].choices = (const char * const *) self->prescriber_choices;
}

static guint
get_n_columns (TrjGridModel *model)
{
  return TRJ_N_LINES_COLUMNS;
}

static const TrjGridColumn *
get_column (TrjGridModel *model, guint column)
{
  return &TRJ_LINES_MODEL (model)->columns[column];
}

static char *
departement_text (TrjLinesModel *self, const char *code)
{
  if (code == NULL)
    return g_strdup ("");
  for (guint i = 0; self->departement_codes[i] != NULL; i++)
    if (g_str_equal (self->departement_codes[i], code))
      return g_strdup (self->departement_choices[i]);
  return g_strdup (code);
}

static char *
get_text (TrjGridModel *model, guint row, guint column)
{
  TrjLinesModel *self = TRJ_LINES_MODEL (model);
  const TrjLine *line = line_at (model, row);
  const TrjLineResult *res = trj_envelope_model_get_line_result (TRJ_ENVELOPE_MODEL (model), row);

  /* A line added by a paste has no result before the paste ends. */
  if (line == NULL || res == NULL)
    return g_strdup ("");

  switch ((TrjLinesColumn) column)
    {
    case TRJ_LINES_COLUMN_LABEL:
      return g_strdup (line->label != NULL ? line->label : "");
    case TRJ_LINES_COLUMN_DEPARTEMENT:
      return departement_text (self, line->departement);
    case TRJ_LINES_COLUMN_PRESCRIBER:
      return g_strdup (line->prescriber != NULL ? line->prescriber : "");
    case TRJ_LINES_COLUMN_KIND:
      return g_strdup (trj_catalog_kind_title (line->kind));
    case TRJ_LINES_COLUMN_VOLUME:
      return trj_gui_integer (res->f.volume);
    case TRJ_LINES_COLUMN_RATE:
      return is_contract (line) ? trj_gui_percent (line->rate, 1) : g_strdup ("");
    case TRJ_LINES_COLUMN_HOURS:
      return is_contract (line) ? trj_gui_number (line->weekly_hours, 1) : g_strdup ("");
    case TRJ_LINES_COLUMN_DURATION:
      return is_contract (line) ? trj_gui_number (line->duration_months, 1) : g_strdup ("");
    case TRJ_LINES_COLUMN_COFINANCING:
      return is_contract (line) ? trj_gui_percent (line->cofinanced_share, 1) : g_strdup ("");
    case TRJ_LINES_COLUMN_LAG:
      return trj_gui_integer (line->payment_lag_months);
    case TRJ_LINES_COLUMN_AE:
      return trj_gui_money (res->f.ae_total);
    case TRJ_LINES_COLUMN_CP:
      return trj_gui_money (res->f.cp_total);
    case TRJ_LINES_COLUMN_AE_PER_CONTRACT:
      return trj_gui_money (res->f.ae_per_contract);
    case TRJ_N_LINES_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static TrjGridAlert
get_alert (TrjGridModel *model, guint row, guint column, char **tooltip)
{
  TrjAlertCode code;

  /* The line's label carries all its alerts, so that a line out of range
   * shows even when its cells are scrolled away; three columns have their own. */
  if (column == TRJ_LINES_COLUMN_LABEL)
    code = TRJ_N_ALERT_CODES;
  else if (column == TRJ_LINES_COLUMN_RATE)
    code = TRJ_ALERT_RATE_OUT_OF_RANGE;
  else if (column == TRJ_LINES_COLUMN_HOURS)
    code = TRJ_ALERT_HOURS_OUT_OF_RANGE;
  else if (column == TRJ_LINES_COLUMN_DURATION)
    code = TRJ_ALERT_DURATION_OUT_OF_RANGE;
  else
    return TRJ_GRID_ALERT_NONE;
  return trj_envelope_model_line_alert (TRJ_ENVELOPE_MODEL (model), row, code, tooltip)
         ? TRJ_GRID_ALERT_WARNING : TRJ_GRID_ALERT_NONE;
}

static gboolean
is_editable (TrjGridModel *model, guint row, guint column)
{
  const TrjLine *line = line_at (model, row);

  if (line == NULL || !TRJ_LINES_MODEL (model)->columns[column].editable)
    return FALSE;
  /* A contract's parameters mean nothing on a post-aid or free line. */
  if (column == TRJ_LINES_COLUMN_RATE || column == TRJ_LINES_COLUMN_HOURS
      || column == TRJ_LINES_COLUMN_DURATION || column == TRJ_LINES_COLUMN_COFINANCING
      || column == TRJ_LINES_COLUMN_VOLUME)
    return is_contract (line);
  return TRUE;
}

/* The département typed, in any case: a code ("29", "2a"), a name
 * ("finistère") or the shown text ("29 Finistère"). */
static int
find_departement (TrjLinesModel *self, const char *text)
{
  g_autofree char *typed = g_utf8_casefold (text, -1);

  for (guint i = 0; self->departement_codes[i] != NULL; i++)
    {
      g_autofree char *code = g_utf8_casefold (self->departement_codes[i], -1);
      g_autofree char *shown = g_utf8_casefold (self->departement_choices[i], -1);
      const char *name = shown + strlen (code) + 1;

      if (g_str_equal (typed, code) || g_str_equal (typed, shown) || g_str_equal (typed, name))
        return (int) i;
    }
  return -1;
}

/* Parses a cell: *value for numbers and the type, *index for the département. */
static gboolean
parse_cell (TrjLinesModel *self, guint column, const char *text, double *value, GError **error)
{
  const TrjGridColumn *col = &self->columns[column];
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (column == TRJ_LINES_COLUMN_DEPARTEMENT)
    {
      int index = *stripped == '\0' ? -1 : find_departement (self, stripped);

      if (*stripped != '\0' && index < 0)
        {
          g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                       _("“%s” is not a département of the region"), stripped);
          return FALSE;
        }
      *value = index;
      return TRUE;
    }
  if (col->kind == TRJ_GRID_VALUE_TEXT)
    return TRUE;
  /* Delete empties a cell: no contracts, no cofinancing, no lag. The rate,
   * hours and duration have no empty value and refuse it. */
  if (*stripped == '\0' && (column == TRJ_LINES_COLUMN_VOLUME || column == TRJ_LINES_COLUMN_COFINANCING
                            || column == TRJ_LINES_COLUMN_LAG))
    {
      *value = 0;
      return TRUE;
    }
  if (!trj_grid_column_parse (col, stripped, value, error))
    return FALSE;

  /* MODEL 2.1 hard limits are open at 0 for these three. */
  if (*value <= 0 && (column == TRJ_LINES_COLUMN_RATE || column == TRJ_LINES_COLUMN_HOURS
                      || column == TRJ_LINES_COLUMN_DURATION))
    {
      g_autofree char *name = trj_grid_column_name (col);

      g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE,
                   _("“%s” must be greater than 0"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  double value;

  return parse_cell (TRJ_LINES_MODEL (model), column, text, &value, error);
}

static gboolean
set_cell_value (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjLinesModel *self = TRJ_LINES_MODEL (model);
  TrjEnvelopeModel *base = TRJ_ENVELOPE_MODEL (model);
  TrjWorkbook *wb = trj_envelope_model_get_workbook (base);
  gint64 scenario = trj_envelope_model_get_scenario_id (base);
  const TrjLine *line = line_at (model, row);
  double value = 0;
  static const TrjLineField number_fields[TRJ_N_LINES_COLUMNS] = {
    [TRJ_LINES_COLUMN_VOLUME] = TRJ_LINE_FIELD_VOLUME,
    [TRJ_LINES_COLUMN_RATE] = TRJ_LINE_FIELD_RATE,
    [TRJ_LINES_COLUMN_HOURS] = TRJ_LINE_FIELD_WEEKLY_HOURS,
    [TRJ_LINES_COLUMN_DURATION] = TRJ_LINE_FIELD_DURATION_MONTHS,
    [TRJ_LINES_COLUMN_COFINANCING] = TRJ_LINE_FIELD_COFINANCED_SHARE,
    [TRJ_LINES_COLUMN_LAG] = TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS,
  };

  if (line == NULL || !is_editable (model, row, column))
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                           _("This figure is computed and cannot be typed"));
      return FALSE;
    }
  if (!parse_cell (self, column, text, &value, error))
    return FALSE;

  switch ((TrjLinesColumn) column)
    {
    case TRJ_LINES_COLUMN_LABEL:
      return trj_workbook_set_line_text (wb, scenario, line->id, TRJ_LINE_FIELD_LABEL, text, error);
    case TRJ_LINES_COLUMN_PRESCRIBER:
      {
        /* « france travail » is France Travail; a new name is one more suggestion. */
        const char *known = known_prescriber (self, text);
        g_autofree char *name = g_strdup (known != NULL ? known : text);

        if (!trj_workbook_set_line_text (wb, scenario, line->id, TRJ_LINE_FIELD_PRESCRIBER, name, error))
          return FALSE;
        update_prescribers (self, name);
        return TRUE;
      }
    case TRJ_LINES_COLUMN_DEPARTEMENT:
      return trj_workbook_set_line_text (wb, scenario, line->id, TRJ_LINE_FIELD_DEPARTEMENT,
                                         value < 0 ? NULL : self->departement_codes[(int) value],
                                         error);
    case TRJ_LINES_COLUMN_KIND:
      return trj_workbook_set_line_number (wb, scenario, line->id, TRJ_LINE_FIELD_KIND,
                                           g_array_index (self->kinds, TrjLineKind, (int) value), error);
    case TRJ_LINES_COLUMN_VOLUME:
    case TRJ_LINES_COLUMN_RATE:
    case TRJ_LINES_COLUMN_HOURS:
    case TRJ_LINES_COLUMN_DURATION:
    case TRJ_LINES_COLUMN_COFINANCING:
    case TRJ_LINES_COLUMN_LAG:
      return trj_workbook_set_line_number (wb, scenario, line->id, number_fields[column], value, error);
    case TRJ_LINES_COLUMN_AE:
    case TRJ_LINES_COLUMN_CP:
    case TRJ_LINES_COLUMN_AE_PER_CONTRACT:
    case TRJ_N_LINES_COLUMNS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  if (!set_cell_value (model, row, column, text, error))
    return FALSE;
  trj_envelope_model_line_edited (TRJ_ENVELOPE_MODEL (model), row);
  return TRUE;
}

/* A block pasted past the last line adds lines like the last one (its kind),
 * or of the envelope's first kind. */
static gboolean
add_rows (TrjGridModel *model, guint n, GError **error)
{
  TrjEnvelopeModel *base = TRJ_ENVELOPE_MODEL (model);
  guint n_lines = trj_envelope_model_get_n_lines (base);
  TrjLineKind kind = n_lines > 0 ? trj_envelope_model_get_line (base, n_lines - 1)->kind
                                 : g_array_index (TRJ_LINES_MODEL (model)->kinds, TrjLineKind, 0);

  return trj_envelope_model_add_lines (base, kind, n, error);
}

static void
trj_lines_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_columns = get_n_columns;
  iface->get_column = get_column;
  iface->get_text = get_text;
  iface->get_alert = get_alert;
  iface->is_editable = is_editable;
  iface->validate = validate;
  iface->set_cell = set_cell;
  iface->add_rows = add_rows;
}

static void
trj_lines_model_finalize (GObject *object)
{
  TrjLinesModel *self = TRJ_LINES_MODEL (object);

  g_strfreev (self->departement_choices);
  g_strfreev (self->departement_codes);
  g_strfreev (self->kind_choices);
  g_strfreev (self->prescriber_choices);
  g_array_unref (self->kinds);
  G_OBJECT_CLASS (trj_lines_model_parent_class)->finalize (object);
}

static void
trj_lines_model_class_init (TrjLinesModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trj_lines_model_finalize;
}

static void
trj_lines_model_init (TrjLinesModel *self)
{
}

static void
fill_choices (TrjLinesModel *self, TrjWorkbook *wb, const char *envelope_id)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();
  const TrjYearData *data = trj_year_data_get (trj_workbook_get_year (wb), NULL);
  const TrjRegion *region = data != NULL ? trj_year_data_find_region (data, trj_workbook_get_region (wb)) : NULL;
  const TrjCatalogEnvelope *env = trj_catalog_envelope (envelope_id);

  for (guint i = 0; region != NULL && i < region->departements->len; i++)
    {
      const TrjDepartement *dep = region->departements->pdata[i];
      g_autofree char *text = g_strdup_printf ("%s %s", dep->code, dep->name);

      g_strv_builder_add (names, text);
      g_strv_builder_add (codes, dep->code);
    }

  /* The kinds of the envelope (MODEL 2.1: CIE tous publics lines are charged to
   * the PEC envelope); an envelope the catalogue does not know offers every
   * contract kind. */
  self->kinds = g_array_new (FALSE, FALSE, sizeof (TrjLineKind));
  if (env != NULL)
    g_array_append_vals (self->kinds, env->kinds, env->n_kinds);
  else
    for (TrjLineKind k = 0; k < TRJ_N_KINDS; k++)
      if (trj_kind_shape (k) == TRJ_LINE_SHAPE_CONTRACT)
        g_array_append_val (self->kinds, k);
  for (guint i = 0; i < self->kinds->len; i++)
    g_strv_builder_add (kinds, trj_catalog_kind_title (g_array_index (self->kinds, TrjLineKind, i)));

  self->departement_choices = g_strv_builder_end (names);
  self->departement_codes = g_strv_builder_end (codes);
  self->kind_choices = g_strv_builder_end (kinds);
}

/* The parameter each numeric column edits: its range is the catalogue's. */
static const struct {
  TrjLinesColumn column;
  TrjParam param;
} column_params[] = {
  { TRJ_LINES_COLUMN_VOLUME, TRJ_PARAM_VOLUME },
  { TRJ_LINES_COLUMN_RATE, TRJ_PARAM_RATE },
  { TRJ_LINES_COLUMN_HOURS, TRJ_PARAM_WEEKLY_HOURS },
  { TRJ_LINES_COLUMN_DURATION, TRJ_PARAM_DURATION_MONTHS },
  { TRJ_LINES_COLUMN_COFINANCING, TRJ_PARAM_COFINANCED_SHARE },
  { TRJ_LINES_COLUMN_LAG, TRJ_PARAM_PAYMENT_LAG_MONTHS },
};

TrjLinesModel *
trj_lines_model_new (TrjDocument *document, const char *envelope_id)
{
  TrjLinesModel *self = g_object_new (TRJ_TYPE_LINES_MODEL,
                                      "document", document,
                                      "envelope-id", envelope_id,
                                      NULL);
  /* Widths in characters of the usual values ("3 837 629 €"), long titles on
   * two lines, and the label taking what is left, so that every column,
   * computed ones included, fits a 1280-pixel window. */
  const TrjGridColumn template[TRJ_N_LINES_COLUMNS] = {
    { _("Label"), 9, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, TRUE, .expand = TRUE },
    { _("Département"), 14, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_CHOICE, TRUE },
    { _("Prescriber"), 12, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, TRUE },
    { _("Type"), 8, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_CHOICE, TRUE },
    { _("Volume"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_INTEGER, TRUE },
    { _("Rate"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("Hours/\nweek"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE },
    { _("Duration\n(months)"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE },
    { _("Cofinanced\nshare"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("Payment\nlag"), 3, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_INTEGER, TRUE },
    { _("AE"), 10, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, FALSE },
    { _("CP of\nthe year"), 10, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, FALSE },
    { _("AE per\ncontract"), 7, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, FALSE },
  };

  fill_choices (self, trj_document_get_workbook (document), envelope_id);
  memcpy (self->columns, template, sizeof template);
  for (guint i = 0; i < G_N_ELEMENTS (column_params); i++)
    trj_envelope_model_column_limits (&self->columns[column_params[i].column], column_params[i].param);
  self->columns[TRJ_LINES_COLUMN_DEPARTEMENT].choices = (const char * const *) self->departement_choices;
  self->columns[TRJ_LINES_COLUMN_KIND].choices = (const char * const *) self->kind_choices;
  update_prescribers (self, NULL);
  return self;
}
