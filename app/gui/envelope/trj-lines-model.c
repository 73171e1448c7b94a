/* trj-lines-model.c — see trj-lines-model.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-lines-model.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-year-data.h"

struct _TrjLinesModel
{
  TrjEnvelopeModel parent_instance;

  /* Descriptors by field; the grid's column i shows fields[i]. */
  TrjGridColumn columns[TRJ_N_LINES_FIELDS];
  TrjLinesColumn fields[TRJ_N_LINES_FIELDS];
  guint n_columns;
  gboolean short_departement;  /* post-aid grids show the code only */
  /* Choices of the département and type columns ("29 Finistère", "CIE tous publics"). */
  GStrv departement_choices;
  GStrv departement_codes;
  GStrv kind_choices;
  GArray *kinds;              /* TrjLineKind: the kinds behind kind_choices */
  /* Suggested prescribers: the usual ones and those the scenario's lines name. */
  GStrv prescriber_choices;
  /* Post-aid and free lines: the months ("janvier"), the kinds of
   * structure of a CDI inclusion, and the envelopes a free line may be funded
   * from (funded_ids[0] NULL: its own envelope). */
  GStrv month_choices;
  GStrv structure_choices;
  GArray *structure_kinds;    /* TrjLineKind */
  GStrv funded_choices;
  GPtrArray *funded_ids;      /* const char * of the catalogue */
  /* MODEL 2.8: the optional columns shown, by field − TRJ_LINES_FIRST_OPTIONAL. */
  gboolean shown[TRJ_LINES_N_OPTIONAL];
  char *envelope_id;
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

static gboolean
is_post_aid (const TrjLine *line)
{
  return trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_POST_AID;
}

static gboolean
is_free (const TrjLine *line)
{
  return trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_FREE;
}

/* The modulated part and the département's cofinancing are the IAE's (MODEL 3). */
static gboolean
is_iae (const TrjLine *line)
{
  return trj_catalog_kind (line->kind)->iae;
}

static TrjLinesColumn
field_at (TrjGridModel *model, guint column)
{
  TrjLinesModel *self = TRJ_LINES_MODEL (model);

  g_return_val_if_fail (column < self->n_columns, TRJ_LINES_COLUMN_LABEL);
  return self->fields[column];
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
  return TRJ_LINES_MODEL (model)->n_columns;
}

static const TrjGridColumn *
get_column (TrjGridModel *model, guint column)
{
  return &TRJ_LINES_MODEL (model)->columns[field_at (model, column)];
}

int
trj_lines_model_find_column (TrjLinesModel *self, TrjLinesColumn field)
{
  g_return_val_if_fail (TRJ_IS_LINES_MODEL (self), -1);
  for (guint i = 0; i < self->n_columns; i++)
    if (self->fields[i] == field)
      return (int) i;
  return -1;
}

static char *
funded_from_text (TrjLinesModel *self, const char *id)
{
  return g_strdup (id == NULL ? self->funded_choices[0] : trj_catalog_envelope_title (id));
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

  switch (field_at (model, column))
    {
    case TRJ_LINES_COLUMN_LABEL:
      return g_strdup (line->label != NULL ? line->label : "");
    case TRJ_LINES_COLUMN_DEPARTEMENT:
      /* Sixteen post-aid columns leave room for the code only ("29"). */
      if (self->short_departement)
        return g_strdup (line->departement != NULL ? line->departement : "");
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
      /* MODEL 3: per ETP or per aid on a post-aid line, nothing per contract there. */
      if (is_post_aid (line))
        return trj_gui_money (res->f.ae_per_unit);
      return is_free (line) ? g_strdup ("") : trj_gui_money (res->f.ae_per_contract);
    case TRJ_LINES_COLUMN_STRUCTURE_KIND:
      return g_strdup (line->kind == TRJ_KIND_CDI_INCLUSION ? trj_catalog_kind_title (line->structure_kind) : "");
    case TRJ_LINES_COLUMN_QUANTITY:
      return is_post_aid (line) ? trj_format_decimal (line->quantity, 2) : g_strdup ("");
    case TRJ_LINES_COLUMN_UNIT_AMOUNT:
      return is_post_aid (line) ? trj_gui_money (line->unit_amount) : g_strdup ("");
    case TRJ_LINES_COLUMN_MODULATION:
      return is_post_aid (line) ? trj_gui_percent (line->modulation, 1) : g_strdup ("");
    case TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY:
      return line->kind == TRJ_KIND_CDI_INCLUSION ? trj_format_decimal (line->second_year_quantity, 2)
                                                  : g_strdup ("");
    case TRJ_LINES_COLUMN_RSA_RECIPIENTS:
      return is_iae (line) ? trj_format_decimal (line->rsa_recipients, 2) : g_strdup ("");
    case TRJ_LINES_COLUMN_RSA_MONTHS:
      return is_iae (line) ? trj_format_decimal (line->rsa_months, 1) : g_strdup ("");
    case TRJ_LINES_COLUMN_COMMITMENT_MONTH:
      return g_strdup (is_contract (line) ? "" : self->month_choices[CLAMP (line->commitment_month, 0, TRJ_MONTHS - 1)]);
    case TRJ_LINES_COLUMN_AE_AMOUNT:
      return is_free (line) ? trj_gui_money (line->ae_amount) : g_strdup ("");
    case TRJ_LINES_COLUMN_FUNDED_FROM:
      return is_free (line) ? funded_from_text (self, line->funded_from) : g_strdup ("");
    case TRJ_LINES_COLUMN_PUBLIC_QPV:
    case TRJ_LINES_COLUMN_PUBLIC_ZRR:
    case TRJ_LINES_COLUMN_PUBLIC_ESSMS:
    case TRJ_LINES_COLUMN_PUBLIC_SENIORS:
      {
        TrjPublic p = field_at (model, column) - TRJ_LINES_COLUMN_PUBLIC_QPV;

        /* Empty: the line says nothing of that public (MODEL 2.8). */
        return is_contract (line) && line->has_public[p] ? trj_gui_percent (line->publics[p], 1) : g_strdup ("");
      }
    case TRJ_LINES_COLUMN_RENEWAL_SHARE:
      return is_contract (line) && line->has_renewal_share ? trj_gui_percent (line->renewal_share, 1)
                                                           : g_strdup ("");
    case TRJ_LINES_COLUMN_EXCEPTION_REASON:
      {
        /* One line of the justification in the cell; the editor has it all. */
        g_autofree char *text = g_strdup (line->exception_reason != NULL ? line->exception_reason : "");

        g_strdelimit (text, "\n\t", ' ');
        return g_steal_pointer (&text);
      }
    case TRJ_N_LINES_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* MODEL 3: a unit amount from the year's table that the circular does not
 * print is marked « à vérifier », with its source (reference.ini). */
static gboolean
unit_amount_to_verify (TrjGridModel *model, guint row, char **tooltip)
{
  TrjDocument *document = trj_envelope_model_get_document (TRJ_ENVELOPE_MODEL (model));
  const TrjLine *line = line_at (model, row);
  const TrjScenario *scenario = document != NULL ? trj_document_get_scenario (document) : NULL;
  const TrjYearData *data = scenario != NULL ? trj_year_data_get (scenario->year, NULL) : NULL;
  const char *source;

  if (line == NULL || data == NULL || !is_post_aid (line) || line->has_unit_amount
      || (source = trj_year_data_to_verify (data, line->kind, scenario->zone)) == NULL)
    return FALSE;
  if (tooltip != NULL)
    *tooltip = g_strdup_printf (_("Amount to verify: the circular does not print it (source: %s)"), source);
  return TRUE;
}

static TrjGridAlert
get_alert (TrjGridModel *model, guint row, guint column, char **tooltip)
{
  TrjAlertCode code;
  TrjLinesColumn field = field_at (model, column);

  /* The line's label carries all its alerts, so that a line out of range
   * shows even when its cells are scrolled away; some columns have their own. */
  if (field == TRJ_LINES_COLUMN_LABEL)
    code = TRJ_N_ALERT_CODES;
  else if (field == TRJ_LINES_COLUMN_RATE)
    code = TRJ_ALERT_RATE_OUT_OF_RANGE;
  else if (field == TRJ_LINES_COLUMN_HOURS)
    code = TRJ_ALERT_HOURS_OUT_OF_RANGE;
  else if (field == TRJ_LINES_COLUMN_DURATION)
    code = TRJ_ALERT_DURATION_OUT_OF_RANGE;
  else if (field == TRJ_LINES_COLUMN_RSA_RECIPIENTS)
    code = TRJ_ALERT_COFINANCING_EXCEEDS_AID;
  else if (field == TRJ_LINES_COLUMN_RENEWAL_SHARE)
    code = TRJ_ALERT_RENEWAL_TOO_LONG;
  else if (field == TRJ_LINES_COLUMN_UNIT_AMOUNT)
    return unit_amount_to_verify (model, row, tooltip) ? TRJ_GRID_ALERT_WARNING : TRJ_GRID_ALERT_NONE;
  else
    return TRJ_GRID_ALERT_NONE;
  return trj_envelope_model_line_alert (TRJ_ENVELOPE_MODEL (model), row, code, tooltip)
         ? TRJ_GRID_ALERT_WARNING : TRJ_GRID_ALERT_NONE;
}

/* The line's note shows on its label (trj-grid-model.h). */
static char *
get_note (TrjGridModel *model, guint row, guint column)
{
  const TrjLine *line = line_at (model, row);

  if (line == NULL || line->note == NULL || field_at (model, column) != TRJ_LINES_COLUMN_LABEL)
    return NULL;
  return g_strdup (line->note);
}

static gboolean
is_editable (TrjGridModel *model, guint row, guint column)
{
  const TrjLine *line = line_at (model, row);
  TrjLinesColumn field = field_at (model, column);

  if (line == NULL || !TRJ_LINES_MODEL (model)->columns[field].editable)
    return FALSE;
  /* A parameter is typed only on the lines whose shape has it (MODEL 2.1, 3). */
  switch (field)
    {
    case TRJ_LINES_COLUMN_RATE:
    case TRJ_LINES_COLUMN_HOURS:
    case TRJ_LINES_COLUMN_DURATION:
    case TRJ_LINES_COLUMN_COFINANCING:
    case TRJ_LINES_COLUMN_VOLUME:
      return is_contract (line);
    case TRJ_LINES_COLUMN_QUANTITY:
    case TRJ_LINES_COLUMN_UNIT_AMOUNT:
      return is_post_aid (line);
    case TRJ_LINES_COLUMN_MODULATION:
      /* Fixed at 5 % in prison (Fiche 2 §2.2; `prison` comes from JSON or a programming file). */
      return is_post_aid (line) && !line->prison;
    case TRJ_LINES_COLUMN_RSA_RECIPIENTS:
    case TRJ_LINES_COLUMN_RSA_MONTHS:
      return is_iae (line);
    case TRJ_LINES_COLUMN_STRUCTURE_KIND:
    case TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY:
      return line->kind == TRJ_KIND_CDI_INCLUSION;
    case TRJ_LINES_COLUMN_COMMITMENT_MONTH:
      return !is_contract (line);
    case TRJ_LINES_COLUMN_AE_AMOUNT:
    case TRJ_LINES_COLUMN_FUNDED_FROM:
      return is_free (line);
    case TRJ_LINES_COLUMN_PUBLIC_QPV:
    case TRJ_LINES_COLUMN_PUBLIC_ZRR:
    case TRJ_LINES_COLUMN_PUBLIC_ESSMS:
    case TRJ_LINES_COLUMN_PUBLIC_SENIORS:
    case TRJ_LINES_COLUMN_RENEWAL_SHARE:
    case TRJ_LINES_COLUMN_EXCEPTION_REASON:
      return is_contract (line);
    case TRJ_LINES_COLUMN_LABEL:
    case TRJ_LINES_COLUMN_DEPARTEMENT:
    case TRJ_LINES_COLUMN_PRESCRIBER:
    case TRJ_LINES_COLUMN_KIND:
    case TRJ_LINES_COLUMN_LAG:
      return TRUE;
    case TRJ_LINES_COLUMN_AE:
    case TRJ_LINES_COLUMN_CP:
    case TRJ_LINES_COLUMN_AE_PER_CONTRACT:
    case TRJ_N_LINES_FIELDS:
    default:
      return FALSE;
    }
}

/* The catalogue's parameter of a numeric or month field, TRJ_N_PARAMS for the others. */
static TrjParam
field_param (TrjLinesColumn field)
{
  static const TrjParam params[TRJ_N_LINES_FIELDS] = {
    [TRJ_LINES_COLUMN_LABEL] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_DEPARTEMENT] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_PRESCRIBER] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_KIND] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_VOLUME] = TRJ_PARAM_VOLUME,
    [TRJ_LINES_COLUMN_RATE] = TRJ_PARAM_RATE,
    [TRJ_LINES_COLUMN_HOURS] = TRJ_PARAM_WEEKLY_HOURS,
    [TRJ_LINES_COLUMN_DURATION] = TRJ_PARAM_DURATION_MONTHS,
    [TRJ_LINES_COLUMN_COFINANCING] = TRJ_PARAM_COFINANCED_SHARE,
    [TRJ_LINES_COLUMN_LAG] = TRJ_PARAM_PAYMENT_LAG_MONTHS,
    [TRJ_LINES_COLUMN_AE] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_CP] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_AE_PER_CONTRACT] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_STRUCTURE_KIND] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_QUANTITY] = TRJ_PARAM_QUANTITY,
    [TRJ_LINES_COLUMN_UNIT_AMOUNT] = TRJ_PARAM_UNIT_AMOUNT,
    [TRJ_LINES_COLUMN_MODULATION] = TRJ_PARAM_MODULATION,
    [TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY] = TRJ_PARAM_SECOND_YEAR_QUANTITY,
    [TRJ_LINES_COLUMN_RSA_RECIPIENTS] = TRJ_PARAM_RSA_RECIPIENTS,
    [TRJ_LINES_COLUMN_RSA_MONTHS] = TRJ_PARAM_RSA_MONTHS,
    [TRJ_LINES_COLUMN_COMMITMENT_MONTH] = TRJ_PARAM_COMMITMENT_MONTH,
    [TRJ_LINES_COLUMN_AE_AMOUNT] = TRJ_PARAM_AE_AMOUNT,
    [TRJ_LINES_COLUMN_FUNDED_FROM] = TRJ_N_PARAMS,
    [TRJ_LINES_COLUMN_PUBLIC_QPV] = TRJ_PARAM_PUBLIC_SHARE,
    [TRJ_LINES_COLUMN_PUBLIC_ZRR] = TRJ_PARAM_PUBLIC_SHARE,
    [TRJ_LINES_COLUMN_PUBLIC_ESSMS] = TRJ_PARAM_PUBLIC_SHARE,
    [TRJ_LINES_COLUMN_PUBLIC_SENIORS] = TRJ_PARAM_PUBLIC_SHARE,
    [TRJ_LINES_COLUMN_RENEWAL_SHARE] = TRJ_PARAM_RENEWAL_SHARE,
    [TRJ_LINES_COLUMN_EXCEPTION_REASON] = TRJ_N_PARAMS,
  };

  g_return_val_if_fail (field < TRJ_N_LINES_FIELDS, TRJ_N_PARAMS);
  return params[field];
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

/* Parses a cell of `field`: *value for numbers, the index of a choice (type,
 * month, …), the index of the département (-1: none); NAN for an emptied unit
 * amount (back to the year's table). */
static gboolean
parse_cell (TrjLinesModel *self, TrjLinesColumn column, const char *text, double *value, GError **error)
{
  const TrjGridColumn *col = &self->columns[column];
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  TrjParam param = field_param (column);

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
  /* MODEL 2.8: a justification the catalogue bounds (a paste is checked
   * whole before any cell is set). */
  if (column == TRJ_LINES_COLUMN_EXCEPTION_REASON)
    {
      g_autoptr(GError) why = NULL;

      if (trj_catalog_check_reason (stripped, NULL, &why))
        return TRUE;
      g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID, "%s", why->message);
      return FALSE;
    }
  if (col->kind == TRJ_GRID_VALUE_TEXT)
    return TRUE;
  /* Delete empties a cell: no contracts, no cofinancing, no lag, no ETP, no
   * RSA recipients, its own envelope. The rate, hours, duration, type and
   * months have no empty value and refuse it. */
  if (*stripped == '\0' && (column == TRJ_LINES_COLUMN_VOLUME || column == TRJ_LINES_COLUMN_COFINANCING
                            || column == TRJ_LINES_COLUMN_LAG || column == TRJ_LINES_COLUMN_QUANTITY
                            || column == TRJ_LINES_COLUMN_MODULATION
                            || column == TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY
                            || column == TRJ_LINES_COLUMN_RSA_RECIPIENTS
                            || column == TRJ_LINES_COLUMN_RSA_MONTHS
                            || column == TRJ_LINES_COLUMN_AE_AMOUNT
                            || column == TRJ_LINES_COLUMN_FUNDED_FROM))
    {
      *value = 0;
      return TRUE;
    }
  /* An emptied unit amount goes back to the year's table (MODEL 3); an
   * emptied public or renewal share says nothing any more (MODEL 2.8). */
  if (*stripped == '\0' && (column == TRJ_LINES_COLUMN_UNIT_AMOUNT
                            || (column >= TRJ_LINES_COLUMN_PUBLIC_QPV && column <= TRJ_LINES_COLUMN_RENEWAL_SHARE)))
    {
      *value = NAN;
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
  /* The catalogue's hard limits, whole numbers included (a lag of 1,5 month). */
  if (param != TRJ_N_PARAMS && !trj_catalog_check (param, NULL, *value, NULL))
    {
      g_autofree char *name = trj_grid_column_name (col);
      g_autoptr(GError) why = NULL;

      trj_catalog_check (param, NULL, *value, &why);
      /* TRANSLATORS: a column's name, then why its value is refused */
      g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE, _("“%s”: %s"), name, why->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  double value;

  return parse_cell (TRJ_LINES_MODEL (model), field_at (model, column), text, &value, error);
}

static gboolean
set_cell_value (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjLinesModel *self = TRJ_LINES_MODEL (model);
  TrjEnvelopeModel *base = TRJ_ENVELOPE_MODEL (model);
  TrjWorkbook *wb = trj_envelope_model_get_workbook (base);
  gint64 scenario = trj_envelope_model_get_scenario_id (base);
  const TrjLine *line = line_at (model, row);
  TrjLinesColumn field = field_at (model, column);
  double value = 0;
  static const TrjLineField number_fields[TRJ_N_LINES_FIELDS] = {
    [TRJ_LINES_COLUMN_VOLUME] = TRJ_LINE_FIELD_VOLUME,
    [TRJ_LINES_COLUMN_RATE] = TRJ_LINE_FIELD_RATE,
    [TRJ_LINES_COLUMN_HOURS] = TRJ_LINE_FIELD_WEEKLY_HOURS,
    [TRJ_LINES_COLUMN_DURATION] = TRJ_LINE_FIELD_DURATION_MONTHS,
    [TRJ_LINES_COLUMN_COFINANCING] = TRJ_LINE_FIELD_COFINANCED_SHARE,
    [TRJ_LINES_COLUMN_LAG] = TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS,
    [TRJ_LINES_COLUMN_QUANTITY] = TRJ_LINE_FIELD_QUANTITY,
    [TRJ_LINES_COLUMN_UNIT_AMOUNT] = TRJ_LINE_FIELD_UNIT_AMOUNT,
    [TRJ_LINES_COLUMN_MODULATION] = TRJ_LINE_FIELD_MODULATION,
    [TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY] = TRJ_LINE_FIELD_SECOND_YEAR_QUANTITY,
    [TRJ_LINES_COLUMN_RSA_RECIPIENTS] = TRJ_LINE_FIELD_RSA_RECIPIENTS,
    [TRJ_LINES_COLUMN_RSA_MONTHS] = TRJ_LINE_FIELD_RSA_MONTHS,
    [TRJ_LINES_COLUMN_COMMITMENT_MONTH] = TRJ_LINE_FIELD_COMMITMENT_MONTH,
    [TRJ_LINES_COLUMN_AE_AMOUNT] = TRJ_LINE_FIELD_AE_AMOUNT,
    [TRJ_LINES_COLUMN_PUBLIC_QPV] = TRJ_LINE_FIELD_PUBLIC_QPV,
    [TRJ_LINES_COLUMN_PUBLIC_ZRR] = TRJ_LINE_FIELD_PUBLIC_ZRR,
    [TRJ_LINES_COLUMN_PUBLIC_ESSMS] = TRJ_LINE_FIELD_PUBLIC_ESSMS,
    [TRJ_LINES_COLUMN_PUBLIC_SENIORS] = TRJ_LINE_FIELD_PUBLIC_SENIORS,
    [TRJ_LINES_COLUMN_RENEWAL_SHARE] = TRJ_LINE_FIELD_RENEWAL_SHARE,
  };

  if (line == NULL || !is_editable (model, row, column))
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                           _("This figure is computed and cannot be typed"));
      return FALSE;
    }
  if (!parse_cell (self, field, text, &value, error))
    return FALSE;

  switch (field)
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
    case TRJ_LINES_COLUMN_QUANTITY:
    case TRJ_LINES_COLUMN_UNIT_AMOUNT:
    case TRJ_LINES_COLUMN_MODULATION:
    case TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY:
    case TRJ_LINES_COLUMN_RSA_RECIPIENTS:
    case TRJ_LINES_COLUMN_RSA_MONTHS:
    case TRJ_LINES_COLUMN_COMMITMENT_MONTH:
    case TRJ_LINES_COLUMN_AE_AMOUNT:
    case TRJ_LINES_COLUMN_PUBLIC_QPV:
    case TRJ_LINES_COLUMN_PUBLIC_ZRR:
    case TRJ_LINES_COLUMN_PUBLIC_ESSMS:
    case TRJ_LINES_COLUMN_PUBLIC_SENIORS:
    case TRJ_LINES_COLUMN_RENEWAL_SHARE:
      return trj_workbook_set_line_number (wb, scenario, line->id, number_fields[field], value, error);
    case TRJ_LINES_COLUMN_EXCEPTION_REASON:
      {
        g_autofree char *reason = g_strstrip (g_strdup (text));

        return trj_workbook_set_line_text (wb, scenario, line->id, TRJ_LINE_FIELD_EXCEPTION_REASON, reason,
                                           error);
      }
    case TRJ_LINES_COLUMN_STRUCTURE_KIND:
      return trj_workbook_set_line_number (wb, scenario, line->id, TRJ_LINE_FIELD_STRUCTURE_KIND,
                                           g_array_index (self->structure_kinds, TrjLineKind, (int) value),
                                           error);
    case TRJ_LINES_COLUMN_FUNDED_FROM:
      return trj_workbook_set_line_text (wb, scenario, line->id, TRJ_LINE_FIELD_FUNDED_FROM,
                                         self->funded_ids->pdata[(int) value], error);
    case TRJ_LINES_COLUMN_AE:
    case TRJ_LINES_COLUMN_CP:
    case TRJ_LINES_COLUMN_AE_PER_CONTRACT:
    case TRJ_N_LINES_FIELDS:
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
  iface->get_note = get_note;
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
  g_strfreev (self->month_choices);
  g_strfreev (self->structure_choices);
  g_strfreev (self->funded_choices);
  g_array_unref (self->kinds);
  g_array_unref (self->structure_kinds);
  g_ptr_array_unref (self->funded_ids);
  g_free (self->envelope_id);
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
fill_post_aid_choices (TrjLinesModel *self, const char *envelope_id)
{
  g_autoptr(GStrvBuilder) months = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) structures = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) funded = g_strv_builder_new ();

  for (int m = 1; m <= TRJ_MONTHS; m++)
    g_strv_builder_add (months, trj_format_month_long (m));
  self->month_choices = g_strv_builder_end (months);

  /* MODEL 3: a CDI inclusion takes the socle of an EI, ETTI, ACI, AI or EITI. */
  self->structure_kinds = g_array_new (FALSE, FALSE, sizeof (TrjLineKind));
  for (TrjLineKind k = 0; k < TRJ_N_KINDS; k++)
    if (trj_catalog_kind (k)->structure)
      {
        g_array_append_val (self->structure_kinds, k);
        g_strv_builder_add (structures, trj_catalog_kind_title (k));
      }
  self->structure_choices = g_strv_builder_end (structures);

  /* MODEL 3: an FDI line is funded from the margins of another envelope. */
  self->funded_ids = g_ptr_array_new ();
  g_ptr_array_add (self->funded_ids, NULL);
  g_strv_builder_add (funded, _("Its own envelope"));
  for (guint i = 0; i < trj_catalog_n_envelopes (); i++)
    {
      const TrjCatalogEnvelope *env = trj_catalog_envelope_at (i);

      if (g_strcmp0 (env->id, envelope_id) == 0)
        continue;
      g_ptr_array_add (self->funded_ids, (gpointer) env->id);
      g_strv_builder_add (funded, trj_catalog_envelope_title (env->id));
    }
  self->funded_choices = g_strv_builder_end (funded);
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
  fill_post_aid_choices (self, envelope_id);
}

/* The columns of each shape of envelope, in order (trj-lines-model.h). */
static void
choose_fields (TrjLinesModel *self, const char *envelope_id)
{
  const TrjCatalogEnvelope *env = trj_catalog_envelope (envelope_id);
  TrjLineShape shape = env != NULL ? trj_kind_shape (env->kinds[0]) : TRJ_LINE_SHAPE_CONTRACT;
  gboolean iae = FALSE, cdi = FALSE;
  guint n = 0;

  for (guint i = 0; env != NULL && i < env->n_kinds; i++)
    {
      iae |= trj_catalog_kind (env->kinds[i])->iae;
      cdi |= env->kinds[i] == TRJ_KIND_CDI_INCLUSION;
    }
#define ADD(f) (self->fields[n++] = (f))
  switch (shape)
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      for (TrjLinesColumn f = 0; f < TRJ_N_LINES_COLUMNS; f++)
        ADD (f);
      /* MODEL 2.8: the columns the user chose, after the others. */
      for (TrjLinesColumn f = TRJ_LINES_FIRST_OPTIONAL; f < TRJ_N_LINES_FIELDS; f++)
        if (self->shown[f - TRJ_LINES_FIRST_OPTIONAL])
          ADD (f);
      break;
    case TRJ_LINE_SHAPE_POST_AID:
      ADD (TRJ_LINES_COLUMN_LABEL);
      ADD (TRJ_LINES_COLUMN_DEPARTEMENT);
      ADD (TRJ_LINES_COLUMN_KIND);
      if (cdi)
        ADD (TRJ_LINES_COLUMN_STRUCTURE_KIND);
      ADD (TRJ_LINES_COLUMN_QUANTITY);
      ADD (TRJ_LINES_COLUMN_UNIT_AMOUNT);
      if (iae)
        ADD (TRJ_LINES_COLUMN_MODULATION);
      if (cdi)
        ADD (TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY);
      if (iae)
        {
          ADD (TRJ_LINES_COLUMN_RSA_RECIPIENTS);
          ADD (TRJ_LINES_COLUMN_RSA_MONTHS);
        }
      ADD (TRJ_LINES_COLUMN_COMMITMENT_MONTH);
      ADD (TRJ_LINES_COLUMN_LAG);
      ADD (TRJ_LINES_COLUMN_AE);
      ADD (TRJ_LINES_COLUMN_CP);
      ADD (TRJ_LINES_COLUMN_AE_PER_CONTRACT);
      break;
    case TRJ_LINE_SHAPE_FREE:
      ADD (TRJ_LINES_COLUMN_LABEL);
      ADD (TRJ_LINES_COLUMN_DEPARTEMENT);
      ADD (TRJ_LINES_COLUMN_AE_AMOUNT);
      ADD (TRJ_LINES_COLUMN_COMMITMENT_MONTH);
      ADD (TRJ_LINES_COLUMN_FUNDED_FROM);
      ADD (TRJ_LINES_COLUMN_CP);
      break;
    default:
      g_return_if_reached ();
    }
#undef ADD
  self->n_columns = n;

  /* Titles in the envelope's words (MODEL 3: ETP or aides, never contrats). */
  if (shape == TRJ_LINE_SHAPE_POST_AID)
    {
      gboolean aids = env->unit == TRJ_UNIT_AIDS;
      /* Sixteen columns of an IAE envelope in a 1280-pixel window: the
       * figures at the width of their usual values ("23 458 €", "janvier"). */
      static const struct { TrjLinesColumn field; int width; } narrow[] = {
        { TRJ_LINES_COLUMN_DEPARTEMENT, 4 }, { TRJ_LINES_COLUMN_KIND, 7 },
        { TRJ_LINES_COLUMN_STRUCTURE_KIND, 4 }, { TRJ_LINES_COLUMN_QUANTITY, 4 },
        { TRJ_LINES_COLUMN_UNIT_AMOUNT, 6 }, { TRJ_LINES_COLUMN_MODULATION, 4 },
        { TRJ_LINES_COLUMN_SECOND_YEAR_QUANTITY, 3 },
        { TRJ_LINES_COLUMN_RSA_RECIPIENTS, 3 }, { TRJ_LINES_COLUMN_RSA_MONTHS, 3 },
        { TRJ_LINES_COLUMN_COMMITMENT_MONTH, 6 }, { TRJ_LINES_COLUMN_LAG, 3 },
        { TRJ_LINES_COLUMN_AE, 9 }, { TRJ_LINES_COLUMN_CP, 9 }, { TRJ_LINES_COLUMN_AE_PER_CONTRACT, 6 },
      };

      for (guint i = 0; i < G_N_ELEMENTS (narrow); i++)
        self->columns[narrow[i].field].width_chars = narrow[i].width;
      self->short_departement = TRUE;
      self->columns[TRJ_LINES_COLUMN_DEPARTEMENT].title = _("Dept.");

      self->columns[TRJ_LINES_COLUMN_LABEL].title = _("Structure");
      self->columns[TRJ_LINES_COLUMN_QUANTITY].title = aids ? _("Aids") : _("ETP");
      self->columns[TRJ_LINES_COLUMN_AE_PER_CONTRACT].title = aids ? _("AE per\naid") : _("AE per\nETP");
    }
  else if (shape == TRJ_LINE_SHAPE_FREE)
    self->columns[TRJ_LINES_COLUMN_COMMITMENT_MONTH].title = _("Month");
}

gboolean
trj_lines_model_has_optional (TrjLinesModel *self)
{
  const TrjCatalogEnvelope *env;

  g_return_val_if_fail (TRJ_IS_LINES_MODEL (self), FALSE);
  env = trj_catalog_envelope (self->envelope_id);
  return env == NULL || trj_kind_shape (env->kinds[0]) == TRJ_LINE_SHAPE_CONTRACT;
}

const char *
trj_lines_model_optional_name (TrjLinesColumn field)
{
  g_return_val_if_fail (field >= TRJ_LINES_FIRST_OPTIONAL && field < TRJ_N_LINES_FIELDS, NULL);
  if (field <= TRJ_LINES_COLUMN_PUBLIC_SENIORS)
    return trj_catalog_public_code (field - TRJ_LINES_COLUMN_PUBLIC_QPV);
  return field == TRJ_LINES_COLUMN_RENEWAL_SHARE ? "renewal_share" : "exception_reason";
}

char *
trj_lines_model_optional_title (TrjLinesModel *self, TrjLinesColumn field)
{
  g_return_val_if_fail (TRJ_IS_LINES_MODEL (self), NULL);
  g_return_val_if_fail (field >= TRJ_LINES_FIRST_OPTIONAL && field < TRJ_N_LINES_FIELDS, NULL);
  if (field <= TRJ_LINES_COLUMN_PUBLIC_SENIORS)
    return g_strdup (trj_catalog_public_title (field - TRJ_LINES_COLUMN_PUBLIC_QPV));
  return g_strdup (field == TRJ_LINES_COLUMN_RENEWAL_SHARE ? _("Share of renewals")
                                                           : _("Justification of an exceptional request"));
}

gboolean
trj_lines_model_get_shown (TrjLinesModel *self, TrjLinesColumn field)
{
  g_return_val_if_fail (TRJ_IS_LINES_MODEL (self), FALSE);
  g_return_val_if_fail (field >= TRJ_LINES_FIRST_OPTIONAL && field < TRJ_N_LINES_FIELDS, FALSE);
  return self->shown[field - TRJ_LINES_FIRST_OPTIONAL];
}

void
trj_lines_model_set_shown (TrjLinesModel *self, TrjLinesColumn field, gboolean shown)
{
  g_return_if_fail (TRJ_IS_LINES_MODEL (self));
  g_return_if_fail (field >= TRJ_LINES_FIRST_OPTIONAL && field < TRJ_N_LINES_FIELDS);
  if (self->shown[field - TRJ_LINES_FIRST_OPTIONAL] == !!shown)
    return;
  self->shown[field - TRJ_LINES_FIRST_OPTIONAL] = !!shown;
  if (trj_lines_model_has_optional (self))
    choose_fields (self, self->envelope_id);
}

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
  const TrjGridColumn template[TRJ_N_LINES_FIELDS] = {
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
    { _("Structure\nkind"), 6, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_CHOICE, TRUE },
    { _("ETP"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE },
    { _("Unit\namount"), 8, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, TRUE },
    { _("Modulated\npart"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("ETP 2nd\nyear"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE },
    { _("RSA\nrecipients"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE },
    { _("Cofinancing\nmonths"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_DECIMAL, TRUE },
    { _("Commitment\nmonth"), 7, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_CHOICE, TRUE },
    { _("AE"), 10, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, TRUE },
    { _("Funded\nfrom"), 12, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_CHOICE, TRUE },
    { _("QPV"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("ZRR"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("ESSMS"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("Seniors"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("Renew-\nals"), 5, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_RATE, TRUE },
    { _("Justification"), 16, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, TRUE },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (template) == TRJ_N_LINES_FIELDS);
  self->envelope_id = g_strdup (envelope_id);
  fill_choices (self, trj_document_get_workbook (document), envelope_id);
  memcpy (self->columns, template, sizeof template);
  choose_fields (self, envelope_id);
  /* Ranges are the catalogue's; the months and no/yes are choices. */
  for (TrjLinesColumn f = 0; f < TRJ_N_LINES_FIELDS; f++)
    if (field_param (f) != TRJ_N_PARAMS && self->columns[f].kind != TRJ_GRID_VALUE_CHOICE)
      trj_envelope_model_column_limits (&self->columns[f], field_param (f));
  self->columns[TRJ_LINES_COLUMN_DEPARTEMENT].choices = (const char * const *) self->departement_choices;
  self->columns[TRJ_LINES_COLUMN_KIND].choices = (const char * const *) self->kind_choices;
  self->columns[TRJ_LINES_COLUMN_STRUCTURE_KIND].choices = (const char * const *) self->structure_choices;
  self->columns[TRJ_LINES_COLUMN_COMMITMENT_MONTH].choices = (const char * const *) self->month_choices;
  self->columns[TRJ_LINES_COLUMN_FUNDED_FROM].choices = (const char * const *) self->funded_choices;
  update_prescribers (self, NULL);
  return self;
}
