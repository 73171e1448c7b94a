/* trj-engine.c — MODEL.md sections 2.3, 2.4, 2.6 (availability), 3 and 5
 *
 * A contract line is computed in time linear in the number of months, not in
 * cohorts × months: the State's monthly cost depends only on the month served,
 * so the CP paid in month M+L is state(M) × S(M), where S(M) is the number of
 * contract-equivalents served in M (entries of the ⌊d⌋ previous months, plus
 * the fractional last month of the cohort that entered ⌊d⌋ months earlier).
 * The AE of a cohort is n(E) × Σ_k φ_k state(E+k), read from prefix sums.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "trj-catalog.h"
#include "trj-engine-private.h"
#include "trj-iae.h"
#include "trj-share.h"

G_DEFINE_QUARK (trj-engine-error-quark, trj_engine_error)

static const char *alert_names[TRJ_N_ALERT_CODES] = {
  "RATE_OUT_OF_RANGE",
  "HOURS_OUT_OF_RANGE",
  "DURATION_OUT_OF_RANGE",
  "AE_OVER_ENVELOPE",
  "CP_OVER_ENVELOPE",
  "COFINANCING_BELOW_TARGET",
  "RATE_ABOVE_AVERAGE",
  "FUNGIBILITY_OVER_CEILING",
  "COFINANCING_EXCEEDS_AID",
  "IAE_BELOW_BASE",
  "IAE_ABOVE_BASE",
  "IAE_UNDER_REALISED",
  "ALLOCATION_EXCEEDED",
  "PUBLIC_TARGET_MISSED",
  "RENEWAL_TOO_LONG",
};

static TrjMoneyFormatter money_formatter;
static TrjNumberFormatter number_formatter;

void
trj_engine_set_money_formatter (TrjMoneyFormatter formatter)
{
  money_formatter = formatter;
}

char *
trj_engine_format_money (double euros)
{
  if (money_formatter != NULL)
    return money_formatter (euros);
  return g_strdup_printf ("%.0f €", euros);
}

void
trj_engine_set_number_formatter (TrjNumberFormatter formatter)
{
  number_formatter = formatter;
}

char *
trj_engine_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (number_formatter != NULL)
    return number_formatter (value);
  /* g_ascii_formatd: the C locale's point whatever the process locale. */
  return g_strdelimit (g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value)), ".", ',');
}

const char *
trj_alert_code_to_string (TrjAlertCode code)
{
  g_return_val_if_fail (code < TRJ_N_ALERT_CODES, NULL);
  return alert_names[code];
}

const char *
trj_severity_to_string (TrjSeverity severity)
{
  return severity == TRJ_SEVERITY_INFO ? "info" : "alert";
}

guint
trj_result_count_alerts (const TrjResult *result, int envelope, TrjSeverity severity)
{
  guint n = 0;

  for (guint i = 0; i < result->n_alerts; i++)
    n += result->alerts[i].envelope == envelope && result->alerts[i].severity == severity;
  return n;
}

/* ── Reference values by month ──────────────────────────────────────── */

static void
month_of (int year, int t, int *y, int *m)
{
  int absolute = year * 12 + t;   /* months since year 0, January = 0 */

  *y = absolute / 12;
  *m = absolute % 12 + 1;
}

/* Fills values[t] by walking the months and the (sorted) series together. */
static void
resolve_series (const TrjSeries *series, int year, double *values, gboolean *has)
{
  guint next = 0;
  gboolean found = FALSE;
  double value = 0;

  int y, m;

  month_of (year, TRJ_T_FIRST, &y, &m);
  for (int t = TRJ_T_FIRST; t <= TRJ_T_LAST; t++)
    {
      gint32 first_day = y * 10000 + m * 100 + 1;

      if (++m > 12)
        {
          m = 1;
          y++;
        }
      while (next < series->n_points && series->points[next].from <= first_day)
        {
          value = series->points[next++].value;
          found = TRUE;
        }
      values[TRJ_T (t)] = found ? value : 0;
      has[TRJ_T (t)] = found;
    }
}

/* The first month t (≥ TRJ_T_FIRST) from which a series has a value: series
 * hold their latest value forever, so coverage is one contiguous range. */
static int
first_covered (const gboolean *has)
{
  for (int t = TRJ_T_FIRST; t <= TRJ_T_LAST; t++)
    if (has[TRJ_T (t)])
      return t;
  return TRJ_T_LAST + 1;
}

void
trj_month_table_init (TrjMonthTable *table, const TrjScenario *scenario)
{
  table->year = scenario->year;
  table->cd_share = scenario->reference.cd_share;
  table->weeks_per_month = scenario->reference.weeks_per_month;
  resolve_series (&scenario->reference.smic_hourly, scenario->year, table->smic, table->has_smic);
  resolve_series (&scenario->reference.rsa, scenario->year, table->rsa, table->has_rsa);
  table->first_smic = first_covered (table->has_smic);
  table->first_rsa = first_covered (table->has_rsa);
}

static gboolean
missing_reference (const TrjMonthTable *table, int t, gboolean smic, GError **error)
{
  int y, m;

  month_of (table->year, t, &y, &m);
  g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_REFERENCE,
               smic ? _("No hourly SMIC value is in force on %04d-%02d-01")
                    : _("No RSA amount is in force on %04d-%02d-01"),
               y, m);
  return FALSE;
}

/* ── Figures ────────────────────────────────────────────────────────── */

static void
figures_clear (TrjFigures *f)
{
  memset (f, 0, sizeof *f);
}

static void
figures_add (TrjFigures *into, const TrjFigures *f)
{
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      into->ae[m] += f->ae[m];
      into->cp[m] += f->cp[m];
      into->cp_stock_month[m] += f->cp_stock_month[m];
    }
  into->cp_stock += f->cp_stock;
  into->cp_after_year += f->cp_after_year;
  for (int y = 0; y < TRJ_LATER_YEARS; y++)
    into->cp_after_by_year[y] += f->cp_after_by_year[y];
  into->volume += f->volume;
  into->contract_ae += f->contract_ae;
  into->contract_volume += f->contract_volume;
}

/* Totals, cumulative sums and the AE per contract, from the monthly arrays. */
static void
figures_finish (TrjFigures *f)
{
  double ae = 0, cp = 0;

  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      ae += f->ae[m];
      cp += f->cp[m];
      f->ae_cum[m] = ae;
      f->cp_cum[m] = cp;
    }
  f->ae_total = ae;
  f->cp_total = cp;
  f->ae_per_unit = f->volume > 0 ? ae / f->volume : NAN;
  f->ae_per_contract = f->contract_volume > 0 ? f->contract_ae / f->contract_volume : NAN;
}

/* The later year (0: Y+1) of a month counted from January of Y (≥ 12). */
static inline int
later_year (int month)
{
  return MIN (month / TRJ_MONTHS - 1, TRJ_LATER_YEARS - 1);
}

/* Padding of the cohort arrays: indexes run from −24 (a cohort that entered 24
 * months before the first one) to 12 + 24, so the hot loop needs no bounds tests. */
#define PAD 24
#define PADDED (PAD + TRJ_MONTHS + PAD + 2)

/* Adds to f the payments of cohorts n[E] (E = t0 … t0+11) of one contract line,
 * and for this year's cohorts (t0 = 0) their AE. state[] is the State's monthly
 * cost per contract by month t. This is the hot path of every recompute: the
 * loops run over computed ranges, with no tests inside. */
static gboolean
contract_cohorts (const TrjMonthTable *table, const TrjLine *line, const double *state,
                  const double *n, int t0, TrjFigures *f, GError **error)
{
  const gboolean this_year = t0 == 0;
  const double d = line->duration_months;
  const int whole = (int) floor (d);
  const double frac = d - whole;
  const int lag = line->payment_lag_months;
  const int span = TRJ_MONTHS + whole;          /* months served: t0 … t0 + span − 1 */
  /* cohorts[PAD + j] = n[j] and below[PAD + j] = Σ n[E] for E < j, for the
   * indexes the loops below read: j from −whole to 12 + whole. */
  double cohorts[PADDED];
  double below[PADDED];
  const double *st = state + TRJ_T (t0);
  int in_lo, in_hi;

  /* Months from the first one served must have their reference values. */
  if (t0 < table->first_smic || (line->cofinanced_share > 0 && t0 < table->first_rsa))
    {
      for (int e = 0; e < TRJ_MONTHS; e++)
        if (n[e] != 0)
          {
            if (t0 + e < table->first_smic)
              return missing_reference (table, t0 + e, TRUE, error);
            if (line->cofinanced_share > 0 && t0 + e < table->first_rsa)
              return missing_reference (table, t0 + e, FALSE, error);
            break;
          }
    }

  for (int j = PAD - whole; j <= PAD; j++)
    {
      cohorts[j] = 0;
      below[j] = 0;
    }
  for (int e = 0; e < TRJ_MONTHS; e++)
    {
      cohorts[PAD + e] = n[e];
      below[PAD + e + 1] = below[PAD + e] + n[e];
    }
  for (int j = PAD + TRJ_MONTHS + 1; j <= PAD + span; j++)
    below[j] = below[PAD + TRJ_MONTHS];

  /* Contract-equivalents served in t0 + i: the cohorts of (i − whole, i] in full
   * and the cohort of i − whole for its last fraction of a month. */
#define SERVED(i) (below[PAD + (i) + 1] - below[PAD + (i) - whole + 1] + frac * cohorts[PAD + (i) - whole])

  /* Served in t0 + i, paid in t0 + i + lag: within the year for i in [in_lo, in_hi). */
  in_lo = MAX (0, -(t0 + lag));
  in_hi = MIN (span, TRJ_MONTHS - (t0 + lag));

  if (!this_year)
    {
      /* Last year's cohorts paid this year are the stock; they owe nothing to
       * this year's reste à payer. */
      double stock = 0;

      for (int i = in_lo; i < in_hi; i++)
        {
          double paid = SERVED (i) * st[i];

          f->cp[t0 + i + lag] += paid;
          f->cp_stock_month[t0 + i + lag] += paid;
          stock += paid;
        }
      f->cp_stock += stock;
      return TRUE;
    }

  for (int i = in_lo; i < in_hi; i++)
    f->cp[t0 + i + lag] += SERVED (i) * st[i];
  for (int i = MAX (in_hi, 0); i < span; i++)
    {
      double owed = SERVED (i) * st[i];

      f->cp_after_year += owed;
      f->cp_after_by_year[later_year (i + lag)] += owed;
    }
#undef SERVED

  /* AE of cohort e: n[e] × Σ_k φ_k state(e + k), from prefix sums of state. */
  {
    double cum[TRJ_MONTHS + 25];

    cum[0] = 0;
    for (int i = 0; i < span; i++)
      cum[i + 1] = cum[i] + st[i];
    for (int e = 0; e < TRJ_MONTHS; e++)
      f->ae[e] += n[e] * (cum[e + whole] - cum[e] + frac * st[e + whole]);
  }
  return TRUE;
}

/* The State's monthly cost of one contract for the months t0 … t1. */
static void
contract_state (const TrjMonthTable *table, const TrjLine *line, int t0, int t1, double *state)
{
  const double c = line->cofinanced_share;
  const double per_smic = line->rate * line->weekly_hours * table->weeks_per_month;

  for (int i = TRJ_T (t0); i <= TRJ_T (t1); i++)
    {
      double aid = per_smic * table->smic[i];
      double cofinanced = MAX (0.0, aid - table->cd_share * table->rsa[i]);

      state[i] = (1 - c) * aid + c * cofinanced;
    }
}

static gboolean
contract_line (const TrjMonthTable *table, const TrjLine *line, TrjFigures *f, GError **error)
{
  double state[TRJ_T_COUNT];
  /* The last month a cohort of December can be served in, partial month included. */
  const int last = TRJ_MONTHS + (int) floor (line->duration_months);

  contract_state (table, line, line->has_previous_entries ? TRJ_T_FIRST : 0, last, state);
  if (!contract_cohorts (table, line, state, line->entries, 0, f, error))
    return FALSE;
  if (line->has_previous_entries
      && !contract_cohorts (table, line, state, line->previous_entries, -TRJ_MONTHS, f, error))
    return FALSE;
  f->volume = trj_line_volume (line);
  return TRUE;
}

static gboolean
post_aid_line (const TrjMonthTable *table, const TrjLine *line, TrjFigures *f, GError **error)
{
  const double u = line->unit_amount;
  const double q2 = line->kind == TRJ_KIND_CDI_INCLUSION ? line->second_year_quantity : 0;
  const double socle = u * (line->quantity - q2) + 0.70 * u * q2;
  const double modulated = line->modulation * socle;
  const int e = line->commitment_month;
  const int lag = line->payment_lag_months;
  double cd = 0, weights = 0, months = line->rsa_months;

  /* The département's share for k RSA recipients over m_k months from E. */
  for (int t = e; months > 0 && line->rsa_recipients > 0; t++, months -= 1)
    {
      double share = MIN (1.0, months);

      if (t > TRJ_T_LAST || !table->has_rsa[TRJ_T (t)])
        return missing_reference (table, t, FALSE, error);
      cd += share * table->cd_share * table->rsa[TRJ_T (t)] * line->rsa_recipients;
    }
  /* The département never pays more than the State's socle (MODEL 3). */
  f->cofinancing_asked = cd;
  f->socle = socle;
  cd = MIN (cd, socle);

  f->ae[e] += socle + modulated - cd;
  for (int m = 0; m < TRJ_MONTHS; m++)
    weights += line->payment_profile[m];
  for (int m = 0; m < TRJ_MONTHS && weights > 0; m++)
    {
      double paid = (socle - cd) * line->payment_profile[m] / weights;
      /* The months served before a late convention are paid with its
       * first month, never before the AE (MODEL 3). */
      int p = MAX (m, e) + lag;

      if (p < TRJ_MONTHS)
        f->cp[p] += paid;
      else
        {
          f->cp_after_year += paid;
          f->cp_after_by_year[later_year (p)] += paid;
        }
    }
  /* The modulated part is paid once, in modulation_month of Y+1. */
  f->cp_after_year += modulated;
  f->cp_after_by_year[0] += modulated;
  f->volume = line->quantity;
  return TRUE;
}

static void
free_line (const TrjLine *line, TrjFigures *f)
{
  double paid = 0;

  f->ae[line->commitment_month] += line->ae_amount;
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      f->cp[m] += line->cp_schedule[m];
      paid += line->cp_schedule[m];
    }
  f->cp_after_year = MAX (0.0, line->ae_amount - paid);
  f->cp_after_by_year[0] = f->cp_after_year;
}

gboolean
trj_engine_line_figures (const TrjMonthTable *table, const TrjLine *line, TrjFigures *f, GError **error)
{
  figures_clear (f);
  switch (trj_kind_shape (line->kind))
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      if (!contract_line (table, line, f, error))
        return FALSE;
      f->contract_volume = f->volume;
      break;
    case TRJ_LINE_SHAPE_POST_AID:
      if (!post_aid_line (table, line, f, error))
        return FALSE;
      break;
    case TRJ_LINE_SHAPE_FREE:
      free_line (line, f);
      break;
    default:
      g_assert_not_reached ();
    }
  if (f->contract_volume > 0)
    for (int m = 0; m < TRJ_MONTHS; m++)
      f->contract_ae += f->ae[m];
  figures_finish (f);
  return TRUE;
}

/* ── Partial sums by blocks of lines (issue 17) ─────────────────────── */

/* An envelope's sums are those of its blocks of BLOCK_LINES lines, each the
 * sum of its lines in order: a full recompute and an edit of one line add
 * the same numbers in the same order, so their figures are the same to the
 * last bit, and an edit adds again one block and the envelope's blocks
 * (√n-ish) rather than every line. */
#define BLOCK_LINES 128

/* What the averages of MODEL 3 sum over the contract lines of an envelope
 * (envelope_averages). */
typedef struct {
  double v, r, h, d, c, pv, pc, renewals;
  double publics[TRJ_N_PUBLICS];
  guint given[TRJ_N_PUBLICS];
  guint renewals_given;
} LineSums;

typedef struct {
  TrjFigures f;
  LineSums s;
} Block;

struct _TrjResultBlocks {
  guint n_blocks;
  Block *blocks;
  guint *first_block;     /* by envelope; first_block[n_envelopes] = n_blocks */
  LineSums *envelope;     /* by envelope: Σ of its blocks */
  guint n_envelopes;
};

static void
blocks_free (TrjResultBlocks *blocks)
{
  if (blocks == NULL)
    return;
  g_free (blocks->blocks);
  g_free (blocks->first_block);
  g_free (blocks->envelope);
  g_free (blocks);
}

static void
blocks_reshape (TrjResult *result)
{
  TrjResultBlocks *b = result->blocks;
  guint n = 0;

  if (b == NULL)
    b = result->blocks = g_new0 (TrjResultBlocks, 1);
  if (b->n_envelopes != result->n_envelopes || b->first_block == NULL)
    {
      g_free (b->first_block);
      g_free (b->envelope);
      b->first_block = g_new0 (guint, result->n_envelopes + 1);
      b->envelope = g_new0 (LineSums, MAX (result->n_envelopes, 1));
      b->n_envelopes = result->n_envelopes;
    }
  for (guint e = 0; e < result->n_envelopes; e++)
    {
      b->first_block[e] = n;
      n += (result->envelopes[e].n_lines + BLOCK_LINES - 1) / BLOCK_LINES;
    }
  b->first_block[result->n_envelopes] = n;
  if (n != b->n_blocks || b->blocks == NULL)
    {
      g_free (b->blocks);
      b->blocks = g_new0 (Block, MAX (n, 1));
      b->n_blocks = n;
    }
}

/* ── Results ────────────────────────────────────────────────────────── */

TrjResult *
trj_result_new (const TrjScenario *scenario)
{
  TrjResult *result = g_new0 (TrjResult, 1);

  trj_result_reshape (result, scenario);
  return result;
}

void
trj_result_reshape (TrjResult *result, const TrjScenario *scenario)
{
  guint n_lines = trj_scenario_n_lines (scenario);
  guint n_envelopes = scenario->envelopes->len;
  guint first = 0;
  guint n_allocations = 0;

  if (n_envelopes != result->n_envelopes)
    {
      g_free (result->envelopes);
      result->envelopes = g_new0 (TrjEnvelopeResult, n_envelopes);
      result->n_envelopes = n_envelopes;
    }
  if (n_lines != result->n_lines)
    {
      g_free (result->lines);
      result->lines = g_new0 (TrjLineResult, n_lines);
      result->n_lines = n_lines;
    }
  /* At most four range alerts a contract line (three a post-aid line:
   * COFINANCING_EXCEEDS_AID, its base and its realised ETP), four alerts an
   * envelope and one a public, one region-wide. */
  for (guint i = 0; i < n_envelopes; i++)
    n_allocations += trj_envelope_n_allocations (g_ptr_array_index (scenario->envelopes, i));
  /* And one a DDETS allocation (issue 16). */
  if (result->alerts_capacity < 4 * n_lines + (4 + TRJ_N_PUBLICS) * n_envelopes + 1 + n_allocations)
    {
      result->alerts_capacity = 4 * n_lines + (4 + TRJ_N_PUBLICS) * n_envelopes + 1 + n_allocations;
      result->alerts = g_renew (TrjAlert, result->alerts, result->alerts_capacity);
    }
  for (guint i = 0; i < n_envelopes; i++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, i);

      result->envelopes[i].first_line = first;
      result->envelopes[i].n_lines = env->lines->len;
      first += env->lines->len;
    }
  blocks_reshape (result);
  result->n_alerts = 0;
}

void
trj_result_free (TrjResult *result)
{
  if (result == NULL)
    return;
  g_free (result->envelopes);
  g_free (result->lines);
  g_free (result->alerts);
  blocks_free (result->blocks);
  g_free (result);
}

const TrjLineResult *
trj_result_line (const TrjResult *result, guint envelope, guint line)
{
  g_return_val_if_fail (envelope < result->n_envelopes, NULL);
  g_return_val_if_fail (line < result->envelopes[envelope].n_lines, NULL);
  return &result->lines[result->envelopes[envelope].first_line + line];
}

static void
add_alert (TrjResult *result, TrjAlertCode code, int envelope, int line,
           double value, double lo, double hi)
{
  TrjAlert *alert;

  g_return_if_fail (result->n_alerts < result->alerts_capacity);
  alert = &result->alerts[result->n_alerts++];
  *alert = (TrjAlert) { 0 };
  alert->code = code;
  alert->envelope = envelope;
  alert->line = line;
  alert->value = value;
  alert->limit_lo = lo;
  alert->limit_hi = hi;
}

/* ── Fungibility (MODEL 2.6) ────────────────────────────────────────── */

/* The envelopes whose notified AE form the initiatives territoriales base. */
static gboolean
is_fie_programme (const char *envelope_id)
{
  const TrjCatalogEnvelope *env = trj_catalog_envelope (envelope_id);

  return env != NULL && env->territorial_base;
}

double
trj_fungibility_territorial_ceiling (const TrjScenario *scenario, const TrjRules *rules)
{
  double base = 0;

  if (rules == NULL)
    return 0;
  for (guint i = 0; i < scenario->envelopes->len; i++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, i);
      if (is_fie_programme (env->id))
        base += env->ae_notified;
    }
  return rules->territorial_ceiling_share * base;
}

static double
cie_to_pec_cp (const TrjScenario *scenario)
{
  const TrjFungibility *fu = &scenario->fungibility;
  const TrjEnvelope *cie;

  if (fu->has_cie_jeunes_to_pec_cp)
    return fu->cie_jeunes_to_pec_cp;
  cie = trj_scenario_find_envelope (scenario, trj_catalog_transfer_source ());
  if (cie == NULL || cie->ae_notified <= 0)
    return 0;
  return fu->cie_jeunes_to_pec_ae * cie->cp_notified / cie->ae_notified;
}

gboolean
trj_fungibility_validate (const TrjScenario *scenario, const TrjRules *rules, GError **error)
{
  const TrjFungibility *fu = &scenario->fungibility;
  const TrjEnvelope *cie = trj_scenario_find_envelope (scenario, trj_catalog_transfer_source ());

  if (fu->cie_jeunes_to_pec_ae < 0 || fu->cie_jeunes_to_pec_cp < 0)
    {
      g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY,
                           _("Fungibility only goes from CIE jeunes to PEC: moving credits from PEC to CIE jeunes is not allowed"));
      return FALSE;
    }
  if (fu->cie_jeunes_to_pec_ae > 0 && (cie == NULL || trj_scenario_find_envelope (scenario, trj_catalog_transfer_target ()) == NULL))
    {
      g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY,
                           _("Moving credits from CIE jeunes to PEC needs both envelopes"));
      return FALSE;
    }
  if (cie != NULL && fu->cie_jeunes_to_pec_ae > cie->ae_notified)
    {
      g_autofree char *moved = trj_engine_format_money (fu->cie_jeunes_to_pec_ae);
      g_autofree char *notified = trj_engine_format_money (cie->ae_notified);

      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY,
                   _("Cannot move %s of AE from CIE jeunes: its envelope has only %s notified"),
                   moved, notified);
      return FALSE;
    }
  if (cie != NULL && cie_to_pec_cp (scenario) > cie->cp_notified)
    {
      g_autofree char *moved = trj_engine_format_money (cie_to_pec_cp (scenario));
      g_autofree char *notified = trj_engine_format_money (cie->cp_notified);

      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY,
                   _("Cannot move %s of CP from CIE jeunes: its envelope has only %s notified"),
                   moved, notified);
      return FALSE;
    }
  if (fu->initiatives_territoriales_ae < 0)
    {
      g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY,
                           _("The amount for initiatives territoriales cannot be negative"));
      return FALSE;
    }
  if (rules != NULL
      && fu->initiatives_territoriales_ae > trj_fungibility_territorial_ceiling (scenario, rules) + 1e-6)
    {
      g_autofree char *ceiling = trj_engine_format_money (trj_fungibility_territorial_ceiling (scenario, rules));
      g_autofree char *amount = trj_engine_format_money (fu->initiatives_territoriales_ae);
      /* "0,44": the French decimal comma, as every figure on screen. */
      g_autofree char *share = trj_engine_format_number (rules->territorial_ceiling_share * 100);

      g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY,
                   _("Initiatives territoriales are limited to %s %% of the AE notified, that is %s: %s is above the ceiling"),
                   share, ceiling, amount);
      return FALSE;
    }
  return TRUE;
}

const char *
trj_fungibility_territorial_source (const TrjScenario *scenario)
{
  const char *source = scenario->fungibility.initiatives_territoriales_source;

  return source != NULL ? source : trj_catalog_transfer_target ();
}

/* Notified AE and CP of an envelope after the fungibility moves (MODEL 2.6)
 * and what it lends to free lines funded from its margins (MODEL 3). */
static void
available (const TrjScenario *scenario, const TrjEnvelope *env, const TrjEnvelopeResult *er,
           double *ae, double *cp)
{
  const TrjFungibility *fu = &scenario->fungibility;
  const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);

  *ae = env->ae_notified - er->ae_lent;
  *cp = env->cp_notified - er->cp_lent;
  if (g_strcmp0 (env->id, trj_fungibility_territorial_source (scenario)) == 0)
    *ae -= fu->initiatives_territoriales_ae;
  if (known == NULL)
    return;
  if (known->transfer_target)
    {
      *ae += fu->cie_jeunes_to_pec_ae;
      *cp += cie_to_pec_cp (scenario);
    }
  else if (known->transfer_source)
    {
      *ae -= fu->cie_jeunes_to_pec_ae;
      *cp -= cie_to_pec_cp (scenario);
    }
}

/* A free line funded from another envelope's margins moves its AE and CP
 * from that envelope's available to its own, so that its own envelope (FDI,
 * which has no credits) shows no overrun and the lender's margin pays it. */
static void
lend_to_funded_lines (const TrjScenario *scenario, TrjResult *result)
{
  guint index = 0;

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      result->envelopes[e].ae_lent = 0;
      result->envelopes[e].cp_lent = 0;
    }
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++, index++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          const TrjFigures *lf = &result->lines[index].f;

          if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_FREE || line->funded_from == NULL
              || g_str_equal (line->funded_from, env->id))
            continue;
          for (guint f = 0; f < scenario->envelopes->len; f++)
            if (g_str_equal (((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, f))->id,
                             line->funded_from))
              {
                result->envelopes[f].ae_lent += lf->ae_total;
                result->envelopes[f].cp_lent += lf->cp_total;
                result->envelopes[e].ae_lent -= lf->ae_total;
                result->envelopes[e].cp_lent -= lf->cp_total;
              }
        }
    }
}

/* ── Alerts (MODEL 5) ───────────────────────────────────────────────── */

static const TrjKindRules *
rules_for (const TrjRules *rules, TrjLineKind kind, TrjZone zone)
{
  if (rules == NULL || trj_kind_shape (kind) != TRJ_LINE_SHAPE_CONTRACT)
    return NULL;
  /* The ranges are the year's data by kind (which gives CIE tous publics the
   * PEC ranges of its zone, trj-year-data.c). */
  return &rules->contract[kind][zone];
}

static gboolean
outside (double v, double lo, double hi)
{
  /* A tolerance well below display precision keeps 0.30 typed as 30 % inside [0.30, …]. */
  return v < lo - 1e-9 || v > hi + 1e-9;
}

/* MODEL 3.1 and 3.2: a structure's ETP against its conventionnement base,
 * and its realised ETP at the ASP's alert months. Neither needs the year's
 * rules: they are the circular's. */
static void
iae_alerts (TrjResult *result, int e, int l, const TrjLine *line)
{
  guint needs = trj_iae_needs (line);
  int T = trj_iae_last_month (line), alert_month = trj_iae_alert_month (T);
  double base;

  if (needs != 0 && trj_iae_base (line, &base))
    {
      add_alert (result, (needs & TRJ_IAE_NEEDS_DECREASE) ? TRJ_ALERT_IAE_BELOW_BASE : TRJ_ALERT_IAE_ABOVE_BASE,
                 e, l, line->quantity, base, line->conventionne_previous);
      result->alerts[result->n_alerts - 1].needs = needs;
    }
  /* The ASP's alert is stated with the data of its month, and stays until
   * the next one. */
  if (alert_month > 0 && line->quantity > 0)
    {
      double projected = trj_iae_projected (line, alert_month);

      if (projected < TRJ_IAE_REALISED_TOLERANCE * line->quantity - 1e-9)
        {
          add_alert (result, TRJ_ALERT_IAE_UNDER_REALISED, e, l, projected,
                     TRJ_IAE_REALISED_TOLERANCE * line->quantity, line->quantity);
          result->alerts[result->n_alerts - 1].month = alert_month;
        }
    }
}

static void
line_alerts (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result,
             int e, int l, const TrjLine *line, const TrjFigures *lf)
{
  const TrjKindRules *kr = rules_for (rules, line->kind, scenario->zone);
  guint first;

  /* The model's cap, not a rule of the year: it fires without rules. */
  if (lf->cofinancing_asked > lf->socle + TRJ_OVERRUN_EPSILON)
    add_alert (result, TRJ_ALERT_COFINANCING_EXCEEDS_AID, e, l, lf->cofinancing_asked, 0, lf->socle);
  if (trj_catalog_kind (line->kind)->iae)
    iae_alerts (result, e, l, line);
  if (kr == NULL)
    return;
  first = result->n_alerts;
  if (outside (line->rate, kr->rate_min, kr->rate_max))
    add_alert (result, TRJ_ALERT_RATE_OUT_OF_RANGE, e, l, line->rate, kr->rate_min, kr->rate_max);
  if (outside (line->weekly_hours, kr->hours_min, kr->hours_max))
    add_alert (result, TRJ_ALERT_HOURS_OUT_OF_RANGE, e, l, line->weekly_hours, kr->hours_min, kr->hours_max);
  if (outside (line->duration_months, kr->duration_min, kr->duration_max))
    add_alert (result, TRJ_ALERT_DURATION_OUT_OF_RANGE, e, l, line->duration_months,
               kr->duration_min, kr->duration_max);
  /* MODEL 2.8: a renewal lasts at most 12 months (Fiche 1 §2.2); the
   * parcours's 24 months are the duration's hard limit. */
  if (line->has_renewal_share && line->renewal_share > 0 && rules->renewal_max_months > 0
      && line->duration_months > rules->renewal_max_months + 1e-9)
    add_alert (result, TRJ_ALERT_RENEWAL_TOO_LONG, e, l, line->duration_months, 0,
               rules->renewal_max_months);
  /* A justified line outside the ranges is an exceptional request. */
  if (line->exception_reason != NULL && *line->exception_reason != '\0')
    for (guint a = first; a < result->n_alerts; a++)
      result->alerts[a].exception_requested = TRUE;
}

/* What one contract line adds to its envelope's averages; target_kind: the
 * kind whose cofinancing the envelope's target is on (the catalogue's
 * rules_index: the 15 % target is on PEC, not CIE tous publics). */
static void
line_sums_add (LineSums *s, const TrjLine *line, int target_kind)
{
  double n;

  if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
    return;
  n = trj_line_volume (line);
  s->v += n;
  s->r += n * line->rate;
  s->h += n * line->weekly_hours;
  s->d += n * line->duration_months;
  s->c += n * line->cofinanced_share;
  /* MODEL 2.8: a line that gives no share counts 0 for that public. */
  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    if (line->has_public[p])
      {
        s->publics[p] += n * line->publics[p];
        s->given[p]++;
      }
  if (line->has_renewal_share)
    {
      s->renewals += n * line->renewal_share;
      s->renewals_given++;
    }
  if ((int) line->kind == target_kind)
    {
      s->pv += n;
      s->pc += n * line->cofinanced_share;
    }
}

static void
line_sums_merge (LineSums *into, const LineSums *s)
{
  into->v += s->v;
  into->r += s->r;
  into->h += s->h;
  into->d += s->d;
  into->c += s->c;
  into->pv += s->pv;
  into->pc += s->pc;
  into->renewals += s->renewals;
  into->renewals_given += s->renewals_given;
  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    {
      into->publics[p] += s->publics[p];
      into->given[p] += s->given[p];
    }
}

/* Volume-weighted averages of the contract lines of an envelope, from their
 * sums, and the cofinancing of the lines of the target kind. */
static void
envelope_averages (const LineSums *s, TrjEnvelopeResult *er, double *pec_cofinancing,
                   double *pec_volume, double *contract_volume)
{
  const double v = s->v;

  er->avg_rate = v > 0 ? s->r / v : NAN;
  er->avg_hours = v > 0 ? s->h / v : NAN;
  er->avg_duration = v > 0 ? s->d / v : NAN;
  er->avg_cofinancing = v > 0 ? s->c / v : NAN;
  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    er->public_share[p] = v > 0 && s->given[p] > 0 ? s->publics[p] / v : NAN;
  er->renewal_share = v > 0 && s->renewals_given > 0 ? s->renewals / v : NAN;
  *pec_volume = s->pv;
  *contract_volume = v;
  *pec_cofinancing = s->pv > 0 ? s->pc / s->pv : NAN;
}

static int
target_kind_of (const TrjEnvelope *env)
{
  const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);

  return known != NULL ? known->rules_index : -1;
}

static void
envelope_alerts (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result,
                 int e, const TrjEnvelope *env, double pec_cofinancing, double pec_volume,
                 double contract_volume)
{
  TrjEnvelopeResult *er = &result->envelopes[e];
  const TrjCatalogEnvelope *known;
  const TrjKindRules *kr = NULL;

  if (er->ae_margin < -TRJ_OVERRUN_EPSILON)
    add_alert (result, TRJ_ALERT_AE_OVER_ENVELOPE, e, -1, er->f.ae_total, 0, er->ae_available);
  if (er->cp_margin < -TRJ_OVERRUN_EPSILON)
    add_alert (result, TRJ_ALERT_CP_OVER_ENVELOPE, e, -1, er->cp_available - er->cp_margin, 0,
               er->cp_available);
  if (rules == NULL)
    return;

  if ((known = trj_catalog_envelope (env->id)) != NULL && known->rules_index >= 0)
    kr = &rules->contract[known->rules_index][scenario->zone];
  if (kr == NULL)
    return;

  if (pec_volume > 0 && kr->cofinancing_target > 0 && pec_cofinancing < kr->cofinancing_target - 1e-9)
    add_alert (result, TRJ_ALERT_COFINANCING_BELOW_TARGET, e, -1, pec_cofinancing,
               kr->cofinancing_target, 1);
  /* MODEL 2.8: each public's share of the entries against the year's target,
   * once a line of the envelope gives it. */
  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    if (rules->public_target[p] > 0 && !isnan (er->public_share[p])
        && er->public_share[p] < rules->public_target[p] - 1e-9)
      {
        TrjAlert *alert = &result->alerts[result->n_alerts];

        add_alert (result, TRJ_ALERT_PUBLIC_TARGET_MISSED, e, -1, er->public_share[p],
                   rules->public_target[p], 1);
        alert->public_ = p;
      }
  /* Above the average, the envelope funds fewer contracts: that is an
   * information giving the capacity at that rate, and an alert only when the
   * programmed volume exceeds it (MODEL 5). */
  if (!isnan (er->avg_rate) && er->avg_rate > kr->rate_avg + rules->average_tolerance + 1e-9)
    {
      TrjAlert *alert = &result->alerts[result->n_alerts];

      add_alert (result, TRJ_ALERT_RATE_ABOVE_AVERAGE, e, -1, er->avg_rate, 0, kr->rate_avg);
      alert->volume = contract_volume;
      alert->capacity = er->capacity;
      alert->severity = !isnan (er->capacity) && contract_volume > er->capacity + 1e-9
                          ? TRJ_SEVERITY_ALERT : TRJ_SEVERITY_INFO;
    }
}

/* Issue 16: each allocation of the envelope against the lines it covers. */
static void
allocation_alerts (const TrjScenario *scenario, TrjResult *result, int e, const TrjEnvelope *env)
{
  for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
    {
      const TrjAllocation *allocation = g_ptr_array_index (env->allocations, a);
      TrjAllocationFigures f;
      TrjAlert *alert = &result->alerts[result->n_alerts];

      trj_allocation_figures (scenario, result, e, a, &f);
      if (!trj_allocation_ae_exceeded (allocation, &f) && !trj_allocation_volume_exceeded (allocation, &f))
        continue;
      add_alert (result, TRJ_ALERT_ALLOCATION_EXCEEDED, e, -1, f.ae, 0, allocation->ae);
      alert->volume = f.volume;
      alert->capacity = allocation->volume;
      alert->allocation = (int) a;
    }
}

/* ── The computation ────────────────────────────────────────────────── */

/* Block b of envelope e: the sums of its lines, in order. */
static void
block_sum (const TrjScenario *scenario, TrjResult *result, guint e, guint b)
{
  const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
  const TrjEnvelopeResult *er = &result->envelopes[e];
  Block *block = &result->blocks->blocks[result->blocks->first_block[e] + b];
  const int target_kind = target_kind_of (env);
  guint l1 = MIN ((b + 1) * BLOCK_LINES, env->lines->len);

  memset (block, 0, sizeof *block);
  for (guint l = b * BLOCK_LINES; l < l1; l++)
    {
      figures_add (&block->f, &result->lines[er->first_line + l].f);
      line_sums_add (&block->s, g_ptr_array_index (env->lines, l), target_kind);
    }
}

/* Envelope e from its blocks: its sums, availability, margins, capacity and
 * averages (what its alerts read). */
static void
envelope_sum (const TrjScenario *scenario, TrjResult *result, guint e)
{
  const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
  TrjEnvelopeResult *er = &result->envelopes[e];
  TrjResultBlocks *blocks = result->blocks;
  LineSums *sums = &blocks->envelope[e];
  double pec_cofinancing, pec_volume, contract_volume, cp_counted, other_ae;

  figures_clear (&er->f);
  memset (sums, 0, sizeof *sums);
  for (guint b = blocks->first_block[e]; b < blocks->first_block[e + 1]; b++)
    {
      figures_add (&er->f, &blocks->blocks[b].f);
      line_sums_merge (sums, &blocks->blocks[b].s);
    }
  /* Last year's modulated IAE part is paid in April of Y. */
  if (env->previous_modulation_cp != 0)
    {
      er->f.cp[3] += env->previous_modulation_cp;
      er->f.cp_stock_month[3] += env->previous_modulation_cp;
      er->f.cp_stock += env->previous_modulation_cp;
    }
  figures_finish (&er->f);

  available (scenario, env, er, &er->ae_available, &er->cp_available);
  cp_counted = env->cp_notified_includes_stock ? er->f.cp_total : er->f.cp_total - er->f.cp_stock;
  er->ae_margin = er->ae_available - er->f.ae_total;
  er->cp_margin = er->cp_available - cp_counted;
  er->ae_consumption = er->ae_available != 0 ? er->f.ae_total / er->ae_available : NAN;
  er->cp_consumption = er->cp_available != 0 ? cp_counted / er->cp_available : NAN;
  /* Contracts are funded by what the envelope's other lines leave (MODEL 3).
   * The small epsilon keeps an exact fit (1 236 contracts) from flooring to 1 235. */
  other_ae = er->f.ae_total - er->f.contract_ae;
  er->capacity = (!isnan (er->f.ae_per_contract) && er->f.ae_per_contract > 0)
                   ? floor ((er->ae_available - other_ae) / er->f.ae_per_contract + 1e-9)
                   : NAN;
  envelope_averages (sums, er, &pec_cofinancing, &pec_volume, &contract_volume);
}

/* The alerts of envelope e itself (line −1), after envelope_sum. */
static void
envelope_level_alerts (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result, guint e)
{
  const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
  const LineSums *sums = &result->blocks->envelope[e];
  double pec_cofinancing = sums->pv > 0 ? sums->pc / sums->pv : NAN;

  envelope_alerts (scenario, rules, result, e, env, pec_cofinancing, sums->pv, sums->v);
  allocation_alerts (scenario, result, e, env);
}

/* The region's sums from its envelopes', and the region-wide alert (last). */
static void
region_sum (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result)
{
  int source = -1;

  figures_clear (&result->region);
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      figures_add (&result->region, &result->envelopes[e].f);
      if (g_strcmp0 (env->id, trj_fungibility_territorial_source (scenario)) == 0)
        source = e;
    }
  figures_finish (&result->region);

  result->territorial_ceiling = trj_fungibility_territorial_ceiling (scenario, rules);
  if (rules != NULL && scenario->fungibility.initiatives_territoriales_ae > result->territorial_ceiling + 1e-6)
    add_alert (result, TRJ_ALERT_FUNGIBILITY_OVER_CEILING, source, -1,
               scenario->fungibility.initiatives_territoriales_ae, 0, result->territorial_ceiling);
}

/* Everything after the lines' own figures: what funded lines lend, the
 * blocks', envelopes' and region's sums, their availability and margins, and
 * every alert, from result->lines. */
static void
compute_totals (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result)
{
  result->n_alerts = 0;
  lend_to_funded_lines (scenario, result);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
      const TrjEnvelopeResult *er = &result->envelopes[e];

      for (guint b = 0; b < result->blocks->first_block[e + 1] - result->blocks->first_block[e]; b++)
        block_sum (scenario, result, e, b);
      envelope_sum (scenario, result, e);
      for (guint l = 0; l < env->lines->len; l++)
        line_alerts (scenario, rules, result, e, l, g_ptr_array_index (env->lines, l),
                     &result->lines[er->first_line + l].f);
      envelope_level_alerts (scenario, rules, result, e);
    }
  region_sum (scenario, rules, result);
}

/* Alerts are in the order compute_totals adds them: envelope by envelope,
 * each line's in the order of the lines, then the envelope's own (line −1);
 * the region-wide one last. The first alert at or after (e, line) in that
 * order, among the first n. */
static guint
alerts_lower_bound (const TrjResult *result, guint n, int e, int line)
{
  gint64 key = (gint64) e * ((gint64) G_MAXINT + 1) + (line >= 0 ? line : G_MAXINT);
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const TrjAlert *a = &result->alerts[mid];
      gint64 k = (gint64) a->envelope * ((gint64) G_MAXINT + 1) + (a->line >= 0 ? a->line : G_MAXINT);

      if (k < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Replaces the alerts of (e, line) (line −1: the envelope's own) by those
 * `add` makes. */
static gboolean
replace_alerts (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result,
                int e, int line, guint capacity)
{
  g_autofree TrjAlert *fresh = g_new (TrjAlert, capacity);
  TrjResult scratch = *result;
  guint from = alerts_lower_bound (result, result->n_alerts, e, line);
  guint to = from;

  while (to < result->n_alerts && result->alerts[to].envelope == e
         && (line >= 0 ? result->alerts[to].line == line : result->alerts[to].line < 0))
    to++;
  /* Made in a scratch copy of the result: same figures, its own alerts. */
  scratch.alerts = fresh;
  scratch.n_alerts = 0;
  scratch.alerts_capacity = capacity;
  if (line >= 0)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      line_alerts (scenario, rules, &scratch, e, line, g_ptr_array_index (env->lines, line),
                   &result->lines[result->envelopes[e].first_line + line].f);
    }
  else
    envelope_level_alerts (scenario, rules, &scratch, e);
  g_return_val_if_fail (result->n_alerts - (to - from) + scratch.n_alerts <= result->alerts_capacity, FALSE);
  memmove (&result->alerts[from + scratch.n_alerts], &result->alerts[to],
           (result->n_alerts - to) * sizeof (TrjAlert));
  memcpy (&result->alerts[from], fresh, scratch.n_alerts * sizeof (TrjAlert));
  result->n_alerts = result->n_alerts - (to - from) + scratch.n_alerts;
  return TRUE;
}

/* A free line funded from another envelope's margins changes that
 * envelope's available AE (lend_to_funded_lines). */
static gboolean
lends (const TrjLine *line, const TrjEnvelope *env)
{
  return trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_FREE && line->funded_from != NULL
         && !g_str_equal (line->funded_from, env->id);
}

gboolean
trj_engine_compute (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result, GError **error)
{
  TrjMonthTable table;
  guint index = 0;

  g_return_val_if_fail (result->n_envelopes == scenario->envelopes->len, FALSE);
  g_return_val_if_fail (result->n_lines == trj_scenario_n_lines (scenario), FALSE);

  trj_month_table_init (&table, scenario);
  figures_clear (&result->region);
  result->n_alerts = 0;

  /* Every line first: a free line funded from another envelope changes
   * that envelope's available AE (lend_to_funded_lines). */
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++, index++)
        if (!trj_engine_line_figures (&table, g_ptr_array_index (env->lines, l),
                                      &result->lines[index].f, error))
          {
            g_prefix_error (error, "envelopes[%u].lines[%u]: ", e, l);
            return FALSE;
          }
    }
  compute_totals (scenario, rules, result);
  return TRUE;
}

gboolean
trj_engine_compute_line (const TrjScenario *scenario, const TrjRules *rules, TrjResult *result,
                         guint envelope, guint line, const TrjLine *before, GError **error)
{
  TrjMonthTable table;
  const TrjEnvelope *env;
  const TrjLine *edited;

  g_return_val_if_fail (result->n_envelopes == scenario->envelopes->len, FALSE);
  g_return_val_if_fail (result->n_lines == trj_scenario_n_lines (scenario), FALSE);
  g_return_val_if_fail (envelope < scenario->envelopes->len, FALSE);
  env = g_ptr_array_index (scenario->envelopes, envelope);
  g_return_val_if_fail (line < env->lines->len && result->envelopes[envelope].n_lines == env->lines->len, FALSE);
  edited = g_ptr_array_index (env->lines, line);

  trj_month_table_init (&table, scenario);
  if (!trj_engine_line_figures (&table, edited,
                                &result->lines[result->envelopes[envelope].first_line + line].f, error))
    {
      g_prefix_error (error, "envelopes[%u].lines[%u]: ", envelope, line);
      return FALSE;
    }
  if (before == NULL || lends (before, env) || lends (edited, env))
    {
      compute_totals (scenario, rules, result);
      return TRUE;
    }
  block_sum (scenario, result, envelope, line / BLOCK_LINES);
  envelope_sum (scenario, result, envelope);

  /* The region-wide alert is last: made again after the envelope's. */
  if (result->n_alerts > 0 && result->alerts[result->n_alerts - 1].code == TRJ_ALERT_FUNGIBILITY_OVER_CEILING)
    result->n_alerts--;
  /* At most 7 alerts a line (line_alerts); an envelope's: envelope_alerts
   * and one an allocation. */
  if (!replace_alerts (scenario, rules, result, envelope, line, 8) ||
      !replace_alerts (scenario, rules, result, envelope, -1,
                       4 + TRJ_N_PUBLICS + trj_envelope_n_allocations (env)))
    {
      compute_totals (scenario, rules, result);
      return TRUE;
    }
  region_sum (scenario, rules, result);
  return TRUE;
}
