/* trj-year.c — see trj-year.h */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-year.h"
#include "trj-actuals-csv.h"
#include "trj-exchange-files.h"
#include "trj-format.h"

/* The parent window shows the message (its win.toast action). */
static void
toast (GtkWindow *parent, const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
}

/* ── « Marquer comme transmis… » ─────────────────────────────────────── */

char *
trj_send_parse_date (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint d = 0, m = 0, y = 0;
  char tail;

  if (sscanf (stripped, "%u/%u/%u%c", &d, &m, &y, &tail) != 3 &&
      sscanf (stripped, "%u-%u-%u%c", &y, &m, &d, &tail) != 3)
    return NULL;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

typedef struct {
  GtkWindow *parent;
  TrjDocument *document;
  gint64 scenario;
  GtkDropDown *kind;
  GtkEditable *date;
  GtkEditable *comment;
  GtkLabel *hint;
} SendDialog;

static void
send_dialog_free (SendDialog *send)
{
  g_object_unref (send->parent);
  g_object_unref (send->document);
  g_free (send);
}

static void
send_date_changed_cb (GtkEditable *date, GtkWidget *dialog)
{
  SendDialog *send = g_object_get_data (G_OBJECT (dialog), "trj-send");
  g_autofree char *iso = trj_send_parse_date (gtk_editable_get_text (date));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send", iso != NULL);
  gtk_widget_set_visible (GTK_WIDGET (send->hint), iso == NULL);
  if (iso == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (date), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (date), "error");
}

static void
send_response_cb (AdwMessageDialog *dialog, const char *response, SendDialog *send)
{
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  guint kind;

  if (!g_str_equal (response, "send"))
    return;
  iso = trj_send_parse_date (gtk_editable_get_text (send->date));
  kind = gtk_drop_down_get_selected (send->kind);
  if (iso == NULL || kind >= TRJ_N_SENT_KINDS)
    return;
  if (!trj_workbook_mark_sent (trj_document_get_workbook (send->document), send->scenario,
                               (TrjSentKind) kind, iso, gtk_editable_get_text (send->comment), &error))
    toast (send->parent, error->message);
  else
    toast (send->parent, _("Scenario marked as sent: it can no longer be changed"));
}

static GtkWidget *
field_label (const char *text, GtkWidget *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  return label;
}

GtkWidget *
trj_send_dialog_new (GtkWindow *parent, TrjDocument *document)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  gint64 scenario = trj_document_get_scenario_id (document);
  g_autofree char *name = trj_workbook_get_scenario_name (wb, scenario);
  g_autofree char *body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
  const char *kinds[TRJ_N_SENT_KINDS + 1];
  SendDialog *send = g_new0 (SendDialog, 1);
  GtkWidget *dialog, *grid, *w;

  for (guint k = 0; k < TRJ_N_SENT_KINDS; k++)
    kinds[k] = trj_sent_kind_title ((TrjSentKind) k);
  kinds[TRJ_N_SENT_KINDS] = NULL;

  /* TRANSLATORS: body of « Marquer comme transmis », %s is the scenario's name */
  body = g_strdup_printf (_("Once sent, “%s” is frozen: every change of it is refused, "
                            "and it can only be duplicated into a working scenario."),
                          name != NULL ? name : "");
  dialog = adw_message_dialog_new (parent, _("Mark as Sent to the DGEFP"), body);

  send->parent = g_object_ref (parent);
  send->document = g_object_ref (document);
  send->scenario = scenario;
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  send->kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  gtk_widget_set_hexpand (GTK_WIDGET (send->kind), TRUE);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Kind"), GTK_WIDGET (send->kind)), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (send->kind), 1, 0, 1, 1);

  w = gtk_entry_new ();
  send->date = GTK_EDITABLE (w);
  gtk_editable_set_text (send->date, today);
  /* TRANSLATORS: placeholder of the date of sending */
  gtk_entry_set_placeholder_text (GTK_ENTRY (w), _("DD/MM/YYYY"));
  gtk_entry_set_activates_default (GTK_ENTRY (w), TRUE);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Date"), w), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), w, 1, 1, 1, 1);

  w = gtk_label_new (_("Type a date as DD/MM/YYYY."));
  send->hint = GTK_LABEL (w);
  gtk_label_set_xalign (send->hint, 0);
  gtk_widget_add_css_class (w, "error");
  gtk_widget_set_visible (w, FALSE);
  gtk_grid_attach (GTK_GRID (grid), w, 1, 2, 1, 1);

  w = gtk_entry_new ();
  send->comment = GTK_EDITABLE (w);
  gtk_entry_set_activates_default (GTK_ENTRY (w), TRUE);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("C_omment"), w), 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), w, 1, 3, 1, 1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "send", _("_Mark as Sent"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "trj-send", send, (GDestroyNotify) send_dialog_free);
  g_signal_connect (send->date, "changed", G_CALLBACK (send_date_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (send_response_cb), send);
  return dialog;
}

GtkDropDown *
trj_send_dialog_get_kind (GtkWidget *dialog)
{
  return ((SendDialog *) g_object_get_data (G_OBJECT (dialog), "trj-send"))->kind;
}

GtkEditable *
trj_send_dialog_get_date (GtkWidget *dialog)
{
  return ((SendDialog *) g_object_get_data (G_OBJECT (dialog), "trj-send"))->date;
}

GtkEditable *
trj_send_dialog_get_comment (GtkWidget *dialog)
{
  return ((SendDialog *) g_object_get_data (G_OBJECT (dialog), "trj-send"))->comment;
}

/* ── Texts of the header ─────────────────────────────────────────────── */

char *
trj_year_frozen_text (TrjDocument *document)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  g_autoptr(TrjSentVersion) sent = NULL;
  g_autofree char *described = NULL;

  if (!trj_workbook_is_frozen (wb, trj_document_get_scenario_id (document)) ||
      (sent = trj_workbook_get_sent (wb, trj_document_get_scenario_id (document), NULL)) == NULL)
    return NULL;
  described = trj_sent_version_describe (sent);
  /* TRANSLATORS: banner of a sent scenario, %s is « Version transmise à la DGEFP le … » */
  return g_strdup_printf (_("%s. Read only: duplicate it into a working scenario to change it."), described);
}

char *
trj_year_actuals_text (TrjDocument *document)
{
  g_autoptr(TrjActuals) actuals = trj_workbook_get_actuals (trj_document_get_workbook (document), NULL);
  guint T = actuals != NULL ? trj_actuals_last_month (actuals) : 0;

  if (T == 0)
    return NULL;
  /* TRANSLATORS: the month of the last actuals, %s is a month (« juin ») */
  return g_strdup_printf (_("data to the end of %s"), trj_format_month_long ((int) T));
}

/* ── Actuals from CSV ────────────────────────────────────────────────── */

guint
trj_year_import_actuals (TrjDocument *document, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(TrjActuals) actuals = NULL;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only a local file can be imported"));
      return 0;
    }
  if ((actuals = trj_actuals_read_csv (path, trj_document_get_scenario (document), error)) == NULL ||
      !trj_workbook_import_actuals (trj_document_get_workbook (document), actuals, error))
    return 0;
  return actuals->rows->len;
}

/* The chosen file imported into the document, what trj_year_import_actuals()
 * says in a toast or, refused, in a message dialog. */
static void
import_actuals_file (GtkWindow *parent, TrjDocument *document, GFile *file)
{
  g_autoptr(GError) error = NULL;
  guint n = trj_year_import_actuals (document, file, &error);

  if (n == 0 && error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The Actuals Were Not Imported"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_widget_set_name (dialog, "actuals-error");
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      g_autofree char *month = trj_year_actuals_text (document);
      /* TRANSLATORS: toast after importing actuals: "12 lignes importées ; données à fin juin" */
      g_autofree char *text = g_strdup_printf (ngettext ("%u row imported; %s", "%u rows imported; %s", n),
                                               n, month != NULL ? month : "");

      toast (parent, text);
    }
}

void
trj_year_choose_actuals_import (GtkWindow *parent, TrjDocument *document)
{
  trj_exchange_choose_file_to_import (parent, document, _("Import the Actuals"), _("_Import"),
                                      _("CSV tables"), "*.csv", "text/csv", import_actuals_file);
}
