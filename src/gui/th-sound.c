/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two sounds, so staff hear the verdict without looking: a rising chime for
 * a bag to hand over, a low double buzz for anything else. Played with GSound
 * from the files in data/sounds. A counter without a sound card stays
 * silent rather than complaining. */
#include "config.h"

#include <gsound.h>

#include "th-sound.h"

struct _ThSound
{
  GObject        parent_instance;

  GSettings     *settings;
  GSoundContext *context;
  gboolean       context_failed;
};

G_DEFINE_FINAL_TYPE (ThSound, th_sound, G_TYPE_OBJECT)

static const char * const file_names[] = { "success.oga", "failure.oga" };

/**
 * th_sound_get_path:
 *
 * Where the sound file is: $TIHUO_SOUNDS_DIR when set (running from the
 * build tree), else the installed data folder.
 */
char *
th_sound_get_path (ThSoundKind kind)
{
  const char *dir = g_getenv ("TIHUO_SOUNDS_DIR");

  g_return_val_if_fail (kind <= TH_SOUND_FAILURE, NULL);
  return g_build_filename (dir && *dir ? dir : PKGDATADIR "/sounds", file_names[kind], NULL);
}

static void
th_sound_finalize (GObject *object)
{
  ThSound *self = (ThSound *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (th_sound_parent_class)->finalize (object);
}

static void
th_sound_class_init (ThSoundClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = th_sound_finalize;
}

static void
th_sound_init (ThSound *self)
{
}

ThSound *
th_sound_new (GSettings *settings)
{
  ThSound *self = g_object_new (TH_TYPE_SOUND, NULL);

  g_return_val_if_fail (G_IS_SETTINGS (settings), self);
  self->settings = g_object_ref (settings);
  return self;
}

void
th_sound_play (ThSound     *self,
               ThSoundKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TH_IS_SOUND (self));

  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "play-sounds"))
    return;

  /* Made on first use: opening the sound system takes a moment. */
  if (self->context == NULL && !self->context_failed)
    {
      self->context = gsound_context_new (NULL, &error);
      if (self->context == NULL)
        {
          g_debug ("No sound: %s", error->message);
          self->context_failed = TRUE;
          return;
        }
    }
  if (self->context == NULL)
    return;

  path = th_sound_get_path (kind);
  if (!gsound_context_play_simple (self->context, NULL, &error,
                                   GSOUND_ATTR_MEDIA_FILENAME, path,
                                   GSOUND_ATTR_MEDIA_ROLE, "event",
                                   GSOUND_ATTR_EVENT_DESCRIPTION,
                                   kind == TH_SOUND_SUCCESS ? "Hand over" : "Do not hand over",
                                   NULL))
    g_debug ("Cannot play %s: %s", path, error->message);
}

