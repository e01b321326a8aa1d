//! Moving a hub's network from one database to another, when a network outgrows SQLite: copy
//! everything in one transaction, then read the copy back and check it against the original.
//! The CA is not in the database; it stays in the data directory.

use std::collections::BTreeMap;

use crate::config::redact_url;
use crate::{Error, store};

/// What was copied.
#[derive(Debug, Clone)]
pub struct Report {
    /// Rows per table.
    pub counts: BTreeMap<&'static str, usize>,
}

/// Copy the network in `from` into `to`. A target that already holds a network is refused
/// unless `replace` is true, in which case it is emptied first.
pub async fn migrate_store(
    from: &str,
    to: &str,
    replace: bool,
    max_connections: u32,
) -> Result<Report, Error> {
    if from.trim_end_matches('/') == to.trim_end_matches('/') {
        return Err(Error::Config(
            "--from and --to name the same database; give the database to copy into as --to".into(),
        ));
    }
    // A mistyped SQLite path must not quietly become a new, empty source.
    if let Some(path) = from.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if !std::path::Path::new(path).exists() {
            return Err(Error::Config(format!(
                "there is no SQLite database at {path}; check --from"
            )));
        }
    }
    let source = store::open(from, max_connections).await?;
    if source.is_empty().await? {
        return Err(Error::Conflict(format!(
            "the source database {} holds no network; check --from",
            redact_url(from)
        )));
    }
    let target = store::open(to, max_connections).await?;
    if !replace && !target.is_empty().await? {
        return Err(Error::Conflict(format!(
            "the target database {} already holds a network; choose an empty database, or add \
             --replace to empty it first",
            redact_url(to)
        )));
    }
    let snapshot = source.export().await?;
    target.import(&snapshot, replace).await?;
    let copy = target.export().await?;
    let differences = snapshot.differences(&copy);
    if !differences.is_empty() {
        return Err(Error::Schema(format!(
            "the copy in {} does not match the original: {}",
            redact_url(to),
            differences.join("; ")
        )));
    }
    tracing::info!(from = %redact_url(from), to = %redact_url(to), "network copied and verified");
    Ok(Report {
        counts: snapshot.counts(),
    })
}
