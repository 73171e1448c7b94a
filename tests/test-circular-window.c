/* test-circular-window.c — the circular's rules in the window (MODEL.md 2.8):
 * the optional columns of the lines grid (publics, renewals, justification),
 * hidden by default and chosen in the « Colonnes » popover, remembered by the
 * settings for every contrats aidés page; a share typed, refused outside
 * 0–100 %, undone; the envelope's shares under the figures; the alerts.
 *
 * The Bretagne example has one PEC line (1 236 contracts): the envelope's
 * share of a public is the line's. QPV 30 % ≥ 25 %: no alert; 20 %: PUBLIC_
 * TARGET_MISSED. Renewals 10 % with a duration of 14 months: RENEWAL_TOO_LONG
 * on the renewals cell; with a justification, the duration's alert reads as
 * an exceptional request.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-ui-harness.h"
#include "trj-alert-text.h"
#include "trj-envelope-page.h"
#include "trj-lines-model.h"
#include "trj-settings.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static TrjApplication *app;
static TrjWindow *window;
static char *screenshots;   /* TRJ_SCREENSHOTS_DIR: where to save the pictures, or NULL */

static TrjEnvelopePage *
page (const char *envelope)
{
  trj_window_show_envelope (window, envelope);
  return TRJ_ENVELOPE_PAGE (trj_window_get_visible_page (window));
}

static TrjLinesModel *
lines_model (TrjEnvelopePage *p)
{
  return TRJ_LINES_MODEL (trj_grid_get_model (trj_envelope_page_get_lines_grid (p)));
}

static gboolean
type_cell (TrjGrid *grid, guint row, TrjLinesColumn field, const char *text)
{
  int c = trj_lines_model_find_column (TRJ_LINES_MODEL (trj_grid_get_model (grid)), field);

  g_assert_cmpint (c, >=, 0);
  trj_grid_set_cursor (grid, row, (guint) c);
  g_assert_true (trj_grid_start_editing (grid, text));
  return trj_grid_commit_edit (grid);
}

static const TrjLine *
pec_line (void)
{
  const TrjEnvelope *env = trj_document_get_envelope (trj_window_get_document (window), "PEC_CIE_TP");

  g_assert_cmpuint (env->lines->len, >=, 1);
  return env->lines->pdata[0];
}

static const TrjAlert *
find_alert (TrjAlertCode code)
{
  const TrjResult *r = trj_document_get_result (trj_window_get_document (window));

  for (guint i = 0; i < r->n_alerts; i++)
    if (r->alerts[i].code == code)
      return &r->alerts[i];
  return NULL;
}

static GtkCheckButton *
check_named (TrjEnvelopePage *p, const char *name)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (trj_envelope_page_get_columns_button (p));
  GtkWidget *box = gtk_popover_get_child (gtk_menu_button_get_popover (button));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) && g_str_equal (gtk_widget_get_name (child), name))
      return GTK_CHECK_BUTTON (child);
  g_error ("no check button %s in the columns popover", name);
}

static void
save (GtkWidget *widget, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (screenshots == NULL)
    return;
  path = g_build_filename (screenshots, name, NULL);
  trj_harness_wait_painted (widget);
  if (!trj_harness_save_png (widget, path, &error))
    g_error ("%s", error->message);
}

/* Hidden by default; the popover's check buttons show them, on every
 * contrats aidés page, and the settings remember them. */
static void
test_column_chooser (void)
{
  TrjEnvelopePage *pec = page ("PEC_CIE_TP");
  GtkWidget *button = trj_envelope_page_get_columns_button (pec);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_autoptr(GSettings) settings = trj_settings_new ();
  g_auto(GStrv) names = NULL;
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec);
  guint base = trj_grid_model_get_n_columns (trj_grid_get_model (grid));

  g_assert_nonnull (settings);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpuint (base, ==, TRJ_N_LINES_COLUMNS);
  for (TrjLinesColumn f = TRJ_LINES_FIRST_OPTIONAL; f < TRJ_N_LINES_FIELDS; f++)
    g_assert_cmpint (trj_lines_model_find_column (lines_model (pec), f), ==, -1);

  /* The keyboard's way: the button opens the popover, a check button toggles. */
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_widget_activate (button));
  TRJ_HARNESS_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (check_named (pec, "QPV"))));
  TRJ_HARNESS_WAIT_FOR (trj_lines_model_find_column (lines_model (pec), TRJ_LINES_COLUMN_PUBLIC_QPV) >= 0);
  g_assert_cmpint (trj_lines_model_find_column (lines_model (pec), TRJ_LINES_COLUMN_PUBLIC_QPV), ==, (int) base);
  gtk_check_button_set_active (check_named (pec, "ZRR"), TRUE);
  gtk_check_button_set_active (check_named (pec, "renewal_share"), TRUE);
  gtk_check_button_set_active (check_named (pec, "exception_reason"), TRUE);
  trj_harness_flush ();
  g_assert_cmpuint (trj_grid_model_get_n_columns (trj_grid_get_model (trj_envelope_page_get_lines_grid (pec))),
                    ==, base + 4);
  names = g_settings_get_strv (settings, "lines-columns");
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_cmpstr (names[0], ==, "QPV");
  g_assert_cmpstr (names[1], ==, "ZRR");
  g_assert_cmpstr (names[2], ==, "renewal_share");
  g_assert_cmpstr (names[3], ==, "exception_reason");
  save (GTK_WIDGET (popover), "lignes-choix-colonnes.png");
  gtk_popover_popdown (popover);
  TRJ_HARNESS_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* The other contrats aidés page follows; an IAE page has no such columns. */
  g_assert_cmpint (trj_lines_model_find_column (lines_model (page ("CIE_JEUNES")), TRJ_LINES_COLUMN_RENEWAL_SHARE),
                   >=, 0);
  g_assert_true (gtk_check_button_get_active (check_named (page ("CIE_JEUNES"), "ZRR")));
  g_assert_false (gtk_widget_get_visible (trj_envelope_page_get_columns_button (page ("IAE"))));
  g_assert_false (trj_lines_model_has_optional (lines_model (page ("IAE"))));
}

static void
test_publics (void)
{
  TrjEnvelopePage *pec = page ("PEC_CIE_TP");
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec);
  TrjLinesModel *model = lines_model (pec);
  const TrjAlert *alert;
  g_autofree char *message = NULL;

  g_assert_null (trj_envelope_page_get_circular_shares (pec));
  g_assert_null (find_alert (TRJ_ALERT_PUBLIC_TARGET_MISSED));

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_PUBLIC_QPV, "30"));
  g_assert_true (pec_line ()->has_public[TRJ_PUBLIC_QPV]);
  g_assert_cmpfloat_with_epsilon (pec_line ()->publics[TRJ_PUBLIC_QPV], 0.30, 1e-12);
  g_assert_null (find_alert (TRJ_ALERT_PUBLIC_TARGET_MISSED));
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpstr (trj_grid_get_displayed_text (grid, 0, trj_lines_model_find_column (model, TRJ_LINES_COLUMN_PUBLIC_QPV)),
                   ==, "30,0" NBSP "%");
  g_assert_cmpstr (trj_envelope_page_get_circular_shares (pec), ==,
                   "Part des entrées" NNBSP ": QPV 30,0" NBSP "% (objectif 25" NBSP "%)");

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_PUBLIC_QPV, "20 %"));
  alert = find_alert (TRJ_ALERT_PUBLIC_TARGET_MISSED);
  g_assert_nonnull (alert);
  g_assert_cmpfloat_with_epsilon (alert->value, 0.20, 1e-12);
  message = trj_alert_message (trj_document_get_scenario (trj_window_get_document (window)), alert);
  g_assert_cmpstr (message, ==, "Résidents des QPV" NNBSP ": 20,0" NBSP "% des entrées, sous l’objectif de 25,0" NBSP "%");

  /* Outside 0–100 %: refused, the line keeps 20 %. */
  g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_PUBLIC_ZRR, "150 %"));
  g_assert_nonnull (trj_grid_get_error_message (grid));
  trj_grid_cancel_edit (grid);
  g_assert_false (pec_line ()->has_public[TRJ_PUBLIC_ZRR]);

  /* Undone: 30 % again, no alert. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  trj_harness_flush ();
  g_assert_cmpfloat_with_epsilon (pec_line ()->publics[TRJ_PUBLIC_QPV], 0.30, 1e-12);
  g_assert_null (find_alert (TRJ_ALERT_PUBLIC_TARGET_MISSED));

  /* Deleted: the line says nothing of the QPV any more. */
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_PUBLIC_QPV, ""));
  g_assert_false (pec_line ()->has_public[TRJ_PUBLIC_QPV]);
  g_assert_null (trj_envelope_page_get_circular_shares (pec));
}

static void
test_renewals_and_exception (void)
{
  TrjEnvelopePage *pec = page ("PEC_CIE_TP");
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec);
  TrjLinesModel *model = lines_model (pec);
  const TrjAlert *alert;
  g_autofree char *message = NULL;
  g_autofree char *tooltip = NULL;
  int renewals = trj_lines_model_find_column (model, TRJ_LINES_COLUMN_RENEWAL_SHARE);

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_RENEWAL_SHARE, "10"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_DURATION, "14"));
  g_assert_nonnull (find_alert (TRJ_ALERT_RENEWAL_TOO_LONG));
  g_assert_cmpint (trj_grid_model_get_alert (TRJ_GRID_MODEL (model), 0, renewals, &tooltip), ==,
                   TRJ_GRID_ALERT_WARNING);
  g_assert_nonnull (strstr (tooltip, "un renouvellement dure au plus 12"));

  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_EXCEPTION_REASON,
                            "Travailleurs handicapés : article L. 5134-25-1"));
  g_assert_cmpstr (pec_line ()->exception_reason, ==, "Travailleurs handicapés : article L. 5134-25-1");
  alert = find_alert (TRJ_ALERT_DURATION_OUT_OF_RANGE);
  g_assert_true (alert->exception_requested);
  message = trj_alert_message (trj_document_get_scenario (trj_window_get_document (window)), alert);
  g_assert_true (g_str_has_prefix (message, "Demande exceptionnelle" NNBSP ": durée de prise en charge de 14"));
  g_assert_cmpstr (trj_envelope_page_get_circular_shares (pec), ==, "Part des entrées" NNBSP ": renouvellements 10,0" NBSP "%");

  /* A justification of 1 001 characters is refused in the cell. */
  {
    g_autofree char *text = g_strnfill (1001, 'x');

    g_assert_false (type_cell (grid, 0, TRJ_LINES_COLUMN_EXCEPTION_REASON, text));
    trj_grid_cancel_edit (grid);
  }
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_PUBLIC_QPV, "20"));
  g_assert_true (type_cell (grid, 0, TRJ_LINES_COLUMN_PUBLIC_ZRR, "12,5"));
  /* The picture from the grid's start: the label, then the chosen columns. */
  trj_grid_set_cursor (grid, 0, 0);
  trj_harness_wait_painted (GTK_WIDGET (window));
  trj_grid_set_cursor (grid, 0, (guint) trj_lines_model_find_column (model, TRJ_LINES_COLUMN_PUBLIC_QPV));
  trj_harness_wait_painted (GTK_WIDGET (window));
  save (GTK_WIDGET (window), "lignes-publics-renouvellements.png");
}

/* The grid scrolled to its last column: nothing of the columns out of sight
 * is drawn left of the grid, over the sidebar (the rules between columns at
 * the cursor's row were, one pixel wide each). The window's picture is read
 * back: in the sidebar the grid's first row reads as the blank below it. */
static void
test_scrolled_clip (void)
{
  TrjEnvelopePage *pec = page ("PEC_CIE_TP");
  TrjGrid *grid = trj_envelope_page_get_lines_grid (pec);
  GtkWidget *toplevel = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  graphene_rect_t bounds;
  GtkSnapshot *snapshot;
  int width, height, stride, row_y;

  gtk_widget_grab_focus (GTK_WIDGET (grid));
  trj_grid_set_cursor (grid, 0, trj_grid_model_get_n_columns (trj_grid_get_model (grid)) - 1);
  trj_harness_wait_settled (toplevel);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (grid), toplevel, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >, 100);   /* the sidebar beside the page */

  width = gtk_widget_get_width (toplevel);
  height = gtk_widget_get_height (toplevel);
  paintable = gtk_widget_paintable_new (toplevel);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (toplevel)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  stride = width * 4;
  pixels = g_malloc ((gsize) stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* The first row: under the column titles (about 34 px), 27 px high. */
  for (row_y = (int) bounds.origin.y + 40; row_y < (int) bounds.origin.y + 60; row_y++)
    for (int x = 0; x < (int) bounds.origin.x - 4; x++)
      {
        const guint32 *at = (const guint32 *) (pixels + (gsize) row_y * stride + x * 4);
        const guint32 *blank = (const guint32 *) (pixels + (gsize) (row_y + 120) * stride + x * 4);

        if (*at != *blank)
          g_error ("the grid draws over the sidebar at x = %d, y = %d (%08x, blank %08x)", x, row_y, *at, *blank);
      }
  trj_grid_set_cursor (grid, 0, 0);
}

/* Unchecked: the column goes, from the settings and every page. */
static void
test_hide (void)
{
  TrjEnvelopePage *pec = page ("PEC_CIE_TP");
  g_autoptr(GSettings) settings = trj_settings_new ();

  gtk_check_button_set_active (check_named (pec, "exception_reason"), FALSE);
  trj_harness_flush ();
  g_assert_cmpint (trj_lines_model_find_column (lines_model (pec), TRJ_LINES_COLUMN_EXCEPTION_REASON), ==, -1);
  g_assert_cmpint (trj_lines_model_find_column (lines_model (page ("CIE_JEUNES")), TRJ_LINES_COLUMN_EXCEPTION_REASON),
                   ==, -1);
  {
    g_auto(GStrv) names = g_settings_get_strv (settings, "lines-columns");

    g_assert_false (g_strv_contains ((const char * const *) names, "exception_reason"));
  }
  /* The justification stays on the line. */
  g_assert_nonnull (pec_line ()->exception_reason);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  int status;

  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  screenshots = g_strdup (g_getenv ("TRJ_SCREENSHOTS_DIR"));

  path = trj_harness_new_workbook ("Bretagne");
  file = g_file_new_for_path (path);
  window = trj_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_test_add_func ("/circular-window/column-chooser", test_column_chooser);
  g_test_add_func ("/circular-window/publics", test_publics);
  g_test_add_func ("/circular-window/renewals-exception", test_renewals_and_exception);
  g_test_add_func ("/circular-window/scrolled-clip", test_scrolled_clip);
  g_test_add_func ("/circular-window/hide", test_hide);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_free (screenshots);
  return status;
}
