//! Sync with the hub: push the outbox in order, then pull definitions and catalogue changes.
//! It runs on a cron schedule and on demand; failures back off with jitter. A refused item goes
//! to the clinic's error list and does not hold up the rest.

use std::time::Duration;

use chrono::Utc;
use serde::Serialize;
use tandem_shared::protocol::{
    Ack, ApprovedPayload, CataloguePage, Definitions, NetworkPage, NodeState, Problem,
};
use tokio::sync::watch;

use crate::Error;
use crate::identity::{self, call, describe, problem};
use crate::schedule::{Backoff, spread};
use crate::state::Node;
use crate::store::{NodeStore, OutboxRow, settings};

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SyncReport {
    /// Releases sent to the hub (including replays of ones it already had).
    pub releases_sent: usize,
    pub items_accepted: usize,
    pub items_refused: usize,
    /// The definitions version fetched, if it changed.
    pub definitions_version: Option<u64>,
    pub catalogue_entries: usize,
    pub certificate_renewed: bool,
}

/// How far this server's clock may be from the hub's before the node reports it. Syncing does
/// not depend on it; certificates (valid from an hour before they are made) and schedules do,
/// by hours.
pub const CLOCK_TOLERANCE_SECONDS: i64 = 120;

/// How far off this server's clock is when beyond the tolerance: the amount (see
/// [`clock_amount`]) and whether the server is behind the hub.
pub fn clock_off(offset: i64) -> Option<((&'static str, u64), bool)> {
    (offset.abs() > CLOCK_TOLERANCE_SECONDS).then(|| (clock_amount(offset), offset > 0))
}

/// A clock offset for a person, rounded in its largest unit: `("days", 1)`, `("minutes", 10)`.
pub fn clock_amount(seconds: i64) -> (&'static str, u64) {
    let s = seconds.unsigned_abs();
    // A unit is used from where the next one down would round up to it (23 h 59 min: 1 day).
    let units: [(&str, u64, u64); 3] = [
        ("days", 86_400, 3_600),
        ("hours", 3_600, 60),
        ("minutes", 60, 1),
    ];
    units
        .into_iter()
        .find(|(_, size, below)| 2 * s + below >= 2 * size)
        .map_or(("seconds", s), |(unit, size, _)| {
            (unit, (s + size / 2) / size)
        })
}

/// Hold the node's sync lock: one sync at a time, whether from the schedule, the API or the
/// command line (another process). The lock goes with the file handle.
fn sync_lock(node: &Node) -> Result<std::fs::File, Error> {
    let path = node.dir.join("sync.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(Error::io(format!("cannot open {}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Conflict(
            "a sync is already running on this node; try again in a moment".into(),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::Io {
            context: format!("cannot lock {}", path.display()),
            source: e,
        }),
    }
}

/// Sync once now.
pub async fn run_once(node: &Node) -> Result<SyncReport, Error> {
    let _lock = sync_lock(node)?;
    let result = sync(node).await;
    let store = &node.store;
    match &result {
        Ok(_) => {
            store
                .set_setting(settings::LAST_SYNC, &Utc::now().to_rfc3339())
                .await?;
            store.set_setting(settings::LAST_SYNC_ERROR, "").await?;
        }
        Err(e) => {
            store
                .set_setting(
                    settings::LAST_SYNC_ERROR,
                    &format!("{}: {e}", Utc::now().to_rfc3339()),
                )
                .await?;
        }
    }
    result
}

async fn sync(node: &Node) -> Result<SyncReport, Error> {
    let hub = node
        .store
        .setting(settings::HUB)
        .await?
        .ok_or(Error::NotEnrolled)?;
    let mut client = identity::client(&node.dir)?;
    let mut report = SyncReport::default();
    if identity::renew_if_due(node, &client, &hub).await? {
        report.certificate_renewed = true;
        client = identity::client(&node.dir)?;
    }
    let (state, offset): (NodeState, _) =
        identity::call_timed(client.get(format!("{hub}/federation/v1/state"))).await?;
    if let Some(offset) = offset {
        node.store
            .set_setting(settings::CLOCK_OFFSET, &offset.to_string())
            .await?;
        if clock_off(offset).is_some() {
            tracing::warn!(
                hub_ahead_by_seconds = offset,
                "this server's clock is off from the hub's; set it right (timedatectl set-ntp true)"
            );
        }
    }
    if state.max_release_bytes > 0 {
        node.store
            .set_setting(
                settings::MAX_RELEASE_BYTES,
                &state.max_release_bytes.to_string(),
            )
            .await?;
    }
    // A hub restored from an older backup lacks releases it once acknowledged: send them again.
    if let Some(delivered) = node.store.last_delivered().await?
        && state.last_sequence < delivered
    {
        tracing::warn!(
            hub = state.last_sequence,
            node = delivered,
            "the hub lacks releases it acknowledged; sending them again"
        );
        node.store.resend_from(state.last_sequence + 1).await?;
    }
    push(node, &client, &hub, &mut report).await?;
    if let Some(version) =
        update_definitions(node, &client, &hub, state.definitions_version).await?
    {
        report.definitions_version = Some(version);
    }
    let mut cursor: u64 = node
        .store
        .setting(settings::CATALOGUE_CURSOR)
        .await?
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    if cursor > state.catalogue_cursor {
        // The hub's catalogue restarted below where this node read to: read it all again.
        cursor = 0;
    }
    // Bounded: a page holds up to 200 entries, so this reads up to 200,000 per sync.
    for _ in 0..1_000 {
        let page: CataloguePage = call(client.get(format!(
            "{hub}/federation/v1/catalogue?after={cursor}&limit=200"
        )))
        .await?;
        node.store
            .put_catalogue(&page.entries, page.next_cursor)
            .await?;
        report.catalogue_entries += page.entries.len();
        cursor = page.next_cursor;
        if !page.more {
            break;
        }
    }
    let mut network: NetworkPage = call(client.get(format!("{hub}/federation/v1/network"))).await?;
    // Suppression holds on both sides: a month with fewer than three clinics (or the public
    // tier's count) is dropped here even if a hub sent it.
    let fewest = node
        .store
        .definitions()
        .await?
        .map_or(u64::MAX, |d| u64::from(d.policy.public_min_clinics.max(3)));
    for m in &mut network.measures {
        m.months.retain(|x| x.clinics >= fewest);
    }
    let json = serde_json::to_string(&network.measures)
        .map_err(|e| Error::Schema(format!("cannot store the network series: {e}")))?;
    node.store.set_setting(settings::NETWORK, &json).await?;
    Ok(report)
}

/// Bring the node's definitions up to the hub's `current` version, one version at a time, each
/// signed by the network's CA and checked before it replaces the one before. A node with none
/// takes the current ones at once. Returns the version applied, if any.
async fn update_definitions(
    node: &Node,
    client: &reqwest::Client,
    hub: &str,
    current: u64,
) -> Result<Option<u64>, Error> {
    let local = node.store.definitions().await?.map_or(0, |d| d.version);
    if current < local {
        // A hub restored from an older backup: keep what was applied until it catches up.
        tracing::warn!(
            hub = current,
            node = local,
            "the hub's definitions are older than the node's; keeping the node's"
        );
        return Ok(None);
    }
    let mut applied = None;
    let first = if local == 0 { current } else { local + 1 };
    // Bounded: 100 versions a sync; the next sync goes on from there.
    for version in (first..=current).take(100) {
        let kept = applied.unwrap_or(local);
        let url = format!("{hub}/federation/v1/definitions?version={version}");
        let defs: Definitions = match identity::call_signed(&node.dir, client.get(url)).await {
            Err(e @ Error::Tls(_)) => return Err(keeps(kept, version, &e.to_string())),
            other => other?,
        };
        if defs.version != version {
            return Err(keeps(
                kept,
                version,
                &format!("the hub sent version {} instead", defs.version),
            ));
        }
        // The hub checked them when they were published; a node checks again before it
        // would compute anything from them.
        tandem_shared::compute::check(defs.dictionary.as_ref(), &defs.populations, &defs.measures)
            .map_err(|e| keeps(kept, version, &e.to_string()))?;
        // One statement: a crash leaves the version before in force.
        node.store.put_definitions(&defs).await?;
        applied = Some(version);
    }
    Ok(applied)
}

/// Definitions that cannot be applied: why, and which version stays in force.
fn keeps(kept: u64, version: u64, why: &str) -> Error {
    Error::Conflict(format!(
        "the network's definitions version {version} cannot be used: {why}; the node keeps \
         version {kept}"
    ))
}

/// What the hub did with one release.
enum Delivery {
    /// It answered the release for good: stored it (perhaps refusing some items), or refused
    /// every item. Answers to a replay are the first answer again.
    Answered { accepted: usize, refused: usize },
    /// It takes this clinic's releases in order and expects another one first.
    OutOfOrder {
        expected: u64,
        problem: Box<Problem>,
    },
}

/// Send one release and record the hub's answer by the release's key.
async fn deliver(
    store: &NodeStore,
    client: &reqwest::Client,
    hub: &str,
    row: &OutboxRow,
) -> Result<Delivery, Error> {
    let payload = ApprovedPayload::from_stored(row.payload.clone())?;
    if payload.sha256() != row.payload_sha256 {
        let message = format!(
            "release {} no longer matches what was approved; it was not sent",
            row.sequence
        );
        store
            .add_sync_error(Some(row.sequence), "tampered", &message)
            .await?;
        return Err(Error::Schema(message));
    }
    let body = serde_json::to_vec(&payload.envelope(
        row.idempotency_key,
        row.sequence,
        row.definitions_version,
    ))
    .map_err(|e| Error::Schema(format!("cannot encode release {}: {e}", row.sequence)))?;
    let key = &row.idempotency_key;
    store.sending(key).await?;
    tandem_service::fault::point("node-before-send");
    let sent = client
        .post(format!("{hub}/federation/v1/releases"))
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await;
    let response = match sent {
        Ok(r) => r,
        Err(e) => {
            let message = describe(&e);
            store.delivery_failed(key, &message).await?;
            return Err(Error::Unreachable(message));
        }
    };
    let status = response.status().as_u16();
    let text = match response.text().await {
        Ok(t) => t,
        Err(e) => {
            let message = describe(&e);
            store.delivery_failed(key, &message).await?;
            return Err(Error::Unreachable(message));
        }
    };
    tandem_service::fault::point("node-after-answer");
    if status == 200 {
        let ack: Ack = serde_json::from_str(&text).map_err(|e| {
            Error::Unreachable(format!("the hub's acknowledgement could not be read: {e}"))
        })?;
        let refused: Vec<_> = ack
            .rejected
            .into_iter()
            .map(|r| (r.key, r.code, r.reason))
            .collect();
        store.delivered(key, status, &text, &refused).await?;
        return Ok(Delivery::Answered {
            accepted: ack.accepted,
            refused: refused.len(),
        });
    }
    let p = match problem(status, text.as_bytes()) {
        Error::Hub(p) => p,
        other => {
            store.delivery_failed(key, &other.to_string()).await?;
            return Err(other);
        }
    };
    if p.code() == "release-rejected" {
        let refused: Vec<_> = p
            .errors
            .iter()
            .map(|e| (e.at.clone(), e.code.clone(), e.message.clone()))
            .collect();
        store.delivered(key, status, &text, &refused).await?;
        return Ok(Delivery::Answered {
            accepted: 0,
            refused: refused.len(),
        });
    }
    if let Some(expected) = p.expected_sequence {
        return Ok(Delivery::OutOfOrder {
            expected,
            problem: p,
        });
    }
    store.delivery_failed(key, &p.detail).await?;
    store
        .add_sync_error(Some(row.sequence), p.code(), &p.detail)
        .await?;
    Err(Error::Hub(p))
}

/// Push approved releases in sequence order until the outbox is empty or the hub stops us.
async fn push(
    node: &Node,
    client: &reqwest::Client,
    hub: &str,
    report: &mut SyncReport,
) -> Result<(), Error> {
    let store = &node.store;
    let (mut resent, mut renumbered) = (false, false);
    'outer: loop {
        for row in store.pending().await? {
            let (expected, p) = match deliver(store, client, hub, &row).await? {
                Delivery::Answered { accepted, refused } => {
                    report.releases_sent += 1;
                    report.items_accepted += accepted;
                    report.items_refused += refused;
                    continue;
                }
                Delivery::OutOfOrder { expected, problem } => (expected, problem),
            };
            report.releases_sent += 1;
            if expected < row.sequence && !resent {
                // The hub is missing releases it once had (restored from a backup): send them
                // again from where it is.
                tracing::warn!(
                    expected,
                    "the hub asks for earlier releases; sending them again"
                );
                store.resend_from(expected).await?;
                resent = true;
                continue 'outer;
            }
            if expected > row.sequence && !renumbered {
                // The hub is ahead (this node's data were restored from a backup): the hub has
                // no release with this key, so the waiting releases take the next numbers.
                tracing::warn!(
                    expected,
                    "the hub is ahead of this node; renumbering the outbox"
                );
                store.renumber_waiting(expected).await?;
                renumbered = true;
                continue 'outer;
            }
            store
                .delivery_failed(&row.idempotency_key, &p.detail)
                .await?;
            store
                .add_sync_error(Some(row.sequence), p.code(), &p.detail)
                .await?;
            return Err(Error::Hub(p));
        }
        return Ok(());
    }
}

/// What withdrawing a release did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawal {
    /// Taken out of the outbox: it never reached the hub.
    Withdrawn,
    /// The hub holds it already: it is now shown as sent, with the hub's answer.
    AlreadySent,
}

/// Withdraw an approved release before it reaches the hub. It holds the sync lock, so no send
/// is under way. A release that may have reached the hub (an attempt to send it was made) is
/// withdrawn only once the hub says it does not hold it; if the hub does, the release is sent
/// again to fetch the hub's answer (a replay stores nothing new), and it is shown as sent.
pub async fn withdraw(node: &Node, sequence: u64) -> Result<Withdrawal, Error> {
    let _lock = wait_for_sync_lock(node).await?;
    let store = &node.store;
    let row = store
        .outbox_row(sequence)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no release {sequence} in the outbox")))?;
    if row.answer.is_some() {
        return Err(Error::Conflict(format!(
            "release {sequence} has already reached the hub; it can be corrected by a new \
             release, not withdrawn"
        )));
    }
    if row.attempts > 0 {
        let hub = store
            .setting(settings::HUB)
            .await?
            .ok_or(Error::NotEnrolled)?;
        let cannot_ask = |why: String| {
            Error::Conflict(format!(
                "release {sequence} may have reached the hub ({} attempt(s) to send it were \
                 made), and {why}; it stays in the outbox. Withdraw it again when the hub can \
                 be reached",
                row.attempts
            ))
        };
        let client = identity::client(&node.dir)?;
        let asked: Result<NodeState, Error> = call(client.get(format!(
            "{hub}/federation/v1/state?key={}",
            row.idempotency_key
        )))
        .await;
        match asked.map(|s| s.holds) {
            Ok(Some(false)) => {}
            Ok(Some(true)) => {
                deliver(store, &client, &hub, &row).await?;
                tracing::info!(sequence, "release to withdraw had reached the hub");
                return Ok(Withdrawal::AlreadySent);
            }
            Ok(None) => {
                return Err(cannot_ask(
                    "the hub cannot say whether it holds it (upgrade the hub)".into(),
                ));
            }
            Err(e) => return Err(cannot_ask(format!("the hub cannot be asked now ({e})"))),
        }
    }
    store.withdraw(sequence).await?;
    tracing::info!(sequence, "release withdrawn");
    Ok(Withdrawal::Withdrawn)
}

/// The sync lock, waiting up to half a minute for a sync under way to finish.
async fn wait_for_sync_lock(node: &Node) -> Result<std::fs::File, Error> {
    for _ in 0..300 {
        match sync_lock(node) {
            Err(Error::Conflict(_)) => tokio::time::sleep(Duration::from_millis(100)).await,
            other => return other,
        }
    }
    Err(Error::Conflict(
        "a sync has been running for more than 30 seconds; withdraw the release again when \
         it has finished"
            .into(),
    ))
}

/// Sync on the schedule until `shutdown` turns true. Each node waits a random offset of up to a
/// minute after every tick, so that many clinics do not all call the hub in the same second;
/// after a failure it retries sooner, backing off.
pub async fn run_schedule(node: &Node, mut shutdown: watch::Receiver<bool>) {
    // A Send generator: the schedule runs as its own task.
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::from_os_rng();
    let mut backoff = Backoff::new(Duration::from_secs(30), Duration::from_secs(15 * 60));
    let mut retry: Option<Duration> = None;
    loop {
        // Read each time: the lead may have changed it on the settings page.
        let expr = match node.sync_schedule().await {
            Ok((expr, _)) => expr,
            Err(_) => node.config.sync_schedule.clone(),
        };
        let Ok(schedule) = crate::schedule::parse_schedule(&expr) else {
            return;
        };
        let offset = spread(&schedule, &mut rng);
        let until_tick = schedule
            .upcoming(Utc)
            .next()
            .and_then(|t| (t - Utc::now()).to_std().ok())
            .unwrap_or(Duration::from_secs(15 * 60))
            + offset;
        let wait = retry.map_or(until_tick, |r| r.min(until_tick));
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = node.schedule_changed.notified() => continue,
            _ = shutdown.changed() => return,
        }
        match run_once(node).await {
            Ok(report) => {
                backoff.reset();
                retry = None;
                tracing::info!(?report, "sync done");
            }
            Err(e) => {
                let delay = backoff.next_delay(&mut rng);
                retry = Some(delay);
                tracing::warn!(error = %e, retry_in = ?delay, "sync failed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clock_amount;

    #[test]
    fn a_clock_offset_is_said_in_its_largest_unit_rounded() {
        for (seconds, said) in [
            (0, ("seconds", 0)),
            (59, ("seconds", 59)),
            (599, ("minutes", 10)),
            (-600, ("minutes", 10)),
            (3_599, ("hours", 1)),
            (5_400, ("hours", 2)),
            (50_000, ("hours", 14)),
            (86_399, ("days", 1)),
            (-2 * 86_400, ("days", 2)),
        ] {
            assert_eq!(clock_amount(seconds), said, "{seconds}");
        }
    }
}
