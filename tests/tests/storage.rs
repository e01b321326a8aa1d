//! The node's storage, and the hub's, failing under them: another program holding the database's write lock
//! past the busy timeout, and writes that cannot reach the disk. Each is refused with an error
//! that says what to do, nothing is half-written, and the work goes through once the trouble
//! is gone. The full disk is a real one as far as SQLite can tell: the node's file-size limit
//! (RLIMIT_FSIZE, set with `prlimit`) makes its writes come up short, which SQLite reports as
//! it reports a full disk.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::Connection;
use tandem_tests::database::Backend;
use tandem_tests::kit::{HubProcess, NodeProcess, assert_detail};

async fn outbox(node: &NodeProcess) -> Vec<Value> {
    let (status, log) = node.get("/outbox").await;
    assert_eq!(status, StatusCode::OK, "{log}");
    log.as_array().unwrap().clone()
}

fn prlimit(node: &NodeProcess, limit: &str) {
    let out = std::process::Command::new("prlimit")
        .arg("--pid")
        .arg(node.pid().unwrap().to_string())
        .arg(format!("--fsize={limit}:"))
        .output()
        .expect("prlimit runs (util-linux)");
    assert!(out.status.success(), "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_database_and_a_full_disk_refuse_cleanly_and_lose_nothing() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let (status, body) = node
        .put(
            "/measure-values/remission/2026-01",
            &json!({"numerator": 30, "denominator": 60}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, preview) = node.post("/releases", &json!({"unreleased": true})).await;
    assert_eq!(status, StatusCode::CREATED, "{preview}");
    // The answer with its headers, which the kit's helpers leave out.
    let approve = || {
        node.client()
            .post(format!("{}/releases/{}/approve", node.api, preview["id"]))
            .json(&json!({"payload_sha256": preview["payload_sha256"]}))
            .send()
    };
    let approve = || async { approve().await.unwrap() };

    // A backup holds the write lock: the approval waits, then says so, and keeps nothing.
    let url = format!("sqlite://{}", node.dir().join("node.db").display());
    let mut backup = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut backup)
        .await
        .unwrap();
    let answer = approve().await;
    assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.headers()["retry-after"], "5");
    assert_eq!(answer.headers()["content-type"], "application/problem+json");
    let problem: Value = answer.json().await.unwrap();
    assert_eq!(
        problem["type"], "urn:tandem:problem:database-busy",
        "{problem}"
    );
    assert_detail(&problem, "the database is busy");
    assert_detail(&problem, "nothing was saved; try again in a moment");
    sqlx::query("ROLLBACK").execute(&mut backup).await.unwrap();
    assert!(outbox(&node).await.is_empty(), "no outbox row");

    // The disk fills: the approval fails whole, and the node still reads and answers.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut backup)
        .await
        .unwrap();
    drop(backup);
    prlimit(&node, "4096");
    let answer = approve().await;
    assert_eq!(answer.status(), StatusCode::INSUFFICIENT_STORAGE);
    let problem: Value = answer.json().await.unwrap();
    assert_eq!(problem["type"], "urn:tandem:problem:disk-full", "{problem}");
    assert_detail(&problem, "could not be written: its disk is full");
    assert_detail(&problem, "free some space there, then try again");
    assert!(outbox(&node).await.is_empty(), "no outbox row");
    let (status, _) = node.get("/status").await;
    assert_eq!(status, StatusCode::OK, "it still reads");
    // A record is not answered as saved when it was not.
    let (status, problem) = node
        .put(
            "/measure-values/remission/2026-02",
            &json!({"numerator": 31, "denominator": 60}),
        )
        .await;
    assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE, "{problem}");
    // The command line, under the same limit, says it in one line.
    let out = std::process::Command::new("prlimit")
        .arg("--fsize=4096:")
        .arg(tandem_tests::kit::binary("tandem-node"))
        .arg("--data-dir")
        .arg(node.dir())
        .args(["user", "add", "--role", "member", "Dana"])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.starts_with("tandem-node: the database could not be written: its disk is full"),
        "{err}"
    );

    // Space again: the same approval goes through, once, and reaches the hub once.
    prlimit(&node, "unlimited");
    let answer = approve().await;
    assert_eq!(answer.status(), StatusCode::OK, "{}", node.log());
    assert_eq!(outbox(&node).await.len(), 1);
    let (_, values) = node.get("/measure-values").await;
    assert!(
        values.to_string().contains("2026-01") && !values.to_string().contains("2026-02"),
        "the refused record was not kept: {values}"
    );
    node.sync().await;
    let (_, network) = hub.get("/api/v1/network").await;
    assert_eq!(network["records"]["measure_value"], 1, "{network}");
    let log = node.log();
    assert!(
        log.contains("the database could not be written"),
        "the operator's log says what happened: {log}"
    );
}

/// The hub's SQLite database held by another program past the busy timeout: a release is
/// answered `503` with `Retry-After` after one timeout (not held through more of them),
/// nothing is stored, and the node's next sync once the hold is gone delivers it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_hub_database_answers_503_and_the_release_lands_later() {
    use tandem_service::sqlite::BUSY_TIMEOUT;
    let hub = HubProcess::start_on(Backend::Sqlite).await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    node.put_ok(
        "/measure-values/remission/2026-01",
        json!({"numerator": 30, "denominator": 60}),
    )
    .await;
    node.release_and_approve(json!({"unreleased": true})).await;
    let (_, body) = node.pending_envelopes().await.pop().unwrap();

    let held = hub.hold_writes("alder").await;
    let started = std::time::Instant::now();
    let response = node.send_release_bytes(&hub, body).await;
    let waited = started.elapsed();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "5");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_eq!(
        problem["type"], "urn:tandem:problem:database-busy",
        "{problem}"
    );
    assert_detail(&problem, "busy");
    assert!(
        waited < BUSY_TIMEOUT * 2,
        "answered after one busy timeout, not after retries: {waited:?}"
    );
    held.release().await;

    let (_, network) = hub.get("/api/v1/network").await;
    assert_eq!(network["records"]["release"].as_u64().unwrap_or(0), 0);
    let report = node.sync().await;
    assert_eq!(report["items_accepted"], 1, "{report}");
}
