//! Accounts on SQLite: the node's database, and the hub's when it runs on SQLite.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::engine::account_store;
use super::{
    AuditEntry, NewUser, StoredSession, TokenInfo, USER_COLUMNS, User, UserRow, login_key,
    unique_violation, user,
};
use crate::Error;
use tandem_service::sqlite::Pools;

/// Accounts in a SQLite database opened with [`Pools`]: one writer, many readers.
#[derive(Debug, Clone)]
pub struct SqliteAccounts {
    pools: Pools,
}

impl SqliteAccounts {
    pub fn new(pools: Pools) -> Self {
        Self { pools }
    }

    fn reader(&self) -> &sqlx::SqlitePool {
        &self.pools.reader
    }

    /// Reads that must see the latest write (a password just set) go to the writer too.
    fn writer(&self) -> &sqlx::SqlitePool {
        &self.pools.writer
    }
}

account_store!(SqliteAccounts);
