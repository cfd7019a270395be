/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

/* The station's rules that guard money and staff. They live in the station
 * database (data/sql/0004-station-settings.sql), never in per-user GSettings
 * or command-line flags; only a leader changes them (th_policy_change() in
 * the staff layer), and every change is audited with its old and new value. */
typedef enum {
  TH_POLICY_REFUND_APPROVAL_THRESHOLD,
  TH_POLICY_CASHIER_DAILY_CAP,
  TH_POLICY_LOCK_IDLE_MINUTES,
  TH_POLICY_CASE_RESPOND_MINUTES,
  TH_POLICY_CASE_RESOLVE_HOURS,
  TH_POLICY_CLI_TRUSTED,
  /* Later: discount limit, cash variance, slot reminders. Add them here,
   * to the table in th-policy.c and to ThPolicy; no migration is needed. */
  TH_POLICY_N_SETTINGS
} ThPolicySetting;

typedef enum {
  TH_POLICY_KIND_FEN,
  TH_POLICY_KIND_MINUTES,
  TH_POLICY_KIND_HOURS,
  TH_POLICY_KIND_BOOLEAN,
} ThPolicyKind;

typedef struct {
  ThPolicySetting  setting;
  const char      *name;            /* "refund-approval-threshold", for the CLI and the audit */
  ThPolicyKind     kind;
  gint64           min;
  gint64           max;
  gint64           default_value;   /* the old GSettings default */
  const char      *summary;         /* untranslated; pass through _() */
} ThPolicyInfo;

/* Defaults: what GSettings held before 0004, so nothing changes on upgrade. */
#define TH_POLICY_DEFAULT_REFUND_APPROVAL_THRESHOLD 5000     /* fen: above needs approval */
#define TH_POLICY_DEFAULT_CASHIER_DAILY_CAP         20000    /* fen per cashier per local day */
#define TH_POLICY_DEFAULT_LOCK_IDLE_MINUTES         5        /* 0 never locks */
#define TH_POLICY_DEFAULT_CASE_RESPOND_MINUTES      60
#define TH_POLICY_DEFAULT_CASE_RESOLVE_HOURS        24
#define TH_POLICY_DEFAULT_CLI_TRUSTED               FALSE

typedef struct {
  gint64   refund_approval_threshold;   /* fen */
  gint64   cashier_daily_cap;           /* fen */
  gint64   lock_idle_minutes;
  gint64   case_respond_minutes;
  gint64   case_resolve_hours;
  /* tihuo-cli takes --staff NAME without a PIN, for scripts. */
  gboolean cli_trusted;
} ThPolicy;

#define TH_POLICY_DEFAULT { TH_POLICY_DEFAULT_REFUND_APPROVAL_THRESHOLD, TH_POLICY_DEFAULT_CASHIER_DAILY_CAP, \
                            TH_POLICY_DEFAULT_LOCK_IDLE_MINUTES, TH_POLICY_DEFAULT_CASE_RESPOND_MINUTES, \
                            TH_POLICY_DEFAULT_CASE_RESOLVE_HOURS, TH_POLICY_DEFAULT_CLI_TRUSTED }

const ThPolicyInfo *th_policy_get_info     (ThPolicySetting     setting);
/* NULL, with %TH_ERROR_INVALID naming the settings there are, for an unknown name. */
const ThPolicyInfo *th_policy_lookup       (const char         *name,
                                            GError            **error);

gint64              th_policy_get_value    (const ThPolicy     *policy,
                                            ThPolicySetting     setting);
/* Fen as a plain number, booleans as true/false: what `settings set` takes. */
char               *th_policy_format_value (const ThPolicyInfo *info,
                                            gint64              value);
/* Checks @text against the setting's kind and range; the error gives the range. */
gboolean            th_policy_parse_value  (const ThPolicyInfo *info,
                                            const char         *text,
                                            gint64             *value,
                                            GError            **error);

/* The defaults, overlaid with what the station has set. */
gboolean            th_policy_load         (ThDb               *db,
                                            ThPolicy           *policy,
                                            GError            **error);
/* Writes one setting and its `setting_changed` audit entry (old and new
 * value). The caller holds the write transaction and has checked that
 * @actor is a leader: th_policy_change() does both. */
gboolean            th_policy_write        (ThDb               *db,
                                            ThPolicySetting     setting,
                                            gint64              value,
                                            const char         *actor,
                                            gint64              now,
                                            GError            **error);

G_END_DECLS
