/* trj-wrap-box.h — two groups of controls on one row, the second one under
 * the first when the row is too narrow for both (large text, issue 19)
 *
 * The first two visible children are the groups: side by side, the first at
 * the start and the second at the end, when their minimum widths fit;
 * otherwise one above the other, each over the whole width with its own
 * halign. Focus goes through the children in order, as in a GtkBox.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRJ_TYPE_WRAP_BOX (trj_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (TrjWrapBox, trj_wrap_box, TRJ, WRAP_BOX, GtkWidget)

GtkWidget *trj_wrap_box_new (void);
/* One row only when the start group fits at its natural width. */
void       trj_wrap_box_set_natural_start (TrjWrapBox *self, gboolean natural_start);

G_END_DECLS
