//! PDSA cycles, step by step: Plan (with its prediction and the data to collect), Do, Study
//! (the prediction beside the result, next to the clinic's own run chart of the project's
//! measures over the cycle's months) and Act (adopt, adapt, abandon or continue), then the next
//! cycle started pre-filled and linked. Gentle prompts point at where PDSA work often fails.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::{
    Act, ActDecision, CycleStatus, Do, Month, PartnershipProfile, PdsaCycle, Plan, Practice,
    Project, Study, Subject,
};
use tandem_web::pages::Chrome;
use tandem_web::series::MeasureView;
use tandem_web::{Lang, Principal, Routes, Rule, Signed};
use uuid::Uuid;

use super::partnership::{ProfileView, Voices, profile_for, voices};
use super::projects::{RampStep, cycle_state, ramps};
use super::{Fields, form_month, one_typed, save_form, typed};
use crate::Error;
use crate::access::{Access, PARTNER};
use crate::kind::Kind;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/projects/{id}/cycles/new", Access::Record, new)
        .post("/projects/{id}/cycles", Access::Record, create)
        .get("/cycles/new", Access::Record, new_for_project)
        .get("/cycles/{id}", Access::Team, one)
        .post("/cycles/{id}/link", Access::Record, link)
        .post("/cycles/{id}/{step}", Access::Record, save_step)
}

/// The four steps, by their form names.
const STEPS: [&str; 4] = ["plan", "do", "study", "act"];

/// "Cycle 2: A shorter flare plan", as every page names a cycle.
pub fn cycle_label(c: &PdsaCycle<String>, lang: Lang) -> String {
    lang.t_with(
        "node-cycle-title",
        &[
            ("sequence", c.sequence.into()),
            ("idea", c.change_idea.clone().into()),
        ],
    )
}

pub fn decision_key(d: ActDecision) -> &'static str {
    match d {
        ActDecision::Adopt => "node-act-adopt",
        ActDecision::Adapt => "node-act-adapt",
        ActDecision::Abandon => "node-act-abandon",
        ActDecision::Continue => "node-act-continue",
    }
}

const DECISIONS: [(ActDecision, &str); 4] = [
    (ActDecision::Adopt, "adopt"),
    (ActDecision::Adapt, "adapt"),
    (ActDecision::Abandon, "abandon"),
    (ActDecision::Continue, "continue"),
];

fn rank(s: CycleStatus) -> usize {
    match s {
        CycleStatus::Planning => 0,
        CycleStatus::Doing => 1,
        CycleStatus::Studying => 2,
        CycleStatus::Acting => 3,
        CycleStatus::Complete => 4,
    }
}

/// The step a cycle is at: the one its page opens on.
fn current_step(s: CycleStatus) -> &'static str {
    STEPS[rank(s).min(3)]
}

/// The text fields of a step, with their form names and message ids.
fn step_fields(step: &str) -> &'static [(&'static str, &'static str, bool)] {
    // (form name, message id, long text)
    match step {
        "plan" => &[
            ("change_idea", "node-plan-change-idea", false),
            ("objective", "node-plan-objective", false),
            ("prediction", "node-plan-prediction", false),
            ("who", "node-plan-who", false),
            ("what", "node-plan-what", false),
            ("when", "node-plan-when", false),
            ("where", "node-plan-where", false),
            ("data", "node-plan-data", false),
        ],
        "do" => &[
            ("happened", "node-do-happened", true),
            ("observations", "node-do-observations", true),
        ],
        "study" => &[("results", "node-study-results", true)],
        _ => &[("next_step", "node-act-next-step", false)],
    }
}

fn field_value(c: &PdsaCycle<String>, name: &str) -> String {
    match name {
        "change_idea" => &c.change_idea,
        "objective" => &c.plan.objective,
        "prediction" => &c.plan.prediction,
        "who" => &c.plan.who,
        "what" => &c.plan.what,
        "when" => &c.plan.when,
        "where" => &c.plan.where_,
        "data" => &c.plan.data,
        "happened" => &c.do_.happened,
        "observations" => &c.do_.observations,
        "results" => &c.study.results,
        _ => &c.act.next_step,
    }
    .clone()
}

/// Everything the cycle's forms hold, by form name.
fn fields_of(c: &PdsaCycle<String>) -> Fields {
    let mut v: Vec<(String, String)> = STEPS
        .iter()
        .flat_map(|s| step_fields(s))
        .map(|(name, _, _)| ((*name).to_owned(), field_value(c, name)))
        .collect();
    v.push(("start".into(), c.start.to_string()));
    v.push((
        "end".into(),
        c.end.map(|e| e.to_string()).unwrap_or_default(),
    ));
    if let Some(d) = c.act.decision {
        let name = DECISIONS.iter().find(|(x, _)| *x == d).map_or("", |x| x.1);
        v.push(("decision".into(), name.into()));
    }
    Fields(v)
}

/// A text field of a step form.
#[derive(Debug)]
struct FieldView {
    name: &'static str,
    label: String,
    hint: String,
    value: String,
    long: bool,
}

fn field_views(step: &str, f: &Fields, lang: Lang) -> Vec<FieldView> {
    step_fields(step)
        .iter()
        .map(|&(name, key, long)| FieldView {
            name,
            label: lang.t(&format!("{key}-label")),
            hint: lang.t(&format!("{key}-hint")),
            value: f.get(name).to_owned(),
            long,
        })
        .collect()
}

/// A prompt where research shows PDSA work tends to fail, with where to fix it.
#[derive(Debug)]
struct Prompt {
    text: String,
    href: String,
}

fn prompts(c: &PdsaCycle<String>, lang: Lang) -> Vec<Prompt> {
    let mut out = Vec::new();
    let at = |step: &str| format!("/cycles/{}?step={step}#step-form", c.id);
    if c.plan.prediction.trim().is_empty() {
        out.push(Prompt {
            text: lang.t("node-prompt-prediction"),
            href: at("plan"),
        });
    }
    if c.plan.data.trim().is_empty() {
        out.push(Prompt {
            text: lang.t("node-prompt-data"),
            href: at("plan"),
        });
    }
    if c.sequence > 1 && c.follows.is_none() && c.from_practice.is_none() {
        out.push(Prompt {
            text: lang.t("node-prompt-link"),
            href: "#link-form".into(),
        });
    }
    if rank(c.status) >= 3 && c.study.results.trim().is_empty() {
        out.push(Prompt {
            text: lang.t("node-prompt-study"),
            href: at("study"),
        });
    }
    out
}

/// One step in the step list at the top of a cycle.
#[derive(Debug)]
struct StepLink {
    name: &'static str,
    label: String,
    /// "done", "current" or "" (not reached yet).
    state: &'static str,
    shown: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "cycle.html")]
struct CyclePage {
    chrome: Chrome,
    lang: Lang,
    id: String,
    project_id: String,
    project_title: String,
    title: String,
    state: String,
    months: String,
    provenance: String,
    steps: Vec<StepLink>,
    step: &'static str,
    step_label: String,
    step_lede: String,
    step_advance: String,
    prompts: Vec<Prompt>,
    fields: Vec<FieldView>,
    start: String,
    end: String,
    prediction: String,
    decisions: Vec<(&'static str, String, String, bool)>,
    charts: Vec<MeasureView>,
    window: String,
    /// Earlier cycles of the project this one could follow: (id, label).
    earlier: Vec<(String, String)>,
    can_record: bool,
    is_partner: bool,
    complete: bool,
    next_href: String,
    /// The cycle that already follows this one, if any: (id, label).
    followed_by: Option<(String, String)>,
    practice_href: String,
    /// (step label, [(field label, text)]) of every step, for reading.
    summary: Vec<(String, Vec<(String, String)>)>,
    decision: String,
    profile: Option<ProfileView>,
    voices: Voices,
    ramp: Vec<RampStep>,
    notice: String,
    error: String,
    error_lang: &'static str,
}

#[derive(Debug, Default, Deserialize)]
struct CycleQuery {
    step: Option<String>,
    saved: Option<String>,
    pulse: Option<String>,
    voice: Option<String>,
}

/// The clinic's own chart of each of the project's measures, over the months around the cycle:
/// a baseline of six months before it, through its end (or the last month that has ended).
async fn charts(
    node: &NodeSite,
    project: &Project<String>,
    c: &PdsaCycle<String>,
    lang: Lang,
) -> Result<(Vec<MeasureView>, String), Error> {
    let from = c.start.plus(-6).unwrap_or(c.start);
    let to = c
        .end
        .unwrap_or_else(super::measures::due_month)
        .max(c.start);
    let defs = node.store.definitions().await?;
    let mut all = super::measures::all_entries(node).await?;
    let mut network = super::measures::network_points(node).await?;
    let mut out = Vec::new();
    for m in defs
        .iter()
        .flat_map(|d| &d.measures)
        .filter(|m| project.measures.contains(&m.id))
    {
        let entries = all.remove(m.id.as_str()).unwrap_or_default();
        let points: Vec<_> = entries
            .iter()
            .filter(|e| e.month >= from && e.month <= to)
            .map(|e| super::measures::point(&m.kind, e))
            .collect();
        if !points.is_empty() {
            out.push(tandem_web::series::measure_view_beside(
                m,
                &points,
                &network.remove(m.id.as_str()).unwrap_or_default(),
                super::measures::wording(),
                lang,
            ));
        }
    }
    let month = |m: Month| lang.month(m.year(), m.number());
    let window = lang.t_with(
        "node-study-window",
        &[
            ("from", month(from).into()),
            ("to", month(to).into()),
            ("start", month(c.start).into()),
        ],
    );
    Ok((out, window))
}

/// Where the change idea came from: a practice of this clinic or of the network.
async fn provenance(node: &NodeSite, c: &PdsaCycle<String>, lang: Lang) -> Result<String, Error> {
    let Some(p) = c.from_practice else {
        return Ok(String::new());
    };
    Ok(match practice_title(node, p).await? {
        Some((title, clinic)) => lang.t_with(
            "node-cycle-from-practice",
            &[
                ("title", title.into()),
                (
                    "clinic",
                    clinic
                        .unwrap_or_else(|| lang.t("node-catalogue-unnamed"))
                        .into(),
                ),
            ],
        ),
        None => lang.t("node-cycle-from-unknown"),
    })
}

/// A practice's title and clinic, from the clinic's own or the network catalogue.
pub async fn practice_title(
    node: &NodeSite,
    id: Uuid,
) -> Result<Option<(String, Option<String>)>, Error> {
    if let Some(r) = node.store.record(Kind::Practice, &id.to_string()).await?
        && let Ok(p) = serde_json::from_str::<Practice<String>>(&r.body)
    {
        return Ok(Some((p.title, None)));
    }
    Ok(node
        .store
        .catalogue()
        .await?
        .into_iter()
        .filter_map(|(body, clinic)| {
            serde_json::from_str::<Practice<String>>(&body)
                .ok()
                .map(|p| (p, clinic))
        })
        .find(|(p, _)| p.id == id)
        .map(|(p, clinic)| (p.title, clinic)))
}

#[allow(clippy::too_many_arguments)]
async fn cycle_page(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    c: &PdsaCycle<String>,
    step: &'static str,
    f: &Fields,
    notice: String,
    error: (String, &'static str),
) -> Result<CyclePage, Error> {
    let (_, project) =
        one_typed::<Project<String>>(node, Kind::Project, &c.project.to_string(), lang).await?;
    let all = typed::<PdsaCycle<String>>(node, Kind::Cycle).await?;
    let siblings: Vec<&PdsaCycle<String>> = all
        .iter()
        .map(|(_, x)| x)
        .filter(|x| x.project == c.project)
        .collect();
    let ramp = ramps(&siblings, lang)
        .into_iter()
        .find(|r| r.iter().any(|s| s.id == c.id.to_string()))
        .unwrap_or_default();
    let (charts, window) = if step == "study" {
        charts(node, &project, c, lang).await?
    } else {
        (Vec::new(), String::new())
    };
    let profiles = typed::<PartnershipProfile>(node, Kind::Partnership).await?;
    let label = |s: &str| lang.t(&format!("node-step-{s}"));
    let reached = rank(c.status);
    let month = |m: Month| lang.month(m.year(), m.number());
    let complete = c.status == CycleStatus::Complete;
    let summary = STEPS
        .iter()
        .map(|s| {
            (
                label(s),
                step_fields(s)
                    .iter()
                    .map(|&(name, key, _)| (lang.t(&format!("{key}-label")), field_value(c, name)))
                    .filter(|(_, v)| !v.trim().is_empty())
                    .collect(),
            )
        })
        .collect();
    let chosen = f.get("decision");
    Ok(CyclePage {
        chrome: Chrome::new(node, Some(principal), lang, "/projects"),
        lang,
        id: c.id.to_string(),
        project_id: project.id.to_string(),
        project_title: project.title.clone(),
        title: cycle_label(c, lang),
        state: cycle_state(c, lang),
        months: match c.end {
            Some(e) => lang.t_with(
                "node-cycle-months",
                &[("start", month(c.start).into()), ("end", month(e).into())],
            ),
            None => lang.t_with("node-cycle-since", &[("start", month(c.start).into())]),
        },
        provenance: provenance(node, c, lang).await?,
        steps: STEPS
            .iter()
            .enumerate()
            .map(|(i, s)| StepLink {
                name: s,
                label: label(s),
                state: if i < reached {
                    "done"
                } else if i == reached {
                    "current"
                } else {
                    ""
                },
                shown: *s == step,
            })
            .collect(),
        step,
        step_label: label(step),
        step_lede: lang.t(&format!("node-step-{step}-lede")),
        step_advance: lang.t(&format!("node-step-{step}-advance")),
        prompts: prompts(c, lang),
        fields: field_views(step, f, lang),
        start: f.get("start").to_owned(),
        end: f.get("end").to_owned(),
        prediction: c.plan.prediction.clone(),
        decisions: DECISIONS
            .iter()
            .map(|&(d, name)| {
                let key = decision_key(d);
                (
                    name,
                    lang.t(key),
                    lang.t(&format!("{key}-hint")),
                    chosen == name,
                )
            })
            .collect(),
        charts,
        window,
        earlier: siblings
            .iter()
            .filter(|x| x.id != c.id && x.sequence < c.sequence)
            .map(|x| (x.id.to_string(), cycle_label(x, lang)))
            .collect(),
        can_record: Access::Record.allows(&principal.user),
        is_partner: principal.user.role == PARTNER,
        complete,
        next_href: format!("/projects/{}/cycles/new?follows={}", project.id, c.id),
        followed_by: siblings
            .iter()
            .filter(|x| x.follows == Some(c.id))
            .min_by_key(|x| x.sequence)
            .map(|x| (x.id.to_string(), cycle_label(x, lang))),
        practice_href: format!("/practices/new?cycle={}", c.id),
        summary,
        decision: c
            .act
            .decision
            .map(|d| lang.t(decision_key(d)))
            .unwrap_or_default(),
        profile: profile_for(&profiles, Subject::Cycle(c.id)).map(|p| ProfileView::of(p, lang)),
        voices: voices(node, &c.id.to_string(), principal.user.id, lang).await?,
        ramp,
        notice,
        error: error.0,
        error_lang: error.1,
    })
}

async fn one(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Query(q): Query<CycleQuery>,
) -> Result<CyclePage, Error> {
    let (_, c) = one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, &id, lang).await?;
    let step = q
        .step
        .as_deref()
        .and_then(|s| STEPS.iter().copied().find(|x| *x == s))
        .unwrap_or_else(|| current_step(c.status));
    let notice = if let Some(s) = q
        .saved
        .as_deref()
        .and_then(|s| STEPS.iter().find(|x| **x == s))
    {
        lang.t_with(
            "node-step-saved",
            &[("step", lang.t(&format!("node-step-{s}")).into())],
        )
    } else if q.pulse.is_some() {
        lang.t("node-pulse-saved")
    } else if q.voice.is_some() {
        lang.t("node-voice-saved")
    } else {
        String::new()
    };
    cycle_page(
        &node,
        &principal,
        lang,
        &c,
        step,
        &fields_of(&c),
        notice,
        (String::new(), "en"),
    )
    .await
}

/// The cycle a step form describes, or what is wrong with it.
fn apply(
    lang: Lang,
    mut c: PdsaCycle<String>,
    step: &str,
    f: &Fields,
) -> Result<PdsaCycle<String>, String> {
    let text = |name: &str| f.get(name).trim().to_owned();
    let advance = f.ticked("advance");
    match step {
        "plan" => {
            c.change_idea = text("change_idea");
            c.plan = Plan {
                objective: text("objective"),
                prediction: text("prediction"),
                who: text("who"),
                what: text("what"),
                when: text("when"),
                where_: text("where"),
                data: text("data"),
            };
            c.start = form_month(lang, &lang.t("node-cycle-start-label"), f.get("start"))?;
            c.end = match f.get("end").trim() {
                "" => None,
                e => Some(form_month(lang, &lang.t("node-cycle-end-label"), e)?),
            };
        }
        "do" => {
            c.do_ = Do {
                happened: text("happened"),
                observations: text("observations"),
            };
        }
        "study" => {
            c.study = Study {
                results: text("results"),
            };
        }
        _ => {
            let decision = match f.get("decision") {
                "" => None,
                d => Some(
                    DECISIONS
                        .iter()
                        .find(|(_, n)| *n == d)
                        .map(|(x, _)| *x)
                        .ok_or_else(|| lang.t("node-act-bad-decision"))?,
                ),
            };
            if advance && decision.is_none() {
                return Err(lang.t("node-act-no-decision"));
            }
            c.act = Act {
                decision,
                next_step: text("next_step"),
            };
            if advance && c.end.is_none() {
                c.end = Some(Month::current().max(c.start));
            }
        }
    }
    if advance {
        let next = [
            CycleStatus::Doing,
            CycleStatus::Studying,
            CycleStatus::Acting,
            CycleStatus::Complete,
        ][STEPS.iter().position(|s| *s == step).unwrap_or(0)];
        if rank(next) > rank(c.status) {
            c.status = next;
        }
    }
    Ok(c)
}

async fn save_step(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path((id, step)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let step = STEPS.iter().copied().find(|s| *s == step).ok_or_else(|| {
        Error::NotFound(lang.t_with("node-step-unknown", &[("step", step.clone().into())]))
    })?;
    let (_, c) = one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, &id, lang).await?;
    // The form sends only its own step's fields: the others keep what is stored.
    let mut f = fields_of(&c);
    let sent = Fields(pairs);
    f.0.retain(|(k, _)| !sent.0.iter().any(|(s, _)| s == k) && k != "decision");
    f.0.extend(sent.0.iter().cloned());
    let parsed = apply(lang, c.clone(), step, &f);
    let advanced = parsed.as_ref().map(|n| n.status).unwrap_or(c.status);
    let to = format!("/cycles/{id}?saved={step}&step={}", current_step(advanced));
    let (node, principal, f, c) = (&node, &principal, &f, &c);
    save_form(node, lang, parsed, &to, |problem| {
        cycle_page(node, principal, lang, c, step, f, String::new(), problem)
    })
    .await
}

#[derive(Debug, Deserialize)]
struct LinkForm {
    follows: String,
}

async fn link(
    State(node): State<NodeSite>,
    lang: Lang,
    Path(id): Path<String>,
    Form(form): Form<LinkForm>,
) -> Result<Response, Error> {
    let (_, mut c) = one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, &id, lang).await?;
    let (_, earlier) =
        one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, form.follows.trim(), lang).await?;
    if earlier.project != c.project {
        return Err(Error::Rule(tandem_shared::Error::Invalid(
            lang.t("node-link-other-project"),
        )));
    }
    c.follows = Some(earlier.id);
    crate::record::save(&node, &c).await?;
    Ok(Redirect::to(&format!("/cycles/{id}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "cycle_new.html")]
struct NewPage {
    chrome: Chrome,
    lang: Lang,
    project_id: String,
    project_title: String,
    fields: Vec<FieldView>,
    start: String,
    end: String,
    follows: String,
    follows_label: String,
    practice: String,
    practice_label: String,
    error: String,
    error_lang: &'static str,
}

#[derive(Debug, Deserialize)]
struct AdoptQuery {
    project: String,
    practice: String,
    how: String,
}

/// Adopt or adapt a catalogue practice in the project chosen on its page (a plain form: the
/// project is a field, not part of the address).
async fn new_for_project(
    State(node): State<NodeSite>,
    lang: Lang,
    Query(q): Query<AdoptQuery>,
) -> Result<Response, Error> {
    let (_, project) = one_typed::<Project<String>>(&node, Kind::Project, &q.project, lang).await?;
    let unknown = || super::not_found(lang, Kind::Practice);
    let practice: Uuid = q.practice.parse().map_err(|_| unknown())?;
    if practice_title(&node, practice).await?.is_none() {
        return Err(unknown());
    }
    let how = if q.how == "adapt" { "adapt" } else { "adopt" };
    Ok(Redirect::to(&format!(
        "/projects/{}/cycles/new?practice={practice}&how={how}",
        project.id
    ))
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
struct NewQuery {
    follows: Option<String>,
    practice: Option<String>,
    how: Option<String>,
}

async fn new_page(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    project: &Project<String>,
    f: &Fields,
    error: (String, &'static str),
) -> Result<NewPage, Error> {
    let follows_label = match f.get("follows").parse::<Uuid>() {
        Ok(id) => match node.store.record(Kind::Cycle, &id.to_string()).await? {
            Some(r) => serde_json::from_str::<PdsaCycle<String>>(&r.body)
                .map(|c| cycle_label(&c, lang))
                .unwrap_or_default(),
            None => String::new(),
        },
        Err(_) => String::new(),
    };
    let practice_label = match f.get("from_practice").parse::<Uuid>() {
        Ok(id) => practice_title(node, id)
            .await?
            .map(|(t, _)| t)
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(NewPage {
        chrome: Chrome::new(node, Some(principal), lang, "/projects"),
        lang,
        project_id: project.id.to_string(),
        project_title: project.title.clone(),
        fields: field_views("plan", f, lang),
        start: f.get("start").to_owned(),
        end: f.get("end").to_owned(),
        follows: f.get("follows").to_owned(),
        follows_label,
        practice: f.get("from_practice").to_owned(),
        practice_label,
        error: error.0,
        error_lang: error.1,
    })
}

async fn new(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Query(q): Query<NewQuery>,
) -> Result<NewPage, Error> {
    let (_, project) = one_typed::<Project<String>>(&node, Kind::Project, &id, lang).await?;
    let mut f = Fields(vec![("start".into(), Month::current().to_string())]);
    if let Some(prev) = q.follows.as_deref().filter(|s| !s.is_empty()) {
        // The next cycle of a ramp starts from the last one: its change idea and plan, with
        // the Act step's next step as its objective. The prediction is left to write anew.
        let (_, p) = one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, prev, lang).await?;
        let mut v = fields_of(&p).0;
        v.retain(|(k, _)| {
            ["change_idea", "who", "what", "when", "where", "data"].contains(&k.as_str())
        });
        let objective = if p.act.next_step.trim().is_empty() {
            p.plan.objective.clone()
        } else {
            p.act.next_step.clone()
        };
        v.push(("objective".into(), objective));
        v.push(("follows".into(), p.id.to_string()));
        if let Some(fp) = p.from_practice {
            v.push(("from_practice".into(), fp.to_string()));
        }
        f.0.extend(v);
    } else if let Some(pid) = q.practice.as_deref().and_then(|s| s.parse::<Uuid>().ok()) {
        let (title, _) = practice_title(&node, pid)
            .await?
            .ok_or_else(|| super::not_found(lang, Kind::Practice))?;
        let key = if q.how.as_deref() == Some("adapt") {
            "node-cycle-adapt-objective"
        } else {
            "node-cycle-adopt-objective"
        };
        f.0.extend([
            ("change_idea".into(), title.clone()),
            (
                "objective".into(),
                lang.t_with(key, &[("title", title.into())]),
            ),
            ("from_practice".into(), pid.to_string()),
        ]);
    }
    new_page(&node, &principal, lang, &project, &f, (String::new(), "en")).await
}

async fn create(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let (_, project) = one_typed::<Project<String>>(&node, Kind::Project, &id, lang).await?;
    let f = Fields(pairs);
    let sequence = typed::<PdsaCycle<String>>(&node, Kind::Cycle)
        .await?
        .iter()
        .filter(|(_, c)| c.project == project.id)
        .map(|(_, c)| c.sequence)
        .max()
        .unwrap_or(0)
        + 1;
    let uuid = |name: &str| f.get(name).trim().parse::<Uuid>().ok();
    let blank = PdsaCycle {
        id: Uuid::new_v4(),
        project: project.id,
        sequence,
        change_idea: String::new(),
        from_practice: uuid("from_practice"),
        follows: uuid("follows"),
        plan: Plan {
            objective: String::new(),
            prediction: String::new(),
            who: String::new(),
            what: String::new(),
            when: String::new(),
            where_: String::new(),
            data: String::new(),
        },
        do_: Do {
            happened: String::new(),
            observations: String::new(),
        },
        study: Study {
            results: String::new(),
        },
        act: Act {
            decision: None,
            next_step: String::new(),
        },
        start: Month::current(),
        end: None,
        status: CycleStatus::Planning,
    };
    let id = blank.id;
    let parsed = apply(lang, blank, "plan", &f);
    let step = if f.ticked("advance") { "do" } else { "plan" };
    let to = format!("/cycles/{id}?saved=plan&step={step}");
    let (node, principal, f, project) = (&node, &principal, &f, &project);
    save_form(node, lang, parsed, &to, |problem| {
        new_page(node, principal, lang, project, f, problem)
    })
    .await
}
