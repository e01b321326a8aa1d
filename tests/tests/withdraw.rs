#![allow(clippy::unwrap_used)]
//! Withdrawing a release races with sync, often because someone spotted something identifying
//! in it. Whatever the timing, the node and the hub must agree afterwards: either the hub holds
//! the release and the node shows it as sent, or the hub does not and the node shows it as
//! withdrawn.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HeldWrites, HubProcess, NodeProcess};

async fn approved_release(node: &NodeProcess, month: &str) -> Value {
    let (status, body) = node
        .put(
            &format!("/measure-values/remission/{month}"),
            &json!({"numerator": 30, "denominator": 60}),
        )
        .await;
    assert!(status.is_success(), "{body}");
    node.release_and_approve(json!({"unreleased": true})).await
}

/// How many releases the hub holds from the clinic.
async fn hub_holds(hub: &HubProcess, clinic: &str) -> u64 {
    let (_, clinics) = hub.get("/api/v1/clinics").await;
    clinics["clinics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == clinic)
        .map_or(0, |c| c["last_sequence"].as_u64().unwrap())
}

async fn outbox(node: &NodeProcess) -> Vec<Value> {
    let (status, log) = node.get("/outbox").await;
    assert_eq!(status, StatusCode::OK);
    log.as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawal_during_a_slow_sync_waits_and_the_node_and_the_hub_agree() {
    // The hub is slow: its database is held while the release is on its way.
    let (hub, node, held, syncing) = a_release_on_its_way().await;
    let withdrawing = {
        let http = node.client();
        let url = format!("{}/outbox/1/withdraw", node.api);
        tokio::spawn(async move {
            let r = http.post(url).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !withdrawing.is_finished(),
        "the withdrawal waits for the sync"
    );
    held.release().await;
    assert_eq!(syncing.await.unwrap(), StatusCode::OK);
    let (status, body) = withdrawing.await.unwrap();

    // The release reached the hub while the withdrawal waited: it says so, plainly, and both
    // sides show it as sent.
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("already reached the hub"), "{body}");
    assert_eq!(hub_holds(&hub, "alder").await, 1);
    let log = outbox(&node).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["state"], "delivered", "{log:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_that_may_have_left_is_withdrawn_only_after_asking_the_hub() {
    // Release 1 is on its way when the hub dies: an attempt was made, the hub holds nothing.
    let (mut hub, node, held, syncing) = a_release_on_its_way().await;
    hub.kill().await;
    held.release().await;
    assert!(!syncing.await.unwrap().is_success());
    assert_eq!(outbox(&node).await[0]["attempts"], 1);

    // While the hub cannot be asked, the release stays, and the node says why.
    let (status, problem) = node.post("/outbox/1/withdraw", &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("may have reached the hub"),
        "{problem}"
    );
    assert_eq!(outbox(&node).await.len(), 1);

    // Once the hub says it does not hold it, it is withdrawn.
    hub.restart().await;
    let (status, body) = node.post("/outbox/1/withdraw", &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert!(outbox(&node).await.is_empty());
    assert_eq!(hub_holds(&hub, "alder").await, 0);

    // A release the hub stored, whose answer the node never recorded (the node died first), is
    // shown as sent, with the hub's own answer, instead of being withdrawn.
    approved_release(&node, "2026-04").await;
    let envelope = node.pending_envelopes().await.remove(0);
    let response = node
        .federation_client()
        .post(format!("{}/federation/v1/releases", hub.federation_url()))
        .header("content-type", "application/json")
        .body(envelope.1)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    mark_attempted(&node, envelope.0).await;
    let (status, problem) = node.post("/outbox/1/withdraw", &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("already reached the hub"),
        "{problem}"
    );
    let log = outbox(&node).await;
    assert_eq!(log[0]["state"], "delivered", "{log:?}");
    assert_eq!(hub_holds(&hub, "alder").await, 1);
}

/// A hub and an enrolled node whose first release is being sent while the hub's database is
/// held, so that the sync waits for its answer.
async fn a_release_on_its_way() -> (
    HubProcess,
    NodeProcess,
    HeldWrites,
    tokio::task::JoinHandle<StatusCode>,
) {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    approved_release(&node, "2026-03").await;
    let held = hub.hold_writes("alder").await;
    let syncing = node.sync_in_background();
    wait_for_attempt(&node).await;
    (hub, node, held, syncing)
}

/// Wait, a bounded time, until the node has started to send its first release (the attempt is
/// counted before the request is made), and a moment more for the request to reach the hub.
async fn wait_for_attempt(node: &NodeProcess) {
    for _ in 0..250 {
        if outbox(node).await[0]["attempts"] == 1 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the node never started to send its release");
}

/// Count one attempt for a release, as a node does just before it sends one.
async fn mark_attempted(node: &NodeProcess, sequence: u64) {
    let store = tandem_node::store::NodeStore::open(&node.dir().join("node.db"))
        .await
        .unwrap();
    let row = store.outbox_row(sequence).await.unwrap().unwrap();
    store.sending(&row.idempotency_key).await.unwrap();
}
