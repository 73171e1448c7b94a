/* trj-formula-book.h — « Exporter en classeur de calcul »: MODEL 2 as live formulas
 *
 * Writes one scenario, or a national set of regional scenarios, as an xlsx
 * workbook in which the parameters of each contract line are cells and every
 * derived figure (the State's monthly cost of a contract, the contracts served
 * each month, AE and CP per line and month, envelope totals, margins against
 * the AE/CP available after fungibility, capacity, regional and national
 * totals) is a formula over them. Each formula carries the engine's figure as
 * its cached value, so a viewer that does not recalculate shows the same
 * numbers as Trajectoire, and a user who changes a rate in a spreadsheet sees
 * the envelope move. docs/MODEL.md (« Le classeur de calcul ») lists the sheets
 * and what stays a constant (reference values resolved month by month,
 * post-aid and free lines).
 */
#pragma once

#include <glib.h>

#include "trj-types.h"

G_BEGIN_DECLS

/* The sheets, in the order of the file. */
typedef enum {
  TRJ_FORMULA_BOOK_ENVELOPES,   /* « Enveloppes » */
  TRJ_FORMULA_BOOK_REGIONS,     /* « Régions » */
  TRJ_FORMULA_BOOK_LINES,       /* « Lignes de contrats » */
  TRJ_FORMULA_BOOK_ENTRIES,     /* « Entrées » */
  TRJ_FORMULA_BOOK_COMPUTE,     /* « Calcul » */
  TRJ_FORMULA_BOOK_REFERENCE,   /* « Valeurs de référence » */
  TRJ_FORMULA_BOOK_OTHER,       /* « Autres lignes (moteur) » */
  TRJ_FORMULA_BOOK_N_SHEETS
} TrjFormulaBookSheet;

/* The sheet's title in the user's language (static). */
const char *trj_formula_book_sheet_title (TrjFormulaBookSheet sheet);

/* Months of the « Calcul » sheet, relative to January of the year: from
 * January of Y−3 (room for a 24-month look-back of last year's cohorts) to the
 * last month a cohort of December can be paid in. */
#define TRJ_FORMULA_BOOK_T_FIRST (-36)
#define TRJ_FORMULA_BOOK_T_LAST  41

/* Validates and computes each scenario (its year's rules) and writes the
 * workbook at path (replaced). names[i] may be NULL (or names itself): the
 * region is shown alone. n_scenarios ≥ 1. */
gboolean trj_formula_book_write (const TrjScenario *const *scenarios,
                                 const char  *const *names,
                                 guint               n_scenarios,
                                 const char         *path,
                                 GError            **error);

G_END_DECLS
