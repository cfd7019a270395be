/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-window-private.h"
#include "th-window-sync.h"

G_BEGIN_DECLS

/* What the window keeps for sync; ThWindow points to it (self->sync). The
 * client itself belongs to the context. */
struct _ThWindowSync
{
  ThSyncClient     *client;         /* the context's, whose signals we watch */
  ThSyncIndicator  *indicator;      /* owned by the header */
  ThAttentionPage  *page;           /* owned by the view stack */
  AdwViewStackPage *stack_page;
  gboolean          reload_after;   /* Sync Now: reload the pages after the run */
};

G_END_DECLS
