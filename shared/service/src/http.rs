//! HTTP in and out: JSON bodies whose every fault is a clear problem, and problem responses.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use tandem_shared::protocol::{self, Problem};

/// A problem document as a response, `application/problem+json`.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = json_response(
        status,
        serde_json::to_vec(problem).unwrap_or_default(),
        true,
    );
    if status == StatusCode::UPGRADE_REQUIRED {
        // HTTP/1.1 requires it with a 426 (HTTP/2 has no such header, and hyper drops it).
        let version = format!("Tandem/{}", tandem_shared::protocol::PROTOCOL_VERSION);
        if let Ok(v) = HeaderValue::from_str(&version) {
            response.headers_mut().insert(header::UPGRADE, v);
        }
    }
    response
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

/// An error that knows how it is told to a client: its HTTP status, a stable code and a title,
/// and what a person reads. The cause of a server error is logged, never shown.
pub trait Problematic: std::fmt::Display {
    fn status(&self) -> StatusCode;
    /// The problem type's code (`urn:tandem:problem:<code>`) and title.
    fn kind(&self) -> (&'static str, &'static str);
    /// What a person reads instead of the message when it is not shown.
    fn hidden_detail(&self) -> &'static str;
    /// An error that already is a problem document (a request refused while it was read).
    fn carried(&self) -> Option<&Problem> {
        None
    }
    /// Whether the message is shown: for anything but a server error, by default.
    fn shown(&self) -> bool {
        !self.status().is_server_error()
    }
    /// Anything more the problem carries.
    fn decorate(&self, _problem: &mut Problem) {}
    /// For a request refused for coming too often: the seconds to wait, sent as `Retry-After`.
    fn retry_after(&self) -> Option<u64> {
        None
    }
}

/// The problem document for an error.
pub fn problem_of(e: &impl Problematic) -> Problem {
    if let Some(p) = e.carried() {
        return p.clone();
    }
    let (code, title) = e.kind();
    let detail = if e.shown() {
        e.to_string()
    } else {
        e.hidden_detail().to_owned()
    };
    let mut problem = Problem::new(e.status().as_u16(), code, title, detail);
    e.decorate(&mut problem);
    problem
}

/// An error as a problem response, its cause logged when it is the server's.
pub fn error_response(e: &impl Problematic) -> Response {
    let problem = problem_of(e);
    if problem.status >= 500 {
        tracing::error!(error = %e, "request failed");
    }
    let mut response = problem_response(&problem);
    if let Some(seconds) = e.retry_after() {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    }
    response
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

/// Parameters of the path. Unlike axum's `Path`, a segment that cannot be read
/// (`/api/v1/releases/abc`, where release ids are numbers) is a 404 problem naming the segment,
/// not a line of plain text.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            // A route whose parameters do not fit its handler is the server's fault.
            Err(e) if e.status().is_server_error() => Err(Rejection(Problem::new(
                500,
                "internal",
                "Internal error",
                "the request could not be completed; the cause is in the server's log",
            ))),
            Err(e) => Err(Rejection(Problem::new(
                404,
                "not-found",
                "Not found",
                format!(
                    "there is nothing at {}: {}",
                    parts.uri.path(),
                    e.body_text()
                ),
            ))),
        }
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

/// The query string, read with [`query`]. Unlike axum's `Query`, a query that cannot be read
/// (`?period=2026-01&period=2026-02`) is a 400 problem, not a line of plain text.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        query(parts.uri.query()).map(Query).map_err(Rejection)
    }
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

/// The conversions every binary's error type has, written once: a database that cannot be
/// opened (a schema of another version, or a configuration that cannot be used), and a problem
/// found while a request was read. The type needs `Schema(String)`, `Config(String)` and
/// `Request(Box<Problem>)` variants.
#[macro_export]
macro_rules! service_error_conversions {
    ($error:ident) => {
        impl From<$crate::sqlite::OpenError> for $error {
            fn from(e: $crate::sqlite::OpenError) -> Self {
                match e {
                    $crate::sqlite::OpenError::Schema(m) => $error::Schema(m),
                    other => $error::Config(other.to_string()),
                }
            }
        }

        impl From<tandem_shared::protocol::Problem> for $error {
            fn from(p: tandem_shared::protocol::Problem) -> Self {
                $error::Request(Box::new(p))
            }
        }
    };
}
