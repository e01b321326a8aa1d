//! `scripts/bench-network`: a thousand clinics on one hub.
//!
//! A real `tandem-hub serve` process on loopback, on SQLite and (when the script started one)
//! PostgreSQL, and 1,000 simulated nodes in this process, each with its own key pair, its own
//! certificate from the hub's CA (enrolled through the node's own code) and its own
//! mutual-TLS client. Three phases:
//!
//! 1. **Paced.** Every node sends its month of releases (four weekly releases of the four
//!    network measures), starting at its own random moment in a sync window, as nodes do after
//!    a cron tick. Request latency (p50, p99), errors, and freshness: the time from a node
//!    starting to send to its value being in the network series the hub serves, for a sample.
//! 2. **Burst.** Every node sends one more release at the same instant: the most releases per
//!    second the hub takes, and the latency under that queue.
//! 3. **Outage (fault 7).** The hub is killed; every node finds it gone and retries with the
//!    node's own backoff (`tandem_node::schedule::Backoff`, its windows scaled down by
//!    `--time-scale` so the run takes seconds, not an hour); the hub comes back. Every retry's
//!    time is recorded, and the peak arrival rate must stay under the bound the jittered
//!    windows allow: no thundering herd.
//!
//! The hub's resident memory (peak) and open file descriptors are read from `/proc`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Parser;
use rand::{Rng, SeedableRng};
use tandem_node::schedule::Backoff;
use tandem_shared::model::Month;
use tandem_shared::protocol::{Ack, IdempotencyKey, ProtocolVersion, ReleaseEnvelope, ReleaseItem};
use tandem_tests::database::{Backend, POSTGRES_VAR};
use tandem_tests::kit::{HubProcess, client_with_token};

#[derive(Debug, Parser)]
#[command(name = "bench-network")]
struct Args {
    /// Simulated nodes.
    #[arg(long, default_value_t = 1_000)]
    nodes: usize,
    /// The sync window the nodes start in, in seconds (phase 1).
    #[arg(long, default_value_t = 60.0)]
    window: f64,
    /// How many nodes' values are followed into the network series, for freshness.
    #[arg(long, default_value_t = 100)]
    freshness_sample: usize,
    /// How long the hub stays down in phase 3, in seconds.
    #[arg(long, default_value_t = 8.0)]
    outage: f64,
    /// The node's backoff (30 s doubling to 15 minutes) divided by this, for phase 3.
    #[arg(long, default_value_t = 30.0)]
    time_scale: f64,
    /// Only SQLite, even when PostgreSQL is available.
    #[arg(long)]
    sqlite_only: bool,
    /// Phase 3 with every node waiting its whole window instead of a random part of it: the
    /// herd the jitter prevents, to show the check catches it.
    #[arg(long)]
    without_jitter: bool,
}

const MEASURES: [&str; 4] = ["remission", "visit-score", "steroids", "admissions"];
/// A month of releases: one a week.
const WEEKS: usize = 4;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// One release of node `c`: the four measures for one month; every release a month of its own
/// so each value is new.
fn release(c: usize, sequence: u64, month: Month) -> anyhow::Result<Vec<u8>> {
    let items = MEASURES
        .iter()
        .enumerate()
        .map(|(k, measure)| {
            let n = 40 + ((c * 7 + sequence as usize * 3 + k) % 20) as u64;
            let item = match *measure {
                "admissions" => serde_json::json!({"measure": measure, "month": month,
                    "numerator": n, "denominator": 1_000, "suppressed": false}),
                _ => serde_json::json!({"measure": measure, "month": month,
                    "numerator": n, "denominator": 100, "suppressed": false}),
            };
            Ok(serde_json::from_value::<ReleaseItem>(
                serde_json::json!({"kind": "measure_value", "item": item}),
            )?)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(serde_json::to_vec(&ReleaseEnvelope {
        protocol_version: ProtocolVersion,
        idempotency_key: IdempotencyKey::random(),
        sequence,
        definitions_version: None,
        items,
    })?)
}

/// The first month of the benchmark's figures; release `s` (from 1) carries month `s - 1`
/// after it.
fn month_of(sequence: u64) -> anyhow::Result<Month> {
    Ok("2020-01".parse::<Month>()?.plus(sequence as i32 - 1)?)
}

/// Send one release; its latency, or why it failed.
async fn send(client: &reqwest::Client, url: &str, body: Vec<u8>) -> Result<Duration, String> {
    let started = Instant::now();
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    let status = response.status();
    let text = response.text().await.map_err(|e| e.to_string())?;
    let took = started.elapsed();
    if status != 200 {
        return Err(format!(
            "{status}: {}",
            text.chars().take(200).collect::<String>()
        ));
    }
    let ack: Ack = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    match ack.rejected.first() {
        Some(r) => Err(format!("refused {}: {}", r.key, r.reason)),
        None => Ok(took),
    }
}

struct Nodes {
    clients: Vec<reqwest::Client>,
    ids: Vec<String>,
    _dir: tempfile::TempDir,
}

/// Enrol `n` nodes through the node's own code: a key pair, a CSR, a certificate each.
async fn enrol(hub: &HubProcess, n: usize) -> anyhow::Result<Nodes> {
    let dir = tempfile::tempdir()?;
    let store = hub.store().await;
    let ca = tandem_hub::federation::ca::Authority::load_or_create(
        &hub.dir().join("ca"),
        "Test network",
    )?;
    let url = hub.federation_url();
    let mut clients = Vec::with_capacity(n);
    let mut ids = Vec::with_capacity(n);
    for c in 0..n {
        let id = format!("bench-{c:04}");
        let code = tandem_hub::federation::enrol::add_clinic(
            store.as_ref(),
            &ca,
            &id.parse()?,
            &format!("Bench clinic {c}"),
            1,
        )
        .await?
        .code;
        clients.push(tandem_tests::kit::enrolled_client(&dir.path().join(&id), &url, &code).await?);
        ids.push(id);
    }
    Ok(Nodes {
        clients,
        ids,
        _dir: dir,
    })
}

/// The hub's peak resident memory (MiB) and open file descriptors, from `/proc`.
fn hub_resources(hub: &HubProcess) -> (f64, usize) {
    let Some(pid) = hub.pid() else {
        return (0.0, 0);
    };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count());
    (kib / 1024.0, fds)
}

/// Whether node `clinic`'s value for `month` is in the series the hub serves.
async fn visible(web: &reqwest::Client, base: &str, clinic: &str, month: Month) -> bool {
    let url = format!("{base}/api/v1/measures/remission/clinics/{clinic}/series");
    let Ok(response) = web.get(url).send().await else {
        return false;
    };
    let Ok(series) = response.json::<serde_json::Value>().await else {
        return false;
    };
    series["points"].as_array().is_some_and(|points| {
        points
            .iter()
            .any(|p| p["month"] == month.to_string() && p["numerator"].is_u64())
    })
}

#[derive(Default)]
struct Phase {
    latencies: Vec<Duration>,
    errors: Vec<String>,
    elapsed: Duration,
    freshness: Vec<Duration>,
}

impl Phase {
    fn print(&mut self, name: &str, releases: usize) {
        self.latencies.sort();
        self.freshness.sort();
        println!(
            "  {name:<8} {releases:>6} releases in {:>6.1} s: {:>7.0} releases/s, latency p50 \
             {:>7.1} ms, p99 {:>7.1} ms, {} errors",
            self.elapsed.as_secs_f64(),
            releases as f64 / self.elapsed.as_secs_f64().max(1e-9),
            ms(percentile(&self.latencies, 50.0)),
            ms(percentile(&self.latencies, 99.0)),
            self.errors.len()
        );
        if !self.freshness.is_empty() {
            println!(
                "  {:<8} freshness (send started → in the network's series) for {} nodes: \
                 p50 {:.0} ms, p99 {:.0} ms",
                "",
                self.freshness.len(),
                ms(percentile(&self.freshness, 50.0)),
                ms(percentile(&self.freshness, 99.0))
            );
        }
        if let Some(e) = self.errors.first() {
            println!("  {:<8} first error: {e}", "");
        }
    }
}

/// Phase 1: every node sends its month, from its own moment in the window.
async fn paced(hub: &HubProcess, nodes: &Nodes, args: &Args) -> anyhow::Result<Phase> {
    let url = Arc::new(format!("{}/federation/v1/releases", hub.federation_url()));
    let web = Arc::new(client_with_token(&hub.token));
    let base = Arc::new(hub.web_url());
    let started = Instant::now();
    let mut tasks = Vec::new();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for (c, client) in nodes.clients.iter().enumerate() {
        let offset = Duration::from_secs_f64(rng.random_range(0.0..args.window));
        let (client, url, web, base) = (client.clone(), url.clone(), web.clone(), base.clone());
        let clinic = nodes.ids[c].clone();
        let follow = c < args.freshness_sample;
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(offset).await;
            let mut latencies = Vec::new();
            let mut fresh = None;
            for week in 1..=WEEKS as u64 {
                let month = month_of(week).map_err(|e| e.to_string())?;
                let body = release(c, week, month).map_err(|e| e.to_string())?;
                let sent = Instant::now();
                latencies.push(send(&client, &url, body).await?);
                if follow && week == WEEKS as u64 {
                    // Polled for at most 30 s; a value that never shows is an error.
                    let mut seen = false;
                    for _ in 0..3_000 {
                        if visible(&web, &base, &clinic, month).await {
                            seen = true;
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                    if !seen {
                        return Err(format!("{clinic}'s {month} never reached the series"));
                    }
                    fresh = Some(sent.elapsed());
                }
            }
            Ok::<_, String>((latencies, fresh))
        }));
    }
    let mut phase = Phase::default();
    for task in tasks {
        match task.await? {
            Ok((latencies, fresh)) => {
                phase.latencies.extend(latencies);
                phase.freshness.extend(fresh);
            }
            Err(e) => phase.errors.push(e),
        }
    }
    phase.elapsed = started.elapsed();
    Ok(phase)
}

/// Phase 2: every node sends one release at once.
async fn burst(hub: &HubProcess, nodes: &Nodes) -> anyhow::Result<Phase> {
    let url = Arc::new(format!("{}/federation/v1/releases", hub.federation_url()));
    let sequence = WEEKS as u64 + 1;
    let month = month_of(sequence)?;
    let bodies = (0..nodes.clients.len())
        .map(|c| release(c, sequence, month))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (client, body) in nodes.clients.iter().cloned().zip(bodies) {
        let url = url.clone();
        tasks.push(tokio::spawn(async move { send(&client, &url, body).await }));
    }
    let mut phase = Phase::default();
    for task in tasks {
        match task.await? {
            Ok(l) => phase.latencies.push(l),
            Err(e) => phase.errors.push(e),
        }
    }
    phase.elapsed = started.elapsed();
    Ok(phase)
}

/// Phase 3: the hub dies, every node retries with the node's backoff, the hub comes back.
/// Returns whether the arrival rate stayed under its bound.
async fn outage(hub: &mut HubProcess, nodes: &Nodes, args: &Args) -> anyhow::Result<bool> {
    let scale = args.time_scale.max(1.0);
    let base = Duration::from_secs_f64(30.0 / scale);
    let cap = Duration::from_secs_f64(15.0 * 60.0 / scale);
    hub.kill().await;
    let down_at = Instant::now();
    let state_url = Arc::new(format!("{}/federation/v1/state", hub.federation_url()));
    let release_url = Arc::new(format!("{}/federation/v1/releases", hub.federation_url()));
    let sequence = WEEKS as u64 + 2;
    let month = month_of(sequence)?;
    let herd = args.without_jitter;
    let mut tasks = Vec::new();
    for (c, client) in nodes.clients.iter().cloned().enumerate() {
        let (state_url, release_url) = (state_url.clone(), release_url.clone());
        let body = release(c, sequence, month)?;
        tasks.push(tokio::spawn(async move {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(c as u64);
            let mut backoff = Backoff::new(base, cap);
            let mut attempts = Vec::new();
            // Every node notices at once: the worst case for a herd.
            loop {
                attempts.push(down_at.elapsed());
                let up = client
                    .get(state_url.as_str())
                    .timeout(Duration::from_secs(30))
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                if up {
                    break;
                }
                let delay = backoff.next_delay(&mut rng);
                let delay = if herd {
                    (base * (1 << (attempts.len() - 1).min(20))).min(cap)
                } else {
                    delay
                };
                tokio::time::sleep(delay).await;
                if attempts.len() > 64 {
                    return Err("gave up after 64 attempts".to_owned());
                }
            }
            let latency = send(&client, &release_url, body).await?;
            Ok::<_, String>((attempts, latency))
        }));
    }
    tokio::time::sleep(Duration::from_secs_f64(args.outage)).await;
    hub.restart().await;
    let back_at = down_at.elapsed();
    let mut arrivals = Vec::new();
    let mut latencies = Vec::new();
    let mut errors = Vec::new();
    for task in tasks {
        match task.await? {
            Ok((attempts, latency)) => {
                arrivals.extend(attempts);
                latencies.push(latency);
            }
            Err(e) => errors.push(e),
        }
    }
    latencies.sort();
    arrivals.sort();
    // Buckets of a twentieth of the smallest window: 1.5 s for the real node's 30 s.
    let bucket = base / 20;
    let (mut peak_before, mut peak_after) = (0, 0);
    for (i, &start) in arrivals.iter().enumerate() {
        // Every node's first attempt is the failure that starts the outage, not a retry.
        if start < Duration::from_millis(50) {
            continue;
        }
        let in_bucket = arrivals[i..]
            .iter()
            .take_while(|&&t| t < start + bucket)
            .count();
        if start >= back_at {
            peak_after = peak_after.max(in_bucket);
        } else {
            peak_before = peak_before.max(in_bucket);
        }
    }
    let last_arrival = arrivals.last().copied().unwrap_or_default();
    let n = nodes.clients.len();
    // Each delay is drawn uniformly from the upper half of its window, so at most 2N/w retries
    // arrive per second, w the smallest window (the base): a bucket expects at most
    // e = 2N × bucket / base of them. The bound is e plus six standard deviations, room for
    // the peak of a window that slides over every arrival. A herd (every node retrying at
    // the same instant) puts all N in one bucket.
    let expected = 2.0 * n as f64 * bucket.as_secs_f64() / base.as_secs_f64();
    let bound = (expected + 6.0 * expected.sqrt() + 2.0).ceil() as usize;
    println!(
        "  outage   hub down {:.1} s; {} nodes retried with the node's backoff ({:.1} s \
         doubling to {:.0} s, 1/{scale:.0} of the real one); {} attempts in all",
        back_at.as_secs_f64(),
        n,
        base.as_secs_f64(),
        cap.as_secs_f64(),
        arrivals.len()
    );
    println!(
        "  {:<8} peak retries in any {:.0} ms: {peak_before} while down, {peak_after} once \
         back (bound {bound}: {}); last node back {:.1} s after the outage began",
        "",
        ms(bucket),
        if peak_before.max(peak_after) <= bound {
            "no herd"
        } else {
            "HERD"
        },
        last_arrival.as_secs_f64()
    );
    println!(
        "  {:<8} the release each sent once back: p50 {:.1} ms, p99 {:.1} ms, {} errors{}",
        "",
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        errors.len(),
        errors
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default()
    );
    Ok(peak_before.max(peak_after) <= bound && errors.is_empty())
}

async fn engine(backend: Backend, args: &Args) -> anyhow::Result<bool> {
    let name = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    let mut hub = HubProcess::start_on(backend).await;
    let started = Instant::now();
    let nodes = enrol(&hub, args.nodes)
        .await
        .context("enrolling the nodes")?;
    println!(
        "{name}: {} nodes enrolled (a key pair, a certificate and a mutual-TLS client each) in \
         {:.0} s",
        args.nodes,
        started.elapsed().as_secs_f64()
    );
    let mut ok = true;
    let mut phase = paced(&hub, &nodes, args).await?;
    phase.print("paced", args.nodes * WEEKS);
    ok &= phase.errors.is_empty();
    let (rss, fds) = hub_resources(&hub);
    println!(
        "  {:<8} hub: peak RSS {rss:.0} MiB, {fds} open file descriptors",
        ""
    );
    let mut phase = burst(&hub, &nodes).await?;
    phase.print("burst", args.nodes);
    ok &= phase.errors.is_empty();
    let (rss, fds) = hub_resources(&hub);
    println!(
        "  {:<8} hub: peak RSS {rss:.0} MiB, {fds} open file descriptors",
        ""
    );
    ok &= outage(&mut hub, &nodes, args).await?;
    let (_, network) = hub.get("/api/v1/network").await;
    let releases = network["records"]["release"].as_u64().unwrap_or(0);
    let expected = (args.nodes * (WEEKS + 2)) as u64;
    println!(
        "  {:<8} the hub holds {releases} releases (expected {expected})",
        ""
    );
    ok &= releases == expected;
    Ok(ok)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    tandem_tests::kit::init();
    if args.nodes == 0 || args.window <= 0.0 {
        bail!("give at least one node and a window of more than 0 seconds");
    }
    println!(
        "bench_network: {} nodes on one hub process on {} cores; each node's month is {WEEKS} \
         releases of {} values, started at random in a {:.0} s window.\n",
        args.nodes,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        MEASURES.len(),
        args.window
    );
    let mut backends = vec![Backend::Sqlite];
    if !args.sqlite_only && std::env::var(POSTGRES_VAR).is_ok() {
        backends.push(Backend::Postgres);
    }
    let mut ok = true;
    for backend in backends {
        ok &= engine(backend, &args).await?;
        println!();
    }
    if !ok {
        bail!("errors, a herd or missing releases: see above");
    }
    Ok(())
}
