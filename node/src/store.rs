//! The node's SQLite database (WAL, foreign keys on, migrations embedded). Every statement
//! lives next to the function that runs it. Writes go through one connection with
//! `BEGIN IMMEDIATE`, so the local API and the sync task queue rather than collide.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Sqlite, Transaction};
use tandem_service::migrations;
use tandem_service::sqlite::Pools;
use tandem_shared::model::MeasureValue;
use tandem_shared::privacy::scrub::{Category, Roster};
use tandem_shared::protocol::{
    ApprovedPayload, CatalogueEntry, Definitions, IdempotencyKey, ReleaseItem,
};

use crate::Error;
use crate::kind::Kind;
use crate::review::{Action, Choice, ItemReview};

/// A stored record with its revision bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredRecord {
    pub kind: Kind,
    pub id: String,
    #[serde(skip)]
    pub body: String,
    pub revision: i64,
    /// The revision last approved for release; `None` if never released.
    pub released_revision: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

impl StoredRecord {
    /// Whether the record has changes that were never approved for release.
    pub fn has_unreleased_changes(&self) -> bool {
        self.released_revision.is_none_or(|r| r < self.revision)
    }
}

/// A record that went into a release, at the revision reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReleasedRef {
    pub kind: Kind,
    pub id: String,
    pub revision: i64,
    /// The key the hub knows the item by.
    pub key: String,
}

/// Something that stops a record from being released as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReleaseProblem {
    pub kind: Kind,
    pub id: String,
    pub code: String,
    pub message: String,
}

/// A release as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseRow {
    pub id: i64,
    pub approved: bool,
    /// Taken out of the outbox before it reached the hub.
    pub withdrawn: bool,
    pub payload: String,
    pub payload_sha256: String,
    pub items: Vec<ReleasedRef>,
    pub problems: Vec<ReleaseProblem>,
    pub created_at: DateTime<Utc>,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    /// What the scrubber and the reviewers did to each text field.
    pub review: Vec<ItemReview>,
}

/// An approved release in the outbox (and, once delivered, in the outbound log).
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    pub sequence: u64,
    pub release_id: i64,
    pub idempotency_key: IdempotencyKey,
    pub payload: String,
    pub payload_sha256: String,
    pub approved_by: String,
    pub approved_at: DateTime<Utc>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub answer_status: Option<u16>,
    pub answer: Option<String>,
    /// The definitions the release was checked against (none for releases built before 0.1).
    pub definitions_version: Option<u64>,
}

/// A refused item or a failed sync, for the clinic to see.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SyncError {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub sequence: Option<u64>,
    pub item: Option<String>,
    pub code: String,
    pub message: String,
}

/// A table of the extract as last imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractFile {
    pub table: String,
    pub file: String,
    pub sha256: String,
    pub rows: i64,
    pub dictionary_version: u32,
    pub extracted_on: chrono::NaiveDate,
    pub imported_at: DateTime<Utc>,
    pub imported_by: String,
}

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
    /// Seconds the hub's clock was ahead of this server's at the last sync (behind if negative).
    pub const CLOCK_OFFSET: &str = "clock_offset_seconds";
    pub const MAX_RELEASE_BYTES: &str = "max_release_bytes";
    /// The sync schedule the lead set on the settings page, over the config file's.
    pub const SYNC_SCHEDULE: &str = "sync_schedule";
    /// The network series last fetched, for the clinic's charts (JSON).
    pub const NETWORK: &str = "network_series";
}

/// Store a record; its revision goes up only if its body changed.
const PUT_RECORD: &str = "INSERT INTO records (kind, id, body, revision, created_at, updated_at)
     VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET
       body = excluded.body, revision = records.revision + 1,
       updated_at = excluded.updated_at
     WHERE records.body <> excluded.body
     RETURNING kind, id, body, revision, released_revision, updated_at";

/// The node's database.
#[derive(Debug, Clone)]
pub struct NodeStore {
    pools: Pools,
}

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "node", include_str!("../migrations/0001_node.sql")),
    (
        2,
        "withdrawn",
        include_str!("../migrations/0002_withdrawn.sql"),
    ),
    (3, "review", include_str!("../migrations/0003_review.sql")),
    (4, "people", tandem_web::accounts::SQLITE_MIGRATION),
    (5, "extract", include_str!("../migrations/0005_extract.sql")),
    (
        6,
        "partnership",
        include_str!("../migrations/0006_partnership.sql"),
    ),
    (
        7,
        "definitions_version",
        include_str!("../migrations/0007_definitions_version.sql"),
    ),
];

fn schema(what: &str) -> impl FnOnce(serde_json::Error) -> Error + '_ {
    move |e| Error::Schema(format!("stored {what} is unreadable: {e}"))
}

/// id, at, sequence, item, code, message
type SyncErrorRow = (
    i64,
    DateTime<Utc>,
    Option<i64>,
    Option<String>,
    String,
    String,
);

type RecordRow = (String, String, String, i64, Option<i64>, DateTime<Utc>);

fn record(row: RecordRow) -> Result<StoredRecord, Error> {
    Ok(StoredRecord {
        kind: Kind::parse(&row.0)
            .ok_or_else(|| Error::Schema(format!("unknown record kind {:?}", row.0)))?,
        id: row.1,
        body: row.2,
        revision: row.3,
        released_revision: row.4,
        updated_at: row.5,
    })
}

type ReleaseColumns = (
    i64,
    String,
    String,
    String,
    String,
    String,
    DateTime<Utc>,
    Option<String>,
    Option<DateTime<Utc>>,
    String,
);

fn release(row: ReleaseColumns) -> Result<ReleaseRow, Error> {
    Ok(ReleaseRow {
        id: row.0,
        approved: row.1 == "approved",
        withdrawn: row.1 == "withdrawn",
        payload: row.2,
        payload_sha256: row.3,
        items: serde_json::from_str(&row.4).map_err(schema("release items"))?,
        problems: serde_json::from_str(&row.5).map_err(schema("release problems"))?,
        created_at: row.6,
        approved_by: row.7,
        approved_at: row.8,
        review: serde_json::from_str(&row.9).map_err(schema("release review"))?,
    })
}

const RELEASE_COLUMNS: &str = "SELECT id, status, payload, payload_sha256, items, problems, \
     created_at, approved_by, approved_at, review FROM releases";

type OutboxColumns = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    DateTime<Utc>,
    i64,
    Option<String>,
    Option<DateTime<Utc>>,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

fn outbox(row: OutboxColumns) -> Result<OutboxRow, Error> {
    Ok(OutboxRow {
        sequence: u64::try_from(row.0).unwrap_or(0),
        release_id: row.1,
        idempotency_key: IdempotencyKey(
            uuid::Uuid::parse_str(&row.2)
                .map_err(|e| Error::Schema(format!("stored idempotency key is unreadable: {e}")))?,
        ),
        payload: row.3,
        payload_sha256: row.4,
        approved_by: row.5,
        approved_at: row.6,
        attempts: row.7,
        last_error: row.8,
        sent_at: row.9,
        answer_status: row.10.and_then(|s| u16::try_from(s).ok()),
        answer: row.11,
        definitions_version: row.12.and_then(|v| u64::try_from(v).ok()),
    })
}

const OUTBOX_COLUMNS: &str = "SELECT o.sequence, o.release_id, o.idempotency_key, r.payload, \
     r.payload_sha256, r.approved_by, r.approved_at, o.attempts, o.last_error, o.sent_at, \
     o.answer_status, o.answer, r.definitions_version FROM outbox o \
     JOIN releases r ON r.id = o.release_id";

/// The setting that holds the roster's text.
const ROSTER: &str = "roster";

impl NodeStore {
    /// Open (creating if needed) and migrate the database at `path`.
    pub async fn open(path: &Path) -> Result<Self, Error> {
        let pools = Pools::open(
            Pools::file(path),
            &migrations::migrator(MIGRATIONS),
            "tandem-node",
        )
        .await?;
        Ok(Self { pools })
    }

    /// The people who use the node's pages and API, in the same database.
    pub fn accounts(&self) -> tandem_web::accounts::SqliteAccounts {
        tandem_web::accounts::SqliteAccounts::new(self.pools.clone())
    }

    async fn begin(&self) -> Result<Transaction<'static, Sqlite>, Error> {
        Ok(self.pools.begin().await?)
    }

    /// A node setting (hub URL, clinic id, cursors).
    pub async fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pools.reader)
                .await?,
        )
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pools.writer)
        .await?;
        Ok(())
    }

    /// Record (or change) one patient partner's answers for a cycle, each 1 to 5.
    pub async fn put_partner_answer(
        &self,
        cycle: &str,
        account: i64,
        answers: [u8; 3],
    ) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO partner_answers (cycle, account, had_needed, heard, influence, answered_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (cycle, account) DO UPDATE SET had_needed = excluded.had_needed,
               heard = excluded.heard, influence = excluded.influence,
               answered_at = excluded.answered_at",
        )
        .bind(cycle)
        .bind(account)
        .bind(i64::from(answers[0]))
        .bind(i64::from(answers[1]))
        .bind(i64::from(answers[2]))
        .bind(Utc::now())
        .execute(&self.pools.writer)
        .await?;
        Ok(())
    }

    /// The partners' answers for a cycle, without who gave them, and whether `account` is
    /// among those who answered.
    pub async fn partner_answers(
        &self,
        cycle: &str,
        account: i64,
    ) -> Result<(Vec<[u8; 3]>, bool), Error> {
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT had_needed, heard, influence, account FROM partner_answers WHERE cycle = ?",
        )
        .bind(cycle)
        .fetch_all(&self.pools.reader)
        .await?;
        let mine = rows.iter().any(|r| r.3 == account);
        let digit = |v: i64| u8::try_from(v.clamp(1, 5)).unwrap_or(1);
        Ok((
            rows.into_iter()
                .map(|(a, b, c, _)| [digit(a), digit(b), digit(c)])
                .collect(),
            mine,
        ))
    }

    /// The team's self-assessment of a year: (grid JSON, note, by whom, when).
    pub async fn self_assessment(
        &self,
        year: i32,
    ) -> Result<Option<(String, String, String, DateTime<Utc>)>, Error> {
        Ok(sqlx::query_as(
            "SELECT grid, note, updated_by, updated_at FROM self_assessments WHERE year = ?",
        )
        .bind(year)
        .fetch_optional(&self.pools.reader)
        .await?)
    }

    pub async fn put_self_assessment(
        &self,
        year: i32,
        grid: &str,
        note: &str,
        by: &str,
    ) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO self_assessments (year, grid, note, updated_by, updated_at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (year) DO UPDATE SET grid = excluded.grid, note = excluded.note,
               updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(year)
        .bind(grid)
        .bind(note)
        .bind(by)
        .bind(Utc::now())
        .execute(&self.pools.writer)
        .await?;
        Ok(())
    }

    /// The network's monthly totals of each measure, as last fetched.
    pub async fn network(&self) -> Result<Vec<tandem_shared::protocol::NetworkMeasure>, Error> {
        match self.setting(settings::NETWORK).await? {
            Some(json) => serde_json::from_str(&json).map_err(schema("network series")),
            None => Ok(Vec::new()),
        }
    }

    /// The network's definitions as last fetched.
    pub async fn definitions(&self) -> Result<Option<Definitions>, Error> {
        let body: Option<String> = sqlx::query_scalar("SELECT body FROM definitions WHERE id = 1")
            .fetch_optional(&self.pools.reader)
            .await?;
        body.map(|b| serde_json::from_str(&b).map_err(schema("definitions")))
            .transpose()
    }

    pub async fn put_definitions(&self, defs: &Definitions) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO definitions (id, version, body, fetched_at) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body,
               fetched_at = excluded.fetched_at",
        )
        .bind(i64::try_from(defs.version).unwrap_or(i64::MAX))
        .bind(serde_json::to_string(defs).unwrap_or_default())
        .bind(Utc::now())
        .execute(&self.pools.writer)
        .await?;
        Ok(())
    }

    /// Forget the network's definitions (after enrolling with another network).
    pub async fn forget_definitions(&self) -> Result<(), Error> {
        sqlx::query("DELETE FROM definitions")
            .execute(&self.pools.writer)
            .await?;
        Ok(())
    }

    /// Store a record. Its revision goes up only if its content changed. Returns the stored
    /// record and whether it was new.
    pub async fn put_record(
        &self,
        kind: Kind,
        id: &str,
        body: &str,
    ) -> Result<(StoredRecord, bool), Error> {
        // One statement: atomic on its own, and one round trip to SQLite's thread.
        let changed: Option<RecordRow> = sqlx::query_as(PUT_RECORD)
            .bind(kind.as_str())
            .bind(id)
            .bind(body)
            .bind(Utc::now())
            .bind(Utc::now())
            // All of it, not the first row: SQLite commits when the statement ends, and a
            // commit that fails (a full disk) is reported only to a step that gets there.
            .fetch_all(&self.pools.writer)
            .await?
            .pop();
        match changed {
            Some(row) => {
                let stored = record(row)?;
                let created = stored.revision == 1;
                Ok((stored, created))
            }
            None => {
                let unchanged = self
                    .record(kind, id)
                    .await?
                    .ok_or_else(|| Error::Schema("a record vanished while being stored".into()))?;
                Ok((unchanged, false))
            }
        }
    }

    pub async fn record(&self, kind: Kind, id: &str) -> Result<Option<StoredRecord>, Error> {
        fetch_record(&self.pools.reader, kind, id).await
    }

    /// Every record of a kind, by id.
    pub async fn records(&self, kind: Kind) -> Result<Vec<StoredRecord>, Error> {
        let rows: Vec<RecordRow> = sqlx::query_as(
            "SELECT kind, id, body, revision, released_revision, updated_at FROM records
             WHERE kind = ? ORDER BY id",
        )
        .bind(kind.as_str())
        .fetch_all(&self.pools.reader)
        .await?;
        rows.into_iter().map(record).collect()
    }

    /// Every record with changes never approved for release.
    pub async fn unreleased(&self) -> Result<Vec<StoredRecord>, Error> {
        let rows: Vec<RecordRow> = sqlx::query_as(
            "SELECT kind, id, body, revision, released_revision, updated_at FROM records
             WHERE released_revision IS NULL OR released_revision < revision
             ORDER BY kind, id",
        )
        .fetch_all(&self.pools.reader)
        .await?;
        rows.into_iter().map(record).collect()
    }

    /// Keep a release built for review.
    pub async fn add_release(
        &self,
        payload: &str,
        payload_sha256: &str,
        items: &[ReleasedRef],
        problems: &[ReleaseProblem],
        review: &[ItemReview],
        definitions_version: u64,
    ) -> Result<ReleaseRow, Error> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO releases (status, payload, payload_sha256, items, problems, created_at,
                                   review, definitions_version)
             VALUES ('previewed', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(payload)
        .bind(payload_sha256)
        .bind(serde_json::to_string(items).unwrap_or_default())
        .bind(serde_json::to_string(problems).unwrap_or_default())
        .bind(Utc::now())
        .bind(serde_json::to_string(review).unwrap_or_default())
        .bind(i64::try_from(definitions_version).unwrap_or(i64::MAX))
        // Every row (see `put_record`): a failed commit is reported only to the last step.
        .fetch_all(&self.pools.writer)
        .await?
        .pop()
        .ok_or_else(|| Error::Schema("a release was not stored".into()))?;
        self.release(id)
            .await?
            .ok_or_else(|| Error::Schema("a release vanished while being stored".into()))
    }

    pub async fn release(&self, id: i64) -> Result<Option<ReleaseRow>, Error> {
        let row: Option<ReleaseColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{RELEASE_COLUMNS} WHERE id = ?"
        )))
        .bind(id)
        .fetch_optional(&self.pools.writer)
        .await?;
        row.map(release).transpose()
    }

    /// Releases, newest first.
    pub async fn releases(&self, limit: u32) -> Result<Vec<ReleaseRow>, Error> {
        let rows: Vec<ReleaseColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{RELEASE_COLUMNS} ORDER BY id DESC LIMIT ?"
        )))
        .bind(i64::from(limit))
        .fetch_all(&self.pools.reader)
        .await?;
        rows.into_iter().map(release).collect()
    }

    /// Approve a reviewed release: in one transaction, check that it is still approvable and
    /// that the approver saw exactly its bytes, give it the next sequence, write its outbox row,
    /// and mark its records released at the reviewed revisions.
    pub async fn approve(
        &self,
        id: i64,
        approved_by: &str,
        reviewed_sha256: &str,
    ) -> Result<OutboxRow, Error> {
        let mut tx = self.begin().await?;
        let row: Option<ReleaseColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{RELEASE_COLUMNS} WHERE id = ?"
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let row =
            release(row.ok_or_else(|| Error::NotFound(format!("there is no release {id}")))?)?;
        if row.withdrawn {
            return Err(Error::Conflict(format!(
                "release {id} was withdrawn; build a new release"
            )));
        }
        if row.approved {
            return Err(Error::Conflict(format!(
                "release {id} was already approved by {} ",
                row.approved_by.unwrap_or_default()
            )));
        }
        if let Some(p) = row.problems.first() {
            return Err(Error::Conflict(format!(
                "release {id} cannot be approved: {} {}: {}. Edit the record and build a new \
                 release",
                p.kind.as_str(),
                p.id,
                p.message
            )));
        }
        if row.items.is_empty() {
            return Err(Error::Conflict(format!(
                "release {id} holds nothing to release"
            )));
        }
        if row.payload_sha256 != reviewed_sha256 {
            return Err(Error::Conflict(format!(
                "the payload you reviewed (SHA-256 {reviewed_sha256}) is not the payload of \
                 release {id} (SHA-256 {}); review it again before approving",
                row.payload_sha256
            )));
        }
        // An older version of a record must never follow a newer one to the hub, where it would
        // supersede it.
        for item in &row.items {
            let approved: Option<Option<i64>> = sqlx::query_scalar(
                "SELECT released_revision FROM records WHERE kind = ? AND id = ?",
            )
            .bind(item.kind.as_str())
            .bind(&item.id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(Some(approved)) = approved
                && approved >= item.revision
            {
                return Err(Error::Conflict(format!(
                    "release {id} holds {} {} as it was at revision {}, but revision {approved} \
                     has already been approved; build a new release",
                    item.kind.as_str(),
                    item.id,
                    item.revision
                )));
            }
        }
        let base: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = 'sequence_base'")
                .fetch_optional(&mut *tx)
                .await?;
        let base: i64 = base.and_then(|b| b.parse().ok()).unwrap_or(0);
        // The hub's last sequence (from enrolment) counts even when the outbox holds releases:
        // after a re-enrolment the node continues where the hub is.
        let sequence: i64 =
            sqlx::query_scalar("SELECT MAX(COALESCE(MAX(sequence), 0), ?) + 1 FROM outbox")
                .bind(base)
                .fetch_one(&mut *tx)
                .await?;
        let now = Utc::now();
        let key = IdempotencyKey::random();
        sqlx::query(
            "UPDATE releases SET status = 'approved', approved_by = ?, approved_at = ?
             WHERE id = ?",
        )
        .bind(approved_by)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO outbox (sequence, release_id, idempotency_key, created_at)
             VALUES (?, ?, ?, ?)",
        )
        .bind(sequence)
        .bind(id)
        .bind(key.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        for item in &row.items {
            sqlx::query(
                "UPDATE records SET released_revision = MAX(COALESCE(released_revision, 0), ?)
                 WHERE kind = ? AND id = ?",
            )
            .bind(item.revision)
            .bind(item.kind.as_str())
            .bind(&item.id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.outbox_row(u64::try_from(sequence).unwrap_or(0))
            .await?
            .ok_or_else(|| Error::Schema("an outbox row vanished while being stored".into()))
    }

    /// The outbox row with this sequence, if there is one.
    pub async fn outbox_row(&self, sequence: u64) -> Result<Option<OutboxRow>, Error> {
        let row: Option<OutboxColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{OUTBOX_COLUMNS} WHERE o.sequence = ?"
        )))
        .bind(i64::try_from(sequence).unwrap_or(i64::MAX))
        .fetch_optional(&self.pools.writer)
        .await?;
        row.map(outbox).transpose()
    }

    /// Approved releases the hub has not answered yet, in order.
    pub async fn pending(&self) -> Result<Vec<OutboxRow>, Error> {
        let rows: Vec<OutboxColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{OUTBOX_COLUMNS} WHERE o.answer IS NULL ORDER BY o.sequence"
        )))
        .fetch_all(&self.pools.writer)
        .await?;
        rows.into_iter().map(outbox).collect()
    }

    /// Every measure value in the outbox, sent or waiting: what the hub has seen or will see,
    /// which a new value must not differ from by a small count.
    pub async fn released_values(&self) -> Result<Vec<MeasureValue>, Error> {
        let payloads: Vec<String> = sqlx::query_scalar(
            "SELECT r.payload FROM outbox o JOIN releases r ON r.id = o.release_id",
        )
        .fetch_all(&self.pools.writer)
        .await?;
        let mut values = Vec::new();
        for payload in payloads {
            for item in ApprovedPayload::from_stored(payload)?.items()? {
                if let ReleaseItem::MeasureValue(v) = item {
                    values.push(v);
                }
            }
        }
        Ok(values)
    }

    /// The whole outbox, newest first: with `sent_at` set, it is the outbound log.
    pub async fn outbox(&self, limit: u32) -> Result<Vec<OutboxRow>, Error> {
        let rows: Vec<OutboxColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{OUTBOX_COLUMNS} ORDER BY o.sequence DESC LIMIT ?"
        )))
        .bind(i64::from(limit))
        .fetch_all(&self.pools.reader)
        .await?;
        rows.into_iter().map(outbox).collect()
    }

    /// Count an attempt to deliver a release, before it is made: from then on the hub may hold
    /// it, whatever happens to this process, and a withdrawal must ask the hub first.
    pub async fn sending(&self, key: &IdempotencyKey) -> Result<(), Error> {
        sqlx::query("UPDATE outbox SET attempts = attempts + 1 WHERE idempotency_key = ?")
            .bind(key.to_string())
            .execute(&self.pools.writer)
            .await?;
        Ok(())
    }

    /// Note why an attempt to deliver a release failed before the hub answered.
    pub async fn delivery_failed(&self, key: &IdempotencyKey, error: &str) -> Result<(), Error> {
        sqlx::query("UPDATE outbox SET last_error = ? WHERE idempotency_key = ?")
            .bind(error)
            .bind(key.to_string())
            .execute(&self.pools.writer)
            .await?;
        Ok(())
    }

    /// Record the hub's answer to a release, and the items it refused, together. The release
    /// is found by its idempotency key, never by its place in the outbox, which a withdrawal
    /// changes. A refused record goes back to the unreleased list, unless a newer version was
    /// approved since.
    pub async fn delivered(
        &self,
        key: &IdempotencyKey,
        status: u16,
        answer: &str,
        refused: &[(String, String, String)],
    ) -> Result<(), Error> {
        let mut tx = self.begin().await?;
        let now = Utc::now();
        sqlx::query(
            "UPDATE outbox SET last_error = NULL, sent_at = ?, answer_status = ?, answer = ?
             WHERE idempotency_key = ?",
        )
        .bind(now)
        .bind(i64::from(status))
        .bind(answer)
        .bind(key.to_string())
        .execute(&mut *tx)
        .await?;
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT o.sequence, r.items FROM outbox o JOIN releases r ON r.id = o.release_id
             WHERE o.idempotency_key = ?",
        )
        .bind(key.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let (seq, items): (i64, Vec<ReleasedRef>) = match row {
            Some((seq, json)) => (
                seq,
                serde_json::from_str(&json).map_err(schema("release items"))?,
            ),
            None => (0, Vec::new()),
        };
        for (key, _, _) in refused {
            for item in items.iter().filter(|i| &i.key == key) {
                sqlx::query(
                    "UPDATE records SET released_revision = NULL
                     WHERE kind = ? AND id = ? AND released_revision = ?",
                )
                .bind(item.kind.as_str())
                .bind(&item.id)
                .bind(item.revision)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (item, code, message) in refused {
            sqlx::query(
                "INSERT INTO sync_errors (at, sequence, item, code, message) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(now)
            .bind(seq)
            .bind(item)
            .bind(code)
            .bind(message)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The highest sequence the hub has answered, if any.
    pub async fn last_delivered(&self) -> Result<Option<u64>, Error> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(sequence) FROM outbox WHERE answer IS NOT NULL")
                .fetch_one(&self.pools.writer)
                .await?;
        Ok(last.and_then(|l| u64::try_from(l).ok()))
    }

    /// Number the releases still waiting from `first` on, in their order (the hub is ahead of
    /// this node, after the node's data were restored from a backup). Their keys are kept.
    pub async fn renumber_waiting(&self, first: u64) -> Result<u64, Error> {
        let mut tx = self.begin().await?;
        let waiting: Vec<i64> = sqlx::query_scalar(
            "SELECT sequence FROM outbox WHERE answer IS NULL ORDER BY sequence",
        )
        .fetch_all(&mut *tx)
        .await?;
        // Through negative numbers, so that no two rows ever share a sequence on the way.
        for (i, old) in waiting.iter().enumerate() {
            sqlx::query("UPDATE outbox SET sequence = ? WHERE sequence = ?")
                .bind(-(i as i64) - 1)
                .bind(old)
                .execute(&mut *tx)
                .await?;
        }
        let first = i64::try_from(first).unwrap_or(i64::MAX);
        sqlx::query("UPDATE outbox SET sequence = ? - 1 - sequence WHERE sequence < 0")
            .bind(first)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(waiting.len() as u64)
    }

    /// Take a release that has not reached the hub out of the outbox. Its records go back to
    /// the unreleased list, and the releases after it move up one place.
    pub async fn withdraw(&self, sequence: u64) -> Result<(), Error> {
        let mut tx = self.begin().await?;
        let seq = i64::try_from(sequence).unwrap_or(i64::MAX);
        let row: Option<(i64, Option<String>, String)> = sqlx::query_as(
            "SELECT o.release_id, o.answer, r.items FROM outbox o
             JOIN releases r ON r.id = o.release_id WHERE o.sequence = ?",
        )
        .bind(seq)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((release, answer, items)) = row else {
            return Err(Error::NotFound(format!(
                "there is no release {sequence} in the outbox"
            )));
        };
        if answer.is_some() {
            return Err(Error::Conflict(format!(
                "release {sequence} has already reached the hub; it can be corrected by a new \
                 release, not withdrawn"
            )));
        }
        let items: Vec<ReleasedRef> =
            serde_json::from_str(&items).map_err(schema("release items"))?;
        for item in &items {
            sqlx::query(
                "UPDATE records SET released_revision = NULL
                 WHERE kind = ? AND id = ? AND released_revision = ?",
            )
            .bind(item.kind.as_str())
            .bind(&item.id)
            .bind(item.revision)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM outbox WHERE sequence = ?")
            .bind(seq)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE releases SET status = 'withdrawn' WHERE id = ?")
            .bind(release)
            .execute(&mut *tx)
            .await?;
        // The later waiting releases move up, so that the hub still sees no gap.
        let later: Vec<i64> =
            sqlx::query_scalar("SELECT sequence FROM outbox WHERE sequence > ? ORDER BY sequence")
                .bind(seq)
                .fetch_all(&mut *tx)
                .await?;
        for s in later {
            sqlx::query("UPDATE outbox SET sequence = ? WHERE sequence = ?")
                .bind(s - 1)
                .bind(s)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Send again every release from `sequence` on (after the hub was restored from an older
    /// backup and asked for them).
    pub async fn resend_from(&self, sequence: u64) -> Result<u64, Error> {
        let done = sqlx::query(
            "UPDATE outbox SET sent_at = NULL, answer_status = NULL, answer = NULL
             WHERE sequence >= ?",
        )
        .bind(i64::try_from(sequence).unwrap_or(i64::MAX))
        .execute(&self.pools.writer)
        .await?;
        Ok(done.rows_affected())
    }

    /// Note a failure the clinic should see.
    /// Record a reviewer's choice about a span of a field's text.
    pub async fn add_choice(&self, c: &Choice) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO redaction_choices (kind, record_id, field, text_sha256, action,
                 start_byte, end_byte, category, decided_by, decided_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(c.kind.as_str())
        .bind(&c.id)
        .bind(&c.field)
        .bind(&c.text_sha256)
        .bind(match c.action {
            Action::Add => "add",
            Action::Remove => "remove",
        })
        .bind(i64::try_from(c.start).unwrap_or(i64::MAX))
        .bind(i64::try_from(c.end).unwrap_or(i64::MAX))
        .bind(c.category.label())
        .bind(&c.decided_by)
        .bind(c.decided_at.unwrap_or_else(Utc::now))
        .execute(&self.pools.writer)
        .await?;
        Ok(())
    }

    /// Every choice recorded for a record, oldest first.
    pub async fn choices(&self, kind: Kind, id: &str) -> Result<Vec<Choice>, Error> {
        type Row = (
            String,
            String,
            String,
            i64,
            i64,
            String,
            String,
            DateTime<Utc>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT field, text_sha256, action, start_byte, end_byte, category, decided_by,
                    decided_at
             FROM redaction_choices WHERE kind = ? AND record_id = ? ORDER BY id",
        )
        .bind(kind.as_str())
        .bind(id)
        .fetch_all(&self.pools.writer)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Choice {
                    kind,
                    id: id.to_owned(),
                    field: r.0,
                    text_sha256: r.1,
                    action: if r.2 == "add" {
                        Action::Add
                    } else {
                        Action::Remove
                    },
                    start: usize::try_from(r.3).unwrap_or(0),
                    end: usize::try_from(r.4).unwrap_or(0),
                    category: Category::from_label(&r.5).ok_or_else(|| {
                        Error::Schema(format!("stored redaction category {} is unknown", r.5))
                    })?,
                    decided_by: r.6,
                    decided_at: Some(r.7),
                })
            })
            .collect()
    }

    /// The clinic's roster of staff and patient-partner names, for the scrubber.
    pub async fn roster(&self) -> Result<Roster, Error> {
        let text = self.setting(ROSTER).await?.unwrap_or_default();
        Roster::parse(&text).map_err(|e| Error::Schema(format!("the stored roster: {e}")))
    }

    /// Replace the roster; the text must parse.
    pub async fn set_roster(&self, text: &str) -> Result<Roster, Error> {
        let roster = Roster::parse(text)
            .map_err(|e| Error::Rule(tandem_shared::Error::Invalid(e.to_string())))?;
        self.set_setting(ROSTER, text).await?;
        Ok(roster)
    }

    pub async fn add_sync_error(
        &self,
        sequence: Option<u64>,
        code: &str,
        message: &str,
    ) -> Result<(), Error> {
        sqlx::query("INSERT INTO sync_errors (at, sequence, code, message) VALUES (?, ?, ?, ?)")
            .bind(Utc::now())
            .bind(sequence.and_then(|s| i64::try_from(s).ok()))
            .bind(code)
            .bind(message)
            .execute(&self.pools.writer)
            .await?;
        Ok(())
    }

    /// Refused items and sync failures, newest first.
    pub async fn sync_errors(&self, limit: u32) -> Result<Vec<SyncError>, Error> {
        let rows: Vec<SyncErrorRow> = sqlx::query_as(
            "SELECT id, at, sequence, item, code, message FROM sync_errors
                 ORDER BY id DESC LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pools.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, at, sequence, item, code, message)| SyncError {
                id,
                at,
                sequence: sequence.and_then(|s| u64::try_from(s).ok()),
                item,
                code,
                message,
            })
            .collect())
    }

    /// Store a page of catalogue changes and the cursor after it, together.
    pub async fn put_catalogue(
        &self,
        entries: &[CatalogueEntry],
        next_cursor: u64,
    ) -> Result<(), Error> {
        let mut tx = self.begin().await?;
        for e in entries {
            sqlx::query(
                "INSERT INTO catalogue (id, body, clinic, cursor) VALUES (?, ?, ?, ?)
                 ON CONFLICT (id) DO UPDATE SET body = excluded.body, clinic = excluded.clinic,
                   cursor = excluded.cursor",
            )
            .bind(e.practice.id.to_string())
            .bind(serde_json::to_string(&e.practice).unwrap_or_default())
            .bind(&e.clinic)
            .bind(i64::try_from(e.cursor).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ('catalogue_cursor', ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(next_cursor.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The network catalogue as pulled: (practice JSON, clinic name if shown).
    pub async fn catalogue(&self) -> Result<Vec<(String, Option<String>)>, Error> {
        Ok(
            sqlx::query_as("SELECT body, clinic FROM catalogue ORDER BY cursor")
                .fetch_all(&self.pools.reader)
                .await?,
        )
    }

    /// Whether a practice is known here, either the clinic's own or from the catalogue.
    pub async fn practice_known(&self, id: &str) -> Result<bool, Error> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM catalogue WHERE id = ?
             UNION ALL SELECT 1 FROM records WHERE kind = 'practice' AND id = ? LIMIT 1",
        )
        .bind(id)
        .bind(id)
        .fetch_optional(&self.pools.reader)
        .await?;
        Ok(found.is_some())
    }

    /// Counts for the status page: records with unreleased changes, releases waiting for the
    /// hub, releases delivered, and sync errors.
    pub async fn counts(&self) -> Result<Counts, Error> {
        let (unreleased, pending, delivered, errors): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT
               (SELECT COUNT(*) FROM records
                 WHERE released_revision IS NULL OR released_revision < revision),
               (SELECT COUNT(*) FROM outbox WHERE answer IS NULL),
               (SELECT COUNT(*) FROM outbox WHERE answer IS NOT NULL),
               (SELECT COUNT(*) FROM sync_errors)",
        )
        .fetch_one(&self.pools.reader)
        .await?;
        Ok(Counts {
            unreleased,
            pending,
            delivered,
            errors,
        })
    }
}

/// Counts for the status page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub unreleased: i64,
    pub pending: i64,
    pub delivered: i64,
    pub errors: i64,
}

async fn fetch_record<'e>(
    executor: impl sqlx::Executor<'e, Database = Sqlite>,
    kind: Kind,
    id: &str,
) -> Result<Option<StoredRecord>, Error> {
    let row: Option<RecordRow> = sqlx::query_as(
        "SELECT kind, id, body, revision, released_revision, updated_at FROM records
         WHERE kind = ? AND id = ?",
    )
    .bind(kind.as_str())
    .bind(id)
    .fetch_optional(executor)
    .await?;
    row.map(record).transpose()
}

/// The extract: kept here, never released.
impl NodeStore {
    /// Each table's file as last imported, by table.
    pub async fn extract_files(
        &self,
    ) -> Result<std::collections::BTreeMap<String, ExtractFile>, Error> {
        type Columns = (
            String,
            String,
            String,
            i64,
            i64,
            chrono::NaiveDate,
            DateTime<Utc>,
            String,
        );
        let rows: Vec<Columns> = sqlx::query_as(
            "SELECT table_name, file_name, sha256, row_count, dictionary_version, extracted_on,
                    imported_at, imported_by
             FROM extract_files ORDER BY table_name",
        )
        .fetch_all(&self.pools.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let file = ExtractFile {
                    table: r.0.clone(),
                    file: r.1,
                    sha256: r.2,
                    rows: r.3,
                    dictionary_version: u32::try_from(r.4).unwrap_or(0),
                    extracted_on: r.5,
                    imported_at: r.6,
                    imported_by: r.7,
                };
                (r.0, file)
            })
            .collect())
    }

    /// A table's stored rows: each row's source line and its cells.
    pub async fn extract_rows(&self, table: &str) -> Result<Vec<(i64, String)>, Error> {
        Ok(sqlx::query_as(
            "SELECT line, cells FROM extract_rows WHERE table_name = ? ORDER BY line",
        )
        .bind(table)
        .fetch_all(&self.pools.reader)
        .await?)
    }

    /// The clinic's column mappings, by table and field.
    pub async fn extract_mappings(
        &self,
    ) -> Result<std::collections::HashMap<String, crate::extract::import::Mapping>, Error> {
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT table_name, field, column_name FROM extract_mappings")
                .fetch_all(&self.pools.reader)
                .await?;
        let mut out: std::collections::HashMap<String, crate::extract::import::Mapping> =
            Default::default();
        for (table, field, column) in rows {
            out.entry(table).or_default().insert(field, column);
        }
        Ok(out)
    }

    /// Replace the given tables' rows, save the mappings, and store the computed values that
    /// are new or changed, in one transaction: an import lands whole or not at all.
    pub(crate) async fn commit_extract(
        &self,
        tables: &[(String, &crate::extract::import::Parsed)],
        dictionary_version: u32,
        extracted_on: chrono::NaiveDate,
        by: &str,
        mappings: &std::collections::HashMap<String, crate::extract::import::Mapping>,
        values: &[(String, String)],
    ) -> Result<(), Error> {
        let mut tx = self.begin().await?;
        let now = Utc::now();
        for (table, parsed) in tables {
            sqlx::query("DELETE FROM extract_rows WHERE table_name = ?")
                .bind(table)
                .execute(&mut *tx)
                .await?;
            // 3 parameters a row, well under SQLite's limit of 32,766 a statement.
            for chunk in parsed.rows.chunks(2_000) {
                let mut insert = sqlx::QueryBuilder::<Sqlite>::new(
                    "INSERT INTO extract_rows (table_name, line, cells) ",
                );
                insert.push_values(chunk, |mut b, (line, _, text)| {
                    b.push_bind(table.as_str())
                        .push_bind(*line as i64)
                        .push_bind(text.as_str());
                });
                insert.build().execute(&mut *tx).await?;
            }
            sqlx::query(
                "INSERT INTO extract_files (table_name, file_name, sha256, row_count,
                     dictionary_version, extracted_on, imported_at, imported_by)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (table_name) DO UPDATE SET file_name = excluded.file_name,
                     sha256 = excluded.sha256, row_count = excluded.row_count,
                     dictionary_version = excluded.dictionary_version,
                     extracted_on = excluded.extracted_on, imported_at = excluded.imported_at,
                     imported_by = excluded.imported_by",
            )
            .bind(table)
            .bind(&parsed.file)
            .bind(&parsed.sha256)
            .bind(parsed.rows.len() as i64)
            .bind(i64::from(dictionary_version))
            .bind(extracted_on)
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM extract_mappings")
            .execute(&mut *tx)
            .await?;
        for (table, fields) in mappings {
            for (field, column) in fields {
                sqlx::query(
                    "INSERT INTO extract_mappings (table_name, field, column_name) VALUES (?, ?, ?)",
                )
                .bind(table)
                .bind(field)
                .bind(column)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (id, body) in values {
            sqlx::query(PUT_RECORD)
                .bind(Kind::MeasureValue.as_str())
                .bind(id)
                .bind(body)
                .bind(now)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
