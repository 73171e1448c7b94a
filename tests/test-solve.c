/* test-solve.c — valeur cible (MODEL 2.5): solve, put the value back, simulate */
#include <math.h>
#include <string.h>

#include "trj-engine.h"
#include "trj-year-data.h"

static TrjScenario *
bretagne (void)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_year_data_example (trj_year_data_get (2024, NULL), "Bretagne", &error);

  g_assert_no_error (error);
  return s;
}

static double
envelope_ae (const TrjScenario *s, guint envelope)
{
  g_autoptr(TrjResult) r = trj_result_new (s);

  g_assert_true (trj_engine_compute (s, NULL, r, NULL));
  return r->envelopes[envelope].f.ae_total;
}

/* Each unknown: the solved value, put into the line, gives the target to 1e-9. */
static void
test_round_trip (void)
{
  for (TrjUnknown u = TRJ_UNKNOWN_VOLUME; u <= TRJ_UNKNOWN_COFINANCING; u++)
    {
      g_autoptr(TrjScenario) s = bretagne ();
      g_autoptr(GError) error = NULL;
      double value, target, ae;
      /* Aim a little off the notification so that every unknown has to move. */
      double wanted = u == TRJ_UNKNOWN_COFINANCING ? 6500000 : 7000000;

      g_assert_true (trj_engine_solve (s, "pec", u, wanted, &value, &target, &ae, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (target, ==, wanted);
      g_assert_cmpfloat (fabs (ae / wanted - 1), <=, 1e-9);
      trj_line_set_unknown (trj_scenario_find_line (s, "pec", NULL), u, value);
      g_assert_true (trj_scenario_validate (s, NULL));
      g_assert_cmpfloat (fabs (envelope_ae (s, 0) / wanted - 1), <=, 1e-9);
      g_test_message ("%s = %.9g", trj_unknown_to_string (u), value);
    }
}

/* Default target: the envelope's available AE. "Which rate fits 1 300
 * contracts?" — a little under the 50 % average. */
static void
test_rate_for_1300 (void)
{
  g_autoptr(TrjScenario) s = bretagne ();
  TrjLine *pec = trj_scenario_find_line (s, "pec", NULL);
  double value, target, ae;

  trj_line_set_unknown (pec, TRJ_UNKNOWN_VOLUME, 1300);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (pec), 1300, 1e-9);
  /* Spread over the example's calibrated profile (MODEL 2.7), Σ w = 12. */
  g_assert_true (pec->has_profile);
  g_assert_cmpfloat_with_epsilon (pec->entries[0], 1300.0 * pec->profile[0] / 12, 1e-9);
  g_assert_true (trj_engine_solve (s, "pec", TRJ_UNKNOWN_RATE, NAN, &value, &target, &ae, NULL));
  g_assert_cmpfloat (target, ==, 6813468);
  /* AE is nearly proportional to the rate: 50 % × 6 813 468 / (1 300 × 5 482.33) ≈ 47.8 %,
   * a little more because the cofinanced part does not scale with the rate. */
  g_assert_cmpfloat (value, >, 0.478);
  g_assert_cmpfloat (value, <, 0.485);
  pec->rate = value;
  g_assert_cmpfloat (fabs (envelope_ae (s, 0) / 6813468 - 1), <=, 1e-9);
}

/* Volume keeps the monthly profile. */
static void
test_volume_keeps_profile (void)
{
  g_autoptr(TrjScenario) s = bretagne ();
  TrjLine *pec = trj_scenario_find_line (s, "pec", NULL);
  double value;

  pec->entries_mode = TRJ_ENTRIES_MONTHLY;
  memset (pec->entries, 0, sizeof pec->entries);
  pec->entries[0] = 100;
  pec->entries[6] = 300;
  g_assert_true (trj_engine_solve (s, "pec", TRJ_UNKNOWN_VOLUME, NAN, &value, NULL, NULL, NULL));
  trj_line_set_unknown (pec, TRJ_UNKNOWN_VOLUME, value);
  g_assert_cmpfloat_with_epsilon (pec->entries[6] / pec->entries[0], 3, 1e-12);
  g_assert_cmpfloat (pec->entries[3], ==, 0);
}

/* MODEL 2.5: what applying writes. A line given month by month gets whole
 * entries in its profile's proportions, the envelope's AE at most the target
 * and less than one contract under it; a rate lands on the safe side. */
static void
test_settle (void)
{
  g_autoptr(TrjScenario) s = bretagne ();
  TrjLine *pec = trj_scenario_find_line (s, "pec", NULL);
  g_autoptr(TrjLine) settled = NULL;
  g_autoptr(TrjLine) rate_line = NULL;
  double value, target, ae, sum = 0;

  pec->entries_mode = TRJ_ENTRIES_MONTHLY;
  memset (pec->entries, 0, sizeof pec->entries);
  pec->entries[0] = 30;
  pec->entries[2] = 7;
  pec->entries[9] = 11;
  g_assert_true (trj_engine_solve (s, "pec", TRJ_UNKNOWN_VOLUME, NAN, &value, &target, &ae, NULL));
  g_assert_cmpfloat (value, !=, floor (value));
  /* The solution keeps the typed profile: put in, it gives what was solved
   * (it once spread the volume evenly while solving). */
  {
    g_autoptr(TrjScenario) copy = trj_scenario_copy (s);

    trj_line_set_unknown (trj_scenario_find_line (copy, "pec", NULL), TRJ_UNKNOWN_VOLUME, value);
    g_assert_cmpfloat (fabs (envelope_ae (copy, 0) - ae), <, 0.01);
  }
  g_assert_true (trj_engine_solve_settle (s, "pec", TRJ_UNKNOWN_VOLUME, value, target, &settled, &ae, NULL));
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_assert_cmpfloat (settled->entries[m], ==, floor (settled->entries[m]));
      sum += settled->entries[m];
    }
  g_assert_cmpfloat (sum, ==, floor (value));
  g_assert_cmpfloat (settled->entries[1], ==, 0);
  /* 30 : 7 : 11 kept to within a contract. */
  g_assert_cmpfloat (fabs (settled->entries[0] - sum * 30 / 48), <, 1);
  g_assert_cmpfloat (fabs (settled->entries[9] - sum * 11 / 48), <, 1);
  g_assert_cmpfloat (ae, <=, target);
  g_assert_cmpfloat (target - ae, <, 6000);   /* less than one contract (≈ 5 500 €) */
  /* The AE reported is the one the whole scenario gives. */
  memcpy (pec->entries, settled->entries, sizeof pec->entries);
  g_assert_cmpfloat (envelope_ae (s, 0), ==, ae);

  /* A rate: at most the target, within a millionth of a euro per euro. */
  g_assert_true (trj_engine_solve (s, "pec", TRJ_UNKNOWN_RATE, 7000000, &value, &target, &ae, NULL));
  g_assert_cmpfloat (ae, <=, 7000000);
  g_assert_true (trj_engine_solve_settle (s, "pec", TRJ_UNKNOWN_RATE, value, target, &rate_line, &ae, NULL));
  g_assert_cmpfloat (ae, <=, 7000000);
  g_assert_cmpfloat (7000000 - ae, <, 0.01);
  pec->rate = rate_line->rate;
  g_assert_cmpfloat (envelope_ae (s, 0), <=, 7000000);
}

static void
test_no_solution (void)
{
  g_autoptr(TrjScenario) s = bretagne ();
  g_autoptr(GError) error = NULL;
  double value;

  /* Even at 100 % the envelope cannot spend 100 M€. */
  g_assert_false (trj_engine_solve (s, "pec", TRJ_UNKNOWN_RATE, 1e8, &value, NULL, NULL, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION);
  g_assert_nonnull (strstr (error->message, "[0 ; 1]"));
  g_clear_error (&error);

  g_assert_false (trj_engine_solve (s, "pec", TRJ_UNKNOWN_HOURS, 1e8, &value, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "[0 ; 35]"));
  g_clear_error (&error);

  g_assert_false (trj_engine_solve (s, "nope", TRJ_UNKNOWN_RATE, NAN, &value, NULL, NULL, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_UNKNOWN_LINE);
}

static void
test_names (void)
{
  TrjUnknown u;

  g_assert_true (trj_unknown_from_string ("cofinancing", &u));
  g_assert_cmpint (u, ==, TRJ_UNKNOWN_COFINANCING);
  g_assert_false (trj_unknown_from_string ("taux", &u));
  g_assert_cmpstr (trj_unknown_to_string (TRJ_UNKNOWN_DURATION), ==, "duration");
}

/* ── The calibrated profile (MODEL 2.7) ──────────────────────────────── */

/* One PEC line that a hand can follow: SMIC 10 € all year, 50 %, 30 h, one
 * month, lag 1, no cofinancing: a contract costs 0.5 · 10 · 30 · 52/12 =
 * 650 €, paid the month after it enters. 120 contracts on the ramp give
 * n[m] = 10 · w[m]; the CP of the year pays the cohorts of January to
 * November: 650 · 10 · (12 − w[12]) = 6 500 · (11 − s). */
static TrjScenario *
ramp_scenario (double cp_notified)
{
  TrjScenario *s = trj_scenario_new ();
  TrjEnvelope *env = trj_envelope_new ("PEC_CIE_TP");
  TrjLine *line = trj_line_new ("pec", TRJ_KIND_PEC);

  s->year = 2024;
  s->region = g_strdup ("Bretagne");
  s->zone = TRJ_ZONE_METROPOLE;
  trj_series_append (&s->reference.smic_hourly, 20240101, 10);
  trj_series_append (&s->reference.rsa, 20240101, 600);
  s->reference.cd_share = 0.88;
  s->reference.weeks_per_month = 52.0 / 12;
  env->ae_notified = 78000;
  env->cp_notified = cp_notified;
  line->rate = 0.5;
  line->weekly_hours = 30;
  line->duration_months = 1;
  line->entries_mode = TRJ_ENTRIES_VOLUME;
  line->volume = 120;
  trj_line_spread_volume (line);
  g_ptr_array_add (env->lines, line);
  g_ptr_array_add (s->envelopes, env);
  g_assert_true (trj_scenario_validate (s, NULL));
  return s;
}

static void
test_calibrate_slope (void)
{
  g_autoptr(GError) error = NULL;
  /* 68 250 = 6 500 · (11 − s)  ⇒  s = 0.5: January 10 · (1 − 0.5) = 5
   * contracts, December 10 · (1 + 0.5) = 15. */
  g_autoptr(TrjScenario) s = ramp_scenario (68250);
  g_autoptr(TrjResult) r = trj_result_new (s);
  TrjLine *line = trj_scenario_find_line (s, "pec", NULL);
  gboolean reached = FALSE;
  double slope = NAN;

  /* Uniform: 6 500 · 11 = 71 500 € of CP, over the 68 250 notified. */
  g_assert_true (trj_engine_compute (s, NULL, r, NULL));
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].cp_margin, 68250 - 71500, 1e-6);

  g_assert_true (trj_engine_calibrate_profile (s, "PEC_CIE_TP", &slope, &reached, &error));
  g_assert_no_error (error);
  g_assert_true (reached);
  g_assert_cmpfloat_with_epsilon (slope, 0.5, 1e-8);
  /* The scenario is not modified by the search. */
  g_assert_false (line->has_profile);

  trj_envelope_set_ramp (g_ptr_array_index (s->envelopes, 0), slope);
  g_assert_true (line->has_profile);
  g_assert_cmpfloat_with_epsilon (line->entries[0], 5, 1e-6);
  g_assert_cmpfloat_with_epsilon (line->entries[11], 15, 1e-6);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (line), 120, 1e-9);
  g_assert_true (trj_engine_compute (s, NULL, r, NULL));
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].f.cp_total, 68250, 1e-3);
  /* Inside, never a cent over. */
  g_assert_cmpfloat (r->envelopes[0].cp_margin, >=, 0);
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].f.ae_total, 78000, 1e-6);
}

/* Out of reach: 60 000 € would need s = 11 − 60 000 / 6 500 ≈ 1.77; the
 * bound s = 1 pays 65 000 € and the CP alert stays. 80 000 € would need
 * s ≈ −1.31: the bound −1. */
static void
test_calibrate_unreachable (void)
{
  g_autoptr(TrjScenario) low = ramp_scenario (60000);
  g_autoptr(TrjScenario) high = ramp_scenario (80000);
  g_autoptr(TrjResult) r = trj_result_new (low);
  gboolean reached = TRUE;
  double slope = NAN;

  g_assert_true (trj_engine_calibrate_profile (low, "PEC_CIE_TP", &slope, &reached, NULL));
  g_assert_false (reached);
  g_assert_cmpfloat (slope, ==, 1);
  g_assert_true (trj_scenario_calibrate_profiles (low, NULL));
  g_assert_true (trj_engine_compute (low, NULL, r, NULL));
  g_assert_cmpfloat_with_epsilon (r->envelopes[0].f.cp_total, 65000, 1e-6);
  g_assert_cmpuint (r->n_alerts, ==, 1);
  g_assert_cmpint (r->alerts[0].code, ==, TRJ_ALERT_CP_OVER_ENVELOPE);

  reached = TRUE;
  g_assert_true (trj_engine_calibrate_profile (high, "PEC_CIE_TP", &slope, &reached, NULL));
  g_assert_false (reached);
  g_assert_cmpfloat (slope, ==, -1);

  g_assert_false (trj_engine_calibrate_profile (high, "EA", &slope, &reached, NULL));
}

/* A line given month by month keeps its volume and takes the ramp's proportions. */
static void
test_ramp_monthly_line (void)
{
  g_autoptr(TrjScenario) s = ramp_scenario (68250);
  TrjLine *line = trj_scenario_find_line (s, "pec", NULL);
  double ramp[TRJ_MONTHS];

  trj_profile_ramp (-1, ramp);
  g_assert_cmpfloat_with_epsilon (ramp[0], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (ramp[11], 0, 1e-12);
  line->entries_mode = TRJ_ENTRIES_MONTHLY;
  for (int m = 0; m < TRJ_MONTHS; m++)
    line->entries[m] = m == 0 ? 24 : 0;
  trj_envelope_set_ramp (g_ptr_array_index (s->envelopes, 0), -1);
  g_assert_cmpint (line->entries_mode, ==, TRJ_ENTRIES_MONTHLY);
  g_assert_cmpfloat_with_epsilon (line->entries[0], 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (line->entries[11], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (line), 24, 1e-9);
}

/* The example of every region of the 2024 notification starts inside its
 * notified CP: every one of its 38 envelopes is reachable (README). */
static void
test_example_inside_cp (void)
{
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  guint envelopes = 0;

  for (guint i = 0; i < data->regions->len; i++)
    {
      const TrjRegion *region = g_ptr_array_index (data->regions, i);
      g_autoptr(TrjScenario) s = trj_year_data_example (data, region->name, NULL);
      g_autoptr(TrjResult) r = trj_result_new (s);

      g_assert_true (trj_engine_compute (s, &data->rules, r, NULL));
      for (guint e = 0; e < r->n_envelopes; e++)
        {
          /* The calibrated profile is for the contrats aidés envelopes; IAE,
           * EA and GEIQ start empty at 0 €, margin 0. */
          if (((TrjEnvelope *) g_ptr_array_index (s->envelopes, e))->lines->len == 0)
            {
              g_assert_cmpfloat (r->envelopes[e].cp_margin, ==, 0);
              continue;
            }
          envelopes++;
          g_test_message ("%s %s: CP margin %.2f", region->name,
                          ((TrjEnvelope *) g_ptr_array_index (s->envelopes, e))->id,
                          r->envelopes[e].cp_margin);
          g_assert_cmpfloat (r->envelopes[e].cp_margin, >=, 0);
          g_assert_cmpfloat (r->envelopes[e].cp_margin, <, 1);
        }
      for (guint a = 0; a < r->n_alerts; a++)
        g_assert_cmpint (r->alerts[a].code, !=, TRJ_ALERT_CP_OVER_ENVELOPE);
    }
  g_assert_cmpuint (envelopes, ==, 38);
}

/* ── Over an envelope (MODEL 2.5) ────────────────────────────────────── */

static TrjLine *
hand_line (const char *id, double volume, double rate, double hours, double duration)
{
  TrjLine *line = trj_line_new (id, TRJ_KIND_PEC);

  line->rate = rate;
  line->weekly_hours = hours;
  line->duration_months = duration;
  line->entries_mode = TRJ_ENTRIES_VOLUME;
  line->volume = volume;
  trj_line_spread_volume (line);
  return line;
}

/* The SMIC of ramp_scenario (10 € all year): a contract costs
 * rate · hours · 10 · 52/12 € a month, whatever its month.
 *   a: 120 contracts at 50 %, 30 h, 1 month:  650 €     →  78 000 €
 *   b:  60 contracts at 50 %, 20 h, 1 month:  433,33 €  →  26 000 €
 *   c:  30 contracts at 40 %, 30 h, 2 months: 1 040 €   →  31 200 €
 * 135 200 € in all; c can be left out (the CP case). */
static TrjScenario *
hand_envelope (double ae_notified, gboolean with_c)
{
  TrjScenario *s = ramp_scenario (1e6);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);

  g_ptr_array_set_size (env->lines, 0);
  g_ptr_array_add (env->lines, hand_line ("a", 120, 0.5, 30, 1));
  g_ptr_array_add (env->lines, hand_line ("b", 60, 0.5, 20, 1));
  if (with_c)
    g_ptr_array_add (env->lines, hand_line ("c", 30, 0.4, 30, 2));
  env->ae_notified = ae_notified;
  g_assert_true (trj_scenario_validate (s, NULL));
  return s;
}

/* What is previewed is what is applied: the settled lines put into the
 * scenario give the solution's AE to the cent, and its margin is ≥ 0. */
static double
applied_margin (const TrjScenario *s, const TrjEnvelopeSolution *solution)
{
  g_autoptr(TrjScenario) copy = trj_scenario_copy (s);
  g_autoptr(TrjResult) r = trj_result_new (copy);
  TrjEnvelope *env = g_ptr_array_index (copy->envelopes, 0);

  g_assert_cmpuint (solution->lines->len, ==, env->lines->len);
  for (guint l = 0; l < env->lines->len; l++)
    {
      g_assert_cmpstr (((TrjLine *) env->lines->pdata[l])->id, ==,
                       ((TrjLine *) solution->lines->pdata[l])->id);
      trj_line_free (env->lines->pdata[l]);
      env->lines->pdata[l] = trj_line_copy (solution->lines->pdata[l]);
    }
  g_assert_true (trj_scenario_validate (copy, NULL));
  g_assert_true (trj_engine_compute (copy, NULL, r, NULL));
  g_assert_cmpfloat (r->envelopes[0].f.ae_total, ==, solution->ae_total);
  return r->envelopes[0].ae_margin;
}

static void
test_envelope_common (void)
{
  /* Rate: 10 · 52/12 · r · (120 · 30 + 60 · 20 + 30 · 30 · 2) = 286 000 · r;
   * the 143 000 € notified need 50 % on every line (c was at 40 %). */
  {
    g_autoptr(TrjScenario) s = hand_envelope (143000, TRUE);
    g_autoptr(GError) error = NULL;
    g_autoptr(TrjEnvelopeSolution) sol =
      trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_RATE, NAN, FALSE, NAN, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (sol->value, 0.5, 1e-9);
    g_assert_cmpfloat (sol->ae_target, ==, 143000);
    g_assert_cmpfloat (sol->ae_total, <=, 143000);
    g_assert_cmpfloat (143000 - sol->ae_total, <, 0.01);
    for (guint l = 0; l < 3; l++)
      g_assert_cmpfloat (((TrjLine *) sol->lines->pdata[l])->rate, ==, sol->value);
    g_assert_cmpfloat (applied_margin (s, sol), >=, 0);
    /* The scenario is not modified. */
    g_assert_cmpfloat (trj_scenario_find_line (s, "c", NULL)->rate, ==, 0.4);
  }
  /* Hours: 43,33 · h · (60 · 1 + 30 · 1 + 12 · 2) = 4 940 · h; 148 200 € ⇒ 30 h. */
  {
    g_autoptr(TrjScenario) s = hand_envelope (0, TRUE);
    g_autoptr(TrjEnvelopeSolution) sol =
      trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_HOURS, 148200, FALSE, NAN, NULL);

    g_assert_nonnull (sol);
    g_assert_cmpfloat_with_epsilon (sol->value, 30, 1e-7);
    g_assert_cmpfloat (sol->ae_total, <=, 148200);
    g_assert_cmpfloat (((TrjLine *) sol->lines->pdata[1])->weekly_hours, ==, sol->value);
  }
  /* Duration: 43,33 · d · (1 800 + 600 + 360) = 119 600 · d; 179 400 € ⇒ 1,5 month. */
  {
    g_autoptr(TrjScenario) s = hand_envelope (179400, TRUE);
    g_autoptr(TrjEnvelopeSolution) sol =
      trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_DURATION, NAN, FALSE, NAN, NULL);

    g_assert_nonnull (sol);
    g_assert_cmpfloat_with_epsilon (sol->value, 1.5, 1e-8);
    g_assert_cmpfloat (applied_margin (s, sol), >=, 0);
  }
}

static void
test_envelope_volumes (void)
{
  /* × 1,1 exactly: 132, 66 and 33 contracts, 148 720 € to the cent. */
  {
    g_autoptr(TrjScenario) s = hand_envelope (148720, TRUE);
    g_autoptr(TrjEnvelopeSolution) sol =
      trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_VOLUME, NAN, FALSE, NAN, NULL);

    g_assert_nonnull (sol);
    g_assert_cmpfloat_with_epsilon (sol->value, 1.1, 1e-9);
    g_assert_cmpfloat (((TrjLine *) sol->lines->pdata[0])->volume, ==, 132);
    g_assert_cmpfloat (((TrjLine *) sol->lines->pdata[1])->volume, ==, 66);
    g_assert_cmpfloat (((TrjLine *) sol->lines->pdata[2])->volume, ==, 33);
    g_assert_cmpfloat_with_epsilon (sol->ae_total, 148720, 0.005);
    g_assert_cmpfloat (applied_margin (s, sol), >=, -TRJ_OVERRUN_EPSILON);
  }
  /* 143 000 € = × 1,057 7: 126,92, 63,46 and 31,73 contracts. Rounded down,
   * 126 · 650 + 63 · 433,33 + 31 · 1 040 = 141 440 €; one more to the largest
   * remainders while it fits: a (+650 → 142 090), not c (+1 040 → 143 130),
   * b (+433,33 → 142 523,33). */
  {
    g_autoptr(TrjScenario) s = hand_envelope (143000, TRUE);
    g_autoptr(TrjEnvelopeSolution) sol =
      trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_VOLUME, NAN, FALSE, NAN, NULL);
    const TrjLine *a;

    g_assert_nonnull (sol);
    g_assert_cmpfloat_with_epsilon (sol->value, 143000.0 / 135200, 1e-9);
    a = sol->lines->pdata[0];
    g_assert_cmpfloat (a->volume, ==, 127);
    g_assert_cmpfloat (((TrjLine *) sol->lines->pdata[1])->volume, ==, 64);
    g_assert_cmpfloat (((TrjLine *) sol->lines->pdata[2])->volume, ==, 31);
    g_assert_cmpfloat_with_epsilon (sol->ae_total, 142523.3333, 0.001);
    g_assert_cmpfloat (applied_margin (s, sol), >=, 0);
  }
  /* A line given month by month gets whole entries. */
  {
    g_autoptr(TrjScenario) s = hand_envelope (143000, TRUE);
    TrjLine *b = trj_scenario_find_line (s, "b", NULL);
    g_autoptr(TrjEnvelopeSolution) sol = NULL;
    const TrjLine *settled;

    b->entries_mode = TRJ_ENTRIES_MONTHLY;
    memset (b->entries, 0, sizeof b->entries);
    b->entries[0] = 40;
    b->entries[5] = 20;
    sol = trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_VOLUME, NAN, FALSE, NAN, NULL);
    g_assert_nonnull (sol);
    settled = sol->lines->pdata[1];
    g_assert_cmpfloat (trj_line_volume (settled), ==, 64);
    for (int m = 0; m < TRJ_MONTHS; m++)
      g_assert_cmpfloat (settled->entries[m], ==, floor (settled->entries[m]));
    /* 40 : 20 kept: 42,67 and 21,33 become 43 and 21. */
    g_assert_cmpfloat (settled->entries[0], ==, 43);
    g_assert_cmpfloat (settled->entries[5], ==, 21);
    g_assert_cmpfloat (applied_margin (s, sol), >=, 0);
  }
}

/* Both targets: a and b alone, duration 1, lag 1: AE(r) = 208 000 · r and the
 * CP of the year pays January to November's cohorts, AE · (11 − s) / 12. For
 * 114 400 € of AE and 100 100 € of CP: r = 55 %, s = 0,5 (a: 5 entries in
 * January, 15 in December). */
static void
test_envelope_cp (void)
{
  g_autoptr(TrjScenario) s = hand_envelope (114400, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjEnvelopeSolution) sol =
    trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_RATE, NAN, TRUE, 100100, &error);
  const TrjLine *a, *b;

  g_assert_no_error (error);
  g_assert_true (sol->with_cp);
  g_assert_true (sol->cp_reached);
  g_assert_cmpfloat_with_epsilon (sol->value, 0.55, 1e-9);
  g_assert_cmpfloat_with_epsilon (sol->slope, 0.5, 1e-8);
  g_assert_cmpfloat_with_epsilon (sol->cp_total, 100100, 1e-3);
  g_assert_cmpfloat (sol->cp_total, <=, 100100);
  a = sol->lines->pdata[0];
  b = sol->lines->pdata[1];
  g_assert_true (a->has_profile);
  g_assert_cmpfloat_with_epsilon (a->entries[0], 5, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->entries[11], 15, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->entries[0], 2.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (trj_line_volume (b), 60, 1e-9);
  g_assert_cmpfloat (applied_margin (s, sol), >=, 0);

  /* Default CP target: the available CP (ramp_scenario's 1 000 000 €, out of
   * reach: the slope stops at a bound and says so). */
  {
    g_autoptr(TrjEnvelopeSolution) far =
      trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_RATE, NAN, TRUE, NAN, NULL);

    g_assert_nonnull (far);
    g_assert_cmpfloat (far->cp_target, ==, 1e6);
    g_assert_false (far->cp_reached);
    g_assert_cmpfloat (far->slope, ==, -1);
  }
}

static void
test_envelope_no_solution (void)
{
  g_autoptr(TrjScenario) s = hand_envelope (1e6, TRUE);
  g_autoptr(GError) error = NULL;
  TrjEnvelopeSolution *sol;

  /* At 100 % the three lines commit 286 000 €: 1 M€ is out of reach. */
  sol = trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_RATE, NAN, FALSE, NAN, &error);
  g_assert_null (sol);
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION);
  g_assert_nonnull (strstr (error->message, "[0 ; 1]"));
  g_clear_error (&error);

  sol = trj_engine_solve_envelope (s, "IAE", TRJ_UNKNOWN_RATE, NAN, FALSE, NAN, &error);
  g_assert_null (sol);
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing to scale. */
  for (guint l = 0; l < 3; l++)
    {
      TrjLine *line = ((TrjEnvelope *) s->envelopes->pdata[0])->lines->pdata[l];

      line->volume = 0;
      trj_line_spread_volume (line);
    }
  sol = trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_VOLUME, NAN, FALSE, NAN, &error);
  g_assert_null (sol);
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION);
}

/* An envelope whose contracts share it with a free line (30 000 € committed
 * in March): the contracts are solved on what the free line leaves, 143 000 €
 * of the 173 000 €, so the common rate is the 50 % of test_envelope_common.
 * Refused: a free line solved alone, an unknown line, an unknown envelope, an
 * envelope with no contract line left. */
static void
test_envelope_with_free_line (void)
{
  g_autoptr(TrjScenario) s = hand_envelope (173000, TRUE);
  TrjEnvelope *env = g_ptr_array_index (s->envelopes, 0);
  TrjLine *free_line = trj_line_new ("libre", TRJ_KIND_FREE);
  g_autoptr(TrjEnvelopeSolution) sol = NULL;
  g_autoptr(GError) error = NULL;
  double value, target, ae, slope;
  gboolean reached;
  TrjLine *settled = NULL;

  free_line->ae_amount = 30000;
  free_line->commitment_month = 2;
  free_line->cp_schedule[2] = 30000;
  g_ptr_array_add (env->lines, free_line);
  g_assert_true (trj_scenario_validate (s, NULL));

  sol = trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_RATE, NAN, FALSE, NAN, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (sol->value, 0.5, 1e-9);
  g_assert_cmpfloat (sol->ae_target, ==, 173000);
  g_assert_cmpfloat (sol->ae_total, <=, 173000);
  g_assert_cmpfloat (173000 - sol->ae_total, <, 0.01);
  /* The three contract lines, not the free one. */
  g_assert_cmpuint (sol->lines->len, ==, 3);

  g_assert_false (trj_engine_solve (s, "libre", TRJ_UNKNOWN_RATE, NAN, &value, &target, &ae, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "libre"));
  g_clear_error (&error);
  g_assert_false (trj_engine_solve_settle (s, "nulle-part", TRJ_UNKNOWN_RATE, 0.5, 1e6, &settled, &ae, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_UNKNOWN_LINE);
  g_assert_null (settled);
  g_clear_error (&error);
  g_assert_false (trj_engine_calibrate_profile_to (s, "NULLE_PART", NAN, &slope, &reached, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  /* Only the free line left. */
  g_ptr_array_remove_range (env->lines, 0, 3);
  g_clear_pointer (&sol, trj_envelope_solution_free);
  sol = trj_engine_solve_envelope (s, "PEC_CIE_TP", TRJ_UNKNOWN_RATE, NAN, FALSE, NAN, &error);
  g_assert_null (sol);
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION);
  g_assert_nonnull (strstr (error->message, "PEC_CIE_TP"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/solve/round-trip", test_round_trip);
  g_test_add_func ("/solve/rate-for-1300", test_rate_for_1300);
  g_test_add_func ("/solve/volume-keeps-profile", test_volume_keeps_profile);
  g_test_add_func ("/solve/settle", test_settle);
  g_test_add_func ("/solve/no-solution", test_no_solution);
  g_test_add_func ("/solve/names", test_names);
  g_test_add_func ("/solve/calibrate-slope", test_calibrate_slope);
  g_test_add_func ("/solve/calibrate-unreachable", test_calibrate_unreachable);
  g_test_add_func ("/solve/ramp-monthly-line", test_ramp_monthly_line);
  g_test_add_func ("/solve/example-inside-cp", test_example_inside_cp);
  g_test_add_func ("/solve/envelope-common", test_envelope_common);
  g_test_add_func ("/solve/envelope-volumes", test_envelope_volumes);
  g_test_add_func ("/solve/envelope-cp", test_envelope_cp);
  g_test_add_func ("/solve/envelope-no-solution", test_envelope_no_solution);
  g_test_add_func ("/solve/envelope-with-free-line", test_envelope_with_free_line);
  return g_test_run ();
}
