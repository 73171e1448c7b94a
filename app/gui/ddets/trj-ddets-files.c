/* trj-ddets-files.c — see trj-ddets-files.h */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trj-ddets.h"
#include "trj-ddets-files.h"
#include "trj-exchange-files.h"
#include "trj-file-chooser.h"
#include "trj-year-data.h"

#define CODES_KEY "trj-ddets-codes"

static void
toast (GtkWindow *parent, const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
}

static const TrjRegion *
document_region (TrjDocument *document)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  const TrjYearData *data = trj_year_data_get (trj_workbook_get_year (wb), NULL);

  return data != NULL ? trj_year_data_find_region (data, trj_workbook_get_region (wb)) : NULL;
}

static gboolean
has_share (const TrjScenario *sc, const char *code)
{
  for (guint e = 0; sc != NULL && e < sc->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (sc->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        if (g_strcmp0 (((const TrjLine *) g_ptr_array_index (env->lines, l))->departement, code) == 0)
          return TRUE;
      for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
        if (g_strcmp0 (((const TrjAllocation *) g_ptr_array_index (env->allocations, a))->departement, code) == 0)
          return TRUE;
    }
  return FALSE;
}

GStrv
trj_ddets_departements (TrjDocument *document)
{
  const TrjRegion *region = document_region (document);
  const TrjScenario *sc = trj_document_get_scenario (document);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

  for (guint i = 0; region != NULL && i < region->departements->len; i++)
    {
      const TrjDepartement *dep = g_ptr_array_index (region->departements, i);

      if (has_share (sc, dep->code))
        g_strv_builder_add (codes, dep->code);
    }
  return g_strv_builder_end (codes);
}

/* What the dialogs and the choosers need until they answer: the parent and
 * the document (the window may close meanwhile), and the département. */
typedef struct {
  GtkWindow *parent;
  TrjDocument *document;
  char *departement;
} Task;

static Task *
task_new (GtkWindow *parent, TrjDocument *document, const char *departement)
{
  Task *task = g_new0 (Task, 1);

  task->parent = g_object_ref (parent);
  task->document = g_object_ref (document);
  task->departement = g_strdup (departement);
  return task;
}

static void
task_free (Task *task)
{
  g_object_unref (task->parent);
  g_object_unref (task->document);
  g_free (task->departement);
  g_free (task);
}

gboolean
trj_ddets_prepare_file (GtkWindow *parent, TrjDocument *document, const char *departement, GFile *file,
                        GError **error)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *partial = NULL;
  g_autofree char *done = NULL;
  g_autoptr(GError) local = NULL;

  if (path == NULL)
    {
      g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The file can only be saved to a local file"));
      toast (parent, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Written beside, then put in place: the file the chooser agreed to
   * replace stays whole if the preparation fails. */
  partial = g_strconcat (path, ".partial", NULL);
  g_unlink (partial);
  if (!trj_ddets_prepare (wb, trj_document_get_scenario_id (document), departement, partial, &local)
      || g_rename (partial, path) != 0)
    {
      if (local == NULL)
        g_set_error (&local, G_IO_ERROR, g_io_error_from_errno (errno),
                     _("The file “%s” could not be written: %s"), path, g_strerror (errno));
      g_unlink (partial);
      toast (parent, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* What the file holds, counted in the scenario as the store wrote it. */
  {
    const TrjScenario *scenario = trj_document_get_scenario (document);
    guint n_lines = 0, n_allocations = 0;
    g_autofree char *lines = NULL, *allocations = NULL;

    for (guint e = 0; scenario != NULL && e < scenario->envelopes->len; e++)
      {
        const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

        for (guint l = 0; l < env->lines->len; l++)
          n_lines += g_strcmp0 (((const TrjLine *) g_ptr_array_index (env->lines, l))->departement, departement) == 0;
        for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
          n_allocations += g_strcmp0 (((const TrjAllocation *) g_ptr_array_index (env->allocations, a))->departement,
                                      departement) == 0;
      }
    lines = g_strdup_printf (ngettext ("%u line", "%u lines", n_lines), n_lines);
    allocations = g_strdup_printf (ngettext ("%u allocation", "%u allocations", n_allocations), n_allocations);
    /* TRANSLATORS: a département's code, then « 3 lines » and « 1 allocation » */
    done = g_strdup_printf (_("File of the DDETS %s prepared: %s and %s"), departement, lines, allocations);
  }
  toast (parent, done);
  return TRUE;
}

static void
prepare_response_cb (GtkNativeDialog *native, int response, Task *task)
{
  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (native), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (native));

      trj_ddets_prepare_file (task->parent, task->document, task->departement, file, NULL);
    }
  g_object_unref (native);
}

static void
choose_path (Task *dialog_task)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const TrjScenario *sc = trj_document_get_scenario (dialog_task->document);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  gtk_file_filter_set_name (filter, _("Trajectoire workbooks"));
  gtk_file_filter_add_pattern (filter, "*.trajectoire");
  native = gtk_file_chooser_native_new (_("Prepare a DDETS File"), dialog_task->parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Prepare"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  /* TRANSLATORS: suggested file name; the département's code, the region, the year */
  name = g_strdup_printf (_("DDETS %s %s %d.trajectoire"), dialog_task->departement, sc->region, sc->year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_data (native, "response", G_CALLBACK (prepare_response_cb),
                         task_new (dialog_task->parent, dialog_task->document, dialog_task->departement),
                         (GClosureNotify) task_free, 0);
  trj_file_chooser_show (native);
}

static void
departement_response_cb (AdwMessageDialog *dialog, const char *response, Task *task)
{
  GtkDropDown *drop = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  const char * const *codes = g_object_get_data (G_OBJECT (dialog), CODES_KEY);
  guint selected = gtk_drop_down_get_selected (drop);

  if (!g_str_equal (response, "prepare") || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_free (task->departement);
  task->departement = g_strdup (codes[selected]);
  choose_path (task);
}

gboolean
trj_ddets_dialog_select (AdwMessageDialog *dialog, const char *code)
{
  const char * const *codes = g_object_get_data (G_OBJECT (dialog), CODES_KEY);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), i);
        return TRUE;
      }
  return FALSE;
}

AdwMessageDialog *
trj_ddets_choose_prepare (GtkWindow *parent, TrjDocument *document)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  const TrjRegion *region = document_region (document);
  g_auto(GStrv) codes = trj_ddets_departements (document);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *drop;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);
  /* The region's workbook records what it sent, for the return. */
  if (trj_workbook_is_read_only (wb))
    {
      toast (parent, trj_workbook_get_read_only_reason (wb));
      return NULL;
    }
  if (codes[0] == NULL)
    {
      toast (parent, _("No line nor allocation of this scenario names a département: give the lines their "
                       "département, or allocate the envelopes to the DDETS, first."));
      return NULL;
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const TrjDepartement *dep = region != NULL ? trj_region_find_departement (region, codes[i]) : NULL;
      g_autofree char *text = g_strdup_printf ("%s %s", codes[i], dep != NULL ? dep->name : "");

      gtk_string_list_append (names, g_strstrip (text));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Prepare a DDETS File"),
                                                       _("The file holds the département’s lines and allocations "
                                                         "of this scenario; the DDETS completes it in Trajectoire "
                                                         "and sends it back, to be integrated with « Integrate a "
                                                         "DDETS’ Return… ».")));
  drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Département"), -1);
  adw_message_dialog_set_extra_child (dialog, drop);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "prepare", _("_Choose the File…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "prepare", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "prepare");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), CODES_KEY, g_steal_pointer (&codes), (GDestroyNotify) g_strfreev);
  g_signal_connect_data (dialog, "response", G_CALLBACK (departement_response_cb),
                         task_new (parent, document, NULL), (GClosureNotify) task_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

gboolean
trj_ddets_integrate_file (GtkWindow *parent, TrjDocument *document, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_auto(TrjDdetsMerge) merge = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (path == NULL)
    {
      toast (parent, _("Only local files can be opened."));
      return FALSE;
    }
  if (!trj_ddets_integrate (trj_document_get_workbook (document), trj_document_get_scenario_id (document), path,
                            &merge, &error))
    {
      if (merge.conflicts != NULL && merge.conflicts->len > 0)
        {
          /* The message says why, then lists the conflicting lines as the
           * import dialog lists its lines: a row each, the line as its
           * title, how both sides changed it and each field below, one a
           * line (trj-ddets.h). Rows take the focus: Tab and the arrows go
           * through them, a screen reader says each title and subtitle. */
          const char *list = strchr (error->message, '\n');
          g_autofree char *why = g_strndup (error->message, list != NULL ? (gsize) (list - error->message)
                                                                         : strlen (error->message));
          GtkWidget *dialog = adw_message_dialog_new (parent, _("Return Not Integrated"), why);
          GtkWidget *scrolled = gtk_scrolled_window_new ();
          GtkWidget *lines = gtk_list_box_new ();

          gtk_list_box_set_selection_mode (GTK_LIST_BOX (lines), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (lines, "boxed-list");
          gtk_widget_set_valign (lines, GTK_ALIGN_START);
          gtk_accessible_update_property (GTK_ACCESSIBLE (lines), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Lines changed on both sides"), -1);
          for (guint i = 0; i < merge.conflicts->len; i++)
            {
              const TrjDdetsConflict *conflict = g_ptr_array_index (merge.conflicts, i);
              g_autofree char *changes = g_strjoinv ("\n", conflict->changes);
              g_autofree char *subtitle = *changes != '\0' ? g_strconcat (conflict->what, "\n", changes, NULL)
                                                            : g_strdup (conflict->what);
              GtkWidget *row = adw_action_row_new ();

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), conflict->line);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
              adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
              adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
              gtk_list_box_append (GTK_LIST_BOX (lines), row);
            }
          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
          gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
          gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), lines);
          adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        toast (parent, error->message);
      return FALSE;
    }
  /* TRANSLATORS: %s is the département's code, then counts of lines */
  done = g_strdup_printf (_("Return of the DDETS %s integrated — lines updated: %u, added: %u, removed: %u"),
                          merge.departement, merge.updated, merge.added, merge.removed);
  toast (parent, done);
  return TRUE;
}

static void
integrate_chosen (GtkWindow *parent, TrjDocument *document, GFile *file)
{
  trj_ddets_integrate_file (parent, document, file);
}

void
trj_ddets_choose_integrate (GtkWindow *parent, TrjDocument *document)
{
  trj_exchange_choose_file_to_import (parent, document, _("Integrate a DDETS’ Return"), _("_Integrate"),
                                      _("Trajectoire workbooks"), "*.trajectoire", "application/x-trajectoire",
                                      integrate_chosen);
}
