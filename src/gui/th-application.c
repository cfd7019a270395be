/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Tihuo application: one instance per desktop session, one counter
 * window. It owns the ThContext (the open station, the session, sync) and
 * hands it to the windows. `--demo` opens the demo station instead of the
 * real one. */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "th-application.h"
#include "th-demo.h"
#include "th-demo-codes-window.h"
#include "th-demo-sync.h"
#include "th-error.h"
#include "th-gui-resources.h"
#include "th-maintenance.h"
#include "th-preferences-window.h"
#include "th-time.h"
#include "th-window.h"

struct _ThApplication
{
  AdwApplication  parent_instance;

  gboolean        demo;
  char           *database;
  char           *camera_source;   /* --camera-source, over Preferences */
  char           *demo_dir;
  GWeakRef        demo_codes;
  ThContext      *context;
};

G_DEFINE_FINAL_TYPE (ThApplication, th_application, ADW_TYPE_APPLICATION)

/* A static library's resource constructor is dropped by the linker, as the
 * core notes in th-db-migrate.c: register by hand, once. */
void
th_gui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      g_resources_register (th_gui_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}

static ThWindow *
get_window (ThApplication *self)
{
  /* The list is most recently focused first; other windows (Demo Codes,
   * Preferences) are skipped. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TH_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
start_of_day_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(ThWindow) window = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  /* Damage found by the background check, or a disk that cannot take the
   * backup: stop before more is written. A lock only delayed the check. */
  if (!th_maintenance_start_of_day_finish (result, &error) && window != NULL &&
      !g_error_matches (error, TH_ERROR, TH_ERROR_BUSY))
    th_window_show_error (window, error);
}

static void
open_database (ThWindow   *window,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = th_db_open (path, &error);

  if (db == NULL)
    {
      th_window_show_error (window, error);
      return;
    }
  th_context_set_db (th_window_get_context (window), db);
  /* The day's full check and backup, in a worker thread. */
  {
    /* Weak: a window closed meanwhile need not wait for the check. */
    GWeakRef *weak = g_new0 (GWeakRef, 1);

    g_weak_ref_init (weak, window);
    th_maintenance_start_of_day_async (db, th_time_now (), NULL, start_of_day_done_cb, weak);
  }
}

static void
demo_prepared_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ThWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = th_demo_prepare_finish (result, &error);

  if (path == NULL)
    th_window_show_error (window, error);
  else
    open_database (window, path);
}

static void
th_application_activate (GApplication *app)
{
  ThApplication *self = TH_APPLICATION (app);
  ThWindow *window = get_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = th_window_new (GTK_APPLICATION (self), self->context);
  if (self->camera_source)
    th_window_set_camera_source (window, self->camera_source);
  if (self->demo)
    {
      /* Syncs with the demo's own platform once the station opens. */
      th_demo_sync_attach (self->context, self->demo_dir);
      th_window_show_loading (window, _("Preparing the Demo Station"));
      th_demo_prepare_async (self->demo_dir, th_time_now (), NULL, demo_prepared_cb, g_object_ref (window));
    }
  else
    {
      g_autofree char *path = self->database ? g_strdup (self->database)
                                             : g_build_filename (g_get_user_data_dir (), "tihuo", "station.db", NULL);
      open_database (window, path);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static int
th_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  ThApplication *self = TH_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("tihuo %s\n", PACKAGE_VERSION);
      return 0;
    }
  self->demo = g_variant_dict_contains (options, "demo");
  g_variant_dict_lookup (options, "database", "^ay", &self->database);
  g_variant_dict_lookup (options, "camera-source", "s", &self->camera_source);
  self->demo_dir = th_demo_default_dir ();
  /* A second launch only presents the first instance's window. */
  return -1;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ThWindow *window = get_window (user_data);
  ThPreferencesWindow *prefs;

  if (window == NULL)
    return;
  prefs = th_preferences_window_new (GTK_WINDOW (window), th_window_get_context (window));
  g_signal_connect_object (prefs, "station-changed", G_CALLBACK (th_window_reload_station), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
demo_codes_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  ThApplication *self = user_data;
  g_autoptr(GtkWindow) existing = g_weak_ref_get (&self->demo_codes);
  g_autoptr(GError) error = NULL;
  ThWindow *window = get_window (self);
  ThDemoCodesWindow *codes;
  guint8 secret_key[64];

  if (existing)
    {
      gtk_window_present (existing);
      return;
    }
  if (window == NULL || th_context_get_db (self->context) == NULL)
    return;
  if (!th_demo_load_key (self->demo_dir, secret_key, &error))
    {
      g_warning ("Cannot load the demo key: %s", error->message);
      return;
    }
  codes = th_demo_codes_window_new (window, self->context, secret_key);
  sodium_memzero (secret_key, sizeof secret_key);
  g_weak_ref_set (&self->demo_codes, codes);
  gtk_window_present (GTK_WINDOW (codes));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  ThWindow *window = get_window (user_data);
  const char *developers[] = { "The Tihuo developers", NULL };

  adw_show_about_window (GTK_WINDOW (window),
                         "application-name", _("Tihuo"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("The pickup counter for community group buying: scan, check, hand over."),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "demo-codes", demo_codes_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
th_application_startup (GApplication *app)
{
  ThApplication *self = TH_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *demo_accels[] = { "<Control>d", NULL };

  th_gui_ensure_resources ();
  G_APPLICATION_CLASS (th_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "demo-codes")),
                               self->demo);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.demo-codes", demo_accels);
}

static void
th_application_shutdown (GApplication *app)
{
  ThApplication *self = TH_APPLICATION (app);

  if (th_demo_sync_is_attached (self->context))
    th_demo_sync_stop (self->context);
  G_APPLICATION_CLASS (th_application_parent_class)->shutdown (app);
}

static void
th_application_finalize (GObject *object)
{
  ThApplication *self = (ThApplication *)object;

  g_clear_object (&self->context);
  g_weak_ref_clear (&self->demo_codes);
  g_free (self->database);
  g_free (self->camera_source);
  g_free (self->demo_dir);

  G_OBJECT_CLASS (th_application_parent_class)->finalize (object);
}

static void
th_application_class_init (ThApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = th_application_finalize;
  app_class->activate = th_application_activate;
  app_class->startup = th_application_startup;
  app_class->shutdown = th_application_shutdown;
  app_class->handle_local_options = th_application_handle_local_options;
}

static void
th_application_init (ThApplication *self)
{
  const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo station, with sample orders and demo codes"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use this station database file"), N_("FILE") },
    { "camera-source", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Scan with this camera source instead of the camera chosen in Preferences, and turn it on: "
         "v4l2:/dev/videoN, portal, test, or file:PATH for a folder of pictures or a video"), N_("SOURCE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_weak_ref_init (&self->demo_codes, NULL);
  self->context = th_context_new (NULL);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The pickup counter for community group buying."));
}

ThApplication *
th_application_new (void)
{
  return g_object_new (TH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/tihuo/Station",
                       NULL);
}

