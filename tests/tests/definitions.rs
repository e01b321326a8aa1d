//! The network's definitions reach a node one version at a time, signed by the network's CA:
//! a node applies a version only if its exact bytes verify, only the version that follows its
//! own, and a sync that stops half-way leaves the last applied version in force. Tampering is
//! done by a real man in the middle on loopback ([`tandem_tests::intercept`]).

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;
use tandem_node::store::NodeStore;
use tandem_shared::protocol::SIGNATURE_HEADER;
use tandem_tests::intercept::{Interceptor, Tamper, set_hub};
use tandem_tests::kit::{HubProcess, NodeProcess, assert_detail, definitions_file};

/// What the man in the middle does to the definitions the node asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Pass,
    /// One byte of the body changed, the signature kept.
    Tamper,
    /// The signature header removed.
    Unsigned,
    /// Asked for version N, it fetches N + 1 (which the hub signed).
    Skip,
    /// Version 3 is unavailable (the sync stops there).
    FailAtThree,
}

#[derive(Debug)]
struct Definitions {
    mode: Mutex<Mode>,
    /// The definitions versions asked for, in order.
    asked: Mutex<Vec<String>>,
}

impl Definitions {
    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }
}

fn version_asked(target: &str) -> Option<&str> {
    target.strip_prefix("/federation/v1/definitions?version=")
}

impl Tamper for Definitions {
    fn request(&self, target: &str) -> Result<String, u16> {
        let Some(version) = version_asked(target) else {
            return Ok(target.to_owned());
        };
        self.asked.lock().unwrap().push(version.to_owned());
        match *self.mode.lock().unwrap() {
            Mode::FailAtThree if version == "3" => Err(503),
            Mode::Skip => Ok(format!(
                "/federation/v1/definitions?version={}",
                version.parse::<u64>().unwrap() + 1
            )),
            _ => Ok(target.to_owned()),
        }
    }

    fn answer(&self, target: &str, headers: &mut HeaderMap, body: &mut Vec<u8>) {
        if version_asked(target).is_none() {
            return;
        }
        match *self.mode.lock().unwrap() {
            Mode::Unsigned => {
                headers.remove(SIGNATURE_HEADER);
            }
            Mode::Tamper => {
                let text = String::from_utf8(std::mem::take(body)).unwrap();
                assert!(text.contains("Patients in remission"), "{text}");
                *body = text
                    .replace("Patients in remission", "Patients in remissioN")
                    .into_bytes();
            }
            _ => {}
        }
    }
}

async fn node_version(node: &NodeProcess) -> u64 {
    let store = NodeStore::open(&node.dir().join("node.db")).await.unwrap();
    store.definitions().await.unwrap().unwrap().version
}

/// Publish the shipped definitions with one measure's title changed: a new version.
fn publish(hub: &HubProcess, title: &str) {
    let text = std::fs::read_to_string(definitions_file()).unwrap();
    let changed = text.replacen(
        "title = \"Unplanned hospital admissions\"",
        &format!("title = \"{title}\""),
        1,
    );
    assert_ne!(text, changed);
    let file = hub.dir().join("definitions-next.toml");
    std::fs::write(&file, changed).unwrap();
    let out = hub.cli(&["definitions", "load", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
}

async fn sync_refused(node: &NodeProcess) -> Value {
    let (status, problem) = node.post("/sync", &Value::Null).await;
    assert!(
        status.is_client_error() || status.is_server_error(),
        "{status} {problem}"
    );
    problem
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definitions_apply_in_order_only_as_the_hub_signed_them() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "riverside", "Riverside Children's").await;
    let first = node.sync().await;
    assert_eq!(first["definitions_version"], 1, "{first}");
    publish(&hub, "Unplanned admissions (v2)");
    publish(&hub, "Unplanned admissions (v3)");
    publish(&hub, "Unplanned admissions (v4)");

    // The hub answers each version with its signature, and says which versions it lacks.
    let client = node.federation_client();
    let url = format!("{}/federation/v1/definitions", hub.federation_url());
    let answer = client.get(format!("{url}?version=2")).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let signature = answer.headers()[SIGNATURE_HEADER]
        .to_str()
        .unwrap()
        .to_owned();
    let body = answer.bytes().await.unwrap();
    tandem_node::identity::verify_signed(node.dir(), &body, &signature).unwrap();
    let mut other = body.to_vec();
    other[10] ^= 1;
    assert!(tandem_node::identity::verify_signed(node.dir(), &other, &signature).is_err());
    for (query, status) in [
        ("?version=9", 404),
        ("?version=two", 400),
        ("?since=2", 400),
    ] {
        let answer = client.get(format!("{url}{query}")).send().await.unwrap();
        assert_eq!(answer.status().as_u16(), status, "{query}");
        assert_eq!(
            answer.headers()["content-type"],
            "application/problem+json",
            "{query}"
        );
    }

    let proxy = Arc::new(Definitions {
        mode: Mutex::new(Mode::Pass),
        asked: Mutex::new(Vec::new()),
    });
    let _relay = Interceptor::start(&hub, &node, proxy.clone()).await;
    // A body changed on the way, a signature removed, a version skipped: each is refused,
    // the node says why, and version 1 stays in force.
    for (mode, why) in [
        (
            Mode::Tamper,
            "definitions version 2 cannot be used: the answer is not signed by the network's \
             hub; the node keeps version 1",
        ),
        (
            Mode::Unsigned,
            "the answer carries no signature; the node keeps version 1",
        ),
        (
            Mode::Skip,
            "version 2 cannot be used: the hub sent version 3 instead; the node keeps version 1",
        ),
    ] {
        proxy.set(mode);
        let problem = sync_refused(&node).await;
        assert_detail(&problem, why);
        assert_eq!(node_version(&node).await, 1, "{mode:?}");
    }
    let (_, status) = node.get("/status").await;
    assert!(
        status.to_string().contains("the node keeps version 1"),
        "the last sync's error is shown: {status}"
    );

    // A sync that stops half-way keeps what it applied; the next one goes on from there,
    // one version at a time.
    proxy.asked.lock().unwrap().clear();
    proxy.set(Mode::FailAtThree);
    sync_refused(&node).await;
    assert_eq!(node_version(&node).await, 2);
    proxy.set(Mode::Pass);
    let report = node.sync().await;
    assert_eq!(report["definitions_version"], 4, "{report}");
    assert_eq!(*proxy.asked.lock().unwrap(), ["2", "3", "3", "4"]);
    let store = NodeStore::open(&node.dir().join("node.db")).await.unwrap();
    let applied = store.definitions().await.unwrap().unwrap();
    assert!(
        applied
            .measures
            .iter()
            .any(|m| m.title == "Unplanned admissions (v4)"),
        "{applied:?}"
    );

    // Straight to the hub again: nothing new, nothing fetched.
    set_hub(&node, &hub.federation_url()).await;
    let report = node.sync().await;
    assert_eq!(report["definitions_version"], Value::Null, "{report}");
}

/// A release the node approved under definitions N, arriving after the network published
/// N + 1: for [`DEFINITIONS_GRACE_DAYS`] its items are checked against N (a measure N + 1
/// renamed is still taken), but under N + 1's disclosure policy (a count N allowed and N + 1
/// does not is refused at once). After the window, and from a node that states no version,
/// they are checked against N + 1, and the refusal says what to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_made_under_the_previous_definitions_is_taken_within_the_window() {
    use tandem_shared::protocol::DEFINITIONS_GRACE_DAYS;
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    assert_eq!(node_version(&node).await, 1);
    for (path, n) in [
        ("/measure-values/visit-score/2025-01", 30),
        ("/measure-values/remission/2025-01", 15),
    ] {
        let (status, body) = node
            .put(
                path,
                &serde_json::json!({"numerator": n, "denominator": 60}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    node.release_and_approve(serde_json::json!({"unreleased": true}))
        .await;

    // Version 2 renames visit-score and raises the smallest count that may be released.
    let text = std::fs::read_to_string(definitions_file()).unwrap();
    let next = text
        .replacen("id = \"visit-score\"", "id = \"complete-score\"", 1)
        .replacen("min_cell_size = 11", "min_cell_size = 20", 1);
    assert_ne!(text, next);
    let file = hub.dir().join("definitions-2.toml");
    std::fs::write(&file, next).unwrap();
    let out = hub.cli(&["definitions", "load", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");

    let report = node.sync().await;
    assert_eq!(node_version(&node).await, 2, "{report}");
    assert_eq!(report["items_accepted"], 1, "{report}");
    assert_eq!(report["items_refused"], 1, "{report}");
    let (_, errors) = node.get("/sync-errors").await;
    let refused: Vec<&str> = errors
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["item"].as_str())
        .collect();
    assert_eq!(
        refused,
        ["measure_value/remission/2025-01"],
        "the renamed measure is taken under version 1, the small count is refused under \
         version 2's policy: {errors}"
    );

    // Once version 2 is older than the window, a release stated as made under 1 is checked
    // against 2, and the refusal tells the clinic what to do.
    let published = chrono::Utc::now() - chrono::Duration::days(DEFINITIONS_GRACE_DAYS + 1);
    hub.set_times(
        "UPDATE definitions SET created_at = $1 WHERE version = 2",
        &[published],
    )
    .await;
    let item = |month: &str| {
        serde_json::json!([{ "kind": "measure_value", "item": {"measure": "visit-score",
            "month": month, "numerator": 30, "denominator": 60, "suppressed": false}}])
    };
    let late = serde_json::json!({"protocol_version": 1, "sequence": 2,
        "idempotency_key": "6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d11", "definitions_version": 1,
        "items": item("2025-02")});
    // Every item refused: the release is answered 422, each reason under `errors`.
    let (status, answer) = node.send_raw_release(&hub, &late).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let reason = answer["errors"][0]["message"].as_str().unwrap();
    assert!(
        reason.contains("under definitions version 1")
            && reason.contains(&format!("more than {DEFINITIONS_GRACE_DAYS} days ago"))
            && reason.contains("sync the node to fetch version 2"),
        "{answer}"
    );
    // A node that states no version is checked against the current definitions.
    let unstated = serde_json::json!({"protocol_version": 1, "sequence": 3,
        "idempotency_key": "6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d12", "items": item("2025-03")});
    let (status, answer) = node.send_raw_release(&hub, &unstated).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["errors"][0]["code"], "unknown-measure", "{answer}");
    assert!(
        !answer.to_string().contains("under definitions version"),
        "{answer}"
    );
}
