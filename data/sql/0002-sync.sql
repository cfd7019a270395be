-- SPDX-License-Identifier: GPL-3.0-or-later
-- Station database, version 2: what the central platform answered for each
-- pushed event. Applied in one transaction by th-db-migrate.c.

-- An event moves here from `outbox` in the same transaction that records the
-- platform's answer (th-sync-push.c). Conflicts and rejected events stay
-- listed as needing attention until a staff member acknowledges them.
CREATE TABLE sync_results (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  -- Not unique: an id wrongly used again is answered, and kept, again.
  event_id        TEXT NOT NULL,
  type            TEXT NOT NULL,
  order_id        INTEGER,
  body            TEXT NOT NULL CHECK (json_valid(body)),   -- the event as it was sent
  created_at      INTEGER NOT NULL,                         -- when the event was made
  status          TEXT NOT NULL CHECK (status IN ('accepted', 'duplicate', 'conflict', 'rejected')),
  reason          TEXT NOT NULL DEFAULT '',
  -- The platform's copy of the order, sent with a conflict.
  platform_order  TEXT CHECK (platform_order IS NULL OR json_valid(platform_order)),
  answered_at     INTEGER NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);

-- The Needs attention list reads only this small part of the table.
CREATE INDEX sync_results_attention ON sync_results (seq)
  WHERE status IN ('conflict', 'rejected') AND acknowledged_at IS NULL;
CREATE INDEX sync_results_by_answered ON sync_results (answered_at);
CREATE INDEX sync_results_by_event ON sync_results (event_id);

PRAGMA user_version = 2;
