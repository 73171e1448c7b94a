/* trj-share.h — the DDETS' share of an envelope and the départements' CAOM
 * (issue 16; MODEL 2.8)
 *
 * An envelope may be split into allocations (TrjAllocation, trj-types.h): the
 * AE and volume the DREETS gives a département, optionally one prescriber of
 * it. The lines an allocation covers (trj_allocation_covers) are checked
 * against it: ALLOCATION_EXCEEDED (an alert) when their AE or their volume is
 * above it. A département's CAOM (TrjCaom) is compared month by month with
 * the cofinanced entries (c · n[m]) of the envelope's contract lines there.
 * Pure computation on a computed result.
 */
#pragma once

#include "trj-engine.h"

G_BEGIN_DECLS

typedef struct {
  double ae;        /* AE of the lines the allocation covers */
  double volume;    /* their volume (contracts, ETP, aids) */
  guint n_lines;
} TrjAllocationFigures;

/* The figures of allocation a of envelope e (indices of the scenario), from
 * a result computed for that scenario. */
void trj_allocation_figures (const TrjScenario *scenario, const TrjResult *result,
                             guint e, guint a, TrjAllocationFigures *out);
/* The same for an allocation that need not be one of the envelope's (a draft
 * being typed in the allocations editor). */
void trj_allocation_figures_of (const TrjScenario *scenario, const TrjResult *result,
                                guint e, const TrjAllocation *allocation, TrjAllocationFigures *out);
/* Whether the lines an allocation covers exceed it (ALLOCATION_EXCEEDED):
 * their AE by more than TRJ_OVERRUN_EPSILON, or their volume. */
gboolean trj_allocation_ae_exceeded     (const TrjAllocation *allocation, const TrjAllocationFigures *f);
gboolean trj_allocation_volume_exceeded (const TrjAllocation *allocation, const TrjAllocationFigures *f);

typedef struct {
  double committed[TRJ_MONTHS];   /* contracts × w[m] / Σw: the CAOM's cofinanced entries */
  double cofinanced[TRJ_MONTHS];  /* Σ c · n[m] over the envelope's contract lines of the département */
  double gap[TRJ_MONTHS];         /* cofinanced − committed: negative, fewer than the CAOM says */
  double committed_total, cofinanced_total, gap_total;
  /* The gap cumulated from January, and the month (0-based) where it is
   * furthest from zero, the first such month; -1 when it never leaves zero. */
  double cumulative_gap[TRJ_MONTHS];
  int largest_month;
  double largest_gap;             /* cumulative_gap[largest_month], 0 without one */
} TrjCaomGap;

void trj_caom_gap (const TrjEnvelope *env, const TrjCaom *caom, TrjCaomGap *out);
/* The envelope's CAOM of a département, NULL when it has none. */
const TrjCaom *trj_envelope_find_caom (const TrjEnvelope *env, const char *departement);

G_END_DECLS
