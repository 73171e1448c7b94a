/* trj-application.h — the Trajectoire GtkApplication: app actions, accelerators, windows */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRJ_TYPE_APPLICATION (trj_application_get_type ())
G_DECLARE_FINAL_TYPE (TrjApplication, trj_application, TRJ, APPLICATION, AdwApplication)

TrjApplication *trj_application_new (void);

/* Opens a workbook in a window: the active one when it still shows the start
 * page, a new one otherwise. Errors are shown in that window. */
void trj_application_open_file (TrjApplication *self, GFile *file);

G_END_DECLS
