/* trj-xlsx-reader.c — cells of an .xlsx file, through libgsf (zip) and libxml2 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gsf/gsf-utils.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "trj-format.h"
#include "trj-xlsx-reader.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

#define NS_RELATIONSHIPS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A zip bomb could expand a small file into gigabytes: no part of a programming
 * file comes near this. */
#define MAX_PART_SIZE (64 * 1024 * 1024)

struct _TrjXlsxReader {
  char *display_name;
  GsfInfile *zip;
  GPtrArray *shared_strings;   /* char*, loaded on first sheet read */
  GStrv sheet_names;
  GStrv sheet_parts;           /* zip path of each sheet, same order */
};

struct _TrjXlsxSheet {
  GPtrArray *rows;             /* GPtrArray of char* (NULL = empty cell), or NULL */
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
  if (size < 0 || size > MAX_PART_SIZE)
    {
      damaged (reader, path, error);
      return NULL;
    }
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
  g_autoptr(TrjXlsxReader) reader = g_new0 (TrjXlsxReader, 1);
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  ensure_gsf ();
  reader->display_name = g_filename_display_basename (path);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot open “%s”: %s"), reader->display_name, g_strerror (saved_errno));
      return NULL;
    }
  if (st.st_size > TRJ_XLSX_MAX_FILE_SIZE)
    {
      g_autofree char *megabytes = trj_format_number (st.st_size / 1048576.0, 1);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is too large (%s MB): files over %d MB are refused"),
                   reader->display_name, megabytes,
                   TRJ_XLSX_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  input = gsf_input_stdio_new (path, &local_error);
  if (input == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Cannot open “%s”: %s"), reader->display_name, local_error->message);
      return NULL;
    }
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
        GString *text = g_string_new (NULL);
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

static void
sheet_set (TrjXlsxSheet *sheet, guint row, guint col, char *text)
{
  GPtrArray *cells;

  if (row >= sheet->rows->len)
    g_ptr_array_set_size (sheet->rows, row + 1);
  cells = g_ptr_array_index (sheet->rows, row);
  if (cells == NULL)
    {
      cells = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_index (sheet->rows, row) = cells;
    }
  if (col >= cells->len)
    g_ptr_array_set_size (cells, col + 1);
  g_free (g_ptr_array_index (cells, col));
  g_ptr_array_index (cells, col) = text;
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
  /* Rows are padded with NULL by g_ptr_array_set_size: freed by hand in _free. */
  sheet->rows = g_ptr_array_new ();

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
        }
    }
  return g_steal_pointer (&sheet);
}

guint
trj_xlsx_sheet_n_rows (const TrjXlsxSheet *sheet)
{
  return sheet->rows->len;
}

const char *
trj_xlsx_sheet_cell (const TrjXlsxSheet *sheet, guint row, guint col)
{
  GPtrArray *cells;

  if (row >= sheet->rows->len)
    return NULL;
  cells = g_ptr_array_index (sheet->rows, row);
  if (cells == NULL || col >= cells->len)
    return NULL;
  return g_ptr_array_index (cells, col);
}

void
trj_xlsx_sheet_free (TrjXlsxSheet *sheet)
{
  if (sheet == NULL)
    return;
  for (guint i = 0; i < sheet->rows->len; i++)
    if (g_ptr_array_index (sheet->rows, i) != NULL)
      g_ptr_array_unref (g_ptr_array_index (sheet->rows, i));
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}
