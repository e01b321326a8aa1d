#![allow(clippy::unwrap_used)]
//! The leads' pages on the improvement work itself, on a real hub fed by three real nodes: PDSA
//! activity, the spread of a practice (who tested it, who adapted whose version, and what the
//! adopting clinic's chart did afterwards), and where patients were partners. Each for the
//! network and for one clinic, with CSV downloads, and what a clinic member may read.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, Session};
use uuid::Uuid;

const PASSWORD: &str = "correct horse battery staple";

fn project(id: Uuid) -> Value {
    json!({
        "id": id, "title": "Remission", "aim": "More children in remission by next year.",
        "measures": ["remission"], "start": "2025-01",
        "team": {"clinicians": 3, "other_staff": 1, "patient_partners": 1, "family_partners": 1}
    })
}

fn cycle(
    id: Uuid,
    project: Uuid,
    from: Option<Uuid>,
    (start, end): (&str, Option<&str>),
    decision: Option<&str>,
    prediction: &str,
) -> Value {
    json!({
        "id": id, "project": project, "sequence": 1, "change_idea": "Written flare plans",
        "from_practice": from,
        "plan": {"objective": "Try it on Tuesdays.", "prediction": prediction, "who": "The nurse lead.",
                 "what": "A one-page plan.", "when": "Four weeks.", "where": "Clinic.", "data": "Remission."},
        "do": {"happened": if end.is_some() { "It ran." } else { "" }, "observations": ""},
        "study": {"results": if end.is_some() { "It helped." } else { "" }},
        "act": {"decision": decision, "next_step": ""},
        "start": start, "end": end,
        "status": if end.is_some() { "complete" } else { "doing" }
    })
}

fn practice(id: Uuid, title: &str, cycles: &[Uuid]) -> Value {
    json!({
        "id": id, "title": title, "summary": "Families leave clinic with a written plan for a flare.",
        "detail": "", "language": "en", "cycles": cycles, "public": false, "show_clinic_name": false
    })
}

fn profile(id: Uuid, subject: Value, place: &str, depth: &str, paid: bool) -> Value {
    json!({
        "id": id, "subject": subject, "place": place,
        "phases": {"design": depth, "plan": "consulted", "implement": "consulted", "evaluate": depth},
        "parity": {"patients": 2, "professionals": 4, "compensation": paid, "preparation": true}
    })
}

async fn release(node: &NodeProcess) {
    node.release_and_approve(json!({"unreleased": true})).await;
    node.sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activity_spread_and_partnership_follow_a_practice_from_clinic_to_clinic() {
    let hub = HubProcess::start().await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let birch = NodeProcess::start_enrolled(&hub, "birch", "Birch Clinic").await;
    let cedar = NodeProcess::start_enrolled(&hub, "cedar", "Cedar Clinic").await;
    let ids: Vec<Uuid> = (0..12).map(|_| Uuid::new_v4()).collect();
    let (pa, pb, pc) = (ids[0], ids[1], ids[2]);
    let (a1, b1, c1, c2) = (ids[3], ids[4], ids[5], ids[6]);
    let (x, y) = (ids[7], ids[8]);
    for node in [&alder, &birch, &cedar] {
        node.sync().await;
    }

    // Alder tests written flare plans, adopts them and shares the practice; its project's
    // profile says families were partners in design.
    alder.put_ok(&format!("/projects/{pa}"), project(pa)).await;
    alder
        .put_ok(
            &format!("/cycles/{a1}"),
            cycle(
                a1,
                pa,
                None,
                ("2025-01", Some("2025-03")),
                Some("adopt"),
                "More in remission.",
            ),
        )
        .await;
    alder
        .put_ok(
            &format!("/practices/{x}"),
            practice(x, "Flare plans", &[a1]),
        )
        .await;
    alder
        .put_ok(
            &format!("/partnership-profiles/{}", ids[9]),
            profile(
                ids[9],
                json!({"type": "project", "id": pa}),
                "clinic",
                "partner",
                true,
            ),
        )
        .await;
    release(&alder).await;
    birch.sync().await;
    cedar.sync().await;

    // Birch tries it, adapts it and shares its version; its remission rises from 50 % to 70 %
    // from the month it decided.
    birch.put_ok(&format!("/projects/{pb}"), project(pb)).await;
    birch
        .put_ok(
            &format!("/cycles/{b1}"),
            cycle(
                b1,
                pb,
                Some(x),
                ("2025-06", Some("2025-08")),
                Some("adapt"),
                "Fewer flares.",
            ),
        )
        .await;
    birch
        .put_ok(
            &format!("/practices/{y}"),
            practice(y, "Flare plans, short form", &[b1]),
        )
        .await;
    birch
        .put_ok(
            &format!("/partnership-profiles/{}", ids[10]),
            profile(
                ids[10],
                json!({"type": "cycle", "id": b1}),
                "organisation",
                "involved",
                false,
            ),
        )
        .await;
    for i in 0..18 {
        let month = format!("{}-{:02}", 2025 + i / 12, i % 12 + 1);
        let numerator = if i < 7 { 30 + i % 2 } else { 42 + i % 2 };
        let (status, body) = birch
            .put(
                &format!("/measure-values/remission/{month}"),
                &json!({"numerator": numerator, "denominator": 60}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    release(&birch).await;
    // Cedar tries it without a prediction and abandons it, then starts again.
    cedar.put_ok(&format!("/projects/{pc}"), project(pc)).await;
    cedar
        .put_ok(
            &format!("/cycles/{c1}"),
            cycle(
                c1,
                pc,
                Some(x),
                ("2025-07", Some("2025-09")),
                Some("abandon"),
                "",
            ),
        )
        .await;
    cedar
        .put_ok(
            &format!("/cycles/{c2}"),
            cycle(
                c2,
                pc,
                Some(x),
                ("2025-10", None),
                None,
                "It will fit this time.",
            ),
        )
        .await;
    release(&cedar).await;

    let lead =
        Session::from_link(&hub.add_person("lead", "lena@example.org", None), PASSWORD).await;

    // PDSA activity: the last 12 months up to October 2025, the latest with a cycle.
    let (status, page) = lead.page("/activity").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains(
            "From November 2024 to October 2025: 4 cycles started at 3 clinics and 3 completed; \
             75% of the cycles started were planned with a written prediction. At the end of \
             their cycles, teams adopted the change 1 times, adapted it 1 times and abandoned \
             it 1 times."
        ),
        "{page}"
    );
    assert!(
        page.contains("PDSA cycles started: run chart, 36 months"),
        "{page}"
    );
    let (status, cedar_page) = lead.page("/activity?clinic=cedar").await;
    assert_eq!(status, StatusCode::OK);
    assert!(cedar_page.contains("<h1>PDSA activity at Cedar Clinic</h1>"));
    assert!(cedar_page.contains("href=\"/activity/months.csv?clinic=cedar\""));
    let (_, csv) = lead.page("/activity/months.csv?clinic=cedar").await;
    assert!(csv.contains("\r\n2025-07,1,1,0,0,0,0,0\r\n"), "{csv}");
    assert!(csv.contains("\r\n2025-09,0,0,0,1,0,0,1\r\n"), "{csv}");
    // The clinics' table as CSV: the same twelve months, the four cycles started among them.
    let (_, csv) = lead.page("/activity/clinics.csv").await;
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows[0],
        "clinic,from,to,cycles_started,with_prediction,cycles_completed,adopted,adapted,abandoned"
    );
    assert_eq!(rows.len(), 1 + 3, "{csv}");
    let started: u32 = rows[1..]
        .iter()
        .map(|r| r.split(',').nth(3).unwrap().parse::<u32>().unwrap())
        .sum();
    assert_eq!(started, 4, "{csv}");
    assert!(
        rows[1..].iter().all(|r| r.contains(",2024-11,2025-10,")),
        "{csv}"
    );
    let (status, problem) = lead.page("/activity?clinic=no-such-clinic").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(problem.contains("choose one from the list"), "{problem}");

    // Spread: Alder's practice, tested at Birch and Cedar; Birch's version beneath it; Birch's
    // chart improved after it adapted the practice.
    let (status, page) = lead.page("/spread").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains(
        "Tested in 3 cycles at 2 other clinics: 0 adopted it, 1 adapted it, 1 abandoned it, \
         1 still testing."
    ));
    assert!(
        page.contains(
            "After adopting or adapting it, 1 of 1 clinics&#39; charts improved, 0 got worse, 0 \
             show no shift yet, and 0 have too few months to tell."
        ),
        "{page}"
    );
    let tree = page.split("id=\"tree-heading\"").nth(1).unwrap();
    let tree = tree.split("</nav>").next().unwrap();
    let (first, second) = (
        tree.find(">Flare plans</a>"),
        tree.find(">Flare plans, short form</a>"),
    );
    assert!(first.unwrap() < second.unwrap(), "{tree}");
    assert!(tree.contains("<li class=\"depth-1\">"), "{tree}");
    assert!(page.contains("adapted from <a href=\"#practice-1\">Flare plans</a>"));
    assert!(
        page.contains("<td class=\"after-better\">improved</td>"),
        "{page}"
    );
    let (_, csv) = lead.page("/spread/tests.csv").await;
    let birch_row = csv.lines().find(|l| l.contains(",birch,")).unwrap();
    assert!(
        birch_row.ends_with(",alder,,birch,2025-06,adapt,2025-08,remission,better"),
        "{birch_row}"
    );
    // Cedar's own view: the practice it tested, and not Birch's version it never touched.
    let (_, cedar_spread) = lead.page("/spread?clinic=cedar").await;
    assert!(cedar_spread.contains("Flare plans"));
    assert!(
        !cedar_spread.contains(">Flare plans, short form</h2>"),
        "{cedar_spread}"
    );

    // The measure's chart shows what the teams did beside it: three cycles completed in
    // projects that follow remission, one of which adapted a network practice.
    let (_, page) = lead.page("/measures/remission").await;
    assert!(
        page.contains(
            "3 PDSA cycles completed in projects that follow this measure, 1 of which adopted \
             or adapted a network practice."
        ),
        "{page}"
    );
    assert!(page.contains("<th scope=\"col\" class=\"num\">PDSA cycles completed</th>"));

    // Partnership: two cycles with a profile (Alder's through its project, Birch's its own);
    // Cedar's two have none.
    let (status, page) = lead.page("/partnership").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains(
            "Of 2 PDSA cycles with a partnership profile (their own, or their project&#39;s), \
             2 (100%) had patients or families involved, or leading, in at least one phase. \
             2 cycles have no profile and are not counted."
        ),
        "{page}"
    );
    // Every cell says its value and count, greyed with fewer than 5 cycles, and takes focus.
    let heat = page.split("<table class=\"heatmap\">").nth(1).unwrap();
    let heat = heat.split("</table>").next().unwrap();
    assert_eq!(heat.matches("tabindex=\"0\"").count(), 16, "{heat}");
    assert_eq!(heat.matches("class=\"few\"").count(), 16);
    assert!(
        heat.contains("aria-label=\"Clinic, Design: 100%, 1 of 1 cycles; too few to compare\"")
    );
    assert!(heat.contains("aria-label=\"Clinic, Plan: 0%, 0 of 1 cycles; too few to compare\""));
    let (_, csv) = lead.page("/partnership/matrix.csv").await;
    assert!(csv.contains("\r\nclinic,design,1,1,1,yes\r\n"), "{csv}");
    assert!(
        csv.contains("\r\norganisation,evaluate,1,1,1,yes\r\n"),
        "{csv}"
    );
    assert!(csv.contains("\r\ndirect_care,design,0,0,,yes\r\n"), "{csv}");
    // Parity: one of two profiles paid its partners.
    assert!(page.contains("1 of 2 profiles"), "{page}");
    let (_, csv) = lead.page("/partnership/parity.csv").await;
    assert!(csv.contains("\r\ncompensation,1,2,0.5\r\n"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 6, "{csv}");
    // The run chart's months, as a table on the page and as CSV: the two cycles with a profile.
    assert!(page.contains("id=\"months-caption\""), "{page}");
    let (_, csv) = lead.page("/partnership/months.csv").await;
    let rows: Vec<Vec<&str>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|r| r.split(',').collect())
        .collect();
    let sum = |i: usize| {
        rows.iter()
            .map(|r| r[i].parse::<u32>().unwrap())
            .sum::<u32>()
    };
    assert_eq!((sum(1), sum(2)), (2, 2), "{csv}");
    let (_, birch_page) = lead.page("/partnership?clinic=birch").await;
    assert!(birch_page.contains("<h1>Patients as partners at Birch Clinic</h1>"));
    assert!(birch_page.contains("Of 1 PDSA cycles with a partnership profile"));

    // A member of Cedar reads the other clinics only by number.
    let member = Session::from_link(
        &hub.add_person("member", "milo@example.org", Some("cedar")),
        PASSWORD,
    )
    .await;
    for path in ["/activity", "/spread", "/partnership"] {
        let (status, page) = member.page(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            !page.contains("Alder") && !page.contains("Birch"),
            "{path}: {page}"
        );
    }
    let (_, spread) = member.page("/spread").await;
    assert!(spread.contains("Shared by Clinic 1"), "{spread}");
    for path in ["/spread/tests.csv", "/activity/clinics.csv"] {
        let (_, csv) = member.page(path).await;
        assert!(
            !csv.contains("alder") && !csv.contains("birch"),
            "{path}: {csv}"
        );
    }
    let (_, csv) = member.page("/activity/clinics.csv").await;
    assert!(csv.contains("\r\ncedar,"), "its own clinic by id: {csv}");
    assert_eq!(
        member.page("/activity?clinic=birch").await.0,
        StatusCode::NOT_FOUND,
        "a real id it may not see is no clinic to it"
    );
}
