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

static void
show_unavailable (GtkWindow *parent, const GError *error)
{
  g_autofree char *index = g_build_filename (TRJ_HELPDIR, "C", GETTEXT_PACKAGE,
                                             "index.page", NULL);
  AdwMessageDialog *dialog;

  g_debug ("help viewer: %s", error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Help Is Not Available"), NULL));
  /* The guide is a set of Mallard pages: without Yelp, point at the files. */
  adw_message_dialog_format_body (dialog,
    _("The user guide needs the Yelp help viewer. Install the “yelp” package, "
      "or open the guide’s pages from %s."), index);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    show_unavailable (parent, error);
}

void
trj_help_show (GtkWindow *parent, const char *page)
{
  g_autofree char *uri = trj_help_uri (page);
  GtkWindow *launcher;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  /* GTK 4.8 crashes exporting the handle of a window not yet realized. */
  launcher = parent != NULL && gtk_widget_get_realized (GTK_WIDGET (parent)) ? parent : NULL;
  gtk_show_uri_full (launcher, uri, GDK_CURRENT_TIME, NULL, shown_cb,
                     parent != NULL ? g_object_ref (parent) : NULL);
}
