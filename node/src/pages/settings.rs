//! Settings for the clinic lead: the roster of names the scrubber always redacts, and when
//! the node syncs with the hub. People have their own pages (`/admin/people`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Principal, Routes, Signed};

use crate::Error;
use crate::access::Access;
use crate::config::Config;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new().get("/settings", Access::Lead, page).post(
        "/settings/roster",
        Access::Lead,
        save_roster,
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "settings.html")]
struct SettingsPage {
    chrome: Chrome,
    lang: Lang,
    roster: String,
    names: usize,
    schedule: String,
    next: Vec<String>,
    config_file: &'static str,
    listen: String,
    notice: String,
    error: String,
}

#[derive(Debug, Deserialize)]
struct Saved {
    names: Option<usize>,
}

async fn view(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    roster: Option<String>,
    notice: String,
    error: String,
) -> Result<SettingsPage, Error> {
    let stored = node.store.setting("roster").await?.unwrap_or_default();
    let names = node.store.roster().await.map(|r| r.len()).unwrap_or(0);
    let next = crate::schedule::parse_schedule(&node.config.sync_schedule)
        .map(|s| {
            s.upcoming(chrono::Utc)
                .take(3)
                .map(|t| lang.date_time(t))
                .collect()
        })
        .unwrap_or_default();
    Ok(SettingsPage {
        chrome: Chrome::new(node, Some(principal), lang, "/settings"),
        lang,
        roster: roster.unwrap_or(stored),
        names,
        schedule: node.config.sync_schedule.clone(),
        next,
        config_file: Config::FILE,
        listen: node.config.listen.to_string(),
        notice,
        error,
    })
}

async fn page(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Query(q): Query<Saved>,
) -> Result<SettingsPage, Error> {
    let notice = q
        .names
        .map(|n| lang.t_with("node-roster-saved", &[("count", n.into())]))
        .unwrap_or_default();
    view(&node, &principal, lang, None, notice, String::new()).await
}

#[derive(Debug, Deserialize)]
struct RosterForm {
    roster: String,
}

async fn save_roster(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Form(f): Form<RosterForm>,
) -> Result<Response, Error> {
    match crate::api::save_roster(&node, &principal, &f.roster).await {
        Ok(n) => Ok(Redirect::to(&format!("/settings?names={n}")).into_response()),
        Err(Error::Rule(e)) => {
            let page = view(
                &node,
                &principal,
                lang,
                Some(f.roster),
                String::new(),
                e.to_string(),
            )
            .await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}
