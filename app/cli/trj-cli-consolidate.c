/* trj-cli-consolidate.c — trajectoire-cli consolidate FILES... [-o national.xlsx]
 *
 * Reads regional programming files (.xlsx), workbooks (.trajectoire: their
 * current scenario) or scenario documents (.json), prints the national totals
 * against the national notification, and writes the consolidation as xlsx.
 * Exit codes: 0 success, 1 a file refused (message names it), 2 usage.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "trj-cli.h"
#include "trj-catalog.h"
#include "trj-consolidation.h"
#include "trj-format.h"
#include "trj-input.h"
#include "trj-programming.h"
#include "trj-workbook.h"

static gboolean
add_workbook (TrjConsolidation *consolidation, const char *path, GError **error)
{
  g_autoptr(TrjWorkbook) workbook = trj_cli_open_workbook (path, error);
  g_autoptr(TrjScenario) scenario = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display = trj_input_display_name (path);
  gint64 id;

  if (workbook == NULL)
    return FALSE;
  id = trj_workbook_get_current_scenario (workbook);
  scenario = trj_workbook_get_scenario (workbook, id, error);
  if (scenario == NULL)
    return FALSE;
  name = trj_workbook_get_scenario_name (workbook, id);
  return trj_consolidation_add (consolidation, display, scenario, name, error);
}

/* A document or programming file that cannot be read twice (standard input, a pipe). */
static gboolean
add_stream (TrjConsolidation *consolidation, const char *path, GError **error)
{
  g_autofree char *display = trj_input_display_name (path);
  g_autofree char *name = NULL;
  g_autoptr(TrjScenario) scenario = trj_cli_read_scenario (path, &name, error);

  if (scenario == NULL)
    {
      g_prefix_error (error, _("%s: "), display);
      return FALSE;
    }
  return trj_consolidation_add (consolidation, display, scenario, name, error);
}

/* "PEC et CIE tous publics : 60 884 contrats notifiés aux régions (notification
 * nationale 60 885), AE 356 963 175 € (356 963 174 €) …" */
static void
print_totals (const TrjConsolidation *consolidation)
{
  const char *const *envelopes = trj_consolidation_get_envelopes (consolidation);

  for (guint e = 0; envelopes[e] != NULL; e++)
    {
      TrjConsolidationTotals t;
      g_autofree char *volume = NULL, *ae = NULL, *cp = NULL;
      g_autofree char *ae_total = NULL, *ae_margin = NULL, *volume_total = NULL;

      trj_consolidation_get_totals (consolidation, envelopes[e], &t);
      volume = trj_format_integer (t.volume_notified);
      ae = trj_format_money (t.ae_notified);
      cp = trj_format_money (t.cp_notified);
      ae_total = trj_format_money (t.ae_total);
      ae_margin = trj_format_margin (t.ae_margin);
      volume_total = trj_format_integer (t.volume);

      printf ("%s — ", trj_catalog_envelope_title (envelopes[e]));
      printf (ngettext ("%u region\n", "%u regions\n", t.n_regions), t.n_regions);
      /* Only contrats aidés are notified in contracts; other envelopes in euros. */
      if (isfinite (t.national_volume))
        {
          g_autofree char *n_volume = trj_format_integer (t.national_volume);
          g_autofree char *n_ae = trj_format_money (t.national_ae);
          g_autofree char *n_cp = trj_format_money (t.national_cp);

          printf (_("  notified to the regions: %s contracts, AE %s, CP %s\n"), volume, ae, cp);
          printf (_("  national notification: %s contracts, AE %s, CP %s\n"), n_volume, n_ae, n_cp);
          printf (_("  programmed: %s contracts, AE %s, AE margin %s\n"), volume_total, ae_total, ae_margin);
        }
      else
        {
          g_autofree char *n_ae = isfinite (t.national_ae) ? trj_format_money (t.national_ae) : NULL;

          printf (_("  notified to the regions: AE %s, CP %s\n"), ae, cp);
          if (n_ae != NULL)
            printf (_("  national envelope: AE %s\n"), n_ae);
          printf (_("  programmed: AE %s, AE margin %s\n"), ae_total, ae_margin);
        }
      printf (_("  alerts: %u\n"), t.n_alerts);
    }
}

int
trj_cli_consolidate (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(TrjConsolidation) consolidation = trj_consolidation_new ();
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the national consolidation to this .xlsx file"), N_("FILE") },
    { NULL }
  };

  g_set_prgname ("trajectoire-cli consolidate");
  g_option_context_set_summary (context,
                                _("Consolidates regional programming files (.xlsx), workbooks "
                                  "(.trajectoire, current scenario) or scenarios (.json) into "
                                  "a national view."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!trj_cli_parse (context, &argc, &argv))
    return 2;
  if (argc < 2)
    {
      trj_cli_error ("%s", _("at least one regional file is expected (see --help)"));
      return 2;
    }
  if (output != NULL && !trj_cli_is_stdout (output) && !g_str_has_suffix (output, ".xlsx"))
    {
      trj_cli_error (_("the output file must end in .xlsx: “%s”"), output);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      TrjCliInputKind kind;
      gboolean ok = trj_cli_input_kind (argv[i], &kind, &error)
        && (kind == TRJ_CLI_INPUT_WORKBOOK ? add_workbook (consolidation, argv[i], &error)
            : trj_input_is_stream (argv[i]) ? add_stream (consolidation, argv[i], &error)
            : trj_consolidation_add_file (consolidation, argv[i], &error));

      if (!ok)
        {
          trj_cli_error ("%s", error->message);
          return 1;
        }
    }

  print_totals (consolidation);
  if (output != NULL
      && ((file = trj_cli_output_begin (output, ".xlsx", &error)) == NULL
          || !trj_consolidation_write_xlsx (consolidation, file, &error)
          || !trj_cli_output_end (output, file, &error)))
    {
      trj_cli_error ("%s", error->message);
      return 1;
    }
  return 0;
}
