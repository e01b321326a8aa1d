//! SQLite the way both binaries use it: WAL, foreign keys, a busy timeout, one writer
//! connection (writes queue rather than fail with SQLITE_BUSY) and a small pool of readers,
//! with migrations embedded in the binary and run on open.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::http::StatusCode;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

use crate::migrations::migration_error;

/// Why a database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the SQLite database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot create the database directory {path}: {source}")]
    Directory {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The schema cannot be used by this build.
    #[error("{0}")]
    Schema(String),
}

/// How long a write waits for another program's lock before it fails.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Storage trouble an operator can act on, told apart from other database errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// Another program holds the write lock past the busy timeout.
    Busy,
    /// A write failed: the disk is full, or a file reached its size limit.
    Full,
}

impl Trouble {
    /// The trouble behind a database error, if it is one of these.
    pub fn of(e: &sqlx::Error) -> Option<Trouble> {
        match e {
            sqlx::Error::PoolTimedOut => Some(Trouble::Busy),
            sqlx::Error::Database(db) => {
                // SQLite's extended result code; the low byte is the primary one. Another
                // engine's codes (PostgreSQL's SQLSTATE) mean other things.
                let sqlite = db.try_downcast_ref::<sqlx::sqlite::SqliteError>()?;
                let code: u32 = sqlx::error::DatabaseError::code(sqlite)?.parse().ok()?;
                match code & 0xff {
                    5 | 6 => Some(Trouble::Busy),   // SQLITE_BUSY, SQLITE_LOCKED
                    10 | 13 => Some(Trouble::Full), // SQLITE_IOERR (a write), SQLITE_FULL
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// What the operator reads.
    pub fn advice(self) -> String {
        match self {
            Trouble::Busy => format!(
                "the database is busy: another program (a backup, an import, a second process) \
                 has held it for {} seconds; nothing was saved; try again in a moment",
                BUSY_TIMEOUT.as_secs()
            ),
            Trouble::Full => "the database could not be written: its disk is full (or a file \
                              reached its size limit); nothing was saved; free some space \
                              there, then try again"
                .to_owned(),
        }
    }

    /// How it is answered: `503` (with `Retry-After`) for a busy database, `507` for a full
    /// disk, and its problem type.
    pub fn status(self) -> StatusCode {
        match self {
            Trouble::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Trouble::Full => StatusCode::INSUFFICIENT_STORAGE,
        }
    }

    pub fn kind(self) -> (&'static str, &'static str) {
        match self {
            Trouble::Busy => ("database-busy", "Database busy"),
            Trouble::Full => ("disk-full", "Cannot write to the disk"),
        }
    }

    /// The seconds to wait before trying again, sent as `Retry-After`.
    pub fn retry_after(self) -> Option<u64> {
        (self == Trouble::Busy).then_some(5)
    }
}

/// A database error in words: what to do about a busy database or a full disk, else the cause.
pub fn describe(e: &sqlx::Error) -> String {
    match Trouble::of(e) {
        Some(t) => t.advice(),
        None => format!("database error: {e}"),
    }
}

/// The settings every connection gets: WAL, foreign keys, a busy timeout, and room to work.
pub fn tune(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        // 64 MiB of page cache per connection instead of 2: a network's working set fits.
        .pragma("cache_size", "-65536")
        // Checkpoint every 40 MiB of WAL rather than 4: hot pages (rollups, indexes) are
        // copied back less often.
        .pragma("wal_autocheckpoint", "10000")
        // Statement journals (kept while a multi-row upsert runs) stay in memory instead of
        // spilling to a temporary file.
        .pragma("temp_store", "memory")
}

/// A writer pool of one connection and a reader pool, on one migrated file.
#[derive(Debug, Clone)]
pub struct Pools {
    pub writer: SqlitePool,
    pub reader: SqlitePool,
}

impl Pools {
    /// Open (creating if needed) the file `options` names, and migrate it.
    pub async fn open(
        options: SqliteConnectOptions,
        migrator: &Migrator,
        program: &str,
    ) -> Result<Pools, OpenError> {
        let options = tune(options);
        let path = options.get_filename().to_owned();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A directory made here, and a new database file, are the program's alone; SQLite
            // gives its -wal and -shm files the database file's mode. What an operator made
            // is left as it is (`doctor` says if others can read it).
            use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|source| OpenError::Directory {
                    path: dir.to_owned(),
                    source,
                })?;
            if !path.exists() {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .mode(0o600)
                    .open(&path)
                    .map_err(|source| OpenError::Directory {
                        path: path.clone(),
                        source,
                    })?;
            }
        }
        let open = |source| OpenError::Open {
            path: path.clone(),
            source,
        };
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            // A commit that failed (a full disk) leaves the connection inside its transaction,
            // and every later write would fail on it: close it instead, which rolls back.
            .after_release(|conn, _| {
                Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
            })
            .connect_with(options.clone())
            .await
            .map_err(open)?;
        migrator
            .run(&writer)
            .await
            .map_err(|e| OpenError::Schema(migration_error(e, program)))?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await
            .map_err(open)?;
        Ok(Pools { writer, reader })
    }

    /// Options for a database file.
    pub fn file(path: &Path) -> SqliteConnectOptions {
        SqliteConnectOptions::new().filename(path)
    }

    /// A write transaction that takes the write lock at once, so that it never has to upgrade
    /// a read lock (which SQLite refuses with SQLITE_BUSY instead of waiting).
    pub async fn begin(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }
}
