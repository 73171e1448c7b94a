/* trj-xlsx-reader.c — cells of an .xlsx file, through libgsf (zip) and libxml2 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gsf/gsf-utils.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "trj-format.h"
#include "trj-input.h"
#include "trj-xlsx-reader.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

#define NS_RELATIONSHIPS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A zip bomb could expand a small file into gigabytes, and a parsed part costs
 * several times its size: a programming file of a thousand lines has parts of
 * a few MB, all of them together well under these. */
#define MAX_PART_SIZE (16 * 1024 * 1024)
#define MAX_TOTAL_SIZE (48 * 1024 * 1024)
/* Memory follows the cells a file holds, not the coordinates it declares; a
 * sheet or the shared strings may hold this many (a thousand lines are 40 000). */
#define MAX_CELLS 500000

struct _TrjXlsxReader {
  char *display_name;
  GsfInfile *zip;
  GPtrArray *shared_strings;   /* char*, loaded on first sheet read */
  GStrv sheet_names;
  GStrv sheet_parts;           /* zip path of each sheet, same order */
  gsize bytes_read;            /* decompressed bytes of every part read so far */
};

struct _TrjXlsxSheet {
  GHashTable *cells;           /* gint64 row × 16384 + column → char* */
  GHashTable *formulas;        /* the same keys → formula text, without "=" */
  guint n_rows;                /* 1 + the last row holding a cell */
};

static void
ensure_gsf (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      gsf_init ();
      g_once_init_leave (&once, 1);
    }
}

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

static char *
prop (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* Concatenated text of every <t> below node (plain and rich-text strings alike). */
static void
append_t_text (xmlNode *node, GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "t"))
        {
          xmlChar *text = xmlNodeGetContent (child);
          g_string_append (out, (const char *) text);
          xmlFree (text);
        }
      else if (child->type == XML_ELEMENT_NODE && !is_element (child, "rPh"))
        append_t_text (child, out);
    }
}

static gboolean
damaged (TrjXlsxReader *reader, const char *part, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is damaged: its part %s cannot be read"), reader->display_name, part);
  return FALSE;
}

/* Reads and parses a zip member; NULL (no error) when it does not exist. */
static xmlDoc *
read_part (TrjXlsxReader *reader, const char *path, gboolean *missing, GError **error)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);
  g_autoptr(GsfInput) input = gsf_infile_child_by_aname (reader->zip, (const char **) names);
  g_autofree guint8 *data = NULL;
  gsf_off_t size;
  xmlDoc *doc;

  *missing = input == NULL;
  if (input == NULL)
    return NULL;

  size = gsf_input_size (input);
  if (size < 0 || size > MAX_PART_SIZE || reader->bytes_read + size > MAX_TOTAL_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is refused: its part %s expands to more than any programming file "
                     "holds (%d MB)"), reader->display_name, path, MAX_PART_SIZE / (1024 * 1024));
      return NULL;
    }
  reader->bytes_read += size;
  data = g_malloc (size + 1);
  if (size > 0 && gsf_input_read (input, size, data) == NULL)
    {
      damaged (reader, path, error);
      return NULL;
    }
  /* No network, no entity substitution: the file is untrusted. */
  doc = xmlReadMemory ((const char *) data, (int) size, path, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      damaged (reader, path, error);
      return NULL;
    }
  return doc;
}

static xmlDoc *
read_required_part (TrjXlsxReader *reader, const char *path, GError **error)
{
  gboolean missing = FALSE;
  xmlDoc *doc = read_part (reader, path, &missing, error);

  if (missing)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("“%s” is not an xlsx workbook (%s is missing)"), reader->display_name, path);
  return doc;
}

/* Sheet names and their part paths, from xl/workbook.xml and its relationships. */
static gboolean
load_sheet_list (TrjXlsxReader *reader, GError **error)
{
  g_autoptr(xmlDoc) workbook = read_required_part (reader, "xl/workbook.xml", error);
  g_autoptr(xmlDoc) rels = NULL;
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  xmlNode *sheets = NULL;

  if (workbook == NULL)
    return FALSE;
  rels = read_required_part (reader, "xl/_rels/workbook.xml.rels", error);
  if (rels == NULL)
    return FALSE;

  for (xmlNode *rel = xmlDocGetRootElement (rels)->children; rel != NULL; rel = rel->next)
    if (is_element (rel, "Relationship"))
      {
        g_autofree char *id = prop (rel, "Id");
        g_autofree char *target = prop (rel, "Target");

        if (id == NULL || target == NULL)
          continue;
        /* Targets are relative to xl/, or absolute from the package root. */
        g_hash_table_insert (targets, g_steal_pointer (&id),
                             target[0] == '/' ? g_strdup (target + 1)
                                              : g_strconcat ("xl/", target, NULL));
      }

  for (xmlNode *node = xmlDocGetRootElement (workbook)->children; node != NULL; node = node->next)
    if (is_element (node, "sheets"))
      sheets = node;
  if (sheets == NULL)
    return damaged (reader, "xl/workbook.xml", error);

  for (xmlNode *sheet = sheets->children; sheet != NULL; sheet = sheet->next)
    if (is_element (sheet, "sheet"))
      {
        g_autofree char *name = prop (sheet, "name");
        xmlChar *rid = xmlGetNsProp (sheet, (const xmlChar *) "id",
                                     (const xmlChar *) NS_RELATIONSHIPS);
        const char *target = rid != NULL ? g_hash_table_lookup (targets, rid) : NULL;

        xmlFree (rid);
        if (name == NULL || target == NULL)
          return damaged (reader, "xl/workbook.xml", error);
        g_strv_builder_add (names, name);
        g_strv_builder_add (parts, target);
      }

  reader->sheet_names = g_strv_builder_end (names);
  reader->sheet_parts = g_strv_builder_end (parts);
  return TRUE;
}

TrjXlsxReader *
trj_xlsx_reader_open (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = trj_input_display_name (path);
  gsize length;

  /* Read once into memory: a pipe cannot be read again, nor seeked as zip needs. */
  if ((contents = trj_input_read (path, TRJ_XLSX_MAX_FILE_SIZE, &length, error)) == NULL)
    return NULL;
  return trj_xlsx_reader_open_data (g_steal_pointer (&contents), length, display, error);
}

TrjXlsxReader *
trj_xlsx_reader_open_data (char *contents, gsize length, const char *display_name,
                           GError **error)
{
  g_autoptr(TrjXlsxReader) reader = g_new0 (TrjXlsxReader, 1);
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) local_error = NULL;

  ensure_gsf ();
  reader->display_name = g_strdup (display_name);
  if (length > TRJ_XLSX_MAX_FILE_SIZE)
    {
      g_autofree char *megabytes = trj_format_number (length / 1048576.0, 1);

      g_free (contents);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is too large (%s MB): files over %d MB are refused"),
                   reader->display_name, megabytes, TRJ_XLSX_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  input = gsf_input_memory_new ((guint8 *) contents, length, TRUE);
  reader->zip = gsf_infile_zip_new (input, &local_error);
  if (reader->zip == NULL)
    {
      /* A cut-off download loses the zip directory, which sits at the end. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a readable xlsx file: it is truncated or it is not a spreadsheet"),
                   reader->display_name);
      return NULL;
    }
  if (!load_sheet_list (reader, error))
    return NULL;

  return g_steal_pointer (&reader);
}

void
trj_xlsx_reader_free (TrjXlsxReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->display_name);
  g_clear_object (&reader->zip);
  g_clear_pointer (&reader->shared_strings, g_ptr_array_unref);
  g_strfreev (reader->sheet_names);
  g_strfreev (reader->sheet_parts);
  g_free (reader);
}

const char *const *
trj_xlsx_reader_sheet_names (TrjXlsxReader *reader)
{
  return (const char *const *) reader->sheet_names;
}

char *
trj_xlsx_reader_custom_property (TrjXlsxReader *reader, const char *name)
{
  gboolean missing = FALSE;
  g_autoptr(xmlDoc) doc = read_part (reader, "docProps/custom.xml", &missing, NULL);

  if (doc == NULL)
    return NULL;
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    if (is_element (node, "property"))
      {
        g_autofree char *prop_name = prop (node, "name");

        if (prop_name != NULL && g_str_equal (prop_name, name))
          {
            xmlChar *text = xmlNodeGetContent (node);
            char *value = g_strdup ((const char *) text);
            xmlFree (text);
            return value;
          }
      }
  return NULL;
}

static gboolean
too_many_cells (TrjXlsxReader *reader, const char *part, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is refused: its part %s holds more than %d cells or texts, more than "
                 "any programming file"), reader->display_name, part, MAX_CELLS);
  return FALSE;
}

static gboolean
load_shared_strings (TrjXlsxReader *reader, GError **error)
{
  gboolean missing = FALSE;
  g_autoptr(xmlDoc) doc = NULL;

  if (reader->shared_strings != NULL)
    return TRUE;
  reader->shared_strings = g_ptr_array_new_with_free_func (g_free);
  doc = read_part (reader, "xl/sharedStrings.xml", &missing, error);
  if (doc == NULL)
    return missing;   /* a workbook without text has no shared strings */

  for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
    if (is_element (si, "si"))
      {
        GString *text;

        if (reader->shared_strings->len == MAX_CELLS)
          return too_many_cells (reader, "xl/sharedStrings.xml", error);
        text = g_string_new (NULL);
        append_t_text (si, text);
        g_ptr_array_add (reader->shared_strings, g_string_free (text, FALSE));
      }
  return TRUE;
}

/* "BC12" → column 54, row 11 (0-based). */
static gboolean
parse_cell_ref (const char *ref, guint *row, guint *col)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  for (; *p >= 'A' && *p <= 'Z'; p++)
    c = c * 26 + (guint64) (*p - 'A' + 1);
  if (c == 0 || c > 16384 || !g_ascii_isdigit (*p))
    return FALSE;
  if (!g_ascii_string_to_unsigned (p, 10, 1, 1048576, &r, NULL))
    return FALSE;
  *col = (guint) (c - 1);
  *row = (guint) (r - 1);
  return TRUE;
}

static gint64
cell_key (guint row, guint col)
{
  return (gint64) row * 16384 + col;
}

static void
sheet_set (TrjXlsxSheet *sheet, guint row, guint col, char *text)
{
  gint64 *key = g_new (gint64, 1);

  *key = cell_key (row, col);
  if (text == NULL)
    {
      g_hash_table_remove (sheet->cells, key);
      g_free (key);
      return;
    }
  g_hash_table_replace (sheet->cells, key, text);
  sheet->n_rows = MAX (sheet->n_rows, row + 1);
}

/* Text of a <c> element according to its type attribute. */
static char *
cell_text (TrjXlsxReader *reader, xmlNode *c)
{
  g_autofree char *type = prop (c, "t");

  for (xmlNode *child = c->children; child != NULL; child = child->next)
    {
      if (type != NULL && g_str_equal (type, "inlineStr") && is_element (child, "is"))
        {
          GString *text = g_string_new (NULL);
          append_t_text (child, text);
          return g_string_free (text, FALSE);
        }
      if (is_element (child, "v"))
        {
          xmlChar *v = xmlNodeGetContent (child);
          char *text = NULL;

          if (type != NULL && g_str_equal (type, "s"))
            {
              guint64 index;
              if (g_ascii_string_to_unsigned ((const char *) v, 10, 0, G_MAXUINT, &index, NULL)
                  && index < reader->shared_strings->len)
                text = g_strdup (g_ptr_array_index (reader->shared_strings, index));
            }
          else
            text = g_strdup ((const char *) v);
          xmlFree (v);
          return text;
        }
    }
  return NULL;
}

TrjXlsxSheet *
trj_xlsx_reader_read_sheet (TrjXlsxReader *reader, const char *name, GError **error)
{
  g_autoptr(TrjXlsxSheet) sheet = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  const char *part = NULL;
  xmlNode *data = NULL;

  for (guint i = 0; reader->sheet_names[i] != NULL; i++)
    if (g_str_equal (reader->sheet_names[i], name))
      part = reader->sheet_parts[i];
  if (part == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” has no sheet “%s”"), reader->display_name, name);
      return NULL;
    }
  if (!load_shared_strings (reader, error))
    return NULL;
  doc = read_required_part (reader, part, error);
  if (doc == NULL)
    return NULL;

  sheet = g_new0 (TrjXlsxSheet, 1);
  sheet->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sheet->formulas = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    if (is_element (node, "sheetData"))
      data = node;
  if (data == NULL)
    {
      damaged (reader, part, error);
      return NULL;
    }

  for (xmlNode *row = data->children; row != NULL; row = row->next)
    {
      if (!is_element (row, "row"))
        continue;
      for (xmlNode *c = row->children; c != NULL; c = c->next)
        {
          g_autofree char *ref = NULL;
          guint r, col;

          if (!is_element (c, "c"))
            continue;
          ref = prop (c, "r");
          if (ref == NULL || !parse_cell_ref (ref, &r, &col))
            {
              damaged (reader, part, error);
              return NULL;
            }
          sheet_set (sheet, r, col, cell_text (reader, c));
          for (xmlNode *f = c->children; f != NULL; f = f->next)
            if (is_element (f, "f"))
              {
                xmlChar *text = xmlNodeGetContent (f);
                gint64 *key = g_new (gint64, 1);

                *key = cell_key (r, col);
                g_hash_table_replace (sheet->formulas, key, g_strdup ((const char *) text));
                xmlFree (text);
              }
          if (g_hash_table_size (sheet->cells) + g_hash_table_size (sheet->formulas) > MAX_CELLS)
            {
              too_many_cells (reader, part, error);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&sheet);
}

guint
trj_xlsx_sheet_n_rows (const TrjXlsxSheet *sheet)
{
  return sheet->n_rows;
}

const char *
trj_xlsx_sheet_cell (const TrjXlsxSheet *sheet, guint row, guint col)
{
  gint64 key = cell_key (row, col);

  return g_hash_table_lookup (sheet->cells, &key);
}

const char *
trj_xlsx_sheet_formula (const TrjXlsxSheet *sheet, guint row, guint col)
{
  gint64 key = cell_key (row, col);

  return g_hash_table_lookup (sheet->formulas, &key);
}

void
trj_xlsx_sheet_free (TrjXlsxSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_hash_table_unref (sheet->cells);
  g_hash_table_unref (sheet->formulas);
  g_free (sheet);
}
