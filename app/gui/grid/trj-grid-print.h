/* trj-grid-print.h — grids printed as tables, A4 landscape
 *
 * What the grids show, as they show it: each model's column titles and
 * display texts (trj_grid_model_get_text), one table a model, starting on a
 * new page, its title over it and its header row repeated on each page. The
 * columns take the width of their texts; a table wider than the page is
 * drawn smaller to fit its width (never below MIN_FONT_SIZE points), so a
 * page always holds every column of its rows. A cell with a note
 * (trj_grid_model_get_note) is followed by « [n] » and the table's notes are
 * listed after it, on pages of their own (« Titre — Notes »), as a
 * spreadsheet prints its comments at the end of the sheet. Page numbers at
 * the foot.
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-grid-model.h"

G_BEGIN_DECLS

/* A print operation for n tables (models[i] titled titles[i]); it holds a
 * reference to each model. Run it with the print dialog, or export it to
 * PDF (gtk_print_operation_set_export_filename). */
GtkPrintOperation *trj_grid_print_operation_new (TrjGridModel * const *models,
                                                 const char * const   *titles,
                                                 guint                 n_models,
                                                 const char           *job_name);

G_END_DECLS
