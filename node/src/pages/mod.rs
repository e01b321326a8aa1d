//! The clinic team's pages: what the web foundation needs to know about a node, its home
//! page, the measures ([`measures`]) and the extract they are computed from ([`extract`]).

pub mod cycles;
pub mod extract;
pub mod measures;
pub mod partnership;
pub mod practices;
pub mod projects;
pub mod releases;
pub mod settings;
pub mod setup;
pub mod sync;

use askama::Template;
use askama_web::WebTemplate;
use async_trait::async_trait;
use axum::extract::State;
use chrono::{DateTime, Utc};
use tandem_web::accounts::User;
use tandem_web::pages::Chrome;
use tandem_web::{Lang, NavItem, Routes, Signed, Site, Web};

use crate::Error;
use crate::access::{self, Access, LEAD};
use crate::api::gather_status;
use crate::kind::Kind;
use crate::state::NodeSite;
use tandem_shared::model::Month;

/// The node's pages.
pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/", Access::Team, home)
        .merge(measures::routes())
        .merge(projects::routes())
        .merge(cycles::routes())
        .merge(partnership::routes())
        .merge(practices::routes())
        .merge(settings::routes())
        .merge(extract::routes())
        .merge(releases::routes())
        .merge(setup::routes())
        .merge(sync::routes())
}

#[async_trait]
impl Site for NodeSite {
    fn web(&self) -> &Web {
        &self.web
    }

    fn product(&self, lang: Lang) -> String {
        lang.t("node-product")
    }

    fn nav(&self, user: &User, lang: Lang) -> Vec<NavItem> {
        let mut items = vec![
            ("node-nav-home", "/"),
            ("node-nav-projects", "/projects"),
            ("node-nav-measures", "/measures"),
            ("node-nav-practices", "/practices"),
            ("node-nav-partnership", "/partnership"),
            ("node-nav-releases", "/releases"),
            ("node-nav-sync", "/sync"),
        ];
        if user.role == LEAD {
            items.extend([
                ("node-nav-settings", "/settings"),
                ("nav-people", "/admin/people"),
                ("nav-audit", "/admin/audit"),
            ]);
        }
        NavItem::list(lang, &items)
    }

    fn roles(&self) -> &'static [&'static str] {
        access::ROLES
    }

    fn role_label(&self, role: &str, lang: Lang) -> String {
        access::role_label(role, lang)
    }

    fn manages_people(&self, user: &User) -> bool {
        user.role == LEAD
    }

    fn login_label(&self, lang: Lang) -> String {
        lang.t("node-login-label")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    lang: Lang,
    title: String,
    enrolled: bool,
    facts: Vec<(String, String)>,
    counts: Vec<(String, String)>,
    last_error: String,
    /// The hub has not been reached for a while: when it last was.
    offline: String,
    /// What is due, each with where to do it (an empty link when there is no page for it yet).
    due: Vec<(String, String)>,
    /// Items the hub refused, most recent first.
    refused: Vec<String>,
}

/// A submitted form as its name–value pairs, in order: forms with checkboxes send a name
/// once per ticked box.
#[derive(Debug, Default)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value sent under `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value sent under `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A box was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

/// Every record of a kind, read as its type, with where it stands in the release gate.
pub async fn typed<R: serde::de::DeserializeOwned>(
    node: &NodeSite,
    kind: Kind,
) -> Result<Vec<(crate::store::StoredRecord, R)>, Error> {
    node.store
        .records(kind)
        .await?
        .into_iter()
        .map(|r| {
            serde_json::from_str(&r.body).map(|t| (r, t)).map_err(|e| {
                Error::Schema(format!("a stored {} is unreadable: {e}", kind.as_str()))
            })
        })
        .collect()
}

/// One record of a kind, read as its type, or a 404 that says what was looked for.
pub async fn one_typed<R: serde::de::DeserializeOwned>(
    node: &NodeSite,
    kind: Kind,
    id: &str,
    lang: Lang,
) -> Result<(crate::store::StoredRecord, R), Error> {
    let r = node
        .store
        .record(kind, id)
        .await?
        .ok_or_else(|| not_found(lang, kind))?;
    let t = serde_json::from_str(&r.body)
        .map_err(|e| Error::Schema(format!("a stored {} is unreadable: {e}", kind.as_str())))?;
    Ok((r, t))
}

/// There is no such record of a kind here: a 404 that says what was looked for.
pub fn not_found(lang: Lang, kind: Kind) -> Error {
    Error::NotFound(lang.t_with(
        "node-not-found",
        &[(
            "kind",
            lang.t(&format!("node-thing-{}", kind.as_str())).into(),
        )],
    ))
}

/// Where a record stands in the release gate, as people read it.
pub fn gate_state(r: &crate::store::StoredRecord, lang: Lang) -> String {
    lang.t(match r.released_revision {
        None => "node-gate-draft",
        Some(_) if r.has_unreleased_changes() => "node-gate-changed",
        Some(_) => "node-gate-released",
    })
}

/// A month from a form: "2026-03", or what is wrong with it.
pub fn form_month(lang: Lang, label: &str, text: &str) -> Result<Month, String> {
    text.trim().parse().map_err(|_| {
        lang.t_with(
            "node-form-not-month",
            &[
                ("field", label.to_owned().into()),
                ("text", text.to_owned().into()),
            ],
        )
    })
}

/// A head count from a form ("" is 0), or what is wrong with it.
pub fn form_count(lang: Lang, label: &str, text: &str) -> Result<u32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse().map_err(|_| {
        lang.t_with(
            "node-entry-not-count",
            &[
                ("field", label.to_owned().into()),
                ("text", text.to_owned().into()),
            ],
        )
    })
}

/// Save the record a form described and go to `to`; or show the form again (422) with what is
/// wrong, built by `again`.
pub async fn save_form<R, P, F>(
    node: &NodeSite,
    lang: Lang,
    parsed: Result<R, String>,
    to: &str,
    again: impl FnOnce((String, &'static str)) -> F,
) -> Result<axum::response::Response, Error>
where
    R: crate::record::Record,
    P: axum::response::IntoResponse,
    F: std::future::Future<Output = Result<P, Error>>,
{
    use axum::response::IntoResponse;
    match save_or_problem(node, lang, parsed).await? {
        None => Ok(axum::response::Redirect::to(to).into_response()),
        Some(problem) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            again(problem).await?,
        )
            .into_response()),
    }
}

/// Save a record a form described, or say what is wrong for the form to show again: the
/// form's own problem or a text's in the page's language, any other refusal of the shared
/// rules in English.
pub async fn save_or_problem<R: crate::record::Record>(
    node: &NodeSite,
    lang: Lang,
    parsed: Result<R, String>,
) -> Result<Option<(String, &'static str)>, Error> {
    let record = match parsed {
        Ok(r) => r,
        Err(msg) => return Ok(Some((msg, lang.code()))),
    };
    match crate::record::save(node, &record).await {
        Ok(_) => Ok(None),
        Err(Error::Rule(rule)) => Ok(Some(match text_problem(&rule, lang) {
            Some(message) => (message, lang.code()),
            None => (rule.to_string(), "en"),
        })),
        Err(e @ (Error::Conflict(_) | Error::NotFound(_) | Error::Request(_))) => {
            Ok(Some((e.to_string(), "en")))
        }
        Err(other) => Err(other),
    }
}

/// A record's text field as the pages name it: "plan.objective" is "Plan: objective".
pub fn text_label(lang: Lang, field: &str) -> String {
    lang.t(&format!("node-text-{}", field.replace('.', "-")))
}

/// What is wrong with a text field, in the page's language, with the field's label.
fn text_problem(rule: &tandem_shared::Error, lang: Lang) -> Option<String> {
    use tandem_shared::Error as Rule;
    let (key, field, mut args): (
        &str,
        &str,
        Vec<(&'static str, tandem_web::FluentValue<'static>)>,
    ) = match rule {
        Rule::EmptyText { field } => ("node-rule-empty", field, vec![]),
        Rule::TextTooLong { field, len, max } => (
            "node-rule-too-long",
            field,
            vec![
                ("length", lang.number(*len as u64).into()),
                ("max", lang.number(*max as u64).into()),
            ],
        ),
        Rule::ControlCharacter { field, position } => (
            "node-rule-control",
            field,
            vec![("position", (*position as u64).into())],
        ),
        Rule::HiddenCharacter {
            field, position, ..
        } => (
            "node-rule-hidden",
            field,
            vec![("position", (*position as u64).into())],
        ),
        Rule::Markup {
            field,
            position,
            tag,
        } => (
            "node-rule-markup",
            field,
            vec![
                ("position", (*position as u64).into()),
                ("tag", tag.clone().into()),
            ],
        ),
        _ => return None,
    };
    args.push(("field", text_label(lang, field).into()));
    Some(lang.t_with(key, &args))
}

/// After this long without reaching the hub, the home page says the node is offline.
const OFFLINE_AFTER_HOURS: i64 = 48;

/// What the team has to do next: months to enter, an extract to import, cycles to study,
/// releases to prepare and approve.
async fn due(node: &NodeSite, lang: Lang) -> Result<Vec<(String, String)>, Error> {
    use tandem_shared::model::{CycleStatus, PdsaCycle};
    let mut out = Vec::new();
    let month = measures::due_month();
    let month_name = lang.month(month.year(), month.number());
    let defs = node.store.definitions().await?;
    let files = node.store.extract_files().await?;
    let recorded = measures::all_entries(node).await?;
    for m in defs.iter().flat_map(|d| &d.measures) {
        let entered = recorded
            .get(m.id.as_str())
            .is_some_and(|list| list.iter().any(|e| e.month == month));
        if !entered && (m.compute.is_none() || files.is_empty()) {
            out.push((
                lang.t_with(
                    "node-due-measure",
                    &[
                        ("title", m.text_in(lang.code()).0.to_owned().into()),
                        ("month", month_name.clone().into()),
                    ],
                ),
                format!("/measures/{}", m.id),
            ));
        }
    }
    // The latest month an extract taken today computes, and the latest one imported.
    let settled =
        |day: chrono::NaiveDate| Month::of(day - chrono::Duration::days(14)).plus(-1).ok();
    let today = chrono::Local::now().date_naive();
    let imported = files
        .values()
        .map(|f| f.extracted_on)
        .max()
        .and_then(settled);
    let computes = defs
        .iter()
        .flat_map(|d| &d.measures)
        .any(|m| m.compute.is_some());
    if let Some(ready) = settled(today)
        && computes
        && imported.is_none_or(|last| last < ready)
    {
        let name = lang.month(ready.year(), ready.number());
        out.push((
            lang.t_with("node-due-extract", &[("month", name.into())]),
            "/extract".into(),
        ));
    }
    let current = Month::current();
    let studying = node
        .store
        .records(Kind::Cycle)
        .await?
        .iter()
        .filter_map(|r| serde_json::from_str::<PdsaCycle<String>>(&r.body).ok())
        .filter(|c| {
            c.status == CycleStatus::Studying
                || c.status == CycleStatus::Doing && c.end.is_some_and(|e| e < current)
        })
        .count();
    if studying > 0 {
        out.push((
            lang.t_with("node-due-study", &[("count", studying.into())]),
            "/projects".into(),
        ));
    }
    let waiting = node
        .store
        .releases(50)
        .await?
        .iter()
        .filter(|r| !r.approved && !r.withdrawn && r.problems.is_empty())
        .count();
    if waiting > 0 {
        out.push((
            lang.t_with("node-due-approve", &[("count", waiting.into())]),
            String::new(),
        ));
    }
    // A release already prepared holds the unreleased records: approving it is what is due.
    let unreleased = node.store.counts().await?.unreleased;
    if unreleased > 0 && waiting == 0 {
        out.push((
            lang.t_with("node-due-release", &[("count", unreleased.into())]),
            String::new(),
        ));
    }
    Ok(out)
}

/// A time a setting keeps (RFC 3339), as people read it.
fn when(lang: Lang, at: Option<&str>) -> Option<String> {
    at.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| lang.date_time(t.with_timezone(&Utc)))
}

async fn home(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<HomePage, Error> {
    let status = gather_status(&node).await?;
    let never = lang.t("node-never");
    let mut facts = Vec::new();
    if let Some(hub) = &status.hub {
        facts.push((lang.t("node-hub"), hub.clone()));
    }
    facts.push((
        lang.t("node-last-sync"),
        when(lang, status.last_sync_at.as_deref()).unwrap_or_else(|| never.clone()),
    ));
    if let Some(until) = when(lang, status.certificate_not_after.as_deref()) {
        facts.push((lang.t("node-certificate"), until));
    }
    facts.push((
        lang.t("node-definitions"),
        match status.definitions_version {
            Some(v) => lang.t_with(
                "node-definitions-version",
                &[
                    ("version", lang.number(v).into()),
                    ("measures", status.measures.into()),
                ],
            ),
            None => lang.t("node-definitions-none"),
        },
    ));
    let count = |n: i64| lang.number(u64::try_from(n).unwrap_or(0));
    let counts = vec![
        (
            lang.t("node-count-unreleased"),
            count(status.counts.unreleased),
        ),
        (lang.t("node-count-pending"), count(status.counts.pending)),
        (
            lang.t("node-count-delivered"),
            count(status.counts.delivered),
        ),
        (lang.t("node-count-errors"), count(status.counts.errors)),
    ];
    let last_sync = status
        .last_sync_at
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let offline = match (status.clinic.is_some(), last_sync) {
        (true, Some(at)) if Utc::now() - at > chrono::Duration::hours(OFFLINE_AFTER_HOURS) => {
            lang.t_with("node-offline", &[("date", lang.date_time(at).into())])
        }
        (true, None) => lang.t("node-offline-never"),
        _ => String::new(),
    };
    let refused = node
        .store
        .sync_errors(5)
        .await?
        .into_iter()
        .map(|e| format!("{} · {}", lang.date_time(e.at), e.message))
        .collect();
    Ok(HomePage {
        offline,
        due: due(&node, lang).await?,
        refused,
        chrome: Chrome::new(&node, Some(&principal), lang, "/"),
        lang,
        title: status
            .clinic_name
            .clone()
            .unwrap_or_else(|| lang.t("node-not-enrolled-title")),
        enrolled: status.clinic.is_some(),
        facts,
        counts,
        last_error: status.last_sync_error.unwrap_or_default(),
    })
}
