/* test-gnome-app.c — the application as a GNOME desktop sees it, in French
 *
 * On the real TrjApplication and TrjWindow (trj-ui-harness): the shortcuts
 * window lists every accelerator the application sets; the About, Preferences
 * and Help actions open what they should; the main screens show French text
 * and French figures (LANGUAGE=fr, or the C locale). */
#include "config.h"

#include <string.h>

#include "trj-ui-harness.h"
#include "trj-charts-page.h"
#include "trj-envelope-page.h"
#include "trj-help.h"
#include "trj-preferences-window.h"

static TrjApplication *app;

/* Every piece of text the widget tree shows: labels, inscriptions, titles. */
static void
collect_texts (GtkWidget *widget, GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_window_get_title (GTK_WINDOW (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
texts_contain (GPtrArray *texts, const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

static void
assert_shows (GtkWidget *widget, const char *const *french, const char *const *english)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (widget, texts);
  for (guint i = 0; french[i] != NULL; i++)
    if (!texts_contain (texts, french[i]))
      g_error ("“%s” is not shown", french[i]);
  for (guint i = 0; english[i] != NULL; i++)
    if (texts_contain (texts, english[i]))
      g_error ("“%s” is shown untranslated", english[i]);
}

static char *
normalize_accel (const char *accel)
{
  guint key;
  GdkModifierType mods;

  if (!gtk_accelerator_parse (accel, &key, &mods))
    g_error ("unparsable accelerator %s", accel);
  return gtk_accelerator_name (key, mods);
}

static void
collect_shortcuts (GtkWidget *widget, GHashTable *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      parts = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_hash_table_add (accels, normalize_accel (parts[i]));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, accels);
}

static void
test_shortcuts_window (void)
{
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  GtkWindow *overlay = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_auto(GStrv) help_accels = NULL;

  /* Not built with the window (it cost 11 ms of the first frame): Ctrl+?,
   * win.show-help-overlay, builds it when first asked for, modal and
   * transient for the window. (Not shown here: GTK 4.8 measures one of its
   * own labels at -3 px and warns.) */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  overlay = trj_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  g_assert_true (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) == overlay);
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (overlay));
  g_assert_true (trj_window_get_help_overlay (window) == overlay);
  help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (help_accels[0], ==, "<Control>question");

  collect_shortcuts (GTK_WIDGET (overlay), listed);
  g_assert_true (g_hash_table_contains (listed, "<Control>question"));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          g_autofree char *accel = normalize_accel (accels[j]);

          if (!g_hash_table_contains (listed, accel))
            g_error ("%s (%s) is missing from ui/help-overlay.ui", accels[j], actions[i]);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each page's width, each shortcut's accelerator and title widths
 * (natural), for the message that says what makes the window too wide. */
static void
describe_shortcuts (GtkWidget *widget, GString *out)
{
  if (GTK_IS_STACK (widget))
    for (GtkWidget *page = gtk_widget_get_first_child (widget); page != NULL; page = gtk_widget_get_next_sibling (page))
      {
        int page_width;

        gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &page_width, NULL, NULL);
        g_string_append_printf (out, "a page: %d px\n", page_width);
      }
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL, *accelerator = NULL;
      GtkWidget *keys, *label;
      int min, keys_width, title_width;

      /* Measured alone: in the window each is as wide as its column's widest
       * (GTK's size groups). */
      g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
      keys = g_object_ref_sink (gtk_shortcut_label_new (accelerator));
      label = g_object_ref_sink (gtk_label_new (title));
      gtk_widget_measure (keys, GTK_ORIENTATION_HORIZONTAL, -1, &min, &keys_width, NULL, NULL);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min, &title_width, NULL, NULL);
      g_string_append_printf (out, "  %4d + %4d px  %s  (%s)\n", keys_width, title_width, title, accelerator);
      g_object_unref (keys);
      g_object_unref (label);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe_shortcuts (child, out);
}

/* The section's pages in the switcher's order, each page's columns between
 * brackets: « [Général][Barre latérale, Classeurs] | [… ». */
static char *
section_layout (GtkWidget *section)
{
  GString *out = g_string_new (NULL);
  GtkWidget *stack = gtk_widget_get_first_child (section);

  g_assert_true (GTK_IS_STACK (stack));
  for (GtkWidget *page = gtk_widget_get_first_child (stack); page != NULL; page = gtk_widget_get_next_sibling (page))
    {
      if (out->len > 0)
        g_string_append (out, " | ");
      for (GtkWidget *column = gtk_widget_get_first_child (page); column != NULL;
           column = gtk_widget_get_next_sibling (column))
        {
          g_string_append_c (out, '[');
          for (GtkWidget *group = gtk_widget_get_first_child (column); group != NULL;
               group = gtk_widget_get_next_sibling (group))
            {
              g_autofree char *title = NULL;

              g_object_get (group, "title", &title, NULL);
              g_string_append_printf (out, "%s%s", group == gtk_widget_get_first_child (column) ? "" : ", ", title);
            }
          g_string_append_c (out, ']');
        }
    }
  return g_string_free (out, FALSE);
}

/* The shortcuts window fits a 1280 × 800 screen, at 100 % and with GNOME's
 * large text (1,5): short titles, the details as subtitles, one accelerator
 * a row (a column is as wide as its widest keys plus its widest title), and
 * its pages in the order of ui/help-overlay.ui. */
static void
test_shortcuts_window_width (void)
{
  static const double scales[] = { 1.0, 1.5 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      TrjWindow *window;
      GtkWindow *overlay;
      GtkWidget *section;
      g_autofree char *layout = NULL;
      GLogLevelFlags fatal;
      int min, nat, height;

      g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (scales[i] * 96 * 1024), NULL);
      window = trj_window_new (GTK_APPLICATION (app));
      overlay = trj_window_get_help_overlay (window);
      section = trj_harness_find_type (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SECTION);
      g_assert_nonnull (section);
      /* GTK 4.8 measures one label of its shortcut pictures at -3 px and
       * warns (GTK's structured log, which no test handler filters): not
       * fatal while the section is measured. */
      fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
      gtk_widget_measure (section, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      gtk_widget_measure (section, GTK_ORIENTATION_VERTICAL, nat, &height, NULL, NULL, NULL);
      if (nat > 1280 || height > 700 || g_getenv ("TRJ_SHORTCUTS_WIDTHS") != NULL)
        {
          g_autoptr(GString) rows = g_string_new (NULL);

          describe_shortcuts (section, rows);
          g_log_set_always_fatal (fatal);
          g_test_message ("shortcuts window at %.1f: %d × %d px (minimum width %d)\n%s",
                          scales[i], nat, height, min, rows->str);
        }
      g_log_set_always_fatal (fatal);
      layout = section_layout (section);
      /* In the order of ui/help-overlay.ui (GTK 4.8 shuffles pages built
       * otherwise): three pages of two columns. */
      g_assert_cmpstr (layout, ==, "[Général][Barre latérale, Classeurs]"
                                   " | [Se déplacer dans une grille][Modifier une grille]"
                                   " | [Lignes d’une grille][Présentation]");
      g_assert_cmpint (nat, <=, 1280);
      g_assert_cmpint (height, <=, 700);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 1024, NULL);
}

static void
test_accels (void)
{
  static const struct { const char *action, *accel; } expected[] = {
    { "app.help", "F1" },
    { "app.preferences", "<Control>comma" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), expected[i].action);

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), expected[i].action + 4));
      g_assert_true (g_strv_contains ((const char *const *) accels, expected[i].accel));
    }
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
}

/* The visible toplevel of a type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The toplevel of a type that an action opened, once it is there. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  GtkWindow *window;

  TRJ_HARNESS_WAIT_FOR ((window = find_toplevel (type)) != NULL);
  return window;
}

static void
test_about_and_preferences (void)
{
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  GtkWindow *about, *prefs;

  trj_harness_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = wait_for_toplevel (TRJ_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_cmpstr (gtk_window_get_title (prefs), ==, "Préférences");
  gtk_window_destroy (prefs);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_help_action (void)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  g_autoptr(GAppInfo) browser = g_app_info_get_default_for_type ("text/html", FALSE);
  g_autofree char *html = trj_help_html_path (NULL);
  TrjWindow *window;
  GtkWindow *dialog;

  if (viewer != NULL || (browser != NULL && g_file_test (html, G_FILE_TEST_EXISTS)))
    {
      g_test_skip ("a help viewer or a web browser is installed: F1 would really open it");
      return;
    }
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "L’aide n’est pas disponible");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_french_screens (void)
{
  static const char *const start_fr[] = { "Nouvelle programmation", "Classeurs récents", NULL };
  static const char *const start_en[] = { "New programme", "Recent workbooks", "Region", NULL };
  static const char *const envelope_fr[] = { "Libellé", "Département", "Prescripteur", "Taux",
                                             "AE par\ncontrat", "Part\ncofinancée", NULL };
  static const char *const envelope_en[] = { "Label", "Prescriber", "Rate", "AE per\ncontract",
                                             "CP of\nthe year", "Payment\nlag", NULL };
  static const char *const summary_fr[] = { "Synthèse de la programmation", "Fongibilité",
                                            "Enveloppe", "Graphiques", NULL };
  static const char *const summary_en[] = { "Summary of the Programme", "Fungibility",
                                            "Envelope", "Charts", NULL };
  static const char *const charts_fr[] = { "Trajectoire AE/CP", NULL };
  static const char *const charts_en[] = { "AE/CP trajectory", NULL };
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  g_autofree char *path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) money = g_regex_new ("^-?[0-9]{1,3}(\u202F[0-9]{3})+\u00A0€$", 0, 0, NULL);
  gboolean french_money = FALSE;
  TrjGrid *grid;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  trj_harness_present (GTK_WINDOW (window));
  assert_shows (GTK_WIDGET (window), start_fr, start_en);

  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));
  assert_shows (GTK_WIDGET (window), envelope_fr, envelope_en);

  /* The grid leaves the help, shortcuts and preferences keys to the application. */
  grid = trj_envelope_page_get_lines_grid (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window)));
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_F1, 0));
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_false (trj_grid_handle_key (grid, GDK_KEY_comma, GDK_CONTROL_MASK));

  /* Amounts as a French reader writes them: "6 813 468 €" (U+202F groups). */
  collect_texts (GTK_WIDGET (window), texts);
  for (guint i = 0; i < texts->len && !french_money; i++)
    french_money = g_regex_match (money, g_ptr_array_index (texts, i), 0, NULL);
  g_assert_true (french_money);

  trj_window_show_envelope (window, NULL);
  trj_harness_wait_painted (GTK_WIDGET (window));
  assert_shows (GTK_WIDGET (window), summary_fr, summary_en);

  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  trj_harness_wait_painted (GTK_WIDGET (window));
  assert_shows (GTK_WIDGET (window), charts_fr, charts_en);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  app = trj_harness_init (&argc, &argv);

  g_test_add_func ("/gnome/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/gnome/shortcuts-window-width", test_shortcuts_window_width);
  g_test_add_func ("/gnome/accels", test_accels);
  g_test_add_func ("/gnome/about-and-preferences", test_about_and_preferences);
  g_test_add_func ("/gnome/help-action", test_help_action);
  g_test_add_func ("/gnome/french-screens", test_french_screens);
  return g_test_run ();
}
