//! The `tandem-node` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app;
use crate::config::Config;
use crate::state::{Node, NodeSite};
use crate::{Error, api, deid, identity, sync};
use std::sync::Arc;
use tandem_web::command::{self, TokenCommand, UserCommand};

/// A clinic's Tandem node.
#[derive(Debug, Parser)]
#[command(name = "tandem-node", version, about)]
pub struct Cli {
    /// The node's data directory: its database, configuration and keys.
    #[arg(
        long,
        global = true,
        env = "TANDEM_NODE_DATA_DIR",
        default_value = "tandem-node-data"
    )]
    pub data_dir: PathBuf,

    /// The configuration file, if not `tandem-node.toml` in the data directory.
    #[arg(long, global = true, env = "TANDEM_NODE_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the data directory, its configuration and database.
    Init {
        /// Where the local API will listen.
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
        /// When to sync, as a cron expression (five fields, or six with seconds).
        #[arg(long)]
        sync_schedule: Option<String>,
    },
    /// Enrol with the network's hub using the one-time code from the network lead.
    Enrol {
        /// The hub's federation URL, such as https://hub.example.org:8443.
        #[arg(long)]
        hub: String,
        /// The one-time enrolment code.
        #[arg(long)]
        code: String,
        /// Enrol again although the node is already enrolled.
        #[arg(long)]
        force: bool,
    },
    /// Serve the local API, and sync on the configured schedule, until stopped.
    Serve {
        /// Listen here instead of the configured address.
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
        /// Do not sync on a schedule (sync with `tandem-node sync` or the API instead).
        #[arg(long)]
        no_sync: bool,
    },
    /// Manage the clinic team's people (they log in with a name).
    #[command(subcommand)]
    User(UserCommand),
    /// Make personal API tokens for scripts.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Sync with the hub once, now.
    Sync {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Redact identifying information from text on standard input, with the built-in
    /// dictionaries (and a roster, if given). Needs no data directory.
    Deid {
        /// Read one {"id": …, "text": …} per line; write one {"id", "redacted", "findings"} per
        /// line, with byte offsets.
        #[arg(long)]
        jsonl: bool,
        /// A roster of staff and patient-partner names, one per line, to find as names.
        #[arg(long)]
        roster: Option<PathBuf>,
    },
    /// Replace the clinic's roster of staff and patient-partner names with this file's (one
    /// name per line). The scrubber treats them as names wherever they appear.
    Roster {
        /// The roster file.
        file: PathBuf,
    },
    /// Import the clinic's patient-level extract (one CSV file per table of the network's
    /// dictionary) and compute the network's measures from it. The files land together or not
    /// at all; the rows never leave the node.
    Import {
        /// The CSV files, one per table.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The table the file holds, when its columns do not tell (with one file only).
        #[arg(long)]
        table: Option<String>,
        /// Read a field from a column with another name, and remember it for next time.
        #[arg(long = "map", value_name = "TABLE.FIELD=COLUMN")]
        map: Vec<String>,
        /// The day the extract was taken, YYYY-MM-DD (today if not given). Months that ended
        /// at least 14 days before it are computed.
        #[arg(long)]
        extracted_on: Option<chrono::NaiveDate>,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List everything that ever left this node: when, its hash, and its items.
    Outbound {
        /// Print the log as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show enrolment, pending releases and sync errors.
    Status {
        /// Print the status as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check the configuration, permissions, disk, database, certificate, hub, clock and last
    /// sync: one line each, OK, WARN or FAIL with what to do; exits non-zero on any FAIL.
    Doctor,
}

pub use tandem_service::process::{init_tracing, shutdown_signal};

/// Run the command line and turn any error into one line and a non-zero exit.
pub fn main() -> ExitCode {
    tandem_service::process::run_main("tandem-node", run(Cli::parse()))
}

fn print_json<T: serde::Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

async fn run(cli: Cli) -> Result<(), Error> {
    if let Command::Deid { jsonl, roster } = &cli.command {
        let roster = match roster {
            Some(path) => deid::read_roster(path)?,
            None => Default::default(),
        };
        let scrubber = tandem_shared::privacy::scrub::Scrubber::with_roster(roster);
        let (mut input, mut output) = (std::io::stdin().lock(), std::io::stdout().lock());
        return if *jsonl {
            deid::jsonl(&scrubber, &mut input, &mut output)
        } else {
            deid::plain(&scrubber, &mut input, &mut output)
        };
    }
    if let Command::Init {
        listen,
        sync_schedule,
    } = &cli.command
    {
        let mut config = Config::default();
        if let Some(l) = listen {
            config.listen = *l;
        }
        if let Some(s) = sync_schedule {
            config.sync_schedule = s.clone();
        }
        Node::init(&cli.data_dir, config).await?;
        println!(
            "initialised {}; next: tandem-node enrol --hub URL --code CODE",
            cli.data_dir.display()
        );
        return Ok(());
    }
    if matches!(cli.command, Command::Doctor) {
        let checks = crate::doctor::run(&cli.data_dir, cli.config.as_deref()).await;
        return match tandem_service::doctor::print(&checks) {
            0 => Ok(()),
            n => Err(Error::Config(tandem_service::doctor::failed(n))),
        };
    }
    // A first `serve` on a fresh directory initialises it and opens the set-up page.
    let fresh = cli.config.is_none() && !cli.data_dir.join(Config::FILE).exists();
    if fresh && matches!(cli.command, Command::Serve { .. }) {
        Node::init(&cli.data_dir, Config::default()).await?;
        println!("initialised {}", cli.data_dir.display());
    }
    let node = Node::open(&cli.data_dir, cli.config.as_deref()).await?;
    let level = if matches!(cli.command, Command::Serve { .. }) {
        "info"
    } else {
        "warn"
    };
    init_tracing(node.config.log_format, level);
    match cli.command {
        Command::Init { .. } | Command::Deid { .. } | Command::Doctor => Ok(()),
        Command::User(cmd) => Ok(command::user(&NodeSite(Arc::new(node)), cmd).await?),
        Command::Token(cmd) => Ok(command::token(&node.web, cmd).await?),
        Command::Roster { file } => {
            let bytes = std::fs::read(&file).map_err(|source| Error::Io {
                context: format!("cannot read the roster {}", file.display()),
                source,
            })?;
            deid::read_roster(&file)?;
            let text = String::from_utf8_lossy(&bytes);
            let roster = node.store.set_roster(&text).await?;
            let names = format!("{} names", roster.len());
            tandem_web::people::audit(
                &node.web,
                command::ACTOR,
                "roster-changed",
                "roster",
                &names,
            )
            .await;
            println!("roster saved: {names}");
            Ok(())
        }
        Command::Import {
            files,
            table,
            map,
            extracted_on,
            json,
        } => import(&node, files, table, map, extracted_on, json).await,
        Command::Outbound { json } => {
            let log = api::outbound_log_entries(&node).await?;
            if json {
                print_json(&log);
            } else if log.is_empty() {
                println!("nothing has left this node yet");
            } else {
                for entry in &log {
                    println!("{}", entry.summary());
                }
            }
            Ok(())
        }
        Command::Enrol { hub, code, force } => {
            let cert = identity::enrol(&node, &hub, &code, force).await?;
            println!(
                "enrolled as clinic {} ({}); certificate valid until {}",
                cert.clinic, cert.clinic_name, cert.not_after
            );
            Ok(())
        }
        Command::Serve { listen, no_sync } => {
            let mut node = node;
            if let Some(l) = listen {
                node.config.listen = l;
            }
            let running = app::serve(node, !no_sync).await?;
            println!("tandem-node serving on {}", running.url());
            if let Some(link) = &running.setup_link {
                println!("set up this node (create the clinic lead, enrol with the hub): {link}");
            }
            shutdown_signal().await;
            tracing::info!("stopping");
            running.stop().await;
            Ok(())
        }
        Command::Sync { json } => {
            let report = sync::run_once(&node).await?;
            if json {
                print_json(&report);
            } else {
                println!(
                    "sent {} releases ({} items accepted, {} refused){}{}",
                    report.releases_sent,
                    report.items_accepted,
                    report.items_refused,
                    report
                        .definitions_version
                        .map(|v| format!("; definitions version {v}"))
                        .unwrap_or_default(),
                    if report.catalogue_entries > 0 {
                        format!("; {} catalogue changes", report.catalogue_entries)
                    } else {
                        String::new()
                    }
                );
            }
            Ok(())
        }
        Command::Status { json } => {
            let status = api::gather_status(&node).await?;
            if json {
                print_json(&status);
            } else {
                let or = |v: &Option<String>, d: &str| v.clone().unwrap_or_else(|| d.to_owned());
                println!("clinic:       {}", or(&status.clinic, "not enrolled"));
                println!("hub:          {}", or(&status.hub, "-"));
                println!(
                    "certificate:  valid until {}",
                    or(&status.certificate_not_after, "-")
                );
                println!(
                    "definitions:  {}",
                    status
                        .definitions_version
                        .map(|v| format!("version {v}, {} measures", status.measures))
                        .unwrap_or_else(|| "none yet (sync to fetch them)".into())
                );
                println!("unreleased:   {} records", status.counts.unreleased);
                println!(
                    "outbox:       {} waiting, {} delivered",
                    status.counts.pending, status.counts.delivered
                );
                println!("sync errors:  {}", status.counts.errors);
                println!("last sync:    {}", or(&status.last_sync_at, "never"));
                if let Some(e) = &status.last_sync_error {
                    println!("last failure: {e}");
                }
                if let Some(offset) = status.clock_offset_seconds {
                    println!("clock:        {}", clock_words(offset));
                }
            }
            Ok(())
        }
    }
}

async fn import(
    node: &Node,
    files: Vec<PathBuf>,
    table: Option<String>,
    map: Vec<String>,
    extracted_on: Option<chrono::NaiveDate>,
    json: bool,
) -> Result<(), Error> {
    use crate::extract::import::{self, Source};
    if table.is_some() && files.len() > 1 {
        return Err(Error::Config(
            "--table names the table of one file; import the files one at a time, or let \
             their columns tell"
                .into(),
        ));
    }
    let mapping = map
        .iter()
        .map(|m| {
            let (target, column) = m.split_once('=').unwrap_or((m, ""));
            match target.split_once('.') {
                Some((t, f)) if !t.is_empty() && !f.is_empty() && !column.trim().is_empty() => {
                    Ok((t.to_owned(), f.to_owned(), column.trim().to_owned()))
                }
                _ => Err(Error::Config(format!(
                    "--map {m:?}: write TABLE.FIELD=COLUMN, for example visits.pga=PGA"
                ))),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sources = files
        .into_iter()
        .map(|path| Source {
            path,
            table: table.clone(),
        })
        .collect();
    let on = extracted_on.unwrap_or_else(|| chrono::Local::now().date_naive());
    let quiet = json;
    let outcome = import::import(node, sources, &mapping, on, command::ACTOR, move |p| {
        if quiet {
            return;
        }
        let left = p
            .left()
            .map(|d| format!(", about {} s left", d.as_secs()))
            .unwrap_or_default();
        eprintln!(
            "{}: {} rows read, {:.0} rows/s{left}",
            p.file,
            p.rows,
            p.rows_per_second()
        );
    })
    .await?;
    if json {
        print_json(&outcome);
        return Ok(());
    }
    for t in &outcome.tables {
        println!(
            "{}: {} rows into {}{}{}",
            t.file,
            t.rows,
            t.table,
            if t.same {
                " (the same file as last time)"
            } else {
                ""
            },
            if t.unused_columns.is_empty() {
                String::new()
            } else {
                format!(
                    "; columns not used and not kept: {}",
                    t.unused_columns.join(", ")
                )
            }
        );
    }
    match outcome.months {
        Some((first, last)) => println!(
            "computed {first} to {last} for {} patients: {} new values, {} changed{}",
            outcome.patients,
            outcome.added.len(),
            outcome.changed.len(),
            if outcome.changed.is_empty() {
                String::new()
            } else {
                format!(
                    " ({}); changed values go through review before release",
                    outcome
                        .changed
                        .iter()
                        .map(|(m, month)| format!("{m} {month}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ),
        None => println!("no month is complete yet for this extract; nothing computed"),
    }
    Ok(())
}

/// This server's clock against the hub's, in words, with what to do when it is off.
pub(crate) fn clock_words(offset: i64) -> String {
    let Some(((unit, n), behind)) = crate::sync::clock_off(offset) else {
        return "right (within two minutes of the hub's)".into();
    };
    let unit = if n == 1 {
        unit.trim_end_matches('s')
    } else {
        unit
    };
    let direction = if behind { "behind" } else { "ahead of" };
    format!(
        "{n} {unit} {direction} the hub's: set it right (timedatectl set-ntp true); \
         certificates and the sync schedule depend on it"
    )
}
