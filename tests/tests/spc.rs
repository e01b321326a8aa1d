#![allow(clippy::unwrap_used)]
//! The SPC engine on the hub: `POST /api/v1/spc`, and the dashboard's control charts.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess};

async fn post_spc(hub: &HubProcess, body: &str) -> (StatusCode, String, Value) {
    let response = hub
        .http()
        .post(format!("{}/api/v1/spc", hub.web_url()))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spc_endpoint_takes_the_cli_contract_and_refuses_bad_input() {
    let hub = HubProcess::start().await;
    // Montgomery's circuit boards (Introduction to SQC, Table 7.x): 26 samples, c̄ = 19.85,
    // UCL 33.22, LCL 6.48 as printed; samples 6 and 20 beyond the limits.
    let boards = [
        21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16,
        19, 17, 15,
    ];
    let (status, _, result) = post_spc(&hub, &json!({"chart": "c", "y": boards}).to_string()).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    let cl = result["points"][0]["cl"].as_f64().unwrap();
    assert!((cl - 19.846).abs() < 1e-3, "{result}");
    let beyond: Vec<usize> = result["points"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, p)| p["beyond_limits"] == true)
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(beyond, [6, 20]);

    for bad in [
        r#"{"chart": "u", "numerator": [1, 2], "denominator": [5]}"#,
        r#"{"chart": "nope", "y": [1]}"#,
        r#"{"chart": "run", "y": [1, 2, 3], "breaks": [7]}"#,
    ] {
        let (status, content_type, problem) = post_spc(&hub, bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {problem}");
        assert_eq!(content_type, "application/problem+json");
        assert!(problem["detail"].as_str().unwrap().len() > 10, "{problem}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_page_draws_a_p_chart_with_limits_and_signals() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    // A year at about 50 %, then a year at about 75 %: a sustained shift.
    let months: Vec<String> = (1..=12)
        .map(|m| format!("2024-{m:02}"))
        .chain((1..=12).map(|m| format!("2025-{m:02}")))
        .collect();
    for (i, month) in months.iter().enumerate() {
        let n = if i < 12 {
            100 + (i % 3) as u64 * 2
        } else {
            150 + (i % 3) as u64 * 2
        };
        let (status, body) = node
            .put(
                &format!("/measure-values/remission/{month}"),
                &json!({"numerator": n, "denominator": 200}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    node.release_and_approve(json!({"unreleased": true})).await;
    node.sync().await;
    let page = hub
        .http()
        .get(format!("{}/measures/remission", hub.web_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("p chart:"), "{page}");
    assert!(
        page.contains("stroke-dasharray=\"4 3\""),
        "limits are drawn"
    );
    assert!(
        page.contains("class=\"signal-beyond-limits\"") || page.contains("class=\"signal-run\""),
        "the shift is marked"
    );
    assert!(page.contains("<th scope=\"col\" class=\"num\">Control limits</th>"));
}
