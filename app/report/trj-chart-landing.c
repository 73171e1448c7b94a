/* trj-chart-landing.c — see trj-chart-landing.h */
#include "config.h"

#include <math.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-chart-landing.h"
#include "trj-chart-style.h"
#include "trj-format.h"

/* A cumulative series in euros, dashed when projected. */
static TrjChartSeries *
add_series (TrjChartModel *model, const char *name, guint color, gboolean dashed)
{
  TrjChartSeries *series = trj_chart_model_add_series (model, name, color, TRJ_CHART_UNIT_EUROS);

  series->dashed = dashed;
  return series;
}

/* Realised to T (months 0 … T−1), projected from T (months T−1 … 11). */
static void
split (const double cum[TRJ_MONTHS], guint T, TrjChartSeries *realised, TrjChartSeries *projected)
{
  for (guint m = 0; m < TRJ_MONTHS; m++)
    {
      realised->values[m] = m < T ? cum[m] : NAN;
      projected->values[m] = m + 1 >= T ? cum[m] : NAN;
    }
}

gboolean
trj_chart_build_landing (TrjChartModel *model, const TrjChartSource *source, const TrjLanding *landing,
                         int env, GError **error)
{
  const TrjScenario *p = source->scenario;
  const TrjResult *result = source->result;
  double ae[TRJ_MONTHS] = { 0 }, cp[TRJ_MONTHS] = { 0 };
  double ae_available = 0, cp_available = 0, ae_notified = 0, cp_notified = 0;
  gboolean stock_excluded = FALSE;
  TrjChartSeries *ae_realised, *ae_projected, *cp_realised, *cp_projected;
  guint line = 0;

  if (landing == NULL || landing->month == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No actuals yet: the realised and projected chart needs the actuals of the year "
                             "(“Import the Actuals (CSV)…” in the menu of the year)."));
      return FALSE;
    }
  if (landing->n_envelopes != p->envelopes->len || result->n_envelopes != p->envelopes->len)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The landing was not computed from this scenario"));
      return FALSE;
    }

  for (guint e = 0; e < p->envelopes->len; e++)
    {
      const TrjEnvelope *envelope = g_ptr_array_index (p->envelopes, e);
      const TrjEnvelopeResult *er = &result->envelopes[e];
      guint first = line;

      line += envelope->lines->len;
      if (line > landing->n_lines)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The landing was not computed from this scenario"));
          return FALSE;
        }
      if (env >= 0 && (guint) env != e)
        continue;
      ae_available += er->ae_available;
      cp_available += er->cp_available;
      ae_notified += envelope->ae_notified;
      cp_notified += envelope->cp_notified;
      for (guint l = first; l < line; l++)
        for (guint m = 0; m < TRJ_MONTHS; m++)
          {
            ae[m] += landing->ae_months[l][m];
            cp[m] += landing->cp_months[l][m];
          }
      /* The landing pays last year's cohorts as P does (its stock never
       * drifts): P's stock leaves the CP counted as in the trajectory. */
      if (!envelope->cp_notified_includes_stock)
        for (guint m = 0; m < TRJ_MONTHS; m++)
          {
            cp[m] -= er->f.cp_stock_month[m];
            if (er->f.cp_stock_month[m] > 0)
              stock_excluded = TRUE;
          }
    }
  for (guint m = 1; m < TRJ_MONTHS; m++)
    {
      ae[m] += ae[m - 1];
      cp[m] += cp[m - 1];
    }

  model->n_categories = TRJ_MONTHS;
  model->category_labels = g_new0 (char *, TRJ_MONTHS + 1);
  model->category_names = g_new0 (char *, TRJ_MONTHS + 1);
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      model->category_labels[m] = g_strdup (trj_format_month_short (m + 1));
      model->category_names[m] = trj_format_month (model->year, m + 1);
    }

  ae_realised = add_series (model, _("Realised AE (cumulative)"), TRJ_CHART_COLOR_AE, FALSE);
  ae_projected = add_series (model, _("Projected AE (cumulative)"), TRJ_CHART_COLOR_AE, TRUE);
  cp_realised = add_series (model, stock_excluded ? _("Realised CP excluding stock (cumulative)")
                                                  : _("Realised CP (cumulative)"), TRJ_CHART_COLOR_CP, FALSE);
  cp_projected = add_series (model, stock_excluded ? _("Projected CP excluding stock (cumulative)")
                                                   : _("Projected CP (cumulative)"), TRJ_CHART_COLOR_CP, TRUE);
  split (ae, landing->month, ae_realised, ae_projected);
  split (cp, landing->month, cp_realised, cp_projected);

  trj_chart_model_add_ref_line (model, fabs (ae_available - ae_notified) < 0.005 ? _("Notified AE")
                                                                                 : _("Available AE"),
                                ae_available, TRJ_CHART_COLOR_AE);
  trj_chart_model_add_ref_line (model, fabs (cp_available - cp_notified) < 0.005 ? _("Notified CP")
                                                                                 : _("Available CP"),
                                cp_available, TRJ_CHART_COLOR_CP);
  trj_chart_model_add_margin (model, _("AE margin"), _("AE overrun"), 1, 0);
  trj_chart_model_add_margin (model, _("CP margin"), _("CP overrun"), 3, 1);

  model->mark_month = landing->month;
  /* TRANSLATORS: the month of the last actuals, %s is a month (« juin ») */
  model->mark_label = g_strdup_printf (_("data to the end of %s"), trj_format_month_long ((int) landing->month));
  return TRUE;
}
