/* test-charts-ui.c — the « Graphiques » page, the chart view and the
 * presentation window on a real Bretagne 2024 workbook.
 *
 * With TRJ_CHART_SCREENSHOTS=<folder> in the environment, also saves the page
 * and the presentation window as PNG there (tests/screenshots/ in the tree).
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-ui-harness.h"
#include "trj-charts-page.h"
#include "trj-presentation-window.h"
#include "trj-report-print.h"

static TrjApplication *app;

typedef struct {
  TrjWorkbook *workbook;
  TrjDocument *document;
  GtkWindow *window;
  TrjChartsPage *page;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GError) error = NULL;

  f->workbook = trj_workbook_open (path, &error);
  g_assert_no_error (error);
  f->document = trj_document_new (f->workbook);
  f->page = trj_charts_page_new (f->document);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 640);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  trj_harness_present (f->window);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  trj_harness_flush ();
  g_object_unref (f->document);
  trj_workbook_close (f->workbook);
  g_object_unref (f->workbook);
}

static void
screenshot (GtkWidget *toplevel, const char *name)
{
  const char *dir = g_getenv ("TRJ_CHART_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  trj_harness_wait_painted (toplevel);
  g_assert_true (trj_harness_save_png (toplevel, path, &error));
  g_assert_no_error (error);
}

static const TrjChartRefLine *
ref_line (const TrjChartModel *model, guint i)
{
  g_assert_cmpuint (i, <, model->ref_lines->len);
  return g_ptr_array_index (model->ref_lines, i);
}

/* The page follows the envelope picked and every edit of the workbook. */
static void
test_page_live (Fixture *f, gconstpointer data)
{
  TrjChartView *view = trj_charts_page_get_view (f->page);
  const TrjChartModel *model = trj_chart_view_get_model (view);
  g_autofree char *pec_title = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (model);
  g_assert_cmpint (model->kind, ==, TRJ_CHART_TRAJECTORY);
  g_assert_null (trj_charts_page_get_envelope (f->page));
  /* The region: 6 813 468 € + 2 214 318 € notified. */
  g_assert_cmpfloat (ref_line (model, 0)->value, ==, 6813468.0 + 2214318.0);

  trj_charts_page_set_envelope (f->page, "PEC_CIE_TP");
  model = trj_chart_view_get_model (view);
  pec_title = g_strdup_printf ("— %s", trj_chart_envelope_title ("PEC_CIE_TP"));
  g_assert_true (g_str_has_suffix (model->title, pec_title));
  g_assert_cmpfloat (ref_line (model, 0)->value, ==, 6813468.0);

  /* An edit: the notified AE becomes 7 000 000 €; the chart shows it at once. */
  g_assert_true (trj_workbook_set_envelope_number (f->workbook, trj_document_get_scenario_id (f->document),
                                                   "PEC_CIE_TP", TRJ_ENVELOPE_FIELD_AE_NOTIFIED, 7e6, &error));
  g_assert_no_error (error);
  trj_harness_flush ();
  model = trj_chart_view_get_model (view);
  g_assert_cmpfloat (ref_line (model, 0)->value, ==, 7e6);
  g_assert_cmpstr (trj_charts_page_get_envelope (f->page), ==, "PEC_CIE_TP");

  trj_charts_page_set_kind (f->page, TRJ_CHART_MONTHLY);
  g_assert_cmpint (trj_chart_view_get_model (view)->kind, ==, TRJ_CHART_MONTHLY);
  trj_charts_page_set_kind (f->page, TRJ_CHART_TRAJECTORY);
  screenshot (GTK_WIDGET (f->window), "charts-page.png");
}

/* The pointer over a point highlights it; the tooltip text is its exact value. */
static void
test_hover (Fixture *f, gconstpointer data)
{
  TrjChartView *view = trj_charts_page_get_view (f->page);
  const TrjChartLayout *layout;
  const TrjChartTarget *target = NULL;
  g_autofree char *tip = NULL;
  TrjChartHover hover;

  trj_charts_page_set_envelope (f->page, "PEC_CIE_TP");
  trj_harness_wait_painted (GTK_WIDGET (f->window));
  layout = trj_chart_view_get_layout (view);
  g_assert_cmpuint (layout->targets->len, ==, 24);
  for (guint i = 0; i < layout->targets->len; i++)
    {
      const TrjChartTarget *t = &g_array_index (layout->targets, TrjChartTarget, i);

      if (t->item.series == 0 && t->item.index == 11)
        target = t;
    }
  g_assert_nonnull (target);
  trj_chart_view_hover_at (view, target->x, target->y);
  g_assert_true (trj_chart_view_get_hover (view, &hover));
  g_assert_cmpuint (hover.series, ==, 0);
  g_assert_cmpuint (hover.index, ==, 11);
  tip = trj_chart_model_describe_point (trj_chart_view_get_model (view), hover.series, hover.index);
  g_assert_nonnull (strstr (tip, "décembre 2024"));
  /* The arrow keys walk the points: none after December; November; its CP. */
  g_assert_false (trj_chart_view_move_hover (view, 1, 0));
  g_assert_true (trj_chart_view_move_hover (view, -1, 0));
  g_assert_true (trj_chart_view_get_hover (view, &hover));
  g_assert_cmpuint (hover.index, ==, 10);
  g_assert_true (trj_chart_view_move_hover (view, 0, 1));
  g_assert_true (trj_chart_view_get_hover (view, &hover));
  g_assert_cmpuint (hover.series, ==, 1);
  g_assert_cmpuint (hover.index, ==, 10);
  g_assert_false (trj_chart_view_move_hover (view, 0, 1));

  trj_chart_view_hover_at (view, 1, 1);
  g_assert_false (trj_chart_view_get_hover (view, &hover));
}

/* Colours come from the theme: Adwaita's accent for AE, and the dark style. */
static void
test_theme (Fixture *f, gconstpointer data)
{
  TrjChartView *view = trj_charts_page_get_view (f->page);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TrjChartStyle style;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  trj_harness_wait_painted (GTK_WIDGET (f->window));
  trj_chart_view_get_style (view, &style);
  g_assert_false (style.dark);
  /* @accent_color of Adwaita 1.2: #1c71d8 in the light style… */
  g_assert_cmpfloat (fabs (style.series[TRJ_CHART_COLOR_AE].red - 0x1c / 255.0), <, 0.01);
  g_assert_cmpfloat (fabs (style.series[TRJ_CHART_COLOR_AE].green - 0x71 / 255.0), <, 0.01);
  g_assert_cmpfloat (fabs (style.series[TRJ_CHART_COLOR_AE].blue - 0xd8 / 255.0), <, 0.01);
  g_assert_cmpfloat (style.background.red, >, 0.9);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  trj_harness_wait_painted (GTK_WIDGET (f->window));
  trj_chart_view_get_style (view, &style);
  g_assert_true (style.dark);
  /* …#78aeed in the dark one. */
  g_assert_cmpfloat (fabs (style.series[TRJ_CHART_COLOR_AE].red - 0x78 / 255.0), <, 0.01);
  g_assert_cmpfloat (fabs (style.series[TRJ_CHART_COLOR_AE].blue - 0xed / 255.0), <, 0.01);
  g_assert_cmpfloat (style.background.red, <, 0.3);
  g_assert_cmpfloat (style.foreground.red, >, 0.8);
  screenshot (GTK_WIDGET (f->window), "charts-page-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* Printing draws the report's pages: exported through the print operation
 * itself, 8 pages of A4 landscape. */
static void
test_print (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  TrjReport *report = trj_report_new (trj_document_get_scenario (f->document), "Scénario initial", NULL, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trj-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rapport.pdf", NULL);
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = NULL;
  int status;

  g_assert_no_error (error);
  operation = trj_report_print_operation_new (report, "Bretagne");
  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, f->window, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &info, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_regex_match_simple ("^Pages:\\s+8$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size:\\s+841.89 x 595.2\\d* pts", info, G_REGEX_MULTILINE, 0));
  g_unlink (path);
  g_rmdir (dir);
}

/* F5's window: arrows move between charts and envelopes, Escape leaves. */
static void
test_presentation (Fixture *f, gconstpointer data)
{
  GtkWindow *window;
  TrjPresentationWindow *presentation;
  TrjChartView *view;

  trj_charts_page_set_envelope (f->page, "PEC_CIE_TP");
  window = trj_charts_page_present (f->page);
  presentation = TRJ_PRESENTATION_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  view = trj_presentation_window_get_view (presentation);
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_assert_cmpstr (trj_presentation_window_get_envelope (presentation), ==, "PEC_CIE_TP");
  g_assert_cmpint (trj_presentation_window_get_kind (presentation), ==, TRJ_CHART_TRAJECTORY);
  screenshot (GTK_WIDGET (window), "presentation.png");

  g_assert_true (trj_presentation_window_handle_key (presentation, GDK_KEY_Right));
  g_assert_cmpint (trj_presentation_window_get_kind (presentation), ==, TRJ_CHART_MONTHLY);
  g_assert_cmpint (trj_chart_view_get_model (view)->kind, ==, TRJ_CHART_MONTHLY);
  g_assert_true (trj_presentation_window_handle_key (presentation, GDK_KEY_Down));
  g_assert_cmpstr (trj_presentation_window_get_envelope (presentation), ==, "CIE_JEUNES");
  g_assert_cmpint (trj_presentation_window_get_kind (presentation), ==, TRJ_CHART_MONTHLY);
  /* Then IAE, EA and GEIQ, and Down past the last envelope comes back to the region. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (trj_presentation_window_handle_key (presentation, GDK_KEY_Down));
  g_assert_cmpstr (trj_presentation_window_get_envelope (presentation), ==, "GEIQ");
  g_assert_true (trj_presentation_window_handle_key (presentation, GDK_KEY_Down));
  g_assert_null (trj_presentation_window_get_envelope (presentation));
  /* The region has no parameters chart: Right from the breakdown skips it… */
  g_assert_true (trj_presentation_window_handle_key (presentation, GDK_KEY_Right));
  g_assert_cmpint (trj_presentation_window_get_kind (presentation), ==, TRJ_CHART_BREAKDOWN);
  g_assert_true (trj_presentation_window_handle_key (presentation, GDK_KEY_Right));
  /* …and, with one scenario, no comparison either: back to the trajectory. */
  g_assert_cmpint (trj_presentation_window_get_kind (presentation), ==, TRJ_CHART_TRAJECTORY);
  g_assert_false (trj_presentation_window_handle_key (presentation, GDK_KEY_a));

  g_assert_true (trj_presentation_window_handle_key (presentation, GDK_KEY_Escape));
  trj_harness_flush ();
  g_assert_null (window);
}

/* The first label under `widget` with a text: in the presentation window,
 * the key hint (found by what it is, not by its style class). */
static GtkLabel *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* The size the label's text is laid out at, in points (96 dpi: a CSS px
 * is 0,75 pt), as Pango has it after the style was applied. */
static double
label_points (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  PangoContext *context = pango_layout_get_context (layout);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

  return pango_font_description_get_size_is_absolute (font) ? size * 72.0 / 96.0 : size;
}

/* Issue 19: the presentation mode's key hint is large text (18 pt, the
 * `trj-presentation-hint` rule of ui/style.css), read from across a room;
 * measured on the real label, and shown to fall back to the body size
 * (about 11 pt) without the class. */
static void
test_presentation_hint (Fixture *f, gconstpointer data)
{
  GtkWindow *window;
  GtkLabel *hint;
  PangoRectangle ink, logical;

  trj_charts_page_set_envelope (f->page, "PEC_CIE_TP");
  window = trj_charts_page_present (f->page);
  gtk_window_unfullscreen (window);
  trj_harness_wait_painted (GTK_WIDGET (window));
  hint = first_label (GTK_WIDGET (window));
  g_assert_nonnull (hint);
  g_assert_nonnull (strstr (gtk_label_get_text (hint), "Échap"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hint)));

  g_test_message ("hint: %.1f pt, %d px high", label_points (hint), gtk_widget_get_height (GTK_WIDGET (hint)));
  g_assert_cmpfloat (label_points (hint), >=, 18.0);
  /* What is drawn: a line of 18 pt is 24 px of font, more with its leading. */
  pango_layout_get_pixel_extents (gtk_label_get_layout (hint), &ink, &logical);
  g_assert_cmpint (logical.height, >=, 24);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (hint)), >=, 24);

  /* Without its class the hint is body text: this test would see it. */
  gtk_widget_remove_css_class (GTK_WIDGET (hint), "trj-presentation-hint");
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_test_message ("without the class: %.1f pt", label_points (hint));
  g_assert_cmpfloat (label_points (hint), <, 14.0);
  pango_layout_get_pixel_extents (gtk_label_get_layout (hint), &ink, &logical);
  g_assert_cmpint (logical.height, <, 24);
  gtk_widget_add_css_class (GTK_WIDGET (hint), "trj-presentation-hint");
  trj_harness_wait_painted (GTK_WIDGET (window));
  g_assert_cmpfloat (label_points (hint), >=, 18.0);
  gtk_window_destroy (window);
}

/* In the main window: « Graphiques » in the sidebar, win.show-charts opens it
 * on the envelope being edited, F5's win.present starts from the chart shown. */
static void
test_window (void)
{
  g_autofree char *path = trj_harness_new_workbook ("Bretagne");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrjWindow *window = trj_window_new (GTK_APPLICATION (app));
  GtkWidget *page;
  GtkWindow *presentation = NULL;
  GList *toplevels;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  trj_harness_present (GTK_WINDOW (window));
  g_assert_true (trj_window_open_file (window, file));
  trj_window_show_envelope (window, "CIE_JEUNES");
  trj_harness_wait_painted (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-charts", NULL));
  trj_harness_wait_painted (GTK_WIDGET (window));
  page = trj_window_get_page (window, TRJ_CHARTS_PAGE_NAME);
  g_assert_true (TRJ_IS_CHARTS_PAGE (page));
  g_assert_true (trj_window_get_visible_page (window) == page || gtk_widget_get_mapped (page));
  g_assert_cmpstr (trj_charts_page_get_envelope (TRJ_CHARTS_PAGE (page)), ==, "CIE_JEUNES");
  trj_charts_page_set_kind (TRJ_CHARTS_PAGE (page), TRJ_CHART_MONTHLY);
  /* The sidebar's stack crossfades between pages: until it has ended. */
  trj_harness_wait_stack (GTK_STACK (gtk_widget_get_parent (page)));
  screenshot (GTK_WIDGET (window), "window-charts.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  trj_harness_flush ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (TRJ_IS_PRESENTATION_WINDOW (l->data))
      presentation = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (presentation);
  g_assert_cmpstr (trj_presentation_window_get_envelope (TRJ_PRESENTATION_WINDOW (presentation)), ==, "CIE_JEUNES");
  g_assert_cmpint (trj_presentation_window_get_kind (TRJ_PRESENTATION_WINDOW (presentation)), ==, TRJ_CHART_MONTHLY);
  g_assert_true (trj_presentation_window_handle_key (TRJ_PRESENTATION_WINDOW (presentation), GDK_KEY_Escape));
  trj_harness_flush ();
  gtk_window_destroy (GTK_WINDOW (window));
  trj_harness_flush ();
}

int
main (int argc, char **argv)
{
  app = trj_harness_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/charts-ui/page-live", Fixture, NULL, fixture_setup, test_page_live, fixture_teardown);
  g_test_add ("/charts-ui/hover", Fixture, NULL, fixture_setup, test_hover, fixture_teardown);
  g_test_add ("/charts-ui/theme", Fixture, NULL, fixture_setup, test_theme, fixture_teardown);
  g_test_add ("/charts-ui/print", Fixture, NULL, fixture_setup, test_print, fixture_teardown);
  g_test_add ("/charts-ui/presentation", Fixture, NULL, fixture_setup, test_presentation, fixture_teardown);
  g_test_add ("/charts-ui/presentation-hint", Fixture, NULL, fixture_setup, test_presentation_hint,
              fixture_teardown);
  g_test_add_func ("/charts-ui/window", test_window);
  return g_test_run ();
}
