/* test-tooltips.c — the toolbar's tooltips, as the pointer shows them
 *
 * The window's and the envelope page's tooltips are set by
 * trj_tooltip_set_text (app/gui/window/trj-tooltip.h), not by GTK's
 * tooltip-text, so that the start asks the X server nothing for them. The
 * pointer is moved over a button of each template (XWarpPointer on the
 * test's X server), and the text GTK's tooltip window shows is read: the
 * same French text as before, and the button's accessible description.
 * Then an edit renames the undo step under the pointer: the tooltip shown
 * follows at once, as GTK's own did.
 */
#include "config.h"

#include <string.h>
#include <gdk/x11/gdkx.h>

#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-tooltip.h"

static TrjWindow *window;

/* A button shown, bound to `action`. */
static gboolean
has_action (GtkWidget *widget, gconstpointer action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0
         && gtk_widget_get_mapped (widget);
}

static gboolean
is_shown_tooltip (GtkWidget *widget, gconstpointer unused)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkTooltipWindow") && gtk_widget_get_mapped (widget);
}

static gboolean
is_shown_label (GtkWidget *widget, gconstpointer unused)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget);
}

/* The text of the tooltip on screen (GTK 4.8's tooltip window is a child of
 * the window it belongs to), NULL when none is shown. */
static const char *
shown_tooltip (void)
{
  GtkWidget *tip = trj_harness_find (GTK_WIDGET (window), is_shown_tooltip, NULL);
  GtkWidget *label = tip != NULL ? trj_harness_find (tip, is_shown_label, NULL) : NULL;

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Moves the X pointer to the middle of `widget`, as a user's mouse would. */
static void
point_at (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  double x, y, sx, sy;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0, &x, &y));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XWarpPointer (gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget)), None,
                gdk_x11_surface_get_xid (surface), 0, 0, 0, 0, (int) (x + sx), (int) (y + sy));
  XFlush (gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget)));
}

static char *
description (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "\x01");
}

static gboolean
is_window_title (GtkWidget *widget, gconstpointer unused)
{
  return ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget);
}

/* The pointer over `widget` shows `expected`, which is its description too.
 * It comes from the window's title, where no tooltip is shown: a mouse goes
 * through many points, GTK hides a tooltip at the first motion out of its
 * widget and shows the next one after a motion over it. */
static void
check_hover (GtkWidget *widget, const char *expected)
{
  g_autofree char *said = description (widget);

  point_at (trj_harness_find (GTK_WIDGET (window), is_window_title, NULL));
  TRJ_HARNESS_WAIT_FOR (shown_tooltip () == NULL);
  point_at (widget);
  TRJ_HARNESS_WAIT_FOR (g_strcmp0 (shown_tooltip (), expected) == 0);
  g_assert_cmpstr (said, ==, expected);
}

static gboolean
is_main_menu (GtkWidget *widget, gconstpointer unused)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "open-menu-symbolic") == 0;
}

static void
test_hover (void)
{
  GtkWidget *page = trj_window_get_visible_page (window);
  GtkWidget *add = trj_harness_find (page, has_action, "win.add-line");
  GtkWidget *menu = trj_harness_find (GTK_WIDGET (window), is_main_menu, NULL);
  GtkWidget *undo = trj_harness_find (GTK_WIDGET (window), has_action, "win.undo");
  g_autofree char *added = NULL;
  const char *duplicated;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (page)))
    {
      g_test_skip ("the pointer is moved on an X server");
      return;
    }
  g_assert_nonnull (add);
  g_assert_nonnull (menu);
  g_assert_nonnull (undo);
  /* The envelope page's template, then the window's. */
  check_hover (menu, "Menu principal");
  check_hover (add, "Ajouter une ligne (Inser)");
  /* A disabled button shows no tooltip (GTK's way): the undo step is made
   * first, and named in the undo button's tooltip. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-line", NULL));
  added = g_strdup (trj_tooltip_get_text (undo));
  g_assert_nonnull (added);
  g_assert_true (g_str_has_prefix (added, "Annuler «"));
  check_hover (undo, added);
  /* Another edit under the pointer: the tooltip shown changes at once, the
   * pointer still. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-line", NULL));
  duplicated = trj_tooltip_get_text (undo);
  g_assert_nonnull (duplicated);
  g_assert_cmpstr (duplicated, !=, added);
  TRJ_HARNESS_WAIT_FOR (g_strcmp0 (shown_tooltip (), duplicated) == 0);
  {
    g_autofree char *said = description (undo);

    g_assert_cmpstr (said, ==, duplicated);
  }
}

int
main (int argc, char *argv[])
{
  g_autoptr(TrjApplication) app = NULL;
  g_autofree char *workbook_path = NULL;
  g_autoptr(GFile) file = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  workbook_path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (workbook_path);
  window = trj_window_new (GTK_APPLICATION (app));
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/tooltips/hover", test_hover);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
