/* trj-json-writer.h — a small streaming JSON writer for Trajectoire's documents
 *
 * json-glib's generator prints doubles with 17 significant digits
 * (0.15 → 0.14999999999999999) and integral doubles as "6813468.0", which makes
 * documents hard to read and golden files brittle. This writer prints the
 * shortest text that reads back as the same double, writes NAN and infinities
 * as null, and keeps arrays of numbers on one line when pretty-printing.
 *
 *   TrjJsonWriter *w = trj_json_writer_new (TRUE);
 *   trj_json_writer_begin_object (w);
 *   trj_json_writer_key (w, "year");
 *   trj_json_writer_int (w, 2024);
 *   trj_json_writer_end_object (w);
 *   char *text = trj_json_writer_free_to_string (w);   // "{\n  \"year\": 2024\n}\n"
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TrjJsonWriter TrjJsonWriter;

/* pretty: one member per line, two-space indent, final newline.
 * Otherwise one line: {"a": 1, "b": [1, 2]} (no final newline). */
TrjJsonWriter *trj_json_writer_new            (gboolean pretty);
void           trj_json_writer_free           (TrjJsonWriter *writer);
/* Returns the document (every container must be closed) and frees the writer. */
char          *trj_json_writer_free_to_string (TrjJsonWriter *writer);

void trj_json_writer_begin_object (TrjJsonWriter *writer);
void trj_json_writer_end_object   (TrjJsonWriter *writer);
void trj_json_writer_begin_array  (TrjJsonWriter *writer);
void trj_json_writer_end_array    (TrjJsonWriter *writer);
/* Inside an object, before each value. */
void trj_json_writer_key          (TrjJsonWriter *writer, const char *key);

void trj_json_writer_string       (TrjJsonWriter *writer, const char *value);  /* NULL: null */
void trj_json_writer_number       (TrjJsonWriter *writer, double value);       /* non-finite: null */
void trj_json_writer_int          (TrjJsonWriter *writer, gint64 value);
void trj_json_writer_boolean      (TrjJsonWriter *writer, gboolean value);
void trj_json_writer_null         (TrjJsonWriter *writer);
/* An array of numbers, always on one line. */
void trj_json_writer_numbers      (TrjJsonWriter *writer, const double *values, guint n_values);

/* Shortest decimal text that g_ascii_strtod reads back as value (finite values). */
void trj_json_append_number       (GString *out, double value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrjJsonWriter, trj_json_writer_free)

G_END_DECLS
