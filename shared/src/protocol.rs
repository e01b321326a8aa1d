//! Protocol v1: the only types that cross the wire between a node and the hub.
//!
//! Every message carries `protocol_version`, and a side refuses a version it does not speak.
//! Nothing here can hold patient-level data: released records are aggregates and free text that
//! passed the release gate (see [`crate::privacy`]). The full description, with examples, is in
//! `docs/protocol.md`.
//!
//! A raw entry cannot be put in a release: the item types need a released value, which only the
//! release gate makes.
//!
//! ```compile_fail
//! use tandem_shared::model::MeasureEntry;
//! use tandem_shared::protocol::ReleaseItem;
//! fn leak(raw: MeasureEntry) -> ReleaseItem {
//!     ReleaseItem::MeasureValue(raw)
//! }
//! ```
//!
//! Nor can text be marked as released without the gate:
//!
//! ```compile_fail
//! let text = tandem_shared::privacy::ReleasedText("Jane Doe, 555-123-4567".to_string());
//! ```
//!
//! The same paths through the gate do compile, so the two blocks above fail for the reason they
//! show and not for a typo:
//!
//! ```
//! use tandem_shared::model::MeasureValue;
//! use tandem_shared::protocol::ReleaseItem;
//! fn send(released: MeasureValue) -> ReleaseItem {
//!     ReleaseItem::MeasureValue(released)
//! }
//! let text = tandem_shared::privacy::release_text("do.happened", "A huddle helped.").unwrap();
//! assert_eq!(text.as_str(), "A huddle helped.");
//! ```

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::Error;
use crate::model::{
    ClinicId, Measure, MeasureId, MeasureValue, Month, PartnershipProfile, PdsaCycle, Practice,
    Project,
};
use crate::privacy::{DisclosurePolicy, ReleasedText};

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;

/// The oldest protocol version this build still accepts from the other side. When a version
/// changes, this stays one behind for a release, so that a clinic's node keeps syncing while it
/// waits for its upgrade.
pub const OLDEST_PROTOCOL_VERSION: u32 = 1;

/// The header on every federation request with the node's protocol version, so that a hub can
/// refuse a node too old before reading anything else.
pub const PROTOCOL_HEADER: &str = "tandem-protocol";

/// The problem for a peer whose protocol version this build does not speak: `426 Upgrade
/// Required` for a node too old, saying what to install; `400` for one newer than its hub.
pub fn protocol_problem(got: u64) -> Problem {
    let this = env!("CARGO_PKG_VERSION");
    let range = format!("{OLDEST_PROTOCOL_VERSION} to {PROTOCOL_VERSION}");
    if got < u64::from(OLDEST_PROTOCOL_VERSION) {
        Problem::new(
            426,
            "protocol-too-old",
            "Upgrade required",
            format!(
                "this node speaks Tandem protocol {got}, and the hub (version {this}) accepts \
                 protocol {range}: install tandem-node {this} or later on the clinic's server, \
                 then sync again; nothing was stored"
            ),
        )
    } else {
        Problem::new(
            400,
            "protocol-too-new",
            "Protocol newer than the hub's",
            format!(
                "this node speaks Tandem protocol {got}, newer than the hub (version {this}, \
                 protocol {range}): the network's hub team must upgrade tandem-hub before this \
                 node can sync; nothing was stored"
            ),
        )
    }
}

/// Whether this build speaks protocol version `got`.
pub fn speaks(got: u64) -> bool {
    (u64::from(OLDEST_PROTOCOL_VERSION)..=u64::from(PROTOCOL_VERSION)).contains(&got)
}

/// The `protocol_version` field. It serialises as [`PROTOCOL_VERSION`], and deserialising any
/// other number fails with a message that names both versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProtocolVersion;

impl ProtocolVersion {
    /// Check a version number received from the other side.
    pub fn check(got: u64) -> Result<Self, Error> {
        if speaks(got) {
            Ok(Self)
        } else {
            Err(Error::ProtocolVersion {
                got,
                supported: PROTOCOL_VERSION,
            })
        }
    }
}

impl Serialize for ProtocolVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(PROTOCOL_VERSION)
    }
}

impl<'de> Deserialize<'de> for ProtocolVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::check(u64::deserialize(d)?).map_err(D::Error::custom)
    }
}

/// The key that makes a release idempotent: the same key with the same payload is a replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdempotencyKey(pub Uuid);

impl IdempotencyKey {
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}

impl std::fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// One released record. The hub keys each by clinic and [`ReleaseItem::key`]; a later release
/// with the same key supersedes the earlier one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "item",
    rename_all = "snake_case",
    deny_unknown_fields
)]
// Items are built and read one at a time on their way to and from JSON: their size in memory
// matters less than plain variants that match as they are written.
#[allow(clippy::large_enum_variant)]
pub enum ReleaseItem {
    MeasureValue(MeasureValue),
    Project(Project<ReleasedText>),
    Cycle(PdsaCycle<ReleasedText>),
    Partnership(PartnershipProfile),
    Practice(Practice<ReleasedText>),
}

impl ReleaseItem {
    /// The item's identity within its clinic: `measure_value/remission/2026-03`,
    /// `project/<uuid>` and so on.
    pub fn key(&self) -> String {
        match self {
            ReleaseItem::MeasureValue(v) => format!("measure_value/{}/{}", v.measure(), v.month()),
            ReleaseItem::Project(p) => format!("project/{}", p.id),
            ReleaseItem::Cycle(c) => format!("cycle/{}", c.id),
            ReleaseItem::Partnership(p) => format!("partnership/{}", p.id),
            ReleaseItem::Practice(p) => format!("practice/{}", p.id),
        }
    }

    /// The kind as it appears on the wire.
    pub fn kind(&self) -> &'static str {
        match self {
            ReleaseItem::MeasureValue(_) => "measure_value",
            ReleaseItem::Project(_) => "project",
            ReleaseItem::Cycle(_) => "cycle",
            ReleaseItem::Partnership(_) => "partnership",
            ReleaseItem::Practice(_) => "practice",
        }
    }
}

/// A release as the hub receives it: `POST /federation/v1/releases`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseEnvelope {
    pub protocol_version: ProtocolVersion,
    pub idempotency_key: IdempotencyKey,
    /// 1 for a node's first release, then one more for each: the hub takes them in order.
    pub sequence: u64,
    /// The version of the network's definitions the node checked the items against. For
    /// [`DEFINITIONS_GRACE_DAYS`] after a newer version is published, the hub checks them
    /// against this one (under the current disclosure policy); nodes before 0.1 leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definitions_version: Option<u64>,
    pub items: Vec<ReleaseItem>,
}

/// How long, after the network publishes definitions N + 1, the hub still checks a release
/// made under N against N: time for a node that approved just before to sync. The disclosure
/// policy is always the current one, so a stricter rule applies at once.
pub const DEFINITIONS_GRACE_DAYS: i64 = 30;

impl ReleaseEnvelope {
    /// The most items one release may hold.
    pub const MAX_ITEMS: usize = 5_000;

    /// A digest of what the release says (its sequence and items), independent of how the JSON
    /// was formatted. The same key with a different digest is a conflicting replay.
    pub fn payload_digest(&self) -> String {
        let bytes = serde_json::to_vec(&(self.sequence, &self.items)).unwrap_or_default();
        hex::encode(Sha256::digest(bytes))
    }
}

/// The exact bytes of the items a person approved. The node stores them at approval and sends
/// them verbatim, so what leaves is byte for byte what was approved.
#[derive(Debug, Clone)]
pub struct ApprovedPayload(Box<RawValue>);

impl ApprovedPayload {
    /// Serialise items for review.
    pub fn from_items(items: &[ReleaseItem]) -> Result<Self, Error> {
        let json = serde_json::to_string(items)
            .map_err(|e| Error::Invalid(format!("cannot serialise the release: {e}")))?;
        Self::from_stored(json)
    }

    /// Take back stored bytes, checking that they still hold release items.
    pub fn from_stored(json: String) -> Result<Self, Error> {
        serde_json::from_str::<Vec<ReleaseItem>>(&json).map_err(|e| {
            Error::Invalid(format!(
                "the stored release is not a list of release items: {e}"
            ))
        })?;
        RawValue::from_string(json)
            .map(Self)
            .map_err(|e| Error::Invalid(format!("the stored release is not JSON: {e}")))
    }

    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The SHA-256 of the exact bytes, in hex: what the approver saw and signed off.
    pub fn sha256(&self) -> String {
        hex::encode(Sha256::digest(self.as_str().as_bytes()))
    }

    /// The items, parsed.
    pub fn items(&self) -> Result<Vec<ReleaseItem>, Error> {
        serde_json::from_str(self.as_str())
            .map_err(|e| Error::Invalid(format!("the stored release cannot be read: {e}")))
    }

    /// The envelope to send, with the approved bytes inside it untouched.
    pub fn envelope(
        &self,
        idempotency_key: IdempotencyKey,
        sequence: u64,
        definitions_version: Option<u64>,
    ) -> OutgoingEnvelope<'_> {
        OutgoingEnvelope {
            protocol_version: ProtocolVersion,
            idempotency_key,
            sequence,
            definitions_version,
            items: &self.0,
        }
    }
}

/// What the node sends: a [`ReleaseEnvelope`] on the wire, built around approved bytes.
#[derive(Debug, Serialize)]
pub struct OutgoingEnvelope<'a> {
    protocol_version: ProtocolVersion,
    idempotency_key: IdempotencyKey,
    sequence: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    definitions_version: Option<u64>,
    items: &'a RawValue,
}

/// What became of one item of a release, as the hub works it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Stored. `superseded` is true when it replaced an earlier release of the same item.
    Accepted { superseded: bool },
    /// Not stored, for the reason given. The rest of the release is unaffected.
    Rejected { code: String, reason: String },
}

/// The outcome for one item, by its [`ReleaseItem::key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub key: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// An item the hub did not store, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub key: String,
    pub code: String,
    pub reason: String,
}

/// The hub's answer to a release, item by item, kept short for large releases: every item not
/// listed under `rejected` was stored, and those listed under `superseded` replaced an earlier
/// release of the same item. A replay gets the same answer as the first time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub protocol_version: ProtocolVersion,
    pub idempotency_key: IdempotencyKey,
    pub sequence: u64,
    /// How many items were stored.
    pub accepted: usize,
    #[serde(default)]
    pub superseded: Vec<String>,
    #[serde(default)]
    pub rejected: Vec<Rejection>,
}

impl Ack {
    /// The acknowledgement of a release, from each item's outcome.
    pub fn new(envelope: &ReleaseEnvelope, results: Vec<ItemResult>) -> Ack {
        let mut ack = Ack {
            protocol_version: ProtocolVersion,
            idempotency_key: envelope.idempotency_key,
            sequence: envelope.sequence,
            accepted: 0,
            superseded: Vec::new(),
            rejected: Vec::new(),
        };
        for r in results {
            match r.outcome {
                Outcome::Accepted { superseded } => {
                    ack.accepted += 1;
                    if superseded {
                        ack.superseded.push(r.key);
                    }
                }
                Outcome::Rejected { code, reason } => ack.rejected.push(Rejection {
                    key: r.key,
                    code,
                    reason,
                }),
            }
        }
        ack
    }

    /// What became of the item with this key.
    pub fn outcome(&self, key: &str) -> Outcome {
        match self.rejected.iter().find(|r| r.key == key) {
            Some(r) => Outcome::Rejected {
                code: r.code.clone(),
                reason: r.reason.clone(),
            },
            None => Outcome::Accepted {
                superseded: self.superseded.iter().any(|k| k == key),
            },
        }
    }
}

/// The header of a definitions answer with the hub's signature of its exact body: ECDSA P-256
/// with SHA-256 by the network CA's key, DER, in hex. Nodes apply only what it verifies.
pub const SIGNATURE_HEADER: &str = "tandem-signature";

/// The network's definitions: measures and disclosure policy, versioned so that nodes fetch
/// them only when they change. `GET /federation/v1/definitions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Definitions {
    pub protocol_version: ProtocolVersion,
    /// Goes up by one each time the network changes its definitions.
    pub version: u64,
    pub network: String,
    pub policy: DisclosurePolicy,
    pub measures: Vec<Measure>,
    /// The condition and topic tags a practice may carry.
    #[serde(default)]
    pub vocabulary: crate::model::TagVocabulary,
    /// The tables and fields of the patient-level extract that measures are computed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dictionary: Option<crate::compute::Dictionary>,
    /// The groups of patients the computed measures count.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub populations: crate::compute::Populations,
    /// When each month's figures are due, for the hub's timeliness page.
    #[serde(default, skip_serializing_if = "Reporting::is_default")]
    pub reporting: Reporting,
}

/// When clinics are expected to report: a month's figures are due by `deadline_day` of the
/// next month (DHIS2 calls a report received by then "on time").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ReportingFields")]
pub struct Reporting {
    pub deadline_day: u32,
}

impl Reporting {
    pub const DEFAULT_DEADLINE_DAY: u32 = 15;

    fn is_default(&self) -> bool {
        *self == Reporting::default()
    }

    /// The last day on which a month's figures are on time.
    pub fn deadline(&self, month: crate::model::Month) -> Option<chrono::NaiveDate> {
        let next = month.plus(1).ok()?;
        chrono::NaiveDate::from_ymd_opt(next.year(), next.number(), self.deadline_day)
    }
}

impl Default for Reporting {
    fn default() -> Self {
        Reporting {
            deadline_day: Self::DEFAULT_DEADLINE_DAY,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportingFields {
    deadline_day: u32,
}

impl TryFrom<ReportingFields> for Reporting {
    type Error = String;
    fn try_from(f: ReportingFields) -> Result<Self, String> {
        if (1..=28).contains(&f.deadline_day) {
            Ok(Reporting {
                deadline_day: f.deadline_day,
            })
        } else {
            Err(format!(
                "reporting.deadline_day is {}; give a day of the month from 1 to 28, so that \
                 every month has it",
                f.deadline_day
            ))
        }
    }
}

impl Definitions {
    /// The measure with this id, if the network defines it.
    pub fn measure(&self, id: &crate::model::MeasureId) -> Option<&Measure> {
        self.measures.iter().find(|m| &m.id == id)
    }
}

/// A practice shared across the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    pub practice: Practice<ReleasedText>,
    /// The clinic's name, only when it asked for it to be shown.
    pub clinic: Option<String>,
    /// The cursor position of this change: pass it back to get what came after.
    pub cursor: u64,
}

/// One page of catalogue changes after a cursor. `GET /federation/v1/catalogue?after=N`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CataloguePage {
    pub protocol_version: ProtocolVersion,
    pub entries: Vec<CatalogueEntry>,
    /// Where the next page starts; equal to the request's cursor when nothing is new.
    pub next_cursor: u64,
    /// Whether more entries wait after `next_cursor`.
    pub more: bool,
}

/// The network's totals of one month of a measure, as a clinic sees them beside its own chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkMonth {
    pub month: Month,
    pub numerator: u64,
    pub denominator: u64,
    /// The network mean, for a continuous measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Clinics whose value is in the totals.
    pub clinics: u64,
}

/// The network's months of one measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkMeasure {
    pub measure: MeasureId,
    pub months: Vec<NetworkMonth>,
}

/// The network series a node draws beside its own charts. Only months with at least three
/// contributing clinics (and the public tier's count) are sent: with fewer, a clinic could take
/// its own counts away and learn another's. `GET /federation/v1/network`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkPage {
    pub protocol_version: ProtocolVersion,
    pub measures: Vec<NetworkMeasure>,
}

/// A node asks for its certificate with a one-time code. `POST /federation/v1/enrol`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    pub protocol_version: ProtocolVersion,
    pub code: String,
    /// A PKCS#10 certificate signing request, PEM. Only its public key is used.
    pub csr_pem: String,
    pub software: String,
}

/// A node renews its certificate before it expires. `POST /federation/v1/renew` (mutual TLS).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenewRequest {
    pub protocol_version: ProtocolVersion,
    pub csr_pem: String,
}

/// A signed certificate for a node, answering enrolment or renewal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Certificate {
    pub protocol_version: ProtocolVersion,
    pub clinic: ClinicId,
    pub clinic_name: String,
    pub certificate_pem: String,
    /// The hub's CA, which the node pins.
    pub ca_pem: String,
    /// RFC 3339.
    pub not_after: String,
    /// The last release sequence the hub holds for this clinic.
    pub last_sequence: u64,
}

/// What the hub knows of the calling node. `GET /federation/v1/state` (mutual TLS).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NodeState {
    pub protocol_version: ProtocolVersion,
    pub clinic: ClinicId,
    pub last_sequence: u64,
    pub definitions_version: u64,
    /// The highest catalogue cursor the hub has given out; a node whose own cursor is higher
    /// (the hub was restored from a backup) pages the catalogue again from the start.
    #[serde(default)]
    pub catalogue_cursor: u64,
    /// The largest release body the hub accepts, so that the node refuses to build a larger one.
    #[serde(default)]
    pub max_release_bytes: u64,
    /// Asked with `?key=<idempotency key>`: whether the hub holds the release sent under that
    /// key. A node asks before it withdraws a release it may have sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holds: Option<bool>,
}

/// An error answer, `application/problem+json` (RFC 9457).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// A stable URI naming the kind of problem: `urn:tandem:problem:<code>`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    /// What is wrong and how to fix it.
    pub detail: String,
    /// Per-item or per-field problems, when there are several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemItem>,
    /// For an out-of-order release: the sequence the hub expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_sequence: Option<u64>,
}

/// One of several problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemItem {
    /// The item key or field the problem is about.
    pub at: String,
    pub code: String,
    pub message: String,
}

impl Problem {
    pub const CONTENT_TYPE: &'static str = "application/problem+json";

    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            type_: format!("urn:tandem:problem:{code}"),
            title: title.to_owned(),
            status,
            detail: detail.into(),
            errors: Vec::new(),
            expected_sequence: None,
        }
    }

    /// The code in `type`, without the URN prefix.
    pub fn code(&self) -> &str {
        self.type_
            .strip_prefix("urn:tandem:problem:")
            .unwrap_or(&self.type_)
    }
}

fn malformed(e: serde_json::Error) -> Problem {
    Problem::new(
        400,
        "malformed-json",
        "Malformed JSON",
        format!("the request body is not valid JSON: {e}"),
    )
}

fn to_problem(e: serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let path = e.path().to_string();
    let inner = e.into_inner();
    if inner.classify() != serde_json::error::Category::Data {
        return malformed(inner);
    }
    let at = if path == "." {
        String::new()
    } else {
        format!("at {path}: ")
    };
    Problem::new(
        422,
        "invalid-body",
        "Invalid request body",
        format!("{at}{inner}"),
    )
}

/// Parse a JSON request body, or say exactly what is wrong with it and where.
///
/// Malformed JSON is a 400; JSON of the wrong shape (a missing field, a wrong type, a negative
/// count, an impossible month) is a 422 whose detail names the field.
pub fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    // The fast parser first; the one that tracks paths only to explain a failure.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    // A body from a protocol this side does not speak is explained as that, whatever else.
    #[derive(Deserialize)]
    struct Versioned {
        protocol_version: Option<u64>,
    }
    if let Ok(Versioned {
        protocol_version: Some(got),
    }) = serde_json::from_slice(body)
        && !speaks(got)
    {
        return Err(protocol_problem(got));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(to_problem)?;
    de.end().map_err(malformed)?;
    Ok(value)
}

/// Like [`decode`], for JSON already parsed (after a server filled in defaults, say).
pub fn decode_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, Problem> {
    serde_path_to_error::deserialize(value).map_err(to_problem)
}

/// Check that a request declares a JSON body.
pub fn require_json(content_type: Option<&str>) -> Result<(), Problem> {
    if content_type.is_some_and(|v| v.starts_with("application/json")) {
        Ok(())
    } else {
        Err(Problem::new(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            "send the body as JSON with the header Content-Type: application/json",
        ))
    }
}

/// The problem for a request body that could not be read (most often, one over the limit).
pub fn unreadable_body(status: u16, cause: &str) -> Problem {
    let detail = if status == 413 {
        "the request body is larger than this endpoint accepts; send less at a time".to_owned()
    } else {
        format!("the request body could not be read: {cause}")
    };
    Problem::new(status, "body-unreadable", "Request body refused", detail)
}

/// A one-time enrolment code, as a network lead hands it to a clinic:
/// `XXXX-XXXX-XXXX-XXXX-XXXX.<32 hex digits>`. The first part is the secret (Crockford base
/// 32, 100 bits); the second is the start of the hub CA's SHA-256 fingerprint, which the node
/// uses to pin the CA on first contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentCode {
    /// The secret, normalised: upper case, no separators.
    pub secret: String,
    /// The CA pin, lower-case hex.
    pub pin: String,
}

impl EnrolmentCode {
    pub const ALPHABET: &'static [u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    pub const SECRET_CHARS: usize = 20;
    pub const PIN_HEX: usize = 32;

    /// Read a code as a person typed or pasted it.
    pub fn parse(code: &str) -> Result<Self, Error> {
        let bad = || {
            Error::Invalid(
                "the enrolment code is not in the expected form (five groups of four \
                 characters, a dot, then 32 hex digits); copy it again from the network lead's \
                 message"
                    .into(),
            )
        };
        let (secret, pin) = code.trim().split_once('.').ok_or_else(bad)?;
        let secret: String = secret
            .chars()
            .filter(|c| *c != '-' && !c.is_whitespace())
            .map(|c| match c.to_ascii_uppercase() {
                // Crockford's base 32: letters that look like digits are read as those digits.
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect();
        let pin = pin.trim().to_ascii_lowercase();
        if secret.len() != Self::SECRET_CHARS
            || !secret.bytes().all(|b| Self::ALPHABET.contains(&b))
            || pin.len() != Self::PIN_HEX
            || !pin.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(bad());
        }
        Ok(Self { secret, pin })
    }

    /// The code as it is shown to people.
    pub fn display(secret: &str, ca_fingerprint: &str) -> String {
        let groups: Vec<&str> = secret
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        let pin = ca_fingerprint
            .get(..Self::PIN_HEX)
            .unwrap_or(ca_fingerprint);
        format!("{}.{pin}", groups.join("-"))
    }

    /// Whether a CA fingerprint (hex SHA-256) matches this code's pin.
    pub fn pins(&self, ca_fingerprint: &str) -> bool {
        ca_fingerprint.to_ascii_lowercase().starts_with(&self.pin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeasureEntry, MeasureId, MeasureKind};
    use crate::privacy;

    fn value(n: u64, d: u64) -> ReleaseItem {
        let measure = Measure {
            id: MeasureId::new("remission").unwrap(),
            title: "In remission".into(),
            description: String::new(),
            definition: String::new(),
            kind: MeasureKind::Proportion,
            better: crate::model::Direction::HigherIsBetter,
            family: crate::model::Family::Outcome,
            period: Default::default(),
            goal: Some(0.8),
            cumulative: false,
            fr: None,
            compute: None,
        };
        let entry = MeasureEntry {
            measure: measure.id.clone(),
            month: "2026-03".parse().unwrap(),
            numerator: Some(n),
            denominator: Some(d),
            value: None,
        };
        ReleaseItem::MeasureValue(privacy::disclose(
            &measure,
            &entry,
            &DisclosurePolicy::default(),
        ))
    }

    fn envelope() -> ReleaseEnvelope {
        ReleaseEnvelope {
            protocol_version: ProtocolVersion,
            idempotency_key: IdempotencyKey::random(),
            sequence: 7,
            definitions_version: Some(3),
            items: vec![value(41, 60)],
        }
    }

    #[test]
    fn an_envelope_round_trips_and_keeps_its_digest() {
        let e = envelope();
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""protocol_version":1"#), "{json}");
        assert!(json.contains(r#""kind":"measure_value""#), "{json}");
        let back: ReleaseEnvelope = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.payload_digest(), e.payload_digest());
        let pretty = serde_json::to_string_pretty(&e).unwrap();
        let reformatted: ReleaseEnvelope = serde_json::from_str(&pretty).unwrap();
        assert_eq!(reformatted.payload_digest(), e.payload_digest());
        let mut changed = e.clone();
        changed.items = vec![value(42, 60)];
        assert_ne!(changed.payload_digest(), e.payload_digest());
    }

    #[test]
    fn another_protocol_version_is_refused_with_both_versions_named() {
        let json = serde_json::to_string(&envelope())
            .unwrap()
            .replace(r#""protocol_version":1"#, r#""protocol_version":2"#);
        let err = serde_json::from_str::<ReleaseEnvelope>(&json).unwrap_err();
        assert!(
            err.to_string()
                .contains("unsupported protocol version 2; this side speaks version 1"),
            "{err}"
        );
    }

    #[test]
    fn approved_bytes_are_sent_verbatim_inside_the_envelope() {
        let payload = ApprovedPayload::from_items(&[value(41, 60)]).unwrap();
        let key = IdempotencyKey::random();
        let sent = serde_json::to_string(&payload.envelope(key, 3, Some(2))).unwrap();
        assert!(sent.contains(payload.as_str()));
        let parsed: ReleaseEnvelope = serde_json::from_str(&sent).unwrap();
        assert_eq!(parsed.items, payload.items().unwrap());
        assert_eq!(parsed.definitions_version, Some(2));
        // A node before the field existed leaves it out, and is still read.
        let older = serde_json::to_string(&payload.envelope(key, 3, None)).unwrap();
        assert!(!older.contains("definitions_version"), "{older}");
        let parsed: ReleaseEnvelope = serde_json::from_str(&older).unwrap();
        assert_eq!(parsed.definitions_version, None);
        assert!(ApprovedPayload::from_stored("[{\"kind\":\"patient\"}]".into()).is_err());
    }

    #[test]
    fn decode_names_the_field_that_is_wrong() {
        let p = decode::<ReleaseEnvelope>(b"{not json").unwrap_err();
        assert_eq!((p.status, p.code()), (400, "malformed-json"));
        let body = serde_json::to_string(&envelope())
            .unwrap()
            .replace(r#""numerator":41"#, r#""numerator":-41"#);
        let p = decode::<ReleaseEnvelope>(body.as_bytes()).unwrap_err();
        assert_eq!((p.status, p.code()), (422, "invalid-body"));
        assert!(
            p.detail
                .starts_with("at items[0].item.numerator: invalid value: integer `-41`"),
            "{}",
            p.detail
        );
        let body = serde_json::to_string(&envelope())
            .unwrap()
            .replace("2026-03", "2026-13");
        let p = decode::<ReleaseEnvelope>(body.as_bytes()).unwrap_err();
        assert!(p.detail.contains("items[0].item.month"), "{}", p.detail);
        assert!(p.detail.contains("YYYY-MM"), "{}", p.detail);
        let trailing = format!("{} trailing", serde_json::to_string(&envelope()).unwrap());
        let p = decode::<ReleaseEnvelope>(trailing.as_bytes()).unwrap_err();
        assert_eq!(p.status, 400);
    }

    #[test]
    fn enrolment_codes_are_read_leniently_but_must_be_whole() {
        let fp = "0123456789abcdef0123456789abcdef00112233445566778899aabbccddeeff";
        let shown = EnrolmentCode::display("7KQ2M9XD4WP1R8TAV3NE", fp);
        assert_eq!(
            shown,
            "7KQ2-M9XD-4WP1-R8TA-V3NE.0123456789abcdef0123456789abcdef"
        );
        let (secret, pin) = shown.split_once('.').unwrap();
        let typed = format!(
            " {}.{} ",
            secret.to_lowercase().replace('1', "l"),
            pin.to_uppercase()
        );
        let code = EnrolmentCode::parse(&typed).unwrap();
        assert_eq!(code.secret, "7KQ2M9XD4WP1R8TAV3NE");
        assert!(code.pins(fp));
        assert!(!code.pins(&fp.replace('0', "f")));
        for bad in [
            "",
            "7KQ2-M9XD",
            "7KQ2-M9XD-4WPM-R8TA-V3NE.123",
            "7KQ2-M9XD-4WPM-R8TA-V3NU.0123456789abcdef0123456789abcdef",
        ] {
            let err = EnrolmentCode::parse(bad).unwrap_err();
            assert!(err.to_string().contains("expected form"), "{bad}");
        }
    }

    #[test]
    fn every_item_kind_round_trips_through_the_gate_and_the_wire() {
        use crate::model::{
            Act, CycleStatus, Do, Narrative, PartnershipProfile, PdsaCycle, Place, Plan, Practice,
            Project, Study, Subject,
        };
        let released = |field: &'static str, text: String| privacy::release_text(field, &text);
        let id = uuid::Uuid::new_v4();
        let project = Project {
            id,
            title: "Pre-visit planning".to_owned(),
            aim: "Raise remission to 80 %".to_owned(),
            measures: vec![MeasureId::new("remission").unwrap()],
            start: "2026-01".parse().unwrap(),
            team: Default::default(),
        };
        let text = |s: &str| s.to_owned();
        let cycle = PdsaCycle {
            id: uuid::Uuid::new_v4(),
            project: id,
            sequence: 1,
            change_idea: text("Huddle"),
            from_practice: None,
            follows: None,
            plan: Plan {
                objective: text("Test it"),
                prediction: text("Better"),
                who: text("Nurses"),
                what: text("Huddle"),
                when: text("Tuesdays"),
                where_: text("Clinic"),
                data: text("Scores"),
            },
            do_: Do {
                happened: text("Ran"),
                observations: text("Liked"),
            },
            study: Study {
                results: text("As predicted"),
            },
            act: Act {
                decision: Some(crate::model::ActDecision::Adopt),
                next_step: text("Spread"),
            },
            start: "2026-01".parse().unwrap(),
            end: Some("2026-02".parse().unwrap()),
            status: CycleStatus::Complete,
        };
        let practice = Practice {
            id: uuid::Uuid::new_v4(),
            title: text("Huddle"),
            summary: text("We get ready before your visit."),
            detail: text("Ten minutes."),
            language: Default::default(),
            conditions: vec![],
            topics: vec![],
            co_designed: true,
            cycles: vec![cycle.id],
            public: true,
            show_clinic_name: false,
            credits: Default::default(),
        };
        let items = vec![
            value(41, 60),
            ReleaseItem::Project(project.try_map_text(released).unwrap()),
            ReleaseItem::Cycle(cycle.try_map_text(released).unwrap()),
            ReleaseItem::Partnership(PartnershipProfile {
                id: uuid::Uuid::new_v4(),
                subject: Subject::Project(id),
                place: Place::Clinic,
                phases: Default::default(),
                parity: Default::default(),
            }),
            ReleaseItem::Practice(practice.try_map_text(released).unwrap()),
        ];
        let payload = ApprovedPayload::from_items(&items).unwrap();
        assert_eq!(payload.items().unwrap(), items);
        let kinds: Vec<_> = items.iter().map(ReleaseItem::kind).collect();
        assert_eq!(
            kinds,
            [
                "measure_value",
                "project",
                "cycle",
                "partnership",
                "practice"
            ]
        );
        assert!(items[2].key().starts_with("cycle/"));
    }

    #[test]
    fn unknown_item_kinds_and_fields_are_refused() {
        let json = r#"{"protocol_version":1,"idempotency_key":"6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d10","sequence":1,
            "items":[{"kind":"patient","item":{"name":"Jane Doe","mrn":"123456"}}]}"#;
        assert!(serde_json::from_str::<ReleaseEnvelope>(json).is_err());
        let json = r#"{"protocol_version":1,"idempotency_key":"6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d10","sequence":1,
            "items":[{"kind":"measure_value","item":{"measure":"remission","month":"2026-03","numerator":4,"denominator":9,"patient_name":"Jane"}}]}"#;
        let err = serde_json::from_str::<ReleaseEnvelope>(json).unwrap_err();
        assert!(err.to_string().contains("patient_name"), "{err}");
        // Beside `kind` and `item`, nothing: docs/protocol.md says so.
        let json = r#"{"protocol_version":1,"idempotency_key":"6f0b1c8e-2f8d-4c39-9a57-3f6a1c2b9d10","sequence":1,
            "items":[{"kind":"measure_value","patient":"Jane Doe","item":{"measure":"remission","month":"2026-03","numerator":4,"denominator":9}}]}"#;
        let err = serde_json::from_str::<ReleaseEnvelope>(json).unwrap_err();
        assert!(
            err.to_string()
                .contains(r#"string "patient", expected "kind" or "item""#),
            "{err}"
        );
    }
}
