/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The camera's column on the Counter page: the live preview with a flash
 * on each read, and an inline placeholder for every other state (off,
 * starting, no camera, not allowed) that says what to do next. Never a
 * dialog: a station without a camera just shows "Camera Off". The window
 * owns the camera and turns its reads into scans; this only shows it. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "th-camera-view.h"

struct _ThCameraView
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  GtkPicture    *picture;
  GtkWidget     *flash;
  AdwStatusPage *problem_page;

  ThCamera      *camera;
  AdwAnimation  *flash_animation;
  guint          n_flashes;
  gboolean       awaiting_frame;  /* the camera keeps its last frame when off */
};

G_DEFINE_FINAL_TYPE (ThCameraView, th_camera_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMERA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_problem (ThCameraView *self,
              const char   *title,
              const char   *message)
{
  adw_status_page_set_title (self->problem_page, title);
  adw_status_page_set_description (self->problem_page, message);
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static void
update_page (ThCameraView *self)
{
  ThCameraState state = self->camera ? th_camera_get_state (self->camera) : TH_CAMERA_STATE_OFF;
  const char *message = self->camera ? th_camera_get_error_message (self->camera) : NULL;

  switch (state)
    {
    case TH_CAMERA_STATE_OFF:
      self->awaiting_frame = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "off");
      break;
    case TH_CAMERA_STATE_STARTING:
      self->awaiting_frame = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "starting");
      break;
    case TH_CAMERA_STATE_RUNNING:
      /* Running starts before the first frame: no black box meanwhile. */
      gtk_stack_set_visible_child_name (self->stack, self->awaiting_frame ? "starting" : "preview");
      break;
    case TH_CAMERA_STATE_FINISHED:
      /* Only pictures or a video on disk end. */
      show_problem (self, _("No More Pictures"),
                    message ? message : _("The camera source has shown everything it holds. Try again to start it from the beginning."));
      break;
    case TH_CAMERA_STATE_NO_CAMERA:
      show_problem (self, _("No Camera Found"), message);
      break;
    case TH_CAMERA_STATE_PERMISSION_DENIED:
      show_problem (self, _("Camera Not Allowed"), message);
      break;
    case TH_CAMERA_STATE_FAILED:
    default:
      show_problem (self, _("The Camera Does Not Work"), message);
      break;
    }
}

static void
camera_contents_invalidated_cb (ThCameraView *self)
{
  if (!self->awaiting_frame)
    return;
  self->awaiting_frame = FALSE;
  update_page (self);
}

static void
th_camera_view_dispose (GObject *object)
{
  ThCameraView *self = (ThCameraView *)object;
  GtkWidget *child;

  th_camera_view_set_camera (self, NULL);
  g_clear_object (&self->flash_animation);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_CAMERA_VIEW);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (th_camera_view_parent_class)->dispose (object);
}

static void
th_camera_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ThCameraView *self = TH_CAMERA_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAMERA:
      g_value_set_object (value, self->camera);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_camera_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ThCameraView *self = TH_CAMERA_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAMERA:
      th_camera_view_set_camera (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_camera_view_class_init (ThCameraViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_camera_view_dispose;
  object_class->get_property = th_camera_view_get_property;
  object_class->set_property = th_camera_view_set_property;

  properties[PROP_CAMERA] =
    g_param_spec_object ("camera", NULL, NULL, TH_TYPE_CAMERA,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-camera-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ThCameraView, stack);
  gtk_widget_class_bind_template_child (widget_class, ThCameraView, picture);
  gtk_widget_class_bind_template_child (widget_class, ThCameraView, flash);
  gtk_widget_class_bind_template_child (widget_class, ThCameraView, problem_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cameraview");
}

static void
th_camera_view_init (ThCameraView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A short fade, so a read is noticed from the corner of the eye without
   * hiding the picture for long. */
  self->flash_animation =
    adw_timed_animation_new (self->flash, 1.0, 0.0, 450,
                             adw_property_animation_target_new (G_OBJECT (self->flash), "opacity"));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->flash_animation), ADW_EASE_OUT_CUBIC);
  update_page (self);
}

void
th_camera_view_set_camera (ThCameraView *self,
                           ThCamera     *camera)
{
  g_return_if_fail (TH_IS_CAMERA_VIEW (self));
  g_return_if_fail (camera == NULL || TH_IS_CAMERA (camera));

  if (self->camera == camera)
    return;
  if (self->camera)
    g_signal_handlers_disconnect_by_data (self->camera, self);
  g_set_object (&self->camera, camera);
  if (camera)
    {
      g_signal_connect_object (camera, "notify::state", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (camera, "notify::error-message", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (camera, "invalidate-contents", G_CALLBACK (camera_contents_invalidated_cb), self,
                               G_CONNECT_SWAPPED);
    }
  self->awaiting_frame = TRUE;
  /* Self can be half disposed here: the template is gone then. */
  if (self->picture)
    {
      gtk_picture_set_paintable (self->picture, camera ? GDK_PAINTABLE (camera) : NULL);
      update_page (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMERA]);
}

/**
 * th_camera_view_flash:
 *
 * Flashes the preview: the camera has just read a code.
 */
void
th_camera_view_flash (ThCameraView *self)
{
  g_return_if_fail (TH_IS_CAMERA_VIEW (self));

  self->n_flashes++;
  adw_animation_reset (self->flash_animation);
  adw_animation_play (self->flash_animation);
}

const char *
th_camera_view_get_mode (ThCameraView *self)
{
  g_return_val_if_fail (TH_IS_CAMERA_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
th_camera_view_get_problem (ThCameraView *self)
{
  g_return_val_if_fail (TH_IS_CAMERA_VIEW (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "problem") != 0)
    return NULL;
  return adw_status_page_get_description (self->problem_page);
}

/* For tests: how many reads were flashed. */
guint
th_camera_view_get_n_flashes (ThCameraView *self)
{
  g_return_val_if_fail (TH_IS_CAMERA_VIEW (self), 0);
  return self->n_flashes;
}
