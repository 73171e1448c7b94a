/* trj-csv.h — CSV export of lines and trajectory, CSV import of lines
 *
 * Export writes what French spreadsheet users open with a double-click: UTF-8
 * with a byte-order mark, ";" between fields, decimal comma, CRLF line ends.
 * Numbers are written to their last significant digit, so that an export read
 * back gives the same scenario.
 *
 * The lines file holds the contract lines; the post-aid and free lines go to
 * their own file (trj_csv_export_post_aid).
 *
 * Import reads a table of contract lines (trj_catalog_kind_names) with a header
 * row naming its columns (those of the export; accents and case do not matter):
 *   type, taux, heures, durée                 required
 *   janv … déc  (twelve months)  or  volume   required (volume: spread evenly)
 *   enveloppe, identifiant, libellé, département, prescripteur,
 *   cofinancement (0 by default), décalage (1 by default),
 *   janv N-1 … déc N-1 (last year's entries, the stock)     optional
 *   part QPV, part ZRR, part ESSMS, part SENIORS, part renouvellements,
 *   justification, note (MODEL 2.8; empty: none)             optional
 *   AE par contrat, AE, CP, CP stock, reste à payer         ignored (recomputed)
 * Separator ";" or ",", decimal comma or point, UTF-8 (with or without BOM) or
 * Windows-1252 are detected. A file with any error is refused whole; every error
 * names its row and column: « ligne 12, colonne taux : « 5O » n'est pas un nombre ».
 */
#pragma once

#include <glib.h>

#include "trj-types.h"

G_BEGIN_DECLS

/* Larger files are refused before reading (a programming has at most a few
 * thousand lines: a few hundred kB). */
#define TRJ_CSV_MAX_FILE_SIZE (10 * 1024 * 1024)

/* Writing (computes the scenario with its year's rules). */
/* Appends one field of delimited text (these CSV files with ';', the grid's
 * clipboard with a tab): as is, or between double quotes with its quotes
 * doubled when it holds the separator, a quote or a line break, as
 * spreadsheets write it and libcsv reads it back. */
void     trj_csv_append_field      (GString *out, const char *field, char separator);

gboolean trj_csv_export_lines      (const TrjScenario *scenario, const char *path, GError **error);
gboolean trj_csv_export_trajectory (const TrjScenario *scenario, const char *path, GError **error);
/* The post-aid (IAE, EA, GEIQ) and free lines (FDI, initiatives territoriales),
 * which the lines file leaves out: structure, kind, unit word, quantity, unit
 * amount (with its source when « à vérifier »), modulated part, second-year
 * ETP, RSA recipients and months, commitment month (1–12), lag, funded from,
 * then AE, AE per unit, CP, reste à payer and the CP of each month
 * (README « CSV »). Empty fields where a column means nothing for the line. */
gboolean trj_csv_export_post_aid   (const TrjScenario *scenario, const char *path, GError **error);

typedef struct {
  char *envelope_id;   /* an envelope of the target scenario */
  TrjLine *line;       /* id unique in the target scenario */
} TrjCsvLine;

typedef struct {
  char separator;            /* ';' or ',' */
  char decimal;              /* ',' or '.' */
  const char *encoding;      /* "UTF-8" or "Windows-1252" */
  GPtrArray *lines;          /* TrjCsvLine*, in file order */
} TrjCsvImport;

/* Reads and checks a file of lines to add to `target` (not modified): each
 * line's envelope must exist there and its département belong to the region.
 * NULL with a French error (G_IO_ERROR_INVALID_DATA: the row errors, one per
 * line of the message) when anything is wrong. */
TrjCsvImport *trj_csv_import_lines    (const char        *path,
                                       const TrjScenario *target,
                                       GError           **error);
void          trj_csv_import_free     (TrjCsvImport *import);
/* « Séparateur « ; », virgule décimale, UTF-8 : 12 lignes » — shown before applying. */
char         *trj_csv_import_describe (const TrjCsvImport *import);
/* Adds copies of the lines to the scenario (all or nothing). */
gboolean      trj_csv_import_apply    (const TrjCsvImport *import,
                                       TrjScenario        *scenario,
                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjCsvImport, trj_csv_import_free)

G_END_DECLS
