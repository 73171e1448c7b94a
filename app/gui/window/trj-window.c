/* trj-window.c — see trj-window.h */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "trj-window.h"
#include "trj-window-private.h"
#include "trj-a11y.h"
#include "trj-catalog.h"
#include "trj-scenario-item.h"
#include "trj-scenario-list.h"
#include "trj-start-page.h"
#include "trj-envelope-page.h"
#include "trj-summary-page.h"
#include "trj-charts-page.h"
#include "trj-settings.h"
#include "trj-file-chooser.h"
#include "trj-year.h"
#include "trj-tooltip.h"

#define SUMMARY_PAGE "summary"

G_DEFINE_FINAL_TYPE (TrjWindow, trj_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DOCUMENT, PROP_ENVELOPE_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

void
trj_window_toast (TrjWindow *self, const char *message)
{
  g_return_if_fail (TRJ_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
trj_window_toast_error (TrjWindow *self, const GError *error)
{
  if (error != NULL)
    trj_window_toast (self, error->message);
}

TrjDocument *
trj_window_get_document (TrjWindow *self)
{
  g_return_val_if_fail (TRJ_IS_WINDOW (self), NULL);
  return self->document;
}

gboolean
trj_window_has_workbook (TrjWindow *self)
{
  g_return_val_if_fail (TRJ_IS_WINDOW (self), FALSE);
  return self->document != NULL;
}

GtkWidget *
trj_window_get_page (TrjWindow *self, const char *envelope_id)
{
  g_return_val_if_fail (TRJ_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->content_stack, envelope_id != NULL ? envelope_id : SUMMARY_PAGE);
}

GtkWidget *
trj_window_get_visible_page (TrjWindow *self)
{
  GtkWidget *page;

  g_return_val_if_fail (TRJ_IS_WINDOW (self), NULL);

  if (self->document == NULL)
    return NULL;
  page = gtk_stack_get_visible_child (self->content_stack);
  return TRJ_IS_ENVELOPE_PAGE (page) ? page : NULL;
}

const char *
trj_window_get_banner_text (TrjWindow *self)
{
  g_return_val_if_fail (TRJ_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->read_only_banner) ? gtk_label_get_text (self->read_only_label)
                                                                : NULL;
}

const char *
trj_window_get_subtitle (TrjWindow *self)
{
  g_return_val_if_fail (TRJ_IS_WINDOW (self), NULL);
  return adw_window_title_get_subtitle (self->window_title);
}

/* ── Scenario switcher, sidebar, title ───────────────────────────────── */

/* The switcher follows the workbook's scenarios; while they are re-read, its
 * selection changes are the list's, not the user's. */
static void
update_scenarios (TrjWindow *self)
{
  guint current;

  self->updating_scenarios = TRUE;
  trj_scenario_list_refresh (self->scenarios);
  /* The binding follows "current"; a renamed current item is replaced under
   * the selection without "current" changing. */
  current = trj_scenario_list_get_current (self->scenarios);
  if (gtk_drop_down_get_selected (self->scenario_dropdown) != current)
    gtk_drop_down_set_selected (self->scenario_dropdown, current);
  self->updating_scenarios = FALSE;
}

static void
scenario_selected_cb (TrjWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->scenario_dropdown);
  g_autoptr(GError) error = NULL;
  TrjWorkbook *wb;
  gint64 id;

  if (self->updating_scenarios || self->document == NULL)
    return;
  wb = trj_document_get_workbook (self->document);
  id = trj_scenario_list_get_id (self->scenarios, selected);
  if (id == 0 || id == trj_workbook_get_current_scenario (wb))
    return;
  if (!trj_workbook_set_current_scenario (wb, id, &error))
    trj_window_toast_error (self, error);
}

/* A new workbook's scenarios in the switcher, its selection bound to the
 * current one. */
static void
set_scenario_list (TrjWindow *self, TrjWorkbook *wb)
{
  self->updating_scenarios = TRUE;
  g_clear_object (&self->scenarios);
  self->scenarios = trj_scenario_list_new (wb);
  gtk_drop_down_set_model (self->scenario_dropdown, G_LIST_MODEL (self->scenarios));
  g_object_bind_property (self->scenarios, "current", self->scenario_dropdown, "selected",
                          G_BINDING_SYNC_CREATE);
  self->updating_scenarios = FALSE;
}

static GtkWidget *
sidebar_row_new (const char *name, const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *alert = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A narrow sidebar leaves the grid its width: long names wrap, never cut. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (alert, "trj-alert-label");
  gtk_widget_set_visible (alert, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), alert);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "alert", alert);
  /* A list row is named by nobody in GTK 4.8: a screen reader would say
   * nothing when the sidebar gets the focus. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
  return row;
}

static void
update_sidebar_alerts (TrjWindow *self)
{
  const TrjResult *result = trj_document_get_result (self->document);
  guint row_index = 0;
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->sidebar_list, row_index++)) != NULL)
    {
      int env = trj_document_find_envelope (self->document, gtk_widget_get_name (GTK_WIDGET (row)));
      GtkWidget *alert = g_object_get_data (G_OBJECT (row), "alert");
      guint n = 0;

      /* Informations (MODEL 5) are read on the page; the badge is for alerts. */
      if (env >= 0)
        n = trj_result_count_alerts (result, env, TRJ_SEVERITY_ALERT);
      if (n > 0)
        {
          g_autofree char *tip = g_strdup_printf (ngettext ("%u alert", "%u alerts", n), n);
          /* TRANSLATORS: accessible name of a sidebar row: envelope title, number of alerts. */
          g_autofree char *name = g_strdup_printf (_("%s, %s"), (const char *) g_object_get_data (G_OBJECT (row), "title"), tip);

          trj_tooltip_set_text (alert, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
      gtk_widget_set_visible (alert, n > 0);
      if (n == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        g_object_get_data (G_OBJECT (row), "title"), -1);
    }
}

static GStrv
current_envelope_ids (TrjWindow *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < scenario->envelopes->len; i++)
    g_strv_builder_add (builder, ((TrjEnvelope *) scenario->envelopes->pdata[i])->id);
  return g_strv_builder_end (builder);
}

static void
clear_pages (TrjWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack))) != NULL)
    gtk_stack_remove (self->content_stack, child);
  g_clear_pointer (&self->envelope_ids, g_strfreev);
}

/* Pages are built when first shown: opening a workbook builds one grid, not all. */
static GtkWidget *
ensure_page (TrjWindow *self, const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);

  if (page != NULL || self->document == NULL)
    return page;
  if (g_str_equal (name, SUMMARY_PAGE))
    page = GTK_WIDGET (trj_summary_page_new (self->document));
  else if (g_str_equal (name, TRJ_CHARTS_PAGE_NAME))
    page = GTK_WIDGET (trj_charts_page_new (self->document));
  else if (self->envelope_ids != NULL && g_strv_contains ((const char * const *) self->envelope_ids, name))
    page = GTK_WIDGET (trj_envelope_page_new (self->document, name));
  else
    return NULL;
  gtk_stack_add_named (self->content_stack, page, name);
  trj_window_focus_watch_page (self, page);
  return page;
}

/* Rebuilds the sidebar when the set of envelopes changed. */
static void
update_pages (TrjWindow *self)
{
  g_auto(GStrv) ids = current_envelope_ids (self);
  g_autofree char *visible = NULL;

  if (self->envelope_ids != NULL && g_strv_equal ((const char * const *) ids,
                                                  (const char * const *) self->envelope_ids))
    return;

  visible = g_strdup (gtk_stack_get_visible_child_name (self->content_stack));
  clear_pages (self);
  for (guint i = 0; ids[i] != NULL; i++)
    gtk_list_box_append (self->sidebar_list, sidebar_row_new (ids[i], trj_catalog_envelope_title (ids[i])));
  gtk_list_box_append (self->sidebar_list, sidebar_row_new (SUMMARY_PAGE, _("Summary")));
  gtk_list_box_append (self->sidebar_list, sidebar_row_new (TRJ_CHARTS_PAGE_NAME, _("Charts")));
  self->envelope_ids = g_steal_pointer (&ids);

  if (visible != NULL && (g_str_equal (visible, SUMMARY_PAGE) || g_str_equal (visible, TRJ_CHARTS_PAGE_NAME)))
    trj_window_show_envelope (self, visible);
  else if (visible != NULL && g_strv_contains ((const char * const *) self->envelope_ids, visible))
    trj_window_show_envelope (self, visible);
  else
    trj_window_show_envelope (self, self->envelope_ids[0]);
}

static void
update_title (TrjWindow *self)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autofree char *name = g_path_get_basename (trj_workbook_get_path (wb));
  g_autofree char *actuals = trj_year_actuals_text (self->document);
  g_autofree char *frozen = trj_year_frozen_text (self->document);
  /* TRANSLATORS: window subtitle: region and programme year, "Bretagne — 2024" */
  g_autofree char *subtitle = actuals == NULL
    ? g_strdup_printf (_("%s — %d"), trj_workbook_get_region (wb), trj_workbook_get_year (wb))
    /* TRANSLATORS: window subtitle with actuals: "Bretagne — 2024 — données à fin juin" */
    : g_strdup_printf (_("%s — %d — %s"), trj_workbook_get_region (wb), trj_workbook_get_year (wb), actuals);
  const char *reason = trj_workbook_get_read_only_reason (wb);

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);

  gtk_revealer_set_reveal_child (self->read_only_banner, trj_workbook_is_read_only (wb) || frozen != NULL);
  gtk_widget_set_visible (self->frozen_button, frozen != NULL && !trj_workbook_is_read_only (wb));
  if (trj_workbook_is_read_only (wb))
    {
      g_autofree char *text = g_strdup_printf (_("Read only. %s Edits are refused."),
                                               reason != NULL ? reason : "");
      gtk_label_set_text (self->read_only_label, text);
    }
  else if (frozen != NULL)
    gtk_label_set_text (self->read_only_label, frozen);
}

static void
document_updated_cb (TrjWindow *self, guint changes)
{
  if (changes & TRJ_WORKBOOK_CHANGE_SCENARIOS)
    update_scenarios (self);
  if (changes & (TRJ_WORKBOOK_CHANGE_LINES | TRJ_WORKBOOK_CHANGE_SCENARIOS))
    update_pages (self);
  /* A sending, another scenario, actuals imported (no one line changed). */
  if ((changes & TRJ_WORKBOOK_CHANGE_SCENARIOS) || trj_document_get_changed_line (self->document) == NULL)
    update_title (self);
  update_sidebar_alerts (self);
  trj_window_update_actions (self);
}

static void
sidebar_row_selected_cb (TrjWindow *self, GtkListBoxRow *row)
{
  if (row == NULL || ensure_page (self, gtk_widget_get_name (GTK_WIDGET (row))) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->content_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (TrjWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
trj_window_show_envelope (TrjWindow *self, const char *envelope_id)
{
  const char *name = envelope_id != NULL ? envelope_id : SUMMARY_PAGE;
  guint i = 0;
  GtkListBoxRow *row;

  g_return_if_fail (TRJ_IS_WINDOW (self));

  while ((row = gtk_list_box_get_row_at_index (self->sidebar_list, i++)) != NULL)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), name))
      gtk_list_box_select_row (self->sidebar_list, row);
}

/* ── Opening and creating ────────────────────────────────────────────── */

/* The desktop's recent files (said explicitly: guessing the type needs the
 * installed MIME data). GTK's recent manager reads and parses the user's
 * whole list (recently-used.xbel) when first asked for: not before the first
 * frame. */
static void
flush_recent (TrjWindow *self)
{
  g_autofree char *uri = g_steal_pointer (&self->pending_recent_uri);
  GtkRecentData recent = {
    .mime_type = (char *) "application/x-trajectoire",
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "trajectoire %u",
  };

  if (uri != NULL)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &recent);
}

/* A menu button's popover menu is built, every item's widgets with it, when
 * its model is set: the models are set after the first frame, or when the
 * button is opened before. */
static void
menu_popup_needed (GtkMenuButton *button, gpointer model)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

static gboolean
after_first_frame_cb (gpointer data)
{
  TrjWindow *self = TRJ_WINDOW (data);

  self->after_first_frame_source = 0;
  self->first_frame_done = TRUE;
  menu_popup_needed (self->main_menu_button, self->main_menu);
  if (self->start_menu_button != NULL)
    menu_popup_needed (self->start_menu_button, self->main_menu);
  menu_popup_needed (self->year_button, self->year_menu);
  flush_recent (self);
  return G_SOURCE_REMOVE;
}

/* After the first frame is painted, in an idle: whatever the frame clock
 * does next (the grid's rows, a resize) comes first. */
static void
first_frame_painted_cb (GdkFrameClock *clock, TrjWindow *self)
{
  g_clear_signal_handler (&self->first_paint_handler, clock);
  if (self->after_first_frame_source == 0 && !self->first_frame_done)
    self->after_first_frame_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_first_frame_cb,
                                                      self, NULL);
}

static void
trj_window_map (GtkWidget *widget)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  GTK_WIDGET_CLASS (trj_window_parent_class)->map (widget);
  if (!self->first_frame_done && self->first_paint_handler == 0 && self->after_first_frame_source == 0)
    self->first_paint_handler = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                                  G_CALLBACK (first_frame_painted_cb), self);
}

static void
trj_window_unmap (GtkWidget *widget)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  if (self->first_paint_handler != 0)
    g_clear_signal_handler (&self->first_paint_handler, gtk_widget_get_frame_clock (widget));
  GTK_WIDGET_CLASS (trj_window_parent_class)->unmap (widget);
}

static void
set_document (TrjWindow *self, TrjWorkbook *wb)
{
  g_autofree char *uri = g_filename_to_uri (trj_workbook_get_path (wb), NULL, NULL);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  clear_pages (self);
  g_clear_object (&self->document);

  self->document = trj_document_new (wb);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_signal_connect_swapped (self->document, "updated", G_CALLBACK (document_updated_cb), self);
  set_scenario_list (self, wb);
  update_title (self);
  document_updated_cb (self, TRJ_WORKBOOK_CHANGE_SCENARIOS | TRJ_WORKBOOK_CHANGE_LINES);
  gtk_stack_set_visible_child_name (self->main_stack, "workbook");
  trj_window_focus_grid (self);

  if (uri != NULL)
    {
      /* The start page's list now; the desktop's recent files once the
       * window is on the screen (trj_window_after_first_frame). */
      trj_start_page_add_recent (uri);
      flush_recent (self);
      self->pending_recent_uri = g_steal_pointer (&uri);
      if (self->first_frame_done)
        flush_recent (self);
    }
}

gboolean
trj_window_open_file (TrjWindow *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;

  g_return_val_if_fail (TRJ_IS_WINDOW (self), FALSE);

  if (path == NULL)
    {
      trj_window_toast (self, _("Only local files can be opened."));
      return FALSE;
    }
  wb = trj_workbook_open (path, &error);
  if (wb == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      /* TRANSLATORS: %s is the file, then the reason */
      g_autofree char *message = g_strdup_printf (_("Cannot open %s: %s"), name, error->message);
      trj_window_toast (self, message);
      return FALSE;
    }
  set_document (self, wb);
  return TRUE;
}

gboolean
trj_window_create_workbook (TrjWindow  *self,
                            const char *path,
                            const char *region,
                            int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = NULL;

  g_return_val_if_fail (TRJ_IS_WINDOW (self), FALSE);

  wb = trj_workbook_new_for_region (path, region, year, &error);
  if (wb == NULL)
    {
      trj_window_toast_error (self, error);
      return FALSE;
    }
  set_document (self, wb);
  return TRUE;
}

static void create_requested_cb (TrjWindow *self, const char *region, int year);
static void open_requested_cb (TrjWindow *self, GFile *file);

/* The start page is built when first shown: a window started on a workbook
 * (`trajectoire FILE`, « Ouvrir ») never builds its regions, notification
 * fields and recent list. */
static TrjStartPage *
ensure_start_page (TrjWindow *self)
{
  if (self->start_page == NULL)
    {
      GtkWidget *header = adw_header_bar_new ();
      GtkWidget *menu = gtk_menu_button_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "open-menu-symbolic");
      gtk_menu_button_set_primary (GTK_MENU_BUTTON (menu), TRUE);
      trj_tooltip_set_text (menu, _("Main Menu"));
      trj_a11y_set_label (menu, _("Main Menu"));
      self->start_menu_button = GTK_MENU_BUTTON (menu);
      gtk_menu_button_set_create_popup_func (self->start_menu_button, menu_popup_needed, self->main_menu, NULL);
      if (self->first_frame_done)
        menu_popup_needed (self->start_menu_button, self->main_menu);
      adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu);
      gtk_box_append (self->start_box, header);
      self->start_page = g_object_new (TRJ_TYPE_START_PAGE, "vexpand", TRUE, NULL);
      g_signal_connect_swapped (self->start_page, "create-requested", G_CALLBACK (create_requested_cb), self);
      g_signal_connect_swapped (self->start_page, "open-requested", G_CALLBACK (open_requested_cb), self);
      gtk_box_append (self->start_box, GTK_WIDGET (self->start_page));
    }
  return self->start_page;
}

GtkWidget *
trj_window_get_start_page (TrjWindow *self)
{
  g_return_val_if_fail (TRJ_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_start_page (self));
}

void
trj_window_show_start (TrjWindow *self)
{
  g_return_if_fail (TRJ_IS_WINDOW (self));

  trj_start_page_reload_recent (ensure_start_page (self));
  gtk_stack_set_visible_child_name (self->main_stack, "start");
}

static GtkFileFilter *
workbook_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Trajectoire workbooks"));
  gtk_file_filter_add_suffix (filter, TRJ_WORKBOOK_EXTENSION);
  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog, int response, TrjWindow *self)
{
  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (dialog), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (dialog));
      /* The application picks the window (this one, if it shows the start page). */
      g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), &file, 1, "");
    }
  g_object_unref (dialog);
}

void
trj_window_choose_file_to_open (TrjWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = workbook_filter ();

  g_return_if_fail (TRJ_IS_WINDOW (self));

  dialog = gtk_file_chooser_native_new (_("Open a Workbook"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  trj_file_chooser_show (dialog);
}

typedef struct {
  TrjWindow *self;
  TrjSaveDone done;
  gpointer data;
  GDestroyNotify destroy;
} SaveRequest;

/* A file and what SQLite may keep beside it. */
static const char * const workbook_suffixes[] = { "", "-wal", "-shm" };

/* The chooser asked « Remplacer ? » and the planner said yes. A workbook open
 * here or elsewhere is not replaced (it would go on writing to the file
 * removed); otherwise the old file is set aside (renamed) until the new one
 * is written, so that a failure gives it back. Returns the aside stem, NULL
 * (said why in a toast) when the file stays. */
static char *
set_aside (TrjWindow *self, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) open = trj_workbook_open (path, NULL);
  g_autofree char *aside = g_strdup_printf ("%s.%" G_GINT64_FORMAT ".replaced", path, g_get_real_time ());

  if (open != NULL && trj_workbook_is_read_only (open))
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_BUSY, _("“%s” cannot be replaced: %s"), name,
                   trj_workbook_get_read_only_reason (open));
      trj_window_toast_error (self, error);
      return NULL;
    }
  /* Closed first: SQLite folds its journal back into the file it leaves. */
  g_clear_object (&open);
  for (guint i = 0; i < G_N_ELEMENTS (workbook_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, workbook_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, workbook_suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_basename (path);

          g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved), _("“%s” cannot be replaced: %s"),
                       name, g_strerror (saved));
          trj_window_toast_error (self, error);
          /* What was moved goes back. */
          while (i-- > 0)
            {
              g_autofree char *moved = g_strconcat (aside, workbook_suffixes[i], NULL);
              g_autofree char *back = g_strconcat (path, workbook_suffixes[i], NULL);

              g_rename (moved, back);
            }
          return NULL;
        }
    }
  return g_steal_pointer (&aside);
}

/* The new file written: the old one goes; not written: it comes back. */
static void
end_aside (const char *path, const char *aside, gboolean written)
{
  for (guint i = 0; i < G_N_ELEMENTS (workbook_suffixes); i++)
    {
      g_autofree char *old = g_strconcat (aside, workbook_suffixes[i], NULL);
      g_autofree char *back = g_strconcat (path, workbook_suffixes[i], NULL);

      if (written)
        g_unlink (old);
      else
        {
          g_unlink (back);
          g_rename (old, back);
        }
    }
}

static void
save_response_cb (GtkNativeDialog *dialog, int response, SaveRequest *request)
{
  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (dialog), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *aside = NULL;
      gboolean confirmed = path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);

      if (path != NULL && !g_str_has_suffix (path, "." TRJ_WORKBOOK_EXTENSION))
        {
          char *with_extension = g_strconcat (path, "." TRJ_WORKBOOK_EXTENSION, NULL);

          g_free (path);
          path = with_extension;
          /* The chooser asked about the name without the extension. */
          confirmed = FALSE;
        }
      /* The file chooser asked about replacing the name it was given, once;
       * a name completed here was not asked about, and the workbook code
       * refuses it when it exists, naming it. */
      if (path != NULL && (!confirmed || (aside = set_aside (request->self, path)) != NULL))
        {
          gboolean written = request->done (request->self, path, request->data);

          if (aside != NULL)
            end_aside (path, aside, written);
        }
    }
  if (request->destroy != NULL)
    request->destroy (request->data);
  g_free (request);
  g_object_unref (dialog);
}

void
trj_window_choose_save_path (TrjWindow      *self,
                             const char     *title,
                             const char     *suggested_name,
                             TrjSaveDone     done,
                             gpointer        data,
                             GDestroyNotify  destroy)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = workbook_filter ();
  SaveRequest *request = g_new0 (SaveRequest, 1);

  *request = (SaveRequest) { self, done, data, destroy };
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), request);
  trj_file_chooser_show (dialog);
}

/* The starting scenario, built from the page before the file is asked for:
 * a mistyped amount or a refused notification is told at once. */
static gboolean
create_path_chosen (TrjWindow *self, const char *path, gpointer data)
{
  const TrjScenario *scenario = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjWorkbook) wb = trj_workbook_new_with_scenario (path, scenario, &error);

  if (wb == NULL)
    {
      trj_window_toast_error (self, error);
      return FALSE;
    }
  set_document (self, wb);
  return TRUE;
}

static void
create_requested_cb (TrjWindow *self, const char *region, int year)
{
  g_autoptr(GError) error = NULL;
  TrjScenario *scenario = trj_start_page_build_scenario (ensure_start_page (self), &error);
  /* TRANSLATORS: suggested file name of a new workbook: "Programmation Bretagne 2024" */
  g_autofree char *name = g_strdup_printf (_("Programme %s %d.trajectoire"), region, year);

  if (scenario == NULL && strchr (error->message, '\n') != NULL)
    {
      /* A refused notification file lists its rows: a toast would cut them. */
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Programme Was Not Created"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (scenario == NULL)
    {
      trj_window_toast_error (self, error);
      return;
    }
  trj_window_choose_save_path (self, _("Create the Programme"), name, create_path_chosen,
                               scenario, (GDestroyNotify) trj_scenario_free);
}

static void
open_requested_cb (TrjWindow *self, GFile *file)
{
  trj_window_open_file (self, file);
}

#define TRJ_SHORTCUTS_ROWS 11

GtkWindow *
trj_window_get_help_overlay (TrjWindow *self)
{
  GtkShortcutsWindow *overlay;

  g_return_val_if_fail (TRJ_IS_WINDOW (self), NULL);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/fr/gouv/travail/Trajectoire/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Paginated once, in the groups' order (ui/help-overlay.ui says why):
       * at most 11 rows a column, two columns a page, which keeps the window
       * within a 1280 × 800 screen with large text (1,5). */
      g_object_set (gtk_builder_get_object (builder, "shortcuts_section"), "max-height", (guint) TRJ_SHORTCUTS_ROWS, NULL);
      /* Modal, hidden on close, transient for this window, as GtkApplication
       * would have set it. */
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }
  return GTK_WINDOW (overlay);
}

/* A class action: it comes before the one GtkApplicationWindow adds to its
 * own group once the overlay is set. */
static void
show_help_overlay_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  gtk_window_present (trj_window_get_help_overlay (TRJ_WINDOW (widget)));
}

/* A window shown on its start page (no workbook opened before) builds it
 * now, before its first frame. */
static void
trj_window_show (GtkWidget *widget)
{
  TrjWindow *self = TRJ_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "start") == 0)
    ensure_start_page (self);
  GTK_WIDGET_CLASS (trj_window_parent_class)->show (widget);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
visible_page_changed_cb (TrjWindow *self)
{
  GtkWidget *page = trj_window_get_visible_page (self);
  const char *id = page != NULL ? trj_envelope_page_get_envelope_id (TRJ_ENVELOPE_PAGE (page)) : NULL;

  if (g_strcmp0 (id, self->envelope_id) == 0)
    return;
  g_free (self->envelope_id);
  self->envelope_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVELOPE_ID]);
}

static void
trj_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TrjWindow *self = TRJ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ENVELOPE_ID:
      g_value_set_string (value, self->envelope_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Closing (Ctrl+W) commits a cell being typed, as a spreadsheet does when
 * the focus leaves it; a refused entry keeps the window open, with the
 * reason next to the cell. */
static gboolean
trj_window_close_request (GtkWindow *window)
{
  TrjWindow *self = TRJ_WINDOW (window);

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    if (TRJ_IS_ENVELOPE_PAGE (page) && !trj_envelope_page_commit_edit (TRJ_ENVELOPE_PAGE (page)))
      {
        trj_window_show_envelope (self, trj_envelope_page_get_envelope_id (TRJ_ENVELOPE_PAGE (page)));
        return TRUE;
      }
  if (self->settings != NULL)
    trj_settings_save_window_state (self->settings, window);
  return GTK_WINDOW_CLASS (trj_window_parent_class)->close_request != NULL &&
         GTK_WINDOW_CLASS (trj_window_parent_class)->close_request (window);
}

static void
trj_window_dispose (GObject *object)
{
  TrjWindow *self = TRJ_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->content_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->content_stack, visible_page_changed_cb, self);
  trj_window_focus_dispose (self);
  g_clear_handle_id (&self->after_first_frame_source, g_source_remove);
  /* A window closed before its first frame still says what it opened. */
  flush_recent (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRJ_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_pointer (&self->envelope_ids, g_strfreev);
  g_clear_pointer (&self->envelope_id, g_free);
  g_clear_pointer (&self->pending_recent_uri, g_free);
  g_clear_object (&self->scenarios);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trj_window_parent_class)->dispose (object);
}

static void
trj_window_class_init (TrjWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_window_dispose;
  object_class->get_property = trj_window_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = trj_window_close_request;
  widget_class->show = trj_window_show;
  widget_class->map = trj_window_map;
  widget_class->unmap = trj_window_unmap;

  /* The open workbook's document (NULL on the start page until one opens),
   * and the catalogue id of the envelope page shown (NULL: summary, charts). */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TRJ_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENVELOPE_ID] =
    g_param_spec_string ("envelope-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/gouv/travail/Trajectoire/trj-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, start_box);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, envelopes_button);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, frozen_button);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, main_menu);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, year_menu);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TrjWindow, year_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  trj_window_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_activated);
}

static void
trj_window_init (TrjWindow *self)
{
  /* The drop-down takes its own reference (transfer none). */
  g_autoptr(GtkExpression) name = gtk_property_expression_new (TRJ_TYPE_SCENARIO_ITEM, NULL, "name");

  gtk_widget_init_template (GTK_WIDGET (self));
  trj_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  gtk_drop_down_set_expression (self->scenario_dropdown, name);
  gtk_menu_button_set_create_popup_func (self->main_menu_button, menu_popup_needed, self->main_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->year_button, menu_popup_needed, self->year_menu, NULL);
  self->settings = trj_settings_new ();
  if (self->settings != NULL)
    trj_settings_bind_window_state (self->settings, GTK_WINDOW (self));
  trj_a11y_set_label (GTK_WIDGET (self->scenario_dropdown), _("Scenario"));
  /* Here rather than in the template: trj-tooltip.h (undo and redo's in
   * trj_window_update_actions). */
  trj_tooltip_set_text (GTK_WIDGET (self->scenario_dropdown), _("Scenario"));
  trj_tooltip_set_text (self->envelopes_button, _("Envelopes"));
  trj_tooltip_set_text (GTK_WIDGET (self->main_menu_button), _("Main Menu"));
  trj_tooltip_set_text (GTK_WIDGET (self->year_button), _("The Year: Versions Sent and Actuals"));
  g_signal_connect_swapped (self->scenario_dropdown, "notify::selected",
                            G_CALLBACK (scenario_selected_cb), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child",
                            G_CALLBACK (visible_page_changed_cb), self);
  trj_window_focus_init (self);
  trj_window_update_actions (self);
}

TrjWindow *
trj_window_new (GtkApplication *app)
{
  return g_object_new (TRJ_TYPE_WINDOW, "application", app, NULL);
}
