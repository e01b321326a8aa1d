-- A clinic node: what the clinic records, what it released, and what it learned from the hub.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The network's definitions as last fetched from the hub.
CREATE TABLE definitions (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);

-- Projects, cycles, partnership profiles, practices and monthly measure values, as JSON.
-- `revision` goes up with each change; `released_revision` is the revision last approved
-- for release (NULL: never released).
CREATE TABLE records (
    kind              TEXT NOT NULL,
    id                TEXT NOT NULL,
    body              TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    released_revision INTEGER,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);

-- A release as built for review: the exact bytes that would leave, their hash, the records
-- and revisions they came from, and anything that stops approval.
CREATE TABLE releases (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    status         TEXT NOT NULL CHECK (status IN ('previewed', 'approved')),
    payload        TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    items          TEXT NOT NULL,
    problems       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    approved_by    TEXT,
    approved_at    TEXT
);

-- Approved releases in the order they leave. Written in the same transaction as the approval,
-- and kept after delivery as the outbound log.
CREATE TABLE outbox (
    sequence        INTEGER PRIMARY KEY,
    release_id      INTEGER NOT NULL UNIQUE REFERENCES releases (id),
    idempotency_key TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         TEXT,
    answer_status   INTEGER,
    answer          TEXT
);

-- Items the hub refused, and sync failures, for the clinic to see.
CREATE TABLE sync_errors (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    sequence INTEGER,
    item     TEXT,
    code     TEXT NOT NULL,
    message  TEXT NOT NULL
);

-- The network's catalogue of practices, as pulled from the hub.
CREATE TABLE catalogue (
    id     TEXT PRIMARY KEY,
    body   TEXT NOT NULL,
    clinic TEXT,
    cursor INTEGER NOT NULL
);
