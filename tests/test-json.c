/* test-json.c — the JSON exchange documents of MODEL.md 7 (trj-json.h)
 *
 * Round-trip of a scenario that uses every key; every structural error with its
 * exact key path and French message; the result document of a scenario small
 * enough to compute by hand. */
#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "trj-alert-text.h"
#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-iae.h"
#include "trj-json.h"
#include "trj-json-writer.h"
#include "trj-year-data.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "json", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static TrjScenario *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *scenario = trj_json_scenario_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static TrjLine *
line_of (TrjScenario *scenario, const char *id)
{
  TrjLine *line = trj_scenario_find_line (scenario, id, NULL);

  g_assert_nonnull (line);
  return line;
}

/* ── Round trip ────────────────────────────────────────────────────────── */

static void
test_round_trip (void)
{
  g_autofree char *text = read_fixture ("rich-scenario.json");
  g_autoptr(TrjScenario) scenario = parse_ok (text);
  g_autofree char *exported = trj_json_scenario_to_data (scenario);
  g_autoptr(TrjScenario) again = parse_ok (exported);
  g_autofree char *exported_again = trj_json_scenario_to_data (again);
  TrjEnvelope *envelope;
  TrjLine *line;

  /* What was read. */
  g_assert_cmpint (scenario->year, ==, 2024);
  g_assert_cmpstr (scenario->region, ==, "Hauts-de-France");
  g_assert_cmpint (scenario->zone, ==, TRJ_ZONE_METROPOLE);
  g_assert_true (scenario->overrides_smic && scenario->overrides_rsa);
  g_assert_true (scenario->overrides_cd_share && scenario->overrides_weeks);
  g_assert_cmpuint (scenario->reference.smic_hourly.n_points, ==, 3);
  g_assert_cmpint (scenario->reference.smic_hourly.points[2].from, ==, 20241101);
  g_assert_cmpfloat (scenario->reference.smic_hourly.points[2].value, ==, 11.88);
  g_assert_cmpuint (scenario->reference.rsa.n_points, ==, 1);
  g_assert_cmpfloat (scenario->reference.cd_share, ==, 0.9);
  g_assert_cmpuint (scenario->envelopes->len, ==, 6);

  envelope = trj_scenario_find_envelope (scenario, "PEC_CIE_TP");
  g_assert_true (envelope->cp_notified_includes_stock);
  g_assert_cmpfloat (envelope->cp_notified, ==, 12000000.5);

  line = line_of (scenario, "pec-59-ft");
  g_assert_cmpint (line->entries_mode, ==, TRJ_ENTRIES_MONTHLY);
  g_assert_cmpfloat (line->entries[1], ==, 110.5);
  g_assert_true (line->has_previous_entries);
  g_assert_cmpfloat (line->previous_entries[11], ==, 12);
  g_assert_cmpstr (line->departement, ==, "59");
  g_assert_cmpstr (line->label, ==, "PEC Nord — France Travail « entrées »");
  g_assert_cmpint (line->payment_lag_months, ==, 1);

  line = line_of (scenario, "pec-62-ml");
  g_assert_cmpint (line->entries_mode, ==, TRJ_ENTRIES_VOLUME);
  g_assert_true (line->has_profile);
  g_assert_cmpfloat (line->entries[0], ==, 900.0 * 3 / 14);   /* Σ profile = 14 */
  g_assert_cmpfloat (line->entries[7], ==, 0);
  g_assert_cmpfloat (line->cofinanced_share, ==, 0);
  g_assert_cmpint (line->payment_lag_months, ==, 2);

  line = line_of (scenario, "cie-tp-hdf");
  g_assert_false (line->has_profile);
  g_assert_cmpfloat_with_epsilon (line->entries[5], 527.0 / 12, 1e-12);
  g_assert_cmpint (line->payment_lag_months, ==, 0);

  line = line_of (scenario, "ei-lille");
  g_assert_true (line->has_unit_amount);
  g_assert_cmpfloat (line->unit_amount, ==, 12500);
  g_assert_cmpfloat (line->modulation, ==, 0.07);
  g_assert_cmpint (line->commitment_month, ==, 2);            /* March, 0-based */
  g_assert_true (line->has_payment_profile);

  /* Defaults of post-aid lines: the year's table, 5 % modulation for IAE only. */
  line = line_of (scenario, "cdi-inclusion");
  g_assert_false (line->has_unit_amount);
  g_assert_cmpfloat (line->unit_amount, ==, 23458);
  g_assert_cmpfloat (line->modulation, ==, 0.05);
  g_assert_cmpfloat (line->second_year_quantity, ==, 1.5);
  g_assert_cmpint (line->commitment_month, ==, 0);
  g_assert_cmpint (line->payment_lag_months, ==, 0);
  line = line_of (scenario, "ea-socle");
  g_assert_cmpfloat (line->unit_amount, ==, 18091);
  g_assert_cmpfloat (line->modulation, ==, 0);
  line = line_of (scenario, "fdi-engagement");
  g_assert_cmpfloat (line->ae_amount, ==, 50000);
  g_assert_cmpint (line->commitment_month, ==, 5);

  g_assert_true (scenario->has_fungibility);
  g_assert_true (scenario->fungibility.has_cie_jeunes_to_pec_cp);
  g_assert_cmpfloat (scenario->fungibility.demandes_complementaires, ==, 150000);

  /* Written back: the same document, byte for byte, and stable. */
  g_assert_cmpstr (exported, ==, text);
  g_assert_cmpstr (exported_again, ==, text);
}

/* Optional keys given at their default read the same as absent ones, and are
 * not written back. */
static void
test_defaults (void)
{
  const char *explicit_defaults =
    "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
    " \"zone\": \"metropole\", \"envelopes\": [{\"id\": \"PEC_CIE_TP\", \"ae_notified\": 1,"
    " \"cp_notified\": 1, \"volume_notified\": 0, \"cp_notified_includes_stock\": false,"
    " \"previous_modulation_cp\": 0, \"lines\": [{\"id\": \"a\", \"kind\": \"PEC\","
    " \"rate\": 0.5, \"weekly_hours\": 25, \"duration_months\": 9.9, \"cofinanced_share\": 0,"
    " \"payment_lag_months\": 1, \"volume\": 12}]}],"
    " \"fungibility\": {\"cie_jeunes_to_pec_ae\": 0, \"initiatives_territoriales_ae\": 0}}";
  const char *expected =
    "{\n"
    "  \"format\": \"trajectoire-scenario/1\",\n"
    "  \"year\": 2024,\n"
    "  \"region\": \"Bretagne\",\n"
    "  \"zone\": \"metropole\",\n"
    "  \"envelopes\": [\n"
    "    {\n"
    "      \"id\": \"PEC_CIE_TP\",\n"
    "      \"ae_notified\": 1,\n"
    "      \"cp_notified\": 1,\n"
    "      \"lines\": [\n"
    "        {\n"
    "          \"id\": \"a\",\n"
    "          \"kind\": \"PEC\",\n"
    "          \"rate\": 0.5,\n"
    "          \"weekly_hours\": 25,\n"
    "          \"duration_months\": 9.9,\n"
    "          \"volume\": 12\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"fungibility\": {}\n"
    "}\n";
  g_autoptr(TrjScenario) scenario = parse_ok (explicit_defaults);
  g_autofree char *exported = trj_json_scenario_to_data (scenario);
  TrjLine *line = line_of (scenario, "a");

  g_assert_false (scenario->overrides_smic || scenario->overrides_rsa);
  g_assert_true (scenario->has_fungibility);
  g_assert_false (scenario->fungibility.has_cie_jeunes_to_pec_cp);
  /* Without overrides the year's reference applies: SMIC 11.65 € from January 2024. */
  g_assert_cmpuint (scenario->reference.smic_hourly.n_points, ==, 5);
  g_assert_cmpfloat (scenario->reference.smic_hourly.points[2].value, ==, 11.65);
  g_assert_cmpfloat (scenario->reference.cd_share, ==, 0.88);
  for (int m = 0; m < TRJ_MONTHS; m++)
    g_assert_cmpfloat (line->entries[m], ==, 1);
  g_assert_cmpstr (exported, ==, expected);
}

/* ── Errors ────────────────────────────────────────────────────────────── */

/* A document whose first envelope holds the given lines. */
static char *
with_lines (const char *lines)
{
  return g_strdup_printf ("{\"format\": \"trajectoire-scenario/1\", \"year\": 2024,"
                          " \"region\": \"Bretagne\", \"zone\": \"metropole\","
                          " \"envelopes\": [{\"id\": \"PEC_CIE_TP\", \"ae_notified\": 1000,"
                          " \"cp_notified\": 500, \"lines\": [%s]}]}", lines);
}

/* A document with the given top-level members after format and year. */
static char *
with_members (const char *members)
{
  return g_strdup_printf ("{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, %s}",
                          members);
}

#define PEC_LINE(extra) \
  "{\"id\": \"a\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25," \
  " \"duration_months\": 9.9" extra "}"
#define PEC_ENTRIES ", \"entries\": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"
#define HEADER "\"region\": \"Bretagne\", \"zone\": \"metropole\""

typedef struct {
  const char *document;   /* a whole document, or the lines of with_lines () */
  gboolean lines_only;
  const char *message;    /* our own messages: exact */
  const char *path;       /* the engine's hard limits: key path prefix only; or, with a
                           * message, the start of a message whose end json-glib words */
} ErrorCase;

static void
check_error_case (const ErrorCase *c)
{
  g_autofree char *document = c->lines_only ? with_lines (c->document) : g_strdup (c->document);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_data (document, -1, &error);

  if (scenario != NULL)
    g_error ("accepted: %s", document);
  g_assert_nonnull (error);
  if (c->message != NULL && c->path != NULL)
    {
      g_assert_error (error, TRJ_JSON_ERROR, TRJ_JSON_ERROR_SYNTAX);
      if (!g_str_has_prefix (error->message, c->message))
        g_error ("“%s” does not start with “%s”", error->message, c->message);
    }
  else if (c->message != NULL)
    g_assert_cmpstr (error->message, ==, c->message);
  else
    {
      const char *rest = error->message + strlen (c->path);

      g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, c->path)
          || !(g_str_has_prefix (rest, ":") || g_str_has_prefix (rest, NNBSP ":")))
        g_error ("“%s” does not start with the key path %s", error->message, c->path);
    }
}

static void
test_errors (void)
{
  const ErrorCase cases[] = {
    { "", FALSE, "le document n’est pas un objet JSON" },
    { "[1, 2]", FALSE, "le document n’est pas un objet JSON" },
    { "{\"format\": \"trajectoire-scenario/1\",\n \"year\": 2024,\n \"region\": Bretagne}", FALSE,
      "document JSON invalide (ligne 3, colonne 19)" NNBSP ": ", "" },
    { "{\"format\": \"trajectoire-result/1\", \"year\": 2024}", FALSE,
      "format" NNBSP ": «" NBSP "trajectoire-result/1" NBSP "» n’est pas un document de scénario"
      " («" NBSP "trajectoire-scenario/1" NBSP "» attendu)" },
    { "{\"year\": 2024}", FALSE, "format" NNBSP ": clé obligatoire absente" },
    { "{\"format\": 1}", FALSE,
      "format" NNBSP ": on attend une chaîne de caractères, pas un nombre" },
    { "{\"format\": \"trajectoire-scenario/1\", \"yaer\": 2024}", FALSE,
      "yaer" NNBSP ": clé inconnue" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": \"2024\"}", FALSE,
      "year" NNBSP ": on attend un nombre, pas une chaîne de caractères" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024.5}", FALSE,
      "year" NNBSP ": on attend un nombre entier, pas 2" NNBSP "024,5" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\"}", FALSE,
      "zone" NNBSP ": clé obligatoire absente" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
      " \"zone\": \"paris\"}", FALSE,
      "zone" NNBSP ": zone inconnue «" NBSP "paris" NBSP "» (metropole, outre_mer ou mayotte)" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER "}", FALSE,
      "envelopes" NNBSP ": clé obligatoire absente" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"envelopes\": {}}",
      FALSE, "envelopes" NNBSP ": on attend un tableau, pas un objet" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"envelopes\": [3]}",
      FALSE, "envelopes[0]" NNBSP ": on attend un objet, pas un nombre" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"envelopes\":"
      " [{\"id\": \"PEC_CIE_TP\", \"cp_notified\": 1, \"lines\": []}]}", FALSE,
      "envelopes[0].ae_notified" NNBSP ": clé obligatoire absente" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"envelopes\":"
      " [{\"id\": \"\", \"ae_notified\": 1, \"cp_notified\": 1, \"lines\": []}]}", FALSE,
      "envelopes[0].id" NNBSP ": ne doit pas être vide" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"envelopes\":"
      " [{\"id\": \"E\", \"ae_notified\": 1, \"cp_notified\": 1,"
      " \"cp_notified_includes_stock\": \"yes\", \"lines\": []}]}", FALSE,
      "envelopes[0].cp_notified_includes_stock" NNBSP ": on attend un booléen, pas une chaîne de caractères" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"envelopes\":"
      " [{\"id\": \"E\", \"ae_notified\": 1, \"cp_notified\": 1}]}", FALSE,
      "envelopes[0].lines" NNBSP ": clé obligatoire absente" },

    /* Reference overrides */
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"reference\":"
      " {\"smic\": []}, \"envelopes\": []}", FALSE, "reference.smic" NNBSP ": clé inconnue" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"reference\":"
      " {\"smic_hourly\": [{\"from\": \"2023-01-01\", \"value\": 11}, {\"from\": \"2024-13-01\","
      " \"value\": 12}]}, \"envelopes\": []}", FALSE,
      "reference.smic_hourly[1].from" NNBSP ": «" NBSP "2024-13-01" NBSP "» n’est pas une date (AAAA-MM-JJ)" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"reference\":"
      " {\"rsa\": [{\"from\": \"2024-04-01\", \"value\": 600}, {\"from\": \"2023-04-01\","
      " \"value\": 590}]}, \"envelopes\": []}", FALSE,
      "reference.rsa[1].from" NNBSP ": les dates doivent être croissantes" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"reference\":"
      " {\"rsa\": [{\"from\": \"2024-04-01\"}]}, \"envelopes\": []}", FALSE,
      "reference.rsa[0].value" NNBSP ": clé obligatoire absente" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"reference\":"
      " {\"rsa\": []}, \"envelopes\": []}", FALSE,
      "reference.rsa" NNBSP ": la série doit contenir au moins une valeur datée" },
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"reference\":"
      " {\"cd_share\": 1.5}, \"envelopes\": []}", FALSE, NULL, "reference.cd_share" },

    /* Lines */
    { "{\"id\": \"a\", \"kind\": \"PECC\"}", TRUE,
      "envelopes[0].lines[0].kind" NNBSP ": type de ligne inconnu «" NBSP "PECC" NBSP "»" },
    { "{\"kind\": \"PEC\"}", TRUE, "envelopes[0].lines[0].id" NNBSP ": clé obligatoire absente" },
    { PEC_LINE (PEC_ENTRIES ", \"quantity\": 3"), TRUE,
      "envelopes[0].lines[0].quantity" NNBSP ": clé inconnue pour une ligne PEC" },
    { "{\"id\": \"a\", \"kind\": \"PEC\", \"weekly_hours\": 25, \"duration_months\": 9.9"
      PEC_ENTRIES "}", TRUE, "envelopes[0].lines[0].rate" NNBSP ": clé obligatoire absente" },
    { PEC_LINE (", \"entries\": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"), TRUE,
      "envelopes[0].lines[0].entries" NNBSP ": on attend 12 valeurs mensuelles (janvier à décembre), pas 11" },
    { PEC_LINE (", \"entries\": [1, 1, 1, 1, null, 1, 1, 1, 1, 1, 1, 1]"), TRUE,
      "envelopes[0].lines[0].entries[4]" NNBSP ": on attend un nombre, pas null" },
    { PEC_LINE (PEC_ENTRIES ", \"volume\": 12"), TRUE,
      "envelopes[0].lines[0].volume" NNBSP ": ne peut pas être donné avec «" NBSP "entries" NBSP "»" },
    { PEC_LINE (""), TRUE,
      "envelopes[0].lines[0].entries" NNBSP ": clé obligatoire absente (donner «" NBSP "entries"
      NBSP "», ou «" NBSP "volume" NBSP "» avec un «" NBSP "profile" NBSP "» facultatif)" },
    { PEC_LINE (PEC_ENTRIES ", \"payment_lag_months\": 1.5"), TRUE,
      "envelopes[0].lines[0].payment_lag_months" NNBSP ": on attend un nombre entier, pas 1,5" },
    { PEC_LINE (PEC_ENTRIES ", \"previous_entries\": \"none\""), TRUE,
      "envelopes[0].lines[0].previous_entries" NNBSP ": on attend un tableau, pas une chaîne de caractères" },
    { "{\"id\": \"a\", \"kind\": \"EI\", \"quantity\": 2, \"commitment_month\": 13}", TRUE,
      "envelopes[0].lines[0].commitment_month" NNBSP ": 13 n’est pas un mois (1 = janvier … 12 = décembre)" },
    { "{\"id\": \"a\", \"kind\": \"EI\", \"quantity\": 2, \"second_year_quantity\": 1}", TRUE,
      "envelopes[0].lines[0].second_year_quantity" NNBSP ": clé inconnue pour une ligne EI" },
    { "{\"id\": \"a\", \"kind\": \"EA_SOCLE\", \"quantity\": 2, \"rsa_recipients\": 1}", TRUE,
      "envelopes[0].lines[0].rsa_recipients" NNBSP ": clé inconnue pour une ligne EA_SOCLE" },
    { "{\"id\": \"a\", \"kind\": \"FREE\", \"ae_amount\": 2}", TRUE,
      "envelopes[0].lines[0].cp_schedule" NNBSP ": clé obligatoire absente" },

    /* Hard limits, checked by the engine after the structure */
    { PEC_LINE (PEC_ENTRIES) ", " PEC_LINE (PEC_ENTRIES), TRUE, NULL, "envelopes[0].lines[1].id" },
    { "{\"id\": \"a\", \"kind\": \"PEC\", \"rate\": 1.4, \"weekly_hours\": 25,"
      " \"duration_months\": 9.9" PEC_ENTRIES "}", TRUE, NULL, "envelopes[0].lines[0].rate" },
    { PEC_LINE (", \"entries\": [1, 1, 1, -5, 1, 1, 1, 1, 1, 1, 1, 1]"), TRUE, NULL,
      "envelopes[0].lines[0].entries[3]" },
    { PEC_LINE (", \"volume\": 12, \"profile\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]"), TRUE, NULL,
      "envelopes[0].lines[0].profile" },

    /* Fungibility */
    { "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, " HEADER ", \"envelopes\": [],"
      " \"fungibility\": {\"pec_to_cie\": 1}}", FALSE, "fungibility.pec_to_cie" NNBSP ": clé inconnue" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_error_case (&cases[i]);
}

static void
test_error_year (void)
{
  g_autofree char *document = with_members ("\"region\": \"X\"");
  g_autofree char *future = g_strdup ("{\"format\": \"trajectoire-scenario/1\", \"year\": 2031}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_data (future, -1, &error);

  g_assert_null (scenario);
  g_assert_error (error, TRJ_JSON_ERROR, TRJ_JSON_ERROR_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "year" NNBSP ": "));
  g_assert_nonnull (strstr (error->message, "2031"));
  g_clear_error (&error);

  /* Members are checked in document order of importance: the zone is missing. */
  scenario = trj_json_scenario_from_data (document, -1, &error);
  g_assert_cmpstr (error->message, ==, "zone" NNBSP ": clé obligatoire absente");
}

static void
test_error_ceiling (void)
{
  /* 0.44 % of the 1 000 000 € notified is 4 400 €: 5 000 € is refused. */
  g_autofree char *document = with_members (
    HEADER ", \"envelopes\": [{\"id\": \"PEC_CIE_TP\", \"ae_notified\": 1000000,"
    " \"cp_notified\": 1, \"lines\": []}], \"fungibility\": {\"initiatives_territoriales_ae\": 5000}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_data (document, -1, &error);

  g_assert_null (scenario);
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_FUNGIBILITY);
  g_assert_true (g_str_has_prefix (error->message,
                                   "fungibility.initiatives_territoriales_ae" NNBSP ": "));
  g_assert_nonnull (strstr (error->message, "4" NNBSP "400" NBSP "€"));
}

/* ── Result document ───────────────────────────────────────────────────── */

/* One PEC line at 50 % of a 10 € SMIC, 25 h a week, 4 weeks a month: 500 € a
 * month served, for 2.5 months (500, 500, 250 = 1 250 € a contract), paid the
 * month after. One contract enters in January, two in December, and one entered
 * in December of last year (stock). A second line has no entries; CIE jeunes
 * has no line at all. */
static const char small_scenario[] =
  "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
  " \"zone\": \"metropole\", \"reference\": {\"smic_hourly\": [{\"from\": \"2023-01-01\","
  " \"value\": 10}], \"rsa\": [{\"from\": \"2023-01-01\", \"value\": 500}],"
  " \"weeks_per_month\": 4},"
  " \"envelopes\": ["
  "  {\"id\": \"PEC_CIE_TP\", \"ae_notified\": 3000, \"cp_notified\": 1000, \"lines\": ["
  "    {\"id\": \"pec-a\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25,"
  "     \"duration_months\": 2.5, \"entries\": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],"
  "     \"previous_entries\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]},"
  "    {\"id\": \"pec-b\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25,"
  "     \"duration_months\": 9.9, \"entries\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}]},"
  "  {\"id\": \"CIE_JEUNES\", \"ae_notified\": 100, \"cp_notified\": 50, \"lines\": []}]}";

static void
assert_members (JsonObject *object, const char *const *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GList *l = members;

  for (; *expected != NULL; expected++, l = l->next)
    {
      g_assert_nonnull (l);
      g_assert_cmpstr (l->data, ==, *expected);
    }
  g_assert_null (l);
}

static void
assert_months (JsonObject *object, const char *key, const double expected[TRJ_MONTHS])
{
  JsonArray *array = json_object_get_array_member (object, key);

  g_assert_cmpuint (json_array_get_length (array), ==, TRJ_MONTHS);
  for (guint m = 0; m < TRJ_MONTHS; m++)
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (array, m), expected[m], 1e-9);
}

static void
assert_number (JsonObject *object, const char *key, double expected)
{
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, key), expected, 1e-9);
}

static void
assert_alert (JsonArray *alerts, guint index, const char *code, const char *line,
              const char *message)
{
  JsonObject *alert = json_array_get_object_element (alerts, index);
  static const char *const keys[] = { "code", "line", "message", "severity", NULL };

  assert_members (alert, keys);
  g_assert_cmpstr (json_object_get_string_member (alert, "code"), ==, code);
  if (line == NULL)
    g_assert_true (json_object_get_null_member (alert, "line"));
  else
    g_assert_cmpstr (json_object_get_string_member (alert, "line"), ==, line);
  g_assert_cmpstr (json_object_get_string_member (alert, "message"), ==, message);
  g_assert_cmpstr (json_object_get_string_member (alert, "severity"), ==,
                   g_str_equal (code, "RATE_ABOVE_AVERAGE") && strstr (message, "doit baisser") == NULL
                   ? "info" : "alert");
}

static void
test_result (void)
{
  static const char *const root_keys[] = { "format", "year", "lines", "envelopes", "region", NULL };
  static const char *const line_keys[] = {
    "ae", "cp", "ae_total", "cp_total", "cp_stock", "cp_after_year", "volume",
    "ae_per_contract", "ae_per_unit", "unit", NULL
  };
  static const char *const envelope_keys[] = {
    "ae", "cp", "ae_total", "cp_total", "cp_stock", "cp_after_year", "volume",
    "ae_available", "cp_available", "ae_margin", "cp_margin", "capacity", "alerts", NULL
  };
  static const char *const region_keys[] = { "name", "ae_total", "cp_total", NULL };
  static const char *const line_ids[] = { "pec-a", "pec-b", NULL };
  static const char *const envelope_ids[] = { "PEC_CIE_TP", "CIE_JEUNES", NULL };
  static const double ae[TRJ_MONTHS] = { 1250, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2500 };
  static const double cp[TRJ_MONTHS] = { 500, 1000, 750, 250, 0, 0, 0, 0, 0, 0, 0, 0 };
  static const double zeros[TRJ_MONTHS] = { 0 };
  g_autoptr(TrjScenario) scenario = parse_ok (small_scenario);
  g_autoptr(TrjResult) result = trj_result_new (scenario);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *root, *lines, *envelopes, *o;
  JsonArray *alerts;

  trj_engine_compute (scenario, &trj_year_data_get (2024, NULL)->rules, result, &error);
  g_assert_no_error (error);
  text = trj_json_result_to_data (scenario, result);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  assert_members (root, root_keys);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "trajectoire-result/1");
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2024);

  lines = json_object_get_object_member (root, "lines");
  assert_members (lines, line_ids);
  o = json_object_get_object_member (lines, "pec-a");
  assert_members (o, line_keys);
  assert_months (o, "ae", ae);
  assert_months (o, "cp", cp);
  assert_number (o, "ae_total", 3750);
  assert_number (o, "cp_total", 2500);
  assert_number (o, "cp_stock", 1250);
  assert_number (o, "cp_after_year", 2500);
  assert_number (o, "volume", 3);
  assert_number (o, "ae_per_contract", 1250);
  assert_number (o, "ae_per_unit", 1250);
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "contrats");
  o = json_object_get_object_member (lines, "pec-b");
  assert_months (o, "ae", zeros);
  assert_number (o, "volume", 0);
  g_assert_true (json_object_get_null_member (o, "ae_per_contract"));

  envelopes = json_object_get_object_member (root, "envelopes");
  assert_members (envelopes, envelope_ids);
  o = json_object_get_object_member (envelopes, "PEC_CIE_TP");
  assert_members (o, envelope_keys);
  assert_months (o, "ae", ae);
  assert_months (o, "cp", cp);
  assert_number (o, "ae_total", 3750);
  assert_number (o, "cp_total", 2500);
  assert_number (o, "cp_stock", 1250);
  assert_number (o, "cp_after_year", 2500);
  assert_number (o, "volume", 3);
  assert_number (o, "ae_available", 3000);
  assert_number (o, "cp_available", 1000);
  assert_number (o, "ae_margin", -750);
  assert_number (o, "cp_margin", -250);              /* 1 000 − (2 500 − 1 250 of stock) */
  assert_number (o, "capacity", 2);                  /* ⌊3 000 / 1 250⌋ */
  alerts = json_object_get_array_member (o, "alerts");
  g_assert_cmpuint (json_array_get_length (alerts), ==, 4);
  assert_alert (alerts, 0, "DURATION_OUT_OF_RANGE", "pec-a",
                "Durée de prise en charge de 2,5" NBSP "mois hors de la plage 6–12" NBSP "mois");
  assert_alert (alerts, 1, "AE_OVER_ENVELOPE", NULL,
                "AE programmées de 3" NNBSP "750" NBSP "€" NNBSP ": dépassement de l’enveloppe"
                " disponible (3" NNBSP "000" NBSP "€) de 750" NBSP "€");
  assert_alert (alerts, 2, "CP_OVER_ENVELOPE", NULL,
                "CP programmés de 1" NNBSP "250" NBSP "€" NNBSP ": dépassement de l’enveloppe"
                " disponible (1" NNBSP "000" NBSP "€) de 250" NBSP "€");
  assert_alert (alerts, 3, "COFINANCING_BELOW_TARGET", NULL,
                "Part cofinancée moyenne de 0,0" NBSP "% inférieure à l’objectif de 15,0" NBSP "%");

  o = json_object_get_object_member (envelopes, "CIE_JEUNES");
  assert_members (o, envelope_keys);
  assert_number (o, "ae_total", 0);
  assert_number (o, "ae_margin", 100);
  assert_number (o, "cp_margin", 50);
  g_assert_true (json_object_get_null_member (o, "capacity"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "alerts")), ==, 0);

  o = json_object_get_object_member (root, "region");
  assert_members (o, region_keys);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Bretagne");
  assert_number (o, "ae_total", 3750);
  assert_number (o, "cp_total", 2500);
}

/* ── Alert texts ───────────────────────────────────────────────────────── */

typedef struct {
  TrjAlert alert;
  const char *message;
} AlertText;

static void
assert_alert_texts (const TrjScenario *scenario, const AlertText *texts, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *message = trj_alert_message (scenario, &texts[i].alert);

      g_assert_cmpstr (message, ==, texts[i].message);
    }
}

static void
test_alert_texts (void)
{
  static const AlertText cases[] = {
    { { TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0, 0.65, 0.30, 0.60 },
      "Taux de 65,0" NBSP "% hors de la plage 30,0" NBSP "%–60,0" NBSP "%" },
    { { TRJ_ALERT_HOURS_OUT_OF_RANGE, 0, 0, 32.5, 20, 30 },
      "Durée hebdomadaire de 32,5" NBSP "h hors de la plage 20–30" NBSP "h" },
    { { TRJ_ALERT_DURATION_OUT_OF_RANGE, 0, 0, 14, 6, 12 },
      "Durée de prise en charge de 14" NBSP "mois hors de la plage 6–12" NBSP "mois" },
    { { TRJ_ALERT_AE_OVER_ENVELOPE, 0, -1, 7012345, 0, 6813468 },
      "AE programmées de 7" NNBSP "012" NNBSP "345" NBSP "€" NNBSP ": dépassement de l’enveloppe"
      " disponible (6" NNBSP "813" NNBSP "468" NBSP "€) de 198" NNBSP "877" NBSP "€" },
    { { TRJ_ALERT_CP_OVER_ENVELOPE, 0, -1, 3666735.4, 0, 3259524 },
      "CP programmés de 3" NNBSP "666" NNBSP "735" NBSP "€" NNBSP ": dépassement de l’enveloppe"
      " disponible (3" NNBSP "259" NNBSP "524" NBSP "€) de 407" NNBSP "211" NBSP "€" },
    { { TRJ_ALERT_FUNGIBILITY_OVER_CEILING, 0, -1, 50000, 0, 29980.4 },
      "Initiatives territoriales de 50" NNBSP "000" NBSP "€" NNBSP ": dépassement du plafond"
      " (29" NNBSP "980" NBSP "€) de 20" NNBSP "020" NBSP "€" },
    /* 20 RSA recipients over 12 months: 0,88 × 635,71 × 12 × 20 ≈ 134 262 € against a socle of 122 180 €. */
    { { TRJ_ALERT_COFINANCING_EXCEEDS_AID, 0, 0, 134261.95, 0, 122180 },
      "Cofinancement départemental de 134" NNBSP "262" NBSP "€ supérieur au socle de l’État (122" NNBSP "180"
      NBSP "€)" NNBSP ": plafonné au socle" },
    { { TRJ_ALERT_COFINANCING_BELOW_TARGET, 0, -1, 0.1, 0.15, 1 },
      "Part cofinancée moyenne de 10,0" NBSP "% inférieure à l’objectif de 15,0" NBSP "%" },
    { { TRJ_ALERT_RATE_ABOVE_AVERAGE, 0, -1, 0.52, 0, 0.5, 1300, 1190, TRJ_SEVERITY_ALERT },
      "Taux moyen de 52,0" NBSP "% supérieur à la moyenne de la circulaire (50,0" NBSP "%)"
      NNBSP ": à ce taux, l’enveloppe finance 1" NNBSP "190 contrats et 1" NNBSP "300 sont programmés"
      NNBSP ": le volume doit baisser" },
    /* The circular's examples 1 and 2 (Fiche 2): 7 ETP conventionnés. */
    { { TRJ_ALERT_IAE_BELOW_BASE, 0, 0, 6, 7, 7, 0, 0, TRJ_SEVERITY_ALERT, TRJ_IAE_NEEDS_DECREASE },
      "6 ETP sous la base de conventionnement de 7 ETP (réalisé de l’an dernier, dans la limite de ses 7"
      " conventionnés)" NNBSP ": aucune structure n’y descend sauf à sa demande (diminution demandée)" },
    { { TRJ_ALERT_IAE_ABOVE_BASE, 0, 0, 5, 3, 7, 0, 0, TRJ_SEVERITY_ALERT, TRJ_IAE_NEEDS_REVALUATION },
      "5 ETP au-dessus de la base de conventionnement de 3 ETP" NNBSP ": jusqu’à ses 7 ETP conventionnés"
      " l’an dernier, la structure doit avoir demandé une revalorisation après sous-exécution" },
    { { TRJ_ALERT_IAE_UNDER_REALISED, 0, 0, 6.25, 9, 10, 0, 0, TRJ_SEVERITY_ALERT, 0, 5 },
      "Au mois 5, ETP réalisés projetés à 6,25 en moyenne annuelle, soit 62,5" NBSP "% des 10 ETP"
      " conventionnés" NNBSP ": sous la tolérance de 90" NBSP "%" },
    /* Issue 16: the Finistère's allocation of 1 000 € and 2 contracts, its lines at 1 500 €. */
    { { TRJ_ALERT_ALLOCATION_EXCEEDED, 0, -1, 1500, 0, 1000, 2, 2, TRJ_SEVERITY_ALERT, 0, 0, 0 },
      "Allocation «" NBSP "Finistère (29)" NBSP "» dépassée" NNBSP ": les lignes engagent 1" NNBSP "500" NBSP
      "€ d’AE pour 1" NNBSP "000" NBSP "€ alloués (500" NBSP "€ de plus)" },
    /* MODEL 2.8: 18 % of the entries for the QPV against 25 %; renewals of 14 months. */
    { { TRJ_ALERT_PUBLIC_TARGET_MISSED, 0, -1, 0.18, 0.25, 1, 0, 0, TRJ_SEVERITY_ALERT, 0, 0, 0, TRJ_PUBLIC_QPV },
      "Résidents des QPV" NNBSP ": 18,0" NBSP "% des entrées, sous l’objectif de 25,0" NBSP "%" },
    { { TRJ_ALERT_RENEWAL_TOO_LONG, 0, 0, 14, 0, 12 },
      "Renouvellements de 14" NBSP "mois" NNBSP ": un renouvellement dure au plus 12" NBSP "mois" },
  };

  /* An average just above the circular's, and a share just below the
   * target: as many decimals as it takes to tell them apart. */
  static const AlertText close[] = {
    { { TRJ_ALERT_RATE_ABOVE_AVERAGE, 0, -1, 0.50024, 0, 0.5, 600, 1232, TRJ_SEVERITY_INFO },
      "Taux moyen de 50,02" NBSP "% supérieur à la moyenne de la circulaire (50,00" NBSP "%)"
      NNBSP ": à ce taux, l’enveloppe finance 1" NNBSP "232 contrats" },
    { { TRJ_ALERT_COFINANCING_BELOW_TARGET, 0, -1, 0.14996, 0.15, 1 },
      "Part cofinancée moyenne de 14,996" NBSP "% inférieure à l’objectif de 15,000" NBSP "%" },
    /* What an ETP above its conventionné lacks: a project, and for an ACI a prison one. */
    { { TRJ_ALERT_IAE_ABOVE_BASE, 0, 0, 9, 7, 7, 0, 0, TRJ_SEVERITY_ALERT, TRJ_IAE_NEEDS_DEVELOPMENT },
      "9 ETP au-delà des 7 ETP conventionnés l’an dernier" NNBSP ": il faut un projet de développement" },
    { { TRJ_ALERT_IAE_ABOVE_BASE, 0, 0, 9, 7, 7, 0, 0, TRJ_SEVERITY_ALERT,
        TRJ_IAE_NEEDS_DEVELOPMENT | TRJ_IAE_NEEDS_PRISON },
      "9 ETP au-delà des 7 ETP conventionnés l’an dernier" NNBSP ": un ACI ne se développe que par"
      " exception, avec un projet de développement en milieu pénitentiaire" },
    { { TRJ_ALERT_IAE_ABOVE_BASE, 0, 0, 9, 7, 7, 0, 0, TRJ_SEVERITY_ALERT, TRJ_IAE_NEEDS_PRISON },
      "9 ETP au-delà des 7 ETP conventionnés l’an dernier" NNBSP ": un ACI ne se développe que par"
      " exception, pour un projet en milieu pénitentiaire" },
    /* A justified line outside the ranges asks for an exception (MODEL 2.8). */
    { { TRJ_ALERT_RATE_OUT_OF_RANGE, 0, 0, 0.65, 0.3, 0.6, 0, 0, TRJ_SEVERITY_ALERT, 0, 0, 0, 0, TRUE },
      "Demande exceptionnelle" NNBSP ": taux de 65,0" NBSP "% hors de la plage 30,0" NBSP "%–60,0" NBSP "%"
      " (justification jointe)" },
  };
  g_autoptr(TrjScenario) scenario = parse_ok (small_scenario);

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == TRJ_N_ALERT_CODES);
  trj_envelope_add_allocation (g_ptr_array_index (scenario->envelopes, 0), trj_allocation_new ("29", NULL, 1000, 2));
  assert_alert_texts (scenario, cases, G_N_ELEMENTS (cases));
  assert_alert_texts (scenario, close, G_N_ELEMENTS (close));
}

/* ── Writer ────────────────────────────────────────────────────────────── */

static void
test_writer (void)
{
  static const double numbers[] = { 0.15, 4.333333333333333, 6813468, -0.0, 1e21, 0.1 + 0.2, NAN };
  g_autoptr(TrjJsonWriter) pretty = trj_json_writer_new (TRUE);
  TrjJsonWriter *compact = trj_json_writer_new (FALSE);
  g_autofree char *text = NULL;

  trj_json_writer_begin_object (compact);
  trj_json_writer_key (compact, "s");
  trj_json_writer_string (compact, "a \"b\"\\\n\tc\001é");
  trj_json_writer_key (compact, "n");
  trj_json_writer_numbers (compact, numbers, G_N_ELEMENTS (numbers));
  trj_json_writer_key (compact, "empty");
  trj_json_writer_begin_array (compact);
  trj_json_writer_end_array (compact);
  trj_json_writer_key (compact, "x");
  trj_json_writer_begin_object (compact);
  trj_json_writer_key (compact, "t");
  trj_json_writer_boolean (compact, TRUE);
  trj_json_writer_key (compact, "z");
  trj_json_writer_null (compact);
  trj_json_writer_end_object (compact);
  trj_json_writer_end_object (compact);
  text = trj_json_writer_free_to_string (compact);
  g_assert_cmpstr (text, ==,
                   "{\"s\": \"a \\\"b\\\"\\\\\\n\\tc\\u0001é\", "
                   "\"n\": [0.15, 4.333333333333333, 6813468, 0, 1e+21, 0.30000000000000004, null], "
                   "\"empty\": [], \"x\": {\"t\": true, \"z\": null}}");
  g_clear_pointer (&text, g_free);

  trj_json_writer_begin_array (pretty);
  trj_json_writer_int (pretty, 1);
  trj_json_writer_begin_object (pretty);
  trj_json_writer_end_object (pretty);
  trj_json_writer_end_array (pretty);
  text = trj_json_writer_free_to_string (g_steal_pointer (&pretty));
  g_assert_cmpstr (text, ==, "[\n  1,\n  {}\n]\n");
}

int
main (int argc, char **argv)
{
  /* French messages whatever the caller's locale. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  trj_format_install_in_engine ();   /* as programs do */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/round-trip", test_round_trip);
  g_test_add_func ("/json/defaults", test_defaults);
  g_test_add_func ("/json/errors", test_errors);
  g_test_add_func ("/json/error-year", test_error_year);
  g_test_add_func ("/json/error-ceiling", test_error_ceiling);
  g_test_add_func ("/json/result", test_result);
  g_test_add_func ("/json/alert-texts", test_alert_texts);
  g_test_add_func ("/json/writer", test_writer);

  return g_test_run ();
}
