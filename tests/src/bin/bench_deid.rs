//! `scripts/bench-deid`: how well and how fast the scrubber finds identifiers, per category, on
//! Tandem's labelled corpus, and as an extra check on the sets in `../shared/data/deid/`.
//!
//! Goals (issue 4): token-level recall ≥ 0.98 with precision ≥ 0.80, names recall ≥ 0.98, and
//! at least 2.4 million characters per second on one core.

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use tandem_shared::privacy::scrub::{Category, Scrubber};
use tandem_tests::deid::{self, Report};

#[derive(Debug, Parser)]
#[command(name = "bench-deid")]
struct Args {
    /// Seconds to spend measuring throughput.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// Where the extra JSONL sets are, if present.
    #[arg(long, default_value = "../shared/data/deid")]
    extra: PathBuf,
    /// Print every miss and false alarm.
    #[arg(long)]
    verbose: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let scrubber = Scrubber::new();
    let corpus = deid::corpus();
    // Load the dictionaries before timing anything.
    scrubber.find("Warm up, Dr. Smith.");

    let report = deid::evaluate(&scrubber, &corpus);
    println!(
        "Tandem corpus: {} documents, {} characters (English and French)",
        report.documents, report.chars
    );
    println!(
        "recall: labelled tokens removed by any finding; typed: by a finding of their own \
         category, so the placeholder is right too; precision: flagged tokens that were labelled"
    );
    println!("{report}");
    if args.verbose {
        print_details(&report);
    }

    let texts: Vec<&str> = corpus.iter().map(|d| d.text.as_str()).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let started = Instant::now();
    let mut rounds = 0u64;
    let mut found = 0usize;
    while started.elapsed().as_secs_f64() < args.seconds {
        for t in &texts {
            found += scrubber.scrub(t).findings.len();
        }
        rounds += 1;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let throughput = (chars as f64 * rounds as f64) / elapsed;
    println!(
        "throughput: {:.2} million characters per second on one core ({rounds} passes, {found} findings)",
        throughput / 1e6
    );

    let all = report.overall();
    let names = report.category(Category::Name);
    let goals = [
        ("recall ≥ 0.98", all.recall() >= 0.98),
        ("precision ≥ 0.80", all.precision() >= 0.80),
        (
            "names recall ≥ 0.98 (each found as a name)",
            names.typed_recall() >= 0.98,
        ),
        ("throughput ≥ 2.4 M chars/s", throughput >= 2.4e6),
    ];
    for (goal, met) in goals {
        println!("goal {goal}: {}", if met { "met" } else { "NOT met" });
    }

    let holdout = deid::parse_corpus("holdout", deid::HOLDOUT).map_err(anyhow::Error::msg)?;
    let report = deid::evaluate(&scrubber, &holdout);
    println!(
        "\nlater set: {} documents written after the rules were settled (untuned, it scored \
         recall 0.970, precision 1.000; see its header)",
        report.documents
    );
    println!("{report}");
    if args.verbose {
        print_details(&report);
    }

    for file in ["deidgate_seed.jsonl", "presidio_synth.jsonl"] {
        let path = args.extra.join(file);
        let Ok(source) = std::fs::read_to_string(&path) else {
            println!("\nextra set {} not found; skipped", path.display());
            continue;
        };
        let docs = deid::parse_jsonl(&source).map_err(anyhow::Error::msg)?;
        let report = deid::evaluate(&scrubber, &docs);
        println!(
            "\nextra check, {file}: {} documents (Safe Harbor categories only)",
            report.documents
        );
        println!("{report}");
        if args.verbose {
            print_details(&report);
        }
    }
    Ok(())
}

fn print_details(report: &Report) {
    for m in &report.misses {
        println!("  missed {m}");
    }
    for f in &report.false_alarms {
        println!("  false alarm {f}");
    }
}
