/* trj-consolidation.c — regions × envelopes, national totals, xlsx export */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "trj-catalog.h"
#include "trj-consolidation.h"
#include "trj-format.h"
#include "trj-json.h"
#include "trj-programming.h"
#include "trj-xlsx-book.h"
#include "trj-year-data.h"

struct _TrjConsolidation {
  int year;
  GPtrArray *regions;      /* TrjConsolidationRegion* */
  GPtrArray *envelopes;    /* char*, NULL-terminated view kept up to date */
};

static void
region_free (TrjConsolidationRegion *region)
{
  g_free (region->source);
  g_free (region->scenario_name);
  trj_scenario_free (region->scenario);
  trj_result_free (region->result);
  g_free (region);
}

TrjConsolidation *
trj_consolidation_new (void)
{
  TrjConsolidation *self = g_new0 (TrjConsolidation, 1);

  self->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  self->envelopes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->envelopes, NULL);
  return self;
}

void
trj_consolidation_free (TrjConsolidation *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->regions);
  g_ptr_array_unref (self->envelopes);
  g_free (self);
}

/* Position of a region in the year's notification; unknown regions go last. */
static guint
region_rank (int year, const char *name)
{
  const TrjYearData *data = trj_year_data_get (year, NULL);
  const TrjRegion *region = data != NULL ? trj_year_data_find_region (data, name) : NULL;

  for (guint i = 0; region != NULL && i < data->regions->len; i++)
    if (g_ptr_array_index (data->regions, i) == region)
      return i;
  return G_MAXUINT;
}

static int
compare_regions (gconstpointer a, gconstpointer b)
{
  const TrjConsolidationRegion *ra = *(TrjConsolidationRegion **) a;
  const TrjConsolidationRegion *rb = *(TrjConsolidationRegion **) b;
  guint rank_a = region_rank (ra->scenario->year, ra->scenario->region);
  guint rank_b = region_rank (rb->scenario->year, rb->scenario->region);

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return g_utf8_collate (ra->scenario->region, rb->scenario->region);
}

static gboolean
has_envelope (const TrjConsolidation *self, const char *id)
{
  for (guint i = 0; i + 1 < self->envelopes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->envelopes, i), id))
      return TRUE;
  return FALSE;
}

static void
add_envelope (TrjConsolidation *self, const char *id)
{
  /* Contrats aidés first, in catalogue order as in the notification; others
   * as they come. */
  const TrjCatalogEnvelope *known = trj_catalog_envelope (id);
  guint position = self->envelopes->len - 1;

  if (has_envelope (self, id))
    return;
  if (known != NULL && trj_kind_shape (known->kinds[0]) == TRJ_LINE_SHAPE_CONTRACT)
    for (position = 0; position + 1 < self->envelopes->len; position++)
      if (trj_catalog_envelope_order (g_ptr_array_index (self->envelopes, position))
          > trj_catalog_envelope_order (id))
        break;
  g_ptr_array_insert (self->envelopes, position, g_strdup (id));
}

gboolean
trj_consolidation_add (TrjConsolidation  *self,
                       const char        *source,
                       const TrjScenario *scenario,
                       const char        *scenario_name,
                       GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  TrjConsolidationRegion *region;
  TrjResult *result;

  if (self->year != 0 && scenario->year != self->year)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is a programming of %d; the other files are of %d"),
                   source, scenario->year, self->year);
      return FALSE;
    }
  for (guint i = 0; i < self->regions->len; i++)
    {
      const TrjConsolidationRegion *other = g_ptr_array_index (self->regions, i);
      if (g_str_equal (other->scenario->region, scenario->region))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s appears twice: in “%s” and in “%s”"),
                       scenario->region, other->source, source);
          return FALSE;
        }
    }
  result = trj_programming_compute (scenario, &local_error);
  if (result == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” cannot be computed: %s"), source, local_error->message);
      return FALSE;
    }

  region = g_new0 (TrjConsolidationRegion, 1);
  region->source = g_strdup (source);
  region->scenario_name = g_strdup (scenario_name);
  region->scenario = trj_scenario_copy (scenario);
  region->result = result;
  g_ptr_array_add (self->regions, region);
  g_ptr_array_sort (self->regions, compare_regions);
  self->year = scenario->year;
  for (guint e = 0; e < scenario->envelopes->len; e++)
    add_envelope (self, ((TrjEnvelope *) g_ptr_array_index (scenario->envelopes, e))->id);
  return TRUE;
}

gboolean
trj_consolidation_add_file (TrjConsolidation *self, const char *path, GError **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *name = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_str_has_suffix (path, ".json"))
    {
      scenario = trj_json_scenario_from_file (path, &local_error);
      if (scenario == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s\u202f: %s", display, local_error->message);
          return FALSE;
        }
    }
  else
    {
      scenario = trj_programming_read_xlsx (path, &name, error);
      if (scenario == NULL)
        return FALSE;
    }
  return trj_consolidation_add (self, display, scenario, name, error);
}

int
trj_consolidation_get_year (const TrjConsolidation *self)
{
  return self->year;
}

guint
trj_consolidation_get_n_regions (const TrjConsolidation *self)
{
  return self->regions->len;
}

const TrjConsolidationRegion *
trj_consolidation_get_region (const TrjConsolidation *self, guint index)
{
  g_return_val_if_fail (index < self->regions->len, NULL);
  return g_ptr_array_index (self->regions, index);
}

const char *const *
trj_consolidation_get_envelopes (const TrjConsolidation *self)
{
  return (const char *const *) self->envelopes->pdata;
}

/* Adds value · weight to a weighted sum when the value is defined. */
static void
weigh (double value, double weight, double *sum, double *weights)
{
  if (isfinite (value) && weight > 0)
    {
      *sum += value * weight;
      *weights += weight;
    }
}

void
trj_consolidation_get_totals (const TrjConsolidation *self,
                              const char             *envelope_id,
                              TrjConsolidationTotals *out)
{
  double sums[4] = { 0 }, weights[4] = { 0 };
  const TrjYearData *data;

  memset (out, 0, sizeof *out);
  for (guint r = 0; r < self->regions->len; r++)
    {
      const TrjConsolidationRegion *region = g_ptr_array_index (self->regions, r);
      int e = trj_scenario_envelope_index (region->scenario, envelope_id);
      const TrjEnvelope *env;
      const TrjEnvelopeResult *er;

      if (e < 0)
        continue;
      env = g_ptr_array_index (region->scenario->envelopes, e);
      er = &region->result->envelopes[e];
      out->n_regions++;
      out->ae_notified += env->ae_notified;
      out->cp_notified += env->cp_notified;
      out->volume_notified += env->volume_notified;
      out->ae_available += er->ae_available;
      out->cp_available += er->cp_available;
      out->ae_total += er->f.ae_total;
      out->cp_total += er->f.cp_total;
      out->volume += er->f.volume;
      out->ae_margin += er->ae_margin;
      out->cp_margin += er->cp_margin;
      if (isfinite (er->capacity))
        out->capacity += er->capacity;
      weigh (er->avg_rate, er->f.volume, &sums[0], &weights[0]);
      weigh (er->avg_hours, er->f.volume, &sums[1], &weights[1]);
      weigh (er->avg_duration, er->f.volume, &sums[2], &weights[2]);
      weigh (er->avg_cofinancing, er->f.volume, &sums[3], &weights[3]);
      out->n_alerts += trj_programming_envelope_alerts (region->result, e);
    }
  out->avg_rate = weights[0] > 0 ? sums[0] / weights[0] : NAN;
  out->avg_hours = weights[1] > 0 ? sums[1] / weights[1] : NAN;
  out->avg_duration = weights[2] > 0 ? sums[2] / weights[2] : NAN;
  out->avg_cofinancing = weights[3] > 0 ? sums[3] / weights[3] : NAN;
  out->national_ae = out->national_cp = out->national_volume = NAN;
  if ((data = trj_year_data_get (self->year, NULL)) != NULL)
    trj_year_data_national (data, envelope_id,
                            &out->national_ae, &out->national_cp, &out->national_volume);
}

/* ── xlsx ──────────────────────────────────────────────────────────────── */

typedef enum {
  COL_ENVELOPE, COL_REGION,
  COL_AE_NOTIFIED, COL_CP_NOTIFIED, COL_VOLUME_NOTIFIED,
  COL_AE_TOTAL, COL_CP_TOTAL, COL_VOLUME,
  COL_AE_MARGIN, COL_CP_MARGIN, COL_CAPACITY,
  COL_AVG_RATE, COL_AVG_HOURS, COL_AVG_DURATION, COL_AVG_COFINANCING,
  COL_ALERTS, COL_SOURCE,
  N_COLS
} Column;

static const struct {
  const char *header;   /* N_() */
  TrjXlsxStyle style;
  gboolean summed;      /* national total is a SUM */
} columns[N_COLS] = {
  [COL_ENVELOPE]        = { N_("Envelope"), TRJ_XLSX_TEXT, FALSE },
  [COL_REGION]          = { N_("Region"), TRJ_XLSX_TEXT, FALSE },
  [COL_AE_NOTIFIED]     = { N_("AE notified"), TRJ_XLSX_MONEY, TRUE },
  [COL_CP_NOTIFIED]     = { N_("CP notified"), TRJ_XLSX_MONEY, TRUE },
  [COL_VOLUME_NOTIFIED] = { N_("Volume notified (in the envelope’s unit)"), TRJ_XLSX_COUNT, TRUE },
  [COL_AE_TOTAL]        = { N_("AE programmed"), TRJ_XLSX_MONEY, TRUE },
  [COL_CP_TOTAL]        = { N_("CP programmed"), TRJ_XLSX_MONEY, TRUE },
  [COL_VOLUME]          = { N_("Volume programmed (in the envelope’s unit)"), TRJ_XLSX_COUNT, TRUE },
  [COL_AE_MARGIN]       = { N_("AE margin"), TRJ_XLSX_MONEY, TRUE },
  [COL_CP_MARGIN]       = { N_("CP margin"), TRJ_XLSX_MONEY, TRUE },
  [COL_CAPACITY]        = { N_("Capacity (in the envelope’s unit)"), TRJ_XLSX_COUNT, TRUE },
  [COL_AVG_RATE]        = { N_("Average rate of State aid"), TRJ_XLSX_PERCENT, FALSE },
  [COL_AVG_HOURS]       = { N_("Average weekly hours"), TRJ_XLSX_DECIMAL, FALSE },
  [COL_AVG_DURATION]    = { N_("Average duration (months)"), TRJ_XLSX_DECIMAL, FALSE },
  [COL_AVG_COFINANCING] = { N_("Average cofinanced share"), TRJ_XLSX_PERCENT, FALSE },
  [COL_ALERTS]          = { N_("Alerts"), TRJ_XLSX_COUNT, TRUE },
  [COL_SOURCE]          = { N_("File"), TRJ_XLSX_TEXT, FALSE },
};

static void
region_values (const TrjConsolidationRegion *region, int e, double *values)
{
  const TrjEnvelope *env = g_ptr_array_index (region->scenario->envelopes, e);
  const TrjEnvelopeResult *er = &region->result->envelopes[e];

  values[COL_AE_NOTIFIED] = env->ae_notified;
  values[COL_CP_NOTIFIED] = env->cp_notified;
  values[COL_VOLUME_NOTIFIED] = env->volume_notified;
  values[COL_AE_TOTAL] = er->f.ae_total;
  values[COL_CP_TOTAL] = er->f.cp_total;
  values[COL_VOLUME] = er->f.volume;
  values[COL_AE_MARGIN] = er->ae_margin;
  values[COL_CP_MARGIN] = er->cp_margin;
  values[COL_CAPACITY] = er->capacity;
  values[COL_AVG_RATE] = er->avg_rate;
  values[COL_AVG_HOURS] = er->avg_hours;
  values[COL_AVG_DURATION] = er->avg_duration;
  values[COL_AVG_COFINANCING] = er->avg_cofinancing;
  values[COL_ALERTS] = trj_programming_envelope_alerts (region->result, e);
}

static void
totals_values (const TrjConsolidationTotals *t, double *values)
{
  values[COL_AE_NOTIFIED] = t->ae_notified;
  values[COL_CP_NOTIFIED] = t->cp_notified;
  values[COL_VOLUME_NOTIFIED] = t->volume_notified;
  values[COL_AE_TOTAL] = t->ae_total;
  values[COL_CP_TOTAL] = t->cp_total;
  values[COL_VOLUME] = t->volume;
  values[COL_AE_MARGIN] = t->ae_margin;
  values[COL_CP_MARGIN] = t->cp_margin;
  values[COL_CAPACITY] = t->capacity;
  values[COL_AVG_RATE] = t->avg_rate;
  values[COL_AVG_HOURS] = t->avg_hours;
  values[COL_AVG_DURATION] = t->avg_duration;
  values[COL_AVG_COFINANCING] = t->avg_cofinancing;
  values[COL_ALERTS] = t->n_alerts;
}

/* One block per envelope: its regions, the national total (SUM formulas), the
 * national notification and the gap between them. Returns the next row;
 * *first and *last are the block's region rows. */
static lxw_row_t
write_envelope_block (const TrjConsolidation *self, TrjXlsxBook *book, TrjXlsxPage *page,
                      lxw_row_t row, const char *envelope_id, lxw_row_t *first_out,
                      lxw_row_t *last_out)
{
  const TrjCatalogEnvelope *known = trj_catalog_envelope (envelope_id);
  /* MODEL 3: the unit of the block's volumes and capacity. */
  g_autofree char *label = known != NULL && known->unit != TRJ_UNIT_EUROS
    ? g_strdup_printf (_("%s (%s)"), trj_catalog_envelope_title (envelope_id),
                       trj_programming_unit_label (known->unit))
    : g_strdup (trj_catalog_envelope_title (envelope_id));
  TrjConsolidationTotals totals;
  double values[N_COLS];
  lxw_row_t first = row;
  lxw_row_t total_row;

  trj_consolidation_get_totals (self, envelope_id, &totals);
  for (guint r = 0; r < self->regions->len; r++)
    {
      const TrjConsolidationRegion *region = g_ptr_array_index (self->regions, r);
      int e = trj_scenario_envelope_index (region->scenario, envelope_id);

      if (e < 0)
        continue;
      region_values (region, e, values);
      trj_xlsx_page_text (page, row, COL_ENVELOPE, label, NULL);
      trj_xlsx_page_text (page, row, COL_REGION, region->scenario->region, NULL);
      for (int c = COL_AE_NOTIFIED; c <= COL_ALERTS; c++)
        trj_xlsx_page_number (book, page, row, c, values[c], columns[c].style, FALSE);
      trj_xlsx_page_text (page, row, COL_SOURCE, region->source, NULL);
      row++;
    }

  *first_out = first;
  *last_out = row - 1;
  total_row = row;
  totals_values (&totals, values);
  trj_xlsx_page_text (page, row, COL_ENVELOPE, label, book->style_bold[TRJ_XLSX_TEXT]);
  trj_xlsx_page_text (page, row, COL_REGION, _("National total"), book->style_bold[TRJ_XLSX_TEXT]);
  for (int c = COL_AE_NOTIFIED; c <= COL_ALERTS; c++)
    {
      if (columns[c].summed && row > first)
        {
          g_autofree char *formula = trj_xlsx_sum_formula (first, c, row - 1, c);
          trj_xlsx_page_formula (book, page, row, c, formula, values[c], columns[c].style, TRUE);
        }
      else
        trj_xlsx_page_number (book, page, row, c, values[c], columns[c].style, TRUE);
    }
  row++;

  if (isfinite (totals.national_ae))
    {
      const Column notified[3] = { COL_AE_NOTIFIED, COL_CP_NOTIFIED, COL_VOLUME_NOTIFIED };
      const double national_values[3] = { totals.national_ae, totals.national_cp,
                                          totals.national_volume };

      trj_xlsx_page_text (page, row, COL_REGION, _("National notification"), NULL);
      trj_xlsx_page_text (page, row + 1, COL_REGION, _("Regions minus national notification"), NULL);
      for (int k = 0; k < 3; k++)
        {
          g_autofree char *sum = trj_xlsx_cell_name (total_row, notified[k]);
          g_autofree char *nat = trj_xlsx_cell_name (row, notified[k]);
          g_autofree char *gap = g_strdup_printf ("=%s-%s", sum, nat);

          if (!isfinite (national_values[k]))
            continue;
          trj_xlsx_page_number (book, page, row, notified[k], national_values[k],
                                columns[notified[k]].style, FALSE);
          trj_xlsx_page_formula (book, page, row + 1, notified[k], gap,
                                 values[notified[k]] - national_values[k],
                                 columns[notified[k]].style, FALSE);
        }
      row += 2;
    }
  return row + 1;
}

/* Notified and programmed AE of each region, as horizontal bars, from the
 * block's cells (the chart follows a validator's changes). */
static void
add_chart (TrjXlsxBook *book, TrjXlsxPage *charts, guint index, const char *sheet,
           const char *envelope_id, lxw_row_t first, lxw_row_t last)
{
  g_autofree char *title = g_strdup_printf (_("AE by region — %s"),
                                            trj_catalog_envelope_title (envelope_id));
  lxw_chart_options options = { .x_scale = 2.0, .y_scale = 2.2 };
  lxw_chart *chart;
  lxw_chart_series *notified, *programmed;

  if (last < first)
    return;
  chart = workbook_add_chart (book->wb, LXW_CHART_BAR);
  notified = chart_add_series (chart, NULL, NULL);
  programmed = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (notified, sheet, first, COL_REGION, last, COL_REGION);
  chart_series_set_values (notified, sheet, first, COL_AE_NOTIFIED, last, COL_AE_NOTIFIED);
  chart_series_set_name (notified, _(columns[COL_AE_NOTIFIED].header));
  chart_series_set_categories (programmed, sheet, first, COL_REGION, last, COL_REGION);
  chart_series_set_values (programmed, sheet, first, COL_AE_TOTAL, last, COL_AE_TOTAL);
  chart_series_set_name (programmed, _(columns[COL_AE_TOTAL].header));
  chart_title_set_name (chart, title);
  /* In a bar chart the categories are on the vertical axis (y_axis): first
   * region at the top, as in the table. */
  chart_axis_set_reverse (chart->y_axis);
  chart_axis_set_num_format (chart->x_axis, "#,##0\\ \"€\"");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  worksheet_insert_chart_opt (charts->ws, 1 + index * 34, 1, chart, &options);
}

gboolean
trj_consolidation_write_xlsx (const TrjConsolidation *self, const char *path, GError **error)
{
  g_autofree char *title = g_strdup_printf (_("National consolidation — %d"), self->year);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = trj_format_date (now);
  g_autofree char *count = NULL;
  const char *regions_name = _("Regions");
  TrjXlsxBook *book;
  TrjXlsxPage page, charts;
  lxw_row_t row = 1;

  if (self->regions->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("No regional file to consolidate"));
      return FALSE;
    }
  book = trj_xlsx_book_new (path, title, error);
  if (book == NULL)
    return FALSE;
  {
    lxw_doc_properties props = {
      .title = title,
      .subject = (char *) _("Contrats aidés: national consolidation of the regional programmings"),
      .author = (char *) "Trajectoire",
      .category = (char *) _("National consolidation"),
      .created = g_date_time_to_unix (now),
    };
    workbook_set_properties (book->wb, &props);
  }

  page = trj_xlsx_book_add_page (book, regions_name, 2, 2);
  count = g_strdup_printf (ngettext ("%s — %u region, consolidated on %s",
                                     "%s — %u regions, consolidated on %s", self->regions->len),
                           title, self->regions->len, date);
  worksheet_write_string (page.ws, 0, 0, count, book->title);
  for (int c = 0; c < N_COLS; c++)
    trj_xlsx_page_header (book, &page, row, c, _(columns[c].header));
  row++;
  charts = trj_xlsx_book_add_page (book, _("Charts"), 0, 0);
  for (guint e = 0; e + 1 < self->envelopes->len; e++)
    {
      const char *envelope_id = g_ptr_array_index (self->envelopes, e);
      lxw_row_t first, last;

      row = write_envelope_block (self, book, &page, row, envelope_id, &first, &last);
      add_chart (book, &charts, e, regions_name, envelope_id, first, last);
    }
  trj_xlsx_page_finish (&page);
  return trj_xlsx_book_close (book, error);
}
