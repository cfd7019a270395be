-- SPDX-License-Identifier: GPL-3.0-or-later
-- Station database, version 6: who owns a recycled pickup code.
-- Applied in one transaction by th-db-migrate.c.
--
-- The platform recycles pickup codes, so several orders may have been given
-- the same one; `pickup_code` (unique) is held by the order the code belongs
-- to now, and `issued_code` remembers the code the platform gave each order,
-- so that ownership can be worked out again when any of them changes
-- (th-order-apply.c). `created_at` (unix seconds, NULL when the platform did
-- not say) decides which order is the newest.
ALTER TABLE orders ADD COLUMN created_at INTEGER;
ALTER TABLE orders ADD COLUMN issued_code TEXT
  CHECK (issued_code IS NULL OR length (issued_code) = 8);
UPDATE orders SET issued_code = pickup_code;
CREATE INDEX orders_by_issued_code ON orders (issued_code);

PRAGMA user_version = 5;
