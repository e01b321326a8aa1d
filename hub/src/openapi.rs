//! The OpenAPI 3.1 description of `/api/v1`, generated from the handlers' annotations and the
//! response types, served at `GET /api/v1/openapi.json`. A test checks that every `/api/v1`
//! route of the router is in it.

use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// An error, as RFC 9457 problem details (`application/problem+json`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // a description of what `Error` writes, not a type the code builds
pub struct ProblemDetails {
    /// `urn:tandem:problem:…`
    #[schema(example = "urn:tandem:problem:not-found")]
    r#type: String,
    title: String,
    status: u16,
    /// What is wrong and how to fix it, in one sentence.
    detail: String,
}

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal API token (`tandem-hub user token LOGIN`), or the session \
                         cookie of a signed-in person.",
                    ))
                    .build(),
            ),
        );
    }
}

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
    components(schemas(ProblemDetails)),
    modifiers(&BearerToken),
    security(("token" = []))
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "api",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub async fn openapi_json() -> Response {
    axum::Json(ApiDoc::openapi()).into_response()
}
