/* trj-compare.c — see trj-compare.h */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-compare.h"
#include "trj-diff.h"
#include "trj-format.h"
#include "trj-programming.h"
#include "trj-xlsx-book.h"

static TrjCompareUnit
compare_unit (TrjDiffUnit unit)
{
  switch (unit)
    {
    case TRJ_DIFF_UNIT_MONEY:   return TRJ_COMPARE_UNIT_MONEY;
    case TRJ_DIFF_UNIT_SHARE:   return TRJ_COMPARE_UNIT_SHARE;
    case TRJ_DIFF_UNIT_COUNT:   return TRJ_COMPARE_UNIT_COUNT;
    case TRJ_DIFF_UNIT_DECIMAL:
    default:                    return TRJ_COMPARE_UNIT_DECIMAL;
    }
}

static char *
format_value (TrjCompareUnit unit, double value)
{
  if (isnan (value))
    return g_strdup ("");
  switch (unit)
    {
    case TRJ_COMPARE_UNIT_MONEY:   return trj_format_money (value);
    case TRJ_COMPARE_UNIT_SHARE:   return trj_format_percent (value, 1);
    case TRJ_COMPARE_UNIT_COUNT:   return trj_format_decimal (value, 1);
    case TRJ_COMPARE_UNIT_DECIMAL: return trj_format_decimal (value, 2);
    case TRJ_COMPARE_UNIT_TEXT:
    default:                       return g_strdup ("");
    }
}

/* A line as a person names it: its label, else « PEC — 29 — France Travail »;
 * then its id. */
static char *
line_title (const TrjLine *line)
{
  GString *s = g_string_new (NULL);

  if (line->label != NULL && *line->label != '\0')
    g_string_append (s, line->label);
  else
    {
      g_string_append (s, trj_catalog_kind_title (line->kind));
      if (line->departement != NULL && *line->departement != '\0')
        g_string_append_printf (s, " — %s", line->departement);
      if (line->prescriber != NULL && *line->prescriber != '\0')
        g_string_append_printf (s, " — %s", line->prescriber);
    }
  /* TRANSLATORS: after a line's name, its identifier */
  g_string_append_printf (s, _(" (id %s)"), line->id);
  return g_string_free (s, FALSE);
}

/* The per-scenario texts one by one: a scenario without the line leaves a
 * NULL before the others (g_strfreev would stop there). */
static void
texts_free (char **texts, guint n)
{
  for (guint i = 0; texts != NULL && i < n; i++)
    g_free (texts[i]);
  g_free (texts);
}

static void
row_free (TrjCompareRow *row)
{
  g_free (row->label);
  g_free (row->envelope);
  g_free (row->line);
  g_free (row->values);
  texts_free (row->values_text, row->n_values);
  texts_free (row->texts, row->n_values);
  g_free (row->marks);
  texts_free (row->details, row->n_values);
  g_free (row);
}

static TrjCompareRow *
row_new (const TrjCompare *cmp, TrjCompareRowKind kind, const char *label, const char *envelope,
         const char *line, const char *key, TrjCompareUnit unit)
{
  TrjCompareRow *row = g_new0 (TrjCompareRow, 1);
  guint n = cmp->n_scenarios;

  row->kind = kind;
  row->label = g_strdup (label);
  row->envelope = g_strdup (envelope);
  row->line = g_strdup (line);
  row->key = key;
  row->unit = unit;
  row->n_values = n;
  row->values = g_new (double, n);
  row->values_text = g_new0 (char *, n + 1);
  row->texts = g_new0 (char *, n + 1);
  row->marks = g_new0 (TrjCompareMark, n);
  if (g_strcmp0 (key, "alerts") == 0)
    row->details = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    row->values[i] = NAN;
  return row;
}

/* Where one item (an envelope or a line) is in each scenario: -1 when missing. */
typedef struct {
  int envelope, line;
} Place;

/* Each scenario's texts, marks against the reference (column 0). An item
 * missing from the reference is ADDED where present; one of the reference
 * missing from a scenario is REMOVED there. */
static void
row_finish (TrjCompare *cmp, TrjCompareRow *row, const Place *places)
{
  gboolean in_ref = places[0].envelope >= 0;

  for (guint i = 0; i < cmp->n_scenarios; i++)
    {
      if (row->values_text[i] == NULL)
        row->values_text[i] = row->kind == TRJ_COMPARE_ROW_VALUE ? format_value (row->unit, row->values[i])
                                                                 : g_strdup ("");
      if (places[i].envelope < 0)
        row->marks[i] = in_ref ? TRJ_COMPARE_REMOVED : TRJ_COMPARE_SAME;
      else if (!in_ref)
        row->marks[i] = TRJ_COMPARE_ADDED;
      else if (i > 0 && row->kind == TRJ_COMPARE_ROW_VALUE &&
               (row->unit == TRJ_COMPARE_UNIT_TEXT
                ? g_strcmp0 (row->values_text[0], row->values_text[i]) != 0
                : !(isnan (row->values[0]) && isnan (row->values[i])) && row->values[0] != row->values[i]))
        /* Even when equal once rounded for display: said with both texts. */
        row->marks[i] = TRJ_COMPARE_CHANGED;
      else
        row->marks[i] = TRJ_COMPARE_SAME;

      if (row->kind != TRJ_COMPARE_ROW_VALUE)
        {
          if (row->marks[i] == TRJ_COMPARE_ADDED)
            row->texts[i] = g_strdup (row->kind == TRJ_COMPARE_ROW_LINE ? _("line added") : _("envelope added"));
          else if (row->marks[i] == TRJ_COMPARE_REMOVED)
            row->texts[i] = g_strdup (row->kind == TRJ_COMPARE_ROW_LINE ? _("line removed") : _("envelope removed"));
          else
            row->texts[i] = g_strdup ("");
          if (i > 0 && (row->marks[i] == TRJ_COMPARE_ADDED || row->marks[i] == TRJ_COMPARE_REMOVED))
            cmp->n_changes++;
        }
      else if (row->marks[i] == TRJ_COMPARE_CHANGED)
        {
          /* TRANSLATORS: a changed value in the comparison: « ancien → nouveau » */
          row->texts[i] = g_strdup_printf (_("%s → %s"),
                                           *row->values_text[0] ? row->values_text[0] : "—",
                                           *row->values_text[i] ? row->values_text[i] : "—");
          cmp->n_changes++;
        }
      else
        row->texts[i] = g_strdup (row->values_text[i]);
    }
}

/* The codes of the alerts of an envelope (line -1) or of a line, sorted,
 * joined; their French messages in *details. */
static char *
alert_codes (const TrjScenario *s, const TrjResult *r, int envelope, int line, char **details)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GString *messages = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < r->n_alerts; i++)
    {
      const TrjAlert *alert = &r->alerts[i];
      g_autofree char *message = NULL;

      if (alert->envelope != envelope || alert->line != line)
        continue;
      g_ptr_array_add (codes, (gpointer) trj_alert_code_to_string (alert->code));
      message = trj_alert_message (s, alert);
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, message);
    }
  g_ptr_array_sort (codes, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < codes->len; i++)
    {
      /* Compared as a set: one code once. */
      if (i > 0 && g_str_equal (g_ptr_array_index (codes, i), g_ptr_array_index (codes, i - 1)))
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (codes, i));
    }
  *details = g_string_free (messages, FALSE);
  if (out->len == 0)
    /* TRANSLATORS: no alert, in the comparison */
    g_string_append (out, _("none"));
  return g_string_free (out, FALSE);
}

static void
add_envelope_rows (TrjCompare *cmp, const char *id, const Place *places)
{
  TrjCompareRow *row = row_new (cmp, TRJ_COMPARE_ROW_ENVELOPE, trj_catalog_envelope_title (id), id, NULL,
                                NULL, TRJ_COMPARE_UNIT_TEXT);

  row_finish (cmp, row, places);
  g_ptr_array_add (cmp->rows, row);
  for (TrjDiffEnvelopeKey k = 0; k < TRJ_DIFF_N_ENVELOPE_KEYS; k++)
    {
      const TrjDiffKey *key = &trj_diff_envelope_keys[k];

      if (key->heading == NULL)
        continue;
      row = row_new (cmp, TRJ_COMPARE_ROW_VALUE, _(key->heading), id, NULL, key->key, compare_unit (key->unit));
      for (guint i = 0; i < cmp->n_scenarios; i++)
        if (places[i].envelope >= 0)
          row->values[i] = trj_diff_envelope_value (&cmp->results[i]->envelopes[places[i].envelope], k);
      row_finish (cmp, row, places);
      g_ptr_array_add (cmp->rows, row);
    }
  row = row_new (cmp, TRJ_COMPARE_ROW_VALUE, _("Alerts"), id, NULL, "alerts", TRJ_COMPARE_UNIT_TEXT);
  for (guint i = 0; i < cmp->n_scenarios; i++)
    if (places[i].envelope >= 0)
      row->values_text[i] = alert_codes (cmp->scenarios[i], cmp->results[i], places[i].envelope, -1,
                                         &row->details[i]);
  row_finish (cmp, row, places);
  g_ptr_array_add (cmp->rows, row);
}

static const TrjLine *
line_at (const TrjCompare *cmp, guint i, const Place *p)
{
  const TrjEnvelope *env;

  if (p->envelope < 0 || p->line < 0)
    return NULL;
  env = g_ptr_array_index (cmp->scenarios[i]->envelopes, p->envelope);
  return g_ptr_array_index (env->lines, p->line);
}

static void
add_line_rows (TrjCompare *cmp, const char *envelope, const Place *places)
{
  const TrjLine *named = NULL;
  g_autofree char *title = NULL;
  TrjCompareRow *row;
  Place *line_places = g_newa (Place, cmp->n_scenarios);
  gboolean other_id = FALSE;

  for (guint i = 0; i < cmp->n_scenarios && named == NULL; i++)
    named = line_at (cmp, i, &places[i]);
  g_return_if_fail (named != NULL);
  for (guint i = 0; i < cmp->n_scenarios; i++)
    {
      const TrjLine *line = line_at (cmp, i, &places[i]);

      line_places[i] = places[i];
      if (line == NULL)
        line_places[i].envelope = -1;
      else if (!g_str_equal (line->id, named->id))
        other_id = TRUE;
    }
  title = line_title (named);
  row = row_new (cmp, TRJ_COMPARE_ROW_LINE, title, envelope, named->id, NULL, TRJ_COMPARE_UNIT_TEXT);
  row_finish (cmp, row, line_places);
  /* Matched by kind, département and prescriber: the id it had. */
  if (other_id)
    for (guint i = 1; i < cmp->n_scenarios; i++)
      {
        const TrjLine *line = line_at (cmp, i, &line_places[i]);

        if (line != NULL && !g_str_equal (line->id, named->id))
          {
            g_free (row->texts[i]);
            /* TRANSLATORS: a line matched under another id: « identifiant : cie → cie-bzh » */
            row->texts[i] = g_strdup_printf (_("id: %s → %s"), named->id, line->id);
            row->marks[i] = TRJ_COMPARE_CHANGED;
            cmp->n_changes++;
          }
      }
  g_ptr_array_add (cmp->rows, row);

  for (TrjDiffLineKey k = 0; k < TRJ_DIFF_N_LINE_KEYS; k++)
    {
      const TrjDiffKey *key = &trj_diff_line_keys[k];
      gboolean has = FALSE;

      for (guint i = 0; i < cmp->n_scenarios; i++)
        has = has || trj_diff_line_has_key (line_at (cmp, i, &line_places[i]), k);
      if (!has)
        continue;
      row = row_new (cmp, TRJ_COMPARE_ROW_VALUE, _(key->heading), envelope, named->id, key->key,
                     compare_unit (key->unit));
      for (guint i = 0; i < cmp->n_scenarios; i++)
        {
          const TrjLine *line = line_at (cmp, i, &line_places[i]);

          if (trj_diff_line_has_key (line, k))
            row->values[i] = trj_diff_line_value (line, trj_result_line (cmp->results[i],
                                                                         (guint) line_places[i].envelope,
                                                                         (guint) line_places[i].line), k);
        }
      row_finish (cmp, row, line_places);
      g_ptr_array_add (cmp->rows, row);
    }
  row = row_new (cmp, TRJ_COMPARE_ROW_VALUE, _("Alerts"), envelope, named->id, "alerts", TRJ_COMPARE_UNIT_TEXT);
  for (guint i = 0; i < cmp->n_scenarios; i++)
    if (line_places[i].envelope >= 0)
      row->values_text[i] = alert_codes (cmp->scenarios[i], cmp->results[i], line_places[i].envelope,
                                         line_places[i].line, &row->details[i]);
  row_finish (cmp, row, line_places);
  g_ptr_array_add (cmp->rows, row);
}

/* One line of the table: where it is in every scenario. */
typedef struct {
  char *envelope;
  Place *places;
} Item;

static void
item_free (Item *item)
{
  g_free (item->envelope);
  g_free (item->places);
  g_free (item);
}

static Item *
item_new (guint n, const char *envelope)
{
  Item *item = g_new0 (Item, 1);

  item->envelope = g_strdup (envelope);
  item->places = g_new (Place, n);
  for (guint i = 0; i < n; i++)
    item->places[i] = (Place) { -1, -1 };
  return item;
}

TrjCompare *
trj_compare_new (const TrjScenario * const *scenarios, const char * const *names, guint n, GError **error)
{
  g_autoptr(TrjCompare) cmp = g_new0 (TrjCompare, 1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GPtrArray) envelope_ids = g_ptr_array_new ();
  const TrjScenario *ref;

  g_return_val_if_fail (n >= 2, NULL);
  cmp->n_scenarios = n;
  cmp->names = g_new0 (char *, n + 1);
  cmp->scenarios = g_new0 (TrjScenario *, n);
  cmp->results = g_new0 (TrjResult *, n);
  cmp->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint i = 0; i < n; i++)
    {
      cmp->names[i] = g_strdup (names != NULL && names[i] != NULL ? names[i] : "");
      cmp->scenarios[i] = trj_scenario_copy (scenarios[i]);
      if ((cmp->results[i] = trj_programming_compute (cmp->scenarios[i], error)) == NULL)
        return NULL;
    }
  ref = cmp->scenarios[0];

  /* The reference's lines in its order, each placed in the others by the diff. */
  for (guint e = 0; e < ref->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (ref->envelopes, e);

      g_ptr_array_add (envelope_ids, env->id);
      for (guint l = 0; l < env->lines->len; l++)
        {
          Item *item = item_new (n, env->id);

          item->places[0] = (Place) { (int) e, (int) l };
          g_ptr_array_add (items, item);
        }
    }
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(TrjDiff) diff = trj_diff_new (ref, cmp->scenarios[i], error);

      if (diff == NULL)
        return NULL;
      for (guint e = 0; e < cmp->scenarios[i]->envelopes->len; e++)
        {
          const char *id = ((TrjEnvelope *) g_ptr_array_index (cmp->scenarios[i]->envelopes, e))->id;
          gboolean known = FALSE;

          for (guint k = 0; k < envelope_ids->len && !known; k++)
            known = g_str_equal (g_ptr_array_index (envelope_ids, k), id);
          if (!known)
            g_ptr_array_add (envelope_ids, (gpointer) id);
        }
      for (guint d = 0; d < diff->lines->len; d++)
        {
          const TrjDiffLine *dl = &g_array_index (diff->lines, TrjDiffLine, d);
          Item *item = NULL;

          if (dl->b == NULL)
            continue;
          if (dl->a != NULL)
            {
              for (guint k = 0; k < items->len && item == NULL; k++)
                {
                  Item *it = g_ptr_array_index (items, k);

                  if (it->places[0].envelope == dl->a_envelope && it->places[0].line == dl->a_line)
                    item = it;
                }
            }
          else
            {
              /* Added: the same id added in another scenario is the same line. */
              const char *env_id = ((TrjEnvelope *) g_ptr_array_index (cmp->scenarios[i]->envelopes,
                                                                        dl->b_envelope))->id;

              for (guint k = 0; k < items->len && item == NULL; k++)
                {
                  Item *it = g_ptr_array_index (items, k);

                  if (it->places[0].envelope >= 0 || !g_str_equal (it->envelope, env_id))
                    continue;
                  for (guint j = 1; j < i && item == NULL; j++)
                    {
                      const TrjLine *other = line_at (cmp, j, &it->places[j]);

                      if (other != NULL && g_str_equal (other->id, dl->b->id) && it->places[i].envelope < 0)
                        item = it;
                    }
                }
              if (item == NULL)
                {
                  item = item_new (n, env_id);
                  g_ptr_array_add (items, item);
                }
            }
          item->places[i] = (Place) { dl->b_envelope, dl->b_line };
        }
    }

  for (guint k = 0; k < envelope_ids->len; k++)
    {
      const char *id = g_ptr_array_index (envelope_ids, k);
      Place *places = g_newa (Place, n);

      for (guint i = 0; i < n; i++)
        places[i] = (Place) { trj_scenario_envelope_index (cmp->scenarios[i], id), -1 };
      add_envelope_rows (cmp, id, places);
      for (guint t = 0; t < items->len; t++)
        {
          Item *item = g_ptr_array_index (items, t);

          if (g_str_equal (item->envelope, id))
            add_line_rows (cmp, id, item->places);
        }
    }
  return g_steal_pointer (&cmp);
}

void
trj_compare_free (TrjCompare *cmp)
{
  if (cmp == NULL)
    return;
  for (guint i = 0; i < cmp->n_scenarios; i++)
    {
      if (cmp->scenarios != NULL && cmp->scenarios[i] != NULL)
        trj_scenario_free (cmp->scenarios[i]);
      if (cmp->results != NULL && cmp->results[i] != NULL)
        trj_result_free (cmp->results[i]);
    }
  g_free (cmp->scenarios);
  g_free (cmp->results);
  g_strfreev (cmp->names);
  g_clear_pointer (&cmp->rows, g_ptr_array_unref);
  g_free (cmp);
}

int
trj_compare_find_row (const TrjCompare *cmp, const char *envelope, const char *line, const char *key)
{
  for (guint r = 0; r < cmp->rows->len; r++)
    {
      const TrjCompareRow *row = g_ptr_array_index (cmp->rows, r);

      if (row->kind == TRJ_COMPARE_ROW_VALUE && g_strcmp0 (row->envelope, envelope) == 0 &&
          g_strcmp0 (row->line, line) == 0 && g_strcmp0 (row->key, key) == 0)
        return (int) r;
    }
  return -1;
}

int
trj_compare_find_line (const TrjCompare *cmp, const char *line)
{
  for (guint r = 0; r < cmp->rows->len; r++)
    {
      const TrjCompareRow *row = g_ptr_array_index (cmp->rows, r);

      if (row->kind == TRJ_COMPARE_ROW_LINE && g_strcmp0 (row->line, line) == 0)
        return (int) r;
    }
  return -1;
}

/* ── xlsx ─────────────────────────────────────────────────────────────── */

static TrjXlsxStyle
xlsx_style (TrjCompareUnit unit)
{
  switch (unit)
    {
    case TRJ_COMPARE_UNIT_MONEY:   return TRJ_XLSX_MONEY;
    case TRJ_COMPARE_UNIT_SHARE:   return TRJ_XLSX_PERCENT;
    case TRJ_COMPARE_UNIT_COUNT:   return TRJ_XLSX_DECIMAL;
    case TRJ_COMPARE_UNIT_DECIMAL: return TRJ_XLSX_DECIMAL;
    case TRJ_COMPARE_UNIT_TEXT:
    default:                       return TRJ_XLSX_TEXT;
    }
}

gboolean
trj_compare_write_xlsx (const TrjCompare *cmp, const char *path, GError **error)
{
  g_autofree char *header = g_strdup_printf (_("Comparison of scenarios · %s"), cmp->scenarios[0]->region);
  TrjXlsxBook *book = trj_xlsx_book_new (path, header, error);
  TrjXlsxPage page;
  lxw_format *changed, *heading;
  lxw_col_t n = (lxw_col_t) cmp->n_scenarios;
  lxw_row_t row = 0;

  if (book == NULL)
    return FALSE;
  if (1 + 2 * n > TRJ_XLSX_MAX_COLUMNS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("Too many scenarios for one sheet"));
      trj_xlsx_book_close (book, NULL);
      return FALSE;
    }
  /* A change is written as « ancien → nouveau » in its column and shaded. */
  changed = workbook_add_format (book->wb);
  format_set_bg_color (changed, 0xFFF2CC);
  format_set_bold (changed);
  heading = workbook_add_format (book->wb);
  format_set_bold (heading);
  format_set_bg_color (heading, 0xEDEDED);

  page = trj_xlsx_book_add_page (book, _("Comparison"), 3, 1);
  trj_xlsx_page_text (&page, row++, 0, header, book->title);
  /* TRANSLATORS: the xlsx comparison: first scenario is the reference */
  {
    g_autofree char *note = g_strdup_printf (_("Reference: “%s”. Changes are written “old → new” in the "
                                               "columns “Changes”."), cmp->names[0]);
    trj_xlsx_page_text (&page, row++, 0, note, book->note);
  }
  trj_xlsx_page_header (book, &page, row, 0, _("Envelope / line / figure"));
  for (lxw_col_t i = 0; i < n; i++)
    trj_xlsx_page_header (book, &page, row, 1 + i, cmp->names[i]);
  for (lxw_col_t i = 1; i < n; i++)
    {
      /* TRANSLATORS: column of the changes of a scenario against the reference */
      g_autofree char *title = g_strdup_printf (_("Changes: %s"), cmp->names[i]);
      trj_xlsx_page_header (book, &page, row, n + i, title);
    }
  row++;
  for (guint r = 0; r < cmp->rows->len; r++, row++)
    {
      const TrjCompareRow *cr = g_ptr_array_index (cmp->rows, r);
      lxw_format *label_format = cr->kind == TRJ_COMPARE_ROW_VALUE ? NULL : heading;
      g_autofree char *label = cr->kind == TRJ_COMPARE_ROW_LINE ? g_strdup_printf ("  %s", cr->label)
                             : cr->kind == TRJ_COMPARE_ROW_VALUE ? g_strdup_printf ("    %s", cr->label)
                             : g_strdup (cr->label);

      trj_xlsx_page_text (&page, row, 0, label, label_format);
      for (lxw_col_t i = 0; i < n; i++)
        {
          gboolean is_changed = cr->marks[i] != TRJ_COMPARE_SAME;

          if (cr->kind != TRJ_COMPARE_ROW_VALUE)
            trj_xlsx_page_text (&page, row, 1 + i, cr->texts[i], is_changed ? changed : heading);
          else if (cr->unit == TRJ_COMPARE_UNIT_TEXT)
            trj_xlsx_page_text (&page, row, 1 + i, cr->values_text[i], NULL);
          else
            trj_xlsx_page_number (book, &page, row, 1 + i, cr->values[i], xlsx_style (cr->unit), FALSE);
          if (i > 0 && is_changed)
            trj_xlsx_page_text (&page, row, n + i,
                                cr->kind == TRJ_COMPARE_ROW_VALUE ? cr->texts[i] : cr->texts[i], changed);
        }
    }
  trj_xlsx_page_finish (&page);
  return trj_xlsx_book_close (book, error);
}
