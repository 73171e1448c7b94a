/* test-catalog.c — the catalogue's envelopes, kinds and hard limits, and the
 * refusals built on them (trj_scenario_validate, the JSON reader)
 *
 * Messages are checked in French, byte for byte: the key path, U+202F before
 * the colon, the bound.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-engine.h"
#include "trj-i18n.h"
#include "trj-json.h"

#define NNBSP "\u202F"

static void
test_envelopes (void)
{
  const TrjCatalogEnvelope *pec = trj_catalog_envelope ("PEC_CIE_TP");
  const TrjCatalogEnvelope *cie = trj_catalog_envelope ("CIE_JEUNES");
  const char *const ids[] = { "PEC_CIE_TP", "CIE_JEUNES", "IAE", "EA", "GEIQ", "FDI" };
  const TrjUnit units[] = { TRJ_UNIT_CONTRACTS, TRJ_UNIT_CONTRACTS, TRJ_UNIT_ETP, TRJ_UNIT_ETP,
                            TRJ_UNIT_AIDS, TRJ_UNIT_EUROS };

  g_assert_cmpuint (trj_catalog_n_envelopes (), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpstr (trj_catalog_envelope_at (i)->id, ==, ids[i]);
      g_assert_cmpint (trj_catalog_envelope_order (ids[i]), ==, (int) i);
      g_assert_cmpint (trj_catalog_envelope_at (i)->unit, ==, units[i]);
      /* FDI has no credits of its own (MODEL 3): outside the 0.44 % base. */
      g_assert_cmpint (trj_catalog_envelope_at (i)->territorial_base, ==, i < 5);
    }
  g_assert_null (trj_catalog_envelope ("PIC"));
  g_assert_cmpint (trj_catalog_envelope_order ("PIC"), ==, G_MAXINT);

  /* One spelling of each title, in French. */
  g_assert_cmpstr (trj_catalog_envelope_title ("PEC_CIE_TP"), ==, "PEC et CIE tous publics");
  g_assert_cmpstr (trj_catalog_envelope_title ("CIE_JEUNES"), ==, "CIE jeunes");
  g_assert_cmpstr (trj_catalog_envelope_title ("IAE"), ==, "Insertion par l’activité économique");
  g_assert_cmpstr (trj_catalog_envelope_title ("EA"), ==, "Entreprises adaptées");
  g_assert_cmpstr (trj_catalog_envelope_title ("GEIQ"), ==, "GEIQ");
  g_assert_cmpstr (trj_catalog_envelope_title ("PIC"), ==, "PIC");

  /* CIE jeunes → PEC only; CIE tous publics lines belong to the PEC envelope. */
  g_assert_cmpstr (trj_catalog_transfer_source (), ==, "CIE_JEUNES");
  g_assert_cmpstr (trj_catalog_transfer_target (), ==, "PEC_CIE_TP");
  g_assert_cmpuint (pec->n_kinds, ==, 2);
  g_assert_cmpint (pec->kinds[0], ==, TRJ_KIND_PEC);
  g_assert_cmpint (pec->kinds[1], ==, TRJ_KIND_CIE_TP);
  g_assert_cmpint (pec->rules_index, ==, 0);
  g_assert_cmpuint (cie->n_kinds, ==, 1);
  g_assert_cmpint (cie->rules_index, ==, 1);
  g_assert_cmpint (trj_catalog_envelope_default_kind ("CIE_JEUNES"), ==, TRJ_KIND_CIE_JEUNES);
  g_assert_cmpint (trj_catalog_envelope_default_kind ("IAE"), ==, TRJ_KIND_EI);
  g_assert_cmpint (trj_catalog_envelope_default_kind ("GEIQ"), ==, TRJ_KIND_GEIQ_RENFORCE);
  g_assert_cmpint (trj_catalog_envelope_default_kind ("PIC"), ==, TRJ_KIND_FREE);
}

static void
test_kinds (void)
{
  TrjLineKind kind;

  for (TrjLineKind k = 0; k < TRJ_N_KINDS; k++)
    {
      g_assert_cmpint (trj_catalog_kind (k)->kind, ==, k);
      g_assert_true (trj_kind_from_string (trj_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (trj_kind_from_string ("pec", &kind));
  g_assert_cmpstr (trj_catalog_kind_title (TRJ_KIND_CIE_TP), ==, "CIE tous publics");
  g_assert_cmpstr (trj_catalog_kind_title (TRJ_KIND_FREE), ==, "Ligne libre");
  g_assert_cmpint (trj_kind_shape (TRJ_KIND_CIE_TP), ==, TRJ_LINE_SHAPE_CONTRACT);
  g_assert_cmpint (trj_kind_shape (TRJ_KIND_CDI_INCLUSION), ==, TRJ_LINE_SHAPE_POST_AID);
  g_assert_cmpint (trj_kind_shape (TRJ_KIND_FREE), ==, TRJ_LINE_SHAPE_FREE);

  /* The unit words of the result's "unit" key (MODEL 7). */
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (TRJ_KIND_PEC)->unit), ==, "contrats");
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (TRJ_KIND_ACI)->unit), ==, "ETP");
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (TRJ_KIND_EA_MAD)->unit), ==, "ETP");
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (TRJ_KIND_GEIQ_STANDARD)->unit), ==, "aides");
  g_assert_cmpstr (trj_catalog_unit_word (trj_catalog_kind (TRJ_KIND_FREE)->unit), ==, "€");
  g_assert_true (trj_catalog_kind (TRJ_KIND_PASSERELLE)->iae);
  g_assert_false (trj_catalog_kind (TRJ_KIND_EA_SOCLE)->iae);

  /* Where a line of a kind goes when a file does not say (the CSV import):
   * CIE tous publics lines are charged to the PEC envelope (MODEL 2.1). */
  g_assert_cmpstr (trj_catalog_kind_envelope (TRJ_KIND_PEC), ==, "PEC_CIE_TP");
  g_assert_cmpstr (trj_catalog_kind_envelope (TRJ_KIND_CIE_TP), ==, "PEC_CIE_TP");
  g_assert_cmpstr (trj_catalog_kind_envelope (TRJ_KIND_CIE_JEUNES), ==, "CIE_JEUNES");
  g_assert_cmpstr (trj_catalog_kind_envelope (TRJ_KIND_CDI_INCLUSION), ==, "IAE");
  g_assert_cmpstr (trj_catalog_kind_envelope (TRJ_KIND_EA_EATT), ==, "EA");
  g_assert_cmpstr (trj_catalog_kind_envelope (TRJ_KIND_FREE), ==, "FDI");
  for (TrjLineKind k = 0; k < TRJ_N_KINDS; k++)
    g_assert_nonnull (trj_catalog_kind_envelope (k));

  {
    g_autofree char *contract = trj_catalog_kind_names (TRJ_LINE_SHAPE_CONTRACT);
    g_autofree char *free_kinds = trj_catalog_kind_names (TRJ_LINE_SHAPE_FREE);

    g_assert_cmpstr (contract, ==, "PEC, CIE_JEUNES, CIE_TP");
    g_assert_cmpstr (free_kinds, ==, "FREE");
  }
}

/* Every parameter: its bounds as MODEL 2.1, 3 and issue 11 set them. */
static const struct {
  TrjParam param;
  const char *key;
  double min, max;
  gboolean min_open, whole;
  guint n_values;
} limits[] = {
  { TRJ_PARAM_RATE, "rate", 0, 1, TRUE, FALSE, 1 },
  { TRJ_PARAM_WEEKLY_HOURS, "weekly_hours", 0, 35, TRUE, FALSE, 1 },
  { TRJ_PARAM_DURATION_MONTHS, "duration_months", 0, 24, TRUE, FALSE, 1 },
  { TRJ_PARAM_COFINANCED_SHARE, "cofinanced_share", 0, 1, FALSE, FALSE, 1 },
  { TRJ_PARAM_PAYMENT_LAG_MONTHS, "payment_lag_months", 0, 6, FALSE, TRUE, 1 },
  { TRJ_PARAM_ENTRIES, "entries", 0, 1e6, FALSE, FALSE, 12 },
  { TRJ_PARAM_VOLUME, "volume", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_PROFILE, "profile", 0, 1e6, FALSE, FALSE, 12 },
  { TRJ_PARAM_PREVIOUS_ENTRIES, "previous_entries", 0, 1e6, FALSE, FALSE, 12 },
  { TRJ_PARAM_PUBLIC_SHARE, "publics", 0, 1, FALSE, FALSE, 1 },
  { TRJ_PARAM_RENEWAL_SHARE, "renewal_share", 0, 1, FALSE, FALSE, 1 },
  { TRJ_PARAM_QUANTITY, "quantity", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_UNIT_AMOUNT, "unit_amount", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_MODULATION, "modulation", 0, 0.10, FALSE, FALSE, 1 },
  { TRJ_PARAM_SECOND_YEAR_QUANTITY, "second_year_quantity", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_RSA_RECIPIENTS, "rsa_recipients", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_RSA_MONTHS, "rsa_months", 0, 12, FALSE, FALSE, 1 },
  { TRJ_PARAM_COMMITMENT_MONTH, "commitment_month", 0, 11, FALSE, TRUE, 1 },
  { TRJ_PARAM_PAYMENT_PROFILE, "payment_profile", 0, 1e6, FALSE, FALSE, 12 },
  { TRJ_PARAM_MODULATION_MONTH, "modulation_month", 0, 11, FALSE, TRUE, 1 },
  { TRJ_PARAM_PRISON, "prison", 0, 1, FALSE, TRUE, 1 },
  { TRJ_PARAM_CONVENTIONNE_PREVIOUS, "conventionne_previous", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_REALISE_PREVIOUS, "realise_previous", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_DECREASE_REQUESTED, "decrease_requested", 0, 1, FALSE, TRUE, 1 },
  { TRJ_PARAM_REVALUATION_REQUESTED, "revaluation_requested", 0, 1, FALSE, TRUE, 1 },
  { TRJ_PARAM_DEVELOPMENT, "development", 0, 1, FALSE, TRUE, 1 },
  { TRJ_PARAM_REALISED_ETP, "realised_etp", 0, 1e6, FALSE, FALSE, 12 },
  { TRJ_PARAM_AE_AMOUNT, "ae_amount", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_CP_SCHEDULE, "cp_schedule", 0, 1e11, FALSE, FALSE, 12 },
  { TRJ_PARAM_AE_NOTIFIED, "ae_notified", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_CP_NOTIFIED, "cp_notified", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_VOLUME_NOTIFIED, "volume_notified", 0, 1e7, FALSE, FALSE, 1 },
  { TRJ_PARAM_PREVIOUS_MODULATION_CP, "previous_modulation_cp", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_DEMANDE_AE, "demandes_complementaires.ae", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_DEMANDE_CP, "demandes_complementaires.cp", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_TRANSFER_AE, "cie_jeunes_to_pec_ae", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_TRANSFER_CP, "cie_jeunes_to_pec_cp", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_TERRITORIAL_AE, "initiatives_territoriales_ae", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_DEMANDES_COMPLEMENTAIRES, "demandes_complementaires", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_SMIC_HOURLY, "smic_hourly", 0, 1000, TRUE, FALSE, 1 },
  { TRJ_PARAM_RSA, "rsa", 0, 1e5, TRUE, FALSE, 1 },
  { TRJ_PARAM_CD_SHARE, "cd_share", 0, 1, FALSE, FALSE, 1 },
  { TRJ_PARAM_WEEKS_PER_MONTH, "weeks_per_month", 0, 5, TRUE, FALSE, 1 },
  { TRJ_PARAM_ACTUAL_ENTRIES, "actual_entries", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_ACTUAL_ETP, "actual_etp", 0, 1e6, FALSE, FALSE, 1 },
  { TRJ_PARAM_ACTUAL_AE, "actual_ae", -1e11, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_ACTUAL_CP, "actual_cp", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_ALLOCATION_AE, "allocations.ae", 0, 1e11, FALSE, FALSE, 1 },
  { TRJ_PARAM_ALLOCATION_VOLUME, "allocations.volume", 0, 1e7, FALSE, FALSE, 1 },
  { TRJ_PARAM_CAOM_CONTRACTS, "caom.contracts", 0, 1e7, FALSE, FALSE, 1 },
  { TRJ_PARAM_CAOM_PROFILE, "caom.profile", 0, 1e6, FALSE, FALSE, 12 },
};

static void
test_param_limits (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (limits), ==, TRJ_N_PARAMS);
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      const TrjParamSpec *spec = trj_catalog_param (limits[i].param);
      TrjParam found;

      g_test_message ("%s", limits[i].key);
      g_assert_cmpstr (spec->key, ==, limits[i].key);
      g_assert_true (trj_catalog_param_from_key (limits[i].key, &found));
      g_assert_cmpint (found, ==, limits[i].param);
      g_assert_cmpfloat (spec->min, ==, limits[i].min);
      g_assert_cmpfloat (spec->max, ==, limits[i].max);
      g_assert_cmpint (spec->min_open, ==, limits[i].min_open);
      g_assert_false (spec->max_open);
      g_assert_cmpint (spec->whole, ==, limits[i].whole);
      g_assert_cmpuint (spec->n_values, ==, limits[i].n_values);
      g_assert_true (trj_catalog_accepts (limits[i].param, spec->default_value));
      g_assert_nonnull (trj_catalog_param_title (limits[i].param));
    }
  g_assert_cmpstr (trj_catalog_param_title (TRJ_PARAM_RATE), ==, "Taux de prise en charge");
  g_assert_cmpstr (trj_catalog_param_title (TRJ_PARAM_PAYMENT_LAG_MONTHS), ==, "Décalage de paiement (mois)");
  g_assert_true (trj_catalog_param (TRJ_PARAM_PROFILE)->positive_sum);
  g_assert_true (trj_catalog_param (TRJ_PARAM_PAYMENT_PROFILE)->positive_sum);
  g_assert_false (trj_catalog_param (TRJ_PARAM_ENTRIES)->positive_sum);
}

/* A value just inside each bound passes; just outside, the French message
 * names the path and the bound. */
static void
test_param_bounds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      const TrjParamSpec *spec = trj_catalog_param (limits[i].param);
      /* The smallest step that still is a value of the parameter. */
      double step = spec->whole ? 1 : spec->max * 1e-6;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("x.%s", spec->key);
      g_autofree char *expected = NULL;
      double below = spec->min_open ? spec->min : spec->min - step;
      double above = spec->max + step;
      /* The figures as the engine writes them (/catalog/refusal-figures checks how). */
      g_autofree char *shown_below = trj_engine_format_number (below);
      g_autofree char *shown_above = trj_engine_format_number (above);
      g_autofree char *shown_min = trj_engine_format_number (spec->min);
      g_autofree char *shown_max = trj_engine_format_number (spec->max);

      g_test_message ("%s", spec->key);
      g_assert_true (trj_catalog_check (limits[i].param, path, spec->max, NULL));
      g_assert_true (trj_catalog_check (limits[i].param, path, spec->min + (spec->min_open ? step : 0), NULL));

      g_assert_false (trj_catalog_check (limits[i].param, path, above, &error));
      g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
      g_assert_cmpstr (shown_above, !=, shown_max);
      expected = g_strdup_printf ("%s" NNBSP ": %s est supérieur à %s", path, shown_above, shown_max);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      g_clear_pointer (&expected, g_free);

      g_assert_false (trj_catalog_check (limits[i].param, path, below, &error));
      expected = spec->min_open
                   ? g_strdup_printf ("%s" NNBSP ": %s doit être supérieur à %s", path, shown_below, shown_min)
                   : g_strdup_printf ("%s" NNBSP ": %s est inférieur à %s", path, shown_below, shown_min);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      g_assert_false (trj_catalog_accepts (limits[i].param, NAN));
      g_assert_false (trj_catalog_accepts (limits[i].param, INFINITY));
    }
}

static void
test_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trj_catalog_check (TRJ_PARAM_RATE, "envelopes[0].lines[2].rate", 1.4, &error));
  g_assert_cmpstr (error->message, ==, "envelopes[0].lines[2].rate" NNBSP ": 1,4 est supérieur à 1");
  g_clear_error (&error);
  g_assert_false (trj_catalog_check (TRJ_PARAM_RATE, "rate", 0, &error));
  g_assert_cmpstr (error->message, ==, "rate" NNBSP ": 0 doit être supérieur à 0");
  g_clear_error (&error);
  g_assert_false (trj_catalog_check (TRJ_PARAM_PAYMENT_LAG_MONTHS, "payment_lag_months", 1.5, &error));
  g_assert_cmpstr (error->message, ==, "payment_lag_months" NNBSP ": 1,5 n’est pas un nombre entier");
  g_clear_error (&error);
  g_assert_false (trj_catalog_check (TRJ_PARAM_AE_NOTIFIED, NULL, NAN, &error));
  g_assert_cmpstr (error->message, ==, "n’est pas un nombre fini");
}

static const TrjYearData *
year_data (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);

  g_assert_no_error (error);
  return data;
}

/* A new line starts from the catalogue's defaults and the year's averages. */
static void
test_line_new (void)
{
  g_autoptr(TrjLine) pec = trj_catalog_line_new ("a", TRJ_KIND_PEC, year_data (), TRJ_ZONE_METROPOLE);
  g_autoptr(TrjLine) overseas = trj_catalog_line_new ("b", TRJ_KIND_PEC, year_data (), TRJ_ZONE_OUTRE_MER);
  g_autoptr(TrjLine) cie = trj_catalog_line_new ("c", TRJ_KIND_CIE_JEUNES, year_data (), TRJ_ZONE_METROPOLE);
  g_autoptr(TrjLine) aci = trj_catalog_line_new ("d", TRJ_KIND_ACI, year_data (), TRJ_ZONE_MAYOTTE);
  g_autoptr(TrjLine) ea = trj_catalog_line_new ("e", TRJ_KIND_EA_SOCLE, year_data (), TRJ_ZONE_METROPOLE);
  g_autoptr(TrjLine) bare = trj_catalog_line_new ("f", TRJ_KIND_FREE, NULL, TRJ_ZONE_METROPOLE);

  /* Fiche 1: PEC 50 % (60 % overseas), 25 h, 9.9 months, 15 % cofinanced; CIE jeunes 35 %, 28.3 h, 8.3 months. */
  g_assert_cmpfloat (pec->rate, ==, 0.5);
  g_assert_cmpfloat (pec->weekly_hours, ==, 25);
  g_assert_cmpfloat (pec->duration_months, ==, 9.9);
  g_assert_cmpfloat (pec->cofinanced_share, ==, 0.15);
  g_assert_cmpint (pec->payment_lag_months, ==, 1);
  g_assert_cmpfloat (overseas->rate, ==, 0.6);
  g_assert_cmpfloat (cie->rate, ==, 0.35);
  g_assert_cmpfloat (cie->weekly_hours, ==, 28.3);
  g_assert_cmpfloat (cie->duration_months, ==, 8.3);
  g_assert_cmpfloat (cie->cofinanced_share, ==, 0);
  /* MODEL 3: ACI in Mayotte 17 708 €, 5 % modulated for IAE kinds, 0 for EA; paid without lag. */
  g_assert_cmpfloat (aci->unit_amount, ==, 17708);
  g_assert_cmpfloat (aci->modulation, ==, 0.05);
  g_assert_cmpint (aci->payment_lag_months, ==, 0);
  g_assert_cmpfloat (ea->unit_amount, ==, 18091);
  g_assert_cmpfloat (ea->modulation, ==, 0);
  /* The same default for a file that leaves the modulated part out (JSON). */
  g_assert_cmpfloat (trj_catalog_default_modulation (TRJ_KIND_ACI, year_data ()), ==, 0.05);
  g_assert_cmpfloat (trj_catalog_default_modulation (TRJ_KIND_ACI, NULL), ==, 0);
  g_assert_cmpfloat (trj_catalog_default_modulation (TRJ_KIND_EA_SOCLE, year_data ()), ==, 0);
  g_assert_cmpint (bare->payment_lag_months, ==, 0);
  g_assert_cmpint (bare->commitment_month, ==, 0);
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_assert_cmpfloat (bare->payment_profile[m], ==, 1);
}

/* The national notification of each catalogue envelope (consolidation). */
static void
test_national (void)
{
  double ae, cp, volume;

  trj_year_data_national (year_data (), "PEC_CIE_TP", &ae, &cp, &volume);
  g_assert_cmpfloat (ae, ==, year_data ()->national_pec_ae);
  g_assert_cmpfloat (cp, ==, year_data ()->national_pec_cp);
  g_assert_cmpfloat (volume, ==, year_data ()->national_pec_volume);
  trj_year_data_national (year_data (), "CIE_JEUNES", &ae, &cp, &volume);
  g_assert_cmpfloat (ae, ==, year_data ()->national_cie_ae);
  g_assert_cmpfloat (volume, ==, year_data ()->national_cie_volume);
  /* The circular gives the post-aid envelopes an AE amount only. */
  trj_year_data_national (year_data (), "IAE", &ae, &cp, &volume);
  g_assert_cmpfloat (ae, ==, 1376400000);
  g_assert_true (isnan (cp) && isnan (volume));
  trj_year_data_national (year_data (), "FDI", &ae, &cp, &volume);
  g_assert_true (isnan (ae) && isnan (cp) && isnan (volume));
  trj_year_data_national (year_data (), "PIC", &ae, &cp, &volume);
  g_assert_true (isnan (ae));
}

static TrjScenario *
scenario_with (TrjLine *line)
{
  TrjScenario *s = trj_scenario_new ();
  TrjEnvelope *env = trj_envelope_new ("PEC_CIE_TP");

  s->year = 2024;
  s->region = g_strdup ("Bretagne");
  trj_year_data_reference (year_data (), TRJ_ZONE_METROPOLE, &s->reference);
  g_ptr_array_add (env->lines, line);
  g_ptr_array_add (s->envelopes, env);
  return s;
}

static void
assert_refused (TrjScenario *s, const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trj_scenario_validate (s, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

/* The validation walks the catalogue: every shape, the envelope, the reference. */
static void
test_validate (void)
{
  g_autoptr(TrjScenario) s = scenario_with (trj_catalog_line_new ("l", TRJ_KIND_CDI_INCLUSION,
                                                                   year_data (), TRJ_ZONE_METROPOLE));
  TrjEnvelope *env = s->envelopes->pdata[0];
  TrjLine *line = env->lines->pdata[0];

  line->quantity = 10;
  line->second_year_quantity = 10;
  g_assert_true (trj_scenario_validate (s, NULL));
  line->second_year_quantity = 10.5;
  assert_refused (s, "envelopes[0].lines[0].second_year_quantity" NNBSP ": 10,5 est supérieur à 10");
  line->second_year_quantity = 0;
  line->commitment_month = 12;
  assert_refused (s, "envelopes[0].lines[0].commitment_month" NNBSP ": 12 est supérieur à 11");
  line->commitment_month = 11;
  line->payment_profile[4] = 2e6;
  assert_refused (s, "envelopes[0].lines[0].payment_profile[4]" NNBSP ": 2000000 est supérieur à 1000000");
  for (int m = 0; m < TRJ_MONTHS; m++)
    line->payment_profile[m] = 0;
  assert_refused (s, "envelopes[0].lines[0].payment_profile" NNBSP ": la somme du profil mensuel ne doit pas être nulle");
  line->payment_profile[0] = 1;
  line->quantity = 1e94;
  assert_refused (s, "envelopes[0].lines[0].quantity" NNBSP ": 1e+94 est supérieur à 1000000");
  line->quantity = 10;
  g_assert_true (trj_scenario_validate (s, NULL));

  env->ae_notified = 1e308;
  assert_refused (s, "envelopes[0].ae_notified" NNBSP ": 1e+308 est supérieur à 100000000000");
  env->ae_notified = 1e11;
  env->previous_modulation_cp = -1;
  assert_refused (s, "envelopes[0].previous_modulation_cp" NNBSP ": -1 est inférieur à 0");
  env->previous_modulation_cp = 0;

  s->reference.smic_hourly.points[1].value = -1e308;
  assert_refused (s, "reference.smic_hourly[1].value" NNBSP ": -1e+308 doit être supérieur à 0");
  s->reference.smic_hourly.points[1].value = 11.65;
  s->fungibility.initiatives_territoriales_ae = 2e11;
  assert_refused (s, "fungibility.initiatives_territoriales_ae" NNBSP ": 200000000000 est supérieur à 100000000000");
  s->fungibility.initiatives_territoriales_ae = 0;
  g_assert_true (trj_scenario_validate (s, NULL));
}

static void
assert_json_refused (const char *json, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_data (json, -1, &error);

  g_assert_null (s);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, message);
}

#define SCENARIO_HEAD \
  "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\"," \
  " \"zone\": \"metropole\", \"envelopes\": [{\"id\": \"PEC_CIE_TP\","

/* Issue 11: huge numbers never reach the formatters. */
static void
test_json_huge (void)
{
  g_autoptr(TrjScenario) fine = NULL;

  assert_json_refused (SCENARIO_HEAD " \"ae_notified\": 1e308, \"cp_notified\": 0, \"lines\": []}]}",
                       "envelopes[0].ae_notified" NNBSP ": 1e+308 est supérieur à 100000000000");
  assert_json_refused (SCENARIO_HEAD " \"ae_notified\": 0, \"cp_notified\": 1e308, \"lines\": []}]}",
                       "envelopes[0].cp_notified" NNBSP ": 1e+308 est supérieur à 100000000000");
  assert_json_refused (SCENARIO_HEAD " \"ae_notified\": 0, \"cp_notified\": 0, \"lines\": ["
                       "{\"id\": \"a\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25,"
                       " \"duration_months\": 9.9, \"volume\": 1e94}]}]}",
                       "envelopes[0].lines[0].volume" NNBSP ": 1e+94 est supérieur à 1000000");
  assert_json_refused (SCENARIO_HEAD " \"ae_notified\": 0, \"cp_notified\": 0, \"lines\": ["
                       "{\"id\": \"a\", \"kind\": \"FREE\", \"ae_amount\": 1e308,"
                       " \"cp_schedule\": [0,0,0,0,0,0,0,0,0,0,0,0]}]}]}",
                       "envelopes[0].lines[0].ae_amount" NNBSP ": 1e+308 est supérieur à 100000000000");
  /* Just inside: a million contracts, a hundred billion euros. */
  fine = trj_json_scenario_from_data (SCENARIO_HEAD " \"ae_notified\": 1e11, \"cp_notified\": 0, \"lines\": ["
                                      "{\"id\": \"a\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25,"
                                      " \"duration_months\": 9.9, \"volume\": 1e6}]}]}", -1, NULL);
  g_assert_nonnull (fine);
}

/* The figures of a refusal are French: the engine's own formatting (no ICU
 * in the engine) has a decimal comma whatever the locale; the programs give
 * it ICU's (trj_format_install_in_engine), which groups thousands. */
static void
test_refusal_figures (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trj_catalog_check (TRJ_PARAM_RATE, "rate", 1.4, &error));
  g_assert_cmpstr (error->message, ==, "rate" NNBSP ": 1,4 est supérieur à 1");
  g_clear_error (&error);
  g_assert_false (trj_catalog_check (TRJ_PARAM_AE_NOTIFIED, "ae_notified", -1e308, &error));
  g_assert_cmpstr (error->message, ==, "ae_notified" NNBSP ": -1e+308 est inférieur à 0");
  g_clear_error (&error);
  g_assert_false (trj_catalog_check (TRJ_PARAM_MODULATION, "modulation", 0.1000001, &error));
  g_assert_cmpstr (error->message, ==, "modulation" NNBSP ": 0,1000001 est supérieur à 0,1");
  g_clear_error (&error);

  trj_format_install_in_engine ();
  g_assert_false (trj_catalog_check (TRJ_PARAM_AE_NOTIFIED, "ae_notified", 2e11, &error));
  g_assert_cmpstr (error->message, ==, "ae_notified" NNBSP ": 200" NNBSP "000" NNBSP "000" NNBSP "000"
                   " est supérieur à 100" NNBSP "000" NNBSP "000" NNBSP "000");
  g_clear_error (&error);
  g_assert_false (trj_catalog_check (TRJ_PARAM_AE_NOTIFIED, "ae_notified", -1e308, &error));
  g_assert_cmpstr (error->message, ==, "ae_notified" NNBSP ": -1 × 10³⁰⁸ est inférieur à 0");
  g_clear_error (&error);
  g_assert_false (trj_catalog_check (TRJ_PARAM_RATE, "rate", 1.4, &error));
  g_assert_cmpstr (error->message, ==, "rate" NNBSP ": 1,4 est supérieur à 1");
  trj_engine_set_number_formatter (NULL);
  trj_engine_set_money_formatter (NULL);
}

int
main (int argc, char **argv)
{
  /* French messages whatever the caller's locale. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/envelopes", test_envelopes);
  g_test_add_func ("/catalog/kinds", test_kinds);
  g_test_add_func ("/catalog/param-limits", test_param_limits);
  g_test_add_func ("/catalog/param-bounds", test_param_bounds);
  g_test_add_func ("/catalog/refusal-figures", test_refusal_figures);
  g_test_add_func ("/catalog/messages", test_messages);
  g_test_add_func ("/catalog/line-new", test_line_new);
  g_test_add_func ("/catalog/national", test_national);
  g_test_add_func ("/catalog/validate", test_validate);
  g_test_add_func ("/catalog/json-huge", test_json_huge);

  return g_test_run ();
}
