/* trj-validate.c — a scenario's values against the catalogue's hard limits
 *
 * Which fields each shape of line, the envelope, the reference values and the
 * fungibility carry is a table; the limits are the catalogue's (trj-catalog.c).
 * Messages name the key path of the exchange format, so that a user can find
 * the value in a JSON document as well as in the grid
 * ("envelopes[0].lines[2].rate: 1.4 is above 1").
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "trj-catalog.h"
#include "trj-engine.h"
#include "trj-iae.h"

typedef enum {
  WHEN_ALWAYS,
  WHEN_VOLUME_MODE,      /* contract lines given as volume × profile */
  WHEN_PREVIOUS,         /* last year's entries given */
  WHEN_CONVENTIONNE,     /* last year's conventionné given */
  WHEN_REALISE,          /* last year's realised given */
} When;

typedef enum {
  TYPE_DOUBLE,           /* a double, or TRJ_MONTHS of them when the parameter is monthly */
  TYPE_INT,
} Type;

typedef struct {
  TrjParam param;
  gsize offset;
  Type type;
  When when;
  /* Also at most the line's quantity (CDI inclusion's second-year ETP). */
  gboolean within_quantity;
} Field;

#define LINE_DOUBLE(param, member, ...) \
  { param, G_STRUCT_OFFSET (TrjLine, member), TYPE_DOUBLE, __VA_ARGS__ }
#define LINE_INT(param, member) { param, G_STRUCT_OFFSET (TrjLine, member), TYPE_INT, WHEN_ALWAYS }

/* In the order of MODEL 2.1 and 3: the first value out of its limits is named. */
static const Field contract_fields[] = {
  LINE_DOUBLE (TRJ_PARAM_RATE, rate, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_WEEKLY_HOURS, weekly_hours, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_DURATION_MONTHS, duration_months, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_COFINANCED_SHARE, cofinanced_share, WHEN_ALWAYS),
  LINE_INT (TRJ_PARAM_PAYMENT_LAG_MONTHS, payment_lag_months),
  LINE_DOUBLE (TRJ_PARAM_VOLUME, volume, WHEN_VOLUME_MODE),
  LINE_DOUBLE (TRJ_PARAM_PROFILE, profile, WHEN_VOLUME_MODE),
  LINE_DOUBLE (TRJ_PARAM_ENTRIES, entries, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_PREVIOUS_ENTRIES, previous_entries, WHEN_PREVIOUS),
};

static const Field post_aid_fields[] = {
  LINE_DOUBLE (TRJ_PARAM_QUANTITY, quantity, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_UNIT_AMOUNT, unit_amount, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_MODULATION, modulation, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_SECOND_YEAR_QUANTITY, second_year_quantity, WHEN_ALWAYS, TRUE),
  LINE_DOUBLE (TRJ_PARAM_RSA_RECIPIENTS, rsa_recipients, WHEN_ALWAYS),
  LINE_DOUBLE (TRJ_PARAM_RSA_MONTHS, rsa_months, WHEN_ALWAYS),
  LINE_INT (TRJ_PARAM_COMMITMENT_MONTH, commitment_month),
  LINE_INT (TRJ_PARAM_PAYMENT_LAG_MONTHS, payment_lag_months),
  LINE_DOUBLE (TRJ_PARAM_PAYMENT_PROFILE, payment_profile, WHEN_ALWAYS),
  LINE_INT (TRJ_PARAM_MODULATION_MONTH, modulation_month),
  LINE_INT (TRJ_PARAM_PRISON, prison),
  LINE_DOUBLE (TRJ_PARAM_CONVENTIONNE_PREVIOUS, conventionne_previous, WHEN_CONVENTIONNE),
  LINE_DOUBLE (TRJ_PARAM_REALISE_PREVIOUS, realise_previous, WHEN_REALISE),
  LINE_INT (TRJ_PARAM_DECREASE_REQUESTED, decrease_requested),
  LINE_INT (TRJ_PARAM_REVALUATION_REQUESTED, revaluation_requested),
  LINE_INT (TRJ_PARAM_DEVELOPMENT, development),
};

static const Field free_fields[] = {
  LINE_DOUBLE (TRJ_PARAM_AE_AMOUNT, ae_amount, WHEN_ALWAYS),
  LINE_INT (TRJ_PARAM_COMMITMENT_MONTH, commitment_month),
  LINE_DOUBLE (TRJ_PARAM_CP_SCHEDULE, cp_schedule, WHEN_ALWAYS),
};

#define ENVELOPE_DOUBLE(param, member) \
  { param, G_STRUCT_OFFSET (TrjEnvelope, member), TYPE_DOUBLE, WHEN_ALWAYS }

static const Field envelope_fields[] = {
  ENVELOPE_DOUBLE (TRJ_PARAM_AE_NOTIFIED, ae_notified),
  ENVELOPE_DOUBLE (TRJ_PARAM_CP_NOTIFIED, cp_notified),
  ENVELOPE_DOUBLE (TRJ_PARAM_VOLUME_NOTIFIED, volume_notified),
  ENVELOPE_DOUBLE (TRJ_PARAM_PREVIOUS_MODULATION_CP, previous_modulation_cp),
  ENVELOPE_DOUBLE (TRJ_PARAM_DEMANDE_AE, demande.ae),
  ENVELOPE_DOUBLE (TRJ_PARAM_DEMANDE_CP, demande.cp),
};

#define FUNGIBILITY_DOUBLE(param, member) \
  { param, G_STRUCT_OFFSET (TrjFungibility, member), TYPE_DOUBLE, WHEN_ALWAYS }

static const Field fungibility_fields[] = {
  FUNGIBILITY_DOUBLE (TRJ_PARAM_TRANSFER_AE, cie_jeunes_to_pec_ae),
  FUNGIBILITY_DOUBLE (TRJ_PARAM_TRANSFER_CP, cie_jeunes_to_pec_cp),
  FUNGIBILITY_DOUBLE (TRJ_PARAM_TERRITORIAL_AE, initiatives_territoriales_ae),
};

typedef struct {
  GString *path;         /* "envelopes[0].lines[2]." */
  GError **error;
} Checker;

static gboolean
fail (Checker *ck, const char *field, const char *message)
{
  g_autofree char *path = g_strconcat (ck->path->str, field, NULL);

  /* TRANSLATORS: a key path ("envelopes[0].lines[2].rate") and what is wrong with it */
  g_set_error (ck->error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID, _("%s: %s"), path, message);
  return FALSE;
}

static gboolean
check_value (Checker *ck, TrjParam param, const char *field, double value)
{
  g_autofree char *path = NULL;

  /* The key path only for a value refused. */
  if (trj_catalog_accepts (param, value))
    return TRUE;
  path = g_strconcat (ck->path->str, field, NULL);
  return trj_catalog_check (param, path, value, ck->error);
}

static gboolean
check_field (Checker *ck, const Field *field, gconstpointer base, double quantity)
{
  const TrjParamSpec *spec = trj_catalog_param (field->param);
  const char *p = (const char *) base + field->offset;
  double sum = 0;

  if (field->type == TYPE_INT)
    return check_value (ck, field->param, spec->key, *(const int *) p);

  for (guint m = 0; m < spec->n_values; m++)
    {
      double value = ((const double *) p)[m];
      g_autofree char *item = NULL;

      sum += value;
      /* The key path only for a value refused (every value of a workbook
       * opened comes here). */
      if (trj_catalog_accepts (field->param, value) && !(field->within_quantity && value > quantity))
        continue;
      item = spec->n_values > 1 ? g_strdup_printf ("%s[%u]", spec->key, m) : g_strdup (spec->key);
      if (!check_value (ck, field->param, item, value))
        return FALSE;
      if (field->within_quantity && value > quantity)
        {
          g_autofree char *shown = trj_engine_format_number (value);
          g_autofree char *limit = trj_engine_format_number (quantity);
          g_autofree char *why = g_strdup_printf (_("%s is above %s"), shown, limit);

          return fail (ck, item, why);
        }
    }
  if (spec->positive_sum && !(sum > 0))
    return fail (ck, spec->key, _("the monthly profile must not sum to 0"));
  return TRUE;
}

static gboolean
check_fields (Checker *ck, const Field *fields, guint n_fields, gconstpointer base,
              const TrjLine *line)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const Field *field = &fields[i];

      if ((field->when == WHEN_VOLUME_MODE && line->entries_mode != TRJ_ENTRIES_VOLUME)
          || (field->when == WHEN_PREVIOUS && !line->has_previous_entries)
          || (field->when == WHEN_CONVENTIONNE && !line->has_conventionne_previous)
          || (field->when == WHEN_REALISE && !line->has_realise_previous))
        continue;
      if (!check_field (ck, field, base, line != NULL ? line->quantity : 0))
        return FALSE;
    }
  return TRUE;
}

/* MODEL 3.1, 3.2: a structure, its figures of last year, its flags and its
 * realised ETP belong to an IAE line; a SIRET is valid; a month without
 * realised data is NAN, any other within the limits. */
static gboolean
check_structure (Checker *ck, const TrjLine *line)
{
  const gboolean iae = trj_catalog_kind (line->kind)->iae;
  g_autofree char *why = NULL;

  if (!iae && (line->structure_name != NULL || line->siret != NULL || line->has_conventionne_previous
               || line->has_realise_previous || line->decrease_requested || line->revaluation_requested
               || line->development || trj_iae_last_month (line) > 0))
    return fail (ck, "structure", _("only an IAE line names a structure and its conventionnement"));
  if (line->siret != NULL && line->structure_name == NULL)
    return fail (ck, "structure.name", _("a structure with a SIRET needs a name"));
  if (line->structure_name != NULL && *line->structure_name == '\0')
    return fail (ck, "structure.name", _("must not be empty"));
  if (line->siret != NULL && !trj_siret_check (line->siret, &why))
    return fail (ck, "structure.siret", why);
  for (int m = 0; m < TRJ_MONTHS; m++)
    if (!isnan (line->realised_etp[m]) && !trj_catalog_accepts (TRJ_PARAM_REALISED_ETP, line->realised_etp[m]))
      {
        g_autofree char *item = g_strdup_printf ("realised_etp[%d]", m);

        if (!check_value (ck, TRJ_PARAM_REALISED_ETP, item, line->realised_etp[m]))
          return FALSE;
      }
  return TRUE;
}

/* MODEL 3: what the circular fixes for a structure in prison and a CDI
 * inclusion, beyond each value's limits. */
static gboolean
check_post_aid_rules (Checker *ck, const TrjLine *line)
{
  const TrjCatalogKind *kind = trj_catalog_kind (line->kind);

  if (line->prison && !kind->iae)
    return fail (ck, "prison", _("only an IAE structure can be in prison"));
  if (line->prison && fabs (line->modulation - TRJ_PRISON_MODULATION) > 1e-12)
    {
      g_autofree char *shown = trj_engine_format_number (line->modulation);
      g_autofree char *fixed = trj_engine_format_number (TRJ_PRISON_MODULATION);
      g_autofree char *why = g_strdup_printf (_("%s: the modulated part of a structure in prison "
                                                "is fixed at %s"), shown, fixed);

      return fail (ck, "modulation", why);
    }
  if (line->kind == TRJ_KIND_CDI_INCLUSION
      && (line->structure_kind >= TRJ_N_KINDS || !trj_catalog_kind (line->structure_kind)->structure))
    return fail (ck, "structure_kind",
                 _("a CDI inclusion belongs to an EI, ETTI, ACI, AI or EITI"));
  return check_structure (ck, line);
}

/* MODEL 3: a free line never pays more CP than its AE, nor before it; the
 * envelope whose margins fund it is another envelope of the scenario. */
static gboolean
check_free_rules (Checker *ck, const TrjScenario *scenario, const TrjEnvelope *env,
                  const TrjLine *line)
{
  double paid = 0;

  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      if (m < line->commitment_month && line->cp_schedule[m] != 0)
        {
          g_autofree char *item = g_strdup_printf ("cp_schedule[%d]", m);

          return fail (ck, item, _("no CP can be paid before the month of the AE"));
        }
      paid += line->cp_schedule[m];
    }
  /* A cent's tolerance for schedules typed as rounded shares. */
  if (paid > line->ae_amount + 0.005)
    {
      g_autofree char *shown_paid = trj_engine_format_money (paid);
      g_autofree char *shown_ae = trj_engine_format_money (line->ae_amount);
      g_autofree char *why = g_strdup_printf (_("the CP scheduled (%s) exceed the AE amount (%s)"),
                                              shown_paid, shown_ae);

      return fail (ck, "cp_schedule", why);
    }
  if (line->funded_from != NULL
      && (g_str_equal (line->funded_from, env->id)
          || trj_scenario_find_envelope (scenario, line->funded_from) == NULL))
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not another envelope of the scenario"),
                                              line->funded_from);

      return fail (ck, "funded_from", why);
    }
  return TRUE;
}

/* MODEL 2.8: each public's share, the renewals' share and the justification
 * of an exceptional request, on a contract line only. */
static gboolean
check_circular_fields (Checker *ck, const TrjLine *line)
{
  const gboolean contract = trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_CONTRACT;
  g_autofree char *path = NULL;

  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    if (line->has_public[p])
      {
        g_autofree char *item = NULL;

        if (!contract)
          return fail (ck, "publics", _("only a contract line gives the share of its publics"));
        if (trj_catalog_accepts (TRJ_PARAM_PUBLIC_SHARE, line->publics[p]))
          continue;
        item = g_strdup_printf ("publics.%s", trj_catalog_public_code (p));
        if (!check_value (ck, TRJ_PARAM_PUBLIC_SHARE, item, line->publics[p]))
          return FALSE;
      }
  if (line->has_renewal_share
      && (!contract || !check_value (ck, TRJ_PARAM_RENEWAL_SHARE, "renewal_share", line->renewal_share)))
    return contract ? FALSE : fail (ck, "renewal_share", _("only a contract line gives a share of renewals"));
  if (line->exception_reason != NULL && !contract)
    return fail (ck, "exception_reason", _("only a contract line asks for an exception to the ranges"));
  path = g_strconcat (ck->path->str, "exception_reason", NULL);
  return trj_catalog_check_reason (line->exception_reason, path, ck->error);
}

static gboolean
check_line (Checker *ck, const TrjScenario *scenario, const TrjEnvelope *env, const TrjLine *line)
{
  if (!check_circular_fields (ck, line))
    return FALSE;
  switch (trj_kind_shape (line->kind))
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      return check_fields (ck, contract_fields, G_N_ELEMENTS (contract_fields), line, line);
    case TRJ_LINE_SHAPE_POST_AID:
      return check_fields (ck, post_aid_fields, G_N_ELEMENTS (post_aid_fields), line, line)
             && check_post_aid_rules (ck, line);
    case TRJ_LINE_SHAPE_FREE:
      return check_fields (ck, free_fields, G_N_ELEMENTS (free_fields), line, line)
             && check_free_rules (ck, scenario, env, line);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_series (Checker *ck, TrjParam param, const TrjSeries *series)
{
  const char *key = trj_catalog_param (param)->key;

  for (guint i = 0; i < series->n_points; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u].value", key, i);

      if (!check_value (ck, param, item, series->points[i].value))
        return FALSE;
    }
  return TRUE;
}

/* A département code as the INSEE writes it: "29", "2A", "974". */
gboolean
trj_departement_code_valid (const char *code)
{
  gsize n = code != NULL ? strlen (code) : 0;

  if (n < 1 || n > 3)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (code[i]) && code[i] != 'A' && code[i] != 'B')
      return FALSE;
  return TRUE;
}

/* Issue 16: an envelope's allocations (one per département and prescriber)
 * and its CAOM (one per département), within the catalogue's limits. */
static gboolean
check_share (Checker *ck, guint e, const TrjEnvelope *env)
{
  for (guint a = 0; a < trj_envelope_n_allocations (env); a++)
    {
      const TrjAllocation *al = g_ptr_array_index (env->allocations, a);

      g_string_printf (ck->path, "envelopes[%u].allocations[%u].", e, a);
      if (!trj_departement_code_valid (al->departement))
        return fail (ck, "departement", _("a département code is expected (29, 2A, 974)"));
      if (al->prescriber != NULL && (*al->prescriber == '\0' || strlen (al->prescriber) > 200))
        return fail (ck, "prescriber", _("must not be empty nor longer than 200 characters"));
      if (!check_value (ck, TRJ_PARAM_ALLOCATION_AE, "ae", al->ae)
          || !check_value (ck, TRJ_PARAM_ALLOCATION_VOLUME, "volume", al->volume))
        return FALSE;
      for (guint b = 0; b < a; b++)
        {
          const TrjAllocation *other = g_ptr_array_index (env->allocations, b);

          if (g_strcmp0 (other->departement, al->departement) == 0
              && g_strcmp0 (other->prescriber, al->prescriber) == 0)
            return fail (ck, "departement", _("this département (and prescriber) already has an allocation"));
        }
    }
  for (guint c = 0; c < trj_envelope_n_caom (env); c++)
    {
      const TrjCaom *caom = g_ptr_array_index (env->caom, c);
      double sum = 0;

      g_string_printf (ck->path, "envelopes[%u].caom.%s.", e, caom->departement != NULL ? caom->departement : "?");
      if (!trj_departement_code_valid (caom->departement))
        return fail (ck, "", _("a département code is expected (29, 2A, 974)"));
      if (!check_value (ck, TRJ_PARAM_CAOM_CONTRACTS, "contracts", caom->contracts))
        return FALSE;
      for (int m = 0; m < TRJ_MONTHS; m++)
        {
          g_autofree char *item = g_strdup_printf ("profile[%d]", m);

          if (!check_value (ck, TRJ_PARAM_CAOM_PROFILE, item, caom->profile[m]))
            return FALSE;
          sum += caom->profile[m];
        }
      if (!(sum > 0))
        return fail (ck, "profile", _("the monthly profile must not sum to 0"));
      for (guint d = 0; d < c; d++)
        if (g_strcmp0 (((const TrjCaom *) g_ptr_array_index (env->caom, d))->departement, caom->departement) == 0)
          return fail (ck, "", _("this département already has a CAOM"));
    }
  return TRUE;
}

gboolean
trj_envelope_validate_share (const TrjEnvelope *env, guint index, GError **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Checker ck = { path, error };

  return check_share (&ck, index, env);
}

gboolean
trj_scenario_validate (const TrjScenario *scenario, GError **error)
{
  g_autoptr(GHashTable) line_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) envelope_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) path = g_string_new ("reference.");
  Checker ck = { path, error };

  if (!check_value (&ck, TRJ_PARAM_CD_SHARE, "cd_share", scenario->reference.cd_share)
      || !check_value (&ck, TRJ_PARAM_WEEKS_PER_MONTH, "weeks_per_month",
                       scenario->reference.weeks_per_month)
      || !check_series (&ck, TRJ_PARAM_SMIC_HOURLY, &scenario->reference.smic_hourly)
      || !check_series (&ck, TRJ_PARAM_RSA, &scenario->reference.rsa))
    return FALSE;

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (scenario->envelopes, e);

      g_string_printf (path, "envelopes[%u].", e);
      if (env->id == NULL || *env->id == '\0')
        return fail (&ck, "id", _("an envelope needs an identifier"));
      if (!g_hash_table_add (envelope_ids, env->id))
        {
          g_autofree char *why = g_strdup_printf (_("the envelope “%s” appears twice"), env->id);

          return fail (&ck, "id", why);
        }
      if (!check_fields (&ck, envelope_fields, G_N_ELEMENTS (envelope_fields), env, NULL))
        return FALSE;

      for (guint l = 0; l < env->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (env->lines, l);
          g_autofree char *misplaced = NULL;

          g_string_printf (path, "envelopes[%u].lines[%u].", e, l);
          if (line->id == NULL || *line->id == '\0')
            return fail (&ck, "id", _("a line needs an identifier"));
          if (!g_hash_table_add (line_ids, line->id))
            {
              g_autofree char *why = g_strdup_printf (_("the line “%s” appears twice"), line->id);

              return fail (&ck, "id", why);
            }
          if (!trj_catalog_envelope_holds (env->id, line->kind, &misplaced))
            return fail (&ck, "kind", misplaced);
          if (!check_line (&ck, scenario, env, line))
            return FALSE;
        }
      if (!check_share (&ck, e, env))
        return FALSE;
    }

  g_string_assign (path, "fungibility.");
  if (scenario->fungibility.initiatives_territoriales_source != NULL
      && trj_scenario_find_envelope (scenario, scenario->fungibility.initiatives_territoriales_source) == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not an envelope of the scenario"),
                                              scenario->fungibility.initiatives_territoriales_source);

      return fail (&ck, "initiatives_territoriales_source", why);
    }
  if (!check_value (&ck, TRJ_PARAM_DEMANDES_COMPLEMENTAIRES, "demandes_complementaires",
                    scenario->fungibility.demandes_complementaires))
    return FALSE;
  /* The direction and the CIE jeunes amounts; the 0.44 % ceiling needs the
   * year's rules and is checked by the caller that has them. */
  if (!trj_fungibility_validate (scenario, NULL, error))
    {
      g_prefix_error (error, "fungibility: ");
      return FALSE;
    }
  return check_fields (&ck, fungibility_fields, G_N_ELEMENTS (fungibility_fields),
                       &scenario->fungibility, NULL);
}
