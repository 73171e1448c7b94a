/* trj-workbook-structures.c — the register of IAE structures, their realised
 * ETP and the bourse aux postes in the workbook (MODEL 3.1, 3.2)
 *
 * Each is one undo step made of the one-value edits of trj-workbook-edit.c
 * inside a batch, so that what they write is checked as a typed value is;
 * the scenario they leave is validated as a whole before the step is kept.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-iae.h"
#include "trj-workbook-private.h"

/* The batch's end, or its cancellation when something failed or the scenario
 * it leaves is not valid (a structure in prison with another modulated part…). */
static gboolean
finish (TrjWorkbook *self, gint64 scenario_id, gboolean ok, GError **error)
{
  g_autoptr(TrjScenario) after = NULL;

  if (ok && (after = trj_workbook_get_scenario (self, scenario_id, error)) != NULL)
    ok = trj_scenario_validate (after, error);
  else
    ok = FALSE;
  if (!ok)
    {
      trj_workbook_cancel_batch (self);
      return FALSE;
    }
  return trj_workbook_end_batch (self, error);
}

static gboolean
set_text (TrjWorkbook *self, gint64 scenario_id, const char *line_id, TrjLineField field,
          const char *value, GError **error)
{
  return trj_workbook_set_line_text (self, scenario_id, line_id, field, value, error);
}

static gboolean
set_number (TrjWorkbook *self, gint64 scenario_id, const char *line_id, TrjLineField field,
            double value, GError **error)
{
  return trj_workbook_set_line_number (self, scenario_id, line_id, field, value, error);
}

static gboolean
write_structure (TrjWorkbook *self, gint64 scenario_id, const TrjScenario *before,
                 const TrjStructureRow *row, GError **error)
{
  const char *envelope_id = trj_catalog_kind_envelope (row->kind);
  g_autofree char *new_id = NULL;
  const char *id = row->line_id;

  if (id == NULL)
    {
      if (trj_scenario_find_envelope (before, envelope_id) == NULL
          && !trj_workbook_add_envelope (self, scenario_id, envelope_id, error))
        return FALSE;
      if ((new_id = trj_workbook_add_line (self, scenario_id, envelope_id, row->kind, -1, error)) == NULL)
        return FALSE;
      id = new_id;
      if (!set_text (self, scenario_id, id, TRJ_LINE_FIELD_LABEL, row->name, error)
          || !set_number (self, scenario_id, id, TRJ_LINE_FIELD_QUANTITY, trj_structure_row_quantity (row), error))
        return FALSE;
    }
  else if (!isnan (row->quantity) && !set_number (self, scenario_id, id, TRJ_LINE_FIELD_QUANTITY, row->quantity, error))
    return FALSE;
  /* A structure in prison has its modulated part fixed (MODEL 3). */
  return set_text (self, scenario_id, id, TRJ_LINE_FIELD_STRUCTURE_NAME, row->name, error)
         && set_text (self, scenario_id, id, TRJ_LINE_FIELD_SIRET, row->siret, error)
         && (row->departement == NULL
             || set_text (self, scenario_id, id, TRJ_LINE_FIELD_DEPARTEMENT, row->departement, error))
         && set_number (self, scenario_id, id, TRJ_LINE_FIELD_CONVENTIONNE_PREVIOUS, row->conventionne_previous, error)
         && set_number (self, scenario_id, id, TRJ_LINE_FIELD_REALISE_PREVIOUS, row->realise_previous, error)
         && set_number (self, scenario_id, id, TRJ_LINE_FIELD_DECREASE_REQUESTED, row->decrease_requested, error)
         && set_number (self, scenario_id, id, TRJ_LINE_FIELD_REVALUATION_REQUESTED, row->revaluation_requested,
                        error)
         && set_number (self, scenario_id, id, TRJ_LINE_FIELD_DEVELOPMENT, row->development, error)
         && (!row->prison
             || set_number (self, scenario_id, id, TRJ_LINE_FIELD_MODULATION, TRJ_PRISON_MODULATION, error))
         && set_number (self, scenario_id, id, TRJ_LINE_FIELD_PRISON, row->prison, error);
}

gboolean
trj_workbook_import_structures (TrjWorkbook *self, gint64 scenario_id, GPtrArray *rows, GError **error)
{
  g_autoptr(TrjScenario) before = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!trj_workbook_check_writable (self, error)
      || (before = trj_workbook_get_scenario (self, scenario_id, error)) == NULL)
    return FALSE;
  trj_workbook_begin_batch (self, _("Import the register of structures"));
  for (guint i = 0; ok && i < rows->len; i++)
    {
      g_autoptr(TrjScenario) now = trj_workbook_get_scenario (self, scenario_id, error);

      ok = now != NULL && write_structure (self, scenario_id, now, g_ptr_array_index (rows, i), error);
    }
  return finish (self, scenario_id, ok, error);
}

gboolean
trj_workbook_import_realised (TrjWorkbook *self, gint64 scenario_id, GPtrArray *rows, GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  trj_workbook_begin_batch (self, _("Import the realised ETP"));
  for (guint i = 0; ok && i < rows->len; i++)
    {
      const TrjRealisedRow *row = g_ptr_array_index (rows, i);

      for (guint m = 0; ok && m < TRJ_MONTHS; m++)
        if (!isnan (row->etp[m]))
          ok = trj_workbook_set_line_month (self, scenario_id, row->line_id, TRJ_LINE_MONTHS_REALISED_ETP, m,
                                            row->etp[m], error);
    }
  return finish (self, scenario_id, ok, error);
}

gboolean
trj_workbook_move_etp (TrjWorkbook *self, gint64 scenario_id, const char *envelope_id,
                       const char *from_line, const char *to_line, double delta,
                       TrjBourseMove *move, GError **error)
{
  g_autoptr(TrjScenario) before = NULL;
  TrjBourseMove computed;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error)
      || (before = trj_workbook_get_scenario (self, scenario_id, error)) == NULL
      || !trj_bourse_move (before, envelope_id, from_line, to_line, delta, &computed, error))
    return FALSE;
  trj_workbook_begin_batch (self, _("Move ETP (bourse aux postes)"));
  ok = set_number (self, scenario_id, from_line, TRJ_LINE_FIELD_QUANTITY, computed.from_quantity, error)
       && set_number (self, scenario_id, to_line, TRJ_LINE_FIELD_QUANTITY, computed.to_quantity, error);
  if (!finish (self, scenario_id, ok, error))
    return FALSE;
  if (move != NULL)
    *move = computed;
  return TRUE;
}
