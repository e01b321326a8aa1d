//! Crashes at exact steps of a sync (the fault suite's first, second and fourth faults), on
//! real processes: a crash point (`TANDEM_FAULT`, see `tandem_service::fault`) stops the hub
//! or the node dead at the step named, as `kill -9` at that instant would, and the next sync
//! must leave exactly one copy of every release at the hub and the same answer on both sides.
//! The hub runs on the engine the tests are asked to use (SQLite, then PostgreSQL in the
//! second pass of `./scripts/test`).

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_node::store::NodeStore;
use tandem_tests::kit::{HubProcess, NodeProcess};

async fn hub_count(hub: &HubProcess, what: &str) -> u64 {
    let (_, network) = hub.get("/api/v1/network").await;
    network["records"][what].as_u64().unwrap_or(0)
}

async fn approve_value(node: &NodeProcess, month: &str, n: u64, d: u64) {
    let (status, body) = node
        .put(
            &format!("/measure-values/remission/{month}"),
            &json!({"numerator": n, "denominator": d}),
        )
        .await;
    assert!(status.is_success(), "{body}");
    node.release_and_approve(json!({"unreleased": true})).await;
}

/// The answer the node recorded for the release in outbox position `sequence`.
async fn recorded_answer(node: &NodeProcess, sequence: u64) -> Value {
    let store = NodeStore::open(&node.dir().join("node.db")).await.unwrap();
    let row = store.outbox_row(sequence).await.unwrap().unwrap();
    serde_json::from_str(&row.answer.expect("an answer was recorded")).unwrap()
}

/// The network's remission series, month → (numerator, denominator).
async fn network_remission(hub: &HubProcess) -> Vec<(String, u64, u64)> {
    let (status, series) = hub.get("/api/v1/measures/remission/series").await;
    assert_eq!(status, StatusCode::OK, "{series}");
    series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["month"].as_str().unwrap().to_owned(),
                p["numerator"].as_u64().unwrap(),
                p["denominator"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Fault 1: the hub stops dead just before it commits a release, or just after it committed
/// and before it answers. Either way the node's next sync leaves one release at the hub, and
/// every later sending of the same bytes gets the answer the node recorded, to the byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_that_dies_at_its_commit_stores_one_release_and_gives_one_answer() {
    for (point, stored_by_crash) in [("hub-before-commit", 0), ("hub-after-commit", 1)] {
        let mut hub = HubProcess::start().await;
        let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
        node.sync().await;
        approve_value(&node, "2026-01", 30, 60).await;
        let (_, envelope) = node.pending_envelopes().await.pop().unwrap();

        hub.restart_with_fault(Some(point)).await;
        let (status, problem) = node.post("/sync", &Value::Null).await;
        assert_eq!(status, StatusCode::BAD_GATEWAY, "{point}: {problem}");
        assert!(
            hub.ended(Duration::from_secs(10)).await,
            "{point}: the hub did not stop"
        );
        hub.restart_with_fault(None).await;
        assert_eq!(
            hub_count(&hub, "release").await,
            stored_by_crash,
            "{point}: what the crash left"
        );

        let report = node.sync().await;
        assert_eq!(report["releases_sent"], 1, "{point}: {report}");
        assert_eq!(report["items_accepted"], 1, "{point}: {report}");
        assert_eq!(hub_count(&hub, "release").await, 1, "{point}");
        assert_eq!(hub_count(&hub, "measure_value").await, 1, "{point}");
        assert_eq!(
            network_remission(&hub).await,
            [("2026-01".to_owned(), 30, 60)],
            "{point}"
        );
        // The same bytes again, as a node that lost the answer would send them: the answer
        // the node recorded, and nothing stored.
        let answer = recorded_answer(&node, 1).await;
        let again = node.send_release_bytes(&hub, envelope).await;
        assert_eq!(again.status(), StatusCode::OK, "{point}");
        let again: Value = again.json().await.unwrap();
        assert_eq!(again, answer, "{point}: a replay answers as the first time");
        assert_eq!(hub_count(&hub, "release").await, 1, "{point}");
    }
}

/// Fault 2: the node stops dead after a release was approved and before it was sent, as it
/// marked it sending, and after the hub answered and before it recorded the answer. Each
/// release reaches the hub exactly once and the node shows every one delivered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_that_dies_around_sending_delivers_each_release_exactly_once() {
    let hub = HubProcess::start().await;
    let mut node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;

    // Approved, then the server is killed before any sync.
    approve_value(&node, "2026-01", 30, 60).await;
    node.stop().await;
    node.start_again().await;
    let report = node.sync().await;
    assert_eq!(report["releases_sent"], 1, "{report}");

    let mut month = 1;
    for point in ["node-before-send", "node-after-answer"] {
        month += 1;
        approve_value(&node, &format!("2026-{month:02}"), 30, 60).await;
        node.start_with_fault(Some(point)).await;
        // The node dies mid-request: no answer comes.
        let died = node
            .client()
            .post(format!("{}/sync", node.api))
            .send()
            .await;
        assert!(died.is_err(), "{point}: {died:?}");
        assert!(node.ended(Duration::from_secs(10)).await, "{point}");
        let at_hub = hub_count(&hub, "release").await;
        let expected = if point == "node-after-answer" {
            month
        } else {
            month - 1
        };
        assert_eq!(
            at_hub, expected,
            "{point}: what reached the hub before the crash"
        );

        node.start_with_fault(None).await;
        let report = node.sync().await;
        assert_eq!(report["items_refused"], 0, "{point}: {report}");
        assert_eq!(hub_count(&hub, "release").await, month, "{point}");
        assert_eq!(hub_count(&hub, "measure_value").await, month, "{point}");
    }
    let (_, status) = node.get("/status").await;
    assert_eq!(status["counts"]["pending"], 0, "{status}");
    assert_eq!(status["counts"]["delivered"], month, "{status}");
    let (_, errors) = node.get("/sync-errors").await;
    assert_eq!(errors, json!([]));
    let log: Vec<Value> = node.get("/outbox").await.1.as_array().unwrap().clone();
    assert!(log.iter().all(|r| r["state"] == "delivered"), "{log:?}");
}

/// Fault 4: a clinic corrects a month it released (a new release, under a new idempotency
/// key); the hub keeps the new value in place of the old one, and the network's sums count
/// each clinic's month once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrected_month_replaces_the_old_value_and_sums_count_it_once() {
    let hub = HubProcess::start().await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let birch = NodeProcess::start_enrolled(&hub, "birch", "Birch Clinic").await;
    for node in [&alder, &birch] {
        node.sync().await;
    }
    approve_value(&alder, "2026-01", 30, 60).await;
    approve_value(&birch, "2026-01", 40, 70).await;
    for node in [&alder, &birch] {
        node.sync().await;
    }
    assert_eq!(
        network_remission(&hub).await,
        [("2026-01".to_owned(), 70, 130)]
    );
    let first_key = alder.get("/outbox").await.1[0]["idempotency_key"].clone();

    // Recounted: every count moves by at least k, so the revision may be released.
    approve_value(&alder, "2026-01", 50, 91).await;
    let report = alder.sync().await;
    assert_eq!(report["items_accepted"], 1, "{report}");
    let (_, log) = alder.get("/outbox").await;
    assert_ne!(log[0]["idempotency_key"], first_key, "a new key: {log}");
    let answer = recorded_answer(&alder, 2).await;
    assert_eq!(
        answer["superseded"],
        json!(["measure_value/remission/2026-01"]),
        "{answer}"
    );
    assert_eq!(
        network_remission(&hub).await,
        [("2026-01".to_owned(), 90, 161)],
        "alder's month counts once, with its new value"
    );
    assert_eq!(hub_count(&hub, "measure_value").await, 2);
}

/// Fault 5: a clinic whose hub is out of reach for thirty days keeps approving a release a
/// day; every sync in that time fails and loses nothing, and the first one after the hub is
/// back sends all thirty, in order, each once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_offline_for_thirty_days_drains_its_releases_in_order() {
    let mut hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    hub.kill().await;
    // A release a day for thirty days, each with one more month of figures.
    let first: tandem_shared::model::Month = "2023-11".parse().unwrap();
    let months: Vec<_> = (0..30)
        .map(|i| first.plus(i).unwrap().to_string())
        .collect();
    for (day, month) in months.iter().enumerate() {
        approve_value(&node, month, 20 + day as u64, 60).await;
        if day % 10 == 9 {
            let (status, problem) = node.post("/sync", &Value::Null).await;
            assert_eq!(status, StatusCode::BAD_GATEWAY, "day {day}: {problem}");
        }
    }
    let (_, status) = node.get("/status").await;
    assert_eq!(status["counts"]["pending"], 30, "{status}");

    hub.restart().await;
    let report = node.sync().await;
    assert_eq!(report["releases_sent"], 30, "{report}");
    assert_eq!(report["items_refused"], 0, "{report}");
    assert_eq!(hub_count(&hub, "release").await, 30);
    let series = network_remission(&hub).await;
    let expected: Vec<_> = months
        .iter()
        .enumerate()
        .map(|(day, m)| (m.clone(), 20 + day as u64, 60))
        .collect();
    assert_eq!(series, expected, "every day's value, once");
    // In order: the outbox was taken 1, 2, … 30, and the hub's receipts say the same.
    let (_, log) = node.get("/outbox").await;
    let sequences: Vec<u64> = log
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|r| r["sequence"].as_u64().unwrap())
        .collect();
    assert_eq!(sequences, (1..=30).collect::<Vec<_>>());
    let (_, state) = node.get("/status").await;
    assert_eq!(state["counts"]["delivered"], 30, "{state}");
}

/// Fault 7, at the size a test run affords (`./scripts/bench network` runs 1,000 nodes on both
/// engines): after the hub has been down a while, 100 nodes with the node's own backoff come
/// back spread out, under the arrival bound `bench_network` states, and all of their
/// releases land; the same run with the jitter taken out is caught as a herd.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_an_outage_nodes_come_back_spread_out_not_as_a_herd() {
    let run = |jitter: bool| {
        tokio::task::spawn_blocking(move || {
            let mut c = std::process::Command::new(tandem_tests::kit::binary("bench_network"));
            c.args([
                "--nodes",
                "100",
                "--window",
                "3",
                "--outage",
                "4",
                "--time-scale",
                "10",
            ])
            .args(["--freshness-sample", "10", "--sqlite-only"]);
            if !jitter {
                c.arg("--without-jitter");
            }
            let out = c.output().expect("bench_network runs");
            let text = format!(
                "{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (out.status.success(), text)
        })
    };
    let (ok, text) = run(true).await.unwrap();
    println!("{text}");
    assert!(
        ok && text.contains("(bound") && text.contains("no herd"),
        "{text}"
    );
    assert!(
        text.contains("the hub holds 600 releases (expected 600)"),
        "{text}"
    );
    assert!(text.contains(", 0 errors"), "{text}");
    let (ok, text) = run(false).await.unwrap();
    assert!(!ok && text.contains("HERD"), "without jitter: {text}");
}
