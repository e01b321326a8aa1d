//! People, roles, sessions and tokens on both binaries, through their real listeners: who gets
//! what on every route, refused cross-site requests, login back-off, expiry and revocation.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess, Session, assert_detail, client_with_token, form};

const PASSWORD: &str = "correct horse battery staple";

/// A route's path with sample values in place of its parameters: ones that name nothing, so
/// that a request a role is allowed to make changes nothing.
fn sample(path: &str) -> String {
    path.replace("{token}", "0000")
        .replace("{code}", "fr")
        .replace("{name}", "app.css")
        .replace("{measure}", "remission")
        .replace("{clinic}", "no-such-clinic")
        .replace("{month}", "2026-01")
        .replace("{sequence}", "999999")
        .replace("{id}", "999999")
        .replace("{n}", "999999")
}

/// What a role may do, written out here rather than read from the routers, so that the test
/// checks the routers against the intent.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anyone,
    Roles(&'static [&'static str]),
}

fn hub_intent(method: &Method, path: &str) -> Who {
    const ALL: &[&str] = &["admin", "lead", "member", "editor"];
    let public = [
        "/login",
        "/healthz",
        "/readyz",
        "/metrics",
        "/api/v1/openapi.json",
    ]
    .contains(&path)
        || ["/set-password/", "/lang/", "/static/", "/catalogue"]
            .iter()
            .any(|p| path.starts_with(p));
    if public {
        Who::Anyone
    } else if path.starts_with("/editor") {
        // The public catalogue's texts are for its editors (and admins).
        Who::Roles(&["admin", "editor"])
    } else if path.starts_with("/admin/") {
        Who::Roles(&["admin"])
    } else if path.contains("/centre-lines") {
        // Deciding a measure's centre lines is for the network's leads.
        Who::Roles(&["admin", "lead"])
    } else if path == "/"
        || path.starts_with("/measures/")
        || path.starts_with("/clinics/")
        || ["/completeness", "/activity", "/spread", "/partnership"]
            .iter()
            .any(|p| path.starts_with(p))
        || path == "/logout"
        || path.starts_with("/account")
        || path.starts_with("/api/v1/")
    {
        Who::Roles(ALL)
    } else {
        panic!("the test does not know who may use {method} {path}: add it")
    }
}

fn node_intent(method: &Method, path: &str) -> Who {
    const TEAM: &[&str] = &["lead", "member", "partner"];
    const RECORD: &[&str] = &["lead", "member"];
    const LEAD: &[&str] = &["lead"];
    // The set-up page is open: its one-time key, not a login, guards it. The API document
    // describes the API, and holds nothing of the clinic.
    let public = ["/login", "/healthz", "/setup", "/api/v1/openapi.json"].contains(&path)
        || ["/set-password/", "/lang/", "/static/"]
            .iter()
            .any(|p| path.starts_with(p));
    if public {
        return Who::Anyone;
    }
    if path.starts_with("/admin/")
        || path.ends_with("/approve")
        || path.ends_with("/withdraw")
        || path == "/api/v1/roster"
        || path.starts_with("/settings")
    {
        return Who::Roles(LEAD);
    }
    if path.ends_with("/voice") {
        // Partners' own answers to the partnership questions: theirs alone.
        return Who::Roles(&["partner"]);
    }
    if path.ends_with("/pulse") {
        // The partnership pulse is the whole team's to record, partners included.
        return Who::Roles(TEAM);
    }
    if path == "/" || path == "/logout" || path.starts_with("/account") {
        return Who::Roles(TEAM);
    }
    if path.ends_with("/new") || path.ends_with("/edit") {
        return Who::Roles(RECORD);
    }
    if path.starts_with("/measures")
        || path.starts_with("/extract")
        || path.starts_with("/releases")
        || path == "/sync"
        || path.starts_with("/projects")
        || path.starts_with("/cycles")
        || path.starts_with("/practices")
        || path.starts_with("/catalogue")
        || path == "/partnership"
    {
        // Partners read the measures, the extract's dictionary, the releases and the outbound
        // log, the projects, cycles and practices; members enter, import, record and prepare
        // releases.
        return Who::Roles(if method == Method::GET { TEAM } else { RECORD });
    }
    if path.starts_with("/api/v1/") {
        // Partners read everything the team records, and fill in the partnership questions.
        if method == Method::GET || path.starts_with("/api/v1/partnership-profiles") {
            return Who::Roles(TEAM);
        }
        return Who::Roles(RECORD);
    }
    panic!("the test does not know who may use {method} {path}: add it")
}

/// Ask every route as each role (by token) and as nobody, and check each answer.
async fn check_matrix(
    base: &str,
    routes: Vec<(Method, String)>,
    tokens: &[(&str, String)],
    intent: fn(&Method, &str) -> Who,
) -> usize {
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut checked = 0;
    for (method, path) in &routes {
        let url = format!("{base}{}", sample(path));
        let who = intent(method, path);
        let response = anonymous
            .request(method.clone(), &url)
            .send()
            .await
            .unwrap();
        let status = response.status();
        match who {
            Who::Anyone => assert!(
                status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                "{method} {path} is public, but nobody got {status}"
            ),
            Who::Roles(_) if path.starts_with("/api/") => assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} without a login"
            ),
            Who::Roles(_) => {
                assert_eq!(
                    status,
                    StatusCode::SEE_OTHER,
                    "{method} {path} without a login"
                );
                let to = response.headers()["location"].to_str().unwrap();
                assert!(to.starts_with("/login?next="), "{method} {path} → {to}");
            }
        }
        for (role, token) in tokens {
            let status = client_with_token(token)
                .request(method.clone(), &url)
                .send()
                .await
                .unwrap()
                .status();
            let allowed = match who {
                Who::Anyone => true,
                Who::Roles(roles) => roles.contains(role),
            };
            if allowed {
                assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{role} may use {method} {path}, but got {status}"
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{role} may not use {method} {path}"
                );
            }
            checked += 1;
        }
    }
    checked
}

fn table<R>(routes: Vec<tandem_web::auth::RouteInfo<R>>) -> Vec<(Method, String)> {
    routes
        .into_iter()
        .map(|r| (r.method, r.path.to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_of_both_binaries_answers_each_role_as_intended() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;

    hub.add_person("lead", "lena@example.org", None);
    hub.add_person("member", "milo@example.org", Some("alder"));
    hub.add_person("editor", "eve@example.org", None);
    let hub_tokens = [
        ("admin", hub.token.clone()),
        ("lead", hub.token_for("lena@example.org")),
        ("member", hub.token_for("milo@example.org")),
        ("editor", hub.token_for("eve@example.org")),
    ];
    let hub_routes = table(tandem_hub::app::route_table());
    assert!(hub_routes.len() >= 30, "{hub_routes:?}");
    let checked = check_matrix(&hub.web_url(), hub_routes, &hub_tokens, hub_intent).await;
    assert!(checked >= 90);

    node.add_person("member", "Nadia");
    node.add_person("partner", "Pat");
    let node_tokens = [
        ("lead", node.token.clone()),
        ("member", node.token_for("Nadia")),
        ("partner", node.token_for("Pat")),
    ];
    let node_routes = table(tandem_node::api::route_table());
    assert!(node_routes.len() >= 50, "{node_routes:?}");
    check_matrix(&node.url(), node_routes, &node_tokens, node_intent).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_login_pages_send_people_to_log_in_and_the_api_says_401() {
    let hub = HubProcess::start().await;
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = anonymous.get(hub.web_url()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?next=%2F");
    let response = anonymous
        .get(format!("{}/api/v1/network", hub.web_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_detail(&problem, "Authorization: Bearer");
    // A token that is not one is refused the same way, and says nothing about why.
    let response = client_with_token("tdm_not-a-token")
        .get(format!("{}/api/v1/network", hub.web_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // The headers every answer carries.
    let h = response.headers();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h.contains_key("referrer-policy"));
    // The metrics answer on loopback without a token.
    let metrics = anonymous
        .get(format!("{}/metrics", hub.web_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(metrics.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_requests_are_refused_on_both_binaries_forms_and_json_alike() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;

    // The node: an approved release waiting in the outbox, and its lead logged in.
    node.sync().await;
    let (status, _) = node
        .put(
            "/measure-values/remission/2026-03",
            &json!({"numerator": 41, "denominator": 60}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    node.release_and_approve(json!({"unreleased": true})).await;
    let lead = Session::from_link(&node.add_person("lead", "Lee"), PASSWORD).await;
    let withdraw = "/api/v1/outbox/1/withdraw";
    // The attack of the issue: a bodiless POST from another site, with the lead's cookie.
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
        ("origin", "null"),
    ] {
        let response = lead
            .request(Method::POST, withdraw)
            .header(header, value)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{header}: {value}"
        );
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["type"], "urn:tandem:problem:cross-site-request");
    }
    // From the node's own origin but without the session's CSRF token: refused too.
    let response = lead
        .request(Method::POST, withdraw)
        .header("origin", lead.base.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (_, log) = node.get("/outbox").await;
    assert_eq!(log[0]["state"], "waiting", "nothing was withdrawn: {log}");
    // With the token, from the page itself, it works.
    let response = lead
        .request(Method::POST, withdraw)
        .header("origin", lead.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .header("x-csrf-token", lead.csrf.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    // The hub: an administrator's form, with and without its token, and from elsewhere.
    let admin =
        Session::from_link(&hub.add_person("admin", "ada@example.org", None), PASSWORD).await;
    let fields = [("id", "birch"), ("name", "Birch Clinic")];
    assert_eq!(
        admin
            .submit("/admin/clinics", &fields, false)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let response = admin
        .request(Method::POST, "/admin/clinics")
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("id", "birch"),
            ("name", "Birch"),
            ("csrf", &admin.csrf),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (_, clinics) = hub.get("/api/v1/clinics").await;
    assert!(
        !clinics.to_string().contains("birch"),
        "no clinic was added"
    );
    let response = admin.submit("/admin/clinics", &fields, true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("Enrolment code for birch"), "{page}");
    // A refused form is a page a person can act on, in their language.
    let response = reqwest::Client::new()
        .post(format!("{}/admin/clinics", admin.base))
        .header("accept", "text/html")
        .header("cookie", format!("tandem_lang=fr; {}", admin.cookie))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("id", "cedar"), ("name", "Cedar")]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<html lang=\"fr\">"),
        "a French problem page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_back_off_per_account_and_per_address_and_name_no_one() {
    let hub = HubProcess::start().await;
    let link = hub.add_person("lead", "lena@example.org", None);
    Session::from_link(&link, PASSWORD).await;
    let base = hub.web_url();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let attempt = |login: &'static str, password: &'static str| {
        let (http, base) = (http.clone(), base.clone());
        async move {
            let r = http
                .post(format!("{base}/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form(&[("login", login), ("password", password)]))
                .send()
                .await
                .unwrap();
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                // Told when to come back, in whole seconds.
                let wait = r.headers()["retry-after"].to_str().unwrap().to_owned();
                assert!(wait.parse::<u64>().is_ok_and(|s| s >= 1), "{wait}");
            }
            (r.status(), r.text().await.unwrap())
        }
    };
    // A wrong password and an unknown login read the same: nobody learns who has an account.
    let (wrong_status, wrong) = attempt("lena@example.org", "not it at all").await;
    let (unknown_status, unknown) = attempt("nobody@example.org", "not it at all").await;
    assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_status, wrong_status);
    let message = "That login and password do not match an account";
    assert!(wrong.contains(message) && unknown.contains(message));
    // Four more wrong passwords: five in all, and the account waits, even for the right one.
    for _ in 0..4 {
        assert_eq!(
            attempt("lena@example.org", "not it at all").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let (status, page) = attempt("lena@example.org", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains("Too many failed attempts"), "{page}");
    assert!(
        Session::log_in(&base, "lena@example.org", PASSWORD)
            .await
            .is_none()
    );
    // The address has tried 6 times; 14 more with other logins, and it waits for any login.
    for i in 0..14 {
        let login: &'static str = Box::leak(format!("guess{i}@example.org").into_boxed_str());
        assert_eq!(attempt(login, "guess").await.0, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        attempt("someone@example.org", "guess").await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Every failure is in the audit log, with no password.
    let admin = hub.http();
    let csv = admin
        .get(format!("{base}/admin/audit.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.lines().filter(|l| l.contains(",login-failed,")).count() >= 20);
    assert!(!csv.contains("not it at all") && !csv.contains(PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_when_idle_too_old_or_logged_out_and_tokens_when_revoked() {
    let hub = HubProcess::start().await;
    let link = hub.add_person("lead", "lena@example.org", None);
    let session = Session::from_link(&link, PASSWORD).await;
    assert_eq!(session.page("/").await.0, StatusCode::OK);
    // A set-password link works once.
    let again = reqwest::Client::new().get(&link).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);

    // Idle for two hours (the limit is one): the session has ended.
    hub.age_sessions(chrono::Duration::hours(2), chrono::Duration::hours(2))
        .await;
    let (status, _) = session.page("/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Active a minute ago, but started 13 hours ago (the limit is 12): ended too.
    let session = Session::log_in(&hub.web_url(), "lena@example.org", PASSWORD)
        .await
        .unwrap();
    hub.age_sessions(chrono::Duration::hours(13), chrono::Duration::minutes(1))
        .await;
    assert_eq!(session.page("/").await.0, StatusCode::SEE_OTHER);
    // Logging out ends it at once.
    let session = Session::log_in(&hub.web_url(), "lena@example.org", PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        session.submit("/logout", &[], true).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(session.page("/").await.0, StatusCode::SEE_OTHER);

    // A token made on the account page is shown once, works, and stops when revoked.
    let session = Session::log_in(&hub.web_url(), "lena@example.org", PASSWORD)
        .await
        .unwrap();
    let page = session
        .submit("/account/tokens", &[("name", "monthly export")], true)
        .await
        .text()
        .await
        .unwrap();
    let token = page
        .split("value=\"tdm_")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|t| format!("tdm_{t}"))
        .expect("the new token is shown");
    let network = format!("{}/api/v1/network", hub.web_url());
    let api = client_with_token(&token);
    assert_eq!(
        api.get(&network).send().await.unwrap().status(),
        StatusCode::OK
    );
    let (_, account) = session.page("/account").await;
    assert!(!account.contains(&token), "a token is shown only once");
    let id = account
        .split("/account/tokens/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .to_owned();
    let revoked = session
        .submit(&format!("/account/tokens/{id}/revoke"), &[], true)
        .await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.get(&network).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    // A disabled person's sessions and tokens end with the account.
    let token = hub.token_for("lena@example.org");
    let session = Session::log_in(&hub.web_url(), "lena@example.org", PASSWORD)
        .await
        .unwrap();
    let users = hub.cli(&["user", "list"]);
    assert!(String::from_utf8_lossy(&users.stdout).contains("lena@example.org\tlead\t-\tactive"));
    let admin =
        Session::from_link(&hub.add_person("admin", "ada@example.org", None), PASSWORD).await;
    let (_, people) = admin.page("/admin/people").await;
    let row = people
        .split("<tr>")
        .find(|row| row.contains("lena@example.org"))
        .unwrap();
    let lena = row
        .split("/admin/people/")
        .find_map(|s| {
            let (id, rest) = s.split_once('/')?;
            rest.starts_with("disable").then(|| id.to_owned())
        })
        .unwrap();
    let disabled = admin
        .submit(&format!("/admin/people/{lena}/disable"), &[], true)
        .await;
    assert_eq!(disabled.status(), StatusCode::SEE_OTHER);
    assert_eq!(session.page("/").await.0, StatusCode::SEE_OTHER);
    assert_eq!(
        client_with_token(&token)
            .get(&network)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let (_, audit) = admin.page("/admin/audit").await;
    for action in [
        "Logged in",
        "Logged out",
        "API token made",
        "API token revoked",
        "Account disabled",
    ] {
        assert!(audit.contains(action), "the audit log shows {action:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clinic_members_see_their_clinic_by_name_and_the_others_under_pseudonyms() {
    let hub = HubProcess::start().await;
    hub.add_clinic("birch", "Birch Hospital");
    hub.add_clinic("alder", "Alder Children's");
    hub.add_clinic("cedar", "Cedar Health");
    hub.add_person("member", "milo@example.org", Some("alder"));
    let member = client_with_token(&hub.token_for("milo@example.org"));
    let clinics: Value = member
        .get(format!("{}/api/v1/clinics", hub.web_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let shown: Vec<(&str, &str)> = clinics["clinics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["name"].as_str().unwrap()))
        .collect();
    assert!(shown.contains(&("alder", "Alder Children's")), "{shown:?}");
    assert!(
        shown.contains(&("clinic-1", "Clinic 1")),
        "birch enrolled first: {shown:?}"
    );
    assert!(shown.contains(&("clinic-3", "Clinic 3")), "{shown:?}");
    let text = clinics.to_string();
    assert!(!text.contains("Birch") && !text.contains("cedar"), "{text}");
    let series = |who: &reqwest::Client, clinic: &str| {
        who.get(format!(
            "{}/api/v1/measures/remission/clinics/{clinic}/series",
            hub.web_url()
        ))
        .send()
    };
    assert_eq!(
        series(&member, "birch").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        series(&member, "clinic-1").await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        series(&hub.http(), "birch").await.unwrap().status(),
        StatusCode::OK
    );
    // A clinic member must belong to a clinic that exists.
    let out = hub.cli(&["user", "add", "--role", "member", "x@example.org"]);
    assert!(!out.status.success());
    let out = hub.cli(&[
        "user",
        "add",
        "--role",
        "member",
        "x@example.org",
        "--clinic",
        "oak",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no clinic oak"));
    let out = hub.cli(&["user", "add", "--role", "admin", "not-an-address"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an e-mail address"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_previews_and_publishes_definitions_from_the_web() {
    let hub = HubProcess::start().await;
    let admin =
        Session::from_link(&hub.add_person("admin", "ada@example.org", None), PASSWORD).await;
    let shipped = std::fs::read_to_string(tandem_tests::kit::definitions_file()).unwrap();
    let edited = shipped.replacen("goal = 0.8", "goal = 0.85", 1);
    let upload = |text: String, csrf: String| {
        let part = reqwest::multipart::Part::text(text).file_name("definitions.toml");
        admin
            .request(
                Method::POST,
                &format!("/admin/definitions/preview?csrf={csrf}"),
            )
            .header("origin", admin.base.as_str())
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
    };
    // Without the session's token the upload is refused.
    let refused = upload(edited.clone(), String::new()).await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // A broken file is named, and nothing is published.
    let broken = upload("[[measures]]\nid = 3\n".into(), admin.csrf.clone())
        .await
        .unwrap();
    assert_eq!(broken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.text().await.unwrap().contains("not valid"));
    // The preview names the change; publishing makes version 2.
    let preview = upload(edited.clone(), admin.csrf.clone())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(preview.contains("Measure changed"), "{preview}");
    assert!(
        preview.contains("<code>goal</code></th><td>0.8</td><td>0.85</td>"),
        "{preview}"
    );
    assert!(preview.contains("Publish as version 2"));
    let published = admin
        .submit(
            "/admin/definitions/publish",
            &[("toml", &edited), ("base", "1")],
            true,
        )
        .await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    let (_, defs) = hub.get("/api/v1/network").await;
    assert_eq!(defs["definitions_version"], 2);
    // A preview made against version 1 cannot publish over version 2.
    let stale = admin
        .submit(
            "/admin/definitions/publish",
            &[("toml", &shipped), ("base", "1")],
            true,
        )
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let (_, audit) = admin.page("/admin/audit").await;
    assert!(audit.contains("Definitions published") && audit.contains("version 2"));
}
