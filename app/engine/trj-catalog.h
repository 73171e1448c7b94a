/* trj-catalog.h — the one catalogue of envelopes, line kinds, units and parameters
 *
 * Every envelope the FIE programming knows, the kinds of line it holds, the unit
 * word of its volumes, and every parameter a scenario carries with its hard
 * limits (MODEL.md 2.1, 3 and the bounds no real programming reaches), its
 * default and its French title. The engine validates with it, the store checks
 * what it reads with it, the JSON/CSV readers and the grid refuse with it, the
 * GUI and the exports label with it. What varies by year (ranges, averages,
 * unit amounts, the default modulated part) is data of the year
 * (trj-year-data.h); trj_catalog_line_new() applies it.
 *
 * A new envelope, kind or parameter is a row of the tables in trj-catalog.c.
 * Titles are returned translated.
 */
#pragma once

#include "trj-year-data.h"

G_BEGIN_DECLS

/* The longest text (label, name, département…) Trajectoire keeps, in bytes:
 * the store's limit, and where every reader of a file refuses a longer one. */
#define TRJ_CATALOG_MAX_TEXT 4096
/* The longest justification of an exceptional request (MODEL 2.8), in
 * characters: a paragraph for the DGEFP, not a file. */
#define TRJ_CATALOG_MAX_REASON 1000

/* The unit word of a line's or an envelope's volume (MODEL 3). */
typedef enum {
  TRJ_UNIT_CONTRACTS,   /* "contrats" */
  TRJ_UNIT_ETP,         /* "ETP" */
  TRJ_UNIT_AIDS,        /* "aides" */
  TRJ_UNIT_EUROS,       /* "€" (free lines carry an amount) */
  TRJ_N_UNITS
} TrjUnit;

/* How a parameter is typed and shown. */
typedef enum {
  TRJ_PARAM_SHARE,      /* a fraction, 0.5 = 50 % */
  TRJ_PARAM_HOURS,
  TRJ_PARAM_MONTHS,     /* a duration or a lag in months */
  TRJ_PARAM_MONTH,      /* a month of the year, 0 = January */
  TRJ_PARAM_COUNT,      /* contracts, ETP, aids, people */
  TRJ_PARAM_WEIGHT,     /* a profile weight, relative */
  TRJ_PARAM_MONEY,      /* euros */
  TRJ_PARAM_EURO_RATE,  /* euros per hour or per month (SMIC, RSA) */
  TRJ_PARAM_FACTOR,     /* weeks per month */
  TRJ_PARAM_FLAG,       /* yes (1) or no (0) */
} TrjParamKind;

/* Every value of a scenario that has hard limits. The key is its JSON key. */
typedef enum {
  /* Contract lines (MODEL 2.1) */
  TRJ_PARAM_RATE,
  TRJ_PARAM_WEEKLY_HOURS,
  TRJ_PARAM_DURATION_MONTHS,
  TRJ_PARAM_COFINANCED_SHARE,
  TRJ_PARAM_PAYMENT_LAG_MONTHS,
  TRJ_PARAM_ENTRIES,
  TRJ_PARAM_VOLUME,
  TRJ_PARAM_PROFILE,
  TRJ_PARAM_PREVIOUS_ENTRIES,
  TRJ_PARAM_PUBLIC_SHARE,             /* publics.<code> (MODEL 2.8) */
  TRJ_PARAM_RENEWAL_SHARE,
  /* Post-aid lines (MODEL 3) */
  TRJ_PARAM_QUANTITY,
  TRJ_PARAM_UNIT_AMOUNT,
  TRJ_PARAM_MODULATION,
  TRJ_PARAM_SECOND_YEAR_QUANTITY,
  TRJ_PARAM_RSA_RECIPIENTS,
  TRJ_PARAM_RSA_MONTHS,
  TRJ_PARAM_COMMITMENT_MONTH,
  TRJ_PARAM_PAYMENT_PROFILE,
  TRJ_PARAM_MODULATION_MONTH,
  TRJ_PARAM_PRISON,
  /* IAE structures (MODEL 3.1, 3.2) */
  TRJ_PARAM_CONVENTIONNE_PREVIOUS,
  TRJ_PARAM_REALISE_PREVIOUS,
  TRJ_PARAM_DECREASE_REQUESTED,
  TRJ_PARAM_REVALUATION_REQUESTED,
  TRJ_PARAM_DEVELOPMENT,
  TRJ_PARAM_REALISED_ETP,             /* [12], NAN: no data for the month */
  /* Free lines (MODEL 3) */
  TRJ_PARAM_AE_AMOUNT,
  TRJ_PARAM_CP_SCHEDULE,
  /* Envelopes */
  TRJ_PARAM_AE_NOTIFIED,
  TRJ_PARAM_CP_NOTIFIED,
  TRJ_PARAM_VOLUME_NOTIFIED,
  TRJ_PARAM_PREVIOUS_MODULATION_CP,
  TRJ_PARAM_DEMANDE_AE,               /* demandes_complementaires.ae */
  TRJ_PARAM_DEMANDE_CP,               /* demandes_complementaires.cp */
  /* Fungibility (MODEL 2.6) */
  TRJ_PARAM_TRANSFER_AE,              /* cie_jeunes_to_pec_ae */
  TRJ_PARAM_TRANSFER_CP,              /* cie_jeunes_to_pec_cp */
  TRJ_PARAM_TERRITORIAL_AE,           /* initiatives_territoriales_ae */
  TRJ_PARAM_DEMANDES_COMPLEMENTAIRES,
  /* Reference values (MODEL 2.2, 6) */
  TRJ_PARAM_SMIC_HOURLY,
  TRJ_PARAM_RSA,
  TRJ_PARAM_CD_SHARE,
  TRJ_PARAM_WEEKS_PER_MONTH,
  /* Actuals (MODEL 8): what a row of the actuals reports besides the observed
   * rate, hours, duration and cofinancing (which take the line's limits). */
  TRJ_PARAM_ACTUAL_ENTRIES,
  TRJ_PARAM_ACTUAL_ETP,
  TRJ_PARAM_ACTUAL_AE,
  TRJ_PARAM_ACTUAL_CP,
  /* Issue 16: the DDETS' share (allocations) and the CAOM (MODEL 2.8) */
  TRJ_PARAM_ALLOCATION_AE,            /* allocations[].ae */
  TRJ_PARAM_ALLOCATION_VOLUME,        /* allocations[].volume */
  TRJ_PARAM_CAOM_CONTRACTS,           /* caom.<code>.contracts */
  TRJ_PARAM_CAOM_PROFILE,             /* caom.<code>.profile [12] */
  TRJ_N_PARAMS
} TrjParam;

typedef struct {
  const char  *key;           /* JSON key: "rate" */
  const char  *title;         /* untranslated; use trj_catalog_param_title() */
  TrjParamKind kind;
  double       min, max;
  gboolean     min_open;      /* the bound itself is refused (0 < rate) */
  gboolean     max_open;
  gboolean     whole;         /* whole numbers only (lag, month) */
  double       default_value; /* when a document leaves it out (the year may say better) */
  guint        n_values;      /* 1, or TRJ_MONTHS for a month-by-month array */
  gboolean     positive_sum;  /* an array that must not sum to 0 (profiles) */
} TrjParamSpec;

typedef struct {
  const char        *id;           /* "PEC_CIE_TP" */
  const char        *title;        /* untranslated; use trj_catalog_envelope_title() */
  TrjUnit            unit;
  /* The kinds its lines may take, the first being that of a new line. */
  const TrjLineKind *kinds;
  guint              n_kinds;
  /* Its notified AE count in the initiatives territoriales base (MODEL 2.6). */
  gboolean           territorial_base;
  /* CIE jeunes → PEC: the envelope credits are moved from, and the one they go
   * to (which also gives the initiatives territoriales amount). */
  gboolean           transfer_source;
  gboolean           transfer_target;
  /* The kind whose rules its envelope alerts use (TrjRules.contract is by kind)
   * and whose lines its cofinancing target counts (PEC), -1: none. */
  int                rules_index;
} TrjCatalogEnvelope;

typedef struct {
  TrjLineKind   kind;
  const char   *name;      /* JSON and store name: "CIE_JEUNES" */
  const char   *title;     /* untranslated; use trj_catalog_kind_title() */
  TrjLineShape  shape;
  TrjUnit       unit;
  gboolean      iae;       /* an IAE kind: modulation and département cofinancing */
  gboolean      structure; /* a kind of structure a CDI inclusion can belong to (MODEL 3) */
  int           default_lag; /* payment lag of a new line: 1 for contracts, 0 otherwise */
} TrjCatalogKind;

/* ── Envelopes ── */
guint                     trj_catalog_n_envelopes     (void);
/* In the order the programming file, the consolidation and the sidebar use. */
const TrjCatalogEnvelope *trj_catalog_envelope_at     (guint index);
/* NULL for an id the catalogue does not know. */
const TrjCatalogEnvelope *trj_catalog_envelope        (const char *id);
/* The position of a known id in the catalogue, G_MAXINT for an unknown one. */
int                       trj_catalog_envelope_order  (const char *id);
/* Translated title ("PEC et CIE tous publics"); the id itself when unknown. */
const char               *trj_catalog_envelope_title  (const char *id);
/* The kind of a new line of the envelope (TRJ_KIND_FREE when unknown). */
TrjLineKind               trj_catalog_envelope_default_kind (const char *id);
/* The id of the envelope with no credits of its own (FDI, MODEL 3), whose
 * free lines are funded from the margins of another. */
const char               *trj_catalog_fdi_envelope    (void);
/* Ids of the CIE jeunes → PEC move. */
const char               *trj_catalog_transfer_source (void);
const char               *trj_catalog_transfer_target (void);

/* ── Kinds ── */
const TrjCatalogKind     *trj_catalog_kind            (TrjLineKind kind);
const char               *trj_catalog_kind_title      (TrjLineKind kind);
/* The first envelope that holds lines of the kind (the one a line of that kind
 * goes to when a file does not say), NULL when none does. */
const char               *trj_catalog_kind_envelope   (TrjLineKind kind);
/* Whether the envelope `id` may hold a line of `kind`: a free line stands in
 * any envelope (INITIATIVES_TERRITORIALES has no entry of its own), another
 * only in an envelope of the catalogue, of any kind (a line's kind may be
 * changed in the grid). When not, *why (if not NULL) gets a French sentence. */
gboolean                  trj_catalog_envelope_holds  (const char *id, TrjLineKind kind, char **why);
/* The names of the kinds of a shape, in catalogue order: "PEC, CIE_JEUNES, CIE_TP". */
char                     *trj_catalog_kind_names      (TrjLineShape shape);

/* CDI inclusion: the kind of structure of a line that does not say (ACI). */
TrjLineKind               trj_catalog_default_structure_kind (void);

/* The modulated part of an IAE structure in prison, fixed by the circular
 * (Fiche 2 §2.2: « Le montant modulé est fixé à 5 % du montant socle »). */
#define TRJ_PRISON_MODULATION 0.05

/* MODEL 3.2: a structure whose projected realised ETP are under this share
 * of its conventionné at the ASP's alert months gets IAE_UNDER_REALISED. */
#define TRJ_IAE_REALISED_TOLERANCE 0.90

/* ── Publics (MODEL 2.8) ── */
/* The code of the JSON object "publics" and of the year's targets: "QPV". */
const char               *trj_catalog_public_code     (TrjPublic public_);
/* Translated: « Résidents QPV ». */
const char               *trj_catalog_public_title    (TrjPublic public_);
gboolean                  trj_catalog_public_from_code (const char *code, TrjPublic *out);
/* The codes, "QPV, ZRR, ESSMS, SENIORS", for messages. */
const char               *trj_catalog_public_codes    (void);

/* ── Units ── */
/* "contrats", "ETP", "aides", "€" */
const char               *trj_catalog_unit_word       (TrjUnit unit);

/* ── Parameters ── */
const TrjParamSpec       *trj_catalog_param           (TrjParam param);
const char               *trj_catalog_param_title     (TrjParam param);
gboolean                  trj_catalog_param_from_key  (const char *key, TrjParam *out);
/* TRUE when value is inside the hard limits (finite, whole where it must be). */
gboolean                  trj_catalog_accepts         (TrjParam param, double value);
/* As trj_catalog_accepts, with a French message saying why not, prefixed with
 * the key path when path is not NULL ("envelopes[0].lines[2].rate: 1.4 is above 1").
 * The error is TRJ_ENGINE_ERROR_INVALID (trj-engine.h). */
gboolean                  trj_catalog_check           (TrjParam     param,
                                                       const char  *path,
                                                       double       value,
                                                       GError     **error);

/* An exceptional request's justification (MODEL 2.8): valid UTF-8, at most
 * TRJ_CATALOG_MAX_REASON characters, no control character but line breaks
 * and tabs. NULL is accepted (no request). A French message when not,
 * prefixed with path when not NULL. */
gboolean                  trj_catalog_check_reason    (const char  *text,
                                                       const char  *path,
                                                       GError     **error);

/* ── Lines ── */
/* The budgeted modulated part of a post-aid line that does not give one: the
 * year's default for an IAE kind (MODEL 3), the catalogue's otherwise, and
 * the catalogue's for an IAE kind when data is NULL. */
double                    trj_catalog_default_modulation (TrjLineKind        kind,
                                                          const TrjYearData *data);
/* The year's unit amount of a post-aid line: its kind's, and for a CDI
 * inclusion 100 % of the socle of its structure's kind (Fiche 2 §2.2). */
double                    trj_catalog_line_unit_amount (const TrjLine     *line,
                                                        const TrjYearData *data,
                                                        TrjZone            zone);
/* A new line with the catalogue's defaults and, when data is not NULL, the
 * year's: the circular's averages and cofinancing target for contract lines
 * (zone's ranges), the unit amount of the kind and zone and the default
 * modulated part for post-aid lines. Its label is left NULL. */
TrjLine                  *trj_catalog_line_new        (const char        *id,
                                                       TrjLineKind        kind,
                                                       const TrjYearData *data,
                                                       TrjZone            zone);

G_END_DECLS
