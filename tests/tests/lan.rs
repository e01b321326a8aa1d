//! The node on the clinic's network: its pages over HTTPS with a certificate the clinic supplies
//! (session cookies then marked Secure), and a listener that would put passwords on the network
//! in plain HTTP refused before it starts, in one line that says what to do.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::process::Stdio;
use std::time::Duration;

use tandem_tests::kit::{binary, init};
use tokio::io::{AsyncBufReadExt, BufReader};

fn node(dir: &std::path::Path) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(binary("tandem-node"));
    c.arg("--data-dir").arg(dir).env_remove("RUST_LOG");
    c
}

#[tokio::test]
async fn the_pages_are_served_over_https_with_the_clinics_certificate() {
    init();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("node");
    let out = node(&data).arg("init").output().await.unwrap();
    assert!(out.status.success(), "{out:?}");
    // A certificate for the server's name, as the clinic's IT or a local CA would issue.
    let issued =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    std::fs::create_dir_all(data.join("tls")).unwrap();
    std::fs::write(data.join("tls/cert.pem"), issued.cert.pem()).unwrap();
    std::fs::write(data.join("tls/key.pem"), issued.signing_key.serialize_pem()).unwrap();
    let config = data.join("tandem-node.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("tls_certificate = \"tls/cert.pem\"\ntls_key = \"tls/key.pem\"\n");
    std::fs::write(&config, text).unwrap();

    let mut child = node(&data)
        .args(["serve", "--listen", "127.0.0.1:0", "--no-sync"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut url = String::new();
    for _ in 0..5 {
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        if let Some(u) = line.strip_prefix("tandem-node serving on ") {
            url = u.to_owned();
            break;
        }
    }
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");

    // A browser that trusts the clinic's certificate gets the pages over TLS.
    let trusted = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(issued.cert.pem().as_bytes()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let health = trusted.get(format!("{url}/healthz")).send().await.unwrap();
    assert_eq!(health.text().await.unwrap(), "ok\n");
    // One that does not trust it refuses the connection; plain HTTP gets no page.
    assert!(
        reqwest::Client::new()
            .get(format!("{url}/healthz"))
            .send()
            .await
            .is_err()
    );
    let plain = url.replacen("https://", "http://", 1);
    let answer = tokio::time::timeout(
        Duration::from_secs(15),
        reqwest::Client::new()
            .get(format!("{plain}/healthz"))
            .send(),
    )
    .await
    .unwrap();
    assert!(answer.is_err() || !answer.unwrap().status().is_success());
    // The lead's set-password link names the HTTPS address; the session cookie is Secure.
    let out = node(&data)
        .args(["user", "add", "--role", "lead", "Lou"])
        .output()
        .await
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    let link = printed
        .split_whitespace()
        .find(|w| w.contains("/set-password/"))
        .unwrap_or_else(|| panic!("no link: {printed}"));
    assert!(link.starts_with("https://"), "{link}");
    let link = tandem_tests::kit::at(&url, link);
    let set = trusted
        .post(&link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(tandem_tests::kit::form(&[
            ("password", "correct horse battery staple"),
            ("confirm", "correct horse battery staple"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 303);
    let cookie = set
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("_session="))
        .unwrap()
        .to_owned();
    assert!(cookie.contains("; Secure"), "{cookie}");
    let home = trusted
        .get(format!("{url}/"))
        .header("cookie", cookie.split(';').next().unwrap())
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    child.kill().await.unwrap();
}

#[tokio::test]
async fn plain_http_on_the_clinic_network_is_refused_before_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("node");
    assert!(
        node(&data)
            .arg("init")
            .output()
            .await
            .unwrap()
            .status
            .success()
    );
    // Port 9 (discard) is never bound: the refusal comes before the listener.
    let out = node(&data)
        .args(["serve", "--listen", "0.0.0.0:9", "--no-sync"])
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("plain HTTP") && err.contains("tls_certificate"),
        "{err}"
    );
    assert!(err.contains("behind_proxy"), "{err}");
    // A certificate that is not one is named, with what to give instead.
    let config = data.join("tandem-node.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(data.join("cert.pem"), "not a certificate").unwrap();
    std::fs::write(data.join("key.pem"), "not a key").unwrap();
    text.push_str("tls_certificate = \"cert.pem\"\ntls_key = \"key.pem\"\n");
    std::fs::write(&config, text).unwrap();
    let out = node(&data)
        .args(["serve", "--listen", "127.0.0.1:0", "--no-sync"])
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cert.pem") && err.contains("PEM"), "{err}");
}
