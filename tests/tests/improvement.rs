//! The clinic team's improvement work through its pages, on a real node process: projects,
//! a PDSA cycle step by step with its prompts and the next cycle linked, the partnership pulse,
//! partners' own answers shown only as counts from five, the yearly self-assessment, practices
//! with their readability hint, the catalogue's adopt, and the lead's settings. Bad input gets a
//! 4xx page that says what is wrong, and nothing is saved.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use reqwest::StatusCode;
use serde_json::Value;
use tandem_tests::kit::{HubProcess, NodeProcess, Session};

const PASSWORD: &str = "correct horse battery staple";

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_owned()
}

async fn record(node: &NodeProcess, path: &str) -> Value {
    let (status, body) = node.get(path).await;
    assert_eq!(status, 200, "{path}: {body}");
    body["record"].clone()
}

#[tokio::test]
async fn a_team_runs_a_project_and_its_cycles_through_the_pages() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    let member = Session::from_link(&node.add_person("member", "Max"), PASSWORD).await;

    // A project: a month that is not one is refused with the reason, and nothing is kept.
    let fields = [
        ("title", "Flare plans"),
        ("aim", "By June every family has a written flare plan."),
        ("start", "June"),
        ("measure", "remission"),
        ("clinicians", "2"),
    ];
    let refused = member.submit("/projects", &fields, true).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(page.contains("is not a month"), "{page}");
    assert!(
        page.contains("By June every family"),
        "the form keeps what was typed"
    );
    assert_eq!(node.get("/projects").await.1.as_array().unwrap().len(), 0);
    // Markup in a text is refused in the page's language, with the field's label.
    let mut marked = fields.to_vec();
    marked[1] = ("aim", "Fewer flares <b>this year</b>");
    marked[2] = ("start", "2026-01");
    let refused = member.submit("/projects", &marked, true).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Aim contains HTML markup at character 14 (&#60;b…); write plain text"),
        "{page}"
    );
    let page = member
        .in_language("fr")
        .submit("/projects", &marked, true)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Objectif contient du balisage HTML au caractère 14 (&#60;b…)"),
        "{page}"
    );
    assert_eq!(node.get("/projects").await.1.as_array().unwrap().len(), 0);
    let mut fields = fields.to_vec();
    fields[2] = ("start", "2026-01");
    let saved = member.submit("/projects", &fields, true).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let project_path = location(&saved);
    let project = project_path.trim_start_matches("/projects/").to_owned();
    let stored = record(&node, &format!("/projects/{project}")).await;
    assert_eq!(stored["measures"], serde_json::json!(["remission"]));
    assert_eq!(stored["team"]["clinicians"], 2);
    let (_, list) = member.page("/projects").await;
    assert!(list.contains("Flare plans"));

    // A first cycle, planned without a prediction or data: the page prompts for both.
    let plan = [
        ("change_idea", "A one-page flare plan"),
        ("objective", "Learn whether it fits a busy day"),
        ("start", "2026-02"),
        ("advance", "1"),
    ];
    let created = member
        .submit(&format!("/projects/{project}/cycles"), &plan, true)
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let cycle_path = location(&created).split('?').next().unwrap().to_owned();
    let cycle = cycle_path.trim_start_matches("/cycles/").to_owned();
    let (_, page) = member.page(&cycle_path).await;
    assert!(page.contains("No prediction yet"), "{page}");
    assert!(page.contains("No data planned"));
    assert!(
        !page.contains("not linked to an earlier one"),
        "a first cycle has nothing to follow"
    );
    let stored = record(&node, &format!("/cycles/{cycle}")).await;
    assert_eq!(stored["status"], "doing");
    assert_eq!(stored["sequence"], 1);

    // The plan completed, then Do and Study; each step keeps the others.
    let r = member
        .submit(
            &format!("{cycle_path}/plan"),
            &[
                ("change_idea", "A one-page flare plan"),
                ("objective", "Learn whether it fits a busy day"),
                ("prediction", "9 of 10 families get one"),
                ("data", "A tick sheet"),
                ("start", "2026-02"),
                ("end", "2026-03"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = member.page(&cycle_path).await;
    assert!(!page.contains("No prediction yet"));
    for (step, field, text) in [
        ("do", "happened", "Ran on four Tuesdays"),
        ("study", "results", "8 of 10 got a plan"),
    ] {
        let r = member
            .submit(
                &format!("{cycle_path}/{step}"),
                &[(field, text), ("advance", "1")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{step}");
    }
    let stored = record(&node, &format!("/cycles/{cycle}")).await;
    assert_eq!(stored["status"], "acting");
    assert_eq!(stored["plan"]["prediction"], "9 of 10 families get one");
    assert_eq!(stored["do"]["happened"], "Ran on four Tuesdays");
    // Study shows the prediction beside the result.
    let (_, page) = member.page(&format!("{cycle_path}?step=study")).await;
    assert!(page.contains("side-by-side") && page.contains("9 of 10 families get one"));

    // Act: completing without a decision is refused and says what to do; a made-up one too.
    let r = member
        .submit(
            &format!("{cycle_path}/act"),
            &[("next_step", "Add a call"), ("advance", "1")],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Choose a decision"));
    let r = member
        .submit(
            &format!("{cycle_path}/act"),
            &[("decision", "celebrate"), ("advance", "1")],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        record(&node, &format!("/cycles/{cycle}")).await["status"],
        "acting"
    );
    let r = member
        .submit(
            &format!("{cycle_path}/act"),
            &[
                ("next_step", "Add a call the week after"),
                ("decision", "adapt"),
                ("advance", "1"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let stored = record(&node, &format!("/cycles/{cycle}")).await;
    assert_eq!(stored["status"], "complete");
    assert_eq!(stored["act"]["decision"], "adapt");
    assert_eq!(stored["end"], "2026-03", "the planned end is kept");
    let r = member
        .submit(&format!("{cycle_path}/party"), &[], true)
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The next cycle starts from the last one's next step, without its prediction, linked.
    let (status, page) = member
        .page(&format!("/projects/{project}/cycles/new?follows={cycle}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Add a call the week after</textarea>"),
        "{page}"
    );
    assert!(page.contains(&format!("name=\"follows\" value=\"{cycle}\"")));
    assert!(page.contains("id=\"prediction\" name=\"prediction\""));
    assert!(!page.contains("9 of 10 families get one"));
    let created = member
        .submit(
            &format!("/projects/{project}/cycles"),
            &[
                ("change_idea", "A one-page flare plan"),
                ("objective", "Add a call the week after"),
                ("follows", &cycle),
                ("start", "2026-04"),
            ],
            true,
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let second = location(&created)
        .trim_start_matches("/cycles/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let stored = record(&node, &format!("/cycles/{second}")).await;
    assert_eq!(stored["follows"], cycle);
    assert_eq!(stored["sequence"], 2);
    assert_eq!(stored["status"], "planning", "saved without moving on");
    let (_, page) = member.page(&project_path).await;
    assert!(
        page.contains("follows cycle 1"),
        "the ramp is shown: {page}"
    );

    // A third cycle not linked to any: prompted, then linked through the form.
    let created = member
        .submit(
            &format!("/projects/{project}/cycles"),
            &[
                ("change_idea", "Text reminders"),
                ("objective", "Try it"),
                ("start", "2026-04"),
            ],
            true,
        )
        .await;
    let third = location(&created)
        .trim_start_matches("/cycles/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (_, page) = member.page(&format!("/cycles/{third}")).await;
    assert!(page.contains("not linked to an earlier one"));
    let r = member
        .submit(
            &format!("/cycles/{third}/link"),
            &[("follows", &second)],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = member.page(&format!("/cycles/{third}")).await;
    assert!(!page.contains("not linked to an earlier one"));
    // A cycle of another project cannot be followed.
    let other = member
        .submit(
            "/projects",
            &[
                ("title", "Other"),
                ("aim", "Something else"),
                ("start", "2026-01"),
            ],
            true,
        )
        .await;
    let other = location(&other).trim_start_matches("/projects/").to_owned();
    let created = member
        .submit(
            &format!("/projects/{other}/cycles"),
            &[
                ("change_idea", "X"),
                ("objective", "Y"),
                ("start", "2026-04"),
            ],
            true,
        )
        .await;
    let foreign = location(&created)
        .trim_start_matches("/cycles/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let r = member
        .submit(
            &format!("/cycles/{foreign}/link"),
            &[("follows", &cycle)],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        record(&node, &format!("/cycles/{foreign}")).await["follows"],
        Value::Null
    );

    // The partnership pulse: a place is needed; then it is a profile of the cycle.
    let pulse = format!("/cycles/{cycle}/pulse");
    let r = member.submit(&pulse, &[("design", "partner")], true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Choose where"));
    let r = member
        .submit(
            &pulse,
            &[
                ("place", "clinic"),
                ("design", "partner"),
                ("evaluate", "consulted"),
                ("patients", "2"),
                ("professionals", "5"),
                ("compensation", "on"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, profiles) = node.get("/partnership-profiles").await;
    let profiles = profiles.as_array().unwrap();
    assert_eq!(profiles.len(), 1);
    let p = &profiles[0]["record"];
    assert_eq!(
        p["subject"],
        serde_json::json!({"type": "cycle", "id": cycle})
    );
    assert_eq!(p["phases"]["design"], "partner");
    assert_eq!(p["parity"]["compensation"], true);
    assert_eq!(p["parity"]["preparation"], false);

    // Partners' own answers: only partners answer, every question is needed, and the team sees
    // counts only from five answers.
    let voice = format!("/cycles/{cycle}/voice");
    let r = member
        .submit(
            &voice,
            &[("had-needed", "4"), ("heard", "4"), ("influence", "4")],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let mut partners = Vec::new();
    for i in 0..5 {
        partners.push(
            Session::from_link(&node.add_person("partner", &format!("Pat{i}")), PASSWORD).await,
        );
    }
    let r = partners[0]
        .submit(&voice, &[("had-needed", "4"), ("heard", "9")], true)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("each of the three questions")
    );
    for (i, p) in partners.iter().take(4).enumerate() {
        let answer = (1 + i).to_string();
        let r = p
            .submit(
                &voice,
                &[("had-needed", &answer), ("heard", "5"), ("influence", "3")],
                true,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let (_, page) = member.page(&cycle_path).await;
    assert!(page.contains("4 partners have answered"), "{page}");
    assert!(
        !page.contains("voice-caption"),
        "no counts below five answers"
    );
    // A partner answering again replaces the answer: still four.
    partners[0]
        .submit(
            &voice,
            &[("had-needed", "5"), ("heard", "5"), ("influence", "3")],
            true,
        )
        .await;
    let (_, page) = member.page(&cycle_path).await;
    assert!(page.contains("4 partners have answered"));
    partners[4]
        .submit(
            &voice,
            &[("had-needed", "2"), ("heard", "5"), ("influence", "3")],
            true,
        )
        .await;
    let (_, page) = member.page(&cycle_path).await;
    assert!(page.contains("How 5 partners answered"), "{page}");
    let row = page.split("I was heard.</th>").nth(1).unwrap();
    let cells: Vec<&str> = row
        .split("</tr>")
        .next()
        .unwrap()
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| c.split('<').next().unwrap())
        .collect();
    assert_eq!(cells, ["0", "0", "0", "0", "5"]);
    // The partner's own form never shows earlier answers.
    let (_, form) = partners[4].page(&voice).await;
    assert!(
        !form.contains("checked"),
        "earlier answers are not shown again"
    );

    // The yearly self-assessment: a made-up depth is refused; a grid is kept.
    let r = member
        .submit(
            "/partnership",
            &[("year", "2026"), ("clinic.design", "boss")],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = member
        .submit(
            "/partnership",
            &[
                ("year", "2026"),
                ("clinic.design", "partner"),
                ("note", "Pay partners for their time next year"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = member.page("/partnership?year=2026").await;
    assert!(page.contains("Pay partners for their time next year"));
    assert!(
        page.contains("name=\"clinic.design\" value=\"partner\" checked"),
        "{page}"
    );
    let r = member
        .submit("/partnership", &[("year", "1850")], true)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn practices_are_written_with_a_readability_hint_and_the_lead_keeps_the_roster() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "birch", "Birch Clinic").await;
    node.sync().await;
    let member = Session::from_link(&node.add_person("member", "Max"), PASSWORD).await;
    let lead = Session::from_link(&node.add_person("lead", "Lou"), PASSWORD).await;

    // "Check readability" shows the hint and saves nothing.
    let plain =
        "A nurse calls you a week after a flare. She asks how you are. Tell her what helps.";
    let fields = [
        ("title", "Flare calls"),
        ("summary", plain),
        ("language", "en"),
        ("topics", "flares"),
        ("public", "on"),
    ];
    let mut check = fields.to_vec();
    check.push(("action", "check"));
    let r = member.submit("/practices", &check, true).await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("Flesch reading ease: "), "{page}");
    assert!(page.contains("(easy)"), "{page}");
    assert_eq!(node.get("/practices").await.1.as_array().unwrap().len(), 0);
    // French is scored with Kandel–Moles, and hard text is called hard, but still saved.
    let dense = "L’identification systématique des expositions aux corticostéroïdes préalablement \
                 à la consultation facilite l’intensification thérapeutique conformément aux \
                 protocoles institutionnels.";
    let r = member
        .submit(
            "/practices",
            &[
                ("title", "Repérage"),
                ("summary", dense),
                ("language", "fr"),
                ("action", "check"),
            ],
            true,
        )
        .await;
    let page = r.text().await.unwrap();
    assert!(page.contains("Kandel–Moles reading ease"), "{page}");
    assert!(page.contains("difficult"), "{page}");

    // A tag outside the network's vocabulary is refused by name; nothing is saved.
    let mut bad = fields.to_vec();
    bad[3] = ("topics", "tremblay-family");
    let r = member.submit("/practices", &bad, true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("tremblay-family"));
    assert_eq!(node.get("/practices").await.1.as_array().unwrap().len(), 0);
    // Credits are counts by role: words, or a role counted with nothing to count, are refused.
    for (name, value, says) in [
        ("credit_parent", "two", "“two” is not a number of Parents"),
        (
            "credit_teenager",
            "120",
            "120 teenager is not a count of people",
        ),
    ] {
        let mut bad = fields.to_vec();
        bad.push((name, value));
        let r = member.submit("/practices", &bad, true).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let page = r.text().await.unwrap();
        assert!(page.contains(says), "{name}: {page}");
        assert!(page.contains(&format!("value=\"{value}\"")), "kept: {page}");
    }
    let mut credited = fields.to_vec();
    credited.extend([
        ("credit_parent", "2"),
        ("credit_clinician", "1"),
        ("stage", "design"),
        ("stage", "review"),
    ]);
    let r = member.submit("/practices", &credited, true).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, list) = node.get("/practices").await;
    let p = &list.as_array().unwrap()[0]["record"];
    assert_eq!(p["summary"], plain);
    assert_eq!(p["topics"], serde_json::json!(["flares"]));
    assert_eq!(p["public"], true);
    assert_eq!(p["co_designed"], false);
    assert_eq!(
        p["credits"],
        serde_json::json!({"roles": [{"role": "parent", "count": 2},
                                     {"role": "clinician", "count": 1}],
                           "stages": ["design", "review"], "consent": false}),
        "kept in the clinic without consent"
    );

    // Adopting from the catalogue needs a practice the node knows.
    let r = member
        .submit(
            "/projects",
            &[("title", "P"), ("aim", "A"), ("start", "2026-01")],
            true,
        )
        .await;
    let project = location(&r).trim_start_matches("/projects/").to_owned();
    let (status, _) = member
        .page(&format!(
            "/cycles/new?project={project}&practice=00000000-0000-0000-0000-000000000000&how=adopt"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let practice = p["id"].as_str().unwrap();
    let (status, page) = member
        .page(&format!(
            "/projects/{project}/cycles/new?practice={practice}&how=adapt"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("changed to suit our clinic"), "{page}");
    assert!(page.contains(&format!("name=\"from_practice\" value=\"{practice}\"")));

    // Settings are the lead's: the roster is saved (its names audited as a count only).
    assert_eq!(member.page("/settings").await.0, StatusCode::FORBIDDEN);
    let r = lead
        .submit(
            "/settings/roster",
            &[("roster", "# staff\nAda Okafor\nLiam Tremblay\n")],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = lead.page(&location(&r)).await;
    assert!(page.contains("Roster saved: 2 names"), "{page}");
    assert!(page.contains("Liam Tremblay"));
    let (_, audit) = lead.page("/admin/audit").await;
    assert!(audit.contains("2 names") && !audit.contains("Tremblay"));

    // The sync schedule: a rule that is not one is refused and kept in the form; a good one is
    // in force over the config file's; an empty one goes back to the file's.
    let r = lead
        .submit(
            "/settings/schedule",
            &[("schedule", "every quarter hour")],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("not a cron expression"), "{page}");
    assert!(page.contains("value=\"every quarter hour\""));
    let r = lead
        .submit(
            "/settings/schedule",
            &[("schedule", "0 7-19 * * 1-5")],
            true,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = lead.page("/settings").await;
    assert!(page.contains("value=\"0 7-19 * * 1-5\""), "{page}");
    assert!(page.contains("The configuration file says"));
    let r = lead
        .submit("/settings/schedule", &[("schedule", "")], true)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = lead.page("/settings").await;
    assert!(!page.contains("The configuration file says"));
    assert_eq!(
        member
            .submit("/settings/schedule", &[("schedule", "* * * * *")], true)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_clinic_sees_the_network_centre_line_only_where_enough_clinics_contribute() {
    let hub = HubProcess::start().await;
    let mut nodes = Vec::new();
    for (id, name) in [("alder", "Alder"), ("birch", "Birch"), ("cedar", "Cedar")] {
        let node = NodeProcess::start_enrolled(&hub, id, name).await;
        node.sync().await;
        nodes.push(node);
    }
    let months = ["2026-01", "2026-02", "2026-03", "2026-04"];
    let release = async |node: &NodeProcess, n: u64| {
        for month in months {
            let (status, body) = node
                .put(
                    &format!("/measure-values/remission/{month}"),
                    &serde_json::json!({"numerator": n, "denominator": 80}),
                )
                .await;
            assert!(status.is_success(), "{body}");
        }
        node.release_and_approve(serde_json::json!({"unreleased": true}))
            .await;
        node.sync().await;
    };
    release(&nodes[0], 40).await;
    release(&nodes[1], 50).await;
    let alder = Session::from_link(&nodes[0].add_person("member", "Max"), PASSWORD).await;
    // Two clinics: alder could take its own counts away and read birch's, so nothing is shared.
    nodes[0].sync().await;
    let (_, page) = alder.page("/measures/remission").await;
    assert!(!page.contains("Network centre line"), "{page}");
    // A third clinic: the network's centre line (152 of 240 each month: 63 %) is drawn beside
    // alder's own, and listed month by month.
    release(&nodes[2], 62).await;
    nodes[0].sync().await;
    let (_, page) = alder.page("/measures/remission").await;
    assert!(page.contains("Network centre line"), "{page}");
    assert!(
        page.contains("network centre line</text>"),
        "the chart draws it"
    );
    assert!(page.contains("<td class=\"num\">63%</td>"), "{page}");
    let fr = alder
        .request(reqwest::Method::GET, "/measures/remission")
        .header("accept", "text/html")
        .header("cookie", format!("{}; tandem_lang=fr", alder.cookie))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(fr.contains("Ligne centrale du réseau"), "{fr}");
}
