/* trj-diff.h — comparing two scenarios (MODEL 9): `trajectoire-cli diff`
 *
 * Lines are matched by id, then, among those left, by kind + département +
 * prescriber when that names one line on each side. For each envelope and each
 * matched line the comparison gives the figures of A and of B (volume,
 * parameters, AE, CP, capacity, alerts) and what changed; lines only in B are
 * added, lines only in A removed.
 */
#pragma once

#include "trj-engine.h"

G_BEGIN_DECLS

#define TRJ_DIFF_FORMAT "trajectoire-diff/1"

/* The figures compared, shared by the diff and the « Comparer » table
 * (trj-compare.h). */
typedef enum {
  TRJ_DIFF_UNIT_MONEY,
  TRJ_DIFF_UNIT_SHARE,
  TRJ_DIFF_UNIT_COUNT,        /* contracts: one decimal in the table */
  TRJ_DIFF_UNIT_DECIMAL,
} TrjDiffUnit;

/* On a line: its volume, the parameters of its shape, AE, CP. */
typedef enum {
  TRJ_DIFF_LINE_VOLUME, TRJ_DIFF_LINE_RATE, TRJ_DIFF_LINE_HOURS, TRJ_DIFF_LINE_DURATION,
  TRJ_DIFF_LINE_COFINANCING, TRJ_DIFF_LINE_LAG, TRJ_DIFF_LINE_UNIT_AMOUNT, TRJ_DIFF_LINE_MODULATION,
  TRJ_DIFF_LINE_AE_AMOUNT, TRJ_DIFF_LINE_AE, TRJ_DIFF_LINE_CP, TRJ_DIFF_N_LINE_KEYS
} TrjDiffLineKey;

typedef enum {
  TRJ_DIFF_ENVELOPE_VOLUME, TRJ_DIFF_ENVELOPE_AE, TRJ_DIFF_ENVELOPE_CP, TRJ_DIFF_ENVELOPE_CP_STOCK,
  TRJ_DIFF_ENVELOPE_AE_AVAILABLE, TRJ_DIFF_ENVELOPE_CP_AVAILABLE, TRJ_DIFF_ENVELOPE_AE_MARGIN,
  TRJ_DIFF_ENVELOPE_CP_MARGIN, TRJ_DIFF_ENVELOPE_CAPACITY, TRJ_DIFF_N_ENVELOPE_KEYS
} TrjDiffEnvelopeKey;

typedef struct {
  const char *key;            /* JSON key, as in the scenario and result documents */
  const char *title;          /* N_(): in `trajectoire-cli diff`'s text, « volume » */
  const char *heading;        /* N_(): in the « Comparer » table, « Volume (contracts) »; NULL: not shown there */
  guint shapes;               /* lines: 1 << TrjLineShape of the lines that have it */
  TrjDiffUnit unit;
} TrjDiffKey;

extern const TrjDiffKey trj_diff_line_keys[TRJ_DIFF_N_LINE_KEYS];
extern const TrjDiffKey trj_diff_envelope_keys[TRJ_DIFF_N_ENVELOPE_KEYS];

/* Whether a line of this kind has the figure (FALSE for NULL). */
gboolean trj_diff_line_has_key      (const TrjLine *line, TrjDiffLineKey key);
double   trj_diff_line_value        (const TrjLine *line, const TrjLineResult *r, TrjDiffLineKey key);
double   trj_diff_envelope_value    (const TrjEnvelopeResult *r, TrjDiffEnvelopeKey key);

typedef enum {
  TRJ_DIFF_MATCH_ID,          /* same line id */
  TRJ_DIFF_MATCH_ATTRIBUTES,  /* same kind, département and prescriber */
} TrjDiffMatch;

typedef struct {
  const TrjLine *a, *b;       /* NULL on the side it is missing from */
  int a_envelope, b_envelope; /* indexes in each scenario, -1: missing */
  int a_line, b_line;
  TrjDiffMatch match;
  gboolean changed;           /* a figure, a parameter or an alert differs */
} TrjDiffLine;

typedef struct {
  const char *id;
  int a, b;                   /* index in each scenario, -1: missing */
  gboolean changed;
} TrjDiffEnvelope;

typedef struct {
  const TrjScenario *a, *b;   /* not owned */
  TrjResult *result_a, *result_b;
  GArray *envelopes;          /* TrjDiffEnvelope, A's order then B's new ones */
  GArray *lines;              /* TrjDiffLine: matched, then added, then removed */
} TrjDiff;

/* Computes both scenarios (with their year's rules) and compares them; the
 * scenarios must outlive the result. */
TrjDiff *trj_diff_new     (const TrjScenario *a, const TrjScenario *b, GError **error);
void     trj_diff_free    (TrjDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjDiff, trj_diff_free)

/* The "trajectoire-diff/1" document of MODEL 9 (transfer full). */
char    *trj_diff_to_json (const TrjDiff *diff);
/* The same for a person, in French, one change a line (transfer full). */
char    *trj_diff_to_text (const TrjDiff *diff, const char *name_a, const char *name_b);

G_END_DECLS
