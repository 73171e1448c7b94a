/* trj-a11y.c — names for assistive technology where GTK 4.8 gives none */
#include "config.h"

#include <adwaita.h>

#include "trj-a11y.h"

void
trj_a11y_set_label (GtkWidget *widget, const char *label)
{
  GList *mnemonic_labels;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  mnemonic_labels = gtk_widget_list_mnemonic_labels (widget);

  /* A mnemonic label names the control already: a second name would be read twice. */
  if (mnemonic_labels == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_list_free (mnemonic_labels);
  if (!GTK_IS_DROP_DOWN (widget))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
trj_a11y_label_from_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
  const char *title;
  GString *label;

  g_return_if_fail (row != NULL);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  label = g_string_new (NULL);
  /* The title's mnemonic underscore is not read. */
  for (const char *p = title; *p != '\0'; p++)
    if (*p != '_' || (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)) == FALSE))
      g_string_append_c (label, *p);
  trj_a11y_set_label (widget, label->str);
  g_string_free (label, TRUE);
}
