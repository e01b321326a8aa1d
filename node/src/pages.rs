//! The clinic team's pages: what the web foundation needs to know about a node, and its home
//! page. The pages for the improvement work itself build on these.

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
use crate::state::NodeSite;

/// The node's pages.
pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new().get("/", Access::Team, home)
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
        let mut items = vec![("node-nav-home", "/")];
        if user.role == LEAD {
            items.extend([
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
    Ok(HomePage {
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
