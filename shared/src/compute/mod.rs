//! Measures the node computes from a patient-level extract: the network's data dictionary
//! (the tables and fields of an extract) and each measure's computable definition over them.
//!
//! The format is closed and declarative: the TOML tree is the syntax tree, with no expression
//! strings, no run-date functions and no tests on patient keys or literal dates, so that a
//! definition the hub publishes can neither run a program on a clinic's server nor single out
//! a child. [`check`] validates a definition against the dictionary, on the hub when it is
//! published and on the node when it arrives. The evaluator and the patient-level rows live on
//! the node only.

pub mod check;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use check::check;

/// The tables and fields of a patient-level extract, as the network defines them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dictionary {
    /// Goes up when the tables or fields change, so that a clinic's column mapping can be
    /// checked again.
    pub version: u32,
    /// The field that names a patient, in the patient table and in every other table.
    pub patient_key: String,
    /// The tables; exactly one of them has `registration`.
    pub tables: Vec<Table>,
}

/// One table of an extract, such as patients or visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub name: String,
    /// What the table holds, for the people who map their registry's columns to it.
    #[serde(default)]
    pub description: String,
    /// The fields that together identify a row; an extract that repeats a key is refused.
    pub key: Vec<String>,
    /// For the patient table: the fields that say when a patient was registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    /// For every other table: the date a row belongs to. A row dated after a month is
    /// invisible when that month is computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// For a table of intervals (a course of a medicine): the last day, empty while ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    pub fields: Vec<Field>,
}

/// When a patient was registered with the clinic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The day the patient joined (a date field).
    pub from: String,
    /// The day the patient left (an optional date field); empty while still registered.
    pub until: String,
}

/// One field of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawField", into = "RawField")]
pub struct Field {
    pub name: String,
    pub kind: FieldKind,
    /// Whether the field may be empty.
    pub optional: bool,
    /// What the field means, for the people who map their registry's columns to it.
    pub description: String,
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// An identifier, such as a patient key: never tested by a definition.
    Key,
    /// A civil date, `YYYY-MM-DD`, with no time.
    Date,
    /// A whole number within bounds.
    Integer { min: i64, max: i64 },
    /// `true` or `false`.
    Boolean,
    /// One of a closed list of codes.
    Choice { values: Vec<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum FieldType {
    Key,
    Date,
    Integer,
    Boolean,
    Choice,
}

/// A field as written in TOML: `{ name = "pga", type = "choice", values = [...] }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    name: String,
    #[serde(rename = "type")]
    kind: FieldType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    values: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    optional: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
}

impl TryFrom<RawField> for Field {
    type Error = String;

    fn try_from(r: RawField) -> Result<Self, String> {
        let kind = match (r.kind, r.min, r.max, r.values) {
            (FieldType::Key, None, None, None) => FieldKind::Key,
            (FieldType::Date, None, None, None) => FieldKind::Date,
            (FieldType::Boolean, None, None, None) => FieldKind::Boolean,
            (FieldType::Integer, Some(min), Some(max), None) => FieldKind::Integer { min, max },
            (FieldType::Choice, None, None, Some(values)) => FieldKind::Choice { values },
            (FieldType::Integer, ..) => {
                return Err(format!(
                    "field {}: an integer has min and max, and no values",
                    r.name
                ));
            }
            (FieldType::Choice, ..) => {
                return Err(format!(
                    "field {}: a choice has values, and no min or max",
                    r.name
                ));
            }
            _ => {
                return Err(format!(
                    "field {}: only an integer has min and max, and only a choice has values",
                    r.name
                ));
            }
        };
        Ok(Field {
            name: r.name,
            kind,
            optional: r.optional,
            description: r.description,
        })
    }
}

impl From<Field> for RawField {
    fn from(f: Field) -> Self {
        let (kind, min, max, values) = match f.kind {
            FieldKind::Key => (FieldType::Key, None, None, None),
            FieldKind::Date => (FieldType::Date, None, None, None),
            FieldKind::Boolean => (FieldType::Boolean, None, None, None),
            FieldKind::Integer { min, max } => (FieldType::Integer, Some(min), Some(max), None),
            FieldKind::Choice { values } => (FieldType::Choice, None, None, Some(values)),
        };
        RawField {
            name: f.name,
            kind,
            min,
            max,
            values,
            optional: f.optional,
            description: f.description,
        }
    }
}

/// A group of patients counted in a month, such as those seen in the past 13 months. A
/// patient is in it when registered at the end of the month and every criterion holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub require: Vec<Criterion>,
}

/// How a measure's monthly numbers are computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compute {
    /// A proportion's denominator: a population's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// A proportion's numerator: a criterion tested on each patient in the denominator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Criterion>,
    /// A rate's exposure: one patient-month for each member of this population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposure: Option<String>,
    /// A rate's or a count's events: the rows counted, among the population's members (all
    /// registered patients for a count without `among`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Select>,
    /// A count's population, if not every registered patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub among: Option<String>,
}

/// A test on one patient in one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Criterion {
    /// Some row of the table, in the window, passes `where`.
    Exists(Select),
    /// Take the latest row in the window that passes `where`; it must then pass `test`. A
    /// patient with no such row fails.
    Latest(Latest),
    /// At least `at_least` rows in the window pass `where`.
    Count(CountAtLeast),
    /// The patient's own fields pass every test.
    Patient(Vec<Test>),
    All(Vec<Criterion>),
    Any(Vec<Criterion>),
    /// None of these criteria holds. Field tests cannot be negated, so that "not quiescent"
    /// cannot quietly include a missing value.
    None(Vec<Criterion>),
}

/// Rows of a table in a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Select {
    pub table: String,
    /// Only rows dated in this window; without one, every row up to the end of the month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<Test>,
}

/// The latest row of a selection, tested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Latest {
    pub table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<Test>,
    pub test: Vec<Test>,
}

/// At least so many rows of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountAtLeast {
    pub table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<Test>,
    pub at_least: u32,
}

/// A look-back window ending on the last day of the month computed: `months = 13` runs from
/// the first day of the month twelve months earlier; `days = 90` is the 90 days up to and
/// including the last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// A day relative to the month computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    PeriodStart,
    PeriodEnd,
}

/// So many days before an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offset {
    #[serde(default)]
    pub days: u32,
    pub of: Anchor,
}

/// A value a field is compared with: a choice's code, a whole number or a boolean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    Boolean(bool),
    Integer(i64),
    Code(String),
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Boolean(b) => write!(f, "{b}"),
            Literal::Integer(i) => write!(f, "{i}"),
            Literal::Code(c) => write!(f, "{c:?}"),
        }
    }
}

/// A test on one row. Exactly one of the operators is given; `field` names a field of the
/// row's table, or of the patient table as `patients.diagnosis`. A test on an empty field is
/// false, except `present = false`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Test {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eq: Option<Literal>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<Literal>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The date is strictly before the offset day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Offset>,
    /// The row's interval (its `date` to its `until`) includes the anchor day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_at: Option<Anchor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<Test>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<Test>>,
}

/// The populations a network's measures count, by name.
pub type Populations = BTreeMap<String, Population>;
