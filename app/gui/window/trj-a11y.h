/* trj-a11y.h — names for assistive technology where GTK 4.8 gives none
 *
 * GTK 4.8 names a control from its label property, else the labels that
 * label it, else its class: a drop-down takes the focus on an inner toggle
 * button that nothing labels, so a screen reader says « GtkToggleButton ».
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets the accessible label of a control; for a GtkDropDown, of the inner
 * button that takes the focus as well. */
void trj_a11y_set_label (GtkWidget *widget, const char *label);

/* Names the control at the end of an AdwActionRow (a spin button, a switch,
 * an entry) with the row's title: GTK 4.8 does not tie them. */
void trj_a11y_label_from_row (GtkWidget *widget);

G_END_DECLS
