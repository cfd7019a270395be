/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One hand-over in the History page: when, which order, what went in the
 * bag, and an Undo button while the core's undo window is open. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-history-row.h"

struct _ThHistoryRow
{
  AdwActionRow    parent_instance;

  GtkButton      *undo_button;
  GtkLabel       *undone_label;

  ThHistoryEntry *entry;
};

G_DEFINE_FINAL_TYPE (ThHistoryRow, th_history_row, ADW_TYPE_ACTION_ROW)

static char *
describe_lines (ThHistoryEntry *e)
{
  GString *s = g_string_new (NULL);

  if (e->provisional || e->lines->len == 0)
    return g_string_free (s, TRUE), g_strdup (_("the whole bag (order not synced yet)"));
  for (guint i = 0; i < e->lines->len; i++)
    {
      ThHistoryLine *l = &g_array_index (e->lines, ThHistoryLine, i);
      g_autofree char *fallback = g_strdup_printf (_("line %u"), l->line);

      if (i > 0)
        g_string_append (s, _(", "));
      g_string_append_printf (s, _("%s ×%u"), l->name ? l->name : fallback, l->qty);
    }
  return g_string_free (s, FALSE);
}

static void
th_history_row_dispose (GObject *object)
{
  ThHistoryRow *self = (ThHistoryRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_HISTORY_ROW);
  g_clear_pointer (&self->entry, th_history_entry_unref);

  G_OBJECT_CLASS (th_history_row_parent_class)->dispose (object);
}

static void
th_history_row_class_init (ThHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_history_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ThHistoryRow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ThHistoryRow, undone_label);
}

static void
th_history_row_init (ThHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThHistoryRow *
th_history_row_new (ThHistoryEntry *entry,
                    gint64          now)
{
  ThHistoryRow *self = g_object_new (TH_TYPE_HISTORY_ROW, NULL);
  g_autofree char *when = th_format_time (entry->at, now);
  g_autofree char *code = th_format_pickup_code (entry->pickup_code);
  g_autofree char *lines = describe_lines (entry);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  self->entry = th_history_entry_ref (entry);

  /* Translators: when, pickup code, customer */
  title = g_strdup_printf (_("%s · %s · %s"), when, code,
                           entry->customer_name && entry->customer_name[0] ? entry->customer_name : "—");
  /* Translators: what was handed over; how the order was found; by whom */
  subtitle = g_strdup_printf (_("%s · %s · by %s"), lines, th_format_method (entry->method), entry->staff);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 3);

  if (entry->undone_at != 0)
    {
      g_autofree char *undone_when = th_format_time_in_sentence (entry->undone_at, now);
      g_autofree char *undone = g_strdup_printf (_("Undone %s: %s"), undone_when, entry->undo_reason);

      gtk_label_set_label (self->undone_label, undone);
      gtk_widget_set_visible (GTK_WIDGET (self->undone_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "undone");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), th_history_entry_can_undo (entry, now));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->undo_button), "s", entry->collection_id);
  return self;
}

ThHistoryEntry *
th_history_row_get_entry (ThHistoryRow *self)
{
  g_return_val_if_fail (TH_IS_HISTORY_ROW (self), NULL);
  return self->entry;
}
