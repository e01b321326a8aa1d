//! The demo, at full size: 66 clinics enrol and sync over mutual TLS for 60 months, and the
//! hub's page and API show exactly what the simulation planned, after disclosure control.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::collections::BTreeMap;

use tandem_hub::definitions::DefinitionsFile;
use tandem_shared::model::{MeasureEntry, MeasureId};
use tandem_shared::privacy;
use tandem_tests::database::{Backend, TestDatabase};
use tandem_tests::demo::{self, DEFINITIONS, Options, plan::Shape};
use tandem_tests::kit::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_network_shows_66_clinics_over_60_months_exactly_as_simulated() {
    tandem_tests::kit::init();
    let dir = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(Backend::for_hubs()).await.unwrap();
    let demo = demo::run(Options {
        shape: Shape {
            seed: 2026,
            clinics: 66,
            months: 60,
            patients: 18_700,
        },
        last_month: "2026-10".parse().unwrap(),
        dir: dir.path().join("demo"),
        web_listen: "127.0.0.1:0".parse().unwrap(),
        database_url: Some(database.url.clone()).filter(|u| u.starts_with("postgres")),
        concurrency: 8,
        node_listen: "127.0.0.1:0".parse().unwrap(),
    })
    .await
    .unwrap();
    let web = demo.hub.web_url();
    let http = tandem_tests::kit::client_with_token(&demo.api_token);

    let page = http
        .get(format!("{web}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Simulated data."),
        "the page says the data are simulated"
    );
    assert!(
        page.contains(
            "66 clinics enrolled, 66 reporting · 60 months, November 2021 to October 2026"
        )
    );
    assert_eq!(
        page.matches("<svg class=\"chart\"").count(),
        4,
        "one chart per measure"
    );
    // Each measure's page: 66 clinics as small multiples, and a row a month in its CSV.
    for measure in ["remission", "visit-score", "steroids", "admissions"] {
        let get = |path: String| {
            let http = http.clone();
            async move { http.get(path).send().await.unwrap().text().await.unwrap() }
        };
        // Sixty clinics a page: 60, then 6, with links between the pages.
        let page = get(format!("{web}/measures/{measure}")).await;
        let next = get(format!("{web}/measures/{measure}?page=2")).await;
        assert_eq!(
            (
                page.matches("<figure class=\"multiple\">").count(),
                next.matches("<figure class=\"multiple\">").count()
            ),
            (60, 6),
            "{measure}: a chart per clinic"
        );
        assert!(page.contains("href=\"?page=2#clinics-heading\">Clinics 61–66</a>"));
        let csv = get(format!("{web}/measures/{measure}/network.csv")).await;
        assert_eq!(
            csv.lines().count(),
            1 + 60,
            "{measure}: a CSV row per month"
        );
    }

    // The leads' other pages, for the 66 clinics. The clinics that sync late have not sent
    // October yet: the completeness page says so.
    let get = |path: &str| {
        let (http, url) = (http.clone(), format!("{web}{path}"));
        async move { http.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let behind = demo
        .plan
        .clinics
        .iter()
        .filter(|c| !c.syncs.last().copied().unwrap_or(true))
        .count();
    assert!(behind > 0);
    let page = get("/completeness").await;
    assert!(
        page.contains(&format!("{} of 66 clinics reported", 66 - behind)),
        "{page}"
    );
    let grid = page.split("<table class=\"completeness\">").nth(1).unwrap();
    assert_eq!(grid.matches("<th scope=\"row\">").count(), 66);
    let page = get("/activity").await;
    assert!(page.contains("cycles started at"), "{page}");
    let page = get("/spread").await;
    assert_eq!(
        page.matches("<section class=\"practice\"").count(),
        demo.plan.practices.len() + tandem_tests::demo::extra_count(&demo.plan),
        "a section per practice: those that spread, and those shared for the catalogue"
    );
    let page = get("/partnership").await;
    assert!(
        page.contains("PDSA cycles with a partnership profile"),
        "{page}"
    );

    // What every clinic released, worked out from the plan with the network's own rules.
    let defs = DefinitionsFile::parse(DEFINITIONS).unwrap();
    let mut expected: BTreeMap<(String, String), (u64, u64, u64, u64)> = BTreeMap::new();
    for clinic in &demo.plan.clinics {
        // What a clinic approved after its last sync is still in its outbox.
        let sent = clinic.syncs.iter().rposition(|s| *s).map_or(0, |m| m + 1);
        for (m, values) in clinic.values.iter().enumerate().take(sent) {
            let month = demo.first_month.plus(m as i32).unwrap();
            for (measure, (n, d)) in ["remission", "visit-score", "steroids", "admissions"]
                .iter()
                .zip(values)
            {
                let definition = defs
                    .measures
                    .iter()
                    .find(|x| x.id.as_str() == *measure)
                    .unwrap();
                let entry = MeasureEntry {
                    measure: MeasureId::new(*measure).unwrap(),
                    month,
                    numerator: Some(*n),
                    denominator: Some(*d),
                    value: None,
                };
                let released = privacy::disclose(definition, &entry, &defs.policy);
                let t = expected
                    .entry((measure.to_string(), month.to_string()))
                    .or_default();
                if released.suppressed() {
                    t.3 += 1;
                } else {
                    t.0 += n;
                    t.1 += d;
                    t.2 += 1;
                }
            }
        }
    }
    let mut shown = BTreeMap::new();
    for measure in ["remission", "visit-score", "steroids", "admissions"] {
        let series: serde_json::Value = http
            .get(format!("{web}/api/v1/measures/{measure}/series"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(series["simulated"], true);
        let points = series["points"].as_array().unwrap();
        assert_eq!(points.len(), 60);
        for p in points {
            shown.insert(
                (measure.to_string(), p["month"].as_str().unwrap().to_owned()),
                (
                    p["numerator"].as_u64().unwrap(),
                    p["denominator"].as_u64().unwrap(),
                    p["clinics_contributing"].as_u64().unwrap(),
                    p["clinics_suppressed"].as_u64().unwrap(),
                ),
            );
        }
        if measure == "remission" {
            let first = points[0]["value"].as_f64().unwrap();
            let last = points[59]["value"].as_f64().unwrap();
            assert!(
                (0.45..0.56).contains(&first) && (0.70..0.80).contains(&last),
                "{first} → {last}"
            );
        }
    }
    assert_eq!(shown, expected);
    for (path, list, len) in [("measures", "measures", 4), ("clinics", "clinics", 66)] {
        let answer: serde_json::Value = http
            .get(format!("{web}/api/v1/{path}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(answer["simulated"], true, "{path}");
        assert_eq!(answer[list].as_array().map(Vec::len), Some(len), "{path}");
    }
    assert!(
        expected.values().any(|t| t.3 > 0),
        "some small clinics were suppressed"
    );

    // One account per role on each side, each of which logs in and sees its home page.
    let logins: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("demo/logins.json")).unwrap(),
    )
    .unwrap();
    let roles: Vec<(&str, &str)> = logins
        .iter()
        .map(|l| (l["binary"].as_str().unwrap(), l["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            ("hub", "admin"),
            ("hub", "lead"),
            ("hub", "editor"),
            ("hub", "member"),
            ("node", "lead"),
            ("node", "member"),
            ("node", "partner")
        ]
    );
    for l in &logins {
        let (url, user) = (l["url"].as_str().unwrap(), l["user"].as_str().unwrap());
        let session = Session::log_in(url, user, l["password"].as_str().unwrap())
            .await
            .unwrap_or_else(|| panic!("{user} logs in at {url}"));
        let (status, home) = session.page("/").await;
        assert_eq!(status, 200, "{user}: {home}");
        assert!(home.contains("Log out"), "{user} is logged in: {home}");
        assert!(
            Session::log_in(url, user, "not the password")
                .await
                .is_none(),
            "a wrong password is refused"
        );
    }
    demo.node.stop().await;
    demo.hub.stop().await;
    database.finish().await;
}
