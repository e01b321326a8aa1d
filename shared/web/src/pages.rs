//! What every page shares: the layout's header (the product, the navigation, the person, the
//! language switch, logging out), and the page a person sees instead of a problem document.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tandem_shared::protocol::Problem;

use crate::accounts::User;
use crate::auth::{Principal, lang_of, wants_page};
use crate::site::{NavItem, Site};
use crate::{Lang, assets};

/// A navigation link, marked when it is the page being shown.
#[derive(Debug, Clone)]
pub struct NavLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// The person in the header.
#[derive(Debug, Clone)]
pub struct Badge {
    pub name: String,
    pub role: String,
}

/// The frame of every page: what the layout template (`base.html`) shows around a page.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub lang: Lang,
    pub product: String,
    pub user: Option<Badge>,
    pub nav: Vec<NavLink>,
    /// The session's CSRF token, for the logout form and every other form.
    pub csrf: String,
    /// The same page in the other language, through the switch.
    pub switch_href: String,
    pub css: String,
    /// The layout's own words.
    pub skip: String,
    pub nav_label: String,
    pub account: String,
    pub logout: String,
    pub switch_label: String,
}

impl Chrome {
    /// The frame of a page at `path` for `principal` (or nobody), in `lang`.
    pub fn new<S: Site>(site: &S, principal: Option<&Principal>, lang: Lang, path: &str) -> Chrome {
        let user = principal.map(|p| &p.user);
        let nav = user.map_or_else(Vec::new, |u| {
            site.nav(u, lang)
                .into_iter()
                .map(|NavItem { label, href }| NavLink {
                    current: href == path || href != "/" && path.starts_with(&href),
                    label,
                    href,
                })
                .collect()
        });
        let other = lang.other();
        Chrome {
            lang,
            product: site.product(lang),
            user: user.map(|u: &User| Badge {
                name: u.display_name.clone(),
                role: site.role_label(&u.role, lang),
            }),
            nav,
            csrf: principal.map(|p| p.csrf().to_owned()).unwrap_or_default(),
            switch_href: format!(
                "/lang/{}?next={}",
                other.code(),
                serde_urlencoded::to_string([("", path)])
                    .unwrap_or_default()
                    .trim_start_matches('=')
            ),
            css: assets::url("app.css"),
            skip: lang.t("layout-skip"),
            nav_label: lang.t("layout-nav"),
            account: lang.t("layout-account"),
            logout: lang.t("layout-logout"),
            switch_label: lang.t("layout-switch"),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "problem.html")]
struct ProblemPage {
    chrome: Chrome,
    lang: Lang,
    status: u16,
    title: String,
    detail: String,
    hint: String,
}

/// The words a person reads for a problem of this status.
fn words(lang: Lang, status: u16) -> (String, String) {
    let key = match status {
        400 | 422 => "problem-invalid",
        401 => "problem-login",
        403 => "problem-forbidden",
        404 => "problem-not-found",
        405 => "problem-method",
        409 => "problem-conflict",
        413 => "problem-too-large",
        429 => "problem-too-many",
        s if s >= 500 => "problem-server",
        _ => "problem-other",
    };
    (
        lang.t(&format!("{key}-title")),
        lang.t(&format!("{key}-hint")),
    )
}

/// A clause as a sentence: a capital first letter and a full stop.
fn sentence(clause: &str) -> String {
    let clause = clause.trim();
    let mut chars = clause.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// A problem as a page: a heading and what to do in the person's language, the problem's own
/// detail when it is one a person can act on.
pub fn problem_page<S: Site>(
    site: &S,
    principal: Option<&Principal>,
    lang: Lang,
    path: &str,
    problem: &Problem,
) -> Response {
    let (title, hint) = words(lang, problem.status);
    // The details are written in English, as lower-case clauses for logs and scripts: a page
    // shows them as a sentence, marked as English.
    let detail = if problem.status >= 500 {
        String::new()
    } else {
        sentence(&problem.detail)
    };
    let page = ProblemPage {
        chrome: Chrome::new(site, principal, lang, path),
        lang,
        status: problem.status,
        title,
        detail,
        hint,
    };
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
    (status, page).into_response()
}

/// Show problems as pages to a person's browser: a problem document answering a page request
/// (or an empty 404 or 405) becomes the problem page, in the person's language.
pub async fn html_problems<S: Site>(State(site): State<S>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let page = wants_page(parts.uri.path(), &parts.headers);
    let lang = lang_of(&parts);
    let path = parts.uri.path().to_owned();
    let response = next.run(Request::from_parts(parts, body)).await;
    let principal = response
        .extensions()
        .get::<Option<Principal>>()
        .cloned()
        .flatten();
    if !page || response.status().is_success() || response.status().is_redirection() {
        return response;
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(Problem::CONTENT_TYPE));
    let status = response.status();
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let problem = if is_problem {
        let bytes = axum::body::to_bytes(response.into_body(), 1024 * 1024)
            .await
            .unwrap_or_default();
        serde_json::from_slice::<Problem>(&bytes)
            .unwrap_or_else(|_| Problem::new(status.as_u16(), "problem", "Problem", ""))
    } else if response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|v| v.to_str().is_ok_and(|v| v.starts_with("text/plain")))
    {
        Problem::new(status.as_u16(), "problem", "Problem", "")
    } else {
        return response;
    };
    let mut page = problem_page(&site, principal.as_ref(), lang, &path, &problem);
    if let Some(seconds) = retry_after {
        page.headers_mut().insert(header::RETRY_AFTER, seconds);
    }
    page
}
