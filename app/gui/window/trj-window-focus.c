/* trj-window-focus.c — the grid owns the keyboard
 *
 * A planner types into the grid: a keystroke that lands on a header button is
 * lost, and Space on a focused Undo button undoes a paste or an import. GTK
 * leaves the focus on the first focusable widget when the window is mapped,
 * on a menu button when its popover closes, and on the button that opened a
 * dialog when the dialog goes. So whenever a page with a grid is shown, the
 * focus goes back to its grid after opening a workbook, after a page is
 * chosen in the sidebar, after any popover or menu closes and after any
 * window (dialog, file chooser) goes away or the window becomes active again.
 * A focus the user put somewhere on purpose (an entry, the sidebar, a header
 * button reached with F6) is not taken: only a "stray" focus is, one on a
 * button right after a popover or a dialog, or none at all.
 *
 * F6 and Ctrl+Tab go from region to region as in GNOME applications: the
 * page shown (its grid), the sidebar, the header bar, and round again;
 * Maj+F6 and Ctrl+Maj+Tab the other way (trj_window_focus_region()). In a
 * grid Ctrl+Tab moves between the cells of a row first (Tab leaves the
 * grid), and leaves past the last one.
 */
#include "config.h"

#include "trj-window-private.h"
#include "trj-envelope-page.h"
#include "trj-grid.h"

/* A focus nobody chose: none, the window itself, or a button (the one that
 * opened the popover or the dialog that just closed). */
static gboolean
focus_is_stray (TrjWindow *self, GtkWidget *focus)
{
  return focus == NULL || focus == GTK_WIDGET (self) ||
         GTK_IS_BUTTON (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) != NULL ||
         GTK_IS_DROP_DOWN (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN) != NULL;
}

static GtkWidget *
grid_page (TrjWindow *self)
{
  GtkWidget *page;

  if (self->document == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workbook") != 0)
    return NULL;
  page = gtk_stack_get_visible_child (self->content_stack);
  return TRJ_IS_ENVELOPE_PAGE (page) ? page : NULL;
}

static gboolean
focus_grid_cb (gpointer data)
{
  TrjWindow *self = data;
  GtkWidget *page = grid_page (self);

  self->focus_source = 0;
  /* A page not mapped yet takes the focus when it is (page_mapped_cb). */
  if (page != NULL && gtk_widget_get_mapped (page) && gtk_widget_grab_focus (page))
    self->focus_pending = FALSE;
  return G_SOURCE_REMOVE;
}

void
trj_window_focus_grid (TrjWindow *self)
{
  g_return_if_fail (TRJ_IS_WINDOW (self));

  self->focus_pending = TRUE;
  /* In an idle: a popover hands the focus back to its button after "closed",
   * and a dialog's window goes after its response. A high-priority one: GDK
   * dispatches one input event per main-loop iteration at G_PRIORITY_DEFAULT,
   * so an idle at G_PRIORITY_DEFAULT_IDLE waits until every key already
   * queued has been handled. On a slow machine (ASan, a loaded laptop) keys
   * typed ahead are queued together, and they went to the sidebar row or the
   * button that still had the focus (Space on Undo undoes). At
   * G_PRIORITY_HIGH the hand-back runs before the next event. */
  if (self->focus_source == 0)
    self->focus_source = g_idle_add_full (G_PRIORITY_HIGH, focus_grid_cb, self, NULL);
}

static void
reclaim_stray_focus (TrjWindow *self)
{
  if (grid_page (self) != NULL && focus_is_stray (self, gtk_root_get_focus (GTK_ROOT (self))))
    trj_window_focus_grid (self);
}

static void
focus_widget_changed_cb (TrjWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *previous = self->last_focus;

  g_set_weak_pointer (&self->last_focus, focus);
  /* Out of a popover (a menu, the scenario list, the grid's helpers)
   * onto its button, or onto nothing. */
  if (focus == NULL || (previous != NULL && gtk_widget_get_ancestor (previous, GTK_TYPE_POPOVER) != NULL &&
                        (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) == NULL)))
    reclaim_stray_focus (self);
}

/* A dialog, a file chooser or another window went away. */
static void
toplevels_changed_cb (TrjWindow *self, guint position, guint removed, guint added)
{
  if (removed > 0)
    reclaim_stray_focus (self);
}

static void
is_active_cb (TrjWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    reclaim_stray_focus (self);
}

static void
page_mapped_cb (TrjWindow *self, GtkWidget *page)
{
  if (self->focus_pending && page == grid_page (self))
    trj_window_focus_grid (self);
}

void
trj_window_focus_watch_page (TrjWindow *self, GtkWidget *page)
{
  g_signal_connect_object (page, "map", G_CALLBACK (page_mapped_cb), self, G_CONNECT_SWAPPED);
}

/* A page chosen in the sidebar (click or Enter) is for typing into; arrowing
 * through the sidebar only selects, and keeps the focus there. */
static void
sidebar_row_activated_cb (TrjWindow *self)
{
  trj_window_focus_grid (self);
}

/* The regions F6 goes through, in order: the page, the sidebar (with its
 * scenario list), the header bar over the page. */
enum { REGION_PAGE, REGION_SIDEBAR, REGION_HEADER, N_REGIONS };

static GtkWidget *
region_widget (TrjWindow *self, guint region)
{
  GtkWidget *widget;

  switch (region)
    {
    case REGION_PAGE:
      return gtk_stack_get_visible_child (self->content_stack);
    case REGION_SIDEBAR:
      /* The leaflet's child that holds the list. */
      for (widget = GTK_WIDGET (self->sidebar_list);
           widget != NULL && gtk_widget_get_parent (widget) != GTK_WIDGET (self->leaflet);
           widget = gtk_widget_get_parent (widget))
        ;
      return widget;
    case REGION_HEADER:
    default:
      return gtk_widget_get_ancestor (self->undo_button, ADW_TYPE_HEADER_BAR);
    }
}

static gboolean
focus_into_region (TrjWindow *self, guint region)
{
  GtkWidget *widget = region_widget (self, region);
  GtkListBoxRow *row;

  if (widget == NULL || !gtk_widget_get_mapped (widget))
    return FALSE;
  switch (region)
    {
    case REGION_PAGE:
      /* An envelope page gives the focus to its grid. */
      return TRJ_IS_ENVELOPE_PAGE (widget) ? gtk_widget_grab_focus (widget)
                                           : gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
    case REGION_SIDEBAR:
      row = gtk_list_box_get_selected_row (self->sidebar_list);
      if (row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row)))
        return TRUE;
      return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
    case REGION_HEADER:
    default:
      return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
    }
}

void
trj_window_focus_region (TrjWindow *self, int step)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *grid = focus != NULL ? gtk_widget_get_ancestor (focus, TRJ_TYPE_GRID) : NULL;
  guint current = REGION_HEADER;   /* from nowhere, forward goes to the page */

  g_return_if_fail (TRJ_IS_WINDOW (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workbook") != 0)
    return;
  /* The user chose where the keyboard goes: a hand-back to the grid still
   * pending (a page just opened, a popover just closed) would undo it. */
  g_clear_handle_id (&self->focus_source, g_source_remove);
  self->focus_pending = FALSE;
  /* Leaving a cell being typed commits it, as a spreadsheet does; a refused
   * value keeps the keyboard in its cell with the reason shown. */
  if (grid != NULL && trj_grid_is_editing (TRJ_GRID (grid)) && !trj_grid_commit_edit (TRJ_GRID (grid)))
    return;
  for (guint region = 0; region < N_REGIONS; region++)
    {
      GtkWidget *widget = region_widget (self, region);

      if (focus != NULL && widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        current = region;
    }
  for (guint i = 1; i <= N_REGIONS; i++)
    if (focus_into_region (self, (current + N_REGIONS + step * (int) i) % N_REGIONS))
      return;
}

/* The arrows move the focus through the sidebar without opening the page
 * (GtkListBox's move-cursor with modify set selects nothing), so that a
 * screen reader user hears the envelopes one by one; Entrée, Espace or a
 * click opens one (row-activated selects it). */
static void
sidebar_keys_init (TrjWindow *self)
{
  static const struct { guint keyval; GtkMovementStep step; int count; } keys[] = {
    { GDK_KEY_Up, GTK_MOVEMENT_DISPLAY_LINES, -1 },
    { GDK_KEY_KP_Up, GTK_MOVEMENT_DISPLAY_LINES, -1 },
    { GDK_KEY_Down, GTK_MOVEMENT_DISPLAY_LINES, 1 },
    { GDK_KEY_KP_Down, GTK_MOVEMENT_DISPLAY_LINES, 1 },
    { GDK_KEY_Home, GTK_MOVEMENT_BUFFER_ENDS, -1 },
    { GDK_KEY_End, GTK_MOVEMENT_BUFFER_ENDS, 1 },
    { GDK_KEY_Page_Up, GTK_MOVEMENT_PAGES, -1 },
    { GDK_KEY_Page_Down, GTK_MOVEMENT_PAGES, 1 },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, "trj-sidebar-keys");
  /* Before the list's own bindings, which select as they move. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                                           gtk_signal_action_new ("move-cursor"),
                                                                           "(iibb)", keys[i].step, keys[i].count,
                                                                           FALSE, TRUE));
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), controller);
}

/* Ctrl+Tab and Ctrl+Maj+Tab to the next and previous region, once the focus
 * widget has not taken them (a grid moves its cursor with them): in the
 * bubble phase, unlike the application's accelerators. */
static void
region_keys_init (TrjWindow *self)
{
  static const struct { guint keyval; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_Tab, GDK_CONTROL_MASK, "win.focus-next-region" },
    { GDK_KEY_KP_Tab, GDK_CONTROL_MASK, "win.focus-next-region" },
    /* Also Ctrl+Maj+ISO_Left_Tab, what X sends: GTK's trigger matches it. */
    { GDK_KEY_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.focus-previous-region" },
    { GDK_KEY_KP_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.focus-previous-region" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, "trj-region-keys");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
trj_window_focus_init (TrjWindow *self)
{
  sidebar_keys_init (self);
  region_keys_init (self);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_changed_cb), NULL);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_list, "row-activated",
                           G_CALLBACK (sidebar_row_activated_cb), self, G_CONNECT_SWAPPED);
  /* Clicking Undo or Redo must not leave the focus there for Space to press again. */
  gtk_widget_set_focus_on_click (self->undo_button, FALSE);
  gtk_widget_set_focus_on_click (self->redo_button, FALSE);
}

void
trj_window_focus_dispose (TrjWindow *self)
{
  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_weak_pointer (&self->last_focus);
}
