/* trj-workbook-edit.c — every edit of the document
 *
 * Each public function here is one step (trj-workbook-undo.c): checked
 * against its limits first, then its SQL between step_begin and step_end, so
 * that a refused edit changes nothing and an accepted one is one undo step.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-engine.h"
#include "trj-iae.h"
#include "trj-workbook-private.h"

/* Line positions: sparse ordering keys (see "Line structure" below). */
#define KEY_BITS 62
#define KEY_MAX ((G_GINT64_CONSTANT (1) << KEY_BITS) - 1)
/* The distance between keys a whole scenario is written with. */
#define KEY_SPACING (G_GINT64_CONSTANT (1) << 20)

/* ── Writing a whole scenario (new, duplicate, import) ────────────────── */

/* A month without realised ETP (NAN) has no row. */
static gboolean
write_month (TrjWorkbook *self, gint64 row, TrjLineMonths series, int month, double value, GError **error)
{
  if (series == TRJ_LINE_MONTHS_REALISED_ETP && isnan (value))
    return trj_workbook_run (self, error, "DELETE FROM line_month WHERE line = ? AND series = ? AND month = ?",
                             "iii", row, (gint64) series, (gint64) month);
  return trj_workbook_run (self, error, "INSERT INTO line_month (line, series, month, value) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT DO UPDATE SET value = excluded.value", "iiid",
                           row, (gint64) series, (gint64) month, value);
}

static gboolean
write_months (TrjWorkbook *self, gint64 row, TrjLineMonths series, const double values[TRJ_MONTHS],
              GError **error)
{
  for (int m = 0; m < TRJ_MONTHS; m++)
    if (!write_month (self, row, series, m, values[m], error))
      return FALSE;
  return TRUE;
}

static gboolean
write_line (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 position,
            const TrjLine *line, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  gboolean volume_mode = line->entries_mode == TRJ_ENTRIES_VOLUME;
  gint64 row;

  g_string_printf (sql, "INSERT INTO line (scenario, envelope, key, position, %s) VALUES (?,?,?,?",
                   trj_workbook_line_column_list ());
  for (guint i = 0; i < trj_workbook_n_line_columns; i++)
    g_string_append (sql, ",?");
  g_string_append_c (sql, ')');
  stmt = trj_workbook_stmt_get (self, sql->str);
  if (stmt == NULL ||
      sqlite3_bind_int64 (stmt, 1, scenario_id) != SQLITE_OK ||
      sqlite3_bind_text (stmt, 2, envelope_id, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text (stmt, 3, line->id, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_int64 (stmt, 4, position) != SQLITE_OK ||
      !trj_workbook_line_bind (stmt, 5, line) ||
      sqlite3_step (stmt) != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("writing the workbook"));
      return FALSE;
    }
  row = sqlite3_last_insert_rowid (self->db);

  if (!volume_mode && !write_months (self, row, TRJ_LINE_MONTHS_ENTRIES, line->entries, error))
    return FALSE;
  if (line->has_profile && !write_months (self, row, TRJ_LINE_MONTHS_PROFILE, line->profile, error))
    return FALSE;
  if (line->has_previous_entries &&
      !write_months (self, row, TRJ_LINE_MONTHS_PREVIOUS_ENTRIES, line->previous_entries, error))
    return FALSE;
  if (line->has_payment_profile &&
      !write_months (self, row, TRJ_LINE_MONTHS_PAYMENT_PROFILE, line->payment_profile, error))
    return FALSE;
  if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_FREE &&
      !write_months (self, row, TRJ_LINE_MONTHS_CP_SCHEDULE, line->cp_schedule, error))
    return FALSE;
  if (trj_catalog_kind (line->kind)->iae &&
      !write_months (self, row, TRJ_LINE_MONTHS_REALISED_ETP, line->realised_etp, error))
    return FALSE;
  return TRUE;
}

static gboolean
write_series_override (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                       const TrjSeries *series, GError **error)
{
  for (guint i = 0; i < series->n_points; i++)
    if (!trj_workbook_run (self, error, "INSERT INTO reference_override (scenario, kind, seq, date, value) "
              "VALUES (?, ?, ?, ?, ?)", "iiiid", scenario_id, (gint64) kind, (gint64) i,
              (gint64) series->points[i].from, series->points[i].value))
      return FALSE;
  return TRUE;
}

static gboolean
write_value_override (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind, double value,
                      GError **error)
{
  return trj_workbook_run (self, error, "INSERT INTO reference_override (scenario, kind, seq, date, value) "
              "VALUES (?, ?, 0, NULL, ?)", "iid", scenario_id, (gint64) kind, value);
}

/* Issue 16: an envelope's allocations and CAOM rows, in their order. */
static gboolean
write_allocations (TrjWorkbook *self, gint64 scenario_id, const TrjEnvelope *env, GError **error)
{
  for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
    {
      const TrjAllocation *al = g_ptr_array_index (env->allocations, a);

      if (!trj_workbook_run (self, error, "INSERT INTO allocation (scenario, envelope, departement, prescriber, "
                             "seq, ae, volume) VALUES (?, ?, ?, ?, ?, ?, ?)", "isssidd", scenario_id, env->id,
                             al->departement, al->prescriber != NULL ? al->prescriber : "", (gint64) a,
                             al->ae, al->volume))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_caom (TrjWorkbook *self, gint64 scenario_id, const TrjEnvelope *env, GError **error)
{
  for (guint c = 0; c < trj_envelope_n_caom (env); c++)
    {
      const TrjCaom *caom = g_ptr_array_index (env->caom, c);
      g_autofree char *profile = NULL;

      if (caom->has_profile)
        {
          GString *text = g_string_new (NULL);

          for (int m = 0; m < TRJ_MONTHS; m++)
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append_printf (text, "%s%s", m > 0 ? ";" : "",
                                      g_ascii_dtostr (buffer, sizeof buffer, caom->profile[m]));
            }
          profile = g_string_free (text, FALSE);
        }
      if (!trj_workbook_run (self, error, "INSERT INTO caom (scenario, envelope, departement, seq, contracts, "
                             "profile) VALUES (?, ?, ?, ?, ?, ?)", "issids", scenario_id, env->id,
                             caom->departement, (gint64) c, caom->contracts, profile))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_share (TrjWorkbook *self, gint64 scenario_id, const TrjEnvelope *env, GError **error)
{
  return write_allocations (self, scenario_id, env, error) && write_caom (self, scenario_id, env, error);
}

static gboolean
check_name_free (TrjWorkbook *self, const char *name, gint64 except, GError **error)
{
  gboolean found;
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (!trj_workbook_check_text (name, error))
    return FALSE;
  if (*stripped == '\0')
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("A scenario needs a name."));
      return FALSE;
    }
  trj_workbook_query_int64 (self, &found, "SELECT 1 FROM scenario WHERE name = ? AND id != ?", "si",
               name, except);
  if (found)
    g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                 _("A scenario named “%s” already exists in this workbook."), name);
  return !found;
}

gint64
trj_workbook_write_scenario (TrjWorkbook *self, const TrjScenario *scenario, const char *name,
                             GError **error)
{
  const TrjFungibility *f = &scenario->fungibility;
  TrjValueWhere where;
  gint64 id, position;

  /* Only what a snapshot will read back: the limits of typed input. */
  if (!trj_workbook_check_scenario (scenario, &where, error))
    {
      if (where.line != NULL)
        g_prefix_error (error, _("Line “%s”, %s: "), where.line, where.field);
      else if (where.envelope != NULL)
        g_prefix_error (error, _("Envelope “%s”, %s: "), where.envelope, where.field);
      else
        g_prefix_error (error, "%s: ", where.field);
      return 0;
    }
  if (!check_name_free (self, name, 0, error))
    return 0;
  position = trj_workbook_query_int64 (self, NULL, "SELECT COUNT(*) FROM scenario", "");
  if (!trj_workbook_run (self, error, "INSERT INTO scenario (name, position, has_fungibility, "
            "cie_jeunes_to_pec_ae, cie_jeunes_to_pec_cp, initiatives_territoriales_ae, "
            "demandes_complementaires, initiatives_territoriales_source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "siidddds",
            name, position, (gint64) scenario->has_fungibility, f->cie_jeunes_to_pec_ae,
            f->has_cie_jeunes_to_pec_cp ? f->cie_jeunes_to_pec_cp : NAN,
            f->initiatives_territoriales_ae, f->demandes_complementaires,
            f->initiatives_territoriales_source))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      if (!trj_workbook_run (self, error, "INSERT INTO envelope (scenario, id, position, ae_notified, "
                "cp_notified, volume_notified, cp_includes_stock, previous_modulation_cp, "
                "demande_ae, demande_cp, demande_reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "isidddiddds", id, env->id, (gint64) e,
                env->ae_notified, env->cp_notified, env->volume_notified,
                (gint64) env->cp_notified_includes_stock, env->previous_modulation_cp,
                env->demande.ae, env->demande.cp, env->demande.reason))
        return 0;
      for (guint l = 0; l < env->lines->len; l++)
        if (!write_line (self, id, env->id, (gint64) l * KEY_SPACING, g_ptr_array_index (env->lines, l),
                         error))
          return 0;
      if (!write_share (self, id, env, error))
        return 0;
    }

  if ((scenario->overrides_smic &&
       !write_series_override (self, id, TRJ_REFERENCE_SMIC_HOURLY, &scenario->reference.smic_hourly, error)) ||
      (scenario->overrides_rsa &&
       !write_series_override (self, id, TRJ_REFERENCE_RSA, &scenario->reference.rsa, error)) ||
      (scenario->overrides_cd_share &&
       !write_value_override (self, id, TRJ_REFERENCE_CD_SHARE, scenario->reference.cd_share, error)) ||
      (scenario->overrides_weeks &&
       !write_value_override (self, id, TRJ_REFERENCE_WEEKS_PER_MONTH,
                              scenario->reference.weeks_per_month, error)))
    return 0;
  return id;
}

/* ── Scenarios ────────────────────────────────────────────────────────── */

/* ── Scenarios ────────────────────────────────────────────────────────── */

static gboolean
check_importable (TrjWorkbook *self, const TrjScenario *scenario, GError **error)
{
  const TrjRegion *mine = trj_year_data_find_region (self->year_data, self->region);
  const TrjRegion *theirs = scenario->region ? trj_year_data_find_region (self->year_data, scenario->region) : NULL;

  if (scenario->year != self->year || theirs != mine || scenario->zone != self->zone)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("This scenario is for %s %d, but the workbook is for %s %d."),
                   scenario->region ? scenario->region : "?", scenario->year,
                   self->region, self->year);
      return FALSE;
    }
  return TRUE;
}

gint64
trj_workbook_import_scenario (TrjWorkbook *self, const TrjScenario *scenario, const char *name,
                              GError **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);
  g_return_val_if_fail (scenario != NULL, 0);

  /* The store holds only what the engine accepts, whoever builds the scenario. */
  if (!trj_workbook_check_writable (self, error) || !check_importable (self, scenario, error) ||
      !trj_scenario_validate (scenario, error))
    return 0;
  if (!trj_workbook_step_begin (self, _("Import scenario"), error))
    return 0;
  id = trj_workbook_write_scenario (self, scenario, name, error);
  if (id != 0)
    trj_workbook_step_note (self, id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return trj_workbook_step_end (self, id != 0, error) ? id : 0;
}

gint64
trj_workbook_create_scenario (TrjWorkbook *self, const char *name, GError **error)
{
  g_autoptr(TrjScenario) example = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);

  if (!trj_workbook_check_writable (self, error))
    return 0;
  example = trj_year_data_example (self->year_data, self->region, error);
  if (example == NULL || !trj_workbook_step_begin (self, _("New scenario"), error))
    return 0;
  id = trj_workbook_write_scenario (self, example, name, error);
  if (id != 0)
    trj_workbook_step_note (self, id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return trj_workbook_step_end (self, id != 0, error) ? id : 0;
}

gint64
trj_workbook_duplicate_scenario (TrjWorkbook *self, gint64 scenario_id, const char *name,
                                 GError **error)
{
  g_autoptr(TrjScenario) copy = NULL;
  g_autofree char *copy_name = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), 0);

  if (!trj_workbook_check_writable (self, error))
    return 0;
  /* The snapshot carries everything a scenario holds, so writing it back is an
   * exact copy. */
  copy = trj_workbook_get_scenario (self, scenario_id, error);
  if (copy == NULL)
    return 0;
  if (name == NULL)
    {
      g_autofree char *original = trj_workbook_get_scenario_name (self, scenario_id);

      /* Translators: the name of a copy of scenario %s */
      copy_name = g_strdup_printf (_("%s (copy)"), original);
      for (int n = 2; trj_workbook_find_scenario (self, copy_name) != 0; n++)
        {
          g_free (copy_name);
          /* Translators: the name of the n-th copy of scenario %s */
          copy_name = g_strdup_printf (_("%s (copy %d)"), original, n);
        }
      name = copy_name;
    }
  if (!trj_workbook_step_begin (self, _("Duplicate scenario"), error))
    return 0;
  id = trj_workbook_write_scenario (self, copy, name, error);
  if (id != 0)
    trj_workbook_step_note (self, id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return trj_workbook_step_end (self, id != 0, error) ? id : 0;
}

gboolean
trj_workbook_rename_scenario (TrjWorkbook *self, gint64 scenario_id, const char *name, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_step_begin (self, _("Rename scenario"), error))
    return FALSE;
  ok = trj_workbook_scenario_exists (self, scenario_id, error) &&
       trj_workbook_check_unfrozen (self, scenario_id, error) &&
       check_name_free (self, name, scenario_id, error) &&
       trj_workbook_run (self, error, "UPDATE scenario SET name = ? WHERE id = ?", "si", name, scenario_id);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_delete_scenario (TrjWorkbook *self, gint64 scenario_id, GError **error)
{
  gint64 position;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_step_begin (self, _("Delete scenario"), error))
    return FALSE;
  ok = trj_workbook_scenario_exists (self, scenario_id, error) &&
       trj_workbook_check_unfrozen (self, scenario_id, error);
  if (ok && trj_workbook_query_int64 (self, NULL, "SELECT COUNT(*) FROM scenario", "") <= 1)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("A workbook keeps at least one scenario."));
      ok = FALSE;
    }
  if (ok)
    {
      position = trj_workbook_query_int64 (self, NULL, "SELECT position FROM scenario WHERE id = ?", "i", scenario_id);
      ok = trj_workbook_unlock_reprogramming (self, scenario_id, error) &&
           trj_workbook_run (self, error, "DELETE FROM line_month WHERE line IN "
                "(SELECT id FROM line WHERE scenario = ?)", "i", scenario_id) &&
           trj_workbook_run (self, error, "DELETE FROM line WHERE scenario = ?", "i", scenario_id) &&
           trj_workbook_run (self, error, "DELETE FROM envelope WHERE scenario = ?", "i", scenario_id) &&
           trj_workbook_run (self, error, "DELETE FROM reference_override WHERE scenario = ?", "i", scenario_id) &&
           trj_workbook_run (self, error, "DELETE FROM allocation WHERE scenario = ?", "i", scenario_id) &&
           trj_workbook_run (self, error, "DELETE FROM caom WHERE scenario = ?", "i", scenario_id) &&
           trj_workbook_run (self, error, "DELETE FROM scenario WHERE id = ?", "i", scenario_id) &&
           trj_workbook_run (self, error, "UPDATE scenario SET position = position - 1 WHERE position > ?", "i",
                position);
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return trj_workbook_step_end (self, ok, error);
}

/* Moves the scenario at position `from` to `to`, shifting those in between. */
static gboolean
move_position (TrjWorkbook *self, gint64 from, gint64 to, GError **error)
{
  gint64 lo = MIN (from, to), hi = MAX (from, to), delta = to > from ? -1 : 1;

  return trj_workbook_run (self, error, "UPDATE scenario SET position = CASE WHEN position = ?1 THEN ?2 "
                           "ELSE position + ?3 END WHERE position BETWEEN ?4 AND ?5", "iiiii",
                           from, to, delta, lo, hi);
}

gboolean
trj_workbook_move_scenario (TrjWorkbook *self, gint64 scenario_id, guint position, GError **error)
{
  gint64 from, n;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_step_begin (self, _("Move scenario"), error))
    return FALSE;
  ok = trj_workbook_scenario_exists (self, scenario_id, error);
  if (ok)
    {
      from = trj_workbook_query_int64 (self, NULL, "SELECT position FROM scenario WHERE id = ?", "i", scenario_id);
      n = trj_workbook_query_int64 (self, NULL, "SELECT COUNT(*) FROM scenario", "");
      ok = move_position (self, from, MIN ((gint64) position, n - 1), error);
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_SCENARIOS, NULL);
  return trj_workbook_step_end (self, ok, error);
}

/* ── Envelopes ────────────────────────────────────────────────────────── */

gboolean
trj_workbook_set_envelope_number (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                                  TrjEnvelopeField field, double value, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field < TRJ_N_ENVELOPE_FIELDS, FALSE);

  if (!trj_workbook_check_writable (self, error) || !trj_workbook_check_value (&trj_workbook_envelope_fields[field], value, error))
    return FALSE;
  if (!trj_workbook_step_begin (self, _(trj_workbook_envelope_fields[field].step_label), error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE envelope SET %s = ? WHERE scenario = ? AND id = ?",
                         trj_workbook_envelope_fields[field].column);
  ok = trj_workbook_envelope_exists (self, scenario_id, envelope_id, error) &&
       trj_workbook_run (self, error, sql, "dis", value, scenario_id, envelope_id);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_set_demande_reason (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                                 const char *reason, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (reason != NULL && *reason == '\0')
    reason = NULL;
  if (!trj_workbook_check_writable (self, error) || !trj_workbook_check_text (reason, error))
    return FALSE;
  if (!trj_workbook_step_begin (self, _("Change the reason of the demande complémentaire"), error))
    return FALSE;
  ok = trj_workbook_envelope_exists (self, scenario_id, envelope_id, error) &&
       trj_workbook_run (self, error, "UPDATE envelope SET demande_reason = ? WHERE scenario = ? AND id = ?",
                         "sis", reason, scenario_id, envelope_id);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_add_envelope (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                           GError **error)
{
  gboolean ok, found;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (envelope_id == NULL || *envelope_id == '\0')
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                           _("An envelope needs a name."));
      return FALSE;
    }
  if (!trj_workbook_check_text (envelope_id, error) ||
      !trj_workbook_step_begin (self, _("Add envelope"), error))
    return FALSE;
  ok = trj_workbook_scenario_exists (self, scenario_id, error) &&
       trj_workbook_check_unfrozen (self, scenario_id, error);
  if (ok)
    {
      trj_workbook_query_int64 (self, &found, "SELECT 1 FROM envelope WHERE scenario = ? AND id = ?", "is",
                   scenario_id, envelope_id);
      if (found)
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                       _("The scenario already has an envelope “%s”."), envelope_id);
          ok = FALSE;
        }
    }
  ok = ok && trj_workbook_run (self, error, "INSERT INTO envelope (scenario, id, position) VALUES "
                  "(?1, ?2, (SELECT COUNT(*) FROM envelope WHERE scenario = ?1))", "is",
                  scenario_id, envelope_id);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_remove_envelope (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                              GError **error)
{
  gboolean ok;
  gint64 position;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_step_begin (self, _("Remove envelope"), error))
    return FALSE;
  ok = trj_workbook_envelope_exists (self, scenario_id, envelope_id, error);
  if (ok)
    {
      position = trj_workbook_query_int64 (self, NULL, "SELECT position FROM envelope WHERE scenario = ? AND id = ?",
                              "is", scenario_id, envelope_id);
      ok = trj_workbook_run (self, error, "DELETE FROM line_month WHERE line IN (SELECT id FROM line "
                "WHERE scenario = ? AND envelope = ?)", "is", scenario_id, envelope_id) &&
           trj_workbook_run (self, error, "DELETE FROM line WHERE scenario = ? AND envelope = ?", "is",
                scenario_id, envelope_id) &&
           trj_workbook_run (self, error, "DELETE FROM allocation WHERE scenario = ? AND envelope = ?", "is",
                scenario_id, envelope_id) &&
           trj_workbook_run (self, error, "DELETE FROM caom WHERE scenario = ? AND envelope = ?", "is",
                scenario_id, envelope_id) &&
           trj_workbook_run (self, error, "DELETE FROM envelope WHERE scenario = ? AND id = ?", "is",
                scenario_id, envelope_id) &&
           trj_workbook_run (self, error, "UPDATE envelope SET position = position - 1 "
                "WHERE scenario = ? AND position > ?", "ii", scenario_id, position);
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

/* ── Line values ──────────────────────────────────────────────────────── */

static gboolean
load_months (TrjWorkbook *self, gint64 row, TrjLineMonths series, double out[TRJ_MONTHS],
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (int m = 0; m < TRJ_MONTHS; m++)
    out[m] = series == TRJ_LINE_MONTHS_REALISED_ETP
               ? NAN : trj_catalog_param (trj_workbook_month_series[series].param)->default_value;
  stmt = trj_workbook_prepare (self, error, "SELECT month, value FROM line_month WHERE line = ? AND series = ?",
                  "ii", row, (gint64) series);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int m = sqlite3_column_int (stmt, 0);

      if (m >= 0 && m < TRJ_MONTHS)
        out[m] = sqlite3_column_double (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return FALSE;
    }
  return TRUE;
}

/* Switches a line between monthly entries and volume × profile, keeping the
 * entries it stands for. */
static gboolean
set_entries_mode (TrjWorkbook *self, const TrjLineRef *ref, TrjEntriesMode mode, GError **error)
{
  double entries[TRJ_MONTHS], profile[TRJ_MONTHS];
  double volume = 0;

  if (mode == ref->mode)
    return TRUE;
  if (mode == TRJ_ENTRIES_VOLUME)
    {
      if (!load_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error))
        return FALSE;
      for (int m = 0; m < TRJ_MONTHS; m++)
        volume += entries[m];
      /* The entries become the profile; with none, the profile stays as it was. */
      if (volume > 0 &&
          (!write_months (self, ref->row, TRJ_LINE_MONTHS_PROFILE, entries, error) ||
           !trj_workbook_run (self, error, "UPDATE line SET has_profile = 1 WHERE id = ?", "i", ref->row)))
        return FALSE;
      return trj_workbook_run (self, error, "DELETE FROM line_month WHERE line = ? AND series = ?", "ii",
                  ref->row, (gint64) TRJ_LINE_MONTHS_ENTRIES) &&
             trj_workbook_run (self, error, "UPDATE line SET entries_mode = 1, volume = ? WHERE id = ?", "di",
                  volume, ref->row);
    }
  else
    {
      double sum = 0;

      if (!load_months (self, ref->row, TRJ_LINE_MONTHS_PROFILE, profile, error))
        return FALSE;
      for (int m = 0; m < TRJ_MONTHS; m++)
        sum += profile[m];
      for (int m = 0; m < TRJ_MONTHS; m++)
        entries[m] = sum > 0 ? ref->volume * profile[m] / sum : 0;
      return write_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error) &&
             trj_workbook_run (self, error, "UPDATE line SET entries_mode = 0 WHERE id = ?", "i", ref->row);
    }
}

/* Scales monthly entries to a volume, keeping their profile. */
static gboolean
set_monthly_volume (TrjWorkbook *self, const TrjLineRef *ref, double volume, GError **error)
{
  double entries[TRJ_MONTHS];
  double sum = 0;

  if (!load_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error))
    return FALSE;
  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += entries[m];
  for (int m = 0; m < TRJ_MONTHS; m++)
    entries[m] = sum > 0 ? entries[m] * volume / sum : volume / TRJ_MONTHS;
  return write_months (self, ref->row, TRJ_LINE_MONTHS_ENTRIES, entries, error);
}

gboolean
trj_workbook_set_line_text (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                            TrjLineField field, const char *value, GError **error)
{
  g_auto(TrjLineRef) ref = { 0 };
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field <= TRJ_LINE_FIELD_KIND || field == TRJ_LINE_FIELD_STRUCTURE_KIND
                        || trj_workbook_line_column (field)->type == TRJ_COLUMN_TEXT_NULL, FALSE);

  if (field == TRJ_LINE_FIELD_KIND || field == TRJ_LINE_FIELD_STRUCTURE_KIND)
    {
      TrjLineKind kind;

      if (!trj_kind_from_string (value, &kind))
        {
          g_autofree char *contract = trj_catalog_kind_names (TRJ_LINE_SHAPE_CONTRACT);
          g_autofree char *post_aid = trj_catalog_kind_names (TRJ_LINE_SHAPE_POST_AID);
          g_autofree char *free_kinds = trj_catalog_kind_names (TRJ_LINE_SHAPE_FREE);

          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                       _("“%s” is not a kind of line (%s, %s, %s)."),
                       value ? value : "", contract, post_aid, free_kinds);
          return FALSE;
        }
      return trj_workbook_set_line_number (self, scenario_id, line_id, field, kind, error);
    }
  /* Empty département or prescriber means none. */
  if (field != TRJ_LINE_FIELD_LABEL && value != NULL && *value == '\0')
    value = NULL;
  if (field == TRJ_LINE_FIELD_LABEL && value == NULL)
    value = "";
  if (!trj_workbook_check_text (value, error))
    return FALSE;
  if (field == TRJ_LINE_FIELD_EXCEPTION_REASON && !trj_workbook_check_reason (value, error))
    return FALSE;
  if (field == TRJ_LINE_FIELD_SIRET && value != NULL)
    {
      g_autofree char *why = NULL;

      if (!trj_siret_check (value, &why))
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, "%s.", why);
          return FALSE;
        }
    }

  if (!trj_workbook_step_begin (self, _(trj_workbook_line_column (field)->spec.step_label), error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE line SET %s = ? WHERE id = ?", trj_workbook_line_column (field)->spec.column);
  ok = trj_workbook_line_find (self, scenario_id, line_id, &ref, error) &&
       trj_workbook_run (self, error, sql, "si", value, ref.row);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_set_line_number (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                              TrjLineField field, double value, GError **error)
{
  g_auto(TrjLineRef) ref = { 0 };
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field >= TRJ_LINE_FIELD_KIND && field < TRJ_N_LINE_FIELDS
                        && trj_workbook_line_column (field)->type != TRJ_COLUMN_TEXT_NULL, FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  /* NAN gives a post-aid line back its unit amount from the year's table,
   * and takes last year's figures of a structure away. */
  if (!(trj_workbook_line_column (field)->type == TRJ_COLUMN_REAL_NULL && isnan (value)) &&
      !trj_workbook_check_value (&trj_workbook_line_column (field)->spec, value, error))
    return FALSE;
  if (!trj_workbook_step_begin (self, _(trj_workbook_line_column (field)->spec.step_label), error))
    return FALSE;
  ok = trj_workbook_line_find (self, scenario_id, line_id, &ref, error);
  /* Three fields need more than writing their column; the others are plain values. */
  if (ok && trj_workbook_line_column (field)->type == TRJ_COLUMN_KIND)
    {
      sql = g_strdup_printf ("UPDATE line SET %s = ? WHERE id = ?", trj_workbook_line_column (field)->spec.column);
      ok = trj_workbook_run (self, error, sql, "si", trj_kind_to_string ((TrjLineKind) value), ref.row);
    }
  else if (ok && field == TRJ_LINE_FIELD_ENTRIES_MODE)
    ok = set_entries_mode (self, &ref, (TrjEntriesMode) value, error);
  else if (ok && field == TRJ_LINE_FIELD_VOLUME && ref.mode == TRJ_ENTRIES_MONTHLY)
    ok = set_monthly_volume (self, &ref, value, error);
  else if (ok)
    {
      sql = g_strdup_printf ("UPDATE line SET %s = ? WHERE id = ?", trj_workbook_line_column (field)->spec.column);
      ok = trj_workbook_run (self, error, sql, "di", value, ref.row);
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return trj_workbook_step_end (self, ok, error);
}

/* Writes months [first, first + n) of an array; editing the entries of a
 * volume line turns it into a monthly one first. */
static gboolean
set_months (TrjWorkbook *self, gint64 scenario_id, const char *line_id, TrjLineMonths series,
            guint first, const double *values, guint n, GError **error)
{
  g_auto(TrjLineRef) ref = { 0 };
  gboolean ok;

  g_return_val_if_fail (series < TRJ_N_LINE_MONTHS, FALSE);
  g_return_val_if_fail (first + n <= TRJ_MONTHS, FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  for (guint m = 0; m < n; m++)
    if (!trj_workbook_check_month_value (series, values[m], error))
      return FALSE;
  if (!trj_workbook_step_begin (self, _(trj_workbook_month_series[series].step_label), error))
    return FALSE;
  ok = trj_workbook_line_find (self, scenario_id, line_id, &ref, error) &&
       trj_workbook_check_unrealised (self, ref.row, (int) series, first, n, error);
  if (ok && series == TRJ_LINE_MONTHS_ENTRIES)
    ok = set_entries_mode (self, &ref, TRJ_ENTRIES_MONTHLY, error);
  for (guint m = 0; ok && m < n; m++)
    ok = write_month (self, ref.row, series, (int) (first + m), values[m], error);
  if (ok && trj_workbook_month_series[series].flag_column != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE line SET %s = 1 WHERE id = ?",
                                              trj_workbook_month_series[series].flag_column);
      ok = trj_workbook_run (self, error, sql, "i", ref.row);
    }
  /* A profile spreads a total: it needs some weight somewhere. */
  if (ok && (series == TRJ_LINE_MONTHS_PROFILE || series == TRJ_LINE_MONTHS_PAYMENT_PROFILE))
    {
      double profile[TRJ_MONTHS], sum = 0;

      ok = load_months (self, ref.row, series, profile, error);
      for (int m = 0; ok && m < TRJ_MONTHS; m++)
        sum += profile[m];
      if (ok && !(sum > 0))
        {
          g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                               _("A profile needs at least one month above zero."));
          ok = FALSE;
        }
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_set_line_month (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                             TrjLineMonths months, guint month, double value, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (month < TRJ_MONTHS, FALSE);
  return set_months (self, scenario_id, line_id, months, month, &value, 1, error);
}

gboolean
trj_workbook_set_line_months (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                              TrjLineMonths months, const double values[TRJ_MONTHS], GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  return set_months (self, scenario_id, line_id, months, 0, values, TRJ_MONTHS, error);
}

gboolean
trj_workbook_reset_line_months (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                                TrjLineMonths months, GError **error)
{
  g_auto(TrjLineRef) ref = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (months < TRJ_N_LINE_MONTHS, FALSE);

  if (!trj_workbook_step_begin (self, _(trj_workbook_month_series[months].step_label), error))
    return FALSE;
  ok = trj_workbook_line_find (self, scenario_id, line_id, &ref, error) &&
       trj_workbook_run (self, error, "DELETE FROM line_month WHERE line = ? AND series = ?", "ii",
            ref.row, (gint64) months);
  if (ok && trj_workbook_month_series[months].flag_column != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE line SET %s = 0 WHERE id = ?",
                                              trj_workbook_month_series[months].flag_column);
      ok = trj_workbook_run (self, error, sql, "i", ref.row);
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, line_id);
  return trj_workbook_step_end (self, ok, error);
}

/* ── Line structure ───────────────────────────────────────────────────── */

/* A line id unused in the scenario: "line-<n>". */
static char *
new_line_key (TrjWorkbook *self, gint64 scenario_id)
{
  gint64 n = trj_workbook_query_int64 (self, NULL, "SELECT COALESCE(MAX(id), 0) + 1 FROM line", "");

  for (;; n++)
    {
      g_autofree char *key = g_strdup_printf ("line-%" G_GINT64_FORMAT, n);
      gboolean found;

      trj_workbook_query_int64 (self, &found, "SELECT 1 FROM line WHERE scenario = ? AND key = ?", "is",
                   scenario_id, key);
      if (!found)
        return g_steal_pointer (&key);
    }
}

/* Line positions are sparse ordering keys, not indexes: a new line takes a
 * key between its neighbours' and no other row moves, so that a batch of N
 * insertions or duplications costs N steps rather than N² (every following
 * row shifted and journalled at each insertion). When two neighbours have no
 * key left between them, the smallest aligned range of keys around them
 * that is sparse enough is relabelled evenly (an order-maintenance list:
 * Bender et al., "Two simplified algorithms for maintaining order in a list",
 * 2002), which costs O(log² N) rows per insertion over a batch. The keys
 * (KEY_BITS, KEY_SPACING) are defined at the top of the file. */

static gint64
row_key (TrjWorkbook *self, gint64 row)
{
  return trj_workbook_query_int64 (self, NULL, "SELECT position FROM line WHERE id = ?", "i", row);
}

/* The row ids of an envelope's lines with keys in [lo, hi], in order. */
static GArray *
rows_between (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 lo, gint64 hi,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = trj_workbook_prepare (self, error, "SELECT id FROM line WHERE scenario = ? AND envelope = ? "
                               "AND position BETWEEN ? AND ? ORDER BY position", "isii",
                               scenario_id, envelope_id, lo, hi);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("reading the workbook"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Gives the rows evenly spaced keys from lo + spacing on. */
static gboolean
spread_keys (TrjWorkbook *self, GArray *rows, gint64 lo, gint64 spacing, GError **error)
{
  for (guint i = 0; i < rows->len; i++)
    if (!trj_workbook_run (self, error, "UPDATE line SET position = ? WHERE id = ?", "ii",
                           lo + spacing * (gint64) (i + 1), g_array_index (rows, gint64, i)))
      return FALSE;
  return TRUE;
}

/* Makes room around key x (a neighbour of the new line's place). */
static gboolean
relabel (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 x, GError **error)
{
  g_autoptr(GArray) rows = NULL;

  /* Aligned ranges of 2, 4, 8… keys around x, until one holds fewer rows
   * than (4/3)^bits: thin enough to stay thin for a while once spread. */
  for (int bits = 1; x >= 0 && x <= KEY_MAX && bits < KEY_BITS; bits++)
    {
      gint64 size = G_GINT64_CONSTANT (1) << bits;
      gint64 lo = x & ~(size - 1);
      gint64 n = trj_workbook_query_int64 (self, NULL, "SELECT COUNT(*) FROM line WHERE scenario = ? "
                                           "AND envelope = ? AND position BETWEEN ? AND ?", "isii",
                                           scenario_id, envelope_id, lo, lo + size - 1);

      if ((double) (n + 1) <= pow (4.0 / 3.0, bits) && size >= 2 * (n + 2))
        {
          rows = rows_between (self, scenario_id, envelope_id, lo, lo + size - 1, error);
          return rows != NULL && spread_keys (self, rows, lo, size / (n + 1), error);
        }
    }
  /* Keys outside the range this store writes (a file from elsewhere): all
   * the envelope's lines get fresh ones. */
  rows = rows_between (self, scenario_id, envelope_id, G_MININT64, G_MAXINT64, error);
  return rows != NULL &&
         spread_keys (self, rows, -1, MIN (KEY_SPACING, KEY_MAX / ((gint64) rows->len + 2)), error);
}

/* A key for a new line between the rows prev and next (0: at that end). */
static gboolean
key_between (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 prev, gint64 next,
             gint64 *out, GError **error)
{
  for (int attempt = 0; attempt < 4; attempt++)
    {
      gint64 lo = prev != 0 ? row_key (self, prev) : -1;
      gint64 hi = next != 0 ? row_key (self, next) : MAX (lo, 0) + 2 * KEY_SPACING;

      if (lo >= -1 && hi <= KEY_MAX + 1 && hi - lo >= 2)
        {
          *out = lo + (hi - lo) / 2;
          return TRUE;
        }
      /* Around the line before, then the line after, then everything. */
      if (attempt < 3 &&
          !relabel (self, scenario_id, envelope_id, attempt == 0 && lo >= 0 ? lo : attempt <= 1 ? hi : -1,
                    error))
        return FALSE;
    }
  g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_CORRUPT,
                       _("The order of the lines in this envelope is damaged."));
  return FALSE;
}

/* The row at index `index` of an envelope's lines (0: none), leaving out the
 * row `except` (a line being moved). */
static gint64
row_at (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 index, gint64 except)
{
  if (index < 0)
    return 0;
  return trj_workbook_query_int64 (self, NULL, "SELECT id FROM line WHERE scenario = ? AND envelope = ? "
                                   "AND id != ? ORDER BY position LIMIT 1 OFFSET ?", "isii",
                                   scenario_id, envelope_id, except, index);
}

/* The key for a line placed at index `index` (beyond the end: at the end). */
static gboolean
key_at (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, gint64 index, gint64 except,
        gint64 *out, GError **error)
{
  gint64 next = index >= 0 ? row_at (self, scenario_id, envelope_id, index, except) : 0;
  gint64 prev;

  if (next == 0)
    /* At the end: after the last line. */
    prev = trj_workbook_query_int64 (self, NULL, "SELECT id FROM line WHERE scenario = ? AND envelope = ? "
                                     "AND id != ? ORDER BY position DESC LIMIT 1", "isi",
                                     scenario_id, envelope_id, except);
  else
    prev = row_at (self, scenario_id, envelope_id, index - 1, except);
  return key_between (self, scenario_id, envelope_id, prev, next, out, error);
}

char *
trj_workbook_add_line (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                       TrjLineKind kind, int position, GError **error)
{
  g_autoptr(TrjLine) line = NULL;
  g_autofree char *key = NULL;
  gint64 line_key = 0;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);
  g_return_val_if_fail (kind < TRJ_N_KINDS, NULL);

  if (!trj_workbook_step_begin (self, _("Add line"), error))
    return NULL;
  ok = trj_workbook_envelope_exists (self, scenario_id, envelope_id, error);
  if (ok)
    {
      key = new_line_key (self, scenario_id);
      /* The catalogue's new line: the circular's averages, so that it is
       * sensible at once (its unit amount is the year's, stored as none). */
      line = trj_catalog_line_new (key, kind, self->year_data, self->zone);
      line->label = g_strdup (_("New line"));
      ok = key_at (self, scenario_id, envelope_id, position, 0, &line_key, error) &&
           write_line (self, scenario_id, envelope_id, line_key, line, error);
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return trj_workbook_step_end (self, ok, error) ? g_steal_pointer (&key) : NULL;
}

char *
trj_workbook_duplicate_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id,
                             GError **error)
{
  g_auto(TrjLineRef) ref = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  gint64 next, line_key = 0;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  sql = g_strdup_printf ("INSERT INTO line (scenario, envelope, key, position, %1$s) "
                         "SELECT scenario, envelope, ?, ?, %1$s FROM line WHERE id = ?",
                         trj_workbook_line_column_list ());
  if (!trj_workbook_step_begin (self, _("Duplicate line"), error))
    return NULL;
  ok = trj_workbook_line_find (self, scenario_id, line_id, &ref, error);
  if (ok)
    {
      key = new_line_key (self, scenario_id);
      next = trj_workbook_query_int64 (self, NULL, "SELECT id FROM line WHERE scenario = ? AND envelope = ? "
                                       "AND position > ? ORDER BY position LIMIT 1", "isi",
                                       scenario_id, ref.envelope, ref.position);
      ok = key_between (self, scenario_id, ref.envelope, ref.row, next, &line_key, error) &&
           trj_workbook_run (self, error, sql, "sii", key, line_key, ref.row) &&
           trj_workbook_run (self, error, "INSERT INTO line_month (line, series, month, value) "
                "SELECT ?, series, month, value FROM line_month WHERE line = ?", "ii",
                sqlite3_last_insert_rowid (self->db), ref.row);
    }
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return trj_workbook_step_end (self, ok, error) ? g_steal_pointer (&key) : NULL;
}

gboolean
trj_workbook_remove_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id, GError **error)
{
  g_auto(TrjLineRef) ref = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_step_begin (self, _("Remove line"), error))
    return FALSE;
  ok = trj_workbook_line_find (self, scenario_id, line_id, &ref, error) &&
       trj_workbook_run (self, error, "DELETE FROM line_month WHERE line = ?", "i", ref.row) &&
       trj_workbook_run (self, error, "DELETE FROM line WHERE id = ?", "i", ref.row);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_move_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id, guint position,
                        GError **error)
{
  g_auto(TrjLineRef) ref = { 0 };
  gint64 line_key = 0;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_step_begin (self, _("Move line"), error))
    return FALSE;
  ok = trj_workbook_line_find (self, scenario_id, line_id, &ref, error) &&
       key_at (self, scenario_id, ref.envelope, position, ref.row, &line_key, error) &&
       trj_workbook_run (self, error, "UPDATE line SET position = ? WHERE id = ?", "ii", line_key, ref.row);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

/* ── Solutions ────────────────────────────────────────────────────────── */

static const TrjLineField unknown_fields[] = {
  [TRJ_UNKNOWN_VOLUME] = TRJ_LINE_FIELD_VOLUME,
  [TRJ_UNKNOWN_RATE] = TRJ_LINE_FIELD_RATE,
  [TRJ_UNKNOWN_HOURS] = TRJ_LINE_FIELD_WEEKLY_HOURS,
  [TRJ_UNKNOWN_DURATION] = TRJ_LINE_FIELD_DURATION_MONTHS,
  [TRJ_UNKNOWN_COFINANCING] = TRJ_LINE_FIELD_COFINANCED_SHARE,
};

/* One settled line: its months when they changed (the ramp of a solution
 * with the CP target, or the whole entries of a line given month by month
 * whose volume was solved), then the one value unless the months carry it. */
static gboolean
write_solution (TrjWorkbook *self, gint64 scenario_id, const TrjLine *settled, TrjUnknown unknown,
                gboolean with_profile, GError **error)
{
  gboolean monthly = settled->entries_mode == TRJ_ENTRIES_MONTHLY;

  if (with_profile || (unknown == TRJ_UNKNOWN_VOLUME && monthly))
    {
      if (!trj_workbook_set_line_months (self, scenario_id, settled->id,
                                         monthly ? TRJ_LINE_MONTHS_ENTRIES : TRJ_LINE_MONTHS_PROFILE,
                                         monthly ? settled->entries : settled->profile, error))
        return FALSE;
      if (unknown == TRJ_UNKNOWN_VOLUME && monthly)
        return TRUE;
    }
  /* A line given as volume: its whole volume, not the sum of its spread months. */
  return trj_workbook_set_line_number (self, scenario_id, settled->id, unknown_fields[unknown],
                                       unknown == TRJ_UNKNOWN_VOLUME ? settled->volume
                                       : trj_line_get_unknown (settled, unknown),
                                       error);
}

gboolean
trj_workbook_apply_solution (TrjWorkbook *self, gint64 scenario_id, const TrjLine *settled,
                             TrjUnknown unknown, const char *label, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (settled != NULL && unknown < G_N_ELEMENTS (unknown_fields), FALSE);

  trj_workbook_begin_batch (self, label);
  if (!write_solution (self, scenario_id, settled, unknown, FALSE, error))
    {
      trj_workbook_cancel_batch (self);
      return FALSE;
    }
  return trj_workbook_end_batch (self, error);
}

gboolean
trj_workbook_apply_envelope_solution (TrjWorkbook *self, gint64 scenario_id,
                                      const TrjEnvelopeSolution *solution, const char *label,
                                      GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (solution != NULL && solution->unknown < G_N_ELEMENTS (unknown_fields), FALSE);

  trj_workbook_begin_batch (self, label);
  for (guint l = 0; l < solution->lines->len; l++)
    if (!write_solution (self, scenario_id, g_ptr_array_index (solution->lines, l),
                         solution->unknown, solution->with_cp, error))
      {
        trj_workbook_cancel_batch (self);
        return FALSE;
      }
  return trj_workbook_end_batch (self, error);
}

/* ── Fungibility and reference overrides ──────────────────────────────── */

gboolean
trj_workbook_set_fungibility (TrjWorkbook *self, gint64 scenario_id, TrjFungibilityField field,
                              double value, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (field < TRJ_N_FUNGIBILITY_FIELDS, FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  /* NAN: the CP moved with CIE jeunes → PEC goes back to its default. */
  if (!(field == TRJ_FUNGIBILITY_TRANSFER_CP && isnan (value)) &&
      !trj_workbook_check_value (&trj_workbook_fungibility_fields[field], value, error))
    return FALSE;
  if (!trj_workbook_step_begin (self, _(trj_workbook_fungibility_fields[field].step_label), error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE scenario SET %s = ?, has_fungibility = 1 WHERE id = ?",
                         trj_workbook_fungibility_fields[field].column);
  ok = trj_workbook_scenario_exists (self, scenario_id, error) &&
       trj_workbook_check_unfrozen (self, scenario_id, error) &&
       trj_workbook_run (self, error, sql, "di", value, scenario_id);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_set_territorial_source (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                                     GError **error)
{
  const TrjCatalogEnvelope *known;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  /* MODEL 2.6: taken from an envelope of the FIE credits (not FDI, which has none). */
  if (envelope_id != NULL
      && ((known = trj_catalog_envelope (envelope_id)) == NULL || !known->territorial_base))
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("Initiatives territoriales cannot be taken from “%s”: choose an envelope of contrats aidés, IAE, EA or GEIQ."),
                   envelope_id);
      return FALSE;
    }
  if (!trj_workbook_step_begin (self, _("Change the source of initiatives territoriales"), error))
    return FALSE;
  ok = trj_workbook_scenario_exists (self, scenario_id, error) &&
       (envelope_id == NULL || trj_workbook_envelope_exists (self, scenario_id, envelope_id, error)) &&
       trj_workbook_check_unfrozen (self, scenario_id, error) &&
       trj_workbook_run (self, error, "UPDATE scenario SET initiatives_territoriales_source = ?, has_fungibility = 1 "
                         "WHERE id = ?", "si", envelope_id, scenario_id);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

static const char *
reference_step_label (TrjReferenceKind kind)
{
  switch (kind)
    {
    case TRJ_REFERENCE_SMIC_HOURLY: return _("Change SMIC");
    case TRJ_REFERENCE_RSA: return _("Change RSA");
    case TRJ_REFERENCE_CD_SHARE: return _("Change département share of the RSA");
    case TRJ_REFERENCE_WEEKS_PER_MONTH: return _("Change weeks per month");
    case TRJ_N_REFERENCES:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

static gboolean
replace_override (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                  const TrjSeries *series, double value, GError **error)
{
  gboolean ok;

  if (!trj_workbook_step_begin (self, reference_step_label (kind), error))
    return FALSE;
  ok = trj_workbook_scenario_exists (self, scenario_id, error) &&
       trj_workbook_check_unfrozen (self, scenario_id, error) &&
       trj_workbook_run (self, error, "DELETE FROM reference_override WHERE scenario = ? AND kind = ?", "ii",
            scenario_id, (gint64) kind);
  if (ok && series != NULL)
    ok = write_series_override (self, scenario_id, kind, series, error);
  else if (ok && !isnan (value))
    ok = write_value_override (self, scenario_id, kind, value, error);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_set_reference_series (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                                   const TrjSeries *series, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (kind == TRJ_REFERENCE_SMIC_HOURLY || kind == TRJ_REFERENCE_RSA, FALSE);

  if (series != NULL && !trj_workbook_check_reference_series (kind, series, error))
    return FALSE;
  if (series != NULL && series->n_points == 0)
    series = NULL;
  return replace_override (self, scenario_id, kind, series, NAN, error);
}

gboolean
trj_workbook_set_reference_value (TrjWorkbook *self, gint64 scenario_id, TrjReferenceKind kind,
                                  double value, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (kind == TRJ_REFERENCE_CD_SHARE || kind == TRJ_REFERENCE_WEEKS_PER_MONTH, FALSE);

  if (!isnan (value) && !trj_workbook_check_reference_value (kind, value, error))
    return FALSE;
  return replace_override (self, scenario_id, kind, NULL, value, error);
}


gboolean
trj_workbook_set_hypotheses (TrjWorkbook *self, gint64 scenario_id, const TrjSeries *smic_hourly,
                             const TrjSeries *rsa, GError **error)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  trj_workbook_begin_batch (self, _("Change the Hypotheses"));
  if (!trj_workbook_set_reference_series (self, scenario_id, TRJ_REFERENCE_SMIC_HOURLY, smic_hourly, error) ||
      !trj_workbook_set_reference_series (self, scenario_id, TRJ_REFERENCE_RSA, rsa, error))
    {
      trj_workbook_cancel_batch (self);
      return FALSE;
    }
  return trj_workbook_end_batch (self, error);
}

/* ── Issue 16: the DDETS' share and the CAOM ──────────────────────────── */

/* Replaces the allocations (or the CAOM) of an envelope with those of
 * `values` (an envelope whose other fields are ignored), one undo step. */
static gboolean
replace_share (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id, const TrjEnvelope *values,
               gboolean caom, GError **error)
{
  g_autoptr(TrjEnvelope) checked = trj_envelope_new (envelope_id);
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  for (guint i = 0; !caom && i < trj_envelope_n_allocations (values); i++)
    trj_envelope_add_allocation (checked, trj_allocation_copy (g_ptr_array_index (values->allocations, i)));
  for (guint i = 0; caom && i < trj_envelope_n_caom (values); i++)
    trj_envelope_add_caom (checked, trj_caom_copy (g_ptr_array_index (values->caom, i)));
  if (!trj_workbook_check_share (checked, 0, error))
    return FALSE;
  if (!trj_workbook_step_begin (self, caom ? _("Change the CAOM") : _("Change the Allocations"), error))
    return FALSE;
  ok = trj_workbook_envelope_exists (self, scenario_id, envelope_id, error) &&
       trj_workbook_check_unfrozen (self, scenario_id, error) &&
       trj_workbook_run (self, error, caom ? "DELETE FROM caom WHERE scenario = ? AND envelope = ?"
                                           : "DELETE FROM allocation WHERE scenario = ? AND envelope = ?",
                         "is", scenario_id, envelope_id) &&
       (caom ? write_caom (self, scenario_id, checked, error) : write_allocations (self, scenario_id, checked, error));
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_VALUES, NULL);
  return trj_workbook_step_end (self, ok, error);
}

gboolean
trj_workbook_set_allocations (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                              const TrjEnvelope *values, GError **error)
{
  return replace_share (self, scenario_id, envelope_id, values, FALSE, error);
}

gboolean
trj_workbook_set_caom (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                       const TrjEnvelope *values, GError **error)
{
  return replace_share (self, scenario_id, envelope_id, values, TRUE, error);
}

/* ── Issue 16: merging a DDETS' lines back ────────────────────────────── */

gboolean
trj_workbook_merge_lines (TrjWorkbook *self, gint64 scenario_id, const char *label, GPtrArray *lines,
                          GPtrArray *envelopes, const char *const *removed, GError **error)
{
  g_autoptr(TrjScenario) after = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (lines != NULL && envelopes != NULL && lines->len == envelopes->len, FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const TrjLine *line = g_ptr_array_index (lines, i);
      const char *field = NULL;
      g_autofree char *why = NULL;

      if (!trj_workbook_check_line (line, &field, error))
        {
          g_prefix_error (error, _("Line “%s”, %s: "), line->id, field);
          return FALSE;
        }
      if (!trj_catalog_envelope_holds (g_ptr_array_index (envelopes, i), line->kind, &why))
        {
          g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, _("Line “%s”: %s."), line->id, why);
          return FALSE;
        }
    }
  if (!trj_workbook_step_begin (self, label, error))
    return FALSE;
  ok = trj_workbook_scenario_exists (self, scenario_id, error) && trj_workbook_check_unfrozen (self, scenario_id, error);
  for (guint i = 0; ok && i < lines->len; i++)
    {
      const TrjLine *line = g_ptr_array_index (lines, i);
      const char *envelope = g_ptr_array_index (envelopes, i);
      g_auto(TrjLineRef) ref = { 0 };
      gboolean found = FALSE;
      gint64 row = trj_workbook_query_int64 (self, &found, "SELECT id FROM line WHERE scenario = ? AND key = ?",
                                             "is", scenario_id, line->id);

      if (found)
        {
          /* The line keeps its place. */
          ok = trj_workbook_line_find (self, scenario_id, line->id, &ref, error) &&
               trj_workbook_run (self, error, "DELETE FROM line_month WHERE line = ?", "i", row) &&
               trj_workbook_run (self, error, "DELETE FROM line WHERE id = ?", "i", row) &&
               write_line (self, scenario_id, ref.envelope, ref.position, line, error);
        }
      else
        {
          gint64 last = trj_workbook_query_int64 (self, &found, "SELECT MAX(position) FROM line "
                                                  "WHERE scenario = ? AND envelope = ?", "is", scenario_id, envelope);

          ok = trj_workbook_envelope_exists (self, scenario_id, envelope, error) &&
               write_line (self, scenario_id, envelope, found ? last + KEY_SPACING : 0, line, error);
        }
    }
  for (guint i = 0; ok && removed != NULL && removed[i] != NULL; i++)
    {
      g_auto(TrjLineRef) ref = { 0 };

      ok = trj_workbook_line_find (self, scenario_id, removed[i], &ref, error) &&
           trj_workbook_run (self, error, "DELETE FROM line_month WHERE line = ?", "i", ref.row) &&
           trj_workbook_run (self, error, "DELETE FROM line WHERE id = ?", "i", ref.row);
    }
  /* The store holds only what the engine accepts. */
  if (ok)
    ok = (after = trj_workbook_get_scenario (self, scenario_id, error)) != NULL &&
         trj_scenario_validate (after, error);
  if (ok)
    trj_workbook_step_note (self, scenario_id, TRJ_WORKBOOK_CHANGE_LINES, NULL);
  return trj_workbook_step_end (self, ok, error);
}
