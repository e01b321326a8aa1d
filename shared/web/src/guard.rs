//! What every response and every state-changing request goes through: security headers, and
//! the refusal of requests made from other sites.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

/// The headers every page and answer carries: nothing loads from elsewhere, nothing frames
/// the pages, browsers do not guess content types, and links do not leak full addresses.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        if !h.contains_key(name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    response
}

/// Whether a method changes state, so that it must come from the site itself.
pub fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Why a state-changing request looks as if another site made it, if it does: the browser
/// says so (`Sec-Fetch-Site`), or the `Origin` is not this site's. Scripts send neither, and
/// pass; a browser always sends one of them with a cross-site request.
pub fn cross_site(headers: &HeaderMap, own_origins: &[String]) -> Option<String> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Some(format!(
            "this request came from another site (Sec-Fetch-Site: {site}); changes are made \
             only from this site's own pages"
        ));
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())?;
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let own = own_origins.iter().any(|o| o.eq_ignore_ascii_case(origin))
        || ["http://", "https://"]
            .iter()
            .any(|s| origin.eq_ignore_ascii_case(&format!("{s}{host}")));
    (!own).then(|| {
        format!(
            "this request came from another site (Origin: {origin}); changes are made only \
             from this site's own pages"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn requests_from_other_sites_are_told_apart() {
        let own = vec!["https://hub.example.org".to_owned()];
        // Scripts send neither header.
        assert!(cross_site(&headers(&[("host", "127.0.0.1:8080")]), &own).is_none());
        // The site's own page.
        assert!(
            cross_site(
                &headers(&[
                    ("host", "127.0.0.1:8080"),
                    ("origin", "http://127.0.0.1:8080"),
                    ("sec-fetch-site", "same-origin"),
                ]),
                &own
            )
            .is_none()
        );
        // Behind the proxy, the public origin.
        assert!(
            cross_site(
                &headers(&[
                    ("host", "127.0.0.1:8080"),
                    ("origin", "https://hub.example.org")
                ]),
                &own
            )
            .is_none()
        );
        // Another site, by either header.
        assert!(
            cross_site(
                &headers(&[("host", "localhost:7878"), ("sec-fetch-site", "cross-site")]),
                &own
            )
            .is_some()
        );
        assert!(
            cross_site(
                &headers(&[
                    ("host", "localhost:7878"),
                    ("origin", "http://evil.example")
                ]),
                &own
            )
            .is_some()
        );
        assert!(
            cross_site(
                &headers(&[("host", "localhost:7878"), ("origin", "null")]),
                &own
            )
            .is_some()
        );
    }
}
