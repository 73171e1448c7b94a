/* trj-cli-workbook.c — placeholder until the command is implemented */
#include "config.h"

#include <glib/gi18n.h>
#include "trj-cli.h"

int
trj_cli_new (int argc, char **argv)
{
  trj_cli_error (_("this command is not available yet"));
  return 2;
}

int
trj_cli_import (int argc, char **argv)
{
  trj_cli_error (_("this command is not available yet"));
  return 2;
}

int
trj_cli_export (int argc, char **argv)
{
  trj_cli_error (_("this command is not available yet"));
  return 2;
}

int
trj_cli_scenarios (int argc, char **argv)
{
  trj_cli_error (_("this command is not available yet"));
  return 2;
}

