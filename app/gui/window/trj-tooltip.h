/* trj-tooltip.h — tooltips that do not ask the X server where the pointer is
 *
 * GTK 4.8's gtk_widget_set_tooltip_text() (and a template's tooltip-text)
 * on a visible widget asks the X server where the pointer is, in case the
 * tooltip is shown: three round trips, even before the window exists (about
 * 60 of the main window's start). These tooltips are the same to the user
 * and to assistive technology (the text is the accessible description, as
 * GTK sets it), and ask only when the widget is on screen and may be hovered.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets the tooltip of `widget` (NULL or "" for none), shown on hover and
 * read as its description; nothing is done when it is the same text. Not
 * for a widget whose tooltip is set by gtk_widget_set_tooltip_text() too. */
void        trj_tooltip_set_text (GtkWidget *widget, const char *text);

/* The text given to trj_tooltip_set_text(), NULL if none. */
const char *trj_tooltip_get_text (GtkWidget *widget);

G_END_DECLS
