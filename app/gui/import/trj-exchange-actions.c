/* trj-exchange-actions.c — see trj-exchange-actions.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-exchange-actions.h"
#include "trj-import-dialog.h"
#include "trj-national-window.h"
#include "trj-programming.h"
#include "trj-window.h"

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

static void
import_csv_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *window = TRJ_WINDOW (widget);
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
  gtk_file_filter_set_name (filter, _("CSV tables"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  chooser = gtk_file_chooser_native_new (_("Import Lines"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
  gtk_widget_class_install_action (window_class, "win.national-view", NULL, national_view_activated);
}
