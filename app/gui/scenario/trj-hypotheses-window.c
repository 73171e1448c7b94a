/* trj-hypotheses-window.c — « Hypothèses », see trj-hypotheses-window.h */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-format.h"
#include "trj-hypotheses-window.h"
#include "trj-year-data.h"

#define N_SERIES 2   /* TRJ_REFERENCE_SMIC_HOURLY, TRJ_REFERENCE_RSA */

typedef struct {
  GtkEditable *date;
  GtkEditable *value;
  GtkWidget *row;
} Point;

typedef struct {
  GtkListBox *list;        /* the scenario's points */
  GtkLabel *defaults;      /* the year's series */
  GtkLabel *state;         /* « Valeurs de l'année » / « Hypothèse du scénario » */
  GPtrArray *points;       /* Point* */
  char *default_text;
} Series;

struct _TrjHypothesesWindow
{
  AdwWindow parent_instance;

  GtkLabel *message;
  GtkButton *apply;
  GtkWidget *content;
  Series series[N_SERIES];
  TrjDocument *document;
  gulong updated_id;
};

G_DEFINE_FINAL_TYPE (TrjHypothesesWindow, trj_hypotheses_window, ADW_TYPE_WINDOW)

static const TrjSeries *
scenario_series (const TrjScenario *sc, TrjReferenceKind kind)
{
  return kind == TRJ_REFERENCE_SMIC_HOURLY ? &sc->reference.smic_hourly : &sc->reference.rsa;
}

static gboolean
scenario_overrides (const TrjScenario *sc, TrjReferenceKind kind)
{
  return kind == TRJ_REFERENCE_SMIC_HOURLY ? sc->overrides_smic : sc->overrides_rsa;
}

/* The year's series of the scenario's zone; FALSE without year data. */
static gboolean
default_series (TrjHypothesesWindow *self, TrjReferenceKind kind, TrjSeries *out)
{
  const TrjScenario *sc = trj_document_get_scenario (self->document);
  const TrjYearData *data = sc != NULL ? trj_year_data_get (sc->year, NULL) : NULL;

  if (data == NULL)
    return FALSE;
  trj_series_copy (out, kind == TRJ_REFERENCE_SMIC_HOURLY ? &data->smic_hourly[sc->zone] : &data->rsa[sc->zone]);
  return TRUE;
}

static void
show_message (TrjHypothesesWindow *self, const char *message, gboolean refused)
{
  gtk_label_set_text (self->message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message), *message != '\0');
  if (refused)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

static gboolean
writable (TrjHypothesesWindow *self)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);

  return !trj_workbook_is_read_only (wb) && !trj_workbook_is_frozen (wb, trj_document_get_scenario_id (self->document));
}

static void remove_clicked_cb (GtkButton *button, TrjHypothesesWindow *self);

static guint
append_point (TrjHypothesesWindow *self, TrjReferenceKind kind, const char *date, const char *value)
{
  Series *s = &self->series[kind];
  Point *p = g_new0 (Point, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  guint index = s->points->len;
  g_autofree char *date_name = NULL;
  g_autofree char *value_name = NULL;

  p->date = GTK_EDITABLE (gtk_entry_new ());
  p->value = GTK_EDITABLE (gtk_entry_new ());
  gtk_editable_set_text (p->date, date);
  gtk_editable_set_text (p->value, value);
  gtk_editable_set_width_chars (p->date, 11);
  gtk_editable_set_width_chars (p->value, 9);
  gtk_entry_set_placeholder_text (GTK_ENTRY (p->date), _("DD/MM/YYYY"));
  gtk_entry_set_input_purpose (GTK_ENTRY (p->value), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (p->date), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (p->value), TRUE);
  /* TRANSLATORS: accessible names of the fields of point %u of a series */
  date_name = g_strdup_printf (_("Date of point %u"), index + 1);
  value_name = g_strdup_printf (_("Amount of point %u (€)"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->date), GTK_ACCESSIBLE_PROPERTY_LABEL, date_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->value), GTK_ACCESSIBLE_PROPERTY_LABEL, value_name, -1);
  gtk_widget_set_tooltip_text (remove, _("Remove this date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this date"), -1);
  g_object_set_data (G_OBJECT (remove), "trj-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (remove), "trj-point", p);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->date));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->value));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("€"));
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  p->row = box;
  gtk_list_box_append (s->list, box);
  g_ptr_array_add (s->points, p);
  return index;
}

static void
fill_series (TrjHypothesesWindow *self, TrjReferenceKind kind, const TrjSeries *series)
{
  Series *s = &self->series[kind];

  while (s->points->len > 0)
    trj_hypotheses_window_remove_point (self, kind, s->points->len - 1);
  for (guint i = 0; i < series->n_points; i++)
    {
      const TrjRefPoint *p = &series->points[i];
      g_autofree char *date = g_strdup_printf ("%02d/%02d/%04d", p->from % 100, p->from / 100 % 100, p->from / 10000);
      g_autofree char *value = trj_format_number (p->value, 2);

      append_point (self, kind, date, value);
    }
}

/* Reads the window's points of a series, sorted by date; FALSE with a French
 * error naming the point. */
static gboolean
read_series (TrjHypothesesWindow *self, TrjReferenceKind kind, TrjSeries *out, GError **error)
{
  Series *s = &self->series[kind];
  const char *name = kind == TRJ_REFERENCE_SMIC_HOURLY ? _("SMIC") : _("RSA");
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (TrjRefPoint));

  for (guint i = 0; i < s->points->len; i++)
    {
      Point *p = g_ptr_array_index (s->points, i);
      const char *date_text = gtk_editable_get_text (p->date);
      const char *value_text = gtk_editable_get_text (p->value);
      guint d = 0, m = 0, y = 0;
      char tail;
      TrjRefPoint point;

      if (sscanf (date_text, " %u/%u/%u %c", &d, &m, &y, &tail) != 3 || y < 1900 || y > 2100
          || m < 1 || m > 12 || d < 1 || d > 31 || !g_date_valid_dmy (d, m, y))
        {
          /* TRANSLATORS: %s is SMIC or RSA, %u the point, then the text typed */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s, point %u: “%s” is not a date (DD/MM/YYYY, from 1900 to 2100)."),
                       name, i + 1, date_text);
          return FALSE;
        }
      if (!trj_parse_number (value_text, &point.value) || !isfinite (point.value))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s, point %u: “%s” is not an amount in euros."), name, i + 1, value_text);
          return FALSE;
        }
      point.from = (gint32) (y * 10000 + m * 100 + d);
      g_array_append_val (points, point);
    }
  for (guint i = 1; i < points->len; i++)
    for (guint j = i; j > 0 && g_array_index (points, TrjRefPoint, j - 1).from > g_array_index (points, TrjRefPoint, j).from; j--)
      {
        TrjRefPoint swap = g_array_index (points, TrjRefPoint, j);

        g_array_index (points, TrjRefPoint, j) = g_array_index (points, TrjRefPoint, j - 1);
        g_array_index (points, TrjRefPoint, j - 1) = swap;
      }
  for (guint i = 0; i < points->len; i++)
    {
      const TrjRefPoint *p = &g_array_index (points, TrjRefPoint, i);

      if (i > 0 && p->from == p[-1].from)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: the date %02d/%02d/%04d is given twice."), name,
                       p->from % 100, p->from / 100 % 100, p->from / 10000);
          return FALSE;
        }
      trj_series_append (out, p->from, p->value);
    }
  if (out->n_points == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: give at least one date, or go back to the values of the year."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
series_equal (const TrjSeries *a, const TrjSeries *b)
{
  if (a->n_points != b->n_points)
    return FALSE;
  for (guint i = 0; i < a->n_points; i++)
    if (a->points[i].from != b->points[i].from || fabs (a->points[i].value - b->points[i].value) > 1e-9)
      return FALSE;
  return TRUE;
}

static void
refresh (TrjHypothesesWindow *self)
{
  const TrjScenario *sc = trj_document_get_scenario (self->document);
  gboolean editable = writable (self);

  for (TrjReferenceKind kind = 0; kind < N_SERIES; kind++)
    {
      Series *s = &self->series[kind];
      TrjSeries defaults = { 0 };

      g_clear_pointer (&s->default_text, g_free);
      if (default_series (self, kind, &defaults))
        s->default_text = trj_format_series (&defaults);
      else
        s->default_text = g_strdup ("—");
      trj_series_clear (&defaults);
      {
        /* One point a line beside the scenario's. */
        g_auto(GStrv) points = g_strsplit (s->default_text, " ; ", -1);
        g_autofree char *lines = g_strjoinv ("\n", points);

        gtk_label_set_text (s->defaults, lines);
      }
      if (sc == NULL)
        continue;
      fill_series (self, kind, scenario_series (sc, kind));
      gtk_label_set_text (s->state, scenario_overrides (sc, kind) ? _("Scenario: its own hypothesis")
                                                                 : _("Scenario: the values of the year"));
    }
  gtk_widget_set_sensitive (self->content, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply), editable);
}

static void
updated_cb (TrjDocument *document, guint changes, TrjHypothesesWindow *self)
{
  refresh (self);
}

guint
trj_hypotheses_window_get_n_points (TrjHypothesesWindow *self, TrjReferenceKind kind)
{
  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self) && kind < N_SERIES, 0);
  return self->series[kind].points->len;
}

GtkEditable *
trj_hypotheses_window_get_date (TrjHypothesesWindow *self, TrjReferenceKind kind, guint i)
{
  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self) && kind < N_SERIES, NULL);
  g_return_val_if_fail (i < self->series[kind].points->len, NULL);
  return ((Point *) g_ptr_array_index (self->series[kind].points, i))->date;
}

GtkEditable *
trj_hypotheses_window_get_value (TrjHypothesesWindow *self, TrjReferenceKind kind, guint i)
{
  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self) && kind < N_SERIES, NULL);
  g_return_val_if_fail (i < self->series[kind].points->len, NULL);
  return ((Point *) g_ptr_array_index (self->series[kind].points, i))->value;
}

guint
trj_hypotheses_window_add_point (TrjHypothesesWindow *self, TrjReferenceKind kind)
{
  guint index;

  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self) && kind < N_SERIES, 0);
  /* The new point starts from the last one's amount, the date to type. */
  if (self->series[kind].points->len > 0)
    {
      Point *last = g_ptr_array_index (self->series[kind].points, self->series[kind].points->len - 1);

      index = append_point (self, kind, "", gtk_editable_get_text (last->value));
    }
  else
    index = append_point (self, kind, "", "");
  gtk_widget_grab_focus (GTK_WIDGET (trj_hypotheses_window_get_date (self, kind, index)));
  return index;
}

void
trj_hypotheses_window_remove_point (TrjHypothesesWindow *self, TrjReferenceKind kind, guint i)
{
  Series *s;
  Point *p;

  g_return_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self) && kind < N_SERIES);
  s = &self->series[kind];
  g_return_if_fail (i < s->points->len);
  p = g_ptr_array_steal_index (s->points, i);
  gtk_list_box_remove (s->list, gtk_widget_get_parent (p->row));
  g_free (p);
}

static void
remove_clicked_cb (GtkButton *button, TrjHypothesesWindow *self)
{
  TrjReferenceKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "trj-kind"));
  Point *p = g_object_get_data (G_OBJECT (button), "trj-point");
  guint index;

  if (g_ptr_array_find (self->series[kind].points, p, &index))
    trj_hypotheses_window_remove_point (self, kind, index);
}

void
trj_hypotheses_window_reset (TrjHypothesesWindow *self, TrjReferenceKind kind)
{
  TrjSeries defaults = { 0 };

  g_return_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self) && kind < N_SERIES);
  if (default_series (self, kind, &defaults))
    fill_series (self, kind, &defaults);
  trj_series_clear (&defaults);
}

gboolean
trj_hypotheses_window_apply (TrjHypothesesWindow *self, GError **error)
{
  TrjWorkbook *wb;
  gint64 id;
  TrjSeries typed[N_SERIES] = { { 0 } };
  g_autoptr(GError) local = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self), FALSE);
  wb = trj_document_get_workbook (self->document);
  id = trj_document_get_scenario_id (self->document);
  for (TrjReferenceKind kind = 0; ok && kind < N_SERIES; kind++)
    ok = read_series (self, kind, &typed[kind], &local);
  if (ok)
    {
      /* Both series, one undo step; a series equal to the year's is no override. */
      gboolean same[N_SERIES];

      for (TrjReferenceKind kind = 0; kind < N_SERIES; kind++)
        {
          TrjSeries defaults = { 0 };

          same[kind] = default_series (self, kind, &defaults) && series_equal (&defaults, &typed[kind]);
          trj_series_clear (&defaults);
        }
      ok = trj_workbook_set_hypotheses (wb, id, same[TRJ_REFERENCE_SMIC_HOURLY] ? NULL : &typed[TRJ_REFERENCE_SMIC_HOURLY],
                                        same[TRJ_REFERENCE_RSA] ? NULL : &typed[TRJ_REFERENCE_RSA], &local);
    }
  for (TrjReferenceKind kind = 0; kind < N_SERIES; kind++)
    trj_series_clear (&typed[kind]);
  if (!ok)
    {
      show_message (self, local->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  show_message (self, _("Hypotheses applied to the scenario: every figure is computed with them."), FALSE);
  return TRUE;
}

const char *
trj_hypotheses_window_get_default_text (TrjHypothesesWindow *self, TrjReferenceKind kind)
{
  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self) && kind < N_SERIES, NULL);
  return self->series[kind].default_text;
}

const char *
trj_hypotheses_window_get_message (TrjHypothesesWindow *self)
{
  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self), NULL);
  return gtk_label_get_text (self->message);
}

GtkButton *
trj_hypotheses_window_get_apply_button (TrjHypothesesWindow *self)
{
  g_return_val_if_fail (TRJ_IS_HYPOTHESES_WINDOW (self), NULL);
  return self->apply;
}

static void
apply_clicked_cb (TrjHypothesesWindow *self)
{
  /* A refusal is shown in the window. */
  trj_hypotheses_window_apply (self, NULL);
}

static void
add_clicked_cb (GtkButton *button, TrjHypothesesWindow *self)
{
  trj_hypotheses_window_add_point (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "trj-kind")));
}

static void
reset_clicked_cb (GtkButton *button, TrjHypothesesWindow *self)
{
  trj_hypotheses_window_reset (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "trj-kind")));
}

static GtkWidget *
build_series (TrjHypothesesWindow *self, TrjReferenceKind kind)
{
  Series *s = &self->series[kind];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (kind == TRJ_REFERENCE_SMIC_HOURLY ? _("Gross hourly SMIC (€)")
                                                                      : _("RSA, single person (€ per month)"));
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *left_title = gtk_label_new (_("Default: the values of the year"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (kind == TRJ_REFERENCE_SMIC_HOURLY ? _("_Add a SMIC Date")
                                                                                  : _("Add an _RSA Date"));
  GtkWidget *reset = gtk_button_new_with_label (_("Back to the Values of the Year"));

  gtk_widget_add_css_class (title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);

  gtk_widget_add_css_class (left_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (left_title), 0);
  /* Wrapped, as the defaults under it: the window narrows to 800 px. */
  gtk_label_set_wrap (GTK_LABEL (left_title), TRUE);
  s->defaults = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (s->defaults, TRUE);
  gtk_label_set_xalign (s->defaults, 0);
  gtk_label_set_selectable (s->defaults, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (s->defaults), "dim-label");
  gtk_box_append (GTK_BOX (left), left_title);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (s->defaults));
  gtk_widget_set_size_request (left, 240, -1);

  s->state = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (s->state), "heading");
  gtk_label_set_xalign (s->state, 0);
  s->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (s->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (s->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (s->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == TRJ_REFERENCE_SMIC_HOURLY ? _("SMIC of the scenario")
                                                                    : _("RSA of the scenario"), -1);
  g_object_set_data (G_OBJECT (add), "trj-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (reset), "trj-kind", GINT_TO_POINTER (kind));
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect (reset, "clicked", G_CALLBACK (reset_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), reset);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (s->state));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (s->list));
  gtk_box_append (GTK_BOX (right), buttons);
  gtk_widget_set_hexpand (right, TRUE);

  gtk_box_append (GTK_BOX (columns), left);
  gtk_box_append (GTK_BOX (columns), right);
  gtk_box_append (GTK_BOX (box), columns);
  s->points = g_ptr_array_new_with_free_func (g_free);
  return box;
}

static void
trj_hypotheses_window_dispose (GObject *object)
{
  TrjHypothesesWindow *self = TRJ_HYPOTHESES_WINDOW (object);

  g_clear_signal_handler (&self->updated_id, self->document);
  g_clear_object (&self->document);
  for (guint k = 0; k < N_SERIES; k++)
    {
      g_clear_pointer (&self->series[k].points, g_ptr_array_unref);
      g_clear_pointer (&self->series[k].default_text, g_free);
    }
  G_OBJECT_CLASS (trj_hypotheses_window_parent_class)->dispose (object);
}

static void
trj_hypotheses_window_class_init (TrjHypothesesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_hypotheses_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
trj_hypotheses_window_init (TrjHypothesesWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *intro;

  gtk_window_set_title (GTK_WINDOW (self), _("Hypotheses"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 680);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  self->apply = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Apply")));
  gtk_widget_add_css_class (GTK_WIDGET (self->apply), "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->apply));
  gtk_box_append (GTK_BOX (box), header);
  g_signal_connect_swapped (self->apply, "clicked", G_CALLBACK (apply_clicked_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply));

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_label_set_selectable (self->message, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->message), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->message), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  gtk_widget_set_margin_top (self->content, 12);
  gtk_widget_set_margin_bottom (self->content, 18);
  intro = gtk_label_new (_("The SMIC and the RSA in force on the first day of each month. The scenario may "
                           "assume other values (a second revaluation of the SMIC in the year, for instance): "
                           "its own series replaces the year’s in every figure, the programming file and the "
                           "report. Dates as DD/MM/YYYY, amounts in euros."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (self->content), intro);
  gtk_box_append (GTK_BOX (self->content), build_series (self, TRJ_REFERENCE_SMIC_HOURLY));
  gtk_box_append (GTK_BOX (self->content), build_series (self, TRJ_REFERENCE_RSA));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

TrjHypothesesWindow *
trj_hypotheses_window_new (GtkWindow *parent, TrjDocument *document)
{
  TrjHypothesesWindow *self;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);
  self = g_object_new (TRJ_TYPE_HYPOTHESES_WINDOW, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->document = g_object_ref (document);
  self->updated_id = g_signal_connect (document, "updated", G_CALLBACK (updated_cb), self);
  refresh (self);
  return self;
}
