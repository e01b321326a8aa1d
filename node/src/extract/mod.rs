//! The clinic's patient-level extract: the rows a registry exports (patients, visits,
//! admissions, courses of medicine), kept in the node's database, from which the node computes
//! each month's numerator and denominator for the measures the network defines as computable.
//!
//! The rows never leave the clinic, and that is a compile-time fact: none of the types here
//! implements `Serialize`, and what the release gate accepts ([`crate::record::Record`]) needs
//! it. Their `Debug` shows sizes, never values, so no patient data reaches a log.
//!
//! ```compile_fail
//! // A patient's rows cannot be turned into JSON, so they cannot be put in a release.
//! fn leak(e: &tandem_node::extract::Extract) -> String {
//!     serde_json::to_string(e).unwrap()
//! }
//! ```
//!
//! ```compile_fail
//! // Nor can they be stored as a record that the release gate would send.
//! fn leak(node: &tandem_node::state::Node, e: tandem_node::extract::Extract) {
//!     let _ = tandem_node::record::save(node, &e);
//! }
//! ```
//!
//! Their twins, with the monthly counts that do leave, compile, so the two above fail for
//! the reason they show:
//!
//! ```
//! fn counts(e: &tandem_shared::model::MeasureEntry) -> String {
//!     serde_json::to_string(e).unwrap()
//! }
//! fn store(node: &tandem_node::state::Node, e: tandem_shared::model::MeasureEntry) {
//!     let _ = tandem_node::record::save(node, &e);
//! }
//! ```

pub mod evaluate;
pub mod import;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use tandem_shared::compute::{Dictionary, FieldKind};

/// One value of a row as the evaluator reads it. Keys are kept out: the evaluator never
/// tests them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Missing,
    Key,
    /// Days from the common era, as `chrono` counts them.
    Date(i32),
    Integer(i64),
    Boolean(bool),
    /// A choice's position in its list of values.
    Choice(u16),
}

impl Cell {
    pub fn date(self) -> Option<i32> {
        match self {
            Cell::Date(d) => Some(d),
            _ => None,
        }
    }
}

/// A row's cells, in the dictionary's field order.
pub type Row = Box<[Cell]>;

/// One patient: the patient table's row, and the patient's rows of every other table, by
/// table, in date order.
pub struct Patient {
    pub cells: Row,
    pub tables: Vec<Vec<Row>>,
}

/// Every patient's rows, ready to compute from.
pub struct Extract {
    pub patients: Vec<Patient>,
    /// Rows in tables other than the patient table.
    pub rows: usize,
}

impl fmt::Debug for Extract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extract")
            .field("patients", &self.patients.len())
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Patient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Patient").finish_non_exhaustive()
    }
}

impl fmt::Debug for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cell")
    }
}

/// A date as the evaluator counts it.
pub fn day(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// Read one cell of a CSV file as the dictionary's field says. Returns the cell and its text
/// written the one way the node stores it, or what is wrong, in words for the person who made
/// the file.
pub fn read_cell(kind: &FieldKind, optional: bool, text: &str) -> Result<(Cell, String), String> {
    let text = text.trim();
    if text.is_empty() {
        return if optional {
            Ok((Cell::Missing, String::new()))
        } else {
            Err("is empty, and a value is required".into())
        };
    }
    match kind {
        FieldKind::Key => {
            if text.chars().count() > 64 || text.chars().any(char::is_control) {
                Err("is not a key: use at most 64 characters, with no control characters".into())
            } else {
                Ok((Cell::Key, text.to_owned()))
            }
        }
        FieldKind::Date => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) if (1900..=2999).contains(&d.year()) => {
                Ok((Cell::Date(day(d)), d.format("%Y-%m-%d").to_string()))
            }
            _ => Err(format!(
                "{text:?} is not a date; write it as YYYY-MM-DD, for example 2026-03-31"
            )),
        },
        FieldKind::Integer { min, max } => match text.parse::<i64>() {
            Ok(i) if (*min..=*max).contains(&i) => Ok((Cell::Integer(i), i.to_string())),
            Ok(i) => Err(format!("{i} is outside {min} to {max}")),
            Err(_) => Err(format!(
                "{text:?} is not a whole number from {min} to {max}"
            )),
        },
        FieldKind::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Ok((Cell::Boolean(true), "true".into())),
            "false" | "no" | "n" | "0" => Ok((Cell::Boolean(false), "false".into())),
            _ => Err(format!(
                "{text:?} is not true or false (yes/no and 1/0 also work)"
            )),
        },
        FieldKind::Choice { values } => values
            .iter()
            .position(|v| v.eq_ignore_ascii_case(text))
            .map(|i| (Cell::Choice(i as u16), values[i].clone()))
            .ok_or_else(|| {
                format!(
                    "{text:?} is not one of the network's codes: {}",
                    values.join(", ")
                )
            }),
    }
}

/// The dictionary's table with this name, and its position.
pub fn table<'a>(
    d: &'a Dictionary,
    name: &str,
) -> Option<(usize, &'a tandem_shared::compute::Table)> {
    d.tables.iter().enumerate().find(|(_, t)| t.name == name)
}
