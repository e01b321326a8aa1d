#![allow(clippy::unwrap_used)]
//! Disclosure control across months: a running total's small monthly change is suppressed by
//! the node, and refused by the hub however the value was produced.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, definitions_file};

/// The shipped definitions plus a cumulative count.
fn definitions_with_running_total(hub: &HubProcess) -> std::path::PathBuf {
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
"#,
    );
    let file = hub.dir().join("with-running-total.toml");
    std::fs::write(&file, text).unwrap();
    file
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_change_in_a_running_total_never_leaves_and_is_refused_if_forged() {
    let hub = HubProcess::start().await;
    let file = definitions_with_running_total(&hub);
    let out = hub.cli(&["definitions", "load", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;

    // 20, then 23 (3 more: a small count), then 40 and 40.
    for (month, total) in [
        ("2026-01", 20),
        ("2026-02", 23),
        ("2026-03", 40),
        ("2026-04", 40),
    ] {
        let (status, body) = node
            .put(
                &format!("/measure-values/partners-trained/{month}"),
                &json!({"numerator": total}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let approved = node.release_and_approve(json!({"unreleased": true})).await;
    let left: Vec<&Value> = approved["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["item"])
        .collect();
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

    // A forged release that shows May as 45 (5 more than April) is refused with the reason.
    let forged = json!({
        "protocol_version": 1,
        "idempotency_key": "5d1f0c3a-8b7e-4e2a-9f61-2c4b7a9e0d13",
        "sequence": 2,
        "items": [{"kind": "measure_value", "item": {
            "measure": "partners-trained", "month": "2026-05", "numerator": 45, "suppressed": false}}]
    });
    let response = node
        .federation_client()
        .post(format!("{}/federation/v1/releases", hub.federation_url()))
        .json(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["errors"][0]["code"], "small-change", "{problem}");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("changes by 5 from 2026-04 to 2026-05"),
        "{problem}"
    );
}
