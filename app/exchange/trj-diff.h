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
