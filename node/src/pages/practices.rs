//! Practices: the clinic's own write-ups (a plain-language summary for families with a
//! readability hint beside it, the clinicians' detail, tags from the network's vocabulary),
//! and the network catalogue pulled from the hub, where "adopt" or "adapt" starts a cycle that
//! keeps the practice's provenance.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::{
    CreditRole, Credits, Language, PdsaCycle, Practice, Project, RoleCount, Stage, Tag,
    TagVocabulary,
};
use tandem_shared::readability::{self, Band};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Principal, Routes, Rule, Signed};
use uuid::Uuid;

use super::{Fields, gate_state, one_typed, save_form, typed};
use crate::Error;
use crate::access::Access;
use crate::kind::Kind;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/practices", Access::Team, list)
        .get("/practices/new", Access::Record, new)
        .post("/practices", Access::Record, create)
        .get("/practices/{id}", Access::Team, edit)
        .post("/practices/{id}", Access::Record, update)
        .get("/catalogue", Access::Team, catalogue)
        .get("/catalogue/{id}", Access::Team, catalogue_one)
}

#[derive(Debug)]
struct PracticeRow {
    id: String,
    title: String,
    lang: &'static str,
    summary: String,
    tags: String,
    public: String,
    state: String,
}

/// A practice's tags as the page's language names them.
fn tag_labels(vocabulary: &TagVocabulary, tags: &[&Tag], lang: Lang) -> String {
    tags.iter()
        .map(|t| {
            vocabulary.label(t).map_or_else(
                || t.to_string(),
                |l| {
                    if lang == Lang::Fr {
                        l.fr.clone()
                    } else {
                        l.en.clone()
                    }
                },
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Template, WebTemplate)]
#[template(path = "practices.html")]
struct ListPage {
    chrome: Chrome,
    lang: Lang,
    rows: Vec<PracticeRow>,
    can_record: bool,
    catalogue: usize,
}

async fn vocabulary(node: &NodeSite) -> Result<TagVocabulary, Error> {
    Ok(node
        .store
        .definitions()
        .await?
        .map(|d| d.vocabulary)
        .unwrap_or_default())
}

async fn list(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<ListPage, Error> {
    let vocab = vocabulary(&node).await?;
    let mut rows: Vec<PracticeRow> = typed::<Practice<String>>(&node, Kind::Practice)
        .await?
        .into_iter()
        .map(|(r, p)| PracticeRow {
            id: p.id.to_string(),
            lang: p.language.code(),
            tags: tag_labels(
                &vocab,
                &p.conditions.iter().chain(&p.topics).collect::<Vec<_>>(),
                lang,
            ),
            public: lang.t(if p.public {
                "node-practice-public-yes"
            } else {
                "node-practice-public-no"
            }),
            state: gate_state(&r, lang),
            title: p.title,
            summary: p.summary,
        })
        .collect();
    rows.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(ListPage {
        chrome: Chrome::new(&node, Some(&principal), lang, "/practices"),
        lang,
        rows,
        can_record: Access::Record.allows(&principal.user),
        catalogue: node.store.catalogue().await?.len(),
    })
}

/// The readability hint beside the family summary.
#[derive(Debug, Default)]
struct Hint {
    /// The score and what it means, or empty when there is nothing to score.
    text: String,
    advice: String,
}

fn hint(summary: &str, language: Language, lang: Lang) -> Hint {
    let Some(r) = readability::score(summary, language) else {
        return Hint::default();
    };
    let formula = lang.t(match language {
        Language::En => "node-readability-flesch",
        Language::Fr => "node-readability-kandel-moles",
    });
    let band = match r.band() {
        Band::Easy => "easy",
        Band::Plain => "plain",
        Band::FairlyDifficult => "fairly-difficult",
        Band::Difficult => "difficult",
        Band::VeryDifficult => "very-difficult",
    };
    let mut advice = lang.t(if r.ease >= 60.0 {
        "node-readability-fine"
    } else {
        "node-readability-advice"
    });
    if r.words < readability::FEW_WORDS {
        advice = format!("{advice} {}", lang.t("node-readability-short"));
    }
    Hint {
        text: lang.t_with(
            "node-readability",
            &[
                ("formula", formula.into()),
                ("score", lang.decimal(r.ease.clamp(-100.0, 200.0), 0).into()),
                ("band", lang.t(&format!("node-readability-{band}")).into()),
                ("words", r.words.into()),
                ("sentences", r.sentences.into()),
            ],
        ),
        advice,
    }
}

/// A box to tick: (value, label, ticked).
type Tick = (String, String, bool);

#[derive(Template, WebTemplate)]
#[template(path = "practice_form.html")]
struct FormPage {
    chrome: Chrome,
    lang: Lang,
    id: String,
    title: String,
    summary: String,
    detail: String,
    language: &'static str,
    /// (group heading, form name, its tags)
    tags: Vec<(String, &'static str, Vec<Tick>)>,
    /// (cycle id, label, ticked)
    cycles: Vec<Tick>,
    co_designed: bool,
    /// (form name, label, value) of each role's count.
    credits: Vec<(String, String, String)>,
    stages: Vec<Tick>,
    credit_consent: bool,
    public: bool,
    show_clinic_name: bool,
    hint: Hint,
    can_record: bool,
    notice: String,
    error: String,
    error_lang: &'static str,
}

async fn form_page(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    id: String,
    f: &Fields,
    notice: String,
    error: (String, &'static str),
) -> Result<FormPage, Error> {
    let vocab = vocabulary(node).await?;
    let language = if f.get("language") == "fr" {
        Language::Fr
    } else {
        Language::En
    };
    let group = |name: &'static str, list: &[tandem_shared::model::TagLabel]| {
        let ticked: Vec<&str> = f.all(name).collect();
        (
            lang.t(&format!("node-practice-{name}")),
            name,
            list.iter()
                .map(|l| {
                    (
                        l.id.to_string(),
                        if lang == Lang::Fr {
                            l.fr.clone()
                        } else {
                            l.en.clone()
                        },
                        ticked.contains(&l.id.as_str()),
                    )
                })
                .collect(),
        )
    };
    let ticked: Vec<&str> = f.all("cycle").collect();
    let projects = typed::<Project<String>>(node, Kind::Project).await?;
    let mut cycles: Vec<_> = typed::<PdsaCycle<String>>(node, Kind::Cycle)
        .await?
        .into_iter()
        .map(|(_, c)| {
            let project = projects
                .iter()
                .find(|(_, p)| p.id == c.project)
                .map(|(_, p)| p.title.clone())
                .unwrap_or_default();
            let label = format!("{project} · {}", super::cycles::cycle_label(&c, lang));
            let id = c.id.to_string();
            let on = ticked.contains(&id.as_str());
            ((project, c.sequence), (id, label, on))
        })
        .collect();
    cycles.sort_by(|a, b| a.0.cmp(&b.0));
    let cycles: Vec<Tick> = cycles.into_iter().map(|(_, c)| c).collect();
    Ok(FormPage {
        chrome: Chrome::new(node, Some(principal), lang, "/practices"),
        lang,
        id,
        title: f.get("title").to_owned(),
        summary: f.get("summary").to_owned(),
        detail: f.get("detail").to_owned(),
        language: language.code(),
        tags: vec![
            group("conditions", &vocab.conditions),
            group("topics", &vocab.topics),
        ],
        cycles,
        co_designed: f.ticked("co_designed"),
        credits: CreditRole::ALL
            .into_iter()
            .map(|r| {
                let name = format!("credit_{}", r.key());
                let value = f.get(&name).to_owned();
                (name, lang.t(&format!("node-credit-{}", r.key())), value)
            })
            .collect(),
        stages: Stage::ALL
            .into_iter()
            .map(|s| {
                (
                    s.key().to_owned(),
                    lang.t(&format!("node-stage-{}", s.key())),
                    f.all("stage").any(|v| v == s.key()),
                )
            })
            .collect(),
        credit_consent: f.ticked("credit_consent"),
        public: f.ticked("public"),
        show_clinic_name: f.ticked("show_clinic_name"),
        hint: hint(f.get("summary"), language, lang),
        can_record: Access::Record.allows(&principal.user),
        notice,
        error: error.0,
        error_lang: error.1,
    })
}

fn fields_of(p: &Practice<String>) -> Fields {
    let mut v = vec![
        ("title".to_owned(), p.title.clone()),
        ("summary".to_owned(), p.summary.clone()),
        ("detail".to_owned(), p.detail.clone()),
        ("language".to_owned(), p.language.code().to_owned()),
    ];
    v.extend(
        p.conditions
            .iter()
            .map(|t| ("conditions".to_owned(), t.to_string())),
    );
    v.extend(
        p.topics
            .iter()
            .map(|t| ("topics".to_owned(), t.to_string())),
    );
    v.extend(p.cycles.iter().map(|c| ("cycle".to_owned(), c.to_string())));
    v.extend(
        p.credits
            .roles
            .iter()
            .map(|r| (format!("credit_{}", r.role.key()), r.count.to_string())),
    );
    v.extend(
        p.credits
            .stages
            .iter()
            .map(|s| ("stage".to_owned(), s.key().to_owned())),
    );
    for (name, on) in [
        ("credit_consent", p.credits.consent),
        ("co_designed", p.co_designed),
        ("public", p.public),
        ("show_clinic_name", p.show_clinic_name),
    ] {
        if on {
            v.push((name.to_owned(), "on".to_owned()));
        }
    }
    Fields(v)
}

fn parse(lang: Lang, id: Uuid, f: &Fields) -> Result<Practice<String>, String> {
    let tags = |name: &str| -> Result<Vec<Tag>, String> {
        f.all(name)
            .map(|t| Tag::new(t).map_err(|e| e.to_string()))
            .collect()
    };
    let cycles = f
        .all("cycle")
        .map(|c| {
            c.parse::<Uuid>().map_err(|_| {
                lang.t_with("node-practice-bad-cycle", &[("text", c.to_owned().into())])
            })
        })
        .collect::<Result<_, _>>()?;
    let mut roles = Vec::new();
    for role in CreditRole::ALL {
        let given = f.get(&format!("credit_{}", role.key())).trim();
        if given.is_empty() || given == "0" {
            continue;
        }
        let count = given.parse::<u32>().map_err(|_| {
            lang.t_with(
                "node-practice-bad-credit",
                &[
                    ("text", given.to_owned().into()),
                    (
                        "role",
                        lang.t(&format!("node-credit-{}", role.key())).into(),
                    ),
                ],
            )
        })?;
        roles.push(RoleCount { role, count });
    }
    let credits = Credits {
        roles,
        stages: Stage::ALL
            .into_iter()
            .filter(|s| f.all("stage").any(|v| v == s.key()))
            .collect(),
        consent: f.ticked("credit_consent"),
    };
    Ok(Practice {
        id,
        title: f.get("title").trim().to_owned(),
        summary: f.get("summary").trim().to_owned(),
        detail: f.get("detail").trim().to_owned(),
        language: if f.get("language") == "fr" {
            Language::Fr
        } else {
            Language::En
        },
        conditions: tags("conditions")?,
        topics: tags("topics")?,
        co_designed: f.ticked("co_designed"),
        cycles,
        public: f.ticked("public"),
        show_clinic_name: f.ticked("show_clinic_name"),
        credits,
    })
}

#[derive(Debug, Deserialize)]
struct NewQuery {
    cycle: Option<String>,
}

async fn new(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Query(q): Query<NewQuery>,
) -> Result<FormPage, Error> {
    let mut v = vec![("language".to_owned(), lang.code().to_owned())];
    // Written up from a cycle: its change idea is the title, and it is listed as tested there.
    if let Some(id) = q.cycle.as_deref().filter(|s| !s.is_empty()) {
        let (_, c) = one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, id, lang).await?;
        v.push(("title".into(), c.change_idea.clone()));
        v.push(("detail".into(), c.plan.what.clone()));
        v.push(("cycle".into(), c.id.to_string()));
    }
    form_page(
        &node,
        &principal,
        lang,
        String::new(),
        &Fields(v),
        String::new(),
        (String::new(), "en"),
    )
    .await
}

#[derive(Debug, Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn edit(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Result<FormPage, Error> {
    let (_, p) = one_typed::<Practice<String>>(&node, Kind::Practice, &id, lang).await?;
    let notice = if q.saved.is_some() {
        lang.t("node-practice-saved")
    } else {
        String::new()
    };
    form_page(
        &node,
        &principal,
        lang,
        id,
        &fields_of(&p),
        notice,
        (String::new(), "en"),
    )
    .await
}

/// Save the write-up, or (with "check readability") show the form again with its hint.
async fn save(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    id: Uuid,
    existing: bool,
    f: Fields,
) -> Result<Response, Error> {
    let shown = if existing {
        id.to_string()
    } else {
        String::new()
    };
    if f.get("action") == "check" {
        let page = form_page(
            node,
            principal,
            lang,
            shown,
            &f,
            String::new(),
            (String::new(), "en"),
        )
        .await?;
        return Ok(page.into_response());
    }
    let to = format!("/practices/{id}?saved=1");
    let f = &f;
    save_form(node, lang, parse(lang, id, f), &to, |problem| {
        form_page(node, principal, lang, shown, f, String::new(), problem)
    })
    .await
}

async fn create(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    save(
        &node,
        &principal,
        lang,
        Uuid::new_v4(),
        false,
        Fields(pairs),
    )
    .await
}

async fn update(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let (_, p) = one_typed::<Practice<String>>(&node, Kind::Practice, &id, lang).await?;
    save(&node, &principal, lang, p.id, true, Fields(pairs)).await
}

/// A practice of the network catalogue as its pages show it.
#[derive(Debug)]
struct Entry {
    id: String,
    title: String,
    summary: String,
    detail: String,
    lang: &'static str,
    clinic: String,
    tags: String,
    co_designed: bool,
    adopted: usize,
}

async fn entries(node: &NodeSite, lang: Lang) -> Result<Vec<Entry>, Error> {
    let vocab = vocabulary(node).await?;
    let cycles = typed::<PdsaCycle<String>>(node, Kind::Cycle).await?;
    Ok(node
        .store
        .catalogue()
        .await?
        .into_iter()
        .filter_map(|(body, clinic)| {
            let p = serde_json::from_str::<Practice<String>>(&body).ok()?;
            Some(Entry {
                id: p.id.to_string(),
                lang: p.language.code(),
                clinic: clinic.unwrap_or_else(|| lang.t("node-catalogue-unnamed")),
                tags: tag_labels(
                    &vocab,
                    &p.conditions.iter().chain(&p.topics).collect::<Vec<_>>(),
                    lang,
                ),
                co_designed: p.co_designed,
                adopted: cycles
                    .iter()
                    .filter(|(_, c)| c.from_practice == Some(p.id))
                    .count(),
                title: p.title,
                summary: p.summary,
                detail: p.detail,
            })
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "catalogue.html")]
struct CataloguePage {
    chrome: Chrome,
    lang: Lang,
    entries: Vec<Entry>,
    query: String,
}

#[derive(Debug, Deserialize)]
struct Search {
    q: Option<String>,
}

async fn catalogue(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Query(s): Query<Search>,
) -> Result<CataloguePage, Error> {
    let query = s.q.unwrap_or_default().trim().to_owned();
    let needle = query.to_lowercase();
    let entries = entries(&node, lang)
        .await?
        .into_iter()
        .filter(|e| {
            needle.is_empty()
                || [&e.title, &e.summary, &e.tags, &e.clinic]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle))
        })
        .collect();
    Ok(CataloguePage {
        chrome: Chrome::new(&node, Some(&principal), lang, "/practices"),
        lang,
        entries,
        query,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "catalogue_entry.html")]
struct EntryPage {
    chrome: Chrome,
    lang: Lang,
    e: Entry,
    projects: Vec<(String, String)>,
    can_record: bool,
}

async fn catalogue_one(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<EntryPage, Error> {
    let e = entries(&node, lang)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| super::not_found(lang, Kind::Practice))?;
    let mut projects: Vec<(String, String)> = typed::<Project<String>>(&node, Kind::Project)
        .await?
        .into_iter()
        .map(|(_, p)| (p.id.to_string(), p.title))
        .collect();
    projects.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(EntryPage {
        chrome: Chrome::new(&node, Some(&principal), lang, "/practices"),
        lang,
        e,
        projects,
        can_record: Access::Record.allows(&principal.user),
    })
}
