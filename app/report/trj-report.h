/* trj-report.h — the « Rapport de programmation », page by page
 *
 * A4 landscape pages drawn on any cairo_t: the PDF export (CLI and app) and
 * GtkPrintOperation render the same pages. Pages: cover, summary table, the
 * trajectory and monthly charts of each envelope, with actuals the realised
 * and projected chart of each envelope, the lines table, the alerts;
 * every page but the cover carries its number.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "trj-actuals.h"
#include "trj-engine.h"

G_BEGIN_DECLS

/* A4 landscape, in points. */
#define TRJ_REPORT_PAGE_WIDTH  841.89
#define TRJ_REPORT_PAGE_HEIGHT 595.28

typedef struct _TrjReport TrjReport;

/* Copies the scenario and computes it with the rules of its year. date: the
 * date of the figures (NULL: now). Fails when the scenario cannot be computed. */
TrjReport *trj_report_new          (const TrjScenario *scenario,
                                    const char        *scenario_name,
                                    GDateTime         *date,
                                    GError           **error);
void       trj_report_free         (TrjReport *report);

/* Adds, after the charts of the envelopes, the realised and projected chart
 * (TRJ_CHART_LANDING) of each envelope with lines of reference (P), from its
 * landing (trj_landing_compute on P). Takes reference and landing. */
gboolean   trj_report_add_landing  (TrjReport   *report,
                                    TrjScenario *reference,
                                    const char  *reference_name,
                                    TrjLanding  *landing,
                                    GError     **error);

guint      trj_report_get_n_pages  (const TrjReport *report);
/* What the cover says of the scenario's hypotheses (MODEL 7: its SMIC and RSA
 * beside the year's), NULL when it overrides neither. */
const char *trj_report_get_hypotheses (const TrjReport *report);
/* Draws page (0-based) scaled to width × height (any unit; the page is drawn
 * in points, 841.89 × 595.28, then scaled). */
void       trj_report_render_page  (const TrjReport *report,
                                    cairo_t         *cr,
                                    PangoContext    *context,
                                    double           width,
                                    double           height,
                                    guint            page);
/* Writes every page to a PDF file, replaced whole or not at all. */
gboolean   trj_report_write_pdf    (const TrjReport *report, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjReport, trj_report_free)

G_END_DECLS
