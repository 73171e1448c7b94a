/* trj-about.c — see trj-about.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-about.h"
#include "trj-format.h"
#include "trj-year-data.h"

/* "11,65 € au 1 janvier 2024 ; 11,88 € au …" for one series. */
static void
append_series (GString *text, const TrjSeries *series)
{
  for (guint i = 0; i < series->n_points; i++)
    {
      const TrjRefPoint *point = &series->points[i];
      g_autoptr(GDateTime) from = g_date_time_new_utc (point->from / 10000,
                                                       point->from / 100 % 100,
                                                       point->from % 100, 0, 0, 0);
      g_autofree char *amount = trj_format_number (point->value, 2);
      g_autofree char *date = trj_format_date (from);

      if (i > 0)
        /* TRANSLATORS: separates the dated values of a series */
        g_string_append (text, _("; "));
      /* TRANSLATORS: a dated legal amount: "11,65 € from 1 janvier 2024" */
      g_string_append_printf (text, _("%s € from %s"), amount, date);
    }
}

static const struct {
  TrjZone zone;
  const char *name;
} zones[] = {
  { TRJ_ZONE_METROPOLE, N_("mainland France") },
  { TRJ_ZONE_OUTRE_MER, N_("overseas regions") },
  { TRJ_ZONE_MAYOTTE, N_("Mayotte") },
};

char *
trj_about_reference_sources (void)
{
  GString *text = g_string_new (NULL);

  for (const int *year = trj_year_data_available_years (); *year != 0; year++)
    {
      g_autoptr(GError) error = NULL;
      const TrjYearData *data = trj_year_data_get (*year, &error);

      if (data == NULL)
        {
          g_warning ("reference data %d: %s", *year, error->message);
          continue;
        }
      if (text->len > 0)
        g_string_append (text, "\n\n");
      /* The circular is the source of the envelopes, ranges and averages of a
       * year; only 2024's is embedded so far. */
      if (*year == 2024)
        g_string_append (text, _("Envelopes, ranges and averages: circular DGEFP 2024/14 of "
                                 "7 February 2024 on the Fonds d’inclusion dans l’emploi, "
                                 "and the regional notification of the 2024 envelopes."));
      else
        g_string_append_printf (text, _("Envelopes, ranges and averages of %d: the circular "
                                        "and the regional notification of that year."), *year);
      for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
        {
          g_string_append (text, "\n");
          /* TRANSLATORS: %s is a zone: "mainland France", "Mayotte" */
          g_string_append_printf (text, _("Gross hourly SMIC, %s: "), _(zones[i].name));
          append_series (text, &data->smic_hourly[zones[i].zone]);
          g_string_append (text, ".\n");
          /* TRANSLATORS: %s is a zone: "mainland France", "Mayotte" */
          g_string_append_printf (text, _("RSA for a single person, %s: "), _(zones[i].name));
          append_series (text, &data->rsa[zones[i].zone]);
          g_string_append (text, ".");
        }
    }
  return g_string_free (text, FALSE);
}

GtkWindow *
trj_about_window_new (GtkWindow *parent)
{
  g_autofree char *sources = trj_about_reference_sources ();
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), parent != NULL);
  adw_about_window_set_application_name (about, _("Trajectoire"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("DREETS planning team"));
  adw_about_window_set_comments (about,
    _("Plan the AE and CP trajectories of the subsidised contracts of the "
      "Fonds d’inclusion dans l’emploi."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, _("© 2026 Trajectoire contributors"));
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  /* The figures are only as good as their sources: planners must be able to
   * check which circular and which legal amounts a result rests on. */
  adw_about_window_add_legal_section (about, _("Reference Data"), NULL,
                                      GTK_LICENSE_CUSTOM, sources);
  return GTK_WINDOW (about);
}
