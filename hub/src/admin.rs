//! The network administrators' pages: the clinics (add one, issue its enrolment code, revoke
//! it, see how its node stands) and the definitions (upload a file, see what it changes,
//! publish it). People and the audit log are the web foundation's pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::ClinicId;
use tandem_shared::protocol::Definitions;
use tandem_web::pages::Chrome;
use tandem_web::people::audit;
use tandem_web::{Lang, Principal, Routes, Signed};

use crate::Error;
use crate::access::Access;
use crate::definitions::{self, Change, DefinitionsFile};
use crate::federation::enrol;
use crate::state::AppState;

/// The administrators' routes.
pub fn routes() -> Routes<AppState, Access> {
    Routes::new()
        .get("/admin/clinics", Access::Admin, clinics_page)
        .post("/admin/clinics", Access::Admin, add_clinic)
        .post("/admin/clinics/{id}/code", Access::Admin, new_code)
        .post("/admin/clinics/{id}/revoke", Access::Admin, revoke)
        .get("/admin/definitions", Access::Admin, definitions_page)
        .post("/admin/definitions/preview", Access::Admin, preview)
        .post("/admin/definitions/publish", Access::Admin, publish)
}

/// A clinic as the page lists it.
#[derive(Debug)]
struct ClinicRow {
    id: String,
    name: String,
    revoked: bool,
    state: String,
    last_seen: String,
    last_release: String,
    certificate: String,
    definitions: String,
    /// The node has not fetched the published definitions yet.
    behind: bool,
    /// The label of the box that confirms a revocation.
    confirm: String,
}

/// An enrolment code just issued, shown once.
#[derive(Debug, Default)]
struct IssuedView {
    /// Who it is for and until when, in a sentence.
    note: String,
    code: String,
    command: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinics.html")]
struct ClinicsPage {
    chrome: Chrome,
    lang: Lang,
    clinics: Vec<ClinicRow>,
    issued: Option<IssuedView>,
    error: String,
    /// What the add form held, to show again after an error.
    form_id: String,
    form_name: String,
}

async fn clinics_view(
    state: &AppState,
    principal: &Principal,
    lang: Lang,
    issued: Option<&enrol::IssuedCode>,
    error: String,
) -> Result<ClinicsPage, Error> {
    let current = state.store.definitions().await?.map(|d| d.version);
    let never = lang.t("admin-never");
    let rows = state
        .store
        .clinic_statuses()
        .await?
        .into_iter()
        .map(|s| {
            let c = &s.clinic;
            ClinicRow {
                id: c.id.to_string(),
                name: c.name.clone(),
                revoked: c.revoked_at.is_some(),
                state: match (c.revoked_at, s.certificate_expires) {
                    (Some(at), _) => {
                        lang.t_with("admin-revoked-on", &[("date", lang.date(at).into())])
                    }
                    (None, None) => lang.t("admin-not-enrolled"),
                    (None, Some(_)) => lang.t("admin-active"),
                },
                last_seen: s
                    .last_seen_at
                    .map_or_else(|| never.clone(), |t| lang.date_time(t)),
                last_release: match c.last_release_at {
                    Some(at) => lang.t_with(
                        "admin-release-number",
                        &[
                            ("number", lang.number(c.last_sequence).into()),
                            ("date", lang.date(at).into()),
                        ],
                    ),
                    None => never.clone(),
                },
                certificate: s
                    .certificate_expires
                    .map_or_else(|| "–".into(), |t| lang.date(t)),
                definitions: s
                    .definitions_version
                    .map_or_else(|| "–".into(), |v| lang.number(v)),
                confirm: lang.t_with("admin-revoke-confirm", &[("clinic", c.name.clone().into())]),
                behind: c.revoked_at.is_none()
                    && s.certificate_expires.is_some()
                    && current.is_some_and(|v| s.definitions_version.unwrap_or(0) < v),
            }
        })
        .collect();
    let issued = issued.map(|code| IssuedView {
        note: lang.t_with(
            "admin-code-once",
            &[
                ("clinic", code.clinic.to_string().into()),
                ("expires", lang.date_time(code.expires_at).into()),
            ],
        ),
        code: code.code.clone(),
        command: format!(
            "tandem-node enrol --hub {} --code {}",
            federation_url(state),
            code.code
        ),
    });
    Ok(ClinicsPage {
        chrome: Chrome::new(state, Some(principal), lang, "/admin/clinics"),
        lang,
        clinics: rows,
        issued,
        error,
        form_id: String::new(),
        form_name: String::new(),
    })
}

/// The federation API's address as a clinic's node is told to reach it.
fn federation_url(state: &AppState) -> String {
    let host = state
        .config
        .federation_hostnames
        .first()
        .cloned()
        .unwrap_or_else(|| "localhost".into());
    format!("https://{host}:{}", state.config.federation_listen.port())
}

async fn clinics_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<ClinicsPage, Error> {
    clinics_view(&state, &principal, lang, None, String::new()).await
}

/// The page again with a problem a person can fix, and what they had typed.
async fn clinics_refused(
    state: &AppState,
    principal: &Principal,
    lang: Lang,
    e: Error,
    form: Option<&ClinicForm>,
) -> Result<Response, Error> {
    let status = match &e {
        Error::Rule(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Conflict(_) => StatusCode::CONFLICT,
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        _ => return Err(e),
    };
    let mut page = clinics_view(state, principal, lang, None, e.to_string()).await?;
    if let Some(f) = form {
        page.form_id = f.id.clone();
        page.form_name = f.name.clone();
    }
    Ok((status, page).into_response())
}

#[derive(Debug, Deserialize)]
struct ClinicForm {
    id: String,
    name: String,
}

async fn add_clinic(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Form(form): Form<ClinicForm>,
) -> Result<Response, Error> {
    let hours = state.config.enrolment_code_hours;
    let added = match ClinicId::new(form.id.trim()) {
        Ok(id) => enrol::add_clinic(state.store.as_ref(), &state.ca, &id, &form.name, hours).await,
        Err(e) => Err(e.into()),
    };
    match added {
        Ok(code) => {
            audit(
                &state.web,
                &principal.user.login,
                "clinic-added",
                code.clinic.as_str(),
                form.name.trim(),
            )
            .await;
            Ok(
                clinics_view(&state, &principal, lang, Some(&code), String::new())
                    .await?
                    .into_response(),
            )
        }
        Err(e) => clinics_refused(&state, &principal, lang, e, Some(&form)).await,
    }
}

fn clinic_id(id: &str) -> Result<ClinicId, Error> {
    ClinicId::new(id).map_err(|_| Error::NotFound(format!("there is no clinic with id {id:?}")))
}

async fn new_code(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let hours = state.config.enrolment_code_hours;
    let issued = match clinic_id(&id) {
        Ok(id) => enrol::issue_code(state.store.as_ref(), &state.ca, &id, hours).await,
        Err(e) => Err(e),
    };
    match issued {
        Ok(code) => {
            audit(
                &state.web,
                &principal.user.login,
                "enrolment-code-issued",
                code.clinic.as_str(),
                "",
            )
            .await;
            Ok(
                clinics_view(&state, &principal, lang, Some(&code), String::new())
                    .await?
                    .into_response(),
            )
        }
        Err(e) => clinics_refused(&state, &principal, lang, e, None).await,
    }
}

#[derive(Debug, Deserialize)]
struct RevokeForm {
    /// The box saying the administrator means it.
    #[serde(default)]
    confirm: String,
}

async fn revoke(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(form): Form<RevokeForm>,
) -> Result<Response, Error> {
    if form.confirm != "yes" {
        let e = Error::Rule(tandem_shared::Error::Invalid(
            lang.t("admin-revoke-confirm-needed"),
        ));
        return clinics_refused(&state, &principal, lang, e, None).await;
    }
    let revoked = match clinic_id(&id) {
        Ok(id) => state
            .store
            .revoke_clinic(&id, crate::store::now())
            .await
            .map(|()| id),
        Err(e) => Err(e),
    };
    match revoked {
        Ok(id) => {
            audit(
                &state.web,
                &principal.user.login,
                "clinic-revoked",
                id.as_str(),
                "",
            )
            .await;
            Ok(tandem_web::auth::see_other("/admin/clinics"))
        }
        Err(e) => clinics_refused(&state, &principal, lang, e, None).await,
    }
}

/// A measure as the definitions page lists it.
#[derive(Debug)]
struct MeasureRow {
    id: String,
    title: String,
    family: String,
}

/// A change as the preview lists it.
#[derive(Debug)]
struct ChangeRow {
    what: String,
    /// Field by field: name, published value, new value.
    fields: Vec<(String, String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "definitions.html")]
struct DefinitionsPage {
    chrome: Chrome,
    lang: Lang,
    version: u64,
    measures: Vec<MeasureRow>,
    policy: Vec<(String, String)>,
    /// The page's sentences that carry numbers.
    words: DefinitionsWords,
    /// The preview of an uploaded file: what changes, and the file to publish.
    changes: Option<Vec<ChangeRow>>,
    toml: String,
    /// What was just published, in a sentence, or nothing.
    published: String,
    error: String,
}

/// The definitions page's sentences that carry numbers or names.
#[derive(Debug, Default)]
struct DefinitionsWords {
    version: String,
    tags: String,
    preview_title: String,
    same: String,
    publish: String,
}

async fn definitions_view(
    state: &AppState,
    principal: &Principal,
    lang: Lang,
) -> Result<(DefinitionsPage, Option<Definitions>), Error> {
    let current = state.store.definitions().await?;
    let version = current.as_ref().map_or(0, |d| d.version);
    let page = DefinitionsPage {
        chrome: Chrome::new(state, Some(principal), lang, "/admin/definitions"),
        lang,
        version,
        measures: current
            .iter()
            .flat_map(|d| &d.measures)
            .map(|m| MeasureRow {
                id: m.id.to_string(),
                title: m.title.clone(),
                family: lang.t(match m.family {
                    tandem_shared::model::Family::Outcome => "network-family-outcome",
                    tandem_shared::model::Family::Process => "network-family-process",
                    tandem_shared::model::Family::Balancing => "network-family-balancing",
                }),
            })
            .collect(),
        policy: current
            .as_ref()
            .map(|d| {
                let p = &d.policy;
                vec![
                    (
                        lang.t("admin-min-cell"),
                        lang.number(p.min_cell_size.into()),
                    ),
                    (
                        lang.t("admin-public-min-cell"),
                        lang.number(p.public_min_cell_size.into()),
                    ),
                    (
                        lang.t("admin-public-min-clinics"),
                        lang.number(p.public_min_clinics.into()),
                    ),
                    (
                        lang.t("admin-public-max-share"),
                        lang.percent(f64::from(p.public_max_share) / 100.0, 0),
                    ),
                ]
            })
            .unwrap_or_default(),
        words: DefinitionsWords {
            version: lang.number(version),
            tags: lang.t_with(
                "admin-tag-counts",
                &[
                    (
                        "conditions",
                        current
                            .as_ref()
                            .map_or(0, |d| d.vocabulary.conditions.len())
                            .into(),
                    ),
                    (
                        "topics",
                        current
                            .as_ref()
                            .map_or(0, |d| d.vocabulary.topics.len())
                            .into(),
                    ),
                ],
            ),
            same: lang.t_with(
                "admin-preview-same",
                &[("version", lang.number(version).into())],
            ),
            publish: lang.t_with(
                "admin-publish",
                &[("version", lang.number(version + 1).into())],
            ),
            preview_title: String::new(),
        },
        changes: None,
        toml: String::new(),
        published: String::new(),
        error: String::new(),
    };
    Ok((page, current))
}

#[derive(Debug, Deserialize)]
struct PublishedQuery {
    published: Option<u64>,
}

async fn definitions_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Query(q): Query<PublishedQuery>,
) -> Result<DefinitionsPage, Error> {
    let (mut page, _) = definitions_view(&state, &principal, lang).await?;
    if let Some(v) = q.published {
        page.published = lang.t_with("admin-published", &[("version", lang.number(v).into())]);
    }
    Ok(page)
}

/// The largest definitions file read.
const MAX_DEFINITIONS: usize = 512 * 1024;

fn change_row(change: Change, lang: Lang) -> ChangeRow {
    let fields =
        |f: Vec<definitions::Field>| f.into_iter().map(|f| (f.name, f.from, f.to)).collect();
    let named = |key: &str, id: String, title: String| {
        lang.t_with(key, &[("id", id.into()), ("title", title.into())])
    };
    match change {
        Change::MeasureAdded { id, title } => ChangeRow {
            what: named("admin-change-added", id, title),
            fields: Vec::new(),
        },
        Change::MeasureRemoved { id, title } => ChangeRow {
            what: named("admin-change-removed", id, title),
            fields: Vec::new(),
        },
        Change::MeasureChanged {
            id,
            title,
            fields: f,
        } => ChangeRow {
            what: named("admin-change-measure", id, title),
            fields: fields(f),
        },
        Change::Policy(f) => ChangeRow {
            what: lang.t("admin-change-policy"),
            fields: fields(vec![f]),
        },
        Change::Vocabulary(f) => ChangeRow {
            what: lang.t("admin-change-vocabulary"),
            fields: fields(vec![f]),
        },
        Change::Computation(f) => ChangeRow {
            what: lang.t("admin-change-computation"),
            fields: fields(vec![f]),
        },
    }
}

/// What an uploaded file would change: the page with the differences and a publish button, or
/// the problem with the file.
async fn preview(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    mut multipart: Multipart,
) -> Result<Response, Error> {
    let (mut page, current) = definitions_view(&state, &principal, lang).await?;
    let mut text = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        Error::Rule(tandem_shared::Error::Invalid(format!(
            "the upload could not be read: {e}"
        )))
    })? {
        if field.name() == Some("file") {
            page.words.preview_title = lang.t_with(
                "admin-preview-title",
                &[("file", field.file_name().unwrap_or("").to_owned().into())],
            );
            let bytes = field.bytes().await.map_err(|e| {
                Error::Rule(tandem_shared::Error::Invalid(format!(
                    "the upload could not be read: {e}"
                )))
            })?;
            text = Some(bytes);
        }
    }
    let problem = match &text {
        None => Some(lang.t("admin-upload-missing")),
        Some(b) if b.is_empty() => Some(lang.t("admin-upload-missing")),
        Some(b) if b.len() > MAX_DEFINITIONS => Some(lang.t("admin-upload-too-large")),
        Some(b) => match std::str::from_utf8(b) {
            Err(_) => Some(lang.t("admin-upload-not-text")),
            Ok(t) => match DefinitionsFile::parse(t) {
                Err(e) => Some(e.to_string()),
                Ok(file) => {
                    page.changes = Some(
                        definitions::changes(current.as_ref(), &file)
                            .into_iter()
                            .map(|c| change_row(c, lang))
                            .collect(),
                    );
                    page.toml = t.to_owned();
                    None
                }
            },
        },
    };
    match problem {
        Some(error) => {
            page.error = error;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        None => Ok(page.into_response()),
    }
}

#[derive(Debug, Deserialize)]
struct PublishForm {
    toml: String,
    /// The version the preview was made against.
    base: u64,
}

async fn publish(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Form(form): Form<PublishForm>,
) -> Result<Response, Error> {
    let (mut page, current) = definitions_view(&state, &principal, lang).await?;
    let version = current.as_ref().map_or(0, |d| d.version);
    if version != form.base {
        page.error = lang.t_with(
            "admin-publish-stale",
            &[("version", lang.number(version).into())],
        );
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let file = match DefinitionsFile::parse(&form.toml) {
        Ok(f) => f,
        Err(e) => {
            page.error = e.to_string();
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let (version, changed) =
        definitions::publish(state.store.as_ref(), &state.config.network_name, file).await?;
    if changed {
        audit(
            &state.web,
            &principal.user.login,
            "definitions-published",
            &format!("version {version}"),
            "",
        )
        .await;
    }
    Ok(tandem_web::auth::see_other(&format!(
        "/admin/definitions?published={version}"
    )))
}
