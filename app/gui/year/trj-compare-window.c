/* trj-compare-window.c — « Comparer des scénarios », see trj-compare-window.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-compare-window.h"
#include "trj-compare-pdf.h"
#include "trj-chart-model.h"
#include "trj-file-chooser.h"

/* ── The table as a read-only grid model ─────────────────────────────── */

#define TRJ_TYPE_COMPARE_MODEL (trj_compare_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjCompareModel, trj_compare_model, TRJ, COMPARE_MODEL, GObject)

struct _TrjCompareModel
{
  GObject parent_instance;

  TrjCompare *compare;      /* owned, may be NULL: no row */
  GPtrArray *titles;        /* char*: the columns' titles */
  GArray *columns;          /* TrjGridColumn */
};

static void trj_compare_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjCompareModel, trj_compare_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_compare_model_grid_init))

static guint
model_n_rows (TrjGridModel *model)
{
  TrjCompareModel *self = TRJ_COMPARE_MODEL (model);

  return self->compare != NULL ? self->compare->rows->len : 0;
}

static guint
model_n_columns (TrjGridModel *model)
{
  return TRJ_COMPARE_MODEL (model)->columns->len;
}

static const TrjGridColumn *
model_column (TrjGridModel *model, guint column)
{
  return &g_array_index (TRJ_COMPARE_MODEL (model)->columns, TrjGridColumn, column);
}

static char *
model_text (TrjGridModel *model, guint r, guint column)
{
  TrjCompareModel *self = TRJ_COMPARE_MODEL (model);
  const TrjCompareRow *row = g_ptr_array_index (self->compare->rows, r);

  if (column == 0)
    switch (row->kind)
      {
      /* The table's levels, said by the text too. */
      case TRJ_COMPARE_ROW_ENVELOPE: return g_strdup_printf ("■ %s", row->label);
      case TRJ_COMPARE_ROW_LINE:     return g_strdup_printf ("    ● %s", row->label);
      case TRJ_COMPARE_ROW_VALUE:
      default:                       return g_strdup_printf ("          %s", row->label);
      }
  return g_strdup (row->texts[column - 1]);
}

/* A change is an alert-styled cell whose text says it (« ancien → nouveau »,
 * « ligne ajoutée »), the tooltip naming the reference. */
static TrjGridAlert
model_alert (TrjGridModel *model, guint r, guint column, char **tooltip)
{
  TrjCompareModel *self = TRJ_COMPARE_MODEL (model);
  const TrjCompareRow *row = g_ptr_array_index (self->compare->rows, r);
  guint i = column - 1;

  if (column == 0)
    return TRJ_GRID_ALERT_NONE;
  if (row->marks[i] == TRJ_COMPARE_SAME)
    {
      if (row->details != NULL && row->details[i] != NULL && *row->details[i] != '\0' && tooltip != NULL)
        *tooltip = g_strdup (row->details[i]);
      return TRJ_GRID_ALERT_NONE;
    }
  if (tooltip != NULL)
    {
      const char *what = row->marks[i] == TRJ_COMPARE_ADDED ? _("Not in the reference")
                       : row->marks[i] == TRJ_COMPARE_REMOVED ? _("Not in this scenario")
                       : _("Changed from the reference");
      const char *detail = row->details != NULL && row->details[i] != NULL ? row->details[i] : "";

      /* TRANSLATORS: tooltip of a change: what, the reference's name, the alerts */
      *tooltip = g_strdup_printf (_("%s (“%s”)%s%s"), what, self->compare->names[0],
                                  *detail ? "\n" : "", detail);
    }
  return TRJ_GRID_ALERT_WARNING;
}

static gboolean
model_editable (TrjGridModel *model, guint row, guint column)
{
  return FALSE;
}

static gboolean
model_set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                       _("The comparison is read only: change the scenario itself."));
  return FALSE;
}

static void
trj_compare_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = model_n_rows;
  iface->get_n_columns = model_n_columns;
  iface->get_column = model_column;
  iface->get_text = model_text;
  iface->get_alert = model_alert;
  iface->is_editable = model_editable;
  iface->set_cell = model_set_cell;
}

static void
trj_compare_model_finalize (GObject *object)
{
  TrjCompareModel *self = TRJ_COMPARE_MODEL (object);

  g_clear_pointer (&self->compare, trj_compare_free);
  g_ptr_array_unref (self->titles);
  g_array_unref (self->columns);
  G_OBJECT_CLASS (trj_compare_model_parent_class)->finalize (object);
}

static void
trj_compare_model_class_init (TrjCompareModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trj_compare_model_finalize;
}

static void
trj_compare_model_init (TrjCompareModel *self)
{
  self->titles = g_ptr_array_new_with_free_func (g_free);
  self->columns = g_array_new (FALSE, TRUE, sizeof (TrjGridColumn));
}

/* Takes compare (may be NULL). */
static TrjCompareModel *
trj_compare_model_new (TrjCompare *compare)
{
  TrjCompareModel *self = g_object_new (TRJ_TYPE_COMPARE_MODEL, NULL);
  TrjGridColumn label = { NULL, 40, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, FALSE, 0, 0, NULL, TRUE };

  self->compare = compare;
  g_ptr_array_add (self->titles, g_strdup (_("Envelope / line / figure")));
  label.title = g_ptr_array_index (self->titles, 0);
  g_array_append_val (self->columns, label);
  for (guint i = 0; compare != NULL && i < compare->n_scenarios; i++)
    {
      TrjGridColumn column = { NULL, 22, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_TEXT, FALSE, 0, 0, NULL, FALSE };

      /* TRANSLATORS: the reference's column title in the comparison */
      g_ptr_array_add (self->titles, i == 0 ? g_strdup_printf (_("%s (reference)"), compare->names[0])
                                            : g_strdup (compare->names[i]));
      column.title = g_ptr_array_index (self->titles, i + 1);
      g_array_append_val (self->columns, column);
    }
  return self;
}

/* ── The window ──────────────────────────────────────────────────────── */

struct _TrjCompareWindow
{
  AdwWindow parent_instance;

  TrjDocument *document;
  AdwToastOverlay *toasts;
  GtkDropDown *reference;
  GtkStringList *reference_names;
  GtkBox *checks_box;
  GPtrArray *checks;            /* GtkCheckButton*, one per scenario */
  GArray *ids;                  /* gint64: the scenarios in list order */
  GtkLabel *status;
  TrjGrid *grid;
  TrjChartView *chart;
  GtkLabel *chart_title;
  TrjCompareModel *model;
  char *chart_envelope;
  gboolean building;            /* the choices are being rebuilt: no recompute */
};

G_DEFINE_FINAL_TYPE (TrjCompareWindow, trj_compare_window, ADW_TYPE_WINDOW)

static void
toast (TrjCompareWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* The chart of the envelope under the cursor. */
static void
update_chart (TrjCompareWindow *self, gboolean force)
{
  const TrjCompare *cmp = self->model != NULL ? self->model->compare : NULL;
  const char *envelope = NULL;
  guint row = 0, column = 0;
  g_autofree TrjChartSource *sources = NULL;
  g_autoptr(TrjChartModel) model = NULL;
  TrjChartRequest request = { TRJ_CHART_OVERLAY, NULL, TRJ_CHART_BY_DEPARTEMENT, NULL };

  if (cmp == NULL || cmp->rows->len == 0)
    {
      trj_chart_view_set_model (self->chart, NULL);
      g_clear_pointer (&self->chart_envelope, g_free);
      return;
    }
  trj_grid_get_cursor (self->grid, &row, &column);
  envelope = ((TrjCompareRow *) g_ptr_array_index (cmp->rows, MIN (row, cmp->rows->len - 1)))->envelope;
  if (!force && g_strcmp0 (envelope, self->chart_envelope) == 0)
    return;
  g_free (self->chart_envelope);
  self->chart_envelope = g_strdup (envelope);
  sources = g_new0 (TrjChartSource, cmp->n_scenarios);
  for (guint i = 0; i < cmp->n_scenarios; i++)
    sources[i] = (TrjChartSource) { cmp->scenarios[i], cmp->results[i], cmp->names[i] };
  request.envelope_id = envelope;
  model = trj_chart_model_build (&request, sources, cmp->n_scenarios, NULL);
  /* An envelope missing from a scenario has no overlay: the region's then. */
  if (model == NULL)
    {
      request.envelope_id = NULL;
      model = trj_chart_model_build (&request, sources, cmp->n_scenarios, NULL);
    }
  trj_chart_view_set_model (self->chart, g_steal_pointer (&model));
}

static void
selection_changed_cb (TrjGrid *grid, TrjCompareWindow *self)
{
  update_chart (self, FALSE);
}

/* The reference and the checked scenarios compared anew. */
static void
recompute (TrjCompareWindow *self)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  guint ref = gtk_drop_down_get_selected (self->reference);
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) trj_scenario_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  TrjCompare *cmp = NULL;
  g_autofree char *status = NULL;
  guint row = 0, column = 0;

  if (self->building)
    return;
  for (guint pass = 0; pass < 2 && ref < self->ids->len; pass++)
    for (guint i = 0; i < self->ids->len; i++)
      {
        gint64 id = g_array_index (self->ids, gint64, i);
        gboolean wanted = pass == 0 ? i == ref
                                    : i != ref && gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
        TrjScenario *s;

        if (!wanted)
          continue;
        if ((s = trj_workbook_get_scenario (wb, id, &error)) == NULL)
          break;
        g_ptr_array_add (scenarios, s);
        g_ptr_array_add (names, trj_workbook_get_scenario_name (wb, id));
      }
  for (guint i = 0; i < self->checks->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->checks, i), i != ref);

  if (error == NULL && scenarios->len >= 2)
    cmp = trj_compare_new ((const TrjScenario * const *) scenarios->pdata,
                           (const char * const *) names->pdata, scenarios->len, &error);
  if (error != NULL)
    status = g_strdup (error->message);
  else if (cmp == NULL)
    status = g_strdup (_("Tick at least one scenario to compare with the reference."));
  else if (cmp->n_changes == 0)
    status = g_strdup (_("No difference with the reference."));
  else
    /* TRANSLATORS: the comparison's status line */
    status = g_strdup_printf (ngettext ("%u change from the reference, written “old → new”.",
                                        "%u changes from the reference, written “old → new”.",
                                        cmp->n_changes), cmp->n_changes);
  gtk_label_set_text (self->status, status);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-xlsx", cmp != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-pdf", cmp != NULL);

  trj_grid_get_cursor (self->grid, &row, &column);
  g_clear_object (&self->model);
  self->model = trj_compare_model_new (cmp);
  trj_grid_set_model (self->grid, TRJ_GRID_MODEL (self->model));
  if (cmp != NULL && cmp->rows->len > 0)
    trj_grid_set_cursor (self->grid, MIN (row, cmp->rows->len - 1),
                         MIN (column, self->model->columns->len - 1));
  update_chart (self, TRUE);
}

static void
choice_changed_cb (GObject *object, GParamSpec *pspec, TrjCompareWindow *self)
{
  recompute (self);
}

static void
check_toggled_cb (GtkCheckButton *check, TrjCompareWindow *self)
{
  recompute (self);
}

/* The scenarios of the workbook as choices, keeping what was chosen. */
static void
rebuild_choices (TrjCompareWindow *self)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GPtrArray) list = trj_workbook_list_scenarios (wb);
  g_autoptr(GArray) old_ids = self->ids;
  g_autoptr(GArray) checked = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 ref_id = 0, current = trj_document_get_scenario_id (self->document);
  gint64 last_sent = trj_workbook_get_last_sent (wb);
  gboolean first_time = old_ids == NULL;
  guint ref = 0;

  if (!first_time)
    {
      guint sel = gtk_drop_down_get_selected (self->reference);

      if (sel < old_ids->len)
        ref_id = g_array_index (old_ids, gint64, sel);
      for (guint i = 0; i < old_ids->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
          g_array_append_val (checked, g_array_index (old_ids, gint64, i));
    }
  else
    {
      /* The last version sent against the scenario shown, else the one shown
       * against the next. */
      ref_id = last_sent != 0 && last_sent != current ? last_sent : current;
    }

  self->building = TRUE;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->checks->len; i++)
    gtk_box_remove (self->checks_box, g_ptr_array_index (self->checks, i));
  g_ptr_array_set_size (self->checks, 0);
  gtk_string_list_splice (self->reference_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->reference_names)), NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const TrjScenarioInfo *info = g_ptr_array_index (list, i);
      g_autoptr(TrjSentVersion) sent = trj_workbook_get_sent (wb, info->id, NULL);
      g_autofree char *title = NULL;
      GtkWidget *check;
      gboolean active = FALSE;

      if (sent != NULL && strlen (sent->date) == 10)
        {
          g_autofree char *day = g_strdup_printf ("%.2s/%.2s/%.4s", sent->date + 8, sent->date + 5, sent->date);
          /* TRANSLATORS: a scenario sent, in the comparison's choices: name, date DD/MM/YYYY */
          title = g_strdup_printf (_("%s (sent on %s)"), info->name, day);
        }
      else
        title = g_strdup (info->name);
      g_array_append_val (self->ids, info->id);
      gtk_string_list_append (self->reference_names, title);
      if (info->id == ref_id)
        ref = i;
      check = gtk_check_button_new_with_label (title);
      if (first_time)
        active = ref_id != current ? info->id == current : FALSE;
      else
        for (guint k = 0; k < checked->len; k++)
          active = active || g_array_index (checked, gint64, k) == info->id;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_box_append (self->checks_box, check);
      g_ptr_array_add (self->checks, check);
    }
  /* The scenario shown is the reference: the next one (or the previous) is compared. */
  if (first_time && ref_id == current && list->len >= 2)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, ref + 1 < list->len ? ref + 1 : ref - 1), TRUE);
  gtk_drop_down_set_selected (self->reference, ref);
  self->building = FALSE;
  recompute (self);
}

static void
document_updated_cb (TrjCompareWindow *self)
{
  rebuild_choices (self);
}

/* ── Exports ─────────────────────────────────────────────────────────── */

gboolean
trj_compare_window_write_xlsx (TrjCompareWindow *self, const char *path, GError **error)
{
  g_return_val_if_fail (TRJ_IS_COMPARE_WINDOW (self), FALSE);
  if (self->model == NULL || self->model->compare == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing to compare"));
      return FALSE;
    }
  return trj_compare_write_xlsx (self->model->compare, path, error);
}

gboolean
trj_compare_window_write_pdf (TrjCompareWindow *self, const char *path, GError **error)
{
  g_return_val_if_fail (TRJ_IS_COMPARE_WINDOW (self), FALSE);
  if (self->model == NULL || self->model->compare == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing to compare"));
      return FALSE;
    }
  return trj_compare_write_pdf (self->model->compare, NULL, path, error);
}

static void
export_response_cb (GtkNativeDialog *native, int response, TrjCompareWindow *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "trj-pdf"));

  if (trj_file_chooser_accepted (GTK_FILE_CHOOSER_NATIVE (native), response))
    {
      g_autoptr(GFile) file = trj_file_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean ok = path != NULL && (pdf ? trj_compare_window_write_pdf (self, path, &error)
                                         : trj_compare_window_write_xlsx (self, path, &error));

      if (ok)
        toast (self, pdf ? _("Comparison exported as PDF") : _("Comparison exported as a spreadsheet"));
      else
        toast (self, error != NULL ? error->message : _("The file can only be saved to a local file"));
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjCompareWindow *self = TRJ_COMPARE_WINDOW (widget);
  gboolean pdf = g_str_equal (action_name, "compare.export-pdf");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  /* TRANSLATORS: suggested file name; %s is the region, %d the year, then the extension */
  name = g_strdup_printf (_("comparison %s %d.%s"), scenario->region, scenario->year, pdf ? "pdf" : "xlsx");
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Spreadsheets (.xlsx)"));
  gtk_file_filter_add_pattern (filter, pdf ? "*.pdf" : "*.xlsx");
  native = gtk_file_chooser_native_new (pdf ? _("Export the Comparison as PDF")
                                            : _("Export the Comparison as a Spreadsheet"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data (G_OBJECT (native), "trj-pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  trj_file_chooser_show (native);
}

/* ── Accessors ───────────────────────────────────────────────────────── */

GtkDropDown *
trj_compare_window_get_reference (TrjCompareWindow *self)
{
  return self->reference;
}

guint
trj_compare_window_get_n_choices (TrjCompareWindow *self)
{
  return self->checks->len;
}

GtkCheckButton *
trj_compare_window_get_check (TrjCompareWindow *self, guint i)
{
  g_return_val_if_fail (i < self->checks->len, NULL);
  return g_ptr_array_index (self->checks, i);
}

TrjGrid *
trj_compare_window_get_grid (TrjCompareWindow *self)
{
  return self->grid;
}

TrjChartView *
trj_compare_window_get_chart (TrjCompareWindow *self)
{
  return self->chart;
}

const char *
trj_compare_window_get_status (TrjCompareWindow *self)
{
  return gtk_label_get_text (self->status);
}

const TrjCompare *
trj_compare_window_get_compare (TrjCompareWindow *self)
{
  return self->model != NULL ? self->model->compare : NULL;
}

/* ── Life ────────────────────────────────────────────────────────────── */

static void
trj_compare_window_dispose (GObject *object)
{
  TrjCompareWindow *self = TRJ_COMPARE_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (trj_compare_window_parent_class)->dispose (object);
}

static void
trj_compare_window_finalize (GObject *object)
{
  TrjCompareWindow *self = TRJ_COMPARE_WINDOW (object);

  g_ptr_array_unref (self->checks);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->chart_envelope);
  G_OBJECT_CLASS (trj_compare_window_parent_class)->finalize (object);
}

static void
trj_compare_window_class_init (TrjCompareWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_compare_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = trj_compare_window_finalize;
  gtk_widget_class_install_action (widget_class, "compare.export-xlsx", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "compare.export-pdf", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static GtkWidget *
mnemonic_label (const char *text, GtkWidget *target)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
trj_compare_window_init (TrjCompareWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *button, *side, *scroller, *w;

  self->checks = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Compare Scenarios"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 760);

  button = gtk_button_new_with_mnemonic (_("Export as _Spreadsheet…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.export-xlsx");
  gtk_widget_set_tooltip_text (button, _("The table in an .xlsx file, the changes written “old → new”"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  button = gtk_button_new_with_mnemonic (_("Export as _PDF…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.export-pdf");
  gtk_widget_set_tooltip_text (button, _("The overlay charts and the table, A4 landscape"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);

  /* Left: what is compared. */
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (side, 12);
  gtk_widget_set_margin_end (side, 12);
  gtk_widget_set_margin_top (side, 12);
  gtk_widget_set_margin_bottom (side, 12);
  gtk_widget_set_size_request (side, 340, -1);
  gtk_widget_set_hexpand (side, FALSE);
  self->reference_names = gtk_string_list_new (NULL);
  self->reference = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->reference_names), NULL));
  gtk_box_append (GTK_BOX (side), mnemonic_label (_("_Reference"), GTK_WIDGET (self->reference)));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->reference));
  g_signal_connect (self->reference, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  self->checks_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  w = gtk_label_new (_("Compared with"));
  gtk_label_set_xalign (GTK_LABEL (w), 0);
  gtk_widget_add_css_class (w, "heading");
  gtk_widget_set_margin_top (w, 12);
  gtk_box_append (GTK_BOX (side), w);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->checks_box),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, w, NULL, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->checks_box));
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_box_append (GTK_BOX (side), scroller);

  /* The overlay chart, beside the table, under what is compared. */
  self->chart = TRJ_CHART_VIEW (trj_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), 340, 300);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->chart), 12);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->chart));

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_max_width_chars (self->status, 40);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes"), -1);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->status));

  /* The table takes the rest. */
  self->grid = TRJ_GRID (trj_grid_new ());
  trj_grid_set_escape_closes (self->grid, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->grid), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comparison table"), -1);
  g_signal_connect (self->grid, "selection-changed", G_CALLBACK (selection_changed_cb), self);

  w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  /* The column beside the table keeps its width; the table takes the rest. */
  {
    GtkWidget *clamp = adw_clamp_new ();

    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 360);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 360);
    adw_clamp_set_child (ADW_CLAMP (clamp), side);
    gtk_widget_set_hexpand (clamp, FALSE);
    gtk_box_append (GTK_BOX (w), clamp);
  }
  gtk_box_append (GTK_BOX (w), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (w), GTK_WIDGET (self->grid));
  gtk_widget_set_vexpand (w, TRUE);
  gtk_box_append (GTK_BOX (box), w);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

TrjCompareWindow *
trj_compare_window_new (GtkWindow *parent, TrjDocument *document)
{
  TrjCompareWindow *self = g_object_new (TRJ_TYPE_COMPARE_WINDOW, "transient-for", parent, NULL);

  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "updated", G_CALLBACK (document_updated_cb), self);
  rebuild_choices (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
  return self;
}
