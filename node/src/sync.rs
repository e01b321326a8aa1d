//! Sync with the hub: push the outbox in order, then pull definitions and catalogue changes.
//! It runs on a cron schedule and on demand; failures back off with jitter. A refused item goes
//! to the clinic's error list and does not hold up the rest.

use std::time::Duration;

use chrono::Utc;
use rand::Rng;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tandem_shared::protocol::{
    Ack, ApprovedPayload, CataloguePage, Definitions, NodeState, Problem,
};
use tokio::sync::watch;

use crate::Error;
use crate::app::Node;
use crate::identity;
use crate::store::{NodeStore, OutboxRow};

/// Names of the node's settings.
pub mod settings {
    pub const HUB: &str = "hub_url";
    /// SHA-256 of the pinned hub CA: which network this node belongs to.
    pub const HUB_CA: &str = "hub_ca_sha256";
    pub const CLINIC: &str = "clinic";
    pub const CLINIC_NAME: &str = "clinic_name";
    pub const CERT_NOT_AFTER: &str = "certificate_not_after";
    pub const CERT_ISSUED_AT: &str = "certificate_issued_at";
    pub const SEQUENCE_BASE: &str = "sequence_base";
    pub const CATALOGUE_CURSOR: &str = "catalogue_cursor";
    pub const LAST_SYNC: &str = "last_sync_at";
    pub const LAST_SYNC_ERROR: &str = "last_sync_error";
    pub const MAX_RELEASE_BYTES: &str = "max_release_bytes";
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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

/// Send a request and read a JSON answer; a problem answer becomes [`Error::Hub`].
pub async fn call<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, Error> {
    let response = request
        .send()
        .await
        .map_err(|e| Error::Unreachable(describe(&e)))?;
    let status = response.status();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| Error::Unreachable(describe(&e)))?;
    if status.is_success() {
        return serde_json::from_slice(&bytes)
            .map_err(|e| Error::Unreachable(format!("the hub's answer could not be read: {e}")));
    }
    Err(problem(status.as_u16(), &bytes))
}

fn problem(status: u16, body: &[u8]) -> Error {
    match serde_json::from_slice::<Problem>(body) {
        Ok(p) => Error::Hub(Box::new(p)),
        Err(_) => Error::Unreachable(format!("the hub answered {status} without an explanation")),
    }
}

fn describe(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
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
    let state: NodeState = call(client.get(format!("{hub}/federation/v1/state"))).await?;
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
    let local = node.store.definitions().await?.map_or(0, |d| d.version);
    if state.definitions_version != local && state.definitions_version > 0 {
        let defs: Definitions =
            call(client.get(format!("{hub}/federation/v1/definitions"))).await?;
        node.store.put_definitions(&defs).await?;
        report.definitions_version = Some(defs.version);
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
    Ok(report)
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
    let body = serde_json::to_vec(&payload.envelope(row.idempotency_key, row.sequence))
        .map_err(|e| Error::Schema(format!("cannot encode release {}: {e}", row.sequence)))?;
    let key = &row.idempotency_key;
    store.sending(key).await?;
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

/// Read a cron expression. Six fields (with seconds) or seven (with years) are taken as they
/// are; the common five-field form is taken to mean second 0.
pub fn parse_schedule(expr: &str) -> Result<cron::Schedule, Error> {
    let fields = expr.split_whitespace().count();
    let full = match fields {
        5 => format!("0 {}", expr.trim()),
        6 | 7 => expr.trim().to_owned(),
        _ => {
            return Err(Error::Config(format!(
                "sync_schedule {expr:?} is not a cron expression; write five fields (minute hour \
                 day month weekday, like \"*/15 * * * *\") or six with seconds first"
            )));
        }
    };
    full.parse().map_err(|e| {
        Error::Config(format!(
            "sync_schedule {expr:?} is not a valid cron expression: {e}"
        ))
    })
}

/// Exponential backoff with jitter: each delay is drawn from the upper half of a window that
/// doubles with each failure, up to a cap.
#[derive(Debug, Clone)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    failures: u32,
}

impl Backoff {
    pub fn new(base: Duration, cap: Duration) -> Self {
        Self {
            base,
            cap,
            failures: 0,
        }
    }

    /// The delay before the next attempt after one more failure.
    pub fn next_delay(&mut self, rng: &mut impl Rng) -> Duration {
        let window = self
            .base
            .saturating_mul(1 << self.failures.min(20))
            .min(self.cap);
        self.failures += 1;
        let millis = u64::try_from(window.as_millis()).unwrap_or(u64::MAX).max(2);
        Duration::from_millis(rng.random_range(millis / 2..=millis))
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }
}

/// This node's random offset after each tick: up to a minute, and at most half the time
/// between ticks, so that many clinics do not call the hub in the same second.
pub fn spread(schedule: &cron::Schedule, rng: &mut impl Rng) -> Duration {
    let mut ticks = schedule.upcoming(Utc);
    let interval = match (ticks.next(), ticks.next()) {
        (Some(a), Some(b)) => (b - a).to_std().unwrap_or_default(),
        _ => Duration::from_secs(120),
    };
    let most = interval.min(Duration::from_secs(120)) / 2;
    let most = u64::try_from(most.as_millis()).unwrap_or(60_000);
    Duration::from_millis(rng.random_range(0..=most))
}

/// Sync on the schedule until `shutdown` turns true. Each node waits a random offset of up to a
/// minute after every tick, so that many clinics do not all call the hub in the same second;
/// after a failure it retries sooner, backing off.
pub async fn run_schedule(
    node: &Node,
    schedule: cron::Schedule,
    mut shutdown: watch::Receiver<bool>,
) {
    // A Send generator: the schedule runs as its own task.
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::from_os_rng();
    let offset = spread(&schedule, &mut rng);
    let mut backoff = Backoff::new(Duration::from_secs(30), Duration::from_secs(15 * 60));
    let mut retry: Option<Duration> = None;
    loop {
        let until_tick = schedule
            .upcoming(Utc)
            .next()
            .and_then(|t| (t - Utc::now()).to_std().ok())
            .unwrap_or(Duration::from_secs(15 * 60))
            + offset;
        let wait = retry.map_or(until_tick, |r| r.min(until_tick));
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
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
    use super::*;

    #[test]
    fn five_and_six_field_schedules_are_read_and_nonsense_is_named() {
        let five = parse_schedule("*/15 * * * *").unwrap();
        let six = parse_schedule("0 */15 * * * *").unwrap();
        let a: Vec<_> = five.upcoming(Utc).take(3).collect();
        let b: Vec<_> = six.upcoming(Utc).take(3).collect();
        assert_eq!(a, b);
        let err = parse_schedule("every 15 minutes").unwrap_err();
        assert!(err.to_string().contains("five fields"), "{err}");
        assert!(parse_schedule("0 */99 * * * *").is_err());
    }

    #[test]
    fn each_node_spreads_its_syncs_within_half_an_interval_and_a_minute() {
        let mut rng = rand::rng();
        let every_second = parse_schedule("* * * * * *").unwrap();
        let quarter_hour = parse_schedule("*/15 * * * *").unwrap();
        let spreads: Vec<_> = (0..50).map(|_| spread(&quarter_hour, &mut rng)).collect();
        assert!(spreads.iter().all(|d| *d <= Duration::from_secs(60)));
        assert!(
            spreads.iter().any(|d| *d > Duration::from_secs(1)),
            "offsets vary"
        );
        assert!((0..50).all(|_| spread(&every_second, &mut rng) <= Duration::from_millis(500)));
    }

    #[test]
    fn backoff_grows_with_jitter_and_stays_under_its_cap() {
        let mut rng = rand::rng();
        let mut b = Backoff::new(Duration::from_secs(30), Duration::from_secs(900));
        let first = b.next_delay(&mut rng);
        assert!((Duration::from_secs(15)..=Duration::from_secs(30)).contains(&first));
        let second = b.next_delay(&mut rng);
        assert!((Duration::from_secs(30)..=Duration::from_secs(60)).contains(&second));
        for window in [120, 240, 480] {
            let d = b.next_delay(&mut rng);
            assert!(d >= Duration::from_secs(window / 2) && d <= Duration::from_secs(window));
        }
        for _ in 0..30 {
            let d = b.next_delay(&mut rng);
            assert!(
                d >= Duration::from_secs(450) && d <= Duration::from_secs(900),
                "{d:?}"
            );
        }
        b.reset();
        assert!(b.next_delay(&mut rng) <= Duration::from_secs(30));
        let draws: std::collections::HashSet<_> = (0..20)
            .map(|_| {
                let mut b = Backoff::new(Duration::from_secs(30), Duration::from_secs(900));
                b.next_delay(&mut rng)
            })
            .collect();
        assert!(draws.len() > 1, "no jitter");
    }
}
