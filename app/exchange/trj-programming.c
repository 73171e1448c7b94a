/* trj-programming.c — the « Fichier de programmation » (.xlsx), written with
 * libxlsxwriter and read back through TrjXlsxReader */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-input.h"
#include "trj-json.h"
#include "trj-programming.h"
#include "trj-share.h"
#include "trj-xlsx-book.h"
#include "trj-xlsx-reader.h"

/* Excel refuses cells longer than 32 767 characters: the JSON is cut in chunks. */
#define DATA_CHUNK_BYTES 30000

typedef struct {
  TrjXlsxBook *book;
  const TrjScenario *scenario;
  const TrjResult *result;
  const TrjYearData *year_data;   /* may be NULL */
} Writer;

/* ── Shared helpers ────────────────────────────────────────────────────── */

/* ── « Synthèse » ──────────────────────────────────────────────────────── */

typedef enum {
  ROW_AE_NOTIFIED,
  ROW_CP_NOTIFIED,
  ROW_VOLUME_NOTIFIED,
  ROW_AE_AVAILABLE,
  ROW_CP_AVAILABLE,
  ROW_AE_PROGRAMMED,
  ROW_CP_PROGRAMMED,
  ROW_CP_STOCK,
  ROW_CP_AFTER_YEAR,
  ROW_VOLUME_PROGRAMMED,
  ROW_AE_MARGIN,
  ROW_CP_MARGIN,
  ROW_AE_CONSUMPTION,
  ROW_CP_CONSUMPTION,
  ROW_AE_PER_CONTRACT,
  ROW_CAPACITY,
  ROW_AVG_RATE,
  ROW_AVG_HOURS,
  ROW_AVG_DURATION,
  ROW_AVG_COFINANCING,
  ROW_ALERTS,
  N_SUMMARY_ROWS
} SummaryRow;

typedef enum {
  TOTAL_NONE,
  TOTAL_ALL,           /* the Total column adds the envelopes up */
  TOTAL_CONTRACTS,     /* only the contrats aidés envelopes (others count ETP or aids) */
} Total;

static const struct {
  const char *label;   /* N_() */
  TrjXlsxStyle style;
  Total total;
} summary_rows[N_SUMMARY_ROWS] = {
  [ROW_AE_NOTIFIED]       = { N_("AE notified"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_CP_NOTIFIED]       = { N_("CP notified"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_VOLUME_NOTIFIED]   = { N_("Volume notified (in the envelope’s unit)"), TRJ_XLSX_COUNT, TOTAL_CONTRACTS },
  [ROW_AE_AVAILABLE]      = { N_("AE available after fungibility"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_CP_AVAILABLE]      = { N_("CP available after fungibility"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_AE_PROGRAMMED]     = { N_("AE programmed"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_CP_PROGRAMMED]     = { N_("CP programmed"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_CP_STOCK]          = { N_("of which CP for earlier years’ contracts (stock)"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_CP_AFTER_YEAR]     = { N_("Remaining to pay after the year"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_VOLUME_PROGRAMMED] = { N_("Volume programmed (in the envelope’s unit)"), TRJ_XLSX_COUNT, TOTAL_CONTRACTS },
  [ROW_AE_MARGIN]         = { N_("AE margin"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_CP_MARGIN]         = { N_("CP margin"), TRJ_XLSX_MONEY, TOTAL_ALL },
  [ROW_AE_CONSUMPTION]    = { N_("AE consumption"), TRJ_XLSX_PERCENT, TOTAL_NONE },
  [ROW_CP_CONSUMPTION]    = { N_("CP consumption"), TRJ_XLSX_PERCENT, TOTAL_NONE },
  [ROW_AE_PER_CONTRACT]   = { N_("AE per contract (contract lines)"), TRJ_XLSX_MONEY, TOTAL_NONE },
  [ROW_CAPACITY]          = { N_("Capacity (in the envelope’s unit)"), TRJ_XLSX_COUNT, TOTAL_CONTRACTS },
  [ROW_AVG_RATE]          = { N_("Average rate of State aid"), TRJ_XLSX_PERCENT, TOTAL_NONE },
  [ROW_AVG_HOURS]         = { N_("Average weekly hours"), TRJ_XLSX_DECIMAL, TOTAL_NONE },
  [ROW_AVG_DURATION]      = { N_("Average duration (months)"), TRJ_XLSX_DECIMAL, TOTAL_NONE },
  [ROW_AVG_COFINANCING]   = { N_("Average cofinanced share"), TRJ_XLSX_PERCENT, TOTAL_NONE },
  [ROW_ALERTS]            = { N_("Alerts"), TRJ_XLSX_COUNT, TOTAL_ALL },
};

/* Contrats aidés count contracts; the volumes of other envelopes are ETP or
 * aids and are not added to them. */
static gboolean
is_contract_envelope (const TrjEnvelope *env)
{
  for (guint l = 0; l < env->lines->len; l++)
    if (trj_kind_shape (((TrjLine *) g_ptr_array_index (env->lines, l))->kind) != TRJ_LINE_SHAPE_CONTRACT)
      return FALSE;
  return TRUE;
}

static double
summary_value (const TrjEnvelope *env, const TrjEnvelopeResult *er, const TrjResult *result,
               guint index, SummaryRow row)
{
  switch (row)
    {
    case ROW_AE_NOTIFIED:       return env->ae_notified;
    case ROW_CP_NOTIFIED:       return env->cp_notified;
    case ROW_VOLUME_NOTIFIED:   return env->volume_notified;
    case ROW_AE_AVAILABLE:      return er->ae_available;
    case ROW_CP_AVAILABLE:      return er->cp_available;
    case ROW_AE_PROGRAMMED:     return er->f.ae_total;
    case ROW_CP_PROGRAMMED:     return er->f.cp_total;
    case ROW_CP_STOCK:          return er->f.cp_stock;
    case ROW_CP_AFTER_YEAR:     return er->f.cp_after_year;
    case ROW_VOLUME_PROGRAMMED: return er->f.volume;
    case ROW_AE_MARGIN:         return er->ae_margin;
    case ROW_CP_MARGIN:         return er->cp_margin;
    case ROW_AE_CONSUMPTION:    return er->ae_consumption;
    case ROW_CP_CONSUMPTION:    return er->cp_consumption;
    case ROW_AE_PER_CONTRACT:   return er->f.ae_per_contract;
    case ROW_CAPACITY:          return er->capacity;
    case ROW_AVG_RATE:          return er->avg_rate;
    case ROW_AVG_HOURS:         return er->avg_hours;
    case ROW_AVG_DURATION:      return er->avg_duration;
    case ROW_AVG_COFINANCING:   return er->avg_cofinancing;
    case ROW_ALERTS:            return trj_programming_envelope_alerts (result, (int) index);
    case N_SUMMARY_ROWS:
    default:
      break;
    }
  g_return_val_if_reached (NAN);
}

/* Margins and consumptions are formulas over the cells above them, so that a
 * validator who changes a programmed amount sees them follow. Returns NULL for
 * plain values. leave_stock_out: the CP margin leaves the stock out (MODEL 2.4). */
static char *
summary_formula (SummaryRow row, lxw_row_t first, lxw_col_t col, gboolean leave_stock_out)
{
  g_autofree char *ae_avail = trj_xlsx_cell_name (first + ROW_AE_AVAILABLE, col);
  g_autofree char *cp_avail = trj_xlsx_cell_name (first + ROW_CP_AVAILABLE, col);
  g_autofree char *ae_prog = trj_xlsx_cell_name (first + ROW_AE_PROGRAMMED, col);
  g_autofree char *cp_prog = trj_xlsx_cell_name (first + ROW_CP_PROGRAMMED, col);
  g_autofree char *stock = trj_xlsx_cell_name (first + ROW_CP_STOCK, col);
  g_autofree char *ae_margin = trj_xlsx_cell_name (first + ROW_AE_MARGIN, col);
  g_autofree char *cp_margin = trj_xlsx_cell_name (first + ROW_CP_MARGIN, col);

  /* Four rows of the summary are formulas; the others are plain values. */
  if (row == ROW_AE_MARGIN)
    return g_strdup_printf ("=%s-%s", ae_avail, ae_prog);
  if (row == ROW_CP_MARGIN)
    return leave_stock_out ? g_strdup_printf ("=%s-(%s-%s)", cp_avail, cp_prog, stock)
                           : g_strdup_printf ("=%s-%s", cp_avail, cp_prog);
  if (row == ROW_AE_CONSUMPTION)
    return g_strdup_printf ("=IF(%s=0,\"\",(%s-%s)/%s)", ae_avail, ae_avail, ae_margin, ae_avail);
  if (row == ROW_CP_CONSUMPTION)
    return g_strdup_printf ("=IF(%s=0,\"\",(%s-%s)/%s)", cp_avail, cp_avail, cp_margin, cp_avail);
  return NULL;
}

static lxw_row_t
write_key_value (Writer *w, TrjXlsxPage *sheet, lxw_row_t row, const char *key, const char *value)
{
  trj_xlsx_page_text (sheet, row, 0, key, NULL);
  trj_xlsx_page_text (sheet, row, 1, value, NULL);
  return row + 1;
}

static void
write_summary (Writer *w, const TrjProgrammingInfo *info)
{
  const TrjScenario *sc = w->scenario;
  const TrjResult *res = w->result;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("Summary"), 0, 0);
  guint n_env = sc->envelopes->len;
  lxw_col_t total_col = 1 + n_env;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *date = info->date != NULL ? info->date : now;
  g_autofree char *title = g_strdup_printf (_("Programming file — %s %d"), sc->region, sc->year);
  g_autofree char *version = g_strdup_printf ("Trajectoire %s", PACKAGE_VERSION);
  lxw_datetime dt = { g_date_time_get_year (date), g_date_time_get_month (date),
                      g_date_time_get_day_of_month (date), 0, 0, 0 };
  lxw_row_t row = 2, first;
  double cie_cp_moved = 0;

  /* A validator reads the summary on one sheet of paper. */
  worksheet_fit_to_pages (sheet.ws, 1, 1);
  trj_xlsx_page_text (&sheet, 0, 0, title, w->book->title);
  sheet.widths[0] = 20;   /* the title overflows into the next cells */

  row = write_key_value (w, &sheet, row, _("Region"), sc->region);
  trj_xlsx_page_text (&sheet, row, 0, _("Year"), NULL);
  worksheet_write_number (sheet.ws, row++, 1, sc->year, w->book->style[TRJ_XLSX_PLAIN]);
  row = write_key_value (w, &sheet, row, _("Zone"), trj_programming_zone_label (sc->zone));
  row = write_key_value (w, &sheet, row, _("Scenario"), info->scenario_name);
  if (info->sent != NULL)
    row = write_key_value (w, &sheet, row, _("Status"), info->sent);
  trj_xlsx_page_text (&sheet, row, 0, _("Date"), NULL);
  worksheet_write_datetime (sheet.ws, row++, 1, &dt, w->book->date);
  row = write_key_value (w, &sheet, row, _("Application version"), version);

  row++;
  trj_xlsx_page_header (w->book, &sheet, row, 0, _("Envelope"));
  for (guint e = 0; e < n_env; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);
      const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);
      /* MODEL 3: the unit its volumes, capacity and AE per unit count in. */
      g_autofree char *heading = known != NULL && known->unit != TRJ_UNIT_EUROS
        /* TRANSLATORS: an envelope and the unit of its volumes, « Insertion par l’activité économique (ETP) » */
        ? g_strdup_printf (_("%s (%s)"), trj_catalog_envelope_title (env->id), trj_programming_unit_label (known->unit))
        : g_strdup (trj_catalog_envelope_title (env->id));

      trj_xlsx_page_header (w->book, &sheet, row, 1 + e, heading);
    }
  trj_xlsx_page_header (w->book, &sheet, row, total_col, _("Total"));
  first = ++row;

  for (SummaryRow r = 0; r < N_SUMMARY_ROWS; r++, row++)
    {
      g_autoptr(GString) contract_sum = g_string_new ("=");
      double total = 0;

      trj_xlsx_page_text (&sheet, row, 0, _(summary_rows[r].label), NULL);
      for (guint e = 0; e < n_env; e++)
        {
          const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);
          const TrjEnvelopeResult *er = &res->envelopes[e];
          double value = summary_value (env, er, res, e, r);
          g_autofree char *formula = summary_formula (r, first, 1 + e,
                                                      !env->cp_notified_includes_stock);

          if (formula != NULL)
            trj_xlsx_page_formula (w->book, &sheet, row, 1 + e, formula, value, summary_rows[r].style, FALSE);
          else
            trj_xlsx_page_number (w->book, &sheet, row, 1 + e, value, summary_rows[r].style, FALSE);
          if (summary_rows[r].total == TOTAL_ALL && isfinite (value))
            total += value;
          else if (summary_rows[r].total == TOTAL_CONTRACTS && is_contract_envelope (env)
                   && isfinite (value))
            {
              g_autofree char *cell = trj_xlsx_cell_name (row, 1 + e);
              g_string_append_printf (contract_sum, "%s%s", contract_sum->len > 1 ? "+" : "", cell);
              total += value;
            }
        }

      if (summary_rows[r].total == TOTAL_ALL && n_env > 0)
        {
          g_autofree char *formula = trj_xlsx_sum_formula (row, 1, row, n_env);
          trj_xlsx_page_formula (w->book, &sheet, row, total_col, formula, total, summary_rows[r].style, TRUE);
        }
      else if (summary_rows[r].total == TOTAL_CONTRACTS && contract_sum->len > 1)
        trj_xlsx_page_formula (w->book, &sheet, row, total_col, contract_sum->str, total,
                               summary_rows[r].style, TRUE);
      else if (r == ROW_AE_CONSUMPTION || r == ROW_CP_CONSUMPTION)
        {
          /* The region's ratio, from the Total column's own cells. */
          SummaryRow avail = r == ROW_AE_CONSUMPTION ? ROW_AE_AVAILABLE : ROW_CP_AVAILABLE;
          SummaryRow margin = r == ROW_AE_CONSUMPTION ? ROW_AE_MARGIN : ROW_CP_MARGIN;
          double sum_avail = 0, sum_margin = 0;
          g_autofree char *formula = summary_formula (r, first, total_col, FALSE);

          for (guint e = 0; e < n_env; e++)
            {
              const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);
              sum_avail += summary_value (env, &res->envelopes[e], res, e, avail);
              sum_margin += summary_value (env, &res->envelopes[e], res, e, margin);
            }
          if (sum_avail != 0)
            trj_xlsx_page_formula (w->book, &sheet, row, total_col, formula,
                         (sum_avail - sum_margin) / sum_avail, TRJ_XLSX_PERCENT, TRUE);
        }
    }

  /* Region-wide figures: fungibility and demandes complémentaires. */
  row++;
  trj_xlsx_page_header (w->book, &sheet, row, 0, _("Fungibility and additional requests"));
  trj_xlsx_page_header (w->book, &sheet, row++, 1, _("Amount"));
  for (guint e = 0; e < n_env; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);
      /* What left the transfer's source is what the engine made available elsewhere. */
      if (g_strcmp0 (env->id, trj_catalog_transfer_source ()) == 0)
        cie_cp_moved = env->cp_notified - res->envelopes[e].cp_available;
    }
  trj_xlsx_page_text (&sheet, row, 0, _("CIE jeunes → PEC (AE)"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 1, sc->fungibility.cie_jeunes_to_pec_ae, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_text (&sheet, row, 0, _("CIE jeunes → PEC (CP)"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 1, cie_cp_moved, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_text (&sheet, row, 0, _("Initiatives territoriales (AE)"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 1, sc->fungibility.initiatives_territoriales_ae, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_text (&sheet, row, 0, _("Initiatives territoriales ceiling (AE)"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 1, res->territorial_ceiling, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_text (&sheet, row, 0, _("Additional requests (demandes complémentaires)"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 1, sc->fungibility.demandes_complementaires, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_text (&sheet, row, 0, _("Alerts, whole region"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 1, res->n_alerts, TRJ_XLSX_COUNT, FALSE);
  /* MODEL 2.6: where initiatives territoriales come from, and each
   * envelope's demande complémentaire, kept apart from its notification. */
  trj_xlsx_page_text (&sheet, row, 0, _("Initiatives territoriales taken from"), NULL);
  trj_xlsx_page_text (&sheet, row++, 1, trj_catalog_envelope_title (trj_fungibility_territorial_source (sc)), NULL);
  for (guint e = 0, headed = FALSE; e < n_env; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);

      if (env->demande.ae == 0 && env->demande.cp == 0 && env->demande.reason == NULL)
        continue;
      if (!headed)
        {
          row++;
          trj_xlsx_page_header (w->book, &sheet, row, 0, _("Demandes complémentaires"));
          trj_xlsx_page_header (w->book, &sheet, row, 1, _("AE asked"));
          trj_xlsx_page_header (w->book, &sheet, row, 2, _("CP asked"));
          trj_xlsx_page_header (w->book, &sheet, row++, 3, _("Reason"));
          headed = TRUE;
        }
      trj_xlsx_page_text (&sheet, row, 0, trj_catalog_envelope_title (env->id), NULL);
      trj_xlsx_page_number (w->book, &sheet, row, 1, env->demande.ae, TRJ_XLSX_MONEY, FALSE);
      trj_xlsx_page_number (w->book, &sheet, row, 2, env->demande.cp, TRJ_XLSX_MONEY, FALSE);
      trj_xlsx_page_text (&sheet, row++, 3, env->demande.reason != NULL ? env->demande.reason : "", NULL);
    }

  trj_xlsx_page_finish (&sheet);
  worksheet_activate (sheet.ws);
}

/* ── « Trajectoire » ───────────────────────────────────────────────────── */

static const char *const trajectory_columns[4] = {
  N_("AE of the month"), N_("Cumulative AE"), N_("CP of the month"), N_("Cumulative CP"),
};

/* Four columns (AE, AE cumulative, CP, CP cumulative) of one envelope or of the
 * region. parts: the envelopes' first columns when this is the region (its
 * monthly figures are then sums of theirs), else NULL. */
static void
write_trajectory_block (Writer *w, TrjXlsxPage *sheet, lxw_col_t col, const TrjFigures *f,
                        const lxw_col_t *parts, guint n_parts)
{
  const double *monthly[2] = { f->ae, f->cp };
  const double *cumulative[2] = { f->ae_cum, f->cp_cum };
  const double totals[2] = { f->ae_total, f->cp_total };

  for (int k = 0; k < 2; k++)
    {
      lxw_col_t mcol = col + 2 * k, ccol = mcol + 1;
      g_autofree char *total = trj_xlsx_sum_formula (2, mcol, 2 + TRJ_MONTHS - 1, mcol);

      for (int m = 0; m < TRJ_MONTHS; m++)
        {
          lxw_row_t row = 2 + m;
          g_autofree char *this_month = trj_xlsx_cell_name (row, mcol);
          g_autofree char *running = NULL;

          if (parts != NULL)
            {
              GString *sum = g_string_new ("=");
              for (guint p = 0; p < n_parts; p++)
                {
                  g_autofree char *part = trj_xlsx_cell_name (row, parts[p] + 2 * k);
                  g_string_append_printf (sum, "%s%s", p > 0 ? "+" : "", part);
                }
              trj_xlsx_page_formula (w->book, sheet, row, mcol, sum->str, monthly[k][m], TRJ_XLSX_MONEY, FALSE);
              g_string_free (sum, TRUE);
            }
          else
            trj_xlsx_page_number (w->book, sheet, row, mcol, monthly[k][m], TRJ_XLSX_MONEY, FALSE);

          if (m == 0)
            running = g_strdup_printf ("=%s", this_month);
          else
            {
              g_autofree char *previous = trj_xlsx_cell_name (row - 1, ccol);
              running = g_strdup_printf ("=%s+%s", previous, this_month);
            }
          trj_xlsx_page_formula (w->book, sheet, row, ccol, running, cumulative[k][m], TRJ_XLSX_MONEY, FALSE);
        }
      trj_xlsx_page_formula (w->book, sheet, 2 + TRJ_MONTHS, mcol, total, totals[k], TRJ_XLSX_MONEY, TRUE);
    }
}

static void
write_trajectory (Writer *w)
{
  const TrjScenario *sc = w->scenario;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("Trajectory"), 2, 1);
  guint n_env = sc->envelopes->len;
  g_autofree lxw_col_t *parts = g_new (lxw_col_t, MAX (n_env, 1));

  trj_xlsx_page_header (w->book, &sheet, 0, 0, _("Month"));
  trj_xlsx_page_header (w->book, &sheet, 1, 0, "");
  for (guint b = 0; b <= n_env; b++)
    {
      lxw_col_t col = 1 + 4 * b;
      const char *label = b < n_env
        ? trj_catalog_envelope_title (((TrjEnvelope *) g_ptr_array_index (sc->envelopes, b))->id)
        : _("Region");

      worksheet_merge_range (sheet.ws, 0, col, 0, col + 3, label, w->book->header);
      for (int k = 0; k < 4; k++)
        trj_xlsx_page_header (w->book, &sheet, 1, col + k, _(trajectory_columns[k]));
      if (b < n_env)
        parts[b] = col;
    }
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_autofree char *month = trj_format_month (sc->year, m + 1);
      trj_xlsx_page_text (&sheet, 2 + m, 0, month, NULL);
    }
  trj_xlsx_page_text (&sheet, 2 + TRJ_MONTHS, 0, _("Total"), w->book->style_bold[TRJ_XLSX_TEXT]);

  for (guint e = 0; e < n_env; e++)
    write_trajectory_block (w, &sheet, parts[e], &w->result->envelopes[e].f, NULL, 0);
  write_trajectory_block (w, &sheet, 1 + 4 * n_env, &w->result->region, parts, n_env);

  trj_xlsx_page_finish (&sheet);
}

/* ── « Lignes » ────────────────────────────────────────────────────────── */

typedef enum {
  LCOL_ENVELOPE, LCOL_ID, LCOL_LABEL, LCOL_KIND, LCOL_DEPARTEMENT, LCOL_PRESCRIBER,
  LCOL_RATE, LCOL_HOURS, LCOL_DURATION, LCOL_COFINANCED, LCOL_LAG,
  LCOL_QUANTITY, LCOL_UNIT_AMOUNT, LCOL_MODULATION, LCOL_COMMITMENT,
  LCOL_VOLUME, LCOL_AE_PER_CONTRACT, LCOL_AE, LCOL_CP, LCOL_CP_STOCK, LCOL_CP_AFTER,
  LCOL_TO_VERIFY,
  /* MODEL 3, 3.1: the structure of an IAE line, the rest of a post-aid
   * line's parameters, the envelope a free line is funded from. */
  LCOL_STRUCTURE, LCOL_SIRET, LCOL_STRUCTURE_KIND, LCOL_PRISON, LCOL_CONVENTIONNE, LCOL_REALISE,
  LCOL_SECOND_YEAR, LCOL_RSA_RECIPIENTS, LCOL_RSA_MONTHS, LCOL_FUNDED_FROM,
  LCOL_NOTE,                 /* the planner's note on the line */
  N_LCOLS
} LinesColumn;

static const char *const lines_headers[N_LCOLS] = {
  N_("Envelope"), N_("Identifier"), N_("Label"), N_("Kind"), N_("Département"),
  N_("Prescriber"), N_("Rate of State aid"), N_("Weekly hours"), N_("Duration (months)"),
  N_("Cofinanced share"), N_("Payment lag (months)"), N_("Quantity (ETP or aids)"),
  N_("Unit amount"), N_("Modulated share"), N_("Commitment month"),
  N_("Volume (contracts)"), N_("AE per contract"), N_("AE"), N_("CP"),
  N_("of which CP stock"), N_("Remaining to pay after the year"), N_("Unit amount to verify"),
  N_("Structure"), N_("SIRET"), N_("Kind of structure (CDI inclusion)"), N_("In prison"),
  N_("ETP conventionnés last year"), N_("ETP réalisés last year"), N_("ETP in their second year"),
  N_("RSA recipients cofinanced"), N_("Months of cofinancing"), N_("Funded from"), N_("Note"),
};

/* The structure and the parameters of a post-aid line the columns before do
 * not show (the IAE ones only on IAE lines). */
static void
write_post_aid_parameters (Writer *w, TrjXlsxPage *sheet, lxw_row_t row, const TrjLine *line)
{
  const TrjCatalogKind *kind = trj_catalog_kind (line->kind);

  if (line->kind == TRJ_KIND_CDI_INCLUSION)
    {
      trj_xlsx_page_text (sheet, row, LCOL_STRUCTURE_KIND, trj_catalog_kind_title (line->structure_kind), NULL);
      trj_xlsx_page_number (w->book, sheet, row, LCOL_SECOND_YEAR, line->second_year_quantity, TRJ_XLSX_DECIMAL, FALSE);
    }
  if (!kind->iae)
    return;
  trj_xlsx_page_text (sheet, row, LCOL_STRUCTURE, line->structure_name, NULL);
  trj_xlsx_page_text (sheet, row, LCOL_SIRET, line->siret, NULL);
  trj_xlsx_page_text (sheet, row, LCOL_PRISON, line->prison ? _("yes") : _("no"), NULL);
  if (line->has_conventionne_previous)
    trj_xlsx_page_number (w->book, sheet, row, LCOL_CONVENTIONNE, line->conventionne_previous, TRJ_XLSX_DECIMAL, FALSE);
  if (line->has_realise_previous)
    trj_xlsx_page_number (w->book, sheet, row, LCOL_REALISE, line->realise_previous, TRJ_XLSX_DECIMAL, FALSE);
  trj_xlsx_page_number (w->book, sheet, row, LCOL_RSA_RECIPIENTS, line->rsa_recipients, TRJ_XLSX_DECIMAL, FALSE);
  trj_xlsx_page_number (w->book, sheet, row, LCOL_RSA_MONTHS, line->rsa_months, TRJ_XLSX_DECIMAL, FALSE);
}

static void
write_lines (Writer *w)
{
  const TrjScenario *sc = w->scenario;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("Lines"), 1, 3);
  lxw_row_t row = 1;
  double totals[N_LCOLS] = { 0 };
  static const LinesColumn summed[] = { LCOL_VOLUME, LCOL_AE, LCOL_CP, LCOL_CP_STOCK, LCOL_CP_AFTER };

  for (int c = 0; c < N_LCOLS; c++)
    trj_xlsx_page_header (w->book, &sheet, 0, c, _(lines_headers[c]));

  for (guint e = 0; e < sc->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++, row++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          const TrjFigures *f = &trj_result_line (w->result, e, l)->f;
          TrjLineShape shape = trj_kind_shape (line->kind);

          /* Titles for the reader; the codes are in the hidden « Données ». */
          trj_xlsx_page_text (&sheet, row, LCOL_ENVELOPE, trj_catalog_envelope_title (env->id), NULL);
          trj_xlsx_page_text (&sheet, row, LCOL_ID, line->id, NULL);
          trj_xlsx_page_text (&sheet, row, LCOL_LABEL, line->label, NULL);
          trj_xlsx_page_text (&sheet, row, LCOL_KIND, trj_catalog_kind_title (line->kind), NULL);
          trj_xlsx_page_text (&sheet, row, LCOL_DEPARTEMENT, line->departement, NULL);
          trj_xlsx_page_text (&sheet, row, LCOL_PRESCRIBER, line->prescriber, NULL);
          trj_xlsx_page_text (&sheet, row, LCOL_NOTE, line->note, NULL);
          if (shape == TRJ_LINE_SHAPE_CONTRACT)
            {
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_RATE, line->rate, TRJ_XLSX_PERCENT, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_HOURS, line->weekly_hours, TRJ_XLSX_DECIMAL, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_DURATION, line->duration_months, TRJ_XLSX_DECIMAL, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_COFINANCED, line->cofinanced_share, TRJ_XLSX_PERCENT, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_VOLUME, f->volume, TRJ_XLSX_COUNT, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_AE_PER_CONTRACT, f->ae_per_contract, TRJ_XLSX_MONEY, FALSE);
              totals[LCOL_VOLUME] += f->volume;
            }
          if (shape != TRJ_LINE_SHAPE_FREE)
            trj_xlsx_page_number (w->book, &sheet, row, LCOL_LAG, line->payment_lag_months, TRJ_XLSX_PLAIN, FALSE);
          if (shape == TRJ_LINE_SHAPE_POST_AID)
            {
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_QUANTITY, line->quantity, TRJ_XLSX_DECIMAL, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_UNIT_AMOUNT,
                          line->has_unit_amount || w->year_data == NULL
                            ? line->unit_amount
                            : trj_catalog_line_unit_amount (line, w->year_data, sc->zone),
                          TRJ_XLSX_MONEY, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row, LCOL_MODULATION, line->modulation, TRJ_XLSX_PERCENT, FALSE);
              /* MODEL 3: an amount of the year's table the circular does not print. */
              if (!line->has_unit_amount && w->year_data != NULL)
                {
                  const char *source = trj_year_data_to_verify (w->year_data, line->kind, sc->zone);
                  g_autofree char *note = source != NULL
                    ? g_strdup_printf (_("to verify: %s"), source) : NULL;

                  if (note != NULL)
                    trj_xlsx_page_text (&sheet, row, LCOL_TO_VERIFY, note, NULL);
                }
              write_post_aid_parameters (w, &sheet, row, line);
            }
          if (shape == TRJ_LINE_SHAPE_FREE && line->funded_from != NULL)
            trj_xlsx_page_text (&sheet, row, LCOL_FUNDED_FROM, trj_catalog_envelope_title (line->funded_from), NULL);
          if (shape != TRJ_LINE_SHAPE_CONTRACT)
            trj_xlsx_page_text (&sheet, row, LCOL_COMMITMENT,
                      trj_format_month_long (line->commitment_month + 1), NULL);
          trj_xlsx_page_number (w->book, &sheet, row, LCOL_AE, f->ae_total, TRJ_XLSX_MONEY, FALSE);
          trj_xlsx_page_number (w->book, &sheet, row, LCOL_CP, f->cp_total, TRJ_XLSX_MONEY, FALSE);
          trj_xlsx_page_number (w->book, &sheet, row, LCOL_CP_STOCK, f->cp_stock, TRJ_XLSX_MONEY, FALSE);
          trj_xlsx_page_number (w->book, &sheet, row, LCOL_CP_AFTER, f->cp_after_year, TRJ_XLSX_MONEY, FALSE);
          totals[LCOL_AE] += f->ae_total;
          totals[LCOL_CP] += f->cp_total;
          totals[LCOL_CP_STOCK] += f->cp_stock;
          totals[LCOL_CP_AFTER] += f->cp_after_year;
        }
    }

  trj_xlsx_page_text (&sheet, row, LCOL_ENVELOPE, _("Total"), w->book->style_bold[TRJ_XLSX_TEXT]);
  for (guint i = 0; i < G_N_ELEMENTS (summed); i++)
    {
      LinesColumn c = summed[i];
      TrjXlsxStyle style = c == LCOL_VOLUME ? TRJ_XLSX_COUNT : TRJ_XLSX_MONEY;
      g_autofree char *formula = NULL;

      /* Without lines a SUM would refer to its own cell. */
      if (row == 1)
        {
          trj_xlsx_page_number (w->book, &sheet, row, c, totals[c], style, TRUE);
          continue;
        }
      formula = trj_xlsx_sum_formula (1, c, row - 1, c);
      trj_xlsx_page_formula (w->book, &sheet, row, c, formula, totals[c], style, TRUE);
    }
  trj_xlsx_page_finish (&sheet);
}

/* ── « Entrées mensuelles » ────────────────────────────────────────────── */

/* One table of monthly entries (this year's or last year's) from row `row`;
 * returns the row after it. */
static lxw_row_t
write_entries_table (Writer *w, TrjXlsxPage *sheet, lxw_row_t row, gboolean previous)
{
  const TrjScenario *sc = w->scenario;
  lxw_row_t first;
  double month_totals[TRJ_MONTHS] = { 0 };
  double grand_total = 0;

  trj_xlsx_page_header (w->book, sheet, row, 0, _("Envelope"));
  trj_xlsx_page_header (w->book, sheet, row, 1, _("Identifier"));
  trj_xlsx_page_header (w->book, sheet, row, 2, _("Label"));
  for (int m = 0; m < TRJ_MONTHS; m++)
    trj_xlsx_page_header (w->book, sheet, row, 3 + m, trj_format_month_short (m + 1));
  trj_xlsx_page_header (w->book, sheet, row, 3 + TRJ_MONTHS, _("Total"));
  first = ++row;

  for (guint e = 0; e < sc->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          const double *entries = previous ? line->previous_entries : line->entries;
          g_autofree char *formula = NULL;
          double total = 0;

          if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
            continue;
          formula = trj_xlsx_sum_formula (row, 3, row, 2 + TRJ_MONTHS);
          trj_xlsx_page_text (sheet, row, 0, trj_catalog_envelope_title (env->id), NULL);
          trj_xlsx_page_text (sheet, row, 1, line->id, NULL);
          trj_xlsx_page_text (sheet, row, 2, line->label, NULL);
          for (int m = 0; m < TRJ_MONTHS; m++)
            {
              trj_xlsx_page_number (w->book, sheet, row, 3 + m, entries[m], TRJ_XLSX_DECIMAL, FALSE);
              total += entries[m];
              month_totals[m] += entries[m];
            }
          trj_xlsx_page_formula (w->book, sheet, row, 3 + TRJ_MONTHS, formula, total, TRJ_XLSX_DECIMAL, TRUE);
          grand_total += total;
          row++;
        }
    }

  trj_xlsx_page_text (sheet, row, 0, _("Total"), w->book->style_bold[TRJ_XLSX_TEXT]);
  for (int m = 0; m <= TRJ_MONTHS; m++)
    {
      double value = m < TRJ_MONTHS ? month_totals[m] : grand_total;
      g_autofree char *formula = NULL;

      /* Without lines a SUM would refer to its own cell. */
      if (row == first)
        {
          trj_xlsx_page_number (w->book, sheet, row, 3 + m, value, TRJ_XLSX_DECIMAL, TRUE);
          continue;
        }
      formula = trj_xlsx_sum_formula (first, 3 + m, row - 1, 3 + m);
      trj_xlsx_page_formula (w->book, sheet, row, 3 + m, formula, value, TRJ_XLSX_DECIMAL, TRUE);
    }
  return row + 1;
}

static void
write_entries (Writer *w)
{
  const TrjScenario *sc = w->scenario;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("Monthly entries"), 1, 3);
  gboolean any_previous = FALSE;
  lxw_row_t row;

  row = write_entries_table (w, &sheet, 0, FALSE);
  for (guint e = 0; e < sc->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);
      for (guint l = 0; l < env->lines->len; l++)
        any_previous |= ((TrjLine *) g_ptr_array_index (env->lines, l))->has_previous_entries;
    }
  if (any_previous)
    {
      g_autofree char *title = g_strdup_printf (_("Entries of the previous year (%d), still paid in %d"),
                                                sc->year - 1, sc->year);
      row++;
      worksheet_write_string (sheet.ws, row++, 0, title, w->book->style_bold[TRJ_XLSX_TEXT]);
      write_entries_table (w, &sheet, row, TRUE);
    }
  trj_xlsx_page_finish (&sheet);
}

/* ── « Alertes » ───────────────────────────────────────────────────────── */

typedef enum {
  ACOL_ENVELOPE, ACOL_LINE, ACOL_MESSAGE, ACOL_SEVERITY, ACOL_CODE,
} AlertsColumn;

static void
write_alerts (Writer *w)
{
  const TrjScenario *sc = w->scenario;
  const TrjResult *res = w->result;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("Alerts"), 1, 0);

  trj_xlsx_page_header (w->book, &sheet, 0, ACOL_ENVELOPE, _("Envelope"));
  trj_xlsx_page_header (w->book, &sheet, 0, ACOL_LINE, _("Line"));
  trj_xlsx_page_header (w->book, &sheet, 0, ACOL_MESSAGE, _("Message"));
  trj_xlsx_page_header (w->book, &sheet, 0, ACOL_SEVERITY, _("Severity"));
  trj_xlsx_page_header (w->book, &sheet, 0, ACOL_CODE, _("Code"));

  for (guint i = 0; i < res->n_alerts; i++)
    {
      const TrjAlert *alert = &res->alerts[i];
      const TrjEnvelope *env = alert->envelope >= 0
        ? g_ptr_array_index (sc->envelopes, alert->envelope) : NULL;
      const TrjLine *line = env != NULL && alert->line >= 0
        ? g_ptr_array_index (env->lines, alert->line) : NULL;
      g_autofree char *message = trj_alert_message (sc, alert);

      trj_xlsx_page_text (&sheet, 1 + i, ACOL_ENVELOPE, env != NULL ? trj_catalog_envelope_title (env->id)
                                                          : _("Whole region"), NULL);
      trj_xlsx_page_text (&sheet, 1 + i, ACOL_LINE,
                          line != NULL ? (line->label != NULL ? line->label : line->id) : "", NULL);
      trj_xlsx_page_text (&sheet, 1 + i, ACOL_MESSAGE, message, NULL);
      trj_xlsx_page_text (&sheet, 1 + i, ACOL_SEVERITY, alert->severity == TRJ_SEVERITY_INFO
                                                          ? _("Information") : _("Alert"), NULL);
      trj_xlsx_page_text (&sheet, 1 + i, ACOL_CODE, trj_alert_code_to_string (alert->code), NULL);
    }
  if (res->n_alerts == 0)
    trj_xlsx_page_text (&sheet, 1, 0, _("No alert: the programming respects the envelopes and the ranges of the year."),
              w->book->note);
  /* The code is for tools (MODEL.md's alert codes): a hidden column, the
   * reader has the message. */
  sheet.widths[ACOL_CODE] = 0;
  trj_xlsx_page_finish (&sheet);
  worksheet_set_column_opt (sheet.ws, ACOL_CODE, ACOL_CODE, 28, NULL, &(lxw_row_col_options) { .hidden = LXW_TRUE });
}

/* ── « Paramètres » ────────────────────────────────────────────────────── */

static lxw_row_t
write_series (Writer *w, TrjXlsxPage *sheet, lxw_row_t row, const char *name, const TrjSeries *series,
              const char *note)
{
  for (guint i = 0; i < series->n_points; i++, row++)
    {
      lxw_datetime dt = { series->points[i].from / 10000, series->points[i].from / 100 % 100,
                          series->points[i].from % 100, 0, 0, 0 };

      if (note != NULL)
        trj_xlsx_page_text (sheet, row, 3, note, NULL);
      trj_xlsx_page_text (sheet, row, 0, name, NULL);
      worksheet_write_datetime (sheet->ws, row, 1, &dt, w->book->date);
      trj_xlsx_page_note_width (sheet, 1, "00/00/0000");
      trj_xlsx_page_number (w->book, sheet, row, 2, series->points[i].value, TRJ_XLSX_PLAIN, FALSE);
    }
  return row;
}

static void
write_parameters (Writer *w)
{
  const TrjScenario *sc = w->scenario;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("Parameters"), 0, 0);
  lxw_row_t row = 0;
  static const char *const range_headers[] = {
    N_("Kind"), N_("Minimum rate"), N_("Maximum rate"), N_("Average rate"),
    N_("Minimum hours"), N_("Maximum hours"), N_("Average hours"),
    N_("Minimum duration"), N_("Maximum duration"), N_("Average duration"),
    N_("Cofinancing target"),
  };

  trj_xlsx_page_text (&sheet, row++, 0, _("Reference values used"), w->book->title);
  trj_xlsx_page_header (w->book, &sheet, row, 0, _("Value"));
  trj_xlsx_page_header (w->book, &sheet, row, 1, _("In force from"));
  trj_xlsx_page_header (w->book, &sheet, row++, 2, _("Amount"));
  /* MODEL 7: the scenario's hypotheses say so, the year's values follow. */
  trj_xlsx_page_header (w->book, &sheet, row - 1, 3, _("Source"));
  row = write_series (w, &sheet, row, _("Gross hourly SMIC (€)"), &sc->reference.smic_hourly,
                      sc->overrides_smic ? _("Hypothesis of the scenario") : _("Value of the year"));
  row = write_series (w, &sheet, row, _("RSA, single person (€ per month)"), &sc->reference.rsa,
                      sc->overrides_rsa ? _("Hypothesis of the scenario") : _("Value of the year"));
  trj_xlsx_page_text (&sheet, row, 0, _("Département’s share of the RSA when it cofinances"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 2, sc->reference.cd_share, TRJ_XLSX_PERCENT, FALSE);
  trj_xlsx_page_text (&sheet, row, 0, _("Weeks per month"), NULL);
  trj_xlsx_page_number (w->book, &sheet, row++, 2, sc->reference.weeks_per_month, TRJ_XLSX_PLAIN, FALSE);

  if (w->year_data != NULL && (sc->overrides_smic || sc->overrides_rsa))
    {
      row++;
      trj_xlsx_page_text (&sheet, row++, 0, _("Default values of the year (replaced by the scenario’s hypotheses)"),
                          w->book->title);
      trj_xlsx_page_header (w->book, &sheet, row, 0, _("Value"));
      trj_xlsx_page_header (w->book, &sheet, row, 1, _("In force from"));
      trj_xlsx_page_header (w->book, &sheet, row++, 2, _("Amount"));
      if (sc->overrides_smic)
        row = write_series (w, &sheet, row, _("Gross hourly SMIC (€)"), &w->year_data->smic_hourly[sc->zone], NULL);
      if (sc->overrides_rsa)
        row = write_series (w, &sheet, row, _("RSA, single person (€ per month)"), &w->year_data->rsa[sc->zone], NULL);
    }

  if (w->year_data != NULL)
    {
      const TrjRules *rules = &w->year_data->rules;
      g_autofree char *title = g_strdup_printf (_("Ranges of the year %d (%s)"), rules->year,
                                                trj_programming_zone_label (sc->zone));

      row++;
      trj_xlsx_page_text (&sheet, row++, 0, title, w->book->title);
      for (guint c = 0; c < G_N_ELEMENTS (range_headers); c++)
        trj_xlsx_page_header (w->book, &sheet, row, c, _(range_headers[c]));
      row++;
      /* One row per envelope with ranges: CIE tous publics take the PEC ranges
       * of their zone (MODEL 5). */
      for (guint e = 0; e < trj_catalog_n_envelopes (); e++)
        {
          const TrjCatalogEnvelope *env = trj_catalog_envelope_at (e);
          const TrjKindRules *kr = &rules->contract[MAX (env->rules_index, 0)][sc->zone];
          const double values[] = { kr->rate_min, kr->rate_max, kr->rate_avg,
                                    kr->hours_min, kr->hours_max, kr->hours_avg,
                                    kr->duration_min, kr->duration_max, kr->duration_avg,
                                    kr->cofinancing_target };

          if (env->rules_index < 0)
            continue;
          trj_xlsx_page_text (&sheet, row, 0, trj_catalog_envelope_title (env->id), NULL);
          for (guint v = 0; v < G_N_ELEMENTS (values); v++)
            trj_xlsx_page_number (w->book, &sheet, row, 1 + v, values[v],
                        v < 3 || v == 9 ? TRJ_XLSX_PERCENT : TRJ_XLSX_DECIMAL, FALSE);
          row++;
        }
      trj_xlsx_page_text (&sheet, row, 0, _("Initiatives territoriales ceiling (share of all FIE AE notified)"), NULL);
      trj_xlsx_page_number (w->book, &sheet, row++, 1, rules->territorial_ceiling_share, TRJ_XLSX_PLAIN, FALSE);
    }
  sheet.widths[0] = MIN (sheet.widths[0], 45);
  trj_xlsx_page_finish (&sheet);
}

/* ── « CAOM » (MODEL 2.8, 2.9) ─────────────────────────────────────────── */

/* Per envelope and département with a CAOM: the contracts the conseil
 * départemental committed to and the lines' cofinanced entries (c · n) month
 * by month, their gap and the gap cumulated from January as live formulas,
 * and the month where the cumulated gap is largest. */
enum { CCOL_ENVELOPE, CCOL_DEPARTEMENT, CCOL_FIGURE, CCOL_MONTH0, CCOL_TOTAL = CCOL_MONTH0 + TRJ_MONTHS,
       CCOL_LARGEST_MONTH, CCOL_LARGEST_GAP };

static void
write_caom (Writer *w)
{
  const TrjScenario *sc = w->scenario;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("CAOM"), 1, 3);
  lxw_row_t row = 1;

  trj_xlsx_page_header (w->book, &sheet, 0, CCOL_ENVELOPE, _("Envelope"));
  trj_xlsx_page_header (w->book, &sheet, 0, CCOL_DEPARTEMENT, _("Département"));
  trj_xlsx_page_header (w->book, &sheet, 0, CCOL_FIGURE, _("Cofinanced contracts"));
  for (int m = 0; m < TRJ_MONTHS; m++)
    trj_xlsx_page_header (w->book, &sheet, 0, CCOL_MONTH0 + m, trj_format_month_short (m + 1));
  trj_xlsx_page_header (w->book, &sheet, 0, CCOL_TOTAL, _("Total"));
  trj_xlsx_page_header (w->book, &sheet, 0, CCOL_LARGEST_MONTH, _("Month of the largest cumulated gap"));
  trj_xlsx_page_header (w->book, &sheet, 0, CCOL_LARGEST_GAP, _("Largest cumulated gap"));

  for (guint e = 0; e < sc->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);

      for (guint c = 0; c < trj_envelope_n_caom (env); c++, row += 4)
        {
          const TrjCaom *caom = g_ptr_array_index (env->caom, c);
          TrjCaomGap gap;
          const char *labels[4] = { _("Committed by the CAOM"), _("Cofinanced entries of the lines"),
                                    _("Gap"), _("Gap cumulated from January") };

          trj_caom_gap (env, caom, &gap);
          for (int k = 0; k < 4; k++)
            {
              trj_xlsx_page_text (&sheet, row + k, CCOL_ENVELOPE, trj_catalog_envelope_title (env->id), NULL);
              trj_xlsx_page_text (&sheet, row + k, CCOL_DEPARTEMENT, caom->departement, NULL);
              trj_xlsx_page_text (&sheet, row + k, CCOL_FIGURE, labels[k], NULL);
            }
          for (int m = 0; m < TRJ_MONTHS; m++)
            {
              lxw_col_t col = CCOL_MONTH0 + m;
              g_autofree char *committed = trj_xlsx_cell_name (row, col);
              g_autofree char *cofinanced = trj_xlsx_cell_name (row + 1, col);
              g_autofree char *this_gap = trj_xlsx_cell_name (row + 2, col);
              g_autofree char *before = m > 0 ? trj_xlsx_cell_name (row + 3, col - 1) : NULL;
              g_autofree char *gap_formula = g_strdup_printf ("=%s-%s", cofinanced, committed);
              g_autofree char *cumulated = m > 0 ? g_strdup_printf ("=%s+%s", before, this_gap)
                                                 : g_strdup_printf ("=%s", this_gap);

              trj_xlsx_page_number (w->book, &sheet, row, col, gap.committed[m], TRJ_XLSX_DECIMAL, FALSE);
              trj_xlsx_page_number (w->book, &sheet, row + 1, col, gap.cofinanced[m], TRJ_XLSX_DECIMAL, FALSE);
              trj_xlsx_page_formula (w->book, &sheet, row + 2, col, gap_formula, gap.gap[m], TRJ_XLSX_DECIMAL, FALSE);
              trj_xlsx_page_formula (w->book, &sheet, row + 3, col, cumulated, gap.cumulative_gap[m],
                                     TRJ_XLSX_DECIMAL, FALSE);
            }
          for (int k = 0; k < 3; k++)
            {
              g_autofree char *sum = trj_xlsx_sum_formula (row + k, CCOL_MONTH0, row + k, CCOL_MONTH0 + TRJ_MONTHS - 1);
              double totals[3] = { gap.committed_total, gap.cofinanced_total, gap.gap_total };

              trj_xlsx_page_formula (w->book, &sheet, row + k, CCOL_TOTAL, sum, totals[k], TRJ_XLSX_DECIMAL, TRUE);
            }
          if (gap.largest_month >= 0)
            {
              trj_xlsx_page_text (&sheet, row + 3, CCOL_LARGEST_MONTH, trj_format_month_long (gap.largest_month + 1), NULL);
              trj_xlsx_page_number (w->book, &sheet, row + 3, CCOL_LARGEST_GAP, gap.largest_gap, TRJ_XLSX_DECIMAL, FALSE);
            }
        }
    }
  if (row == 1)
    trj_xlsx_page_text (&sheet, 1, 0, _("No CAOM: no département’s commitment is entered in this scenario."),
                        w->book->note);
  trj_xlsx_page_finish (&sheet);
}

/* ── « Demandes exceptionnelles » (MODEL 2.8) ──────────────────────────── */

typedef enum {
  XCOL_ENVELOPE, XCOL_ID, XCOL_LABEL, XCOL_DEPARTEMENT, XCOL_PRESCRIBER,
  XCOL_PARAMETER, XCOL_VALUE, XCOL_MIN, XCOL_MAX, XCOL_REASON, N_XCOLS
} ExceptionsColumn;

static const char *
exception_parameter (TrjAlertCode code, TrjXlsxStyle *style)
{
  gboolean percent;
  const char *parameter = trj_alert_range_parameter (code, &percent);

  *style = percent ? TRJ_XLSX_PERCENT : TRJ_XLSX_DECIMAL;
  return parameter;
}

static void
write_exception_row (Writer *w, TrjXlsxPage *sheet, lxw_row_t row, const TrjEnvelope *env,
                     const TrjLine *line, const TrjAlert *alert)
{
  trj_xlsx_page_text (sheet, row, XCOL_ENVELOPE, trj_catalog_envelope_title (env->id), NULL);
  trj_xlsx_page_text (sheet, row, XCOL_ID, line->id, NULL);
  trj_xlsx_page_text (sheet, row, XCOL_LABEL, line->label, NULL);
  trj_xlsx_page_text (sheet, row, XCOL_DEPARTEMENT, line->departement, NULL);
  trj_xlsx_page_text (sheet, row, XCOL_PRESCRIBER, line->prescriber, NULL);
  trj_xlsx_page_text (sheet, row, XCOL_REASON, line->exception_reason, NULL);
  if (alert != NULL)
    {
      TrjXlsxStyle style;
      const char *parameter = exception_parameter (alert->code, &style);

      trj_xlsx_page_text (sheet, row, XCOL_PARAMETER, parameter, NULL);
      trj_xlsx_page_number (w->book, sheet, row, XCOL_VALUE, alert->value, style, FALSE);
      /* RENEWAL_TOO_LONG has only a maximum. */
      if (alert->code != TRJ_ALERT_RENEWAL_TOO_LONG)
        trj_xlsx_page_number (w->book, sheet, row, XCOL_MIN, alert->limit_lo, style, FALSE);
      trj_xlsx_page_number (w->book, sheet, row, XCOL_MAX, alert->limit_hi, style, FALSE);
    }
  else
    trj_xlsx_page_text (sheet, row, XCOL_PARAMETER, _("none out of range"), NULL);
}

/* Every range alert that reads as a requested exception, one row each; a
 * justified line inside every range still has its row (its justification
 * stays with the file). */
static void
write_exceptions (Writer *w)
{
  static const char *const headers[N_XCOLS] = {
    N_("Envelope"), N_("Identifier"), N_("Label"), N_("Département"), N_("Prescriber"),
    N_("Parameter out of range"), N_("Value"), N_("Minimum"), N_("Maximum"), N_("Justification"),
  };
  const TrjScenario *sc = w->scenario;
  const TrjResult *res = w->result;
  TrjXlsxPage sheet = trj_xlsx_book_add_page (w->book, _("Exceptional requests"), 1, 2);
  lxw_row_t row = 1;

  for (int c = 0; c < N_XCOLS; c++)
    trj_xlsx_page_header (w->book, &sheet, 0, c, _(headers[c]));
  for (guint e = 0; e < sc->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          gboolean any = FALSE;

          for (guint i = 0; i < res->n_alerts; i++)
            {
              const TrjAlert *alert = &res->alerts[i];
              TrjXlsxStyle style;

              if (alert->envelope != (int) e || alert->line != (int) l || !alert->exception_requested
                  || exception_parameter (alert->code, &style) == NULL)
                continue;
              write_exception_row (w, &sheet, row++, env, line, alert);
              any = TRUE;
            }
          if (!any && line->exception_reason != NULL && *line->exception_reason != '\0')
            write_exception_row (w, &sheet, row++, env, line, NULL);
        }
    }
  if (row == 1)
    trj_xlsx_page_text (&sheet, 1, 0, _("No exceptional request: no line carries a justification."),
                        w->book->note);
  sheet.widths[XCOL_REASON] = MIN (MAX (sheet.widths[XCOL_REASON], 30), 60);
  trj_xlsx_page_finish (&sheet);
}

/* ── « Données » (machine-readable, hidden) ────────────────────────────── */

static void
write_data (Writer *w, const TrjProgrammingInfo *info)
{
  lxw_worksheet *ws = workbook_add_worksheet (w->book->wb, TRJ_PROGRAMMING_DATA_SHEET);
  g_autofree char *json = trj_json_scenario_to_data (w->scenario);
  const char *p = json, *end = json + strlen (json);
  lxw_row_t row = 3;

  worksheet_write_string (ws, 0, 0,
                          _("Technical data for re-import into Trajectoire: do not modify."), w->book->note);
  worksheet_write_string (ws, 1, 0, "format", NULL);
  worksheet_write_string (ws, 1, 1, TRJ_PROGRAMMING_FORMAT, NULL);
  worksheet_write_string (ws, 2, 0, "scenario_name", NULL);
  if (info->scenario_name != NULL)
    worksheet_write_string (ws, 2, 1, info->scenario_name, NULL);

  while (p < end)
    {
      const char *cut = p + MIN ((gsize) (end - p), DATA_CHUNK_BYTES);
      g_autofree char *chunk = NULL;

      /* Never split a UTF-8 character between two cells. */
      while (cut < end && (*cut & 0xC0) == 0x80)
        cut--;
      chunk = g_strndup (p, cut - p);
      worksheet_write_string (ws, row, 0, "scenario", NULL);
      worksheet_write_string (ws, row++, 1, chunk, NULL);
      p = cut;
    }
  worksheet_hide (ws);
}

static void
set_properties (Writer *w, const TrjProgrammingInfo *info, GDateTime *date)
{
  const TrjScenario *sc = w->scenario;
  g_autofree char *title = g_strdup_printf (_("Programming file — %s %d"), sc->region, sc->year);
  g_autofree char *comments = g_strdup_printf (_("Written by Trajectoire %s"), PACKAGE_VERSION);
  lxw_doc_properties props = {
    .title = title,
    .subject = (char *) _("Contrats aidés: AE and CP programming"),
    .author = (char *) "Trajectoire",
    .company = (char *) sc->region,
    .category = (char *) _("Programming file"),
    .keywords = (char *) "FIE, contrats aidés, PEC, CIE, AE, CP",
    .comments = comments,
    .created = g_date_time_to_unix (date),
  };

  workbook_set_properties (w->book->wb, &props);
  workbook_set_custom_property_string (w->book->wb, "Trajectoire", TRJ_PROGRAMMING_FORMAT);
  workbook_set_custom_property_string (w->book->wb, "Region", sc->region);
  workbook_set_custom_property_integer (w->book->wb, "Year", sc->year);
  if (info->scenario_name != NULL)
    workbook_set_custom_property_string (w->book->wb, "Scenario", info->scenario_name);
}

gboolean
trj_programming_write_xlsx (const TrjScenario        *scenario,
                            const TrjProgrammingInfo *info,
                            const char               *path,
                            GError                  **error)
{
  static const TrjProgrammingInfo no_info = { NULL, NULL };
  g_autoptr(TrjResult) result = trj_programming_compute (scenario, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *page_header = NULL;
  Writer w = { 0 };

  if (result == NULL)
    return FALSE;
  if (info == NULL)
    info = &no_info;

  page_header = g_strdup_printf (_("Programming file — %s %d"), scenario->region, scenario->year);
  w.book = trj_xlsx_book_new (path, page_header, error);
  if (w.book == NULL)
    return FALSE;
  w.scenario = scenario;
  w.result = result;
  w.year_data = trj_year_data_get (scenario->year, NULL);

  set_properties (&w, info, info->date != NULL ? info->date : now);
  write_summary (&w, info);
  write_trajectory (&w);
  write_lines (&w);
  write_entries (&w);
  write_alerts (&w);
  write_parameters (&w);
  write_caom (&w);
  write_exceptions (&w);
  write_data (&w, info);
  return trj_xlsx_book_close (w.book, error);
}

/* ── Reading back ──────────────────────────────────────────────────────── */

TrjScenario *
trj_programming_read_xlsx (const char *path, char **name_out, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = trj_input_display_name (path);
  gsize length;

  if ((contents = trj_input_read (path, TRJ_XLSX_MAX_FILE_SIZE, &length, error)) == NULL)
    return NULL;
  return trj_programming_read_xlsx_data (g_steal_pointer (&contents), length, display,
                                         name_out, error);
}

TrjScenario *
trj_programming_read_xlsx_data (char *contents, gsize length, const char *display,
                                char **name_out, GError **error)
{
  g_autoptr(TrjXlsxReader) reader = trj_xlsx_reader_open_data (contents, length, display,
                                                               error);
  g_autoptr(TrjXlsxSheet) data = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  const char *name = NULL;
  TrjScenario *scenario;

  if (reader == NULL)
    return NULL;

  format = trj_xlsx_reader_custom_property (reader, "Trajectoire");
  if (format == NULL || !g_str_has_prefix (format, "trajectoire-programmation/"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a Trajectoire programming file: it was made by another tool. "
                     "Only files exported by Trajectoire can be read back."), display);
      return NULL;
    }
  if (!g_str_equal (format, TRJ_PROGRAMMING_FORMAT))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” was written by a newer Trajectoire (%s): update Trajectoire to read it."),
                   display, format);
      return NULL;
    }

  data = trj_xlsx_reader_read_sheet (reader, TRJ_PROGRAMMING_DATA_SHEET, &local_error);
  if (data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” has lost its technical sheet “%s” and cannot be read back: %s"),
                   display, TRJ_PROGRAMMING_DATA_SHEET, local_error->message);
      return NULL;
    }
  for (guint row = 0; row < trj_xlsx_sheet_n_rows (data); row++)
    {
      const char *key = trj_xlsx_sheet_cell (data, row, 0);
      const char *value = trj_xlsx_sheet_cell (data, row, 1);

      if (key == NULL || value == NULL)
        continue;
      if (g_str_equal (key, "scenario"))
        g_string_append (json, value);
      else if (g_str_equal (key, "scenario_name"))
        name = value;
    }
  if (json->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” has an empty technical sheet “%s” and cannot be read back."),
                   display, TRJ_PROGRAMMING_DATA_SHEET);
      return NULL;
    }

  scenario = trj_json_scenario_from_data (json->str, json->len, &local_error);
  if (scenario == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The technical sheet of “%s” is damaged: %s"), display, local_error->message);
      return NULL;
    }
  if (name_out != NULL)
    *name_out = g_strdup (name);
  return scenario;
}
