//! The first run: a node with no one on it yet serves only its set-up page, at a one-time
//! address printed by `tandem-node serve`, so that the person at the server (and no one else
//! who can reach the listener) becomes the clinic lead. The page enrols the node with the
//! network's hub if that is not done yet, shows the hub's network, the clinic's name and the
//! certificate it issued, and hands over to the page where the lead chooses a password.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tandem_service::http::Query;
use tandem_web::pages::Chrome;
use tandem_web::secret::random_token;
use tandem_web::{Lang, Routes};

use crate::Error;
use crate::access::{Access, LEAD};
use crate::state::NodeSite;
use crate::store::settings;

/// Whether the node is set up, and the key of its set-up address while it is not.
#[derive(Debug, Default)]
pub struct Setup {
    done: AtomicBool,
    key: Mutex<Option<String>>,
}

impl Setup {
    /// Whether someone has an account here (the lead made at set-up, or people added on the
    /// command line). Checked in the database until it is true, then remembered.
    pub async fn done(&self, node: &NodeSite) -> bool {
        if self.done.load(Ordering::Relaxed) {
            return true;
        }
        let people = node.web.accounts.users().await.map(|u| !u.is_empty());
        let done = people.unwrap_or(false);
        if done {
            self.done.store(true, Ordering::Relaxed);
        }
        done
    }

    /// The set-up address's key, made on first use and the same until set-up is done.
    pub fn key(&self) -> String {
        let mut key = self.key.lock().unwrap_or_else(|p| p.into_inner());
        key.get_or_insert_with(|| random_token("")).clone()
    }

    fn matches(&self, given: &str) -> bool {
        let key = self.key.lock().unwrap_or_else(|p| p.into_inner());
        key.as_deref().is_some_and(|k| {
            tandem_web::secret::token_hash(k) == tandem_web::secret::token_hash(given)
        })
    }
}

/// The set-up link to print, if the node still needs setting up.
pub async fn link(node: &NodeSite) -> Option<String> {
    if node.setup.done(node).await {
        return None;
    }
    Some(format!(
        "{}/setup?key={}",
        node.web.config.public_url.trim_end_matches('/'),
        node.setup.key()
    ))
}

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/setup", Access::Public, page)
        .post("/setup", Access::Public, submit)
}

/// Until set-up is done, pages lead to the set-up page and the API answers 503.
pub async fn gate(State(node): State<NodeSite>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let open = ["/healthz", "/readyz", "/setup"].contains(&path)
        || path.starts_with("/static/")
        || path.starts_with("/lang/");
    if open || node.setup.done(&node).await {
        return next.run(req).await;
    }
    if path.starts_with("/api/") {
        return tandem_service::http::error_response(&Error::NotSetUp);
    }
    tandem_web::auth::see_other("/setup")
}

#[derive(Debug, Default, Deserialize)]
struct SetupForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    hub: String,
    #[serde(default)]
    code: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "setup.html")]
struct SetupPage {
    chrome: Chrome,
    lang: Lang,
    /// The key was right: the form is shown.
    allowed: bool,
    enrolled: bool,
    form: SetupForm,
    error: String,
    /// After set-up: what the node now knows, and where the lead chooses a password.
    facts: Vec<(String, String)>,
    password_link: String,
}

async fn facts(node: &NodeSite, lang: Lang) -> Result<Vec<(String, String)>, Error> {
    let s = &node.store;
    let mut out = Vec::new();
    if let Some(d) = s.definitions().await? {
        out.push((lang.t("node-setup-network"), d.network));
    }
    for (key, setting) in [
        ("node-setup-clinic", settings::CLINIC_NAME),
        ("node-hub", settings::HUB),
        ("node-setup-ca", settings::HUB_CA),
    ] {
        if let Some(v) = s.setting(setting).await? {
            out.push((lang.t(key), v));
        }
    }
    if let Some(until) = s.setting(settings::CERT_NOT_AFTER).await?
        && let Ok(t) = chrono::DateTime::parse_from_rfc3339(&until)
    {
        out.push((
            lang.t("node-certificate"),
            lang.date_time(t.with_timezone(&chrono::Utc)),
        ));
    }
    Ok(out)
}

async fn view(
    node: &NodeSite,
    lang: Lang,
    form: SetupForm,
    error: String,
) -> Result<SetupPage, Error> {
    Ok(SetupPage {
        // The language switch comes back to the same address, key and all.
        chrome: Chrome::new(node, None, lang, &format!("/setup?key={}", form.key)),
        lang,
        allowed: node.setup.matches(&form.key),
        enrolled: node.store.setting(settings::CLINIC).await?.is_some(),
        form,
        error,
        facts: Vec::new(),
        password_link: String::new(),
    })
}

#[derive(Debug, Deserialize)]
struct KeyQuery {
    #[serde(default)]
    key: String,
}

async fn page(
    State(node): State<NodeSite>,
    lang: Lang,
    Query(q): Query<KeyQuery>,
) -> Result<Response, Error> {
    if node.setup.done(&node).await {
        return Ok(tandem_web::auth::see_other("/login"));
    }
    let form = SetupForm {
        key: q.key,
        ..Default::default()
    };
    let page = view(&node, lang, form, String::new()).await?;
    let status = if page.allowed {
        StatusCode::OK
    } else {
        StatusCode::FORBIDDEN
    };
    Ok((status, page).into_response())
}

async fn submit(
    State(node): State<NodeSite>,
    lang: Lang,
    Form(form): Form<SetupForm>,
) -> Result<Response, Error> {
    if node.setup.done(&node).await {
        return Ok(tandem_web::auth::see_other("/login"));
    }
    if !node.setup.matches(&form.key) {
        let page = view(&node, lang, form, String::new()).await?;
        return Ok((StatusCode::FORBIDDEN, page).into_response());
    }
    let refuse = |form: SetupForm, error: String| async {
        let page = view(&node, lang, form, error).await?;
        Ok::<_, Error>((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        return refuse(form, lang.t("node-setup-name-missing")).await;
    }
    if node.store.setting(settings::CLINIC).await?.is_none() {
        if form.hub.trim().is_empty() || form.code.trim().is_empty() {
            return refuse(form, lang.t("node-setup-enrol-missing")).await;
        }
        if let Err(e) =
            crate::identity::enrol(&node, form.hub.trim(), form.code.trim(), false).await
        {
            // The enrolment's own words: what was wrong with the address or the code.
            return refuse(form, e.to_string()).await;
        }
        // The network's name and definitions come with the first sync; set-up goes on
        // without them if the hub cannot be reached a second time.
        if let Err(e) = crate::sync::run_once(&node).await {
            tracing::warn!(error = %e, "the first sync after set-up failed");
        }
    }
    let (user, link) =
        match tandem_web::people::add_account(&node, "set-up", &name, &name, LEAD, None).await {
            Ok(added) => added,
            Err(tandem_web::Error::Invalid(why)) => return refuse(form, why).await,
            Err(e) => return Err(e.into()),
        };
    tracing::info!(lead = %user.login, "set up");
    let mut page = view(&node, lang, form, String::new()).await?;
    page.facts = facts(&node, lang).await?;
    page.password_link = link[link.find("/set-password/").unwrap_or(0)..].to_owned();
    Ok(page.into_response())
}
