/* trj-chart-layout.h — where a rendered chart put its labels and data marks
 *
 * trj_chart_render() records every text it drew (to keep labels from
 * overlapping, and for tests) and every hoverable mark (for hit-testing by the
 * widget), in the coordinates of the cairo_t it drew on.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;
} TrjChartRect;

typedef struct {
  TrjChartRect rect;
  char *text;
} TrjChartLabel;

/* A point or bar under the pointer: series (or panel) and category (or bin). */
typedef struct {
  guint series;
  guint index;
} TrjChartHover;

typedef struct {
  TrjChartHover item;
  TrjChartRect rect;     /* where the pointer selects it */
  double x, y;           /* the value's position: point, or top of the bar */
} TrjChartTarget;

typedef struct {
  GArray *labels;        /* TrjChartLabel */
  GArray *targets;       /* TrjChartTarget */
  TrjChartRect plot;     /* the first plot area */
  double value_lo;       /* value range of its value axis */
  double value_hi;
  gboolean vertical;     /* values go up (TRUE) or right (FALSE) */
} TrjChartLayout;

TrjChartLayout *trj_chart_layout_new   (void);
void            trj_chart_layout_clear (TrjChartLayout *layout);
void            trj_chart_layout_free  (TrjChartLayout *layout);

/* The mark under (x, y): among the marks whose area contains the point, the one
 * whose value is nearest. FALSE when there is none. */
gboolean        trj_chart_layout_hit_test (const TrjChartLayout *layout, double x, double y,
                                           TrjChartHover *out);
/* Finds two labels whose rectangles intersect; FALSE when none do. */
gboolean        trj_chart_layout_find_overlap (const TrjChartLayout *layout, guint *first, guint *second);
/* Pixel position of a value on the first plot's value axis. */
double          trj_chart_layout_value_position (const TrjChartLayout *layout, double value);

gboolean        trj_chart_rect_intersects (const TrjChartRect *a, const TrjChartRect *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjChartLayout, trj_chart_layout_free)

G_END_DECLS
