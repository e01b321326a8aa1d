-- The spine on PostgreSQL: the same tables as on SQLite, with PostgreSQL's own types (BIGINT,
-- TIMESTAMPTZ, JSONB for released records) and a counter row that orders the catalogue.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE definitions (
    version    BIGINT PRIMARY KEY,
    body       JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE clinics (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    last_sequence   BIGINT NOT NULL DEFAULT 0,
    last_release_at TIMESTAMPTZ
);

CREATE TABLE enrolment_codes (
    hash       TEXT PRIMARY KEY,
    clinic     TEXT NOT NULL REFERENCES clinics (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX enrolment_codes_by_clinic ON enrolment_codes (clinic);

CREATE TABLE certificates (
    serial     TEXT PRIMARY KEY,
    clinic     TEXT NOT NULL REFERENCES clinics (id),
    issued_at  TIMESTAMPTZ NOT NULL,
    not_after  TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX certificates_by_clinic ON certificates (clinic);

-- The answer is kept as the exact text first sent, so that a replay is byte for byte the same.
CREATE TABLE receipts (
    clinic          TEXT NOT NULL REFERENCES clinics (id),
    idempotency_key TEXT NOT NULL,
    sequence        BIGINT NOT NULL,
    digest          TEXT NOT NULL,
    status          BIGINT NOT NULL,
    body            TEXT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic, idempotency_key),
    UNIQUE (clinic, sequence)
);

CREATE TABLE measure_values (
    clinic      TEXT NOT NULL REFERENCES clinics (id),
    measure     TEXT NOT NULL,
    month       TEXT NOT NULL,
    numerator   BIGINT,
    denominator BIGINT,
    value       DOUBLE PRECISION,
    suppressed  BOOLEAN NOT NULL,
    sequence    BIGINT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic, measure, month)
);
CREATE INDEX measure_values_by_measure ON measure_values (measure, month);

CREATE TABLE network_rollups (
    measure              TEXT NOT NULL,
    month                TEXT NOT NULL,
    numerator_sum        BIGINT NOT NULL,
    denominator_sum      BIGINT NOT NULL,
    value_sum            DOUBLE PRECISION NOT NULL,
    clinics_contributing BIGINT NOT NULL,
    clinics_suppressed   BIGINT NOT NULL,
    PRIMARY KEY (measure, month)
);

CREATE TABLE records (
    clinic      TEXT NOT NULL REFERENCES clinics (id),
    kind        TEXT NOT NULL,
    id          TEXT NOT NULL,
    body        JSONB NOT NULL,
    sequence    BIGINT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic, kind, id)
);

CREATE TABLE practices (
    id               TEXT PRIMARY KEY,
    clinic           TEXT NOT NULL REFERENCES clinics (id),
    body             JSONB NOT NULL,
    public           BOOLEAN NOT NULL,
    show_clinic_name BOOLEAN NOT NULL,
    cursor           BIGINT NOT NULL UNIQUE,
    sequence         BIGINT NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL
);

-- Taking the next catalogue cursor locks this row until commit, so practices are committed in
-- cursor order and a reader paging "after my cursor" never skips one.
CREATE TABLE catalogue_cursor (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO catalogue_cursor (id, value) VALUES (1, 0);
