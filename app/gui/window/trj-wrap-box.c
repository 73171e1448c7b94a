/* trj-wrap-box.c — see trj-wrap-box.h */
#include "config.h"

#include "trj-wrap-box.h"

#define SPACING 6

struct _TrjWrapBox
{
  GtkWidget parent_instance;
  gboolean natural_start;
};

G_DEFINE_FINAL_TYPE (TrjWrapBox, trj_wrap_box, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_NATURAL_START, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The first two visible children: the start group and the end group. */
static void
groups (GtkWidget *widget, GtkWidget **start, GtkWidget **end)
{
  *start = *end = NULL;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_should_layout (c))
        continue;
      if (*start == NULL)
        *start = c;
      else if (*end == NULL)
        *end = c;
    }
}

static void
measure_child (GtkWidget *child, GtkOrientation orientation, int for_size, int *min, int *nat)
{
  *min = *nat = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, min, nat, NULL, NULL);
}

/* On one row when both groups fit side by side at their minimum widths
 * (with natural-start, the start group at its natural width). */
static gboolean
one_row (TrjWrapBox *self, GtkWidget *start, GtkWidget *end, int width)
{
  int start_min, start_nat, end_min, end_nat;

  if (start == NULL || end == NULL || width < 0)
    return TRUE;
  measure_child (start, GTK_ORIENTATION_HORIZONTAL, -1, &start_min, &start_nat);
  measure_child (end, GTK_ORIENTATION_HORIZONTAL, -1, &end_min, &end_nat);
  return (self->natural_start ? start_nat : start_min) + SPACING + end_min <= width;
}

static GtkSizeRequestMode
trj_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
trj_wrap_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *start, *end;
  int start_min, start_nat, end_min, end_nat;

  groups (widget, &start, &end);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_child (start, orientation, -1, &start_min, &start_nat);
      measure_child (end, orientation, -1, &end_min, &end_nat);
      /* Narrow, the end group goes under the start group. */
      *minimum = MAX (start_min, end_min);
      *natural = start_nat + end_nat + (start != NULL && end != NULL ? SPACING : 0);
    }
  else if (one_row (TRJ_WRAP_BOX (widget), start, end, for_size))
    {
      measure_child (start, orientation, -1, &start_min, &start_nat);
      measure_child (end, orientation, -1, &end_min, &end_nat);
      *minimum = MAX (start_min, end_min);
      *natural = MAX (start_nat, end_nat);
    }
  else
    {
      measure_child (start, orientation, for_size, &start_min, &start_nat);
      measure_child (end, orientation, for_size, &end_min, &end_nat);
      *minimum = start_min + SPACING + end_min;
      *natural = start_nat + SPACING + end_nat;
    }
}

static void
trj_wrap_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  GtkWidget *start, *end;
  int start_min, start_nat, end_min, end_nat, start_width, end_width;

  groups (widget, &start, &end);
  if (start == NULL)
    return;
  if (end == NULL)
    {
      gtk_widget_size_allocate (start, &(GtkAllocation) { 0, 0, width, height }, -1);
      return;
    }
  if (!one_row (TRJ_WRAP_BOX (widget), start, end, width))
    {
      int start_height, end_height, unused;

      gtk_widget_measure (start, GTK_ORIENTATION_VERTICAL, width, &start_height, &unused, NULL, NULL);
      end_height = MAX (0, height - start_height - SPACING);
      gtk_widget_measure (end, GTK_ORIENTATION_VERTICAL, width, &unused, &unused, NULL, NULL);
      /* Each group keeps its own alignment within the whole width. */
      gtk_widget_size_allocate (start, &(GtkAllocation) { 0, 0, width, start_height }, -1);
      gtk_widget_size_allocate (end, &(GtkAllocation) { 0, start_height + SPACING, width, end_height }, -1);
      return;
    }
  measure_child (start, GTK_ORIENTATION_HORIZONTAL, -1, &start_min, &start_nat);
  measure_child (end, GTK_ORIENTATION_HORIZONTAL, -1, &end_min, &end_nat);
  start_width = MAX (start_min, MIN (start_nat, width - SPACING - end_min));
  if (TRJ_WRAP_BOX (widget)->natural_start)
    start_width = MAX (start_min, width - SPACING - end_min);
  end_width = MAX (end_min, MIN (end_nat, width - SPACING - start_width));
  gtk_widget_size_allocate (start, &(GtkAllocation) { 0, 0, start_width, height }, -1);
  gtk_widget_size_allocate (end, &(GtkAllocation) { width - end_width, 0, end_width, height }, -1);
}

void
trj_wrap_box_set_natural_start (TrjWrapBox *self, gboolean natural_start)
{
  g_return_if_fail (TRJ_IS_WRAP_BOX (self));

  natural_start = !!natural_start;
  if (self->natural_start == natural_start)
    return;
  self->natural_start = natural_start;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NATURAL_START]);
}

static void
trj_wrap_box_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_NATURAL_START:
      trj_wrap_box_set_natural_start (TRJ_WRAP_BOX (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_wrap_box_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_NATURAL_START:
      g_value_set_boolean (value, TRJ_WRAP_BOX (object)->natural_start);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (trj_wrap_box_parent_class)->dispose (object);
}

static void
trj_wrap_box_class_init (TrjWrapBoxClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_wrap_box_dispose;
  G_OBJECT_CLASS (klass)->set_property = trj_wrap_box_set_property;
  G_OBJECT_CLASS (klass)->get_property = trj_wrap_box_get_property;
  /* One row only when the start group has its natural width there (the
   * alerts' sentences whole), not merely its minimum. */
  properties[PROP_NATURAL_START] =
    g_param_spec_boolean ("natural-start", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  widget_class->get_request_mode = trj_wrap_box_get_request_mode;
  widget_class->measure = trj_wrap_box_measure;
  widget_class->size_allocate = trj_wrap_box_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "trjwrapbox");
}

static void
trj_wrap_box_init (TrjWrapBox *self)
{
}

GtkWidget *
trj_wrap_box_new (void)
{
  return g_object_new (TRJ_TYPE_WRAP_BOX, NULL);
}
