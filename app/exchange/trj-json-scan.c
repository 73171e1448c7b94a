/* trj-json-scan.c — depth, size and string checks before json-glib (see trj-json-scan.h) */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trj-format.h"
#include "trj-json.h"
#include "trj-json-scan.h"

/* One open object or array. The stack never holds more than TRJ_JSON_MAX_DEPTH. */
typedef struct {
  gboolean is_object;
  gboolean expect_key;   /* object: the next string is a key */
  guint index;           /* array: index of the current element */
  char *key;             /* object: the current key (decoded), or NULL */
  GHashTable *keys;      /* object: keys seen so far */
} Frame;

typedef struct {
  const char *start;
  const char *end;
  const char *p;
  Frame frames[TRJ_JSON_MAX_DEPTH];
  guint depth;
  gboolean in_scalar;    /* at the top: inside a number, true, false or null */
  gboolean ended;        /* the first top-level value is complete */
} Scan;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->key, g_free);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

/* "envelopes[0].lines[2]" for the value being read, "" at the top. */
static char *
current_path (Scan *scan)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < scan->depth; i++)
    {
      Frame *frame = &scan->frames[i];

      if (!frame->is_object)
        g_string_append_printf (path, "[%u]", frame->index);
      else if (frame->key != NULL)
        g_string_append_printf (path, "%s%s", path->len > 0 ? "." : "", frame->key);
    }
  return g_string_free (path, FALSE);
}

/* Line and column (from 1) of a position, as json-glib gives them. */
static void
position (Scan *scan, const char *at, guint *line, guint *column)
{
  const char *line_start = scan->start;

  *line = 1;
  for (const char *p = scan->start; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
}

gboolean
trj_json_set_error (GError **error, TrjJsonError code, const char *path, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  if (path == NULL || *path == '\0')
    g_set_error_literal (error, TRJ_JSON_ERROR, code, detail);
  else
    /* TRANSLATORS: "key path: what is wrong", e.g. "envelopes[0].rate: unknown key" */
    g_set_error (error, TRJ_JSON_ERROR, code, _("%s: %s"), path, detail);
  return FALSE;
}

static int
hex4 (const char *p, const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the string at scan->p (on its opening quote) up to its closing quote.
 * *decoded gets its text when asked for (keys); a malformed escape is left to
 * json-glib. FALSE with an error for a NUL or a lone surrogate. */
static gboolean
scan_string (Scan *scan, GString *decoded, GError **error)
{
  const char *p = scan->p + 1;

  while (p < scan->end && *p != '"')
    {
      int unit, low;

      if (*p != '\\')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, *p);
          p++;
          continue;
        }
      if (p + 1 >= scan->end)
        break;
      if (p[1] != 'u')
        {
          if (decoded != NULL)
            {
              static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
              const char *which = memchr (from, p[1], sizeof from - 1);

              g_string_append_c (decoded, which != NULL ? to[which - from] : p[1]);
            }
          p += 2;
          continue;
        }
      if ((unit = hex4 (p + 2, scan->end)) < 0)
        {
          p += 2;
          continue;
        }
      p += 6;
      if (unit == 0)
        {
          g_autofree char *path = current_path (scan);

          return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, path, "%s",
                               _("a text holds a NUL character (\\u0000), which no field accepts"));
        }
      if (unit >= 0xdc00 && unit <= 0xdfff)
        low = -1;
      else if (unit >= 0xd800 && unit <= 0xdbff)
        {
          low = p + 1 < scan->end && p[0] == '\\' && p[1] == 'u' ? hex4 (p + 2, scan->end) : -1;
          if (low >= 0xdc00 && low <= 0xdfff)
            {
              if (decoded != NULL)
                g_string_append_unichar (decoded, 0x10000 + ((unit - 0xd800) << 10)
                                                  + (low - 0xdc00));
              p += 6;
              continue;
            }
          low = -1;
        }
      else
        {
          if (decoded != NULL)
            g_string_append_unichar (decoded, (gunichar) unit);
          continue;
        }
      if (low < 0)
        {
          g_autofree char *path = current_path (scan);

          return trj_json_set_error (error, TRJ_JSON_ERROR_VALUE, path,
                               _("a text holds half of a UTF-16 pair (\\u%04x) with no other half: "
                                 "it is not a character"), (unsigned) unit);
        }
    }
  scan->p = p < scan->end ? p + 1 : p;
  return TRUE;
}

static gboolean
push (Scan *scan, gboolean is_object, GError **error)
{
  Frame *frame;

  if (scan->depth == TRJ_JSON_MAX_DEPTH)
    {
      guint line, column;

      position (scan, scan->p, &line, &column);
      return trj_json_set_error (error, TRJ_JSON_ERROR_SYNTAX, NULL,
                           _("the document is nested more than %d levels deep (line %u, column %u)"),
                           TRJ_JSON_MAX_DEPTH, line, column);
    }
  frame = &scan->frames[scan->depth++];
  memset (frame, 0, sizeof *frame);
  frame->is_object = is_object;
  frame->expect_key = is_object;
  if (is_object)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan->p++;
  return TRUE;
}

static void
pop (Scan *scan)
{
  if (scan->depth > 0)
    frame_clear (&scan->frames[--scan->depth]);
  scan->p++;
}

static gboolean
scan_key (Scan *scan, Frame *frame, GError **error)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *path = NULL;

  /* While the key is read, a fault in it is placed at its object. */
  g_clear_pointer (&frame->key, g_free);
  if (!scan_string (scan, key, error))
    return FALSE;
  frame->expect_key = FALSE;
  /* A key with an escaped NUL has been refused above: key->str is the whole key. */
  frame->key = g_strdup (key->str);
  if (g_hash_table_add (frame->keys, g_strdup (key->str)))
    return TRUE;
  path = current_path (scan);
  return trj_json_set_error (error, TRJ_JSON_ERROR_STRUCTURE, path, "%s",
                       _("this key appears twice in the same object: keep only one"));
}

/* Anything but white space after the first value: json-glib 1.6 would parse
 * the second value, then leak it when it reports the error (or keep one of
 * two objects and let us complain of a missing key). */
static gboolean
fail_trailing (Scan *scan, GError **error)
{
  guint line, column;

  position (scan, scan->p, &line, &column);
  return trj_json_set_error (error, TRJ_JSON_ERROR_SYNTAX, NULL,
                       _("something follows the end of the JSON document (line %u, column %u): "
                         "a file holds one document only"), line, column);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
run (Scan *scan, GError **error)
{
  while (scan->p < scan->end)
    {
      Frame *frame = scan->depth > 0 ? &scan->frames[scan->depth - 1] : NULL;
      char c = *scan->p;

      if (scan->depth == 0)
        {
          /* A scalar at the top ends at the first character it cannot hold. */
          if (scan->in_scalar && (is_space (c) || strchr ("{}[],:\"", c) != NULL))
            {
              scan->in_scalar = FALSE;
              scan->ended = TRUE;
            }
          if (scan->ended && !is_space (c))
            return fail_trailing (scan, error);
        }

      switch (c)
        {
        case '{':
        case '[':
          if (!push (scan, c == '{', error))
            return FALSE;
          break;
        case '}':
        case ']':
          pop (scan);
          scan->ended = scan->depth == 0;
          break;
        case ',':
          if (frame != NULL && frame->is_object)
            frame->expect_key = TRUE;
          else if (frame != NULL)
            frame->index++;
          scan->p++;
          break;
        case '"':
          if (frame != NULL && frame->is_object && frame->expect_key)
            {
              if (!scan_key (scan, frame, error))
                return FALSE;
            }
          else if (!scan_string (scan, NULL, error))
            return FALSE;
          else if (scan->depth == 0)
            scan->ended = TRUE;
          break;
        case ' ': case '\t': case '\n': case '\r': case ':':
          scan->p++;
          break;
        default:
          /* A number, true, false, null or garbage: json-glib judges. */
          scan->in_scalar = scan->depth == 0;
          scan->p++;
          break;
        }
    }
  if (scan->depth > 0)
    {
      /* A cut file: json-glib would blame the last character it read (a comma). */
      guint line, column;

      position (scan, scan->end, &line, &column);
      return trj_json_set_error (error, TRJ_JSON_ERROR_SYNTAX, NULL,
                                 _("not a valid JSON document (line %u, column %u): the text "
                                   "ends before the document does (a truncated file?)"),
                                 line, column);
    }
  return TRUE;
}

gboolean
trj_json_scan (const char *data, gsize length, GError **error)
{
  Scan scan = { data, data + length, data, { { 0 } }, 0, FALSE, FALSE };
  gboolean ok;

  if (length > TRJ_JSON_MAX_SIZE)
    {
      g_autofree char *megabytes = trj_format_number (length / 1048576.0, 1);

      return trj_json_set_error (error, TRJ_JSON_ERROR_SYNTAX, NULL,
                           _("the document is too large (%s MB): documents over %d MB are refused"),
                           megabytes, TRJ_JSON_MAX_SIZE / (1024 * 1024));
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      const char *bad = NULL;
      guint line, column;

      g_utf8_validate_len (data, length, &bad);
      position (&scan, bad, &line, &column);
      return trj_json_set_error (error, TRJ_JSON_ERROR_SYNTAX, NULL,
                           _("not a valid JSON document (line %u, column %u): the text is not "
                             "UTF-8 or holds a NUL byte"), line, column);
    }
  ok = run (&scan, error);
  while (scan.depth > 0)
    frame_clear (&scan.frames[--scan.depth]);
  return ok;
}
