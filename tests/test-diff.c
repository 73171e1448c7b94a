/* test-diff.c — comparing two scenarios (MODEL 9) on known changes */
#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "trj-diff.h"
#include "trj-json.h"
#include "trj-programming.h"

static TrjScenario *
rich (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-rich-scenario.json", NULL);
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_json_scenario_from_file (path, &error);

  g_assert_no_error (error);
  return s;
}

static JsonObject *
find_entry (JsonArray *array, const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (o, "id"), id))
        return o;
    }
  return NULL;
}

static double
line_ae (const TrjScenario *s, const char *id)
{
  g_autoptr(TrjResult) r = trj_programming_compute (s, NULL);

  for (guint e = 0; e < s->envelopes->len; e++)
    {
      TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        if (g_str_equal (((TrjLine *) g_ptr_array_index (env->lines, l))->id, id))
          return trj_result_line (r, e, l)->f.ae_total;
    }
  g_assert_not_reached ();
}

/* B = A with: the rate of pec-29-ft 50 % → 55 %, pec-35 removed, pec-22 added,
 * cie renamed cie-bzh (same kind, département and prescriber: matched). */
static void
test_known_changes (void)
{
  g_autoptr(TrjScenario) a = rich ();
  g_autoptr(TrjScenario) b = rich ();
  g_autoptr(TrjDiff) diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL, *text = NULL;
  TrjEnvelope *pec = g_ptr_array_index (b->envelopes, 0);
  TrjLine *added, *renamed;
  JsonObject *root, *lines, *entry, *delta, *env, *env_delta;
  JsonArray *changed, *added_list, *removed;
  double expected;

  trj_scenario_find_line (b, "pec-29-ft", NULL)->rate = 0.55;
  g_ptr_array_remove_index (pec->lines, 1);
  added = trj_line_copy (trj_scenario_find_line (b, "pec-29-ft", NULL));
  g_free (added->id);
  added->id = g_strdup ("pec-22");
  g_free (added->departement);
  added->departement = g_strdup ("22");
  g_ptr_array_add (pec->lines, added);
  renamed = trj_scenario_find_line (b, "cie", NULL);
  g_free (renamed->id);
  renamed->id = g_strdup ("cie-bzh");

  diff = trj_diff_new (a, b, &error);
  g_assert_no_error (error);
  json = trj_diff_to_json (diff);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "trajectoire-diff/1");
  lines = json_object_get_object_member (root, "lines");
  changed = json_object_get_array_member (lines, "changed");
  added_list = json_object_get_array_member (lines, "added");
  removed = json_object_get_array_member (lines, "removed");
  g_assert_cmpuint (json_array_get_length (changed), ==, 2);
  g_assert_cmpuint (json_array_get_length (added_list), ==, 1);
  g_assert_cmpuint (json_array_get_length (removed), ==, 1);
  g_assert_nonnull (find_entry (added_list, "pec-22"));
  g_assert_nonnull (find_entry (removed, "pec-35"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (find_entry (removed, "pec-35"), "a"),
                                                    "rate"), ==, 0.45);

  /* The rate: 5 points more, and the AE that follows. */
  entry = find_entry (changed, "pec-29-ft");
  g_assert_cmpstr (json_object_get_string_member (entry, "match"), ==, "id");
  delta = json_object_get_object_member (entry, "delta");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (delta, "rate"), 0.05, 1e-12);
  g_assert_false (json_object_has_member (delta, "weekly_hours"));
  g_assert_false (json_object_has_member (delta, "volume"));
  g_assert_cmpfloat (json_object_get_double_member (delta, "ae_total"), ==,
                     line_ae (b, "pec-29-ft") - line_ae (a, "pec-29-ft"));
  g_assert_cmpfloat (json_object_get_double_member (delta, "ae_total"), >, 0);
  /* The renamed line is the same line: matched, nothing else changed. */
  entry = find_entry (changed, "cie-bzh");
  g_assert_cmpstr (json_object_get_string_member (entry, "match"), ==, "attributes");
  g_assert_cmpstr (json_object_get_string_member (entry, "a_id"), ==, "cie");
  delta = json_object_get_object_member (entry, "delta");
  g_assert_cmpuint (json_object_get_size (delta), ==, 1);   /* alerts only */

  /* The envelope moves by the sum of its lines' moves. */
  env = json_object_get_object_member (json_object_get_object_member (root, "envelopes"), "PEC_CIE_TP");
  env_delta = json_object_get_object_member (env, "delta");
  expected = (line_ae (b, "pec-29-ft") - line_ae (a, "pec-29-ft")) + line_ae (b, "pec-22") - line_ae (a, "pec-35");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (env_delta, "ae_total"), expected, 1e-6);
  g_assert_cmpfloat (json_object_get_double_member (env_delta, "volume"), ==, 360.5 - 240);
  g_assert_cmpfloat (json_object_get_double_member (env_delta, "ae_available"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (env_delta, "capacity"), ==,
                     json_object_get_double_member (json_object_get_object_member (env, "b"), "capacity") -
                     json_object_get_double_member (json_object_get_object_member (env, "a"), "capacity"));
  /* CIE jeunes did not change. */
  env = json_object_get_object_member (json_object_get_object_member (root, "envelopes"), "CIE_JEUNES");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (env, "delta"), "ae_total"), ==, 0);

  text = trj_diff_to_text (diff, "A", "B");
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "pec-35"));
  g_assert_nonnull (strstr (text, "pec-22"));
  g_assert_nonnull (strstr (text, "cie-bzh"));
  g_assert_null (strstr (text, "CIE jeunes:"));
}

/* Equal scenarios: no line changed, every delta 0. */
static void
test_same (void)
{
  g_autoptr(TrjScenario) a = rich ();
  g_autoptr(TrjScenario) b = rich ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjDiff) diff = trj_diff_new (a, b, &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json = trj_diff_to_json (diff);
  g_assert_nonnull (strstr (json, "\"changed\": []"));
  g_assert_nonnull (strstr (json, "\"added\": []"));
  g_assert_nonnull (strstr (json, "\"removed\": []"));
  for (guint i = 0; i < diff->lines->len; i++)
    g_assert_false (g_array_index (diff->lines, TrjDiffLine, i).changed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diff/known-changes", test_known_changes);
  g_test_add_func ("/diff/same", test_same);
  return g_test_run ();
}
