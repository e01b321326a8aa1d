//! Who is asking: a session cookie from the login page, or a personal API token
//! (`Authorization: Bearer`). Every request passes [`authenticate`], which finds the person,
//! ends sessions that are idle or too old, and refuses state-changing requests from other
//! sites or without the session's CSRF token; every route is registered in a [`Routes`] table
//! with the rule that says who may use it.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodFilter, on};
use chrono::{DateTime, Duration, Utc};

use crate::accounts::{AccountStore, User};
use crate::guard;
use crate::i18n::cookie;
use crate::secret::token_hash;
use crate::{Error, Lang};

/// How the people of one binary log in.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The session cookie's name: the hub's and a node's differ, as both may be on one host.
    pub cookie: &'static str,
    /// Whether cookies are marked `Secure`: when the pages are served over TLS.
    pub secure_cookies: bool,
    /// A session ends after this long without a request…
    pub idle: Duration,
    /// …and after this long in any case.
    pub absolute: Duration,
    /// How long a set-password link can be used.
    pub link_lifetime: Duration,
    /// Where people reach the pages, as links are printed for them: `http://127.0.0.1:8080`,
    /// or the public address behind a reverse proxy. Its origin is trusted for changes.
    pub public_url: String,
}

impl WebConfig {
    /// The origins a state-changing request may come from, besides the `Host` it was sent to.
    pub fn own_origins(&self) -> Vec<String> {
        let url = self.public_url.trim_end_matches('/');
        let origin = match url.split_once("://") {
            Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or("")),
            None => url.to_owned(),
        };
        vec![origin]
    }
}

/// The people of a binary and how they log in: what every handler of the foundation needs.
#[derive(Clone)]
pub struct Web {
    pub accounts: Arc<dyn AccountStore>,
    pub config: Arc<WebConfig>,
}

impl std::fmt::Debug for Web {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Web")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// How a person proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A session from the login page, with the token its forms carry.
    Session { csrf: String },
    /// A personal API token, by its id.
    Token { id: i64 },
}

/// The person behind a request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    pub via: Via,
}

impl Principal {
    /// The CSRF token for the session's forms (empty for a token, which needs none).
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf } => csrf,
            Via::Token { .. } => "",
        }
    }
}

/// Update a session's last request at most this often, so that SQLite's one writer is not
/// taken by every page view.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// The largest form read to find its CSRF token.
const MAX_FORM: usize = 1024 * 1024;

/// Find the person behind a request (a live session or token) and keep it in the request's
/// extensions; refuse a state-changing request that another site made, or that a session
/// sent without its CSRF token (`X-CSRF-Token`, or the form's `csrf` field).
///
/// The person is kept in the response's extensions too, so that layers outside this one (the
/// problem pages) can show who is logged in.
pub async fn authenticate(State(web): State<Web>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let principal = match find_principal(&web, &parts, Utc::now()).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let mut response = match checked(&web, parts, body, &principal).await {
        Ok(req) => next.run(req).await,
        Err(e) => e.into_response(),
    };
    response.extensions_mut().insert(principal);
    response
}

async fn checked(
    web: &Web,
    mut parts: Parts,
    mut body: Body,
    principal: &Option<Principal>,
) -> Result<Request, Error> {
    if guard::changes_state(&parts.method) {
        if let Some(why) = guard::cross_site(&parts.headers, &web.config.own_origins()) {
            return Err(Error::CrossSite(why));
        }
        if let Some(Principal {
            via: Via::Session { csrf },
            ..
        }) = principal
        {
            let (sent, rebuilt) = sent_csrf(&parts, body).await?;
            body = rebuilt;
            if sent.as_deref() != Some(csrf.as_str()) {
                return Err(Error::CrossSite(
                    "this form is out of date or did not come from this site's pages; reload \
                     the page and try again"
                        .into(),
                ));
            }
        }
    }
    parts.extensions.insert(principal.clone());
    Ok(Request::from_parts(parts, body))
}

/// The CSRF token a request carries, from its header or its form, with the body to pass on.
async fn sent_csrf(parts: &Parts, body: Body) -> Result<(Option<String>, Body), Error> {
    if let Some(v) = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return Ok((Some(v.to_owned()), body));
    }
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // A file upload's form carries the token in its action's query instead: finding it in the
    // body would mean reading the whole upload here.
    if content_type.starts_with("multipart/form-data") {
        let csrf = parts.uri.query().and_then(|q| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                .ok()?
                .into_iter()
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v)
        });
        return Ok((csrf, body));
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Ok((None, body));
    }
    let bytes = axum::body::to_bytes(body, MAX_FORM)
        .await
        .map_err(|_| Error::Invalid(format!("a form may hold at most {MAX_FORM} bytes")))?;
    let csrf = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|fields| {
            fields
                .into_iter()
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v)
        });
    Ok((csrf, Body::from(bytes)))
}

async fn find_principal(
    web: &Web,
    parts: &Parts,
    now: DateTime<Utc>,
) -> Result<Option<Principal>, Error> {
    if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Error::Unauthenticated)?;
        let (id, user, last_used) = web
            .accounts
            .token(&token_hash(token.trim()))
            .await?
            .ok_or(Error::Unauthenticated)?;
        if user.disabled {
            return Err(Error::Unauthenticated);
        }
        // Bookkeeping, once a minute: a full disk or a busy database must not stop a person
        // reading, nor make every request wait for the write lock.
        if last_used.is_none_or(|t| now - t > TOUCH_EVERY)
            && let Err(e) = web.accounts.touch_token(id, now).await
        {
            tracing::warn!(error = %e, "could not note when a token was last used");
        }
        return Ok(Some(Principal {
            user,
            via: Via::Token { id },
        }));
    }
    let Some(cookie) = cookie(parts, web.config.cookie) else {
        return Ok(None);
    };
    let hash = token_hash(cookie);
    let Some(session) = web.accounts.session(&hash).await? else {
        return Ok(None);
    };
    let expired = now - session.last_seen_at > web.config.idle
        || now - session.created_at > web.config.absolute
        || session.user.disabled;
    if expired {
        web.accounts.end_session(&hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY
        && let Err(e) = web.accounts.touch_session(&hash, now).await
    {
        tracing::warn!(error = %e, "could not note when a session was last seen");
    }
    Ok(Some(Principal {
        user: session.user,
        via: Via::Session { csrf: session.csrf },
    }))
}

/// A session cookie's `Set-Cookie` value; an empty token with `max_age` 0 removes it.
pub fn session_cookie(config: &WebConfig, token: &str, max_age: i64) -> HeaderValue {
    let secure = if config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        config.cookie
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The person behind a request, for handlers of routes that need a login.
#[derive(Debug, Clone)]
pub struct Signed(pub Principal);

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Error> {
        parts
            .extensions
            .get::<Option<Principal>>()
            .cloned()
            .flatten()
            .map(Signed)
            .ok_or(Error::Unauthenticated)
    }
}

/// The person behind a request, if anyone is logged in.
#[derive(Debug, Clone)]
pub struct MaybeSigned(pub Option<Principal>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSigned {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeSigned(
            parts
                .extensions
                .get::<Option<Principal>>()
                .cloned()
                .flatten(),
        ))
    }
}

/// Who may use a route: each binary names its own rules (by role).
pub trait Rule: Copy + Send + Sync + std::fmt::Debug + 'static {
    /// Whether the route needs no login at all.
    fn public(self) -> bool;
    /// Whether this person may use the route.
    fn allows(self, user: &User) -> bool;
}

/// One route and who may use it: the table the role × route tests read.
#[derive(Debug, Clone)]
pub struct RouteInfo<R> {
    pub method: Method,
    pub path: &'static str,
    pub rule: R,
}

/// A router whose every route says who may use it. Built only through [`Routes::add`], so no
/// route can be added without a rule, and the table lists them all.
pub struct Routes<S, R> {
    router: Router<S>,
    table: Vec<RouteInfo<R>>,
}

impl<S, R: std::fmt::Debug> std::fmt::Debug for Routes<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routes")
            .field("table", &self.table)
            .finish()
    }
}

impl<S: Clone + Send + Sync + 'static, R: Rule> Default for Routes<S, R> {
    fn default() -> Self {
        Self {
            router: Router::new(),
            table: Vec::new(),
        }
    }
}

impl<S: Clone + Send + Sync + 'static, R: Rule> Routes<S, R> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a route for one method, usable by those `rule` allows.
    pub fn add<H, T>(mut self, method: Method, path: &'static str, rule: R, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|_| panic!("{method} is no method a route can take"));
        let route = on(filter, handler).route_layer(axum::middleware::from_fn(
            move |req: Request, next: Next| enforce(rule, req, next),
        ));
        self.router = self.router.route(path, route);
        self.table.push(RouteInfo { method, path, rule });
        self
    }

    /// A `POST` route that takes bodies up to `limit` bytes, such as file uploads, where
    /// the router's limit is lower.
    pub fn post_large<H, T>(mut self, path: &'static str, rule: R, limit: usize, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let route = axum::routing::post(handler)
            .layer(axum::extract::DefaultBodyLimit::max(limit))
            .route_layer(axum::middleware::from_fn(
                move |req: Request, next: Next| enforce(rule, req, next),
            ));
        self.router = self.router.route(path, route);
        self.table.push(RouteInfo {
            method: Method::POST,
            path,
            rule,
        });
        self
    }

    pub fn get<H, T>(self, path: &'static str, rule: R, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add(Method::GET, path, rule, handler)
    }

    pub fn post<H, T>(self, path: &'static str, rule: R, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add(Method::POST, path, rule, handler)
    }

    pub fn put<H, T>(self, path: &'static str, rule: R, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add(Method::PUT, path, rule, handler)
    }

    /// Another table's routes as well.
    pub fn merge(mut self, other: Routes<S, R>) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    /// The router and the table of its routes.
    pub fn finish(self) -> (Router<S>, Vec<RouteInfo<R>>) {
        (self.router, self.table)
    }
}

/// Whether a request is a person's browser asking for a page (rather than a script).
pub fn wants_page(parts_path: &str, headers: &axum::http::HeaderMap) -> bool {
    !parts_path.starts_with("/api/")
        && !headers.contains_key(header::AUTHORIZATION)
        && headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"))
}

async fn enforce<R: Rule>(rule: R, req: Request, next: Next) -> Response {
    if rule.public() {
        return next.run(req).await;
    }
    let principal = req
        .extensions()
        .get::<Option<Principal>>()
        .cloned()
        .flatten();
    match principal {
        Some(p) if rule.allows(&p.user) => next.run(req).await,
        Some(_) => Error::Forbidden(
            "your role does not allow this; ask an administrator if you need it".into(),
        )
        .into_response(),
        // A page (anything outside the API, asked without a token) sends the browser to log in.
        None if !req.uri().path().starts_with("/api/")
            && !req.headers().contains_key(header::AUTHORIZATION) =>
        {
            let here = req
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned();
            let target = format!(
                "/login?next={}",
                serde_urlencoded::to_string([("", here.as_str())])
                    .unwrap_or_default()
                    .trim_start_matches('=')
            );
            Redirect::to(&target).into_response()
        }
        None => Error::Unauthenticated.into_response(),
    }
}

/// Where to go after logging in: a path on this site only, never another site.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".into(),
    }
}

/// The language of a request made with this middleware's extractors at hand.
pub fn lang_of(parts: &Parts) -> Lang {
    let accept = parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    crate::i18n::negotiate(cookie(parts, crate::i18n::LANG_COOKIE), accept)
}

/// A 303 to `to`, for the end of a form.
pub fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_login_only_this_sites_paths() {
        assert_eq!(local_path(Some("/admin/users?x=1")), "/admin/users?x=1");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn the_public_address_is_a_trusted_origin() {
        let config = WebConfig {
            cookie: "c",
            secure_cookies: true,
            idle: Duration::minutes(60),
            absolute: Duration::hours(12),
            link_lifetime: Duration::hours(72),
            public_url: "https://hub.example.org/tandem/".into(),
        };
        assert_eq!(config.own_origins(), ["https://hub.example.org"]);
        let cookie = session_cookie(&config, "abc", 3600);
        let cookie = cookie.to_str().unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(cookie.ends_with("; Secure"));
    }
}
