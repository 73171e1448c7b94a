/* fuzz-realised.c — the realised ETP of the IAE structures, the ASP's monthly
 * declarations (trj_realised_read_csv, MODEL 3.2), matched to the lines of
 * tests/fixtures/iae/structures-scenario.json (one structure with lines of two
 * kinds), then imported into a workbook as `trajectoire-cli realised` does,
 * the scenario after it computed and formatted, and the import undone
 * (trj_fuzz_iae_one) */
#include "config.h"

#include "trj-fuzz.h"
#include "trj-structures-csv.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  trj_fuzz_iae_init (TRJ_FUZZ_IAE_SCENARIO);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  trj_fuzz_iae_one (data, size, trj_realised_read_csv, trj_workbook_import_realised);
  return 0;
}
