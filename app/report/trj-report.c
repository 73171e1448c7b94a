/* trj-report.c — the « Rapport de programmation » pages */
#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-report.h"
#include "trj-alert-text.h"
#include "trj-chart-export.h"
#include "trj-catalog.h"
#include "trj-chart-render.h"
#include "trj-format.h"
#include "trj-share.h"
#include "trj-year-data.h"

#define W        TRJ_REPORT_PAGE_WIDTH
#define H        TRJ_REPORT_PAGE_HEIGHT
#define MARGIN   36.0
#define TOP      58.0    /* below the running header */
#define BOTTOM   (H - 40.0)
#define ROW_H    15.0
#define LINE_ROWS_PER_PAGE  26
#define POST_AID_ROWS_PER_PAGE  22
#define ALERTS_PER_PAGE     12

typedef enum {
  PAGE_COVER,
  PAGE_SUMMARY,
  PAGE_CHART,
  PAGE_LINES,
  PAGE_POST_AID,     /* the post-aid and free lines (MODEL 3) */
  PAGE_ALERTS,
  PAGE_REQUESTS,     /* MODEL 2.8: the exceptional requests */
  PAGE_CAOM,         /* MODEL 2.8: the CAOM gap per département */
} PageKind;

typedef struct {
  PageKind kind;
  TrjChartKind chart;
  int envelope;
  guint first;     /* first row or alert of the page */
  guint count;
} Page;

#define LINE_COLUMNS 10

typedef struct {
  gboolean heading;
  char *cells[LINE_COLUMNS];
} Row;

typedef struct {
  const char *title;
  double width;    /* share of the table's width */
  double xalign;
} Column;

struct _TrjReport {
  TrjScenario *scenario;
  TrjResult *result;
  char *name;
  GDateTime *date;
  GArray *pages;          /* Page */
  GPtrArray *summary;     /* Row* */
  GPtrArray *lines;       /* Row*: contract lines */
  GPtrArray *post_aid;    /* Row*: post-aid and free lines */
  GPtrArray *to_verify;   /* char*: the sources of the unit amounts « à vérifier », once each */
  GPtrArray *alerts;      /* char* */
  GPtrArray *requests;    /* Row*: the exceptional requests (MODEL 2.8) */
  GPtrArray *caom;        /* Row*: the CAOM gap per envelope and département */
  char *hypotheses;       /* the scenario's SMIC and RSA when it overrides them, NULL */
  TrjChartStyle style;
  /* trj_report_add_landing: the reference P, its figures and its landing. */
  TrjScenario *landing_scenario;
  TrjResult *landing_result;
  TrjLanding *landing;
  char *landing_name;
};

typedef struct {
  const TrjReport *report;
  cairo_t *cr;
  PangoContext *context;
  PangoLayout *layout;
  PangoFontDescription *font;
} Draw;

static void
row_free (Row *row)
{
  for (guint i = 0; i < LINE_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

/* Takes ownership of the cells (NULL-terminated). */
static void
add_row (GPtrArray *rows, gboolean heading, ...)
{
  Row *row = g_new0 (Row, 1);
  va_list args;
  char *cell;

  row->heading = heading;
  va_start (args, heading);
  for (guint i = 0; i < LINE_COLUMNS && (cell = va_arg (args, char *)) != NULL; i++)
    row->cells[i] = cell;
  va_end (args);
  g_ptr_array_add (rows, row);
}

void
trj_report_free (TrjReport *report)
{
  if (report == NULL)
    return;
  trj_scenario_free (report->scenario);
  trj_result_free (report->result);
  g_free (report->name);
  g_date_time_unref (report->date);
  g_array_unref (report->pages);
  g_ptr_array_unref (report->summary);
  g_ptr_array_unref (report->lines);
  g_ptr_array_unref (report->post_aid);
  g_ptr_array_unref (report->to_verify);
  g_ptr_array_unref (report->alerts);
  g_ptr_array_unref (report->requests);
  g_ptr_array_unref (report->caom);
  g_free (report->hypotheses);
  g_clear_pointer (&report->landing_scenario, trj_scenario_free);
  g_clear_pointer (&report->landing_result, trj_result_free);
  g_clear_pointer (&report->landing, trj_landing_free);
  g_free (report->landing_name);
  g_free (report);
}

static void
add_page (TrjReport *report, PageKind kind, TrjChartKind chart, int envelope, guint first, guint count)
{
  Page page = { kind, chart, envelope, first, count };

  g_array_append_val (report->pages, page);
}

/* ── content ─────────────────────────────────────────────────────────── */

static const TrjEnvelope *
envelope_at (const TrjReport *report, guint e)
{
  return g_ptr_array_index (report->scenario->envelopes, e);
}

/* MONEY_MARGIN: money shown to the euro below (trj_format_margin). */
typedef enum { MONEY, MONEY_MARGIN, SHARE, COUNT, VOLUME } Kind;

/* The chart unit of an envelope's volumes; EUROS for FDI, which has none. */
static TrjChartUnit
volume_unit (const char *envelope_id)
{
  const TrjCatalogEnvelope *known = trj_catalog_envelope (envelope_id);

  switch (known != NULL ? known->unit : TRJ_UNIT_CONTRACTS)
    {
    case TRJ_UNIT_ETP: return TRJ_CHART_UNIT_ETP;
    case TRJ_UNIT_AIDS: return TRJ_CHART_UNIT_AIDS;
    case TRJ_UNIT_EUROS: return TRJ_CHART_UNIT_EUROS;
    case TRJ_UNIT_CONTRACTS:
    case TRJ_N_UNITS:
    default: return TRJ_CHART_UNIT_CONTRACTS;
    }
}

/* A volume with its unit word (« 1 236 contrats », « 1 850,0 ETP »); « — »
 * where there is none (FDI, a volume of another unit's region total). */
static char *
format_volume (TrjChartUnit unit, double value)
{
  if (unit == TRJ_CHART_UNIT_EUROS || !isfinite (value))
    return g_strdup ("—");
  return trj_chart_format_value (unit, value);
}

static char *
format_as (Kind kind, double value)
{
  switch (kind)
    {
    case MONEY: return isfinite (value) ? trj_format_money (value) : g_strdup ("—");
    case MONEY_MARGIN: return isfinite (value) ? trj_format_margin (value) : g_strdup ("—");
    case SHARE: return isfinite (value) ? trj_format_percent (value, 1) : g_strdup ("—");
    case COUNT: return trj_format_integer (value);
    case VOLUME: return format_volume (TRJ_CHART_UNIT_CONTRACTS, value);
    default: g_return_val_if_reached (NULL);
    }
}

/* One summary row: an indicator for each envelope, then the region. */
static void
add_summary_row (TrjReport *report, const char *label, Kind kind, const double *values, double region)
{
  Row *row = g_new0 (Row, 1);
  guint n = report->result->n_envelopes;

  row->cells[0] = g_strdup (label);
  for (guint e = 0; e < n && e + 2 < LINE_COLUMNS; e++)
    row->cells[e + 1] = kind == VOLUME ? format_volume (volume_unit (envelope_at (report, e)->id), values[e])
                                       : format_as (kind, values[e]);
  /* Contracts, ETP and aids do not add up: the region's volume is that of its
   * contract lines only when every envelope counts contracts. */
  row->cells[MIN (n + 1, LINE_COLUMNS - 1)] = format_as (kind, region);
  g_ptr_array_add (report->summary, row);
}

static void
build_summary (TrjReport *report)
{
  const TrjResult *res = report->result;
  guint n = res->n_envelopes;
  g_autofree double *v = g_new0 (double, MAX (n, 1));
  double sum;

#define ROW(label, kind, expr, region_expr)                 \
  G_STMT_START {                                            \
    sum = 0;                                                \
    for (guint e = 0; e < n; e++)                           \
      {                                                     \
        const TrjEnvelopeResult *er = &res->envelopes[e];   \
        const TrjEnvelope *env = envelope_at (report, e);   \
        (void) er; (void) env;                              \
        v[e] = (expr);                                      \
        sum += v[e];                                        \
      }                                                     \
    add_summary_row (report, label, kind, v, region_expr);  \
  } G_STMT_END

  ROW (_("Notified AE"), MONEY, env->ae_notified, sum);
  ROW (_("Available AE (after fungibility)"), MONEY, er->ae_available, sum);
  ROW (_("Programmed AE"), MONEY, er->f.ae_total, res->region.ae_total);
  ROW (_("AE margin"), MONEY_MARGIN, er->ae_margin, sum);
  {
    double available = 0;

    for (guint e = 0; e < n; e++)
      available += res->envelopes[e].ae_available;
    ROW (_("AE consumption"), SHARE, er->ae_consumption, available > 0 ? res->region.ae_total / available : NAN);
  }
  ROW (_("Notified CP"), MONEY, env->cp_notified, sum);
  /* The CP margin is computed on these (MODEL 2.4). */
  ROW (_("Available CP (after fungibility)"), MONEY, er->cp_available, sum);
  ROW (_("Programmed CP"), MONEY, er->f.cp_total, res->region.cp_total);
  ROW (_("of which stock"), MONEY, er->f.cp_stock, res->region.cp_stock);
  ROW (_("CP margin"), MONEY_MARGIN, er->cp_margin, sum);
  ROW (_("Still to pay after December"), MONEY, er->f.cp_after_year, res->region.cp_after_year);
  {
    /* MODEL 3: each envelope counts in its unit (contracts, ETP, aids); the
     * region adds volumes only when they are all contracts. */
    gboolean one_unit = TRUE;

    for (guint e = 0; e < n; e++)
      one_unit &= volume_unit (envelope_at (report, e)->id) == TRJ_CHART_UNIT_CONTRACTS
                  || (envelope_at (report, e)->volume_notified == 0 && res->envelopes[e].f.volume == 0);
    ROW (_("Notified volume"), VOLUME, env->volume_notified, one_unit ? sum : NAN);
    ROW (_("Programmed volume"), VOLUME, er->f.volume, one_unit ? res->region.volume : NAN);
    ROW (_("AE per contract, ETP or aid"), MONEY,
         volume_unit (env->id) == TRJ_CHART_UNIT_CONTRACTS ? er->f.ae_per_contract : er->f.ae_per_unit,
         one_unit ? res->region.ae_per_contract : NAN);
    ROW (_("Capacity"), VOLUME, volume_unit (env->id) == TRJ_CHART_UNIT_EUROS ? NAN : er->capacity,
         one_unit ? sum : NAN);
  }
  {
    /* MODEL 2.6: the demandes complémentaires, apart from the notification. */
    gboolean asked = FALSE;

    for (guint e = 0; e < n; e++)
      asked |= envelope_at (report, e)->demande.ae != 0 || envelope_at (report, e)->demande.cp != 0;
    if (asked)
      {
        ROW (_("Demande complémentaire (AE)"), MONEY, env->demande.ae, sum);
        ROW (_("Demande complémentaire (CP)"), MONEY, env->demande.cp, sum);
      }
  }
#undef ROW
}

static char *
departement_name (const TrjReport *report, const char *code)
{
  const TrjYearData *data = trj_year_data_get (report->scenario->year, NULL);
  const TrjRegion *region = data != NULL && report->scenario->region != NULL
                            ? trj_year_data_find_region (data, report->scenario->region) : NULL;
  const TrjDepartement *dep = region != NULL && code != NULL ? trj_region_find_departement (region, code) : NULL;

  if (code == NULL || *code == '\0')
    return g_strdup ("—");
  return g_strdup (dep != NULL ? dep->name : code);
}

/* An envelope the region was notified nothing in and programs nothing in (a
 * new workbook's IAE, EA and GEIQ before their amounts are typed): its charts
 * and its heading in the lines would be empty pages and rows. */
static gboolean
envelope_is_empty (const TrjEnvelope *env)
{
  return env->lines->len == 0 && env->ae_notified == 0 && env->cp_notified == 0 &&
         env->previous_modulation_cp == 0 && env->demande.ae == 0 && env->demande.cp == 0;
}

static void
build_lines (TrjReport *report)
{
  const TrjYearData *data = trj_year_data_get (report->scenario->year, NULL);

  for (guint e = 0; e < report->scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = envelope_at (report, e);
      gboolean contract_heading = FALSE, post_aid_heading = FALSE;

      if (envelope_is_empty (env))
        continue;
      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          const TrjLineResult *lr = trj_result_line (report->result, e, l);
          TrjLineShape shape = trj_kind_shape (line->kind);
          g_autofree char *kind = g_strdup (trj_catalog_kind_title (line->kind));

          if (shape == TRJ_LINE_SHAPE_CONTRACT)
            {
              if (!contract_heading)
                add_row (report->lines, TRUE, g_strdup (trj_chart_envelope_title (env->id)), NULL);
              contract_heading = TRUE;
              add_row (report->lines, FALSE,
                       g_strdup (line->label != NULL ? line->label : line->id),
                       g_steal_pointer (&kind),
                       departement_name (report, line->departement),
                       trj_format_percent (line->rate, 1),
                       trj_chart_format_value (TRJ_CHART_UNIT_HOURS, line->weekly_hours),
                       trj_chart_format_value (TRJ_CHART_UNIT_MONTHS, line->duration_months),
                       trj_format_percent (line->cofinanced_share, 1),
                       trj_chart_format_value (TRJ_CHART_UNIT_CONTRACTS, lr->f.volume),
                       trj_format_money (lr->f.ae_total),
                       trj_format_money (lr->f.cp_total),
                       NULL);
              continue;
            }
          if (!post_aid_heading)
            add_row (report->post_aid, TRUE, g_strdup (trj_chart_envelope_title (env->id)), NULL);
          post_aid_heading = TRUE;
          if (shape == TRJ_LINE_SHAPE_POST_AID)
            {
              /* MODEL 3: the amount used, marked when the circular does not print it. */
              const char *source = !line->has_unit_amount && data != NULL
                ? trj_year_data_to_verify (data, line->kind, report->scenario->zone) : NULL;
              double unit_amount = line->has_unit_amount || data == NULL
                ? line->unit_amount : trj_catalog_line_unit_amount (line, data, report->scenario->zone);
              g_autofree char *amount = trj_format_money (unit_amount);
              TrjChartUnit unit = trj_catalog_kind (line->kind)->unit == TRJ_UNIT_AIDS
                                  ? TRJ_CHART_UNIT_AIDS : TRJ_CHART_UNIT_ETP;

              if (source != NULL && !g_ptr_array_find_with_equal_func (report->to_verify, source, g_str_equal, NULL))
                g_ptr_array_add (report->to_verify, g_strdup (source));
              add_row (report->post_aid, FALSE,
                       g_strdup (line->label != NULL ? line->label : line->id),
                       g_steal_pointer (&kind),
                       departement_name (report, line->departement),
                       g_strdup (line->structure_name != NULL ? line->structure_name : "—"),
                       trj_chart_format_value (unit, line->quantity),
                       /* TRANSLATORS: a unit amount the circular does not print, « 4 760 € (à vérifier) » */
                       source != NULL ? g_strdup_printf (_("%s (to verify)"), amount) : g_strdup (amount),
                       trj_format_percent (line->modulation, 1),
                       g_strdup (trj_format_month_short (line->commitment_month + 1)),
                       trj_format_money (lr->f.ae_total),
                       trj_format_money (lr->f.cp_total),
                       NULL);
            }
          else
            add_row (report->post_aid, FALSE,
                     g_strdup (line->label != NULL ? line->label : line->id),
                     g_steal_pointer (&kind),
                     departement_name (report, line->departement),
                     /* TRANSLATORS: a free line funded from another envelope's margins */
                     line->funded_from != NULL
                       ? g_strdup_printf (_("funded from %s"), trj_chart_envelope_title (line->funded_from))
                       : g_strdup ("—"),
                     g_strdup ("—"), g_strdup ("—"), g_strdup ("—"),
                     g_strdup (trj_format_month_short (line->commitment_month + 1)),
                     trj_format_money (lr->f.ae_total),
                     trj_format_money (lr->f.cp_total),
                     NULL);
        }
    }
}

/* A range alert of a justified line: its parameter, value and range. */
static gboolean
request_figures (const TrjAlert *alert, char **parameter, char **value, char **range)
{
  gboolean percent;
  const char *name = trj_alert_range_parameter (alert->code, &percent);
  g_autofree char *lo = NULL, *hi = NULL;

  if (name == NULL)
    return FALSE;
  *parameter = g_strdup (name);
  *value = percent ? trj_format_percent (alert->value, 1) : trj_format_decimal (alert->value, 1);
  hi = percent ? trj_format_percent (alert->limit_hi, 1) : trj_format_decimal (alert->limit_hi, 1);
  if (alert->code == TRJ_ALERT_RENEWAL_TOO_LONG)
    /* TRANSLATORS: a range with only a maximum */
    *range = g_strdup_printf (_("at most %s"), hi);
  else
    {
      lo = percent ? trj_format_percent (alert->limit_lo, 1) : trj_format_decimal (alert->limit_lo, 1);
      *range = g_strdup_printf ("%s–%s", lo, hi);
    }
  return TRUE;
}

/* MODEL 2.8: every justified line, one row per range it breaks (or one row
 * inside its ranges), and per envelope with CAOM the year's gap per
 * département with the month where the cumulated gap is largest. */
static void
build_requests (TrjReport *report)
{
  const TrjResult *res = report->result;

  for (guint e = 0; e < report->scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = envelope_at (report, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          gboolean any = FALSE;

          if (line->exception_reason == NULL || *line->exception_reason == '\0')
            continue;
          for (guint i = 0; i < res->n_alerts; i++)
            {
              char *parameter, *value, *range;

              if (res->alerts[i].envelope != (int) e || res->alerts[i].line != (int) l
                  || !res->alerts[i].exception_requested
                  || !request_figures (&res->alerts[i], &parameter, &value, &range))
                continue;
              add_row (report->requests, FALSE, g_strdup (line->label != NULL ? line->label : line->id),
                       departement_name (report, line->departement), parameter, value, range,
                       g_strdup (line->exception_reason), NULL);
              any = TRUE;
            }
          if (!any)
            add_row (report->requests, FALSE, g_strdup (line->label != NULL ? line->label : line->id),
                     departement_name (report, line->departement), g_strdup (_("none out of range")),
                     g_strdup (""), g_strdup (""), g_strdup (line->exception_reason), NULL);
        }
      for (guint c = 0; c < trj_envelope_n_caom (env); c++)
        {
          const TrjCaom *caom = g_ptr_array_index (env->caom, c);
          TrjCaomGap gap;

          trj_caom_gap (env, caom, &gap);
          if (c == 0)
            add_row (report->caom, TRUE, g_strdup (trj_chart_envelope_title (env->id)), NULL);
          add_row (report->caom, FALSE, departement_name (report, caom->departement),
                   trj_format_decimal (gap.committed_total, 1), trj_format_decimal (gap.cofinanced_total, 1),
                   trj_format_decimal (gap.gap_total, 1),
                   g_strdup (gap.largest_month >= 0 ? trj_format_month_long (gap.largest_month + 1) : "—"),
                   trj_format_decimal (gap.largest_gap, 1), NULL);
        }
    }
}

static void
build_alerts (TrjReport *report)
{
  const TrjResult *res = report->result;

  for (guint i = 0; i < res->n_alerts; i++)
    {
      const TrjAlert *alert = &res->alerts[i];
      g_autofree char *message = trj_alert_message (report->scenario, alert);
      const TrjEnvelope *env = alert->envelope >= 0 ? envelope_at (report, alert->envelope) : NULL;
      const TrjLine *line = env != NULL && alert->line >= 0 ? g_ptr_array_index (env->lines, alert->line) : NULL;
      const char *where = env == NULL ? _("Region") : trj_chart_envelope_title (env->id);

      if (line != NULL)
        /* TRANSLATORS: "<envelope> — <line>: <alert>" */
        g_ptr_array_add (report->alerts, g_strdup_printf (_("%s — %s: %s"), where,
                                                          line->label != NULL ? line->label : line->id, message));
      else
        g_ptr_array_add (report->alerts, g_strdup_printf (_("%s: %s"), where, message));
    }
}

/* MODEL 7: the reference values the scenario overrides, beside the year's. */
static void
build_hypotheses (TrjReport *report, const TrjYearData *data)
{
  const TrjScenario *sc = report->scenario;
  GString *text;

  if (!sc->overrides_smic && !sc->overrides_rsa)
    return;
  text = g_string_new (NULL);
  for (guint k = 0; k < 2; k++)
    {
      gboolean smic = k == 0;
      g_autofree char *own = NULL;
      g_autofree char *year = NULL;

      if (!(smic ? sc->overrides_smic : sc->overrides_rsa))
        continue;
      own = trj_format_series (smic ? &sc->reference.smic_hourly : &sc->reference.rsa);
      year = data != NULL ? trj_format_series (smic ? &data->smic_hourly[sc->zone] : &data->rsa[sc->zone])
                          : g_strdup ("—");
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, smic
                              /* TRANSLATORS: the report's cover: the scenario's SMIC series, then the year's */
                              ? _("Hypothesis of the scenario, gross hourly SMIC: %s (values of the year: %s)")
                              : _("Hypothesis of the scenario, RSA: %s (values of the year: %s)"), own, year);
    }
  report->hypotheses = g_string_free (text, FALSE);
}

const char *
trj_report_get_hypotheses (const TrjReport *report)
{
  return report->hypotheses;
}

TrjReport *
trj_report_new (const TrjScenario *scenario, const char *scenario_name, GDateTime *date, GError **error)
{
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);
  g_autoptr(TrjResult) result = trj_result_new (scenario);
  TrjReport *report;
  guint n_envelopes = scenario->envelopes->len;

  if (!trj_engine_compute (scenario, data != NULL ? &data->rules : NULL, result, error))
    return NULL;

  report = g_new0 (TrjReport, 1);
  report->scenario = trj_scenario_copy (scenario);
  report->result = g_steal_pointer (&result);
  report->name = g_strdup (scenario_name);
  report->date = date != NULL ? g_date_time_ref (date) : g_date_time_new_now_local ();
  report->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  report->summary = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->post_aid = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->to_verify = g_ptr_array_new_with_free_func (g_free);
  report->alerts = g_ptr_array_new_with_free_func (g_free);
  report->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->caom = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  trj_chart_style_init (&report->style, FALSE);

  build_summary (report);
  build_lines (report);
  build_alerts (report);
  build_requests (report);
  build_hypotheses (report, data);

  add_page (report, PAGE_COVER, 0, -1, 0, 0);
  add_page (report, PAGE_SUMMARY, 0, -1, 0, 0);
  for (guint e = 0; e < n_envelopes; e++)
    {
      if (envelope_is_empty (g_ptr_array_index (scenario->envelopes, e)))
        continue;
      add_page (report, PAGE_CHART, TRJ_CHART_TRAJECTORY, e, 0, 0);
      add_page (report, PAGE_CHART, TRJ_CHART_MONTHLY, e, 0, 0);
    }
  for (guint first = 0; first < report->lines->len; first += LINE_ROWS_PER_PAGE)
    add_page (report, PAGE_LINES, 0, -1, first, MIN (LINE_ROWS_PER_PAGE, report->lines->len - first));
  /* Fewer rows a page: the notes of the amounts « à vérifier » go below. */
  for (guint first = 0; first < report->post_aid->len; first += POST_AID_ROWS_PER_PAGE)
    add_page (report, PAGE_POST_AID, 0, -1, first, MIN (POST_AID_ROWS_PER_PAGE, report->post_aid->len - first));
  /* The alerts page is there even without alerts: saying so is the point. */
  for (guint first = 0; first == 0 || first < report->alerts->len; first += ALERTS_PER_PAGE)
    add_page (report, PAGE_ALERTS, 0, -1, first, MIN (ALERTS_PER_PAGE, report->alerts->len - first));
  for (guint first = 0; first < report->requests->len; first += POST_AID_ROWS_PER_PAGE)
    add_page (report, PAGE_REQUESTS, 0, -1, first, MIN (POST_AID_ROWS_PER_PAGE, report->requests->len - first));
  for (guint first = 0; first < report->caom->len; first += LINE_ROWS_PER_PAGE)
    add_page (report, PAGE_CAOM, 0, -1, first, MIN (LINE_ROWS_PER_PAGE, report->caom->len - first));
  return report;
}

gboolean
trj_report_add_landing (TrjReport *report, TrjScenario *reference, const char *reference_name,
                        TrjLanding *landing, GError **error)
{
  const TrjYearData *data = trj_year_data_get (reference->year, NULL);
  g_autoptr(TrjScenario) p = reference;
  g_autoptr(TrjLanding) owned = landing;
  g_autoptr(TrjResult) result = trj_result_new (reference);
  guint at = 0, added = 0;

  g_return_val_if_fail (report->landing == NULL, FALSE);
  if (landing->n_envelopes != reference->envelopes->len)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The landing was not computed from this scenario"));
      return FALSE;
    }
  if (!trj_engine_compute (reference, data != NULL ? &data->rules : NULL, result, error))
    return FALSE;
  report->landing_scenario = g_steal_pointer (&p);
  report->landing_result = g_steal_pointer (&result);
  report->landing = g_steal_pointer (&owned);
  report->landing_name = g_strdup (reference_name);
  /* After the charts of the envelopes, one page per envelope with lines. */
  for (guint i = 0; i < report->pages->len; i++)
    if (g_array_index (report->pages, Page, i).kind == PAGE_CHART)
      at = i + 1;
  if (at == 0)
    at = MIN (2, report->pages->len);
  for (guint e = 0; e < reference->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (reference->envelopes, e);
      Page page = { PAGE_CHART, TRJ_CHART_LANDING, (int) e, 0, 0 };

      if (env->lines->len == 0)
        continue;
      g_array_insert_val (report->pages, at + added, page);
      added++;
    }
  return TRUE;
}

guint
trj_report_get_n_pages (const TrjReport *report)
{
  return report->pages->len;
}

/* ── drawing ─────────────────────────────────────────────────────────── */

static TrjChartRect
text_at (Draw *d, const char *text, double x, double y, double size, gboolean bold,
         const TrjChartColor *color, double xalign, double max_width)
{
  return trj_chart_draw_text (d->cr, d->layout, d->font, text, x, y, size, bold, color, xalign, max_width);
}

static const TrjChartColor *
fg (Draw *d)
{
  return &d->report->style.foreground;
}

static const TrjChartColor *
muted (Draw *d)
{
  return &d->report->style.muted;
}

static double
page_title (Draw *d, const char *title)
{
  TrjChartRect r = text_at (d, title, MARGIN, TOP, 16, TRUE, fg (d), 0, 0);

  return r.y + r.height + 10;
}

static void
draw_running_header (Draw *d, guint page)
{
  const TrjReport *report = d->report;
  g_autofree char *day = trj_format_date (report->date);
  g_autofree char *title = NULL;
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, report->pages->len);

  if (report->name != NULL)
    /* TRANSLATORS: running header: "Programming report · <region> · scenario “<name>”" */
    title = g_strdup_printf (_("Programming report · %s · scenario “%s”"), report->scenario->region, report->name);
  else
    title = g_strdup_printf (_("Programming report · %s"), report->scenario->region);

  text_at (d, title, MARGIN, 24, 9, FALSE, muted (d), 0, W * 0.7);
  text_at (d, day, W - MARGIN, 24, 9, FALSE, muted (d), 1, 0);
  cairo_set_source_rgba (d->cr, 0, 0, 0, 0.15);
  cairo_set_line_width (d->cr, 0.5);
  cairo_move_to (d->cr, MARGIN, 40);
  cairo_line_to (d->cr, W - MARGIN, 40);
  cairo_stroke (d->cr);
  text_at (d, number, W - MARGIN, H - 28, 9, FALSE, muted (d), 1, 0);
}

static void
draw_cover (Draw *d)
{
  const TrjReport *report = d->report;
  const TrjResult *res = report->result;
  const TrjChartColor *accent = &report->style.series[TRJ_CHART_COLOR_AE];
  g_autofree char *programme = g_strdup_printf (_("Contrats aidés — programme year %d"), report->scenario->year);
  g_autofree char *day = trj_format_date (report->date);
  g_autofree char *figures = g_strdup_printf (_("Figures as of %s"), day);
  g_autofree char *scenario = report->name != NULL ? g_strdup_printf (_("Scenario “%s”"), report->name) : NULL;
  double available = 0, cp_available = 0, cp_counted = 0;
  g_autofree char *ae_line = NULL;
  g_autofree char *cp_line = NULL;
  double y = 150;
  TrjChartRect r;

  for (guint e = 0; e < res->n_envelopes; e++)
    {
      available += res->envelopes[e].ae_available;
      cp_available += res->envelopes[e].cp_available;
      cp_counted += res->envelopes[e].cp_available - res->envelopes[e].cp_margin;
    }
  {
    g_autofree char *ae = trj_format_money (res->region.ae_total);
    g_autofree char *ae_of = trj_format_money (available);
    g_autofree char *cp = trj_format_money (cp_counted);
    g_autofree char *cp_of = trj_format_money (cp_available);

    ae_line = g_strdup_printf (_("Programmed AE: %s of %s available"), ae, ae_of);
    cp_line = g_strdup_printf (_("Programmed CP: %s of %s notified"), cp, cp_of);
  }

  cairo_set_source_rgba (d->cr, accent->red, accent->green, accent->blue, 1);
  cairo_rectangle (d->cr, MARGIN, y - 20, 60, 6);
  cairo_fill (d->cr);
  r = text_at (d, _("Programming report"), MARGIN, y, 32, TRUE, fg (d), 0, 0);
  y += r.height + 4;
  r = text_at (d, programme, MARGIN, y, 15, FALSE, muted (d), 0, 0);
  y += r.height + 28;
  r = text_at (d, report->scenario->region, MARGIN, y, 26, TRUE, accent, 0, 0);
  y += r.height + 8;
  if (scenario != NULL)
    {
      r = text_at (d, scenario, MARGIN, y, 15, FALSE, fg (d), 0, 0);
      y += r.height + 4;
    }
  r = text_at (d, figures, MARGIN, y, 15, FALSE, fg (d), 0, 0);
  y += r.height + 36;
  r = text_at (d, ae_line, MARGIN, y, 13, FALSE, fg (d), 0, 0);
  y += r.height + 4;
  r = text_at (d, cp_line, MARGIN, y, 13, FALSE, fg (d), 0, 0);
  y += r.height + 18;
  if (report->hypotheses != NULL)
    text_at (d, report->hypotheses, MARGIN, y, 11, FALSE, fg (d), 0, W - 2 * MARGIN);
  text_at (d, _("Drawn up with Trajectoire"), MARGIN, H - 50, 9, FALSE, muted (d), 0, 0);
}

/* Returns the y below the table. */
static double
draw_table (Draw *d, const Column *columns, guint n_columns, GPtrArray *rows, guint first, guint count,
            double y, double size)
{
  double width = W - 2 * MARGIN;
  double x;

  /* Column titles */
  x = MARGIN;
  for (guint c = 0; c < n_columns; c++)
    {
      double cw = columns[c].width * width;

      text_at (d, columns[c].title, x + 4 + (cw - 8) * columns[c].xalign, y, size, TRUE, fg (d),
               columns[c].xalign, cw - 8);
      x += cw;
    }
  y += ROW_H + 3;
  cairo_set_source_rgba (d->cr, 0, 0, 0, 0.5);
  cairo_set_line_width (d->cr, 0.8);
  cairo_move_to (d->cr, MARGIN, y - 2);
  cairo_line_to (d->cr, W - MARGIN, y - 2);
  cairo_stroke (d->cr);

  for (guint i = first; i < first + count; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);

      if (row->heading || (i - first) % 2 == 1)
        {
          cairo_set_source_rgba (d->cr, 0, 0, 0, row->heading ? 0.08 : 0.035);
          cairo_rectangle (d->cr, MARGIN, y, width, ROW_H);
          cairo_fill (d->cr);
        }
      x = MARGIN;
      for (guint c = 0; c < n_columns; c++)
        {
          double cw = row->heading ? width : columns[c].width * width;
          double xalign = row->heading ? 0 : columns[c].xalign;

          if (row->cells[c] != NULL)
            text_at (d, row->cells[c], x + 4 + (cw - 8) * xalign, y + 2, size, row->heading, fg (d), xalign, cw - 8);
          x += cw;
        }
      y += ROW_H;
    }
  return y;
}

static void
draw_summary (Draw *d)
{
  const TrjReport *report = d->report;
  guint n = MIN (report->result->n_envelopes, LINE_COLUMNS - 2);
  g_autofree Column *columns = g_new0 (Column, n + 2);
  double y = page_title (d, _("Summary"));

  /* Every envelope of the FIE: narrower labels and a smaller size past four. */
  double label = n > 4 ? 0.22 : 0.31;

  columns[0] = (Column) { "", label, 0 };
  for (guint e = 0; e < n; e++)
    columns[e + 1] = (Column) { trj_chart_envelope_title (envelope_at (report, e)->id), (1 - label) / (n + 1), 1 };
  columns[n + 1] = (Column) { _("Region"), (1 - label) / (n + 1), 1 };
  draw_table (d, columns, n + 2, report->summary, 0, report->summary->len, y + 6, n > 4 ? 9 : 10.5);
}

static void
draw_lines (Draw *d, const Page *page)
{
  const Column columns[LINE_COLUMNS] = {
    { _("Line"), 0.22, 0 },
    { _("Kind"), 0.09, 0 },
    { _("Département"), 0.10, 0 },
    { _("Rate"), 0.06, 1 },
    { _("Hours"), 0.06, 1 },
    { _("Duration"), 0.08, 1 },
    { _("Cofinanced"), 0.08, 1 },
    { _("Volume"), 0.07, 1 },
    { _("AE"), 0.12, 1 },
    { _("CP"), 0.12, 1 },
  };
  double y = page_title (d, _("Programming lines"));

  draw_table (d, columns, LINE_COLUMNS, d->report->lines, page->first, page->count, y, 8.5);
}

static void
draw_post_aid (Draw *d, const Page *page)
{
  const Column columns[LINE_COLUMNS] = {
    { _("Line"), 0.16, 0 },
    { _("Kind"), 0.11, 0 },
    { _("Département"), 0.09, 0 },
    { _("Structure"), 0.13, 0 },
    { _("ETP or aids"), 0.08, 1 },
    { _("Unit amount"), 0.12, 1 },
    { _("Modulated"), 0.07, 1 },
    { _("Commitment"), 0.07, 1 },
    { _("AE"), 0.085, 1 },
    { _("CP"), 0.085, 1 },
  };
  double y = page_title (d, _("Post-aid and free lines"));

  y = draw_table (d, columns, LINE_COLUMNS, d->report->post_aid, page->first, page->count, y, 8.5);
  for (guint i = 0; i < d->report->to_verify->len; i++)
    {
      /* TRANSLATORS: below the table: where a unit amount the circular does not print comes from */
      g_autofree char *note = g_strdup_printf (_("To verify (the circular does not print it): %s"),
                                               (const char *) g_ptr_array_index (d->report->to_verify, i));
      TrjChartRect r = text_at (d, note, MARGIN, y + 8, 8.5, FALSE, muted (d), 0, W - 2 * MARGIN);

      y += r.height + 2;
    }
}

static void
draw_alerts (Draw *d, const Page *page)
{
  double y = page_title (d, _("Alerts"));

  if (d->report->alerts->len == 0)
    {
      text_at (d, _("No alert: the programming keeps within the envelopes and the ranges of the circular."),
               MARGIN, y, 11, FALSE, fg (d), 0, W - 2 * MARGIN);
      return;
    }
  for (guint i = page->first; i < page->first + page->count; i++)
    {
      TrjChartRect r = text_at (d, g_ptr_array_index (d->report->alerts, i), MARGIN + 14, y, 10.5, FALSE,
                                fg (d), 0, W - 2 * MARGIN - 14);

      cairo_set_source_rgba (d->cr, 0.75, 0.11, 0.16, 1);
      cairo_arc (d->cr, MARGIN + 4, y + 7, 3, 0, 2 * G_PI);
      cairo_fill (d->cr);
      y += r.height + 8;
    }
}

static void
draw_requests (Draw *d, const Page *page)
{
  const Column columns[6] = {
    { _("Line"), 0.22, 0 },
    { _("Département"), 0.12, 0 },
    { _("Parameter out of range"), 0.16, 0 },
    { _("Value"), 0.08, 1 },
    { _("Range"), 0.14, 1 },
    { _("Justification"), 0.28, 0 },
  };
  double y = page_title (d, _("Exceptional requests"));

  draw_table (d, columns, 6, d->report->requests, page->first, page->count, y, 8.5);
}

static void
draw_caom (Draw *d, const Page *page)
{
  const Column columns[6] = {
    { _("Département"), 0.22, 0 },
    { _("Committed by the CAOM"), 0.15, 1 },
    { _("Cofinanced entries of the lines"), 0.17, 1 },
    { _("Gap"), 0.12, 1 },
    { _("Month of the largest cumulated gap"), 0.20, 1 },
    { _("Largest cumulated gap"), 0.14, 1 },
  };
  double y = page_title (d, _("CAOM: cofinanced contracts against the départements’ commitments"));

  draw_table (d, columns, 6, d->report->caom, page->first, page->count, y, 8.5);
}

static void
draw_chart (Draw *d, const Page *page)
{
  const TrjReport *report = d->report;
  gboolean landing = page->chart == TRJ_CHART_LANDING;
  TrjChartSource source = landing ? (TrjChartSource) { report->landing_scenario, report->landing_result,
                                                       report->landing_name }
                                  : (TrjChartSource) { report->scenario, report->result, report->name };
  const TrjEnvelope *envelope = g_ptr_array_index (source.scenario->envelopes, page->envelope);
  TrjChartRequest request = { page->chart, envelope->id, TRJ_CHART_BY_DEPARTEMENT, report->date,
                              landing ? report->landing : NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjChartModel) model = trj_chart_model_build (&request, &source, 1, &error);

  if (model == NULL)
    {
      text_at (d, error->message, MARGIN, TOP, 11, FALSE, fg (d), 0, W - 2 * MARGIN);
      return;
    }
  cairo_save (d->cr);
  cairo_translate (d->cr, MARGIN - 12, TOP - 8);
  trj_chart_render (d->cr, d->context, W - 2 * MARGIN + 24, BOTTOM - TOP, &report->style, model, NULL, NULL);
  cairo_restore (d->cr);
}

void
trj_report_render_page (const TrjReport *report,
                        cairo_t         *cr,
                        PangoContext    *context,
                        double           width,
                        double           height,
                        guint            page_index)
{
  const Page *page;
  g_autoptr(PangoLayout) layout = NULL;
  Draw d = { report, cr, context, NULL, NULL };

  g_return_if_fail (page_index < report->pages->len);
  page = &g_array_index (report->pages, Page, page_index);

  cairo_save (cr);
  cairo_scale (cr, width / W, height / H);
  pango_cairo_update_context (cr, context);
  layout = pango_layout_new (context);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  d.layout = layout;
  d.font = pango_font_description_from_string (report->style.font_family);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (page->kind != PAGE_COVER)
    draw_running_header (&d, page_index);
  switch (page->kind)
    {
    case PAGE_COVER:
      draw_cover (&d);
      break;
    case PAGE_SUMMARY:
      draw_summary (&d);
      break;
    case PAGE_CHART:
      draw_chart (&d, page);
      break;
    case PAGE_LINES:
      draw_lines (&d, page);
      break;
    case PAGE_POST_AID:
      draw_post_aid (&d, page);
      break;
    case PAGE_ALERTS:
      draw_alerts (&d, page);
      break;
    case PAGE_REQUESTS:
      draw_requests (&d, page);
      break;
    case PAGE_CAOM:
      draw_caom (&d, page);
      break;
    default:
      g_assert_not_reached ();
    }
  pango_font_description_free (d.font);
  cairo_restore (cr);
}

gboolean
trj_report_write_pdf (const TrjReport *report, const char *path, GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *title = g_strdup_printf (_("Programming report · %s"), report->scenario->region);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (trj_chart_stream_to_array, bytes, W, H);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  gboolean ok;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Trajectoire");
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  for (guint p = 0; p < report->pages->len; p++)
    {
      trj_report_render_page (report, cr, context, W, H, p);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = trj_chart_save_stream (surface, bytes, path, error);
  cairo_surface_destroy (surface);
  return ok;
}
