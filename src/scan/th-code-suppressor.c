/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-code-suppressor.h"

struct _ThCodeSuppressor
{
  gint64      window;
  GHashTable *last_seen;   /* text → gint64 *, microseconds */
};

static gboolean
expired (gpointer key,
         gpointer value,
         gpointer user_data)
{
  const gint64 *seen = value;
  const gint64 *cutoff = user_data;

  return *seen <= *cutoff;
}

ThCodeSuppressor *
th_code_suppressor_new (gint64 window_usec)
{
  ThCodeSuppressor *self;

  g_return_val_if_fail (window_usec >= 0, NULL);

  self = g_new0 (ThCodeSuppressor, 1);
  self->window = window_usec;
  self->last_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
th_code_suppressor_free (ThCodeSuppressor *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->last_seen);
  g_free (self);
}

gboolean
th_code_suppressor_check (ThCodeSuppressor *self,
                          const char       *text,
                          gint64            now_usec)
{
  gint64 cutoff;
  gint64 *seen;
  gboolean report;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* Forgetting what has been out of sight for a whole window keeps the
   * table as small as the codes in view, and is the rule itself. */
  cutoff = now_usec - self->window;
  g_hash_table_foreach_remove (self->last_seen, expired, &cutoff);

  seen = g_hash_table_lookup (self->last_seen, text);
  report = seen == NULL;
  if (seen == NULL)
    {
      seen = g_new (gint64, 1);
      g_hash_table_insert (self->last_seen, g_strdup (text), seen);
    }
  *seen = now_usec;
  return report;
}

void
th_code_suppressor_reset (ThCodeSuppressor *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->last_seen);
}
