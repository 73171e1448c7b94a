/* trj-year-data.c — the embedded reference data of each programme year */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "trj-year-data.h"

#define RESOURCE_BASE "/fr/gouv/travail/Trajectoire/reference"

static const int available_years[] = { 2024, 0 };

const int *
trj_year_data_available_years (void)
{
  return available_years;
}

static void
departement_free (TrjDepartement *d)
{
  g_free (d->code);
  g_free (d->name);
  g_free (d);
}

static void
region_free (TrjRegion *r)
{
  g_free (r->name);
  g_ptr_array_unref (r->departements);
  g_free (r);
}

static void
notification_row_free (TrjNotificationRow *row)
{
  g_free (row->envelope);
  g_free (row->row_label);
  g_free (row->region);
  g_free (row);
}

void
trj_year_data_free (TrjYearData *data)
{
  if (data == NULL)
    return;
  for (int z = 0; z < TRJ_N_ZONES; z++)
    {
      trj_series_clear (&data->smic_hourly[z]);
      trj_series_clear (&data->rsa[z]);
    }
  g_clear_pointer (&data->regions, g_ptr_array_unref);
  g_clear_pointer (&data->notification, g_ptr_array_unref);
  g_free (data);
}

static gboolean
parse_double (const char *text, double *out)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *out = g_ascii_strtod (g_strstrip ((char *) text), &end);
  return end != text && *end == '\0' && isfinite (*out);
}

static gboolean
data_error (GError **error, const char *file, const char *what)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               _("Reference data %s: %s"), file, what);
  return FALSE;
}

/* "2024-01-01=11.65;2024-11-01=11.88" */
static gboolean
parse_series (const char *text, TrjSeries *series, GError **error)
{
  g_auto(GStrv) items = g_strsplit (text, ";", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      int y, m, d;
      double value;
      char *eq = strrchr (items[i], '=');

      if (*g_strstrip (items[i]) == '\0')
        continue;
      if (eq == NULL || sscanf (items[i], "%d-%d-%d=", &y, &m, &d) != 3 || !parse_double (eq + 1, &value))
        return data_error (error, "reference.ini", items[i]);
      trj_series_append (series, y * 10000 + m * 100 + d, value);
    }
  return TRUE;
}

static gboolean
parse_triple (GKeyFile *kf, const char *group, const char *key, double *lo, double *hi, double *avg,
              GError **error)
{
  g_autofree char *text = g_key_file_get_string (kf, group, key, error);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ";", -1);
  if (g_strv_length (parts) != 3 || !parse_double (parts[0], lo) || !parse_double (parts[1], hi)
      || !parse_double (parts[2], avg))
    return data_error (error, "reference.ini", key);
  return TRUE;
}

static gboolean
get_double (GKeyFile *kf, const char *group, const char *key, double *out, GError **error)
{
  g_autofree char *text = g_key_file_get_string (kf, group, key, error);

  if (text == NULL)
    return FALSE;
  if (!parse_double (text, out))
    return data_error (error, "reference.ini", key);
  return TRUE;
}

static gboolean
parse_reference (TrjYearData *data, const char *text, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  static const char *const contract_kinds[] = { "PEC", "CIE_JEUNES" };
  double year;

  if (!g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, error))
    return FALSE;
  if (!get_double (kf, "general", "year", &year, error)
      || !get_double (kf, "general", "cd_share", &data->cd_share, error)
      || !get_double (kf, "general", "weeks_per_month", &data->weeks_per_month, error)
      || !get_double (kf, "general", "territorial_ceiling_share", &data->rules.territorial_ceiling_share, error)
      || !get_double (kf, "post_aid_notes", "default_modulation", &data->default_modulation, error))
    return FALSE;
  data->year = (int) year;
  data->rules.year = data->year;

  for (TrjZone z = 0; z < TRJ_N_ZONES; z++)
    {
      const char *zone = trj_zone_to_string (z);
      g_autofree char *smic = g_key_file_get_string (kf, "smic_hourly", zone, error);
      g_autofree char *rsa = NULL;
      g_autofree char *post_group = g_strdup_printf ("post_aid %s", zone);

      if (smic == NULL || !parse_series (smic, &data->smic_hourly[z], error))
        return FALSE;
      rsa = g_key_file_get_string (kf, "rsa", zone, error);
      if (rsa == NULL || !parse_series (rsa, &data->rsa[z], error))
        return FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (contract_kinds); k++)
        {
          g_autofree char *group = g_strdup_printf ("rules %s %s", contract_kinds[k], zone);
          TrjKindRules *r = &data->rules.contract[k][z];

          if (!parse_triple (kf, group, "rate", &r->rate_min, &r->rate_max, &r->rate_avg, error)
              || !parse_triple (kf, group, "hours", &r->hours_min, &r->hours_max, &r->hours_avg, error)
              || !parse_triple (kf, group, "duration", &r->duration_min, &r->duration_max, &r->duration_avg, error)
              || !get_double (kf, group, "cofinancing_target", &r->cofinancing_target, error))
            return FALSE;
        }
      /* CIE tous publics lines take the PEC ranges of their zone. */
      data->rules.contract[TRJ_KIND_CIE_TP][z] = data->rules.contract[TRJ_KIND_PEC][z];

      for (TrjLineKind kind = TRJ_KIND_EI; kind < TRJ_KIND_FREE; kind++)
        if (!get_double (kf, post_group, trj_kind_to_string (kind), &data->post_aid_amount[kind][z], error))
          return FALSE;
    }

  {
    g_auto(GStrv) verify = g_key_file_get_string_list (kf, "post_aid_notes", "to_verify", NULL, NULL);
    for (guint i = 0; verify != NULL && verify[i] != NULL; i++)
      {
        TrjLineKind kind;
        if (trj_kind_from_string (verify[i], &kind))
          data->post_aid_to_verify[kind] = TRUE;
      }
  }

  return get_double (kf, "national", "IAE", &data->national_iae, error)
         && get_double (kf, "national", "EA", &data->national_ea, error)
         && get_double (kf, "national", "GEIQ", &data->national_geiq, error)
         && get_double (kf, "national", "PEC_CIE_TP_volume", &data->national_pec_volume, error)
         && get_double (kf, "national", "PEC_CIE_TP_ae", &data->national_pec_ae, error)
         && get_double (kf, "national", "PEC_CIE_TP_cp", &data->national_pec_cp, error)
         && get_double (kf, "national", "CIE_JEUNES_volume", &data->national_cie_volume, error)
         && get_double (kf, "national", "CIE_JEUNES_ae", &data->national_cie_ae, error)
         && get_double (kf, "national", "CIE_JEUNES_cp", &data->national_cie_cp, error);
}

/* Calls func for each non-comment line of a simple comma-separated file. */
static gboolean
for_each_csv_row (const char *text, const char *file, guint n_fields, gboolean has_header,
                  gboolean (*func) (TrjYearData *, char **, GError **), TrjYearData *data,
                  GError **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean header_seen = !has_header;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      if (!header_seen)
        {
          header_seen = TRUE;
          continue;
        }
      fields = g_strsplit (line, ",", -1);
      if (g_strv_length (fields) != n_fields)
        {
          g_autofree char *what = g_strdup_printf (_("line %u has %u fields instead of %u"),
                                                   i + 1, g_strv_length (fields), n_fields);
          return data_error (error, file, what);
        }
      if (!func (data, fields, error))
        return FALSE;
    }
  return TRUE;
}

static TrjRegion *
find_region_exact (const TrjYearData *data, const char *name)
{
  for (guint i = 0; i < data->regions->len; i++)
    {
      TrjRegion *r = g_ptr_array_index (data->regions, i);
      if (g_str_equal (r->name, name))
        return r;
    }
  return NULL;
}

static gboolean
add_region_row (TrjYearData *data, char **f, GError **error)
{
  TrjRegion *region = find_region_exact (data, f[0]);
  TrjDepartement *d;

  if (region == NULL)
    {
      region = g_new0 (TrjRegion, 1);
      region->name = g_strdup (f[0]);
      region->departements = g_ptr_array_new_with_free_func ((GDestroyNotify) departement_free);
      if (!trj_zone_from_string (f[1], &region->zone))
        {
          region_free (region);
          return data_error (error, "regions.csv", f[1]);
        }
      g_ptr_array_add (data->regions, region);
    }
  d = g_new0 (TrjDepartement, 1);
  d->code = g_strdup (f[2]);
  d->name = g_strdup (f[3]);
  g_ptr_array_add (region->departements, d);
  return TRUE;
}

#define CIE_TP_SUFFIX " (CIE tous publics)"

static gboolean
add_notification_row (TrjYearData *data, char **f, GError **error)
{
  TrjNotificationRow *row = g_new0 (TrjNotificationRow, 1);

  g_ptr_array_add (data->notification, row);
  row->envelope = g_strdup (f[0]);
  row->row_label = g_strdup (f[1]);
  row->cie_tous_publics = g_str_has_suffix (f[1], CIE_TP_SUFFIX);
  row->region = row->cie_tous_publics ? g_strndup (f[1], strlen (f[1]) - strlen (CIE_TP_SUFFIX))
                                      : g_strdup (f[1]);
  if (!parse_double (f[3], &row->volume) || !parse_double (f[4], &row->ae) || !parse_double (f[5], &row->cp))
    return data_error (error, "notification-contrats-aides.csv", f[1]);
  if (find_region_exact (data, row->region) == NULL)
    return data_error (error, "notification-contrats-aides.csv", row->region);
  return TRUE;
}

TrjYearData *
trj_year_data_parse (const char *reference_ini, const char *notification_csv, const char *regions_csv,
                     GError **error)
{
  g_autoptr(TrjYearData) data = g_new0 (TrjYearData, 1);

  data->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  data->notification = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_row_free);
  if (!parse_reference (data, reference_ini, error)
      || !for_each_csv_row (regions_csv, "regions.csv", 4, FALSE, add_region_row, data, error)
      || !for_each_csv_row (notification_csv, "notification-contrats-aides.csv", 6, TRUE,
                            add_notification_row, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

static char *
load_resource (int year, const char *name, GError **error)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/%d/%s", year, name);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

const TrjYearData *
trj_year_data_get (int year, GError **error)
{
  static GMutex lock;
  static GHashTable *cache;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autofree char *reference = NULL, *notification = NULL, *regions = NULL;
  TrjYearData *data;

  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  data = g_hash_table_lookup (cache, GINT_TO_POINTER (year));
  if (data != NULL)
    return data;

  reference = load_resource (year, "reference.ini", NULL);
  notification = load_resource (year, "notification-contrats-aides.csv", NULL);
  regions = load_resource (year, "regions.csv", NULL);
  if (reference == NULL || notification == NULL || regions == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No reference data for %d: Trajectoire knows the year 2024"), year);
      return NULL;
    }
  data = trj_year_data_parse (reference, notification, regions, error);
  if (data != NULL)
    g_hash_table_insert (cache, GINT_TO_POINTER (year), data);
  return data;
}

/* Lower-case ASCII letters and digits only: "Île-de-France" → "iledefrance". */
static char *
region_key (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *key = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_string_free (key, FALSE);
}

const TrjRegion *
trj_year_data_find_region (const TrjYearData *data, const char *name)
{
  g_autofree char *wanted = region_key (name);

  for (guint i = 0; i < data->regions->len; i++)
    {
      TrjRegion *r = g_ptr_array_index (data->regions, i);
      g_autofree char *key = region_key (r->name);

      if (g_str_equal (key, wanted))
        return r;
    }
  return NULL;
}

const TrjDepartement *
trj_region_find_departement (const TrjRegion *region, const char *code)
{
  for (guint i = 0; i < region->departements->len; i++)
    {
      TrjDepartement *d = g_ptr_array_index (region->departements, i);
      if (g_ascii_strcasecmp (d->code, code) == 0)
        return d;
    }
  return NULL;
}

void
trj_year_data_reference (const TrjYearData *data, TrjZone zone, TrjReference *ref)
{
  trj_series_copy (&ref->smic_hourly, &data->smic_hourly[zone]);
  trj_series_copy (&ref->rsa, &data->rsa[zone]);
  ref->cd_share = data->cd_share;
  ref->weeks_per_month = data->weeks_per_month;
}

gboolean
trj_year_data_notified (const TrjYearData *data, const char *region, const char *envelope_id,
                        double *volume, double *ae, double *cp)
{
  gboolean found = FALSE;

  *volume = *ae = *cp = 0;
  for (guint i = 0; i < data->notification->len; i++)
    {
      TrjNotificationRow *row = g_ptr_array_index (data->notification, i);

      if (!g_str_equal (row->region, region) || !g_str_equal (row->envelope, envelope_id))
        continue;
      *volume += row->volume;
      *ae += row->ae;
      *cp += row->cp;
      found = TRUE;
    }
  return found;
}

double
trj_year_data_unit_amount (const TrjYearData *data, TrjLineKind kind, TrjZone zone)
{
  g_return_val_if_fail (kind < TRJ_N_KINDS && zone < TRJ_N_ZONES, 0);
  return data->post_aid_amount[kind][zone];
}

static TrjLine *
example_line (const TrjYearData *data, TrjZone zone, const char *id, const char *label,
              TrjLineKind kind, double volume)
{
  const TrjKindRules *r = &data->rules.contract[kind][zone];
  TrjLine *line = trj_line_new (id, kind);

  line->label = g_strdup (label);
  line->rate = r->rate_avg;
  line->weekly_hours = r->hours_avg;
  line->duration_months = r->duration_avg;
  line->cofinanced_share = r->cofinancing_target;
  line->payment_lag_months = 1;
  line->entries_mode = TRJ_ENTRIES_VOLUME;
  line->volume = volume;
  trj_line_spread_volume (line);
  return line;
}

TrjScenario *
trj_year_data_example (const TrjYearData *data, const char *region_name, GError **error)
{
  const TrjRegion *region = trj_year_data_find_region (data, region_name);
  g_autoptr(TrjScenario) scenario = NULL;
  static const char *const envelopes[] = { "PEC_CIE_TP", "CIE_JEUNES" };

  if (region == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Unknown region “%s” in the %d notification"), region_name, data->year);
      return NULL;
    }

  scenario = trj_scenario_new ();
  scenario->year = data->year;
  scenario->region = g_strdup (region->name);
  scenario->zone = region->zone;
  trj_year_data_reference (data, region->zone, &scenario->reference);

  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    {
      TrjEnvelope *env = trj_envelope_new (envelopes[i]);

      trj_year_data_notified (data, region->name, envelopes[i], &env->volume_notified,
                              &env->ae_notified, &env->cp_notified);
      g_ptr_array_add (scenario->envelopes, env);
      for (guint r = 0; r < data->notification->len; r++)
        {
          TrjNotificationRow *row = g_ptr_array_index (data->notification, r);

          if (!g_str_equal (row->region, region->name) || !g_str_equal (row->envelope, envelopes[i]))
            continue;
          if (row->cie_tous_publics)
            g_ptr_array_add (env->lines, example_line (data, region->zone, "cie-tp", "CIE tous publics",
                                                       TRJ_KIND_CIE_TP, row->volume));
          else if (i == 0)
            g_ptr_array_add (env->lines, example_line (data, region->zone, "pec", "PEC",
                                                       TRJ_KIND_PEC, row->volume));
          else
            g_ptr_array_add (env->lines, example_line (data, region->zone, "cie-jeunes", "CIE jeunes",
                                                       TRJ_KIND_CIE_JEUNES, row->volume));
        }
    }
  return g_steal_pointer (&scenario);
}
