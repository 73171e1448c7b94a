/* trj-solver-dialog.c — see trj-solver-dialog.h */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-solver-dialog.h"
#include "trj-a11y.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"

struct _TrjSolverDialog
{
  AdwWindow parent_instance;

  AdwActionRow *line_row;
  AdwComboRow *unknown_row;
  AdwComboRow *target_kind_row;
  AdwEntryRow *target_row;
  AdwPreferencesGroup *group;
  AdwActionRow *profile_row;
  GtkSwitch *profile_switch;
  GtkLabel *value_label;
  GtkLabel *detail_label;
  GtkWidget *apply_button;
  /* The control whose description says the result (announce_result). */
  GtkWidget *described;

  TrjDocument *document;
  /* One of the two: the line solved alone, or the envelope whose contract
   * lines all take the value (MODEL 2.5). */
  char *line_id;
  char *envelope_id;
  gboolean has_solution;
  double value;
  /* What applying writes (trj_engine_solve_settle, trj_engine_solve_envelope). */
  TrjLine *settled;
  TrjEnvelopeSolution *solution;
};

G_DEFINE_FINAL_TYPE (TrjSolverDialog, trj_solver_dialog, ADW_TYPE_WINDOW)

/* The unknowns in the order of unknown_row, with their workbook field. */
static const struct {
  TrjUnknown unknown;
  TrjLineField field;
  const char *title;
} unknowns[] = {
  { TRJ_UNKNOWN_VOLUME, TRJ_LINE_FIELD_VOLUME, N_("Volume (contracts)") },
  { TRJ_UNKNOWN_RATE, TRJ_LINE_FIELD_RATE, N_("Rate") },
  { TRJ_UNKNOWN_HOURS, TRJ_LINE_FIELD_WEEKLY_HOURS, N_("Hours per week") },
  { TRJ_UNKNOWN_DURATION, TRJ_LINE_FIELD_DURATION_MONTHS, N_("Duration (months)") },
  { TRJ_UNKNOWN_COFINANCING, TRJ_LINE_FIELD_COFINANCED_SHARE, N_("Cofinanced share") },
};

static guint
selected_unknown (TrjSolverDialog *self)
{
  return MIN (adw_combo_row_get_selected (self->unknown_row), G_N_ELEMENTS (unknowns) - 1);
}

/* A value of an unknown in its unit, French-formatted. */
static char *
format_unknown (TrjUnknown unknown, double value)
{
  g_autofree char *number = NULL;

  switch (unknown)
    {
    case TRJ_UNKNOWN_RATE:
    case TRJ_UNKNOWN_COFINANCING:
      return trj_format_percent (value, 1);
    case TRJ_UNKNOWN_VOLUME:
      /* Contracts are whole (MODEL 2.4). */
      number = trj_format_number (value, 0);
      return g_strdup_printf (_("%s contracts"), number);
    case TRJ_UNKNOWN_HOURS:
      number = trj_format_number (value, 2);
      return g_strdup_printf (_("%s h per week"), number);
    case TRJ_UNKNOWN_DURATION:
      number = trj_format_number (value, 2);
      return g_strdup_printf (_("%s months"), number);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The volume factor over an envelope, "× 1,058". */
static char *
format_factor (double factor)
{
  g_autofree char *number = trj_format_number (factor, 3);

  /* TRANSLATORS: every volume of the envelope multiplied by this factor */
  return g_strdup_printf (_("× %s"), number);
}

/* The target typed, NAN for the envelope's available AE; FALSE when unreadable. */
static gboolean
read_target (TrjSolverDialog *self, double *target)
{
  *target = NAN;
  if (adw_combo_row_get_selected (self->target_kind_row) == 0)
    return TRUE;
  return trj_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->target_row)), target)
         && *target >= 0;
}

static void
show_no_solution (TrjSolverDialog *self, guint u, double target, const GError *error)
{
  TrjUnknown unknown = unknowns[u].unknown;
  g_autofree char *message = NULL;

  /* Over an envelope the volume is a factor: the engine's message names its range. */
  if (g_error_matches (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION) && isfinite (target)
      && !(self->envelope_id != NULL && unknown == TRJ_UNKNOWN_VOLUME))
    {
      double lo, hi;
      g_autofree char *lo_text = NULL, *hi_text = NULL, *target_text = trj_gui_money (target);

      trj_unknown_limits (unknown, &lo, &hi);
      lo_text = format_unknown (unknown, lo);
      hi_text = format_unknown (unknown, hi);
      /* TRANSLATORS: "between 0,0 % and 100,0 %, “Rate” cannot bring the envelope's AE to 6 813 468 €" */
      message = g_strdup_printf (_("Between %s and %s, “%s” cannot bring the envelope's AE to %s."),
                                 lo_text, hi_text, _(unknowns[u].title), target_text);
    }
  gtk_label_set_text (self->value_label, _("No solution"));
  gtk_label_set_text (self->detail_label, message != NULL ? message : error->message);
}

static void
preview_line (TrjSolverDialog *self, guint u, double target)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  TrjUnknown unknown = unknowns[u].unknown;
  const TrjLine *line = trj_scenario_find_line (scenario, self->line_id, NULL);
  g_autoptr(GError) error = NULL;
  double target_out = NAN, ae_total = NAN;

  if (line == NULL)
    {
      gtk_label_set_text (self->value_label, _("This line no longer exists."));
      gtk_label_set_text (self->detail_label, "");
    }
  else if (!trj_engine_solve (scenario, self->line_id, unknown, target,
                              &self->value, &target_out, &ae_total, &error) ||
           !trj_engine_solve_settle (scenario, self->line_id, unknown, self->value, target_out,
                                     &self->settled, &ae_total, &error))
    show_no_solution (self, u, isfinite (target_out) ? target_out : target, error);
  else
    {
      g_autofree char *value_text = NULL;
      g_autofree char *current_text = format_unknown (unknown, trj_line_get_unknown (line, unknown));
      g_autofree char *ae_text = trj_gui_money (ae_total);
      g_autofree char *target_text = trj_gui_money (target_out);
      g_autofree char *value_line = NULL;
      g_autofree char *detail = g_strdup_printf (_("Currently %s. Programmed AE of the envelope with this value: %s (target %s)."),
                                                 current_text, ae_text, target_text);

      /* What is shown is what « Apply » writes. */
      self->value = trj_line_get_unknown (self->settled, unknown);
      value_text = format_unknown (unknown, self->value);
      value_line = g_strdup_printf (_("%s: %s"), _(unknowns[u].title), value_text);
      self->has_solution = TRUE;
      gtk_label_set_text (self->value_label, value_line);
      gtk_label_set_text (self->detail_label, detail);
    }
}

static void
preview_envelope (TrjSolverDialog *self, guint u, double target)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  TrjUnknown unknown = unknowns[u].unknown;
  gboolean with_cp = gtk_switch_get_active (self->profile_switch);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *value_text = NULL, *value_line = NULL;
  g_autofree char *ae_text = NULL, *target_text = NULL;
  const TrjEnvelopeSolution *sol;

  self->solution = trj_engine_solve_envelope (scenario, self->envelope_id, unknown, target,
                                              with_cp, NAN, &error);
  if ((sol = self->solution) == NULL)
    {
      show_no_solution (self, u, target, error);
      return;
    }
  self->value = sol->value;
  if (unknown == TRJ_UNKNOWN_VOLUME)
    {
      g_autofree char *factor = format_factor (sol->value);
      double contracts = 0;

      for (guint l = 0; l < sol->lines->len; l++)
        contracts += trj_line_volume (g_ptr_array_index (sol->lines, l));
      /* Whole contracts on every line (MODEL 2.5). */
      value_text = format_unknown (unknown, round (contracts));
      value_line = g_strdup_printf (_("Volumes: %s (%s in all)"), factor, value_text);
    }
  else
    {
      value_text = format_unknown (unknown, sol->value);
      value_line = g_strdup_printf (_("%s: %s"), _(unknowns[u].title), value_text);
    }
  ae_text = trj_gui_money (sol->ae_total);
  target_text = trj_gui_money (sol->ae_target);
  g_string_printf (detail, ngettext ("For its %u contract line: programmed AE of the envelope %s (target %s).",
                                     "For its %u contract lines: programmed AE of the envelope %s (target %s).",
                                     sol->lines->len),
                   sol->lines->len, ae_text, target_text);
  if (with_cp)
    {
      g_autofree char *cp_text = trj_gui_money (sol->cp_total);
      g_autofree char *cp_target_text = trj_gui_money (sol->cp_target);
      g_autofree char *slope_text = trj_format_number (sol->slope, 2);

      g_string_append_c (detail, ' ');
      g_string_append_printf (detail, _("CP of the year %s (available %s), entry profile slope %s."),
                              cp_text, cp_target_text, slope_text);
      if (!sol->cp_reached)
        {
          g_string_append_c (detail, ' ');
          g_string_append (detail, _("No slope between −1 and 1 reaches the available CP: the profile takes the nearest bound."));
        }
    }
  self->has_solution = TRUE;
  gtk_label_set_text (self->value_label, value_line);
  gtk_label_set_text (self->detail_label, detail->str);
}

static void
forget_described (TrjSolverDialog *self)
{
  if (self->described == NULL)
    return;
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->described), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_remove_weak_pointer (G_OBJECT (self->described), (gpointer *) &self->described);
  self->described = NULL;
}

/* A screen reader hears the result, « Aucune solution » among them, as the
 * control being used changes it (a target typed, a value or target picked).
 * The result label has the alert role, but GTK 4.8 sends nothing on the
 * accessibility bus when its text or name changes (checked with pyatspi).
 * So the result is also the focused control's description, whose change
 * Orca reads on the object that has the focus: as the grid does for a
 * refusal. The description goes with the focus: it is taken back from a
 * control the focus leaves. */
static void
announce_result (TrjSolverDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *entry_row = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) : NULL;
  const char *value = gtk_label_get_text (self->value_label);
  const char *detail = gtk_label_get_text (self->detail_label);
  g_autofree char *text = NULL;

  /* In an entry row, the text box on the bus is the row (its GtkText is
   * not there). */
  if (entry_row != NULL)
    focus = entry_row;
  if (focus != self->described)
    forget_described (self);
  if (focus == NULL || *value == '\0')
    return;
  /* TRANSLATORS: the solver's result then why, read by a screen reader: "No solution. Between…" */
  text = *detail != '\0' ? g_strdup_printf (_("%s. %s"), value, detail) : g_strdup (value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  if (self->described == NULL)
    {
      self->described = focus;
      g_object_add_weak_pointer (G_OBJECT (focus), (gpointer *) &self->described);
    }
}

static void
focus_changed_cb (TrjSolverDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->described == NULL || self->described == focus
      || (focus != NULL && gtk_widget_is_ancestor (focus, self->described)))
    return;
  /* A value or target picked in a drop-down's list: the result it gave
   * goes with the focus back to the drop-down. */
  if (gtk_widget_get_ancestor (self->described, GTK_TYPE_POPOVER) != NULL
      && focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) == NULL)
    announce_result (self);
  else
    forget_described (self);
}

static void
update_preview (TrjSolverDialog *self)
{
  guint u = selected_unknown (self);
  double target;

  self->has_solution = FALSE;
  g_clear_pointer (&self->settled, trj_line_free);
  g_clear_pointer (&self->solution, trj_envelope_solution_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_row),
                            adw_combo_row_get_selected (self->target_kind_row) == 1);
  if (!read_target (self, &target))
    {
      gtk_label_set_text (self->value_label, _("Type the AE amount to reach, in euros."));
      gtk_label_set_text (self->detail_label, "");
    }
  else if (self->envelope_id != NULL)
    preview_envelope (self, u, target);
  else
    preview_line (self, u, target);
  /* Read as an alert: the result as its name (GTK 4.8 does not take a
   * label's text), the detail that explains it as its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (self->value_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (self->detail_label),
                                  -1);
  announce_result (self);
  gtk_widget_set_sensitive (self->apply_button, self->has_solution);
}

void
trj_solver_dialog_set_unknown (TrjSolverDialog *self, TrjUnknown unknown)
{
  g_return_if_fail (TRJ_IS_SOLVER_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (unknowns); i++)
    if (unknowns[i].unknown == unknown)
      adw_combo_row_set_selected (self->unknown_row, i);
}

void
trj_solver_dialog_set_target (TrjSolverDialog *self, double target)
{
  g_return_if_fail (TRJ_IS_SOLVER_DIALOG (self));

  if (isnan (target))
    adw_combo_row_set_selected (self->target_kind_row, 0);
  else
    {
      g_autofree char *text = trj_format_number (target, 2);

      adw_combo_row_set_selected (self->target_kind_row, 1);
      gtk_editable_set_text (GTK_EDITABLE (self->target_row), text);
    }
  update_preview (self);
}

void
trj_solver_dialog_set_profile (TrjSolverDialog *self, gboolean with_profile)
{
  g_return_if_fail (TRJ_IS_SOLVER_DIALOG (self));
  gtk_switch_set_active (self->profile_switch, with_profile);
}

gboolean
trj_solver_dialog_has_solution (TrjSolverDialog *self)
{
  g_return_val_if_fail (TRJ_IS_SOLVER_DIALOG (self), FALSE);
  return self->has_solution;
}

double
trj_solver_dialog_get_value (TrjSolverDialog *self)
{
  g_return_val_if_fail (TRJ_IS_SOLVER_DIALOG (self), NAN);
  return self->has_solution ? self->value : NAN;
}

const char *
trj_solver_dialog_get_value_text (TrjSolverDialog *self)
{
  g_return_val_if_fail (TRJ_IS_SOLVER_DIALOG (self), NULL);
  return gtk_label_get_text (self->value_label);
}

const char *
trj_solver_dialog_get_detail_text (TrjSolverDialog *self)
{
  g_return_val_if_fail (TRJ_IS_SOLVER_DIALOG (self), NULL);
  return gtk_label_get_text (self->detail_label);
}

gboolean
trj_solver_dialog_apply (TrjSolverDialog *self, GError **error)
{
  TrjWorkbook *wb;

  g_return_val_if_fail (TRJ_IS_SOLVER_DIALOG (self), FALSE);

  if (!self->has_solution)
    {
      g_set_error_literal (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_NO_SOLUTION,
                           gtk_label_get_text (self->detail_label));
      return FALSE;
    }
  wb = trj_document_get_workbook (self->document);
  /* One undo step, named after the solver rather than after the field. */
  if (self->envelope_id != NULL
      ? !trj_workbook_apply_envelope_solution (wb, trj_document_get_scenario_id (self->document),
                                               self->solution, _("Adjust on the envelope"), error)
      : !trj_workbook_apply_solution (wb, trj_document_get_scenario_id (self->document), self->settled,
                                      unknowns[selected_unknown (self)].unknown, _("Adjust"), error))
    return FALSE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
apply_clicked_cb (TrjSolverDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!trj_solver_dialog_apply (self, &error))
    {
      gtk_label_set_text (self->detail_label, error->message);
      announce_result (self);
    }
}

static void
trj_solver_dialog_dispose (GObject *object)
{
  TrjSolverDialog *self = TRJ_SOLVER_DIALOG (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->described != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->described), (gpointer *) &self->described);
  self->described = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TRJ_TYPE_SOLVER_DIALOG);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (trj_solver_dialog_parent_class)->dispose (object);
}

static void
trj_solver_dialog_finalize (GObject *object)
{
  TrjSolverDialog *self = TRJ_SOLVER_DIALOG (object);

  g_free (self->line_id);
  g_free (self->envelope_id);
  g_clear_pointer (&self->settled, trj_line_free);
  g_clear_pointer (&self->solution, trj_envelope_solution_free);
  G_OBJECT_CLASS (trj_solver_dialog_parent_class)->finalize (object);
}

static void
trj_solver_dialog_class_init (TrjSolverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_solver_dialog_dispose;
  object_class->finalize = trj_solver_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/gouv/travail/Trajectoire/trj-solver-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, line_row);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, unknown_row);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, target_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, group);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, profile_switch);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, value_label);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, TrjSolverDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trj_solver_dialog_init (TrjSolverDialog *self)
{
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  trj_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  gtk_string_list_append (targets, _("Available AE"));
  gtk_string_list_append (targets, _("An amount"));
  adw_combo_row_set_model (self->target_kind_row, G_LIST_MODEL (targets));
}

static TrjSolverDialog *
solver_dialog_new (TrjDocument *document, const char *line_id, const char *envelope_id)
{
  TrjSolverDialog *self = g_object_new (TRJ_TYPE_SOLVER_DIALOG, NULL);
  g_autoptr(GtkStringList) unknown_titles = gtk_string_list_new (NULL);

  self->document = g_object_ref (document);
  self->line_id = g_strdup (line_id);
  self->envelope_id = g_strdup (envelope_id);
  for (guint i = 0; i < G_N_ELEMENTS (unknowns); i++)
    gtk_string_list_append (unknown_titles,
                            envelope_id != NULL && unknowns[i].unknown == TRJ_UNKNOWN_VOLUME
                            ? _("Volumes (one factor for every line)") : _(unknowns[i].title));
  adw_combo_row_set_model (self->unknown_row, G_LIST_MODEL (unknown_titles));

  g_signal_connect_swapped (self->unknown_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->target_kind_row, "notify::selected", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->target_row, "changed", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->profile_switch, "notify::active", G_CALLBACK (update_preview), self);
  /* Another edit (undo, another window) changes what the solution is. */
  g_signal_connect_swapped (document, "updated", G_CALLBACK (update_preview), self);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), NULL);
  update_preview (self);
  return self;
}

TrjSolverDialog *
trj_solver_dialog_new (TrjDocument *document, const char *line_id)
{
  TrjSolverDialog *self = solver_dialog_new (document, line_id, NULL);
  const TrjLine *line = trj_scenario_find_line (trj_document_get_scenario (document), line_id, NULL);

  adw_action_row_set_subtitle (self->line_row, line != NULL && line->label != NULL ? line->label : line_id);
  return self;
}

TrjSolverDialog *
trj_solver_dialog_new_for_envelope (TrjDocument *document, const char *envelope_id)
{
  TrjSolverDialog *self = solver_dialog_new (document, NULL, envelope_id);

  gtk_window_set_title (GTK_WINDOW (self), _("Adjust on the Envelope"));
  adw_preferences_group_set_description (self->group,
                                         _("Finds one value for every contract line of the envelope — one common rate, "
                                           "hours, duration or cofinanced share, or every volume multiplied by one "
                                           "factor — that brings its programmed AE to the target."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->line_row), _("Envelope"));
  adw_action_row_set_subtitle (self->line_row, trj_catalog_envelope_title (envelope_id));
  gtk_widget_set_visible (GTK_WIDGET (self->profile_row), TRUE);
  return self;
}
