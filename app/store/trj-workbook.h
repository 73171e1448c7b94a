/* trj-workbook.h — a planner's workbook: one SQLite file (.trajectoire)
 *
 * A workbook holds one region and programme year, any number of scenarios
 * (each with its envelopes, lines, fungibility, demandes complémentaires and
 * reference-value overrides) and a persistent, unlimited undo/redo journal.
 *
 * Every edit function below is ONE transaction and ONE undo step, durable when
 * it returns (WAL, synchronous=FULL): there is no "unsaved" state. Wrap several
 * edits between trj_workbook_begin_batch() and trj_workbook_end_batch() to make
 * them one transaction and one undo step (paste, solver, import).
 *
 * The workbook hands out snapshots: trj_workbook_get_scenario() builds a plain
 * TrjScenario (engine types) from the rows; the caller owns it. Listen to
 * "changed" to know when to take a new one.
 *
 * Identifiers:
 *  - scenarios: a gint64 id, stable for the life of the file (never reused);
 *  - envelopes: their id string inside a scenario (a catalogue id, trj-catalog.h);
 *  - lines: their id string (TrjLine.id), unique inside a scenario and stable
 *    across edits, moves, undo and redo. A duplicated scenario keeps its lines' ids.
 *
 * A workbook opened read-only (open in another process, file not writable)
 * refuses every edit with TRJ_WORKBOOK_ERROR_READ_ONLY.
 *
 * Not thread-safe: use a workbook from one thread.
 */
#pragma once

#include <glib-object.h>

#include "trj-actuals.h"
#include "trj-engine.h"
#include "trj-iae.h"
#include "trj-types.h"

G_BEGIN_DECLS

#define TRJ_WORKBOOK_ERROR (trj_workbook_error_quark ())
GQuark trj_workbook_error_quark (void);

typedef enum {
  TRJ_WORKBOOK_ERROR_NOT_WORKBOOK,  /* not a Trajectoire file (foreign SQLite or other) */
  TRJ_WORKBOOK_ERROR_CORRUPT,       /* truncated or damaged (quick_check failed) */
  TRJ_WORKBOOK_ERROR_TOO_NEW,       /* written by a newer Trajectoire */
  TRJ_WORKBOOK_ERROR_READ_ONLY,     /* edit refused: the workbook is read-only */
  TRJ_WORKBOOK_ERROR_NOT_FOUND,     /* no such scenario, envelope or line */
  TRJ_WORKBOOK_ERROR_INVALID,       /* a value outside its limits, a duplicate name… */
  TRJ_WORKBOOK_ERROR_EXISTS,        /* the target file already exists */
  TRJ_WORKBOOK_ERROR_IO,            /* the file system or SQLite failed */
  TRJ_WORKBOOK_ERROR_FROZEN,        /* edit refused: the scenario was sent (MODEL 9) */
  TRJ_WORKBOOK_ERROR_REALISED,      /* edit refused: the months with actuals of a reprogramming (MODEL 8) */
} TrjWorkbookError;

/* Line parameters that can be edited one at a time. */
typedef enum {
  /* text: trj_workbook_set_line_text() (NULL or "" clears département / prescriber) */
  TRJ_LINE_FIELD_LABEL,
  TRJ_LINE_FIELD_DEPARTEMENT,
  TRJ_LINE_FIELD_PRESCRIBER,
  /* kind: trj_workbook_set_line_text() with its catalogue name or
   * trj_workbook_set_line_number() with the TrjLineKind value */
  TRJ_LINE_FIELD_KIND,
  /* numbers: trj_workbook_set_line_number() */
  TRJ_LINE_FIELD_RATE,
  TRJ_LINE_FIELD_WEEKLY_HOURS,
  TRJ_LINE_FIELD_DURATION_MONTHS,
  TRJ_LINE_FIELD_COFINANCED_SHARE,
  TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS,
  /* Volume: in TRJ_ENTRIES_VOLUME mode sets the volume (entries follow the profile);
   * in TRJ_ENTRIES_MONTHLY mode scales the monthly entries, keeping their profile
   * (a line with no entries gets a uniform profile). */
  TRJ_LINE_FIELD_VOLUME,
  TRJ_LINE_FIELD_ENTRIES_MODE,        /* TrjEntriesMode; switching keeps the entries */
  TRJ_LINE_FIELD_QUANTITY,
  TRJ_LINE_FIELD_UNIT_AMOUNT,         /* NAN: back to the year's table */
  TRJ_LINE_FIELD_MODULATION,
  TRJ_LINE_FIELD_SECOND_YEAR_QUANTITY,
  TRJ_LINE_FIELD_RSA_RECIPIENTS,
  TRJ_LINE_FIELD_RSA_MONTHS,
  TRJ_LINE_FIELD_COMMITMENT_MONTH,    /* 0..11 */
  TRJ_LINE_FIELD_AE_AMOUNT,           /* free lines */
  TRJ_LINE_FIELD_MODULATION_MONTH,    /* 0..11, of Y+1 */
  TRJ_LINE_FIELD_PRISON,              /* 0 or 1 */
  TRJ_LINE_FIELD_STRUCTURE_KIND,      /* TrjLineKind of a CDI inclusion's structure */
  /* text: trj_workbook_set_line_text() (NULL or "": its own envelope) */
  TRJ_LINE_FIELD_FUNDED_FROM,         /* free lines: the envelope whose margins fund it */
  /* IAE structures (MODEL 3.1): texts through trj_workbook_set_line_text()
   * (NULL or "": none; a SIRET is checked), numbers through _number() (NAN:
   * not given), flags 0 or 1 */
  TRJ_LINE_FIELD_STRUCTURE_NAME,
  TRJ_LINE_FIELD_SIRET,
  TRJ_LINE_FIELD_CONVENTIONNE_PREVIOUS,
  TRJ_LINE_FIELD_REALISE_PREVIOUS,
  TRJ_LINE_FIELD_DECREASE_REQUESTED,
  TRJ_LINE_FIELD_REVALUATION_REQUESTED,
  TRJ_LINE_FIELD_DEVELOPMENT,
  /* The planner's note on a line, any shape: trj_workbook_set_line_text()
   * (NULL or "": none). */
  TRJ_LINE_FIELD_NOTE,
  /* MODEL 2.8, contract lines: a public's share of the entries
   * (TRJ_LINE_FIELD_PUBLIC_QPV + TrjPublic) and the share of renewals,
   * numbers through _number() (NAN: not given); the justification of an
   * exceptional request, text through _text() (NULL or "": none). */
  TRJ_LINE_FIELD_PUBLIC_QPV,
  TRJ_LINE_FIELD_PUBLIC_ZRR,
  TRJ_LINE_FIELD_PUBLIC_ESSMS,
  TRJ_LINE_FIELD_PUBLIC_SENIORS,
  TRJ_LINE_FIELD_RENEWAL_SHARE,
  TRJ_LINE_FIELD_EXCEPTION_REASON,
  TRJ_N_LINE_FIELDS
} TrjLineField;

/* The twelve-month arrays of a line (month 0..11). */
typedef enum {
  TRJ_LINE_MONTHS_ENTRIES,            /* n[m]; editing a VOLUME-mode line turns it MONTHLY */
  TRJ_LINE_MONTHS_PREVIOUS_ENTRIES,   /* p[m]; sets has_previous_entries */
  TRJ_LINE_MONTHS_PROFILE,            /* VOLUME-mode profile; sets has_profile */
  TRJ_LINE_MONTHS_PAYMENT_PROFILE,    /* post-aid; sets has_payment_profile */
  TRJ_LINE_MONTHS_CP_SCHEDULE,        /* free lines */
  TRJ_LINE_MONTHS_REALISED_ETP,       /* IAE structures (MODEL 3.2); NAN: no data, the month's row removed */
  TRJ_N_LINE_MONTHS
} TrjLineMonths;

typedef enum {
  TRJ_ENVELOPE_FIELD_AE_NOTIFIED,
  TRJ_ENVELOPE_FIELD_CP_NOTIFIED,
  TRJ_ENVELOPE_FIELD_VOLUME_NOTIFIED,
  TRJ_ENVELOPE_FIELD_CP_INCLUDES_STOCK,       /* 0 or 1 */
  TRJ_ENVELOPE_FIELD_PREVIOUS_MODULATION_CP,
  TRJ_ENVELOPE_FIELD_DEMANDE_AE,              /* demandes complémentaires (MODEL 2.6) */
  TRJ_ENVELOPE_FIELD_DEMANDE_CP,
  TRJ_N_ENVELOPE_FIELDS
} TrjEnvelopeField;

/* MODEL 2.6; named after the catalogue's parameters (TRJ_PARAM_TRANSFER_AE …):
 * the move from trj_catalog_transfer_source() to trj_catalog_transfer_target(). */
typedef enum {
  TRJ_FUNGIBILITY_TRANSFER_AE,
  TRJ_FUNGIBILITY_TRANSFER_CP,       /* NAN: default T · cp/ae of the source envelope */
  TRJ_FUNGIBILITY_TERRITORIAL_AE,
  TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES,
  TRJ_N_FUNGIBILITY_FIELDS
} TrjFungibilityField;

/* Reference values a scenario may override (MODEL 2.2, 6). */
typedef enum {
  TRJ_REFERENCE_SMIC_HOURLY,      /* series */
  TRJ_REFERENCE_RSA,              /* series */
  TRJ_REFERENCE_CD_SHARE,         /* value */
  TRJ_REFERENCE_WEEKS_PER_MONTH,  /* value */
  TRJ_N_REFERENCES
} TrjReferenceKind;

/* What an edit (or an undo/redo) changed: the argument of "changed", also its
 * detail: "changed::scenarios" when SCENARIOS is set, else "changed::lines" when
 * LINES is, else "changed::values". */
typedef enum {
  TRJ_WORKBOOK_CHANGE_VALUES    = 1 << 0, /* figures of one scenario: recompute */
  TRJ_WORKBOOK_CHANGE_LINES     = 1 << 1, /* lines or envelopes added, removed, moved: reshape */
  TRJ_WORKBOOK_CHANGE_SCENARIOS = 1 << 2, /* scenario list, names, order or current one */
} TrjWorkbookChange;

typedef struct {
  gint64 id;
  char *name;
  guint position;     /* 0-based, in display order */
} TrjScenarioInfo;

void trj_scenario_info_free (TrjScenarioInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjScenarioInfo, trj_scenario_info_free)

#define TRJ_TYPE_WORKBOOK (trj_workbook_get_type ())
G_DECLARE_FINAL_TYPE (TrjWorkbook, trj_workbook, TRJ, WORKBOOK, GObject)

/* The file name extension, without dot. */
#define TRJ_WORKBOOK_EXTENSION "trajectoire"

/* ── Opening ───────────────────────────────────────────────────────────── */

/* Creates a new workbook at `path` (which must not exist) for a region and year,
 * with one scenario built from the embedded notification (the same as
 * `trajectoire-cli example`). */
TrjWorkbook *trj_workbook_new_for_region (const char *path,
                                          const char *region,
                                          int         year,
                                          GError    **error);

/* The same with a starting scenario of one's own (the example with a
 * regional notification applied: trajectoire-cli new --notification); its
 * year, region and zone are the workbook's. */
TrjWorkbook *trj_workbook_new_with_scenario (const char        *path,
                                             const TrjScenario *scenario,
                                             GError           **error);

/* Builds once per process what judging a file's tables needs (the schema of
 * this version, about 8 ms), which the first open would otherwise do; from
 * any thread (the application does it in one while its window is built). */
void         trj_workbook_preload        (void);

/* Opens a workbook. Refuses (file left byte for byte untouched) a file that is
 * not a Trajectoire workbook, is truncated or corrupted, or comes from a newer
 * version. Older versions are migrated in place. When another process has the
 * workbook open, or the file is not writable, it opens read-only:
 * trj_workbook_is_read_only() and trj_workbook_get_read_only_reason() tell. */
TrjWorkbook *trj_workbook_open           (const char *path,
                                          GError    **error);

/* Releases the file (also done on finalize). After this, every call fails. */
void         trj_workbook_close          (TrjWorkbook *self);

const char  *trj_workbook_get_path       (TrjWorkbook *self);
gboolean     trj_workbook_is_read_only   (TrjWorkbook *self);
/* A French sentence saying why, NULL when writable. */
const char  *trj_workbook_get_read_only_reason (TrjWorkbook *self);

const char  *trj_workbook_get_region     (TrjWorkbook *self);
int          trj_workbook_get_year       (TrjWorkbook *self);
TrjZone      trj_workbook_get_zone       (TrjWorkbook *self);
/* The year's rules (ranges, averages) for the engine. */
const TrjRules *trj_workbook_get_rules   (TrjWorkbook *self);
/* Metadata: creation and last modification (UTC), version that last wrote it. */
GDateTime   *trj_workbook_get_created    (TrjWorkbook *self);   /* transfer full */
GDateTime   *trj_workbook_get_modified   (TrjWorkbook *self);   /* transfer full */
char        *trj_workbook_get_app_version (TrjWorkbook *self);  /* transfer full */

/* "Enregistrer une copie": a consistent copy of the whole file (with its undo
 * history) at `path`, which must not exist. The workbook stays on its file. */
gboolean     trj_workbook_save_copy      (TrjWorkbook *self,
                                          const char  *path,
                                          GError     **error);

/* ── Scenarios ─────────────────────────────────────────────────────────── */

/* TrjScenarioInfo*, in display order (transfer full). */
GPtrArray   *trj_workbook_list_scenarios (TrjWorkbook *self);
/* 0 when no scenario has that name (names are unique in a workbook). */
gint64       trj_workbook_find_scenario  (TrjWorkbook *self, const char *name);
/* transfer full; NULL when unknown. */
char        *trj_workbook_get_scenario_name (TrjWorkbook *self, gint64 scenario_id);
gint64       trj_workbook_get_current_scenario (TrjWorkbook *self);
/* Persisted, but not an undo step (it is navigation, not an edit). */
gboolean     trj_workbook_set_current_scenario (TrjWorkbook *self,
                                                gint64       scenario_id,
                                                GError     **error);

/* A snapshot of a scenario as engine structures (transfer full): region, year,
 * zone, reference (the year's values with the scenario's overrides), envelopes
 * and lines in display order. */
TrjScenario *trj_workbook_get_scenario   (TrjWorkbook *self,
                                          gint64       scenario_id,
                                          GError     **error);
/* One line of a scenario as in its snapshot (transfer full), for a view
 * that refreshes the line an edit changed without reading the others. */
TrjLine     *trj_workbook_get_line       (TrjWorkbook *self,
                                          gint64       scenario_id,
                                          const char  *line_id,
                                          GError     **error);

/* Edits on scenarios; each returns the new scenario's id, 0 on error. */
gint64       trj_workbook_create_scenario    (TrjWorkbook *self,     /* from the notification */
                                              const char  *name,
                                              GError     **error);
gint64       trj_workbook_duplicate_scenario (TrjWorkbook *self,
                                              gint64       scenario_id,
                                              const char  *name,     /* NULL: "<name> (copie)" */
                                              GError     **error);
/* Adds a scenario from engine structures (JSON import): region and year must be
 * the workbook's. Everything the scenario carries is kept, so exporting it gives
 * back an equal document. */
gint64       trj_workbook_import_scenario    (TrjWorkbook       *self,
                                              const TrjScenario *scenario,
                                              const char        *name,
                                              GError           **error);
gboolean     trj_workbook_rename_scenario    (TrjWorkbook *self,
                                              gint64       scenario_id,
                                              const char  *name,
                                              GError     **error);
/* Refused for the last scenario. */
gboolean     trj_workbook_delete_scenario    (TrjWorkbook *self,
                                              gint64       scenario_id,
                                              GError     **error);
gboolean     trj_workbook_move_scenario      (TrjWorkbook *self,
                                              gint64       scenario_id,
                                              guint        position,
                                              GError     **error);

/* ── Versions sent to the DGEFP (MODEL 9) ──────────────────────────────── */

typedef enum {
  TRJ_SENT_PROGRAMMATION,
  TRJ_SENT_REPROGRAMMATION,
  TRJ_SENT_REMONTEE,
  TRJ_N_SENT_KINDS
} TrjSentKind;

/* "programmation", "reprogrammation", "remontee": the CLI's --kind. */
const char  *trj_sent_kind_to_string   (TrjSentKind kind);
gboolean     trj_sent_kind_from_string (const char *name, TrjSentKind *out);
/* Translated: « Programmation », « Reprogrammation », « Remontée ». */
const char  *trj_sent_kind_title       (TrjSentKind kind);

typedef struct {
  gint64 scenario;
  char *scenario_name;
  TrjSentKind kind;
  char *date;         /* YYYY-MM-DD: the day it was sent */
  char *comment;      /* "" for none */
  char *recorded;     /* ISO 8601 UTC: when it was marked */
} TrjSentVersion;

void trj_sent_version_free (TrjSentVersion *version);
/* « Version transmise à la DGEFP le 15/03/2024 (Programmation) : comment »,
 * as the programming file and the window show it (transfer full). */
char *trj_sent_version_describe (const TrjSentVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjSentVersion, trj_sent_version_free)

/* « Marquer comme transmis »: records the sending (date NULL: today, else
 * YYYY-MM-DD) and freezes the scenario. From then on every edit of it (values,
 * lines, envelopes, name, deletion, and the undo or redo of a step that changed
 * it) is refused with TRJ_WORKBOOK_ERROR_FROZEN, by the file itself; only its
 * place in the list may change. It can be duplicated into a working scenario.
 * Not an undo step: a version sent stays sent. Emits "changed::scenarios". */
gboolean     trj_workbook_mark_sent    (TrjWorkbook  *self,
                                        gint64        scenario_id,
                                        TrjSentKind   kind,
                                        const char   *date,
                                        const char   *comment,
                                        GError      **error);
/* The history: TrjSentVersion*, in the order they were sent (transfer full);
 * NULL with a CORRUPT error when a row of the file is out of its limits. */
GPtrArray   *trj_workbook_list_sent    (TrjWorkbook  *self,
                                        GError      **error);
/* The sending of a scenario (transfer full); NULL without error when it was not sent. */
TrjSentVersion *trj_workbook_get_sent  (TrjWorkbook  *self,
                                        gint64        scenario_id,
                                        GError      **error);
gboolean     trj_workbook_is_frozen    (TrjWorkbook  *self,
                                        gint64        scenario_id);
/* The scenario of the version sent last, 0 when none was. */
gint64       trj_workbook_get_last_sent (TrjWorkbook *self);

/* ── Actuals (MODEL 8) ──────────────────────────────────────────────────── */

/* The year's actuals (transfer full), each row checked on read (a CORRUPT
 * error naming the row when one is out of its limits). */
TrjActuals  *trj_workbook_get_actuals    (TrjWorkbook      *self,
                                          GError          **error);
/* Stores the rows (each replaces the row of the same line and month) as one
 * undo step « Importer le réalisé ». Actuals belong to the year, not to a
 * scenario: importing them is possible once versions are sent. */
gboolean     trj_workbook_import_actuals (TrjWorkbook      *self,
                                          const TrjActuals *actuals,
                                          GError          **error);
/* One row typed in the « Réalisé » grid, as one undo step « Saisir le
 * réalisé »: replaces the row of its line and month, or deletes it when it
 * reports no value any more. Checked as on read; refused whole otherwise. */
gboolean     trj_workbook_set_actual     (TrjWorkbook      *self,
                                          const TrjActual  *row,
                                          GError          **error);

/* ── Reprogramming (MODEL 8) ────────────────────────────────────────────── */

/* « Reprogrammer »: a new scenario built from reference_id and the year's
 * actuals (trj_reprogramming_build: each contract line split into its
 * realised part to month T and its open part after), named name (NULL:
 * « <reference> — reprogrammation à fin <mois> », numbered when taken), as
 * one undo step « Reprogrammer ». The store then refuses, with
 * TRJ_WORKBOOK_ERROR_REALISED and a French message, every change of its
 * realised lines and of the entries of months 1…T of its other lines, by the
 * file itself (triggers), whoever runs the SQL. Duplicating it gives an
 * ordinary scenario. Returns the new scenario's id, 0 on error. */
gint64       trj_workbook_reprogram      (TrjWorkbook  *self,
                                          gint64        reference_id,
                                          const char   *name,
                                          GError      **error);
/* T of a reprogramming (1…12), 0 for any other scenario. */
guint        trj_workbook_get_reprogrammed_month (TrjWorkbook *self, gint64 scenario_id);
/* TRUE for the realised part of a line of a reprogramming (read only). */
gboolean     trj_workbook_is_realised_line (TrjWorkbook *self, gint64 scenario_id, const char *line_id);

/* ── IAE structures (MODEL 3.1, 3.2) ───────────────────────────────────── */

/* Writes the register's rows (TrjStructureRow*, trj-iae.h): each updates its
 * line or adds one to the IAE envelope (added when missing), as one undo step
 * « Importer le registre des structures »; nothing changes when any row is
 * refused or the scenario it would leave is not valid. */
gboolean     trj_workbook_import_structures (TrjWorkbook *self,
                                             gint64       scenario_id,
                                             GPtrArray   *rows,
                                             GError     **error);
/* Writes the months each TrjRealisedRow gives (the others are kept) as one
 * undo step « Importer les ETP réalisés ». */
gboolean     trj_workbook_import_realised   (TrjWorkbook *self,
                                             gint64       scenario_id,
                                             GPtrArray   *rows,
                                             GError     **error);
/* Bourse aux postes: moves `delta` ETP from one structure to another
 * (trj_bourse_move), one undo step; *move (may be NULL) gets the euros freed
 * and used and the margins. */
gboolean     trj_workbook_move_etp          (TrjWorkbook   *self,
                                             gint64         scenario_id,
                                             const char    *envelope_id,
                                             const char    *from_line,
                                             const char    *to_line,
                                             double         delta,
                                             TrjBourseMove *move,
                                             GError       **error);

/* ── Envelopes ─────────────────────────────────────────────────────────── */

gboolean     trj_workbook_set_envelope_number (TrjWorkbook      *self,
                                               gint64            scenario_id,
                                               const char       *envelope_id,
                                               TrjEnvelopeField  field,
                                               double            value,
                                               GError          **error);
/* The reason of the envelope's demande complémentaire (MODEL 2.6); NULL or ""
 * clears it. Its AE and CP are TRJ_ENVELOPE_FIELD_DEMANDE_AE / _CP. */
gboolean     trj_workbook_set_demande_reason (TrjWorkbook  *self,
                                              gint64        scenario_id,
                                              const char   *envelope_id,
                                              const char   *reason,
                                              GError      **error);
/* Adds an empty envelope (IAE, EA, GEIQ, …) at the end; refused if it exists. */
gboolean     trj_workbook_add_envelope    (TrjWorkbook *self,
                                           gint64       scenario_id,
                                           const char  *envelope_id,
                                           GError     **error);
/* Removes an envelope with all its lines. */
gboolean     trj_workbook_remove_envelope (TrjWorkbook *self,
                                           gint64       scenario_id,
                                           const char  *envelope_id,
                                           GError     **error);

/* ── Lines ─────────────────────────────────────────────────────────────── */

gboolean     trj_workbook_set_line_text   (TrjWorkbook  *self,
                                           gint64        scenario_id,
                                           const char   *line_id,
                                           TrjLineField  field,
                                           const char   *value,
                                           GError      **error);
/* Values outside the hard limits of MODEL 2.1 / 3 are refused (French message). */
gboolean     trj_workbook_set_line_number (TrjWorkbook  *self,
                                           gint64        scenario_id,
                                           const char   *line_id,
                                           TrjLineField  field,
                                           double        value,
                                           GError      **error);
gboolean     trj_workbook_set_line_month  (TrjWorkbook   *self,
                                           gint64         scenario_id,
                                           const char    *line_id,
                                           TrjLineMonths  months,
                                           guint          month,     /* 0..11 */
                                           double         value,
                                           GError       **error);
gboolean     trj_workbook_set_line_months (TrjWorkbook   *self,
                                           gint64         scenario_id,
                                           const char    *line_id,
                                           TrjLineMonths  months,
                                           const double   values[TRJ_MONTHS],
                                           GError       **error);
/* Back to "not given": no previous entries, uniform profile, default payment
 * profile, zero CP schedule / entries. */
gboolean     trj_workbook_reset_line_months (TrjWorkbook   *self,
                                             gint64         scenario_id,
                                             const char    *line_id,
                                             TrjLineMonths  months,
                                             GError       **error);

/* Adds a line at `position` in the envelope (-1: at the end) with the year's
 * averages for its kind and zone. Returns its id (transfer full), NULL on error. */
char        *trj_workbook_add_line        (TrjWorkbook *self,
                                           gint64       scenario_id,
                                           const char  *envelope_id,
                                           TrjLineKind  kind,
                                           int          position,
                                           GError     **error);
/* Inserts a copy right after the line; returns the copy's id (transfer full). */
char        *trj_workbook_duplicate_line  (TrjWorkbook *self,
                                           gint64       scenario_id,
                                           const char  *line_id,
                                           GError     **error);
gboolean     trj_workbook_remove_line     (TrjWorkbook *self,
                                           gint64       scenario_id,
                                           const char  *line_id,
                                           GError     **error);
/* Moves a line to `position` (0-based) inside its envelope. */
gboolean     trj_workbook_move_line       (TrjWorkbook *self,
                                           gint64       scenario_id,
                                           const char  *line_id,
                                           guint        position,
                                           GError     **error);

/* Writes what the solver settled (trj_engine_solve_settle) for `unknown` into
 * the line, as one undo step named `label` (translated): the monthly entries of
 * a line given month by month whose volume was solved, else the one value. */
gboolean     trj_workbook_apply_solution  (TrjWorkbook   *self,
                                           gint64         scenario_id,
                                           const TrjLine *settled,
                                           TrjUnknown     unknown,
                                           const char    *label,
                                           GError       **error);
/* Writes a solution over an envelope (trj_engine_solve_envelope): every
 * settled line as above, with its ramp when the CP was a target; one undo step. */
gboolean     trj_workbook_apply_envelope_solution (TrjWorkbook               *self,
                                                   gint64                     scenario_id,
                                                   const TrjEnvelopeSolution *solution,
                                                   const char                *label,
                                                   GError                   **error);

/* ── Saved entry profiles (MODEL 2.7) ─────────────────────────────────── */

#define TRJ_WORKBOOK_PROFILE_NAME_MAX 60   /* characters */

typedef struct {
  char *name;
  double weights[TRJ_MONTHS];
} TrjSavedProfile;

/* The workbook's saved profiles (TrjSavedProfile*), sorted by name; owned by
 * the workbook, replaced by a save ("profiles-changed"). */
GPtrArray   *trj_workbook_get_profiles    (TrjWorkbook  *self);
/* Saves (or replaces) the profile `name`: a name of 1 to
 * TRJ_WORKBOOK_PROFILE_NAME_MAX characters, 12 weights within the
 * catalogue's limits, not all 0. Not an undo step. */
gboolean     trj_workbook_save_profile    (TrjWorkbook  *self,
                                           const char   *name,
                                           const double  weights[TRJ_MONTHS],
                                           GError      **error);
/* Renames the saved profile `name` to `new_name` (checked as on save),
 * refused when no profile has that name or another already has the new one.
 * Not an undo step. */
gboolean     trj_workbook_rename_profile  (TrjWorkbook  *self,
                                           const char   *name,
                                           const char   *new_name,
                                           GError      **error);
/* Deletes the saved profile `name`; refused when there is none. The lines
 * that had it applied keep their entries. Not an undo step. */
gboolean     trj_workbook_delete_profile  (TrjWorkbook  *self,
                                           const char   *name,
                                           GError      **error);

/* ── Fungibility, demandes complémentaires, reference overrides ────────── */

gboolean     trj_workbook_set_fungibility (TrjWorkbook         *self,
                                           gint64               scenario_id,
                                           TrjFungibilityField  field,
                                           double               value,
                                           GError             **error);
/* The envelope initiatives territoriales are taken from (MODEL 2.6,
 * `initiatives_territoriales_source`): one of the scenario's envelopes in the
 * ceiling's base; NULL goes back to the default (trj_catalog_transfer_target ()). */
gboolean     trj_workbook_set_territorial_source (TrjWorkbook *self,
                                                  gint64       scenario_id,
                                                  const char  *envelope_id,
                                                  GError     **error);
/* TRJ_REFERENCE_SMIC_HOURLY / _RSA: series NULL removes the override. */
gboolean     trj_workbook_set_reference_series (TrjWorkbook      *self,
                                                gint64            scenario_id,
                                                TrjReferenceKind  kind,
                                                const TrjSeries  *series,
                                                GError          **error);
/* « Modifier les hypothèses » (MODEL 7, the window's « Hypothèses »): the
 * scenario's SMIC and RSA series at once, one undo step; NULL (or a series
 * of no point) for either: the year's series, no override. Each point is
 * checked against the catalogue's limits; a refusal changes nothing. */
gboolean     trj_workbook_set_hypotheses       (TrjWorkbook      *self,
                                                gint64            scenario_id,
                                                const TrjSeries  *smic_hourly,
                                                const TrjSeries  *rsa,
                                                GError          **error);
/* TRJ_REFERENCE_CD_SHARE / _WEEKS_PER_MONTH: NAN removes the override. */
gboolean     trj_workbook_set_reference_value  (TrjWorkbook      *self,
                                                gint64            scenario_id,
                                                TrjReferenceKind  kind,
                                                double            value,
                                                GError          **error);

/* ── The DDETS' share and the CAOM (issue 16) ─────────────────────────── */

/* « Modifier les allocations »: the envelope's allocations become those of
 * `values` (an envelope whose allocations only are read), one undo step;
 * each within the catalogue's limits (trj_envelope_validate_share), a
 * département (and prescriber) once. Emits a VALUES change. */
gboolean     trj_workbook_set_allocations (TrjWorkbook       *self,
                                           gint64             scenario_id,
                                           const char        *envelope_id,
                                           const TrjEnvelope *values,
                                           GError           **error);
/* « Modifier les CAOM »: the same for the envelope's CAOM (MODEL 2.8). */
gboolean     trj_workbook_set_caom        (TrjWorkbook       *self,
                                           gint64             scenario_id,
                                           const char        *envelope_id,
                                           const TrjEnvelope *values,
                                           GError           **error);

/* The DDETS files (trj-ddets.h): what a preparation records. */
typedef struct {
  char *departement;
  char *token;           /* the preparation's, carried by the file */
  char *prepared;        /* ISO 8601 UTC */
  char *scenario_name;   /* the region's scenario it was prepared from (the file's record) */
  char *base;            /* the lines as sent, a trajectoire-scenario/1 document (the region's record) */
} TrjDdetsRecord;

void         trj_ddets_record_free        (TrjDdetsRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjDdetsRecord, trj_ddets_record_free)
/* The region's record of the file prepared for a département (replaces the
 * previous one); not an undo step. */
gboolean     trj_workbook_record_ddets_share (TrjWorkbook          *self,
                                              gint64                scenario_id,
                                              const TrjDdetsRecord *record,
                                              GError              **error);
/* NULL without error when none was prepared; CORRUPT when the row is damaged. */
TrjDdetsRecord *trj_workbook_get_ddets_share (TrjWorkbook *self,
                                              gint64       scenario_id,
                                              const char  *departement,
                                              GError     **error);
/* The DDETS file's own record (département, token, scenario_name, prepared). */
gboolean     trj_workbook_set_ddets_part  (TrjWorkbook          *self,
                                           const TrjDdetsRecord *record,
                                           GError              **error);
TrjDdetsRecord *trj_workbook_get_ddets_part (TrjWorkbook *self, GError **error);
/* One undo step `label`: each line of `lines` (TrjLine*) replaces the line of
 * its id (keeping its place) or is added at the end of its envelope
 * (`envelopes`, char*, one per line); the lines of `removed` are removed.
 * Checked as typed input and as the engine's (trj_scenario_validate): a
 * refusal changes nothing. */
gboolean     trj_workbook_merge_lines     (TrjWorkbook        *self,
                                           gint64              scenario_id,
                                           const char         *label,
                                           GPtrArray          *lines,
                                           GPtrArray          *envelopes,
                                           const char *const  *removed,
                                           GError            **error);

/* ── Batches and undo ──────────────────────────────────────────────────── */

/* Everything between begin and end is one transaction and one undo step named
 * `label` (translated, e.g. "Coller"). Batches nest; the outermost label wins.
 * "changed" is emitted once, at the end. */
void         trj_workbook_begin_batch     (TrjWorkbook *self,
                                           const char  *label);
gboolean     trj_workbook_end_batch       (TrjWorkbook *self,
                                           GError     **error);
/* Rolls the whole batch back (e.g. a paste that failed half-way). */
void         trj_workbook_cancel_batch    (TrjWorkbook *self);

gboolean     trj_workbook_can_undo        (TrjWorkbook *self);
gboolean     trj_workbook_can_redo        (TrjWorkbook *self);
/* The label of the step undo/redo would revert/replay ("Modifier le taux"),
 * NULL when none. Show it as "Annuler « %s »". */
const char  *trj_workbook_get_undo_label  (TrjWorkbook *self);
const char  *trj_workbook_get_redo_label  (TrjWorkbook *self);
gboolean     trj_workbook_undo            (TrjWorkbook *self,
                                           GError     **error);
gboolean     trj_workbook_redo            (TrjWorkbook *self,
                                           GError     **error);

/* Signals:
 *   "changed" (TrjWorkbook *wb, gint64 scenario_id, guint changes, const char *line_id)
 *     G_SIGNAL_DETAILED; emitted after every committed edit, undo and redo.
 *     scenario_id: the scenario edited, 0 when several or the workbook itself;
 *     changes: TrjWorkbookChange flags; line_id: the line when one line's value
 *     changed, else NULL.
 * Properties (read-only, notify on change): "path", "read-only",
 *   "read-only-reason", "region", "year", "can-undo", "can-redo", "undo-label",
 *   "redo-label", "current-scenario" (gint64). */

G_END_DECLS
