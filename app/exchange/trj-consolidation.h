/* trj-consolidation.h — the national view: regional programmings side by side
 *
 * The DGEFP gathers the regions' programming files (or workbooks, or scenario
 * JSON documents), recomputes each with the engine, and compares the national
 * totals with the national notification of the year. One region appears once;
 * all files must be of the same programme year.
 */
#pragma once

#include <glib.h>

#include "trj-engine.h"

G_BEGIN_DECLS

typedef struct {
  char *source;             /* file name, as shown */
  char *scenario_name;      /* may be NULL */
  TrjScenario *scenario;
  TrjResult *result;
} TrjConsolidationRegion;

/* National figures of one envelope, summed over the regions. */
typedef struct {
  double ae_notified, cp_notified, volume_notified;
  double ae_available, cp_available;
  double ae_total, cp_total, volume;
  double ae_margin, cp_margin;
  double capacity;
  /* Volume-weighted over the regions (NAN without volume). */
  double avg_rate, avg_hours, avg_duration, avg_cofinancing;
  guint n_alerts;
  guint n_regions;
  /* The year's national notification (NAN when the year data has none). */
  double national_ae, national_cp, national_volume;
} TrjConsolidationTotals;

typedef struct _TrjConsolidation TrjConsolidation;

TrjConsolidation *trj_consolidation_new     (void);
void              trj_consolidation_free    (TrjConsolidation *self);

/* Adds a region (the scenario is copied and computed). Refused: another year
 * than the regions already there, a region already there, an invalid scenario. */
gboolean trj_consolidation_add              (TrjConsolidation  *self,
                                             const char        *source,
                                             const TrjScenario *scenario,
                                             const char        *scenario_name,
                                             GError           **error);
/* A programming file (.xlsx) or a scenario document (.json). Workbooks
 * (.trajectoire) are opened by the caller through the store. */
gboolean trj_consolidation_add_file         (TrjConsolidation *self,
                                             const char       *path,
                                             GError          **error);

int      trj_consolidation_get_year         (const TrjConsolidation *self);   /* 0: empty */
guint    trj_consolidation_get_n_regions    (const TrjConsolidation *self);
/* Regions in the order of the year's notification (then by name). */
const TrjConsolidationRegion *trj_consolidation_get_region (const TrjConsolidation *self,
                                                            guint                   index);
/* Envelope ids present in any region, notification order first
 * (NULL-terminated, owned by self). */
const char *const *trj_consolidation_get_envelopes (const TrjConsolidation *self);
void     trj_consolidation_get_totals       (const TrjConsolidation *self,
                                             const char             *envelope_id,
                                             TrjConsolidationTotals *out);

gboolean trj_consolidation_write_xlsx       (const TrjConsolidation *self,
                                             const char             *path,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjConsolidation, trj_consolidation_free)

G_END_DECLS
