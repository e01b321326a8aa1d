//! No log holds what a clinic keeps. A whole run with every process at `trace`, the most a
//! log can say: a roster, a narrative full of identifiers, measures with counts no port or
//! timing would show, a release approved and synced, a form sent from the team's pages, a
//! patient-level extract imported from the command line, the hub's commands. Then every log
//! of every binary is searched for what was planted.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use reqwest::StatusCode;
use serde_json::json;
use tandem_tests::database::Backend;
use tandem_tests::extract::{Synthetic, write};
use tandem_tests::kit::{HubProcess, NodeProcess, Session};

const PASSWORD: &str = "correct horse battery staple";

/// Identifiers and free text a log must never hold.
const PLANTED: [&str; 10] = [
    "Zephyrine",
    "Quillfeather",
    "Hannah",
    "Brooks",
    "00458213",
    "555-0172",
    "Thibodeau",
    "checklist helped",
    "flare diary",
    "P000123",
];

/// Counts, as whole numbers: "7919" inside "17919" or a hexadecimal id does not count.
const COUNTS: [&str; 2] = ["7919", "8837"];

fn holds_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
    })
}

#[test]
fn a_number_is_found_only_whole() {
    assert!(holds_number("numerator=7919 ok", "7919"));
    assert!(holds_number("7919", "7919"));
    assert!(!holds_number("port 17919, id 7919ab, 2.7919", "7919"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_log_of_any_binary_at_any_level_holds_a_planted_identifier_text_or_count() {
    let hub = HubProcess::start_with(Backend::for_hubs(), &[("RUST_LOG", "trace")]).await;
    let mut node = NodeProcess::start_enrolled(&hub, "riverside", "Riverside Children's").await;
    node.log_at("trace").await;
    node.sync().await;

    let (status, body) = node
        .put(
            "/roster",
            &json!({"roster": "# staff\nZephyrine Quillfeather\n"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, project) = node
        .post(
            "/projects",
            &json!({"title": "Huddles", "aim": "Complete scores at 90 % of visits",
                    "start": "2026-01", "measures": ["remission"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let (status, cycle) = node
        .post(
            "/cycles",
            &json!({
                "project": project["id"], "change_idea": "A pre-visit huddle",
                "plan": {"objective": "Try it for two weeks", "prediction": "Scores at 90 %",
                         "who": "Nurse lead", "what": "Review the list", "when": "Weekdays",
                         "where": "Team room", "data": "Complete scores"},
                "study": {"results": "Scores at 88 % of visits"},
                "act": {"decision": "adopt", "next_step": "Spread it"},
                "do": {"happened": "Hannah Brooks (MRN 00458213) joined on March 4; her \
                                    mother asked to be called on (416) 555-0172.",
                       "observations": "Brooks said the checklist helped; quillfeather ran it"},
                "start": "2026-01", "end": "2026-02", "status": "complete"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{cycle}");
    let (status, body) = node
        .put(
            "/measure-values/remission/2026-01",
            &json!({"numerator": 7919, "denominator": 8837}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // A refused value says what is wrong, and its figures stay out of the log too.
    let (status, _) = node
        .put(
            "/measure-values/remission/2026-02",
            &json!({"numerator": 8837, "denominator": 7919}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // The team's pages: a form with a name in it, and one the node refuses.
    let member = Session::from_link(&node.add_person("member", "Max"), PASSWORD).await;
    let fields = [
        ("title", "Flare diaries"),
        (
            "aim",
            "Every family keeps a flare diary, as Mrs Thibodeau suggested",
        ),
        ("start", "2026-03"),
        ("measure", "remission"),
    ];
    let saved = member.submit("/projects", &fields, true).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let mut refused = fields.to_vec();
    refused[2] = ("start", "Thibodeau");
    let refused = member.submit("/projects", &refused, true).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Release, approve exactly what was built, sync.
    let (status, preview) = node.post("/releases", &json!({"unreleased": true})).await;
    assert_eq!(status, StatusCode::CREATED, "{preview}");
    let (status, approved) = node
        .post(
            &format!("/releases/{}/approve", preview["id"]),
            &json!({"payload_sha256": preview["payload_sha256"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    node.sync().await;
    let (_, outbox) = node.get("/outbox").await;
    assert_eq!(outbox[0]["state"], "delivered", "{outbox}");

    // A patient-level extract, imported from the command line.
    let files = tempfile::tempdir().unwrap();
    let (paths, _) = write(files.path(), &Synthetic::small(7)).unwrap();
    let extract = std::fs::read_to_string(&paths[0]).unwrap();
    assert!(
        extract.contains("P000123,"),
        "the planted id is in the extract"
    );
    let mut args = vec!["import", "--extracted-on", "2026-11-20"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let import = node.cli(&args);
    assert!(import.status.success(), "{import:?}");
    let status = node.cli(&["status"]);
    let outbound = node.cli(&["outbound"]);
    let sync = node.cli(&["sync"]);
    assert!(sync.status.success(), "{sync:?}");
    let hub_commands = [
        hub.cli(&["clinic", "list"]),
        hub.cli(&["definitions", "show"]),
    ];

    let mut logs = vec![("the node's log", node.log()), ("the hub's log", hub.log())];
    for (what, out) in [
        ("tandem-node import", &import),
        ("tandem-node status", &status),
        ("tandem-node outbound", &outbound),
        ("tandem-node sync", &sync),
        ("tandem-hub clinic list", &hub_commands[0]),
        ("tandem-hub definitions show", &hub_commands[1]),
    ] {
        logs.push((what, String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    // The logs were written at trace level and saw the whole run: a check that reads empty
    // logs would pass for nothing.
    let (node_log, hub_log) = (&logs[0].1, &logs[1].1);
    for (what, log, needle) in [
        ("node", node_log, "TRACE"),
        ("node", node_log, "/api/v1/releases"),
        ("node", node_log, "/projects"),
        ("hub", hub_log, "TRACE"),
        ("hub", hub_log, "/federation/v1/releases"),
    ] {
        assert!(log.contains(needle), "the {what}'s log lacks {needle:?}");
    }
    assert!(
        logs[2].1.contains("rows/s"),
        "the import's progress: {}",
        logs[2].1
    );
    for (what, log) in &logs {
        assert!(
            !log.contains('\u{1b}'),
            "{what} has terminal colour codes, which a file or the journal keeps: {}",
            context(log, "\u{1b}")
        );
        for secret in PLANTED {
            assert!(
                !log.contains(secret),
                "{what} holds {secret:?}: {}",
                context(log, secret)
            );
        }
        for count in COUNTS {
            assert!(
                !holds_number(log, count),
                "{what} holds the count {count}: {}",
                context(log, count)
            );
        }
    }
}

/// The line of `log` that holds `needle`, for the failure message.
fn context<'a>(log: &'a str, needle: &str) -> &'a str {
    log.lines().find(|l| l.contains(needle)).unwrap_or("")
}
