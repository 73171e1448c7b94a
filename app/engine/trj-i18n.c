/* trj-i18n.c — see trj-i18n.h */
#include "config.h"

#include <locale.h>
#include <libintl.h>
#include <string.h>

#include "trj-i18n.h"

static gboolean
is_untranslated_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX")
         || g_str_has_prefix (name, "C.");
}

static const char *
catalogue_dir (void)
{
  g_autofree char *installed = g_build_filename (LOCALEDIR, "fr", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);
  const char *env = g_getenv ("TRAJECTOIRE_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;
  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    return LOCALEDIR;
  return BUILD_LOCALEDIR;
}

void
trj_i18n_init (void)
{
  const char *language = g_getenv ("LANGUAGE");
  const char *messages = setlocale (LC_ALL, "");

  if (messages == NULL)
    messages = setlocale (LC_ALL, "C");
  messages = setlocale (LC_MESSAGES, NULL);

  /* gettext ignores LANGUAGE under the C locale: give it a French one. */
  if (is_untranslated_locale (messages)
      && (language == NULL || *language == '\0' || g_str_has_prefix (language, "fr")))
    {
      if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
        setlocale (LC_ALL, "C.UTF-8");
      if (language == NULL || *language == '\0')
        g_setenv ("LANGUAGE", "fr", TRUE);
    }
  setlocale (LC_NUMERIC, "C");

  bindtextdomain (GETTEXT_PACKAGE, catalogue_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
