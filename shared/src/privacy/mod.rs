//! What may leave a clinic: the release gate for free text, and disclosure control for counts.
//!
//! The node applies these rules when it builds a release; the hub applies the same rules again
//! to everything it receives, however it was produced.
//!
//! Free text is scrubbed by [`scrub::Scrubber`] on the node, reviewed by a person, and passes
//! [`release_text`] on its way out; the hub checks it again for structured identifiers with
//! [`check_text`].

pub mod scrub;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::model::{Measure, MeasureEntry, MeasureKind, MeasureValue};

/// Free text that has passed the release gate. Only [`release_text`] makes one in Rust code;
/// text deserialised from the wire is checked again by the hub before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReleasedText(String);

impl ReleasedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ReleasedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Pass one field of free text through the release gate.
pub fn release_text(field: &str, text: &str) -> Result<ReleasedText, Error> {
    check_text(field, text)?;
    Ok(ReleasedText(text.to_owned()))
}

/// Check released text for structured identifiers — e-mail addresses, phone numbers, web
/// and IP addresses, national identifiers — which no review may let through. The hub runs this on
/// everything it receives; names and dates need the clinic's context, so only the node finds
/// those.
pub fn check_text(field: &str, text: &str) -> Result<(), Error> {
    match find_identifier(text) {
        Some(finding) => Err(Error::IdentifyingText {
            field: field.to_owned(),
            finding,
        }),
        None => Ok(()),
    }
}

/// What the first structured identifier in `text` is, if there is one.
pub fn find_identifier(text: &str) -> Option<&'static str> {
    scrub::find_structured(text)
        .first()
        .map(|f| f.category.describe())
}

/// The network's disclosure policy, distributed with the definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PolicyFields")]
pub struct DisclosurePolicy {
    /// Counts from 1 to `min_cell_size − 1` are never released.
    pub min_cell_size: u32,
    /// Publicly shown aggregates need at least this many in every count…
    pub public_min_cell_size: u32,
    /// …and at least this many clinics.
    pub public_min_clinics: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFields {
    min_cell_size: u32,
    #[serde(default = "public_k")]
    public_min_cell_size: u32,
    #[serde(default = "public_clinics")]
    public_min_clinics: u32,
}

fn public_k() -> u32 {
    DisclosurePolicy::DEFAULT_MIN_CELL_SIZE
}
fn public_clinics() -> u32 {
    3
}

impl TryFrom<PolicyFields> for DisclosurePolicy {
    type Error = Error;
    fn try_from(p: PolicyFields) -> Result<Self, Error> {
        let mut policy = DisclosurePolicy::new(p.min_cell_size)?;
        policy.public_min_cell_size = p.public_min_cell_size.max(policy.min_cell_size);
        policy.public_min_clinics = p.public_min_clinics.max(1);
        Ok(policy)
    }
}

impl Default for DisclosurePolicy {
    fn default() -> Self {
        Self {
            min_cell_size: Self::DEFAULT_MIN_CELL_SIZE,
            public_min_cell_size: Self::DEFAULT_MIN_CELL_SIZE,
            public_min_clinics: 3,
        }
    }
}

impl DisclosurePolicy {
    pub const DEFAULT_MIN_CELL_SIZE: u32 = 11;
    /// A network may lower the minimum cell size, but never below this.
    pub const LOWEST_MIN_CELL_SIZE: u32 = 5;

    /// A policy with minimum cell size `k` and the default public tier.
    pub fn new(k: u32) -> Result<Self, Error> {
        if !(Self::LOWEST_MIN_CELL_SIZE..=1_000).contains(&k) {
            return Err(Error::CellSizeOutOfRange {
                got: k,
                min: Self::LOWEST_MIN_CELL_SIZE,
                max: 1_000,
            });
        }
        Ok(Self {
            min_cell_size: k,
            ..Self::default()
        })
    }

    /// Whether a count would disclose a small cell: 1 to k − 1.
    pub fn is_small(&self, count: u64) -> bool {
        (1..u64::from(self.min_cell_size)).contains(&count)
    }
}

/// Apply disclosure control to a validated entry, giving the value that may be released.
pub fn disclose(
    measure: &Measure,
    entry: &MeasureEntry,
    policy: &DisclosurePolicy,
) -> MeasureValue {
    let small = |c: Option<u64>| c.is_some_and(|c| policy.is_small(c));
    let (n, d) = (entry.numerator, entry.denominator);
    let (withhold_n, withhold_d) = match measure.kind {
        MeasureKind::Proportion => {
            let complement = n.zip(d).map(|(n, d)| d.saturating_sub(n));
            let withhold_d = small(d);
            (withhold_d || small(n) || small(complement), withhold_d)
        }
        MeasureKind::Rate { .. } => (small(n) || small(d), small(d)),
        MeasureKind::Count => (small(n), false),
        MeasureKind::Continuous { .. } => (small(d), small(d)),
    };
    if withhold_n || withhold_d {
        let d = if withhold_d { None } else { d };
        MeasureValue::new(entry, None, d, None, true)
    } else {
        MeasureValue::new(entry, n, d, entry.value, false)
    }
}

/// Check a released value against the policy, as the hub does for everything it receives.
pub fn check_released(
    measure: &Measure,
    value: &MeasureValue,
    policy: &DisclosurePolicy,
) -> Result<(), Error> {
    let small = |what: &'static str, count: Option<u64>| match count {
        Some(c) if policy.is_small(c) => Err(Error::SmallCell {
            what,
            measure: value.measure().clone(),
            month: value.month(),
            value: c,
            k: policy.min_cell_size,
        }),
        _ => Ok(()),
    };
    let (n, d) = (value.numerator(), value.denominator());
    if value.suppressed() {
        if n.is_some() || value.value().is_some() {
            return Err(Error::Invalid(format!(
                "measure {}, {}: a suppressed value must not carry a numerator or a value; \
                 withhold them",
                value.measure(),
                value.month()
            )));
        }
        return small("the denominator", d);
    }
    match measure.kind {
        MeasureKind::Proportion => {
            small("the numerator", n)?;
            small("the denominator", d)?;
            small(
                "the denominator minus the numerator",
                n.zip(d).map(|(n, d)| d.saturating_sub(n)),
            )
        }
        MeasureKind::Rate { .. } => {
            small("the number of events", n)?;
            small("the exposure", d)
        }
        MeasureKind::Count => small("the count", n),
        MeasureKind::Continuous { .. } => small("the number of observations", d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Family, MeasureId, Month, Period};

    fn proportion() -> Measure {
        Measure {
            id: MeasureId::new("remission").unwrap(),
            title: "In remission".into(),
            description: String::new(),
            definition: String::new(),
            kind: MeasureKind::Proportion,
            better: Direction::HigherIsBetter,
            family: Family::Outcome,
            period: Period::Monthly,
            goal: None,
        }
    }

    fn entry(n: u64, d: u64) -> MeasureEntry {
        MeasureEntry {
            measure: MeasureId::new("remission").unwrap(),
            month: "2026-03".parse::<Month>().unwrap(),
            numerator: Some(n),
            denominator: Some(d),
            value: None,
        }
    }

    #[test]
    fn obvious_emails_and_phones_are_refused() {
        for text in [
            "write to jane.doe@example.org for the form",
            "call 555-123-4567 after clinic",
            "pager 555-1234",
            "appeler le 06 12 34 56 78",
            "joindre au +33 6 12 34 56 78",
            "number 0612345678",
        ] {
            assert!(release_text("summary", text).is_err(), "{text}");
        }
        let err = release_text("do.happened", "mail a@b.co").unwrap_err();
        assert_eq!(
            err.to_string(),
            "do.happened appears to contain an e-mail address; remove it or replace it with a \
             placeholder before release"
        );
    }

    #[test]
    fn ordinary_numbers_pass_the_text_gate() {
        for text in [
            "41 of 60 patients were in remission in 2026-03",
            "from 2021-2026 remission rose from 50 % to 75 %",
            "we met on 2026-03-14 at 10.30 with 12 15 18 20 22 children",
            "doses of 2.5 mg/kg, then 5",
            "@mention in the team chat",
        ] {
            assert!(release_text("summary", text).is_ok(), "{text}");
        }
    }

    #[test]
    fn small_counts_and_revealing_complements_are_suppressed() {
        let p = DisclosurePolicy::default();
        let m = proportion();
        let released = disclose(&m, &entry(30, 60), &p);
        assert!(!released.suppressed());
        assert_eq!(released.numerator(), Some(30));
        for (n, d) in [(5, 60), (55, 60), (3, 8)] {
            let v = disclose(&m, &entry(n, d), &p);
            assert!(v.suppressed(), "{n}/{d}");
            assert_eq!(v.numerator(), None);
            assert!(check_released(&m, &v, &p).is_ok());
        }
        assert_eq!(disclose(&m, &entry(55, 60), &p).denominator(), Some(60));
        assert_eq!(disclose(&m, &entry(3, 8), &p).denominator(), None);
        assert!(!disclose(&m, &entry(0, 40), &p).suppressed());
        assert!(!disclose(&m, &entry(40, 40), &p).suppressed());
    }

    #[test]
    fn the_hub_check_refuses_a_small_cell_released_as_is() {
        let p = DisclosurePolicy::default();
        let forged: MeasureValue = serde_json::from_str(
            r#"{"measure":"remission","month":"2026-03","numerator":4,"denominator":60}"#,
        )
        .unwrap();
        let err = check_released(&proportion(), &forged, &p).unwrap_err();
        assert!(
            err.to_string()
                .contains("below the network's minimum cell size of 11")
        );
    }

    #[test]
    fn policies_below_five_are_refused() {
        assert!(DisclosurePolicy::new(4).is_err());
        assert_eq!(DisclosurePolicy::new(5).unwrap().min_cell_size, 5);
        assert!(serde_json::from_str::<DisclosurePolicy>(r#"{"min_cell_size":3}"#).is_err());
    }
}
