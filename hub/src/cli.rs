//! The `tandem-hub` command line.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tandem_shared::model::ClinicId;
use tandem_shared::{protocol, spc};

use crate::app;
use crate::definitions::{self, DefinitionsFile};
use crate::federation::enrol;
use crate::state::AppState;
use crate::{Config, Error};
use tandem_web::command::{self, ACTOR, TokenCommand, UserCommand};
use tandem_web::people::audit;

/// The network hub of a Tandem learning health network.
#[derive(Debug, Parser)]
#[command(name = "tandem-hub", version, about)]
pub struct Cli {
    /// The configuration file (TOML). Environment variables TANDEM_HUB_* override it.
    #[arg(long, global = true, env = "TANDEM_HUB_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the dashboards and the federation API until stopped.
    Serve {
        /// Listen for the dashboards here (overrides the config).
        #[arg(long)]
        web_listen: Option<std::net::SocketAddr>,
        /// Listen for nodes here (overrides the config).
        #[arg(long)]
        federation_listen: Option<std::net::SocketAddr>,
    },
    /// Manage clinics and their enrolment codes.
    #[command(subcommand)]
    Clinic(ClinicCommand),
    /// Manage the network's measures and disclosure policy.
    #[command(subcommand)]
    Definitions(DefinitionsCommand),
    /// Manage the people who use the hub's pages and API (they log in with their e-mail
    /// address).
    #[command(subcommand)]
    User(UserCommand),
    /// Make personal API tokens for scripts.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Check the configuration, permissions, disk, CA, database and its engine, definitions
    /// and listeners: one line each, OK, WARN or FAIL with what to do; exits non-zero on any
    /// FAIL.
    Doctor,
    /// Draw one SPC chart: read a JSON request on standard input, print the JSON result. Needs
    /// no configuration or database. Bad input exits with code 2 and one line.
    Spc,
    /// Copy the whole network into another database (for example from SQLite to PostgreSQL)
    /// and check the copy. Stop the hub first.
    MigrateStore {
        /// The database to copy from: sqlite://… or postgres://…
        #[arg(long)]
        from: String,
        /// The database to copy into. It must hold no network, unless --replace is given.
        #[arg(long)]
        to: String,
        /// Empty the target first.
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClinicCommand {
    /// Add a clinic and print its one-time enrolment code.
    Add {
        /// A short id: lowercase letters, digits and hyphens.
        id: String,
        /// The clinic's name, as leads will see it.
        #[arg(long)]
        name: String,
    },
    /// Print a new one-time enrolment code for an existing clinic.
    Code { id: String },
    /// List the clinics.
    List,
    /// Revoke a clinic: its node is refused from its next request.
    Revoke { id: String },
}

#[derive(Debug, Subcommand)]
pub enum DefinitionsCommand {
    /// Publish the measures and policy in a TOML file (see deploy/definitions.toml).
    Load { file: PathBuf },
    /// Print the current definitions as JSON.
    Show,
}

pub use tandem_service::process::{init_tracing, shutdown_signal};

/// Run the command line and turn any error into one line and a non-zero exit.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Command::Spc) {
        return spc_command(&mut std::io::stdin().lock(), &mut std::io::stdout().lock());
    }
    tandem_service::process::run_main("tandem-hub", run(cli))
}

/// The most a chart request may hold.
const MAX_SPC_REQUEST: u64 = 64 * 1024 * 1024;

/// `tandem-hub spc`: one request in, one result out; exit 2 with one line on bad input.
fn spc_command(input: &mut impl std::io::Read, output: &mut impl std::io::Write) -> ExitCode {
    let fail = |message: String| {
        eprintln!("tandem-hub: {message}");
        ExitCode::from(2)
    };
    let mut body = Vec::new();
    if let Err(e) = input.take(MAX_SPC_REQUEST + 1).read_to_end(&mut body) {
        return fail(format!("cannot read standard input: {e}"));
    }
    if body.len() as u64 > MAX_SPC_REQUEST {
        return fail("the request is larger than 64 MiB; send fewer points".into());
    }
    let request: spc::Request = match protocol::decode(&body) {
        Ok(r) => r,
        Err(problem) => return fail(problem.detail.replace('\n', " ")),
    };
    let result = match spc::analyse(&request) {
        Ok(r) => r,
        Err(e) => return fail(e.to_string()),
    };
    let written = serde_json::to_writer(&mut *output, &result)
        .map_err(|e| e.to_string())
        .and_then(|()| writeln!(output).map_err(|e| e.to_string()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tandem-hub: cannot write the result: {e}");
            ExitCode::FAILURE
        }
    }
}

fn clinic_id(id: &str) -> Result<ClinicId, Error> {
    Ok(ClinicId::new(id)?)
}

async fn run(cli: Cli) -> Result<(), Error> {
    if matches!(cli.command, Command::Doctor) {
        let checks = crate::doctor::run(cli.config.as_deref()).await;
        return match tandem_service::doctor::print(&checks) {
            0 => Ok(()),
            n => Err(Error::Config(tandem_service::doctor::failed(n))),
        };
    }
    let mut config = Config::load(cli.config.as_deref())?;
    let level = if matches!(cli.command, Command::Serve { .. }) {
        "info"
    } else {
        "warn"
    };
    init_tracing(config.log_format, level);
    match cli.command {
        Command::Serve {
            web_listen,
            federation_listen,
        } => {
            if let Some(a) = web_listen {
                config.web_listen = a;
            }
            if let Some(a) = federation_listen {
                config.federation_listen = a;
            }
            let hub = app::start(config).await?;
            println!(
                "tandem-hub serving: dashboards {} · federation {}",
                hub.web_url(),
                hub.federation_addr
            );
            shutdown_signal().await;
            tracing::info!("stopping");
            hub.stop().await;
            Ok(())
        }
        Command::Clinic(cmd) => {
            let state = AppState::open(config).await?;
            let store = state.store.as_ref();
            let hours = state.config.enrolment_code_hours;
            match cmd {
                ClinicCommand::Add { id, name } => {
                    let code =
                        enrol::add_clinic(store, &state.ca, &clinic_id(&id)?, &name, hours).await?;
                    audit(&state.web, ACTOR, "clinic-added", &id, name.trim()).await;
                    print_code(&code);
                }
                ClinicCommand::Code { id } => {
                    let code = enrol::issue_code(store, &state.ca, &clinic_id(&id)?, hours).await?;
                    audit(&state.web, ACTOR, "enrolment-code-issued", &id, "").await;
                    print_code(&code);
                }
                ClinicCommand::List => {
                    for c in store.clinics().await? {
                        println!(
                            "{}\t{}\t{}\tlast release {}",
                            c.id,
                            c.name,
                            if c.revoked_at.is_some() {
                                "revoked"
                            } else {
                                "active"
                            },
                            c.last_sequence
                        );
                    }
                }
                ClinicCommand::Revoke { id } => {
                    let id = clinic_id(&id)?;
                    store.revoke_clinic(&id, crate::store::now()).await?;
                    audit(&state.web, ACTOR, "clinic-revoked", id.as_str(), "").await;
                    println!("clinic {id} revoked; its node is refused from its next request");
                }
            }
            Ok(())
        }
        Command::User(cmd) => Ok(command::user(&AppState::open(config).await?, cmd).await?),
        Command::Token(cmd) => Ok(command::token(&AppState::open(config).await?.web, cmd).await?),
        Command::Spc | Command::Doctor => Ok(()),
        Command::MigrateStore { from, to, replace } => {
            let report =
                crate::migrate::migrate_store(&from, &to, replace, config.database_max_connections)
                    .await?;
            for (table, rows) in &report.counts {
                println!("{table:<16} {rows:>8} rows");
            }
            println!(
                "copied and verified: the row counts, measure values and network rollups match"
            );
            Ok(())
        }
        Command::Definitions(cmd) => {
            let state = AppState::open(config).await?;
            match cmd {
                DefinitionsCommand::Load { file } => {
                    let text = std::fs::read_to_string(&file)
                        .map_err(Error::io(format!("cannot read {}", file.display())))?;
                    let parsed = DefinitionsFile::parse(&text)?;
                    let (version, changed) = definitions::publish(
                        state.store.as_ref(),
                        &state.config.network_name,
                        parsed,
                    )
                    .await?;
                    if changed {
                        let object = format!("version {version}");
                        audit(&state.web, ACTOR, "definitions-published", &object, "").await;
                        println!("published definitions version {version}");
                    } else {
                        println!("definitions unchanged (version {version})");
                    }
                }
                DefinitionsCommand::Show => {
                    let defs = crate::api::definitions(&state).await?;
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&defs).unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
    }
}

fn print_code(code: &enrol::IssuedCode) {
    println!("clinic:   {}", code.clinic);
    println!("code:     {}", code.code);
    println!("expires:  {}", code.expires_at.to_rfc3339());
    println!(
        "On the clinic's server: tandem-node enrol --hub https://HUB:PORT --code {}",
        code.code
    );
}
