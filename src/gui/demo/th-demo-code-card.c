/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One code in the Demo Codes window: what case it shows, the QR code, the
 * digits a customer would read out, and what scanning it gives. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-demo-code-card.h"
#include "th-format.h"
#include "th-qr-paintable.h"

struct _ThDemoCodeCard
{
  GtkWidget   parent_instance;

  GtkLabel   *title_label;
  GtkPicture *picture;
  GtkLabel   *code_label;
  GtkLabel   *expect_label;

  char       *text;
};

G_DEFINE_FINAL_TYPE (ThDemoCodeCard, th_demo_code_card, GTK_TYPE_WIDGET)

static const char *
case_title (ThDemoCodeCase which)
{
  switch (which)
    {
    case TH_DEMO_CODE_VALID:
      return _("Valid");
    case TH_DEMO_CODE_ALREADY_COLLECTED:
      return _("Already collected");
    case TH_DEMO_CODE_OTHER_STATION:
      return _("Other pickup point");
    case TH_DEMO_CODE_EXPIRED:
      return _("Expired");
    case TH_DEMO_CODE_CANCELLED:
      return _("Cancelled");
    case TH_DEMO_CODE_REFUNDED:
      return _("Refunded");
    case TH_DEMO_CODE_NOT_YET_VALID:
      return _("Not valid yet");
    case TH_DEMO_CODE_NOT_SYNCED:
      return _("Order not synced yet");
    case TH_DEMO_CODE_FORGED:
      return _("Forged signature");
    case TH_DEMO_CODE_UNKNOWN:
    default:
      return _("Unknown code");
    }
}

static void
th_demo_code_card_dispose (GObject *object)
{
  GtkWidget *child;
  ThDemoCodeCard *self = (ThDemoCodeCard *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_DEMO_CODE_CARD);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (th_demo_code_card_parent_class)->dispose (object);
}

static void
th_demo_code_card_class_init (ThDemoCodeCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = th_demo_code_card_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-demo-code-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ThDemoCodeCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThDemoCodeCard, picture);
  gtk_widget_class_bind_template_child (widget_class, ThDemoCodeCard, code_label);
  gtk_widget_class_bind_template_child (widget_class, ThDemoCodeCard, expect_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_demo_code_card_init (ThDemoCodeCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThDemoCodeCard *
th_demo_code_card_new (const ThDemoCode *code)
{
  ThDemoCodeCard *self = g_object_new (TH_TYPE_DEMO_CODE_CARD, NULL);
  g_autoptr(ThQrPaintable) qr = th_qr_paintable_new (code->text);
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expect = NULL;

  self->text = g_strdup (code->text);
  /* Translators: a demo case, and the kind of code, like “Valid · signed QR” */
  title = g_strdup_printf (_("%s · %s"), case_title (code->which),
                           code->is_signed ? _("signed QR") : _("8-digit code"));
  shown = code->is_signed ? g_strdup_printf ("%.14s…", code->text) : th_format_pickup_code (code->text);
  /* Translators: what the counter shows when this code is scanned */
  expect = g_strdup_printf (_("Scanning gives: %s"), th_format_verdict_title (code->expected, code->expected_provisional));

  gtk_label_set_label (self->title_label, title);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (qr));
  gtk_label_set_label (self->code_label, shown);
  gtk_label_set_label (self->expect_label, expect);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), code->text);
  gtk_widget_add_css_class (GTK_WIDGET (self), code->expected == TH_VERDICT_OK && !code->expected_provisional ? "ok" :
                                               code->expected == TH_VERDICT_ALREADY_COLLECTED ||
                                               code->expected == TH_VERDICT_NOT_YET_VALID ||
                                               code->expected_provisional ? "warning" : "error");
  return self;
}

const char *
th_demo_code_card_get_text (ThDemoCodeCard *self)
{
  g_return_val_if_fail (TH_IS_DEMO_CODE_CARD (self), NULL);
  return self->text;
}
