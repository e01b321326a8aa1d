//! Taking a release in: read it, check every item against the network's definitions and the
//! disclosure policy, store what passes with its rollups in one transaction, and answer.

use std::collections::BTreeMap;

use tandem_shared::model::{ClinicId, MeasureId, MeasureValue, Month};
use tandem_shared::privacy::{self, SeriesPoint};
use tandem_shared::protocol::{self, ItemResult, Outcome, Problem, ReleaseEnvelope, ReleaseItem};
use tandem_shared::validate;

use crate::Error;
use crate::store::{
    Answer, CheckedRelease, Contribution, IngestOutcome, IngestTx, Receipt, Store, ValueKey,
    value_key,
};

/// Read, check and store one release from a clinic.
pub async fn receive(store: &dyn Store, clinic: &ClinicId, body: &[u8]) -> Result<Answer, Error> {
    let envelope: ReleaseEnvelope =
        protocol::decode(body).map_err(|p| Error::Request(Box::new(p)))?;
    if envelope.items.is_empty() {
        return Err(Error::Request(Box::new(Problem::new(
            422,
            "empty-release",
            "Empty release",
            "a release must hold at least one item",
        ))));
    }
    if envelope.items.len() > ReleaseEnvelope::MAX_ITEMS {
        return Err(Error::Request(Box::new(Problem::new(
            422,
            "release-too-large",
            "Release too large",
            format!(
                "a release may hold at most {} items; this one holds {}. Split it",
                ReleaseEnvelope::MAX_ITEMS,
                envelope.items.len()
            ),
        ))));
    }
    if envelope.sequence == 0 {
        return Err(Error::Request(Box::new(Problem::new(
            422,
            "invalid-sequence",
            "Invalid sequence",
            "release sequence numbers start at 1",
        ))));
    }
    let Checking {
        definitions,
        outdated,
    } = definitions_for(store, envelope.definitions_version).await?;
    let current = Month::current();
    let mut seen = std::collections::HashSet::new();
    let verdicts: Vec<_> = envelope
        .items
        .iter()
        .map(|item| {
            if !seen.insert(item.key()) {
                return Err((
                    "duplicate-item".to_owned(),
                    format!("{} appears more than once in this release", item.key()),
                ));
            }
            validate::released_item(item, &definitions, current).map_err(|e| {
                let reason = match &outdated {
                    Some(note) => format!("{e}; {note}"),
                    None => e.to_string(),
                };
                (e.code().to_owned(), reason)
            })
        })
        .collect();
    let digest = envelope.payload_digest();
    let release = CheckedRelease {
        clinic,
        envelope: &envelope,
        digest,
        verdicts,
        definitions: Some(&definitions),
        received_at: crate::store::now(),
    };
    let outcome = store_release(store, &release).await?;
    match outcome {
        IngestOutcome::Stored(answer) => {
            tracing::info!(%clinic, sequence = envelope.sequence, status = answer.status, "release stored");
            Ok(answer)
        }
        IngestOutcome::Replayed(answer) => {
            tracing::info!(%clinic, sequence = envelope.sequence, "release replayed");
            Ok(answer)
        }
        IngestOutcome::ConflictingReplay { sequence } => Err(Error::ConflictingReplay(format!(
            "idempotency key {} was already used by release {sequence} with a different \
             payload; a changed release needs a new key",
            envelope.idempotency_key
        ))),
        IngestOutcome::OutOfOrder { expected } => Err(Error::OutOfOrder {
            detail: format!(
                "release {} arrived out of order: the hub expects release {expected} from this \
                 clinic next. Send the outbox in order",
                envelope.sequence
            ),
            expected,
        }),
    }
}

/// The definitions a release's items are checked against, and what to add to a refusal when
/// the release was made under definitions replaced too long ago.
struct Checking {
    definitions: tandem_shared::protocol::Definitions,
    outdated: Option<String>,
}

/// A release made under the current definitions, or under no stated version (a node before
/// 0.1), is checked against the current ones. One made under an older version is checked
/// against that version for [`protocol::DEFINITIONS_GRACE_DAYS`] after the version that
/// replaced it was published, and against the current ones after that; either way under the
/// current disclosure policy, so that a stricter rule applies at once.
async fn definitions_for(store: &dyn Store, stated: Option<u64>) -> Result<Checking, Error> {
    let current = store.definitions().await?.ok_or_else(|| {
        Error::Conflict(
            "the network has no definitions yet, so no release can be checked; a network lead \
             must load them first (tandem-hub definitions load FILE)"
                .into(),
        )
    })?;
    let Some(stated) = stated.filter(|&v| v < current.version) else {
        return Ok(Checking {
            definitions: current,
            outdated: None,
        });
    };
    let replaced = store.definitions_published_at(stated + 1).await?;
    let grace = chrono::Duration::days(protocol::DEFINITIONS_GRACE_DAYS);
    let in_grace = replaced.is_some_and(|at| crate::store::now() - at <= grace);
    if in_grace && let Some(mut older) = store.definitions_at(Some(stated)).await? {
        older.policy = current.policy;
        return Ok(Checking {
            definitions: older,
            outdated: None,
        });
    }
    let when = replaced.map_or_else(String::new, |at| format!(" on {}", at.format("%Y-%m-%d")));
    let note = format!(
        "the node made this release under definitions version {stated}, replaced{when}, more \
         than {} days ago: sync the node to fetch version {}, then release the record again",
        protocol::DEFINITIONS_GRACE_DAYS,
        current.version
    );
    Ok(Checking {
        definitions: current,
        outdated: Some(note),
    })
}

/// Refuse each arriving value that makes a small difference with a value the clinic released
/// before (a revision, or another month of a running total) or with an accepted one of this
/// release. Read inside the transaction, after the clinic's lock, on the primary: what is
/// checked is what is there.
async fn check_differences(
    tx: &mut Box<dyn IngestTx + '_>,
    r: &CheckedRelease<'_>,
    outcomes: &mut [Option<Outcome>],
) -> Result<(), Error> {
    let Some(definitions) = r.definitions else {
        return Ok(());
    };
    let mut by_measure: BTreeMap<&MeasureId, Vec<usize>> = BTreeMap::new();
    for (i, item) in r.envelope.items.iter().enumerate() {
        if let (ReleaseItem::MeasureValue(v), None) = (item, &outcomes[i]) {
            by_measure.entry(v.measure()).or_default().push(i);
        }
    }
    if by_measure.is_empty() {
        return Ok(());
    }
    let measures: Vec<&MeasureId> = by_measure.keys().copied().collect();
    let versions = tx.value_versions(r.clinic, &measures).await?;
    for (measure_id, items) in by_measure {
        let Some(measure) = definitions.measure(measure_id) else {
            continue;
        };
        let held: Vec<SeriesPoint> = versions
            .iter()
            .filter(|(m, _)| m == measure_id)
            .map(|(_, p)| *p)
            .collect();
        let fresh: Vec<SeriesPoint> = items
            .iter()
            .filter_map(|&i| match &r.envelope.items[i] {
                ReleaseItem::MeasureValue(v) => Some(SeriesPoint::from(v)),
                _ => None,
            })
            .collect();
        let verdicts = privacy::check_series(measure, &held, &fresh, &definitions.policy);
        for (&i, verdict) in items.iter().zip(verdicts) {
            if let Err(e) = verdict {
                outcomes[i] = Some(Outcome::Rejected {
                    code: e.code().to_owned(),
                    reason: e.to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Store a checked release: its items, their rollups, its receipt and the clinic's new
/// sequence, in one transaction. A transaction that the database aborted to break a deadlock
/// or a serialisation conflict (possible with several hub processes on PostgreSQL) is retried.
pub async fn store_release(
    store: &dyn Store,
    release: &CheckedRelease<'_>,
) -> Result<IngestOutcome, Error> {
    let mut attempt = 0u64;
    loop {
        match try_store(store, release).await {
            Err(e) if e.is_retryable() && attempt < 8 => {
                attempt += 1;
                let jitter = rand::random::<u64>() % 20;
                tracing::debug!(attempt, error = %e, "ingest retried");
                tokio::time::sleep(std::time::Duration::from_millis(10 * attempt + jitter)).await;
            }
            other => return other,
        }
    }
}

async fn try_store(store: &dyn Store, r: &CheckedRelease<'_>) -> Result<IngestOutcome, Error> {
    let envelope = r.envelope;
    let mut tx = store.begin_ingest().await?;
    // The clinic's lock comes first: the same release sent to two hub processes at once is
    // then taken by one and replayed by the other.
    let last = tx
        .lock_clinic(r.clinic)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no clinic {}", r.clinic)))?;
    if let Some(receipt) = tx.receipt(r.clinic, &envelope.idempotency_key).await? {
        return Ok(if receipt.digest == r.digest {
            IngestOutcome::Replayed(receipt.answer)
        } else {
            IngestOutcome::ConflictingReplay {
                sequence: receipt.sequence,
            }
        });
    }
    if envelope.sequence != last + 1 {
        return Ok(IngestOutcome::OutOfOrder { expected: last + 1 });
    }

    let mut outcomes: Vec<Option<Outcome>> = r
        .verdicts
        .iter()
        .map(|v| {
            v.as_ref().err().map(|(code, reason)| Outcome::Rejected {
                code: code.clone(),
                reason: reason.clone(),
            })
        })
        .collect();
    check_differences(&mut tx, r, &mut outcomes).await?;

    // Measure values, in one batch: replace each, and move its rollup by the difference.
    let values: Vec<(usize, &MeasureValue)> = envelope
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| outcomes[*i].is_none())
        .filter_map(|(i, item)| match item {
            ReleaseItem::MeasureValue(v) => Some((i, v)),
            _ => None,
        })
        .collect();
    if !values.is_empty() {
        let keys: Vec<ValueKey> = values.iter().map(|(_, v)| value_key(v)).collect();
        let current = tx.current_values(r.clinic, &keys).await?;
        let mut deltas: BTreeMap<ValueKey, Contribution> = BTreeMap::new();
        for ((i, v), key) in values.iter().zip(keys) {
            let before = current.get(&key).copied().unwrap_or_default();
            outcomes[*i] = Some(Outcome::Accepted {
                superseded: current.contains_key(&key),
            });
            deltas.insert(key, Contribution::of(v).minus(before));
        }
        let batch: Vec<&MeasureValue> = values.iter().map(|(_, v)| *v).collect();
        tx.put_values(r.clinic, &batch, envelope.sequence, r.received_at)
            .await?;
        // Sorted by key: concurrent ingests take rollup rows in the same order.
        let deltas: Vec<(ValueKey, Contribution)> = deltas.into_iter().collect();
        tx.add_to_rollups(&deltas).await?;
    }

    for (i, item) in envelope.items.iter().enumerate() {
        if outcomes[i].is_some() {
            continue;
        }
        let (kind, id, body) = match item {
            ReleaseItem::Project(p) => ("project", p.id, serde_json::to_string(p)),
            ReleaseItem::Cycle(c) => ("cycle", c.id, serde_json::to_string(c)),
            ReleaseItem::Partnership(p) => ("partnership", p.id, serde_json::to_string(p)),
            ReleaseItem::Practice(p) => {
                let owner = tx.practice_owner(p.id).await?;
                outcomes[i] = Some(
                    if owner.as_deref().is_some_and(|o| o != r.clinic.as_str()) {
                        Outcome::Rejected {
                            code: "practice-id-taken".into(),
                            reason: format!(
                                "practice {} belongs to another clinic; give this practice a new id",
                                p.id
                            ),
                        }
                    } else {
                        tx.put_practice(r.clinic, p, envelope.sequence, r.received_at)
                            .await?;
                        Outcome::Accepted {
                            superseded: owner.is_some(),
                        }
                    },
                );
                continue;
            }
            ReleaseItem::MeasureValue(_) => continue,
        };
        let body = body.map_err(|e| Error::Schema(format!("cannot encode a record: {e}")))?;
        let existed = tx
            .put_record(r.clinic, kind, id, &body, envelope.sequence, r.received_at)
            .await?;
        outcomes[i] = Some(Outcome::Accepted {
            superseded: existed,
        });
    }

    let results = envelope
        .items
        .iter()
        .zip(outcomes)
        .map(|(item, outcome)| ItemResult {
            key: item.key(),
            outcome: outcome.unwrap_or(Outcome::Rejected {
                code: "internal".into(),
                reason: "the item was not handled".into(),
            }),
        })
        .collect();
    let answer = Answer::from_results(envelope, results);
    let receipt = Receipt {
        sequence: envelope.sequence,
        digest: r.digest.clone(),
        answer,
    };
    tx.keep_receipt(r.clinic, &envelope.idempotency_key, &receipt, r.received_at)
        .await?;
    tandem_service::fault::point("hub-before-commit");
    tx.commit().await?;
    tandem_service::fault::point("hub-after-commit");
    Ok(IngestOutcome::Stored(receipt.answer))
}
