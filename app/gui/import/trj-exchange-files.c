/* trj-exchange-files.c — see trj-exchange-files.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-exchange-files.h"
#include "trj-formula-book.h"
#include "trj-import-dialog.h"
#include "trj-programming.h"
#include "trj-file-chooser.h"

/* The parent window shows the message (its win.toast action). */
static void
toast (GtkWindow *parent, const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
}

/* What a file chooser's response needs: its parent and the document, which
 * the window may close meanwhile, and what an open chooser does with the file. */
typedef struct {
  GtkWindow *parent;
  TrjDocument *document;
  TrjExchangeOpenFunc opened;
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  g_object_unref (chooser->parent);
  g_object_unref (chooser->document);
  g_free (chooser);
}

static Chooser *
chooser_new (GtkWindow *parent, TrjDocument *document, TrjExchangeOpenFunc opened)
{
  Chooser *chooser = g_new (Chooser, 1);

  chooser->parent = g_object_ref (parent);
  chooser->document = g_object_ref (document);
  chooser->opened = opened;
  return chooser;
}

static void
open_response_cb (GtkNativeDialog *native, int response, Chooser *chooser)
{
  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (native), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (native));

      chooser->opened (chooser->parent, chooser->document, file);
    }
  g_object_unref (native);
}

void
trj_exchange_choose_file_to_import (GtkWindow           *parent,
                                    TrjDocument         *document,
                                    const char          *title,
                                    const char          *accept_label,
                                    const char          *filter_name,
                                    const char          *pattern,
                                    const char          *mime_type,
                                    TrjExchangeOpenFunc  opened)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  if (trj_workbook_is_read_only (trj_document_get_workbook (document)))
    {
      toast (parent, trj_workbook_get_read_only_reason (trj_document_get_workbook (document)));
      return;
    }
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, accept_label, NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_data (native, "response", G_CALLBACK (open_response_cb),
                         chooser_new (parent, document, opened), (GClosureNotify) chooser_free, 0);
  trj_file_chooser_show (native);
}

static void
open_import_dialog (GtkWindow *parent, TrjDocument *document, GFile *file)
{
  TrjImportDialog *dialog = trj_import_dialog_new (document, file);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
trj_exchange_choose_csv_import (GtkWindow *parent, TrjDocument *document)
{
  trj_exchange_choose_file_to_import (parent, document, _("Import Lines"), _("_Open"), _("CSV tables"),
                                      "*.csv", "text/csv", open_import_dialog);
}

/* Writes the document's current scenario at path (what an export chooser does). */
typedef gboolean (*ExportFunc) (TrjDocument *document, const char *path, GError **error);

typedef struct {
  Chooser chooser;
  ExportFunc write;
  const char *done;   /* the toast on success, translated */
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->chooser.parent);
  g_object_unref (export->chooser.document);
  g_free (export);
}

static void
export_response_cb (GtkNativeDialog *native, int response, Export *export)
{
  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (native), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && export->write (export->chooser.document, path, &error))
        toast (export->chooser.parent, export->done);
      else
        toast (export->chooser.parent, error != NULL ? error->message
                                                     : _("The file can only be saved to a local file"));
    }
  g_object_unref (native);
}

/* A save chooser for an .xlsx of the current scenario, named after it. */
static void
choose_xlsx_export (GtkWindow *parent, TrjDocument *document, const char *title,
                    const char *suggested_name, ExportFunc write, const char *done)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Export *export = g_new (Export, 1);
  GtkFileChooserNative *native;

  export->chooser.parent = g_object_ref (parent);
  export->chooser.document = g_object_ref (document);
  export->chooser.opened = NULL;
  export->write = write;
  export->done = done;
  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx)"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect_data (native, "response", G_CALLBACK (export_response_cb),
                         export, (GClosureNotify) export_free, 0);
  trj_file_chooser_show (native);
}

static gboolean
write_programming (TrjDocument *document, const char *path, GError **error)
{
  g_autofree char *name = trj_workbook_get_scenario_name (trj_document_get_workbook (document),
                                                          trj_document_get_scenario_id (document));
  g_autoptr(TrjSentVersion) sent = trj_workbook_get_sent (trj_document_get_workbook (document),
                                                          trj_document_get_scenario_id (document),
                                                          NULL);
  g_autofree char *sent_text = sent != NULL ? trj_sent_version_describe (sent) : NULL;
  TrjProgrammingInfo info = { name, NULL, sent_text };

  return trj_programming_write_xlsx (trj_document_get_scenario (document), &info, path, error);
}

void
trj_exchange_choose_programming_export (GtkWindow *parent, TrjDocument *document)
{
  /* TRANSLATORS: suggested file name; %s is the region, %d the year */
  g_autofree char *name = g_strdup_printf (_("programming %s %d.xlsx"), trj_document_get_scenario (document)->region,
                                           trj_document_get_scenario (document)->year);

  choose_xlsx_export (parent, document, _("Export the Programming File"), name, write_programming,
                      _("Programming file exported"));
}

static gboolean
write_formula_book (TrjDocument *document, const char *path, GError **error)
{
  g_autofree char *name = trj_workbook_get_scenario_name (trj_document_get_workbook (document),
                                                          trj_document_get_scenario_id (document));
  const TrjScenario *scenario = trj_document_get_scenario (document);
  const char *names[1] = { name };

  return trj_formula_book_write (&scenario, names, 1, path, error);
}

void
trj_exchange_choose_formula_book_export (GtkWindow *parent, TrjDocument *document)
{
  /* TRANSLATORS: suggested file name; %s is the region, %d the year */
  g_autofree char *name = g_strdup_printf (_("computation workbook %s %d.xlsx"),
                                           trj_document_get_scenario (document)->region,
                                           trj_document_get_scenario (document)->year);

  choose_xlsx_export (parent, document, _("Export as a Computation Workbook"), name, write_formula_book,
                      _("Computation workbook exported"));
}

gint64
trj_exchange_import_programming (TrjDocument *document, GFile *file, GError **error)
{
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
import_programming_file (GtkWindow *parent, TrjDocument *document, GFile *file)
{
  g_autoptr(GError) error = NULL;

  if (trj_exchange_import_programming (document, file, &error) != 0)
    toast (parent, _("Programming file imported as a new scenario"));
  else
    toast (parent, error->message);
}

void
trj_exchange_choose_programming_import (GtkWindow *parent, TrjDocument *document)
{
  trj_exchange_choose_file_to_import (parent, document, _("Import a Programming File"), _("_Import"),
                                      _("Spreadsheets (.xlsx)"), "*.xlsx", NULL,
                                      import_programming_file);
}
