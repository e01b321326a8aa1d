-- People, their sessions and personal API tokens, one-time set-password links, failed logins
-- (for the back-off) and the audit log. The same tables on the hub and on a node.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    login           TEXT NOT NULL,
    -- The login folded to lower case, so "Ana@Clinic.org" and "ana@clinic.org" are one person.
    login_key       TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL,
    clinic          TEXT,
    password_hash   TEXT,
    password_set_at TEXT,
    disabled_at     TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE web_sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE TABLE login_failures (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    login_key TEXT NOT NULL,
    address   TEXT NOT NULL
);
CREATE INDEX login_failures_by_login ON login_failures (login_key, at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL
);
