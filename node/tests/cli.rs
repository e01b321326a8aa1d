//! The `tandem-node` command line refuses bad input with one clear line and a non-zero exit.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output};

fn node(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem-node"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("TANDEM_NODE_CONFIG")
        .env_remove("RUST_LOG")
        .output()
        .expect("tandem-node runs")
}

fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    assert_eq!(
        stderr.lines().count(),
        1,
        "expected one line, got:\n{stderr}"
    );
    assert!(stderr.starts_with("tandem-node: "), "{stderr}");
    stderr
}

#[test]
fn commands_before_init_say_to_init() {
    let dir = tempfile::tempdir().unwrap();
    let line = failure(&node(&dir.path().join("absent"), &["status"]));
    assert!(line.contains("run `tandem-node init` first"), "{line}");
}

#[test]
fn init_twice_and_bad_schedules_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("node");
    let line = failure(&node(&data, &["init", "--sync-schedule", "hourly"]));
    assert!(line.contains("sync_schedule \"hourly\""), "{line}");
    assert!(node(&data, &["init"]).status.success());
    let line = failure(&node(&data, &["init"]));
    assert!(line.contains("already initialised"), "{line}");
    let status = node(&data, &["status"]);
    assert!(status.status.success());
    assert!(String::from_utf8_lossy(&status.stdout).contains("not enrolled"));
}

#[test]
fn enrolment_with_a_bad_code_or_url_is_refused_before_any_contact() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("node");
    assert!(node(&data, &["init"]).status.success());
    let code = "7KQ2-M9XD-4WPM-R8TA-V3NE.0123456789abcdef0123456789abcdef";
    let line = failure(&node(
        &data,
        &["enrol", "--hub", "http://127.0.0.1:9", "--code", code],
    ));
    assert!(line.contains("is not an https:// URL"), "{line}");
    let line = failure(&node(
        &data,
        &["enrol", "--hub", "https://127.0.0.1:9", "--code", "12345"],
    ));
    assert!(line.contains("expected form"), "{line}");
    let line = failure(&node(
        &data,
        &["enrol", "--hub", "https://127.0.0.1:9", "--code", code],
    ));
    assert!(line.contains("cannot reach the hub"), "{line}");
    let line = failure(&node(&data, &["sync"]));
    assert!(line.contains("not enrolled"), "{line}");
}

/// `tandem-node deid` with `input` on standard input, run from an empty directory.
fn deid(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem-node"))
        .arg("deid")
        .args(args)
        .current_dir(dir.path())
        .env_remove("TANDEM_NODE_DATA_DIR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("tandem-node runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "deid must not create a data directory"
    );
    out
}

#[test]
fn deid_redacts_plain_text_and_jsonl() {
    let out = deid(
        &[],
        "Dr. Okafor called 416-555-0172 on 14 May 2025.\n".as_bytes(),
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Dr. [NAME-1] called [PHONE] on [DATE].\n"
    );

    let input = "{\"id\": \"n1\", \"text\": \"Mme Gagnon, le 3 juillet\"}\n{\"id\": 7, \"text\": \"nothing here\"}\n";
    let out = deid(&["--jsonl"], input.as_bytes());
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["id"], "n1");
    assert_eq!(lines[0]["redacted"], "Mme [NAME-1], le [DATE]");
    assert_eq!(
        lines[0]["findings"],
        serde_json::json!([
            {"start": 4, "end": 10, "category": "NAME"},
            {"start": 15, "end": 24, "category": "DATE"}
        ])
    );
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["findings"], serde_json::json!([]));
}

#[test]
fn deid_uses_a_roster_and_names_its_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.txt");
    std::fs::write(&roster, "# staff\nHope Grant\n").unwrap();
    let out = deid(
        &["--roster", roster.to_str().unwrap()],
        b"Hope Grant ran it; we hope for a grant.",
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(out.stdout, b"[NAME-1] ran it; we hope for a grant.");

    std::fs::write(&roster, "Hope Grant\nroom 412\n").unwrap();
    let line = failure(&deid(&["--roster", roster.to_str().unwrap()], b"x"));
    assert!(line.contains("roster line 2"), "{line}");
    let line = failure(&deid(&["--roster", "/nonexistent/roster.txt"], b"x"));
    assert!(line.contains("cannot read the roster"), "{line}");
}

#[test]
fn deid_refuses_input_that_is_not_text() {
    let line = failure(&deid(&[], b"caf\xe9 au lait"));
    assert!(line.contains("not UTF-8"), "{line}");
    let line = failure(&deid(&[], b"a\x00b"));
    assert!(line.contains("U+0000"), "{line}");
    let out = deid(&["--jsonl"], b"{\"id\": 1, \"text\": \"ok\"}\nnot json\n");
    let line = failure(&out);
    assert!(line.contains("line 2"), "{line}");
    assert!(out.stdout.is_empty(), "nothing is half-written");
}
