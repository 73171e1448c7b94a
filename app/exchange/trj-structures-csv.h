/* trj-structures-csv.h — the register of IAE structures and their realised
 * ETP from CSV files (MODEL 3.1, 3.2)
 *
 * Both files have a header row naming their columns (accents and case do not
 * matter), ";" or "," between fields, decimal comma or point, UTF-8 or
 * Windows-1252, as the other CSV readers (trj-csv-private.h). A file with any
 * error is refused whole; every error names its row and column.
 *
 * The register (one row per structure and kind, one post-aid line each):
 *   nom, type (EI, ETTI, ACI, AI, EITI, PASSERELLE, CDI_INCLUSION)    required
 *   siret (14 digits, spaces allowed, check digit verified), département,
 *   conventionné N-1, réalisé N-1 (ETP of last year, annual average),
 *   ETP (this year's; default: the base, min(réalisé, conventionné)),
 *   diminution demandée, revalorisation demandée, développement,
 *   milieu pénitentiaire (oui / non, 1 / 0, x; empty: non)       optional
 * A row updates the line of the same structure (same SIRET, or same name
 * when either has none) and kind in the IAE envelope, else makes a new line.
 *
 * The realised ETP (the ASP's monthly declarations):
 *   siret or nom (the structure), mois (1–12 or « janvier »…), ETP   required
 *   type (when the structure has lines of several kinds)            optional
 */
#pragma once

#include <glib.h>

#include "trj-iae.h"

G_BEGIN_DECLS

/* TrjStructureRow*, in file order; NULL with a French error. */
GPtrArray *trj_structures_read_csv (const char        *path,
                                    const TrjScenario *scenario,
                                    GError           **error);
/* TrjRealisedRow*, one per line named; NULL with a French error. */
GPtrArray *trj_realised_read_csv   (const char        *path,
                                    const TrjScenario *scenario,
                                    GError           **error);

G_END_DECLS
