/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "th-demo-server.h"

G_BEGIN_DECLS

struct _ThDemoServer
{
  GObject      parent_instance;

  GSubprocess *process;
  SoupSession *session;
  char        *url;
  char        *control_url;
};

G_END_DECLS
