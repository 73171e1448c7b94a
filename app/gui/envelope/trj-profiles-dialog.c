/* trj-profiles-dialog.c — see trj-profiles-dialog.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-profiles-dialog.h"

#define NAME_KEY "trj-profile-name"

typedef struct {
  TrjWorkbook *workbook;
  GtkListBox *list;
  GtkLabel *message;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->workbook);
  g_free (data);
}

static void
show_message (DialogData *data, const char *text)
{
  gtk_label_set_text (data->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (data->message), text != NULL);
  if (text != NULL)
    /* Read out by a screen reader: the label has the alert role. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (data->message),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
rename_applied_cb (AdwEntryRow *row, DialogData *data)
{
  const char *name = g_object_get_data (G_OBJECT (row), NAME_KEY);
  g_autofree char *new_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autoptr(GError) error = NULL;

  if (trj_workbook_rename_profile (data->workbook, name, new_name, &error))
    {
      show_message (data, NULL);
      return;
    }
  show_message (data, error->message);
  gtk_editable_set_text (GTK_EDITABLE (row), name);
}

static void
delete_response_cb (AdwMessageDialog *confirm, const char *response, DialogData *data)
{
  const char *name = g_object_get_data (G_OBJECT (confirm), NAME_KEY);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!trj_workbook_delete_profile (data->workbook, name, &error))
    show_message (data, error->message);
  else
    show_message (data, NULL);
}

static void
delete_clicked_cb (GtkButton *button, DialogData *data)
{
  const char *name = g_object_get_data (G_OBJECT (button), NAME_KEY);
  GtkWindow *dialog = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autofree char *heading = g_strdup_printf (_("Delete the Profile “%s”?"), name);
  AdwMessageDialog *confirm;

  confirm = ADW_MESSAGE_DIALOG (adw_message_dialog_new (dialog, heading,
                                                        _("The lines already spread on it keep their monthly entries.")));
  adw_message_dialog_add_responses (confirm, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (confirm, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (confirm, "cancel");
  adw_message_dialog_set_close_response (confirm, "cancel");
  g_object_set_data_full (G_OBJECT (confirm), NAME_KEY, g_strdup (name), g_free);
  g_signal_connect (confirm, "response", G_CALLBACK (delete_response_cb), data);
  gtk_window_present (GTK_WINDOW (confirm));
}

static void
rebuild (DialogData *data)
{
  GPtrArray *profiles = trj_workbook_get_profiles (data->workbook);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (data->list))) != NULL)
    gtk_list_box_remove (data->list, child);

  if (profiles->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No saved profile"));
      gtk_list_box_append (data->list, row);
      return;
    }
  for (guint i = 0; i < profiles->len; i++)
    {
      const TrjSavedProfile *profile = g_ptr_array_index (profiles, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *trash = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tip = g_strdup_printf (_("Delete the profile “%s”"), profile->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name of the profile"));
      gtk_editable_set_text (GTK_EDITABLE (row), profile->name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), NAME_KEY, g_strdup (profile->name), g_free);
      g_signal_connect (row, "apply", G_CALLBACK (rename_applied_cb), data);

      gtk_widget_set_valign (trash, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (trash, "flat");
      gtk_widget_add_css_class (trash, "trj-delete-profile");
      gtk_widget_set_tooltip_text (trash, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (trash), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_object_set_data_full (G_OBJECT (trash), NAME_KEY, g_strdup (profile->name), g_free);
      g_signal_connect (trash, "clicked", G_CALLBACK (delete_clicked_cb), data);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), trash);
      gtk_list_box_append (data->list, row);
    }
}

static void
profiles_changed_cb (GObject *dialog)
{
  rebuild (g_object_get_data (dialog, "trj-profiles-dialog"));
}

GtkWindow *
trj_profiles_dialog_new (GtkWindow *parent, TrjWorkbook *workbook)
{
  DialogData *data = g_new0 (DialogData, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  /* The reason a rename or a deletion was refused, read out as an alert. */
  GtkWidget *message = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  AdwMessageDialog *dialog;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (workbook), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Saved Profiles"),
                                                       _("Rename or delete the profiles of this workbook: the lines already spread on one keep their monthly entries.")));
  data->workbook = g_object_ref (workbook);
  data->list = GTK_LIST_BOX (gtk_list_box_new ());
  data->message = GTK_LABEL (message);
  gtk_list_box_set_selection_mode (data->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (data->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saved Profiles"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (data->list));

  gtk_label_set_wrap (data->message, TRUE);
  gtk_label_set_xalign (data->message, 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);

  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");

  g_object_set_data_full (G_OBJECT (dialog), "trj-profiles-dialog", data, (GDestroyNotify) dialog_data_free);
  g_signal_connect_object (workbook, "profiles-changed", G_CALLBACK (profiles_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  rebuild (data);
  return GTK_WINDOW (dialog);
}
