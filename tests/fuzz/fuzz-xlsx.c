/* fuzz-xlsx.c — the xlsx reader (zip with libgsf, parts with libxml2) and the
 * programming-file reader on top of it (custom property, hidden « Données » JSON)
 *
 * Every sheet is read and its first columns walked, as the consolidation does;
 * an accepted programming file goes on through trj_fuzz_exercise_scenario. */
#include "config.h"

#include "trj-fuzz.h"
#include "trj-programming.h"
#include "trj-xlsx-reader.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  trj_fuzz_init ();
  return 0;
}

static void
read_every_sheet (const char *path)
{
  g_autoptr(TrjXlsxReader) reader = trj_xlsx_reader_open (path, NULL);
  const char *const *names;
  g_autofree char *format = NULL;

  if (reader == NULL)
    return;
  format = trj_xlsx_reader_custom_property (reader, "Trajectoire");
  names = trj_xlsx_reader_sheet_names (reader);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(TrjXlsxSheet) sheet = trj_xlsx_reader_read_sheet (reader, names[i], NULL);
      guint n_rows;

      if (sheet == NULL)
        continue;
      n_rows = trj_xlsx_sheet_n_rows (sheet);
      for (guint row = 0; row < MIN (n_rows, 200); row++)
        for (guint col = 0; col < 40; col++)
          {
            const char *text = trj_xlsx_sheet_cell (sheet, row, col);

            if (text != NULL && !g_utf8_validate (text, -1, NULL))
              g_error ("cell %u:%u of “%s” is not UTF-8", row, col, names[i]);
          }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = trj_fuzz_write_file (data, size, ".xlsx");
  g_autoptr(TrjScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  read_every_sheet (path);
  scenario = trj_programming_read_xlsx (path, &name, &error);
  if (scenario == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        g_error ("refused without a readable message");
      return 0;
    }
  trj_fuzz_exercise_scenario (scenario);
  return 0;
}
