/* trj-a11y.c — names for assistive technology where GTK 4.8 gives none */
#include "config.h"

#include <adwaita.h>

#include "trj-a11y.h"

#include <pango/pangocairo.h>

void
trj_a11y_set_label (GtkWidget *widget, const char *label)
{
  GList *mnemonic_labels;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  mnemonic_labels = gtk_widget_list_mnemonic_labels (widget);

  /* A mnemonic label names the control already: a second name would be read twice. */
  if (mnemonic_labels == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_list_free (mnemonic_labels);
  if (!GTK_IS_DROP_DOWN (widget))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
trj_a11y_label_from_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
  const char *title;
  GString *label;

  g_return_if_fail (row != NULL);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  label = g_string_new (NULL);
  /* The title's mnemonic underscore is not read. */
  for (const char *p = title; *p != '\0'; p++)
    if (*p != '_' || (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)) == FALSE))
      g_string_append_c (label, *p);
  trj_a11y_set_label (widget, label->str);
  g_string_free (label, TRUE);
}

void
trj_a11y_name_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root))
      && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      GString *read = g_string_new (NULL);

      /* « _ » marks the mnemonic, « __ » is an underscore. */
      for (const char *p = label; *p != '\0'; p++)
        if (*p != '_' || (p[1] == '_' && *++p != '\0'))
          g_string_append_c (read, *p);
      /* The label is the button's mnemonic label too (labelled-by): both
       * were read. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, read->str, -1);
      g_string_free (read, TRUE);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    trj_a11y_name_mnemonic_buttons (c);
}

/* GNOME's large text is 1,25 (120 dpi); 1,5 is 144 dpi, the usual 96. */
#define LARGE_TEXT_DPI 110.0

typedef struct {
  guint max_lines;
  char *text;             /* what the lines were counted for */
  int width;
  double dpi;
  GdkFrameClock *clock;
  gulong after_paint;
} FitLines;

static void
fit_lines_free (gpointer data)
{
  FitLines *fit = data;

  if (fit->clock != NULL)
    g_signal_handler_disconnect (fit->clock, fit->after_paint);
  g_free (fit->text);
  g_free (fit);
}

static void
fit_lines (GtkWidget *widget)
{
  FitLines *fit = g_object_get_data (G_OBJECT (widget), "trj-fit-lines");
  GtkInscription *inscription = GTK_INSCRIPTION (widget);
  const char *text = gtk_inscription_get_text (inscription);
  int width = gtk_widget_get_width (widget);
  double dpi = pango_cairo_context_get_resolution (gtk_widget_get_pango_context (widget));
  guint lines = 1;
  gboolean same_size;

  if (fit == NULL || width <= 0
      || (width == fit->width && dpi == fit->dpi && g_strcmp0 (text, fit->text) == 0))
    return;
  same_size = width == fit->width && dpi == fit->dpi;
  fit->width = width;
  fit->dpi = dpi;
  g_free (fit->text);
  fit->text = g_strdup (text);
  /* Only with large text: at the usual size a sentence that does not fit
   * stays on one line, cut, so that an alert never moves the grid under
   * the pointer (test-planner /planner/alerts-keep-grid). */
  if (dpi > LARGE_TEXT_DPI)
    {
      if (text != NULL && *text != '\0')
        {
          PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

          pango_layout_set_width (layout, width * PANGO_SCALE);
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          lines = CLAMP ((guint) pango_layout_get_line_count (layout), 1, fit->max_lines);
          g_object_unref (layout);
        }
      /* At the same width a shorter text keeps the lines: what is under
       * it does not move at every edit. */
      if (same_size)
        lines = MAX (lines, (guint) gtk_inscription_get_min_lines (inscription));
    }
  if (gtk_inscription_get_min_lines (inscription) != lines)
    {
      gtk_inscription_set_min_lines (inscription, lines);
      gtk_inscription_set_nat_lines (inscription, lines);
    }
}

static void
fit_lines_realize_cb (GtkWidget *widget)
{
  FitLines *fit = g_object_get_data (G_OBJECT (widget), "trj-fit-lines");

  fit->clock = gtk_widget_get_frame_clock (widget);
  fit->after_paint = g_signal_connect_swapped (fit->clock, "after-paint", G_CALLBACK (fit_lines), widget);
  fit->width = -1;
}

static void
fit_lines_unrealize_cb (GtkWidget *widget)
{
  FitLines *fit = g_object_get_data (G_OBJECT (widget), "trj-fit-lines");

  if (fit->clock != NULL)
    g_signal_handler_disconnect (fit->clock, fit->after_paint);
  fit->clock = NULL;
}

void
trj_a11y_fit_lines (GtkWidget *inscription, guint max_lines)
{
  FitLines *fit;

  g_return_if_fail (GTK_IS_INSCRIPTION (inscription));
  g_return_if_fail (max_lines >= 1);
  g_return_if_fail (!gtk_widget_get_realized (inscription));

  fit = g_new0 (FitLines, 1);
  fit->max_lines = max_lines;
  fit->width = -1;
  g_object_set_data_full (G_OBJECT (inscription), "trj-fit-lines", fit, fit_lines_free);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (inscription), PANGO_WRAP_WORD_CHAR);
  g_signal_connect (inscription, "realize", G_CALLBACK (fit_lines_realize_cb), NULL);
  g_signal_connect (inscription, "unrealize", G_CALLBACK (fit_lines_unrealize_cb), NULL);
}
