/* trj-i18n.h — locale and message catalogue set-up shared by the app, the CLI and the tests */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds the message catalogue.
 * Trajectoire's users are French: when the environment asks for no language
 * (C or POSIX locale) or for French through LANGUAGE, French is used
 * (fr_FR.UTF-8 when it is installed). LC_NUMERIC stays "C" so that files and
 * JSON always use a decimal point; figures shown to people go through
 * trj-format (ICU). The catalogue is taken from the build tree when the program
 * runs uninstalled. */
void trj_i18n_init (void);

G_END_DECLS
