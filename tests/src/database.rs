//! Throwaway databases for tests: a temporary SQLite file, or a fresh database on the PostgreSQL
//! server named by `TANDEM_TEST_POSTGRES` (the test script starts one). Without that variable
//! the PostgreSQL tests skip, and say so on the terminal.

use std::io::Write;
use std::sync::Once;

use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// The variable naming the PostgreSQL server for tests: a URL to its `postgres` database as a
/// user who may create databases.
pub const POSTGRES_VAR: &str = "TANDEM_TEST_POSTGRES";

/// The database engines the hub runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine the end-to-end tests give their hubs: PostgreSQL when
    /// `TANDEM_TEST_HUB_BACKEND=postgres`, SQLite otherwise.
    pub fn for_hubs() -> Backend {
        match std::env::var("TANDEM_TEST_HUB_BACKEND").as_deref() {
            Ok("postgres") => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// Say once, on the terminal itself (test output capture does not reach it), that the
/// PostgreSQL half is skipped.
pub fn note_skipped(what: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** {what}: the PostgreSQL tests are SKIPPED because {POSTGRES_VAR} is not set; \
             ./scripts/test starts a server and sets it ***\n"
        );
    });
}

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDatabase {
    pub url: String,
    name: Option<String>,
    admin: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// A fresh database on `backend`, or `None` when PostgreSQL is wanted but not available.
    pub async fn create(backend: Backend) -> Option<TestDatabase> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temp dir");
                Some(TestDatabase {
                    url: format!("sqlite://{}", dir.path().join("hub.db").display()),
                    name: None,
                    admin: None,
                    _dir: Some(dir),
                })
            }
            Backend::Postgres => {
                let Ok(admin) = std::env::var(POSTGRES_VAR) else {
                    note_skipped("tandem-tests");
                    return None;
                };
                let name = format!("tandem_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::connect(&admin).await.unwrap_or_else(|e| {
                    panic!("cannot reach the test PostgreSQL ({POSTGRES_VAR}): {e}")
                });
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .expect("the test database is created");
                let _ = conn.close().await;
                Some(TestDatabase {
                    url: with_database(&admin, &name),
                    name: Some(name),
                    admin: Some(admin),
                    _dir: None,
                })
            }
        }
    }

    /// Drop the database (PostgreSQL), once the test is done with it.
    pub async fn finish(mut self) {
        if let (Some(name), Some(admin)) = (self.name.take(), self.admin.take()) {
            drop_database(&admin, &name).await;
        }
    }
}

async fn drop_database(admin: &str, name: &str) {
    if let Ok(mut conn) = PgConnection::connect(admin).await {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await;
    }
}

impl Drop for TestDatabase {
    /// A database not finished explicitly is dropped here, from a thread of its own, since
    /// `Drop` cannot wait on the test's runtime.
    fn drop(&mut self) {
        if let (Some(name), Some(admin)) = (self.name.take(), self.admin.take()) {
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    rt.block_on(drop_database(&admin, &name));
                }
            })
            .join();
        }
    }
}

/// The same server URL with another database name.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_url_gets_another_database() {
        assert_eq!(
            super::with_database("postgres://u:p@127.0.0.1:5432/postgres", "x"),
            "postgres://u:p@127.0.0.1:5432/x"
        );
        assert_eq!(
            super::with_database("postgres://u@h:1/postgres?sslmode=disable", "x"),
            "postgres://u@h:1/x?sslmode=disable"
        );
        assert_eq!(
            super::with_database("postgres://u@h:1", "x"),
            "postgres://u@h:1/x"
        );
    }
}
