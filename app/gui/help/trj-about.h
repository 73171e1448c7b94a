/* trj-about.h — the About window: version, licence, sources of the reference data */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A new About window, transient for parent (may be NULL). */
GtkWindow *trj_about_window_new (GtkWindow *parent);

/* The sources of the embedded reference data, one paragraph per programme
 * year: the circular and the notification, then the legal SMIC and RSA values
 * the engine uses, formatted the French way. Shown in the About window. */
char *trj_about_reference_sources (void);

G_END_DECLS
