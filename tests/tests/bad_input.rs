//! Bad input at the hub's federation API and at the node's local API: each gets a clear 4xx
//! with `application/problem+json`, and leaves nothing stored.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, assert_detail};

/// What a refused request got back.
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    problem: Value,
}

async fn refusal(response: reqwest::Response) -> Refusal {
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let problem: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_client_error(), "{status}: {problem}");
    assert_eq!(
        content_type.as_deref(),
        Some("application/problem+json"),
        "{problem}"
    );
    assert!(
        problem["detail"].as_str().is_some_and(|d| d.len() > 10),
        "a problem must say what is wrong: {problem}"
    );
    Refusal { status, problem }
}

/// Everything the hub holds that a bad request could have changed.
async fn hub_snapshot(hub: &HubProcess) -> Value {
    let (_, network) = hub.get("/api/v1/network").await;
    let (_, series) = hub.get("/api/v1/measures/remission/series").await;
    json!({ "records": network["records"]["measure_value"], "series": series["points"] })
}

fn envelope(key: &str, sequence: u64, items: Value) -> Value {
    json!({ "protocol_version": 1, "idempotency_key": key, "sequence": sequence, "items": items })
}

fn item(measure: &str, month: &str, n: Value, d: Value) -> Value {
    json!({ "kind": "measure_value", "item": {
        "measure": measure, "month": month, "numerator": n, "denominator": d, "suppressed": false } })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hub_refuses_bad_releases_clearly_and_stores_nothing() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let client = node.federation_client();
    let url = format!("{}/federation/v1/releases", hub.federation_url());
    let post = |body: Vec<u8>| {
        client
            .post(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let bytes = |v: &Value| serde_json::to_vec(v).unwrap();

    // One good release first, so that there is something that must not change.
    let good = envelope(
        "0b6f2d4e-8a51-4c1b-9d0e-7f3a2b1c5d60",
        1,
        json!([item("remission", "2026-03", json!(41), json!(60))]),
    );
    let response = post(bytes(&good)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let first_answer = response.text().await.unwrap();
    let before = hub_snapshot(&hub).await;

    let key = "7a3c1e2f-4b5d-4e6f-8a9b-0c1d2e3f4a5b";
    let cases: Vec<(&str, Vec<u8>, u16, &str, &str)> = vec![
        (
            "malformed JSON",
            b"{\"protocol_version\": 1, \"items\": [".to_vec(),
            400,
            "malformed-json",
            "not valid JSON",
        ),
        (
            "a wrong type",
            bytes(&envelope(
                key,
                2,
                json!([item("remission", "2026-04", json!("forty"), json!(60))]),
            )),
            422,
            "invalid-body",
            "at items[0]: invalid type: string \\\"forty\\\", expected u64",
        ),
        (
            "a negative count",
            bytes(&envelope(
                key,
                2,
                json!([item("remission", "2026-04", json!(-4), json!(60))]),
            )),
            422,
            "invalid-body",
            "integer `-4`",
        ),
        (
            "an impossible month",
            bytes(&envelope(
                key,
                2,
                json!([item("remission", "2026-13", json!(40), json!(60))]),
            )),
            422,
            "invalid-body",
            "YYYY-MM",
        ),
        (
            "another protocol version",
            bytes(
                &json!({"protocol_version": 9, "idempotency_key": key, "sequence": 2, "items": []}),
            ),
            400,
            "protocol-too-new",
            "this node speaks Tandem protocol 9, newer than the hub",
        ),
        (
            "an unknown item kind",
            bytes(&envelope(
                key,
                2,
                json!([{"kind": "patient", "item": {"name": "Jane Doe"}}]),
            )),
            422,
            "invalid-body",
            "unknown variant `patient`",
        ),
        (
            "an unknown measure",
            bytes(&envelope(
                key,
                2,
                json!([item("height", "2026-04", json!(40), json!(60))]),
            )),
            422,
            "release-rejected",
            "measure height is not defined",
        ),
        (
            "a numerator above its denominator",
            bytes(&envelope(
                "1a3c1e2f-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                3,
                json!([item("remission", "2026-04", json!(61), json!(60))]),
            )),
            422,
            "release-rejected",
            "numerator 61 is larger than denominator 60",
        ),
        (
            "a month in the future",
            bytes(&envelope(
                "2a3c1e2f-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                4,
                json!([item("remission", "2099-01", json!(40), json!(60))]),
            )),
            422,
            "release-rejected",
            "is in the future",
        ),
        (
            "a small cell released as it is",
            bytes(&envelope(
                "3a3c1e2f-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                5,
                json!([item("remission", "2026-04", json!(4), json!(60))]),
            )),
            422,
            "release-rejected",
            "minimum cell size of 11",
        ),
        (
            "a release out of order",
            bytes(&envelope(
                "4a3c1e2f-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                42,
                json!([item("remission", "2026-04", json!(40), json!(60))]),
            )),
            409,
            "out-of-order",
            "expects release 6",
        ),
        (
            "a replayed key with a different payload",
            bytes(&envelope(
                "0b6f2d4e-8a51-4c1b-9d0e-7f3a2b1c5d60",
                1,
                json!([item("remission", "2026-03", json!(42), json!(60))]),
            )),
            422,
            "conflicting-replay",
            "already used by release 1 with a different payload",
        ),
        (
            "a field beside kind and item",
            bytes(&envelope(
                key,
                6,
                json!([{"kind": "measure_value", "patient": "Jane Doe",
                        "item": {"measure": "remission", "month": "2026-04", "numerator": 40, "denominator": 60}}]),
            )),
            422,
            "invalid-body",
            "expected \\\"kind\\\" or \\\"item\\\"",
        ),
        (
            "HTML in a project's aim",
            bytes(&envelope(
                "5a3c1e2f-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                6,
                json!([{"kind": "project", "item": {"id": "6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d10",
                        "title": "Flare calls", "aim": "Fewer flares <img src=x onerror=alert(1)>",
                        "start": "2026-01"}}]),
            )),
            422,
            "release-rejected",
            "aim contains HTML markup at character 14 (<img…)",
        ),
        (
            "a direction override in a project's title",
            bytes(&envelope(
                "6a3c1e2f-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                7,
                json!([{"kind": "project", "item": {"id": "6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d10",
                        "title": "Flare \u{202E}sllac", "aim": "Fewer flares", "start": "2026-01"}}]),
            )),
            422,
            "release-rejected",
            "title contains an invisible character (a direction override) at character 7",
        ),
        (
            "an oversized body",
            vec![b' '; 9 * 1024 * 1024],
            413,
            "body-unreadable",
            "larger than this endpoint accepts",
        ),
    ];
    for (what, body, status, code, detail) in cases {
        let r = refusal(post(body).await.unwrap()).await;
        assert_eq!(r.status.as_u16(), status, "{what}: {}", r.problem);
        assert_eq!(
            r.problem["type"],
            format!("urn:tandem:problem:{code}"),
            "{what}: {}",
            r.problem
        );
        let text = format!("{} {}", r.problem["detail"], r.problem["errors"]);
        assert!(text.contains(detail), "{what}: {text}");
        assert_eq!(
            hub_snapshot(&hub).await,
            before,
            "{what} changed what the hub holds"
        );
    }

    // A wrong content type.
    let response = client
        .post(&url)
        .header("content-type", "text/plain")
        .body(bytes(&good))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refusal(response).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );

    // The same key with the same payload is a replay: the same answer, nothing added.
    let response = post(bytes(&good)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), first_answer);
    assert_eq!(hub_snapshot(&hub).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_node_api_refuses_bad_input_clearly_and_stores_nothing() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    // A server closes the connection after refusing a body it did not read (the oversized
    // one), so each request here takes a fresh connection rather than race that close.
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .default_headers(tandem_tests::kit::bearer(&node.token))
        .build()
        .unwrap();
    let (status, _) = node
        .put(
            "/measure-values/remission/2026-03",
            &json!({"numerator": 41, "denominator": 60}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, before) = node.get("/measure-values").await;

    let put = |path: &str, body: Vec<u8>| {
        http.put(format!("{}{path}", node.api))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let cases: Vec<(&str, &str, Vec<u8>, u16, &str)> = vec![
        (
            "malformed JSON",
            "/measure-values/remission/2026-04",
            b"{\"numerator\": ".to_vec(),
            400,
            "not valid JSON",
        ),
        (
            "a wrong type",
            "/measure-values/remission/2026-04",
            br#"{"numerator": "forty", "denominator": 60}"#.to_vec(),
            422,
            "at numerator",
        ),
        (
            "a negative count",
            "/measure-values/remission/2026-04",
            br#"{"numerator": -1, "denominator": 60}"#.to_vec(),
            422,
            "integer `-1`",
        ),
        (
            "an unknown field",
            "/measure-values/remission/2026-04",
            br#"{"numerator": 1, "denominator": 60, "patient": "Jane"}"#.to_vec(),
            422,
            "unknown field `patient`",
        ),
        (
            "an unknown measure",
            "/measure-values/height/2026-04",
            br#"{"numerator": 40, "denominator": 60}"#.to_vec(),
            422,
            "measure height is not defined",
        ),
        (
            "a numerator above its denominator",
            "/measure-values/remission/2026-04",
            br#"{"numerator": 41, "denominator": 40}"#.to_vec(),
            422,
            "numerator 41 is larger than denominator 40 for measure remission, 2026-04",
        ),
        (
            "a month in the future",
            "/measure-values/remission/2099-01",
            br#"{"numerator": 40, "denominator": 60}"#.to_vec(),
            422,
            "is in the future",
        ),
        (
            "an impossible month",
            "/measure-values/remission/2026-13",
            br#"{"numerator": 40, "denominator": 60}"#.to_vec(),
            422,
            "YYYY-MM",
        ),
        (
            "a body that contradicts the URL",
            "/measure-values/remission/2026-04",
            br#"{"month": "2026-05", "numerator": 40, "denominator": 60}"#.to_vec(),
            422,
            "does not match",
        ),
        (
            "an oversized body",
            "/measure-values/remission/2026-04",
            vec![b' '; 2 * 1024 * 1024],
            413,
            "larger than this endpoint accepts",
        ),
    ];
    for (what, path, body, status, detail) in cases {
        let r = refusal(put(path, body).await.unwrap()).await;
        assert_eq!(r.status.as_u16(), status, "{what}: {}", r.problem);
        assert!(
            r.problem["detail"].as_str().unwrap().contains(detail),
            "{what}: {}",
            r.problem
        );
        assert_eq!(
            node.get("/measure-values").await.1,
            before,
            "{what} changed what the node holds"
        );
    }
    let response = http
        .put(format!("{}/measure-values/remission/2026-04", node.api))
        .header("content-type", "text/plain")
        .body("40/60")
        .send()
        .await
        .unwrap();
    assert_eq!(
        refusal(response).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    // A path segment of the wrong kind is a problem too, not a line of plain text.
    for (path, detail) in [
        ("/releases/abc", "Cannot parse `abc`"),
        ("/releases/99999999999999999999", "Cannot parse"),
    ] {
        let response = http
            .get(format!("{}{path}", node.api))
            .send()
            .await
            .unwrap();
        let r = refusal(response).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.problem);
        assert!(
            r.problem["detail"].as_str().unwrap().contains(detail),
            "{path}: {}",
            r.problem
        );
    }

    // Records that point at nothing, and texts that would identify someone.
    let (status, problem) = node
        .post("/partnership-profiles", &json!({"subject": {"type": "project", "id": "6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d10"}, "place": "clinic"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_detail(&problem, "does not exist on this node");
    let (status, project) = node
        .post("/projects", &json!({"title": "Flare calls", "aim": "Call Dr Lee on 555-123-4567 for flares", "start": "2026-01"}))
        .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "a draft may hold anything; the gate is at release"
    );
    let one_project = json!({"items": [{"kind": "project", "id": project["id"]}]});
    let (status, preview) = node.post("/releases", &one_project).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(preview["approvable"], true, "{preview}");
    let payload = preview["payload"].as_str().unwrap();
    assert!(
        payload.contains("Call Dr [NAME-1] on [PHONE] for flares"),
        "{payload}"
    );
    assert!(!payload.contains("555"), "{payload}");
    let field = preview["review"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "aim")
        .unwrap()
        .clone();
    assert_eq!(field["original"], "Call Dr Lee on 555-123-4567 for flares");
    let phone = field["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["category"] == "PHONE")
        .unwrap();

    // A reviewer who removes that redaction cannot release the number: the gate still refuses.
    let choice = json!({
        "kind": "project", "id": project["id"], "field": field["field"],
        "text_sha256": field["text_sha256"], "action": "remove",
        "start": phone["start"], "end": phone["end"], "category": "PHONE",
        "decided_by": "Dr Lee"
    });
    let (status, recorded) = node.post("/redactions", &choice).await;
    assert_eq!(status, StatusCode::CREATED, "{recorded}");
    let mut stale = choice.clone();
    stale["text_sha256"] = json!("0".repeat(64));
    let (status, problem) = node.post("/redactions", &stale).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_detail(&problem, "has changed");
    let (status, preview) = node.post("/releases", &one_project).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(preview["approvable"], false);
    let aim = preview["review"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "aim")
        .unwrap()
        .clone();
    assert_eq!(aim["dismissed"][0]["category"], "PHONE", "{preview}");
    assert!(
        preview["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("a phone number"),
        "{preview}"
    );
    let (status, problem) = node
        .post(
            &format!("/releases/{}/approve", preview["id"]),
            &json!({"payload_sha256": preview["payload_sha256"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_detail(&problem, "cannot be approved");

    // Approving bytes other than those reviewed, or approving twice.
    let (_, preview) = node.post("/releases", &json!({"unreleased": false, "items": [{"kind": "measure_value", "id": "remission/2026-03"}]})).await;
    let approve = format!("/releases/{}/approve", preview["id"]);
    let (status, problem) = node
        .post(&approve, &json!({"payload_sha256": "0".repeat(64)}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_detail(&problem, "review it again");
    // An approval is the logged-in person's: it cannot be made in someone else's name.
    let (status, problem) = node
        .post(
            &approve,
            &json!({"approved_by": "Dr Lee", "payload_sha256": preview["payload_sha256"]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_detail(&problem, "recorded under the name of the person logged in");
    let (status, _) = node
        .post(
            &approve,
            &json!({"payload_sha256": preview["payload_sha256"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, problem) = node
        .post(
            &approve,
            &json!({"payload_sha256": preview["payload_sha256"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_detail(&problem, "already approved");
    let (_, outbox) = node.get("/outbox").await;
    assert_eq!(
        outbox.as_array().unwrap().len(),
        1,
        "one approval, one outbox row"
    );

    // Unknown routes and methods are problems too.
    let (status, problem) = node.get("/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
    let response = http
        .delete(format!("{}/projects", node.api))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refusal(response).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}
