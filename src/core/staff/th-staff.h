/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

typedef enum {
  TH_STAFF_ROLE_LEADER,
  TH_STAFF_ROLE_CASHIER,
  TH_STAFF_ROLE_SUPERVISOR,
} ThStaffRole;

/* The argon2id cost of new PIN hashes. Verifying reads the cost from the
 * stored hash, so both kinds of hash verify anywhere. */
typedef enum {
  TH_PIN_COST_INTERACTIVE,   /* libsodium's interactive limits: always, outside tests */
  TH_PIN_COST_MIN,           /* the minimum, to keep test suites fast */
} ThPinCost;

/* Why a PIN is asked for; only a sign-in writes its own audit entry, the
 * others are recorded by the action they allow (approved_by, created_by). */
typedef enum {
  TH_PIN_PURPOSE_SIGN_IN,
  TH_PIN_PURPOSE_APPROVE,
  TH_PIN_PURPOSE_MANAGE_STAFF,
  TH_PIN_PURPOSE_CHANGE_SETTINGS,
  TH_PIN_PURPOSE_ACT,            /* tihuo-cli: who collects, undoes, refunds, handles a case */
} ThPinPurpose;

#define TH_STAFF_PIN_MIN_DIGITS   4
#define TH_STAFF_PIN_MAX_DIGITS   8
#define TH_STAFF_NAME_MAX_CHARS   64
/* Lockout is per account, so one cashier's typos never lock the leader out.
 * Every PIN check counts: sign-in, approval and managing staff. */
#define TH_STAFF_MAX_FAILED_PINS  5
#define TH_STAFF_LOCKOUT_SECONDS  (5 * 60)

typedef struct {
  gint64       id;
  char        *name;
  ThStaffRole  role;
  gint64       created_at;
  char        *created_by;       /* "" for the first account */
  guint        failed_pins;      /* wrong PINs in a row */
  gint64       locked_until;     /* unix time; 0 or past when not locked */
} ThStaff;

#define TH_TYPE_STAFF (th_staff_get_type ())

GType        th_staff_get_type          (void) G_GNUC_CONST;
ThStaff     *th_staff_ref               (ThStaff       *staff);
void         th_staff_unref             (ThStaff       *staff);
gboolean     th_staff_is_locked         (const ThStaff *staff,
                                         gint64         now);

const char  *th_staff_role_to_string    (ThStaffRole    role);
gboolean     th_staff_role_from_string  (const char    *text,
                                         ThStaffRole   *role);
const char  *th_staff_role_describe     (ThStaffRole    role);
gboolean     th_staff_role_can_approve  (ThStaffRole    role);

gboolean     th_staff_pin_is_valid      (const char    *pin);

/* FALSE in *any on first run: the GUI then asks for the leader's account. */
gboolean     th_staff_exists_any        (ThDb          *db,
                                         gboolean      *any,
                                         GError       **error);
/* Active accounts by name. (element-type ThStaff) */
GPtrArray   *th_staff_list              (ThDb          *db,
                                         GError       **error);
/* An active account; %TH_ERROR_REFUSED when there is none by that name. */
ThStaff     *th_staff_find              (ThDb          *db,
                                         const char    *name,
                                         GError       **error);

/* Checks @pin for @name, counting wrong PINs and locking the account for
 * %TH_STAFF_LOCKOUT_SECONDS after %TH_STAFF_MAX_FAILED_PINS of them (both
 * audited). Slow on purpose (argon2id): call it off the main loop. */
ThStaff     *th_staff_verify_pin        (ThDb          *db,
                                         const char    *name,
                                         const char    *pin,
                                         ThPinPurpose   purpose,
                                         gint64         now,
                                         GError       **error);
ThStaff     *th_staff_sign_in           (ThDb          *db,
                                         const char    *name,
                                         const char    *pin,
                                         gint64         now,
                                         GError       **error);

/* Only a leader (@by_name with @by_pin) may add or remove staff. The first
 * account needs neither and must be a leader. */
ThStaff     *th_staff_add               (ThDb          *db,
                                         const char    *name,
                                         ThStaffRole    role,
                                         const char    *pin,
                                         const char    *by_name,
                                         const char    *by_pin,
                                         ThPinCost      cost,
                                         gint64         now,
                                         GError       **error);
gboolean     th_staff_remove            (ThDb          *db,
                                         const char    *name,
                                         const char    *by_name,
                                         const char    *by_pin,
                                         gint64         now,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThStaff, th_staff_unref)

G_END_DECLS
