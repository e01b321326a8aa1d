//! The node's one error type, and the one place where an error becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tandem_service::http::{Problematic, error_response, problem_of};
use tandem_service::sqlite::Trouble;
use tandem_shared::protocol::Problem;

/// Everything that can go wrong on a node.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration cannot be used.
    #[error("{0}")]
    Config(String),

    /// Input broke a shared rule (validation, privacy).
    #[error(transparent)]
    Rule(#[from] tandem_shared::Error),

    /// A request that could not be read, already described as a problem.
    #[error("{}", .0.detail)]
    Request(Box<Problem>),

    #[error("{0}")]
    NotFound(String),

    /// An extract with bad rows: nothing of it was imported.
    #[error("{0}")]
    Extract(Box<BadExtract>),

    #[error("{0}")]
    Conflict(String),

    /// The node has no certificate yet.
    #[error(
        "this node is not enrolled with a hub yet; run `tandem-node enrol --hub URL --code CODE`"
    )]
    NotEnrolled,

    /// No one has set the node up yet.
    #[error(
        "this node is not set up yet; open the set-up address that `tandem-node serve` printed on the server, or add its first person with `tandem-node user add --role lead NAME`"
    )]
    NotSetUp,

    /// The hub answered with a problem.
    #[error("the hub refused the request ({}): {}", .0.status, .0.detail)]
    Hub(Box<Problem>),

    /// The hub could not be reached, or answered with something unreadable.
    #[error("cannot reach the hub: {0}")]
    Unreachable(String),

    /// People, sessions and pages refused the request.
    #[error(transparent)]
    Web(#[from] tandem_web::Error),

    #[error("{}", tandem_service::sqlite::describe(.0))]
    Database(#[from] sqlx::Error),

    /// The database schema cannot be used by this version.
    #[error("{0}")]
    Schema(String),

    /// Keys and certificates.
    #[error("{0}")]
    Tls(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// Where a file of an extract is wrong: each problem with its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadExtract {
    pub file: String,
    pub problems: Vec<String>,
    /// Problems found beyond those listed.
    pub more: usize,
}

impl std::fmt::Display for BadExtract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.problems.len() + self.more;
        write!(
            f,
            "{}: nothing was imported; fix {} and import again: {}",
            self.file,
            if n == 1 {
                "this problem".to_owned()
            } else {
                format!("these {n} problems")
            },
            self.problems.join("; ")
        )?;
        if self.more > 0 {
            write!(f, "; and {} more", self.more)?;
        }
        Ok(())
    }
}

impl Error {
    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

impl Problematic for Error {
    fn status(&self) -> StatusCode {
        match self {
            Error::Rule(_) | Error::Extract(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Request(p) => StatusCode::from_u16(p.status).unwrap_or(StatusCode::BAD_REQUEST),
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Conflict(_) | Error::NotEnrolled => StatusCode::CONFLICT,
            Error::Hub(_) | Error::Unreachable(_) => StatusCode::BAD_GATEWAY,
            Error::NotSetUp => StatusCode::SERVICE_UNAVAILABLE,
            Error::Web(e) => e.status(),
            Error::Database(e) => {
                Trouble::of(e).map_or(StatusCode::INTERNAL_SERVER_ERROR, Trouble::status)
            }
            Error::Config(_) | Error::Schema(_) | Error::Tls(_) | Error::Io { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Error::Rule(e) => (e.code(), "Invalid input"),
            Error::NotFound(_) => ("not-found", "Not found"),
            Error::Extract(_) => ("bad-extract", "The extract was not imported"),
            Error::Conflict(_) => ("conflict", "Conflict"),
            Error::NotEnrolled => ("not-enrolled", "Not enrolled"),
            Error::NotSetUp => ("not-set-up", "Not set up"),
            Error::Hub(_) => ("hub-refused", "The hub refused"),
            Error::Unreachable(_) => ("hub-unreachable", "Hub unreachable"),
            Error::Web(e) => e.kind(),
            Error::Database(e) => {
                Trouble::of(e).map_or(("internal", "Internal error"), Trouble::kind)
            }
            _ => ("internal", "Internal error"),
        }
    }

    fn hidden_detail(&self) -> &'static str {
        "the node could not complete the request; the cause is in its log"
    }

    fn carried(&self) -> Option<&Problem> {
        match self {
            Error::Request(p) => Some(p),
            _ => None,
        }
    }

    /// What went wrong with the hub is shown: it is the hub's, not the node's, to hide.
    /// So is a busy database or a full disk: the operator's to fix.
    fn shown(&self) -> bool {
        match self {
            Error::Hub(_) | Error::Unreachable(_) | Error::NotSetUp => true,
            Error::Database(e) => Trouble::of(e).is_some(),
            Error::Web(e) => e.shown(),
            _ => !self.status().is_server_error(),
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            Error::Database(e) => Trouble::of(e).and_then(Trouble::retry_after),
            Error::Web(e) => e.retry_after(),
            _ => None,
        }
    }
}

impl Error {
    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        problem_of(self)
    }
}

tandem_service::service_error_conversions!(Error);

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        error_response(&self)
    }
}
