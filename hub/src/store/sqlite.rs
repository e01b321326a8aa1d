//! The embedded backend: one SQLite file in WAL mode. All writes go through a pool of one
//! connection with `BEGIN IMMEDIATE`, so writers queue instead of failing with SQLITE_BUSY, and
//! readers use their own pool.

use std::collections::HashMap;
use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{QueryBuilder, Sqlite, Transaction};
use tandem_service::migrations;
use tandem_service::sqlite::Pools;
use tandem_shared::model::{ClinicId, Language, MeasureId, MeasureValue, Month, Practice};
use tandem_shared::privacy::{ReleasedText, SeriesPoint};
use tandem_shared::protocol::{CataloguePage, Definitions, IdempotencyKey};

use super::snapshot::{self, FamilyTextRow, StoryRow};
use super::{
    Answer, CLINIC_COLUMNS, CLINIC_STATUS, CatalogueTextStore, Clinic, ClinicRow, ClinicStatus,
    ClinicStatusRow, CodeStatus, Columns, Contribution, Decision, EnrolmentStore,
    FamilyTextVersion, IngestStore, IngestTx, IssuedCertificate, MigrationStore, NetworkStore,
    NewStory, Reaction, Reactions, ReadStore, Receipt, Rollup, SearchResults, Snapshot,
    StoredValue, Story, ValueKey, clinic, clinic_id, to_i64 as i, to_u64 as u, version,
};
use crate::Error;
use crate::catalogue::FamilyText;
use crate::catalogue::search::{self, QueryWord};

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pools: Pools,
}

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "spine",
        include_str!("../../migrations/sqlite/0001_spine.sql"),
    ),
    (
        2,
        "value versions",
        include_str!("../../migrations/sqlite/0002_value_versions.sql"),
    ),
    (3, "people", tandem_web::accounts::SQLITE_MIGRATION),
    (
        4,
        "clinic status",
        include_str!("../../migrations/sqlite/0004_clinic_status.sql"),
    ),
    (
        5,
        "reporting",
        include_str!("../../migrations/sqlite/0005_reporting.sql"),
    ),
    (
        6,
        "catalogue",
        include_str!("../../migrations/sqlite/0006_catalogue.sql"),
    ),
    (
        7,
        "reactions",
        include_str!("../../migrations/sqlite/0007_reactions.sql"),
    ),
    (
        8,
        "stories",
        include_str!("../../migrations/sqlite/0008_stories.sql"),
    ),
];

impl SqliteStore {
    /// Open (creating if needed) and migrate the database a `sqlite://` URL names.
    pub async fn open(url: &str) -> Result<Self, Error> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| Error::Config(format!("the SQLite URL {url:?} is not valid: {e}")))?;
        let pools = Pools::open(options, &migrations::migrator(MIGRATIONS), "tandem-hub").await?;
        Ok(Self { pools })
    }

    async fn begin(&self) -> Result<Transaction<'static, Sqlite>, Error> {
        Ok(self.pools.begin().await?)
    }

    /// Every row a query returns, each turned into `R` from its columns.
    async fn all<R: Columns>(&self, sql: &str) -> Result<Vec<R>, Error>
    where
        R::Row: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
    {
        let rows: Vec<R::Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_all(&self.pools.reader)
            .await?;
        Ok(rows.into_iter().map(R::from_row).collect())
    }

    /// Like `all`, with text parameters bound in order.
    async fn all_bound<R: Columns>(&self, sql: &str, params: &[String]) -> Result<Vec<R>, Error>
    where
        R::Row: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
    {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned()));
        for p in params {
            q = q.bind(p);
        }
        let rows: Vec<R::Row> = q.fetch_all(&self.pools.reader).await?;
        Ok(rows.into_iter().map(R::from_row).collect())
    }
}

#[async_trait]
impl NetworkStore for SqliteStore {
    fn accounts(&self) -> std::sync::Arc<dyn tandem_web::accounts::AccountStore> {
        std::sync::Arc::new(tandem_web::accounts::SqliteAccounts::new(
            self.pools.clone(),
        ))
    }

    async fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pools.reader)
                .await?,
        )
    }

    async fn engine(&self) -> Result<String, Error> {
        let version: String = sqlx::query_scalar("SELECT sqlite_version()")
            .fetch_one(&self.pools.reader)
            .await?;
        Ok(format!("SQLite {version}"))
    }

    async fn set_setting(&self, key: &str, value: &str) -> Result<(), Error> {
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

    async fn definitions_at(&self, version: Option<u64>) -> Result<Option<Definitions>, Error> {
        let body: Option<String> = sqlx::query_scalar(
            "SELECT body FROM definitions WHERE ? IS NULL OR version = ? ORDER BY version DESC LIMIT 1",
        )
        .bind(version.map(i))
            .bind(version.map(i))
        .fetch_optional(&self.pools.reader)
        .await?;
        body.map(|b| {
            serde_json::from_str(&b)
                .map_err(|e| Error::Schema(format!("stored definitions are unreadable: {e}")))
        })
        .transpose()
    }

    async fn definitions_published_at(&self, version: u64) -> Result<Option<DateTime<Utc>>, Error> {
        Ok(
            sqlx::query_scalar("SELECT created_at FROM definitions WHERE version = ?")
                .bind(i(version))
                .fetch_optional(&self.pools.reader)
                .await?,
        )
    }

    async fn put_definitions(&self, definitions: &Definitions) -> Result<u64, Error> {
        let mut tx = self.begin().await?;
        let current: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM definitions")
            .fetch_one(&mut *tx)
            .await?;
        let version = u(current) + 1;
        let mut stored = definitions.clone();
        stored.version = version;
        sqlx::query("INSERT INTO definitions (version, body, created_at) VALUES (?, ?, ?)")
            .bind(i(version))
            .bind(serde_json::to_string(&stored).unwrap_or_default())
            .bind(crate::store::now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(version)
    }
}

#[async_trait]
impl EnrolmentStore for SqliteStore {
    async fn create_clinic(
        &self,
        id: &ClinicId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let done = sqlx::query(
            "INSERT INTO clinics (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(id.as_str())
        .bind(name)
        .bind(now)
        .execute(&self.pools.writer)
        .await?;
        if done.rows_affected() == 0 {
            return Err(super::clinic_exists(id));
        }
        Ok(())
    }

    async fn clinic(&self, id: &ClinicId) -> Result<Option<Clinic>, Error> {
        let row: Option<ClinicRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{CLINIC_COLUMNS} WHERE id = ?"
        )))
        .bind(id.as_str())
        .fetch_optional(&self.pools.reader)
        .await?;
        row.map(clinic).transpose()
    }

    async fn clinics(&self) -> Result<Vec<Clinic>, Error> {
        let rows: Vec<ClinicRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{CLINIC_COLUMNS} ORDER BY id")))
                .fetch_all(&self.pools.reader)
                .await?;
        rows.into_iter().map(clinic).collect()
    }

    async fn clinic_statuses(&self) -> Result<Vec<ClinicStatus>, Error> {
        let rows: Vec<ClinicStatusRow> = sqlx::query_as(CLINIC_STATUS)
            .fetch_all(&self.pools.writer)
            .await?;
        rows.into_iter().map(super::clinic_status).collect()
    }

    async fn clinic_seen(
        &self,
        id: &ClinicId,
        now: DateTime<Utc>,
        definitions: Option<u64>,
    ) -> Result<(), Error> {
        sqlx::query(
            "UPDATE clinics SET last_seen_at = ?, \
             definitions_version = COALESCE(?, definitions_version) WHERE id = ?",
        )
        .bind(now)
        .bind(definitions.map(i))
        .bind(id.as_str())
        .execute(&self.pools.writer)
        .await?;
        Ok(())
    }

    async fn add_enrolment_code(
        &self,
        clinic: &ClinicId,
        code_hash: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO enrolment_codes (hash, clinic, created_at, expires_at) VALUES (?, ?, ?, ?)",
        )
        .bind(code_hash)
        .bind(clinic.as_str())
        .bind(now)
        .bind(expires_at)
        .execute(&self.pools.writer)
        .await?;
        Ok(())
    }

    async fn check_enrolment_code(
        &self,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<CodeStatus, Error> {
        let row: Option<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT clinic, expires_at, used_at FROM enrolment_codes WHERE hash = ?",
        )
        .bind(code_hash)
        .fetch_optional(&self.pools.reader)
        .await?;
        let Some((clinic, expires_at, used_at)) = row else {
            return Ok(CodeStatus::Unknown);
        };
        let clinic = self.clinic(&clinic_id(clinic)?).await?;
        Ok(super::code_status(clinic, expires_at, used_at, now))
    }

    async fn complete_enrolment(
        &self,
        code_hash: &str,
        certificate: &IssuedCertificate,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let mut tx = self.begin().await?;
        let used = sqlx::query(
            "UPDATE enrolment_codes SET used_at = ?
             WHERE hash = ? AND used_at IS NULL AND expires_at > ? AND clinic = ?",
        )
        .bind(now)
        .bind(code_hash)
        .bind(now)
        .bind(certificate.clinic.as_str())
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() == 0 {
            return Ok(false);
        }
        insert_certificate(&mut tx, certificate, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn record_certificate(
        &self,
        certificate: &IssuedCertificate,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let mut tx = self.begin().await?;
        insert_certificate(&mut tx, certificate, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn certificate(&self, serial: &str) -> Result<Option<IssuedCertificate>, Error> {
        let row: Option<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT clinic, not_after, revoked_at FROM certificates WHERE serial = ?",
        )
        .bind(serial)
        .fetch_optional(&self.pools.reader)
        .await?;
        row.map(|(clinic, not_after, revoked_at)| {
            Ok(IssuedCertificate {
                serial: serial.to_owned(),
                clinic: clinic_id(clinic)?,
                not_after,
                revoked: revoked_at.is_some(),
            })
        })
        .transpose()
    }

    async fn revoke_clinic(&self, id: &ClinicId, now: DateTime<Utc>) -> Result<(), Error> {
        let mut tx = self.begin().await?;
        let done =
            sqlx::query("UPDATE clinics SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
                .bind(now)
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound(format!("there is no clinic with id {id}")));
        }
        sqlx::query(
            "UPDATE certificates SET revoked_at = COALESCE(revoked_at, ?) WHERE clinic = ?",
        )
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE enrolment_codes SET used_at = COALESCE(used_at, ?) WHERE clinic = ?")
            .bind(now)
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn insert_certificate(
    tx: &mut Transaction<'static, Sqlite>,
    c: &IssuedCertificate,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO certificates (serial, clinic, issued_at, not_after) VALUES (?, ?, ?, ?)",
    )
    .bind(&c.serial)
    .bind(c.clinic.as_str())
    .bind(now)
    .bind(c.not_after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl IngestStore for SqliteStore {
    async fn held_release(
        &self,
        clinic: &ClinicId,
        key: &IdempotencyKey,
    ) -> Result<Option<u64>, Error> {
        let sequence: Option<i64> = sqlx::query_scalar(
            "SELECT sequence FROM receipts WHERE clinic = ? AND idempotency_key = ?",
        )
        .bind(clinic.as_str())
        .bind(key.to_string())
        .fetch_optional(&self.pools.writer)
        .await?;
        Ok(sequence.map(u))
    }

    async fn begin_ingest(&self) -> Result<Box<dyn IngestTx>, Error> {
        Ok(Box::new(SqliteIngest {
            tx: self.begin().await?,
        }))
    }
}

/// Storing a release on SQLite. `BEGIN IMMEDIATE` already serialises writers, so locking the
/// clinic is only a read.
struct SqliteIngest {
    tx: Transaction<'static, Sqlite>,
}

/// SQLite allows 32,766 variables in a statement; batches stay well below.
const BATCH: usize = 500;

#[async_trait]
impl IngestTx for SqliteIngest {
    async fn lock_clinic(&mut self, clinic: &ClinicId) -> Result<Option<u64>, Error> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT last_sequence FROM clinics WHERE id = ?")
                .bind(clinic.as_str())
                .fetch_optional(&mut *self.tx)
                .await?;
        Ok(last.map(u))
    }

    async fn receipt(
        &mut self,
        clinic: &ClinicId,
        key: &IdempotencyKey,
    ) -> Result<Option<Receipt>, Error> {
        let row: Option<(String, i64, i64, String)> = sqlx::query_as(
            "SELECT digest, sequence, status, body FROM receipts
             WHERE clinic = ? AND idempotency_key = ?",
        )
        .bind(clinic.as_str())
        .bind(key.to_string())
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(row.map(|(digest, sequence, status, body)| Receipt {
            sequence: u(sequence),
            digest,
            answer: Answer {
                status: u16::try_from(status).unwrap_or(200),
                body,
            },
        }))
    }

    async fn current_values(
        &mut self,
        clinic: &ClinicId,
        keys: &[ValueKey],
    ) -> Result<HashMap<ValueKey, Contribution>, Error> {
        // Each measure's span of months goes in as one JSON parameter, and the rows in those
        // spans come back as one JSON row: sqlx hands SQLite parameters and rows across
        // threads one at a time, which costs more than SQLite's own JSON functions. A span is
        // one range scan of the primary key, where a lookup per key would be one search each.
        let mut spans: HashMap<&str, (&str, &str)> = HashMap::new();
        for (measure, month) in keys {
            let span = spans.entry(measure).or_insert((month, month));
            span.0 = span.0.min(month.as_str());
            span.1 = span.1.max(month.as_str());
        }
        let spans: Vec<(&str, &str, &str)> =
            spans.into_iter().map(|(m, (a, b))| (m, a, b)).collect();
        let json: String = sqlx::query_scalar(
            "SELECT json_group_array(json_array(v.measure, v.month, v.numerator, v.denominator,
                    CASE WHEN v.value IS NULL THEN NULL ELSE printf('%!.17g', v.value) END,
                    v.suppressed))
             FROM json_each(?) k
             CROSS JOIN measure_values v
               ON v.clinic = ? AND v.measure = k.value ->> 0
              AND v.month BETWEEN k.value ->> 1 AND k.value ->> 2",
        )
        .bind(serde_json::to_string(&spans).unwrap_or_default())
        .bind(clinic.as_str())
        .fetch_one(&mut *self.tx)
        .await?;
        // Values come back as text with 17 significant digits: JSON numbers would keep 15, and
        // the contribution taken away on supersede must be exactly the one added.
        let rows: Vec<(
            String,
            String,
            Option<i64>,
            Option<i64>,
            Option<String>,
            i64,
        )> = serde_json::from_str(&json)
            .map_err(|e| Error::Schema(format!("stored values are unreadable: {e}")))?;
        let wanted: std::collections::HashSet<&ValueKey> = keys.iter().collect();
        Ok(rows
            .into_iter()
            .map(|(measure, month, n, d, v, suppressed)| ((measure, month), (n, d, v, suppressed)))
            .filter(|(key, _)| wanted.contains(key))
            .map(|(key, (n, d, v, suppressed))| {
                (
                    key,
                    Contribution::from_parts(
                        n.map(u),
                        d.map(u),
                        v.and_then(|v| v.parse().ok()),
                        suppressed != 0,
                    ),
                )
            })
            .collect())
    }

    async fn value_versions(
        &mut self,
        clinic: &ClinicId,
        measures: &[&MeasureId],
    ) -> Result<Vec<(MeasureId, SeriesPoint)>, Error> {
        let names: Vec<&str> = measures.iter().map(|m| m.as_str()).collect();
        let json: String = sqlx::query_scalar(
            "SELECT json_group_array(json_array(measure, month, numerator, denominator))
             FROM value_versions
             WHERE clinic = ? AND measure IN (SELECT value FROM json_each(?))",
        )
        .bind(clinic.as_str())
        .bind(serde_json::to_string(&names).unwrap_or_default())
        .fetch_one(&mut *self.tx)
        .await?;
        let rows: Vec<(String, String, Option<i64>, Option<i64>)> = serde_json::from_str(&json)
            .map_err(|e| Error::Schema(format!("stored value versions are unreadable: {e}")))?;
        rows.into_iter().map(version).collect()
    }

    async fn put_values(
        &mut self,
        clinic: &ClinicId,
        values: &[&MeasureValue],
        sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<(), Error> {
        for chunk in values.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO value_versions (clinic, measure, month, sequence, numerator, \
                 denominator, suppressed) ",
            );
            q.push_values(chunk, |mut row, v| {
                row.push_bind(clinic.as_str())
                    .push_bind(v.measure().as_str())
                    .push_bind(v.month().to_string())
                    .push_bind(i(sequence))
                    .push_bind(v.numerator().map(i))
                    .push_bind(v.denominator().map(i))
                    .push_bind(v.suppressed());
            });
            q.push(" ON CONFLICT DO NOTHING");
            q.build().execute(&mut *self.tx).await?;
        }
        for chunk in values.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO measure_values (clinic, measure, month, numerator, denominator, \
                 value, suppressed, sequence, received_at) ",
            );
            q.push_values(chunk, |mut row, v| {
                row.push_bind(clinic.as_str())
                    .push_bind(v.measure().as_str())
                    .push_bind(v.month().to_string())
                    .push_bind(v.numerator().map(i))
                    .push_bind(v.denominator().map(i))
                    .push_bind(v.value())
                    .push_bind(v.suppressed())
                    .push_bind(i(sequence))
                    .push_bind(at);
            });
            q.push(
                " ON CONFLICT (clinic, measure, month) DO UPDATE SET
                   numerator = excluded.numerator, denominator = excluded.denominator,
                   value = excluded.value, suppressed = excluded.suppressed,
                   sequence = excluded.sequence, received_at = excluded.received_at",
            );
            q.build().execute(&mut *self.tx).await?;
        }
        if let Some(first) = values.iter().map(|v| v.month()).min() {
            let first = first.to_string();
            sqlx::query(
                "UPDATE clinics SET first_month = ?1 \
                 WHERE id = ?2 AND (first_month IS NULL OR first_month > ?1)",
            )
            .bind(&first)
            .bind(clinic.as_str())
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(())
    }

    async fn add_to_rollups(&mut self, deltas: &[(ValueKey, Contribution)]) -> Result<(), Error> {
        for chunk in deltas.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO network_rollups (measure, month, numerator_sum, denominator_sum, \
                 value_sum, clinics_contributing, clinics_suppressed) ",
            );
            q.push_values(chunk, |mut row, ((measure, month), d)| {
                row.push_bind(measure.as_str())
                    .push_bind(month.as_str())
                    .push_bind(d.numerator)
                    .push_bind(d.denominator)
                    .push_bind(d.value)
                    .push_bind(d.contributing)
                    .push_bind(d.suppressed);
            });
            q.push(
                " ON CONFLICT (measure, month) DO UPDATE SET
                   numerator_sum = numerator_sum + excluded.numerator_sum,
                   denominator_sum = denominator_sum + excluded.denominator_sum,
                   value_sum = value_sum + excluded.value_sum,
                   clinics_contributing = clinics_contributing + excluded.clinics_contributing,
                   clinics_suppressed = clinics_suppressed + excluded.clinics_suppressed",
            );
            q.build().execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    async fn put_record(
        &mut self,
        clinic: &ClinicId,
        kind: &str,
        id: uuid::Uuid,
        body: &str,
        sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let existed: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM records WHERE clinic = ? AND kind = ? AND id = ?")
                .bind(clinic.as_str())
                .bind(kind)
                .bind(id.to_string())
                .fetch_optional(&mut *self.tx)
                .await?;
        sqlx::query(
            "INSERT INTO records (clinic, kind, id, body, sequence, received_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (clinic, kind, id) DO UPDATE SET
               body = excluded.body, sequence = excluded.sequence,
               received_at = excluded.received_at",
        )
        .bind(clinic.as_str())
        .bind(kind)
        .bind(id.to_string())
        .bind(body)
        .bind(i(sequence))
        .bind(at)
        .execute(&mut *self.tx)
        .await?;
        Ok(existed.is_some())
    }

    async fn practice_owner(&mut self, id: uuid::Uuid) -> Result<Option<String>, Error> {
        Ok(
            sqlx::query_scalar("SELECT clinic FROM practices WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&mut *self.tx)
                .await?,
        )
    }

    async fn put_practice(
        &mut self,
        clinic: &ClinicId,
        practice: &Practice<ReleasedText>,
        sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<(), Error> {
        // The single writer makes "one more than the highest" safe as the next cursor.
        sqlx::query(
            "INSERT INTO practices
               (id, clinic, body, public, show_clinic_name, cursor, sequence, received_at)
             VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(cursor), 0) + 1 FROM practices), ?, ?)
             ON CONFLICT (id) DO UPDATE SET
               body = excluded.body, public = excluded.public,
               show_clinic_name = excluded.show_clinic_name, cursor = excluded.cursor,
               sequence = excluded.sequence, received_at = excluded.received_at",
        )
        .bind(practice.id.to_string())
        .bind(clinic.as_str())
        .bind(super::to_json(practice))
        .bind(practice.public)
        .bind(practice.show_clinic_name)
        .bind(i(sequence))
        .bind(at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn keep_receipt(
        &mut self,
        clinic: &ClinicId,
        key: &IdempotencyKey,
        receipt: &Receipt,
        at: DateTime<Utc>,
    ) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO receipts
               (clinic, idempotency_key, sequence, digest, status, body, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(clinic.as_str())
        .bind(key.to_string())
        .bind(i(receipt.sequence))
        .bind(&receipt.digest)
        .bind(i64::from(receipt.answer.status))
        .bind(&receipt.answer.body)
        .bind(at)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("UPDATE clinics SET last_sequence = ?, last_release_at = ? WHERE id = ?")
            .bind(i(receipt.sequence))
            .bind(at)
            .bind(clinic.as_str())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn commit(self: Box<Self>) -> Result<(), Error> {
        Ok(self.tx.commit().await?)
    }
}

#[async_trait]
impl ReadStore for SqliteStore {
    async fn network_series(&self, measure: &MeasureId) -> Result<Vec<Rollup>, Error> {
        let rows: Vec<(String, i64, i64, f64, i64, i64)> = sqlx::query_as(
            "SELECT month, numerator_sum, denominator_sum, value_sum, clinics_contributing,
                    clinics_suppressed
             FROM network_rollups WHERE measure = ? ORDER BY month",
        )
        .bind(measure.as_str())
        .fetch_all(&self.pools.reader)
        .await?;
        rows.into_iter().map(super::rollup).collect()
    }

    async fn released_counts(
        &self,
        measure: &MeasureId,
    ) -> Result<Vec<(Month, Option<u64>, Option<u64>)>, Error> {
        let rows: Vec<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT month, numerator, denominator FROM measure_values
             WHERE measure = ? AND NOT suppressed ORDER BY month",
        )
        .bind(measure.as_str())
        .fetch_all(&self.pools.reader)
        .await?;
        rows.into_iter()
            .map(|(month, n, d)| {
                let month = month
                    .parse()
                    .map_err(|_| Error::Schema(format!("a stored month is unreadable: {month}")))?;
                Ok((month, n.map(u), d.map(u)))
            })
            .collect()
    }

    async fn clinic_series(
        &self,
        clinic: &ClinicId,
        measure: &MeasureId,
    ) -> Result<Vec<StoredValue>, Error> {
        let rows: Vec<(String, Option<i64>, Option<i64>, Option<f64>, bool, i64)> = sqlx::query_as(
            "SELECT month, numerator, denominator, value, suppressed, sequence
                 FROM measure_values WHERE clinic = ? AND measure = ? ORDER BY month",
        )
        .bind(clinic.as_str())
        .bind(measure.as_str())
        .fetch_all(&self.pools.reader)
        .await?;
        rows.into_iter()
            .map(|row| super::stored_value(clinic, row))
            .collect()
    }

    async fn catalogue(&self, after: u64, limit: u32) -> Result<CataloguePage, Error> {
        let rows: Vec<(String, String, bool, i64)> = sqlx::query_as(
            "SELECT p.body, c.name, p.show_clinic_name, p.cursor
             FROM practices p JOIN clinics c ON c.id = p.clinic
             WHERE p.cursor > ? ORDER BY p.cursor LIMIT ?",
        )
        .bind(i(after))
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.pools.reader)
        .await?;
        super::catalogue_page(
            after,
            limit,
            rows.into_iter().map(|(b, n, s, c)| (b, n, s, u(c))),
        )
    }

    async fn catalogue_head(&self) -> Result<u64, Error> {
        let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(cursor), 0) FROM practices")
            .fetch_one(&self.pools.reader)
            .await?;
        Ok(u(head))
    }

    async fn record_counts(&self) -> Result<Vec<(String, u64)>, Error> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT 'measure_value', COUNT(*) FROM measure_values
             UNION ALL SELECT kind, COUNT(*) FROM records GROUP BY kind
             UNION ALL SELECT 'practice', COUNT(*) FROM practices
             UNION ALL SELECT 'release', COUNT(*) FROM receipts",
        )
        .fetch_all(&self.pools.reader)
        .await?;
        Ok(rows.into_iter().map(|(k, n)| (k, u(n))).collect())
    }

    async fn records(
        &self,
        kind: &str,
        clinic: Option<&ClinicId>,
    ) -> Result<Vec<(ClinicId, String)>, Error> {
        let clinic = clinic.map(ClinicId::as_str);
        let rows: Vec<(String, String)> = if kind == "practice" {
            sqlx::query_as(
                "SELECT clinic, body FROM practices WHERE (?1 IS NULL OR clinic = ?1)
                 ORDER BY cursor",
            )
            .bind(clinic)
            .fetch_all(&self.pools.reader)
            .await?
        } else {
            sqlx::query_as(
                "SELECT clinic, body FROM records WHERE (?1 IS NULL OR clinic = ?1) AND kind = ?2
                 ORDER BY received_at, clinic, id",
            )
            .bind(clinic)
            .bind(kind)
            .fetch_all(&self.pools.reader)
            .await?
        };
        super::clinic_bodies(rows)
    }

    async fn measure_values(
        &self,
        measure: &MeasureId,
        clinics: Option<&[ClinicId]>,
        from: Month,
        to: Month,
    ) -> Result<Vec<StoredValue>, Error> {
        let (from, to) = (from.to_string(), to.to_string());
        // Two statements, so that each uses its index: the clinics' keys, or the months'.
        let rows = match clinics {
            Some([]) => Vec::new(),
            Some(clinics) => {
                let ids = serde_json::to_string(
                    &clinics.iter().map(ClinicId::as_str).collect::<Vec<_>>(),
                )
                .unwrap_or_default();
                sqlx::query_as(
                    "SELECT clinic, month, numerator, denominator, value, suppressed, sequence
                     FROM measure_values
                     WHERE clinic IN (SELECT value FROM json_each(?1)) AND measure = ?2
                       AND month >= ?3 AND month <= ?4",
                )
                .bind(ids)
                .bind(measure.as_str())
                .bind(&from)
                .bind(&to)
                .fetch_all(&self.pools.reader)
                .await?
            }
            None => {
                sqlx::query_as(
                    "SELECT clinic, month, numerator, denominator, value, suppressed, sequence
                     FROM measure_values WHERE measure = ?1 AND month >= ?2 AND month <= ?3",
                )
                .bind(measure.as_str())
                .bind(&from)
                .bind(&to)
                .fetch_all(&self.pools.reader)
                .await?
            }
        };
        super::clinic_values(rows)
    }

    async fn generation(&self) -> Result<u64, Error> {
        let parts = sqlx::query_as(
            "SELECT (SELECT COALESCE(SUM(last_sequence), 0) FROM clinics),
                    (SELECT COUNT(*) FROM clinics), (SELECT COUNT(revoked_at) FROM clinics),
                    (SELECT COALESCE(MAX(version), 0) FROM definitions),
                    (SELECT COUNT(*) FROM catalogue_versions),
                    (SELECT group_concat(key || '=' || value, ';') FROM settings)",
        )
        .fetch_one(&self.pools.reader)
        .await?;
        Ok(super::generation_of(parts))
    }

    async fn reporting(&self, from: Month, to: Month) -> Result<Vec<super::ClinicMonth>, Error> {
        let (from, to) = (from.to_string(), to.to_string());
        let counts: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT clinic, month, SUM(1 - suppressed), SUM(suppressed)
             FROM measure_values WHERE month >= ? AND month <= ? GROUP BY clinic, month",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(&self.pools.reader)
        .await?;
        // A month's first receipt: the release that carried its oldest stored version.
        let firsts: Vec<(String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT v.clinic, v.month, MIN(r.received_at)
             FROM value_versions v
             JOIN receipts r ON r.clinic = v.clinic AND r.sequence = v.sequence
             WHERE v.month >= ? AND v.month <= ? GROUP BY v.clinic, v.month",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(&self.pools.reader)
        .await?;
        super::clinic_months(counts, firsts)
    }
}

/// A family text's search row, replaced: present while the text is published.
async fn index_family_text(
    tx: &mut Transaction<'static, Sqlite>,
    practice: &str,
    lang: &str,
    body: &str,
    published: bool,
) -> Result<(), Error> {
    sqlx::query("DELETE FROM catalogue_search WHERE practice = ? AND lang = ?")
        .bind(practice)
        .bind(lang)
        .execute(&mut **tx)
        .await?;
    if published {
        let language = if lang == "fr" {
            Language::Fr
        } else {
            Language::En
        };
        let (title, rest) = super::family_terms(language, body)?;
        sqlx::query(
            "INSERT INTO catalogue_search (practice, lang, title, body) VALUES (?, ?, ?, ?)",
        )
        .bind(practice)
        .bind(lang)
        .bind(title)
        .bind(rest)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[async_trait]
impl CatalogueTextStore for SqliteStore {
    async fn save_family_text(
        &self,
        practice: uuid::Uuid,
        lang: Language,
        text: &FamilyText,
        published: bool,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<u64, Error> {
        let (id, code, body) = (practice.to_string(), lang.code(), super::to_json(text));
        let mut tx = self.begin().await?;
        let known: Option<i64> = sqlx::query_scalar("SELECT 1 FROM practices WHERE id = ?")
            .bind(&id)
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_none() {
            return Err(Error::NotFound(format!("there is no practice {id}")));
        }
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM catalogue_versions
             WHERE practice = ? AND lang = ?",
        )
        .bind(&id)
        .bind(code)
        .fetch_one(&mut *tx)
        .await?;
        // A new version in the history; the current text replaced.
        for (verb, table) in [
            ("INSERT", "catalogue_versions"),
            ("INSERT OR REPLACE", "catalogue_texts"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "{verb} INTO {table} ({}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                snapshot::FAMILY_TEXT_COLUMNS
            )))
            .bind(&id)
            .bind(code)
            .bind(version)
            .bind(&body)
            .bind(published)
            .bind(by)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        index_family_text(&mut tx, &id, code, &body, published).await?;
        tx.commit().await?;
        Ok(u(version))
    }

    async fn add_reaction(&self, practice: uuid::Uuid, kind: Reaction) -> Result<(), Error> {
        let done = sqlx::query(
            "INSERT INTO catalogue_reactions (practice, kind, count)
             SELECT id, ?2, 1 FROM practices WHERE id = ?1 AND public
             ON CONFLICT (practice, kind) DO UPDATE SET count = count + 1",
        )
        .bind(practice.to_string())
        .bind(kind.key())
        .execute(&self.pools.writer)
        .await?;
        super::reacted(practice, done.rows_affected())
    }

    async fn reactions(&self, practice: uuid::Uuid) -> Result<Reactions, Error> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT kind, count FROM catalogue_reactions WHERE practice = ?")
                .bind(practice.to_string())
                .fetch_all(&self.pools.reader)
                .await?;
        Ok(Reactions::from_rows(rows))
    }

    async fn add_story(&self, story: &NewStory) -> Result<(), Error> {
        let done = sqlx::query(
            "INSERT INTO catalogue_stories
                 (id, practice, lang, state, original, withdraw_hash, submitted_at)
             SELECT ?1, id, ?2, 'waiting', ?3, ?4, ?5 FROM practices
             WHERE id = ?6 AND public",
        )
        .bind(story.id.to_string())
        .bind(story.lang.code())
        .bind(&story.original)
        .bind(&story.withdraw_hash)
        .bind(story.submitted_at)
        .bind(story.practice.to_string())
        .execute(&self.pools.writer)
        .await?;
        super::reacted(story.practice, done.rows_affected())
    }

    async fn stories(&self) -> Result<Vec<Story>, Error> {
        let rows: Vec<StoryRow> = self
            .all(&format!(
                "SELECT {} FROM catalogue_stories
                 ORDER BY state <> 'waiting',
                          CASE WHEN state = 'waiting' THEN submitted_at END,
                          COALESCE(decided_at, submitted_at) DESC, id",
                snapshot::STORY_COLUMNS
            ))
            .await?;
        rows.into_iter().map(Story::from_row).collect()
    }

    async fn story(&self, id: uuid::Uuid) -> Result<Option<Story>, Error> {
        let rows: Vec<StoryRow> = self
            .all_bound(
                &format!(
                    "SELECT {} FROM catalogue_stories WHERE id = ?1",
                    snapshot::STORY_COLUMNS
                ),
                &[id.to_string()],
            )
            .await?;
        rows.into_iter().next().map(Story::from_row).transpose()
    }

    async fn story_by_token(&self, hash: &str) -> Result<Option<Story>, Error> {
        let rows: Vec<StoryRow> = self
            .all_bound(
                &format!(
                    "SELECT {} FROM catalogue_stories WHERE withdraw_hash = ?1",
                    snapshot::STORY_COLUMNS
                ),
                &[hash.to_owned()],
            )
            .await?;
        rows.into_iter().next().map(Story::from_row).transpose()
    }

    async fn decide_story(
        &self,
        id: uuid::Uuid,
        decision: &Decision,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), Error> {
        let (state, published, reason) = match decision {
            Decision::Publish(text) => ("published", Some(text.as_str()), None),
            Decision::Decline(reason) => ("declined", None, Some(reason.as_str())),
        };
        let done = sqlx::query(
            "UPDATE catalogue_stories
             SET state = ?1, published = ?2, reason = ?3, decided_by = ?4, decided_at = ?5
             WHERE id = ?6 AND state IN ('waiting', 'published', 'declined')",
        )
        .bind(state)
        .bind(published)
        .bind(reason)
        .bind(by)
        .bind(at)
        .bind(id.to_string())
        .execute(&self.pools.writer)
        .await?;
        super::story_changed(id, done.rows_affected(), "decided")
    }

    async fn withdraw_story(&self, id: uuid::Uuid) -> Result<(), Error> {
        let done = sqlx::query(
            "UPDATE catalogue_stories
             SET state = 'withdrawn', original = NULL, published = NULL, reason = NULL
             WHERE id = ?1 AND state <> 'withdrawn'",
        )
        .bind(id.to_string())
        .execute(&self.pools.writer)
        .await?;
        super::story_changed(id, done.rows_affected(), "withdrawn")
    }

    async fn published_stories(&self, practice: uuid::Uuid) -> Result<Vec<Story>, Error> {
        let rows: Vec<StoryRow> = self
            .all_bound(
                &format!(
                    "SELECT {} FROM catalogue_stories
                     WHERE practice = ?1 AND state = 'published' ORDER BY decided_at, id",
                    snapshot::STORY_COLUMNS
                ),
                &[practice.to_string()],
            )
            .await?;
        rows.into_iter().map(Story::from_row).collect()
    }

    async fn purge_stories(&self, now: DateTime<Utc>) -> Result<u64, Error> {
        use crate::catalogue::stories::{KEEP_ORIGINAL, LONGEST_WAIT};
        let kept = sqlx::query(
            "UPDATE catalogue_stories SET original = NULL
             WHERE original IS NOT NULL AND state <> 'waiting' AND decided_at < ?1",
        )
        .bind(now - KEEP_ORIGINAL)
        .execute(&self.pools.writer)
        .await?;
        let waited = sqlx::query(
            "UPDATE catalogue_stories
             SET state = 'declined', original = NULL, reason = NULL, decided_by = NULL,
                 decided_at = ?1
             WHERE state = 'waiting' AND submitted_at < ?2",
        )
        .bind(now)
        .bind(now - LONGEST_WAIT)
        .execute(&self.pools.writer)
        .await?;
        Ok(kept.rows_affected() + waited.rows_affected())
    }

    async fn published_family_texts(&self) -> Result<Vec<FamilyTextVersion>, Error> {
        let rows: Vec<FamilyTextRow> = self
            .all_bound(
                &format!(
                    "SELECT {} FROM catalogue_texts WHERE published ORDER BY practice, lang",
                    snapshot::FAMILY_TEXT_COLUMNS
                ),
                &[],
            )
            .await?;
        rows.into_iter().map(FamilyTextVersion::from_row).collect()
    }

    async fn family_texts(&self, practice: uuid::Uuid) -> Result<Vec<FamilyTextVersion>, Error> {
        let rows: Vec<FamilyTextRow> = self
            .all_bound(
                &format!(
                    "SELECT {} FROM catalogue_texts WHERE practice = ? ORDER BY lang",
                    snapshot::FAMILY_TEXT_COLUMNS
                ),
                &[practice.to_string()],
            )
            .await?;
        rows.into_iter().map(FamilyTextVersion::from_row).collect()
    }

    async fn family_text_history(
        &self,
        practice: uuid::Uuid,
        lang: Language,
    ) -> Result<Vec<FamilyTextVersion>, Error> {
        let rows: Vec<FamilyTextRow> = self
            .all_bound(
                &format!(
                    "SELECT {} FROM catalogue_versions WHERE practice = ? AND lang = ?
                     ORDER BY version DESC",
                    snapshot::FAMILY_TEXT_COLUMNS
                ),
                &[practice.to_string(), lang.code().to_owned()],
            )
            .await?;
        rows.into_iter().map(FamilyTextVersion::from_row).collect()
    }

    async fn search_catalogue(
        &self,
        words: &[QueryWord],
        limit: u32,
        offset: u32,
    ) -> Result<SearchResults, Error> {
        if words.is_empty() {
            return Ok(SearchResults::default());
        }
        let expression = search::fts5(words);
        // bm25 is smaller for a better match; its weights go by column (practice and lang
        // are not indexed), and the title counts ten times the rest. The
        // matches are materialised first: FTS5's ranking works only in the query that
        // matches, not inside the aggregate.
        let matches = "WITH m AS MATERIALIZED (
                 SELECT practice, bm25(catalogue_search, 0.0, 0.0, 10.0, 1.0) AS rank
                 FROM catalogue_search WHERE catalogue_search MATCH ?1)
             SELECT m.practice, MIN(m.rank) AS best FROM m
             JOIN practices p ON p.id = m.practice AND p.public
             GROUP BY m.practice";
        let rows: Vec<(String, f64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{matches} ORDER BY best, m.practice LIMIT ?2 OFFSET ?3"
        )))
        .bind(&expression)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.pools.reader)
        .await?;
        // A first page that is not full holds every match: no need to count them again.
        let total: i64 = if offset == 0 && rows.len() < limit as usize {
            rows.len() as i64
        } else {
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM ({matches})"
            )))
            .bind(&expression)
            .fetch_one(&self.pools.reader)
            .await?
        };
        Ok(SearchResults {
            practices: rows
                .into_iter()
                .filter_map(|(id, _)| id.parse().ok())
                .collect(),
            total: u(total),
        })
    }
}

/// Tables in the order rows may be inserted (foreign keys point backwards).
const TABLES: [&str; 22] = [
    "settings",
    "definitions",
    "clinics",
    "enrolment_codes",
    "certificates",
    "receipts",
    "measure_values",
    "value_versions",
    "network_rollups",
    "records",
    "practices",
    "catalogue_texts",
    "catalogue_versions",
    "catalogue_search",
    "catalogue_reactions",
    "catalogue_stories",
    "users",
    "api_tokens",
    "web_sessions",
    "account_links",
    "login_failures",
    "audit_log",
];

#[async_trait]
impl MigrationStore for SqliteStore {
    async fn is_empty(&self) -> Result<bool, Error> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM clinics) + (SELECT COUNT(*) FROM definitions)
                  + (SELECT COUNT(*) FROM settings) + (SELECT COUNT(*) FROM users)",
        )
        .fetch_one(&self.pools.reader)
        .await?;
        Ok(n == 0)
    }

    async fn export(&self) -> Result<Snapshot, Error> {
        let clinics: Vec<ClinicRow> = self.all(&format!("{CLINIC_COLUMNS} ORDER BY id")).await?;
        Ok(Snapshot {
            settings: self
                .all("SELECT key, value FROM settings ORDER BY key")
                .await?,
            definitions: self
                .all("SELECT version, body, created_at FROM definitions ORDER BY version")
                .await?,
            clinics: clinics.into_iter().map(clinic).collect::<Result<_, _>>()?,
            codes: self
                .all(
                    "SELECT hash, clinic, created_at, expires_at, used_at FROM enrolment_codes
                     ORDER BY hash",
                )
                .await?,
            certificates: self
                .all(
                    "SELECT serial, clinic, issued_at, not_after, revoked_at FROM certificates
                     ORDER BY serial",
                )
                .await?,
            receipts: self
                .all(
                    "SELECT clinic, idempotency_key, sequence, digest, status, body, received_at
                     FROM receipts ORDER BY clinic, sequence",
                )
                .await?,
            values: self
                .all(
                    "SELECT clinic, measure, month, numerator, denominator, value, suppressed,
                            sequence, received_at
                     FROM measure_values ORDER BY clinic, measure, month",
                )
                .await?,
            versions: self
                .all(
                    "SELECT clinic, measure, month, sequence, numerator, denominator, suppressed
                     FROM value_versions ORDER BY clinic, measure, month, sequence",
                )
                .await?,
            rollups: self
                .all(
                    "SELECT measure, month, numerator_sum, denominator_sum, value_sum,
                            clinics_contributing, clinics_suppressed
                     FROM network_rollups ORDER BY measure, month",
                )
                .await?,
            records: self
                .all(
                    "SELECT clinic, kind, id, body, sequence, received_at FROM records
                     ORDER BY clinic, kind, id",
                )
                .await?,
            practices: self
                .all(
                    "SELECT id, clinic, body, public, show_clinic_name, cursor, sequence,
                            received_at
                     FROM practices ORDER BY cursor",
                )
                .await?,
            family_texts: self
                .all(&format!(
                    "SELECT {} FROM catalogue_texts ORDER BY practice, lang",
                    snapshot::FAMILY_TEXT_COLUMNS
                ))
                .await?,
            family_versions: self
                .all(&format!(
                    "SELECT {} FROM catalogue_versions ORDER BY practice, lang, version",
                    snapshot::FAMILY_TEXT_COLUMNS
                ))
                .await?,
            reactions: self
                .all(
                    "SELECT practice, kind, count FROM catalogue_reactions ORDER BY practice, kind",
                )
                .await?,
            stories: self
                .all(&format!(
                    "SELECT {} FROM catalogue_stories ORDER BY id",
                    snapshot::STORY_COLUMNS
                ))
                .await?,

            people: self.all(snapshot::SELECT_PEOPLE).await?,
            tokens: self.all(snapshot::SELECT_TOKENS).await?,
            audit: self.all(snapshot::SELECT_AUDIT).await?,
        })
    }

    async fn import(&self, s: &Snapshot, replace: bool) -> Result<(), Error> {
        let mut tx = self.begin().await?;
        if replace {
            for table in TABLES.iter().rev() {
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // Small tables row by row; the large ones in batches.
        for (key, value) in &s.settings {
            sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?)")
                .bind(key)
                .bind(value)
                .execute(&mut *tx)
                .await?;
        }
        for d in &s.definitions {
            sqlx::query("INSERT INTO definitions (version, body, created_at) VALUES (?, ?, ?)")
                .bind(d.version)
                .bind(&d.body)
                .bind(d.created_at)
                .execute(&mut *tx)
                .await?;
        }
        for c in &s.clinics {
            sqlx::query(
                "INSERT INTO clinics (id, name, created_at, revoked_at, last_sequence, last_release_at)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(c.id.as_str())
            .bind(&c.name)
            .bind(c.created_at)
            .bind(c.revoked_at)
            .bind(i(c.last_sequence))
            .bind(c.last_release_at)
            .execute(&mut *tx)
            .await?;
        }
        for c in &s.codes {
            sqlx::query(
                "INSERT INTO enrolment_codes (hash, clinic, created_at, expires_at, used_at)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(&c.hash)
            .bind(&c.clinic)
            .bind(c.created_at)
            .bind(c.expires_at)
            .bind(c.used_at)
            .execute(&mut *tx)
            .await?;
        }
        for c in &s.certificates {
            sqlx::query(
                "INSERT INTO certificates (serial, clinic, issued_at, not_after, revoked_at)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(&c.serial)
            .bind(&c.clinic)
            .bind(c.issued_at)
            .bind(c.not_after)
            .bind(c.revoked_at)
            .execute(&mut *tx)
            .await?;
        }
        for chunk in s.receipts.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO receipts (clinic, idempotency_key, sequence, digest, status, body, \
                 received_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(&r.clinic)
                    .push_bind(&r.idempotency_key)
                    .push_bind(r.sequence)
                    .push_bind(&r.digest)
                    .push_bind(r.status)
                    .push_bind(&r.body)
                    .push_bind(r.received_at);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in s.values.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO measure_values (clinic, measure, month, numerator, denominator, \
                 value, suppressed, sequence, received_at) ",
            );
            q.push_values(chunk, |mut b, v| {
                b.push_bind(&v.clinic)
                    .push_bind(&v.measure)
                    .push_bind(&v.month)
                    .push_bind(v.numerator)
                    .push_bind(v.denominator)
                    .push_bind(v.value)
                    .push_bind(v.suppressed)
                    .push_bind(v.sequence)
                    .push_bind(v.received_at);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in s.versions.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO value_versions (clinic, measure, month, sequence, numerator, \
                 denominator, suppressed) ",
            );
            q.push_values(chunk, |mut b, v| {
                b.push_bind(&v.clinic)
                    .push_bind(&v.measure)
                    .push_bind(&v.month)
                    .push_bind(v.sequence)
                    .push_bind(v.numerator)
                    .push_bind(v.denominator)
                    .push_bind(v.suppressed);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in s.rollups.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO network_rollups (measure, month, numerator_sum, denominator_sum, \
                 value_sum, clinics_contributing, clinics_suppressed) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(&r.measure)
                    .push_bind(&r.month)
                    .push_bind(r.numerator_sum)
                    .push_bind(r.denominator_sum)
                    .push_bind(r.value_sum)
                    .push_bind(r.clinics_contributing)
                    .push_bind(r.clinics_suppressed);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in s.records.chunks(BATCH) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO records (clinic, kind, id, body, sequence, received_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(&r.clinic)
                    .push_bind(&r.kind)
                    .push_bind(&r.id)
                    .push_bind(&r.body)
                    .push_bind(r.sequence)
                    .push_bind(r.received_at);
            });
            q.build().execute(&mut *tx).await?;
        }
        snapshot::insert_people!(tx, s, "");
        for p in &s.practices {
            sqlx::query(
                "INSERT INTO practices
                   (id, clinic, body, public, show_clinic_name, cursor, sequence, received_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&p.id)
            .bind(&p.clinic)
            .bind(&p.body)
            .bind(p.public)
            .bind(p.show_clinic_name)
            .bind(p.cursor)
            .bind(p.sequence)
            .bind(p.received_at)
            .execute(&mut *tx)
            .await?;
        }
        for (table, rows) in [
            ("catalogue_versions", &s.family_versions),
            ("catalogue_texts", &s.family_texts),
        ] {
            for r in rows {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO {table} ({}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    snapshot::FAMILY_TEXT_COLUMNS
                )))
                .bind(&r.practice)
                .bind(&r.lang)
                .bind(r.version)
                .bind(&r.body)
                .bind(r.published)
                .bind(&r.edited_by)
                .bind(r.edited_at)
                .execute(&mut *tx)
                .await?;
            }
        }
        for r in &s.family_texts {
            index_family_text(&mut tx, &r.practice, &r.lang, &r.body, r.published).await?;
        }
        for r in &s.reactions {
            sqlx::query("INSERT INTO catalogue_reactions (practice, kind, count) VALUES (?, ?, ?)")
                .bind(&r.practice)
                .bind(&r.kind)
                .bind(r.count)
                .execute(&mut *tx)
                .await?;
        }
        for r in &s.stories {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO catalogue_stories ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                snapshot::STORY_COLUMNS
            )))
            .bind(&r.id)
            .bind(&r.practice)
            .bind(&r.lang)
            .bind(&r.state)
            .bind(&r.original)
            .bind(&r.published)
            .bind(&r.reason)
            .bind(&r.withdraw_hash)
            .bind(r.submitted_at)
            .bind(&r.decided_by)
            .bind(r.decided_at)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(super::FIRST_MONTHS).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
