/* trj-gui-format.c — see trj-gui-format.h */
#include "config.h"

#include <math.h>

#include "trj-gui-format.h"
#include "trj-engine.h"
#include "trj-format.h"
#include "trj-year-data.h"

#define UNDEFINED "—"

char *
trj_gui_money (double euros)
{
  return isfinite (euros) ? trj_format_money (euros) : g_strdup (UNDEFINED);
}

char *
trj_gui_margin (double euros)
{
  return isfinite (euros) ? trj_format_margin (euros) : g_strdup (UNDEFINED);
}

char *
trj_gui_percent (double share, int decimals)
{
  return isfinite (share) ? trj_format_percent (share, decimals) : g_strdup (UNDEFINED);
}

char *
trj_gui_number (double value, int decimals)
{
  return isfinite (value) ? trj_format_number (value, decimals) : g_strdup (UNDEFINED);
}

char *
trj_gui_integer (double value)
{
  return isfinite (value) ? trj_format_integer (value) : g_strdup (UNDEFINED);
}

char *
trj_gui_decimal (double value, int max_decimals)
{
  return isfinite (value) ? trj_format_decimal (value, max_decimals) : g_strdup (UNDEFINED);
}

char *
trj_gui_departement (int year, const char *region, const char *code)
{
  const TrjYearData *data = trj_year_data_get (year, NULL);
  const TrjRegion *r = data != NULL && region != NULL ? trj_year_data_find_region (data, region) : NULL;
  const TrjDepartement *dep = r != NULL && code != NULL ? trj_region_find_departement (r, code) : NULL;

  if (dep != NULL)
    return g_strdup_printf ("%s %s", dep->code, dep->name);
  return g_strdup (code != NULL ? code : "");
}
