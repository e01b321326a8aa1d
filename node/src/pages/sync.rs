//! The sync page: when the node last reached the hub and how that went, what waits to be sent,
//! the items the hub refused with its reasons, and a button to sync now.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Query;
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Principal, Routes, Rule, Signed};

use crate::Error;
use crate::access::Access;
use crate::api::gather_status;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/sync", Access::Team, page)
        .post("/sync", Access::Record, sync_now)
}

#[derive(Debug)]
struct Refused {
    when: String,
    item: String,
    code: String,
    message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "sync.html")]
struct SyncPage {
    chrome: Chrome,
    lang: Lang,
    facts: Vec<(String, String)>,
    refused: Vec<Refused>,
    can_sync: bool,
    notice: String,
    error: String,
}

#[derive(Debug, Deserialize)]
struct Done {
    sent: Option<usize>,
    accepted: Option<usize>,
    refused: Option<usize>,
}

async fn view(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    notice: String,
    error: String,
) -> Result<SyncPage, Error> {
    let status = gather_status(node).await?;
    let when = |t: Option<&str>| {
        t.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| lang.date_time(t.with_timezone(&chrono::Utc)))
            .unwrap_or_else(|| lang.t("node-never"))
    };
    let count = |n: i64| lang.number(u64::try_from(n).unwrap_or(0));
    let mut facts = vec![
        (
            lang.t("node-hub"),
            status
                .hub
                .clone()
                .unwrap_or_else(|| lang.t("node-not-enrolled-title")),
        ),
        (
            lang.t("node-last-sync"),
            when(status.last_sync_at.as_deref()),
        ),
        (lang.t("node-count-pending"), count(status.counts.pending)),
        (
            lang.t("node-count-delivered"),
            count(status.counts.delivered),
        ),
        (
            lang.t("node-certificate"),
            when(status.certificate_not_after.as_deref()),
        ),
    ];
    facts.push((
        lang.t("node-clock"),
        clock(lang, status.clock_offset_seconds),
    ));
    if let Some(e) = &status.last_sync_error {
        facts.push((lang.t("node-last-error"), e.clone()));
    }
    let refused = node
        .store
        .sync_errors(100)
        .await?
        .into_iter()
        .map(|e| Refused {
            when: lang.date_time(e.at),
            item: e.item.unwrap_or_else(|| {
                e.sequence
                    .map(|s| lang.t_with("node-sync-release", &[("sequence", s.into())]))
                    .unwrap_or_default()
            }),
            code: e.code,
            message: e.message,
        })
        .collect();
    Ok(SyncPage {
        chrome: Chrome::new(node, Some(principal), lang, "/sync"),
        lang,
        facts,
        refused,
        can_sync: Access::Record.allows(&principal.user),
        notice,
        error,
    })
}

async fn page(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Query(q): Query<Done>,
) -> Result<SyncPage, Error> {
    let notice = match (q.sent, q.accepted, q.refused) {
        (Some(s), Some(a), Some(r)) => lang.t_with(
            "node-sync-done",
            &[
                ("sent", s.into()),
                ("accepted", a.into()),
                ("refused", r.into()),
            ],
        ),
        _ => String::new(),
    };
    view(&node, &principal, lang, notice, String::new()).await
}

async fn sync_now(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    match crate::sync::run_once(&node).await {
        Ok(r) => Ok(Redirect::to(&format!(
            "/sync?sent={}&accepted={}&refused={}",
            r.releases_sent, r.items_accepted, r.items_refused
        ))
        .into_response()),
        // What went wrong with the hub is the team's to see: it says what to check.
        Err(
            e @ (Error::Unreachable(_) | Error::Hub(_) | Error::NotEnrolled | Error::Conflict(_)),
        ) => {
            let page = view(
                &node,
                &principal,
                lang,
                String::new(),
                lang.t_with("node-sync-failed", &[("why", e.to_string().into())]),
            )
            .await?;
            Ok((axum::http::StatusCode::BAD_GATEWAY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// This server's clock against the hub's, as the sync page says it.
fn clock(lang: Lang, offset: Option<i64>) -> String {
    let Some(offset) = offset else {
        return lang.t("node-clock-unknown");
    };
    match crate::sync::clock_off(offset) {
        None => lang.t("node-clock-right"),
        Some(((unit, n), behind)) => {
            let amount = lang.t_with(&format!("node-amount-{unit}"), &[("n", n.into())]);
            let key = if behind {
                "node-clock-behind"
            } else {
                "node-clock-ahead"
            };
            lang.t_with(key, &[("amount", amount.into())])
        }
    }
}
