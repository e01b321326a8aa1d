//! Families' stories on the public catalogue: the form under each practice, the page a teller
//! keeps to follow or withdraw their story, and the stories a moderator published. Nothing a
//! family sends is shown before a moderator publishes it.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Datelike;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_web::Lang;
use tandem_web::people::{ClientAddress, audit};
use tandem_web::secret::{random_token, token_hash};

use super::catalogue::{Frame, catalogue, language, render, to_language};
use crate::Error;
use crate::catalogue::limits::Verdict;
use crate::catalogue::listing::Entry;
use crate::catalogue::stories::{self, MAX_CHARS};
use crate::state::AppState;
use crate::store::{NewStory, Story, StoryState};

/// A published story as a practice page shows it.
pub struct Told {
    pub text: String,
    /// The story's language, when it is not the page's.
    pub lang: Option<&'static str>,
    pub when: String,
}

/// The form a family fills in to tell their story, with what they wrote if it came back.
pub struct StoryForm {
    pub action: String,
    pub text: String,
    pub own: bool,
    pub agree: bool,
    pub max: usize,
    pub help: String,
    pub errors: Vec<String>,
}

impl StoryForm {
    pub fn new(e: &Entry, lang: Lang) -> StoryForm {
        StoryForm {
            action: format!("/catalogue/{}/stories", e.slug()),
            text: String::new(),
            own: false,
            agree: false,
            max: MAX_CHARS,
            help: lang.t_with(
                "catalogue-story-help",
                &[("max", lang.number(MAX_CHARS as u64).into())],
            ),
            errors: Vec::new(),
        }
    }
}

/// A practice's published stories for a page, in its language first, and a stamp of them for
/// the page's ETag.
pub async fn told(state: &AppState, e: &Entry, lang: Lang) -> Result<(Vec<Told>, String), Error> {
    let mut all = state.store.published_stories(e.id).await?;
    let page = to_language(lang);
    let stamp = format!(
        "{}-{}",
        all.len(),
        all.iter()
            .filter_map(|s| s.decided_at)
            .max()
            .map_or(0, |t| t.timestamp_micros())
    );
    all.sort_by_key(|s| s.lang != page);
    let told = all
        .into_iter()
        .filter_map(|s| {
            Some(Told {
                text: s.published?,
                lang: (s.lang != page).then_some(s.lang.code()),
                when: {
                    let at = s.decided_at?;
                    let when = lang.t_with(
                        "catalogue-story-when",
                        &[("date", lang.month(at.year(), at.month()).into())],
                    );
                    if s.lang == page {
                        when
                    } else {
                        format!(
                            "{when} · {}",
                            lang.t(&format!("catalogue-story-in-{}", s.lang.code()))
                        )
                    }
                },
            })
        })
        .collect();
    Ok((told, stamp))
}

#[derive(Template)]
#[template(path = "catalogue_story.html")]
struct StoryPage {
    frame: Frame,
    lang: Lang,
    back: String,
    /// The practice's title, and the language it is written in.
    practice: (String, &'static str),
    /// The form again, when what was sent could not be kept.
    story_form: Option<StoryForm>,
    /// What the teller's page says of the story's state.
    heading: String,
    lines: Vec<String>,
    /// The teller's link, shown once just after sending.
    link: String,
    /// The words the teller sent, and those published, while they are kept.
    original: Option<String>,
    published: Option<String>,
    withdraw_action: Option<String>,
}

/// A story page: private to its teller, so never kept by a proxy, and its address (the
/// teller's link) never sent to another site as a referrer.
fn private(status: StatusCode, page: &StoryPage) -> Result<Response, Error> {
    let html = render(page)?;
    Ok((
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "same-origin"),
        ],
        Html(html),
    )
        .into_response())
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SendForm {
    #[serde(default)]
    story: String,
    #[serde(default)]
    own: Option<String>,
    #[serde(default)]
    agree: Option<String>,
    #[serde(default)]
    lang: String,
}

fn practice_of<'c>(
    catalogue: &'c super::catalogue::Catalogue,
    slug: &str,
) -> Result<&'c Entry, Error> {
    catalogue.listing.by_slug(slug).ok_or_else(|| {
        Error::NotFound(format!(
            "the catalogue has no practice at /catalogue/{slug}; it may have been taken out"
        ))
    })
}

/// A family sends a story: kept for the moderators, never shown yet; the teller gets their
/// link to follow or withdraw it.
pub async fn send(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddress(address): ClientAddress,
    axum::Form(form): axum::Form<SendForm>,
) -> Result<Response, Error> {
    let lang = Lang::parse(&form.lang).unwrap_or(Lang::En);
    let catalogue = catalogue(&state).await?;
    let e = practice_of(&catalogue, &slug)?;
    let title = e.title_in(to_language(lang));
    let text = stories::tidy(&form.story);
    let (own, agree) = (form.own.is_some(), form.agree.is_some());
    let mut errors: Vec<String> = stories::problems(&text, own, agree)
        .into_iter()
        .map(|p| p.message(lang))
        .collect();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        let verdict = state.stories.check(
            &address,
            &format!("story {}", e.id),
            std::time::Instant::now(),
        );
        if verdict != Verdict::Counted {
            errors.push(lang.t("catalogue-story-problem-again"));
            status = StatusCode::TOO_MANY_REQUESTS;
        }
    }
    let page = |story_form, heading: String, link: String| StoryPage {
        frame: Frame::new(lang, heading.clone(), catalogue.simulated, |l| {
            format!("/catalogue/{}?lang={}", e.slug(), l.code())
        }),
        lang,
        back: format!("/catalogue/{}?lang={}", e.slug(), lang.code()),
        practice: title.clone(),
        story_form,
        heading,
        lines: Vec::new(),
        link,
        original: None,
        published: None,
        withdraw_action: None,
    };
    if !errors.is_empty() {
        let story_form = StoryForm {
            text: form.story.clone(),
            own,
            agree,
            errors,
            ..StoryForm::new(e, lang)
        };
        let mut response = private(
            status,
            &page(
                Some(story_form),
                lang.t("catalogue-story-heading"),
                String::new(),
            ),
        )?;
        if status == StatusCode::TOO_MANY_REQUESTS {
            // The limiter holds a story for a day: the most a teller waits.
            response.headers_mut().insert(
                header::RETRY_AFTER,
                crate::catalogue::limits::SAME_AGAIN.as_secs().into(),
            );
        }
        return Ok(response);
    }
    let token = random_token("");
    let now = crate::store::now();
    let _ = state.store.purge_stories(now).await?;
    let story = NewStory {
        id: uuid::Uuid::new_v4(),
        practice: e.id,
        lang: to_language(lang),
        original: text,
        withdraw_hash: token_hash(&token),
        submitted_at: now,
    };
    state.store.add_story(&story).await?;
    audit(
        &state.web,
        "family",
        "catalogue-story-sent",
        &format!("story {}", story.id),
        &format!("practice {}", e.id),
    )
    .await;
    let link = format!(
        "{}/catalogue/stories/{token}?lang={}",
        state.web.config.public_url.trim_end_matches('/'),
        lang.code()
    );
    let mut view = page(None, lang.t("catalogue-story-sent-heading"), link);
    view.lines = vec![
        lang.t("catalogue-story-sent-read"),
        lang.t("catalogue-story-sent-keep"),
    ];
    private(StatusCode::CREATED, &view)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TellerQuery {
    lang: Option<String>,
    done: Option<String>,
}

async fn by_token(state: &AppState, token: &str) -> Result<Story, Error> {
    let gone = || {
        Error::NotFound(
            "no story has this link: check that the whole link was copied; a withdrawn story \
             keeps its link, so this link was never given"
                .into(),
        )
    };
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(gone());
    }
    state
        .store
        .story_by_token(&token_hash(token))
        .await?
        .ok_or_else(gone)
}

/// The teller's page: where their story stands, what they sent, and a button to withdraw it.
pub async fn teller_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<TellerQuery>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let (lang, _) = language(q.lang.as_deref(), &headers)?;
    let _ = state.store.purge_stories(crate::store::now()).await?;
    let story = by_token(&state, &token).await?;
    let catalogue = catalogue(&state).await?;
    let e = catalogue.listing.by_id(&story.practice);
    let practice = e.map_or_else(
        || (lang.t("catalogue-story-practice-gone"), lang.code()),
        |e| e.title_in(to_language(lang)),
    );
    let mut lines = Vec::new();
    if q.done.as_deref() == Some("withdrawn") {
        lines.push(lang.t("catalogue-story-withdrawn-now"));
    }
    let state_key = match story.state {
        StoryState::Declined if story.decided_by.is_none() => "catalogue-story-state-expired",
        StoryState::Waiting => "catalogue-story-state-waiting",
        StoryState::Published => "catalogue-story-state-published",
        StoryState::Declined => "catalogue-story-state-declined",
        StoryState::Withdrawn => "catalogue-story-state-withdrawn",
    };
    lines.push(lang.t(state_key));
    if let Some(reason) = &story.reason {
        lines.push(lang.t_with(
            "catalogue-story-reason",
            &[("reason", reason.clone().into())],
        ));
    }
    if story.original.is_none() && story.state != StoryState::Withdrawn {
        lines.push(lang.t("catalogue-story-original-deleted"));
    }
    let view = StoryPage {
        frame: Frame::new(
            lang,
            lang.t("catalogue-story-yours"),
            catalogue.simulated,
            |l| format!("/catalogue/stories/{token}?lang={}", l.code()),
        ),
        lang,
        back: e.map_or_else(
            || format!("/catalogue?lang={}", lang.code()),
            |e| format!("/catalogue/{}?lang={}", e.slug(), lang.code()),
        ),
        practice,
        story_form: None,
        heading: lang.t("catalogue-story-yours"),
        lines,
        link: String::new(),
        original: story.original.clone(),
        published: story.published.clone(),
        withdraw_action: (story.state != StoryState::Withdrawn)
            .then(|| format!("/catalogue/stories/{token}/withdraw")),
    };
    private(StatusCode::OK, &view)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    lang: String,
}

/// The teller takes their story back: its words are deleted at once, published or not.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(token): Path<String>,
    axum::Form(form): axum::Form<WithdrawForm>,
) -> Result<Response, Error> {
    let lang = Lang::parse(&form.lang).unwrap_or(Lang::En);
    let story = by_token(&state, &token).await?;
    if story.state != StoryState::Withdrawn {
        state.store.withdraw_story(story.id).await?;
        audit(
            &state.web,
            "family",
            "catalogue-story-withdrawn",
            &format!("story {}", story.id),
            "",
        )
        .await;
    }
    Ok(Redirect::to(&format!(
        "/catalogue/stories/{token}?lang={}&done=withdrawn",
        lang.code()
    ))
    .into_response())
}
