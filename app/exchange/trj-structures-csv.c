/* trj-structures-csv.c — see trj-structures-csv.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-csv-private.h"
#include "trj-format.h"
#include "trj-structures-csv.h"
#include "trj-year-data.h"

/* ── Shared: the structures of the scenario, SIRET, kinds ──────────── */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
names_equal (const char *a, const char *b)
{
  g_autofree char *na = trj_csv_normalise_name (a ? a : "");
  g_autofree char *nb = trj_csv_normalise_name (b ? b : "");

  return g_str_equal (na, nb);
}

/* The SIRET of a cell: its digits, spaces (spreadsheets group them) left
 * out; an error of the row when it is not one. NULL for an empty cell. */
static char *
read_siret (TrjCsvErrors *errors, guint row, const char *column, const char *text, gboolean *ok)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *why = NULL;

  if (!has_text (text))
    return NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x202F && c != 0x00A0)
        g_string_append_unichar (digits, c);
    }
  if (!trj_siret_check (digits->str, &why))
    {
      trj_csv_errors_add (errors, row, column, "%s", why);
      *ok = FALSE;
      return NULL;
    }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* An IAE kind by its name (« ACI », « cdi_inclusion »); an error of the row otherwise. */
static gboolean
read_kind (TrjCsvErrors *errors, guint row, const char *column, const char *text, TrjLineKind *kind)
{
  for (guint k = 0; has_text (text) && k < TRJ_N_KINDS; k++)
    if (trj_catalog_kind (k)->iae && names_equal (trj_kind_to_string (k), text))
      {
        *kind = k;
        return TRUE;
      }
  trj_csv_errors_add (errors, row, column,
                      _("“%s” is not a kind of IAE line (EI, ETTI, ACI, AI, EITI, PASSERELLE, CDI_INCLUSION)"),
                      text ? text : "");
  return FALSE;
}

static gboolean
is_structure_line (const TrjLine *line)
{
  return trj_catalog_kind (line->kind)->iae && line->structure_name != NULL;
}

/* The same structure: the same SIRET when both have one, else the same name. */
static gboolean
same_structure (const TrjLine *line, const char *name, const char *siret)
{
  if (siret != NULL && line->siret != NULL)
    return g_str_equal (siret, line->siret);
  return name != NULL && names_equal (line->structure_name, name);
}

/* ── The register ─────────────────────────────────────────────────── */

typedef enum {
  S_NAME, S_SIRET, S_DEPARTEMENT, S_KIND, S_CONVENTIONNE, S_REALISE, S_QUANTITY,
  S_DECREASE, S_REVALUATION, S_DEVELOPMENT, S_PRISON,
  N_S_COLS
} StructureColumn;

static const char *const structure_columns[N_S_COLS] = {
  [S_NAME] = "nom",
  [S_SIRET] = "siret",
  [S_DEPARTEMENT] = "département",
  [S_KIND] = "type",
  [S_CONVENTIONNE] = "conventionné N-1",
  [S_REALISE] = "réalisé N-1",
  [S_QUANTITY] = "ETP",
  [S_DECREASE] = "diminution demandée",
  [S_REVALUATION] = "revalorisation demandée",
  [S_DEVELOPMENT] = "développement",
  [S_PRISON] = "milieu pénitentiaire",
};

/* oui / non, 1 / 0, x, vrai / faux; empty: no. */
static gboolean
read_flag (TrjCsvErrors *errors, guint row, const char *column, const char *text, gboolean *out)
{
  static const char *const yes[] = { "oui", "o", "1", "x", "vrai", "yes", NULL };
  static const char *const no[] = { "non", "n", "0", "faux", "no", NULL };
  g_autofree char *name = trj_csv_normalise_name (text ? text : "");

  *out = FALSE;
  if (*name == '\0' || g_strv_contains (no, name))
    return TRUE;
  if (g_strv_contains (yes, name))
    {
      *out = TRUE;
      return TRUE;
    }
  trj_csv_errors_add (errors, row, column, _("“%s” is neither « oui » nor « non »"), text);
  return FALSE;
}

static gboolean
read_etp (TrjCsvErrors *errors, guint row, int column, const char *text, TrjParam param, double *out)
{
  const TrjParamSpec *spec = trj_catalog_param (param);

  *out = NAN;
  if (!has_text (text))
    return TRUE;
  return trj_csv_read_number (errors, row, structure_columns[column], text, FALSE, spec->min, spec->min_open,
                              spec->max, NAN, out);
}

static char *
read_departement (TrjCsvErrors *errors, guint row, const char *text, const TrjScenario *scenario,
                  gboolean *ok)
{
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  const TrjRegion *region = data != NULL ? trj_year_data_find_region (data, scenario->region) : NULL;
  g_autofree char *code = NULL;

  if (!has_text (text))
    return NULL;
  /* Spreadsheets drop the leading zero of "01"…"09". */
  code = strlen (text) == 1 && g_ascii_isdigit (text[0]) ? g_strdup_printf ("0%s", text)
                                                          : g_ascii_strup (text, -1);
  if (region != NULL && trj_region_find_departement (region, code) == NULL)
    {
      trj_csv_errors_add (errors, row, structure_columns[S_DEPARTEMENT],
                          _("“%s” is not a département of %s"), text, scenario->region);
      *ok = FALSE;
    }
  return g_steal_pointer (&code);
}

static TrjStructureRow *
read_structure_row (GPtrArray *fields, const int *index, guint r, const TrjScenario *scenario,
                    TrjCsvErrors *errors)
{
  g_autoptr(TrjStructureRow) row = g_new0 (TrjStructureRow, 1);
  const char *name = trj_csv_cell (fields, index, S_NAME);
  const TrjEnvelope *env;
  gboolean ok = TRUE;

  if (!has_text (name))
    {
      trj_csv_errors_add (errors, r, structure_columns[S_NAME], _("a value is required"));
      ok = FALSE;
    }
  row->name = g_strdup (name);
  row->siret = read_siret (errors, r, structure_columns[S_SIRET], trj_csv_cell (fields, index, S_SIRET), &ok);
  row->departement = read_departement (errors, r, trj_csv_cell (fields, index, S_DEPARTEMENT), scenario, &ok);
  ok &= read_kind (errors, r, structure_columns[S_KIND], trj_csv_cell (fields, index, S_KIND), &row->kind);
  ok &= read_etp (errors, r, S_CONVENTIONNE, trj_csv_cell (fields, index, S_CONVENTIONNE),
                  TRJ_PARAM_CONVENTIONNE_PREVIOUS, &row->conventionne_previous);
  ok &= read_etp (errors, r, S_REALISE, trj_csv_cell (fields, index, S_REALISE), TRJ_PARAM_REALISE_PREVIOUS,
                  &row->realise_previous);
  ok &= read_etp (errors, r, S_QUANTITY, trj_csv_cell (fields, index, S_QUANTITY), TRJ_PARAM_QUANTITY,
                  &row->quantity);
  ok &= read_flag (errors, r, structure_columns[S_DECREASE], trj_csv_cell (fields, index, S_DECREASE),
                   &row->decrease_requested);
  ok &= read_flag (errors, r, structure_columns[S_REVALUATION], trj_csv_cell (fields, index, S_REVALUATION),
                   &row->revaluation_requested);
  ok &= read_flag (errors, r, structure_columns[S_DEVELOPMENT], trj_csv_cell (fields, index, S_DEVELOPMENT),
                   &row->development);
  ok &= read_flag (errors, r, structure_columns[S_PRISON], trj_csv_cell (fields, index, S_PRISON),
                   &row->prison);
  if (!ok)
    return NULL;

  env = trj_scenario_find_envelope (scenario, trj_catalog_kind_envelope (row->kind));
  for (guint l = 0; env != NULL && l < env->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (env->lines, l);

      if (line->kind == row->kind && is_structure_line (line) && same_structure (line, row->name, row->siret))
        {
          row->line_id = g_strdup (line->id);
          break;
        }
    }
  return g_steal_pointer (&row);
}

GPtrArray *
trj_structures_read_csv (const char *path, const TrjScenario *scenario, GError **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *no_separator = g_strdup_printf (_("“%s”, line 1: no “;” or “,” separator; is this a CSV "
                                                     "table of IAE structures?"), display);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) error_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_structure_row_free);
  TrjCsvErrors errors = { error_list, 0 };
  const char *encoding;
  char separator;
  int index[N_S_COLS];
  GPtrArray *header;

  rows = trj_csv_read_table (path, display, &encoding, &separator, no_separator, error);
  if (rows == NULL)
    return NULL;
  header = g_ptr_array_index (rows, 0);
  trj_csv_map_header (&errors, header, structure_columns, N_S_COLS, index);
  if (index[S_NAME] < 0)
    trj_csv_errors_add (&errors, 1, NULL, _("the column « nom » is missing"));
  if (index[S_KIND] < 0)
    trj_csv_errors_add (&errors, 1, NULL, _("the column « type » is missing"));
  if (!trj_csv_errors_report (&errors, display, error))
    return NULL;

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (rows, r);
      TrjStructureRow *row;

      if (!trj_csv_is_data_row (&errors, header, fields, r + 1)
          || (row = read_structure_row (fields, index, r + 1, scenario, &errors)) == NULL)
        continue;
      /* One line per structure and kind: a second row of them is an error. */
      for (guint i = 0; i < out->len; i++)
        {
          const TrjStructureRow *other = g_ptr_array_index (out, i);
          gboolean same = other->kind == row->kind
                          && (row->siret != NULL && other->siret != NULL ? g_str_equal (row->siret, other->siret)
                                                                         : names_equal (row->name, other->name));

          if (same)
            {
              trj_csv_errors_add (&errors, r + 1, NULL, _("the structure “%s” already has a row of type %s"),
                                  row->name, trj_kind_to_string (row->kind));
              g_clear_pointer (&row, trj_structure_row_free);
              break;
            }
        }
      if (row != NULL)
        g_ptr_array_add (out, row);
    }
  if (!trj_csv_errors_report (&errors, display, error))
    return NULL;
  if (out->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has a header but no row"), display);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ── Realised ETP ─────────────────────────────────────────────────── */

typedef enum { R_SIRET, R_NAME, R_KIND, R_MONTH, R_ETP, N_R_COLS } RealisedColumn;

static const char *const realised_columns[N_R_COLS] = {
  [R_SIRET] = "siret",
  [R_NAME] = "nom",
  [R_KIND] = "type",
  [R_MONTH] = "mois",
  [R_ETP] = "ETP",
};

/* The structure line a row names, NULL with its error added. */
static const TrjLine *
find_structure (GPtrArray *fields, const int *index, guint r, const TrjScenario *scenario,
                TrjCsvErrors *errors)
{
  const char *name = trj_csv_cell (fields, index, R_NAME);
  const char *kind_text = trj_csv_cell (fields, index, R_KIND);
  g_autofree char *siret = NULL;
  const TrjLine *found = NULL;
  TrjLineKind kind = TRJ_KIND_FREE;
  gboolean ok = TRUE;
  guint n = 0;

  siret = read_siret (errors, r, realised_columns[R_SIRET], trj_csv_cell (fields, index, R_SIRET), &ok);
  if (has_text (kind_text))
    ok &= read_kind (errors, r, realised_columns[R_KIND], kind_text, &kind);
  if (!ok)
    return NULL;
  if (siret == NULL && !has_text (name))
    {
      trj_csv_errors_add (errors, r, NULL, _("the structure is named neither by its siret nor by its nom"));
      return NULL;
    }
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);

          if (!is_structure_line (line) || (kind != TRJ_KIND_FREE && line->kind != kind)
              || !(siret != NULL ? g_strcmp0 (siret, line->siret) == 0 : names_equal (line->structure_name, name)))
            continue;
          if (n++ == 0)
            found = line;
        }
    }
  if (n == 0)
    trj_csv_errors_add (errors, r, NULL, _("no IAE structure “%s” in the scenario"), siret ? siret : name);
  else if (n > 1)
    trj_csv_errors_add (errors, r, NULL, _("the structure “%s” has %u lines: name the line by its type"),
                        siret ? siret : name, n);
  return n == 1 ? found : NULL;
}

GPtrArray *
trj_realised_read_csv (const char *path, const TrjScenario *scenario, GError **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *no_separator = g_strdup_printf (_("“%s”, line 1: no “;” or “,” separator; is this a CSV "
                                                     "table of realised ETP?"), display);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) error_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_realised_row_free);
  g_autoptr(GHashTable) by_line = g_hash_table_new (g_str_hash, g_str_equal);
  TrjCsvErrors errors = { error_list, 0 };
  const TrjParamSpec *spec = trj_catalog_param (TRJ_PARAM_REALISED_ETP);
  const char *encoding;
  char separator;
  int index[N_R_COLS];
  GPtrArray *header;

  rows = trj_csv_read_table (path, display, &encoding, &separator, no_separator, error);
  if (rows == NULL)
    return NULL;
  header = g_ptr_array_index (rows, 0);
  trj_csv_map_header (&errors, header, realised_columns, N_R_COLS, index);
  if (index[R_SIRET] < 0 && index[R_NAME] < 0)
    trj_csv_errors_add (&errors, 1, NULL, _("the structures need the column « siret » or « nom »"));
  if (index[R_MONTH] < 0)
    trj_csv_errors_add (&errors, 1, NULL, _("the column « mois » is missing"));
  if (index[R_ETP] < 0)
    trj_csv_errors_add (&errors, 1, NULL, _("the column « ETP » is missing"));
  if (!trj_csv_errors_report (&errors, display, error))
    return NULL;

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (rows, r);
      const char *month_text;
      const TrjLine *line;
      TrjRealisedRow *row;
      gboolean ok;
      guint month = 0;
      double etp = NAN;

      if (!trj_csv_is_data_row (&errors, header, fields, r + 1))
        continue;
      line = find_structure (fields, index, r + 1, scenario, &errors);
      month_text = trj_csv_cell (fields, index, R_MONTH);
      ok = has_text (month_text) && trj_csv_parse_month (month_text, &month);
      if (!ok)
        trj_csv_errors_add (&errors, r + 1, realised_columns[R_MONTH],
                            _("“%s” is not a month: 1 to 12, or « janvier » to « décembre »"),
                            month_text ? month_text : "");
      ok &= trj_csv_read_number (&errors, r + 1, realised_columns[R_ETP], trj_csv_cell (fields, index, R_ETP),
                                 FALSE, spec->min, spec->min_open, spec->max, NAN, &etp);
      if (!ok || line == NULL)
        continue;
      if ((row = g_hash_table_lookup (by_line, line->id)) == NULL)
        {
          row = g_new0 (TrjRealisedRow, 1);
          row->line_id = g_strdup (line->id);
          for (int m = 0; m < TRJ_MONTHS; m++)
            row->etp[m] = NAN;
          g_ptr_array_add (out, row);
          g_hash_table_insert (by_line, row->line_id, row);
        }
      if (!isnan (row->etp[month]))
        trj_csv_errors_add (&errors, r + 1, NULL, _("the structure “%s” already has a row for %s"),
                            line->structure_name, trj_format_month_long ((int) month + 1));
      row->etp[month] = etp;
    }
  if (!trj_csv_errors_report (&errors, display, error))
    return NULL;
  if (out->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has a header but no row"), display);
      return NULL;
    }
  return g_steal_pointer (&out);
}
