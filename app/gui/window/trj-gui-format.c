/* trj-gui-format.c — see trj-gui-format.h */
#include "config.h"

#include <math.h>

#include "trj-gui-format.h"
#include "trj-engine.h"
#include "trj-format.h"

#define UNDEFINED "—"

char *
trj_gui_money (double euros)
{
  return isfinite (euros) ? trj_format_money (euros) : g_strdup (UNDEFINED);
}

char *
trj_gui_margin (double euros)
{
  return trj_gui_money (floor (euros + TRJ_OVERRUN_EPSILON));
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
