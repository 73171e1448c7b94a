/* trj-exchange-actions.c — see trj-exchange-actions.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-exchange-actions.h"
#include "trj-import-dialog.h"
#include "trj-national-window.h"
#include "trj-programming.h"

static void
import_response_cb (GtkNativeDialog *chooser, int response, TrjWindow *window)
{
  TrjDocument *document = trj_window_get_document (window);

  if (response == GTK_RESPONSE_ACCEPT && document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      TrjImportDialog *dialog = trj_import_dialog_new (document, file);

      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (chooser);
}

/* Asks for a file to import into the window's workbook; a read-only workbook
 * is said so, with its reason, and nothing is asked. */
static void
choose_file_to_import (TrjWindow  *window,
                       const char *title,
                       const char *accept_label,
                       const char *filter_name,
                       const char *pattern,
                       const char *mime_type,
                       GCallback   response_cb)
{
  TrjDocument *document = trj_window_get_document (window);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (document == NULL)
    return;
  if (trj_workbook_is_read_only (trj_document_get_workbook (document)))
    {
      trj_window_toast (window, trj_workbook_get_read_only_reason (trj_document_get_workbook (document)));
      return;
    }
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, accept_label, NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", response_cb, window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_csv_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  choose_file_to_import (TRJ_WINDOW (widget), _("Import Lines"), _("_Open"), _("CSV tables"),
                         "*.csv", "text/csv", G_CALLBACK (import_response_cb));
}

static void
export_response_cb (GtkNativeDialog *chooser, int response, TrjWindow *window)
{
  TrjDocument *document = trj_window_get_document (window);

  if (response == GTK_RESPONSE_ACCEPT && document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = trj_workbook_get_scenario_name (trj_document_get_workbook (document),
                                                              trj_document_get_scenario_id (document));
      TrjProgrammingInfo info = { name, NULL };
      g_autoptr(GError) error = NULL;

      if (path != NULL
          && trj_programming_write_xlsx (trj_document_get_scenario (document), &info, path, &error))
        trj_window_toast (window, _("Programming file exported"));
      else
        trj_window_toast (window, error != NULL ? error->message
                                                : _("The programming file can only be saved to a local file"));
    }
  g_object_unref (chooser);
}

static void
export_programming_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *window = TRJ_WINDOW (widget);
  TrjDocument *document = trj_window_get_document (window);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (document == NULL)
    return;
  /* TRANSLATORS: suggested file name; %s is the region, %d the year */
  name = g_strdup_printf (_("programming %s %d.xlsx"), trj_document_get_scenario (document)->region,
                          trj_document_get_scenario (document)->year);
  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx)"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  chooser = gtk_file_chooser_native_new (_("Export the Programming File"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gint64
trj_exchange_import_programming (TrjWindow *window, GFile *file, GError **error)
{
  TrjDocument *document = trj_window_get_document (window);
  TrjWorkbook *wb = document != NULL ? trj_document_get_workbook (document) : NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *stored_name = NULL;
  g_autofree char *name = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  gint64 id;

  g_return_val_if_fail (wb != NULL, 0);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only local files can be imported"));
      return 0;
    }
  if ((scenario = trj_programming_read_xlsx (path, &stored_name, error)) == NULL)
    return 0;
  if (stored_name == NULL)
    {
      stored_name = g_file_get_basename (file);
      if (g_str_has_suffix (stored_name, ".xlsx"))
        stored_name[strlen (stored_name) - strlen (".xlsx")] = '\0';
    }
  /* Scenario names are unique in a workbook. */
  name = g_strdup (stored_name);
  for (guint n = 2; trj_workbook_find_scenario (wb, name) != 0; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u)", stored_name, n);
    }
  id = trj_workbook_import_scenario (wb, scenario, name, error);
  if (id != 0 && !trj_workbook_set_current_scenario (wb, id, error))
    return 0;
  return id;
}

static void
import_programming_response_cb (GtkNativeDialog *chooser, int response, TrjWindow *window)
{
  if (response == GTK_RESPONSE_ACCEPT && trj_window_get_document (window) != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (trj_exchange_import_programming (window, file, &error) != 0)
        trj_window_toast (window, _("Programming file imported as a new scenario"));
      else
        trj_window_toast (window, error->message);
    }
  g_object_unref (chooser);
}

static void
import_programming_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  choose_file_to_import (TRJ_WINDOW (widget), _("Import a Programming File"), _("_Import"),
                         _("Spreadsheets (.xlsx)"), "*.xlsx", NULL,
                         G_CALLBACK (import_programming_response_cb));
}

static void
national_view_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (trj_national_window_new (application)));
}

void
trj_exchange_actions_install (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.import-csv", NULL, import_csv_activated);
  gtk_widget_class_install_action (window_class, "win.export-programming", NULL,
                                   export_programming_activated);
  gtk_widget_class_install_action (window_class, "win.import-programming", NULL,
                                   import_programming_activated);
  gtk_widget_class_install_action (window_class, "win.national-view", NULL, national_view_activated);
}
