/* trj-cli-chart.c — placeholder until the command is implemented */
#include "config.h"

#include <glib/gi18n.h>
#include "trj-cli.h"

int
trj_cli_chart (int argc, char **argv)
{
  trj_cli_error (_("this command is not available yet"));
  return 2;
}

int
trj_cli_report (int argc, char **argv)
{
  trj_cli_error (_("this command is not available yet"));
  return 2;
}

