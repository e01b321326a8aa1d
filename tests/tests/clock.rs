//! Clocks and certificates: a node whose clock is off from the hub's by minutes keeps syncing
//! and says nothing; off by a day, it keeps syncing and tells its operator, in the status, the
//! command line, the log and the sync page in both languages. The hub's clock is shifted by a
//! real man in the middle that rewrites the `Date` of each answer. An expired certificate is
//! refused, and a renewed node's old certificate keeps working until it expires.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::sync::Arc;
use std::sync::atomic::Ordering;

use chrono::Utc;
use tandem_tests::intercept::{ClockShift as Shift, Interceptor};
use tandem_tests::kit::{HubProcess, NodeProcess, Session};

const PASSWORD: &str = "correct horse battery staple";

async fn offset(node: &NodeProcess) -> i64 {
    let (_, status) = node.get("/status").await;
    status["clock_offset_seconds"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clock_off_by_minutes_is_tolerated_and_off_by_a_day_is_reported() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    assert!(offset(&node).await.abs() <= 2, "the same machine's clock");
    let cli = String::from_utf8(node.cli(&["status"]).stdout).unwrap();
    assert!(cli.contains("clock:        right"), "{cli}");

    let member = Session::from_link(&node.add_person("member", "Max"), PASSWORD).await;
    let shift = Arc::new(Shift::default());
    let _relay = Interceptor::start(&hub, &node, shift.clone()).await;
    for (seconds, words) in [
        (600, "10 minutes behind the hub's"),
        (-600, "10 minutes ahead of the hub's"),
        (86_400, "1 day behind the hub's"),
        (-2 * 86_400, "2 days ahead of the hub's"),
    ] {
        shift.0.store(seconds, Ordering::SeqCst);
        // It syncs, whatever the clock.
        node.sync().await;
        let measured = offset(&node).await;
        assert!((measured - seconds).abs() <= 2, "{measured} for {seconds}");
        let cli = String::from_utf8(node.cli(&["status"]).stdout).unwrap();
        assert!(cli.contains(words), "{cli}");
        assert!(cli.contains("timedatectl set-ntp true"), "{cli}");
    }
    assert!(
        node.log()
            .contains("this server's clock is off from the hub's"),
        "the log says so too"
    );
    let (_, page) = member.page("/sync").await;
    assert!(
        page.contains("This server’s clock is 2 days ahead of the hub’s."),
        "{page}"
    );
    let (_, page) = member.in_language("fr").page("/sync").await;
    assert!(
        page.contains("L’horloge de ce serveur avance de 2 jours sur celle du concentrateur."),
        "{page}"
    );
    shift.0.store(30, Ordering::SeqCst);
    node.sync().await;
    let (_, page) = member.page("/sync").await;
    assert!(
        page.contains("Right (within two minutes of the hub’s)"),
        "{page}"
    );
}

/// A client with an identity, trusting the hub's CA as the node does.
fn client_with(node: &NodeProcess, cert: &str, key: &str) -> reqwest::Client {
    let ca_pem = std::fs::read(node.dir().join("identity/hub-ca.crt")).unwrap();
    reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(&ca_pem).unwrap()])
        .identity(reqwest::Identity::from_pem(format!("{cert}\n{key}").as_bytes()).unwrap())
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_certificate_is_refused_and_a_renewed_one_overlaps_the_old() {
    use tandem_hub::federation::ca::Authority;
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let state = format!("{}/federation/v1/state", hub.federation_url());

    // Certificates from the hub's own CA for this clinic: one valid for a day is heard (and
    // refused, as the hub never issued it), one that expired is not even heard.
    let ca = Authority::load_or_create(&hub.dir().join("ca"), "Test network").unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let csr = rcgen::CertificateParams::default()
        .serialize_request(&key)
        .unwrap()
        .pem()
        .unwrap();
    let clinic = tandem_shared::model::ClinicId::new("alder").unwrap();
    let current = ca.sign_client(&csr, &clinic, 1).unwrap();
    let expired = ca.sign_client(&csr, &clinic, 0).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    let answer = client_with(&node, &current.pem, &key.serialize_pem())
        .get(&state)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), reqwest::StatusCode::UNAUTHORIZED);
    let refused = client_with(&node, &expired.pem, &key.serialize_pem())
        .get(&state)
        .send()
        .await;
    assert!(
        refused.is_err(),
        "the TLS handshake refuses an expired certificate: {refused:?}"
    );

    // The node renews (eighty of its ninety days have passed); the old certificate keeps
    // working until it expires, so a sync in flight or a second process is not cut off.
    let old_cert = std::fs::read_to_string(node.dir().join("identity/node.crt")).unwrap();
    let old_key = std::fs::read_to_string(node.dir().join("identity/node.key")).unwrap();
    {
        let store = tandem_node::store::NodeStore::open(&node.dir().join("node.db"))
            .await
            .unwrap();
        let issued = (Utc::now() - chrono::Duration::days(80)).to_rfc3339();
        let not_after = (Utc::now() + chrono::Duration::days(10)).to_rfc3339();
        use tandem_node::store::settings;
        store
            .set_setting(settings::CERT_ISSUED_AT, &issued)
            .await
            .unwrap();
        store
            .set_setting(settings::CERT_NOT_AFTER, &not_after)
            .await
            .unwrap();
    }
    let report = node.sync().await;
    assert_eq!(report["certificate_renewed"], true, "{report}");
    assert_ne!(
        old_cert,
        std::fs::read_to_string(node.dir().join("identity/node.crt")).unwrap()
    );
    let answer = client_with(&node, &old_cert, &old_key)
        .get(&state)
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.status(),
        reqwest::StatusCode::OK,
        "the old one overlaps"
    );
    node.sync().await;
}
