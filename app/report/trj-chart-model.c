/* trj-chart-model.c — chart models built from scenarios and results */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-chart-model.h"
#include "trj-chart-landing.h"
#include "trj-catalog.h"
#include "trj-chart-style.h"
#include "trj-format.h"
#include "trj-year-data.h"

static const char *kind_names[TRJ_N_CHART_KINDS] = {
  "trajectory", "monthly", "breakdown", "overlay", "parameters", "landing",
};

const char *
trj_chart_kind_to_string (TrjChartKind kind)
{
  g_return_val_if_fail (kind < TRJ_N_CHART_KINDS, NULL);
  return kind_names[kind];
}

gboolean
trj_chart_kind_from_string (const char *s, TrjChartKind *out)
{
  for (guint i = 0; i < TRJ_N_CHART_KINDS; i++)
    if (g_strcmp0 (s, kind_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
trj_chart_kind_title (TrjChartKind kind)
{
  switch (kind)
    {
    case TRJ_CHART_TRAJECTORY: return _("AE/CP trajectory");
    case TRJ_CHART_MONTHLY: return _("AE and CP by month");
    case TRJ_CHART_BREAKDOWN: return _("Volumes and AE by département");
    case TRJ_CHART_OVERLAY: return _("Scenario comparison");
    case TRJ_CHART_PARAMETERS: return _("Line parameters against the circular");
    case TRJ_CHART_LANDING: return _("Realised and projected AE/CP");
    case TRJ_N_CHART_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}

const char *
trj_chart_envelope_title (const char *envelope_id)
{
  if (envelope_id == NULL)
    return _("Whole region");
  return trj_catalog_envelope_title (envelope_id);
}

/* ── values ──────────────────────────────────────────────────────────── */

char *
trj_chart_format_value (TrjChartUnit unit, double value)
{
  g_autofree char *number = NULL;

  switch (unit)
    {
    case TRJ_CHART_UNIT_EUROS:
      return trj_format_money (value);
    case TRJ_CHART_UNIT_CONTRACTS:
      number = trj_format_integer (value);
      /* Fractional volumes are rounded for display (MODEL 2.4). */
      return g_strdup_printf (ngettext ("%s contract", "%s contracts", (gulong) fabs (round (value))), number);
    case TRJ_CHART_UNIT_ETP:
    case TRJ_CHART_UNIT_AIDS:
      number = trj_format_decimal (value, 1);
      /* TRANSLATORS: a number and its unit word, "12,5 ETP", "30 aides" */
      return g_strdup_printf (_("%s %s"), number,
                              trj_catalog_unit_word (unit == TRJ_CHART_UNIT_ETP ? TRJ_UNIT_ETP : TRJ_UNIT_AIDS));
    case TRJ_CHART_UNIT_SHARE:
      return trj_format_percent (value, 1);
    case TRJ_CHART_UNIT_HOURS:
      number = trj_format_decimal (value, 1);
      /* TRANSLATORS: hours per week */
      return g_strdup_printf (_("%s h"), number);
    case TRJ_CHART_UNIT_MONTHS:
      number = trj_format_decimal (value, 1);
      return g_strdup_printf (_("%s months"), number);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
trj_chart_format_tick (TrjChartUnit unit, double value)
{
  switch (unit)
    {
    case TRJ_CHART_UNIT_EUROS:
      return trj_format_money_short (value);
    case TRJ_CHART_UNIT_CONTRACTS:
    case TRJ_CHART_UNIT_ETP:
    case TRJ_CHART_UNIT_AIDS:
      return trj_format_integer (value);
    case TRJ_CHART_UNIT_SHARE:
      /* Ticks fall on round percentages; 2,5 % steps need the decimal. */
      return trj_format_percent (value, fabs (value * 100 - round (value * 100)) < 1e-6 ? 0 : 1);
    case TRJ_CHART_UNIT_HOURS:
    case TRJ_CHART_UNIT_MONTHS:
      return trj_chart_format_value (unit, value);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ── building ────────────────────────────────────────────────────────── */

static void
series_free (TrjChartSeries *series)
{
  g_free (series->name);
  g_free (series->values);
  g_free (series);
}

static void
ref_line_free (TrjChartRefLine *line)
{
  g_free (line->name);
  g_free (line);
}

static void
margin_free (TrjChartMargin *margin)
{
  g_free (margin->name);
  g_free (margin);
}

static void
panel_free (TrjChartPanel *panel)
{
  g_free (panel->name);
  g_free (panel->values);
  g_free (panel->volumes);
  g_free (panel->lines);
  g_free (panel);
}

void
trj_chart_model_free (TrjChartModel *model)
{
  if (model == NULL)
    return;
  g_free (model->title);
  g_free (model->subtitle);
  g_strfreev (model->category_labels);
  g_strfreev (model->category_names);
  g_ptr_array_unref (model->series);
  g_ptr_array_unref (model->ref_lines);
  g_ptr_array_unref (model->margins);
  g_ptr_array_unref (model->panels);
  g_free (model->mark_label);
  g_free (model);
}

static TrjChartModel *
model_new (TrjChartKind kind, int year)
{
  TrjChartModel *model = g_new0 (TrjChartModel, 1);

  model->kind = kind;
  model->year = year;
  model->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  model->ref_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_line_free);
  model->margins = g_ptr_array_new_with_free_func ((GDestroyNotify) margin_free);
  model->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);
  return model;
}

TrjChartSeries *
trj_chart_model_add_series (TrjChartModel *model, const char *name, guint color, TrjChartUnit unit)
{
  TrjChartSeries *series = g_new0 (TrjChartSeries, 1);

  series->name = g_strdup (name);
  series->color = color;
  series->unit = unit;
  series->values = g_new0 (double, MAX (model->n_categories, 1));
  g_ptr_array_add (model->series, series);
  return series;
}

void
trj_chart_model_add_ref_line (TrjChartModel *model, const char *name, double value, guint color)
{
  TrjChartRefLine *line = g_new0 (TrjChartRefLine, 1);

  line->name = g_strdup (name);
  line->value = value;
  line->color = color;
  g_ptr_array_add (model->ref_lines, line);
}

void
trj_chart_model_add_margin (TrjChartModel *model, const char *name, const char *over_name, guint series,
                            guint ref_line)
{
  TrjChartMargin *margin = g_new0 (TrjChartMargin, 1);
  const TrjChartSeries *s = g_ptr_array_index (model->series, series);
  const TrjChartRefLine *r = g_ptr_array_index (model->ref_lines, ref_line);

  margin->series = series;
  margin->ref_line = ref_line;
  margin->value = r->value - s->values[model->n_categories - 1];
  margin->name = g_strdup (margin->value < 0 ? over_name : name);
  g_ptr_array_add (model->margins, margin);
}

static void
set_month_categories (TrjChartModel *model)
{
  model->n_categories = TRJ_MONTHS;
  model->category_labels = g_new0 (char *, TRJ_MONTHS + 1);
  model->category_names = g_new0 (char *, TRJ_MONTHS + 1);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      model->category_labels[m] = g_strdup (trj_format_month_short (m + 1));
      model->category_names[m] = trj_format_month (model->year, m + 1);
    }
}

static gboolean
find_envelope (const TrjScenario *scenario, const char *envelope_id, int *index, GError **error)
{
  if (envelope_id == NULL)
    {
      *index = -1;
      return TRUE;
    }
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
      if (g_strcmp0 (env->id, envelope_id) == 0)
        {
          *index = e;
          return TRUE;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The scenario of %s has no envelope “%s”"),
               scenario->region != NULL ? scenario->region : "", envelope_id);
  return FALSE;
}

/* Figures of an envelope, or of the region when env < 0. */
static const TrjFigures *
figures_of (const TrjResult *result, int env)
{
  return env < 0 ? &result->region : &result->envelopes[env].f;
}

static char *
make_title (const TrjChartRequest *request, const char *envelope_id)
{
  const char *kind = request->kind == TRJ_CHART_BREAKDOWN && request->group == TRJ_CHART_BY_PRESCRIBER
                     ? _("Volumes and AE by prescriber") : trj_chart_kind_title (request->kind);

  /* TRANSLATORS: chart title: "<kind> — <envelope>" */
  return g_strdup_printf (_("%s — %s"), kind, trj_chart_envelope_title (envelope_id));
}

static char *
make_subtitle (const TrjChartSource *sources, guint n_sources, GDateTime *date)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *day = NULL;
  g_autofree char *scenarios = NULL;
  g_autofree char *figures = NULL;
  const char *region = sources[0].scenario->region;

  for (guint i = 0; i < n_sources; i++)
    {
      if (sources[i].name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      /* TRANSLATORS: a quoted scenario name */
      g_string_append_printf (names, _("“%s”"), sources[i].name);
    }
  if (date == NULL)
    date = now = g_date_time_new_now_local ();
  day = trj_format_date (date);
  /* TRANSLATORS: date of the figures shown, "figures as of 23 novembre 2026" */
  figures = g_strdup_printf (_("figures as of %s"), day);
  if (names->len > 0)
    scenarios = g_strdup_printf (ngettext ("scenario %s", "scenarios %s", n_sources), names->str);

  return g_strjoin (" · ", region != NULL ? region : "", scenarios != NULL ? scenarios : figures,
                    scenarios != NULL ? figures : NULL, NULL);
}

/* Cumulative AE and CP of one scenario for one envelope or the region. The CP
 * compared with the notification excludes the stock unless the notification
 * includes it (MODEL 2.4, cp_margin). */
typedef struct {
  double ae_cum[TRJ_MONTHS];
  double cp_cum[TRJ_MONTHS];      /* the CP counted against the notification */
  double stock_cum[TRJ_MONTHS];
  double ae_available, cp_available, ae_notified, cp_notified;
  gboolean has_stock;
  gboolean stock_excluded;
} Trajectory;

static void
trajectory_compute (const TrjChartSource *source, int env_index, Trajectory *t)
{
  const TrjScenario *scenario = source->scenario;
  const TrjResult *result = source->result;

  memset (t, 0, sizeof *t);
  memcpy (t->ae_cum, figures_of (result, env_index)->ae_cum, sizeof t->ae_cum);
  for (guint e = 0; e < result->n_envelopes; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);
      const TrjEnvelopeResult *er = &result->envelopes[e];
      double stock_sum = 0;

      if (env_index >= 0 && (guint) env_index != e)
        continue;
      t->ae_available += er->ae_available;
      t->cp_available += er->cp_available;
      t->ae_notified += env->ae_notified;
      t->cp_notified += env->cp_notified;
      for (int m = 0; m < TRJ_MONTHS; m++)
        {
          double s = er->f.cp_stock_month[m];

          stock_sum += s;
          t->stock_cum[m] += stock_sum;
          t->cp_cum[m] += er->f.cp_cum[m] - (env->cp_notified_includes_stock ? 0 : stock_sum);
          if (!env->cp_notified_includes_stock && s > 0)
            t->stock_excluded = TRUE;
        }
    }
  t->has_stock = t->stock_cum[TRJ_MONTHS - 1] > 0;
}

/* The lines of what may be spent: « disponibles » where fungibility moved
 * the figure away from the notification (MODEL 2.6), « notifiés » otherwise. */
static void
add_available_lines (TrjChartModel *model, const Trajectory *t, guint ae_color,
                     guint cp_color)
{
  trj_chart_model_add_ref_line (model, fabs (t->ae_available - t->ae_notified) < 0.005 ? _("Notified AE")
                                                                                       : _("Available AE"),
                                t->ae_available, ae_color);
  trj_chart_model_add_ref_line (model, fabs (t->cp_available - t->cp_notified) < 0.005 ? _("Notified CP")
                                                                                       : _("Available CP"),
                                t->cp_available, cp_color);
}

static void
build_trajectory (TrjChartModel *model, const TrjChartSource *source, int env)
{
  Trajectory t;
  TrjChartSeries *ae, *cp, *stock = NULL;

  trajectory_compute (source, env, &t);
  set_month_categories (model);

  if (t.has_stock)
    {
      stock = trj_chart_model_add_series (model, _("Stock CP (cumulative)"), TRJ_CHART_COLOR_STOCK,
                                          TRJ_CHART_UNIT_EUROS);
      stock->area = TRUE;
    }
  ae = trj_chart_model_add_series (model, _("Cumulative AE"), TRJ_CHART_COLOR_AE, TRJ_CHART_UNIT_EUROS);
  cp = trj_chart_model_add_series (model, t.stock_excluded ? _("Cumulative CP excluding stock") : _("Cumulative CP"),
                                   TRJ_CHART_COLOR_CP, TRJ_CHART_UNIT_EUROS);
  memcpy (ae->values, t.ae_cum, sizeof t.ae_cum);
  memcpy (cp->values, t.cp_cum, sizeof t.cp_cum);
  if (stock != NULL)
    memcpy (stock->values, t.stock_cum, sizeof t.stock_cum);

  add_available_lines (model, &t, TRJ_CHART_COLOR_AE, TRJ_CHART_COLOR_CP);
  trj_chart_model_add_margin (model, _("AE margin"), _("AE overrun"), stock != NULL ? 1 : 0, 0);
  trj_chart_model_add_margin (model, _("CP margin"), _("CP overrun"), stock != NULL ? 2 : 1, 1);
}

static void
build_monthly (TrjChartModel *model, const TrjChartSource *source, int env)
{
  const TrjFigures *f = figures_of (source->result, env);
  TrjChartSeries *ae, *cp;

  set_month_categories (model);
  ae = trj_chart_model_add_series (model, _("AE committed"), TRJ_CHART_COLOR_AE, TRJ_CHART_UNIT_EUROS);
  cp = trj_chart_model_add_series (model, _("CP paid"), TRJ_CHART_COLOR_CP, TRJ_CHART_UNIT_EUROS);
  memcpy (ae->values, f->ae, sizeof f->ae);
  memcpy (cp->values, f->cp, sizeof f->cp);
}

static void
build_overlay (TrjChartModel *model, const TrjChartSource *sources, guint n_sources,
               const char *envelope_id, GError **error)
{
  set_month_categories (model);
  for (guint i = 0; i < n_sources; i++)
    {
      Trajectory t;
      int env;
      g_autofree char *fallback = g_strdup_printf (_("Scenario %u"), i + 1);
      const char *name = sources[i].name != NULL ? sources[i].name : fallback;
      g_autofree char *ae_name = NULL;
      g_autofree char *cp_name = NULL;
      TrjChartSeries *ae, *cp;

      if (!find_envelope (sources[i].scenario, envelope_id, &env, error))
        return;
      trajectory_compute (&sources[i], env, &t);
      /* TRANSLATORS: legend of a scenario's cumulative AE, "AE — Scenario name" */
      ae_name = g_strdup_printf (_("AE — %s"), name);
      cp_name = g_strdup_printf (_("CP — %s"), name);
      ae = trj_chart_model_add_series (model, ae_name, TRJ_CHART_COLOR_SCENARIO_0 + i, TRJ_CHART_UNIT_EUROS);
      cp = trj_chart_model_add_series (model, cp_name, TRJ_CHART_COLOR_SCENARIO_0 + i, TRJ_CHART_UNIT_EUROS);
      cp->dashed = TRUE;
      memcpy (ae->values, t.ae_cum, sizeof t.ae_cum);
      memcpy (cp->values, t.cp_cum, sizeof t.cp_cum);
      if (i == 0)
        add_available_lines (model, &t, TRJ_CHART_COLOR_NEUTRAL, TRJ_CHART_COLOR_NEUTRAL);
    }
}

typedef struct {
  char *key;
  char *label;
  char *name;
  double volume;
  double ae;
} Group;

static void
group_free (Group *group)
{
  g_free (group->key);
  g_free (group->label);
  g_free (group->name);
  g_free (group);
}

static int
group_compare (gconstpointer a, gconstpointer b)
{
  const Group *ga = *(const Group **) a;
  const Group *gb = *(const Group **) b;

  if (ga->ae != gb->ae)
    return ga->ae > gb->ae ? -1 : 1;
  return g_utf8_collate (ga->label, gb->label);
}

static void
build_breakdown (TrjChartModel *model, const TrjChartSource *source, int env, TrjChartGroup by)
{
  const TrjScenario *scenario = source->scenario;
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  const TrjRegion *region = data != NULL && scenario->region != NULL
                            ? trj_year_data_find_region (data, scenario->region) : NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  TrjChartSeries *volumes, *ae;
  /* MODEL 3: an envelope's volumes in its unit; the whole region adds up
   * contracts only (ETP and aids are not contracts). */
  const TrjCatalogEnvelope *known = env >= 0 ? trj_catalog_envelope (
    ((const TrjEnvelope *) g_ptr_array_index (scenario->envelopes, env))->id) : NULL;
  TrjUnit unit = known != NULL ? known->unit : TRJ_UNIT_CONTRACTS;

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *envelope = g_ptr_array_index (scenario->envelopes, e);

      if (env >= 0 && (guint) env != e)
        continue;
      for (guint l = 0; l < envelope->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (envelope->lines, l);
          const TrjLineResult *lr = trj_result_line (source->result, e, l);
          const char *key = by == TRJ_CHART_BY_DEPARTEMENT ? line->departement : line->prescriber;
          Group *group;

          if (key == NULL || *key == '\0')
            key = "";
          group = g_hash_table_lookup (by_key, key);
          if (group == NULL)
            {
              const TrjDepartement *dep = NULL;

              group = g_new0 (Group, 1);
              group->key = g_strdup (key);
              if (by == TRJ_CHART_BY_DEPARTEMENT && region != NULL && *key != '\0')
                dep = trj_region_find_departement (region, key);
              if (*key == '\0')
                group->label = g_strdup (_("Not specified"));
              else if (dep != NULL)
                group->label = g_strdup (dep->name);
              else
                group->label = g_strdup (key);
              group->name = dep != NULL ? g_strdup_printf ("%s (%s)", dep->name, dep->code) : g_strdup (group->label);
              g_hash_table_insert (by_key, group->key, group);
              g_ptr_array_add (groups, group);
            }
          if (env >= 0 || trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT)
            group->volume += lr->f.volume;
          group->ae += lr->f.ae_total;
        }
    }
  g_ptr_array_sort (groups, group_compare);

  model->n_categories = groups->len;
  model->category_labels = g_new0 (char *, groups->len + 1);
  model->category_names = g_new0 (char *, groups->len + 1);
  volumes = trj_chart_model_add_series (model,
                                        unit == TRJ_UNIT_ETP ? _("Volumes (ETP)")
                                        : unit == TRJ_UNIT_AIDS ? _("Volumes (aids)") : _("Volumes"),
                                        TRJ_CHART_COLOR_VOLUME,
                                        unit == TRJ_UNIT_ETP ? TRJ_CHART_UNIT_ETP
                                        : unit == TRJ_UNIT_AIDS ? TRJ_CHART_UNIT_AIDS : TRJ_CHART_UNIT_CONTRACTS);
  ae = trj_chart_model_add_series (model, _("Programmed AE"), TRJ_CHART_COLOR_AE, TRJ_CHART_UNIT_EUROS);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      model->category_labels[i] = g_strdup (group->label);
      model->category_names[i] = g_strdup (group->name);
      volumes->values[i] = group->volume;
      ae->values[i] = group->ae;
    }
}

typedef struct {
  double value;
  double volume;
  guint lines;
} ValuePoint;

static int
value_point_compare (gconstpointer a, gconstpointer b)
{
  const ValuePoint *pa = a, *pb = b;

  return (pa->value > pb->value) - (pa->value < pb->value);
}

static void
add_panel (TrjChartModel *model, const TrjChartSource *source, int env,
           const char *name, TrjChartUnit unit, TrjUnknown parameter,
           double range_lo, double range_hi, double average, double weighted_average)
{
  const TrjEnvelope *envelope = g_ptr_array_index (source->scenario->envelopes, env);
  TrjChartPanel *panel = g_new0 (TrjChartPanel, 1);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (ValuePoint));
  double lo = isnan (range_lo) ? INFINITY : range_lo;
  double hi = isnan (range_hi) ? -INFINITY : range_hi;
  double pad;

  panel->name = g_strdup (name);
  panel->unit = unit;
  panel->range_lo = range_lo;
  panel->range_hi = range_hi;
  panel->average = average;
  panel->weighted_average = weighted_average;

  for (guint l = 0; l < envelope->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (envelope->lines, l);
      double v = trj_line_get_unknown (line, parameter);

      if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = 0;
      hi = 1;
    }
  pad = MAX ((hi - lo) * 0.15, fabs (hi) * 0.05);
  panel->axis_lo = MAX (0, lo - pad);
  panel->axis_hi = hi + pad;

  /* Lines at the same value (to a thousandth of it) add up. */
  for (guint l = 0; l < envelope->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (envelope->lines, l);
      const TrjLineResult *lr = trj_result_line (source->result, env, l);
      ValuePoint point = { trj_line_get_unknown (line, parameter), lr->f.volume, 1 };
      guint i;

      if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
        continue;
      for (i = 0; i < points->len; i++)
        {
          ValuePoint *known = &g_array_index (points, ValuePoint, i);

          if (fabs (known->value - point.value) <= 1e-3 * MAX (fabs (point.value), 1e-9))
            {
              known->volume += point.volume;
              known->lines++;
              break;
            }
        }
      if (i == points->len)
        g_array_append_val (points, point);
    }
  g_array_sort (points, value_point_compare);
  panel->n_values = points->len;
  panel->values = g_new0 (double, MAX (points->len, 1));
  panel->volumes = g_new0 (double, MAX (points->len, 1));
  panel->lines = g_new0 (guint, MAX (points->len, 1));
  for (guint i = 0; i < points->len; i++)
    {
      const ValuePoint *point = &g_array_index (points, ValuePoint, i);

      panel->values[i] = point->value;
      panel->volumes[i] = point->volume;
      panel->lines[i] = point->lines;
    }
  g_ptr_array_add (model->panels, panel);
}

static gboolean
build_parameters (TrjChartModel *model, const TrjChartSource *source, int env, GError **error)
{
  const TrjScenario *scenario = source->scenario;
  const TrjYearData *data = trj_year_data_get (scenario->year, error);
  const TrjEnvelopeResult *er;
  const TrjKindRules *rules = NULL;
  TrjLineKind dominant = TRJ_KIND_PEC;
  double dominant_volume = -1;
  const TrjEnvelope *envelope;

  if (data == NULL)
    return FALSE;
  /* The region mixes envelopes with different ranges: show the first one. */
  if (env < 0)
    {
      if (scenario->envelopes->len == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The scenario has no envelope"));
          return FALSE;
        }
      env = 0;
    }
  envelope = g_ptr_array_index (scenario->envelopes, env);
  er = &source->result->envelopes[env];
  if (isnan (er->avg_rate))
    {
      /* Post-aid envelopes (IAE, EA, GEIQ) have no rate, hours or duration. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The envelope “%s” has no contract line (PEC, CIE) with entries: no parameters to show"),
                   trj_chart_envelope_title (envelope->id));
      return FALSE;
    }

  /* CIE tous publics lines take the PEC ranges (MODEL 5): the envelope's ranges
   * are those of the kind that carries most of its volume. */
  for (guint l = 0; l < envelope->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (envelope->lines, l);
      const TrjLineResult *lr = trj_result_line (source->result, env, l);
      TrjLineKind kind = line->kind == TRJ_KIND_CIE_TP ? TRJ_KIND_PEC : line->kind;

      if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT && lr->f.volume > dominant_volume)
        {
          dominant = kind;
          dominant_volume = lr->f.volume;
        }
    }
  rules = &data->rules.contract[dominant][scenario->zone];

  add_panel (model, source, env, _("Hourly aid rate (share of SMIC)"), TRJ_CHART_UNIT_SHARE, TRJ_UNKNOWN_RATE,
             rules->rate_min, rules->rate_max, rules->rate_avg, er->avg_rate);
  add_panel (model, source, env, _("Weekly hours"), TRJ_CHART_UNIT_HOURS, TRJ_UNKNOWN_HOURS,
             rules->hours_min, rules->hours_max, rules->hours_avg, er->avg_hours);
  add_panel (model, source, env, _("Duration of the aid"), TRJ_CHART_UNIT_MONTHS, TRJ_UNKNOWN_DURATION,
             rules->duration_min, rules->duration_max, rules->duration_avg, er->avg_duration);
  return TRUE;
}

TrjChartModel *
trj_chart_model_build (const TrjChartRequest *request,
                       const TrjChartSource  *sources,
                       guint                  n_sources,
                       GError               **error)
{
  g_autoptr(TrjChartModel) model = NULL;
  const char *envelope_id = request->envelope_id;
  int env;

  g_return_val_if_fail (n_sources >= 1, NULL);
  if (request->kind == TRJ_CHART_OVERLAY && n_sources < 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A scenario comparison needs at least two scenarios"));
      return NULL;
    }
  if (!find_envelope (sources[0].scenario, envelope_id, &env, error))
    return NULL;
  if (request->kind == TRJ_CHART_PARAMETERS && env < 0 && sources[0].scenario->envelopes->len > 0)
    envelope_id = ((const TrjEnvelope *) g_ptr_array_index (sources[0].scenario->envelopes, 0))->id;

  model = model_new (request->kind, sources[0].scenario->year);
  model->title = make_title (request, envelope_id);
  model->subtitle = make_subtitle (sources, request->kind == TRJ_CHART_OVERLAY ? n_sources : 1, request->date);

  switch (request->kind)
    {
    case TRJ_CHART_TRAJECTORY:
      build_trajectory (model, &sources[0], env);
      break;
    case TRJ_CHART_MONTHLY:
      build_monthly (model, &sources[0], env);
      break;
    case TRJ_CHART_BREAKDOWN:
      build_breakdown (model, &sources[0], env, request->group);
      break;
    case TRJ_CHART_OVERLAY:
      build_overlay (model, sources, n_sources, envelope_id, error);
      if (error != NULL && *error != NULL)
        return NULL;
      break;
    case TRJ_CHART_PARAMETERS:
      if (!build_parameters (model, &sources[0], env, error))
        return NULL;
      break;
    case TRJ_CHART_LANDING:
      if (!trj_chart_build_landing (model, &sources[0], request->landing, env, error))
        return NULL;
      break;
    case TRJ_N_CHART_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
  return g_steal_pointer (&model);
}

/* ── text ────────────────────────────────────────────────────────────── */

static char *
describe_value (const TrjChartPanel *panel, guint i)
{
  g_autofree char *value = trj_chart_format_value (panel->unit, panel->values[i]);
  g_autofree char *volume = trj_chart_format_value (TRJ_CHART_UNIT_CONTRACTS, panel->volumes[i]);
  g_autofree char *lines = g_strdup_printf (ngettext ("%u line", "%u lines", panel->lines[i]), panel->lines[i]);

  /* TRANSLATORS: "Weekly hours 25 h: 1 236 contracts (1 line)" */
  return g_strdup_printf (_("%s %s: %s (%s)"), panel->name, value, volume, lines);
}

char *
trj_chart_model_describe_point (const TrjChartModel *model, guint series, guint index)
{
  const TrjChartSeries *s;
  g_autofree char *value = NULL;

  if (model->kind == TRJ_CHART_PARAMETERS)
    {
      const TrjChartPanel *panel;

      if (series >= model->panels->len)
        return NULL;
      panel = g_ptr_array_index (model->panels, series);
      return index < panel->n_values ? describe_value (panel, index) : NULL;
    }
  if (series >= model->series->len || index >= model->n_categories)
    return NULL;
  s = g_ptr_array_index (model->series, series);
  /* A month a landing series does not cover (realised to T, projected from T). */
  if (isnan (s->values[index]))
    return NULL;
  value = trj_chart_format_value (s->unit, s->values[index]);
  /* TRANSLATORS: tooltip, "Cumulative AE, mars 2024: 1 703 367 €" */
  return g_strdup_printf (_("%s, %s: %s"), s->name, model->category_names[index], value);
}

char *
trj_chart_model_to_text (const TrjChartModel *model)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s.\n%s.\n", model->title, model->subtitle);
  if (model->mark_label != NULL)
    g_string_append_printf (text, "%s.\n", model->mark_label);
  for (guint i = 0; i < model->ref_lines->len; i++)
    {
      const TrjChartRefLine *line = g_ptr_array_index (model->ref_lines, i);
      g_autofree char *value = trj_chart_format_value (TRJ_CHART_UNIT_EUROS, line->value);

      g_string_append_printf (text, _("%s: %s"), line->name, value);
      g_string_append (text, ".\n");
    }
  for (guint i = 0; i < model->margins->len; i++)
    {
      const TrjChartMargin *margin = g_ptr_array_index (model->margins, i);
      g_autofree char *value = trj_chart_format_value (TRJ_CHART_UNIT_EUROS, fabs (trj_format_margin_value (margin->value)));

      g_string_append_printf (text, _("%s: %s"), margin->name, value);
      g_string_append (text, ".\n");
    }
  for (guint c = 0; c < model->n_categories; c++)
    for (guint s = 0; s < model->series->len; s++)
      {
        g_autofree char *point = trj_chart_model_describe_point (model, s, c);

        if (point != NULL)
          g_string_append_printf (text, "%s.\n", point);
      }
  for (guint p = 0; p < model->panels->len; p++)
    {
      const TrjChartPanel *panel = g_ptr_array_index (model->panels, p);

      if (!isnan (panel->range_lo))
        {
          g_autofree char *lo = trj_chart_format_value (panel->unit, panel->range_lo);
          g_autofree char *hi = trj_chart_format_value (panel->unit, panel->range_hi);
          g_autofree char *avg = trj_chart_format_value (panel->unit, panel->average);

          /* TRANSLATORS: "Weekly hours: range of the circular 20 h to 30 h, average 25 h" */
          g_string_append_printf (text, _("%s: range of the circular %s to %s, average %s"),
                                  panel->name, lo, hi, avg);
          g_string_append (text, ".\n");
        }
      if (!isnan (panel->weighted_average))
        {
          g_autofree char *avg = trj_chart_format_value (panel->unit, panel->weighted_average);

          g_string_append_printf (text, _("%s: programmed average, weighted by volume, %s"), panel->name, avg);
          g_string_append (text, ".\n");
        }
      for (guint i = 0; i < panel->n_values; i++)
        {
          g_autofree char *point = describe_value (panel, i);
          g_string_append_printf (text, "%s.\n", point);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
