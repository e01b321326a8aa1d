//! The federation API that clinic nodes call: enrolment, then releases in and definitions and
//! catalogue out, all over TLS. Every route but enrolment needs a valid, unrevoked client
//! certificate, and the clinic's identity comes from that certificate, never from the body.

pub mod ca;
pub mod enrol;
pub mod limit;
pub mod tls;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, RawQuery, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tandem_shared::protocol::{
    self, EnrolRequest, IdempotencyKey, NodeState, Problem, ProtocolVersion, RenewRequest,
};

use crate::state::AppState;
use crate::store::Clinic;
use crate::{Error, ingest};
use tandem_service::http::{Body, JsonBytes, method_not_allowed, not_found};
use tandem_shared::model::ClinicId;

/// The federation routes.
pub fn router(state: AppState) -> Router {
    let release_limit = state.config.max_release_bytes;
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/federation/v1/ca", get(ca_certificate))
        .route(
            "/federation/v1/enrol",
            post(enrol).layer(DefaultBodyLimit::max(64 * 1024)),
        )
        .route(
            "/federation/v1/renew",
            post(renew).layer(DefaultBodyLimit::max(64 * 1024)),
        )
        .route("/federation/v1/state", get(node_state))
        .route(
            "/federation/v1/releases",
            post(release).layer(DefaultBodyLimit::max(release_limit)),
        )
        .route("/federation/v1/definitions", get(definitions))
        .route("/federation/v1/catalogue", get(catalogue))
        .route("/federation/v1/network", get(network))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.cache.clone(),
            crate::cache::invalidate_on_write,
        ))
        .layer(axum::middleware::from_fn(speaks_protocol))
        .with_state(state)
}

/// Refuse a node whose protocol version this hub does not speak before anything else is read,
/// with what to install. A request without the header is judged by its body's version.
async fn speaks_protocol(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let Some(value) = request.headers().get(protocol::PROTOCOL_HEADER) else {
        return next.run(request).await;
    };
    match value
        .to_str()
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        Some(got) if protocol::speaks(got) => next.run(request).await,
        Some(got) => tandem_service::http::problem_response(&protocol::protocol_problem(got)),
        None => tandem_service::http::problem_response(&Problem::new(
            400,
            "protocol-version",
            "Unreadable protocol version",
            "the Tandem-Protocol header must be a whole number, such as 1",
        )),
    }
}

/// A request from an enrolled clinic's node, identified by its client certificate.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Clinic);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let refuse = |message: &str| {
            state.metrics.unauthenticated();
            Error::Unauthorized(message.to_owned())
        };
        let der = parts
            .extensions
            .get::<tls::PeerCertificate>()
            .and_then(|p| p.0.clone())
            .ok_or_else(|| {
                refuse(
                    "this endpoint needs the node's client certificate; enrol the node with \
                     `tandem-node enrol --hub URL --code CODE` first",
                )
            })?;
        let name = ca::peer_name(&der)
            .ok_or_else(|| refuse("the client certificate does not name a clinic"))?;
        let issued = state
            .store
            .certificate(&name.serial)
            .await?
            .filter(|c| c.clinic.as_str() == name.clinic)
            .ok_or_else(|| refuse("this hub has no record of the client certificate"))?;
        let clinic = state
            .store
            .clinic(&issued.clinic)
            .await?
            .ok_or_else(|| refuse("the clinic of this certificate no longer exists"))?;
        // Say what the node's operator can do: a revoked clinic gets no new code (the hub
        // refuses one), a clinic whose one certificate was revoked does.
        if clinic.revoked_at.is_some() {
            state.metrics.unauthenticated();
            return Err(Error::Forbidden(format!(
                "clinic {} has been removed from the network, so this node can no longer sync; \
                 if that is a mistake, ask the network lead to add the clinic again under a new \
                 id and enrol this node with the code they give you",
                clinic.id
            )));
        }
        if issued.revoked {
            state.metrics.unauthenticated();
            return Err(Error::Forbidden(format!(
                "this certificate of clinic {} has been revoked; ask the network lead for a new \
                 enrolment code (tandem-hub clinic code {}) and enrol this node again",
                clinic.id, clinic.id
            )));
        }
        if let Err(wait) = state
            .clinic_limits
            .take(clinic.id.as_str(), std::time::Instant::now())
        {
            return Err(Error::TooManyRequests {
                detail: format!(
                    "clinic {} made more than {} requests in a minute; wait {wait} s and try \
                     again (the node does this by itself)",
                    clinic.id,
                    state.clinic_limits.per_minute()
                ),
                retry_after: wait,
            });
        }
        Ok(Authenticated(clinic))
    }
}

async fn ca_certificate(State(state): State<AppState>) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/x-pem-file")],
        state.ca.cert_pem().to_owned(),
    )
        .into_response()
}

async fn enrol(
    State(state): State<AppState>,
    Body(request): Body<EnrolRequest>,
) -> Result<Response, Error> {
    let cert = enrol::enrol(
        state.store.as_ref(),
        &state.ca,
        &request,
        state.config.certificate_days,
    )
    .await?;
    state.metrics.enrolment();
    Ok(axum::Json(cert).into_response())
}

async fn renew(
    State(state): State<AppState>,
    Authenticated(clinic): Authenticated,
    Body(request): Body<RenewRequest>,
) -> Result<Response, Error> {
    let cert = enrol::renew(
        state.store.as_ref(),
        &state.ca,
        &clinic,
        &request.csr_pem,
        state.config.certificate_days,
    )
    .await?;
    Ok(axum::Json(cert).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateQuery {
    /// Ask whether the hub holds the release sent under this idempotency key.
    key: Option<IdempotencyKey>,
}

/// Note, in the background, that a clinic's node called (and the definitions it fetched): a
/// status for administrators that must never hold up, or fail, the node's request.
fn note_seen(state: &AppState, clinic: &ClinicId, definitions: Option<u64>) {
    let (store, clinic) = (state.store.clone(), clinic.clone());
    tokio::spawn(async move {
        if let Err(e) = store
            .clinic_seen(&clinic, crate::store::now(), definitions)
            .await
        {
            tracing::warn!(error = %e, %clinic, "could not note that the clinic's node called");
        }
    });
}

async fn node_state(
    State(state): State<AppState>,
    Authenticated(clinic): Authenticated,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let q: StateQuery = tandem_service::http::query(query.as_deref())?;
    note_seen(&state, &clinic.id, None);
    let definitions_version = state.store.definitions().await?.map_or(0, |d| d.version);
    let holds = match q.key {
        Some(key) => Some(state.store.held_release(&clinic.id, &key).await?.is_some()),
        None => None,
    };
    Ok(axum::Json(NodeState {
        protocol_version: ProtocolVersion,
        clinic: clinic.id,
        last_sequence: clinic.last_sequence,
        definitions_version,
        catalogue_cursor: state.store.catalogue_head().await?,
        max_release_bytes: state.config.max_release_bytes as u64,
        holds,
    })
    .into_response())
}

async fn release(
    State(state): State<AppState>,
    Authenticated(clinic): Authenticated,
    JsonBytes(body): JsonBytes,
) -> Result<Response, Error> {
    state.metrics.release();
    let answer = ingest::receive(state.store.as_ref(), &clinic.id, &body).await?;
    Ok(tandem_service::http::json_response(
        answer.status(),
        answer.body.into_bytes(),
        answer.status != 200,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefinitionsQuery {
    /// A version the network published; the current one if absent.
    version: Option<u64>,
}

/// The network's definitions, signed: a node steps through the versions one at a time and
/// applies only a body the network's CA signed.
async fn definitions(
    State(state): State<AppState>,
    Authenticated(clinic): Authenticated,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let q: DefinitionsQuery = tandem_service::http::query(query.as_deref())?;
    let defs = state
        .store
        .definitions_at(q.version)
        .await?
        .ok_or_else(|| {
            Error::NotFound(match q.version {
                Some(v) => format!("the network has published no definitions version {v}"),
                None => "the network has not published definitions yet".into(),
            })
        })?;
    note_seen(&state, &clinic.id, Some(defs.version));
    let body = serde_json::to_vec(&defs)
        .map_err(|e| Error::Schema(format!("cannot write the definitions: {e}")))?;
    let signature = hex::encode(state.ca.sign(&body)?);
    let mut response = tandem_service::http::json_response(axum::http::StatusCode::OK, body, false);
    if let Ok(value) = axum::http::HeaderValue::from_str(&signature) {
        response
            .headers_mut()
            .insert(tandem_shared::protocol::SIGNATURE_HEADER, value);
    }
    Ok(response)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueQuery {
    #[serde(default)]
    after: u64,
    #[serde(default = "default_limit")]
    limit: u32,
}

fn default_limit() -> u32 {
    100
}

async fn catalogue(
    State(state): State<AppState>,
    Authenticated(_): Authenticated,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let q: CatalogueQuery = tandem_service::http::query(query.as_deref())?;
    if !(1..=500).contains(&q.limit) {
        return Err(Error::Rule(tandem_shared::Error::Invalid(
            "limit must be between 1 and 500".into(),
        )));
    }
    Ok(axum::Json(state.store.catalogue(q.after, q.limit).await?).into_response())
}

/// The network's monthly totals of every measure, for the clinics' charts: only months to which
/// enough clinics contributed (at least three, and the public tier's count), so no clinic can
/// subtract its own counts to learn another's. Read from the rollups alone: nodes ask at every
/// sync.
async fn network(
    State(state): State<AppState>,
    Authenticated(_): Authenticated,
) -> Result<Response, Error> {
    use tandem_shared::protocol::{NetworkMeasure, NetworkMonth, NetworkPage};
    let mut measures = Vec::new();
    if let Some(defs) = state.store.definitions().await? {
        let fewest = u64::from(defs.policy.public_min_clinics.max(3));
        for m in &defs.measures {
            let continuous = matches!(m.kind, tandem_shared::model::MeasureKind::Continuous { .. });
            let months = state
                .store
                .network_series(&m.id)
                .await?
                .iter()
                .filter(|r| r.clinics_contributing >= fewest)
                .map(|r| NetworkMonth {
                    month: r.month,
                    numerator: r.numerator_sum,
                    denominator: r.denominator_sum,
                    value: continuous
                        .then(|| {
                            m.kind
                                .value(r.numerator_sum, r.denominator_sum, r.value_sum)
                        })
                        .flatten(),
                    clinics: r.clinics_contributing,
                })
                .collect();
            measures.push(NetworkMeasure {
                measure: m.id.clone(),
                months,
            });
        }
    }
    Ok(axum::Json(NetworkPage {
        protocol_version: ProtocolVersion,
        measures,
    })
    .into_response())
}
