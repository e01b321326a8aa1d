//! How patient partners take part: the partnership pulse of a project or cycle (Place, the
//! depth in each Phase, the Parity snapshot), the three questions partners answer themselves
//! (shown to others only as counts, and only from five answers), and the team's yearly
//! self-assessment of the Place × Phase grid.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::{
    Depth, Parity, PartnershipProfile, PdsaCycle, Phase, PhaseDepths, Place, Project, Subject,
};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Principal, Routes, Signed};
use uuid::Uuid;

use super::{Fields, form_count, one_typed, save_form, typed};
use crate::Error;
use crate::access::{Access, PARTNER};
use crate::kind::Kind;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/partnership", Access::Team, yearly)
        .post("/partnership", Access::Record, save_yearly)
        .get("/projects/{id}/pulse", Access::Team, project_pulse)
        .post("/projects/{id}/pulse", Access::Team, save_project_pulse)
        .get("/cycles/{id}/pulse", Access::Team, cycle_pulse)
        .post("/cycles/{id}/pulse", Access::Team, save_cycle_pulse)
        .get("/cycles/{id}/voice", Access::Partner, voice)
        .post("/cycles/{id}/voice", Access::Partner, save_voice)
}

pub const PLACES: [Place; 4] = [
    Place::DirectCare,
    Place::Clinic,
    Place::Organisation,
    Place::System,
];
const DEPTHS: [Depth; 4] = [
    Depth::None,
    Depth::Consulted,
    Depth::Involved,
    Depth::Partner,
];
/// The Parity factors answered yes or no, with their form names.
const FACTORS: [&str; 6] = [
    "compensation",
    "preparation",
    "support_contact",
    "shared_leadership",
    "power_balance",
    "vulnerability",
];
/// The fewest answers shown, as counts: fewer could tell who said what.
pub const FEWEST_ANSWERS: usize = 5;
/// The three questions, by their message ids.
pub const QUESTIONS: [&str; 3] = ["had-needed", "heard", "influence"];

fn place_name(p: Place) -> &'static str {
    match p {
        Place::DirectCare => "direct_care",
        Place::Clinic => "clinic",
        Place::Organisation => "organisation",
        Place::System => "system",
    }
}

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Design => "design",
        Phase::Plan => "plan",
        Phase::Implement => "implement",
        Phase::Evaluate => "evaluate",
    }
}

fn depth_name(d: Depth) -> &'static str {
    match d {
        Depth::None => "none",
        Depth::Consulted => "consulted",
        Depth::Involved => "involved",
        Depth::Partner => "partner",
    }
}

fn parity_factor(p: &Parity, name: &str) -> bool {
    match name {
        "compensation" => p.compensation,
        "preparation" => p.preparation,
        "support_contact" => p.support_contact,
        "shared_leadership" => p.shared_leadership,
        "power_balance" => p.power_balance,
        _ => p.vulnerability,
    }
}

/// The profile of a project or cycle, if the team recorded one.
pub fn profile_for(
    profiles: &[(crate::store::StoredRecord, PartnershipProfile)],
    subject: Subject,
) -> Option<&PartnershipProfile> {
    profiles
        .iter()
        .map(|(_, p)| p)
        .find(|p| p.subject == subject)
}

/// A partnership profile as a page shows it.
#[derive(Debug)]
pub struct ProfileView {
    pub place: String,
    /// (phase, depth)
    pub phases: Vec<(String, String)>,
    pub people: String,
    /// The Parity factors that held.
    pub factors: Vec<String>,
}

impl ProfileView {
    pub fn of(p: &PartnershipProfile, lang: Lang) -> Self {
        ProfileView {
            place: lang.t(&format!("node-place-{}", place_name(p.place))),
            phases: Phase::ALL
                .iter()
                .map(|&ph| {
                    (
                        lang.t(&format!("node-phase-{}", phase_name(ph))),
                        lang.t(&format!("node-depth-{}", depth_name(p.phases.get(ph)))),
                    )
                })
                .collect(),
            people: lang.t_with(
                "node-parity-people",
                &[
                    ("patients", p.parity.patients.into()),
                    ("professionals", p.parity.professionals.into()),
                ],
            ),
            factors: FACTORS
                .iter()
                .filter(|f| parity_factor(&p.parity, f))
                .map(|f| lang.t(&format!("node-parity-{f}")))
                .collect(),
        }
    }
}

/// One choice of a group of radio buttons.
#[derive(Debug)]
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "pulse.html")]
struct PulsePage {
    chrome: Chrome,
    lang: Lang,
    action: String,
    back: String,
    subject_title: String,
    places: Vec<Choice>,
    /// (phase form name, phase label, its depth choices)
    phases: Vec<(&'static str, String, Vec<Choice>)>,
    patients: String,
    professionals: String,
    /// (form name, label, ticked)
    factors: Vec<(&'static str, String, bool)>,
    error: String,
    error_lang: &'static str,
}

/// What the pulse form holds, from a profile or from what was sent.
fn pulse_fields(p: &PartnershipProfile) -> Fields {
    let mut v = vec![
        ("place".to_owned(), place_name(p.place).to_owned()),
        ("patients".to_owned(), p.parity.patients.to_string()),
        (
            "professionals".to_owned(),
            p.parity.professionals.to_string(),
        ),
    ];
    for ph in Phase::ALL {
        v.push((
            phase_name(ph).to_owned(),
            depth_name(p.phases.get(ph)).to_owned(),
        ));
    }
    for f in FACTORS {
        if parity_factor(&p.parity, f) {
            v.push((f.to_owned(), "on".to_owned()));
        }
    }
    Fields(v)
}

fn pulse_page(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    (action, back, subject_title): (String, String, String),
    f: &Fields,
    error: (String, &'static str),
) -> PulsePage {
    PulsePage {
        chrome: Chrome::new(node, Some(principal), lang, "/projects"),
        lang,
        action,
        back,
        subject_title,
        places: PLACES
            .iter()
            .map(|&p| Choice {
                value: place_name(p),
                label: lang.t(&format!("node-place-{}", place_name(p))),
                checked: f.get("place") == place_name(p),
            })
            .collect(),
        phases: Phase::ALL
            .iter()
            .map(|&ph| {
                let name = phase_name(ph);
                let chosen = match f.get(name) {
                    "" => "none",
                    v => v,
                };
                (
                    name,
                    lang.t(&format!("node-phase-{name}")),
                    DEPTHS
                        .iter()
                        .map(|&d| Choice {
                            value: depth_name(d),
                            label: lang.t(&format!("node-depth-{}", depth_name(d))),
                            checked: chosen == depth_name(d),
                        })
                        .collect(),
                )
            })
            .collect(),
        patients: f.get("patients").to_owned(),
        professionals: f.get("professionals").to_owned(),
        factors: FACTORS
            .iter()
            .map(|&n| (n, lang.t(&format!("node-parity-{n}")), f.ticked(n)))
            .collect(),
        error: error.0,
        error_lang: error.1,
    }
}

/// The profile the pulse form describes, or what is wrong with the form.
fn parse_pulse(
    lang: Lang,
    id: Uuid,
    subject: Subject,
    f: &Fields,
) -> Result<PartnershipProfile, String> {
    let place = PLACES
        .into_iter()
        .find(|&p| place_name(p) == f.get("place"))
        .ok_or_else(|| lang.t("node-pulse-no-place"))?;
    let depth = |ph: Phase| -> Result<Depth, String> {
        match f.get(phase_name(ph)) {
            "" => Ok(Depth::None),
            v => DEPTHS
                .into_iter()
                .find(|&d| depth_name(d) == v)
                .ok_or_else(|| lang.t("node-pulse-bad-depth")),
        }
    };
    Ok(PartnershipProfile {
        id,
        subject,
        place,
        phases: PhaseDepths {
            design: depth(Phase::Design)?,
            plan: depth(Phase::Plan)?,
            implement: depth(Phase::Implement)?,
            evaluate: depth(Phase::Evaluate)?,
        },
        parity: Parity {
            patients: form_count(lang, &lang.t("node-parity-patients"), f.get("patients"))?,
            professionals: form_count(
                lang,
                &lang.t("node-parity-professionals"),
                f.get("professionals"),
            )?,
            compensation: f.ticked("compensation"),
            preparation: f.ticked("preparation"),
            support_contact: f.ticked("support_contact"),
            shared_leadership: f.ticked("shared_leadership"),
            power_balance: f.ticked("power_balance"),
            vulnerability: f.ticked("vulnerability"),
        },
    })
}

/// What a pulse is about: its subject, its form's address, where to go back, and a title.
async fn subject(
    node: &NodeSite,
    lang: Lang,
    subject: Subject,
) -> Result<(String, String, String), Error> {
    Ok(match subject {
        Subject::Project(id) => {
            let (_, p) =
                one_typed::<Project<String>>(node, Kind::Project, &id.to_string(), lang).await?;
            (
                format!("/projects/{id}/pulse"),
                format!("/projects/{id}"),
                p.title,
            )
        }
        Subject::Cycle(id) => {
            let (_, c) =
                one_typed::<PdsaCycle<String>>(node, Kind::Cycle, &id.to_string(), lang).await?;
            (
                format!("/cycles/{id}/pulse"),
                format!("/cycles/{id}"),
                super::cycles::cycle_label(&c, lang),
            )
        }
    })
}

fn parse_id(id: &str, lang: Lang, kind: Kind) -> Result<Uuid, Error> {
    id.parse().map_err(|_| super::not_found(lang, kind))
}

async fn pulse(
    node: NodeSite,
    principal: Principal,
    lang: Lang,
    about: Subject,
) -> Result<PulsePage, Error> {
    let what = subject(&node, lang, about).await?;
    let profiles = typed::<PartnershipProfile>(&node, Kind::Partnership).await?;
    let f = match profile_for(&profiles, about) {
        Some(p) => pulse_fields(p),
        // A cycle starts from its project's profile: most cycles change little of it.
        None => match about {
            Subject::Cycle(id) => {
                let (_, c) =
                    one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, &id.to_string(), lang)
                        .await?;
                profile_for(&profiles, Subject::Project(c.project))
                    .map(pulse_fields)
                    .unwrap_or_default()
            }
            Subject::Project(_) => Fields::default(),
        },
    };
    Ok(pulse_page(
        &node,
        &principal,
        lang,
        what,
        &f,
        (String::new(), "en"),
    ))
}

async fn save_pulse(
    node: NodeSite,
    principal: Principal,
    lang: Lang,
    about: Subject,
    f: Fields,
) -> Result<Response, Error> {
    let what = subject(&node, lang, about).await?;
    let profiles = typed::<PartnershipProfile>(&node, Kind::Partnership).await?;
    let id = profile_for(&profiles, about).map_or_else(Uuid::new_v4, |p| p.id);
    let to = format!("{}?pulse=saved", what.1);
    let (node, principal, f) = (&node, &principal, &f);
    save_form(
        node,
        lang,
        parse_pulse(lang, id, about, f),
        &to,
        |problem| std::future::ready(Ok(pulse_page(node, principal, lang, what, f, problem))),
    )
    .await
}

async fn project_pulse(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<PulsePage, Error> {
    let id = parse_id(&id, lang, Kind::Project)?;
    pulse(node, principal, lang, Subject::Project(id)).await
}

async fn save_project_pulse(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let id = parse_id(&id, lang, Kind::Project)?;
    save_pulse(node, principal, lang, Subject::Project(id), Fields(pairs)).await
}

async fn cycle_pulse(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<PulsePage, Error> {
    let id = parse_id(&id, lang, Kind::Cycle)?;
    pulse(node, principal, lang, Subject::Cycle(id)).await
}

async fn save_cycle_pulse(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let id = parse_id(&id, lang, Kind::Cycle)?;
    save_pulse(node, principal, lang, Subject::Cycle(id), Fields(pairs)).await
}

/// The partners' answers for a cycle as the team may see them: how many answered, and once
/// at least [`FEWEST_ANSWERS`] did, how many chose each point of each question.
#[derive(Debug)]
pub struct Voices {
    pub answered: usize,
    pub mine: bool,
    /// (question, counts for 1..=5); empty below the threshold.
    pub counts: Vec<(String, [String; 5])>,
    pub scale: [String; 5],
    /// How many answered, and that counts show from five.
    pub few: String,
}

pub async fn voices(
    node: &NodeSite,
    cycle: &str,
    account: i64,
    lang: Lang,
) -> Result<Voices, Error> {
    let (answers, mine) = node.store.partner_answers(cycle, account).await?;
    let counts = if answers.len() >= FEWEST_ANSWERS {
        QUESTIONS
            .iter()
            .enumerate()
            .map(|(q, key)| {
                let mut c = [0u64; 5];
                for a in &answers {
                    c[usize::from(a[q] - 1)] += 1;
                }
                (
                    lang.t(&format!("node-voice-{key}")),
                    c.map(|n| lang.number(n)),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Voices {
        few: lang.t_with(
            "node-voice-few",
            &[
                ("count", answers.len().into()),
                ("fewest", FEWEST_ANSWERS.into()),
            ],
        ),
        answered: answers.len(),
        mine,
        counts,
        scale: scale(lang),
    })
}

fn scale(lang: Lang) -> [String; 5] {
    [1, 2, 3, 4, 5].map(|n| lang.t(&format!("node-voice-scale-{n}")))
}

#[derive(Template, WebTemplate)]
#[template(path = "voice.html")]
struct VoicePage {
    chrome: Chrome,
    lang: Lang,
    cycle: String,
    cycle_title: String,
    /// (form name, question, choices 1..=5)
    questions: Vec<(&'static str, String, Vec<Choice>)>,
    mine: bool,
    error: String,
}

const VALUES: [&str; 5] = ["1", "2", "3", "4", "5"];

async fn voice_page(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    id: &str,
    f: &Fields,
    error: String,
) -> Result<VoicePage, Error> {
    let (_, c) = one_typed::<PdsaCycle<String>>(node, Kind::Cycle, id, lang).await?;
    let (_, mine) = node.store.partner_answers(id, principal.user.id).await?;
    let labels = scale(lang);
    Ok(VoicePage {
        chrome: Chrome::new(node, Some(principal), lang, "/projects"),
        lang,
        cycle: id.to_owned(),
        cycle_title: super::cycles::cycle_label(&c, lang),
        questions: QUESTIONS
            .iter()
            .map(|&q| {
                let name = q;
                (
                    name,
                    lang.t(&format!("node-voice-{q}")),
                    VALUES
                        .iter()
                        .zip(labels.clone())
                        .map(|(&v, label)| Choice {
                            value: v,
                            label,
                            checked: f.get(name) == v,
                        })
                        .collect(),
                )
            })
            .collect(),
        mine,
        error,
    })
}

async fn voice(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<VoicePage, Error> {
    // A partner's earlier answers are not shown again: the form starts empty each time.
    voice_page(
        &node,
        &principal,
        lang,
        &id,
        &Fields::default(),
        String::new(),
    )
    .await
}

async fn save_voice(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let f = Fields(pairs);
    let (_, c) = one_typed::<PdsaCycle<String>>(&node, Kind::Cycle, &id, lang).await?;
    let answer = |q: &str| f.get(q).parse::<u8>().ok().filter(|v| (1..=5).contains(v));
    match (
        answer(QUESTIONS[0]),
        answer(QUESTIONS[1]),
        answer(QUESTIONS[2]),
    ) {
        (Some(a), Some(b), Some(d)) => {
            node.store
                .put_partner_answer(&c.id.to_string(), principal.user.id, [a, b, d])
                .await?;
            debug_assert_eq!(principal.user.role, PARTNER);
            Ok(Redirect::to(&format!("/cycles/{id}?voice=saved")).into_response())
        }
        _ => {
            let page = voice_page(
                &node,
                &principal,
                lang,
                &id,
                &f,
                lang.t("node-voice-missing"),
            )
            .await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// The team's yearly self-assessment: the depth it judges partners reached at each Place in
/// each Phase.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Grid {
    /// (place, phase) → depth, by their form names.
    cells: std::collections::BTreeMap<String, Depth>,
}

fn cell(place: Place, phase: Phase) -> String {
    format!("{}.{}", place_name(place), phase_name(phase))
}

#[derive(Debug)]
struct GridRow {
    place: String,
    /// (form name, phase label, choices, what the year's pulses recorded)
    cells: Vec<(String, String, Vec<Choice>, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "partnership.html")]
struct YearlyPage {
    chrome: Chrome,
    lang: Lang,
    year: i32,
    years: Vec<(i32, bool)>,
    rows: Vec<GridRow>,
    note: String,
    updated: String,
    pulses: usize,
    can_record: bool,
    notice: String,
}

#[derive(Debug, Deserialize)]
struct YearQuery {
    year: Option<i32>,
    saved: Option<i32>,
}

async fn yearly(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Query(q): Query<YearQuery>,
) -> Result<YearlyPage, Error> {
    use tandem_web::Rule;
    let this_year = tandem_shared::model::Month::current().year();
    let year = q
        .year
        .or(q.saved)
        .unwrap_or(this_year)
        .clamp(2000, this_year);
    let stored = node.store.self_assessment(year).await?;
    let (grid, note, updated) = match &stored {
        Some((g, note, by, at)) => (
            serde_json::from_str::<Grid>(g).unwrap_or_default(),
            note.clone(),
            lang.t_with(
                "node-yearly-updated",
                &[
                    ("by", by.clone().into()),
                    ("date", lang.date_time(*at).into()),
                ],
            ),
        ),
        None => (Grid::default(), String::new(), String::new()),
    };
    // What the cycles and projects of the year recorded, deepest per place and phase.
    let profiles = typed::<PartnershipProfile>(&node, Kind::Partnership).await?;
    let cycles = typed::<PdsaCycle<String>>(&node, Kind::Cycle).await?;
    let in_year: Vec<&PartnershipProfile> = profiles
        .iter()
        .map(|(_, p)| p)
        .filter(|p| match p.subject {
            Subject::Cycle(id) => cycles.iter().any(|(_, c)| {
                c.id == id && c.start.year() <= year && c.end.is_none_or(|e| e.year() >= year)
            }),
            Subject::Project(_) => false,
        })
        .collect();
    let rows = PLACES
        .iter()
        .map(|&place| GridRow {
            place: lang.t(&format!("node-place-{}", place_name(place))),
            cells: Phase::ALL
                .iter()
                .map(|&ph| {
                    let name = cell(place, ph);
                    let chosen = grid.cells.get(&name).copied().unwrap_or_default();
                    let recorded = in_year
                        .iter()
                        .filter(|p| p.place == place)
                        .map(|p| p.phases.get(ph))
                        .max();
                    (
                        name,
                        lang.t(&format!("node-phase-{}", phase_name(ph))),
                        DEPTHS
                            .iter()
                            .map(|&d| Choice {
                                value: depth_name(d),
                                label: lang.t(&format!("node-depth-{}", depth_name(d))),
                                checked: chosen == d,
                            })
                            .collect(),
                        recorded
                            .map(|d| lang.t(&format!("node-depth-{}", depth_name(d))))
                            .unwrap_or_else(|| "–".into()),
                    )
                })
                .collect(),
        })
        .collect();
    Ok(YearlyPage {
        chrome: Chrome::new(&node, Some(&principal), lang, "/partnership"),
        lang,
        year,
        years: (this_year - 4..=this_year)
            .rev()
            .map(|y| (y, y == year))
            .collect(),
        rows,
        note,
        updated,
        pulses: in_year.len(),
        can_record: Access::Record.allows(&principal.user),
        notice: if q.saved.is_some() {
            lang.t("node-yearly-saved")
        } else {
            String::new()
        },
    })
}

async fn save_yearly(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let f = Fields(pairs);
    let this_year = tandem_shared::model::Month::current().year();
    let year: i32 = f
        .get("year")
        .parse()
        .ok()
        .filter(|y| (2000..=this_year).contains(y))
        .ok_or_else(|| {
            Error::Rule(tandem_shared::Error::Invalid(
                lang.t("node-yearly-bad-year"),
            ))
        })?;
    let mut grid = Grid::default();
    for place in PLACES {
        for ph in Phase::ALL {
            let name = cell(place, ph);
            let depth = match f.get(&name) {
                "" => Depth::None,
                v => DEPTHS
                    .into_iter()
                    .find(|&d| depth_name(d) == v)
                    .ok_or_else(|| {
                        Error::Rule(tandem_shared::Error::Invalid(
                            lang.t("node-pulse-bad-depth"),
                        ))
                    })?,
            };
            grid.cells.insert(name, depth);
        }
    }
    let note = f.get("note").trim();
    if note.chars().count() > 2_000 {
        return Err(Error::Rule(tandem_shared::Error::Invalid(
            lang.t("node-yearly-note-long"),
        )));
    }
    let json = serde_json::to_string(&grid)
        .map_err(|e| Error::Schema(format!("cannot store the grid: {e}")))?;
    node.store
        .put_self_assessment(year, &json, note, &principal.user.display_name)
        .await?;
    Ok(Redirect::to(&format!("/partnership?saved={year}")).into_response())
}
