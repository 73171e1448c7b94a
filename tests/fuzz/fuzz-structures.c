/* fuzz-structures.c — the register of IAE structures (trj_structures_read_csv,
 * MODEL 3.1) matched to the lines of tests/fixtures/iae/structures-scenario.json,
 * then imported into a workbook as `trajectoire-cli structures` does, the
 * scenario after it computed and formatted, and the import undone
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
  trj_fuzz_iae_one (data, size, trj_structures_read_csv, trj_workbook_import_structures);
  return 0;
}
