/* test-fie.c — the other FIE programmes of MODEL.md 3 (IAE, entreprises
 * adaptées, GEIQ, free lines and FDI) and the fungibility keys of 2.6, against
 * figures computed by hand from the 2024 amounts of the circular (Fiche 2 §2.2)
 * and the reference values of section 6.
 *
 * Hand computations used below:
 *   socle          = u · (q − q₂) + 0,70 · u · q₂
 *   modulated      = μ · socle                  (paid in Y+1: in cp_after_year)
 *   ae             = socle + modulated − cd     (all in the month of the convention)
 *   cp(m)          = (socle − cd) · w[m] / Σw   (lag 0 by default)
 *   RSA (metropole): 607,75 € to March 2024, 635,71 € from April 2024.
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-catalog.h"
#include "trj-engine.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-workbook.h"
#include "trj-year-data.h"

#define NNBSP "\u202f"

static const TrjYearData *
year_data (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);

  g_assert_no_error (error);
  return data;
}

/* A scenario of one zone with one envelope, notified generously. */
static TrjScenario *
scenario_new (TrjZone zone, const char *envelope_id)
{
  TrjScenario *s = trj_scenario_new ();
  TrjEnvelope *env = trj_envelope_new (envelope_id);

  s->year = 2024;
  s->region = g_strdup (zone == TRJ_ZONE_MAYOTTE ? "Mayotte" : "Bretagne");
  s->zone = zone;
  trj_year_data_reference (year_data (), zone, &s->reference);
  env->ae_notified = 1e9;
  env->cp_notified = 1e9;
  g_ptr_array_add (s->envelopes, env);
  return s;
}

static TrjEnvelope *
envelope (TrjScenario *s, guint i)
{
  return g_ptr_array_index (s->envelopes, i);
}

/* A post-aid line of the year's defaults (unit amount of the kind and zone,
 * modulated part 5 % for IAE, 0 otherwise), added to envelope e. */
static TrjLine *
add_line (TrjScenario *s, guint e, const char *id, TrjLineKind kind, double quantity)
{
  TrjLine *line = trj_catalog_line_new (id, kind, year_data (), s->zone);

  line->quantity = quantity;
  g_ptr_array_add (envelope (s, e)->lines, line);
  return line;
}

static TrjResult *
compute (const TrjScenario *s)
{
  TrjResult *r = trj_result_new (s);
  g_autoptr(GError) error = NULL;

  g_assert_true (trj_scenario_validate (s, &error));
  g_assert_no_error (error);
  g_assert_true (trj_engine_compute (s, &year_data ()->rules, r, &error));
  g_assert_no_error (error);
  return r;
}

static void
assert_money (double got, double want)
{
  g_assert_cmpfloat_with_epsilon (got, want, 1e-6);
}

static guint
count_alerts (const TrjResult *r, TrjAlertCode code, int envelope_index)
{
  guint n = 0;

  for (guint i = 0; i < r->n_alerts; i++)
    n += r->alerts[i].code == code && r->alerts[i].envelope == envelope_index;
  return n;
}

/* Every IAE structure kind in metropole, one line each, lag 0, uniform
 * payment, convention in January, 5 % modulated part:
 *   EI    10 ETP × 12 218 = 122 180; AE 128 289;   CP 10 181,67 a month
 *   ETTI   4 ETP ×  4 688 =  18 752; AE  19 689,60
 *   ACI   10 ETP × 23 458 = 234 580; AE 246 309
 *   AI    20 ETP ×  1 588 =  31 760; AE  33 348
 *   EITI   3 ETP ×  6 443 =  19 329; AE  20 295,45
 * Each line's CP of the year is its socle, its reste à payer its modulated
 * part; the envelope's unit is the ETP: AE per ETP, no AE per contract and no
 * capacity (capacity counts contract lines only). */
static void
test_structure_kinds (void)
{
  static const struct {
    TrjLineKind kind;
    double quantity, unit, socle, ae;
  } cases[] = {
    { TRJ_KIND_EI, 10, 12218, 122180, 128289 },
    { TRJ_KIND_ETTI, 4, 4688, 18752, 19689.6 },
    { TRJ_KIND_ACI, 10, 23458, 234580, 246309 },
    { TRJ_KIND_AI, 20, 1588, 31760, 33348 },
    { TRJ_KIND_EITI, 3, 6443, 19329, 20295.45 },
  };
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  g_autoptr(TrjResult) r = NULL;
  const TrjEnvelopeResult *er;
  double ae = 0, etp = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrjLine *line = add_line (s, 0, trj_kind_to_string (cases[i].kind), cases[i].kind, cases[i].quantity);

      g_assert_cmpfloat (line->unit_amount, ==, cases[i].unit);
      g_assert_cmpfloat (line->modulation, ==, 0.05);
      g_assert_cmpint (line->payment_lag_months, ==, 0);
      ae += cases[i].ae;
      etp += cases[i].quantity;
    }
  r = compute (s);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TrjFigures *f = &trj_result_line (r, 0, i)->f;

      g_test_message ("%s", trj_kind_to_string (cases[i].kind));
      assert_money (f->ae[0], cases[i].ae);
      assert_money (f->ae_total, cases[i].ae);
      for (int m = 0; m < TRJ_MONTHS; m++)
        assert_money (f->cp[m], cases[i].socle / 12);
      assert_money (f->cp_total, cases[i].socle);
      assert_money (f->cp_after_year, 0.05 * cases[i].socle);
      assert_money (f->ae_per_unit, cases[i].ae / cases[i].quantity);
      g_assert_true (isnan (f->ae_per_contract));
      g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (cases[i].kind)->unit), ==, "ETP");
    }
  er = &r->envelopes[0];
  assert_money (er->f.ae_total, ae);
  g_assert_cmpfloat (er->f.volume, ==, etp);
  assert_money (er->f.ae_per_unit, ae / etp);
  g_assert_true (isnan (er->f.ae_per_contract));
  g_assert_true (isnan (er->capacity));
}

/* A passerelle: 8 ETP over 6 months at 2 330 € per ETP over 6 months
 * = 18 640 € of socle, 5 % modulated (932 €): AE 19 572 € in July, when the
 * convention is signed; paid July–December, 18 640 / 6 = 3 106,67 € a month. */
static void
test_passerelle (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  TrjLine *line = add_line (s, 0, "passerelle", TRJ_KIND_PASSERELLE, 8);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  g_assert_cmpfloat (line->unit_amount, ==, 2330);
  line->commitment_month = 6;
  line->has_payment_profile = TRUE;
  for (int m = 0; m < TRJ_MONTHS; m++)
    line->payment_profile[m] = m >= 6;
  r = compute (s);
  f = &trj_result_line (r, 0, 0)->f;
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      assert_money (f->ae[m], m == 6 ? 19572 : 0);
      assert_money (f->cp[m], m >= 6 ? 18640.0 / 6 : 0);
    }
  assert_money (f->cp_total, 18640);
  assert_money (f->cp_after_year, 932);
}

/* CDI inclusion: 100 % of its structure's socle, not the ACI amount, and
 * 70 % for the ETP in their second year (Fiche 2 §2.2). On an EI, 5 ETP of
 * which 2 in their second year:
 *   socle = 12 218 × 3 + 0,70 × 12 218 × 2 = 36 654 + 17 105,20 = 53 759,20
 *   AE    = 53 759,20 × 1,05 = 56 447,16
 * The same line left on the default structure (ACI) takes 23 458 €. */
static void
test_cdi_inclusion (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  TrjLine *line = add_line (s, 0, "cdi", TRJ_KIND_CDI_INCLUSION, 5);
  g_autoptr(TrjResult) r = NULL;
  g_autoptr(GError) error = NULL;
  const TrjFigures *f;

  g_assert_cmpint (line->structure_kind, ==, TRJ_KIND_ACI);
  g_assert_cmpfloat (line->unit_amount, ==, 23458);
  line->structure_kind = TRJ_KIND_EI;
  line->unit_amount = trj_catalog_line_unit_amount (line, year_data (), s->zone);
  g_assert_cmpfloat (line->unit_amount, ==, 12218);
  line->second_year_quantity = 2;
  r = compute (s);
  f = &trj_result_line (r, 0, 0)->f;
  assert_money (f->ae_total, 56447.16);
  assert_money (f->cp_total, 53759.2);
  assert_money (f->cp_after_year, 0.05 * 53759.2);
  assert_money (f->ae_per_unit, 56447.16 / 5);

  /* A CDI inclusion belongs to a structure kind, never to another kind. */
  line->structure_kind = TRJ_KIND_PASSERELLE;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "envelopes[0].lines[0].structure_kind" NNBSP
                   ": un CDI inclusion relève d’une EI, d’une ETTI, d’un ACI, d’une AI ou d’une EITI");
}

/* An ACI in prison: the modulated part is fixed at 5 % (Fiche 2 §2.2):
 * 10 ETP, AE 246 309 €; 8 % is refused; prison is for IAE kinds only. */
static void
test_prison (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  TrjLine *line = add_line (s, 0, "aci-prison", TRJ_KIND_ACI, 10);
  g_autoptr(TrjResult) r = NULL;
  g_autoptr(GError) error = NULL;

  line->prison = TRUE;
  r = compute (s);
  assert_money (r->lines[0].f.ae_total, 246309);
  assert_money (r->lines[0].f.cp_after_year, 11729);

  line->modulation = 0.08;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "envelopes[0].lines[0].modulation" NNBSP
                   ": 0,08" NNBSP ": la part modulée d’une structure en milieu pénitentiaire est fixée à 0,05");
  g_clear_error (&error);

  line->modulation = 0;
  line->prison = FALSE;
  line->kind = TRJ_KIND_EA_SOCLE;
  line->prison = TRUE;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_true (g_str_has_prefix (error->message, "envelopes[0].lines[0].prison" NNBSP ": "));
}

/* Mayotte's amounts (Fiche 2 §2.2): EI 9 223, ETTI 3 538, ACI 17 708, AI 1 198,
 * EITI 4 862, passerelle 1 760; a CDI inclusion on an AI takes 1 198. An ACI
 * of 10 ETP: socle 177 080, AE 185 934. EA socle 13 491 is « à vérifier ». */
static void
test_mayotte (void)
{
  static const struct { TrjLineKind kind; double unit; } amounts[] = {
    { TRJ_KIND_EI, 9223 }, { TRJ_KIND_ETTI, 3538 }, { TRJ_KIND_ACI, 17708 },
    { TRJ_KIND_AI, 1198 }, { TRJ_KIND_EITI, 4862 }, { TRJ_KIND_PASSERELLE, 1760 },
  };
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_MAYOTTE, "IAE");
  g_autoptr(TrjLine) cdi = trj_catalog_line_new ("cdi", TRJ_KIND_CDI_INCLUSION, year_data (),
                                                 TRJ_ZONE_MAYOTTE);
  g_autoptr(TrjResult) r = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autoptr(TrjLine) line = trj_catalog_line_new ("l", amounts[i].kind, year_data (), TRJ_ZONE_MAYOTTE);

      g_assert_cmpfloat (line->unit_amount, ==, amounts[i].unit);
    }
  cdi->structure_kind = TRJ_KIND_AI;
  g_assert_cmpfloat (trj_catalog_line_unit_amount (cdi, year_data (), TRJ_ZONE_MAYOTTE), ==, 1198);
  g_assert_true (year_data ()->post_aid_to_verify[TRJ_KIND_EA_SOCLE][TRJ_ZONE_MAYOTTE]);

  add_line (s, 0, "aci", TRJ_KIND_ACI, 10);
  r = compute (s);
  assert_money (r->lines[0].f.ae_total, 185934);
  assert_money (r->lines[0].f.cp_total, 177080);
}

/* The département's cofinancing is capped at the socle: 1 ETP of EI
 * (12 218 €) with 3 RSA recipients over 12 months from January would bring
 *   0,88 × 3 × (3 × 607,75 + 9 × 635,71) = 0,88 × 3 × 7 544,64 = 19 917,8496 €;
 * capped at 12 218 €: AE = 12 218 + 610,90 − 12 218 = 610,90 €, no CP in the
 * year (the socle is all the département's), COFINANCING_EXCEEDS_AID. */
static void
test_cofinancing_cap (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  TrjLine *line = add_line (s, 0, "ei", TRJ_KIND_EI, 1);
  g_autoptr(TrjResult) r = NULL;
  const TrjAlert *alert = NULL;

  line->rsa_recipients = 3;
  line->rsa_months = 12;
  r = compute (s);
  assert_money (r->lines[0].f.ae_total, 610.9);
  assert_money (r->lines[0].f.cp_total, 0);
  assert_money (r->lines[0].f.cp_after_year, 610.9);
  for (guint i = 0; i < r->n_alerts; i++)
    if (r->alerts[i].code == TRJ_ALERT_COFINANCING_EXCEEDS_AID)
      alert = &r->alerts[i];
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->envelope, ==, 0);
  g_assert_cmpint (alert->line, ==, 0);
  assert_money (alert->value, 19917.8496);
  assert_money (alert->limit_hi, 12218);
  g_assert_cmpstr (trj_alert_code_to_string (alert->code), ==, "COFINANCING_EXCEEDS_AID");

  /* Within the socle (one recipient over 3 months: 0,88 × 3 × 607,75 =
   * 1 604,46 €) no alert, and the cofinancing comes off the AE. */
  line->rsa_recipients = 1;
  line->rsa_months = 3;
  trj_engine_compute (s, NULL, r, NULL);
  assert_money (r->lines[0].f.ae_total, 12218 * 1.05 - 1604.46);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_COFINANCING_EXCEEDS_AID, 0), ==, 0);
}

/* A convention signed late (September, E = 8), lag 0: the eight months
 * served before it are paid with September, never before the AE:
 * 9 × 234 580 / 12 = 175 935 € in September, then 19 548,33 € a month; the
 * cumulative CP stays under the cumulative AE (246 309 € from September). */
static void
test_late_signature (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  TrjLine *line = add_line (s, 0, "aci", TRJ_KIND_ACI, 10);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  line->commitment_month = 8;
  r = compute (s);
  f = &trj_result_line (r, 0, 0)->f;
  for (int m = 0; m < 8; m++)
    {
      g_assert_cmpfloat (f->ae[m], ==, 0);
      g_assert_cmpfloat (f->cp[m], ==, 0);
    }
  assert_money (f->ae[8], 246309);
  assert_money (f->cp[8], 175935);
  for (int m = 9; m < TRJ_MONTHS; m++)
    assert_money (f->cp[m], 234580.0 / 12);
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_assert_cmpfloat (f->cp_cum[m], <=, f->ae_cum[m] + 1e-6);
  assert_money (f->cp_total, 234580);
  assert_money (f->cp_after_year, 11729);
}

/* The modulated part is paid once in Y+1 (modulation_month, April by
 * default): in cp_after_year, due in Y+1. An ACI of 10 ETP at 8 %:
 * 0,08 × 234 580 = 18 766,40 €; with a 2-month lag the twelfths of November
 * and December join it: 18 766,40 + 2 × 19 548,33 = 57 863,07 €. */
static void
test_modulation_after_year (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  TrjLine *line = add_line (s, 0, "aci", TRJ_KIND_ACI, 10);
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  g_assert_cmpint (line->modulation_month, ==, 3);
  line->modulation = 0.08;
  line->modulation_month = 5;
  r = compute (s);
  f = &trj_result_line (r, 0, 0)->f;
  assert_money (f->ae_total, 234580 * 1.08);
  assert_money (f->cp_total, 234580);
  assert_money (f->cp_after_year, 18766.4);
  assert_money (f->cp_after_by_year[0], 18766.4);

  line->payment_lag_months = 2;
  trj_engine_compute (s, NULL, r, NULL);
  f = &trj_result_line (r, 0, 0)->f;
  assert_money (f->cp_after_year, 18766.4 + 2 * 234580.0 / 12);
  assert_money (f->cp_after_by_year[0], f->cp_after_year);
  assert_money (f->ae_total, f->cp_total + f->cp_after_year);
}

/* GEIQ: 30 aids « renforcé » at 1 400 € = 42 000 € and 20 « standard » at
 * 814 € = 16 280 €, no modulated part, paid as people are hired: the hiring
 * profile 3 in March–June and September–October (Σ 18) pays 42 000 × 3 / 18
 * = 7 000 € in each of those months for the first line. The unit is « aides ». */
static void
test_geiq (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "GEIQ");
  TrjLine *renforce = add_line (s, 0, "geiq-r", TRJ_KIND_GEIQ_RENFORCE, 30);
  TrjLine *standard = add_line (s, 0, "geiq-s", TRJ_KIND_GEIQ_STANDARD, 20);
  static const double hiring[TRJ_MONTHS] = { 0, 0, 3, 3, 3, 3, 0, 0, 3, 3, 0, 0 };
  g_autoptr(TrjResult) r = NULL;
  const TrjFigures *f;

  g_assert_cmpfloat (renforce->unit_amount, ==, 1400);
  g_assert_cmpfloat (standard->unit_amount, ==, 814);
  g_assert_cmpfloat (renforce->modulation, ==, 0);
  renforce->has_payment_profile = TRUE;
  memcpy (renforce->payment_profile, hiring, sizeof hiring);
  r = compute (s);
  f = &trj_result_line (r, 0, 0)->f;
  assert_money (f->ae[0], 42000);
  for (int m = 0; m < TRJ_MONTHS; m++)
    assert_money (f->cp[m], hiring[m] > 0 ? 7000 : 0);
  assert_money (f->cp_after_year, 0);
  assert_money (f->ae_per_unit, 1400);
  assert_money (r->envelopes[0].f.ae_total, 58280);
  g_assert_cmpfloat (r->envelopes[0].f.volume, ==, 50);
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (TRJ_KIND_GEIQ_STANDARD)->unit), ==, "aides");
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_envelope ("GEIQ")->unit), ==, "aides");
}

/* FDI has no credits: its line is funded from the margins of IAE. IAE
 * notified 300 000 € (AE and CP) with an ACI of 10 ETP (AE 246 309 €, CP
 * 234 580 €); the FDI line commits 40 000 € in March, pays 10 000 € in March
 * and 20 000 € in June:
 *   IAE available 260 000 / 270 000, margins 13 691 / 35 420;
 *   FDI available 40 000 / 30 000, margins 0: no overrun of a 0 € envelope.
 * At 60 000 € the IAE margin is −6 309 €: the alert is on IAE, not FDI. */
static void
test_fdi_on_margins (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "IAE");
  TrjEnvelope *fdi = trj_envelope_new ("FDI");
  TrjLine *line = trj_catalog_line_new ("fdi-1", TRJ_KIND_FREE, year_data (), s->zone);
  g_autoptr(TrjResult) r = NULL;
  g_autoptr(GError) error = NULL;

  envelope (s, 0)->ae_notified = 300000;
  envelope (s, 0)->cp_notified = 300000;
  add_line (s, 0, "aci", TRJ_KIND_ACI, 10);
  line->ae_amount = 40000;
  line->commitment_month = 2;
  line->cp_schedule[2] = 10000;
  line->cp_schedule[5] = 20000;
  line->funded_from = g_strdup ("IAE");
  g_ptr_array_add (fdi->lines, line);
  g_ptr_array_add (s->envelopes, fdi);

  r = compute (s);
  assert_money (r->envelopes[0].ae_available, 260000);
  assert_money (r->envelopes[0].cp_available, 270000);
  assert_money (r->envelopes[0].ae_margin, 13691);
  assert_money (r->envelopes[0].cp_margin, 35420);
  assert_money (r->envelopes[1].ae_available, 40000);
  assert_money (r->envelopes[1].cp_available, 30000);
  assert_money (r->envelopes[1].ae_margin, 0);
  assert_money (r->envelopes[1].cp_margin, 0);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_AE_OVER_ENVELOPE, 0), ==, 0);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_AE_OVER_ENVELOPE, 1), ==, 0);
  /* The region's AE counts the FDI line once. */
  assert_money (r->region.ae_total, 286309);

  line->ae_amount = 60000;
  trj_engine_compute (s, &year_data ()->rules, r, NULL);
  assert_money (r->envelopes[0].ae_margin, -6309);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_AE_OVER_ENVELOPE, 0), ==, 1);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_AE_OVER_ENVELOPE, 1), ==, 0);

  /* Funded from an envelope the scenario does not have: refused. */
  g_free (line->funded_from);
  line->funded_from = g_strdup ("EA");
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "envelopes[1].lines[0].funded_from" NNBSP
                   ": «\u00a0EA\u00a0» n’est pas une autre enveloppe du scénario");
}

/* A free line never pays more CP than its AE, nor before it. */
static void
test_free_line_limits (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "FDI");
  TrjLine *line = trj_catalog_line_new ("it", TRJ_KIND_FREE, year_data (), s->zone);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (line->payment_lag_months, ==, 0);
  g_ptr_array_add (envelope (s, 0)->lines, line);
  line->ae_amount = 50000;
  line->commitment_month = 3;
  line->cp_schedule[3] = 30000;
  line->cp_schedule[8] = 20000;
  g_assert_true (trj_scenario_validate (s, NULL));

  line->cp_schedule[8] = 20001;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "envelopes[0].lines[0].cp_schedule" NNBSP
                   ": les CP échéancés (50001 €) dépassent le montant des AE (50000 €)");
  g_clear_error (&error);

  line->cp_schedule[8] = 10000;
  line->cp_schedule[2] = 5000;
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "envelopes[0].lines[0].cp_schedule[2]" NNBSP
                   ": aucun CP ne peut être payé avant le mois des AE");
}

/* Capacity and AE per contract count the contract lines only. PEC_CIE_TP
 * notified 20 000 € holds 10 PEC contracts of one month from January
 * (50 %, 25 h: 0,5 × 11,65 × 25 × 52/12 = 631,041667 € each) and a free line
 * of 10 000 €: AE per contract 631,04 € (not 1 631,04 €), capacity
 * ⌊(20 000 − 10 000) / 631,041667⌋ = ⌊15,847⌋ = 15. */
static void
test_capacity_contract_lines (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "PEC_CIE_TP");
  TrjLine *pec = trj_line_new ("pec", TRJ_KIND_PEC);
  TrjLine *free_line = trj_line_new ("it", TRJ_KIND_FREE);
  g_autoptr(TrjResult) r = NULL;
  const double aid = 0.5 * 11.65 * 25 * 52.0 / 12.0;

  pec->rate = 0.5;
  pec->weekly_hours = 25;
  pec->duration_months = 1;
  pec->entries[0] = 10;
  free_line->ae_amount = 10000;
  g_ptr_array_add (envelope (s, 0)->lines, pec);
  g_ptr_array_add (envelope (s, 0)->lines, free_line);
  envelope (s, 0)->ae_notified = 20000;
  r = compute (s);
  assert_money (r->envelopes[0].f.ae_total, 10 * aid + 10000);
  assert_money (r->envelopes[0].f.ae_per_contract, aid);
  g_assert_cmpfloat (r->envelopes[0].capacity, ==, 15);
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (TRJ_KIND_FREE)->unit), ==, "€");
}

/* Initiatives territoriales come from the envelope the user chooses: with
 * PEC_CIE_TP 1 000 000 € and IAE 2 000 000 € notified (ceiling 0,44 % ×
 * 3 000 000 = 13 200 €), 10 000 € taken from IAE leave IAE 1 990 000 €
 * available and PEC 1 000 000 €. Demandes complémentaires are never in the
 * available. */
static void
test_territorial_source (void)
{
  g_autoptr(TrjScenario) s = scenario_new (TRJ_ZONE_METROPOLE, "PEC_CIE_TP");
  TrjEnvelope *iae = trj_envelope_new ("IAE");
  g_autoptr(TrjResult) r = NULL;
  g_autoptr(GError) error = NULL;

  envelope (s, 0)->ae_notified = 1000000;
  iae->ae_notified = 2000000;
  iae->demande.ae = 50000;
  iae->demande.cp = 40000;
  iae->demande.reason = g_strdup ("Ouverture d’un ACI en détention");
  g_ptr_array_add (s->envelopes, iae);
  s->has_fungibility = TRUE;
  s->fungibility.initiatives_territoriales_ae = 10000;
  s->fungibility.initiatives_territoriales_source = g_strdup ("IAE");
  r = compute (s);
  assert_money (r->territorial_ceiling, 13200);
  assert_money (r->envelopes[0].ae_available, 1000000);
  assert_money (r->envelopes[1].ae_available, 1990000);
  assert_money (r->envelopes[1].cp_available, 0);

  /* Above a ceiling lowered afterwards, the alert names the source envelope. */
  iae->ae_notified = 1000000;   /* ceiling 8 800 € */
  trj_engine_compute (s, &year_data ()->rules, r, NULL);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_FUNGIBILITY_OVER_CEILING, 1), ==, 1);

  g_free (s->fungibility.initiatives_territoriales_source);
  s->fungibility.initiatives_territoriales_source = g_strdup ("GEIQ");
  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_cmpstr (error->message, ==, "fungibility.initiatives_territoriales_source" NNBSP
                   ": «\u00a0GEIQ\u00a0» n’est pas une enveloppe du scénario");
}

static const char fie_document[] =
    "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
    "  \"zone\": \"metropole\", \"envelopes\": ["
    "  { \"id\": \"IAE\", \"ae_notified\": 300000, \"cp_notified\": 300000,"
    "    \"demandes_complementaires\": { \"ae\": 50000, \"cp\": 40000, \"reason\": \"ACI en détention\" },"
    "    \"lines\": ["
    "    { \"id\": \"aci\", \"label\": \"ACI Brest\", \"kind\": \"ACI\", \"quantity\": 10, \"prison\": true, \"modulation_month\": 6 },"
    "    { \"id\": \"cdi\", \"label\": \"CDI inclusion Quimper\", \"kind\": \"CDI_INCLUSION\", \"quantity\": 5, \"second_year_quantity\": 2,"
    "      \"structure_kind\": \"EI\" } ] },"
    "  { \"id\": \"FDI\", \"ae_notified\": 0, \"cp_notified\": 0, \"lines\": ["
    "    { \"id\": \"fdi\", \"label\": \"FDI Rennes\", \"kind\": \"FREE\", \"ae_amount\": 40000, \"commitment_month\": 3,"
    "      \"cp_schedule\": [0, 0, 10000, 0, 0, 20000, 0, 0, 0, 0, 0, 0], \"funded_from\": \"IAE\" } ] } ],"
    "  \"fungibility\": { \"initiatives_territoriales_ae\": 1000,"
    "                     \"initiatives_territoriales_source\": \"IAE\" } }";

/* The keys of MODEL 7 for sections 2.6 and 3 round-trip through JSON. */
static void
test_json_keys (void)
{
  const char *document = fie_document;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_data (document, -1, &error);
  g_autoptr(TrjScenario) again = NULL;
  g_autofree char *text = NULL, *text_again = NULL;
  g_autoptr(TrjResult) r = NULL;
  TrjLine *aci, *cdi, *fdi;

  g_assert_no_error (error);
  aci = trj_scenario_find_line (s, "aci", NULL);
  cdi = trj_scenario_find_line (s, "cdi", NULL);
  fdi = trj_scenario_find_line (s, "fdi", NULL);
  g_assert_true (aci->prison);
  g_assert_cmpfloat (aci->modulation, ==, 0.05);
  g_assert_cmpint (aci->modulation_month, ==, 5);
  g_assert_cmpint (cdi->structure_kind, ==, TRJ_KIND_EI);
  g_assert_cmpfloat (cdi->unit_amount, ==, 12218);
  g_assert_cmpstr (fdi->funded_from, ==, "IAE");
  g_assert_cmpfloat (envelope (s, 0)->demande.ae, ==, 50000);
  g_assert_cmpstr (envelope (s, 0)->demande.reason, ==, "ACI en détention");
  g_assert_cmpstr (s->fungibility.initiatives_territoriales_source, ==, "IAE");

  /* 300 000 − 40 000 (FDI) − 1 000 (initiatives territoriales). */
  r = compute (s);
  assert_money (r->envelopes[0].ae_available, 259000);

  text = trj_json_scenario_to_data (s);
  again = trj_json_scenario_from_data (text, -1, &error);
  g_assert_no_error (error);
  text_again = trj_json_scenario_to_data (again);
  g_assert_cmpstr (text, ==, text_again);
  g_assert_nonnull (strstr (text, "\"structure_kind\": \"EI\""));
  g_assert_nonnull (strstr (text, "\"prison\": true"));
  g_assert_nonnull (strstr (text, "\"modulation_month\": 6"));
  g_assert_nonnull (strstr (text, "\"funded_from\": \"IAE\""));
  g_assert_nonnull (strstr (text, "\"initiatives_territoriales_source\": \"IAE\""));

  /* structure_kind is for CDI inclusion lines, prison for IAE ones. */
  {
    g_autoptr(TrjScenario) bad = NULL;
    g_autofree char *wrong = g_strdup (document);
    char *at = strstr (wrong, "\"structure_kind\": \"EI\"");

    memcpy (at, "\"structure_kind\": \"EA\"", strlen ("\"structure_kind\": \"EA\""));
    bad = trj_json_scenario_from_data (wrong, -1, &error);
    g_assert_null (bad);
    g_assert_nonnull (strstr (error->message, "envelopes[0].lines[1].structure_kind"));
  }
}

/* The workbook keeps every FIE key: a scenario imported and read back writes
 * the same JSON, and the new line fields are edited one at a time. */
static void
test_workbook_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_data (fie_document, -1, &error);
  g_autoptr(TrjScenario) back = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-fie-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "fie.trajectoire", NULL);
  g_autofree char *text = NULL, *text_back = NULL;
  TrjLine *line;
  gint64 id;

  g_assert_no_error (error);
  wb = trj_workbook_new_for_region (path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, s, "FIE", &error);
  g_assert_no_error (error);
  back = trj_workbook_get_scenario (wb, id, &error);
  g_assert_no_error (error);
  text = trj_json_scenario_to_data (s);
  text_back = trj_json_scenario_to_data (back);
  g_assert_cmpstr (text_back, ==, text);

  g_assert_true (trj_workbook_set_line_text (wb, id, "cdi", TRJ_LINE_FIELD_STRUCTURE_KIND, "AI", &error));
  g_assert_true (trj_workbook_set_line_number (wb, id, "aci", TRJ_LINE_FIELD_PRISON, 0, &error));
  g_assert_true (trj_workbook_set_line_number (wb, id, "aci", TRJ_LINE_FIELD_MODULATION_MONTH, 2, &error));
  g_assert_true (trj_workbook_set_line_text (wb, id, "fdi", TRJ_LINE_FIELD_FUNDED_FROM, "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, trj_scenario_free);
  back = trj_workbook_get_scenario (wb, id, &error);
  g_assert_no_error (error);
  line = trj_scenario_find_line (back, "cdi", NULL);
  g_assert_cmpint (line->structure_kind, ==, TRJ_KIND_AI);
  /* The unit amount follows the structure: 1 588 € for an AI. */
  g_assert_cmpfloat (line->unit_amount, ==, 1588);
  line = trj_scenario_find_line (back, "aci", NULL);
  g_assert_false (line->prison);
  g_assert_cmpint (line->modulation_month, ==, 2);
  g_assert_null (trj_scenario_find_line (back, "fdi", NULL)->funded_from);
  /* A kind that is no structure is refused. */
  g_assert_false (trj_workbook_set_line_text (wb, id, "cdi", TRJ_LINE_FIELD_STRUCTURE_KIND, "NOPE", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);

  g_clear_object (&wb);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  /* French messages whatever the caller's locale. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fie/structure-kinds", test_structure_kinds);
  g_test_add_func ("/fie/passerelle", test_passerelle);
  g_test_add_func ("/fie/cdi-inclusion", test_cdi_inclusion);
  g_test_add_func ("/fie/prison", test_prison);
  g_test_add_func ("/fie/mayotte", test_mayotte);
  g_test_add_func ("/fie/cofinancing-cap", test_cofinancing_cap);
  g_test_add_func ("/fie/late-signature", test_late_signature);
  g_test_add_func ("/fie/modulation-after-year", test_modulation_after_year);
  g_test_add_func ("/fie/geiq", test_geiq);
  g_test_add_func ("/fie/fdi-on-margins", test_fdi_on_margins);
  g_test_add_func ("/fie/free-line-limits", test_free_line_limits);
  g_test_add_func ("/fie/capacity-contract-lines", test_capacity_contract_lines);
  g_test_add_func ("/fie/territorial-source", test_territorial_source);
  g_test_add_func ("/fie/json-keys", test_json_keys);
  g_test_add_func ("/fie/workbook-keys", test_workbook_keys);
  return g_test_run ();
}
