//! A whole network as rows, for moving it from one store to another and checking that the copy
//! is faithful.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Clinic;

/// A version of the network's definitions.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionsRow {
    pub version: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// An enrolment code (only its hash).
#[derive(Debug, Clone, PartialEq)]
pub struct CodeRow {
    pub hash: String,
    pub clinic: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// A certificate the hub issued.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateRow {
    pub serial: String,
    pub clinic: String,
    pub issued_at: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The receipt of a release.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptRow {
    pub clinic: String,
    pub idempotency_key: String,
    pub sequence: i64,
    pub digest: String,
    pub status: i64,
    pub body: String,
    pub received_at: DateTime<Utc>,
}

/// A clinic's value for a measure and month.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueRow {
    pub clinic: String,
    pub measure: String,
    pub month: String,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub value: Option<f64>,
    pub suppressed: bool,
    pub sequence: i64,
    pub received_at: DateTime<Utc>,
}

/// A version of a clinic's value, as released.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRow {
    pub clinic: String,
    pub measure: String,
    pub month: String,
    pub sequence: i64,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub suppressed: bool,
}

/// A network rollup.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupRow {
    pub measure: String,
    pub month: String,
    pub numerator_sum: i64,
    pub denominator_sum: i64,
    pub value_sum: f64,
    pub clinics_contributing: i64,
    pub clinics_suppressed: i64,
}

/// A released project, cycle or partnership profile.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRow {
    pub clinic: String,
    pub kind: String,
    pub id: String,
    pub body: String,
    pub sequence: i64,
    pub received_at: DateTime<Utc>,
}

/// A released practice.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeRow {
    pub id: String,
    pub clinic: String,
    pub body: String,
    pub public: bool,
    pub show_clinic_name: bool,
    pub cursor: i64,
    pub sequence: i64,
    pub received_at: DateTime<Utc>,
}

/// A version of a practice's family text (the current one, or one of its history).
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyTextRow {
    pub practice: String,
    pub lang: String,
    pub version: i64,
    pub body: String,
    pub published: bool,
    pub edited_by: String,
    pub edited_at: DateTime<Utc>,
}

/// A person who may log in, with their password hash.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub id: i64,
    pub login: String,
    pub login_key: String,
    pub display_name: String,
    pub role: String,
    pub clinic: Option<String>,
    pub password_hash: Option<String>,
    pub password_set_at: Option<DateTime<Utc>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A personal API token (only its hash).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
}

/// The people tables as both engines read them. Sessions, set-password links and failed logins
/// are not copied: people log in again on the new store.
pub const SELECT_PEOPLE: &str = "SELECT id, login, login_key, display_name, role, clinic, \
     password_hash, password_set_at, disabled_at, created_at FROM users ORDER BY id";
pub const SELECT_TOKENS: &str = "SELECT id, user_id, name, token_hash, created_at, last_used_at, \
     revoked_at FROM api_tokens ORDER BY id";
pub const SELECT_AUDIT: &str =
    "SELECT id, at, actor, action, object, detail FROM audit_log ORDER BY id";

/// Insert the people tables of a snapshot through a transaction, with their ids kept (`$over`
/// is what PostgreSQL needs to write an identity column: `OVERRIDING SYSTEM VALUE`).
macro_rules! insert_people {
    ($tx:expr, $s:expr, $over:literal) => {
        for u in &$s.people {
            sqlx::query(concat!(
                "INSERT INTO users (id, login, login_key, display_name, role, clinic, \
                 password_hash, password_set_at, disabled_at, created_at) ",
                $over,
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            ))
            .bind(u.id)
            .bind(&u.login)
            .bind(&u.login_key)
            .bind(&u.display_name)
            .bind(&u.role)
            .bind(&u.clinic)
            .bind(&u.password_hash)
            .bind(u.password_set_at)
            .bind(u.disabled_at)
            .bind(u.created_at)
            .execute(&mut *$tx)
            .await?;
        }
        for t in &$s.tokens {
            sqlx::query(concat!(
                "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, \
                 last_used_at, revoked_at) ",
                $over,
                " VALUES ($1, $2, $3, $4, $5, $6, $7)"
            ))
            .bind(t.id)
            .bind(t.user_id)
            .bind(&t.name)
            .bind(&t.token_hash)
            .bind(t.created_at)
            .bind(t.last_used_at)
            .bind(t.revoked_at)
            .execute(&mut *$tx)
            .await?;
        }
        for a in &$s.audit {
            sqlx::query(concat!(
                "INSERT INTO audit_log (id, at, actor, action, object, detail) ",
                $over,
                " VALUES ($1, $2, $3, $4, $5, $6)"
            ))
            .bind(a.id)
            .bind(a.at)
            .bind(&a.actor)
            .bind(&a.action)
            .bind(&a.object)
            .bind(&a.detail)
            .execute(&mut *$tx)
            .await?;
        }
    };
}
pub(crate) use insert_people;

/// A type read from either database as a tuple of its columns.
pub trait Columns: Sized {
    /// The columns, in the order the queries select them.
    type Row;
    fn from_row(row: Self::Row) -> Self;
}

/// Rows read as they are.
macro_rules! as_is {
    ($($ty:ty),+) => {
        $(impl Columns for $ty {
            type Row = $ty;
            fn from_row(row: $ty) -> Self {
                row
            }
        })+
    };
}
as_is!((String, String), super::ClinicRow);

/// A row struct read from its columns, in declaration order.
macro_rules! from_columns {
    ($row:ident { $($field:ident: $ty:ty),+ $(,)? }) => {
        impl Columns for $row {
            type Row = ($($ty,)+);
            fn from_row(($($field,)+): ($($ty,)+)) -> Self {
                Self { $($field),+ }
            }
        }
    };
}

/// A time as both databases return it.
type At = DateTime<Utc>;

from_columns!(DefinitionsRow {
    version: i64,
    body: String,
    created_at: At
});
from_columns!(CodeRow { hash: String, clinic: String, created_at: At, expires_at: At, used_at: Option<At> });
from_columns!(CertificateRow { serial: String, clinic: String, issued_at: At, not_after: At, revoked_at: Option<At> });
from_columns!(ReceiptRow {
    clinic: String,
    idempotency_key: String,
    sequence: i64,
    digest: String,
    status: i64,
    body: String,
    received_at: At,
});
from_columns!(ValueRow {
    clinic: String, measure: String, month: String, numerator: Option<i64>,
    denominator: Option<i64>, value: Option<f64>, suppressed: bool, sequence: i64,
    received_at: At,
});
from_columns!(VersionRow {
    clinic: String,
    measure: String,
    month: String,
    sequence: i64,
    numerator: Option<i64>,
    denominator: Option<i64>,
    suppressed: bool,
});
from_columns!(RollupRow {
    measure: String,
    month: String,
    numerator_sum: i64,
    denominator_sum: i64,
    value_sum: f64,
    clinics_contributing: i64,
    clinics_suppressed: i64,
});
from_columns!(RecordRow {
    clinic: String,
    kind: String,
    id: String,
    body: String,
    sequence: i64,
    received_at: At
});
from_columns!(PersonRow {
    id: i64,
    login: String,
    login_key: String,
    display_name: String,
    role: String,
    clinic: Option<String>,
    password_hash: Option<String>,
    password_set_at: Option<At>,
    disabled_at: Option<At>,
    created_at: At,
});
from_columns!(TokenRow {
    id: i64,
    user_id: i64,
    name: String,
    token_hash: String,
    created_at: At,
    last_used_at: Option<At>,
    revoked_at: Option<At>,
});
from_columns!(AuditRow {
    id: i64,
    at: At,
    actor: String,
    action: String,
    object: String,
    detail: String,
});
from_columns!(PracticeRow {
    id: String,
    clinic: String,
    body: String,
    public: bool,
    show_clinic_name: bool,
    cursor: i64,
    sequence: i64,
    received_at: At,
});
from_columns!(FamilyTextRow {
    practice: String,
    lang: String,
    version: i64,
    body: String,
    published: bool,
    edited_by: String,
    edited_at: At,
});

/// How many families gave one reaction to one practice.
#[derive(Debug, Clone, PartialEq)]
pub struct ReactionRow {
    pub practice: String,
    pub kind: String,
    pub count: i64,
}

from_columns!(ReactionRow {
    practice: String,
    kind: String,
    count: i64,
});

/// A family's story of a practice, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub id: String,
    pub practice: String,
    pub lang: String,
    pub state: String,
    pub original: Option<String>,
    pub published: Option<String>,
    pub reason: Option<String>,
    pub withdraw_hash: String,
    pub submitted_at: At,
    pub decided_by: Option<String>,
    pub decided_at: Option<At>,
}

from_columns!(StoryRow {
    id: String,
    practice: String,
    lang: String,
    state: String,
    original: Option<String>,
    published: Option<String>,
    reason: Option<String>,
    withdraw_hash: String,
    submitted_at: At,
    decided_by: Option<String>,
    decided_at: Option<At>,
});

/// The columns of the stories' table, in `StoryRow`'s order.
pub const STORY_COLUMNS: &str = "id, practice, lang, state, original, published, reason, \
                                 withdraw_hash, submitted_at, decided_by, decided_at";

/// The columns of both family-text tables, in `FamilyTextRow`'s order.
pub const FAMILY_TEXT_COLUMNS: &str =
    "practice, lang, version, body, published, edited_by, edited_at";

/// Everything a store holds, table by table, each in a stable order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub settings: Vec<(String, String)>,
    pub definitions: Vec<DefinitionsRow>,
    pub clinics: Vec<Clinic>,
    pub codes: Vec<CodeRow>,
    pub certificates: Vec<CertificateRow>,
    pub receipts: Vec<ReceiptRow>,
    pub values: Vec<ValueRow>,
    pub versions: Vec<VersionRow>,
    pub rollups: Vec<RollupRow>,
    pub records: Vec<RecordRow>,
    pub practices: Vec<PracticeRow>,
    /// The current family texts, and every version of them.
    pub family_texts: Vec<FamilyTextRow>,
    pub family_versions: Vec<FamilyTextRow>,
    pub reactions: Vec<ReactionRow>,
    pub stories: Vec<StoryRow>,
    pub people: Vec<PersonRow>,
    pub tokens: Vec<TokenRow>,
    pub audit: Vec<AuditRow>,
}

impl Snapshot {
    /// Rows per table.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        BTreeMap::from([
            ("settings", self.settings.len()),
            ("definitions", self.definitions.len()),
            ("clinics", self.clinics.len()),
            ("enrolment_codes", self.codes.len()),
            ("certificates", self.certificates.len()),
            ("receipts", self.receipts.len()),
            ("measure_values", self.values.len()),
            ("value_versions", self.versions.len()),
            ("network_rollups", self.rollups.len()),
            ("records", self.records.len()),
            ("practices", self.practices.len()),
            ("catalogue_texts", self.family_texts.len()),
            ("catalogue_versions", self.family_versions.len()),
            ("catalogue_reactions", self.reactions.len()),
            ("catalogue_stories", self.stories.len()),
            ("users", self.people.len()),
            ("api_tokens", self.tokens.len()),
            ("audit_log", self.audit.len()),
        ])
    }

    /// Whether another snapshot holds the same figures: the same row counts, and the same
    /// measure values and rollups, number for number. Returns what differs.
    pub fn differences(&self, other: &Snapshot) -> Vec<String> {
        let mut out = Vec::new();
        for ((table, a), (_, b)) in self.counts().iter().zip(other.counts().iter()) {
            if a != b {
                out.push(format!("{table}: {a} rows here, {b} there"));
            }
        }
        let figures = |v: &ValueRow| {
            (
                (v.clinic.clone(), v.measure.clone(), v.month.clone()),
                (
                    v.numerator,
                    v.denominator,
                    v.value.map(f64::to_bits),
                    v.suppressed,
                    v.sequence,
                ),
            )
        };
        let (mine, theirs): (BTreeMap<_, _>, BTreeMap<_, _>) = (
            self.values.iter().map(figures).collect(),
            other.values.iter().map(figures).collect(),
        );
        if mine != theirs {
            out.push("measure values differ".into());
        }
        // Times are compared to the microsecond: PostgreSQL keeps no finer.
        let micros = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp_micros());
        let person = |u: &PersonRow| {
            (
                u.id,
                u.login_key.clone(),
                u.role.clone(),
                u.clinic.clone(),
                u.password_hash.clone(),
                micros(u.disabled_at),
            )
        };
        let token = |t: &TokenRow| (t.id, t.user_id, t.token_hash.clone(), micros(t.revoked_at));
        if self
            .people
            .iter()
            .map(person)
            .ne(other.people.iter().map(person))
            || self
                .tokens
                .iter()
                .map(token)
                .ne(other.tokens.iter().map(token))
        {
            out.push("people or their tokens differ".into());
        }
        if self.versions != other.versions {
            out.push("value versions differ".into());
        }
        let rollup = |r: &RollupRow| {
            (
                (r.measure.clone(), r.month.clone()),
                (
                    r.numerator_sum,
                    r.denominator_sum,
                    r.clinics_contributing,
                    r.clinics_suppressed,
                    // Sums of floating values may differ in the last bits after being re-added.
                    (r.value_sum * 1e6).round() as i64,
                ),
            )
        };
        let (mine, theirs): (BTreeMap<_, _>, BTreeMap<_, _>) = (
            self.rollups.iter().map(rollup).collect(),
            other.rollups.iter().map(rollup).collect(),
        );
        if mine != theirs {
            out.push("network rollups differ".into());
        }
        out
    }
}
