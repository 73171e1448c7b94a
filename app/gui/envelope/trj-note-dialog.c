/* trj-note-dialog.c — see trj-note-dialog.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-note-dialog.h"
#include "trj-catalog.h"

typedef struct {
  TrjWorkbook *workbook;
  gint64 scenario_id;
  char *line_id;
  GtkWindow *parent;
  GtkTextView *view;
  GtkLabel *message;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->workbook);
  g_clear_weak_pointer (&data->parent);
  g_free (data->line_id);
  g_free (data);
}

static char *
typed_text (DialogData *data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (data->view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Enregistrer only while the workbook can keep the text. */
static void
buffer_changed_cb (GtkTextBuffer *buffer, AdwMessageDialog *dialog)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "trj-note-dialog");
  g_autofree char *text = typed_text (data);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean fits = strlen (stripped) <= TRJ_CATALOG_MAX_TEXT;

  adw_message_dialog_set_response_enabled (dialog, "save", fits);
  gtk_widget_set_visible (GTK_WIDGET (data->message), !fits);
  if (!fits)
    {
      g_autofree char *limit = g_strdup_printf ("%d", TRJ_CATALOG_MAX_TEXT);
      /* TRANSLATORS: %s is the limit in bytes (4096) */
      g_autofree char *why = g_strdup_printf (_("The note is too long: a note keeps at most %s bytes (about as many letters). Shorten it to save it."),
                                              limit);

      gtk_label_set_text (data->message, why);
      /* Read out by a screen reader: the label has the alert role. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->message), GTK_ACCESSIBLE_PROPERTY_LABEL, why, -1);
    }
}

static void
show_refusal (GtkWindow *parent, const GError *error)
{
  GtkWidget *refusal = adw_message_dialog_new (parent, _("The note was not saved"), error->message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (refusal), "close", _("_Close"), NULL);
  gtk_window_present (GTK_WINDOW (refusal));
}

static void
response_cb (AdwMessageDialog *dialog, const char *response, DialogData *data)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save"))
    text = g_strstrip (typed_text (data));
  else if (!g_str_equal (response, "remove"))
    return;
  /* Empty is none (the store keeps NULL). */
  if (!trj_workbook_set_line_text (data->workbook, data->scenario_id, data->line_id,
                                   TRJ_LINE_FIELD_NOTE, text, &error))
    show_refusal (data->parent, error);
}

/* Ctrl+Entrée in the text saves (Entrée starts a new line). */
static gboolean
save_shortcut_cb (GtkWidget *view, GVariant *args, gpointer dialog)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"))
    {
      /* As the button does: the response, then the dialog closed (libadwaita
       * 1.2's adw_message_dialog_response() leaves it open). */
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
      gtk_window_close (GTK_WINDOW (dialog));
    }
  return TRUE;
}

GtkWindow *
trj_note_dialog_new (GtkWindow *parent, TrjWorkbook *workbook, gint64 scenario_id,
                     const char *line_id, const char *line_label, const char *note)
{
  DialogData *data = g_new0 (DialogData, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *message = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  GtkEventController *keys = gtk_shortcut_controller_new ();
  AdwMessageDialog *dialog;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (workbook), NULL);
  g_return_val_if_fail (line_id != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Note on the Line"), NULL));
  /* TRANSLATORS: the body of the note dialog, %s is the line's label */
  adw_message_dialog_format_body (dialog, _("“%s”: what the planners should know about this line (it changes no figure). Ctrl+Enter saves."),
                                  line_label != NULL && *line_label != '\0' ? line_label : line_id);
  data->workbook = g_object_ref (workbook);
  data->scenario_id = scenario_id;
  data->line_id = g_strdup (line_id);
  g_set_weak_pointer (&data->parent, parent);
  data->view = GTK_TEXT_VIEW (view);
  data->message = GTK_LABEL (message);

  gtk_text_view_set_wrap_mode (data->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (data->view, FALSE);
  gtk_text_view_set_top_margin (data->view, 6);
  gtk_text_view_set_bottom_margin (data->view, 6);
  gtk_text_view_set_left_margin (data->view, 6);
  gtk_text_view_set_right_margin (data->view, 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (data->view), note != NULL ? note : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, 420, 140);
  gtk_widget_add_css_class (scrolled, "card");

  gtk_label_set_wrap (data->message, TRUE);
  gtk_label_set_xalign (data->message, 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);

  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), NULL);
  if (note != NULL)
    {
      adw_message_dialog_add_responses (dialog, "remove", _("_Remove the Note"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_responses (dialog, "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_callback_action_new (save_shortcut_cb, dialog, NULL)));
  /* Before the text view's own keys, which take Entrée for a new line. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (view, keys);

  g_object_set_data_full (G_OBJECT (dialog), "trj-note-dialog", data, (GDestroyNotify) dialog_data_free);
  g_signal_connect (gtk_text_view_get_buffer (data->view), "changed", G_CALLBACK (buffer_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), data);
  /* The text is typed at once, its end ready for more. */
  gtk_window_set_focus (GTK_WINDOW (dialog), view);
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (data->view), &end);
    gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (data->view), &end);
  }
  return GTK_WINDOW (dialog);
}

GtkTextView *
trj_note_dialog_get_text_view (GtkWindow *dialog)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "trj-note-dialog");

  g_return_val_if_fail (data != NULL, NULL);
  return data->view;
}
