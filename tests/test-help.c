/* test-help.c — F1 opens help:trajectoire, or explains why it cannot */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "trj-help.h"
#include "trj-i18n.h"

static void
test_uri (void)
{
  g_autofree char *index = trj_help_uri (NULL);
  g_autofree char *page = trj_help_uri ("solveur");
  g_autofree char *html = trj_help_html_path ("solveur");
  g_autofree char *expected_html = g_build_filename (PKGDATADIR, "help", "solveur.html", NULL);

  g_assert_cmpstr (index, ==, "help:trajectoire");
  g_assert_cmpstr (page, ==, "help:trajectoire/solveur");
  g_assert_cmpstr (html, ==, expected_html);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_fallback (void)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  g_autoptr(GAppInfo) browser = g_app_info_get_default_for_type ("text/html", FALSE);
  g_autofree char *html = trj_help_html_find (NULL);
  GtkWindow *parent;
  AdwMessageDialog *dialog = NULL;
  gboolean timed_out = FALSE;
  guint timeout;

  if (viewer != NULL || (browser != NULL && html != NULL))
    {
      /* Yelp or the browser would really open: nothing to check without a desktop. */
      g_test_skip ("a help viewer or a web browser is installed");
      return;
    }

  parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (parent);
  trj_help_show (parent, NULL);
  timeout = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
  while (!timed_out && (dialog = find_message_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == parent);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "L’aide n’est pas disponible");
  /* The guide built (help/meson.build, yelp-build) is named where it is:
   * installed (share/trajectoire/help) or in the build folder (issue 13, 11). */
  if (html != NULL)
    {
      g_assert_true (g_str_has_suffix (html, "help/index.html"));
      g_assert_true (g_file_test (html, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), html));
    }
  else   /* built without yelp-build: no HTML guide, and no path named */
    g_assert_null (strstr (adw_message_dialog_get_body (dialog), ".html"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/help/uri", test_uri);
  g_test_add_func ("/help/fallback", test_fallback);
  return g_test_run ();
}
