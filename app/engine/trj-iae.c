/* trj-iae.c — see trj-iae.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "trj-catalog.h"
#include "trj-iae.h"

/* SIREN of La Poste: its siège follows Luhn, its establishments' SIRET the
 * sum of their digits (a multiple of 5). */
#define LA_POSTE_SIREN "356000000"

gboolean
trj_siret_check (const char *siret, char **why)
{
  guint luhn = 0, digits = 0;
  gsize n = siret != NULL ? strlen (siret) : 0;

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (siret[i]))
      n = 0;
  if (n != 14)
    {
      if (why != NULL)
        *why = g_strdup_printf (_("“%s” is not a SIRET: 14 digits are expected"), siret ? siret : "");
      return FALSE;
    }
  for (gsize i = 0; i < 14; i++)
    {
      guint d = (guint) (siret[i] - '0');

      digits += d;
      /* From the right, every second digit is doubled (positions 0, 2, … from the left). */
      if (i % 2 == 0)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      luhn += d;
    }
  if (luhn % 10 == 0 || (strncmp (siret, LA_POSTE_SIREN, 9) == 0 && digits % 5 == 0))
    return TRUE;
  if (why != NULL)
    *why = g_strdup_printf (_("“%s” is not a SIRET: its check digit is wrong"), siret);
  return FALSE;
}

gboolean
trj_iae_base (const TrjLine *line, double *base)
{
  if (!trj_catalog_kind (line->kind)->iae || !line->has_conventionne_previous || !line->has_realise_previous)
    return FALSE;
  *base = MIN (line->realise_previous, line->conventionne_previous);
  return TRUE;
}

guint
trj_iae_needs (const TrjLine *line)
{
  /* ETP typed with two decimals: a hair's tolerance keeps 7,00 at 7. */
  const double eps = 1e-9;
  double base, q = line->quantity;
  guint needs = 0;

  if (!trj_iae_base (line, &base))
    return 0;
  if (q < base - eps && !line->decrease_requested)
    needs |= TRJ_IAE_NEEDS_DECREASE;
  else if (q > base + eps && q <= line->conventionne_previous + eps && !line->revaluation_requested)
    needs |= TRJ_IAE_NEEDS_REVALUATION;
  else if (q > line->conventionne_previous + eps)
    {
      if (!line->development)
        needs |= TRJ_IAE_NEEDS_DEVELOPMENT;
      /* Development of ACI is by exception, prison projects first (Fiche 2). */
      if (line->kind == TRJ_KIND_ACI && !line->prison)
        needs |= TRJ_IAE_NEEDS_PRISON;
    }
  return needs;
}

int
trj_iae_last_month (const TrjLine *line)
{
  for (int m = TRJ_MONTHS; m >= 1; m--)
    if (!isnan (line->realised_etp[m - 1]))
      return m;
  return 0;
}

double
trj_iae_projected (const TrjLine *line, int T)
{
  double sum = 0;

  g_return_val_if_fail (T >= 1 && T <= TRJ_MONTHS, NAN);
  for (int m = 0; m < T; m++)
    if (!isnan (line->realised_etp[m]))
      sum += line->realised_etp[m];
  return (sum + (TRJ_MONTHS - T) * (isnan (line->realised_etp[T - 1]) ? 0 : line->realised_etp[T - 1]))
         / TRJ_MONTHS;
}

int
trj_iae_alert_month (int T)
{
  return T >= 10 ? 10 : T >= 5 ? 5 : 0;
}

/* ── Bourse aux postes ─────────────────────────────────────────────── */

static gboolean
is_structure_line (const TrjLine *line)
{
  return trj_catalog_kind (line->kind)->structure && line->structure_name != NULL;
}

static TrjBourseCandidate
candidate (const TrjEnvelope *env, guint l)
{
  const TrjLine *line = g_ptr_array_index (env->lines, l);
  TrjBourseCandidate c = { l, trj_iae_last_month (line), NAN, NAN, 0,
                           line->kind == TRJ_KIND_EI || line->kind == TRJ_KIND_ETTI };

  if (c.month > 0)
    {
      c.projected = trj_iae_projected (line, c.month);
      if (line->quantity > 0)
        c.rate = c.projected / line->quantity;
      c.spare = MAX (0, line->quantity - c.projected);
    }
  return c;
}

static gboolean
under_consuming (const TrjBourseCandidate *c)
{
  return !isnan (c->rate) && c->rate < TRJ_IAE_REALISED_TOLERANCE && c->spare > 0;
}

static int
by_spare (gconstpointer a, gconstpointer b)
{
  const TrjBourseCandidate *x = a, *y = b;

  return x->spare > y->spare ? -1 : x->spare < y->spare ? 1 : (int) x->line - (int) y->line;
}

static int
by_market_then_rate (gconstpointer a, gconstpointer b)
{
  const TrjBourseCandidate *x = a, *y = b;
  /* NAN (no data) sorts after every rate. */
  double rx = isnan (x->rate) ? -1 : x->rate, ry = isnan (y->rate) ? -1 : y->rate;

  if (x->market != y->market)
    return x->market ? -1 : 1;
  return rx > ry ? -1 : rx < ry ? 1 : (int) x->line - (int) y->line;
}

static GArray *
candidates (const TrjEnvelope *env, gboolean givers)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TrjBourseCandidate));

  for (guint l = 0; l < env->lines->len; l++)
    {
      TrjBourseCandidate c;

      if (!is_structure_line (g_ptr_array_index (env->lines, l)))
        continue;
      c = candidate (env, l);
      if (under_consuming (&c) == givers)
        g_array_append_val (out, c);
    }
  g_array_sort (out, givers ? by_spare : by_market_then_rate);
  return out;
}

GArray *
trj_bourse_givers (const TrjEnvelope *env)
{
  return candidates (env, TRUE);
}

GArray *
trj_bourse_receivers (const TrjEnvelope *env)
{
  return candidates (env, FALSE);
}

static gboolean refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

static double
line_ae (const TrjResult *result, int e, const TrjEnvelope *env, const char *line_id)
{
  for (guint l = 0; l < env->lines->len; l++)
    if (g_str_equal (((TrjLine *) g_ptr_array_index (env->lines, l))->id, line_id))
      return trj_result_line (result, (guint) e, l)->f.ae_total;
  g_return_val_if_reached (NAN);
}

gboolean
trj_bourse_move (const TrjScenario *scenario, const char *envelope_id, const char *from_line,
                 const char *to_line, double delta, TrjBourseMove *move, GError **error)
{
  g_autoptr(TrjScenario) after = NULL;
  g_autoptr(TrjResult) before_result = NULL;
  g_autoptr(TrjResult) after_result = NULL;
  const TrjEnvelope *env = trj_scenario_find_envelope (scenario, envelope_id);
  int e = trj_scenario_envelope_index (scenario, envelope_id);
  TrjEnvelope *env_after;
  TrjLine *from, *to;

  if (env == NULL)
    return refuse (error, _("“%s” is not an envelope of the scenario"), envelope_id);
  from = trj_envelope_find_line (env, from_line);
  to = trj_envelope_find_line (env, to_line);
  if (from == NULL || !is_structure_line (from))
    return refuse (error, _("“%s” is not a structure of the envelope"), from_line);
  if (to == NULL || !is_structure_line (to))
    return refuse (error, _("“%s” is not a structure of the envelope"), to_line);
  if (from == to)
    return refuse (error, _("“%s” cannot give ETP to itself"), from->structure_name);
  if (!(delta > 0) || delta > from->quantity + 1e-9)
    {
      g_autofree char *etp = g_strdup_printf ("%g", delta);

      return refuse (error, _("%s ETP cannot be moved: the structure “%s” has %g"), etp,
                     from->structure_name, from->quantity);
    }

  after = trj_scenario_copy (scenario);
  env_after = g_ptr_array_index (after->envelopes, e);
  trj_envelope_find_line (env_after, from_line)->quantity = MAX (0, from->quantity - delta);
  trj_envelope_find_line (env_after, to_line)->quantity = to->quantity + delta;
  before_result = trj_result_new (scenario);
  after_result = trj_result_new (after);
  if (!trj_engine_compute (scenario, NULL, before_result, error)
      || !trj_engine_compute (after, NULL, after_result, error))
    return FALSE;
  move->from_quantity = MAX (0, from->quantity - delta);
  move->to_quantity = to->quantity + delta;
  move->freed = line_ae (before_result, e, env, from_line) - line_ae (after_result, e, env_after, from_line);
  move->used = line_ae (after_result, e, env_after, to_line) - line_ae (before_result, e, env, to_line);
  move->margin_before = before_result->envelopes[e].ae_margin;
  move->margin_after = after_result->envelopes[e].ae_margin;
  return TRUE;
}

/* ── Imports ───────────────────────────────────────────────────────── */

void
trj_structure_row_free (TrjStructureRow *row)
{
  if (row == NULL)
    return;
  g_free (row->line_id);
  g_free (row->name);
  g_free (row->siret);
  g_free (row->departement);
  g_free (row);
}

double
trj_structure_row_quantity (const TrjStructureRow *row)
{
  if (!isnan (row->quantity))
    return row->quantity;
  if (!isnan (row->conventionne_previous) && !isnan (row->realise_previous))
    return MIN (row->conventionne_previous, row->realise_previous);
  return isnan (row->conventionne_previous) ? 0 : row->conventionne_previous;
}

void
trj_realised_row_free (TrjRealisedRow *row)
{
  if (row == NULL)
    return;
  g_free (row->line_id);
  g_free (row);
}
