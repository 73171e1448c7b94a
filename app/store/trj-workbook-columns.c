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

const TrjLineColumn trj_workbook_line_columns[] = {
  { { "label", N_("Rename line") }, TRJ_COLUMN_TEXT, MEMBER (label), 0, TRJ_LINE_FIELD_LABEL, 0 },
  { { "kind", N_("Change kind"),
      N_("The kind of line is not one Trajectoire knows."), 0, TRJ_N_KINDS - 1, FALSE, TRUE },
    TRJ_COLUMN_KIND, MEMBER (kind), 0, TRJ_LINE_FIELD_KIND, 0 },
  { { "departement", N_("Change département") },
    TRJ_COLUMN_TEXT_NULL, MEMBER (departement), 0, TRJ_LINE_FIELD_DEPARTEMENT, 0 },
  { { "prescriber", N_("Change prescriber") },
    TRJ_COLUMN_TEXT_NULL, MEMBER (prescriber), 0, TRJ_LINE_FIELD_PRESCRIBER, 0 },
  { { "rate", N_("Change rate"),
      /* xgettext:no-c-format */
      N_("The rate must be above 0 % and at most 100 % of the SMIC."), 0, 1, TRUE },
    TRJ_COLUMN_REAL, MEMBER (rate), 0, TRJ_LINE_FIELD_RATE, SHAPE (CONTRACT) },
  { { "weekly_hours", N_("Change weekly hours"),
      N_("Weekly hours must be above 0 and at most 35."), 0, 35, TRUE },
    TRJ_COLUMN_REAL, MEMBER (weekly_hours), 0, TRJ_LINE_FIELD_WEEKLY_HOURS, SHAPE (CONTRACT) },
  { { "duration_months", N_("Change duration"),
      N_("The duration must be above 0 and at most 24 months."), 0, 24, TRUE },
    TRJ_COLUMN_REAL, MEMBER (duration_months), 0, TRJ_LINE_FIELD_DURATION_MONTHS, SHAPE (CONTRACT) },
  { { "cofinanced_share", N_("Change cofinanced share"),
      /* xgettext:no-c-format */
      N_("The cofinanced share must be between 0 % and 100 %."), 0, 1 },
    TRJ_COLUMN_REAL, MEMBER (cofinanced_share), 0, TRJ_LINE_FIELD_COFINANCED_SHARE, SHAPE (CONTRACT) },
  { { "payment_lag_months", N_("Change payment lag"),
      N_("The payment lag must be a whole number of months from 0 to 6."), 0, 6, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (payment_lag_months), 0, TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS,
    SHAPE (CONTRACT) | SHAPE (POST_AID) },
  { { "entries_mode", N_("Change entry mode"),
      N_("Entries are given month by month or as a volume."), 0, 1, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (entries_mode), 0, TRJ_LINE_FIELD_ENTRIES_MODE, SHAPE (CONTRACT) },
  { { "volume", N_("Change volume"),
      N_("The volume must be between 0 and 1 million contracts."), 0, 1e6 },
    TRJ_COLUMN_REAL, MEMBER (volume), 0, TRJ_LINE_FIELD_VOLUME, SHAPE (CONTRACT) },
  { { "has_profile", NULL, N_("This setting is yes or no."), 0, 1, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (has_profile), 0, -1, SHAPE (CONTRACT) },
  { { "has_previous_entries", NULL, N_("This setting is yes or no."), 0, 1, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (has_previous_entries), 0, -1, SHAPE (CONTRACT) },
  { { "quantity", N_("Change quantity"),
      N_("The quantity must be between 0 and 1 million."), 0, 1e6 },
    TRJ_COLUMN_REAL, MEMBER (quantity), 0, TRJ_LINE_FIELD_QUANTITY, SHAPE (POST_AID) },
  { { "unit_amount", N_("Change unit amount"),
      N_("The unit amount must be between 0 € and 1 million €."), 0, 1e6 },
    TRJ_COLUMN_REAL_NULL, MEMBER (unit_amount), MEMBER (has_unit_amount), TRJ_LINE_FIELD_UNIT_AMOUNT,
    SHAPE (POST_AID) },
  { { "modulation", N_("Change modulated share"),
      /* xgettext:no-c-format */
      N_("The modulated share must be between 0 % and 10 %."), 0, 0.10 },
    TRJ_COLUMN_REAL, MEMBER (modulation), 0, TRJ_LINE_FIELD_MODULATION, SHAPE (POST_AID) },
  { { "second_year_quantity", N_("Change second-year quantity"),
      N_("The second-year quantity must be between 0 and 1 million."), 0, 1e6 },
    TRJ_COLUMN_REAL, MEMBER (second_year_quantity), 0, TRJ_LINE_FIELD_SECOND_YEAR_QUANTITY,
    SHAPE (POST_AID) },
  { { "rsa_recipients", N_("Change RSA recipients"),
      N_("The number of RSA recipients must be between 0 and 1 million."), 0, 1e6 },
    TRJ_COLUMN_REAL, MEMBER (rsa_recipients), 0, TRJ_LINE_FIELD_RSA_RECIPIENTS, SHAPE (POST_AID) },
  { { "rsa_months", N_("Change RSA months"),
      N_("The months of cofinancing must be between 0 and 24."), 0, 24 },
    TRJ_COLUMN_REAL, MEMBER (rsa_months), 0, TRJ_LINE_FIELD_RSA_MONTHS, SHAPE (POST_AID) },
  { { "commitment_month", N_("Change commitment month"),
      N_("The commitment month must be a month of the year."), 0, 11, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (commitment_month), 0, TRJ_LINE_FIELD_COMMITMENT_MONTH,
    SHAPE (POST_AID) | SHAPE (FREE) },
  { { "has_payment_profile", NULL, N_("This setting is yes or no."), 0, 1, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (has_payment_profile), 0, -1, SHAPE (POST_AID) },
  { { "ae_amount", N_("Change AE amount"),
      N_("The AE amount must be between 0 € and 100 billion €."), 0, 1e11 },
    TRJ_COLUMN_REAL, MEMBER (ae_amount), 0, TRJ_LINE_FIELD_AE_AMOUNT, SHAPE (FREE) },
};

const guint trj_workbook_n_line_columns = G_N_ELEMENTS (trj_workbook_line_columns);

const TrjFieldSpec trj_workbook_envelope_fields[TRJ_N_ENVELOPE_FIELDS] = {
  [TRJ_ENVELOPE_FIELD_AE_NOTIFIED] = { "ae_notified", N_("Change notified AE"),
    N_("Notified amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_ENVELOPE_FIELD_CP_NOTIFIED] = { "cp_notified", N_("Change notified CP"),
    N_("Notified amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_ENVELOPE_FIELD_VOLUME_NOTIFIED] = { "volume_notified", N_("Change notified volume"),
    N_("The notified volume must be between 0 and 10 million contracts."), 0, 1e7 },
  [TRJ_ENVELOPE_FIELD_CP_INCLUDES_STOCK] = { "cp_includes_stock", N_("Change CP scope"),
    N_("This setting is yes or no."), 0, 1, FALSE, TRUE },
  [TRJ_ENVELOPE_FIELD_PREVIOUS_MODULATION_CP] = { "previous_modulation_cp",
    N_("Change last year’s modulated part"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
};

const TrjFieldSpec trj_workbook_fungibility_fields[TRJ_N_FUNGIBILITY_FIELDS] = {
  [TRJ_FUNGIBILITY_TRANSFER_AE] = { "cie_jeunes_to_pec_ae",
    N_("Change CIE jeunes → PEC transfer"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_TRANSFER_CP] = { "cie_jeunes_to_pec_cp",
    N_("Change CIE jeunes → PEC transfer"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_TERRITORIAL_AE] = { "initiatives_territoriales_ae",
    N_("Change initiatives territoriales"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES] = { "demandes_complementaires",
    N_("Change demandes complémentaires"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
};

const TrjMonthSeries trj_workbook_month_series[TRJ_N_LINE_MONTHS] = {
  [TRJ_LINE_MONTHS_ENTRIES] = { "entries", N_("Change entries"), 0 },
  [TRJ_LINE_MONTHS_PREVIOUS_ENTRIES] = { "previous_entries", N_("Change last year’s entries"), 0,
                                         "has_previous_entries" },
  [TRJ_LINE_MONTHS_PROFILE] = { "profile", N_("Change profile"), 1, "has_profile" },
  [TRJ_LINE_MONTHS_PAYMENT_PROFILE] = { "payment_profile", N_("Change payment profile"), 1,
                                        "has_payment_profile" },
  [TRJ_LINE_MONTHS_CP_SCHEDULE] = { "cp_schedule", N_("Change CP schedule"), 0 },
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

      if (c->type == TRJ_COLUMN_TEXT || c->type == TRJ_COLUMN_TEXT_NULL)
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
    case TRJ_N_LINE_MONTHS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
trj_workbook_check_month_value (TrjLineMonths series, double value, GError **error)
{
  /* A CP schedule may carry corrections below zero; counts and profiles cannot. */
  /* The catalogue's bounds (trj-catalog): a count or weight at most 10⁶ a month,
   * a CP amount at most 10¹¹ €, so that nothing stored is refused when read back. */
  if (!isfinite (value) ||
      (series == TRJ_LINE_MONTHS_CP_SCHEDULE ? fabs (value) > 1e11 : (value < 0 || value > 1e6)))
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           series == TRJ_LINE_MONTHS_CP_SCHEDULE
                           ? _("A CP amount must be a number.")
                           : _("Monthly values must be zero or more."));
      return FALSE;
    }
  return TRUE;
}

gboolean
trj_workbook_check_value (const TrjFieldSpec *spec, double value, GError **error)
{
  gboolean ok = isfinite (value) && value <= spec->hi &&
                (spec->lo_excluded ? value > spec->lo : value >= spec->lo) &&
                (!spec->integer || value == floor (value));

  if (!ok)
    g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, _(spec->limits));
  return ok;
}

gboolean
trj_workbook_check_reference_series (const TrjSeries *series, GError **error)
{
  for (guint i = 0; i < series->n_points; i++)
    {
      const TrjRefPoint *p = &series->points[i];

      /* Dates as yyyymmdd of a plausible year; amounts (€ an hour, € a month)
       * far above any real SMIC or RSA stay out of the formatters' way. */
      if (!isfinite (p->value) || p->value <= 0 || p->value > 1e6 ||
          p->from < 19000101 || p->from > 21001231 ||
          (i > 0 && p->from <= series->points[i - 1].from))
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                       _("Point %u of the series: values must be above 0 and at most 1 million, "
                         "dates in increasing order."), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
trj_workbook_check_reference_value (TrjReferenceKind kind, double value, GError **error)
{
  if (!isfinite (value) || value <= 0 || (kind == TRJ_REFERENCE_CD_SHARE && value > 1) ||
      (kind == TRJ_REFERENCE_WEEKS_PER_MONTH && value > 5))
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           kind == TRJ_REFERENCE_CD_SHARE
                           /* xgettext:no-c-format */
                           ? _("The département share of the RSA must be above 0 % and at most 100 %.")
                           : _("Weeks per month must be above 0 and at most 5."));
      return FALSE;
    }
  return TRUE;
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

  where->table = "reference_override";
  where->field = "smic_hourly";
  if (s->overrides_smic && !trj_workbook_check_reference_series (&s->reference.smic_hourly, error))
    return FALSE;
  where->field = "rsa";
  if (s->overrides_rsa && !trj_workbook_check_reference_series (&s->reference.rsa, error))
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
      };

      *where = (TrjValueWhere) { "envelope", env->id, NULL, "id" };
      if (env->id == NULL || *env->id == '\0')
        {
          g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                               _("An envelope needs a name."));
          return FALSE;
        }
      if (!trj_workbook_check_text (env->id, error) ||
          !check_fields (trj_workbook_envelope_fields, values, TRJ_N_ENVELOPE_FIELDS, where, error))
        return FALSE;
      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);

          *where = (TrjValueWhere) { "line", env->id, line->id, "key" };
          if (!trj_workbook_check_text (line->id, error) ||
              !trj_workbook_check_line (line, &where->field, error))
            return FALSE;
        }
    }
  return TRUE;
}
