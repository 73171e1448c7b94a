/* trj-csv.c — CSV export of lines and trajectory, CSV import of lines (libcsv) */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-catalog.h"
#include "trj-csv.h"
#include "trj-csv-private.h"
#include "trj-engine.h"
#include "trj-format.h"
#include "trj-input.h"
#include "trj-json-writer.h"
#include "trj-programming.h"
#include "trj-year-data.h"

/* Errors listed in the message of a refused file; the rest are counted. */
#define MAX_LISTED_ERRORS 20

/* The columns of the lines file. Their names are part of the file format (the
 * same in every language), so they are not translated. */
typedef enum {
  COL_ENVELOPE, COL_ID, COL_LABEL, COL_KIND, COL_DEPARTEMENT, COL_PRESCRIBER,
  COL_RATE, COL_HOURS, COL_DURATION, COL_COFINANCED, COL_LAG,
  COL_MONTH_FIRST,
  COL_MONTH_LAST = COL_MONTH_FIRST + TRJ_MONTHS - 1,
  COL_PREVIOUS_FIRST,                                  /* last year's entries (stock) */
  COL_PREVIOUS_LAST = COL_PREVIOUS_FIRST + TRJ_MONTHS - 1,
  COL_VOLUME, COL_AE_PER_CONTRACT, COL_AE, COL_CP, COL_CP_STOCK, COL_CP_AFTER,
  COL_PUBLIC_FIRST,                                    /* MODEL 2.8: a share per TrjPublic */
  COL_PUBLIC_LAST = COL_PUBLIC_FIRST + TRJ_N_PUBLICS - 1,
  COL_RENEWAL,                                         /* renewal_share */
  COL_EXCEPTION,                                       /* exception_reason */
  COL_NOTE,                                            /* the planner's note, read back */
  N_COLS
} Column;

/* The publics' columns follow TrjPublic (trj_catalog_public_code). */
G_STATIC_ASSERT (TRJ_N_PUBLICS == 4);

static const char *const column_names[N_COLS] = {
  "enveloppe", "identifiant", "libellé", "type", "département", "prescripteur",
  "taux", "heures", "durée", "cofinancement", "décalage",
  "janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc",
  "janv N-1", "févr N-1", "mars N-1", "avr N-1", "mai N-1", "juin N-1", "juil N-1", "août N-1",
  "sept N-1", "oct N-1", "nov N-1", "déc N-1",
  "volume", "AE par contrat", "AE", "CP", "CP stock", "reste à payer",
  "part QPV", "part ZRR", "part ESSMS", "part SENIORS", "part renouvellements", "justification",
  "note",
};

/* ── Writing ───────────────────────────────────────────────────────────── */

void
trj_csv_append_field (GString *out, const char *field, char separator)
{
  const char specials[] = { separator, '"', '\r', '\n', '\0' };

  if (strpbrk (field, specials) == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_field (GString *out, const char *text)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, ';');
  if (text != NULL)
    trj_csv_append_field (out, text, ';');
}

/* Every digit that matters, with a decimal comma: the file is exact, and
 * spreadsheets format it for display themselves. NAN is an empty field. */
static void
append_number (GString *out, double value)
{
  g_autoptr(GString) number = g_string_new (NULL);

  if (!isfinite (value))
    {
      append_field (out, NULL);
      return;
    }
  trj_json_append_number (number, value);
  g_strdelimit (number->str, ".", ',');
  append_field (out, number->str);
}

static void
end_row (GString *out)
{
  g_string_append (out, "\r\n");
}

static gboolean
write_file (const char *path, GString *content, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, content->str, content->len, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot write “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static GString *
new_csv (void)
{
  return g_string_new ("\xEF\xBB\xBF");   /* BOM: spreadsheets then read UTF-8 */
}

gboolean
trj_csv_export_lines (const TrjScenario *scenario, const char *path, GError **error)
{
  g_autoptr(TrjResult) result = trj_programming_compute (scenario, error);
  g_autoptr(GString) out = NULL;

  if (result == NULL)
    return FALSE;
  out = new_csv ();
  for (int c = 0; c < N_COLS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ';');
      g_string_append (out, column_names[c]);
    }
  end_row (out);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          const TrjFigures *f = &trj_result_line (result, e, l)->f;

          /* Post-aid and free lines are in FILE-aides-au-poste.csv. */
          if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
            continue;
          append_field (out, env->id);
          append_field (out, line->id);
          append_field (out, line->label);
          append_field (out, trj_kind_to_string (line->kind));
          append_field (out, line->departement);
          append_field (out, line->prescriber);
          append_number (out, line->rate);
          append_number (out, line->weekly_hours);
          append_number (out, line->duration_months);
          append_number (out, line->cofinanced_share);
          append_number (out, line->payment_lag_months);
          for (int m = 0; m < TRJ_MONTHS; m++)
            append_number (out, line->entries[m]);
          for (int m = 0; m < TRJ_MONTHS; m++)
            append_number (out, line->has_previous_entries ? line->previous_entries[m] : NAN);
          append_number (out, f->volume);
          append_number (out, f->ae_per_contract);
          append_number (out, f->ae_total);
          append_number (out, f->cp_total);
          append_number (out, f->cp_stock);
          append_number (out, f->cp_after_year);
          for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
            append_number (out, line->has_public[p] ? line->publics[p] : NAN);
          append_number (out, line->has_renewal_share ? line->renewal_share : NAN);
          append_field (out, line->exception_reason);
          append_field (out, line->note);
          end_row (out);
        }
    }
  return write_file (path, out, error);
}

/* The columns of the post-aid lines file (MODEL 3, 3.1), then « CP janv » …
 * « CP déc »; file format names, not translated. */
typedef enum {
  PCOL_ENVELOPE, PCOL_ID, PCOL_LABEL, PCOL_KIND, PCOL_UNIT, PCOL_DEPARTEMENT,
  PCOL_STRUCTURE, PCOL_SIRET, PCOL_STRUCTURE_KIND, PCOL_PRISON,
  PCOL_CONVENTIONNE, PCOL_REALISE, PCOL_DECREASE, PCOL_REVALUATION, PCOL_DEVELOPMENT,
  PCOL_QUANTITY, PCOL_UNIT_AMOUNT, PCOL_TO_VERIFY, PCOL_MODULATION, PCOL_MODULATION_MONTH,
  PCOL_SECOND_YEAR, PCOL_RSA_RECIPIENTS, PCOL_RSA_MONTHS, PCOL_COMMITMENT, PCOL_LAG,
  PCOL_FUNDED_FROM, PCOL_AE, PCOL_AE_PER_UNIT, PCOL_CP, PCOL_CP_AFTER,
  N_PCOLS
} PostAidColumn;

static const char *const post_aid_column_names[N_PCOLS] = {
  "enveloppe", "identifiant", "libellé", "type", "unité", "département",
  "structure", "SIRET", "structure porteuse", "milieu pénitentiaire",
  "conventionné N-1", "réalisé N-1", "baisse demandée", "revalorisation demandée", "développement",
  "quantité", "montant unitaire", "montant unitaire à vérifier", "part modulée", "mois de la part modulée",
  "ETP 2e année", "bénéficiaires RSA", "mois de cofinancement", "mois d'engagement", "décalage",
  "financé sur", "AE", "AE par unité", "CP", "reste à payer",
};

static void
append_flag (GString *out, gboolean shown, gboolean value)
{
  append_field (out, shown ? (value ? "oui" : "non") : NULL);
}

gboolean
trj_csv_export_post_aid (const TrjScenario *scenario, const char *path, GError **error)
{
  g_autoptr(TrjResult) result = trj_programming_compute (scenario, error);
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  g_autoptr(GString) out = NULL;

  if (result == NULL)
    return FALSE;
  out = new_csv ();
  /* The header by hand: append_field would take the BOM for a field before. */
  for (int c = 0; c < N_PCOLS; c++)
    g_string_append_printf (out, c > 0 ? ";%s" : "%s", post_aid_column_names[c]);
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_string_append_printf (out, ";CP %s", column_names[COL_MONTH_FIRST + m]);
  g_string_append (out, ";note");
  end_row (out);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          const TrjFigures *f = &trj_result_line (result, e, l)->f;
          TrjLineShape shape = trj_kind_shape (line->kind);
          const TrjCatalogKind *kind = trj_catalog_kind (line->kind);
          gboolean post_aid = shape == TRJ_LINE_SHAPE_POST_AID;
          gboolean iae = post_aid && kind->iae;
          const char *to_verify = NULL;
          double unit_amount = NAN;

          if (shape == TRJ_LINE_SHAPE_CONTRACT)
            continue;
          if (post_aid)
            {
              /* The amount used: typed, or the year's for the kind and zone. */
              unit_amount = line->has_unit_amount || data == NULL
                ? line->unit_amount : trj_catalog_line_unit_amount (line, data, scenario->zone);
              if (!line->has_unit_amount && data != NULL)
                to_verify = trj_year_data_to_verify (data, line->kind, scenario->zone);
            }
          append_field (out, env->id);
          append_field (out, line->id);
          append_field (out, line->label);
          append_field (out, trj_kind_to_string (line->kind));
          append_field (out, trj_catalog_unit_word (kind->unit));
          append_field (out, line->departement);
          append_field (out, iae ? line->structure_name : NULL);
          append_field (out, iae ? line->siret : NULL);
          append_field (out, line->kind == TRJ_KIND_CDI_INCLUSION
                               ? trj_kind_to_string (line->structure_kind) : NULL);
          append_flag (out, iae, line->prison);
          append_number (out, iae && line->has_conventionne_previous ? line->conventionne_previous : NAN);
          append_number (out, iae && line->has_realise_previous ? line->realise_previous : NAN);
          append_flag (out, iae, line->decrease_requested);
          append_flag (out, iae, line->revaluation_requested);
          append_flag (out, iae, line->development);
          append_number (out, post_aid ? line->quantity : NAN);
          append_number (out, unit_amount);
          append_field (out, to_verify);
          append_number (out, post_aid ? line->modulation : NAN);
          append_number (out, post_aid ? line->modulation_month + 1 : NAN);
          append_number (out, line->kind == TRJ_KIND_CDI_INCLUSION ? line->second_year_quantity : NAN);
          append_number (out, iae ? line->rsa_recipients : NAN);
          append_number (out, iae ? line->rsa_months : NAN);
          append_number (out, line->commitment_month + 1);
          append_number (out, post_aid ? line->payment_lag_months : NAN);
          append_field (out, post_aid ? NULL : line->funded_from);
          append_number (out, f->ae_total);
          append_number (out, post_aid ? f->ae_per_unit : NAN);
          append_number (out, f->cp_total);
          append_number (out, f->cp_after_year);
          for (int m = 0; m < TRJ_MONTHS; m++)
            append_number (out, f->cp[m]);
          append_field (out, line->note);
          end_row (out);
        }
    }
  return write_file (path, out, error);
}

gboolean
trj_csv_export_trajectory (const TrjScenario *scenario, const char *path, GError **error)
{
  g_autoptr(TrjResult) result = trj_programming_compute (scenario, error);
  g_autoptr(GString) out = NULL;
  guint n_env = scenario->envelopes->len;
  g_autofree const TrjFigures **blocks = NULL;

  if (result == NULL)
    return FALSE;
  blocks = g_new (const TrjFigures *, n_env + 1);
  for (guint e = 0; e < n_env; e++)
    blocks[e] = &result->envelopes[e].f;
  blocks[n_env] = &result->region;

  out = new_csv ();
  g_string_append (out, "mois");
  for (guint b = 0; b <= n_env; b++)
    {
      const char *name = b < n_env
        ? ((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, b))->id : "REGION";
      g_autofree char *ae = g_strdup_printf ("%s AE", name);
      g_autofree char *ae_cum = g_strdup_printf ("%s AE cumulées", name);
      g_autofree char *cp = g_strdup_printf ("%s CP", name);
      g_autofree char *cp_cum = g_strdup_printf ("%s CP cumulés", name);

      append_field (out, ae);
      append_field (out, ae_cum);
      append_field (out, cp);
      append_field (out, cp_cum);
    }
  end_row (out);

  for (int m = 0; m <= TRJ_MONTHS; m++)
    {
      g_autofree char *month = m < TRJ_MONTHS ? trj_format_month (scenario->year, m + 1)
                                              : g_strdup ("Total");

      append_field (out, month);
      for (guint b = 0; b <= n_env; b++)
        {
          const TrjFigures *f = blocks[b];
          append_number (out, m < TRJ_MONTHS ? f->ae[m] : f->ae_total);
          append_number (out, m < TRJ_MONTHS ? f->ae_cum[m] : NAN);
          append_number (out, m < TRJ_MONTHS ? f->cp[m] : f->cp_total);
          append_number (out, m < TRJ_MONTHS ? f->cp_cum[m] : NAN);
        }
      end_row (out);
    }
  return write_file (path, out, error);
}

/* ── Reading ───────────────────────────────────────────────────────────── */

typedef struct {
  GPtrArray *rows;       /* GPtrArray of char* */
  GPtrArray *current;
  guint long_row;        /* the first field longer than TRJ_CATALOG_MAX_TEXT: row (0: none)… */
  guint long_column;     /* …and column, from 0 */
  gsize long_length;
} Table;

static void
on_field (void *text, size_t len, void *data)
{
  Table *table = data;

  if (table->current == NULL)
    table->current = g_ptr_array_new_with_free_func (g_free);
  if (len > TRJ_CATALOG_MAX_TEXT && table->long_row == 0)
    {
      table->long_row = table->rows->len + 1;
      table->long_column = table->current->len;
      table->long_length = len;
    }
  /* Kept to its limit: the file is refused anyway, memory follows the limit. */
  g_ptr_array_add (table->current, g_strndup (text != NULL ? text : "", MIN (len, TRJ_CATALOG_MAX_TEXT)));
}

static void
on_row_end (int c, void *data)
{
  Table *table = data;

  if (table->current == NULL)
    table->current = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (table->rows, g_steal_pointer (&table->current));
}

/* Lower case, no accents, no dots, single spaces: "Libellé" = "libelle",
 * "janv." = "janv". */
char *
trj_csv_normalise_name (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || c == '.')
        continue;
      if (g_unichar_isspace (c) || c == '_')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  folded = g_string_free (out, FALSE);
  return g_utf8_casefold (folded, -1);
}

/* The separator is the one the header row uses most (a header has no numbers,
 * so a decimal comma cannot mislead this). */
static char
detect_separator (const char *text)
{
  guint semicolons = 0, commas = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == ',')
        commas++;
    }
  if (semicolons == 0 && commas == 0)
    return 0;
  return semicolons >= commas ? ';' : ',';
}

void
trj_csv_map_header (TrjCsvErrors *errors, GPtrArray *header, const char *const *names, int n_names,
                    int *index)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  for (int c = 0; c < n_names; c++)
    {
      g_ptr_array_add (expected, trj_csv_normalise_name (names[c]));
      index[c] = -1;
    }
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *name = trj_csv_normalise_name (g_ptr_array_index (header, i));
      gboolean known = FALSE;

      for (int c = 0; c < n_names; c++)
        if (g_str_equal (name, g_ptr_array_index (expected, c)))
          {
            if (index[c] >= 0)
              trj_csv_errors_add (errors, 1, names[c], _("the column appears twice"));
            index[c] = (int) i;
            known = TRUE;
          }
      if (!known)
        trj_csv_errors_add (errors, 1, NULL, _("unknown column “%s”"),
                            (const char *) g_ptr_array_index (header, i));
    }
}

void
trj_csv_errors_add (TrjCsvErrors *errors, guint row, const char *column, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  errors->n_errors++;
  if (errors->errors->len >= MAX_LISTED_ERRORS)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (column != NULL)
    /* TRANSLATORS: « ligne 12, colonne taux : « 5O » n'est pas un nombre » */
    g_ptr_array_add (errors->errors, g_strdup_printf (_("line %u, column %s: %s"), row, column, what));
  else
    g_ptr_array_add (errors->errors, g_strdup_printf (_("line %u: %s"), row, what));
}

/* Reads a number cell. Empty cells take `fallback` (NAN: required). The value
 * must be in [lo, hi], or in ]lo, hi] when lo_open (rates, hours, durations). */
gboolean
trj_csv_read_number (TrjCsvErrors *errors, guint row, const char *column, const char *text,
             gboolean is_share, double lo, gboolean lo_open, double hi, double fallback,
             double *out)
{
  g_autofree char *shown_lo = NULL;
  g_autofree char *shown_hi = NULL;
  double value;

  if (text == NULL || *text == '\0')
    {
      if (isnan (fallback))
        {
          trj_csv_errors_add (errors, row, column, _("a value is required"));
          return FALSE;
        }
      *out = fallback;
      return TRUE;
    }
  /* trj_parse_number reads a percentage as its hundredth: in a column of
   * amounts or counts a « % » is a mistake, not a fraction of a euro. */
  if (!is_share && strchr (text, '%') != NULL)
    {
      trj_csv_errors_add (errors, row, column, _("“%s” is a percentage, not an amount or a count"), text);
      return FALSE;
    }
  if (!(is_share ? trj_parse_rate (text, &value) : trj_parse_number (text, &value)))
    {
      trj_csv_errors_add (errors, row, column, _("“%s” is not a number"), text);
      return FALSE;
    }
  if (value < lo || (lo_open && value == lo) || value > hi)
    {
      shown_lo = is_share ? trj_format_percent (lo, 0) : trj_format_number (lo, 0);
      shown_hi = is_share ? trj_format_percent (hi, 0) : trj_format_number (hi, 0);
      if (lo_open)
        trj_csv_errors_add (errors, row, column, _("“%s” is out of range: it must be above %s and at most %s"),
                   text, shown_lo, shown_hi);
      else
        trj_csv_errors_add (errors, row, column, _("“%s” is out of range: it must be between %s and %s"),
                   text, shown_lo, shown_hi);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* `taken` maps every id given so far to the next suffix to try for it, so
 * that thousands of rows without an identifier take linear time, not
 * quadratic (10 000 rows took 7 s of CPU). */
static char *
unique_id (const TrjScenario *target, GHashTable *taken, const char *wanted)
{
  guint n = MAX (GPOINTER_TO_UINT (g_hash_table_lookup (taken, wanted)), 2);
  char *id = g_strdup (wanted);

  while (g_hash_table_contains (taken, id) || trj_scenario_find_line (target, id, NULL) != NULL)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", wanted, n++);
    }
  g_hash_table_insert (taken, g_strdup (wanted), GUINT_TO_POINTER (n));
  if (!g_str_equal (id, wanted))
    g_hash_table_insert (taken, g_strdup (id), GUINT_TO_POINTER (2));
  return id;
}

static const char *
cell (GPtrArray *fields, const int *index, Column column)
{
  return index[column] >= 0 ? g_ptr_array_index (fields, index[column]) : NULL;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* One data row → a line (NULL with errors added). */
static TrjCsvLine *
read_row (GPtrArray *fields, const int *index, guint row, const TrjScenario *target,
          const TrjRegion *region, GHashTable *taken, TrjCsvErrors *errors)
{
  g_autoptr(TrjLine) line = NULL;
  g_autofree char *kind_text = NULL;
  const char *envelope_id;
  const char *dep_text;
  guint errors_before = errors->n_errors;
  TrjLineKind kind;
  TrjCsvLine *out;
  double lo, hi, lag;
  gboolean monthly = index[COL_MONTH_FIRST] >= 0;

  for (guint i = 0; i < fields->len; i++)
    g_strstrip (g_ptr_array_index (fields, i));

  kind_text = g_ascii_strup (cell (fields, index, COL_KIND), -1);
  g_strdelimit (kind_text, " -", '_');
  if (!trj_kind_from_string (kind_text, &kind)
      || trj_kind_shape (kind) != TRJ_LINE_SHAPE_CONTRACT)
    {
      g_autofree char *names = trj_catalog_kind_names (TRJ_LINE_SHAPE_CONTRACT);

      trj_csv_errors_add (errors, row, column_names[COL_KIND], _("“%s” is not a contract kind (%s)"),
                          cell (fields, index, COL_KIND), names);
      return NULL;
    }
  line = trj_line_new ("", kind);

  envelope_id = cell (fields, index, COL_ENVELOPE);
  if (!has_text (envelope_id))
    envelope_id = trj_catalog_kind_envelope (kind);
  if (trj_scenario_find_envelope (target, envelope_id) == NULL)
    trj_csv_errors_add (errors, row, column_names[COL_ENVELOPE],
               _("the scenario has no envelope “%s”"), envelope_id);

  dep_text = cell (fields, index, COL_DEPARTEMENT);
  if (has_text (dep_text))
    {
      /* Spreadsheets drop the leading zero of "01"…"09". */
      g_autofree char *code = strlen (dep_text) == 1 && g_ascii_isdigit (dep_text[0])
        ? g_strdup_printf ("0%s", dep_text) : g_ascii_strup (dep_text, -1);
      const TrjDepartement *dep = region != NULL ? trj_region_find_departement (region, code) : NULL;

      if (region != NULL && dep == NULL)
        trj_csv_errors_add (errors, row, column_names[COL_DEPARTEMENT],
                   _("“%s” is not a département of %s"), dep_text, target->region);
      line->departement = g_steal_pointer (&code);
      if (dep != NULL && !has_text (cell (fields, index, COL_LABEL)))
        line->label = g_strdup_printf ("%s %s", trj_kind_to_string (kind), dep->name);
    }
  if (has_text (cell (fields, index, COL_LABEL)))
    line->label = g_strdup (cell (fields, index, COL_LABEL));
  else if (line->label == NULL)
    line->label = g_strdup (trj_kind_to_string (kind));
  if (has_text (cell (fields, index, COL_PRESCRIBER)))
    line->prescriber = g_strdup (cell (fields, index, COL_PRESCRIBER));
  if (has_text (cell (fields, index, COL_NOTE)))
    line->note = g_strdup (cell (fields, index, COL_NOTE));

  trj_unknown_limits (TRJ_UNKNOWN_RATE, &lo, &hi);
  trj_csv_read_number (errors, row, column_names[COL_RATE], cell (fields, index, COL_RATE),
               TRUE, lo, TRUE, hi, NAN, &line->rate);
  trj_unknown_limits (TRJ_UNKNOWN_HOURS, &lo, &hi);
  trj_csv_read_number (errors, row, column_names[COL_HOURS], cell (fields, index, COL_HOURS),
               FALSE, lo, TRUE, hi, NAN, &line->weekly_hours);
  trj_unknown_limits (TRJ_UNKNOWN_DURATION, &lo, &hi);
  trj_csv_read_number (errors, row, column_names[COL_DURATION], cell (fields, index, COL_DURATION),
               FALSE, lo, TRUE, hi, NAN, &line->duration_months);
  trj_unknown_limits (TRJ_UNKNOWN_COFINANCING, &lo, &hi);
  trj_csv_read_number (errors, row, column_names[COL_COFINANCED], cell (fields, index, COL_COFINANCED),
               TRUE, lo, FALSE, hi, 0, &line->cofinanced_share);
  if (trj_csv_read_number (errors, row, column_names[COL_LAG], cell (fields, index, COL_LAG),
                   FALSE, 0, FALSE, trj_catalog_param (TRJ_PARAM_PAYMENT_LAG_MONTHS)->max, 1, &lag))
    {
      if (lag != floor (lag))
        trj_csv_errors_add (errors, row, column_names[COL_LAG], _("the payment lag is a whole number of months"));
      line->payment_lag_months = (int) lag;
    }

  if (monthly)
    {
      line->entries_mode = TRJ_ENTRIES_MONTHLY;
      for (int m = 0; m < TRJ_MONTHS; m++)
        trj_csv_read_number (errors, row, column_names[COL_MONTH_FIRST + m],
                     cell (fields, index, COL_MONTH_FIRST + m), FALSE, 0, FALSE,
                     trj_catalog_param (TRJ_PARAM_ENTRIES)->max, 0,
                     &line->entries[m]);
    }
  else if (trj_csv_read_number (errors, row, column_names[COL_VOLUME], cell (fields, index, COL_VOLUME),
                        FALSE, 0, FALSE, trj_catalog_param (TRJ_PARAM_VOLUME)->max, NAN, &line->volume))
    {
      line->entries_mode = TRJ_ENTRIES_VOLUME;
      trj_line_spread_volume (line);
    }

  /* MODEL 2.8: the publics' shares, the renewals' share and the
   * justification of an exceptional request; empty cells are none. */
  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    {
      const TrjParamSpec *spec = trj_catalog_param (TRJ_PARAM_PUBLIC_SHARE);
      const char *text = cell (fields, index, COL_PUBLIC_FIRST + p);

      if (has_text (text))
        line->has_public[p] = trj_csv_read_number (errors, row, column_names[COL_PUBLIC_FIRST + p], text, TRUE,
                                                   spec->min, FALSE, spec->max, 0, &line->publics[p]);
    }
  if (has_text (cell (fields, index, COL_RENEWAL)))
    {
      const TrjParamSpec *spec = trj_catalog_param (TRJ_PARAM_RENEWAL_SHARE);

      line->has_renewal_share = trj_csv_read_number (errors, row, column_names[COL_RENEWAL],
                                                     cell (fields, index, COL_RENEWAL), TRUE, spec->min, FALSE,
                                                     spec->max, 0, &line->renewal_share);
    }
  if (has_text (cell (fields, index, COL_EXCEPTION)))
    {
      g_autoptr(GError) why = NULL;

      if (trj_catalog_check_reason (cell (fields, index, COL_EXCEPTION), NULL, &why))
        line->exception_reason = g_strdup (cell (fields, index, COL_EXCEPTION));
      else
        trj_csv_errors_add (errors, row, column_names[COL_EXCEPTION], "%s", why->message);
    }

  /* Last year's entries are optional; empty cells are none. */
  for (int m = 0; index[COL_PREVIOUS_FIRST] >= 0 && m < TRJ_MONTHS; m++)
    {
      const char *text = cell (fields, index, COL_PREVIOUS_FIRST + m);

      if (!has_text (text))
        continue;
      trj_csv_read_number (errors, row, column_names[COL_PREVIOUS_FIRST + m], text, FALSE, 0, FALSE,
                           trj_catalog_param (TRJ_PARAM_PREVIOUS_ENTRIES)->max, 0,
                   &line->previous_entries[m]);
      line->has_previous_entries = TRUE;
    }

  if (errors->n_errors > errors_before)
    return NULL;

  g_free (line->id);
  line->id = unique_id (target, taken,
                        has_text (cell (fields, index, COL_ID)) ? cell (fields, index, COL_ID)
                                                                : "csv");
  out = g_new0 (TrjCsvLine, 1);
  out->envelope_id = g_strdup (envelope_id);
  out->line = g_steal_pointer (&line);
  return out;
}

static void
csv_line_free (TrjCsvLine *line)
{
  g_free (line->envelope_id);
  trj_line_free (line->line);
  g_free (line);
}

void
trj_csv_import_free (TrjCsvImport *import)
{
  if (import == NULL)
    return;
  g_ptr_array_unref (import->lines);
  g_free (import);
}

/* Maps the header's columns; FALSE with an error when it cannot be used. */
static gboolean
read_header (GPtrArray *header, int *index, const char *display, GError **error)
{
  guint n_months = 0, n_previous = 0;

  for (int c = 0; c < N_COLS; c++)
    index[c] = -1;
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *name = trj_csv_normalise_name (g_ptr_array_index (header, i));
      int found = -1;

      for (int c = 0; c < N_COLS && found < 0; c++)
        {
          g_autofree char *known = trj_csv_normalise_name (column_names[c]);
          if (g_str_equal (name, known))
            found = c;
        }
      if (found < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s”, line 1: unknown column “%s”. Known columns: %s, janv … déc, janv N-1 … déc N-1, volume, %s, note."),
                       display, (const char *) g_ptr_array_index (header, i),
                       "enveloppe, identifiant, libellé, type, département, prescripteur, "
                       "taux, heures, durée, cofinancement, décalage",
                       "part QPV, part ZRR, part ESSMS, part SENIORS, part renouvellements, justification");
          return FALSE;
        }
      if (index[found] >= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s”, line 1: the column “%s” appears twice"), display, column_names[found]);
          return FALSE;
        }
      index[found] = (int) i;
      if (found >= COL_MONTH_FIRST && found <= COL_MONTH_LAST)
        n_months++;
      if (found >= COL_PREVIOUS_FIRST && found <= COL_PREVIOUS_LAST)
        n_previous++;
    }

  for (Column c = COL_KIND; c <= COL_DURATION; c++)
    if (index[c] < 0 && c != COL_DEPARTEMENT && c != COL_PRESCRIBER)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s”, line 1: the column “%s” is missing"), display, column_names[c]);
        return FALSE;
      }
  if (n_months != 0 && n_months != TRJ_MONTHS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s”, line 1: %u month columns out of 12 (janv … déc)"), display, n_months);
      return FALSE;
    }
  if (n_previous != 0 && n_previous != TRJ_MONTHS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s”, line 1: %u columns of last year’s entries out of 12 (janv N-1 … déc N-1)"),
                   display, n_previous);
      return FALSE;
    }
  if (n_months == 0 && index[COL_VOLUME] < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s”, line 1: give the entries month by month (janv … déc) or a volume column"),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* The decimal mark the numbers use: a comma if any number cell has one. */
static char
detect_decimal (GPtrArray *rows, const int *index)
{
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (rows, r);

      for (int c = COL_RATE; c < N_COLS; c++)
        if (c != COL_EXCEPTION && c != COL_NOTE && index[c] >= 0 && (guint) index[c] < fields->len
            && strchr (g_ptr_array_index (fields, index[c]), ',') != NULL)
          return ',';
    }
  return '.';
}

static gboolean
is_blank_row (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (*g_strstrip ((char *) g_ptr_array_index (fields, i)) != '\0')
      return FALSE;
  return TRUE;
}

gboolean
trj_csv_is_data_row (TrjCsvErrors *errors, GPtrArray *header, GPtrArray *fields, guint row)
{
  /* Spreadsheets save rows that were only formatted as ";;;;". */
  if (is_blank_row (fields))
    return FALSE;
  if (fields->len != header->len)
    {
      trj_csv_errors_add (errors, row, NULL, ngettext ("%u column where the header has %u",
                                                       "%u columns where the header has %u",
                                                       fields->len),
                          fields->len, header->len);
      return FALSE;
    }
  return TRUE;
}

static char *
load_text (const char *path, const char *display, const char **encoding, GError **error)
{
  g_autofree char *contents = NULL;
  char *converted;
  const char *text;
  gsize length, bytes_read = 0;

  if ((contents = trj_input_read (path, TRJ_CSV_MAX_FILE_SIZE, &length, error)) == NULL)
    return NULL;
  text = contents;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (strspn (text, " \t\r\n") == length)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is empty"), display);
      return NULL;
    }
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a text file"), display);
      return NULL;
    }
  if (g_utf8_validate_len (text, length, NULL))
    {
      *encoding = "UTF-8";
      return g_strndup (text, length);
    }
  /* Excel's "CSV (séparateur : point-virgule)" is in Windows-1252. */
  *encoding = "Windows-1252";
  converted = g_convert (text, length, "UTF-8", "WINDOWS-1252", &bytes_read, NULL, NULL);
  if (converted == NULL)
    {
      /* GLib's message names neither the file nor the place. */
      const char *bad = text + bytes_read;
      guint line = 1;

      for (const char *p = text; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s”, line %u: the text is neither UTF-8 nor Windows-1252 (byte 0x%02X); "
                     "save the file as CSV UTF-8"), display, line, (guint) (guchar) *bad);
    }
  return converted;
}

GPtrArray *
trj_csv_read_table (const char *path, const char *display, const char **encoding, char *separator,
                    const char *no_separator, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *text = NULL;
  Table table = { rows, NULL };
  struct csv_parser parser;
  gsize length;

  text = load_text (path, display, encoding, error);
  if (text == NULL)
    return NULL;

  *separator = detect_separator (text);
  if (*separator == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, no_separator);
      return NULL;
    }

  /* STRICT_FINI: a quotation mark left open at the end is an error, not a field. */
  csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  /* libcsv grows a field 128 bytes at a time: a 9 MB field took 9 s to copy. */
  csv_set_blk_size (&parser, 1 << 16);
  csv_set_delim (&parser, (unsigned char) *separator);
  length = strlen (text);
  if (csv_parse (&parser, text, length, on_field, on_row_end, &table) != length
      || csv_fini (&parser, on_field, on_row_end, &table) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* libcsv's own text is English and says no more than this. */
                   _("“%s”, line %u: a quotation mark is not closed, or a field has text "
                     "after its closing quotation mark"), display, rows->len + 1);
      csv_free (&parser);
      g_clear_pointer (&table.current, g_ptr_array_unref);
      return NULL;
    }
  csv_free (&parser);
  if (table.long_row != 0)
    {
      GPtrArray *header = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
      g_autofree char *column = header != NULL && table.long_row > 1 && table.long_column < header->len
                                  ? g_strdup (g_ptr_array_index (header, table.long_column))
                                  : g_strdup_printf ("%u", table.long_column + 1);

      g_autofree char *size = trj_format_number (table.long_length, 0);
      g_autofree char *limit = trj_format_number (TRJ_CATALOG_MAX_TEXT, 0);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s”, line %u, column “%s”: the text is %s bytes long, more than the %s "
                     "a text may hold"), display, table.long_row, column, size, limit);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
trj_csv_errors_report (const TrjCsvErrors *errors, const char *display, GError **error)
{
  g_autoptr(GString) message = NULL;

  if (errors->n_errors == 0)
    return TRUE;
  message = g_string_new (NULL);
  g_string_printf (message, ngettext ("“%s” was not imported: %u error.",
                                      "“%s” was not imported: %u errors.", errors->n_errors),
                   display, errors->n_errors);
  for (guint i = 0; i < errors->errors->len; i++)
    g_string_append_printf (message, "\n%s", (const char *) g_ptr_array_index (errors->errors, i));
  if (errors->n_errors > errors->errors->len)
    g_string_append_printf (message, "\n%s", _("…"));
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message->str);
  return FALSE;
}

TrjCsvImport *
trj_csv_import_lines (const char *path, const TrjScenario *target, GError **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *no_separator = NULL;
  g_autoptr(TrjCsvImport) import = g_new0 (TrjCsvImport, 1);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) error_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const TrjYearData *data = trj_year_data_get (target->year, NULL);
  const TrjRegion *region = data != NULL ? trj_year_data_find_region (data, target->region) : NULL;
  TrjCsvErrors errors = { error_list, 0 };
  int index[N_COLS];
  GPtrArray *header;

  import->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_line_free);
  no_separator = g_strdup_printf (_("“%s”, line 1: no “;” or “,” separator; is this a CSV table of lines?"),
                                  display);
  rows = trj_csv_read_table (path, display, &import->encoding, &import->separator, no_separator, error);
  if (rows == NULL)
    return NULL;

  header = g_ptr_array_index (rows, 0);
  if (!read_header (header, index, display, error))
    return NULL;
  import->decimal = detect_decimal (rows, index);

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (rows, r);
      TrjCsvLine *line;

      if (!trj_csv_is_data_row (&errors, header, fields, r + 1))
        continue;
      line = read_row (fields, index, r + 1, target, region, taken, &errors);
      if (line != NULL)
        g_ptr_array_add (import->lines, line);
    }

  if (!trj_csv_errors_report (&errors, display, error))
    return NULL;
  if (import->lines->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” has a header but no line"), display);
      return NULL;
    }
  return g_steal_pointer (&import);
}

char *
trj_csv_import_describe (const TrjCsvImport *import)
{
  return g_strdup_printf (ngettext ("Separator “%c”, decimal %s, %s: %u line",
                                    "Separator “%c”, decimal %s, %s: %u lines",
                                    import->lines->len),
                          import->separator,
                          import->decimal == ',' ? _("comma") : _("point"),
                          import->encoding, import->lines->len);
}

gboolean
trj_csv_import_apply (const TrjCsvImport *import, TrjScenario *scenario, GError **error)
{
  for (guint i = 0; i < import->lines->len; i++)
    {
      const TrjCsvLine *item = g_ptr_array_index (import->lines, i);

      if (trj_scenario_find_envelope (scenario, item->envelope_id) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The scenario has no envelope “%s”"), item->envelope_id);
          return FALSE;
        }
      if (trj_scenario_find_line (scenario, item->line->id, NULL) != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("The scenario already has a line “%s”"), item->line->id);
          return FALSE;
        }
    }
  for (guint i = 0; i < import->lines->len; i++)
    {
      const TrjCsvLine *item = g_ptr_array_index (import->lines, i);
      TrjEnvelope *env = trj_scenario_find_envelope (scenario, item->envelope_id);

      g_ptr_array_add (env->lines, trj_line_copy (item->line));
    }
  return TRUE;
}

gboolean
trj_csv_parse_month (const char *text, guint *month)
{
  g_autofree char *name = trj_csv_normalise_name (text);
  char *end = NULL;
  guint64 n;

  for (int m = 1; m <= TRJ_MONTHS; m++)
    {
      g_autofree char *known = trj_csv_normalise_name (trj_format_month_long (m));

      if (g_str_equal (name, known))
        {
          *month = (guint) m - 1;
          return TRUE;
        }
    }
  n = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || n < 1 || n > TRJ_MONTHS)
    return FALSE;
  *month = (guint) n - 1;
  return TRUE;
}

const char *
trj_csv_cell (GPtrArray *fields, const int *index, int column)
{
  if (index[column] < 0 || (guint) index[column] >= fields->len)
    return NULL;
  return g_strstrip ((char *) g_ptr_array_index (fields, index[column]));
}
