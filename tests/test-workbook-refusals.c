/* test-workbook-refusals.c — edits the store refuses by itself (a scenario or
 * envelope with no name, an envelope twice, a scenario to import with a value
 * beyond the store's limits): a French message, and the document and its undo
 * history as they were. Also the names of copies and the workbook's GObject
 * properties, as the window binds them. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-test-util.h"
#include "trj-workbook-private.h"

/* The whole document and its journal as text. */
static char *
dump (TrjWorkbook *wb)
{
  g_autoptr(GPtrArray) list = trj_workbook_list_scenarios (wb);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      TrjScenarioInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrjScenario) s = trj_workbook_get_scenario (wb, info->id, &error);
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      json = trj_json_scenario_to_data (s);
      g_string_append_printf (out, "%s\n%s\n", info->name, json);
    }
  g_string_append_printf (out, "undo: %s, redo: %s\n", trj_workbook_get_undo_label (wb),
                          trj_workbook_get_redo_label (wb));
  return g_string_free (out, FALSE);
}

static void
assert_message (const GError *error, const char *words)
{
  g_autofree char *plain = NULL;

  g_assert_nonnull (error);
  plain = trj_test_plain_spaces (error->message);
  g_test_message ("%s", plain);
  if (strstr (plain, words) == NULL)
    g_error ("« %s » not in « %s »", words, plain);
}

typedef struct {
  char *dir, *path;
  TrjWorkbook *wb;
  gint64 scenario;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("trj-refusals-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Bretagne 2024.trajectoire", NULL);
  f->wb = trj_workbook_new_for_region (f->path, "Bretagne", 2024, &error);
  g_assert_no_error (error);
  f->scenario = trj_workbook_get_current_scenario (f->wb);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->wb);
  trj_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Each refusal leaves the document and the journal as they were, also in
 * the file (reopened). */
static void
test_refused_edits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *reopened = NULL;
  g_autoptr(TrjScenario) s = NULL;

  /* One edit first, so that the journal has a step to keep. */
  g_assert_true (trj_workbook_rename_scenario (f->wb, f->scenario, "Programmation 2024", &error));
  g_assert_no_error (error);
  before = dump (f->wb);

  g_assert_false (trj_workbook_rename_scenario (f->wb, f->scenario, "   ", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  assert_message (error, "Un scénario doit avoir un nom.");
  g_clear_error (&error);

  g_assert_false (trj_workbook_add_envelope (f->wb, f->scenario, "", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  assert_message (error, "Une enveloppe doit avoir un nom.");
  g_clear_error (&error);

  g_assert_false (trj_workbook_add_envelope (f->wb, f->scenario, "PEC_CIE_TP", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  assert_message (error, "Le scénario a déjà une enveloppe « PEC_CIE_TP ».");
  g_clear_error (&error);

  /* A scenario to import whose texts are beyond the store's 4 096 bytes:
   * a line's label, an envelope's reason (was blamed on the envelope's id). */
  s = trj_workbook_get_scenario (f->wb, f->scenario, &error);
  g_assert_no_error (error);
  {
    g_autofree char *long_text = g_strnfill (5000, 'x');
    TrjEnvelope *pec = g_ptr_array_index (s->envelopes, 0);
    TrjLine *line = g_ptr_array_index (pec->lines, 0);
    g_autofree char *id = g_strdup (line->id);
    g_autofree char *words = g_strdup_printf ("Ligne « %s », label : ", id);

    g_free (line->label);
    line->label = g_strdup (long_text);
    g_assert_cmpint (trj_workbook_import_scenario (f->wb, s, "Trop long", &error), ==, 0);
    assert_message (error, words);
    g_clear_error (&error);
    g_free (line->label);
    line->label = g_strdup ("PEC");

    pec->demande.reason = g_strdup (long_text);
    g_assert_cmpint (trj_workbook_import_scenario (f->wb, s, "Trop long", &error), ==, 0);
    assert_message (error, "Enveloppe « PEC_CIE_TP », demande_reason : ");
    g_clear_error (&error);
    g_clear_pointer (&pec->demande.reason, g_free);
  }

  after = dump (f->wb);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (trj_workbook_get_undo_label (f->wb), ==, "Renommer le scénario");
  g_clear_object (&f->wb);
  f->wb = trj_workbook_open (f->path, &error);
  g_assert_no_error (error);
  reopened = dump (f->wb);
  g_assert_cmpstr (reopened, ==, before);
}

/* Copies are named « X (copie) », then « X (copie 2) », « X (copie 3) ». */
static void
test_copy_names (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "Scénario initial (copie)", "Scénario initial (copie 2)",
                             "Scénario initial (copie 3)" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gint64 copy = trj_workbook_duplicate_scenario (f->wb, f->scenario, NULL, &error);
      g_autofree char *name = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (copy, >, 0);
      name = trj_workbook_get_scenario_name (f->wb, copy);
      g_assert_cmpstr (name, ==, expected[i]);
      g_assert_cmpint (trj_workbook_find_scenario (f->wb, expected[i]), ==, copy);
    }
}

/* The properties the window binds to, before and after an edit and its undo. */
static void
test_properties (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *region = NULL, *reason = NULL, *undo = NULL, *redo = NULL;
  gboolean read_only, can_undo, can_redo;
  gint64 current;
  int year;
  TrjSeries rsa = { 0 };

  g_object_get (f->wb, "path", &path, "read-only", &read_only, "read-only-reason", &reason,
                "region", &region, "year", &year, "can-undo", &can_undo, "can-redo", &can_redo,
                "undo-label", &undo, "redo-label", &redo, "current-scenario", &current, NULL);
  g_assert_cmpstr (path, ==, f->path);
  g_assert_false (read_only);
  g_assert_null (reason);
  g_assert_cmpstr (region, ==, "Bretagne");
  g_assert_cmpint (year, ==, 2024);
  g_assert_false (can_undo);
  g_assert_false (can_redo);
  g_assert_null (undo);
  g_assert_null (redo);
  g_assert_cmpint (current, ==, f->scenario);

  /* The RSA of April 2024 at 640 € instead of 635,71 €. */
  trj_series_append (&rsa, 20240401, 640);
  g_assert_true (trj_workbook_set_reference_series (f->wb, f->scenario, TRJ_REFERENCE_RSA, &rsa, &error));
  g_assert_no_error (error);
  trj_series_clear (&rsa);
  g_clear_pointer (&undo, g_free);
  g_object_get (f->wb, "can-undo", &can_undo, "undo-label", &undo, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (undo, ==, "Modifier le RSA");

  g_assert_true (trj_workbook_undo (f->wb, &error));
  g_assert_no_error (error);
  g_clear_pointer (&undo, g_free);
  g_object_get (f->wb, "can-undo", &can_undo, "can-redo", &can_redo, "undo-label", &undo,
                "redo-label", &redo, NULL);
  g_assert_false (can_undo);
  g_assert_true (can_redo);
  g_assert_null (undo);
  g_assert_cmpstr (redo, ==, "Modifier le RSA");
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/workbook-refusals/edits", Fixture, NULL, fixture_setup, test_refused_edits, fixture_teardown);
  g_test_add ("/workbook-refusals/copy-names", Fixture, NULL, fixture_setup, test_copy_names, fixture_teardown);
  g_test_add ("/workbook-refusals/properties", Fixture, NULL, fixture_setup, test_properties, fixture_teardown);
  return g_test_run ();
}
