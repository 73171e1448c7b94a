/* test-preferences.c — the preferences window reads and writes its GSettings keys */
#include "config.h"

#include <adwaita.h>

#include "trj-i18n.h"
#include "trj-preferences-window.h"
#include "trj-settings.h"

typedef struct {
  GSettings *settings;
  GSettings *presentation;
  TrjPreferencesWindow *window;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  /* GSETTINGS_BACKEND=memory: every test starts from the schema's defaults. */
  f->settings = g_settings_new (APP_ID);
  f->presentation = g_settings_get_child (f->settings, "presentation");
  f->window = trj_preferences_window_new (NULL, f->settings);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->presentation);
  g_clear_object (&f->settings);
}

/* Template children keep their builder id: find them by it, as the .ui names them. */
static gpointer
find (Fixture *f, const char *id)
{
  GtkWidget *widget = GTK_WIDGET (f->window);

  /* Depth-first walk of the whole widget tree. */
  while (widget != NULL)
    {
      const char *widget_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
      GtkWidget *next = gtk_widget_get_first_child (widget);

      if (g_strcmp0 (widget_id, id) == 0)
        return widget;
      while (next == NULL && widget != NULL && widget != GTK_WIDGET (f->window))
        {
          next = gtk_widget_get_next_sibling (widget);
          if (next == NULL)
            widget = gtk_widget_get_parent (widget);
        }
      widget = next;
    }
  g_error ("no widget with id %s", id);
  return NULL;
}

static void
test_defaults_shown (Fixture *f, gconstpointer data)
{
  GtkSpinButton *lag = find (f, "payment_lag_spin");
  GtkSpinButton *tolerance = find (f, "tolerance_spin");
  GtkSpinButton *scale = find (f, "text_scale_spin");
  AdwComboRow *profile = find (f, "profile_row");
  GtkSwitch *fullscreen = find (f, "fullscreen_switch");
  GtkSwitch *margin = find (f, "show_margin_switch");
  GtkSwitch *dark = find (f, "dark_switch");

  /* The schema's defaults: lag 1 month, uniform profile, strict tolerance,
   * full screen at 1.6× with the margin, light. */
  g_assert_cmpfloat (gtk_spin_button_get_value (lag), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, TRJ_ENTRY_PROFILE_UNIFORM);
  g_assert_cmpfloat (gtk_spin_button_get_value (tolerance), ==, 0);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (scale), 1.6, 1e-9);
  g_assert_true (gtk_switch_get_active (fullscreen));
  g_assert_true (gtk_switch_get_active (margin));
  g_assert_false (gtk_switch_get_active (dark));
}

static void
test_widgets_write_settings (Fixture *f, gconstpointer data)
{
  g_autofree char *profile_nick = NULL;

  gtk_spin_button_set_value (find (f, "payment_lag_spin"), 3);
  g_assert_cmpint (g_settings_get_int (f->settings, "default-payment-lag"), ==, 3);

  adw_combo_row_set_selected (find (f, "profile_row"),
                              TRJ_ENTRY_PROFILE_AUTUMN);
  profile_nick = g_settings_get_string (f->settings, "default-entry-profile");
  g_assert_cmpstr (profile_nick, ==, "autumn");
  g_assert_cmpint (g_settings_get_enum (f->settings, "default-entry-profile"), ==, 3);

  gtk_spin_button_set_value (find (f, "tolerance_spin"), 2.5);
  g_assert_cmpfloat (g_settings_get_double (f->settings, "alert-tolerance"), ==, 2.5);

  /* ACTUAL_DRIFT's tolerances: 2 points, 1 h, 0,5 month, 5 points by default. */
  g_assert_cmpfloat (gtk_spin_button_get_value (find (f, "drift_rate_spin")), ==, 2);
  g_assert_cmpfloat (gtk_spin_button_get_value (find (f, "drift_hours_spin")), ==, 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (find (f, "drift_duration_spin")), ==, 0.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (find (f, "drift_cofinancing_spin")), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (f, "drift_duration_spin"))), ==, "0,5");
  gtk_editable_set_text (GTK_EDITABLE (find (f, "drift_rate_spin")), "3,5");
  gtk_spin_button_update (GTK_SPIN_BUTTON (find (f, "drift_rate_spin")));
  g_assert_cmpfloat (g_settings_get_double (f->settings, "drift-tolerance-rate"), ==, 3.5);
  gtk_spin_button_set_value (find (f, "drift_hours_spin"), 2);
  g_assert_cmpfloat (g_settings_get_double (f->settings, "drift-tolerance-hours"), ==, 2);

  gtk_switch_set_active (find (f, "dark_switch"), TRUE);
  g_assert_true (g_settings_get_boolean (f->presentation, "dark"));

  /* Out of the schema's range 1–3: the adjustment clamps before GSettings sees it. */
  gtk_spin_button_set_value (find (f, "text_scale_spin"), 7);
  g_assert_cmpfloat (g_settings_get_double (f->presentation, "text-scale"), ==, 3);
}

static void
test_settings_update_widgets (Fixture *f, gconstpointer data)
{

  g_settings_set_string (f->settings, "default-entry-profile", "second-half");
  g_assert_cmpuint (adw_combo_row_get_selected (find (f, "profile_row")),
                    ==, TRJ_ENTRY_PROFILE_SECOND_HALF);

  g_settings_set_double (f->settings, "alert-tolerance", 1.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (find (f, "tolerance_spin")),
                     ==, 1.5);

  /* French decimals both ways, whatever the process locale. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (f, "tolerance_spin"))), ==, "1,5");
  gtk_editable_set_text (GTK_EDITABLE (find (f, "tolerance_spin")), "2,5");
  gtk_spin_button_update (GTK_SPIN_BUTTON (find (f, "tolerance_spin")));
  g_assert_cmpfloat (g_settings_get_double (f->settings, "alert-tolerance"), ==, 2.5);

  g_settings_set_boolean (f->presentation, "fullscreen", FALSE);
  g_assert_false (gtk_switch_get_active (find (f, "fullscreen_switch")));
}

static void
test_french (Fixture *f, gconstpointer data)
{
  AdwComboRow *profile = find (f, "profile_row");
  GListModel *items = adw_combo_row_get_model (profile);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Préférences");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (profile)), ==,
                   "_Profil mensuel");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 1), ==,
                   "Premier semestre");
}

static void
test_window_state (void)
{
  g_autoptr(GSettings) settings = trj_settings_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  int width, height;

  g_assert_nonnull (settings);
  trj_settings_bind_window_state (settings, window);
  /* Restored: the schema's 1260 × 780, the window template's size. */
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 1260);
  g_assert_cmpint (height, ==, 780);

  /* Saved as the size changes. */
  gtk_window_set_default_size (window, 900, 600);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);

  /* "Unset" (-1) is not a size to remember. */
  gtk_window_set_default_size (window, -1, -1);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);

  gtk_window_destroy (window);
}

/* Run alone with GSETTINGS_SCHEMA_DIR pointing nowhere (tests/meson.build). */
static void
test_no_schema (void)
{
  g_autoptr(GSettings) settings = trj_settings_new ();
  TrjPreferencesWindow *window;

  if (settings != NULL)
    {
      g_test_skip ("the schema is installed");
      return;
    }
  /* No abort: the window shows the defaults, insensitive. */
  window = trj_preferences_window_new (NULL, NULL);
  g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_first_child (GTK_WIDGET (window))));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* The main loop until `laid_out` holds; g_error naming `what` after 30 s
 * (a timer wakes the loop then). */
static void
wait_until (gboolean (*laid_out) (GtkScrolledWindow *), GtkScrolledWindow *scrolled, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint timer = g_timeout_add_seconds (31, wake, NULL);

  while (!laid_out (scrolled))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("still waiting after 30 s for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timer);
}

static GtkScrolledWindow *
scrolled_of (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = GTK_IS_SCROLLED_WINDOW (child) ? GTK_SCROLLED_WINDOW (child) : scrolled_of (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
scrolled_laid_out (GtkScrolledWindow *scrolled)
{
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scrolled);

  return gtk_widget_get_mapped (GTK_WIDGET (scrolled)) && gtk_adjustment_get_page_size (v) > 0
         && gtk_adjustment_get_upper (v) > 0;
}

/* Every page shows whole at the window's default size: nothing to scroll to,
 * nothing cut (« Écarts au réalisé » was, below « Nouvelles lignes » and
 * « Alertes », before it had a page of its own). */
static void
test_pages_whole (Fixture *f, gconstpointer data)
{
  static const char *const pages[] = { "general", "actuals", "presentation" };

  gtk_window_present (GTK_WINDOW (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AdwPreferencesPage *page;
      GtkScrolledWindow *scrolled;
      GtkAdjustment *v;

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->window), pages[i]);
      page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (f->window));
      g_assert_cmpstr (adw_preferences_page_get_name (page), ==, pages[i]);
      scrolled = scrolled_of (GTK_WIDGET (page));
      g_assert_nonnull (scrolled);
      wait_until (scrolled_laid_out, scrolled, pages[i]);
      v = gtk_scrolled_window_get_vadjustment (scrolled);
      if (gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 0.5)
        g_error ("page %s: %.0f px of content in %.0f px", pages[i],
                 gtk_adjustment_get_upper (v), gtk_adjustment_get_page_size (v));
    }
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/preferences/defaults-shown", Fixture, NULL,
              fixture_set_up, test_defaults_shown, fixture_tear_down);
  g_test_add ("/preferences/widgets-write-settings", Fixture, NULL,
              fixture_set_up, test_widgets_write_settings, fixture_tear_down);
  g_test_add ("/preferences/settings-update-widgets", Fixture, NULL,
              fixture_set_up, test_settings_update_widgets, fixture_tear_down);
  g_test_add ("/preferences/french", Fixture, NULL,
              fixture_set_up, test_french, fixture_tear_down);
  g_test_add ("/preferences/pages-whole", Fixture, NULL,
              fixture_set_up, test_pages_whole, fixture_tear_down);
  g_test_add_func ("/preferences/window-state", test_window_state);
  g_test_add_func ("/preferences/no-schema", test_no_schema);
  return g_test_run ();
}
