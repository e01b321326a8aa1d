//! JSON request bodies, read so that every way they can be wrong becomes a clear problem.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;
use tandem_shared::protocol::{self, Problem};

use crate::Error;

/// The raw bytes of a JSON body, after checking its content type and size.
#[derive(Debug)]
pub struct JsonBytes(pub Bytes);

/// A JSON body. Unlike axum's `Json`, every rejection (wrong content type, a body over the
/// limit, malformed JSON, a wrong field) is an `application/problem+json` answer that names
/// what is wrong.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<S: Send + Sync> FromRequest<S> for JsonBytes {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        protocol::require_json(content_type).map_err(problem)?;
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            problem(protocol::unreadable_body(
                rejection.status().as_u16(),
                &rejection.to_string(),
            ))
        })?;
        Ok(JsonBytes(bytes))
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let JsonBytes(bytes) = JsonBytes::from_request(req, state).await?;
        protocol::decode(&bytes).map(Body).map_err(problem)
    }
}

fn problem(p: Problem) -> Error {
    Error::Request(Box::new(p))
}
