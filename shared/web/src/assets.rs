//! The pages' style sheet and any small script, embedded in the binary: clinics may be offline,
//! and nothing is loaded from elsewhere. Each is served under `/static/` with an `ETag`, and
//! linked with its hash so that a browser may keep it for a year.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use tandem_service::http::Path;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Assets;

/// The address of an embedded file, with the start of its hash: `/static/app.css?v=1a2b3c4d`.
pub fn url(name: &str) -> String {
    let version = Assets::get(name)
        .map(|f| hex::encode(&f.metadata.sha256_hash()[..4]))
        .unwrap_or_default();
    format!("/static/{name}?v={version}")
}

/// `GET /static/{name}`.
pub async fn serve(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(file) = Assets::get(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", hex::encode(file.metadata.sha256_hash()));
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag)
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mime = match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    };
    let mut response = file.data.into_owned().into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    response
}
