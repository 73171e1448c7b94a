/* trj-ddets.h — the dialogue DREETS–DDETS of Fiche 7, without a server (issue 16)
 *
 * « Préparer le fichier d'une DDETS » writes a workbook (.trajectoire) for one
 * département: one scenario holding, for each envelope with lines or an
 * allocation there, the département's lines and its allocations; the
 * envelope's notified AE and volume are the département's allocation (the
 * one for the whole département, else the sum of its prescribers'), its CP
 * the region's in the same proportion. The regional workbook keeps the lines
 * as they were sent (the base) and a token the file carries too.
 *
 * « Intégrer le retour d'une DDETS » reads such a file back into the scenario
 * it was prepared from: a line the DDETS changed and the region did not is
 * taken, one the region changed and the DDETS did not is kept, a line both
 * changed (differently) is a conflict; a line added by the DDETS is added
 * (given a new id if the region used its id meanwhile), one it removed is
 * removed. With any conflict nothing changes and the error lists each
 * conflicting line in French, as the planner knows it (its label, envelope
 * and département; its id only when two would read the same), with each
 * field both sides changed differently: its title, the value sent, the
 * region's and the DDETS' (« taux de prise en charge : envoyé 60,0 %,
 * région 65,0 %, DDETS 70,0 % », « entrées en mars : … »); otherwise the merge is ONE undo step
 * « Intégrer le retour de la DDETS ». A file prepared for another scenario,
 * an older file than the last one prepared for its département, or a file
 * that is no DDETS file is refused.
 */
#pragma once

#include "trj-workbook.h"

G_BEGIN_DECLS

/* The département's part of a scenario (transfer full), as the file holds it. */
TrjScenario *trj_ddets_part          (const TrjScenario *scenario, const char *departement);

gboolean     trj_ddets_prepare       (TrjWorkbook *region,
                                      gint64       scenario_id,
                                      const char  *departement,
                                      const char  *path,
                                      GError     **error);

/* A line changed on both sides. */
typedef struct {
  char *id;
  char *line;              /* « « PEC Finistère », PEC et CIE tous publics, Finistère (29) » */
  char *what;              /* « modifiée par la DDETS et par la région » */
  char **changes;          /* « taux de prise en charge : envoyé 60,0 %, région 65,0 %, DDETS 70,0 % »…;
                            * empty when the line was removed on one side */
} TrjDdetsConflict;

typedef struct {
  char *departement;
  guint updated, added, removed;
  GPtrArray *conflicts;    /* TrjDdetsConflict*, empty when none */
} TrjDdetsMerge;

void         trj_ddets_merge_clear   (TrjDdetsMerge *merge);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrjDdetsMerge, trj_ddets_merge_clear)

/* merge (may be NULL) says what was done, or the conflicts when refused. */
gboolean     trj_ddets_integrate     (TrjWorkbook   *region,
                                      gint64         scenario_id,
                                      const char    *path,
                                      TrjDdetsMerge *merge,
                                      GError       **error);

G_END_DECLS
