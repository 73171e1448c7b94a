/* trj-report-print.h — the programming report from the application: printed
 * (GtkPrintOperation) or exported as PDF; both draw the pages of trj-report. */
#pragma once

#include <gtk/gtk.h>

#include "trj-document.h"
#include "trj-report.h"

G_BEGIN_DECLS

/* « Imprimer le rapport… »: A4 landscape, the print dialog first. */
void trj_report_print_run  (GtkWidget *parent, TrjDocument *document);
/* A print operation that draws the report's pages on A4 landscape paper
 * (takes ownership of report). */
GtkPrintOperation *trj_report_print_operation_new (TrjReport *report, const char *job_name);
/* « Exporter le rapport… »: a PDF file chosen with the native file chooser. */
void trj_report_export_run (GtkWidget *parent, TrjDocument *document);

G_END_DECLS
