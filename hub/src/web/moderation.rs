//! The moderators' pages for families' stories: the queue, and for each story the written
//! rules, the teller's words with what the scrubber found in them marked, and the decision
//! (publish an edited text, or decline with a reason the teller reads). Every decision is
//! audited, without the story's words.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::privacy::scrub::{Category, pieces};
use tandem_web::pages::Chrome;
use tandem_web::people::audit;
use tandem_web::{Lang, Principal, Signed};
use uuid::Uuid;

use super::catalogue::catalogue;
use crate::Error;
use crate::catalogue::stories::{self, MAX_CHARS, MAX_REASON};
use crate::state::AppState;
use crate::store::{Decision, Story, StoryState};

/// The rules moderators follow, in the order the page lists them.
pub const RULES: [&str; 5] = ["identify", "advice", "own", "voice", "decline"];

/// A stretch of a story's words, marked when the scrubber found something in it.
pub struct Mark {
    pub text: String,
    /// What was found, or empty.
    pub category: String,
}

fn marks(text: &str, lang: Lang) -> Vec<Mark> {
    pieces(text, &stories::findings(text))
        .into_iter()
        .map(|p| Mark {
            text: p.text.to_owned(),
            category: p
                .category
                .map(|c| category_name(c, lang))
                .unwrap_or_default(),
        })
        .collect()
}

fn category_name(c: Category, lang: Lang) -> String {
    lang.t(&format!("category-{}", c.label().to_ascii_lowercase()))
}

fn state_name(s: &Story, lang: Lang) -> String {
    lang.t(match s.state {
        StoryState::Declined if s.decided_by.is_none() => "moderation-state-expired",
        StoryState::Waiting => "moderation-state-waiting",
        StoryState::Published => "moderation-state-published",
        StoryState::Declined => "moderation-state-declined",
        StoryState::Withdrawn => "moderation-state-withdrawn",
    })
}

struct Row {
    href: String,
    sent: String,
    practice: (String, &'static str),
    story_lang: String,
    state: String,
    waiting: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "editor_stories.html")]
pub struct ListPage {
    chrome: Chrome,
    lang: Lang,
    lede: String,
    rows: Vec<Row>,
}

/// The practice a story is about, in the moderator's language, or its id when it left the
/// catalogue.
async fn practice_title(
    state: &AppState,
    s: &Story,
    lang: Lang,
) -> Result<(String, &'static str), Error> {
    let catalogue = catalogue(state).await?;
    Ok(catalogue.listing.by_id(&s.practice).map_or_else(
        || (s.practice.to_string(), lang.code()),
        |e| e.title_in(super::catalogue::to_language(lang)),
    ))
}

pub async fn list_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<ListPage, Error> {
    let _ = state.store.purge_stories(crate::store::now()).await?;
    let all = state.store.stories().await?;
    let mut rows = Vec::with_capacity(all.len());
    for s in &all {
        rows.push(Row {
            href: format!("/editor/stories/{}", s.id),
            sent: lang.date(s.submitted_at),
            practice: practice_title(&state, s, lang).await?,
            story_lang: super::editor::language_name(s.lang, lang),
            state: state_name(s, lang),
            waiting: s.state == StoryState::Waiting,
        });
    }
    let waiting = rows.iter().filter(|r| r.waiting).count();
    Ok(ListPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/editor"),
        lang,
        lede: lang.t_with(
            "moderation-lede",
            &[("waiting", waiting.into()), ("all", rows.len().into())],
        ),
        rows,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "editor_story.html")]
pub struct StoryPage {
    chrome: Chrome,
    lang: Lang,
    action: String,
    practice: (String, &'static str),
    practice_href: Option<String>,
    story_lang: &'static str,
    state: String,
    sent: String,
    rules: Vec<String>,
    /// The teller's words, marked, while they are kept.
    original: Option<Vec<Mark>>,
    found: usize,
    /// What the scrubber still finds in the text to publish, when publishing was refused.
    still: Vec<Mark>,
    text: String,
    reason: String,
    checked: bool,
    max: usize,
    max_reason: usize,
    open: bool,
    notice: String,
    error: String,
}

async fn story(state: &AppState, id: &str) -> Result<Story, Error> {
    let missing = || Error::NotFound(format!("there is no story {id}; see /editor/stories"));
    let id: Uuid = id.parse().map_err(|_| missing())?;
    state.store.story(id).await?.ok_or_else(missing)
}

/// What the page shows when it is drawn again after a refused decision.
struct Shown {
    text: String,
    reason: String,
    checked: bool,
    still: Vec<Mark>,
    error: String,
}

async fn story_page(
    state: &AppState,
    principal: &Principal,
    lang: Lang,
    s: &Story,
    shown: Option<Shown>,
    notice: String,
) -> Result<StoryPage, Error> {
    let catalogue = catalogue(state).await?;
    let practice_href = catalogue
        .listing
        .by_id(&s.practice)
        .map(|e| format!("/catalogue/{}?lang={}", e.slug(), s.lang.code()));
    let shown = shown.unwrap_or_else(|| Shown {
        text: s
            .published
            .clone()
            .or_else(|| s.original.clone())
            .unwrap_or_default(),
        reason: s.reason.clone().unwrap_or_default(),
        checked: false,
        still: Vec::new(),
        error: String::new(),
    });
    let found = s
        .original
        .as_deref()
        .map_or(0, |o| stories::findings(o).len());
    Ok(StoryPage {
        chrome: Chrome::new(state, Some(principal), lang, "/editor"),
        lang,
        action: format!("/editor/stories/{}", s.id),
        practice: practice_title(state, s, lang).await?,
        practice_href,
        story_lang: s.lang.code(),
        state: state_name(s, lang),
        sent: lang.t_with(
            "moderation-sent",
            &[
                ("date", lang.date(s.submitted_at).into()),
                (
                    "lang",
                    lang.t(&format!("catalogue-story-in-{}", s.lang.code()))
                        .into(),
                ),
            ],
        ),
        rules: RULES
            .into_iter()
            .map(|r| lang.t(&format!("moderation-rule-{r}")))
            .collect(),
        original: s.original.as_deref().map(|o| marks(o, lang)),
        found,
        still: shown.still,
        text: shown.text,
        reason: shown.reason,
        checked: shown.checked,
        max: MAX_CHARS,
        max_reason: MAX_REASON,
        open: s.state != StoryState::Withdrawn,
        notice,
        error: shown.error,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

pub async fn story_form(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<StoryPage, Error> {
    let s = story(&state, &id).await?;
    let notice = match q.done.as_str() {
        "publish" => lang.t("moderation-notice-published"),
        "decline" => lang.t("moderation-notice-declined"),
        _ => String::new(),
    };
    story_page(&state, &principal, lang, &s, None, notice).await
}

#[derive(Debug, Default, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    checked: Option<String>,
}

/// A moderator's decision: publish the edited words (refused while the scrubber still finds
/// something in them, unless the moderator says they checked each one), or decline with a
/// reason.
pub async fn decide(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(form): Form<DecideForm>,
) -> Result<Response, Error> {
    let s = story(&state, &id).await?;
    let text = stories::tidy(&form.text);
    let reason = stories::tidy(&form.reason);
    let checked = form.checked.is_some();
    let refuse = |error: String, still: Vec<Mark>| {
        let (state, principal, s) = (&state, &principal, &s);
        let shown = Shown {
            text: form.text.clone(),
            reason: form.reason.clone(),
            checked,
            still,
            error,
        };
        async move {
            let page = story_page(state, principal, lang, s, Some(shown), String::new()).await?;
            Ok::<Response, Error>((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    };
    if s.state == StoryState::Withdrawn {
        return refuse(lang.t("moderation-error-withdrawn"), Vec::new()).await;
    }
    let decision = match form.action.as_str() {
        "publish" => {
            if let Some(p) = stories::length_problem(&text) {
                return refuse(p.message(lang), Vec::new()).await;
            }
            let found = stories::findings(&text);
            if !found.is_empty() && !checked {
                let message = lang.t_with(
                    "moderation-error-findings",
                    &[("count", found.len().into())],
                );
                return refuse(message, marks(&text, lang)).await;
            }
            Decision::Publish(text)
        }
        "decline" => {
            if reason.is_empty() || reason.chars().count() > MAX_REASON {
                let message = lang.t_with("moderation-error-reason", &[("max", MAX_REASON.into())]);
                return refuse(message, Vec::new()).await;
            }
            Decision::Decline(reason)
        }
        other => {
            return Err(Error::Web(tandem_web::Error::Invalid(format!(
                "action={other:?} is not a choice of this form; use publish or decline"
            ))));
        }
    };
    state
        .store
        .decide_story(s.id, &decision, &principal.user.login, crate::store::now())
        .await?;
    state.cache.bump();
    let (what, detail) = match &decision {
        Decision::Publish(_) if checked => ("catalogue-story-published", "findings checked"),
        Decision::Publish(_) => ("catalogue-story-published", ""),
        Decision::Decline(_) => ("catalogue-story-declined", ""),
    };
    audit(
        &state.web,
        &principal.user.login,
        what,
        &format!("story {}", s.id),
        detail,
    )
    .await;
    Ok(Redirect::to(&format!("/editor/stories/{}?done={}", s.id, form.action)).into_response())
}
