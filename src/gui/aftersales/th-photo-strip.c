/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A case's photos as thumbnails. Adding one runs the core's import on a
 * worker thread (the file can be 10 MiB): it refuses what is not a photo
 * or too big, and copies the rest into the photo folder under its SHA-256,
 * so the case keeps the copy. Files come from GtkFileChooserNative, as
 * GtkFileDialog is GTK 4.10. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-case.h"
#include "th-error.h"
#include "th-photo-strip-private.h"

struct _ThPhotoStrip
{
  GtkWidget    parent_instance;

  GtkFlowBox  *photos_box;
  GtkButton   *add_button;
  GtkLabel    *hint_label;

  char        *photo_dir;
  GPtrArray   *paths;        /* stored copies, in order */
  guint        pending;
  gboolean     editable;
};

/* ::failed (ThFailing) carries the core's words for a refused photo: not
 * a photo, or too big. */
G_DEFINE_FINAL_TYPE_WITH_CODE (ThPhotoStrip, th_photo_strip, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TH_TYPE_FAILING, NULL))

enum {
  PROP_0,
  PROP_N_PHOTOS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_state (ThPhotoStrip *self)
{
  guint n = self->paths->len + self->pending;

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->editable);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photos.add", self->editable && n < TH_CASE_MAX_PHOTOS);
  gtk_widget_set_visible (GTK_WIDGET (self->photos_box), n > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHOTOS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static GtkWidget *
make_tile (ThPhotoStrip    *self,
           ThImportedPhoto *imported)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture;

  /* A GtkImage keeps every tile one size, whatever the photo's. */
  if (imported->texture)
    picture = gtk_image_new_from_paintable (GDK_PAINTABLE (imported->texture));
  else
    picture = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (picture), THUMBNAIL_SIZE);
  gtk_widget_add_css_class (overlay, "photo-tile");
  gtk_widget_set_halign (overlay, GTK_ALIGN_START);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);

  if (self->editable)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_widget_set_halign (remove, GTK_ALIGN_END);
      gtk_widget_set_valign (remove, GTK_ALIGN_START);
      gtk_widget_set_margin_top (remove, 4);
      gtk_widget_set_margin_end (remove, 4);
      gtk_widget_add_css_class (remove, "osd");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, _("Remove this photo"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "photos.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", imported->stored);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
    }
  g_object_set_data_full (G_OBJECT (overlay), "th-path", g_strdup (imported->stored), g_free);
  return overlay;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ThPhotoStrip *self = TH_PHOTO_STRIP (source);
  g_autoptr(GError) error = NULL;
  ThImportedPhoto *imported = g_task_propagate_pointer (G_TASK (result), &error);

  self->pending--;
  if (imported == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        th_failing_emit (self, error);
    }
  else
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < self->paths->len; i++)
        seen |= g_str_equal (g_ptr_array_index (self->paths, i), imported->stored);
      if (!seen)
        {
          g_ptr_array_add (self->paths, g_strdup (imported->stored));
          gtk_flow_box_append (self->photos_box, make_tile (self, imported));
        }
      _th_imported_photo_free (imported);
    }
  update_state (self);
}

static void
start_import (ThPhotoStrip *self,
              GFile        *file,
              gboolean      copy_in)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, imported_cb, NULL);

  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  if (copy_in)
    g_object_set_data_full (G_OBJECT (task), "th-photo-dir", g_strdup (self->photo_dir), g_free);
  self->pending++;
  update_state (self);
  g_task_run_in_thread (task, _th_photo_strip_import_in_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ThPhotoStrip    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          th_photo_strip_add_file (self, file);
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ThPhotoStrip *self = TH_PHOTO_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Add Photos"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/heic");
  gtk_file_filter_add_mime_type (filter, "image/heif");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThPhotoStrip *self = TH_PHOTO_STRIP (widget);
  const char *path = g_variant_get_string (param, NULL);
  GtkFlowBoxChild *child;

  /* The copy stays in the photo folder: another case may share it. */
  for (guint i = 0; i < self->paths->len; i++)
    if (g_str_equal (g_ptr_array_index (self->paths, i), path))
      {
        g_ptr_array_remove_index (self->paths, i);
        break;
      }
  for (int i = 0; (child = gtk_flow_box_get_child_at_index (self->photos_box, i)); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (child)), "th-path"), path) == 0)
      {
        gtk_flow_box_remove (self->photos_box, GTK_WIDGET (child));
        break;
      }
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
th_photo_strip_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ThPhotoStrip *self = TH_PHOTO_STRIP (object);

  switch (prop_id)
    {
    case PROP_N_PHOTOS:
      g_value_set_uint (value, self->paths->len);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->pending > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_photo_strip_dispose (GObject *object)
{
  ThPhotoStrip *self = (ThPhotoStrip *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_PHOTO_STRIP);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (th_photo_strip_parent_class)->dispose (object);
}

static void
th_photo_strip_finalize (GObject *object)
{
  ThPhotoStrip *self = (ThPhotoStrip *)object;

  g_free (self->photo_dir);
  g_ptr_array_unref (self->paths);

  G_OBJECT_CLASS (th_photo_strip_parent_class)->finalize (object);
}

static void
th_photo_strip_class_init (ThPhotoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_photo_strip_dispose;
  object_class->finalize = th_photo_strip_finalize;
  object_class->get_property = th_photo_strip_get_property;

  properties[PROP_N_PHOTOS] =
    g_param_spec_uint ("n-photos", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-photo-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, ThPhotoStrip, photos_box);
  gtk_widget_class_bind_template_child (widget_class, ThPhotoStrip, add_button);
  gtk_widget_class_bind_template_child (widget_class, ThPhotoStrip, hint_label);
  gtk_widget_class_install_action (widget_class, "photos.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "photos.remove", "s", remove_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_photo_strip_init (ThPhotoStrip *self)
{
  self->paths = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

void
th_photo_strip_set_photo_dir (ThPhotoStrip *self,
                              const char   *photo_dir)
{
  g_return_if_fail (TH_IS_PHOTO_STRIP (self));
  g_free (self->photo_dir);
  self->photo_dir = g_strdup (photo_dir);
}

void
th_photo_strip_set_editable (ThPhotoStrip *self,
                             gboolean      editable)
{
  g_return_if_fail (TH_IS_PHOTO_STRIP (self));
  self->editable = editable;
  update_state (self);
}

void
th_photo_strip_add_file (ThPhotoStrip *self,
                         GFile        *file)
{
  g_return_if_fail (TH_IS_PHOTO_STRIP (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->photo_dir != NULL);

  if (self->paths->len + self->pending >= TH_CASE_MAX_PHOTOS)
    {
      g_autoptr(GError) error = g_error_new (TH_ERROR, TH_ERROR_INVALID,
                                             _("A case can have at most %d photos. Remove one to add another."),
                                             TH_CASE_MAX_PHOTOS);
      th_failing_emit (self, error);
      return;
    }
  start_import (self, file, TRUE);
}

void
th_photo_strip_add_stored (ThPhotoStrip *self,
                           const char   *sha256)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (TH_IS_PHOTO_STRIP (self));
  g_return_if_fail (self->photo_dir != NULL);

  path = g_build_filename (self->photo_dir, sha256, NULL);
  file = g_file_new_for_path (path);
  start_import (self, file, FALSE);
}

GStrv
th_photo_strip_dup_paths (ThPhotoStrip *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TH_IS_PHOTO_STRIP (self), NULL);
  for (guint i = 0; i < self->paths->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->paths, i));
  return g_strv_builder_end (builder);
}

gboolean
th_photo_strip_get_busy (ThPhotoStrip *self)
{
  g_return_val_if_fail (TH_IS_PHOTO_STRIP (self), FALSE);
  return self->pending > 0;
}
