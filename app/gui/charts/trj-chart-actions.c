/* trj-chart-actions.c — see trj-chart-actions.h */
#include "config.h"

#include "trj-chart-actions.h"
#include "trj-charts-page.h"
#include "trj-presentation-window.h"
#include "trj-report-print.h"
#include "trj-window.h"

/* The envelope whose page is shown, NULL on the summary or the charts. */
static const char *
visible_envelope (TrjWindow *window)
{
  const TrjScenario *scenario = trj_document_get_scenario (trj_window_get_document (window));
  GtkWidget *visible = trj_window_get_visible_page (window);

  for (guint e = 0; visible != NULL && e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      if (trj_window_get_page (window, env->id) == visible)
        return env->id;
    }
  return NULL;
}

static void
present_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TrjWindow *window = TRJ_WINDOW (widget);
  GtkWidget *charts = trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME);
  TrjPresentationWindow *presentation;

  if (trj_window_get_document (window) == NULL)
    return;
  /* From the charts page, the chart shown; elsewhere, the envelope's trajectory. */
  if (charts != NULL && gtk_widget_get_mapped (charts))
    {
      trj_charts_page_present (TRJ_CHARTS_PAGE (charts));
      return;
    }
  presentation = trj_presentation_window_new (GTK_WINDOW (window), trj_window_get_document (window),
                                              visible_envelope (window), TRJ_CHART_TRAJECTORY);
  gtk_window_present (GTK_WINDOW (presentation));
}

static void
report_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TrjDocument *document = trj_window_get_document (TRJ_WINDOW (widget));

  if (document == NULL)
    return;
  if (g_str_equal (action_name, "win.print"))
    trj_report_print_run (widget, document);
  else
    trj_report_export_run (widget, document);
}

static void
show_charts_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TrjWindow *window = TRJ_WINDOW (widget);
  const char *envelope = NULL;
  GtkWidget *charts;

  if (trj_window_get_document (window) == NULL)
    return;
  /* The charts open on the envelope being edited. */
  envelope = visible_envelope (window);
  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  charts = trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME);
  if (charts != NULL && envelope != NULL)
    trj_charts_page_set_envelope (TRJ_CHARTS_PAGE (charts), envelope);
}

void
trj_chart_actions_install (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.show-charts", NULL, show_charts_activated);
  gtk_widget_class_install_action (window_class, "win.present", NULL, present_activated);
  gtk_widget_class_install_action (window_class, "win.print", NULL, report_activated);
  gtk_widget_class_install_action (window_class, "win.export-report", NULL, report_activated);
}
