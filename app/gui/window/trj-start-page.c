/* trj-start-page.c — see trj-start-page.h */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-start-page.h"
#include "trj-a11y.h"
#include "trj-catalog.h"
#include "trj-engine.h"
#include "trj-file-chooser.h"
#include "trj-year-data.h"
#include "trj-format.h"
#include "trj-notification-csv.h"
#include "trj-settings.h"

#define WORKBOOK_SUFFIX ".trajectoire"

/* The envelopes whose regional amounts the circular does not print. */
#define MAX_AMOUNTS 8

typedef struct {
  const char *envelope_id;
  AdwExpanderRow *row;
  AdwEntryRow *ae;
  AdwEntryRow *cp;
} AmountRows;

struct _TrjStartPage
{
  GtkWidget parent_instance;

  AdwComboRow *region_row;
  AdwComboRow *year_row;
  GtkListBox *recent_list;
  AdwPreferencesGroup *amounts_group;
  AdwActionRow *notification_row;
  GtkWidget *notification_clear;

  AmountRows amounts[MAX_AMOUNTS];
  guint n_amounts;
  GFile *notification;          /* the regional notification chosen, NULL: none */
};

G_DEFINE_FINAL_TYPE (TrjStartPage, trj_start_page, GTK_TYPE_WIDGET)

enum { CREATE_REQUESTED, OPEN_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

const char *
trj_start_page_get_region (TrjStartPage *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->region_row);

  g_return_val_if_fail (TRJ_IS_START_PAGE (self), NULL);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

int
trj_start_page_get_year (TrjStartPage *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->year_row);

  g_return_val_if_fail (TRJ_IS_START_PAGE (self), 0);
  return item != NULL ? atoi (gtk_string_object_get_string (item)) : 0;
}

void
trj_start_page_select_region (TrjStartPage *self, const char *region)
{
  GListModel *model = adw_combo_row_get_model (self->region_row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), region))
        adw_combo_row_set_selected (self->region_row, i);
    }
}

void
trj_start_page_set_notification (TrjStartPage *self, GFile *file)
{
  g_return_if_fail (TRJ_IS_START_PAGE (self));

  g_set_object (&self->notification, file);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      adw_action_row_set_subtitle (self->notification_row, name);
    }
  else
    adw_action_row_set_subtitle (self->notification_row, _("None: the amounts typed below, or 0 €"));
  gtk_widget_set_visible (self->notification_clear, file != NULL);
}

GFile *
trj_start_page_get_notification (TrjStartPage *self)
{
  g_return_val_if_fail (TRJ_IS_START_PAGE (self), NULL);
  return self->notification;
}

gboolean
trj_start_page_set_amounts (TrjStartPage *self, const char *envelope_id, const char *ae,
                            const char *cp)
{
  g_return_val_if_fail (TRJ_IS_START_PAGE (self), FALSE);

  for (guint i = 0; i < self->n_amounts; i++)
    if (g_str_equal (self->amounts[i].envelope_id, envelope_id))
      {
        gtk_editable_set_text (GTK_EDITABLE (self->amounts[i].ae), ae != NULL ? ae : "");
        gtk_editable_set_text (GTK_EDITABLE (self->amounts[i].cp), cp != NULL ? cp : "");
        return TRUE;
      }
  return FALSE;
}

static void
notification_response_cb (GtkNativeDialog *native, int response, TrjStartPage *self)
{
  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (native), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (native));

      trj_start_page_set_notification (self, file);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_notification_cb (TrjStartPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;

  gtk_file_filter_set_name (filter, _("CSV tables"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  native = gtk_file_chooser_native_new (_("Regional Notification"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (notification_response_cb), g_object_ref (self));
  trj_file_chooser_show (native);
}

static void
clear_notification_cb (TrjStartPage *self)
{
  trj_start_page_set_notification (self, NULL);
}

static void
amount_changed_cb (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "error");
}

/* An amount typed in a row: FALSE (the row marked, a French error naming the
 * envelope and the field) when it is not one. Empty: *present is FALSE. */
static gboolean
read_amount (AdwEntryRow *row, const char *envelope_id, const char *field, TrjParam param,
             gboolean *present, double *value, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) local_error = NULL;

  *present = text[0] != '\0';
  if (!*present)
    return TRUE;
  if (!trj_parse_number (text, value))
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("“%s” is not an amount in euros"), text);
  else
    trj_catalog_check (param, NULL, *value, &local_error);
  if (local_error == NULL)
    return TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  /* TRANSLATORS: "Insertion par l’activité économique, notified AE: « x » is not an amount" */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s, %s: %s"),
               trj_catalog_envelope_title (envelope_id), field, local_error->message);
  return FALSE;
}

TrjScenario *
trj_start_page_build_scenario (TrjStartPage *self, GError **error)
{
  const char *region = trj_start_page_get_region (self);
  const TrjYearData *data = trj_year_data_get (trj_start_page_get_year (self), error);
  g_autoptr(TrjScenario) scenario = NULL;

  g_return_val_if_fail (TRJ_IS_START_PAGE (self), NULL);

  if (data == NULL || region == NULL
      || (scenario = trj_year_data_example (data, region, error)) == NULL)
    return NULL;
  if (self->notification != NULL)
    {
      g_autofree char *path = g_file_get_path (self->notification);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (self->notification);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("“%s” is not a local file"), uri);
          return NULL;
        }
      if (!trj_notification_csv_apply (path, scenario, error))
        return NULL;
    }
  /* What is typed wins over the file, envelope by envelope. */
  for (guint i = 0; i < self->n_amounts; i++)
    {
      const AmountRows *a = &self->amounts[i];
      TrjEnvelope *env = trj_scenario_find_envelope (scenario, a->envelope_id);
      gboolean has_ae, has_cp;
      double ae = 0, cp = 0;

      if (!read_amount (a->ae, a->envelope_id, _("notified AE"), TRJ_PARAM_AE_NOTIFIED, &has_ae, &ae, error)
          || !read_amount (a->cp, a->envelope_id, _("notified CP"), TRJ_PARAM_CP_NOTIFIED, &has_cp, &cp, error))
        return NULL;
      if (env == NULL || (!has_ae && !has_cp))
        continue;
      if (has_ae)
        env->ae_notified = ae;
      env->cp_notified = has_cp ? cp : env->ae_notified;
    }
  /* The notified CP imply a calendar of entries (MODEL 2.7). */
  if (!trj_scenario_calibrate_profiles (scenario, error))
    return NULL;
  return g_steal_pointer (&scenario);
}

static void
add_amount_rows (TrjStartPage *self)
{
  for (guint i = 0; i < trj_catalog_n_envelopes () && self->n_amounts < MAX_AMOUNTS; i++)
    {
      const TrjCatalogEnvelope *known = trj_catalog_envelope_at (i);
      AmountRows *a;

      /* Those of a new workbook the circular does not notify region by region. */
      if (!known->territorial_base || known->unit == TRJ_UNIT_CONTRACTS)
        continue;
      a = &self->amounts[self->n_amounts++];
      a->envelope_id = known->id;
      a->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      gtk_widget_set_name (GTK_WIDGET (a->row), known->id);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (a->row), trj_catalog_envelope_title (known->id));
      adw_expander_row_set_subtitle (a->row, _("Notified AE and CP (€)"));
      /* libadwaita 1.2 gives an expander row no accessible name of its own. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (a->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      trj_catalog_envelope_title (known->id), -1);
      a->ae = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (a->ae), _("Notified AE (€)"));
      a->cp = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (a->cp), _("Notified CP (€, empty: the AE)"));
      for (AdwEntryRow **entry = (AdwEntryRow *[]) { a->ae, a->cp, NULL }; *entry != NULL; entry++)
        {
          gtk_widget_set_name (GTK_WIDGET (*entry), *entry == a->ae ? "ae" : "cp");
          g_signal_connect (*entry, "changed", G_CALLBACK (amount_changed_cb), NULL);
          adw_expander_row_add_row (a->row, GTK_WIDGET (*entry));
        }
      adw_preferences_group_add (self->amounts_group, GTK_WIDGET (a->row));
    }
}

static void
fill_regions (TrjStartPage *self)
{
  g_autoptr(GtkStringList) regions = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  const TrjYearData *data = trj_year_data_get (trj_start_page_get_year (self), &error);

  if (data == NULL)
    g_warning ("%s", error->message);
  else
    for (guint i = 0; i < data->regions->len; i++)
      gtk_string_list_append (regions, ((TrjRegion *) data->regions->pdata[i])->name);
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (regions));
}

static void
create_clicked_cb (TrjStartPage *self)
{
  const char *region = trj_start_page_get_region (self);

  if (region != NULL)
    g_signal_emit (self, signals[CREATE_REQUESTED], 0, region, trj_start_page_get_year (self));
}

static void
recent_activated_cb (TrjStartPage *self, GtkListBoxRow *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = NULL;

  if (uri == NULL)
    return;
  file = g_file_new_for_uri (uri);
  g_signal_emit (self, signals[OPEN_REQUESTED], 0, file);
}

/* A row for a workbook that still exists: name, folder and last modification. */
static GtkWidget *
recent_row_new (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (info == NULL || (modified = g_file_info_get_modification_date_time (info)) == NULL)
    return NULL;
  date = trj_format_date (modified);
  /* TRANSLATORS: subtitle of a recent workbook: "folder — modified date" */
  subtitle = g_strdup_printf (_("%s — modified on %s"), folder, date);
  if (g_str_has_suffix (name, WORKBOOK_SUFFIX))
    name[strlen (name) - strlen (WORKBOOK_SUFFIX)] = '\0';

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
  return row;
}

void
trj_start_page_reload_recent (TrjStartPage *self)
{
  g_autoptr(GSettings) settings = trj_settings_new ();
  g_auto(GStrv) uris = settings != NULL ? g_settings_get_strv (settings, "recent-files") : NULL;
  guint max = settings != NULL ? g_settings_get_uint (settings, "recent-files-max") : 0;
  guint shown = 0;
  GtkWidget *child;

  g_return_if_fail (TRJ_IS_START_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; uris != NULL && uris[i] != NULL && shown < max; i++)
    {
      GtkWidget *row = recent_row_new (uris[i]);

      if (row != NULL)
        {
          gtk_list_box_append (self->recent_list, row);
          shown++;
        }
    }

  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No recent workbook"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->recent_list, row);
    }
}

void
trj_start_page_add_recent (const char *uri)
{
  g_autoptr(GSettings) settings = trj_settings_new ();
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) uris = NULL;
  guint n = 1;

  g_return_if_fail (uri != NULL);

  if (settings == NULL)
    return;
  builder = g_strv_builder_new ();
  old = g_settings_get_strv (settings, "recent-files");
  g_strv_builder_add (builder, uri);
  /* Newest first, no duplicates, and no longer than the start page shows. */
  for (guint i = 0; old[i] != NULL && n < g_settings_get_uint (settings, "recent-files-max"); i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  uris = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-files", (const char * const *) uris);
}

static void
trj_start_page_dispose (GObject *object)
{
  GtkWidget *child;

  g_clear_object (&TRJ_START_PAGE (object)->notification);
  gtk_widget_dispose_template (GTK_WIDGET (object), TRJ_TYPE_START_PAGE);
  /* A bin-layout widget owns its template's top widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (trj_start_page_parent_class)->dispose (object);
}

static void
trj_start_page_class_init (TrjStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_start_page_dispose;

  signals[CREATE_REQUESTED] =
    g_signal_new ("create-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
  signals[OPEN_REQUESTED] =
    g_signal_new ("open-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/gouv/travail/Trajectoire/trj-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjStartPage, region_row);
  gtk_widget_class_bind_template_child (widget_class, TrjStartPage, year_row);
  gtk_widget_class_bind_template_child (widget_class, TrjStartPage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, TrjStartPage, amounts_group);
  gtk_widget_class_bind_template_child (widget_class, TrjStartPage, notification_row);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
trj_start_page_init (TrjStartPage *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  const int *available = trj_year_data_available_years ();

  gtk_widget_init_template (GTK_WIDGET (self));
  trj_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  {
    GtkWidget *choose = gtk_button_new_with_mnemonic (_("C_hoose…"));

    gtk_widget_set_name (choose, "choose");
    gtk_widget_set_name (GTK_WIDGET (self->notification_row), "notification");

    self->notification_clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
    gtk_widget_set_tooltip_text (self->notification_clear, _("Use no notification file"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->notification_clear),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Use no notification file"), -1);
    for (GtkWidget **b = (GtkWidget *[]) { self->notification_clear, choose, NULL }; *b != NULL; b++)
      {
        gtk_widget_set_valign (*b, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (self->notification_row, *b);
      }
    gtk_widget_add_css_class (self->notification_clear, "flat");
    g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_notification_cb), self);
    g_signal_connect_swapped (self->notification_clear, "clicked", G_CALLBACK (clear_notification_cb), self);
    trj_start_page_set_notification (self, NULL);
  }
  add_amount_rows (self);

  for (guint i = 0; available[i] != 0; i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", available[i]);
      gtk_string_list_append (years, year);
    }
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));
  /* The latest year is the one being programmed. */
  adw_combo_row_set_selected (self->year_row, g_list_model_get_n_items (G_LIST_MODEL (years)) - 1);
  g_signal_connect_swapped (self->year_row, "notify::selected", G_CALLBACK (fill_regions), self);
  fill_regions (self);
  trj_start_page_reload_recent (self);
}
