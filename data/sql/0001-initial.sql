-- SPDX-License-Identifier: GPL-3.0-or-later
-- Station database, version 1. Applied in one transaction by th-db-migrate.c.

CREATE TABLE station (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  station_id  INTEGER NOT NULL CHECK (station_id BETWEEN 0 AND 4294967295),
  terminal    TEXT NOT NULL CHECK (length(terminal) BETWEEN 1 AND 64),
  created_at  INTEGER NOT NULL
);

CREATE TABLE trusted_keys (
  kid         INTEGER PRIMARY KEY CHECK (kid BETWEEN 0 AND 4294967295),
  alg         TEXT NOT NULL CHECK (alg = 'Ed25519'),
  public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
  not_before  INTEGER NOT NULL,
  not_after   INTEGER NOT NULL
);

-- The platform's copy of each order, plus the station's own facts folded in
-- (see th-order-store.c for how local collections survive an import).
CREATE TABLE orders (
  id            INTEGER PRIMARY KEY CHECK (id >= 0),
  station_id    INTEGER NOT NULL,
  pickup_code   TEXT UNIQUE CHECK (pickup_code IS NULL OR length(pickup_code) = 8),
  customer_name TEXT NOT NULL DEFAULT '',
  phone_tail    TEXT NOT NULL DEFAULT '',
  slot_date     TEXT NOT NULL DEFAULT '',
  slot_start    TEXT NOT NULL DEFAULT '',
  slot_end      TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('paid', 'collected', 'cancelled', 'refunded')),
  paid          INTEGER NOT NULL CHECK (paid >= 0),
  refunded      INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0),
  note          TEXT NOT NULL DEFAULT '',
  revision      INTEGER NOT NULL CHECK (revision >= 0),
  updated_at    TEXT NOT NULL DEFAULT '',
  -- 1 while the order is known only from a signed code scanned offline.
  provisional   INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1))
);
CREATE INDEX orders_by_phone_tail ON orders (phone_tail, slot_date, slot_start);
CREATE INDEX orders_by_slot ON orders (slot_date, slot_start);

CREATE TABLE order_lines (
  order_id      INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line          INTEGER NOT NULL CHECK (line BETWEEN 1 AND 65535),
  sku           TEXT NOT NULL,
  name          TEXT NOT NULL,
  qty           INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 100000),
  unit_price    INTEGER NOT NULL CHECK (unit_price >= 0),
  collected_qty INTEGER NOT NULL DEFAULT 0,
  refunded_qty  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line),
  -- The money and quantity rules hold in the database itself, whatever the caller does.
  CHECK (collected_qty >= 0 AND refunded_qty >= 0 AND collected_qty + refunded_qty <= qty)
) WITHOUT ROWID;

CREATE TABLE collections (
  id            TEXT PRIMARY KEY,            -- the id of its `collected` event
  order_id      INTEGER NOT NULL REFERENCES orders (id),
  at            INTEGER NOT NULL,
  terminal      TEXT NOT NULL,
  staff         TEXT NOT NULL,
  method        TEXT NOT NULL CHECK (method IN ('qr', 'code', 'phone', 'manual')),
  provisional   INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  undone_at     INTEGER,
  undone_by     TEXT,
  undo_reason   TEXT,
  undo_event_id TEXT UNIQUE
);
CREATE INDEX collections_by_order ON collections (order_id, at);
CREATE INDEX collections_by_terminal ON collections (terminal, at);

CREATE TABLE collection_lines (
  collection_id TEXT NOT NULL REFERENCES collections (id),
  line          INTEGER NOT NULL,
  qty           INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (collection_id, line)
) WITHOUT ROWID;

-- Events waiting to be pushed to the central platform, oldest first.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  type       TEXT NOT NULL,
  order_id   INTEGER,
  body       TEXT NOT NULL CHECK (json_valid(body)),
  created_at INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0
);

-- Append-only, hash-chained. th-audit.c computes `hash`; the triggers stop
-- ordinary code from rewriting history, and `tihuo-cli audit verify` catches
-- anyone who goes around them.
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  at        INTEGER NOT NULL,
  terminal  TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  detail    TEXT NOT NULL CHECK (json_valid(detail)),
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;

-- Cursor, last pull time, head of the audit chain and other small facts.
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
PRAGMA user_version = 1;
