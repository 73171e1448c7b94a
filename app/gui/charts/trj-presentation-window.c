/* trj-presentation-window.c — see trj-presentation-window.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-presentation-window.h"
#include "trj-chart-document.h"
#include "trj-landing.h"

#define PRESENTATION_TEXT_SCALE 1.35

struct _TrjPresentationWindow
{
  GtkWindow parent_instance;

  TrjDocument *document;
  TrjChartView *view;
  GtkLabel *hint;
  GPtrArray *envelopes;     /* char*, NULL first: the region */
  GArray *kinds;            /* TrjChartKind */
  guint envelope;
  guint kind;
};

G_DEFINE_FINAL_TYPE (TrjPresentationWindow, trj_presentation_window, GTK_TYPE_WINDOW)

static const char *
current_envelope (TrjPresentationWindow *self)
{
  return g_ptr_array_index (self->envelopes, self->envelope);
}

/* The region shows trajectory, months, breakdown and comparison; an envelope
 * also its parameters (the region mixes the ranges of several envelopes). */
static gboolean
kind_applies (TrjPresentationWindow *self, TrjChartKind kind)
{
  return kind != TRJ_CHART_PARAMETERS || current_envelope (self) != NULL;
}

static void
show_current (TrjPresentationWindow *self)
{
  g_autoptr(GError) error = NULL;
  TrjChartKind kind = g_array_index (self->kinds, TrjChartKind, self->kind);
  TrjChartModel *model = trj_chart_document_build_model (self->document, kind, current_envelope (self),
                                                         TRJ_CHART_BY_DEPARTEMENT, &error);
  g_autofree char *hint = NULL;

  trj_chart_view_set_model (self->view, model);
  /* TRANSLATORS: presentation mode hint, "Chart 2 of 5 · ← → charts · ↑ ↓ envelopes · Esc to leave" */
  hint = g_strdup_printf (_("Chart %u of %u · ← → charts · ↑ ↓ envelopes · Esc to leave"),
                          self->kind + 1, self->kinds->len);
  gtk_label_set_text (self->hint, model != NULL ? hint : error->message);
}

static void
move_kind (TrjPresentationWindow *self, int delta)
{
  guint n = self->kinds->len;

  /* Skips the kinds that do not apply to the envelope shown. */
  for (guint step = 0; step < n; step++)
    {
      self->kind = (self->kind + n + delta) % n;
      if (kind_applies (self, g_array_index (self->kinds, TrjChartKind, self->kind)))
        break;
    }
  show_current (self);
}

static void
move_envelope (TrjPresentationWindow *self, int delta)
{
  guint n = self->envelopes->len;

  self->envelope = (self->envelope + n + delta) % n;
  if (!kind_applies (self, g_array_index (self->kinds, TrjChartKind, self->kind)))
    self->kind = 0;
  show_current (self);
}

gboolean
trj_presentation_window_handle_key (TrjPresentationWindow *self, guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Escape:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_space:
      move_kind (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_BackSpace:
      move_kind (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
      move_envelope (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
      move_envelope (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, TrjPresentationWindow *self)
{
  return trj_presentation_window_handle_key (self, keyval);
}

static void
document_updated_cb (TrjPresentationWindow *self, guint changes)
{
  /* An envelope removed by an edit: back to the region. */
  if (current_envelope (self) != NULL && trj_document_find_envelope (self->document, current_envelope (self)) < 0)
    {
      self->envelope = 0;
      self->kind = 0;
    }
  show_current (self);
}

TrjChartView *
trj_presentation_window_get_view (TrjPresentationWindow *self)
{
  g_return_val_if_fail (TRJ_IS_PRESENTATION_WINDOW (self), NULL);
  return self->view;
}

const char *
trj_presentation_window_get_envelope (TrjPresentationWindow *self)
{
  g_return_val_if_fail (TRJ_IS_PRESENTATION_WINDOW (self), NULL);
  return current_envelope (self);
}

TrjChartKind
trj_presentation_window_get_kind (TrjPresentationWindow *self)
{
  g_return_val_if_fail (TRJ_IS_PRESENTATION_WINDOW (self), TRJ_CHART_TRAJECTORY);
  return g_array_index (self->kinds, TrjChartKind, self->kind);
}

TrjPresentationWindow *
trj_presentation_window_new (GtkWindow *parent, TrjDocument *document, const char *envelope_id, TrjChartKind kind)
{
  TrjPresentationWindow *self = g_object_new (TRJ_TYPE_PRESENTATION_WINDOW, NULL);
  const TrjScenario *scenario = trj_document_get_scenario (document);
  g_autoptr(GPtrArray) scenarios = trj_workbook_list_scenarios (trj_document_get_workbook (document));
  const TrjChartKind kinds[] = { TRJ_CHART_TRAJECTORY, TRJ_CHART_MONTHLY, TRJ_CHART_BREAKDOWN,
                                 TRJ_CHART_PARAMETERS, TRJ_CHART_OVERLAY, TRJ_CHART_LANDING };
  gboolean actuals = trj_landing_has_actuals (document);
  GListModel *monitors;

  self->document = g_object_ref (document);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  g_ptr_array_add (self->envelopes, NULL);
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      g_ptr_array_add (self->envelopes, g_strdup (env->id));
      if (g_strcmp0 (env->id, envelope_id) == 0)
        self->envelope = e + 1;
    }
  /* Comparing scenarios needs two of them. */
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    if ((kinds[k] != TRJ_CHART_OVERLAY || scenarios->len >= 2) && (kinds[k] != TRJ_CHART_LANDING || actuals))
      {
        if (kinds[k] == kind)
          self->kind = self->kinds->len;
        g_array_append_val (self->kinds, kinds[k]);
      }
  if (!kind_applies (self, g_array_index (self->kinds, TrjChartKind, self->kind)))
    self->kind = 0;

  g_signal_connect_object (document, "updated", G_CALLBACK (document_updated_cb), self, G_CONNECT_SWAPPED);
  show_current (self);
  /* The screen's size, for when no window manager honours fullscreen. */
  monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  if (g_list_model_get_n_items (monitors) > 0)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
    }
  gtk_window_fullscreen (GTK_WINDOW (self));
  return self;
}

static void
trj_presentation_window_dispose (GObject *object)
{
  TrjPresentationWindow *self = TRJ_PRESENTATION_WINDOW (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->envelopes, g_ptr_array_unref);
  g_clear_pointer (&self->kinds, g_array_unref);
  G_OBJECT_CLASS (trj_presentation_window_parent_class)->dispose (object);
}

static void
trj_presentation_window_class_init (TrjPresentationWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trj_presentation_window_dispose;
}

static void
trj_presentation_window_init (TrjPresentationWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->envelopes = g_ptr_array_new_with_free_func (g_free);
  self->kinds = g_array_new (FALSE, FALSE, sizeof (TrjChartKind));
  self->view = TRJ_CHART_VIEW (trj_chart_view_new ());
  trj_chart_view_set_text_scale (self->view, PRESENTATION_TEXT_SCALE);
  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "trj-presentation-hint");
  gtk_widget_set_halign (GTK_WIDGET (self->hint), GTK_ALIGN_END);
  gtk_widget_set_margin_end (GTK_WIDGET (self->hint), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->hint), 12);
  gtk_label_set_wrap (self->hint, TRUE);
  /* Under the chart, not over it: large, it would cover the axis. On the
   * chart's background (the view's). */
  gtk_widget_add_css_class (box, "view");
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint));
  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
