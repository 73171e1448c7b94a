/* trj-notification-csv.c — see trj-notification-csv.h */
#include "config.h"

#include <math.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-csv-private.h"
#include "trj-engine.h"
#include "trj-notification-csv.h"
#include "trj-year-data.h"

typedef enum { COL_ENVELOPE, COL_AE, COL_CP, COL_VOLUME, COL_REGION, N_COLS } Column;

static const struct {
  const char *name;
  int param;           /* TrjParam, -1: not a number */
  gboolean required;
} columns[N_COLS] = {
  [COL_ENVELOPE] = { "enveloppe", -1, TRUE },
  [COL_AE]       = { "AE", TRJ_PARAM_AE_NOTIFIED, TRUE },
  [COL_CP]       = { "CP", TRJ_PARAM_CP_NOTIFIED, TRUE },
  [COL_VOLUME]   = { "volume", TRJ_PARAM_VOLUME_NOTIFIED, FALSE },
  [COL_REGION]   = { "région", -1, FALSE },
};

typedef struct {
  const char *envelope;   /* the catalogue's id */
  double ae, cp, volume;  /* volume NAN: not given */
} Row;

static const char *
cell (GPtrArray *fields, const int *index, Column c)
{
  if (index[c] < 0 || (guint) index[c] >= fields->len)
    return NULL;
  return g_strstrip ((char *) g_ptr_array_index (fields, index[c]));
}

/* Whether the row is the scenario's region (accents, case, spaces and dashes
 * aside; no region: it is). A name that is no region of the year's
 * notification is an error: a misspelt « Bretagn » must not drop its row
 * unseen. */
static gboolean
is_scenario_region (const char *text, const TrjScenario *scenario, guint r,
                    TrjCsvErrors *errors)
{
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  const TrjRegion *found;

  if (text == NULL || *text == '\0')
    return TRUE;
  found = data != NULL ? trj_year_data_find_region (data, text) : NULL;
  if (found == NULL)
    {
      trj_csv_errors_add (errors, r, columns[COL_REGION].name,
                          _("“%s” is not a region of the %d notification"), text, scenario->year);
      return FALSE;
    }
  return g_str_equal (found->name, scenario->region);
}

static void
read_row (GPtrArray *fields, const int *index, guint r, GArray *rows, TrjCsvErrors *errors)
{
  const char *id = cell (fields, index, COL_ENVELOPE);
  const TrjCatalogEnvelope *known = trj_catalog_envelope (id);
  Row row = { NULL, 0, 0, NAN };
  double *values[N_COLS] = { [COL_AE] = &row.ae, [COL_CP] = &row.cp, [COL_VOLUME] = &row.volume };
  gboolean ok = TRUE;

  if (known == NULL)
    {
      g_autofree char *ids = NULL;
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < trj_catalog_n_envelopes (); i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", trj_catalog_envelope_at (i)->id);
      ids = g_string_free (list, FALSE);
      trj_csv_errors_add (errors, r, columns[COL_ENVELOPE].name,
                          _("“%s” is not an envelope (%s)"), id ? id : "", ids);
      ok = FALSE;
    }
  for (Column c = COL_AE; c <= COL_VOLUME; c++)
    {
      const char *text = cell (fields, index, c);
      const TrjParamSpec *spec;

      /* An empty optional cell is not given; an empty required one is an error. */
      if (index[c] < 0 || (!columns[c].required && (text == NULL || *text == '\0')))
        continue;
      spec = trj_catalog_param ((TrjParam) columns[c].param);
      ok &= trj_csv_read_number (errors, r, columns[c].name, text, FALSE,
                                 spec->min, spec->min_open, spec->max, NAN, values[c]);
    }
  if (!ok)
    return;
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (g_array_index (rows, Row, i).envelope, known->id))
      {
        trj_csv_errors_add (errors, r, columns[COL_ENVELOPE].name,
                            _("the envelope %s has already been given"), known->id);
        return;
      }
  row.envelope = known->id;
  g_array_append_val (rows, row);
}

/* Scales the contract lines of an envelope to a new total volume, keeping
 * their shares and profiles. */
static void
scale_contract_lines (TrjEnvelope *env, double volume)
{
  double total = 0;

  for (guint l = 0; l < env->lines->len; l++)
    {
      TrjLine *line = g_ptr_array_index (env->lines, l);

      if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT)
        total += trj_line_volume (line);
    }
  if (!(total > 0))
    return;
  for (guint l = 0; l < env->lines->len; l++)
    {
      TrjLine *line = g_ptr_array_index (env->lines, l);

      if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT)
        trj_line_set_unknown (line, TRJ_UNKNOWN_VOLUME, trj_line_volume (line) * volume / total);
    }
}

gboolean
trj_notification_csv_apply (const char *path, TrjScenario *scenario, GError **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *no_separator = g_strdup_printf (_("“%s”, line 1: no “;” or “,” separator; is this a CSV "
                                                     "table of a notification?"), display);
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) error_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  TrjCsvErrors errors = { error_list, 0 };
  const char *encoding;
  char separator;
  const char *names[N_COLS];
  int index[N_COLS];
  GPtrArray *header;

  table = trj_csv_read_table (path, display, &encoding, &separator, no_separator, error);
  if (table == NULL)
    return FALSE;
  header = g_ptr_array_index (table, 0);
  for (int c = 0; c < N_COLS; c++)
    names[c] = columns[c].name;
  trj_csv_map_header (&errors, header, names, N_COLS, index);
  for (int c = 0; c < N_COLS; c++)
    if (columns[c].required && index[c] < 0)
      trj_csv_errors_add (&errors, 1, NULL, _("the column « %s » is missing"), columns[c].name);
  if (!trj_csv_errors_report (&errors, display, error))
    return FALSE;

  for (guint r = 1; r < table->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (table, r);

      if (!trj_csv_is_data_row (&errors, header, fields, r + 1))
        continue;
      if (!is_scenario_region (cell (fields, index, COL_REGION), scenario, r + 1, &errors))
        continue;
      read_row (fields, index, r + 1, rows, &errors);
    }
  if (!trj_csv_errors_report (&errors, display, error))
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” has no row for %s"), display, scenario->region);
      return FALSE;
    }

  /* Nothing was wrong: apply every row. */
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      TrjEnvelope *env = trj_scenario_find_envelope (scenario, row->envelope);

      if (env == NULL)
        {
          env = trj_envelope_new (row->envelope);
          g_ptr_array_add (scenario->envelopes, env);
        }
      env->ae_notified = row->ae;
      env->cp_notified = row->cp;
      if (!isnan (row->volume))
        {
          if (row->volume != env->volume_notified)
            scale_contract_lines (env, row->volume);
          env->volume_notified = row->volume;
        }
    }
  return TRUE;
}
