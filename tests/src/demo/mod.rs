//! The demo network: a hub on embedded SQLite and simulated clinics whose nodes enrol, record,
//! approve and sync through the real federation path over mutual TLS on loopback, using the
//! node's own code. Everything it shows is labelled as simulated.

pub mod family;
pub mod plan;
pub mod texts;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tandem_hub::app::{self, RunningHub};
use tandem_hub::definitions::{self, DefinitionsFile};
use tandem_hub::federation::enrol;
use tandem_hub::state::AppState;
use tandem_node::release::{self, Selection};
use tandem_node::state::Node;
use tandem_node::{identity, record, sync};
use tandem_shared::model::{
    Act, ActDecision, CreditRole, Credits, CycleStatus, Depth, Do, Language, MeasureEntry,
    MeasureId, Month, Parity, PartnershipProfile, PdsaCycle, PhaseDepths, Place, Plan, Practice,
    Project, RoleCount, Stage, Study, Subject, Tag, Team,
};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use uuid::Uuid;

use plan::{ClinicPlan, NetworkPlan, Shape};
use texts::PRACTICES;

/// The network's definitions, as shipped in `deploy/`.
pub const DEFINITIONS: &str = include_str!("../../../deploy/definitions.toml");

/// The measures, in the order of a plan's monthly values.
const MEASURES: [&str; 4] = ["remission", "visit-score", "steroids", "admissions"];

/// How to run the demo.
#[derive(Debug, Clone)]
pub struct Options {
    pub shape: Shape,
    /// The last simulated month; the first is `months − 1` before it.
    pub last_month: Month,
    /// A directory the demo owns: it is emptied first.
    pub dir: PathBuf,
    pub web_listen: SocketAddr,
    /// The hub's database; `None` means SQLite in the demo directory.
    pub database_url: Option<String>,
    /// How many clinics work at once.
    pub concurrency: usize,
    /// Where the first clinic's node serves its pages.
    pub node_listen: SocketAddr,
}

/// A running demo network.
#[derive(Debug)]
pub struct Demo {
    pub hub: RunningHub,
    /// The first clinic's node, serving its pages and API.
    pub node: tandem_node::app::RunningNode,
    /// One account per role on the hub and on the node, with passwords made for this run.
    pub logins: Vec<Login>,
    /// A personal API token of the hub's administrator, for scripts.
    pub api_token: String,
    pub plan: NetworkPlan,
    pub first_month: Month,
    pub last_month: Month,
    pub elapsed: Duration,
}

/// A stable id for a simulated record, from the seed and what it is.
fn stable_id(seed: u64, kind: u64, a: usize, b: usize) -> Uuid {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (kind << 56) ^ ((a as u64) << 28) ^ b as u64);
    uuid::Builder::from_random_bytes(rng.random()).into_uuid()
}

const MARKER: &str = ".tandem-demo";

/// Empty the demo directory, refusing to touch a directory the demo did not make.
fn prepare(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)?.next().is_none();
        if !empty && !dir.join(MARKER).exists() {
            bail!(
                "{} exists and was not made by the demo; choose another --data-dir",
                dir.display()
            );
        }
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot empty {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(MARKER),
        "made by the Tandem demo; deleted on its next run\n",
    )?;
    Ok(())
}

/// Build the network and leave its hub serving.
pub async fn run(options: Options) -> anyhow::Result<Demo> {
    let started = Instant::now();
    let shape = options.shape;
    let plan = Arc::new(NetworkPlan::new(shape));
    let last_month = options.last_month;
    let first_month = last_month.plus(1 - shape.months as i32)?;
    prepare(&options.dir)?;

    let config = tandem_hub::Config {
        network_name: "Tandem demonstration network".into(),
        data_dir: options.dir.join("hub"),
        web_listen: options.web_listen,
        federation_listen: ([127, 0, 0, 1], 0).into(),
        database_url: options.database_url.clone().unwrap_or_default(),
        ..tandem_hub::Config::default()
    };
    let state = AppState::open(config).await?;
    state
        .store
        .set_setting(tandem_hub::api::SIMULATED, "true")
        .await?;
    definitions::publish(
        state.store.as_ref(),
        &state.config.network_name,
        DefinitionsFile::parse(DEFINITIONS)?,
    )
    .await?;
    let hub = app::serve(state).await?;
    let federation = hub.federation_url();

    // Enrol every clinic through the real path: a code from the hub, a key and signing
    // request on the node, a certificate back over TLS.
    let limit = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let mut enrolments = JoinSet::new();
    for (i, clinic) in plan.clinics.iter().enumerate() {
        let code = enrol::add_clinic(
            hub.state.store.as_ref(),
            &hub.state.ca,
            &clinic.id.parse()?,
            &clinic.name,
            24,
        )
        .await?
        .code;
        let dir = options.dir.join("nodes").join(&clinic.id);
        let federation = federation.clone();
        let limit = limit.clone();
        enrolments.spawn(async move {
            let _permit = limit.acquire_owned().await?;
            let node_config = tandem_node::config::Config {
                listen: ([127, 0, 0, 1], 0).into(),
                ..Default::default()
            };
            let node = Node::init(&dir, node_config).await?;
            identity::enrol(&node, &federation, &code, false).await?;
            sync::run_once(&node).await?;
            anyhow::Ok((i, Arc::new(node)))
        });
    }
    let mut nodes: Vec<Option<Arc<Node>>> = vec![None; plan.clinics.len()];
    while let Some(done) = enrolments.join_next().await {
        let (i, node) = done??;
        nodes[i] = Some(node);
    }
    let nodes: Vec<Arc<Node>> = nodes.into_iter().flatten().collect();
    let first_node = options.dir.join("nodes").join(&plan.clinics[0].id);

    // Month by month: every clinic records, approves and (when online) syncs.
    for m in 0..shape.months {
        let mut work = JoinSet::new();
        for (c, node) in nodes.iter().enumerate() {
            let (node, plan, limit) = (node.clone(), plan.clone(), limit.clone());
            let month = first_month.plus(m as i32)?;
            work.spawn(async move {
                let _permit = limit.acquire_owned().await?;
                clinic_month(&node, &plan, c, m, month)
                    .await
                    .with_context(|| format!("clinic {} in {month}", plan.clinics[c].id))
            });
        }
        while let Some(done) = work.join_next().await {
            done??;
        }
    }
    drop(nodes);
    publish_family_texts(&hub.state, &plan, last_month).await?;

    // The first clinic also keeps a patient-level extract (synthetic patients), and computes
    // its measures from it: the revised months wait for review in its next release.
    let extract_dir = options.dir.join("extract");
    std::fs::create_dir_all(&extract_dir)?;
    let (files, _) = crate::extract::write(
        &extract_dir,
        &crate::extract::Synthetic {
            patients: 400,
            visits_per_patient: 30,
            seed: shape.seed,
            first: first_month.first_day(),
            last: last_month.last_day(),
        },
    )?;
    {
        let node = Node::open(&first_node, None).await?;
        let sources = files
            .into_iter()
            .map(|path| tandem_node::extract::import::Source { path, table: None })
            .collect();
        let taken = last_month.last_day() + chrono::Duration::days(15);
        tandem_node::extract::import::import(&node, sources, &[], taken, "Max Member", |_| {})
            .await?;
        // A new project whose aim names people, as real notes do, and a release prepared
        // for review: the lead finds it waiting, with the scrubber's findings marked.
        let project = Project {
            id: stable_id(shape.seed, 9, 0, 0),
            title: text("Flare action plans"),
            aim: text(
                "By June, every family leaves clinic with a written flare plan. Nurse Okafor \
                 phones families on 555-0142 the week after a flare; the idea came from the \
                 twins' mother at the parent council.",
            ),
            measures: vec![MeasureId::new("remission")?, MeasureId::new("admissions")?],
            start: last_month.plus(-6)?,
            team: Team {
                clinicians: 2,
                other_staff: 1,
                patient_partners: 2,
                family_partners: 1,
            },
        };
        record::save(&node, &project).await?;
        for c in flare_ramp(shape.seed, project.id, last_month)? {
            record::save(&node, &c).await?;
        }
        for (k, depth) in [(1, 1), (2, 2)] {
            let cycle = stable_id(shape.seed, 10, k, 0);
            let clinic = &plan.clinics[0];
            record::save(
                &node,
                &profile(
                    clinic,
                    stable_id(shape.seed, 11, k, 0),
                    Subject::Cycle(cycle),
                    depth * 20,
                ),
            )
            .await?;
        }
        release::preview(&node.store, Selection::Unreleased).await?;
    }

    // People: one account per role on the hub and on the first clinic's node.
    let mut logins = people(
        &hub.state,
        "hub",
        &hub.web_url(),
        &[
            ("admin", "admin@demo.example", "Avery Admin", None),
            ("lead", "lead@demo.example", "Lee Lead", None),
            ("editor", "editor@demo.example", "Eden Editor", None),
            (
                "member",
                "member@demo.example",
                "Morgan Member",
                Some(plan.clinics[0].id.as_str()),
            ),
        ],
    )
    .await?;
    let admin = hub
        .state
        .web
        .accounts
        .user_by_login("admin@demo.example")
        .await?
        .context("the demo's administrator")?;
    let api_token = tandem_web::people::create_token(&hub.state.web, &admin, "demo").await?;
    let mut node = Node::open(&first_node, None).await?;
    node.config.listen = options.node_listen;
    let node = tandem_node::app::serve(node, false).await?;
    let site = tandem_node::state::NodeSite(Arc::new(Node::open(&first_node, None).await?));
    logins.extend(
        people(
            &site,
            "node",
            &node.url(),
            &[
                ("lead", "Lou Lead", "Lou Lead", None),
                ("member", "Max Member", "Max Member", None),
                ("partner", "Pat Partner", "Pat Partner", None),
            ],
        )
        .await?,
    );
    // The family council: partners who answered the three questions on the ramp's cycles
    // (invited, without a password of their own yet). Six answers show as counts; two do not.
    let council = [
        "Robin Partner",
        "Sasha Partner",
        "Noor Partner",
        "Ari Partner",
        "Jules Partner",
    ];
    let mut partners = vec![
        site.web
            .accounts
            .user_by_login("Pat Partner")
            .await?
            .context("the demo's patient partner")?
            .id,
    ];
    for name in council {
        let (user, _) =
            tandem_web::people::add_account(&site, "demo", name, name, "partner", None).await?;
        partners.push(user.id);
    }
    let answers: [[u8; 3]; 6] = [
        [4, 5, 4],
        [5, 4, 3],
        [3, 4, 4],
        [4, 4, 2],
        [5, 5, 4],
        [2, 3, 3],
    ];
    for (account, a) in partners.iter().zip(answers) {
        site.store
            .put_partner_answer(&stable_id(shape.seed, 10, 1, 0).to_string(), *account, a)
            .await?;
    }
    for (account, a) in partners.iter().skip(1).zip(answers).take(2) {
        site.store
            .put_partner_answer(&stable_id(shape.seed, 10, 2, 0).to_string(), *account, a)
            .await?;
    }
    let json = serde_json::to_string_pretty(&logins)?;
    std::fs::write(options.dir.join("logins.json"), json + "\n")?;
    Ok(Demo {
        hub,
        node,
        logins,
        api_token,
        plan: Arc::try_unwrap(plan).unwrap_or_else(|p| (*p).clone()),
        first_month,
        last_month,
        elapsed: started.elapsed(),
    })
}

/// An account the demo made, as `logins.json` lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Login {
    /// `hub` or `node`.
    pub binary: &'static str,
    pub role: &'static str,
    pub user: String,
    pub password: String,
    /// The binary's web address.
    pub url: String,
}

/// A password for a demo account: 15 random letters and digits in three groups, easy to type.
fn demo_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..3)
        .map(|_| {
            (0..5)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Make accounts with passwords of their own (role, login, name, clinic), as an administrator
/// would and as each person would then set.
async fn people<S: tandem_web::Site>(
    site: &S,
    binary: &'static str,
    url: &str,
    accounts: &[(&'static str, &str, &str, Option<&str>)],
) -> anyhow::Result<Vec<Login>> {
    let mut out = Vec::new();
    for &(role, login, name, clinic) in accounts {
        let (user, _link) =
            tandem_web::people::add_account(site, "demo", login, name, role, clinic).await?;
        let password = demo_password();
        let hash = tandem_web::secret::hash_password(password.clone()).await?;
        site.web()
            .accounts
            .set_password(user.id, &hash, chrono::Utc::now())
            .await?;
        out.push(Login {
            binary,
            role,
            user: user.login,
            password,
            url: url.to_owned(),
        });
    }
    Ok(out)
}

fn text(s: impl Into<String>) -> String {
    s.into()
}

/// One clinic's work in one month.
async fn clinic_month(
    node: &Node,
    plan: &NetworkPlan,
    c: usize,
    m: usize,
    month: Month,
) -> anyhow::Result<()> {
    let clinic = &plan.clinics[c];
    let seed = plan.shape.seed;
    let project = stable_id(seed, 1, c, 0);
    if m == 0 {
        record::save(node, &first_project(clinic, project, month)).await?;
        record::save(
            node,
            &profile(
                clinic,
                stable_id(seed, 2, c, 0),
                Subject::Project(project),
                0,
            ),
        )
        .await?;
    }
    // The clinic's cycles, numbered in the order they start.
    let mut order: Vec<(usize, usize)> = clinic
        .adoptions
        .iter()
        .enumerate()
        .filter_map(|(k, a)| a.map(|a| (a.start, k)))
        .collect();
    order.sort_unstable();
    for (sequence, &(start, k)) in order.iter().enumerate() {
        let Some(adoption) = clinic.adoptions[k] else {
            continue;
        };
        let practice = &plan.practices[k];
        let practice_id = stable_id(seed, 4, practice.index, 0);
        let cycle_id = stable_id(seed, 3, c, k);
        let origin = practice.origin == c;
        if m == start || m == adoption.end {
            let cycle = cycle(
                cycle_id,
                project,
                sequence as u32 + 1,
                k,
                (!origin).then_some(practice_id),
                month.plus(start as i32 - m as i32)?,
                (m == adoption.end).then_some((month, adoption.decision)),
            );
            record::save(node, &cycle).await?;
            if m == start && k % 4 == c % 4 {
                record::save(
                    node,
                    &profile(
                        clinic,
                        stable_id(seed, 5, c, k),
                        Subject::Cycle(cycle_id),
                        m,
                    ),
                )
                .await?;
            }
        }
        if origin && m == practice.published {
            record::save(node, &practice_record(practice_id, k, cycle_id, c)).await?;
        }
    }
    for cycle in extra_tests(plan, c, m, project, month)? {
        // A clinic offline since the practice was shared has not heard of it: no test.
        let from = cycle
            .from_practice
            .map(|p| p.to_string())
            .unwrap_or_default();
        if node.store.practice_known(&from).await? {
            record::save(node, &cycle).await?;
        }
    }
    for n in catalogue_extras(plan, c, m) {
        let extra = extra_records(plan, c, n, project, month)?;
        record::save(node, &extra.cycle).await?;
        if let Some(profile) = &extra.profile {
            record::save(node, profile).await?;
        }
        record::save(node, &extra.practice).await?;
    }
    for (i, measure) in MEASURES.iter().enumerate() {
        let (n, d) = clinic.values[m][i];
        let entry = MeasureEntry {
            measure: MeasureId::new(*measure)?,
            month,
            numerator: Some(n),
            denominator: Some(d),
            value: None,
        };
        record::save(node, &entry).await?;
    }
    let preview = release::preview(&node.store, Selection::Unreleased).await?;
    if let Some(problem) = preview.problems.first() {
        bail!(
            "the release gate refused {} {}: {}",
            problem.kind.as_str(),
            problem.id,
            problem.message
        );
    }
    release::approve(&node.store, preview.id, "Lou Lead", &preview.payload_sha256).await?;
    if clinic.syncs[m] {
        sync::run_once(node).await?;
    }
    Ok(())
}

/// A ramp of three cycles on the flare project: two adapted, the third being studied.
fn flare_ramp(seed: u64, project: Uuid, last: Month) -> anyhow::Result<Vec<PdsaCycle<String>>> {
    let plan = |objective: &str, what: &str| Plan {
        objective: text(objective),
        prediction: text(
            "At least 8 of the next 10 families seen after a flare will leave with a written plan.",
        ),
        who: text("The nurse lead and a parent partner, with the physician of the day."),
        what: text(what),
        when: text("Four weeks."),
        where_: text("The Tuesday clinic."),
        data: text("A tick sheet at the desk: plan given yes or no, and how long it took."),
    };
    let first = stable_id(seed, 10, 0, 0);
    let second = stable_id(seed, 10, 1, 0);
    let cycle = |k: usize, follows: Option<Uuid>, start: i32, end: i32| -> anyhow::Result<_> {
        Ok(PdsaCycle {
            id: stable_id(seed, 10, k, 0),
            project,
            sequence: k as u32 + 1,
            change_idea: text(match k {
                0 => "A written flare plan handed to families at the visit",
                1 => "A shorter flare plan, filled in with the family",
                _ => "The shorter plan, with a phone call the week after a flare",
            }),
            from_practice: None,
            follows,
            plan: plan(
                match k {
                    0 => {
                        "Find out whether a written plan can be given at every visit after a flare."
                    }
                    1 => "See whether a one-page plan fits into a busy clinic day.",
                    _ => {
                        "Learn whether a call the week after a flare keeps families on their plan."
                    }
                },
                match k {
                    0 => "The four-page plan from the network, printed and explained.",
                    1 => "A one-page plan the nurse fills in with the family.",
                    _ => "The one-page plan, then a call from the nurse the week after.",
                },
            ),
            do_: Do {
                happened: text(if k < 2 {
                    "Ran on four Tuesdays. On two busy days the plan was not given."
                } else {
                    "Ran for a month; calls were made on most days."
                }),
                observations: text(if k < 2 {
                    "Families liked having it in writing; the long form took 15 minutes."
                } else {
                    "Two families asked for the call to come by text message instead."
                }),
            },
            study: Study {
                results: text(match k {
                    0 => {
                        "6 of 10 families got a plan, below the 8 predicted: time was the problem."
                    }
                    1 => "9 of 10 families got a plan, and it took 5 minutes on average.",
                    _ => "",
                }),
            },
            act: Act {
                decision: (k < 2).then_some(ActDecision::Adapt),
                next_step: text(match k {
                    0 => "Cut the plan to one page and fill it in with the family.",
                    1 => "Keep the short plan and add a phone call the week after.",
                    _ => "",
                }),
            },
            start: last.plus(start)?,
            end: Some(last.plus(end)?),
            status: if k < 2 {
                CycleStatus::Complete
            } else {
                CycleStatus::Studying
            },
        })
    };
    Ok(vec![
        cycle(0, None, -5, -4)?,
        cycle(1, Some(first), -3, -2)?,
        cycle(2, Some(second), -1, 0)?,
    ])
}

fn first_project(clinic: &ClinicPlan, id: Uuid, start: Month) -> Project<String> {
    Project {
        id,
        title: text("Reliable care for every patient with IBD"),
        aim: text(
            "Raise the proportion of our patients in remission from about half to 75 % within five years, without more long-term steroid use.",
        ),
        measures: MEASURES
            .iter()
            .filter_map(|m| MeasureId::new(*m).ok())
            .collect(),
        start,
        team: Team {
            clinicians: clinic.clinicians,
            other_staff: 2,
            patient_partners: clinic.patient_partners,
            family_partners: u32::from(clinic.patient_partners > 1),
        },
    }
}

fn profile(clinic: &ClinicPlan, id: Uuid, subject: Subject, month: usize) -> PartnershipProfile {
    // Partnership deepens over the years, and more so where the clinic started deeper.
    let level = (usize::from(clinic.partnership_depth) + month / 20).min(3);
    let depth = |shift: usize| match level.saturating_sub(shift) {
        0 => Depth::None,
        1 => Depth::Consulted,
        2 => Depth::Involved,
        _ => Depth::Partner,
    };
    PartnershipProfile {
        id,
        subject,
        place: if level >= 3 {
            Place::Organisation
        } else {
            Place::Clinic
        },
        phases: PhaseDepths {
            design: depth(0),
            plan: depth(0),
            implement: depth(1),
            evaluate: depth(1),
        },
        parity: Parity {
            patients: clinic.patient_partners,
            professionals: clinic.clinicians + 2,
            compensation: level >= 2,
            preparation: level >= 1,
            support_contact: level >= 1,
            shared_leadership: level >= 3,
            power_balance: level >= 2,
            vulnerability: level >= 2,
        },
    }
}

/// One cycle testing practice `k` of the demonstration texts; complete with `ended`'s decision.
pub fn cycle(
    id: Uuid,
    project: Uuid,
    sequence: u32,
    k: usize,
    from_practice: Option<Uuid>,
    start: Month,
    ended: Option<(Month, ActDecision)>,
) -> PdsaCycle<String> {
    let title = PRACTICES[k].title;
    let (study, next) = match ended.map(|(_, d)| d) {
        Some(ActDecision::Adopt) => (
            "The change worked as predicted and the team found it easy to keep up.",
            "Make it standard work and check it monthly.",
        ),
        Some(ActDecision::Adapt) => (
            "It helped, but took too long on busy days.",
            "Shorten it and test again with the afternoon clinic.",
        ),
        Some(ActDecision::Abandon) => (
            "No change in the measure, and the team found it a burden.",
            "Stop, and look for a different change idea.",
        ),
        Some(ActDecision::Continue) | None => ("", ""),
    };
    PdsaCycle {
        id,
        project,
        sequence,
        change_idea: text(title),
        from_practice,
        follows: None,
        plan: Plan {
            objective: format!("Test \"{title}\" with one clinic day a week."),
            prediction: text("More of our patients will be in remission within six months."),
            who: text("The nurse lead, one physician and a parent partner."),
            what: text(title),
            when: text("Four weeks."),
            where_: text("The Tuesday clinic."),
            data: text("Remission and visits with a complete score, by week."),
        },
        do_: Do {
            happened: text(if ended.is_some() {
                "Ran as planned on most clinic days."
            } else {
                ""
            }),
            observations: text(if ended.is_some() {
                "Families said visits felt more focused."
            } else {
                ""
            }),
        },
        study: Study {
            results: text(study),
        },
        act: Act {
            decision: ended.map(|(_, d)| d),
            next_step: text(next),
        },
        start,
        end: ended.map(|(m, _)| m),
        status: if ended.is_some() {
            CycleStatus::Complete
        } else {
            CycleStatus::Doing
        },
    }
}

fn practice_record(id: Uuid, k: usize, cycle: Uuid, c: usize) -> Practice<String> {
    let t = &PRACTICES[k];
    Practice {
        id,
        title: text(t.title),
        summary: text(t.summary),
        detail: text(t.detail),
        language: if t.french { Language::Fr } else { Language::En },
        conditions: vec![Tag::new("ibd").expect("a valid tag")],
        topics: t.topics.iter().filter_map(|s| Tag::new(*s).ok()).collect(),
        co_designed: k % 3 != 1,
        cycles: vec![cycle],
        public: k % 6 != 5,
        show_clinic_name: !c.is_multiple_of(4),
        credits: credits(k + c, k % 3 != 1),
    }
}

/// Made-up co-design credits: who took part by role, for the co-designed practices; one in
/// five without the consent of those counted, so that its counts stay in the clinic.
fn credits(n: usize, co_designed: bool) -> Credits {
    if !co_designed {
        return Credits::default();
    }
    let count = |c: usize| u32::try_from(c).unwrap_or(1);
    let mut roles = vec![RoleCount {
        role: CreditRole::Parent,
        count: count(1 + n % 3),
    }];
    if n.is_multiple_of(2) {
        roles.push(RoleCount {
            role: CreditRole::Teenager,
            count: 1,
        });
    }
    roles.push(RoleCount {
        role: CreditRole::Clinician,
        count: count(1 + n % 4),
    });
    let stages = Stage::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || !(n + i).is_multiple_of(3))
        .map(|(_, s)| s)
        .collect();
    Credits {
        roles,
        stages,
        consent: n % 5 != 2,
    }
}

/// Practices clinics share only for the catalogue, beside the twelve that spread: each idea
/// of [`family::IDEAS`] adapted for each group of [`family::VARIANTS`], at most four a clinic.
pub fn extra_count(plan: &NetworkPlan) -> usize {
    (family::IDEAS.len() * family::VARIANTS.len()).min(plan.clinics.len() * 4)
}

/// The extra practices clinic `c` shares in month `m`: in the first half of the years, so
/// that even a clinic that is often offline has sent them by the end.
fn catalogue_extras(plan: &NetworkPlan, c: usize, m: usize) -> Vec<usize> {
    let clinics = plan.clinics.len().max(1);
    (0..extra_count(plan))
        .filter(|n| n % clinics == c && extra_month(plan, *n) == m)
        .collect()
}

/// The month extra practice `n` is shared.
fn extra_month(plan: &NetworkPlan, n: usize) -> usize {
    1 + n % (plan.shape.months / 2).max(1)
}

struct Extra {
    cycle: PdsaCycle<String>,
    profile: Option<PartnershipProfile>,
    practice: Practice<String>,
}

/// Extra practice `n`: a cycle of its own that tested it (finished for two in three), a
/// partnership profile where families helped, and the practice, public for most.
fn extra_records(
    plan: &NetworkPlan,
    c: usize,
    n: usize,
    project: Uuid,
    month: Month,
) -> anyhow::Result<Extra> {
    let seed = plan.shape.seed;
    let (idea, variant) = extra_idea(n);
    let cycle_id = stable_id(seed, 12, n, 0);
    let cycle = extra_cycle(
        cycle_id,
        project,
        n,
        month,
        (!n.is_multiple_of(3)).then_some(month),
        None,
    );
    let co_designed = n % 5 != 2;
    let profile = co_designed.then(|| {
        let mut p = profile(
            &plan.clinics[c],
            stable_id(seed, 13, n, 0),
            Subject::Cycle(cycle_id),
            n % 60,
        );
        p.place = [
            Place::DirectCare,
            Place::Clinic,
            Place::Organisation,
            Place::System,
        ][n % 4];
        p
    });
    let french = n % 4 == 3;
    let words = if french { &idea.fr } else { &idea.en };
    let group = if french { &variant.fr } else { &variant.en };
    let family = words.for_group(group);
    let practice = Practice {
        id: extra_id(seed, n),
        title: family.title,
        summary: family.summary,
        detail: text(idea.en.care_team),
        language: if french { Language::Fr } else { Language::En },
        conditions: vec![Tag::new(variant.condition)?],
        topics: idea
            .topics
            .iter()
            .filter_map(|t| Tag::new(*t).ok())
            .collect(),
        co_designed,
        cycles: vec![cycle_id],
        public: n % 40 != 39,
        show_clinic_name: n % 3 != 1,
        credits: credits(n, co_designed),
    };
    Ok(Extra {
        cycle,
        profile,
        practice,
    })
}

/// A cycle testing extra practice `n` (at its own clinic, or from the practice at another),
/// adopted if it `ended`.
fn extra_cycle(
    id: Uuid,
    project: Uuid,
    n: usize,
    start: Month,
    ended: Option<Month>,
    from: Option<Uuid>,
) -> PdsaCycle<String> {
    let (idea, variant) = extra_idea(n);
    let mut cycle = cycle(id, project, 100 + n as u32, 0, from, start, None);
    let title = format!("{} {}", idea.en.title, variant.en.title);
    cycle.change_idea = title.clone();
    cycle.plan.what = title.clone();
    cycle.plan.objective = format!("Test \"{title}\" with one clinic day a week.");
    if let Some(end) = ended {
        cycle.act.decision = Some(ActDecision::Adopt);
        cycle.end = Some(end);
        cycle.status = CycleStatus::Complete;
        cycle.do_.happened = text("Ran as planned on most clinic days.");
        cycle.study.results = text("Families found it helpful and the team could keep it up.");
        cycle.act.next_step = text("Keep doing it and share it with the network.");
    }
    cycle
}

/// The cycles clinic `c` starts or finishes in month `m` testing other clinics' extra
/// practices: two clinics test one in ten of them, three another one in ten, so that the
/// catalogue has practices on every rung of the evidence ladder.
fn extra_tests(
    plan: &NetworkPlan,
    c: usize,
    m: usize,
    project: Uuid,
    month: Month,
) -> anyhow::Result<Vec<PdsaCycle<String>>> {
    let clinics = plan.clinics.len().max(1);
    let mut out = Vec::new();
    for n in (0..extra_count(plan)).filter(|n| matches!(n % 10, 5 | 6)) {
        let testers = if n % 10 == 5 { 2 } else { 3 };
        let Some(i) = (1..=testers).find(|i| (n + i) % clinics == c && n % clinics != c) else {
            continue;
        };
        let shared = extra_month(plan, n);
        let (start, end) = (shared + 2, shared + 4);
        if m == start || m == end {
            let id = stable_id(plan.shape.seed, 15, n, i);
            let started = month.plus(start as i32 - m as i32)?;
            let ended = (m == end).then_some(month);
            out.push(extra_cycle(
                id,
                project,
                n,
                started,
                ended,
                Some(extra_id(plan.shape.seed, n)),
            ));
        }
    }
    Ok(out)
}

fn extra_id(seed: u64, n: usize) -> Uuid {
    stable_id(seed, 14, n, 0)
}

fn extra_idea(n: usize) -> (&'static family::Idea, &'static family::Variant) {
    (
        &family::IDEAS[n % family::IDEAS.len()],
        &family::VARIANTS[(n / family::IDEAS.len()) % family::VARIANTS.len()],
    )
}

/// A network editor publishes the family texts of every practice that reached the hub: both
/// languages for most, one for some (the catalogue says they are not yet translated).
async fn publish_family_texts(
    state: &AppState,
    plan: &NetworkPlan,
    last_month: Month,
) -> anyhow::Result<()> {
    let seed = plan.shape.seed;
    let at = last_month
        .last_day()
        .and_hms_opt(12, 0, 0)
        .context("a time")?
        .and_utc();
    let mut texts = Vec::new();
    for practice in &plan.practices {
        let k = practice.index;
        let idea = &family::IDEAS[k];
        let id = stable_id(seed, 4, k, 0);
        // One in English only, one (written in French) in French only.
        if k != 10 {
            texts.push((id, Language::En, idea.en.text()));
        }
        if k != 3 {
            texts.push((id, Language::Fr, idea.fr.text()));
        }
    }
    for n in 0..extra_count(plan) {
        let (idea, variant) = extra_idea(n);
        let id = extra_id(seed, n);
        let french = n % 4 == 3;
        if french || n % 9 != 4 {
            texts.push((id, Language::Fr, idea.fr.for_group(&variant.fr)));
        }
        if !french || n % 9 != 7 {
            texts.push((id, Language::En, idea.en.for_group(&variant.en)));
        }
    }
    for (id, lang, text) in texts {
        match state
            .store
            .save_family_text(id, lang, &text, true, "editor@demo.example", at)
            .await
        {
            // A practice whose clinic never sent it (offline to the end) is not on the hub.
            Err(tandem_hub::Error::NotFound(_)) => {}
            other => {
                other?;
            }
        }
    }
    // Simulated families' clicks on the practices that spread, so that the pages show counts.
    for practice in &plan.practices {
        let id = stable_id(seed, 4, practice.index, 0);
        for i in 0..(3 + practice.index * 5) % 17 {
            let kind = if i % 3 == 2 {
                tandem_hub::store::Reaction::Helped
            } else {
                tandem_hub::store::Reaction::Tried
            };
            match state.store.add_reaction(id, kind).await {
                Err(tandem_hub::Error::NotFound(_)) => break,
                other => other?,
            }
        }
    }
    // Simulated families' stories: some published by the editor, two waiting to be read.
    let stories = family::STORIES
        .iter()
        .map(|s| (s, true))
        .chain(family::WAITING.iter().map(|s| (s, false)));
    for (n, (&(k, code, words), published)) in stories.enumerate() {
        let Some(practice) = plan.practices.iter().find(|p| p.index == k) else {
            continue;
        };
        let story = tandem_hub::store::NewStory {
            id: stable_id(seed, 15, n, 0),
            practice: stable_id(seed, 4, practice.index, 0),
            lang: Language::parse(code).context("a story's language")?,
            original: words.to_owned(),
            withdraw_hash: tandem_web::secret::token_hash(&format!("demo-story-{seed}-{n}")),
            submitted_at: at - chrono::TimeDelta::days(3),
        };
        match state.store.add_story(&story).await {
            Err(tandem_hub::Error::NotFound(_)) => continue,
            other => other?,
        }
        if published {
            state
                .store
                .decide_story(
                    story.id,
                    &tandem_hub::store::Decision::Publish(words.to_owned()),
                    "editor@demo.example",
                    at,
                )
                .await?;
        }
    }
    Ok(())
}
