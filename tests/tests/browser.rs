//! Every page of both binaries in a real Chromium: a hub and a node on loopback, one person per
//! role on each, and `tests/browser/run.mjs` (playwright-core and axe-core) visiting each page
//! in English and French as each role that can see it. Screenshots go to
//! `target/screenshots/`.
//!
//! `./scripts/test` installs Debian's Chromium and the npm packages (from the committed lock
//! file) and sets `TANDEM_TEST_BROWSER=1`; without it, a machine that lacks them skips this
//! test and says so.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, Session};

const CHROMIUM: &str = "/usr/bin/chromium";
const PASSWORD: &str = "a long pass phrase for the browser";

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("browser")
}

/// Whether the browser, Node.js and the npm packages are here; when the test script asked for
/// the browser tests, their absence is a failure rather than a skip.
fn ready() -> bool {
    let missing: Vec<&str> = [
        (!Path::new(CHROMIUM).exists()).then_some("Debian's chromium"),
        (!browser_dir().join("node_modules/playwright-core").exists())
            .then_some("tests/browser/node_modules (npm ci)"),
        std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("Node.js"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var("TANDEM_TEST_BROWSER").is_err(),
        "the browser tests were asked for, but these are missing: {}",
        missing.join(", ")
    );
    eprintln!(
        "skipped: the browser tests need {} (./scripts/test installs them)",
        missing.join(", ")
    );
    false
}

/// People with passwords, one per role: they set them through their links, as people do.
async fn people(links: Vec<(&str, String, String)>) -> Vec<Value> {
    let mut out = Vec::new();
    for (role, login, link) in links {
        Session::from_link(&link, PASSWORD).await;
        out.push(json!({"role": role, "login": login, "password": PASSWORD}));
    }
    out
}

fn page(path: &str, roles: &[&str]) -> Value {
    json!({"path": path, "roles": roles})
}

fn problem(path: &str, name: &str, role: &str, status: u16) -> Value {
    json!({"path": path, "name": name, "roles": [role], "status": status})
}

/// The path of a set-password link, for an anonymous visit that leaves it unused.
fn link_path(link: &str) -> String {
    link[link.find("/set-password/").unwrap()..].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_in_both_languages_for_each_role_and_works_by_keyboard() {
    if !ready() {
        return;
    }
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    node.sync().await;
    // Something for the charts: a year of one measure, half of it at a new level (so the hub
    // suggests a new centre line), released and taken in.
    for (i, month) in [
        "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
        "2026-01", "2026-02", "2026-03", "2026-04",
    ]
    .iter()
    .enumerate()
    {
        let numerator = if i < 6 { 36 } else { 58 } + i % 3;
        let (status, body) = node
            .put(
                &format!("/measure-values/remission/{month}"),
                &json!({"numerator": numerator, "denominator": 80}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    // A practice shared with the network: the hub's catalogue sends it back to every node.
    let (status, body) = node
        .post(
            "/practices",
            &json!({"title": "Flare calls", "summary": "A nurse calls you a week after a flare.", "detail": "Keep a list of calls to make.", "public": true}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let practice = body["id"].as_str().unwrap().to_owned();
    node.release_and_approve(json!({"unreleased": true})).await;
    node.sync().await;
    // A project whose aim names someone, for the release review.
    let (status, body) = node
        .post(
            "/projects",
            &json!({"title": "Flare calls", "aim": "Families call Nurse Okafor on 555-123-4567 when a flare starts; the idea came from the twins' mother", "start": "2026-01"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let project = body["id"].as_str().unwrap().to_owned();
    // A cycle through Study, and a practice written up, for their pages.
    let text = |s: &str| json!(s);
    let (status, body) = node
        .post(
            "/cycles",
            &json!({
                "project": project,
                "change_idea": text("A call the week after a flare"),
                "plan": {"objective": "See whether families keep to the plan", "prediction": "8 of 10 will",
                         "who": "", "what": "", "when": "", "where": "", "data": "A tick sheet"},
                "do": {"happened": "Ran for a month", "observations": ""},
                "study": {"results": ""},
                "act": {"next_step": ""},
                "start": "2026-02", "end": "2026-03", "status": "studying",
            }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let cycle = body["id"].as_str().unwrap().to_owned();
    let all = ["lead", "member", "partner"];
    let recorders = ["lead", "member"];

    let hub_people = people(vec![
        (
            "admin",
            "ada@example.org".into(),
            hub.add_person("admin", "ada@example.org", None),
        ),
        (
            "lead",
            "lena@example.org".into(),
            hub.add_person("lead", "lena@example.org", None),
        ),
        (
            "member",
            "milo@example.org".into(),
            hub.add_person("member", "milo@example.org", Some("alder")),
        ),
    ])
    .await;
    let node_people = people(vec![
        ("lead", "Lou".into(), node.add_person("lead", "Lou")),
        ("member", "Max".into(), node.add_person("member", "Max")),
        ("partner", "Pat".into(), node.add_person("partner", "Pat")),
    ])
    .await;
    // The catalogue's editor publishes the practice's text for families, in English only.
    let editor_link = hub.add_person("editor", "eve@example.org", None);
    let editor = Session::from_link(&editor_link, PASSWORD).await;
    let steps = "Pick up the phone when the clinic calls.\nSay how the week went.";
    let mut fields = vec![
        ("title", "A call after a flare"),
        (
            "summary",
            "A nurse calls you a week after a flare to ask how you are.",
        ),
        (
            "problem",
            "After a flare, we did not know if things were going well.",
        ),
        ("steps", steps),
        (
            "care_team",
            "The nurse calls every family a week after a flare.",
        ),
        ("think_about", "You can ask for a call at another time."),
        ("action", "publish"),
    ];
    let checks: Vec<String> = [
        "words", "you", "sections", "numbers", "action", "steps", "advice",
    ]
    .iter()
    .map(|k| format!("check_{k}"))
    .collect();
    fields.extend(checks.iter().map(|c| (c.as_str(), "yes")));
    let published = editor
        .submit(&format!("/editor/practices/{practice}/en"), &fields, true)
        .await;
    assert_eq!(
        published.status(),
        303,
        "{}",
        published.text().await.unwrap()
    );
    let key = practice.replace('-', "");
    let family_page = format!("/catalogue/a-call-after-a-flare-{}", &key[..12]);
    let mut hub_people = hub_people;
    hub_people.push(json!({"role": "editor", "login": "eve@example.org", "password": PASSWORD}));
    let hub_link = link_path(&hub.add_person("lead", "new@example.org", None));
    let node_link = link_path(&node.add_person("member", "New"));

    // A second clinic's node on its first run, for the set-up page.
    let fresh = tandem_tests::kit::FreshNode::start().await;
    let fresh_code = hub.add_clinic("birch", "Birch Clinic");
    let dir = tempfile::tempdir().unwrap();
    let definitions = dir.path().join("definitions.toml");
    let shipped = std::fs::read_to_string(tandem_tests::kit::definitions_file()).unwrap();
    std::fs::write(
        &definitions,
        shipped.replacen("goal = 0.8", "goal = 0.85", 1),
    )
    .unwrap();
    // A synthetic extract to upload, and a copy with a bad row to be refused.
    let (extract, _) =
        tandem_tests::extract::write(dir.path(), &tandem_tests::extract::Synthetic::small(11))
            .unwrap();
    let bad_dir = dir.path().join("bad");
    std::fs::create_dir(&bad_dir).unwrap();
    let bad_visits = bad_dir.join("visits.csv");
    let visits = std::fs::read_to_string(&extract[1]).unwrap();
    std::fs::write(
        &bad_visits,
        visits.replacen(",in_person,", ",in_person_visit,", 3),
    )
    .unwrap();
    let mut bad_extract = extract.clone();
    bad_extract[1] = bad_visits;
    let screenshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    let plan = json!({
        "chromium": CHROMIUM,
        "screenshots": screenshots,
        "definitions": definitions,
        "sites": [
            {
                "binary": "hub",
                "url": hub.web_url(),
                "anonymous": [
                    {"path": "/login"},
                    {"path": hub_link, "name": "set-password"},
                    {"path": "/catalogue", "name": "catalogue"},
                    {"path": "/catalogue?q=flare&topic=&co_designed=", "name": "catalogue-search"},
                    {"path": "/catalogue?q=zzzz", "name": "catalogue-nothing-found"},
                    {"path": family_page, "name": "catalogue-practice"},
                    {"path": "/catalogue/no-such-practice", "name": "catalogue-not-found", "status": 404},
                ],
                "people": hub_people,
                "pages": [
                    page("/", &["admin", "lead", "member"]),
                    page("/measures/remission", &["admin", "lead", "member"]),
                    page("/clinics/alder", &["admin", "lead", "member"]),
                    page("/completeness", &["admin", "lead", "member"]),
                    page("/activity", &["admin", "lead", "member"]),
                    page("/spread", &["admin", "lead", "member"]),
                    page("/partnership", &["admin", "lead", "member"]),
                    page("/account", &["admin", "lead", "member"]),
                    page("/admin/clinics", &["admin"]),
                    page("/admin/definitions", &["admin"]),
                    page("/admin/people", &["admin"]),
                    page("/admin/audit", &["admin"]),
                    page("/editor", &["admin", "editor"]),
                    page("/editor/stories", &["admin", "editor"]),
                    page(&format!("/editor/practices/{practice}/en"), &["editor"]),
                    page(&format!("/editor/practices/{practice}/fr"), &["editor"]),
                    problem("/no-such-page", "not-found", "member", 404),
                    problem("/admin/people", "forbidden", "member", 403),
                    problem("/editor", "editor-forbidden", "lead", 403),
                ],
            },
            {
                "binary": "node",
                "url": node.url(),
                "anonymous": [
                    {"path": "/login"},
                    {"path": node_link, "name": "set-password"},
                    {"path": "/setup", "name": "setup-closed"},
                ],
                "people": node_people,
                "pages": [
                    page("/", &["lead", "member", "partner"]),
                    page("/measures", &["lead", "member", "partner"]),
                    page("/measures/remission", &["lead", "member", "partner"]),
                    page("/extract", &["lead", "member", "partner"]),
                    page("/releases", &["lead", "member", "partner"]),
                    page("/sync", &["lead", "member", "partner"]),
                    page("/account", &["lead", "member", "partner"]),
                    page("/admin/people", &["lead"]),
                    page("/admin/audit", &["lead"]),
                    page("/projects", &all),
                    page("/projects/new", &recorders),
                    page(&format!("/projects/{project}"), &all),
                    page(&format!("/projects/{project}/edit"), &["member"]),
                    page(&format!("/projects/{project}/pulse"), &all),
                    page(&format!("/projects/{project}/cycles/new"), &["member"]),
                    page(&format!("/cycles/{cycle}"), &all),
                    page(&format!("/cycles/{cycle}?step=plan"), &all),
                    page(&format!("/cycles/{cycle}?step=act"), &["member"]),
                    page(&format!("/cycles/{cycle}/pulse"), &["partner"]),
                    page(&format!("/cycles/{cycle}/voice"), &["partner"]),
                    page("/partnership", &all),
                    page("/practices", &all),
                    page("/practices/new", &recorders),
                    page(&format!("/practices/{practice}"), &all),
                    page("/catalogue", &all),
                    page(&format!("/catalogue/{practice}"), &all),
                    page("/settings", &["lead"]),
                    problem("/settings", "settings-forbidden", "member", 403),
                    problem(&format!("/cycles/{cycle}/voice"), "voice-forbidden", "member", 403),
                    problem("/no-such-page", "not-found", "partner", 404),
                    problem("/admin/people", "forbidden", "partner", 403),
                ],
            },
        ],
        "catalogue": {"url": hub.web_url(), "practice": family_page, "title": "A call after a flare",
                      "editor": {"login": "eve@example.org", "password": PASSWORD}},
        "keyboard": {"url": hub.web_url(), "login": "ada@example.org", "password": PASSWORD},
        "setup": {"url": fresh.url, "link": fresh.setup_link, "hub": hub.federation_url(), "code": fresh_code, "password": PASSWORD},
        "node_flows": {"url": node.url(), "login": "Max", "password": PASSWORD, "lead": "Lou", "partner": "Pat", "project": project, "cycle": cycle, "practice": practice, "extract": extract, "bad_extract": bad_extract},
    });
    let plan_file = dir.path().join("plan.json");
    std::fs::write(&plan_file, serde_json::to_vec_pretty(&plan).unwrap()).unwrap();

    let run = tokio::process::Command::new("node")
        .arg(browser_dir().join("run.mjs"))
        .current_dir(browser_dir())
        .env("TANDEM_BROWSER_PLAN", &plan_file)
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(600), run)
        .await
        .expect("the browser run ends within 10 minutes")
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the browser checks failed:\n{stderr}\n{stdout}"
    );
    let states: usize = stdout
        .lines()
        .find_map(|l| l.split(" page states checked").next()?.trim().parse().ok())
        .unwrap_or(0);
    assert!(
        states >= 50,
        "only {states} page states were checked:\n{stdout}"
    );
    assert!(stdout.contains("keyboard path: logged in, added a person, issued a code"));
    assert!(
        stdout.contains("node flows: a month refused and entered, an extract refused and imported")
    );
    assert!(stdout.contains("node keyboard path: entered a month"));
    assert!(stdout.contains(
        "cycle by keyboard: planned, done, studied, adapted, next cycle pre-filled and linked"
    ));
    assert!(stdout.contains(
        "partnership and practices: pulse saved, a partner answered, readability shown, practice saved, a catalogue practice adapted"
    ));
    assert!(stdout.contains("set-up by keyboard: enrolled, chose a password, reached home"));
    assert!(stdout.contains(
        "catalogue: searched and filtered in both languages, reflowed at 320 px with 24 px targets, read a practice, reacted"
    ));
    assert!(stdout.contains(
        "catalogue story: refused with its words kept, sent, hidden until moderated, marked for the editor, refused as sent, published edited, withdrawn"
    ));
    assert!(stdout.contains(
        "release review by keyboard: prepared, a redaction added, approved by the lead, withdrawn"
    ));
}
