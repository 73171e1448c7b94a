/* trj-json.h — the JSON exchange documents of MODEL.md section 7
 *
 * "trajectoire-scenario/1" is read into a TrjScenario and written back from one;
 * "trajectoire-result/1" is written from a scenario and its TrjResult. The same
 * documents serve the application's JSON import/export and trajectoire-cli.
 *
 * Reading is strict: an unknown key, a missing required key, a value of the
 * wrong type or an array that does not hold exactly 12 numbers refuses the
 * whole document, with a French message that starts with the key path:
 * "envelopes[0].lines[2].rate : 1,4 est supérieur à 1". Hard limits are checked
 * by the engine (trj_scenario_validate) after the structure.
 *
 * Writing keeps the document's shape: entries stay monthly or volume × profile,
 * and optional keys are written only when they were given (reference
 * overrides, previous entries, profiles, fungibility) or differ from their
 * default, so that import then export gives back the same document.
 */
#pragma once

#include <glib.h>

#include "trj-engine.h"

G_BEGIN_DECLS

#define TRJ_JSON_SCENARIO_FORMAT "trajectoire-scenario/1"
#define TRJ_JSON_RESULT_FORMAT   "trajectoire-result/1"

#define TRJ_JSON_ERROR (trj_json_error_quark ())
GQuark trj_json_error_quark (void);

typedef enum {
  TRJ_JSON_ERROR_SYNTAX,      /* not a JSON document */
  TRJ_JSON_ERROR_FORMAT,      /* not a "trajectoire-scenario/1" document */
  TRJ_JSON_ERROR_STRUCTURE,   /* unknown or missing key, wrong type, wrong array length */
  TRJ_JSON_ERROR_VALUE,       /* a value of the right type that means nothing (zone, date…) */
} TrjJsonError;

/* Reading. The year's embedded data (trj_year_data_get) supplies the reference
 * values that "reference" does not override and the post-aid defaults. Errors
 * are in TRJ_JSON_ERROR, or TRJ_ENGINE_ERROR for values outside hard limits. */
TrjScenario *trj_json_scenario_from_data (const char *data, gssize length, GError **error);
TrjScenario *trj_json_scenario_from_file (const char *path, GError **error);

/* Writing: pretty-printed UTF-8 ending with a newline. */
char        *trj_json_scenario_to_data   (const TrjScenario *scenario);
/* result must have been computed from scenario. */
char        *trj_json_result_to_data     (const TrjScenario *scenario, const TrjResult *result);

G_END_DECLS
