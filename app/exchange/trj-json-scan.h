/* trj-json-scan.h — what json-glib is not shown: a cheap pass over a JSON text
 *
 * json-glib parses recursively (a document nested tens of thousands deep
 * overflows the stack), keeps the last of two equal keys, stores a lone
 * surrogate escape ("\ud800") as invalid UTF-8, cuts a string at "\u0000" and
 * leaks a second top-level value ("{} {}", "1{}") when it refuses it.
 * trj_json_scan reads the text once, without recursion, and refuses all of
 * these before the parser sees it: the text must be UTF-8, at most
 * TRJ_JSON_MAX_SIZE bytes, nested at most TRJ_JSON_MAX_DEPTH deep, one value
 * with nothing but white space after it, with no duplicate key and no NUL or
 * lone surrogate in a string. It does not check the rest of the grammar
 * (json-glib does, with line and column).
 *
 * Errors are in TRJ_JSON_ERROR, in French, starting with the key path
 * ("envelopes[0].lines[1].label: …") or giving the line and column.
 */
#pragma once

#include <glib.h>

#include "trj-json.h"

G_BEGIN_DECLS

/* A scenario of a thousand lines is under 1 MB; the same bound as CSV and xlsx. */
#define TRJ_JSON_MAX_SIZE (10 * 1024 * 1024)
/* A scenario document is 5 deep (root, envelopes, envelope, lines, line, months). */
#define TRJ_JSON_MAX_DEPTH 32

gboolean trj_json_scan (const char *data, gsize length, GError **error);

/* Sets a TRJ_JSON_ERROR whose message starts with the key path
 * ("envelopes[0].lines[2].rate: …"), or is about the whole document when path
 * is NULL or empty; returns FALSE. The scan and the reader (trj-json.c) word
 * their errors alike through it. */
G_GNUC_PRINTF (4, 5)
gboolean trj_json_set_error (GError      **error,
                             TrjJsonError  code,
                             const char   *path,
                             const char   *format,
                             ...);

G_END_DECLS
