/* trj-compare-pdf.h — the « Comparer » table and the overlay chart as a PDF
 *
 * A4 landscape pages: for each envelope of the reference, the overlay of the
 * compared scenarios' trajectories, then the comparison table (trj-compare.h)
 * page by page, a changed cell written « ancien → nouveau » on a shaded
 * band. Written whole to a temporary beside the file then renamed.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "trj-compare.h"

G_BEGIN_DECLS

/* The number of pages trj_compare_write_pdf() writes. */
guint    trj_compare_pdf_n_pages (const TrjCompare *compare);
gboolean trj_compare_write_pdf   (const TrjCompare *compare, GDateTime *date, const char *path,
                                  GError **error);

G_END_DECLS
