/* trj-import-dialog.c — see trj-import-dialog.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-csv.h"
#include "trj-a11y.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-import-dialog.h"
#include "trj-year-data.h"

struct _TrjImportDialog
{
  AdwWindow parent_instance;

  AdwActionRow *file_row;
  GtkLabel *errors_label;
  GtkListBox *preview_list;
  GtkWidget *import_button;

  TrjDocument *document;
  TrjCsvImport *import;    /* NULL when the file is refused */
  char *summary;
  char *errors;
};

G_DEFINE_FINAL_TYPE (TrjImportDialog, trj_import_dialog, ADW_TYPE_WINDOW)

/* "PEC · Finistère · 50,0 % · 25 h · 9,9 mois · 120 contrats → PEC et CIE tous publics" */
static char *
describe_line (const TrjScenario *scenario, const TrjCsvLine *item)
{
  const TrjLine *line = item->line;
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  const TrjRegion *region = data != NULL ? trj_year_data_find_region (data, scenario->region) : NULL;
  const TrjDepartement *dep = region != NULL && line->departement != NULL
    ? trj_region_find_departement (region, line->departement) : NULL;
  g_autofree char *rate = trj_format_percent (line->rate, 1);
  g_autofree char *hours = trj_format_number (line->weekly_hours, 1);
  g_autofree char *duration = trj_format_number (line->duration_months, 1);
  g_autofree char *volume = trj_format_number (trj_line_volume (line), 0);

  return g_strdup_printf (_("%s · %s · %s · %s h · %s months · %s contracts → %s"),
                          trj_kind_to_string (line->kind),
                          dep != NULL ? dep->name : (line->departement != NULL ? line->departement : "—"),
                          rate, hours, duration, volume, trj_catalog_envelope_title (item->envelope_id));
}

static void
load (TrjImportDialog *self, GFile *file)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  self->import = path != NULL ? trj_csv_import_lines (path, scenario, &error) : NULL;
  if (self->import == NULL)
    {
      self->errors = g_strdup (error != NULL ? error->message : _("Only local files can be imported"));
      adw_action_row_set_subtitle (self->file_row, _("Nothing can be imported: correct the file, then import it again."));
      gtk_label_set_text (self->errors_label, self->errors);
      gtk_widget_set_visible (GTK_WIDGET (self->errors_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_list), FALSE);
      gtk_widget_set_sensitive (self->import_button, FALSE);
      return;
    }

  self->summary = trj_csv_import_describe (self->import);
  adw_action_row_set_subtitle (self->file_row, self->summary);
  for (guint i = 0; i < self->import->lines->len; i++)
    {
      const TrjCsvLine *item = g_ptr_array_index (self->import->lines, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe_line (scenario, item);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->line->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->preview_list, row);
    }
}

TrjImportDialog *
trj_import_dialog_new (TrjDocument *document, GFile *file)
{
  TrjImportDialog *self = g_object_new (TRJ_TYPE_IMPORT_DIALOG, NULL);

  self->document = g_object_ref (document);
  load (self, file);
  return self;
}

gboolean
trj_import_dialog_is_valid (TrjImportDialog *self)
{
  return self->import != NULL;
}

guint
trj_import_dialog_get_n_lines (TrjImportDialog *self)
{
  return self->import != NULL ? self->import->lines->len : 0;
}

const char *
trj_import_dialog_get_summary (TrjImportDialog *self)
{
  return self->summary;
}

const char *
trj_import_dialog_get_errors (TrjImportDialog *self)
{
  return self->errors;
}

/* One line through the workbook's edits (the store gives it its id). */
static gboolean
add_line (TrjWorkbook *wb, gint64 scenario_id, const TrjCsvLine *item, GError **error)
{
  const TrjLine *line = item->line;
  g_autofree char *id = trj_workbook_add_line (wb, scenario_id, item->envelope_id, line->kind, -1, error);
  const struct { TrjLineField field; double value; } numbers[] = {
    { TRJ_LINE_FIELD_RATE, line->rate },
    { TRJ_LINE_FIELD_WEEKLY_HOURS, line->weekly_hours },
    { TRJ_LINE_FIELD_DURATION_MONTHS, line->duration_months },
    { TRJ_LINE_FIELD_COFINANCED_SHARE, line->cofinanced_share },
    { TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS, line->payment_lag_months },
  };

  if (id == NULL
      || !trj_workbook_set_line_text (wb, scenario_id, id, TRJ_LINE_FIELD_LABEL, line->label, error)
      || !trj_workbook_set_line_text (wb, scenario_id, id, TRJ_LINE_FIELD_DEPARTEMENT, line->departement, error)
      || !trj_workbook_set_line_text (wb, scenario_id, id, TRJ_LINE_FIELD_PRESCRIBER, line->prescriber, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!trj_workbook_set_line_number (wb, scenario_id, id, numbers[i].field, numbers[i].value, error))
      return FALSE;
  return trj_workbook_set_line_months (wb, scenario_id, id, TRJ_LINE_MONTHS_ENTRIES, line->entries, error)
         && (!line->has_previous_entries
             || trj_workbook_set_line_months (wb, scenario_id, id, TRJ_LINE_MONTHS_PREVIOUS_ENTRIES,
                                              line->previous_entries, error));
}

gboolean
trj_import_dialog_apply (TrjImportDialog *self, GError **error)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  gint64 scenario_id = trj_document_get_scenario_id (self->document);

  g_return_val_if_fail (self->import != NULL, FALSE);

  trj_workbook_begin_batch (wb, _("Import Lines"));
  for (guint i = 0; i < self->import->lines->len; i++)
    if (!add_line (wb, scenario_id, g_ptr_array_index (self->import->lines, i), error))
      {
        /* All or nothing: the scenario is as before the import. */
        trj_workbook_cancel_batch (wb);
        return FALSE;
      }
  if (!trj_workbook_end_batch (wb, error))
    return FALSE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
import_clicked_cb (TrjImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!trj_import_dialog_apply (self, &error))
    {
      gtk_label_set_text (self->errors_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->errors_label), TRUE);
    }
}

static void
trj_import_dialog_dispose (GObject *object)
{
  TrjImportDialog *self = TRJ_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRJ_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (trj_import_dialog_parent_class)->dispose (object);
}

static void
trj_import_dialog_finalize (GObject *object)
{
  TrjImportDialog *self = TRJ_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, trj_csv_import_free);
  g_free (self->summary);
  g_free (self->errors);
  G_OBJECT_CLASS (trj_import_dialog_parent_class)->finalize (object);
}

static void
trj_import_dialog_class_init (TrjImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_import_dialog_dispose;
  object_class->finalize = trj_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/gouv/travail/Trajectoire/trj-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TrjImportDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, TrjImportDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, TrjImportDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trj_import_dialog_init (TrjImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trj_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
}
