/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's own central platform, so `tihuo --demo` shows real sync. It
 * serves the orders th-demo-orders.c built for the demo station and signs
 * with the demo key, so codes verify and pushed hand-overs are accepted.
 *
 * Its SQLite file lives beside the demo station's and belongs to that one
 * station database: both carry the same random instance id. When the demo
 * station is seeded again (another day, or a deleted file), the platform
 * starts over too, or cursors and revisions would not match. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "th-demo-private.h"
#include "th-demo-server-private.h"
#include "th-error.h"
#include "th-identity.h"
#include "th-time.h"

#define PROGRAM        "tihuo-central-dev"
#define CENTRAL_DB     "central.db"
#define INSTANCE_FILE  "central.instance"
#define ORDERS_FILE    "central-orders.json"
#define KEY_FILE       "demo-signing-key"   /* th-demo.c writes it */
#define STATE_INSTANCE "demo_central_instance"
#define START_TIMEOUT_S 20


G_DEFINE_FINAL_TYPE (ThDemoServer, th_demo_server, G_TYPE_OBJECT)

typedef struct {
  ThDb             *db;
  char             *dir;
  char             *instance;    /* set when the platform starts over */
  GDataInputStream *out;
  guint             timeout_id;
  gboolean          timed_out;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->db);
  g_clear_object (&data->out);
  g_free (data->dir);
  g_free (data->instance);
  g_free (data);
}

/* In the child, before exec: die with the parent even after a kill -9. The
 * signal follows the spawning thread, hence the main thread only; SIGKILL,
 * because nothing should keep it alive and its SQLite file survives that. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != (pid_t) GPOINTER_TO_INT (user_data))
    _exit (1);
#endif
}

static void
remove_central_db (const char *dir)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (CENTRAL_DB, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
}

static gboolean
same_instance (ThDb       *db,
               const char *dir)
{
  g_autofree char *marker = g_build_filename (dir, INSTANCE_FILE, NULL);
  g_autofree char *central = g_build_filename (dir, CENTRAL_DB, NULL);
  g_autofree char *in_file = NULL;
  g_autofree char *in_db = NULL;

  return g_file_test (central, G_FILE_TEST_EXISTS) &&
         g_file_get_contents (marker, &in_file, NULL, NULL) &&
         th_db_get_state (db, STATE_INSTANCE, &in_db, NULL) &&
         g_strcmp0 (g_strstrip (in_file), in_db) == 0;
}

/* The platform's view of the demo day: the orders as the station first
 * received them, before its own hand-overs, which it then pushes. */
static char *
write_orders (const char  *dir,
              GError     **error)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (ThDemoPlanned));
  g_autoptr(JsonNode) orders = _th_demo_build_orders (th_time_now (), plans);
  g_autofree char *text = json_to_string (orders, FALSE);
  g_autofree char *path = g_build_filename (dir, ORDERS_FILE, NULL);

  if (!g_file_set_contents (path, text, -1, error))
    return NULL;
  return g_steal_pointer (&path);
}

static gboolean
start_timed_out_cb (gpointer user_data)
{
  GTask *task = user_data;
  StartData *data = g_task_get_task_data (task);
  ThDemoServer *self = g_task_get_source_object (task);

  /* Killing it ends the read with end-of-file. */
  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_subprocess_force_exit (self->process);
  return G_SOURCE_REMOVE;
}

static void
port_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ThDemoServer *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (data->out, result, NULL, &error);
  g_autofree char *orders = g_build_filename (data->dir, ORDERS_FILE, NULL);
  guint64 port = 0;

  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_unlink (orders);
  if (line == NULL || !g_ascii_string_to_unsigned (g_strstrip (line), 10, 1, 65535, &port, NULL))
    {
      th_demo_server_stop (self);
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, TH_ERROR, TH_ERROR_FAILED,
                                 data->timed_out ? _("The demo’s central server did not start within %d s. "
                                                     "Its messages are in the terminal.")
                                                 : _("The demo’s central server stopped while starting. "
                                                     "Its messages are in the terminal."),
                                 START_TIMEOUT_S);
      return;
    }

  if (data->instance != NULL)
    {
      g_autofree char *marker = g_build_filename (data->dir, INSTANCE_FILE, NULL);

      if (!g_file_set_contents (marker, data->instance, -1, &error) ||
          !th_db_set_state (data->db, STATE_INSTANCE, data->instance, &error))
        {
          th_demo_server_stop (self);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  self->url = g_strdup_printf ("http://127.0.0.1:%u/api", (guint) port);
  self->control_url = g_strdup_printf ("http://127.0.0.1:%u/_control/", (guint) port);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

static void
th_demo_server_dispose (GObject *object)
{
  ThDemoServer *self = TH_DEMO_SERVER (object);

  th_demo_server_stop (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (th_demo_server_parent_class)->dispose (object);
}

static void
th_demo_server_finalize (GObject *object)
{
  ThDemoServer *self = TH_DEMO_SERVER (object);

  g_free (self->url);
  g_free (self->control_url);

  G_OBJECT_CLASS (th_demo_server_parent_class)->finalize (object);
}

static void
th_demo_server_class_init (ThDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = th_demo_server_dispose;
  object_class->finalize = th_demo_server_finalize;
}

static void
th_demo_server_init (ThDemoServer *self)
{
}

char *
th_demo_server_find_program (GError **error)
{
  const char *env = g_getenv ("TIHUO_CENTRAL");
  g_autofree char *installed = g_build_filename (LIBEXECDIR, PROGRAM, NULL);

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  if (g_file_test (TIHUO_CENTRAL_BUILD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (TIHUO_CENTRAL_BUILD_PATH);
  g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
               _("The demo’s central server (%s) is not installed in %s. Install Tihuo again, "
                 "or build it with “meson compile”."), PROGRAM, LIBEXECDIR);
  return NULL;
}

/**
 * th_demo_server_start_async:
 * @db: the demo station's database
 * @dir: the demo folder, with the demo signing key
 *
 * Starts the demo's platform for the station in @db.
 */
void
th_demo_server_start_async (ThDb                *db,
                            const char          *dir,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(ThDemoServer) self = g_object_new (TH_TYPE_DEMO_SERVER, NULL);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  StartData *data = g_new0 (StartData, 1);
  guint32 station_id = 0;

  g_return_if_fail (TH_IS_DB (db));
  g_return_if_fail (dir != NULL);

  g_task_set_source_tag (task, th_demo_server_start_async);
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);
  data->db = g_object_ref (db);
  data->dir = g_strdup (dir);

  if (!(program = th_demo_server_find_program (&error)) ||
      !th_identity_get (db, &station_id, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s/%s", dir, CENTRAL_DB));
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strdup_printf ("--station=%u", station_id));
  g_ptr_array_add (argv, g_strdup ("--token=" TH_DEMO_SERVER_TOKEN));
  g_ptr_array_add (argv, g_strdup_printf ("--kid=%u", (guint) TH_DEMO_KEY_ID));
  g_ptr_array_add (argv, g_strdup_printf ("--key-seed-file=%s/%s", dir, KEY_FILE));
  if (!same_instance (db, dir))
    {
      g_autofree char *orders = NULL;

      remove_central_db (dir);
      if (!(orders = write_orders (dir, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (argv, g_strdup_printf ("--import-orders=%s", orders));
      data->instance = g_uuid_string_random ();
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, GINT_TO_POINTER (getpid ()), NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (self->process == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* It prints its port alone on the first line once it listens. */
  data->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  data->timeout_id = g_timeout_add_seconds (START_TIMEOUT_S, start_timed_out_cb, task);
  g_data_input_stream_read_line_async (data->out, G_PRIORITY_DEFAULT, cancellable,
                                       port_read_cb, g_object_ref (task));
}

ThDemoServer *
th_demo_server_start_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == th_demo_server_start_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
th_demo_server_get_url (ThDemoServer *self)
{
  g_return_val_if_fail (TH_IS_DEMO_SERVER (self), NULL);
  return self->url;
}

const char *
th_demo_server_get_token (ThDemoServer *self)
{
  g_return_val_if_fail (TH_IS_DEMO_SERVER (self), NULL);
  return TH_DEMO_SERVER_TOKEN;
}

/* Stops the child for good, and reaps it so its files are closed. */
void
th_demo_server_stop (ThDemoServer *self)
{
  g_return_if_fail (TH_IS_DEMO_SERVER (self));

  if (self->process == NULL)
    return;
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}
