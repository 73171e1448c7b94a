/* trj-alert-list.c — see trj-alert-list.h */
#include "config.h"

#include "trj-alert-list.h"

struct _TrjAlertList
{
  GtkWidget parent_instance;

  GStrv messages;
  guint n_rows;
};

G_DEFINE_FINAL_TYPE (TrjAlertList, trj_alert_list, GTK_TYPE_WIDGET)

/* Each sentence is a GtkInscription: alert texts carry amounts that change on
 * every edit, and an inscription repaints without a relayout of the window. */
static GtkWidget *
alert_row_new (void)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = g_object_new (GTK_TYPE_INSCRIPTION,
                                  "xalign", 0.0f,
                                  "hexpand", TRUE,
                                  "min-chars", 20,
                                  "nat-chars", 110,
                                  "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                                  NULL);

  gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (row), text);
  gtk_widget_add_css_class (row, "trj-alert-label");
  return row;
}

void
trj_alert_list_set_messages (TrjAlertList *self, const char * const *messages)
{
  guint n = g_strv_length ((char **) messages);
  guint i = 0;
  GtkWidget *child;

  g_return_if_fail (TRJ_IS_ALERT_LIST (self));

  if (self->messages != NULL && g_strv_equal (messages, (const char * const *) self->messages))
    return;
  g_strfreev (self->messages);
  self->messages = g_strdupv ((char **) messages);

  /* Rows are added or removed only when the number of alerts changes. */
  while (self->n_rows > n)
    {
      gtk_widget_unparent (gtk_widget_get_last_child (GTK_WIDGET (self)));
      self->n_rows--;
    }
  for (; self->n_rows < n; self->n_rows++)
    gtk_widget_set_parent (alert_row_new (), GTK_WIDGET (self));
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (child)), messages[i++]);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

guint
trj_alert_list_get_n_items (TrjAlertList *self)
{
  g_return_val_if_fail (TRJ_IS_ALERT_LIST (self), 0);
  return self->messages != NULL ? g_strv_length (self->messages) : 0;
}

static void
trj_alert_list_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (trj_alert_list_parent_class)->dispose (object);
}

static void
trj_alert_list_finalize (GObject *object)
{
  g_strfreev (TRJ_ALERT_LIST (object)->messages);
  G_OBJECT_CLASS (trj_alert_list_parent_class)->finalize (object);
}

static void
trj_alert_list_class_init (TrjAlertListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trj_alert_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = trj_alert_list_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "trj-alert-list");
}

static void
trj_alert_list_init (TrjAlertList *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "trj-alert-list");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
trj_alert_list_new (void)
{
  return g_object_new (TRJ_TYPE_ALERT_LIST, NULL);
}
