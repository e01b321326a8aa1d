//! Disclosure control for counts: what a clinic's monthly figures may show.
//!
//! - A count from 1 to k − 1 is never released, nor anything it can be computed from: for a
//!   proportion, the numerator and the denominator minus the numerator must both be 0 or at least
//!   k, else the numerator (and so the rate) is withheld.
//! - Differences are counts too. Two released values of the same month (a revision: 30/60
//!   re-released as 33/63 says 3 patients were added, all in remission), or of any two months of
//!   a running total, must differ by 0 or at least k in every part (numerator, denominator,
//!   complement; for a continuous measure, the number of observations). Every pair is checked,
//!   against every value the clinic ever released, not only neighbours: the complement of a
//!   running total can shrink while both counts grow.
//! - Publicly, an aggregate needs every count at least the public cell size, at least the public
//!   number of clinics that contribute something (a clinic with nothing in the denominator hides
//!   nobody), and no clinic holding more than the public share of the total (dominance).
//!
//! The node applies these rules when it builds a release ([`disclose`], [`disclose_series`]); the
//! hub checks everything it receives against them ([`check_released`], [`check_series`]), using
//! the same comparison ([`small_difference`]).

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
    /// …and at least this many clinics with something in the denominator (or the count)…
    pub public_min_clinics: u32,
    /// …and no clinic holding more than this percentage of the denominator (or the count).
    pub public_max_share: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFields {
    min_cell_size: u32,
    #[serde(default = "public_k")]
    public_min_cell_size: u32,
    #[serde(default = "public_clinics")]
    public_min_clinics: u32,
    #[serde(default = "public_share")]
    public_max_share: u32,
}

fn public_k() -> u32 {
    DisclosurePolicy::DEFAULT_MIN_CELL_SIZE
}
fn public_clinics() -> u32 {
    3
}
fn public_share() -> u32 {
    DisclosurePolicy::DEFAULT_MAX_SHARE
}

impl TryFrom<PolicyFields> for DisclosurePolicy {
    type Error = Error;
    fn try_from(p: PolicyFields) -> Result<Self, Error> {
        let mut policy = DisclosurePolicy::new(p.min_cell_size)?;
        policy.public_min_cell_size = p.public_min_cell_size.max(policy.min_cell_size);
        policy.public_min_clinics = p.public_min_clinics.max(1);
        if !(50..=100).contains(&p.public_max_share) {
            return Err(Error::Invalid(format!(
                "public_max_share is the largest percentage of a public aggregate one clinic may \
                 hold; it must be between 50 and 100, and {} was given",
                p.public_max_share
            )));
        }
        policy.public_max_share = p.public_max_share;
        Ok(policy)
    }
}

impl Default for DisclosurePolicy {
    fn default() -> Self {
        Self {
            min_cell_size: Self::DEFAULT_MIN_CELL_SIZE,
            public_min_cell_size: Self::DEFAULT_MIN_CELL_SIZE,
            public_min_clinics: 3,
            public_max_share: Self::DEFAULT_MAX_SHARE,
        }
    }
}

impl DisclosurePolicy {
    pub const DEFAULT_MIN_CELL_SIZE: u32 = 11;
    /// No public aggregate where one clinic holds more than this percentage of it.
    pub const DEFAULT_MAX_SHARE: u32 = 90;
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

/// Who makes up one aggregate, as the public tier needs to know: the clinics with something in
/// its size (the denominator, or the count), the largest single size, and the total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Contributors {
    pub clinics: u64,
    pub largest: u64,
    pub total: u64,
}

impl Contributors {
    /// Add one clinic's size.
    pub fn add(&mut self, size: u64) {
        if size > 0 {
            self.clinics += 1;
        }
        self.largest = self.largest.max(size);
        self.total = self.total.saturating_add(size);
    }
}

impl DisclosurePolicy {
    /// Whether an aggregate may be shown publicly: enough clinics that contribute something, none
    /// holding more than the public share, and every count in it at least the public cell size
    /// (zero counts reveal nobody).
    pub fn publishable(&self, who: Contributors, counts: impl IntoIterator<Item = u64>) -> bool {
        who.clinics >= u64::from(self.public_min_clinics)
            && u128::from(who.largest) * 100
                <= u128::from(who.total) * u128::from(self.public_max_share)
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

/// Whether two released values can be subtracted to a count: two versions of the same month,
/// or, in a running total, any two months.
fn comparable(measure: &Measure, a: &SeriesPoint, b: &SeriesPoint) -> bool {
    measure.cumulative || a.month == b.month
}

/// The first part in which two released values of one clinic's measure differ by a small
/// count, if they can be compared at all: the one rule both sides apply to differences.
pub fn small_difference(
    measure: &Measure,
    a: &SeriesPoint,
    b: &SeriesPoint,
    policy: &DisclosurePolicy,
) -> Option<&'static str> {
    if !comparable(measure, a, b) {
        return None;
    }
    parts(&measure.kind, a)
        .into_iter()
        .zip(parts(&measure.kind, b))
        .find_map(|((what, x), (_, y))| {
            x.zip(y)
                .is_some_and(|(x, y)| policy.is_small(x.abs_diff(y)))
                .then_some(what)
        })
}

/// Apply disclosure control to the values of one measure a clinic is about to release, given
/// every value of that measure it released before (`released`: any month, any version). Each
/// value is first checked on its own ([`disclose`]); then, in month order, a value whose
/// numerator makes a small difference with a value already out is withheld, and its
/// denominator too if that makes one.
pub fn disclose_series(
    measure: &Measure,
    entries: &[MeasureEntry],
    released: &[SeriesPoint],
    policy: &DisclosurePolicy,
) -> Vec<MeasureValue> {
    let mut sorted: Vec<&MeasureEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.month);
    let mut out_there: Vec<SeriesPoint> = released.to_vec();
    let mut out = Vec::with_capacity(sorted.len());
    for entry in sorted {
        let mut value = disclose(measure, entry, policy);
        // Two rounds at most: the numerator goes first, then the denominator if it still clashes.
        for _ in 0..2 {
            let point = SeriesPoint::from(&value);
            let Some(what) = out_there
                .iter()
                .find_map(|q| small_difference(measure, q, &point, policy))
            else {
                break;
            };
            let denominator = (what != "the denominator")
                .then(|| value.denominator())
                .flatten();
            value = MeasureValue::new(entry, None, denominator, None, true);
        }
        out_there.push(SeriesPoint::from(&value));
        out.push(value);
    }
    out
}

/// Check the values of one measure arriving from a clinic against every value of it the clinic
/// released before (`held`), as the hub does inside the transaction that stores them. In month
/// order, a value that makes a small difference with a held value or with an accepted one of
/// the same arrival is refused; a refused value is not published, so it is not compared with
/// the rest, while the value it would have replaced stays among the held ones. Returns a verdict
/// for each fresh value, in the order given. Differences among the held values themselves (a
/// network that raised k after they were released) do not stop the check.
pub fn check_series(
    measure: &Measure,
    held: &[SeriesPoint],
    fresh: &[SeriesPoint],
    policy: &DisclosurePolicy,
) -> Vec<Result<(), Error>> {
    let mut order: Vec<usize> = (0..fresh.len()).collect();
    order.sort_by_key(|&i| fresh[i].month);
    let mut seen: Vec<SeriesPoint> = held.to_vec();
    let mut verdicts: Vec<Result<(), Error>> = vec![Ok(()); fresh.len()];
    for i in order {
        let p = fresh[i];
        let clash = seen
            .iter()
            .find_map(|q| small_difference(measure, q, &p, policy).map(|what| (q.month, what)));
        match clash {
            Some((other, what)) => {
                verdicts[i] = Err(Error::SmallChange {
                    what,
                    measure: measure.id.clone(),
                    from: other.min(p.month),
                    to: other.max(p.month),
                    k: policy.min_cell_size,
                });
            }
            None => seen.push(p),
        }
    }
    verdicts
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
            fr: None,
            compute: None,
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

    fn point(month: Month, n: Option<u64>, d: Option<u64>) -> SeriesPoint {
        SeriesPoint {
            month,
            numerator: n,
            denominator: d,
        }
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
        let out = disclose_series(&m, &entries, &[], &p);
        assert!(!out[0].suppressed());
        assert!(out[1].suppressed() && out[1].numerator().is_none());
        assert_eq!(out[1].denominator(), Some(52));
        assert_eq!(out[2].numerator(), Some(35));
        assert!(!out[3].suppressed());
        let released: Vec<SeriesPoint> = out.iter().map(SeriesPoint::from).collect();
        assert!(
            check_series(&m, &[], &released, &p)
                .iter()
                .all(Result::is_ok)
        );
        // The hub refuses month 1 of the forged series that releases it as it was.
        let forged = [
            point(month(0), Some(20), Some(40)),
            point(month(1), Some(23), Some(52)),
        ];
        let verdicts = check_series(&m, &[], &forged, &p);
        assert!(verdicts[0].is_ok());
        let error = verdicts[1].clone().unwrap_err();
        assert_eq!(error.code(), "small-change");
        let message = error.to_string();
        assert!(message.contains("between this value of 2020-02 and the value of 2020-01"));
        // The refused number is not in the message the hub keeps.
        assert!(!message.contains(" 3 "), "{message}");
    }

    /// 20/40, 40/71, 71/86: every step is large, but the complement of the third month is 5
    /// below the first's.
    #[test]
    fn every_pair_of_a_running_total_is_checked_not_only_neighbours() {
        let p = DisclosurePolicy::default();
        let m = measure(MeasureKind::Proportion, true);
        let entries = [
            entry_at(month(0), 20, 40),
            entry_at(month(1), 40, 71),
            entry_at(month(2), 71, 86),
        ];
        let out = disclose_series(&m, &entries, &[], &p);
        assert!(!out[0].suppressed() && !out[1].suppressed());
        assert!(out[2].suppressed(), "{:?}", out[2]);
        let forged: Vec<SeriesPoint> = entries
            .iter()
            .map(|e| point(e.month, e.numerator, e.denominator))
            .collect();
        let verdicts = check_series(&m, &[], &forged, &p);
        assert!(verdicts[0].is_ok() && verdicts[1].is_ok());
        assert!(verdicts[2].is_err());
    }

    #[test]
    fn a_revision_is_a_difference_too() {
        let p = DisclosurePolicy::default();
        // 30/60 re-released as 33/63: three patients added, all in remission.
        let m = proportion();
        let before = [point(month(0), Some(30), Some(60))];
        let out = disclose_series(&m, &[entry_at(month(0), 33, 63)], &before, &p);
        assert!(out[0].suppressed());
        assert_eq!(out[0].denominator(), None, "the denominator moved by 3 too");
        let verdicts = check_series(&m, &before, &[point(month(0), Some(33), Some(63))], &p);
        assert!(verdicts[0].is_err());
        assert!(
            verdicts[0]
                .clone()
                .unwrap_err()
                .to_string()
                .contains("a revision")
        );
        // A large revision, or one month beside another of a measure that is no running total,
        // is fine.
        let out = disclose_series(&m, &[entry_at(month(0), 45, 90)], &before, &p);
        assert!(!out[0].suppressed());
        let other_month = [point(month(1), Some(33), Some(63))];
        assert!(check_series(&m, &before, &other_month, &p)[0].is_ok());
        // A mean of 12.5 over 20 becoming 13.0 over 21 tells one patient's value.
        let continuous = measure(kind_of(3), false);
        let mut e = entry_at(month(0), 0, 21);
        e.numerator = None;
        e.value = Some(13.0);
        let out = disclose_series(&continuous, &[e], &[point(month(0), None, Some(20))], &p);
        assert!(out[0].suppressed() && out[0].denominator().is_none());
    }

    #[test]
    fn a_refused_value_leaves_the_one_before_it_in_the_check() {
        let p = DisclosurePolicy::default();
        let m = measure(MeasureKind::Count, true);
        // The hub holds 20 for month 0. Month 0 arrives again as 25 (refused: +5), with month 1
        // at 28: 28 is 3 above the 25 that was refused, and 8 above the 20 that stays.
        let held = [point(month(0), Some(20), None)];
        let fresh = [
            point(month(0), Some(25), None),
            point(month(1), Some(28), None),
        ];
        let verdicts = check_series(&m, &held, &fresh, &p);
        assert!(verdicts[0].is_err());
        assert!(verdicts[1].is_err(), "28 is 8 above the 20 still published");
        // Old pairs that a newly raised k makes small do not stop the check of new values.
        let raised = DisclosurePolicy::new(15).unwrap();
        let held = [
            point(month(0), Some(20), None),
            point(month(1), Some(32), None),
        ];
        let verdicts = check_series(&m, &held, &[point(month(2), Some(60), None)], &raised);
        assert!(verdicts[0].is_ok());
    }

    #[test]
    fn the_public_tier_needs_enough_clinics_and_counts() {
        let p = DisclosurePolicy::default();
        let who = |sizes: &[u64]| {
            let mut c = Contributors::default();
            for &s in sizes {
                c.add(s);
            }
            c
        };
        assert!(p.publishable(who(&[40, 30, 20]), [40, 11, 0]));
        assert!(!p.publishable(who(&[40, 60]), [40, 60]));
        assert!(!p.publishable(who(&[40, 30, 20, 10]), [40, 10]));
        // A clinic with nothing in the denominator does not make the third.
        assert!(!p.publishable(who(&[40, 30, 0]), [70]));
        // One clinic holding more than 90 % of the denominator dominates it.
        assert!(!p.publishable(who(&[910, 50, 40]), [1000]));
        assert!(p.publishable(who(&[900, 50, 50]), [1000]));
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

        /// However a clinic releases and revises a measure, no two values the hub publishes
        /// differ by a small count, in any part, where they can be subtracted: the node's rule
        /// and the hub's agree, and no suppressed cell can be derived.
        #[test]
        fn no_small_difference_is_ever_published(
            k in 5u32..=15,
            releases in proptest::collection::vec(
                proptest::collection::vec((0usize..6, 0u64..40, 0u64..40), 1..5),
                1..6,
            ),
            cumulative in any::<bool>(),
            kind in 0..4u8,
        ) {
            let p = DisclosurePolicy::new(k).unwrap();
            let m = measure(kind_of(kind), cumulative);
            let mut held: Vec<SeriesPoint> = Vec::new();
            for release in &releases {
                let mut entries: Vec<MeasureEntry> = Vec::new();
                for &(i, a, b) in release {
                    if entries.iter().any(|e| e.month == month(i)) {
                        continue;
                    }
                    entries.push(entry_at(month(i), a.min(b), a.max(b)));
                }
                let entries: Vec<MeasureEntry> = entries
                    .iter()
                    .map(|e| entry_of(&m.kind, e.numerator.unwrap(), e.denominator.unwrap()))
                    .zip(&entries)
                    .map(|(mut shaped, e)| { shaped.month = e.month; shaped })
                    .collect();
                let out = disclose_series(&m, &entries, &held, &p);
                let fresh: Vec<SeriesPoint> = out.iter().map(SeriesPoint::from).collect();
                for (v, verdict) in out.iter().zip(check_series(&m, &held, &fresh, &p)) {
                    prop_assert!(verdict.is_ok(), "the hub refused what the node released: {v:?}");
                    prop_assert!(check_released(&m, v, &p).is_ok());
                }
                held.extend(fresh);
            }
            // The counts each kind shows, written out apart from the code.
            let shown = |q: &SeriesPoint| -> Vec<Option<u64>> {
                let (n, d) = (q.numerator, q.denominator);
                match m.kind {
                    MeasureKind::Proportion => vec![n, d, n.zip(d).map(|(n, d)| d - n)],
                    MeasureKind::Rate { .. } => vec![n, d],
                    MeasureKind::Count => vec![n],
                    MeasureKind::Continuous { .. } => vec![d],
                }
            };
            for (i, a) in held.iter().enumerate() {
                for b in &held[i + 1..] {
                    if !(cumulative || a.month == b.month) {
                        continue;
                    }
                    for (x, y) in shown(a).into_iter().zip(shown(b)) {
                        if let (Some(x), Some(y)) = (x, y) {
                            prop_assert!(!p.is_small(x.abs_diff(y)), "{:?} and {:?}", a, b);
                        }
                    }
                }
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

        /// A forged value that makes a small difference with any value held, or with an
        /// accepted one of the same arrival, is refused; every other is accepted.
        #[test]
        fn the_hub_refuses_every_small_difference(
            k in 5u32..=15,
            held in proptest::collection::vec((0usize..8, 0u64..100), 0..6),
            fresh in proptest::collection::vec((0usize..8, 0u64..100), 1..6),
            cumulative in any::<bool>(),
        ) {
            let p = DisclosurePolicy::new(k).unwrap();
            let m = measure(MeasureKind::Count, cumulative);
            let held: Vec<SeriesPoint> = held.iter().map(|&(i, v)| point(month(i), Some(v), None)).collect();
            let fresh: Vec<SeriesPoint> = fresh.iter().map(|&(i, v)| point(month(i), Some(v), None)).collect();
            let verdicts = check_series(&m, &held, &fresh, &p);
            // The rule written out again, apart from the code: in month order, against what is
            // held and what was accepted so far.
            let mut order: Vec<usize> = (0..fresh.len()).collect();
            order.sort_by_key(|&i| fresh[i].month);
            let mut seen = held.clone();
            for i in order {
                let f = fresh[i];
                let clashes = seen.iter().any(|q| {
                    (cumulative || q.month == f.month)
                        && p.is_small(q.numerator.unwrap().abs_diff(f.numerator.unwrap()))
                });
                prop_assert_eq!(verdicts[i].is_err(), clashes);
                if !clashes { seen.push(f); }
            }
        }
    }
}
