/* trj-preferences-window.h — the preferences window, bound to GSettings */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRJ_TYPE_PREFERENCES_WINDOW (trj_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TrjPreferencesWindow, trj_preferences_window, TRJ, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The entry profiles of the "default-entry-profile" key, in the order of the
 * window's list; the schema's enum nicks are those of the envelope page's
 * envelope.apply-profile action: "uniform", "first-half", "second-half", "autumn". */
typedef enum {
  TRJ_ENTRY_PROFILE_UNIFORM,
  TRJ_ENTRY_PROFILE_FIRST_HALF,
  TRJ_ENTRY_PROFILE_SECOND_HALF,
  TRJ_ENTRY_PROFILE_AUTUMN,
} TrjEntryProfile;

/* Every control writes its key as soon as it changes: there is no "Apply".
 * settings: the application's settings (schema fr.gouv.travail.Trajectoire),
 * or NULL for trj_settings_new (); without an installed schema the window
 * shows the defaults, insensitive. */
TrjPreferencesWindow *trj_preferences_window_new (GtkWindow *parent,
                                                  GSettings *settings);

G_END_DECLS
