/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ::failed signal that the Counter, Orders, History, Needs Attention,
 * ledger and summary pages and the photo strip share, and the toast that
 * shows it. */
#include "config.h"

#include "th-failing.h"
#include "th-format.h"

G_DEFINE_INTERFACE (ThFailing, th_failing, GTK_TYPE_WIDGET)

static void
th_failing_default_init (ThFailingInterface *iface)
{
  g_signal_new ("failed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

void
th_failing_emit (gpointer      self,
                 const GError *error)
{
  g_return_if_fail (TH_IS_FAILING (self));
  g_return_if_fail (error != NULL);
  g_signal_emit_by_name (self, "failed", error);
}

/* Long enough to read a message that says what to do next. */
AdwToast *
th_failing_toast_new (const GError *error)
{
  AdwToast *toast;

  g_return_val_if_fail (error != NULL, NULL);
  toast = th_toast_new_text (error->message);
  adw_toast_set_timeout (toast, 10);
  return toast;
}
