/* trj-summary-page.c — see trj-summary-page.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-a11y.h"
#include "trj-summary-page.h"
#include "trj-alert-text.h"
#include "trj-alert-list.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"
#include "trj-share.h"

#define N_FUNGIBILITY_ENTRIES 3

struct _TrjSummaryPage
{
  GtkWidget parent_instance;

  GtkGrid *table;
  TrjAlertList *alerts_box;
  AdwActionRow *cie_row;
  AdwActionRow *territorial_row;
  GtkEditable *cie_entry;
  GtkEditable *cie_cp_entry;
  GtkEditable *territorial_entry;
  GtkLabel *fungibility_error;
  AdwPreferencesGroup *effect_group;
  /* MODEL 2.6: the envelope initiatives territoriales come out of, among
   * source_ids (the scenario's envelopes in the ceiling's base). */
  GtkDropDown *territorial_source;
  GPtrArray *source_ids;
  gboolean filling_source;
  /* Demandes complémentaires: one row per envelope, its AE, CP and reason
   * entries (DEMANDE_ENTRIES per envelope, in demande_entries). */
  AdwPreferencesGroup *demandes_group;
  GtkLabel *demande_error;
  /* « CAOM »: the table's labels, TRJ_N_SUMMARY_CAOM_COLUMNS per row, heading excluded. */
  GtkWidget *caom_group;
  GtkGrid *caom_table;
  GPtrArray *caom_cells;
  guint n_caom_rows;
  GPtrArray *demande_rows;
  GPtrArray *demande_entries;

  TrjDocument *document;
  /* Labels of the table, row by row (TRJ_N_SUMMARY_COLUMNS per row), header excluded. */
  GPtrArray *cells;
  guint n_rows;
  /* Effect panel: one row and one capacity label per envelope. */
  GPtrArray *effect_rows;
  GPtrArray *effect_labels;
  gboolean filling_entries;
};

G_DEFINE_FINAL_TYPE (TrjSummaryPage, trj_summary_page, GTK_TYPE_WIDGET)

enum { DEMANDE_AE, DEMANDE_CP, DEMANDE_REASON, DEMANDE_ENTRIES };

static const char *column_titles[TRJ_N_SUMMARY_COLUMNS] = {
  N_("Envelope"), N_("AE notified"), N_("AE available"), N_("AE programmed"), N_("AE margin"),
  N_("CP available"), N_("CP programmed"), N_("CP margin"), N_("Capacity"), N_("Alerts"),
};

static const char *caom_titles[TRJ_N_SUMMARY_CAOM_COLUMNS] = {
  N_("Envelope"), N_("Département"), N_("Committed by the CAOM"), N_("Cofinanced entries of the lines"),
  N_("Gap"), N_("Month of the largest cumulated gap"), N_("Largest cumulated gap"),
};

static const TrjFungibilityField entry_fields[N_FUNGIBILITY_ENTRIES] = {
  TRJ_FUNGIBILITY_TRANSFER_AE,
  TRJ_FUNGIBILITY_TRANSFER_CP,
  TRJ_FUNGIBILITY_TERRITORIAL_AE,
};

GtkEditable *
trj_summary_page_get_fungibility_entry (TrjSummaryPage *self, TrjFungibilityField field)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);

  switch (field)
    {
    case TRJ_FUNGIBILITY_TRANSFER_AE:
      return self->cie_entry;
    case TRJ_FUNGIBILITY_TRANSFER_CP:
      return self->cie_cp_entry;
    case TRJ_FUNGIBILITY_TERRITORIAL_AE:
      return self->territorial_entry;
    case TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES:
    case TRJ_N_FUNGIBILITY_FIELDS:
    default:
      return NULL;
    }
}

const char *
trj_summary_page_get_cell (TrjSummaryPage *self, guint row, TrjSummaryColumn column)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);

  if (row >= self->n_rows || column >= TRJ_N_SUMMARY_COLUMNS)
    return NULL;
  return gtk_label_get_text (self->cells->pdata[row * TRJ_N_SUMMARY_COLUMNS + column]);
}

guint
trj_summary_page_get_n_caom_rows (TrjSummaryPage *self)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), 0);
  return self->n_caom_rows;
}

const char *
trj_summary_page_get_caom_cell (TrjSummaryPage *self, guint row, TrjSummaryCaomColumn column)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);

  if (row >= self->n_caom_rows || column >= TRJ_N_SUMMARY_CAOM_COLUMNS)
    return NULL;
  return gtk_label_get_text (self->caom_cells->pdata[row * TRJ_N_SUMMARY_CAOM_COLUMNS + column]);
}

GtkWidget *
trj_summary_page_get_caom_group (TrjSummaryPage *self)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);
  return self->caom_group;
}

const char *
trj_summary_page_get_effect (TrjSummaryPage *self, guint envelope)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);
  return envelope < self->effect_labels->len
         ? gtk_label_get_text (self->effect_labels->pdata[envelope]) : NULL;
}

GtkDropDown *
trj_summary_page_get_territorial_source (TrjSummaryPage *self)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);
  return self->territorial_source;
}

const char *
trj_summary_page_get_territorial_source_id (TrjSummaryPage *self, guint position)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);
  return position < self->source_ids->len ? self->source_ids->pdata[position] : NULL;
}

GtkEditable *
trj_summary_page_get_demande_entry (TrjSummaryPage *self, guint envelope, TrjSummaryDemande which)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);
  g_return_val_if_fail ((guint) which < DEMANDE_ENTRIES, NULL);

  if (envelope * DEMANDE_ENTRIES + which >= self->demande_entries->len)
    return NULL;
  return self->demande_entries->pdata[envelope * DEMANDE_ENTRIES + which];
}

const char *
trj_summary_page_get_demande_error (TrjSummaryPage *self)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->demande_error))
         ? gtk_label_get_text (self->demande_error) : NULL;
}

const char *
trj_summary_page_get_fungibility_error (TrjSummaryPage *self)
{
  g_return_val_if_fail (TRJ_IS_SUMMARY_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->fungibility_error))
         ? gtk_label_get_text (self->fungibility_error) : NULL;
}

/* ── Table ───────────────────────────────────────────────────────────── */

static GtkWidget *
cell_label (const char *css_class, float xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
build_table (TrjSummaryPage *self, guint n_rows)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  g_ptr_array_set_size (self->cells, 0);

  for (guint c = 0; c < TRJ_N_SUMMARY_COLUMNS; c++)
    {
      GtkWidget *heading = cell_label ("trj-heading", c == 0 || c == TRJ_SUMMARY_COLUMN_ALERTS ? 0 : 1);

      gtk_label_set_text (GTK_LABEL (heading), _(column_titles[c]));
      /* Two-line headings keep the table within the window. */
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (heading), 10);
      gtk_label_set_justify (GTK_LABEL (heading), c == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (heading, GTK_ALIGN_END);
      gtk_grid_attach (self->table, heading, c, 0, 1, 1);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < TRJ_N_SUMMARY_COLUMNS; c++)
      {
        GtkWidget *label = cell_label ("trj-cell", c == 0 || c == TRJ_SUMMARY_COLUMN_ALERTS ? 0 : 1);

        /* The last row is the region's total. */
        if (r == n_rows - 1)
          gtk_widget_add_css_class (label, "trj-total");
        if (c == TRJ_SUMMARY_COLUMN_ENVELOPE)
          {
            /* « Fonds de développement de l’inclusion » on two lines: the
             * table fits 1280 px with its alerts column. */
            gtk_widget_set_hexpand (label, TRUE);
            gtk_label_set_wrap (GTK_LABEL (label), TRUE);
            gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
            gtk_label_set_width_chars (GTK_LABEL (label), 12);
          }
        gtk_grid_attach (self->table, label, c, r + 1, 1, 1);
        g_ptr_array_add (self->cells, label);
      }
  self->n_rows = n_rows;
}

/* Sets a table's label (text is taken); figures below zero show in red. */
static void
set_label (GtkWidget *label, char *text, gboolean negative)
{
  /* An unchanged label must not cost a relayout of the window. */
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
  if (negative)
    gtk_widget_add_css_class (label, "trj-negative");
  else
    gtk_widget_remove_css_class (label, "trj-negative");
  g_free (text);
}

static void
set_cell (TrjSummaryPage *self, guint row, TrjSummaryColumn column, char *text, gboolean negative)
{
  set_label (self->cells->pdata[row * TRJ_N_SUMMARY_COLUMNS + column], text, negative);
}

static double
cp_programmed (const TrjEnvelope *env, const TrjEnvelopeResult *r)
{
  /* MODEL 2.4: compared with the notification, without the stock unless it includes it. */
  return env->cp_notified_includes_stock ? r->f.cp_total : r->f.cp_total - r->f.cp_stock;
}

/* MODEL 3: an IAE, EA or GEIQ envelope has no capacity in contracts; what its
 * available AE buys at the AE per ETP (or per aid) of its lines, whole units.
 * NAN for FDI (no volume) and an envelope without lines. */
static double
unit_capacity (const TrjEnvelope *env, const TrjEnvelopeResult *r)
{
  const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);

  if (known == NULL || known->unit == TRJ_UNIT_CONTRACTS)
    return r->capacity;
  if (known->unit == TRJ_UNIT_EUROS || !(r->f.volume > 0) || !(r->f.ae_total > 0))
    return NAN;
  return floor (r->ae_available / (r->f.ae_total / r->f.volume) + 1e-9);
}

/* "1 290" for contracts (the column says so), "12 ETP", "30 aides" otherwise. */
static char *
capacity_text (const TrjEnvelope *env, double capacity)
{
  const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);
  g_autofree char *number = trj_gui_integer (capacity);

  if (known == NULL || known->unit == TRJ_UNIT_CONTRACTS || !isfinite (capacity))
    return g_steal_pointer (&number);
  /* TRANSLATORS: a number and its unit word, "12,5 ETP", "30 aides" */
  return g_strdup_printf (_("%s %s"), number, trj_catalog_unit_word (known->unit));
}

static void
update_table (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  const TrjResult *result = trj_document_get_result (self->document);
  guint n = scenario->envelopes->len;
  double total[TRJ_N_SUMMARY_COLUMNS] = { 0 };
  guint total_alerts = 0;

  if (self->n_rows != n + 1)
    build_table (self, n + 1);

  for (guint e = 0; e < n; e++)
    {
      const TrjEnvelope *env = scenario->envelopes->pdata[e];
      const TrjEnvelopeResult *r = &result->envelopes[e];
      double values[TRJ_N_SUMMARY_COLUMNS] = {
        [TRJ_SUMMARY_COLUMN_AE_NOTIFIED] = env->ae_notified,
        [TRJ_SUMMARY_COLUMN_AE_AVAILABLE] = r->ae_available,
        [TRJ_SUMMARY_COLUMN_AE_PROGRAMMED] = r->f.ae_total,
        [TRJ_SUMMARY_COLUMN_AE_MARGIN] = r->ae_margin,
        [TRJ_SUMMARY_COLUMN_CP_AVAILABLE] = r->cp_available,
        [TRJ_SUMMARY_COLUMN_CP_PROGRAMMED] = cp_programmed (env, r),
        [TRJ_SUMMARY_COLUMN_CP_MARGIN] = r->cp_margin,
      };
      /* Informations (MODEL 5) are listed below, not counted as alerts. */
      guint n_alerts = trj_result_count_alerts (result, (int) e, TRJ_SEVERITY_ALERT);

      total_alerts += n_alerts;

      set_cell (self, e, TRJ_SUMMARY_COLUMN_ENVELOPE, g_strdup (trj_catalog_envelope_title (env->id)), FALSE);
      for (guint c = TRJ_SUMMARY_COLUMN_AE_NOTIFIED; c <= TRJ_SUMMARY_COLUMN_CP_MARGIN; c++)
        {
          gboolean margin = c == TRJ_SUMMARY_COLUMN_AE_MARGIN || c == TRJ_SUMMARY_COLUMN_CP_MARGIN;

          set_cell (self, e, c, margin ? trj_gui_margin (values[c]) : trj_gui_money (values[c]),
                    values[c] < -TRJ_OVERRUN_EPSILON);
          total[c] += values[c];
        }
      set_cell (self, e, TRJ_SUMMARY_COLUMN_CAPACITY, capacity_text (env, unit_capacity (env, r)), FALSE);
      set_cell (self, e, TRJ_SUMMARY_COLUMN_ALERTS,
                n_alerts == 0 ? g_strdup (_("none"))
                : g_strdup_printf (ngettext ("%u alert", "%u alerts", n_alerts), n_alerts),
                FALSE);
    }

  /* Region-wide alerts (fungibility ceiling) count in the total. */
  total_alerts += trj_result_count_alerts (result, -1, TRJ_SEVERITY_ALERT);
  set_cell (self, n, TRJ_SUMMARY_COLUMN_ENVELOPE, g_strdup (_("Region")), FALSE);
  for (guint c = TRJ_SUMMARY_COLUMN_AE_NOTIFIED; c <= TRJ_SUMMARY_COLUMN_CP_MARGIN; c++)
    set_cell (self, n, c,
              c == TRJ_SUMMARY_COLUMN_AE_MARGIN || c == TRJ_SUMMARY_COLUMN_CP_MARGIN
              ? trj_gui_margin (total[c]) : trj_gui_money (total[c]),
              total[c] < -TRJ_OVERRUN_EPSILON);
  set_cell (self, n, TRJ_SUMMARY_COLUMN_CAPACITY, g_strdup (""), FALSE);
  set_cell (self, n, TRJ_SUMMARY_COLUMN_ALERTS,
            total_alerts == 0 ? g_strdup (_("none"))
            : g_strdup_printf (ngettext ("%u alert", "%u alerts", total_alerts), total_alerts),
            FALSE);
}

/* ── CAOM (MODEL 2.8) ────────────────────────────────────────────────── */

static void
build_caom_table (TrjSummaryPage *self, guint n_rows)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->caom_table))) != NULL)
    gtk_grid_remove (self->caom_table, child);
  g_ptr_array_set_size (self->caom_cells, 0);
  for (guint c = 0; c < TRJ_N_SUMMARY_CAOM_COLUMNS; c++)
    {
      gboolean text = c <= TRJ_SUMMARY_CAOM_DEPARTEMENT;
      GtkWidget *heading = cell_label ("trj-heading", text ? 0 : 1);

      gtk_label_set_text (GTK_LABEL (heading), _(caom_titles[c]));
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (heading), 14);
      gtk_label_set_justify (GTK_LABEL (heading), text ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (heading, GTK_ALIGN_END);
      gtk_grid_attach (self->caom_table, heading, c, 0, 1, 1);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < TRJ_N_SUMMARY_CAOM_COLUMNS; c++)
      {
        GtkWidget *label = cell_label ("trj-cell", c <= TRJ_SUMMARY_CAOM_DEPARTEMENT ? 0 : 1);

        if (c <= TRJ_SUMMARY_CAOM_DEPARTEMENT)
          gtk_widget_set_hexpand (label, TRUE);
        gtk_grid_attach (self->caom_table, label, c, r + 1, 1, 1);
        g_ptr_array_add (self->caom_cells, label);
      }
  self->n_caom_rows = n_rows;
}

static void
set_caom_cell (TrjSummaryPage *self, guint row, TrjSummaryCaomColumn column, char *text, gboolean negative)
{
  set_label (self->caom_cells->pdata[row * TRJ_N_SUMMARY_CAOM_COLUMNS + column], text, negative);
}

/* A number of contracts to the tenth, as in the report (−0,04 reads 0). */
static char *
contracts_text (double value)
{
  return trj_format_decimal (value, 1);
}

static void
update_caom (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  guint n = 0, row = 0;

  for (guint e = 0; e < scenario->envelopes->len; e++)
    n += trj_envelope_n_caom (scenario->envelopes->pdata[e]);
  gtk_widget_set_visible (self->caom_group, n > 0);
  if (self->n_caom_rows != n)
    build_caom_table (self, n);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = scenario->envelopes->pdata[e];

      for (guint c = 0; c < trj_envelope_n_caom (env); c++, row++)
        {
          const TrjCaom *caom = g_ptr_array_index (env->caom, c);
          TrjCaomGap gap;

          trj_caom_gap (env, caom, &gap);
          set_caom_cell (self, row, TRJ_SUMMARY_CAOM_ENVELOPE, g_strdup (trj_catalog_envelope_title (env->id)), FALSE);
          set_caom_cell (self, row, TRJ_SUMMARY_CAOM_DEPARTEMENT, trj_gui_departement (scenario->year, scenario->region, caom->departement), FALSE);
          set_caom_cell (self, row, TRJ_SUMMARY_CAOM_COMMITTED, contracts_text (gap.committed_total), FALSE);
          set_caom_cell (self, row, TRJ_SUMMARY_CAOM_COFINANCED, contracts_text (gap.cofinanced_total), FALSE);
          set_caom_cell (self, row, TRJ_SUMMARY_CAOM_GAP, contracts_text (gap.gap_total), gap.gap_total <= -0.05);
          set_caom_cell (self, row, TRJ_SUMMARY_CAOM_LARGEST_MONTH,
                         g_strdup (gap.largest_month >= 0 ? trj_format_month_long (gap.largest_month + 1) : "—"),
                         FALSE);
          set_caom_cell (self, row, TRJ_SUMMARY_CAOM_LARGEST_GAP, contracts_text (gap.largest_gap),
                         gap.largest_gap <= -0.05);
        }
    }
}

static void
update_alerts (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  const TrjResult *result = trj_document_get_result (self->document);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) info = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (guint i = 0; i < result->n_alerts; i++)
    {
      const TrjAlert *alert = &result->alerts[i];
      g_autofree char *message = trj_alert_message (scenario, alert);
      gboolean is_info = alert->severity == TRJ_SEVERITY_INFO;
      const TrjEnvelope *env;
      const TrjLine *line;

      g_array_append_val (info, is_info);
      if (alert->envelope < 0)
        {
          g_ptr_array_add (messages, g_steal_pointer (&message));
          continue;
        }
      env = scenario->envelopes->pdata[alert->envelope];
      line = alert->line >= 0 ? env->lines->pdata[alert->line] : NULL;
      g_ptr_array_add (messages, line != NULL
                           /* TRANSLATORS: alert of a line: "envelope — line: message" */
                           ? g_strdup_printf (_("%s — %s: %s"), trj_catalog_envelope_title (env->id),
                                              line->label != NULL ? line->label : line->id, message)
                           /* TRANSLATORS: alert of an envelope: "envelope: message" */
                           : g_strdup_printf (_("%s: %s"), trj_catalog_envelope_title (env->id), message));
    }
  g_ptr_array_add (messages, NULL);
  trj_alert_list_set_messages_full (self->alerts_box, (const char * const *) messages->pdata,
                                    (const gboolean *) info->data);
}

/* ── Fungibility ─────────────────────────────────────────────────────── */

/* An amount typed in euros ("1 234 567", "1234567 €"); empty is `empty_value`. */
static gboolean
parse_amount (const char *text, double empty_value, double *value)
{
  g_autoptr(GString) clean = g_string_new (text);

  g_string_replace (clean, "€", "", 0);
  g_strstrip (clean->str);
  if (clean->str[0] == '\0')
    {
      *value = empty_value;
      return TRUE;
    }
  return trj_parse_number (clean->str, value) && *value >= 0;
}

static gboolean
read_entry (TrjSummaryPage *self, guint i, double *value, GError **error)
{
  /* An empty CP amount means "in proportion" (NAN), an empty AE amount none. */
  double empty = entry_fields[i] == TRJ_FUNGIBILITY_TRANSFER_CP ? NAN : 0;
  GtkEditable *entry = trj_summary_page_get_fungibility_entry (self, entry_fields[i]);

  if (parse_amount (gtk_editable_get_text (entry), empty, value))
    return TRUE;
  g_set_error (error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
               _("“%s” is not an amount in euros"), gtk_editable_get_text (entry));
  return FALSE;
}

static void
set_scenario_fungibility (TrjScenario *scenario, TrjFungibilityField field, double value)
{
  scenario->has_fungibility = TRUE;
  switch (field)
    {
    case TRJ_FUNGIBILITY_TRANSFER_AE:
      scenario->fungibility.cie_jeunes_to_pec_ae = value;
      break;
    case TRJ_FUNGIBILITY_TRANSFER_CP:
      scenario->fungibility.has_cie_jeunes_to_pec_cp = !isnan (value);
      scenario->fungibility.cie_jeunes_to_pec_cp = isnan (value) ? 0 : value;
      break;
    case TRJ_FUNGIBILITY_TERRITORIAL_AE:
      scenario->fungibility.initiatives_territoriales_ae = value;
      break;
    case TRJ_FUNGIBILITY_DEMANDES_COMPLEMENTAIRES:
    case TRJ_N_FUNGIBILITY_FIELDS:
    default:
      g_return_if_reached ();
    }
}

static void
show_fungibility_error (TrjSummaryPage *self, const GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->fungibility_error), error != NULL);
  gtk_label_set_text (self->fungibility_error, error != NULL ? error->message : "");
  /* GTK 4.8 gives a label's text to an alert's name only if told. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fungibility_error), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error != NULL ? error->message : "", -1);
}

/* The scenario with the amounts being typed, checked against the circular's
 * rules (one way only, ceilings); NULL with the reason otherwise. */
static TrjScenario *
typed_scenario (TrjSummaryPage *self, GError **error)
{
  g_autoptr(TrjScenario) typed = trj_scenario_copy (trj_document_get_scenario (self->document));

  for (guint i = 0; i < N_FUNGIBILITY_ENTRIES; i++)
    {
      double value;

      if (!read_entry (self, i, &value, error))
        return NULL;
      set_scenario_fungibility (typed, entry_fields[i], value);
    }
  if (!trj_fungibility_validate (typed, trj_document_get_rules (self->document), error))
    return NULL;
  return g_steal_pointer (&typed);
}

/* Capacities with the amounts being typed, against those without any move. */
static void
update_effect (TrjSummaryPage *self)
{
  const TrjRules *rules = trj_document_get_rules (self->document);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) typed = typed_scenario (self, &error);
  g_autoptr(TrjScenario) none = NULL;
  g_autoptr(TrjResult) typed_result = NULL;
  g_autoptr(TrjResult) none_result = NULL;

  show_fungibility_error (self, error);
  if (typed == NULL)
    return;

  none = trj_scenario_copy (typed);
  g_free (none->fungibility.initiatives_territoriales_source);
  memset (&none->fungibility, 0, sizeof none->fungibility);
  typed_result = trj_result_new (typed);
  none_result = trj_result_new (none);
  if (!trj_engine_compute (typed, rules, typed_result, NULL)
      || !trj_engine_compute (none, rules, none_result, NULL))
    return;

  for (guint e = 0; e < self->effect_labels->len && e < typed_result->n_envelopes; e++)
    {
      const TrjEnvelope *env = typed->envelopes->pdata[e];
      const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);
      gboolean contracts = known == NULL || known->unit == TRJ_UNIT_CONTRACTS;
      const TrjEnvelopeResult *with = &typed_result->envelopes[e];
      const TrjEnvelopeResult *without = &none_result->envelopes[e];
      double capacity_with = unit_capacity (env, with);
      g_autofree char *capacity = contracts ? trj_gui_integer (capacity_with)
                                            : capacity_text (env, capacity_with);
      g_autofree char *available = trj_gui_money (with->ae_available);
      g_autofree char *subtitle = g_strdup_printf (_("Available AE: %s"), available);
      g_autofree char *text = NULL;
      double delta = capacity_with - unit_capacity (env, without);

      /* An envelope without a volume (FDI, or no line yet) shows its margin. */
      if (!isfinite (capacity_with))
        {
          g_autofree char *margin = trj_gui_margin (with->ae_margin);

          text = g_strdup_printf (_("AE margin: %s"), margin);
        }
      else if (!contracts && isfinite (delta) && delta != 0)
        {
          g_autofree char *delta_text = trj_format_integer (fabs (delta));
          /* TRANSLATORS: capacity in ETP or aids with fungibility, and its change: "120 ETP (+4)" */
          text = g_strdup_printf (delta > 0 ? _("%s (+%s)") : _("%s (−%s)"), capacity, delta_text);
        }
      else if (!contracts)
        text = g_strdup (capacity);
      else if (isfinite (delta) && delta != 0)
        {
          g_autofree char *delta_text = trj_format_integer (fabs (delta));
          /* TRANSLATORS: capacity with fungibility, and its change: "1 290 contrats (+54)" */
          text = g_strdup_printf (delta > 0 ? _("%s contracts (+%s)") : _("%s contracts (−%s)"),
                                  capacity, delta_text);
        }
      else
        text = g_strdup_printf (_("%s contracts"), capacity);
      gtk_label_set_text (self->effect_labels->pdata[e], text);
      adw_action_row_set_subtitle (self->effect_rows->pdata[e], subtitle);
    }
}

static void
build_effect_rows (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);

  if (self->effect_rows->len == scenario->envelopes->len)
    return;
  for (guint i = 0; i < self->effect_rows->len; i++)
    adw_preferences_group_remove (self->effect_group, self->effect_rows->pdata[i]);
  g_ptr_array_set_size (self->effect_rows, 0);
  g_ptr_array_set_size (self->effect_labels, 0);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = scenario->envelopes->pdata[e];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trj_catalog_envelope_title (env->id));
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->effect_group, row);
      g_ptr_array_add (self->effect_rows, row);
      g_ptr_array_add (self->effect_labels, label);
    }
}

/* The entries show the scenario's amounts, unless someone is typing in them. */
static void
fill_entries (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  const TrjFungibility *f = &scenario->fungibility;
  const TrjRules *rules = trj_document_get_rules (self->document);
  const TrjEnvelope *cie = trj_scenario_find_envelope (scenario, trj_catalog_transfer_source ());
  double values[N_FUNGIBILITY_ENTRIES] = {
    f->cie_jeunes_to_pec_ae,
    f->has_cie_jeunes_to_pec_cp ? f->cie_jeunes_to_pec_cp : NAN,
    f->initiatives_territoriales_ae,
  };
  g_autofree char *cie_ceiling = trj_gui_money (cie != NULL ? cie->ae_notified : 0);
  g_autofree char *territorial = trj_gui_money (trj_document_get_result (self->document)->territorial_ceiling);
  g_autofree char *share = trj_gui_percent (rules != NULL ? rules->territorial_ceiling_share : NAN, 2);
  g_autofree char *cie_subtitle = g_strdup_printf (_("At most the AE notified for CIE jeunes: %s"), cie_ceiling);
  g_autofree char *territorial_subtitle = g_strdup_printf (_("At most %s of the AE notified to the region: %s"),
                                                           share, territorial);

  adw_action_row_set_subtitle (self->cie_row, cie_subtitle);
  adw_action_row_set_subtitle (self->territorial_row, territorial_subtitle);

  self->filling_entries = TRUE;
  for (guint i = 0; i < N_FUNGIBILITY_ENTRIES; i++)
    {
      GtkEditable *entry = trj_summary_page_get_fungibility_entry (self, entry_fields[i]);
      g_autofree char *text = NULL;

      if (gtk_widget_has_focus (GTK_WIDGET (entry)) || gtk_widget_is_focus (GTK_WIDGET (entry)))
        continue;
      text = isnan (values[i]) ? g_strdup ("") : trj_format_number (values[i], 0);
      gtk_editable_set_text (entry, text);
    }
  self->filling_entries = FALSE;
}

static void
entry_changed_cb (TrjSummaryPage *self)
{
  if (!self->filling_entries)
    update_effect (self);
}

static void
entry_activate_cb (TrjSummaryPage *self, GtkEditable *entry)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  g_autoptr(GError) error = NULL;

  g_autoptr(TrjScenario) typed = typed_scenario (self, &error);

  /* A refused amount is not written: the reason stays under the panel. */
  for (guint i = 0; typed != NULL && i < N_FUNGIBILITY_ENTRIES; i++)
    {
      double value;

      if (trj_summary_page_get_fungibility_entry (self, entry_fields[i]) == entry
          && read_entry (self, i, &value, &error))
        trj_workbook_set_fungibility (wb, trj_document_get_scenario_id (self->document),
                                      entry_fields[i], value, &error);
    }
  if (error != NULL)
    show_fungibility_error (self, error);
}

/* ── Source of initiatives territoriales ────────────────────────────── */

static void
fill_source (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  const char *source = trj_fungibility_territorial_source (scenario);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gboolean same;
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = scenario->envelopes->pdata[e];
      const TrjCatalogEnvelope *known = trj_catalog_envelope (env->id);

      if (known == NULL || !known->territorial_base)
        continue;
      if (g_strcmp0 (env->id, source) == 0)
        selected = ids->len;
      g_ptr_array_add (ids, g_strdup (env->id));
    }
  same = ids->len == self->source_ids->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_str_equal (ids->pdata[i], self->source_ids->pdata[i]);

  self->filling_source = TRUE;
  if (!same)
    {
      g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

      for (guint i = 0; i < ids->len; i++)
        gtk_string_list_append (titles, trj_catalog_envelope_title (ids->pdata[i]));
      g_ptr_array_set_size (self->source_ids, 0);
      for (guint i = 0; i < ids->len; i++)
        g_ptr_array_add (self->source_ids, g_strdup (ids->pdata[i]));
      gtk_drop_down_set_model (self->territorial_source, G_LIST_MODEL (titles));
    }
  gtk_drop_down_set_selected (self->territorial_source, selected);
  self->filling_source = FALSE;
}

static void
source_selected_cb (TrjSummaryPage *self)
{
  guint position = gtk_drop_down_get_selected (self->territorial_source);
  const char *id = trj_summary_page_get_territorial_source_id (self, position);
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  g_autoptr(GError) error = NULL;

  if (self->filling_source || id == NULL
      || g_strcmp0 (id, trj_fungibility_territorial_source (scenario)) == 0)
    return;
  if (!trj_workbook_set_territorial_source (trj_document_get_workbook (self->document),
                                            trj_document_get_scenario_id (self->document), id, &error))
    {
      show_fungibility_error (self, error);
      fill_source (self);
    }
}

/* ── Demandes complémentaires ────────────────────────────────────────── */

static void
show_demande_error (TrjSummaryPage *self, const GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->demande_error), error != NULL);
  gtk_label_set_text (self->demande_error, error != NULL ? error->message : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->demande_error), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error != NULL ? error->message : "", -1);
}

/* "AE 120 000 € · CP 60 000 €", or that none is asked. */
static char *
demande_subtitle (const TrjEnvelope *env)
{
  g_autofree char *ae = NULL, *cp = NULL;

  if (env->demande.ae == 0 && env->demande.cp == 0 && env->demande.reason == NULL)
    return g_strdup (_("None asked"));
  ae = trj_gui_money (env->demande.ae);
  cp = trj_gui_money (env->demande.cp);
  /* TRANSLATORS: a demande complémentaire's amounts, "AE 120 000 € · CP 60 000 €" */
  return g_strdup_printf (_("AE %s · CP %s"), ae, cp);
}

static char *
demande_text (const TrjEnvelope *env, guint which)
{
  switch (which)
    {
    case DEMANDE_AE:
      return env->demande.ae != 0 ? trj_format_number (env->demande.ae, 0) : g_strdup ("");
    case DEMANDE_CP:
      return env->demande.cp != 0 ? trj_format_number (env->demande.cp, 0) : g_strdup ("");
    default:
      return g_strdup (env->demande.reason != NULL ? env->demande.reason : "");
    }
}

/* Writes what an entry holds if it differs from the scenario (one undo step). */
static void
commit_demande (TrjSummaryPage *self, GtkEditable *entry)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  TrjWorkbook *wb = trj_document_get_workbook (self->document);
  gint64 scenario_id = trj_document_get_scenario_id (self->document);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "trj-demande"));
  guint e = index / DEMANDE_ENTRIES, which = index % DEMANDE_ENTRIES;
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  const TrjEnvelope *env;
  double value;

  if (self->filling_entries || e >= scenario->envelopes->len)
    return;
  env = scenario->envelopes->pdata[e];
  stored = demande_text (env, which);
  if (g_str_equal (stored, text))
    {
      show_demande_error (self, NULL);
      return;
    }
  if (which == DEMANDE_REASON)
    {
      g_autofree char *reason = g_strstrip (g_strdup (text));

      trj_workbook_set_demande_reason (wb, scenario_id, env->id, reason[0] != '\0' ? reason : NULL, &error);
    }
  else if (!parse_amount (text, 0, &value))
    g_set_error (&error, TRJ_ENGINE_ERROR, TRJ_ENGINE_ERROR_INVALID,
                 _("“%s” is not an amount in euros"), text);
  else
    trj_workbook_set_envelope_number (wb, scenario_id, env->id,
                                      which == DEMANDE_AE ? TRJ_ENVELOPE_FIELD_DEMANDE_AE
                                                          : TRJ_ENVELOPE_FIELD_DEMANDE_CP,
                                      value, &error);
  show_demande_error (self, error);
}

static void
demande_activate_cb (GtkEditable *entry, TrjSummaryPage *self)
{
  commit_demande (self, entry);
}

static void
demande_leave_cb (GtkEventControllerFocus *controller, TrjSummaryPage *self)
{
  commit_demande (self, GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static GtkWidget *
demande_entry_new (TrjSummaryPage *self, const TrjEnvelope *env, guint which)
{
  static const char *names[DEMANDE_ENTRIES] = { N_("AE asked"), N_("CP asked"), N_("Reason") };
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  /* TRANSLATORS: accessible name of a demande complémentaire's field: "GEIQ, AE asked" */
  g_autofree char *label = g_strdup_printf (_("%s, %s"), trj_catalog_envelope_title (env->id),
                                            _(names[which]));

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _(names[which]));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), which == DEMANDE_REASON ? 26 : 11);
  if (which != DEMANDE_REASON)
    gtk_editable_set_alignment (GTK_EDITABLE (entry), 1);
  else
    gtk_entry_set_max_length (GTK_ENTRY (entry), 500);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  trj_a11y_set_label (entry, label);
  g_object_set_data (G_OBJECT (entry), "trj-demande",
                     GUINT_TO_POINTER (self->demande_rows->len * DEMANDE_ENTRIES + which));
  g_signal_connect_object (entry, "activate", G_CALLBACK (demande_activate_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (demande_leave_cb), self, 0);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
build_demande_rows (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);
  gboolean same = self->demande_rows->len == scenario->envelopes->len;

  for (guint e = 0; same && e < scenario->envelopes->len; e++)
    same = g_str_equal (g_object_get_data (self->demande_rows->pdata[e], "trj-envelope"),
                        ((const TrjEnvelope *) scenario->envelopes->pdata[e])->id);
  if (same)
    return;
  for (guint i = 0; i < self->demande_rows->len; i++)
    adw_preferences_group_remove (self->demandes_group, self->demande_rows->pdata[i]);
  g_ptr_array_set_size (self->demande_rows, 0);
  g_ptr_array_set_size (self->demande_entries, 0);

  for (guint e = 0; e < scenario->envelopes->len; e++)
    {
      const TrjEnvelope *env = scenario->envelopes->pdata[e];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trj_catalog_envelope_title (env->id));
      g_object_set_data_full (G_OBJECT (row), "trj-envelope", g_strdup (env->id), g_free);
      for (guint which = 0; which < DEMANDE_ENTRIES; which++)
        {
          GtkWidget *entry = demande_entry_new (self, env, which);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
          g_ptr_array_add (self->demande_entries, entry);
        }
      adw_preferences_group_add (self->demandes_group, row);
      g_ptr_array_add (self->demande_rows, row);
    }
}

static void
fill_demandes (TrjSummaryPage *self)
{
  const TrjScenario *scenario = trj_document_get_scenario (self->document);

  self->filling_entries = TRUE;
  for (guint e = 0; e < scenario->envelopes->len && e < self->demande_rows->len; e++)
    {
      const TrjEnvelope *env = scenario->envelopes->pdata[e];
      g_autofree char *subtitle = demande_subtitle (env);

      adw_action_row_set_subtitle (self->demande_rows->pdata[e], subtitle);
      for (guint which = 0; which < DEMANDE_ENTRIES; which++)
        {
          GtkWidget *entry = self->demande_entries->pdata[e * DEMANDE_ENTRIES + which];
          g_autofree char *text = NULL;

          if (gtk_widget_has_focus (entry) || gtk_widget_is_focus (entry))
            continue;
          text = demande_text (env, which);
          gtk_editable_set_text (GTK_EDITABLE (entry), text);
        }
    }
  self->filling_entries = FALSE;
}

static void
refresh (TrjSummaryPage *self)
{
  update_table (self);
  update_alerts (self);
  update_caom (self);
  build_effect_rows (self);
  fill_entries (self);
  fill_source (self);
  build_demande_rows (self);
  fill_demandes (self);
  update_effect (self);
}

/* A page out of sight catches up when it is shown again. */
static void
document_updated_cb (TrjSummaryPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
trj_summary_page_dispose (GObject *object)
{
  TrjSummaryPage *self = TRJ_SUMMARY_PAGE (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRJ_TYPE_SUMMARY_PAGE);
  /* A bin-layout widget owns its template's top widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->caom_cells, g_ptr_array_unref);
  g_clear_pointer (&self->effect_rows, g_ptr_array_unref);
  g_clear_pointer (&self->effect_labels, g_ptr_array_unref);
  g_clear_pointer (&self->source_ids, g_ptr_array_unref);
  g_clear_pointer (&self->demande_rows, g_ptr_array_unref);
  g_clear_pointer (&self->demande_entries, g_ptr_array_unref);
  G_OBJECT_CLASS (trj_summary_page_parent_class)->dispose (object);
}

static void
trj_summary_page_class_init (TrjSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trj_summary_page_dispose;

  g_type_ensure (TRJ_TYPE_ALERT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/gouv/travail/Trajectoire/trj-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, table);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, alerts_box);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, cie_row);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, territorial_row);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, cie_entry);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, cie_cp_entry);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, territorial_entry);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, fungibility_error);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, effect_group);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, territorial_source);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, demandes_group);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, demande_error);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, caom_group);
  gtk_widget_class_bind_template_child (widget_class, TrjSummaryPage, caom_table);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
trj_summary_page_init (TrjSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_ptr_array_new ();
  self->caom_cells = g_ptr_array_new ();
  self->effect_rows = g_ptr_array_new ();
  self->effect_labels = g_ptr_array_new ();
  self->source_ids = g_ptr_array_new_with_free_func (g_free);
  self->demande_rows = g_ptr_array_new ();
  self->demande_entries = g_ptr_array_new ();
  trj_a11y_label_from_row (GTK_WIDGET (self->territorial_source));
  g_signal_connect_swapped (self->territorial_source, "notify::selected", G_CALLBACK (source_selected_cb), self);

  for (guint i = 0; i < N_FUNGIBILITY_ENTRIES; i++)
    {
      GtkEditable *entry = trj_summary_page_get_fungibility_entry (self, entry_fields[i]);

      trj_a11y_label_from_row (GTK_WIDGET (entry));
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (entry_changed_cb), self);
      g_signal_connect_swapped (entry, "activate", G_CALLBACK (entry_activate_cb), self);
    }
}

TrjSummaryPage *
trj_summary_page_new (TrjDocument *document)
{
  TrjSummaryPage *self = g_object_new (TRJ_TYPE_SUMMARY_PAGE, NULL);

  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "updated", G_CALLBACK (document_updated_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (refresh), NULL);
  refresh (self);
  return self;
}
