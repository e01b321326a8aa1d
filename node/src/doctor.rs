//! `tandem-node doctor`: what a clinic's IT contractor can check and fix, one line each, with
//! OK, WARN or FAIL and what to do. It runs where `serve` would not start: a check that cannot
//! be made because an earlier one failed says so.

use std::path::Path;

use chrono::{DateTime, Utc};
use tandem_service::doctor::{Check, Level};
use tandem_shared::protocol::NodeState;

use crate::config::Config;
use crate::identity;
use crate::state::Node;
use crate::store::settings;
use crate::sync::CLOCK_TOLERANCE_SECONDS;

/// A certificate closer than this to its end is renewed at the next sync, if the node syncs.
const CERT_WARN_DAYS: i64 = 14;

/// Every check, in order.
pub async fn run(dir: &Path, config_file: Option<&Path>) -> Vec<Check> {
    let mut out = Vec::new();
    let config_path = config_file.map_or_else(|| dir.join(Config::FILE), Path::to_owned);
    match Config::load(&config_path) {
        Ok(_) => out.push(Check::new(
            Level::Ok,
            "configuration",
            format!("{} reads", config_path.display()),
        )),
        Err(e) => {
            out.push(Check::new(
                Level::Fail,
                "configuration",
                format!("{e}; fix {} and run doctor again", config_path.display()),
            ));
            return out;
        }
    }
    out.extend(permissions(dir));
    out.push(tandem_service::doctor::disk(dir));
    let node = match Node::open(dir, config_file).await {
        Ok(node) => {
            out.push(Check::new(
                Level::Ok,
                "database",
                format!(
                    "{} opens and is up to date",
                    dir.join(Node::DATABASE).display()
                ),
            ));
            node
        }
        Err(e) => {
            out.push(Check::new(
                Level::Fail,
                "database",
                format!("{e}; the checks that need it were not made"),
            ));
            return out;
        }
    };
    out.push(schedule(&node));
    let certificate = certificate(&node).await;
    let enrolled = certificate.level != Level::Fail || identity::dir(dir).join("node.crt").exists();
    out.push(certificate);
    if enrolled {
        out.push(hub(&node).await);
    }
    out.push(last_sync(&node).await);
    out
}

/// The data directory and the node's key must be the node's alone.
fn permissions(dir: &Path) -> Vec<Check> {
    if !dir.exists() {
        return vec![Check::new(
            Level::Fail,
            "permissions",
            format!(
                "{} does not exist: run tandem-node init --data-dir {}",
                dir.display(),
                dir.display()
            ),
        )];
    }
    let key = identity::dir(dir).join("node.key");
    let out = tandem_service::doctor::private(&[("data directory", dir), ("private key", &key)]);
    if !out.is_empty() {
        return out;
    }
    let which = if key.exists() {
        "the data directory and the private key are the node's alone"
    } else {
        "the data directory is the node's alone"
    };
    vec![Check::new(Level::Ok, "permissions", which)]
}

fn schedule(node: &Node) -> Check {
    match crate::schedule::parse_schedule(&node.config.sync_schedule) {
        Ok(s) => {
            let next = s.upcoming(Utc).next().map_or_else(
                || "never".into(),
                |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
            );
            Check::new(
                Level::Ok,
                "schedule",
                format!(
                    "syncs on {:?} (next {next}) while tandem-node serve runs",
                    node.config.sync_schedule
                ),
            )
        }
        Err(e) => Check::new(Level::Fail, "schedule", e.to_string()),
    }
}

async fn setting(node: &Node, key: &str) -> Option<String> {
    node.store.setting(key).await.ok().flatten()
}

async fn certificate(node: &Node) -> Check {
    let Some(not_after) = setting(node, settings::CERT_NOT_AFTER).await else {
        return Check::new(
            Level::Fail,
            "certificate",
            "not enrolled: ask the network lead for an enrolment code, then run tandem-node \
             enrol --hub URL --code CODE",
        );
    };
    let Ok(end) = DateTime::parse_from_rfc3339(&not_after).map(|t| t.with_timezone(&Utc)) else {
        return Check::new(
            Level::Fail,
            "certificate",
            format!("its end date {not_after:?} cannot be read: enrol again with a new code"),
        );
    };
    let left = end - Utc::now();
    let day = end.format("%Y-%m-%d");
    if left <= chrono::Duration::zero() {
        Check::new(
            Level::Fail,
            "certificate",
            format!(
                "expired on {day}: the hub refuses it, and an expired certificate cannot be \
                 renewed; ask the network lead for a new code and run tandem-node enrol --force"
            ),
        )
    } else if left < chrono::Duration::days(CERT_WARN_DAYS) {
        Check::new(
            Level::Warn,
            "certificate",
            format!(
                "ends on {day}, in {} days: the node renews it at its next sync; make sure \
                 tandem-node serve is running",
                left.num_days()
            ),
        )
    } else {
        Check::new(Level::Ok, "certificate", format!("valid until {day}"))
    }
}

/// The hub answers, and its clock agrees with this server's.
async fn hub(node: &Node) -> Check {
    let Some(hub) = setting(node, settings::HUB).await else {
        return Check::new(Level::Fail, "hub", "no hub address: enrol first");
    };
    let client = match identity::client(&node.dir) {
        Ok(c) => c,
        Err(e) => return Check::new(Level::Fail, "hub", e.to_string()),
    };
    let request = client
        .get(format!("{hub}/federation/v1/state"))
        .timeout(std::time::Duration::from_secs(15));
    match identity::call_timed::<NodeState>(request).await {
        Ok((_, Some(offset))) if offset.abs() > CLOCK_TOLERANCE_SECONDS => Check::new(
            Level::Fail,
            "clock",
            format!(
                "{hub} answers, but this server's clock is {}",
                crate::cli::clock_words(offset)
            ),
        ),
        Ok(_) => Check::new(
            Level::Ok,
            "hub",
            format!("{hub} answers, and the clocks agree within 2 minutes"),
        ),
        Err(e) => Check::new(Level::Fail, "hub", format!("{hub} cannot be reached: {e}")),
    }
}

async fn last_sync(node: &Node) -> Check {
    let error = setting(node, settings::LAST_SYNC_ERROR)
        .await
        .filter(|e| !e.is_empty());
    match (setting(node, settings::LAST_SYNC).await, error) {
        (_, Some(e)) => Check::new(Level::Warn, "last sync", format!("failed: {e}")),
        (Some(at), None) => Check::new(Level::Ok, "last sync", format!("succeeded at {at}")),
        (None, None) => Check::new(
            Level::Warn,
            "last sync",
            "never: run tandem-node sync, or start tandem-node serve",
        ),
    }
}
