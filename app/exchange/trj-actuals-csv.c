/* trj-actuals-csv.c — importing actuals from a CSV file (MODEL 8) */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-actuals-csv.h"
#include "trj-catalog.h"
#include "trj-csv-private.h"
#include "trj-format.h"

typedef enum {
  COL_ENVELOPE, COL_ID, COL_MONTH, COL_KIND, COL_DEPARTEMENT, COL_PRESCRIBER,
  COL_ENTRIES, COL_RATE, COL_HOURS, COL_DURATION, COL_COFINANCING, COL_ETP, COL_AE, COL_CP,
  N_COLS
} Column;

/* As the header writes them (MODEL 8), and the parameter whose limits a value takes. */
static const struct {
  const char *name;
  int param;           /* TrjParam, -1: not a number */
  gboolean share;
} columns[N_COLS] = {
  [COL_ENVELOPE]    = { "enveloppe", -1, FALSE },
  [COL_ID]          = { "identifiant", -1, FALSE },
  [COL_MONTH]       = { "mois", -1, FALSE },
  [COL_KIND]        = { "type", -1, FALSE },
  [COL_DEPARTEMENT] = { "département", -1, FALSE },
  [COL_PRESCRIBER]  = { "prescripteur", -1, FALSE },
  [COL_ENTRIES]     = { "entrées", TRJ_PARAM_ACTUAL_ENTRIES, FALSE },
  [COL_RATE]        = { "taux", TRJ_PARAM_RATE, TRUE },
  [COL_HOURS]       = { "heures", TRJ_PARAM_WEEKLY_HOURS, FALSE },
  [COL_DURATION]    = { "durée", TRJ_PARAM_DURATION_MONTHS, FALSE },
  [COL_COFINANCING] = { "cofinancement", TRJ_PARAM_COFINANCED_SHARE, TRUE },
  [COL_ETP]         = { "ETP", TRJ_PARAM_ACTUAL_ETP, FALSE },
  [COL_AE]          = { "AE", TRJ_PARAM_ACTUAL_AE, FALSE },
  [COL_CP]          = { "CP", TRJ_PARAM_ACTUAL_CP, FALSE },
};

static const char *
cell (GPtrArray *fields, const int *index, Column c)
{
  if (index[c] < 0 || (guint) index[c] >= fields->len)
    return NULL;
  return g_strstrip ((char *) g_ptr_array_index (fields, index[c]));
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
text_equal (const char *a, const char *b)
{
  g_autofree char *na = trj_csv_normalise_name (a ? a : "");
  g_autofree char *nb = trj_csv_normalise_name (b ? b : "");

  return g_str_equal (na, nb);
}

/* The line a row names, or NULL with its error added. */
static const TrjLine *
find_line (GPtrArray *fields, const int *index, guint row, const TrjScenario *scenario,
           TrjEnvelope **envelope, TrjCsvErrors *errors)
{
  const char *id = cell (fields, index, COL_ID);
  const char *kind = cell (fields, index, COL_KIND);
  const char *dep = cell (fields, index, COL_DEPARTEMENT);
  const char *presc = cell (fields, index, COL_PRESCRIBER);
  const TrjLine *found = NULL;
  guint n = 0;

  if (has_text (id))
    {
      found = trj_scenario_find_line (scenario, id, envelope);
      if (found == NULL)
        trj_csv_errors_add (errors, row, columns[COL_ID].name,
                            _("no line “%s” in the scenario"), id);
      return found;
    }
  if (index[COL_KIND] < 0 || !has_text (kind))
    {
      trj_csv_errors_add (errors, row, NULL,
                          _("the line is named neither by its identifiant nor by its type, "
                            "département and prescripteur"));
      return NULL;
    }
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);

          if (text_equal (trj_kind_to_string (line->kind), kind) &&
              text_equal (line->departement, dep) && text_equal (line->prescriber, presc))
            {
              if (n++ == 0)
                {
                  found = line;
                  *envelope = env;
                }
            }
        }
    }
  if (n == 0)
    trj_csv_errors_add (errors, row, NULL, _("no line of type %s, département “%s” and prescripteur “%s”"),
                        kind, dep ? dep : "", presc ? presc : "");
  else if (n > 1)
    trj_csv_errors_add (errors, row, NULL,
                        _("%u lines have the type %s, the département “%s” and the prescripteur “%s”: "
                          "name the line by its identifiant"), n, kind, dep ? dep : "", presc ? presc : "");
  return n == 1 ? found : NULL;
}

static double *
row_value (TrjActual *row, Column c)
{
  switch (c)
    {
    case COL_ENTRIES:     return &row->entries;
    case COL_RATE:        return &row->rate;
    case COL_HOURS:       return &row->weekly_hours;
    case COL_DURATION:    return &row->duration_months;
    case COL_COFINANCING: return &row->cofinanced_share;
    case COL_ETP:         return &row->etp;
    case COL_AE:          return &row->ae;
    case COL_CP:          return &row->cp;
    /* The columns that name the line carry no value. */
    case COL_ENVELOPE:
    case COL_ID:
    case COL_MONTH:
    case COL_KIND:
    case COL_DEPARTEMENT:
    case COL_PRESCRIBER:
    case N_COLS:
    default:              return NULL;
    }
}

static void
read_row (GPtrArray *fields, const int *index, guint r, const TrjScenario *scenario,
          TrjActuals *actuals, TrjCsvErrors *errors)
{
  TrjEnvelope *envelope = NULL;
  const TrjLine *line = find_line (fields, index, r, scenario, &envelope, errors);
  const char *month_text = cell (fields, index, COL_MONTH);
  const char *env_text = cell (fields, index, COL_ENVELOPE);
  TrjActual row = { NULL, NULL, 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  gboolean ok = line != NULL, any = FALSE;

  if (!has_text (month_text) || !trj_csv_parse_month (month_text, &row.month))
    {
      trj_csv_errors_add (errors, r, columns[COL_MONTH].name,
                          _("“%s” is not a month: 1 to 12, or « janvier » to « décembre »"),
                          month_text ? month_text : "");
      ok = FALSE;
    }
  if (line != NULL && has_text (env_text) && !g_str_equal (env_text, envelope->id))
    {
      trj_csv_errors_add (errors, r, columns[COL_ENVELOPE].name,
                          _("the line “%s” is in the envelope %s, not %s"), line->id, envelope->id, env_text);
      ok = FALSE;
    }
  for (Column c = COL_ENTRIES; c < N_COLS; c++)
    {
      const char *text = cell (fields, index, c);
      const TrjParamSpec *spec;

      if (!has_text (text))
        continue;
      spec = trj_catalog_param ((TrjParam) columns[c].param);
      if (!trj_csv_read_number (errors, r, columns[c].name, text, columns[c].share, spec->min,
                                spec->min_open, spec->max, NAN, row_value (&row, c)))
        {
          ok = FALSE;
          continue;
        }
      any = TRUE;
      if (line != NULL && trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT && c <= COL_COFINANCING)
        {
          trj_csv_errors_add (errors, r, columns[c].name,
                              _("the line “%s” is not a contract line: it reports ETP"), line->id);
          ok = FALSE;
        }
      else if (line != NULL && trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT && c == COL_ETP)
        {
          trj_csv_errors_add (errors, r, columns[c].name,
                              _("the line “%s” is a contract line: it reports entries"), line->id);
          ok = FALSE;
        }
    }
  if (ok && !any)
    {
      trj_csv_errors_add (errors, r, NULL, _("the row reports no value"));
      ok = FALSE;
    }
  if (ok && trj_actuals_find (actuals, line->id, row.month) != NULL)
    {
      trj_csv_errors_add (errors, r, NULL, _("the line “%s” already has a row for %s"), line->id,
                          trj_format_month_long ((int) row.month + 1));
      ok = FALSE;
    }
  if (!ok)
    return;
  row.line = line->id;
  row.envelope = envelope->id;
  trj_actuals_set (actuals, &row);
}

TrjActuals *
trj_actuals_read_csv (const char *path, const TrjScenario *scenario, GError **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *no_separator = g_strdup_printf (_("“%s”, line 1: no “;” or “,” separator; is this a CSV "
                                                     "table of actuals?"), display);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) error_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TrjActuals) actuals = trj_actuals_new ();
  TrjCsvErrors errors = { error_list, 0 };
  const char *encoding;
  char separator;
  const char *names[N_COLS];
  int index[N_COLS];
  GPtrArray *header;

  rows = trj_csv_read_table (path, display, &encoding, &separator, no_separator, error);
  if (rows == NULL)
    return NULL;
  header = g_ptr_array_index (rows, 0);
  for (int c = 0; c < N_COLS; c++)
    names[c] = columns[c].name;
  trj_csv_map_header (&errors, header, names, N_COLS, index);
  if (index[COL_MONTH] < 0)
    trj_csv_errors_add (&errors, 1, NULL, _("the column « mois » is missing"));
  if (index[COL_ID] < 0 && (index[COL_KIND] < 0 || index[COL_DEPARTEMENT] < 0 || index[COL_PRESCRIBER] < 0))
    trj_csv_errors_add (&errors, 1, NULL, _("the lines need the column « identifiant », or the columns "
                                           "« type », « département » and « prescripteur »"));
  if (!trj_csv_errors_report (&errors, display, error))
    return NULL;

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (rows, r);

      if (trj_csv_is_data_row (&errors, header, fields, r + 1))
        read_row (fields, index, r + 1, scenario, actuals, &errors);
    }
  if (!trj_csv_errors_report (&errors, display, error))
    return NULL;
  if (actuals->rows->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has a header but no row"), display);
      return NULL;
    }
  return g_steal_pointer (&actuals);
}
