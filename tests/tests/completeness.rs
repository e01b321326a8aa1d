#![allow(clippy::unwrap_used)]
//! The completeness and timeliness page on a real hub fed by two real nodes: which clinic
//! reported each month, which did so by the deadline, the network's rates, the CSV downloads,
//! and what a clinic member may read.
//!
//! Both clinics are moved to an enrolment two years ago, and Alder's first release to the day
//! before its deadline, in the hub's own database: the test cannot wait for deadlines to pass.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_hub::completeness::due_month;
use tandem_shared::model::Month;
use tandem_shared::protocol::Reporting;
use tandem_tests::kit::{HubProcess, NodeProcess, Session};

const PASSWORD: &str = "correct horse battery staple";

async fn record(node: &NodeProcess, month: Month, numerator: u64, denominator: u64) {
    let (status, body): (StatusCode, Value) = node
        .put(
            &format!("/measure-values/remission/{month}"),
            &json!({"numerator": numerator, "denominator": denominator}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

async fn release(node: &NodeProcess) {
    node.release_and_approve(json!({"unreleased": true})).await;
    node.sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_counts_reported_on_time_late_and_missing_months_as_dhis2_does() {
    let reporting = Reporting::default();
    let due = due_month(&reporting, Utc::now().date_naive()).unwrap();
    let (two, one) = (due.plus(-2).unwrap(), due.plus(-1).unwrap());
    let hub = HubProcess::start().await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let birch = NodeProcess::start_enrolled(&hub, "birch", "Birch Clinic").await;
    alder.sync().await;
    birch.sync().await;
    // Alder's first release carries the month before last…
    record(&alder, two, 120, 200).await;
    release(&alder).await;
    // …and arrived the day before that month's deadline.
    let before = reporting
        .deadline(two)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc()
        - Duration::days(1);
    hub.set_times(
        "UPDATE receipts SET received_at = $1 WHERE clinic = 'alder' AND sequence = \
         (SELECT MIN(sequence) FROM value_versions WHERE clinic = 'alder')",
        &[before],
    )
    .await;
    // Its next two months came today, after their deadlines.
    record(&alder, one, 125, 200).await;
    record(&alder, due, 130, 200).await;
    release(&alder).await;
    // Birch counted 3 patients in remission the month before last (a small cell it withholds)
    // and has sent nothing since.
    record(&birch, two, 3, 60).await;
    release(&birch).await;
    hub.set_times(
        "UPDATE clinics SET created_at = $1",
        &[Utc::now() - Duration::days(730)],
    )
    .await;

    let lead =
        Session::from_link(&hub.add_person("lead", "lena@example.org", None), PASSWORD).await;
    let (status, page) = lead.page("/completeness").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let month = |m: Month| tandem_web::Lang::En.month(m.year(), m.number());
    let deadline = |m: Month| {
        let d = reporting.deadline(m).unwrap();
        format!("{} {}", d.format("%-d"), month(Month::of(d)))
    };
    assert!(
        page.contains(&format!(
            "Figures for {} were due by {}. 1 of 2 clinics reported (50%). Of the 2 clinics \
             enrolled before the deadline, 0 reported on time (0%).",
            month(due),
            deadline(due)
        )),
        "{page}"
    );
    // Clinic by clinic, worst first: Birch (1 of 12 months), then Alder (3 of 12).
    let grid = page.split("<table class=\"completeness\">").nth(1).unwrap();
    let birch_row = grid.find(">Birch Clinic</a>").unwrap();
    let alder_row = grid.find(">Alder Children&#39;s</a>").unwrap();
    assert!(birch_row < alder_row, "{grid}");
    let row = |at: usize| grid[at..].split("</tr>").next().unwrap().to_owned();
    let (birch_row, alder_row) = (row(birch_row), row(alder_row));
    assert!(
        birch_row.contains("<td class=\"num\">8%</td>"),
        "{birch_row}"
    );
    assert!(
        birch_row.ends_with(
            "<td class=\"late\">suppressed<br><small>late</small></td>\
             <td class=\"missing\">missing</td><td class=\"missing\">missing</td>"
        ),
        "{birch_row}"
    );
    assert!(
        alder_row.contains("<td class=\"num\">25%</td>"),
        "{alder_row}"
    );
    assert!(
        alder_row.ends_with(
            "<td class=\"reported\">reported<br><small>on time</small></td>\
             <td class=\"late\">reported<br><small>late</small></td>\
             <td class=\"late\">reported<br><small>late</small></td>"
        ),
        "{alder_row}"
    );
    assert!(page.contains("node last called"), "{page}");
    // The run chart of the reporting rate is drawn, with its words.
    assert!(
        page.contains("Share of expected clinics that reported: run chart, 2"),
        "from the month both enrolled, two years ago: {page}"
    );

    // The network's months as CSV: expected, reported and on time.
    let (status, csv) = lead.page("/completeness/network.csv").await;
    assert_eq!(status, StatusCode::OK);
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(csv.starts_with(
        "month,deadline,clinics_expected,clinics_reported,reporting_rate,clinics_judged,\
         clinics_on_time,on_time_rate\r\n"
    ));
    assert_eq!(csv.lines().count(), 1 + 36, "{csv}");
    let line = |m: Month| {
        csv.lines()
            .find(|l| l.starts_with(&m.to_string()))
            .unwrap()
            .to_owned()
    };
    let deadline_iso = |m: Month| reporting.deadline(m).unwrap().to_string();
    assert_eq!(
        line(two),
        format!("{two},{},2,2,1,2,1,0.5", deadline_iso(two))
    );
    assert_eq!(
        line(one),
        format!("{one},{},2,1,0.5,2,0,0", deadline_iso(one))
    );
    // Two years ago both were expected and neither reported.
    let old = due.plus(-20).unwrap();
    assert_eq!(
        line(old),
        format!("{old},{},2,0,0,2,0,0", deadline_iso(old))
    );

    let (_, clinics) = lead.page("/completeness/clinics.csv").await;
    assert_eq!(clinics.lines().count(), 1 + 2 * 36);
    let alder_two = clinics
        .lines()
        .find(|l| l.starts_with(&format!("alder,{two},")))
        .unwrap();
    assert_eq!(
        alder_two,
        format!(
            "alder,{two},reported,on_time,{},{}",
            deadline_iso(two),
            before.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    );
    assert!(
        clinics.contains(&format!(
            "birch,{due},missing,late,{},\r\n",
            deadline_iso(due)
        )),
        "{clinics}"
    );

    // The overview says the same of the month due, and links here.
    let (_, home) = lead.page("/").await;
    assert!(
        home.contains(&format!(
            "Figures for {} were due by {}: 1 of 2 clinics reported; 1 has not yet.",
            month(due),
            deadline(due)
        )),
        "{home}"
    );
    assert!(home.contains("href=\"/completeness\""));

    // A member of Birch reads Alder only by a number, without its times.
    let member = Session::from_link(
        &hub.add_person("member", "milo@example.org", Some("birch")),
        PASSWORD,
    )
    .await;
    let (status, page) = member.page("/completeness").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Alder"), "no other clinic's name: {page}");
    assert!(page.contains(">Clinic 1</a>"), "{page}");
    assert_eq!(page.matches("node last called").count(), 1, "{page}");
    let (_, csv) = member.page("/completeness/clinics.csv").await;
    assert!(!csv.contains("alder"), "{csv}");
    assert!(
        csv.contains(&format!(
            "clinic-1,{two},reported,on_time,{},\r\n",
            deadline_iso(two)
        )),
        "{csv}"
    );
    // Signed out, nothing.
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/completeness/network.csv", hub.web_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        anonymous.status(),
        StatusCode::SEE_OTHER,
        "to the login page"
    );
}
