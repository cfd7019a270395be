/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-sync-indicator.h"

G_BEGIN_DECLS

struct _ThSyncIndicator
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GtkImage      *icon;
  GtkLabel      *label;
  GtkLabel      *heading;
  GtkGrid       *facts;
  GtkLabel      *last_pull_value;
  GtkLabel      *pending_value;
  GtkLabel      *attention_value;
  GtkLabel      *detail;
  GtkWidget     *sync_button;
  GtkWidget     *attention_button;

  ThSyncClient  *client;
  char          *problem_title;
  char          *problem_detail;
  const char    *tone;
  guint          refresh_id;
};

/* th-sync-indicator-state.c */
void _th_sync_indicator_update (ThSyncIndicator *self);

G_END_DECLS
