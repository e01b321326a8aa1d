#![allow(clippy::unwrap_used)]
//! Differencing attacks on released counts, each tried through the real node and hub: a small
//! change between two months of a running total, a revision of one month, a pair of months
//! that are not neighbours, a refused month, and public aggregates that hide nobody. The node
//! never releases what would tell a small count, and the hub refuses it however it was made,
//! without repeating the small number in its answer.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, definitions_file};

/// The shipped definitions plus a cumulative count, a cumulative proportion and a continuous
/// measure.
fn test_definitions(hub: &HubProcess) -> std::path::PathBuf {
    let mut text = std::fs::read_to_string(definitions_file()).unwrap();
    text.push_str(
        r#"
[[measures]]
id = "partners-trained"
title = "Patient partners trained"
description = "How many patients and parents have finished partner training since the project began."
definition = "Running total, at the end of the month, of people who completed the partner course."
kind = { type = "count" }
better = "higher_is_better"
family = "process"
cumulative = true

[[measures]]
id = "plans-signed"
title = "Families with a signed care plan"
description = "Of the families enrolled so far, how many have signed a written care plan."
definition = "Running totals since the project began: families enrolled, and of them, with a signed plan."
kind = { type = "proportion" }
better = "higher_is_better"
family = "process"
cumulative = true

[[measures]]
id = "wait-days"
title = "Days waited for a first visit"
description = "How long new patients waited for their first visit, on average."
definition = "Mean number of days from referral to first visit, over the new patients of the month."
kind = { type = "continuous", unit = "days" }
better = "lower_is_better"
family = "process"
"#,
    );
    let file = hub.dir().join("with-attack-measures.toml");
    std::fs::write(&file, text).unwrap();
    file
}

async fn hub_and_node() -> (HubProcess, NodeProcess) {
    let hub = HubProcess::start().await;
    let file = test_definitions(&hub);
    let out = hub.cli(&["definitions", "load", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    (hub, node)
}

async fn record(node: &NodeProcess, measure: &str, month: &str, entry: Value) {
    let (status, body) = node
        .put(&format!("/measure-values/{measure}/{month}"), &entry)
        .await;
    assert!(status.is_success(), "{body}");
}

/// The measure values of an approved release, as they left.
fn items(approved: &Value) -> Vec<Value> {
    approved["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item"].clone())
        .collect()
}

/// Send a forged release straight to the hub with the node's certificate, as a tampered node
/// would; returns the problem the hub answers with, or its acknowledgement.
async fn forge(
    hub: &HubProcess,
    node: &NodeProcess,
    sequence: u64,
    values: Value,
) -> (StatusCode, Value) {
    let items: Vec<Value> = values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| json!({"kind": "measure_value", "item": v}))
        .collect();
    let forged = json!({
        "protocol_version": 1,
        "idempotency_key": uuid::Uuid::new_v4().to_string(),
        "sequence": sequence,
        "items": items,
    });
    node.send_raw_release(hub, &forged).await
}

/// The refusals of a hub's answer, item by item: (item key, code, message).
fn refusals(answer: &Value) -> Vec<(String, String, String)> {
    let list = answer
        .get("errors")
        .or_else(|| answer.get("rejected"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|e| {
            (
                e["at"]
                    .as_str()
                    .or(e["key"].as_str())
                    .unwrap_or("")
                    .to_owned(),
                e["code"].as_str().unwrap_or("").to_owned(),
                e["message"]
                    .as_str()
                    .or(e["reason"].as_str())
                    .unwrap_or("")
                    .to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_change_in_a_running_total_never_leaves_and_is_refused_if_forged() {
    let (hub, node) = hub_and_node().await;
    // 20, then 23 (3 more: a small count), then 40 and 40.
    for (month, total) in [
        ("2026-01", 20),
        ("2026-02", 23),
        ("2026-03", 40),
        ("2026-04", 40),
    ] {
        record(
            &node,
            "partners-trained",
            month,
            json!({"numerator": total}),
        )
        .await;
    }
    let left = items(&node.release_and_approve(json!({"unreleased": true})).await);
    assert_eq!(left[1]["suppressed"], true, "{left:?}");
    assert!(left[1]["numerator"].is_null(), "{left:?}");
    assert_eq!(left[2]["numerator"], 40);
    let report = node.sync().await;
    assert_eq!(report["items_refused"], 0, "{report}");

    let (_, series) = hub
        .get("/api/v1/measures/partners-trained/clinics/alder/series")
        .await;
    let suppressed: Vec<bool> = series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["suppressed"] == true)
        .collect();
    assert_eq!(suppressed, [false, true, false, false], "{series}");
    let (_, network) = hub.get("/api/v1/measures/partners-trained/series").await;
    assert_eq!(network["points"][1]["clinics_suppressed"], 1, "{network}");

    // A forged release that shows May as 45 (5 more than April) is refused with the reason,
    // and the answer the hub keeps does not say "5".
    let (status, problem) = forge(
        &hub,
        &node,
        2,
        json!([{"measure": "partners-trained", "month": "2026-05", "numerator": 45, "suppressed": false}]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let refused = refusals(&problem);
    assert_eq!(refused[0].1, "small-change", "{problem}");
    assert!(refused[0].2.contains("2026-05"), "{problem}");
    assert!(refused[0].2.contains("running total"), "{problem}");
    assert!(!refused[0].2.contains(" 5 "), "{problem}");
    assert!(!problem.to_string().contains("by 5"), "{problem}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revision_that_adds_a_few_patients_never_leaves_and_is_refused_if_forged() {
    let (hub, node) = hub_and_node().await;
    record(
        &node,
        "remission",
        "2026-03",
        json!({"numerator": 30, "denominator": 60}),
    )
    .await;
    record(
        &node,
        "wait-days",
        "2026-03",
        json!({"value": 12.5, "denominator": 20}),
    )
    .await;
    node.release_and_approve(json!({"unreleased": true})).await;
    assert_eq!(node.sync().await["items_refused"], 0);

    // 30/60 becomes 33/63: three patients added, all in remission. A mean of 12.5 days over
    // 20 patients becomes 13.0 over 21: the new patient waited 23 days.
    record(
        &node,
        "remission",
        "2026-03",
        json!({"numerator": 33, "denominator": 63}),
    )
    .await;
    record(
        &node,
        "wait-days",
        "2026-03",
        json!({"value": 13.0, "denominator": 21}),
    )
    .await;
    let left = items(&node.release_and_approve(json!({"unreleased": true})).await);
    for v in &left {
        assert_eq!(v["suppressed"], true, "{v}");
        assert!(
            v["numerator"].is_null() && v["denominator"].is_null(),
            "{v}"
        );
        assert!(v["value"].is_null(), "{v}");
    }
    assert_eq!(node.sync().await["items_refused"], 0);
    let (_, series) = hub
        .get("/api/v1/measures/remission/clinics/alder/series")
        .await;
    assert_eq!(series["points"][0]["suppressed"], true, "{series}");

    // Forged, the revision is refused, and so is a third version close to the first.
    let (status, problem) = forge(
        &hub,
        &node,
        3,
        json!([
            {"measure": "remission", "month": "2026-03", "numerator": 33, "denominator": 63, "suppressed": false},
            {"measure": "wait-days", "month": "2026-03", "denominator": 21, "value": 13.0, "suppressed": false}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let refused = refusals(&problem);
    assert_eq!(refused.len(), 2, "{problem}");
    for (_, code, message) in &refused {
        assert_eq!(code, "small-change", "{problem}");
        assert!(message.contains("revision"), "{message}");
        assert!(
            !message.contains(" 3 ") && !message.contains(" 1 "),
            "{message}"
        );
    }
    // A large revision goes through (the refused release took sequence 3).
    let (status, ack) = forge(
        &hub,
        &node,
        4,
        json!([{"measure": "remission", "month": "2026-03", "numerator": 45, "denominator": 90, "suppressed": false}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{ack}");
    assert_eq!(ack["accepted"], 1, "{ack}");
}

/// 20/40, 40/71, 71/86: each month's step is large, but between the first and the third the
/// complement shrinks by 5.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pair_of_a_running_total_is_checked_not_only_neighbours() {
    let (hub, node) = hub_and_node().await;
    for (month, n, d) in [
        ("2026-01", 20, 40),
        ("2026-02", 40, 71),
        ("2026-03", 71, 86),
    ] {
        record(
            &node,
            "plans-signed",
            month,
            json!({"numerator": n, "denominator": d}),
        )
        .await;
    }
    let left = items(&node.release_and_approve(json!({"unreleased": true})).await);
    assert_eq!(left[0]["numerator"], 20);
    assert_eq!(left[1]["numerator"], 40);
    assert_eq!(left[2]["suppressed"], true, "{left:?}");
    assert_eq!(node.sync().await["items_refused"], 0);

    let (status, problem) = forge(
        &hub,
        &node,
        2,
        json!([{"measure": "plans-signed", "month": "2026-03", "numerator": 71, "denominator": 86, "suppressed": false}]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let refused = refusals(&problem);
    assert_eq!(refused[0].1, "small-change", "{problem}");
    assert!(refused[0].2.contains("2026-01"), "{problem}");
}

/// The hub holds 20 for January. January arrives again as 25 (refused) with February at 28:
/// 28 is 3 above the refused 25, but 8 above the 20 still published, so it is refused too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_month_stays_in_the_check() {
    let (hub, node) = hub_and_node().await;
    record(
        &node,
        "partners-trained",
        "2026-01",
        json!({"numerator": 20}),
    )
    .await;
    node.release_and_approve(json!({"unreleased": true})).await;
    node.sync().await;
    let (status, problem) = forge(
        &hub,
        &node,
        2,
        json!([
            {"measure": "partners-trained", "month": "2026-01", "numerator": 25, "suppressed": false},
            {"measure": "partners-trained", "month": "2026-02", "numerator": 28, "suppressed": false}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(refusals(&problem).len(), 2, "{problem}");
    let (_, series) = hub
        .get("/api/v1/measures/partners-trained/clinics/alder/series")
        .await;
    assert_eq!(series["points"][0]["numerator"], 20, "{series}");
}

/// A public aggregate needs three clinics that contribute something, and none holding more
/// than 90 % of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_tier_counts_only_clinics_that_contribute_and_refuses_a_dominant_one() {
    let hub = HubProcess::start().await;
    let mut nodes = Vec::new();
    for (id, name) in [("alder", "Alder"), ("birch", "Birch"), ("cedar", "Cedar")] {
        let node = NodeProcess::start_enrolled(&hub, id, name).await;
        node.sync().await;
        nodes.push(node);
    }
    // January: cedar has no patients. February: alder holds 950 of 1,009. April: three fair
    // shares.
    let months = [
        ("2026-01", [(40, 60), (30, 50), (0, 0)]),
        ("2026-02", [(900, 950), (20, 35), (12, 24)]),
        ("2026-04", [(40, 60), (30, 50), (20, 40)]),
    ];
    for (month, shares) in months {
        for (node, (n, d)) in nodes.iter().zip(shares) {
            record(
                node,
                "remission",
                month,
                json!({"numerator": n, "denominator": d}),
            )
            .await;
        }
    }
    for node in &nodes {
        node.release_and_approve(json!({"unreleased": true})).await;
        assert_eq!(node.sync().await["items_refused"], 0);
    }
    let (_, network) = hub.get("/api/v1/measures/remission/series").await;
    let public: Vec<(String, bool)> = network["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["month"].as_str().unwrap().to_owned(), p["public"] == true))
        .collect();
    assert_eq!(
        public,
        [
            ("2026-01".to_owned(), false),
            ("2026-02".to_owned(), false),
            ("2026-04".to_owned(), true)
        ],
        "{network}"
    );
    assert_eq!(network["points"][0]["clinics_contributing"], 3, "{network}");
}
