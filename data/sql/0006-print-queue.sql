-- SPDX-License-Identifier: GPL-3.0-or-later
-- Station database, version 7: the print queue. Applied in one transaction
-- by th-db-migrate.c.
--
-- A job keeps the bytes it sends (ESC/POS or PDF), so it prints the same
-- after a restart, while the printer is off or out of paper. A failed try
-- leaves the job queued with its error; staff retry or drop it. Printed
-- jobs are kept for reprints, which are new jobs pointing at the old one.
CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (length (kind) BETWEEN 1 AND 32),   -- bag-labels, sorting-sheet, test-page, receipt…
  title       TEXT NOT NULL DEFAULT '',
  medium      TEXT NOT NULL,                                          -- th-print-medium.c's names
  format      TEXT NOT NULL CHECK (format IN ('escpos', 'pdf')),
  target      TEXT NOT NULL CHECK (length (target) >= 1),             -- device path, HOST:PORT or PDF file
  data        BLOB NOT NULL,
  state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'printed', 'failed', 'dropped')),
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error  TEXT,
  created_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  printed_at  INTEGER,
  reprint_of  INTEGER REFERENCES print_jobs (id),
  CHECK ((state = 'printed') = (printed_at IS NOT NULL))
);
CREATE INDEX print_jobs_waiting ON print_jobs (id) WHERE state IN ('queued', 'failed');
CREATE INDEX print_jobs_by_created ON print_jobs (created_at);

-- What was printed stays as it was.
CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs
BEGIN SELECT RAISE (ABORT, 'print jobs are dropped, never deleted'); END;
CREATE TRIGGER print_jobs_printed_stay BEFORE UPDATE ON print_jobs
WHEN OLD.state = 'printed' OR OLD.state = 'dropped'
BEGIN SELECT RAISE (ABORT, 'a printed or dropped job does not change; reprint it'); END;

PRAGMA user_version = 6;
