/* test-iae.c — IAE structures (MODEL.md 3.1, 3.2): the SIRET check, the
 * conventionnement base with the circular's three examples (Fiche 2), the
 * realised ETP and IAE_UNDER_REALISED, the bourse aux postes in euros, and
 * the register and realised ETP through JSON, CSV and the workbook.
 *
 * Hand computations (2024, métropole, modulated part 5 %):
 *   AE of a structure = u · q · 1,05      EI u = 12 218 €, ACI u = 23 458 €
 *   projected(T)      = (Σ_{m ≤ T} r[m] + (12 − T) · r[T]) / 12
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-catalog.h"
#include "trj-engine.h"
#include "trj-i18n.h"
#include "trj-iae.h"
#include "trj-json.h"
#include "trj-structures-csv.h"
#include "trj-workbook.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static const TrjYearData *
year_data (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);

  g_assert_no_error (error);
  return data;
}

static TrjScenario *
iae_scenario (double ae_notified)
{
  TrjScenario *s = trj_scenario_new ();
  TrjEnvelope *env = trj_envelope_new ("IAE");

  s->year = 2024;
  s->region = g_strdup ("Bretagne");
  s->zone = TRJ_ZONE_METROPOLE;
  trj_year_data_reference (year_data (), s->zone, &s->reference);
  env->ae_notified = ae_notified;
  env->cp_notified = ae_notified;
  g_ptr_array_add (s->envelopes, env);
  return s;
}

static TrjLine *
add_structure (TrjScenario *s, const char *id, TrjLineKind kind, const char *name, double q)
{
  TrjLine *line = trj_catalog_line_new (id, kind, year_data (), s->zone);

  line->structure_name = g_strdup (name);
  line->quantity = q;
  g_ptr_array_add (((TrjEnvelope *) g_ptr_array_index (s->envelopes, 0))->lines, line);
  return line;
}

static void
set_previous (TrjLine *line, double conventionne, double realise)
{
  line->conventionne_previous = conventionne;
  line->has_conventionne_previous = TRUE;
  line->realise_previous = realise;
  line->has_realise_previous = TRUE;
}

static TrjResult *
compute (const TrjScenario *s)
{
  g_autoptr(GError) error = NULL;
  TrjResult *r = trj_result_new (s);

  g_assert_true (trj_scenario_validate (s, &error));
  g_assert_no_error (error);
  g_assert_true (trj_engine_compute (s, &year_data ()->rules, r, &error));
  g_assert_no_error (error);
  return r;
}

/* The alerts of a code on line l of the first envelope. */
static const TrjAlert *
find_alert (const TrjResult *r, TrjAlertCode code, int l)
{
  for (guint i = 0; i < r->n_alerts; i++)
    if (r->alerts[i].code == code && r->alerts[i].line == l)
      return &r->alerts[i];
  return NULL;
}

static void
test_siret (void)
{
  g_autofree char *why = NULL;

  /* 7 3 2 8 2 9 3 2 0 0 0 0 7 4: doubled from the left 5+4+4+6+0+0+5 = 24, others 26: 50. */
  g_assert_true (trj_siret_check ("73282932000074", NULL));
  g_assert_false (trj_siret_check ("73282932000075", &why));
  g_assert_cmpstr (why, ==, "«\u00a073282932000075\u00a0» n’est pas un SIRET\u202f: sa clé de contrôle est fausse");
  g_clear_pointer (&why, g_free);
  g_assert_false (trj_siret_check ("7328293200007", &why));
  g_assert_cmpstr (why, ==, "«\u00a07328293200007\u00a0» n’est pas un SIRET\u202f: 14 chiffres sont attendus");
  g_assert_false (trj_siret_check ("7328293200007A", NULL));
  g_assert_false (trj_siret_check (NULL, NULL));
  /* La Poste: its siège follows Luhn; an establishment the sum of its digits
   * (3+5+6+1 = 15), which Luhn refuses. */
  g_assert_true (trj_siret_check ("35600000000048", NULL));
  g_assert_true (trj_siret_check ("35600000000010", NULL));
  g_assert_false (trj_siret_check ("35600000000011", NULL));
}

/* Fiche 2's three examples, each a structure conventionnée for 7 ETP in 2023. */
static void
test_conventionnement_examples (void)
{
  g_autoptr(TrjScenario) s = iae_scenario (1e7);
  g_autoptr(TrjResult) r = NULL;
  TrjLine *ex1, *ex2, *ex3, *aci;
  const TrjAlert *alert;
  double base;

  /* Example 1: 9 realised (6 in H1, 12 in H2), above the conventionné: base 7. */
  ex1 = add_structure (s, "ex1", TRJ_KIND_EI, "Exemple 1", 7);
  set_previous (ex1, 7, (6 + 12) / 2.0);
  g_assert_true (trj_iae_base (ex1, &base));
  g_assert_cmpfloat (base, ==, 7);
  g_assert_cmpuint (trj_iae_needs (ex1), ==, 0);
  ex1->quantity = 6;
  g_assert_cmpuint (trj_iae_needs (ex1), ==, TRJ_IAE_NEEDS_DECREASE);
  ex1->decrease_requested = TRUE;
  g_assert_cmpuint (trj_iae_needs (ex1), ==, 0);
  ex1->decrease_requested = FALSE;

  /* Example 2: 3 realised (2 in H1, 4 in H2): base 3, up to 7 with a
   * revaluation after under-execution, not beyond without a project. */
  ex2 = add_structure (s, "ex2", TRJ_KIND_EI, "Exemple 2", 3);
  set_previous (ex2, 7, (2 + 4) / 2.0);
  g_assert_true (trj_iae_base (ex2, &base));
  g_assert_cmpfloat (base, ==, 3);
  g_assert_cmpuint (trj_iae_needs (ex2), ==, 0);
  ex2->quantity = 5;
  g_assert_cmpuint (trj_iae_needs (ex2), ==, TRJ_IAE_NEEDS_REVALUATION);
  ex2->revaluation_requested = TRUE;
  g_assert_cmpuint (trj_iae_needs (ex2), ==, 0);
  ex2->quantity = 7;
  g_assert_cmpuint (trj_iae_needs (ex2), ==, 0);
  ex2->quantity = 7.5;
  g_assert_cmpuint (trj_iae_needs (ex2), ==, TRJ_IAE_NEEDS_DEVELOPMENT);

  /* Example 3: 7 realised (6 in H1, 8 in H2) and a development project: 9 accepted. */
  ex3 = add_structure (s, "ex3", TRJ_KIND_EI, "Exemple 3", 9);
  set_previous (ex3, 7, (6 + 8) / 2.0);
  g_assert_true (trj_iae_base (ex3, &base));
  g_assert_cmpfloat (base, ==, 7);
  g_assert_cmpuint (trj_iae_needs (ex3), ==, TRJ_IAE_NEEDS_DEVELOPMENT);
  ex3->development = TRUE;
  g_assert_cmpuint (trj_iae_needs (ex3), ==, 0);

  /* An ACI develops by exception: prison projects. */
  aci = add_structure (s, "aci", TRJ_KIND_ACI, "Chantier", 9);
  set_previous (aci, 7, 7);
  aci->development = TRUE;
  g_assert_cmpuint (trj_iae_needs (aci), ==, TRJ_IAE_NEEDS_PRISON);

  /* Through the engine: ex1 at 6 is below its base, ex2 at 7,5 lacks a
   * project, ex3 is in order, the ACI lacks its prison project. */
  ex1->quantity = 6;
  r = compute (s);
  alert = find_alert (r, TRJ_ALERT_IAE_BELOW_BASE, 0);
  g_assert_nonnull (alert);
  g_assert_cmpfloat (alert->value, ==, 6);
  g_assert_cmpfloat (alert->limit_lo, ==, 7);
  g_assert_cmpfloat (alert->limit_hi, ==, 7);
  alert = find_alert (r, TRJ_ALERT_IAE_ABOVE_BASE, 1);
  g_assert_nonnull (alert);
  g_assert_cmpuint (alert->needs, ==, TRJ_IAE_NEEDS_DEVELOPMENT);
  g_assert_cmpfloat (alert->limit_lo, ==, 3);
  g_assert_null (find_alert (r, TRJ_ALERT_IAE_ABOVE_BASE, 2));
  g_assert_null (find_alert (r, TRJ_ALERT_IAE_BELOW_BASE, 2));
  alert = find_alert (r, TRJ_ALERT_IAE_ABOVE_BASE, 3);
  g_assert_nonnull (alert);
  g_assert_cmpuint (alert->needs, ==, TRJ_IAE_NEEDS_PRISON);

  /* Without last year's two figures there is no base and no check. */
  aci->has_realise_previous = FALSE;
  g_assert_false (trj_iae_base (aci, &base));
  g_assert_cmpuint (trj_iae_needs (aci), ==, 0);
}

static void
test_realised (void)
{
  g_autoptr(TrjScenario) s = iae_scenario (1e7);
  g_autoptr(TrjResult) r = NULL;
  TrjLine *low, *full;
  const TrjAlert *alert;

  low = add_structure (s, "low", TRJ_KIND_ACI, "Chantier bas", 10);
  full = add_structure (s, "full", TRJ_KIND_EI, "EI pleine", 4);
  g_assert_cmpint (trj_iae_last_month (low), ==, 0);
  g_assert_cmpint (trj_iae_alert_month (4), ==, 0);

  /* 6 ETP a month to May: (5 · 6 + 7 · 6) / 12 = 6, 60 % of 10. */
  for (int m = 0; m < 5; m++)
    {
      low->realised_etp[m] = 6;
      full->realised_etp[m] = 4;
    }
  g_assert_cmpint (trj_iae_last_month (low), ==, 5);
  g_assert_cmpfloat_with_epsilon (trj_iae_projected (low, 5), 6, 1e-12);
  r = compute (s);
  alert = find_alert (r, TRJ_ALERT_IAE_UNDER_REALISED, 0);
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->month, ==, 5);
  g_assert_cmpfloat_with_epsilon (alert->value, 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (alert->limit_lo, 9, 1e-12);
  g_assert_null (find_alert (r, TRJ_ALERT_IAE_UNDER_REALISED, 1));

  /* In July the alert of May stands, stated with May's data. */
  low->realised_etp[5] = low->realised_etp[6] = 9;
  g_assert_cmpint (trj_iae_alert_month (7), ==, 5);
  g_clear_pointer (&r, trj_result_free);
  r = compute (s);
  g_assert_cmpfloat_with_epsilon (find_alert (r, TRJ_ALERT_IAE_UNDER_REALISED, 0)->value, 6, 1e-12);

  /* October, 9 ETP a month from June: (30 + 45 + 2 · 9) / 12 = 7,75, 77,5 %. */
  for (int m = 7; m < 10; m++)
    low->realised_etp[m] = 9;
  g_clear_pointer (&r, trj_result_free);
  r = compute (s);
  alert = find_alert (r, TRJ_ALERT_IAE_UNDER_REALISED, 0);
  g_assert_cmpint (alert->month, ==, 10);
  g_assert_cmpfloat_with_epsilon (alert->value, 7.75, 1e-12);

  /* A month without declaration before T counts 0 ETP: (6 + 0 + 6 + 3 · 0 … ) */
  for (int m = 0; m < TRJ_MONTHS; m++)
    full->realised_etp[m] = NAN;
  full->realised_etp[0] = 4;
  full->realised_etp[2] = 4;
  /* (4 + 0 + 4 + 9 · 4) / 12 = 44 / 12 */
  g_assert_cmpfloat_with_epsilon (trj_iae_projected (full, 3), 44.0 / 12, 1e-12);

  /* A negative month is refused, naming it. */
  {
    g_autoptr(GError) error = NULL;

    low->realised_etp[3] = -1;
    g_assert_false (trj_scenario_validate (s, &error));
    g_assert_nonnull (strstr (error->message, "envelopes[0].lines[0].realised_etp[3]"));
  }
}

/* Two ETP from an ACI using 60 % of its 10 to an EI: the ACI frees
 * 2 · 23 458 · 1,05 = 49 261,80 €, the EI uses 2 · 12 218 · 1,05 = 25 657,80 €;
 * the margin grows by the difference, 23 604 €. */
static void
test_bourse_move (void)
{
  g_autoptr(TrjScenario) s = iae_scenario (500000);
  g_autoptr(GArray) givers = NULL;
  g_autoptr(GArray) receivers = NULL;
  g_autoptr(GError) error = NULL;
  TrjLine *aci, *ai, *ei, *etti;
  TrjBourseMove move;

  aci = add_structure (s, "aci", TRJ_KIND_ACI, "Chantier", 10);
  ai = add_structure (s, "ai", TRJ_KIND_AI, "Association", 3);
  ei = add_structure (s, "ei", TRJ_KIND_EI, "Entreprise", 5);
  etti = add_structure (s, "etti", TRJ_KIND_ETTI, "Intérim", 2);
  for (int m = 0; m < 6; m++)
    {
      aci->realised_etp[m] = 6;
      ai->realised_etp[m] = 3;
      ei->realised_etp[m] = 5;
    }
  (void) etti;

  givers = trj_bourse_givers (g_ptr_array_index (s->envelopes, 0));
  g_assert_cmpuint (givers->len, ==, 1);
  g_assert_cmpuint (g_array_index (givers, TrjBourseCandidate, 0).line, ==, 0);
  g_assert_cmpfloat_with_epsilon (g_array_index (givers, TrjBourseCandidate, 0).spare, 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (givers, TrjBourseCandidate, 0).rate, 0.6, 1e-12);
  /* Market structures first (the EI consuming 100 %, then the ETTI without
   * data), then the AI. */
  receivers = trj_bourse_receivers (g_ptr_array_index (s->envelopes, 0));
  g_assert_cmpuint (receivers->len, ==, 3);
  g_assert_cmpuint (g_array_index (receivers, TrjBourseCandidate, 0).line, ==, 2);
  g_assert_cmpuint (g_array_index (receivers, TrjBourseCandidate, 1).line, ==, 3);
  g_assert_cmpuint (g_array_index (receivers, TrjBourseCandidate, 2).line, ==, 1);

  g_assert_true (trj_bourse_move (s, "IAE", "aci", "ei", 2, &move, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (move.from_quantity, ==, 8);
  g_assert_cmpfloat (move.to_quantity, ==, 7);
  g_assert_cmpfloat_with_epsilon (move.freed, 49261.80, 1e-6);
  g_assert_cmpfloat_with_epsilon (move.used, 25657.80, 1e-6);
  g_assert_cmpfloat_with_epsilon (move.margin_after - move.margin_before, 23604, 1e-6);
  /* AE before: (234 580 + 4 764 + 61 090 + 9 376) · 1,05 = 309 810 · 1,05 = 325 300,50 €. */
  g_assert_cmpfloat_with_epsilon (move.margin_before, 500000 - 325300.5, 1e-6);
  /* The scenario itself is not changed. */
  g_assert_cmpfloat (aci->quantity, ==, 10);

  g_assert_false (trj_bourse_move (s, "IAE", "aci", "ei", 11, &move, &error));
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_bourse_move (s, "IAE", "aci", "aci", 1, &move, &error));
  g_clear_error (&error);
  g_assert_false (trj_bourse_move (s, "IAE", "aci", "nope", 1, &move, &error));
  g_assert_cmpstr (error->message, ==, "«\u00a0nope\u00a0» n’est pas une structure de l’enveloppe");
}

static const char iae_document[] =
  "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
  "  \"zone\": \"metropole\","
  "  \"envelopes\": [ { \"id\": \"IAE\", \"ae_notified\": 500000, \"cp_notified\": 500000,"
  "    \"lines\": ["
  "      { \"id\": \"odet\", \"label\": \"Ateliers de l'Odet\", \"kind\": \"ACI\","
  "        \"structure\": { \"name\": \"Ateliers de l'Odet\", \"siret\": \"73282932000074\","
  "                         \"departement\": \"29\" },"
  "        \"quantity\": 9, \"prison\": true, \"modulation\": 0.05,"
  "        \"conventionne_previous\": 7, \"realise_previous\": 7, \"development\": true,"
  "        \"realised_etp\": [9, 9, 8.5, null, null, null, null, null, null, null, null, null] },"
  "      { \"id\": \"brest\", \"label\": \"Brest Insertion\", \"kind\": \"EI\", \"structure\": { \"name\": \"Brest Insertion\" },"
  "        \"quantity\": 5, \"conventionne_previous\": 7, \"realise_previous\": 3,"
  "        \"revaluation_requested\": true, \"decrease_requested\": false } ] } ] }";

static void
test_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_data (iae_document, -1, &error);
  g_autoptr(TrjScenario) again = NULL;
  g_autofree char *text = NULL, *text_again = NULL;
  const TrjLine *odet;

  g_assert_no_error (error);
  odet = trj_scenario_find_line (s, "odet", NULL);
  g_assert_cmpstr (odet->structure_name, ==, "Ateliers de l'Odet");
  g_assert_cmpstr (odet->siret, ==, "73282932000074");
  g_assert_cmpstr (odet->departement, ==, "29");
  g_assert_cmpfloat (odet->conventionne_previous, ==, 7);
  g_assert_true (odet->development);
  g_assert_cmpfloat (odet->realised_etp[2], ==, 8.5);
  g_assert_true (isnan (odet->realised_etp[3]));
  g_assert_true (trj_scenario_find_line (s, "brest", NULL)->revaluation_requested);

  text = trj_json_scenario_to_data (s);
  again = trj_json_scenario_from_data (text, -1, &error);
  g_assert_no_error (error);
  text_again = trj_json_scenario_to_data (again);
  g_assert_cmpstr (text, ==, text_again);
  g_assert_nonnull (strstr (text, "\"realised_etp\": [9, 9, 8.5, null"));
  g_assert_nonnull (strstr (text, "\"siret\": \"73282932000074\""));

  /* Refusals name the key path. */
  {
    static const struct { const char *from, *to, *path; } cases[] = {
      { "\"73282932000074\"", "\"73282932000075\"", "envelopes[0].lines[0].structure.siret" },
      { "\"departement\": \"29\" }", "\"departement\": \"29\", \"x\": 1 }", "envelopes[0].lines[0].structure.x" },
      { "\"realise_previous\": 3", "\"realise_previous\": -3", "envelopes[0].lines[1].realise_previous" },
      { "8.5, null", "8.5, \"a\"", "envelopes[0].lines[0].realised_etp[3]" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GString) edited = g_string_new (iae_document);
        g_autoptr(TrjScenario) bad = NULL;

        g_string_replace (edited, cases[i].from, cases[i].to, 1);
        bad = trj_json_scenario_from_data (edited->str, -1, &error);
        g_assert_null (bad);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, cases[i].path));
        g_clear_error (&error);
      }
  }
}

/* ── Workbook and CSV ─────────────────────────────────────────────── */

typedef struct {
  char *dir;
  char *path;
  TrjWorkbook *wb;
  gint64 id;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_data (iae_document, -1, &error);

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("test-iae-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "iae.trajectoire", NULL);
  f->wb = trj_workbook_new_for_region (f->path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  f->id = trj_workbook_import_scenario (f->wb, s, "IAE", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->wb);
  trj_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  return path;
}

static TrjScenario *
snapshot (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_workbook_get_scenario (f->wb, f->id, &error);

  g_assert_no_error (error);
  return s;
}

/* What the JSON reads, the workbook keeps; each field is edited alone. */
static void
test_workbook_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_json_scenario_from_data (iae_document, -1, &error);
  g_autoptr(TrjScenario) back = snapshot (f);
  g_autofree char *text = trj_json_scenario_to_data (s);
  g_autofree char *text_back = trj_json_scenario_to_data (back);
  const TrjLine *line;

  g_assert_cmpstr (text_back, ==, text);

  g_assert_true (trj_workbook_set_line_month (f->wb, f->id, "brest", TRJ_LINE_MONTHS_REALISED_ETP, 1, 2.5, &error));
  g_assert_true (trj_workbook_set_line_month (f->wb, f->id, "odet", TRJ_LINE_MONTHS_REALISED_ETP, 0, NAN, &error));
  g_assert_true (trj_workbook_set_line_number (f->wb, f->id, "brest", TRJ_LINE_FIELD_CONVENTIONNE_PREVIOUS,
                                               NAN, &error));
  g_assert_true (trj_workbook_set_line_text (f->wb, f->id, "brest", TRJ_LINE_FIELD_SIRET, "73282932000074",
                                             &error));
  g_assert_no_error (error);
  g_assert_false (trj_workbook_set_line_text (f->wb, f->id, "brest", TRJ_LINE_FIELD_SIRET, "12345678901234",
                                              &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_number (f->wb, f->id, "brest", TRJ_LINE_FIELD_DEVELOPMENT, 2, &error));
  g_clear_error (&error);

  g_clear_pointer (&back, trj_scenario_free);
  back = snapshot (f);
  line = trj_scenario_find_line (back, "brest", NULL);
  g_assert_cmpfloat (line->realised_etp[1], ==, 2.5);
  g_assert_true (isnan (line->realised_etp[0]));
  g_assert_false (line->has_conventionne_previous);
  g_assert_cmpstr (line->siret, ==, "73282932000074");
  line = trj_scenario_find_line (back, "odet", NULL);
  g_assert_true (isnan (line->realised_etp[0]));
  g_assert_cmpfloat (line->realised_etp[1], ==, 9);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Modifier le SIRET");
}

static const char register_csv[] =
  "Nom;SIRET;Département;Type;Conventionné N-1;Réalisé N-1;ETP;Revalorisation demandée;Développement;"
  "Milieu pénitentiaire\r\n"
  "Ateliers de l'Odet;732 829 320 00074;29;ACI;8;8;10;;oui;oui\r\n"
  "Brest Insertion;;29;EI;7;3;;oui;;\r\n"
  "Rennes Intérim;;35;ETTI;7;7;9;;x;\r\n"
  "Chantier Vannes;;56;AI;4;2,5;;non;;\r\n";

/* The register updates the lines of its structures and adds the others, in
 * one undo step; the new lines start at their base. */
static void
test_register_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = write_file (f, "registre.csv", register_csv);
  g_autoptr(TrjScenario) before = snapshot (f);
  g_autoptr(TrjScenario) after = NULL;
  g_autoptr(GPtrArray) rows = trj_structures_read_csv (csv, before, &error);
  const TrjEnvelope *env;
  const TrjLine *line;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (((TrjStructureRow *) g_ptr_array_index (rows, 0))->line_id, ==, "odet");
  g_assert_cmpstr (((TrjStructureRow *) g_ptr_array_index (rows, 1))->line_id, ==, "brest");
  g_assert_null (((TrjStructureRow *) g_ptr_array_index (rows, 2))->line_id);
  g_assert_true (trj_workbook_import_structures (f->wb, f->id, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Importer le registre des structures");

  after = snapshot (f);
  env = g_ptr_array_index (after->envelopes, 0);
  g_assert_cmpuint (env->lines->len, ==, 4);
  line = trj_scenario_find_line (after, "odet", NULL);
  g_assert_cmpfloat (line->quantity, ==, 10);
  g_assert_cmpfloat (line->conventionne_previous, ==, 8);
  g_assert_true (line->prison && line->development);
  line = trj_scenario_find_line (after, "brest", NULL);
  /* No ETP in the file: the line keeps its 5. */
  g_assert_cmpfloat (line->quantity, ==, 5);
  line = g_ptr_array_index (env->lines, 3);
  g_assert_cmpstr (line->structure_name, ==, "Chantier Vannes");
  g_assert_cmpstr (line->label, ==, "Chantier Vannes");
  g_assert_cmpint (line->kind, ==, TRJ_KIND_AI);
  g_assert_cmpstr (line->departement, ==, "56");
  /* min(2,5, 4) */
  g_assert_cmpfloat (line->quantity, ==, 2.5);
  g_assert_cmpfloat (line->unit_amount, ==, 1588);

  /* One step: undone, the workbook is as before. */
  g_assert_true (trj_workbook_undo (f->wb, &error));
  g_clear_pointer (&after, trj_scenario_free);
  after = snapshot (f);
  {
    g_autofree char *a = trj_json_scenario_to_data (before);
    g_autofree char *b = trj_json_scenario_to_data (after);

    g_assert_cmpstr (a, ==, b);
  }
}

/* A bad file is refused whole, every error naming its line and column. */
static void
test_register_refused (Fixture *f, gconstpointer data)
{
  static const struct { const char *csv, *message; } cases[] = {
    { "nom;type\nA;ACI\nB;XYZ\n",
      "ligne 3, colonne type\u202f: «\u00a0XYZ\u00a0» n’est pas un type de ligne de l’IAE" },
    { "nom;type;siret\nA;ACI;73282932000075\n",
      "ligne 2, colonne siret\u202f: «\u00a073282932000075\u00a0» n’est pas un SIRET" },
    { "nom;type;conventionné N-1\nA;ACI;beaucoup\n",
      "ligne 2, colonne conventionné N-1\u202f:" },
    { "nom;type;développement\nA;ACI;peut-être\n",
      "ligne 2, colonne développement\u202f:" },
    { "nom;type\nA;ACI\na;aci\n",
      "ligne 3\u202f:" },
    { "nom;type;département\nA;ACI;75\n",
      "ligne 2, colonne département\u202f:" },
    { "type;siret\nACI;\n", "la colonne «\u00a0nom\u00a0» manque" },
    { "nom;type\n", "a un en-tête mais aucune ligne" },
  };
  g_autoptr(TrjScenario) s = snapshot (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = write_file (f, "bad.csv", cases[i].csv);
      g_autoptr(GPtrArray) rows = trj_structures_read_csv (csv, s, &error);

      g_assert_null (rows);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_realised_import (Fixture *f, gconstpointer data)
{
  static const char csv_text[] =
    "siret;nom;mois;ETP\n"
    "73282932000074;;avril;8\n"
    "73282932000074;;5;7,5\n"
    ";Brest Insertion;janvier;3\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = write_file (f, "asp.csv", csv_text);
  g_autoptr(TrjScenario) s = snapshot (f);
  g_autoptr(TrjScenario) after = NULL;
  g_autoptr(GPtrArray) rows = trj_realised_read_csv (csv, s, &error);
  g_autoptr(TrjResult) r = NULL;
  const TrjLine *odet;
  const TrjAlert *alert = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (trj_workbook_import_realised (f->wb, f->id, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Importer les ETP réalisés");
  after = snapshot (f);
  odet = trj_scenario_find_line (after, "odet", NULL);
  /* The months of the JSON are kept, April and May added. */
  g_assert_cmpfloat (odet->realised_etp[0], ==, 9);
  g_assert_cmpfloat (odet->realised_etp[3], ==, 8);
  g_assert_cmpfloat (odet->realised_etp[4], ==, 7.5);
  /* (9 + 9 + 8,5 + 8 + 7,5 + 7 · 7,5) / 12 = 94,5 / 12 = 7,875, 87,5 % of 9 ETP. */
  g_assert_cmpfloat_with_epsilon (trj_iae_projected (odet, 5), 7.875, 1e-12);
  r = compute (after);
  for (guint i = 0; i < r->n_alerts; i++)
    if (r->alerts[i].code == TRJ_ALERT_IAE_UNDER_REALISED && r->alerts[i].line == 0)
      alert = &r->alerts[i];
  g_assert_nonnull (alert);
  g_assert_cmpfloat_with_epsilon (alert->value, 7.875, 1e-12);

  /* Refusals: an unknown structure, a month twice, a bad month. */
  {
    static const struct { const char *csv, *message; } cases[] = {
      { "siret;mois;ETP\n44306184100047;1;2\n", "ligne 2\u202f:" },
      { "nom;mois;ETP\nBrest Insertion;1;2\nBrest Insertion;janvier;3\n", "ligne 3\u202f:" },
      { "nom;mois;ETP\nBrest Insertion;13;2\n", "ligne 2, colonne mois\u202f:" },
      { "nom;mois;ETP\nBrest Insertion;1;-2\n", "ligne 2, colonne ETP\u202f:" },
      { "nom;ETP\nBrest Insertion;2\n", "ligne 1\u202f: la colonne" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *bad = write_file (f, "bad.csv", cases[i].csv);
        g_autoptr(GPtrArray) none = trj_realised_read_csv (bad, s, &error);

        g_assert_null (none);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, cases[i].message));
        g_clear_error (&error);
      }
  }
}

/* A bourse move in the workbook is one undo step. */
static void
test_move_step (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) after = NULL;
  TrjBourseMove move;

  g_assert_true (trj_workbook_move_etp (f->wb, f->id, "IAE", "odet", "brest", 1, &move, &error));
  g_assert_no_error (error);
  /* 23 458 · 1,05 and 12 218 · 1,05 */
  g_assert_cmpfloat_with_epsilon (move.freed, 24630.9, 1e-6);
  g_assert_cmpfloat_with_epsilon (move.used, 12828.9, 1e-6);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Déplacer des ETP (bourse aux postes)");
  after = snapshot (f);
  g_assert_cmpfloat (trj_scenario_find_line (after, "odet", NULL)->quantity, ==, 8);
  g_assert_cmpfloat (trj_scenario_find_line (after, "brest", NULL)->quantity, ==, 6);
  g_assert_true (trj_workbook_undo (f->wb, &error));
  g_clear_pointer (&after, trj_scenario_free);
  after = snapshot (f);
  g_assert_cmpfloat (trj_scenario_find_line (after, "odet", NULL)->quantity, ==, 9);
  g_assert_cmpfloat (trj_scenario_find_line (after, "brest", NULL)->quantity, ==, 5);
}

int
main (int argc, char **argv)
{
  /* French messages whatever the caller's locale. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iae/siret", test_siret);
  g_test_add_func ("/iae/conventionnement-examples", test_conventionnement_examples);
  g_test_add_func ("/iae/realised", test_realised);
  g_test_add_func ("/iae/bourse-move", test_bourse_move);
  g_test_add_func ("/iae/json", test_json);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/iae/workbook-round-trip", test_workbook_round_trip);
  ADD ("/iae/register-import", test_register_import);
  ADD ("/iae/register-refused", test_register_refused);
  ADD ("/iae/realised-import", test_realised_import);
  ADD ("/iae/move-step", test_move_step);
#undef ADD
  return g_test_run ();
}
