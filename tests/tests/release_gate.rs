#![allow(clippy::unwrap_used)]
//! Every field of a release passes the gate: tags come from the network's vocabulary, and the
//! bytes a person approves are the bytes the hub accepts, lengths included.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, assert_detail};

fn practice(conditions: &[&str], topics: &[&str]) -> Value {
    json!({
        "title": "Flare line with same-day slots",
        "summary": "If your child has a flare, you can call before noon and be seen the same day.",
        "detail": "Two slots a day are kept for flares; the nurse calls back within the hour.",
        "conditions": conditions, "topics": topics, "public": true
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tag_outside_the_vocabulary_is_refused_by_the_node_and_by_the_hub() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;

    // Before the first sync the node knows no vocabulary, and says so.
    let (status, problem) = node.post("/practices", &practice(&["ibd"], &[])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_detail(
        &problem,
        "sync with the hub to fetch the network's vocabulary",
    );

    node.sync().await;
    let (status, created) = node
        .post("/practices", &practice(&["ibd"], &["flares", "access"]))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    // A family name, or a record number, is no tag.
    for (conditions, topics) in [
        (vec!["tremblay-family"], vec![]),
        (vec!["ibd"], vec!["mrn-00458213"]),
    ] {
        let (status, problem) = node
            .post("/practices", &practice(&conditions, &topics))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert!(
            problem["type"].as_str().unwrap().ends_with("unknown-tag"),
            "{problem}"
        );
        assert_detail(&problem, "is not in the network's vocabulary; use one of:");
    }

    // Forged with a node's certificate, the hub refuses it too.
    let mut item = practice(&["tremblay-family"], &[]);
    item["id"] = json!(uuid::Uuid::new_v4());
    let forged = json!({
        "protocol_version": 1,
        "idempotency_key": uuid::Uuid::new_v4().to_string(),
        "sequence": 1,
        "items": [{"kind": "practice", "item": item}],
    });
    let (status, problem) = node.send_raw_release(&hub, &forged).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["code"], "unknown-tag", "{problem}");
    assert!(hub.stored_bodies("practice").await.is_empty());
}

/// A title of 192 characters that names sixteen doctors grows past 200 once each name is a
/// placeholder: the node says so before anyone approves it, rather than the hub after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lengths_are_checked_on_the_text_as_it_would_leave() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let title = "Dr. Okafor, ".repeat(16);
    assert!(title.trim().len() <= 200);
    let mut body = practice(&["ibd"], &[]);
    body["title"] = json!(title.trim());
    let (status, created) = node.post("/practices", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (status, preview) = node.post("/releases", &json!({"unreleased": true})).await;
    assert_eq!(status, StatusCode::CREATED, "{preview}");
    assert_eq!(preview["approvable"], false, "{preview}");
    let problem = &preview["problems"][0];
    assert_eq!(problem["code"], "text-too-long", "{preview}");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .starts_with("as it would leave the clinic: title"),
        "{preview}"
    );
}
