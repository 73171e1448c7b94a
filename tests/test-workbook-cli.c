/* test-workbook-cli.c — trajectoire-cli new, import, export, scenarios, and
 * simulate on a workbook. The path of the built CLI is the first argument. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-json.h"
#include "trj-workbook.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static const char *cli;
static char *dir;

/* Runs the CLI with a NULL-terminated list of arguments; returns its exit code. */
static int
run_cli (char **out, char **err, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  const char *arg;
  int status;
  va_list ap;

  g_ptr_array_add (args, (char *) cli);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (dir, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &stderr_text, &status, &error));
  g_assert_no_error (error);
  if (out)
    *out = g_steal_pointer (&stdout_text);
  if (err)
    *err = g_steal_pointer (&stderr_text);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
read_file (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_new_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) example = trj_year_data_example (trj_year_data_get (2024, NULL), "Bretagne", &error);
  g_autofree char *expected = trj_json_scenario_to_data (example);
  g_autofree char *exported = NULL, *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "new", "b.trajectoire", "--region", "bretagne", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "new", "b.trajectoire", "--region", "Bretagne", NULL), ==, 1);
  g_assert_true (strstr (err, "b.trajectoire") != NULL);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "new", "c.trajectoire", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, &err, "new", "c.trajectoire", "--region", "Atlantide", NULL), ==, 1);
  g_assert_true (strstr (err, "Atlantide") != NULL);

  /* A new workbook holds `trajectoire-cli example`. */
  g_assert_cmpint (run_cli (NULL, NULL, "export", "b.trajectoire", "--format", "json", "-o", "b.json", NULL), ==, 0);
  exported = read_file ("b.json");
  g_assert_cmpstr (exported, ==, expected);
  g_assert_cmpint (run_cli (&out, NULL, "export", "b.trajectoire", NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "b.trajectoire", "--format", "docx", NULL), ==, 2);
}

/* `new --notification`: a region's notification of every envelope from a
 * CSV table (docs/MODEL.md 7); rows of other regions are left out, a wrong
 * row refuses the file whole and no workbook is made. `summary` speaks in
 * each envelope's unit. */
static void
test_new_notification (void)
{
  static const char good[] =
    "enveloppe;AE;CP;volume;région\n"
    "PEC_CIE_TP;6 813 468;3 259 524;1236;Bretagne\n"
    "CIE_JEUNES;2214318;938680;520;Bretagne\n"
    "IAE;41 250 000,50;40 100 000;1850;Bretagne\n"
    "EA;12000000;12000000;660;Bretagne\n"
    "GEIQ;350000;350000;250;bretagne\n"
    "IAE;99999999;99999999;;Normandie\n";
  static const char bad[] =
    "enveloppe;AE;CP\n"
    "IAE;41250000;41250000\n"
    "IAE_BIS;1;1\n"
    "EA;-5;0\n";
  g_autofree char *good_path = g_build_filename (dir, "notification.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "mauvaise.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "n2.trajectoire", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(TrjScenario) s = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const ids[] = { "PEC_CIE_TP", "CIE_JEUNES", "IAE", "EA", "GEIQ" };

  g_assert_true (g_file_set_contents (good_path, good, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "new", "n.trajectoire", "--region", "Bretagne",
                            "--notification", "notification.csv", NULL), ==, 0);
  g_assert_cmpint (run_cli (&out, NULL, "export", "n.trajectoire", NULL), ==, 0);
  s = trj_json_scenario_from_data (out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->envelopes->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (((TrjEnvelope *) g_ptr_array_index (s->envelopes, i))->id, ==, ids[i]);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "IAE")->ae_notified, ==, 41250000.5);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "IAE")->cp_notified, ==, 40100000);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "IAE")->volume_notified, ==, 1850);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "EA")->ae_notified, ==, 12000000);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "GEIQ")->volume_notified, ==, 250);
  g_assert_cmpfloat (trj_scenario_find_envelope (s, "PEC_CIE_TP")->ae_notified, ==, 6813468);
  g_clear_pointer (&out, g_free);

  /* The units of each envelope, not « contrats » for ETP. */
  g_assert_cmpint (run_cli (&out, NULL, "summary", "n.trajectoire", NULL), ==, 0);
  {
    const char *iae = strstr (out, "\nIAE\n");
    const char *ea = iae != NULL ? strstr (iae, "\nEA\n") : NULL;
    g_autofree char *iae_part = NULL;

    g_assert_nonnull (ea);
    iae_part = g_strndup (iae, ea - iae);
    g_assert_nonnull (strstr (iae_part, "ETP"));
    /* ETP as the window writes them: 1 850, not 1 850,0. */
    g_assert_nonnull (strstr (iae_part, "1\u202f850\n"));
    g_assert_null (strstr (iae_part, "Contracts"));
    g_assert_null (strstr (iae_part, "Contrats"));
  }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "new", "n2.trajectoire", "--region", "Bretagne",
                            "--notification", "mauvaise.csv", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "IAE_BIS"));
  g_assert_nonnull (strstr (err, "4"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_import_roundtrip (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-rich-scenario.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) rich = trj_json_scenario_from_file (fixture, &error);
  g_autofree char *canonical = trj_json_scenario_to_data (rich);
  g_autofree char *canonical_path = g_build_filename (dir, "rich.json", NULL);
  g_autofree char *exported = NULL, *list = NULL, *err = NULL;
  g_autofree char *from_json = NULL, *from_workbook = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (canonical_path, canonical, -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "new", "r.trajectoire", "--region", "Bretagne", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", "r.trajectoire", "rich.json", "--name", "Riche", NULL), ==, 0);
  /* Default name: the file name; a second import under the same name is refused. */
  g_assert_cmpint (run_cli (NULL, NULL, "import", "r.trajectoire", "rich.json", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "import", "r.trajectoire", "rich.json", NULL), ==, 1);
  g_assert_true (strstr (err, "rich") != NULL);

  /* import then export gives back an equal document. */
  g_assert_cmpint (run_cli (NULL, NULL, "export", "r.trajectoire", "--scenario", "Riche", "-o", "back.json", NULL), ==, 0);
  exported = read_file ("back.json");
  g_assert_cmpstr (exported, ==, canonical);

  g_assert_cmpint (run_cli (&list, NULL, "scenarios", "r.trajectoire", NULL), ==, 0);
  lines = g_strsplit (list, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* 3 scenarios and the final "" */
  g_assert_true (g_str_has_prefix (lines[0], "* "));
  g_assert_cmpstr (lines[1], ==, "  Riche");
  g_assert_cmpstr (lines[2], ==, "  rich");

  /* simulate reads the workbook's scenario as it reads the JSON. */
  g_assert_cmpint (run_cli (&from_json, NULL, "simulate", "rich.json", NULL), ==, 0);
  g_assert_cmpint (run_cli (&from_workbook, NULL, "simulate", "r.trajectoire", "--scenario", "Riche", NULL), ==, 0);
  g_assert_cmpstr (from_workbook, ==, from_json);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "simulate", "r.trajectoire", "--scenario", "Absent", NULL), ==, 1);
  g_assert_true (strstr (err, "Riche") != NULL);
}

/* The Synthèse sheet of a programming file, as "A\tB" lines, read by openpyxl. */
static char *
summary_sheet (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *argv[] = { "/usr/bin/python3", "-c",
    "import sys, openpyxl\n"
    "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
    "for r in ws.iter_rows(max_row=12, max_col=2, values_only=True):\n"
    "    print('\\t'.join('' if v is None else str(v) for v in r))\n",
    path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* MODEL 9: « Marquer comme transmis » from the CLI, and every edit of the
 * sent scenario refused (solve --apply), the history listed, the
 * programming file saying so. */
static void
test_send (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-rich-scenario.json", NULL);
  g_autofree char *fixture_copy = g_build_filename (dir, "send-rich.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL, *after = NULL, *out = NULL, *err = NULL, *list = NULL;
  g_autofree char *sheet = NULL, *working = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) applied = NULL;

  g_assert_true (g_file_get_contents (fixture, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (fixture_copy, contents, -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "new", "s.trajectoire", "--region", "Bretagne", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", "s.trajectoire", "send-rich.json", "--name", "Prog", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", "s.trajectoire", "send-rich.json", "--name", "Travail", NULL), ==, 0);

  /* Usage: a kind the MODEL does not name, a missing option. */
  g_assert_cmpint (run_cli (NULL, NULL, "send", "s.trajectoire", "--scenario", "Prog", "--kind", "envoi", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "send", "s.trajectoire", "--scenario", "Prog", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "send", "s.trajectoire", "--scenario", "Prog", "--kind", "programmation",
                            "--date", "15/03/2024", NULL), ==, 1);
  g_assert_cmpint (run_cli (NULL, NULL, "send", "s.trajectoire", "--scenario", "Nul", "--kind", "programmation", NULL), ==, 1);

  g_assert_cmpint (run_cli (NULL, NULL, "send", "s.trajectoire", "--scenario", "Prog", "--kind", "programmation",
                            "--date", "2024-03-15", "--comment", "Première programmation", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "send", "s.trajectoire", "--scenario", "Prog", "--kind", "remontee", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "15/03/2024"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&list, NULL, "send", "s.trajectoire", "--list", NULL), ==, 0);
  g_assert_cmpstr (list, ==, "2024-03-15\tprogrammation\tProg\tPremière programmation\n");
  g_clear_pointer (&list, g_free);
  g_assert_cmpint (run_cli (&list, NULL, "scenarios", "s.trajectoire", NULL), ==, 0);
  g_assert_nonnull (strstr (list, "Prog ("));
  g_assert_nonnull (strstr (list, "2024-03-15, programmation)\n"));

  /* An edit through the CLI is refused, and changes nothing. */
  g_assert_cmpint (run_cli (&before, NULL, "export", "s.trajectoire", "--scenario", "Prog", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "solve", "s.trajectoire", "--scenario", "Prog", "--line", "pec-29-ft",
                            "--unknown", "rate", "--target", "4000000", "--apply", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Prog"));
  g_assert_cmpint (run_cli (&after, NULL, "export", "s.trajectoire", "--scenario", "Prog", NULL), ==, 0);
  g_assert_cmpstr (after, ==, before);
  /* --apply needs a workbook. */
  g_assert_cmpint (run_cli (NULL, NULL, "solve", "send-rich.json", "--line", "pec-29-ft",
                            "--unknown", "rate", "--apply", NULL), ==, 2);

  /* The working scenario takes the value the solver prints. */
  g_assert_cmpint (run_cli (&out, NULL, "solve", "s.trajectoire", "--scenario", "Travail", "--line", "pec-29-ft",
                            "--unknown", "rate", "--target", "4000000", "--apply", NULL), ==, 0);
  g_assert_cmpint (run_cli (&working, NULL, "export", "s.trajectoire", "--scenario", "Travail", NULL), ==, 0);
  applied = trj_json_scenario_from_data (working, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "\"value\": "));
  g_assert_cmpfloat (g_ascii_strtod (strstr (out, "\"value\": ") + strlen ("\"value\": "), NULL), ==,
                     trj_scenario_find_line (applied, "pec-29-ft", NULL)->rate);
  g_assert_cmpfloat (trj_scenario_find_line (applied, "pec-29-ft", NULL)->rate, !=, 0.5);

  /* Over the envelope: one rate for every PEC line, written as one step. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&working, g_free);
  g_clear_pointer (&applied, trj_scenario_free);
  g_assert_cmpint (run_cli (&out, NULL, "solve", "s.trajectoire", "--scenario", "Travail", "--envelope", "PEC_CIE_TP",
                            "--unknown", "rate", "--target", "4500000", "--apply", NULL), ==, 0);
  g_assert_cmpint (run_cli (&working, NULL, "export", "s.trajectoire", "--scenario", "Travail", NULL), ==, 0);
  applied = trj_json_scenario_from_data (working, -1, &error);
  g_assert_no_error (error);
  {
    double common = g_ascii_strtod (strstr (out, "\"value\": ") + strlen ("\"value\": "), NULL);
    TrjEnvelope *env = trj_scenario_find_envelope (applied, "PEC_CIE_TP");
    g_autoptr(TrjResult) result = trj_result_new (applied);

    for (guint l = 0; l < env->lines->len; l++)
      if (trj_kind_shape (((TrjLine *) env->lines->pdata[l])->kind) == TRJ_LINE_SHAPE_CONTRACT)
        g_assert_cmpfloat (((TrjLine *) env->lines->pdata[l])->rate, ==, common);
    g_assert_true (trj_engine_compute (applied, NULL, result, &error));
    g_assert_cmpfloat (result->envelopes[0].f.ae_total, <=, 4500000);
    g_assert_cmpfloat (4500000 - result->envelopes[0].f.ae_total, <, 0.01);
  }
  /* One undo step takes every line back (the checks below compare with the
   * version sent). */
  {
    g_autofree char *workbook = g_build_filename (dir, "s.trajectoire", NULL);
    g_autoptr(TrjWorkbook) wb = trj_workbook_open (workbook, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Ajuster sur l’enveloppe");
    g_assert_true (trj_workbook_undo (wb, &error));
    g_assert_no_error (error);
  }

  /* diff: the working scenario against the last version sent, by default. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "diff", "s.trajectoire", "--scenario", "Travail", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"format\": \"trajectoire-diff/1\""));
  g_assert_nonnull (strstr (out, "\"id\": \"pec-29-ft\""));
  g_assert_null (strstr (out, "\"id\": \"pec-35\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "diff", "s.trajectoire", "--scenario", "Prog", "--scenario", "Prog",
                            "--format", "text", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Prog"));
  g_assert_cmpint (run_cli (NULL, NULL, "diff", "s.trajectoire", "--format", "docx", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "diff", "b.trajectoire", NULL), ==, 1);

  /* The programming file of the sent version says so on its Synthèse sheet; a
   * working scenario's does not. */
  g_assert_cmpint (run_cli (NULL, NULL, "export", "s.trajectoire", "--scenario", "Prog", "-f", "xlsx",
                            "-o", "sent.xlsx", NULL), ==, 0);
  sheet = summary_sheet ("sent.xlsx");
  g_assert_nonnull (strstr (sheet, "15/03/2024"));
  g_assert_nonnull (strstr (sheet, "Première programmation"));
  g_clear_pointer (&sheet, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "export", "s.trajectoire", "--scenario", "Travail", "-f", "xlsx",
                            "-o", "working.xlsx", NULL), ==, 0);
  sheet = summary_sheet ("working.xlsx");
  g_assert_null (strstr (sheet, "DGEFP"));
}

static guint
count_of (const char *text, const char *what)
{
  guint n = 0;

  for (const char *p = strstr (text, what); p != NULL; p = strstr (p + 1, what))
    n++;
  return n;
}

/* MODEL 8: actuals imported through the CLI (a bad file changes nothing), and
 * the landing's JSON. */
static void
test_actuals_landing (void)
{
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", "landing-scenario.json", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", "good.csv", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", "month-13.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "new", "l.trajectoire", "--region", "Bretagne", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", "l.trajectoire", scenario, "--name", "Petit", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "send", "l.trajectoire", "--scenario", "Petit", "--kind", "programmation", NULL), ==, 0);

  g_assert_cmpint (run_cli (NULL, &err, "actuals", "l.trajectoire", bad, "--scenario", "Petit", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "13"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "landing", "l.trajectoire", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"month\": 0"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "actuals", "l.trajectoire", NULL), ==, 2);

  /* Actuals go in once the version is sent: they are the year's, not a scenario's. */
  g_assert_cmpint (run_cli (&out, NULL, "actuals", "l.trajectoire", good, "--scenario", "Petit", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "landing", "l.trajectoire", "--projection", "programmed", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"format\": \"trajectoire-landing/1\""));
  g_assert_nonnull (strstr (out, "\"month\": 6"));
  g_assert_nonnull (strstr (out, "\"ae_landing\": 351360"));
  g_assert_nonnull (strstr (out, "\"execution_gap\": -2000"));
  g_assert_nonnull (strstr (out, "\"code\": \"ACTUAL_DRIFT\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "landing", "l.trajectoire", "--projection", "trend", NULL), ==, 2);

  /* The user's tolerances (MODEL 8's units): a's rate is 60 % against 50 %
   * (10 points), b's hours 30 against 25 (5 h) and its duration 5 months
   * against 4 (1 month). At 15 points, 4.5 h and 2 months only the hours
   * drift; each alert is in its envelope's list and its line's. */
  g_assert_cmpint (run_cli (&out, NULL, "landing", "l.trajectoire", "--projection", "programmed",
                            "--tolerance-rate", "15", "--tolerance-hours", "4.5", "--tolerance-duration", "2",
                            "--tolerance-cofinancing", "0", NULL), ==, 0);
  g_assert_cmpuint (count_of (out, "\"code\": \"ACTUAL_DRIFT\""), ==, 2);
  g_assert_cmpuint (count_of (out, "\"parameter\": \"weekly_hours\""), ==, 2);
  g_assert_nonnull (strstr (out, "durée hebdomadaire (h) de 30 au réalisé pour 25 à la programmation (tolérance 4,5)"));
  g_clear_pointer (&out, g_free);
  /* The defaults: the three drift. */
  g_assert_cmpint (run_cli (&out, NULL, "landing", "l.trajectoire", "--projection", "programmed", NULL), ==, 0);
  g_assert_cmpuint (count_of (out, "\"code\": \"ACTUAL_DRIFT\""), ==, 6);
  g_clear_pointer (&out, g_free);
  /* Out of bounds or not a number: refused, exit 2, the option named. */
  g_assert_cmpint (run_cli (NULL, &err, "landing", "l.trajectoire", "--tolerance-hours", "36", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--tolerance-hours : la tolérance doit être comprise entre 0 et 35"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "landing", "l.trajectoire", "--tolerance-rate", "-1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--tolerance-rate : la tolérance doit être comprise entre 0 et 100"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "landing", "l.trajectoire", "--tolerance-duration", "beaucoup", NULL), ==, 2);
}

static void
test_not_a_workbook (void)
{
  g_autofree char *path = g_build_filename (dir, "notes.trajectoire", NULL);
  g_autofree char *err = NULL, *after = NULL;

  g_assert_true (g_file_set_contents (path, "PEC;1236\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, &err, "scenarios", "notes.trajectoire", NULL), ==, 1);
  g_assert_true (strstr (err, "notes.trajectoire") != NULL);
  g_assert_cmpint (run_cli (NULL, NULL, "simulate", "notes.trajectoire", NULL), ==, 1);
  after = read_file ("notes.trajectoire");
  g_assert_cmpstr (after, ==, "PEC;1236\n");
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* A tampered workbook: every command that reads it says why, in French and
 * naming the file, exits 1 (never a crash), and leaves it as it was. */
static void
test_damaged_workbook (gconstpointer data)
{
  const char *sql = data;
  g_autofree char *path = g_build_filename (dir, "damaged.trajectoire", NULL);
  g_autofree char *before = NULL, *after = NULL;
  const char *commands[] = { "simulate", "scenarios", "export" };
  sqlite3 *db;

  g_unlink (path);
  g_assert_cmpint (run_cli (NULL, NULL, "new", "damaged.trajectoire", "--region", "Bretagne", NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum_of (path);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (NULL, &err, commands[i], "damaged.trajectoire", NULL), ==, 1);
      g_test_message ("%s: %s", commands[i], err);
      g_assert_nonnull (strstr (err, "damaged.trajectoire"));
      g_assert_nonnull (strstr (err, "endommagé"));
    }
  after = checksum_of (path);
  g_assert_cmpstr (after, ==, before);
}

/* `ddets prepare` and `ddets integrate` (issue 16): the Finistère's part of a
 * scenario written; the DDETS sets a at 45 % and b at 55 %, the region b at
 * 60 %: integrate exits 1 listing b on the standard error, the region's lines
 * as they were; once the region undoes its change, exit 0 with the counts,
 * a and b at the DDETS' rates. */
static const char ddets_json[] =
  "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\", \"zone\": \"metropole\","
  "  \"envelopes\": [ { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 1000000, \"cp_notified\": 1000000,"
  "    \"allocations\": [ { \"departement\": \"29\", \"ae\": 2000, \"volume\": 3 } ],"
  "    \"lines\": ["
  "    { \"id\": \"a\", \"label\": \"A\", \"kind\": \"PEC\", \"departement\": \"29\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 2, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"b\", \"label\": \"B\", \"kind\": \"PEC\", \"departement\": \"29\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 1, \"payment_lag_months\": 0,"
  "      \"entries\": [2,0,0,0,0,0,0,0,0,0,0,0] },"
  "    { \"id\": \"c\", \"label\": \"C\", \"kind\": \"PEC\", \"departement\": \"35\","
  "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 1, \"payment_lag_months\": 0,"
  "      \"entries\": [1,0,0,0,0,0,0,0,0,0,0,0] } ] } ] }";

static double
rate_of (const char *workbook, gboolean current, const char *line_id)
{
  g_autofree char *path = g_build_filename (dir, workbook, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);
  g_autoptr(TrjLine) line = NULL;

  g_assert_no_error (error);
  line = trj_workbook_get_line (wb, current ? trj_workbook_get_current_scenario (wb)
                                            : trj_workbook_find_scenario (wb, "Répartition"), line_id, &error);
  g_assert_no_error (error);
  return line->rate;
}

static void
set_rate (const char *workbook, gboolean current, const char *line_id, double rate)
{
  g_autofree char *path = g_build_filename (dir, workbook, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_number (wb, current ? trj_workbook_get_current_scenario (wb)
                                                           : trj_workbook_find_scenario (wb, "Répartition"),
                                               line_id, TRJ_LINE_FIELD_RATE, rate, &error));
  g_assert_no_error (error);
}

static void
set_month (const char *workbook, gboolean current, const char *line_id, guint month, double entries)
{
  g_autofree char *path = g_build_filename (dir, workbook, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_month (wb, current ? trj_workbook_get_current_scenario (wb)
                                                          : trj_workbook_find_scenario (wb, "Répartition"),
                                              line_id, TRJ_LINE_MONTHS_ENTRIES, month, entries, &error));
  g_assert_no_error (error);
}

static void
test_ddets (void)
{
  g_autofree char *json = g_build_filename (dir, "ddets.json", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (json, ddets_json, -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "new", "dreets.trajectoire", "--region", "Bretagne", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", "dreets.trajectoire", "ddets.json", "--name", "Répartition", NULL),
                   ==, 0);

  /* Usage errors: 2. */
  g_assert_cmpint (run_cli (NULL, NULL, "ddets", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "ddets", "send", "dreets.trajectoire", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "ddets", "prepare", "dreets.trajectoire", "--output", "f29.trajectoire",
                            NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "ddets", "integrate", "dreets.trajectoire", NULL), ==, 2);
  g_assert_cmpint (run_cli (&out, NULL, "ddets", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ddets prepare"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "ddets", "prepare", "dreets.trajectoire", "--departement", "29",
                            "--output", "f29.trajectoire", "--scenario", "Nulle part", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Nulle part"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "ddets", "prepare", "dreets.trajectoire", "--departement", "29",
                            "--output", "f29.trajectoire", "--scenario", "Répartition", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  /* The file holds the Finistère's lines only. */
  {
    g_autofree char *path = g_build_filename (dir, "f29.trajectoire", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(TrjWorkbook) part = trj_workbook_open (path, &error);
    g_autoptr(TrjScenario) sc = NULL;

    g_assert_no_error (error);
    sc = trj_workbook_get_scenario (part, trj_workbook_get_current_scenario (part), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (((TrjEnvelope *) sc->envelopes->pdata[0])->lines->len, ==, 2);
  }

  set_rate ("f29.trajectoire", TRUE, "a", 0.45);
  set_rate ("f29.trajectoire", TRUE, "b", 0.55);
  set_month ("f29.trajectoire", TRUE, "b", 2, 3);
  set_rate ("dreets.trajectoire", FALSE, "b", 0.6);
  set_month ("dreets.trajectoire", FALSE, "b", 2, 2);
  g_assert_cmpint (run_cli (&out, &err, "ddets", "integrate", "dreets.trajectoire", "f29.trajectoire",
                            "--scenario", "Répartition", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "département 29"));
  /* b as the grid names it, no id, then its rate and its March, one a line. */
  g_assert_true (g_str_has_suffix (err, "Rien n’a été modifié.\n"
                                        "– «\u00a0B\u00a0», PEC et CIE tous publics, Finistère (29)\u202f: "
                                        "modifiée par la DDETS et par la région\n"
                                        "    taux de prise en charge\u202f: envoyé 50,0\u00a0%, région 60,0\u00a0%, "
                                        "DDETS 55,0\u00a0%\n"
                                        "    entrées en mars\u202f: envoyé 0, région 2, DDETS 3\n"));
  g_assert_null (strstr (err, "«\u00a0A\u00a0»"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpfloat (rate_of ("dreets.trajectoire", FALSE, "a"), ==, 0.5);
  g_assert_cmpfloat (rate_of ("dreets.trajectoire", FALSE, "b"), ==, 0.6);

  /* The region gives b back: the return is taken. */
  set_rate ("dreets.trajectoire", FALSE, "b", 0.5);
  set_month ("dreets.trajectoire", FALSE, "b", 2, 0);
  g_assert_cmpint (run_cli (&out, &err, "ddets", "integrate", "dreets.trajectoire", "f29.trajectoire",
                            "--scenario", "Répartition", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Retour de la DDETS 29 intégré — lignes modifiées\u202f: 2, ajoutées\u202f: 0, "
                            "supprimées\u202f: 0\n");
  g_assert_cmpfloat (rate_of ("dreets.trajectoire", FALSE, "a"), ==, 0.45);
  g_assert_cmpfloat (rate_of ("dreets.trajectoire", FALSE, "b"), ==, 0.55);
  g_assert_cmpfloat (rate_of ("dreets.trajectoire", FALSE, "c"), ==, 0.5);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-workbook-cli PATH-TO-trajectoire-cli");
  cli = argv[1];
  dir = g_dir_make_tmp ("trj-workbook-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/workbook-cli/new-export", test_new_export);
  g_test_add_func ("/workbook-cli/new-notification", test_new_notification);
  g_test_add_func ("/workbook-cli/import-roundtrip", test_import_roundtrip);
  g_test_add_func ("/workbook-cli/not-a-workbook", test_not_a_workbook);
  g_test_add_func ("/workbook-cli/send", test_send);
  g_test_add_func ("/workbook-cli/ddets", test_ddets);
  g_test_add_func ("/workbook-cli/actuals-landing", test_actuals_landing);
  g_test_add_data_func ("/workbook-cli/damaged/no-scenario",
                        "DELETE FROM line_month; DELETE FROM line; DELETE FROM envelope; DELETE FROM scenario",
                        test_damaged_workbook);
  g_test_add_data_func ("/workbook-cli/damaged/commitment-month",
                        "UPDATE line SET kind = 'FREE', commitment_month = 100000 WHERE key = 'pec'",
                        test_damaged_workbook);
  status = g_test_run ();

  trj_test_remove_dir (dir);
  return status;
}
