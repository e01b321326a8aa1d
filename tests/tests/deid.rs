#![allow(clippy::unwrap_used)]
//! De-identification: the scrubber's goals on the labelled corpus, and a narrative full of
//! identifiers released end to end, of which the hub sees only placeholders.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_shared::privacy::scrub::{Category, Scrubber};
use tandem_tests::deid;
use tandem_tests::kit::{HubProcess, NodeProcess, assert_detail};

#[test]
fn the_scrubber_meets_its_goals_on_the_labelled_corpus() {
    let corpus = deid::corpus();
    assert!(corpus.len() >= 100, "{} documents", corpus.len());
    let report = deid::evaluate(&Scrubber::new(), &corpus);
    println!("{report}");
    for c in Category::ALL {
        assert!(
            report.category(c).labelled > 0,
            "the corpus has no {} span",
            c.label()
        );
    }
    let all = report.overall();
    assert!(all.recall() >= 0.98, "recall {:.3}\n{report}", all.recall());
    assert!(
        all.precision() >= 0.80,
        "precision {:.3}\n{report}",
        all.precision()
    );
    let names = report.category(Category::Name);
    assert!(
        names.typed_recall() >= 0.98,
        "names recall, each found as a name, {:.3}\n{report}",
        names.typed_recall()
    );
}

#[test]
fn the_corpus_markup_is_read_exactly() {
    let docs = deid::parse_corpus(
        "t",
        "# note\n---\nDr. {{NAME|Okafor}} on {{DATE|March 4}}.\n---\n",
    )
    .unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, "Dr. Okafor on March 4.");
    assert_eq!(
        docs[0].spans,
        [
            (4, 10, Some(Category::Name)),
            (14, 21, Some(Category::Date))
        ]
    );
    assert!(deid::parse_corpus("t", "{{NAME|x").is_err());
    assert!(deid::parse_corpus("t", "{{NOPE|x}}").is_err());
}

const NARRATIVE: &str = "Hannah Brooks (MRN 00458213) joined the huddle on March 4; her mother \
                         asked to be called on (416) 555-0172. Brooks said the checklist helped.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cycle_narrative_reaches_the_hub_as_placeholders_only() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "riverside", "Riverside Children's").await;
    node.sync().await;
    // The clinic's roster: a staff name no dictionary holds, as staff write it, in lower case.
    let (status, problem) = node
        .put(
            "/roster",
            &json!({"roster": "Zephyrine Quillfeather\nzq@example.org\n"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_detail(&problem, "roster line 2");
    let (status, roster) = node
        .put(
            "/roster",
            &json!({"roster": "# staff\nZephyrine Quillfeather\n"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{roster}");
    let (status, project) = node
        .post("/projects", &json!({"title": "Huddles", "aim": "Complete scores at 90 % of visits", "start": "2026-01"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let (status, cycle) = node
        .post(
            "/cycles",
            &json!({
                "project": project["id"], "change_idea": "A pre-visit huddle",
                "plan": {"objective": "Try it for two weeks", "prediction": "Scores at 90 %",
                         "who": "Nurse lead and a parent partner", "what": "Review tomorrow's list",
                         "when": "Weekdays at 4 pm", "where": "Team room", "data": "Complete scores"},
                "do": {"happened": NARRATIVE, "observations": "Families liked it; quillfeather ran the huddle"},
                "study": {"results": "Scores at 88 % of visits"},
                "act": {"decision": "adopt", "next_step": "Spread to the Friday clinic"},
                "start": "2026-01", "end": "2026-02", "status": "complete"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{cycle}");

    // The reviewer sees the original, the redacted text and each finding.
    let (status, preview) = node.post("/releases", &json!({"unreleased": true})).await;
    assert_eq!(status, StatusCode::CREATED, "{preview}");
    let field = preview["review"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|item| item["fields"].as_array().unwrap())
        .find(|f| f["field"] == "do.happened")
        .unwrap()
        .clone();
    assert_eq!(field["original"], NARRATIVE);
    let categories: Vec<&str> = field["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["category"].as_str().unwrap())
        .collect();
    for c in ["NAME", "ID", "DATE", "PHONE"] {
        assert!(categories.contains(&c), "{c} not found: {field}");
    }
    let expected = "[NAME-1] (MRN [ID]) joined the huddle on [DATE]; her mother asked to be \
                    called on [PHONE]. [NAME-1] said the checklist helped.";
    assert_eq!(field["redacted"], expected);

    // Approve, then change the draft: what leaves is still exactly what was approved.
    let (status, approved) = node
        .post(
            &format!("/releases/{}/approve", preview["id"]),
            &json!({"payload_sha256": preview["payload_sha256"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    let mut edited = cycle["record"].clone();
    edited["do"]["happened"] = json!("Changed after approval: call Hannah at 416-555-0199.");
    let (status, body) = node
        .put(
            &format!("/cycles/{}", cycle["id"].as_str().unwrap()),
            &edited,
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let pending = node.pending_envelopes().await;
    assert_eq!(pending.len(), 1);
    node.sync().await;

    let bodies = hub.stored_bodies("cycle").await;
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    let stored: Value = serde_json::from_str(&bodies[0]).unwrap();
    assert_eq!(stored["do"]["happened"], expected, "{stored}");
    assert!(
        stored["do"]["observations"]
            .as_str()
            .unwrap()
            .ends_with("[NAME-2] ran the huddle"),
        "{stored}"
    );
    // Nothing that was found reaches the hub, nor either side's log.
    let logs = format!("{}\n{}", node.log(), hub.log());
    assert!(logs.contains("release"), "the logs were read: {logs}");
    for secret in [
        "Hannah",
        "Brooks",
        "00458213",
        "March",
        // The phone numbers, not "555" alone: ports and timings in the logs may hold it.
        "555-0172",
        "555-0199",
        "Changed after approval",
        "quillfeather",
        "Quillfeather",
    ] {
        assert!(
            !bodies[0].contains(secret),
            "{secret} reached the hub: {}",
            bodies[0]
        );
        assert!(!logs.contains(secret), "{secret} was logged");
    }

    // The outbound log shows what left, with the hash that was approved.
    let (_, log) = node.get("/outbox").await;
    assert_eq!(log[0]["state"], "delivered", "{log}");
    assert_eq!(log[0]["payload_sha256"], preview["payload_sha256"]);
    assert_eq!(log[0]["approved_by"], tandem_tests::kit::KIT_NODE_LOGIN);
    assert!(log[0]["items"].to_string().contains("[NAME-1]"));
    assert!(!log[0]["items"].to_string().contains("Hannah"));
}
