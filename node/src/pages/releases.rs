//! Release review: what would leave, field by field, the original beside the redacted text
//! with each finding marked and named; a redaction added by quoting the text (no JavaScript
//! needed) or a false one removed; the exact JSON and its hash; approval by a clinic lead only.
//! And the outbound log, which the whole team, patient partners included, can read.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::privacy::scrub::{Category, Finding};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Principal, Routes, Rule, Signed};

use crate::Error;
use crate::access::Access;
use crate::api::{approve_release, record_choice, withdraw_release};
use crate::kind::Kind;
use crate::release::{self, ItemRef, Selection};
use crate::review::{Action, Choice, FieldReview};
use crate::state::NodeSite;
use crate::store::ReleaseRow;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/releases", Access::Team, list)
        .post("/releases", Access::Record, prepare)
        .get("/releases/{id}", Access::Team, one)
        .post("/releases/{id}/redactions", Access::Record, redact)
        .post("/releases/{id}/approve", Access::Lead, approve)
        .post(
            "/releases/outbox/{sequence}/withdraw",
            Access::Lead,
            withdraw,
        )
}

#[derive(Debug)]
struct OutboxLine {
    sequence: u64,
    when: String,
    by: String,
    state: String,
    sha256: String,
    release: i64,
    can_withdraw: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "releases.html")]
struct ListPage {
    chrome: Chrome,
    lang: Lang,
    can_prepare: bool,
    is_lead: bool,
    waiting: Vec<(i64, String)>,
    log: Vec<OutboxLine>,
    notice: String,
    error: String,
}

#[derive(Debug, Deserialize)]
struct Notice {
    approved: Option<u64>,
    withdrawn: Option<u64>,
}

async fn list_view(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    notice: String,
    error: String,
) -> Result<ListPage, Error> {
    let waiting = node
        .store
        .releases(20)
        .await?
        .into_iter()
        .filter(|r| !r.approved && !r.withdrawn)
        .take(5)
        .map(|r| {
            (
                r.id,
                lang.t_with(
                    "node-release-prepared",
                    &[
                        ("date", lang.date_time(r.created_at).into()),
                        ("items", r.items.len().into()),
                    ],
                ),
            )
        })
        .collect();
    let log = node
        .store
        .outbox(200)
        .await?
        .into_iter()
        .map(|o| OutboxLine {
            can_withdraw: o.sent_at.is_none(),
            state: lang.t(match (o.sent_at, o.answer_status) {
                (None, _) => "node-outbox-waiting",
                (Some(_), Some(s)) if s >= 400 => "node-outbox-refused",
                _ => "node-outbox-delivered",
            }),
            sequence: o.sequence,
            when: lang.date_time(o.approved_at),
            by: o.approved_by,
            sha256: o.payload_sha256,
            release: o.release_id,
        })
        .collect();
    Ok(ListPage {
        chrome: Chrome::new(node, Some(principal), lang, "/releases"),
        lang,
        can_prepare: Access::Record.allows(&principal.user),
        is_lead: Access::Lead.allows(&principal.user),
        waiting,
        log,
        notice,
        error,
    })
}

async fn list(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Query(q): Query<Notice>,
) -> Result<ListPage, Error> {
    let notice = match (q.approved, q.withdrawn) {
        (Some(s), _) => lang.t_with("node-release-approved", &[("sequence", s.into())]),
        (_, Some(s)) => lang.t_with("node-release-withdrawn", &[("sequence", s.into())]),
        _ => String::new(),
    };
    list_view(&node, &principal, lang, notice, String::new()).await
}

async fn prepare(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    if node.store.unreleased().await?.is_empty() {
        let page = list_view(
            &node,
            &principal,
            lang,
            String::new(),
            lang.t("node-release-nothing"),
        )
        .await?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let row = release::preview(&node.store, Selection::Unreleased).await?;
    Ok(Redirect::to(&format!("/releases/{}", row.id)).into_response())
}

/// A piece of a field's original text, marked when it is a finding.
#[derive(Debug)]
struct Piece {
    text: String,
    /// The category's name, when this piece is redacted.
    category: String,
    start: usize,
    end: usize,
    code: String,
}

#[derive(Debug)]
struct FieldView {
    name: String,
    label: String,
    sha256: String,
    pieces: Vec<Piece>,
    redacted: String,
    dismissed: Vec<String>,
}

#[derive(Debug)]
struct ItemView {
    kind: String,
    /// The record's title, when it has one.
    title: String,
    kind_code: &'static str,
    id: String,
    fields: Vec<FieldView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "release.html")]
struct OnePage {
    chrome: Chrome,
    lang: Lang,
    id: i64,
    status: String,
    open: bool,
    items: Vec<ItemView>,
    problems: Vec<String>,
    payload: String,
    sha256: String,
    can_edit: bool,
    is_lead: bool,
    categories: Vec<(String, String)>,
    error: String,
    /// Selecting words fills in the redaction form: a shortcut, the form works without it.
    script: String,
}

fn category_name(lang: Lang, c: Category) -> String {
    lang.t(&format!("category-{}", c.label().to_ascii_lowercase()))
}

fn field_view(lang: Lang, f: &FieldReview) -> FieldView {
    let text = &f.original;
    let findings: Vec<Finding> = f
        .findings
        .iter()
        .map(|r| Finding {
            start: r.start,
            end: r.end,
            category: r.category,
        })
        .collect();
    let pieces = tandem_shared::privacy::scrub::pieces(text, &findings)
        .into_iter()
        .map(|p| Piece {
            text: p.text.to_owned(),
            category: p
                .category
                .map(|c| category_name(lang, c))
                .unwrap_or_default(),
            start: p.start,
            end: p.end,
            code: p
                .category
                .map(|c| format!("{c:?}").to_ascii_lowercase())
                .unwrap_or_default(),
        })
        .collect();
    FieldView {
        label: super::text_label(lang, &f.field),
        name: f.field.clone(),
        sha256: f.text_sha256.clone(),
        pieces,
        redacted: f.redacted.clone(),
        dismissed: f
            .dismissed
            .iter()
            .filter_map(|d| {
                text.get(d.start..d.end)
                    .map(|t| format!("“{t}” ({})", category_name(lang, d.category)))
            })
            .collect(),
    }
}

async fn release_row(node: &NodeSite, id: i64) -> Result<ReleaseRow, Error> {
    node.store.release(id).await?.ok_or_else(|| {
        Error::NotFound(format!(
            "there is no release {id}; the releases page lists them"
        ))
    })
}

async fn one_view(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    row: ReleaseRow,
    error: String,
) -> Result<OnePage, Error> {
    let items = row
        .review
        .iter()
        .filter(|i| !i.fields.is_empty())
        .map(|i| ItemView {
            kind: lang.t(&format!("node-kind-{}", i.kind.as_str())),
            title: i
                .fields
                .iter()
                .find(|f| f.field == "title" || f.field == "change_idea")
                .map(|f| f.redacted.clone())
                .unwrap_or_default(),
            kind_code: i.kind.as_str(),
            id: i.id.clone(),
            fields: i.fields.iter().map(|f| field_view(lang, f)).collect(),
        })
        .collect();
    let pretty = serde_json::from_str::<serde_json::Value>(&row.payload)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| row.payload.clone());
    Ok(OnePage {
        script: tandem_web::assets::url("review.js"),
        chrome: Chrome::new(node, Some(principal), lang, "/releases"),
        lang,
        id: row.id,
        status: lang.t(if row.approved {
            "node-release-status-approved"
        } else if row.withdrawn {
            "node-release-status-withdrawn"
        } else {
            "node-release-status-open"
        }),
        open: !row.approved && !row.withdrawn,
        items,
        problems: row
            .problems
            .iter()
            .map(|p| format!("{} {}: {}", p.kind.as_str(), p.id, p.message))
            .collect(),
        payload: pretty,
        sha256: row.payload_sha256.clone(),
        can_edit: Access::Record.allows(&principal.user),
        is_lead: Access::Lead.allows(&principal.user),
        categories: Category::ALL
            .iter()
            .map(|c| {
                (
                    format!("{c:?}").to_ascii_lowercase(),
                    category_name(lang, *c),
                )
            })
            .collect(),
        error,
    })
}

async fn one(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<OnePage, Error> {
    let row = release_row(&node, id).await?;
    one_view(&node, &principal, lang, row, String::new()).await
}

#[derive(Debug, Deserialize)]
struct RedactionForm {
    kind: String,
    record: String,
    field: String,
    text_sha256: String,
    action: String,
    #[serde(default)]
    category: String,
    /// For a removal: the finding's span.
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    /// For an addition: the words to redact, quoted from the original.
    #[serde(default)]
    quote: String,
}

fn category(code: &str) -> Option<Category> {
    Category::ALL
        .into_iter()
        .find(|c| format!("{c:?}").eq_ignore_ascii_case(code))
}

async fn redact(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<i64>,
    Form(f): Form<RedactionForm>,
) -> Result<Response, Error> {
    let row = release_row(&node, id).await?;
    let refuse = |error: String, row: ReleaseRow| async {
        let page = one_view(&node, &principal, lang, row, error).await?;
        Ok::<_, Error>((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let original = row
        .review
        .iter()
        .filter(|i| i.kind.as_str() == f.kind && i.id == f.record)
        .flat_map(|i| &i.fields)
        .find(|x| x.field == f.field && x.text_sha256 == f.text_sha256)
        .map(|x| x.original.clone());
    let (Some(kind), Some(original), Some(cat)) =
        (Kind::parse(&f.kind), original, category(&f.category))
    else {
        return refuse(lang.t("node-redaction-stale"), row).await;
    };
    let (action, start, end) = match f.action.as_str() {
        "remove" => match (f.start, f.end) {
            (Some(s), Some(e)) => (Action::Remove, s, e),
            _ => return refuse(lang.t("node-redaction-stale"), row).await,
        },
        _ => {
            let quote = f.quote.trim();
            match (quote.is_empty(), original.find(quote)) {
                (true, _) => return refuse(lang.t("node-redaction-empty"), row).await,
                (false, None) => {
                    return refuse(
                        lang.t_with(
                            "node-redaction-not-found",
                            &[("quote", quote.to_owned().into())],
                        ),
                        row,
                    )
                    .await;
                }
                (false, Some(s)) => (Action::Add, s, s + quote.len()),
            }
        }
    };
    let choice = Choice {
        kind,
        id: f.record.clone(),
        field: f.field.clone(),
        text_sha256: f.text_sha256.clone(),
        action,
        start,
        end,
        category: cat,
        decided_by: principal.user.display_name.clone(),
        decided_at: None,
    };
    if let Err(e) = record_choice(&node, choice).await {
        return match e {
            Error::Rule(e) => refuse(e.to_string(), row).await,
            other => Err(other),
        };
    }
    // The choice applies when the release is built again, from the same records.
    let items = row
        .items
        .iter()
        .map(|i| ItemRef {
            kind: i.kind,
            id: i.id.clone(),
        })
        .collect();
    let rebuilt = release::preview(&node.store, Selection::Items(items)).await?;
    Ok(Redirect::to(&format!("/releases/{}", rebuilt.id)).into_response())
}

#[derive(Debug, Deserialize)]
struct ApproveForm {
    payload_sha256: String,
    #[serde(default)]
    confirm: String,
}

async fn approve(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<i64>,
    Form(f): Form<ApproveForm>,
) -> Result<Response, Error> {
    let row = release_row(&node, id).await?;
    if f.confirm != "yes" {
        let page = one_view(
            &node,
            &principal,
            lang,
            row,
            lang.t("node-approve-confirm-missing"),
        )
        .await?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    match approve_release(&node, &principal, id, &f.payload_sha256).await {
        Ok(out) => {
            Ok(Redirect::to(&format!("/releases?approved={}", out.sequence)).into_response())
        }
        Err(e @ (Error::Rule(_) | Error::Conflict(_))) => {
            let page = one_view(&node, &principal, lang, row, e.to_string()).await?;
            Ok((axum::http::StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
struct WithdrawForm {
    #[serde(default)]
    confirm: String,
}

async fn withdraw(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(sequence): Path<u64>,
    Form(f): Form<WithdrawForm>,
) -> Result<Response, Error> {
    let refuse = |error: String| async {
        let page = list_view(&node, &principal, lang, String::new(), error).await?;
        Ok::<_, Error>((axum::http::StatusCode::CONFLICT, page).into_response())
    };
    if f.confirm != "yes" {
        return refuse(lang.t("node-withdraw-confirm-missing")).await;
    }
    match withdraw_release(&node, &principal, sequence).await {
        Ok(()) => Ok(Redirect::to(&format!("/releases?withdrawn={sequence}")).into_response()),
        Err(e @ Error::Conflict(_)) => refuse(e.to_string()).await,
        Err(e) => Err(e),
    }
}
