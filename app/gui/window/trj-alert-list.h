/* trj-alert-list.h — alert sentences under a summary, with a warning icon each
 * (an information icon for informations)
 *
 * Shared by the envelope pages and the summary page. Recomputing on every edit
 * changes the amounts in the sentences: the rows are kept and repainted, and
 * only added or removed when the number of alerts changes.
 *
 * Property "reserved-rows" (0: as many rows as alerts, hidden when none): the
 * list always takes the height of that many rows, whatever the number of
 * alerts, so that what is below it (an envelope's grid) never moves under the
 * pointer; when there are more alerts, the last row counts the others and
 * lists them in its tooltip.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRJ_TYPE_ALERT_LIST (trj_alert_list_get_type ())
G_DECLARE_FINAL_TYPE (TrjAlertList, trj_alert_list, TRJ, ALERT_LIST, GtkWidget)

GtkWidget *trj_alert_list_new          (void);
/* messages: NULL-terminated; the list hides itself when there is none. */
void       trj_alert_list_set_messages (TrjAlertList *self, const char * const *messages);
/* info: NULL, or one flag per message, TRUE for an information (MODEL 5),
 * shown with an information icon instead of the warning. */
void       trj_alert_list_set_messages_full (TrjAlertList       *self,
                                             const char * const *messages,
                                             const gboolean     *info);
/* TRUE when the row `index` shows an information. */
gboolean   trj_alert_list_is_info      (TrjAlertList *self, guint index);
guint      trj_alert_list_get_n_items  (TrjAlertList *self);
void       trj_alert_list_set_reserved_rows (TrjAlertList *self, guint rows);

G_END_DECLS
