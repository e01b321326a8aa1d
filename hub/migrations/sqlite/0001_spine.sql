-- The spine: clinics and their certificates, releases and their receipts, measure values and
-- network rollups, released records and the practice catalogue.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE definitions (
    version    INTEGER PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE clinics (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    revoked_at      TEXT,
    last_sequence   INTEGER NOT NULL DEFAULT 0,
    last_release_at TEXT
);

CREATE TABLE enrolment_codes (
    hash       TEXT PRIMARY KEY,
    clinic     TEXT NOT NULL REFERENCES clinics (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE TABLE certificates (
    serial     TEXT PRIMARY KEY,
    clinic     TEXT NOT NULL REFERENCES clinics (id),
    issued_at  TEXT NOT NULL,
    not_after  TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE receipts (
    clinic          TEXT NOT NULL REFERENCES clinics (id),
    idempotency_key TEXT NOT NULL,
    sequence        INTEGER NOT NULL,
    digest          TEXT NOT NULL,
    status          INTEGER NOT NULL,
    body            TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    PRIMARY KEY (clinic, idempotency_key),
    UNIQUE (clinic, sequence)
);

CREATE TABLE measure_values (
    clinic      TEXT NOT NULL REFERENCES clinics (id),
    measure     TEXT NOT NULL,
    month       TEXT NOT NULL,
    numerator   INTEGER,
    denominator INTEGER,
    value       REAL,
    suppressed  INTEGER NOT NULL,
    sequence    INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (clinic, measure, month)
);
CREATE INDEX measure_values_by_measure ON measure_values (measure, month);

CREATE TABLE network_rollups (
    measure              TEXT NOT NULL,
    month                TEXT NOT NULL,
    numerator_sum        INTEGER NOT NULL,
    denominator_sum      INTEGER NOT NULL,
    value_sum            REAL NOT NULL,
    clinics_contributing INTEGER NOT NULL,
    clinics_suppressed   INTEGER NOT NULL,
    PRIMARY KEY (measure, month)
);

-- Projects, cycles and partnership profiles, as released.
CREATE TABLE records (
    clinic      TEXT NOT NULL REFERENCES clinics (id),
    kind        TEXT NOT NULL,
    id          TEXT NOT NULL,
    body        TEXT NOT NULL,
    sequence    INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (clinic, kind, id)
);

CREATE TABLE practices (
    id               TEXT PRIMARY KEY,
    clinic           TEXT NOT NULL REFERENCES clinics (id),
    body             TEXT NOT NULL,
    public           INTEGER NOT NULL,
    show_clinic_name INTEGER NOT NULL,
    cursor           INTEGER NOT NULL UNIQUE,
    sequence         INTEGER NOT NULL,
    received_at      TEXT NOT NULL
);
