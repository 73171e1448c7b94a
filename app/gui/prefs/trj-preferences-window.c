/* trj-preferences-window.c — see trj-preferences-window.h */
#include "config.h"

#include "trj-a11y.h"
#include "trj-format.h"
#include "trj-preferences-window.h"
#include "trj-settings.h"

struct _TrjPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  GtkSpinButton *payment_lag_spin;
  AdwComboRow *profile_row;
  GtkSpinButton *tolerance_spin;
  GtkSpinButton *drift_rate_spin;
  GtkSpinButton *drift_hours_spin;
  GtkSpinButton *drift_duration_spin;
  GtkSpinButton *drift_cofinancing_spin;
  GtkSwitch *fullscreen_switch;
  GtkSpinButton *text_scale_spin;
  GtkSwitch *show_margin_switch;
  GtkSwitch *dark_switch;
};

G_DEFINE_FINAL_TYPE (TrjPreferencesWindow, trj_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Indexed by TrjEntryProfile: the nicks of the schema's EntryProfile enum. */
static const char *const profile_nicks[] = { "uniform", "first-half", "second-half", "autumn" };

static gboolean
profile_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (profile_nicks); i++)
    if (g_str_equal (nick, profile_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
profile_set_mapping (const GValue *value, const GVariantType *type, gpointer user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (profile_nicks))
    return NULL;
  return g_variant_new_string (profile_nicks[selected]);
}

/* GtkSpinButton prints with the C locale ("1.5"): show and read French decimals
 * (the .ui leaves these spins non-"numeric", which would refuse the comma). */
static gboolean
spin_output_cb (GtkSpinButton *spin, gpointer user_data)
{
  g_autofree char *text = trj_format_number (gtk_spin_button_get_value (spin),
                                             gtk_spin_button_get_digits (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin, double *new_value, gpointer user_data)
{
  if (!trj_parse_number (gtk_editable_get_text (GTK_EDITABLE (spin)), new_value))
    return GTK_INPUT_ERROR;
  return TRUE;
}

static void
trj_preferences_window_constructed (GObject *object)
{
  TrjPreferencesWindow *self = TRJ_PREFERENCES_WINDOW (object);
  g_autoptr(GSettings) presentation = NULL;

  G_OBJECT_CLASS (trj_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = trj_settings_new ();
  /* No schema (a build run in place): show the defaults, read-only, rather than abort. */
  if (self->settings == NULL)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_widget_set_sensitive (child, FALSE);
      return;
    }
  presentation = g_settings_get_child (self->settings, "presentation");

  g_settings_bind (self->settings, "default-payment-lag",
                   self->payment_lag_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-entry-profile",
                                self->profile_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                profile_get_mapping, profile_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "alert-tolerance",
                   self->tolerance_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "drift-tolerance-rate",
                   self->drift_rate_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "drift-tolerance-hours",
                   self->drift_hours_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "drift-tolerance-duration",
                   self->drift_duration_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "drift-tolerance-cofinancing",
                   self->drift_cofinancing_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (presentation, "fullscreen",
                   self->fullscreen_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (presentation, "text-scale",
                   self->text_scale_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (presentation, "show-margin",
                   self->show_margin_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (presentation, "dark",
                   self->dark_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

static void
trj_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TrjPreferencesWindow *self = TRJ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TrjPreferencesWindow *self = TRJ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trj_preferences_window_dispose (GObject *object)
{
  TrjPreferencesWindow *self = TRJ_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (trj_preferences_window_parent_class)->dispose (object);
}

static void
trj_preferences_window_class_init (TrjPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = trj_preferences_window_constructed;
  object_class->set_property = trj_preferences_window_set_property;
  object_class->get_property = trj_preferences_window_get_property;
  object_class->dispose = trj_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/fr/gouv/travail/Trajectoire/trj-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, payment_lag_spin);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, tolerance_spin);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, drift_rate_spin);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, drift_hours_spin);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, drift_duration_spin);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, drift_cofinancing_spin);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, fullscreen_switch);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, text_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, show_margin_switch);
  gtk_widget_class_bind_template_child (widget_class, TrjPreferencesWindow, dark_switch);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_input_cb);
}

static void
trj_preferences_window_init (TrjPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trj_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  for (GtkWidget **w = (GtkWidget *[]) { GTK_WIDGET (self->payment_lag_spin), GTK_WIDGET (self->tolerance_spin),
         GTK_WIDGET (self->drift_rate_spin), GTK_WIDGET (self->drift_hours_spin),
         GTK_WIDGET (self->drift_duration_spin), GTK_WIDGET (self->drift_cofinancing_spin),
         GTK_WIDGET (self->fullscreen_switch), GTK_WIDGET (self->text_scale_spin),
         GTK_WIDGET (self->show_margin_switch), GTK_WIDGET (self->dark_switch), NULL }; *w != NULL; w++)
    trj_a11y_label_from_row (*w);
}

TrjPreferencesWindow *
trj_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TRJ_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "settings", settings,
                       NULL);
}
