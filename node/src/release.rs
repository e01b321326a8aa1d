//! The release gate: a record is a draft until a person approves it. Building a release runs
//! every selected record through the gate (free text checked, counts suppressed under the
//! network's minimum cell size) and keeps the exact bytes for review. Approval takes those
//! bytes, unchanged, into the outbox.

use serde::Deserialize;
use tandem_shared::model::{
    MeasureEntry, MeasureId, Month, PartnershipProfile, PdsaCycle, Practice, Project,
};
use tandem_shared::privacy::{self, SeriesPoint, scrub::Scrubber};
use tandem_shared::protocol::{ApprovedPayload, Definitions, ReleaseEnvelope, ReleaseItem};
use tandem_shared::validate;

use crate::Error;
use crate::record::{Kind, Record, value_id};
use crate::review::{ItemReview, Review};
use crate::store::{NodeStore, OutboxRow, ReleaseProblem, ReleaseRow, ReleasedRef, StoredRecord};

/// The largest release built before the hub has said what it accepts.
pub const DEFAULT_MAX_RELEASE_BYTES: usize = 4 * 1024 * 1024;

/// A record chosen for release.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    pub kind: Kind,
    pub id: String,
}

/// What to put in a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every record with changes not yet approved.
    Unreleased,
    /// These records, as they stand now.
    Items(Vec<ItemRef>),
}

fn through_gate<R: Record>(
    record: &StoredRecord,
    defs: &Definitions,
    review: &mut Review<'_>,
) -> Result<ReleaseItem, tandem_shared::Error> {
    let parsed: R = serde_json::from_str(&record.body).map_err(|e| {
        tandem_shared::Error::Invalid(format!("the stored record cannot be read: {e}"))
    })?;
    parsed.validate(Some(defs))?;
    parsed.release(defs, review)
}

fn item(
    record: &StoredRecord,
    defs: &Definitions,
    review: &mut Review<'_>,
) -> Result<ReleaseItem, tandem_shared::Error> {
    match record.kind {
        Kind::Project => through_gate::<Project<String>>(record, defs, review),
        Kind::Cycle => through_gate::<PdsaCycle<String>>(record, defs, review),
        Kind::Partnership => through_gate::<PartnershipProfile>(record, defs, review),
        Kind::Practice => through_gate::<Practice<String>>(record, defs, review),
        Kind::MeasureValue => through_gate::<MeasureEntry>(record, defs, review),
    }
}

/// The scrubber with the clinic's roster, if it has one.
pub async fn scrubber(store: &NodeStore) -> Result<Scrubber, Error> {
    let roster = store.roster().await?;
    Ok(Scrubber::with_roster(roster))
}

/// The order records go out in, so that what a record points at arrives first.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Project => 0,
        Kind::Cycle => 1,
        Kind::Partnership => 2,
        Kind::Practice => 3,
        Kind::MeasureValue => 4,
    }
}

/// Build a release for review. Records that cannot pass the gate are listed as problems, and
/// a release with problems cannot be approved.
pub async fn preview(store: &NodeStore, selection: Selection) -> Result<ReleaseRow, Error> {
    let defs = store.definitions().await?.ok_or_else(|| {
        Error::Conflict(
            "the node has not received the network's definitions yet; sync with the hub first"
                .into(),
        )
    })?;
    let mut records = match selection {
        Selection::Unreleased => store.unreleased().await?,
        Selection::Items(refs) => {
            let mut found = Vec::with_capacity(refs.len());
            for r in refs {
                found.push(store.record(r.kind, &r.id).await?.ok_or_else(|| {
                    Error::NotFound(format!("there is no {} with id {}", r.kind.as_str(), r.id))
                })?);
            }
            found
        }
    };
    if records.is_empty() {
        return Err(Error::Conflict(
            "there is nothing to release: every record is already approved for release".into(),
        ));
    }
    if records.len() > ReleaseEnvelope::MAX_ITEMS {
        return Err(Error::Conflict(format!(
            "a release may hold at most {} records; select fewer",
            ReleaseEnvelope::MAX_ITEMS
        )));
    }
    records.sort_by(|a, b| (rank(a.kind), &a.id).cmp(&(rank(b.kind), &b.id)));
    records.dedup_by(|a, b| a.kind == b.kind && a.id == b.id);
    let scrubber = scrubber(store).await?;
    let mut items = Vec::new();
    let mut refs: Vec<ReleasedRef> = Vec::new();
    let mut problems = Vec::new();
    let mut reviews = Vec::new();
    for record in &records {
        let choices = store.choices(record.kind, &record.id).await?;
        let mut review = Review::new(&scrubber, &choices);
        let gated = item(record, &defs, &mut review);
        if !review.fields.is_empty() {
            reviews.push(ItemReview {
                kind: record.kind,
                id: record.id.clone(),
                fields: review.fields,
            });
        }
        match gated {
            Ok(item) => {
                refs.push(ReleasedRef {
                    kind: record.kind,
                    id: record.id.clone(),
                    revision: record.revision,
                    key: item.key(),
                });
                items.push(item);
            }
            Err(e) => problems.push(ReleaseProblem {
                kind: record.kind,
                id: record.id.clone(),
                code: e.code().to_owned(),
                message: e.to_string(),
            }),
        }
    }
    differences(store, &defs, &mut items).await?;
    // Every item passes the hub's own check before anyone is asked to approve it, on the bytes
    // that would leave: a redacted text longer than the hub accepts, a tag outside the
    // vocabulary or a count the hub would refuse is a problem here, not a refusal there.
    let current = Month::current();
    let mut kept = Vec::with_capacity(items.len());
    let mut kept_refs = Vec::with_capacity(refs.len());
    for (item, r) in items.into_iter().zip(refs) {
        match validate::released_item(&item, &defs, current) {
            Ok(()) => {
                kept.push(item);
                kept_refs.push(r);
            }
            Err(e) => problems.push(ReleaseProblem {
                kind: r.kind,
                id: r.id,
                code: e.code().to_owned(),
                message: format!("as it would leave the clinic: {e}"),
            }),
        }
    }
    let (items, refs) = (kept, kept_refs);
    let payload = ApprovedPayload::from_items(&items)?;
    let limit = store
        .setting(crate::store::settings::MAX_RELEASE_BYTES)
        .await?
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(DEFAULT_MAX_RELEASE_BYTES);
    // The envelope around the items takes a little room too.
    if payload.as_str().len() + 1024 > limit {
        return Err(Error::Conflict(format!(
            "these {} records make a release of {} bytes, more than the hub accepts ({limit}); \
             release fewer at a time",
            items.len(),
            payload.as_str().len()
        )));
    }
    store
        .add_release(
            payload.as_str(),
            &payload.sha256(),
            &refs,
            &problems,
            &reviews,
            defs.version,
        )
        .await
}

/// Disclosure control across values: each value about to be released is checked against every
/// value of its measure the clinic released before (what is in the outbox, sent or waiting: a
/// revision of the same month, or any month of a running total) and against the others of this
/// release, and is suppressed where a difference would be a small count.
async fn differences(
    store: &NodeStore,
    defs: &Definitions,
    items: &mut [ReleaseItem],
) -> Result<(), Error> {
    let measures: std::collections::BTreeSet<MeasureId> = items
        .iter()
        .filter_map(|item| match item {
            ReleaseItem::MeasureValue(v) => Some(v.measure().clone()),
            _ => None,
        })
        .collect();
    if measures.is_empty() {
        return Ok(());
    }
    let released = store.released_values().await?;
    for measure_id in measures {
        let Some(measure) = defs.measure(&measure_id) else {
            continue;
        };
        let before: Vec<SeriesPoint> = released
            .iter()
            .filter(|v| v.measure() == &measure_id)
            .map(SeriesPoint::from)
            .collect();
        // The clinic's own figures for the months of this release, as recorded.
        let mut entries = Vec::new();
        for item in items.iter() {
            if let ReleaseItem::MeasureValue(v) = item
                && v.measure() == &measure_id
                && let Some(record) = store
                    .record(
                        Kind::MeasureValue,
                        &value_id(measure_id.as_str(), v.month()),
                    )
                    .await?
            {
                let entry: MeasureEntry = serde_json::from_str(&record.body).map_err(|e| {
                    Error::Schema(format!("a stored measure value cannot be read: {e}"))
                })?;
                entries.push(entry);
            }
        }
        for decided in privacy::disclose_series(measure, &entries, &before, &defs.policy) {
            for item in items.iter_mut() {
                if let ReleaseItem::MeasureValue(v) = item
                    && v.measure() == &measure_id
                    && v.month() == decided.month()
                {
                    *v = decided.clone();
                }
            }
        }
    }
    Ok(())
}

/// Approve a reviewed release. `reviewed_sha256` is the hash of the payload the approver saw;
/// approval fails unless it is this release's payload.
pub async fn approve(
    store: &NodeStore,
    release: i64,
    approved_by: &str,
    reviewed_sha256: &str,
) -> Result<OutboxRow, Error> {
    validate::text("approved_by", approved_by, 200, true)?;
    let row = store
        .approve(release, approved_by.trim(), reviewed_sha256)
        .await?;
    tracing::info!(release, sequence = row.sequence, "release approved");
    Ok(row)
}
