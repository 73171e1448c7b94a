/* trj-year-data.h — the embedded reference data of a programme year
 *
 * data/reference/<year>/ (reference.ini, notification-contrats-aides.csv,
 * regions.csv) is compiled into the library as a GResource; this parses it once
 * per year and keeps it for the life of the process.
 */
#pragma once

#include "trj-types.h"

G_BEGIN_DECLS

typedef struct {
  char *code;   /* "29", "2A", "974" */
  char *name;   /* "Finistère" */
} TrjDepartement;

typedef struct {
  char *name;               /* "Bretagne" */
  TrjZone zone;             /* Mayotte is TRJ_ZONE_MAYOTTE */
  GPtrArray *departements;  /* TrjDepartement* */
} TrjRegion;

typedef struct {
  char *envelope;           /* "PEC_CIE_TP" | "CIE_JEUNES" */
  char *row_label;          /* as printed: "Hauts-de-France (CIE tous publics)" */
  char *region;             /* the region it belongs to: "Hauts-de-France" */
  gboolean cie_tous_publics;/* the row is CIE tous publics inside PEC_CIE_TP */
  double volume, ae, cp;
} TrjNotificationRow;

typedef struct {
  int year;
  TrjSeries smic_hourly[TRJ_N_ZONES];
  TrjSeries rsa[TRJ_N_ZONES];
  double cd_share;
  double weeks_per_month;
  TrjRules rules;
  double post_aid_amount[TRJ_N_KINDS][TRJ_N_ZONES];
  /* Amounts the circular does not print (« à vérifier »), by kind and zone. */
  gboolean post_aid_to_verify[TRJ_N_KINDS][TRJ_N_ZONES];
  /* Where each of them comes from (reference.ini, source_<KIND>[_<zone>]). */
  char *post_aid_source[TRJ_N_KINDS][TRJ_N_ZONES];
  double default_modulation;
  GPtrArray *regions;                      /* TrjRegion*, in notification order */
  GPtrArray *notification;                 /* TrjNotificationRow* */
  /* National notification (euros; volumes in contracts) */
  double national_iae, national_ea, national_geiq;
  double national_pec_volume, national_pec_ae, national_pec_cp;
  double national_cie_volume, national_cie_ae, national_cie_cp;
} TrjYearData;

/* The years for which data is embedded, ascending, terminated by 0. */
const int        *trj_year_data_available_years (void);
/* Loads (once) and returns the data of a year; NULL with a French error if absent. */
const TrjYearData *trj_year_data_get     (int year, GError **error);
/* Parses year data from the three files' contents (tests, updates). */
TrjYearData      *trj_year_data_parse    (const char *reference_ini,
                                          const char *notification_csv,
                                          const char *regions_csv,
                                          GError    **error);
void              trj_year_data_free     (TrjYearData *data);

/* Finds a region by name; case, accents, spaces and dashes are ignored
 * ("bretagne", "ile de france"). */
const TrjRegion  *trj_year_data_find_region (const TrjYearData *data, const char *name);
const TrjDepartement *trj_region_find_departement (const TrjRegion *region, const char *code);

/* Fills ref with the year's series for a zone (deep copy). */
void              trj_year_data_reference (const TrjYearData *data, TrjZone zone,
                                           TrjReference *ref);
/* Notified figures of a region's envelope (sums the rows that belong to it). */
gboolean          trj_year_data_notified  (const TrjYearData *data, const char *region,
                                           const char *envelope_id,
                                           double *volume, double *ae, double *cp);
/* Default unit amount of a post-aid kind in a zone. */
/* The national notification of a catalogue envelope (NAN for what the circular
 * does not give it: the CP and volume of the post-aid envelopes, anything of
 * an envelope it does not notify). */
void              trj_year_data_national  (const TrjYearData *data, const char *envelope_id,
                                           double *ae, double *cp, double *volume);
double            trj_year_data_unit_amount (const TrjYearData *data, TrjLineKind kind, TrjZone zone);
/* The source of the year's unit amount of `kind` in `zone` when the circular
 * does not print it (« à vérifier »), NULL when it does. */
const char       *trj_year_data_to_verify   (const TrjYearData *data, TrjLineKind kind, TrjZone zone);

/* The starting scenario of `trajectoire-cli example` and of a new workbook:
 * the envelopes PEC_CIE_TP, CIE_JEUNES, IAE, EA and GEIQ; the first two with
 * their notified AE, CP and volume (the others at 0 €, without lines, since
 * the circular does not split them by region); one line per envelope
 * (PEC in PEC_CIE_TP, CIE_JEUNES in CIE_JEUNES; plus a CIE_TP line for a
 * "CIE tous publics" row) at the circular's averages for the zone, volume =
 * notified volume, lag 1, and the envelope's calibrated profile (MODEL 2.7:
 * trj_scenario_calibrate_profiles). */
TrjScenario      *trj_year_data_example   (const TrjYearData *data, const char *region,
                                           GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjYearData, trj_year_data_free)

G_END_DECLS
