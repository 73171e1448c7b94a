/* trj-programming.h — the « Fichier de programmation » (.xlsx) sent to the DGEFP
 *
 * Writing: one workbook with the sheets « Synthèse », « Trajectoire », « Lignes »,
 * « Entrées mensuelles », « Alertes », « Paramètres » for people (numbers are
 * numbers with French display formats, totals are SUM formulas with their values
 * cached), and a hidden sheet « Données » holding the scenario as a
 * trajectoire-scenario/1 JSON document, so that Trajectoire can read the file back
 * exactly (re-import, national consolidation).
 *
 * Reading: only files written by Trajectoire are accepted; anything else (another
 * tool's spreadsheet, a truncated download) is refused with a French message.
 */
#pragma once

#include <glib.h>

#include "trj-engine.h"
#include "trj-year-data.h"
#include "trj-catalog.h"

G_BEGIN_DECLS

/* Value of the custom document property "Trajectoire" in our files. */
#define TRJ_PROGRAMMING_FORMAT "trajectoire-programmation/1"
#define TRJ_PROGRAMMING_DATA_SHEET "Données"

typedef struct {
  const char *scenario_name;   /* NULL: none shown */
  GDateTime  *date;            /* date shown and stored; NULL: now */
  /* A version sent to the DGEFP (MODEL 9): the sentence that says so, shown
   * on the « Synthèse » sheet under the scenario (trj_sent_version_describe);
   * NULL: a working scenario, no such row. */
  const char *sent;
} TrjProgrammingInfo;

/* Computes the scenario with the year's rules and writes the file at path
 * (replaced if it exists). */
gboolean     trj_programming_write_xlsx (const TrjScenario        *scenario,
                                         const TrjProgrammingInfo *info,
                                         const char               *path,
                                         GError                  **error);

/* Reads back a programming file written by trj_programming_write_xlsx (path "-":
 * the standard input). On success returns the scenario (transfer full) and, when
 * name_out is not NULL, the scenario name stored in the file (may be NULL). */
TrjScenario *trj_programming_read_xlsx  (const char  *path,
                                         char       **name_out,
                                         GError     **error);
/* The same from a file already in memory (takes contents, g_free); display names
 * it in messages. */
TrjScenario *trj_programming_read_xlsx_data (char        *contents,
                                             gsize        length,
                                             const char  *display,
                                             char       **name_out,
                                             GError     **error);

/* Validates and computes a scenario with its year's rules (no range alerts when
 * the year has no embedded data). Transfer full. */
TrjResult   *trj_programming_compute    (const TrjScenario *scenario,
                                         GError           **error);

const char  *trj_programming_zone_label      (TrjZone zone);
/* The translated word of a unit of volumes: « contrats », « ETP », « aides », « € ». */
const char  *trj_programming_unit_label      (TrjUnit unit);
/* Number of alerts of one envelope (-1: the region-wide ones), informations
 * (MODEL 5: RATE_ABOVE_AVERAGE within the capacity) not counted. */
guint        trj_programming_envelope_alerts (const TrjResult *result, int envelope);

G_END_DECLS
