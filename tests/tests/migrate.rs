//! `tandem-hub migrate-store` moves the demo network from SQLite to PostgreSQL and back, and the
//! dashboards show the same figures at every step.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::path::Path;

use tandem_tests::database::{Backend, POSTGRES_VAR, TestDatabase, note_skipped};
use tandem_tests::demo::{self, Options, plan::Shape};
use tandem_tests::kit::{HubProcess, binary};

/// Everything the dashboards show, as text.
async fn dashboards(hub: &HubProcess) -> Vec<String> {
    let (web, http) = (hub.web_url(), hub.http());
    let mut paths = vec![
        "/".to_owned(),
        "/api/v1/network".to_owned(),
        "/api/v1/clinics".to_owned(),
    ];
    for measure in ["remission", "visit-score", "steroids", "admissions"] {
        paths.push(format!("/api/v1/measures/{measure}/series"));
        for clinic in ["alder-valley", "willow-park", "maple-ridge"] {
            paths.push(format!(
                "/api/v1/measures/{measure}/clinics/{clinic}/series"
            ));
        }
    }
    let mut out = Vec::new();
    for path in paths {
        let response = http.get(format!("{web}{path}")).send().await.unwrap();
        out.push(format!(
            "{path} {} {}",
            response.status(),
            response.text().await.unwrap()
        ));
    }
    out
}

/// Assert two dashboards alike, showing only where they first differ.
fn assert_same(got: &[String], want: &[String], what: &str) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        if g != w {
            let at = g
                .bytes()
                .zip(w.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(g.len().min(w.len()));
            let from = at.saturating_sub(150);
            panic!(
                "{what}: {} differs at byte {at}:\n got: …{}…\nwant: …{}…",
                w.split(' ').next().unwrap_or(""),
                &g[from..(at + 150).min(g.len())],
                &w[from..(at + 150).min(w.len())]
            );
        }
    }
}

fn migrate(from: &str, to: &str, replace: bool) -> std::process::Output {
    let mut c = std::process::Command::new(binary("tandem-hub"));
    c.args(["migrate-store", "--from", from, "--to", to]);
    if replace {
        c.arg("--replace");
    }
    c.env_remove("RUST_LOG").output().unwrap()
}

fn sqlite(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("hub.db").display())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_network_moves_to_postgres_and_back_with_identical_dashboards() {
    if std::env::var(POSTGRES_VAR).is_err() {
        note_skipped("migrate");
        return;
    }
    if Backend::for_hubs() == Backend::Postgres {
        // This test runs both engines itself; once is enough.
        return;
    }
    tandem_tests::kit::init();
    let dir = tempfile::tempdir().unwrap();
    let built = demo::run(Options {
        shape: Shape {
            seed: 2026,
            clinics: 66,
            months: 60,
            patients: 18_700,
        },
        last_month: "2026-10".parse().unwrap(),
        dir: dir.path().join("demo"),
        web_listen: "127.0.0.1:0".parse().unwrap(),
        database_url: None,
        concurrency: 8,
        node_listen: "127.0.0.1:0".parse().unwrap(),
    })
    .await
    .unwrap();
    // Four measures a month, of the months each clinic has sent (the late ones are behind).
    let values: usize = built
        .plan
        .clinics
        .iter()
        .map(|c| 4 * c.syncs.iter().rposition(|s| *s).map_or(0, |m| m + 1))
        .sum();
    built.hub.stop().await;
    let hub_dir = dir.path().join("demo/hub");
    let first = HubProcess::open(&hub_dir, None).await;
    let original = dashboards(&first).await;
    drop(first);
    assert!(
        original[0].contains("66 clinics enrolled, 66 reporting · 60 months"),
        "the demo page"
    );
    assert!(
        original.iter().skip(3).all(|s| s.contains(" 200 OK ")),
        "every series answers"
    );

    // SQLite → PostgreSQL.
    let pg = TestDatabase::create(Backend::Postgres).await.unwrap();
    let out = migrate(&sqlite(&hub_dir), &pg.url, false);
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed
            .lines()
            .any(|l| l.starts_with("measure_values") && l.ends_with(&format!(" {values} rows"))),
        "{printed}"
    );
    assert!(printed.contains("copied and verified"), "{printed}");
    let on_postgres = HubProcess::open(&hub_dir, Some(&pg.url)).await;
    assert_same(&dashboards(&on_postgres).await, &original, "on PostgreSQL");
    drop(on_postgres);

    // A target that holds a network is refused, unless asked to replace it.
    let out = migrate(&sqlite(&hub_dir), &pg.url, false);
    assert!(!out.status.success());
    let line = String::from_utf8_lossy(&out.stderr);
    assert!(
        line.contains("already holds a network") && line.contains("--replace"),
        "{line}"
    );
    assert!(
        !line.contains(
            pg.url
                .split('@')
                .next()
                .unwrap()
                .rsplit(':')
                .next()
                .unwrap()
        ),
        "no password in: {line}"
    );
    assert!(migrate(&sqlite(&hub_dir), &pg.url, true).status.success());

    // PostgreSQL → a new SQLite file.
    let back = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(back.path().join("ca")).unwrap();
    for file in ["ca.key", "ca.crt"] {
        std::fs::copy(
            hub_dir.join("ca").join(file),
            back.path().join("ca").join(file),
        )
        .unwrap();
    }
    let out = migrate(&pg.url, &sqlite(back.path()), false);
    assert!(out.status.success(), "{out:?}");
    let on_sqlite_again = HubProcess::open(back.path(), None).await;
    assert_same(
        &dashboards(&on_sqlite_again).await,
        &original,
        "back on SQLite",
    );
    drop(on_sqlite_again);
    pg.finish().await;
}
