#![allow(clippy::unwrap_used)]
//! The leads' measure page on a real hub fed by two real nodes: Laney's p′ by default when the
//! months are over-dispersed (and the plain p chart a link away), the clinics' small multiples
//! on one scale with suppressed months marked, the funnel of the latest month, the CSV
//! downloads, and what a clinic member may read.

use reqwest::StatusCode;
use serde_json::json;
use tandem_tests::kit::{HubProcess, NodeProcess, Session};

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_measure_page_chooses_laney_compares_clinics_and_downloads_rfc_4180() {
    let hub = HubProcess::start().await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let birch = NodeProcess::start_enrolled(&hub, "birch", "Birch Clinic").await;
    alder.sync().await;
    birch.sync().await;
    let months: Vec<String> = (1..=12).map(|m| format!("2025-{m:02}")).collect();
    for (i, month) in months.iter().enumerate() {
        // Alder counts 10,000 patients a month and drifts by a few points: far more than
        // binomial noise (sd 0.5 point) allows.
        let drift = [0, 3, -2, 4, 1, -3, 5, 0, -4, 2, 6, -1][i];
        let (status, body) = alder
            .put(
                &format!("/measure-values/remission/{month}"),
                &json!({"numerator": 5_000 + drift * 100, "denominator": 10_000}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        // Birch is small; in March it counted 3 patients in remission, a small cell its node
        // suppresses.
        let numerator = if i == 2 { 3 } else { 30 + (i % 4) as u64 };
        let (status, body) = birch
            .put(
                &format!("/measure-values/remission/{month}"),
                &json!({"numerator": numerator, "denominator": 60}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    for node in [&alder, &birch] {
        node.release_and_approve(json!({"unreleased": true})).await;
        node.sync().await;
    }
    let lead =
        Session::from_link(&hub.add_person("lead", "lena@example.org", None), PASSWORD).await;

    let (status, page) = lead.page("/measures/remission").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("Laney p′ chart"),
        "the default is Laney's: {page}"
    );
    assert!(
        page.contains("href=\"?chart=plain\""),
        "the plain chart is offered"
    );
    // Small multiples: both clinics by name, Birch's suppressed March a marked gap.
    assert!(
        page.contains(
            "<figcaption><a href=\"/clinics/alder\">Alder Children&#39;s</a></figcaption>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<figcaption><a href=\"/clinics/birch\">Birch Clinic</a></figcaption>"),
        "{page}"
    );
    assert_eq!(page.matches("class=\"suppressed\"").count(), 1, "{page}");
    // The funnel of December: two clinics, with z-scores in its table.
    let funnel = page.split("id=\"funnel-t\"").nth(1).expect("a funnel plot");
    let funnel = funnel.split("</svg>").next().unwrap();
    assert_eq!(funnel.matches("<circle").count(), 2, "{funnel}");
    assert!(page.contains("Clinics in December 2025"), "{page}");
    // The funnel's table as CSV: each clinic's z-score on the arcsine scale.
    assert!(page.contains("href=\"/measures/remission/funnel.csv\""));
    let (status, csv) = lead.page("/measures/remission/funnel.csv").await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(
        rows[0],
        "month,clinic,numerator,denominator,value,target,z_arcsine,outside_95,outside_99_8,\
         overdispersion"
    );
    assert!(
        rows[1].starts_with("2025-12,Alder Children's,4900,10000,0.49,"),
        "{csv}"
    );
    assert!(
        rows[2].starts_with("2025-12,Birch Clinic,33,60,0.55,"),
        "{csv}"
    );
    let (_, widened) = lead
        .page("/measures/remission/funnel.csv?overdispersion=on")
        .await;
    assert!(
        widened.lines().nth(1).unwrap().ends_with(",yes"),
        "{widened}"
    );

    let (status, plain) = lead.page("/measures/remission?chart=plain").await;
    assert_eq!(status, StatusCode::OK);
    assert!(plain.contains("This is the p chart, not the default Laney p′ chart"));
    assert!(plain.contains("href=\"?chart=default\""));

    // A choice the page does not offer is refused, saying what would do.
    let (status, problem) = lead.page("/measures/remission?chart=fancy").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert!(
        problem.contains("chart=plain or chart=default"),
        "{problem}"
    );
    let (status, _) = lead.page("/measures/no-such-measure").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The network's months as CSV: a header row, CRLF line ends, one row a month.
    let (status, csv) = lead.page("/measures/remission/network.csv").await;
    assert_eq!(status, StatusCode::OK);
    let csv = csv.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(
        lines[0].starts_with("month,numerator,denominator,value,"),
        "{csv}"
    );
    assert_eq!(lines.len(), 1 + 12 + 1, "12 months and a final CRLF: {csv}");
    assert_eq!(lines[13], "");
    assert!(lines[1].starts_with("2025-01,5030,10060,"), "{csv}");
    assert!(lines[1].contains(",pp,"), "the chart the page shows: {csv}");
    // Each clinic's months: Birch's March has no numbers, only "suppressed".
    let (_, clinics) = lead.page("/measures/remission/clinics.csv").await;
    let march = clinics
        .lines()
        .find(|l| l.starts_with("Birch Clinic,2025-03,"))
        .expect("Birch's March");
    assert_eq!(march.trim_end(), "Birch Clinic,2025-03,,,,yes");
    assert_eq!(clinics.lines().count(), 1 + 24);

    // A member of Birch reads Birch by name and Alder only by a number.
    let member = Session::from_link(
        &hub.add_person("member", "milo@example.org", Some("birch")),
        PASSWORD,
    )
    .await;
    let (status, page) = member.page("/measures/remission").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<figcaption><a href=\"/clinics/birch\">Birch Clinic</a></figcaption>"));
    assert!(!page.contains("Alder"), "no other clinic's name: {page}");
    assert!(
        page.contains("<figcaption><a href=\"/clinics/clinic-1\">Clinic 1</a></figcaption>"),
        "{page}"
    );

    // A clinic's own page: its months reported, suppressed or missing, beside the network.
    let (status, clinic) = lead.page("/clinics/birch").await;
    assert_eq!(status, StatusCode::OK, "{clinic}");
    assert!(clinic.contains("<h1>Birch Clinic</h1>"), "{clinic}");
    assert!(
        clinic.contains(
            "Of 48 measure-months: 11 reported (23%), 1 suppressed as small counts, 36 missing."
        ),
        "{clinic}"
    );
    assert_eq!(clinic.matches("<td class=\"suppressed\">").count(), 1);
    assert!(
        clinic.contains("Network centre line"),
        "the network's line beside: {clinic}"
    );
    // Its months as CSV: the same 48 measure-months, March's small count withheld.
    assert!(clinic.contains("href=\"/clinics/birch/months.csv\""));
    let (status, csv) = lead.page("/clinics/birch/months.csv").await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows[0],
        "clinic,measure,month,status,numerator,denominator,value,network_value"
    );
    assert_eq!(rows.len(), 1 + 48, "{csv}");
    assert_eq!(rows.iter().filter(|r| r.contains(",reported,")).count(), 11);
    assert_eq!(rows.iter().filter(|r| r.contains(",missing,")).count(), 36);
    assert!(
        rows.contains(&"birch,remission,2025-03,suppressed,,,,0.48"),
        "no count of a suppressed month, the network's value beside: {csv}"
    );
    // The member reaches Alder only by its number, in the page and the CSV alike.
    assert_eq!(member.page("/clinics/alder").await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        member.page("/clinics/alder/months.csv").await.0,
        StatusCode::NOT_FOUND
    );
    let (status, other) = member.page("/clinics/clinic-1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(other.contains("<h1>Clinic 1</h1>") && !other.contains("Alder"));
    let (_, csv) = member.page("/clinics/clinic-1/months.csv").await;
    assert!(csv.contains("\r\nclinic-1,remission,2025-01,reported,5000,10000,"));
    assert!(!csv.contains("alder"), "{csv}");

    // The series API carries an ETag: a repeat gets 304 and no body, until a release changes
    // what it was computed from.
    let series = "/api/v1/measures/remission/series";
    let first = lead
        .request(reqwest::Method::GET, series)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    let again = lead
        .request(reqwest::Method::GET, series)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.text().await.unwrap().is_empty());
    let (status, body) = birch
        .put(
            "/measure-values/remission/2026-01",
            &json!({"numerator": 31, "denominator": 60}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    birch.release_and_approve(json!({"unreleased": true})).await;
    birch.sync().await;
    let changed = lead
        .request(reqwest::Method::GET, series)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    assert!(changed.text().await.unwrap().contains("\"2026-01\""));

    // The overview: the latest value of each measure, and a link to its page.
    let (status, home) = lead.page("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("href=\"/measures/remission\""), "{home}");
    assert!(home.contains("in January 2026"), "{home}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_accepts_a_centre_line_with_a_note_and_undoes_it() {
    let hub = HubProcess::start().await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    alder.sync().await;
    // A year at about 50 %, then a year at about 75 %: the engine suggests a new centre line
    // from January 2025.
    for (i, month) in (1..=12)
        .map(|m| format!("2024-{m:02}"))
        .chain((1..=12).map(|m| format!("2025-{m:02}")))
        .enumerate()
    {
        let n = if i < 12 { 100 } else { 150 } + (i % 3) as u64 * 2;
        let (status, body) = alder
            .put(
                &format!("/measure-values/remission/{month}"),
                &json!({"numerator": n, "denominator": 200}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    alder.release_and_approve(json!({"unreleased": true})).await;
    alder.sync().await;
    let lead =
        Session::from_link(&hub.add_person("lead", "lena@example.org", None), PASSWORD).await;
    let (_, page) = lead.page("/measures/remission").await;
    assert!(
        page.contains("name=\"month\" value=\"2025-01\""),
        "January 2025 is offered: {page}"
    );
    let one_line = page.matches("stroke=\"#555\" stroke-width=\"1.2\"").count();

    // Without a note, nothing is decided.
    let refused = lead
        .submit(
            "/measures/remission/centre-lines",
            &[("kind", "break"), ("month", "2025-01"), ("note", " ")],
            true,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Write a note saying why"), "{body}");
    // A member may not decide.
    let member = Session::from_link(
        &hub.add_person("member", "milo@example.org", Some("alder")),
        PASSWORD,
    )
    .await;
    let forbidden = member
        .submit(
            "/measures/remission/centre-lines",
            &[
                ("kind", "break"),
                ("month", "2025-01"),
                ("note", "flare line"),
            ],
            true,
        )
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    let accepted = lead
        .submit(
            "/measures/remission/centre-lines",
            &[
                ("kind", "break"),
                ("month", "2025-01"),
                ("note", "the flare line opened in every clinic"),
            ],
            true,
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    let (_, page) = lead.page("/measures/remission").await;
    assert!(page.contains("New centre line from January 2025"), "{page}");
    assert!(page.contains("the flare line opened in every clinic"));
    // The chart has a new part: the centre line steps up in January 2025, and the CSV says so.
    let (_, csv) = lead.page("/measures/remission/network.csv").await;
    let centre = |month: &str| -> f64 {
        let line = csv.lines().find(|l| l.starts_with(month)).unwrap();
        line.split(',').nth(7).unwrap().parse().unwrap()
    };
    assert!(
        centre("2024-12") < 0.52 && centre("2025-01") > 0.74,
        "{csv}"
    );
    assert!(
        !page.contains("name=\"month\" value=\"2025-01\""),
        "January 2025 is no longer only a suggestion: {page}"
    );
    // Twice is once too many.
    let again = lead
        .submit(
            "/measures/remission/centre-lines",
            &[("kind", "break"), ("month", "2025-01"), ("note", "again")],
            true,
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // Undone: one centre line again, the decision kept and marked.
    let undone = lead
        .submit("/measures/remission/centre-lines/1/undo", &[], true)
        .await;
    assert_eq!(undone.status(), StatusCode::SEE_OTHER);
    let (_, page) = lead.page("/measures/remission").await;
    assert!(
        page.contains("<del>New centre line from January 2025</del>"),
        "{page}"
    );
    assert_eq!(
        page.matches("stroke=\"#555\" stroke-width=\"1.2\"").count(),
        one_line
    );
    let (_, csv) = lead.page("/measures/remission/network.csv").await;
    let centres: std::collections::BTreeSet<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(7).unwrap())
        .collect();
    assert_eq!(centres.len(), 1, "one centre line: {csv}");
    // Both decisions are in the audit log.
    let admin_csv = hub
        .http()
        .get(format!("{}/admin/audit.csv", hub.web_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(admin_csv.contains("centre-line-decided"));
    assert!(admin_csv.contains("centre-line-undone"));
}
