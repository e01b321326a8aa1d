//! The public catalogue's pages, for patients and families: no login, English and French by
//! `?lang=` (else the browser's language), plain HTML that works without JavaScript, and
//! headers that let a clinic's reverse proxy keep them.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::{Credits, Language, Place, Tag, TagVocabulary};
use tandem_web::Lang;

use crate::Error;
use crate::api;
use crate::catalogue::evidence::Rung;
use crate::catalogue::listing::{self, Entry, Filters, Listing};
use crate::catalogue::search;
use crate::state::AppState;

/// Practices on a page of results.
pub const PAGE: usize = 20;
/// The most pages a search goes to: past them, a family should narrow the search.
const MAX_PAGE: usize = 500;

/// The catalogue with what its pages need beside it, computed once per generation.
pub struct Catalogue {
    pub listing: Listing,
    pub simulated: bool,
}

pub async fn catalogue(state: &AppState) -> Result<Arc<Catalogue>, Error> {
    state
        .cache
        .get(state.store.as_ref(), "catalogue", || async {
            let listing = match state.store.definitions().await? {
                Some(defs) => listing::build(state.store.as_ref(), &defs).await?,
                None => Listing::default(),
            };
            Ok(Catalogue {
                listing,
                simulated: api::simulated(state).await?,
            })
        })
        .await
}

/// What the address may carry. Every field is read by hand, so that a wrong value gets a
/// message that names it.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CatalogueQuery {
    lang: Option<String>,
    q: Option<String>,
    condition: Option<String>,
    topic: Option<String>,
    place: Option<String>,
    evidence: Option<String>,
    co_designed: Option<String>,
    page: Option<String>,
}

fn invalid(message: String) -> Error {
    Error::Web(tandem_web::Error::Invalid(message))
}

/// The language asked for: `?lang=`, else the language switch's cookie or the browser's.
pub(super) fn language(asked: Option<&str>, headers: &HeaderMap) -> Result<(Lang, bool), Error> {
    match asked.filter(|s| !s.is_empty()) {
        Some(code) => Lang::parse(code).map(|l| (l, true)).ok_or_else(|| {
            invalid(format!(
                "lang={code:?} is not a language of the catalogue; use lang=en or lang=fr"
            ))
        }),
        None => {
            let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
            let cookie = header(header::COOKIE).and_then(|c| {
                c.split(';').find_map(|kv| {
                    kv.trim()
                        .strip_prefix(tandem_web::i18n::LANG_COOKIE)?
                        .strip_prefix('=')
                })
            });
            Ok((
                tandem_web::i18n::negotiate(cookie, header(header::ACCEPT_LANGUAGE)),
                false,
            ))
        }
    }
}

pub(super) fn to_language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::En,
        Lang::Fr => Language::Fr,
    }
}

/// A tag of the query, if the catalogue has it.
fn tag_of(name: &str, value: Option<&str>, known: &[&Tag]) -> Result<Option<Tag>, Error> {
    let Some(v) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    known
        .iter()
        .find(|t| t.as_str() == v)
        .map(|t| Some((*t).clone()))
        .ok_or_else(|| {
            let known: Vec<&str> = known.iter().map(|t| t.as_str()).collect();
            invalid(format!(
                "{name}={v:?} is not one of the catalogue's; use one of: {}, or leave it out",
                known.join(", ")
            ))
        })
}

impl CatalogueQuery {
    fn filters(&self, listing: &Listing) -> Result<Filters, Error> {
        let (conditions, topics) = listing.tags_in_use();
        let place =
            match self.place.as_deref().filter(|v| !v.is_empty()) {
                None => None,
                Some(v) => Some(Place::ALL.into_iter().find(|p| p.key() == v).ok_or_else(
                    || {
                        invalid(format!(
                            "place={v:?} is not a place; use direct_care, clinic, \
                             organisation or system, or leave it out"
                        ))
                    },
                )?),
            };
        let evidence = match self.evidence.as_deref().filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => Some(Rung::parse(v).ok_or_else(|| {
                invalid(format!(
                    "evidence={v:?} is not a step of the evidence ladder; use idea, one-clinic, \
                     several-clinics, improved or published, or leave it out"
                ))
            })?),
        };
        let co_designed = match self.co_designed.as_deref() {
            None | Some("") => false,
            Some("yes" | "on" | "true") => true,
            Some(v) => {
                return Err(invalid(format!(
                    "co_designed={v:?} is not a choice; use co_designed=yes, or leave it out"
                )));
            }
        };
        Ok(Filters {
            condition: tag_of("condition", self.condition.as_deref(), &conditions)?,
            topic: tag_of("topic", self.topic.as_deref(), &topics)?,
            place,
            evidence,
            co_designed,
        })
    }

    fn page(&self) -> Result<usize, Error> {
        match self.page.as_deref().filter(|v| !v.is_empty()) {
            None => Ok(1),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_PAGE).contains(n))
                .ok_or_else(|| {
                    invalid(format!(
                        "page={v:?} is not a page number; use a whole number from 1 to {MAX_PAGE}"
                    ))
                }),
        }
    }

    /// This query's address in `lang`, on page `page` (the first if `None`).
    fn href(&self, lang: Lang, page: Option<usize>) -> String {
        let mut pairs: Vec<(&str, String)> = vec![("lang", lang.code().to_owned())];
        for (k, v) in [
            ("q", &self.q),
            ("condition", &self.condition),
            ("topic", &self.topic),
            ("place", &self.place),
            ("evidence", &self.evidence),
            ("co_designed", &self.co_designed),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                pairs.push((k, v.to_owned()));
            }
        }
        if let Some(p) = page.filter(|p| *p > 1) {
            pairs.push(("page", p.to_string()));
        }
        format!(
            "/catalogue?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    }
}

/// The frame of every catalogue page.
pub struct Frame {
    pub lang: Lang,
    pub title: String,
    pub css: String,
    pub simulated: bool,
    /// This page in each language, for `hreflang` and the switch.
    pub en_href: String,
    pub fr_href: String,
    pub switch_href: String,
}

impl Frame {
    pub fn new(lang: Lang, title: String, simulated: bool, href: impl Fn(Lang) -> String) -> Frame {
        Frame {
            lang,
            title,
            css: tandem_web::assets::url("app.css"),
            simulated,
            en_href: href(Lang::En),
            fr_href: href(Lang::Fr),
            switch_href: href(lang.other()),
        }
    }
}

/// A step of the ladder as a page shows it.
pub struct Step {
    pub number: usize,
    pub label: String,
    pub reached: bool,
    pub current: bool,
}

fn ladder(rung: Rung, lang: Lang) -> Vec<Step> {
    Rung::ALL
        .into_iter()
        .map(|r| Step {
            number: r.step(),
            label: rung_label(r, lang),
            reached: r <= rung,
            current: r == rung,
        })
        .collect()
}

/// "Step 3 of 5: tested at 3 or more clinics".
fn rung_line(rung: Rung, lang: Lang) -> String {
    lang.t_with(
        "catalogue-rung-line",
        &[
            ("step", rung.step().into()),
            ("rung", rung_label(rung, lang).into()),
        ],
    )
}

fn rung_label(rung: Rung, lang: Lang) -> String {
    lang.t(&format!("catalogue-rung-{}", rung.key()))
}

/// A condition or topic as families read it: the network's label, else the tag itself.
fn tag_label(vocabulary: &TagVocabulary, tag: &Tag, lang: Lang) -> String {
    vocabulary.label(tag).map_or_else(
        || tag.as_str().to_owned(),
        |l| match lang {
            Lang::En => l.en.clone(),
            Lang::Fr => l.fr.clone(),
        },
    )
}

/// One practice in a list of results.
pub struct Card {
    pub href: String,
    pub title: String,
    pub summary: String,
    /// The text's language, when it is not the page's.
    pub text_lang: Option<&'static str>,
    pub rung: String,
    pub co_designed: bool,
}

fn card(e: &Entry, lang: Lang) -> Card {
    let (t, translated) = e.text(to_language(lang));
    Card {
        href: format!("/catalogue/{}?lang={}", e.slug(), lang.code()),
        title: t.text.title.clone(),
        summary: t.text.summary.clone(),
        text_lang: (!translated).then(|| t.lang.code()),
        rung: rung_line(e.evidence.rung, lang),
        co_designed: e.co_designed,
    }
}

/// A choice of a filter.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn choices<'a>(
    items: impl IntoIterator<Item = (&'a str, String)>,
    chosen: Option<&str>,
) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(value, label)| Choice {
            selected: chosen == Some(value),
            value: value.to_owned(),
            label,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "catalogue.html")]
pub struct SearchPage {
    frame: Frame,
    lang: Lang,
    q: String,
    conditions: Vec<Choice>,
    topics: Vec<Choice>,
    places: Vec<Choice>,
    rungs: Vec<Choice>,
    co_designed: bool,
    found: String,
    cards: Vec<Card>,
    pages: Vec<(usize, String, bool)>,
    previous: Option<String>,
    next: Option<String>,
    filtered: bool,
}

/// A page answered with the catalogue's caching: its ETag is the generation with the language
/// and the address, and the language varies with the browser's unless the address names it.
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    named: bool,
    variant: &str,
    body: impl FnOnce() -> Result<String, Error>,
) -> Result<Response, Error> {
    let keep = api::Keep {
        cache_control: "public, max-age=60",
        vary: if named { "" } else { "Accept-Language, Cookie" },
        variant: &format!("{}-{variant}", lang.code()),
    };
    let mut failed = None;
    let response = api::tagged_as(state, headers, keep, || match body() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            failed = Some(e);
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    })
    .await?;
    match failed {
        Some(e) => Err(e),
        None => Ok(response),
    }
}

pub(super) fn render(t: &impl Template) -> Result<String, Error> {
    t.render()
        .map_err(|e| Error::Config(format!("a catalogue page could not be drawn: {e}")))
}

pub async fn search_page(
    State(state): State<AppState>,
    Query(query): Query<CatalogueQuery>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let (lang, named) = language(query.lang.as_deref(), &headers)?;
    let catalogue = catalogue(&state).await?;
    let listing = &catalogue.listing;
    let filters = query.filters(listing)?;
    let page = query.page()?;
    let text = query.q.as_deref().unwrap_or_default();
    let words = search::query(text);
    // The matching practices, best first: the search's order, or the catalogue's own.
    let matched: Vec<&Entry> = if words.is_empty() {
        listing
            .entries
            .iter()
            .filter(|e| filters.admits(e))
            .collect()
    } else {
        let found = state
            .store
            .search_catalogue(
                &words,
                u32::try_from(listing.entries.len()).unwrap_or(u32::MAX),
                0,
            )
            .await?;
        found
            .practices
            .iter()
            .filter_map(|id| listing.by_id(id))
            .filter(|e| filters.admits(e))
            .collect()
    };
    let total = matched.len();
    let last = total.div_ceil(PAGE).max(1);
    let cards: Vec<Card> = matched
        .iter()
        .skip((page - 1) * PAGE)
        .take(PAGE)
        .map(|e| card(e, lang))
        .collect();
    let found = match (total, text.trim().is_empty() && filters.is_empty()) {
        (0, true) => lang.t("catalogue-empty"),
        (0, false) => lang.t("catalogue-found-none"),
        (n, _) => lang.t_with("catalogue-found", &[("count", n.into())]),
    };
    let (conditions, topics) = listing.tags_in_use();
    let tag_choices = |tags: Vec<&Tag>, chosen: Option<&str>| {
        choices(
            tags.into_iter()
                .map(|t| (t.as_str(), tag_label(&listing.vocabulary, t, lang))),
            chosen,
        )
    };
    let variant = query.href(lang, Some(page));
    let view = SearchPage {
        frame: Frame::new(lang, lang.t("catalogue-title"), catalogue.simulated, |l| {
            query.href(l, Some(page))
        }),
        lang,
        q: text.to_owned(),
        conditions: tag_choices(conditions, query.condition.as_deref()),
        topics: tag_choices(topics, query.topic.as_deref()),
        places: choices(
            Place::ALL
                .into_iter()
                .map(|p| (p.key(), lang.t(&format!("catalogue-place-{}", p.key())))),
            query.place.as_deref(),
        ),
        rungs: choices(
            Rung::ALL
                .into_iter()
                .skip(1)
                .map(|r| (r.key(), rung_label(r, lang))),
            query.evidence.as_deref(),
        ),
        co_designed: filters.co_designed,
        found,
        cards,
        pages: (1..=last)
            .filter(|p| *p == 1 || *p == last || p.abs_diff(page) <= 2)
            .map(|p| (p, query.href(lang, Some(p)), p == page))
            .collect(),
        previous: (page > 1).then(|| query.href(lang, Some(page - 1))),
        next: (page < last).then(|| query.href(lang, Some(page + 1))),
        filtered: !filters.is_empty(),
    };
    answer(&state, &headers, lang, named, &variant, || render(&view)).await
}

/// The figures of "what changed", in words.
pub struct Changed {
    pub measure: String,
    pub clinics: String,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "catalogue_practice.html")]
pub struct PracticePage {
    frame: Frame,
    lang: Lang,
    back: String,
    title: String,
    /// The text's language, when it is not the page's.
    text_lang: Option<&'static str>,
    summary: String,
    problem: String,
    steps: Vec<String>,
    care_team: String,
    think_about: String,
    ladder: Vec<Step>,
    rung_line: String,
    evidence_facts: String,
    changed: Option<Changed>,
    co_designed: bool,
    /// Where and when families took part, as label and words.
    made_with: Vec<(String, String)>,
    shared_by: Option<String>,
    updated: String,
    conditions: Vec<String>,
    reactions_action: String,
    tried: String,
    helped: String,
    noted: String,
    told: Vec<super::stories::Told>,
    story_form: Option<super::stories::StoryForm>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
    /// After a reaction: `thanks`, `already` or `later`.
    noted: Option<String>,
}

pub async fn practice_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let (lang, named) = language(query.lang.as_deref(), &headers)?;
    let catalogue = catalogue(&state).await?;
    let Some(e) = catalogue.listing.by_slug(&slug) else {
        return Err(Error::NotFound(format!(
            "the catalogue has no practice at /catalogue/{slug}; it may have been taken out. \
             Search the catalogue at /catalogue"
        )));
    };
    let canonical = e.slug();
    if slug != canonical {
        let to = match query.lang.as_deref() {
            Some(l) => format!(
                "/catalogue/{canonical}?lang={}",
                Lang::parse(l).unwrap_or(lang).code()
            ),
            None => format!("/catalogue/{canonical}"),
        };
        return Ok(Redirect::permanent(&to).into_response());
    }
    let (t, translated) = e.text(to_language(lang));
    let reactions = state.store.reactions(e.id).await?;
    let (told, told_stamp) = super::stories::told(&state, e, lang).await?;
    let noted = match query.noted.as_deref() {
        Some("thanks") => lang.t("catalogue-noted-thanks"),
        Some("already") => lang.t("catalogue-noted-already"),
        Some("later") => lang.t("catalogue-noted-later"),
        _ => String::new(),
    };
    let number = |n: u64| lang.number(n);
    let changed = e.change.as_ref().map(|(c, m)| {
        let share = |(n, d): (u64, u64)| {
            lang.t_with(
                "catalogue-changed-share",
                &[
                    ("n", number(n).into()),
                    ("d", number(d).into()),
                    (
                        "per100",
                        number((n * 100 + d / 2).checked_div(d).unwrap_or(0)).into(),
                    ),
                ],
            )
        };
        Changed {
            measure: m.text_in(lang.code()).0.to_owned(),
            clinics: lang.t_with(
                "catalogue-changed-clinics",
                &[("clinics", c.clinics.into())],
            ),
            before: share(c.before),
            after: share(c.after),
        }
    });
    let mut made_with = Vec::new();
    if let Some(c) = &e.credits {
        made_with.push((lang.t("catalogue-made-with-who"), credit_words(c, lang)));
    }
    if !e.places.is_empty() {
        let places: Vec<String> = e
            .places
            .iter()
            .map(|p| lang.t(&format!("catalogue-place-{}", p.key())))
            .collect();
        made_with.push((lang.t("catalogue-made-with-places"), in_a_sentence(&places)));
    }
    if !e.phases.is_empty() {
        let phases: Vec<String> = e
            .phases
            .iter()
            .map(|p| lang.t(&format!("catalogue-phase-{}", p.key())))
            .collect();
        made_with.push((lang.t("catalogue-made-with-phases"), phases.join(", ")));
    }
    let vocabulary = &catalogue.listing.vocabulary;
    let view = PracticePage {
        frame: Frame::new(lang, t.text.title.clone(), catalogue.simulated, |l| {
            format!("/catalogue/{canonical}?lang={}", l.code())
        }),
        lang,
        back: format!("/catalogue?lang={}", lang.code()),
        title: t.text.title.clone(),
        text_lang: (!translated).then(|| t.lang.code()),
        summary: t.text.summary.clone(),
        problem: t.text.problem.clone(),
        steps: t.text.steps.clone(),
        care_team: t.text.care_team.clone(),
        think_about: t.text.think_about.clone(),
        ladder: ladder(e.evidence.rung, lang),
        rung_line: rung_line(e.evidence.rung, lang),
        evidence_facts: lang.t_with(
            "catalogue-evidence-facts",
            &[
                ("tested", e.evidence.tested.into()),
                ("improved", e.evidence.improved.into()),
            ],
        ),
        changed,
        co_designed: e.co_designed,
        made_with,
        shared_by: e
            .clinic
            .as_ref()
            .map(|c| lang.t_with("catalogue-shared-by", &[("clinic", c.clone().into())])),
        updated: lang.t_with(
            "catalogue-updated",
            &[("date", lang.date(e.updated()).into())],
        ),
        conditions: e
            .conditions
            .iter()
            .chain(&e.topics)
            .map(|t| tag_label(vocabulary, t, lang))
            .collect(),
        reactions_action: format!("/catalogue/{canonical}/reactions"),
        tried: lang.t_with(
            "catalogue-reaction-tried",
            &[("count", reactions.tried.into())],
        ),
        helped: lang.t_with(
            "catalogue-reaction-helped",
            &[("count", reactions.helped.into())],
        ),
        noted,
        told,
        story_form: Some(super::stories::StoryForm::new(e, lang)),
    };
    answer(
        &state,
        &headers,
        lang,
        named,
        &format!(
            "{}-{}-{}-{}-{told_stamp}-{}",
            e.key,
            e.updated().timestamp(),
            reactions.tried,
            reactions.helped,
            query.noted.as_deref().unwrap_or_default()
        ),
        || render(&view),
    )
    .await
}

/// Labels that each begin a line ("At the clinic"), as one list in a sentence: "At the clinic,
/// in the hospital".
fn in_a_sentence(labels: &[String]) -> String {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut chars = l.chars();
            match (i, chars.next()) {
                (0, _) | (_, None) => l.clone(),
                (_, Some(first)) => first.to_lowercase().chain(chars).collect(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "2 parents, 1 teenager, 3 clinicians; involved in design, testing and review".
fn credit_words(c: &Credits, lang: Lang) -> String {
    let roles: Vec<String> = c
        .roles
        .iter()
        .map(|r| {
            lang.t_with(
                &format!("catalogue-credit-{}", r.role.key()),
                &[("count", r.count.into())],
            )
        })
        .collect();
    let stages: Vec<String> = c
        .stages
        .iter()
        .map(|s| lang.t(&format!("catalogue-stage-{}", s.key())))
        .collect();
    let roles = roles.join(", ");
    match stages.split_last() {
        None => roles,
        Some((last, [])) => lang.t_with(
            "catalogue-made-with-stages",
            &[("roles", roles.into()), ("stages", last.clone().into())],
        ),
        Some((last, rest)) => {
            let stages = format!("{} {} {last}", rest.join(", "), lang.t("catalogue-and"));
            lang.t_with(
                "catalogue-made-with-stages",
                &[("roles", roles.into()), ("stages", stages.into())],
            )
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct ReactionForm {
    kind: String,
    #[serde(default)]
    lang: String,
}

/// A family's reaction: counted unless this address gave it to this practice in the last day
/// or too many in the last hour; either way, back to the practice with a note.
pub async fn react(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    tandem_web::people::ClientAddress(address): tandem_web::people::ClientAddress,
    axum::Form(form): axum::Form<ReactionForm>,
) -> Result<Response, Error> {
    use crate::catalogue::limits::Verdict;
    let kind = crate::store::Reaction::parse(&form.kind).ok_or_else(|| {
        invalid(format!(
            "kind={:?} is not a reaction; use kind=tried or kind=helped",
            form.kind
        ))
    })?;
    let lang = Lang::parse(&form.lang).unwrap_or(Lang::En);
    let catalogue = catalogue(&state).await?;
    let Some(e) = catalogue.listing.by_slug(&slug) else {
        return Err(Error::NotFound(format!(
            "the catalogue has no practice at /catalogue/{slug}; it may have been taken out"
        )));
    };
    let verdict = state.reactions.check(
        &address,
        &format!("{} {}", e.id, kind.key()),
        std::time::Instant::now(),
    );
    if verdict == Verdict::Counted {
        state.store.add_reaction(e.id, kind).await?;
    }
    let noted = match verdict {
        Verdict::Counted => "thanks",
        Verdict::Already => "already",
        Verdict::TooMany => "later",
    };
    Ok(Redirect::to(&format!(
        "/catalogue/{}?lang={}&noted={noted}#reactions",
        e.slug(),
        lang.code()
    ))
    .into_response())
}
