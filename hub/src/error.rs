//! The hub's one error type, and the one place where an error becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tandem_service::http::{Problematic, error_response, problem_of};
use tandem_service::sqlite::Trouble;
use tandem_shared::protocol::Problem;

/// Everything that can go wrong in the hub.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration cannot be used.
    #[error("{0}")]
    Config(String),

    /// A request broke a shared rule (validation, privacy, protocol version).
    #[error(transparent)]
    Rule(#[from] tandem_shared::Error),

    /// A request that could not be read, already described as a problem.
    #[error("{}", .0.detail)]
    Request(Box<Problem>),

    /// A chart request the SPC engine cannot draw.
    #[error(transparent)]
    Spc(#[from] tandem_shared::spc::SpcError),

    #[error("{0}")]
    NotFound(String),

    #[error("{0}")]
    Conflict(String),

    /// A release arrived out of order.
    #[error("{detail}")]
    OutOfOrder { detail: String, expected: u64 },

    /// The same idempotency key came back with a different payload.
    #[error("{0}")]
    ConflictingReplay(String),

    /// No valid client certificate.
    #[error("{0}")]
    Unauthorized(String),

    /// A certificate or code that is known but may not be used.
    #[error("{0}")]
    Forbidden(String),

    /// A clinic's node asked more often than the hub answers one clinic.
    #[error("{detail}")]
    TooManyRequests { detail: String, retry_after: u64 },

    /// People, sessions and pages refused the request.
    #[error(transparent)]
    Web(#[from] tandem_web::Error),

    /// The store refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),

    /// The database schema cannot be used by this version.
    #[error("{0}")]
    Schema(String),

    /// Certificates and keys.
    #[error("{0}")]
    Tls(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Whether the database aborted the transaction to break a deadlock or a serialisation
    /// conflict, so that trying again can succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            // PostgreSQL: serialization_failure, deadlock_detected. SQLite's writes begin
            // IMMEDIATE, so its SQLITE_BUSY comes only after the busy timeout: trying again
            // would hold the request for that long once more; it is answered 503 instead.
            Error::Database(sqlx::Error::Database(e)) => e
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .is_some_and(|pg| matches!(pg.code(), "40001" | "40P01")),
            _ => false,
        }
    }

    /// A busy database or a full disk behind this error, if it is one.
    fn trouble(&self) -> Option<Trouble> {
        match self {
            Error::Database(e) => Trouble::of(e),
            _ => None,
        }
    }

    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

impl Problematic for Error {
    fn status(&self) -> StatusCode {
        match self {
            Error::Rule(_) | Error::Spc(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Request(p) => StatusCode::from_u16(p.status).unwrap_or(StatusCode::BAD_REQUEST),
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Conflict(_) | Error::OutOfOrder { .. } => StatusCode::CONFLICT,
            Error::ConflictingReplay(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Web(e) => e.status(),
            Error::Database(_) => self
                .trouble()
                .map_or(StatusCode::INTERNAL_SERVER_ERROR, Trouble::status),
            Error::Config(_) | Error::Schema(_) | Error::Tls(_) | Error::Io { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Error::Rule(e) => (e.code(), "Invalid input"),
            Error::Spc(_) => ("invalid-chart-request", "Invalid chart request"),
            Error::NotFound(_) => ("not-found", "Not found"),
            Error::Conflict(_) => ("conflict", "Conflict"),
            Error::OutOfOrder { .. } => ("out-of-order", "Release out of order"),
            Error::ConflictingReplay(_) => ("conflicting-replay", "Idempotency key reused"),
            Error::Unauthorized(_) => ("client-certificate-required", "Unauthorized"),
            Error::Forbidden(_) => ("forbidden", "Forbidden"),
            Error::TooManyRequests { .. } => ("too-many-requests", "Too many requests"),
            Error::Web(e) => e.kind(),
            Error::Database(_) => self
                .trouble()
                .map_or(("internal", "Internal error"), Trouble::kind),
            _ => ("internal", "Internal error"),
        }
    }

    fn hidden_detail(&self) -> &'static str {
        // The hub team's to fix, in the hub's log; the caller only needs to try later.
        match self.trouble() {
            Some(Trouble::Busy) => {
                "the hub's database is busy; nothing was stored. Try again in a few seconds"
            }
            Some(Trouble::Full) => {
                "the hub cannot write to its disk; nothing was stored. Try again later; the \
                 hub's team can read why in its log"
            }
            None => {
                "the hub could not complete the request; the cause is in its log. Try again later"
            }
        }
    }

    fn carried(&self) -> Option<&Problem> {
        match self {
            Error::Request(p) => Some(p),
            _ => None,
        }
    }

    fn decorate(&self, problem: &mut Problem) {
        if let Error::OutOfOrder { expected, .. } = self {
            problem.expected_sequence = Some(*expected);
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            Error::TooManyRequests { retry_after, .. } => Some(*retry_after),
            Error::Database(_) => self.trouble().and_then(Trouble::retry_after),
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
