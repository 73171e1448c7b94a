/* trj-test-util.h — small helpers shared by the unit and ui tests (GLib only) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bad-input catalogue bounds each refusal to 2 s of CPU; code built with
 * ASan and UBSan (make check-asan) runs 2 to 3 times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define TRJ_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRJ_TEST_SANITIZED 1
#endif
#endif
#ifndef TRJ_TEST_SANITIZED
#define TRJ_TEST_SANITIZED 0
#endif
#define TRJ_TEST_CPU_LIMIT_S (TRJ_TEST_SANITIZED ? 6.0 : 2.0)

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
