/* test-engine.c — the contrats aidés model of MODEL.md 2 and 5, against figures
 * computed by hand from the 2024 reference values (section 6).
 *
 * Hand computations used below (weeks per month = 52/12):
 *   aid at 50 %, 25 h, SMIC 11.65 = 0.5 × 11.65 × 25 × 52/12 = 631.041666…
 *   aid at 50 %, 25 h, SMIC 11.88 (from November 2024)     = 643.5
 *   aid at 50 %, 25 h, SMIC 11.52 (2023, from May)         = 624.0
 */
#include <math.h>
#include <string.h>

#include "trj-engine.h"
#include "trj-year-data.h"

#define AID_1165 (0.5 * 11.65 * 25 * 52.0 / 12.0)
#define AID_1188 643.5
#define AID_1152 624.0

static const TrjYearData *
year_data (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

/* A metropole scenario with one PEC_CIE_TP envelope holding one PEC line. */
static TrjScenario *
one_line_scenario (double rate, double hours, double duration, double cofinanced, int lag)
{
  TrjScenario *s = trj_scenario_new ();
  TrjEnvelope *env = trj_envelope_new ("PEC_CIE_TP");
  TrjLine *line = trj_line_new ("l1", TRJ_KIND_PEC);

  s->year = 2024;
  s->region = g_strdup ("Bretagne");
  s->zone = TRJ_ZONE_METROPOLE;
  trj_year_data_reference (year_data (), TRJ_ZONE_METROPOLE, &s->reference);
  line->rate = rate;
  line->weekly_hours = hours;
  line->duration_months = duration;
  line->cofinanced_share = cofinanced;
  line->payment_lag_months = lag;
  g_ptr_array_add (env->lines, line);
  env->ae_notified = 1e9;
  env->cp_notified = 1e9;
  g_ptr_array_add (s->envelopes, env);
  return s;
}

static TrjLine *
first_line (TrjScenario *s)
{
  return g_ptr_array_index (((TrjEnvelope *) g_ptr_array_index (s->envelopes, 0))->lines, 0);
}

static TrjResult *
compute (const TrjScenario *s, const TrjRules *rules)
{
  g_autoptr(GError) error = NULL;
  TrjResult *r = trj_result_new (s);

  g_assert_true (trj_scenario_validate (s, &error));
  g_assert_no_error (error);
  g_assert_true (trj_engine_compute (s, rules, r, &error));
  g_assert_no_error (error);
  return r;
}

/* One contract of 9.9 months entering in March, lag 1: served March … November in
 * full, December for 0.9; the November SMIC change applies to November and
 * December; December's 0.9 month is paid in January 2025. */
static void
test_contract_march (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 9.9, 0, 1);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;
  const double expected_cp[12] = { 0, 0, 0, AID_1165, AID_1165, AID_1165, AID_1165, AID_1165,
                                    AID_1165, AID_1165, AID_1165, AID_1188 };

  first_line (s)->entries[2] = 1;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;

  for (int m = 0; m < 12; m++)
    {
      g_assert_cmpfloat_with_epsilon (f->cp[m], expected_cp[m], 1e-9);
      g_assert_cmpfloat_with_epsilon (f->ae[m], m == 2 ? 8 * AID_1165 + AID_1188 + 0.9 * AID_1188 : 0, 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (f->ae_total, 6270.983333333333, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_total, 8 * AID_1165 + AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_after_year, 0.9 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_after_by_year[0], 0.9 * AID_1188, 1e-9);
  g_assert_cmpfloat (f->cp_after_by_year[1], ==, 0);
  g_assert_cmpfloat (f->cp_after_by_year[2], ==, 0);
  g_assert_cmpfloat_with_epsilon (f->cp_cum[11], f->cp_total, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->ae_cum[1], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (f->ae_cum[2], f->ae_total, 1e-9);
  g_assert_cmpfloat (f->volume, ==, 1);
  g_assert_cmpfloat_with_epsilon (f->ae_per_contract, f->ae_total, 1e-9);
  g_assert_cmpfloat (f->cp_stock, ==, 0);
}

/* Entering in November for 3 months: November and December 2024 and January
 * 2025 at the November SMIC; with lag 1, December is paid in 2024 and the rest
 * after the year. */
static void
test_contract_crossing_december (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 3, 0, 1);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  first_line (s)->entries[10] = 2;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat_with_epsilon (f->ae[10], 2 * 3 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp[10], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (f->cp[11], 2 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_total, 2 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_after_year, 2 * 2 * AID_1188, 1e-9);
}

/* A longer lag pushes payments into the next year: 6 months, 12 months of aid
 * entering in December. */
static void
test_lag_six (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 12, 0, 6);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  first_line (s)->entries[0] = 1;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  /* Served January … December; January … June paid July … December. */
  for (int m = 0; m < 6; m++)
    g_assert_cmpfloat_with_epsilon (f->cp[m], 0, 1e-12);
  for (int m = 6; m < 12; m++)
    g_assert_cmpfloat_with_epsilon (f->cp[m], AID_1165, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_after_year, 4 * AID_1165 + 2 * AID_1188, 1e-9);
}

/* The RSA changes on 1 April 2024 (607.75 → 635.71); a fully cofinanced contract
 * at 100 %, 35 h: the State pays the aid less 88 % of the RSA. */
static void
test_rsa_april_cofinancing (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (1.0, 35, 2, 1.0, 0);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;
  const double aid = 11.65 * 35 * 52.0 / 12.0;    /* 1 766.916… */

  first_line (s)->entries[2] = 1;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat_with_epsilon (f->cp[2], aid - 0.88 * 607.75, 1e-9);   /* 1 232.096… */
  g_assert_cmpfloat_with_epsilon (f->cp[3], aid - 0.88 * 635.71, 1e-9);   /* 1 207.491… */
  g_assert_cmpfloat_with_epsilon (f->ae_total, 2439.588533333333, 1e-6);
}

/* 30 %, 20 h: the aid (302.9 €) is below 88 % of the RSA (559.42 €), so the
 * cofinanced half costs the State nothing (floored at 0, never negative). */
static void
test_cofinancing_floor (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.3, 20, 1, 0.5, 0);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  first_line (s)->entries[5] = 1;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat_with_epsilon (f->ae_total, 0.5 * 0.3 * 11.65 * 20 * 52.0 / 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->ae_total, 151.45, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp[5], 151.45, 1e-9);
}

/* Last year's cohort (December 2023, 3 months, lag 1): paid in January (at the
 * 2023 SMIC), February and March 2024; counted in cp_stock, never in AE. */
static void
test_previous_year_stock (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 3, 0, 1);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;
  TrjLine *line = first_line (s);

  line->has_previous_entries = TRUE;
  line->previous_entries[11] = 1;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat_with_epsilon (f->cp[0], AID_1152, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp[1], AID_1165, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp[2], AID_1165, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_stock, AID_1152 + 2 * AID_1165, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_total, f->cp_stock, 1e-9);
  g_assert_cmpfloat (f->ae_total, ==, 0);
  g_assert_cmpfloat (f->cp_after_year, ==, 0);
  g_assert_true (isnan (f->ae_per_contract));
  /* Month by month, the stock is the whole CP of January–March. */
  for (int m = 0; m < 12; m++)
    g_assert_cmpfloat (f->cp_stock_month[m], ==, f->cp[m]);

  /* Last year's modulated IAE part, paid in April, is stock too. */
  {
    TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
    g_autoptr(TrjResult) r2 = NULL;
    const TrjFigures *ef;
    double sum = 0;

    line->entries[5] = 3;
    env->previous_modulation_cp = 500;
    r2 = compute (s, NULL);
    ef = &r2->envelopes[0].f;
    g_assert_cmpfloat_with_epsilon (ef->cp_stock_month[0], AID_1152, 1e-9);
    g_assert_cmpfloat_with_epsilon (ef->cp_stock_month[3], 500, 1e-9);
    g_assert_cmpfloat (ef->cp_stock_month[6], ==, 0);
    g_assert_cmpfloat (ef->cp[6], >, 0);
    for (int m = 0; m < 12; m++)
      sum += ef->cp_stock_month[m];
    g_assert_cmpfloat_with_epsilon (sum, ef->cp_stock, 1e-9);
    g_assert_cmpfloat_with_epsilon (r2->region.cp_stock_month[3], 500, 1e-9);
    line->entries[5] = 0;
    env->previous_modulation_cp = 0;
  }

  /* The envelope's CP margin leaves the stock out (2024 notification), unless
   * the envelope says its CP covers it. */
  {
    TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
    g_autoptr(TrjResult) r2 = NULL;

    env->cp_notified = 1000;
    trj_engine_compute (s, NULL, r, NULL);
    g_assert_cmpfloat_with_epsilon (r->envelopes[0].cp_margin, 1000, 1e-9);
    env->cp_notified_includes_stock = TRUE;
    r2 = compute (s, NULL);
    g_assert_cmpfloat_with_epsilon (r2->envelopes[0].cp_margin, 1000 - f->cp_stock, 1e-9);
  }
}

/* A December cohort of 24 months paid 6 months late (the hard limits): served
 * December 2024 … November 2026, paid June 2025 … May 2027, all at the SMIC of
 * 11.88: 7 months due in 2025, 12 in 2026, 5 in 2027, nothing in 2024. */
static void
test_later_years (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 24, 0, 6);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  first_line (s)->entries[11] = 2;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat (f->cp_total, ==, 0);
  g_assert_cmpfloat_with_epsilon (f->cp_after_by_year[0], 2 * 7 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_after_by_year[1], 2 * 12 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_after_by_year[2], 2 * 5 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->cp_after_year, 2 * 24 * AID_1188, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->region.cp_after_by_year[2], 2 * 5 * AID_1188, 1e-9);
}

/* Over the life of this year's cohorts, AE = CP paid in the year + after it,
 * for any parameters (fractional durations, lags, cofinancing, RSA changes). */
static void
test_ae_equals_lifetime_cp (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240207);

  for (int i = 0; i < 500; i++)
    {
      g_autoptr(TrjScenario) s = one_line_scenario (g_rand_double_range (rand, 0.01, 1),
                                                    g_rand_double_range (rand, 1, 35),
                                                    g_rand_double_range (rand, 0.1, 24),
                                                    g_rand_double (rand),
                                                    g_rand_int_range (rand, 0, 7));
      g_autoptr(TrjResult) r = NULL;
      const TrjFigures *f;

      for (int m = 0; m < 12; m++)
        first_line (s)->entries[m] = g_rand_double_range (rand, 0, 50);
      r = compute (s, NULL);
      f = &trj_result_line (r, 0, 0)->f;
      g_assert_cmpfloat_with_epsilon (f->ae_total / (f->cp_total + f->cp_after_year), 1.0, 1e-12);
      g_assert_cmpfloat_with_epsilon (f->cp_after_by_year[0] + f->cp_after_by_year[1] + f->cp_after_by_year[2],
                                      f->cp_after_year, 1e-9 * MAX (1, f->cp_after_year));
    }
}

/* Entries as volume × profile. */
static void
test_volume_profile (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 9.9, 0, 1);
  TrjLine *line = first_line (s);
  const double profile[12] = { 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0 };

  line->entries_mode = TRJ_ENTRIES_VOLUME;
  line->volume = 120;
  memcpy (line->profile, profile, sizeof profile);
  g_assert_true (trj_line_spread_volume (line));
  g_assert_cmpfloat (line->entries[2], ==, 30);
  g_assert_cmpfloat (line->entries[4], ==, 60);
  g_assert_cmpfloat (trj_line_volume (line), ==, 120);

  memset (line->profile, 0, sizeof line->profile);
  g_assert_false (trj_line_spread_volume (line));
}

/* Capacity: ⌊ae_available / ae_per_contract⌋. Two March contracts cost
 * 2 × 6 270.98 €; 50 000 € funds 7 of them (7.97). */
static void
test_capacity (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 9.9, 0, 1);
  g_autoptr(TrjResult) r = NULL;
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);

  first_line (s)->entries[2] = 2;
  env->ae_notified = 50000;
  r = compute (s, NULL);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].f.ae_per_contract, 6270.983333333333, 1e-6);
  g_assert_cmpfloat (r->envelopes[0].capacity, ==, 7);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].ae_margin, 50000 - 2 * 6270.983333333333, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].ae_consumption, 2 * 6270.983333333333 / 50000, 1e-9);

  /* An exact fit is not floored away by rounding noise. */
  env->ae_notified = 3 * r->envelopes[0].f.ae_per_contract;
  trj_engine_compute (s, NULL, r, NULL);
  g_assert_cmpfloat (r->envelopes[0].capacity, ==, 3);

  /* No volume: no AE per contract, no capacity. */
  first_line (s)->entries[2] = 0;
  trj_engine_compute (s, NULL, r, NULL);
  g_assert_true (isnan (r->envelopes[0].capacity));
}

static gboolean
has_alert (const TrjResult *r, TrjAlertCode code, int envelope, int line)
{
  for (guint i = 0; i < r->n_alerts; i++)
    if (r->alerts[i].code == code && r->alerts[i].envelope == envelope && r->alerts[i].line == line)
      return TRUE;
  return FALSE;
}

static const TrjAlert *
find_alert (const TrjResult *r, TrjAlertCode code)
{
  for (guint i = 0; i < r->n_alerts; i++)
    if (r->alerts[i].code == code)
      return &r->alerts[i];
  return NULL;
}

/* MODEL 5: above the circular's average rate, an information giving the
 * capacity at that rate; an alert only when the volume programmed exceeds it.
 * SMIC 10 € all year: 52 %, 30 h, 6 months, no cofinancing cost
 * 0.52 · 10 · 30 · 52/12 · 6 = 4 056 € a contract; 405 600 € notified fund
 * exactly 100 contracts. */
static void
test_rate_above_average (void)
{
  const TrjRules *rules = &year_data ()->rules;
  g_autoptr(TrjScenario) s = one_line_scenario (0.52, 30, 6, 0, 1);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  TrjLine *line = first_line (s);
  g_autoptr(TrjResult) r = NULL;
  const TrjAlert *alert;

  trj_reference_clear (&s->reference);
  trj_series_append (&s->reference.smic_hourly, 20240101, 10);
  trj_series_append (&s->reference.rsa, 20240101, 600);
  s->reference.cd_share = 0.88;
  s->reference.weeks_per_month = 52.0 / 12;
  env->ae_notified = 405600;
  line->entries[0] = 50;     /* half the envelope */
  r = compute (s, rules);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].f.ae_per_contract, 4056, 1e-9);
  g_assert_cmpfloat (r->envelopes[0].capacity, ==, 100);
  alert = find_alert (r, TRJ_ALERT_RATE_ABOVE_AVERAGE);
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->severity, ==, TRJ_SEVERITY_INFO);
  g_assert_cmpfloat (alert->capacity, ==, 100);
  g_assert_cmpfloat (alert->volume, ==, 50);
  g_assert_cmpfloat (alert->value, ==, 0.52);
  g_assert_cmpfloat (alert->limit_hi, ==, 0.5);
  /* The one alert is COFINANCING_BELOW_TARGET (no cofinancing). */
  g_assert_cmpuint (trj_result_count_alerts (r, 0, TRJ_SEVERITY_ALERT), ==, 1);
  g_assert_true (has_alert (r, TRJ_ALERT_COFINANCING_BELOW_TARGET, 0, -1));
  g_assert_cmpuint (trj_result_count_alerts (r, 0, TRJ_SEVERITY_INFO), ==, 1);

  /* Exactly the capacity: still an information. */
  line->entries[0] = 100;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_cmpint (find_alert (r, TRJ_ALERT_RATE_ABOVE_AVERAGE)->severity, ==, TRJ_SEVERITY_INFO);
  g_assert_false (has_alert (r, TRJ_ALERT_AE_OVER_ENVELOPE, 0, -1));

  /* One contract more than the rate allows: an alert. */
  line->entries[0] = 101;
  trj_engine_compute (s, rules, r, NULL);
  alert = find_alert (r, TRJ_ALERT_RATE_ABOVE_AVERAGE);
  g_assert_cmpint (alert->severity, ==, TRJ_SEVERITY_ALERT);
  g_assert_cmpfloat (alert->volume, ==, 101);
  g_assert_cmpfloat (alert->capacity, ==, 100);
  /* With AE_OVER_ENVELOPE and COFINANCING_BELOW_TARGET. */
  g_assert_cmpuint (trj_result_count_alerts (r, 0, TRJ_SEVERITY_ALERT), ==, 3);

  /* At the average, nothing to say. */
  line->rate = 0.5;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_null (find_alert (r, TRJ_ALERT_RATE_ABOVE_AVERAGE));
  g_assert_cmpstr (trj_severity_to_string (TRJ_SEVERITY_INFO), ==, "info");
  g_assert_cmpstr (trj_severity_to_string (TRJ_SEVERITY_ALERT), ==, "alert");
}

static void
test_alerts (void)
{
  const TrjRules *rules = &year_data ()->rules;
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 9.9, 0.15, 1);
  TrjLine *line = first_line (s);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  g_autoptr(TrjResult) r = NULL;

  line->entries[0] = 10;
  r = compute (s, rules);
  g_assert_cmpuint (r->n_alerts, ==, 0);

  /* Line ranges: the bounds themselves are inside. */
  line->rate = 0.60;
  line->weekly_hours = 30;
  line->duration_months = 12;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_false (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0));
  g_assert_false (has_alert (r, TRJ_ALERT_HOURS_OUT_OF_RANGE, 0, 0));
  g_assert_false (has_alert (r, TRJ_ALERT_DURATION_OUT_OF_RANGE, 0, 0));
  g_assert_true (has_alert (r, TRJ_ALERT_RATE_ABOVE_AVERAGE, 0, -1));

  line->rate = 0.65;
  line->weekly_hours = 31;
  line->duration_months = 5.9;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_true (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0));
  g_assert_true (has_alert (r, TRJ_ALERT_HOURS_OUT_OF_RANGE, 0, 0));
  g_assert_true (has_alert (r, TRJ_ALERT_DURATION_OUT_OF_RANGE, 0, 0));
  g_assert_cmpfloat (r->alerts[0].limit_lo, ==, 0.30);
  g_assert_cmpfloat (r->alerts[0].limit_hi, ==, 0.60);

  /* Outre-mer: 65 % is inside 30–70 %. */
  s->zone = TRJ_ZONE_OUTRE_MER;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_false (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0));
  s->zone = TRJ_ZONE_METROPOLE;

  line->rate = 0.5;
  line->weekly_hours = 25;
  line->duration_months = 13;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_true (has_alert (r, TRJ_ALERT_DURATION_OUT_OF_RANGE, 0, 0));
  line->duration_months = 9.9;

  /* Cofinancing target of PEC lines: 15 %. */
  line->cofinanced_share = 0.10;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_true (has_alert (r, TRJ_ALERT_COFINANCING_BELOW_TARGET, 0, -1));
  line->cofinanced_share = 0.15;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_false (has_alert (r, TRJ_ALERT_COFINANCING_BELOW_TARGET, 0, -1));

  /* A CIE tous publics line beside it takes the PEC ranges of its zone (the
   * year's data gives them to it), and stays out of the cofinancing target,
   * which is on the PEC lines alone (the catalogue's rules kind). */
  {
    TrjLine *tp = trj_line_copy (line);

    g_free (tp->id);
    tp->id = g_strdup ("tp");
    tp->kind = TRJ_KIND_CIE_TP;
    tp->cofinanced_share = 0;
    tp->rate = 0.65;
    g_ptr_array_add (env->lines, tp);
    trj_result_reshape (r, s);
    trj_engine_compute (s, rules, r, NULL);
    g_assert_true (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 1));
    g_assert_false (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0));
    g_assert_false (has_alert (r, TRJ_ALERT_COFINANCING_BELOW_TARGET, 0, -1));
    tp->rate = 0.60;
    trj_engine_compute (s, rules, r, NULL);
    g_assert_false (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 1));
    g_ptr_array_remove_index (env->lines, 1);
    trj_result_reshape (r, s);
    trj_engine_compute (s, rules, r, NULL);
  }

  /* Envelope AE and CP. */
  env->ae_notified = r->envelopes[0].f.ae_total - 1;
  env->cp_notified = r->envelopes[0].f.cp_total - 1;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_true (has_alert (r, TRJ_ALERT_AE_OVER_ENVELOPE, 0, -1));
  g_assert_true (has_alert (r, TRJ_ALERT_CP_OVER_ENVELOPE, 0, -1));
  env->ae_notified += 1;
  env->cp_notified += 1;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_false (has_alert (r, TRJ_ALERT_AE_OVER_ENVELOPE, 0, -1));
  g_assert_false (has_alert (r, TRJ_ALERT_CP_OVER_ENVELOPE, 0, -1));

  /* Initiatives territoriales: 0.44 % of the AE notified. */
  env->ae_notified = 1000000;
  s->fungibility.initiatives_territoriales_ae = 4400;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_cmpfloat_with_epsilon (r->territorial_ceiling, 4400, 1e-6);
  g_assert_false (has_alert (r, TRJ_ALERT_FUNGIBILITY_OVER_CEILING, 0, -1));
  s->fungibility.initiatives_territoriales_ae = 4401;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_true (has_alert (r, TRJ_ALERT_FUNGIBILITY_OVER_CEILING, 0, -1));
}

/* CIE jeunes rules: 30–47 %, 20–35 h, average 35 %; no cofinancing target. */
static void
test_alerts_cie_jeunes (void)
{
  const TrjRules *rules = &year_data ()->rules;
  g_autoptr(TrjScenario) s = one_line_scenario (0.47, 35, 8.3, 0, 1);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  TrjLine *line = first_line (s);
  g_autoptr(TrjResult) r = NULL;

  g_free (env->id);
  env->id = g_strdup ("CIE_JEUNES");
  line->kind = TRJ_KIND_CIE_JEUNES;
  line->entries[0] = 1;
  r = compute (s, rules);
  g_assert_false (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0));
  g_assert_false (has_alert (r, TRJ_ALERT_HOURS_OUT_OF_RANGE, 0, 0));
  g_assert_false (has_alert (r, TRJ_ALERT_COFINANCING_BELOW_TARGET, 0, -1));
  g_assert_true (has_alert (r, TRJ_ALERT_RATE_ABOVE_AVERAGE, 0, -1));
  line->rate = 0.48;
  trj_engine_compute (s, rules, r, NULL);
  g_assert_true (has_alert (r, TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0));
}

/* Fungibility: CIE jeunes → PEC moves AE and CP (CP by default in CIE jeunes'
 * CP/AE ratio); the reverse direction and amounts above the notification or
 * the ceiling are refused. */
static void
test_fungibility (void)
{
  const TrjYearData *data = year_data ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_year_data_example (data, "Bretagne", &error);
  g_autoptr(TrjResult) r = NULL;
  const double cie_ratio = 938680.0 / 2214318.0;

  g_assert_no_error (error);
  s->fungibility.cie_jeunes_to_pec_ae = 100000;
  g_assert_true (trj_fungibility_validate (s, &data->rules, &error));
  r = compute (s, &data->rules);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].ae_available, 6813468 + 100000, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->envelopes[1].ae_available, 2214318 - 100000, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].cp_available, 3259524 + 100000 * cie_ratio, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->envelopes[1].cp_available, 938680 - 100000 * cie_ratio, 1e-6);

  /* An explicit CP amount. */
  s->fungibility.has_cie_jeunes_to_pec_cp = TRUE;
  s->fungibility.cie_jeunes_to_pec_cp = 5000;
  trj_engine_compute (s, &data->rules, r, NULL);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].cp_available, 3259524 + 5000, 1e-6);

  /* PEC → CIE jeunes (a negative move) is refused. */
  s->fungibility.cie_jeunes_to_pec_ae = -1000;
  g_assert_false (trj_fungibility_validate (s, &data->rules, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY);
  g_clear_error (&error);
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_true (g_str_has_prefix (error->message, "fungibility: "));
  g_clear_error (&error);

  /* More than CIE jeunes has. */
  s->fungibility.cie_jeunes_to_pec_ae = 2214319;
  g_assert_false (trj_fungibility_validate (s, &data->rules, &error));
  g_clear_error (&error);
  s->fungibility.cie_jeunes_to_pec_ae = 0;
  s->fungibility.has_cie_jeunes_to_pec_cp = FALSE;

  /* Initiatives territoriales ceiling: 0.44 % × (6 813 468 + 2 214 318). */
  s->fungibility.initiatives_territoriales_ae = 0.0044 * (6813468 + 2214318);
  g_assert_true (trj_fungibility_validate (s, &data->rules, &error));
  g_assert_no_error (error);
  trj_engine_compute (s, &data->rules, r, NULL);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].ae_available,
                                  6813468 - 0.0044 * (6813468 + 2214318), 1e-6);
  s->fungibility.initiatives_territoriales_ae += 1;
  g_assert_false (trj_fungibility_validate (s, &data->rules, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY);
  /* The ceiling is shown. */
  g_assert_nonnull (strstr (error->message, "39722"));
}

/* MODEL 4: the AE per contract of the circular's average parameters (uniform
 * entries over the year) comes within 2 % of the notification's, and is, to
 * the cent, the figure the README quotes. */
static void
test_calibration (void)
{
  const TrjYearData *data = year_data ();
  struct { const char *region; guint envelope; double implied, readme; } cases[] = {
    { "Bretagne", 0, 5512, 5482.33 },          /* PEC métropole */
    { "La Réunion", 0, 6775, 6745.06 },        /* PEC outre-mer */
    { "Bretagne", 1, 4258, 4188.98 },          /* CIE jeunes métropole */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TrjScenario) s = trj_year_data_example (data, cases[i].region, NULL);
      g_autoptr(TrjResult) r = NULL;
      double per_contract;

      /* Uniform entries, not the example's calibrated profile (MODEL 2.7). */
      trj_envelope_set_ramp (g_ptr_array_index (s->envelopes, cases[i].envelope), 0);
      r = compute (s, &data->rules);
      per_contract = r->envelopes[cases[i].envelope].f.ae_per_contract;

      g_test_message ("%s envelope %u: %.2f € per contract (notification %.0f €)",
                      cases[i].region, cases[i].envelope, per_contract, cases[i].implied);
      g_assert_cmpfloat (fabs (per_contract / cases[i].implied - 1), <, 0.02);
      g_assert_cmpfloat (fabs (per_contract - cases[i].readme), <, 0.005);
    }
}

/* Post-aid line (MODEL 3): 10 ETP of ACI at 23 458 €, 5 % modulation, two RSA
 * recipients cofinanced over 3 months from January. */
static void
test_post_aid (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 9.9, 0, 1);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  TrjLine *line = trj_line_new ("aci", TRJ_KIND_ACI);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;
  const double socle = 10 * 23458.0;
  const double cd = 0.88 * 607.75 * 2 * 3;   /* January–March 2024 */

  g_free (env->id);
  env->id = g_strdup ("IAE");
  g_ptr_array_remove_index (env->lines, 0);
  line->quantity = 10;
  line->unit_amount = 23458;
  line->modulation = 0.05;
  line->rsa_recipients = 2;
  line->rsa_months = 3;
  g_ptr_array_add (env->lines, line);
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat_with_epsilon (f->ae[0], socle * 1.05 - cd, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp[0], (socle - cd) / 12, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_total, socle - cd, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_after_year, 0.05 * socle, 1e-6);
  /* The modulated part is due in April 2025. */
  g_assert_cmpfloat_with_epsilon (f->cp_after_by_year[0], 0.05 * socle, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->ae_total, f->cp_total + f->cp_after_year, 1e-6);

  /* CDI inclusion: the second-year ETP at 70 % of the socle. */
  line->kind = TRJ_KIND_CDI_INCLUSION;
  line->rsa_recipients = 0;
  line->modulation = 0;
  line->second_year_quantity = 4;
  trj_engine_compute (s, NULL, r, NULL);
  g_assert_cmpfloat_with_epsilon (r->lines[0].f.ae_total, 23458.0 * 6 + 0.7 * 23458.0 * 4, 1e-6);
}

/* An IAE envelope holding one post-aid line of 10 ETP of ACI at 23 458 €
 * (socle 234 580 €), no cofinancing: the line is returned to be shaped. */
static TrjScenario *
aci_scenario (TrjLine **aci)
{
  TrjScenario *s = one_line_scenario (0.5, 25, 9.9, 0, 1);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  TrjLine *line = trj_line_new ("aci", TRJ_KIND_ACI);

  g_free (env->id);
  env->id = g_strdup ("IAE");
  g_ptr_array_remove_index (env->lines, 0);
  line->quantity = 10;
  line->unit_amount = 23458;
  g_ptr_array_add (env->lines, line);
  *aci = line;
  return s;
}

/* MODEL 3, a post-aid line paid two months late: the socle's twelfths of
 * November and December are paid in January and February of Y+1, with the
 * modulated part (April of Y+1): 2/12 × 234 580 + 5 % × 234 580 = 50 825,67 €
 * owed after December; CP of the year 10/12 × 234 580 = 195 483,33 €. */
static void
test_post_aid_next_year (void)
{
  TrjLine *line;
  g_autoptr(TrjScenario) s = aci_scenario (&line);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;
  const double socle = 234580;

  line->modulation = 0.05;
  line->payment_lag_months = 2;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat_with_epsilon (f->ae[0], 246309, 1e-6);
  g_assert_cmpfloat (f->cp[0], ==, 0);
  g_assert_cmpfloat (f->cp[1], ==, 0);
  for (int m = 2; m < 12; m++)
    g_assert_cmpfloat_with_epsilon (f->cp[m], socle / 12, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_total, 195483.333333, 1e-5);
  g_assert_cmpfloat_with_epsilon (f->cp_after_year, 50825.666667, 1e-5);
  g_assert_cmpfloat_with_epsilon (f->ae_total, f->cp_total + f->cp_after_year, 1e-6);

  /* A convention signed in April (E = 3), lag 1: January–April are paid
   * together in May, never before the AE; then one twelfth a month, and
   * December's in January of Y+1. */
  line->modulation = 0;
  line->commitment_month = 3;
  line->payment_lag_months = 1;
  trj_engine_compute (s, NULL, r, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  g_assert_cmpfloat_with_epsilon (f->ae[3], socle, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->ae_total, socle, 1e-6);
  for (int m = 0; m < 4; m++)
    g_assert_cmpfloat (f->cp[m], ==, 0);
  g_assert_cmpfloat_with_epsilon (f->cp[4], 4 * socle / 12, 1e-6);
  for (int m = 5; m < 12; m++)
    g_assert_cmpfloat_with_epsilon (f->cp[m], socle / 12, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->cp_after_year, socle / 12, 1e-6);
}

/* MODEL 3: last year's modulated part (previous_modulation_cp, 11 729 €) is
 * paid in April of Y and counted in the stock, which the CP margin leaves out
 * unless the notification includes it. */
static void
test_previous_modulation (void)
{
  TrjLine *line;
  g_autoptr(TrjScenario) s = aci_scenario (&line);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  g_autoptr(TrjResult) r = NULL;
  const TrjEnvelopeResult *er;
  const double socle = 234580;

  line->payment_lag_months = 0;
  env->ae_notified = 250000;
  env->cp_notified = 240000;
  env->previous_modulation_cp = 11729;
  r = compute (s, NULL);
  er = &r->envelopes[0];
  g_assert_cmpfloat_with_epsilon (er->f.cp[2], socle / 12, 1e-6);
  g_assert_cmpfloat_with_epsilon (er->f.cp[3], socle / 12 + 11729, 1e-6);
  g_assert_cmpfloat_with_epsilon (er->f.cp[4], socle / 12, 1e-6);
  g_assert_cmpfloat_with_epsilon (er->f.cp_stock, 11729, 1e-6);
  g_assert_cmpfloat_with_epsilon (er->f.cp_total, 246309, 1e-6);
  g_assert_cmpfloat_with_epsilon (er->f.ae_total, socle, 1e-6);
  /* 240 000 − (246 309 − 11 729) and 250 000 − 234 580. */
  g_assert_cmpfloat_with_epsilon (er->cp_margin, 5420, 1e-6);
  g_assert_cmpfloat_with_epsilon (er->ae_margin, 15420, 1e-6);
  /* The line itself owes nothing of last year. */
  g_assert_cmpfloat (trj_result_line (r, 0, 0)->f.cp_stock, ==, 0);

  env->cp_notified_includes_stock = TRUE;
  trj_engine_compute (s, NULL, r, NULL);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].cp_margin, 240000 - 246309, 1e-6);
}

/* MODEL 3, a free line (initiatives territoriales): 100 000 € of AE committed
 * in April, CP typed as 10 000 € in April, 20 000 € in June and 30 000 € in
 * December; 40 000 € are left to pay after December. */
static void
test_free_line (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 9.9, 0, 1);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  TrjLine *line = trj_line_new ("it-1", TRJ_KIND_FREE);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;
  const TrjEnvelopeResult *er;

  g_free (env->id);
  env->id = g_strdup ("INITIATIVES_TERRITORIALES");
  g_ptr_array_remove_index (env->lines, 0);
  line->ae_amount = 100000;
  line->commitment_month = 3;
  line->cp_schedule[3] = 10000;
  line->cp_schedule[5] = 20000;
  line->cp_schedule[11] = 30000;
  g_ptr_array_add (env->lines, line);
  env->ae_notified = 150000;
  env->cp_notified = 80000;
  r = compute (s, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  for (int m = 0; m < 12; m++)
    g_assert_cmpfloat (f->ae[m], ==, m == 3 ? 100000 : 0);
  g_assert_cmpfloat (f->cp[3], ==, 10000);
  g_assert_cmpfloat (f->cp[4], ==, 0);
  g_assert_cmpfloat (f->cp[5], ==, 20000);
  g_assert_cmpfloat (f->cp[11], ==, 30000);
  g_assert_cmpfloat (f->ae_total, ==, 100000);
  g_assert_cmpfloat (f->cp_total, ==, 60000);
  g_assert_cmpfloat (f->cp_after_year, ==, 40000);
  g_assert_cmpfloat (f->cp_stock, ==, 0);
  er = &r->envelopes[0];
  g_assert_cmpfloat (er->ae_margin, ==, 50000);
  g_assert_cmpfloat (er->cp_margin, ==, 20000);
  /* Cumulative trajectory: 10 000 € by April, 30 000 € from June. */
  g_assert_cmpfloat (er->f.cp[3] + er->f.cp[4] + er->f.cp[5], ==, 30000);

  /* Fully scheduled: nothing left after the year. */
  line->cp_schedule[11] = 70000;
  trj_engine_compute (s, NULL, r, NULL);
  g_assert_cmpfloat (trj_result_line (r, 0, 0)->f.cp_after_year, ==, 0);
  g_assert_cmpfloat (trj_result_line (r, 0, 0)->f.cp_total, ==, 100000);
}

/* Hard limits: the message names the key path. */
static void
test_validate (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (1.4, 25, 9.9, 0, 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "envelopes[0].lines[0].rate: "));
  /* The engine's own formatting (no ICU here): a decimal comma. */
  g_assert_nonnull (strstr (error->message, "1,4"));
  g_clear_error (&error);

  first_line (s)->rate = 0.5;
  first_line (s)->entries[3] = -5;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_true (g_str_has_prefix (error->message, "envelopes[0].lines[0].entries[3]: "));
  g_clear_error (&error);

  first_line (s)->entries[3] = 0;
  first_line (s)->payment_lag_months = 7;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_true (g_str_has_prefix (error->message, "envelopes[0].lines[0].payment_lag_months: "));
  g_clear_error (&error);

  first_line (s)->payment_lag_months = 0;
  first_line (s)->weekly_hours = 0;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_true (g_str_has_prefix (error->message, "envelopes[0].lines[0].weekly_hours: "));
  g_clear_error (&error);

  first_line (s)->weekly_hours = 35;
  first_line (s)->duration_months = 24;
  first_line (s)->cofinanced_share = 1;
  g_assert_true (trj_scenario_validate (s, &error));
  g_assert_no_error (error);
}

/* A month before the first SMIC date is an error, not a silent zero. */
static void
test_reference_gap (void)
{
  g_autoptr(TrjScenario) s = one_line_scenario (0.5, 25, 3, 0, 1);
  g_autoptr(TrjResult) r = trj_result_new (s);
  g_autoptr(GError) error = NULL;

  trj_series_clear (&s->reference.smic_hourly);
  trj_series_append (&s->reference.smic_hourly, 20240301, 11.65);
  first_line (s)->entries[1] = 1;   /* served from February */
  g_assert_false (trj_engine_compute (s, NULL, r, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_REFERENCE);
  g_assert_nonnull (strstr (error->message, "2024-02-01"));
}

/* Issue 17: after each of many random edits of one line, the incremental
 * recompute (trj_engine_compute_line, on the result of the edits before)
 * gives the figures and alerts of a full recompute, to the cent. The lines
 * span several blocks of the engine's partial sums; the edits move values in
 * and out of the year's ranges and the envelopes' credits, change a line's
 * département under an allocation, and a free line's lending. */
static gboolean
same (double a, double b)
{
  return (isnan (a) && isnan (b)) || fabs (a - b) <= 0.005;
}

static void
assert_same_figures (const TrjFigures *a, const TrjFigures *b)
{
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_assert_true (same (a->ae[m], b->ae[m]));
      g_assert_true (same (a->cp[m], b->cp[m]));
      g_assert_true (same (a->cp_stock_month[m], b->cp_stock_month[m]));
    }
  g_assert_true (same (a->ae_total, b->ae_total));
  g_assert_true (same (a->cp_total, b->cp_total));
  g_assert_true (same (a->cp_stock, b->cp_stock));
  g_assert_true (same (a->cp_after_year, b->cp_after_year));
  for (int y = 0; y < TRJ_LATER_YEARS; y++)
    g_assert_true (same (a->cp_after_by_year[y], b->cp_after_by_year[y]));
  g_assert_true (same (a->volume, b->volume));
  g_assert_true (same (a->ae_per_contract, b->ae_per_contract));
  g_assert_true (same (a->ae_per_unit, b->ae_per_unit));
}

static void
assert_same_results (const TrjResult *a, const TrjResult *b)
{
  g_assert_cmpuint (a->n_lines, ==, b->n_lines);
  for (guint i = 0; i < a->n_lines; i++)
    assert_same_figures (&a->lines[i].f, &b->lines[i].f);
  for (guint e = 0; e < a->n_envelopes; e++)
    {
      const TrjEnvelopeResult *x = &a->envelopes[e], *y = &b->envelopes[e];

      assert_same_figures (&x->f, &y->f);
      g_assert_true (same (x->ae_available, y->ae_available));
      g_assert_true (same (x->cp_available, y->cp_available));
      g_assert_true (same (x->ae_margin, y->ae_margin));
      g_assert_true (same (x->cp_margin, y->cp_margin));
      g_assert_true (same (x->capacity, y->capacity));
      g_assert_true (same (x->ae_lent, y->ae_lent));
      g_assert_true (same (x->avg_rate, y->avg_rate));
      g_assert_true (same (x->avg_hours, y->avg_hours));
      g_assert_true (same (x->avg_duration, y->avg_duration));
      g_assert_true (same (x->avg_cofinancing, y->avg_cofinancing));
      for (int p = 0; p < TRJ_N_PUBLICS; p++)
        g_assert_true (same (x->public_share[p], y->public_share[p]));
      g_assert_true (same (x->renewal_share, y->renewal_share));
    }
  assert_same_figures (&a->region, &b->region);
  g_assert_cmpuint (a->n_alerts, ==, b->n_alerts);
  for (guint i = 0; i < a->n_alerts; i++)
    {
      const TrjAlert *x = &a->alerts[i], *y = &b->alerts[i];

      g_assert_cmpint (x->code, ==, y->code);
      g_assert_cmpint (x->envelope, ==, y->envelope);
      g_assert_cmpint (x->line, ==, y->line);
      g_assert_cmpint (x->severity, ==, y->severity);
      g_assert_cmpint (x->exception_requested, ==, y->exception_requested);
      g_assert_cmpint (x->allocation, ==, y->allocation);
      g_assert_cmpint (x->public_, ==, y->public_);
      g_assert_true (same (x->value, y->value));
      g_assert_true (same (x->limit_hi, y->limit_hi));
      g_assert_true (same (x->volume, y->volume));
      g_assert_true (same (x->capacity, y->capacity));
    }
}

static TrjLine *
random_contract_line (GRand *rand, const char *id, TrjLineKind kind)
{
  TrjLine *line = trj_line_new (id, kind);

  line->rate = g_rand_double_range (rand, 0.3, 0.65);
  line->weekly_hours = g_rand_double_range (rand, 20, 30);
  line->duration_months = g_rand_double_range (rand, 6, 12);
  line->cofinanced_share = g_rand_double_range (rand, 0, 0.3);
  line->payment_lag_months = g_rand_int_range (rand, 0, 3);
  line->departement = g_strdup_printf ("%d", 22 + g_rand_int_range (rand, 0, 4) * 7 % 14);
  for (int m = 0; m < TRJ_MONTHS; m++)
    line->entries[m] = g_rand_int_range (rand, 0, 8);
  if (g_rand_boolean (rand))
    {
      line->has_previous_entries = TRUE;
      for (int m = 0; m < TRJ_MONTHS; m++)
        line->previous_entries[m] = g_rand_int_range (rand, 0, 4);
    }
  return line;
}

static void
random_edit (GRand *rand, TrjLine *line)
{
  int m = g_rand_int_range (rand, 0, TRJ_MONTHS);

  switch (trj_kind_shape (line->kind))
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0: line->rate = g_rand_double_range (rand, 0.2, 1.0); break;
        case 1: line->weekly_hours = g_rand_double_range (rand, 15, 35); break;
        case 2: line->duration_months = g_rand_double_range (rand, 3, 24); break;
        case 3: line->cofinanced_share = g_rand_double_range (rand, 0, 1); break;
        case 4: line->entries[m] = g_rand_int_range (rand, 0, 400); break;
        case 5: line->entries[m] = 0; break;
        case 6:
          line->has_public[TRJ_PUBLIC_QPV] = !line->has_public[TRJ_PUBLIC_QPV];
          line->publics[TRJ_PUBLIC_QPV] = g_rand_double_range (rand, 0, 0.4);
          break;
        case 7:
          line->has_renewal_share = TRUE;
          line->renewal_share = g_rand_double_range (rand, 0, 0.5);
          break;
        case 8:
          g_free (line->exception_reason);
          line->exception_reason = g_rand_boolean (rand) ? g_strdup ("Public très éloigné") : NULL;
          break;
        default:
          g_free (line->departement);
          line->departement = g_strdup (g_rand_boolean (rand) ? "29" : "35");
          break;
        }
      break;
    case TRJ_LINE_SHAPE_POST_AID:
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0: line->quantity = g_rand_double_range (rand, 0, 300); break;
        case 1: line->rsa_recipients = g_rand_int_range (rand, 0, 100); break;
        case 2: line->commitment_month = m; break;
        default: line->modulation = g_rand_double_range (rand, 0, 0.1); break;
        }
      break;
    case TRJ_LINE_SHAPE_FREE:
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0: line->ae_amount = g_rand_double_range (rand, 0, 2e6); break;
        case 1: line->cp_schedule[m] = g_rand_double_range (rand, 0, 2e5); break;
        default:
          g_free (line->funded_from);
          line->funded_from = g_rand_boolean (rand) ? g_strdup ("PEC_CIE_TP") : NULL;
          break;
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_incremental (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(TrjScenario) s = trj_year_data_example (year_data (), "Bretagne", &error);
  g_autoptr(TrjResult) incremental = NULL;
  const TrjRules *rules = &year_data ()->rules;
  TrjEnvelope *pec, *cie, *iae, *fdi;
  guint alert_changes = 0, n_edits = 0, fast = 0;

  g_assert_no_error (error);
  pec = trj_scenario_find_envelope (s, "PEC_CIE_TP");
  cie = trj_scenario_find_envelope (s, "CIE_JEUNES");
  iae = trj_scenario_find_envelope (s, "IAE");
  g_assert_nonnull (pec);
  g_assert_nonnull (cie);
  g_assert_nonnull (iae);
  /* 300 lines in PEC (three blocks), 40 in CIE jeunes. */
  for (int i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("pec-%d", i);

      g_ptr_array_add (pec->lines, random_contract_line (rand, id, TRJ_KIND_PEC));
    }
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("cie-%d", i);

      g_ptr_array_add (cie->lines, random_contract_line (rand, id, TRJ_KIND_CIE_JEUNES));
    }
  pec->ae_notified = 3e7;
  pec->cp_notified = 1.5e7;
  trj_envelope_add_allocation (pec, trj_allocation_new ("29", NULL, 4e6, 600));
  iae->ae_notified = 2e6;
  iae->cp_notified = 1.5e6;
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("aci-%d", i);
      TrjLine *line = trj_line_new (id, TRJ_KIND_ACI);

      line->quantity = 20 + 10 * i;
      line->unit_amount = trj_year_data_unit_amount (year_data (), TRJ_KIND_ACI, TRJ_ZONE_METROPOLE);
      line->rsa_recipients = 5;
      line->rsa_months = 6;
      line->conventionne_previous = 40;
      line->has_conventionne_previous = TRUE;
      line->departement = g_strdup ("29");
      g_ptr_array_add (iae->lines, line);
    }
  fdi = trj_envelope_new ("FDI");
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("fdi-%d", i);
      TrjLine *line = trj_line_new (id, TRJ_KIND_FREE);

      line->ae_amount = 50000;
      line->cp_schedule[5] = 20000;
      line->funded_from = i == 0 ? g_strdup ("PEC_CIE_TP") : NULL;
      g_ptr_array_add (fdi->lines, line);
    }
  fdi->ae_notified = 1e5;
  fdi->cp_notified = 1e5;
  g_ptr_array_add (s->envelopes, fdi);
  /* Above the initiatives territoriales ceiling: the region-wide alert, last. */
  s->fungibility.initiatives_territoriales_ae = 1e7;
  g_assert_true (trj_scenario_validate (s, &error));
  g_assert_no_error (error);

  incremental = trj_result_new (s);
  g_assert_true (trj_engine_compute (s, rules, incremental, &error));
  g_assert_cmpuint (incremental->n_alerts, >, 0);
  g_assert_cmpint (incremental->alerts[incremental->n_alerts - 1].code, ==, TRJ_ALERT_FUNGIBILITY_OVER_CEILING);

  while (n_edits < 1500)
    {
      guint e = g_rand_int_range (rand, 0, s->envelopes->len);
      TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);
      g_autoptr(TrjResult) full = NULL;
      g_autoptr(TrjLine) before = NULL;
      guint l, alerts_before = incremental->n_alerts;
      TrjLine *line;

      if (env->lines->len == 0)
        continue;
      l = g_rand_int_range (rand, 0, env->lines->len);
      line = g_ptr_array_index (env->lines, l);
      before = trj_line_copy (line);
      random_edit (rand, line);
      if (!trj_scenario_validate (s, NULL))
        {
          /* Outside the hard limits: the workbook would refuse it. */
          env->lines->pdata[l] = g_steal_pointer (&before);
          trj_line_free (line);
          continue;
        }
      n_edits++;
      fast += !(trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_FREE);
      g_assert_true (trj_engine_compute_line (s, rules, incremental, e, l, before, &error));
      g_assert_no_error (error);
      full = trj_result_new (s);
      g_assert_true (trj_engine_compute (s, rules, full, &error));
      g_assert_no_error (error);
      assert_same_results (incremental, full);
      alert_changes += incremental->n_alerts != alerts_before;
    }
  /* The edits did move alerts in and out, on the path of the blocks. */
  g_assert_cmpuint (alert_changes, >, 50);
  g_assert_cmpuint (fast, >, 1000);
  g_test_message ("%u edits, %u that changed the number of alerts", n_edits, alert_changes);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/contract-march", test_contract_march);
  g_test_add_func ("/engine/contract-crossing-december", test_contract_crossing_december);
  g_test_add_func ("/engine/lag-six", test_lag_six);
  g_test_add_func ("/engine/rsa-april-cofinancing", test_rsa_april_cofinancing);
  g_test_add_func ("/engine/cofinancing-floor", test_cofinancing_floor);
  g_test_add_func ("/engine/previous-year-stock", test_previous_year_stock);
  g_test_add_func ("/engine/later-years", test_later_years);
  g_test_add_func ("/engine/ae-equals-lifetime-cp", test_ae_equals_lifetime_cp);
  g_test_add_func ("/engine/volume-profile", test_volume_profile);
  g_test_add_func ("/engine/capacity", test_capacity);
  g_test_add_func ("/engine/alerts", test_alerts);
  g_test_add_func ("/engine/alerts-cie-jeunes", test_alerts_cie_jeunes);
  g_test_add_func ("/engine/fungibility", test_fungibility);
  g_test_add_func ("/engine/calibration", test_calibration);
  g_test_add_func ("/engine/post-aid", test_post_aid);
  g_test_add_func ("/engine/post-aid-next-year", test_post_aid_next_year);
  g_test_add_func ("/engine/previous-modulation", test_previous_modulation);
  g_test_add_func ("/engine/free-line", test_free_line);
  g_test_add_func ("/engine/validate", test_validate);
  g_test_add_func ("/engine/rate-above-average", test_rate_above_average);
  g_test_add_func ("/engine/reference-gap", test_reference_gap);
  g_test_add_func ("/engine/incremental", test_incremental);
  return g_test_run ();
}
