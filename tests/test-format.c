/* test-format.c — French formatting and parsing through ICU (trj-format.h)
 *
 * Expected strings are the exact bytes ICU 72 prints for fr_FR: U+202F (narrow
 * no-break space) groups thousands, U+00A0 (no-break space) stands before
 * "€" and "%". They are spelled with escapes so that the test says which space. */
#include <math.h>

#include "trj-format.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static void
check_string (char *got, const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_number (void)
{
  check_string (trj_format_number (1234.5, 1), "1" NNBSP "234,5");
  check_string (trj_format_number (-1234.5, 1), "-1" NNBSP "234,5");
  check_string (trj_format_number (1234567.891, 2), "1" NNBSP "234" NNBSP "567,89");
  check_string (trj_format_number (0.25, 1), "0,3");        /* half up, not half even */
  check_string (trj_format_number (12, 2), "12,00");
  check_string (trj_format_integer (1234567.5), "1" NNBSP "234" NNBSP "568");
  check_string (trj_format_integer (999.4), "999");
  check_string (trj_format_decimal (25, 1), "25");
  check_string (trj_format_decimal (28.3, 1), "28,3");
  check_string (trj_format_decimal (9.96, 1), "10");
  check_string (trj_format_number (NAN, 1), "—");
  /* The figures of messages (trj_format_figure, the engine's formatter). */
  check_string (trj_format_figure (1.4), "1,4");
  check_string (trj_format_figure (0.1000001), "0,1000001");
  check_string (trj_format_figure (1e11), "100" NNBSP "000" NNBSP "000" NNBSP "000");
  check_string (trj_format_figure (1e308), "1 × 10³⁰⁸");
  check_string (trj_format_figure (-1e94), "-1 × 10⁹⁴");
  check_string (trj_format_figure (9.9999999e15), "1 × 10¹⁶");
  check_string (trj_format_figure (2.5e20), "2,5 × 10²⁰");
}

static void
test_money (void)
{
  check_string (trj_format_money (1234567.4), "1" NNBSP "234" NNBSP "567" NBSP "€");
  check_string (trj_format_money (6813468), "6" NNBSP "813" NNBSP "468" NBSP "€");
  check_string (trj_format_money (-950.5), "-951" NBSP "€");
  check_string (trj_format_money (0), "0" NBSP "€");
  /* A fraction of a cent under zero is no « −0 € » (issue 13). */
  check_string (trj_format_money (-0.004), "0" NBSP "€");
  check_string (trj_format_money (-1e-10), "0" NBSP "€");
  check_string (trj_format_percent (-0.0001, 1), "0,0" NBSP "%");
  check_string (trj_format_money (INFINITY), "—");

  /* A margin to the euro below (MODEL 2.5), an exact fit whole. */
  check_string (trj_format_margin (29215.91), "29" NNBSP "215" NBSP "€");
  check_string (trj_format_margin (12.999), "13" NBSP "€");
  check_string (trj_format_margin (0.4), "0" NBSP "€");
  check_string (trj_format_margin (-0.3), "-1" NBSP "€");
  check_string (trj_format_margin (-1e-9), "0" NBSP "€");
  g_assert_cmpfloat (trj_format_margin_value (-1270.98), ==, -1271);

  check_string (trj_format_money_short (12.5e6), "12,5" NBSP "M€");
  check_string (trj_format_money_short (1376.4e6), "1" NNBSP "376,4" NBSP "M€");
  check_string (trj_format_money_short (850e3), "850" NBSP "k€");
  check_string (trj_format_money_short (999600), "1,0" NBSP "M€");
  check_string (trj_format_money_short (-25400), "-25" NBSP "k€");
  check_string (trj_format_money_short (950), "950" NBSP "€");
  check_string (trj_format_money_short (999.6), "1" NBSP "k€");
}

static void
test_percent (void)
{
  check_string (trj_format_percent (0.5, 1), "50,0" NBSP "%");
  check_string (trj_format_percent (0.505, 1), "50,5" NBSP "%");
  check_string (trj_format_percent (0.0044, 2), "0,44" NBSP "%");
  check_string (trj_format_percent (1.5, 0), "150" NBSP "%");
  check_string (trj_format_percent (12.5, 0), "1" NNBSP "250" NBSP "%");
}

static void
test_months (void)
{
  static const char *long_names[] = {
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
  };
  static const char *short_names[] = {
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
  };

  for (int m = 1; m <= 12; m++)
    {
      g_assert_cmpstr (trj_format_month_long (m), ==, long_names[m - 1]);
      g_assert_cmpstr (trj_format_month_short (m), ==, short_names[m - 1]);
    }
  check_string (trj_format_month (2024, 1), "janvier 2024");
  check_string (trj_format_month (2025, 8), "août 2025");
}

static void
test_date (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 11, 23, 9, 5, 0);
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (-11 * 3600);
  /* Late evening on 1 March far west of UTC: still 1 March for its reader. */
  g_autoptr(GDateTime) west = g_date_time_new (tz, 2024, 3, 1, 23, 30, 0);

  check_string (trj_format_date (utc), "23 novembre 2026");
  check_string (trj_format_date (west), "1 mars 2024");
}

static void
check_number (const char *text, double expected)
{
  double value = NAN;

  if (!trj_parse_number (text, &value))
    g_error ("“%s” was refused", text);
  g_assert_cmpfloat (value, ==, expected);
}

static void
check_refused (gboolean (*parse) (const char *, double *), const char *text)
{
  double value = 42;

  if (parse (text, &value))
    g_error ("“%s” was accepted as %g", text, value);
  g_assert_cmpfloat (value, ==, 42);   /* untouched */
}

static void
test_parse_number (void)
{
  check_number ("1 234,5", 1234.5);
  check_number ("1" NBSP "234,5", 1234.5);
  check_number ("1" NNBSP "234,5", 1234.5);
  check_number ("1234.5", 1234.5);
  check_number ("1 234", 1234);
  check_number ("1" NBSP "234", 1234);
  check_number ("1" NNBSP "234", 1234);
  check_number ("  42  ", 42);
  check_number ("0,5", 0.5);
  check_number ("-12,25", -12.25);
  check_number ("\u2212" "3", -3);
  check_number ("50 %", 0.5);
  check_number ("1" NNBSP "234" NNBSP "567" NBSP "€", 1234567);
  check_number (",5", 0.5);

  check_refused (trj_parse_number, "5O");
  check_refused (trj_parse_number, "");
  check_refused (trj_parse_number, "   ");
  check_refused (trj_parse_number, "12abc");
  check_refused (trj_parse_number, "1,234.5");
  check_refused (trj_parse_number, "1e3");
  check_refused (trj_parse_number, "-");
  check_refused (trj_parse_number, "%");
  check_refused (trj_parse_number, "5 % 3");
  check_refused (trj_parse_number, "1-2");
  check_refused (trj_parse_number, NULL);
}

static void
check_rate (const char *text, double expected)
{
  double value = NAN;

  if (!trj_parse_rate (text, &value))
    g_error ("“%s” was refused", text);
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-15);
}

static void
test_parse_rate (void)
{
  check_rate ("50", 0.5);
  check_rate ("50 %", 0.5);
  check_rate ("50" NBSP "%", 0.5);
  check_rate ("50" NNBSP "%", 0.5);
  check_rate ("50,5%", 0.505);
  check_rate ("50,5", 0.505);
  check_rate ("0,5", 0.5);
  check_rate ("0.35", 0.35);
  check_rate ("1", 1.0);          /* ≤ 1 without "%": a fraction */
  check_rate ("1 %", 0.01);
  check_rate ("0,5 %", 0.005);

  check_refused (trj_parse_rate, "5O");
  check_refused (trj_parse_rate, "");
  check_refused (trj_parse_rate, "12abc");
  check_refused (trj_parse_rate, "50 €");
  check_refused (trj_parse_rate, "%50");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/number", test_number);
  g_test_add_func ("/format/money", test_money);
  g_test_add_func ("/format/percent", test_percent);
  g_test_add_func ("/format/months", test_months);
  g_test_add_func ("/format/date", test_date);
  g_test_add_func ("/format/parse-number", test_parse_number);
  g_test_add_func ("/format/parse-rate", test_parse_rate);

  return g_test_run ();
}
