/* main.c — the Trajectoire application: French set-up, then the GtkApplication */
#include "config.h"

#include <gtk/gtk.h>

#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(TrjApplication) app = NULL;

  trj_i18n_init ();
  trj_format_install_in_engine ();
  /* trj_i18n_init keeps LC_NUMERIC at "C" for files; GTK would reset it. */
  gtk_disable_setlocale ();

  app = trj_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
