//! Process set-up shared by both binaries: logging and the shutdown signal.

use std::fmt::Display;
use std::process::ExitCode;

use serde::{Deserialize, Serialize};

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Human,
    Json,
}

impl LogFormat {
    /// Read a log format from an environment variable's value.
    pub fn parse(name: &str, value: &str) -> Result<Self, String> {
        match value {
            "human" => Ok(LogFormat::Human),
            "json" => Ok(LogFormat::Json),
            _ => Err(format!(
                "{name}={value:?} is not a log format; use human or json"
            )),
        }
    }
}

/// Set up logging to stderr once for the process: `RUST_LOG` if set, else `default` (`info` for
/// a server, `warn` for a one-shot command, whose output is its answer).
pub fn init_tracing(format: LogFormat, default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        // sqlx reports PostgreSQL's notices ("relation already exists, skipping") at info.
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{default},sqlx=warn")));
    // Colours only on a terminal: a file or the journal would keep the escape codes.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Run a command-line program: install the process's one crypto provider (rustls with ring),
/// run `program` on a multi-threaded runtime, and turn an error into one line on stderr,
/// prefixed with `name`, and a non-zero exit.
pub fn run_main<F, E>(name: &str, program: F) -> ExitCode
where
    F: Future<Output = Result<(), E>>,
    E: Display,
{
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{name}: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A write past the file-size limit (RLIMIT_FSIZE) then fails with an error the program
    // reports, nothing half-written, instead of SIGXFSZ ending the process.
    let _file_size = runtime.block_on(async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::from_raw(libc::SIGXFSZ))
    });
    match runtime.block_on(program) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Wait for Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
