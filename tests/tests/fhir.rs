#![allow(clippy::unwrap_used)]
//! The hub's FHIR R4 exports, validated against FHIR's own JSON schema (vendored under
//! `tests/fhir/`): the network's `Measure`s, and `summary` `MeasureReport`s for the network and
//! for a clinic, a suppressed count masked and never sent as a number.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess};

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fhir/fhir.schema.json"
    ))
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft6::new(&schema).expect("FHIR's schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, what: &str, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid FHIR R4: {errors:#?}\n{doc:#}"
    );
}

async fn get(hub: &HubProcess, path: &str) -> (StatusCode, String, Value) {
    let r = hub
        .http()
        .get(format!("{}{path}", hub.web_url()))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measures_and_reports_validate_and_mask_suppressed_counts() {
    let v = validator();
    // The schema can fail: a report with a count written as text is refused.
    let broken = json!({"resourceType": "MeasureReport", "status": "complete", "type": "summary",
        "measure": "x", "period": {"start": "2025-01-01"}, "group": [{"population": [{"count": "12"}]}]});
    assert!(!v.is_valid(&broken), "the validator accepts anything");

    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    for (month, numerator) in [("2025-01", 40), ("2025-02", 3)] {
        let (status, body) = node
            .put(
                &format!("/measure-values/remission/{month}"),
                &json!({"numerator": numerator, "denominator": 60}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    node.release_and_approve(json!({"unreleased": true})).await;
    node.sync().await;

    let (status, kind, bundle) = get(&hub, "/api/v1/fhir/Measure").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/fhir+json; charset=utf-8");
    assert_valid(&v, "the Measure bundle", &bundle);
    let remission = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["id"] == "remission")
        .expect("the remission measure");
    assert_eq!(remission["scoring"]["coding"][0]["code"], "proportion");
    assert_eq!(
        remission["improvementNotation"]["coding"][0]["code"],
        "increase"
    );
    assert!(
        remission["version"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );

    // The clinic's January: counts and a score between 0 and 1.
    let (status, _, january) = get(
        &hub,
        "/api/v1/fhir/MeasureReport?measure=remission&period=2025-01&clinic=alder",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{january}");
    assert_valid(&v, "the clinic's January", &january);
    let report = &january["entry"][0]["resource"];
    assert_eq!(report["type"], "summary");
    assert_eq!(
        report["period"],
        json!({"start": "2025-01-01", "end": "2025-01-31"})
    );
    let counts: Vec<(String, Value)> = report["group"][0]["population"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"]["coding"][0]["code"].as_str().unwrap().to_owned(),
                p["count"].clone(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("initial-population".to_owned(), json!(60)),
            ("denominator".to_owned(), json!(60)),
            ("numerator".to_owned(), json!(40)),
        ]
    );
    let score = report["group"][0]["measureScore"]["value"]
        .as_f64()
        .unwrap();
    assert!((score - 40.0 / 60.0).abs() < 1e-9);
    assert_eq!(
        report["measure"].as_str().unwrap(),
        format!(
            "{}|{}",
            remission["url"].as_str().unwrap(),
            remission["version"].as_str().unwrap()
        ),
        "the report names the measure's canonical URL and version"
    );

    // February was a small cell: no count is a number, each is masked.
    let (_, _, february) = get(
        &hub,
        "/api/v1/fhir/MeasureReport?measure=remission&period=2025-02&clinic=alder",
    )
    .await;
    assert_valid(&v, "the clinic's February", &february);
    let text = february.to_string();
    assert!(!text.contains("\"count\""), "{text}");
    assert!(text.contains("\"valueCode\":\"masked\""), "{text}");
    assert!(!text.contains("\"value\":0.05"), "{text}");

    // The network's January, and a month nobody reported: an empty search set.
    let (_, _, network) = get(
        &hub,
        "/api/v1/fhir/MeasureReport?measure=remission&period=2025-01",
    )
    .await;
    assert_valid(&v, "the network's January", &network);
    assert_eq!(network["total"], 1);
    let (_, _, none) = get(
        &hub,
        "/api/v1/fhir/MeasureReport?measure=remission&period=2019-01",
    )
    .await;
    assert_valid(&v, "an empty search", &none);
    assert_eq!(none["total"], 0);

    // Bad searches say what to give.
    for (path, status) in [
        (
            "/api/v1/fhir/MeasureReport?period=2025-01",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/fhir/MeasureReport?measure=remission&period=January",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/fhir/MeasureReport?measure=nope&period=2025-01",
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/v1/fhir/MeasureReport?measure=remission&period=2025-01&clinic=nope",
            StatusCode::NOT_FOUND,
        ),
    ] {
        let (got, kind, problem) = get(&hub, path).await;
        assert_eq!(got, status, "{path}: {problem}");
        assert_eq!(kind, "application/problem+json", "{path}");
    }
}
