/* test-a11y.c — what a screen reader is told, screen by screen
 *
 * GTK's test accessibility backend (GTK_A11Y=test) holds the roles,
 * properties and relations each widget gives assistive technology, the same
 * ones the AT-SPI backend turns into names. Every screen of the application
 * is walked widget by widget: an interactive object shown (a button, a
 * switch, a drop-down, a spin button, an entry, a sidebar row…) without a
 * name, or named after its class (« GtkMenuButton », what GTK 4.8 says when
 * nothing else is set), fails the test with its place in the tree. The
 * first case proves the walk finds such an object.
 *
 * The name is computed as GTK 4.8 does (gtkatcontext.c): the label
 * property, else the labels that label the widget (a button's label child,
 * a mnemonic label), else the class name.
 */
#include "config.h"

#include "trj-ui-harness.h"
#include "trj-envelope-page.h"
#include "trj-charts-page.h"
#include "trj-preferences-window.h"
#include "trj-summary-page.h"
#include "trj-presentation-window.h"
#include "trj-alert-list.h"
#include "trj-lines-model.h"
#include "trj-solver-dialog.h"

static TrjApplication *app;

/* The label property as a string, or NULL when none is set. */
static char *
label_property (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  /* The test API returns the value when it differs from the one asked. */
  return gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

static void
collect_label_text (GtkWidget *widget, GString *text)
{
  const char *s = NULL;

  if (GTK_IS_LABEL (widget))
    s = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_INSCRIPTION (widget))
    s = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  if (s != NULL && *s != '\0' && gtk_widget_get_visible (widget))
    {
      g_autofree char *own = label_property (widget);

      /* A label's name is its label property (its text), the text otherwise. */
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, own != NULL ? own : s);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_label_text (c, text);
}

static GtkWidget *
find_mnemonic_label (GtkWidget *root, GtkWidget *target)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_mnemonic_widget (GTK_LABEL (root)) == target)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mnemonic_label (c, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The accessible name, "" when there is none but the class name. */
static char *
accessible_name (GtkWidget *widget)
{
  g_autofree char *label = label_property (widget);
  GString *text = g_string_new (label);

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);
      GtkWidget *mnemonic = find_mnemonic_label (GTK_WIDGET (gtk_widget_get_root (widget)), widget);

      if (mnemonic != NULL)
        collect_label_text (mnemonic, text);
      /* A menu button's inner button is labelled by the menu button. */
      else if (GTK_IS_MENU_BUTTON (parent))
        {
          g_autofree char *outer = label_property (parent);

          if (outer != NULL)
            g_string_append (text, outer);
        }
      else if (label == NULL)
        collect_label_text (widget, text);
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_interactive (GtkWidget *widget)
{
  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_GRID:
    case GTK_ACCESSIBLE_ROLE_GRID_CELL:
      return TRUE;
    case GTK_ACCESSIBLE_ROLE_NONE:
    case GTK_ACCESSIBLE_ROLE_PRESENTATION:
      return FALSE;
    default:
      /* A row of a list that takes the focus (the sidebar) is read too. */
      return gtk_widget_get_focusable (widget) && GTK_IS_LIST_BOX_ROW (widget);
    }
}

/* A name made of a class name only: "GtkToggleButton", "AdwGizmo". */
static gboolean
is_class_name (const char *name)
{
  if (!g_str_has_prefix (name, "Gtk") && !g_str_has_prefix (name, "Adw") && !g_str_has_prefix (name, "Trj"))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static void
widget_path (GtkWidget *widget, GString *path)
{
  if (gtk_widget_get_parent (widget) != NULL)
    {
      widget_path (gtk_widget_get_parent (widget), path);
      g_string_append (path, " > ");
    }
  g_string_append (path, G_OBJECT_TYPE_NAME (widget));
}

static gboolean
is_hidden (GtkWidget *widget)
{
  g_autofree char *hidden = NULL;

  if (!gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN))
    return FALSE;
  hidden = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE);
  return hidden != NULL;
}

/* Appends to problems one line per unnamed interactive widget shown. */
static void
check_names (GtkWidget *widget, GString *problems, guint *n_checked)
{
  if (!gtk_widget_get_mapped (widget) || is_hidden (widget))
    return;
  if (is_interactive (widget))
    {
      g_autofree char *name = accessible_name (widget);
      g_autofree char *stripped = g_strstrip (g_strdup (name));

      ++*n_checked;
      if (*stripped == '\0' || is_class_name (stripped) || strchr (stripped, '\n') != NULL)
        {
          g_string_append_printf (problems, "  « %s » : ", name);
          widget_path (widget, problems);
          g_string_append_c (problems, '\n');
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_names (c, problems, n_checked);
}

static GtkWidget *find_named (GtkWidget *widget, GtkAccessibleRole role, const char *prefix);

static guint
assert_all_named (GtkWidget *root, const char *screen)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_checked = 0;

  trj_harness_wait_painted (root);
  check_names (root, problems, &n_checked);
  g_test_message ("%s: %u interactive objects", screen, n_checked);
  /* Every screen is walked, so that one run lists all that is missing. */
  if (problems->len > 0)
    {
      g_printerr ("%s: interactive objects without a name:\n%s", screen, problems->str);
      g_test_fail ();
    }
  return n_checked;
}

/* The walk finds an icon button without a name, and one named after its
 * class; once named, both pass. */
static void
test_walk_fails (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  GtkWidget *named = gtk_button_new_with_label ("Annuler");
  GtkWidget *classy = gtk_toggle_button_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_checked = 0;

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), named);
  gtk_box_append (GTK_BOX (box), classy);
  gtk_window_set_child (GTK_WINDOW (window), box);
  trj_harness_present (GTK_WINDOW (window));
  check_names (window, problems, &n_checked);
  g_assert_cmpuint (n_checked, ==, 3);
  g_assert_nonnull (strstr (problems->str, "GtkBox > GtkButton\n"));
  g_assert_nonnull (strstr (problems->str, "GtkBox > GtkToggleButton\n"));
  g_assert_null (strstr (problems->str, "Annuler"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "Annuler", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (classy), GTK_ACCESSIBLE_PROPERTY_LABEL, "GtkToggleButton", -1);
  g_string_truncate (problems, 0);
  check_names (window, problems, &n_checked);
  g_assert_null (strstr (problems->str, "GtkBox > GtkButton\n"));
  g_assert_nonnull (strstr (problems->str, "« GtkToggleButton »"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static TrjWindow *
open_window (gboolean with_workbook)
{
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));

  trj_harness_present (GTK_WINDOW (window));
  if (with_workbook)
    {
      g_autofree char *path = trj_harness_new_workbook ("Bretagne");
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (trj_window_open_file (window, file));
    }
  trj_harness_wait_painted (GTK_WIDGET (window));
  return window;
}

static void
test_start (void)
{
  TrjWindow *window = open_window (FALSE);
  GtkWindow *overlay;

  g_assert_cmpuint (assert_all_named (GTK_WIDGET (window), "start page"), >, 0);
  overlay = trj_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  /* Not shown: GTK 4.8 measures one of its own labels at -3 px there and
   * warns (its sections hold labels and shortcut pictures, no control). A
   * window is read by its title, which GtkShortcutsWindow has none of. */
  g_assert_cmpstr (gtk_window_get_title (overlay), ==, "Raccourcis clavier");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first widget shown of a role whose label starts with prefix. */
static GtkWidget *
find_named (GtkWidget *widget, GtkAccessibleRole role, const char *prefix)
{
  g_autofree char *label = NULL;

  if (!gtk_widget_get_mapped (widget) || is_hidden (widget))
    return NULL;
  label = label_property (widget);
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == role &&
      label != NULL && g_str_has_prefix (label, prefix))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, role, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An envelope's alert line is an alert, read with its sentence; a row kept
 * empty (reserved so that the grid does not move) is not read at all. */
static void
test_alerts (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = trj_alert_list_new ();
  GtkWidget *alert;
  g_autofree char *label = NULL;

  g_object_set (list, "reserved-rows", 2, NULL);
  gtk_window_set_child (GTK_WINDOW (window), list);
  trj_alert_list_set_messages (TRJ_ALERT_LIST (list),
                               (const char *[]) { "AE programmées au-delà de l’enveloppe", NULL });
  trj_harness_present (GTK_WINDOW (window));
  alert = find_named (list, GTK_ACCESSIBLE_ROLE_ALERT, "");
  g_assert_nonnull (alert);
  label = label_property (alert);
  g_assert_cmpstr (label, ==, "AE programmées au-delà de l’enveloppe");
  g_assert_true (is_hidden (gtk_widget_get_next_sibling (alert)));
  trj_alert_list_set_messages (TRJ_ALERT_LIST (list), (const char *[]) { NULL });
  g_assert_null (find_named (list, GTK_ACCESSIBLE_ROLE_ALERT, ""));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
show_tab (TrjEnvelopePage *page, TrjGrid *grid)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_STACK);
  GtkWidget *child = GTK_WIDGET (grid);

  while (gtk_widget_get_parent (child) != stack)
    child = gtk_widget_get_parent (child);
  gtk_stack_set_visible_child (GTK_STACK (stack), child);
  trj_harness_wait_stack (GTK_STACK (stack));
}

static void
test_workbook (void)
{
  TrjWindow *window = open_window (TRUE);
  const char *envelopes[] = { "PEC_CIE_TP", "CIE_JEUNES", "IAE", "EA", "GEIQ" };

  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    {
      TrjEnvelopePage *page;
      g_autofree char *screen = g_strdup_printf ("%s, lignes", envelopes[i]);

      trj_window_show_envelope (window, envelopes[i]);
      page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
      g_assert_cmpuint (assert_all_named (GTK_WIDGET (window), screen), >, 0);
      if (i > 0)
        continue;
      /* A figure card is read with its value; the alerts as alerts. */
      {
        GtkWidget *card = find_named (GTK_WIDGET (page), GTK_ACCESSIBLE_ROLE_GROUP, "AE notifiées");
        g_autofree char *label = NULL;

        g_assert_nonnull (card);
        label = label_property (card);
        g_assert_cmpstr (label, ==, "AE notifiées\u202f: 6\u202f813\u202f468\u00a0€");
      }
      show_tab (page, trj_envelope_page_get_entries_grid (page));
      g_assert_cmpuint (assert_all_named (GTK_WIDGET (window), "PEC_CIE_TP, entrées mensuelles"), >, 0);
      show_tab (page, trj_envelope_page_get_subtotals_grid (page));
      g_assert_cmpuint (assert_all_named (GTK_WIDGET (window), "PEC_CIE_TP, sous-totaux"), >, 0);
      show_tab (page, trj_envelope_page_get_lines_grid (page));
    }
  trj_window_show_envelope (window, NULL);
  g_assert_cmpuint (assert_all_named (GTK_WIDGET (window), "Synthèse"), >, 0);
  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  g_assert_cmpuint (assert_all_named (GTK_WIDGET (window), "Graphiques"), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *description_property (GtkWidget *widget);
static gboolean has_description (GtkWidget *widget);

static GtkWidget *
find_type (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_windows (void)
{
  TrjWindow *window = open_window (TRUE);
  GtkWindow *other;
  TrjChartsPage *charts;

  trj_window_show_envelope (window, "PEC_CIE_TP");
  other = trj_envelope_page_solve (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window)));
  trj_harness_present (other);
  g_assert_cmpuint (assert_all_named (GTK_WIDGET (other), "Ajuster"), >, 0);
  /* « Aucune solution » is an alert, with the reason as its description;
   * and, since GTK 4.8 sends nothing for that label, the description of the
   * control being used (the target's entry row here), which a screen
   * reader reads as it changes (tests/a11y-events hears it on the bus). */
  {
    GtkWidget *target = find_type (GTK_WIDGET (other), ADW_TYPE_ENTRY_ROW);
    g_autofree char *said = NULL;

    g_assert_nonnull (target);
    trj_solver_dialog_set_unknown (TRJ_SOLVER_DIALOG (other), TRJ_UNKNOWN_RATE);
    trj_solver_dialog_set_target (TRJ_SOLVER_DIALOG (other), 1);
    gtk_widget_grab_focus (target);
    g_assert_false (has_description (target));
    trj_solver_dialog_set_target (TRJ_SOLVER_DIALOG (other), 1e9);
    g_assert_nonnull (find_named (GTK_WIDGET (other), GTK_ACCESSIBLE_ROLE_ALERT, "Aucune solution"));
    said = description_property (target);
    g_assert_nonnull (said);
    g_assert_true (g_str_has_prefix (said, "Aucune solution. Entre "));
    g_assert_nonnull (strstr (said, "le paramètre « Taux » ne permet pas"));
    /* The focus elsewhere: the description leaves the row. */
    gtk_widget_grab_focus (find_type (GTK_WIDGET (other), GTK_TYPE_BUTTON));
    g_assert_false (has_description (target));
  }
  gtk_window_destroy (other);

  other = GTK_WINDOW (trj_preferences_window_new (GTK_WINDOW (window), NULL));
  trj_harness_present (other);
  for (const char * const *p = (const char * const[]) { "general", "presentation", NULL }; *p != NULL; p++)
    {
      g_autofree char *screen = g_strdup_printf ("Préférences, %s", *p);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (other), *p);
      g_assert_cmpuint (assert_all_named (GTK_WIDGET (other), screen), >, 0);
    }
  gtk_window_destroy (other);


  trj_window_show_envelope (window, TRJ_CHARTS_PAGE_NAME);
  charts = TRJ_CHARTS_PAGE (trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME));
  other = trj_charts_page_present (charts);
  trj_harness_present (other);
  /* Keys only, no control: the chart is read by its title and text alternative. */
  g_assert_cmpuint (assert_all_named (GTK_WIDGET (other), "Présentation"), ==, 0);
  {
    g_autofree char *title = label_property (GTK_WIDGET (trj_presentation_window_get_view (TRJ_PRESENTATION_WINDOW (other))));

    g_assert_cmpstr (title, ==, "Trajectoire AE/CP — Toute la région");
  }
  gtk_window_destroy (other);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
label_is (GtkWidget *widget, const char *expected)
{
  g_autofree char *label = label_property (widget);

  return g_strcmp0 (label, expected) == 0;
}

static gboolean
has_state (GtkWidget *widget, GtkAccessibleProperty property, gboolean value)
{
  g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, value);

  /* An unset property reads as its default (FALSE). */
  return differs == NULL;
}

/* The description property, NULL when none is set. */
static char *
description_property (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "\x01");
}

static gboolean
has_description (GtkWidget *widget)
{
  g_autofree char *description = description_property (widget);

  return description != NULL;
}

static gboolean
description_is (GtkWidget *widget, const char *expected)
{
  g_autofree char *description = description_property (widget);

  return g_strcmp0 (description, expected) == 0;
}

static gboolean
has_index (GtkWidget *widget, GtkAccessibleRelation relation, int value)
{
  g_autofree char *differs = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget), relation, value);

  return gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), relation) && differs == NULL;
}

/* The grid as a screen reader follows it: the focus is on the cursor's cell
 * (the focus sink stands for it) named « column, line: value », with its
 * place in the table and its read-only state; an edit moves the focus to a
 * named text box and back; a refusal shows an alert. */
static void
test_grid (void)
{
  TrjWindow *window = open_window (TRUE);
  TrjEnvelopePage *page;
  TrjGrid *grid;
  GtkWidget *sink, *editor, *alert, *cell;
  g_autofree char *refusal = NULL;

  trj_window_show_envelope (window, "PEC_CIE_TP");
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  grid = trj_envelope_page_get_lines_grid (page);
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  sink = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (sink), ==, "TrjGridFocus");
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (sink)) == GTK_ACCESSIBLE_ROLE_GRID_CELL);
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (grid)) == GTK_ACCESSIBLE_ROLE_GRID);

  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), label_is (sink, "Taux, ligne 1 : 50,0\u00a0%"));
  g_assert_true (has_state (sink, GTK_ACCESSIBLE_PROPERTY_READ_ONLY, FALSE));
  g_assert_true (has_index (sink, GTK_ACCESSIBLE_RELATION_ROW_INDEX, 1));
  g_assert_true (has_index (sink, GTK_ACCESSIBLE_RELATION_COL_INDEX, TRJ_LINES_COLUMN_RATE + 1));
  g_assert_true (has_index (GTK_WIDGET (grid), GTK_ACCESSIBLE_RELATION_ROW_COUNT, 1));
  g_assert_true (has_index (GTK_WIDGET (grid), GTK_ACCESSIBLE_RELATION_COL_COUNT,
                            trj_grid_model_get_n_columns (trj_grid_get_model (grid))));
  cell = trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_RATE);
  g_assert_true (has_index (cell, GTK_ACCESSIBLE_RELATION_COL_INDEX, TRJ_LINES_COLUMN_RATE + 1));
  g_assert_true (has_state (cell, GTK_ACCESSIBLE_PROPERTY_READ_ONLY, FALSE));
  /* Titles on one line: « Heures/sem. », not « Heures/\nsem. ». */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_HOURS);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), label_is (sink, "Heures/sem., ligne 1 : 25,0"));

  /* A computed cell is read-only, and typing into it is refused aloud. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_AE);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), has_state (sink, GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE));
  g_assert_true (has_state (trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_AE),
                            GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE));
  g_assert_null (find_named (GTK_WIDGET (grid), GTK_ACCESSIBLE_ROLE_ALERT, ""));
  g_assert_false (trj_grid_start_editing (grid, "1"));
  trj_harness_wait_painted (GTK_WIDGET (window));
  alert = find_named (GTK_WIDGET (grid), GTK_ACCESSIBLE_ROLE_ALERT, "");
  g_assert_nonnull (alert);
  g_assert_true (label_is (alert, trj_grid_get_error_message (grid)));
  g_assert_nonnull (strstr (trj_grid_get_error_message (grid), "calculée"));

  /* An edit: the focus on a text box named after its cell. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  g_assert_true (trj_grid_start_editing (grid, "150"));
  editor = GTK_WIDGET (trj_grid_get_editor (grid));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == editor);
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (editor)) == GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  g_assert_true (label_is (editor, "Modification de Taux, ligne 1"));
  /* Refused: the alert says why, the editor keeps the text. */
  g_assert_false (trj_grid_commit_edit (grid));
  refusal = g_strdup (trj_grid_get_error_message (grid));
  g_assert_nonnull (strstr (refusal, "100"));
  trj_harness_wait_painted (GTK_WIDGET (window));
  alert = find_named (GTK_WIDGET (grid), GTK_ACCESSIBLE_ROLE_ALERT, "");
  g_assert_nonnull (alert);
  g_assert_true (label_is (alert, refusal));
  /* Échap: back on the cell, its value unchanged, the alert gone. */
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Escape, 0));
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), gtk_root_get_focus (GTK_ROOT (window)) == sink);
  g_assert_true (label_is (sink, "Taux, ligne 1 : 50,0\u00a0%"));
  g_assert_null (find_named (GTK_WIDGET (grid), GTK_ACCESSIBLE_ROLE_ALERT, ""));
  /* Accepted: the cell's new value is what the focus says. */
  g_assert_true (trj_grid_start_editing (grid, "40"));
  g_assert_true (trj_grid_commit_edit (grid));
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), label_is (sink, "Taux, ligne 2 : 50,0\u00a0%") ||
                                                label_is (sink, "Taux, ligne 1 : 40,0\u00a0%"));
  g_assert_true (label_is (cell, "Taux\u202f: 40,0\u00a0%"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A line's note is read with its label cell (its description, on the cell
 * and on the focus while the cursor is there); the cells without a note are
 * left alone: a refusal said on the cursor's cell stays its description when
 * the grid refreshes for a note given elsewhere, and the page's alert line
 * stays when the cursor leaves the noted cell. */
static void
test_grid_note (void)
{
  TrjWindow *window = open_window (TRUE);
  TrjDocument *document = trj_window_get_document (window);
  TrjWorkbook *wb = trj_document_get_workbook (document);
  const TrjEnvelope *env;
  TrjEnvelopePage *page;
  TrjGrid *grid;
  GtkWidget *sink, *label_cell, *rate_cell;
  g_autofree char *refusal = NULL;
  g_autofree char *alert = NULL;
  g_autofree char *with_note = NULL;
  g_autoptr(GError) error = NULL;
  const char *note = "Convention à signer avant mars";

  trj_window_show_envelope (window, "PEC_CIE_TP");
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  grid = trj_envelope_page_get_lines_grid (page);
  env = trj_document_get_envelope (document, "PEC_CIE_TP");
  g_assert_cmpuint (env->lines->len, ==, 1);
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  sink = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (sink), ==, "TrjGridFocus");

  /* A refused edit on « Taux » (no note): the reason is the description. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), label_is (sink, "Taux, ligne 1 : 50,0\u00a0%"));
  g_assert_null (description_property (sink));
  g_assert_true (trj_grid_start_editing (grid, "150"));
  g_assert_false (trj_grid_commit_edit (grid));
  refusal = g_strdup (trj_grid_get_error_message (grid));
  g_assert_nonnull (strstr (refusal, "100"));
  g_assert_true (description_is (sink, refusal));

  /* A note given to the line: its label cell is described by it, the
   * grid refreshes every cell, the refusal stays on the cursor's. */
  g_assert_true (trj_workbook_set_line_text (wb, trj_document_get_scenario_id (document),
                                             ((const TrjLine *) env->lines->pdata[0])->id,
                                             TRJ_LINE_FIELD_NOTE, note, &error));
  g_assert_no_error (error);
  label_cell = trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_LABEL);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), description_is (label_cell, note));
  rate_cell = trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_RATE);
  g_assert_null (description_property (rate_cell));
  g_assert_cmpstr (trj_grid_get_error_message (grid), ==, refusal);
  g_assert_true (description_is (sink, refusal));
  g_assert_true (trj_grid_handle_key (grid, GDK_KEY_Escape, 0));
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), gtk_root_get_focus (GTK_ROOT (window)) == sink);
  g_assert_null (description_property (sink));

  /* The cursor on the noted cell: « Note : … » said with it; off it, gone. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
  with_note = g_strdup_printf ("Note : %s", note);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), description_is (sink, with_note));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), !has_description (sink));

  /* The page's alert line (a volume past the envelope) on the focus: kept
   * on cells without a note, after the note on the noted one. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  g_assert_true (trj_grid_start_editing (grid, "99999"));
  g_assert_true (trj_grid_commit_edit (grid));
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), has_description (sink));
  alert = description_property (sink);
  g_assert_nonnull (strstr (alert, "dépassement de l’enveloppe"));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_RATE);
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_true (description_is (sink, alert));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_LABEL);
  g_free (with_note);
  with_note = g_strdup_printf ("Note : %s\n%s", note, alert);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), description_is (sink, with_note));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_HOURS);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), description_is (sink, alert));
  /* The note taken away: the label cell no longer described by it. */
  g_assert_true (trj_workbook_set_line_text (wb, trj_document_get_scenario_id (document),
                                             ((const TrjLine *) env->lines->pdata[0])->id,
                                             TRJ_LINE_FIELD_NOTE, NULL, &error));
  g_assert_no_error (error);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window),
                           !has_description (trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_LABEL)));
  g_assert_true (description_is (sink, alert));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The pixel of a window, as painted, at a point of its own. */
static guint32
pixel_at (GtkWidget *window, double x, double y)
{
  g_autofree char *dir = trj_harness_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "frame.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  int width;

  trj_harness_wait_painted (window);
  g_assert_true (trj_harness_save_png (window, path, &error));
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  pixels = g_new (guint32, (gsize) width * gdk_texture_get_height (texture));
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  return pixels[(int) y * width + (int) x];
}

/* The pixel on the left edge of a cell, where the cursor's frame is drawn. */
static guint32
frame_pixel (GtkWidget *window, GtkWidget *cell)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (cell, window, &bounds));
  return pixel_at (window, bounds.origin.x + 1, bounds.origin.y + bounds.size.height / 2);
}

/* Blue well above red: the accent colour of the cursor's frame. */
static gboolean
is_accent (guint32 argb)
{
  return (int) (argb & 0xff) > (int) ((argb >> 16) & 0xff) + 60;
}

/* make check runs two tests at a time on one X display: a window another
 * test presents takes the keyboard from this one, and GTK then clears the
 * focus flags the frame follows (twice in three runs of the whole suite,
 * test-charts-ui beside). The window is asked back until it is active. */
static gboolean
active_again (GtkWindow *window)
{
  if (!gtk_window_is_active (window))
    gtk_window_present (window);
  return gtk_window_is_active (window);
}

/* The cursor's frame says where typing goes: drawn while the keyboard is in
 * the grid, not once the focus has gone to the sidebar, back with it. */
static void
test_frame (void)
{
  TrjWindow *window = open_window (TRUE);
  TrjGrid *grid;
  GtkWidget *cell;
  GtkListBoxRow *row;

  trj_window_show_envelope (window, "PEC_CIE_TP");
  grid = trj_envelope_page_get_lines_grid (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window)));
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_VOLUME) != NULL);
  cell = gtk_widget_get_parent (trj_grid_get_cell_widget (grid, 0, TRJ_LINES_COLUMN_VOLUME));
  /* Painted frames until the pixel says so: on a loaded machine the focus
   * and the redraw it queues may come a few frames late, and the columns
   * take their widths (the cell moves) after the first frames. */
#define FRAME_PIXEL frame_pixel (GTK_WIDGET (window), cell)
  TRJ_HARNESS_WAIT_FOR (active_again (GTK_WINDOW (window)) &&
                        (gtk_widget_get_state_flags (GTK_WIDGET (grid)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0);
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), active_again (GTK_WINDOW (window)) && is_accent (FRAME_PIXEL));

  row = GTK_LIST_BOX_ROW (find_named (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "Synthèse"));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), !is_accent (FRAME_PIXEL));
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  TRJ_HARNESS_PAINT_UNTIL (GTK_WIDGET (window), active_again (GTK_WINDOW (window)) && is_accent (FRAME_PIXEL));
#undef FRAME_PIXEL
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The sidebar's own binding for a key, run as a key press runs it. */
static void
press_sidebar_key (GtkWidget *list, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "trj-sidebar-keys") != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           list, gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("no sidebar binding for %s", gdk_keyval_name (keyval));
}

/* Down in the sidebar moves the focus to the next envelope and says its
 * name, the page stays; Entrée opens it. */
static void
test_sidebar (void)
{
  TrjWindow *window = open_window (TRUE);
  GtkWidget *pec, *row, *list;
  g_autofree char *name = NULL;

  trj_window_show_envelope (window, "PEC_CIE_TP");
  pec = trj_window_get_visible_page (window);
  row = find_named (GTK_WIDGET (window), GTK_ACCESSIBLE_ROLE_LIST_ITEM, "PEC");
  g_assert_nonnull (row);
  list = gtk_widget_get_parent (row);
  g_assert_true (gtk_widget_grab_focus (row));
  press_sidebar_key (list, GDK_KEY_Down);
  trj_harness_flush ();
  row = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  name = label_property (row);
  g_assert_true (g_str_has_prefix (name, "CIE jeunes"));
  g_assert_true (trj_window_get_visible_page (window) == pec);
  press_sidebar_key (list, GDK_KEY_End);
  trj_harness_flush ();
  row = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (label_is (row, "Graphiques"));
  g_assert_true (trj_window_get_visible_page (window) == pec);
  /* Entrée (the row's activate signal) opens the page. */
  press_sidebar_key (list, GDK_KEY_Home);
  trj_harness_flush ();
  press_sidebar_key (list, GDK_KEY_Down);
  trj_harness_flush ();
  g_signal_emit_by_name (gtk_root_get_focus (GTK_ROOT (window)), "activate");
  trj_harness_flush ();
  g_assert_true (trj_window_get_visible_page (window) == trj_window_get_page (window, "CIE_JEUNES"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's own binding for a key (trj-region-keys: Ctrl+Tab when the
 * focus widget left it), run as a key press that reached the window runs it. */
static void
press_window_key (GtkWidget *window, guint keyval, GdkModifierType mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  /* GTK's triggers hold Maj+Tab as Tab with Shift (what X sends is
   * ISO_Left_Tab with Shift). */
  if (keyval == GDK_KEY_ISO_Left_Tab)
    keyval = GDK_KEY_Tab;
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "trj-region-keys") != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           window, gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("no window binding for %s", gdk_keyval_name (keyval));
}

static gboolean
label_starts (GtkWidget *widget, const char *prefix)
{
  g_autofree char *label = label_property (widget);

  return label != NULL && g_str_has_prefix (label, prefix);
}

static gboolean
focus_in_grid (GtkWidget *window, TrjGrid *grid)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (grid));
}

/* A key the grid leaves goes on as GTK sends it: Tab and Maj+Tab to the
 * window's move-focus binding. */
static void
press_grid_key (GtkWidget *window, TrjGrid *grid, guint keyval, GdkModifierType mods)
{
  if (trj_grid_handle_key (grid, keyval, mods))
    return;
  if (keyval == GDK_KEY_Tab && mods == 0)
    g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_FORWARD);
  else if (keyval == GDK_KEY_ISO_Left_Tab && mods == GDK_SHIFT_MASK)
    g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_BACKWARD);
  else
    press_window_key (window, keyval, mods);
}

/* Every row of the shortcuts window's section titled so, as « ACCELERATORS »
 * or « ACCELERATORS — SUBTITLE », joined by « / » (the search page, which
 * repeats them, left out). */
static void
collect_shortcut_rows (GtkWidget *widget, const char *title, GString *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *t = NULL, *subtitle = NULL, *accel = NULL;

          g_object_get (child, "title", &t, "subtitle", &subtitle, "accelerator", &accel, NULL);
          if (g_strcmp0 (t, title) == 0)
            g_string_append_printf (out, "%s%s%s%s", out->len > 0 ? " / " : "", accel,
                                    subtitle != NULL && *subtitle != '\0' ? " — " : "",
                                    subtitle != NULL ? subtitle : "");
        }
      else
        collect_shortcut_rows (child, title, out);
    }
}

static char *
shortcut_rows (GtkWindow *overlay, const char *title)
{
  GString *out = g_string_new (NULL);
  GtkWidget *section = trj_harness_find_type (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SECTION);

  g_assert_nonnull (section);
  collect_shortcut_rows (section, title, out);
  return g_string_free (out, FALSE);
}

static void
assert_shortcut_rows (GtkWindow *overlay, const char *title, const char *expected)
{
  g_autofree char *rows = shortcut_rows (overlay, title);

  g_assert_cmpstr (rows, ==, expected);
}

/* The keyboard in and out of the grid (issue 19): Tab and Maj+Tab leave it
 * for the controls around it, Ctrl+Tab moves between its cells and past the
 * last one to the next region (the sidebar), Échap ends an edit on its cell
 * and otherwise keeps the keyboard there; the shortcuts window says so. */
static void
test_keys (void)
{
  TrjWindow *window = open_window (TRUE);
  GtkWidget *win = GTK_WIDGET (window), *sink, *outside;
  GtkWindow *overlay;
  TrjGrid *grid;
  guint row, column, rows;
  char *before = NULL;

  trj_window_show_envelope (window, "PEC_CIE_TP");
  grid = trj_envelope_page_get_lines_grid (TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window)));
  rows = trj_grid_model_get_n_rows (trj_grid_get_model (grid));
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  sink = gtk_root_get_focus (GTK_ROOT (window));
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);

  /* Tab: out of the grid, to a control of the page; Maj+Tab back to the
   * grid's cursor, unmoved; Maj+Tab again out the other way. */
  press_grid_key (win, grid, GDK_KEY_Tab, 0);
  outside = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (outside);
  g_assert_false (focus_in_grid (win, grid));
  press_grid_key (win, grid, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == sink);
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpuint (column, ==, TRJ_LINES_COLUMN_VOLUME);
  press_grid_key (win, grid, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  g_assert_false (focus_in_grid (win, grid));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != outside);

  /* Ctrl+Tab: the next cell, its name said; Ctrl+Maj+Tab the previous. */
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  press_grid_key (win, grid, GDK_KEY_Tab, GDK_CONTROL_MASK);
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (column, ==, TRJ_LINES_COLUMN_RATE);
  TRJ_HARNESS_PAINT_UNTIL (win, label_is (sink, "Taux, ligne 1 : 50,0\u00a0%"));
  press_grid_key (win, grid, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  trj_grid_get_cursor (grid, &row, &column);
  g_assert_cmpuint (column, ==, TRJ_LINES_COLUMN_VOLUME);
  /* Past the last cell: the window's, to the sidebar. */
  trj_grid_set_cursor (grid, rows - 1, TRJ_N_LINES_COLUMNS - 1);
  press_grid_key (win, grid, GDK_KEY_Tab, GDK_CONTROL_MASK);
  g_assert_false (focus_in_grid (win, grid));
  g_assert_true (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (window))));
  /* From the sidebar Ctrl+Maj+Tab goes back to the page's grid. */
  press_window_key (win, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (focus_in_grid (win, grid));

  /* Échap during an edit: back on the cell, not editing, value kept;
   * Échap again keeps the keyboard on the cell. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  TRJ_HARNESS_PAINT_UNTIL (win, label_starts (sink, "Volume, ligne 1 : "));
  before = label_property (sink);
  press_grid_key (win, grid, GDK_KEY_7, 0);
  g_assert_true (trj_grid_is_editing (grid));
  g_assert_cmpstr (gtk_editable_get_text (trj_grid_get_editor (grid)), ==, "7");
  press_grid_key (win, grid, GDK_KEY_Escape, 0);
  g_assert_false (trj_grid_is_editing (grid));
  TRJ_HARNESS_PAINT_UNTIL (win, gtk_root_get_focus (GTK_ROOT (window)) == sink);
  g_assert_true (label_is (sink, before));
  press_grid_key (win, grid, GDK_KEY_Escape, 0);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == sink);
  g_assert_false (trj_grid_is_editing (grid));
  g_free (before);

  /* The shortcuts window lists all of it, in French. */
  overlay = trj_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  assert_shortcut_rows (overlay, "Cellule suivante", "<Control>Tab");
  assert_shortcut_rows (overlay, "Cellule précédente", "<Control><Shift>Tab");
  assert_shortcut_rows (overlay, "Quitter la grille", "Tab — Vers la commande suivante");
  assert_shortcut_rows (overlay, "Quitter la grille, en arrière", "<Shift>Tab — Vers la commande précédente");
  assert_shortcut_rows (overlay, "Annuler la saisie", "Escape — Retour sur la cellule");
  assert_shortcut_rows (overlay, "Valider, cellule suivante", "Tab — Pendant la saisie");
  assert_shortcut_rows (overlay, "Page suivante ou précédente", "Up Down — Sans l’ouvrir");
  assert_shortcut_rows (overlay, "Ouvrir la page", "Return");
  assert_shortcut_rows (overlay, "Zone suivante", "F6 — Grille, barre latérale, en-tête / <Control>Tab — Hors d’une grille");
  assert_shortcut_rows (overlay, "Zone précédente", "<Shift>F6 / <Control><Shift>Tab — Hors d’une grille");
  assert_shortcut_rows (overlay, "Rétablir", "<Control><Shift>z / <Control>y");
  gtk_window_destroy (GTK_WINDOW (window));
}

static double
top_in (GtkWidget *widget, GtkWidget *root)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, root, &bounds));
  return bounds.origin.y;
}

/* The page of a window at 1280 × 800 as it lays out with the usual text or
 * GNOME's text scaling 1,5 (gtk-xft-dpi, as the settings daemon gives it). */
typedef struct {
  int window_min_width;
  gboolean tools_under;          /* the line tools under the grids' switcher */
  gboolean grid_scrolls;         /* the lines grid wider than its view */
  gboolean scrollbar_shown;      /* and its horizontal scroll bar mapped */
  GtkScrollablePolicy policy;
  guint alert_lines;             /* of the first alert's sentence */
} Layout;

static Layout
layout_at (TrjWindow *window, double scale)
{
  GtkWidget *root = GTK_WIDGET (window);
  TrjEnvelopePage *page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  GtkWidget *grid = GTK_WIDGET (trj_envelope_page_get_lines_grid (page));
  GtkWidget *scrolled = find_type (grid, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *columns = find_type (grid, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *alerts = find_type (GTK_WIDGET (page), TRJ_TYPE_ALERT_LIST);
  GtkWidget *sentence = find_type (alerts, GTK_TYPE_INSCRIPTION);
  GtkWidget *solve = trj_harness_find_action (GTK_WIDGET (page), "win.solve");
  GtkWidget *solve_envelope = trj_harness_find_action (GTK_WIDGET (page), "win.solve-envelope");
  Layout l;
  int unused;

  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (scale * 96 * 1024), NULL);
  /* The lines of a sentence are counted after a frame. */
  TRJ_HARNESS_WAIT_FOR (scale > 1 ? gtk_inscription_get_min_lines (GTK_INSCRIPTION (sentence)) > 1
                                  : gtk_inscription_get_min_lines (GTK_INSCRIPTION (sentence)) == 1);
  trj_harness_wait_painted (root);
  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &l.window_min_width, &unused, NULL, NULL);
  l.tools_under = top_in (solve, root) > top_in (solve_envelope, root) + gtk_widget_get_height (solve_envelope) / 2;
  {
    GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (columns));

    l.grid_scrolls = gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 0.5;
  }
  l.scrollbar_shown = gtk_widget_get_mapped (gtk_scrolled_window_get_hscrollbar (GTK_SCROLLED_WINDOW (scrolled)));
  l.policy = gtk_scrollable_get_hscroll_policy (GTK_SCROLLABLE (columns));
  l.alert_lines = gtk_inscription_get_min_lines (GTK_INSCRIPTION (sentence));
  g_test_message ("text × %.1f: window at least %d px, line tools %s, grid %s (scroll bar %s), alert on %u line(s)",
                  scale, l.window_min_width, l.tools_under ? "under" : "beside",
                  l.grid_scrolls ? "scrolls" : "fits", l.scrollbar_shown ? "shown" : "hidden", l.alert_lines);
  return l;
}

/* Issue 19, large text: with text 1,5 times larger the default window
 * still fits 1280 px (the line tools go under the grids' switcher), the
 * lines grid scrolls with a scroll bar in sight and its label column whole,
 * and an alert's sentence takes two lines instead of being cut; with the
 * usual text, none of it (the test sees the difference). */
static void
test_large_text (void)
{
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  g_autofree char *path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrjEnvelopePage *page;
  TrjGrid *grid;
  Layout normal, large;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_window_show_envelope (window, "PEC_CIE_TP");
  page = TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
  grid = trj_envelope_page_get_lines_grid (page);
  /* A volume past the envelope: its alert's sentence is long. */
  trj_grid_set_cursor (grid, 0, TRJ_LINES_COLUMN_VOLUME);
  g_assert_true (trj_grid_start_editing (grid, "99999"));
  g_assert_true (trj_grid_commit_edit (grid));
  trj_harness_wait_painted (GTK_WIDGET (window));

  /* A button with a mnemonic is read once, without it: GTK 4.8 gave it
   * its mnemonic label too (« _Ajuster… Ajuster… » on the bus). */
  {
    GtkWidget *solve = trj_harness_find_action (GTK_WIDGET (page), "win.solve");
    g_autofree char *name = label_property (solve);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (solve)), ==, "A_juster…");
    g_assert_cmpstr (name, ==, "Ajuster…");
    g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (solve), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  }

  normal = layout_at (window, 1);
  large = layout_at (window, 1.5);
  g_assert_cmpint (large.window_min_width, <=, 1280);
  g_assert_true (large.tools_under);
  g_assert_true (large.grid_scrolls);
  g_assert_true (large.scrollbar_shown);
  g_assert_cmpint (large.policy, ==, GTK_SCROLL_NATURAL);
  g_assert_cmpuint (large.alert_lines, >=, 2);

  normal = layout_at (window, 1);
  g_assert_cmpint (normal.window_min_width, <=, 1280);
  g_assert_false (normal.tools_under);
  g_assert_false (normal.grid_scrolls);
  g_assert_false (normal.scrollbar_shown);
  g_assert_cmpint (normal.policy, ==, GTK_SCROLL_MINIMUM);
  g_assert_cmpuint (normal.alert_lines, ==, 1);
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 1024, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/a11y/walk-fails", test_walk_fails);
  g_test_add_func ("/a11y/alerts", test_alerts);
  g_test_add_func ("/a11y/start", test_start);
  g_test_add_func ("/a11y/workbook", test_workbook);
  g_test_add_func ("/a11y/windows", test_windows);
  g_test_add_func ("/a11y/grid", test_grid);
  g_test_add_func ("/a11y/grid-note", test_grid_note);
  g_test_add_func ("/a11y/frame", test_frame);
  g_test_add_func ("/a11y/sidebar", test_sidebar);
  g_test_add_func ("/a11y/keys", test_keys);
  /* Last: it changes the text size of the whole display, then puts it back. */
  g_test_add_func ("/a11y/large-text", test_large_text);
  status = g_test_run ();

  g_object_unref (app);
  return status;
}
