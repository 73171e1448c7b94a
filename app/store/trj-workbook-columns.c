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
#include <glib/gi18n.h>

#include "trj-workbook-private.h"

#define MEMBER(m) G_STRUCT_OFFSET (TrjLine, m)

const TrjLineColumn trj_workbook_line_columns[] = {
  { { "label", N_("Rename line") }, TRJ_COLUMN_TEXT, MEMBER (label), 0, TRJ_LINE_FIELD_LABEL },
  { { "kind", N_("Change kind"),
      N_("The kind of line is not one Trajectoire knows."), 0, TRJ_N_KINDS - 1, FALSE, TRUE },
    TRJ_COLUMN_KIND, MEMBER (kind), 0, TRJ_LINE_FIELD_KIND },
  { { "departement", N_("Change département") },
    TRJ_COLUMN_TEXT_NULL, MEMBER (departement), 0, TRJ_LINE_FIELD_DEPARTEMENT },
  { { "prescriber", N_("Change prescriber") },
    TRJ_COLUMN_TEXT_NULL, MEMBER (prescriber), 0, TRJ_LINE_FIELD_PRESCRIBER },
  { { "rate", N_("Change rate"),
      /* xgettext:no-c-format */
      N_("The rate must be above 0 % and at most 100 % of the SMIC."), 0, 1, TRUE },
    TRJ_COLUMN_REAL, MEMBER (rate), 0, TRJ_LINE_FIELD_RATE },
  { { "weekly_hours", N_("Change weekly hours"),
      N_("Weekly hours must be above 0 and at most 35."), 0, 35, TRUE },
    TRJ_COLUMN_REAL, MEMBER (weekly_hours), 0, TRJ_LINE_FIELD_WEEKLY_HOURS },
  { { "duration_months", N_("Change duration"),
      N_("The duration must be above 0 and at most 24 months."), 0, 24, TRUE },
    TRJ_COLUMN_REAL, MEMBER (duration_months), 0, TRJ_LINE_FIELD_DURATION_MONTHS },
  { { "cofinanced_share", N_("Change cofinanced share"),
      /* xgettext:no-c-format */
      N_("The cofinanced share must be between 0 % and 100 %."), 0, 1 },
    TRJ_COLUMN_REAL, MEMBER (cofinanced_share), 0, TRJ_LINE_FIELD_COFINANCED_SHARE },
  { { "payment_lag_months", N_("Change payment lag"),
      N_("The payment lag must be a whole number of months from 0 to 6."), 0, 6, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (payment_lag_months), 0, TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS },
  { { "entries_mode", N_("Change entry mode"),
      N_("Entries are given month by month or as a volume."), 0, 1, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (entries_mode), 0, TRJ_LINE_FIELD_ENTRIES_MODE },
  { { "volume", N_("Change volume"),
      N_("The volume must be between 0 and 10 million contracts."), 0, 1e7 },
    TRJ_COLUMN_REAL, MEMBER (volume), 0, TRJ_LINE_FIELD_VOLUME },
  { { "has_profile" }, TRJ_COLUMN_INT, MEMBER (has_profile), 0, -1 },
  { { "has_previous_entries" }, TRJ_COLUMN_INT, MEMBER (has_previous_entries), 0, -1 },
  { { "quantity", N_("Change quantity"),
      N_("The quantity must be between 0 and 10 million."), 0, 1e7 },
    TRJ_COLUMN_REAL, MEMBER (quantity), 0, TRJ_LINE_FIELD_QUANTITY },
  { { "unit_amount", N_("Change unit amount"),
      N_("The unit amount must be between 0 € and 1 billion €."), 0, 1e9 },
    TRJ_COLUMN_REAL_NULL, MEMBER (unit_amount), MEMBER (has_unit_amount), TRJ_LINE_FIELD_UNIT_AMOUNT },
  { { "modulation", N_("Change modulated share"),
      /* xgettext:no-c-format */
      N_("The modulated share must be between 0 % and 10 %."), 0, 0.10 },
    TRJ_COLUMN_REAL, MEMBER (modulation), 0, TRJ_LINE_FIELD_MODULATION },
  { { "second_year_quantity", N_("Change second-year quantity"),
      N_("The second-year quantity must be between 0 and 10 million."), 0, 1e7 },
    TRJ_COLUMN_REAL, MEMBER (second_year_quantity), 0, TRJ_LINE_FIELD_SECOND_YEAR_QUANTITY },
  { { "rsa_recipients", N_("Change RSA recipients"),
      N_("The number of RSA recipients must be between 0 and 10 million."), 0, 1e7 },
    TRJ_COLUMN_REAL, MEMBER (rsa_recipients), 0, TRJ_LINE_FIELD_RSA_RECIPIENTS },
  { { "rsa_months", N_("Change RSA months"),
      N_("The months of cofinancing must be between 0 and 24."), 0, 24 },
    TRJ_COLUMN_REAL, MEMBER (rsa_months), 0, TRJ_LINE_FIELD_RSA_MONTHS },
  { { "commitment_month", N_("Change commitment month"),
      N_("The commitment month must be a month of the year."), 0, 11, FALSE, TRUE },
    TRJ_COLUMN_INT, MEMBER (commitment_month), 0, TRJ_LINE_FIELD_COMMITMENT_MONTH },
  { { "has_payment_profile" }, TRJ_COLUMN_INT, MEMBER (has_payment_profile), 0, -1 },
  { { "ae_amount", N_("Change AE amount"),
      N_("The AE amount must be between 0 € and 100 billion €."), 0, 1e11 },
    TRJ_COLUMN_REAL, MEMBER (ae_amount), 0, TRJ_LINE_FIELD_AE_AMOUNT },
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
  [TRJ_FUNGIBILITY_CIE_JEUNES_TO_PEC_AE] = { "cie_jeunes_to_pec_ae",
    N_("Change CIE jeunes → PEC transfer"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_CIE_JEUNES_TO_PEC_CP] = { "cie_jeunes_to_pec_cp",
    N_("Change CIE jeunes → PEC transfer"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_INITIATIVES_TERRITORIALES_AE] = { "initiatives_territoriales_ae",
    N_("Change initiatives territoriales"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
  [TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES] = { "demandes_complementaires",
    N_("Change demandes complémentaires"),
    N_("Amounts must be between 0 € and 100 billion €."), 0, 1e11 },
};

const TrjMonthSeries trj_workbook_month_series[TRJ_N_LINE_MONTHS] = {
  [TRJ_LINE_MONTHS_ENTRIES] = { N_("Change entries"), 0 },
  [TRJ_LINE_MONTHS_PREVIOUS_ENTRIES] = { N_("Change last year’s entries"), 0, "has_previous_entries" },
  [TRJ_LINE_MONTHS_PROFILE] = { N_("Change profile"), 1, "has_profile" },
  [TRJ_LINE_MONTHS_PAYMENT_PROFILE] = { N_("Change payment profile"), 1, "has_payment_profile" },
  [TRJ_LINE_MONTHS_CP_SCHEDULE] = { N_("Change CP schedule"), 0 },
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

void
trj_workbook_line_read (sqlite3_stmt *stmt, int first, TrjLine *line)
{
  for (guint i = 0; i < trj_workbook_n_line_columns; i++)
    {
      const TrjLineColumn *c = &trj_workbook_line_columns[i];
      int col = first + (int) i;
      gboolean null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

      switch (c->type)
        {
        case TRJ_COLUMN_TEXT:
        case TRJ_COLUMN_TEXT_NULL:
          g_free (*AT (line, c->offset, char *));
          *AT (line, c->offset, char *) =
            null && c->type == TRJ_COLUMN_TEXT_NULL ? NULL
            : g_strdup ((const char *) sqlite3_column_text (stmt, col));
          break;
        case TRJ_COLUMN_KIND:
          if (!trj_kind_from_string ((const char *) sqlite3_column_text (stmt, col),
                                     AT (line, c->offset, TrjLineKind)))
            *AT (line, c->offset, TrjLineKind) = TRJ_KIND_FREE;
          break;
        case TRJ_COLUMN_REAL:
          *AT (line, c->offset, double) = sqlite3_column_double (stmt, col);
          break;
        case TRJ_COLUMN_REAL_NULL:
          *AT (line, c->has_offset, gboolean) = !null;
          *AT (line, c->offset, double) = null ? 0 : sqlite3_column_double (stmt, col);
          break;
        case TRJ_COLUMN_INT:
          *AT (line, c->offset, int) = sqlite3_column_int (stmt, col);
          break;
        default:
          g_assert_not_reached ();
        }
    }
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
    case TRJ_N_LINE_MONTHS: break;
    }
  g_return_val_if_reached (NULL);
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
