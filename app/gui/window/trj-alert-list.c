/* trj-alert-list.c — see trj-alert-list.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-alert-list.h"
#include "trj-a11y.h"
#include "trj-tooltip.h"

struct _TrjAlertList
{
  GtkWidget parent_instance;

  GStrv messages;
  GArray *info;      /* gboolean per message: an information (MODEL 5), not an alert */
  guint n_rows;
  guint reserved_rows;
};

G_DEFINE_FINAL_TYPE (TrjAlertList, trj_alert_list, GTK_TYPE_WIDGET)

/* A row's width in characters, at least and wished for: what the envelope
 * page keeps beside its buttons before it puts them under the alerts
 * (TrjWrapBox's natural-start). The same with or without alerts, so that
 * one coming never moves the grid; 60 keeps an IAE envelope's four buttons
 * beside the alerts at 1280 px with the usual text size. */
#define ALERT_MIN_CHARS 20
#define ALERT_NAT_CHARS 60

enum { PROP_0, PROP_RESERVED_ROWS, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Each sentence is a GtkInscription: alert texts carry amounts that change on
 * every edit, and an inscription repaints without a relayout of the window. */
static GtkWidget *
alert_row_new (void)
{
  /* An alert for screen readers: they read it out when it shows or changes. */
  GtkWidget *row = g_object_new (GTK_TYPE_BOX,
                                 "orientation", GTK_ORIENTATION_HORIZONTAL,
                                 "spacing", 6,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                 NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *text = g_object_new (GTK_TYPE_INSCRIPTION,
                                  "xalign", 0.0f,
                                  "hexpand", TRUE,
                                  "min-chars", ALERT_MIN_CHARS,
                                  "nat-chars", ALERT_NAT_CHARS,
                                  "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                                  NULL);

  /* Narrow (large text, the IAE's buttons beside it), up to three lines
   * rather than a cut sentence. */
  trj_a11y_fit_lines (text, 3);
  /* The icon says nothing the sentence does not. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_widget_add_css_class (row, "trj-alert-label");
  return row;
}

/* Shows messages in the rows: with reserved rows, a row without a message
 * keeps its height (icon transparent, no text) and the last row counts the
 * messages that do not fit. */
static void
update_rows (TrjAlertList *self)
{
  const char * const *messages = (const char * const *) self->messages;
  guint n = messages != NULL ? g_strv_length (self->messages) : 0;
  guint rows = self->reserved_rows > 0 ? self->reserved_rows : n;
  guint i = 0;
  GtkWidget *child;

  /* Rows are added or removed only when the number of alerts changes. */
  while (self->n_rows > rows)
    {
      gtk_widget_unparent (gtk_widget_get_last_child (GTK_WIDGET (self)));
      self->n_rows--;
    }
  for (; self->n_rows < rows; self->n_rows++)
    gtk_widget_set_parent (alert_row_new (), GTK_WIDGET (self));
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;
      const char *shown;

      if (i + 1 == rows && n > rows)
        {
          /* TRANSLATORS: last row of the alerts when they do not all fit: the
           * first one not shown, then how many more. */
          text = g_strdup_printf (ngettext ("%s (and %u more alert)", "%s (and %u more alerts)", n - i - 1),
                                  messages[i], n - i - 1);
          tooltip = g_strjoinv ("\n", (char **) messages + i);
        }
      shown = text != NULL ? text : i < n ? messages[i] : NULL;
      gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (child)), shown);

      /* Alert texts carry amounts and change on every edit; what did not
       * change is left alone (the tooltip, by trj_tooltip_set_text): a new
       * icon is looked up and drawn again, and a screen reader is told every
       * accessible change. */
      trj_tooltip_set_text (child, tooltip);
      /* GTK 4.8 gives an inscription no accessible text: the row carries the
       * sentence (every alert behind the last one), a reserved empty row none. */
      {
        const char *label = tooltip != NULL ? tooltip : shown != NULL ? shown : "";
        const char *icon = trj_alert_list_is_info (self, i) ? "dialog-information-symbolic"
                                                            : "dialog-warning-symbolic";
        GtkImage *image = GTK_IMAGE (gtk_widget_get_first_child (child));
        gboolean hidden = shown == NULL;

        if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "trj-label"), label) != 0)
          {
            gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
            g_object_set_data_full (G_OBJECT (child), "trj-label", g_strdup (label), g_free);
          }
        if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "trj-hidden")) != hidden + 1)
          {
            gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, hidden, -1);
            g_object_set_data (G_OBJECT (child), "trj-hidden", GINT_TO_POINTER (hidden + 1));
          }
        if (g_strcmp0 (gtk_image_get_icon_name (image), icon) != 0)
          gtk_image_set_from_icon_name (image, icon);
        gtk_widget_set_opacity (GTK_WIDGET (image), i < n ? 1 : 0);
      }
    }
  gtk_widget_set_visible (GTK_WIDGET (self), rows > 0);
}

void
trj_alert_list_set_messages (TrjAlertList *self, const char * const *messages)
{
  trj_alert_list_set_messages_full (self, messages, NULL);
}

void
trj_alert_list_set_messages_full (TrjAlertList       *self,
                                  const char * const *messages,
                                  const gboolean     *info)
{
  guint n = g_strv_length ((char **) messages);

  g_return_if_fail (TRJ_IS_ALERT_LIST (self));

  if (self->messages != NULL && g_strv_equal (messages, (const char * const *) self->messages)
      && (info == NULL ? self->info->len == 0
                       : self->info->len == n && memcmp (info, self->info->data, n * sizeof *info) == 0))
    return;
  g_strfreev (self->messages);
  self->messages = g_strdupv ((char **) messages);
  g_array_set_size (self->info, 0);
  if (info != NULL)
    g_array_append_vals (self->info, info, n);
  update_rows (self);
}

gboolean
trj_alert_list_is_info (TrjAlertList *self, guint index)
{
  g_return_val_if_fail (TRJ_IS_ALERT_LIST (self), FALSE);
  return index < self->info->len && g_array_index (self->info, gboolean, index);
}

void
trj_alert_list_set_reserved_rows (TrjAlertList *self, guint rows)
{
  g_return_if_fail (TRJ_IS_ALERT_LIST (self));

  if (self->reserved_rows == rows)
    return;
  self->reserved_rows = rows;
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESERVED_ROWS]);
}

static void
trj_alert_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RESERVED_ROWS:
      trj_alert_list_set_reserved_rows (TRJ_ALERT_LIST (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_alert_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RESERVED_ROWS:
      g_value_set_uint (value, TRJ_ALERT_LIST (object)->reserved_rows);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_array_unref (TRJ_ALERT_LIST (object)->info);
  G_OBJECT_CLASS (trj_alert_list_parent_class)->finalize (object);
}

static void
trj_alert_list_class_init (TrjAlertListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trj_alert_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = trj_alert_list_finalize;
  G_OBJECT_CLASS (klass)->set_property = trj_alert_list_set_property;
  G_OBJECT_CLASS (klass)->get_property = trj_alert_list_get_property;
  properties[PROP_RESERVED_ROWS] =
    g_param_spec_uint ("reserved-rows", NULL, NULL, 0, 10, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "trj-alert-list");
}

static void
trj_alert_list_init (TrjAlertList *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "trj-alert-list");
  self->info = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
trj_alert_list_new (void)
{
  return g_object_new (TRJ_TYPE_ALERT_LIST, NULL);
}
