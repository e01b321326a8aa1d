//! People and what they hold: accounts, sessions, personal API tokens, one-time set-password
//! links, failed logins and the audit log. One trait is the storage seam ([`AccountStore`]),
//! implemented once for both engines; the hub and the node share the SQLite one.
//!
//! Secrets are kept only as SHA-256 hashes (session cookies, tokens, links) or argon2id hashes
//! (passwords): a copy of the database lets nobody in.

mod engine;
mod postgres;
mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use postgres::PostgresAccounts;
pub use sqlite::SqliteAccounts;

use crate::Error;

/// The migration that creates these tables, for each engine: each binary lists it among its own.
pub const SQLITE_MIGRATION: &str = include_str!("../../migrations/sqlite.sql");
pub const POSTGRES_MIGRATION: &str = include_str!("../../migrations/postgres.sql");

/// A person who may log in. The role is the binary's to read ("admin", "lead", …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    /// What they log in with: an e-mail address on the hub, a name on a node.
    pub login: String,
    pub display_name: String,
    pub role: String,
    /// The clinic a hub clinic member belongs to.
    pub clinic: Option<String>,
    /// Whether a password was ever set (an account starts with a set-password link only).
    pub has_password: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// An account to add.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub login: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub clinic: Option<&'a str>,
}

/// A session as stored, with its person.
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub user: User,
    /// The token every state-changing form and request of this session must carry.
    pub csrf: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// A personal API token, without its secret (which is shown once and never kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked: bool,
}

/// One line of the audit log: who did what, when, to which object. It never holds patient text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
}

/// The key a login is found by: trimmed and in lower case.
pub fn login_key(login: &str) -> String {
    login.trim().to_lowercase()
}

/// Where people, sessions, tokens, links and the audit log are kept.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Every account, in the order they were added.
    async fn users(&self) -> Result<Vec<User>, Error>;
    async fn user(&self, id: i64) -> Result<Option<User>, Error>;
    async fn user_by_login(&self, login: &str) -> Result<Option<User>, Error>;
    /// Add an account without a password. A login that exists already is a conflict.
    async fn add_user(&self, user: &NewUser<'_>, now: DateTime<Utc>) -> Result<User, Error>;
    /// Change an account's role (and clinic).
    async fn set_role(&self, id: i64, role: &str, clinic: Option<&str>) -> Result<(), Error>;
    /// Disable or enable an account; disabling ends its sessions and revokes its tokens.
    async fn set_disabled(&self, id: i64, disabled: bool, now: DateTime<Utc>) -> Result<(), Error>;
    /// The account's password hash, if one was set.
    async fn password_hash(&self, id: i64) -> Result<Option<String>, Error>;
    /// Set a password hash, ending every session the account has.
    async fn set_password(&self, id: i64, hash: &str, now: DateTime<Utc>) -> Result<(), Error>;

    /// Keep a one-time set-password link (its hash) until `expires`.
    async fn add_link(
        &self,
        user: i64,
        hash: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// The account a link is for, if it is unused and unexpired; it stays usable until
    /// [`use_link`](Self::use_link).
    async fn link(&self, hash: &str, now: DateTime<Utc>) -> Result<Option<i64>, Error>;
    /// Use a link once: `true` if it was still usable.
    async fn use_link(&self, hash: &str, now: DateTime<Utc>) -> Result<bool, Error>;

    async fn add_session(
        &self,
        hash: &str,
        user: i64,
        csrf: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    async fn session(&self, hash: &str) -> Result<Option<StoredSession>, Error>;
    async fn touch_session(&self, hash: &str, now: DateTime<Utc>) -> Result<(), Error>;
    async fn end_session(&self, hash: &str) -> Result<(), Error>;

    /// Keep a new token's hash; returns its id.
    async fn add_token(
        &self,
        user: i64,
        name: &str,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, Error>;
    /// The person a token belongs to, if the token is known and not revoked, with its id and
    /// when it was last used.
    async fn token(&self, hash: &str) -> Result<Option<(i64, User, Option<DateTime<Utc>>)>, Error>;
    async fn tokens(&self, user: i64) -> Result<Vec<TokenInfo>, Error>;
    async fn touch_token(&self, id: i64, now: DateTime<Utc>) -> Result<(), Error>;
    /// Revoke one of a person's tokens: `true` if it was theirs and live.
    async fn revoke_token(&self, user: i64, id: i64, now: DateTime<Utc>) -> Result<bool, Error>;

    async fn add_login_failure(
        &self,
        login_key: &str,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// Failed logins since `since` for the login and from the address, each with the oldest
    /// time counted.
    async fn login_failures(
        &self,
        login_key: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<(Vec<DateTime<Utc>>, Vec<DateTime<Utc>>), Error>;
    async fn clear_login_failures(&self, login_key: &str) -> Result<(), Error>;

    async fn audit(
        &self,
        actor: &str,
        action: &str,
        object: &str,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// The newest entries first, at most `limit`.
    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, Error>;
}

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// A user row as both engines read it.
type UserRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    bool,
    bool,
    DateTime<Utc>,
);

fn user(
    (id, login, display_name, role, clinic, has_password, disabled, created_at): UserRow,
) -> User {
    User {
        id,
        login,
        display_name,
        role,
        clinic,
        has_password,
        disabled,
        created_at,
    }
}

/// The columns of [`UserRow`], for both engines.
const USER_COLUMNS: &str = "u.id, u.login, u.display_name, u.role, u.clinic, \
     u.password_hash IS NOT NULL, u.disabled_at IS NOT NULL, u.created_at";

/// A login that is too long, empty, or holds what no login holds.
pub fn check_login(login: &str) -> Result<(), Error> {
    let trimmed = login.trim();
    if trimmed.is_empty() || trimmed.chars().count() > 200 {
        return Err(Error::Invalid(
            "a login is 1 to 200 characters: an e-mail address or a name".into(),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::Invalid(
            "a login holds no control characters (line breaks, tabs)".into(),
        ));
    }
    Ok(())
}
