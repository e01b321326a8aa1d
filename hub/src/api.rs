//! The JSON API under `/api/v1`, for dashboards and for anyone who wants the numbers. Errors are
//! `application/problem+json`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tandem_service::http::Body;
use tandem_service::http::Path;
use tandem_shared::model::{ClinicId, Measure, MeasureId, Month};
use tandem_shared::privacy::DisclosurePolicy;
use tandem_shared::protocol::Definitions;
use tandem_shared::spc;

use tandem_web::auth::MaybeSigned;
use tandem_web::{Lang, Routes, Signed};

use crate::Error;
use crate::access::{Access, ClinicView};
use crate::rollup::{self, ClinicSeries, NetworkSeries};
use crate::state::AppState;
use crate::store::Clinic;

/// The setting that marks a network's data as simulated.
pub const SIMULATED: &str = "simulated";

/// The JSON API routes, and the health checks and metrics beside them.
pub fn routes() -> Routes<AppState, Access> {
    Routes::new()
        .get("/api/v1/network", Access::Signed, network)
        .get("/api/v1/measures", Access::Signed, measures)
        .get(
            "/api/v1/measures/{measure}/series",
            Access::Signed,
            network_series,
        )
        .get(
            "/api/v1/measures/{measure}/clinics/{clinic}/series",
            Access::Signed,
            clinic_series,
        )
        .get("/api/v1/clinics", Access::Signed, clinics)
        .get(
            "/api/v1/fhir/Measure",
            Access::Signed,
            crate::fhir::measures,
        )
        .get(
            "/api/v1/fhir/MeasureReport",
            Access::Signed,
            crate::fhir::reports,
        )
        .post("/api/v1/spc", Access::Signed, spc)
        .get(
            "/api/v1/openapi.json",
            Access::Public,
            crate::openapi::openapi_json,
        )
        .get("/healthz", Access::Public, || async { "ok\n" })
        .get("/readyz", Access::Public, ready)
        // Public to the route table; the handler asks for loopback or a token.
        .get("/metrics", Access::Public, metrics)
}

/// Draw any chart the SPC engine knows, from the numbers given: the same JSON contract as
/// `tandem-hub spc`.
#[utoipa::path(
    post,
    path = "/api/v1/spc",
    tag = "spc",
    request_body(content = tandem_shared::spc::Request, description = "A chart request: `chart` \
        (run, i, mr, p, pp, u, up, c, funnel) with `y`, or `numerator` and `denominator`, and \
        options (breaks, freeze, exclude, rules, funnel)", content_type = "application/json"),
    responses(
        (status = 200, description = "The chart: points with centre line, limits and signals",
            body = Object),
        (status = 422, description = "A request the engine cannot chart, and why", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn spc(Body(request): Body<spc::Request>) -> Result<Response, Error> {
    Ok(axum::Json(spc::analyse(&request)?).into_response())
}

/// Whether the network's data are simulated (a demo), so every view can say so.
pub async fn simulated(state: &AppState) -> Result<bool, Error> {
    Ok(state.store.setting(SIMULATED).await?.as_deref() == Some("true"))
}

/// The current definitions, or a clear 404.
pub async fn definitions(state: &AppState) -> Result<Definitions, Error> {
    state.store.definitions().await?.ok_or_else(|| {
        Error::NotFound(
            "the network has no definitions yet; load them with `tandem-hub definitions load FILE`"
                .into(),
        )
    })
}

pub fn find_measure(defs: &Definitions, id: &str) -> Result<Measure, Error> {
    let id = MeasureId::new(id)?;
    Ok(tandem_shared::validate::known_measure(&defs.measures, &id)
        .map_err(|e| Error::NotFound(e.to_string()))?
        .clone())
}

/// The network at a glance.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NetworkSummary {
    pub network: String,
    pub simulated: bool,
    pub definitions_version: u64,
    pub clinics_enrolled: usize,
    pub clinics_reporting: usize,
    #[schema(value_type = Option<String>, example = "2021-11")]
    pub first_month: Option<Month>,
    #[schema(value_type = Option<String>, example = "2026-10")]
    pub last_month: Option<Month>,
    pub months: usize,
    /// How many released records of each kind the hub holds, and how many releases.
    pub records: std::collections::BTreeMap<String, u64>,
}

/// The summary, computed once per generation.
pub async fn summary(state: &AppState) -> Result<Arc<NetworkSummary>, Error> {
    state
        .cache
        .get(&*state.store, "summary", || compute_summary(state))
        .await
}

/// Build the summary from the store: the months from the rollups, not from the values.
async fn compute_summary(state: &AppState) -> Result<NetworkSummary, Error> {
    let defs = state.store.definitions().await?;
    let clinics = state.store.clinics().await?;
    let mut months = std::collections::BTreeSet::new();
    let mut reporting = std::collections::BTreeSet::new();
    if let Some(defs) = &defs {
        for m in &defs.measures {
            for r in state.store.network_series(&m.id).await? {
                months.insert(r.month);
            }
        }
    }
    for c in &clinics {
        if c.last_sequence > 0 {
            reporting.insert(c.id.clone());
        }
    }
    Ok(NetworkSummary {
        network: defs
            .as_ref()
            .map_or_else(|| state.config.network_name.clone(), |d| d.network.clone()),
        simulated: simulated(state).await?,
        definitions_version: defs.as_ref().map_or(0, |d| d.version),
        clinics_enrolled: clinics.iter().filter(|c| c.revoked_at.is_none()).count(),
        clinics_reporting: reporting.len(),
        first_month: months.first().copied(),
        last_month: months.last().copied(),
        months: months.len(),
        records: state.store.record_counts().await?.into_iter().collect(),
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/network",
    tag = "network",
    responses(
        (status = 200, description = "The network at a glance", body = NetworkSummary),
        (status = 401, description = "Not signed in", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn network(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let summary = summary(&state).await?;
    tagged(&state, &headers, || axum::Json(&*summary).into_response()).await
}

/// How a tagged answer may be kept: its `Cache-Control` and `Vary`, and what beside the
/// generation tells its versions apart (the language, say).
#[derive(Debug)]
pub struct Keep<'a> {
    pub cache_control: &'static str,
    pub vary: &'static str,
    pub variant: &'a str,
}

/// An answer every signed-in person gets alike, with the generation as its ETag: a repeat
/// with `If-None-Match` gets 304 and no body. `no-cache` lets a proxy keep it but ask first.
async fn tagged(
    state: &AppState,
    headers: &HeaderMap,
    answer: impl FnOnce() -> Response,
) -> Result<Response, Error> {
    let keep = Keep {
        cache_control: "private, no-cache",
        vary: "Authorization, Cookie",
        variant: "",
    };
    tagged_as(state, headers, keep, answer).await
}

/// An answer with the generation (and the variant) as its ETag, kept as `keep` says.
pub(crate) async fn tagged_as(
    state: &AppState,
    headers: &HeaderMap,
    keep: Keep<'_>,
    answer: impl FnOnce() -> Response,
) -> Result<Response, Error> {
    use axum::http::{HeaderValue, StatusCode, header};
    let generation = state.cache.generation(&*state.store).await?;
    let etag = if keep.variant.is_empty() {
        format!("\"g{generation:x}\"")
    } else {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        keep.variant.hash(&mut h);
        format!("\"g{generation:x}-{:x}\"", h.finish())
    };
    let seen = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == etag)
        });
    let mut response = if seen {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        answer()
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(keep.cache_control),
    );
    if !keep.vary.is_empty() {
        h.insert(header::VARY, HeaderValue::from_static(keep.vary));
    }
    Ok(response)
}

/// The network's measures, as its definitions give them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MeasureList {
    pub simulated: bool,
    /// Each measure: id, title and description in English and French, kind, family, the
    /// direction of good, goal, and how nodes compute it.
    #[schema(value_type = Vec<Object>)]
    pub measures: Vec<Measure>,
}

#[utoipa::path(
    get,
    path = "/api/v1/measures",
    tag = "network",
    responses(
        (status = 200, description = "The network's measures", body = MeasureList),
        (status = 404, description = "No definitions published yet", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn measures(State(state): State<AppState>) -> Result<Response, Error> {
    Ok(axum::Json(MeasureList {
        simulated: simulated(&state).await?,
        measures: definitions(&state).await?.measures,
    })
    .into_response())
}

/// A measure's network series, computed once per generation.
pub async fn series(
    state: &AppState,
    measure: Measure,
    policy: &DisclosurePolicy,
) -> Result<Arc<NetworkSeries>, Error> {
    let key = format!("series:{}", measure.id);
    state
        .cache
        .get(&*state.store, &key, || {
            compute_series(state, measure, policy)
        })
        .await
}

async fn compute_series(
    state: &AppState,
    measure: Measure,
    policy: &DisclosurePolicy,
) -> Result<NetworkSeries, Error> {
    let rollups = state.store.network_series(&measure.id).await?;
    let released = state.store.released_counts(&measure.id).await?;
    Ok(NetworkSeries {
        points: rollup::network_points(&measure, &rollups, &released, policy),
        measure,
        simulated: simulated(state).await?,
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/measures/{measure}/series",
    tag = "network",
    params(("measure" = MeasureId, Path, description = "The measure's id")),
    responses(
        (status = 200, description = "The network's totals, month by month", body = NetworkSeries),
        (status = 422, description = "Not a measure id", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such measure", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn network_series(
    State(state): State<AppState>,
    Path(measure): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let defs = definitions(&state).await?;
    let measure = find_measure(&defs, &measure)?;
    let series = series(&state, measure, &defs.policy).await?;
    tagged(&state, &headers, || axum::Json(&*series).into_response()).await
}

/// How the person behind a request sees the clinics, with the clinics.
async fn clinic_view(
    state: &AppState,
    user: &tandem_web::accounts::User,
) -> Result<(ClinicView, Vec<Clinic>), Error> {
    let clinics = state.store.clinics().await?;
    Ok((
        ClinicView::new(user, state.config.clinic_names, &clinics),
        clinics,
    ))
}

#[utoipa::path(
    get,
    path = "/api/v1/measures/{measure}/clinics/{clinic}/series",
    tag = "clinics",
    params(
        ("measure" = MeasureId, Path, description = "The measure's id"),
        ("clinic" = ClinicId, Path, description = "The clinic's id, or the pseudonym this person \
            was shown (clinic-17)"),
    ),
    responses(
        (status = 200, description = "One clinic's released values, month by month; a \
            suppressed month has no numbers", body = ClinicSeries),
        (status = 404, description = "No such measure, or no such clinic for this person", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Not a measure id or not a clinic id", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn clinic_series(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path((measure, clinic)): Path<(String, String)>,
) -> Result<Response, Error> {
    let measure = find_measure(&definitions(&state).await?, &measure)?;
    let (view, clinics) = clinic_view(&state, &principal.user).await?;
    let found = view
        .find(&clinic, &clinics)
        .ok_or_else(|| Error::NotFound(format!("there is no clinic with id {clinic}")))?;
    let values = state.store.clinic_series(&found.id, &measure.id).await?;
    Ok(axum::Json(ClinicSeries {
        points: rollup::clinic_points(&measure, &values),
        measure,
        clinic: ClinicId::new(view.id(found))?,
        simulated: simulated(&state).await?,
    })
    .into_response())
}

/// A clinic as the API lists it; a pseudonymous clinic shows no dates that could name it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClinicRow {
    id: String,
    name: String,
    /// Whether this is the clinic's own name, or a pseudonym.
    named: bool,
    enrolled_at: Option<chrono::DateTime<chrono::Utc>>,
    revoked: bool,
    last_sequence: Option<u64>,
    last_release_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The clinics, as this person may see them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClinicList {
    pub simulated: bool,
    pub clinics: Vec<ClinicRow>,
}

#[utoipa::path(
    get,
    path = "/api/v1/clinics",
    tag = "clinics",
    responses(
        (status = 200, description = "The network's clinics", body = ClinicList),
        (status = 401, description = "Not signed in", body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn clinics(
    State(state): State<AppState>,
    Signed(principal): Signed,
) -> Result<Response, Error> {
    let (view, clinics) = clinic_view(&state, &principal.user).await?;
    let rows: Vec<ClinicRow> = clinics
        .iter()
        .map(|c| {
            let named = view.names(&c.id);
            ClinicRow {
                id: view.id(c),
                name: view.name(c, Lang::En),
                named,
                enrolled_at: named.then_some(c.created_at),
                revoked: c.revoked_at.is_some(),
                last_sequence: named.then_some(c.last_sequence),
                last_release_at: c.last_release_at.filter(|_| named),
            }
        })
        .collect();
    Ok(axum::Json(ClinicList {
        simulated: simulated(&state).await?,
        clinics: rows,
    })
    .into_response())
}

async fn ready(State(state): State<AppState>) -> Result<&'static str, Error> {
    state.store.setting(SIMULATED).await?;
    Ok("ready\n")
}

/// Whether a request may read the metrics: made on the machine itself (from loopback, not
/// relayed by a proxy), or with a token.
pub fn may_read_metrics(peer: Option<SocketAddr>, headers: &HeaderMap, signed: bool) -> bool {
    let relayed = headers.contains_key("forwarded") || headers.contains_key("x-forwarded-for");
    signed || (peer.is_some_and(|p| p.ip().is_loopback()) && !relayed)
}

async fn metrics(
    State(state): State<AppState>,
    MaybeSigned(principal): MaybeSigned,
    parts: axum::http::request::Parts,
) -> Result<Response, Error> {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    if !may_read_metrics(peer, &parts.headers, principal.is_some()) {
        return Err(tandem_web::Error::Unauthenticated.into());
    }
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        state.metrics.render(),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_for_this_machine_or_a_token() {
        let local: SocketAddr = ([127, 0, 0, 1], 5000).into();
        let remote: SocketAddr = ([192, 0, 2, 7], 5000).into();
        let none = HeaderMap::new();
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-for", "192.0.2.7".parse().unwrap());
        assert!(may_read_metrics(Some(local), &none, false));
        assert!(!may_read_metrics(Some(remote), &none, false));
        assert!(!may_read_metrics(Some(local), &proxied, false));
        assert!(!may_read_metrics(None, &none, false));
        assert!(may_read_metrics(Some(remote), &proxied, true));
    }
}
