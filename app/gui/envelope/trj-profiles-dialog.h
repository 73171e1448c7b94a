/* trj-profiles-dialog.h — « Profils enregistrés »: rename and delete the
 * entry profiles saved in a workbook (MODEL 2.7).
 *
 * One row per saved profile: its name, editable (Entrée or the apply button
 * renames it; a name refused by the workbook is shown and the row goes back to
 * the saved name) and a delete button that asks first. The list follows the
 * workbook's "profiles-changed". Renaming and deleting are not undo steps, as
 * saving is not: a profile is a tool of the workbook, not a figure. */
#pragma once

#include <adwaita.h>

#include "trj-workbook.h"

G_BEGIN_DECLS

/* A modal dialog over `parent`, shown by the caller. */
GtkWindow *trj_profiles_dialog_new (GtkWindow *parent, TrjWorkbook *workbook);

G_END_DECLS
