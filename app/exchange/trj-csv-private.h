/* trj-csv-private.h — what the CSV readers share (lines, actuals, notification)
 *
 * One way to read a French CSV table: UTF-8 (with or without BOM) or
 * Windows-1252, ";" or "," between fields, a header row; errors collected
 * per row and column, the file refused whole when there is any.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rows of the file (GPtrArray of GPtrArray of char *), the header first;
 * *encoding "UTF-8" or "Windows-1252", *separator ';' or ','. no_separator is
 * the message when the first row has neither. */
GPtrArray *trj_csv_read_table      (const char *path, const char *display, const char **encoding,
                                    char *separator, const char *no_separator, GError **error);
/* Lower case, no accents, no dots, single spaces: "Libellé" = "libelle". */
char      *trj_csv_normalise_name  (const char *name);
typedef struct {
  GPtrArray *errors;        /* char *, the first ones */
  guint n_errors;
} TrjCsvErrors;

/* FALSE for a row to pass over: blank (spreadsheets save rows that were only
 * formatted as ";;;;"), or not as wide as the header, which adds the error of
 * that row (1-based, the header being row 1). */
gboolean   trj_csv_is_data_row     (TrjCsvErrors *errors, GPtrArray *header, GPtrArray *fields,
                                    guint row);

/* Finds the columns of a header row: index[c] is the header cell named
 * names[c] (compared normalised), -1 when absent; a column named twice or an
 * unknown one is an error of row 1. */
void       trj_csv_map_header      (TrjCsvErrors *errors, GPtrArray *header,
                                    const char *const *names, int n_names, int *index);

/* « ligne 12, colonne taux : … » (column NULL: « ligne 12 : … »). */
void       trj_csv_errors_add      (TrjCsvErrors *errors, guint row, const char *column,
                                    const char *format, ...) G_GNUC_PRINTF (4, 5);
/* TRUE when there is none; else one G_IO_ERROR_INVALID_DATA listing them. */
gboolean   trj_csv_errors_report   (const TrjCsvErrors *errors, const char *display, GError **error);
/* A number cell ("1 234,5", "50 %" for a share); empty takes fallback (NAN:
 * required); in [lo, hi], or ]lo, hi] when lo_open. */
gboolean   trj_csv_read_number     (TrjCsvErrors *errors, guint row, const char *column, const char *text,
                                    gboolean is_share, double lo, gboolean lo_open, double hi,
                                    double fallback, double *out);

/* 1–12, or the French name of the month (« février », « fevrier », « Février »);
 * *month 0..11. */
gboolean   trj_csv_parse_month     (const char *text, guint *month);
/* The stripped text of column `column` of a row (index from
 * trj_csv_map_header), NULL when the file has no such column. */
const char *trj_csv_cell           (GPtrArray *fields, const int *index, int column);

G_END_DECLS
