/* trj-chart-document.c — see trj-chart-document.h */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trj-chart-document.h"
#include "trj-landing.h"

char *
trj_chart_document_scenario_name (TrjDocument *document)
{
  return trj_workbook_get_scenario_name (trj_document_get_workbook (document),
                                         trj_document_get_scenario_id (document));
}

char *
trj_chart_document_file_stem (TrjDocument *document)
{
  g_autofree char *name = trj_chart_document_scenario_name (document);
  const char *region = trj_document_get_scenario (document)->region;
  char *stem = name != NULL ? g_strdup_printf ("%s - %s", region, name) : g_strdup (region);

  /* Scenario names are free text: keep them out of the folder structure. */
  return g_strdelimit (stem, "/\\", '-');
}

typedef struct {
  TrjScenario *scenario;
  TrjResult *result;
  char *name;
} Other;

static void
other_clear (Other *other)
{
  g_clear_pointer (&other->scenario, trj_scenario_free);
  g_clear_pointer (&other->result, trj_result_free);
  g_clear_pointer (&other->name, g_free);
}

/* Every scenario of the workbook, the current one as the document has it. */
static GArray *
all_scenarios (TrjDocument *document, GError **error)
{
  TrjWorkbook *workbook = trj_document_get_workbook (document);
  g_autoptr(GPtrArray) infos = trj_workbook_list_scenarios (workbook);
  g_autoptr(GArray) others = g_array_new (FALSE, TRUE, sizeof (Other));

  g_array_set_clear_func (others, (GDestroyNotify) other_clear);
  for (guint i = 0; i < infos->len; i++)
    {
      const TrjScenarioInfo *info = g_ptr_array_index (infos, i);
      Other other = { NULL, NULL, g_strdup (info->name) };

      if (info->id != trj_document_get_scenario_id (document))
        {
          other.scenario = trj_workbook_get_scenario (workbook, info->id, error);
          if (other.scenario == NULL)
            {
              other_clear (&other);
              return NULL;
            }
          other.result = trj_result_new (other.scenario);
          if (!trj_engine_compute (other.scenario, trj_document_get_rules (document), other.result, error))
            {
              other_clear (&other);
              return NULL;
            }
        }
      g_array_append_val (others, other);
    }
  return g_steal_pointer (&others);
}

TrjChartModel *
trj_chart_document_build_model (TrjDocument   *document,
                                TrjChartKind   kind,
                                const char    *envelope_id,
                                TrjChartGroup  group,
                                GError       **error)
{
  g_autofree char *name = trj_chart_document_scenario_name (document);
  TrjChartRequest request = { kind, envelope_id, group, NULL };
  g_autoptr(GArray) others = NULL;
  g_autofree TrjChartSource *sources = NULL;

  if (trj_document_get_error (document) != NULL)
    {
      g_propagate_error (error, g_error_copy (trj_document_get_error (document)));
      return NULL;
    }
  /* The landing of the reference (MODEL 8) with the workbook's actuals. */
  if (kind == TRJ_CHART_LANDING)
    return trj_landing_chart_model (document, envelope_id, error);
  if (kind != TRJ_CHART_OVERLAY)
    {
      TrjChartSource source = { trj_document_get_scenario (document), trj_document_get_result (document), name };

      return trj_chart_model_build (&request, &source, 1, error);
    }

  others = all_scenarios (document, error);
  if (others == NULL)
    return NULL;
  sources = g_new0 (TrjChartSource, MAX (others->len, 1));
  for (guint i = 0; i < others->len; i++)
    {
      const Other *other = &g_array_index (others, Other, i);

      sources[i].name = other->name;
      sources[i].scenario = other->scenario != NULL ? other->scenario : trj_document_get_scenario (document);
      sources[i].result = other->result != NULL ? other->result : trj_document_get_result (document);
    }
  return trj_chart_model_build (&request, sources, others->len, error);
}

TrjReport *
trj_chart_document_build_report (TrjDocument *document, GError **error)
{
  g_autofree char *name = trj_chart_document_scenario_name (document);
  g_autoptr(TrjReport) report = trj_report_new (trj_document_get_scenario (document), name, NULL, error);
  g_autofree char *reference_name = NULL;
  TrjScenario *reference = NULL;
  TrjLanding *landing;

  if (report == NULL)
    return NULL;
  /* With actuals, the realised and projected charts of the landing (MODEL 8). */
  landing = trj_landing_for_document (document, TRJ_PROJECTION_OBSERVED, &reference, &reference_name, error);
  if (landing == NULL)
    return error == NULL || *error == NULL ? g_steal_pointer (&report) : NULL;
  if (!trj_report_add_landing (report, reference, reference_name, landing, error))
    return NULL;
  return g_steal_pointer (&report);
}

void
trj_chart_show_done (GtkWidget *parent, const char *message)
{
  /* The main window's toasts (win.toast); the presentation window has none. */
  gtk_widget_activate_action (parent, "win.toast", "s", message);
}

void
trj_chart_show_error (GtkWidget *parent, const char *heading, const GError *error)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
