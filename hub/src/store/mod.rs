//! The hub's storage seam: small traits grouped by concern, composed into [`Store`], with one
//! implementation per database engine (SQLite embedded, PostgreSQL for larger networks). The
//! backend is chosen once, from the URL scheme, and each backend runs its own embedded
//! migrations when it opens, so an open store is always migrated.
//!
//! Logic that must behave the same on both engines, such as storing a release, is written once
//! (in [`crate::ingest`]) over small per-engine steps ([`IngestTx`]); each engine writes those
//! steps in its own SQL.

mod answer;
mod postgres;
mod snapshot;
mod sqlite;

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_shared::model::{ClinicId, Language, MeasureId, MeasureValue, Month, Practice};
use tandem_shared::privacy::{ReleasedText, SeriesPoint};
use tandem_shared::protocol::{
    CatalogueEntry, CataloguePage, Definitions, IdempotencyKey, ProtocolVersion, ReleaseEnvelope,
};

use crate::Error;
use crate::catalogue::FamilyText;
use crate::catalogue::search::{self, QueryWord};

pub use answer::Answer;
pub use postgres::PostgresStore;
pub use snapshot::{
    CertificateRow, CodeRow, Columns, DefinitionsRow, FamilyTextRow, PracticeRow, ReceiptRow,
    RecordRow, RollupRow, Snapshot, StoryRow, ValueRow, VersionRow,
};
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

/// What one clinic released for one month, across measures: for the completeness page.
#[derive(Debug, Clone, PartialEq)]
pub struct ClinicMonth {
    pub clinic: ClinicId,
    pub month: Month,
    /// Measures whose value was released…
    pub released: u32,
    /// …and whose value was withheld as a small cell.
    pub suppressed: u32,
    /// When the hub first received a value for this month.
    pub first_received_at: DateTime<Utc>,
}

/// A release after validation, ready to store: each item with its verdict.
#[derive(Debug)]
pub struct CheckedRelease<'a> {
    pub clinic: &'a ClinicId,
    pub envelope: &'a ReleaseEnvelope,
    pub digest: String,
    /// One verdict per item, in order: `Err` holds the error code and message.
    pub verdicts: Vec<Result<(), (String, String)>>,
    /// The definitions the values are checked against, inside the transaction, for small
    /// differences with what the clinic released before. `None` skips that check.
    pub definitions: Option<&'a Definitions>,
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
    /// The database engine and its version, for `tandem-hub doctor`: "SQLite 3.46.0".
    async fn engine(&self) -> Result<String, Error>;
    /// The people who use the hub's pages and API, in the same database.
    fn accounts(&self) -> Arc<dyn tandem_web::accounts::AccountStore>;
    /// The current definitions, if the network has any.
    async fn definitions(&self) -> Result<Option<Definitions>, Error> {
        self.definitions_at(None).await
    }
    /// The definitions of `version` (every published version is kept), or the current ones.
    async fn definitions_at(&self, version: Option<u64>) -> Result<Option<Definitions>, Error>;
    /// Store new definitions; their version is one more than the current one. Returns it.
    async fn put_definitions(&self, definitions: &Definitions) -> Result<u64, Error>;
    /// When `version` of the definitions was published, if it was.
    async fn definitions_published_at(&self, version: u64) -> Result<Option<DateTime<Utc>>, Error>;
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
    /// Every clinic with what its administrators check, in id order.
    async fn clinic_statuses(&self) -> Result<Vec<ClinicStatus>, Error>;
    /// Note that a clinic's node called, and the definitions version it fetched if it did.
    async fn clinic_seen(
        &self,
        id: &ClinicId,
        now: DateTime<Utc>,
        definitions: Option<u64>,
    ) -> Result<(), Error>;
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

/// A receipt kept for a release: what it said, and what the hub answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub sequence: u64,
    pub digest: String,
    pub answer: Answer,
}

/// A (measure, month) pair as text, the key of a value within a clinic and of a rollup.
pub type ValueKey = (String, String);

/// The steps of storing one release, all inside one transaction that is rolled back if it is
/// dropped before [`commit`](IngestTx::commit). The order of the steps, and so the behaviour,
/// is written once in [`crate::ingest`].
#[async_trait]
pub trait IngestTx: Send {
    /// Lock the clinic against concurrent ingests (from any hub process) and read its last
    /// sequence. `None` if there is no such clinic.
    async fn lock_clinic(&mut self, clinic: &ClinicId) -> Result<Option<u64>, Error>;
    /// The receipt kept for a key, if any.
    async fn receipt(
        &mut self,
        clinic: &ClinicId,
        key: &IdempotencyKey,
    ) -> Result<Option<Receipt>, Error>;
    /// The contributions of the clinic's stored values for these keys.
    async fn current_values(
        &mut self,
        clinic: &ClinicId,
        keys: &[ValueKey],
    ) -> Result<HashMap<ValueKey, Contribution>, Error>;
    /// Every version the clinic released of these measures' values, read on the primary
    /// inside the transaction, after the clinic's lock: what a new value is checked against.
    async fn value_versions(
        &mut self,
        clinic: &ClinicId,
        measures: &[&MeasureId],
    ) -> Result<Vec<(MeasureId, SeriesPoint)>, Error>;
    /// Insert or replace the clinic's values, and keep each as a version.
    async fn put_values(
        &mut self,
        clinic: &ClinicId,
        values: &[&MeasureValue],
        sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// Add each delta to its network rollup, in the order given (callers sort them, so that
    /// concurrent ingests lock rollup rows in the same order).
    async fn add_to_rollups(&mut self, deltas: &[(ValueKey, Contribution)]) -> Result<(), Error>;
    /// Insert or replace a project, cycle or partnership profile. Returns whether it existed.
    async fn put_record(
        &mut self,
        clinic: &ClinicId,
        kind: &str,
        id: uuid::Uuid,
        body: &str,
        sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<bool, Error>;
    /// The clinic a practice id belongs to, if it is known.
    async fn practice_owner(&mut self, id: uuid::Uuid) -> Result<Option<String>, Error>;
    /// Insert or replace a practice, moving it to the next catalogue cursor.
    async fn put_practice(
        &mut self,
        clinic: &ClinicId,
        practice: &Practice<ReleasedText>,
        sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// Keep the receipt and move the clinic's sequence on.
    async fn keep_receipt(
        &mut self,
        clinic: &ClinicId,
        key: &IdempotencyKey,
        receipt: &Receipt,
        at: DateTime<Utc>,
    ) -> Result<(), Error>;
    async fn commit(self: Box<Self>) -> Result<(), Error>;
}

/// Taking releases in.
#[async_trait]
pub trait IngestStore: Send + Sync {
    /// Begin the transaction that stores one release.
    async fn begin_ingest(&self) -> Result<Box<dyn IngestTx>, Error>;
    /// The sequence of the release the clinic sent under this key, if the hub holds it, read on
    /// the primary: a node asks before it withdraws a release it may have sent.
    async fn held_release(
        &self,
        clinic: &ClinicId,
        key: &IdempotencyKey,
    ) -> Result<Option<u64>, Error>;
}

/// Moving a whole network from one store to another.
#[async_trait]
pub trait MigrationStore: Send + Sync {
    /// Whether the store holds no network at all.
    async fn is_empty(&self) -> Result<bool, Error>;
    /// Everything the store holds.
    async fn export(&self) -> Result<Snapshot, Error>;
    /// Write a snapshot in one transaction, first emptying the store if `replace` is true.
    async fn import(&self, snapshot: &Snapshot, replace: bool) -> Result<(), Error>;
}

/// What the dashboards and nodes read.
#[async_trait]
pub trait ReadStore: Send + Sync {
    /// Network totals of a measure, month by month.
    async fn network_series(&self, measure: &MeasureId) -> Result<Vec<Rollup>, Error>;
    /// The released (not suppressed) numerator and denominator of every clinic for a measure,
    /// month by month, for the public tier's count of clinics and its dominance rule.
    async fn released_counts(
        &self,
        measure: &MeasureId,
    ) -> Result<Vec<(Month, Option<u64>, Option<u64>)>, Error>;
    /// One clinic's values of a measure, month by month.
    async fn clinic_series(
        &self,
        clinic: &ClinicId,
        measure: &MeasureId,
    ) -> Result<Vec<StoredValue>, Error>;
    /// Catalogue changes after a cursor.
    async fn catalogue(&self, after: u64, limit: u32) -> Result<CataloguePage, Error>;
    /// The highest catalogue cursor given out so far.
    async fn catalogue_head(&self) -> Result<u64, Error>;
    /// How many released records of each kind the hub holds (for status pages and checks).
    async fn record_counts(&self) -> Result<Vec<(String, u64)>, Error>;
    /// Released records of a kind ("project", "cycle", "partnership", or "practice"), of one
    /// clinic or of all, as the JSON bodies released, oldest first.
    async fn records(
        &self,
        kind: &str,
        clinic: Option<&ClinicId>,
    ) -> Result<Vec<(ClinicId, String)>, Error>;
    /// What each clinic released for each month from `from` to `to`: only clinic-months with
    /// a stored value, in no particular order.
    async fn reporting(&self, from: Month, to: Month) -> Result<Vec<ClinicMonth>, Error>;
    /// A measure's stored values, of the clinics given (or all) and the months from `from` to
    /// `to`, in no particular order: the measure page's clinics in one read.
    async fn measure_values(
        &self,
        measure: &MeasureId,
        clinics: Option<&[ClinicId]>,
        from: Month,
        to: Month,
    ) -> Result<Vec<StoredValue>, Error>;
    /// What the dashboards' figures are computed from, as one token that changes whenever a
    /// release is stored, a clinic enrols or leaves, the definitions or a setting change, or
    /// a family text is saved.
    async fn generation(&self) -> Result<u64, Error>;
}

/// A version of a practice's family text, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyTextVersion {
    pub practice: uuid::Uuid,
    pub lang: Language,
    pub version: u64,
    pub text: FamilyText,
    pub published: bool,
    pub edited_by: String,
    pub edited_at: DateTime<Utc>,
}

impl FamilyTextVersion {
    fn from_row(r: FamilyTextRow) -> Result<Self, Error> {
        let unreadable = |what: String| Error::Schema(format!("a stored family text {what}"));
        Ok(FamilyTextVersion {
            practice: r
                .practice
                .parse()
                .map_err(|_| unreadable(format!("names no practice: {}", r.practice)))?,
            lang: Language::parse(&r.lang)
                .ok_or_else(|| unreadable(format!("has no language: {}", r.lang)))?,
            version: to_u64(r.version),
            text: serde_json::from_str(&r.body)
                .map_err(|e| unreadable(format!("is unreadable: {e}")))?,
            published: r.published,
            edited_by: r.edited_by,
            edited_at: r.edited_at,
        })
    }
}

/// What a search of the catalogue found: the practices, best first, and how many match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    pub practices: Vec<uuid::Uuid>,
    pub total: u64,
}

/// The public catalogue's family texts and their search.
#[async_trait]
pub trait CatalogueTextStore: Send + Sync {
    /// Keep a new version of a practice's text in one language, published or not; the search
    /// index follows in the same transaction. Returns the version's number (1, 2, …).
    async fn save_family_text(
        &self,
        practice: uuid::Uuid,
        lang: Language,
        text: &FamilyText,
        published: bool,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<u64, Error>;
    /// One more family's reaction to a practice the clinic marks public (else `NotFound`).
    async fn add_reaction(&self, practice: uuid::Uuid, kind: Reaction) -> Result<(), Error>;
    /// How many families gave each reaction to a practice.
    async fn reactions(&self, practice: uuid::Uuid) -> Result<Reactions, Error>;
    /// A family's story, waiting for a moderator; refused (`NotFound`) for a practice the
    /// clinic does not mark public.
    async fn add_story(&self, story: &NewStory) -> Result<(), Error>;
    /// Every story, for the moderators: those waiting first (oldest first), then the others,
    /// newest first.
    async fn stories(&self) -> Result<Vec<Story>, Error>;
    async fn story(&self, id: uuid::Uuid) -> Result<Option<Story>, Error>;
    /// The story whose withdrawal token has this SHA-256.
    async fn story_by_token(&self, hash: &str) -> Result<Option<Story>, Error>;
    /// A moderator's decision on a story waiting or published (else `Conflict`).
    async fn decide_story(
        &self,
        id: uuid::Uuid,
        decision: &Decision,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), Error>;
    /// The teller takes a story back: its words, original and published, are deleted.
    async fn withdraw_story(&self, id: uuid::Uuid) -> Result<(), Error>;
    /// A practice's published stories, oldest first.
    async fn published_stories(&self, practice: uuid::Uuid) -> Result<Vec<Story>, Error>;
    /// Deletes the originals of stories decided longer than `KEEP_ORIGINAL` before `now`, and
    /// declines (deleting their words) the stories waiting for longer than `LONGEST_WAIT`.
    /// Returns how many stories changed.
    async fn purge_stories(&self, now: DateTime<Utc>) -> Result<u64, Error>;
    /// Every practice's current text in each language, where it is published, whether or not
    /// the clinic still marks the practice public (the caller checks).
    async fn published_family_texts(&self) -> Result<Vec<FamilyTextVersion>, Error>;
    /// The current text of a practice in each language it has one.
    async fn family_texts(&self, practice: uuid::Uuid) -> Result<Vec<FamilyTextVersion>, Error>;
    /// Every version of a practice's text in one language, newest first.
    async fn family_text_history(
        &self,
        practice: uuid::Uuid,
        lang: Language,
    ) -> Result<Vec<FamilyTextVersion>, Error>;
    /// The practices whose published text (in either language) has every word of the query,
    /// of those the clinic still marks public: best first (a match in the title counts above
    /// one in the rest), a page at a time.
    async fn search_catalogue(
        &self,
        words: &[QueryWord],
        limit: u32,
        offset: u32,
    ) -> Result<SearchResults, Error>;
}

/// What a family may say of a practice, without an account and without words of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaction {
    /// "We tried this."
    Tried,
    /// "This helped us."
    Helped,
}

impl Reaction {
    pub const ALL: [Reaction; 2] = [Reaction::Tried, Reaction::Helped];

    pub fn key(self) -> &'static str {
        match self {
            Reaction::Tried => "tried",
            Reaction::Helped => "helped",
        }
    }

    pub fn parse(s: &str) -> Option<Reaction> {
        Reaction::ALL.into_iter().find(|r| r.key() == s)
    }
}

/// How many families gave each reaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reactions {
    pub tried: u64,
    pub helped: u64,
}

impl Reactions {
    fn from_rows(rows: Vec<(String, i64)>) -> Reactions {
        let mut out = Reactions::default();
        for (kind, count) in rows {
            match Reaction::parse(&kind) {
                Some(Reaction::Tried) => out.tried = to_u64(count),
                Some(Reaction::Helped) => out.helped = to_u64(count),
                None => {}
            }
        }
        out
    }
}

/// Where a family's story stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryState {
    /// Sent, and seen by no one but the moderators.
    Waiting,
    Published,
    /// Not published, with the moderator's reason (none when it waited too long).
    Declined,
    /// Taken back by the teller; nothing of its words is left.
    Withdrawn,
}

impl StoryState {
    pub const ALL: [StoryState; 4] = [
        StoryState::Waiting,
        StoryState::Published,
        StoryState::Declined,
        StoryState::Withdrawn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StoryState::Waiting => "waiting",
            StoryState::Published => "published",
            StoryState::Declined => "declined",
            StoryState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<StoryState> {
        StoryState::ALL.into_iter().find(|r| r.key() == s)
    }
}

/// A story as a family sends it.
#[derive(Debug, Clone)]
pub struct NewStory {
    pub id: uuid::Uuid,
    pub practice: uuid::Uuid,
    pub lang: Language,
    pub original: String,
    /// The SHA-256 of the teller's withdrawal token; the token itself is never kept.
    pub withdraw_hash: String,
    pub submitted_at: DateTime<Utc>,
}

/// A family's story of a practice, as the moderators see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: uuid::Uuid,
    pub practice: uuid::Uuid,
    pub lang: Language,
    pub state: StoryState,
    /// The teller's own words, until they are deleted.
    pub original: Option<String>,
    /// What families read, as the moderator edited it.
    pub published: Option<String>,
    pub reason: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

impl Story {
    fn from_row(r: StoryRow) -> Result<Story, Error> {
        let bad = |what: &str| Error::Schema(format!("story {}: {what}", r.id));
        Ok(Story {
            id: r.id.parse().map_err(|_| bad("its id is not a UUID"))?,
            practice: r
                .practice
                .parse()
                .map_err(|_| bad("its practice is not a UUID"))?,
            lang: Language::parse(&r.lang).ok_or_else(|| bad("its language is unknown"))?,
            state: StoryState::parse(&r.state).ok_or_else(|| bad("its state is unknown"))?,
            original: r.original,
            published: r.published,
            reason: r.reason,
            submitted_at: r.submitted_at,
            decided_by: r.decided_by,
            decided_at: r.decided_at,
        })
    }
}

/// What a moderator decides of a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Publish these words (the teller's, as edited).
    Publish(String),
    /// Do not publish, for this reason, which the teller reads.
    Decline(String),
}

/// A story changed, or `NotFound`/`Conflict` when no row could change.
fn story_changed(id: uuid::Uuid, rows: u64, what: &str) -> Result<(), Error> {
    if rows == 0 {
        return Err(Error::Conflict(format!(
            "story {id} cannot be {what}: it is not there, or it was withdrawn"
        )));
    }
    Ok(())
}

/// A reaction counted, or refused for a practice that is not (or no longer) public.
fn reacted(practice: uuid::Uuid, rows: u64) -> Result<(), Error> {
    if rows == 0 {
        return Err(Error::NotFound(format!(
            "practice {practice} is not in the public catalogue"
        )));
    }
    Ok(())
}

/// A family text's search terms: its title and the rest, as both engines index them.
fn family_terms(lang: Language, body: &str) -> Result<(String, String), Error> {
    let text: FamilyText = serde_json::from_str(body)
        .map_err(|e| Error::Schema(format!("a stored family text is unreadable: {e}")))?;
    Ok((
        search::index_terms(&text.title, lang),
        search::index_terms(&text.body(), lang),
    ))
}

/// Everything the hub stores.
pub trait Store:
    NetworkStore + EnrolmentStore + IngestStore + ReadStore + MigrationStore + CatalogueTextStore
{
}

impl<
    T: NetworkStore + EnrolmentStore + IngestStore + ReadStore + MigrationStore + CatalogueTextStore,
> Store for T
{
}

/// Where a store lives, and how it may connect.
#[derive(Debug, Clone)]
pub struct Location {
    /// `sqlite://…` or `postgres://…`.
    pub url: String,
    /// A PostgreSQL read replica for the dashboards and the catalogue; everything that must
    /// be current (ingest, enrolment, certificates) stays on `url`.
    pub replica_url: Option<String>,
    /// The most connections to PostgreSQL (per pool). SQLite always has one writer and a few
    /// readers.
    pub max_connections: u32,
}

/// Open the store a URL names, running its migrations.
pub async fn open(url: &str, max_connections: u32) -> Result<Arc<dyn Store>, Error> {
    open_at(&Location {
        url: url.to_owned(),
        replica_url: None,
        max_connections,
    })
    .await
}

/// Open a store at a location, running its migrations.
pub async fn open_at(location: &Location) -> Result<Arc<dyn Store>, Error> {
    let url = location.url.as_str();
    let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or("");
    match scheme {
        "sqlite" if location.replica_url.is_some() => Err(Error::Config(
            "a read replica needs PostgreSQL; remove database_replica_url, or move the hub to \
             PostgreSQL first (tandem-hub migrate-store)"
                .into(),
        )),
        "sqlite" => Ok(Arc::new(SqliteStore::open(url).await?)),
        "postgres" | "postgresql" => Ok(Arc::new(PostgresStore::open(location).await?)),
        _ => Err(Error::Config(format!(
            "the database URL must start with sqlite:// (for example sqlite://data/hub.db) or \
             postgres:// (for example postgres://tandem@db.example/tandem); got {:?}",
            crate::config::redact_url(url)
        ))),
    }
}

/// The columns of a clinic, read the same way from both engines.
type ClinicRow = (
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i64,
    Option<DateTime<Utc>>,
);

const CLINIC_COLUMNS: &str =
    "SELECT id, name, created_at, revoked_at, last_sequence, last_release_at FROM clinics";

fn clinic(row: ClinicRow) -> Result<Clinic, Error> {
    Ok(Clinic {
        id: clinic_id(row.0)?,
        name: row.1,
        created_at: row.2,
        revoked_at: row.3,
        last_sequence: to_u64(row.4),
        last_release_at: row.5,
    })
}

/// A clinic with what its administrators check: when its node last called, the definitions
/// version it last fetched, and when its live certificate expires.
#[derive(Debug, Clone)]
pub struct ClinicStatus {
    pub clinic: Clinic,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub definitions_version: Option<u64>,
    pub certificate_expires: Option<DateTime<Utc>>,
    /// The first month it reported: from then on it is expected to report every month.
    pub first_month: Option<Month>,
}

type ClinicStatusRow = (
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i64,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<i64>,
    Option<DateTime<Utc>>,
    Option<String>,
);

const CLINIC_STATUS: &str = "SELECT c.id, c.name, c.created_at, c.revoked_at, c.last_sequence, \
     c.last_release_at, c.last_seen_at, c.definitions_version, \
     (SELECT MAX(k.not_after) FROM certificates k \
      WHERE k.clinic = c.id AND k.revoked_at IS NULL), c.first_month \
     FROM clinics c ORDER BY c.id";

/// Set each clinic's first month from its stored values (after an import).
const FIRST_MONTHS: &str = "UPDATE clinics SET first_month = \
     (SELECT MIN(month) FROM measure_values WHERE clinic = clinics.id)";

fn clinic_status(r: ClinicStatusRow) -> Result<ClinicStatus, Error> {
    Ok(ClinicStatus {
        clinic: clinic((r.0, r.1, r.2, r.3, r.4, r.5))?,
        last_seen_at: r.6,
        definitions_version: r.7.map(to_u64),
        certificate_expires: r.8,
        first_month: r.9.as_deref().map(month).transpose()?,
    })
}

fn clinic_exists(id: &ClinicId) -> Error {
    Error::Conflict(format!(
        "a clinic with id {id} already exists; choose another id, or issue a new enrolment code \
         for it with `tandem-hub clinic code {id}`"
    ))
}

/// What a stored code leads to, given its clinic.
fn code_status(
    clinic: Option<Clinic>,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> CodeStatus {
    if used_at.is_some() {
        CodeStatus::Used
    } else if expires_at <= now {
        CodeStatus::Expired
    } else {
        match clinic {
            Some(c) if c.revoked_at.is_none() => CodeStatus::Valid(c),
            _ => CodeStatus::ClinicRevoked,
        }
    }
}

/// The generation token from its parts.
fn generation_of(parts: (i64, i64, i64, i64, i64, Option<String>)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// A stored value as read with its clinic: clinic, month, numerator, denominator, value,
/// suppressed, sequence.
type ValueRowOf = (
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<f64>,
    bool,
    i64,
);

/// Values of many clinics read back.
fn clinic_values(rows: Vec<ValueRowOf>) -> Result<Vec<StoredValue>, Error> {
    rows.into_iter()
        .map(|(c, m, n, d, v, s, seq)| stored_value(&clinic_id(c)?, (m, n, d, v, s, seq)))
        .collect()
}

/// Records read back with their clinic.
fn clinic_bodies(rows: Vec<(String, String)>) -> Result<Vec<(ClinicId, String)>, Error> {
    rows.into_iter()
        .map(|(c, body)| Ok((clinic_id(c)?, body)))
        .collect()
}

/// Join a window's value counts with the times their months were first received.
fn clinic_months(
    counts: Vec<(String, String, i64, i64)>,
    firsts: Vec<(String, String, DateTime<Utc>)>,
) -> Result<Vec<ClinicMonth>, Error> {
    let firsts: HashMap<(String, String), DateTime<Utc>> =
        firsts.into_iter().map(|(c, m, at)| ((c, m), at)).collect();
    counts
        .into_iter()
        .filter_map(|(c, m, released, suppressed)| {
            let at = *firsts.get(&(c.clone(), m.clone()))?;
            Some((c, m, released, suppressed, at))
        })
        .map(|(c, m, released, suppressed, at)| {
            Ok(ClinicMonth {
                month: month(&m)?,
                clinic: clinic_id(c)?,
                released: u32::try_from(released).unwrap_or(u32::MAX),
                suppressed: u32::try_from(suppressed).unwrap_or(u32::MAX),
                first_received_at: at,
            })
        })
        .collect()
}

fn rollup((m, n, d, v, c, s): (String, i64, i64, f64, i64, i64)) -> Result<Rollup, Error> {
    Ok(Rollup {
        month: month(&m)?,
        numerator_sum: to_u64(n),
        denominator_sum: to_u64(d),
        value_sum: v,
        clinics_contributing: to_u64(c),
        clinics_suppressed: to_u64(s),
    })
}

/// A clinic's value from its columns: month, numerator, denominator, value, suppressed,
/// sequence.
#[allow(clippy::type_complexity)]
fn stored_value(
    clinic: &ClinicId,
    (m, n, d, v, s, seq): (String, Option<i64>, Option<i64>, Option<f64>, bool, i64),
) -> Result<StoredValue, Error> {
    Ok(StoredValue {
        clinic: clinic.clone(),
        month: month(&m)?,
        numerator: n.map(to_u64),
        denominator: d.map(to_u64),
        value: v,
        suppressed: s,
        sequence: to_u64(seq),
    })
}

/// The current time, to the microsecond: what PostgreSQL keeps, so that a network moved
/// between engines holds the very same times.
pub fn now() -> DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(6)
}

/// A count or sequence as the databases store it.
fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// A count or sequence read back from the database.
fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn month(s: &str) -> Result<Month, Error> {
    s.parse().map_err(Error::Rule)
}

fn clinic_id(s: String) -> Result<ClinicId, Error> {
    ClinicId::new(s).map_err(Error::Rule)
}

/// The text key of a value.
pub fn value_key(v: &MeasureValue) -> ValueKey {
    (v.measure().to_string(), v.month().to_string())
}

/// A stored version of a value, read as its columns: (measure, month, numerator, denominator).
pub(crate) fn version(
    (measure, month, n, d): (String, String, Option<i64>, Option<i64>),
) -> Result<(MeasureId, SeriesPoint), Error> {
    let unreadable = |what: &str| Error::Schema(format!("a stored value version has {what}"));
    Ok((
        MeasureId::new(&measure).map_err(|_| unreadable("a bad measure id"))?,
        SeriesPoint {
            month: month.parse().map_err(|_| unreadable("a bad month"))?,
            numerator: n.map(|n| u64::try_from(n).unwrap_or(0)),
            denominator: d.map(|d| u64::try_from(d).unwrap_or(0)),
        },
    ))
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

    /// Self plus another.
    pub fn plus(self, o: Self) -> Self {
        self.minus(Self {
            numerator: -o.numerator,
            denominator: -o.denominator,
            value: -o.value,
            contributing: -o.contributing,
            suppressed: -o.suppressed,
        })
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
