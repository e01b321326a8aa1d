//! The first run of a clinic's node: `tandem-node serve` on a fresh directory initialises it and
//! prints a one-time set-up address; until someone is set up, pages lead there and the API
//! answers 503; the page refuses anyone without the address's key, enrols with the hub, shows
//! what the hub issued, and hands over to the lead's choice of a password.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use reqwest::StatusCode;
use tandem_tests::kit::{self, FreshNode, HubProcess, Session, form};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_fresh_node_serves_only_its_set_up_page_until_the_lead_is_set_up() {
    let hub = HubProcess::start().await;
    let code = hub.add_clinic("rowan", "Rowan Children's");
    let node = FreshNode::start().await;
    let printed = &node.printed;
    assert!(printed[0].starts_with("initialised"), "{printed:?}");
    let (base, link) = (node.url.clone(), node.setup_link.clone());
    assert!(printed[2].starts_with("set up this node"), "{printed:?}");
    assert!(link.starts_with(&format!("{base}/setup?key=")), "{link}");
    let http = client();

    // Before set-up: pages lead to the set-up page, the API says what to do, health answers.
    let home = http
        .get(format!("{base}/"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), StatusCode::SEE_OTHER);
    assert_eq!(home.headers()["location"], "/setup");
    let api = http
        .get(format!("{base}/api/v1/status"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = api.json().await.unwrap();
    kit::assert_detail(&problem, "set-up address");
    assert_eq!(
        http.get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // Without the key, or with a wrong one, the page opens no form and sets up nothing.
    for path in ["/setup", "/setup?key=wrong"] {
        let r = http.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        let body = r.text().await.unwrap();
        assert!(
            body.contains("set-up address") && !body.contains("name=\"code\""),
            "{path}"
        );
    }
    let post = |fields: Vec<(&'static str, String)>| {
        let http = http.clone();
        let base = base.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            http.post(format!("{base}/setup"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", base.as_str())
                .body(form(&fields))
                .send()
                .await
                .unwrap()
        }
    };
    let key = link.split("key=").nth(1).unwrap().to_owned();
    let fed = hub.federation_url();
    let wrong_key = post(vec![
        ("key", "nope".into()),
        ("name", "Eve".into()),
        ("hub", fed.clone()),
        ("code", code.clone()),
    ])
    .await;
    assert_eq!(wrong_key.status(), StatusCode::FORBIDDEN);

    // A wrong code: the enrolment's reason, the form kept, nothing set up.
    let bad = post(vec![
        ("key", key.clone()),
        ("name", "Lou Lead".into()),
        ("hub", fed.clone()),
        ("code", "AAAA-BBBB".into()),
    ])
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.text().await.unwrap();
    assert!(
        body.contains("setup-error") && body.contains("value=\"Lou Lead\""),
        "{body}"
    );
    let still = http
        .get(format!("{base}/"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(still.headers()["location"], "/setup");

    // From another site, the form is refused even with the key.
    let cross = http
        .post(format!("{base}/setup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .body(form(&[
            ("key", &key),
            ("name", "Eve"),
            ("hub", &fed),
            ("code", &code),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);

    // The right code: enrolled, the hub's facts shown, a link to choose the password.
    let done = post(vec![
        ("key", key.clone()),
        ("name", "Lou Lead".into()),
        ("hub", fed.clone()),
        ("code", code.clone()),
    ])
    .await;
    assert_eq!(done.status(), StatusCode::OK);
    let body = done.text().await.unwrap();
    assert!(
        body.contains("Rowan Children&#39;s") || body.contains("Rowan Children's"),
        "{body}"
    );
    assert!(
        body.contains("Test network"),
        "the network's name, from the first sync: {body}"
    );
    assert!(body.contains("SHA-256"), "{body}");
    let password = body
        .split("href=\"/set-password/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a set-password link");
    let session = Session::from_link(
        &format!("{base}/set-password/{password}"),
        "a long enough passphrase",
    )
    .await;
    let (status, home) = session.page("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("Rowan Children"), "{home}");
    assert!(
        home.contains("Clinic lead"),
        "set up as the clinic lead: {home}"
    );
    // Once set up, the set-up page is closed for good.
    let again = http
        .get(format!("{base}/setup?key={key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(again.headers()["location"], "/login");
    let api = http
        .get(format!("{base}/api/v1/status"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        api.status(),
        StatusCode::UNAUTHORIZED,
        "a login is needed now, as everywhere"
    );
}
