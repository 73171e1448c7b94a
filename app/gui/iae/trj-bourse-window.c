/* trj-bourse-window.c — see trj-bourse-window.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-bourse-window.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-iae.h"

struct _TrjBourseWindow
{
  AdwWindow parent_instance;

  AdwComboRow *from_row;
  AdwComboRow *to_row;
  GtkSpinButton *delta;
  AdwActionRow *posts_row;
  AdwActionRow *freed_row;
  AdwActionRow *used_row;
  AdwActionRow *margin_row;
  AdwActionRow *moves_row;
  GtkLabel *message;
  GtkButton *move_button;

  TrjDocument *document;
  char *envelope_id;
  GPtrArray *from_ids;      /* char *, in the order of from_row */
  GPtrArray *to_ids;
  GHashTable *texts;        /* name → text shown */
  gboolean rebuilding;      /* the combo rows are being refilled */
  guint n_moves;
  double moved_freed, moved_used;
};

G_DEFINE_FINAL_TYPE (TrjBourseWindow, trj_bourse_window, ADW_TYPE_WINDOW)

static void
set_text (TrjBourseWindow *self, const char *name, const char *text)
{
  g_hash_table_insert (self->texts, g_strdup (name), g_strdup (text));
}

static const TrjEnvelope *
envelope (TrjBourseWindow *self)
{
  return trj_document_get_envelope (self->document, self->envelope_id);
}

static const char *
selected_id (AdwComboRow *row, GPtrArray *ids)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_ptr_array_index (ids, i) : NULL;
}

/* « Chantier de l’Odet (ACI) — 4 ETP inutilisés sur 10, 60,0 % consommés ». */
static char *
candidate_text (const TrjEnvelope *env, const TrjBourseCandidate *c, gboolean giver)
{
  const TrjLine *line = g_ptr_array_index (env->lines, c->line);
  g_autofree char *q = trj_gui_decimal (line->quantity, 2);
  g_autofree char *rate = trj_gui_percent (c->rate, 1);
  g_autofree char *spare = trj_gui_decimal (c->spare, 2);

  if (giver)
    /* TRANSLATORS: a structure, its kind, the ETP it does not use, its ETP, its consumption rate */
    return g_strdup_printf (_("%s (%s) — %s ETP unused of %s, %s consumed"), line->structure_name,
                            trj_catalog_kind_title (line->kind), spare, q, rate);
  if (isnan (c->rate))
    /* TRANSLATORS: a structure, its kind, its ETP; no realised ETP yet */
    return g_strdup_printf (_("%s (%s) — %s ETP, no realised ETP yet"), line->structure_name,
                            trj_catalog_kind_title (line->kind), q);
  /* TRANSLATORS: a structure, its kind, its ETP, its consumption rate */
  return g_strdup_printf (_("%s (%s) — %s ETP, %s consumed"), line->structure_name,
                          trj_catalog_kind_title (line->kind), q, rate);
}

/* Refills a combo row, keeping the structure chosen when it is still there. */
static void
fill_row (TrjBourseWindow *self, AdwComboRow *row, GPtrArray *ids, GArray *candidates, gboolean giver)
{
  const TrjEnvelope *env = envelope (self);
  g_autofree char *kept = g_strdup (selected_id (row, ids));
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (ids, 0);
  for (guint i = 0; i < candidates->len; i++)
    {
      const TrjBourseCandidate *c = &g_array_index (candidates, TrjBourseCandidate, i);
      const TrjLine *line = g_ptr_array_index (env->lines, c->line);
      g_autofree char *text = candidate_text (env, c, giver);

      if (g_strcmp0 (kept, line->id) == 0)
        selected = i;
      g_ptr_array_add (ids, g_strdup (line->id));
      gtk_string_list_append (list, text);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  if (candidates->len > 0)
    adw_combo_row_set_selected (row, selected);
}

static void
show_money (TrjBourseWindow *self, AdwActionRow *row, const char *name, double euros)
{
  g_autofree char *text = isnan (euros) ? g_strdup ("—") : trj_gui_money (euros);

  adw_action_row_set_subtitle (row, text);
  set_text (self, name, text);
}

static void
show_message (TrjBourseWindow *self, const char *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
  set_text (self, "message", message != NULL ? message : "");
}

/* The move chosen, computed on the current snapshot. */
static void
update_preview (TrjBourseWindow *self)
{
  const char *from = selected_id (self->from_row, self->from_ids);
  const char *to = selected_id (self->to_row, self->to_ids);
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  g_autoptr(GError) error = NULL;
  TrjBourseMove move = { NAN, NAN, NAN, NAN, NAN, NAN };
  double delta = gtk_spin_button_get_value (self->delta);
  gboolean ok = FALSE;
  int T = 0;

  if (self->rebuilding)
    return;
  for (guint l = 0; envelope (self) != NULL && l < envelope (self)->lines->len; l++)
    T = MAX (T, trj_iae_last_month (g_ptr_array_index (envelope (self)->lines, l)));
  if (from == NULL || to == NULL)
    show_message (self, from == NULL ? _("No structure consumes less than 90 percent of its ETP: "
                                         "there is nothing to move.")
                                     : _("No other structure can receive ETP."));
  else if (!(ok = trj_bourse_move (scenario, self->envelope_id, from, to, delta, &move, &error)))
    show_message (self, error->message);
  else
    show_message (self, NULL);
  {
    /* The posts over the months left: Δ · 12 / (12 − T). */
    g_autofree char *posts = T < TRJ_MONTHS ? trj_gui_decimal (delta * TRJ_MONTHS / (TRJ_MONTHS - T), 2)
                                            : g_strdup ("—");
    g_autofree char *text = g_strdup_printf (_("%s posts over the %d months left"), posts, TRJ_MONTHS - T);

    adw_action_row_set_subtitle (self->posts_row, text);
  }
  show_money (self, self->freed_row, "freed", move.freed);
  show_money (self, self->used_row, "used", move.used);
  show_money (self, self->margin_row, "margin", move.margin_after);
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), ok);
}

static void
update_moves (TrjBourseWindow *self)
{
  const TrjEnvelopeResult *er = trj_document_get_envelope_result (self->document, self->envelope_id);
  g_autofree char *freed = trj_gui_money (self->moved_freed);
  g_autofree char *used = trj_gui_money (self->moved_used);
  g_autofree char *margin = trj_gui_money (er != NULL ? er->ae_margin : NAN);
  g_autofree char *text = NULL;

  /* TRANSLATORS: number of moves, euros freed, euros used, the envelope's AE margin */
  text = g_strdup_printf (ngettext ("%u move: %s freed, %s used; AE margin of the envelope now %s",
                                    "%u moves: %s freed, %s used; AE margin of the envelope now %s",
                                    self->n_moves),
                          self->n_moves, freed, used, margin);
  adw_action_row_set_subtitle (self->moves_row, text);
  set_text (self, "moves", text);
}

static void
rebuild (TrjBourseWindow *self)
{
  const TrjEnvelope *env = envelope (self);
  g_autoptr(GArray) givers = NULL;
  g_autoptr(GArray) receivers = NULL;

  if (env == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  givers = trj_bourse_givers (env);
  receivers = trj_bourse_receivers (env);
  self->rebuilding = TRUE;
  fill_row (self, self->from_row, self->from_ids, givers, TRUE);
  fill_row (self, self->to_row, self->to_ids, receivers, FALSE);
  self->rebuilding = FALSE;
  update_preview (self);
  update_moves (self);
}

/* A new giver proposes its spare ETP. */
static void
from_changed_cb (TrjBourseWindow *self)
{
  const char *from = selected_id (self->from_row, self->from_ids);
  const TrjLine *line;

  if (self->rebuilding)
    return;
  line = from != NULL ? trj_envelope_find_line (envelope (self), from) : NULL;
  if (line != NULL)
    {
      g_autoptr(GArray) givers = trj_bourse_givers (envelope (self));

      gtk_spin_button_set_range (self->delta, 0, line->quantity);
      for (guint i = 0; i < givers->len; i++)
        if (g_array_index (givers, TrjBourseCandidate, i).line < envelope (self)->lines->len
            && g_ptr_array_index (envelope (self)->lines, g_array_index (givers, TrjBourseCandidate, i).line) == line)
          gtk_spin_button_set_value (self->delta, floor (g_array_index (givers, TrjBourseCandidate, i).spare * 100) / 100);
    }
  update_preview (self);
}

static void
move_clicked_cb (TrjBourseWindow *self)
{
  g_autofree char *from = g_strdup (selected_id (self->from_row, self->from_ids));
  g_autofree char *to = g_strdup (selected_id (self->to_row, self->to_ids));
  g_autoptr(GError) error = NULL;
  TrjBourseMove move;

  if (from == NULL || to == NULL)
    return;
  if (!trj_workbook_move_etp (trj_document_get_workbook (self->document),
                              trj_document_get_scenario_id (self->document), self->envelope_id, from, to,
                              gtk_spin_button_get_value (self->delta), &move, &error))
    {
      show_message (self, error->message);
      return;
    }
  /* The workbook's "changed" has recomputed the document and rebuilt the rows. */
  self->n_moves++;
  self->moved_freed += move.freed;
  self->moved_used += move.used;
  update_moves (self);
}

/* The ETP moved in French figures ("2,5", "4": as the lines grid shows ETP), whatever the process's C locale
 * would print, and typed back the same way ("2,5", "2.5"). */
static gboolean
delta_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = trj_gui_decimal (gtk_spin_button_get_value (spin), 2);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
delta_input_cb (GtkSpinButton *spin, double *value)
{
  return trj_parse_number (gtk_editable_get_text (GTK_EDITABLE (spin)), value) ? TRUE : GTK_INPUT_ERROR;
}

static AdwActionRow *
figure_row (AdwPreferencesGroup *group, const char *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (GTK_WIDGET (row), "property");
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
trj_bourse_window_dispose (GObject *object)
{
  TrjBourseWindow *self = TRJ_BOURSE_WINDOW (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (trj_bourse_window_parent_class)->dispose (object);
}

static void
trj_bourse_window_finalize (GObject *object)
{
  TrjBourseWindow *self = TRJ_BOURSE_WINDOW (object);

  g_free (self->envelope_id);
  g_ptr_array_unref (self->from_ids);
  g_ptr_array_unref (self->to_ids);
  g_hash_table_unref (self->texts);
  G_OBJECT_CLASS (trj_bourse_window_parent_class)->finalize (object);
}

static void
trj_bourse_window_class_init (TrjBourseWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trj_bourse_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = trj_bourse_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trj_bourse_window_init (TrjBourseWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *move_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *effect_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *done_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *delta_row = adw_action_row_new ();
  GtkWidget *header = adw_header_bar_new ();

  self->from_ids = g_ptr_array_new_with_free_func (g_free);
  self->to_ids = g_ptr_array_new_with_free_func (g_free);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Bourse aux postes"));
  /* Every group in sight on a 1280 × 800 screen. */
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 740);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (move_group, _("Move ETP"));
  adw_preferences_group_set_description (move_group,
    _("Structures consuming less than 90 percent of their ETP give them to others; market structures "
      "(EI, ETTI) are proposed first, as the circular asks."));
  self->from_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("From"));
  /* « Jardins de Cocagne (ACI) — 70 ETP inutilisés sur 420… » whole,
   * under the row's title rather than cut beside it. */
  adw_combo_row_set_use_subtitle (self->from_row, TRUE);
  adw_preferences_group_add (move_group, GTK_WIDGET (self->from_row));
  self->to_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("To"));
  adw_combo_row_set_use_subtitle (self->to_row, TRUE);
  adw_preferences_group_add (move_group, GTK_WIDGET (self->to_row));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delta_row), _("ETP moved (annual average)"));
  self->delta = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1, 0.25));
  gtk_spin_button_set_digits (self->delta, 2);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->delta), 8);
  /* new_with_range makes it numeric: it would refuse the comma of the C
   * locale's digits. */
  gtk_spin_button_set_numeric (self->delta, FALSE);
  g_signal_connect (self->delta, "output", G_CALLBACK (delta_output_cb), NULL);
  g_signal_connect (self->delta, "input", G_CALLBACK (delta_input_cb), NULL);
  gtk_widget_set_valign (GTK_WIDGET (self->delta), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (delta_row), GTK_WIDGET (self->delta));
  adw_preferences_group_add (move_group, delta_row);
  self->posts_row = figure_row (move_group, _("Posts"));

  adw_preferences_group_set_title (effect_group, _("Effect of the move"));
  self->freed_row = figure_row (effect_group, _("Euros freed"));
  self->used_row = figure_row (effect_group, _("Euros used"));
  self->margin_row = figure_row (effect_group, _("AE margin of the envelope after the move"));
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->message), 12);
  adw_preferences_group_add (effect_group, GTK_WIDGET (self->message));
  self->move_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Move")));
  gtk_widget_add_css_class (GTK_WIDGET (self->move_button), "suggested-action");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->move_button),
                               _("Moves the ETP chosen from one structure to the other (one undo step)"));
  /* In the header bar, as a dialog's action: the window's groups fit a
   * 1280 × 800 screen. */
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->move_button));

  adw_preferences_group_set_title (done_group, _("Moves made"));
  adw_preferences_group_set_description (done_group, _("Each move is one undo step (Ctrl+Z in the main window)."));
  self->moves_row = figure_row (done_group, _("Total"));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), move_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), effect_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), done_group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->from_row, "notify::selected", G_CALLBACK (from_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->delta, "value-changed", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->move_button, "clicked", G_CALLBACK (move_clicked_cb), self);
}

TrjBourseWindow *
trj_bourse_window_new (TrjDocument *document, const char *envelope_id)
{
  TrjBourseWindow *self;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);

  self = g_object_new (TRJ_TYPE_BOURSE_WINDOW, NULL);
  self->document = g_object_ref (document);
  self->envelope_id = g_strdup (envelope_id);
  /* Another edit (undo, the grid) changes who under-consumes. */
  g_signal_connect_object (document, "updated", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
  from_changed_cb (self);
  return self;
}

AdwComboRow *
trj_bourse_window_get_from_row (TrjBourseWindow *self)
{
  g_return_val_if_fail (TRJ_IS_BOURSE_WINDOW (self), NULL);
  return self->from_row;
}

AdwComboRow *
trj_bourse_window_get_to_row (TrjBourseWindow *self)
{
  g_return_val_if_fail (TRJ_IS_BOURSE_WINDOW (self), NULL);
  return self->to_row;
}

GtkSpinButton *
trj_bourse_window_get_delta (TrjBourseWindow *self)
{
  g_return_val_if_fail (TRJ_IS_BOURSE_WINDOW (self), NULL);
  return self->delta;
}

GtkButton *
trj_bourse_window_get_move_button (TrjBourseWindow *self)
{
  g_return_val_if_fail (TRJ_IS_BOURSE_WINDOW (self), NULL);
  return self->move_button;
}

const char *
trj_bourse_window_get_from_line (TrjBourseWindow *self)
{
  g_return_val_if_fail (TRJ_IS_BOURSE_WINDOW (self), NULL);
  return selected_id (self->from_row, self->from_ids);
}

const char *
trj_bourse_window_get_to_line (TrjBourseWindow *self)
{
  g_return_val_if_fail (TRJ_IS_BOURSE_WINDOW (self), NULL);
  return selected_id (self->to_row, self->to_ids);
}

const char *
trj_bourse_window_get_text (TrjBourseWindow *self, const char *name)
{
  g_return_val_if_fail (TRJ_IS_BOURSE_WINDOW (self), NULL);
  return g_hash_table_lookup (self->texts, name);
}
