/* trj-cli.h — trajectoire-cli commands
 *
 * Each command lives in its own file and has the signature of TrjCliCommandFunc:
 * argv[0] is the command name. Return the process exit code:
 * 0 success, 1 invalid input (message on stderr naming what and where), 2 usage error.
 */
#pragma once

#include <glib.h>

#include "trj-types.h"
#include "trj-workbook.h"

G_BEGIN_DECLS

typedef int (*TrjCliCommandFunc) (int argc, char **argv);

/* trj-cli-simulate.c */
/* The one place that turns a path given on the command line into a scenario:
 * a "trajectoire-scenario/1" JSON document, or a workbook (then scenario_name
 * picks one of its scenarios; NULL for the active one). */
TrjScenario *trj_cli_load_scenario (const char *path, const char *scenario_name, GError **error);
int trj_cli_simulate     (int argc, char **argv);
int trj_cli_solve        (int argc, char **argv);
int trj_cli_example      (int argc, char **argv);
/* trj-cli-summary.c */
int trj_cli_summary      (int argc, char **argv);
/* trj-cli-io.c: every file argument may be "-" (standard input), a pipe or a
 * FIFO, read once; every --output may be "-" (standard output). */
typedef enum {
  TRJ_CLI_INPUT_JSON,       /* a "trajectoire-scenario/1" document (anything else) */
  TRJ_CLI_INPUT_XLSX,       /* a programming file: *.xlsx or a zip */
  TRJ_CLI_INPUT_WORKBOOK,   /* *.trajectoire or an SQLite file */
} TrjCliInputKind;

gboolean     trj_cli_input_kind        (const char *path, TrjCliInputKind *kind,
                                        GError **error);
/* TRUE when path is a workbook rather than a document (FALSE when unreadable). */
gboolean     trj_cli_is_workbook       (const char *path);
TrjWorkbook *trj_cli_open_workbook     (const char *path, GError **error);
/* The scenario of a JSON document, a programming file or a workbook (its active
 * scenario); *name_out (may be NULL) gets the name a programming file stores. */
TrjScenario *trj_cli_read_scenario     (const char *path, char **name_out, GError **error);
/* NULL and "-" are the standard output. */
gboolean     trj_cli_is_stdout         (const char *output);
/* Writes text to output (atomically: a temporary file renamed) or the standard output. */
gboolean     trj_cli_write_text        (const char *output, const char *text, GError **error);
/* For writers that need a file name: the file to write for output (output itself,
 * or a temporary file named "sortie<suffix>" for "-"), then, once written, its
 * bytes copied to the standard output when output is "-". */
char        *trj_cli_output_begin      (const char *output, const char *suffix, GError **error);
gboolean     trj_cli_output_end        (const char *output, const char *written, GError **error);
/* Removes the temporary files; main calls it when the command returns. */
void         trj_cli_io_clear          (void);

/* Two programs share these sources (app/cli/meson.build): trajectoire-cli, built
 * with TRJ_CLI_LIGHT, links only the engine, the store and the JSON/CSV side of
 * the exchange library, so that it starts in a few milliseconds; whatever needs
 * cairo, pango or the xlsx libraries (chart, report, consolidate, calc, a
 * programming file read or written) it hands to trajectoire-cli-full, the same
 * commands with every library, by exec with the same arguments. */
/* Called by main with the arguments of the process. */
void         trj_cli_set_arguments     (int argc, char **argv);
#ifdef TRJ_CLI_LIGHT
/* Runs the command in trajectoire-cli-full instead; the streams already read
 * (standard input, pipes, FIFOs) are handed to it again, as memory files. Does
 * not return, except with an error when the program cannot be started. */
int          trj_cli_run_full          (void);
#endif

/* trj-cli-workbook.c */
/* The scenario named `name`, or the active one when name is NULL; 0 with an
 * error listing the scenarios when there is none of that name. */
gint64       trj_cli_find_scenario     (TrjWorkbook *wb, const char *name, GError **error);
/* A snapshot of one scenario of a workbook (scenario_name NULL: the active one). */
TrjScenario *trj_cli_workbook_scenario (const char *path, const char *scenario_name,
                                        GError **error);
int trj_cli_new          (int argc, char **argv);
/* trj-cli-ddets.c */
int trj_cli_ddets        (int argc, char **argv);
int trj_cli_import       (int argc, char **argv);
int trj_cli_export       (int argc, char **argv);
int trj_cli_scenarios    (int argc, char **argv);
/* trj-cli-send.c */
int trj_cli_send         (int argc, char **argv);
/* trj-cli-year.c */
int trj_cli_diff         (int argc, char **argv);
int trj_cli_actuals      (int argc, char **argv);
int trj_cli_landing      (int argc, char **argv);
/* The "trajectoire-landing/1" document of MODEL 8 (transfer full). */
char *trj_cli_landing_to_json (const TrjScenario *programmed, const TrjLanding *landing);
/* trj-cli-structures.c */
int trj_cli_structures   (int argc, char **argv);
int trj_cli_realised     (int argc, char **argv);
/* trj-cli-chart.c */
int trj_cli_chart        (int argc, char **argv);
int trj_cli_report       (int argc, char **argv);
/* trj-cli-consolidate.c */
int trj_cli_consolidate  (int argc, char **argv);
/* trj-cli-calc.c */
int trj_cli_calc         (int argc, char **argv);

/* Shared helpers (trj-cli.c) */
/* Prints "trajectoire-cli: <message>" on stderr. */
void trj_cli_error       (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* A command's option context: "trajectoire-cli COMMAND [OPTION…] PARAMETER" in --help,
 * with its summary and entries (both translated at display). */
GOptionContext *trj_cli_command_context (const char *command, const char *parameter,
                                         const char *summary, const GOptionEntry *entries);
/* Parses options of a command with GOptionContext; on failure prints the error and
 * returns FALSE (the caller exits 2). `parameter` and `summary` are translated. */
gboolean trj_cli_parse   (GOptionContext *context, int *argc, char ***argv);

G_END_DECLS
