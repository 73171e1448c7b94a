/* test-workbook.c — the workbook store: edits, undo/redo, reopen, import/export,
 * migrations, refusal of bad files, read-only second opener */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "trj-engine.h"
#include "trj-json.h"
#include "trj-workbook-private.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

/* ── Helpers ──────────────────────────────────────────────────────────── */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("trj-workbook-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  trj_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
fixture_path (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static TrjWorkbook *
new_bretagne (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, name);
  TrjWorkbook *wb = trj_workbook_new_for_region (path, "bretagne", 2024, &error);

  g_assert_no_error (error);
  g_assert_nonnull (wb);
  return wb;
}

/* The whole document as text: every scenario (id, position, name) and its
 * JSON export. Undo must give this back exactly. */
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
      g_string_append_printf (out, "scenario %" G_GINT64_FORMAT " %u %s\n%s",
                              info->id, info->position, info->name, json);
    }
  return g_string_free (out, FALSE);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static const TrjLine *
find_line (TrjWorkbook *wb, gint64 scenario, const char *line_id)
{
  /* The snapshot is leaked on purpose into a static slot, freed next call. */
  static TrjScenario *last;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&last, trj_scenario_free);
  last = trj_workbook_get_scenario (wb, scenario, &error);
  g_assert_no_error (error);
  return trj_scenario_find_line (last, line_id, NULL);
}

/* ── A new workbook ───────────────────────────────────────────────────── */

static void
test_new (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "new.trajectoire");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = trj_workbook_list_scenarios (wb);
  g_autoptr(TrjScenario) snapshot = NULL;
  g_autoptr(TrjScenario) example = NULL;
  g_autofree char *a = NULL, *b = NULL;
  g_autofree char *path = fixture_path (f, "new.trajectoire");
  g_autoptr(TrjWorkbook) again = NULL;

  g_assert_cmpstr (trj_workbook_get_region (wb), ==, "Bretagne");
  g_assert_cmpint (trj_workbook_get_year (wb), ==, 2024);
  g_assert_cmpint (trj_workbook_get_zone (wb), ==, TRJ_ZONE_METROPOLE);
  g_assert_false (trj_workbook_is_read_only (wb));
  g_assert_false (trj_workbook_can_undo (wb));
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (trj_workbook_get_current_scenario (wb), ==,
                   ((TrjScenarioInfo *) g_ptr_array_index (list, 0))->id);

  /* Same defaults as `trajectoire-cli example`. */
  snapshot = trj_workbook_get_scenario (wb, trj_workbook_get_current_scenario (wb), &error);
  g_assert_no_error (error);
  example = trj_year_data_example (trj_year_data_get (2024, NULL), "Bretagne", &error);
  g_assert_no_error (error);
  a = trj_json_scenario_to_data (snapshot);
  b = trj_json_scenario_to_data (example);
  g_assert_cmpstr (a, ==, b);

  /* Refuses to overwrite, and the file keeps its owner. */
  g_assert_null (trj_workbook_new_for_region (path, "Bretagne", 2024, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (trj_workbook_new_for_region (path, "Atlantide", 2024, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);

  /* Durable at once: a reader sees the same document. */
  trj_workbook_close (wb);
  again = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&a, g_free);
  a = dump (again);
  g_assert_true (strstr (a, "\"pec\"") != NULL);
  g_assert_cmpint (sqlite3_libversion_number (), >=, 3040000);
}

/* ── Every edit kind, undone and redone ───────────────────────────────── */

typedef gboolean (*EditFunc) (TrjWorkbook *wb, gint64 s, GError **error);

static gboolean edit_label (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_LABEL, "PEC Finistère", e); }
static gboolean edit_departement (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_DEPARTEMENT, "29", e); }
static gboolean edit_prescriber (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_PRESCRIBER, "France Travail", e); }
static gboolean edit_note (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_NOTE, "Voir la Mission locale en juin", e); }
static gboolean edit_kind (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_KIND, "CIE_TP", e); }
static gboolean edit_rate (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.45, e); }
static gboolean edit_hours (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_WEEKLY_HOURS, 20, e); }
static gboolean edit_duration (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_DURATION_MONTHS, 11.5, e); }
static gboolean edit_cofinanced (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_COFINANCED_SHARE, 0.3, e); }
static gboolean edit_lag (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS, 2, e); }
static gboolean edit_volume (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_VOLUME, 600, e); }
static gboolean edit_mode (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_ENTRIES_MODE, TRJ_ENTRIES_MONTHLY, e); }
static gboolean edit_entry (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_month (wb, s, "pec", TRJ_LINE_MONTHS_ENTRIES, 3, 42, e); }
static gboolean edit_previous (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_month (wb, s, "cie-jeunes", TRJ_LINE_MONTHS_PREVIOUS_ENTRIES, 11, 7, e); }
static gboolean edit_profile (TrjWorkbook *wb, gint64 s, GError **e)
{
  const double p[TRJ_MONTHS] = { 1, 1, 2, 2, 2, 1, 0, 0, 2, 2, 1, 1 };
  return trj_workbook_set_line_months (wb, s, "pec", TRJ_LINE_MONTHS_PROFILE, p, e);
}
/* Ids of the post-aid and free lines every edit test starts with. */
static char *ei_line, *free_line;

static gboolean edit_quantity (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, ei_line, TRJ_LINE_FIELD_QUANTITY, 12.5, e); }
static gboolean edit_unit_amount (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, ei_line, TRJ_LINE_FIELD_UNIT_AMOUNT, 12000, e); }
static gboolean edit_modulation (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, ei_line, TRJ_LINE_FIELD_MODULATION, 0.08, e); }
static gboolean edit_rsa_recipients (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, ei_line, TRJ_LINE_FIELD_RSA_RECIPIENTS, 4, e); }
static gboolean edit_rsa_months (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, ei_line, TRJ_LINE_FIELD_RSA_MONTHS, 6, e); }
static gboolean edit_commitment (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, ei_line, TRJ_LINE_FIELD_COMMITMENT_MONTH, 3, e); }
static gboolean edit_payment_profile (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_month (wb, s, ei_line, TRJ_LINE_MONTHS_PAYMENT_PROFILE, 5, 3, e); }
static gboolean edit_ae_amount (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_number (wb, s, free_line, TRJ_LINE_FIELD_AE_AMOUNT, 250000, e); }
static gboolean edit_cp_schedule (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_line_month (wb, s, free_line, TRJ_LINE_MONTHS_CP_SCHEDULE, 6, 80000, e); }
static gboolean edit_reset_previous (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_reset_line_months (wb, s, "cie-jeunes", TRJ_LINE_MONTHS_PREVIOUS_ENTRIES, e); }
static gboolean edit_includes_stock (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_envelope_number (wb, s, "PEC_CIE_TP", TRJ_ENVELOPE_FIELD_CP_INCLUDES_STOCK, 1, e); }
static gboolean edit_previous_modulation (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_envelope_number (wb, s, "IAE", TRJ_ENVELOPE_FIELD_PREVIOUS_MODULATION_CP, 3000, e); }
static gboolean edit_weeks (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_reference_value (wb, s, TRJ_REFERENCE_WEEKS_PER_MONTH, 4.33, e); }
static gboolean edit_fungibility_cp (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_fungibility (wb, s, TRJ_FUNGIBILITY_TRANSFER_CP, 30000, e); }
static gboolean edit_ae_notified (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_envelope_number (wb, s, "PEC_CIE_TP", TRJ_ENVELOPE_FIELD_AE_NOTIFIED, 7e6, e); }
static gboolean edit_cp_notified (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_envelope_number (wb, s, "CIE_JEUNES", TRJ_ENVELOPE_FIELD_CP_NOTIFIED, 1.5e6, e); }
static gboolean edit_volume_notified (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_envelope_number (wb, s, "PEC_CIE_TP", TRJ_ENVELOPE_FIELD_VOLUME_NOTIFIED, 1300, e); }
static gboolean edit_add_line (TrjWorkbook *wb, gint64 s, GError **e)
{ g_autofree char *id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, 0, e); return id != NULL; }
static gboolean edit_duplicate_line (TrjWorkbook *wb, gint64 s, GError **e)
{ g_autofree char *id = trj_workbook_duplicate_line (wb, s, "pec", e); return id != NULL; }
static gboolean edit_remove_line (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_remove_line (wb, s, "pec", e); }
static gboolean edit_move_line (TrjWorkbook *wb, gint64 s, GError **e)
{
  g_autofree char *id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, -1, e);
  /* The move alone is the step under test: commit the add first. */
  return id != NULL && trj_workbook_move_line (wb, s, id, 0, e);
}
static gboolean edit_add_envelope (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_add_envelope (wb, s, "FDI", e); }
static gboolean edit_remove_envelope (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_remove_envelope (wb, s, "CIE_JEUNES", e); }
static gboolean edit_fungibility (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_fungibility (wb, s, TRJ_FUNGIBILITY_TRANSFER_AE, 100000, e); }
static gboolean edit_territorial (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_fungibility (wb, s, TRJ_FUNGIBILITY_TERRITORIAL_AE, 20000, e); }
static gboolean edit_demandes (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_fungibility (wb, s, TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES, 350000, e); }
static gboolean edit_territorial_source (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_territorial_source (wb, s, "IAE", e); }
static gboolean edit_demande_reason (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_demande_reason (wb, s, "IAE", "Extension de l’ACI de Brest", e); }
static gboolean edit_smic (TrjWorkbook *wb, gint64 s, GError **e)
{
  TrjRefPoint points[] = { { 20230101, 11.27 }, { 20240101, 11.80 } };
  TrjSeries series = { points, G_N_ELEMENTS (points) };
  return trj_workbook_set_reference_series (wb, s, TRJ_REFERENCE_SMIC_HOURLY, &series, e);
}
static gboolean edit_cd_share (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_set_reference_value (wb, s, TRJ_REFERENCE_CD_SHARE, 0.9, e); }
static gboolean edit_create_scenario (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_create_scenario (wb, "Variante", e) != 0; }
static gboolean edit_duplicate_scenario (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_duplicate_scenario (wb, s, NULL, e) != 0; }
static gboolean edit_rename_scenario (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_rename_scenario (wb, s, "Hypothèse haute", e); }
static gboolean edit_delete_scenario (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_delete_scenario (wb, s, e); }
static gboolean edit_move_scenario (TrjWorkbook *wb, gint64 s, GError **e)
{ return trj_workbook_move_scenario (wb, s, 2, e); }
static gboolean edit_batch (TrjWorkbook *wb, gint64 s, GError **e)
{
  g_autofree char *id = NULL;

  trj_workbook_begin_batch (wb, "Coller");
  for (guint m = 0; m < TRJ_MONTHS; m++)
    if (!trj_workbook_set_line_month (wb, s, "cie-jeunes", TRJ_LINE_MONTHS_ENTRIES, m, 10 + m, e))
      {
        trj_workbook_cancel_batch (wb);
        return FALSE;
      }
  id = trj_workbook_add_line (wb, s, "CIE_JEUNES", TRJ_KIND_CIE_JEUNES, -1, e);
  return id != NULL && trj_workbook_end_batch (wb, e);
}

static const struct {
  const char *name;
  EditFunc func;
  const char *label;        /* the undo label expected (English msgid) */
  gboolean three_scenarios; /* needs more scenarios around (delete, move) */
} edits[] = {
  { "label", edit_label, "Rename line" },
  { "departement", edit_departement, "Change département" },
  { "note", edit_note, "Change note" },
  { "prescriber", edit_prescriber, "Change prescriber" },
  { "kind", edit_kind, "Change kind" },
  { "rate", edit_rate, "Change rate" },
  { "hours", edit_hours, "Change weekly hours" },
  { "duration", edit_duration, "Change duration" },
  { "cofinanced", edit_cofinanced, "Change cofinanced share" },
  { "lag", edit_lag, "Change payment lag" },
  { "volume", edit_volume, "Change volume" },
  { "entries-mode", edit_mode, "Change entry mode" },
  { "entry", edit_entry, "Change entries" },
  { "previous-entry", edit_previous, "Change last year’s entries" },
  { "profile", edit_profile, "Change profile" },
  { "quantity", edit_quantity, "Change quantity" },
  { "unit-amount", edit_unit_amount, "Change unit amount" },
  { "modulation", edit_modulation, "Change modulated share" },
  { "rsa-recipients", edit_rsa_recipients, "Change RSA recipients" },
  { "rsa-months", edit_rsa_months, "Change RSA months" },
  { "commitment", edit_commitment, "Change commitment month" },
  { "payment-profile", edit_payment_profile, "Change payment profile" },
  { "ae-amount", edit_ae_amount, "Change AE amount" },
  { "cp-schedule", edit_cp_schedule, "Change CP schedule" },
  { "reset-previous", edit_reset_previous, "Change last year’s entries" },
  { "includes-stock", edit_includes_stock, "Change CP scope" },
  { "previous-modulation", edit_previous_modulation, "Change last year’s modulated part" },
  { "weeks", edit_weeks, "Change weeks per month" },
  { "fungibility-cp", edit_fungibility_cp, "Change CIE jeunes → PEC transfer" },
  { "ae-notified", edit_ae_notified, "Change notified AE" },
  { "cp-notified", edit_cp_notified, "Change notified CP" },
  { "volume-notified", edit_volume_notified, "Change notified volume" },
  { "add-line", edit_add_line, "Add line" },
  { "duplicate-line", edit_duplicate_line, "Duplicate line" },
  { "remove-line", edit_remove_line, "Remove line" },
  { "move-line", edit_move_line, "Move line" },
  { "add-envelope", edit_add_envelope, "Add envelope" },
  { "remove-envelope", edit_remove_envelope, "Remove envelope" },
  { "fungibility", edit_fungibility, "Change CIE jeunes → PEC transfer" },
  { "territorial", edit_territorial, "Change initiatives territoriales" },
  { "demandes", edit_demandes, "Change demandes complémentaires" },
  { "territorial-source", edit_territorial_source, "Change the source of initiatives territoriales" },
  { "demande-reason", edit_demande_reason, "Change the reason of the demande complémentaire" },
  { "smic", edit_smic, "Change SMIC" },
  { "cd-share", edit_cd_share, "Change département share of the RSA" },
  { "create-scenario", edit_create_scenario, "New scenario" },
  { "duplicate-scenario", edit_duplicate_scenario, "Duplicate scenario" },
  { "rename-scenario", edit_rename_scenario, "Rename scenario" },
  { "delete-scenario", edit_delete_scenario, "Delete scenario", TRUE },
  { "move-scenario", edit_move_scenario, "Move scenario", TRUE },
  { "batch", edit_batch, "Coller" },
};

static void
count_changed (TrjWorkbook *wb, gint64 scenario, guint changes, const char *line, guint *n)
{
  (*n)++;
}

/* Each line read alone (trj_workbook_get_line, what the window does after
 * a one-line edit) is the line of the whole snapshot: the scenario with
 * every line replaced by its lone reading exports the same JSON. */
static void
assert_lines_read_alone (TrjWorkbook *wb, gint64 s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) snapshot = trj_workbook_get_scenario (wb, s, &error);
  g_autofree char *whole = NULL, *alone = NULL;

  g_assert_no_error (error);
  whole = trj_json_scenario_to_data (snapshot);
  for (guint e = 0; e < snapshot->envelopes->len; e++)
    {
      TrjEnvelope *env = snapshot->envelopes->pdata[e];

      for (guint l = 0; l < env->lines->len; l++)
        {
          TrjLine *line = env->lines->pdata[l];
          TrjLine *fresh = trj_workbook_get_line (wb, s, line->id, &error);

          g_assert_no_error (error);
          g_assert_nonnull (fresh);
          env->lines->pdata[l] = fresh;
          trj_line_free (line);
        }
    }
  alone = trj_json_scenario_to_data (snapshot);
  g_assert_cmpstr (alone, ==, whole);
  g_assert_null (trj_workbook_get_line (wb, s, "no-such-line", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
}

static void
test_edit_undo_redo (Fixture *f, gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "edit.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);
  g_autofree char *before = NULL, *after = NULL, *undone = NULL, *redone = NULL;
  guint n_changed = 0;

  if (edits[i].three_scenarios)
    {
      g_assert_cmpint (trj_workbook_duplicate_scenario (wb, s, "B", &error), !=, 0);
      g_assert_cmpint (trj_workbook_duplicate_scenario (wb, s, "C", &error), !=, 0);
      g_assert_no_error (error);
    }
  /* Lines in every shape so that each edit has something to change. */
  g_assert_true (trj_workbook_set_line_month (wb, s, "cie-jeunes", TRJ_LINE_MONTHS_PREVIOUS_ENTRIES,
                                              0, 3, &error));
  /* A new workbook has the IAE envelope already (trj_year_data_example). */
  g_clear_pointer (&ei_line, g_free);
  g_clear_pointer (&free_line, g_free);
  ei_line = trj_workbook_add_line (wb, s, "IAE", TRJ_KIND_EI, -1, &error);
  free_line = trj_workbook_add_line (wb, s, "IAE", TRJ_KIND_FREE, -1, &error);
  g_assert_no_error (error);

  before = dump (wb);
  g_signal_connect (wb, "changed", G_CALLBACK (count_changed), &n_changed);
  /* move-line commits an add first: the state before is after that. */
  if (edits[i].func == edit_move_line)
    {
      g_autofree char *id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, -1, &error);
      g_assert_no_error (error);
      g_free (before);
      before = dump (wb);
      g_assert_true (trj_workbook_move_line (wb, s, id, 0, &error));
      n_changed = 1;
    }
  else
    g_assert_true (edits[i].func (wb, s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  assert_lines_read_alone (wb, trj_workbook_get_current_scenario (wb));
  after = dump (wb);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (trj_workbook_can_undo (wb));
  g_assert_false (trj_workbook_can_redo (wb));
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, edits[i].label);

  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_no_error (error);
  undone = dump (wb);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (trj_workbook_can_redo (wb));
  g_assert_cmpstr (trj_workbook_get_redo_label (wb), ==, edits[i].label);

  g_assert_true (trj_workbook_redo (wb, &error));
  g_assert_no_error (error);
  redone = dump (wb);
  g_assert_cmpstr (redone, ==, after);
  g_assert_false (trj_workbook_can_redo (wb));
  g_assert_cmpuint (n_changed, ==, 3);
}

/* ── Versions sent (MODEL 9) ─────────────────────────────────────────── */

/* Every edit of a sent scenario is refused by the store, which changes
 * nothing; only creating, duplicating and moving in the list go through. */
static void
test_sent_refuses (Fixture *f, gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "sent.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);
  g_autofree char *before = NULL, *after = NULL;
  gboolean allowed = edits[i].func == edit_create_scenario ||
                     edits[i].func == edit_duplicate_scenario ||
                     edits[i].func == edit_move_scenario;

  if (edits[i].three_scenarios)
    {
      g_assert_cmpint (trj_workbook_duplicate_scenario (wb, s, "B", &error), !=, 0);
      g_assert_cmpint (trj_workbook_duplicate_scenario (wb, s, "C", &error), !=, 0);
      g_assert_no_error (error);
    }
  /* A new workbook has the IAE envelope already (trj_year_data_example). */
  g_clear_pointer (&ei_line, g_free);
  g_clear_pointer (&free_line, g_free);
  ei_line = trj_workbook_add_line (wb, s, "IAE", TRJ_KIND_EI, -1, &error);
  free_line = trj_workbook_add_line (wb, s, "IAE", TRJ_KIND_FREE, -1, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_mark_sent (wb, s, TRJ_SENT_PROGRAMMATION, "2024-03-15", NULL, &error));
  g_assert_no_error (error);

  before = dump (wb);
  if (allowed)
    {
      g_assert_true (edits[i].func (wb, s, &error));
      g_assert_no_error (error);
      g_assert_true (trj_workbook_is_frozen (wb, s));
      return;
    }
  g_assert_false (edits[i].func (wb, s, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN);
  g_assert_nonnull (strstr (error->message, "15/03/2024"));
  after = dump (wb);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (trj_workbook_is_frozen (wb, s));
}

static void
test_sent (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "history.trajectoire");
  g_autofree char *path = fixture_path (f, "history.trajectoire");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(TrjSentVersion) sent = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb), copy, reprog;
  g_autofree char *name = NULL;
  char *message = NULL;

  g_assert_cmpint (trj_workbook_get_last_sent (wb), ==, 0);
  history = trj_workbook_list_sent (wb, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);
  /* An edit made before sending: its undo must not reach the sent version. */
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.45, &error));

  /* Refused: not a date, an unknown scenario. Nothing is recorded. */
  g_assert_false (trj_workbook_mark_sent (wb, s, TRJ_SENT_PROGRAMMATION, "15/03/2024", NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_mark_sent (wb, s, TRJ_SENT_PROGRAMMATION, "2024-02-30", NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_mark_sent (wb, 999, TRJ_SENT_PROGRAMMATION, NULL, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (trj_workbook_is_frozen (wb, s));

  g_assert_true (trj_workbook_mark_sent (wb, s, TRJ_SENT_PROGRAMMATION, "2024-03-15",
                                         "Programmation initiale", &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_is_frozen (wb, s));
  g_assert_cmpint (trj_workbook_get_last_sent (wb), ==, s);
  /* Sending is not an undo step: undo is still the rate, and is refused. */
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Change rate");
  before = dump (wb);
  g_assert_false (trj_workbook_undo (wb, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN);
  g_clear_error (&error);
  /* Twice is refused. */
  g_assert_false (trj_workbook_mark_sent (wb, s, TRJ_SENT_REMONTEE, NULL, NULL, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN);
  g_clear_error (&error);

  /* The file refuses it too, whatever runs the SQL. */
  g_assert_cmpint (sqlite3_exec (wb->db, "UPDATE line SET rate = 0.3", NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, TRJ_WORKBOOK_FROZEN_MARK));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (wb->db, "INSERT INTO line_month SELECT id, 0, 0, 1 FROM line LIMIT 1",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (wb->db, "DELETE FROM line", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (wb->db, "DELETE FROM envelope", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (wb->db, "UPDATE scenario SET name = 'X'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (wb->db, "DELETE FROM scenario", NULL, NULL, NULL), !=, SQLITE_OK);
  after = dump (wb);
  g_assert_cmpstr (after, ==, before);

  /* Duplicated into a working scenario, which edits as usual. */
  copy = trj_workbook_duplicate_scenario (wb, s, "Travail", &error);
  g_assert_no_error (error);
  g_assert_false (trj_workbook_is_frozen (wb, copy));
  g_assert_true (trj_workbook_set_line_number (wb, copy, "pec", TRJ_LINE_FIELD_RATE, 0.4, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (find_line (wb, copy, "pec")->rate, ==, 0.4);
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.45);
  g_assert_true (trj_workbook_mark_sent (wb, copy, TRJ_SENT_REPROGRAMMATION, "2024-07-01", NULL, &error));
  reprog = copy;
  g_assert_cmpint (trj_workbook_get_last_sent (wb), ==, reprog);

  /* The history survives closing, in the order sent. */
  g_clear_object (&wb);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  history = trj_workbook_list_sent (wb, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  sent = g_ptr_array_steal_index (history, 0);
  g_assert_cmpint (sent->scenario, ==, s);
  g_assert_cmpint (sent->kind, ==, TRJ_SENT_PROGRAMMATION);
  g_assert_cmpstr (sent->date, ==, "2024-03-15");
  g_assert_cmpstr (sent->comment, ==, "Programmation initiale");
  name = trj_workbook_get_scenario_name (wb, s);
  g_assert_cmpstr (sent->scenario_name, ==, name);
  g_assert_cmpint (((TrjSentVersion *) g_ptr_array_index (history, 0))->kind, ==, TRJ_SENT_REPROGRAMMATION);
  g_assert_cmpstr (((TrjSentVersion *) g_ptr_array_index (history, 0))->comment, ==, "");
  g_assert_false (trj_workbook_set_line_number (wb, reprog, "pec", TRJ_LINE_FIELD_RATE, 0.5, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_FROZEN);
  g_clear_error (&error);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A tampered history row is refused on read. */
  g_assert_cmpint (sqlite3_exec (wb->db, "UPDATE sent_version SET kind = 'envoi' WHERE scenario = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_null (trj_workbook_list_sent (wb, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_test_message ("refused: %s", error->message);
}

/* Values land where they should (hand-checked, not only "something changed"). */
/* A note per line (issue 13): stored, trimmed to none when empty, kept by a
 * duplicate, carried by JSON both ways, refused whole beyond the text limit
 * or as invalid UTF-8 with the note before left as it was. */
static void
test_line_note (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "note.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);
  g_autofree char *copy = NULL, *json = NULL, *too_long = g_strnfill (TRJ_CATALOG_MAX_TEXT + 1, 'x');
  g_autoptr(TrjScenario) snapshot = NULL, read = NULL;
  gint64 imported;
  const TrjLine *line;

  g_assert_null (find_line (wb, s, "pec")->note);
  g_assert_true (trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_NOTE,
                                             "Volume « à confirmer » ; voir juin", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (find_line (wb, s, "pec")->note, ==, "Volume « à confirmer » ; voir juin");
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Change note");

  g_assert_false (trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_NOTE, too_long, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_NOTE, "caf\xc3", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (find_line (wb, s, "pec")->note, ==, "Volume « à confirmer » ; voir juin");

  copy = trj_workbook_duplicate_line (wb, s, "pec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_line (wb, s, copy)->note, ==, "Volume « à confirmer » ; voir juin");

  /* JSON out and back in as another scenario. */
  snapshot = trj_workbook_get_scenario (wb, s, &error);
  g_assert_no_error (error);
  json = trj_json_scenario_to_data (snapshot);
  g_assert_nonnull (strstr (json, "\"note\": \"Volume « à confirmer » ; voir juin\""));
  read = trj_json_scenario_from_data (json, -1, &error);
  g_assert_no_error (error);
  imported = trj_workbook_import_scenario (wb, read, "Importé", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_line (wb, imported, "pec")->note, ==, "Volume « à confirmer » ; voir juin");

  /* Emptied, the note is none, and undo brings it back. */
  g_assert_true (trj_workbook_set_line_text (wb, s, "pec", TRJ_LINE_FIELD_NOTE, "", &error));
  line = find_line (wb, s, "pec");
  g_assert_null (line->note);
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_cmpstr (find_line (wb, s, "pec")->note, ==, "Volume « à confirmer » ; voir juin");
}

static void
test_edit_values (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "values.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);
  const TrjLine *line = find_line (wb, s, "pec");
  double volume = line->volume;
  g_autofree char *added = NULL;

  g_assert_cmpint (line->entries_mode, ==, TRJ_ENTRIES_VOLUME);
  /* The calibrated profile of a new workbook (MODEL 2.7). */
  g_assert_true (line->has_profile);
  g_assert_cmpfloat_with_epsilon (line->entries[0], volume * line->profile[0] / 12, 1e-9);

  /* Editing one month of a volume line makes it monthly, keeping the others. */
  g_assert_true (trj_workbook_set_line_month (wb, s, "pec", TRJ_LINE_MONTHS_ENTRIES, 0, 100, &error));
  line = find_line (wb, s, "pec");
  g_assert_cmpint (line->entries_mode, ==, TRJ_ENTRIES_MONTHLY);
  g_assert_cmpfloat (line->entries[0], ==, 100);
  g_assert_cmpfloat_with_epsilon (line->entries[1], volume * line->profile[1] / 12, 1e-9);

  /* Volume on a monthly line scales the entries: 100 + 11 × 50 = 650 → 1300. */
  for (guint m = 1; m < TRJ_MONTHS; m++)
    g_assert_true (trj_workbook_set_line_month (wb, s, "pec", TRJ_LINE_MONTHS_ENTRIES, m, 50, &error));
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_VOLUME, 1300, &error));
  line = find_line (wb, s, "pec");
  g_assert_cmpfloat_with_epsilon (line->entries[0], 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (line->entries[5], 100, 1e-9);

  /* Back to volume mode: volume 1300, profile = the entries. */
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_ENTRIES_MODE,
                                               TRJ_ENTRIES_VOLUME, &error));
  line = find_line (wb, s, "pec");
  g_assert_cmpint (line->entries_mode, ==, TRJ_ENTRIES_VOLUME);
  g_assert_cmpfloat_with_epsilon (line->volume, 1300, 1e-9);
  g_assert_true (line->has_profile);
  g_assert_cmpfloat_with_epsilon (line->entries[0], 200, 1e-9);

  /* Limits are refused with the value untouched. */
  g_assert_false (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 1.4, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0, &error));
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS, 1.5, &error));
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_month (wb, s, "pec", TRJ_LINE_MONTHS_ENTRIES, 2, -1, &error));
  g_clear_error (&error);
  g_assert_false (trj_workbook_set_line_number (wb, s, "nope", TRJ_LINE_FIELD_RATE, 0.5, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    const double zero[TRJ_MONTHS] = { 0 };
    g_assert_false (trj_workbook_set_line_months (wb, s, "pec", TRJ_LINE_MONTHS_PROFILE, zero, &error));
    g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
    g_clear_error (&error);
  }
  line = find_line (wb, s, "pec");
  g_assert_cmpfloat (line->rate, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (line->entries[0], 200, 1e-9);

  /* The catalogue's limits, not the store's own: RSA cofinancing over at most
   * 12 months, a CP schedule never below zero (MODEL 2.1). */
  {
    g_autofree char *ei = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_EI, -1, &error);
    g_autofree char *libre = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_FREE, -1, &error);

    g_assert_no_error (error);
    g_assert_true (trj_workbook_set_line_number (wb, s, ei, TRJ_LINE_FIELD_RSA_MONTHS, 12, &error));
    g_assert_false (trj_workbook_set_line_number (wb, s, ei, TRJ_LINE_FIELD_RSA_MONTHS, 13, &error));
    g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "13"));
    g_assert_nonnull (strstr (error->message, "12"));
    g_clear_error (&error);
    g_assert_cmpfloat (find_line (wb, s, ei)->rsa_months, ==, 12);
    g_assert_true (trj_workbook_set_line_month (wb, s, libre, TRJ_LINE_MONTHS_CP_SCHEDULE, 3, 500, &error));
    g_assert_false (trj_workbook_set_line_month (wb, s, libre, TRJ_LINE_MONTHS_CP_SCHEDULE, 4, -1, &error));
    g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpfloat (find_line (wb, s, libre)->cp_schedule[3], ==, 500);
    g_assert_cmpfloat (find_line (wb, s, libre)->cp_schedule[4], ==, 0);
    g_assert_true (trj_workbook_remove_line (wb, s, ei, &error));
    g_assert_true (trj_workbook_remove_line (wb, s, libre, &error));
    g_assert_no_error (error);
  }

  /* A new line takes the circular's averages (PEC métropole 50 %, 25 h, 9.9 months, 15 %). */
  added = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, 0, &error);
  g_assert_no_error (error);
  line = find_line (wb, s, added);
  g_assert_cmpfloat (line->rate, ==, 0.5);
  g_assert_cmpfloat (line->weekly_hours, ==, 25);
  g_assert_cmpfloat (line->duration_months, ==, 9.9);
  g_assert_cmpfloat (line->cofinanced_share, ==, 0.15);
  g_assert_cmpint (line->payment_lag_months, ==, 1);

  /* Post-aid defaults: unit amount back to the table with NAN. */
  g_assert_true (trj_workbook_set_line_number (wb, s, added, TRJ_LINE_FIELD_UNIT_AMOUNT, 9000, &error));
  g_assert_true (find_line (wb, s, added)->has_unit_amount);
  g_assert_true (trj_workbook_set_line_number (wb, s, added, TRJ_LINE_FIELD_UNIT_AMOUNT, NAN, &error));
  g_assert_false (find_line (wb, s, added)->has_unit_amount);
  g_assert_no_error (error);
  {
    /* A post-aid line without a typed amount computes with the year's table
     * (ACI, métropole: 23 458 € per ETP), not with 0. */
    g_autofree char *aci = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_ACI, 0, &error);

    g_assert_no_error (error);
    g_assert_false (find_line (wb, s, aci)->has_unit_amount);
    g_assert_cmpfloat (find_line (wb, s, aci)->unit_amount, ==, 23458);
  }

  /* Scenario names are unique; the last one cannot go. */
  g_assert_cmpint (trj_workbook_create_scenario (wb, "Initial scenario", &error), ==, 0);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_delete_scenario (wb, s, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
}

/* A failed edit inside a batch leaves the rest of the batch; cancel drops all. */
static void
test_batch (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "batch.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);
  g_autofree char *before = dump (wb);
  g_autofree char *after = NULL;

  trj_workbook_begin_batch (wb, "Coller");
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.4, &error));
  g_assert_false (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 4, &error));
  g_clear_error (&error);
  trj_workbook_begin_batch (wb, "inner");
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_WEEKLY_HOURS, 30, &error));
  g_assert_true (trj_workbook_end_batch (wb, &error));
  g_assert_false (trj_workbook_can_undo (wb));   /* nothing committed yet */
  g_assert_true (trj_workbook_end_batch (wb, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.4);
  g_assert_cmpfloat (find_line (wb, s, "pec")->weekly_hours, ==, 30);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Coller");
  g_assert_true (trj_workbook_undo (wb, &error));
  after = dump (wb);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (trj_workbook_can_undo (wb));

  trj_workbook_begin_batch (wb, "Coller");
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.4, &error));
  trj_workbook_cancel_batch (wb);
  g_free (after);
  after = dump (wb);
  g_assert_cmpstr (after, ==, before);
  /* The redo stack survives a cancelled batch, since nothing was committed. */
  g_assert_true (trj_workbook_can_redo (wb));
}

/* ── Undo history survives reopening ──────────────────────────────────── */

static void
test_undo_after_reopen (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path (f, "reopen.trajectoire");
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "reopen.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);
  g_autofree char *s0 = dump (wb), *s1 = NULL, *s2 = NULL, *s3 = NULL, *now = NULL;

  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.42, &error));
  s1 = dump (wb);
  g_assert_true (trj_workbook_remove_line (wb, s, "cie-jeunes", &error));
  s2 = dump (wb);
  g_assert_cmpint (trj_workbook_duplicate_scenario (wb, s, "Copie", &error), !=, 0);
  s3 = dump (wb);
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_no_error (error);
  g_clear_object (&wb);

  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  now = dump (wb);
  g_assert_cmpstr (now, ==, s2);
  g_assert_true (trj_workbook_can_undo (wb));
  g_assert_true (trj_workbook_can_redo (wb));
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Remove line");
  g_assert_cmpstr (trj_workbook_get_redo_label (wb), ==, "Duplicate scenario");
  g_assert_true (trj_workbook_redo (wb, &error));
  g_free (now);
  now = dump (wb);
  g_assert_cmpstr (now, ==, s3);
  g_clear_object (&wb);

  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    g_assert_true (trj_workbook_undo (wb, &error));
  g_free (now);
  now = dump (wb);
  g_assert_cmpstr (now, ==, s0);
  g_assert_false (trj_workbook_can_undo (wb));
  g_assert_false (trj_workbook_undo (wb, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A new edit drops the redo stack. */
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.55, &error));
  g_assert_false (trj_workbook_can_redo (wb));
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.55);
  g_assert_nonnull (s1);
}

/* Undo refuses, and changes nothing, when the rows are not as the step left them. */
static void
test_undo_mismatch (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "tampered.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);
  g_autofree char *before = NULL, *after = NULL;
  sqlite3 *db;

  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.45, &error));
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_WEEKLY_HOURS, 21, &error));
  /* Someone changes the row behind the store's back. */
  g_assert_cmpint (sqlite3_open (trj_workbook_get_path (wb), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE line SET weekly_hours = 22 WHERE key = 'pec'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = dump (wb);

  g_assert_false (trj_workbook_undo (wb, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_clear_error (&error);
  after = dump (wb);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpfloat (find_line (wb, s, "pec")->weekly_hours, ==, 22);
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.45);
  g_assert_true (trj_workbook_can_undo (wb));
  g_assert_false (trj_workbook_can_redo (wb));
}

/* ── Import and export ────────────────────────────────────────────────── */

static void
test_import_export (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "import.trajectoire");
  g_autoptr(GError) error = NULL;
  /* Every shape MODEL.md 7 allows: volume and monthly entries, previous
   * entries, profile, overrides, fungibility. */
  g_autofree char *rich = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-rich-scenario.json", NULL);
  g_autoptr(TrjScenario) in = trj_json_scenario_from_file (rich, &error);
  g_autoptr(TrjScenario) out = NULL;
  g_autoptr(TrjScenario) copy = NULL;
  g_autofree char *expected = NULL, *got = NULL, *got_copy = NULL;
  gint64 id, dup;

  g_assert_no_error (error);
  expected = trj_json_scenario_to_data (in);
  id = trj_workbook_import_scenario (wb, in, "Importé", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Import scenario");
  out = trj_workbook_get_scenario (wb, id, &error);
  g_assert_no_error (error);
  got = trj_json_scenario_to_data (out);
  g_assert_cmpstr (got, ==, expected);

  /* Duplicating keeps everything too, line ids included. */
  dup = trj_workbook_duplicate_scenario (wb, id, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *name = trj_workbook_get_scenario_name (wb, dup);
    g_assert_cmpstr (name, ==, "Importé (copy)");
  }
  copy = trj_workbook_get_scenario (wb, dup, &error);
  got_copy = trj_json_scenario_to_data (copy);
  g_assert_cmpstr (got_copy, ==, expected);

  /* Values outside the hard limits are refused, with the key path. */
  ((TrjLine *) g_ptr_array_index (((TrjEnvelope *) g_ptr_array_index (out->envelopes, 0))->lines, 1))->rate = 1.4;
  g_assert_cmpint (trj_workbook_import_scenario (wb, out, "Faux", &error), ==, 0);
  g_assert_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID);
  g_assert_true (strstr (error->message, "envelopes[0].lines[1].rate") != NULL);
  g_clear_error (&error);
  g_assert_cmpint (trj_workbook_find_scenario (wb, "Faux"), ==, 0);

  /* Another region is refused. */
  g_free (out->region);
  out->region = g_strdup ("Normandie");
  g_assert_cmpint (trj_workbook_import_scenario (wb, out, "Autre", &error), ==, 0);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
}

/* ── Save a copy ──────────────────────────────────────────────────────── */

static void
test_save_copy (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "orig.trajectoire");
  g_autoptr(TrjWorkbook) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "copie.trajectoire");
  g_autofree char *a = NULL, *b = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb);

  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.41, &error));
  g_assert_true (trj_workbook_save_copy (wb, path, &error));
  g_assert_no_error (error);
  g_assert_false (trj_workbook_save_copy (wb, path, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_EXISTS);
  g_clear_error (&error);

  copy = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (trj_workbook_is_read_only (copy));
  a = dump (wb);
  b = dump (copy);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (trj_workbook_get_undo_label (copy), ==, "Change rate");
  /* The original stays on its own file. */
  g_assert_true (trj_workbook_undo (copy, &error));
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.41);
  g_assert_cmpfloat (find_line (copy, s, "pec")->rate, ==, 0.5);
}

/* ── Saved profiles (MODEL 2.7) ───────────────────────────────────────── */

static void
count_profiles (TrjWorkbook *wb, guint *n)
{
  (*n)++;
}

/* Saved, replaced, read back after reopening; refused on save when the name
 * or a weight is bad, and a file holding a bad one refused at open, naming it. */
static void
test_profiles (Fixture *f, gconstpointer data)
{
  static const double autumn[TRJ_MONTHS] = { 1, 1, 1, 1, 1, 1, 0, 0, 4, 3, 1, 0.5 };
  static const double spring[TRJ_MONTHS] = { 0, 2, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "profils.trajectoire");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "profils.trajectoire");
  g_autofree char *long_name = NULL;
  g_autofree char *message = NULL;
  double bad[TRJ_MONTHS] = { 0 };
  const TrjSavedProfile *p;
  GPtrArray *list;
  guint notified = 0;
  sqlite3 *db = NULL;

  g_signal_connect (wb, "profiles-changed", G_CALLBACK (count_profiles), &notified);
  g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 0);
  g_assert_true (trj_workbook_save_profile (wb, "Rentrée", autumn, &error));
  g_assert_no_error (error);
  g_assert_true (trj_workbook_save_profile (wb, "Printemps 29", autumn, &error));
  /* The same name replaces. */
  g_assert_true (trj_workbook_save_profile (wb, "Printemps 29", spring, &error));
  g_assert_cmpuint (notified, ==, 3);

  /* Refused, and nothing changes. */
  g_assert_false (trj_workbook_save_profile (wb, "  ", autumn, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  long_name = g_strnfill (TRJ_WORKBOOK_PROFILE_NAME_MAX + 1, 'a');
  g_assert_false (trj_workbook_save_profile (wb, long_name, autumn, &error));
  g_assert_nonnull (strstr (error->message, "60"));
  g_clear_error (&error);
  g_assert_false (trj_workbook_save_profile (wb, "Vide", bad, &error));
  g_clear_error (&error);
  bad[3] = NAN;
  g_assert_false (trj_workbook_save_profile (wb, "NaN", bad, &error));
  g_assert_nonnull (strstr (error->message, "4"));
  g_clear_error (&error);
  bad[3] = -1;
  g_assert_false (trj_workbook_save_profile (wb, "Négatif", bad, &error));
  g_clear_error (&error);
  g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 2);
  g_assert_cmpuint (notified, ==, 3);

  /* Reopened: the same two, sorted by name, weights to the bit. */
  g_clear_object (&wb);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  list = trj_workbook_get_profiles (wb);
  g_assert_cmpuint (list->len, ==, 2);
  p = g_ptr_array_index (list, 0);
  g_assert_cmpstr (p->name, ==, "Printemps 29");
  g_assert_cmpmem (p->weights, sizeof p->weights, spring, sizeof spring);
  p = g_ptr_array_index (list, 1);
  g_assert_cmpstr (p->name, ==, "Rentrée");
  g_assert_cmpmem (p->weights, sizeof p->weights, autumn, sizeof autumn);
  g_clear_object (&wb);

  /* An untrusted file: 11 weights, then a weight over the limit, then a
   * name too long: each refused at open, naming the row. */
  for (guint i = 0; i < 3; i++)
    {
      static const char *const rows[] = {
        "INSERT OR REPLACE INTO meta VALUES ('profile:Court', '1;1;1;1;1;1;1;1;1;1;1')",
        "INSERT OR REPLACE INTO meta VALUES ('profile:Court', '1;1;1;1;1;1;1;1;1;1;1;1e300')",
        NULL,
      };
      g_autofree char *sql = i < 2 ? g_strdup (rows[i])
        : g_strdup_printf ("INSERT OR REPLACE INTO meta VALUES ('profile:%s', '1;1;1;1;1;1;1;1;1;1;1;1')", long_name);

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "DELETE FROM meta WHERE key = 'profile:Court'", NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      wb = trj_workbook_open (path, &error);
      g_assert_null (wb);
      g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, i < 2 ? "profile:Court" : "profile:aaa"));
      g_clear_error (&error);
      if (i == 2)
        {
          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          message = g_strdup_printf ("DELETE FROM meta WHERE key = 'profile:%s'", long_name);
          g_assert_cmpint (sqlite3_exec (db, message, NULL, NULL, NULL), ==, SQLITE_OK);
          sqlite3_close (db);
        }
    }
  /* Put right, the file opens again. */
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 2);
}

/* Renamed and deleted: kept after reopening; a rename onto another profile's
 * name, to a bad name or from a name not saved is refused and changes nothing. */
static void
test_profiles_rename_delete (Fixture *f, gconstpointer data)
{
  static const double autumn[TRJ_MONTHS] = { 1, 1, 1, 1, 1, 1, 0, 0, 4, 3, 1, 0.5 };
  static const double spring[TRJ_MONTHS] = { 0, 2, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "profils-renommes.trajectoire");
  g_autofree char *path = fixture_path (f, "profils-renommes.trajectoire");
  g_autoptr(GError) error = NULL;
  const TrjSavedProfile *p;
  GPtrArray *list;
  guint notified = 0;

  g_assert_true (trj_workbook_save_profile (wb, "Rentrée", autumn, &error));
  g_assert_true (trj_workbook_save_profile (wb, "Printemps", spring, &error));
  g_assert_no_error (error);
  g_signal_connect (wb, "profiles-changed", G_CALLBACK (count_profiles), &notified);

  /* Refused: onto an existing name, an empty name, a name never saved. */
  g_assert_false (trj_workbook_rename_profile (wb, "Rentrée", "Printemps", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Printemps"));
  g_clear_error (&error);
  g_assert_false (trj_workbook_rename_profile (wb, "Rentrée", " ", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trj_workbook_rename_profile (wb, "Été", "Juillet", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (trj_workbook_delete_profile (wb, "Été", &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpuint (trj_workbook_get_profiles (wb)->len, ==, 2);

  /* Renamed: the weights follow the name, the list stays sorted. */
  g_assert_true (trj_workbook_rename_profile (wb, "Rentrée", "Automne 35", &error));
  g_assert_no_error (error);
  list = trj_workbook_get_profiles (wb);
  g_assert_cmpuint (list->len, ==, 2);
  p = g_ptr_array_index (list, 0);
  g_assert_cmpstr (p->name, ==, "Automne 35");
  g_assert_cmpmem (p->weights, sizeof p->weights, autumn, sizeof autumn);

  /* Deleted. */
  g_assert_true (trj_workbook_delete_profile (wb, "Printemps", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 2);

  /* Reopened: one profile, under its new name. */
  g_clear_object (&wb);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  list = trj_workbook_get_profiles (wb);
  g_assert_cmpuint (list->len, ==, 1);
  p = g_ptr_array_index (list, 0);
  g_assert_cmpstr (p->name, ==, "Automne 35");
  g_assert_cmpmem (p->weights, sizeof p->weights, autumn, sizeof autumn);
}

/* ── Signals the GUI relies on ─────────────────────────────────────────── */

typedef struct {
  guint n;
  gint64 scenario;
  guint changes;
  char *line;
} Changed;

static void
on_changed (TrjWorkbook *wb, gint64 scenario, guint changes, const char *line, Changed *c)
{
  c->n++;
  c->scenario = scenario;
  c->changes = changes;
  g_free (c->line);
  c->line = g_strdup (line);
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *n)
{
  (*n)++;
}

static void
test_signals (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "signals.trajectoire");
  g_autoptr(GError) error = NULL;
  gint64 s = trj_workbook_get_current_scenario (wb), other;
  Changed c = { 0 };
  guint values = 0, lines = 0, scenarios = 0, can_undo = 0, can_redo = 0, current = 0;
  g_autofree char *added = NULL;

  g_signal_connect (wb, "changed", G_CALLBACK (on_changed), &c);
  g_signal_connect (wb, "changed::values", G_CALLBACK (count_changed), &values);
  g_signal_connect (wb, "changed::lines", G_CALLBACK (count_changed), &lines);
  g_signal_connect (wb, "changed::scenarios", G_CALLBACK (count_changed), &scenarios);
  g_signal_connect (wb, "notify::can-undo", G_CALLBACK (count_notify), &can_undo);
  g_signal_connect (wb, "notify::can-redo", G_CALLBACK (count_notify), &can_redo);
  g_signal_connect (wb, "notify::current-scenario", G_CALLBACK (count_notify), &current);

  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.45, &error));
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpint (c.scenario, ==, s);
  g_assert_cmpuint (c.changes, ==, TRJ_WORKBOOK_CHANGE_VALUES);
  g_assert_cmpstr (c.line, ==, "pec");
  g_assert_cmpuint (values, ==, 1);
  g_assert_cmpuint (can_undo, ==, 1);

  /* The same value again is no change: no step, no signal. */
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.45, &error));
  g_assert_cmpuint (c.n, ==, 1);

  added = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, -1, &error);
  g_assert_cmpuint (c.changes, ==, TRJ_WORKBOOK_CHANGE_LINES);
  g_assert_null (c.line);
  g_assert_cmpuint (lines, ==, 1);

  /* A batch over two lines: one signal, no single line. */
  trj_workbook_begin_batch (wb, "Coller");
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_WEEKLY_HOURS, 21, &error));
  g_assert_true (trj_workbook_set_line_number (wb, s, added, TRJ_LINE_FIELD_WEEKLY_HOURS, 22, &error));
  g_assert_cmpuint (c.n, ==, 2);
  g_assert_true (trj_workbook_end_batch (wb, &error));
  g_assert_cmpuint (c.n, ==, 3);
  g_assert_cmpuint (c.changes, ==, TRJ_WORKBOOK_CHANGE_VALUES);
  g_assert_null (c.line);

  /* Undo says what the step changed. */
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_cmpuint (c.n, ==, 4);
  g_assert_cmpint (c.scenario, ==, s);
  g_assert_cmpuint (c.changes, ==, TRJ_WORKBOOK_CHANGE_VALUES);
  g_assert_cmpuint (can_redo, ==, 1);

  other = trj_workbook_create_scenario (wb, "Autre", &error);
  g_assert_cmpint (c.scenario, ==, other);
  g_assert_cmpuint (scenarios, ==, 1);
  g_assert_cmpuint (can_redo, ==, 2);   /* the edit dropped the redo stack */

  /* Deleting the current scenario moves the current one. */
  g_assert_true (trj_workbook_delete_scenario (wb, s, &error));
  g_assert_cmpint (trj_workbook_get_current_scenario (wb), ==, other);
  g_assert_cmpuint (current, ==, 1);
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_cmpint (trj_workbook_get_current_scenario (wb), ==, other);
  g_assert_true (trj_workbook_set_current_scenario (wb, s, &error));
  g_assert_cmpuint (current, ==, 2);
  /* Navigation is no step: the redo stack is still the delete. */
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "New scenario");
  g_assert_cmpstr (trj_workbook_get_redo_label (wb), ==, "Delete scenario");
  g_assert_no_error (error);
  g_free (c.line);
}

/* ── Migrations ───────────────────────────────────────────────────────── */

/* tests/fixtures/workbook-v<N>.sql: a dump of a workbook as version N wrote it. */
static void
test_migration (Fixture *f, gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("workbook-v%d.sql", version);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = fixture_path (f, "old.trajectoire");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  g_autoptr(TrjScenario) s = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const TrjLine *line;
  sqlite3 *db;
  int user_version = 0;
  sqlite3_stmt *stmt;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_workbook_get_region (wb), ==, "Bretagne");

  list = trj_workbook_list_scenarios (wb);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((TrjScenarioInfo *) g_ptr_array_index (list, 0))->name, ==, "Base");
  g_assert_cmpstr (((TrjScenarioInfo *) g_ptr_array_index (list, 1))->name, ==, "Haute");
  g_assert_cmpint (trj_workbook_get_current_scenario (wb), ==, 2);

  s = trj_workbook_get_scenario (wb, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->envelopes->len, ==, 2);
  g_assert_cmpfloat (((TrjEnvelope *) g_ptr_array_index (s->envelopes, 0))->ae_notified, ==, 6813468);
  line = trj_scenario_find_line (s, "pec-29", NULL);
  g_assert_nonnull (line);
  g_assert_cmpstr (line->label, ==, "PEC Finistère");
  g_assert_cmpstr (line->departement, ==, "29");
  g_assert_cmpfloat (line->rate, ==, 0.5);
  g_assert_cmpfloat (line->entries[0], ==, 30);
  g_assert_cmpfloat (line->entries[11], ==, 25);
  /* Columns added by version 2 get their defaults. */
  g_assert_cmpfloat (line->quantity, ==, 0);
  g_assert_false (line->has_unit_amount);
  g_assert_false (line->has_payment_profile);
  g_assert_cmpfloat (s->fungibility.cie_jeunes_to_pec_ae, ==, 40000);
  g_assert_false (s->overrides_smic);

  /* The v1 undo journal still works after the migration: its last step set
   * the rate of pec-29 from 0.45 to 0.5. */
  g_assert_cmpstr (trj_workbook_get_undo_label (wb), ==, "Modifier le taux");
  g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (find_line (wb, 1, "pec-29")->rate, ==, 0.45);
  g_clear_object (&wb);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  user_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (user_version, ==, TRJ_WORKBOOK_SCHEMA_VERSION);
}

/* A file whose tables are not what its version's migrations built is
 * refused before any migration runs, and left as it was, header included. */
static void
test_migration_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "workbook-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = fixture_path (f, "odd.trajectoire");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  /* A column that version 2 adds is already there: its ALTER TABLE fails. */
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE line ADD COLUMN ae_amount REAL", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (path);

  wb = trj_workbook_open (path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_test_message ("refused: %s", error->message);
  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
}

static gpointer
preload_thread (gpointer data)
{
  trj_workbook_preload ();
  return NULL;
}

/* trj_workbook_preload, called from several threads at once (the window
 * does it in one while it builds itself), changes nothing of what is
 * accepted: a workbook of this version opens, the same file with one table
 * more is refused as not a Trajectoire workbook, unchanged. */
static void
test_preload (Fixture *f, gconstpointer data)
{
  GThread *threads[4];
  g_autofree char *path = fixture_path (f, "bretagne.trajectoire");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  TrjWorkbook *wb;
  sqlite3 *db;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("preload", preload_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  trj_workbook_preload ();

  wb = new_bretagne (f, "bretagne.trajectoire");
  trj_workbook_close (wb);
  g_object_unref (wb);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wb);
  trj_workbook_close (wb);
  g_object_unref (wb);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE intruder (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (path);
  wb = trj_workbook_open (path, &error);
  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT);
  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
}

/* The fixture itself is what trj_workbook_schema_migrate (0, N) builds. */
static void
test_migration_fixture_schema (Fixture *f, gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("workbook-v%d.sql", version);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) a = g_string_new (NULL), b = g_string_new (NULL);
  sqlite3 *fixture_db, *built_db;
  sqlite3 *dbs[2];
  GString *out[2] = { a, b };

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  sqlite3_open (":memory:", &fixture_db);
  g_assert_cmpint (sqlite3_exec (fixture_db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_open (":memory:", &built_db);
  g_assert_true (trj_workbook_schema_migrate (built_db, 0, version, &error));
  g_assert_no_error (error);
  dbs[0] = fixture_db;
  dbs[1] = built_db;
  for (int i = 0; i < 2; i++)
    {
      sqlite3_stmt *stmt;

      sqlite3_prepare_v2 (dbs[i], "SELECT type, name, sql FROM sqlite_schema ORDER BY name", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (out[i], "%s %s %s\n", sqlite3_column_text (stmt, 0),
                                sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
      sqlite3_finalize (stmt);
      sqlite3_close (dbs[i]);
    }
  g_assert_cmpstr (a->str, ==, b->str);
}

/* ── Refusal of bad files ─────────────────────────────────────────────── */

static void
assert_refused (const char *path, int code)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *lock = g_strconcat (path, "-lock", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);

  g_assert_null (wb);
  g_assert_error (error, TRJ_WORKBOOK_ERROR, code);
  g_test_message ("refused: %s", error->message);
  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
}

static char *
closed_workbook (Fixture *f, const char *name)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (trj_workbook_set_line_number (wb, trj_workbook_get_current_scenario (wb),
                                               "pec", TRJ_LINE_FIELD_RATE, 0.4, &error));
  g_assert_no_error (error);
  return g_strdup (trj_workbook_get_path (wb));
}

static void
test_refuse_foreign (Fixture *f, gconstpointer data)
{
  g_autofree char *text = fixture_path (f, "notes.trajectoire");
  g_autofree char *empty = fixture_path (f, "empty.trajectoire");
  g_autofree char *other = fixture_path (f, "other.sqlite");
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "Budget 2024\nPEC;1236\n", -1, NULL));
  assert_refused (text, TRJ_WORKBOOK_ERROR_NOT_WORKBOOK);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (empty, TRJ_WORKBOOK_ERROR_NOT_WORKBOOK);

  /* A genuine SQLite database of another application. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (other, TRJ_WORKBOOK_ERROR_NOT_WORKBOOK);
}

static void
test_refuse_truncated (Fixture *f, gconstpointer data)
{
  g_autofree char *path = closed_workbook (f, "cut.trajectoire");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  /* Cut at a page boundary (SQLite alone might not notice) and mid-page. */
  g_assert_true (g_file_set_contents (path, contents, length - 4096, NULL));
  assert_refused (path, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (path, contents, length / 2 + 100, NULL));
  assert_refused (path, TRJ_WORKBOOK_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (path, contents, 60, NULL));
  assert_refused (path, TRJ_WORKBOOK_ERROR_CORRUPT);
}

static void
test_refuse_corrupted (Fixture *f, gconstpointer data)
{
  g_autofree char *path = closed_workbook (f, "bad.trajectoire");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Scribble over the b-tree page headers of every page after the first. */
  for (gsize page = 1; page < length / 4096; page++)
    memset (contents + page * 4096, 0x42, 12);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  assert_refused (path, TRJ_WORKBOOK_ERROR_CORRUPT);
}

static void
test_refuse_future (Fixture *f, gconstpointer data)
{
  g_autofree char *path = closed_workbook (f, "future.trajectoire");
  g_autofree char *contents = NULL;
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d", TRJ_WORKBOOK_SCHEMA_VERSION + 1);
  g_autofree char *newer_sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; %s;"
                                                "CREATE TABLE future_thing (x);", newer);
  gsize length;
  sqlite3 *db;

  /* As a newer Trajectoire would write it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, newer_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, TRJ_WORKBOOK_ERROR_TOO_NEW);

  /* The new version only in the WAL, the header still old: SQLite's answer counts. */
  g_free (path);
  path = closed_workbook (f, "future-wal.trajectoire");
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_assert_cmpint (sqlite3_exec (db, newer, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (contents[63], ==, TRJ_WORKBOOK_SCHEMA_VERSION);
  assert_refused (path, TRJ_WORKBOOK_ERROR_TOO_NEW);
}

/* ── One writer ───────────────────────────────────────────────────────── */

static void
test_second_opener (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) writer = new_bretagne (f, "shared.trajectoire");
  g_autoptr(TrjWorkbook) reader = NULL;
  g_autoptr(TrjWorkbook) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (trj_workbook_get_path (writer));
  gint64 s = trj_workbook_get_current_scenario (writer);
  int status;
  pid_t pid;

  /* A second connection in this process honours the lock. */
  reader = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_is_read_only (reader));
  g_assert_nonnull (trj_workbook_get_read_only_reason (reader));
  g_test_message ("read-only: %s", trj_workbook_get_read_only_reason (reader));
  g_assert_false (trj_workbook_set_line_number (reader, s, "pec", TRJ_LINE_FIELD_RATE, 0.3, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (trj_workbook_undo (reader, &error));
  g_assert_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The reader sees what the writer commits. */
  g_assert_true (trj_workbook_set_line_number (writer, s, "pec", TRJ_LINE_FIELD_RATE, 0.35, &error));
  g_assert_cmpfloat (find_line (reader, s, "pec")->rate, ==, 0.35);

  /* « Enregistrer une copie » from the read-only window gives a workbook to edit. */
  {
    g_autofree char *copy_path = fixture_path (f, "mine.trajectoire");
    g_autoptr(TrjWorkbook) copy = NULL;

    g_assert_true (trj_workbook_save_copy (reader, copy_path, &error));
    g_assert_no_error (error);
    copy = trj_workbook_open (copy_path, &error);
    g_assert_no_error (error);
    g_assert_false (trj_workbook_is_read_only (copy));
    g_assert_cmpfloat (find_line (copy, s, "pec")->rate, ==, 0.35);
    g_assert_true (trj_workbook_set_line_number (copy, s, "pec", TRJ_LINE_FIELD_RATE, 0.3, &error));
    g_assert_cmpfloat (find_line (writer, s, "pec")->rate, ==, 0.35);
  }

  /* Another process, too. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      TrjWorkbook *other = trj_workbook_open (path, NULL);
      _exit (other != NULL && trj_workbook_is_read_only (other) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* Once the writer is gone, the next opener writes. */
  g_clear_object (&writer);
  after = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (trj_workbook_is_read_only (after));
}

/* The order of an envelope's lines, as the snapshot gives it. */
static GPtrArray *
line_order (TrjWorkbook *wb, gint64 scenario, const char *envelope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) s = trj_workbook_get_scenario (wb, scenario, &error);
  const TrjEnvelope *env;
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  env = trj_scenario_find_envelope (s, envelope);
  for (guint i = 0; i < env->lines->len; i++)
    g_ptr_array_add (order, g_strdup (((TrjLine *) g_ptr_array_index (env->lines, i))->id));
  return order;
}

static void
assert_order (TrjWorkbook *wb, gint64 scenario, GPtrArray *model)
{
  g_autoptr(GPtrArray) order = line_order (wb, scenario, "PEC_CIE_TP");

  g_assert_cmpuint (order->len, ==, model->len);
  for (guint i = 0; i < model->len; i++)
    g_assert_cmpstr (g_ptr_array_index (order, i), ==, g_ptr_array_index (model, i));
}

/* Line positions are sparse keys: insertions, duplications (many at one
 * place, which runs out of room and relabels), moves and removals keep the
 * order a plain list keeps, inside and outside batches, in a file whose keys
 * are still the dense 0, 1, 2… of earlier versions; undo gives the order back. */
static void
test_line_order (Fixture *f, gconstpointer data)
{
  g_autoptr(TrjWorkbook) wb = new_bretagne (f, "order.trajectoire");
  g_autoptr(GPtrArray) model = NULL, before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241201);
  gint64 s = trj_workbook_get_current_scenario (wb);
  sqlite3 *db;

  /* Dense keys, as a version-0.1 file has them. */
  g_assert_cmpint (sqlite3_open (trj_workbook_get_path (wb), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE line SET position = (SELECT COUNT(*) FROM line o "
                                 "WHERE o.scenario = line.scenario AND o.envelope = line.envelope "
                                 "AND o.position < line.position)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  model = line_order (wb, s, "PEC_CIE_TP");
  before = line_order (wb, s, "PEC_CIE_TP");

  trj_workbook_begin_batch (wb, "Ordre");
  for (int i = 0; i < 300; i++)
    {
      guint n = model->len;
      int op = g_rand_int_range (rand, 0, 10);
      g_autofree char *id = NULL;

      if (op < 4 || n < 2)
        {
          /* Often the same place, to exhaust the room between two keys. */
          gint32 at = op < 2 ? 1 : g_rand_int_range (rand, 0, n + 1);

          id = trj_workbook_add_line (wb, s, "PEC_CIE_TP", TRJ_KIND_PEC, at, &error);
          g_assert_no_error (error);
          g_ptr_array_insert (model, MIN ((guint) at, n), g_strdup (id));
        }
      else if (op < 7)
        {
          guint from = op == 4 ? 0 : g_rand_int_range (rand, 0, n);

          id = trj_workbook_duplicate_line (wb, s, g_ptr_array_index (model, from), &error);
          g_assert_no_error (error);
          g_ptr_array_insert (model, from + 1, g_strdup (id));
        }
      else if (op < 9)
        {
          guint from = g_rand_int_range (rand, 0, n), to = g_rand_int_range (rand, 0, n);
          char *moved;

          g_assert_true (trj_workbook_move_line (wb, s, g_ptr_array_index (model, from), to, &error));
          moved = g_ptr_array_steal_index (model, from);
          g_ptr_array_insert (model, to, moved);
        }
      else
        {
          guint at = g_rand_int_range (rand, 0, n);

          g_assert_true (trj_workbook_remove_line (wb, s, g_ptr_array_index (model, at), &error));
          g_ptr_array_remove_index (model, at);
        }
      if (i % 25 == 0)
        assert_order (wb, s, model);
    }
  g_assert_true (trj_workbook_end_batch (wb, &error));
  assert_order (wb, s, model);

  /* The same, one step at a time, then the whole batch undone and redone. */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *id = trj_workbook_duplicate_line (wb, s, g_ptr_array_index (model, 0), &error);

      g_assert_no_error (error);
      g_ptr_array_insert (model, 1, g_strdup (id));
    }
  assert_order (wb, s, model);
  for (int i = 0; i < 40; i++)
    g_assert_true (trj_workbook_undo (wb, &error));
  g_assert_true (trj_workbook_undo (wb, &error));
  assert_order (wb, s, before);
}

/* Opening checks every scenario and hands the current one to the first
 * snapshot; an edit in between, by this workbook or by another connection to
 * the file, must be seen, not the scenario as it was opened. */
static void
test_opened_snapshot (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "opened.trajectoire");
  g_autoptr(TrjWorkbook) wb = NULL;
  gint64 s;
  sqlite3 *other = NULL;

  g_clear_object (&wb);
  wb = new_bretagne (f, "opened.trajectoire");
  s = trj_workbook_get_current_scenario (wb);
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.41, &error));
  g_assert_no_error (error);
  g_clear_object (&wb);

  /* Nothing changed: the snapshot is the one opening read, then a fresh one. */
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.41);
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.41);
  g_clear_object (&wb);

  /* An edit by the workbook before the first snapshot. */
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_line_number (wb, s, "pec", TRJ_LINE_FIELD_RATE, 0.42, &error));
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.42);
  g_clear_object (&wb);

  /* An edit by another connection (another program) before it. */
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "UPDATE line SET rate = 0.43 WHERE key = 'pec'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpfloat (find_line (wb, s, "pec")->rate, ==, 0.43);

  /* Another scenario than the current one is read from the file. */
  g_clear_object (&wb);
  wb = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  {
    gint64 copy = trj_workbook_duplicate_scenario (wb, s, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (find_line (wb, copy, "pec")->rate, ==, 0.43);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add (name, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/workbook/new", test_new, NULL);
  ADD ("/workbook/profiles", test_profiles, NULL);
  ADD ("/workbook/profiles-rename-delete", test_profiles_rename_delete, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("/workbook/undo-redo/%s", edits[i].name);
      ADD (name, test_edit_undo_redo, GUINT_TO_POINTER (i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("/workbook/sent-refuses/%s", edits[i].name);
      ADD (name, test_sent_refuses, GUINT_TO_POINTER (i));
    }
  ADD ("/workbook/sent", test_sent, NULL);
  ADD ("/workbook/edit-values", test_edit_values, NULL);
  ADD ("/workbook/line-note", test_line_note, NULL);
  ADD ("/workbook/batch", test_batch, NULL);
  ADD ("/workbook/line-order", test_line_order, NULL);
  ADD ("/workbook/undo-after-reopen", test_undo_after_reopen, NULL);
  ADD ("/workbook/undo-mismatch", test_undo_mismatch, NULL);
  ADD ("/workbook/import-export", test_import_export, NULL);
  ADD ("/workbook/save-copy", test_save_copy, NULL);
  ADD ("/workbook/signals", test_signals, NULL);
  for (int v = 1; v < TRJ_WORKBOOK_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("/workbook/migration/from-v%d", v);
      g_autofree char *schema = g_strdup_printf ("/workbook/migration/fixture-v%d-schema", v);
      ADD (name, test_migration, GINT_TO_POINTER (v));
      ADD (schema, test_migration_fixture_schema, GINT_TO_POINTER (v));
    }
  ADD ("/workbook/migration/failure-leaves-file", test_migration_failure, NULL);
  ADD ("/workbook/preload", test_preload, NULL);
  ADD ("/workbook/refuse/foreign", test_refuse_foreign, NULL);
  ADD ("/workbook/refuse/truncated", test_refuse_truncated, NULL);
  ADD ("/workbook/refuse/corrupted", test_refuse_corrupted, NULL);
  ADD ("/workbook/refuse/future", test_refuse_future, NULL);
  ADD ("/workbook/second-opener", test_second_opener, NULL);
  ADD ("/workbook/opened-snapshot", test_opened_snapshot, NULL);

  return g_test_run ();
}
