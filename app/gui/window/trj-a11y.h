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

/* Names every GtkButton under `root` whose label has a mnemonic
 * (« _Notification… ») with its label as read: GTK 4.8 gives it the
 * mnemonic and the text one after the other (« _Notification…
 * Notification… » on the accessibility bus). For templates, after
 * gtk_widget_init_template(); a label set later must be named again. */
void trj_a11y_name_mnemonic_buttons (GtkWidget *root);

/* Large text (issue 19): with text scaled up (above 110 dpi: GNOME's large
 * text, 1,25, and more), a GtkInscription, whose size does not follow its
 * text, takes as many lines as its text needs at its width, up to
 * `max_lines`, instead of cutting it (at the usual size it keeps one line,
 * and what is under it never moves); checked after each frame painted,
 * when its text or width changed. An inscription repaints without a
 * relayout: it takes more lines, and relayouts, only when a text no longer
 * fits; at the same width a shorter text keeps them (what is under it does
 * not move at every edit), a new width counts them again. */
void trj_a11y_fit_lines (GtkWidget *inscription, guint max_lines);

G_END_DECLS
