/* trj-formula-book.c — the « classeur de calcul »: MODEL 2 written as live
 * spreadsheet formulas, each cached with the engine's figure
 *
 * The sheets, in the order of the file (docs/MODEL.md, « Le classeur de calcul »):
 *   Enveloppes    one row per region and envelope: notified amounts, available
 *                 after fungibility, programmed, margins, consumption, capacity,
 *                 AE and CP per month (formulas over the line sheets)
 *   Régions       fungibility moves and the reference constants of each region,
 *                 its totals and the national total row
 *   Lignes        one row per contract line: its parameters (inputs) and its AE,
 *                 CP and stock per month (formulas over « Calcul »)
 *   Entrées       volume and profile, or monthly entries; last year's entries
 *   Calcul        per line, month by month from January of Y−3 to the last month
 *                 paid: entries, their running sums, the State's monthly cost of
 *                 one contract, the contracts served (this year's and last year's
 *                 cohorts), what they are owed, and the share of each served
 *                 month (φ_k of MODEL 2.3)
 *   Valeurs de référence   SMIC and RSA in force each month (constants)
 *   Autres lignes (moteur) post-aid and free lines, the engine's figures as
 *                 constants (MODEL 3 is not rewritten as formulas)
 *
 * How MODEL 2.3 becomes formulas: with w = ⌊d⌋ and f = d − w, the contracts
 * served in month t are C(t) − C(t − w) + f · n(t − w), C being the running sum
 * of the entries (INDEX over the row, so that a duration typed in the
 * spreadsheet moves the window); the CP paid in month P are what the contracts
 * served in P − L are owed (INDEX again, for the lag); the AE of cohort E is
 * n[E] · Σ_k φ_k · cost(E + k), a SUMPRODUCT of the cost row with the φ row,
 * φ_k = MAX(0, MIN(1, d − k)).
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "trj-catalog.h"
#include "trj-engine.h"
#include "trj-format.h"
#include "trj-formula-book.h"
#include "trj-programming.h"
#include "trj-xlsx-book.h"

#define T_FIRST TRJ_FORMULA_BOOK_T_FIRST
#define T_LAST  TRJ_FORMULA_BOOK_T_LAST
#define N_T     (T_LAST - T_FIRST + 1)
/* The months a contract's cost is needed for: last year's January onwards. */
#define T_COST_FIRST (-12)
/* φ_k for k = 0 … 24 (the longest duration). */
#define N_PHI 25

/* Column of month t on « Calcul » and « Valeurs de référence ». */
#define TCOL(t)  ((lxw_col_t) (2 + (t) - T_FIRST))
/* Its position (1-based) in a row range starting at TCOL(T_FIRST), for INDEX. */
#define TPOS(t)  ((t) - T_FIRST + 1)

/* « Enveloppes » */
enum {
  ENV_REGION, ENV_NAME, ENV_AE_NOTIFIED, ENV_CP_NOTIFIED, ENV_INCLUDES_STOCK, ENV_MODULATION,
  ENV_AE_AVAILABLE, ENV_CP_AVAILABLE, ENV_AE_TOTAL, ENV_CP_TOTAL, ENV_CP_STOCK, ENV_AFTER,
  ENV_VOLUME, ENV_AE_MARGIN, ENV_CP_MARGIN, ENV_AE_CONSUMPTION, ENV_CP_CONSUMPTION,
  ENV_AE_PER_CONTRACT, ENV_CAPACITY, ENV_AE_MONTH, ENV_CP_MONTH = ENV_AE_MONTH + TRJ_MONTHS,
  ENV_N_COLS = ENV_CP_MONTH + TRJ_MONTHS
};
/* « Régions » */
enum {
  RG_REGION, RG_YEAR, RG_ZONE, RG_CD_SHARE, RG_WEEKS, RG_MOVE_AE, RG_MOVE_CP, RG_TERRITORIAL,
  RG_AE_AVAILABLE, RG_AE_TOTAL, RG_CP_TOTAL, RG_AE_MARGIN, RG_CP_MARGIN, RG_N_COLS
};
/* « Lignes » */
enum {
  LN_REGION, LN_ENVELOPE, LN_ID, LN_LABEL, LN_KIND, LN_RATE, LN_HOURS, LN_DURATION, LN_COFINANCING,
  LN_LAG, LN_VOLUME, LN_AE_TOTAL, LN_CP_TOTAL, LN_CP_STOCK, LN_AFTER, LN_AE_PER_CONTRACT,
  LN_AE_MONTH, LN_CP_MONTH = LN_AE_MONTH + TRJ_MONTHS, LN_STOCK_MONTH = LN_CP_MONTH + TRJ_MONTHS,
  LN_N_COLS = LN_STOCK_MONTH + TRJ_MONTHS
};
/* « Entrées » */
enum {
  EN_REGION, EN_ID, EN_MODE, EN_VOLUME, EN_PROFILE, EN_ENTRIES = EN_PROFILE + TRJ_MONTHS,
  EN_PREVIOUS = EN_ENTRIES + TRJ_MONTHS, EN_N_COLS = EN_PREVIOUS + TRJ_MONTHS
};
/* « Autres lignes (moteur) » */
enum {
  OT_REGION, OT_ENVELOPE, OT_ID, OT_LABEL, OT_KIND, OT_AE_TOTAL, OT_CP_TOTAL, OT_AFTER, OT_VOLUME,
  OT_AE_MONTH, OT_CP_MONTH = OT_AE_MONTH + TRJ_MONTHS, OT_N_COLS = OT_CP_MONTH + TRJ_MONTHS
};
/* Rows of one line's block on « Calcul », then a blank row. */
enum {
  CB_ENTRIES, CB_PREVIOUS, CB_CUM_ENTRIES, CB_CUM_PREVIOUS, CB_COST, CB_SERVED, CB_SERVED_PREVIOUS,
  CB_OWED, CB_OWED_PREVIOUS, CB_PHI, CB_ROWS
};
#define CB_HEIGHT (CB_ROWS + 1)

typedef struct {
  const TrjScenario *scenario;
  TrjResult *result;
  char *title;              /* region, and the scenario's name when given */
  lxw_row_t region_row;     /* on « Régions » */
  lxw_row_t env_row;        /* its first envelope on « Enveloppes » */
  lxw_row_t smic_row;       /* on « Valeurs de référence » (RSA: the next row) */
  double smic[N_T], rsa[N_T];
} Region;

typedef struct {
  TrjXlsxBook *book;
  GPtrArray *regions;       /* Region* */
  /* Sheet names, quoted for formulas: "'Entrées'!" */
  char *q_env, *q_region, *q_lines, *q_entries, *q_compute, *q_ref, *q_other;
  TrjXlsxPage env, region, lines, entries, compute, ref, other;
  lxw_row_t n_line_rows, n_other_rows, n_blocks;
} Book;

static void
region_free (Region *region)
{
  g_clear_pointer (&region->result, trj_result_free);
  g_free (region->title);
  g_free (region);
}

static char *
quoted (const char *sheet)
{
  g_autofree char *doubled = NULL;
  g_auto(GStrv) parts = g_strsplit (sheet, "'", -1);

  doubled = g_strjoinv ("''", parts);
  return g_strdup_printf ("'%s'!", doubled);
}

/* "B3", or "$B$3" parts absolute as asked. */
static const char *
cell (char buf[LXW_MAX_CELL_NAME_LENGTH], lxw_row_t row, lxw_col_t col, gboolean abs_row, gboolean abs_col)
{
  lxw_rowcol_to_cell_abs (buf, row, col, abs_row, abs_col);
  return buf;
}

/* "'Sheet'!$B$3:$M$3" */
static char *
range (const char *q_sheet, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1)
{
  char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];

  return g_strdup_printf ("%s%s:%s", q_sheet ? q_sheet : "", cell (a, r0, c0, TRUE, TRUE),
                          cell (b, r1, c1, TRUE, TRUE));
}

static char *
ref (const char *q_sheet, lxw_row_t row, lxw_col_t col)
{
  char a[LXW_MAX_CELL_NAME_LENGTH];

  return g_strdup_printf ("%s%s", q_sheet ? q_sheet : "", cell (a, row, col, TRUE, TRUE));
}

/* A formula cell; an undefined figure (NAN: no contract) caches the empty text
 * its IF(…, "") formula gives. */
static void
formula (Book *b, TrjXlsxPage *page, lxw_row_t row, lxw_col_t col, const char *text,
         double cached, TrjXlsxStyle style)
{
  if (isfinite (cached))
    trj_xlsx_page_formula (b->book, page, row, col, text, cached, style, FALSE);
  else
    worksheet_write_formula_str (page->ws, row, col, text, b->book->style[style], "");
}

/* The bulk of « Calcul »: no width bookkeeping (its columns are set once). */
static void
fast_formula (Book *b, lxw_row_t row, lxw_col_t col, const char *text, double cached)
{
  worksheet_write_formula_num (b->compute.ws, row, col, text, b->book->style[TRJ_XLSX_PLAIN], cached);
}

static void
headers (Book *b, TrjXlsxPage *page, const char *const *titles, guint n)
{
  for (guint i = 0; i < n; i++)
    trj_xlsx_page_header (b->book, page, 0, i, _(titles[i]));
}

/* Headers "janv. 2024" … of monthly columns from col. */
static void
month_headers (Book *b, TrjXlsxPage *page, lxw_col_t col, int year, const char *prefix)
{
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s %d", _(prefix), trj_format_month_short (m + 1), year);
      trj_xlsx_page_header (b->book, page, 0, col + m, text);
    }
}

/* "SUM('Lignes'!$L$2:$L$11)" for the rows [first, first + n) of a sheet, or
 * nothing when n is 0; terms are joined with "+". */
static void
append_sum (GString *s, const char *q_sheet, lxw_row_t first, guint n, lxw_col_t col)
{
  g_autofree char *r = NULL;

  if (n == 0)
    return;
  r = range (q_sheet, first, col, first + n - 1, col);
  g_string_append_printf (s, "%sSUM(%s)", s->len > 1 ? "+" : "", r);
}

/* ── Valeurs de référence, Régions ───────────────────────────────────── */

static void
resolve_reference (Region *region)
{
  const TrjScenario *s = region->scenario;

  for (int t = T_FIRST; t <= T_LAST; t++)
    {
      int absolute = s->year * 12 + t;
      int y = absolute / 12, m = absolute % 12 + 1;
      double v;

      region->smic[t - T_FIRST] = trj_series_value_at (&s->reference.smic_hourly, y, m, &v) ? v : 0;
      region->rsa[t - T_FIRST] = trj_series_value_at (&s->reference.rsa, y, m, &v) ? v : 0;
    }
}

static void
write_reference (Book *b, Region *region)
{
  const lxw_row_t row = region->smic_row;

  trj_xlsx_page_text (&b->ref, row, 0, region->title, NULL);
  trj_xlsx_page_text (&b->ref, row, 1, _("Hourly SMIC"), NULL);
  trj_xlsx_page_text (&b->ref, row + 1, 0, region->title, NULL);
  trj_xlsx_page_text (&b->ref, row + 1, 1, _("RSA for one person"), NULL);
  for (int t = T_COST_FIRST; t <= T_LAST; t++)
    {
      worksheet_write_number (b->ref.ws, row, TCOL (t), region->smic[t - T_FIRST], b->book->style[TRJ_XLSX_PLAIN]);
      worksheet_write_number (b->ref.ws, row + 1, TCOL (t), region->rsa[t - T_FIRST], b->book->style[TRJ_XLSX_PLAIN]);
    }
}

/* The CP moved with the AE from CIE jeunes to PEC: typed, or T · cp/ae of CIE
 * jeunes (MODEL 2.6), as a formula over the CIE jeunes row. */
static void
write_moved_cp (Book *b, Region *region)
{
  const TrjScenario *s = region->scenario;
  const TrjFungibility *fu = &s->fungibility;
  const char *source = trj_catalog_transfer_source ();
  const lxw_row_t row = region->region_row;
  g_autofree char *text = NULL;
  int cie = -1;

  for (guint e = 0; e < s->envelopes->len; e++)
    if (g_strcmp0 (((TrjEnvelope *) g_ptr_array_index (s->envelopes, e))->id, source) == 0)
      cie = (int) e;

  if (fu->has_cie_jeunes_to_pec_cp || cie < 0)
    {
      trj_xlsx_page_number (b->book, &b->region, row, RG_MOVE_CP,
                            fu->has_cie_jeunes_to_pec_cp ? fu->cie_jeunes_to_pec_cp : 0,
                            TRJ_XLSX_MONEY, FALSE);
      return;
    }
  {
    const TrjEnvelope *env = g_ptr_array_index (s->envelopes, cie);
    g_autofree char *ae = ref (b->q_env, region->env_row + cie, ENV_AE_NOTIFIED);
    g_autofree char *cp = ref (b->q_env, region->env_row + cie, ENV_CP_NOTIFIED);
    g_autofree char *moved = ref (NULL, row, RG_MOVE_AE);
    double cached = env->ae_notified > 0 ? fu->cie_jeunes_to_pec_ae * env->cp_notified / env->ae_notified : 0;

    text = g_strdup_printf ("=IF(%s>0,%s*%s/%s,0)", ae, moved, cp, ae);
    formula (b, &b->region, row, RG_MOVE_CP, text, cached, TRJ_XLSX_MONEY);
  }
}

static void
write_region (Book *b, Region *region)
{
  const TrjScenario *s = region->scenario;
  const TrjFungibility *fu = &s->fungibility;
  const lxw_row_t row = region->region_row;
  const guint n_env = s->envelopes->len;
  static const lxw_col_t sums[][2] = {
    { RG_AE_AVAILABLE, ENV_AE_AVAILABLE }, { RG_AE_TOTAL, ENV_AE_TOTAL }, { RG_CP_TOTAL, ENV_CP_TOTAL },
    { RG_AE_MARGIN, ENV_AE_MARGIN }, { RG_CP_MARGIN, ENV_CP_MARGIN },
  };

  trj_xlsx_page_text (&b->region, row, RG_REGION, region->title, NULL);
  trj_xlsx_page_number (b->book, &b->region, row, RG_YEAR, s->year, TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_text (&b->region, row, RG_ZONE, trj_programming_zone_label (s->zone), NULL);
  trj_xlsx_page_number (b->book, &b->region, row, RG_CD_SHARE, s->reference.cd_share, TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_number (b->book, &b->region, row, RG_WEEKS, s->reference.weeks_per_month, TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_number (b->book, &b->region, row, RG_MOVE_AE, fu->cie_jeunes_to_pec_ae, TRJ_XLSX_MONEY, FALSE);
  write_moved_cp (b, region);
  trj_xlsx_page_number (b->book, &b->region, row, RG_TERRITORIAL, fu->initiatives_territoriales_ae,
                        TRJ_XLSX_MONEY, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autoptr(GString) text = g_string_new ("=");
      double cached = 0;

      for (guint e = 0; e < n_env; e++)
        {
          const TrjEnvelopeResult *er = &region->result->envelopes[e];

          switch (sums[i][1])
            {
            case ENV_AE_AVAILABLE: cached += er->ae_available; break;
            case ENV_AE_TOTAL:     cached += er->f.ae_total; break;
            case ENV_CP_TOTAL:     cached += er->f.cp_total; break;
            case ENV_AE_MARGIN:    cached += er->ae_margin; break;
            case ENV_CP_MARGIN:    cached += er->cp_margin; break;
            default: g_assert_not_reached ();
            }
        }
      append_sum (text, b->q_env, region->env_row, n_env, sums[i][1]);
      if (n_env == 0)
        g_string_append (text, "0");
      formula (b, &b->region, row, sums[i][0], text->str, cached, TRJ_XLSX_MONEY);
    }
}

static void
write_national_row (Book *b, lxw_row_t row)
{
  static const lxw_col_t cols[] = { RG_AE_AVAILABLE, RG_AE_TOTAL, RG_CP_TOTAL, RG_AE_MARGIN, RG_CP_MARGIN };

  trj_xlsx_page_text (&b->region, row, RG_REGION, _("National total"), b->book->style_bold[TRJ_XLSX_TEXT]);
  for (gsize i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      g_autoptr(GString) text = g_string_new ("=");
      double cached = 0;

      for (guint r = 0; r < b->regions->len; r++)
        {
          const Region *region = g_ptr_array_index (b->regions, r);

          for (guint e = 0; e < region->result->n_envelopes; e++)
            {
              const TrjEnvelopeResult *er = &region->result->envelopes[e];

              cached += cols[i] == RG_AE_AVAILABLE ? er->ae_available
                      : cols[i] == RG_AE_TOTAL ? er->f.ae_total
                      : cols[i] == RG_CP_TOTAL ? er->f.cp_total
                      : cols[i] == RG_AE_MARGIN ? er->ae_margin : er->cp_margin;
            }
        }
      append_sum (text, NULL, 1, b->regions->len, cols[i]);
      trj_xlsx_page_formula (b->book, &b->region, row, cols[i], text->str, cached, TRJ_XLSX_MONEY, TRUE);
    }
}

/* ── One contract line: « Entrées », « Calcul », « Lignes » ──────────── */

typedef struct {
  double n[N_T], p[N_T];       /* entries by month t (0 elsewhere) */
  double cum_n[N_T], cum_p[N_T];
  double cost[N_T];
  double served[N_T], served_p[N_T];
} LineCache;

/* The cached values of « Calcul », computed as its formulas do. */
static void
line_cache (const Region *region, const TrjLine *line, LineCache *c)
{
  const TrjScenario *s = region->scenario;
  const double per_smic = line->rate * line->weekly_hours * s->reference.weeks_per_month;
  const int whole = (int) floor (line->duration_months);
  const double frac = line->duration_months - whole;

  memset (c, 0, sizeof *c);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      c->n[m - T_FIRST] = line->entries[m];
      c->p[m - TRJ_MONTHS - T_FIRST] = line->previous_entries[m];
    }
  for (int i = 0; i < N_T; i++)
    {
      c->cum_n[i] = (i > 0 ? c->cum_n[i - 1] : 0) + c->n[i];
      c->cum_p[i] = (i > 0 ? c->cum_p[i - 1] : 0) + c->p[i];
    }
  for (int t = T_COST_FIRST; t <= T_LAST; t++)
    {
      const int i = t - T_FIRST;
      double aid = per_smic * region->smic[i];

      c->cost[i] = (1 - line->cofinanced_share) * aid
                   + line->cofinanced_share * MAX (0.0, aid - s->reference.cd_share * region->rsa[i]);
      c->served[i] = c->cum_n[i] - c->cum_n[i - whole] + frac * c->n[i - whole];
      c->served_p[i] = c->cum_p[i] - c->cum_p[i - whole] + frac * c->p[i - whole];
    }
}

static void
write_entries (Book *b, const Region *region, const TrjLine *line, lxw_row_t row)
{
  trj_xlsx_page_text (&b->entries, row, EN_REGION, region->title, NULL);
  trj_xlsx_page_text (&b->entries, row, EN_ID, line->id, NULL);
  if (line->entries_mode == TRJ_ENTRIES_VOLUME)
    {
      g_autofree char *sum = range (NULL, row, EN_PROFILE, row, EN_PROFILE + TRJ_MONTHS - 1);
      char v[LXW_MAX_CELL_NAME_LENGTH], w[LXW_MAX_CELL_NAME_LENGTH];

      trj_xlsx_page_text (&b->entries, row, EN_MODE, _("volume × profile"), NULL);
      trj_xlsx_page_number (b->book, &b->entries, row, EN_VOLUME, line->volume, TRJ_XLSX_PLAIN, FALSE);
      for (int m = 0; m < TRJ_MONTHS; m++)
        {
          g_autofree char *text = g_strdup_printf ("=%s*%s/SUM(%s)", cell (v, row, EN_VOLUME, FALSE, TRUE),
                                                   cell (w, row, EN_PROFILE + m, FALSE, FALSE), sum);

          trj_xlsx_page_number (b->book, &b->entries, row, EN_PROFILE + m, line->profile[m], TRJ_XLSX_PLAIN, FALSE);
          trj_xlsx_page_formula (b->book, &b->entries, row, EN_ENTRIES + m, text, line->entries[m],
                                 TRJ_XLSX_DECIMAL, FALSE);
        }
    }
  else
    {
      trj_xlsx_page_text (&b->entries, row, EN_MODE, _("month by month"), NULL);
      for (int m = 0; m < TRJ_MONTHS; m++)
        trj_xlsx_page_number (b->book, &b->entries, row, EN_ENTRIES + m, line->entries[m], TRJ_XLSX_PLAIN, FALSE);
    }
  if (line->has_previous_entries)
    for (int m = 0; m < TRJ_MONTHS; m++)
      trj_xlsx_page_number (b->book, &b->entries, row, EN_PREVIOUS + m, line->previous_entries[m],
                            TRJ_XLSX_PLAIN, FALSE);
}

static void
write_block (Book *b, const Region *region, const TrjLine *line, lxw_row_t line_row, lxw_row_t top)
{
  static const char *titles[CB_ROWS] = {
    [CB_ENTRIES] = N_("Entries of the year"),
    [CB_PREVIOUS] = N_("Entries of the previous year"),
    [CB_CUM_ENTRIES] = N_("Running sum of the entries of the year"),
    [CB_CUM_PREVIOUS] = N_("Running sum of the previous year’s entries"),
    [CB_COST] = N_("Monthly cost of one contract to the State"),
    [CB_SERVED] = N_("Contracts served (this year’s cohorts)"),
    [CB_SERVED_PREVIOUS] = N_("Contracts served (previous year’s cohorts)"),
    [CB_OWED] = N_("Owed for the month served (this year’s cohorts)"),
    [CB_OWED_PREVIOUS] = N_("Owed for the month served (previous year’s cohorts)"),
    [CB_PHI] = N_("Share of the k-th month served (k = 0, 1, …)"),
  };
  LineCache c;
  g_autofree char *r = ref (b->q_lines, line_row, LN_RATE);
  g_autofree char *h = ref (b->q_lines, line_row, LN_HOURS);
  g_autofree char *d = ref (b->q_lines, line_row, LN_DURATION);
  g_autofree char *cof = ref (b->q_lines, line_row, LN_COFINANCING);
  g_autofree char *cd = ref (b->q_region, region->region_row, RG_CD_SHARE);
  g_autofree char *wpm = ref (b->q_region, region->region_row, RG_WEEKS);
  char a[LXW_MAX_CELL_NAME_LENGTH], x[LXW_MAX_CELL_NAME_LENGTH], y[LXW_MAX_CELL_NAME_LENGTH];
  const int whole = (int) floor (line->duration_months);
  const double frac = line->duration_months - whole;

  line_cache (region, line, &c);
  for (int k = 0; k < CB_ROWS; k++)
    {
      worksheet_write_string (b->compute.ws, top + k, 0, line->id, NULL);
      worksheet_write_string (b->compute.ws, top + k, 1, _(titles[k]), NULL);
    }

  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_autofree char *n = g_strdup_printf ("=%s%s", b->q_entries, cell (a, line_row, EN_ENTRIES + m, FALSE, FALSE));
      g_autofree char *p = g_strdup_printf ("=%s%s", b->q_entries, cell (a, line_row, EN_PREVIOUS + m, FALSE, FALSE));

      fast_formula (b, top + CB_ENTRIES, TCOL (m), n, line->entries[m]);
      fast_formula (b, top + CB_PREVIOUS, TCOL (m - TRJ_MONTHS), p, line->previous_entries[m]);
    }

  for (int t = T_FIRST; t <= T_LAST; t++)
    {
      const int i = t - T_FIRST;
      const lxw_row_t rows[2][2] = { { CB_CUM_ENTRIES, CB_ENTRIES }, { CB_CUM_PREVIOUS, CB_PREVIOUS } };

      for (int k = 0; k < 2; k++)
        {
          g_autofree char *text = NULL;

          if (i == 0)
            text = g_strdup_printf ("=%s", cell (a, top + rows[k][1], TCOL (t), FALSE, FALSE));
          else
            text = g_strdup_printf ("=%s+%s", cell (a, top + rows[k][0], TCOL (t - 1), FALSE, FALSE),
                                    cell (x, top + rows[k][1], TCOL (t), FALSE, FALSE));
          fast_formula (b, top + rows[k][0], TCOL (t), text, k == 0 ? c.cum_n[i] : c.cum_p[i]);
        }
    }

  for (int t = T_COST_FIRST; t <= T_LAST; t++)
    {
      const int i = t - T_FIRST;
      g_autofree char *smic = g_strdup_printf ("%s%s", b->q_ref, cell (x, region->smic_row, TCOL (t), TRUE, FALSE));
      g_autofree char *rsa = g_strdup_printf ("%s%s", b->q_ref, cell (y, region->smic_row + 1, TCOL (t), TRUE, FALSE));
      g_autofree char *aid = g_strdup_printf ("%s*%s*%s*%s", r, h, wpm, smic);
      g_autofree char *cost = g_strdup_printf ("=(1-%s)*%s+%s*MAX(0,%s-%s*%s)", cof, aid, cof, aid, cd, rsa);
      const lxw_row_t served[2][3] = { { CB_SERVED, CB_CUM_ENTRIES, CB_ENTRIES },
                                       { CB_SERVED_PREVIOUS, CB_CUM_PREVIOUS, CB_PREVIOUS } };

      fast_formula (b, top + CB_COST, TCOL (t), cost, c.cost[i]);
      for (int k = 0; k < 2; k++)
        {
          g_autofree char *cum = range (NULL, top + served[k][1], TCOL (T_FIRST), top + served[k][1], TCOL (T_LAST));
          g_autofree char *entries = range (NULL, top + served[k][2], TCOL (T_FIRST), top + served[k][2], TCOL (T_LAST));
          g_autofree char *text = g_strdup_printf ("=%s-INDEX(%s,1,%d-INT(%s))+(%s-INT(%s))*INDEX(%s,1,%d-INT(%s))",
                                                   cell (a, top + served[k][1], TCOL (t), FALSE, FALSE),
                                                   cum, TPOS (t), d, d, d, entries, TPOS (t), d);
          g_autofree char *owed = g_strdup_printf ("=%s*%s", cell (x, top + served[k][0], TCOL (t), FALSE, FALSE),
                                                   cell (y, top + CB_COST, TCOL (t), FALSE, FALSE));
          double s = k == 0 ? c.served[i] : c.served_p[i];

          fast_formula (b, top + served[k][0], TCOL (t), text, s);
          fast_formula (b, top + (k == 0 ? CB_OWED : CB_OWED_PREVIOUS), TCOL (t), owed, s * c.cost[i]);
        }
    }

  for (int k = 0; k < N_PHI; k++)
    {
      g_autofree char *text = g_strdup_printf ("=MAX(0,MIN(1,%s-%d))", d, k);
      double phi = k < whole ? 1 : k == whole ? frac : 0;

      fast_formula (b, top + CB_PHI, TCOL (k), text, phi);
    }
}

static void
write_line (Book *b, const Region *region, const TrjEnvelope *env, const TrjLine *line,
            const TrjLineResult *lr, lxw_row_t row, lxw_row_t top)
{
  const TrjFigures *f = &lr->f;
  char a[LXW_MAX_CELL_NAME_LENGTH], x[LXW_MAX_CELL_NAME_LENGTH];
  g_autofree char *owed = range (b->q_compute, top + CB_OWED, TCOL (T_FIRST), top + CB_OWED, TCOL (T_LAST));
  g_autofree char *owed_p = range (b->q_compute, top + CB_OWED_PREVIOUS, TCOL (T_FIRST),
                                   top + CB_OWED_PREVIOUS, TCOL (T_LAST));
  g_autofree char *phi = range (b->q_compute, top + CB_PHI, TCOL (0), top + CB_PHI, TCOL (N_PHI - 1));
  g_autofree char *lag = g_strdup (cell (a, row, LN_LAG, FALSE, TRUE));
  g_autofree char *entries = range (b->q_entries, row, EN_ENTRIES, row, EN_ENTRIES + TRJ_MONTHS - 1);
  g_autofree char *text = NULL;

  trj_xlsx_page_text (&b->lines, row, LN_REGION, region->title, NULL);
  trj_xlsx_page_text (&b->lines, row, LN_ENVELOPE, trj_catalog_envelope_title (env->id), NULL);
  trj_xlsx_page_text (&b->lines, row, LN_ID, line->id, NULL);
  trj_xlsx_page_text (&b->lines, row, LN_LABEL, line->label, NULL);
  trj_xlsx_page_text (&b->lines, row, LN_KIND, trj_catalog_kind_title (line->kind), NULL);
  trj_xlsx_page_number (b->book, &b->lines, row, LN_RATE, line->rate, TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_number (b->book, &b->lines, row, LN_HOURS, line->weekly_hours, TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_number (b->book, &b->lines, row, LN_DURATION, line->duration_months, TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_number (b->book, &b->lines, row, LN_COFINANCING, line->cofinanced_share, TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_number (b->book, &b->lines, row, LN_LAG, line->payment_lag_months, TRJ_XLSX_PLAIN, FALSE);

  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_autofree char *cost = range (b->q_compute, top + CB_COST, TCOL (m), top + CB_COST, TCOL (m + N_PHI - 1));
      g_autofree char *ae = g_strdup_printf ("=%s%s*SUMPRODUCT(%s,%s)", b->q_entries,
                                             cell (x, row, EN_ENTRIES + m, FALSE, FALSE), cost, phi);
      g_autofree char *cp = g_strdup_printf ("=INDEX(%s,1,%d-%s)+INDEX(%s,1,%d-%s)", owed, TPOS (m), lag,
                                             owed_p, TPOS (m), lag);
      g_autofree char *stock = g_strdup_printf ("=INDEX(%s,1,%d-%s)", owed_p, TPOS (m), lag);

      trj_xlsx_page_formula (b->book, &b->lines, row, LN_AE_MONTH + m, ae, f->ae[m], TRJ_XLSX_MONEY, FALSE);
      trj_xlsx_page_formula (b->book, &b->lines, row, LN_CP_MONTH + m, cp, f->cp[m], TRJ_XLSX_MONEY, FALSE);
      trj_xlsx_page_formula (b->book, &b->lines, row, LN_STOCK_MONTH + m, stock, f->cp_stock_month[m],
                             TRJ_XLSX_MONEY, FALSE);
    }

  text = g_strdup_printf ("=SUM(%s)", entries);
  trj_xlsx_page_formula (b->book, &b->lines, row, LN_VOLUME, text, f->volume, TRJ_XLSX_DECIMAL, FALSE);
  g_free (text);
  text = trj_xlsx_sum_formula (row, LN_AE_MONTH, row, LN_AE_MONTH + TRJ_MONTHS - 1);
  trj_xlsx_page_formula (b->book, &b->lines, row, LN_AE_TOTAL, text, f->ae_total, TRJ_XLSX_MONEY, FALSE);
  g_free (text);
  text = trj_xlsx_sum_formula (row, LN_CP_MONTH, row, LN_CP_MONTH + TRJ_MONTHS - 1);
  trj_xlsx_page_formula (b->book, &b->lines, row, LN_CP_TOTAL, text, f->cp_total, TRJ_XLSX_MONEY, FALSE);
  g_free (text);
  text = trj_xlsx_sum_formula (row, LN_STOCK_MONTH, row, LN_STOCK_MONTH + TRJ_MONTHS - 1);
  trj_xlsx_page_formula (b->book, &b->lines, row, LN_CP_STOCK, text, f->cp_stock, TRJ_XLSX_MONEY, FALSE);
  g_free (text);
  /* Everything this year's cohorts are owed, less what is paid within the year. */
  text = g_strdup_printf ("=SUM(%s)-(%s-%s)", owed, cell (a, row, LN_CP_TOTAL, FALSE, FALSE),
                          cell (x, row, LN_CP_STOCK, FALSE, FALSE));
  trj_xlsx_page_formula (b->book, &b->lines, row, LN_AFTER, text, f->cp_after_year, TRJ_XLSX_MONEY, FALSE);
  g_free (text);
  text = g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", cell (a, row, LN_VOLUME, FALSE, FALSE),
                          cell (x, row, LN_AE_TOTAL, FALSE, FALSE), cell (a, row, LN_VOLUME, FALSE, FALSE));
  formula (b, &b->lines, row, LN_AE_PER_CONTRACT, text, f->ae_per_contract, TRJ_XLSX_MONEY);
}

/* Post-aid and free lines: the engine's figures, as constants under their totals. */
static void
write_other (Book *b, const Region *region, const TrjEnvelope *env, const TrjLine *line,
             const TrjLineResult *lr, lxw_row_t row)
{
  const TrjFigures *f = &lr->f;
  g_autofree char *ae = trj_xlsx_sum_formula (row, OT_AE_MONTH, row, OT_AE_MONTH + TRJ_MONTHS - 1);
  g_autofree char *cp = trj_xlsx_sum_formula (row, OT_CP_MONTH, row, OT_CP_MONTH + TRJ_MONTHS - 1);

  trj_xlsx_page_text (&b->other, row, OT_REGION, region->title, NULL);
  trj_xlsx_page_text (&b->other, row, OT_ENVELOPE, trj_catalog_envelope_title (env->id), NULL);
  trj_xlsx_page_text (&b->other, row, OT_ID, line->id, NULL);
  trj_xlsx_page_text (&b->other, row, OT_LABEL, line->label, NULL);
  trj_xlsx_page_text (&b->other, row, OT_KIND, trj_catalog_kind_title (line->kind), NULL);
  trj_xlsx_page_formula (b->book, &b->other, row, OT_AE_TOTAL, ae, f->ae_total, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_formula (b->book, &b->other, row, OT_CP_TOTAL, cp, f->cp_total, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_number (b->book, &b->other, row, OT_AFTER, f->cp_after_year, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_number (b->book, &b->other, row, OT_VOLUME, f->volume, TRJ_XLSX_DECIMAL, FALSE);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      trj_xlsx_page_number (b->book, &b->other, row, OT_AE_MONTH + m, f->ae[m], TRJ_XLSX_MONEY, FALSE);
      trj_xlsx_page_number (b->book, &b->other, row, OT_CP_MONTH + m, f->cp[m], TRJ_XLSX_MONEY, FALSE);
    }
}

/* ── Enveloppes ──────────────────────────────────────────────────────── */

static void
write_envelope (Book *b, const Region *region, guint e, lxw_row_t line_first, guint n_lines,
                lxw_row_t other_first, guint n_other)
{
  const TrjEnvelope *env = g_ptr_array_index (region->scenario->envelopes, e);
  const TrjEnvelopeResult *er = &region->result->envelopes[e];
  const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);
  const lxw_row_t row = region->env_row + e;
  const lxw_row_t rg = region->region_row;
  char c[8][LXW_MAX_CELL_NAME_LENGTH];
  g_autofree char *move_ae = ref (b->q_region, rg, RG_MOVE_AE);
  g_autofree char *move_cp = ref (b->q_region, rg, RG_MOVE_CP);
  g_autofree char *territorial = ref (b->q_region, rg, RG_TERRITORIAL);
  g_autofree char *text = NULL;
  const struct { lxw_col_t col; lxw_col_t line_col; lxw_col_t other_col; gboolean modulation; double cached; TrjXlsxStyle style; } sums[] = {
    { ENV_AE_TOTAL, LN_AE_TOTAL, OT_AE_TOTAL, FALSE, er->f.ae_total, TRJ_XLSX_MONEY },
    { ENV_CP_TOTAL, LN_CP_TOTAL, OT_CP_TOTAL, TRUE, er->f.cp_total, TRJ_XLSX_MONEY },
    { ENV_CP_STOCK, LN_CP_STOCK, (lxw_col_t) -1, TRUE, er->f.cp_stock, TRJ_XLSX_MONEY },
    { ENV_AFTER, LN_AFTER, OT_AFTER, FALSE, er->f.cp_after_year, TRJ_XLSX_MONEY },
    { ENV_VOLUME, LN_VOLUME, OT_VOLUME, FALSE, er->f.volume, TRJ_XLSX_DECIMAL },
  };

  trj_xlsx_page_text (&b->env, row, ENV_REGION, region->title, NULL);
  trj_xlsx_page_text (&b->env, row, ENV_NAME, trj_catalog_envelope_title (env->id), NULL);
  trj_xlsx_page_number (b->book, &b->env, row, ENV_AE_NOTIFIED, env->ae_notified, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_number (b->book, &b->env, row, ENV_CP_NOTIFIED, env->cp_notified, TRJ_XLSX_MONEY, FALSE);
  trj_xlsx_page_number (b->book, &b->env, row, ENV_INCLUDES_STOCK, env->cp_notified_includes_stock ? 1 : 0,
                        TRJ_XLSX_PLAIN, FALSE);
  trj_xlsx_page_number (b->book, &b->env, row, ENV_MODULATION, env->previous_modulation_cp, TRJ_XLSX_MONEY, FALSE);

  cell (c[0], row, ENV_AE_NOTIFIED, FALSE, FALSE);
  cell (c[1], row, ENV_CP_NOTIFIED, FALSE, FALSE);
  {
    /* Initiatives territoriales come out of their source envelope; what an
     * envelope lends to free lines funded from its margins (FDI) is the
     * engine's figure, a constant here (MODEL 2.6, 3). */
    gboolean source = g_strcmp0 (env->id, trj_fungibility_territorial_source (region->scenario)) == 0;
    g_autoptr(GString) ae = g_string_new (NULL);
    g_autoptr(GString) cp = g_string_new (NULL);
    char number[G_ASCII_DTOSTR_BUF_SIZE];

    g_string_printf (ae, "=%s", c[0]);
    g_string_printf (cp, "=%s", c[1]);
    if (known != NULL && known->transfer_target)
      {
        g_string_append_printf (ae, "+%s", move_ae);
        g_string_append_printf (cp, "+%s", move_cp);
      }
    else if (known != NULL && known->transfer_source)
      {
        g_string_append_printf (ae, "-%s", move_ae);
        g_string_append_printf (cp, "-%s", move_cp);
      }
    if (source)
      g_string_append_printf (ae, "-%s", territorial);
    if (er->ae_lent != 0)
      g_string_append_printf (ae, "-(%s)", g_ascii_dtostr (number, sizeof number, er->ae_lent));
    if (er->cp_lent != 0)
      g_string_append_printf (cp, "-(%s)", g_ascii_dtostr (number, sizeof number, er->cp_lent));
    trj_xlsx_page_formula (b->book, &b->env, row, ENV_AE_AVAILABLE, ae->str, er->ae_available, TRJ_XLSX_MONEY, FALSE);
    trj_xlsx_page_formula (b->book, &b->env, row, ENV_CP_AVAILABLE, cp->str, er->cp_available, TRJ_XLSX_MONEY, FALSE);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autoptr(GString) s = g_string_new ("=");

      append_sum (s, b->q_lines, line_first, n_lines, sums[i].line_col);
      if (sums[i].other_col != (lxw_col_t) -1)
        append_sum (s, b->q_other, other_first, n_other, sums[i].other_col);
      if (sums[i].modulation)
        g_string_append_printf (s, "%s%s", s->len > 1 ? "+" : "", cell (c[2], row, ENV_MODULATION, FALSE, FALSE));
      if (s->len == 1)
        g_string_append (s, "0");
      trj_xlsx_page_formula (b->book, &b->env, row, sums[i].col, s->str, sums[i].cached, sums[i].style, FALSE);
    }
  for (int m = 0; m < TRJ_MONTHS; m++)
    for (int k = 0; k < 2; k++)
      {
        g_autoptr(GString) s = g_string_new ("=");

        append_sum (s, b->q_lines, line_first, n_lines, (k == 0 ? LN_AE_MONTH : LN_CP_MONTH) + m);
        append_sum (s, b->q_other, other_first, n_other, (k == 0 ? OT_AE_MONTH : OT_CP_MONTH) + m);
        /* Last year's modulated part is paid in April (MODEL 3). */
        if (k == 1 && m == 3)
          g_string_append_printf (s, "%s%s", s->len > 1 ? "+" : "", cell (c[2], row, ENV_MODULATION, FALSE, FALSE));
        if (s->len == 1)
          g_string_append (s, "0");
        trj_xlsx_page_formula (b->book, &b->env, row, (k == 0 ? ENV_AE_MONTH : ENV_CP_MONTH) + m, s->str,
                               k == 0 ? er->f.ae[m] : er->f.cp[m], TRJ_XLSX_MONEY, FALSE);
      }

  cell (c[0], row, ENV_AE_AVAILABLE, FALSE, FALSE);
  cell (c[1], row, ENV_CP_AVAILABLE, FALSE, FALSE);
  cell (c[2], row, ENV_AE_TOTAL, FALSE, FALSE);
  cell (c[3], row, ENV_CP_TOTAL, FALSE, FALSE);
  cell (c[4], row, ENV_CP_STOCK, FALSE, FALSE);
  cell (c[5], row, ENV_INCLUDES_STOCK, FALSE, FALSE);
  cell (c[6], row, ENV_VOLUME, FALSE, FALSE);
  cell (c[7], row, ENV_AE_PER_CONTRACT, FALSE, FALSE);

  /* A plain difference: tests/check-recalc.py reverses the first one it finds. */
  text = g_strdup_printf ("=%s-%s", c[0], c[2]);
  trj_xlsx_page_formula (b->book, &b->env, row, ENV_AE_MARGIN, text, er->ae_margin, TRJ_XLSX_MONEY, FALSE);
  g_free (text);
  /* The notification covers this year's cohorts unless it says it includes the stock. */
  text = g_strdup_printf ("=IF(%s=1,%s-%s,%s-(%s-%s))", c[5], c[1], c[3], c[1], c[3], c[4]);
  trj_xlsx_page_formula (b->book, &b->env, row, ENV_CP_MARGIN, text, er->cp_margin, TRJ_XLSX_MONEY, FALSE);
  g_free (text);
  text = g_strdup_printf ("=IF(%s<>0,%s/%s,\"\")", c[0], c[2], c[0]);
  formula (b, &b->env, row, ENV_AE_CONSUMPTION, text, er->ae_consumption, TRJ_XLSX_PERCENT);
  g_free (text);
  text = g_strdup_printf ("=IF(%s<>0,IF(%s=1,%s,%s-%s)/%s,\"\")", c[1], c[5], c[3], c[3], c[4], c[1]);
  formula (b, &b->env, row, ENV_CP_CONSUMPTION, text, er->cp_consumption, TRJ_XLSX_PERCENT);
  g_free (text);
  /* MODEL 3: the AE per contract is over the contract lines (« Lignes »)
   * only, and the capacity is what the envelope's other lines leave. */
  {
    g_autoptr(GString) contract_ae = g_string_new ("=");
    g_autoptr(GString) contract_volume = g_string_new ("=");
    const char *cae, *cvol;

    append_sum (contract_ae, b->q_lines, line_first, n_lines, LN_AE_TOTAL);
    append_sum (contract_volume, b->q_lines, line_first, n_lines, LN_VOLUME);
    cae = contract_ae->len > 1 ? contract_ae->str + 1 : "0";
    cvol = contract_volume->len > 1 ? contract_volume->str + 1 : "0";
    text = g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", cvol, cae, cvol);
    formula (b, &b->env, row, ENV_AE_PER_CONTRACT, text, er->f.ae_per_contract, TRJ_XLSX_MONEY);
    g_free (text);
    /* The engine's small epsilon keeps an exact fit from flooring one contract lower. */
    text = g_strdup_printf ("=IF(AND(%s>0,%s>0),INT((%s-(%s-%s))/%s+1E-9),\"\")",
                            cvol, cae, c[0], c[2], cae, c[7]);
    formula (b, &b->env, row, ENV_CAPACITY, text, er->capacity, TRJ_XLSX_COUNT);
  }
}

/* ── The workbook ────────────────────────────────────────────────────── */

const char *
trj_formula_book_sheet_title (TrjFormulaBookSheet sheet)
{
  /* At most 31 characters in every language (a spreadsheet's limit). */
  static const char *titles[TRJ_FORMULA_BOOK_N_SHEETS] = {
    [TRJ_FORMULA_BOOK_ENVELOPES] = N_("Envelopes"),
    [TRJ_FORMULA_BOOK_REGIONS] = N_("Regions"),
    [TRJ_FORMULA_BOOK_LINES] = N_("Contract lines"),
    [TRJ_FORMULA_BOOK_ENTRIES] = N_("Entries"),
    [TRJ_FORMULA_BOOK_COMPUTE] = N_("Computation"),
    [TRJ_FORMULA_BOOK_REFERENCE] = N_("Reference values"),
    [TRJ_FORMULA_BOOK_OTHER] = N_("Other lines (engine)"),
  };

  g_return_val_if_fail (sheet < TRJ_FORMULA_BOOK_N_SHEETS, NULL);
  return _(titles[sheet]);
}

static void
write_headers (Book *b)
{
  static const char *env_titles[ENV_AE_MONTH] = {
    N_("Region"), N_("Envelope"), N_("AE notified"), N_("CP notified"),
    N_("CP notified include the stock (1: yes)"), N_("Last year’s modulated part (CP, April)"),
    N_("AE available after fungibility"), N_("CP available after fungibility"),
    N_("AE programmed"), N_("CP programmed"), N_("of which CP for earlier years’ contracts (stock)"),
    N_("Remaining to pay after the year"), N_("Volume programmed (contracts)"), N_("AE margin"),
    N_("CP margin"), N_("AE consumption"), N_("CP consumption"), N_("AE per contract"),
    N_("Capacity (contracts)"),
  };
  static const char *region_titles[RG_N_COLS] = {
    N_("Region"), N_("Year"), N_("Zone"), N_("Département’s share of the RSA"), N_("Weeks per month"),
    N_("AE moved from CIE jeunes to PEC"), N_("CP moved from CIE jeunes to PEC"),
    N_("AE for initiatives territoriales"), N_("AE available after fungibility"), N_("AE programmed"),
    N_("CP programmed"), N_("AE margin"), N_("CP margin"),
  };
  static const char *line_titles[LN_AE_MONTH] = {
    N_("Region"), N_("Envelope"), N_("Line"), N_("Label"), N_("Kind"), N_("Rate of State aid"),
    N_("Weekly hours"), N_("Duration (months)"), N_("Cofinanced share"), N_("Payment lag (months)"),
    N_("Volume programmed (contracts)"), N_("AE programmed"), N_("CP programmed"),
    N_("of which CP for earlier years’ contracts (stock)"), N_("Remaining to pay after the year"),
    N_("AE per contract"),
  };
  static const char *entry_titles[EN_PROFILE] = {
    N_("Region"), N_("Line"), N_("Entries given as"), N_("Volume (contracts)"),
  };
  static const char *other_titles[OT_AE_MONTH] = {
    N_("Region"), N_("Envelope"), N_("Line"), N_("Label"), N_("Kind"), N_("AE programmed"),
    N_("CP programmed"), N_("Remaining to pay after the year"), N_("Volume programmed"),
  };
  const Region *first = g_ptr_array_index (b->regions, 0);
  const int year = first->scenario->year;

  headers (b, &b->env, env_titles, G_N_ELEMENTS (env_titles));
  month_headers (b, &b->env, ENV_AE_MONTH, year, N_("AE"));
  month_headers (b, &b->env, ENV_CP_MONTH, year, N_("CP"));
  headers (b, &b->region, region_titles, G_N_ELEMENTS (region_titles));
  headers (b, &b->lines, line_titles, G_N_ELEMENTS (line_titles));
  month_headers (b, &b->lines, LN_AE_MONTH, year, N_("AE"));
  month_headers (b, &b->lines, LN_CP_MONTH, year, N_("CP"));
  month_headers (b, &b->lines, LN_STOCK_MONTH, year, N_("Stock CP"));
  headers (b, &b->entries, entry_titles, G_N_ELEMENTS (entry_titles));
  month_headers (b, &b->entries, EN_PROFILE, year, N_("Profile"));
  month_headers (b, &b->entries, EN_ENTRIES, year, N_("Entries"));
  month_headers (b, &b->entries, EN_PREVIOUS, year - 1, N_("Entries"));
  headers (b, &b->other, other_titles, G_N_ELEMENTS (other_titles));
  month_headers (b, &b->other, OT_AE_MONTH, year, N_("AE"));
  month_headers (b, &b->other, OT_CP_MONTH, year, N_("CP"));

  worksheet_write_string (b->compute.ws, 0, 0, _("Line"), b->book->header);
  worksheet_write_string (b->compute.ws, 0, 1, _("Quantity"), b->book->header);
  worksheet_write_string (b->ref.ws, 0, 0, _("Region"), b->book->header);
  worksheet_write_string (b->ref.ws, 0, 1, _("Series"), b->book->header);
  for (int t = T_FIRST; t <= T_LAST; t++)
    {
      int absolute = year * 12 + t;
      g_autofree char *text = g_strdup_printf ("%s %d", trj_format_month_short (absolute % 12 + 1), absolute / 12);

      worksheet_write_string (b->compute.ws, 0, TCOL (t), text, b->book->header);
      worksheet_write_string (b->ref.ws, 0, TCOL (t), text, b->book->header);
    }
  worksheet_set_column (b->compute.ws, 0, 0, 16, NULL);
  worksheet_set_column (b->compute.ws, 1, 1, 44, NULL);
  worksheet_set_column (b->compute.ws, TCOL (T_FIRST), TCOL (T_LAST), 11, NULL);
  worksheet_set_column (b->ref.ws, 0, 0, 20, NULL);
  worksheet_set_column (b->ref.ws, 1, 1, 22, NULL);
  worksheet_set_column (b->ref.ws, TCOL (T_FIRST), TCOL (T_LAST), 11, NULL);
}

static gboolean
write_book (Book *b, GError **error)
{
  lxw_row_t env_row = 1, line_row = 1, other_row = 1, block = 1, ref_row = 1;

  for (guint r = 0; r < b->regions->len; r++)
    {
      Region *region = g_ptr_array_index (b->regions, r);

      region->region_row = 1 + r;
      region->env_row = env_row;
      region->smic_row = ref_row;
      env_row += region->scenario->envelopes->len;
      ref_row += 2;
    }

  b->env = trj_xlsx_book_add_page (b->book, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_ENVELOPES), 1, 2);
  b->region = trj_xlsx_book_add_page (b->book, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_REGIONS), 1, 1);
  b->lines = trj_xlsx_book_add_page (b->book, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_LINES), 1, 3);
  b->entries = trj_xlsx_book_add_page (b->book, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_ENTRIES), 1, 2);
  b->compute = trj_xlsx_book_add_page (b->book, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_COMPUTE), 1, 2);
  b->ref = trj_xlsx_book_add_page (b->book, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_REFERENCE), 1, 2);
  b->other = trj_xlsx_book_add_page (b->book, trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_OTHER), 1, 3);
  b->q_env = quoted (trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_ENVELOPES));
  b->q_region = quoted (trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_REGIONS));
  b->q_lines = quoted (trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_LINES));
  b->q_entries = quoted (trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_ENTRIES));
  b->q_compute = quoted (trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_COMPUTE));
  b->q_ref = quoted (trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_REFERENCE));
  b->q_other = quoted (trj_formula_book_sheet_title (TRJ_FORMULA_BOOK_OTHER));
  write_headers (b);

  for (guint r = 0; r < b->regions->len; r++)
    {
      Region *region = g_ptr_array_index (b->regions, r);
      const TrjScenario *s = region->scenario;
      guint index = 0;

      write_reference (b, region);
      write_region (b, region);
      for (guint e = 0; e < s->envelopes->len; e++)
        {
          const TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);
          lxw_row_t line_first = line_row, other_first = other_row;

          for (guint l = 0; l < env->lines->len; l++, index++)
            {
              const TrjLine *line = g_ptr_array_index (env->lines, l);
              const TrjLineResult *lr = &region->result->lines[index];

              if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT)
                {
                  write_entries (b, region, line, line_row);
                  write_block (b, region, line, line_row, block);
                  write_line (b, region, env, line, lr, line_row, block);
                  line_row++;
                  block += CB_HEIGHT;
                }
              else
                write_other (b, region, env, line, lr, other_row++);
            }
          write_envelope (b, region, e, line_first, line_row - line_first, other_first, other_row - other_first);
        }
    }
  write_national_row (b, 1 + b->regions->len);

  trj_xlsx_page_finish (&b->env);
  trj_xlsx_page_finish (&b->region);
  trj_xlsx_page_finish (&b->lines);
  trj_xlsx_page_finish (&b->entries);
  trj_xlsx_page_finish (&b->other);
  return trj_xlsx_book_close (g_steal_pointer (&b->book), error);
}

gboolean
trj_formula_book_write (const TrjScenario *const *scenarios, const char *const *names, guint n_scenarios,
                        const char *path, GError **error)
{
  Book b = { 0 };
  g_autofree char *page_header = NULL;
  gboolean ok;

  g_return_val_if_fail (n_scenarios > 0, FALSE);

  b.regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  for (guint i = 0; i < n_scenarios; i++)
    {
      Region *region = g_new0 (Region, 1);
      const char *name = names != NULL ? names[i] : NULL;

      g_ptr_array_add (b.regions, region);
      region->scenario = scenarios[i];
      region->result = trj_programming_compute (scenarios[i], error);
      if (region->result == NULL)
        {
          g_prefix_error (error, "%s: ", scenarios[i]->region);
          g_ptr_array_unref (b.regions);
          return FALSE;
        }
      region->title = name != NULL && *name != '\0' ? g_strdup_printf ("%s — %s", scenarios[i]->region, name)
                                                    : g_strdup (scenarios[i]->region);
      resolve_reference (region);
    }

  page_header = n_scenarios == 1
                  ? g_strdup_printf (_("Computation workbook — %s %d"),
                                     ((Region *) g_ptr_array_index (b.regions, 0))->title, scenarios[0]->year)
                  : g_strdup_printf (_("Computation workbook — %u regions, %d"), n_scenarios, scenarios[0]->year);
  b.book = trj_xlsx_book_new (path, page_header, error);
  ok = b.book != NULL && write_book (&b, error);

  g_ptr_array_unref (b.regions);
  g_free (b.q_env);
  g_free (b.q_region);
  g_free (b.q_lines);
  g_free (b.q_entries);
  g_free (b.q_compute);
  g_free (b.q_ref);
  g_free (b.q_other);
  return ok;
}
