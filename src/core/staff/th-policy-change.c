/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A leader changes the station policy (th-policy.c) with their PIN. The PIN
 * is checked without the write lock, as everywhere (it takes a good part of
 * a second); the role is checked again under it, so a leader removed or
 * demoted meanwhile cannot slip a change in. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-policy-change.h"

static gboolean
refuse_not_leader (const char  *name,
                   GError     **error)
{
  g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
               _("%s is not a leader. Only a leader can change the station’s settings."), name);
  return FALSE;
}

gboolean
th_policy_change (ThDb        *db,
                  const char  *name,
                  const char  *value_text,
                  const char  *by_name,
                  const char  *by_pin,
                  gint64       now,
                  GError     **error)
{
  g_autoptr(ThStaff) by = NULL;
  g_autoptr(ThStaff) still = NULL;
  const ThPolicyInfo *info;
  gint64 value;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!(info = th_policy_lookup (name, error)) || !th_policy_parse_value (info, value_text, &value, error))
    return FALSE;
  if (by_name == NULL || by_pin == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("Only a leader can change the station’s settings. A leader must confirm with their PIN."));
      return FALSE;
    }
  if (!(by = th_staff_verify_pin (db, by_name, by_pin, TH_PIN_PURPOSE_CHANGE_SETTINGS, now, error)))
    return FALSE;
  if (by->role != TH_STAFF_ROLE_LEADER)
    return refuse_not_leader (by->name, error);

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!(still = th_staff_find (db, by->name, error)))
    goto fail;
  if (still->role != TH_STAFF_ROLE_LEADER)
    {
      refuse_not_leader (still->name, error);
      goto fail;
    }
  if (!th_policy_write (db, info->setting, value, still->name, now, error) ||
      !th_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}
