/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-collect.h"
#include "th-db-task.h"
#include "th-counter-page.h"
#include "th-camera-view.h"
#include "th-result-card.h"

G_BEGIN_DECLS

struct _ThCounterPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkEntry        *entry;
  GtkStack        *stack;
  GtkLabel        *matches_title;
  GtkListBox      *matches_list;
  AdwStatusPage   *message_page;
  ThResultCard    *card;
  ThCameraView    *camera_view;
  GtkBox          *saving_box;
  GtkSpinner      *saving_spinner;
  GtkLabel        *saving_label;

  ThContext       *context;
  ThDb            *db;              /* the context's */
  gboolean         auto_hand_over;

  /* What the card shows, and how it was found */
  ThVerification  *verification;
  char            *code_text;       /* the scanned or typed code; NULL when picked */
  ThCollectMethod  method;
  ThCollectMethod  matches_method;  /* phone or manual, for the search results */

  gboolean         can_hand_over;
  guint            n_ticked;

  /* Writes on the worker, one at a time (th-counter-page-queue.c) */
  gboolean         busy;
  GQueue          *pending;         /* of what waits for the running write */
  GCancellable    *cancellable;     /* the page went away */
  guint            slow_source;
};

typedef void (*ThCounterStart)   (ThCounterPage *self,
                                  gpointer       data);
typedef void (*ThCounterJobDone) (ThCounterPage *self,
                                  gpointer       result,
                                  const GError  *error,
                                  gpointer       data);

/* th-counter-page.c */
void     _th_counter_page_show_verification (ThCounterPage  *self,
                                             ThVerification *v,
                                             const char     *code_text,
                                             ThCollectMethod method);
void     _th_counter_page_show_and_announce (ThCounterPage  *self,
                                             ThVerification *v,
                                             const char     *code_text,
                                             ThCollectMethod method);
void     _th_counter_page_verified          (ThCounterPage  *self);
gboolean _th_counter_page_compute_can_hand_over (ThCounterPage *self);
void     _th_counter_page_emit_collected    (ThCounterPage  *self,
                                             ThVerification *v);
void  _th_counter_page_fail             (ThCounterPage   *self,
                                         const GError    *error);
char *_th_counter_page_dup_staff        (ThCounterPage   *self);
void  _th_counter_page_show_order_with  (ThCounterPage   *self,
                                         gint64           order_id,
                                         ThCollectMethod  method);

void     _th_counter_page_update_state      (ThCounterPage  *self);
void     _th_counter_page_emit_undo_finished (ThCounterPage *self,
                                              const GError  *error);

/* th-counter-page-queue.c */
void     _th_counter_page_init_queue        (ThCounterPage  *self);
void     _th_counter_page_dispose_queue     (ThCounterPage  *self);
void     _th_counter_page_run_job           (ThCounterPage    *self,
                                             ThDbJob           job,
                                             gpointer          job_data,
                                             GDestroyNotify    job_data_free,
                                             GDestroyNotify    result_free,
                                             ThCounterJobDone  done,
                                             gpointer          done_data,
                                             GDestroyNotify    done_data_free);
gboolean _th_counter_page_defer             (ThCounterPage  *self,
                                             ThCounterStart  start,
                                             gpointer        data,
                                             GDestroyNotify  data_free);

/* th-counter-page-search.c */
void  _th_counter_page_clear_matches    (ThCounterPage   *self);
void  _th_counter_page_match_activated_cb (ThCounterPage *self,
                                           GtkListBoxRow *row);

G_END_DECLS
