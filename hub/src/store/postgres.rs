//! The PostgreSQL backend, for networks that outgrow one machine: several hub processes share
//! one database. Every write that must happen once takes a row lock (the clinic's, for a
//! release; the catalogue counter's, for a practice), so two processes handed the same request
//! at the same moment store it once.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions, PgRow};
use sqlx::{Connection, Postgres, Transaction};
use tandem_service::migrations::{self, migration_error};
use tandem_shared::model::{ClinicId, Language, MeasureId, MeasureValue, Month, Practice};
use tandem_shared::privacy::{ReleasedText, SeriesPoint};
use tandem_shared::protocol::{CataloguePage, Definitions, IdempotencyKey};

use super::snapshot::{self, FamilyTextRow, StoryRow};
use super::{
    Answer, CLINIC_COLUMNS, CLINIC_STATUS, CatalogueTextStore, Clinic, ClinicRow, ClinicStatus,
    ClinicStatusRow, CodeStatus, Columns, Contribution, Decision, EnrolmentStore,
    FamilyTextVersion, IngestStore, IngestTx, IssuedCertificate, Location, MigrationStore,
    NetworkStore, NewStory, Reaction, Reactions, ReadStore, Receipt, Rollup, SearchResults,
    Snapshot, StoredValue, Story, ValueKey, clinic, clinic_id, to_i64 as i, to_u64 as u, version,
};
use crate::Error;
use crate::catalogue::FamilyText;
use crate::catalogue::search::{self, QueryWord};
use crate::config::redact_url;

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "spine",
        include_str!("../../migrations/postgres/0001_spine.sql"),
    ),
    (
        2,
        "value versions",
        include_str!("../../migrations/postgres/0002_value_versions.sql"),
    ),
    (3, "people", tandem_web::accounts::POSTGRES_MIGRATION),
    (
        4,
        "clinic status",
        include_str!("../../migrations/postgres/0004_clinic_status.sql"),
    ),
    (
        5,
        "reporting",
        include_str!("../../migrations/postgres/0005_reporting.sql"),
    ),
    (
        6,
        "catalogue",
        include_str!("../../migrations/postgres/0006_catalogue.sql"),
    ),
    (
        7,
        "reactions",
        include_str!("../../migrations/postgres/0007_reactions.sql"),
    ),
    (
        8,
        "stories",
        include_str!("../../migrations/postgres/0008_stories.sql"),
    ),
];

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    /// What the dashboards and the catalogue read from: a replica if one is configured, else
    /// the primary.
    reader: PgPool,
}

/// A pool on a PostgreSQL URL, after one direct connection has shown it works: a pool would
/// retry until its timeout and then report only that, not why.
async fn connect(url: &str, max_connections: u32) -> Result<PgPool, Error> {
    let options: PgConnectOptions = url.parse().map_err(|e| {
        Error::Config(format!(
            "the PostgreSQL URL {:?} is not valid: {e}",
            redact_url(url)
        ))
    })?;
    let probe = PgConnection::connect_with(&options)
        .await
        .map_err(|e| connect_error(url, &e))?;
    let _ = probe.close().await;
    PgPoolOptions::new()
        .max_connections(max_connections.max(2))
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| connect_error(url, &e))
}

/// Why a connection failed, in words that point at the fix.
fn connect_error(url: &str, e: &sqlx::Error) -> Error {
    let shown = redact_url(url);
    let hint = match e {
        sqlx::Error::Database(db) if db.code().as_deref() == Some("28P01") => {
            "; check the user name and password in the database URL"
        }
        sqlx::Error::Database(db) if db.code().as_deref() == Some("3D000") => {
            "; create the database first (createdb), or fix its name in the URL"
        }
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => {
            "; check that PostgreSQL is running and reachable at that host and port"
        }
        _ => "",
    };
    Error::Config(format!(
        "cannot connect to PostgreSQL at {shown}: {e}{hint}"
    ))
}

impl PostgresStore {
    /// Connect (to the replica too, if there is one) and migrate the primary.
    pub async fn open(location: &Location) -> Result<Self, Error> {
        let pool = connect(&location.url, location.max_connections).await?;
        // sqlx takes an advisory lock while it migrates, so hubs starting together are safe.
        migrations::migrator(MIGRATIONS)
            .run(&pool)
            .await
            .map_err(|e| Error::Schema(migration_error(e, "tandem-hub")))?;
        let reader = match &location.replica_url {
            Some(url) => connect(url, location.max_connections).await?,
            None => pool.clone(),
        };
        Ok(Self { pool, reader })
    }

    async fn begin(&self) -> Result<Transaction<'static, Postgres>, Error> {
        Ok(self.pool.begin().await?)
    }

    /// Every row a query returns, each turned into `R` from its columns.
    async fn all<R: Columns>(&self, sql: &str) -> Result<Vec<R>, Error>
    where
        R::Row: for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
    {
        self.all_bound(sql, &[]).await
    }

    /// The same, with the query's `$1`, `$2`, … bound to `params` in order.
    async fn all_bound<R: Columns>(&self, sql: &str, params: &[String]) -> Result<Vec<R>, Error>
    where
        R::Row: for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
    {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned()));
        for p in params {
            q = q.bind(p);
        }
        let rows: Vec<R::Row> = q.fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(R::from_row).collect())
    }
}

#[async_trait]
impl NetworkStore for PostgresStore {
    fn accounts(&self) -> std::sync::Arc<dyn tandem_web::accounts::AccountStore> {
        std::sync::Arc::new(tandem_web::accounts::PostgresAccounts::new(
            self.pool.clone(),
        ))
    }

    async fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn engine(&self) -> Result<String, Error> {
        let version: String = sqlx::query_scalar("SHOW server_version")
            .fetch_one(&self.pool)
            .await?;
        Ok(format!("PostgreSQL {version}"))
    }

    async fn set_setting(&self, key: &str, value: &str) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn definitions_at(&self, version: Option<u64>) -> Result<Option<Definitions>, Error> {
        let body: Option<String> = sqlx::query_scalar(
            "SELECT body::text FROM definitions WHERE $1::bigint IS NULL OR version = $1 \
                 ORDER BY version DESC LIMIT 1",
        )
        .bind(version.map(i))
        .fetch_optional(&self.pool)
        .await?;
        body.map(|b| {
            serde_json::from_str(&b)
                .map_err(|e| Error::Schema(format!("stored definitions are unreadable: {e}")))
        })
        .transpose()
    }

    async fn definitions_published_at(&self, version: u64) -> Result<Option<DateTime<Utc>>, Error> {
        Ok(
            sqlx::query_scalar("SELECT created_at FROM definitions WHERE version = $1")
                .bind(i(version))
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn put_definitions(&self, definitions: &Definitions) -> Result<u64, Error> {
        let mut tx = self.begin().await?;
        // One version at a time, whichever hub process publishes.
        sqlx::query("LOCK TABLE definitions IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
        let current: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM definitions")
            .fetch_one(&mut *tx)
            .await?;
        let version = u(current) + 1;
        let mut stored = definitions.clone();
        stored.version = version;
        sqlx::query(
            "INSERT INTO definitions (version, body, created_at) VALUES ($1, $2::jsonb, $3)",
        )
        .bind(i(version))
        .bind(super::to_json(&stored))
        .bind(crate::store::now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(version)
    }
}

#[async_trait]
impl EnrolmentStore for PostgresStore {
    async fn create_clinic(
        &self,
        id: &ClinicId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let done = sqlx::query(
            "INSERT INTO clinics (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id.as_str())
        .bind(name)
        .bind(now)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(super::clinic_exists(id));
        }
        Ok(())
    }

    async fn clinic(&self, id: &ClinicId) -> Result<Option<Clinic>, Error> {
        let row: Option<ClinicRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{CLINIC_COLUMNS} WHERE id = $1"
        )))
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(clinic).transpose()
    }

    async fn clinics(&self) -> Result<Vec<Clinic>, Error> {
        let rows: Vec<ClinicRow> = self.all(&format!("{CLINIC_COLUMNS} ORDER BY id")).await?;
        rows.into_iter().map(clinic).collect()
    }

    async fn clinic_statuses(&self) -> Result<Vec<ClinicStatus>, Error> {
        let rows: Vec<ClinicStatusRow> =
            sqlx::query_as(CLINIC_STATUS).fetch_all(&self.pool).await?;
        rows.into_iter().map(super::clinic_status).collect()
    }

    async fn clinic_seen(
        &self,
        id: &ClinicId,
        now: DateTime<Utc>,
        definitions: Option<u64>,
    ) -> Result<(), Error> {
        sqlx::query(
            "UPDATE clinics SET last_seen_at = $1, \
             definitions_version = COALESCE($2, definitions_version) WHERE id = $3",
        )
        .bind(now)
        .bind(definitions.map(i))
        .bind(id.as_str())
        .execute(&self.pool)
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
            "INSERT INTO enrolment_codes (hash, clinic, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(code_hash)
        .bind(clinic.as_str())
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn check_enrolment_code(
        &self,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<CodeStatus, Error> {
        let row: Option<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT clinic, expires_at, used_at FROM enrolment_codes WHERE hash = $1",
        )
        .bind(code_hash)
        .fetch_optional(&self.pool)
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
            "UPDATE enrolment_codes SET used_at = $1
             WHERE hash = $2 AND used_at IS NULL AND expires_at > $1 AND clinic = $3",
        )
        .bind(now)
        .bind(code_hash)
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
            "SELECT clinic, not_after, revoked_at FROM certificates WHERE serial = $1",
        )
        .bind(serial)
        .fetch_optional(&self.pool)
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
            sqlx::query("UPDATE clinics SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2")
                .bind(now)
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound(format!("there is no clinic with id {id}")));
        }
        sqlx::query(
            "UPDATE certificates SET revoked_at = COALESCE(revoked_at, $1) WHERE clinic = $2",
        )
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE enrolment_codes SET used_at = COALESCE(used_at, $1) WHERE clinic = $2")
            .bind(now)
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn insert_certificate(
    tx: &mut Transaction<'static, Postgres>,
    c: &IssuedCertificate,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO certificates (serial, clinic, issued_at, not_after) VALUES ($1, $2, $3, $4)",
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
impl IngestStore for PostgresStore {
    async fn held_release(
        &self,
        clinic: &ClinicId,
        key: &IdempotencyKey,
    ) -> Result<Option<u64>, Error> {
        let sequence: Option<i64> = sqlx::query_scalar(
            "SELECT sequence FROM receipts WHERE clinic = $1 AND idempotency_key = $2",
        )
        .bind(clinic.as_str())
        .bind(key.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(sequence.map(u))
    }

    async fn begin_ingest(&self) -> Result<Box<dyn IngestTx>, Error> {
        Ok(Box::new(PostgresIngest {
            tx: self.begin().await?,
        }))
    }
}

/// Storing a release on PostgreSQL: batches go in as arrays, unnested server-side.
struct PostgresIngest {
    tx: Transaction<'static, Postgres>,
}

#[async_trait]
impl IngestTx for PostgresIngest {
    async fn lock_clinic(&mut self, clinic: &ClinicId) -> Result<Option<u64>, Error> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT last_sequence FROM clinics WHERE id = $1 FOR UPDATE")
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
             WHERE clinic = $1 AND idempotency_key = $2",
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
        let (measures, months): (Vec<&str>, Vec<&str>) =
            keys.iter().map(|(a, b)| (a.as_str(), b.as_str())).unzip();
        let rows: Vec<(String, String, Option<i64>, Option<i64>, Option<f64>, bool)> =
            sqlx::query_as(
                "SELECT v.measure, v.month, v.numerator, v.denominator, v.value, v.suppressed
                 FROM measure_values v
                 JOIN UNNEST($2::text[], $3::text[]) AS k (measure, month)
                   ON k.measure = v.measure AND k.month = v.month
                 WHERE v.clinic = $1",
            )
            .bind(clinic.as_str())
            .bind(measures)
            .bind(months)
            .fetch_all(&mut *self.tx)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(measure, month, n, d, v, s)| {
                (
                    (measure, month),
                    Contribution::from_parts(n.map(u), d.map(u), v, s),
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
        let rows: Vec<(String, String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT measure, month, numerator, denominator FROM value_versions
             WHERE clinic = $1 AND measure = ANY($2::text[])",
        )
        .bind(clinic.as_str())
        .bind(names)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.into_iter().map(version).collect()
    }

    async fn put_values(
        &mut self,
        clinic: &ClinicId,
        values: &[&MeasureValue],
        sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<(), Error> {
        let measures: Vec<&str> = values.iter().map(|v| v.measure().as_str()).collect();
        let months: Vec<String> = values.iter().map(|v| v.month().to_string()).collect();
        let numerators: Vec<Option<i64>> = values.iter().map(|v| v.numerator().map(i)).collect();
        let denominators: Vec<Option<i64>> =
            values.iter().map(|v| v.denominator().map(i)).collect();
        let figures: Vec<Option<f64>> = values.iter().map(|v| v.value()).collect();
        let suppressed: Vec<bool> = values.iter().map(|v| v.suppressed()).collect();
        sqlx::query(
            "INSERT INTO measure_values
               (clinic, measure, month, numerator, denominator, value, suppressed, sequence,
                received_at)
             SELECT $1, t.measure, t.month, t.numerator, t.denominator, t.value, t.suppressed,
                    $8, $9
             FROM UNNEST($2::text[], $3::text[], $4::int8[], $5::int8[], $6::float8[],
                         $7::bool[])
               AS t (measure, month, numerator, denominator, value, suppressed)
             ON CONFLICT (clinic, measure, month) DO UPDATE SET
               numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
               value = EXCLUDED.value, suppressed = EXCLUDED.suppressed,
               sequence = EXCLUDED.sequence, received_at = EXCLUDED.received_at",
        )
        .bind(clinic.as_str())
        .bind(measures)
        .bind(months)
        .bind(numerators)
        .bind(denominators)
        .bind(figures)
        .bind(suppressed)
        .bind(i(sequence))
        .bind(at)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query(
            "INSERT INTO value_versions
               (clinic, measure, month, sequence, numerator, denominator, suppressed)
             SELECT $1, t.measure, t.month, $6, t.numerator, t.denominator, t.suppressed
             FROM UNNEST($2::text[], $3::text[], $4::int8[], $5::int8[], $7::bool[])
               AS t (measure, month, numerator, denominator, suppressed)
             ON CONFLICT DO NOTHING",
        )
        .bind(clinic.as_str())
        .bind(
            values
                .iter()
                .map(|v| v.measure().as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            values
                .iter()
                .map(|v| v.month().to_string())
                .collect::<Vec<_>>(),
        )
        .bind(
            values
                .iter()
                .map(|v| v.numerator().map(i))
                .collect::<Vec<_>>(),
        )
        .bind(
            values
                .iter()
                .map(|v| v.denominator().map(i))
                .collect::<Vec<_>>(),
        )
        .bind(i(sequence))
        .bind(values.iter().map(|v| v.suppressed()).collect::<Vec<_>>())
        .execute(&mut *self.tx)
        .await?;
        if let Some(first) = values.iter().map(|v| v.month()).min() {
            sqlx::query(
                "UPDATE clinics SET first_month = $1 \
                 WHERE id = $2 AND (first_month IS NULL OR first_month > $1)",
            )
            .bind(first.to_string())
            .bind(clinic.as_str())
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(())
    }

    async fn add_to_rollups(&mut self, deltas: &[(ValueKey, Contribution)]) -> Result<(), Error> {
        let measures: Vec<&str> = deltas.iter().map(|((m, _), _)| m.as_str()).collect();
        let months: Vec<&str> = deltas.iter().map(|((_, m), _)| m.as_str()).collect();
        let column = |f: fn(&Contribution) -> i64| -> Vec<i64> {
            deltas.iter().map(|(_, d)| f(d)).collect()
        };
        sqlx::query(
            "INSERT INTO network_rollups
               (measure, month, numerator_sum, denominator_sum, value_sum, clinics_contributing,
                clinics_suppressed)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::int8[], $4::int8[], $5::float8[],
                                  $6::int8[], $7::int8[])
             ON CONFLICT (measure, month) DO UPDATE SET
               numerator_sum = network_rollups.numerator_sum + EXCLUDED.numerator_sum,
               denominator_sum = network_rollups.denominator_sum + EXCLUDED.denominator_sum,
               value_sum = network_rollups.value_sum + EXCLUDED.value_sum,
               clinics_contributing =
                 network_rollups.clinics_contributing + EXCLUDED.clinics_contributing,
               clinics_suppressed = network_rollups.clinics_suppressed + EXCLUDED.clinics_suppressed",
        )
        .bind(measures)
        .bind(months)
        .bind(column(|d| d.numerator))
        .bind(column(|d| d.denominator))
        .bind(deltas.iter().map(|(_, d)| d.value).collect::<Vec<f64>>())
        .bind(column(|d| d.contributing))
        .bind(column(|d| d.suppressed))
        .execute(&mut *self.tx)
        .await?;
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
        // xmax is 0 for a freshly inserted row and set for one the upsert updated.
        let inserted: bool = sqlx::query_scalar(
            "INSERT INTO records (clinic, kind, id, body, sequence, received_at)
             VALUES ($1, $2, $3, $4::jsonb, $5, $6)
             ON CONFLICT (clinic, kind, id) DO UPDATE SET
               body = EXCLUDED.body, sequence = EXCLUDED.sequence,
               received_at = EXCLUDED.received_at
             RETURNING (xmax = 0)",
        )
        .bind(clinic.as_str())
        .bind(kind)
        .bind(id.to_string())
        .bind(body)
        .bind(i(sequence))
        .bind(at)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(!inserted)
    }

    async fn practice_owner(&mut self, id: uuid::Uuid) -> Result<Option<String>, Error> {
        Ok(
            sqlx::query_scalar("SELECT clinic FROM practices WHERE id = $1")
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
        let cursor: i64 = sqlx::query_scalar(
            "UPDATE catalogue_cursor SET value = value + 1 WHERE id = 1 RETURNING value",
        )
        .fetch_one(&mut *self.tx)
        .await?;
        sqlx::query(
            "INSERT INTO practices
               (id, clinic, body, public, show_clinic_name, cursor, sequence, received_at)
             VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET
               body = EXCLUDED.body, public = EXCLUDED.public,
               show_clinic_name = EXCLUDED.show_clinic_name, cursor = EXCLUDED.cursor,
               sequence = EXCLUDED.sequence, received_at = EXCLUDED.received_at",
        )
        .bind(practice.id.to_string())
        .bind(clinic.as_str())
        .bind(super::to_json(practice))
        .bind(practice.public)
        .bind(practice.show_clinic_name)
        .bind(cursor)
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
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
        sqlx::query("UPDATE clinics SET last_sequence = $1, last_release_at = $2 WHERE id = $3")
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
impl ReadStore for PostgresStore {
    async fn network_series(&self, measure: &MeasureId) -> Result<Vec<Rollup>, Error> {
        let rows: Vec<(String, i64, i64, f64, i64, i64)> = sqlx::query_as(
            "SELECT month, numerator_sum, denominator_sum, value_sum, clinics_contributing,
                    clinics_suppressed
             FROM network_rollups WHERE measure = $1 ORDER BY month",
        )
        .bind(measure.as_str())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter().map(super::rollup).collect()
    }

    async fn released_counts(
        &self,
        measure: &MeasureId,
    ) -> Result<Vec<(Month, Option<u64>, Option<u64>)>, Error> {
        let rows: Vec<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT month, numerator, denominator FROM measure_values
             WHERE measure = $1 AND NOT suppressed ORDER BY month",
        )
        .bind(measure.as_str())
        .fetch_all(&self.reader)
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
                 FROM measure_values WHERE clinic = $1 AND measure = $2 ORDER BY month",
        )
        .bind(clinic.as_str())
        .bind(measure.as_str())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter()
            .map(|row| super::stored_value(clinic, row))
            .collect()
    }

    async fn catalogue(&self, after: u64, limit: u32) -> Result<CataloguePage, Error> {
        let rows: Vec<(String, String, bool, i64)> = sqlx::query_as(
            "SELECT p.body::text, c.name, p.show_clinic_name, p.cursor
             FROM practices p JOIN clinics c ON c.id = p.clinic
             WHERE p.cursor > $1 ORDER BY p.cursor LIMIT $2",
        )
        .bind(i(after))
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.reader)
        .await?;
        super::catalogue_page(
            after,
            limit,
            rows.into_iter().map(|(b, n, s, c)| (b, n, s, u(c))),
        )
    }

    async fn catalogue_head(&self) -> Result<u64, Error> {
        let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(cursor), 0) FROM practices")
            .fetch_one(&self.reader)
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
        .fetch_all(&self.reader)
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
                "SELECT clinic, body::text FROM practices WHERE ($1::text IS NULL OR clinic = $1)
                 ORDER BY cursor",
            )
            .bind(clinic)
            .fetch_all(&self.reader)
            .await?
        } else {
            sqlx::query_as(
                "SELECT clinic, body::text FROM records
                 WHERE ($1::text IS NULL OR clinic = $1) AND kind = $2
                 ORDER BY received_at, clinic, id",
            )
            .bind(clinic)
            .bind(kind)
            .fetch_all(&self.reader)
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
                let ids: Vec<&str> = clinics.iter().map(ClinicId::as_str).collect();
                sqlx::query_as(
                    "SELECT clinic, month, numerator, denominator, value, suppressed, sequence
                     FROM measure_values
                     WHERE clinic = ANY($1) AND measure = $2 AND month >= $3 AND month <= $4",
                )
                .bind(ids)
                .bind(measure.as_str())
                .bind(&from)
                .bind(&to)
                .fetch_all(&self.reader)
                .await?
            }
            None => {
                sqlx::query_as(
                    "SELECT clinic, month, numerator, denominator, value, suppressed, sequence
                     FROM measure_values WHERE measure = $1 AND month >= $2 AND month <= $3",
                )
                .bind(measure.as_str())
                .bind(&from)
                .bind(&to)
                .fetch_all(&self.reader)
                .await?
            }
        };
        super::clinic_values(rows)
    }

    async fn generation(&self) -> Result<u64, Error> {
        let parts = sqlx::query_as(
            "SELECT (SELECT COALESCE(SUM(last_sequence), 0)::bigint FROM clinics),
                    (SELECT COUNT(*) FROM clinics), (SELECT COUNT(revoked_at) FROM clinics),
                    (SELECT COALESCE(MAX(version), 0)::bigint FROM definitions),
                    (SELECT COUNT(*) FROM catalogue_versions),
                    (SELECT string_agg(key || '=' || value, ';' ORDER BY key) FROM settings)",
        )
        .fetch_one(&self.reader)
        .await?;
        Ok(super::generation_of(parts))
    }

    async fn reporting(&self, from: Month, to: Month) -> Result<Vec<super::ClinicMonth>, Error> {
        let (from, to) = (from.to_string(), to.to_string());
        let counts: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT clinic, month, SUM(1 - CASE WHEN suppressed THEN 1 ELSE 0 END)::bigint, SUM(CASE WHEN suppressed THEN 1 ELSE 0 END)::bigint
             FROM measure_values WHERE month >= $1 AND month <= $2 GROUP BY clinic, month",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(&self.reader)
        .await?;
        // A month's first receipt: the release that carried its oldest stored version.
        let firsts: Vec<(String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT v.clinic, v.month, MIN(r.received_at)
             FROM value_versions v
             JOIN receipts r ON r.clinic = v.clinic AND r.sequence = v.sequence
             WHERE v.month >= $1 AND v.month <= $2 GROUP BY v.clinic, v.month",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(&self.reader)
        .await?;
        super::clinic_months(counts, firsts)
    }
}

/// The family-text columns as `FamilyTextRow` reads them.
const FAMILY_TEXT_SELECT: &str =
    "practice, lang, version, body::text, published, edited_by, edited_at";

/// A family text's search terms, kept while it is published.
async fn index_family_text(
    tx: &mut Transaction<'static, Postgres>,
    practice: &str,
    lang: &str,
    body: &str,
    published: bool,
) -> Result<(), Error> {
    let terms = if published {
        let language = if lang == "fr" {
            Language::Fr
        } else {
            Language::En
        };
        Some(super::family_terms(language, body)?)
    } else {
        None
    };
    let (title, rest) = terms.unzip();
    sqlx::query(
        "UPDATE catalogue_texts SET search = CASE WHEN $3::text IS NULL THEN NULL ELSE
             setweight(to_tsvector('simple', $3), 'A') || setweight(to_tsvector('simple', $4), 'B')
         END
         WHERE practice = $1 AND lang = $2",
    )
    .bind(practice)
    .bind(lang)
    .bind(title)
    .bind(rest)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl CatalogueTextStore for PostgresStore {
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
        // The practice's row, locked: two editors saving at once get consecutive versions.
        let known: Option<String> =
            sqlx::query_scalar("SELECT id FROM practices WHERE id = $1 FOR UPDATE")
                .bind(&id)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_none() {
            return Err(Error::NotFound(format!("there is no practice {id}")));
        }
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM catalogue_versions
             WHERE practice = $1 AND lang = $2",
        )
        .bind(&id)
        .bind(code)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO catalogue_versions
               (practice, lang, version, body, published, edited_by, edited_at)
             VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)",
        )
        .bind(&id)
        .bind(code)
        .bind(version)
        .bind(&body)
        .bind(published)
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO catalogue_texts
               (practice, lang, version, body, published, edited_by, edited_at)
             VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
             ON CONFLICT (practice, lang) DO UPDATE SET
               version = EXCLUDED.version, body = EXCLUDED.body,
               published = EXCLUDED.published, edited_by = EXCLUDED.edited_by,
               edited_at = EXCLUDED.edited_at",
        )
        .bind(&id)
        .bind(code)
        .bind(version)
        .bind(&body)
        .bind(published)
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        index_family_text(&mut tx, &id, code, &body, published).await?;
        tx.commit().await?;
        Ok(u(version))
    }

    async fn add_reaction(&self, practice: uuid::Uuid, kind: Reaction) -> Result<(), Error> {
        let done = sqlx::query(
            "INSERT INTO catalogue_reactions (practice, kind, count)
             SELECT id, $2, 1 FROM practices WHERE id = $1 AND public
             ON CONFLICT (practice, kind) DO UPDATE
             SET count = catalogue_reactions.count + 1",
        )
        .bind(practice.to_string())
        .bind(kind.key())
        .execute(&self.pool)
        .await?;
        super::reacted(practice, done.rows_affected())
    }

    async fn reactions(&self, practice: uuid::Uuid) -> Result<Reactions, Error> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT kind, count FROM catalogue_reactions WHERE practice = $1")
                .bind(practice.to_string())
                .fetch_all(&self.reader)
                .await?;
        Ok(Reactions::from_rows(rows))
    }

    async fn add_story(&self, story: &NewStory) -> Result<(), Error> {
        let done = sqlx::query(
            "INSERT INTO catalogue_stories
                 (id, practice, lang, state, original, withdraw_hash, submitted_at)
             SELECT $1, id, $2, 'waiting', $3, $4, $5 FROM practices
             WHERE id = $6 AND public",
        )
        .bind(story.id.to_string())
        .bind(story.lang.code())
        .bind(&story.original)
        .bind(&story.withdraw_hash)
        .bind(story.submitted_at)
        .bind(story.practice.to_string())
        .execute(&self.pool)
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
                    "SELECT {} FROM catalogue_stories WHERE id = $1",
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
                    "SELECT {} FROM catalogue_stories WHERE withdraw_hash = $1",
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
             SET state = $1, published = $2, reason = $3, decided_by = $4, decided_at = $5
             WHERE id = $6 AND state IN ('waiting', 'published', 'declined')",
        )
        .bind(state)
        .bind(published)
        .bind(reason)
        .bind(by)
        .bind(at)
        .bind(id.to_string())
        .execute(&self.pool)
        .await?;
        super::story_changed(id, done.rows_affected(), "decided")
    }

    async fn withdraw_story(&self, id: uuid::Uuid) -> Result<(), Error> {
        let done = sqlx::query(
            "UPDATE catalogue_stories
             SET state = 'withdrawn', original = NULL, published = NULL, reason = NULL
             WHERE id = $1 AND state <> 'withdrawn'",
        )
        .bind(id.to_string())
        .execute(&self.pool)
        .await?;
        super::story_changed(id, done.rows_affected(), "withdrawn")
    }

    async fn published_stories(&self, practice: uuid::Uuid) -> Result<Vec<Story>, Error> {
        let rows: Vec<StoryRow> = self
            .all_bound(
                &format!(
                    "SELECT {} FROM catalogue_stories
                     WHERE practice = $1 AND state = 'published' ORDER BY decided_at, id",
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
             WHERE original IS NOT NULL AND state <> 'waiting' AND decided_at < $1",
        )
        .bind(now - KEEP_ORIGINAL)
        .execute(&self.pool)
        .await?;
        let waited = sqlx::query(
            "UPDATE catalogue_stories
             SET state = 'declined', original = NULL, reason = NULL, decided_by = NULL,
                 decided_at = $1
             WHERE state = 'waiting' AND submitted_at < $2",
        )
        .bind(now)
        .bind(now - LONGEST_WAIT)
        .execute(&self.pool)
        .await?;
        Ok(kept.rows_affected() + waited.rows_affected())
    }

    async fn published_family_texts(&self) -> Result<Vec<FamilyTextVersion>, Error> {
        let rows: Vec<FamilyTextRow> = self
            .all_bound(
                &format!(
                    "SELECT {FAMILY_TEXT_SELECT} FROM catalogue_texts WHERE published
                     ORDER BY practice, lang"
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
                    "SELECT {FAMILY_TEXT_SELECT} FROM catalogue_texts WHERE practice = $1
                     ORDER BY lang"
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
                    "SELECT {FAMILY_TEXT_SELECT} FROM catalogue_versions
                     WHERE practice = $1 AND lang = $2 ORDER BY version DESC"
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
        let matches =
            "SELECT t.practice, MAX(ts_rank(t.search, q)) AS best, COUNT(*) OVER () AS total
             FROM catalogue_texts t
             JOIN practices p ON p.id = t.practice AND p.public,
                  to_tsquery('simple', $1) q
             WHERE t.published AND t.search @@ q
             GROUP BY t.practice";
        let rows: Vec<(String, f32, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{matches} ORDER BY best DESC, t.practice LIMIT $2 OFFSET $3"
        )))
        .bind(search::tsquery(words))
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.reader)
        .await?;
        let total = match rows.first() {
            Some(r) => u(r.2),
            None if offset == 0 => 0,
            // A page past the end: count without it.
            None => {
                let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM ({matches}) m"
                )))
                .bind(search::tsquery(words))
                .fetch_one(&self.reader)
                .await?;
                u(n)
            }
        };
        Ok(SearchResults {
            practices: rows
                .into_iter()
                .filter_map(|(id, _, _)| id.parse().ok())
                .collect(),
            total,
        })
    }
}

#[async_trait]
impl MigrationStore for PostgresStore {
    async fn is_empty(&self) -> Result<bool, Error> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM clinics) + (SELECT COUNT(*) FROM definitions)
                  + (SELECT COUNT(*) FROM settings) + (SELECT COUNT(*) FROM users)",
        )
        .fetch_one(&self.pool)
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
                .all("SELECT version, body::text, created_at FROM definitions ORDER BY version")
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
                    "SELECT clinic, kind, id, body::text, sequence, received_at FROM records
                     ORDER BY clinic, kind, id",
                )
                .await?,
            practices: self
                .all(
                    "SELECT id, clinic, body::text, public, show_clinic_name, cursor, sequence,
                            received_at
                     FROM practices ORDER BY cursor",
                )
                .await?,
            family_texts: self
                .all(&format!(
                    "SELECT {FAMILY_TEXT_SELECT} FROM catalogue_texts ORDER BY practice, lang"
                ))
                .await?,
            family_versions: self
                .all(&format!(
                    "SELECT {FAMILY_TEXT_SELECT} FROM catalogue_versions
                     ORDER BY practice, lang, version"
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
            sqlx::query(
                "TRUNCATE settings, definitions, clinics, enrolment_codes, certificates, receipts,
                          measure_values, value_versions, network_rollups, records, practices,
                          catalogue_texts, catalogue_versions, catalogue_reactions, catalogue_stories, users, api_tokens, web_sessions, account_links, login_failures,
                          audit_log",
            )
            .execute(&mut *tx)
            .await?;
        }
        // Each table goes in as one statement over arrays, unnested server-side.
        macro_rules! column {
            ($rows:expr, $f:expr) => {
                $rows.iter().map($f).collect::<Vec<_>>()
            };
        }
        let (keys, values): (Vec<&str>, Vec<&str>) = s
            .settings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .unzip();
        sqlx::query(
            "INSERT INTO settings (key, value) SELECT * FROM UNNEST($1::text[], $2::text[])",
        )
        .bind(keys)
        .bind(values)
        .execute(&mut *tx)
        .await?;
        let d = &s.definitions;
        sqlx::query(
            "INSERT INTO definitions (version, body, created_at)
             SELECT v, b::jsonb, c FROM UNNEST($1::int8[], $2::text[], $3::timestamptz[]) AS t (v, b, c)",
        )
        .bind(column!(d, |r| r.version))
        .bind(column!(d, |r| r.body.as_str()))
        .bind(column!(d, |r| r.created_at))
        .execute(&mut *tx)
        .await?;
        let c = &s.clinics;
        sqlx::query(
            "INSERT INTO clinics (id, name, created_at, revoked_at, last_sequence, last_release_at)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[],
                                  $5::int8[], $6::timestamptz[])",
        )
        .bind(column!(c, |r| r.id.as_str()))
        .bind(column!(c, |r| r.name.as_str()))
        .bind(column!(c, |r| r.created_at))
        .bind(column!(c, |r| r.revoked_at))
        .bind(column!(c, |r| i(r.last_sequence)))
        .bind(column!(c, |r| r.last_release_at))
        .execute(&mut *tx)
        .await?;
        let c = &s.codes;
        sqlx::query(
            "INSERT INTO enrolment_codes (hash, clinic, created_at, expires_at, used_at)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[],
                                  $5::timestamptz[])",
        )
        .bind(column!(c, |r| r.hash.as_str()))
        .bind(column!(c, |r| r.clinic.as_str()))
        .bind(column!(c, |r| r.created_at))
        .bind(column!(c, |r| r.expires_at))
        .bind(column!(c, |r| r.used_at))
        .execute(&mut *tx)
        .await?;
        let c = &s.certificates;
        sqlx::query(
            "INSERT INTO certificates (serial, clinic, issued_at, not_after, revoked_at)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[],
                                  $5::timestamptz[])",
        )
        .bind(column!(c, |r| r.serial.as_str()))
        .bind(column!(c, |r| r.clinic.as_str()))
        .bind(column!(c, |r| r.issued_at))
        .bind(column!(c, |r| r.not_after))
        .bind(column!(c, |r| r.revoked_at))
        .execute(&mut *tx)
        .await?;
        let r = &s.receipts;
        sqlx::query(
            "INSERT INTO receipts (clinic, idempotency_key, sequence, digest, status, body, received_at)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::int8[], $4::text[], $5::int8[],
                                  $6::text[], $7::timestamptz[])",
        )
        .bind(column!(r, |x| x.clinic.as_str()))
        .bind(column!(r, |x| x.idempotency_key.as_str()))
        .bind(column!(r, |x| x.sequence))
        .bind(column!(r, |x| x.digest.as_str()))
        .bind(column!(r, |x| x.status))
        .bind(column!(r, |x| x.body.as_str()))
        .bind(column!(r, |x| x.received_at))
        .execute(&mut *tx)
        .await?;
        let v = &s.values;
        sqlx::query(
            "INSERT INTO measure_values (clinic, measure, month, numerator, denominator, value,
                                         suppressed, sequence, received_at)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[],
                                  $6::float8[], $7::bool[], $8::int8[], $9::timestamptz[])",
        )
        .bind(column!(v, |x| x.clinic.as_str()))
        .bind(column!(v, |x| x.measure.as_str()))
        .bind(column!(v, |x| x.month.as_str()))
        .bind(column!(v, |x| x.numerator))
        .bind(column!(v, |x| x.denominator))
        .bind(column!(v, |x| x.value))
        .bind(column!(v, |x| x.suppressed))
        .bind(column!(v, |x| x.sequence))
        .bind(column!(v, |x| x.received_at))
        .execute(&mut *tx)
        .await?;
        let v = &s.versions;
        sqlx::query(
            "INSERT INTO value_versions (clinic, measure, month, sequence, numerator, denominator,
                                         suppressed)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[],
                                  $6::int8[], $7::bool[])",
        )
        .bind(column!(v, |x| x.clinic.as_str()))
        .bind(column!(v, |x| x.measure.as_str()))
        .bind(column!(v, |x| x.month.as_str()))
        .bind(column!(v, |x| x.sequence))
        .bind(column!(v, |x| x.numerator))
        .bind(column!(v, |x| x.denominator))
        .bind(column!(v, |x| x.suppressed))
        .execute(&mut *tx)
        .await?;
        let r = &s.rollups;
        sqlx::query(
            "INSERT INTO network_rollups (measure, month, numerator_sum, denominator_sum,
                                          value_sum, clinics_contributing, clinics_suppressed)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::int8[], $4::int8[], $5::float8[],
                                  $6::int8[], $7::int8[])",
        )
        .bind(column!(r, |x| x.measure.as_str()))
        .bind(column!(r, |x| x.month.as_str()))
        .bind(column!(r, |x| x.numerator_sum))
        .bind(column!(r, |x| x.denominator_sum))
        .bind(column!(r, |x| x.value_sum))
        .bind(column!(r, |x| x.clinics_contributing))
        .bind(column!(r, |x| x.clinics_suppressed))
        .execute(&mut *tx)
        .await?;
        let r = &s.records;
        sqlx::query(
            "INSERT INTO records (clinic, kind, id, body, sequence, received_at)
             SELECT c, k, i, b::jsonb, s, r FROM UNNEST($1::text[], $2::text[], $3::text[],
                 $4::text[], $5::int8[], $6::timestamptz[]) AS t (c, k, i, b, s, r)",
        )
        .bind(column!(r, |x| x.clinic.as_str()))
        .bind(column!(r, |x| x.kind.as_str()))
        .bind(column!(r, |x| x.id.as_str()))
        .bind(column!(r, |x| x.body.as_str()))
        .bind(column!(r, |x| x.sequence))
        .bind(column!(r, |x| x.received_at))
        .execute(&mut *tx)
        .await?;
        let p = &s.practices;
        sqlx::query(
            "INSERT INTO practices (id, clinic, body, public, show_clinic_name, cursor, sequence,
                                    received_at)
             SELECT i, c, b::jsonb, p, n, k, s, r FROM UNNEST($1::text[], $2::text[], $3::text[],
                 $4::bool[], $5::bool[], $6::int8[], $7::int8[], $8::timestamptz[])
               AS t (i, c, b, p, n, k, s, r)",
        )
        .bind(column!(p, |x| x.id.as_str()))
        .bind(column!(p, |x| x.clinic.as_str()))
        .bind(column!(p, |x| x.body.as_str()))
        .bind(column!(p, |x| x.public))
        .bind(column!(p, |x| x.show_clinic_name))
        .bind(column!(p, |x| x.cursor))
        .bind(column!(p, |x| x.sequence))
        .bind(column!(p, |x| x.received_at))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE catalogue_cursor SET value = (SELECT COALESCE(MAX(cursor), 0) FROM practices)
             WHERE id = 1",
        )
        .execute(&mut *tx)
        .await?;
        for (table, r) in [
            ("catalogue_versions", &s.family_versions),
            ("catalogue_texts", &s.family_texts),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO {table} (practice, lang, version, body, published, edited_by,
                                      edited_at)
                 SELECT p, l, v, b::jsonb, u, e, a FROM UNNEST($1::text[], $2::text[],
                     $3::int8[], $4::text[], $5::bool[], $6::text[], $7::timestamptz[])
                   AS t (p, l, v, b, u, e, a)"
            )))
            .bind(column!(r, |x| x.practice.as_str()))
            .bind(column!(r, |x| x.lang.as_str()))
            .bind(column!(r, |x| x.version))
            .bind(column!(r, |x| x.body.as_str()))
            .bind(column!(r, |x| x.published))
            .bind(column!(r, |x| x.edited_by.as_str()))
            .bind(column!(r, |x| x.edited_at))
            .execute(&mut *tx)
            .await?;
        }
        for r in &s.family_texts {
            index_family_text(&mut tx, &r.practice, &r.lang, &r.body, r.published).await?;
        }
        let r = &s.reactions;
        sqlx::query(
            "INSERT INTO catalogue_reactions (practice, kind, count)
             SELECT p, k, c FROM UNNEST($1::text[], $2::text[], $3::int8[]) AS t (p, k, c)",
        )
        .bind(column!(r, |x| x.practice.as_str()))
        .bind(column!(r, |x| x.kind.as_str()))
        .bind(column!(r, |x| x.count))
        .execute(&mut *tx)
        .await?;
        let r = &s.stories;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO catalogue_stories ({})
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                  $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                                  $10::text[], $11::timestamptz[])",
            snapshot::STORY_COLUMNS
        )))
        .bind(column!(r, |x| x.id.as_str()))
        .bind(column!(r, |x| x.practice.as_str()))
        .bind(column!(r, |x| x.lang.as_str()))
        .bind(column!(r, |x| x.state.as_str()))
        .bind(column!(r, |x| x.original.as_deref()))
        .bind(column!(r, |x| x.published.as_deref()))
        .bind(column!(r, |x| x.reason.as_deref()))
        .bind(column!(r, |x| x.withdraw_hash.as_str()))
        .bind(column!(r, |x| x.submitted_at))
        .bind(column!(r, |x| x.decided_by.as_deref()))
        .bind(column!(r, |x| x.decided_at))
        .execute(&mut *tx)
        .await?;
        snapshot::insert_people!(tx, s, "OVERRIDING SYSTEM VALUE");
        // The next id of each table after the copied ones.
        for table in ["users", "api_tokens", "audit_log"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )))
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(super::FIRST_MONTHS).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
