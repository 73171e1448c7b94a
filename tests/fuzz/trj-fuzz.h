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

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Locale, money formatter, fatal criticals and a private temporary folder. */
void  trj_fuzz_init             (void);
/* Writes the input to a file of the private folder, named with `suffix`
 * (readers that take a path); the same path for every input of the process. */
const char *trj_fuzz_write_file (const uint8_t *data, size_t size, const char *suffix);
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

G_END_DECLS
