/* trj-chart-layout.c — labels and marks recorded while rendering a chart */
#include "config.h"

#include <math.h>

#include "trj-chart-layout.h"

static void
label_clear (TrjChartLabel *label)
{
  g_free (label->text);
}

TrjChartLayout *
trj_chart_layout_new (void)
{
  TrjChartLayout *layout = g_new0 (TrjChartLayout, 1);

  layout->labels = g_array_new (FALSE, FALSE, sizeof (TrjChartLabel));
  g_array_set_clear_func (layout->labels, (GDestroyNotify) label_clear);
  layout->targets = g_array_new (FALSE, FALSE, sizeof (TrjChartTarget));
  return layout;
}

void
trj_chart_layout_clear (TrjChartLayout *layout)
{
  g_array_set_size (layout->labels, 0);
  g_array_set_size (layout->targets, 0);
  layout->plot = (TrjChartRect) { 0, 0, 0, 0 };
  layout->value_lo = layout->value_hi = 0;
  layout->vertical = TRUE;
}

void
trj_chart_layout_free (TrjChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->labels);
  g_array_unref (layout->targets);
  g_free (layout);
}

gboolean
trj_chart_rect_intersects (const TrjChartRect *a, const TrjChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
rect_contains (const TrjChartRect *r, double x, double y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

gboolean
trj_chart_layout_hit_test (const TrjChartLayout *layout, double x, double y, TrjChartHover *out)
{
  const TrjChartTarget *best = NULL;
  double best_distance = INFINITY;

  for (guint i = 0; i < layout->targets->len; i++)
    {
      const TrjChartTarget *t = &g_array_index (layout->targets, TrjChartTarget, i);
      double distance = layout->vertical ? fabs (t->y - y) : fabs (t->x - x);

      if (rect_contains (&t->rect, x, y) && distance < best_distance)
        {
          best = t;
          best_distance = distance;
        }
    }
  if (best == NULL)
    return FALSE;
  *out = best->item;
  return TRUE;
}

gboolean
trj_chart_layout_find_overlap (const TrjChartLayout *layout, guint *first, guint *second)
{
  for (guint i = 0; i < layout->labels->len; i++)
    for (guint j = i + 1; j < layout->labels->len; j++)
      if (trj_chart_rect_intersects (&g_array_index (layout->labels, TrjChartLabel, i).rect,
                                     &g_array_index (layout->labels, TrjChartLabel, j).rect))
        {
          *first = i;
          *second = j;
          return TRUE;
        }
  return FALSE;
}

double
trj_chart_layout_value_position (const TrjChartLayout *layout, double value)
{
  double t = (value - layout->value_lo) / (layout->value_hi - layout->value_lo);

  if (layout->vertical)
    return layout->plot.y + layout->plot.height * (1 - t);
  return layout->plot.x + layout->plot.width * t;
}
