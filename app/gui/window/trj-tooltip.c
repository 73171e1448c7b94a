/* trj-tooltip.c — tooltips that do not ask the X server where the pointer is */
#include "config.h"

#include "trj-tooltip.h"

#define TOOLTIP_KEY "trj-tooltip"

/* What GTK's own query-tooltip does with a tooltip text. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  const char *text = trj_tooltip_get_text (widget);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
trj_tooltip_set_text (GtkWidget *widget, const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK takes an empty tooltip for none. */
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (trj_tooltip_get_text (widget), text) == 0)
    return;
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_tooltip_cb, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text), g_free);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  /* A tooltip on screen shows the new text at once, as GTK's would; a
   * widget not mapped cannot be under the pointer. */
  if (gtk_widget_get_mapped (widget))
    gtk_widget_trigger_tooltip_query (widget);
}

const char *
trj_tooltip_get_text (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);
}
