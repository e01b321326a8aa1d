//! The one error type of the shared crate. Every message says what is wrong and how to fix it,
//! because these messages reach clinic staff through the node and the hub.

use crate::model::{MeasureId, Month, Tag};

/// Everything the shared rules can refuse.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("{input:?} is not a month; write it as YYYY-MM, for example 2026-03")]
    InvalidMonth { input: String },

    #[error(
        "{what} {input:?} is not a valid identifier; use 1 to 64 lowercase letters, digits and \
         hyphens, starting with a letter or digit"
    )]
    InvalidSlug { what: &'static str, input: String },

    #[error(
        "measure {measure} is not defined by this network; known measures are: {known}. \
         Sync to fetch the network's latest definitions"
    )]
    UnknownMeasure { measure: MeasureId, known: String },

    #[error(
        "{kind} tag {tag} is not in the network's vocabulary; use one of: {known}. A network lead \
         adds tags to the definitions, and nodes fetch them on their next sync"
    )]
    UnknownTag {
        kind: &'static str,
        tag: Tag,
        known: String,
    },

    #[error("measure {measure}, {month}: {problem}")]
    WrongShape {
        measure: MeasureId,
        month: Month,
        problem: String,
    },

    #[error(
        "numerator {numerator} is larger than denominator {denominator} for measure {measure}, \
         {month}; a proportion cannot exceed 100 %"
    )]
    NumeratorAboveDenominator {
        measure: MeasureId,
        month: Month,
        numerator: u64,
        denominator: u64,
    },

    #[error(
        "month {month} for measure {measure} is in the future (the current month is {current}); \
         values can be given only for months that have started"
    )]
    FutureMonth {
        measure: MeasureId,
        month: Month,
        current: Month,
    },

    #[error("{field} must not be empty")]
    EmptyText { field: String },

    #[error("{field} is {len} characters long; shorten it to at most {max}")]
    TextTooLong {
        field: String,
        len: usize,
        max: usize,
    },

    #[error(
        "{field} contains a control character at character {position}; remove it (only line \
         breaks and tabs are allowed)"
    )]
    ControlCharacter { field: String, position: usize },

    #[error(
        "{field} contains an invisible character ({name}) at character {position}; remove it: \
         it can make a text read otherwise than it is written"
    )]
    HiddenCharacter {
        field: String,
        position: usize,
        name: &'static str,
    },

    #[error(
        "{field} contains HTML markup at character {position} ({tag}…); write plain text: pages \
         show a text as it is written"
    )]
    Markup {
        field: String,
        position: usize,
        tag: String,
    },

    #[error(
        "{field} appears to contain {finding}; remove it or replace it with a placeholder before \
         release"
    )]
    IdentifyingText {
        field: String,
        finding: &'static str,
    },

    // The small number itself is never in the message: refusals are kept in receipts and shown
    // on the hub.
    #[error(
        "{what} for measure {measure}, {month} is below the network's minimum cell size of {k}; \
         it must be suppressed (withheld) rather than released"
    )]
    SmallCell {
        what: &'static str,
        measure: MeasureId,
        month: Month,
        k: u32,
    },

    #[error(
        "{what} for measure {measure} differs by fewer than {k} between this value of {to} and \
         the value of {from} the clinic released before{}; the difference is a count too, so \
         this value must be suppressed",
        if from == to { " (a revision of the same month)" } else { " (a running total)" }
    )]
    SmallChange {
        what: &'static str,
        measure: MeasureId,
        from: Month,
        to: Month,
        k: u32,
    },

    #[error("{0}")]
    Invalid(String),

    #[error(
        "unsupported protocol version {got}; this side speaks version {supported}. Upgrade the \
         older of the node and the hub"
    )]
    ProtocolVersion { got: u64, supported: u32 },

    #[error("the minimum cell size must be between {min} and {max}; {got} was given")]
    CellSizeOutOfRange { got: u32, min: u32, max: u32 },
}

impl Error {
    /// A short, stable, machine-readable code for the kind of error (used in problem types).
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidMonth { .. } => "invalid-month",
            Error::InvalidSlug { .. } => "invalid-identifier",
            Error::UnknownMeasure { .. } => "unknown-measure",
            Error::UnknownTag { .. } => "unknown-tag",
            Error::WrongShape { .. } => "wrong-shape",
            Error::NumeratorAboveDenominator { .. } => "numerator-above-denominator",
            Error::FutureMonth { .. } => "future-month",
            Error::EmptyText { .. } => "empty-text",
            Error::TextTooLong { .. } => "text-too-long",
            Error::ControlCharacter { .. } => "control-character",
            Error::HiddenCharacter { .. } => "hidden-character",
            Error::Markup { .. } => "markup",
            Error::IdentifyingText { .. } => "identifying-text",
            Error::SmallCell { .. } => "small-cell",
            Error::SmallChange { .. } => "small-change",
            Error::Invalid(_) => "invalid",
            Error::ProtocolVersion { .. } => "protocol-version",
            Error::CellSizeOutOfRange { .. } => "cell-size-out-of-range",
        }
    }
}
