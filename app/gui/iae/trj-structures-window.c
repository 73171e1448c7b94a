/* trj-structures-window.c — see trj-structures-window.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-bourse-window.h"
#include "trj-file-chooser.h"
#include "trj-structures-csv.h"
#include "trj-structures-model.h"
#include "trj-structures-window.h"

struct _TrjStructuresWindow
{
  AdwWindow parent_instance;

  TrjGrid *grid;
  GtkLabel *message;
  GtkButton *import_register;
  GtkButton *import_realised;
  GtkButton *bourse;

  TrjDocument *document;
  char *envelope_id;
  TrjStructuresModel *model;
};

G_DEFINE_FINAL_TYPE (TrjStructuresWindow, trj_structures_window, ADW_TYPE_WINDOW)

static void
show_message (TrjStructuresWindow *self, const char *message, gboolean refused)
{
  gtk_label_set_text (self->message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message), *message != '\0');
  if (refused)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

gboolean
trj_structures_window_import (TrjStructuresWindow *self, TrjStructuresImport what, GFile *file,
                              GError **error)
{
  TrjWorkbook *wb;
  gint64 id;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *done = NULL;
  gboolean ok;

  g_return_val_if_fail (TRJ_IS_STRUCTURES_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  wb = trj_document_get_workbook (self->document);
  id = trj_document_get_scenario_id (self->document);
  path = g_file_get_path (file);
  if (what == TRJ_STRUCTURES_IMPORT_REGISTER)
    ok = (rows = trj_structures_read_csv (path, trj_document_get_scenario (self->document), &local)) != NULL
         && trj_workbook_import_structures (wb, id, rows, &local);
  else
    ok = (rows = trj_realised_read_csv (path, trj_document_get_scenario (self->document), &local)) != NULL
         && trj_workbook_import_realised (wb, id, rows, &local);
  if (!ok)
    {
      show_message (self, local->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  done = what == TRJ_STRUCTURES_IMPORT_REGISTER
           ? g_strdup_printf (ngettext ("%u structure imported.", "%u structures imported.", rows->len), rows->len)
           : g_strdup_printf (ngettext ("Realised ETP of %u structure imported.",
                                        "Realised ETP of %u structures imported.", rows->len), rows->len);
  show_message (self, done, FALSE);
  return TRUE;
}

static void
import_response_cb (GtkNativeDialog *native, int response, TrjStructuresWindow *self)
{
  TrjStructuresImport what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "trj-import"));

  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (native), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (native));

      /* A refusal is shown in the window. */
      trj_structures_window_import (self, what, file, NULL);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_file (TrjStructuresWindow *self, TrjStructuresImport what)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  if (trj_workbook_is_read_only (trj_document_get_workbook (self->document)))
    {
      show_message (self, trj_workbook_get_read_only_reason (trj_document_get_workbook (self->document)), TRUE);
      return;
    }
  gtk_file_filter_set_name (filter, _("CSV tables"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  native = gtk_file_chooser_native_new (what == TRJ_STRUCTURES_IMPORT_REGISTER
                                          ? _("Import the Register of Structures")
                                          : _("Import the Realised ETP"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_set_data (G_OBJECT (native), "trj-import", GINT_TO_POINTER (what));
  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  trj_file_chooser_show (native);
}

static void
import_register_cb (TrjStructuresWindow *self)
{
  choose_file (self, TRJ_STRUCTURES_IMPORT_REGISTER);
}

static void
import_realised_cb (TrjStructuresWindow *self)
{
  choose_file (self, TRJ_STRUCTURES_IMPORT_REALISED);
}

GtkWindow *
trj_structures_window_open_bourse (TrjStructuresWindow *self)
{
  GtkWindow *bourse;

  g_return_val_if_fail (TRJ_IS_STRUCTURES_WINDOW (self), NULL);
  bourse = GTK_WINDOW (trj_bourse_window_new (self->document, self->envelope_id));
  gtk_window_set_transient_for (bourse, GTK_WINDOW (self));
  gtk_window_present (bourse);
  return bourse;
}

static void
trj_structures_window_dispose (GObject *object)
{
  TrjStructuresWindow *self = TRJ_STRUCTURES_WINDOW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (trj_structures_window_parent_class)->dispose (object);
}

static void
trj_structures_window_finalize (GObject *object)
{
  g_free (TRJ_STRUCTURES_WINDOW (object)->envelope_id);
  G_OBJECT_CLASS (trj_structures_window_parent_class)->finalize (object);
}

static void
trj_structures_window_class_init (TrjStructuresWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_structures_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = trj_structures_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
trj_structures_window_init (TrjStructuresWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled;

  gtk_window_set_title (GTK_WINDOW (self), _("IAE Structures"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1240, 640);
  self->import_register = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Import the _Register…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_register),
                               _("Adds or updates the structures from a CSV table (nom, siret, département, type, "
                                 "conventionné N-1, réalisé N-1, ETP and the flags)"));
  self->import_realised = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Import the Realised _ETP…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_realised),
                               _("The ASP’s monthly declarations, from a CSV table (siret or nom, mois, ETP)"));
  self->bourse = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Bourse aux postes…")));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->import_register));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->import_realised));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->bourse));
  gtk_box_append (GTK_BOX (box), header);

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_label_set_selectable (self->message, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->message), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->message), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));

  self->grid = TRJ_GRID (trj_grid_new ());
  trj_grid_set_escape_closes (self->grid, TRUE);
  scrolled = GTK_WIDGET (self->grid);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_margin_start (scrolled, 6);
  gtk_widget_set_margin_end (scrolled, 6);
  gtk_widget_set_margin_bottom (scrolled, 6);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->import_register, "clicked", G_CALLBACK (import_register_cb), self);
  g_signal_connect_swapped (self->import_realised, "clicked", G_CALLBACK (import_realised_cb), self);
  g_signal_connect_swapped (self->bourse, "clicked", G_CALLBACK (trj_structures_window_open_bourse), self);
}

TrjStructuresWindow *
trj_structures_window_new (TrjDocument *document, const char *envelope_id)
{
  TrjStructuresWindow *self;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);

  self = g_object_new (TRJ_TYPE_STRUCTURES_WINDOW, NULL);
  self->document = g_object_ref (document);
  self->envelope_id = g_strdup (envelope_id);
  self->model = trj_structures_model_new (document, envelope_id);
  trj_grid_set_model (self->grid, TRJ_GRID_MODEL (self->model));
  return self;
}

TrjGrid *
trj_structures_window_get_grid (TrjStructuresWindow *self)
{
  g_return_val_if_fail (TRJ_IS_STRUCTURES_WINDOW (self), NULL);
  return self->grid;
}

GtkButton *
trj_structures_window_get_button (TrjStructuresWindow *self, const char *name)
{
  g_return_val_if_fail (TRJ_IS_STRUCTURES_WINDOW (self), NULL);
  if (g_str_equal (name, "import-register"))
    return self->import_register;
  if (g_str_equal (name, "import-realised"))
    return self->import_realised;
  if (g_str_equal (name, "bourse"))
    return self->bourse;
  g_return_val_if_reached (NULL);
}

const char *
trj_structures_window_get_message (TrjStructuresWindow *self)
{
  g_return_val_if_fail (TRJ_IS_STRUCTURES_WINDOW (self), NULL);
  return gtk_label_get_text (self->message);
}
