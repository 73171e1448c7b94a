/* trj-help.h — opens the user guide (Mallard pages shown by Yelp) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens a page of the guide ("grilles", "solveur"…), or its index when page is
 * NULL, through the help: URI scheme (Yelp). Without Yelp, the HTML copy of
 * the guide opens in the web browser; without either, a dialog transient for
 * parent (may be NULL) says so and where the HTML guide is. */
void trj_help_show (GtkWindow *parent, const char *page);

/* The help: URI of a page of the guide, or of its index when page is NULL. */
char *trj_help_uri (const char *page);

/* The installed HTML copy of a page (yelp-build, help/meson.build), or of the
 * index when page is NULL; the file may not exist. */
char *trj_help_html_path (const char *page);
/* The HTML copy of a page that exists: installed, or else built beside the
 * program not installed (<build>/help, next to <build>/app and <build>/tests);
 * NULL when there is none. */
char *trj_help_html_find (const char *page);

G_END_DECLS
