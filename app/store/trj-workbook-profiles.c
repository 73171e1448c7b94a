/* trj-workbook-profiles.c — saved entry profiles (MODEL 2.7)
 *
 * A planner saves the monthly-entry profile of a line under a name and
 * applies it to other lines. The profiles belong to the workbook, not to a
 * scenario: each is a row of `meta`, key "profile:" + name, value the 12
 * weights separated by ";" (C locale). Saving is not an undo step (a profile
 * is a tool, like the scenario shown, not a figure of the programming).
 * They are read and checked at open like every other row: a name too long or
 * empty, a weight count other than 12, a weight out of the catalogue's
 * limits or all weights 0, and the file is refused, naming the row.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-workbook-private.h"

#define PROFILE_KEY_PREFIX "profile:"

static void
saved_profile_free (TrjSavedProfile *profile)
{
  g_free (profile->name);
  g_free (profile);
}

/* NULL when the name can be saved, else why not (French). */
static char *
check_name (const char *name)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup (_("The name of the profile is not valid text."));
  {
    g_autofree char *stripped = g_strstrip (g_strdup (name));

    if (*stripped == '\0')
      return g_strdup (_("The profile needs a name."));
  }
  if (g_utf8_strlen (name, -1) > TRJ_WORKBOOK_PROFILE_NAME_MAX)
    return g_strdup_printf (_("The name of a profile has at most %d characters."),
                            TRJ_WORKBOOK_PROFILE_NAME_MAX);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return g_strdup (_("The name of the profile contains a control character."));
  return NULL;
}

/* NULL when the weights can be a profile, else why not (French). */
static char *
check_weights (const double weights[TRJ_MONTHS])
{
  const TrjParamSpec *spec = trj_catalog_param (TRJ_PARAM_PROFILE);
  double sum = 0;

  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      if (!isfinite (weights[m]) || weights[m] < spec->min || weights[m] > spec->max)
        return g_strdup_printf (_("The weight of month %d is outside %g–%g."), m + 1, spec->min, spec->max);
      sum += weights[m];
    }
  if (sum <= 0)
    return g_strdup (_("A profile needs at least one month with entries."));
  return NULL;
}

static gboolean
parse_weights (const char *text, double weights[TRJ_MONTHS])
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);

  if (g_strv_length (parts) != TRJ_MONTHS)
    return FALSE;
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      char *end = NULL;

      weights[m] = g_ascii_strtod (parts[m], &end);
      if (end == parts[m] || *end != '\0')
        return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  const TrjSavedProfile *pa = *(TrjSavedProfile *const *) a;
  const TrjSavedProfile *pb = *(TrjSavedProfile *const *) b;

  return g_utf8_collate (pa->name, pb->name);
}

gboolean
trj_workbook_load_profiles (TrjWorkbook *self, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) saved_profile_free);
  int rc;

  stmt = trj_workbook_prepare (self, error, "SELECT key, value FROM meta WHERE key LIKE '" PROFILE_KEY_PREFIX "%'", "");
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = sqlite3_column_type (stmt, 1) == SQLITE_TEXT
                          ? (const char *) sqlite3_column_text (stmt, 1) : NULL;
      const char *name = key + strlen (PROFILE_KEY_PREFIX);
      TrjSavedProfile *profile = g_new0 (TrjSavedProfile, 1);
      g_autofree char *problem = check_name (name);

      g_ptr_array_add (profiles, profile);
      if (problem == NULL && !parse_weights (value, profile->weights))
        problem = g_strdup (_("A profile has 12 weights separated by “;”."));
      if (problem == NULL)
        problem = check_weights (profile->weights);
      if (problem != NULL)
        {
          /* TRANSLATORS: where a bad value is: a row of the workbook's metadata */
          g_autofree char *row = g_strdup_printf (_("key “%s”"), g_utf8_validate (key, -1, NULL) ? key : "profile:…");

          trj_workbook_set_damaged (error, self->path, "meta", row, "value", problem);
          return FALSE;
        }
      profile->name = g_strdup (name);
    }
  if (rc != SQLITE_DONE)
    {
      trj_workbook_set_sqlite_error (error, self->db, _("Cannot read the saved profiles"));
      return FALSE;
    }
  g_ptr_array_sort (profiles, compare_names);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  self->profiles = g_steal_pointer (&profiles);
  return TRUE;
}

GPtrArray *
trj_workbook_get_profiles (TrjWorkbook *self)
{
  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), NULL);

  if (self->profiles == NULL)
    self->profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) saved_profile_free);
  return self->profiles;
}

gboolean
trj_workbook_save_profile (TrjWorkbook *self, const char *name, const double weights[TRJ_MONTHS],
                           GError **error)
{
  g_autofree char *problem = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GString) value = g_string_new (NULL);

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error))
    return FALSE;
  if ((problem = check_name (name)) != NULL || (problem = check_weights (weights)) != NULL)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, problem);
      return FALSE;
    }
  for (int m = 0; m < TRJ_MONTHS; m++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (value, "%s%s", m > 0 ? ";" : "",
                              g_ascii_dtostr (number, sizeof number, weights[m]));
    }
  key = g_strconcat (PROFILE_KEY_PREFIX, name, NULL);
  if (!trj_workbook_meta_set (self, key, value->str, error) ||
      !trj_workbook_load_profiles (self, error))
    return FALSE;
  g_signal_emit_by_name (self, "profiles-changed");
  return TRUE;
}

static const TrjSavedProfile *
find_profile (TrjWorkbook *self, const char *name)
{
  GPtrArray *profiles = trj_workbook_get_profiles (self);

  for (guint i = 0; name != NULL && i < profiles->len; i++)
    {
      const TrjSavedProfile *profile = g_ptr_array_index (profiles, i);

      if (g_str_equal (profile->name, name))
        return profile;
    }
  return NULL;
}

static gboolean
check_exists (TrjWorkbook *self, const char *name, GError **error)
{
  if (find_profile (self, name) != NULL)
    return TRUE;
  g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_NOT_FOUND,
               _("No profile is saved as “%s”"),
               name != NULL && g_utf8_validate (name, -1, NULL) ? name : "…");
  return FALSE;
}

gboolean
trj_workbook_rename_profile (TrjWorkbook *self, const char *name, const char *new_name,
                             GError **error)
{
  g_autofree char *problem = NULL;
  g_autofree char *key = NULL;
  g_autofree char *new_key = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error) || !check_exists (self, name, error))
    return FALSE;
  if ((problem = check_name (new_name)) != NULL)
    {
      g_set_error_literal (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID, problem);
      return FALSE;
    }
  if (g_str_equal (name, new_name))
    return TRUE;
  if (find_profile (self, new_name) != NULL)
    {
      g_set_error (error, TRJ_WORKBOOK_ERROR, TRJ_WORKBOOK_ERROR_INVALID,
                   _("A profile is already saved as “%s”"), new_name);
      return FALSE;
    }
  key = g_strconcat (PROFILE_KEY_PREFIX, name, NULL);
  new_key = g_strconcat (PROFILE_KEY_PREFIX, new_name, NULL);
  if (!trj_workbook_run (self, error, "UPDATE meta SET key = ?1 WHERE key = ?2", "ss", new_key, key)
      || !trj_workbook_load_profiles (self, error))
    return FALSE;
  g_signal_emit_by_name (self, "profiles-changed");
  return TRUE;
}

gboolean
trj_workbook_delete_profile (TrjWorkbook *self, const char *name, GError **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (TRJ_IS_WORKBOOK (self), FALSE);

  if (!trj_workbook_check_writable (self, error) || !check_exists (self, name, error))
    return FALSE;
  key = g_strconcat (PROFILE_KEY_PREFIX, name, NULL);
  if (!trj_workbook_run (self, error, "DELETE FROM meta WHERE key = ?1", "s", key)
      || !trj_workbook_load_profiles (self, error))
    return FALSE;
  g_signal_emit_by_name (self, "profiles-changed");
  return TRUE;
}
