/* trj-json-writer.c — see trj-json-writer.h */
#include "config.h"

#include <math.h>

#include "trj-json-writer.h"

typedef struct {
  gboolean is_object;
  guint n_items;
} Frame;

struct _TrjJsonWriter {
  GString *out;
  GArray *frames;       /* Frame, innermost last */
  gboolean pretty;
  gboolean after_key;   /* a key was written; its value comes next */
};

TrjJsonWriter *
trj_json_writer_new (gboolean pretty)
{
  TrjJsonWriter *writer = g_new0 (TrjJsonWriter, 1);

  writer->out = g_string_new (NULL);
  writer->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  writer->pretty = pretty;
  return writer;
}

void
trj_json_writer_free (TrjJsonWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->out, TRUE);
  g_array_unref (writer->frames);
  g_free (writer);
}

char *
trj_json_writer_free_to_string (TrjJsonWriter *writer)
{
  char *text;

  g_return_val_if_fail (writer->frames->len == 0, NULL);
  if (writer->pretty)
    g_string_append_c (writer->out, '\n');
  text = g_string_free (writer->out, FALSE);
  g_array_unref (writer->frames);
  g_free (writer);
  return text;
}

static Frame *
top (TrjJsonWriter *writer)
{
  if (writer->frames->len == 0)
    return NULL;
  return &g_array_index (writer->frames, Frame, writer->frames->len - 1);
}

static void
new_line (TrjJsonWriter *writer, guint depth)
{
  g_string_append_c (writer->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (writer->out, "  ");
}

/* Writes what separates an item (a member or an array element) from the previous one. */
static void
next_item (TrjJsonWriter *writer, Frame *frame)
{
  if (frame->n_items > 0)
    g_string_append_c (writer->out, ',');
  if (writer->pretty)
    new_line (writer, writer->frames->len);
  else if (frame->n_items > 0)
    g_string_append_c (writer->out, ' ');
  frame->n_items++;
}

static void
begin_value (TrjJsonWriter *writer)
{
  Frame *frame = top (writer);

  if (frame == NULL)
    return;
  if (frame->is_object)
    {
      g_return_if_fail (writer->after_key);
      writer->after_key = FALSE;
    }
  else
    next_item (writer, frame);
}

static void
begin_container (TrjJsonWriter *writer, gboolean is_object)
{
  Frame frame = { is_object, 0 };

  begin_value (writer);
  g_string_append_c (writer->out, is_object ? '{' : '[');
  g_array_append_val (writer->frames, frame);
}

static void
end_container (TrjJsonWriter *writer, gboolean is_object)
{
  Frame *frame = top (writer);

  g_return_if_fail (frame != NULL && frame->is_object == is_object && !writer->after_key);
  if (writer->pretty && frame->n_items > 0)
    new_line (writer, writer->frames->len - 1);
  g_string_append_c (writer->out, is_object ? '}' : ']');
  g_array_set_size (writer->frames, writer->frames->len - 1);
}

void
trj_json_writer_begin_object (TrjJsonWriter *writer)
{
  begin_container (writer, TRUE);
}

void
trj_json_writer_end_object (TrjJsonWriter *writer)
{
  end_container (writer, TRUE);
}

void
trj_json_writer_begin_array (TrjJsonWriter *writer)
{
  begin_container (writer, FALSE);
}

void
trj_json_writer_end_array (TrjJsonWriter *writer)
{
  end_container (writer, FALSE);
}

static void
append_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);   /* UTF-8 passes through */
        }
    }
  g_string_append_c (out, '"');
}

void
trj_json_writer_key (TrjJsonWriter *writer, const char *key)
{
  Frame *frame = top (writer);

  g_return_if_fail (frame != NULL && frame->is_object && !writer->after_key);
  next_item (writer, frame);
  append_string (writer->out, key);
  g_string_append (writer->out, ": ");
  writer->after_key = TRUE;
}

void
trj_json_writer_string (TrjJsonWriter *writer, const char *value)
{
  begin_value (writer);
  if (value == NULL)
    g_string_append (writer->out, "null");
  else
    append_string (writer->out, value);
}

void
trj_json_append_number (GString *out, double value)
{
  /* 17 significant digits always read back exactly; fewer usually do, and read better. */
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* -0 reads as 0 to everyone but IEEE: print it as 0. */
  if (value == 0)
    value = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

void
trj_json_writer_number (TrjJsonWriter *writer, double value)
{
  begin_value (writer);
  if (isfinite (value))
    trj_json_append_number (writer->out, value);
  else
    g_string_append (writer->out, "null");
}

void
trj_json_writer_int (TrjJsonWriter *writer, gint64 value)
{
  begin_value (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

void
trj_json_writer_boolean (TrjJsonWriter *writer, gboolean value)
{
  begin_value (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
trj_json_writer_null (TrjJsonWriter *writer)
{
  begin_value (writer);
  g_string_append (writer->out, "null");
}

void
trj_json_writer_numbers (TrjJsonWriter *writer, const double *values, guint n_values)
{
  begin_value (writer);
  g_string_append_c (writer->out, '[');
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append (writer->out, ", ");
      if (isfinite (values[i]))
        trj_json_append_number (writer->out, values[i]);
      else
        g_string_append (writer->out, "null");
    }
  g_string_append_c (writer->out, ']');
}
