/* grid-mock-model.h — a TrjGridModel over contract lines held in memory
 *
 * For the grid test and benchmark. Columns: label (text), type (choice),
 * volume (integer), rate, hours (decimal) and a computed AE = volume × rate ×
 * 1 000 €, repeated n_sets times side by side (a wider grid for the bench).
 * Rows start as "Ligne n", kind n mod 3, volume 10 n, rate 50 %, 20 h. A rate
 * above 90 % is a warning. Batches snapshot the lines and roll back on
 * end_batch (FALSE); undo_steps counts committed edits and batches.
 */
#pragma once

#include "trj-grid-model.h"

G_BEGIN_DECLS

enum { COL_LABEL, COL_TYPE, COL_VOLUME, COL_RATE, COL_HOURS, COL_AE, N_COLS };

extern const TrjGridColumn mock_columns[N_COLS];

typedef struct {
  char   *label;
  guint   kind;
  double  volume;
  double  rate;
  double  hours;
} MockLine;

#define MOCK_TYPE_MODEL (mock_model_get_type ())
G_DECLARE_FINAL_TYPE (MockModel, mock_model, MOCK, MODEL, GObject)

struct _MockModel
{
  GObject   parent_instance;
  GArray   *lines;        /* MockLine */
  GArray   *saved;        /* copy taken by begin_batch, for a rollback */
  guint     n_sets;
  guint     undo_steps;   /* one per committed edit or batch */
  guint     n_set;        /* set_cell() calls that changed a value */
};

MockModel *mock_model_new  (guint      n_rows,
                            guint      n_sets);
MockLine  *mock_model_line (MockModel *self,
                            guint      row);
/* Structural edits, as the window's Insert and Ctrl+Suppr do (emit "changed"). */
void       mock_model_insert (MockModel  *self,
                              guint       row,
                              const char *label);
void       mock_model_remove (MockModel  *self,
                              guint       row);

G_END_DECLS
