/* trj-charts-page.c — see trj-charts-page.h */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trj-charts-page.h"
#include "trj-a11y.h"
#include "trj-chart-document.h"
#include "trj-chart-export-dialog.h"
#include "trj-presentation-window.h"
#include "trj-report-print.h"

struct _TrjChartsPage
{
  GtkWidget parent_instance;

  TrjDocument *document;
  GtkDropDown *envelope_dropdown;
  GtkDropDown *kind_dropdown;
  GtkDropDown *group_dropdown;
  GtkStack *stack;
  TrjChartView *view;
  AdwStatusPage *message;
  GPtrArray *envelope_ids;   /* char*, NULL first: the region */
  gboolean filling;
};

G_DEFINE_FINAL_TYPE (TrjChartsPage, trj_charts_page, GTK_TYPE_WIDGET)

const char *
trj_charts_page_get_envelope (TrjChartsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->envelope_dropdown);

  return i < self->envelope_ids->len ? g_ptr_array_index (self->envelope_ids, i) : NULL;
}

TrjChartKind
trj_charts_page_get_kind (TrjChartsPage *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  return kind < TRJ_N_CHART_KINDS ? kind : TRJ_CHART_TRAJECTORY;
}

TrjChartView *
trj_charts_page_get_view (TrjChartsPage *self)
{
  return self->view;
}

static TrjChartGroup
current_group (TrjChartsPage *self)
{
  return gtk_drop_down_get_selected (self->group_dropdown) == 1 ? TRJ_CHART_BY_PRESCRIBER : TRJ_CHART_BY_DEPARTEMENT;
}

static TrjChartModel *
build_model (TrjChartsPage *self, GError **error)
{
  return trj_chart_document_build_model (self->document, trj_charts_page_get_kind (self),
                                         trj_charts_page_get_envelope (self), current_group (self), error);
}

static void
refresh (TrjChartsPage *self)
{
  g_autoptr(GError) error = NULL;
  TrjChartModel *model;

  if (self->filling)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->group_dropdown), trj_charts_page_get_kind (self) == TRJ_CHART_BREAKDOWN);
  model = build_model (self, &error);
  trj_chart_view_set_model (self->view, model);
  if (model == NULL)
    adw_status_page_set_description (self->message, error->message);
  gtk_stack_set_visible_child (self->stack, model != NULL ? GTK_WIDGET (self->view) : GTK_WIDGET (self->message));
}

/* Rebuilds the envelope list when the scenario's envelopes changed, keeping
 * the selection where it can. */
static void
fill_envelopes (TrjChartsPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  g_autofree char *selected = g_strdup (self->envelope_ids->len > 0 ? trj_charts_page_get_envelope (self) : NULL);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  gboolean same = self->envelope_ids->len == scenario->envelopes->len + 1;
  guint selection = 0;

  for (guint e = 0; same && e < scenario->envelopes->len; e++)
    same = g_strcmp0 (g_ptr_array_index (self->envelope_ids, e + 1),
                      ((const TrjEnvelope *) g_ptr_array_index (scenario->envelopes, e))->id) == 0;
  if (same)
    return;

  g_ptr_array_set_size (self->envelope_ids, 0);
  g_ptr_array_add (self->envelope_ids, NULL);
  gtk_string_list_append (titles, trj_chart_envelope_title (NULL));
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      g_ptr_array_add (self->envelope_ids, g_strdup (env->id));
      gtk_string_list_append (titles, trj_chart_envelope_title (env->id));
      if (g_strcmp0 (env->id, selected) == 0)
        selection = e + 1;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->envelope_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->envelope_dropdown, selection);
  self->filling = FALSE;
}

static void
document_updated_cb (TrjChartsPage *self, guint changes)
{
  fill_envelopes (self);
  refresh (self);
}

void
trj_charts_page_set_envelope (TrjChartsPage *self, const char *envelope_id)
{
  g_return_if_fail (TRJ_IS_CHARTS_PAGE (self));
  for (guint i = 0; i < self->envelope_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->envelope_ids, i), envelope_id) == 0)
      gtk_drop_down_set_selected (self->envelope_dropdown, i);
}

void
trj_charts_page_set_kind (TrjChartsPage *self, TrjChartKind kind)
{
  g_return_if_fail (TRJ_IS_CHARTS_PAGE (self));
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

GtkWindow *
trj_charts_page_present (TrjChartsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TrjPresentationWindow *window = trj_presentation_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               self->document,
                                                               trj_charts_page_get_envelope (self),
                                                               trj_charts_page_get_kind (self));

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
export_image_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TrjChartsPage *self = TRJ_CHARTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = trj_chart_document_file_stem (self->document);
  /* A model of its own: the page's follows the edits made meanwhile. */
  TrjChartModel *model = build_model (self, &error);

  if (model == NULL)
    trj_chart_show_error (widget, _("The image could not be exported"), error);
  else
    trj_chart_export_dialog_run (widget, model, stem);
}

static void
report_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TrjChartsPage *self = TRJ_CHARTS_PAGE (widget);

  if (g_str_equal (action_name, "charts.print"))
    trj_report_print_run (widget, self->document);
  else
    trj_report_export_run (widget, self->document);
}

static void
present_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  trj_charts_page_present (TRJ_CHARTS_PAGE (widget));
}

static GtkDropDown *
dropdown_new (const char *const *items, const char *accessible_label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (items));

  trj_a11y_set_label (GTK_WIDGET (dropdown), accessible_label);
  return dropdown;
}

static GMenuModel *
chart_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) exports = g_menu_new ();
  g_autoptr(GMenu) presentation = g_menu_new ();

  g_menu_append (exports, _("Export the _Image…"), "charts.export-image");
  g_menu_append (exports, _("Export the _Report…"), "charts.export-report");
  g_menu_append (exports, _("_Print the Report…"), "charts.print");
  g_menu_append (presentation, _("P_resentation Mode"), "charts.present");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (exports));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (presentation));
  return G_MENU_MODEL (menu);
}

TrjChartsPage *
trj_charts_page_new (TrjDocument *document)
{
  TrjChartsPage *self = g_object_new (TRJ_TYPE_CHARTS_PAGE, NULL);

  self->document = g_object_ref (document);
  g_signal_connect_object (document, "updated", G_CALLBACK (document_updated_cb), self, G_CONNECT_SWAPPED);
  fill_envelopes (self);
  refresh (self);
  return self;
}

static void
trj_charts_page_dispose (GObject *object)
{
  TrjChartsPage *self = TRJ_CHARTS_PAGE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_pointer (&self->envelope_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (trj_charts_page_parent_class)->dispose (object);
}

static void
trj_charts_page_class_init (TrjChartsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_charts_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trj-charts-page");
  gtk_widget_class_install_action (widget_class, "charts.export-image", NULL, export_image_activated);
  gtk_widget_class_install_action (widget_class, "charts.export-report", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "charts.print", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "charts.present", NULL, present_activated);
}

static void
trj_charts_page_init (TrjChartsPage *self)
{
  const char *kinds[TRJ_N_CHART_KINDS + 1] = { NULL };
  const char *groups[] = { _("By département"), _("By prescriber"), NULL };
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *present_button = gtk_button_new_from_icon_name ("view-fullscreen-symbolic");
  g_autoptr(GMenuModel) menu = chart_menu_new ();

  for (guint k = 0; k < TRJ_N_CHART_KINDS; k++)
    kinds[k] = trj_chart_kind_title (k);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->envelope_ids = g_ptr_array_new_with_free_func (g_free);

  self->envelope_dropdown = dropdown_new ((const char *[]) { NULL }, _("Envelope"));
  self->kind_dropdown = dropdown_new (kinds, _("Chart"));
  self->group_dropdown = dropdown_new (groups, _("Breakdown"));
  g_signal_connect_swapped (self->envelope_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->group_dropdown, "notify::selected", G_CALLBACK (refresh), self);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_tooltip_text (menu_button, _("Chart Menu"));
  trj_a11y_set_label (menu_button, _("Chart Menu"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (present_button), "charts.present");
  gtk_widget_set_tooltip_text (present_button, _("Presentation Mode (F5)"));
  trj_a11y_set_label (present_button, _("Presentation Mode"));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->envelope_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->kind_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->group_dropdown));
  gtk_box_append (GTK_BOX (toolbar), spacer);
  gtk_box_append (GTK_BOX (toolbar), present_button);
  gtk_box_append (GTK_BOX (toolbar), menu_button);
  gtk_widget_set_parent (toolbar, GTK_WIDGET (self));

  self->view = TRJ_CHART_VIEW (trj_chart_view_new ());
  self->message = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->message, "dialog-information-symbolic");
  adw_status_page_set_title (self->message, _("No Chart to Show"));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->view));
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->message));
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}
