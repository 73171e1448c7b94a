/* trj-alert-text.c — see trj-alert-text.h */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-alert-text.h"
#include "trj-format.h"
#include "trj-catalog.h"
#include "trj-iae.h"
#include "trj-year-data.h"

/* The three figures an alert sentence quotes, already formatted. */
typedef struct {
  char *a, *b, *c;
} Figures;

static void
figures_clear (Figures *f)
{
  g_clear_pointer (&f->a, g_free);
  g_clear_pointer (&f->b, g_free);
  g_clear_pointer (&f->c, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Figures, figures_clear)

/* Value and the range it leaves, formatted by fmt. */
static void
range_figures (Figures *f, char *(*fmt) (double, int), int decimals, const TrjAlert *alert)
{
  f->a = fmt (alert->value, decimals);
  f->b = fmt (alert->limit_lo, decimals);
  f->c = fmt (alert->limit_hi, decimals);
}

/* Amount, the ceiling it passes (limit_hi) and by how much. */
static void
excess_figures (Figures *f, const TrjAlert *alert)
{
  f->a = trj_format_money (alert->value);
  f->b = trj_format_money (alert->limit_hi);
  f->c = trj_format_money (alert->value - alert->limit_hi);
}

/* An average and the figure it is compared with, as percentages with one
 * decimal, or more when one decimal would show them equal (50,02 % above
 * 50 % must not read « 50,0 % supérieur à 50,0 % »). */
static void
compared_percents (Figures *f, double value, double reference)
{
  for (int decimals = 1; decimals <= 3; decimals++)
    {
      g_clear_pointer (&f->a, g_free);
      g_clear_pointer (&f->b, g_free);
      f->a = trj_format_percent (value, decimals);
      f->b = trj_format_percent (reference, decimals);
      if (!g_str_equal (f->a, f->b))
        return;
    }
}

static char *alert_sentence (const TrjScenario *scenario, const TrjAlert *alert);

char *
trj_allocation_name (const TrjScenario *scenario, const TrjAllocation *allocation)
{
  const TrjYearData *data = scenario != NULL ? trj_year_data_get (scenario->year, NULL) : NULL;
  const TrjRegion *region = data != NULL && scenario->region != NULL
                              ? trj_year_data_find_region (data, scenario->region) : NULL;
  const TrjDepartement *dep = region != NULL ? trj_region_find_departement (region, allocation->departement) : NULL;
  g_autofree char *where = dep != NULL ? g_strdup_printf ("%s (%s)", dep->name, dep->code)
                                       : g_strdup (allocation->departement);

  if (allocation->prescriber == NULL)
    return g_steal_pointer (&where);
  /* TRANSLATORS: an allocation: "Finistère (29), France Travail" */
  return g_strdup_printf (_("%s, %s"), where, allocation->prescriber);
}

/* Issue 16: the lines of a département above its allocation. */
static char *
allocation_message (const TrjScenario *scenario, const TrjAlert *alert)
{
  const TrjEnvelope *env = scenario != NULL && alert->envelope >= 0
                             ? g_ptr_array_index (scenario->envelopes, alert->envelope) : NULL;
  const TrjAllocation *allocation = env != NULL && alert->allocation >= 0
                                      && (guint) alert->allocation < trj_envelope_n_allocations (env)
                                      ? g_ptr_array_index (env->allocations, alert->allocation) : NULL;
  g_autofree char *name = allocation != NULL ? trj_allocation_name (scenario, allocation) : g_strdup ("?");
  gboolean over_ae = alert->value > alert->limit_hi + TRJ_OVERRUN_EPSILON;
  gboolean over_volume = alert->volume > alert->capacity + 1e-9;
  g_autofree char *ae = trj_format_money (alert->value);
  g_autofree char *ae_allocated = trj_format_money (alert->limit_hi);
  g_autofree char *volume = trj_format_decimal (alert->volume, 2);
  g_autofree char *volume_allocated = trj_format_decimal (alert->capacity, 2);

  if (over_ae && over_volume)
    return g_strdup_printf (_("Allocation “%s” exceeded: the lines commit %s of AE for %s allocated "
                              "and a volume of %s for %s allocated"), name, ae, ae_allocated, volume, volume_allocated);
  if (over_ae)
    {
      g_autofree char *excess = trj_format_money (alert->value - alert->limit_hi);

      return g_strdup_printf (_("Allocation “%s” exceeded: the lines commit %s of AE for %s allocated (%s more)"),
                              name, ae, ae_allocated, excess);
    }
  return g_strdup_printf (_("Allocation “%s” exceeded: the lines hold a volume of %s for %s allocated"),
                          name, volume, volume_allocated);
}

char *
trj_alert_message (const TrjScenario *scenario, const TrjAlert *alert)
{
  g_autofree char *sentence = NULL;
  g_autofree char *first = NULL;
  const char *rest;

  g_return_val_if_fail (alert != NULL, NULL);
  sentence = alert_sentence (scenario, alert);
  if (!alert->exception_requested || sentence == NULL || *sentence == '\0')
    return g_steal_pointer (&sentence);
  /* MODEL 2.8: a justified line outside the ranges asks for an exception;
   * the sentence goes on in lower case after the colon. */
  rest = g_utf8_next_char (sentence);
  first = g_utf8_strdown (sentence, rest - sentence);
  {
    g_autofree char *lowered = g_strconcat (first, rest, NULL);

    return g_strdup_printf (_("Exceptional request: %s (justification attached)"), lowered);
  }
}

static char *
alert_sentence (const TrjScenario *scenario, const TrjAlert *alert)
{
  g_auto(Figures) f = { NULL, NULL, NULL };

  switch (alert->code)
    {
    case TRJ_ALERT_RATE_OUT_OF_RANGE:
      range_figures (&f, trj_format_percent, 1, alert);
      return g_strdup_printf (_("Rate of %s outside the range %s–%s"), f.a, f.b, f.c);
    case TRJ_ALERT_HOURS_OUT_OF_RANGE:
      range_figures (&f, trj_format_decimal, 1, alert);
      return g_strdup_printf (_("Weekly hours of %s h outside the range %s–%s h"),
                              f.a, f.b, f.c);
    case TRJ_ALERT_DURATION_OUT_OF_RANGE:
      range_figures (&f, trj_format_decimal, 1, alert);
      return g_strdup_printf (_("Duration of %s months outside the range %s–%s months"),
                              f.a, f.b, f.c);
    case TRJ_ALERT_AE_OVER_ENVELOPE:
      excess_figures (&f, alert);
      return g_strdup_printf (_("Programmed AE of %s exceed the available %s by %s"),
                              f.a, f.b, f.c);
    case TRJ_ALERT_CP_OVER_ENVELOPE:
      excess_figures (&f, alert);
      return g_strdup_printf (_("Programmed CP of %s exceed the available %s by %s"),
                              f.a, f.b, f.c);
    case TRJ_ALERT_FUNGIBILITY_OVER_CEILING:
      excess_figures (&f, alert);
      return g_strdup_printf (_("Initiatives territoriales of %s exceed the ceiling of %s by %s"),
                              f.a, f.b, f.c);
    case TRJ_ALERT_COFINANCING_EXCEEDS_AID:
      f.a = trj_format_money (alert->value);
      f.b = trj_format_money (alert->limit_hi);
      return g_strdup_printf (_("Département cofinancing of %s above the State’s socle of %s: "
                                "capped at the socle"), f.a, f.b);
    case TRJ_ALERT_COFINANCING_BELOW_TARGET:
      compared_percents (&f, alert->value, alert->limit_lo);
      return g_strdup_printf (_("Average cofinanced share of %s below the target of %s"),
                              f.a, f.b);
    case TRJ_ALERT_RATE_ABOVE_AVERAGE:
      compared_percents (&f, alert->value, alert->limit_hi);
      f.c = trj_format_integer (alert->capacity);
      if (alert->severity == TRJ_SEVERITY_INFO)
        return g_strdup_printf (_("Average rate of %s above the circular’s average of %s: "
                                  "at that rate the envelope funds %s contracts"), f.a, f.b, f.c);
      {
        g_autofree char *volume = trj_format_integer (alert->volume);

        return g_strdup_printf (_("Average rate of %s above the circular’s average of %s: "
                                  "at that rate the envelope funds %s contracts, %s are programmed: "
                                  "the volume must come down"), f.a, f.b, f.c, volume);
      }
    case TRJ_ALERT_IAE_BELOW_BASE:
      range_figures (&f, trj_format_decimal, 2, alert);
      return g_strdup_printf (_("%s ETP below the conventionnement base of %s ETP (last year’s realised, "
                                "at most its %s conventionnés): no structure goes below it unless it asks "
                                "(decrease requested)"), f.a, f.b, f.c);
    case TRJ_ALERT_IAE_ABOVE_BASE:
      range_figures (&f, trj_format_decimal, 2, alert);
      if (alert->needs & TRJ_IAE_NEEDS_REVALUATION)
        return g_strdup_printf (_("%s ETP above the conventionnement base of %s ETP: up to its %s ETP "
                                  "conventionnés last year, the structure must have asked for a revaluation "
                                  "after under-execution"), f.a, f.b, f.c);
      if ((alert->needs & TRJ_IAE_NEEDS_DEVELOPMENT) && (alert->needs & TRJ_IAE_NEEDS_PRISON))
        return g_strdup_printf (_("%s ETP above the %s ETP conventionnés last year: an ACI develops by "
                                  "exception, with a development project in prison"), f.a, f.c);
      if (alert->needs & TRJ_IAE_NEEDS_PRISON)
        return g_strdup_printf (_("%s ETP above the %s ETP conventionnés last year: an ACI develops by "
                                  "exception, for a project in prison"), f.a, f.c);
      return g_strdup_printf (_("%s ETP above the %s ETP conventionnés last year: a development project "
                                "is needed"), f.a, f.c);
    case TRJ_ALERT_IAE_UNDER_REALISED:
      f.a = trj_format_decimal (alert->value, 2);
      f.b = trj_format_percent (alert->limit_hi > 0 ? alert->value / alert->limit_hi : 0, 1);
      f.c = trj_format_decimal (alert->limit_hi, 2);
      {
        g_autofree char *tolerance = trj_format_percent (TRJ_IAE_REALISED_TOLERANCE, 0);

        return g_strdup_printf (_("At month %d, realised ETP projected at %s in annual average, %s of the "
                                  "%s ETP conventionnés: under the tolerance of %s"),
                                alert->month, f.a, f.b, f.c, tolerance);
      }
    case TRJ_ALERT_ALLOCATION_EXCEEDED:
      return allocation_message (scenario, alert);
    case TRJ_ALERT_PUBLIC_TARGET_MISSED:
      compared_percents (&f, alert->value, alert->limit_lo);
      return g_strdup_printf (_("%s: %s of the entries, under the target of %s"),
                              trj_catalog_public_title (CLAMP (alert->public_, 0, TRJ_N_PUBLICS - 1)),
                              f.a, f.b);
    case TRJ_ALERT_RENEWAL_TOO_LONG:
      f.a = trj_format_decimal (alert->value, 1);
      f.b = trj_format_decimal (alert->limit_hi, 0);
      return g_strdup_printf (_("Renewals of %s months: a renewal lasts at most %s months"), f.a, f.b);
    case TRJ_N_ALERT_CODES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
trj_alert_range_parameter (TrjAlertCode code, gboolean *percent)
{
  *percent = code == TRJ_ALERT_RATE_OUT_OF_RANGE;
  if (code == TRJ_ALERT_RATE_OUT_OF_RANGE)
    return _("Rate of State aid");
  if (code == TRJ_ALERT_HOURS_OUT_OF_RANGE)
    return _("Weekly hours");
  if (code == TRJ_ALERT_DURATION_OUT_OF_RANGE)
    return _("Duration (months)");
  if (code == TRJ_ALERT_RENEWAL_TOO_LONG)
    return _("Duration of a renewal (months)");
  return NULL;   /* not a range of the line */
}
