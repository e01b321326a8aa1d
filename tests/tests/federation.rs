//! The spine end to end: real hub and node processes on loopback, mutual TLS between them.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, assert_detail};

fn value(n: u64, d: u64) -> Value {
    json!({ "numerator": n, "denominator": d })
}

/// Per measure and month: (numerator sum, denominator sum, clinics contributing, clinics
/// suppressed), from what nodes actually sent (their outbound logs).
type Totals = BTreeMap<(String, String), (u64, u64, u64, u64)>;

async fn released_totals(nodes: &[&NodeProcess]) -> Totals {
    let mut totals = Totals::new();
    for node in nodes {
        let (_, log) = node.get("/outbox").await;
        // Later releases of the same value supersede earlier ones: keep the latest per key.
        let mut latest: BTreeMap<(String, String), Value> = BTreeMap::new();
        let mut entries: Vec<&Value> = log.as_array().unwrap().iter().collect();
        entries.sort_by_key(|e| e["sequence"].as_u64());
        for entry in entries {
            assert_eq!(entry["state"], "delivered", "{entry}");
            for item in entry["items"].as_array().unwrap() {
                if item["kind"] == "measure_value" {
                    let v = &item["item"];
                    let key = (
                        v["measure"].as_str().unwrap().to_owned(),
                        v["month"].as_str().unwrap().to_owned(),
                    );
                    latest.insert(key, v.clone());
                }
            }
        }
        for (key, v) in latest {
            let t = totals.entry(key).or_default();
            if v["suppressed"] == true {
                t.3 += 1;
            } else {
                t.0 += v["numerator"].as_u64().unwrap();
                t.1 += v["denominator"].as_u64().unwrap();
                t.2 += 1;
            }
        }
    }
    totals
}

async fn hub_totals(hub: &HubProcess) -> Totals {
    let mut totals = Totals::new();
    for measure in ["remission", "visit-score", "steroids", "admissions"] {
        let (status, series) = hub.get(&format!("/api/v1/measures/{measure}/series")).await;
        assert_eq!(status, StatusCode::OK, "{series}");
        for p in series["points"].as_array().unwrap() {
            totals.insert(
                (measure.to_owned(), p["month"].as_str().unwrap().to_owned()),
                (
                    p["numerator"].as_u64().unwrap(),
                    p["denominator"].as_u64().unwrap(),
                    p["clinics_contributing"].as_u64().unwrap(),
                    p["clinics_suppressed"].as_u64().unwrap(),
                ),
            );
        }
    }
    totals
}

async fn hub_count(hub: &HubProcess, what: &str) -> u64 {
    let (_, network) = hub.get("/api/v1/network").await;
    network["records"][what].as_u64().unwrap_or(0)
}

/// Record a clinic's six months, a project, a cycle, a partnership profile and a practice.
async fn record_half_year(node: &NodeProcess, size: u64) -> String {
    for (i, month) in [
        "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
    ]
    .iter()
    .enumerate()
    {
        let i = i as u64;
        let remission = size / 2 + i * size / 40;
        for (measure, v) in [
            ("remission", value(remission, size)),
            ("visit-score", value(size * 3 / 4, size)),
            ("steroids", value(size / 8, size)),
            ("admissions", value(size / 50 + i, size)),
        ] {
            let (status, body) = node
                .put(&format!("/measure-values/{measure}/{month}"), &v)
                .await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
    }
    let (status, project) = node
        .post(
            "/projects",
            &json!({
                "title": "Pre-visit planning",
                "aim": "Raise remission from 55 % to 70 % by June 2026",
                "measures": ["remission", "visit-score"],
                "start": "2026-01",
                "team": {"clinicians": 3, "other_staff": 1, "patient_partners": 2}
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let project_id = project["id"].as_str().unwrap().to_owned();
    let (status, cycle) = node
        .post(
            "/cycles",
            &json!({
                "project": project_id,
                "change_idea": "A ten-minute huddle the day before clinic",
                "plan": {"objective": "Test the huddle for two weeks", "prediction": "Scores recorded at 90 % of visits",
                         "who": "Nurse lead and a parent partner", "what": "Review tomorrow's list", "when": "Weekdays at 4 pm",
                         "where": "Team room", "data": "Visits with a complete score"},
                "do": {"happened": "Ran on 9 of 10 days", "observations": "Parents valued the call-backs"},
                "study": {"results": "Scores at 88 % of visits, up from 70 %"},
                "act": {"decision": "adopt", "next_step": "Spread to the Friday clinic"},
                "start": "2026-01", "end": "2026-02", "status": "complete"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{cycle}");
    assert_eq!(
        cycle["record"]["sequence"], 1,
        "the first cycle of a project is number 1"
    );
    let (status, profile) = node
        .post(
            "/partnership-profiles",
            &json!({
                "subject": {"type": "project", "id": project_id},
                "place": "clinic",
                "phases": {"design": "partner", "plan": "involved", "implement": "involved", "evaluate": "consulted"},
                "parity": {"patients": 2, "professionals": 4, "compensation": true, "preparation": true,
                           "support_contact": true, "shared_leadership": false, "power_balance": true, "vulnerability": true}
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{profile}");
    let (status, practice) = node
        .post(
            "/practices",
            &json!({
                "title": "Pre-visit planning huddle",
                "summary": "Before your visit, the team meets for a few minutes to get ready, so your time with them is spent on what matters to you.",
                "detail": "Daily ten-minute huddle; checklist of due labs and scores; a parent partner joins weekly.",
                "conditions": ["ibd"], "topics": ["visits"], "co_designed": true,
                "cycles": [cycle["id"]], "public": true, "show_clinic_name": true
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{practice}");
    practice["id"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_clinics_release_and_the_hub_holds_exactly_what_they_approved() {
    let hub = HubProcess::start().await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let birch = NodeProcess::start_enrolled(&hub, "birch", "Birch Valley").await;
    let cedar = NodeProcess::start_enrolled(&hub, "cedar", "Cedar Hill (small)").await;
    let nodes = [&alder, &birch, &cedar];
    for node in nodes {
        let report = node.sync().await;
        assert_eq!(
            report["definitions_version"], 1,
            "the first sync fetches the definitions"
        );
    }
    let mut practices = Vec::new();
    for (node, size) in [(&alder, 600), (&birch, 240), (&cedar, 16)] {
        practices.push(record_half_year(node, size).await);
    }
    for node in nodes {
        node.release_and_approve(json!({"unreleased": true})).await;
        // Recorded after the approval, and never approved: it must not leave.
        let (status, _) = node
            .put("/measure-values/remission/2026-07", &value(99, 100))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    for node in nodes {
        let report = node.sync().await;
        assert_eq!(report["releases_sent"], 1, "{report}");
        assert_eq!(report["items_refused"], 0, "{report}");
    }

    // The hub's network totals are the sums of what the nodes released, exactly.
    let expected = released_totals(&nodes).await;
    assert_eq!(expected.len(), 4 * 6);
    assert_eq!(hub_totals(&hub).await, expected);
    // The small clinic's cells were suppressed before they left, and the hub counts them.
    let (_, remission) = hub.get("/api/v1/measures/remission/series").await;
    assert!(
        remission["points"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["clinics_suppressed"] == 1),
        "{remission}"
    );
    // With the small clinic suppressed, two clinics remain: below the public tier's three.
    for measure in ["remission", "visit-score", "steroids", "admissions"] {
        let (_, series) = hub.get(&format!("/api/v1/measures/{measure}/series")).await;
        for p in series["points"].as_array().unwrap() {
            let counts = [&p["numerator"], &p["denominator"]].map(|c| c.as_u64().unwrap());
            let public = p["clinics_contributing"].as_u64().unwrap() >= 3
                && counts.iter().all(|&c| c == 0 || c >= 11);
            assert_eq!(p["public"], public, "{measure}: {p}");
        }
    }
    assert!(
        remission["points"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["public"] == false),
        "{remission}"
    );
    let (_, cedar_series) = hub
        .get("/api/v1/measures/remission/clinics/cedar/series")
        .await;
    assert!(
        cedar_series["points"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["suppressed"] == true && p["numerator"].is_null())
    );

    // The unapproved value never reached the hub.
    assert!(
        !remission["points"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["month"] == "2026-07")
    );
    assert_eq!(hub_count(&hub, "measure_value").await, 3 * 4 * 6);

    // A second sync sends nothing.
    let releases = hub_count(&hub, "release").await;
    assert_eq!(releases, 3);
    for node in nodes {
        let report = node.sync().await;
        assert_eq!(report["releases_sent"], 0, "{report}");
    }
    assert_eq!(hub_count(&hub, "release").await, releases);

    // Practices spread: every node now holds the network's catalogue, and a cycle can build on
    // another clinic's practice, keeping that provenance.
    for node in nodes {
        let (_, catalogue) = node.get("/catalogue").await;
        assert_eq!(catalogue.as_array().unwrap().len(), 3, "{catalogue}");
    }
    let (_, projects) = birch.get("/projects").await;
    let (status, cycle) = birch
        .post(
            "/cycles",
            &json!({
                "project": projects[0]["id"], "change_idea": "Try Alder's huddle",
                "from_practice": practices[0],
                "plan": {"objective": "Test it", "prediction": "", "who": "", "what": "", "when": "", "where": "", "data": ""},
                "do": {"happened": "", "observations": ""}, "study": {"results": ""},
                "act": {"next_step": ""}, "start": "2026-07", "status": "planning"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{cycle}");
    assert_eq!(cycle["record"]["sequence"], 2);
    birch
        .release_and_approve(json!({"items": [{"kind": "cycle", "id": cycle["id"]}]}))
        .await;
    let report = birch.sync().await;
    assert_eq!(report["items_accepted"], 1, "{report}");
    assert_eq!(hub_count(&hub, "cycle").await, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_killed_mid_sync_loses_nothing_and_duplicates_nothing() {
    let mut hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let first: tandem_shared::model::Month = "2010-03".parse().unwrap();
    let months: Vec<_> = first.through("2026-10".parse().unwrap()).collect();
    assert_eq!(months.len(), 200);
    for (i, month) in months.iter().enumerate() {
        let v = value(300 + i as u64, 900);
        let (status, _) = node
            .put(&format!("/measure-values/remission/{month}"), &v)
            .await;
        assert_eq!(status, StatusCode::CREATED);
        node.release_and_approve(json!({"unreleased": true})).await;
    }
    let (api, http) = (node.api.clone(), node.client());
    let sync = tokio::spawn(async move {
        http.post(format!("{api}/sync"))
            .send()
            .await
            .map(|r| r.status())
    });
    let mut stored = 0;
    for _ in 0..3_000 {
        stored = hub_count(&hub, "release").await;
        if stored >= 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(stored >= 5, "the sync never started");
    hub.kill().await;
    let status = tokio::time::timeout(Duration::from_secs(60), sync)
        .await
        .expect("the sync ends once the hub is gone")
        .unwrap()
        .unwrap();
    assert_eq!(
        status,
        StatusCode::BAD_GATEWAY,
        "the node reports the hub as unreachable"
    );

    hub.restart().await;
    let partial = hub_count(&hub, "release").await;
    assert!(
        partial > 0 && partial < 200,
        "the kill came mid-sync: {partial} of 200 stored"
    );
    let report = node.sync().await;
    assert_eq!(report["items_refused"], 0, "{report}");

    assert_eq!(hub_count(&hub, "release").await, 200);
    assert_eq!(hub_count(&hub, "measure_value").await, 200);
    assert_eq!(hub_totals(&hub).await, released_totals(&[&node]).await);
    let (_, errors) = node.get("/sync-errors").await;
    assert_eq!(errors, json!([]));
    let (_, status) = node.get("/status").await;
    assert_eq!(status["counts"]["pending"], 0, "{status}");
    assert_eq!(status["counts"]["delivered"], 200, "{status}");
}

/// A CA the hub has never seen, and a client certificate from it.
fn foreign_identity() -> reqwest::Identity {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::default();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "Impostor CA");
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::default();
    leaf.distinguished_name.push(DnType::CommonName, "alder");
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    reqwest::Identity::from_pem(format!("{}\n{}", cert.pem(), key.serialize_pem()).as_bytes())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_without_a_valid_certificate_are_refused_and_revocation_is_immediate() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let ca_pem = std::fs::read(node.dir().join("identity/hub-ca.crt")).unwrap();
    let ca = reqwest::Certificate::from_pem(&ca_pem).unwrap();
    let state = format!("{}/federation/v1/state", hub.federation_url());

    // No certificate: the TLS session is allowed (enrolment needs it), the route is not.
    let anonymous = reqwest::Client::builder()
        .tls_certs_only([ca.clone()])
        .build()
        .unwrap();
    let response = anonymous.get(&state).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_detail(&problem, "client certificate");
    let releases = format!("{}/federation/v1/releases", hub.federation_url());
    let response = anonymous
        .post(&releases)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        hub.metric("tandem_federation_unauthenticated_total").await,
        2
    );

    // A certificate from another CA: the handshake itself fails, and the hub says so.
    let refused_before = hub.metric("tandem_federation_tls_refused_total").await;
    let impostor = reqwest::Client::builder()
        .tls_certs_only([ca])
        .identity(foreign_identity())
        .build()
        .unwrap();
    let result = impostor.get(&state).send().await;
    assert!(
        result.is_err(),
        "a foreign certificate got an answer: {result:?}"
    );
    let mut refused = refused_before;
    for _ in 0..100 {
        refused = hub.metric("tandem_federation_tls_refused_total").await;
        if refused > refused_before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        refused > refused_before,
        "the hub did not record the refused handshake"
    );

    // The node's own certificate works, until the clinic is revoked.
    let own = node.federation_client();
    assert_eq!(
        own.get(&state).send().await.unwrap().status(),
        StatusCode::OK
    );
    let out = hub.cli(&["clinic", "revoke", "alder"]);
    assert!(out.status.success(), "{out:?}");
    let response = own.get(&state).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (status, problem) = node.post("/sync", &Value::Null).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    // The advice is what the hub will do: no new code for a removed clinic, a new id instead.
    assert_detail(&problem, "removed from the network");
    assert_detail(&problem, "under a new id");
    let detail = problem["detail"].as_str().unwrap();
    assert!(!detail.contains("new enrolment code"), "{detail}");
    let out = hub.cli(&["clinic", "code", "alder"]);
    assert!(!out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("under a new id"),
        "{out:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_item_goes_to_the_error_list_and_the_rest_still_lands() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    for (month, n) in [("2026-01", 30), ("2026-02", 15), ("2026-03", 32)] {
        let (status, _) = node
            .put(&format!("/measure-values/remission/{month}"), &value(n, 60))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    node.release_and_approve(json!({"unreleased": true})).await;

    // Meanwhile the network raises its minimum cell size to 20: the node's 15 no longer passes.
    let stricter = std::fs::read_to_string(tandem_tests::kit::definitions_file())
        .unwrap()
        .replace("min_cell_size = 11", "min_cell_size = 20");
    let file = hub.dir().join("stricter.toml");
    std::fs::write(&file, stricter).unwrap();
    let out = hub.cli(&["definitions", "load", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");

    let report = node.sync().await;
    assert_eq!(report["items_accepted"], 2, "{report}");
    assert_eq!(report["items_refused"], 1, "{report}");
    assert_eq!(
        report["definitions_version"], 2,
        "the new policy arrives in the same sync"
    );
    let (_, errors) = node.get("/sync-errors").await;
    assert_eq!(
        errors[0]["item"], "measure_value/remission/2026-02",
        "{errors}"
    );
    assert_eq!(errors[0]["code"], "small-cell", "{errors}");
    let (_, series) = hub.get("/api/v1/measures/remission/series").await;
    let months: Vec<_> = series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["month"].clone())
        .collect();
    assert_eq!(months, [json!("2026-01"), json!("2026-03")]);

    // Released again under the new policy, the value is suppressed, and accepted.
    let (status, _) = node
        .put("/measure-values/remission/2026-02", &value(15, 61))
        .await;
    assert_eq!(status, StatusCode::OK);
    node.release_and_approve(json!({"unreleased": true})).await;
    let report = node.sync().await;
    assert_eq!(
        (
            report["items_accepted"].as_u64(),
            report["items_refused"].as_u64()
        ),
        (Some(1), Some(0)),
        "{report}"
    );
    let (_, series) = hub.get("/api/v1/measures/remission/series").await;
    assert_eq!(series["points"][1]["clinics_suppressed"], 1, "{series}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_renews_its_certificate_before_it_expires() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let report = node.sync().await;
    assert_eq!(report["certificate_renewed"], false);
    let before = std::fs::read_to_string(node.dir().join("identity/node.crt")).unwrap();
    let key_before = std::fs::read_to_string(node.dir().join("identity/node.key")).unwrap();

    // Eighty of its ninety days have passed.
    let issued = (chrono::Utc::now() - chrono::Duration::days(80)).to_rfc3339();
    let db = node.dir().join("node.db");
    {
        use sqlx::Connection;
        let url = format!("sqlite://{}", db.display());
        let mut conn = sqlx::sqlite::SqliteConnection::connect(&url).await.unwrap();
        let not_after = (chrono::Utc::now() + chrono::Duration::days(10)).to_rfc3339();
        for (key, value) in [
            ("certificate_issued_at", &issued),
            ("certificate_not_after", &not_after),
        ] {
            sqlx::query("UPDATE settings SET value = ? WHERE key = ?")
                .bind(value)
                .bind(key)
                .execute(&mut conn)
                .await
                .unwrap();
        }
    }

    let report = node.sync().await;
    assert_eq!(report["certificate_renewed"], true, "{report}");
    let after = std::fs::read_to_string(node.dir().join("identity/node.crt")).unwrap();
    assert_ne!(before, after, "a new certificate");
    assert_ne!(
        key_before,
        std::fs::read_to_string(node.dir().join("identity/node.key")).unwrap(),
        "with a new key"
    );
    let report = node.sync().await;
    assert_eq!(report["certificate_renewed"], false, "{report}");
    let (_, status) = node.get("/status").await;
    let not_after =
        chrono::DateTime::parse_from_rfc3339(status["certificate_not_after"].as_str().unwrap())
            .unwrap();
    assert!(
        not_after > chrono::Utc::now() + chrono::Duration::days(89),
        "{status}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serving_node_syncs_by_itself_on_its_schedule() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start(&hub, "alder", "Alder Children's", Some("* * * * * *")).await;
    // The scheduled sync fetches the definitions; without them nothing can be recorded.
    let mut recorded = false;
    for _ in 0..100 {
        let (status, _) = node
            .put("/measure-values/remission/2026-01", &value(30, 60))
            .await;
        if status == StatusCode::CREATED {
            recorded = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        recorded,
        "the node never fetched the definitions:\n{}",
        node.log()
    );
    node.release_and_approve(json!({"unreleased": true})).await;
    for _ in 0..100 {
        if hub_count(&hub, "measure_value").await == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the scheduled sync never delivered the release:\n{}",
        node.log()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_on_a_protocol_the_hub_does_not_speak_is_told_what_to_install() {
    use tandem_shared::protocol::{OLDEST_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION};
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let (status, _) = node
        .put("/measure-values/remission/2026-01", &value(30, 60))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    node.release_and_approve(json!({"unreleased": true})).await;
    let client = node.federation_client();
    let state = format!("{}/federation/v1/state", hub.federation_url());

    // The node's own requests say its version, and the hub speaks it.
    let answer = client.get(&state).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let version = env!("CARGO_PKG_VERSION");
    let older = u64::from(OLDEST_PROTOCOL_VERSION) - 1;
    let newer = u64::from(PROTOCOL_VERSION) + 1;
    for (header, status, needle) in [
        (
            older.to_string(),
            426,
            format!("install tandem-node {version} or later"),
        ),
        (
            newer.to_string(),
            400,
            "must upgrade tandem-hub before this node can sync".to_owned(),
        ),
        ("one".to_owned(), 400, "must be a whole number".to_owned()),
    ] {
        let answer = client
            .get(&state)
            .header(PROTOCOL_HEADER, &header)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status().as_u16(), status, "{header}");
        assert_eq!(answer.headers()["content-type"], "application/problem+json");
        let problem: Value = answer.json().await.unwrap();
        assert_detail(&problem, &needle);
    }

    // A release whose body says an older protocol is refused the same way, and not stored.
    let (_, body) = node.pending_envelopes().await.remove(0);
    let mut release: Value = serde_json::from_slice(&body).unwrap();
    release["protocol_version"] = json!(older);
    let (status, problem) = node.send_raw_release(&hub, &release).await;
    assert_eq!(status.as_u16(), 426, "{problem}");
    assert_detail(&problem, &format!("install tandem-node {version} or later"));
    assert_eq!(hub_count(&hub, "measure_value").await, 0);
    // The same release as the node built it still lands: its protocol is the hub's.
    node.sync().await;
    assert_eq!(hub_count(&hub, "measure_value").await, 1);
}
