/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-camera-private.h"

static void th_camera_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThCamera, th_camera, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, th_camera_paintable_init))

G_DEFINE_ENUM_TYPE (ThCameraState, th_camera_state,
                    G_DEFINE_ENUM_VALUE (TH_CAMERA_STATE_OFF, "off"),
                    G_DEFINE_ENUM_VALUE (TH_CAMERA_STATE_STARTING, "starting"),
                    G_DEFINE_ENUM_VALUE (TH_CAMERA_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (TH_CAMERA_STATE_FINISHED, "finished"),
                    G_DEFINE_ENUM_VALUE (TH_CAMERA_STATE_NO_CAMERA, "no-camera"),
                    G_DEFINE_ENUM_VALUE (TH_CAMERA_STATE_PERMISSION_DENIED, "permission-denied"),
                    G_DEFINE_ENUM_VALUE (TH_CAMERA_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_ACTIVE,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  CODE_DECODED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
scanner_code_decoded_cb (ThFrameScanner *scanner,
                         const char     *text,
                         ThCamera       *self)
{
  g_signal_emit (self, signals[CODE_DECODED], 0, text);
}

static void
th_camera_snapshot (GdkPaintable *paintable,
                    GdkSnapshot  *snapshot,
                    double        width,
                    double        height)
{
  ThCamera *self = TH_CAMERA (paintable);

  if (self->texture != NULL)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static GdkPaintable *
th_camera_get_current_image (GdkPaintable *paintable)
{
  ThCamera *self = TH_CAMERA (paintable);

  if (self->texture != NULL)
    return GDK_PAINTABLE (g_object_ref (self->texture));
  return gdk_paintable_new_empty (0, 0);
}

static int
th_camera_get_intrinsic_width (GdkPaintable *paintable)
{
  ThCamera *self = TH_CAMERA (paintable);

  return self->texture ? gdk_texture_get_width (self->texture) : 0;
}

static int
th_camera_get_intrinsic_height (GdkPaintable *paintable)
{
  ThCamera *self = TH_CAMERA (paintable);

  return self->texture ? gdk_texture_get_height (self->texture) : 0;
}

static void
th_camera_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = th_camera_snapshot;
  iface->get_current_image = th_camera_get_current_image;
  iface->get_intrinsic_width = th_camera_get_intrinsic_width;
  iface->get_intrinsic_height = th_camera_get_intrinsic_height;
}

static void
th_camera_dispose (GObject *object)
{
  ThCamera *self = TH_CAMERA (object);

  _th_camera_teardown (self);
  if (self->preview != NULL)
    _th_camera_preview_detach (g_steal_pointer (&self->preview));
  g_clear_object (&self->scanner);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (th_camera_parent_class)->dispose (object);
}

static void
th_camera_finalize (GObject *object)
{
  ThCamera *self = TH_CAMERA (object);

  g_free (self->source);
  g_free (self->error_message);

  G_OBJECT_CLASS (th_camera_parent_class)->finalize (object);
}

static void
th_camera_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ThCamera *self = TH_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_camera_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ThCamera *self = TH_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      th_camera_set_source (self, g_value_get_string (value));
      break;
    case PROP_ACTIVE:
      th_camera_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_camera_class_init (ThCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = th_camera_dispose;
  object_class->finalize = th_camera_finalize;
  object_class->get_property = th_camera_get_property;
  object_class->set_property = th_camera_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, "auto",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TH_TYPE_CAMERA_STATE, TH_CAMERA_STATE_OFF,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ThCamera::code-decoded:
   * @text: the code's text, for the same path as the keyboard scanner's
   */
  signals[CODE_DECODED] = g_signal_new ("code-decoded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
th_camera_init (ThCamera *self)
{
  self->source = g_strdup ("auto");
  self->pipewire_fd = -1;
  self->scanner = th_frame_scanner_new ();
  self->preview = _th_camera_preview_new (self);
  g_signal_connect_object (self->scanner, "code-decoded", G_CALLBACK (scanner_code_decoded_cb), self, 0);
}

void
_th_camera_set_state (ThCamera      *self,
                      ThCameraState  state,
                      const char    *message)
{
  if (g_strcmp0 (message, self->error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

void
_th_camera_take_texture (ThCamera   *self,
                         GdkTexture *texture)
{
  gboolean resized = self->texture == NULL ||
                     gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
                     gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);

  g_set_object (&self->texture, texture);
  /* A frame is the surest sign the camera works. */
  if (self->state == TH_CAMERA_STATE_STARTING)
    _th_camera_set_state (self, TH_CAMERA_STATE_RUNNING, NULL);
  if (resized)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

ThCamera *
th_camera_new (const char *source)
{
  return g_object_new (TH_TYPE_CAMERA, "source", source ? source : "auto", NULL);
}

const char *
th_camera_get_source (ThCamera *self)
{
  g_return_val_if_fail (TH_IS_CAMERA (self), NULL);

  return self->source;
}

void
th_camera_set_source (ThCamera   *self,
                      const char *source)
{
  g_return_if_fail (TH_IS_CAMERA (self));

  if (source == NULL)
    source = "auto";
  if (g_strcmp0 (self->source, source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  if (self->active)
    _th_camera_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

gboolean
th_camera_get_active (ThCamera *self)
{
  g_return_val_if_fail (TH_IS_CAMERA (self), FALSE);

  return self->active;
}

void
th_camera_set_active (ThCamera *self,
                      gboolean  active)
{
  g_return_if_fail (TH_IS_CAMERA (self));

  active = !!active;
  if (active == self->active)
    return;
  self->active = active;
  if (active)
    _th_camera_start (self);
  else
    {
      _th_camera_teardown (self);
      _th_camera_set_state (self, TH_CAMERA_STATE_OFF, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

ThCameraState
th_camera_get_state (ThCamera *self)
{
  g_return_val_if_fail (TH_IS_CAMERA (self), TH_CAMERA_STATE_OFF);

  return self->state;
}

const char *
th_camera_get_error_message (ThCamera *self)
{
  g_return_val_if_fail (TH_IS_CAMERA (self), NULL);

  return self->error_message;
}

GdkTexture *
th_camera_get_texture (ThCamera *self)
{
  g_return_val_if_fail (TH_IS_CAMERA (self), NULL);

  return self->texture;
}

void
th_camera_reset_suppression (ThCamera *self)
{
  g_return_if_fail (TH_IS_CAMERA (self));

  th_frame_scanner_reset (self->scanner);
}

void
th_camera_get_stats (ThCamera            *self,
                     ThFrameScannerStats *stats)
{
  g_return_if_fail (TH_IS_CAMERA (self));

  th_frame_scanner_get_stats (self->scanner, stats);
}
