/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The station policy: one row per setting that was changed, defaults for the
 * rest. Reading is cheap (a handful of rows), so callers load it when they
 * need it instead of caching a copy another terminal may have changed. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-policy.h"

/* The ranges are the old GSettings ranges. */
static const ThPolicyInfo settings[TH_POLICY_N_SETTINGS] = {
  { TH_POLICY_REFUND_APPROVAL_THRESHOLD, "refund-approval-threshold", TH_POLICY_KIND_FEN,
    0, 100000000, TH_POLICY_DEFAULT_REFUND_APPROVAL_THRESHOLD,
    N_("A refund above this amount needs a supervisor’s or the leader’s PIN") },
  { TH_POLICY_CASHIER_DAILY_CAP, "cashier-daily-cap", TH_POLICY_KIND_FEN,
    0, 100000000, TH_POLICY_DEFAULT_CASHIER_DAILY_CAP,
    N_("Refunds by one cashier in one day beyond this amount need a supervisor’s or the leader’s PIN") },
  { TH_POLICY_LOCK_IDLE_MINUTES, "lock-idle-minutes", TH_POLICY_KIND_MINUTES,
    0, 480, TH_POLICY_DEFAULT_LOCK_IDLE_MINUTES,
    N_("Lock the counter after this many minutes without input; 0 never locks") },
  { TH_POLICY_CASE_RESPOND_MINUTES, "case-respond-minutes", TH_POLICY_KIND_MINUTES,
    1, 10080, TH_POLICY_DEFAULT_CASE_RESPOND_MINUTES,
    N_("An after-sales case still open this long is overdue for a first response") },
  { TH_POLICY_CASE_RESOLVE_HOURS, "case-resolve-hours", TH_POLICY_KIND_HOURS,
    1, 720, TH_POLICY_DEFAULT_CASE_RESOLVE_HOURS,
    N_("An after-sales case not closed this long is overdue") },
  { TH_POLICY_CLI_TRUSTED, "cli-trusted", TH_POLICY_KIND_BOOLEAN,
    0, 1, TH_POLICY_DEFAULT_CLI_TRUSTED,
    N_("tihuo-cli accepts --staff NAME without that person’s PIN, for scripts") },
};

static void
set_value (ThPolicy        *policy,
           ThPolicySetting  setting,
           gint64           value)
{
  switch (setting)
    {
    case TH_POLICY_REFUND_APPROVAL_THRESHOLD:
      policy->refund_approval_threshold = value;
      break;
    case TH_POLICY_CASHIER_DAILY_CAP:
      policy->cashier_daily_cap = value;
      break;
    case TH_POLICY_LOCK_IDLE_MINUTES:
      policy->lock_idle_minutes = value;
      break;
    case TH_POLICY_CASE_RESPOND_MINUTES:
      policy->case_respond_minutes = value;
      break;
    case TH_POLICY_CASE_RESOLVE_HOURS:
      policy->case_resolve_hours = value;
      break;
    case TH_POLICY_CLI_TRUSTED:
      policy->cli_trusted = value != 0;
      break;
    case TH_POLICY_N_SETTINGS:
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
value_to_json (const ThPolicyInfo *info,
               gint64              value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (info->kind == TH_POLICY_KIND_BOOLEAN)
    json_node_set_boolean (node, value != 0);
  else
    json_node_set_int (node, value);
  return node;
}

static gboolean
read_stored (ThDb                *db,
             const ThPolicyInfo  *info,
             gint64              *value,
             GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, "SELECT value FROM station_settings WHERE name = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : info->default_value;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || th_db_set_error (db, error, "reading a station setting");
}

const ThPolicyInfo *
th_policy_get_info (ThPolicySetting setting)
{
  g_return_val_if_fail (setting < TH_POLICY_N_SETTINGS, NULL);
  return &settings[setting];
}

const ThPolicyInfo *
th_policy_lookup (const char  *name,
                  GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      if (g_str_equal (name, settings[i].name))
        return &settings[i];
      g_string_append_printf (names, "%s%s", i ? ", " : "", settings[i].name);
    }
  g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
               _("There is no station setting called “%s”. The settings are: %s."), name, names->str);
  return NULL;
}

gint64
th_policy_get_value (const ThPolicy  *policy,
                     ThPolicySetting  setting)
{
  g_return_val_if_fail (policy != NULL, 0);

  switch (setting)
    {
    case TH_POLICY_REFUND_APPROVAL_THRESHOLD:
      return policy->refund_approval_threshold;
    case TH_POLICY_CASHIER_DAILY_CAP:
      return policy->cashier_daily_cap;
    case TH_POLICY_LOCK_IDLE_MINUTES:
      return policy->lock_idle_minutes;
    case TH_POLICY_CASE_RESPOND_MINUTES:
      return policy->case_respond_minutes;
    case TH_POLICY_CASE_RESOLVE_HOURS:
      return policy->case_resolve_hours;
    case TH_POLICY_CLI_TRUSTED:
      return policy->cli_trusted ? 1 : 0;
    case TH_POLICY_N_SETTINGS:
    default:
      g_return_val_if_reached (0);
    }
}

char *
th_policy_format_value (const ThPolicyInfo *info,
                        gint64              value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->kind == TH_POLICY_KIND_BOOLEAN)
    return g_strdup (value ? "true" : "false");
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

gboolean
th_policy_parse_value (const ThPolicyInfo  *info,
                       const char          *text,
                       gint64              *value,
                       GError             **error)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (info->kind == TH_POLICY_KIND_BOOLEAN)
    {
      if (g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "false") == 0)
        {
          *value = g_str_equal (text, "true");
          return TRUE;
        }
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("%s is true or false."), info->name);
      return FALSE;
    }
  if (text == NULL || !g_ascii_string_to_signed (text, 10, info->min, info->max, value, NULL))
    {
      switch (info->kind)
        {
        case TH_POLICY_KIND_FEN:
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                       _("%s is an amount in fen from %" PRId64 " to %" PRId64 ", like 5000 for ¥50.00."),
                       info->name, info->min, info->max);
          break;
        case TH_POLICY_KIND_MINUTES:
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                       _("%s is a number of minutes from %" PRId64 " to %" PRId64 "."),
                       info->name, info->min, info->max);
          break;
        case TH_POLICY_KIND_HOURS:
        case TH_POLICY_KIND_BOOLEAN:
        default:
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                       _("%s is a number of hours from %" PRId64 " to %" PRId64 "."),
                       info->name, info->min, info->max);
          break;
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
th_policy_load (ThDb      *db,
                ThPolicy  *policy,
                GError   **error)
{
  const ThPolicy defaults = TH_POLICY_DEFAULT;
  ThPolicy loaded = defaults;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      gint64 value;

      if (!read_stored (db, &settings[i], &value, error))
        return FALSE;
      /* Out of range only by a hand-made SQL session: the safe default wins. */
      if (value < settings[i].min || value > settings[i].max)
        value = settings[i].default_value;
      set_value (&loaded, settings[i].setting, value);
    }
  *policy = loaded;
  return TRUE;
}

gboolean
th_policy_write (ThDb             *db,
                 ThPolicySetting   setting,
                 gint64            value,
                 const char       *actor,
                 gint64            now,
                 GError          **error)
{
  const ThPolicyInfo *info;
  g_autoptr(JsonNode) detail = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 old;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (setting < TH_POLICY_N_SETTINGS, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (th_db_get_handle (db)), FALSE);

  info = &settings[setting];
  if (value < info->min || value > info->max)
    return th_policy_parse_value (info, NULL, &value, error);   /* sets the range error */
  if (!read_stored (db, info, &old, error))
    return FALSE;

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO station_settings (name, value, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4) "
                              "ON CONFLICT (name) DO UPDATE SET value = ?2, changed_at = ?3, changed_by = ?4",
                              error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, actor, -1, SQLITE_STATIC);
  if (!th_db_step_done (db, stmt, "changing a station setting", error))
    return FALSE;

  detail = json_node_new (JSON_NODE_OBJECT);
  obj = json_object_new ();
  json_object_set_member (obj, "old", value_to_json (info, old));
  json_object_set_member (obj, "new", value_to_json (info, value));
  json_node_take_object (detail, obj);
  text = th_json_to_string (detail);
  subject = g_strconcat ("setting:", info->name, NULL);
  return th_audit_append (db, now, actor, "setting_changed", subject, text, error);
}
