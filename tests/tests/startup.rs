//! A hub that cannot use its database says why in one line and exits non-zero: unreachable,
//! wrong credentials, or migrated by a newer version. None of these is a panic.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::process::Output;

use sqlx::Connection;
use tandem_tests::database::{Backend, POSTGRES_VAR, TestDatabase, note_skipped};
use tandem_tests::kit::binary;

fn hub_on(url: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::process::Command::new(binary("tandem-hub"))
        .args(args)
        .env("TANDEM_HUB_DATA_DIR", dir.path())
        .env("TANDEM_HUB_DATABASE_URL", url)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

/// The one line a failed start printed.
fn refusal(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure: {out:?}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a clean exit, not a panic (101): {out:?}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    assert_eq!(stderr.lines().count(), 1, "one line:\n{stderr}");
    assert!(stderr.starts_with("tandem-hub: "), "{stderr}");
    stderr
}

#[test]
fn an_unreachable_database_is_named_without_its_password() {
    let line = refusal(&hub_on(
        "postgres://tandem:s3cret@127.0.0.1:1/tandem",
        &["serve"],
    ));
    assert!(
        line.contains("cannot connect to PostgreSQL at postgres://tandem:***@127.0.0.1:1/tandem"),
        "{line}"
    );
    assert!(
        line.contains("Connection refused"),
        "the cause is named: {line}"
    );
    assert!(line.contains("check that PostgreSQL is running"), "{line}");
    assert!(!line.contains("s3cret"), "{line}");
}

#[test]
fn a_replica_needs_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(binary("tandem-hub"))
        .args(["clinic", "list"])
        .env("TANDEM_HUB_DATA_DIR", dir.path())
        .env_remove("TANDEM_HUB_DATABASE_URL")
        .env(
            "TANDEM_HUB_DATABASE_REPLICA_URL",
            "postgres://tandem:s3cret@127.0.0.1:1/tandem",
        )
        .output()
        .unwrap();
    let line = refusal(&out);
    assert!(line.contains("a read replica needs PostgreSQL"), "{line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_and_a_newer_schema_are_refused() {
    let Ok(admin) = std::env::var(POSTGRES_VAR) else {
        note_skipped("startup");
        return;
    };
    let db = TestDatabase::create(Backend::Postgres).await.unwrap();

    // The same user with another password.
    let (user_and_password, host) = db.url.split_once('@').unwrap();
    let user = user_and_password.rsplit_once(':').unwrap().0;
    let wrong = format!("{user}:wrong-password@{host}");
    let line = refusal(&hub_on(&wrong, &["clinic", "list"]));
    assert!(line.contains("password authentication failed"), "{line}");
    assert!(line.contains("check the user name and password"), "{line}");
    assert!(!line.contains("wrong-password"), "{line}");

    let missing = tandem_tests::database::with_database(&admin, "no_such_database");
    let line = refusal(&hub_on(&missing, &["clinic", "list"]));
    assert!(line.contains("create the database first"), "{line}");

    // Migrated now; then a newer version adds a migration this one does not know.
    assert!(hub_on(&db.url, &["clinic", "list"]).status.success());
    let mut conn = sqlx::postgres::PgConnection::connect(&db.url)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (999, 'from the future', true, '\\x00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let line = refusal(&hub_on(&db.url, &["serve"]));
    assert!(
        line.contains("migrated by a newer version of tandem-hub"),
        "{line}"
    );
    db.finish().await;
}
