//! The hub's storage seam: small traits grouped by concern, composed into [`Store`], with one
//! implementation per database engine. The backend is chosen once, from the URL scheme, and
//! each backend runs its own embedded migrations when it opens, so an open store is always
//! migrated.

mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_shared::model::{ClinicId, MeasureId, MeasureValue, Month};
use tandem_shared::protocol::{
    CatalogueEntry, CataloguePage, Definitions, ProtocolVersion, ReleaseEnvelope,
};

use crate::Error;
use crate::ingest::Answer;

pub use sqlite::SqliteStore;

/// A clinic known to the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Clinic {
    pub id: ClinicId,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// The sequence of the last release taken from this clinic's node.
    pub last_sequence: u64,
    pub last_release_at: Option<DateTime<Utc>>,
}

/// A client certificate the hub issued.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedCertificate {
    pub serial: String,
    pub clinic: ClinicId,
    pub not_after: DateTime<Utc>,
    pub revoked: bool,
}

/// Network totals for one measure and month.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    pub month: Month,
    pub numerator_sum: u64,
    pub denominator_sum: u64,
    /// For a continuous measure: the sum of value × observations.
    pub value_sum: f64,
    /// Clinics whose value was released.
    pub clinics_contributing: u64,
    /// Clinics whose value was suppressed for a small cell.
    pub clinics_suppressed: u64,
}

/// One clinic's stored value for a measure and month.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredValue {
    pub clinic: ClinicId,
    pub month: Month,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub value: Option<f64>,
    pub suppressed: bool,
    pub sequence: u64,
}

/// A release after validation, ready to store: each item with its verdict.
#[derive(Debug)]
pub struct CheckedRelease<'a> {
    pub clinic: &'a ClinicId,
    pub envelope: &'a ReleaseEnvelope,
    pub digest: String,
    /// One verdict per item, in order: `Err` holds the error code and message.
    pub verdicts: Vec<Result<(), (String, String)>>,
    pub received_at: DateTime<Utc>,
}

/// What storing a release did.
#[derive(Debug, Clone, PartialEq)]
pub enum IngestOutcome {
    /// Stored now; this is the answer, also kept for replays.
    Stored(Answer),
    /// The same key and payload came before; this was the answer then.
    Replayed(Answer),
    /// The same key came before with a different payload.
    ConflictingReplay { sequence: u64 },
    /// The sequence is not the next one for this clinic.
    OutOfOrder { expected: u64 },
}

/// What a one-time enrolment code leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeStatus {
    Valid(Clinic),
    Used,
    Expired,
    Unknown,
    ClinicRevoked,
}

/// Network settings and definitions.
#[async_trait]
pub trait NetworkStore: Send + Sync {
    /// A network-wide setting, such as whether the data are simulated.
    async fn setting(&self, key: &str) -> Result<Option<String>, Error>;
    async fn set_setting(&self, key: &str, value: &str) -> Result<(), Error>;
    /// The current definitions, if the network has any.
    async fn definitions(&self) -> Result<Option<Definitions>, Error>;
    /// Store new definitions; their version is one more than the current one. Returns it.
    async fn put_definitions(&self, definitions: &Definitions) -> Result<u64, Error>;
}

/// Clinics, enrolment codes and certificates.
#[async_trait]
pub trait EnrolmentStore: Send + Sync {
    /// Add a clinic. A clinic with the same id is a conflict.
    async fn create_clinic(
        &self,
        id: &ClinicId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    async fn clinic(&self, id: &ClinicId) -> Result<Option<Clinic>, Error>;
    async fn clinics(&self) -> Result<Vec<Clinic>, Error>;
    /// Keep the hash of a new one-time code for a clinic.
    async fn add_enrolment_code(
        &self,
        clinic: &ClinicId,
        code_hash: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// What a code leads to, without using it.
    async fn check_enrolment_code(
        &self,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<CodeStatus, Error>;
    /// Use a code and record the certificate issued for it, atomically: if another request
    /// used the code first, nothing is recorded and `Ok(false)` is returned.
    async fn complete_enrolment(
        &self,
        code_hash: &str,
        certificate: &IssuedCertificate,
        now: DateTime<Utc>,
    ) -> Result<bool, Error>;
    /// Record a renewed certificate.
    async fn record_certificate(
        &self,
        certificate: &IssuedCertificate,
        now: DateTime<Utc>,
    ) -> Result<(), Error>;
    async fn certificate(&self, serial: &str) -> Result<Option<IssuedCertificate>, Error>;
    /// Revoke a clinic and every certificate it holds; its node is refused from the next
    /// request on.
    async fn revoke_clinic(&self, id: &ClinicId, now: DateTime<Utc>) -> Result<(), Error>;
}

/// Taking releases in.
#[async_trait]
pub trait IngestStore: Send + Sync {
    /// Store a checked release, its rollups and its answer in one transaction.
    async fn ingest(&self, release: CheckedRelease<'_>) -> Result<IngestOutcome, Error>;
}

/// What the dashboards and nodes read.
#[async_trait]
pub trait ReadStore: Send + Sync {
    /// Network totals of a measure, month by month.
    async fn network_series(&self, measure: &MeasureId) -> Result<Vec<Rollup>, Error>;
    /// One clinic's values of a measure, month by month.
    async fn clinic_series(
        &self,
        clinic: &ClinicId,
        measure: &MeasureId,
    ) -> Result<Vec<StoredValue>, Error>;
    /// Catalogue changes after a cursor.
    async fn catalogue(&self, after: u64, limit: u32) -> Result<CataloguePage, Error>;
    /// How many released records of each kind the hub holds (for status pages and checks).
    async fn record_counts(&self) -> Result<Vec<(String, u64)>, Error>;
}

/// Everything the hub stores.
pub trait Store: NetworkStore + EnrolmentStore + IngestStore + ReadStore {}

impl<T: NetworkStore + EnrolmentStore + IngestStore + ReadStore> Store for T {}

/// Open the store a URL names, running its migrations.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, Error> {
    let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or("");
    match scheme {
        "sqlite" => Ok(Arc::new(SqliteStore::open(url).await?)),
        _ => Err(Error::Config(format!(
            "the database URL must start with sqlite:// (for example sqlite://data/hub.db); \
             got {:?}",
            crate::config::redact_url(url)
        ))),
    }
}

/// The contribution of one stored value to its network rollup.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Contribution {
    pub numerator: i64,
    pub denominator: i64,
    pub value: f64,
    pub contributing: i64,
    pub suppressed: i64,
}

impl Contribution {
    /// A suppressed value counts only as suppressed: adding its released denominator alone
    /// would bias the network proportion.
    pub fn of(v: &MeasureValue) -> Self {
        Self::from_parts(v.numerator(), v.denominator(), v.value(), v.suppressed())
    }

    /// The contribution of a value given by its stored columns.
    pub fn from_parts(
        n: Option<u64>,
        d: Option<u64>,
        value: Option<f64>,
        suppressed: bool,
    ) -> Self {
        if suppressed {
            return Self {
                suppressed: 1,
                ..Self::default()
            };
        }
        let n = n.map_or(0, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let d = d.map_or(0, |d| i64::try_from(d).unwrap_or(i64::MAX));
        Self {
            numerator: n,
            denominator: d,
            value: value.map_or(0.0, |x| x * d as f64),
            contributing: 1,
            suppressed: 0,
        }
    }

    /// Self minus another, for replacing a superseded value.
    pub fn minus(self, o: Self) -> Self {
        Self {
            numerator: self.numerator - o.numerator,
            denominator: self.denominator - o.denominator,
            value: self.value - o.value,
            contributing: self.contributing - o.contributing,
            suppressed: self.suppressed - o.suppressed,
        }
    }
}

/// A record as stored: its JSON.
fn to_json<T: serde::Serialize>(record: &T) -> String {
    serde_json::to_string(record).unwrap_or_default()
}

/// Build a catalogue page from rows of (practice JSON, clinic name, show name, cursor), fetched
/// with one row more than `limit` to learn whether more wait.
fn catalogue_page(
    after: u64,
    limit: u32,
    rows: impl Iterator<Item = (String, String, bool, u64)>,
) -> Result<CataloguePage, Error> {
    let mut entries = Vec::new();
    let mut more = false;
    for (body, clinic_name, show, cursor) in rows {
        if entries.len() == limit as usize {
            more = true;
            break;
        }
        let practice = serde_json::from_str(&body)
            .map_err(|e| Error::Schema(format!("a stored practice is unreadable: {e}")))?;
        entries.push(CatalogueEntry {
            practice,
            clinic: show.then_some(clinic_name),
            cursor,
        });
    }
    Ok(CataloguePage {
        protocol_version: ProtocolVersion,
        next_cursor: entries.last().map_or(after, |e| e.cursor),
        entries,
        more,
    })
}
