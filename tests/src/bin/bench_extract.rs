//! `cargo run --release -p tandem-tests --bin bench_extract`: a synthetic extract of 10,000
//! patients with 100 visits each (1 million visit rows, with their admissions and courses of
//! medicine) imported into a fresh node, which computes 120 months of the network's four
//! measures. Prints rows per second and the total time; the goal is under 30 seconds
//! on one core. `--patients N --visits N` make it smaller or larger.

use std::time::Instant;

use tandem_node::config::Config;
use tandem_node::extract::import::{self, Source};
use tandem_node::state::Node;
use tandem_tests::extract::{Synthetic, date, write};

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let synthetic = Synthetic {
        patients: arg("--patients", 10_000),
        visits_per_patient: arg("--visits", 100),
        seed: 42,
        first: date(2016, 11, 1),
        last: date(2026, 10, 31),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let tmp = tempfile::tempdir()?;
        let made = Instant::now();
        let (paths, visits) = write(tmp.path(), &synthetic)?;
        let bytes: u64 = paths
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        println!(
            "extract: {} patients, {visits} visit rows, {:.1} MB in 4 files (made in {:.1} s, not counted)",
            synthetic.patients,
            bytes as f64 / 1e6,
            made.elapsed().as_secs_f64()
        );
        let node = Node::init(&tmp.path().join("node"), Config::default()).await?;
        let text = std::fs::read_to_string(tandem_tests::kit::definitions_file())?;
        let defs = tandem_hub::definitions::DefinitionsFile::parse(&text)?.definitions("Bench", 1);
        node.store.put_definitions(&defs).await?;
        let sources = paths
            .iter()
            .map(|p| Source {
                path: p.clone(),
                table: None,
            })
            .collect();
        let started = Instant::now();
        let outcome =
            import::import(&node, sources, &[], date(2026, 11, 20), "bench", |_| {}).await?;
        let total = started.elapsed().as_secs_f64();
        let rows = outcome.rows + outcome.patients;
        let (first, last) = outcome.months.unwrap_or(("2026-10".parse()?, "2026-10".parse()?));
        let months = last.index() - first.index() + 1;
        println!(
            "import and compute: {rows} rows, {months} months ({first} to {last}) of {} measures, {} values",
            4,
            outcome.added.len()
        );
        println!("rows per second: {:.0}", rows as f64 / total);
        println!("total time: {total:.2} s (goal: under 30 s on one core)");
        let again = Instant::now();
        let same = import::import(
            &node,
            paths
                .iter()
                .map(|p| Source {
                    path: p.clone(),
                    table: None,
                })
                .collect(),
            &[],
            date(2026, 11, 20),
            "bench",
            |_| {},
        )
        .await?;
        println!(
            "the same files again: {:.2} s, nothing changed: {}",
            again.elapsed().as_secs_f64(),
            same.nothing_changed()
        );
        if let Some(rss) = peak_rss_mib() {
            println!("peak memory (VmHWM): {rss:.0} MiB");
        }
        Ok(())
    })
}
