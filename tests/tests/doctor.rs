//! `tandem-node doctor` and `tandem-hub doctor` on a real node and hub: every check OK on a healthy node, and each FAIL
//! it can print made to happen for real (a data directory others can read, an expired
//! certificate, an unreachable hub, a clock a day off through a man in the middle), each with
//! what to do and a non-zero exit.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tandem_node::store::{NodeStore, settings};
use tandem_tests::intercept::{ClockShift, Interceptor, set_hub};
use tandem_tests::kit::{HubProcess, NodeProcess};

/// Run the node's doctor; its exit status and what it printed.
fn doctor(node: &NodeProcess) -> (bool, String) {
    printed(&node.cli(&["doctor"]))
}

fn printed(out: &std::process::Output) -> (bool, String) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn line<'a>(text: &'a str, what: &str) -> &'a str {
    text.lines()
        .find(|l| l.get(6..).is_some_and(|rest| rest.starts_with(what)))
        .unwrap_or_else(|| panic!("no {what} line in:\n{text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_passes_a_healthy_node_and_names_each_failure_with_its_fix() {
    let mut hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;

    let (ok, text) = doctor(&node);
    assert!(ok, "{text}");
    for what in [
        "configuration",
        "permissions",
        "disk",
        "database",
        "schedule",
        "certificate",
        "hub",
        "last sync",
    ] {
        let l = line(&text, what);
        assert!(l.starts_with("OK "), "{l}\n{text}");
    }

    // A data directory others can read.
    let dir = node.dir().to_owned();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (ok, text) = doctor(&node);
    assert!(!ok, "{text}");
    let l = line(&text, "permissions");
    assert!(
        l.starts_with("FAIL") && l.contains("mode 755") && l.contains("chmod 700"),
        "{l}"
    );
    assert!(text.contains("1 check failed"), "{text}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();

    // A clock a day behind the hub's.
    let shift = Arc::new(ClockShift::default());
    let relay = Interceptor::start(&hub, &node, shift.clone()).await;
    shift.0.store(86_400, Ordering::SeqCst);
    let (ok, text) = doctor(&node);
    assert!(!ok, "{text}");
    let l = line(&text, "clock");
    assert!(
        l.starts_with("FAIL") && l.contains("1 day behind") && l.contains("timedatectl"),
        "{l}"
    );
    shift.0.store(60, Ordering::SeqCst);
    let (ok, text) = doctor(&node);
    assert!(ok, "a minute is within the tolerance: {text}");
    drop(relay);
    set_hub(&node, &hub.federation_url()).await;
    let (ok, text) = doctor(&node);
    assert!(ok, "{text}");

    // An expired certificate.
    let store = NodeStore::open(&node.dir().join("node.db")).await.unwrap();
    let good = store
        .setting(settings::CERT_NOT_AFTER)
        .await
        .unwrap()
        .unwrap();
    let past = (chrono::Utc::now() - chrono::Duration::days(2)).to_rfc3339();
    store
        .set_setting(settings::CERT_NOT_AFTER, &past)
        .await
        .unwrap();
    let (ok, text) = doctor(&node);
    assert!(!ok, "{text}");
    let l = line(&text, "certificate");
    assert!(
        l.starts_with("FAIL") && l.contains("expired on") && l.contains("enrol --force"),
        "{l}"
    );
    store
        .set_setting(settings::CERT_NOT_AFTER, &good)
        .await
        .unwrap();

    // The hub gone.
    hub.kill().await;
    let (ok, text) = doctor(&node);
    assert!(!ok, "{text}");
    let l = line(&text, "hub");
    assert!(
        l.starts_with("FAIL") && l.contains("cannot be reached"),
        "{l}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hub_doctor_checks_its_engine_ca_and_listeners() {
    let mut hub = HubProcess::start().await;
    // The test's directory was made by others' rules (mode 755), as an operator's may be.
    let dir = hub.dir().to_owned();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (ok, text) = printed(&hub.doctor());
    assert!(!ok, "{text}");
    let l = line(&text, "permissions");
    assert!(l.contains("mode 755") && l.contains("chmod 700"), "{l}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let (ok, text) = printed(&hub.doctor());
    assert!(ok, "{text}");
    for what in [
        "configuration",
        "permissions",
        "disk",
        "CA",
        "database",
        "definitions",
    ] {
        let l = line(&text, what);
        assert!(l.starts_with("OK "), "{l}\n{text}");
    }
    let engine = if hub.database_url().is_some() {
        "PostgreSQL 1"
    } else {
        "SQLite 3."
    };
    assert!(line(&text, "database").contains(engine), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("OK    listener"))
            .count(),
        2,
        "{text}"
    );

    // The CA's key readable by others.
    let key = hub.dir().join("ca/ca.key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (ok, text) = printed(&hub.doctor());
    assert!(!ok, "{text}");
    let l = line(&text, "permissions");
    assert!(l.starts_with("FAIL") && l.contains("chmod 600"), "{l}");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();

    // Stopped: its listeners are free, which is a warning, not a failure.
    hub.kill().await;
    let (ok, text) = printed(&hub.doctor());
    assert!(ok, "{text}");
    assert!(
        text.lines()
            .filter(|l| l.starts_with("WARN  listener") && l.contains("nothing answers"))
            .count()
            == 2,
        "{text}"
    );
}
