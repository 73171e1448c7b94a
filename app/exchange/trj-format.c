/* trj-format.c — French figures through ICU (see trj-format.h) */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gmodule.h>
#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "trj-engine.h"
#include "trj-format.h"

#define TRJ_FORMAT_LOCALE "fr_FR"
/* Shown for undefined figures (NAN ae_per_contract, capacity…): ICU would print "NaN". */
#define TRJ_FORMAT_UNDEFINED "—"
#define NBSP "\u00a0"

/* ICU is opened on the first figure formatted, not linked: the commands of
 * trajectoire-cli that print no French figure (simulate writes JSON) start
 * without mapping and relocating ICU and the C++ runtime, about 1,5 ms of a
 * 5 ms start (README « Performances »). The library is the one the headers
 * are from (libicui18n.so.72 brings libicuuc.so.72), its functions looked up
 * by their versioned names (unum_open is unum_open_72: unicode/urename.h). */
#define TRJ_ICU_STR(name) #name
#define TRJ_ICU_NAME(function) TRJ_ICU_STR (function)
#define TRJ_ICU_LIBRARY "libicui18n.so." U_ICU_VERSION_SHORT

#define TRJ_ICU_FUNCTIONS(X) \
  X (u_errorName) \
  X (u_strToUTF8) \
  X (unum_open) \
  X (unum_close) \
  X (unum_setAttribute) \
  X (unum_formatDouble) \
  X (udat_open) \
  X (udat_close) \
  X (udat_format) \
  X (udat_getSymbols)

typedef struct {
#define TRJ_ICU_MEMBER(function) __typeof__ (function) *function;
  TRJ_ICU_FUNCTIONS (TRJ_ICU_MEMBER)
#undef TRJ_ICU_MEMBER
} TrjIcu;

static gpointer
icu_load (gpointer data)
{
  TrjIcu *table = g_new0 (TrjIcu, 1);
  GModule *module = g_module_open (TRJ_ICU_LIBRARY, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  (void) data;
  /* ICU is a dependency of the package: missing, the installation is broken. */
  if (module == NULL)
    g_error ("ICU cannot be opened: %s", g_module_error ());
#define TRJ_ICU_LOOKUP(function) \
  if (!g_module_symbol (module, TRJ_ICU_NAME (function), (gpointer *) &table->function) || table->function == NULL) \
    g_error ("ICU has no %s: %s", TRJ_ICU_NAME (function), g_module_error ());
  TRJ_ICU_FUNCTIONS (TRJ_ICU_LOOKUP)
#undef TRJ_ICU_LOOKUP
  /* Kept for the process's life, like a linked library. */
  g_module_make_resident (module);
  return table;
}

static const TrjIcu *
icu (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, icu_load, NULL);
}

#define ICU(function) (icu ()->function)

static void
close_number_format (gpointer fmt)
{
  ICU (unum_close) (fmt);
}

/* Opening an ICU formatter costs far more than formatting one number, and so
 * does changing its number of decimals (ICU rebuilds it): the grids format
 * thousands of cells. Keep, per thread (ICU formatters are not safe to share
 * across threads), one formatter per style and number of decimals, made on
 * first use. */
#define MAX_DECIMALS 9

typedef enum {
  STYLE_DECIMAL,
  STYLE_PERCENT,
  STYLE_CURRENCY,
  N_STYLES
} TrjFormatStyle;

typedef struct {
  UNumberFormat *formats[N_STYLES][MAX_DECIMALS + 1][MAX_DECIMALS + 1];
} TrjFormatters;

static void
formatters_free (gpointer data)
{
  TrjFormatters *f = data;

  for (int style = 0; style < N_STYLES; style++)
    for (int min = 0; min <= MAX_DECIMALS; min++)
      for (int max = 0; max <= MAX_DECIMALS; max++)
        g_clear_pointer (&f->formats[style][min][max], close_number_format);
  g_free (f);
}

static GPrivate formatters_key = G_PRIVATE_INIT (formatters_free);

static UNumberFormat *
open_number_format (UNumberFormatStyle style, const char *locale)
{
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *fmt = ICU (unum_open) (style, NULL, 0, locale, NULL, &status);

  /* fr_FR ships with every ICU build: a failure here is a broken installation. */
  if (U_FAILURE (status))
    g_error ("ICU cannot open a number format for %s: %s", locale, ICU (u_errorName) (status));
  /* Planners expect commercial rounding (2,5 → 3), not ICU's default half-even. */
  ICU (unum_setAttribute) (fmt, UNUM_ROUNDING_MODE, UNUM_ROUND_HALFUP);
  return fmt;
}

static UNumberFormat *
get_formatter (TrjFormatStyle style, int min_decimals, int max_decimals)
{
  TrjFormatters *f = g_private_get (&formatters_key);
  UNumberFormat **fmt;

  if (f == NULL)
    {
      f = g_new0 (TrjFormatters, 1);
      g_private_set (&formatters_key, f);
    }
  min_decimals = CLAMP (min_decimals, 0, MAX_DECIMALS);
  max_decimals = CLAMP (max_decimals, min_decimals, MAX_DECIMALS);
  fmt = &f->formats[style][min_decimals][max_decimals];
  if (*fmt == NULL)
    {
      switch (style)
        {
        case STYLE_DECIMAL:
          *fmt = open_number_format (UNUM_DECIMAL, TRJ_FORMAT_LOCALE);
          break;
        case STYLE_PERCENT:
          *fmt = open_number_format (UNUM_PERCENT, TRJ_FORMAT_LOCALE);
          break;
        case STYLE_CURRENCY:
        case N_STYLES:
        default:
          *fmt = open_number_format (UNUM_CURRENCY, TRJ_FORMAT_LOCALE "@currency=EUR");
          break;
        }
      ICU (unum_setAttribute) (*fmt, UNUM_MIN_FRACTION_DIGITS, min_decimals);
      ICU (unum_setAttribute) (*fmt, UNUM_MAX_FRACTION_DIGITS, max_decimals);
    }
  return *fmt;
}

/* ICU wrote the text, so converting it cannot fail; if it ever did, the
 * figure reads as undefined rather than abort on data. */
static char *
uchar_to_utf8 (const UChar *text, int32_t length)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t needed = 0;
  char *out;

  ICU (u_strToUTF8) (NULL, 0, &needed, text, length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return g_strdup (TRJ_FORMAT_UNDEFINED);
  status = U_ZERO_ERROR;
  out = g_malloc (needed + 1);
  ICU (u_strToUTF8) (out, needed + 1, NULL, text, length, &status);
  if (U_FAILURE (status))
    {
      g_free (out);
      return g_strdup (TRJ_FORMAT_UNDEFINED);
    }
  return out;
}

static char *
format_with (TrjFormatStyle style, double value, int min_decimals, int max_decimals)
{
  UChar buffer[128];
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *fmt;
  int32_t length;

  if (!isfinite (value))
    return g_strdup (TRJ_FORMAT_UNDEFINED);

  fmt = get_formatter (style, min_decimals, max_decimals);
  length = ICU (unum_formatDouble) (fmt, value, buffer, G_N_ELEMENTS (buffer), NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      /* 1e308 with decimals is over 300 characters: data never makes this
       * assert, however large (it is refused elsewhere, not here). */
      g_autofree UChar *large = g_new (UChar, length + 1);

      status = U_ZERO_ERROR;
      length = ICU (unum_formatDouble) (fmt, value, large, length + 1, NULL, &status);
      if (U_FAILURE (status))
        return g_strdup (TRJ_FORMAT_UNDEFINED);
      return uchar_to_utf8 (large, length);
    }
  if (U_FAILURE (status))
    return g_strdup (TRJ_FORMAT_UNDEFINED);
  /* A value below zero that rounds to zero reads 0, never « −0 € »: a
   * fraction of a cent is no overrun. */
  if (value < 0)
    {
      gboolean nonzero = FALSE;

      for (int32_t i = 0; i < length && !nonzero; i++)
        nonzero = buffer[i] >= '1' && buffer[i] <= '9';
      if (!nonzero)
        return format_with (style, 0.0, min_decimals, max_decimals);
    }
  return uchar_to_utf8 (buffer, length);
}

char *
trj_format_number (double value, int decimals)
{
  return format_with (STYLE_DECIMAL, value, decimals, decimals);
}

char *
trj_format_decimal (double value, int max_decimals)
{
  return format_with (STYLE_DECIMAL, value, 0, max_decimals);
}

char *
trj_format_integer (double value)
{
  return trj_format_number (value, 0);
}

char *
trj_format_money (double euros)
{
  return format_with (STYLE_CURRENCY, euros, 0, 0);
}

double
trj_format_margin_value (double euros)
{
  return floor (euros + TRJ_OVERRUN_EPSILON);
}

char *
trj_format_margin (double euros)
{
  return trj_format_money (trj_format_margin_value (euros));
}

char *
trj_format_figure (double value)
{
  static const char *const superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autofree char *mantissa = NULL;
  g_autofree char *digits = NULL;
  GString *text;
  int exponent;

  if (!isfinite (value) || fabs (value) < 1e15)
    return trj_format_decimal (value, 10);
  exponent = (int) floor (log10 (fabs (value)));
  /* 9.9999999e15 rounds to a mantissa of 10: carry it into the exponent. */
  if (fabs (round (value / pow (10, exponent) * 1e3) / 1e3) >= 10)
    exponent++;
  mantissa = trj_format_decimal (value / pow (10, exponent), 3);
  digits = g_strdup_printf ("%d", exponent);
  text = g_string_new (mantissa);
  g_string_append (text, " × 10");
  for (const char *d = digits; *d != '\0'; d++)
    g_string_append (text, superscript[*d - '0']);
  return g_string_free (text, FALSE);
}

void
trj_format_install_in_engine (void)
{
  trj_engine_set_money_formatter (trj_format_money);
  trj_engine_set_number_formatter (trj_format_figure);
}

char *
trj_format_money_short (double euros)
{
  g_autofree char *number = NULL;
  double magnitude = fabs (euros);

  if (!isfinite (euros))
    return g_strdup (TRJ_FORMAT_UNDEFINED);

  /* Choose the unit on the rounded figure, so 999 600 € reads "1,0 M€", not "1 000 k€". */
  if (round (magnitude / 1e3) >= 1000)
    {
      number = trj_format_number (euros / 1e6, 1);   /* millions: a unit, not a limit */
      return g_strconcat (number, NBSP "M€", NULL);
    }
  if (round (magnitude) >= 1000)
    {
      number = trj_format_number (euros / 1e3, 0);
      return g_strconcat (number, NBSP "k€", NULL);
    }
  return trj_format_money (euros);
}

char *
trj_format_percent (double share, int decimals)
{
  return format_with (STYLE_PERCENT, share, decimals, decimals);
}

/* Month names, from ICU's French symbols, read once for the life of the process. */
typedef struct {
  char *long_names[12];
  char *short_names[12];
} TrjMonthNames;

static char *
month_symbol (const UDateFormat *fmt, UDateFormatSymbolType type, int index)
{
  UChar buffer[64];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = ICU (udat_getSymbols) (fmt, type, index, buffer, G_N_ELEMENTS (buffer), &status);

  g_assert (U_SUCCESS (status));
  return uchar_to_utf8 (buffer, length);
}

static gpointer
month_names_load (gpointer data)
{
  static const UChar utc[] = { 'U', 'T', 'C', 0 };
  TrjMonthNames *names = g_new0 (TrjMonthNames, 1);
  UErrorCode status = U_ZERO_ERROR;
  /* The names do not depend on the time zone: UTC spares ICU finding and
   * loading the host's. */
  UDateFormat *fmt = ICU (udat_open) (UDAT_NONE, UDAT_LONG, TRJ_FORMAT_LOCALE, utc, -1, NULL, 0, &status);

  if (U_FAILURE (status))
    g_error ("ICU cannot open a date format for %s: %s", TRJ_FORMAT_LOCALE, ICU (u_errorName) (status));
  for (int i = 0; i < 12; i++)
    {
      names->long_names[i] = month_symbol (fmt, UDAT_MONTHS, i);
      names->short_names[i] = month_symbol (fmt, UDAT_SHORT_MONTHS, i);
    }
  ICU (udat_close) (fmt);
  return names;
}

static const TrjMonthNames *
month_names (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, month_names_load, NULL);
}

const char *
trj_format_month_long (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  return month_names ()->long_names[month - 1];
}

const char *
trj_format_month_short (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  return month_names ()->short_names[month - 1];
}

char *
trj_format_month (int year, int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  /* A year is not a quantity: no grouping ("2024", never "2 024"). */
  return g_strdup_printf ("%s %d", trj_format_month_long (month), year);
}

char *
trj_format_date (GDateTime *dt)
{
  static const UChar utc[] = { 'U', 'T', 'C', 0 };
  g_autoptr(GDateTime) midnight = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UDateFormat *fmt;
  UChar buffer[128];
  int32_t length;
  char *out;

  g_return_val_if_fail (dt != NULL, NULL);

  /* The calendar day of dt as the caller sees it, whatever its time zone:
   * format that day at UTC midnight with a UTC formatter. */
  midnight = g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                  g_date_time_get_day_of_month (dt), 0, 0, 0);
  fmt = ICU (udat_open) (UDAT_NONE, UDAT_LONG, TRJ_FORMAT_LOCALE, utc, -1, NULL, 0, &status);
  if (U_FAILURE (status))
    g_error ("ICU cannot open a date format for %s: %s", TRJ_FORMAT_LOCALE, ICU (u_errorName) (status));
  length = ICU (udat_format) (fmt, (UDate) g_date_time_to_unix (midnight) * 1000.0,
                        buffer, G_N_ELEMENTS (buffer), NULL, &status);
  out = U_SUCCESS (status) ? uchar_to_utf8 (buffer, length) : g_date_time_format (midnight, "%d/%m/%Y");
  ICU (udat_close) (fmt);
  return out;
}

/* Parsing.
 *
 * Planners type or paste figures as Excel, LibreOffice or Trajectoire print
 * them: "1 234,5", "1234.5", "1 234 €", "50 %". ICU's fr_FR parser refuses a
 * decimal point and stops silently at trailing garbage, so the text is
 * normalised here to a plain C number ("-1234.5") and read by g_ascii_strtod. */

static gboolean
is_grouping_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00a0 || c == 0x202f || c == 0x2009 || c == 0x2007;
}

typedef enum {
  TRJ_UNIT_NONE,
  TRJ_UNIT_PERCENT,
  TRJ_UNIT_EURO,
} TrjParsedUnit;

static gboolean
parse_figure (const char *text, double *out, TrjParsedUnit *unit)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  gboolean seen_digit = FALSE, seen_separator = FALSE;
  char *end = NULL;
  const char *p;

  *unit = TRJ_UNIT_NONE;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_grouping_space (c))
        continue;
      if (*unit != TRJ_UNIT_NONE)
        return FALSE;   /* nothing but spaces may follow the unit */
      if (c >= '0' && c <= '9')
        {
          g_string_append_c (plain, (char) c);
          seen_digit = TRUE;
        }
      else if ((c == '-' || c == 0x2212 || c == '+') && plain->len == 0)
        g_string_append_c (plain, c == '+' ? '+' : '-');
      else if ((c == ',' || c == '.') && !seen_separator)
        {
          g_string_append_c (plain, '.');
          seen_separator = TRUE;
        }
      else if (c == '%' && seen_digit)
        *unit = TRJ_UNIT_PERCENT;
      else if (c == 0x20ac && seen_digit)
        *unit = TRJ_UNIT_EURO;
      else
        return FALSE;
    }
  if (!seen_digit)
    return FALSE;

  *out = g_ascii_strtod (plain->str, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

gboolean
trj_parse_number (const char *text, double *out)
{
  TrjParsedUnit unit;
  double value;

  g_return_val_if_fail (out != NULL, FALSE);
  if (!parse_figure (text, &value, &unit))
    return FALSE;
  *out = unit == TRJ_UNIT_PERCENT ? value / 100.0 : value;
  return TRUE;
}

gboolean
trj_parse_rate (const char *text, double *out)
{
  TrjParsedUnit unit;
  double value;

  g_return_val_if_fail (out != NULL, FALSE);
  if (!parse_figure (text, &value, &unit) || unit == TRJ_UNIT_EURO)
    return FALSE;
  *out = unit == TRJ_UNIT_PERCENT || value > 1.0 ? value / 100.0 : value;
  return TRUE;
}

char *
trj_format_series (const TrjSeries *series)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (series != NULL, NULL);
  for (guint i = 0; i < series->n_points; i++)
    {
      const TrjRefPoint *p = &series->points[i];
      g_autofree char *value = trj_format_number (p->value, 2);
      g_autofree char *date = g_strdup_printf ("%02d/%02d/%04d", p->from % 100, p->from / 100 % 100,
                                               p->from / 10000);

      if (i > 0)
        g_string_append (out, " ; ");
      /* TRANSLATORS: a point of the SMIC or RSA series: "11,65 € from 01/01/2024" */
      g_string_append_printf (out, _("%s € from %s"), value, date);
    }
  return g_string_free (out, FALSE);
}
