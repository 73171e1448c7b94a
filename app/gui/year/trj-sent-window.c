/* trj-sent-window.c — « Versions transmises », see trj-year.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-year.h"

struct _TrjSentWindow
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget *empty;
  GPtrArray *rows;          /* AdwActionRow, shown in group */
  GPtrArray *versions;      /* TrjSentVersion */
  GPtrArray *texts;         /* char *: each row's title and subtitle */
  TrjDocument *document;
  GtkWindow *parent;        /* weak: the main window, for its toasts */
};

G_DEFINE_FINAL_TYPE (TrjSentWindow, trj_sent_window, ADW_TYPE_WINDOW)

static void
toast (TrjSentWindow *self, const char *message)
{
  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.toast", "s", message);
}

gint64
trj_sent_window_duplicate (TrjSentWindow *self, guint i)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GError) error = NULL;
  const TrjSentVersion *version;
  gint64 id;

  g_return_val_if_fail (TRJ_IS_SENT_WINDOW (self), 0);
  g_return_val_if_fail (i < self->versions->len, 0);

  version = g_ptr_array_index (self->versions, i);
  id = trj_workbook_duplicate_scenario (wb, version->scenario, NULL, &error);
  if (id == 0 || !trj_workbook_set_current_scenario (wb, id, &error))
    {
      toast (self, error->message);
      return 0;
    }
  toast (self, _("Working scenario created from the version sent"));
  return id;
}

static void
duplicate_clicked_cb (GtkButton *button, TrjSentWindow *self)
{
  trj_sent_window_duplicate (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "trj-index")));
}

static void
show_clicked_cb (GtkButton *button, TrjSentWindow *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "trj-index"));
  const TrjSentVersion *version = g_ptr_array_index (self->versions, i);
  g_autoptr(GError) error = NULL;

  if (!trj_workbook_set_current_scenario (trj_document_get_workbook (self->document), version->scenario, &error))
    toast (self, error->message);
}

static GtkWidget *
row_button (TrjSentWindow *self, guint i, const char *label, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "trj-index", GUINT_TO_POINTER (i));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
rebuild (TrjSentWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = trj_workbook_list_sent (trj_document_get_workbook (self->document), &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->texts, 0);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = versions != NULL ? g_steal_pointer (&versions)
                                    : g_ptr_array_new_with_free_func ((GDestroyNotify) trj_sent_version_free);
  if (error != NULL)
    adw_preferences_group_set_description (self->group, error->message);

  for (guint i = 0; i < self->versions->len; i++)
    {
      const TrjSentVersion *version = g_ptr_array_index (self->versions, i);
      g_autofree char *subtitle = trj_sent_version_describe (version);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), version->scenario_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, i, _("_Show"), G_CALLBACK (show_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, i, _("_Duplicate into a Working Scenario"),
                                             G_CALLBACK (duplicate_clicked_cb)));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      /* TRANSLATORS: a version sent in the history: its scenario — its description */
      g_ptr_array_add (self->texts, g_strdup_printf (_("%s — %s"), version->scenario_name, subtitle));
    }
  gtk_widget_set_visible (self->empty, self->versions->len == 0);
}

static void
document_updated_cb (TrjSentWindow *self, guint changes)
{
  if (changes & TRJ_WORKBOOK_CHANGE_SCENARIOS)
    rebuild (self);
}

guint
trj_sent_window_get_n_versions (TrjSentWindow *self)
{
  g_return_val_if_fail (TRJ_IS_SENT_WINDOW (self), 0);
  return self->versions->len;
}

const char *
trj_sent_window_get_row_text (TrjSentWindow *self, guint i)
{
  g_return_val_if_fail (TRJ_IS_SENT_WINDOW (self), NULL);
  return i < self->texts->len ? g_ptr_array_index (self->texts, i) : NULL;
}

static void
trj_sent_window_dispose (GObject *object)
{
  TrjSentWindow *self = TRJ_SENT_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_weak_pointer (&self->parent);
  G_OBJECT_CLASS (trj_sent_window_parent_class)->dispose (object);
}

static void
trj_sent_window_finalize (GObject *object)
{
  TrjSentWindow *self = TRJ_SENT_WINDOW (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->texts);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  G_OBJECT_CLASS (trj_sent_window_parent_class)->finalize (object);
}

static void
trj_sent_window_class_init (TrjSentWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trj_sent_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = trj_sent_window_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
trj_sent_window_init (TrjSentWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();

  self->rows = g_ptr_array_new ();
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_sent_version_free);
  gtk_window_set_title (GTK_WINDOW (self), _("Versions Sent"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 420);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Versions sent to the DGEFP"));
  self->empty = gtk_label_new (_("No version was sent yet. “Mark as Sent…” in the main menu freezes the "
                                 "scenario shown and lists it here."));
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->empty), 0);
  gtk_widget_add_css_class (self->empty, "dim-label");
  adw_preferences_group_add (self->group, self->empty);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

TrjSentWindow *
trj_sent_window_new (GtkWindow *parent, TrjDocument *document)
{
  TrjSentWindow *self = g_object_new (TRJ_TYPE_SENT_WINDOW, "transient-for", parent, NULL);

  self->document = g_object_ref (document);
  g_set_weak_pointer (&self->parent, parent);
  g_signal_connect_swapped (document, "updated", G_CALLBACK (document_updated_cb), self);
  rebuild (self);
  return self;
}
