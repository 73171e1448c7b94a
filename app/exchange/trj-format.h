/* trj-format.h — French number, money, percentage and date formatting and parsing
 *
 * Every figure shown to a user goes through here (GUI, charts, exports, CLI
 * messages). Formatting uses ICU (unum_* / udat_* with locale fr_FR), never
 * hand-written grouping, so the result is the same whatever the process locale
 * (the test machines have only the C locale).
 *
 * Conventions (as ICU fr_FR prints them):
 *   trj_format_money (1234567.4)        → "1 234 567 €"     (U+202F narrow no-break space groups,
 *                                                             U+00A0 before €)
 *   trj_format_money_short (12.5e6)     → "12,5 M€"
 *   trj_format_percent (0.5, 1)         → "50,0 %"
 *   trj_format_number (1234.5, 1)       → "1 234,5"
 *   trj_format_month (2024, 1)          → "janvier 2024"
 *   trj_format_month_short (3)          → "mars" ; ("janv.", "févr." …)
 * Returned strings are newly allocated (g_free). Non-finite values (an undefined
 * ae_per_contract is NAN) format as "—".
 */
#pragma once

#include <glib.h>

#include "trj-types.h"

G_BEGIN_DECLS

char *trj_format_number        (double value, int decimals);
char *trj_format_integer       (double value);                 /* rounded, grouped */
/* Up to max_decimals, trailing zeros dropped: 25 → "25", 28.3 → "28,3" (hours, months). */
char *trj_format_decimal       (double value, int max_decimals);
char *trj_format_money         (double euros);                 /* no decimals */
/* A margin to the euro below (MODEL 2.5: shown rounded towards the side that
 * keeps it ≥ 0, so that moving the amount shown never puts an envelope
 * over): 29 215,91 → "29 215 €", −0,30 → "-1 €"; within TRJ_OVERRUN_EPSILON
 * of the euro above, that euro (an exact fit reads whole). */
char *trj_format_margin        (double euros);
/* The margin trj_format_margin shows, as a number. */
double trj_format_margin_value (double euros);
/* A figure of a message, as exact as ten decimals (one and four tenths →
 * "1,4", 10¹¹ → "100 000 000 000"), from 10¹⁵ in powers of ten: -10³⁰⁸ →
 * "−1 × 10³⁰⁸". */
char *trj_format_figure        (double value);
char *trj_format_money_short   (double euros);                 /* "12,5 M€", "850 k€", "950 €" */
char *trj_format_percent       (double share, int decimals);   /* 0.5 → "50,0 %" (1 decimal) */
char *trj_format_month         (int year, int month);          /* month 1..12 → "janvier 2024" */
const char *trj_format_month_short (int month);                /* 1..12 → "janv." (static) */
const char *trj_format_month_long  (int month);                /* 1..12 → "janvier" (static) */
char *trj_format_date          (GDateTime *dt);
/* A dated series (MODEL 2.2), two decimals: « 11,65 € au 01/01/2024 ; 11,88 € au
 * 01/11/2024 » (the hypotheses window, the report, the programming file). */
char *trj_format_series        (const TrjSeries *series);                /* "23 novembre 2026" */

/* Parsing French input ("1 234,5", "1234.5", "50 %", "0,5"). Returns FALSE when
 * the text is not a number; spaces of any kind are grouping separators. A
 * trailing "%" divides by 100 ("50 %" → 0.5); a trailing "€" is allowed (pasted
 * money cells). */
gboolean trj_parse_number      (const char *text, double *out);
/* Rate input rule (shown to the user): a value with "%" or greater than 1 is a
 * percentage ("50", "50 %", "50,5" → 0.50, 0.50, 0.505); a value ≤ 1 without "%"
 * is a fraction ("0,5" → 0.5). */
gboolean trj_parse_rate        (const char *text, double *out);

/* Gives the engine, which has no ICU, these formatters for the figures of its
 * messages (trj_engine_set_money_formatter, trj_engine_set_number_formatter);
 * every program calls it at start-up. */
void trj_format_install_in_engine (void);

G_END_DECLS
