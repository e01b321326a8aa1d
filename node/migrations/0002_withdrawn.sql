-- A release can be withdrawn from the outbox before it reaches the hub (for example when the
-- hub refuses it as a whole). SQLite cannot change a CHECK constraint in place, so the table
-- is rebuilt.

CREATE TABLE releases_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    status         TEXT NOT NULL CHECK (status IN ('previewed', 'approved', 'withdrawn')),
    payload        TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    items          TEXT NOT NULL,
    problems       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    approved_by    TEXT,
    approved_at    TEXT
);
INSERT INTO releases_new SELECT * FROM releases;
DROP TABLE releases;
ALTER TABLE releases_new RENAME TO releases;
