//! SQLite the way both binaries use it: WAL, foreign keys, a busy timeout, one writer
//! connection (writes queue rather than fail with SQLITE_BUSY) and a small pool of readers,
//! with migrations embedded in the binary and run on open.

use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// The settings every connection gets: WAL, foreign keys, a busy timeout, and room to work.
pub fn tune(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(30))
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
            std::fs::create_dir_all(dir).map_err(|source| OpenError::Directory {
                path: dir.to_owned(),
                source,
            })?;
        }
        let open = |source| OpenError::Open {
            path: path.clone(),
            source,
        };
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
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
