//! What every operation of both binaries' APIs may answer, added to their OpenAPI documents in
//! one place: the problem-details schema, the bearer token, `401` where a login is needed, and
//! `400`/`413`/`415`/`422` where a body is read. The API fuzzer of the contract tests holds each binary to
//! its document, so an answer left out here is a failing test there.

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};

/// An error, as RFC 9457 problem details (`application/problem+json`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // a description of what `Problem` writes, not a type the code builds
pub struct ProblemDetails {
    /// `urn:tandem:problem:…`
    #[schema(example = "urn:tandem:problem:not-found")]
    r#type: String,
    title: String,
    status: u16,
    /// What is wrong and how to fix it, in one sentence.
    detail: String,
}

/// A response whose body is problem details.
pub fn problem(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ProblemDetails")))
                .build(),
        )
        .build()
}

/// Add the shared parts to a document whose operations need the `token` scheme unless they
/// say `security(())`: `token` describes how this binary's people get a token.
pub fn complete(mut doc: OpenApi, token: &str) -> OpenApi {
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "token",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(token))
                .build(),
        ),
    );
    components
        .schemas
        .insert("ProblemDetails".into(), ProblemDetails::schema());
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in operations.into_iter().flatten() {
            add_shared_answers(op);
        }
    }
    doc
}

fn add_shared_answers(op: &mut Operation) {
    let public = op
        .security
        .as_ref()
        .is_some_and(|s| s.iter().all(|r| *r == SecurityRequirement::default()));
    let mut add = |status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.into())
            .or_insert_with(|| problem(description).into());
    };
    if !public {
        add(
            "401",
            "Not signed in: send a personal API token as Authorization: Bearer",
        );
    }
    if op.request_body.is_some() {
        add("400", "The body is not well-formed JSON");
        add("413", "The body is larger than this API reads");
        add(
            "415",
            "The body is not JSON: send it with Content-Type: application/json",
        );
        add("422", "The body is not what this operation reads, and why");
    }
}
