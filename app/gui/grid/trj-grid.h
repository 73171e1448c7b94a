/* trj-grid.h — a spreadsheet-like grid over a TrjGridModel
 *
 * A GtkColumnView with one GtkSignalListItemFactory per column whose cells
 * are focusable GtkInscription widgets (fast to recycle). GTK 4.8 has no cell
 * cursor, so the grid keeps its own (row, column) cursor and a rectangular
 * selection between an anchor cell and the cursor, drawn with CSS classes
 * (.cursor, .range, .computed, .alert-warning, .alert-error on the
 * .trj-grid-cell cells).
 *
 * Keyboard (capture phase, so the column view's own bindings never see it):
 *   arrows, Tab / Shift+Tab, Enter / Shift+Enter, Home / End, Ctrl+Home /
 *   Ctrl+End, Page Up / Page Down, Ctrl+arrows (to the edge); Shift extends
 *   the selection; Ctrl+A selects all. Tab on the last cell (Shift+Tab on
 *   the first) leaves the grid; Ctrl+Tab and F6 are the window's. Escape
 *   outside an edit hides a refusal or collapses the selection, no more.
 *   F2 edits the cell; a printable key replaces its content (type to
 *   replace); Backspace empties it and edits; Enter / Tab commit and move,
 *   Escape cancels. Delete clears the selection.
 *   Ctrl+C / Ctrl+X / Ctrl+V: TSV clipboard (trj-grid-tsv.h), a paste is one
 *   batch (one undo step) and is refused whole when a cell is invalid.
 *   Other keys (Ctrl+Z, Ctrl+D, Insert, Ctrl+Delete…) are left to the window.
 * Mouse: a click puts the cursor on a cell, Shift+click or a drag selects a
 * range, a double click edits.
 *
 * One shared editor (a GtkText in a frameless popover laid exactly over the
 * cursor cell) is used for every edit, never an editable widget in the
 * recycled cells. In a CHOICE column
 * with TrjGridColumn.choices, a list of the values containing the typed
 * text opens under it: Up/Down pick, Enter/Tab or a click take the value
 * highlighted (the first that starts with the text). In a TEXT column with
 * choices they are suggestions: Enter takes the one highlighted (equal to
 * the text or starting with it), any other text stays as typed. An invalid entry is
 * refused: the model is untouched, the editor stays open, and the reason is
 * shown next to the cell and emitted as "cell-error".
 *
 * Columns are as wide as their widest text and their title (measured when
 * the grid is mapped, grown by longer texts); the expanding column gives way
 * first when the window is narrow. A column resized by hand keeps its width.
 *
 * Actions: grid.copy, grid.cut, grid.paste, grid.clear, grid.edit.
 * Signals: "cell-error" (guint row, guint column, const char *message);
 *          "selection-changed" (the cursor or the selection moved).
 */
#pragma once

#include <gtk/gtk.h>

#include "trj-grid-model.h"

G_BEGIN_DECLS

#define TRJ_TYPE_GRID (trj_grid_get_type ())
G_DECLARE_FINAL_TYPE (TrjGrid, trj_grid, TRJ, GRID, GtkWidget)

GtkWidget    *trj_grid_new               (void);
void          trj_grid_set_model         (TrjGrid        *self,
                                          TrjGridModel   *model);
TrjGridModel *trj_grid_get_model         (TrjGrid        *self);

/* Cursor and selection (the selection always contains the cursor). */
void          trj_grid_get_cursor        (TrjGrid        *self,
                                          guint          *row,
                                          guint          *column);
/* Moves the cursor, scrolls to it and collapses the selection. */
void          trj_grid_set_cursor        (TrjGrid        *self,
                                          guint           row,
                                          guint           column);
/* Selects from the anchor cell to the cursor cell (the cursor moves there). */
void          trj_grid_select_range      (TrjGrid        *self,
                                          guint           anchor_row,
                                          guint           anchor_column,
                                          guint           row,
                                          guint           column);
void          trj_grid_get_selection     (TrjGrid        *self,
                                          guint          *first_row,
                                          guint          *first_column,
                                          guint          *n_rows,
                                          guint          *n_columns);

/* The keyboard handler of the grid, exposed so that tests feed keys directly.
 * Returns TRUE when the key was used. */
gboolean      trj_grid_handle_key        (TrjGrid        *self,
                                          guint           keyval,
                                          GdkModifierType state);

/* Editing. initial_text NULL keeps the cell's text (F2); otherwise it
 * replaces it. FALSE when the cell is read-only (the reason is shown). */
gboolean      trj_grid_start_editing     (TrjGrid        *self,
                                          const char     *initial_text);
/* FALSE when the model refused the text (the editor stays open). */
gboolean      trj_grid_commit_edit       (TrjGrid        *self);
void          trj_grid_cancel_edit       (TrjGrid        *self);
gboolean      trj_grid_is_editing        (TrjGrid        *self);
GtkEditable  *trj_grid_get_editor        (TrjGrid        *self);

/* What the page around the grid says (its alert lines), NULL for nothing:
 * given to assistive technology as the description of the cursor's cell,
 * so that a screen reader reads it when it changes (GTK 4.8 announces no
 * label that shows). A refusal's reason takes its place while shown. */
void          trj_grid_set_context_description (TrjGrid    *self,
                                                const char *text);

/* In a secondary window (an editor, a view), Escape with nothing to cancel
 * (no edit, no message, no range) goes on to the window, which closes; in
 * the main window (the default) it stops at the grid. */
void          trj_grid_set_escape_closes (TrjGrid        *self,
                                          gboolean        escape_closes);

/* The message shown next to a cell after a refused entry or paste, or NULL. */
const char   *trj_grid_get_error_message (TrjGrid        *self);

/* Clipboard text of the selection (display texts, TSV). */
char         *trj_grid_copy_text         (TrjGrid        *self);
/* Pastes a TSV block with its top-left cell at the top-left of the
 * selection; a single value fills the whole selection. All or nothing: on
 * error the model is untouched and the message is shown. */
gboolean      trj_grid_paste_text        (TrjGrid        *self,
                                          const char     *tsv,
                                          GError        **error);
/* Empties the editable cells of the selection (one batch). */
/* « Recopier vers le bas » (Ctrl+D): the first row of the selection into
 * the others; a selection of one row takes the row above. One undo step;
 * FALSE with the reason shown when a cell refuses it (nothing changes). */
gboolean      trj_grid_fill_down         (TrjGrid        *self,
                                          GError        **error);
gboolean      trj_grid_clear_selection   (TrjGrid        *self,
                                          GError        **error);

/* The text a cell displays, NULL when its row is not bound (far from the
 * viewport); lets tests check what is rendered. */
const char   *trj_grid_get_displayed_text (TrjGrid       *self,
                                           guint          row,
                                           guint          column);
/* The widget showing a cell, NULL when its row is not bound. */
/* A context menu (right click on a cell, the Menu key, Maj+F10): its
 * actions resolve from the grid (win.*, envelope.*); NULL removes it. A
 * right click puts the cursor on the cell first, unless it is in the
 * selection. The popover is built when first asked for (get, or opened). */
void          trj_grid_set_context_menu  (TrjGrid        *self,
                                          GMenuModel     *menu);
GtkPopover   *trj_grid_get_context_menu  (TrjGrid        *self);
/* Opens it under the cursor's cell; FALSE without a menu. */
gboolean      trj_grid_popup_context_menu (TrjGrid       *self);
GtkWidget    *trj_grid_get_cell_widget   (TrjGrid        *self,
                                          guint           row,
                                          guint           column);

G_END_DECLS
