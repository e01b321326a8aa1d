//! Improvement projects: the list, one project (its aim, measures, team, partnership profile
//! and its cycles drawn as ramps), and the form that writes or changes one.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use tandem_service::http::Path;
use tandem_shared::model::{
    CycleStatus, MeasureId, Month, PartnershipProfile, PdsaCycle, Project, Subject, Team,
};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Principal, Routes, Rule, Signed};
use uuid::Uuid;

use super::partnership::{ProfileView, profile_for};
use super::{Fields, form_count, form_month, gate_state, one_typed, save_form, typed};
use crate::Error;
use crate::access::Access;
use crate::kind::Kind;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/projects", Access::Team, list)
        .get("/projects/new", Access::Record, new)
        .post("/projects", Access::Record, create)
        .get("/projects/{id}", Access::Team, one)
        .get("/projects/{id}/edit", Access::Record, edit)
        .post("/projects/{id}", Access::Record, update)
}

#[derive(Debug)]
struct ProjectRow {
    id: String,
    title: String,
    aim: String,
    cycles: usize,
    active: usize,
    state: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "projects.html")]
struct ListPage {
    chrome: Chrome,
    lang: Lang,
    rows: Vec<ProjectRow>,
    can_record: bool,
}

async fn list(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<ListPage, Error> {
    let cycles = typed::<PdsaCycle<String>>(&node, Kind::Cycle).await?;
    let mut rows: Vec<ProjectRow> = typed::<Project<String>>(&node, Kind::Project)
        .await?
        .into_iter()
        .map(|(r, p)| {
            let own = cycles.iter().filter(|(_, c)| c.project == p.id);
            ProjectRow {
                id: p.id.to_string(),
                state: gate_state(&r, lang),
                cycles: own.clone().count(),
                active: own
                    .filter(|(_, c)| c.status != CycleStatus::Complete)
                    .count(),
                title: p.title,
                aim: p.aim,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(ListPage {
        chrome: Chrome::new(&node, Some(&principal), lang, "/projects"),
        lang,
        rows,
        can_record: Access::Record.allows(&principal.user),
    })
}

/// One cycle in a ramp, as the project page lists it.
#[derive(Debug)]
pub struct RampStep {
    pub id: String,
    pub sequence: u32,
    pub change_idea: String,
    pub state: String,
    /// "follows cycle 2", or empty for the first of a ramp.
    pub follows: String,
}

/// A project's cycles as ramps: each ramp starts at a cycle that follows none of the project's
/// cycles, and goes on through the cycles that follow it, depth first.
pub fn ramps(cycles: &[&PdsaCycle<String>], lang: Lang) -> Vec<Vec<RampStep>> {
    let ids: std::collections::HashSet<Uuid> = cycles.iter().map(|c| c.id).collect();
    let mut sorted: Vec<&PdsaCycle<String>> = cycles.to_vec();
    sorted.sort_by_key(|c| (c.sequence, c.start));
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for root in sorted
        .iter()
        .filter(|c| c.follows.is_none_or(|f| !ids.contains(&f)))
    {
        let mut ramp = Vec::new();
        let mut stack = vec![*root];
        while let Some(c) = stack.pop() {
            if !seen.insert(c.id) {
                continue;
            }
            ramp.push(RampStep {
                id: c.id.to_string(),
                sequence: c.sequence,
                change_idea: c.change_idea.clone(),
                state: cycle_state(c, lang),
                follows: c
                    .follows
                    .and_then(|f| sorted.iter().find(|p| p.id == f))
                    .map(|p| lang.t_with("node-ramp-follows", &[("sequence", p.sequence.into())]))
                    .unwrap_or_default(),
            });
            // Children pushed in reverse so the earliest is walked first.
            let mut children: Vec<&PdsaCycle<String>> = sorted
                .iter()
                .copied()
                .filter(|k| k.follows == Some(c.id))
                .collect();
            children.reverse();
            stack.extend(children);
        }
        out.push(ramp);
    }
    out
}

/// Where a cycle stands, with its decision once made.
pub fn cycle_state(c: &PdsaCycle<String>, lang: Lang) -> String {
    let step = lang.t(match c.status {
        CycleStatus::Planning => "node-cycle-status-planning",
        CycleStatus::Doing => "node-cycle-status-doing",
        CycleStatus::Studying => "node-cycle-status-studying",
        CycleStatus::Acting => "node-cycle-status-acting",
        CycleStatus::Complete => "node-cycle-status-complete",
    });
    match c.act.decision {
        Some(d) if c.status == CycleStatus::Complete => {
            format!("{step} · {}", lang.t(super::cycles::decision_key(d)))
        }
        _ => step,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "project.html")]
struct OnePage {
    chrome: Chrome,
    lang: Lang,
    id: String,
    title: String,
    aim: String,
    start: String,
    state: String,
    measures: Vec<(String, String, &'static str)>,
    team: Vec<(String, String)>,
    profile: Option<ProfileView>,
    ramps: Vec<Vec<RampStep>>,
    can_record: bool,
}

async fn one(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<OnePage, Error> {
    let (r, p) = one_typed::<Project<String>>(&node, Kind::Project, &id, lang).await?;
    let defs = node.store.definitions().await?;
    let measures = p
        .measures
        .iter()
        .map(|m| {
            let found = defs.iter().flat_map(|d| &d.measures).find(|d| &d.id == m);
            let (title, _, title_lang) =
                found.map_or((m.as_str(), "", "en"), |d| d.text_in(lang.code()));
            (m.to_string(), title.to_owned(), title_lang)
        })
        .collect();
    let n = |v: u32| lang.number(u64::from(v));
    let team = vec![
        (lang.t("node-team-clinicians"), n(p.team.clinicians)),
        (lang.t("node-team-other-staff"), n(p.team.other_staff)),
        (
            lang.t("node-team-patient-partners"),
            n(p.team.patient_partners),
        ),
        (
            lang.t("node-team-family-partners"),
            n(p.team.family_partners),
        ),
    ];
    let cycles = typed::<PdsaCycle<String>>(&node, Kind::Cycle).await?;
    let own: Vec<&PdsaCycle<String>> = cycles
        .iter()
        .map(|(_, c)| c)
        .filter(|c| c.project == p.id)
        .collect();
    let profiles = typed::<PartnershipProfile>(&node, Kind::Partnership).await?;
    Ok(OnePage {
        chrome: Chrome::new(&node, Some(&principal), lang, "/projects"),
        lang,
        id: p.id.to_string(),
        start: lang.month(p.start.year(), p.start.number()),
        state: gate_state(&r, lang),
        measures,
        team,
        profile: profile_for(&profiles, Subject::Project(p.id)).map(|x| ProfileView::of(x, lang)),
        ramps: ramps(&own, lang),
        can_record: Access::Record.allows(&principal.user),
        title: p.title,
        aim: p.aim,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "project_form.html")]
struct FormPage {
    chrome: Chrome,
    lang: Lang,
    /// Empty for a new project.
    id: String,
    title: String,
    aim: String,
    start: String,
    /// (id, title, its language, ticked)
    measures: Vec<(String, String, &'static str, bool)>,
    /// (field, label, value)
    team: Vec<(&'static str, String, String)>,
    error: String,
    error_lang: &'static str,
}

const TEAM_FIELDS: [(&str, &str); 4] = [
    ("clinicians", "node-team-clinicians"),
    ("other_staff", "node-team-other-staff"),
    ("patient_partners", "node-team-patient-partners"),
    ("family_partners", "node-team-family-partners"),
];

async fn form_page(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    id: String,
    f: &Fields,
    error: (String, &'static str),
) -> Result<FormPage, Error> {
    let defs = node.store.definitions().await?;
    let ticked: Vec<&str> = f.all("measure").collect();
    Ok(FormPage {
        chrome: Chrome::new(node, Some(principal), lang, "/projects"),
        lang,
        id,
        title: f.get("title").to_owned(),
        aim: f.get("aim").to_owned(),
        start: f.get("start").to_owned(),
        measures: defs
            .iter()
            .flat_map(|d| &d.measures)
            .map(|m| {
                let (title, _, l) = m.text_in(lang.code());
                (
                    m.id.to_string(),
                    title.to_owned(),
                    l,
                    ticked.contains(&m.id.as_str()),
                )
            })
            .collect(),
        team: TEAM_FIELDS
            .iter()
            .map(|(name, key)| (*name, lang.t(key), f.get(name).to_owned()))
            .collect(),
        error: error.0,
        error_lang: error.1,
    })
}

/// A project's fields as the form sends them.
fn fields_of(p: &Project<String>) -> Fields {
    let mut v = vec![
        ("title".to_owned(), p.title.clone()),
        ("aim".to_owned(), p.aim.clone()),
        ("start".to_owned(), p.start.to_string()),
    ];
    v.extend(
        p.measures
            .iter()
            .map(|m| ("measure".to_owned(), m.to_string())),
    );
    for (name, value) in [
        ("clinicians", p.team.clinicians),
        ("other_staff", p.team.other_staff),
        ("patient_partners", p.team.patient_partners),
        ("family_partners", p.team.family_partners),
    ] {
        v.push((name.to_owned(), value.to_string()));
    }
    Fields(v)
}

async fn new(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<FormPage, Error> {
    let f = Fields(vec![("start".into(), Month::current().to_string())]);
    form_page(
        &node,
        &principal,
        lang,
        String::new(),
        &f,
        (String::new(), "en"),
    )
    .await
}

async fn edit(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<FormPage, Error> {
    let (_, p) = one_typed::<Project<String>>(&node, Kind::Project, &id, lang).await?;
    form_page(
        &node,
        &principal,
        lang,
        id,
        &fields_of(&p),
        (String::new(), "en"),
    )
    .await
}

/// The project the form describes, or what is wrong with the form.
fn parse(lang: Lang, id: Uuid, f: &Fields) -> Result<Project<String>, String> {
    let count = |name: &str, key: &str| form_count(lang, &lang.t(key), f.get(name));
    Ok(Project {
        id,
        title: f.get("title").trim().to_owned(),
        aim: f.get("aim").trim().to_owned(),
        measures: f
            .all("measure")
            .map(|m| MeasureId::new(m).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?,
        start: form_month(lang, &lang.t("node-project-start"), f.get("start"))?,
        team: Team {
            clinicians: count("clinicians", "node-team-clinicians")?,
            other_staff: count("other_staff", "node-team-other-staff")?,
            patient_partners: count("patient_partners", "node-team-patient-partners")?,
            family_partners: count("family_partners", "node-team-family-partners")?,
        },
    })
}

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
    let to = format!("/projects/{id}");
    let f = &f;
    save_form(node, lang, parse(lang, id, f), &to, |problem| {
        form_page(node, principal, lang, shown, f, problem)
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
    let (_, p) = one_typed::<Project<String>>(&node, Kind::Project, &id, lang).await?;
    save(&node, &principal, lang, p.id, true, Fields(pairs)).await
}
