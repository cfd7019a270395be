/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One case in the ledger: what, for whom, its status, and its next
 * deadline; red when the core says it is overdue. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "th-case-format.h"
#include "th-case-row.h"

struct _ThCaseRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *description_label;
  GtkLabel      *lines_label;
  GtkLabel      *status_label;
  GtkLabel      *due_label;

  ThCase        *c;
  gboolean       overdue;
};

G_DEFINE_FINAL_TYPE (ThCaseRow, th_case_row, GTK_TYPE_LIST_BOX_ROW)

static const char * const status_classes[] = { "todo", "todo", "done", "refunded" };

static void
th_case_row_dispose (GObject *object)
{
  ThCaseRow *self = (ThCaseRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_CASE_ROW);
  g_clear_pointer (&self->c, th_case_unref);

  G_OBJECT_CLASS (th_case_row_parent_class)->dispose (object);
}

static void
th_case_row_class_init (ThCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_case_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ThCaseRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseRow, lines_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseRow, due_label);
}

static void
th_case_row_init (ThCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThCaseRow *
th_case_row_new (ThCase                *c,
                 const ThCaseDeadlines *deadlines,
                 gint64                 now)
{
  ThCaseRow *self = g_object_new (TH_TYPE_CASE_ROW, NULL);
  g_autofree char *title = th_case_format_title (c);
  g_autofree char *due = th_case_format_due (c, deadlines, now);
  g_autofree char *lines = th_case_format_lines (c);
  g_autofree char *first_line = g_strdup (c->description);
  char *newline = strchr (first_line, '\n');

  if (newline)
    *newline = '\0';
  self->c = th_case_ref (c);
  self->overdue = th_case_get_overdue (c, deadlines, now) != TH_CASE_ON_TIME;
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->description_label, first_line);
  gtk_label_set_label (self->lines_label, lines);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_label), lines[0] != '\0');
  gtk_label_set_label (self->status_label, th_case_status_describe (c->status));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[c->status]);
  gtk_label_set_label (self->due_label, due);
  if (self->overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self), "overdue");
  return self;
}

ThCase *
th_case_row_get_case (ThCaseRow *self)
{
  g_return_val_if_fail (TH_IS_CASE_ROW (self), NULL);
  return self->c;
}

