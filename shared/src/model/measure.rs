//! Measures defined by the network, and the monthly values clinics give for them.

use serde::{Deserialize, Serialize};

use super::{MeasureId, Month};

/// How a measure is computed from counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MeasureKind {
    /// Numerator over denominator, for example patients in remission over patients seen.
    Proportion,
    /// Events per unit of exposure, shown as events × `multiplier` / exposure, for example
    /// unplanned admissions per 100 patient-months.
    Rate {
        multiplier: u32,
        exposure_unit: String,
    },
    /// A plain count of events in the month.
    Count,
    /// A measured quantity, given as the mean `value` over `n` observations.
    Continuous { unit: String },
}

impl MeasureKind {
    /// The value shown for counts: a proportion (0..1), a rate per the multiplier, the count,
    /// or the mean of a continuous measure from the sum of its observations.
    pub fn value(&self, numerator: u64, denominator: u64, value_sum: f64) -> Option<f64> {
        let (n, d) = (numerator as f64, denominator as f64);
        match self {
            MeasureKind::Proportion => (denominator > 0).then(|| n / d),
            MeasureKind::Rate { multiplier, .. } => {
                (denominator > 0).then(|| n * f64::from(*multiplier) / d)
            }
            MeasureKind::Count => Some(n),
            MeasureKind::Continuous { .. } => (denominator > 0).then(|| value_sum / d),
        }
    }

    /// A short name for messages.
    pub fn name(&self) -> &'static str {
        match self {
            MeasureKind::Proportion => "a proportion",
            MeasureKind::Rate { .. } => "a rate",
            MeasureKind::Count => "a count",
            MeasureKind::Continuous { .. } => "a continuous measure",
        }
    }
}

/// Which way the measure should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// The role a measure plays in an improvement effort (Provost & Murray).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// The result patients care about.
    Outcome,
    /// Whether the care process happens as designed.
    Process,
    /// Whether improving one thing made something else worse.
    Balancing,
}

/// How often a measure is reported. Networks report monthly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    #[default]
    Monthly,
}

/// A measure as the network defines it and distributes it to every node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: MeasureId,
    pub title: String,
    /// What the measure means, in words a patient or family member would use.
    pub description: String,
    /// Exactly what is counted, so that every clinic counts the same thing.
    pub definition: String,
    pub kind: MeasureKind,
    pub better: Direction,
    pub family: Family,
    #[serde(default)]
    pub period: Period,
    /// The network's goal, in the unit the measure is shown in (a proportion as 0..1, a rate
    /// per `multiplier`).
    #[serde(default)]
    pub goal: Option<f64>,
    /// A running total: each month includes every earlier month, so the change between two
    /// months is a count too and disclosure control applies to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cumulative: bool,
    /// The title and description in French, for the pages people read in French.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<MeasureText>,
    /// How the node computes the monthly numbers from a patient-level extract; without it,
    /// clinics enter them by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<crate::compute::Compute>,
}

/// A measure's words in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureText {
    pub title: String,
    pub description: String,
}

impl Measure {
    /// The title and description in a language (`"en"`, `"fr"`), and the language they are
    /// actually in: the definitions' own words where there is no translation.
    pub fn text_in(&self, lang: &str) -> (&str, &str, &'static str) {
        match (&self.fr, lang) {
            (Some(fr), "fr") => (&fr.title, &fr.description, "fr"),
            _ => (&self.title, &self.description, "en"),
        }
    }
}

/// What a clinic records for one measure and month: its own, unsuppressed counts. It stays on
/// the node; only a [`MeasureValue`] made by the release gate leaves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureEntry {
    pub measure: MeasureId,
    pub month: Month,
    /// Proportion numerator, rate events, or the count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<u64>,
    /// Proportion denominator, rate exposure, or the number of observations of a continuous
    /// measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// The mean of a continuous measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// A monthly value as released to the network, after disclosure control. When `suppressed`
/// is true the small count and anything it could be computed from are withheld.
///
/// Only [`crate::privacy::disclose`] makes one; the hub, which receives them from the wire,
/// checks each against the same policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureValue {
    measure: MeasureId,
    month: Month,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    numerator: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    denominator: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(default)]
    suppressed: bool,
}

impl MeasureValue {
    pub(crate) fn new(
        entry: &MeasureEntry,
        numerator: Option<u64>,
        denominator: Option<u64>,
        value: Option<f64>,
        suppressed: bool,
    ) -> Self {
        Self {
            measure: entry.measure.clone(),
            month: entry.month,
            numerator,
            denominator,
            value,
            suppressed,
        }
    }

    pub fn measure(&self) -> &MeasureId {
        &self.measure
    }
    pub fn month(&self) -> Month {
        self.month
    }
    pub fn numerator(&self) -> Option<u64> {
        self.numerator
    }
    pub fn denominator(&self) -> Option<u64> {
        self.denominator
    }
    pub fn value(&self) -> Option<f64> {
        self.value
    }
    pub fn suppressed(&self) -> bool {
        self.suppressed
    }

    /// The same numbers seen as an entry, for the checks that apply to both.
    pub fn as_entry(&self) -> MeasureEntry {
        MeasureEntry {
            measure: self.measure.clone(),
            month: self.month,
            numerator: self.numerator,
            denominator: self.denominator,
            value: self.value,
        }
    }
}
