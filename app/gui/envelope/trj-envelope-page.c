/* trj-envelope-page.c — see trj-envelope-page.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-envelope-page.h"
#include "trj-drift.h"
#include "trj-a11y.h"
#include "trj-lines-model.h"
#include "trj-entries-model.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-grid-print.h"
#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-solver-dialog.h"
#include "trj-profiles-dialog.h"
#include "trj-note-dialog.h"
#include "trj-bourse-window.h"
#include "trj-share-window.h"
#include "trj-structures-window.h"
#include "trj-alert-list.h"
#include "trj-wrap-box.h"
#include "trj-settings.h"
#include "trj-chart-document.h"
#include "trj-chart-view.h"
#include "trj-tooltip.h"

struct _TrjEnvelopePage
{
  GtkWidget parent_instance;

  GtkGrid *figures;
  TrjAlertList *alerts_box;
  guint         n_alerts_said;  /* alerts last given to the grid's description */
  GtkWidget *entries_tools;
  GMenuModel *entries_menu;
  GMenuModel *ddets_menu;
  /* The two menus are set after the page's first frame painted. */
  gulong first_paint_handler;
  guint menus_source;
  GtkWidget *structure_tools;
  GtkWidget *solve_envelope_button;
  GtkWidget *ddets_button;
  GtkWidget *solve_button;
  GtkWidget *columns_button;
  GtkWidget *structures_button;
  GtkWidget *bourse_button;
  GtkWidget *notification_button;
  GtkWidget *add_line_button;
  GtkWidget *duplicate_line_button;
  GtkWidget *remove_line_button;
  GtkLabel *circular_shares;
  /* The check buttons of its popover, by optional field (MODEL 2.8). */
  GtkCheckButton *column_checks[TRJ_LINES_N_OPTIONAL];
  GtkStack *grids_stack;
  GtkStackSwitcher *grids_switcher;

  TrjDocument *document;
  char *envelope_id;
  /* « Profils enregistrés » of the « Répartition » menu, from the workbook. */
  GMenu *saved_menu;
  /* The small live trajectory beside the grids, and its toggle (GSettings
   * "show-side-chart"). */
  TrjChartView *side_chart;
  GtkToggleButton *side_chart_button;
  GSettings *settings;
  TrjLinesModel *lines_model;
  TrjEntriesModel *entries_model;
  TrjGrid *lines_grid;
  TrjGrid *entries_grid;
  TrjEntriesModel *realised_model;      /* IAE: the realised ETP, built when first shown */
  TrjGrid *realised_grid;
  TrjSubtotalsModel *subtotals_model;   /* built when first shown */
  TrjGrid *subtotals_grid;
  GtkDropDown *group_dropdown;
  /* name → value label, name "…-detail" → detail label */
  GHashTable *figure_labels;
  /* name → its card, whose first child is the title */
  GHashTable *figure_card_widgets;
};

G_DEFINE_FINAL_TYPE (TrjEnvelopePage, trj_envelope_page, GTK_TYPE_WIDGET)

/* The summary strip: one card per figure, a value and a detail line, in rows of four. */
#define FIGURES_PER_ROW 4
static const struct {
  const char *name;
  const char *title;
} figure_cards[] = {
  { "ae-notified", N_("AE notified") },
  { "ae-programmed", N_("AE programmed") },
  { "ae-margin", N_("AE margin") },
  { "cp-notified", N_("CP notified") },
  { "cp-programmed", N_("CP programmed") },
  { "cp-margin", N_("CP margin") },
  { "capacity", N_("Capacity") },
  { "avg-rate", N_("Average rate") },
};

const char *
trj_envelope_page_get_envelope_id (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return self->envelope_id;
}

TrjGrid *
trj_envelope_page_get_lines_grid (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return self->lines_grid;
}

static GtkWidget *grid_new (TrjGridModel *model, const char *accessible_label);
static const char *entries_title (const char *envelope_id);

/* The monthly grid is built the first time it is wanted: most edits are made
 * in the lines grid, and a grid costs startup time. */
TrjGrid *
trj_envelope_page_get_entries_grid (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);

  if (self->entries_grid == NULL)
    {
      GtkWidget *holder = gtk_stack_get_child_by_name (self->grids_stack, "entries");

      self->entries_model = trj_entries_model_new (self->document, self->envelope_id);
      self->entries_grid = TRJ_GRID (grid_new (TRJ_GRID_MODEL (self->entries_model),
                                               entries_title (self->envelope_id)));
      gtk_widget_set_vexpand (GTK_WIDGET (self->entries_grid), TRUE);
      gtk_box_append (GTK_BOX (holder), GTK_WIDGET (self->entries_grid));
    }
  return self->entries_grid;
}

/* « ETP réalisés » of an envelope of structures (MODEL 3.2), built the first
 * time it is shown; NULL on the other envelopes. */
TrjGrid *
trj_envelope_page_get_realised_grid (TrjEnvelopePage *self)
{
  GtkWidget *holder;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);

  if (self->realised_grid == NULL && (holder = gtk_stack_get_child_by_name (self->grids_stack, "realised")) != NULL)
    {
      self->realised_model = trj_entries_model_new_realised (self->document, self->envelope_id);
      self->realised_grid = TRJ_GRID (grid_new (TRJ_GRID_MODEL (self->realised_model), _("Realised ETP")));
      gtk_widget_set_vexpand (GTK_WIDGET (self->realised_grid), TRUE);
      gtk_box_append (GTK_BOX (holder), GTK_WIDGET (self->realised_grid));
    }
  return self->realised_grid;
}

void
trj_envelope_page_show_realised (TrjEnvelopePage *self)
{
  g_return_if_fail (TRJ_IS_ENVELOPE_PAGE (self));
  if (trj_envelope_page_get_realised_grid (self) != NULL)
    gtk_stack_set_visible_child_name (self->grids_stack, "realised");
}

static void
group_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, TrjEnvelopePage *self)
{
  trj_subtotals_model_set_group (self->subtotals_model,
                                 gtk_drop_down_get_selected (dropdown) == 1 ? TRJ_SUBTOTALS_BY_PRESCRIBER
                                                                            : TRJ_SUBTOTALS_BY_DEPARTEMENT);
}

/* « Sous-totaux », built the first time it is shown: the lines grouped by
 * département or prescriber (a drop-down over the grid), read-only. */
TrjGrid *
trj_envelope_page_get_subtotals_grid (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);

  if (self->subtotals_grid == NULL)
    {
      GtkWidget *holder = gtk_stack_get_child_by_name (self->grids_stack, "subtotals");
      GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      const char *groups[] = { _("Département"), _("Prescriber"), NULL };
      GtkWidget *dropdown = gtk_drop_down_new_from_strings (groups);
      GtkWidget *label = gtk_label_new_with_mnemonic (_("_Group by"));

      gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
      trj_a11y_set_label (dropdown, _("Group by"));
      gtk_widget_set_margin_bottom (bar, 6);
      gtk_widget_set_margin_start (bar, 12);
      gtk_box_append (GTK_BOX (bar), label);
      gtk_box_append (GTK_BOX (bar), dropdown);
      gtk_box_append (GTK_BOX (holder), bar);
      self->subtotals_model = trj_subtotals_model_new (self->document, self->envelope_id);
      self->subtotals_grid = TRJ_GRID (grid_new (TRJ_GRID_MODEL (self->subtotals_model), _("Subtotals")));
      gtk_widget_set_vexpand (GTK_WIDGET (self->subtotals_grid), TRUE);
      gtk_box_append (GTK_BOX (holder), GTK_WIDGET (self->subtotals_grid));
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (group_selected_cb), self, 0);
      self->group_dropdown = GTK_DROP_DOWN (dropdown);
    }
  return self->subtotals_grid;
}

void
trj_envelope_page_show_subtotals (TrjEnvelopePage *self, TrjSubtotalsGroup group)
{
  g_return_if_fail (TRJ_IS_ENVELOPE_PAGE (self));
  trj_envelope_page_get_subtotals_grid (self);
  gtk_drop_down_set_selected (self->group_dropdown, group == TRJ_SUBTOTALS_BY_PRESCRIBER ? 1 : 0);
  gtk_stack_set_visible_child_name (self->grids_stack, "subtotals");
}

GtkPrintOperation *
trj_envelope_page_print_operation (TrjEnvelopePage *self)
{
  const char *envelope = trj_catalog_envelope_title (self->envelope_id);
  /* TRANSLATORS: title of a printed grid, "<envelope> — Lines" */
  g_autofree char *lines = g_strdup_printf (_("%s — Lines"), envelope);
  /* TRANSLATORS: title of a printed grid, "<envelope> — Monthly Entries" (or ETP, hirings, CP) */
  g_autofree char *entries = g_strdup_printf (_("%s — %s"), envelope, entries_title (self->envelope_id));
  TrjGridModel *models[2];
  const char *titles[] = { lines, entries };

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  trj_envelope_page_get_entries_grid (self);
  models[0] = TRJ_GRID_MODEL (self->lines_model);
  models[1] = TRJ_GRID_MODEL (self->entries_model);
  return trj_grid_print_operation_new (models, titles, G_N_ELEMENTS (models), envelope);
}

void
trj_envelope_page_show_entries (TrjEnvelopePage *self, gboolean entries)
{
  g_return_if_fail (TRJ_IS_ENVELOPE_PAGE (self));
  gtk_stack_set_visible_child_name (self->grids_stack, entries ? "entries" : "lines");
}

const char *
trj_envelope_page_get_figure (TrjEnvelopePage *self, const char *name)
{
  GtkInscription *text;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  text = g_hash_table_lookup (self->figure_labels, name);
  return text != NULL ? gtk_inscription_get_text (text) : NULL;
}

guint
trj_envelope_page_get_n_alerts (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), 0);
  return trj_alert_list_get_n_items (self->alerts_box);
}

/* ── Summary strip ───────────────────────────────────────────────────── */

static GtkWidget *
figure_title (GtkBox *card, const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "trj-figure-title");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (card, label);
  return label;
}

/* Figures are GtkInscriptions: their size does not follow their text, so the
 * new figures of an edit repaint the strip without a relayout of the window
 * (and of the grid under it). */
static GtkInscription *
figure_text (GtkBox *card, const char *css_class)
{
  GtkWidget *text = g_object_new (GTK_TYPE_INSCRIPTION,
                                  "xalign", 0.0f,
                                  "min-chars", 8,
                                  "nat-chars", 22,
                                  "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                                  NULL);

  gtk_widget_add_css_class (text, css_class);
  /* With large text a detail (« 25,0 h · 9,9 mois · 17,0 % cofinancés »)
   * takes two lines rather than being cut. */
  trj_a11y_fit_lines (text, 2);
  gtk_box_append (card, text);
  return GTK_INSCRIPTION (text);
}

static void
build_figures (TrjEnvelopePage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (figure_cards); i++)
    {
      /* A group named after its figure, so that a screen reader says « AE
       * notifiées, 6 813 468 € ». */
      GtkWidget *card = g_object_new (GTK_TYPE_BOX,
                                      "orientation", GTK_ORIENTATION_VERTICAL,
                                      "spacing", 2,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                      NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(figure_cards[i].title), -1);
      g_object_set_data (G_OBJECT (card), "trj-title", (gpointer) _(figure_cards[i].title));
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "trj-figure");
      figure_title (GTK_BOX (card), _(figure_cards[i].title));
      g_hash_table_insert (self->figure_labels, g_strdup (figure_cards[i].name),
                           figure_text (GTK_BOX (card), "trj-figure-value"));
      g_hash_table_insert (self->figure_labels, g_strconcat (figure_cards[i].name, "-detail", NULL),
                           figure_text (GTK_BOX (card), "trj-figure-detail"));
      gtk_grid_attach (self->figures, card, i % FIGURES_PER_ROW, i / FIGURES_PER_ROW, 1, 1);
      g_hash_table_insert (self->figure_card_widgets, g_strdup (figure_cards[i].name), card);
    }
}

static void
retitle_figure (TrjEnvelopePage *self, const char *name, const char *title)
{
  GtkWidget *card = g_hash_table_lookup (self->figure_card_widgets, name);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (card)), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* MODEL 3: an IAE or EA envelope counts ETP, a GEIQ one aids, never contracts;
 * an FDI envelope has no volume but the credits other envelopes lend it. */
static void
retitle_figures (TrjEnvelopePage *self)
{
  const TrjCatalogEnvelope *env = trj_catalog_envelope (self->envelope_id);
  TrjUnit unit = env != NULL ? env->unit : TRJ_UNIT_CONTRACTS;

  if (unit == TRJ_UNIT_ETP || unit == TRJ_UNIT_AIDS)
    {
      retitle_figure (self, "capacity", unit == TRJ_UNIT_ETP ? _("ETP programmed") : _("Aids programmed"));
      retitle_figure (self, "avg-rate", unit == TRJ_UNIT_ETP ? _("AE per ETP") : _("AE per aid"));
    }
  else if (unit == TRJ_UNIT_EUROS)
    {
      retitle_figure (self, "capacity", _("Funded from other envelopes"));
      retitle_figure (self, "avg-rate", _("Lines"));
    }
}

/* Sets a figure's text (value takes ownership). */
static void
set_figure (TrjEnvelopePage *self, const char *name, char *value)
{
  GtkInscription *text = g_hash_table_lookup (self->figure_labels, name);

  GtkWidget *card;

  g_assert (text != NULL);
  gtk_inscription_set_text (text, value);
  /* The card is read « AE notifiées : 6 813 468 € », its detail as its
   * description: GTK 4.8 gives an inscription's text to no one. */
  card = gtk_widget_get_parent (GTK_WIDGET (text));
  if (g_str_has_suffix (name, "-detail"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  else
    {
      /* TRANSLATORS: accessible name of a figure card: title, value. */
      g_autofree char *label = g_strdup_printf (_("%s: %s"),
                                                (const char *) g_object_get_data (G_OBJECT (card), "trj-title"),
                                                value);

      gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  g_free (value);
}

static void
set_margin (TrjEnvelopePage *self, const char *name, double margin)
{
  GtkWidget *label = g_hash_table_lookup (self->figure_labels, name);

  set_figure (self, name, trj_gui_margin (margin));
  if (margin < -TRJ_OVERRUN_EPSILON)
    gtk_widget_add_css_class (label, "trj-negative");
  else
    gtk_widget_remove_css_class (label, "trj-negative");
}

static void
update_alerts (TrjEnvelopePage *self, int env_index)
{
  const TrjResult *result = trj_document_get_result (self->document);
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  const TrjEnvelope *env = scenario->envelopes->pdata[env_index];
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) info = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (guint i = 0; i < result->n_alerts; i++)
    {
      const TrjAlert *alert = &result->alerts[i];
      g_autofree char *message = NULL;
      gboolean is_info = alert->severity == TRJ_SEVERITY_INFO;
      const TrjLine *line;

      if (alert->envelope != env_index)
        continue;
      g_array_append_val (info, is_info);
      message = trj_alert_message (scenario, alert);
      if (alert->line < 0)
        {
          g_ptr_array_add (messages, g_steal_pointer (&message));
          continue;
        }
      line = env->lines->pdata[alert->line];
      /* TRANSLATORS: an alert of one line: "line label: message" */
      g_ptr_array_add (messages, g_strdup_printf (_("%s: %s"), line->label != NULL ? line->label : line->id,
                                                     message));
    }
  /* ACTUAL_DRIFT (MODEL 8): the actuals against this scenario, with the
   * tolerances of the preferences. */
  {
    g_autoptr(GPtrArray) drifts = trj_drift_messages (self->document, env_index);

    for (guint i = 0; i < drifts->len; i++)
      {
        gboolean is_info = FALSE;

        g_ptr_array_add (messages, g_strdup (g_ptr_array_index (drifts, i)));
        g_array_append_val (info, is_info);
      }
  }
  g_ptr_array_add (messages, NULL);
  trj_alert_list_set_messages_full (self->alerts_box, (const char * const *) messages->pdata,
                                    (const gboolean *) info->data);
  /* Said to a screen reader on the grid's cell when an alert comes or goes
   * (the sentences' amounts change at every edit: not each time). */
  if (messages->len - 1 != self->n_alerts_said)
    {
      g_autofree char *joined = g_strjoinv ("\n", (char **) messages->pdata);

      self->n_alerts_said = messages->len - 1;
      trj_grid_set_context_description (self->lines_grid, joined);
    }
}

/* Rebuilt from the document as every figure is, while it is shown. */
static void
update_side_chart (TrjEnvelopePage *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->side_chart)))
    return;
  trj_chart_view_set_model (self->side_chart,
                            trj_chart_document_build_model (self->document, TRJ_CHART_TRAJECTORY,
                                                            self->envelope_id, TRJ_CHART_BY_DEPARTEMENT,
                                                            NULL));
}

/* MODEL 2.8: « Publics : QPV 18,0 % (objectif 25 %) · … · renouvellements 4,0 % ». */
static void
update_circular_shares (TrjEnvelopePage *self, const TrjEnvelopeResult *r)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  const TrjYearData *data = scenario != NULL ? trj_year_data_get (scenario->year, NULL) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (TrjPublic p = 0; p < TRJ_N_PUBLICS; p++)
    if (!isnan (r->public_share[p]))
      {
        g_autofree char *share = trj_gui_percent (r->public_share[p], 1);
        double target = data != NULL ? data->rules.public_target[p] : 0;

        if (text->len > 0)
          g_string_append (text, " · ");
        if (target > 0)
          {
            g_autofree char *goal = trj_gui_percent (target, 0);

            /* TRANSLATORS: a public, its share of the entries, the circular's target */
            g_string_append_printf (text, _("%s %s (target %s)"), trj_catalog_public_code (p), share, goal);
          }
        else
          g_string_append_printf (text, "%s %s", trj_catalog_public_code (p), share);
      }
  if (!isnan (r->renewal_share))
    {
      g_autofree char *share = trj_gui_percent (r->renewal_share, 1);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, _("renewals %s"), share);
    }
  if (text->len > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Share of the entries: %s"), text->str);

      gtk_label_set_text (self->circular_shares, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->circular_shares), text->len > 0);
}

static void
update_figures (TrjEnvelopePage *self)
{
  int index = trj_document_find_envelope (self->document, self->envelope_id);
  const TrjEnvelope *env;
  const TrjEnvelopeResult *r;
  double cp_counted;
  g_autofree char *ae_available = NULL, *ae_consumption = NULL;
  g_autofree char *cp_available = NULL, *cp_consumption = NULL;
  g_autofree char *capacity = NULL, *volume = NULL, *volume_notified = NULL;
  g_autofree char *hours = NULL, *duration = NULL, *cofinancing = NULL;
  const TrjCatalogEnvelope *known = trj_catalog_envelope (self->envelope_id);
  TrjUnit unit = known != NULL ? known->unit : TRJ_UNIT_CONTRACTS;

  if (index < 0)
    return;
  env = trj_document_get_scenario (self->document)->envelopes->pdata[index];
  r = &trj_document_get_result (self->document)->envelopes[index];
  /* MODEL 2.4: the notification covers this year's cohorts unless it says otherwise. */
  cp_counted = env->cp_notified_includes_stock ? r->f.cp_total : r->f.cp_total - r->f.cp_stock;
  ae_available = trj_gui_money (r->ae_available);
  ae_consumption = trj_gui_percent (r->ae_consumption, 1);
  cp_available = trj_gui_money (r->cp_available);
  cp_consumption = trj_gui_percent (r->cp_consumption, 1);
  capacity = trj_gui_integer (r->capacity);
  volume = trj_gui_integer (r->f.volume);
  volume_notified = trj_gui_integer (env->volume_notified);
  hours = trj_gui_number (r->avg_hours, 1);
  duration = trj_gui_number (r->avg_duration, 1);
  cofinancing = trj_gui_percent (r->avg_cofinancing, 1);

  set_figure (self, "ae-notified", trj_gui_money (env->ae_notified));
  set_figure (self, "ae-notified-detail", r->ae_available != env->ae_notified
              ? g_strdup_printf (_("available: %s"), ae_available) : g_strdup (""));
  set_figure (self, "ae-programmed", trj_gui_money (r->f.ae_total));
  set_figure (self, "ae-programmed-detail", g_strdup_printf (_("consumption: %s"), ae_consumption));
  set_margin (self, "ae-margin", r->ae_margin);
  set_figure (self, "ae-margin-detail", g_strdup (r->ae_margin < 0 ? _("over the envelope") : ""));

  set_figure (self, "cp-notified", trj_gui_money (env->cp_notified));
  set_figure (self, "cp-notified-detail", r->cp_available != env->cp_notified
              ? g_strdup_printf (_("available: %s"), cp_available) : g_strdup (""));
  set_figure (self, "cp-programmed", trj_gui_money (cp_counted));
  set_figure (self, "cp-programmed-detail", g_strdup_printf (_("consumption: %s"), cp_consumption));
  set_margin (self, "cp-margin", r->cp_margin);
  set_figure (self, "cp-margin-detail", g_strdup (r->cp_margin < 0 ? _("over the envelope") : ""));

  if (r->ae_lent > TRJ_OVERRUN_EPSILON && r->ae_margin >= 0)
    {
      g_autofree char *lent = trj_gui_money (r->ae_lent);

      set_figure (self, "ae-margin-detail", g_strdup_printf (_("lent to FDI: %s"), lent));
    }

  switch (unit)
    {
    case TRJ_UNIT_ETP:
    case TRJ_UNIT_AIDS:
      {
        g_autofree char *programmed = trj_format_decimal (r->f.volume, 2);
        g_autofree char *notified = trj_format_decimal (env->volume_notified, 2);
        double per_unit = r->f.volume > 0 ? r->f.ae_total / r->f.volume : NAN;

        /* TRANSLATORS: a number and its unit word, "12,5 ETP", "30 aides" */
        set_figure (self, "capacity", g_strdup_printf (_("%s %s"), programmed, trj_catalog_unit_word (unit)));
        set_figure (self, "capacity-detail", g_strdup_printf (_("notified %s"), notified));
        set_figure (self, "avg-rate", trj_gui_money (per_unit));
        set_figure (self, "avg-rate-detail", g_strdup (""));
      }
      break;
    case TRJ_UNIT_EUROS:
      {
        g_autofree char *cp = trj_gui_money (MAX (-r->cp_lent, 0));

        set_figure (self, "capacity", trj_gui_money (MAX (-r->ae_lent, 0)));
        set_figure (self, "capacity-detail", g_strdup_printf (_("CP: %s"), cp));
        set_figure (self, "avg-rate", trj_gui_integer (env->lines->len));
        set_figure (self, "avg-rate-detail", g_strdup (""));
      }
      break;
    case TRJ_UNIT_CONTRACTS:
    case TRJ_N_UNITS:
    default:
      set_figure (self, "capacity", isfinite (r->capacity)
                  ? g_strdup_printf (ngettext ("%s contract", "%s contracts", (gulong) MAX (r->capacity, 0)),
                                     capacity)
                  : g_strdup (capacity));
      set_figure (self, "capacity-detail",
                  g_strdup_printf (_("programmed %s, notified %s"), volume, volume_notified));
      set_figure (self, "avg-rate", trj_gui_percent (r->avg_rate, 1));
      set_figure (self, "avg-rate-detail", isfinite (r->avg_hours)
                  ? g_strdup_printf (_("%s h · %s months · %s cofinanced"), hours, duration, cofinancing)
                  : g_strdup (""));
      break;
    }

  update_circular_shares (self, r);
  update_alerts (self, index);
}

static void
document_updated_cb (TrjEnvelopePage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update_figures (self);
      update_side_chart (self);
    }
}

/* The monthly profiles of « Appliquer un profil », in the order of the
 * preferences' "default-entry-profile" enum (TrjEntryProfile). */
static const struct {
  const char *name;
  double weights[TRJ_MONTHS];
} profiles[] = {
  { "uniform", { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "first-half", { 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1 } },
  { "second-half", { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 } },
  /* Autumn: most entries with the school and training year. */
  { "autumn", { 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 1, 1 } },
};

/* ── Lines ───────────────────────────────────────────────────────────── */

static TrjGrid *
visible_grid (TrjEnvelopePage *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->grids_stack), "entries")
         ? trj_envelope_page_get_entries_grid (self) : self->lines_grid;
}

static guint
cursor_row (TrjEnvelopePage *self)
{
  guint row = 0, column = 0;

  trj_grid_get_cursor (visible_grid (self), &row, &column);
  return row;
}

const TrjLine *
trj_envelope_page_get_cursor_line (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return trj_envelope_model_get_line (TRJ_ENVELOPE_MODEL (self->lines_model), cursor_row (self));
}

static TrjWorkbook *
workbook (TrjEnvelopePage *self)
{
  return trj_document_get_workbook (self->document);
}

/* Puts the cursor of both grids on a line, once the grids know about it. */
static void
move_cursor_to_line (TrjEnvelopePage *self, const char *line_id)
{
  int row = trj_envelope_model_find_row (TRJ_ENVELOPE_MODEL (self->lines_model), line_id);
  guint r, column;

  if (row < 0)
    return;
  trj_grid_get_cursor (self->lines_grid, &r, &column);
  trj_grid_set_cursor (self->lines_grid, row, column);
  if (self->entries_grid != NULL)
    {
      trj_grid_get_cursor (self->entries_grid, &r, &column);
      trj_grid_set_cursor (self->entries_grid, row, column);
    }
}

/* Payment lag and monthly profile of a new contract line, from the preferences
 * (the workbook gives the year's averages, lag 1, uniform). */
static gboolean
apply_new_line_defaults (TrjEnvelopePage *self, const char *line_id, GError **error)
{
  g_autoptr(GSettings) settings = trj_settings_new ();
  gint64 scenario = trj_document_get_scenario_id (self->document);
  int lag, profile;

  if (settings == NULL)
    return TRUE;
  lag = g_settings_get_int (settings, "default-payment-lag");
  profile = g_settings_get_enum (settings, "default-entry-profile");
  if (lag != 1 && !trj_workbook_set_line_number (workbook (self), scenario, line_id,
                                                 TRJ_LINE_FIELD_PAYMENT_LAG_MONTHS, lag, error))
    return FALSE;
  /* A volume typed later is spread along the profile. */
  if (profile > 0 && profile < (int) G_N_ELEMENTS (profiles)
      && (!trj_workbook_set_line_number (workbook (self), scenario, line_id,
                                         TRJ_LINE_FIELD_ENTRIES_MODE, TRJ_ENTRIES_VOLUME, error)
          || !trj_workbook_set_line_months (workbook (self), scenario, line_id, TRJ_LINE_MONTHS_PROFILE,
                                            profiles[profile].weights, error)))
    return FALSE;
  return TRUE;
}

gboolean
trj_envelope_page_add_line (TrjEnvelopePage *self, GError **error)
{
  const TrjEnvelope *env;
  const TrjLine *current;
  TrjLineKind kind;
  g_autofree char *id = NULL;
  guint n_lines;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);

  env = trj_document_get_envelope (self->document, self->envelope_id);
  n_lines = env != NULL ? env->lines->len : 0;
  current = trj_envelope_page_get_cursor_line (self);
  /* A new line is like the one under the cursor, or of the envelope's first kind. */
  if (current != NULL)
    kind = current->kind;
  else
    kind = trj_catalog_envelope_default_kind (self->envelope_id);

  /* The line and the preferences' defaults for new lines make one undo step. */
  trj_workbook_begin_batch (workbook (self), _("Add a line"));
  id = trj_workbook_add_line (workbook (self), trj_document_get_scenario_id (self->document),
                              self->envelope_id, kind,
                              current != NULL ? (int) MIN (cursor_row (self) + 1, n_lines) : -1, error);
  if (id == NULL || (trj_kind_shape (kind) == TRJ_LINE_SHAPE_CONTRACT
                     && !apply_new_line_defaults (self, id, error)))
    {
      trj_workbook_cancel_batch (workbook (self));
      return FALSE;
    }
  if (!trj_workbook_end_batch (workbook (self), error))
    return FALSE;
  move_cursor_to_line (self, id);
  return TRUE;
}

gboolean
trj_envelope_page_duplicate_line (TrjEnvelopePage *self, GError **error)
{
  const TrjLine *line;
  g_autofree char *id = NULL;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);

  if ((line = trj_envelope_page_get_cursor_line (self)) == NULL)
    return TRUE;
  id = trj_workbook_duplicate_line (workbook (self), trj_document_get_scenario_id (self->document),
                                    line->id, error);
  if (id == NULL)
    return FALSE;
  move_cursor_to_line (self, id);
  return TRUE;
}

GtkWindow *
trj_envelope_page_edit_note (TrjEnvelopePage *self)
{
  const TrjLine *line;
  GtkWindow *dialog;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);

  if ((line = trj_envelope_page_get_cursor_line (self)) == NULL)
    return NULL;
  /* A cell being typed is committed first, as leaving it would. */
  if (!trj_envelope_page_commit_edit (self))
    return NULL;
  line = trj_envelope_page_get_cursor_line (self);
  if (line == NULL)
    return NULL;
  dialog = trj_note_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), workbook (self),
                                trj_document_get_scenario_id (self->document), line->id, line->label,
                                line->note);
  gtk_window_present (dialog);
  return dialog;
}

gboolean
trj_envelope_page_remove_line (TrjEnvelopePage *self, GError **error)
{
  const TrjLine *line;
  g_autofree char *id = NULL;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);

  if ((line = trj_envelope_page_get_cursor_line (self)) == NULL)
    return TRUE;
  /* The snapshot is replaced by the edit: keep the id. */
  id = g_strdup (line->id);
  return trj_workbook_remove_line (workbook (self), trj_document_get_scenario_id (self->document),
                                   id, error);
}

GtkWindow *
trj_envelope_page_solve (TrjEnvelopePage *self)
{
  const TrjLine *line;
  GtkWindow *dialog;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);

  line = trj_envelope_page_get_cursor_line (self);
  if (line == NULL || trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
    return NULL;
  dialog = GTK_WINDOW (trj_solver_dialog_new (self->document, line->id));
  gtk_window_set_transient_for (dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (dialog);
  return dialog;
}

GtkWindow *
trj_envelope_page_solve_envelope (TrjEnvelopePage *self)
{
  GtkWindow *dialog;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);

  dialog = GTK_WINDOW (trj_solver_dialog_new_for_envelope (self->document, self->envelope_id));
  gtk_window_set_transient_for (dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (dialog);
  return dialog;
}

/* ── Monthly entries helpers ─────────────────────────────────────────── */

/* Calls `apply` on each selected line of the entries grid inside one batch. */
typedef gboolean (*LineEdit) (TrjEnvelopePage *self, const TrjLine *line,
                              gconstpointer data, GError **error);

static gboolean
edit_selected_lines (TrjEnvelopePage *self,
                     const char      *label,
                     LineEdit         edit,
                     gconstpointer    data,
                     GError         **error)
{
  /* Both grids have the lines as rows; the lines model always exists. */
  TrjEnvelopeModel *model = TRJ_ENVELOPE_MODEL (self->lines_model);
  guint first_row, first_column, n_rows, n_columns;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  trj_grid_get_selection (visible_grid (self), &first_row, &first_column, &n_rows, &n_columns);
  /* Ids first, lines looked up again for each edit: a snapshot never
   * outlives the edit that replaces it. */
  for (guint row = first_row; row < first_row + n_rows; row++)
    {
      const TrjLine *line = trj_envelope_model_get_line (model, row);

      /* A free line's months are its CP, typed one by one. */
      if (line != NULL && trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_FREE)
        g_ptr_array_add (ids, g_strdup (line->id));
    }
  if (ids->len == 0)
    return TRUE;

  trj_workbook_begin_batch (workbook (self), label);
  for (guint i = 0; i < ids->len; i++)
    {
      const TrjLine *line = trj_scenario_find_line (trj_document_get_scenario (self->document),
                                                    ids->pdata[i], NULL);

      if (!edit (self, line, data, error))
        {
          trj_workbook_cancel_batch (workbook (self));
          return FALSE;
        }
    }
  return trj_workbook_end_batch (workbook (self), error);
}

/* entries = volume × profile / Σ profile, the line's volume unchanged; a
 * post-aid line takes the profile as its payment profile (MODEL 3: the share
 * of its year paid each month, its hirings for GEIQ), its ETP unchanged. */
static gboolean
set_profile (TrjEnvelopePage *self, const TrjLine *line, gconstpointer data, GError **error)
{
  const double *profile = data;
  double volume = trj_line_volume (line), sum = 0, entries[TRJ_MONTHS];

  for (int m = 0; m < TRJ_MONTHS; m++)
    sum += profile[m];
  if (sum <= 0)
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                           _("The profile of the line has no entries to copy"));
      return FALSE;
    }
  if (trj_kind_shape (line->kind) == TRJ_LINE_SHAPE_POST_AID)
    return trj_workbook_set_line_months (workbook (self), trj_document_get_scenario_id (self->document),
                                         line->id, TRJ_LINE_MONTHS_PAYMENT_PROFILE, profile, error);
  for (int m = 0; m < TRJ_MONTHS; m++)
    entries[m] = volume * profile[m] / sum;
  return trj_workbook_set_line_months (workbook (self), trj_document_get_scenario_id (self->document),
                                       line->id, TRJ_LINE_MONTHS_ENTRIES, entries, error);
}

gboolean
trj_envelope_page_apply_profile (TrjEnvelopePage *self,
                                 const double     profile[TRJ_MONTHS],
                                 GError         **error)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);
  return edit_selected_lines (self, _("Apply a profile"), set_profile, profile, error);
}

gboolean
trj_envelope_page_copy_profile (TrjEnvelopePage *self, GError **error)
{
  const TrjLine *source;
  double profile[TRJ_MONTHS];

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);

  if ((source = trj_envelope_page_get_cursor_line (self)) == NULL
      || trj_kind_shape (source->kind) == TRJ_LINE_SHAPE_FREE)
    return TRUE;
  memcpy (profile, trj_kind_shape (source->kind) == TRJ_LINE_SHAPE_POST_AID ? source->payment_profile
                                                                              : source->entries,
          sizeof profile);
  return edit_selected_lines (self, _("Copy a profile"), set_profile, profile, error);
}

GtkWidget *
trj_envelope_page_get_side_chart (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return GTK_WIDGET (self->side_chart);
}

void
trj_envelope_page_show_side_chart (TrjEnvelopePage *self, gboolean show)
{
  g_return_if_fail (TRJ_IS_ENVELOPE_PAGE (self));
  gtk_toggle_button_set_active (self->side_chart_button, show);
}

gboolean
trj_envelope_page_save_profile (TrjEnvelopePage *self, const char *name, GError **error)
{
  const TrjLine *source;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);

  if ((source = trj_envelope_page_get_cursor_line (self)) == NULL
      || trj_kind_shape (source->kind) != TRJ_LINE_SHAPE_CONTRACT)
    {
      g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID,
                           _("Put the cursor on a line of contracts to save its profile"));
      return FALSE;
    }
  return trj_workbook_save_profile (workbook (self), name, source->entries, error);
}

gboolean
trj_envelope_page_apply_saved_profile (TrjEnvelopePage *self, const char *name, GError **error)
{
  GPtrArray *saved = trj_workbook_get_profiles (workbook (self));

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);

  for (guint i = 0; i < saved->len; i++)
    {
      const TrjSavedProfile *profile = g_ptr_array_index (saved, i);

      if (g_str_equal (profile->name, name))
        return edit_selected_lines (self, _("Apply a profile"), set_profile, profile->weights, error);
    }
  g_set_error (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_INVALID, _("No profile is saved as “%s”"), name);
  return FALSE;
}

/* MODEL 2.7: every contract line of the envelope on the ramp whose slope
 * brings its CP of the year to the notified CP, volumes kept; one undo step. */
gboolean
trj_envelope_page_calibrate_profile (TrjEnvelopePage *self, gboolean *reached, GError **error)
{
  const TrjScenario *scenario;
  g_autoptr(TrjEnvelope) ramped = NULL;
  gint64 scenario_id;
  double slope;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), FALSE);

  scenario = trj_document_get_scenario (self->document);
  scenario_id = trj_document_get_scenario_id (self->document);
  if (!trj_engine_calibrate_profile (scenario, self->envelope_id, &slope, reached, error))
    return FALSE;
  ramped = trj_envelope_copy (trj_scenario_find_envelope (scenario, self->envelope_id));
  trj_envelope_set_ramp (ramped, slope);

  trj_workbook_begin_batch (workbook (self), _("Calibrate the profile on the notified CP"));
  for (guint l = 0; l < ramped->lines->len; l++)
    {
      const TrjLine *line = g_ptr_array_index (ramped->lines, l);
      gboolean volume_mode = line->entries_mode == TRJ_ENTRIES_VOLUME;

      if (trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
        continue;
      if (!trj_workbook_set_line_months (workbook (self), scenario_id, line->id,
                                         volume_mode ? TRJ_LINE_MONTHS_PROFILE : TRJ_LINE_MONTHS_ENTRIES,
                                         volume_mode ? line->profile : line->entries, error))
        {
          trj_workbook_cancel_batch (workbook (self));
          return FALSE;
        }
    }
  return trj_workbook_end_batch (workbook (self), error);
}

static void
show_toast (TrjEnvelopePage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void
report_error (TrjEnvelopePage *self, GError *error)
{
  show_toast (self, error->message);
}

static void
spread_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  static const double uniform[TRJ_MONTHS] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr(GError) error = NULL;

  if (!edit_selected_lines (TRJ_ENVELOPE_PAGE (widget), _("Spread uniformly"), set_profile, uniform, &error))
    report_error (TRJ_ENVELOPE_PAGE (widget), error);
}

static void
apply_profile_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  const char *name = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (g_str_equal (profiles[i].name, name)
        && !trj_envelope_page_apply_profile (TRJ_ENVELOPE_PAGE (widget), profiles[i].weights, &error))
      report_error (TRJ_ENVELOPE_PAGE (widget), error);
}

static void
copy_profile_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autoptr(GError) error = NULL;

  if (!trj_envelope_page_copy_profile (TRJ_ENVELOPE_PAGE (widget), &error))
    report_error (TRJ_ENVELOPE_PAGE (widget), error);
}

static void
apply_saved_profile_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autoptr(GError) error = NULL;

  if (!trj_envelope_page_apply_saved_profile (TRJ_ENVELOPE_PAGE (widget),
                                              g_variant_get_string (param, NULL), &error))
    report_error (TRJ_ENVELOPE_PAGE (widget), error);
}

static void
save_profile_response_cb (AdwMessageDialog *dialog, const char *response, TrjEnvelopePage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save")
      && !trj_envelope_page_save_profile (self, gtk_editable_get_text (entry), &error))
    report_error (self, error);
}

static void
save_profile_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (widget);
  const TrjLine *line = trj_envelope_page_get_cursor_line (self);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (line == NULL || trj_kind_shape (line->kind) != TRJ_LINE_SHAPE_CONTRACT)
    {
      show_toast (self, _("Put the cursor on a line of contracts to save its profile"));
      return;
    }
  body = g_strdup_printf (_("The monthly entries of “%s”, under a name: the « Spread » menu then applies them to other lines."),
                          line->label != NULL ? line->label : line->id);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Save the Profile"), body));
  gtk_entry_set_max_length (GTK_ENTRY (entry), TRJ_WORKBOOK_PROFILE_NAME_MAX);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the profile"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_profile_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* The saved profiles' section of the « Répartition » menu, after each save. */
static void
rebuild_saved_menu (TrjEnvelopePage *self)
{
  GPtrArray *saved = trj_workbook_get_profiles (workbook (self));

  g_menu_remove_all (self->saved_menu);
  g_menu_append (self->saved_menu, _("Save the Profile of the Line under the Cursor…"), "envelope.save-profile");
  for (guint i = 0; i < saved->len; i++)
    {
      const TrjSavedProfile *profile = g_ptr_array_index (saved, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (profile->name, NULL);

      g_menu_item_set_action_and_target_value (item, "envelope.apply-saved-profile",
                                               g_variant_new_string (profile->name));
      g_menu_append_item (self->saved_menu, item);
    }
  if (saved->len > 0)
    g_menu_append (self->saved_menu, _("Rename or Delete the Saved Profiles…"), "envelope.manage-profiles");
}

static void
manage_profiles_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (widget);

  gtk_window_present (trj_profiles_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                               workbook (self)));
}

static void
calibrate_profile_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean reached = TRUE;

  if (!trj_envelope_page_calibrate_profile (self, &reached, &error))
    report_error (self, error);
  else if (!reached)
    /* Not an error: the profile is the bound nearest the notified CP. */
    show_toast (self, _("No slope between −1 and 1 brings the CP of the year to the notified CP: the profile takes the nearest bound"));
}

static void
show_entries_activated (GtkWidget *widget, const char *action_name, GVariant *param)
{
  trj_envelope_page_show_entries (TRJ_ENVELOPE_PAGE (widget), g_variant_get_boolean (param));
}

static void
grid_switched_cb (TrjEnvelopePage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->grids_stack);
  gboolean entries = name != NULL && g_str_equal (name, "entries");
  guint row, column, r, c;

  TrjGrid *from, *to;

  gtk_widget_set_visible (self->entries_tools, entries);
  gtk_widget_set_visible (self->columns_button, name != NULL && g_str_equal (name, "lines")
                                                && self->lines_model != NULL
                                                && trj_lines_model_has_optional (self->lines_model));
  if (self->subtotals_model != NULL)
    trj_subtotals_model_set_active (self->subtotals_model, g_strcmp0 (name, "subtotals") == 0);
  if (self->lines_grid == NULL || name == NULL)
    return;
  if (g_str_equal (name, "realised"))
    {
      trj_envelope_page_get_realised_grid (self);
      trj_grid_get_cursor (self->lines_grid, &row, &column);
      trj_grid_get_cursor (self->realised_grid, &r, &c);
      trj_grid_set_cursor (self->realised_grid, row, c);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self->realised_grid));
      return;
    }
  if (g_str_equal (name, "subtotals"))
    {
      trj_envelope_page_get_subtotals_grid (self);
      trj_subtotals_model_set_active (self->subtotals_model, TRUE);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self->subtotals_grid));
      return;
    }
  /* Both grids show the same lines: keep the same line under the cursor. */
  from = entries ? self->lines_grid : self->entries_grid;
  to = entries ? trj_envelope_page_get_entries_grid (self) : self->lines_grid;
  if (from == NULL)
    return;
  trj_grid_get_cursor (from, &row, &column);
  trj_grid_get_cursor (to, &r, &c);
  trj_grid_set_cursor (to, row, c);
  /* Chosen with the switcher's buttons: the grid shown takes the keyboard
   * from them, as the one hidden had it. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (to));
}

gboolean
trj_envelope_page_commit_edit (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), TRUE);

  for (guint i = 0; i < 3; i++)
    {
      TrjGrid *grid = i == 0 ? self->lines_grid : i == 1 ? self->entries_grid : self->realised_grid;

      if (grid != NULL && trj_grid_is_editing (grid) && !trj_grid_commit_edit (grid))
        return FALSE;
    }
  return TRUE;
}

/* The page's keyboard is its visible grid's (see trj-window-focus.c). */
static gboolean
trj_envelope_page_grab_focus (GtkWidget *widget)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (widget);
  const char *name = gtk_stack_get_visible_child_name (self->grids_stack);
  GtkWidget *grid = GTK_WIDGET (g_strcmp0 (name, "entries") == 0 ? trj_envelope_page_get_entries_grid (self)
                                : g_strcmp0 (name, "subtotals") == 0 ? trj_envelope_page_get_subtotals_grid (self)
                                : g_strcmp0 (name, "realised") == 0 ? trj_envelope_page_get_realised_grid (self)
                                : self->lines_grid);

  return grid != NULL && gtk_widget_grab_focus (grid);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

/* A menu button's popover menu is built, every item's widgets with it, when
 * its model is set: the page's are set after its first frame, or when a
 * button is opened before. */
static void
menu_popup_needed (GtkMenuButton *button, gpointer model)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

static gboolean
set_menus_cb (gpointer data)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (data);

  self->menus_source = 0;
  menu_popup_needed (GTK_MENU_BUTTON (self->entries_tools), self->entries_menu);
  menu_popup_needed (GTK_MENU_BUTTON (self->ddets_button), self->ddets_menu);
  return G_SOURCE_REMOVE;
}

static void
first_frame_painted_cb (GdkFrameClock *clock, TrjEnvelopePage *self)
{
  g_clear_signal_handler (&self->first_paint_handler, clock);
  if (self->menus_source == 0 && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (self->entries_tools)) == NULL)
    self->menus_source = g_idle_add (set_menus_cb, self);
}

static void
trj_envelope_page_map (GtkWidget *widget)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (widget);

  GTK_WIDGET_CLASS (trj_envelope_page_parent_class)->map (widget);
  if (self->first_paint_handler == 0 && self->menus_source == 0
      && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (self->entries_tools)) == NULL)
    self->first_paint_handler = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                                  G_CALLBACK (first_frame_painted_cb), self);
}

static void
trj_envelope_page_unmap (GtkWidget *widget)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (widget);

  if (self->first_paint_handler != 0)
    g_clear_signal_handler (&self->first_paint_handler, gtk_widget_get_frame_clock (widget));
  GTK_WIDGET_CLASS (trj_envelope_page_parent_class)->unmap (widget);
}

static void
trj_envelope_page_dispose (GObject *object)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_handle_id (&self->menus_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRJ_TYPE_ENVELOPE_PAGE);
  /* A bin-layout widget owns its template's top widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->lines_grid = NULL;
  self->entries_grid = NULL;
  self->realised_grid = NULL;
  self->subtotals_grid = NULL;
  self->group_dropdown = NULL;
  g_clear_object (&self->lines_model);
  g_clear_object (&self->entries_model);
  g_clear_object (&self->realised_model);
  g_clear_object (&self->subtotals_model);
  g_clear_object (&self->document);
  g_clear_object (&self->saved_menu);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->figure_labels, g_hash_table_unref);
  g_clear_pointer (&self->figure_card_widgets, g_hash_table_unref);

  G_OBJECT_CLASS (trj_envelope_page_parent_class)->dispose (object);
}

static void
trj_envelope_page_finalize (GObject *object)
{
  TrjEnvelopePage *self = TRJ_ENVELOPE_PAGE (object);

  g_free (self->envelope_id);
  G_OBJECT_CLASS (trj_envelope_page_parent_class)->finalize (object);
}

/* ── IAE structures (MODEL 3.1, 3.2) ─────────────────────────────────── */

static GtkWindow *
present_over_page (TrjEnvelopePage *self, GtkWindow *window)
{
  gtk_window_set_transient_for (window, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (window);
  return window;
}

GtkWindow *
trj_envelope_page_open_structures (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return present_over_page (self, GTK_WINDOW (trj_structures_window_new (self->document, self->envelope_id)));
}

/* « Allocations des DDETS… », « CAOM… » (issue 16). */
GtkWindow *
trj_envelope_page_open_share (TrjEnvelopePage *self, gboolean caom)
{
  GtkWindow *parent;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  return present_over_page (self, GTK_WINDOW (trj_share_window_new (parent, self->document, self->envelope_id,
                                                                    caom ? TRJ_SHARE_CAOM : TRJ_SHARE_ALLOCATIONS)));
}

GtkWindow *
trj_envelope_page_open_bourse (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return present_over_page (self, GTK_WINDOW (trj_bourse_window_new (self->document, self->envelope_id)));
}

/* ── Notification ────────────────────────────────────────────────────── */

static const struct {
  const char *name;
  TrjEnvelopeField field;
} notification_fields[] = {
  { "ae", TRJ_ENVELOPE_FIELD_AE_NOTIFIED },
  { "cp", TRJ_ENVELOPE_FIELD_CP_NOTIFIED },
  { "volume", TRJ_ENVELOPE_FIELD_VOLUME_NOTIFIED },
  { "previous-modulation", TRJ_ENVELOPE_FIELD_PREVIOUS_MODULATION_CP },
};

/* "1 234 567", "1 234 567 €", "12,5": a figure, never negative. */
static gboolean
parse_figure (const char *text, double *value)
{
  g_autoptr(GString) clean = g_string_new (text);

  g_string_replace (clean, "€", "", 0);
  g_strstrip (clean->str);
  return trj_parse_number (clean->str, value) && *value >= 0;
}

static void
notification_response_cb (AdwMessageDialog *dialog, const char *response, TrjEnvelopePage *self)
{
  TrjWorkbook *wb = workbook (self);
  gint64 scenario = trj_document_get_scenario_id (self->document);
  double values[G_N_ELEMENTS (notification_fields)];
  GtkWidget *entries[G_N_ELEMENTS (notification_fields)];
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply"))
    return;
  /* Every figure read before any is written: a mistyped one writes nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (notification_fields); i++)
    {
      entries[i] = g_object_get_data (G_OBJECT (dialog), notification_fields[i].name);
      if (entries[i] == NULL || !gtk_widget_get_visible (entries[i]))
        continue;
      if (!parse_figure (gtk_editable_get_text (GTK_EDITABLE (entries[i])), &values[i]))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not an amount: the notification is unchanged"),
                                                      gtk_editable_get_text (GTK_EDITABLE (entries[i])));

          show_toast (self, message);
          return;
        }
    }
  trj_workbook_begin_batch (wb, _("Change the notification"));
  for (guint i = 0; i < G_N_ELEMENTS (notification_fields); i++)
    if (entries[i] != NULL && gtk_widget_get_visible (entries[i])
        && !trj_workbook_set_envelope_number (wb, scenario, self->envelope_id, notification_fields[i].field,
                                              values[i], &error))
      {
        trj_workbook_cancel_batch (wb);
        report_error (self, error);
        return;
      }
  if (!trj_workbook_end_batch (wb, &error))
    report_error (self, error);
}

static void
notification_row (GtkGrid *grid, AdwMessageDialog *dialog, guint row, const char *name,
                  const char *title, double value, gboolean money)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = trj_format_number (value, money ? 0 : 2);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_widget_set_name (entry, name);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, label, 0, (int) row, 1, 1);
  gtk_grid_attach (grid, entry, 1, (int) row, 1, 1);
  g_object_set_data (G_OBJECT (dialog), name, entry);
}

GtkWindow *
trj_envelope_page_edit_notification (TrjEnvelopePage *self)
{
  const TrjEnvelope *env;
  const TrjCatalogEnvelope *known;
  TrjUnit unit;
  gboolean iae = FALSE;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *grid = gtk_grid_new ();
  guint row = 0;

  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);

  if ((env = trj_document_get_envelope (self->document, self->envelope_id)) == NULL)
    return NULL;
  known = trj_catalog_envelope (self->envelope_id);
  unit = known != NULL ? known->unit : TRJ_UNIT_CONTRACTS;
  for (guint i = 0; known != NULL && i < known->n_kinds; i++)
    iae |= trj_catalog_kind (known->kinds[i])->iae;
  /* TRANSLATORS: heading of the dialog, "Notification — GEIQ" */
  heading = g_strdup_printf (_("Notification — %s"), trj_catalog_envelope_title (self->envelope_id));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading,
                                                       _("The amounts notified to the region: the margins and capacities follow. One undo step.")));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  notification_row (GTK_GRID (grid), dialog, row++, "ae", _("_AE notified (€)"), env->ae_notified, TRUE);
  notification_row (GTK_GRID (grid), dialog, row++, "cp", _("_CP notified (€)"), env->cp_notified, TRUE);
  if (unit != TRJ_UNIT_EUROS)
    notification_row (GTK_GRID (grid), dialog, row++, "volume",
                      unit == TRJ_UNIT_ETP ? _("_Volume notified (ETP)")
                      : unit == TRJ_UNIT_AIDS ? _("_Volume notified (aids)") : _("_Volume notified (contracts)"),
                      env->volume_notified, FALSE);
  if (iae)
    notification_row (GTK_GRID (grid), dialog, row++, "previous-modulation",
                      _("_Last year’s modulated part paid this year (€)"), env->previous_modulation_cp, TRUE);
  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (notification_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (dialog), "ae"));
  return GTK_WINDOW (dialog);
}

static void
share_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  trj_envelope_page_open_share (TRJ_ENVELOPE_PAGE (widget), g_str_equal (action, "envelope.caom"));
}

static void
structures_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  trj_envelope_page_open_structures (TRJ_ENVELOPE_PAGE (widget));
}

static void
bourse_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  trj_envelope_page_open_bourse (TRJ_ENVELOPE_PAGE (widget));
}

static void
trj_envelope_page_class_init (TrjEnvelopePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (TRJ_TYPE_CHART_VIEW);
  object_class->dispose = trj_envelope_page_dispose;
  widget_class->map = trj_envelope_page_map;
  widget_class->unmap = trj_envelope_page_unmap;
  object_class->finalize = trj_envelope_page_finalize;

  g_type_ensure (TRJ_TYPE_ALERT_LIST);
  g_type_ensure (TRJ_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/gouv/travail/Trajectoire/trj-envelope-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, figures);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, alerts_box);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, entries_tools);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, entries_menu);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, ddets_menu);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, structure_tools);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, solve_envelope_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, ddets_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, solve_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, columns_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, structures_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, bourse_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, notification_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, add_line_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, duplicate_line_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, remove_line_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, circular_shares);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, side_chart);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, side_chart_button);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, grids_stack);
  gtk_widget_class_bind_template_child (widget_class, TrjEnvelopePage, grids_switcher);
  gtk_widget_class_bind_template_callback (widget_class, grid_switched_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  widget_class->grab_focus = trj_envelope_page_grab_focus;

  gtk_widget_class_install_action (widget_class, "envelope.spread", NULL, spread_activated);
  gtk_widget_class_install_action (widget_class, "envelope.apply-profile", "s", apply_profile_activated);
  gtk_widget_class_install_action (widget_class, "envelope.copy-profile", NULL, copy_profile_activated);
  gtk_widget_class_install_action (widget_class, "envelope.show-entries", "b", show_entries_activated);
  gtk_widget_class_install_action (widget_class, "envelope.calibrate-profile", NULL, calibrate_profile_activated);
  gtk_widget_class_install_action (widget_class, "envelope.save-profile", NULL, save_profile_activated);
  gtk_widget_class_install_action (widget_class, "envelope.manage-profiles", NULL, manage_profiles_activated);
  gtk_widget_class_install_action (widget_class, "envelope.apply-saved-profile", "s", apply_saved_profile_activated);
  gtk_widget_class_install_action (widget_class, "envelope.structures", NULL, structures_activated);
  gtk_widget_class_install_action (widget_class, "envelope.allocations", NULL, share_activated);
  gtk_widget_class_install_action (widget_class, "envelope.caom", NULL, share_activated);
  gtk_widget_class_install_action (widget_class, "envelope.bourse", NULL, bourse_activated);
}

static void
trj_envelope_page_init (TrjEnvelopePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trj_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  /* Here rather than in the template: trj-tooltip.h. */
  trj_tooltip_set_text (self->structures_button,
                        _("The register of the structures: SIRET, last year’s ETP, conventionnement base, "
                          "realised ETP"));
  trj_tooltip_set_text (self->bourse_button, _("Moves ETP from the structures that under-consume to others"));
  trj_tooltip_set_text (self->ddets_button,
                        _("The envelope’s allocations to the DDETS and the CAOM; the files of the DDETS"));
  trj_tooltip_set_text (self->notification_button,
                        _("The AE, CP and volume notified to the region for this envelope"));
  trj_tooltip_set_text (GTK_WIDGET (self->side_chart_button), _("Show the Trajectory beside the Grid"));
  trj_tooltip_set_text (self->solve_envelope_button,
                        _("Finds one value for every contract line of the envelope that reaches a target "
                          "(Shift+Ctrl+J)"));
  trj_tooltip_set_text (self->entries_tools, _("Spreads the volume of the selected lines over the months"));
  trj_tooltip_set_text (self->columns_button,
                        _("Shows or hides the columns of the publics, the renewals and the justification"));
  trj_tooltip_set_text (self->add_line_button, _("Add a Line (Insert)"));
  trj_tooltip_set_text (self->duplicate_line_button, _("Duplicate the Line (Shift+Ctrl+D)"));
  trj_tooltip_set_text (self->remove_line_button, _("Remove the Line (Ctrl+Delete)"));
  trj_tooltip_set_text (self->solve_button,
                        _("Finds the value of one parameter of the line that reaches a target (Ctrl+J)"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->entries_tools), menu_popup_needed,
                                         self->entries_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->ddets_button), menu_popup_needed,
                                         self->ddets_menu, NULL);
  self->figure_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->figure_card_widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build_figures (self);
}

static GtkWidget *
grid_new (TrjGridModel *model, const char *accessible_label)
{
  GtkWidget *grid = trj_grid_new ();

  trj_grid_set_model (TRJ_GRID (grid), model);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return grid;
}

static const char *
entries_title (const char *envelope_id)
{
  const TrjCatalogEnvelope *known = trj_catalog_envelope (envelope_id);

  switch (known != NULL ? known->unit : TRJ_UNIT_CONTRACTS)
    {
    case TRJ_UNIT_ETP:
      return _("Monthly ETP");
    case TRJ_UNIT_AIDS:
      return _("Monthly Hirings");
    case TRJ_UNIT_EUROS:
      return _("CP Schedule");
    case TRJ_UNIT_CONTRACTS:
    case TRJ_N_UNITS:
    default:
      return _("Monthly Entries");
    }
}

/* ── Optional columns (MODEL 2.8) ───────────────────────────────────── */

/* The grid takes the model's new columns, the cursor on the same line and,
 * the optional columns being last, on the same column when it is still there. */
static void
reset_lines_columns (TrjEnvelopePage *self)
{
  guint row = 0, column = 0, n;

  trj_grid_get_cursor (self->lines_grid, &row, &column);
  trj_grid_set_model (self->lines_grid, NULL);
  trj_grid_set_model (self->lines_grid, TRJ_GRID_MODEL (self->lines_model));
  n = trj_grid_model_get_n_columns (TRJ_GRID_MODEL (self->lines_model));
  trj_grid_set_cursor (self->lines_grid, row, MIN (column, n > 0 ? n - 1 : 0));
}

/* Shows the optional columns the settings name; TRUE when any changed. */
static gboolean
read_lines_columns (TrjEnvelopePage *self)
{
  g_auto(GStrv) names = self->settings != NULL ? g_settings_get_strv (self->settings, "lines-columns") : NULL;
  gboolean changed = FALSE;

  for (TrjLinesColumn f = TRJ_LINES_FIRST_OPTIONAL; f < TRJ_N_LINES_FIELDS; f++)
    {
      gboolean shown = names != NULL && g_strv_contains ((const char * const *) names,
                                                         trj_lines_model_optional_name (f));
      GtkCheckButton *check = self->column_checks[f - TRJ_LINES_FIRST_OPTIONAL];

      if (trj_lines_model_get_shown (self->lines_model, f) != shown)
        {
          trj_lines_model_set_shown (self->lines_model, f, shown);
          changed = TRUE;
        }
      if (check != NULL && gtk_check_button_get_active (check) != shown)
        gtk_check_button_set_active (check, shown);
    }
  return changed;
}

static void
lines_columns_changed_cb (TrjEnvelopePage *self)
{
  if (read_lines_columns (self))
    reset_lines_columns (self);
}

/* A check button toggled: the settings remember it for every page (each
 * page follows "changed::lines-columns"); without settings, this page alone. */
static void
column_toggled_cb (GtkCheckButton *check, TrjEnvelopePage *self)
{
  TrjLinesColumn field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "trj-field"));
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (trj_lines_model_get_shown (self->lines_model, field) == active)
    return;
  if (self->settings == NULL)
    {
      trj_lines_model_set_shown (self->lines_model, field, active);
      reset_lines_columns (self);
      return;
    }
  builder = g_strv_builder_new ();
  for (TrjLinesColumn f = TRJ_LINES_FIRST_OPTIONAL; f < TRJ_N_LINES_FIELDS; f++)
    if (f == field ? active : trj_lines_model_get_shown (self->lines_model, f))
      g_strv_builder_add (builder, trj_lines_model_optional_name (f));
  {
    g_auto(GStrv) names = g_strv_builder_end (builder);

    g_settings_set_strv (self->settings, "lines-columns", (const char * const *) names);
  }
}

static void
build_columns_popover (TrjEnvelopePage *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Optional columns"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_halign (heading, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (TrjLinesColumn f = TRJ_LINES_FIRST_OPTIONAL; f < TRJ_N_LINES_FIELDS; f++)
    {
      g_autofree char *title = trj_lines_model_optional_title (self->lines_model, f);
      GtkWidget *check = gtk_check_button_new_with_label (title);

      g_object_set_data (G_OBJECT (check), "trj-field", GINT_TO_POINTER (f));
      gtk_widget_set_name (check, trj_lines_model_optional_name (f));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), trj_lines_model_get_shown (self->lines_model, f));
      g_signal_connect (check, "toggled", G_CALLBACK (column_toggled_cb), self);
      self->column_checks[f - TRJ_LINES_FIRST_OPTIONAL] = GTK_CHECK_BUTTON (check);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->columns_button), popover);
}

GtkWidget *
trj_envelope_page_get_columns_button (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return self->columns_button;
}

GtkWidget *
trj_envelope_page_get_ddets_button (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  return self->ddets_button;
}

const char *
trj_envelope_page_get_circular_shares (TrjEnvelopePage *self)
{
  g_return_val_if_fail (TRJ_IS_ENVELOPE_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->circular_shares)))
    return NULL;
  return gtk_label_get_text (self->circular_shares);
}

TrjEnvelopePage *
trj_envelope_page_new (TrjDocument *document, const char *envelope_id)
{
  TrjEnvelopePage *self;

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (envelope_id != NULL, NULL);

  self = g_object_new (TRJ_TYPE_ENVELOPE_PAGE, NULL);
  self->document = g_object_ref (document);
  self->envelope_id = g_strdup (envelope_id);
  self->lines_model = trj_lines_model_new (document, envelope_id);
  retitle_figures (self);
  /* An envelope of structures (IAE) has its register and its bourse aux postes. */
  gtk_widget_set_visible (self->structure_tools,
                          trj_catalog_kind (trj_catalog_envelope_default_kind (envelope_id))->structure);
  /* The solver finds a contract line's rate, hours, duration, volume or
   * cofinancing (MODEL 2.5): no button where the envelope holds none, which
   * keeps the IAE page's bar beside the sidebar at 1280 px. */
  {
    const TrjCatalogEnvelope *known = trj_catalog_envelope (envelope_id);
    gboolean contracts = known == NULL || known->unit == TRJ_UNIT_CONTRACTS;

    gtk_widget_set_visible (self->solve_envelope_button, contracts);
    gtk_widget_set_visible (self->ddets_button, contracts);
    gtk_widget_set_visible (self->solve_button, contracts);
  }

  self->lines_grid = TRJ_GRID (grid_new (TRJ_GRID_MODEL (self->lines_model), _("Lines")));
  /* Right click, the Menu key or Maj+F10 on a line: what the toolbar does,
   * and the line's note (as a comment in a spreadsheet). */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenu) edit = g_menu_new ();
    g_autoptr(GMenu) note = g_menu_new ();

    g_menu_append (edit, _("_Add a Line"), "win.add-line");
    g_menu_append (edit, _("_Duplicate the Line"), "win.duplicate-line");
    g_menu_append (edit, _("_Remove the Line"), "win.remove-line");
    g_menu_append (note, _("_Note on the Line…"), "win.line-note");
    g_menu_append (note, _("Ad_just…"), "win.solve");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
    g_menu_append_section (menu, NULL, G_MENU_MODEL (note));
    trj_grid_set_context_menu (self->lines_grid, G_MENU_MODEL (menu));
  }
  gtk_stack_add_titled (self->grids_stack, GTK_WIDGET (self->lines_grid), "lines", _("Lines"));
  /* A free line's months are its CP schedule, a post-aid line's its ETP or
   * its hirings (MODEL 3). */
  gtk_stack_add_titled (self->grids_stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "entries",
                        entries_title (envelope_id));
  /* MODEL 3.2: the ASP's monthly declarations of each structure. */
  if (trj_catalog_kind (trj_catalog_envelope_default_kind (envelope_id))->structure)
    gtk_stack_add_titled (self->grids_stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "realised",
                          _("Realised ETP"));
  gtk_stack_add_titled (self->grids_stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "subtotals",
                        _("Subtotals"));
  /* Given its stack once the pages are there: GTK 4.8's switcher sets its
   * buttons' tooltips (trj-tooltip.h) for each page added, and again when
   * given the stack. */
  gtk_stack_switcher_set_stack (self->grids_switcher, self->grids_stack);

  /* Figures follow the grids: the document is already recomputed when this runs.
   * A page out of sight catches up when it is shown again. */
  g_signal_connect_swapped (document, "updated", G_CALLBACK (document_updated_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (update_figures), NULL);
  update_figures (self);

  self->saved_menu = g_menu_new ();
  g_menu_append_section (G_MENU (self->entries_menu),
                         _("Saved Profiles"), G_MENU_MODEL (self->saved_menu));
  g_signal_connect_object (workbook (self), "profiles-changed", G_CALLBACK (rebuild_saved_menu), self,
                           G_CONNECT_SWAPPED);
  rebuild_saved_menu (self);

  /* The toggle shows the chart; the settings remember it across pages and runs. */
  g_object_bind_property (self->side_chart_button, "active", self->side_chart, "visible",
                          G_BINDING_SYNC_CREATE);
  if ((self->settings = trj_settings_new ()) != NULL)
    g_settings_bind (self->settings, "show-side-chart", self->side_chart_button, "active",
                     G_SETTINGS_BIND_DEFAULT);
  /* MODEL 2.8: the optional columns of a contrats aidés grid, hidden by
   * default, as the settings remember them. */
  if (trj_lines_model_has_optional (self->lines_model))
    {
      if (read_lines_columns (self))
        reset_lines_columns (self);
      build_columns_popover (self);
      if (self->settings != NULL)
        g_signal_connect_object (self->settings, "changed::lines-columns",
                                 G_CALLBACK (lines_columns_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_set_visible (self->columns_button, TRUE);
    }
  g_signal_connect_swapped (self->side_chart, "notify::visible", G_CALLBACK (update_side_chart), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (update_side_chart), self);
  update_side_chart (self);
  return self;
}
