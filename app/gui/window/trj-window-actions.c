/* trj-window-actions.c — the window's actions (see trj-window.h), and their state
 *
 * Accelerators are declared with the application's (trj-application.c).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-window.h"
#include "trj-window-private.h"
#include "trj-catalog.h"
#include "trj-envelope-page.h"
#include "trj-charts-page.h"
#include "trj-exchange-files.h"
#include "trj-hypotheses-window.h"
#include "trj-ddets-files.h"
#include "trj-national-window.h"
#include "trj-presentation-window.h"
#include "trj-report-print.h"
#include "trj-year.h"
#include "trj-landing.h"
#include "trj-compare-window.h"
#include "trj-actuals-window.h"
#include "trj-drift.h"
#include "trj-tooltip.h"

void
trj_window_update_actions (TrjWindow *self)
{
  TrjWorkbook *wb = self->document != NULL ? trj_document_get_workbook (self->document) : NULL;
  gboolean writable = wb != NULL && !trj_workbook_is_read_only (wb);
  /* A version sent is frozen (MODEL 9): only duplicated. */
  gboolean frozen = writable && trj_workbook_is_frozen (wb, trj_document_get_scenario_id (self->document));
  const char *undo_label = wb != NULL ? trj_workbook_get_undo_label (wb) : NULL;
  const char *redo_label = wb != NULL ? trj_workbook_get_redo_label (wb) : NULL;
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", writable && trj_workbook_can_undo (wb));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", writable && trj_workbook_can_redo (wb));
  /* TRANSLATORS: tooltip of the undo button, %s is the edit ("Modifier le taux") */
  undo_tip = undo_label != NULL ? g_strdup_printf (_("Undo “%s”"), undo_label) : g_strdup (_("Undo"));
  /* TRANSLATORS: tooltip of the redo button, %s is the edit */
  redo_tip = redo_label != NULL ? g_strdup_printf (_("Redo “%s”"), redo_label) : g_strdup (_("Redo"));
  trj_tooltip_set_text (self->undo_button, undo_tip);
  trj_tooltip_set_text (self->redo_button, redo_tip);

  for (const char * const *a = (const char * const[]) { "win.add-line", "win.duplicate-line",
         "win.remove-line", "win.line-note", "win.solve", "win.solve-envelope", "win.edit-notification",
         "win.scenario-rename",
         "win.scenario-delete", "win.mark-sent", "win.ddets-integrate", NULL }; *a != NULL; a++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), *a, writable && !frozen);
  /* MODEL 3: FDI has no credits of its own; its envelope is added when wanted. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-fdi",
                                 writable && !frozen
                                 && trj_document_get_envelope (self->document, trj_catalog_fdi_envelope ()) == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.scenario-duplicate", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-actuals", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ddets-prepare", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sent-history", wb != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.landing", wb != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", wb != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.actuals-grid", wb != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reprogram", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.prescriber-message", wb != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", wb != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-summary", wb != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.hypotheses", wb != NULL);
}

/* ── Actions ─────────────────────────────────────────────────────────── */

static void
undo_redo_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  TrjWorkbook *wb;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->document == NULL)
    return;
  wb = trj_document_get_workbook (self->document);
  ok = g_str_equal (action_name, "win.undo") ? trj_workbook_undo (wb, &error)
                                             : trj_workbook_redo (wb, &error);
  if (!ok)
    trj_window_toast_error (self, error);
}

static void
line_action_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  TrjEnvelopePage *page = (TrjEnvelopePage *) trj_window_get_visible_page (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (page == NULL)
    return;
  if (g_str_equal (action_name, "win.add-line"))
    ok = trj_envelope_page_add_line (page, &error);
  else if (g_str_equal (action_name, "win.duplicate-line"))
    ok = trj_envelope_page_duplicate_line (page, &error);
  else if (g_str_equal (action_name, "win.remove-line"))
    ok = trj_envelope_page_remove_line (page, &error);
  else if (g_str_equal (action_name, "win.line-note") && trj_envelope_page_edit_note (page) == NULL
           && trj_envelope_page_get_cursor_line (page) == NULL)
    trj_window_toast (self, _("Put the cursor on a line to write its note."));
  else if (g_str_equal (action_name, "win.solve") && trj_envelope_page_solve (page) == NULL)
    trj_window_toast (self, _("Put the cursor on a line of contracts (PEC, CIE) to adjust it."));
  else if (g_str_equal (action_name, "win.solve-envelope"))
    trj_envelope_page_solve_envelope (page);
  else if (g_str_equal (action_name, "win.edit-notification"))
    trj_envelope_page_edit_notification (page);
  if (!ok)
    trj_window_toast_error (self, error);
}

static void
show_summary_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  trj_window_show_envelope (TRJ_WINDOW (widget), NULL);
}

static gboolean
save_copy_path_chosen (TrjWindow *self, const char *path, gpointer data)
{
  g_autoptr(GError) error = NULL;

  if (!trj_workbook_save_copy (trj_document_get_workbook (self->document), path, &error))
    {
      trj_window_toast_error (self, error);
      return FALSE;
    }
  trj_window_toast (self, _("Copy saved"));
  return TRUE;
}

static void
save_copy_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;
  base = g_path_get_basename (trj_workbook_get_path (trj_document_get_workbook (self->document)));
  if (g_str_has_suffix (base, "." TRJ_WORKBOOK_EXTENSION))
    base[strlen (base) - strlen ("." TRJ_WORKBOOK_EXTENSION)] = '\0';
  /* TRANSLATORS: suggested name of a copy of a workbook, %s is its name */
  name = g_strdup_printf (_("%s (copy).trajectoire"), base);
  trj_window_choose_save_path (self, _("Save a Copy"), name, save_copy_path_chosen, NULL, NULL);
}

static void
scenario_duplicate_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GError) error = NULL;
  gint64 id = trj_workbook_duplicate_scenario (wb, trj_document_get_scenario_id (self->document),
                                               NULL, &error);

  if (id == 0 || !trj_workbook_set_current_scenario (wb, id, &error))
    trj_window_toast_error (self, error);
}

/* « Ajouter l'enveloppe FDI »: an empty envelope at 0 €, whose lines are funded
 * from the margins of others (MODEL 3), shown at once. */
static void
add_fdi_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;
  if (trj_document_get_envelope (self->document, trj_catalog_fdi_envelope ()) == NULL
      && !trj_workbook_add_envelope (trj_document_get_workbook (self->document),
                                  trj_document_get_scenario_id (self->document),
                                  trj_catalog_fdi_envelope (), &error))
    {
      trj_window_toast_error (self, error);
      return;
    }
  trj_window_show_envelope (self, trj_catalog_fdi_envelope ());
}

static void
scenario_delete_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!trj_workbook_delete_scenario (wb, trj_document_get_scenario_id (self->document), &error))
    {
      trj_window_toast_error (self, error);
      return;
    }
  /* Deleting is undoable: say so rather than asking first. */
  toast = adw_toast_new (_("Scenario deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
rename_response_cb (AdwMessageDialog *dialog, const char *response, TrjWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "rename")
      && !trj_workbook_rename_scenario (trj_document_get_workbook (self->document),
                                        trj_document_get_scenario_id (self->document),
                                        gtk_editable_get_text (entry), &error))
    trj_window_toast_error (self, error);
}

static void
scenario_rename_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autofree char *name = trj_workbook_get_scenario_name (wb, trj_document_get_scenario_id (self->document));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename the Scenario"), NULL);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), name != NULL ? name : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (rename_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── The year after the programming (app/gui/year) ─────────────────── */

static void
year_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "win.mark-sent"))
    gtk_window_present (GTK_WINDOW (trj_send_dialog_new (GTK_WINDOW (self), self->document)));
  else if (g_str_equal (action_name, "win.sent-history"))
    gtk_window_present (GTK_WINDOW (trj_sent_window_new (GTK_WINDOW (self), self->document)));
  else if (g_str_equal (action_name, "win.reprogram"))
    trj_landing_reprogram (GTK_WINDOW (self), self->document);
  else if (g_str_equal (action_name, "win.landing"))
    gtk_window_present (GTK_WINDOW (trj_landing_window_new (GTK_WINDOW (self), self->document)));
  else if (g_str_equal (action_name, "win.compare"))
    gtk_window_present (GTK_WINDOW (trj_compare_window_new (GTK_WINDOW (self), self->document)));
  else if (g_str_equal (action_name, "win.actuals-grid"))
    gtk_window_present (GTK_WINDOW (trj_actuals_window_new (GTK_WINDOW (self), self->document)));
  else if (g_str_equal (action_name, "win.prescriber-message"))
    trj_drift_choose_messages_export (GTK_WINDOW (self), self->document);
  else
    trj_year_choose_actuals_import (GTK_WINDOW (self), self->document);
}

/* ── The scenario's rules (app/gui/scenario) ──────────────────────────── */

static void
hypotheses_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  if (self->document == NULL)
    return;
  gtk_window_present (GTK_WINDOW (trj_hypotheses_window_new (GTK_WINDOW (self), self->document)));
}

/* ── Charts, presentation and report (app/gui/charts) ─────────────────── */

/* The envelope whose page is shown, NULL on the summary or the charts. */
static const char *
visible_envelope (TrjWindow *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  GtkWidget *visible = trj_window_get_visible_page (self);

  for (guint e = 0; visible != NULL && e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      if (trj_window_get_page (self, env->id) == visible)
        return env->id;
    }
  return NULL;
}

static void
show_charts_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  const char *envelope;
  GtkWidget *charts;

  if (self->document == NULL)
    return;
  /* The charts open on the envelope being edited. */
  envelope = visible_envelope (self);
  trj_window_show_envelope (self, TRJ_CHARTS_PAGE_NAME);
  charts = trj_window_get_page (self, TRJ_CHARTS_PAGE_NAME);
  if (charts != NULL && envelope != NULL)
    trj_charts_page_set_envelope (TRJ_CHARTS_PAGE (charts), envelope);
}

static void
present_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  GtkWidget *charts = trj_window_get_page (self, TRJ_CHARTS_PAGE_NAME);
  TrjPresentationWindow *presentation;

  if (self->document == NULL)
    return;
  /* From the charts page, the chart shown; elsewhere, the envelope's trajectory. */
  if (charts != NULL && gtk_widget_get_mapped (charts))
    {
      trj_charts_page_present (TRJ_CHARTS_PAGE (charts));
      return;
    }
  presentation = trj_presentation_window_new (GTK_WINDOW (self), self->document,
                                              visible_envelope (self), TRJ_CHART_TRAJECTORY);
  gtk_window_present (GTK_WINDOW (presentation));
}

static void
report_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "win.print"))
    trj_report_print_run (widget, self->document);
  else
    trj_report_export_run (widget, self->document);
}

/* « Imprimer les grilles… »: those of the envelope shown. */
static void
print_grid_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;
  if (!TRJ_IS_ENVELOPE_PAGE (page))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Show an envelope to print its grids")));
      return;
    }
  operation = trj_envelope_page_print_operation (TRJ_ENVELOPE_PAGE (page));
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    trj_window_toast_error (self, error);
}

/* ── File exchanges (app/gui/import, app/gui/national) ───────────────── */

static void
exchange_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "win.import-csv"))
    trj_exchange_choose_csv_import (GTK_WINDOW (self), self->document);
  else if (g_str_equal (action_name, "win.export-programming"))
    trj_exchange_choose_programming_export (GTK_WINDOW (self), self->document);
  else if (g_str_equal (action_name, "win.export-formula-book"))
    trj_exchange_choose_formula_book_export (GTK_WINDOW (self), self->document);
  else
    trj_exchange_choose_programming_import (GTK_WINDOW (self), self->document);
}

/* ── The DDETS' files (app/gui/ddets, issue 16) ───────────────────────── */

static void
ddets_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "win.ddets-prepare"))
    trj_ddets_choose_prepare (GTK_WINDOW (self), self->document);
  else
    trj_ddets_choose_integrate (GTK_WINDOW (self), self->document);
}

static void
national_view_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (trj_national_window_new (application)));
}

/* Features tell their outcome in the window they were given (trj-exchange-files.c). */
static void
toast_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  trj_window_toast (TRJ_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
focus_region_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  trj_window_focus_region (TRJ_WINDOW (widget), g_str_equal (action_name, "win.focus-next-region") ? 1 : -1);
}

void
trj_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.focus-next-region", NULL, focus_region_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-region", NULL, focus_region_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_redo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_redo_activated);
  gtk_widget_class_install_action (widget_class, "win.add-line", NULL, line_action_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate-line", NULL, line_action_activated);
  gtk_widget_class_install_action (widget_class, "win.line-note", NULL, line_action_activated);
  gtk_widget_class_install_action (widget_class, "win.remove-line", NULL, line_action_activated);
  gtk_widget_class_install_action (widget_class, "win.solve", NULL, line_action_activated);
  gtk_widget_class_install_action (widget_class, "win.solve-envelope", NULL, line_action_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-notification", NULL, line_action_activated);
  gtk_widget_class_install_action (widget_class, "win.show-summary", NULL, show_summary_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.scenario-duplicate", NULL, scenario_duplicate_activated);
  gtk_widget_class_install_action (widget_class, "win.scenario-rename", NULL, scenario_rename_activated);
  gtk_widget_class_install_action (widget_class, "win.scenario-delete", NULL, scenario_delete_activated);
  gtk_widget_class_install_action (widget_class, "win.add-fdi", NULL, add_fdi_activated);
  gtk_widget_class_install_action (widget_class, "win.mark-sent", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.sent-history", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.import-actuals", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.landing", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.reprogram", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.hypotheses", NULL, hypotheses_activated);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.actuals-grid", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.prescriber-message", NULL, year_activated);
  gtk_widget_class_install_action (widget_class, "win.show-charts", NULL, show_charts_activated);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "win.print-grid", NULL, print_grid_activated);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, exchange_activated);
  gtk_widget_class_install_action (widget_class, "win.export-programming", NULL, exchange_activated);
  gtk_widget_class_install_action (widget_class, "win.export-formula-book", NULL, exchange_activated);
  gtk_widget_class_install_action (widget_class, "win.import-programming", NULL, exchange_activated);
  gtk_widget_class_install_action (widget_class, "win.ddets-prepare", NULL, ddets_activated);
  gtk_widget_class_install_action (widget_class, "win.ddets-integrate", NULL, ddets_activated);
  gtk_widget_class_install_action (widget_class, "win.national-view", NULL, national_view_activated);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_activated);
}
