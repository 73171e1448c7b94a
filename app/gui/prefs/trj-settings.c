/* trj-settings.c — see trj-settings.h */
#include "config.h"

#include "trj-settings.h"

GSettings *
trj_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("schema %s not installed: settings are not kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* GTK reports -1 for a size never set: nothing to save then. */
static GVariant *
size_set_mapping (const GValue *value, const GVariantType *type, gpointer user_data)
{
  int size = g_value_get_int (value);

  return size > 0 ? g_variant_new_int32 (size) : NULL;
}

static gboolean
size_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_int (value, g_variant_get_int32 (variant));
  return TRUE;
}

/* GTK 4.8 on X11 does not honour a maximize asked before the window is
 * mapped (measured under openbox): asked again once it is. */
static void
window_mapped_cb (GtkWindow *window, GSettings *settings)
{
  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, settings);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (window);
}

void
trj_settings_bind_window_state (GSettings *settings, GtkWindow *window)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_settings_bind_with_mapping (settings, "window-width", window, "default-width",
                                G_SETTINGS_BIND_DEFAULT, size_get_mapping, size_set_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (settings, "window-height", window, "default-height",
                                G_SETTINGS_BIND_DEFAULT, size_get_mapping, size_set_mapping,
                                NULL, NULL);
  /* Read only: the window goes unmaximized as it is destroyed, which a
   * two-way binding saved (the maximized state was never restored);
   * trj_settings_save_window_state saves it while the window closes. */
  g_settings_bind (settings, "window-maximized", window, "maximized", G_SETTINGS_BIND_GET);
  g_signal_connect_data (window, "map", G_CALLBACK (window_mapped_cb), g_object_ref (settings),
                         (GClosureNotify) g_object_unref, 0);
}

void
trj_settings_save_window_state (GSettings *settings, GtkWindow *window)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
}
