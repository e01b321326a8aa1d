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
