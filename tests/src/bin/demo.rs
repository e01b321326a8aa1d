//! `cargo run --release -p tandem-tests --bin demo`: a simulated learning health network of 66
//! clinics over 60 months, served by a real hub on embedded SQLite.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use tandem_tests::demo::{self, Options, plan::Shape};

/// Start a demo network: a hub, and simulated clinics that enrol and sync over mutual TLS.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// The same seed gives the same network.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    #[arg(long, default_value_t = 66)]
    clinics: usize,
    #[arg(long, default_value_t = 60)]
    months: usize,
    /// The last simulated month.
    #[arg(long, default_value = "2026-10")]
    last_month: String,
    /// Patients across the network.
    #[arg(long, default_value_t = 18_700)]
    patients: u32,
    /// A directory the demo owns (emptied on each run).
    #[arg(long, default_value = "demo-data")]
    data_dir: PathBuf,
    /// The hub's database: empty for SQLite in the data directory, or postgres://… (which
    /// must be empty).
    #[arg(long, default_value = "")]
    database_url: String,
    /// Where the dashboards listen.
    #[arg(long, default_value = "127.0.0.1:8080")]
    web_listen: SocketAddr,
    /// Where the first clinic's node serves its pages.
    #[arg(long, default_value = "127.0.0.1:7878")]
    node_listen: SocketAddr,
    /// Build the network, print the summary and exit instead of serving.
    #[arg(long)]
    exit: bool,
}

fn main() -> std::process::ExitCode {
    tandem_hub::cli::init_tracing(tandem_hub::config::LogFormat::Human, "warn");
    let args = Args::parse();
    // The whole chain of causes, not only the outermost.
    tandem_service::process::run_main("demo", async {
        run(args).await.map_err(|e| format!("{e:#}"))
    })
}

async fn run(args: Args) -> anyhow::Result<()> {
    println!(
        "Building a simulated network: {} clinics, {} months, seed {} …",
        args.clinics, args.months, args.seed
    );
    let demo = demo::run(Options {
        shape: Shape {
            seed: args.seed,
            clinics: args.clinics,
            months: args.months,
            patients: args.patients,
        },
        last_month: args.last_month.parse()?,
        dir: args.data_dir.clone(),
        web_listen: args.web_listen,
        database_url: Some(args.database_url.clone()).filter(|u| !u.is_empty()),
        concurrency: 8,
        node_listen: args.node_listen,
    })
    .await?;
    let summary = tandem_hub::api::summary(&demo.hub.state).await?;
    let patients: u32 = demo.plan.clinics.iter().map(|c| c.patients).sum();
    println!();
    println!("SIMULATED DATA: every clinic, count and practice is made up.");
    println!(
        "{} clinics ({} patients) enrolled over mutual TLS; {} months, {} to {}; built in {:.1} s.",
        summary.clinics_enrolled,
        patients,
        summary.months,
        demo.first_month,
        demo.last_month,
        demo.elapsed.as_secs_f64()
    );
    println!(
        "The hub holds {} releases, {} monthly values, {} cycles, {} practices.",
        summary.records.get("release").unwrap_or(&0),
        summary.records.get("measure_value").unwrap_or(&0),
        summary.records.get("cycle").unwrap_or(&0),
        summary.records.get("practice").unwrap_or(&0),
    );
    println!();
    println!(
        "  Network dashboard:  {}/  (log in below)",
        demo.hub.web_url()
    );
    println!(
        "  A clinic's node:    {}/  ({})",
        demo.node.url(),
        demo.plan.clinics[0].name
    );
    println!("  Federation (mTLS):  {}", demo.hub.federation_url());
    println!();
    println!(
        "Logins made for this run (also in {}):",
        args.data_dir.join("logins.json").display()
    );
    for login in &demo.logins {
        println!(
            "  {:<4} {:<8} {:<22} {}  {}",
            login.binary, login.role, login.user, login.password, login.url
        );
    }
    println!();
    println!("  JSON API, as the administrator:");
    println!(
        "    curl -H 'Authorization: Bearer {}' {}/api/v1/network",
        demo.api_token,
        demo.hub.web_url()
    );
    println!("  Data:               {}", args.data_dir.display());
    if args.exit {
        demo.node.stop().await;
        demo.hub.stop().await;
        return Ok(());
    }
    println!();
    println!("Serving until Ctrl-C.");
    tandem_hub::cli::shutdown_signal().await;
    demo.node.stop().await;
    demo.hub.stop().await;
    Ok(())
}
