/* trj-validate.c — the hard limits of MODEL.md 2.1 and 3
 *
 * Messages name the key path of the exchange format, so that a user can find
 * the value in a JSON document as well as in the grid
 * ("envelopes[0].lines[2].rate: 1.4 is above 1").
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "trj-engine.h"

typedef struct {
  GString *path;
  GError **error;
} Checker;

static gboolean
fail (Checker *ck, const char *field, char *message)
{
  g_autofree char *path = g_strconcat (ck->path->str, field, NULL);

  /* TRANSLATORS: a key path ("envelopes[0].lines[2].rate") and what is wrong with it */
  g_set_error (ck->error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID, _("%s: %s"), path, message);
  g_free (message);
  return FALSE;
}

/* lo_open / hi_open: the bound itself is refused. */
static gboolean
check_range (Checker *ck, const char *field, double v, double lo, gboolean lo_open,
             double hi, gboolean hi_open)
{
  if (!isfinite (v))
    return fail (ck, field, g_strdup (_("is not a finite number")));
  if (v < lo || (lo_open && v == lo))
    return fail (ck, field, lo_open ? g_strdup_printf (_("%g must be above %g"), v, lo)
                                    : g_strdup_printf (_("%g is below %g"), v, lo));
  if (v > hi || (hi_open && v == hi))
    return fail (ck, field, hi_open ? g_strdup_printf (_("%g must be below %g"), v, hi)
                                    : g_strdup_printf (_("%g is above %g"), v, hi));
  return TRUE;
}

static gboolean
check_month_array (Checker *ck, const char *field, const double *values, gboolean needs_positive_sum)
{
  double sum = 0;

  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%d]", field, m);

      if (!check_range (ck, item, values[m], 0, FALSE, G_MAXDOUBLE, FALSE))
        return FALSE;
      sum += values[m];
    }
  if (needs_positive_sum && !(sum > 0))
    return fail (ck, field, g_strdup (_("the monthly profile must not sum to 0")));
  return TRUE;
}

static gboolean
check_whole (Checker *ck, const char *field, int v, int lo, int hi)
{
  if (v < lo)
    return fail (ck, field, g_strdup_printf (_("%d is below %d"), v, lo));
  if (v > hi)
    return fail (ck, field, g_strdup_printf (_("%d is above %d"), v, hi));
  return TRUE;
}

static gboolean
check_contract_line (Checker *ck, const TrjLine *line)
{
  if (!check_range (ck, "rate", line->rate, 0, TRUE, 1, FALSE)
      || !check_range (ck, "weekly_hours", line->weekly_hours, 0, TRUE, 35, FALSE)
      || !check_range (ck, "duration_months", line->duration_months, 0, TRUE, 24, FALSE)
      || !check_range (ck, "cofinanced_share", line->cofinanced_share, 0, FALSE, 1, FALSE)
      || !check_whole (ck, "payment_lag_months", line->payment_lag_months, 0, 6))
    return FALSE;
  if (line->entries_mode == TRJ_ENTRIES_VOLUME)
    {
      if (!check_range (ck, "volume", line->volume, 0, FALSE, G_MAXDOUBLE, FALSE)
          || !check_month_array (ck, "profile", line->profile, TRUE))
        return FALSE;
    }
  if (!check_month_array (ck, "entries", line->entries, FALSE))
    return FALSE;
  if (line->has_previous_entries && !check_month_array (ck, "previous_entries", line->previous_entries, FALSE))
    return FALSE;
  return TRUE;
}

static gboolean
check_post_aid_line (Checker *ck, const TrjLine *line)
{
  if (!check_range (ck, "quantity", line->quantity, 0, FALSE, G_MAXDOUBLE, FALSE)
      || !check_range (ck, "unit_amount", line->unit_amount, 0, FALSE, G_MAXDOUBLE, FALSE)
      || !check_range (ck, "modulation", line->modulation, 0, FALSE, 0.10, FALSE)
      || !check_range (ck, "second_year_quantity", line->second_year_quantity, 0, FALSE, line->quantity, FALSE)
      || !check_range (ck, "rsa_recipients", line->rsa_recipients, 0, FALSE, G_MAXDOUBLE, FALSE)
      || !check_range (ck, "rsa_months", line->rsa_months, 0, FALSE, 12, FALSE)
      || !check_whole (ck, "commitment_month", line->commitment_month, 0, 11)
      || !check_whole (ck, "payment_lag_months", line->payment_lag_months, 0, 6))
    return FALSE;
  return check_month_array (ck, "payment_profile", line->payment_profile, TRUE);
}

static gboolean
check_free_line (Checker *ck, const TrjLine *line)
{
  return check_range (ck, "ae_amount", line->ae_amount, 0, FALSE, G_MAXDOUBLE, FALSE)
         && check_whole (ck, "commitment_month", line->commitment_month, 0, 11)
         && check_month_array (ck, "cp_schedule", line->cp_schedule, FALSE);
}

gboolean
trj_scenario_validate (const TrjScenario *scenario, GError **error)
{
  g_autoptr(GHashTable) line_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) envelope_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) path = g_string_new (NULL);
  Checker ck = { path, error };

  if (!check_range (&ck, "reference.cd_share", scenario->reference.cd_share, 0, FALSE, 1, FALSE)
      || !check_range (&ck, "reference.weeks_per_month", scenario->reference.weeks_per_month, 0, TRUE, 5, FALSE))
    return FALSE;

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      g_string_printf (path, "envelopes[%u].", e);
      if (env->id == NULL || *env->id == '\0')
        return fail (&ck, "id", g_strdup (_("an envelope needs an identifier")));
      if (!g_hash_table_add (envelope_ids, env->id))
        return fail (&ck, "id", g_strdup_printf (_("the envelope “%s” appears twice"), env->id));
      if (!check_range (&ck, "ae_notified", env->ae_notified, 0, FALSE, G_MAXDOUBLE, FALSE)
          || !check_range (&ck, "cp_notified", env->cp_notified, 0, FALSE, G_MAXDOUBLE, FALSE)
          || !check_range (&ck, "volume_notified", env->volume_notified, 0, FALSE, G_MAXDOUBLE, FALSE))
        return FALSE;

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          gboolean ok = TRUE;

          g_string_printf (path, "envelopes[%u].lines[%u].", e, l);
          if (line->id == NULL || *line->id == '\0')
            return fail (&ck, "id", g_strdup (_("a line needs an identifier")));
          if (!g_hash_table_add (line_ids, line->id))
            return fail (&ck, "id", g_strdup_printf (_("the line “%s” appears twice"), line->id));
          switch (trj_kind_shape (line->kind))
            {
            case TRJ_LINE_SHAPE_CONTRACT:
              ok = check_contract_line (&ck, line);
              break;
            case TRJ_LINE_SHAPE_POST_AID:
              ok = check_post_aid_line (&ck, line);
              break;
            case TRJ_LINE_SHAPE_FREE:
              ok = check_free_line (&ck, line);
              break;
            default:
              g_assert_not_reached ();
            }
          if (!ok)
            return FALSE;
        }
    }

  g_string_assign (path, "fungibility.");
  if (!check_range (&ck, "demandes_complementaires", scenario->fungibility.demandes_complementaires,
                    0, FALSE, G_MAXDOUBLE, FALSE))
    return FALSE;
  /* The direction and the CIE jeunes amounts; the 0.44 % ceiling needs the
   * year's rules and is checked by the caller that has them. */
  if (!trj_fungibility_validate (scenario, NULL, error))
    {
      g_prefix_error (error, "fungibility: ");
      return FALSE;
    }
  return TRUE;
}
