/* trj-fuzz.h — what the fuzz targets of tests/fuzz/ share
 *
 * Each fuzz-<target>.c defines LLVMFuzzerTestOneInput. Built with clang and
 * -fsanitize=fuzzer (meson -Dfuzz=true, see tests/README.md) it is a libFuzzer
 * binary; built with the normal compiler and trj-fuzz-replay.c it replays the
 * committed seeds and regressions as a unit test.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "trj-engine.h"
#include "trj-workbook.h"

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Locale, money formatter, fatal criticals and a private temporary folder. */
void  trj_fuzz_init             (void);
/* Writes the input to a file of the private folder, named with `suffix`
 * (readers that take a path); the same path for every input of the process. */
const char *trj_fuzz_write_file (const uint8_t *data, size_t size, const char *suffix);
/* That private folder (other files a target needs go beside the inputs). */
const char *trj_fuzz_dir        (void);
/* Removes that file and the -wal/-shm/-journal files SQLite may leave beside it. */
void  trj_fuzz_remove_file      (const char *path);

/* Formats a figure every way the application does: each text must be
 * non-empty UTF-8 (aborts otherwise). */
void  trj_fuzz_format_figure    (double value);

/* What the application does with a scenario it accepted: validate, compute,
 * format every figure of the summary and the alerts, write the JSON documents
 * and read the scenario's own JSON back, which must succeed (an accepted
 * scenario that its own export refuses is a finding: aborts). */
void  trj_fuzz_exercise_scenario (const TrjScenario *scenario);

/* The IAE imports (fuzz-structures, fuzz-realised): a reader of a CSV file
 * matched to a scenario's structures, and the workbook edit that writes what
 * it read (trajectoire-cli structures / realised, and the window). */
typedef GPtrArray *(*TrjFuzzIaeRead)   (const char        *path,
                                        const TrjScenario *scenario,
                                        GError           **error);
typedef gboolean   (*TrjFuzzIaeImport) (TrjWorkbook       *workbook,
                                        gint64             scenario_id,
                                        GPtrArray         *rows,
                                        GError           **error);
/* Makes the workbook of the private folder from the scenario document at
 * `scenario_path` (tests/fixtures/iae/structures-scenario.json). */
void  trj_fuzz_iae_init          (const char *scenario_path);
/* One input as the CLI takes it: read against the workbook's scenario; a
 * refusal must carry a UTF-8 message; rows read are imported (one undo
 * step), the scenario after it validated, computed, formatted and written
 * (trj_fuzz_exercise_scenario), then undone. A refused import or the undo
 * must leave the scenario as it was, byte for byte in its JSON (aborts
 * otherwise), so that every input starts from the same workbook. */
void  trj_fuzz_iae_one           (const uint8_t    *data,
                                  size_t            size,
                                  TrjFuzzIaeRead    read,
                                  TrjFuzzIaeImport  import);

G_END_DECLS
