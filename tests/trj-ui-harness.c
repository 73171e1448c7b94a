/* trj-ui-harness.c — see trj-ui-harness.h */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-ui-harness.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-workbook.h"

/* Temporary folders made for workbooks, removed when the program ends. */
static GPtrArray *temp_dirs;

static void
remove_temp_dirs (void)
{
  for (guint i = 0; temp_dirs != NULL && i < temp_dirs->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (temp_dirs->pdata[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (temp_dirs->pdata[i], name, NULL);
          g_remove (path);
        }
      g_rmdir (temp_dirs->pdata[i]);
    }
  g_clear_pointer (&temp_dirs, g_ptr_array_unref);
}

char *
trj_harness_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("trajectoire-XXXXXX", &error);

  if (dir == NULL)
    g_error ("%s", error->message);
  if (temp_dirs == NULL)
    {
      temp_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_temp_dirs);
    }
  g_ptr_array_add (temp_dirs, g_strdup (dir));
  return dir;
}

TrjApplication *
trj_harness_init (int *argc, char ***argv)
{
  TrjApplication *app;
  g_autoptr(GError) error = NULL;

  trj_i18n_init ();
  gtk_disable_setlocale ();
  gtk_init ();
  adw_init ();
  /* TRJ_TEXT_SCALE=1.5 (tools/screenshots --large-text): the desktop's
   * large text. GNOME's text-scaling-factor reaches GTK as this very
   * setting (the settings daemon's Xft/DPI, 96 dpi × factor × 1024). */
  if (g_getenv ("TRJ_TEXT_SCALE") != NULL)
    {
      double scale = g_ascii_strtod (g_getenv ("TRJ_TEXT_SCALE"), NULL);

      if (!(scale >= 0.5 && scale <= 3))
        g_error ("TRJ_TEXT_SCALE=%s: a factor between 0.5 and 3 is expected", g_getenv ("TRJ_TEXT_SCALE"));
      g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (scale * 96 * 1024), NULL);
    }

  app = trj_application_new ();
  /* Tests run side by side on one session bus. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  return app;
}

char *
trj_harness_new_workbook (const char *region)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *name = NULL;
  char *path;
  g_autoptr(TrjWorkbook) wb = NULL;

  name = g_strdup_printf ("%s 2024.trajectoire", region);
  path = g_build_filename (dir, name, NULL);
  wb = trj_workbook_new_for_region (path, region, 2024, &error);
  if (wb == NULL)
    g_error ("%s", error->message);
  trj_workbook_close (wb);
  return path;
}

char *
trj_harness_new_workbook_with (const char *region, const char *json, const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = trj_harness_new_workbook (region);
  g_autoptr(TrjWorkbook) wb = trj_workbook_open (path, &error);
  g_autoptr(TrjScenario) s = NULL;
  gint64 id;

  g_assert_no_error (error);
  s = trj_json_scenario_from_data (json, -1, &error);
  g_assert_no_error (error);
  id = trj_workbook_import_scenario (wb, s, name, &error);
  g_assert_no_error (error);
  g_assert_true (trj_workbook_set_current_scenario (wb, id, &error));
  return path;
}

gint64
trj_harness_deadline (void)
{
  return g_get_monotonic_time () + TRJ_HARNESS_TIMEOUT_S * G_USEC_PER_SEC;
}

static gboolean
wake_up (gpointer data)
{
  guint *source = data;

  *source = 0;
  return G_SOURCE_REMOVE;
}

void
trj_harness_check_deadline (gint64 deadline, const char *what)
{
  if (g_get_monotonic_time () >= deadline)
    g_error ("still waiting after %d s for %s", TRJ_HARNESS_TIMEOUT_S, what);
}

void
trj_harness_iterate (gint64 deadline, const char *what)
{
  gint64 now = g_get_monotonic_time ();
  guint timer;

  trj_harness_check_deadline (deadline, what);
  /* Nothing else may ever wake the loop: a timer does at the deadline. */
  timer = g_timeout_add ((deadline - now) / 1000 + 1, wake_up, &timer);
  g_main_context_iteration (NULL, TRUE);
  if (timer != 0)
    g_source_remove (timer);
}

void
trj_harness_wait_until (TrjHarnessCondition condition, gpointer data, const char *what)
{
  gint64 deadline = trj_harness_deadline ();

  while (!condition (data))
    trj_harness_iterate (deadline, what);
}

typedef struct {
  guint      left;
  GtkWidget *widget;
} FrameCount;

static void
frame_painted (GdkFrameClock *clock, gpointer data)
{
  FrameCount *count = data;

  if (count->left > 0)
    count->left--;
  /* A frame that painted nothing of ours still counts: keep asking for more. */
  if (count->left > 0)
    gtk_widget_queue_draw (count->widget);
}

void
trj_harness_wait_frames (GtkWidget *widget, guint n)
{
  FrameCount count = { n, widget };
  g_autofree char *what = NULL;
  GdkFrameClock *clock;
  gint64 deadline = trj_harness_deadline ();
  gulong handler;

  /* A window not yet realized has no frame clock: it comes with the mapping. */
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (widget) && gtk_widget_get_frame_clock (widget) != NULL);
  clock = gtk_widget_get_frame_clock (widget);
  what = g_strdup_printf ("%u painted frames of a %s", n, G_OBJECT_TYPE_NAME (widget));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &count);
  gtk_widget_queue_draw (widget);
  while (count.left > 0)
    trj_harness_iterate (deadline, what);
  g_signal_handler_disconnect (clock, handler);
  trj_harness_flush ();
}

void
trj_harness_wait_painted (GtkWidget *widget)
{
  trj_harness_flush ();
  trj_harness_wait_frames (widget, 1);
}

void
trj_harness_present (GtkWindow *window)
{
  gtk_window_present (window);
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  TRJ_HARNESS_WAIT_FOR (gtk_window_is_active (window));
  trj_harness_wait_painted (GTK_WIDGET (window));
  /* And what the window leaves to an idle after its first frame (its menus'
   * popovers, the desktop's recent files). */
  trj_harness_flush ();
}

void
trj_harness_wait_stack (GtkStack *stack)
{
  TRJ_HARNESS_WAIT_FOR (!gtk_stack_get_transition_running (stack));
  trj_harness_wait_painted (GTK_WIDGET (stack));
}

/* The first stack or revealer under widget still in its transition, or NULL. */
static GtkWidget *
moving_descendant (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return widget;
  if (GTK_IS_REVEALER (widget)
      && gtk_revealer_get_child_revealed (GTK_REVEALER (widget))
         != gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *moving = moving_descendant (child);

      if (moving != NULL)
        return moving;
    }
  return NULL;
}

void
trj_harness_wait_settled (GtkWidget *toplevel)
{
  /* Not "active": without a window manager no window gets the focus back
   * once a dialog above it is closed, and a picture needs none. */
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (toplevel) && gtk_widget_get_frame_clock (toplevel) != NULL);
  /* A transition paints frames of its own: wait for its end, then for one
   * frame painted after it. */
  TRJ_HARNESS_PAINT_UNTIL (toplevel, moving_descendant (toplevel) == NULL);
  trj_harness_wait_painted (toplevel);
}

void
trj_harness_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What a text on screen is, for tools/contrast: the rule it is measured
 * against follows from it (see the README's accessibility section). */
static const char *
region_kind (GtkWidget *widget)
{
  static const struct { const char *css_class, *kind; } classes[] = {
    { "trj-grid-message", "refusal" },
    { "trj-presentation-hint", "presentation-hint" },
    { "trj-figure-title", "card-title" },
    { "trj-figure-value", "card-value" },
    { "trj-figure-detail", "card-detail" },
    { "trj-alert-label", "alert" },
    { "trj-field-error", "error" },
    { "trj-negative", "negative" },
  };

  /* WCAG asks nothing of a control that cannot be used. */
  if (!gtk_widget_is_sensitive (widget))
    return "disabled";
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (gtk_widget_has_css_class (widget, classes[i].css_class))
      return classes[i].kind;
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (parent != NULL && g_strcmp0 (gtk_widget_get_css_name (w), "header") == 0
          && g_strcmp0 (gtk_widget_get_css_name (parent), "columnview") == 0)
        return "column-header";
      if (gtk_widget_has_css_class (w, "trj-alert-list"))
        return "alert";
    }
  if (gtk_widget_has_css_class (widget, "trj-grid-cell"))
    return gtk_widget_has_css_class (widget, "computed") ? "computed-cell" : "cell";
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "dim-label"))
      return "help";
  if (GTK_IS_TEXT (widget))
    return "entry";
  return "text";
}

static const char *
region_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  if (GTK_IS_TEXT (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));
  return NULL;
}

/* One line per text drawn: kind, x, y, width, height (the part of it
 * inside every ancestor, in the toplevel's pixels), font size in points,
 * bold or not, the text. */
static void
save_regions (GString *out, GtkWidget *widget, GtkWidget *toplevel)
{
  const char *text;

  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_opacity (widget) <= 0.01)
    return;
  text = region_text (widget);
  if (text != NULL && *text != '\0')
    {
      graphene_rect_t box, clip;
      PangoContext *context = gtk_widget_get_pango_context (widget);
      const PangoFontDescription *font = pango_context_get_font_description (context);
      double points = pango_font_description_get_size (font) / (double) PANGO_SCALE;
      g_autofree char *flat = g_strdup (text);
      float whole_width;

      if (pango_font_description_get_size_is_absolute (font))
        points = points * 72.0 / 96.0;
      g_strdelimit (flat, "\t\n\r", ' ');

      if (!gtk_widget_compute_bounds (widget, toplevel, &box))
        return;
      whole_width = box.size.width;
      for (GtkWidget *a = gtk_widget_get_parent (widget); a != NULL && a != toplevel;
           a = gtk_widget_get_parent (a))
        if (gtk_widget_compute_bounds (a, toplevel, &clip)
            && !graphene_rect_intersection (&box, &clip, &box))
          return;
      /* A cell scrolled more than half out of sight sideways (the edge of a
       * grid wider than the window, with large text): a few columns of
       * antialiased pixels, not a text to measure. */
      if (box.size.width < whole_width / 2)
        return;
      if (box.size.width >= 2 && box.size.height >= 2)
        g_string_append_printf (out, "%s\t%d\t%d\t%d\t%d\t%.1f\t%d\t%s\n", region_kind (widget),
                                (int) box.origin.x, (int) box.origin.y,
                                (int) box.size.width, (int) box.size.height, points,
                                pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD, flat);
    }
  if (GTK_IS_TEXT (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    save_regions (out, child, toplevel);
}

gboolean
trj_harness_save_png (GtkWidget *toplevel, const char *path, GError **error)
{
  const char *regions = g_getenv ("TRJ_SCREENSHOT_REGIONS");

  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (toplevel);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (toplevel);
  int height = gtk_widget_get_height (toplevel);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (toplevel));

  /* The paintable has nothing while a redraw is pending: let a frame pass. */
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        trj_harness_wait_painted (toplevel);
    }
  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing drawn for %s", path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  /* Where each text is, beside the picture, for tools/contrast. */
  if (regions != NULL)
    {
      g_autoptr(GString) out = g_string_new ("# kind\tx\ty\twidth\theight\tpoints\tbold\ttext\n");
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *name = NULL;
      g_autofree char *tsv = NULL;

      if (g_str_has_suffix (base, ".png"))
        base[strlen (base) - 4] = '\0';
      name = g_strconcat (base, ".tsv", NULL);
      tsv = g_build_filename (regions, name, NULL);
      save_regions (out, toplevel, toplevel);
      g_mkdir_with_parents (regions, 0755);
      if (!g_file_set_contents (tsv, out->str, out->len, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
key_controllers (GtkWidget *widget, GtkPropagationPhase phase, guint keyval, GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      else if (GTK_IS_SHORTCUT_CONTROLLER (controller) && phase == GTK_PHASE_BUBBLE)
        {
          g_autoptr(GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, state);

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !handled; j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), key))
                handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                        GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                        gtk_shortcut_get_arguments (shortcut));
            }
        }
    }
  return handled;
}

gboolean
trj_harness_press_key (GtkWidget *focus, guint keyval, GdkModifierType state)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (path, w);
  for (guint i = path->len; i > 0; i--)
    if (key_controllers (path->pdata[i - 1], GTK_PHASE_CAPTURE, keyval, state))
      return TRUE;
  for (guint i = 0; i < path->len; i++)
    if (key_controllers (path->pdata[i], GTK_PHASE_BUBBLE, keyval, state))
      return TRUE;
  return FALSE;
}

GtkWidget *
trj_harness_find (GtkWidget *root, gboolean (*match) (GtkWidget *widget, gconstpointer data), gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = trj_harness_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
trj_harness_find_type (GtkWidget *root, GType type)
{
  return trj_harness_find (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
has_action (GtkWidget *widget, gconstpointer action)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

GtkWidget *
trj_harness_find_action (GtkWidget *root, const char *action)
{
  return trj_harness_find (root, has_action, action);
}
