//! The node's local JSON API under `/api/v1`: what the clinic UI and scripts use to record
//! improvement work, review releases, approve them and see what left. Errors are
//! `application/problem+json`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tandem_service::http::Path;
use tandem_shared::model::{MeasureEntry, Month, PartnershipProfile, PdsaCycle, Practice, Project};
use tandem_shared::protocol;

use tandem_web::people::audit;
use tandem_web::{Routes, Signed};

use crate::Error;
use crate::access::Access;
use crate::record::{self, Kind, Record, value_id};
use crate::release::{self, ItemRef, Selection};
use crate::review::{self, Choice, ItemReview};
use crate::state::{Node, NodeSite};
use crate::store::settings;
use crate::store::{OutboxRow, ReleaseRow, StoredRecord};
use crate::sync;
use tandem_service::http::Body;

type AppState = Arc<Node>;

/// The local API's routes, each with who may use it.
pub fn routes() -> Routes<NodeSite, Access> {
    use Access::{Lead, Public, Record, Team};
    Routes::new()
        .get("/healthz", Public, || async { "ok\n" })
        .get("/api/v1/status", Team, status)
        .get("/api/v1/measures", Team, measures)
        .get("/api/v1/projects", Team, list::<Project<String>>)
        .post("/api/v1/projects", Record, create::<Project<String>>)
        .get("/api/v1/projects/{id}", Team, one::<Project<String>>)
        .put("/api/v1/projects/{id}", Record, replace::<Project<String>>)
        .get("/api/v1/cycles", Team, list::<PdsaCycle<String>>)
        .post("/api/v1/cycles", Record, create::<PdsaCycle<String>>)
        .get("/api/v1/cycles/{id}", Team, one::<PdsaCycle<String>>)
        .put("/api/v1/cycles/{id}", Record, replace::<PdsaCycle<String>>)
        // Patient partners fill in the partnership questions themselves.
        .get(
            "/api/v1/partnership-profiles",
            Team,
            list::<PartnershipProfile>,
        )
        .post(
            "/api/v1/partnership-profiles",
            Team,
            create::<PartnershipProfile>,
        )
        .get(
            "/api/v1/partnership-profiles/{id}",
            Team,
            one::<PartnershipProfile>,
        )
        .put(
            "/api/v1/partnership-profiles/{id}",
            Team,
            replace::<PartnershipProfile>,
        )
        .get("/api/v1/practices", Team, list::<Practice<String>>)
        .post("/api/v1/practices", Record, create::<Practice<String>>)
        .get("/api/v1/practices/{id}", Team, one::<Practice<String>>)
        .put(
            "/api/v1/practices/{id}",
            Record,
            replace::<Practice<String>>,
        )
        .get("/api/v1/measure-values", Team, measure_values)
        .put(
            "/api/v1/measure-values/{measure}/{month}",
            Record,
            put_measure_value,
        )
        .get("/api/v1/releases", Team, releases)
        .post("/api/v1/releases", Record, build_release)
        .get("/api/v1/releases/{id}", Team, one_release)
        .post("/api/v1/releases/{id}/approve", Lead, approve)
        .get("/api/v1/outbox", Team, outbound_log)
        .post("/api/v1/redactions", Record, add_redaction)
        .get("/api/v1/roster", Lead, roster)
        .put("/api/v1/roster", Lead, set_roster)
        .post("/api/v1/outbox/{sequence}/withdraw", Lead, withdraw)
        .get("/api/v1/sync-errors", Team, sync_errors)
        .post("/api/v1/sync", Record, sync_now)
        .get("/api/v1/catalogue", Team, catalogue)
        .get("/api/v1/openapi.json", Public, crate::openapi::openapi_json)
}

/// The node's API and pages: the routes, then (outermost last) the body limit, who is
/// asking, problem pages for people's browsers, the loopback check and the security headers.
pub fn app(node: NodeSite) -> Router {
    let (routes, _) = all_routes().finish();
    routes
        .fallback(tandem_service::http::not_found)
        .method_not_allowed_fallback(tandem_service::http::method_not_allowed)
        .layer(DefaultBodyLimit::max(1024 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            node.web.clone(),
            tandem_web::auth::authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            node.clone(),
            tandem_web::pages::html_problems::<NodeSite>,
        ))
        .layer(axum::middleware::from_fn_with_state(
            node.clone(),
            crate::pages::setup::gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            node.0.clone(),
            loopback_only,
        ))
        .layer(axum::middleware::from_fn(
            tandem_web::guard::security_headers,
        ))
        .with_state(node)
}

/// Every route of the node, each with who may use it.
pub fn all_routes() -> Routes<NodeSite, Access> {
    tandem_web::people::routes()
        .merge(routes())
        .merge(crate::pages::routes())
}

/// The table of the node's routes, for the role × route tests.
pub fn route_table() -> Vec<tandem_web::auth::RouteInfo<Access>> {
    all_routes().finish().1
}

/// While the API listens on loopback, answer only requests addressed to a loopback name. A web
/// page cannot then reach the API through a DNS name it rebinds to 127.0.0.1.
async fn loopback_only(
    State(node): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if node.config.listen.ip().is_loopback()
        && let Some(host) = request.headers().get(axum::http::header::HOST)
    {
        let host = host.to_str().unwrap_or("");
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or(""),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        let loopback = name.eq_ignore_ascii_case("localhost")
            || name
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        // A reverse proxy on the same server forwards its own public name.
        let proxied =
            public_host(&node.config.public_url).is_some_and(|h| h.eq_ignore_ascii_case(name));
        if !loopback && !proxied {
            return tandem_service::http::problem_response(&tandem_shared::protocol::Problem::new(
                421,
                "not-loopback",
                "Misdirected request",
                format!(
                    "this node's API answers only requests to localhost; a request for {host:?} \
                     was refused"
                ),
            ));
        }
    }
    next.run(request).await
}

/// The host name of a `public_url` ("https://tandem.clinic.example:8443/" → its name).
fn public_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    (!host.is_empty()).then_some(host)
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    (status, axum::Json(value)).into_response()
}

/// A record as the API shows it: the record itself and where it stands in the release gate.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct RecordView {
    kind: Kind,
    id: String,
    revision: i64,
    released_revision: Option<i64>,
    /// `draft` (never released), `changed` (changed since it was last approved) or `released`.
    #[schema(value_type = String, pattern = "^(draft|changed|released)$")]
    status: &'static str,
    updated_at: chrono::DateTime<chrono::Utc>,
    /// The record, as it was sent.
    #[schema(value_type = Object)]
    record: Value,
}

impl RecordView {
    fn of(r: StoredRecord) -> Result<Self, Error> {
        let status = match r.released_revision {
            None => "draft",
            Some(_) if r.has_unreleased_changes() => "changed",
            Some(_) => "released",
        };
        Ok(RecordView {
            record: serde_json::from_str(&r.body)
                .map_err(|e| Error::Schema(format!("a stored record is unreadable: {e}")))?,
            kind: r.kind,
            id: r.id,
            revision: r.revision,
            released_revision: r.released_revision,
            status,
            updated_at: r.updated_at,
        })
    }
}

/// Read a record given as JSON, with `id` as its id, and store it.
async fn save<R: Record>(
    node: &Node,
    id: &str,
    body: Value,
) -> Result<(StoredRecord, bool), Error> {
    let record: R = protocol::decode_value(body).map_err(|p| Error::Request(Box::new(p)))?;
    if record.id() != id {
        return Err(Error::Rule(tandem_shared::Error::Invalid(format!(
            "the body's id {} does not match the id {id} in the URL",
            record.id()
        ))));
    }
    record::save(node, &record).await
}

/// Fill in what the server decides when a record is created: a new id, and for a cycle, the
/// next sequence number of its project.
fn with_defaults<R: Record>(
    mut body: Map<String, Value>,
    existing: &[StoredRecord],
) -> Map<String, Value> {
    body.entry("id")
        .or_insert_with(|| Value::String(uuid::Uuid::new_v4().to_string()));
    if R::KIND == Kind::Cycle && !body.contains_key("sequence") {
        let project = body.get("project").cloned();
        let siblings = existing
            .iter()
            .filter_map(|r| serde_json::from_str::<Value>(&r.body).ok())
            .filter(|c| c.get("project") == project.as_ref())
            .count();
        body.insert("sequence".into(), Value::from(siblings + 1));
    }
    body
}

async fn list<R: Record>(State(node): State<AppState>) -> Result<Response, Error> {
    let views = node
        .store
        .records(R::KIND)
        .await?
        .into_iter()
        .map(RecordView::of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json(StatusCode::OK, &views))
}

async fn one<R: Record>(
    State(node): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let record =
        node.store.record(R::KIND, &id).await?.ok_or_else(|| {
            Error::NotFound(format!("there is no {} with id {id}", R::KIND.as_str()))
        })?;
    Ok(json(StatusCode::OK, &RecordView::of(record)?))
}

async fn create<R: Record>(
    State(node): State<AppState>,
    Body(body): Body<Map<String, Value>>,
) -> Result<Response, Error> {
    let existing = node.store.records(R::KIND).await?;
    let body = with_defaults::<R>(body, &existing);
    let id = body
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if existing.iter().any(|r| r.id == id) {
        return Err(Error::Conflict(format!(
            "a {} with id {id} already exists; change it with PUT",
            R::KIND.as_str()
        )));
    }
    let (stored, _) = save::<R>(&node, &id, Value::Object(body)).await?;
    Ok(json(StatusCode::CREATED, &RecordView::of(stored)?))
}

async fn replace<R: Record>(
    State(node): State<AppState>,
    Path(id): Path<String>,
    Body(mut body): Body<Map<String, Value>>,
) -> Result<Response, Error> {
    body.entry("id")
        .or_insert_with(|| Value::String(id.clone()));
    let (stored, created) = save::<R>(&node, &id, Value::Object(body)).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json(status, &RecordView::of(stored)?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueQuery {
    measure: Option<tandem_shared::model::MeasureId>,
}

async fn measure_values(
    State(node): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Error> {
    let q: ValueQuery = tandem_service::http::query(raw.as_deref())?;
    let prefix = q.measure.map(|m| format!("{m}/"));
    let views = node
        .store
        .records(Kind::MeasureValue)
        .await?
        .into_iter()
        .filter(|r| prefix.as_ref().is_none_or(|p| r.id.starts_with(p.as_str())))
        .map(RecordView::of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json(StatusCode::OK, &views))
}

async fn put_measure_value(
    State(node): State<AppState>,
    Path((measure, month)): Path<(String, String)>,
    Body(mut body): Body<Map<String, Value>>,
) -> Result<Response, Error> {
    let month: Month = month.parse()?;
    let measure = tandem_shared::model::MeasureId::new(measure)?;
    for (field, expected) in [
        ("measure", measure.to_string()),
        ("month", month.to_string()),
    ] {
        match body.get(field) {
            Some(v) if v.as_str() != Some(expected.as_str()) => {
                return Err(Error::Rule(tandem_shared::Error::Invalid(format!(
                    "the body's {field} {v} does not match {expected} in the URL"
                ))));
            }
            _ => {
                body.insert(field.into(), Value::String(expected));
            }
        }
    }
    let id = value_id(measure.as_str(), month);
    let (stored, created) = save::<MeasureEntry>(&node, &id, Value::Object(body)).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json(status, &RecordView::of(stored)?))
}

async fn measures(State(node): State<AppState>) -> Result<Response, Error> {
    let measures = node
        .store
        .definitions()
        .await?
        .map(|d| d.measures)
        .unwrap_or_default();
    Ok(json(StatusCode::OK, &measures))
}

/// A release as shown for review.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct ReleaseView {
    id: i64,
    /// `previewed`, `approved` or `withdrawn`.
    #[schema(value_type = String, pattern = "^(previewed|approved|withdrawn)$")]
    status: &'static str,
    approvable: bool,
    /// The exact bytes that would leave, as text; approve by their SHA-256.
    payload: String,
    payload_sha256: String,
    items: Vec<crate::store::ReleasedRef>,
    problems: Vec<crate::store::ReleaseProblem>,
    created_at: chrono::DateTime<chrono::Utc>,
    approved_by: Option<String>,
    approved_at: Option<chrono::DateTime<chrono::Utc>>,
    /// For each text field: the original, the redacted text and each finding with its
    /// category. Stays on the node; only `payload` leaves.
    review: Vec<ItemReview>,
}

impl From<ReleaseRow> for ReleaseView {
    fn from(r: ReleaseRow) -> Self {
        Self {
            id: r.id,
            status: match (r.approved, r.withdrawn) {
                (_, true) => "withdrawn",
                (true, false) => "approved",
                (false, false) => "previewed",
            },
            approvable: !r.approved && !r.withdrawn && r.problems.is_empty() && !r.items.is_empty(),
            payload: r.payload,
            payload_sha256: r.payload_sha256,
            items: r.items,
            problems: r.problems,
            created_at: r.created_at,
            approved_by: r.approved_by,
            approved_at: r.approved_at,
            review: r.review,
        }
    }
}

/// What to put in a release: every record with unreleased changes, or the records named.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BuildRelease {
    #[serde(default)]
    unreleased: bool,
    #[serde(default)]
    items: Vec<ItemRef>,
}

async fn build_release(
    State(node): State<AppState>,
    Body(request): Body<BuildRelease>,
) -> Result<Response, Error> {
    let selection = match (request.unreleased, request.items.is_empty()) {
        (true, true) => Selection::Unreleased,
        (false, false) => Selection::Items(request.items),
        _ => {
            return Err(Error::Rule(tandem_shared::Error::Invalid(
                "give either \"unreleased\": true, for every record with unreleased changes, or \
                 \"items\": [{\"kind\": …, \"id\": …}], not both"
                    .into(),
            )));
        }
    };
    let row = release::preview(&node.store, selection).await?;
    Ok(json(StatusCode::CREATED, &ReleaseView::from(row)))
}

async fn releases(State(node): State<AppState>) -> Result<Response, Error> {
    let rows: Vec<ReleaseView> = node
        .store
        .releases(200)
        .await?
        .into_iter()
        .map(ReleaseView::from)
        .collect();
    Ok(json(StatusCode::OK, &rows))
}

async fn one_release(State(node): State<AppState>, Path(id): Path<i64>) -> Result<Response, Error> {
    let row = node
        .store
        .release(id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no release {id}")))?;
    Ok(json(StatusCode::OK, &ReleaseView::from(row)))
}

/// An approval of the exact bytes reviewed.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Approval {
    /// The approval is recorded under the name of the person logged in; a name given here must
    /// be theirs.
    #[serde(default)]
    approved_by: Option<String>,
    payload_sha256: String,
}

/// An approved release, as the outbound log shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutboxView {
    sequence: u64,
    release: i64,
    idempotency_key: String,
    payload_sha256: String,
    approved_by: String,
    approved_at: chrono::DateTime<chrono::Utc>,
    /// `waiting` for the hub, `delivered`, or `refused` (the hub took none of its items).
    #[schema(value_type = String, pattern = "^(waiting|delivered|refused)$")]
    state: &'static str,
    sent_at: Option<chrono::DateTime<chrono::Utc>>,
    attempts: i64,
    last_error: Option<String>,
    /// Exactly what left (or will leave).
    #[schema(value_type = Vec<Object>)]
    items: Value,
}

impl From<OutboxRow> for OutboxView {
    fn from(r: OutboxRow) -> Self {
        let state = match r.answer_status {
            None => "waiting",
            Some(200) => "delivered",
            Some(_) => "refused",
        };
        Self {
            sequence: r.sequence,
            release: r.release_id,
            idempotency_key: r.idempotency_key.to_string(),
            payload_sha256: r.payload_sha256,
            approved_by: r.approved_by,
            approved_at: r.approved_at,
            state,
            sent_at: r.sent_at,
            attempts: r.attempts,
            last_error: r.last_error,
            items: serde_json::from_str(&r.payload).unwrap_or(Value::Null),
        }
    }
}

async fn approve(
    State(node): State<AppState>,
    Signed(principal): Signed,
    Path(id): Path<i64>,
    Body(approval): Body<Approval>,
) -> Result<Response, Error> {
    let name = principal.user.display_name.trim();
    if let Some(given) = &approval.approved_by
        && given.trim() != name
    {
        return Err(Error::Rule(tandem_shared::Error::Invalid(format!(
            "an approval is recorded under the name of the person logged in ({name}); leave out \
             approved_by, or log in as {:?} to approve as them",
            given.trim()
        ))));
    }
    let row = approve_release(&node, &principal, id, &approval.payload_sha256).await?;
    Ok(json(StatusCode::OK, &OutboxView::from(row)))
}

/// Approve a release under the name of the person logged in, and audit it. The API and the
/// release page both approve through here.
pub async fn approve_release(
    node: &Node,
    principal: &tandem_web::Principal,
    id: i64,
    payload_sha256: &str,
) -> Result<crate::store::OutboxRow, Error> {
    let name = principal.user.display_name.trim();
    let row = release::approve(&node.store, id, name, payload_sha256).await?;
    audit(
        &node.web,
        &principal.user.login,
        "release-approved",
        &format!("release {id}"),
        &format!("sequence {}, sha256 {}", row.sequence, row.payload_sha256),
    )
    .await;
    Ok(row)
}

impl OutboxView {
    /// One line for the command line: when, what state, the hash and the items.
    pub fn summary(&self) -> String {
        let items = self.items.as_array().map_or(0, Vec::len);
        format!(
            "#{} {} approved {} by {}; sent {}; sha256 {}; {items} items",
            self.sequence,
            self.state,
            self.approved_at.format("%Y-%m-%d %H:%M UTC"),
            self.approved_by,
            self.sent_at.map_or("not yet".into(), |t| t
                .format("%Y-%m-%d %H:%M UTC")
                .to_string()),
            self.payload_sha256
        )
    }
}

/// The outbound log: every approved release, newest first, with exactly what it carried.
pub async fn outbound_log_entries(node: &Node) -> Result<Vec<OutboxView>, Error> {
    Ok(node
        .store
        .outbox(10_000)
        .await?
        .into_iter()
        .map(OutboxView::from)
        .collect())
}

async fn outbound_log(State(node): State<AppState>) -> Result<Response, Error> {
    Ok(json(StatusCode::OK, &outbound_log_entries(&node).await?))
}

/// Record a reviewer's choice: add a redaction the scrubber missed, or remove a false one.
/// Build the release again to see it applied.
async fn add_redaction(
    State(node): State<AppState>,
    Body(choice): Body<Choice>,
) -> Result<Response, Error> {
    let choice = record_choice(&node, choice).await?;
    Ok(json(StatusCode::CREATED, &choice))
}

/// Check a reviewer's choice against the record's current text and keep it. The API and the
/// release page both record choices through here.
pub async fn record_choice(node: &Node, choice: Choice) -> Result<Choice, Error> {
    let stored = node
        .store
        .record(choice.kind, &choice.id)
        .await?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "there is no {} with id {}",
                choice.kind.as_str(),
                choice.id
            ))
        })?;
    let text = record::field_text(&stored, &choice.field)?.ok_or_else(|| {
        Error::Rule(tandem_shared::Error::Invalid(format!(
            "a {} has no text field {:?}; use a field name from the release review",
            choice.kind.as_str(),
            choice.field
        )))
    })?;
    review::check_choice(&choice, &text)?;
    let choice = Choice {
        decided_by: choice.decided_by.trim().to_owned(),
        decided_at: Some(chrono::Utc::now()),
        ..choice
    };
    node.store.add_choice(&choice).await?;
    tracing::info!(kind = choice.kind.as_str(), action = ?choice.action, "redaction choice recorded");
    Ok(choice)
}

/// The names the scrubber always redacts.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RosterBody {
    /// One person's name per line; lines starting with # are comments.
    roster: String,
}

async fn roster(State(node): State<AppState>) -> Result<Response, Error> {
    let roster = node.store.setting("roster").await?.unwrap_or_default();
    Ok(json(StatusCode::OK, &RosterBody { roster }))
}

async fn set_roster(
    State(node): State<AppState>,
    Signed(principal): Signed,
    Body(body): Body<RosterBody>,
) -> Result<Response, Error> {
    let names = save_roster(&node, &principal, &body.roster).await?;
    Ok(json(StatusCode::OK, &RosterSaved { names }))
}

/// What a saved roster holds.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct RosterSaved {
    /// How many names, comments and blank lines left out.
    names: usize,
}

/// Replace the roster and audit it (the count only: names never go in the audit log). The API
/// and the settings page both save through here.
pub async fn save_roster(
    node: &Node,
    principal: &tandem_web::Principal,
    text: &str,
) -> Result<usize, Error> {
    let roster = node.store.set_roster(text).await?;
    let names = format!("{} names", roster.len());
    audit(
        &node.web,
        &principal.user.login,
        "roster-changed",
        "roster",
        &names,
    )
    .await;
    Ok(roster.len())
}

async fn withdraw(
    State(node): State<AppState>,
    Signed(principal): Signed,
    Path(sequence): Path<u64>,
) -> Result<Response, Error> {
    withdraw_release(&node, &principal, sequence).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Withdraw an approved release that has not reached the hub, and audit it; a conflict if it
/// had. The API and the outbound log page both withdraw through here.
pub async fn withdraw_release(
    node: &Node,
    principal: &tandem_web::Principal,
    sequence: u64,
) -> Result<(), Error> {
    match sync::withdraw(node, sequence).await? {
        sync::Withdrawal::Withdrawn => {
            let object = format!("outbox {sequence}");
            audit(
                &node.web,
                &principal.user.login,
                "release-withdrawn",
                &object,
                "",
            )
            .await;
            Ok(())
        }
        sync::Withdrawal::AlreadySent => Err(Error::Conflict(format!(
            "release {sequence} had already reached the hub, so it cannot be withdrawn; it is \
             now shown as sent in the outbound log. To correct what it said, change the records \
             and release them again"
        ))),
    }
}

async fn sync_errors(State(node): State<AppState>) -> Result<Response, Error> {
    Ok(json(StatusCode::OK, &node.store.sync_errors(1_000).await?))
}

async fn sync_now(State(node): State<AppState>) -> Result<Response, Error> {
    Ok(json(StatusCode::OK, &sync::run_once(&node).await?))
}

/// A practice the network shared, as the hub sent it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct CatalogueEntry {
    #[schema(value_type = Object)]
    practice: Value,
    /// The clinic's name, when it chose to be named.
    clinic: Option<String>,
}

async fn catalogue(State(node): State<AppState>) -> Result<Response, Error> {
    let entries: Vec<CatalogueEntry> = node
        .store
        .catalogue()
        .await?
        .into_iter()
        .map(|(body, clinic)| CatalogueEntry {
            practice: serde_json::from_str::<Value>(&body).unwrap_or(Value::Null),
            clinic,
        })
        .collect();
    Ok(json(StatusCode::OK, &entries))
}

/// Where the node stands, for `tandem-node status` and the clinic UI.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Status {
    pub clinic: Option<String>,
    pub clinic_name: Option<String>,
    pub hub: Option<String>,
    pub certificate_not_after: Option<String>,
    pub definitions_version: Option<u64>,
    pub measures: usize,
    pub counts: crate::store::Counts,
    pub last_sync_at: Option<String>,
    pub last_sync_error: Option<String>,
    /// Seconds the hub's clock was ahead of this server's at the last sync (behind if
    /// negative); beyond [`crate::sync::CLOCK_TOLERANCE_SECONDS`] the node reports it.
    pub clock_offset_seconds: Option<i64>,
}

/// Gather the node's status.
pub async fn gather_status(node: &Node) -> Result<Status, Error> {
    let s = &node.store;
    let defs = s.definitions().await?;
    Ok(Status {
        clinic: s.setting(settings::CLINIC).await?,
        clinic_name: s.setting(settings::CLINIC_NAME).await?,
        hub: s.setting(settings::HUB).await?,
        certificate_not_after: s.setting(settings::CERT_NOT_AFTER).await?,
        definitions_version: defs.as_ref().map(|d| d.version),
        measures: defs.as_ref().map_or(0, |d| d.measures.len()),
        counts: s.counts().await?,
        last_sync_at: s.setting(settings::LAST_SYNC).await?,
        last_sync_error: s
            .setting(settings::LAST_SYNC_ERROR)
            .await?
            .filter(|e| !e.is_empty()),
        clock_offset_seconds: s
            .setting(settings::CLOCK_OFFSET)
            .await?
            .and_then(|o| o.parse().ok()),
    })
}

async fn status(State(node): State<AppState>) -> Result<Response, Error> {
    Ok(json(StatusCode::OK, &gather_status(&node).await?))
}

#[cfg(test)]
mod tests {
    use super::public_host;

    #[test]
    fn a_public_url_names_the_host_a_proxy_forwards() {
        assert_eq!(
            public_host("https://tandem.clinic.example:8443/"),
            Some("tandem.clinic.example")
        );
        assert_eq!(
            public_host("https://tandem.clinic.example"),
            Some("tandem.clinic.example")
        );
        assert_eq!(public_host("http://[::1]:7878"), Some("::1"));
        assert_eq!(public_host(""), None);
        assert_eq!(public_host("https://"), None);
    }
}
