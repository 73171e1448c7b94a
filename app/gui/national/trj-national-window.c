/* trj-national-window.c — see trj-national-window.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-a11y.h"
#include "trj-format.h"
#include "trj-national-window.h"
#include "trj-programming.h"
#include "trj-workbook.h"
#include "trj-file-chooser.h"

struct _TrjNationalWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  AdwToastOverlay *toasts;
  GtkStack *stack;
  GtkGrid *table;
  /* Column 0 (the regions), outside the table's sideways scrolling; each
   * row's height shared with the table's row by a size group. */
  GtkGrid *heads;
  GPtrArray *row_groups;
  GtkDrawingArea *chart;

  TrjConsolidation *consolidation;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (TrjNationalWindow, trj_national_window, ADW_TYPE_WINDOW)

/* Height of one region's bar in the chart, in pixels. */
#define CHART_ROW_HEIGHT 28

/* Columns of each envelope in the table. */
enum {
  COL_AE_NOTIFIED, COL_AE_TOTAL, COL_AE_MARGIN, COL_CP_MARGIN, COL_VOLUME, COL_CAPACITY,
  COL_AVG_RATE, COL_ALERTS, N_ENV_COLS
};

static const char *const column_titles[N_ENV_COLS] = {
  N_("AE notified"), N_("AE programmed"), N_("AE margin"), N_("CP margin"), N_("Volume"),
  N_("Capacity"), N_("Average rate"), N_("Alerts"),
};

/* Column 0 goes in the frozen column; a row of both keeps one height. */
static void
attach (TrjNationalWindow *self, GtkWidget *widget, int row, int column, int width)
{
  while (self->row_groups->len <= (guint) row)
    g_ptr_array_add (self->row_groups, gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL));
  gtk_size_group_add_widget (self->row_groups->pdata[row], widget);
  if (column == 0)
    gtk_grid_attach (self->heads, widget, 0, row, 1, 1);
  else
    gtk_grid_attach (self->table, widget, column - 1, row, width, 1);
}

static void
put_label (TrjNationalWindow *self, int row, int column, const char *text, gboolean numeric,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  attach (self, label, row, column, 1);
}

static void
put_money (TrjNationalWindow *self, int row, int column, double value, const char *style)
{
  g_autofree char *text = isfinite (value) ? trj_format_money (value) : g_strdup ("—");

  put_label (self, row, column, text, TRUE, value < 0 ? "error" : style);
}

static void
put_count (TrjNationalWindow *self, int row, int column, double value, const char *style)
{
  g_autofree char *text = trj_format_integer (value);

  put_label (self, row, column, text, TRUE, style);
}

/* MODEL 3: a volume in its envelope's unit, ETP with a decimal; FDI has none. */
static void
put_volume (TrjNationalWindow *self, int row, int column, const char *envelope_id, double value,
            const char *style)
{
  const TrjCatalogEnvelope *known = trj_catalog_envelope (envelope_id);
  TrjUnit unit = known != NULL ? known->unit : TRJ_UNIT_CONTRACTS;
  g_autofree char *text = !isfinite (value) || unit == TRJ_UNIT_EUROS ? g_strdup ("—")
                          : unit == TRJ_UNIT_ETP ? trj_format_decimal (value, 1)
                          : trj_format_integer (value);

  put_label (self, row, column, text, TRUE, style);
}

static void
put_percent (TrjNationalWindow *self, int row, int column, double value, const char *style)
{
  g_autofree char *text = isfinite (value) ? trj_format_percent (value, 1) : NULL;

  if (text != NULL)
    put_label (self, row, column, text, TRUE, style);
}

static void
rebuild_table (TrjNationalWindow *self)
{
  const char *const *envelopes = trj_consolidation_get_envelopes (self->consolidation);
  guint n_regions = trj_consolidation_get_n_regions (self->consolidation);
  GtkWidget *child;
  int row;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->heads))) != NULL)
    gtk_grid_remove (self->heads, child);
  g_ptr_array_set_size (self->row_groups, 0);

  put_label (self, 0, 0, "", FALSE, "heading");
  put_label (self, 1, 0, _("Region"), FALSE, "heading");
  for (guint e = 0; envelopes[e] != NULL; e++)
    {
      const TrjCatalogEnvelope *known = trj_catalog_envelope (envelopes[e]);
      /* The unit its volumes and capacity count in (MODEL 3). */
      g_autofree char *text = known != NULL && known->unit != TRJ_UNIT_EUROS
        ? g_strdup_printf (_("%s (%s)"), trj_catalog_envelope_title (envelopes[e]),
                           trj_programming_unit_label (known->unit))
        : g_strdup (trj_catalog_envelope_title (envelopes[e]));
      GtkWidget *title = gtk_label_new (text);

      gtk_widget_add_css_class (title, "heading");
      attach (self, title, 0, 1 + e * N_ENV_COLS, N_ENV_COLS);
      for (int c = 0; c < N_ENV_COLS; c++)
        put_label (self, 1, 1 + e * N_ENV_COLS + c, _(column_titles[c]), TRUE, "caption-heading");
    }

  for (guint r = 0; r < n_regions; r++)
    {
      const TrjConsolidationRegion *region = trj_consolidation_get_region (self->consolidation, r);

      row = 2 + r;
      put_label (self, row, 0, region->scenario->region, FALSE, NULL);
      for (guint e = 0; envelopes[e] != NULL; e++)
        {
          int i = trj_scenario_envelope_index (region->scenario, envelopes[e]);
          const TrjEnvelope *env;
          const TrjEnvelopeResult *er;
          int col = 1 + e * N_ENV_COLS;

          if (i < 0)
            continue;
          env = g_ptr_array_index (region->scenario->envelopes, i);
          er = &region->result->envelopes[i];
          put_money (self, row, col + COL_AE_NOTIFIED, env->ae_notified, NULL);
          put_money (self, row, col + COL_AE_TOTAL, er->f.ae_total, NULL);
          put_money (self, row, col + COL_AE_MARGIN, er->ae_margin, NULL);
          put_money (self, row, col + COL_CP_MARGIN, er->cp_margin, NULL);
          put_volume (self, row, col + COL_VOLUME, envelopes[e], er->f.volume, NULL);
          if (isfinite (er->capacity))
            put_volume (self, row, col + COL_CAPACITY, envelopes[e], er->capacity, NULL);
          put_percent (self, row, col + COL_AVG_RATE, er->avg_rate, NULL);
          put_count (self, row, col + COL_ALERTS, trj_programming_envelope_alerts (region->result, i), NULL);
        }
    }

  row = 2 + n_regions;
  put_label (self, row, 0, _("National total"), FALSE, "heading");
  put_label (self, row + 1, 0, _("National notification"), FALSE, "dim-label");
  for (guint e = 0; envelopes[e] != NULL; e++)
    {
      TrjConsolidationTotals t;
      int col = 1 + e * N_ENV_COLS;

      trj_consolidation_get_totals (self->consolidation, envelopes[e], &t);
      put_money (self, row, col + COL_AE_NOTIFIED, t.ae_notified, "heading");
      put_money (self, row, col + COL_AE_TOTAL, t.ae_total, "heading");
      put_money (self, row, col + COL_AE_MARGIN, t.ae_margin, "heading");
      put_money (self, row, col + COL_CP_MARGIN, t.cp_margin, "heading");
      put_volume (self, row, col + COL_VOLUME, envelopes[e], t.volume, "heading");
      put_volume (self, row, col + COL_CAPACITY, envelopes[e], t.capacity, "heading");
      put_percent (self, row, col + COL_AVG_RATE, t.avg_rate, "heading");
      put_count (self, row, col + COL_ALERTS, t.n_alerts, "heading");
      if (isfinite (t.national_ae))
        put_money (self, row + 1, col + COL_AE_NOTIFIED, t.national_ae, "dim-label");
      if (isfinite (t.national_volume))
        put_volume (self, row + 1, col + COL_VOLUME, envelopes[e], t.national_volume, "dim-label");
    }
}

static void
refresh (TrjNationalWindow *self)
{
  guint n = trj_consolidation_get_n_regions (self->consolidation);
  g_autofree char *subtitle = NULL;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "table" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "national.export", n > 0);
  if (n > 0)
    subtitle = g_strdup_printf (ngettext ("%d — %u region", "%d — %u regions", n),
                                trj_consolidation_get_year (self->consolidation), n);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  rebuild_table (self);
  gtk_drawing_area_set_content_height (self->chart, MAX (n, 1) * CHART_ROW_HEIGHT);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* AE programmed ÷ AE available over all the region's envelopes. */
static double
region_consumption (const TrjConsolidationRegion *region)
{
  double available = 0, programmed = 0;

  for (guint e = 0; e < region->result->n_envelopes; e++)
    {
      available += region->result->envelopes[e].ae_available;
      programmed += region->result->envelopes[e].f.ae_total;
    }
  return available > 0 ? programmed / available : NAN;
}

/* Horizontal bars, one per region, with the 100 % line: over it is an
 * envelope overrun. */
static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  TrjNationalWindow *self = data;
  guint n = trj_consolidation_get_n_regions (self->consolidation);
  const double label_width = 230, right = 70;
  double scale_max = 1.2, bar_height;
  GdkRGBA fg;

  if (n == 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint r = 0; r < n; r++)
    {
      double c = region_consumption (trj_consolidation_get_region (self->consolidation, r));
      if (isfinite (c))
        scale_max = MAX (scale_max, c * 1.05);
    }
  bar_height = (double) height / n;

  for (guint r = 0; r < n; r++)
    {
      const TrjConsolidationRegion *region = trj_consolidation_get_region (self->consolidation, r);
      double c = region_consumption (region);
      double y = r * bar_height;
      double w = isfinite (c) ? (width - label_width - right) * c / scale_max : 0;
      g_autofree char *percent = isfinite (c) ? trj_format_percent (c, 1) : g_strdup ("—");
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), region->scenario->region);
      int text_w, text_h;

      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      cairo_move_to (cr, label_width - 8 - text_w, y + (bar_height - text_h) / 2);
      pango_cairo_show_layout (cr, layout);

      if (isfinite (c) && c > 1)
        cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);   /* overrun */
      else
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, label_width, y + bar_height * 0.15, w, bar_height * 0.7);
      cairo_fill (cr);

      pango_layout_set_text (layout, percent, -1);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, label_width + w + 6, y + (bar_height - text_h) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  /* The envelope: 100 %. */
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, label_width + (width - label_width - right) / scale_max + 0.5, 0);
  cairo_rel_line_to (cr, 0, height);
  cairo_stroke (cr);
}

static gboolean
add_workbook (TrjNationalWindow *self, const char *path, const char *display, GError **error)
{
  g_autoptr(TrjWorkbook) workbook = trj_workbook_open (path, error);
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  if (workbook == NULL)
    return FALSE;
  id = trj_workbook_get_current_scenario (workbook);
  if ((scenario = trj_workbook_get_scenario (workbook, id, error)) == NULL)
    return FALSE;
  name = trj_workbook_get_scenario_name (workbook, id);
  return trj_consolidation_add (self->consolidation, display, scenario, name, error);
}

gboolean
trj_national_window_add_file (TrjNationalWindow *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *display = g_file_get_basename (file);
  gboolean ok;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file"), display);
      return FALSE;
    }
  ok = g_str_has_suffix (path, "." TRJ_WORKBOOK_EXTENSION)
    ? add_workbook (self, path, display, error)
    : trj_consolidation_add_file (self->consolidation, path, error);
  if (ok)
    refresh (self);
  return ok;
}

gboolean
trj_national_window_export (TrjNationalWindow *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The consolidation can only be saved to a local file"));
      return FALSE;
    }
  return trj_consolidation_write_xlsx (self->consolidation, path, error);
}

const TrjConsolidation *
trj_national_window_get_consolidation (TrjNationalWindow *self)
{
  return self->consolidation;
}

const char *
trj_national_window_get_cell_text (TrjNationalWindow *self, guint row, guint column)
{
  GtkWidget *child = column == 0 ? gtk_grid_get_child_at (self->heads, 0, row)
                                  : gtk_grid_get_child_at (self->table, column - 1, row);

  return GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
}

static void
toast_error (TrjNationalWindow *self, const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  /* A refusal stays longer than a confirmation, but goes (a toast that
   * never went hid the window's bottom). */
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* One refused file is said, and the others are still added. */
static void
add_file_or_toast (TrjNationalWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;

  if (!trj_national_window_add_file (self, file, &error))
    toast_error (self, error);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer data)
{
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

  for (GSList *l = files; l != NULL; l = l->next)
    add_file_or_toast (data, l->data);
  g_slist_free (files);
  return TRUE;
}

static void
add_files_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  TrjNationalWindow *self = data;

  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (dialog), response))
    {
      g_autoptr(GListModel) files = trj_file_chooser_get_files (GTK_FILE_CHOOSER_NATIVE (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          add_file_or_toast (self, file);
        }
    }
  g_clear_object (&self->chooser);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  TrjNationalWindow *self = data;

  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (dialog), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (dialog));
      g_autoptr(GError) error = NULL;

      if (!trj_national_window_export (self, file, &error))
        toast_error (self, error);
      else
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("National consolidation saved")));
    }
  g_clear_object (&self->chooser);
}

static void
add_files_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjNationalWindow *self = TRJ_NATIONAL_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Programming files, workbooks and scenarios"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_pattern (filter, "*." TRJ_WORKBOOK_EXTENSION);
  gtk_file_filter_add_pattern (filter, "*.json");
  self->chooser = gtk_file_chooser_native_new (_("Add Regional Files"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (add_files_response_cb), self);
  trj_file_chooser_show (self->chooser);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjNationalWindow *self = TRJ_NATIONAL_WINDOW (widget);
  g_autofree char *name = g_strdup_printf (_("national-consolidation-%d.xlsx"),
                                           trj_consolidation_get_year (self->consolidation));

  self->chooser = gtk_file_chooser_native_new (_("Export the National Consolidation"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  trj_file_chooser_show (self->chooser);
}

TrjNationalWindow *
trj_national_window_new (GtkApplication *application)
{
  return g_object_new (TRJ_TYPE_NATIONAL_WINDOW, "application", application, NULL);
}

static void
trj_national_window_dispose (GObject *object)
{
  TrjNationalWindow *self = TRJ_NATIONAL_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRJ_TYPE_NATIONAL_WINDOW);
  G_OBJECT_CLASS (trj_national_window_parent_class)->dispose (object);
}

static void
trj_national_window_finalize (GObject *object)
{
  TrjNationalWindow *self = TRJ_NATIONAL_WINDOW (object);

  g_clear_pointer (&self->consolidation, trj_consolidation_free);
  g_ptr_array_unref (self->row_groups);
  G_OBJECT_CLASS (trj_national_window_parent_class)->finalize (object);
}

static void
trj_national_window_class_init (TrjNationalWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_national_window_dispose;
  object_class->finalize = trj_national_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/gouv/travail/Trajectoire/trj-national-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjNationalWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrjNationalWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, TrjNationalWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TrjNationalWindow, table);
  gtk_widget_class_bind_template_child (widget_class, TrjNationalWindow, heads);
  gtk_widget_class_bind_template_child (widget_class, TrjNationalWindow, chart);
  gtk_widget_class_install_action (widget_class, "national.add-files", NULL, add_files_activated);
  gtk_widget_class_install_action (widget_class, "national.export", NULL, export_activated);
}

static void
trj_national_window_init (TrjNationalWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->row_groups = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  trj_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  self->consolidation = trj_consolidation_new ();
  /* Files dropped from the file manager are added like chosen ones. */
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  refresh (self);
}
