/* test-cli.c — trajectoire-cli simulate, solve and example, run as a user would
 *
 * Usage: test-cli PATH-TO-trajectoire-cli (meson passes it). Every bad input
 * must exit 1 with a French message naming the key path on stderr, never crash;
 * usage errors exit 2. */
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "trj-json.h"
#include "trj-test-util.h"
#include "trj-programming.h"
#include "trj-year-data.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static const char *cli_path;
/* This run's own folder: other runs of the suite may share /tmp. */
static char *tmpdir;

typedef struct {
  int status;       /* exit code */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "cli", name, NULL);
}

/* Runs the CLI with a NULL-terminated argument list, in French whatever the caller's locale. */
static void
run_cli (Run *run, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) cli_path);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "fr", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  /* A signal (a crash) is never an acceptable answer to bad input. */
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* Runs a shell script in dir, with $CLI the trajectoire-cli under test (pipes,
 * redirections and FIFOs are what these tests are about). */
static void
run_shell (Run *run, const char *dir, const char *script)
{
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "fr", TRUE);
  envp = g_environ_setenv (envp, "CLI", cli_path, TRUE);
  g_spawn_sync (dir, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static JsonObject *
parse_object (JsonParser *parser, const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static TrjResult *
compute_file (const char *path, TrjScenario **scenario_out)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *scenario = trj_json_scenario_from_file (path, &error);
  TrjResult *result;

  g_assert_no_error (error);
  result = trj_result_new (scenario);
  trj_engine_compute (scenario, &trj_year_data_get (scenario->year, NULL)->rules, result, &error);
  g_assert_no_error (error);
  *scenario_out = scenario;
  return result;
}

/* ── Bad input: exit 1, French message naming the key path ─────────────── */

typedef struct {
  const char *file;
  const char *message;   /* expected in stderr, after "trajectoire-cli: " */
} BadInput;

static void
check_refused (const Run *run, const char *expected)
{
  g_test_message ("%s", run->err);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  if (!g_str_has_prefix (run->err, expected))
    g_error ("stderr “%s” does not start with “%s”", run->err, expected);
}

static void
test_bad_input (void)
{
  const BadInput cases[] = {
    { "not-json.json", "document JSON invalide (ligne 2, colonne 20)" NNBSP ": " },
    { "wrong-format.json", "format" NNBSP ": «\u00a0trajectoire-result/1\u00a0» n’est pas un document de scénario" },
    { "unknown-key.json", "envelopes[0].lines[1].rates" NNBSP ": clé inconnue pour une ligne PEC\n" },
    { "missing-key.json", "envelopes[1].lines[0].weekly_hours" NNBSP ": clé obligatoire absente\n" },
    { "wrong-type.json", "envelopes[0].lines[0].weekly_hours" NNBSP ": on attend un nombre, pas une chaîne de caractères\n" },
    { "entries-11-months.json", "envelopes[0].lines[0].entries" NNBSP ": on attend 12 valeurs mensuelles (janvier à décembre), pas 11\n" },
    /* Hard limits: the engine's messages */
    { "rate-above-1.json", "envelopes[0].lines[2].rate" },
    { "negative-entries.json", "envelopes[0].lines[0].entries[3]" },
    { "profile-zero.json", "envelopes[0].lines[1].profile" },
  };
  g_autofree char *missing = fixture ("does-not-exist.json");
  g_auto(Run) missing_run = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture (cases[i].file);
      g_autofree char *expected = g_strconcat ("trajectoire-cli: ", cases[i].message, NULL);
      g_auto(Run) simulate = { 0 };
      g_auto(Run) solve = { 0 };

      run_cli (&simulate, "simulate", path, NULL);
      run_cli (&solve, "solve", path, "--line", "pec-29-ft", "--unknown", "rate", NULL);
      check_refused (&simulate, expected);
      check_refused (&solve, expected);
    }

  /* GLib words the message; it names the file. */
  run_cli (&missing_run, "simulate", missing, NULL);
  check_refused (&missing_run, "trajectoire-cli: ");
  g_assert_nonnull (strstr (missing_run.err, missing));
}

/* ── simulate ──────────────────────────────────────────────────────────── */

static void
test_simulate (void)
{
  g_autofree char *path = fixture ("valid.json");
  g_autofree char *output = g_build_filename (tmpdir, "result.json", NULL);
  g_autofree char *written = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(TrjResult) result = compute_file (path, &scenario);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) to_file = { 0 };
  JsonObject *root, *region, *envelope;

  run_cli (&run, "simulate", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "trajectoire-result/1");
  region = json_object_get_object_member (root, "region");
  /* Same engine, and doubles written to read back exactly: equal, not close. */
  g_assert_cmpfloat (json_object_get_double_member (region, "ae_total"), ==, result->region.ae_total);
  g_assert_cmpfloat (json_object_get_double_member (region, "cp_total"), ==, result->region.cp_total);
  envelope = json_object_get_object_member (json_object_get_object_member (root, "envelopes"),
                                            "CIE_JEUNES");
  g_assert_cmpfloat (json_object_get_double_member (envelope, "ae_total"), ==,
                     result->envelopes[1].f.ae_total);

  /* --output writes the same document to a file, nothing on stdout. */
  run_cli (&to_file, "simulate", path, "--output", output, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpstr (to_file.out, ==, "");
  g_file_get_contents (output, &written, NULL, NULL);
  g_assert_cmpstr (written, ==, run.out);
  g_unlink (output);
}

/* `summary` gives each département's CAOM (MODEL 2.8): the Côtes-d'Armor
 * commits 6 contracts over January–March (2 a month), the line cofinances
 * 25 % of 4, 4, 0, 8 entries: 1, 1, 0, 2; gaps −1, −1, −2, +2, −2 in all,
 * cumulated −1, −2, −4, −2: furthest in March. The Finistère commits 3 and has
 * no line: −3, furthest in December. */
static void
test_summary_caom (void)
{
  static const char json[] =
    "{ \"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\", \"zone\": \"metropole\","
    "  \"envelopes\": [ { \"id\": \"PEC_CIE_TP\", \"ae_notified\": 1000000, \"cp_notified\": 1000000,"
    "    \"caom\": { \"22\": { \"contracts\": 6, \"profile\": [1,1,1,0,0,0,0,0,0,0,0,0] },"
    "                \"29\": { \"contracts\": 3 } },"
    "    \"lines\": [ { \"id\": \"d\", \"kind\": \"PEC\", \"departement\": \"22\", \"cofinanced_share\": 0.25,"
    "      \"rate\": 0.5, \"weekly_hours\": 20, \"duration_months\": 6,"
    "      \"entries\": [4,4,0,8,0,0,0,0,0,0,0,0] } ] } ] }";
  g_autofree char *path = g_build_filename (tmpdir, "caom.json", NULL);
  g_autofree char *out = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  run_cli (&run, "summary", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  out = trj_test_plain_spaces (run.out);
  g_assert_nonnull (strstr (out, "\n  CAOM Côtes-d'Armor (22)            "
                                 "6 engagés, 4 cofinancés : écart -2 ; plus grand écart cumulé -4 en mars\n"));
  g_assert_nonnull (strstr (out, "\n  CAOM Finistère (29)                "
                                 "3 engagés, 0 cofinancés : écart -3 ; plus grand écart cumulé -3 en décembre\n"));
  g_unlink (path);
}

/* MODEL 2.5: a margin is shown to the euro below, so that moving the amount
 * shown never puts the envelope over: the Bretagne example's PEC margin is
 * 6 813 468 − 6 784 252,09 = 29 215,91 €, read « 29 215 € », not 29 216. */
static void
test_summary_margin_floored (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "bretagne-margin.json", NULL);
  g_autofree char *out = NULL;
  g_auto(Run) example = { 0 };
  g_auto(Run) run = { 0 };

  run_cli (&example, "example", "--region", "Bretagne", NULL);
  g_assert_cmpint (example.status, ==, 0);
  g_assert_true (g_file_set_contents (path, example.out, -1, NULL));
  run_cli (&run, "summary", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  out = trj_test_plain_spaces (run.out);
  g_assert_nonnull (strstr (out, "  AE programmées                     6 784 252 €\n"
                                 "  Marge AE                           29 215 €\n"));
  g_unlink (path);
}

/* ── solve ─────────────────────────────────────────────────────────────── */

static void
test_solve_round_trip (void)
{
  g_autofree char *path = fixture ("valid.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_file (path, &error);
  g_autoptr(TrjResult) result = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *answer;
  g_autoptr(GList) keys = NULL;
  double value, target;

  g_assert_no_error (error);
  run_cli (&run, "solve", path, "--line", "pec-29-ft", "--unknown", "rate", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "{\"line\": \"pec-29-ft\", \"unknown\": \"rate\", \"value\": "));
  g_assert_true (g_str_has_suffix (run.out, "}\n"));
  answer = parse_object (parser, run.out);
  keys = json_object_get_members (answer);
  g_assert_cmpuint (g_list_length (keys), ==, 5);
  value = json_object_get_double_member (answer, "value");
  target = json_object_get_double_member (answer, "target");
  /* Default target: the envelope's available AE, the notified 6 813 468 €. */
  g_assert_cmpfloat (target, ==, 6813468);
  g_assert_cmpfloat (value, >, 0);
  g_assert_cmpfloat (value, <=, 1);

  /* Put the rate in the scenario and simulate: the envelope meets the target. */
  trj_line_set_unknown (trj_scenario_find_line (scenario, "pec-29-ft", NULL), TRJ_UNKNOWN_RATE, value);
  result = trj_result_new (scenario);
  trj_engine_compute (scenario, &trj_year_data_get (2024, NULL)->rules, result, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (result->envelopes[0].f.ae_total - target) / target, <=, 1e-9);
  g_assert_cmpfloat (fabs (json_object_get_double_member (answer, "ae_total") - target) / target,
                     <=, 1e-9);
}

static void
test_solve_volume_target (void)
{
  g_autofree char *path = fixture ("valid.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *answer;

  /* A French-typed target is accepted too. */
  run_cli (&run, "solve", path, "--line", "cie-bretagne", "--unknown", "volume",
           "--target", "2 000 000", NULL);
  g_assert_cmpint (run.status, ==, 0);
  answer = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (answer, "unknown"), ==, "volume");
  g_assert_cmpfloat (json_object_get_double_member (answer, "target"), ==, 2000000);
  g_assert_cmpfloat (fabs (json_object_get_double_member (answer, "ae_total") - 2e6) / 2e6, <=, 1e-9);
}

static void
test_solve_errors (void)
{
  g_autofree char *path = fixture ("valid.json");
  g_auto(Run) unknown_line = { 0 };
  g_auto(Run) unreachable = { 0 };
  g_auto(Run) no_line = { 0 };
  g_auto(Run) bad_unknown = { 0 };
  g_auto(Run) bad_target = { 0 };

  run_cli (&unknown_line, "solve", path, "--line", "pec-99", "--unknown", "rate", NULL);
  g_assert_cmpint (unknown_line.status, ==, 1);
  g_assert_cmpstr (unknown_line.out, ==, "");
  g_assert_nonnull (strstr (unknown_line.err, "pec-99"));

  /* 1 000 000 000 € is beyond any rate up to 100 %: the interval is named. */
  run_cli (&unreachable, "solve", path, "--line", "pec-29-ft", "--unknown", "rate",
           "--target", "1000000000", NULL);
  g_test_message ("%s", unreachable.err);
  g_assert_cmpint (unreachable.status, ==, 1);
  g_assert_cmpstr (unreachable.out, ==, "");
  g_assert_true (g_str_has_prefix (unreachable.err, "trajectoire-cli: "));
  g_assert_true (g_regex_match_simple ("\\[[^]]*1[^]]*\\]", unreachable.err, 0, 0));

  run_cli (&no_line, "solve", path, "--unknown", "rate", NULL);
  g_assert_cmpint (no_line.status, ==, 2);
  g_assert_cmpstr (no_line.err, ==,
                   "trajectoire-cli: --line et --unknown sont obligatoires (voir --help)\n");

  run_cli (&bad_unknown, "solve", path, "--line", "pec-29-ft", "--unknown", "speed", NULL);
  g_assert_cmpint (bad_unknown.status, ==, 2);
  g_assert_nonnull (strstr (bad_unknown.err, "speed"));

  run_cli (&bad_target, "solve", path, "--line", "pec-29-ft", "--unknown", "rate",
           "--target", "beaucoup", NULL);
  g_assert_cmpint (bad_target.status, ==, 2);
  g_assert_nonnull (strstr (bad_target.err, "n’est pas un montant"));
}

/* --envelope: one rate for every contract line of the envelope, and with
 * --profile the slope for its CP; put back, the figures are those printed. */
static void
test_solve_envelope (void)
{
  g_autofree char *path = fixture ("valid.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_file (path, &error);
  g_autoptr(TrjResult) result = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) both = { 0 };
  g_auto(Run) profile_alone = { 0 };
  JsonObject *answer;
  JsonArray *lines;
  double value, slope, ramp[TRJ_MONTHS];
  TrjEnvelope *env;
  guint contract_lines = 0;

  g_assert_no_error (error);
  run_cli (&run, "solve", path, "--envelope", "PEC_CIE_TP", "--unknown", "rate",
           "--target", "6000000", "--profile", "--cp-target", "2 900 000", NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "{\"envelope\": \"PEC_CIE_TP\", \"unknown\": \"rate\", \"value\": "));
  answer = parse_object (parser, run.out);
  value = json_object_get_double_member (answer, "value");
  slope = json_object_get_double_member (answer, "slope");
  g_assert_cmpfloat (json_object_get_double_member (answer, "target"), ==, 6000000);
  g_assert_cmpfloat (json_object_get_double_member (answer, "cp_target"), ==, 2900000);
  g_assert_true (json_object_get_boolean_member (answer, "cp_reached"));
  g_assert_cmpfloat (json_object_get_double_member (answer, "ae_total"), <=, 6000000);
  g_assert_cmpfloat (json_object_get_double_member (answer, "cp_total"), <=, 2900000 + 0.005);

  env = trj_scenario_find_envelope (scenario, "PEC_CIE_TP");
  lines = json_object_get_array_member (answer, "lines");
  trj_profile_ramp (slope, ramp);
  for (guint l = 0; l < env->lines->len; l++)
    {
      TrjLine *line = g_ptr_array_index (env->lines, l);

      if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
        continue;
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, contract_lines), "line"),
                       ==, line->id);
      g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (lines, contract_lines), "value"),
                         ==, value);
      contract_lines++;
      line->rate = value;
    }
  g_assert_cmpuint (json_array_get_length (lines), ==, contract_lines);
  g_assert_cmpuint (contract_lines, >=, 2);
  trj_envelope_set_ramp (env, slope);
  result = trj_result_new (scenario);
  trj_engine_compute (scenario, &trj_year_data_get (2024, NULL)->rules, result, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (result->envelopes[0].f.ae_total - 6000000), <, 0.01);
  g_assert_cmpfloat (result->envelopes[0].f.ae_total, <=, 6000000);

  run_cli (&both, "solve", path, "--envelope", "PEC_CIE_TP", "--line", "pec-29-ft", "--unknown", "rate", NULL);
  g_assert_cmpint (both.status, ==, 2);
  g_assert_nonnull (strstr (both.err, "--envelope"));
  run_cli (&profile_alone, "solve", path, "--line", "pec-29-ft", "--unknown", "rate", "--profile", NULL);
  g_assert_cmpint (profile_alone.status, ==, 2);
}

/* ── example ───────────────────────────────────────────────────────────── */

static void
test_example_golden (void)
{
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "golden",
                                                        "bretagne-example.json", NULL);
  g_autofree char *golden = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) lower = { 0 };

  g_assert_true (g_file_get_contents (golden_path, &golden, NULL, NULL));
  run_cli (&run, "example", "--region", "Bretagne", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, golden);

  /* Region names are matched without case or accents; the year is explicit. */
  run_cli (&lower, "example", "--region", "bretagne", "--year", "2024", NULL);
  g_assert_cmpint (lower.status, ==, 0);
  g_assert_cmpstr (lower.out, ==, golden);
}

/* Two JSON trees: the same keys, strings and shapes, numbers equal to 1e-9
 * relative (the last bits of a long sum may differ between compilers). */
static void
assert_json_close (JsonNode *got, JsonNode *want, const char *path)
{
  if (JSON_NODE_TYPE (got) != JSON_NODE_TYPE (want))
    g_error ("%s: not the same kind of value as the golden file", path);
  if (JSON_NODE_HOLDS_OBJECT (want))
    {
      JsonObject *g = json_node_get_object (got), *w = json_node_get_object (want);
      g_autoptr(GList) members = json_object_get_members (w);

      if (json_object_get_size (g) != json_object_get_size (w))
        g_error ("%s: %u keys, %u in the golden file", path,
                 json_object_get_size (g), json_object_get_size (w));
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *) l->data);

          if (!json_object_has_member (g, l->data))
            g_error ("%s: missing", sub);
          assert_json_close (json_object_get_member (g, l->data), json_object_get_member (w, l->data), sub);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (want))
    {
      JsonArray *g = json_node_get_array (got), *w = json_node_get_array (want);

      if (json_array_get_length (g) != json_array_get_length (w))
        g_error ("%s: %u items, %u in the golden file", path,
                 json_array_get_length (g), json_array_get_length (w));
      for (guint i = 0; i < json_array_get_length (w); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          assert_json_close (json_array_get_element (g, i), json_array_get_element (w, i), sub);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (want) && json_node_get_value_type (want) != G_TYPE_STRING
           && json_node_get_value_type (want) != G_TYPE_BOOLEAN)
    {
      double g = json_node_get_double (got), w = json_node_get_double (want);

      if (!(fabs (g - w) <= 1e-9 * fabs (w) + 1e-9))
        g_error ("%s: %.17g, %.17g in the golden file", path, g, w);
    }
  else if (JSON_NODE_HOLDS_VALUE (want))
    {
      g_autofree char *g = json_to_string (got, FALSE), *w = json_to_string (want, FALSE);

      if (strcmp (g, w) != 0)
        g_error ("%s: %s, %s in the golden file", path, g, w);
    }
}

/* `simulate` of a scenario against tests/golden/NAME: the result document
 * read back and compared number by number. TRJ_UPDATE_GOLDEN=1 rewrites the
 * golden file instead (then review its diff). Returns the parsed result. */
static JsonObject *
simulate_golden (JsonParser *parser, const char *scenario_path, const char *name)
{
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "golden", name, NULL);
  g_autoptr(JsonParser) golden = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) simulate = { 0 };
  JsonObject *root;

  run_cli (&simulate, "simulate", scenario_path, NULL);
  g_test_message ("simulate %s: %s", scenario_path, simulate.err);
  g_assert_cmpint (simulate.status, ==, 0);
  g_assert_cmpstr (simulate.err, ==, "");
  root = parse_object (parser, simulate.out);
  if (g_getenv ("TRJ_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (golden_path, simulate.out, -1, &error);
      g_assert_no_error (error);
    }
  json_parser_load_from_file (golden, golden_path, &error);
  g_assert_no_error (error);
  assert_json_close (json_parser_get_root (parser), json_parser_get_root (golden), name);
  return root;
}

static double
member_double (JsonObject *root, const char *group, const char *id, const char *key)
{
  JsonObject *object = json_object_get_object_member (json_object_get_object_member (root, group), id);

  g_assert_nonnull (object);
  return json_object_get_double_member (object, key);
}

/* The example of a metropolitan, an overseas and Mayotte's region, simulated:
 * the result is the golden file's. */
static void
test_example_simulates (void)
{
  const struct { const char *region, *golden; } cases[] = {
    { "Bretagne", "simulate-bretagne.json" },
    { "Hauts-de-France", "simulate-hauts-de-france.json" },
    { "La Réunion", "simulate-la-reunion.json" },
    { "Mayotte", "simulate-mayotte.json" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, "example.json", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrjScenario) scenario = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_auto(Run) example = { 0 };
      JsonObject *root;

      run_cli (&example, "example", "--region", cases[i].region, NULL);
      g_assert_cmpint (example.status, ==, 0);
      scenario = trj_json_scenario_from_data (example.out, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (scenario->region, ==, cases[i].region);
      /* PEC_CIE_TP, CIE_JEUNES, IAE, EA and GEIQ (the last three at 0 €). */
      g_assert_cmpuint (scenario->envelopes->len, ==, 5);

      g_file_set_contents (path, example.out, -1, &error);
      g_assert_no_error (error);
      root = simulate_golden (parser, path, cases[i].golden);
      /* The example programs the notified volumes and AE: what it says. */
      for (guint e = 0; e < scenario->envelopes->len; e++)
        {
          const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

          g_assert_cmpfloat_with_epsilon (member_double (root, "envelopes", env->id, "volume"),
                                          env->volume_notified, 1e-6);
          g_assert_cmpfloat_with_epsilon (member_double (root, "envelopes", env->id, "ae_available"),
                                          env->ae_notified, 1e-6);
        }
      g_unlink (path);
    }
}

/* Every shape of line (contracts with last year's entries, IAE with
 * cofinancing, a late convention and CDI inclusion, EA, GEIQ, a free line)
 * against its golden file and figures computed by hand (MODEL 3). */
static void
test_kinds_simulate (void)
{
  g_autofree char *path = fixture ("kinds.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = simulate_golden (parser, path, "simulate-kinds.json");
  const double ei = 25 * 12218.0;

  /* Free line: 100 000 € in April; CP 10 000 + 20 000 + 30 000 €; 40 000 € after. */
  g_assert_cmpfloat (member_double (root, "lines", "it-1", "ae_total"), ==, 100000);
  g_assert_cmpfloat (member_double (root, "lines", "it-1", "cp_total"), ==, 60000);
  g_assert_cmpfloat (member_double (root, "lines", "it-1", "cp_after_year"), ==, 40000);
  /* GEIQ: 30 aids of 1 400 €, paid as hired, all in the year. */
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "geiq-59", "ae_total"), 42000, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "geiq-59", "cp_total"), 42000, 1e-6);
  /* EA: 50 ETP × 18 091 €, lag 0, all paid in the year. */
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "ea-02", "ae_total"), 904550, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "ea-02", "cp_total"), 904550, 1e-6);
  /* CDI inclusion: 6 ETP at the socle, 4 at 70 %, and the IAE kinds' default
   * 5 % modulated part. */
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "cdi-60", "ae_total"),
                                  (23458.0 * 6 + 0.7 * 23458.0 * 4) * 1.05, 1e-6);
  /* EI signed in April, lag 1: nothing before May, 4/12 in May; December's
   * twelfth and the 5 % modulated part after the year. */
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "ei-80", "cp_total"), ei * 11 / 12, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "ei-80", "cp_after_year"),
                                  ei / 12 + 0.05 * ei, 1e-6);
  /* ACI, lag 2: November and December paid in Y+1, with the 5 % modulated part;
   * the département pays 88 % of the RSA (607,75 € to March, 635,71 € in April)
   * for 6 recipients over 4 months. */
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "aci-59", "cp_after_year")
                                  - 0.05 * 40 * 23458.0,
                                  (40 * 23458.0 - 0.88 * 6 * (3 * 607.75 + 635.71)) * 2 / 12, 1e-6);
  /* Last year's modulated part: in the IAE envelope's stock, not in a line's. */
  g_assert_cmpfloat (member_double (root, "envelopes", "IAE", "cp_stock"), ==, 45000);
}

/* An FDI envelope (no credits of its own) whose free line is funded from the
 * IAE envelope's margins (Occitanie), against its golden file and by hand:
 * the line's 50 000 € of AE (March) and the 30 000 € of CP it pays in the
 * year move from IAE's available to FDI's, so that FDI shows no overrun.
 * ACI: 8 ETP × 23 458 € = 187 664 €, lag 0, paid in twelfths, its 5 %
 * modulated part (9 383,20 €) in April of Y+1: AE 197 047,20 €. */
static void
test_fdi_simulate (void)
{
  g_autofree char *path = fixture ("fdi.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = simulate_golden (parser, path, "simulate-fdi.json");
  const double aci = 8 * 23458.0;

  g_assert_cmpfloat (member_double (root, "lines", "fdi-31", "ae_total"), ==, 50000);
  g_assert_cmpfloat (member_double (root, "lines", "fdi-31", "cp_total"), ==, 30000);
  g_assert_cmpfloat (member_double (root, "lines", "fdi-31", "cp_after_year"), ==, 20000);
  g_assert_cmpfloat (member_double (root, "envelopes", "FDI", "ae_available"), ==, 50000);
  g_assert_cmpfloat (member_double (root, "envelopes", "FDI", "cp_available"), ==, 30000);
  g_assert_cmpfloat (member_double (root, "envelopes", "FDI", "ae_margin"), ==, 0);
  g_assert_cmpfloat (member_double (root, "envelopes", "FDI", "cp_margin"), ==, 0);
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "aci-31", "ae_total"), aci * 1.05, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "aci-31", "cp_total"), aci, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (root, "lines", "aci-31", "cp_after_year"), 0.05 * aci, 1e-6);
  /* The lender: 400 000 − 50 000 € of AE, 350 000 − 30 000 € of CP available. */
  g_assert_cmpfloat (member_double (root, "envelopes", "IAE", "ae_available"), ==, 350000);
  g_assert_cmpfloat (member_double (root, "envelopes", "IAE", "cp_available"), ==, 320000);
  g_assert_cmpfloat_with_epsilon (member_double (root, "envelopes", "IAE", "ae_margin"), 152952.8, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (root, "envelopes", "IAE", "cp_margin"), 132336, 1e-6);
}

static void
test_example_errors (void)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };

  run_cli (&unknown, "example", "--region", "Atlantide", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "Atlantide"));

  run_cli (&missing, "example", NULL);
  g_assert_cmpint (missing.status, ==, 2);
}

/* ── help ──────────────────────────────────────────────────────────────── */

static void
test_help (void)
{
  g_auto(Run) top = { 0 };
  g_auto(Run) simulate = { 0 };
  g_auto(Run) solve = { 0 };
  g_auto(Run) example = { 0 };
  g_auto(Run) usage = { 0 };

  run_cli (&top, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  g_assert_nonnull (strstr (top.out, "Utilisation"));

  run_cli (&simulate, "simulate", "--help", NULL);
  g_assert_cmpint (simulate.status, ==, 0);
  g_assert_nonnull (strstr (simulate.out, "trajectoire-cli simulate [OPTION…] SCÉNARIO.json"));
  g_assert_nonnull (strstr (simulate.out, "Calcule les AE et CP mensuels"));
  g_assert_nonnull (strstr (simulate.out, "Écrire le résultat dans FICHIER"));

  run_cli (&solve, "solve", "--help", NULL);
  g_assert_cmpint (solve.status, ==, 0);
  g_assert_nonnull (strstr (solve.out, "Trouve la valeur d’un paramètre"));
  g_assert_nonnull (strstr (solve.out, "--unknown=PARAMÈTRE"));

  run_cli (&example, "example", "--help", NULL);
  g_assert_cmpint (example.status, ==, 0);
  g_assert_nonnull (strstr (example.out, "Affiche un scénario de départ"));

  run_cli (&usage, "simulate", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_cmpstr (usage.err, ==,
                   "trajectoire-cli: un fichier de scénario est attendu (voir --help)\n");
}

/* ── Standard input and output, pipes, FIFOs ───────────────────────────── */

static void
assert_shell (const char *dir, const char *script, const char *expected_out)
{
  g_auto(Run) run = { 0 };

  run_shell (&run, dir, script);
  if (run.status != 0)
    g_error ("“%s” exited %d: %s", script, run.status, run.err);
  if (expected_out != NULL)
    g_assert_cmpstr (run.out, ==, expected_out);
}

static void
test_pipes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-cli-XXXXXX", NULL);
  g_autofree char *valid = fixture ("valid.json");
  g_autofree char *quoted = g_shell_quote (valid);
  g_autofree char *script = NULL;
  g_autofree char *xlsx = g_build_filename (dir, "sortie.xlsx", NULL);
  g_auto(Run) expected = { 0 };
  g_auto(Run) refused = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *name = NULL;
  g_autofree char *png = NULL;
  g_autofree char *png_path = g_build_filename (dir, "graphique.png", NULL);
  gsize png_length = 0;

  /* A JSON document through a pipe, by "-" and by /dev/stdin: sniffing the
   * format must not eat the stream. */
  run_cli (&expected, "simulate", valid, NULL);
  g_assert_cmpint (expected.status, ==, 0);
  script = g_strdup_printf ("cat %s | \"$CLI\" simulate -", quoted);
  assert_shell (dir, script, expected.out);
  g_free (script);
  script = g_strdup_printf ("cat %s | \"$CLI\" simulate /dev/stdin", quoted);
  assert_shell (dir, script, expected.out);
  assert_shell (dir, "\"$CLI\" example --region Bretagne | \"$CLI\" simulate - | head -c 40",
                "{\n  \"format\": \"trajectoire-result/1\",\n  ");

  /* A workbook through a pipe and through a FIFO (read once: a second open of
   * a FIFO waits for a writer forever; timeout turns that into a failure). */
  assert_shell (dir, "\"$CLI\" new --region Bretagne classeur.trajectoire", "");
  assert_shell (dir, "\"$CLI\" summary classeur.trajectoire > attendu.txt", "");
  assert_shell (dir, "cat classeur.trajectoire | \"$CLI\" summary - | cmp - attendu.txt", "");
  assert_shell (dir, "mkfifo tube && (cat classeur.trajectoire > tube &) && "
                     "timeout 20 \"$CLI\" summary tube | cmp - attendu.txt", "");
  assert_shell (dir, "cat classeur.trajectoire | \"$CLI\" scenarios -", "* Scénario initial\n");

  /* A programming file through a pipe into import (its stored name), "-o -"
   * for xlsx, charts and JSON. */
  assert_shell (dir, "\"$CLI\" export --format xlsx -o - classeur.trajectoire > sortie.xlsx", "");
  scenario = trj_programming_read_xlsx (xlsx, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Scénario initial");
  assert_shell (dir, "cat sortie.xlsx | \"$CLI\" import --name copie classeur.trajectoire - && "
                     "\"$CLI\" scenarios classeur.trajectoire",
                "* Scénario initial\n  copie\n");
  assert_shell (dir, "\"$CLI\" chart -o - classeur.trajectoire > graphique.png", "");
  g_assert_true (g_file_get_contents (png_path, &png, &png_length, NULL));
  g_assert_cmpuint (png_length, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  assert_shell (dir, "\"$CLI\" export -o - classeur.trajectoire | \"$CLI\" simulate - > /dev/null", "");
  /* Nothing left behind in the temporary folder. */
  assert_shell (dir, "TMPDIR=$PWD \"$CLI\" export --format xlsx -o - classeur.trajectoire "
                     "> /dev/null && ls -d trajectoire-cli-* 2>/dev/null | wc -l", "0\n");

  /* What trajectoire-cli hands to trajectoire-cli-full (the xlsx reader and
   * writer) after reading a stream gets the same bytes again: a programming
   * file by /dev/stdin and through a FIFO, a workbook piped into an xlsx
   * export, the temporary copy of the workbook removed. */
  assert_shell (dir, "\"$CLI\" summary sortie.xlsx > attendu.txt && "
                     "\"$CLI\" summary /dev/stdin < sortie.xlsx | cmp - attendu.txt", "");
  assert_shell (dir, "rm -f tube && mkfifo tube && (cat sortie.xlsx > tube &) && "
                     "timeout 20 \"$CLI\" summary tube | cmp - attendu.txt", "");
  assert_shell (dir, "cat classeur.trajectoire | TMPDIR=$PWD \"$CLI\" export --format xlsx -o copie.xlsx - && "
                     "\"$CLI\" summary copie.xlsx | cmp - attendu.txt && "
                     "ls -d trajectoire-cli-* 2>/dev/null | wc -l", "0\n");

  /* Refusals: a stream cannot take an import; a full standard output is an error. */
  run_shell (&refused, dir, "cat classeur.trajectoire | \"$CLI\" import - sortie.xlsx");
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_cmpstr (refused.err, ==, "trajectoire-cli: «" NBSP "-" NBSP "»" NNBSP ": le classeur où "
                   "importer doit être un fichier, pas un flux\n");
  run_clear (&refused);
  run_shell (&refused, dir, "\"$CLI\" simulate - < classeur.trajectoire > /dev/full");
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_true (g_str_has_prefix (refused.err, "trajectoire-cli: Impossible d’écrire sur la "
                                                "sortie standard" NNBSP ": "));

  assert_shell (dir, "rm -f classeur.trajectoire attendu.txt tube sortie.xlsx copie.xlsx graphique.png", "");
  g_rmdir (dir);
}

/* An export that fails half-way leaves its targets as they were. */
static void
test_export_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-cli-XXXXXX", NULL);
  g_auto(Run) refused = { 0 };

  assert_shell (dir, "\"$CLI\" new --region Bretagne classeur.trajectoire && "
                     "echo ancien > lignes.csv && mkdir lignes-trajectoire.csv", "");
  /* The trajectory cannot replace a folder: the lines file keeps its bytes. */
  run_shell (&refused, dir, "\"$CLI\" export --format csv -o lignes.csv classeur.trajectoire");
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_true (g_str_has_prefix (refused.err, "trajectoire-cli: Impossible d’écrire «" NBSP
                                                "lignes-trajectoire.csv" NBSP "»"));
  assert_shell (dir, "cat lignes.csv; ls", "ancien\nclasseur.trajectoire\nlignes-trajectoire.csv\n"
                                          "lignes.csv\n");
  assert_shell (dir, "rm -rf classeur.trajectoire lignes.csv lignes-trajectoire.csv", "");
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: test-cli PATH-TO-trajectoire-cli\n");
      return 2;
    }
  cli_path = argv[1];

  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/simulate", test_simulate);
  g_test_add_func ("/cli/summary/caom", test_summary_caom);
  g_test_add_func ("/cli/summary/margin-floored", test_summary_margin_floored);
  g_test_add_func ("/cli/solve/round-trip", test_solve_round_trip);
  g_test_add_func ("/cli/solve/volume-target", test_solve_volume_target);
  g_test_add_func ("/cli/solve/errors", test_solve_errors);
  g_test_add_func ("/cli/solve/envelope", test_solve_envelope);
  g_test_add_func ("/cli/example/golden", test_example_golden);
  g_test_add_func ("/cli/simulate/kinds", test_kinds_simulate);
  g_test_add_func ("/cli/simulate/fdi", test_fdi_simulate);
  g_test_add_func ("/cli/example/simulates", test_example_simulates);
  g_test_add_func ("/cli/example/errors", test_example_errors);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/pipes", test_pipes);
  g_test_add_func ("/cli/export-atomic", test_export_atomic);

  tmpdir = g_dir_make_tmp ("trj-test-cli-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
