/* trj-share-window.c — see trj-share-window.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-gui-format.h"
#include "trj-share-window.h"

struct _TrjShareWindow
{
  AdwWindow parent_instance;

  TrjGrid *grid;
  GtkLabel *summary;
  GtkLabel *message;
  GtkButton *add;
  GtkButton *remove;
  GtkButton *save;
  AdwWindowTitle *title;

  TrjDocument *document;
  char *envelope_id;
  TrjShareModel *model;
  gulong updated_id;
  gulong changed_id;
};

G_DEFINE_FINAL_TYPE (TrjShareWindow, trj_share_window, ADW_TYPE_WINDOW)

static void
show_message (TrjShareWindow *self, const char *message, gboolean refused)
{
  gtk_label_set_text (self->message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message), *message != '\0');
  if (refused)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

static void
update_summary (TrjShareWindow *self)
{
  const TrjEnvelope *draft = trj_share_model_get_draft (self->model);
  const TrjEnvelope *env = trj_document_get_envelope (self->document, self->envelope_id);
  g_autofree char *text = NULL;
  double ae = 0, volume = 0;

  if (trj_share_model_get_kind (self->model) == TRJ_SHARE_ALLOCATIONS)
    {
      g_autofree char *ae_text = NULL, *volume_text = NULL, *notified_ae = NULL, *notified_volume = NULL;
      g_autofree char *left_ae = NULL, *left_volume = NULL;

      for (guint i = 0; i < trj_envelope_n_allocations (draft); i++)
        {
          const TrjAllocation *al = g_ptr_array_index (draft->allocations, i);

          ae += al->ae;
          volume += al->volume;
        }
      ae_text = trj_gui_money (ae);
      volume_text = trj_gui_decimal (volume, 2);
      notified_ae = trj_gui_money (env != NULL ? env->ae_notified : 0);
      notified_volume = trj_gui_decimal (env != NULL ? env->volume_notified : 0, 2);
      left_ae = trj_gui_margin ((env != NULL ? env->ae_notified : 0) - ae);
      left_volume = trj_gui_decimal ((env != NULL ? env->volume_notified : 0) - volume, 2);
      /* TRANSLATORS: amounts in euros and numbers of contracts */
      text = g_strdup_printf (_("Allocated: %s of AE and %s contracts, for %s and %s contracts notified to the "
                                "region; left to allocate: %s and %s contracts."),
                              ae_text, volume_text, notified_ae, notified_volume, left_ae, left_volume);
    }
  else
    {
      g_autofree char *contracts = NULL;

      for (guint i = 0; i < trj_envelope_n_caom (draft); i++)
        volume += ((const TrjCaom *) g_ptr_array_index (draft->caom, i))->contracts;
      contracts = trj_gui_decimal (volume, 2);
      /* TRANSLATORS: %s is a number of contracts, %u of départements */
      text = g_strdup_printf (ngettext ("CAOM: %s cofinanced contracts in %u département. The months give the "
                                        "profile of their entries (weights); the summary compares them with the "
                                        "lines’ cofinanced entries, month by month.",
                                        "CAOM: %s cofinanced contracts in %u départements. The months give the "
                                        "profile of their entries (weights); the summary compares them with the "
                                        "lines’ cofinanced entries, month by month.", trj_envelope_n_caom (draft)),
                              contracts, trj_envelope_n_caom (draft));
    }
  gtk_label_set_text (self->summary, text);
}

static gboolean
writable (TrjShareWindow *self)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);

  return !trj_workbook_is_read_only (wb) && !trj_workbook_is_frozen (wb, trj_document_get_scenario_id (self->document));
}

/* A frozen scenario or a read-only workbook: shown, not edited. */
static void
update_sensitivity (TrjShareWindow *self)
{
  gboolean editable = writable (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grid), editable);
}

static void
updated_cb (TrjDocument *document, guint changes, TrjShareWindow *self)
{
  /* An undo, or what was saved: the draft follows unless typed over. */
  if (!trj_share_model_is_modified (self->model))
    trj_share_model_reload (self->model);
  update_summary (self);
  update_sensitivity (self);
}

static void
model_changed_cb (TrjShareWindow *self)
{
  update_summary (self);
}

static void
add_clicked_cb (TrjShareWindow *self)
{
  guint row = trj_share_model_add_row (self->model);

  trj_grid_set_cursor (self->grid, row, TRJ_SHARE_COLUMN_DEPARTEMENT);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
}

static void
remove_clicked_cb (TrjShareWindow *self)
{
  guint row, column;
  guint n = trj_grid_model_get_n_data_rows (TRJ_GRID_MODEL (self->model));

  trj_grid_get_cursor (self->grid, &row, &column);
  if (row >= n)
    {
      show_message (self, _("Put the cursor on the row to remove."), TRUE);
      return;
    }
  trj_share_model_remove_row (self->model, row);
  if (n > 1)
    trj_grid_set_cursor (self->grid, MIN (row, n - 2), column);
}

static void
save_clicked_cb (TrjShareWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (trj_grid_is_editing (self->grid) && !trj_grid_commit_edit (self->grid))
    return;
  if (!trj_share_model_save (self->model, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, trj_share_model_get_kind (self->model) == TRJ_SHARE_ALLOCATIONS
                        ? _("Allocations saved: the lines of each département are checked against them.")
                        : _("CAOM saved."), FALSE);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog, const char *response, TrjShareWindow *self)
{
  if (g_str_equal (response, "save"))
    {
      g_autoptr(GError) error = NULL;

      if (!trj_share_model_save (self->model, &error))
        {
          show_message (self, error->message, TRUE);
          return;
        }
    }
  else if (!g_str_equal (response, "discard"))
    return;
  /* The dialog closes after this handler: it must not keep pointing at the
   * editor destroyed here (GTK 4.8 would disconnect from the freed editor
   * when the dialog goes). */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing with a draft not saved asks what to do with it. */
static gboolean
close_request_cb (TrjShareWindow *self)
{
  GtkWidget *dialog;
  gboolean allocations;

  if (!trj_share_model_is_modified (self->model) || !writable (self))
    return FALSE;
  allocations = trj_share_model_get_kind (self->model) == TRJ_SHARE_ALLOCATIONS;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), allocations ? _("Save the Allocations?") : _("Save the CAOM?"),
                                   _("The changes typed in this window are not saved yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The dialog is the editor's child window: it goes with it. */
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Ctrl+S as « Enregistrer », from the grid too (a cell being typed goes in first). */
static gboolean
save_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer data)
{
  TrjShareWindow *self = TRJ_SHARE_WINDOW (widget);

  if (!gtk_widget_is_sensitive (GTK_WIDGET (self->save)))
    return FALSE;
  save_clicked_cb (self);
  return TRUE;
}

TrjGrid *
trj_share_window_get_grid (TrjShareWindow *self)
{
  g_return_val_if_fail (TRJ_IS_SHARE_WINDOW (self), NULL);
  return self->grid;
}

TrjShareModel *
trj_share_window_get_model (TrjShareWindow *self)
{
  g_return_val_if_fail (TRJ_IS_SHARE_WINDOW (self), NULL);
  return self->model;
}

GtkButton *
trj_share_window_get_button (TrjShareWindow *self, const char *name)
{
  g_return_val_if_fail (TRJ_IS_SHARE_WINDOW (self), NULL);
  if (g_str_equal (name, "add"))
    return self->add;
  if (g_str_equal (name, "remove"))
    return self->remove;
  if (g_str_equal (name, "save"))
    return self->save;
  g_return_val_if_reached (NULL);
}

const char *
trj_share_window_get_summary (TrjShareWindow *self)
{
  g_return_val_if_fail (TRJ_IS_SHARE_WINDOW (self), NULL);
  return gtk_label_get_text (self->summary);
}

const char *
trj_share_window_get_message (TrjShareWindow *self)
{
  g_return_val_if_fail (TRJ_IS_SHARE_WINDOW (self), NULL);
  return gtk_label_get_text (self->message);
}

static void
trj_share_window_dispose (GObject *object)
{
  TrjShareWindow *self = TRJ_SHARE_WINDOW (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->updated_id, self->document);
  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (trj_share_window_parent_class)->dispose (object);
}

static void
trj_share_window_finalize (GObject *object)
{
  g_free (TRJ_SHARE_WINDOW (object)->envelope_id);
  G_OBJECT_CLASS (trj_share_window_parent_class)->finalize (object);
}

static void
trj_share_window_class_init (TrjShareWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_share_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = trj_share_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static GtkLabel *
wrapped_label (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_selectable (label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (label), 12);
  return label;
}

static void
trj_share_window_init (TrjShareWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (NULL, NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->add = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add a Row")));
  self->remove = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Remove the Row")));
  self->save = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save), "suggested-action");
  gtk_widget_set_focus_on_click (GTK_WIDGET (self->add), FALSE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self->remove), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->add));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->remove));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save));
  gtk_box_append (GTK_BOX (box), header);
  g_signal_connect_swapped (self->add, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (self->remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  g_signal_connect_swapped (self->save, "clicked", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  self->message = wrapped_label ();
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));

  self->grid = TRJ_GRID (trj_grid_new ());
  trj_grid_set_escape_closes (self->grid, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grid));

  self->summary = wrapped_label ();
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->summary), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  adw_window_set_content (ADW_WINDOW (self), box);
}

TrjShareWindow *
trj_share_window_new (GtkWindow *parent, TrjDocument *document, const char *envelope_id, TrjShareKind kind)
{
  TrjShareWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (envelope_id != NULL, NULL);

  self = g_object_new (TRJ_TYPE_SHARE_WINDOW, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->document = g_object_ref (document);
  self->envelope_id = g_strdup (envelope_id);
  self->model = trj_share_model_new (document, envelope_id, kind);
  /* TRANSLATORS: window titles; %s is the envelope's title */
  title = g_strdup_printf (kind == TRJ_SHARE_ALLOCATIONS ? _("Allocations of the DDETS — %s") : _("CAOM — %s"),
                           trj_catalog_envelope_title (envelope_id));
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* In the header: what, and the envelope under it (the whole title is too long beside the buttons). */
  adw_window_title_set_title (self->title, kind == TRJ_SHARE_ALLOCATIONS ? _("Allocations of the DDETS") : _("CAOM"));
  adw_window_title_set_subtitle (self->title, trj_catalog_envelope_title (envelope_id));
  gtk_window_set_default_size (GTK_WINDOW (self), kind == TRJ_SHARE_ALLOCATIONS ? 820 : 1180, 520);
  trj_grid_set_model (self->grid, TRJ_GRID_MODEL (self->model));
  trj_grid_set_context_description (self->grid, kind == TRJ_SHARE_ALLOCATIONS ? _("Allocations of the DDETS")
                                                                               : _("CAOM"));
  self->updated_id = g_signal_connect (document, "updated", G_CALLBACK (updated_cb), self);
  self->changed_id = g_signal_connect_swapped (self->model, "changed", G_CALLBACK (model_changed_cb), self);
  update_summary (self);
  update_sensitivity (self);
  return self;
}
