/* trj-test-util.h — small helpers shared by the unit and ui tests (GLib only) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* French messages and figures use no-break spaces (U+00A0, U+202F: before “:”,
 * around « », in numbers), and pdftotext may turn them into plain ones: compare
 * with every kind of space made plain. Newly allocated. */
char *trj_test_plain_spaces (const char *text);

/* Removes a folder and the files directly in it (the tests' temporary folders). */
void  trj_test_remove_dir   (const char *path);

/* Recalculates an xlsx file in LibreOffice headless (tests/check-recalc.py,
 * working in `workdir`) and asserts that every formula cell holds the value
 * Trajectoire cached, the engine's figure; with reverse_margin, also that a
 * copy whose first margin formula is reversed is caught. Skips the test,
 * saying so, where LibreOffice (soffice) is not installed. */
void  trj_test_check_recalc (const char *xlsx, const char *workdir, gboolean reverse_margin);

G_END_DECLS
