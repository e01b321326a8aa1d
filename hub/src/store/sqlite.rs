//! The embedded backend: one SQLite file in WAL mode. All writes go through a pool of one
//! connection with `BEGIN IMMEDIATE`, so writers queue instead of failing with SQLITE_BUSY, and
//! readers use their own pool.

use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Sqlite, Transaction};
use tandem_service::sqlite::{self, Pools};
use tandem_shared::model::{ClinicId, MeasureId, MeasureValue, Month};
use tandem_shared::protocol::{CataloguePage, Definitions, ItemResult, Outcome, ReleaseItem};

use super::{
    CheckedRelease, Clinic, CodeStatus, Contribution, EnrolmentStore, IngestOutcome, IngestStore,
    IssuedCertificate, NetworkStore, ReadStore, Rollup, StoredValue,
};
use crate::Error;
use crate::ingest::Answer;

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pools: Pools,
}

const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "spine",
    include_str!("../../migrations/sqlite/0001_spine.sql"),
)];

fn u(i: i64) -> u64 {
    u64::try_from(i).unwrap_or(0)
}

fn i(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn month(s: &str) -> Result<Month, Error> {
    s.parse().map_err(Error::Rule)
}

fn clinic_id(s: String) -> Result<ClinicId, Error> {
    ClinicId::new(s).map_err(Error::Rule)
}

/// numerator, denominator, value, suppressed
type ValueRow = (Option<i64>, Option<i64>, Option<f64>, bool);

type ClinicRow = (
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i64,
    Option<DateTime<Utc>>,
);

fn clinic(row: ClinicRow) -> Result<Clinic, Error> {
    Ok(Clinic {
        id: clinic_id(row.0)?,
        name: row.1,
        created_at: row.2,
        revoked_at: row.3,
        last_sequence: u(row.4),
        last_release_at: row.5,
    })
}

const CLINIC_COLUMNS: &str =
    "SELECT id, name, created_at, revoked_at, last_sequence, last_release_at FROM clinics";

impl SqliteStore {
    /// Open (creating if needed) and migrate the database a `sqlite://` URL names.
    pub async fn open(url: &str) -> Result<Self, Error> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| Error::Config(format!("the SQLite URL {url:?} is not valid: {e}")))?;
        let pools = Pools::open(options, &sqlite::migrator(MIGRATIONS), "tandem-hub").await?;
        Ok(Self { pools })
    }

    async fn begin(&self) -> Result<Transaction<'static, Sqlite>, Error> {
        Ok(self.pools.begin().await?)
    }
}

#[async_trait]
impl NetworkStore for SqliteStore {
    async fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pools.reader)
                .await?,
        )
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

    async fn definitions(&self) -> Result<Option<Definitions>, Error> {
        let body: Option<String> =
            sqlx::query_scalar("SELECT body FROM definitions ORDER BY version DESC LIMIT 1")
                .fetch_optional(&self.pools.reader)
                .await?;
        body.map(|b| {
            serde_json::from_str(&b)
                .map_err(|e| Error::Schema(format!("stored definitions are unreadable: {e}")))
        })
        .transpose()
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
            .bind(Utc::now())
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
            return Err(Error::Conflict(format!(
                "a clinic with id {id} already exists; choose another id, or issue a new \
                 enrolment code for it with `tandem-hub clinic code {id}`"
            )));
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
        let Some((clinic_id, expires_at, used_at)) = row else {
            return Ok(CodeStatus::Unknown);
        };
        if used_at.is_some() {
            return Ok(CodeStatus::Used);
        }
        if expires_at <= now {
            return Ok(CodeStatus::Expired);
        }
        match self.clinic(&self::clinic_id(clinic_id)?).await? {
            Some(c) if c.revoked_at.is_none() => Ok(CodeStatus::Valid(c)),
            _ => Ok(CodeStatus::ClinicRevoked),
        }
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
    async fn ingest(&self, r: CheckedRelease<'_>) -> Result<IngestOutcome, Error> {
        let mut tx = self.begin().await?;
        let clinic = r.clinic.as_str();
        let key = r.envelope.idempotency_key.to_string();
        let receipt: Option<(String, i64, i64, String)> = sqlx::query_as(
            "SELECT digest, sequence, status, body FROM receipts
             WHERE clinic = ? AND idempotency_key = ?",
        )
        .bind(clinic)
        .bind(&key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((digest, sequence, status, body)) = receipt {
            return Ok(if digest == r.digest {
                IngestOutcome::Replayed(Answer {
                    status: u16::try_from(status).unwrap_or(200),
                    body,
                })
            } else {
                IngestOutcome::ConflictingReplay {
                    sequence: u(sequence),
                }
            });
        }
        let last: Option<i64> =
            sqlx::query_scalar("SELECT last_sequence FROM clinics WHERE id = ?")
                .bind(clinic)
                .fetch_optional(&mut *tx)
                .await?;
        let last = last.ok_or_else(|| Error::NotFound(format!("there is no clinic {clinic}")))?;
        let sequence = r.envelope.sequence;
        if sequence != u(last) + 1 {
            return Ok(IngestOutcome::OutOfOrder {
                expected: u(last) + 1,
            });
        }
        let mut results = Vec::with_capacity(r.envelope.items.len());
        for (item, verdict) in r.envelope.items.iter().zip(&r.verdicts) {
            let outcome = match verdict {
                Err((code, reason)) => Outcome::Rejected {
                    code: code.clone(),
                    reason: reason.clone(),
                },
                Ok(()) => store_item(&mut tx, clinic, item, sequence, r.received_at).await?,
            };
            results.push(ItemResult {
                key: item.key(),
                outcome,
            });
        }
        let answer = Answer::from_results(r.envelope, results);
        sqlx::query(
            "INSERT INTO receipts (clinic, idempotency_key, sequence, digest, status, body, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(clinic)
        .bind(&key)
        .bind(i(sequence))
        .bind(&r.digest)
        .bind(i64::from(answer.status))
        .bind(&answer.body)
        .bind(r.received_at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE clinics SET last_sequence = ?, last_release_at = ? WHERE id = ?")
            .bind(i(sequence))
            .bind(r.received_at)
            .bind(clinic)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(IngestOutcome::Stored(answer))
    }
}

async fn store_item(
    tx: &mut Transaction<'static, Sqlite>,
    clinic: &str,
    item: &ReleaseItem,
    sequence: u64,
    at: DateTime<Utc>,
) -> Result<Outcome, Error> {
    match item {
        ReleaseItem::MeasureValue(v) => store_value(tx, clinic, v, sequence, at).await,
        ReleaseItem::Project(p) => {
            store_record(tx, clinic, "project", p.id, super::to_json(p), sequence, at).await
        }
        ReleaseItem::Cycle(c) => {
            store_record(tx, clinic, "cycle", c.id, super::to_json(c), sequence, at).await
        }
        ReleaseItem::Partnership(p) => {
            store_record(
                tx,
                clinic,
                "partnership",
                p.id,
                super::to_json(p),
                sequence,
                at,
            )
            .await
        }
        ReleaseItem::Practice(p) => {
            let owner: Option<String> =
                sqlx::query_scalar("SELECT clinic FROM practices WHERE id = ?")
                    .bind(p.id.to_string())
                    .fetch_optional(&mut **tx)
                    .await?;
            if owner.as_deref().is_some_and(|o| o != clinic) {
                return Ok(Outcome::Rejected {
                    code: "practice-id-taken".into(),
                    reason: format!(
                        "practice {} belongs to another clinic; give this practice a new id",
                        p.id
                    ),
                });
            }
            sqlx::query(
                "INSERT INTO practices
                   (id, clinic, body, public, show_clinic_name, cursor, sequence, received_at)
                 VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(cursor), 0) + 1 FROM practices), ?, ?)
                 ON CONFLICT (id) DO UPDATE SET
                   body = excluded.body, public = excluded.public,
                   show_clinic_name = excluded.show_clinic_name, cursor = excluded.cursor,
                   sequence = excluded.sequence, received_at = excluded.received_at",
            )
            .bind(p.id.to_string())
            .bind(clinic)
            .bind(super::to_json(p))
            .bind(p.public)
            .bind(p.show_clinic_name)
            .bind(i(sequence))
            .bind(at)
            .execute(&mut **tx)
            .await?;
            Ok(Outcome::Accepted {
                superseded: owner.is_some(),
            })
        }
    }
}

async fn store_record(
    tx: &mut Transaction<'static, Sqlite>,
    clinic: &str,
    kind: &str,
    id: uuid::Uuid,
    body: String,
    sequence: u64,
    at: DateTime<Utc>,
) -> Result<Outcome, Error> {
    let existed: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM records WHERE clinic = ? AND kind = ? AND id = ?")
            .bind(clinic)
            .bind(kind)
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
    sqlx::query(
        "INSERT INTO records (clinic, kind, id, body, sequence, received_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (clinic, kind, id) DO UPDATE SET
           body = excluded.body, sequence = excluded.sequence, received_at = excluded.received_at",
    )
    .bind(clinic)
    .bind(kind)
    .bind(id.to_string())
    .bind(body)
    .bind(i(sequence))
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(Outcome::Accepted {
        superseded: existed.is_some(),
    })
}

async fn store_value(
    tx: &mut Transaction<'static, Sqlite>,
    clinic: &str,
    v: &MeasureValue,
    sequence: u64,
    at: DateTime<Utc>,
) -> Result<Outcome, Error> {
    let (measure, month) = (v.measure().as_str(), v.month().to_string());
    let old: Option<ValueRow> = sqlx::query_as(
        "SELECT numerator, denominator, value, suppressed FROM measure_values
         WHERE clinic = ? AND measure = ? AND month = ?",
    )
    .bind(clinic)
    .bind(measure)
    .bind(&month)
    .fetch_optional(&mut **tx)
    .await?;
    let before = old.map_or_else(Contribution::default, |(n, d, x, s)| {
        Contribution::from_parts(n.map(u), d.map(u), x, s)
    });
    let delta = Contribution::of(v).minus(before);
    sqlx::query(
        "INSERT INTO measure_values
           (clinic, measure, month, numerator, denominator, value, suppressed, sequence, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (clinic, measure, month) DO UPDATE SET
           numerator = excluded.numerator, denominator = excluded.denominator,
           value = excluded.value, suppressed = excluded.suppressed,
           sequence = excluded.sequence, received_at = excluded.received_at",
    )
    .bind(clinic)
    .bind(measure)
    .bind(&month)
    .bind(v.numerator().map(i))
    .bind(v.denominator().map(i))
    .bind(v.value())
    .bind(v.suppressed())
    .bind(i(sequence))
    .bind(at)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO network_rollups
           (measure, month, numerator_sum, denominator_sum, value_sum,
            clinics_contributing, clinics_suppressed)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (measure, month) DO UPDATE SET
           numerator_sum = numerator_sum + excluded.numerator_sum,
           denominator_sum = denominator_sum + excluded.denominator_sum,
           value_sum = value_sum + excluded.value_sum,
           clinics_contributing = clinics_contributing + excluded.clinics_contributing,
           clinics_suppressed = clinics_suppressed + excluded.clinics_suppressed",
    )
    .bind(measure)
    .bind(&month)
    .bind(delta.numerator)
    .bind(delta.denominator)
    .bind(delta.value)
    .bind(delta.contributing)
    .bind(delta.suppressed)
    .execute(&mut **tx)
    .await?;
    Ok(Outcome::Accepted {
        superseded: old.is_some(),
    })
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
        rows.into_iter()
            .map(|(m, n, d, v, c, s)| {
                Ok(Rollup {
                    month: month(&m)?,
                    numerator_sum: u(n),
                    denominator_sum: u(d),
                    value_sum: v,
                    clinics_contributing: u(c),
                    clinics_suppressed: u(s),
                })
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
            .map(|(m, n, d, v, s, seq)| {
                Ok(StoredValue {
                    clinic: clinic.clone(),
                    month: month(&m)?,
                    numerator: n.map(u),
                    denominator: d.map(u),
                    value: v,
                    suppressed: s,
                    sequence: u(seq),
                })
            })
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
}
