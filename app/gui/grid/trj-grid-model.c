/* trj-grid-model.c — the data interface behind a TrjGrid */

#include "trj-grid-model.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trj-format.h"

G_DEFINE_QUARK (trj-grid-error-quark, trj_grid_error)

G_DEFINE_INTERFACE (TrjGridModel, trj_grid_model, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
trj_grid_model_real_validate (TrjGridModel *self,
                              guint         row,
                              guint         column,
                              const char   *text,
                              GError      **error)
{
  double value;

  return trj_grid_column_parse (trj_grid_model_get_column (self, column), text, &value, error);
}

static void
trj_grid_model_default_init (TrjGridModelInterface *iface)
{
  iface->validate = trj_grid_model_real_validate;

  /**
   * TrjGridModel::changed:
   * @position: first row concerned
   * @removed: rows removed there
   * @added: rows added there (== @removed: values changed only)
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

guint
trj_grid_model_get_n_rows (TrjGridModel *self)
{
  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), 0);
  return TRJ_GRID_MODEL_GET_IFACE (self)->get_n_rows (self);
}

guint
trj_grid_model_get_n_columns (TrjGridModel *self)
{
  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), 0);
  return TRJ_GRID_MODEL_GET_IFACE (self)->get_n_columns (self);
}

const TrjGridColumn *
trj_grid_model_get_column (TrjGridModel *self,
                           guint         column)
{
  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), NULL);
  return TRJ_GRID_MODEL_GET_IFACE (self)->get_column (self, column);
}

char *
trj_grid_model_get_text (TrjGridModel *self,
                         guint         row,
                         guint         column)
{
  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), NULL);
  return TRJ_GRID_MODEL_GET_IFACE (self)->get_text (self, row, column);
}

char *
trj_grid_model_get_edit_text (TrjGridModel *self,
                              guint         row,
                              guint         column)
{
  TrjGridModelInterface *iface;

  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), NULL);
  iface = TRJ_GRID_MODEL_GET_IFACE (self);
  if (iface->get_edit_text != NULL)
    return iface->get_edit_text (self, row, column);
  return iface->get_text (self, row, column);
}

TrjGridAlert
trj_grid_model_get_alert (TrjGridModel *self,
                          guint         row,
                          guint         column,
                          char        **tooltip)
{
  TrjGridModelInterface *iface;

  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), TRJ_GRID_ALERT_NONE);
  g_return_val_if_fail (tooltip != NULL && *tooltip == NULL, TRJ_GRID_ALERT_NONE);
  iface = TRJ_GRID_MODEL_GET_IFACE (self);
  if (iface->get_alert == NULL)
    return TRJ_GRID_ALERT_NONE;
  return iface->get_alert (self, row, column, tooltip);
}

gboolean
trj_grid_model_is_editable (TrjGridModel *self,
                            guint         row,
                            guint         column)
{
  TrjGridModelInterface *iface;

  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), FALSE);
  iface = TRJ_GRID_MODEL_GET_IFACE (self);
  if (iface->is_editable != NULL)
    return iface->is_editable (self, row, column);
  return iface->get_column (self, column)->editable;
}

gboolean
trj_grid_model_validate (TrjGridModel *self,
                         guint         row,
                         guint         column,
                         const char   *text,
                         GError      **error)
{
  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  return TRJ_GRID_MODEL_GET_IFACE (self)->validate (self, row, column, text, error);
}

gboolean
trj_grid_model_set_cell (TrjGridModel *self,
                         guint         row,
                         guint         column,
                         const char   *text,
                         GError      **error)
{
  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  return TRJ_GRID_MODEL_GET_IFACE (self)->set_cell (self, row, column, text, error);
}

void
trj_grid_model_begin_batch (TrjGridModel *self,
                            const char   *label)
{
  TrjGridModelInterface *iface;

  g_return_if_fail (TRJ_IS_GRID_MODEL (self));
  iface = TRJ_GRID_MODEL_GET_IFACE (self);
  if (iface->begin_batch != NULL)
    iface->begin_batch (self, label);
}

void
trj_grid_model_end_batch (TrjGridModel *self,
                          gboolean      commit)
{
  TrjGridModelInterface *iface;

  g_return_if_fail (TRJ_IS_GRID_MODEL (self));
  iface = TRJ_GRID_MODEL_GET_IFACE (self);
  if (iface->end_batch != NULL)
    iface->end_batch (self, commit);
}

gboolean
trj_grid_model_can_add_rows (TrjGridModel *self)
{
  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), FALSE);
  return TRJ_GRID_MODEL_GET_IFACE (self)->add_rows != NULL;
}

guint
trj_grid_model_get_n_data_rows (TrjGridModel *self)
{
  TrjGridModelInterface *iface;

  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), 0);
  iface = TRJ_GRID_MODEL_GET_IFACE (self);
  return iface->get_n_data_rows != NULL ? iface->get_n_data_rows (self) : trj_grid_model_get_n_rows (self);
}

gboolean
trj_grid_model_add_rows (TrjGridModel *self, guint n, GError **error)
{
  g_return_val_if_fail (trj_grid_model_can_add_rows (self), FALSE);
  return TRJ_GRID_MODEL_GET_IFACE (self)->add_rows (self, n, error);
}

char *
trj_grid_model_get_note (TrjGridModel *self, guint row, guint column)
{
  TrjGridModelInterface *iface;
  char *note;

  g_return_val_if_fail (TRJ_IS_GRID_MODEL (self), NULL);
  iface = TRJ_GRID_MODEL_GET_IFACE (self);
  if (iface->get_note == NULL)
    return NULL;
  note = iface->get_note (self, row, column);
  if (note != NULL && *note == '\0')
    g_clear_pointer (&note, g_free);
  return note;
}

char *
trj_grid_column_name (const TrjGridColumn *column)
{
  GString *name = g_string_new (NULL);

  /* One line: « Heures/\nsem. » is read « Heures/sem. », « Durée\n(mois) »
   * « Durée (mois) ». */
  for (const char *p = column->title; *p != '\0'; p++)
    if (*p != '\n')
      g_string_append_c (name, *p);
    else if (p > column->title && p[-1] != '/' && p[-1] != '-')
      g_string_append_c (name, ' ');
  return g_string_free (name, FALSE);
}

void
trj_grid_model_changed (TrjGridModel *self,
                        guint         position,
                        guint         removed,
                        guint         added)
{
  g_return_if_fail (TRJ_IS_GRID_MODEL (self));
  g_signal_emit (self, signals[CHANGED], 0, position, removed, added);
}

void
trj_grid_model_values_changed (TrjGridModel *self)
{
  guint n_rows = trj_grid_model_get_n_rows (self);

  trj_grid_model_changed (self, 0, n_rows, n_rows);
}

/* Range bounds as a planner reads them: rates as "0" … "100 %", money in euros. */
static char *
format_bound (const TrjGridColumn *column,
              double               bound,
              gboolean             upper)
{
  int decimals = (bound * 100.0 == floor (bound * 100.0)) ? 0 : 1;

  switch (column->kind)
    {
    case TRJ_GRID_VALUE_RATE:
      return upper ? trj_format_percent (bound, decimals)
                   : trj_format_number (bound * 100.0, decimals);
    case TRJ_GRID_VALUE_MONEY:
      return trj_format_money (bound);
    case TRJ_GRID_VALUE_INTEGER:
      return trj_format_integer (bound);
    case TRJ_GRID_VALUE_TEXT:
    case TRJ_GRID_VALUE_CHOICE:
    case TRJ_GRID_VALUE_DECIMAL:
    default:
      return trj_format_number (bound, bound == floor (bound) ? 0 : 2);
    }
}

/* The typed or pasted text as a message quotes it: a pasted megabyte would
 * cost seconds and hundreds of MB to lay out next to the cell. */
static char *
quoted_text (const char *text)
{
  const glong max_chars = 40;

  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, max_chars + 1) <= max_chars)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, max_chars - 1);
  return g_strconcat (start, "…", NULL);
}

static gboolean
parse_choice (const TrjGridColumn *column,
              const char          *text,
              double              *value,
              GError             **error)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *shown = NULL;
  guint i, n_prefixed = 0, prefixed = 0;

  for (i = 0; column->choices != NULL && column->choices[i] != NULL; i++)
    {
      g_autofree char *choice = g_utf8_casefold (column->choices[i], -1);

      if (g_strcmp0 (choice, folded) == 0)
        {
          *value = i;
          return TRUE;
        }
      if (g_str_has_prefix (choice, folded))
        {
          n_prefixed++;
          prefixed = i;
        }
      /* Long lists (départements) are not spelled out in a message. */
      if (i < 8)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", column->choices[i]);
      else if (i == 8)
        g_string_append (list, ", …");
    }

  /* The start of one choice is enough ("cie j" for "CIE jeunes"). */
  if (n_prefixed == 1)
    {
      *value = prefixed;
      return TRUE;
    }

  shown = quoted_text (text);
  /* TRANSLATORS: %s are the typed text and the list of accepted values. */
  g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
               _("“%s” is not one of the accepted values: %s"), shown, list->str);
  return FALSE;
}

gboolean
trj_grid_column_parse (const TrjGridColumn *column,
                       const char          *text,
                       double              *value,
                       GError             **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *shown = NULL;
  gboolean ok;

  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = 0.0;
  if (column->kind == TRJ_GRID_VALUE_TEXT)
    return TRUE;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0' && column->kind == TRJ_GRID_VALUE_CHOICE)
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                           _("A value is required"));
      return FALSE;
    }

  switch (column->kind)
    {
    case TRJ_GRID_VALUE_CHOICE:
      return parse_choice (column, stripped, value, error);

    case TRJ_GRID_VALUE_RATE:
      if (*stripped != '\0' && !trj_parse_rate (stripped, value))
        {
          shown = quoted_text (stripped);
          g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                       _("“%s” is not a rate (type for example 50 %%, 50,5 or 0,5)"),
                       shown);
          return FALSE;
        }
      break;

    case TRJ_GRID_VALUE_MONEY:
      /* What the grid displays ("12 500 €") must parse back (copy, then paste). */
      if (g_str_has_suffix (stripped, "€"))
        stripped[strlen (stripped) - strlen ("€")] = '\0';
      G_GNUC_FALLTHROUGH;
    case TRJ_GRID_VALUE_INTEGER:
    case TRJ_GRID_VALUE_DECIMAL:
    case TRJ_GRID_VALUE_TEXT:
    default:
      /* An emptied number cell (Delete) means zero. */
      ok = *stripped == '\0' || trj_parse_number (stripped, value);
      if (!ok)
        {
          shown = quoted_text (stripped);
          g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                       _("“%s” is not a number"), shown);
          return FALSE;
        }
      if (column->kind == TRJ_GRID_VALUE_INTEGER && *value != floor (*value))
        {
          shown = quoted_text (stripped);
          g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                       _("“%s” is not a whole number"), shown);
          return FALSE;
        }
      break;
    }

  if (column->min < column->max && (*value < column->min || *value > column->max))
    {
      g_autofree char *low = format_bound (column, column->min, FALSE);
      g_autofree char *high = format_bound (column, column->max, TRUE);

      if (column->kind == TRJ_GRID_VALUE_RATE)
        /* TRANSLATORS: "between 0 and 100 %" */
        g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE,
                     _("The rate must be between %s and %s"), low, high);
      else
        g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE,
                     _("The value must be between %s and %s"), low, high);
      return FALSE;
    }

  return TRUE;
}
