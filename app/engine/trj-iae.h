/* trj-iae.h — IAE structures: the conventionnement base, realised ETP and the
 * bourse aux postes (MODEL.md 3.1, 3.2)
 *
 * A structure (SIAE) of the region's register is an IAE post-aid line that
 * names it (TrjLine.structure_name): one line per structure and kind. These
 * functions read such lines; they compute, they never write a workbook.
 */
#pragma once

#include "trj-engine.h"

G_BEGIN_DECLS

/* A SIRET is 14 digits whose Luhn sum is a multiple of 10 (La Poste's
 * establishments, SIREN 356 000 000, may instead have a plain sum of digits
 * that is a multiple of 5). Spaces are not accepted: the readers remove them. When not valid,
 * *why (if not NULL) gets a French sentence. */
gboolean trj_siret_check (const char *siret, char **why);

/* What a structure's ETP need from its flags (MODEL 3.1); a bit set is a flag
 * the line lacks, 0 when the line is in order. */
typedef enum {
  TRJ_IAE_NEEDS_DECREASE    = 1 << 0,  /* below the base: decrease_requested */
  TRJ_IAE_NEEDS_REVALUATION = 1 << 1,  /* base < q ≤ conventionné: revaluation_requested */
  TRJ_IAE_NEEDS_DEVELOPMENT = 1 << 2,  /* above the conventionné: development */
  TRJ_IAE_NEEDS_PRISON      = 1 << 3,  /* an ACI above its conventionné: prison */
} TrjIaeNeeds;

/* base = min(realise_previous, conventionne_previous); FALSE when the line
 * does not carry both (no check then). */
gboolean trj_iae_base   (const TrjLine *line, double *base);
/* The TrjIaeNeeds of the line's quantity against its base (0 without base). */
guint    trj_iae_needs  (const TrjLine *line);

/* MODEL 3.2. The last month with realised data, 1..12 (0: none). */
int      trj_iae_last_month (const TrjLine *line);
/* The projected annual average with the data of months 1..T (T ≥ 1):
 * (Σ_{m ≤ T} realised[m] + (12 − T) · realised[T]) / 12, a month without
 * data before T counting 0 ETP (no declaration, nothing paid). */
double   trj_iae_projected  (const TrjLine *line, int T);
/* The ASP's alert month reached with data up to T: 10, 5, or 0 (none yet). */
int      trj_iae_alert_month (int T);

/* ── Bourse aux postes (MODEL 3.2) ── */

typedef struct {
  guint line;          /* index in the envelope's lines */
  int month;           /* its last month with data (0: none) */
  double projected;    /* NAN without data */
  double rate;         /* projected / quantity, NAN when either is missing */
  double spare;        /* givers: quantity − projected (annual-average ETP) */
  gboolean market;     /* EI or ETTI: proposed first as a receiver */
} TrjBourseCandidate;

/* The structures of an envelope that can give ETP: their consumption rate is
 * under the tolerance (TRJ_IAE_REALISED_TOLERANCE), most spare first. */
GArray  *trj_bourse_givers    (const TrjEnvelope *env);
/* The other structures, which can receive: market structures (EI, ETTI)
 * first, then by consumption rate, highest first (those without data last). */
GArray  *trj_bourse_receivers (const TrjEnvelope *env);

typedef struct {
  double from_quantity, to_quantity;   /* the two lines' ETP after the move */
  double freed;                        /* AE the giver no longer needs */
  double used;                         /* AE the receiver needs more */
  double margin_before, margin_after;  /* the envelope's AE margin */
} TrjBourseMove;

/* Moving `delta` ETP (annual average, the unit of the lines' quantity; over
 * the T months left that is delta · 12 / (12 − T) posts) from one structure
 * to another of the envelope: the euros freed and used and the margin after,
 * each computed by the engine on a copy of the scenario (not modified).
 * Refused (TRJ_ENGINE_ERROR_INVALID, French message) when a line is not a
 * structure of the envelope, the two are the same, or delta is not in
 * ]0, quantity of the giver]. */
gboolean trj_bourse_move (const TrjScenario *scenario,
                          const char        *envelope_id,
                          const char        *from_line,
                          const char        *to_line,
                          double             delta,
                          TrjBourseMove     *move,
                          GError           **error);

/* ── Imports (the register, the ASP's declarations) ── */

/* A structure of the register and what it sets on its line (one line per
 * structure and kind). What the row does not give is "not given": a NAN
 * figure, a NULL text, a flag off. */
typedef struct {
  char *line_id;             /* the line it updates; NULL: a new line of the IAE envelope */
  TrjLineKind kind;
  char *name;
  char *siret;
  char *departement;
  double quantity;           /* NAN: the line's, or for a new line its base (0 without one) */
  double conventionne_previous;
  double realise_previous;
  gboolean decrease_requested, revaluation_requested, development, prison;
} TrjStructureRow;

void trj_structure_row_free (TrjStructureRow *row);
/* The ETP a new line of the row starts with: its base, else its conventionné, else 0. */
double trj_structure_row_quantity (const TrjStructureRow *row);

/* The realised ETP of one line read from a file; NAN: a month the file does not give. */
typedef struct {
  char *line_id;
  double etp[TRJ_MONTHS];
} TrjRealisedRow;

void trj_realised_row_free (TrjRealisedRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjStructureRow, trj_structure_row_free)

G_END_DECLS
