/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-demo.h"

G_BEGIN_DECLS

/* What th-demo-orders.c decided for one order, so th-demo.c can hand some
 * of them over through the core, as a counter would have. */
typedef enum {
  _TH_DEMO_PLAN_OPEN,
  _TH_DEMO_PLAN_COLLECT_HERE,        /* all lines, at this terminal */
  _TH_DEMO_PLAN_COLLECT_PART,        /* the first line only */
  _TH_DEMO_PLAN_COLLECT_OTHER,       /* all lines, at the other terminal */
  _TH_DEMO_PLAN_COLLECT_RECENT,      /* a few minutes ago: Undo still works */
} ThDemoPlan;

typedef struct {
  gint64     order_id;
  ThDemoPlan plan;
} ThDemoPlanned;

/* Builds the demo orders as an API order list; fills @plans (of
 * ThDemoPlanned) for those to hand over after the import. */
JsonNode *_th_demo_build_orders (gint64   now,
                                 GArray  *plans);

G_END_DECLS
