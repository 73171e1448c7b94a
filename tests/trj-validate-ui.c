/* trj-validate-ui.c — `gtk4-builder-tool validate` for Trajectoire's .ui files
 *
 * GTK 4.8's gtk4-builder-tool cannot validate our files: it knows neither the
 * libadwaita types nor ours, and it fails on every template signal handler
 * (they are static functions). This program does what its later versions do —
 * builds the file for real, a template on a stand-in type derived from the
 * declared parent, handlers resolved by a scope that accepts any name — but
 * with libadwaita initialised and the application's types linked in, so that
 * an unknown class, property, child type or malformed value fails.
 *
 * Usage: trj-validate-ui FILE.ui   (one file per process: a stand-in type
 * must not collide with the real type that another file's children load). */
#include <adwaita.h>

#define TRJ_TYPE_ANY_SCOPE (trj_any_scope_get_type ())
G_DECLARE_FINAL_TYPE (TrjAnyScope, trj_any_scope, TRJ, ANY_SCOPE, GtkBuilderCScope)

struct _TrjAnyScope
{
  GtkBuilderCScope parent_instance;
};

static void trj_any_scope_iface_init (GtkBuilderScopeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrjAnyScope, trj_any_scope, GTK_TYPE_BUILDER_CSCOPE,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE,
                                                      trj_any_scope_iface_init))

static GtkBuilderScopeInterface *parent_scope_iface;

static void
any_handler (void)
{
}

static GClosure *
trj_any_scope_create_closure (GtkBuilderScope        *scope,
                              GtkBuilder             *builder,
                              const char             *function_name,
                              GtkBuilderClosureFlags  flags,
                              GObject                *object,
                              GError                **error)
{
  /* The handler's existence is the compiler's business (template callbacks are
   * bound by name in class_init); here only the XML around it is checked. */
  return g_cclosure_new (any_handler, NULL, NULL);
}

static void
trj_any_scope_iface_init (GtkBuilderScopeInterface *iface)
{
  parent_scope_iface = g_type_interface_peek_parent (iface);
  iface->create_closure = trj_any_scope_create_closure;
}

static void
trj_any_scope_class_init (TrjAnyScopeClass *klass)
{
}

static void
trj_any_scope_init (TrjAnyScope *self)
{
}

/* The class and parent of the file's <template>, if it has one. */
static gboolean
find_template (const char *contents, char **class_name, char **parent_name)
{
  g_autoptr(GRegex) regex = g_regex_new ("<template\\s+class=\"([^\"]+)\"\\s+parent=\"([^\"]+)\"",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, contents, 0, &match))
    return FALSE;
  *class_name = g_match_info_fetch (match, 1);
  *parent_name = g_match_info_fetch (match, 2);
  return TRUE;
}

int
main (int argc, char **argv)
{
  /* Static: kept, and reachable, until the process ends (see the end). */
  static GtkBuilder *builder;
  static GtkBuilderScope *scope;
  static GObject *object;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *class_name = NULL;
  g_autofree char *parent_name = NULL;
  gsize length;
  gboolean ok;

  if (argc != 2)
    {
      g_printerr ("usage: %s FILE.ui\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  builder = gtk_builder_new ();
  scope = g_object_new (TRJ_TYPE_ANY_SCOPE, NULL);
  gtk_builder_set_scope (builder, scope);

  if (find_template (contents, &class_name, &parent_name))
    {
      GType parent = gtk_builder_get_type_from_name (builder, parent_name);
      GTypeQuery query;
      GType stand_in;

      if (parent == G_TYPE_INVALID)
        {
          g_printerr ("%s: unknown template parent type %s\n", argv[1], parent_name);
          return 1;
        }
      g_type_query (parent, &query);
      stand_in = g_type_register_static_simple (parent, class_name, query.class_size, NULL,
                                                query.instance_size, NULL, 0);
      object = g_object_ref_sink (g_object_new (stand_in, NULL));
      ok = gtk_builder_extend_with_template (builder, object, stand_in, contents, length, &error);
    }
  else
    ok = gtk_builder_add_from_string (builder, contents, length, &error);

  if (!ok)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  g_print ("%s: valid\n", argv[1]);
  /* No teardown: a stand-in lacks the real class's dispose (template
   * children, expression watches), and the process ends here anyway; the
   * static pointers keep what is left reachable for LeakSanitizer. */
  return 0;
}
