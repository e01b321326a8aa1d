//! `scripts/bench-ingest`: how fast the hub takes releases in, on each engine, against the
//! physical limit of writing the same rows straight into the same table.
//!
//! The full path is what a node does: HTTPS with mutual TLS to the federation listener, the
//! envelope parsed and every item validated, the idempotency key and sequence checked, values
//! stored, rollups moved and the receipt kept in one transaction, and the acknowledgement read
//! back. The limit is the same rows written in one transaction by the fastest means each
//! engine has: multi-row INSERTs on SQLite, COPY on PostgreSQL.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Parser;
use sqlx::{Connection, QueryBuilder};
use tandem_hub::app;
use tandem_hub::definitions::{self, DefinitionsFile};
use tandem_hub::federation::enrol;
use tandem_hub::state::AppState;
use tandem_shared::model::Month;
use tandem_shared::protocol::{Ack, IdempotencyKey, ProtocolVersion, ReleaseEnvelope, ReleaseItem};
use tandem_tests::database::{Backend, POSTGRES_VAR, TestDatabase};
use tandem_tests::demo::DEFINITIONS;

/// Measure the hub's ingest against the physical limit, on SQLite and on PostgreSQL.
#[derive(Debug, Parser)]
#[command(name = "bench-ingest")]
struct Args {
    /// Clinics sending at once.
    #[arg(long, default_value_t = 8)]
    clinics: usize,
    /// Measures the benchmark network defines (the shipped four, then generated ones).
    #[arg(long, default_value_t = 40)]
    measures: usize,
    /// Runs of each measurement; the median is shown.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Only these release shapes (1 to 3, in the order printed), for profiling one of them.
    #[arg(long, value_delimiter = ',')]
    shapes: Vec<usize>,
}

/// The median of some timings.
fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// A release shape: how many months of how many measures, and how many releases per clinic.
#[derive(Debug, Clone, Copy)]
struct Shape {
    name: &'static str,
    months: usize,
    measures: usize,
    releases: usize,
}

const SHAPES: [Shape; 3] = [
    Shape {
        name: "a month of 4 measures",
        months: 1,
        measures: 4,
        releases: 120,
    },
    Shape {
        name: "a year of 40 measures",
        months: 12,
        measures: 40,
        releases: 10,
    },
    Shape {
        name: "ten years of 40 measures",
        months: 120,
        measures: 40,
        releases: 3,
    },
];

/// The measure ids of the benchmark network.
fn measure_ids(n: usize) -> Vec<String> {
    ["remission", "visit-score", "steroids", "admissions"]
        .iter()
        .map(|s| (*s).to_owned())
        .chain((4..n).map(|i| format!("bench-measure-{i:02}")))
        .take(n)
        .collect()
}

/// The shipped definitions, with generated proportion measures added up to `n`.
fn definitions(n: usize) -> anyhow::Result<DefinitionsFile> {
    let mut file = DefinitionsFile::parse(DEFINITIONS)?;
    let template = file.measures[0].clone();
    for id in measure_ids(n).into_iter().skip(file.measures.len()) {
        let mut m = template.clone();
        m.id = id.parse()?;
        m.title = format!("Benchmark measure {id}");
        file.measures.push(m);
    }
    Ok(file)
}

/// One clinic's releases, as request bodies, and how many values they hold.
struct Work {
    bodies: Vec<Vec<Vec<u8>>>,
    values: usize,
}

/// The releases of a shape for each clinic, the months not overlapping so every value is a
/// new row.
fn workload(clinics: usize, shape: Shape) -> anyhow::Result<Work> {
    let first: Month = "1960-01".parse()?;
    let measures = measure_ids(shape.measures);
    let mut bodies = Vec::with_capacity(clinics);
    for c in 0..clinics {
        let mut mine = Vec::with_capacity(shape.releases);
        for r in 0..shape.releases {
            let mut items = Vec::with_capacity(shape.months * shape.measures);
            for m in 0..shape.months {
                let month = first.plus((r * shape.months + m) as i32)?;
                for (k, measure) in measures.iter().enumerate() {
                    let n = 40 + ((c * 7 + m * 3 + k) % 20) as u64;
                    items.push(serde_json::from_value::<ReleaseItem>(serde_json::json!({
                        "kind": "measure_value",
                        "item": {"measure": measure, "month": month, "numerator": n,
                                 "denominator": 100, "suppressed": false}
                    }))?);
                }
            }
            let envelope = ReleaseEnvelope {
                protocol_version: ProtocolVersion,
                idempotency_key: IdempotencyKey::random(),
                sequence: r as u64 + 1,
                definitions_version: None,
                items,
            };
            mine.push(serde_json::to_vec(&envelope)?);
        }
        bodies.push(mine);
    }
    Ok(Work {
        values: clinics * shape.releases * shape.months * shape.measures,
        bodies,
    })
}

fn clinic_id(c: usize) -> String {
    format!("clinic-{c:03}")
}

/// Send the work through a real hub and real node identities; the time from the first request
/// to the last acknowledgement.
async fn full_path(url: &str, defs: DefinitionsFile, work: &Work) -> anyhow::Result<Duration> {
    let dir = tempfile::tempdir()?;
    let config = tandem_hub::Config {
        data_dir: dir.path().join("hub"),
        database_url: url.to_owned(),
        database_max_connections: 16,
        web_listen: ([127, 0, 0, 1], 0).into(),
        federation_listen: ([127, 0, 0, 1], 0).into(),
        max_release_bytes: 64 * 1024 * 1024,
        // The bench measures ingest, not the per-clinic limit.
        clinic_requests_per_minute: 1_000_000,
        ..tandem_hub::Config::default()
    };
    let state = AppState::open(config).await?;
    definitions::publish(state.store.as_ref(), "Bench", defs).await?;
    let hub = app::serve(state).await?;
    let mut clients = Vec::new();
    for c in 0..work.bodies.len() {
        let id = clinic_id(c);
        let code = enrol::add_clinic(
            hub.state.store.as_ref(),
            &hub.state.ca,
            &id.parse()?,
            &id,
            1,
        )
        .await?
        .code;
        clients.push(
            tandem_tests::kit::enrolled_client(&dir.path().join(&id), &hub.federation_url(), &code)
                .await?,
        );
    }
    let url = Arc::new(format!("{}/federation/v1/releases", hub.federation_url()));
    // Warm each connection (TLS handshake) before the clock starts.
    for client in &clients {
        client
            .get(format!("{}/federation/v1/state", hub.federation_url()))
            .send()
            .await?;
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (client, bodies) in clients.into_iter().zip(work.bodies.iter().cloned()) {
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            for body in bodies {
                let response = client
                    .post(url.as_str())
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await?;
                let status = response.status();
                let text = response.text().await?;
                if status != 200 {
                    bail!(
                        "the hub answered {status}: {}",
                        text.chars().take(300).collect::<String>()
                    );
                }
                let ack: Ack = serde_json::from_str(&text)?;
                if let Some(r) = ack.rejected.first() {
                    bail!("the hub refused {}: {}", r.key, r.reason);
                }
            }
            anyhow::Ok(())
        }));
    }
    for task in tasks {
        task.await??;
    }
    let elapsed = started.elapsed();
    let counts: std::collections::BTreeMap<_, _> =
        hub.state.store.record_counts().await?.into_iter().collect();
    if counts.get("measure_value").copied() != Some(work.values as u64) {
        bail!(
            "the hub holds {:?} values, not {}",
            counts.get("measure_value"),
            work.values
        );
    }
    hub.stop().await;
    Ok(elapsed)
}

/// A stored value: clinic, measure, month, numerator, denominator.
type Row = (String, String, String, i64, i64);

/// The rows a workload stores, read from
/// its own request bodies so that both sides write exactly the same rows.
fn rows(work: &Work) -> anyhow::Result<Vec<Row>> {
    let mut out = Vec::with_capacity(work.values);
    for (c, bodies) in work.bodies.iter().enumerate() {
        for body in bodies {
            let envelope: ReleaseEnvelope = serde_json::from_slice(body)?;
            for item in envelope.items {
                if let ReleaseItem::MeasureValue(v) = item {
                    out.push((
                        clinic_id(c),
                        v.measure().to_string(),
                        v.month().to_string(),
                        i64::try_from(v.numerator().unwrap_or(0))?,
                        i64::try_from(v.denominator().unwrap_or(0))?,
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// Write the same rows straight into `measure_values` in one transaction; the time it takes.
async fn bulk_insert(url: &str, work: &Work) -> anyhow::Result<Duration> {
    let store = tandem_hub::store::open(url, 4).await?;
    for c in 0..work.bodies.len() {
        store
            .create_clinic(&clinic_id(c).parse()?, "bench", tandem_hub::store::now())
            .await?;
    }
    drop(store);
    let rows = rows(work)?;
    let at = tandem_hub::store::now();
    if url.starts_with("sqlite") {
        // The same connection settings the hub's store uses.
        let options = tandem_service::sqlite::tune(url.parse()?);
        let mut conn = sqlx::sqlite::SqliteConnection::connect_with(&options).await?;
        let started = Instant::now();
        let mut tx = conn.begin().await?;
        for chunk in rows.chunks(500) {
            let mut q = QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO measure_values (clinic, measure, month, numerator, denominator, \
                 value, suppressed, sequence, received_at) ",
            );
            q.push_values(chunk, |mut b, (c, m, mo, n, d)| {
                b.push_bind(c)
                    .push_bind(m)
                    .push_bind(mo)
                    .push_bind(n)
                    .push_bind(d)
                    .push_bind(None::<f64>)
                    .push_bind(false)
                    .push_bind(1_i64)
                    .push_bind(at);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(started.elapsed())
    } else {
        let mut conn = sqlx::postgres::PgConnection::connect(url).await?;
        let mut csv = String::with_capacity(rows.len() * 64);
        let at = at.to_rfc3339();
        for (c, m, mo, n, d) in &rows {
            csv.push_str(&format!("{c},{m},{mo},{n},{d},,false,1,{at}\n"));
        }
        let started = Instant::now();
        let mut tx = conn.begin().await?;
        let mut copy = tx
            .copy_in_raw(
                "COPY measure_values (clinic, measure, month, numerator, denominator, value, \
                 suppressed, sequence, received_at) FROM STDIN WITH (FORMAT csv)",
            )
            .await?;
        copy.send(csv.as_bytes()).await?;
        copy.finish().await?;
        tx.commit().await?;
        Ok(started.elapsed())
    }
}

struct Line {
    engine: &'static str,
    shape: String,
    releases: usize,
    values: usize,
    full: Duration,
    bulk: Duration,
}

impl Line {
    fn print(&self) {
        let secs = |d: Duration| d.as_secs_f64().max(1e-9);
        let full_rate = self.values as f64 / secs(self.full);
        let bulk_rate = self.values as f64 / secs(self.bulk);
        println!(
            "{:<10} {:<40} {:>8.0} {:>10.0} {:>11.0} {:>6.2}",
            self.engine,
            self.shape,
            self.releases as f64 / secs(self.full),
            full_rate,
            bulk_rate,
            full_rate / bulk_rate
        );
    }
}

async fn engine(backend: Backend, args: &Args, works: &[(Shape, Work)]) -> anyhow::Result<()> {
    let name = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    for (shape, work) in works {
        let (mut full, mut bulk) = (Vec::new(), Vec::new());
        for _ in 0..args.repeat.max(1) {
            let db = TestDatabase::create(backend).await.context("a database")?;
            full.push(full_path(&db.url, definitions(args.measures)?, work).await?);
            db.finish().await;
            let db = TestDatabase::create(backend).await.context("a database")?;
            bulk.push(bulk_insert(&db.url, work).await?);
            db.finish().await;
        }
        let (full, bulk) = (median(full), median(bulk));
        Line {
            engine: name,
            shape: format!("{} ({} values)", shape.name, shape.months * shape.measures),
            releases: args.clinics * shape.releases,
            values: work.values,
            full,
            bulk,
        }
        .print();
    }
    Ok(())
}

async fn run(args: Args) -> anyhow::Result<()> {
    tandem_tests::kit::init();
    if args.measures < 40 {
        bail!("the release shapes need at least 40 measures");
    }
    if let Some(bad) = args.shapes.iter().find(|&&s| s == 0 || s > SHAPES.len()) {
        bail!(
            "there is no release shape {bad}: choose from 1 to {}",
            SHAPES.len()
        );
    }
    let works = SHAPES
        .iter()
        .enumerate()
        .filter(|(i, _)| args.shapes.is_empty() || args.shapes.contains(&(i + 1)))
        .map(|(_, shape)| Ok((*shape, workload(args.clinics, *shape)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    println!(
        "Ingest: {} clinics sending at once over HTTPS with mutual TLS to a hub in this process, \
         on {} cores.",
        args.clinics,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "Bulk: the same rows written straight into measure_values in one transaction (SQLite \
         multi-row INSERT, PostgreSQL COPY).\nEach figure is the median of {} runs.\n",
        args.repeat.max(1)
    );

    println!(
        "{:<10} {:<40} {:>8} {:>10} {:>11} {:>6}",
        "engine", "each release", "rel/s", "values/s", "bulk val/s", "ratio"
    );
    let mut backends = vec![Backend::Sqlite];
    if std::env::var(POSTGRES_VAR).is_ok() {
        backends.push(Backend::Postgres);
    } else {
        println!(
            "(PostgreSQL skipped: set {POSTGRES_VAR}, or run scripts/bench-ingest, which \
             starts one)"
        );
    }
    for backend in backends {
        engine(backend, &args, &works).await?;
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    tandem_service::process::run_main("bench-ingest", async {
        run(args).await.map_err(|e| format!("{e:#}"))
    })
}
