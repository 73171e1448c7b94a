/* trj-grid-model.h — the data interface behind a TrjGrid
 *
 * A TrjGrid shows a rectangle of cells: rows are indexed 0..n_rows-1,
 * columns 0..n_columns-1. The grid never stores a value: it asks the model
 * for the display text of the cells it shows and hands typed or pasted text
 * back to the model, which validates it, commits it (one workbook
 * transaction, one undo step) and says what changed. The window implements
 * this interface over the workbook (lines grid, monthly entries grid).
 *
 * Columns are described by a plain TrjGridColumn array owned by the model;
 * their number and descriptors stay fixed while the model is set on a grid
 * (set the model again to change them).
 *
 * French input rules (TrjGridColumn.kind, see trj_grid_column_parse()):
 *   - numbers: "1 234", "1234", "1 234,5", "1234.5" (any space is a
 *     thousands separator, "," or "." the decimal mark; a trailing "€" is
 *     accepted for money);
 *   - rates (trj_parse_rate, app/exchange/trj-format.h): a value written with
 *     "%" or greater than 1 is a percentage, a value of at most 1 without "%"
 *     is a fraction: "50", "50 %", "50,5", "0,5" mean 50 %, 50 %, 50,5 %,
 *     50 %. So "1" means 100 %; write "1 %" for one percent.
 *
 * Signal "changed" (position, removed, added): rows [position,
 * position + removed) were replaced by `added` rows. When removed == added
 * only the values of those rows changed (computed columns included); the
 * model emits it once per committed edit, usually for all rows since an
 * edit recomputes the whole region: trj_grid_model_values_changed().
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  TRJ_GRID_VALUE_TEXT,       /* free text (libellé) */
  TRJ_GRID_VALUE_CHOICE,     /* one of TrjGridColumn.choices (type, département…) */
  TRJ_GRID_VALUE_INTEGER,    /* whole number: volumes, months, shift */
  TRJ_GRID_VALUE_RATE,       /* a share 0..1, typed as a percentage (see above) */
  TRJ_GRID_VALUE_DECIMAL,    /* number with decimals (hours per week) */
  TRJ_GRID_VALUE_MONEY,      /* euros */
} TrjGridValueKind;

typedef enum {
  TRJ_GRID_ALIGN_AUTO,       /* numbers at the end, text at the start */
  TRJ_GRID_ALIGN_START,
  TRJ_GRID_ALIGN_CENTER,
  TRJ_GRID_ALIGN_END,
} TrjGridAlign;

typedef enum {
  TRJ_GRID_ALERT_NONE,
  TRJ_GRID_ALERT_WARNING,    /* e.g. a rate outside the range of the arrêté */
  TRJ_GRID_ALERT_ERROR,      /* e.g. an envelope overrun */
} TrjGridAlert;

typedef struct {
  const char          *title;        /* translated, shown in the header and read by screen readers */
  int                  width_chars;  /* natural width of the column */
  TrjGridAlign         align;
  TrjGridValueKind     kind;
  gboolean             editable;     /* FALSE: computed, read-only and shown dimmed */
  /* Accepted range for numeric kinds, checked by trj_grid_column_parse() when
   * min < max (a rate column usually has 0 and 1). */
  double               min;
  double               max;
  const char * const  *choices;      /* CHOICE: accepted display texts; TEXT: suggestions
                                      * (any text is accepted); NULL-terminated */
  gboolean             expand;       /* takes the width left over (the label column) */
} TrjGridColumn;

#define TRJ_TYPE_GRID_MODEL (trj_grid_model_get_type ())
G_DECLARE_INTERFACE (TrjGridModel, trj_grid_model, TRJ, GRID_MODEL, GObject)

struct _TrjGridModelInterface
{
  GTypeInterface parent_iface;

  guint                (*get_n_rows)    (TrjGridModel *self);
  guint                (*get_n_columns) (TrjGridModel *self);
  const TrjGridColumn *(*get_column)    (TrjGridModel *self, guint column);
  /* Display text, French-formatted ("1 234", "50,0 %", "12 500 €"). */
  char                *(*get_text)      (TrjGridModel *self, guint row, guint column);
  /* Optional: text put in the editor by F2 (default: the display text). */
  char                *(*get_edit_text) (TrjGridModel *self, guint row, guint column);
  /* Optional: alert of a cell; *tooltip gets the explanation (with the range). */
  TrjGridAlert         (*get_alert)     (TrjGridModel *self, guint row, guint column, char **tooltip);
  /* Optional: per-cell override of TrjGridColumn.editable (e.g. a total row). */
  gboolean             (*is_editable)   (TrjGridModel *self, guint row, guint column);
  /* Optional: check text without committing (default: trj_grid_column_parse).
   * The grid validates every cell of a paste before setting any. */
  gboolean             (*validate)      (TrjGridModel *self, guint row, guint column,
                                         const char *text, GError **error);
  /* Validate and commit; on error nothing changes and error says why, in French.
   * An empty text means "clear the cell" (Delete key). */
  gboolean             (*set_cell)      (TrjGridModel *self, guint row, guint column,
                                         const char *text, GError **error);
  /* Optional: group the set_cell() calls in between into one undo step.
   * end_batch (commit = FALSE) must undo every set_cell() since begin_batch. */
  void                 (*begin_batch)   (TrjGridModel *self, const char *label);
  void                 (*end_batch)     (TrjGridModel *self, gboolean commit);
  /* Optional, together: rows [0, n_data_rows) take input, those after are
   * totals. A block pasted past the data rows adds the rows it needs right
   * after them, inside the paste's batch (add_rows), as a spreadsheet grows
   * under a paste; the added rows are rows of the model until end_batch. */
  guint                (*get_n_data_rows) (TrjGridModel *self);
  gboolean             (*add_rows)      (TrjGridModel *self, guint n, GError **error);
  /* Optional: the note on a cell (a line's note on its label), NULL for none;
   * the grid marks the cell's corner, puts the note in its tooltip and gives
   * it to assistive technologies as the cell's description. */
  char                *(*get_note)      (TrjGridModel *self, guint row, guint column);
};

guint                trj_grid_model_get_n_rows     (TrjGridModel *self);
guint                trj_grid_model_get_n_columns  (TrjGridModel *self);
const TrjGridColumn *trj_grid_model_get_column     (TrjGridModel *self, guint column);
char                *trj_grid_model_get_text       (TrjGridModel *self, guint row, guint column);
char                *trj_grid_model_get_edit_text  (TrjGridModel *self, guint row, guint column);
TrjGridAlert         trj_grid_model_get_alert      (TrjGridModel *self, guint row, guint column,
                                                    char **tooltip);
gboolean             trj_grid_model_is_editable    (TrjGridModel *self, guint row, guint column);
gboolean             trj_grid_model_validate       (TrjGridModel *self, guint row, guint column,
                                                    const char *text, GError **error);
gboolean             trj_grid_model_set_cell       (TrjGridModel *self, guint row, guint column,
                                                    const char *text, GError **error);
void                 trj_grid_model_begin_batch    (TrjGridModel *self, const char *label);
void                 trj_grid_model_end_batch      (TrjGridModel *self, gboolean commit);
/* FALSE when the model cannot add rows; n_data_rows is then n_rows. */
gboolean             trj_grid_model_can_add_rows   (TrjGridModel *self);
guint                trj_grid_model_get_n_data_rows (TrjGridModel *self);
gboolean             trj_grid_model_add_rows       (TrjGridModel *self, guint n, GError **error);
char                *trj_grid_model_get_note       (TrjGridModel *self, guint row, guint column);

/* Emits "changed". */
void                 trj_grid_model_changed        (TrjGridModel *self, guint position,
                                                    guint removed, guint added);
/* Emits "changed" for the values of every row (after a recomputation). */
void                 trj_grid_model_values_changed (TrjGridModel *self);

/* The column's title on one line, for messages (titles may wrap in the
 * header: "Duration\n(months)"). */
char                *trj_grid_column_name          (const TrjGridColumn *column);

/* Parses text typed in a cell of this column (rules at the top of this file)
 * and checks the range and choices. TEXT accepts anything; CHOICE returns the
 * index of the choice in *value (matching ignores case; the start of a
 * single choice is enough: "cie j" for "CIE jeunes") and refuses an empty
 * text; for numbers an empty text (Delete) is 0, then checked against the
 * range. Errors are in the TRJ_GRID_ERROR domain with a French message meant
 * for the user. */
gboolean             trj_grid_column_parse         (const TrjGridColumn *column,
                                                    const char          *text,
                                                    double              *value,
                                                    GError             **error);

#define TRJ_GRID_ERROR (trj_grid_error_quark ())
GQuark trj_grid_error_quark (void);

typedef enum {
  TRJ_GRID_ERROR_INVALID,    /* not a number, not a choice */
  TRJ_GRID_ERROR_RANGE,      /* out of the column's range */
  TRJ_GRID_ERROR_READ_ONLY,  /* computed cell */
  TRJ_GRID_ERROR_PASTE,      /* block does not fit, empty clipboard */
} TrjGridError;

G_END_DECLS
