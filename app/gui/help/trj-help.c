/* trj-help.c — see trj-help.h */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trj-help.h"

char *
trj_help_uri (const char *page)
{
  if (page == NULL)
    return g_strdup ("help:" GETTEXT_PACKAGE);
  return g_strconcat ("help:" GETTEXT_PACKAGE "/", page, NULL);
}

/* One F1: the page asked for, and where to say it could not be shown. */
typedef struct {
  GtkWindow *parent;   /* owned; may be NULL */
  char *page;          /* NULL for the index */
} HelpRequest;

static void
help_request_free (HelpRequest *request)
{
  g_clear_object (&request->parent);
  g_free (request->page);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelpRequest, help_request_free)

char *
trj_help_html_path (const char *page)
{
  g_autofree char *name = g_strconcat (page != NULL ? page : "index", ".html", NULL);

  return g_build_filename (TRJ_HTML_HELPDIR, name, NULL);
}

char *
trj_help_html_find (const char *page)
{
  g_autofree char *installed = trj_help_html_path (page);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe != NULL ? g_path_get_dirname (exe) : NULL;
  g_autofree char *name = g_strconcat (page != NULL ? page : "index", ".html", NULL);
  g_autofree char *built = exe_dir != NULL ? g_build_filename (exe_dir, "..", "help", name, NULL) : NULL;

  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&installed);
  if (built != NULL && g_file_test (built, G_FILE_TEST_EXISTS))
    return g_canonicalize_filename (built, NULL);
  return NULL;
}

static void
show_unavailable (HelpRequest *request, const GError *error)
{
  g_autofree char *index = trj_help_html_find (NULL);
  AdwMessageDialog *dialog;

  g_debug ("help: %s", error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (request->parent,
                                                       _("Help Is Not Available"), NULL));
  /* The path named is one that exists (the HTML guide may not be installed). */
  if (index != NULL)
    adw_message_dialog_format_body (dialog,
      _("The user guide needs the Yelp help viewer or a web browser. Install the "
        "“yelp” package, or open %s in a browser."), index);
  else
    adw_message_dialog_set_body (dialog,
      _("The user guide needs the Yelp help viewer, and it is not installed: install the "
        "“yelp” package and Trajectoire’s guide (help:trajectoire)."));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
html_shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(HelpRequest) request = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    show_unavailable (request, error);
}

static void
shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(HelpRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *uri = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  /* No Yelp: the HTML copy of the guide in the browser, when there is one. */
  html = trj_help_html_find (request->page);
  if (html == NULL)
    {
      show_unavailable (request, error);
      return;
    }
  uri = g_filename_to_uri (html, NULL, NULL);
  gtk_show_uri_full (GTK_WINDOW (source), uri, GDK_CURRENT_TIME, NULL, html_shown_cb,
                     g_steal_pointer (&request));
}

void
trj_help_show (GtkWindow *parent, const char *page)
{
  g_autofree char *uri = trj_help_uri (page);
  HelpRequest *request;
  GtkWindow *launcher;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  request = g_new0 (HelpRequest, 1);
  request->parent = parent != NULL ? g_object_ref (parent) : NULL;
  request->page = g_strdup (page);
  /* GTK 4.8 crashes exporting the handle of a window not yet realized. */
  launcher = parent != NULL && gtk_widget_get_realized (GTK_WIDGET (parent)) ? parent : NULL;
  gtk_show_uri_full (launcher, uri, GDK_CURRENT_TIME, NULL, shown_cb, request);
}
