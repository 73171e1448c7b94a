/* trj-file-chooser.c — see trj-file-chooser.h */
#include "config.h"

#include "trj-file-chooser.h"

#define ANSWER_KEY "trj-file-chooser-answer"

static TrjFileChooserHook test_hook;
static gpointer test_hook_data;

void
trj_file_chooser_set_hook (TrjFileChooserHook hook, gpointer data)
{
  test_hook = hook;
  test_hook_data = data;
}

void
trj_file_chooser_show (GtkFileChooserNative *chooser)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));

  if (test_hook != NULL)
    test_hook (chooser, test_hook_data);
  else
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
trj_file_chooser_respond (GtkFileChooserNative *chooser, GFile *file)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));

  g_object_set_data_full (G_OBJECT (chooser), ANSWER_KEY, file != NULL ? g_object_ref (file) : NULL,
                          g_object_unref);
  /* The response handlers often drop the last reference to the chooser. */
  g_object_ref (chooser);
  g_signal_emit_by_name (chooser, "response", file != NULL ? GTK_RESPONSE_ACCEPT : GTK_RESPONSE_CANCEL);
  g_object_unref (chooser);
}

GFile *
trj_file_chooser_get_file (GtkFileChooserNative *chooser)
{
  GFile *answer = g_object_get_data (G_OBJECT (chooser), ANSWER_KEY);

  return answer != NULL ? g_object_ref (answer) : gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
}

GListModel *
trj_file_chooser_get_files (GtkFileChooserNative *chooser)
{
  GFile *answer = g_object_get_data (G_OBJECT (chooser), ANSWER_KEY);
  GListStore *files;

  if (answer == NULL)
    return gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  files = g_list_store_new (G_TYPE_FILE);
  g_list_store_append (files, answer);
  return G_LIST_MODEL (files);
}

gboolean
trj_file_chooser_accepted (GtkFileChooserNative *chooser,
                           int                   response)
{
  g_autoptr(GListModel) files = NULL;

  g_return_val_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser), FALSE);

  if (response != GTK_RESPONSE_ACCEPT)
    return FALSE;
  files = trj_file_chooser_get_files (chooser);
  return files != NULL && g_list_model_get_n_items (files) > 0;
}
