/* trj-ui-harness.h — what the window tests, the screenshots and the GUI benchmark share
 *
 * The real application object (registered, not run: its actions, accelerators
 * and stylesheet are in place), workbooks created in a temporary folder, and
 * waits. Every wait is for a condition (a window shown and active, a frame
 * painted, a value reached) and ends the test with g_error, naming what was
 * awaited, when the condition has not come after TRJ_HARNESS_TIMEOUT_S
 * seconds: a loaded machine is slower, never differently ordered.
 */
#pragma once

#include <adwaita.h>

#include "trj-application.h"
#include "trj-window.h"

G_BEGIN_DECLS

/* French set-up, gtk_init, adw_init, and the registered application. */
TrjApplication *trj_harness_init           (int *argc, char ***argv);
/* A fresh temporary folder, removed with its files when the program ends. */
char           *trj_harness_temp_dir       (void);
/* A new workbook for a region (2024) in a fresh temporary folder; the path is
 * newly allocated. Aborts the program on failure. */
char           *trj_harness_new_workbook   (const char *region);
/* The same with a scenario, a « trajectoire-scenario/1 » document (its text),
 * imported under name and made the current one. */
char           *trj_harness_new_workbook_with (const char *region, const char *json, const char *name);
/* Seconds a wait gives its condition before failing: far more than any
 * condition takes, even on two cores shared by a dozen builds. */
#define TRJ_HARNESS_TIMEOUT_S 30

typedef gboolean (*TrjHarnessCondition) (gpointer data);

/* Runs the main loop until condition (data) holds; g_error naming `what`
 * after TRJ_HARNESS_TIMEOUT_S seconds. */
void            trj_harness_wait_until     (TrjHarnessCondition condition, gpointer data,
                                            const char *what);
/* The same for a C expression, named in the failure by its text and place. */
#define TRJ_HARNESS_WAIT_FOR(expr) \
  G_STMT_START { \
    gint64 trj_harness_deadline_ = trj_harness_deadline (); \
    while (!(expr)) \
      trj_harness_iterate (trj_harness_deadline_, G_STRLOC ": " #expr); \
  } G_STMT_END
/* Paints frames of a widget until a C expression holds (a list view that
 * scrolls over several frames); g_error at the deadline. */
#define TRJ_HARNESS_PAINT_UNTIL(widget, expr) \
  G_STMT_START { \
    gint64 trj_harness_deadline_ = trj_harness_deadline (); \
    while (!(expr)) \
      { \
        trj_harness_check_deadline (trj_harness_deadline_, G_STRLOC ": " #expr); \
        trj_harness_wait_painted (widget); \
      } \
  } G_STMT_END
gint64          trj_harness_deadline       (void);
/* g_error naming `what` once the monotonic deadline has passed. */
void            trj_harness_check_deadline (gint64 deadline, const char *what);
/* One blocking main-loop iteration, or g_error naming `what` once the
 * monotonic deadline has passed (a timer wakes the loop at the deadline). */
void            trj_harness_iterate        (gint64 deadline, const char *what);
/* Runs the main loop until the widget's frame clock has painted n frames
 * (drawing queued first); g_error at the deadline. */
void            trj_harness_wait_frames    (GtkWidget *widget, guint n);
/* A frame painted after what is pending now (layout and drawing of the
 * changes made so far), then the idle work it queued. */
void            trj_harness_wait_painted   (GtkWidget *widget);
/* Presents a window and waits until it is mapped, active (so that a widget
 * given the focus has it) and painted once. */
void            trj_harness_present        (GtkWindow *window);
/* Waits until a stack has ended its transition (a crossfade between pages),
 * then for a painted frame. */
void            trj_harness_wait_stack     (GtkStack *stack);
/* Waits until a toplevel is ready to be shot: mapped, every stack and
 * revealer inside it at the end of its transition, then a frame painted
 * after the last change (the charts draw in that frame);
 * g_error naming what is not yet so at the deadline. */
void            trj_harness_wait_settled   (GtkWidget *toplevel);
/* A key pressed while `focus` holds the keyboard, delivered the way GTK
 * propagates it: the key controllers of the capture phase from the window
 * down to `focus`, then from `focus` up to the window the key controllers of
 * the bubble phase and the shortcut controllers (bindings: Escape →
 * window.close). TRUE when something handled it. */
gboolean        trj_harness_press_key      (GtkWidget *focus, guint keyval, GdkModifierType state);
/* Dispatches what is pending without blocking. */
void            trj_harness_flush          (void);
/* The first widget of root's tree, root included, depth first (the order a
 * reader meets them in), for which match (widget, data) holds; NULL if none. */
GtkWidget      *trj_harness_find           (GtkWidget *root,
                                            gboolean (*match) (GtkWidget *widget, gconstpointer data),
                                            gconstpointer data);
/* The first widget of `type` there. */
GtkWidget      *trj_harness_find_type      (GtkWidget *root, GType type);
/* The first actionable widget there bound to `action` ("win.undo"). */
GtkWidget      *trj_harness_find_action    (GtkWidget *root, const char *action);
/* Renders a toplevel as it is now and saves it as PNG. */
gboolean        trj_harness_save_png       (GtkWidget *toplevel, const char *path, GError **error);

G_END_DECLS
