//! HTTP in and out: JSON bodies whose every fault is a clear problem, and problem responses.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use tandem_shared::protocol::{self, Problem};

/// A problem document as a response, `application/problem+json`.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(
        status,
        serde_json::to_vec(problem).unwrap_or_default(),
        true,
    )
}

/// JSON bytes as a response; as `application/problem+json` when `problem` is true.
pub fn json_response(status: StatusCode, body: Vec<u8>, problem: bool) -> Response {
    let content_type = if problem {
        Problem::CONTENT_TYPE
    } else {
        "application/json"
    };
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

/// A request refused before it reached a handler.
#[derive(Debug)]
pub struct Rejection(pub Problem);

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        problem_response(&self.0)
    }
}

/// The raw bytes of a JSON body, after checking its content type and size (the size limit is
/// axum's `DefaultBodyLimit` for the route).
#[derive(Debug)]
pub struct JsonBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBytes {
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        protocol::require_json(content_type).map_err(Rejection)?;
        Bytes::from_request(req, state)
            .await
            .map(JsonBytes)
            .map_err(|r| {
                Rejection(protocol::unreadable_body(
                    r.status().as_u16(),
                    &r.to_string(),
                ))
            })
    }
}

/// A JSON body. Unlike axum's `Json`, every fault (wrong content type, a body over the limit,
/// malformed JSON, a wrong or unknown field) is a problem that names what is wrong.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Rejection> {
        let JsonBytes(bytes) = JsonBytes::from_request(req, state).await?;
        protocol::decode(&bytes).map(Body).map_err(Rejection)
    }
}

/// Read a query string into `T`, or say what is wrong with it.
pub fn query<T: DeserializeOwned>(raw: Option<&str>) -> Result<T, Problem> {
    serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|e| {
        Problem::new(
            400,
            "invalid-query",
            "Invalid query string",
            format!("the query string cannot be used: {e}"),
        )
    })
}

/// The fallback for routes that do not exist: a 404 problem.
pub async fn not_found(uri: Uri) -> Response {
    problem_response(&Problem::new(
        404,
        "not-found",
        "Not found",
        format!("there is nothing at {}", uri.path()),
    ))
}

/// The fallback for a method a route does not take: a 405 problem.
pub async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    problem_response(&Problem::new(
        405,
        "method-not-allowed",
        "Method not allowed",
        format!("{method} is not allowed on {}", uri.path()),
    ))
}
