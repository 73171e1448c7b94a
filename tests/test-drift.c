/* test-drift.c — ACTUAL_DRIFT with the tolerances the user sets, and the
 * « Message aux prescripteurs » (MODEL 8), on tests/fixtures/actuals
 *
 * landing-scenario.json programs line a (PEC, 29, France Travail) at 50 %,
 * 20 h, 6 months, and line b (CIE jeunes, 29, Mission locale) at 40 %, 25 h,
 * 4 months; good.csv observes a at 60 % (12 entries a month, January to June,
 * no hours nor duration reported) and b at 30 h and 5 months (5 entries a
 * month, no rate reported). By hand: a drifts by 10 points of rate, b by 5 h
 * and by 1 month; nothing else is observed.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "trj-actuals-csv.h"
#include "trj-i18n.h"
#include "trj-json.h"
#include "trj-prescriber-message.h"
#include "trj-year-data.h"
#include "trj-test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "actuals", name, NULL);
}

static TrjScenario *
scenario (void)
{
  g_autofree char *path = fixture ("landing-scenario.json");
  g_autoptr(GError) error = NULL;
  TrjScenario *s = trj_json_scenario_from_file (path, &error);

  g_assert_no_error (error);
  return s;
}

static TrjLanding *
landing_with (const TrjScenario *s, const TrjDriftTolerance *tolerance)
{
  g_autofree char *path = fixture ("good.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrjActuals) actuals = trj_actuals_read_csv (path, s, &error);
  TrjLanding *landing;

  g_assert_no_error (error);
  landing = trj_landing_compute_with_tolerance (s, actuals, TRJ_PROJECTION_OBSERVED,
                                                &trj_year_data_get (2024, NULL)->rules, tolerance, &error);
  g_assert_no_error (error);
  return landing;
}

static const TrjLandingDrift *
drift (const TrjLanding *landing, guint i)
{
  g_assert_cmpuint (i, <, landing->drifts->len);
  return &g_array_index (landing->drifts, TrjLandingDrift, i);
}

static void
test_tolerances (void)
{
  g_autoptr(TrjScenario) s = scenario ();
  g_autoptr(TrjLanding) defaults = landing_with (s, NULL);
  g_autoptr(TrjLanding) wide = NULL, narrow = NULL, hours_only = NULL;
  TrjDriftTolerance t;

  /* Defaults (2 points, 1 h, 0,5 month, 5 points): the three drifts. */
  trj_drift_tolerance_init (&t);
  g_assert_cmpfloat (t.rate, ==, 0.02);
  g_assert_cmpfloat (t.hours, ==, 1);
  g_assert_cmpfloat (t.duration, ==, 0.5);
  g_assert_cmpfloat (t.cofinancing, ==, 0.05);
  g_assert_cmpuint (defaults->drifts->len, ==, 3);
  g_assert_cmpint (drift (defaults, 0)->param, ==, TRJ_PARAM_RATE);
  g_assert_cmpfloat_with_epsilon (drift (defaults, 0)->observed, 0.6, 1e-12);
  g_assert_cmpfloat (drift (defaults, 0)->programmed, ==, 0.5);
  g_assert_cmpfloat (drift (defaults, 0)->tolerance, ==, 0.02);
  g_assert_cmpint (drift (defaults, 1)->param, ==, TRJ_PARAM_WEEKLY_HOURS);
  g_assert_cmpfloat_with_epsilon (drift (defaults, 1)->observed, 30, 1e-12);
  g_assert_cmpfloat (drift (defaults, 1)->programmed, ==, 25);
  g_assert_cmpint (drift (defaults, 2)->param, ==, TRJ_PARAM_DURATION_MONTHS);
  g_assert_cmpfloat_with_epsilon (drift (defaults, 2)->observed, 5, 1e-12);
  g_assert_cmpfloat (drift (defaults, 2)->programmed, ==, 4);

  /* Wider than every gap (10 points, 5 h, 1 month are not more than 12 points,
   * 5 h, 1 month): none. */
  t = (TrjDriftTolerance) { 0.12, 5, 1, 0.05 };
  wide = landing_with (s, &t);
  g_assert_cmpuint (wide->drifts->len, ==, 0);
  /* Just under each gap: the three again, with the tolerance given. */
  t = (TrjDriftTolerance) { 0.09, 4.9, 0.9, 0.05 };
  narrow = landing_with (s, &t);
  g_assert_cmpuint (narrow->drifts->len, ==, 3);
  g_assert_cmpfloat (drift (narrow, 0)->tolerance, ==, 0.09);
  g_assert_cmpfloat (drift (narrow, 1)->tolerance, ==, 4.9);
  g_assert_cmpfloat (drift (narrow, 2)->tolerance, ==, 0.9);
  /* 11 points and 1 month: only the hours of b. */
  t = (TrjDriftTolerance) { 0.11, 4.9, 1, 0.05 };
  hours_only = landing_with (s, &t);
  g_assert_cmpuint (hours_only->drifts->len, ==, 1);
  g_assert_cmpint (drift (hours_only, 0)->param, ==, TRJ_PARAM_WEEKLY_HOURS);
  /* The tolerance changes the alerts, never the landing itself. */
  g_assert_cmpfloat (wide->envelopes[0].ae_landing, ==, defaults->envelopes[0].ae_landing);
}

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static void
test_message (void)
{
  g_autoptr(TrjScenario) s = scenario ();
  g_autoptr(TrjLanding) landing = landing_with (s, NULL);
  g_autoptr(GDateTime) date = g_date_time_new_local (2024, 7, 10, 9, 0, 0);
  TrjPrescriberMessage message = { s, "Programmation", landing->drifts, landing->month, date };
  g_auto(GStrv) prescribers = trj_prescriber_message_prescribers (&message);
  g_autofree char *dir = g_dir_make_tmp ("trj-drift-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "message.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "message.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *pdftotext = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* a is France Travail's, b Mission locale's: two prescribers, sorted. */
  g_assert_cmpuint (g_strv_length (prescribers), ==, 2);
  g_assert_cmpstr (prescribers[0], ==, "France Travail");
  g_assert_cmpstr (prescribers[1], ==, "Mission locale");
  g_assert_cmpuint (landing->month, ==, 6);

  g_assert_true (trj_prescriber_message_write_csv (&message, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, &length, &error));
  /* The other CSV exports' conventions: BOM, « ; », decimal comma, CRLF. */
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  lines = g_strsplit (contents + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* header, three rows, the empty end */
  g_assert_cmpstr (lines[0], ==, "prescripteur;enveloppe;identifiant;libellé;département;paramètre;"
                                 "programmé;observé;écart;tolérance;données à fin");
  g_assert_cmpstr (lines[1], ==, "France Travail;PEC_CIE_TP;a;A;29;rate;0,5;0,6;0,1;0,02;6");
  g_assert_cmpstr (lines[2], ==, "Mission locale;CIE_JEUNES;b;B;29;weekly_hours;25;30;5;1;6");
  g_assert_cmpstr (lines[3], ==, "Mission locale;CIE_JEUNES;b;B;29;duration_months;4;5;1;0,5;6");
  g_assert_cmpstr (lines[4], ==, "");

  pdftotext = g_find_program_in_path ("pdftotext");
  if (pdftotext != NULL)
    {
      const char *info_argv[] = { "pdfinfo", pdf, NULL };
      const char *text_argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
      g_autofree char *info = NULL, *raw = NULL, *text = NULL;
      g_auto(GStrv) pages = NULL;
      const char *n;

      g_assert_true (trj_prescriber_message_write_pdf (&message, pdf, &error));
      g_assert_no_error (error);
      info = run (info_argv);
      n = strstr (info, "Pages:");
      g_assert_nonnull (n);
      /* One page per prescriber. */
      g_assert_cmpuint (g_ascii_strtoull (n + strlen ("Pages:"), NULL, 10), ==, 2);
      raw = run (text_argv);
      text = trj_test_plain_spaces (raw);
      pages = g_strsplit (text, "\f", -1);
      g_assert_nonnull (strstr (pages[0], "Message au prescripteur : France Travail"));
      g_assert_nonnull (strstr (pages[0], "données à fin juin 2024"));
      g_assert_nonnull (strstr (pages[0], "10 juillet 2024"));
      g_assert_nonnull (strstr (pages[0], "50,0 %"));
      g_assert_nonnull (strstr (pages[0], "60,0 %"));
      g_assert_nonnull (strstr (pages[0], "+10,0 points"));
      g_assert_null (strstr (pages[0], "Mission locale"));
      g_assert_nonnull (strstr (pages[1], "Message au prescripteur : Mission locale"));
      g_assert_nonnull (strstr (pages[1], "+5"));
      g_assert_nonnull (strstr (pages[1], "+1"));
      g_assert_null (strstr (pages[1], "France Travail"));
      if (g_getenv ("TRJ_SCREENSHOT_DIR") != NULL)
        {
          g_autofree char *kept = g_build_filename (g_getenv ("TRJ_SCREENSHOT_DIR"), "prescriber-message.pdf", NULL);
          g_assert_true (trj_prescriber_message_write_pdf (&message, kept, NULL));
        }
      g_unlink (pdf);
    }
  g_unlink (csv);
  g_rmdir (dir);
}

static void
test_nothing_to_send (void)
{
  g_autoptr(TrjScenario) s = scenario ();
  TrjDriftTolerance t = { 0.12, 5, 1, 0.05 };
  g_autoptr(TrjLanding) landing = landing_with (s, &t);
  TrjPrescriberMessage message = { s, NULL, landing->drifts, landing->month, NULL };
  g_autofree char *dir = g_dir_make_tmp ("trj-drift-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "message.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (trj_prescriber_message_write_csv (&message, csv, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "tolérance"));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  trj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/drift/tolerances", test_tolerances);
  g_test_add_func ("/drift/message", test_message);
  g_test_add_func ("/drift/nothing-to-send", test_nothing_to_send);
  return g_test_run ();
}
