//! The OpenAPI 3.1 description of `/api/v1`, generated from the handlers' annotations and the
//! response types, served at `GET /api/v1/openapi.json`. A test checks that every `/api/v1`
//! route of the router is in it, and the contract test holds the hub to it under fuzzing.

use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

pub use tandem_service::openapi::ProblemDetails;

#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Tandem hub API",
        description = "The network's figures for dashboards, registries and anyone who wants \
            the numbers. Every figure is an aggregate the clinics released; a clinic member \
            sees other clinics only under pseudonyms. Errors are application/problem+json.",
        license(name = "Apache-2.0")
    ),
    paths(
        crate::api::network,
        crate::api::measures,
        crate::api::network_series,
        crate::api::clinic_series,
        crate::api::clinics,
        crate::api::spc,
        crate::fhir::measures,
        crate::fhir::reports,
        openapi_json,
    ),
    components(schemas(
        tandem_shared::model::MeasureId,
        tandem_shared::model::ClinicId,
        tandem_shared::model::Month
    )),
    security(("token" = []))
)]
struct ApiDoc;

/// The hub's document, with what every operation may answer.
pub fn document() -> utoipa::openapi::OpenApi {
    tandem_service::openapi::complete(
        ApiDoc::openapi(),
        "A personal API token (`tandem-hub token create --user LOGIN`), or the session cookie \
         of a signed-in person.",
    )
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "api",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub async fn openapi_json() -> Response {
    axum::Json(document()).into_response()
}
