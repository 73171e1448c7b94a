/* trj-window-private.h — what trj-window.c and trj-window-actions.c share */
#pragma once

#include "trj-window.h"
#include "trj-scenario-list.h"
#include "trj-start-page.h"

G_BEGIN_DECLS

struct _TrjWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  GtkBox *start_box;
  /* Built when first shown (ensure_start_page), NULL before. */
  TrjStartPage *start_page;
  AdwLeaflet *leaflet;
  GtkDropDown *scenario_dropdown;
  GtkWidget *envelopes_button;
  GtkListBox *sidebar_list;
  AdwWindowTitle *window_title;
  GtkWidget *undo_button;
  GtkWidget *redo_button;
  GtkRevealer *read_only_banner;
  GtkLabel *read_only_label;
  GtkWidget *frozen_button;
  GtkStack *content_stack;
  GMenuModel *main_menu;
  GMenuModel *year_menu;
  GtkMenuButton *main_menu_button;
  GtkMenuButton *start_menu_button;   /* built with the start page, NULL before */
  GtkMenuButton *year_button;

  TrjDocument *document;
  /* The workbook's scenarios, scenario_dropdown's model. */
  TrjScenarioList *scenarios;
  /* Envelope ids the sidebar and the content stack were built for. */
  GStrv envelope_ids;
  /* The "envelope-id" property: the envelope page shown, NULL for none. */
  char *envelope_id;
  gboolean updating_scenarios;
  GSettings *settings;
  /* Work kept for after the first frame (trj-window.c): the menus' popovers
   * and the desktop's recent files, which reads its whole list. */
  gulong first_paint_handler;
  guint after_first_frame_source;
  gboolean first_frame_done;
  char *pending_recent_uri;

  /* trj-window-focus.c */
  guint focus_source;
  gboolean focus_pending;
  GtkWidget *last_focus;   /* weak */
};

/* Shows error->message in a toast (nothing when error is NULL). */
void trj_window_toast_error      (TrjWindow *self, const GError *error);

/* Asks where to save a new workbook file; `done` gets the path with the
 * extension (NULL is never passed: a cancelled chooser calls nothing). */
/* Writes the file at path; FALSE (having said why) when it could not. */
typedef gboolean (*TrjSaveDone) (TrjWindow *self, const char *path, gpointer data);
void trj_window_choose_save_path (TrjWindow      *self,
                                  const char     *title,
                                  const char     *suggested_name,
                                  TrjSaveDone     done,
                                  gpointer        data,
                                  GDestroyNotify  destroy);

/* trj-window-focus.c: gives the keyboard back to the grid of the page shown
 * (see there for when). */
void trj_window_focus_init       (TrjWindow *self);
void trj_window_focus_dispose    (TrjWindow *self);
void trj_window_focus_watch_page (TrjWindow *self, GtkWidget *page);
/* Focuses the grid of the page shown, now or when the page is mapped. */
void trj_window_focus_grid       (TrjWindow *self);
/* F6 (step 1) and Maj+F6 (step −1): the focus into the next region of the
 * window, the page, the sidebar or the header bar. */
void trj_window_focus_region     (TrjWindow *self, int step);

/* trj-window-actions.c */
void trj_window_install_actions  (GtkWidgetClass *widget_class);
/* Enables the actions for the workbook shown (none, read-only, writable) and
 * names the undo and redo steps in their tooltips. */
void trj_window_update_actions   (TrjWindow *self);

G_END_DECLS
