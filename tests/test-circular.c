/* test-circular.c — the line-level rules of the 2024 circular (MODEL.md 2.8):
 * the publics' shares and PUBLIC_TARGET_MISSED, the renewals' share and
 * RENEWAL_TOO_LONG, the justification of an exceptional request; through the
 * engine, JSON and the workbook (edits, undo, values checked on read).
 *
 * Hand computations, one PEC envelope of Bretagne, the 2024 targets
 * (QPV ≥ 25 %, ZRR 15 %, ESSMS ≥ 20 % of the entries):
 *   a: 100 contracts, QPV 30 %, ZRR 10 %, ESSMS 50 %, renewals 20 %
 *   b: 300 contracts, QPV 20 %,           ESSMS 20 %
 *   c: 100 contracts, nothing said (counts 0 for every public)
 *   QPV   (30 + 60 + 0) / 500 = 18 %  < 25 %: PUBLIC_TARGET_MISSED
 *   ZRR   (10 + 0 + 0)  / 500 =  2 %  < 15 %: PUBLIC_TARGET_MISSED
 *   ESSMS (50 + 60 + 0) / 500 = 22 % ≥ 20 %: nothing
 *   SENIORS: no line says it, no share (and no target)
 *   renewals 20 / 500 = 4 %
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-engine.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-workbook.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static const char document[] =
  "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
  " \"zone\": \"metropole\", \"envelopes\": ["
  "  {\"id\": \"PEC_CIE_TP\", \"ae_notified\": 6813468, \"cp_notified\": 3259524, \"lines\": ["
  "    {\"id\": \"a\", \"label\": \"PEC Finistère\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25, \"duration_months\": 9.9,"
  "     \"cofinanced_share\": 0.15, \"volume\": 100,"
  "     \"publics\": {\"QPV\": 0.3, \"ZRR\": 0.1, \"ESSMS\": 0.5}, \"renewal_share\": 0.2},"
  "    {\"id\": \"b\", \"label\": \"PEC Ille-et-Vilaine\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25, \"duration_months\": 9.9,"
  "     \"cofinanced_share\": 0.15, \"volume\": 300, \"publics\": {\"QPV\": 0.2, \"ESSMS\": 0.2}},"
  "    {\"id\": \"c\", \"label\": \"PEC Morbihan\", \"kind\": \"PEC\", \"rate\": 0.5, \"weekly_hours\": 25, \"duration_months\": 9.9,"
  "     \"cofinanced_share\": 0.15, \"volume\": 100}]}]}";

static const TrjYearData *
year_data (void)
{
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (2024, &error);

  g_assert_no_error (error);
  return data;
}

static TrjScenario *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_json_scenario_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
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

static const TrjAlert *
find_alert (const TrjResult *r, TrjAlertCode code, int public_)
{
  for (guint i = 0; i < r->n_alerts; i++)
    if (r->alerts[i].code == code && (public_ < 0 || r->alerts[i].public_ == public_))
      return &r->alerts[i];
  return NULL;
}

static guint
count_alerts (const TrjResult *r, TrjAlertCode code)
{
  guint n = 0;

  for (guint i = 0; i < r->n_alerts; i++)
    n += r->alerts[i].code == code;
  return n;
}

/* The year's targets are data: the circular's figures. */
static void
test_targets (void)
{
  const TrjRules *rules = &year_data ()->rules;

  g_assert_cmpfloat (rules->public_target[TRJ_PUBLIC_QPV], ==, 0.25);
  g_assert_cmpfloat (rules->public_target[TRJ_PUBLIC_ZRR], ==, 0.15);
  g_assert_cmpfloat (rules->public_target[TRJ_PUBLIC_ESSMS], ==, 0.20);
  g_assert_cmpfloat (rules->public_target[TRJ_PUBLIC_SENIORS], ==, 0);
  g_assert_cmpfloat (rules->renewal_max_months, ==, 12);
  g_assert_cmpfloat (rules->parcours_max_months, ==, 24);
  g_assert_cmpstr (trj_catalog_public_codes (), ==, "QPV, ZRR, ESSMS, SENIORS");
}

static void
test_shares (void)
{
  g_autoptr(TrjScenario) s = parse (document);
  g_autoptr(TrjResult) r = compute (s);
  const TrjEnvelopeResult *er = &r->envelopes[0];
  const TrjAlert *alert;
  g_autofree char *message = NULL;

  g_assert_cmpfloat_with_epsilon (er->public_share[TRJ_PUBLIC_QPV], 0.18, 1e-12);
  g_assert_cmpfloat_with_epsilon (er->public_share[TRJ_PUBLIC_ZRR], 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (er->public_share[TRJ_PUBLIC_ESSMS], 0.22, 1e-12);
  g_assert_true (isnan (er->public_share[TRJ_PUBLIC_SENIORS]));
  g_assert_cmpfloat_with_epsilon (er->renewal_share, 0.04, 1e-12);

  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_PUBLIC_TARGET_MISSED), ==, 2);
  alert = find_alert (r, TRJ_ALERT_PUBLIC_TARGET_MISSED, TRJ_PUBLIC_QPV);
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->envelope, ==, 0);
  g_assert_cmpint (alert->line, ==, -1);
  g_assert_cmpint (alert->severity, ==, TRJ_SEVERITY_ALERT);
  g_assert_cmpfloat_with_epsilon (alert->value, 0.18, 1e-12);
  g_assert_cmpfloat (alert->limit_lo, ==, 0.25);
  message = trj_alert_message (s, alert);
  g_assert_cmpstr (message, ==, "Résidents des QPV" NNBSP ": 18,0" NBSP "% des entrées, sous l’objectif de 25,0" NBSP "%");
  g_assert_nonnull (find_alert (r, TRJ_ALERT_PUBLIC_TARGET_MISSED, TRJ_PUBLIC_ZRR));
  g_assert_null (find_alert (r, TRJ_ALERT_PUBLIC_TARGET_MISSED, TRJ_PUBLIC_ESSMS));

  /* Line c at 50 % QPV: (30 + 60 + 50) / 500 = 28 %, above the target. */
  {
    TrjLine *c = trj_scenario_find_line (s, "c", NULL);

    c->publics[TRJ_PUBLIC_QPV] = 0.5;
    c->has_public[TRJ_PUBLIC_QPV] = TRUE;
    trj_engine_compute (s, &year_data ()->rules, r, NULL);
    g_assert_cmpfloat_with_epsilon (r->envelopes[0].public_share[TRJ_PUBLIC_QPV], 0.28, 1e-12);
    g_assert_null (find_alert (r, TRJ_ALERT_PUBLIC_TARGET_MISSED, TRJ_PUBLIC_QPV));
    /* Exactly at the target is inside: 25 % needs c at 35 %. */
    c->publics[TRJ_PUBLIC_QPV] = 0.35;
    trj_engine_compute (s, &year_data ()->rules, r, NULL);
    g_assert_cmpfloat_with_epsilon (r->envelopes[0].public_share[TRJ_PUBLIC_QPV], 0.25, 1e-12);
    g_assert_null (find_alert (r, TRJ_ALERT_PUBLIC_TARGET_MISSED, TRJ_PUBLIC_QPV));
    c->publics[TRJ_PUBLIC_QPV] = 0.34;
    trj_engine_compute (s, &year_data ()->rules, r, NULL);
    g_assert_nonnull (find_alert (r, TRJ_ALERT_PUBLIC_TARGET_MISSED, TRJ_PUBLIC_QPV));
  }
}

/* A workbook that says nothing of its publics opens with no such alert. */
static void
test_silent_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_year_data_example (year_data (), "Bretagne", &error);
  g_autoptr(TrjResult) r = NULL;

  g_assert_no_error (error);
  r = compute (s);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_PUBLIC_TARGET_MISSED), ==, 0);
  g_assert_cmpuint (count_alerts (r, TRJ_ALERT_RENEWAL_TOO_LONG), ==, 0);
  for (guint e = 0; e < r->n_envelopes; e++)
    {
      for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
        g_assert_true (isnan (r->envelopes[e].public_share[p]));
      g_assert_true (isnan (r->envelopes[e].renewal_share));
    }
}

/* Fiche 1 §2.2: a renewal lasts at most 12 months; a justified line outside
 * the ranges reads as an exceptional request. */
static void
test_renewals_and_exception (void)
{
  g_autoptr(TrjScenario) s = parse (document);
  g_autoptr(TrjResult) r = NULL;
  TrjLine *a = trj_scenario_find_line (s, "a", NULL);
  const TrjAlert *alert;
  g_autofree char *message = NULL;
  g_autofree char *duration = NULL;

  a->duration_months = 12;
  r = compute (s);
  g_assert_null (find_alert (r, TRJ_ALERT_RENEWAL_TOO_LONG, -1));
  g_assert_null (find_alert (r, TRJ_ALERT_DURATION_OUT_OF_RANGE, -1));

  a->duration_months = 14;
  trj_engine_compute (s, &year_data ()->rules, r, NULL);
  alert = find_alert (r, TRJ_ALERT_RENEWAL_TOO_LONG, -1);
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->line, ==, 0);
  g_assert_cmpfloat (alert->value, ==, 14);
  g_assert_cmpfloat (alert->limit_hi, ==, 12);
  g_assert_false (alert->exception_requested);
  message = trj_alert_message (s, alert);
  g_assert_cmpstr (message, ==, "Renouvellements de 14" NBSP "mois" NNBSP ": un renouvellement dure au plus 12" NBSP "mois");
  g_assert_nonnull (find_alert (r, TRJ_ALERT_DURATION_OUT_OF_RANGE, -1));

  /* The same duration without renewals: only the range. */
  a->renewal_share = 0;
  trj_engine_compute (s, &year_data ()->rules, r, NULL);
  g_assert_null (find_alert (r, TRJ_ALERT_RENEWAL_TOO_LONG, -1));
  a->renewal_share = 0.2;

  /* Justified: both alerts of the line are a requested exception. */
  a->exception_reason = g_strdup ("Parcours de seniors (article L. 5134-25-1)");
  trj_engine_compute (s, &year_data ()->rules, r, NULL);
  alert = find_alert (r, TRJ_ALERT_DURATION_OUT_OF_RANGE, -1);
  g_assert_true (alert->exception_requested);
  g_assert_cmpint (alert->severity, ==, TRJ_SEVERITY_ALERT);
  duration = trj_alert_message (s, alert);
  g_assert_cmpstr (duration, ==, "Demande exceptionnelle" NNBSP ": durée de prise en charge de 14" NBSP "mois hors de la"
                   " plage 6–12" NBSP "mois (justification jointe)");
  g_assert_true (find_alert (r, TRJ_ALERT_RENEWAL_TOO_LONG, -1)->exception_requested);
  /* Envelope alerts are not the line's request. */
  g_assert_false (find_alert (r, TRJ_ALERT_PUBLIC_TARGET_MISSED, TRJ_PUBLIC_QPV)->exception_requested);
}

/* Hard limits, checked when a document is read. */
static void
test_json_refused (void)
{
  static const struct { const char *from, *to, *message; } cases[] = {
    { "\"QPV\": 0.3,", "\"QPV\": 1.3,", "envelopes[0].lines[0].publics.QPV" NNBSP ": 1,3 est supérieur à 1" },
    { "\"QPV\": 0.3,", "\"QPV\": -0.1,", "envelopes[0].lines[0].publics.QPV" NNBSP ": -0,1 est inférieur à 0" },
    { "\"QPV\": 0.3,", "\"QVP\": 0.3,", "envelopes[0].lines[0].publics.QVP" NNBSP ": public inconnu (QPV, ZRR, ESSMS, SENIORS)" },
    { "\"QPV\": 0.3,", "\"QPV\": \"30 %\",", NULL },
    { "\"renewal_share\": 0.2", "\"renewal_share\": 2", "envelopes[0].lines[0].renewal_share" NNBSP ": 2 est supérieur à 1" },
    { "\"renewal_share\": 0.2", "\"exception_reason\": \"a\\u0001b\"",
      "envelopes[0].lines[0].exception_reason" NNBSP ": une justification ne contient aucun caractère de contrôle" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) text = g_string_new (document);
      g_autoptr(TrjScenario) s = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      s = trj_json_scenario_from_data (text->str, -1, &error);
      g_assert_null (s);
      g_assert_nonnull (error);
      if (cases[i].message != NULL)
        g_assert_cmpstr (strstr (error->message, cases[i].message) != NULL ? cases[i].message : error->message,
                         ==, cases[i].message);
    }
  /* A justification of 1 000 characters is accepted, 1 001 are not. */
  for (guint n = 1000; n <= 1001; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) text = g_string_new (document);
      g_autoptr(GString) reason = g_string_new ("\"exception_reason\": \"");
      g_autoptr(TrjScenario) s = NULL;

      for (guint c = 0; c < n; c++)
        g_string_append (reason, "é");
      g_string_append (reason, "\"");
      g_string_replace (text, "\"renewal_share\": 0.2", reason->str, 1);
      s = trj_json_scenario_from_data (text->str, -1, &error);
      if (n == 1000)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_utf8_strlen (trj_scenario_find_line (s, "a", NULL)->exception_reason, -1), ==, 1000);
        }
      else
        {
          g_assert_null (s);
          g_assert_nonnull (strstr (error->message, "au plus 1000 caractères"));
        }
    }
  /* Not on a post-aid line. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TrjScenario) s = trj_json_scenario_from_data (
      "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\","
      " \"zone\": \"metropole\", \"envelopes\": [{\"id\": \"IAE\", \"ae_notified\": 0, \"cp_notified\": 0,"
      " \"lines\": [{\"id\": \"x\", \"kind\": \"ACI\", \"quantity\": 1, \"renewal_share\": 0.1}]}]}", -1, &error);

    g_assert_null (s);
    g_assert_error (error, TRJ_JSON_ERROR, TRJ_JSON_ERROR_STRUCTURE);
  }
}

/* What is read is written back, key for key; the result carries the shares. */
static void
test_json_round_trip (void)
{
  g_autoptr(TrjScenario) s = parse (document);
  g_autoptr(TrjScenario) back = NULL;
  g_autoptr(TrjResult) r = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *env;
  JsonObject *publics;
  TrjLine *a = trj_scenario_find_line (s, "a", NULL);

  a->exception_reason = g_strdup ("Ligne « QPV » : justifiée\npar le préfet");
  text = trj_json_scenario_to_data (s);
  g_assert_nonnull (strstr (text, "\"publics\": {"));
  g_assert_nonnull (strstr (text, "\"ESSMS\": 0.5"));
  g_assert_null (strstr (text, "SENIORS"));
  g_assert_nonnull (strstr (text, "\"renewal_share\": 0.2"));
  back = parse (text);
  again = trj_json_scenario_to_data (back);
  g_assert_cmpstr (again, ==, text);
  g_assert_cmpstr (trj_scenario_find_line (back, "a", NULL)->exception_reason, ==, a->exception_reason);
  g_assert_false (trj_scenario_find_line (back, "b", NULL)->has_public[TRJ_PUBLIC_ZRR]);
  g_assert_false (trj_scenario_find_line (back, "b", NULL)->has_renewal_share);

  r = compute (s);
  result = trj_json_result_to_data (s, r);
  g_assert_true (json_parser_load_from_data (parser, result, -1, NULL));
  env = json_object_get_object_member (json_object_get_object_member (
          json_node_get_object (json_parser_get_root (parser)), "envelopes"), "PEC_CIE_TP");
  publics = json_object_get_object_member (env, "publics");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (publics, "QPV"), 0.18, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (publics, "ZRR"), 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (publics, "ESSMS"), 0.22, 1e-12);
  g_assert_false (json_object_has_member (publics, "SENIORS"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (env, "renewal_share"), 0.04, 1e-12);
}

/* ── Workbook ─────────────────────────────────────────────────────── */

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
  g_autoptr(TrjScenario) s = parse (document);

  f->dir = g_dir_make_tmp ("test-circular-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "rules.trajectoire", NULL);
  f->wb = trj_workbook_new_for_region (f->path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  f->id = trj_workbook_import_scenario (f->wb, s, "Règles", &error);
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

static TrjScenario *
snapshot (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_workbook_get_scenario (f->wb, f->id, &error);

  g_assert_no_error (error);
  return s;
}

static char *
snapshot_text (Fixture *f)
{
  g_autoptr(TrjScenario) s = snapshot (f);

  return trj_json_scenario_to_data (s);
}

/* Kept by the workbook, edited one field at a time, each edit one undo step. */
static void
test_workbook_edits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = parse (document);
  g_autofree char *expected = trj_json_scenario_to_data (s);
  g_autofree char *stored = snapshot_text (f);
  g_autofree char *after = NULL;
  g_autoptr(TrjScenario) back = NULL;
  const TrjLine *line;
  g_autoptr(GString) long_reason = g_string_new (NULL);

  g_assert_cmpstr (stored, ==, expected);

  g_assert_true (trj_workbook_set_line_number (f->wb, f->id, "c", TRJ_LINE_FIELD_PUBLIC_QPV + TRJ_PUBLIC_ZRR,
                                               0.4, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Modifier la part de résidents ZRR");
  g_assert_true (trj_workbook_set_line_number (f->wb, f->id, "c", TRJ_LINE_FIELD_RENEWAL_SHARE, 0.5, &error));
  g_assert_true (trj_workbook_set_line_number (f->wb, f->id, "a", TRJ_LINE_FIELD_PUBLIC_QPV, NAN, &error));
  g_assert_true (trj_workbook_set_line_text (f->wb, f->id, "a", TRJ_LINE_FIELD_EXCEPTION_REASON,
                                             "Durée de 14 mois : travailleurs handicapés", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Modifier la justification");

  /* Outside the limits: refused, nothing written. */
  g_assert_false (trj_workbook_set_line_number (f->wb, f->id, "c", TRJ_LINE_FIELD_PUBLIC_ESSMS, 1.5, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_number (f->wb, f->id, "c", TRJ_LINE_FIELD_RENEWAL_SHARE, -0.5, &error));
  g_clear_error (&error);
  for (int i = 0; i < 1001; i++)
    g_string_append_c (long_reason, 'x');
  g_assert_false (trj_workbook_set_line_text (f->wb, f->id, "a", TRJ_LINE_FIELD_EXCEPTION_REASON,
                                              long_reason->str, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "une justification compte au plus 1000 caractères.");
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_text (f->wb, f->id, "a", TRJ_LINE_FIELD_EXCEPTION_REASON,
                                              "bell\a", &error));
  g_clear_error (&error);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Modifier la justification");

  back = snapshot (f);
  line = trj_scenario_find_line (back, "c", NULL);
  g_assert_true (line->has_public[TRJ_PUBLIC_ZRR]);
  g_assert_cmpfloat (line->publics[TRJ_PUBLIC_ZRR], ==, 0.4);
  g_assert_true (line->has_renewal_share);
  g_assert_cmpfloat (line->renewal_share, ==, 0.5);
  line = trj_scenario_find_line (back, "a", NULL);
  g_assert_false (line->has_public[TRJ_PUBLIC_QPV]);
  g_assert_cmpstr (line->exception_reason, ==, "Durée de 14 mois : travailleurs handicapés");

  /* Empty: no justification any more. */
  g_assert_true (trj_workbook_set_line_text (f->wb, f->id, "a", TRJ_LINE_FIELD_EXCEPTION_REASON, "", &error));
  g_clear_pointer (&back, trj_scenario_free);
  back = snapshot (f);
  g_assert_null (trj_scenario_find_line (back, "a", NULL)->exception_reason);

  /* Five steps undone: as imported. */
  for (int i = 0; i < 5; i++)
    {
      g_assert_true (trj_workbook_undo (f->wb, &error));
      g_assert_no_error (error);
    }
  after = snapshot_text (f);
  g_assert_cmpstr (after, ==, expected);
  /* And redone. */
  g_assert_true (trj_workbook_redo (f->wb, &error));
  g_clear_pointer (&back, trj_scenario_free);
  back = snapshot (f);
  g_assert_cmpfloat (trj_scenario_find_line (back, "c", NULL)->publics[TRJ_PUBLIC_ZRR], ==, 0.4);
}

/* A file holding a share outside 0–1 or a justification too long is
 * refused whole as damaged, naming the line and the field. */
static void
test_workbook_damaged (Fixture *f, gconstpointer data)
{
  static const struct { const char *sql, *field; } cases[] = {
    { "UPDATE line SET public_qpv = 1.5 WHERE key = 'b'", "« public_qpv »" },
    { "UPDATE line SET renewal_share = -1 WHERE key = 'b'", "« renewal_share »" },
    { "UPDATE line SET exception_reason = printf('%.1001c', 'x') WHERE key = 'b'", "« exception_reason »" },
    { "UPDATE line SET exception_reason = 'a' || char(7) WHERE key = 'b'", "« exception_reason »" },
  };

  g_clear_object (&f->wb);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *copy = g_strdup_printf ("%s.%u", f->path, i);
      g_autofree char *contents = NULL;
      gsize length;
      sqlite3 *db = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TrjWorkbook) wb = NULL;

      g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (copy, contents, length, NULL));
      g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, cases[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
      sqlite3_close (db);
      wb = trj_workbook_open (copy, &error);
      g_assert_null (wb);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].field));
      g_assert_nonnull (strstr (error->message, "« b »"));
    }
}

int
main (int argc, char **argv)
{
  /* French messages whatever the caller's locale. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/circular/targets", test_targets);
  g_test_add_func ("/circular/shares", test_shares);
  g_test_add_func ("/circular/silent-example", test_silent_example);
  g_test_add_func ("/circular/renewals-exception", test_renewals_and_exception);
  g_test_add_func ("/circular/json-refused", test_json_refused);
  g_test_add_func ("/circular/json-round-trip", test_json_round_trip);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/circular/workbook-edits", test_workbook_edits);
  ADD ("/circular/workbook-damaged", test_workbook_damaged);
#undef ADD
  return g_test_run ();
}
