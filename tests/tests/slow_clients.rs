//! Slow and idle clients: a hub that anyone can reach must close connections that send nothing,
//! dribble their headers, or sit idle after a request, and keep answering everyone else.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::time::Duration;

use reqwest::StatusCode;
use tandem_tests::database::Backend;
use tandem_tests::kit::{HubProcess, NodeProcess};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Whether the server closed `stream` within `within`: a read gives end of file or an error.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            // A 408 or an alert before the close: read on.
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_are_cut_off_while_the_hub_keeps_answering() {
    let hub = HubProcess::start_with(
        Backend::for_hubs(),
        &[
            ("TANDEM_HUB_HEADER_READ_SECONDS", "2"),
            ("TANDEM_HUB_IDLE_SECONDS", "3"),
        ],
    )
    .await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;

    // On each listener, 60 connections: a third send nothing, a third start a request and
    // dribble a header byte every half second without ever ending it, a third send a whole
    // request and then stay open, idle.
    let mut silent = Vec::new();
    let mut dribbling = Vec::new();
    let mut idle = Vec::new();
    for addr in [&hub.web_addr, &hub.federation_addr] {
        for i in 0..60 {
            let mut stream = TcpStream::connect(addr.as_str()).await.unwrap();
            match i % 3 {
                0 => silent.push(stream),
                1 => {
                    stream
                        .write_all(b"GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Slow: ")
                        .await
                        .unwrap();
                    dribbling.push(stream);
                }
                _ if addr == &hub.web_addr => {
                    stream
                        .write_all(b"GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n")
                        .await
                        .unwrap();
                    let mut buf = [0u8; 1024];
                    let n = stream.read(&mut buf).await.unwrap();
                    assert!(
                        String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"),
                        "{}",
                        String::from_utf8_lossy(&buf[..n])
                    );
                    idle.push(stream);
                }
                // The federation listener speaks TLS only: a client that never finishes its
                // handshake is the silent kind.
                _ => silent.push(stream),
            }
        }
    }
    let dribbler = tokio::spawn(async move {
        for _ in 0..20 {
            for stream in &mut dribbling {
                let _ = stream.write_all(b"a").await;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        dribbling
    });

    // Meanwhile both listeners answer at once.
    let answered = tokio::time::timeout(Duration::from_secs(10), async {
        let web = hub
            .http()
            .get(format!("{}/healthz", hub.web_url()))
            .send()
            .await
            .unwrap();
        let federation = node
            .federation_client()
            .get(format!("{}/healthz", hub.federation_url()))
            .send()
            .await
            .unwrap();
        (web.status(), federation.status())
    })
    .await
    .expect("the hub stopped answering while slow clients held connections");
    assert_eq!(answered, (StatusCode::OK, StatusCode::OK));

    // Every held connection is closed: the silent and dribbling ones at the 2 s header
    // deadline, the idle ones at the 3 s idle deadline (a generous bound, for slow machines).
    for (i, stream) in silent.iter_mut().enumerate() {
        assert!(
            closed_within(stream, Duration::from_secs(15)).await,
            "silent connection {i} still open"
        );
    }
    for (i, stream) in idle.iter_mut().enumerate() {
        assert!(
            closed_within(stream, Duration::from_secs(15)).await,
            "idle connection {i} still open after its request"
        );
    }
    let mut dribbling = dribbler.await.unwrap();
    for (i, stream) in dribbling.iter_mut().enumerate() {
        assert!(
            closed_within(stream, Duration::from_secs(5)).await,
            "dribbling connection {i} still open"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinic_that_calls_too_often_is_told_when_to_come_back_and_others_are_not_held_up() {
    let hub = HubProcess::start_with(
        Backend::for_hubs(),
        &[("TANDEM_HUB_CLINIC_REQUESTS_PER_MINUTE", "20")],
    )
    .await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let birch = NodeProcess::start_enrolled(&hub, "birch", "Birch Clinic").await;
    let state = format!("{}/federation/v1/state", hub.federation_url());
    let client = alder.federation_client();
    let mut refused = None;
    for _ in 0..40 {
        let response = client.get(&state).send().await.unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(response);
            break;
        }
        assert_eq!(response.status(), StatusCode::OK);
    }
    let refused = refused.expect("40 requests in a row at 20 a minute were all answered");
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3).contains(&wait), "Retry-After: {wait}");
    assert_eq!(
        refused.headers()["content-type"],
        "application/problem+json"
    );
    let problem: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(problem["type"], "urn:tandem:problem:too-many-requests");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("clinic alder made more than 20 requests in a minute"),
        "{problem}"
    );
    // Another clinic is answered, and alder again once it has waited.
    let other = birch.federation_client().get(&state).send().await.unwrap();
    assert_eq!(other.status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_secs(wait)).await;
    assert_eq!(
        client.get(&state).send().await.unwrap().status(),
        StatusCode::OK
    );
}
