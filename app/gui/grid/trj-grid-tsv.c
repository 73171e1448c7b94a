/* trj-grid-tsv.c — tab-separated clipboard text */

#include "trj-grid-tsv.h"

#include <string.h>

static void
end_row (GPtrArray *rows,
         GPtrArray *fields)
{
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
}

GPtrArray *
trj_grid_tsv_parse (const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      /* A quote opens a quoted field only at the start of a field, as in Calc. */
      if (*p == '"' && field->len == 0)
        {
          p++;
          while (*p != '\0')
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
          continue;
        }

      if (*p == '\t')
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          p++;
        }
      else if (*p == '\n' || *p == '\r')
        {
          p += (*p == '\r' && p[1] == '\n') ? 2 : 1;
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          end_row (rows, fields);
        }
      else
        g_string_append_c (field, *p++);
    }

  /* The last row, unless the text ended with a line break. */
  if (fields->len > 0 || field->len > 0)
    {
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      end_row (rows, fields);
    }

  return g_steal_pointer (&rows);
}
