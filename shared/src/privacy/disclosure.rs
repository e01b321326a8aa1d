//! Disclosure control for counts: what a clinic's monthly figures may show.
//!
//! - A count from 1 to k − 1 is never released, nor anything it can be computed from: for a
//!   proportion, the numerator and the denominator minus the numerator must both be 0 or at least
//!   k, else the numerator (and so the rate) is withheld.
//! - Across months: for a cumulative measure (a running total), the change between two released
//!   months is a count too, so it must also be 0 or at least k; a month whose change is small is
//!   suppressed (complementary suppression). Because a running total only grows, checking each
//!   released month against the previous released one covers every pair.
//! - Publicly, an aggregate needs every count at least the public cell size and at least the
//!   public number of clinics.
//!
//! The node applies these rules when it builds a release ([`disclose`], [`disclose_series`]); the
//! hub checks everything it receives against them ([`check_released`], [`check_series`]).

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::model::{Measure, MeasureEntry, MeasureKind, MeasureValue, Month};

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

impl DisclosurePolicy {
    /// Whether an aggregate may be shown publicly: enough clinics, and every count in it at
    /// least the public cell size (zero counts reveal nobody).
    pub fn publishable(&self, clinics: usize, counts: impl IntoIterator<Item = u64>) -> bool {
        clinics >= self.public_min_clinics as usize
            && counts
                .into_iter()
                .all(|c| c == 0 || c >= u64::from(self.public_min_cell_size))
    }
}

/// One released month of one clinic's measure, as far as disclosure is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesPoint {
    pub month: Month,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
}

impl From<&MeasureValue> for SeriesPoint {
    fn from(v: &MeasureValue) -> Self {
        Self {
            month: v.month(),
            numerator: v.numerator(),
            denominator: v.denominator(),
        }
    }
}

/// The parts of a point whose changes between months are counts: numerator, denominator, and
/// for a proportion the complement.
fn parts(kind: &MeasureKind, p: &SeriesPoint) -> [(&'static str, Option<u64>); 3] {
    let complement = match kind {
        MeasureKind::Proportion => p
            .numerator
            .zip(p.denominator)
            .map(|(n, d)| d.saturating_sub(n)),
        _ => None,
    };
    [
        ("the numerator", p.numerator),
        ("the denominator", p.denominator),
        ("the denominator minus the numerator", complement),
    ]
}

/// Apply disclosure control to a clinic's whole series for one measure, in month order. For a
/// measure that is not cumulative this is [`disclose`] month by month; for a cumulative one, a
/// month whose change from the last released month is a small count is suppressed too.
pub fn disclose_series(
    measure: &Measure,
    entries: &[MeasureEntry],
    policy: &DisclosurePolicy,
) -> Vec<MeasureValue> {
    let mut sorted: Vec<&MeasureEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.month);
    let mut out = Vec::with_capacity(sorted.len());
    // The last released value of each part, to measure changes against.
    let mut last: [Option<u64>; 3] = [None; 3];
    for entry in sorted {
        let cell = disclose(measure, entry, policy);
        if !measure.cumulative {
            out.push(cell);
            continue;
        }
        let point = SeriesPoint::from(&cell);
        let small = |i: usize, v: Option<u64>| {
            v.zip(last[i])
                .is_some_and(|(now, before)| policy.is_small(now.abs_diff(before)))
        };
        let p = parts(&measure.kind, &point);
        let withhold_d = small(1, p[1].1);
        let withhold_n = withhold_d || small(0, p[0].1) || small(2, p[2].1);
        let value = if withhold_n && !cell.suppressed() || withhold_d {
            let d = if withhold_d { None } else { point.denominator };
            MeasureValue::new(entry, None, d, None, true)
        } else {
            cell
        };
        for (i, (_, v)) in parts(&measure.kind, &SeriesPoint::from(&value))
            .iter()
            .enumerate()
        {
            if v.is_some() {
                last[i] = *v;
            }
        }
        out.push(value);
    }
    out
}

/// Two released months of a running total whose difference is a small count.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesViolation {
    pub from: Month,
    pub to: Month,
    pub error: Error,
}

/// Check a clinic's released series for one measure, in any order, as the hub does with what it
/// holds plus what arrives. For a cumulative measure, every change between neighbouring
/// released months must be 0 or at least k. Returns the later month of the first pair that
/// breaks the rule, with the reason.
pub fn check_series(
    measure: &Measure,
    points: &[SeriesPoint],
    policy: &DisclosurePolicy,
) -> Result<(), SeriesViolation> {
    if !measure.cumulative {
        return Ok(());
    }
    let mut sorted: Vec<&SeriesPoint> = points.iter().collect();
    sorted.sort_by_key(|p| p.month);
    let mut last: [Option<(Month, u64)>; 3] = [None; 3];
    for p in sorted {
        for (i, (what, v)) in parts(&measure.kind, p).into_iter().enumerate() {
            let Some(v) = v else { continue };
            if let Some((from, before)) = last[i]
                && policy.is_small(v.abs_diff(before))
            {
                return Err(SeriesViolation {
                    from,
                    to: p.month,
                    error: Error::SmallChange {
                        what,
                        measure: measure.id.clone(),
                        from,
                        to: p.month,
                        change: v.abs_diff(before),
                        k: policy.min_cell_size,
                    },
                });
            }
            last[i] = Some((p.month, v));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Family, MeasureId, Period};
    use proptest::prelude::*;

    fn measure(kind: MeasureKind, cumulative: bool) -> Measure {
        Measure {
            id: MeasureId::new("remission").unwrap(),
            title: "In remission".into(),
            description: String::new(),
            definition: String::new(),
            kind,
            better: Direction::HigherIsBetter,
            family: Family::Outcome,
            period: Period::Monthly,
            goal: None,
            cumulative,
        }
    }

    fn proportion() -> Measure {
        measure(MeasureKind::Proportion, false)
    }

    fn entry_at(month: Month, n: u64, d: u64) -> MeasureEntry {
        MeasureEntry {
            measure: MeasureId::new("remission").unwrap(),
            month,
            numerator: Some(n),
            denominator: Some(d),
            value: None,
        }
    }

    fn entry(n: u64, d: u64) -> MeasureEntry {
        entry_at("2026-03".parse().unwrap(), n, d)
    }

    /// The four kinds of measure, by number.
    fn kind_of(i: u8) -> MeasureKind {
        match i % 4 {
            0 => MeasureKind::Proportion,
            1 => MeasureKind::Rate {
                multiplier: 100,
                exposure_unit: "patient-months".into(),
            },
            2 => MeasureKind::Count,
            _ => MeasureKind::Continuous {
                unit: "points".into(),
            },
        }
    }

    /// An entry as a clinic records it for a measure of `kind`: a count has no denominator,
    /// and a continuous measure has a mean over `d` observations instead of a numerator.
    fn entry_of(kind: &MeasureKind, n: u64, d: u64) -> MeasureEntry {
        let mut e = entry(n, d);
        match kind {
            MeasureKind::Count => e.denominator = None,
            MeasureKind::Continuous { .. } => {
                e.numerator = None;
                e.value = Some(n as f64 / 2.0);
            }
            _ => {}
        }
        e
    }

    fn month(i: usize) -> Month {
        let y = 2020 + i / 12;
        format!("{y}-{:02}", i % 12 + 1).parse().unwrap()
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

    #[test]
    fn a_small_change_in_a_running_total_is_suppressed() {
        let p = DisclosurePolicy::default();
        let m = measure(MeasureKind::Proportion, true);
        let entries = [
            entry_at(month(0), 20, 40),
            entry_at(month(1), 23, 52), // +3 in the numerator: suppressed
            entry_at(month(2), 35, 70), // +15 from the last released (20); complement +15
            entry_at(month(3), 35, 70), // no change: released
        ];
        let out = disclose_series(&m, &entries, &p);
        assert!(!out[0].suppressed());
        assert!(out[1].suppressed() && out[1].numerator().is_none());
        assert_eq!(out[1].denominator(), Some(52));
        assert_eq!(out[2].numerator(), Some(35));
        assert!(!out[3].suppressed());
        let released: Vec<SeriesPoint> = out.iter().map(SeriesPoint::from).collect();
        assert!(check_series(&m, &released, &p).is_ok());
        // The hub refuses the forged series that releases month 1 as it was.
        let forged = [
            SeriesPoint {
                month: month(0),
                numerator: Some(20),
                denominator: Some(40),
            },
            SeriesPoint {
                month: month(1),
                numerator: Some(23),
                denominator: Some(52),
            },
        ];
        let violation = check_series(&m, &forged, &p).unwrap_err();
        assert_eq!((violation.from, violation.to), (month(0), month(1)));
        assert!(
            violation
                .error
                .to_string()
                .contains("changes by 3 from 2020-01 to 2020-02"),
            "{}",
            violation.error
        );
    }

    #[test]
    fn the_public_tier_needs_enough_clinics_and_counts() {
        let p = DisclosurePolicy::default();
        assert!(p.publishable(3, [40, 11, 0]));
        assert!(!p.publishable(2, [40, 60]));
        assert!(!p.publishable(5, [40, 10]));
    }

    /// A count and its policy: k from 5 to 20, counts that often land near k.
    fn counts() -> impl Strategy<Value = (u32, u64, u64)> {
        (5u32..=20).prop_flat_map(|k| (Just(k), 0u64..60, 0u64..60))
    }

    proptest! {
        /// No value the node releases holds a count in 1..k−1, in any part.
        #[test]
        fn no_released_count_is_small((k, a, b) in counts(), kind in 0..4u8) {
            let p = DisclosurePolicy::new(k).unwrap();
            let (n, d) = (a.min(b), a.max(b));
            let m = measure(kind_of(kind), false);
            let e = entry_of(&m.kind, n, d);
            let v = disclose(&m, &e, &p);
            for c in [v.numerator(), v.denominator(), v.numerator().zip(v.denominator()).map(|(n, d)| d - n).filter(|_| m.kind == MeasureKind::Proportion)].into_iter().flatten() {
                prop_assert!(!p.is_small(c), "released {c} with k = {k}");
            }
            prop_assert!(check_released(&m, &v, &p).is_ok());
        }

        /// In a running total, no suppressed month can be recovered from the released ones: every
        /// difference between two released values, neighbours or not, is 0 or at least k, so no
        /// small change can be computed; and the hub accepts what the node released.
        #[test]
        fn no_suppressed_cell_can_be_derived(
            k in 5u32..=15,
            steps in proptest::collection::vec((0u64..25, 0u64..25), 1..24),
            proportion in any::<bool>(),
        ) {
            let p = DisclosurePolicy::new(k).unwrap();
            let kind = if proportion { MeasureKind::Proportion } else { MeasureKind::Count };
            let m = measure(kind.clone(), true);
            let (mut n, mut d) = (0u64, 0u64);
            let entries: Vec<MeasureEntry> = steps.iter().enumerate().map(|(i, (dn, dd))| {
                n += dn;
                d += dn + dd;
                let mut e = entry_at(month(i), n, d);
                if kind == MeasureKind::Count { e.denominator = None; }
                e
            }).collect();
            let out = disclose_series(&m, &entries, &p);
            let points: Vec<SeriesPoint> = out.iter().map(SeriesPoint::from).collect();
            for (i, a) in points.iter().enumerate() {
                for b in &points[i + 1..] {
                    for (x, y) in parts(&m.kind, a).iter().zip(parts(&m.kind, b).iter()) {
                        if let (Some(x), Some(y)) = (x.1, y.1) {
                            prop_assert!(!p.is_small(x.abs_diff(y)), "{a:?} and {b:?} differ by a small count");
                        }
                        if let Some(v) = x.1 { prop_assert!(!p.is_small(v)); }
                    }
                }
            }
            prop_assert!(check_series(&m, &points, &p).is_ok());
            for (v, e) in out.iter().zip(&entries) {
                prop_assert!(check_released(&m, v, &p).is_ok());
                if !v.suppressed() { prop_assert_eq!(v.numerator(), e.numerator); }
            }
        }

        /// Whatever a forged value holds, the hub refuses it if any count it shows is small,
        /// for every kind of measure.
        #[test]
        fn the_hub_refuses_every_violating_item(
            (k, a, b) in counts(),
            kind in 0..4u8,
            numerator in any::<bool>(),
            denominator in any::<bool>(),
            value in any::<bool>(),
            suppressed in any::<bool>(),
        ) {
            let p = DisclosurePolicy::new(k).unwrap();
            let m = measure(kind_of(kind), false);
            let mut json = serde_json::json!({"measure": "remission", "month": "2026-03", "suppressed": suppressed});
            if numerator { json["numerator"] = a.into(); }
            if denominator { json["denominator"] = b.into(); }
            if value { json["value"] = 4.5.into(); }
            let forged: MeasureValue = serde_json::from_value(json).unwrap();
            // The counts each kind shows (the spec, written out apart from the code).
            let (n, d) = (forged.numerator(), forged.denominator());
            let shown: Vec<Option<u64>> = match m.kind {
                MeasureKind::Proportion => vec![n, d, n.zip(d).map(|(n, d)| d.saturating_sub(n))],
                MeasureKind::Rate { .. } => vec![n, d],
                MeasureKind::Count => vec![n],
                MeasureKind::Continuous { .. } => vec![d],
            };
            let suppressed_shows_figures = suppressed && (n.is_some() || forged.value().is_some());
            let violates = shown.iter().flatten().any(|&c| p.is_small(c))
                || suppressed && d.is_some_and(|d| p.is_small(d))
                || suppressed_shows_figures;
            prop_assert_eq!(check_released(&m, &forged, &p).is_err(), violates);
        }

        /// A forged running total with any small change between released months is refused.
        #[test]
        fn the_hub_refuses_every_small_change(
            k in 5u32..=15,
            values in proptest::collection::vec(0u64..100, 2..12),
        ) {
            let p = DisclosurePolicy::new(k).unwrap();
            let m = measure(MeasureKind::Count, true);
            let points: Vec<SeriesPoint> = values.iter().enumerate()
                .map(|(i, &v)| SeriesPoint { month: month(i), numerator: Some(v), denominator: None })
                .collect();
            let small = values.windows(2).any(|w| p.is_small(w[0].abs_diff(w[1])));
            prop_assert_eq!(check_series(&m, &points, &p).is_err(), small);
        }
    }
}
