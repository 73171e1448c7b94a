/* trj-chart-export-dialog.c — see trj-chart-export-dialog.h */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trj-chart-export-dialog.h"
#include "trj-chart-document.h"
#include "trj-chart-export.h"
#include "trj-file-chooser.h"

typedef struct {
  const char *name;
  int width, height;
} Preset;

static const Preset presets[] = {
  { N_("16:9 slide (1600 × 900)"), 1600, 900 },
  { N_("Full HD screen (1920 × 1080)"), 1920, 1080 },
  { N_("4:3 slide (1024 × 768)"), 1024, 768 },
  { N_("A4 landscape page (842 × 595)"), 842, 595 },
};

typedef struct {
  TrjChartModel *model;
  char *stem;
  GtkWidget *parent;
  GtkDropDown *format;
  GtkDropDown *preset;
  GtkSpinButton *width;
  GtkSpinButton *height;
  GtkFileChooserNative *chooser;
  /* Read when the size dialog answers: its widgets are gone when the file
   * chooser does (they read 0 × 0 then). */
  TrjChartFormat chosen_format;
  int chosen_width, chosen_height;
} Job;

static void
job_free (Job *job)
{
  trj_chart_model_free (job->model);
  g_free (job->stem);
  g_clear_object (&job->parent);
  g_clear_object (&job->chooser);
  g_free (job);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, Job *job)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TrjChartStyle style;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      trj_chart_style_init (&style, FALSE);
      if (trj_chart_export (job->model, &style, job->chosen_format,
                            job->chosen_width, job->chosen_height, path, &error))
        trj_chart_show_done (job->parent, _("Image exported"));
      else
        trj_chart_show_error (job->parent, _("The image could not be exported"), error);
    }
  job_free (job);
}

static void
dialog_response_cb (AdwMessageDialog *dialog, const char *response, Job *job)
{
  TrjChartFormat format = gtk_drop_down_get_selected (job->format);
  const char *extension = trj_chart_format_extension (format);
  g_autofree char *name = g_strdup_printf ("%s - %s.%s", job->stem, job->model->title, extension);
  g_autofree char *pattern = g_strdup_printf ("*.%s", extension);
  g_autofree char *upper = g_ascii_strup (extension, -1);
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (job->parent);

  if (!g_str_equal (response, "export"))
    {
      job_free (job);
      return;
    }
  job->chosen_format = format;
  job->chosen_width = gtk_spin_button_get_value_as_int (job->width);
  job->chosen_height = gtk_spin_button_get_value_as_int (job->height);
  job->format = NULL;
  job->preset = NULL;
  job->width = NULL;
  job->height = NULL;
  g_strdelimit (name, "/\\", '-');
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, upper);
  job->chooser = gtk_file_chooser_native_new (_("Export the Image"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  g_signal_connect (job->chooser, "response", G_CALLBACK (chooser_response_cb), job);
  trj_file_chooser_show (job->chooser);
}

static void
preset_changed_cb (GtkDropDown *dropdown, GParamSpec *pspec, Job *job)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i >= G_N_ELEMENTS (presets))
    return;
  gtk_spin_button_set_value (job->width, presets[i].width);
  gtk_spin_button_set_value (job->height, presets[i].height);
}

static GtkWidget *
labelled (GtkGrid *grid, int row, const char *label, GtkWidget *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

void
trj_chart_export_dialog_run (GtkWidget *parent, TrjChartModel *model, const char *file_stem)
{
  const char *formats[] = { "PNG", "SVG", "PDF", NULL };
  g_autoptr(GtkStringList) preset_names = gtk_string_list_new (NULL);
  GtkRoot *root = gtk_widget_get_root (parent);
  Job *job = g_new0 (Job, 1);
  GtkWidget *dialog, *grid;

  job->model = model;
  job->stem = g_strdup (file_stem);
  job->parent = g_object_ref (parent);
  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (preset_names, _(presets[i].name));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  job->format = GTK_DROP_DOWN (labelled (GTK_GRID (grid), 0, _("_Format"), gtk_drop_down_new_from_strings (formats)));
  job->preset = GTK_DROP_DOWN (labelled (GTK_GRID (grid), 1, _("_Size"),
                                         gtk_drop_down_new (G_LIST_MODEL (g_object_ref (preset_names)), NULL)));
  job->width = GTK_SPIN_BUTTON (labelled (GTK_GRID (grid), 2, _("_Width"),
                                          gtk_spin_button_new_with_range (16, 16384, 10)));
  job->height = GTK_SPIN_BUTTON (labelled (GTK_GRID (grid), 3, _("_Height"),
                                           gtk_spin_button_new_with_range (16, 16384, 10)));
  gtk_spin_button_set_value (job->width, TRJ_CHART_EXPORT_WIDTH);
  gtk_spin_button_set_value (job->height, TRJ_CHART_EXPORT_HEIGHT);
  g_signal_connect (job->preset, "notify::selected", G_CALLBACK (preset_changed_cb), job);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Export the Image"),
                                   _("Pixels for PNG, points for SVG and PDF."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Choose a File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}
