/* trj-subtotals-model.c — see trj-subtotals-model.h */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-subtotals-model.h"
#include "trj-catalog.h"
#include "trj-format.h"
#include "trj-gui-format.h"

/* One row: a line (its index in the envelope) or a group's sums. */
typedef struct {
  TrjSubtotalsRowKind kind;
  int                 line;        /* TRJ_SUBTOTALS_ROW_LINE */
  char               *key;         /* the group's key, "" for none */
  double              volume, ae, cp;
} Row;

struct _TrjSubtotalsModel
{
  GObject            parent_instance;

  TrjDocument       *document;
  char              *envelope_id;
  TrjSubtotalsGroup  group;
  GArray            *rows;         /* Row */
  gboolean           active;       /* shown: follows each recomputation */
  gboolean           dirty;        /* recomputed while not shown */
  TrjGridColumn      columns[TRJ_N_SUBTOTALS_COLUMNS];
  gboolean           post_aid;     /* ETP or aids: volumes with decimals, as the lines grid */
};

static void trj_subtotals_model_grid_init (TrjGridModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjSubtotalsModel, trj_subtotals_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRJ_TYPE_GRID_MODEL, trj_subtotals_model_grid_init))

static void
row_clear (Row *row)
{
  g_free (row->key);
}

static const TrjEnvelope *
envelope (TrjSubtotalsModel *self)
{
  return trj_document_get_envelope (self->document, self->envelope_id);
}

static const char *
line_key (TrjSubtotalsModel *self, const TrjLine *line)
{
  const char *key = self->group == TRJ_SUBTOTALS_BY_DEPARTEMENT ? line->departement : line->prescriber;

  return key != NULL ? key : "";
}

/* "29 Finistère" for the département code 29. */
static char *
departement_text (TrjSubtotalsModel *self, const char *code)
{
  TrjWorkbook *wb = trj_document_get_workbook (self->document);

  return trj_gui_departement (trj_workbook_get_year (wb), trj_workbook_get_region (wb), code);
}

/* Keys in order, the empty key (no département, no prescriber) last; within
 * a group the lines keep their order. */
static int
compare_lines (gconstpointer a, gconstpointer b, gpointer data)
{
  TrjSubtotalsModel *self = data;
  const TrjEnvelope *env = envelope (self);
  guint i = *(const guint *) a, j = *(const guint *) b;
  const char *x = line_key (self, env->lines->pdata[i]), *y = line_key (self, env->lines->pdata[j]);
  int order;

  if (*x == '\0' || *y == '\0')
    order = (*x == '\0') - (*y == '\0');
  else
    order = g_utf8_collate (x, y);
  return order != 0 ? order : (i > j) - (i < j);
}

static void
rebuild (TrjSubtotalsModel *self)
{
  const TrjEnvelope *env = envelope (self);
  const TrjResult *result = trj_document_get_result (self->document);
  int e = trj_document_find_envelope (self->document, self->envelope_id);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  Row total = { TRJ_SUBTOTALS_ROW_TOTAL, -1, NULL, 0, 0, 0 };
  Row subtotal = { TRJ_SUBTOTALS_ROW_SUBTOTAL, -1, NULL, 0, 0, 0 };

  self->dirty = FALSE;
  g_array_set_size (self->rows, 0);
  if (env == NULL || e < 0 || result == NULL)
    return;
  for (guint l = 0; l < env->lines->len; l++)
    g_array_append_val (order, l);
  g_array_sort_with_data (order, compare_lines, self);
  for (guint i = 0; i < order->len; i++)
    {
      guint l = g_array_index (order, guint, i);
      const char *key = line_key (self, env->lines->pdata[l]);
      const TrjFigures *f = &trj_result_line (result, e, l)->f;
      Row row = { TRJ_SUBTOTALS_ROW_LINE, (int) l, NULL, f->volume, f->ae_total, f->cp_total };

      g_array_append_val (self->rows, row);
      subtotal.volume += f->volume;
      subtotal.ae += f->ae_total;
      subtotal.cp += f->cp_total;
      /* The group ends with the last line of its key. */
      if (i + 1 == order->len ||
          !g_str_equal (key, line_key (self, env->lines->pdata[g_array_index (order, guint, i + 1)])))
        {
          subtotal.key = g_strdup (key);
          g_array_append_val (self->rows, subtotal);
          total.volume += subtotal.volume;
          total.ae += subtotal.ae;
          total.cp += subtotal.cp;
          subtotal = (Row) { TRJ_SUBTOTALS_ROW_SUBTOTAL, -1, NULL, 0, 0, 0 };
        }
    }
  g_array_append_val (self->rows, total);
}

static void
refresh (TrjSubtotalsModel *self)
{
  guint before = self->rows->len;

  rebuild (self);
  trj_grid_model_changed (TRJ_GRID_MODEL (self), 0, before, self->rows->len);
}

/* Grouping costs a sort of the lines: only while the rows are shown. */
static void
document_updated_cb (TrjSubtotalsModel *self)
{
  if (self->active)
    refresh (self);
  else
    self->dirty = TRUE;
}

/* ── TrjGridModel ────────────────────────────────────────────────────── */

static guint
get_n_rows (TrjGridModel *model)
{
  return TRJ_SUBTOTALS_MODEL (model)->rows->len;
}

static guint
get_n_columns (TrjGridModel *model)
{
  return TRJ_N_SUBTOTALS_COLUMNS;
}

static const TrjGridColumn *
get_column (TrjGridModel *model, guint column)
{
  return &TRJ_SUBTOTALS_MODEL (model)->columns[column];
}

static char *
group_text (TrjSubtotalsModel *self, const char *key)
{
  if (*key == '\0')
    return g_strdup (self->group == TRJ_SUBTOTALS_BY_DEPARTEMENT ? _("No département") : _("No prescriber"));
  return self->group == TRJ_SUBTOTALS_BY_DEPARTEMENT ? departement_text (self, key) : g_strdup (key);
}

static char *
get_text (TrjGridModel *model, guint r, guint column)
{
  TrjSubtotalsModel *self = TRJ_SUBTOTALS_MODEL (model);
  const Row *row = r < self->rows->len ? &g_array_index (self->rows, Row, r) : NULL;
  const TrjEnvelope *env = envelope (self);
  const TrjLine *line = row != NULL && row->kind == TRJ_SUBTOTALS_ROW_LINE && env != NULL &&
                        row->line < (int) env->lines->len ? env->lines->pdata[row->line] : NULL;
  gboolean group_column = column == (self->group == TRJ_SUBTOTALS_BY_DEPARTEMENT
                                     ? TRJ_SUBTOTALS_COLUMN_DEPARTEMENT : TRJ_SUBTOTALS_COLUMN_PRESCRIBER);

  if (row == NULL || (row->kind == TRJ_SUBTOTALS_ROW_LINE && line == NULL))
    return g_strdup ("");
  switch ((TrjSubtotalsColumn) column)
    {
    case TRJ_SUBTOTALS_COLUMN_LABEL:
      if (row->kind == TRJ_SUBTOTALS_ROW_TOTAL)
        return g_strdup (_("Total"));
      if (row->kind == TRJ_SUBTOTALS_ROW_SUBTOTAL)
        {
          g_autofree char *group = group_text (self, row->key);

          /* TRANSLATORS: a subtotal row of the grouped lines, %s is the group */
          return g_strdup_printf (_("Subtotal %s"), group);
        }
      return g_strdup (line->label != NULL ? line->label : "");
    case TRJ_SUBTOTALS_COLUMN_DEPARTEMENT:
    case TRJ_SUBTOTALS_COLUMN_PRESCRIBER:
      if (row->kind == TRJ_SUBTOTALS_ROW_SUBTOTAL)
        return group_column ? group_text (self, row->key) : g_strdup ("");
      if (row->kind == TRJ_SUBTOTALS_ROW_TOTAL)
        return g_strdup ("");
      if (column == TRJ_SUBTOTALS_COLUMN_DEPARTEMENT)
        return departement_text (self, line->departement);
      return g_strdup (line->prescriber != NULL ? line->prescriber : "");
    case TRJ_SUBTOTALS_COLUMN_VOLUME:
      /* Contracts rounded (MODEL 2.4); ETP and aids as in the lines grid (12,5). */
      return self->post_aid ? trj_format_decimal (row->volume, 2) : trj_gui_integer (row->volume);
    case TRJ_SUBTOTALS_COLUMN_AE:
      return trj_gui_money (row->ae);
    case TRJ_SUBTOTALS_COLUMN_CP:
      return trj_gui_money (row->cp);
    case TRJ_N_SUBTOTALS_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
set_cell (TrjGridModel *model, guint row, guint column, const char *text, GError **error)
{
  g_set_error_literal (error, TRJ_GRID_ERROR, TRJ_GRID_ERROR_READ_ONLY,
                       _("Subtotals are computed: type in the lines"));
  return FALSE;
}

static void
trj_subtotals_model_grid_init (TrjGridModelInterface *iface)
{
  iface->get_n_rows = get_n_rows;
  iface->get_n_columns = get_n_columns;
  iface->get_column = get_column;
  iface->get_text = get_text;
  iface->set_cell = set_cell;
}

/* ── GObject ─────────────────────────────────────────────────────────── */

static void
trj_subtotals_model_finalize (GObject *object)
{
  TrjSubtotalsModel *self = TRJ_SUBTOTALS_MODEL (object);

  g_array_unref (self->rows);
  g_clear_object (&self->document);
  g_free (self->envelope_id);
  G_OBJECT_CLASS (trj_subtotals_model_parent_class)->finalize (object);
}

static void
trj_subtotals_model_class_init (TrjSubtotalsModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trj_subtotals_model_finalize;
}

static void
trj_subtotals_model_init (TrjSubtotalsModel *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
}

TrjSubtotalsModel *
trj_subtotals_model_new (TrjDocument *document, const char *envelope_id)
{
  TrjSubtotalsModel *self = g_object_new (TRJ_TYPE_SUBTOTALS_MODEL, NULL);
  /* Read-only figures; widths as the lines grid's. */
  const TrjGridColumn template[TRJ_N_SUBTOTALS_COLUMNS] = {
    { _("Label"), 9, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, FALSE, .expand = TRUE },
    { _("Département"), 14, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, FALSE },
    { _("Prescriber"), 12, TRJ_GRID_ALIGN_START, TRJ_GRID_VALUE_TEXT, FALSE },
    { _("Volume"), 6, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_INTEGER, FALSE },
    { _("AE"), 10, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, FALSE },
    { _("CP of\nthe year"), 10, TRJ_GRID_ALIGN_END, TRJ_GRID_VALUE_MONEY, FALSE },
  };

  const TrjCatalogEnvelope *known = trj_catalog_envelope (envelope_id);

  g_return_val_if_fail (TRJ_IS_DOCUMENT (document), NULL);
  memcpy (self->columns, template, sizeof template);
  if (known != NULL && (known->unit == TRJ_UNIT_ETP || known->unit == TRJ_UNIT_AIDS))
    {
      self->post_aid = TRUE;
      self->columns[TRJ_SUBTOTALS_COLUMN_VOLUME].title = known->unit == TRJ_UNIT_ETP ? _("ETP") : _("Aids");
      self->columns[TRJ_SUBTOTALS_COLUMN_VOLUME].kind = TRJ_GRID_VALUE_DECIMAL;
    }
  self->document = g_object_ref (document);
  self->envelope_id = g_strdup (envelope_id);
  g_signal_connect_object (document, "updated", G_CALLBACK (document_updated_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
  return self;
}

void
trj_subtotals_model_set_group (TrjSubtotalsModel *self, TrjSubtotalsGroup group)
{
  g_return_if_fail (TRJ_IS_SUBTOTALS_MODEL (self));

  if (self->group == group)
    return;
  self->group = group;
  refresh (self);
}

void
trj_subtotals_model_set_active (TrjSubtotalsModel *self, gboolean active)
{
  g_return_if_fail (TRJ_IS_SUBTOTALS_MODEL (self));

  self->active = active;
  if (active && self->dirty)
    refresh (self);
}

TrjSubtotalsGroup
trj_subtotals_model_get_group (TrjSubtotalsModel *self)
{
  g_return_val_if_fail (TRJ_IS_SUBTOTALS_MODEL (self), TRJ_SUBTOTALS_BY_DEPARTEMENT);
  return self->group;
}

TrjSubtotalsRowKind
trj_subtotals_model_row_kind (TrjSubtotalsModel *self, guint row)
{
  g_return_val_if_fail (TRJ_IS_SUBTOTALS_MODEL (self) && row < self->rows->len, TRJ_SUBTOTALS_ROW_TOTAL);
  return g_array_index (self->rows, Row, row).kind;
}
