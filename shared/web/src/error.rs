//! The web foundation's one error type. It is told to a client in one place, as a problem
//! document for scripts and as a page for people ([`crate::pages`]).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tandem_service::http::{Problematic, error_response};
use tandem_service::sqlite::Trouble;

/// Everything the people, sessions and pages of a binary can refuse.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No session or token: log in, or send `Authorization: Bearer`.
    #[error(
        "this needs a login: sign in on the login page, or send a personal API token as \
         Authorization: Bearer"
    )]
    Unauthenticated,

    /// Logged in, but the role does not allow it.
    #[error("{0}")]
    Forbidden(String),

    /// A state-changing request from another site, or without the form's CSRF token.
    #[error("{0}")]
    CrossSite(String),

    /// Input that cannot be used, with what to do about it.
    #[error("{0}")]
    Invalid(String),

    #[error("{0}")]
    NotFound(String),

    #[error("{0}")]
    Conflict(String),

    #[error("{}", tandem_service::sqlite::describe(.0))]
    Database(#[from] sqlx::Error),

    /// Hashing or another step that should not fail.
    #[error("{0}")]
    Internal(String),
}

impl Problematic for Error {
    fn status(&self) -> StatusCode {
        match self {
            Error::Unauthenticated => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) | Error::CrossSite(_) => StatusCode::FORBIDDEN,
            Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::Database(e) => {
                Trouble::of(e).map_or(StatusCode::INTERNAL_SERVER_ERROR, Trouble::status)
            }
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Error::Unauthenticated => ("login-required", "Login required"),
            Error::Forbidden(_) => ("forbidden", "Forbidden"),
            Error::CrossSite(_) => ("cross-site-request", "Cross-site request refused"),
            Error::Invalid(_) => ("invalid", "Invalid input"),
            Error::NotFound(_) => ("not-found", "Not found"),
            Error::Conflict(_) => ("conflict", "Conflict"),
            Error::Database(e) => {
                Trouble::of(e).map_or(("internal", "Internal error"), Trouble::kind)
            }
            Error::Internal(_) => ("internal", "Internal error"),
        }
    }

    /// A busy database or a full disk is the operator's to fix, and said; other causes are
    /// logged only.
    fn shown(&self) -> bool {
        !self.status().is_server_error()
            || matches!(self, Error::Database(e) if Trouble::of(e).is_some())
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            Error::Database(e) => Trouble::of(e).and_then(Trouble::retry_after),
            _ => None,
        }
    }

    fn hidden_detail(&self) -> &'static str {
        "the request could not be completed; the cause is in the server's log"
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        error_response(&self)
    }
}
