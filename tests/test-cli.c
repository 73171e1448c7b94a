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
#include "trj-year-data.h"

#define NNBSP "\u202f"

static const char *cli_path;

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
  g_autofree char *output = g_build_filename (g_get_tmp_dir (), "trj-test-cli-result.json", NULL);
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

static void
test_example_simulates (void)
{
  const char *regions[] = { "Bretagne", "Hauts-de-France" };

  for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), "trj-test-cli-example.json", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrjScenario) scenario = NULL;
      g_auto(Run) example = { 0 };
      g_auto(Run) simulate = { 0 };

      run_cli (&example, "example", "--region", regions[i], NULL);
      g_assert_cmpint (example.status, ==, 0);
      scenario = trj_json_scenario_from_data (example.out, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (scenario->region, ==, regions[i]);
      g_assert_cmpuint (scenario->envelopes->len, ==, 2);

      g_file_set_contents (path, example.out, -1, &error);
      g_assert_no_error (error);
      run_cli (&simulate, "simulate", path, NULL);
      g_assert_cmpint (simulate.status, ==, 0);
      g_unlink (path);
    }
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: test-cli PATH-TO-trajectoire-cli\n");
      return 2;
    }
  cli_path = argv[1];

  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/simulate", test_simulate);
  g_test_add_func ("/cli/solve/round-trip", test_solve_round_trip);
  g_test_add_func ("/cli/solve/volume-target", test_solve_volume_target);
  g_test_add_func ("/cli/solve/errors", test_solve_errors);
  g_test_add_func ("/cli/example/golden", test_example_golden);
  g_test_add_func ("/cli/example/simulates", test_example_simulates);
  g_test_add_func ("/cli/example/errors", test_example_errors);
  g_test_add_func ("/cli/help", test_help);

  return g_test_run ();
}
