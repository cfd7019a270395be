/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A page or widget whose work can fail in a way a person must see: it
 * emits ::failed (a GError with a message that says what to do next), and
 * its window shows that as a toast. One signal, one toast, for all. */
#define TH_TYPE_FAILING (th_failing_get_type ())
G_DECLARE_INTERFACE (ThFailing, th_failing, TH, FAILING, GtkWidget)

struct _ThFailingInterface
{
  GTypeInterface parent_iface;
};

void      th_failing_emit      (gpointer      self,
                                const GError *error);
AdwToast *th_failing_toast_new (const GError *error);

G_END_DECLS
