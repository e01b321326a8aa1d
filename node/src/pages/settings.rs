//! Settings for the clinic lead: the roster of names the scrubber always redacts, and when
//! the node syncs with the hub. People have their own pages (`/admin/people`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Query;
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Principal, Routes, Signed};

use crate::Error;
use crate::access::Access;
use crate::config::Config;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/settings", Access::Lead, page)
        .post("/settings/roster", Access::Lead, save_roster)
        .post("/settings/schedule", Access::Lead, save_schedule)
}

#[derive(Template, WebTemplate)]
#[template(path = "settings.html")]
struct SettingsPage {
    chrome: Chrome,
    lang: Lang,
    roster: String,
    names: usize,
    schedule: String,
    /// The config file's schedule, when the settings page's one is in force.
    file_schedule: String,
    next: Vec<String>,
    config_file: &'static str,
    listen: String,
    notice: String,
    error: String,
    schedule_error: String,
}

#[derive(Debug, Deserialize)]
struct Saved {
    names: Option<usize>,
    schedule: Option<String>,
}

/// What the forms hold when shown again with a problem.
#[derive(Debug, Default)]
struct Typed {
    roster: Option<String>,
    schedule: Option<String>,
}

async fn view(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    typed: Typed,
    notice: String,
    error: (String, String),
) -> Result<SettingsPage, Error> {
    let stored = node.store.setting("roster").await?.unwrap_or_default();
    let names = node.store.roster().await.map(|r| r.len()).unwrap_or(0);
    let (schedule, from_page) = node.sync_schedule().await?;
    let next = crate::schedule::parse_schedule(&schedule)
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
        roster: typed.roster.unwrap_or(stored),
        names,
        schedule: typed.schedule.unwrap_or(schedule),
        file_schedule: if from_page {
            node.config.sync_schedule.clone()
        } else {
            String::new()
        },
        next,
        config_file: Config::FILE,
        listen: node.config.listen.to_string(),
        notice,
        error: error.0,
        schedule_error: error.1,
    })
}

async fn page(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Query(q): Query<Saved>,
) -> Result<SettingsPage, Error> {
    let notice = match (q.names, q.schedule) {
        (Some(n), _) => lang.t_with("node-roster-saved", &[("count", n.into())]),
        (_, Some(_)) => lang.t("node-schedule-saved"),
        _ => String::new(),
    };
    view(
        &node,
        &principal,
        lang,
        Typed::default(),
        notice,
        Default::default(),
    )
    .await
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
            let typed = Typed {
                roster: Some(f.roster),
                schedule: None,
            };
            let page = view(
                &node,
                &principal,
                lang,
                typed,
                String::new(),
                (e.to_string(), String::new()),
            )
            .await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
struct ScheduleForm {
    schedule: String,
}

/// Change when the node syncs (empty: back to the config file's); the schedule task takes the
/// new one at once.
async fn save_schedule(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Form(f): Form<ScheduleForm>,
) -> Result<Response, Error> {
    let expr = f.schedule.trim();
    if !expr.is_empty()
        && let Err(e) = crate::schedule::parse_schedule(expr)
    {
        let typed = Typed {
            roster: None,
            schedule: Some(f.schedule.clone()),
        };
        let page = view(
            &node,
            &principal,
            lang,
            typed,
            String::new(),
            (String::new(), e.to_string()),
        )
        .await?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    node.store
        .set_setting(crate::store::settings::SYNC_SCHEDULE, expr)
        .await?;
    node.schedule_changed.notify_one();
    tandem_web::people::audit(
        &node.web,
        &principal.user.login,
        "schedule-changed",
        "sync schedule",
        expr,
    )
    .await;
    Ok(Redirect::to("/settings?schedule=saved").into_response())
}
