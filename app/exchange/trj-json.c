/* trj-json.c — reading and writing the documents of MODEL.md section 7 (see trj-json.h) */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-iae.h"
#include "trj-share.h"
#include "trj-input.h"
#include "trj-json.h"
#include "trj-json-scan.h"
#include "trj-json-writer.h"
#include "trj-year-data.h"

G_DEFINE_QUARK (trj-json-error-quark, trj_json_error)

/* ── Errors ────────────────────────────────────────────────────────────── */

static gboolean
set_missing (GError **error, const char *path)
{
  return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, path, "%s", _("required key is missing"));
}

static const char *
node_type_name (JsonNode *node)
{
  GType type;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      type = json_node_get_value_type (node);
      if (type == G_TYPE_STRING)
        return _("a string");
      if (type == G_TYPE_BOOLEAN)
        return _("a boolean");
      return _("a number");
    }
}

static gboolean
set_wrong_type (GError **error, const char *path, const char *expected, JsonNode *node)
{
  /* TRANSLATORS: "a number is expected, not a string" */
  return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, path, _("%s is expected, not %s"),
                    expected, node_type_name (node));
}

/* ── Key paths ─────────────────────────────────────────────────────────── */

static char *
path_key (const char *parent, const char *key)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (key);
  return g_strconcat (parent, ".", key, NULL);
}

static char *
path_index (const char *parent, guint index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* ── Typed reads ───────────────────────────────────────────────────────── */

static gboolean
check_keys (JsonObject *object, const char *path, const char *const *allowed,
            const char *line_kind, GError **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *key_path = NULL;

      if (g_strv_contains (allowed, key))
        continue;
      key_path = path_key (path, key);
      if (line_kind != NULL)
        return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, key_path,
                          _("unknown key for a %s line"), line_kind);
      return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, key_path, "%s", _("unknown key"));
    }
  return TRUE;
}

/* *out is NAN when the node is not a number: callers never read an unset value
 * (GCC 12 at -O3 cannot prove it otherwise, and -Werror makes that fatal). */
static gboolean
node_number (JsonNode *node, const char *path, double *out, GError **error)
{
  *out = NAN;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        {
          *out = json_node_get_double (node);
          return TRUE;
        }
    }
  return set_wrong_type (error, path, _("a number"), node);
}

static JsonObject *
node_object (JsonNode *node, const char *path, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_wrong_type (error, path, _("an object"), node);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
node_array (JsonNode *node, const char *path, GError **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_wrong_type (error, path, _("an array"), node);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Looks up a member: FALSE with an error when it is required and absent;
 * TRUE with *node NULL when it is optional and absent. */
static gboolean
get_member (JsonObject *object, const char *path, const char *key, gboolean required,
            JsonNode **node, char **key_path, GError **error)
{
  *key_path = path_key (path, key);
  *node = json_object_get_member (object, key);
  if (*node == NULL && required)
    return set_missing (error, *key_path);
  return TRUE;
}

/* The read_* functions leave *out untouched when an optional key is absent. */

static gboolean
read_number (JsonObject *object, const char *path, const char *key, gboolean required,
             double *out, GError **error)
{
  g_autofree char *key_path = NULL;
  JsonNode *node;

  if (!get_member (object, path, key, required, &node, &key_path, error))
    return FALSE;
  return node == NULL || node_number (node, key_path, out, error);
}

static gboolean
read_int (JsonObject *object, const char *path, const char *key, gboolean required,
          int *out, GError **error)
{
  g_autofree char *key_path = NULL;
  JsonNode *node;
  double value;

  if (!get_member (object, path, key, required, &node, &key_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!node_number (node, key_path, &value, error))
    return FALSE;
  if (value != floor (value) || fabs (value) > G_MAXINT)
    {
      g_autofree char *text = trj_format_decimal (value, 6);

      return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, key_path,
                        _("a whole number is expected, not %s"), text);
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
read_boolean (JsonObject *object, const char *path, const char *key, gboolean required,
              gboolean *out, GError **error)
{
  g_autofree char *key_path = NULL;
  JsonNode *node;

  if (!get_member (object, path, key, required, &node, &key_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return set_wrong_type (error, key_path, _("a boolean"), node);
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* *out is a new string (g_free), or untouched for an absent optional key. */
static gboolean
read_string (JsonObject *object, const char *path, const char *key, gboolean required,
             char **out, GError **error)
{
  g_autofree char *key_path = NULL;
  JsonNode *node;

  if (!get_member (object, path, key, required, &node, &key_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return set_wrong_type (error, key_path, _("a string"), node);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* An identifier: a required, non-empty string. */
static gboolean
read_id (JsonObject *object, const char *path, char **out, GError **error)
{
  g_autofree char *key_path = NULL;

  if (!read_string (object, path, "id", TRUE, out, error))
    return FALSE;
  if (**out != '\0')
    return TRUE;
  g_clear_pointer (out, g_free);
  key_path = path_key (path, "id");
  return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, key_path, "%s", _("must not be empty"));
}

/* Twelve numbers, January to December, or with nulls_allowed null for a
 * month without data (NAN). *present tells whether the key was there. */
static gboolean
read_month_values (JsonObject *object, const char *path, const char *key, gboolean required,
                   gboolean nulls_allowed, double out[TRJ_MONTHS], gboolean *present, GError **error)
{
  g_autofree char *key_path = NULL;
  JsonNode *node;
  JsonArray *array;
  guint length;

  if (present != NULL)
    *present = FALSE;
  if (!get_member (object, path, key, required, &node, &key_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((array = node_array (node, key_path, error)) == NULL)
    return FALSE;
  length = json_array_get_length (array);
  if (length != TRJ_MONTHS)
    return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, key_path,
                      _("12 monthly values are expected (January to December), not %u"), length);
  for (guint i = 0; i < TRJ_MONTHS; i++)
    {
      g_autofree char *item_path = path_index (key_path, i);
      JsonNode *item = json_array_get_element (array, i);

      if (nulls_allowed && JSON_NODE_HOLDS_NULL (item))
        out[i] = NAN;
      else if (!node_number (item, item_path, &out[i], error))
        return FALSE;
    }
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_months (JsonObject *object, const char *path, const char *key, gboolean required,
             double out[TRJ_MONTHS], gboolean *present, GError **error)
{
  return read_month_values (object, path, key, required, FALSE, out, present, error);
}

/* A month number as people count them (1 = January), stored 0-based. */
static gboolean
read_month_number (JsonObject *object, const char *path, const char *key, int *month0,
                   GError **error)
{
  g_autofree char *key_path = path_key (path, key);
  int month = *month0 + 1;

  if (!read_int (object, path, key, FALSE, &month, error))
    return FALSE;
  if (month < 1 || month > 12)
    return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, key_path,
                      _("%d is not a month (1 = January … 12 = December)"), month);
  *month0 = month - 1;
  return TRUE;
}

/* ── Reading a scenario ────────────────────────────────────────────────── */

typedef struct {
  const TrjYearData *data;
  TrjScenario *scenario;
} ReadContext;

static gboolean
parse_date (const char *text, gint32 *yyyymmdd)
{
  unsigned year, month, day;
  char tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;
  *yyyymmdd = (gint32) (year * 10000 + month * 100 + day);
  return TRUE;
}

static gboolean
read_series (JsonObject *object, const char *path, const char *key, TrjSeries *series,
             gboolean *present, GError **error)
{
  static const char *const point_keys[] = { "from", "value", NULL };
  g_autofree char *key_path = NULL;
  JsonNode *node;
  JsonArray *array;
  guint length;

  *present = FALSE;
  if (!get_member (object, path, key, FALSE, &node, &key_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((array = node_array (node, key_path, error)) == NULL)
    return FALSE;
  length = json_array_get_length (array);
  if (length == 0)
    return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, key_path, "%s",
                      _("the series needs at least one dated value"));

  trj_series_clear (series);
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *item_path = path_index (key_path, i);
      g_autofree char *from_text = NULL;
      g_autofree char *from_path = path_key (item_path, "from");
      JsonObject *point;
      gint32 from;
      double value;

      if ((point = node_object (json_array_get_element (array, i), item_path, error)) == NULL
          || !check_keys (point, item_path, point_keys, NULL, error)
          || !read_string (point, item_path, "from", TRUE, &from_text, error)
          || !read_number (point, item_path, "value", TRUE, &value, error))
        return FALSE;
      if (!parse_date (from_text, &from))
        return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, from_path,
                          _("“%s” is not a date (YYYY-MM-DD)"), from_text);
      if (series->n_points > 0 && from <= series->points[series->n_points - 1].from)
        return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, from_path, "%s",
                          _("dates must be in increasing order"));
      trj_series_append (series, from, value);
    }
  *present = TRUE;
  return TRUE;
}

static gboolean
read_reference (ReadContext *ctx, JsonObject *root, GError **error)
{
  static const char *const keys[] = { "smic_hourly", "rsa", "cd_share", "weeks_per_month", NULL };
  TrjScenario *scenario = ctx->scenario;
  TrjReference *ref = &scenario->reference;
  JsonNode *node = json_object_get_member (root, "reference");
  JsonObject *object;

  trj_year_data_reference (ctx->data, scenario->zone, ref);
  if (node == NULL)
    return TRUE;

  if ((object = node_object (node, "reference", error)) == NULL
      || !check_keys (object, "reference", keys, NULL, error)
      || !read_series (object, "reference", "smic_hourly", &ref->smic_hourly,
                       &scenario->overrides_smic, error)
      || !read_series (object, "reference", "rsa", &ref->rsa, &scenario->overrides_rsa, error))
    return FALSE;

  scenario->overrides_cd_share = json_object_has_member (object, "cd_share");
  scenario->overrides_weeks = json_object_has_member (object, "weeks_per_month");
  return read_number (object, "reference", "cd_share", FALSE, &ref->cd_share, error)
         && read_number (object, "reference", "weeks_per_month", FALSE,
                         &ref->weeks_per_month, error);
}

/* Keys a line of this kind may have (MODEL 2.1 and 3). */
static GStrv
line_keys (TrjLineKind kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  static const char *const common[] = { "id", "label", "kind", "departement", "prescriber", "note", NULL };
  static const char *const contract[] = {
    "rate", "weekly_hours", "duration_months", "cofinanced_share", "payment_lag_months",
    "entries", "volume", "profile", "previous_entries", "publics", "renewal_share",
    "exception_reason", NULL
  };
  static const char *const post_aid[] = {
    "quantity", "unit_amount", "modulation", "modulation_month", "commitment_month",
    "payment_profile", "payment_lag_months", NULL
  };
  static const char *const iae[] = {
    "rsa_recipients", "rsa_months", "prison", "structure", "conventionne_previous", "realise_previous",
    "decrease_requested", "revaluation_requested", "development", "realised_etp", NULL
  };
  static const char *const free_line[] = {
    "ae_amount", "commitment_month", "cp_schedule", "funded_from", NULL
  };

  g_strv_builder_addv (builder, (const char **) common);
  switch (trj_kind_shape (kind))
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      g_strv_builder_addv (builder, (const char **) contract);
      break;
    case TRJ_LINE_SHAPE_POST_AID:
      g_strv_builder_addv (builder, (const char **) post_aid);
      if (trj_catalog_kind (kind)->iae)
        g_strv_builder_addv (builder, (const char **) iae);
      if (kind == TRJ_KIND_CDI_INCLUSION)
        {
          g_strv_builder_add (builder, "second_year_quantity");
          g_strv_builder_add (builder, "structure_kind");
        }
      break;
    case TRJ_LINE_SHAPE_FREE:
    default:
      g_strv_builder_addv (builder, (const char **) free_line);
      break;
    }
  return g_strv_builder_end (builder);
}

/* MODEL 2.8: "publics": {"QPV": 0.3, …}, one share per public of the
 * catalogue; "renewal_share"; "exception_reason". The validator checks the
 * values against their limits. */
static gboolean
read_circular_rules (JsonObject *object, const char *path, TrjLine *line, GError **error)
{
  g_autofree char *publics_path = NULL;
  JsonNode *node;
  JsonObject *publics;

  line->has_renewal_share = json_object_has_member (object, "renewal_share");
  if (!read_number (object, path, "renewal_share", FALSE, &line->renewal_share, error)
      || !read_string (object, path, "exception_reason", FALSE, &line->exception_reason, error)
      || !get_member (object, path, "publics", FALSE, &node, &publics_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((publics = node_object (node, publics_path, error)) == NULL)
    return FALSE;
  {
    g_autoptr(GList) members = json_object_get_members (publics);

    for (GList *l = members; l != NULL; l = l->next)
      {
        TrjPublic p;

        if (!trj_catalog_public_from_code (l->data, &p))
          {
            g_autofree char *key_path = path_key (publics_path, l->data);

            return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, key_path,
                                       _("unknown public (%s)"), trj_catalog_public_codes ());
          }
        if (!read_number (publics, publics_path, l->data, TRUE, &line->publics[p], error))
          return FALSE;
        line->has_public[p] = TRUE;
      }
  }
  return TRUE;
}

static gboolean
read_contract_line (JsonObject *object, const char *path, TrjLine *line, GError **error)
{
  gboolean has_entries = json_object_has_member (object, "entries");
  gboolean has_volume = json_object_has_member (object, "volume");

  if (!read_number (object, path, "rate", TRUE, &line->rate, error)
      || !read_number (object, path, "weekly_hours", TRUE, &line->weekly_hours, error)
      || !read_number (object, path, "duration_months", TRUE, &line->duration_months, error)
      || !read_number (object, path, "cofinanced_share", FALSE, &line->cofinanced_share, error)
      || !read_int (object, path, "payment_lag_months", FALSE, &line->payment_lag_months, error)
      || !read_circular_rules (object, path, line, error))
    return FALSE;

  if (has_entries)
    {
      const char *extra = has_volume ? "volume"
                          : json_object_has_member (object, "profile") ? "profile" : NULL;

      if (extra != NULL)
        {
          g_autofree char *extra_path = path_key (path, extra);

          return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, extra_path, "%s",
                            _("cannot be given together with “entries”"));
        }
      line->entries_mode = TRJ_ENTRIES_MONTHLY;
      if (!read_months (object, path, "entries", TRUE, line->entries, NULL, error))
        return FALSE;
    }
  else if (has_volume)
    {
      line->entries_mode = TRJ_ENTRIES_VOLUME;
      if (!read_number (object, path, "volume", TRUE, &line->volume, error)
          || !read_months (object, path, "profile", FALSE, line->profile,
                           &line->has_profile, error))
        return FALSE;
      /* A profile summing to 0 spreads nothing: trj_scenario_validate names it. */
      trj_line_spread_volume (line);
    }
  else
    {
      g_autofree char *entries_path = path_key (path, "entries");

      return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, entries_path, "%s",
                        _("required key is missing (give “entries”, or “volume” with an optional “profile”)"));
    }

  return read_months (object, path, "previous_entries", FALSE, line->previous_entries,
                      &line->has_previous_entries, error);
}

static gboolean
read_months_or_null (JsonObject *object, const char *path, const char *key, double out[TRJ_MONTHS],
                     GError **error)
{
  return read_month_values (object, path, key, FALSE, TRUE, out, NULL, error);
}

/* MODEL 3.1: "structure": {"name", "siret", "departement"}; its département
 * is the line's, so the line may not give another. */
static gboolean
read_structure (JsonObject *line_object, const char *path, TrjLine *line, GError **error)
{
  static const char *const keys[] = { "name", "siret", "departement", NULL };
  g_autofree char *structure_path = NULL;
  g_autofree char *departement = NULL;
  JsonNode *node;
  JsonObject *object;

  if (!get_member (line_object, path, "structure", FALSE, &node, &structure_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((object = node_object (node, structure_path, error)) == NULL
      || !check_keys (object, structure_path, keys, NULL, error)
      || !read_string (object, structure_path, "name", TRUE, &line->structure_name, error)
      || !read_string (object, structure_path, "siret", FALSE, &line->siret, error)
      || !read_string (object, structure_path, "departement", FALSE, &departement, error))
    return FALSE;
  if (departement != NULL && line->departement != NULL && !g_str_equal (departement, line->departement))
    {
      g_autofree char *key_path = path_key (structure_path, "departement");

      return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, key_path,
                        _("“%s” is not the line’s département (“%s”)"), departement, line->departement);
    }
  if (departement != NULL && line->departement == NULL)
    line->departement = g_steal_pointer (&departement);
  return TRUE;
}

static gboolean
read_structure_figures (JsonObject *object, const char *path, TrjLine *line, GError **error)
{
  line->has_conventionne_previous = json_object_has_member (object, "conventionne_previous");
  line->has_realise_previous = json_object_has_member (object, "realise_previous");
  return read_structure (object, path, line, error)
         && read_number (object, path, "conventionne_previous", FALSE, &line->conventionne_previous, error)
         && read_number (object, path, "realise_previous", FALSE, &line->realise_previous, error)
         && read_boolean (object, path, "decrease_requested", FALSE, &line->decrease_requested, error)
         && read_boolean (object, path, "revaluation_requested", FALSE, &line->revaluation_requested, error)
         && read_boolean (object, path, "development", FALSE, &line->development, error)
         && read_months_or_null (object, path, "realised_etp", line->realised_etp, error);
}

static gboolean
read_post_aid_line (ReadContext *ctx, JsonObject *object, const char *path, TrjLine *line,
                    GError **error)
{
  g_autofree char *structure = NULL;

  if (!read_string (object, path, "structure_kind", FALSE, &structure, error))
    return FALSE;
  if (structure != NULL
      && (!trj_kind_from_string (structure, &line->structure_kind)
          || !trj_catalog_kind (line->structure_kind)->structure))
    {
      g_autofree char *key_path = path_key (path, "structure_kind");

      return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, key_path,
                        _("“%s” is not a kind of structure (EI, ETTI, ACI, AI or EITI)"), structure);
    }
  line->has_unit_amount = json_object_has_member (object, "unit_amount");
  line->unit_amount = trj_catalog_line_unit_amount (line, ctx->data, ctx->scenario->zone);
  line->modulation = trj_catalog_default_modulation (line->kind, ctx->data);

  return read_boolean (object, path, "prison", FALSE, &line->prison, error)
         && read_structure_figures (object, path, line, error)
         && read_number (object, path, "quantity", TRUE, &line->quantity, error)
         && read_number (object, path, "unit_amount", FALSE, &line->unit_amount, error)
         && read_number (object, path, "modulation", FALSE, &line->modulation, error)
         && read_month_number (object, path, "modulation_month", &line->modulation_month, error)
         && read_number (object, path, "second_year_quantity", FALSE,
                         &line->second_year_quantity, error)
         && read_number (object, path, "rsa_recipients", FALSE, &line->rsa_recipients, error)
         && read_number (object, path, "rsa_months", FALSE, &line->rsa_months, error)
         && read_month_number (object, path, "commitment_month", &line->commitment_month, error)
         && read_months (object, path, "payment_profile", FALSE, line->payment_profile,
                         &line->has_payment_profile, error)
         && read_int (object, path, "payment_lag_months", FALSE, &line->payment_lag_months,
                      error);
}

static gboolean
read_free_line (JsonObject *object, const char *path, TrjLine *line, GError **error)
{
  return read_number (object, path, "ae_amount", TRUE, &line->ae_amount, error)
         && read_month_number (object, path, "commitment_month", &line->commitment_month, error)
         && read_months (object, path, "cp_schedule", TRUE, line->cp_schedule, NULL, error)
         && read_string (object, path, "funded_from", FALSE, &line->funded_from, error);
}

static TrjLine *
read_line (ReadContext *ctx, JsonNode *node, const char *path, GError **error)
{
  g_autofree char *id = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *kind_path = path_key (path, "kind");
  g_autoptr(TrjLine) line = NULL;
  g_auto(GStrv) keys = NULL;
  JsonObject *object;
  TrjLineKind kind;
  gboolean ok;

  if ((object = node_object (node, path, error)) == NULL
      || !read_id (object, path, &id, error)
      || !read_string (object, path, "kind", TRUE, &kind_name, error))
    return NULL;
  if (!trj_kind_from_string (kind_name, &kind))
    {
      trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, kind_path, _("unknown line kind “%s”"), kind_name);
      return NULL;
    }
  keys = line_keys (kind);
  if (!check_keys (object, path, (const char *const *) keys, kind_name, error))
    return NULL;

  line = trj_line_new (id, kind);
  if (!read_string (object, path, "label", FALSE, &line->label, error)
      || !read_string (object, path, "departement", FALSE, &line->departement, error)
      || !read_string (object, path, "prescriber", FALSE, &line->prescriber, error)
      || !read_string (object, path, "note", FALSE, &line->note, error))
    return NULL;

  switch (trj_kind_shape (kind))
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      ok = read_contract_line (object, path, line, error);
      break;
    case TRJ_LINE_SHAPE_POST_AID:
      ok = read_post_aid_line (ctx, object, path, line, error);
      break;
    case TRJ_LINE_SHAPE_FREE:
    default:
      ok = read_free_line (object, path, line, error);
      break;
    }
  return ok ? g_steal_pointer (&line) : NULL;
}

/* MODEL 2.6: "demandes_complementaires": {"ae", "cp", "reason"}, all optional. */
static gboolean
read_demande (JsonObject *envelope, const char *path, TrjDemande *demande, GError **error)
{
  static const char *const keys[] = { "ae", "cp", "reason", NULL };
  g_autofree char *demande_path = NULL;
  JsonNode *node;
  JsonObject *object;

  if (!get_member (envelope, path, "demandes_complementaires", FALSE, &node, &demande_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  return (object = node_object (node, demande_path, error)) != NULL
         && check_keys (object, demande_path, keys, NULL, error)
         && read_number (object, demande_path, "ae", FALSE, &demande->ae, error)
         && read_number (object, demande_path, "cp", FALSE, &demande->cp, error)
         && read_string (object, demande_path, "reason", FALSE, &demande->reason, error);
}

/* Issue 16: "allocations": [{"departement", "prescriber" (optional), "ae", "volume"}]. */
static gboolean
read_allocations (JsonObject *envelope_object, const char *path, TrjEnvelope *envelope, GError **error)
{
  static const char *const keys[] = { "departement", "prescriber", "ae", "volume", NULL };
  g_autofree char *list_path = NULL;
  JsonNode *node;
  JsonArray *array;

  if (!get_member (envelope_object, path, "allocations", FALSE, &node, &list_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((array = node_array (node, list_path, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = path_index (list_path, i);
      g_autofree char *departement = NULL;
      g_autofree char *prescriber = NULL;
      double ae = 0, volume = 0;
      JsonObject *object;

      if ((object = node_object (json_array_get_element (array, i), item_path, error)) == NULL
          || !check_keys (object, item_path, keys, NULL, error)
          || !read_string (object, item_path, "departement", TRUE, &departement, error)
          || !read_string (object, item_path, "prescriber", FALSE, &prescriber, error)
          || !read_number (object, item_path, "ae", TRUE, &ae, error)
          || !read_number (object, item_path, "volume", FALSE, &volume, error))
        return FALSE;
      trj_envelope_add_allocation (envelope, trj_allocation_new (departement, prescriber, ae, volume));
    }
  return TRUE;
}

/* MODEL 7: "caom": {"<département code>": {"contracts": n, "profile": [12]}}. */
static gboolean
read_caom (JsonObject *envelope_object, const char *path, TrjEnvelope *envelope, GError **error)
{
  static const char *const keys[] = { "contracts", "profile", NULL };
  g_autofree char *caom_path = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *node;
  JsonObject *caom_object;

  if (!get_member (envelope_object, path, "caom", FALSE, &node, &caom_path, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((caom_object = node_object (node, caom_path, error)) == NULL)
    return FALSE;
  members = json_object_get_members (caom_object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *code = l->data;
      g_autofree char *item_path = path_key (caom_path, code);
      JsonObject *object;
      TrjCaom *caom = trj_caom_new (code, 0);

      trj_envelope_add_caom (envelope, caom);
      if ((object = node_object (json_object_get_member (caom_object, code), item_path, error)) == NULL
          || !check_keys (object, item_path, keys, NULL, error)
          || !read_number (object, item_path, "contracts", TRUE, &caom->contracts, error)
          || !read_months (object, item_path, "profile", FALSE, caom->profile, &caom->has_profile, error))
        return FALSE;
    }
  return TRUE;
}

static TrjEnvelope *
read_envelope (ReadContext *ctx, JsonNode *node, const char *path, GError **error)
{
  static const char *const keys[] = {
    "id", "ae_notified", "cp_notified", "volume_notified", "cp_notified_includes_stock",
    "previous_modulation_cp", "demandes_complementaires", "allocations", "caom", "lines", NULL
  };
  g_autofree char *id = NULL;
  g_autofree char *lines_path = NULL;
  g_autoptr(TrjEnvelope) envelope = NULL;
  JsonObject *object;
  JsonNode *lines_node;
  JsonArray *lines;

  if ((object = node_object (node, path, error)) == NULL
      || !check_keys (object, path, keys, NULL, error)
      || !read_id (object, path, &id, error))
    return NULL;

  envelope = trj_envelope_new (id);
  if (!read_number (object, path, "ae_notified", TRUE, &envelope->ae_notified, error)
      || !read_number (object, path, "cp_notified", TRUE, &envelope->cp_notified, error)
      || !read_number (object, path, "volume_notified", FALSE, &envelope->volume_notified, error)
      || !read_boolean (object, path, "cp_notified_includes_stock", FALSE,
                        &envelope->cp_notified_includes_stock, error)
      || !read_number (object, path, "previous_modulation_cp", FALSE,
                       &envelope->previous_modulation_cp, error)
      || !read_demande (object, path, &envelope->demande, error)
      || !read_allocations (object, path, envelope, error)
      || !read_caom (object, path, envelope, error)
      || !get_member (object, path, "lines", TRUE, &lines_node, &lines_path, error)
      || (lines = node_array (lines_node, lines_path, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      g_autofree char *line_path = path_index (lines_path, i);
      TrjLine *line = read_line (ctx, json_array_get_element (lines, i), line_path, error);

      if (line == NULL)
        return NULL;
      g_ptr_array_add (envelope->lines, line);
    }
  return g_steal_pointer (&envelope);
}

static gboolean
read_fungibility (JsonObject *root, TrjScenario *scenario, GError **error)
{
  static const char *const keys[] = {
    "cie_jeunes_to_pec_ae", "cie_jeunes_to_pec_cp", "initiatives_territoriales_ae",
    "initiatives_territoriales_source", "demandes_complementaires", NULL
  };
  TrjFungibility *f = &scenario->fungibility;
  JsonNode *node = json_object_get_member (root, "fungibility");
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if ((object = node_object (node, "fungibility", error)) == NULL
      || !check_keys (object, "fungibility", keys, NULL, error))
    return FALSE;
  scenario->has_fungibility = TRUE;
  f->has_cie_jeunes_to_pec_cp = json_object_has_member (object, "cie_jeunes_to_pec_cp");
  return read_number (object, "fungibility", "cie_jeunes_to_pec_ae", FALSE,
                      &f->cie_jeunes_to_pec_ae, error)
         && read_number (object, "fungibility", "cie_jeunes_to_pec_cp", FALSE,
                         &f->cie_jeunes_to_pec_cp, error)
         && read_number (object, "fungibility", "initiatives_territoriales_ae", FALSE,
                         &f->initiatives_territoriales_ae, error)
         && read_number (object, "fungibility", "demandes_complementaires", FALSE,
                         &f->demandes_complementaires, error)
         && read_string (object, "fungibility", "initiatives_territoriales_source", FALSE,
                         &f->initiatives_territoriales_source, error);
}

static gboolean
read_header (ReadContext *ctx, JsonObject *root, GError **error)
{
  static const char *const keys[] = {
    "format", "year", "region", "zone", "reference", "envelopes", "fungibility", NULL
  };
  TrjScenario *scenario = ctx->scenario;
  g_autofree char *format = NULL;
  g_autofree char *zone = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!check_keys (root, NULL, keys, NULL, error)
      || !read_string (root, NULL, "format", TRUE, &format, error))
    return FALSE;
  if (!g_str_equal (format, TRJ_JSON_SCENARIO_FORMAT))
    return trj_json_set_error (error, TRJ_JSON_ERROR_FORMAT, "format",
                      _("“%s” is not a scenario document (expected “%s”)"),
                      format, TRJ_JSON_SCENARIO_FORMAT);

  if (!read_int (root, NULL, "year", TRUE, &scenario->year, error))
    return FALSE;
  ctx->data = trj_year_data_get (scenario->year, &local_error);
  if (ctx->data == NULL)
    return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, "year", "%s", local_error->message);

  if (!read_string (root, NULL, "region", TRUE, &scenario->region, error)
      || !read_string (root, NULL, "zone", TRUE, &zone, error))
    return FALSE;
  if (!trj_zone_from_string (zone, &scenario->zone))
    return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, "zone",
                      _("unknown zone “%s” (metropole, outre_mer or mayotte)"), zone);
  /* The notification of the year names every region a document can be for. */
  if (trj_year_data_find_region (ctx->data, scenario->region) == NULL)
    return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, "region",
                      _("unknown region “%s”: it is not in the notification of %d"),
                      scenario->region, scenario->year);
  return TRUE;
}

static TrjScenario *
read_scenario (JsonNode *root_node, GError **error)
{
  g_autoptr(TrjScenario) scenario = trj_scenario_new ();
  ReadContext ctx = { NULL, scenario };
  JsonObject *root;
  JsonNode *envelopes_node;
  JsonArray *envelopes;
  g_autofree char *envelopes_path = NULL;

  /* An empty document parses to no root at all. */
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, NULL, "%s",
                 _("the document is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!read_header (&ctx, root, error)
      || !read_reference (&ctx, root, error)
      || !get_member (root, NULL, "envelopes", TRUE, &envelopes_node, &envelopes_path, error)
      || (envelopes = node_array (envelopes_node, envelopes_path, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (envelopes); i++)
    {
      g_autofree char *envelope_path = path_index ("envelopes", i);
      TrjEnvelope *envelope = read_envelope (&ctx, json_array_get_element (envelopes, i),
                                             envelope_path, error);

      if (envelope == NULL)
        return NULL;
      g_ptr_array_add (scenario->envelopes, envelope);
    }

  if (!read_fungibility (root, scenario, error)
      || !trj_scenario_validate (scenario, error))
    return NULL;
  /* trj_scenario_validate has no rules: the 0.44 % ceiling is checked here. */
  if (!trj_fungibility_validate (scenario, &ctx.data->rules, error))
    {
      g_prefix_error (error, _("%s: "), "fungibility.initiatives_territoriales_ae");
      return NULL;
    }
  return g_steal_pointer (&scenario);
}

/* What json-glib found wrong, in words of our own: its messages end with
 * GScanner's English ("unexpected identifier `bonjour', expected value"), which
 * no catalogue translates. The code says the kind of fault; GScanner's quoted
 * token, when there is one, says what was found. */
static char *
describe_parse_error (const GError *parse_error)
{
  const char *message = parse_error->message;
  const char *open = strchr (message, '`');
  const char *close = open != NULL ? strchr (open + 1, '\'') : NULL;
  g_autofree char *token = NULL;

  if (open != NULL && close != NULL && close - open - 1 <= 40 && g_utf8_validate (open + 1, close - open - 1, NULL))
    token = g_strndup (open + 1, close - open - 1);

  if (parse_error->domain == JSON_PARSER_ERROR)
    switch ((JsonParserError) parse_error->code)
      {
      case JSON_PARSER_ERROR_TRAILING_COMMA:
        return g_strdup (_("a comma is followed by the end of a list or an object"));
      case JSON_PARSER_ERROR_MISSING_COMMA:
        return g_strdup (_("a comma is missing between two values"));
      case JSON_PARSER_ERROR_MISSING_COLON:
        return g_strdup (_("a colon is missing after a key"));
      case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
        return g_strdup (_("a key is empty"));
      case JSON_PARSER_ERROR_INVALID_DATA:
        return g_strdup (_("the text is not valid UTF-8"));
      case JSON_PARSER_ERROR_INVALID_BAREWORD:
      case JSON_PARSER_ERROR_PARSE:
      case JSON_PARSER_ERROR_UNKNOWN:
      default:
        break;
      }
  if (strstr (message, "unterminated string") != NULL)
    return g_strdup (_("a text in quotation marks is not closed"));
  if (strstr (message, "end of file") != NULL)
    return g_strdup (_("the text ends before the document does (a truncated file?)"));
  if (token != NULL && g_ascii_isalpha (token[0]))
    /* TRANSLATORS: a word found where JSON expects a value, e.g. « bonjour »
     * or « NaN » (JSON has no NaN): */
    return g_strdup_printf (_("“%s” is not a JSON value (text must be in quotation marks, "
                              "numbers written with a dot)"), token);
  if (token != NULL)
    return g_strdup_printf (_("“%s” is not expected here"), token);
  return g_strdup (_("the text does not follow the JSON syntax here"));
}

TrjScenario *
trj_json_scenario_from_data (const char *data, gssize length, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *what = NULL;
  unsigned line, column;

  if (length < 0)
    length = strlen (data);
  /* json-glib recurses and keeps the last of two equal keys: see trj-json-scan.h. */
  if (!trj_json_scan (data, length, error))
    return NULL;
  if (json_parser_load_from_data (parser, data, length, &parse_error))
    return read_scenario (json_parser_get_root (parser), error);

  /* json-glib says "<data>:LINE:COL: Parse error: …": the position, then our words. */
  what = describe_parse_error (parse_error);
  if (sscanf (parse_error->message, "<data>:%u:%u:", &line, &column) == 2)
    trj_json_set_error (error, TRJ_JSON_ERROR_SYNTAX, NULL,
               _("not a valid JSON document (line %u, column %u): %s"), line, column, what);
  else
    trj_json_set_error (error, TRJ_JSON_ERROR_SYNTAX, NULL, _("not a valid JSON document: %s"), what);
  return NULL;
}

TrjScenario *
trj_json_scenario_from_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if ((contents = trj_input_read (path, TRJ_JSON_MAX_SIZE, &length, error)) == NULL)
    return NULL;
  return trj_json_scenario_from_data (contents, length, error);
}

/* ── Writing a scenario ────────────────────────────────────────────────── */

static void
write_date (TrjJsonWriter *w, gint32 yyyymmdd)
{
  g_autofree char *text = g_strdup_printf ("%04d-%02d-%02d", yyyymmdd / 10000,
                                           yyyymmdd / 100 % 100, yyyymmdd % 100);

  trj_json_writer_string (w, text);
}

static void
write_series (TrjJsonWriter *w, const char *key, const TrjSeries *series)
{
  trj_json_writer_key (w, key);
  trj_json_writer_begin_array (w);
  for (guint i = 0; i < series->n_points; i++)
    {
      trj_json_writer_begin_object (w);
      trj_json_writer_key (w, "from");
      write_date (w, series->points[i].from);
      trj_json_writer_key (w, "value");
      trj_json_writer_number (w, series->points[i].value);
      trj_json_writer_end_object (w);
    }
  trj_json_writer_end_array (w);
}

static void
write_reference (TrjJsonWriter *w, const TrjScenario *scenario)
{
  const TrjReference *ref = &scenario->reference;

  if (!scenario->overrides_smic && !scenario->overrides_rsa
      && !scenario->overrides_cd_share && !scenario->overrides_weeks)
    return;

  trj_json_writer_key (w, "reference");
  trj_json_writer_begin_object (w);
  if (scenario->overrides_smic)
    write_series (w, "smic_hourly", &ref->smic_hourly);
  if (scenario->overrides_rsa)
    write_series (w, "rsa", &ref->rsa);
  if (scenario->overrides_cd_share)
    {
      trj_json_writer_key (w, "cd_share");
      trj_json_writer_number (w, ref->cd_share);
    }
  if (scenario->overrides_weeks)
    {
      trj_json_writer_key (w, "weeks_per_month");
      trj_json_writer_number (w, ref->weeks_per_month);
    }
  trj_json_writer_end_object (w);
}

static void
write_number_member (TrjJsonWriter *w, const char *key, double value)
{
  trj_json_writer_key (w, key);
  trj_json_writer_number (w, value);
}

static void
write_optional_number (TrjJsonWriter *w, const char *key, double value, double default_value)
{
  if (value != default_value)
    write_number_member (w, key, value);
}

static void
write_optional_string (TrjJsonWriter *w, const char *key, const char *value)
{
  if (value == NULL)
    return;
  trj_json_writer_key (w, key);
  trj_json_writer_string (w, value);
}

static void
write_months (TrjJsonWriter *w, const char *key, const double values[TRJ_MONTHS])
{
  trj_json_writer_key (w, key);
  trj_json_writer_numbers (w, values, TRJ_MONTHS);
}

/* MODEL 2.8: "publics": {"QPV": share, …} for the shares that are not NAN,
 * nothing when all are. */
static void
write_publics (TrjJsonWriter *w, const double shares[TRJ_N_PUBLICS])
{
  gboolean open = FALSE;

  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    if (!isnan (shares[p]))
      {
        if (!open)
          {
            trj_json_writer_key (w, "publics");
            trj_json_writer_begin_object (w);
            open = TRUE;
          }
        write_number_member (w, trj_catalog_public_code (p), shares[p]);
      }
  if (open)
    trj_json_writer_end_object (w);
}

static void
write_contract_line (TrjJsonWriter *w, const TrjLine *line, const TrjLine *defaults)
{
  write_number_member (w, "rate", line->rate);
  write_number_member (w, "weekly_hours", line->weekly_hours);
  write_number_member (w, "duration_months", line->duration_months);
  write_optional_number (w, "cofinanced_share", line->cofinanced_share,
                         defaults->cofinanced_share);
  write_optional_number (w, "payment_lag_months", line->payment_lag_months,
                         defaults->payment_lag_months);
  if (line->entries_mode == TRJ_ENTRIES_VOLUME)
    {
      write_number_member (w, "volume", line->volume);
      if (line->has_profile)
        write_months (w, "profile", line->profile);
    }
  else
    write_months (w, "entries", line->entries);
  if (line->has_previous_entries)
    write_months (w, "previous_entries", line->previous_entries);
  /* MODEL 2.8, only when given. */
  {
    double shares[TRJ_N_PUBLICS];

    for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
      shares[p] = line->has_public[p] ? line->publics[p] : NAN;
    write_publics (w, shares);
  }
  if (line->has_renewal_share)
    write_number_member (w, "renewal_share", line->renewal_share);
  write_optional_string (w, "exception_reason", line->exception_reason);
}

static void
write_true (TrjJsonWriter *w, const char *key)
{
  trj_json_writer_key (w, key);
  trj_json_writer_boolean (w, TRUE);
}

/* MODEL 3.1, 3.2; the structure's département is written by write_line. */
static void
write_structure_figures (TrjJsonWriter *w, const TrjLine *line)
{
  if (line->has_conventionne_previous)
    write_number_member (w, "conventionne_previous", line->conventionne_previous);
  if (line->has_realise_previous)
    write_number_member (w, "realise_previous", line->realise_previous);
  if (line->decrease_requested)
    write_true (w, "decrease_requested");
  if (line->revaluation_requested)
    write_true (w, "revaluation_requested");
  if (line->development)
    write_true (w, "development");
  if (trj_iae_last_month (line) > 0)
    write_months (w, "realised_etp", line->realised_etp);
}

static void
write_post_aid_line (TrjJsonWriter *w, const TrjScenario *scenario, const TrjLine *line,
                     const TrjLine *defaults)
{
  const TrjYearData *data = trj_year_data_get (scenario->year, NULL);

  write_number_member (w, "quantity", line->quantity);
  if (line->has_unit_amount)
    write_number_member (w, "unit_amount", line->unit_amount);
  /* Without the year's data the default is unknown: say the value. */
  if (data == NULL || line->modulation != trj_catalog_default_modulation (line->kind, data))
    write_number_member (w, "modulation", line->modulation);
  write_optional_number (w, "modulation_month", line->modulation_month + 1,
                         defaults->modulation_month + 1);
  if (line->kind == TRJ_KIND_CDI_INCLUSION)
    {
      write_optional_number (w, "second_year_quantity", line->second_year_quantity, 0);
      if (line->structure_kind != defaults->structure_kind)
        write_optional_string (w, "structure_kind", trj_kind_to_string (line->structure_kind));
    }
  if (trj_catalog_kind (line->kind)->iae)
    {
      write_optional_number (w, "rsa_recipients", line->rsa_recipients, 0);
      write_optional_number (w, "rsa_months", line->rsa_months, 0);
      if (line->prison)
        write_true (w, "prison");
      write_structure_figures (w, line);
    }
  write_optional_number (w, "commitment_month", line->commitment_month + 1,
                         defaults->commitment_month + 1);
  if (line->has_payment_profile)
    write_months (w, "payment_profile", line->payment_profile);
  write_optional_number (w, "payment_lag_months", line->payment_lag_months,
                         defaults->payment_lag_months);
}

static void
write_free_line (TrjJsonWriter *w, const TrjLine *line, const TrjLine *defaults)
{
  write_number_member (w, "ae_amount", line->ae_amount);
  write_optional_number (w, "commitment_month", line->commitment_month + 1,
                         defaults->commitment_month + 1);
  write_months (w, "cp_schedule", line->cp_schedule);
  write_optional_string (w, "funded_from", line->funded_from);
}

static void
write_line (TrjJsonWriter *w, const TrjScenario *scenario, const TrjLine *line)
{
  g_autoptr(TrjLine) defaults = trj_line_new (line->id, line->kind);

  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "id");
  trj_json_writer_string (w, line->id);
  write_optional_string (w, "label", line->label);
  trj_json_writer_key (w, "kind");
  trj_json_writer_string (w, trj_kind_to_string (line->kind));
  if (line->structure_name != NULL)
    {
      trj_json_writer_key (w, "structure");
      trj_json_writer_begin_object (w);
      write_optional_string (w, "name", line->structure_name);
      write_optional_string (w, "siret", line->siret);
      write_optional_string (w, "departement", line->departement);
      trj_json_writer_end_object (w);
    }
  else
    write_optional_string (w, "departement", line->departement);
  write_optional_string (w, "prescriber", line->prescriber);
  write_optional_string (w, "note", line->note);
  switch (trj_kind_shape (line->kind))
    {
    case TRJ_LINE_SHAPE_CONTRACT:
      write_contract_line (w, line, defaults);
      break;
    case TRJ_LINE_SHAPE_POST_AID:
      write_post_aid_line (w, scenario, line, defaults);
      break;
    case TRJ_LINE_SHAPE_FREE:
    default:
      write_free_line (w, line, defaults);
      break;
    }
  trj_json_writer_end_object (w);
}

static void
write_envelope (TrjJsonWriter *w, const TrjScenario *scenario, const TrjEnvelope *envelope)
{
  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "id");
  trj_json_writer_string (w, envelope->id);
  write_number_member (w, "ae_notified", envelope->ae_notified);
  write_number_member (w, "cp_notified", envelope->cp_notified);
  write_optional_number (w, "volume_notified", envelope->volume_notified, 0);
  if (envelope->cp_notified_includes_stock)
    {
      trj_json_writer_key (w, "cp_notified_includes_stock");
      trj_json_writer_boolean (w, TRUE);
    }
  write_optional_number (w, "previous_modulation_cp", envelope->previous_modulation_cp, 0);
  if (envelope->demande.ae != 0 || envelope->demande.cp != 0 || envelope->demande.reason != NULL)
    {
      trj_json_writer_key (w, "demandes_complementaires");
      trj_json_writer_begin_object (w);
      write_number_member (w, "ae", envelope->demande.ae);
      write_number_member (w, "cp", envelope->demande.cp);
      write_optional_string (w, "reason", envelope->demande.reason);
      trj_json_writer_end_object (w);
    }
  if (trj_envelope_n_allocations (envelope) > 0)
    {
      trj_json_writer_key (w, "allocations");
      trj_json_writer_begin_array (w);
      for (guint i = 0; i < envelope->allocations->len; i++)
        {
          const TrjAllocation *allocation = g_ptr_array_index (envelope->allocations, i);

          trj_json_writer_begin_object (w);
          trj_json_writer_key (w, "departement");
          trj_json_writer_string (w, allocation->departement);
          write_optional_string (w, "prescriber", allocation->prescriber);
          write_number_member (w, "ae", allocation->ae);
          write_number_member (w, "volume", allocation->volume);
          trj_json_writer_end_object (w);
        }
      trj_json_writer_end_array (w);
    }
  if (trj_envelope_n_caom (envelope) > 0)
    {
      trj_json_writer_key (w, "caom");
      trj_json_writer_begin_object (w);
      for (guint i = 0; i < envelope->caom->len; i++)
        {
          const TrjCaom *caom = g_ptr_array_index (envelope->caom, i);

          trj_json_writer_key (w, caom->departement);
          trj_json_writer_begin_object (w);
          write_number_member (w, "contracts", caom->contracts);
          if (caom->has_profile)
            write_months (w, "profile", caom->profile);
          trj_json_writer_end_object (w);
        }
      trj_json_writer_end_object (w);
    }
  trj_json_writer_key (w, "lines");
  trj_json_writer_begin_array (w);
  for (guint i = 0; i < envelope->lines->len; i++)
    write_line (w, scenario, g_ptr_array_index (envelope->lines, i));
  trj_json_writer_end_array (w);
  trj_json_writer_end_object (w);
}

static void
write_fungibility (TrjJsonWriter *w, const TrjScenario *scenario)
{
  const TrjFungibility *f = &scenario->fungibility;

  if (!scenario->has_fungibility)
    return;
  trj_json_writer_key (w, "fungibility");
  trj_json_writer_begin_object (w);
  write_optional_number (w, "cie_jeunes_to_pec_ae", f->cie_jeunes_to_pec_ae, 0);
  if (f->has_cie_jeunes_to_pec_cp)
    write_number_member (w, "cie_jeunes_to_pec_cp", f->cie_jeunes_to_pec_cp);
  write_optional_number (w, "initiatives_territoriales_ae", f->initiatives_territoriales_ae, 0);
  write_optional_number (w, "demandes_complementaires", f->demandes_complementaires, 0);
  write_optional_string (w, "initiatives_territoriales_source", f->initiatives_territoriales_source);
  trj_json_writer_end_object (w);
}

static void
write_header (TrjJsonWriter *w, const char *format, const TrjScenario *scenario)
{
  trj_json_writer_key (w, "format");
  trj_json_writer_string (w, format);
  trj_json_writer_key (w, "year");
  trj_json_writer_int (w, scenario->year);
}

char *
trj_json_scenario_to_data (const TrjScenario *scenario)
{
  TrjJsonWriter *w = trj_json_writer_new (TRUE);

  trj_json_writer_begin_object (w);
  write_header (w, TRJ_JSON_SCENARIO_FORMAT, scenario);
  trj_json_writer_key (w, "region");
  trj_json_writer_string (w, scenario->region);
  trj_json_writer_key (w, "zone");
  trj_json_writer_string (w, trj_zone_to_string (scenario->zone));
  write_reference (w, scenario);
  trj_json_writer_key (w, "envelopes");
  trj_json_writer_begin_array (w);
  for (guint i = 0; i < scenario->envelopes->len; i++)
    write_envelope (w, scenario, g_ptr_array_index (scenario->envelopes, i));
  trj_json_writer_end_array (w);
  write_fungibility (w, scenario);
  trj_json_writer_end_object (w);
  return trj_json_writer_free_to_string (w);
}

/* ── Writing a result ──────────────────────────────────────────────────── */

static void
write_figures (TrjJsonWriter *w, const TrjFigures *f)
{
  write_months (w, "ae", f->ae);
  write_months (w, "cp", f->cp);
  write_number_member (w, "ae_total", f->ae_total);
  write_number_member (w, "cp_total", f->cp_total);
  write_number_member (w, "cp_stock", f->cp_stock);
  write_number_member (w, "cp_after_year", f->cp_after_year);
  write_number_member (w, "volume", f->volume);
}

static void
write_alert (TrjJsonWriter *w, const TrjScenario *scenario, const TrjAlert *alert)
{
  g_autofree char *message = trj_alert_message (scenario, alert);
  const TrjLine *line = NULL;

  if (alert->envelope >= 0 && alert->line >= 0)
    {
      const TrjEnvelope *envelope = g_ptr_array_index (scenario->envelopes, alert->envelope);

      line = g_ptr_array_index (envelope->lines, alert->line);
    }
  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "code");
  trj_json_writer_string (w, trj_alert_code_to_string (alert->code));
  trj_json_writer_key (w, "line");
  trj_json_writer_string (w, line != NULL ? line->id : NULL);
  trj_json_writer_key (w, "message");
  trj_json_writer_string (w, message);
  trj_json_writer_key (w, "severity");
  trj_json_writer_string (w, trj_severity_to_string (alert->severity));
  trj_json_writer_end_object (w);
}

/* MODEL 2.8: the envelope's share of each public a line gives, and of
 * renewals, only when some line gives it. */
static void
write_circular_shares (TrjJsonWriter *w, const TrjEnvelopeResult *er)
{
  write_publics (w, er->public_share);
  if (!isnan (er->renewal_share))
    write_number_member (w, "renewal_share", er->renewal_share);
}

/* MODEL 2.8: per département with a CAOM, the committed and cofinanced
 * contracts month by month, their gap, the gap cumulated from January and
 * the month (1–12, null when the gap never leaves zero) where it is largest. */
static void
write_caom_gap (TrjJsonWriter *w, const TrjEnvelope *envelope)
{
  if (trj_envelope_n_caom (envelope) == 0)
    return;
  trj_json_writer_key (w, "caom_gap");
  trj_json_writer_begin_object (w);
  for (guint i = 0; i < envelope->caom->len; i++)
    {
      const TrjCaom *caom = g_ptr_array_index (envelope->caom, i);
      TrjCaomGap gap;

      trj_caom_gap (envelope, caom, &gap);
      trj_json_writer_key (w, caom->departement);
      trj_json_writer_begin_object (w);
      write_months (w, "committed", gap.committed);
      write_months (w, "cofinanced", gap.cofinanced);
      write_months (w, "gap", gap.gap);
      write_months (w, "cumulative_gap", gap.cumulative_gap);
      write_number_member (w, "committed_total", gap.committed_total);
      write_number_member (w, "cofinanced_total", gap.cofinanced_total);
      write_number_member (w, "gap_total", gap.gap_total);
      trj_json_writer_key (w, "largest_gap_month");
      if (gap.largest_month >= 0)
        trj_json_writer_int (w, gap.largest_month + 1);
      else
        trj_json_writer_null (w);
      write_number_member (w, "largest_gap", gap.largest_gap);
      trj_json_writer_end_object (w);
    }
  trj_json_writer_end_object (w);
}

/* Alerts of one envelope (index), or the region-wide ones (index -1). */
static void
write_alerts (TrjJsonWriter *w, const TrjScenario *scenario, const TrjResult *result, int index)
{
  trj_json_writer_key (w, "alerts");
  trj_json_writer_begin_array (w);
  for (guint i = 0; i < result->n_alerts; i++)
    if (result->alerts[i].envelope == index)
      write_alert (w, scenario, &result->alerts[i]);
  trj_json_writer_end_array (w);
}

static gboolean
has_region_alerts (const TrjResult *result)
{
  for (guint i = 0; i < result->n_alerts; i++)
    if (result->alerts[i].envelope < 0)
      return TRUE;
  return FALSE;
}

char *
trj_json_result_to_data (const TrjScenario *scenario, const TrjResult *result)
{
  TrjJsonWriter *w = trj_json_writer_new (TRUE);

  g_return_val_if_fail (result->n_envelopes == scenario->envelopes->len, NULL);

  trj_json_writer_begin_object (w);
  write_header (w, TRJ_JSON_RESULT_FORMAT, scenario);

  trj_json_writer_key (w, "lines");
  trj_json_writer_begin_object (w);
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *envelope = g_ptr_array_index (scenario->envelopes, e);

      for (guint l = 0; l < envelope->lines->len; l++)
        {
          const TrjLine *line = g_ptr_array_index (envelope->lines, l);
          const TrjFigures *f = &trj_result_line (result, e, l)->f;

          trj_json_writer_key (w, line->id);
          trj_json_writer_begin_object (w);
          write_figures (w, f);
          write_number_member (w, "ae_per_contract", f->ae_per_contract);
          write_number_member (w, "ae_per_unit", f->ae_per_unit);
          trj_json_writer_key (w, "unit");
          trj_json_writer_string (w, trj_catalog_unit_word (trj_catalog_kind (line->kind)->unit));
          trj_json_writer_end_object (w);
        }
    }
  trj_json_writer_end_object (w);

  trj_json_writer_key (w, "envelopes");
  trj_json_writer_begin_object (w);
  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *envelope = g_ptr_array_index (scenario->envelopes, e);
      const TrjEnvelopeResult *er = &result->envelopes[e];

      trj_json_writer_key (w, envelope->id);
      trj_json_writer_begin_object (w);
      write_figures (w, &er->f);
      write_number_member (w, "ae_available", er->ae_available);
      write_number_member (w, "cp_available", er->cp_available);
      write_number_member (w, "ae_margin", er->ae_margin);
      write_number_member (w, "cp_margin", er->cp_margin);
      write_number_member (w, "capacity", er->capacity);
      write_circular_shares (w, er);
      write_caom_gap (w, envelope);
      write_alerts (w, scenario, result, (int) e);
      trj_json_writer_end_object (w);
    }
  trj_json_writer_end_object (w);

  /* MODEL.md 7 shows "region" twice (the name, then the totals); a JSON object
   * cannot hold both, so the name goes inside the totals object. */
  trj_json_writer_key (w, "region");
  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "name");
  trj_json_writer_string (w, scenario->region);
  write_number_member (w, "ae_total", result->region.ae_total);
  write_number_member (w, "cp_total", result->region.cp_total);
  /* Region-wide alerts (initiatives territoriales) belong to no envelope. */
  if (has_region_alerts (result))
    write_alerts (w, scenario, result, -1);
  trj_json_writer_end_object (w);

  trj_json_writer_end_object (w);
  return trj_json_writer_free_to_string (w);
}
