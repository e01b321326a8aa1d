//! Contract tests: the API fuzzer schemathesis, driven by each binary's own OpenAPI document,
//! against a live hub and a live node on loopback. Every check it has: no server error, every
//! status, content type and header as documented (errors as problem+json), every body
//! matching its schema, invalid input refused and valid input accepted.
//!
//! `./scripts/test` installs the pinned fuzzer into `target/contract-venv` and sets
//! `TANDEM_TEST_SCHEMATHESIS`; without it, a machine that lacks the fuzzer skips these tests
//! and says so. `TANDEM_CONTRACT_SEED` and `TANDEM_CONTRACT_EXAMPLES` change the run.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use reqwest::StatusCode;
use serde_json::json;
use tandem_tests::kit::{HubProcess, NodeProcess};

/// The fuzzer, if it is here; when the test script installed it, its absence is a failure.
fn fuzzer() -> Option<PathBuf> {
    if let Ok(program) = std::env::var("TANDEM_TEST_SCHEMATHESIS") {
        assert!(
            Path::new(&program).exists(),
            "the contract tests were asked for, but {program} is missing"
        );
        return Some(program.into());
    }
    let venv =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/contract-venv/bin/schemathesis");
    if venv.exists() {
        return Some(venv);
    }
    eprintln!("skipped: the contract tests need schemathesis (./scripts/test installs it)");
    None
}

/// Run the fuzzer on the document at `schema` with a bearer token; panics with its report
/// unless every check passed on every operation.
fn fuzz(program: &Path, name: &str, schema: &str, token: &str) {
    let seed = std::env::var("TANDEM_CONTRACT_SEED").unwrap_or_else(|_| "20261204".into());
    let examples = std::env::var("TANDEM_CONTRACT_EXAMPLES").unwrap_or_else(|_| "40".into());
    let reports = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/contract")
        .join(name);
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("contract/{name}.toml"));
    std::fs::create_dir_all(&reports).unwrap();
    let out = std::process::Command::new(program)
        // Its cache of crashes goes beside the reports, under target/.
        .current_dir(&reports)
        .arg("--config-file")
        .arg(&config)
        .args([
            "run",
            schema,
            "--checks",
            "all",
            "--workers",
            "1",
            "--no-color",
        ])
        .args(["--seed", &seed, "--max-examples", &examples])
        .args(["--request-timeout", "10", "--max-failures", "20"])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .arg("--report-dir")
        .arg(&reports)
        .args(["--report", "junit"])
        .env("SCHEMATHESIS_HOOKS", "")
        .output()
        .expect("schemathesis runs");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "schemathesis found failures in the {name}'s API (seed {seed}):\n{text}"
    );
    // What was tested, for the log of the run.
    if let Some(summary) = text.find("SUMMARY") {
        println!("{}", &text[summary..]);
    }
    // The run tested something: a document the fuzzer could not read also fails above, but an
    // empty one would pass.
    assert!(text.contains("passed"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hub_api_holds_to_its_openapi_document_under_fuzzing() {
    let Some(program) = fuzzer() else { return };
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    for (month, numerator) in [("2025-01", 40), ("2025-02", 42), ("2025-03", 45)] {
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
    hub.add_person("lead", "fuzz-lead@example.org", None);
    let token = hub.token_for("fuzz-lead@example.org");
    let schema = format!("{}/api/v1/openapi.json", hub.web_url());
    tokio::task::spawn_blocking(move || fuzz(&program, "hub", &schema, &token))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_node_api_holds_to_its_openapi_document_under_fuzzing() {
    let Some(program) = fuzzer() else { return };
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    // Something of each kind to read, release and approve, beside what the fuzzer makes; the
    // ids are in tests/contract/node.toml, so that the fuzzer's requests can name them.
    let project = "00000000-0000-4000-8000-000000000001";
    for (path, body) in [
        (
            "/projects",
            json!({"id": project, "title": "Fewer missed infusions",
                "aim": "Under 5 % missed by June", "start": "2025-01", "measures": ["remission"]}),
        ),
        (
            "/cycles",
            json!({"id": "00000000-0000-4000-8000-000000000002", "project": project,
                "change_idea": "A reminder call two days before", "start": "2025-02",
                "status": "doing",
                "plan": {"objective": "Fewer missed", "prediction": "", "who": "", "what": "",
                    "when": "", "where": "", "data": ""},
                "do": {"happened": "", "observations": ""}, "study": {"results": ""},
                "act": {"next_step": ""}}),
        ),
        (
            "/practices",
            json!({"id": "00000000-0000-4000-8000-000000000003", "title": "Reminder calls",
                "summary": "A call two days before each infusion", "detail": "Nurses call."}),
        ),
        (
            "/partnership-profiles",
            json!({"id": "00000000-0000-4000-8000-000000000004",
                "subject": {"type": "project", "id": project}, "place": "clinic"}),
        ),
    ] {
        let (status, created) = node.post(path, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{path}: {created}");
    }
    let (status, body) = node
        .put(
            "/measure-values/remission/2025-01",
            &json!({"numerator": 40, "denominator": 60}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    node.release_and_approve(json!({"unreleased": true})).await;
    node.post("/releases", &json!({"unreleased": true})).await;
    // A lead may call every operation; the fuzzer's token is theirs.
    node.add_person("lead", "Fuzz Lead");
    let token = node.token_for("Fuzz Lead");
    let schema = format!("{}/openapi.json", node.api);
    tokio::task::spawn_blocking(move || fuzz(&program, "node", &schema, &token))
        .await
        .unwrap();
}
