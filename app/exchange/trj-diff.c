/* trj-diff.c — comparing two scenarios (MODEL 9) */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trj-alert-text.h"
#include "trj-catalog.h"
#include "trj-diff.h"
#include "trj-format.h"
#include "trj-json-writer.h"
#include "trj-programming.h"

#define SHAPE(s) (1u << (s))
#define CONTRACT SHAPE (TRJ_LINE_SHAPE_CONTRACT)
#define POST_AID SHAPE (TRJ_LINE_SHAPE_POST_AID)
#define FREE SHAPE (TRJ_LINE_SHAPE_FREE)

const TrjDiffKey trj_diff_line_keys[TRJ_DIFF_N_LINE_KEYS] = {
  [TRJ_DIFF_LINE_VOLUME]      = { "volume", N_("volume"), N_("Volume (contracts)"), CONTRACT | POST_AID, TRJ_DIFF_UNIT_COUNT },
  [TRJ_DIFF_LINE_RATE]        = { "rate", N_("rate"), N_("Rate of State support"), CONTRACT, TRJ_DIFF_UNIT_SHARE },
  [TRJ_DIFF_LINE_HOURS]       = { "weekly_hours", N_("weekly hours"), N_("Weekly hours"), CONTRACT, TRJ_DIFF_UNIT_DECIMAL },
  [TRJ_DIFF_LINE_DURATION]    = { "duration_months", N_("duration (months)"), N_("Duration (months)"), CONTRACT, TRJ_DIFF_UNIT_DECIMAL },
  [TRJ_DIFF_LINE_COFINANCING] = { "cofinanced_share", N_("cofinanced share"), N_("Cofinanced share"), CONTRACT, TRJ_DIFF_UNIT_SHARE },
  [TRJ_DIFF_LINE_LAG]         = { "payment_lag_months", N_("payment lag (months)"), N_("Payment lag (months)"), CONTRACT | POST_AID | FREE, TRJ_DIFF_UNIT_DECIMAL },
  [TRJ_DIFF_LINE_UNIT_AMOUNT] = { "unit_amount", N_("unit amount"), N_("Unit amount"), POST_AID, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_LINE_MODULATION]  = { "modulation", N_("modulated share"), N_("Modulated share"), POST_AID, TRJ_DIFF_UNIT_SHARE },
  [TRJ_DIFF_LINE_AE_AMOUNT]   = { "ae_amount", N_("AE amount"), N_("AE amount"), FREE, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_LINE_AE]          = { "ae_total", N_("AE"), N_("AE"), CONTRACT | POST_AID | FREE, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_LINE_CP]          = { "cp_total", N_("CP"), N_("CP"), CONTRACT | POST_AID | FREE, TRJ_DIFF_UNIT_MONEY },
};

double
trj_diff_line_value (const TrjLine *line, const TrjLineResult *r, TrjDiffLineKey key)
{
  switch (key)
    {
    case TRJ_DIFF_LINE_VOLUME:      return r->f.volume;
    case TRJ_DIFF_LINE_RATE:        return line->rate;
    case TRJ_DIFF_LINE_HOURS:       return line->weekly_hours;
    case TRJ_DIFF_LINE_DURATION:    return line->duration_months;
    case TRJ_DIFF_LINE_COFINANCING: return line->cofinanced_share;
    case TRJ_DIFF_LINE_LAG:         return line->payment_lag_months;
    case TRJ_DIFF_LINE_UNIT_AMOUNT: return line->unit_amount;
    case TRJ_DIFF_LINE_MODULATION:  return line->modulation;
    case TRJ_DIFF_LINE_AE_AMOUNT:   return line->ae_amount;
    case TRJ_DIFF_LINE_AE:          return r->f.ae_total;
    case TRJ_DIFF_LINE_CP:          return r->f.cp_total;
    case TRJ_DIFF_N_LINE_KEYS:
    default:                        break;
    }
  g_return_val_if_reached (NAN);
}

/* cp_stock is not in the « Comparer » table (heading NULL). */
const TrjDiffKey trj_diff_envelope_keys[TRJ_DIFF_N_ENVELOPE_KEYS] = {
  [TRJ_DIFF_ENVELOPE_VOLUME]       = { "volume", N_("volume"), N_("Volume (contracts)"), 0, TRJ_DIFF_UNIT_COUNT },
  [TRJ_DIFF_ENVELOPE_AE]           = { "ae_total", N_("AE"), N_("AE"), 0, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_ENVELOPE_CP]           = { "cp_total", N_("CP"), N_("CP"), 0, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_ENVELOPE_CP_STOCK]     = { "cp_stock", N_("CP for earlier years’ contracts"), NULL, 0, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_ENVELOPE_AE_AVAILABLE] = { "ae_available", N_("AE available"), N_("AE available"), 0, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_ENVELOPE_CP_AVAILABLE] = { "cp_available", N_("CP available"), N_("CP available"), 0, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_ENVELOPE_AE_MARGIN]    = { "ae_margin", N_("AE margin"), N_("AE margin"), 0, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_ENVELOPE_CP_MARGIN]    = { "cp_margin", N_("CP margin"), N_("CP margin"), 0, TRJ_DIFF_UNIT_MONEY },
  [TRJ_DIFF_ENVELOPE_CAPACITY]     = { "capacity", N_("capacity"), N_("Capacity (contracts)"), 0, TRJ_DIFF_UNIT_COUNT },
};

double
trj_diff_envelope_value (const TrjEnvelopeResult *r, TrjDiffEnvelopeKey key)
{
  switch (key)
    {
    case TRJ_DIFF_ENVELOPE_VOLUME:       return r->f.volume;
    case TRJ_DIFF_ENVELOPE_AE:           return r->f.ae_total;
    case TRJ_DIFF_ENVELOPE_CP:           return r->f.cp_total;
    case TRJ_DIFF_ENVELOPE_CP_STOCK:     return r->f.cp_stock;
    case TRJ_DIFF_ENVELOPE_AE_AVAILABLE: return r->ae_available;
    case TRJ_DIFF_ENVELOPE_CP_AVAILABLE: return r->cp_available;
    case TRJ_DIFF_ENVELOPE_AE_MARGIN:    return r->ae_margin;
    case TRJ_DIFF_ENVELOPE_CP_MARGIN:    return r->cp_margin;
    case TRJ_DIFF_ENVELOPE_CAPACITY:     return r->capacity;
    case TRJ_DIFF_N_ENVELOPE_KEYS:
    default:                             break;
    }
  g_return_val_if_reached (NAN);
}

gboolean
trj_diff_line_has_key (const TrjLine *line, TrjDiffLineKey key)
{
  return line != NULL && (trj_diff_line_keys[key].shapes & SHAPE (trj_kind_shape (line->kind))) != 0;
}

/* Two figures are the same when both are undefined or they are equal: the
 * engine gives equal figures for equal inputs. */
static gboolean
same (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* "CODE" or "CODE@line" of every alert of an envelope (line -2) or of one of its lines. */
static GPtrArray *
alert_keys (const TrjScenario *s, const TrjResult *r, int envelope, int line)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; r != NULL && i < r->n_alerts; i++)
    {
      const TrjAlert *alert = &r->alerts[i];
      const TrjEnvelope *env;

      if (alert->envelope != envelope || (line != -2 && alert->line != line))
        continue;
      env = g_ptr_array_index (s->envelopes, envelope);
      if (alert->line >= 0)
        g_ptr_array_add (keys, g_strdup_printf ("%s@%s", trj_alert_code_to_string (alert->code),
                                                ((TrjLine *) g_ptr_array_index (env->lines, alert->line))->id));
      else
        g_ptr_array_add (keys, g_strdup (trj_alert_code_to_string (alert->code)));
    }
  return keys;
}

static gboolean
keys_contain (GPtrArray *keys, const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

/* The keys of `from` not in `other` (not owned: pointers into from). */
static GPtrArray *
keys_minus (GPtrArray *from, GPtrArray *other)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < from->len; i++)
    if (!keys_contain (other, g_ptr_array_index (from, i)))
      g_ptr_array_add (out, g_ptr_array_index (from, i));
  return out;
}

static const TrjLineResult *
line_result (const TrjResult *r, int envelope, int line)
{
  return trj_result_line (r, (guint) envelope, (guint) line);
}

static gboolean
line_changed (const TrjDiff *diff, const TrjDiffLine *dl)
{
  const TrjLineResult *ra = line_result (diff->result_a, dl->a_envelope, dl->a_line);
  const TrjLineResult *rb = line_result (diff->result_b, dl->b_envelope, dl->b_line);
  g_autoptr(GPtrArray) alerts_a = alert_keys (diff->a, diff->result_a, dl->a_envelope, dl->a_line);
  g_autoptr(GPtrArray) alerts_b = alert_keys (diff->b, diff->result_b, dl->b_envelope, dl->b_line);
  g_autoptr(GPtrArray) added = keys_minus (alerts_b, alerts_a);
  g_autoptr(GPtrArray) removed = keys_minus (alerts_a, alerts_b);

  if (dl->match != TRJ_DIFF_MATCH_ID || dl->a->kind != dl->b->kind || added->len || removed->len)
    return TRUE;
  for (TrjDiffLineKey k = 0; k < TRJ_DIFF_N_LINE_KEYS; k++)
    if ((trj_diff_line_has_key (dl->a, k) || trj_diff_line_has_key (dl->b, k)) &&
        !same (trj_diff_line_value (dl->a, ra, k), trj_diff_line_value (dl->b, rb, k)))
      return TRUE;
  return FALSE;
}

static char *
attributes_key (const TrjLine *line)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s", trj_kind_to_string (line->kind),
                          line->departement ? line->departement : "",
                          line->prescriber ? line->prescriber : "");
}

typedef struct {
  const TrjLine *line;
  int envelope, index;
  gboolean matched;
} Slot;

static GArray *
slots_of (const TrjScenario *s)
{
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (Slot));

  for (guint e = 0; e < s->envelopes->len; e++)
    {
      const TrjEnvelope *env = g_ptr_array_index (s->envelopes, e);

      for (guint l = 0; l < env->lines->len; l++)
        {
          Slot slot = { g_ptr_array_index (env->lines, l), (int) e, (int) l, FALSE };
          g_array_append_val (slots, slot);
        }
    }
  return slots;
}

/* The unmatched slots with this kind, département and prescriber: how many,
 * and the last one. */
static guint
count_by_attributes (GArray *slots, const char *key, Slot **found)
{
  guint n = 0;

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      g_autofree char *k = NULL;

      if (slot->matched)
        continue;
      k = attributes_key (slot->line);
      if (g_str_equal (k, key))
        {
          n++;
          if (found != NULL)
            *found = slot;
        }
    }
  return n;
}

static void
add_line (TrjDiff *diff, const Slot *a, const Slot *b, TrjDiffMatch match)
{
  TrjDiffLine dl = {
    a ? a->line : NULL, b ? b->line : NULL,
    a ? a->envelope : -1, b ? b->envelope : -1,
    a ? a->index : -1, b ? b->index : -1,
    match, TRUE,
  };

  if (a != NULL && b != NULL)
    dl.changed = line_changed (diff, &dl);
  g_array_append_val (diff->lines, dl);
}

static void
match_lines (TrjDiff *diff)
{
  g_autoptr(GArray) sa = slots_of (diff->a);
  g_autoptr(GArray) sb = slots_of (diff->b);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  int *partner = g_newa (int, sb->len + 1);

  /* By id first, then by kind + département + prescriber among the rest. */
  for (guint j = 0; j < sb->len; j++)
    {
      Slot *b = &g_array_index (sb, Slot, j);

      partner[j] = -1;
      for (guint i = 0; i < sa->len; i++)
        {
          Slot *a = &g_array_index (sa, Slot, i);

          if (!a->matched && g_str_equal (a->line->id, b->line->id))
            {
              a->matched = b->matched = TRUE;
              partner[j] = (int) i;
              break;
            }
        }
    }
  /* A key that names one line on each side: both counts are 1, so the
   * pairs found are disjoint and may be marked as they are found. */
  for (guint j = 0; j < sb->len; j++)
    {
      Slot *b = &g_array_index (sb, Slot, j);
      g_autofree char *key = NULL;
      Slot *a = NULL;

      if (b->matched)
        continue;
      key = attributes_key (b->line);
      if (count_by_attributes (sb, key, NULL) == 1 && count_by_attributes (sa, key, &a) == 1)
        {
          a->matched = b->matched = TRUE;
          /* -2 - i: matched by attributes to slot i of A */
          partner[j] = -2 - (int) (a - &g_array_index (sa, Slot, 0));
        }
    }

  for (guint j = 0; j < sb->len; j++)
    if (partner[j] != -1)
      {
        gboolean by_id = partner[j] >= 0;
        int i = by_id ? partner[j] : -2 - partner[j];

        add_line (diff, &g_array_index (sa, Slot, i), &g_array_index (sb, Slot, j),
                  by_id ? TRJ_DIFF_MATCH_ID : TRJ_DIFF_MATCH_ATTRIBUTES);
      }
  for (guint j = 0; j < sb->len; j++)
    if (partner[j] == -1)
      add_line (diff, NULL, &g_array_index (sb, Slot, j), TRJ_DIFF_MATCH_ID);
  for (guint i = 0; i < sa->len; i++)
    if (!g_array_index (sa, Slot, i).matched)
      add_line (diff, &g_array_index (sa, Slot, i), NULL, TRJ_DIFF_MATCH_ID);
}

static gboolean
envelope_changed (const TrjDiff *diff, const TrjDiffEnvelope *de)
{
  g_autoptr(GPtrArray) alerts_a = NULL, alerts_b = NULL, added = NULL, removed = NULL;

  if (de->a < 0 || de->b < 0)
    return TRUE;
  for (TrjDiffEnvelopeKey k = 0; k < TRJ_DIFF_N_ENVELOPE_KEYS; k++)
    if (!same (trj_diff_envelope_value (&diff->result_a->envelopes[de->a], k),
               trj_diff_envelope_value (&diff->result_b->envelopes[de->b], k)))
      return TRUE;
  alerts_a = alert_keys (diff->a, diff->result_a, de->a, -2);
  alerts_b = alert_keys (diff->b, diff->result_b, de->b, -2);
  added = keys_minus (alerts_b, alerts_a);
  removed = keys_minus (alerts_a, alerts_b);
  return added->len > 0 || removed->len > 0;
}

TrjDiff *
trj_diff_new (const TrjScenario *a, const TrjScenario *b, GError **error)
{
  g_autoptr(TrjDiff) diff = g_new0 (TrjDiff, 1);

  diff->a = a;
  diff->b = b;
  diff->envelopes = g_array_new (FALSE, TRUE, sizeof (TrjDiffEnvelope));
  diff->lines = g_array_new (FALSE, TRUE, sizeof (TrjDiffLine));
  if ((diff->result_a = trj_programming_compute (a, error)) == NULL ||
      (diff->result_b = trj_programming_compute (b, error)) == NULL)
    return NULL;

  for (guint e = 0; e < a->envelopes->len; e++)
    {
      const char *id = ((TrjEnvelope *) g_ptr_array_index (a->envelopes, e))->id;
      TrjDiffEnvelope de = { id, (int) e, trj_scenario_envelope_index (b, id), FALSE };
      g_array_append_val (diff->envelopes, de);
    }
  for (guint e = 0; e < b->envelopes->len; e++)
    {
      const char *id = ((TrjEnvelope *) g_ptr_array_index (b->envelopes, e))->id;

      if (trj_scenario_envelope_index (a, id) < 0)
        {
          TrjDiffEnvelope de = { id, -1, (int) e, TRUE };
          g_array_append_val (diff->envelopes, de);
        }
    }
  for (guint i = 0; i < diff->envelopes->len; i++)
    {
      TrjDiffEnvelope *de = &g_array_index (diff->envelopes, TrjDiffEnvelope, i);
      de->changed = envelope_changed (diff, de);
    }
  match_lines (diff);
  return g_steal_pointer (&diff);
}

void
trj_diff_free (TrjDiff *diff)
{
  if (diff == NULL)
    return;
  g_clear_pointer (&diff->result_a, trj_result_free);
  g_clear_pointer (&diff->result_b, trj_result_free);
  g_clear_pointer (&diff->envelopes, g_array_unref);
  g_clear_pointer (&diff->lines, g_array_unref);
  g_free (diff);
}

/* ── JSON ─────────────────────────────────────────────────────────────── */

static void
write_keys (TrjJsonWriter *w, GPtrArray *keys)
{
  trj_json_writer_begin_array (w);
  for (guint i = 0; i < keys->len; i++)
    trj_json_writer_string (w, g_ptr_array_index (keys, i));
  trj_json_writer_end_array (w);
}

static void
write_alert_delta (TrjJsonWriter *w, GPtrArray *a, GPtrArray *b)
{
  g_autoptr(GPtrArray) added = keys_minus (b, a);
  g_autoptr(GPtrArray) removed = keys_minus (a, b);

  trj_json_writer_key (w, "alerts");
  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "added");
  write_keys (w, added);
  trj_json_writer_key (w, "removed");
  write_keys (w, removed);
  trj_json_writer_end_object (w);
}

/* The alerts of an envelope (its lines' too) as {"code", "line", "message"}. */
static void
write_alerts (TrjJsonWriter *w, const TrjScenario *s, const TrjResult *r, int envelope)
{
  trj_json_writer_begin_array (w);
  for (guint i = 0; i < r->n_alerts; i++)
    {
      const TrjAlert *alert = &r->alerts[i];
      const TrjEnvelope *env = g_ptr_array_index (s->envelopes, envelope);
      g_autofree char *message = NULL;

      if (alert->envelope != envelope)
        continue;
      message = trj_alert_message (s, alert);
      trj_json_writer_begin_object (w);
      trj_json_writer_key (w, "code");
      trj_json_writer_string (w, trj_alert_code_to_string (alert->code));
      trj_json_writer_key (w, "line");
      trj_json_writer_string (w, alert->line >= 0
                                 ? ((TrjLine *) g_ptr_array_index (env->lines, alert->line))->id : NULL);
      trj_json_writer_key (w, "message");
      trj_json_writer_string (w, message);
      trj_json_writer_end_object (w);
    }
  trj_json_writer_end_array (w);
}

static void
write_envelope_side (TrjJsonWriter *w, const TrjScenario *s, const TrjResult *r, int e)
{
  if (e < 0)
    {
      trj_json_writer_null (w);
      return;
    }
  trj_json_writer_begin_object (w);
  for (TrjDiffEnvelopeKey k = 0; k < TRJ_DIFF_N_ENVELOPE_KEYS; k++)
    {
      trj_json_writer_key (w, trj_diff_envelope_keys[k].key);
      trj_json_writer_number (w, trj_diff_envelope_value (&r->envelopes[e], k));
    }
  trj_json_writer_key (w, "alerts");
  write_alerts (w, s, r, e);
  trj_json_writer_end_object (w);
}

static void
write_line_side (TrjJsonWriter *w, const TrjScenario *s, const TrjResult *r, const TrjLine *line,
                 int e, int l)
{
  g_autoptr(GPtrArray) alerts = alert_keys (s, r, e, l);

  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "kind");
  trj_json_writer_string (w, trj_kind_to_string (line->kind));
  for (TrjDiffLineKey k = 0; k < TRJ_DIFF_N_LINE_KEYS; k++)
    if (trj_diff_line_has_key (line, k))
      {
        trj_json_writer_key (w, trj_diff_line_keys[k].key);
        trj_json_writer_number (w, trj_diff_line_value (line, line_result (r, e, l), k));
      }
  trj_json_writer_key (w, "alerts");
  write_keys (w, alerts);
  trj_json_writer_end_object (w);
}

static const char *
envelope_id (const TrjScenario *s, int e)
{
  return ((TrjEnvelope *) g_ptr_array_index (s->envelopes, e))->id;
}

static void
write_line_entry (TrjJsonWriter *w, const TrjDiff *diff, const TrjDiffLine *dl)
{
  const TrjLine *named = dl->b ? dl->b : dl->a;

  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "id");
  trj_json_writer_string (w, named->id);
  trj_json_writer_key (w, "envelope");
  trj_json_writer_string (w, dl->b ? envelope_id (diff->b, dl->b_envelope) : envelope_id (diff->a, dl->a_envelope));
  if (dl->a != NULL && dl->b != NULL)
    {
      const TrjLineResult *ra = line_result (diff->result_a, dl->a_envelope, dl->a_line);
      const TrjLineResult *rb = line_result (diff->result_b, dl->b_envelope, dl->b_line);
      g_autoptr(GPtrArray) alerts_a = alert_keys (diff->a, diff->result_a, dl->a_envelope, dl->a_line);
      g_autoptr(GPtrArray) alerts_b = alert_keys (diff->b, diff->result_b, dl->b_envelope, dl->b_line);

      trj_json_writer_key (w, "a_id");
      trj_json_writer_string (w, dl->a->id);
      trj_json_writer_key (w, "match");
      trj_json_writer_string (w, dl->match == TRJ_DIFF_MATCH_ID ? "id" : "attributes");
      trj_json_writer_key (w, "a");
      write_line_side (w, diff->a, diff->result_a, dl->a, dl->a_envelope, dl->a_line);
      trj_json_writer_key (w, "b");
      write_line_side (w, diff->b, diff->result_b, dl->b, dl->b_envelope, dl->b_line);
      /* Only what changed: b − a. */
      trj_json_writer_key (w, "delta");
      trj_json_writer_begin_object (w);
      for (TrjDiffLineKey k = 0; k < TRJ_DIFF_N_LINE_KEYS; k++)
        {
          double va = trj_diff_line_has_key (dl->a, k) ? trj_diff_line_value (dl->a, ra, k) : NAN;
          double vb = trj_diff_line_has_key (dl->b, k) ? trj_diff_line_value (dl->b, rb, k) : NAN;

          if (!same (va, vb))
            {
              trj_json_writer_key (w, trj_diff_line_keys[k].key);
              trj_json_writer_number (w, vb - va);
            }
        }
      write_alert_delta (w, alerts_a, alerts_b);
      trj_json_writer_end_object (w);
    }
  else if (dl->b != NULL)
    {
      trj_json_writer_key (w, "b");
      write_line_side (w, diff->b, diff->result_b, dl->b, dl->b_envelope, dl->b_line);
    }
  else
    {
      trj_json_writer_key (w, "a");
      write_line_side (w, diff->a, diff->result_a, dl->a, dl->a_envelope, dl->a_line);
    }
  trj_json_writer_end_object (w);
}

char *
trj_diff_to_json (const TrjDiff *diff)
{
  g_autoptr(TrjJsonWriter) w = trj_json_writer_new (TRUE);
  static const char *const groups[] = { "changed", "added", "removed" };

  trj_json_writer_begin_object (w);
  trj_json_writer_key (w, "format");
  trj_json_writer_string (w, TRJ_DIFF_FORMAT);
  trj_json_writer_key (w, "envelopes");
  trj_json_writer_begin_object (w);
  for (guint i = 0; i < diff->envelopes->len; i++)
    {
      const TrjDiffEnvelope *de = &g_array_index (diff->envelopes, TrjDiffEnvelope, i);

      trj_json_writer_key (w, de->id);
      trj_json_writer_begin_object (w);
      trj_json_writer_key (w, "a");
      write_envelope_side (w, diff->a, diff->result_a, de->a);
      trj_json_writer_key (w, "b");
      write_envelope_side (w, diff->b, diff->result_b, de->b);
      trj_json_writer_key (w, "delta");
      if (de->a < 0 || de->b < 0)
        trj_json_writer_null (w);
      else
        {
          g_autoptr(GPtrArray) alerts_a = alert_keys (diff->a, diff->result_a, de->a, -2);
          g_autoptr(GPtrArray) alerts_b = alert_keys (diff->b, diff->result_b, de->b, -2);

          trj_json_writer_begin_object (w);
          for (TrjDiffEnvelopeKey k = 0; k < TRJ_DIFF_N_ENVELOPE_KEYS; k++)
            {
              trj_json_writer_key (w, trj_diff_envelope_keys[k].key);
              trj_json_writer_number (w, trj_diff_envelope_value (&diff->result_b->envelopes[de->b], k) -
                                         trj_diff_envelope_value (&diff->result_a->envelopes[de->a], k));
            }
          write_alert_delta (w, alerts_a, alerts_b);
          trj_json_writer_end_object (w);
        }
      trj_json_writer_end_object (w);
    }
  trj_json_writer_end_object (w);

  trj_json_writer_key (w, "lines");
  trj_json_writer_begin_object (w);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      trj_json_writer_key (w, groups[g]);
      trj_json_writer_begin_array (w);
      for (guint i = 0; i < diff->lines->len; i++)
        {
          const TrjDiffLine *dl = &g_array_index (diff->lines, TrjDiffLine, i);
          guint group = dl->a && dl->b ? 0 : dl->b ? 1 : 2;

          if (group == g && (group != 0 || dl->changed))
            write_line_entry (w, diff, dl);
        }
      trj_json_writer_end_array (w);
    }
  trj_json_writer_end_object (w);
  trj_json_writer_end_object (w);
  return trj_json_writer_free_to_string (g_steal_pointer (&w));
}

/* ── Text ─────────────────────────────────────────────────────────────── */

/* Counts too with two decimals here (one in the « Comparer » table). */
static char *
format_value (TrjDiffUnit unit, double value)
{
  if (isnan (value))
    return g_strdup ("—");
  switch (unit)
    {
    case TRJ_DIFF_UNIT_MONEY:   return trj_format_money (value);
    case TRJ_DIFF_UNIT_SHARE:   return trj_format_percent (value, 1);
    case TRJ_DIFF_UNIT_COUNT:
    case TRJ_DIFF_UNIT_DECIMAL:
    default:                    return trj_format_decimal (value, 2);
    }
}

static void
append_change (GString *out, const char *title, TrjDiffUnit unit, double a, double b)
{
  g_autofree char *ta = format_value (unit, a);
  g_autofree char *tb = format_value (unit, b);

  /* TRANSLATORS: one change: "AE : 6 813 468 € → 6 500 000 €" */
  g_string_append_printf (out, _("    %s: %s → %s\n"), _(title), ta, tb);
}

static void
append_alert_changes (GString *out, GPtrArray *a, GPtrArray *b)
{
  g_autoptr(GPtrArray) added = keys_minus (b, a);
  g_autoptr(GPtrArray) removed = keys_minus (a, b);

  for (guint i = 0; i < added->len; i++)
    g_string_append_printf (out, _("    new alert: %s\n"), (char *) g_ptr_array_index (added, i));
  for (guint i = 0; i < removed->len; i++)
    g_string_append_printf (out, _("    alert gone: %s\n"), (char *) g_ptr_array_index (removed, i));
}

char *
trj_diff_to_text (const TrjDiff *diff, const char *name_a, const char *name_b)
{
  GString *out = g_string_new (NULL);
  gboolean any = FALSE;

  /* TRANSLATORS: the first line of a comparison: A then B */
  g_string_append_printf (out, _("From “%s” to “%s”\n"), name_a, name_b);
  for (guint i = 0; i < diff->envelopes->len; i++)
    {
      const TrjDiffEnvelope *de = &g_array_index (diff->envelopes, TrjDiffEnvelope, i);

      if (!de->changed)
        continue;
      any = TRUE;
      if (de->a < 0 || de->b < 0)
        {
          g_string_append_printf (out, de->a < 0 ? _("Envelope %s: added\n") : _("Envelope %s: removed\n"),
                                  trj_catalog_envelope_title (de->id));
          continue;
        }
      g_string_append_printf (out, _("Envelope %s:\n"), trj_catalog_envelope_title (de->id));
      for (TrjDiffEnvelopeKey k = 0; k < TRJ_DIFF_N_ENVELOPE_KEYS; k++)
        {
          double a = trj_diff_envelope_value (&diff->result_a->envelopes[de->a], k);
          double b = trj_diff_envelope_value (&diff->result_b->envelopes[de->b], k);

          if (!same (a, b))
            append_change (out, trj_diff_envelope_keys[k].title, trj_diff_envelope_keys[k].unit, a, b);
        }
      {
        g_autoptr(GPtrArray) alerts_a = alert_keys (diff->a, diff->result_a, de->a, -2);
        g_autoptr(GPtrArray) alerts_b = alert_keys (diff->b, diff->result_b, de->b, -2);
        append_alert_changes (out, alerts_a, alerts_b);
      }
    }
  for (guint i = 0; i < diff->lines->len; i++)
    {
      const TrjDiffLine *dl = &g_array_index (diff->lines, TrjDiffLine, i);

      if (!dl->changed)
        continue;
      any = TRUE;
      if (dl->a == NULL)
        g_string_append_printf (out, _("Line %s: added\n"), dl->b->id);
      else if (dl->b == NULL)
        g_string_append_printf (out, _("Line %s: removed\n"), dl->a->id);
      else
        {
          const TrjLineResult *ra = line_result (diff->result_a, dl->a_envelope, dl->a_line);
          const TrjLineResult *rb = line_result (diff->result_b, dl->b_envelope, dl->b_line);
          g_autoptr(GPtrArray) alerts_a = alert_keys (diff->a, diff->result_a, dl->a_envelope, dl->a_line);
          g_autoptr(GPtrArray) alerts_b = alert_keys (diff->b, diff->result_b, dl->b_envelope, dl->b_line);

          if (dl->match == TRJ_DIFF_MATCH_ATTRIBUTES)
            g_string_append_printf (out, _("Line %s (was %s):\n"), dl->b->id, dl->a->id);
          else
            g_string_append_printf (out, _("Line %s:\n"), dl->b->id);
          for (TrjDiffLineKey k = 0; k < TRJ_DIFF_N_LINE_KEYS; k++)
            {
              double a = trj_diff_line_has_key (dl->a, k) ? trj_diff_line_value (dl->a, ra, k) : NAN;
              double b = trj_diff_line_has_key (dl->b, k) ? trj_diff_line_value (dl->b, rb, k) : NAN;

              if (!same (a, b))
                append_change (out, trj_diff_line_keys[k].title, trj_diff_line_keys[k].unit, a, b);
            }
          append_alert_changes (out, alerts_a, alerts_b);
        }
    }
  if (!any)
    g_string_append (out, _("No difference.\n"));
  return g_string_free (out, FALSE);
}
