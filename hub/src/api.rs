//! The JSON API under `/api/v1`, for dashboards and for anyone who wants the numbers. Errors are
//! `application/problem+json`.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use tandem_service::http::Body;
use tandem_shared::model::{ClinicId, Measure, MeasureId, Month};
use tandem_shared::privacy::DisclosurePolicy;
use tandem_shared::protocol::Definitions;
use tandem_shared::spc;

use crate::Error;
use crate::rollup::{self, ClinicSeries, NetworkSeries};
use crate::state::AppState;

/// The setting that marks a network's data as simulated.
pub const SIMULATED: &str = "simulated";

/// The JSON API routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/v1/network", get(network))
        .route("/api/v1/measures", get(measures))
        .route("/api/v1/measures/{measure}/series", get(network_series))
        .route(
            "/api/v1/measures/{measure}/clinics/{clinic}/series",
            get(clinic_series),
        )
        .route("/api/v1/clinics", get(clinics))
        .route("/api/v1/spc", post(spc))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
        .fallback(tandem_service::http::not_found)
        .method_not_allowed_fallback(tandem_service::http::method_not_allowed)
        .with_state(state)
}

/// Draw any chart the SPC engine knows, from the numbers given: the same JSON contract as
/// `tandem-hub spc`.
async fn spc(Body(request): Body<spc::Request>) -> Result<Response, Error> {
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

fn find_measure(defs: &Definitions, id: &str) -> Result<Measure, Error> {
    let id = MeasureId::new(id)?;
    Ok(tandem_shared::validate::known_measure(&defs.measures, &id)
        .map_err(|e| Error::NotFound(e.to_string()))?
        .clone())
}

/// The network at a glance.
#[derive(Debug, Serialize)]
pub struct NetworkSummary {
    pub network: String,
    pub simulated: bool,
    pub definitions_version: u64,
    pub clinics_enrolled: usize,
    pub clinics_reporting: usize,
    pub first_month: Option<Month>,
    pub last_month: Option<Month>,
    pub months: usize,
    /// How many released records of each kind the hub holds, and how many releases.
    pub records: std::collections::BTreeMap<String, u64>,
}

/// Build the summary from the store.
pub async fn summary(state: &AppState) -> Result<NetworkSummary, Error> {
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

async fn network(State(state): State<AppState>) -> Result<Response, Error> {
    Ok(axum::Json(summary(&state).await?).into_response())
}

async fn measures(State(state): State<AppState>) -> Result<Response, Error> {
    Ok(axum::Json(serde_json::json!({
        "simulated": simulated(&state).await?,
        "measures": definitions(&state).await?.measures,
    }))
    .into_response())
}

/// A measure's network series.
pub async fn series(
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

async fn network_series(
    State(state): State<AppState>,
    Path(measure): Path<String>,
) -> Result<Response, Error> {
    let defs = definitions(&state).await?;
    let measure = find_measure(&defs, &measure)?;
    Ok(axum::Json(series(&state, measure, &defs.policy).await?).into_response())
}

async fn clinic_series(
    State(state): State<AppState>,
    Path((measure, clinic)): Path<(String, String)>,
) -> Result<Response, Error> {
    let measure = find_measure(&definitions(&state).await?, &measure)?;
    let clinic = ClinicId::new(clinic)?;
    if state.store.clinic(&clinic).await?.is_none() {
        return Err(Error::NotFound(format!(
            "there is no clinic with id {clinic}"
        )));
    }
    let values = state.store.clinic_series(&clinic, &measure.id).await?;
    Ok(axum::Json(ClinicSeries {
        points: rollup::clinic_points(&measure, &values),
        measure,
        clinic,
        simulated: simulated(&state).await?,
    })
    .into_response())
}

#[derive(Debug, Serialize)]
struct ClinicRow {
    id: ClinicId,
    name: String,
    enrolled_at: chrono::DateTime<chrono::Utc>,
    revoked: bool,
    last_sequence: u64,
    last_release_at: Option<chrono::DateTime<chrono::Utc>>,
}

async fn clinics(State(state): State<AppState>) -> Result<Response, Error> {
    let rows: Vec<ClinicRow> = state
        .store
        .clinics()
        .await?
        .into_iter()
        .map(|c| ClinicRow {
            id: c.id,
            name: c.name,
            enrolled_at: c.created_at,
            revoked: c.revoked_at.is_some(),
            last_sequence: c.last_sequence,
            last_release_at: c.last_release_at,
        })
        .collect();
    Ok(axum::Json(serde_json::json!({
        "simulated": simulated(&state).await?,
        "clinics": rows,
    }))
    .into_response())
}

async fn ready(State(state): State<AppState>) -> Result<&'static str, Error> {
    state.store.setting(SIMULATED).await?;
    Ok("ready\n")
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        state.metrics.render(),
    )
        .into_response()
}
