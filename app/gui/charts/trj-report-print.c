/* trj-report-print.c — see trj-report-print.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-report-print.h"
#include "trj-chart-document.h"
#include "trj-file-chooser.h"

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page, TrjReport *report)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  trj_report_render_page (report, gtk_print_context_get_cairo_context (context), pango,
                          gtk_print_context_get_width (context), gtk_print_context_get_height (context), page);
  g_object_unref (pango);
}

GtkPrintOperation *
trj_report_print_operation_new (TrjReport *report, const char *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report draws its own margins, page numbers included. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, trj_report_get_n_pages (report));
  gtk_print_operation_set_job_name (operation, job_name);
  g_object_set_data_full (G_OBJECT (operation), "trj-report", report, (GDestroyNotify) trj_report_free);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), report);
  return operation;
}

void
trj_report_print_run (GtkWidget *parent, TrjDocument *document)
{
  g_autoptr(GError) error = NULL;
  TrjReport *report = trj_chart_document_build_report (document, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *stem = NULL;

  if (report == NULL)
    {
      trj_chart_show_error (parent, _("The report could not be printed"), error);
      return;
    }
  stem = trj_chart_document_file_stem (document);
  operation = trj_report_print_operation_new (report, stem);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               window_of (parent), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    trj_chart_show_error (parent, _("The report could not be printed"), error);
}

typedef struct {
  GtkWidget *parent;
  TrjReport *report;
  GtkFileChooserNative *chooser;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->parent);
  trj_report_free (job->report);
  g_object_unref (job->chooser);
  g_free (job);
}

static void
export_response_cb (GtkNativeDialog *chooser, int response, ExportJob *job)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (trj_report_write_pdf (job->report, path, &error))
        trj_chart_show_done (job->parent, _("Report exported"));
      else
        trj_chart_show_error (job->parent, _("The report could not be exported"), error);
    }
  export_job_free (job);
}

void
trj_report_export_run (GtkWidget *parent, TrjDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GtkFileFilter *filter;
  ExportJob *job;
  TrjReport *report = trj_chart_document_build_report (document, &error);

  if (report == NULL)
    {
      trj_chart_show_error (parent, _("The report could not be exported"), error);
      return;
    }
  stem = trj_chart_document_file_stem (document);
  /* TRANSLATORS: suggested file name, "<region - scenario> - Programming report.pdf" */
  name = g_strdup_printf (_("%s - Programming report.pdf"), stem);
  job = g_new0 (ExportJob, 1);
  job->parent = g_object_ref (parent);
  job->report = report;
  job->chooser = gtk_file_chooser_native_new (_("Export the Report"), window_of (parent),
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  g_signal_connect (job->chooser, "response", G_CALLBACK (export_response_cb), job);
  trj_file_chooser_show (job->chooser);
}
