//! The foundation's own pages: logging in and out, setting a password from a one-time link,
//! the language switch, a person's account and API tokens, and — for those who manage people —
//! the list of people and the audit log.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;

use crate::accounts::{AuditEntry, NewUser, TokenInfo, User, check_login, login_key};
use crate::auth::{
    MaybeSigned, Principal, Routes, Rule, Signed, local_path, see_other, session_cookie,
};
use crate::pages::Chrome;
use crate::secret::{check_password, hash_password, random_token, token_hash, verify_password};
use crate::site::Site;
use crate::{Error, Lang, Web, assets};

/// The rules a binary gives the foundation's routes.
pub trait PeopleRules: Rule {
    /// No login needed.
    const PUBLIC: Self;
    /// Anyone logged in.
    const SIGNED: Self;
    /// Those who manage people and read the audit log.
    const PEOPLE: Self;
}

/// The foundation's routes, with their rules.
pub fn routes<S: Site, R: PeopleRules>() -> Routes<S, R> {
    Routes::new()
        .get("/login", R::PUBLIC, login_page::<S>)
        .post("/login", R::PUBLIC, login::<S>)
        .post("/logout", R::SIGNED, logout::<S>)
        .get("/set-password/{token}", R::PUBLIC, set_password_page::<S>)
        .post("/set-password/{token}", R::PUBLIC, set_password::<S>)
        .get("/lang/{code}", R::PUBLIC, switch_language)
        .get("/static/{name}", R::PUBLIC, assets::serve)
        .get("/account", R::SIGNED, account_page::<S>)
        .post("/account/tokens", R::SIGNED, create_token_form::<S>)
        .post("/account/tokens/{id}/revoke", R::SIGNED, revoke_token::<S>)
        .post("/account/password", R::SIGNED, change_password::<S>)
        .get("/admin/people", R::PEOPLE, people_page::<S>)
        .post("/admin/people", R::PEOPLE, add_person::<S>)
        .post("/admin/people/{id}/role", R::PEOPLE, change_role::<S>)
        .post("/admin/people/{id}/disable", R::PEOPLE, disable::<S>)
        .post("/admin/people/{id}/enable", R::PEOPLE, enable::<S>)
        .post("/admin/people/{id}/reset", R::PEOPLE, reset_link::<S>)
        .get("/admin/audit", R::PEOPLE, audit_page::<S>)
        .get("/admin/audit.csv", R::PEOPLE, audit_csv::<S>)
}

/// Failed logins allowed in a window, for one login and from one address.
const PER_LOGIN: usize = 5;
const PER_ADDRESS: usize = 20;
const WINDOW: Duration = Duration::minutes(15);

/// The address a request came from, as the listener saw it.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".into(), |c| c.0.ip().to_string()),
        ))
    }
}

/// Record one line of the audit log.
pub async fn audit(web: &Web, actor: &str, action: &str, object: &str, detail: &str) {
    if let Err(e) = web
        .accounts
        .audit(actor, action, object, detail, Utc::now())
        .await
    {
        tracing::error!(error = %e, action, "the audit log could not be written");
    }
}

/// Issue a one-time set-password link for a person: its address, to give them.
pub async fn issue_link(web: &Web, user: &User) -> Result<String, Error> {
    let token = random_token("");
    let now = Utc::now();
    web.accounts
        .add_link(
            user.id,
            &token_hash(&token),
            now,
            now + web.config.link_lifetime,
        )
        .await?;
    Ok(format!(
        "{}/set-password/{token}",
        web.config.public_url.trim_end_matches('/')
    ))
}

/// Make a personal API token for a person: the token, shown once and never kept.
pub async fn create_token(web: &Web, user: &User, name: &str) -> Result<String, Error> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(Error::Invalid(
            "give the token a name of 1 to 100 characters, such as \"monthly export script\""
                .into(),
        ));
    }
    let token = random_token("tdm_");
    web.accounts
        .add_token(user.id, name, &token_hash(&token), Utc::now())
        .await?;
    Ok(token)
}

/// Add a person with a role: the account, and the link that sets its first password.
pub async fn add_account<S: Site>(
    site: &S,
    actor: &str,
    login: &str,
    display_name: &str,
    role: &str,
    clinic: Option<&str>,
) -> Result<(User, String), Error> {
    check_login(login)?;
    if let Some(why) = site.refuse_login(login.trim()) {
        return Err(Error::Invalid(why));
    }
    if !site.roles().contains(&role) {
        return Err(Error::Invalid(format!(
            "{role} is no role here; use one of: {}",
            site.roles().join(", ")
        )));
    }
    let clinic = check_clinic(site, role, clinic).await?;
    let display = if display_name.trim().is_empty() {
        login.trim()
    } else {
        display_name.trim()
    };
    if display.chars().count() > 200 {
        return Err(Error::Invalid("a name has at most 200 characters".into()));
    }
    let web = site.web();
    let user = web
        .accounts
        .add_user(
            &NewUser {
                login,
                display_name: display,
                role,
                clinic: clinic.as_deref(),
            },
            Utc::now(),
        )
        .await?;
    let link = issue_link(web, &user).await?;
    audit(
        web,
        actor,
        "person-added",
        &user.login,
        &format!("role {role}"),
    )
    .await;
    Ok((user, link))
}

async fn check_clinic<S: Site>(
    site: &S,
    role: &str,
    clinic: Option<&str>,
) -> Result<Option<String>, Error> {
    let clinic = clinic.map(str::trim).filter(|c| !c.is_empty());
    if !site.role_needs_clinic(role) {
        return Ok(None);
    }
    let Some(clinic) = clinic else {
        return Err(Error::Invalid(format!(
            "a person with the role {role} belongs to one clinic: choose it"
        )));
    };
    if !site
        .clinic_choices()
        .await
        .iter()
        .any(|(id, _)| id == clinic)
    {
        return Err(Error::Invalid(format!(
            "there is no clinic {clinic}; add it first, or choose one of the list"
        )));
    }
    Ok(Some(clinic.to_owned()))
}

#[derive(Debug, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    lang: Lang,
    login_label: String,
    next: String,
    login: String,
    error: String,
}

async fn login_page<S: Site>(
    State(site): State<S>,
    MaybeSigned(principal): MaybeSigned,
    lang: Lang,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = local_path(q.next.as_deref());
    if principal.is_some() {
        return see_other(&next);
    }
    LoginPage {
        chrome: Chrome::new(&site, None, lang, "/login"),
        lang,
        login_label: site.login_label(lang),
        next,
        login: String::new(),
        error: String::new(),
    }
    .into_response()
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    login: String,
    password: String,
    next: Option<String>,
}

async fn login<S: Site>(
    State(site): State<S>,
    lang: Lang,
    ClientAddress(address): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Result<Response, Error> {
    let web = site.web();
    let now = Utc::now();
    let key = login_key(&form.login);
    let again = |status: StatusCode, error: String| {
        let page = LoginPage {
            chrome: Chrome::new(&site, None, lang, "/login"),
            lang,
            login_label: site.login_label(lang),
            next: local_path(form.next.as_deref()),
            login: form.login.clone(),
            error,
        };
        (status, page).into_response()
    };
    // Back-off, for the login and for the address, counted whether the account exists or not.
    let (by_login, by_address) = web
        .accounts
        .login_failures(&key, &address, now - WINDOW)
        .await?;
    let blocked_until = [(by_login, PER_LOGIN), (by_address, PER_ADDRESS)]
        .into_iter()
        .filter(|(times, limit)| times.len() >= *limit)
        .filter_map(|(times, limit)| times.get(times.len() - limit).map(|t| *t + WINDOW))
        .max();
    if let Some(until) = blocked_until {
        let seconds = (until - now).num_seconds().max(1);
        let minutes = (seconds + 59) / 60;
        let mut response = again(
            StatusCode::TOO_MANY_REQUESTS,
            lang.t_with("login-wait", &[("minutes", minutes.into())]),
        );
        response.headers_mut().insert(
            header::RETRY_AFTER,
            u64::try_from(seconds).unwrap_or(1).into(),
        );
        return Ok(response);
    }
    let user = web.accounts.user_by_login(&form.login).await?;
    let hash = match &user {
        Some(u) if !u.disabled => web.accounts.password_hash(u.id).await?,
        _ => None,
    };
    let ok = verify_password(form.password.clone(), hash).await;
    let Some(user) = user.filter(|_| ok) else {
        web.accounts.add_login_failure(&key, &address, now).await?;
        let login: String = form.login.trim().chars().take(200).collect();
        audit(web, &login, "login-failed", "session", &address).await;
        return Ok(again(StatusCode::UNAUTHORIZED, lang.t("login-failed")));
    };
    web.accounts.clear_login_failures(&key).await?;
    let token = random_token("");
    let csrf = random_token("");
    web.accounts
        .add_session(&token_hash(&token), user.id, &csrf, now)
        .await?;
    audit(web, &user.login, "login", "session", &address).await;
    let mut response = see_other(&local_path(form.next.as_deref()));
    response.headers_mut().append(
        header::SET_COOKIE,
        session_cookie(&web.config, &token, web.config.absolute.num_seconds()),
    );
    Ok(response)
}

async fn logout<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    parts: Parts,
) -> Result<Response, Error> {
    let web = site.web();
    if let Some(cookie) = crate::i18n::cookie(&parts, web.config.cookie) {
        web.accounts.end_session(&token_hash(cookie)).await?;
    }
    audit(web, &principal.user.login, "logout", "session", "").await;
    let mut response = see_other("/login");
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(&web.config, "", 0));
    Ok(response)
}

#[derive(Template, WebTemplate)]
#[template(path = "set_password.html")]
struct SetPasswordPage {
    chrome: Chrome,
    lang: Lang,
    login: String,
    action: String,
    error: String,
}

async fn link_owner<S: Site>(site: &S, token: &str) -> Result<User, Error> {
    let web = site.web();
    let id = web
        .accounts
        .link(&token_hash(token), Utc::now())
        .await?
        .ok_or_else(|| {
            Error::NotFound(
                "this link has been used or has expired; ask an administrator for a new one".into(),
            )
        })?;
    web.accounts
        .user(id)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(|| Error::NotFound("this account is disabled".into()))
}

async fn set_password_page<S: Site>(
    State(site): State<S>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    let user = link_owner(&site, &token).await?;
    Ok(SetPasswordPage {
        chrome: Chrome::new(&site, None, lang, "/set-password"),
        lang,
        login: user.login,
        action: format!("/set-password/{token}"),
        error: String::new(),
    }
    .into_response())
}

#[derive(Debug, Deserialize)]
struct SetPasswordForm {
    password: String,
    confirm: String,
}

async fn set_password<S: Site>(
    State(site): State<S>,
    lang: Lang,
    ClientAddress(address): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<SetPasswordForm>,
) -> Result<Response, Error> {
    let user = link_owner(&site, &token).await?;
    let web = site.web();
    let problem = if form.password != form.confirm {
        Some(lang.t("password-mismatch"))
    } else {
        check_password(&form.password, &user.login).err().map(|_| {
            lang.t_with(
                "password-rules",
                &[("min", crate::secret::MIN_PASSWORD.into())],
            )
        })
    };
    if let Some(error) = problem {
        let page = SetPasswordPage {
            chrome: Chrome::new(&site, None, lang, "/set-password"),
            lang,
            login: user.login,
            action: format!("/set-password/{token}"),
            error,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let now = Utc::now();
    if !web.accounts.use_link(&token_hash(&token), now).await? {
        return Err(Error::NotFound(
            "this link has been used or has expired; ask an administrator for a new one".into(),
        ));
    }
    let hash = hash_password(form.password).await?;
    web.accounts.set_password(user.id, &hash, now).await?;
    audit(web, &user.login, "password-set", &user.login, "by link").await;
    let session = random_token("");
    let csrf = random_token("");
    web.accounts
        .add_session(&token_hash(&session), user.id, &csrf, now)
        .await?;
    audit(web, &user.login, "login", "session", &address).await;
    let mut response = see_other("/");
    response.headers_mut().append(
        header::SET_COOKIE,
        session_cookie(&web.config, &session, web.config.absolute.num_seconds()),
    );
    Ok(response)
}

async fn switch_language(Path(code): Path<String>, Query(q): Query<NextQuery>) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    let mut response = see_other(&local_path(q.next.as_deref()));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        crate::i18n::LANG_COOKIE,
        lang.code()
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// A token as the account page lists it.
#[derive(Debug)]
struct TokenRow {
    id: i64,
    name: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    lang: Lang,
    login: String,
    role: String,
    tokens: Vec<TokenRow>,
    /// A token just made, shown this once.
    new_token: String,
    error: String,
}

async fn account_view<S: Site>(
    site: &S,
    principal: &Principal,
    lang: Lang,
    new_token: String,
    error: String,
) -> Result<AccountPage, Error> {
    let tokens: Vec<TokenInfo> = site.web().accounts.tokens(principal.user.id).await?;
    Ok(AccountPage {
        chrome: Chrome::new(site, Some(principal), lang, "/account"),
        lang,
        login: principal.user.login.clone(),
        role: site.role_label(&principal.user.role, lang),
        tokens: tokens
            .into_iter()
            .map(|t| TokenRow {
                id: t.id,
                name: t.name,
                created: lang.date_time(t.created_at),
                last_used: t
                    .last_used_at
                    .map_or_else(|| lang.t("account-never"), |d| lang.date_time(d)),
                revoked: t.revoked,
            })
            .collect(),
        new_token,
        error,
    })
}

async fn account_page<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    Ok(
        account_view(&site, &principal, lang, String::new(), String::new())
            .await?
            .into_response(),
    )
}

#[derive(Debug, Deserialize)]
struct TokenForm {
    name: String,
}

async fn create_token_form<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    lang: Lang,
    Form(form): Form<TokenForm>,
) -> Result<Response, Error> {
    let web = site.web();
    let token = match create_token(web, &principal.user, &form.name).await {
        Ok(t) => t,
        Err(Error::Invalid(m)) => {
            let page = account_view(&site, &principal, lang, String::new(), m).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(e) => return Err(e),
    };
    audit(
        web,
        &principal.user.login,
        "token-created",
        form.name.trim(),
        "",
    )
    .await;
    Ok(account_view(&site, &principal, lang, token, String::new())
        .await?
        .into_response())
}

async fn revoke_token<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let web = site.web();
    if !web
        .accounts
        .revoke_token(principal.user.id, id, Utc::now())
        .await?
    {
        return Err(Error::NotFound(format!(
            "you have no live token number {id}"
        )));
    }
    audit(
        web,
        &principal.user.login,
        "token-revoked",
        &id.to_string(),
        "",
    )
    .await;
    Ok(see_other("/account"))
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    current: String,
    password: String,
    confirm: String,
}

async fn change_password<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    lang: Lang,
    Form(form): Form<PasswordForm>,
) -> Result<Response, Error> {
    let web = site.web();
    let user = &principal.user;
    let current = web.accounts.password_hash(user.id).await?;
    let problem = if !verify_password(form.current, current).await {
        Some(lang.t("password-current-wrong"))
    } else if form.password != form.confirm {
        Some(lang.t("password-mismatch"))
    } else {
        check_password(&form.password, &user.login).err().map(|_| {
            lang.t_with(
                "password-rules",
                &[("min", crate::secret::MIN_PASSWORD.into())],
            )
        })
    };
    if let Some(error) = problem {
        let page = account_view(&site, &principal, lang, String::new(), error).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let now = Utc::now();
    let hash = hash_password(form.password).await?;
    // Every session ends, this one too: log in again with the new password.
    web.accounts.set_password(user.id, &hash, now).await?;
    audit(web, &user.login, "password-set", &user.login, "changed").await;
    Ok(see_other("/login"))
}

/// A person as the people page lists them.
#[derive(Debug)]
struct PersonRow {
    id: i64,
    login: String,
    name: String,
    role: String,
    role_label: String,
    clinic: String,
    state: String,
    disabled: bool,
    is_me: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "people.html")]
struct PeoplePage {
    chrome: Chrome,
    lang: Lang,
    people: Vec<PersonRow>,
    roles: Vec<(String, String)>,
    clinics: Vec<(String, String)>,
    login_label: String,
    /// A link just issued, shown this once, with whom it is for.
    link: String,
    link_for: String,
    /// How long the link works, in words.
    link_note: String,
    error: String,
}

async fn people_view<S: Site>(
    site: &S,
    principal: &Principal,
    lang: Lang,
    link: (String, String),
    error: String,
) -> Result<PeoplePage, Error> {
    let users = site.web().accounts.users().await?;
    let clinics = site.clinic_choices().await;
    Ok(PeoplePage {
        chrome: Chrome::new(site, Some(principal), lang, "/admin/people"),
        lang,
        people: users
            .into_iter()
            .map(|u| PersonRow {
                state: if u.disabled {
                    lang.t("people-disabled")
                } else if u.has_password {
                    lang.t("people-active")
                } else {
                    lang.t("people-invited")
                },
                role_label: site.role_label(&u.role, lang),
                clinic: u
                    .clinic
                    .as_ref()
                    .map(|c| {
                        clinics
                            .iter()
                            .find(|(id, _)| id == c)
                            .map_or_else(|| c.clone(), |(_, n)| n.clone())
                    })
                    .unwrap_or_default(),
                is_me: u.id == principal.user.id,
                disabled: u.disabled,
                id: u.id,
                login: u.login,
                name: u.display_name,
                role: u.role,
            })
            .collect(),
        roles: site
            .roles()
            .iter()
            .map(|r| ((*r).to_owned(), site.role_label(r, lang)))
            .collect(),
        clinics,
        login_label: site.login_label(lang),
        link: link.0,
        link_for: link.1,
        link_note: lang.t_with(
            "people-link-once",
            &[("hours", site.web().config.link_lifetime.num_hours().into())],
        ),
        error,
    })
}

async fn people_page<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    Ok(
        people_view(&site, &principal, lang, Default::default(), String::new())
            .await?
            .into_response(),
    )
}

#[derive(Debug, Deserialize)]
struct PersonForm {
    login: String,
    #[serde(default)]
    name: String,
    role: String,
    #[serde(default)]
    clinic: String,
}

async fn add_person<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    lang: Lang,
    Form(form): Form<PersonForm>,
) -> Result<Response, Error> {
    match add_account(
        &site,
        &principal.user.login,
        &form.login,
        &form.name,
        &form.role,
        Some(&form.clinic),
    )
    .await
    {
        Ok((user, link)) => {
            Ok(
                people_view(&site, &principal, lang, (link, user.login), String::new())
                    .await?
                    .into_response(),
            )
        }
        Err(Error::Invalid(m) | Error::Conflict(m)) => {
            let page = people_view(&site, &principal, lang, Default::default(), m).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The person a management form acts on; nobody changes their own role or disables themself,
/// so that a network always keeps someone who can manage it.
async fn other_person<S: Site>(site: &S, principal: &Principal, id: i64) -> Result<User, Error> {
    if id == principal.user.id {
        return Err(Error::Forbidden(
            "you cannot change your own role or disable your own account; ask another \
             administrator"
                .into(),
        ));
    }
    site.web()
        .accounts
        .user(id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no person number {id}")))
}

#[derive(Debug, Deserialize)]
struct RoleForm {
    role: String,
    #[serde(default)]
    clinic: String,
}

async fn change_role<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    Path(id): Path<i64>,
    Form(form): Form<RoleForm>,
) -> Result<Response, Error> {
    let user = other_person(&site, &principal, id).await?;
    if !site.roles().contains(&form.role.as_str()) {
        return Err(Error::Invalid(format!(
            "{} is no role here; use one of: {}",
            form.role,
            site.roles().join(", ")
        )));
    }
    let clinic = check_clinic(&site, &form.role, Some(&form.clinic)).await?;
    let web = site.web();
    web.accounts
        .set_role(user.id, &form.role, clinic.as_deref())
        .await?;
    audit(
        web,
        &principal.user.login,
        "role-changed",
        &user.login,
        &format!("{} to {}", user.role, form.role),
    )
    .await;
    Ok(see_other("/admin/people"))
}

async fn set_disabled<S: Site>(
    site: &S,
    principal: &Principal,
    id: i64,
    disabled: bool,
) -> Result<Response, Error> {
    let user = other_person(site, principal, id).await?;
    let web = site.web();
    web.accounts
        .set_disabled(user.id, disabled, Utc::now())
        .await?;
    let action = if disabled {
        "person-disabled"
    } else {
        "person-enabled"
    };
    audit(web, &principal.user.login, action, &user.login, "").await;
    Ok(see_other("/admin/people"))
}

async fn disable<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    set_disabled(&site, &principal, id, true).await
}

async fn enable<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    set_disabled(&site, &principal, id, false).await
}

async fn reset_link<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let web = site.web();
    let user = web
        .accounts
        .user(id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no person number {id}")))?;
    let link = issue_link(web, &user).await?;
    audit(
        web,
        &principal.user.login,
        "reset-link-issued",
        &user.login,
        "",
    )
    .await;
    Ok(
        people_view(&site, &principal, lang, (link, user.login), String::new())
            .await?
            .into_response(),
    )
}

/// An audit entry as the page shows it.
#[derive(Debug)]
struct AuditRow {
    at: String,
    actor: String,
    action: String,
    object: String,
    detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    lang: Lang,
    rows: Vec<AuditRow>,
}

/// The most entries the audit page shows, and the export holds.
const AUDIT_PAGE: u32 = 500;
const AUDIT_EXPORT: u32 = 100_000;

async fn audit_page<S: Site>(
    State(site): State<S>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    let entries = site.web().accounts.audit_log(AUDIT_PAGE).await?;
    Ok(AuditPage {
        chrome: Chrome::new(&site, Some(&principal), lang, "/admin/audit"),
        lang,
        rows: entries
            .into_iter()
            .map(|e: AuditEntry| AuditRow {
                at: lang.date_time(e.at),
                action: {
                    let key = format!("audit-{}", e.action);
                    let label = lang.t(&key);
                    if label == key { e.action } else { label }
                },
                actor: e.actor,
                object: e.object,
                detail: e.detail,
            })
            .collect(),
    }
    .into_response())
}

async fn audit_csv<S: Site>(State(site): State<S>) -> Result<Response, Error> {
    use crate::csv::{Csv, Field};
    let entries = site.web().accounts.audit_log(AUDIT_EXPORT).await?;
    let mut out = Csv::new(&["id", "at", "actor", "action", "object", "detail"]);
    for e in entries {
        out.push(vec![
            Field::number(e.id),
            Field::text(e.at.to_rfc3339()),
            Field::text(e.actor),
            Field::text(e.action),
            Field::text(e.object),
            Field::text(e.detail),
        ]);
    }
    Ok(out.download("audit-log.csv"))
}
