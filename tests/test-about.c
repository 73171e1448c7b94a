/* test-about.c — the About window shows the version, the licence and the sources */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "trj-about.h"
#include "trj-i18n.h"

/* French typography: narrow no-break space before ":" and ";", no-break space before "€". */
#define NNBSP "\u202F"
#define NBSP "\u00A0"

static void
test_sources (void)
{
  g_autofree char *sources = trj_about_reference_sources ();

  /* The 2024 circular, then each zone's dated legal values (MODEL 6),
   * formatted the French way. */
  g_assert_nonnull (strstr (sources, "circulaire DGEFP 2024/14 du 7 février 2024"));
  g_assert_nonnull (strstr (sources,
    "SMIC horaire brut, métropole" NNBSP ": 11,27" NBSP "€ au 1 janvier 2023" NNBSP "; "
    "11,52" NBSP "€ au 1 mai 2023" NNBSP "; 11,65" NBSP "€ au 1 janvier 2024" NNBSP "; "
    "11,88" NBSP "€ au 1 novembre 2024" NNBSP "; 11,88" NBSP "€ au 1 janvier 2025."));
  g_assert_nonnull (strstr (sources,
    "RSA pour une personne seule, Mayotte" NNBSP ": 299,27" NBSP "€ au 1 juillet 2022" NNBSP "; "
    "303,88" NBSP "€ au 1 avril 2023" NNBSP "; 317,86" NBSP "€ au 1 avril 2024" NNBSP "; "
    "323,26" NBSP "€ au 1 avril 2025."));
  g_assert_nonnull (strstr (sources, "SMIC horaire brut, outre-mer" NNBSP ": 11,27" NBSP "€"));
}

static void
test_window (void)
{
  GtkWindow *window = trj_about_window_new (NULL);
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (window);

  /* meson.build's version, the one place it is written (the version test checks
   * that NEWS, the metainfo, debian/changelog and --version agree with it). */
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, "fr.gouv.travail.Trajectoire");
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Trajectoire");
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "Équipe de programmation des DREETS");
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/about/sources", test_sources);
  g_test_add_func ("/about/window", test_window);
  return g_test_run ();
}
