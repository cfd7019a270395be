/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a person types into the Counter page's entry: a pickup code, the
 * last 4 digits of a phone number, or part of a name. Searches list the
 * matching orders, nearest slot first; arrows and Enter pick one. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-counter-page-private.h"
#include "th-lookup.h"
#include "th-order-row.h"
#include "th-pickup-code.h"
#include "th-time.h"

#define NAME_SEARCH_LIMIT 50

void
_th_counter_page_clear_matches (ThCounterPage *self)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matches_list))))
    gtk_list_box_remove (self->matches_list, child);
}

static gboolean
is_phone_tail (const char *text)
{
  return strlen (text) == 4 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]);
}

/* Is it meant as a pickup code? Then the verifier has the last word, even
 * when the answer is "this is not a pickup code". */
static gboolean
looks_like_code (const char *normal)
{
  char plain[TH_PICKUP_CODE_PLAIN_LEN + 1];
  ThSignedCode code;

  if (th_pickup_code_parse (normal, &code, plain) != TH_PICKUP_CODE_MALFORMED)
    return TRUE;
  if (normal[0] == 'T' && normal[1] == 'H' && g_ascii_isdigit (normal[2]))
    return TRUE;
  for (const char *p = normal; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '-')
      return FALSE;
  return TRUE;
}

static void
show_message (ThCounterPage *self,
              const char    *title,
              const char    *description)
{
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
show_matches (ThCounterPage   *self,
              GPtrArray       *orders,
              const char      *title,
              ThCollectMethod  method)
{
  GtkListBoxRow *first;

  _th_counter_page_clear_matches (self);
  self->matches_method = method;
  for (guint i = 0; i < orders->len; i++)
    gtk_list_box_append (self->matches_list, GTK_WIDGET (th_order_row_new (g_ptr_array_index (orders, i), TRUE)));
  gtk_label_set_label (self->matches_title, title);
  gtk_stack_set_visible_child_name (self->stack, "matches");

  /* Straight to the list: arrows pick, Enter opens. */
  if ((first = gtk_list_box_get_row_at_index (self->matches_list, 0)))
    {
      gtk_list_box_select_row (self->matches_list, first);
      gtk_widget_grab_focus (GTK_WIDGET (first));
    }
}

static void
search_phone_tail (ThCounterPage *self,
                   const char    *tail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = th_lookup_phone_tail (self->db, tail, th_time_now (), &error);
  g_autofree char *title = NULL;

  if (orders == NULL)
    {
      _th_counter_page_fail (self, error);
      return;
    }
  if (orders->len == 0)
    {
      g_autofree char *description =
        g_strdup_printf (_("No order to hand over has a phone number ending in %s. Check the digits, "
                           "or search by the customer's name."), tail);
      show_message (self, _("No Orders Found"), description);
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order for phone tail %s",
                                        "%u orders for phone tail %s", orders->len),
                           orders->len, tail);
  show_matches (self, orders, title, TH_COLLECT_METHOD_PHONE);
}

static void
search_name (ThCounterPage *self,
             const char    *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = th_lookup_name (self->db, fragment, th_time_now (), NAME_SEARCH_LIMIT, &error);
  g_autofree char *title = NULL;

  if (orders == NULL)
    {
      _th_counter_page_fail (self, error);
      return;
    }
  if (orders->len == 0)
    {
      g_autofree char *description =
        g_strdup_printf (_("No customer name contains “%s”. Names are masked, like 李*华: "
                           "try the family name, or the phone tail."), fragment);
      show_message (self, _("No Orders Found"), description);
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order for “%s”", "%u orders for “%s”", orders->len),
                           orders->len, fragment);
  show_matches (self, orders, title, TH_COLLECT_METHOD_MANUAL);
}

static void
verify_typed_code (ThCounterPage *self,
                   const char    *text)
{
  g_autoptr(GError) error = NULL;
  ThVerification *v = th_verifier_verify_code (self->db, text, th_time_now (), &error);

  if (v == NULL)
    {
      _th_counter_page_fail (self, error);
      return;
    }
  /* Shown like a scan, but never handed over automatically. */
  _th_counter_page_show_and_announce (self, v, text, v->kind == TH_PICKUP_CODE_SIGNED ? TH_COLLECT_METHOD_QR
                                                                                     : TH_COLLECT_METHOD_CODE);
}

static void
submit_later (ThCounterPage *self,
              gpointer       text)
{
  th_counter_page_submit (self, text);
}

/**
 * th_counter_page_submit:
 * @text: what a person typed and confirmed with Enter
 *
 * Empty text confirms the hand-over on the card.
 */
void
th_counter_page_submit (ThCounterPage *self,
                        const char    *text)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  g_return_if_fail (text != NULL);

  if (self->db == NULL)
    return;
  /* Typed while a hand-over is being saved: after it, in order. An empty
   * Enter would hand over again what is being saved. */
  if (self->busy && text[0] == '\0')
    return;
  if (_th_counter_page_defer (self, submit_later, g_strdup (text), g_free))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      return;
    }
  normal = th_pickup_code_normalize (text);
  if (normal == NULL || normal[0] == '\0')
    {
      if (th_counter_page_get_can_hand_over (self))
        th_counter_page_hand_over (self, FALSE);
      return;
    }

  if (is_phone_tail (normal))
    search_phone_tail (self, normal);
  else if (looks_like_code (normal))
    verify_typed_code (self, normal);
  else
    search_name (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

void
_th_counter_page_match_activated_cb (ThCounterPage *self,
                                     GtkListBoxRow *row)
{
  ThOrder *order = th_order_row_get_order (TH_ORDER_ROW (row));

  _th_counter_page_show_order_with (self, order->id, self->matches_method);
  th_counter_page_focus_entry (self);
}
