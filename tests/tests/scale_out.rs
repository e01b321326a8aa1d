//! Several hub processes on one PostgreSQL database, behind a load balancer: nothing that
//! correctness depends on lives in a process, so every release is stored exactly once.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::database::{Backend, POSTGRES_VAR, note_skipped};
use tandem_tests::kit::{Balancer, HubProcess, NodeProcess};

async fn totals(hub: &HubProcess) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for measure in ["remission", "visit-score", "steroids", "admissions"] {
        let (status, series) = hub.get(&format!("/api/v1/measures/{measure}/series")).await;
        assert_eq!(status, StatusCode::OK);
        out.insert(measure.to_owned(), series["points"].clone());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hubs_on_one_database_store_every_release_exactly_once() {
    if std::env::var(POSTGRES_VAR).is_err() {
        note_skipped("scale_out");
        return;
    }
    let a = HubProcess::start_on(Backend::Postgres).await;
    // The second process reads its dashboards from a "replica": the same server here, which
    // exercises the separate read pool.
    let b = a.sibling(a.database_url()).await;
    let balancer =
        Balancer::start(vec![a.federation_addr.clone(), b.federation_addr.clone()]).await;

    let mut nodes = Vec::new();
    for (id, size) in [("alder", 400u64), ("birch", 250), ("cedar", 120)] {
        let node = NodeProcess::start_via(&a, &balancer.url(), id, id, None).await;
        node.sync().await;
        nodes.push((node, size));
    }
    let mut expected: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    for m in 1..=12u64 {
        let month = format!("2025-{m:02}");
        for (node, size) in &nodes {
            for (measure, n, d) in [
                ("remission", size / 2 + m * 3, *size),
                ("visit-score", size * 3 / 4, *size),
                ("steroids", size / 6, *size),
                ("admissions", 12 + m, *size),
            ] {
                let (status, _) = node
                    .put(
                        &format!("/measure-values/{measure}/{month}"),
                        &json!({"numerator": n, "denominator": d}),
                    )
                    .await;
                assert_eq!(status, StatusCode::CREATED);
                let t = expected
                    .entry((measure.to_owned(), month.clone()))
                    .or_default();
                t.0 += n;
                t.1 += d;
            }
            node.release_and_approve(json!({"unreleased": true})).await;
            if m % 3 == 0 {
                // The same release, sent to both hubs at the same moment.
                let (sequence, body) = node.pending_envelopes().await.remove(0);
                let client = node.federation_client();
                let send = |hub: &HubProcess| {
                    client
                        .post(format!("{}/federation/v1/releases", hub.federation_url()))
                        .header("content-type", "application/json")
                        .body(body.clone())
                        .send()
                };
                let (ra, rb) = tokio::join!(send(&a), send(&b));
                let (ra, rb) = (ra.unwrap(), rb.unwrap());
                assert_eq!(
                    (ra.status(), rb.status()),
                    (StatusCode::OK, StatusCode::OK),
                    "release {sequence}"
                );
                assert_eq!(
                    ra.text().await.unwrap(),
                    rb.text().await.unwrap(),
                    "both answer alike"
                );
            }
            // Through the balancer: each sync opens a new connection, so syncs alternate.
            let report = node.sync().await;
            assert_eq!(report["items_refused"], 0, "{report}");
        }
    }

    let (_, network) = a.get("/api/v1/network").await;
    assert_eq!(network["records"]["release"], 36, "{network}");
    assert_eq!(network["records"]["measure_value"], 3 * 12 * 4, "{network}");
    let from_a = totals(&a).await;
    assert_eq!(from_a, totals(&b).await, "both hubs show the same network");
    for (measure, points) in &from_a {
        for p in points.as_array().unwrap() {
            let key = (measure.clone(), p["month"].as_str().unwrap().to_owned());
            assert_eq!(
                (
                    p["numerator"].as_u64().unwrap(),
                    p["denominator"].as_u64().unwrap()
                ),
                expected[&key],
                "{key:?}"
            );
            assert_eq!(p["clinics_contributing"], 3);
        }
    }
    // Both hubs took releases through the balancer, beyond the ones posted to each directly
    // (one each for every third month of every node).
    let metric = "tandem_federation_releases_total";
    let direct = (12 / 3) * nodes.len() as u64;
    let (via_a, via_b) = (
        a.metric(metric).await.saturating_sub(direct),
        b.metric(metric).await.saturating_sub(direct),
    );
    assert!(
        via_a > 0 && via_b > 0,
        "through the balancer: {via_a} and {via_b}"
    );
    for (node, _) in &nodes {
        let (_, status) = node.get("/status").await;
        assert_eq!(status["counts"]["pending"], 0, "{status}");
        assert_eq!(status["counts"]["errors"], 0, "{status}");
    }
}
