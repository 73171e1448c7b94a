/* trj-catalog.c — see trj-catalog.h: the tables, and checks over them */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "trj-catalog.h"
#include "trj-engine.h"

/* ── Envelopes ──────────────────────────────────────────────────────── */

static const TrjLineKind pec_kinds[] = { TRJ_KIND_PEC, TRJ_KIND_CIE_TP };
static const TrjLineKind cie_kinds[] = { TRJ_KIND_CIE_JEUNES };
static const TrjLineKind iae_kinds[] = {
  TRJ_KIND_EI, TRJ_KIND_ETTI, TRJ_KIND_ACI, TRJ_KIND_AI, TRJ_KIND_EITI, TRJ_KIND_PASSERELLE,
  TRJ_KIND_CDI_INCLUSION,
};
static const TrjLineKind ea_kinds[] = {
  TRJ_KIND_EA_SOCLE, TRJ_KIND_EA_MAD, TRJ_KIND_EA_CDDT, TRJ_KIND_EA_EATT,
};
static const TrjLineKind geiq_kinds[] = { TRJ_KIND_GEIQ_RENFORCE, TRJ_KIND_GEIQ_STANDARD };
static const TrjLineKind free_kinds[] = { TRJ_KIND_FREE };

#define KINDS(a) a, G_N_ELEMENTS (a)

/* The FIE programmes of the 2024 circular, contrats aidés first (MODEL 2, 3).
 * FDI has no credits of its own: its free lines are funded from the margins of
 * another envelope, so it is outside the initiatives territoriales base. */
static const TrjCatalogEnvelope envelopes[] = {
  { "PEC_CIE_TP", N_("PEC and CIE tous publics"), TRJ_UNIT_CONTRACTS, KINDS (pec_kinds),
    .territorial_base = TRUE, .transfer_target = TRUE, .rules_index = 0 },
  { "CIE_JEUNES", N_("CIE jeunes"), TRJ_UNIT_CONTRACTS, KINDS (cie_kinds),
    .territorial_base = TRUE, .transfer_source = TRUE, .rules_index = 1 },
  { "IAE", N_("Insertion par l’activité économique"), TRJ_UNIT_ETP, KINDS (iae_kinds),
    .territorial_base = TRUE, .rules_index = -1 },
  { "EA", N_("Entreprises adaptées"), TRJ_UNIT_ETP, KINDS (ea_kinds),
    .territorial_base = TRUE, .rules_index = -1 },
  { "GEIQ", N_("GEIQ"), TRJ_UNIT_AIDS, KINDS (geiq_kinds),
    .territorial_base = TRUE, .rules_index = -1 },
  { "FDI", N_("Fonds de développement de l’inclusion"), TRJ_UNIT_EUROS, KINDS (free_kinds),
    .rules_index = -1 },
};

guint
trj_catalog_n_envelopes (void)
{
  return G_N_ELEMENTS (envelopes);
}

const TrjCatalogEnvelope *
trj_catalog_envelope_at (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (envelopes), NULL);
  return &envelopes[index];
}

int
trj_catalog_envelope_order (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (envelopes); i++)
    if (g_str_equal (envelopes[i].id, id))
      return (int) i;
  return G_MAXINT;
}

const TrjCatalogEnvelope *
trj_catalog_envelope (const char *id)
{
  int i = trj_catalog_envelope_order (id);

  return i == G_MAXINT ? NULL : &envelopes[i];
}

const char *
trj_catalog_envelope_title (const char *id)
{
  const TrjCatalogEnvelope *env = trj_catalog_envelope (id);

  return env != NULL ? _(env->title) : id;
}

TrjLineKind
trj_catalog_envelope_default_kind (const char *id)
{
  const TrjCatalogEnvelope *env = trj_catalog_envelope (id);

  return env != NULL ? env->kinds[0] : TRJ_KIND_FREE;
}

const char *
trj_catalog_fdi_envelope (void)
{
  /* The one whose volume is in euros: free lines only, no credits of its own. */
  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    if (envelopes[i].unit == TRJ_UNIT_EUROS)
      return envelopes[i].id;
  g_return_val_if_reached (NULL);
}

const char *
trj_catalog_transfer_source (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    if (envelopes[i].transfer_source)
      return envelopes[i].id;
  g_return_val_if_reached (NULL);
}

const char *
trj_catalog_transfer_target (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    if (envelopes[i].transfer_target)
      return envelopes[i].id;
  g_return_val_if_reached (NULL);
}

/* ── Kinds ──────────────────────────────────────────────────────────── */

#define CONTRACT(k, name, title) \
  [k] = { k, name, title, TRJ_LINE_SHAPE_CONTRACT, TRJ_UNIT_CONTRACTS, FALSE, FALSE, 1 }
#define POST_AID(k, name, title, unit, iae) \
  [k] = { k, name, title, TRJ_LINE_SHAPE_POST_AID, unit, iae, FALSE, 0 }
#define STRUCTURE(k, name, title) \
  [k] = { k, name, title, TRJ_LINE_SHAPE_POST_AID, TRJ_UNIT_ETP, TRUE, TRUE, 0 }

/* Post-aid lines are paid in the month served unless the user says otherwise. */
static const TrjCatalogKind kinds[TRJ_N_KINDS] = {
  CONTRACT (TRJ_KIND_PEC, "PEC", N_("PEC")),
  CONTRACT (TRJ_KIND_CIE_JEUNES, "CIE_JEUNES", N_("CIE jeunes")),
  CONTRACT (TRJ_KIND_CIE_TP, "CIE_TP", N_("CIE tous publics")),
  STRUCTURE (TRJ_KIND_EI, "EI", N_("EI")),
  STRUCTURE (TRJ_KIND_ETTI, "ETTI", N_("ETTI")),
  STRUCTURE (TRJ_KIND_ACI, "ACI", N_("ACI")),
  STRUCTURE (TRJ_KIND_AI, "AI", N_("AI")),
  STRUCTURE (TRJ_KIND_EITI, "EITI", N_("EITI")),
  POST_AID (TRJ_KIND_PASSERELLE, "PASSERELLE", N_("Passerelle"), TRJ_UNIT_ETP, TRUE),
  POST_AID (TRJ_KIND_CDI_INCLUSION, "CDI_INCLUSION", N_("CDI inclusion"), TRJ_UNIT_ETP, TRUE),
  POST_AID (TRJ_KIND_EA_SOCLE, "EA_SOCLE", N_("EA socle"), TRJ_UNIT_ETP, FALSE),
  POST_AID (TRJ_KIND_EA_MAD, "EA_MAD", N_("EA mise à disposition"), TRJ_UNIT_ETP, FALSE),
  POST_AID (TRJ_KIND_EA_CDDT, "EA_CDDT", N_("EA CDD tremplin"), TRJ_UNIT_ETP, FALSE),
  POST_AID (TRJ_KIND_EA_EATT, "EA_EATT", N_("EA de travail temporaire"), TRJ_UNIT_ETP, FALSE),
  POST_AID (TRJ_KIND_GEIQ_RENFORCE, "GEIQ_RENFORCE", N_("GEIQ renforcé"), TRJ_UNIT_AIDS, FALSE),
  POST_AID (TRJ_KIND_GEIQ_STANDARD, "GEIQ_STANDARD", N_("GEIQ standard"), TRJ_UNIT_AIDS, FALSE),
  [TRJ_KIND_FREE] = { TRJ_KIND_FREE, "FREE", N_("Free line"), TRJ_LINE_SHAPE_FREE, TRJ_UNIT_EUROS,
                      FALSE, FALSE, 0 },
};

const TrjCatalogKind *
trj_catalog_kind (TrjLineKind kind)
{
  g_return_val_if_fail (kind < TRJ_N_KINDS, NULL);
  return &kinds[kind];
}

const char *
trj_catalog_kind_title (TrjLineKind kind)
{
  g_return_val_if_fail (kind < TRJ_N_KINDS, NULL);
  return _(kinds[kind].title);
}

const char *
trj_catalog_kind_envelope (TrjLineKind kind)
{
  for (guint e = 0; e < G_N_ELEMENTS (envelopes); e++)
    for (guint k = 0; k < envelopes[e].n_kinds; k++)
      if (envelopes[e].kinds[k] == kind)
        return envelopes[e].id;
  return NULL;
}

gboolean
trj_catalog_envelope_holds (const char *id, TrjLineKind kind, char **why)
{
  g_return_val_if_fail (kind < TRJ_N_KINDS, FALSE);
  if (kind == TRJ_KIND_FREE || trj_catalog_envelope (id) != NULL)
    return TRUE;
  if (why != NULL)
    /* TRANSLATORS: an envelope id the catalogue does not know, then a kind (PEC) */
    *why = g_strdup_printf (_("“%s” is not an envelope of the catalogue: it may hold free lines only, "
                              "not %s"), id, kinds[kind].name);
  return FALSE;
}

char *
trj_catalog_kind_names (TrjLineShape shape)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < TRJ_N_KINDS; i++)
    if (kinds[i].shape == shape)
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", kinds[i].name);
  return g_string_free (names, FALSE);
}

const char *
trj_kind_to_string (TrjLineKind kind)
{
  g_return_val_if_fail (kind < TRJ_N_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
trj_kind_from_string (const char *s, TrjLineKind *out)
{
  for (guint i = 0; s != NULL && i < TRJ_N_KINDS; i++)
    if (g_str_equal (s, kinds[i].name))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

TrjLineShape
trj_kind_shape (TrjLineKind kind)
{
  g_return_val_if_fail (kind < TRJ_N_KINDS, TRJ_LINE_SHAPE_FREE);
  return kinds[kind].shape;
}

TrjLineKind
trj_catalog_default_structure_kind (void)
{
  return TRJ_KIND_ACI;
}

/* ── Publics (MODEL 2.8) ─────────────────────────────────────────────── */

static const struct {
  const char *code;
  const char *title;
} publics[TRJ_N_PUBLICS] = {
  [TRJ_PUBLIC_QPV] = { "QPV", N_("Residents of a QPV") },
  [TRJ_PUBLIC_ZRR] = { "ZRR", N_("Residents of a ZRR") },
  [TRJ_PUBLIC_ESSMS] = { "ESSMS", N_("ESSMS, grand âge, petite enfance") },
  [TRJ_PUBLIC_SENIORS] = { "SENIORS", N_("Seniors") },
};

const char *
trj_catalog_public_code (TrjPublic public_)
{
  g_return_val_if_fail (public_ < TRJ_N_PUBLICS, NULL);
  return publics[public_].code;
}

const char *
trj_catalog_public_title (TrjPublic public_)
{
  g_return_val_if_fail (public_ < TRJ_N_PUBLICS, NULL);
  return _(publics[public_].title);
}

gboolean
trj_catalog_public_from_code (const char *code, TrjPublic *out)
{
  for (TrjPublic p = 0; code != NULL && p < TRJ_N_PUBLICS; p++)
    if (g_str_equal (code, publics[p].code))
      {
        *out = p;
        return TRUE;
      }
  return FALSE;
}

const char *
trj_catalog_public_codes (void)
{
  static gsize list;   /* char *, built once */

  if (g_once_init_enter (&list))
    {
      GString *s = g_string_new (NULL);

      for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
        g_string_append_printf (s, "%s%s", p ? ", " : "", publics[p].code);
      g_once_init_leave (&list, (gsize) g_string_free (s, FALSE));
    }
  return (const char *) list;
}

/* ── Units ──────────────────────────────────────────────────────────── */

const char *
trj_catalog_unit_word (TrjUnit unit)
{
  /* The words of the result's "unit" key (MODEL 7): data, not translated. */
  static const char *const words[TRJ_N_UNITS] = { "contrats", "ETP", "aides", "€" };

  g_return_val_if_fail (unit < TRJ_N_UNITS, NULL);
  return words[unit];
}

/* ── Parameters ─────────────────────────────────────────────────────── */

/* Bounds that no real programming reaches, so that a hostile file cannot carry
 * a figure the formatters and the charts cannot show (issue 11): a million
 * contracts or ETP on one line, a hundred billion euros. */
#define MAX_COUNT       1e6
#define MAX_ENVELOPE    1e7
#define MAX_AMOUNT      1e11
/* A unit amount is per ETP or per aid and per year (23 458 € for an ACI). */
#define MAX_UNIT_AMOUNT 1e6

#define ONE(key, title, kind, lo, lo_open, hi, hi_open, whole, dflt) \
  { key, title, kind, lo, hi, lo_open, hi_open, whole, dflt, 1, FALSE }
#define MONTHLY(key, title, kind, hi, dflt, positive_sum) \
  { key, title, kind, 0, hi, FALSE, FALSE, FALSE, dflt, TRJ_MONTHS, positive_sum }

/* The engine's month table spans a 24-month duration paid with a 6-month lag
 * (trj-engine-private.h): those two maxima are the model's, not just prudence. */
static const TrjParamSpec params[TRJ_N_PARAMS] = {
  [TRJ_PARAM_RATE] = ONE ("rate", N_("Rate of State aid"), TRJ_PARAM_SHARE,
                          0, TRUE, 1, FALSE, FALSE, 0.5),
  [TRJ_PARAM_WEEKLY_HOURS] = ONE ("weekly_hours", N_("Weekly hours"), TRJ_PARAM_HOURS,
                                  0, TRUE, 35, FALSE, FALSE, 25),
  [TRJ_PARAM_DURATION_MONTHS] = ONE ("duration_months", N_("Duration of the aid (months)"),
                                     TRJ_PARAM_MONTHS, 0, TRUE, 24, FALSE, FALSE, 9.9),
  [TRJ_PARAM_COFINANCED_SHARE] = ONE ("cofinanced_share", N_("Cofinanced share"), TRJ_PARAM_SHARE,
                                      0, FALSE, 1, FALSE, FALSE, 0),
  [TRJ_PARAM_PAYMENT_LAG_MONTHS] = ONE ("payment_lag_months", N_("Payment lag (months)"),
                                        TRJ_PARAM_MONTHS, 0, FALSE, 6, FALSE, TRUE, 1),
  [TRJ_PARAM_ENTRIES] = MONTHLY ("entries", N_("Entries"), TRJ_PARAM_COUNT, MAX_COUNT, 0, FALSE),
  [TRJ_PARAM_VOLUME] = ONE ("volume", N_("Volume"), TRJ_PARAM_COUNT,
                            0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_PROFILE] = MONTHLY ("profile", N_("Entry profile"), TRJ_PARAM_WEIGHT, MAX_COUNT, 1, TRUE),
  [TRJ_PARAM_PREVIOUS_ENTRIES] = MONTHLY ("previous_entries", N_("Entries of the previous year"),
                                          TRJ_PARAM_COUNT, MAX_COUNT, 0, FALSE),
  /* Publics overlap (a QPV resident in an ESSMS job): each share alone is 0–1. */
  [TRJ_PARAM_PUBLIC_SHARE] = ONE ("publics", N_("Share of the entries for a public"), TRJ_PARAM_SHARE,
                                  0, FALSE, 1, FALSE, FALSE, 0),
  [TRJ_PARAM_RENEWAL_SHARE] = ONE ("renewal_share", N_("Share of renewals"), TRJ_PARAM_SHARE,
                                   0, FALSE, 1, FALSE, FALSE, 0),

  [TRJ_PARAM_QUANTITY] = ONE ("quantity", N_("Quantity"), TRJ_PARAM_COUNT,
                              0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_UNIT_AMOUNT] = ONE ("unit_amount", N_("Unit amount"), TRJ_PARAM_MONEY,
                                 0, FALSE, MAX_UNIT_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_MODULATION] = ONE ("modulation", N_("Modulated part"), TRJ_PARAM_SHARE,
                                0, FALSE, 0.10, FALSE, FALSE, 0),
  /* Also at most the line's quantity: trj_scenario_validate checks that. */
  [TRJ_PARAM_SECOND_YEAR_QUANTITY] = ONE ("second_year_quantity", N_("Quantity in the second year or later"),
                                          TRJ_PARAM_COUNT, 0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_RSA_RECIPIENTS] = ONE ("rsa_recipients", N_("RSA recipients"), TRJ_PARAM_COUNT,
                                    0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_RSA_MONTHS] = ONE ("rsa_months", N_("Months of RSA cofinancing"), TRJ_PARAM_MONTHS,
                                0, FALSE, 12, FALSE, FALSE, 0),
  [TRJ_PARAM_COMMITMENT_MONTH] = ONE ("commitment_month", N_("Commitment month"), TRJ_PARAM_MONTH,
                                      0, FALSE, TRJ_MONTHS - 1, FALSE, TRUE, 0),
  [TRJ_PARAM_PAYMENT_PROFILE] = MONTHLY ("payment_profile", N_("Payment profile"), TRJ_PARAM_WEIGHT,
                                         MAX_COUNT, 1, TRUE),
  /* April of Y+1 (MODEL 3); JSON counts months from 1. */
  [TRJ_PARAM_MODULATION_MONTH] = ONE ("modulation_month", N_("Month the modulated part is paid"),
                                      TRJ_PARAM_MONTH, 0, FALSE, TRJ_MONTHS - 1, FALSE, TRUE, 3),
  [TRJ_PARAM_PRISON] = ONE ("prison", N_("Structure in prison"), TRJ_PARAM_FLAG,
                            0, FALSE, 1, FALSE, TRUE, 0),
  [TRJ_PARAM_CONVENTIONNE_PREVIOUS] = ONE ("conventionne_previous", N_("ETP conventionnés last year"),
                                           TRJ_PARAM_COUNT, 0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_REALISE_PREVIOUS] = ONE ("realise_previous", N_("ETP réalisés last year"),
                                      TRJ_PARAM_COUNT, 0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_DECREASE_REQUESTED] = ONE ("decrease_requested", N_("Decrease requested"), TRJ_PARAM_FLAG,
                                        0, FALSE, 1, FALSE, TRUE, 0),
  [TRJ_PARAM_REVALUATION_REQUESTED] = ONE ("revaluation_requested", N_("Revaluation requested"),
                                           TRJ_PARAM_FLAG, 0, FALSE, 1, FALSE, TRUE, 0),
  [TRJ_PARAM_DEVELOPMENT] = ONE ("development", N_("Development project"), TRJ_PARAM_FLAG,
                                 0, FALSE, 1, FALSE, TRUE, 0),
  /* A month without data is NAN in a line (trj_line_new), null in JSON. */
  [TRJ_PARAM_REALISED_ETP] = MONTHLY ("realised_etp", N_("Realised ETP of the month"), TRJ_PARAM_COUNT,
                                      MAX_COUNT, 0, FALSE),

  [TRJ_PARAM_AE_AMOUNT] = ONE ("ae_amount", N_("AE amount"), TRJ_PARAM_MONEY,
                               0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_CP_SCHEDULE] = MONTHLY ("cp_schedule", N_("CP schedule"), TRJ_PARAM_MONEY,
                                     MAX_AMOUNT, 0, FALSE),

  [TRJ_PARAM_AE_NOTIFIED] = ONE ("ae_notified", N_("AE notified"), TRJ_PARAM_MONEY,
                                 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_CP_NOTIFIED] = ONE ("cp_notified", N_("CP notified"), TRJ_PARAM_MONEY,
                                 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_VOLUME_NOTIFIED] = ONE ("volume_notified", N_("Volume notified"), TRJ_PARAM_COUNT,
                                     0, FALSE, MAX_ENVELOPE, FALSE, FALSE, 0),
  [TRJ_PARAM_PREVIOUS_MODULATION_CP] = ONE ("previous_modulation_cp", N_("Last year’s modulated part"),
                                            TRJ_PARAM_MONEY, 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_DEMANDE_AE] = ONE ("demandes_complementaires.ae", N_("AE of the demande complémentaire"),
                                TRJ_PARAM_MONEY, 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_DEMANDE_CP] = ONE ("demandes_complementaires.cp", N_("CP of the demande complémentaire"),
                                TRJ_PARAM_MONEY, 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),

  [TRJ_PARAM_TRANSFER_AE] = ONE ("cie_jeunes_to_pec_ae", N_("AE moved from CIE jeunes to PEC"),
                                 TRJ_PARAM_MONEY, 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_TRANSFER_CP] = ONE ("cie_jeunes_to_pec_cp", N_("CP moved from CIE jeunes to PEC"),
                                 TRJ_PARAM_MONEY, 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_TERRITORIAL_AE] = ONE ("initiatives_territoriales_ae", N_("Initiatives territoriales"),
                                    TRJ_PARAM_MONEY, 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_DEMANDES_COMPLEMENTAIRES] = ONE ("demandes_complementaires", N_("Demandes complémentaires"),
                                              TRJ_PARAM_MONEY, 0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),

  [TRJ_PARAM_SMIC_HOURLY] = ONE ("smic_hourly", N_("Gross hourly SMIC"), TRJ_PARAM_EURO_RATE,
                                 0, TRUE, 1000, FALSE, FALSE, 11.65),
  [TRJ_PARAM_RSA] = ONE ("rsa", N_("RSA lump sum"), TRJ_PARAM_EURO_RATE,
                         0, TRUE, 1e5, FALSE, FALSE, 635.71),
  [TRJ_PARAM_CD_SHARE] = ONE ("cd_share", N_("Département’s share of the RSA"), TRJ_PARAM_SHARE,
                              0, FALSE, 1, FALSE, FALSE, 0.88),
  [TRJ_PARAM_WEEKS_PER_MONTH] = ONE ("weeks_per_month", N_("Weeks per month"), TRJ_PARAM_FACTOR,
                                     0, TRUE, 5, FALSE, FALSE, 52.0 / 12.0),

  /* The entries of one month of one line, its ETP, and the AE and CP the ASP
   * reports for it (a month's AE may be negative: commitments cancelled). */
  [TRJ_PARAM_ACTUAL_ENTRIES] = ONE ("actual_entries", N_("Actual entries"), TRJ_PARAM_COUNT,
                                    0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_ACTUAL_ETP] = ONE ("actual_etp", N_("Realised ETP"), TRJ_PARAM_COUNT,
                                0, FALSE, MAX_COUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_ACTUAL_AE] = ONE ("actual_ae", N_("AE committed"), TRJ_PARAM_MONEY,
                               -MAX_AMOUNT, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_ACTUAL_CP] = ONE ("actual_cp", N_("CP paid"), TRJ_PARAM_MONEY,
                               0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),

  /* Issue 16: what the DREETS allocates to a DDETS, and the département's CAOM. */
  [TRJ_PARAM_ALLOCATION_AE] = ONE ("allocations.ae", N_("AE allocated"), TRJ_PARAM_MONEY,
                                   0, FALSE, MAX_AMOUNT, FALSE, FALSE, 0),
  [TRJ_PARAM_ALLOCATION_VOLUME] = ONE ("allocations.volume", N_("Volume allocated"), TRJ_PARAM_COUNT,
                                       0, FALSE, MAX_ENVELOPE, FALSE, FALSE, 0),
  [TRJ_PARAM_CAOM_CONTRACTS] = ONE ("caom.contracts", N_("Cofinanced contracts of the CAOM"), TRJ_PARAM_COUNT,
                                    0, FALSE, MAX_ENVELOPE, FALSE, FALSE, 0),
  [TRJ_PARAM_CAOM_PROFILE] = MONTHLY ("caom.profile", N_("Monthly profile of the CAOM"), TRJ_PARAM_WEIGHT,
                                      MAX_COUNT, 1, TRUE),
};

const TrjParamSpec *
trj_catalog_param (TrjParam param)
{
  g_return_val_if_fail (param < TRJ_N_PARAMS, NULL);
  return &params[param];
}

const char *
trj_catalog_param_title (TrjParam param)
{
  g_return_val_if_fail (param < TRJ_N_PARAMS, NULL);
  return _(params[param].title);
}

gboolean
trj_catalog_param_from_key (const char *key, TrjParam *out)
{
  for (guint i = 0; key != NULL && i < TRJ_N_PARAMS; i++)
    if (g_str_equal (key, params[i].key))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* Whether refusal() has nothing to say: tested before any message is made,
 * since every value of a workbook opened goes through here (issue 17). */
static inline gboolean
accepted (const TrjParamSpec *spec, double v)
{
  return isfinite (v)
         && !(v < spec->min || (spec->min_open && v == spec->min))
         && !(v > spec->max || (spec->max_open && v == spec->max))
         && !(spec->whole && v != floor (v));
}

/* The reason a value is refused, NULL when it is accepted; figures in the
 * programs' French (trj_engine_format_number). */
static char *
refusal (const TrjParamSpec *spec, double v)
{
  g_autofree char *value = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (accepted (spec, v))
    return NULL;
  if (!isfinite (v))
    return g_strdup (_("is not a finite number"));
  value = trj_engine_format_number (v);
  if (v < spec->min || (spec->min_open && v == spec->min))
    {
      min = trj_engine_format_number (spec->min);
      return spec->min_open ? g_strdup_printf (_("%s must be above %s"), value, min)
                            : g_strdup_printf (_("%s is below %s"), value, min);
    }
  if (v > spec->max || (spec->max_open && v == spec->max))
    {
      max = trj_engine_format_number (spec->max);
      return spec->max_open ? g_strdup_printf (_("%s must be below %s"), value, max)
                            : g_strdup_printf (_("%s is above %s"), value, max);
    }
  if (spec->whole && v != floor (v))
    return g_strdup_printf (_("%s is not a whole number"), value);
  return NULL;
}

gboolean
trj_catalog_accepts (TrjParam param, double value)
{
  g_return_val_if_fail (param < TRJ_N_PARAMS, FALSE);
  return accepted (&params[param], value);
}

gboolean
trj_catalog_check (TrjParam param, const char *path, double value, GError **error)
{
  g_autofree char *why = NULL;

  g_return_val_if_fail (param < TRJ_N_PARAMS, FALSE);
  if (accepted (&params[param], value) || (why = refusal (&params[param], value)) == NULL)
    return TRUE;
  if (path == NULL)
    g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID, why);
  else
    /* TRANSLATORS: a key path ("envelopes[0].lines[2].rate") and what is wrong with it */
    g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID, _("%s: %s"), path, why);
  return FALSE;
}

gboolean
trj_catalog_check_reason (const char *text, const char *path, GError **error)
{
  const char *why = NULL;
  g_autofree char *message = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    why = _("is not valid text");
  else if (g_utf8_strlen (text, -1) > TRJ_CATALOG_MAX_REASON)
    message = g_strdup_printf (_("a justification is at most %d characters long"), TRJ_CATALOG_MAX_REASON);
  else
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c != '\n' && c != '\t' && g_unichar_iscntrl (c))
          {
            why = _("a justification holds no control character");
            break;
          }
      }
  if (why == NULL && message == NULL)
    return TRUE;
  if (path == NULL)
    g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID, why != NULL ? why : message);
  else
    g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID, _("%s: %s"), path,
                 why != NULL ? why : message);
  return FALSE;
}

/* ── Lines ──────────────────────────────────────────────────────────── */

double
trj_catalog_default_modulation (TrjLineKind kind, const TrjYearData *data)
{
  g_return_val_if_fail (kind < TRJ_N_KINDS, 0);
  if (kinds[kind].iae && data != NULL)
    return data->default_modulation;
  return params[TRJ_PARAM_MODULATION].default_value;
}

double
trj_catalog_line_unit_amount (const TrjLine *line, const TrjYearData *data, TrjZone zone)
{
  TrjLineKind kind = line->kind;

  if (kind == TRJ_KIND_CDI_INCLUSION)
    kind = kinds[line->structure_kind].structure ? line->structure_kind
                                                 : trj_catalog_default_structure_kind ();
  return trj_year_data_unit_amount (data, kind, zone);
}

TrjLine *
trj_catalog_line_new (const char *id, TrjLineKind kind, const TrjYearData *data, TrjZone zone)
{
  TrjLine *line = trj_line_new (id, kind);

  g_return_val_if_fail (zone < TRJ_N_ZONES, line);
  if (data == NULL)
    return line;
  switch (trj_kind_shape (kind))
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      {
        /* Start from the circular's averages so that the line is sensible at once. */
        const TrjKindRules *rules = &data->rules.contract[kind][zone];

        line->rate = rules->rate_avg;
        line->weekly_hours = rules->hours_avg;
        line->duration_months = rules->duration_avg;
        line->cofinanced_share = rules->cofinancing_target;
      }
      break;
    case TRJ_LINE_SHAPE_POST_AID:
      line->unit_amount = trj_catalog_line_unit_amount (line, data, zone);
      line->modulation = trj_catalog_default_modulation (kind, data);
      break;
    case TRJ_LINE_SHAPE_FREE:
    default:
      break;
    }
  return line;
}
