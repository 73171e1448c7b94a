/* test-year-data.c — the embedded 2024 reference data */
#include <math.h>
#include <string.h>
#include <gio/gio.h>

#include "trj-engine.h"
#include "trj-i18n.h"
#include "trj-year-data.h"

static const TrjYearData *
year_data (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);

  g_assert_no_error (error);
  return data;
}

static void
test_notification (void)
{
  const TrjYearData *data = year_data ();
  double volume = 0, ae = 0, cp = 0, cie_volume = 0, cie_ae = 0;

  g_assert_cmpuint (data->notification->len, ==, 39);   /* 20 PEC_CIE_TP rows, 19 CIE_JEUNES rows */
  g_assert_cmpuint (data->regions->len, ==, 19);
  for (guint i = 0; i < data->notification->len; i++)
    {
      TrjNotificationRow *row = g_ptr_array_index (data->notification, i);

      if (g_str_equal (row->envelope, "PEC_CIE_TP"))
        {
          volume += row->volume;
          ae += row->ae;
          cp += row->cp;
        }
      else
        {
          cie_volume += row->volume;
          cie_ae += row->ae;
        }
    }
  /* The regional rows add up to the national notification within their rounding. */
  g_assert_cmpfloat (fabs (volume - data->national_pec_volume), <=, 1);
  g_assert_cmpfloat (fabs (ae - data->national_pec_ae), <=, 2);
  g_assert_cmpfloat (fabs (cp - data->national_pec_cp), <=, 2);
  g_assert_cmpfloat (cie_volume, ==, 13953);
  g_assert_cmpfloat (cie_ae, ==, 59416105);
  g_assert_cmpfloat (data->national_pec_ae, ==, 356963174);
  g_assert_cmpfloat (data->national_iae, ==, 1376400000);
}

static void
test_regions (void)
{
  const TrjYearData *data = year_data ();
  const TrjRegion *idf = trj_year_data_find_region (data, "ile de france");
  const TrjRegion *mayotte = trj_year_data_find_region (data, "Mayotte");
  const TrjRegion *bretagne = trj_year_data_find_region (data, "BRETAGNE");
  guint departements = 0;

  g_assert_nonnull (idf);
  g_assert_cmpstr (idf->name, ==, "Île-de-France");
  g_assert_cmpuint (idf->departements->len, ==, 8);
  g_assert_cmpint (mayotte->zone, ==, TRJ_ZONE_MAYOTTE);
  g_assert_cmpint (trj_year_data_find_region (data, "La Réunion")->zone, ==, TRJ_ZONE_OUTRE_MER);
  g_assert_cmpint (bretagne->zone, ==, TRJ_ZONE_METROPOLE);
  g_assert_cmpstr (trj_region_find_departement (bretagne, "29")->name, ==, "Finistère");
  g_assert_null (trj_region_find_departement (bretagne, "75"));
  g_assert_null (trj_year_data_find_region (data, "Atlantide"));
  for (guint i = 0; i < data->regions->len; i++)
    departements += ((TrjRegion *) g_ptr_array_index (data->regions, i))->departements->len;
  g_assert_cmpuint (departements, ==, 102);   /* 101 départements and Saint-Pierre-et-Miquelon */
}

static void
test_series (void)
{
  const TrjYearData *data = year_data ();
  double v;

  g_assert_true (trj_series_value_at (&data->smic_hourly[TRJ_ZONE_METROPOLE], 2024, 10, &v));
  g_assert_cmpfloat (v, ==, 11.65);
  g_assert_true (trj_series_value_at (&data->smic_hourly[TRJ_ZONE_METROPOLE], 2024, 11, &v));
  g_assert_cmpfloat (v, ==, 11.88);
  g_assert_true (trj_series_value_at (&data->smic_hourly[TRJ_ZONE_MAYOTTE], 2025, 1, &v));
  g_assert_cmpfloat (v, ==, 9.33);
  g_assert_true (trj_series_value_at (&data->rsa[TRJ_ZONE_METROPOLE], 2024, 3, &v));
  g_assert_cmpfloat (v, ==, 607.75);
  g_assert_true (trj_series_value_at (&data->rsa[TRJ_ZONE_METROPOLE], 2024, 4, &v));
  g_assert_cmpfloat (v, ==, 635.71);
  g_assert_true (trj_series_value_at (&data->rsa[TRJ_ZONE_MAYOTTE], 2024, 4, &v));
  g_assert_cmpfloat (v, ==, 317.86);
  g_assert_false (trj_series_value_at (&data->smic_hourly[TRJ_ZONE_METROPOLE], 2022, 12, &v));
  g_assert_cmpfloat (data->cd_share, ==, 0.88);
  g_assert_cmpfloat_with_epsilon (data->weeks_per_month, 52.0 / 12.0, 1e-15);
}

static void
test_rules (void)
{
  const TrjRules *r = &year_data ()->rules;

  g_assert_cmpfloat (r->contract[TRJ_KIND_PEC][TRJ_ZONE_METROPOLE].rate_max, ==, 0.60);
  g_assert_cmpfloat (r->contract[TRJ_KIND_PEC][TRJ_ZONE_OUTRE_MER].rate_max, ==, 0.70);
  g_assert_cmpfloat (r->contract[TRJ_KIND_PEC][TRJ_ZONE_MAYOTTE].rate_avg, ==, 0.60);
  g_assert_cmpfloat (r->contract[TRJ_KIND_CIE_JEUNES][TRJ_ZONE_METROPOLE].rate_max, ==, 0.47);
  g_assert_cmpfloat (r->contract[TRJ_KIND_CIE_JEUNES][TRJ_ZONE_METROPOLE].hours_avg, ==, 28.3);
  g_assert_cmpfloat (r->contract[TRJ_KIND_CIE_TP][TRJ_ZONE_METROPOLE].duration_avg, ==, 9.9);
  g_assert_cmpfloat (r->contract[TRJ_KIND_PEC][TRJ_ZONE_METROPOLE].cofinancing_target, ==, 0.15);
  g_assert_cmpfloat (r->territorial_ceiling_share, ==, 0.0044);
  g_assert_cmpfloat (trj_year_data_unit_amount (year_data (), TRJ_KIND_EI, TRJ_ZONE_MAYOTTE), ==, 9223);
  g_assert_cmpfloat (trj_year_data_unit_amount (year_data (), TRJ_KIND_GEIQ_RENFORCE, TRJ_ZONE_METROPOLE), ==, 1400);
  g_assert_true (year_data ()->post_aid_to_verify[TRJ_KIND_EA_MAD][TRJ_ZONE_METROPOLE]);
  g_assert_false (year_data ()->post_aid_to_verify[TRJ_KIND_ACI][TRJ_ZONE_METROPOLE]);
  /* The circular prints the EA socle of 18 091 € but not Mayotte's. */
  g_assert_false (year_data ()->post_aid_to_verify[TRJ_KIND_EA_SOCLE][TRJ_ZONE_METROPOLE]);
  g_assert_true (year_data ()->post_aid_to_verify[TRJ_KIND_EA_SOCLE][TRJ_ZONE_MAYOTTE]);
}

/* Hauts-de-France: the CIE tous publics row belongs to PEC_CIE_TP. */
static void
test_example_hauts_de_france (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_year_data_example (year_data (), "Hauts-de-France", &error);
  TrjEnvelope *pec, *cie;
  TrjLine *line;

  g_assert_no_error (error);
  pec = trj_scenario_find_envelope (s, "PEC_CIE_TP");
  cie = trj_scenario_find_envelope (s, "CIE_JEUNES");
  g_assert_cmpfloat (pec->ae_notified, ==, 38482566 + 2905073);
  g_assert_cmpfloat (pec->cp_notified, ==, 18409840 + 1389770);
  g_assert_cmpfloat (pec->volume_notified, ==, 6981 + 527);
  g_assert_cmpuint (pec->lines->len, ==, 2);
  line = trj_envelope_find_line (pec, "cie-tp");
  g_assert_cmpint (line->kind, ==, TRJ_KIND_CIE_TP);
  g_assert_cmpfloat (line->volume, ==, 527);
  g_assert_cmpfloat (line->rate, ==, 0.5);
  g_assert_cmpfloat (line->cofinanced_share, ==, 0.15);
  line = trj_envelope_find_line (pec, "pec");
  g_assert_cmpfloat (trj_line_volume (line), ==, 6981);
  g_assert_cmpuint (cie->lines->len, ==, 1);
  line = trj_envelope_find_line (cie, "cie-jeunes");
  g_assert_cmpfloat (line->rate, ==, 0.35);
  g_assert_cmpfloat (line->weekly_hours, ==, 28.3);
  g_assert_cmpfloat (line->duration_months, ==, 8.3);
  g_assert_cmpfloat (line->cofinanced_share, ==, 0);
  /* The calibrated profile (MODEL 2.7): a ramp w[m] = 1 + s · (m − 6.5) / 5.5,
   * the volume spread over it (Σ w = 12). */
  g_assert_true (line->has_profile);
  g_assert_cmpfloat_with_epsilon (line->entries[5], 1917.0 * line->profile[5] / 12, 1e-9);
  g_assert_cmpfloat (line->profile[0], <, line->profile[11]);
  for (int m = 1; m < 12; m++)
    g_assert_cmpfloat_with_epsilon (line->profile[m] - line->profile[m - 1],
                                    (line->profile[11] - line->profile[0]) / 11, 1e-12);
  g_assert_cmpint (line->payment_lag_months, ==, 1);
  g_assert_true (trj_scenario_validate (s, &error));
}

static void
test_example_outre_mer (void)
{
  g_autoptr(TrjScenario) s = trj_year_data_example (year_data (), "Mayotte", NULL);
  TrjLine *pec = trj_scenario_find_line (s, "pec", NULL);
  double v;

  g_assert_cmpint (s->zone, ==, TRJ_ZONE_MAYOTTE);
  g_assert_cmpfloat (pec->rate, ==, 0.60);
  g_assert_true (trj_series_value_at (&s->reference.smic_hourly, 2024, 6, &v));
  g_assert_cmpfloat (v, ==, 8.80);
}

static void
test_unknown (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (trj_year_data_get (1999, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (trj_year_data_example (year_data (), "Atlantide", &error));
  g_assert_nonnull (strstr (error->message, "Atlantide"));
}

/* The amounts the circular does not print carry their source (reference.ini):
 * Mayotte's EA socle, every zone's MAD, CDDT and EATT; the IAE socles and the
 * métropole EA average are the circular's. */
static void
test_to_verify (void)
{
  const TrjYearData *data = year_data ();

  g_assert_nonnull (strstr (trj_year_data_to_verify (data, TRJ_KIND_EA_SOCLE, TRJ_ZONE_MAYOTTE),
                            "moins de 50 ans"));
  g_assert_null (trj_year_data_to_verify (data, TRJ_KIND_EA_SOCLE, TRJ_ZONE_METROPOLE));
  g_assert_nonnull (strstr (trj_year_data_to_verify (data, TRJ_KIND_EA_MAD, TRJ_ZONE_METROPOLE),
                            "29 décembre 2023"));
  g_assert_nonnull (strstr (trj_year_data_to_verify (data, TRJ_KIND_EA_EATT, TRJ_ZONE_MAYOTTE), "Mayotte"));
  g_assert_null (trj_year_data_to_verify (data, TRJ_KIND_ACI, TRJ_ZONE_MAYOTTE));
  g_assert_null (trj_year_data_to_verify (data, TRJ_KIND_GEIQ_RENFORCE, TRJ_ZONE_OUTRE_MER));
}

/* The year's three files as the repository holds them. */
static char *
reference_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "reference", "2024", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* A new circular is a data update: the files are read as they are, and a
 * mistake in them is refused, naming the file and what is wrong. */
static void
test_parse (void)
{
  g_autofree char *ini = reference_file ("reference.ini");
  g_autofree char *notification = reference_file ("notification-contrats-aides.csv");
  g_autofree char *regions = reference_file ("regions.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjYearData) data = trj_year_data_parse (ini, notification, regions, &error);
  const struct {
    guint file;                 /* 0 reference.ini, 1 notification, 2 regions */
    const char *from, *to;      /* the first occurrence replaced */
    const char *words;          /* in the message */
  } cases[] = {
    { 0, "2024-11-01=11.88", "2024-11-01=onze", "Données de référence reference.ini" },
    { 0, "2024-11-01=11.88", "novembre=11.88", "novembre=11.88" },
    { 0, "rate=0.30;0.60;0.50", "rate=0.30;0.60", "rate" },
    { 0, "rate=0.30;0.60;0.50", "rate=0.30;0.60;moyen", "rate" },
    { 0, "cd_share=0.88", "cd_share=beaucoup", "cd_share" },
    { 0, "cd_share=0.88", "cd=0.88", "cd_share" },
    { 0, "to_verify=EA_MAD", "to_verify=EA_MADE", "to_verify" },
    { 0, "source_EA_MAD=", "source_EA_MAD_bis=", "source_EA_MAD" },
    { 0, "[rsa]", "[rsa_]", "rsa" },
    { 2, ",metropole,", ",metropolitaine,", "Données de référence regions.csv : metropolitaine" },
    { 2, ",Ain", ",Ain,01", "regions.csv : la ligne 3 a 5 champs au lieu de 4" },
    { 1, ",Bretagne,", ",Bretagn,", "notification-contrats-aides.csv : Bretagn" },
  };
  double v;

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpint (data->year, ==, 2024);
  g_assert_cmpuint (data->regions->len, ==, 19);
  g_assert_cmpuint (data->notification->len, ==, 39);
  g_assert_true (trj_series_value_at (&data->smic_hourly[TRJ_ZONE_METROPOLE], 2024, 11, &v));
  g_assert_cmpfloat (v, ==, 11.88);
  g_assert_cmpfloat (data->rules.contract[TRJ_KIND_PEC][TRJ_ZONE_METROPOLE].rate_max, ==, 0.60);
  g_assert_nonnull (strstr (trj_year_data_to_verify (data, TRJ_KIND_EA_MAD, TRJ_ZONE_METROPOLE),
                            "29 décembre 2023"));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *texts[3] = { ini, notification, regions };
      g_autofree char *changed = NULL;
      g_autoptr(TrjYearData) refused = NULL;
      g_autofree char *plain = NULL;
      const char *at = strstr (texts[cases[i].file], cases[i].from);

      g_assert_nonnull (at);
      changed = g_strdup_printf ("%.*s%s%s", (int) (at - texts[cases[i].file]), texts[cases[i].file],
                                 cases[i].to, at + strlen (cases[i].from));
      texts[cases[i].file] = changed;
      refused = trj_year_data_parse (texts[0], texts[1], texts[2], &error);
      g_assert_null (refused);
      g_assert_nonnull (error);
      /* Narrow and plain no-break spaces as spaces. */
      {
        GString *s = g_string_new (error->message);

        g_string_replace (s, "\u202F", " ", 0);
        g_string_replace (s, "\u00A0", " ", 0);
        plain = g_string_free (s, FALSE);
      }
      g_test_message ("%s → %s", cases[i].to, plain);
      g_assert_nonnull (strstr (plain, cases[i].words));
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/year-data/notification", test_notification);
  g_test_add_func ("/year-data/regions", test_regions);
  g_test_add_func ("/year-data/series", test_series);
  g_test_add_func ("/year-data/rules", test_rules);
  g_test_add_func ("/year-data/example-hauts-de-france", test_example_hauts_de_france);
  g_test_add_func ("/year-data/example-outre-mer", test_example_outre_mer);
  g_test_add_func ("/year-data/unknown", test_unknown);
  g_test_add_func ("/year-data/to-verify", test_to_verify);
  g_test_add_func ("/year-data/parse", test_parse);
  return g_test_run ();
}
