/* trj-drift.c — see trj-drift.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-drift.h"
#include "trj-catalog.h"
#include "trj-file-chooser.h"
#include "trj-format.h"
#include "trj-landing.h"
#include "trj-prescriber-message.h"
#include "trj-settings.h"

static void
toast (GtkWindow *parent, const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
}

void
trj_drift_tolerance_from_settings (TrjDriftTolerance *tolerance)
{
  g_autoptr(GSettings) settings = trj_settings_new ();

  trj_drift_tolerance_init (tolerance);
  if (settings == NULL)
    return;
  /* Points of rate and cofinancing in the preferences, shares in the engine. */
  tolerance->rate = g_settings_get_double (settings, "drift-tolerance-rate") / 100.0;
  tolerance->hours = g_settings_get_double (settings, "drift-tolerance-hours");
  tolerance->duration = g_settings_get_double (settings, "drift-tolerance-duration");
  tolerance->cofinancing = g_settings_get_double (settings, "drift-tolerance-cofinancing") / 100.0;
}

static char *
format_param (TrjParam param, double value)
{
  return trj_catalog_param (param)->kind == TRJ_PARAM_SHARE ? trj_format_percent (value, 1)
                                                            : trj_format_decimal (value, 2);
}

GPtrArray *
trj_drift_messages (TrjDocument *document, int envelope)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);
  const TrjScenario *scenario = trj_document_get_scenario (document);
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(TrjLanding) landing = NULL;
  TrjDriftTolerance tolerance;

  if (scenario == NULL || envelope < 0 ||
      (actuals = trj_workbook_get_actuals (trj_document_get_workbook (document), NULL)) == NULL ||
      actuals->rows->len == 0)
    return messages;
  trj_drift_tolerance_from_settings (&tolerance);
  landing = trj_landing_compute_with_tolerance (scenario, actuals, TRJ_PROJECTION_OBSERVED,
                                                trj_document_get_rules (document), &tolerance, NULL);
  for (guint i = 0; landing != NULL && i < landing->drifts->len; i++)
    {
      const TrjLandingDrift *d = &g_array_index (landing->drifts, TrjLandingDrift, i);
      const TrjEnvelope *env;
      const TrjLine *line;
      g_autofree char *observed = NULL, *programmed = NULL, *tol = NULL, *title = NULL;

      if ((int) d->envelope != envelope)
        continue;
      env = g_ptr_array_index (scenario->envelopes, d->envelope);
      line = g_ptr_array_index (env->lines, d->line);
      observed = format_param (d->param, d->observed);
      programmed = format_param (d->param, d->programmed);
      tol = format_param (d->param, d->tolerance);
      title = g_utf8_strdown (trj_catalog_param_title (d->param), -1);
      /* TRANSLATORS: Line “PEC Brest”: taux de prise en charge of 60,0 % in the actuals for 50,0 % in the programming (tolerance 2,0 %) */
      g_ptr_array_add (messages, g_strdup_printf (_("Line “%s”: %s of %s in the actuals for %s in the programming (tolerance %s); warn its prescriber."),
                                                  line->label != NULL && *line->label != '\0' ? line->label : line->id,
                                                  title, observed, programmed, tol));
    }
  return messages;
}

gboolean
trj_drift_write_messages (TrjDocument *document, const char *pdf_path, const char *csv_path,
                          guint *n_prescribers, GError **error)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  gint64 reference = trj_landing_reference_id (document);
  g_autoptr(TrjScenario) scenario = trj_workbook_get_scenario (wb, reference, error);
  g_autofree char *name = trj_workbook_get_scenario_name (wb, reference);
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(TrjLanding) landing = NULL;
  g_auto(GStrv) prescribers = NULL;
  TrjDriftTolerance tolerance;
  TrjPrescriberMessage message;

  if (scenario == NULL || (actuals = trj_workbook_get_actuals (wb, error)) == NULL)
    return FALSE;
  if (actuals->rows->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("No actuals yet: import or type them first (menu of the year)."));
      return FALSE;
    }
  trj_drift_tolerance_from_settings (&tolerance);
  landing = trj_landing_compute_with_tolerance (scenario, actuals, TRJ_PROJECTION_OBSERVED,
                                                trj_document_get_rules (document), &tolerance, error);
  if (landing == NULL)
    return FALSE;
  message = (TrjPrescriberMessage) { scenario, name, landing->drifts, landing->month, NULL };
  prescribers = trj_prescriber_message_prescribers (&message);
  if (n_prescribers != NULL)
    *n_prescribers = g_strv_length (prescribers);
  return trj_prescriber_message_write_pdf (&message, pdf_path, error) &&
         trj_prescriber_message_write_csv (&message, csv_path, error);
}

/* « message.pdf » → « message.csv » */
static char *
csv_beside (const char *pdf)
{
  g_autofree char *base = g_str_has_suffix (pdf, ".pdf") ? g_strndup (pdf, strlen (pdf) - 4) : g_strdup (pdf);

  return g_strconcat (base, ".csv", NULL);
}

static void
messages_response_cb (GtkNativeDialog *native, int response, GtkWindow *parent)
{
  TrjDocument *document = g_object_get_data (G_OBJECT (native), "trj-document");

  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (native), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (native));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *pdf = path != NULL && !g_str_has_suffix (path, ".pdf") ? g_strconcat (path, ".pdf", NULL)
                                                                              : g_strdup (path);
      g_autofree char *csv = pdf != NULL ? csv_beside (pdf) : NULL;
      g_autoptr(GError) error = NULL;
      guint n = 0;

      if (pdf == NULL)
        toast (parent, _("The file can only be saved to a local file"));
      else if (!trj_drift_write_messages (document, pdf, csv, &n, &error))
        toast (parent, error->message);
      else
        {
          g_autofree char *pdf_name = g_path_get_basename (pdf);
          g_autofree char *csv_name = g_path_get_basename (csv);
          /* TRANSLATORS: toast: 2 prescribers, « message.pdf » and « message.csv » written */
          g_autofree char *text = g_strdup_printf (ngettext ("Message to %u prescriber: “%s” and “%s” written",
                                                             "Message to %u prescribers: “%s” and “%s” written", n),
                                                   n, pdf_name, csv_name);
          toast (parent, text);
        }
    }
  g_object_unref (native);
  g_object_unref (parent);
}

void
trj_drift_choose_messages_export (GtkWindow *parent, TrjDocument *document)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const TrjScenario *scenario = trj_document_get_scenario (document);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  /* TRANSLATORS: suggested file name; %s is the region, %d the year */
  name = g_strdup_printf (_("message to prescribers %s %d.pdf"), scenario->region, scenario->year);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  native = gtk_file_chooser_native_new (_("Message to the Prescribers (PDF, and CSV beside)"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data_full (G_OBJECT (native), "trj-document", g_object_ref (document), g_object_unref);
  g_signal_connect (native, "response", G_CALLBACK (messages_response_cb), g_object_ref (parent));
  trj_file_chooser_show (native);
}
