/* trj-actuals-csv.h — importing actuals from a CSV file (MODEL 8)
 *
 * A header row names the columns (accents and case do not matter):
 *   mois                                  required: 1–12 or « janvier » … « décembre »
 *   identifiant                           the line id; when absent or empty, the line
 *   type, département, prescripteur       is the one with this kind, département and
 *                                         prescriber (an error when none or several)
 *   enveloppe                             optional: checked against the line's
 *   entrées, taux, heures, durée,         contract lines: the month's entries and
 *   cofinancement                         their observed averages
 *   ETP                                   post-aid lines: realised ETP of the month
 *   AE, CP                                optional: as the ASP reports them
 * Separator ";" or ",", decimal comma or point, UTF-8 or Windows-1252. Every
 * error names its row and column; a file with any error is refused whole.
 */
#pragma once

#include "trj-actuals.h"

G_BEGIN_DECLS

/* The rows of the file matched to the lines of `scenario` (not modified);
 * NULL with a French G_IO_ERROR_INVALID_DATA listing the errors. */
TrjActuals *trj_actuals_read_csv (const char        *path,
                                  const TrjScenario *scenario,
                                  GError           **error);

G_END_DECLS
