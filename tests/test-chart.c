/* test-chart.c — the chart renderer on image surfaces: scales, positions, order,
 * labels and hit-testing, against figures computed by hand.
 *
 * Hand computations (2024 metropole, weeks per month 52/12):
 *   aid at 50 %, 25 h, SMIC 11.65 = 0.5 × 11.65 × 25 × 52/12 = 631.041666… €/month
 *   one contract entering in January for 6 months, lag 0: AE 6 × 631.041666… = 3 786.25 €
 *   100 such contracts: AE 378 625 € committed in January, CP 63 104.17 € paid each month
 *   January to June.
 */
#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "trj-chart-render.h"
#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-year-data.h"

#define AID_1165 (0.5 * 11.65 * 25 * 52.0 / 12.0)
#define CONTRACT_AE (6 * AID_1165)

typedef struct {
  TrjScenario *scenario;
  TrjResult *result;
  GDateTime *date;
} Fixture;

static void
add_line (TrjEnvelope *env, const char *id, const char *departement, int month, double volume, double previous_december)
{
  TrjLine *line = trj_line_new (id, TRJ_KIND_PEC);

  line->label = g_strdup (id);
  line->departement = g_strdup (departement);
  line->rate = 0.5;
  line->weekly_hours = 25;
  line->duration_months = 6;
  line->payment_lag_months = 0;
  line->entries[month] = volume;
  if (previous_december > 0)
    {
      line->previous_entries[11] = previous_december;
      line->has_previous_entries = TRUE;
    }
  g_ptr_array_add (env->lines, line);
}

/* A Bretagne scenario, one envelope (AE 800 000 €, CP 300 000 €); volumes[i]
 * contracts enter in `month` (0: January) in département deps[i]. */
static void
fixture_init_month (Fixture *f, int month, const double *volumes, const char *const *deps, guint n, double stock)
{
  const TrjYearData *data = trj_year_data_get (2024, NULL);
  TrjEnvelope *env = trj_envelope_new ("PEC_CIE_TP");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (data);
  f->scenario = trj_scenario_new ();
  f->scenario->year = 2024;
  f->scenario->region = g_strdup ("Bretagne");
  f->scenario->zone = TRJ_ZONE_METROPOLE;
  trj_year_data_reference (data, TRJ_ZONE_METROPOLE, &f->scenario->reference);
  env->ae_notified = 800000;
  env->cp_notified = 300000;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("l%u", i);
      add_line (env, id, deps[i], month, volumes[i], i == 0 ? stock : 0);
    }
  g_ptr_array_add (f->scenario->envelopes, env);
  f->result = trj_result_new (f->scenario);
  g_assert_true (trj_engine_compute (f->scenario, &data->rules, f->result, &error));
  g_assert_no_error (error);
  f->date = g_date_time_new_local (2024, 6, 15, 9, 0, 0);
}

static void
fixture_init (Fixture *f, const double *volumes, const char *const *deps, guint n, double stock)
{
  fixture_init_month (f, 0, volumes, deps, n, stock);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->scenario, trj_scenario_free);
  g_clear_pointer (&f->result, trj_result_free);
  g_clear_pointer (&f->date, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static TrjChartModel *
build (Fixture *f, TrjChartKind kind, const char *envelope)
{
  TrjChartSource source = { f->scenario, f->result, "Base" };
  TrjChartRequest request = { kind, envelope, TRJ_CHART_BY_DEPARTEMENT, f->date };
  g_autoptr(GError) error = NULL;
  TrjChartModel *model = trj_chart_model_build (&request, &source, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

typedef struct {
  cairo_surface_t *surface;
  TrjChartLayout *layout;
} Image;

static void
render (Image *image, const TrjChartModel *model, const TrjChartStyle *style, int w, int h,
        const TrjChartHover *hover)
{
  cairo_t *cr;
  PangoContext *context;

  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  image->layout = trj_chart_layout_new ();
  cr = cairo_create (image->surface);
  context = pango_cairo_create_context (cr);
  trj_chart_render (cr, context, w, h, style, model, hover, image->layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_flush (image->surface);
}

static void
image_clear (Image *image)
{
  cairo_surface_destroy (image->surface);
  trj_chart_layout_free (image->layout);
}

/* Is the pixel at (x, y) of this colour (within antialiasing tolerance)? */
static gboolean
pixel_is (Image *image, int x, int y, const TrjChartColor *c)
{
  const guint8 *data = cairo_image_surface_get_data (image->surface);
  int stride = cairo_image_surface_get_stride (image->surface);
  guint32 px = *(const guint32 *) (data + y * stride + x * 4);
  double r = ((px >> 16) & 0xff) / 255.0, g = ((px >> 8) & 0xff) / 255.0, b = (px & 0xff) / 255.0;

  return fabs (r - c->red) < 0.12 && fabs (g - c->green) < 0.12 && fabs (b - c->blue) < 0.12;
}

static guint
count_in_row (Image *image, int y, double x0, double x1, const TrjChartColor *c)
{
  guint n = 0;

  for (int x = (int) ceil (x0); x < (int) floor (x1); x++)
    n += pixel_is (image, x, y, c);
  return n;
}

static const TrjChartTarget *
find_target (const TrjChartLayout *layout, guint series, guint index)
{
  for (guint i = 0; i < layout->targets->len; i++)
    {
      const TrjChartTarget *t = &g_array_index (layout->targets, TrjChartTarget, i);

      if (t->item.series == series && t->item.index == index)
        return t;
    }
  g_assert_not_reached ();
}

static void
test_nice_ticks (void)
{
  double lo, hi, step;

  trj_chart_nice_range (0, 832000, 6, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (step, ==, 200000);
  g_assert_cmpfloat (hi, ==, 1000000);
  /* An exact multiple stays where it is. */
  trj_chart_nice_range (0, 1200000, 6, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 200000);
  g_assert_cmpfloat (hi, ==, 1200000);
  trj_chart_nice_range (-3, 7.3, 5, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 5);
  g_assert_cmpfloat (lo, ==, -5);
  g_assert_cmpfloat (hi, ==, 10);
  g_assert_cmpfloat (trj_chart_nice_step (0.22, 10), ==, 0.05);
  g_assert_cmpfloat (trj_chart_nice_step (1.1e6, 10), ==, 200000);
}

/* The notified AE line at 800 000 € on a 0–1 000 000 € axis, and the cumulative AE
 * ending at the computed total. 100 contracts enter in October for 6 months:
 * October at SMIC 11.65, November to March at 11.88 (643.50 €/month), so
 * AE = 100 × (631.041666… + 5 × 643.5) = 384 854.17 €, and CP by December
 * 100 × (631.041666… + 2 × 643.5) = 191 804.17 €. */
static void
test_trajectory_scale (void)
{
  const double volumes[] = { 100 };
  const char *const deps[] = { "29" };
  const double ae_total = 100 * (AID_1165 + 5 * 643.5);
  g_auto(Fixture) f = { NULL, NULL, NULL };
  g_autoptr(TrjChartModel) model = NULL;
  const TrjChartSeries *ae, *cp;
  const TrjChartMargin *margin;
  const TrjChartTarget *last;
  TrjChartStyle style;
  Image image;
  double y_line;

  fixture_init_month (&f, 9, volumes, deps, 1, 0);
  g_assert_cmpfloat_with_epsilon (f.result->envelopes[0].f.ae_total, ae_total, 1e-6);

  model = build (&f, TRJ_CHART_TRAJECTORY, "PEC_CIE_TP");
  g_assert_cmpuint (model->series->len, ==, 2);
  ae = g_ptr_array_index (model->series, 0);
  cp = g_ptr_array_index (model->series, 1);
  g_assert_cmpfloat (ae->values[8], ==, 0);
  g_assert_cmpfloat_with_epsilon (ae->values[11], ae_total, 1e-6);
  g_assert_cmpfloat_with_epsilon (cp->values[11], 100 * (AID_1165 + 2 * 643.5), 1e-6);
  margin = g_ptr_array_index (model->margins, 0);
  g_assert_cmpfloat_with_epsilon (margin->value, 800000 - ae_total, 1e-6);

  trj_chart_style_init (&style, FALSE);
  render (&image, model, &style, 800, 450, NULL);
  /* The axis goes to the 1–2–5 multiple above 832 000 (800 000 + 4 %). */
  g_assert_cmpfloat (image.layout->value_lo, ==, 0);
  g_assert_cmpfloat (image.layout->value_hi, ==, 1000000);

  /* A dashed line of the AE colour runs across the plot at 80 % of its height… */
  y_line = image.layout->plot.y + image.layout->plot.height * 0.2;
  g_assert_cmpuint (count_in_row (&image, (int) floor (y_line), image.layout->plot.x,
                                  image.layout->plot.x + image.layout->plot.width,
                                  &style.series[TRJ_CHART_COLOR_AE]),
                    >, image.layout->plot.width * 0.4);
  /* …and not 6 pixels above or below it. */
  g_assert_cmpuint (count_in_row (&image, (int) floor (y_line) - 6, image.layout->plot.x,
                                  image.layout->plot.x + image.layout->plot.width,
                                  &style.series[TRJ_CHART_COLOR_AE]), ==, 0);
  g_assert_cmpuint (count_in_row (&image, (int) floor (y_line) + 6, image.layout->plot.x,
                                  image.layout->plot.x + image.layout->plot.width,
                                  &style.series[TRJ_CHART_COLOR_AE]), ==, 0);

  /* December's point is at 384 854.17 € on that scale, over the last month. */
  last = find_target (image.layout, 0, 11);
  g_assert_cmpfloat_with_epsilon (last->y, image.layout->plot.y + image.layout->plot.height * (1 - ae_total / 1e6), 1e-6);
  g_assert_cmpfloat_with_epsilon (last->x, image.layout->plot.x + image.layout->plot.width * 23 / 24, 1e-6);
  g_assert_true (pixel_is (&image, (int) last->x, (int) last->y, &style.series[TRJ_CHART_COLOR_AE]));
  image_clear (&image);
}

/* Last year's cohorts: 100 contracts entered in December 2023 for 6 months are
 * paid January–May 2024: 5 × 631.04 × 100 = 315 520.83 € of stock, drawn apart. */
static void
test_trajectory_stock (void)
{
  const double volumes[] = { 100 };
  const char *const deps[] = { "29" };
  g_auto(Fixture) f = { NULL, NULL, NULL };
  g_autoptr(TrjChartModel) model = NULL;
  const TrjChartSeries *stock, *cp;

  fixture_init (&f, volumes, deps, 1, 100);
  g_assert_cmpfloat_with_epsilon (f.result->envelopes[0].f.cp_stock, 5 * 100 * AID_1165, 1e-6);
  model = build (&f, TRJ_CHART_TRAJECTORY, "PEC_CIE_TP");
  g_assert_cmpuint (model->series->len, ==, 3);
  stock = g_ptr_array_index (model->series, 0);
  cp = g_ptr_array_index (model->series, 2);
  g_assert_true (stock->area);
  g_assert_cmpfloat_with_epsilon (stock->values[0], 100 * AID_1165, 1e-6);
  g_assert_cmpfloat_with_epsilon (stock->values[11], 5 * 100 * AID_1165, 1e-6);
  /* The CP compared with the notification are this year's cohorts' only. */
  g_assert_cmpfloat_with_epsilon (cp->values[11], 100 * CONTRACT_AE, 1e-6);
}

/* Ille-et-Vilaine (300 contracts), then Morbihan (200), then Finistère (100):
 * sorted by AE, bars proportional to it. */
static void
test_breakdown_order (void)
{
  const double volumes[] = { 100, 300, 200 };
  const char *const deps[] = { "29", "35", "56" };
  g_auto(Fixture) f = { NULL, NULL, NULL };
  g_autoptr(TrjChartModel) model = NULL;
  const TrjChartSeries *ae;
  TrjChartStyle style;
  Image image;
  double length[3];

  fixture_init (&f, volumes, deps, 3, 0);
  model = build (&f, TRJ_CHART_BREAKDOWN, NULL);
  g_assert_cmpuint (model->n_categories, ==, 3);
  g_assert_cmpstr (model->category_labels[0], ==, "Ille-et-Vilaine");
  g_assert_cmpstr (model->category_labels[1], ==, "Morbihan");
  g_assert_cmpstr (model->category_labels[2], ==, "Finistère");
  g_assert_cmpstr (model->category_names[2], ==, "Finistère (29)");
  ae = g_ptr_array_index (model->series, 1);
  g_assert_cmpfloat_with_epsilon (ae->values[0], 300 * CONTRACT_AE, 1e-6);
  g_assert_cmpfloat_with_epsilon (ae->values[2], 100 * CONTRACT_AE, 1e-6);

  trj_chart_style_init (&style, FALSE);
  render (&image, model, &style, 1000, 500, NULL);
  for (guint c = 0; c < 3; c++)
    {
      const TrjChartTarget *t = find_target (image.layout, 1, c);

      /* Top to bottom in the model's order. */
      if (c > 0)
        g_assert_cmpfloat (t->y, >, find_target (image.layout, 1, c - 1)->y);
      length[c] = count_in_row (&image, (int) t->y, t->rect.x, t->rect.x + t->rect.width,
                                &style.series[TRJ_CHART_COLOR_AE]);
    }
  /* 3 : 2 : 1, to a pixel or two. */
  g_assert_cmpfloat (fabs (length[1] / length[0] - 2.0 / 3), <, 0.02);
  g_assert_cmpfloat (fabs (length[2] / length[0] - 1.0 / 3), <, 0.02);
  image_clear (&image);
}

/* Monthly bars: January's AE bar (378 625 €) then its CP bar (63 104 €), side by side. */
static void
test_monthly_bars (void)
{
  const double volumes[] = { 100 };
  const char *const deps[] = { "29" };
  g_auto(Fixture) f = { NULL, NULL, NULL };
  g_autoptr(TrjChartModel) model = NULL;
  const TrjChartTarget *ae, *cp;
  TrjChartStyle style;
  Image image;

  fixture_init (&f, volumes, deps, 1, 0);
  model = build (&f, TRJ_CHART_MONTHLY, "PEC_CIE_TP");
  trj_chart_style_init (&style, FALSE);
  render (&image, model, &style, 800, 450, NULL);
  ae = find_target (image.layout, 0, 0);
  cp = find_target (image.layout, 1, 0);
  g_assert_cmpfloat (ae->x, <, cp->x);
  g_assert_cmpfloat_with_epsilon (trj_chart_layout_value_position (image.layout, 378625.0), ae->y, 1e-6);
  g_assert_cmpfloat_with_epsilon (trj_chart_layout_value_position (image.layout, 100 * AID_1165), cp->y, 1e-6);
  /* Bars are filled from the axis up to their value. */
  g_assert_true (pixel_is (&image, (int) ae->x, (int) ae->y + 3, &style.series[TRJ_CHART_COLOR_AE]));
  g_assert_true (pixel_is (&image, (int) cp->x, (int) cp->y + 3, &style.series[TRJ_CHART_COLOR_CP]));
  g_assert_false (pixel_is (&image, (int) cp->x, (int) cp->y - 3, &style.series[TRJ_CHART_COLOR_CP]));
  image_clear (&image);
}

/* Every kind, light and dark, at several sizes: background painted, every label
 * inside the canvas, no two labels overlapping. */
static void
test_labels_and_background (void)
{
  const double volumes[] = { 100, 300, 200 };
  const char *const deps[] = { "29", "35", "56" };
  const int sizes[][2] = { { 1600, 900 }, { 800, 450 }, { 480, 320 }, { 1920, 1080 }, { 1000, 700 } };
  g_auto(Fixture) f = { NULL, NULL, NULL };

  fixture_init (&f, volumes, deps, 3, 40);
  for (int dark = 0; dark <= 1; dark++)
    for (TrjChartKind kind = 0; kind < TRJ_N_CHART_KINDS; kind++)
      for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          TrjChartSource sources[] = { { f.scenario, f.result, "A" }, { f.scenario, f.result, "B" } };
          TrjChartRequest request = { kind, "PEC_CIE_TP", TRJ_CHART_BY_DEPARTEMENT, f.date };
          g_autoptr(TrjChartModel) model = trj_chart_model_build (&request, sources, 2, NULL);
          TrjChartStyle style;
          Image image;
          guint a, b;

          /* The landing needs actuals: tests/test-chart-landing.c. */
          if (kind == TRJ_CHART_LANDING)
            continue;
          g_assert_nonnull (model);
          trj_chart_style_init (&style, dark);
          render (&image, model, &style, sizes[s][0], sizes[s][1], NULL);
          g_assert_true (pixel_is (&image, 1, 1, &style.background));
          g_assert_true (pixel_is (&image, sizes[s][0] - 2, sizes[s][1] - 2, &style.background));
          g_assert_cmpuint (image.layout->labels->len, >=, 5);
          g_assert_cmpstr (g_array_index (image.layout->labels, TrjChartLabel, 0).text, ==, model->title);
          if (trj_chart_layout_find_overlap (image.layout, &a, &b))
            g_error ("%s at %d×%d: “%s” overlaps “%s”", trj_chart_kind_to_string (kind), sizes[s][0], sizes[s][1],
                     g_array_index (image.layout->labels, TrjChartLabel, a).text,
                     g_array_index (image.layout->labels, TrjChartLabel, b).text);
          for (guint i = 0; i < image.layout->labels->len; i++)
            {
              const TrjChartRect *r = &g_array_index (image.layout->labels, TrjChartLabel, i).rect;

              g_assert_cmpfloat (r->x, >=, 0);
              g_assert_cmpfloat (r->y, >=, 0);
              g_assert_cmpfloat (r->x + r->width, <=, sizes[s][0]);
              g_assert_cmpfloat (r->y + r->height, <=, sizes[s][1]);
            }
          image_clear (&image);
        }
}

/* The pointer over March finds March's cumulative AE; hovering draws its
 * point larger; the tooltip says the exact amount. */
static void
test_hover (void)
{
  const double volumes[] = { 100 };
  const char *const deps[] = { "29" };
  g_auto(Fixture) f = { NULL, NULL, NULL };
  g_autoptr(TrjChartModel) model = NULL;
  g_autofree char *tip = NULL;
  g_autofree char *amount = trj_format_money (378625);
  g_autofree char *month = trj_format_month (2024, 3);
  g_autofree char *notified = trj_format_money (800000);
  g_autofree char *text = NULL;
  TrjChartHover hit = { 99, 99 }, march = { 0, 2 };
  const TrjChartTarget *t;
  TrjChartStyle style;
  Image plain, hovered;

  fixture_init (&f, volumes, deps, 1, 0);
  model = build (&f, TRJ_CHART_TRAJECTORY, "PEC_CIE_TP");
  trj_chart_style_init (&style, FALSE);
  render (&plain, model, &style, 800, 450, NULL);
  t = find_target (plain.layout, 0, 2);
  g_assert_true (trj_chart_layout_hit_test (plain.layout, t->x + 3, t->y + 2, &hit));
  g_assert_cmpuint (hit.series, ==, 0);
  g_assert_cmpuint (hit.index, ==, 2);
  /* Near the CP curve of the same month, CP is chosen. */
  g_assert_true (trj_chart_layout_hit_test (plain.layout, t->x, find_target (plain.layout, 1, 2)->y - 2, &hit));
  g_assert_cmpuint (hit.series, ==, 1);
  /* Outside the plot: nothing. */
  g_assert_false (trj_chart_layout_hit_test (plain.layout, 2, 2, &hit));

  render (&hovered, model, &style, 800, 450, &march);
  g_assert_false (pixel_is (&plain, (int) t->x, (int) round (t->y - 4.5), &style.series[TRJ_CHART_COLOR_AE]));
  g_assert_true (pixel_is (&hovered, (int) t->x, (int) round (t->y - 4.5), &style.series[TRJ_CHART_COLOR_AE]));

  /* The accessible description gives the same figures as text. */
  text = trj_chart_model_to_text (model);
  g_assert_true (g_str_has_prefix (text, model->title));
  g_assert_nonnull (strstr (text, amount));
  g_assert_nonnull (strstr (text, notified));
  g_assert_nonnull (strstr (text, trj_format_month_long (12)));

  tip = trj_chart_model_describe_point (model, 0, 2);
  g_assert_nonnull (strstr (tip, amount));
  g_assert_nonnull (strstr (tip, month));
  g_assert_null (trj_chart_model_describe_point (model, 0, 12));
  image_clear (&plain);
  image_clear (&hovered);
}

/* The distribution chart: the line's rate, hours and duration with the year's
 * PEC ranges (30–60 %, 20–30 h, 6–12 months) and averages. */
static void
test_parameters (void)
{
  const double volumes[] = { 100, 300 };
  const char *const deps[] = { "29", "35" };
  g_auto(Fixture) f = { NULL, NULL, NULL };
  g_autoptr(TrjChartModel) model = NULL;
  const TrjChartPanel *rate, *hours;
  TrjLine *line;

  fixture_init (&f, volumes, deps, 2, 0);
  line = g_ptr_array_index (((TrjEnvelope *) g_ptr_array_index (f.scenario->envelopes, 0))->lines, 1);
  line->rate = 0.6;
  g_assert_true (trj_engine_compute (f.scenario, NULL, f.result, NULL));
  model = build (&f, TRJ_CHART_PARAMETERS, "PEC_CIE_TP");
  g_assert_cmpuint (model->panels->len, ==, 3);
  rate = g_ptr_array_index (model->panels, 0);
  g_assert_cmpfloat_with_epsilon (rate->range_lo, 0.30, 1e-9);
  g_assert_cmpfloat_with_epsilon (rate->range_hi, 0.60, 1e-9);
  g_assert_cmpfloat_with_epsilon (rate->average, 0.50, 1e-9);
  g_assert_cmpuint (rate->n_values, ==, 2);
  g_assert_cmpfloat (rate->values[0], ==, 0.5);
  g_assert_cmpfloat (rate->volumes[0], ==, 100);
  g_assert_cmpfloat (rate->values[1], ==, 0.6);
  g_assert_cmpfloat (rate->volumes[1], ==, 300);
  /* (100 × 50 % + 300 × 60 %) / 400 = 57,5 % */
  g_assert_cmpfloat_with_epsilon (rate->weighted_average, 0.575, 1e-9);
  hours = g_ptr_array_index (model->panels, 1);
  g_assert_cmpuint (hours->n_values, ==, 1);
  g_assert_cmpfloat (hours->volumes[0], ==, 400);
  g_assert_cmpuint (hours->lines[0], ==, 2);
}

/* No contract entered: no distribution to draw, and a message that says why. */
static void
test_parameters_empty (void)
{
  const double volumes[] = { 0 };
  const char *const deps[] = { "29" };
  g_auto(Fixture) f = { NULL, NULL, NULL };
  TrjChartSource source;
  TrjChartRequest request = { TRJ_CHART_PARAMETERS, "PEC_CIE_TP", 0, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjChartModel) model = NULL;

  fixture_init (&f, volumes, deps, 1, 0);
  source = (TrjChartSource) { f.scenario, f.result, NULL };
  model = trj_chart_model_build (&request, &source, 1, &error);
  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_unknown_envelope (void)
{
  const double volumes[] = { 100 };
  const char *const deps[] = { "29" };
  g_auto(Fixture) f = { NULL, NULL, NULL };
  TrjChartSource source;
  TrjChartRequest request = { TRJ_CHART_TRAJECTORY, "IAE", 0, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjChartModel) model = NULL;

  fixture_init (&f, volumes, deps, 1, 0);
  source = (TrjChartSource) { f.scenario, f.result, NULL };
  model = trj_chart_model_build (&request, &source, 1, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "IAE"));
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/nice-ticks", test_nice_ticks);
  g_test_add_func ("/chart/trajectory/scale", test_trajectory_scale);
  g_test_add_func ("/chart/trajectory/stock", test_trajectory_stock);
  g_test_add_func ("/chart/breakdown/order", test_breakdown_order);
  g_test_add_func ("/chart/monthly/bars", test_monthly_bars);
  g_test_add_func ("/chart/labels-and-background", test_labels_and_background);
  g_test_add_func ("/chart/hover", test_hover);
  g_test_add_func ("/chart/parameters", test_parameters);
  g_test_add_func ("/chart/parameters/empty", test_parameters_empty);
  g_test_add_func ("/chart/unknown-envelope", test_unknown_envelope);
  return g_test_run ();
}
