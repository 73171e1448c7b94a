/* trj-help.h — opens the user guide (Mallard pages shown by Yelp) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens a page of the guide ("grilles", "solveur"…), or its index when page is
 * NULL, through the help: URI scheme. When no help viewer is installed, a
 * dialog transient for parent (may be NULL) says so and where the pages are. */
void trj_help_show (GtkWindow *parent, const char *page);

/* The help: URI of a page of the guide, or of its index when page is NULL. */
char *trj_help_uri (const char *page);

G_END_DECLS
