//! Taking a release in: read it, check every item against the network's definitions and the
//! disclosure policy, store what passes with its rollups in one transaction, and answer.

use axum::http::StatusCode;
use chrono::Utc;
use tandem_shared::model::{ClinicId, Month};
use tandem_shared::protocol::{
    self, Ack, ItemResult, Outcome, Problem, ProblemItem, ProtocolVersion, ReleaseEnvelope,
};
use tandem_shared::validate;

use crate::Error;
use crate::store::{CheckedRelease, IngestOutcome, Store};

/// The answer to a release, kept with its receipt so that a replay gets it again.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// 200 with the acknowledgement when anything was accepted; 422 with a problem listing
    /// each item's reason when nothing was.
    pub fn from_results(envelope: &ReleaseEnvelope, results: Vec<ItemResult>) -> Answer {
        let accepted = results
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Accepted { .. }));
        if accepted {
            let ack = Ack {
                protocol_version: ProtocolVersion,
                idempotency_key: envelope.idempotency_key,
                sequence: envelope.sequence,
                results,
            };
            return Answer {
                status: 200,
                body: serde_json::to_string(&ack).unwrap_or_default(),
            };
        }
        let mut problem = Problem::new(
            422,
            "release-rejected",
            "Release rejected",
            format!(
                "none of the {} items of release {} could be accepted; each reason is listed \
                 under errors. Correct them on the node and release again",
                results.len(),
                envelope.sequence
            ),
        );
        problem.errors = results
            .into_iter()
            .filter_map(|r| match r.outcome {
                Outcome::Rejected { code, reason } => Some(ProblemItem {
                    at: r.key,
                    code,
                    message: reason,
                }),
                Outcome::Accepted { .. } => None,
            })
            .collect();
        Answer {
            status: 422,
            body: serde_json::to_string(&problem).unwrap_or_default(),
        }
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK)
    }
}

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
    let definitions = store.definitions().await?.ok_or_else(|| {
        Error::Conflict(
            "the network has no definitions yet, so no release can be checked; a network lead \
             must load them first (tandem-hub definitions load FILE)"
                .into(),
        )
    })?;
    let current = Month::current();
    let mut seen = std::collections::HashSet::new();
    let verdicts = envelope
        .items
        .iter()
        .map(|item| {
            if !seen.insert(item.key()) {
                return Err((
                    "duplicate-item".to_owned(),
                    format!("{} appears more than once in this release", item.key()),
                ));
            }
            validate::released_item(item, &definitions, current)
                .map_err(|e| (e.code().to_owned(), e.to_string()))
        })
        .collect();
    let digest = envelope.payload_digest();
    let outcome = store
        .ingest(CheckedRelease {
            clinic,
            envelope: &envelope,
            digest,
            verdicts,
            received_at: Utc::now(),
        })
        .await?;
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
