-- SPDX-License-Identifier: GPL-3.0-or-later
-- Station database, version 3: staff accounts, refunds and the after-sales
-- ledger. Applied in one transaction by th-db-migrate.c.
--
-- The money rules are checked by th-refund.c under the write lock, and again
-- here, so that no caller (another process, a future bug, a hand-made SQL
-- session) can pay out more than was paid.

-- Accounts are never deleted: refunds and cases name their staff for good.
-- `removed_at` retires an account; its name may then be given again.
CREATE TABLE staff (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 64),
  role         TEXT NOT NULL CHECK (role IN ('leader', 'cashier', 'supervisor')),
  pin_hash     TEXT NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL DEFAULT '',
  removed_at   INTEGER,
  removed_by   TEXT,
  -- Wrong PINs in a row, and the end of the lockout they caused.
  failed_pins  INTEGER NOT NULL DEFAULT 0 CHECK (failed_pins >= 0),
  locked_until INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX staff_active_name ON staff (name) WHERE removed_at IS NULL;

CREATE TRIGGER staff_first_is_leader BEFORE INSERT ON staff
WHEN NEW.role != 'leader'
 AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'leader' AND removed_at IS NULL)
BEGIN SELECT RAISE (ABORT, 'the first staff account must be a leader'); END;

CREATE TRIGGER staff_keep_a_leader BEFORE UPDATE OF role, removed_at ON staff
WHEN OLD.role = 'leader' AND OLD.removed_at IS NULL
 AND (NEW.role != 'leader' OR NEW.removed_at IS NOT NULL)
 AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'leader' AND removed_at IS NULL AND id != OLD.id)
BEGIN SELECT RAISE (ABORT, 'the last leader cannot be removed'); END;

CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff
BEGIN SELECT RAISE (ABORT, 'staff accounts are retired, never deleted'); END;

-- A refund is the station's promise of money back; the `refund` event asks
-- the platform to pay it. Rows are never changed once written.
CREATE TABLE refunds (
  id          TEXT PRIMARY KEY,                 -- the event's refund_id (UUID)
  event_id    TEXT NOT NULL UNIQUE,             -- its `refund` outbox event
  order_id    INTEGER NOT NULL REFERENCES orders (id),
  at          INTEGER NOT NULL,
  terminal    TEXT NOT NULL,
  staff       TEXT NOT NULL,
  amount      INTEGER NOT NULL CHECK (amount > 0),   -- fen
  reason      TEXT NOT NULL CHECK (reason IN ('damaged', 'spoiled', 'missing', 'wrong_item', 'quality', 'other')),
  note        TEXT NOT NULL DEFAULT '',
  approved_by TEXT                              -- NULL when no approval was needed
);
CREATE INDEX refunds_by_order ON refunds (order_id, at);
CREATE INDEX refunds_by_at ON refunds (at);
CREATE INDEX refunds_by_staff ON refunds (staff, at);

-- `qty` is what will not be handed over because of the refund; goods already
-- handed over are refunded in money only (qty 0), as order_lines' CHECK
-- (collected + refunded <= qty) and the API's ORDER require. SKU and name
-- are kept as they were, for slips and monthly summaries.
CREATE TABLE refund_lines (
  refund_id TEXT NOT NULL REFERENCES refunds (id),
  order_id  INTEGER NOT NULL,
  line      INTEGER NOT NULL,
  sku       TEXT NOT NULL,
  name      TEXT NOT NULL,
  qty       INTEGER NOT NULL CHECK (qty >= 0),
  amount    INTEGER NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (refund_id, line),
  CHECK (qty > 0 OR amount > 0)
) WITHOUT ROWID;
CREATE INDEX refund_lines_by_line ON refund_lines (order_id, line);
CREATE INDEX refund_lines_by_sku ON refund_lines (sku);

-- Per line: refunded quantity <= bought, refunded amount <= qty × unit_price.
CREATE TRIGGER refund_lines_within_line BEFORE INSERT ON refund_lines
WHEN NEW.order_id IS NOT (SELECT order_id FROM refunds WHERE id = NEW.refund_id)
  OR NEW.qty + (SELECT coalesce (sum (qty), 0) FROM refund_lines
                WHERE order_id = NEW.order_id AND line = NEW.line)
     > coalesce ((SELECT qty FROM order_lines WHERE order_id = NEW.order_id AND line = NEW.line), -1)
  OR NEW.amount + (SELECT coalesce (sum (amount), 0) FROM refund_lines
                   WHERE order_id = NEW.order_id AND line = NEW.line)
     > coalesce ((SELECT qty * unit_price FROM order_lines WHERE order_id = NEW.order_id AND line = NEW.line), -1)
BEGIN SELECT RAISE (ABORT, 'refund exceeds what was bought on this line'); END;

-- Per order: the station's refunds never exceed what was paid.
CREATE TRIGGER refunds_within_paid BEFORE INSERT ON refunds
WHEN NEW.amount + (SELECT coalesce (sum (amount), 0) FROM refunds WHERE order_id = NEW.order_id)
     > coalesce ((SELECT paid FROM orders WHERE id = NEW.order_id), -1)
BEGIN SELECT RAISE (ABORT, 'refunds exceed what was paid for the order'); END;

-- orders.refunded is the platform's figure plus the station's refunds not yet
-- confirmed (th-order-store.c); it too stays within paid.
CREATE TRIGGER orders_refunded_within_paid_insert BEFORE INSERT ON orders
WHEN NEW.refunded > NEW.paid
BEGIN SELECT RAISE (ABORT, 'refunded exceeds paid'); END;
CREATE TRIGGER orders_refunded_within_paid_update BEFORE UPDATE OF refunded, paid ON orders
WHEN NEW.refunded > NEW.paid
BEGIN SELECT RAISE (ABORT, 'refunded exceeds paid'); END;

CREATE TRIGGER refunds_no_update BEFORE UPDATE ON refunds
BEGIN SELECT RAISE (ABORT, 'refunds are never changed'); END;
CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds
BEGIN SELECT RAISE (ABORT, 'refunds are never changed'); END;
CREATE TRIGGER refund_lines_no_update BEFORE UPDATE ON refund_lines
BEGIN SELECT RAISE (ABORT, 'refunds are never changed'); END;
CREATE TRIGGER refund_lines_no_delete BEFORE DELETE ON refund_lines
BEGIN SELECT RAISE (ABORT, 'refunds are never changed'); END;

-- The after-sales ledger (售后台账). A case without an order is a walk-in
-- complaint. open → responded → resolved | rejected; answering an open case
-- with a resolution or a rejection also counts as its first response.
CREATE TABLE aftersales_cases (
  id           TEXT PRIMARY KEY,                 -- the events' case_id (UUID)
  order_id     INTEGER REFERENCES orders (id),
  category     TEXT NOT NULL CHECK (category IN ('damaged', 'spoiled', 'missing', 'wrong_item', 'quality', 'other')),
  description  TEXT NOT NULL CHECK (length (description) >= 1),
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'responded', 'resolved', 'rejected')),
  resolution   TEXT CHECK (resolution IN ('refund', 'replacement', 'coupon', 'none')),
  refund_id    TEXT REFERENCES refunds (id),
  note         TEXT NOT NULL DEFAULT '',         -- the latest step's note
  terminal     TEXT NOT NULL,
  opened_at    INTEGER NOT NULL,
  opened_by    TEXT NOT NULL,
  responded_at INTEGER,
  responded_by TEXT,
  closed_at    INTEGER,
  closed_by    TEXT,
  CHECK ((status = 'open') = (responded_at IS NULL)),
  CHECK ((status IN ('resolved', 'rejected')) = (closed_at IS NOT NULL)),
  CHECK ((status = 'resolved') = (resolution IS NOT NULL)),
  CHECK ((resolution IS 'refund') = (refund_id IS NOT NULL))
);
CREATE INDEX aftersales_cases_by_opened ON aftersales_cases (opened_at);
CREATE INDEX aftersales_cases_by_status ON aftersales_cases (status, opened_at);
CREATE INDEX aftersales_cases_by_order ON aftersales_cases (order_id);

CREATE TRIGGER aftersales_cases_workflow BEFORE UPDATE OF status ON aftersales_cases
WHEN NOT ((OLD.status = 'open' AND NEW.status IN ('responded', 'resolved', 'rejected'))
       OR (OLD.status = 'responded' AND NEW.status IN ('resolved', 'rejected')))
BEGIN SELECT RAISE (ABORT, 'not a step of the after-sales workflow'); END;

CREATE TABLE aftersales_case_lines (
  case_id TEXT NOT NULL REFERENCES aftersales_cases (id),
  line    INTEGER NOT NULL,
  sku     TEXT NOT NULL,
  name    TEXT NOT NULL,
  qty     INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (case_id, line)
) WITHOUT ROWID;
CREATE INDEX aftersales_case_lines_by_sku ON aftersales_case_lines (sku);

-- Photo files live in the data folder under their SHA-256; at most 6 a case.
CREATE TABLE aftersales_photos (
  case_id  TEXT NOT NULL REFERENCES aftersales_cases (id),
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 6),
  sha256   TEXT NOT NULL CHECK (length (sha256) = 64),
  bytes    INTEGER NOT NULL CHECK (bytes BETWEEN 1 AND 10485760),
  PRIMARY KEY (case_id, position),
  UNIQUE (case_id, sha256)
) WITHOUT ROWID;

-- Every step after opening, with its own note, for the case's history.
CREATE TABLE aftersales_updates (
  event_id   TEXT PRIMARY KEY,                   -- its `aftersales_updated` event
  case_id    TEXT NOT NULL REFERENCES aftersales_cases (id),
  at         INTEGER NOT NULL,
  staff      TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('responded', 'resolved', 'rejected')),
  resolution TEXT NOT NULL CHECK (resolution IN ('refund', 'replacement', 'coupon', 'none')),
  note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX aftersales_updates_by_case ON aftersales_updates (case_id, at);

PRAGMA user_version = 3;
