//! The network editors' pages: the practices clinics marked public, and for each, in each
//! language, the text families read, with a PEMAT-style checklist, readability hints, its
//! history, and publication. Every save is audited; every version is kept.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::{ClinicId, Language, Practice};
use tandem_shared::privacy::ReleasedText;
use tandem_web::pages::Chrome;
use tandem_web::people::audit;
use tandem_web::{Lang, Principal, Signed};
use uuid::Uuid;

use crate::Error;
use crate::catalogue::{FamilyText, Problem};
use crate::records::Work;
use crate::state::AppState;
use crate::store::FamilyTextVersion;
use tandem_shared::readability::{self, MAX_GRADE, MIN_EASE};

/// The checklist an editor ticks before publishing: the understandability and actionability
/// items of the Patient Education Materials Assessment Tool (AHRQ), shortened to what a
/// catalogue page can fail.
pub const CHECKLIST: [&str; 7] = [
    "words", "you", "sections", "numbers", "action", "steps", "advice",
];

/// One language's state of a practice's text, on the list.
struct LangState {
    label: String,
    state: String,
    href: String,
}

struct Row {
    title: String,
    text_lang: &'static str,
    clinic: String,
    langs: Vec<LangState>,
}

#[derive(Template, WebTemplate)]
#[template(path = "editor.html")]
pub struct EditorPage {
    chrome: Chrome,
    lang: Lang,
    lede: String,
    /// The link to families' stories, with how many wait.
    stories: String,
    rows: Vec<Row>,
}

fn language(code: &str) -> Result<Language, Error> {
    Language::parse(code).ok_or_else(|| {
        Error::NotFound(format!(
            "{code:?} is not a language of the catalogue; edit in en or fr"
        ))
    })
}

pub(super) fn language_name(l: Language, lang: Lang) -> String {
    lang.t(match l {
        Language::En => "editor-lang-en",
        Language::Fr => "editor-lang-fr",
    })
}

/// The practices clinics mark public, with their clinic's name.
async fn public_practices(
    state: &AppState,
) -> Result<Vec<(ClinicId, Practice<ReleasedText>, String)>, Error> {
    let names: HashMap<ClinicId, String> = state
        .store
        .clinics()
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(Work::read(state.store.as_ref(), None)
        .await?
        .practices
        .into_iter()
        .filter(|(_, p)| p.public)
        .map(|(c, p)| {
            let name = names.get(&c).cloned().unwrap_or_else(|| c.to_string());
            (c, p, name)
        })
        .collect())
}

fn state_words(v: Option<&FamilyTextVersion>, lang: Lang) -> String {
    match v {
        None => lang.t("editor-state-none"),
        Some(v) if v.published => {
            lang.t_with("editor-state-published", &[("version", v.version.into())])
        }
        Some(v) => lang.t_with("editor-state-draft", &[("version", v.version.into())]),
    }
}

pub async fn editor_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<EditorPage, Error> {
    let practices = public_practices(&state).await?;
    let mut rows = Vec::with_capacity(practices.len());
    let mut published = 0;
    for (_, p, clinic) in &practices {
        let texts = state.store.family_texts(p.id).await?;
        if texts.iter().any(|t| t.published) {
            published += 1;
        }
        let langs = [Language::En, Language::Fr]
            .into_iter()
            .map(|l| LangState {
                label: language_name(l, lang),
                state: state_words(texts.iter().find(|t| t.lang == l), lang),
                href: format!("/editor/practices/{}/{}", p.id, l.code()),
            })
            .collect();
        rows.push(Row {
            title: p.title.as_str().to_owned(),
            text_lang: p.language.code(),
            clinic: clinic.clone(),
            langs,
        });
    }
    Ok(EditorPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/editor"),
        lang,
        lede: lang.t_with(
            "editor-lede",
            &[
                ("practices", rows.len().into()),
                ("published", published.into()),
            ],
        ),
        stories: {
            let waiting = state
                .store
                .stories()
                .await?
                .iter()
                .filter(|s| s.state == crate::store::StoryState::Waiting)
                .count();
            lang.t_with("editor-stories", &[("waiting", waiting.into())])
        },
        rows,
    })
}

/// A box of the checklist, as the form shows it.
struct Check {
    key: &'static str,
    label: String,
    checked: bool,
}

/// A readability hint for one part of the text.
struct Hint {
    part: String,
    words: String,
    plain: bool,
}

struct VersionRow {
    version: u64,
    state: String,
    by: String,
    at: String,
    title: String,
    summary: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "editor_text.html")]
pub struct TextPage {
    chrome: Chrome,
    lang: Lang,
    action: String,
    /// The practice as the clinic shared it.
    clinic: String,
    original_title: String,
    original_summary: String,
    original_detail: String,
    original_lang: &'static str,
    /// The language being edited, its code and its name.
    text_lang: &'static str,
    text_lang_name: String,
    /// The other language's current text, for translating.
    other: Option<FamilyText>,
    other_lang: &'static str,
    text: FamilyText,
    steps: String,
    problems: Vec<(&'static str, String)>,
    checks: Vec<Check>,
    hints: Vec<Hint>,
    target: String,
    state: String,
    published: bool,
    notice: String,
    error: String,
    history: Vec<VersionRow>,
    public_href: String,
}

impl TextPage {
    /// The problems of one field, for beside it.
    fn problems_of(&self, field: &str) -> Vec<&str> {
        self.problems
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
            .collect()
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TextQuery {
    saved: Option<u64>,
    #[serde(default)]
    did: String,
}

#[derive(Debug, Deserialize)]
pub struct TextForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    problem: String,
    /// One step a line.
    #[serde(default)]
    steps: String,
    #[serde(default)]
    care_team: String,
    #[serde(default)]
    think_about: String,
    /// `draft`, `publish` or `unpublish`.
    action: String,
    #[serde(flatten)]
    checks: HashMap<String, String>,
}

impl TextForm {
    fn text(&self) -> FamilyText {
        FamilyText {
            title: self.title.clone(),
            summary: self.summary.clone(),
            problem: self.problem.clone(),
            steps: self.steps.lines().map(str::to_owned).collect(),
            care_team: self.care_team.clone(),
            think_about: self.think_about.clone(),
        }
    }

    fn checked(&self, key: &str) -> bool {
        self.checks.contains_key(&format!("check_{key}"))
    }
}

/// The readability of each part of a text, and of the whole.
fn hints(text: &FamilyText, l: Language, lang: Lang) -> Vec<Hint> {
    let steps = text.steps.join("\n");
    let parts = [
        ("editor-field-summary", text.summary.as_str()),
        ("editor-field-problem", &text.problem),
        ("editor-field-steps", &steps),
        ("editor-field-care-team", &text.care_team),
        ("editor-field-think-about", &text.think_about),
    ];
    let whole = text.body();
    std::iter::once(("editor-hint-whole", whole.as_str()))
        .chain(parts)
        .filter_map(|(key, t)| {
            let s = readability::score(t, l)?;
            let ease = lang.decimal(s.ease, 0);
            let words = match s.grade {
                Some(g) => lang.t_with(
                    "editor-hint-en",
                    &[("ease", ease.into()), ("grade", lang.decimal(g, 1).into())],
                ),
                None => lang.t_with("editor-hint-fr", &[("ease", ease.into())]),
            };
            Some(Hint {
                part: lang.t(key),
                words,
                plain: s.plain(),
            })
        })
        .collect()
}

async fn practice(state: &AppState, id: &str) -> Result<(Practice<ReleasedText>, String), Error> {
    let id: Uuid = id
        .parse()
        .map_err(|_| Error::NotFound(format!("{id:?} is not a practice's id")))?;
    public_practices(state)
        .await?
        .into_iter()
        .find(|(_, p, _)| p.id == id)
        .map(|(_, p, name)| (p, name))
        .ok_or_else(|| {
            Error::NotFound(format!(
                "practice {id} is not one a clinic marks public; only those can be edited for \
                 the catalogue"
            ))
        })
}

#[allow(clippy::too_many_arguments)]
async fn text_page(
    state: &AppState,
    principal: &Principal,
    lang: Lang,
    p: &Practice<ReleasedText>,
    clinic: String,
    l: Language,
    shown: Option<(FamilyText, Vec<&'static str>)>,
    notice: String,
    error: String,
) -> Result<TextPage, Error> {
    let current = state.store.family_texts(p.id).await?;
    let mine = current.iter().find(|t| t.lang == l);
    let other_l = l.other();
    let other = current
        .iter()
        .find(|t| t.lang == other_l)
        .map(|t| t.text.clone());
    // A text not yet written has no problems to show: only one saved or sent has.
    let judged = shown.is_some() || mine.is_some();
    let (text, checked) = match shown {
        Some(s) => s,
        None => (
            mine.map(|t| t.text.clone()).unwrap_or_else(|| FamilyText {
                title: p
                    .title
                    .as_str()
                    .chars()
                    .take(crate::catalogue::TITLE_CHARS)
                    .collect(),
                summary: if p.language == l {
                    p.summary.as_str().to_owned()
                } else {
                    String::new()
                },
                ..FamilyText::default()
            }),
            Vec::new(),
        ),
    };
    let problems = if judged {
        text.problems()
            .iter()
            .map(|pr: &Problem| (pr.field, pr.message(lang)))
            .collect()
    } else {
        Vec::new()
    };
    let history = state
        .store
        .family_text_history(p.id, l)
        .await?
        .into_iter()
        .map(|v| VersionRow {
            version: v.version,
            state: lang.t(if v.published {
                "editor-history-published"
            } else {
                "editor-history-draft"
            }),
            by: v.edited_by,
            at: lang.date_time(v.edited_at),
            title: v.text.title,
            summary: v.text.summary,
        })
        .collect();
    let slug = crate::catalogue::listing::Entry::slug_for(&text.title, p.id);
    Ok(TextPage {
        chrome: Chrome::new(state, Some(principal), lang, "/editor"),
        lang,
        action: format!("/editor/practices/{}/{}", p.id, l.code()),
        clinic,
        original_title: p.title.as_str().to_owned(),
        original_summary: p.summary.as_str().to_owned(),
        original_detail: p.detail.as_str().to_owned(),
        original_lang: p.language.code(),
        text_lang: l.code(),
        text_lang_name: language_name(l, lang),
        other,
        other_lang: other_l.code(),
        steps: text.steps.join("\n"),
        hints: hints(&text, l, lang),
        text,
        problems,
        checks: CHECKLIST
            .into_iter()
            .map(|key| Check {
                key,
                label: lang.t(&format!("editor-check-{key}")),
                checked: checked.contains(&key),
            })
            .collect(),
        target: lang.t_with(
            "editor-hint-target",
            &[
                ("ease", lang.decimal(MIN_EASE, 0).into()),
                ("grade", lang.decimal(MAX_GRADE, 0).into()),
            ],
        ),
        state: state_words(mine, lang),
        published: mine.is_some_and(|t| t.published),
        notice,
        error,
        history,
        public_href: format!("/catalogue/{slug}?lang={}", l.code()),
    })
}

pub async fn text_form(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Path((id, code)): Path<(String, String)>,
    Query(q): Query<TextQuery>,
) -> Result<TextPage, Error> {
    let l = language(&code)?;
    let (p, clinic) = practice(&state, &id).await?;
    let notice = match (q.saved, q.did.as_str()) {
        (Some(v), "publish") => lang.t_with("editor-notice-published", &[("version", v.into())]),
        (Some(v), "unpublish") => {
            lang.t_with("editor-notice-unpublished", &[("version", v.into())])
        }
        (Some(v), _) => lang.t_with("editor-notice-saved", &[("version", v.into())]),
        (None, _) => String::new(),
    };
    text_page(
        &state,
        &principal,
        lang,
        &p,
        clinic,
        l,
        None,
        notice,
        String::new(),
    )
    .await
}

pub async fn save_text(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Path((id, code)): Path<(String, String)>,
    Form(form): Form<TextForm>,
) -> Result<Response, Error> {
    let l = language(&code)?;
    let (p, clinic) = practice(&state, &id).await?;
    let text = form.text();
    let checked: Vec<&'static str> = CHECKLIST.into_iter().filter(|k| form.checked(k)).collect();
    let refuse = |error: String| {
        let (state, principal, p, clinic, text, checked) = (
            &state,
            &principal,
            &p,
            clinic.clone(),
            text.clone(),
            checked.clone(),
        );
        async move {
            let page = text_page(
                state,
                principal,
                lang,
                p,
                clinic,
                l,
                Some((text, checked)),
                String::new(),
                error,
            )
            .await?;
            Ok::<Response, Error>((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    };
    let publish = match form.action.as_str() {
        "draft" | "unpublish" => false,
        "publish" => true,
        other => {
            return Err(Error::Web(tandem_web::Error::Invalid(format!(
                "action={other:?} is not a choice of this form; use draft, publish or unpublish"
            ))));
        }
    };
    let (to_store, what) = if form.action == "unpublish" {
        // The current text as it stands, no longer published.
        let current = state.store.family_texts(p.id).await?;
        match current.into_iter().find(|t| t.lang == l && t.published) {
            Some(t) => (t.text, "catalogue-text-unpublished"),
            None => return refuse(lang.t("editor-error-not-published")).await,
        }
    } else {
        if !text.problems().is_empty() {
            return refuse(lang.t("editor-error-problems")).await;
        }
        if publish && checked.len() < CHECKLIST.len() {
            return refuse(lang.t("editor-error-checklist")).await;
        }
        let what = if publish {
            "catalogue-text-published"
        } else {
            "catalogue-text-saved"
        };
        (text.tidied(), what)
    };
    let version = state
        .store
        .save_family_text(
            p.id,
            l,
            &to_store,
            publish,
            &principal.user.login,
            crate::store::now(),
        )
        .await?;
    state.cache.bump();
    audit(
        &state.web,
        &principal.user.login,
        what,
        &format!("practice {} {}", p.id, l.code()),
        &format!("version {version}"),
    )
    .await;
    Ok(Redirect::to(&format!(
        "/editor/practices/{}/{}?saved={version}&did={}",
        p.id,
        l.code(),
        form.action
    ))
    .into_response())
}
