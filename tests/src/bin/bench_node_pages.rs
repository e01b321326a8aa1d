//! `cargo run --release -p tandem-tests --bin bench_node_pages`: a clinic's node with five
//! years of data (a synthetic extract of 1,000 patients computed into 60 months of the four
//! measures, a project with a ramp of 30 cycles and their partnership pulses, and a release
//! prepared for review), served by the real `tandem-node serve`
//! process. Prints its idle resident memory (goal: at most 25 MB with the UI) and, for each
//! page, the median and 99th-percentile answer time over 200 requests (goal: p99 under 50 ms).
//! Build the binaries in release first: `cargo build --release --workspace --bins`.

use std::process::Stdio;
use std::time::{Duration, Instant};

use tandem_node::config::Config;
use tandem_node::extract::import::{self, Source};
use tandem_node::record;
use tandem_node::release::{self, Selection};
use tandem_node::state::Node;
use tandem_shared::model::{
    ActDecision, CycleStatus, Parity, PartnershipProfile, PhaseDepths, Place, Project, Subject,
    Team,
};
use tandem_tests::demo::cycle;
use tandem_tests::extract::{Synthetic, date, write};
use tandem_tests::kit::{self, Session};
use tokio::io::{AsyncBufReadExt, BufReader};
use uuid::Uuid;

fn rss_mib(pid: u32, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    kit::init();
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("node");
    let (studied, project_id) = {
        let node = Node::init(
            &dir,
            Config {
                listen: ([127, 0, 0, 1], 0).into(),
                ..Config::default()
            },
        )
        .await?;
        let text = std::fs::read_to_string(kit::definitions_file())?;
        let defs = tandem_hub::definitions::DefinitionsFile::parse(&text)?.definitions("Bench", 1);
        node.store.put_definitions(&defs).await?;
        let (files, visits) = write(
            tmp.path(),
            &Synthetic {
                patients: 1_000,
                visits_per_patient: 60,
                seed: 7,
                first: date(2021, 11, 1),
                last: date(2026, 10, 31),
            },
        )?;
        let sources = files
            .into_iter()
            .map(|path| Source { path, table: None })
            .collect();
        let outcome =
            import::import(&node, sources, &[], date(2026, 11, 20), "bench", |_| {}).await?;
        // Five years of improvement work: a project with a ramp of 30 cycles, each with its
        // partnership pulse; the last one being studied.
        let first = tandem_shared::model::Month::new(2021, 11)?;
        let project = Project {
            id: Uuid::new_v4(),
            title: "Reliable care for every patient".into(),
            aim: "Raise remission from half to three quarters of our patients in five years."
                .into(),
            measures: defs.measures.iter().map(|m| m.id.clone()).collect(),
            start: first,
            team: Team::default(),
        };
        record::save(&node, &project).await?;
        let mut previous = None;
        for k in 0..30u32 {
            let start = first.plus(2 * k as i32)?;
            let ended = (k < 29).then_some((start.plus(1)?, ActDecision::Adapt));
            let mut c = cycle(
                Uuid::new_v4(),
                project.id,
                k + 1,
                k as usize % 6,
                None,
                start,
                ended,
            );
            if ended.is_none() {
                c.status = CycleStatus::Studying;
            }
            c.follows = previous;
            previous = Some(c.id);
            record::save(&node, &c).await?;
            record::save(
                &node,
                &PartnershipProfile {
                    id: Uuid::new_v4(),
                    subject: Subject::Cycle(c.id),
                    place: Place::Clinic,
                    phases: PhaseDepths::default(),
                    parity: Parity::default(),
                },
            )
            .await?;
        }
        let prepared = release::preview(&node.store, Selection::Unreleased).await?;
        println!(
            "data: {} patients, {visits} visits, {} monthly values, release {} of {} records prepared",
            outcome.patients,
            outcome.added.len(),
            prepared.id,
            prepared.items.len()
        );
        (previous, Some(project.id))
    };
    let binary = kit::binary("tandem-node");
    let link = {
        let out = std::process::Command::new(&binary)
            .arg("--data-dir")
            .arg(&dir)
            .args(["user", "add", "--role", "lead", "Bench Lead"])
            .output()?;
        kit::printed_link(&out)
    };
    let mut child = tokio::process::Command::new(&binary)
        .arg("--data-dir")
        .arg(&dir)
        .args(["serve", "--no-sync"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let pid = child.id().unwrap_or(0);
    let mut lines = BufReader::new(
        child
            .stdout
            .take()
            .ok_or_else(|| anyhow::anyhow!("no stdout"))?,
    )
    .lines();
    let first = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await??
        .unwrap_or_default();
    let base = first.rsplit(' ').next().unwrap_or("").to_owned();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let idle = rss_mib(pid, "VmRSS:");
    println!("binary: {}", binary.display());
    println!(
        "idle resident memory: {:.1} MiB (goal: at most 25 MB)",
        idle.unwrap_or(f64::NAN)
    );
    let session = Session::from_link(&kit::at(&base, &link), "a long enough passphrase").await;
    let release_page = format!("/releases/{}", 1);
    let project_page = format!("/projects/{}", project_id.unwrap_or_default());
    let cycle_page = format!("/cycles/{}", studied.unwrap_or_default());
    let study_page = format!("{cycle_page}?step=study");
    let pages = [
        "/",
        "/measures",
        "/measures/remission",
        "/extract",
        "/releases",
        release_page.as_str(),
        "/sync",
        "/projects",
        project_page.as_str(),
        cycle_page.as_str(),
        study_page.as_str(),
        "/partnership",
        "/practices",
        "/catalogue",
    ];
    for page in pages {
        let (status, _) = session.page(page).await;
        anyhow::ensure!(status == 200, "{page} answered {status}");
        let mut times = Vec::with_capacity(200);
        for _ in 0..200 {
            let started = Instant::now();
            let (status, _) = session.page(page).await;
            times.push(started.elapsed());
            anyhow::ensure!(status == 200, "{page} answered {status}");
        }
        times.sort();
        println!(
            "{page:<62} p50 {:>6.2} ms   p99 {:>6.2} ms",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3
        );
    }
    println!(
        "resident memory after the requests: {:.1} MiB (peak {:.1} MiB)",
        rss_mib(pid, "VmRSS:").unwrap_or(f64::NAN),
        rss_mib(pid, "VmHWM:").unwrap_or(f64::NAN)
    );
    Ok(())
}
