//! Things go wrong at clinics and at the hub: backups restored, releases refused whole, syncs
//! that overlap. The node and the hub find their way back without losing or doubling data.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::database::Backend;
use tandem_tests::kit::{HubProcess, NodeProcess, assert_detail, backup_sqlite, restore_sqlite};

fn value(n: u64, d: u64) -> Value {
    json!({ "numerator": n, "denominator": d })
}

async fn count(hub: &HubProcess, what: &str) -> u64 {
    let (_, network) = hub.get("/api/v1/network").await;
    network["records"][what].as_u64().unwrap_or(0)
}

async fn record_and_release(node: &NodeProcess, month: &str, n: u64) {
    let (status, body) = node
        .put(&format!("/measure-values/remission/{month}"), &value(n, 60))
        .await;
    assert!(status.is_success(), "{body}");
    node.release_and_approve(json!({"unreleased": true})).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_restored_from_an_older_backup_gets_back_what_it_lost() {
    let mut hub = HubProcess::start_on(Backend::Sqlite).await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder").await;
    node.sync().await;
    record_and_release(&node, "2026-01", 30).await;
    node.sync().await;
    let backup = hub.dir().join("backup.db");
    backup_sqlite(&hub.dir().join("hub.db"), &backup).await;
    record_and_release(&node, "2026-02", 31).await;
    record_and_release(&node, "2026-03", 32).await;
    node.sync().await;
    assert_eq!(count(&hub, "release").await, 3);

    hub.kill().await;
    restore_sqlite(&backup, &hub.dir().join("hub.db"));
    hub.restart().await;
    assert_eq!(
        count(&hub, "release").await,
        1,
        "the restored hub lost two releases"
    );

    // Nothing new was approved: the node notices the hub is behind and sends them again.
    let report = node.sync().await;
    assert_eq!(report["releases_sent"], 2, "{report}");
    assert_eq!(count(&hub, "release").await, 3);
    assert_eq!(count(&hub, "measure_value").await, 3);
    let (_, series) = hub.get("/api/v1/measures/remission/series").await;
    let numerators: Vec<_> = series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["numerator"].clone())
        .collect();
    assert_eq!(numerators, [json!(30), json!(31), json!(32)]);
    assert_eq!(node.sync().await["releases_sent"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_restored_from_an_older_backup_continues_after_the_hub() {
    let hub = HubProcess::start().await;
    let mut node = NodeProcess::start_enrolled(&hub, "alder", "Alder").await;
    node.sync().await;
    record_and_release(&node, "2026-01", 30).await;
    node.sync().await;
    let backup = node.dir().join("backup.db");
    backup_sqlite(&node.dir().join("node.db"), &backup).await;
    record_and_release(&node, "2026-02", 31).await;
    node.sync().await;

    node.stop().await;
    restore_sqlite(&backup, &node.dir().join("node.db"));
    node.start_again().await;
    // The restored node has forgotten release 2 and numbers its next one 2 as well.
    record_and_release(&node, "2026-03", 33).await;
    let report = node.sync().await;
    assert_eq!(report["items_accepted"], 1, "{report}");
    let (_, outbox) = node.get("/outbox").await;
    assert_eq!(
        outbox[0]["sequence"], 3,
        "renumbered after the hub: {outbox}"
    );
    assert_eq!(count(&hub, "release").await, 3);
    assert_eq!(count(&hub, "measure_value").await, 3);
    let (_, errors) = node.get("/sync-errors").await;
    assert_eq!(errors, json!([]));
    assert_eq!(node.sync().await["releases_sent"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_that_never_reached_the_hub_can_be_withdrawn() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder").await;
    node.sync().await;
    record_and_release(&node, "2026-01", 30).await;
    let (status, body) = node.post("/outbox/1/withdraw", &Value::Null).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (_, outbox) = node.get("/outbox").await;
    assert_eq!(outbox, json!([]));
    let (_, values) = node.get("/measure-values").await;
    assert_eq!(
        values[0]["status"], "draft",
        "the record is unreleased again"
    );
    let (status, _) = node.post("/outbox/1/withdraw", &Value::Null).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, releases) = node.get("/releases").await;
    assert_eq!(releases[0]["status"], "withdrawn");

    // The freed sequence goes to the next release, and the hub takes it.
    record_and_release(&node, "2026-02", 31).await;
    let (_, outbox) = node.get("/outbox").await;
    assert_eq!(outbox[0]["sequence"], 1);
    let report = node.sync().await;
    assert_eq!(
        report["items_accepted"], 2,
        "both values went in the new release: {report}"
    );
    let (status, problem) = node.post("/outbox/1/withdraw", &Value::Null).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_detail(&problem, "already reached the hub");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_larger_than_the_hub_accepts_is_refused_before_approval() {
    let hub = HubProcess::start_with(
        Backend::for_hubs(),
        &[("TANDEM_HUB_MAX_RELEASE_BYTES", "20000")],
    )
    .await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder").await;
    node.sync().await;
    let (status, _) = node
        .post(
            "/practices",
            &json!({"title": "Long write-up", "summary": "For families.", "detail": "word ".repeat(4000)}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, problem) = node.post("/releases", &json!({"unreleased": true})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_detail(&problem, "more than the hub accepts (20000)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_sync_at_a_time_and_only_from_loopback_names() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder").await;
    // Another process (here, the test) holds the node's sync lock.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(node.dir().join("sync.lock"))
        .unwrap();
    lock.lock().unwrap();
    let (status, problem) = node.post("/sync", &Value::Null).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_detail(&problem, "already running");
    lock.unlock().unwrap();
    node.sync().await;

    // A request addressed to another name (a rebound DNS name, say) is refused.
    let response = reqwest::Client::new()
        .get(format!("{}/status", node.api))
        .header("host", "attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::MISDIRECTED_REQUEST);
    let problem: Value = response.json().await.unwrap();
    assert_detail(&problem, "only requests to localhost");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_version_cannot_be_approved_after_a_newer_one() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder").await;
    node.sync().await;
    let (status, _) = node
        .put("/measure-values/remission/2026-01", &value(30, 60))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, old) = node.post("/releases", &json!({"unreleased": true})).await;
    let (status, _) = node
        .put("/measure-values/remission/2026-01", &value(35, 60))
        .await;
    assert_eq!(status, StatusCode::OK);
    node.release_and_approve(json!({"unreleased": true})).await;
    let (status, problem) = node
        .post(
            &format!("/releases/{}/approve", old["id"]),
            &json!({"payload_sha256": old["payload_sha256"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_detail(&problem, "has already been approved");
    node.sync().await;
    let (_, series) = hub.get("/api/v1/measures/remission/series").await;
    assert_eq!(series["points"][0]["numerator"], 35);
}
