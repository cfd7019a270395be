-- SPDX-License-Identifier: GPL-3.0-or-later
-- Station database, version 4: the station's settings that guard money and
-- staff (refund approval, a cashier's daily limit, the idle lock, case
-- response times, whether tihuo-cli trusts a bare --staff). They used to be
-- per-user GSettings and command-line flags, so whoever stood at the counter
-- could loosen them. Applied in one transaction by th-db-migrate.c.
--
-- A missing row means the default in th-policy.c, which equals the old
-- GSettings default, so an upgraded station behaves as before. Only
-- th-policy.c writes here, with an audit entry naming the leader and the old
-- and new value in the same transaction. Values are integers (booleans 0/1);
-- th-policy.c checks each one's range, and the CHECK keeps a hand-made SQL
-- session from storing text.
CREATE TABLE station_settings (
  name       TEXT PRIMARY KEY CHECK (length (name) BETWEEN 1 AND 64),
  value      INTEGER NOT NULL CHECK (typeof (value) = 'integer'),
  changed_at INTEGER NOT NULL,
  changed_by TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER station_settings_no_delete BEFORE DELETE ON station_settings
BEGIN SELECT RAISE (ABORT, 'station settings are changed, never deleted'); END;

PRAGMA user_version = 4;
