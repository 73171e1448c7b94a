/* trj-chart-view.c — see trj-chart-view.h */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trj-chart-view.h"
#include "trj-chart-render.h"

struct _TrjChartView
{
  GtkWidget parent_instance;

  TrjChartModel *model;
  TrjChartLayout *layout;   /* of the last drawing, for hit-testing */
  TrjChartHover hover;
  gboolean has_hover;
  double text_scale;
};

G_DEFINE_FINAL_TYPE (TrjChartView, trj_chart_view, GTK_TYPE_WIDGET)

static gboolean
lookup_color (GtkStyleContext *context, const char *name, TrjChartColor *out)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba))
    return FALSE;
  *out = (TrjChartColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  return TRUE;
}

void
trj_chart_view_get_style (TrjChartView *self, TrjChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  TrjChartColor accent;

  trj_chart_style_init (style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  /* Adwaita's named colours; the defaults stay when a theme lacks them.
   * @accent_color is the accent made readable on the view's background (light
   * or dark): thin lines need that contrast more than @accent_bg_color. */
  if (lookup_color (context, "accent_color", &accent) || lookup_color (context, "accent_bg_color", &accent))
    trj_chart_style_set_accent (style, &accent);
  lookup_color (context, "view_bg_color", &style->background);
  lookup_color (context, "view_fg_color", &style->foreground);
  style->text_scale = self->text_scale;
}

static void
trj_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  TrjChartView *self = TRJ_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TrjChartStyle style;
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;
  trj_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  trj_chart_render (cr, gtk_widget_get_pango_context (widget), width, height, &style, self->model,
                    self->has_hover ? &self->hover : NULL, self->layout);
  cairo_destroy (cr);
}

static void
trj_chart_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  /* A 16:9 chart; small enough to sit beside a grid. Told not to expand
   * (the chart beside the grid), it asks no more than its minimum width,
   * so that the grid keeps the room. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 220;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 450;
  if (orientation == GTK_ORIENTATION_HORIZONTAL && gtk_widget_get_hexpand_set (widget)
      && !gtk_widget_get_hexpand (widget))
    *natural = *minimum;
}

static void
set_hover (TrjChartView *self, const TrjChartHover *hover)
{
  gboolean has_hover = hover != NULL;

  if (has_hover == self->has_hover &&
      (!has_hover || (hover->series == self->hover.series && hover->index == self->hover.index)))
    return;
  self->has_hover = has_hover;
  if (has_hover)
    self->hover = *hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
trj_chart_view_hover_at (TrjChartView *self, double x, double y)
{
  TrjChartHover hit;

  g_return_if_fail (TRJ_IS_CHART_VIEW (self));
  set_hover (self, trj_chart_layout_hit_test (self->layout, x, y, &hit) ? &hit : NULL);
}

const TrjChartLayout *
trj_chart_view_get_layout (TrjChartView *self)
{
  g_return_val_if_fail (TRJ_IS_CHART_VIEW (self), NULL);
  return self->layout;
}

gboolean
trj_chart_view_get_hover (TrjChartView *self, TrjChartHover *hover)
{
  g_return_val_if_fail (TRJ_IS_CHART_VIEW (self), FALSE);
  if (self->has_hover)
    *hover = self->hover;
  return self->has_hover;
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, TrjChartView *self)
{
  trj_chart_view_hover_at (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller, TrjChartView *self)
{
  set_hover (self, NULL);
}

/* Keyboard: the arrows walk the points or bars (left/right along the
 * categories, up/down across the series), as the pointer would. */
static gboolean
move_hover (TrjChartView *self, int d_index, int d_series)
{
  const TrjChartTarget *best = NULL;
  TrjChartHover from = self->has_hover ? self->hover : (TrjChartHover) { 0, 0 };
  int best_cost = G_MAXINT;

  for (guint i = 0; i < self->layout->targets->len; i++)
    {
      const TrjChartTarget *t = &g_array_index (self->layout->targets, TrjChartTarget, i);
      int di = (int) t->item.index - (int) from.index;
      int ds = (int) t->item.series - (int) from.series;
      int cost;

      /* Without a highlight yet, the first mark; else the nearest one in the direction asked. */
      if (!self->has_hover)
        cost = t->item.series * 10000 + t->item.index;
      else if ((d_index != 0 && (di * d_index <= 0 || ds != 0)) || (d_series != 0 && (ds * d_series <= 0 || di != 0)))
        continue;
      else
        cost = ABS (di) + ABS (ds);
      if (cost < best_cost)
        {
          best = t;
          best_cost = cost;
        }
    }
  if (best == NULL)
    return FALSE;
  set_hover (self, &best->item);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, TrjChartView *self)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
      return move_hover (self, -1, 0);
    case GDK_KEY_Right:
      return move_hover (self, 1, 0);
    case GDK_KEY_Up:
      return move_hover (self, 0, -1);
    case GDK_KEY_Down:
      return move_hover (self, 0, 1);
    case GDK_KEY_Escape:
      if (!self->has_hover)
        return FALSE;
      set_hover (self, NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
trj_chart_view_move_hover (TrjChartView *self, int index_step, int series_step)
{
  g_return_val_if_fail (TRJ_IS_CHART_VIEW (self), FALSE);
  return move_hover (self, index_step, series_step);
}

static gboolean
trj_chart_view_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  TrjChartView *self = TRJ_CHART_VIEW (widget);
  g_autofree char *text = NULL;
  TrjChartHover hit;

  if (keyboard && self->has_hover)
    hit = self->hover;
  else if (self->model == NULL || !trj_chart_layout_hit_test (self->layout, x, y, &hit))
    return FALSE;
  text = trj_chart_model_describe_point (self->model, hit.series, hit.index);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
dark_changed_cb (TrjChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
trj_chart_view_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (trj_chart_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

void
trj_chart_view_set_model (TrjChartView *self, TrjChartModel *model)
{
  g_autofree char *text = NULL;

  g_return_if_fail (TRJ_IS_CHART_VIEW (self));
  g_clear_pointer (&self->model, trj_chart_model_free);
  self->model = model;
  self->has_hover = FALSE;
  trj_chart_layout_clear (self->layout);

  /* Screen readers get the figures, not a picture. */
  text = model != NULL ? trj_chart_model_to_text (model) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, model != NULL ? model->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const TrjChartModel *
trj_chart_view_get_model (TrjChartView *self)
{
  g_return_val_if_fail (TRJ_IS_CHART_VIEW (self), NULL);
  return self->model;
}

void
trj_chart_view_set_text_scale (TrjChartView *self, double scale)
{
  g_return_if_fail (TRJ_IS_CHART_VIEW (self));
  self->text_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
trj_chart_view_new (void)
{
  return g_object_new (TRJ_TYPE_CHART_VIEW, NULL);
}

static void
trj_chart_view_dispose (GObject *object)
{
  TrjChartView *self = TRJ_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->model, trj_chart_model_free);
  g_clear_pointer (&self->layout, trj_chart_layout_free);
  G_OBJECT_CLASS (trj_chart_view_parent_class)->dispose (object);
}

static void
trj_chart_view_class_init (TrjChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_chart_view_dispose;
  widget_class->snapshot = trj_chart_view_snapshot;
  widget_class->measure = trj_chart_view_measure;
  widget_class->query_tooltip = trj_chart_view_query_tooltip;
  widget_class->css_changed = trj_chart_view_css_changed;
  gtk_widget_class_set_css_name (widget_class, "trj-chart-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
trj_chart_view_init (TrjChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->layout = trj_chart_layout_new ();
  self->text_scale = 1.0;
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
}
