/* trj-landing-window.c — « Atterrissage », see trj-landing.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-drift.h"
#include "trj-landing.h"
#include "trj-wrap-box.h"
#include "trj-year-data.h"

/* ── The landing of a document ───────────────────────────────────────── */

gint64
trj_landing_reference_id (TrjDocument *document)
{
  gint64 id = trj_workbook_get_last_sent (trj_document_get_workbook (document));

  return id != 0 ? id : trj_document_get_scenario_id (document);
}

TrjLanding *
trj_landing_for_document (TrjDocument *document, TrjProjection projection,
                          TrjScenario **reference, char **name, GError **error)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  gint64 id = trj_landing_reference_id (document);
  g_autoptr(TrjActuals) actuals = NULL;
  g_autoptr(TrjScenario) p = NULL;
  const TrjYearData *data;
  TrjDriftTolerance tolerance;
  TrjLanding *landing;

  if ((actuals = trj_workbook_get_actuals (wb, error)) == NULL)
    return NULL;
  if (trj_actuals_last_month (actuals) == 0)
    return NULL;
  /* The scenario shown is the document's snapshot; another one is read. */
  p = id == trj_document_get_scenario_id (document) ? trj_scenario_copy (trj_document_get_scenario (document))
                                                    : trj_workbook_get_scenario (wb, id, error);
  if (p == NULL || (data = trj_year_data_get (p->year, error)) == NULL)
    return NULL;
  /* ACTUAL_DRIFT with the user's tolerances (Préférences), as everywhere. */
  trj_drift_tolerance_from_settings (&tolerance);
  landing = trj_landing_compute_with_tolerance (p, actuals, projection, &data->rules, &tolerance, error);
  if (landing == NULL)
    return NULL;
  if (name != NULL)
    *name = trj_workbook_get_scenario_name (wb, id);
  if (reference != NULL)
    *reference = g_steal_pointer (&p);
  return landing;
}

gint64
trj_landing_reprogram (GtkWindow *parent, TrjDocument *document)
{
  TrjWorkbook *wb = trj_document_get_workbook (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gint64 id = trj_workbook_reprogram (wb, trj_landing_reference_id (document), NULL, &error);

  if (id == 0 || !trj_workbook_set_current_scenario (wb, id, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", error->message);
      return 0;
    }
  name = trj_workbook_get_scenario_name (wb, id);
  /* TRANSLATORS: toast after « Reprogrammer », %s is the new scenario's name */
  text = g_strdup_printf (_("“%s” created: the months with actuals are read only, the months after "
                            "them can be changed."), name);
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", text);
  return id;
}

gboolean
trj_landing_has_actuals (TrjDocument *document)
{
  g_autoptr(TrjActuals) actuals = trj_workbook_get_actuals (trj_document_get_workbook (document), NULL);

  return actuals != NULL && trj_actuals_last_month (actuals) > 0;
}

TrjChartModel *
trj_landing_chart_model (TrjDocument *document, const char *envelope_id, GError **error)
{
  g_autoptr(TrjScenario) p = NULL;
  g_autofree char *name = NULL;
  g_autoptr(TrjLanding) landing = trj_landing_for_document (document, TRJ_PROJECTION_OBSERVED, &p, &name, error);
  g_autoptr(TrjResult) result = NULL;
  TrjChartRequest request = { TRJ_CHART_LANDING, envelope_id, TRJ_CHART_BY_DEPARTEMENT, NULL, NULL };
  TrjChartSource source = { NULL, NULL, NULL };

  if (landing == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("No actuals yet: the realised and projected chart needs the actuals of the year "
                               "(“Import the Actuals (CSV)…” in the menu of the year)."));
      return NULL;
    }
  result = trj_result_new (p);
  if (!trj_engine_compute (p, trj_document_get_rules (document), result, error))
    return NULL;
  source = (TrjChartSource) { p, result, name };
  request.landing = landing;
  return trj_chart_model_build (&request, &source, 1, error);
}

typedef struct {
  guint index;
  double frac;
} Remainder;

static int
remainder_compare (gconstpointer a, gconstpointer b)
{
  const Remainder *ra = a, *rb = b;

  if (ra->frac != rb->frac)
    return ra->frac > rb->frac ? -1 : 1;
  return (ra->index > rb->index) - (ra->index < rb->index);
}

void
trj_landing_round_to_total (const double *values, guint n, double total, double *rounded)
{
  g_autofree Remainder *rest = g_new0 (Remainder, MAX (n, 1));
  double sum = 0;
  double left;

  for (guint i = 0; i < n; i++)
    {
      rounded[i] = floor (values[i]);
      rest[i] = (Remainder) { i, values[i] - rounded[i] };
      sum += rounded[i];
    }
  left = round (total - sum);
  qsort (rest, n, sizeof *rest, remainder_compare);
  /* left is within [0, n] when total is the rounding of Σ values; it is
   * spread one euro at a time, cycling should it be more. */
  for (guint k = 0; n > 0 && left > 0; k = (k + 1) % n, left--)
    rounded[rest[k].index] += 1;
  for (guint k = n; n > 0 && left < 0; left++)
    {
      k = k == 0 ? n - 1 : k - 1;
      rounded[rest[k].index] -= 1;
    }
}

/* ── The grid model ──────────────────────────────────────────────────── */

typedef struct {
  guint envelope;
  int line;            /* -1: the envelope's row */
  guint figures;       /* index in landing->lines, or the envelope's */
} Row;

#define TRJ_TYPE_LANDING_MODEL (trj_landing_model_get_type ())
G_DECLARE_FINAL_TYPE (TrjLandingModel, trj_landing_model, TRJ, LANDING_MODEL, GObject)

struct _TrjLandingModel
{
  GObject parent_instance;

  TrjScenario *reference;
  TrjLanding *landing;
  gboolean cp;
  GArray *rows;        /* Row */
  TrjGridColumn columns[TRJ_N_LANDING_COLUMNS];
};

static void trj_landing_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjLandingModel, trj_landing_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_landing_model_grid_init))

static const TrjLandingFigures *
row_figures (TrjLandingModel *self, const Row *row)
{
  return row->line < 0 ? &self->landing->envelopes[row->figures] : &self->landing->lines[row->figures];
}

static guint
get_n_rows (TrjGridModel *model)
{
  return TRJ_LANDING_MODEL (model)->rows->len;
}

static guint
get_n_columns (TrjGridModel *model)
{
  return TRJ_N_LANDING_COLUMNS;
}

static const TrjGridColumn *
get_column (TrjGridModel *model, guint column)
{
  return &TRJ_LANDING_MODEL (model)->columns[column];
}

/* The amounts of a row as shown, to the euro: programmed, landing, and the
 * causes adding up to landing − programmed. */
static void
row_amounts (TrjLandingModel *self, const Row *row, double *programmed, double *landing,
             double causes[TRJ_N_CAUSES])
{
  const TrjLandingFigures *f = row_figures (self, row);

  *programmed = round (self->cp ? f->cp_programmed : f->ae_programmed);
  *landing = round (self->cp ? f->cp_landing : f->ae_landing);
  trj_landing_round_to_total (self->cp ? f->cp_drift : f->ae_drift, TRJ_N_CAUSES,
                              *landing - *programmed, causes);
}

static char *
line_name (const TrjLine *line)
{
  const char *label = line->label != NULL && *line->label != '\0' ? line->label : line->id;
  GString *details = g_string_new (trj_catalog_kind_title (line->kind));
  g_autofree char *described = NULL;
  g_autofree char *text = NULL;

  if (line->departement != NULL && *line->departement != '\0')
    g_string_append_printf (details, ", %s", line->departement);
  if (line->prescriber != NULL && *line->prescriber != '\0')
    g_string_append_printf (details, ", %s", line->prescriber);
  described = g_string_free (details, FALSE);
  /* TRANSLATORS: a line in the landing: its label (kind, département, prescriber) */
  text = g_strdup_printf (_("%s (%s)"), label, described);
  /* Indented under its envelope by an em space. */
  return g_strconcat ("\xe2\x80\x83", text, NULL);
}

static char *
get_text (TrjGridModel *model, guint r, guint column)
{
  TrjLandingModel *self = TRJ_LANDING_MODEL (model);
  const Row *row = &g_array_index (self->rows, Row, r);
  const TrjLandingFigures *f = row_figures (self, row);
  const TrjEnvelope *env = g_ptr_array_index (self->reference->envelopes, row->envelope);
  double programmed, landing, causes[TRJ_N_CAUSES], available;

  row_amounts (self, row, &programmed, &landing, causes);
  available = self->cp ? f->cp_available : f->ae_available;
  switch ((TrjLandingColumn) column)
    {
    case TRJ_LANDING_COLUMN_NAME:
      return row->line < 0 ? g_strdup (trj_catalog_envelope_title (env->id))
                           : line_name (g_ptr_array_index (env->lines, row->line));
    case TRJ_LANDING_COLUMN_PROGRAMMED:
      return trj_gui_money (programmed);
    case TRJ_LANDING_COLUMN_LANDING:
      return trj_gui_money (landing);
    case TRJ_LANDING_COLUMN_AVAILABLE:
      return row->line < 0 ? trj_gui_money (available) : g_strdup ("");
    case TRJ_LANDING_COLUMN_MARGIN:
      return row->line < 0 ? trj_gui_margin (available - (self->cp ? f->cp_landing : f->ae_landing))
                           : g_strdup ("");
    case TRJ_LANDING_COLUMN_VOLUME:
    case TRJ_LANDING_COLUMN_RATE:
    case TRJ_LANDING_COLUMN_HOURS:
    case TRJ_LANDING_COLUMN_DURATION:
    case TRJ_LANDING_COLUMN_COFINANCING:
    case TRJ_LANDING_COLUMN_EXECUTION_GAP:
      return trj_gui_money (causes[column - TRJ_LANDING_COLUMN_VOLUME]);
    case TRJ_LANDING_COLUMN_TOTAL:
      return trj_gui_money (landing - programmed);
    case TRJ_N_LANDING_COLUMNS:
    default:
      return g_strdup ("");
    }
}

static char *
format_param (TrjParam param, double value)
{
  return trj_catalog_param (param)->kind == TRJ_PARAM_SHARE ? trj_format_percent (value, 1)
                                                            : trj_format_decimal (value, 2);
}

/* The ACTUAL_DRIFT sentences of a line, one a line; NULL when none. */
static char *
drift_text (TrjLandingModel *self, const Row *row)
{
  const TrjEnvelope *env = g_ptr_array_index (self->reference->envelopes, row->envelope);
  const TrjLine *line = g_ptr_array_index (env->lines, row->line);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->landing->drifts->len; i++)
    {
      const TrjLandingDrift *d = &g_array_index (self->landing->drifts, TrjLandingDrift, i);
      g_autofree char *observed = NULL, *programmed = NULL, *tolerance = NULL, *title = NULL;

      if (d->envelope != row->envelope || (int) d->line != row->line)
        continue;
      observed = format_param (d->param, d->observed);
      programmed = format_param (d->param, d->programmed);
      tolerance = format_param (d->param, d->tolerance);
      title = g_utf8_strdown (trj_catalog_param_title (d->param), -1);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: Line “PEC Brest”: taux de prise en charge of 60,0 % in the actuals for 50,0 % in the programming (tolerance 2,0 %) */
      g_string_append_printf (text, _("Line “%s”: %s of %s in the actuals for %s in the programming (tolerance %s); warn its prescriber."),
                              line->label != NULL && *line->label != '\0' ? line->label : line->id,
                              title, observed, programmed, tolerance);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static TrjGridAlert
get_alert (TrjGridModel *model, guint r, guint column, char **tooltip)
{
  TrjLandingModel *self = TRJ_LANDING_MODEL (model);
  const Row *row = &g_array_index (self->rows, Row, r);
  const TrjLandingFigures *f = row_figures (self, row);

  if (row->line >= 0 && column == TRJ_LANDING_COLUMN_NAME)
    {
      char *text = drift_text (self, row);

      if (text == NULL)
        return TRJ_GRID_ALERT_NONE;
      *tooltip = text;
      return TRJ_GRID_ALERT_WARNING;
    }
  if (row->line < 0 && (column == TRJ_LANDING_COLUMN_LANDING || column == TRJ_LANDING_COLUMN_MARGIN))
    {
      double landing = self->cp ? f->cp_landing : f->ae_landing;
      double available = self->cp ? f->cp_available : f->ae_available;
      g_autofree char *landing_text = NULL, *available_text = NULL;

      if (!(landing - available > TRJ_OVERRUN_EPSILON))
        return TRJ_GRID_ALERT_NONE;
      landing_text = trj_format_money (landing);
      available_text = trj_format_money (available);
      *tooltip = self->cp
        /* TRANSLATORS: tooltip of a landing over its envelope */
        ? g_strdup_printf (_("The CP landing (%s) is above the CP available (%s)."), landing_text, available_text)
        : g_strdup_printf (_("The AE landing (%s) is above the AE available (%s)."), landing_text, available_text);
      return TRJ_GRID_ALERT_ERROR;
    }
  return TRJ_GRID_ALERT_NONE;
}

static gboolean
is_editable (TrjGridModel *model, guint row, guint column)
{
  return FALSE;
}

static gboolean
set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                       _("The landing is computed from the actuals and the reference scenario: it cannot be typed."));
  return FALSE;
}

static void
trj_landing_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = get_n_rows;
  iface->get_n_columns = get_n_columns;
  iface->get_column = get_column;
  iface->get_text = get_text;
  iface->get_alert = get_alert;
  iface->is_editable = is_editable;
  iface->set_cell = set_cell;
}

static void
trj_landing_model_finalize (GObject *object)
{
  TrjLandingModel *self = TRJ_LANDING_MODEL (object);

  g_clear_pointer (&self->reference, trj_scenario_free);
  g_clear_pointer (&self->landing, trj_landing_free);
  g_array_unref (self->rows);
  G_OBJECT_CLASS (trj_landing_model_parent_class)->finalize (object);
}

static void
trj_landing_model_class_init (TrjLandingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trj_landing_model_finalize;
}

static void
trj_landing_model_init (TrjLandingModel *self)
{
  const struct { const char *title; int width; } columns[TRJ_N_LANDING_COLUMNS] = {
    /* TRANSLATORS: columns of the landing grid; \n breaks the header */
    { N_("Envelope / line"), 30 },
    { N_("Programmed"), 11 },
    { N_("Landing"), 11 },
    { N_("Available"), 11 },
    { N_("Margin"), 11 },
    { N_("Volume\neffect"), 10 },
    { N_("Rate\neffect"), 10 },
    { N_("Hours\neffect"), 10 },
    { N_("Duration\neffect"), 10 },
    { N_("Cofinancing\neffect"), 11 },
    { N_("Execution\ngap"), 10 },
    { N_("Total\ndrift"), 11 },
  };

  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  for (guint c = 0; c < TRJ_N_LANDING_COLUMNS; c++)
    self->columns[c] = (TrjGridColumn) {
      .title = _(columns[c].title),
      .width_chars = columns[c].width,
      .align = c == TRJ_LANDING_COLUMN_NAME ? TRJ_GRID_ALIGN_START : TRJ_GRID_ALIGN_END,
      .kind = c == TRJ_LANDING_COLUMN_NAME ? TRJ_GRID_VALUE_TEXT : TRJ_GRID_VALUE_MONEY,
      .editable = FALSE,
      .expand = c == TRJ_LANDING_COLUMN_NAME,
    };
}

/* Takes reference and landing (may be NULL: no rows). */
static void
landing_model_set (TrjLandingModel *self, TrjScenario *reference, TrjLanding *landing)
{
  guint before = self->rows->len, g = 0;

  g_clear_pointer (&self->reference, trj_scenario_free);
  g_clear_pointer (&self->landing, trj_landing_free);
  self->reference = reference;
  self->landing = landing;
  g_array_set_size (self->rows, 0);
  for (guint e = 0; landing != NULL && e < reference->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (reference->envelopes, e);
      Row row = { e, -1, e };

      g_array_append_val (self->rows, row);
      for (guint l = 0; l < env->lines->len; l++, g++)
        {
          Row line = { e, (int) l, g };

          g_array_append_val (self->rows, line);
        }
    }
  trj_grid_model_changed (TRJ_GRID_MODEL (self), 0, before, self->rows->len);
}

static void
landing_model_set_cp (TrjLandingModel *self, gboolean cp)
{
  if (self->cp == cp)
    return;
  self->cp = cp;
  trj_grid_model_values_changed (TRJ_GRID_MODEL (self));
}

/* ── The window ──────────────────────────────────────────────────────── */

struct _TrjLandingWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *title;
  GtkStack *stack;
  AdwStatusPage *empty;
  GtkLabel *heading;
  GtkLabel *explanation;
  GtkLabel *geiq;
  GtkToggleButton *observed, *programmed, *ae, *cp;
  GtkWidget *reprogram;
  TrjGrid *grid;
  TrjLandingModel *model;

  TrjDocument *document;
  TrjProjection projection;
};

G_DEFINE_FINAL_TYPE (TrjLandingWindow, trj_landing_window, ADW_TYPE_WINDOW)

static void
update_texts (TrjLandingWindow *self, const char *reference_name)
{
  guint T = self->model->landing != NULL ? self->model->landing->month : 0;
  g_autofree char *subtitle = NULL;
  g_autofree char *explanation = NULL;
  const char *month;

  gtk_label_set_text (self->heading, self->model->cp ? _("Payment appropriations (CP) at the end of December")
                                                     : _("Commitment authorisations (AE) at the end of December"));
  if (T == 0)
    {
      adw_window_title_set_subtitle (self->title, "");
      return;
    }
  month = trj_format_month_long ((int) T);
  /* TRANSLATORS: subtitle of the landing: « données à fin juin · référence : Programmation » */
  subtitle = g_strdup_printf (_("data to the end of %s · reference: %s"), month,
                              reference_name != NULL ? reference_name : "");
  adw_window_title_set_subtitle (self->title, subtitle);
  explanation = self->projection == TRJ_PROJECTION_OBSERVED
    /* TRANSLATORS: %s is a month (« juin ») */
    ? g_strdup_printf (_("January to %s: the actual entries at their observed parameters. The months after: "
                         "the reference’s entries at the average parameters observed to %s (the trend "
                         "continues). The effects add up to the drift, in this order."), month, month)
    : g_strdup_printf (_("January to %s: the actual entries at their observed parameters. The months after: "
                         "the reference’s entries at its programmed parameters. The effects add up to the "
                         "drift, in this order."), month);
  gtk_label_set_text (self->explanation, explanation);
}

/* « Prévisions d'atterrissage » of the GEIQ lines with actuals (MODEL 3, 8),
 * one a line; NULL when there is none. */
static char *
geiq_text (TrjLandingWindow *self)
{
  const TrjScenario *p = self->model->reference;
  const TrjLanding *landing = self->model->landing;
  g_autoptr(TrjActuals) actuals = NULL;
  GString *text = g_string_new (NULL);
  guint g = 0;

  if (landing == NULL || (actuals = trj_workbook_get_actuals (trj_document_get_workbook (self->document), NULL)) == NULL)
    return g_string_free (text, TRUE);
  for (guint e = 0; e < p->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (p->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++, g++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          double hires[TRJ_MONTHS], to_date = 0, total = 0;
          g_autofree char *done = NULL, *forecast = NULL, *ae = NULL;

          if (!trj_landing_is_geiq (line->kind)
              || !trj_landing_geiq_hires (line, actuals, landing->month, self->projection, hires, &to_date))
            continue;
          for (guint m = 0; m < TRJ_MONTHS; m++)
            total += hires[m];
          done = trj_format_decimal (to_date, 1);
          forecast = trj_format_decimal (total, 1);
          ae = trj_format_money (landing->lines[g].ae_landing);
          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* TRANSLATORS: GEIQ forecast: line, aids hired to date, month, aids in December, AE */
          g_string_append_printf (text, _("GEIQ landing forecast, “%s”: %s aids hired to the end of %s, %s aids "
                                          "in December (%s of AE)."),
                                  line->label != NULL && *line->label ? line->label : line->id, done,
                                  trj_format_month_long ((int) landing->month), forecast, ae);
        }
    }
  if (text->len == 0)
    return g_string_free (text, TRUE);
  return g_string_free (text, FALSE);
}

static void
recompute (TrjLandingWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  TrjScenario *reference = NULL;
  TrjLanding *landing = trj_landing_for_document (self->document, self->projection, &reference, &name, &error);

  landing_model_set (self->model, reference, landing);
  if (error != NULL)
    adw_status_page_set_description (self->empty, error->message);
  else
    adw_status_page_set_description (self->empty,
                                     _("The landing needs the actuals of the year: import them with “Import the "
                                       "Actuals (CSV)…” in the menu of the year (the button with the calendar)."));
  gtk_stack_set_visible_child_name (self->stack, landing != NULL ? "landing" : "empty");
  {
    g_autofree char *geiq = geiq_text (self);

    gtk_label_set_text (self->geiq, geiq != NULL ? geiq : "");
    gtk_widget_set_visible (GTK_WIDGET (self->geiq), geiq != NULL);
  }
  gtk_widget_set_sensitive (self->reprogram, landing != NULL
                            && !trj_workbook_is_read_only (trj_document_get_workbook (self->document)));
  update_texts (self, name);
}

static void
document_updated_cb (TrjLandingWindow *self, guint changes)
{
  recompute (self);
}

static void
reprogram_clicked_cb (TrjLandingWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL && trj_landing_reprogram (parent, self->document) != 0)
    gtk_window_close (GTK_WINDOW (self));
}

static void
projection_toggled_cb (GtkToggleButton *button, TrjLandingWindow *self)
{
  if (gtk_toggle_button_get_active (button))
    trj_landing_window_set_projection (self, button == self->observed ? TRJ_PROJECTION_OBSERVED
                                                                      : TRJ_PROJECTION_PROGRAMMED);
}

static void
amount_toggled_cb (GtkToggleButton *button, TrjLandingWindow *self)
{
  if (gtk_toggle_button_get_active (button))
    trj_landing_window_set_show_cp (self, button == self->cp);
}

void
trj_landing_window_set_projection (TrjLandingWindow *self, TrjProjection projection)
{
  g_return_if_fail (TRJ_IS_LANDING_WINDOW (self));
  gtk_toggle_button_set_active (projection == TRJ_PROJECTION_OBSERVED ? self->observed : self->programmed, TRUE);
  if (self->projection == projection)
    return;
  self->projection = projection;
  recompute (self);
}

TrjProjection
trj_landing_window_get_projection (TrjLandingWindow *self)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), TRJ_PROJECTION_OBSERVED);
  return self->projection;
}

void
trj_landing_window_set_show_cp (TrjLandingWindow *self, gboolean cp)
{
  g_return_if_fail (TRJ_IS_LANDING_WINDOW (self));
  gtk_toggle_button_set_active (cp ? self->cp : self->ae, TRUE);
  landing_model_set_cp (self->model, cp);
  recompute (self);
}

GtkButton *
trj_landing_window_get_reprogram_button (TrjLandingWindow *self)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), NULL);
  return GTK_BUTTON (self->reprogram);
}

GtkToggleButton *
trj_landing_window_get_toggle (TrjLandingWindow *self, const char *name)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), NULL);
  if (g_str_equal (name, "observed"))
    return self->observed;
  if (g_str_equal (name, "programmed"))
    return self->programmed;
  if (g_str_equal (name, "ae"))
    return self->ae;
  if (g_str_equal (name, "cp"))
    return self->cp;
  g_return_val_if_reached (NULL);
}

TrjGrid *
trj_landing_window_get_grid (TrjLandingWindow *self)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), NULL);
  return self->grid;
}

const char *
trj_landing_window_get_geiq_text (TrjLandingWindow *self)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->geiq)) ? gtk_label_get_text (self->geiq) : NULL;
}

const char *
trj_landing_window_get_subtitle (TrjLandingWindow *self)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), NULL);
  return adw_window_title_get_subtitle (self->title);
}

gboolean
trj_landing_window_is_empty (TrjLandingWindow *self)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), TRUE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "empty");
}

char *
trj_landing_window_get_text (TrjLandingWindow *self, guint row, guint column)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), NULL);
  g_return_val_if_fail (row < self->model->rows->len && column < TRJ_N_LANDING_COLUMNS, NULL);
  return trj_grid_model_get_text (TRJ_GRID_MODEL (self->model), row, column);
}

int
trj_landing_window_find_row (TrjLandingWindow *self, const char *envelope_id, const char *line_id)
{
  g_return_val_if_fail (TRJ_IS_LANDING_WINDOW (self), -1);
  for (guint r = 0; r < self->model->rows->len; r++)
    {
      const Row *row = &g_array_index (self->model->rows, Row, r);
      const TrjEnvelope *env = g_ptr_array_index (self->model->reference->envelopes, row->envelope);

      if (g_strcmp0 (env->id, envelope_id) != 0)
        continue;
      if (line_id == NULL && row->line < 0)
        return (int) r;
      if (line_id != NULL && row->line >= 0
          && g_strcmp0 (((const TrjLine *) g_ptr_array_index (env->lines, row->line))->id, line_id) == 0)
        return (int) r;
    }
  return -1;
}

static void
trj_landing_window_dispose (GObject *object)
{
  TrjLandingWindow *self = TRJ_LANDING_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (trj_landing_window_parent_class)->dispose (object);
}

static void
trj_landing_window_class_init (TrjLandingWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_landing_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static GtkToggleButton *
toggle (const char *label, GtkToggleButton *group, GtkWidget *box)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);

  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_box_append (GTK_BOX (box), button);
  return GTK_TOGGLE_BUTTON (button);
}

static GtkWidget *
linked_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  return box;
}

static void
trj_landing_window_init (TrjLandingWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* The projection at the start, the amounts at the end; the amounts go
   * under the projection in a window too narrow for both (800 px). */
  GtkWidget *controls = trj_wrap_box_new ();
  GtkWidget *projection_group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *amounts_group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *projection = linked_box ();
  GtkWidget *amounts = linked_box ();
  GtkWidget *label;

  self->projection = TRJ_PROJECTION_OBSERVED;
  gtk_window_set_title (GTK_WINDOW (self), _("Landing"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 560);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Year-End Landing"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->reprogram = gtk_button_new_with_mnemonic (_("_Reprogram"));
  gtk_widget_set_tooltip_text (self->reprogram,
                               _("A new scenario from this landing: the months with actuals read only, "
                                 "the months after them editable"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->reprogram);
  gtk_box_append (GTK_BOX (box), header);

  label = gtk_label_new (_("Projection of the months left:"));
  gtk_box_append (GTK_BOX (projection_group), label);
  self->observed = toggle (_("_Observed Parameters"), NULL, projection);
  self->programmed = toggle (_("_Programmed Parameters"), self->observed, projection);
  gtk_toggle_button_set_active (self->observed, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (projection), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Projection of the months left:"), -1);
  gtk_box_append (GTK_BOX (projection_group), projection);
  gtk_widget_set_halign (projection_group, GTK_ALIGN_START);
  gtk_widget_set_parent (projection_group, controls);
  label = gtk_label_new (_("Amounts:"));
  gtk_box_append (GTK_BOX (amounts_group), label);
  /* TRANSLATORS: toggle of the landing: autorisations d'engagement */
  self->ae = toggle (_("_AE"), NULL, amounts);
  /* TRANSLATORS: toggle of the landing: crédits de paiement */
  self->cp = toggle (_("_CP"), self->ae, amounts);
  gtk_toggle_button_set_active (self->ae, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (amounts), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Amounts:"), -1);
  gtk_box_append (GTK_BOX (amounts_group), amounts);
  gtk_widget_set_halign (amounts_group, GTK_ALIGN_END);
  gtk_widget_set_parent (amounts_group, controls);
  gtk_box_append (GTK_BOX (content), controls);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->heading));
  self->explanation = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->explanation, 0);
  gtk_label_set_wrap (self->explanation, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->explanation), "dim-label");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->explanation));
  self->geiq = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->geiq, 0);
  gtk_label_set_wrap (self->geiq, TRUE);
  gtk_label_set_selectable (self->geiq, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->geiq), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->geiq));

  self->model = g_object_new (TRJ_TYPE_LANDING_MODEL, NULL);
  self->grid = TRJ_GRID (trj_grid_new ());
  trj_grid_set_escape_closes (self->grid, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  trj_grid_set_model (self->grid, TRJ_GRID_MODEL (self->model));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->grid));
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 12);

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "x-office-calendar-symbolic");
  adw_status_page_set_title (self->empty, _("No Actuals Yet"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, content, "landing");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->reprogram, "clicked", G_CALLBACK (reprogram_clicked_cb), self);
  g_signal_connect (self->observed, "toggled", G_CALLBACK (projection_toggled_cb), self);
  g_signal_connect (self->programmed, "toggled", G_CALLBACK (projection_toggled_cb), self);
  g_signal_connect (self->ae, "toggled", G_CALLBACK (amount_toggled_cb), self);
  g_signal_connect (self->cp, "toggled", G_CALLBACK (amount_toggled_cb), self);
}

TrjLandingWindow *
trj_landing_window_new (GtkWindow *parent, TrjDocument *document)
{
  TrjLandingWindow *self;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);
  self = g_object_new (TRJ_TYPE_LANDING_WINDOW, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "updated", G_CALLBACK (document_updated_cb), self);
  recompute (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
  return self;
}
