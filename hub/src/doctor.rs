//! `tandem-hub doctor`: what the hub's team can check and fix, one line each, with OK, WARN or
//! FAIL and what to do. It opens the database as `serve` does (migrations included) but starts
//! no listener, and it never creates the CA.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use tandem_service::doctor::{Check, Level};

use crate::config::{Config, redact_url};
use crate::federation::ca::Authority;

/// Every check, in order.
pub async fn run(config_file: Option<&Path>) -> Vec<Check> {
    let mut out = Vec::new();
    let config = match Config::load(config_file) {
        Ok(c) => {
            let from = config_file.map_or_else(
                || "defaults and TANDEM_HUB_* variables".to_owned(),
                |p| p.display().to_string(),
            );
            out.push(Check::new(
                Level::Ok,
                "configuration",
                format!("{from} reads"),
            ));
            c
        }
        Err(e) => {
            out.push(Check::new(
                Level::Fail,
                "configuration",
                format!("{e}; fix it and run doctor again"),
            ));
            return out;
        }
    };
    let dir = &config.data_dir;
    let ca_key = dir.join("ca").join("ca.key");
    let database = config
        .database_url()
        .strip_prefix("sqlite://")
        .map(std::path::PathBuf::from);
    let mut paths = vec![("data directory", dir.as_path()), ("CA key", &ca_key)];
    if let Some(file) = &database {
        paths.push(("database file", file));
    }
    let private = tandem_service::doctor::private(&paths);
    if private.is_empty() {
        out.push(Check::new(
            Level::Ok,
            "permissions",
            "the data directory, the CA key and the database are the hub's alone",
        ));
    }
    out.extend(private);
    if dir.exists() {
        out.push(tandem_service::doctor::disk(dir));
    }
    out.push(ca(&config));
    match crate::store::open_at(&config.store_location()).await {
        Ok(store) => {
            let engine = store
                .engine()
                .await
                .unwrap_or_else(|e| format!("unknown ({e})"));
            out.push(Check::new(
                Level::Ok,
                "database",
                format!(
                    "{engine} at {} opens and is up to date",
                    redact_url(&config.database_url())
                ),
            ));
            out.push(match store.definitions().await {
                Ok(Some(d)) => Check::new(
                    Level::Ok,
                    "definitions",
                    format!("version {}, {} measures", d.version, d.measures.len()),
                ),
                Ok(None) => Check::new(
                    Level::Warn,
                    "definitions",
                    "none yet: nodes cannot release until you run tandem-hub definitions load \
                     FILE",
                ),
                Err(e) => Check::new(Level::Fail, "definitions", e.to_string()),
            });
        }
        Err(e) => out.push(Check::new(
            Level::Fail,
            "database",
            format!("{e}; the checks that need it were not made"),
        )),
    }
    out.push(listener("dashboards", config.web_listen).await);
    out.push(listener("federation", config.federation_listen).await);
    out
}

/// The network's CA: both files, or neither yet (`serve` makes it on first start).
fn ca(config: &Config) -> Check {
    let dir = config.data_dir.join("ca");
    if !dir.join("ca.key").exists() && !dir.join("ca.crt").exists() {
        return Check::new(
            Level::Warn,
            "CA",
            format!(
                "none in {} yet: tandem-hub serve makes it on first start",
                dir.display()
            ),
        );
    }
    match Authority::load_or_create(&dir, &config.network_name) {
        Ok(ca) => Check::new(
            Level::Ok,
            "CA",
            format!("present, fingerprint {}…", &ca.fingerprint()[..16]),
        ),
        Err(e) => Check::new(Level::Fail, "CA", e.to_string()),
    }
}

/// Whether something answers on a listener's address, or it is free for `serve`.
async fn listener(what: &'static str, addr: SocketAddr) -> Check {
    let connect = tokio::net::TcpStream::connect(addr);
    if let Ok(Ok(_)) = tokio::time::timeout(Duration::from_secs(3), connect).await {
        return Check::new(
            Level::Ok,
            "listener",
            format!("{what} on {addr}: something answers (the hub, if it is running)"),
        );
    }
    match std::net::TcpListener::bind(addr) {
        Ok(_) => Check::new(
            Level::Warn,
            "listener",
            format!("{what} on {addr}: nothing answers; start the hub (tandem-hub serve)"),
        ),
        Err(e) => Check::new(
            Level::Fail,
            "listener",
            format!(
                "{what} on {addr} cannot be used: {e}; change its address in the configuration"
            ),
        ),
    }
}
