/* fuzz-number.c — the French number parser and formatter (trj-format)
 *
 * The input is parsed as typed text (trj_parse_number, trj_parse_rate) and what
 * parses is formatted back; its first 8 bytes are also taken as a double (any
 * bit pattern: NaN, infinities, subnormals, 1e308) and formatted in every style
 * with the number of decimals of byte 9. Within a planner's magnitudes a
 * formatted number must parse back to itself. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trj-format.h"
#include "trj-fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  trj_fuzz_init ();
  return 0;
}

static char *
checked (char *text, double value)
{
  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    g_error ("%.17g formatted as an empty or invalid text", value);
  return text;
}

static void
format_every_way (double value, int decimals)
{
  g_autofree char *number = checked (trj_format_number (value, decimals), value);
  double back;

  g_free (checked (trj_format_decimal (value, decimals), value));
  g_free (checked (trj_format_integer (value), value));
  g_free (checked (trj_format_money (value), value));
  g_free (checked (trj_format_money_short (value), value));
  g_free (checked (trj_format_percent (value, decimals), value));
  if (isfinite (value) && fabs (value) <= 1e12 && decimals <= 6)
    {
      if (!trj_parse_number (number, &back))
        g_error ("%.17g formatted as “%s”, which does not parse", value, number);
      if (fabs (back - value) > 0.51 * pow (10, -MAX (decimals, 0)) * (1 + 1e-9) + fabs (value) * 1e-15)
        g_error ("%.17g formatted as “%s”, parsed back as %.17g", value, number, back);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  double value;

  if (trj_parse_number (text, &value))
    format_every_way (value, 2);
  if (trj_parse_rate (text, &value))
    format_every_way (value, 1);
  if (size >= 9)
    {
      memcpy (&value, data, sizeof value);
      format_every_way (value, data[8] % 12 - 1);
    }
  return 0;
}
