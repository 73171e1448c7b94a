/* trj-workbook-columns.c — the tables of what a workbook row holds
 *
 * The line table's value columns are described once, here: the snapshot
 * reads them, a new or imported line writes them, a duplicate copies them and
 * the edit functions find the column of a field and its limits from this one
 * table. A new line parameter is a row below (with its TrjLine member) and a
 * migration in trj-workbook-schema.c.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

#define MEMBER(m) G_STRUCT_OFFSET (TrjLine, m)
#define SHAPE(s) (1u << TRJ_LINE_SHAPE_##s)
/* A value checked against the catalogue's hard limits of its parameter (the
 * column is named by the parameter's JSON key); a choice among n whole
 * numbers; a text. */
#define PARAM(column, label, param) { column, label, param, 0, NULL }
#define CHOICE(column, label, n, refusal) { column, label, -1, n, refusal }
#define TEXT(column, label) { column, label, -1, 0, NULL }
#define YES_NO(column) CHOICE (column, NULL, 2, N_("This setting is yes or no."))

const TrjLineColumn trj_workbook_line_columns[] = {
  { TEXT ("label", N_("Rename line")), TRJ_COLUMN_TEXT, MEMBER (label), 0, TRJ_LINE_FIELD_LABEL, 0 },
  { CHOICE ("kind", N_("Change kind"), TRJ_N_KINDS, N_("The kind of line is not one Trajectoire knows.")),
    TRJ_COLUMN_KIND, MEMBER (kind), 0, TRJ_LINE_FIELD_KIND, 0 },
  { TEXT ("departement", N_("Change département")),
    TRJ_COLUMN_TEXT_NULL, MEMBER (departement), 0, TRJ_LINE_FIELD_DEPARTEMENT, 0 },
  { TEXT ("prescriber", N_("Change prescriber")),
    TRJ_COLUMN_TEXT_NULL, MEMBER (prescriber), 0, TRJ_LINE_FIELD_PRESCRIBER, 0 },
  { PARAM ("rate", N_("Change rate"), TRJ_PARAM_RATE),
    TRJ_COLUMN_REAL, MEMBER (rate), 0, TRJ_LINE_FIELD_RATE, SHAPE (CONTRACT) },
  { PARAM ("weekly_hours", N_("Change weekly hours"), TRJ_PARAM_WEEKLY_HOURS),
    TRJ_COLUMN_REAL, MEMBER (weekly_hours), 0, TRJ_LINE_FIELD_WEEKLY_HOURS, SHAPE (CONTRACT) },
  { PARAM ("duration_months", N_("Change duration"), TRJ_PARAM_DURATION_MONTHS),
    TRJ_COLUMN_REAL, MEMBER (duration_months), 0, TRJ_LINE_FIELD_DURATION_MONTHS, SHAPE (CONTRACT) },
  { PARAM ("cofinanced_share", N_("Change cofinanced share"), TRJ_PARAM_COFINANCED_SHARE),
    TRJ_COLUMN_REAL, MEMBER (cofinanced_share), 0, TRJ_LINE_FIELD_COFINANCED_SHARE, SHAPE (CONTRACT) },
  { PARAM ("payment_lag_months", N_("Change payment lag"), TRJ_PARAM_PAYMENT_LAG_MONTHS),
    TRJ_COLUMN_INT, MEMBER (payment_lag_months), 0, TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS,
    SHAPE (CONTRACT) | SHAPE (POST_AID) },
  { CHOICE ("entries_mode", N_("Change entry mode"), 2, N_("Entries are given month by month or as a volume.")),
    TRJ_COLUMN_INT, MEMBER (entries_mode), 0, TRJ_LINE_FIELD_ENTRIES_MODE, SHAPE (CONTRACT) },
  { PARAM ("volume", N_("Change volume"), TRJ_PARAM_VOLUME),
    TRJ_COLUMN_REAL, MEMBER (volume), 0, TRJ_LINE_FIELD_VOLUME, SHAPE (CONTRACT) },
  { YES_NO ("has_profile"), TRJ_COLUMN_INT, MEMBER (has_profile), 0, -1, SHAPE (CONTRACT) },
  { YES_NO ("has_previous_entries"), TRJ_COLUMN_INT, MEMBER (has_previous_entries), 0, -1, SHAPE (CONTRACT) },
  { PARAM ("quantity", N_("Change quantity"), TRJ_PARAM_QUANTITY),
    TRJ_COLUMN_REAL, MEMBER (quantity), 0, TRJ_LINE_FIELD_QUANTITY, SHAPE (POST_AID) },
  { PARAM ("unit_amount", N_("Change unit amount"), TRJ_PARAM_UNIT_AMOUNT),
    TRJ_COLUMN_REAL_NULL, MEMBER (unit_amount), MEMBER (has_unit_amount), TRJ_LINE_FIELD_UNIT_AMOUNT,
    SHAPE (POST_AID) },
  { PARAM ("modulation", N_("Change modulated share"), TRJ_PARAM_MODULATION),
    TRJ_COLUMN_REAL, MEMBER (modulation), 0, TRJ_LINE_FIELD_MODULATION, SHAPE (POST_AID) },
  { PARAM ("second_year_quantity", N_("Change second-year quantity"), TRJ_PARAM_SECOND_YEAR_QUANTITY),
    TRJ_COLUMN_REAL, MEMBER (second_year_quantity), 0, TRJ_LINE_FIELD_SECOND_YEAR_QUANTITY,
    SHAPE (POST_AID) },
  { PARAM ("rsa_recipients", N_("Change RSA recipients"), TRJ_PARAM_RSA_RECIPIENTS),
    TRJ_COLUMN_REAL, MEMBER (rsa_recipients), 0, TRJ_LINE_FIELD_RSA_RECIPIENTS, SHAPE (POST_AID) },
  { PARAM ("rsa_months", N_("Change RSA months"), TRJ_PARAM_RSA_MONTHS),
    TRJ_COLUMN_REAL, MEMBER (rsa_months), 0, TRJ_LINE_FIELD_RSA_MONTHS, SHAPE (POST_AID) },
  { PARAM ("commitment_month", N_("Change commitment month"), TRJ_PARAM_COMMITMENT_MONTH),
    TRJ_COLUMN_INT, MEMBER (commitment_month), 0, TRJ_LINE_FIELD_COMMITMENT_MONTH,
    SHAPE (POST_AID) | SHAPE (FREE) },
  { YES_NO ("has_payment_profile"), TRJ_COLUMN_INT, MEMBER (has_payment_profile), 0, -1, SHAPE (POST_AID) },
  { PARAM ("ae_amount", N_("Change AE amount"), TRJ_PARAM_AE_AMOUNT),
    TRJ_COLUMN_REAL, MEMBER (ae_amount), 0, TRJ_LINE_FIELD_AE_AMOUNT, SHAPE (FREE) },
  { PARAM ("modulation_month", N_("Change month of the modulated part"), TRJ_PARAM_MODULATION_MONTH),
    TRJ_COLUMN_INT, MEMBER (modulation_month), 0, TRJ_LINE_FIELD_MODULATION_MONTH, SHAPE (POST_AID) },
  { PARAM ("prison", N_("Change structure in prison"), TRJ_PARAM_PRISON),
    TRJ_COLUMN_INT, MEMBER (prison), 0, TRJ_LINE_FIELD_PRISON, SHAPE (POST_AID) },
  { CHOICE ("structure_kind", N_("Change kind of structure"), TRJ_N_KINDS,
            N_("The kind of structure is not one Trajectoire knows.")),
    TRJ_COLUMN_KIND, MEMBER (structure_kind), 0, TRJ_LINE_FIELD_STRUCTURE_KIND, SHAPE (POST_AID) },
  { TEXT ("funded_from", N_("Change funding envelope")),
    TRJ_COLUMN_TEXT_NULL, MEMBER (funded_from), 0, TRJ_LINE_FIELD_FUNDED_FROM, SHAPE (FREE) },
  { TEXT ("structure_name", N_("Change structure")),
    TRJ_COLUMN_TEXT_NULL, MEMBER (structure_name), 0, TRJ_LINE_FIELD_STRUCTURE_NAME, SHAPE (POST_AID) },
  { TEXT ("siret", N_("Change SIRET")),
    TRJ_COLUMN_TEXT_NULL, MEMBER (siret), 0, TRJ_LINE_FIELD_SIRET, SHAPE (POST_AID) },
  { PARAM ("conventionne_previous", N_("Change last year’s ETP conventionnés"), TRJ_PARAM_CONVENTIONNE_PREVIOUS),
    TRJ_COLUMN_REAL_NULL, MEMBER (conventionne_previous), MEMBER (has_conventionne_previous),
    TRJ_LINE_FIELD_CONVENTIONNE_PREVIOUS, SHAPE (POST_AID) },
  { PARAM ("realise_previous", N_("Change last year’s ETP réalisés"), TRJ_PARAM_REALISE_PREVIOUS),
    TRJ_COLUMN_REAL_NULL, MEMBER (realise_previous), MEMBER (has_realise_previous),
    TRJ_LINE_FIELD_REALISE_PREVIOUS, SHAPE (POST_AID) },
  { PARAM ("decrease_requested", N_("Change decrease requested"), TRJ_PARAM_DECREASE_REQUESTED),
    TRJ_COLUMN_INT, MEMBER (decrease_requested), 0, TRJ_LINE_FIELD_DECREASE_REQUESTED, SHAPE (POST_AID) },
  { PARAM ("revaluation_requested", N_("Change revaluation requested"), TRJ_PARAM_REVALUATION_REQUESTED),
    TRJ_COLUMN_INT, MEMBER (revaluation_requested), 0, TRJ_LINE_FIELD_REVALUATION_REQUESTED, SHAPE (POST_AID) },
  { PARAM ("development", N_("Change development project"), TRJ_PARAM_DEVELOPMENT),
    TRJ_COLUMN_INT, MEMBER (development), 0, TRJ_LINE_FIELD_DEVELOPMENT, SHAPE (POST_AID) },
  { TEXT ("note", N_("Change note")), TRJ_COLUMN_TEXT_NULL, MEMBER (note), 0, TRJ_LINE_FIELD_NOTE, 0 },
  /* MODEL 2.8 (schema version 9) */
  { PARAM ("public_qpv", N_("Change share of QPV residents"), TRJ_PARAM_PUBLIC_SHARE),
    TRJ_COLUMN_REAL_NULL, MEMBER (publics[TRJ_PUBLIC_QPV]), MEMBER (has_public[TRJ_PUBLIC_QPV]),
    TRJ_LINE_FIELD_PUBLIC_QPV, SHAPE (CONTRACT) },
  { PARAM ("public_zrr", N_("Change share of ZRR residents"), TRJ_PARAM_PUBLIC_SHARE),
    TRJ_COLUMN_REAL_NULL, MEMBER (publics[TRJ_PUBLIC_ZRR]), MEMBER (has_public[TRJ_PUBLIC_ZRR]),
    TRJ_LINE_FIELD_PUBLIC_ZRR, SHAPE (CONTRACT) },
  { PARAM ("public_essms", N_("Change share of ESSMS jobs"), TRJ_PARAM_PUBLIC_SHARE),
    TRJ_COLUMN_REAL_NULL, MEMBER (publics[TRJ_PUBLIC_ESSMS]), MEMBER (has_public[TRJ_PUBLIC_ESSMS]),
    TRJ_LINE_FIELD_PUBLIC_ESSMS, SHAPE (CONTRACT) },
  { PARAM ("public_seniors", N_("Change share of seniors"), TRJ_PARAM_PUBLIC_SHARE),
    TRJ_COLUMN_REAL_NULL, MEMBER (publics[TRJ_PUBLIC_SENIORS]), MEMBER (has_public[TRJ_PUBLIC_SENIORS]),
    TRJ_LINE_FIELD_PUBLIC_SENIORS, SHAPE (CONTRACT) },
  { PARAM ("renewal_share", N_("Change share of renewals"), TRJ_PARAM_RENEWAL_SHARE),
    TRJ_COLUMN_REAL_NULL, MEMBER (renewal_share), MEMBER (has_renewal_share),
    TRJ_LINE_FIELD_RENEWAL_SHARE, SHAPE (CONTRACT) },
  { TEXT ("exception_reason", N_("Change justification")),
    TRJ_COLUMN_TEXT_NULL, MEMBER (exception_reason), 0, TRJ_LINE_FIELD_EXCEPTION_REASON, SHAPE (CONTRACT) },
};

G_STATIC_ASSERT (TRJ_LINE_FIELD_PUBLIC_SENIORS - TRJ_LINE_FIELD_PUBLIC_QPV == TRJ_PUBLIC_SENIORS);

const guint trj_workbook_n_line_columns = G_N_ELEMENTS (trj_workbook_line_columns);

const TrjFieldSpec trj_workbook_envelope_fields[TRJ_N_ENVELOPE_FIELDS] = {
  [TRJ_ENVELOPE_FIELD_AE_NOTIFIED] = PARAM ("ae_notified", N_("Change notified AE"), TRJ_PARAM_AE_NOTIFIED),
  [TRJ_ENVELOPE_FIELD_CP_NOTIFIED] = PARAM ("cp_notified", N_("Change notified CP"), TRJ_PARAM_CP_NOTIFIED),
  [TRJ_ENVELOPE_FIELD_VOLUME_NOTIFIED] = PARAM ("volume_notified", N_("Change notified volume"),
                                                TRJ_PARAM_VOLUME_NOTIFIED),
  [TRJ_ENVELOPE_FIELD_CP_INCLUDES_STOCK] = CHOICE ("cp_includes_stock", N_("Change CP scope"), 2,
                                                   N_("This setting is yes or no.")),
  [TRJ_ENVELOPE_FIELD_PREVIOUS_MODULATION_CP] = PARAM ("previous_modulation_cp",
                                                       N_("Change last year’s modulated part"),
                                                       TRJ_PARAM_PREVIOUS_MODULATION_CP),
  [TRJ_ENVELOPE_FIELD_DEMANDE_AE] = PARAM ("demande_ae", N_("Change demande complémentaire"),
                                           TRJ_PARAM_DEMANDE_AE),
  [TRJ_ENVELOPE_FIELD_DEMANDE_CP] = PARAM ("demande_cp", N_("Change demande complémentaire"),
                                           TRJ_PARAM_DEMANDE_CP),
};

const TrjFieldSpec trj_workbook_fungibility_fields[TRJ_N_FUNGIBILITY_FIELDS] = {
  [TRJ_FUNGIBILITY_TRANSFER_AE] = PARAM ("cie_jeunes_to_pec_ae", N_("Change CIE jeunes → PEC transfer"),
                                         TRJ_PARAM_TRANSFER_AE),
  [TRJ_FUNGIBILITY_TRANSFER_CP] = PARAM ("cie_jeunes_to_pec_cp", N_("Change CIE jeunes → PEC transfer"),
                                         TRJ_PARAM_TRANSFER_CP),
  [TRJ_FUNGIBILITY_TERRITORIAL_AE] = PARAM ("initiatives_territoriales_ae",
                                            N_("Change initiatives territoriales"), TRJ_PARAM_TERRITORIAL_AE),
  [TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES] = PARAM ("demandes_complementaires",
                                                      N_("Change demandes complémentaires"),
                                                      TRJ_PARAM_DEMANDES_COMPLEMENTAIRES),
};

const TrjMonthSeries trj_workbook_month_series[TRJ_N_LINE_MONTHS] = {
  [TRJ_LINE_MONTHS_ENTRIES] = { "entries", N_("Change entries"), TRJ_PARAM_ENTRIES },
  [TRJ_LINE_MONTHS_PREVIOUS_ENTRIES] = { "previous_entries", N_("Change last year’s entries"),
                                         TRJ_PARAM_PREVIOUS_ENTRIES, "has_previous_entries" },
  [TRJ_LINE_MONTHS_PROFILE] = { "profile", N_("Change profile"), TRJ_PARAM_PROFILE, "has_profile" },
  [TRJ_LINE_MONTHS_PAYMENT_PROFILE] = { "payment_profile", N_("Change payment profile"),
                                        TRJ_PARAM_PAYMENT_PROFILE, "has_payment_profile" },
  [TRJ_LINE_MONTHS_CP_SCHEDULE] = { "cp_schedule", N_("Change CP schedule"), TRJ_PARAM_CP_SCHEDULE },
  [TRJ_LINE_MONTHS_REALISED_ETP] = { "realised_etp", N_("Change realised ETP"), TRJ_PARAM_REALISED_ETP },
};

const TrjLineColumn *
trj_workbook_line_column (TrjLineField field)
{
  for (guint i = 0; i < trj_workbook_n_line_columns; i++)
    if (trj_workbook_line_columns[i].field == (int) field)
      return &trj_workbook_line_columns[i];
  g_return_val_if_reached (NULL);
}

const char *
trj_workbook_line_column_list (void)
{
  static gsize list;   /* char *, built once */

  if (g_once_init_enter (&list))
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < trj_workbook_n_line_columns; i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", trj_workbook_line_columns[i].spec.column);
      g_once_init_leave (&list, (gsize) g_string_free (s, FALSE));
    }
  return (const char *) list;
}

#define AT(line, offset, type) ((type *) (void *) ((guint8 *) (line) + (offset)))

gboolean
trj_workbook_line_bind (sqlite3_stmt *stmt, int first, const TrjLine *line)
{
  for (guint i = 0; i < trj_workbook_n_line_columns; i++)
    {
      const TrjLineColumn *c = &trj_workbook_line_columns[i];
      int p = first + (int) i, rc = SQLITE_OK;

      switch (c->type)
        {
        case TRJ_COLUMN_TEXT:
          {
            const char *text = *AT (line, c->offset, char *);
            rc = sqlite3_bind_text (stmt, p, text ? text : "", -1, SQLITE_TRANSIENT);
          }
          break;
        case TRJ_COLUMN_TEXT_NULL:
          rc = sqlite3_bind_text (stmt, p, *AT (line, c->offset, char *), -1, SQLITE_TRANSIENT);
          break;
        case TRJ_COLUMN_KIND:
          rc = sqlite3_bind_text (stmt, p, trj_kind_to_string (*AT (line, c->offset, TrjLineKind)),
                                  -1, SQLITE_STATIC);
          break;
        case TRJ_COLUMN_REAL:
          rc = sqlite3_bind_double (stmt, p, *AT (line, c->offset, double));
          break;
        case TRJ_COLUMN_REAL_NULL:
          rc = *AT (line, c->has_offset, gboolean)
               ? sqlite3_bind_double (stmt, p, *AT (line, c->offset, double))
               : sqlite3_bind_null (stmt, p);
          break;
        case TRJ_COLUMN_INT:
          rc = sqlite3_bind_int (stmt, p, *AT (line, c->offset, int));
          break;
        default:
          g_assert_not_reached ();
        }
      if (rc != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

/* Text a workbook holds: valid UTF-8 of a bounded length, so that a label
 * cannot make the file or a snapshot grow without limit. */
gboolean
trj_workbook_check_text (const char *text, GError **error)
{
  if (text != NULL && (strlen (text) > TRJ_WORKBOOK_MAX_TEXT || !g_utf8_validate (text, -1, NULL)))
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("A text must be valid and at most %d bytes long."), TRJ_WORKBOOK_MAX_TEXT);
      return FALSE;
    }
  return TRUE;
}

/* MODEL 2.8: a justification, as the catalogue bounds it. */
gboolean
trj_workbook_check_reason (const char *text, GError **error)
{
  g_autoptr(GError) refused = NULL;

  if (trj_catalog_check_reason (text, NULL, &refused))
    return TRUE;
  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, "%s.", refused->message);
  return FALSE;
}

gboolean
trj_workbook_column_text (sqlite3_stmt *stmt, int col, gboolean nullable, const char **out,
                          GError **error)
{
  int type = sqlite3_column_type (stmt, col);
  const char *text;

  *out = NULL;
  if (type == SQLITE_NULL)
    return nullable;
  if (type != SQLITE_TEXT)
    return FALSE;
  text = (const char *) sqlite3_column_text (stmt, col);
  if (text == NULL || (gsize) sqlite3_column_bytes (stmt, col) != strlen (text) ||
      !trj_workbook_check_text (text, error))
    return FALSE;
  *out = text;
  return TRUE;
}

gboolean
trj_workbook_column_number (sqlite3_stmt *stmt, int col, gboolean nullable, double *out)
{
  int type = sqlite3_column_type (stmt, col);

  *out = NAN;
  if (type == SQLITE_NULL)
    return nullable;
  if (type != SQLITE_FLOAT && type != SQLITE_INTEGER)
    return FALSE;
  *out = sqlite3_column_double (stmt, col);
  return TRUE;
}

gboolean
trj_workbook_line_read (sqlite3_stmt *stmt, int first, TrjLine *line, const char **bad_column,
                        GError **error)
{
  for (guint i = 0; i < trj_workbook_n_line_columns; i++)
    {
      const TrjLineColumn *c = &trj_workbook_line_columns[i];
      int col = first + (int) i;
      const char *text = NULL;
      double number = NAN;
      gboolean ok;

      switch (c->type)
        {
        case TRJ_COLUMN_TEXT:
        case TRJ_COLUMN_TEXT_NULL:
          ok = trj_workbook_column_text (stmt, col, c->type == TRJ_COLUMN_TEXT_NULL, &text, error);
          if (ok)
            {
              g_free (*AT (line, c->offset, char *));
              *AT (line, c->offset, char *) = g_strdup (text);
            }
          break;
        case TRJ_COLUMN_KIND:
          ok = trj_workbook_column_text (stmt, col, FALSE, &text, error) &&
               trj_kind_from_string (text, AT (line, c->offset, TrjLineKind));
          break;
        case TRJ_COLUMN_REAL:
        case TRJ_COLUMN_REAL_NULL:
          ok = trj_workbook_column_number (stmt, col, c->type == TRJ_COLUMN_REAL_NULL, &number);
          if (c->type == TRJ_COLUMN_REAL_NULL)
            *AT (line, c->has_offset, gboolean) = !isnan (number);
          *AT (line, c->offset, double) = isnan (number) ? 0 : number;
          break;
        case TRJ_COLUMN_INT:
          /* Whole numbers in range are judged by the limits; here, the type. */
          ok = sqlite3_column_type (stmt, col) == SQLITE_INTEGER &&
               sqlite3_column_int64 (stmt, col) >= G_MININT && sqlite3_column_int64 (stmt, col) <= G_MAXINT;
          *AT (line, c->offset, int) = ok ? sqlite3_column_int (stmt, col) : 0;
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        {
          *bad_column = c->spec.column;
          return FALSE;
        }
    }
  return TRUE;
}

static double
column_value (const TrjLine *line, const TrjLineColumn *c)
{
  switch (c->type)
    {
    case TRJ_COLUMN_KIND: return *AT (line, c->offset, TrjLineKind);
    case TRJ_COLUMN_REAL:
    case TRJ_COLUMN_REAL_NULL: return *AT (line, c->offset, double);
    case TRJ_COLUMN_INT: return *AT (line, c->offset, int);
    case TRJ_COLUMN_TEXT:
    case TRJ_COLUMN_TEXT_NULL:
    default:
      break;
    }
  g_return_val_if_reached (NAN);
}

gboolean
trj_workbook_check_line (const TrjLine *line, const char **bad_field, GError **error)
{
  guint shape = 1u << trj_kind_shape (line->kind);

  if (line->kind >= TRJ_N_KINDS)
    {
      *bad_field = "kind";
      return trj_workbook_check_value (&trj_workbook_line_column (TRJ_LINE_FIELD_KIND)->spec,
                                       line->kind, error);
    }
  for (guint i = 0; i < trj_workbook_n_line_columns; i++)
    {
      const TrjLineColumn *c = &trj_workbook_line_columns[i];
      gboolean ok;

      if (c->field == TRJ_LINE_FIELD_EXCEPTION_REASON)
        ok = trj_workbook_check_reason (*AT (line, c->offset, char *), error);
      else if (c->type == TRJ_COLUMN_TEXT || c->type == TRJ_COLUMN_TEXT_NULL)
        ok = trj_workbook_check_text (*AT (line, c->offset, char *), error);
      else if (c->type == TRJ_COLUMN_REAL_NULL && !*AT (line, c->has_offset, gboolean))
        ok = TRUE;
      else
        {
          double v = column_value (line, c);

          /* A column of another shape keeps what it held before the kind
           * changed, or 0 for a line added with this kind. */
          ok = ((c->shapes & shape) == 0 && c->shapes != 0 && v == 0) ||
               trj_workbook_check_value (&c->spec, v, error);
        }
      if (!ok)
        {
          *bad_field = c->spec.column;
          return FALSE;
        }
    }
  for (int series = 0; series < TRJ_N_LINE_MONTHS; series++)
    {
      const double *values = trj_workbook_line_months ((TrjLine *) line, series);

      for (int m = 0; m < TRJ_MONTHS; m++)
        if (!trj_workbook_check_month_value (series, values[m], error))
          {
            *bad_field = trj_workbook_month_series[series].name;
            return FALSE;
          }
    }
  return TRUE;
}

double *
trj_workbook_line_months (TrjLine *line, TrjLineMonths series)
{
  switch (series)
    {
    case TRJ_LINE_MONTHS_ENTRIES: return line->entries;
    case TRJ_LINE_MONTHS_PREVIOUS_ENTRIES: return line->previous_entries;
    case TRJ_LINE_MONTHS_PROFILE: return line->profile;
    case TRJ_LINE_MONTHS_PAYMENT_PROFILE: return line->payment_profile;
    case TRJ_LINE_MONTHS_CP_SCHEDULE: return line->cp_schedule;
    case TRJ_LINE_MONTHS_REALISED_ETP: return line->realised_etp;
    case TRJ_N_LINE_MONTHS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

/* The catalogue's refusal, as a workbook error: what the store accepts is what
 * the engine and the readers accept, so nothing stored is refused when read back. */
static gboolean
check_param (TrjParam param, double value, GError **error)
{
  g_autoptr(GError) refused = NULL;

  /* Every value of a workbook opened comes here: its title (gettext) and
   * message only for a value refused. */
  if (trj_catalog_accepts (param, value) ||
      trj_catalog_check (param, trj_catalog_param_title (param), value, &refused))
    return TRUE;
  /* A sentence: the damaged-file message and the grid's refusal go on after it. */
  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, "%s.", refused->message);
  return FALSE;
}

gboolean
trj_workbook_check_month_value (TrjLineMonths series, double value, GError **error)
{
  /* A month without realised data has no row. */
  if (series == TRJ_LINE_MONTHS_REALISED_ETP && isnan (value))
    return TRUE;
  return check_param (trj_workbook_month_series[series].param, value, error);
}

gboolean
trj_workbook_check_value (const TrjFieldSpec *spec, double value, GError **error)
{
  if (spec->param >= 0)
    return check_param (spec->param, value, error);
  if (value >= 0 && value < spec->n_choices && value == floor (value))
    return TRUE;
  g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, _(spec->refusal));
  return FALSE;
}

/* The catalogue's parameter of each reference value. */
static const TrjParam reference_params[TRJ_N_REFERENCES] = {
  [TRJ_REFERENCE_SMIC_HOURLY] = TRJ_PARAM_SMIC_HOURLY,
  [TRJ_REFERENCE_RSA] = TRJ_PARAM_RSA,
  [TRJ_REFERENCE_CD_SHARE] = TRJ_PARAM_CD_SHARE,
  [TRJ_REFERENCE_WEEKS_PER_MONTH] = TRJ_PARAM_WEEKS_PER_MONTH,
};

gboolean
trj_workbook_check_reference_series (TrjReferenceKind kind, const TrjSeries *series, GError **error)
{
  for (guint i = 0; i < series->n_points; i++)
    {
      const TrjRefPoint *p = &series->points[i];
      g_autoptr(GError) refused = NULL;

      /* Dates as yyyymmdd of a plausible year, in increasing order. */
      if (!check_param (reference_params[kind], p->value, &refused) ||
          p->from < 19000101 || p->from > 21001231 ||
          (i > 0 && p->from <= series->points[i - 1].from))
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                       _("Point %u of the series: %s"), i + 1,
                       refused != NULL ? refused->message : _("dates must be from 1900 to 2100, in increasing order."));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
trj_workbook_check_reference_value (TrjReferenceKind kind, double value, GError **error)
{
  return check_param (reference_params[kind], value, error);
}

static gboolean
check_fields (const TrjFieldSpec *specs, const double *values, guint n, TrjValueWhere *where,
              GError **error)
{
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]) && !trj_workbook_check_value (&specs[i], values[i], error))
      {
        where->field = specs[i].column;
        return FALSE;
      }
  return TRUE;
}

gboolean
trj_workbook_check_share (const TrjEnvelope *env, guint index, GError **error)
{
  g_autoptr(GError) invalid = NULL;

  for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
    {
      const TrjAllocation *al = g_ptr_array_index (env->allocations, a);

      if (!trj_workbook_check_text (al->prescriber, error))
        return FALSE;
    }
  if (trj_envelope_validate_share (env, index, &invalid))
    return TRUE;
  g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, invalid->message);
  return FALSE;
}

gboolean
trj_workbook_check_scenario (const TrjScenario *s, TrjValueWhere *where, GError **error)
{
  const TrjFungibility *f = &s->fungibility;
  double fungibility[TRJ_N_FUNGIBILITY_FIELDS] = {
    [TRJ_FUNGIBILITY_TRANSFER_AE] = f->cie_jeunes_to_pec_ae,
    [TRJ_FUNGIBILITY_TRANSFER_CP] = f->has_cie_jeunes_to_pec_cp ? f->cie_jeunes_to_pec_cp : NAN,
    [TRJ_FUNGIBILITY_TERRITORIAL_AE] = f->initiatives_territoriales_ae,
    [TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES] = f->demandes_complementaires,
  };

  *where = (TrjValueWhere) { "scenario" };
  if (!check_fields (trj_workbook_fungibility_fields, fungibility, TRJ_N_FUNGIBILITY_FIELDS, where, error))
    return FALSE;
  where->field = "initiatives_territoriales_source";
  if (!trj_workbook_check_text (f->initiatives_territoriales_source, error))
    return FALSE;

  where->table = "reference_override";
  where->field = "smic_hourly";
  if (s->overrides_smic && !trj_workbook_check_reference_series (TRJ_REFERENCE_SMIC_HOURLY, &s->reference.smic_hourly, error))
    return FALSE;
  where->field = "rsa";
  if (s->overrides_rsa && !trj_workbook_check_reference_series (TRJ_REFERENCE_RSA, &s->reference.rsa, error))
    return FALSE;
  where->field = "cd_share";
  if (s->overrides_cd_share &&
      !trj_workbook_check_reference_value (TRJ_REFERENCE_CD_SHARE, s->reference.cd_share, error))
    return FALSE;
  where->field = "weeks_per_month";
  if (s->overrides_weeks &&
      !trj_workbook_check_reference_value (TRJ_REFERENCE_WEEKS_PER_MONTH, s->reference.weeks_per_month,
                                           error))
    return FALSE;

  for (guint e = 0; e < s->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);
      double values[TRJ_N_ENVELOPE_FIELDS] = {
        [TRJ_ENVELOPE_FIELD_AE_NOTIFIED] = env->ae_notified,
        [TRJ_ENVELOPE_FIELD_CP_NOTIFIED] = env->cp_notified,
        [TRJ_ENVELOPE_FIELD_VOLUME_NOTIFIED] = env->volume_notified,
        [TRJ_ENVELOPE_FIELD_CP_INCLUDES_STOCK] = env->cp_notified_includes_stock,
        [TRJ_ENVELOPE_FIELD_PREVIOUS_MODULATION_CP] = env->previous_modulation_cp,
        [TRJ_ENVELOPE_FIELD_DEMANDE_AE] = env->demande.ae,
        [TRJ_ENVELOPE_FIELD_DEMANDE_CP] = env->demande.cp,
      };

      *where = (TrjValueWhere) { "envelope", env->id, NULL, "id" };
      if (env->id == NULL || *env->id == '\0')
        {
          g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                               _("An envelope needs a name."));
          return FALSE;
        }
      if (!trj_workbook_check_text (env->id, error))
        return FALSE;
      /* A reason too long is the reason's fault, not the id's. */
      where->field = "demande_reason";
      if (!trj_workbook_check_text (env->demande.reason, error) ||
          !check_fields (trj_workbook_envelope_fields, values, TRJ_N_ENVELOPE_FIELDS, where, error))
        return FALSE;
      where->field = "allocations";
      if (!trj_workbook_check_share (env, e, error))
        return FALSE;
      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);

          g_autofree char *why = NULL;

          *where = (TrjValueWhere) { "line", env->id, line->id, "key" };
          if (!trj_workbook_check_text (line->id, error) ||
              !trj_workbook_check_line (line, &where->field, error))
            return FALSE;
          if (!trj_catalog_envelope_holds (env->id, line->kind, &why))
            {
              where->field = "envelope";
              g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, "%s.", why);
              return FALSE;
            }
        }
    }
  return TRUE;
}
