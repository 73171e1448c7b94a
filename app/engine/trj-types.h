/* trj-types.h — plain input structures of the calculation model (MODEL.md 2, 3, 6)
 *
 * The engine reads these and writes TrjResult (trj-engine.h). They are plain C
 * structs with no I/O: the store builds them from a workbook, the exchange
 * layer from JSON, the tests by hand.
 *
 * Months are indexed 0..11 (January..December of the programme year).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRJ_MONTHS 12

typedef enum {
  TRJ_ZONE_METROPOLE,
  TRJ_ZONE_OUTRE_MER,
  TRJ_ZONE_MAYOTTE,
  TRJ_N_ZONES
} TrjZone;

/* Line kinds. Contrats aidés first, then post-aid kinds (MODEL 3), then free lines. */
typedef enum {
  TRJ_KIND_PEC,
  TRJ_KIND_CIE_JEUNES,
  TRJ_KIND_CIE_TP,
  /* IAE */
  TRJ_KIND_EI,
  TRJ_KIND_ETTI,
  TRJ_KIND_ACI,
  TRJ_KIND_AI,
  TRJ_KIND_EITI,
  TRJ_KIND_PASSERELLE,
  TRJ_KIND_CDI_INCLUSION,
  /* Entreprises adaptées */
  TRJ_KIND_EA_SOCLE,
  TRJ_KIND_EA_MAD,
  TRJ_KIND_EA_CDDT,
  TRJ_KIND_EA_EATT,
  /* GEIQ */
  TRJ_KIND_GEIQ_RENFORCE,
  TRJ_KIND_GEIQ_STANDARD,
  /* Free lines: initiatives territoriales, FDI, demandes complémentaires */
  TRJ_KIND_FREE,
  TRJ_N_KINDS
} TrjLineKind;

typedef enum {
  TRJ_LINE_SHAPE_CONTRACT,   /* MODEL 2: PEC, CIE jeunes, CIE TP */
  TRJ_LINE_SHAPE_POST_AID,   /* MODEL 3: IAE, EA, GEIQ */
  TRJ_LINE_SHAPE_FREE,       /* MODEL 3: free lines */
} TrjLineShape;

/* MODEL 2.8: the publics whose share of a contract line's entries may be
 * given; the year's targets are data (TrjRules.public_target). Their codes
 * and titles are the catalogue's (trj_catalog_public_code). */
typedef enum {
  TRJ_PUBLIC_QPV,            /* residents of a quartier prioritaire de la ville */
  TRJ_PUBLIC_ZRR,            /* residents of a zone de revitalisation rurale */
  TRJ_PUBLIC_ESSMS,          /* jobs in ESSMS, grand âge, petite enfance */
  TRJ_PUBLIC_SENIORS,        /* seniors (no target in 2024) */
  TRJ_N_PUBLICS
} TrjPublic;

/* How a contract line's entries were given (kept for faithful round-trips). */
typedef enum {
  TRJ_ENTRIES_MONTHLY,       /* "entries": [12] */
  TRJ_ENTRIES_VOLUME,        /* "volume" + optional "profile" */
} TrjEntriesMode;

typedef struct {
  /* Effective date, as yyyymmdd (20240101). */
  gint32 from;
  double value;
} TrjRefPoint;

/* A dated series (MODEL 2.2): the value for a month is that of the latest
 * point dated on or before its first day. Points are sorted by date. */
typedef struct {
  TrjRefPoint *points;
  guint n_points;
} TrjSeries;

/* The reference values the engine needs for one scenario (one zone). */
typedef struct {
  TrjSeries smic_hourly;
  TrjSeries rsa;
  double cd_share;          /* 0.88 */
  double weeks_per_month;   /* 52/12 */
} TrjReference;

/* Ranges and averages of the year for one kind and zone (MODEL 5). */
typedef struct {
  double rate_min, rate_max, rate_avg;
  double hours_min, hours_max, hours_avg;
  double duration_min, duration_max, duration_avg;
  double cofinancing_target;  /* 0 where the circular sets none */
} TrjKindRules;

typedef struct {
  int year;
  /* Indexed [kind][zone] for the three contract kinds. */
  TrjKindRules contract[3][TRJ_N_ZONES];
  /* Initiatives territoriales ceiling, share of all FIE AE notified (0.0044). */
  double territorial_ceiling_share;
  /* Tolerance for RATE_ABOVE_AVERAGE, in rate points (0 = strict). */
  double average_tolerance;
  /* MODEL 2.8: the share of a contrats aidés envelope's entries each public
   * should reach (0: no target), and the longest renewal and parcours. */
  double public_target[TRJ_N_PUBLICS];
  double renewal_max_months;
  double parcours_max_months;
} TrjRules;

typedef struct {
  char *id;
  char *label;
  TrjLineKind kind;
  char *departement;        /* code, "29"; may be NULL */
  char *prescriber;         /* may be NULL */
  char *note;               /* the planner's note on the line, NULL: none */

  /* Contract lines (MODEL 2.1) */
  double rate;
  double weekly_hours;
  double duration_months;
  double cofinanced_share;
  int payment_lag_months;
  TrjEntriesMode entries_mode;
  double entries[TRJ_MONTHS];          /* always filled: derived from volume × profile in VOLUME mode */
  double volume;                       /* VOLUME mode input */
  double profile[TRJ_MONTHS];          /* VOLUME mode input (uniform when absent) */
  gboolean has_profile;                /* the profile was given explicitly */
  double previous_entries[TRJ_MONTHS];
  gboolean has_previous_entries;
  /* MODEL 2.8: the share of the entries going to each public (has_public:
   * given), the share of renewals, and the justification of a line outside
   * the year's ranges (an exceptional request; NULL: none). */
  double publics[TRJ_N_PUBLICS];
  gboolean has_public[TRJ_N_PUBLICS];
  double renewal_share;
  gboolean has_renewal_share;
  char *exception_reason;

  /* Post-aid lines (MODEL 3) */
  double quantity;
  double unit_amount;                  /* always the amount used (loaders fill the year's table) */
  gboolean has_unit_amount;            /* TRUE: typed by the user, FALSE: from the year's table */
  double modulation;
  double second_year_quantity;
  double rsa_recipients;
  double rsa_months;
  int commitment_month;                /* 0..11 */
  double payment_profile[TRJ_MONTHS];
  gboolean has_payment_profile;        /* FALSE: 1/12 each month */
  int modulation_month;                /* 0..11: month of Y+1 the modulated part is paid (April) */
  gboolean prison;                     /* IAE structure in prison: modulated part fixed at 5 % */
  TrjLineKind structure_kind;          /* CDI_INCLUSION: kind of the structure, whose socle it takes */

  /* IAE lines: the structure (SIAE) of the region's register and its
   * conventionnement (MODEL 3.1); its département is the line's. */
  char *structure_name;                /* NULL: the line names no structure */
  char *siret;                         /* 14 digits (Luhn checked), NULL when not given */
  double conventionne_previous;        /* ETP conventionnés in Y−1 */
  gboolean has_conventionne_previous;
  double realise_previous;             /* ETP réalisés in Y−1, annual average */
  gboolean has_realise_previous;
  gboolean decrease_requested;         /* the structure asks to go below its base */
  gboolean revaluation_requested;      /* after under-execution, up to its conventionné */
  gboolean development;                /* a development project, above its conventionné */
  /* MODEL 3.2: realised ETP of each month (the ASP's declarations), NAN for
   * a month without data. */
  double realised_etp[TRJ_MONTHS];

  /* Free lines (MODEL 3): AE amount at commitment_month, CP typed by the user */
  double ae_amount;
  double cp_schedule[TRJ_MONTHS];
  char *funded_from;                   /* envelope whose margins fund it (FDI), NULL: its own */
} TrjLine;

/* MODEL 2.6: an extra amount an envelope asks for, never in its available AE. */
typedef struct {
  double ae;
  double cp;
  char *reason;                        /* NULL when none is asked */
} TrjDemande;

/* Issue 16: the DDETS' share of an envelope — the AE and volume the DREETS
 * allocates to a département (optionally to one prescriber there); the lines
 * of that département (and prescriber) are checked against it. */
typedef struct {
  char *departement;                   /* code, "29" */
  char *prescriber;                    /* NULL: every prescriber of the département */
  double ae;
  double volume;
} TrjAllocation;

/* MODEL 2.8: the conseil départemental's commitment (CAOM) — the cofinanced
 * contracts it signed for and their monthly profile (uniform when absent). */
typedef struct {
  char *departement;
  double contracts;
  double profile[TRJ_MONTHS];
  gboolean has_profile;
} TrjCaom;

typedef struct {
  char *id;                            /* "PEC_CIE_TP", "CIE_JEUNES", "IAE", "EA", "GEIQ", … */
  double ae_notified;
  double cp_notified;
  double volume_notified;
  gboolean cp_notified_includes_stock;
  double previous_modulation_cp;       /* last year's modulated part paid in Y (post-aid) */
  TrjDemande demande;                  /* demandes complémentaires */
  GPtrArray *lines;                    /* TrjLine*, owned */
  GPtrArray *allocations;              /* TrjAllocation*, owned; NULL or empty: none */
  GPtrArray *caom;                     /* TrjCaom*, owned; NULL or empty: none */
} TrjEnvelope;

typedef struct {
  double cie_jeunes_to_pec_ae;
  double cie_jeunes_to_pec_cp;
  gboolean has_cie_jeunes_to_pec_cp;   /* FALSE: T · cp/ae of CIE jeunes */
  double initiatives_territoriales_ae;
  char *initiatives_territoriales_source;  /* envelope id, NULL: the catalogue's (PEC_CIE_TP) */
  double demandes_complementaires;     /* kept apart from the envelopes */
} TrjFungibility;

typedef struct {
  int year;
  char *region;
  TrjZone zone;
  TrjReference reference;
  /* Which reference values the scenario overrides (for round-trips). */
  gboolean overrides_smic, overrides_rsa, overrides_cd_share, overrides_weeks;
  GPtrArray *envelopes;                /* TrjEnvelope*, owned */
  TrjFungibility fungibility;
  gboolean has_fungibility;
} TrjScenario;

/* Names used in JSON, the store and the CLI (kinds: from trj-catalog). */
const char  *trj_zone_to_string      (TrjZone zone);
gboolean     trj_zone_from_string    (const char *s, TrjZone *out);
const char  *trj_kind_to_string      (TrjLineKind kind);
gboolean     trj_kind_from_string    (const char *s, TrjLineKind *out);
TrjLineShape trj_kind_shape          (TrjLineKind kind);

/* Series */
void         trj_series_clear        (TrjSeries *series);
void         trj_series_copy         (TrjSeries *dest, const TrjSeries *src);
void         trj_series_append       (TrjSeries *series, gint32 from, double value);
/* Value in force on the first day of (year, month 1..12); FALSE before the first date. */
gboolean     trj_series_value_at     (const TrjSeries *series, int year, int month, double *out);

void         trj_reference_clear     (TrjReference *ref);
void         trj_reference_copy      (TrjReference *dest, const TrjReference *src);

/* Lines, envelopes, scenarios. _new returns a zeroed line with the model's defaults
 * (lag 1, uniform profile, commitment January). */
TrjLine     *trj_line_new            (const char *id, TrjLineKind kind);
TrjLine     *trj_line_copy           (const TrjLine *line);
void         trj_line_free           (TrjLine *line);
/* VOLUME mode: fills entries[] from volume × profile / Σprofile. FALSE when Σprofile ≤ 0. */
gboolean     trj_line_spread_volume  (TrjLine *line);
double       trj_line_volume         (const TrjLine *line);   /* Σ entries */

TrjAllocation *trj_allocation_new    (const char *departement, const char *prescriber,
                                      double ae, double volume);
TrjAllocation *trj_allocation_copy   (const TrjAllocation *allocation);
void         trj_allocation_free     (TrjAllocation *allocation);
/* Whether a line counts against an allocation: same département, and same
 * prescriber when the allocation names one. */
gboolean     trj_allocation_covers   (const TrjAllocation *allocation, const TrjLine *line);
/* Adds an allocation at the end of the envelope's (the array made when NULL). */
void         trj_envelope_add_allocation (TrjEnvelope *env, TrjAllocation *allocation);
guint        trj_envelope_n_allocations  (const TrjEnvelope *env);
TrjCaom     *trj_caom_new            (const char *departement, double contracts);
TrjCaom     *trj_caom_copy           (const TrjCaom *caom);
void         trj_caom_free           (TrjCaom *caom);
void         trj_envelope_add_caom   (TrjEnvelope *env, TrjCaom *caom);
guint        trj_envelope_n_caom     (const TrjEnvelope *env);

TrjEnvelope *trj_envelope_new        (const char *id);
TrjEnvelope *trj_envelope_copy       (const TrjEnvelope *env);
void         trj_envelope_free       (TrjEnvelope *env);
TrjLine     *trj_envelope_find_line  (const TrjEnvelope *env, const char *line_id);

TrjScenario *trj_scenario_new        (void);
TrjScenario *trj_scenario_copy       (const TrjScenario *scenario);
void         trj_scenario_free       (TrjScenario *scenario);
TrjEnvelope *trj_scenario_find_envelope (const TrjScenario *scenario, const char *envelope_id);
/* Its position in scenario->envelopes (the index of its result), -1 when absent. */
int          trj_scenario_envelope_index (const TrjScenario *scenario, const char *envelope_id);
/* Finds a line anywhere in the scenario; optional out: its envelope. */
TrjLine     *trj_scenario_find_line  (const TrjScenario *scenario, const char *line_id,
                                      TrjEnvelope **envelope_out);
guint        trj_scenario_n_lines    (const TrjScenario *scenario);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjLine, trj_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjEnvelope, trj_envelope_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjAllocation, trj_allocation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjScenario, trj_scenario_free)

G_END_DECLS
