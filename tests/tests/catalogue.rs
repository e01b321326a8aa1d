#![allow(clippy::unwrap_used)]
//! The public catalogue on a real hub fed by four real nodes: only what a clinic marked public
//! and an editor published appears, a clinic's name only with its consent, "what changed"
//! only at the public tier; search, filters, languages, caching and bad addresses.

use std::time::{Duration, Instant};

use chrono::Utc;
use reqwest::StatusCode;
use reqwest::header;
use serde_json::{Value, json};
use tandem_hub::catalogue::FamilyText;
use tandem_shared::model::Language;
use tandem_tests::database::Backend;
use tandem_tests::kit::{HubProcess, NodeProcess, Session, form};
use uuid::Uuid;

fn project(id: Uuid) -> Value {
    json!({
        "id": id, "title": "Remission", "aim": "More children in remission by next year.",
        "measures": ["remission"], "start": "2025-01",
        "team": {"clinicians": 3, "other_staff": 1, "patient_partners": 1, "family_partners": 1}
    })
}

fn cycle(id: Uuid, project: Uuid, from: Option<Uuid>, (start, end): (&str, &str)) -> Value {
    json!({
        "id": id, "project": project, "sequence": 1, "change_idea": "Written flare plans",
        "from_practice": from,
        "plan": {"objective": "Try it on Tuesdays.", "prediction": "More in remission.",
                 "who": "The nurse lead.", "what": "A one-page plan.", "when": "Four weeks.",
                 "where": "Clinic.", "data": "Remission."},
        "do": {"happened": "It ran.", "observations": ""},
        "study": {"results": "It helped."},
        "act": {"decision": "adopt", "next_step": ""},
        "start": start, "end": end, "status": "complete"
    })
}

fn practice(id: Uuid, title: &str, cycles: &[Uuid], public: bool, named: bool) -> Value {
    json!({
        "id": id, "title": title, "summary": "Families leave clinic with a written plan.",
        "detail": "", "language": "en", "conditions": ["ibd"], "topics": ["flares"],
        "co_designed": named, "cycles": cycles, "public": public, "show_clinic_name": named,
        // The same people credited each time; only the named practice has their consent.
        "credits": {"roles": [{"role": "parent", "count": 2}, {"role": "teenager", "count": 1},
                              {"role": "clinician", "count": 3}],
                    "stages": ["design", "testing", "review"], "consent": named}
    })
}

fn text(title: &str, word: &str) -> FamilyText {
    FamilyText {
        title: title.into(),
        summary: format!("A plan helps with {word}."),
        problem: "At night we did not know who to call.".into(),
        steps: vec!["Write the plan at your next visit.".into()],
        care_team: "The nurse checks the plan with you.".into(),
        think_about: String::new(),
    }
}

const PASSWORD: &str = "correct horse battery staple";

/// Send the editor's form for a practice's text in one language, with the first `checks` of
/// the checklist ticked; the answer after any redirect.
async fn write(
    editor: &Session,
    practice: Uuid,
    lang: &str,
    t: &FamilyText,
    action: &str,
    checks: usize,
) -> (StatusCode, String) {
    let steps = t.steps.join("\n");
    let mut fields = vec![
        ("title", t.title.as_str()),
        ("summary", &t.summary),
        ("problem", &t.problem),
        ("steps", &steps),
        ("care_team", &t.care_team),
        ("think_about", &t.think_about),
        ("action", action),
    ];
    let boxes: Vec<String> = [
        "words", "you", "sections", "numbers", "action", "steps", "advice",
    ]
    .iter()
    .take(checks)
    .map(|k| format!("check_{k}"))
    .collect();
    fields.extend(boxes.iter().map(|b| (b.as_str(), "yes")));
    let path = format!("/editor/practices/{practice}/{lang}");
    let r = editor.submit(&path, &fields, true).await;
    match r.status() {
        StatusCode::SEE_OTHER | StatusCode::FOUND => {
            let to = r.headers()[header::LOCATION].to_str().unwrap().to_owned();
            editor.page(&to).await
        }
        status => (status, r.text().await.unwrap()),
    }
}

async fn release(node: &NodeProcess) {
    node.release_and_approve(json!({"unreleased": true})).await;
    node.sync().await;
}

async fn page(http: &reqwest::Client, base: &str, path: &str) -> (StatusCode, String) {
    let r = http.get(format!("{base}{path}")).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// The results' titles on a catalogue page.
fn titles(html: &str) -> Vec<String> {
    html.split("<h3><a href=\"")
        .skip(1)
        .filter_map(|s| Some(s.split_once('>')?.1.split_once('<')?.0.to_owned()))
        .collect()
}

fn href_of(html: &str, title: &str) -> String {
    let at = html
        .find(&format!(">{title}<"))
        .expect("the title is listed");
    let start = html[..at].rfind("href=\"").unwrap() + 6;
    html[start..at]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_public_published_practices_appear_with_names_and_figures_only_where_allowed() {
    let hub = HubProcess::start().await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let others = [
        NodeProcess::start_enrolled(&hub, "birch", "Birch Clinic").await,
        NodeProcess::start_enrolled(&hub, "cedar", "Cedar Clinic").await,
        NodeProcess::start_enrolled(&hub, "elm", "Elm Clinic").await,
    ];
    let id = |n: u128| Uuid::from_u128(0x5eed_0000 + n);
    // Addresses end with the start of the id: these differ there.
    let (named, unnamed, private, draft) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );

    alder.sync().await;
    // Alder tests the ideas and shares four practices: two public (one with its name), one
    // kept to the network, one public whose family text stays a draft.
    alder
        .put_ok(&format!("/projects/{}", id(10)), project(id(10)))
        .await;
    alder
        .put_ok(
            &format!("/cycles/{}", id(11)),
            cycle(id(11), id(10), None, ("2025-01", "2025-02")),
        )
        .await;
    for (p, title, public, shows) in [
        (named, "Flare plans", true, true),
        (unnamed, "Night phone line", true, false),
        (private, "Zebra rounds", false, true),
        (draft, "Quokka clinic", true, true),
    ] {
        alder
            .put_ok(
                &format!("/practices/{p}"),
                practice(p, title, &[id(11)], public, shows),
            )
            .await;
    }
    release(&alder).await;

    // Three clinics adopt the first in July 2025; two of them the second too. Remission goes
    // from 30 to 42 of 60 each month.
    for (i, node) in others.iter().enumerate() {
        let i = i as u128;
        node.sync().await;
        let project_id = id(20 + i);
        node.put_ok(&format!("/projects/{project_id}"), project(project_id))
            .await;
        let mut adopts = vec![named];
        if i < 2 {
            adopts.push(unnamed);
        }
        for (k, from) in adopts.into_iter().enumerate() {
            let c = id(30 + i * 10 + k as u128);
            node.put_ok(
                &format!("/cycles/{c}"),
                cycle(c, project_id, Some(from), ("2025-06", "2025-07")),
            )
            .await;
        }
        for m in 0..12 {
            let numerator = if m < 6 { 30 } else { 42 };
            node.put_ok(
                &format!("/measure-values/remission/2025-{:02}", m + 1),
                json!({"numerator": numerator, "denominator": 60}),
            )
            .await;
        }
        release(node).await;
    }

    // The editor writes and publishes the texts on the editorial pages; a draft stays one.
    let editor =
        Session::from_link(&hub.add_person("editor", "eve@example.org", None), PASSWORD).await;
    let lead =
        Session::from_link(&hub.add_person("lead", "lena@example.org", None), PASSWORD).await;
    assert_eq!(lead.page("/editor").await.0, StatusCode::FORBIDDEN);
    let (status, list) = editor.page("/editor").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    for shared in ["Flare plans", "Night phone line", "Quokka clinic"] {
        assert!(
            list.contains(shared),
            "{shared} is not on the editor's list: {list}"
        );
    }
    assert!(
        !list.contains("Zebra"),
        "a practice the clinic keeps to the network: {list}"
    );
    let (status, _) = editor
        .page(&format!("/editor/practices/{private}/en"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Publishing needs the whole checklist and a text without problems; neither is saved.
    let (status, answer) = write(
        &editor,
        named,
        "en",
        &text("A plan for flares", "flares"),
        "publish",
        6,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer.contains("tick every item of the checklist"),
        "{answer}"
    );
    let long = text(&"A plan for flares ".repeat(4), "flares");
    let (status, answer) = write(&editor, named, "en", &long, "publish", 7).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.contains("The title has 71 characters"), "{answer}");
    assert!(
        editor
            .page(&format!("/editor/practices/{named}/en"))
            .await
            .1
            .contains("No version yet.")
    );
    for (p, l, t, action) in [
        (named, "en", text("A plan for flares", "flares"), "publish"),
        (
            named,
            "fr",
            text("Un plan pour les poussées", "soins"),
            "publish",
        ),
        (
            unnamed,
            "en",
            text("A phone line at night", "nights"),
            "publish",
        ),
        (draft, "en", text("Quokka clinic", "quokkas"), "draft"),
    ] {
        let (status, answer) = write(&editor, p, l, &t, action, 7).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert!(answer.contains("as version 1"), "{answer}");
    }
    // The practice the clinic keeps to the network, published straight into the store, still
    // never shows: the catalogue checks the clinic's choice as it reads.
    hub.store()
        .await
        .save_family_text(
            private,
            Language::En,
            &text("Zebra rounds", "zebras"),
            true,
            "x",
            Utc::now(),
        )
        .await
        .unwrap();

    let base = hub.web_url();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // The hub reads the store's generation at most once a second.
    let started = Instant::now();
    let listing = loop {
        let (status, html) = page(&http, &base, "/catalogue?lang=en").await;
        assert_eq!(status, StatusCode::OK, "{html}");
        if titles(&html).len() == 2 || started.elapsed() > Duration::from_secs(10) {
            break html;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let mut shown = titles(&listing);
    shown.sort();
    assert_eq!(shown, ["A phone line at night", "A plan for flares"]);
    for hidden in ["Zebra", "Quokka", "zebras", "quokkas"] {
        assert!(!listing.contains(hidden), "{hidden} is on the catalogue");
        let (status, found) = page(&http, &base, &format!("/catalogue?lang=en&q={hidden}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            titles(&found).is_empty(),
            "a search for {hidden} found {found}"
        );
    }
    // Nor at their own addresses.
    for p in [private, draft] {
        let key = &p.simple().to_string()[..12];
        let (status, _) = page(&http, &base, &format!("/catalogue/x-{key}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    // The named practice: its clinic, its ladder and its figures, summed over three clinics.
    let named_href = href_of(&listing, "A plan for flares");
    let (status, html) = page(&http, &base, &named_href).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Shared by Alder Children&#39;s"), "{html}");
    assert!(
        html.contains("Step 5 of 5"),
        "tested at 4 clinics, better at 3: {html}"
    );
    assert!(html.contains("At 3 clinics"), "{html}");
    assert!(
        html.contains("540 out of 1,080"),
        "6 months × 30 of 60 × 3: {html}"
    );
    assert!(html.contains("756 out of 1,080"), "{html}");
    assert!(
        html.contains(
            "2 parents, 1 teenager, 3 clinicians; they took part in design, testing and review"
        ),
        "the credits its people agreed to: {html}"
    );
    // The other: no name, no credits, and two clinics are below the public tier.
    let (_, html) = page(&http, &base, &href_of(&listing, "A phone line at night")).await;
    assert!(
        !html.contains("Alder"),
        "a clinic's name without its consent: {html}"
    );
    assert!(
        !html.contains("Who made it") && !html.contains("parents"),
        "credits without the consent of those counted: {html}"
    );
    let store = hub.store().await;
    let work = tandem_hub::records::Work::read(store.as_ref(), None)
        .await
        .unwrap();
    let bodies: Vec<String> = work
        .practices
        .iter()
        .filter(|(_, p)| p.id == unnamed)
        .map(|(_, p)| serde_json::to_string(p).unwrap())
        .collect();
    assert!(
        !bodies.is_empty() && bodies.iter().all(|b| !b.contains("teenager")),
        "credits without consent never left the clinic: {bodies:?}"
    );
    assert!(
        html.contains("There is not enough data to show yet."),
        "{html}"
    );
    assert!(!html.contains("out of"), "{html}");
    assert!(
        html.contains("Step 4 of 5"),
        "tested at 3, better at 2: {html}"
    );
    // In French, the French text; the English-only one says it is not yet translated, and
    // marks its language.
    let (_, fr) = page(&http, &base, "/catalogue?lang=fr").await;
    assert!(fr.contains("Un plan pour les poussées"), "{fr}");
    assert!(fr.contains("<html lang=\"fr\">"));
    assert!(fr.contains("lang=\"en\">A phone line at night<"), "{fr}");
    assert!(fr.contains("pas encore en français"), "{fr}");
    // "soins" is only in the French text; "soin" finds it by its stem.
    let (_, found) = page(&http, &base, "/catalogue?lang=fr&q=soin").await;
    assert_eq!(titles(&found), ["Un plan pour les poussées"]);
    // Filters: both are about flares; only the named one was made with families.
    let (_, found) = page(
        &http,
        &base,
        "/catalogue?lang=en&topic=flares&co_designed=yes",
    )
    .await;
    assert_eq!(titles(&found), ["A plan for flares"]);
    let (_, found) = page(&http, &base, "/catalogue?lang=en&evidence=published").await;
    assert_eq!(titles(&found), ["A plan for flares"]);

    // Caching: a repeat with the ETag is 304; the browser's language varies the answer only
    // when the address does not name one.
    let r = http
        .get(format!("{base}{named_href}"))
        .send()
        .await
        .unwrap();
    let etag = r.headers()[header::ETAG].clone();
    assert_eq!(r.headers()[header::CACHE_CONTROL], "public, max-age=60");
    assert!(r.headers().get(header::VARY).is_none());
    let again = http
        .get(format!("{base}{named_href}"))
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let browser = http
        .get(format!("{base}/catalogue"))
        .header(header::ACCEPT_LANGUAGE, "fr-CA,fr;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(browser.headers()[header::VARY], "Accept-Language, Cookie");
    assert!(
        browser
            .text()
            .await
            .unwrap()
            .contains("Des idées qui aident")
    );
    // The address with other words before the key leads to the right one.
    let key = named_href
        .split('?')
        .next()
        .unwrap()
        .rsplit('-')
        .next()
        .unwrap();
    let moved = http
        .get(format!("{base}/catalogue/old-title-{key}?lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(moved.headers()[header::LOCATION], named_href);

    // Families react without an account: counted once a day per address, no free text.
    let reactions = format!("{}/reactions", named_href.split('?').next().unwrap());
    let react = |kind: &'static str| {
        let (http, url) = (http.clone(), format!("{base}{reactions}"));
        async move {
            let r = http
                .post(url)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form(&[("kind", kind), ("lang", "en")]))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            r.headers()[header::LOCATION].to_str().unwrap().to_owned()
        }
    };
    assert!(react("tried").await.contains("noted=thanks"));
    assert!(
        react("tried").await.contains("noted=already"),
        "the same address, the same day"
    );
    let thanked = react("helped").await;
    let (_, html) = page(&http, &base, &thanked).await;
    assert!(html.contains("We tried this (1)"), "{html}");
    assert!(html.contains("This helped us (1)"), "{html}");
    assert!(
        html.contains("Thank you. We counted your answer."),
        "{html}"
    );
    let counted = http
        .get(format!("{base}{named_href}"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        counted.headers()[header::ETAG],
        etag,
        "the counts change the ETag"
    );
    let r = http
        .post(format!("{base}{reactions}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form(&[("kind", "loved it, thanks Dr Smith")]))
        .header(header::ACCEPT, "application/problem+json")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("use kind=tried or kind=helped")
    );
    let r = http
        .post(format!(
            "{base}/catalogue/x-{}/reactions",
            &private.simple().to_string()[..12]
        ))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form(&[("kind", "tried")]))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "no reaction to a practice not shown"
    );

    // Bad addresses say what is wrong.
    for (path, says) in [
        ("/catalogue?lang=de", "use lang=en or lang=fr"),
        ("/catalogue?page=0", "a whole number from 1 to 500"),
        (
            "/catalogue?evidence=proven",
            "not a step of the evidence ladder",
        ),
        ("/catalogue?topic=zebras", "is not one of the catalogue's"),
        ("/catalogue?co_designed=maybe", "use co_designed=yes"),
    ] {
        let r = http
            .get(format!("{base}{path}"))
            .header(header::ACCEPT, "application/problem+json")
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
        assert_eq!(
            r.headers()[header::CONTENT_TYPE],
            "application/problem+json",
            "{path}"
        );
        let body = r.text().await.unwrap();
        assert!(body.contains(says), "{path}: {body}");
    }

    // Unpublished, it leaves the catalogue and its address at once; the history keeps both.
    for l in ["en", "fr"] {
        let (status, answer) =
            write(&editor, named, l, &text("ignored", "x"), "unpublish", 0).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert!(answer.contains("Unpublished (version 2)"), "{answer}");
    }
    let (_, history) = editor.page(&format!("/editor/practices/{named}/en")).await;
    assert!(
        history.contains("Draft (version 2), not published"),
        "{history}"
    );
    assert!(
        history.contains("A plan for flares"),
        "version 1 is kept: {history}"
    );
    let admin =
        Session::from_link(&hub.add_person("admin", "ada@example.org", None), PASSWORD).await;
    let (_, audit) = admin.page("/admin/audit").await;
    for action in [
        "catalogue-text-published",
        "catalogue-text-saved",
        "catalogue-text-unpublished",
    ] {
        assert!(audit.contains(action), "the audit log has no {action}");
    }
    let started = Instant::now();
    loop {
        let (status, _) = page(&http, &base, &named_href).await;
        if status == StatusCode::NOT_FOUND {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still shown: {status}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (_, html) = page(&http, &base, "/catalogue?lang=en&q=flares").await;
    assert!(titles(&html).is_empty(), "{html}");
}

/// A family's story, as the form sends it; the answer without following redirects.
async fn tell(
    http: &reqwest::Client,
    base: &str,
    practice_path: &str,
    story: &str,
    ticks: bool,
) -> reqwest::Response {
    let mut fields = vec![("story", story), ("lang", "en")];
    if ticks {
        fields.extend([("own", "yes"), ("agree", "yes")]);
    }
    http.post(format!("{base}{practice_path}/stories"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form(&fields))
        .send()
        .await
        .unwrap()
}

/// The teller's private link on the page that thanks them.
fn teller_link(html: &str) -> String {
    let at = html.find("/catalogue/stories/").expect("a teller's link");
    html[at..].split('"').next().unwrap().replace("&amp;", "&")
}

#[tokio::test]
async fn a_story_is_shown_only_once_a_moderator_publishes_it_and_its_teller_can_take_it_back() {
    // Everything the hub can log, to show that a family's words are never among it.
    let hub = HubProcess::start_with(Backend::for_hubs(), &[("RUST_LOG", "trace")]).await;
    let alder = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    let (first, second, private) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let (project_id, cycle_id) = (Uuid::new_v4(), Uuid::new_v4());
    alder.sync().await;
    alder
        .put_ok(&format!("/projects/{project_id}"), project(project_id))
        .await;
    alder
        .put_ok(
            &format!("/cycles/{cycle_id}"),
            cycle(cycle_id, project_id, None, ("2025-01", "2025-02")),
        )
        .await;
    for (p, title, public) in [
        (first, "Flare plans", true),
        (second, "Night phone line", true),
        (private, "Zebra rounds", false),
    ] {
        alder
            .put_ok(
                &format!("/practices/{p}"),
                practice(p, title, &[cycle_id], public, false),
            )
            .await;
    }
    release(&alder).await;
    let editor =
        Session::from_link(&hub.add_person("editor", "eve@example.org", None), PASSWORD).await;
    let lead =
        Session::from_link(&hub.add_person("lead", "lena@example.org", None), PASSWORD).await;
    for (p, t) in [
        (first, text("A plan for flares", "flares")),
        (second, text("A phone line at night", "nights")),
    ] {
        let (status, answer) = write(&editor, p, "en", &t, "publish", 7).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    let base = hub.web_url();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let listing = loop {
        let (_, html) = page(&http, &base, "/catalogue?lang=en").await;
        if titles(&html).len() == 2 || started.elapsed() > Duration::from_secs(10) {
            break html;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let path_of = |title| {
        href_of(&listing, title)
            .split('?')
            .next()
            .unwrap()
            .to_owned()
    };
    let (flares, nights) = (
        path_of("A plan for flares"),
        path_of("A phone line at night"),
    );
    let (_, before) = page(&http, &base, &flares).await;
    assert!(before.contains("Tell your story"), "{before}");
    assert!(before.contains("No family has shared a story about this yet."));

    // What is wrong comes back with the words kept, and nothing is stored.
    let words = "My son Thomas Tremblay started the flare plan on 12 March 2024. We kept a \
                 food diary. Call me at 514-555-0199 if you want to know more.";
    let r = tell(&http, &base, &flares, words, false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Please tick the box to say this happened"),
        "{html}"
    );
    assert!(
        html.contains("kept a food diary"),
        "the words come back: {html}"
    );
    let r = tell(&http, &base, &flares, "Good.", true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Your story is too short"));
    let r = tell(&http, &base, &flares, &"long ".repeat(700), true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let hidden = format!("/catalogue/x-{}", &private.simple().to_string()[..12]);
    let r = tell(&http, &base, &hidden, words, true).await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "no story for a practice not shown"
    );
    assert!(hub.store().await.stories().await.unwrap().is_empty());

    // Sent: the teller gets a private link, and the story is nowhere on the catalogue.
    let r = tell(&http, &base, &flares, words, true).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
    let link = teller_link(&r.text().await.unwrap());
    let again = tell(&http, &base, &flares, words, true).await;
    assert_eq!(
        again.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "once a day per practice"
    );
    assert_eq!(again.headers()[header::RETRY_AFTER], "86400");
    let r = tell(
        &http,
        &base,
        &nights,
        "The night phone line helped us a lot when our daughter was sick on a weekend.",
        true,
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let waiting_link = teller_link(&r.text().await.unwrap());
    let public_pages = [
        flares.clone(),
        format!("{flares}?lang=fr"),
        nights.clone(),
        "/catalogue?lang=en".into(),
        "/catalogue?lang=en&q=diary".into(),
        "/catalogue?lang=en&q=thomas".into(),
        "/catalogue?lang=fr&q=flares".into(),
    ];
    let never_shown = |words: &'static [&'static str]| {
        let (http, base, pages) = (http.clone(), base.clone(), public_pages.clone());
        async move {
            for p in &pages {
                let (_, html) = page(&http, &base, p).await;
                for w in words {
                    assert!(
                        !html.contains(w),
                        "{w:?} is on {p} before moderation: {html}"
                    );
                }
            }
        }
    };
    never_shown(&[
        "Thomas",
        "food diary",
        "514-555-0199",
        "night phone line helped",
    ])
    .await;
    let (status, mine) = page(&http, &base, &link).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert!(mine.contains("Your story is waiting"), "{mine}");
    assert!(
        mine.contains("kept a food diary"),
        "the teller sees their words: {mine}"
    );
    let (status, _) = page(&http, &base, "/catalogue/stories/0123abcd").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The moderator reads it with the scrubber's findings marked, and the rules.
    assert_eq!(lead.page("/editor/stories").await.0, StatusCode::FORBIDDEN);
    assert!(
        editor
            .page("/editor")
            .await
            .1
            .contains("2 waiting to be read")
    );
    let (status, queue) = editor.page("/editor/stories").await;
    assert_eq!(status, StatusCode::OK, "{queue}");
    assert!(queue.contains("2 stories are waiting"), "{queue}");
    let story = hub
        .store()
        .await
        .stories()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.practice == first)
        .unwrap();
    let one = format!("/editor/stories/{}", story.id);
    assert!(queue.contains(&one), "{queue}");
    let (_, moderate) = editor.page(&one).await;
    for marked in ["Thomas Tremblay", "12 March 2024", "514-555-0199"] {
        assert!(
            moderate.contains(&format!("<mark class=\"finding\">{marked}")),
            "{marked} is not marked: {moderate}"
        );
    }
    assert!(moderate.contains("Take out medical advice"), "{moderate}");
    let decide = |fields: Vec<(&'static str, String)>| {
        let (editor, one) = (&editor, one.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = editor.submit(&one, &fields, true).await;
            (r.status(), r.text().await.unwrap())
        }
    };
    // Published as sent, it would name the boy: refused until reworded (or checked).
    let (status, answer) = decide(vec![("action", "publish".into()), ("text", words.into())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer.contains("The scrubber still marks 3 things"),
        "{answer}"
    );
    let (status, answer) = decide(vec![("action", "decline".into()), ("reason", " ".into())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(answer.contains("Give a reason"), "{answer}");
    let (status, _) = decide(vec![("action", "bury".into())]).await;
    assert!(status.is_client_error());
    let (status, _) = decide(vec![
        ("action", "decline".into()),
        (
            "reason",
            "Your story names your son; we keep children safe.".into(),
        ),
    ])
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, mine) = page(&http, &base, &link).await;
    assert!(mine.contains("Your story is not shown."), "{mine}");
    assert!(mine.contains("Why: Your story names your son"), "{mine}");
    never_shown(&["Thomas", "food diary"]).await;

    // Reworded, it is published: the edited words show, never the original.
    let edited = "My son started the flare plan last year. We kept a food diary and it helped \
                  us talk with the nurse.";
    let etag = http
        .get(format!("{base}{flares}"))
        .send()
        .await
        .unwrap()
        .headers()[header::ETAG]
        .clone();
    let (status, _) = decide(vec![("action", "publish".into()), ("text", edited.into())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let r = http.get(format!("{base}{flares}")).send().await.unwrap();
    assert_ne!(
        r.headers()[header::ETAG],
        etag,
        "a published story changes the page"
    );
    let shown = r.text().await.unwrap();
    assert!(shown.contains(edited), "{shown}");
    assert!(
        !shown.contains("Thomas") && !shown.contains("514-555"),
        "{shown}"
    );
    let (_, french) = page(&http, &base, &format!("{flares}?lang=fr")).await;
    assert!(
        french.contains(&format!("<blockquote lang=\"en\">{edited}")),
        "an English story on the French page says its language: {french}"
    );
    let (_, mine) = page(&http, &base, &link).await;
    assert!(
        mine.contains("Your story is shown on the practice page."),
        "{mine}"
    );

    // The teller takes it back: gone from the page, its words deleted.
    let withdraw = format!("{}/withdraw", link.split('?').next().unwrap());
    let r = http
        .post(format!("{base}{withdraw}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form(&[("lang", "en")]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = page(
        &http,
        &base,
        r.headers()[header::LOCATION].to_str().unwrap(),
    )
    .await;
    assert!(mine.contains("Your story is gone."), "{mine}");
    assert!(
        !mine.contains("food diary") && !mine.contains("Take my story back"),
        "{mine}"
    );
    never_shown(&["food diary", "Thomas"]).await;
    let gone = hub.store().await.story(story.id).await.unwrap().unwrap();
    assert_eq!((gone.original, gone.published), (None, None));
    let (status, answer) =
        decide(vec![("action", "publish".into()), ("text", edited.into())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");

    // A story no one reads in time is declined and its words deleted; the teller is told.
    let later = Utc::now() + chrono::TimeDelta::days(61);
    assert_eq!(hub.store().await.purge_stories(later).await.unwrap(), 1);
    let (_, waited) = page(&http, &base, &waiting_link).await;
    assert!(
        waited.contains("No one could read your story in time"),
        "{waited}"
    );
    assert!(!waited.contains("night phone line helped"), "{waited}");

    let admin =
        Session::from_link(&hub.add_person("admin", "ada@example.org", None), PASSWORD).await;
    let (_, audit) = admin.page("/admin/audit").await;
    for action in [
        "catalogue-story-sent",
        "catalogue-story-declined",
        "catalogue-story-published",
        "catalogue-story-withdrawn",
    ] {
        assert!(audit.contains(action), "the audit log has no {action}");
    }
    assert!(
        !audit.contains("food diary"),
        "no story's words in the audit log"
    );
    let log = hub.log();
    assert!(
        log.contains("TRACE") && log.contains("/stories"),
        "the log was read"
    );
    for words in [
        "Tremblay",
        "food diary",
        "514-555-0199",
        "night phone line helped",
    ] {
        assert!(!log.contains(words), "the hub logged {words:?}");
    }
}
