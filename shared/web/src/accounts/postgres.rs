//! Accounts on PostgreSQL, for a hub that runs on PostgreSQL.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::engine::account_store;
use super::{
    AuditEntry, NewUser, StoredSession, TokenInfo, USER_COLUMNS, User, UserRow, login_key,
    unique_violation, user,
};
use crate::Error;
use sqlx::PgPool;

/// Accounts in the hub's PostgreSQL database, always on the primary: a login must see the
/// password that was just set.
#[derive(Debug, Clone)]
pub struct PostgresAccounts {
    pool: PgPool,
}

impl PostgresAccounts {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }
}

account_store!(PostgresAccounts);
