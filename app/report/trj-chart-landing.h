/* trj-chart-landing.h — TRJ_CHART_LANDING: the realised then projected
 * cumulative AE and CP of an envelope (or the region) against what is
 * available, the month of the last actuals marked (MODEL 8)
 *
 * The series: « AE réalisées » (solid, January to T), « AE projetées »
 * (dashed, T to December), the same for the CP; NAN in the months a series
 * does not cover, both sharing month T so that the curve is continuous. The
 * figures are the landing's month by month (trj_landing_compute), summed over
 * the lines; the CP counted against the notification leave out the stock
 * (last year's cohorts, P's in the landing) when the envelope's notified CP
 * does not include it, as the trajectory does. Reference lines and margins at
 * December as in the trajectory.
 */
#pragma once

#include "trj-chart-model.h"

G_BEGIN_DECLS

/* Fills model (month categories, series, reference lines, margins, mark) for
 * env (−1: the region) of source's scenario P; FALSE with a French message
 * when landing is NULL or has no actuals, or is not P's. */
gboolean trj_chart_build_landing (TrjChartModel        *model,
                                  const TrjChartSource *source,
                                  const TrjLanding     *landing,
                                  int                   env,
                                  GError              **error);

G_END_DECLS
