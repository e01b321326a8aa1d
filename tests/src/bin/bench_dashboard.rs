//! `scripts/bench-dashboard`: the leads' read path at network scale. A hub holding 10,000
//! clinics × 120 months × 4 measures (loaded through the store's own ingest steps, without
//! TLS), served by the real `tandem-hub serve` process, on SQLite and on PostgreSQL. For the
//! network series JSON, the network summary, the overview page, the measure page and its
//! funnel of every clinic: the median and 99th-percentile answer time (sequential requests),
//! and the requests per second under load (8 connections, keep-alive) beside `/healthz` in the
//! same run; the hub's resident memory. Then DuckDB computes the same network series from the
//! raw values the store exports (the script installs DuckDB from PyPI in a private venv), and
//! the ratio is printed.
//!
//! Goals: the network series ≥ 10× faster than DuckDB from raw values; the measure page's p99
//! under 50 ms on SQLite; the overview and the summary at ≥ 20 % of `/healthz`'s requests per
//! second.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::Utc;
use clap::Parser;
use tandem_hub::definitions::{self, DefinitionsFile};
use tandem_hub::ingest;
use tandem_hub::store::{self, CheckedRelease, Store};
use tandem_shared::model::{ClinicId, MeasureId, Month};
use tandem_shared::protocol::{IdempotencyKey, ProtocolVersion, ReleaseEnvelope, ReleaseItem};
use tandem_tests::database::{Backend, POSTGRES_VAR, TestDatabase};
use tandem_tests::demo::DEFINITIONS;
use tandem_tests::kit::HubProcess;

#[derive(Debug, Parser)]
#[command(name = "bench-dashboard")]
struct Args {
    #[arg(long, default_value_t = 10_000)]
    clinics: usize,
    #[arg(long, default_value_t = 120)]
    months: usize,
    /// The engines to measure: sqlite, postgres or both.
    #[arg(long, default_value = "sqlite,postgres")]
    engines: String,
    /// Sequential requests per endpoint for the percentiles.
    #[arg(long, default_value_t = 200)]
    requests: usize,
    /// Seconds of load per endpoint for the requests per second.
    #[arg(long, default_value_t = 3)]
    seconds: u64,
    /// Connections of the load generator.
    #[arg(long, default_value_t = 8)]
    connections: usize,
    /// A Python with the duckdb package, for the comparison (the script provides one).
    #[arg(long)]
    duckdb_python: Option<PathBuf>,
}

const MEASURES: [&str; 4] = ["remission", "visit-score", "steroids", "admissions"];
const FIRST: &str = "2016-11";

fn item(measure: &str, month: Month, n: u64, d: u64) -> anyhow::Result<ReleaseItem> {
    Ok(serde_json::from_value(serde_json::json!({
        "kind": "measure_value",
        "item": {"measure": measure, "month": month.to_string(), "numerator": n,
                 "denominator": d, "suppressed": false}
    }))?)
}

/// A clinic's 120 months of the four measures, deterministic and plausible: sizes from 30 to
/// 330 patients, remission drifting up.
fn release(c: usize, months: usize) -> anyhow::Result<ReleaseEnvelope> {
    let first: Month = FIRST.parse()?;
    let size = 30 + (c * 7919 % 300) as u64;
    let mut items = Vec::with_capacity(months * MEASURES.len());
    for m in 0..months {
        let month = first.plus(m as i32)?;
        let wobble = ((c * 31 + m * 17) % 11) as u64;
        let remission = size * (45 + (m as u64 * 25 / months as u64)) / 100 + wobble;
        items.push(item("remission", month, remission.min(size), size)?);
        items.push(item(
            "visit-score",
            month,
            (size * 7 / 10 + wobble).min(size),
            size,
        )?);
        items.push(item("steroids", month, 11 + size / 10 + wobble % 5, size)?);
        items.push(item("admissions", month, 11 + wobble, size)?);
    }
    Ok(ReleaseEnvelope {
        protocol_version: ProtocolVersion,
        idempotency_key: IdempotencyKey(uuid::Uuid::from_u128(c as u128 + 1)),
        sequence: 1,
        definitions_version: None,
        items,
    })
}

async fn load(store: Arc<dyn Store>, clinics: usize, months: usize) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let file = DefinitionsFile::parse(DEFINITIONS)?;
    definitions::publish(store.as_ref(), "Benchmark network", file).await?;
    let now = Utc::now();
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let (store, next) = (store.clone(), next.clone());
        tasks.spawn(async move {
            loop {
                let c = next.fetch_add(1, Ordering::Relaxed) as usize;
                if c >= clinics {
                    return anyhow::Ok(());
                }
                let id = ClinicId::new(format!("clinic-{c:05}"))?;
                store
                    .create_clinic(&id, &format!("Clinic {c:05}"), now)
                    .await?;
                let envelope = release(c, months)?;
                let checked = CheckedRelease {
                    clinic: &id,
                    envelope: &envelope,
                    digest: envelope.payload_digest(),
                    verdicts: vec![Ok(()); envelope.items.len()],
                    definitions: None,
                    received_at: Utc::now(),
                };
                ingest::store_release(store.as_ref(), &checked).await?;
                if c % 1000 == 999 {
                    eprintln!("  … {} clinics loaded", c + 1);
                }
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(started.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len().saturating_sub(1))]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50 and p99 over sequential requests, after one to warm the cache.
async fn latency(
    http: &reqwest::Client,
    url: &str,
    n: usize,
) -> anyhow::Result<(Duration, Duration, usize)> {
    let first = http.get(url).send().await?;
    if !first.status().is_success() {
        bail!("{url}: {}", first.status());
    }
    let bytes = first.bytes().await?.len();
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let r = http.get(url).send().await?;
        r.bytes().await?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok((percentile(&times, 0.5), percentile(&times, 0.99), bytes))
}

/// Requests per second with `connections` clients in a closed loop for `seconds`.
async fn throughput(http: &reqwest::Client, url: &str, connections: usize, seconds: u64) -> f64 {
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (http, url, done, stop) = (http.clone(), url.to_owned(), done.clone(), stop.clone());
        tasks.spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                if let Ok(r) = http.get(&url).send().await
                    && r.bytes().await.is_ok()
                {
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    while tasks.join_next().await.is_some() {}
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Export one measure's raw values as CSV and time DuckDB summing them into the network
/// series (the best of five, the load from CSV not counted).
async fn duckdb(
    python: &Path,
    store: &dyn Store,
    dir: &Path,
    months: usize,
) -> anyhow::Result<Duration> {
    let first: Month = FIRST.parse()?;
    let last = first.plus(months as i32 - 1)?;
    let values = store
        .measure_values(&MeasureId::new("remission")?, None, first, last)
        .await?;
    let csv = dir.join("remission-values.csv");
    let mut out = String::from("clinic,month,numerator,denominator,suppressed\n");
    for v in &values {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            v.clinic,
            v.month,
            v.numerator.unwrap_or(0),
            v.denominator.unwrap_or(0),
            v.suppressed
        ));
    }
    std::fs::write(&csv, out)?;
    let script = r#"
import sys, time, duckdb
con = duckdb.connect()
# DuckDB draws a progress bar on standard output for long statements; the answer goes there.
con.execute("SET enable_progress_bar = false")
con.execute("CREATE TABLE v AS SELECT * FROM read_csv_auto(?)", [sys.argv[1]])
best = None
for _ in range(5):
    t = time.perf_counter()
    rows = con.execute("""SELECT month, SUM(numerator) FILTER (WHERE NOT suppressed),
        SUM(denominator) FILTER (WHERE NOT suppressed), COUNT(*) FILTER (WHERE NOT suppressed),
        COUNT(*) FILTER (WHERE suppressed) FROM v GROUP BY month ORDER BY month""").fetchall()
    e = time.perf_counter() - t
    best = e if best is None else min(best, e)
print(f"{best:.6f} {len(rows)} {duckdb.__version__}")
"#;
    let output = std::process::Command::new(python)
        .args(["-c", script, csv.to_str().context("utf-8 path")?])
        .output()?;
    if !output.status.success() {
        bail!("duckdb: {}", String::from_utf8_lossy(&output.stderr));
    }
    let answer = String::from_utf8(output.stdout)?;
    let last = answer.lines().last().unwrap_or_default();
    let mut parts = last.split_whitespace();
    let unreadable = || format!("duckdb printed {answer:?}, not \"seconds rows version\"");
    let seconds: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .with_context(unreadable)?;
    let rows: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .with_context(unreadable)?;
    println!(
        "  DuckDB {} over {} raw values: the network series ({rows} months) in {:.2} ms",
        parts.next().unwrap_or("?"),
        values.len(),
        seconds * 1000.0
    );
    Ok(Duration::from_secs_f64(seconds))
}

async fn run(args: &Args, backend: Backend) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("hub");
    std::fs::create_dir_all(&dir)?;
    let database = match backend {
        Backend::Postgres => Some(
            TestDatabase::create(backend)
                .await
                .with_context(|| format!("PostgreSQL needs {POSTGRES_VAR}"))?,
        ),
        Backend::Sqlite => None,
    };
    let url = database.as_ref().map_or_else(
        || format!("sqlite://{}", dir.join("hub.db").display()),
        |d| d.url.clone(),
    );
    let name = if database.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "\n{name}: {} clinics × {} months × {} measures",
        args.clinics,
        args.months,
        MEASURES.len()
    );
    let store = store::open(&url, 16).await?;
    let took = load(store.clone(), args.clinics, args.months).await?;
    let values = args.clinics * args.months * MEASURES.len();
    println!(
        "  loaded {values} values through the ingest steps in {:.0} s ({:.0} values/s)",
        took.as_secs_f64(),
        values as f64 / took.as_secs_f64()
    );

    let hub = HubProcess::open(&dir, database.as_ref().map(|d| d.url.as_str())).await;
    let http = reqwest::Client::builder()
        .default_headers(tandem_tests::kit::bearer(&hub.token))
        .pool_max_idle_per_host(64)
        .build()?;
    let base = hub.web_url();
    let endpoints = [
        ("/healthz", "/healthz"),
        ("network series JSON", "/api/v1/measures/remission/series"),
        ("network summary JSON", "/api/v1/network"),
        ("overview page", "/"),
        (
            "measure page (60 clinics, funnel of all)",
            "/measures/remission",
        ),
        (
            "funnel of every clinic (CSV)",
            "/measures/remission/funnel.csv",
        ),
    ];
    let mut healthz = 0.0;
    let mut series_p50 = Duration::ZERO;
    println!(
        "  {:<42} {:>9} {:>9} {:>10} {:>9} {:>8}",
        "", "p50 ms", "p99 ms", "req/s", "÷healthz", "KiB"
    );
    for (label, path) in endpoints {
        let url = format!("{base}{path}");
        let (p50, p99, bytes) = latency(&http, &url, args.requests).await?;
        let rate = throughput(&http, &url, args.connections, args.seconds).await;
        if path == "/healthz" {
            healthz = rate;
        }
        if path.ends_with("/series") {
            series_p50 = p50;
        }
        println!(
            "  {label:<42} {:>9.2} {:>9.2} {:>10.0} {:>8.0}% {:>8.0}",
            ms(p50),
            ms(p99),
            rate,
            100.0 * rate / healthz.max(1.0),
            bytes as f64 / 1024.0
        );
    }
    if let Some(pid) = hub.pid() {
        println!(
            "  the hub's resident memory: {:.0} MiB",
            rss_mib(pid).unwrap_or(f64::NAN)
        );
    }
    if let Some(python) = &args.duckdb_python {
        let duck = duckdb(python, store.as_ref(), tmp.path(), args.months).await?;
        println!(
            "  the hub's network series (p50, over HTTP) against DuckDB's: {:.1}× faster",
            duck.as_secs_f64() / series_p50.as_secs_f64()
        );
    }
    drop(hub);
    if let Some(d) = database {
        d.finish().await;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tandem_tests::kit::init();
    let args = Args::parse();
    for engine in args.engines.split(',').map(str::trim) {
        match engine {
            "sqlite" => run(&args, Backend::Sqlite).await?,
            "postgres" => run(&args, Backend::Postgres).await?,
            other => bail!("unknown engine {other:?}: give sqlite, postgres or both"),
        }
    }
    Ok(())
}
