/* test-hostile.c — files made by a hostile sender, read by the exchange readers
 *
 * JSON nested far too deep, too large, with lone surrogates, NUL escapes and
 * duplicate keys; xlsx files with cells in far columns, a zip bomb and deep
 * JSON in the technical sheet; numbers the French formatter must print without
 * aborting; pipes and FIFOs read once. Each is refused (or read) with the exact
 * French message, quickly and with bounded memory. The xlsx fixtures come from
 * tests/fixtures/hostile/make-hostile.py. */
#include <float.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "trj-format.h"
#include "trj-i18n.h"
#include "trj-input.h"
#include "trj-json.h"
#include "trj-json-scan.h"
#include "trj-programming.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

/* A valid scenario whose one line has the label LABEL and whose line object
 * ends with EXTRA (so that keys can be added or repeated). */
#define DOCUMENT(LABEL, EXTRA) \
  "{\"format\": \"trajectoire-scenario/1\", \"year\": 2024, \"region\": \"Bretagne\"," \
  " \"zone\": \"metropole\", \"envelopes\": [{\"id\": \"PEC_CIE_TP\", \"ae_notified\": 100," \
  " \"cp_notified\": 100, \"lines\": [{\"id\": \"a\", \"label\": \"" LABEL "\", \"kind\": \"FREE\"," \
  " \"ae_amount\": 1, \"cp_schedule\": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]" EXTRA "}]}]}"

static void
assert_refused (const char *document, gssize length, GQuark domain, int code, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = trj_json_scenario_from_data (document, length, &error);

  g_assert_null (scenario);
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, message);
}

static char *
repeat (const char *piece, guint times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

/* ── JSON structure ────────────────────────────────────────────────────── */

static void
test_json_deep (void)
{
  g_autofree char *open = repeat ("[", 100000);
  g_autofree char *close = repeat ("]", 100000);
  g_autofree char *arrays = g_strconcat (open, close, NULL);
  g_autofree char *objects_open = repeat ("{\"a\": ", 50000);
  g_autofree char *objects_close = repeat ("}", 50000);
  g_autofree char *objects = g_strconcat (objects_open, "1", objects_close, NULL);
  g_autofree char *edge_open = repeat ("[", TRJ_JSON_MAX_DEPTH);
  g_autofree char *edge_close = repeat ("]", TRJ_JSON_MAX_DEPTH);
  g_autofree char *edge = g_strconcat (edge_open, edge_close, NULL);
  gint64 start = g_get_monotonic_time ();

  /* json-glib overflows its stack on these; the scan stops at the 33rd level. */
  assert_refused (arrays, -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_SYNTAX,
                  "le document est imbriqué sur plus de 32 niveaux (ligne 1, colonne 33)");
  assert_refused (objects, -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_SYNTAX,
                  "le document est imbriqué sur plus de 32 niveaux (ligne 1, colonne 193)");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  /* 32 levels pass the scan: json-glib parses them, the reader wants an object. */
  assert_refused (edge, -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_STRUCTURE,
                  "le document n’est pas un objet JSON");
}

static void
test_json_size (void)
{
  g_autofree char *padding = g_strnfill (TRJ_JSON_MAX_SIZE, ' ');
  g_autofree char *large = g_strconcat (DOCUMENT ("x", ""), padding, NULL);
  g_autofree char *dir = g_dir_make_tmp ("test-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;

  assert_refused (large, -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_SYNTAX,
                  "le document est trop volumineux (10,0" NBSP "Mo)" NNBSP ": les documents de "
                  "plus de 10" NBSP "Mo sont refusés");
  /* From a file the size is known before reading it. */
  g_assert_true (g_file_set_contents (path, large, -1, NULL));
  scenario = trj_json_scenario_from_file (path, &error);
  g_assert_null (scenario);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "«" NBSP "large.json" NBSP "» est trop volumineux (10,0" NBSP "Mo)" NNBSP
                   ": les fichiers de plus de 10" NBSP "Mo sont refusés");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_json_strings (void)
{
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
#define SURROGATE(UNIT) "envelopes[0].lines[0].label" NNBSP ": un texte contient une moitié " \
                          "de paire UTF-16 (\\u" UNIT ") sans l’autre moitié" NNBSP ": ce n’est " \
                          "pas un caractère"
  const char *high = SURROGATE ("d800");
  const char *low = SURROGATE ("dc00");
  const char invalid[] = DOCUMENT ("\xff", "");

  /* A real pair, and plain escapes, are read as the characters they stand for. */
  scenario = trj_json_scenario_from_data (DOCUMENT ("\\u00e9t\\u00e9 \\ud83d\\ude00 \\\"q\\\"", ""),
                                          -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_scenario_find_line (scenario, "a", NULL)->label, ==, "été 😀 \"q\"");

  assert_refused (DOCUMENT ("Bre\\ud800tagne", ""), -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_VALUE, high);
  assert_refused (DOCUMENT ("\\ud800\\u0041", ""), -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_VALUE, high);
  assert_refused (DOCUMENT ("\\ud800\\ud800", ""), -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_VALUE, high);
  assert_refused (DOCUMENT ("x\\udc00", ""), -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_VALUE, low);
  assert_refused (DOCUMENT ("a\\u0000b", ""), -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_VALUE,
                  "envelopes[0].lines[0].label" NNBSP ": un texte contient un caractère NUL "
                  "(\\u0000), qu’aucun champ n’accepte");
  /* In an array, the path names the element. */
  assert_refused ("{\"a\": [\"x\", \"\\ud800\"]}", -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_VALUE,
                  "a[1]" NNBSP ": un texte contient une moitié de paire UTF-16 (\\ud800) sans "
                  "l’autre moitié" NNBSP ": ce n’est pas un caractère");
  /* Raw bytes that are not UTF-8, and a NUL byte, anywhere in the text. */
  assert_refused (invalid, -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_SYNTAX,
                  "document JSON invalide (ligne 1, colonne 202)" NNBSP ": le texte n’est pas en "
                  "UTF-8 ou contient un octet nul");
  assert_refused ("{\"a\": 1}\0 ", 10, TRJ_JSON_ERROR, TRJ_JSON_ERROR_SYNTAX,
                  "document JSON invalide (ligne 1, colonne 9)" NNBSP ": le texte n’est pas en "
                  "UTF-8 ou contient un octet nul");
}

static void
test_json_duplicates (void)
{
  const char *twice = NNBSP ": cette clé figure deux fois dans le même objet" NNBSP
                      ": n’en garder qu’une";
  g_autofree char *root = g_strconcat ("format", twice, NULL);
  g_autofree char *line = g_strconcat ("envelopes[0].lines[0].ae_amount", twice, NULL);
  g_autofree char *escaped = g_strconcat ("envelopes[0].lines[0].label", twice, NULL);

  assert_refused ("{\"format\": \"trajectoire-scenario/1\", \"format\": \"x\"}", -1,
                  TRJ_JSON_ERROR, TRJ_JSON_ERROR_STRUCTURE, root);
  assert_refused (DOCUMENT ("x", ", \"ae_amount\": 2"), -1, TRJ_JSON_ERROR,
                  TRJ_JSON_ERROR_STRUCTURE, line);
  /* The same key spelt with an escape is the same key. */
  assert_refused (DOCUMENT ("x", ", \"\\u006cabel\": \"y\""), -1, TRJ_JSON_ERROR,
                  TRJ_JSON_ERROR_STRUCTURE, escaped);
}

/* A second value after the first: json-glib 1.6 parses it, then leaks it when
 * it reports the error (fuzz-json under LeakSanitizer), or keeps one of two
 * objects. The scan refuses whatever follows, at its line and column; white
 * space after the document is still read. */
static void
test_json_trailing (void)
{
  const struct {
    const char *text;
    const char *where;
  } cases[] = {
    { "{} {}\n", "ligne 1, colonne 4" },
    { "1{}", "ligne 1, colonne 2" },
    { "12 3", "ligne 1, colonne 4" },
    { "\"f\"[1,2]", "ligne 1, colonne 4" },
    { "{\"a\":1}{\"b\":[1]}", "ligne 1, colonne 8" },
    { "[1]\n\n  ]", "ligne 3, colonne 3" },
    { "null,", "ligne 1, colonne 5" },
    { "{\"é\": \"à\"}\n\"é\"", "ligne 2, colonne 1" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message =
        g_strdup_printf ("quelque chose suit la fin du document JSON (%s)" NNBSP
                         ": un fichier ne contient qu’un document", cases[i].where);

      assert_refused (cases[i].text, -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_SYNTAX, message);
    }
  /* White space after the document, and a scalar document, reach the reader. */
  scenario = trj_json_scenario_from_data (DOCUMENT ("x", "") " \n\t\r\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scenario->region, ==, "Bretagne");
  assert_refused ("12 \n", -1, TRJ_JSON_ERROR, TRJ_JSON_ERROR_STRUCTURE,
                  "le document n’est pas un objet JSON");
}

/* ── xlsx ──────────────────────────────────────────────────────────────── */

static char *
hostile_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "hostile", name, NULL);
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
test_xlsx_far_columns (void)
{
  g_autofree char *path = hostile_fixture ("far-columns.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  glong before = peak_rss_kb ();

  /* 4 000 cells in column XFD: 4 000 × 16 384 slots (512 MB) if memory
   * followed the coordinates. The scenario in B1 is read as usual. */
  scenario = trj_programming_read_xlsx (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scenario->region, ==, "Bretagne");
  g_assert_cmpint (peak_rss_kb () - before, <, 50 * 1024);
}

static void
test_xlsx_refused (void)
{
  const struct {
    const char *file;
    const char *message;
  } cases[] = {
    { "deep-data.xlsx",
      "La feuille technique de «" NBSP "deep-data.xlsx" NBSP "» est endommagée" NNBSP ": le "
      "document est imbriqué sur plus de 32 niveaux (ligne 1, colonne 33)" },
    { "bomb.xlsx",
      "«" NBSP "bomb.xlsx" NBSP "» a perdu sa feuille technique «" NBSP "Données" NBSP "» et ne "
      "peut pas être relu" NNBSP ": «" NBSP "bomb.xlsx" NBSP "» est refusé" NNBSP ": sa partie "
      "xl/worksheets/sheet1.xml dépasse, décompressée, ce que contient tout fichier de "
      "programmation (16" NBSP "Mo)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = hostile_fixture (cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrjScenario) scenario = NULL;
      glong before = peak_rss_kb ();

      scenario = trj_programming_read_xlsx (path, NULL, &error);
      g_assert_null (scenario);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (peak_rss_kb () - before, <, 50 * 1024);
    }
}

/* ── Formatter ─────────────────────────────────────────────────────────── */

static guint
count_digits (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += g_ascii_isdigit (*p);
  return n;
}

static void
test_format_huge (void)
{
  g_autofree char *money = trj_format_money (1e308);
  g_autofree char *negative = trj_format_number (-1e94, 2);
  g_autofree char *percent = trj_format_percent (1e300, 1);
  g_autofree char *short_money = trj_format_money_short (-DBL_MAX);
  g_autofree char *decimal = trj_format_decimal (DBL_MAX, 9);
  g_autofree char *tiny = trj_format_decimal (DBL_MIN, 9);

  /* Beyond ICU's first buffer: every digit, grouped, with the unit. */
  g_assert_true (g_str_has_prefix (money, "100" NNBSP "000" NNBSP));
  g_assert_true (g_str_has_suffix (money, "000" NBSP "€"));
  g_assert_cmpuint (count_digits (money), ==, 309);
  g_assert_true (g_str_has_prefix (negative, "-1"));
  g_assert_true (g_str_has_suffix (negative, ",00"));
  g_assert_cmpuint (count_digits (negative), ==, 97);
  g_assert_true (g_str_has_suffix (percent, ",0" NBSP "%"));
  g_assert_cmpuint (count_digits (percent), ==, 304);
  g_assert_true (g_str_has_suffix (short_money, NBSP "M€"));
  g_assert_cmpuint (count_digits (decimal), ==, 309);
  g_assert_cmpstr (tiny, ==, "0");
}

/* ── Pipes ─────────────────────────────────────────────────────────────── */

typedef struct {
  char *path;
  gsize size;
} Writer;

static gpointer
write_fifo (gpointer data)
{
  Writer *writer = data;
  g_autofree char *text = NULL;
  FILE *fifo = fopen (writer->path, "w");

  if (writer->size == 0)
    text = g_strdup (DOCUMENT ("par un tube", ""));
  else
    text = g_strnfill (writer->size, ' ');
  /* The reader may stop early (too large): EPIPE, not SIGPIPE (ignored in main). */
  fwrite (text, 1, strlen (text), fifo);
  fclose (fifo);
  return NULL;
}

static void
test_input_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tube", NULL);
  Writer small = { path, 0 }, large = { path, 3 * 1024 * 1024 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *contents = NULL;
  GThread *thread;
  gsize length = 0;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_true (trj_input_is_stream (path));

  /* Read once: a FIFO opened a second time would wait for a writer forever. */
  thread = g_thread_new ("fifo", write_fifo, &small);
  scenario = trj_json_scenario_from_file (path, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpstr (trj_scenario_find_line (scenario, "a", NULL)->label, ==, "par un tube");

  /* A stream has no size to check first: reading stops past the limit. */
  thread = g_thread_new ("fifo", write_fifo, &large);
  contents = trj_input_read (path, 1024 * 1024, &length, &error);
  g_thread_join (thread);
  g_assert_null (contents);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "«" NBSP "tube" NBSP "» est trop volumineux" NNBSP
                   ": les fichiers de plus de 1" NBSP "Mo sont refusés");

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  /* French messages whatever the caller's locale. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  trj_i18n_init ();
  signal (SIGPIPE, SIG_IGN);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/json-deep", test_json_deep);
  g_test_add_func ("/hostile/json-size", test_json_size);
  g_test_add_func ("/hostile/json-strings", test_json_strings);
  g_test_add_func ("/hostile/json-duplicates", test_json_duplicates);
  g_test_add_func ("/hostile/json-trailing", test_json_trailing);
  g_test_add_func ("/hostile/xlsx-far-columns", test_xlsx_far_columns);
  g_test_add_func ("/hostile/xlsx-refused", test_xlsx_refused);
  g_test_add_func ("/hostile/format-huge", test_format_huge);
  g_test_add_func ("/hostile/input-fifo", test_input_fifo);

  return g_test_run ();
}
