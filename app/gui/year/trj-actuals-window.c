/* trj-actuals-window.c — « Saisir le réalisé », see trj-actuals-window.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-actuals-window.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-year.h"

/* ── The model ───────────────────────────────────────────────────────── */

#define TRJ_TYPE_ACTUALS_MODEL (trj_actuals_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjActualsModel, trj_actuals_model, TRJ, ACTUALS_MODEL, GObject)

typedef struct {
  char *line, *envelope, *title;
  TrjLineShape shape;
} Line;

struct _TrjActualsModel
{
  GObject parent_instance;

  TrjDocument *document;
  GPtrArray *lines;             /* Line*: the contract and post-aid lines shown */
  TrjActuals *actuals;          /* the workbook's, updated as cells are set */
  TrjGridColumn columns[TRJ_N_ACTUALS_COLUMNS];
};

static void trj_actuals_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjActualsModel, trj_actuals_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_actuals_model_grid_init))

static void
line_free (Line *line)
{
  g_free (line->line);
  g_free (line->envelope);
  g_free (line->title);
  g_free (line);
}

/* The catalogue parameter of a value column. */
static TrjParam
column_param (guint column)
{
  switch (column)
    {
    case TRJ_ACTUALS_COLUMN_ENTRIES:     return TRJ_PARAM_ACTUAL_ENTRIES;
    case TRJ_ACTUALS_COLUMN_RATE:        return TRJ_PARAM_RATE;
    case TRJ_ACTUALS_COLUMN_HOURS:       return TRJ_PARAM_WEEKLY_HOURS;
    case TRJ_ACTUALS_COLUMN_DURATION:    return TRJ_PARAM_DURATION_MONTHS;
    case TRJ_ACTUALS_COLUMN_COFINANCING: return TRJ_PARAM_COFINANCED_SHARE;
    case TRJ_ACTUALS_COLUMN_ETP:         return TRJ_PARAM_ACTUAL_ETP;
    case TRJ_ACTUALS_COLUMN_AE:          return TRJ_PARAM_ACTUAL_AE;
    case TRJ_ACTUALS_COLUMN_CP:
    default:                             return TRJ_PARAM_ACTUAL_CP;
    }
}

static double *
field (TrjActual *row, guint column)
{
  switch (column)
    {
    case TRJ_ACTUALS_COLUMN_ENTRIES:     return &row->entries;
    case TRJ_ACTUALS_COLUMN_RATE:        return &row->rate;
    case TRJ_ACTUALS_COLUMN_HOURS:       return &row->weekly_hours;
    case TRJ_ACTUALS_COLUMN_DURATION:    return &row->duration_months;
    case TRJ_ACTUALS_COLUMN_COFINANCING: return &row->cofinanced_share;
    case TRJ_ACTUALS_COLUMN_ETP:         return &row->etp;
    case TRJ_ACTUALS_COLUMN_AE:          return &row->ae;
    case TRJ_ACTUALS_COLUMN_CP:
    default:                             return &row->cp;
    }
}

/* Which columns a line of that shape takes (MODEL 8). */
static gboolean
applies (TrjLineShape shape, guint column)
{
  switch (column)
    {
    case TRJ_ACTUALS_COLUMN_ENTRIES:
    case TRJ_ACTUALS_COLUMN_RATE:
    case TRJ_ACTUALS_COLUMN_HOURS:
    case TRJ_ACTUALS_COLUMN_DURATION:
    case TRJ_ACTUALS_COLUMN_COFINANCING:
      return shape == TRJ_LINE_SHAPE_CONTRACT;
    case TRJ_ACTUALS_COLUMN_ETP:
      return shape == TRJ_LINE_SHAPE_POST_AID;
    case TRJ_ACTUALS_COLUMN_AE:
    case TRJ_ACTUALS_COLUMN_CP:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
model_reload (TrjActualsModel *self)
{
  g_autoptr(GError) error = NULL;
  TrjActuals *actuals = trj_workbook_get_actuals (trj_document_get_workbook (self->document), &error);

  g_clear_pointer (&self->actuals, trj_actuals_free);
  self->actuals = actuals != NULL ? actuals : trj_actuals_new ();
}

static void
model_set_lines (TrjActualsModel *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);

  g_ptr_array_set_size (self->lines, 0);
  for (guint e = 0; scenario != NULL && e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          TrjLineShape shape = trj_kind_shape (line->kind);
          Line *item;

          if (shape == TRJ_LINE_SHAPE_FREE)
            continue;
          item = g_new0 (Line, 1);
          item->line = g_strdup (line->id);
          item->envelope = g_strdup (env->id);
          item->shape = shape;
          {
            GString *title = g_string_new (line->label != NULL && *line->label != '\0' ? line->label : line->id);

            g_string_append_printf (title, " — %s", trj_catalog_kind_title (line->kind));
            if (line->departement != NULL && *line->departement != '\0')
              g_string_append_printf (title, " — %s", line->departement);
            if (line->prescriber != NULL && *line->prescriber != '\0')
              g_string_append_printf (title, " — %s", line->prescriber);
            item->title = g_string_free (title, FALSE);
          }
          g_ptr_array_add (self->lines, item);
        }
    }
}

static guint
model_n_rows (TrjGridModel *model)
{
  return TRJ_ACTUALS_MODEL (model)->lines->len * TRJ_MONTHS;
}

static guint
model_n_columns (TrjGridModel *model)
{
  return TRJ_N_ACTUALS_COLUMNS;
}

static const TrjGridColumn *
model_column (TrjGridModel *model, guint column)
{
  return &TRJ_ACTUALS_MODEL (model)->columns[column];
}

static const Line *
line_of (TrjActualsModel *self, guint row)
{
  return row / TRJ_MONTHS < self->lines->len ? g_ptr_array_index (self->lines, row / TRJ_MONTHS) : NULL;
}

static char *
format_value (guint column, double value)
{
  if (isnan (value))
    return g_strdup ("");
  switch (column)
    {
    case TRJ_ACTUALS_COLUMN_RATE:
    case TRJ_ACTUALS_COLUMN_COFINANCING:
      return trj_format_percent (value, 1);
    case TRJ_ACTUALS_COLUMN_AE:
    case TRJ_ACTUALS_COLUMN_CP:
      return trj_format_number (value, 2);
    default:
      return trj_format_decimal (value, 2);
    }
}

static char *
model_text (TrjGridModel *model, guint row, guint column)
{
  TrjActualsModel *self = TRJ_ACTUALS_MODEL (model);
  const Line *line = line_of (self, row);
  const TrjActual *actual;
  guint month = row % TRJ_MONTHS;

  if (line == NULL)
    return g_strdup ("");
  if (column == TRJ_ACTUALS_COLUMN_LINE)
    return g_strdup (line->title);
  if (column == TRJ_ACTUALS_COLUMN_MONTH)
    return g_strdup (trj_format_month_long ((int) month + 1));
  if (!applies (line->shape, column) ||
      (actual = trj_actuals_find (self->actuals, line->line, month)) == NULL)
    return g_strdup ("");
  {
    double value = *field ((TrjActual *) actual, column);
    g_autofree char *text = format_value (column, value);

    /* Euros are shown with their sign, as typed. */
    if ((column == TRJ_ACTUALS_COLUMN_AE || column == TRJ_ACTUALS_COLUMN_CP) && !isnan (value))
      return g_strdup_printf ("%s €", text);
    return g_steal_pointer (&text);
  }
}

static gboolean
model_editable (TrjGridModel *model, guint row, guint column)
{
  const Line *line = line_of (TRJ_ACTUALS_MODEL (model), row);

  return line != NULL && column >= TRJ_ACTUALS_COLUMN_ENTRIES && applies (line->shape, column);
}

/* The refusal of every edit while the scenario shown was sent. */
static gboolean
check_writable (TrjActualsModel *self, GError **error)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autofree char *frozen = NULL;

  if (trj_workbook_is_read_only (wb))
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                           trj_workbook_get_read_only_reason (wb));
      return FALSE;
    }
  if ((frozen = trj_year_frozen_text (self->document)) != NULL)
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY, frozen);
      return FALSE;
    }
  return TRUE;
}

/* Empty: not reported (NAN). Otherwise the grid's French rules, then the
 * catalogue's limits. */
static gboolean
parse (TrjActualsModel *self, guint column, const char *text, double *value, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  const TrjParamSpec *spec = trj_catalog_param (column_param (column));

  if (*stripped == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  if (!trj_grid_column_parse (&self->columns[column], stripped, value, error))
    return FALSE;
  if ((spec->min_open && *value <= spec->min) || (spec->max_open && *value >= spec->max))
    {
      g_autofree char *name = trj_grid_column_name (&self->columns[column]);
      /* TRANSLATORS: a value refused in the « Réalisé » grid: %s the column */
      g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_RANGE, _("%s: this value is out of the limits."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
model_validate (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjActualsModel *self = TRJ_ACTUALS_MODEL (model);
  double value;

  if (!model_editable (model, row, column))
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                           _("This line takes no value in this column."));
      return FALSE;
    }
  return check_writable (self, error) && parse (self, column, text, &value, error);
}

static gboolean
model_set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  TrjActualsModel *self = TRJ_ACTUALS_MODEL (model);
  const Line *line = line_of (self, row);
  const TrjActual *old;
  TrjActual actual = { NULL };
  double value;

  if (!model_validate (model, row, column, text, error) || !parse (self, column, text, &value, error))
    return FALSE;
  if ((old = trj_actuals_find (self->actuals, line->line, row % TRJ_MONTHS)) != NULL)
    actual = *old;
  else
    {
      actual.entries = actual.rate = actual.weekly_hours = actual.duration_months = NAN;
      actual.cofinanced_share = actual.etp = actual.ae = actual.cp = NAN;
    }
  actual.line = line->line;
  actual.envelope = line->envelope;
  actual.month = row % TRJ_MONTHS;
  *field (&actual, column) = value;
  if (!trj_workbook_set_actual (trj_document_get_workbook (self->document), &actual, error))
    return FALSE;
  /* Kept at once: the next cell of a paste reads this row. */
  trj_actuals_set (self->actuals, &actual);
  return TRUE;
}

static void
model_begin_batch (TrjGridModel *model, const char *label)
{
  trj_workbook_begin_batch (trj_document_get_workbook (TRJ_ACTUALS_MODEL (model)->document), label);
}

static void
model_end_batch (TrjGridModel *model, gboolean commit)
{
  TrjActualsModel *self = TRJ_ACTUALS_MODEL (model);
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GError) error = NULL;

  if (!commit)
    trj_workbook_cancel_batch (wb);
  else if (!trj_workbook_end_batch (wb, &error))
    g_warning ("%s", error->message);
  model_reload (self);
  trj_grid_model_values_changed (model);
}

static void
trj_actuals_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = model_n_rows;
  iface->get_n_columns = model_n_columns;
  iface->get_column = model_column;
  iface->get_text = model_text;
  iface->is_editable = model_editable;
  iface->validate = model_validate;
  iface->set_cell = model_set_cell;
  iface->begin_batch = model_begin_batch;
  iface->end_batch = model_end_batch;
}

static void
trj_actuals_model_finalize (GObject *object)
{
  TrjActualsModel *self = TRJ_ACTUALS_MODEL (object);

  g_clear_object (&self->document);
  g_ptr_array_unref (self->lines);
  g_clear_pointer (&self->actuals, trj_actuals_free);
  G_OBJECT_CLASS (trj_actuals_model_parent_class)->finalize (object);
}

static void
trj_actuals_model_class_init (TrjActualsModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trj_actuals_model_finalize;
}

static void
trj_actuals_model_init (TrjActualsModel *self)
{
  static const struct {
    const char *title;   /* N_() */
    int width;
    TrjGridValueKind kind;
  } columns[TRJ_N_ACTUALS_COLUMNS] = {
    [TRJ_ACTUALS_COLUMN_LINE]        = { N_("Line"), 28, TRJ_GRID_VALUE_TEXT },
    [TRJ_ACTUALS_COLUMN_MONTH]       = { N_("Month"), 10, TRJ_GRID_VALUE_TEXT },
    [TRJ_ACTUALS_COLUMN_ENTRIES]     = { N_("Entries"), 8, TRJ_GRID_VALUE_DECIMAL },
    [TRJ_ACTUALS_COLUMN_RATE]        = { N_("Observed\nrate"), 9, TRJ_GRID_VALUE_RATE },
    [TRJ_ACTUALS_COLUMN_HOURS]       = { N_("Hours\nper week"), 8, TRJ_GRID_VALUE_DECIMAL },
    [TRJ_ACTUALS_COLUMN_DURATION]    = { N_("Duration\n(months)"), 8, TRJ_GRID_VALUE_DECIMAL },
    [TRJ_ACTUALS_COLUMN_COFINANCING] = { N_("Cofinanced\nshare"), 10, TRJ_GRID_VALUE_RATE },
    [TRJ_ACTUALS_COLUMN_ETP]         = { N_("Realised\nETP"), 8, TRJ_GRID_VALUE_DECIMAL },
    [TRJ_ACTUALS_COLUMN_AE]          = { N_("AE\n(ASP)"), 12, TRJ_GRID_VALUE_MONEY },
    [TRJ_ACTUALS_COLUMN_CP]          = { N_("CP\n(ASP)"), 12, TRJ_GRID_VALUE_MONEY },
  };

  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  for (guint c = 0; c < TRJ_N_ACTUALS_COLUMNS; c++)
    {
      TrjGridColumn *col = &self->columns[c];

      col->title = _(columns[c].title);
      col->width_chars = columns[c].width;
      col->align = c >= TRJ_ACTUALS_COLUMN_ENTRIES ? TRJ_GRID_ALIGN_END : TRJ_GRID_ALIGN_START;
      col->kind = columns[c].kind;
      col->editable = c >= TRJ_ACTUALS_COLUMN_ENTRIES;
      col->expand = c == TRJ_ACTUALS_COLUMN_LINE;
      if (c >= TRJ_ACTUALS_COLUMN_ENTRIES)
        {
          const TrjParamSpec *spec = trj_catalog_param (column_param (c));

          col->min = spec->min;
          col->max = spec->max;
        }
    }
}

static TrjActualsModel *
trj_actuals_model_new (TrjDocument *document)
{
  TrjActualsModel *self = g_object_new (TRJ_TYPE_ACTUALS_MODEL, NULL);

  self->document = g_object_ref (document);
  model_set_lines (self);
  model_reload (self);
  return self;
}

/* ── The window ──────────────────────────────────────────────────────── */

struct _TrjActualsWindow
{
  AdwWindow parent_instance;

  TrjDocument *document;
  AdwWindowTitle *title;
  GtkLabel *banner;
  TrjGrid *grid;
  TrjActualsModel *model;
  gint64 scenario;
  guint n_lines;
};

G_DEFINE_FINAL_TYPE (TrjActualsWindow, trj_actuals_window, ADW_TYPE_WINDOW)

static void
update_texts (TrjActualsWindow *self)
{
  g_autofree char *frozen = trj_year_frozen_text (self->document);
  g_autofree char *month = trj_year_actuals_text (self->document);
  g_autofree char *name = trj_workbook_get_scenario_name (trj_document_get_workbook (self->document),
                                                          trj_document_get_scenario_id (self->document));
  /* TRANSLATORS: subtitle of « Saisir le réalisé »: lines of scenario « X » · données à fin juin */
  g_autofree char *subtitle = month != NULL ? g_strdup_printf (_("lines of “%s” · %s"), name, month)
                                            : g_strdup_printf (_("lines of “%s” · no actuals yet"), name);

  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_label_set_text (self->banner, frozen != NULL ? frozen : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner), frozen != NULL);
}

/* Another scenario shown, or lines added or removed: a new model; otherwise
 * the values again. */
static void
document_updated_cb (TrjActualsWindow *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  guint n = scenario != NULL ? trj_scenario_n_lines (scenario) : 0;

  if (self->model == NULL || trj_document_get_scenario_id (self->document) != self->scenario || n != self->n_lines)
    {
      guint row = 0, column = 0;

      trj_grid_get_cursor (self->grid, &row, &column);
      g_clear_object (&self->model);
      self->model = trj_actuals_model_new (self->document);
      self->scenario = trj_document_get_scenario_id (self->document);
      self->n_lines = n;
      trj_grid_set_model (self->grid, TRJ_GRID_MODEL (self->model));
      if (self->model->lines->len > 0)
        trj_grid_set_cursor (self->grid, MIN (row, self->model->lines->len * TRJ_MONTHS - 1),
                             MAX (column, TRJ_ACTUALS_COLUMN_ENTRIES));
    }
  else
    {
      model_reload (self->model);
      trj_grid_model_values_changed (TRJ_GRID_MODEL (self->model));
    }
  update_texts (self);
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjActualsWindow *self = TRJ_ACTUALS_WINDOW (widget);
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_str_equal (action_name, "actuals.undo") ? trj_workbook_undo (wb, &error)
                                                          : trj_workbook_redo (wb, &error);

  if (!ok && error != NULL)
    gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                                "win.toast", "s", error->message);
}

TrjGrid *
trj_actuals_window_get_grid (TrjActualsWindow *self)
{
  return self->grid;
}

int
trj_actuals_window_find_row (TrjActualsWindow *self, const char *line, guint month)
{
  for (guint i = 0; self->model != NULL && i < self->model->lines->len; i++)
    if (g_str_equal (((Line *) g_ptr_array_index (self->model->lines, i))->line, line))
      return (int) (i * TRJ_MONTHS + month);
  return -1;
}

const char *
trj_actuals_window_get_banner (TrjActualsWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->banner)) ? gtk_label_get_text (self->banner) : NULL;
}

static void
trj_actuals_window_dispose (GObject *object)
{
  TrjActualsWindow *self = TRJ_ACTUALS_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (trj_actuals_window_parent_class)->dispose (object);
}

static void
trj_actuals_window_class_init (TrjActualsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_actuals_window_dispose;
  gtk_widget_class_install_action (widget_class, "actuals.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "actuals.redo", NULL, undo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "actuals.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "actuals.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "actuals.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
trj_actuals_window_init (TrjActualsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *hint, *button;

  gtk_window_set_title (GTK_WINDOW (self), _("Actuals"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1180, 720);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Actuals"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  button = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "actuals.undo");
  gtk_widget_set_tooltip_text (button, _("Undo (Ctrl+Z)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Undo"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);
  button = gtk_button_new_from_icon_name ("edit-redo-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "actuals.redo");
  gtk_widget_set_tooltip_text (button, _("Redo (Ctrl+Shift+Z)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Redo"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);

  self->banner = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->banner, TRUE);
  gtk_label_set_xalign (self->banner, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->banner), "warning");
  gtk_widget_set_margin_start (GTK_WIDGET (self->banner), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->banner), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->banner), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->banner), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner));

  hint = gtk_label_new (_("One row per line and month. An empty cell is a value not reported. Rates as "
                          "« 55 » or « 55 % », amounts as « 1 234,50 ». Each value typed is one undo step."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_margin_start (hint, 12);
  gtk_widget_set_margin_end (hint, 12);
  gtk_widget_set_margin_top (hint, 6);
  gtk_widget_set_margin_bottom (hint, 6);
  gtk_box_append (GTK_BOX (box), hint);

  self->grid = TRJ_GRID (trj_grid_new ());
  trj_grid_set_escape_closes (self->grid, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Actuals of each line, month by month"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grid));
  adw_window_set_content (ADW_WINDOW (self), box);
}

TrjActualsWindow *
trj_actuals_window_new (GtkWindow *parent, TrjDocument *document)
{
  TrjActualsWindow *self = g_object_new (TRJ_TYPE_ACTUALS_WINDOW, "transient-for", parent, NULL);

  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "updated", G_CALLBACK (document_updated_cb), self);
  document_updated_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
  return self;
}
