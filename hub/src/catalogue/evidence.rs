//! How far the network's evidence for a practice goes, and what changed where clinics adopted
//! it: both computed from the network's data (the cycles that tested it, the clinics that
//! adopted it, their charts afterwards), never typed in.

use std::collections::{BTreeMap, BTreeSet};

use tandem_shared::model::{ClinicId, MeasureId, MeasureKind, Month};
use tandem_shared::privacy::{Contributors, DisclosurePolicy};

use crate::spread::{After, Judged, MIN_MONTHS};

/// A step of the evidence ladder, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rung {
    /// Shared, not yet tested to the end of a cycle.
    Idea,
    /// A completed test at one or two clinics.
    OneClinic,
    /// Completed tests at three clinics or more.
    SeveralClinics,
    /// …and a clinic's chart improved after it adopted it.
    Improved,
    /// …and the charts of three clinics or more improved: the network stands behind it.
    Published,
}

/// Clinics needed for the "three or more" rungs.
pub const SEVERAL: usize = 3;

impl Rung {
    pub const ALL: [Rung; 5] = [
        Rung::Idea,
        Rung::OneClinic,
        Rung::SeveralClinics,
        Rung::Improved,
        Rung::Published,
    ];

    /// The rung for this many clinics that completed a test and whose chart improved after.
    pub fn of(tested: usize, improved: usize) -> Rung {
        match (tested, improved) {
            (0, _) => Rung::Idea,
            (t, _) if t < SEVERAL => Rung::OneClinic,
            (_, 0) => Rung::SeveralClinics,
            (_, i) if i < SEVERAL => Rung::Improved,
            _ => Rung::Published,
        }
    }

    /// Its name in URLs and locale keys.
    pub fn key(self) -> &'static str {
        match self {
            Rung::Idea => "idea",
            Rung::OneClinic => "one-clinic",
            Rung::SeveralClinics => "several-clinics",
            Rung::Improved => "improved",
            Rung::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Rung> {
        Rung::ALL.into_iter().find(|r| r.key() == s)
    }

    /// 1 to 5.
    pub fn step(self) -> usize {
        self as usize + 1
    }
}

/// The network's evidence for one practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub rung: Rung,
    /// Clinics that completed a cycle testing it (the one that shared it among them).
    pub tested: usize,
    /// Clinics whose chart shifted the better way after they adopted it.
    pub improved: usize,
}

/// The evidence from the practice's own clinic (whether a cycle of its own that tested it was
/// completed) and from the tests elsewhere, each with its judgement.
pub fn evidence<'a>(
    own: Option<&'a ClinicId>,
    tests: impl IntoIterator<Item = (&'a ClinicId, bool, &'a Judged)>,
) -> Evidence {
    let mut tested: BTreeSet<&ClinicId> = own.into_iter().collect();
    let mut improved: BTreeSet<&ClinicId> = BTreeSet::new();
    for (clinic, completed, judged) in tests {
        if completed {
            tested.insert(clinic);
        }
        if judged.after == Some(After::Better) {
            improved.insert(clinic);
        }
    }
    Evidence {
        rung: Rung::of(tested.len(), improved.len()),
        tested: tested.len(),
        improved: improved.len(),
    }
}

/// What changed where clinics adopted a practice, on one measure: its counts over the six
/// months before each clinic adopted it and the six from then, summed over the clinics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub measure: MeasureId,
    pub clinics: usize,
    /// Numerator and denominator before.
    pub before: Counts,
    pub after: Counts,
}

/// A numerator and its denominator.
pub type Counts = (u64, u64);
/// A clinic's counts before and after.
type Sides = (Counts, Counts);

/// A clinic's counts in the months from `from`, for `MIN_MONTHS` months: suppressed months
/// are left out, as their counts are not known.
fn window(judged: &Judged, from: Month) -> Counts {
    let to = from.plus(MIN_MONTHS as i32 - 1).unwrap_or(from);
    judged
        .values
        .iter()
        .filter(|v| v.month >= from && v.month <= to && !v.suppressed)
        .filter_map(|v| Some((v.numerator?, v.denominator?)))
        .fold((0, 0), |(n, d), (vn, vd)| (n + vn, d + vd))
}

/// What changed, if the network may show it publicly: of the proportion measures adopters were
/// judged on, the one with the most clinics; each clinic counted once, at its first adoption,
/// and only with something in the denominator on both sides. Both sides must pass the public
/// tier (enough clinics, none holding too much, every count large enough), else nothing.
pub fn what_changed<'a>(
    tests: impl IntoIterator<Item = (&'a ClinicId, &'a Judged)>,
    policy: &DisclosurePolicy,
) -> Option<Change> {
    let mut first: BTreeMap<(&MeasureId, &ClinicId), &Judged> = BTreeMap::new();
    for (clinic, j) in tests {
        let (Some(m), Some(adopted)) = (&j.measure, j.adopted) else {
            continue;
        };
        if m.kind != MeasureKind::Proportion {
            continue;
        }
        first
            .entry((&m.id, clinic))
            .and_modify(|f| {
                if f.adopted > Some(adopted) {
                    *f = j;
                }
            })
            .or_insert(j);
    }
    let mut by_measure: BTreeMap<&MeasureId, Vec<Sides>> = BTreeMap::new();
    for ((measure, _), j) in first {
        let Some(adopted) = j.adopted else { continue };
        let before = window(j, adopted.plus(-(MIN_MONTHS as i32)).unwrap_or(adopted));
        let after = window(j, adopted);
        if before.1 > 0 && after.1 > 0 {
            by_measure.entry(measure).or_default().push((before, after));
        }
    }
    let (measure, sides) = by_measure
        .into_iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))?;
    let side = |pick: fn(&Sides) -> Counts| {
        let mut who = Contributors::default();
        let (mut n, mut d) = (0, 0);
        for s in &sides {
            let (sn, sd) = pick(s);
            who.add(sd);
            n += sn;
            d += sd;
        }
        policy
            .publishable(who, [n, d, d.saturating_sub(n)])
            .then_some((n, d))
    };
    let before = side(|s| s.0)?;
    let after = side(|s| s.1)?;
    Some(Change {
        measure: measure.clone(),
        clinics: sides.len(),
        before,
        after,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use tandem_shared::model::Measure;

    use super::*;
    use crate::store::StoredValue;

    #[test]
    fn the_ladder_climbs_with_tests_then_improvements() {
        assert_eq!(Rung::of(0, 0), Rung::Idea);
        assert_eq!(Rung::of(2, 2), Rung::OneClinic, "two clinics are not three");
        assert_eq!(Rung::of(3, 0), Rung::SeveralClinics);
        assert_eq!(Rung::of(3, 2), Rung::Improved);
        assert_eq!(Rung::of(5, 3), Rung::Published);
        for r in Rung::ALL {
            assert_eq!(Rung::parse(r.key()), Some(r));
        }
        assert_eq!(Rung::Published.step(), 5);
    }

    fn measure(kind: MeasureKind) -> Measure {
        let mut m: Measure = serde_json::from_value(serde_json::json!({
            "id": "remission", "title": "Remission", "description": "", "definition": "",
            "kind": {"type": "proportion"}, "better": "higher_is_better", "family": "outcome",
        }))
        .unwrap();
        m.kind = kind;
        m
    }

    /// A clinic that adopted in 2026-01 with `before` and `after` per month for six months each.
    fn adopter(
        clinic: &ClinicId,
        before: (u64, u64),
        after: (u64, u64),
        kind: MeasureKind,
    ) -> Judged {
        let start: Month = "2025-07".parse().unwrap();
        let values = (0..12)
            .map(|i| {
                let (n, d) = if i < 6 { before } else { after };
                StoredValue {
                    clinic: clinic.clone(),
                    month: start.plus(i).unwrap(),
                    numerator: Some(n),
                    denominator: Some(d),
                    value: None,
                    suppressed: false,
                    sequence: 1,
                }
            })
            .collect();
        Judged {
            measure: Some(measure(kind)),
            after: Some(After::Better),
            adopted: Some("2026-01".parse().unwrap()),
            values: Arc::new(values),
        }
    }

    #[test]
    fn what_changed_shows_only_at_the_public_tier() {
        let policy = DisclosurePolicy::default();
        let ids: Vec<ClinicId> = ["alder", "birch", "cedar", "elm"]
            .iter()
            .map(|c| ClinicId::new(*c).unwrap())
            .collect();
        let p = MeasureKind::Proportion;
        let three: Vec<Judged> = ids[..3]
            .iter()
            .map(|c| adopter(c, (5, 10), (7, 10), p.clone()))
            .collect();
        let change = what_changed(ids.iter().zip(&three), &policy).expect("shown");
        assert_eq!(change.clinics, 3);
        assert_eq!(
            change.before,
            (90, 180),
            "six months of 5 of 10 at three clinics"
        );
        assert_eq!(change.after, (126, 180));
        // Two clinics are not enough, whatever their counts.
        assert_eq!(what_changed(ids.iter().zip(&three[..2]), &policy), None);
        // A clinic with nothing in its denominator is not counted as one of the three.
        let mut empty = three.clone();
        empty[2] = adopter(&ids[2], (0, 0), (0, 0), p.clone());
        assert_eq!(what_changed(ids.iter().zip(&empty), &policy), None);
        // A count of 1 to 10 on either side hides it: 6 months of 1 of 10 is 6 in the numerator.
        let mut small = three.clone();
        for (j, c) in small.iter_mut().zip(&ids) {
            *j = adopter(c, (0, 10), (10, 10), p.clone());
        }
        small[0] = adopter(&ids[0], (1, 10), (10, 10), p.clone());
        assert_eq!(what_changed(ids.iter().zip(&small), &policy), None);
        // A count measure has no "of how many" to show.
        let counts: Vec<Judged> = ids[..3]
            .iter()
            .map(|c| adopter(c, (50, 100), (70, 100), MeasureKind::Count))
            .collect();
        assert_eq!(what_changed(ids.iter().zip(&counts), &policy), None);
        // A clinic that did not adopt is not counted.
        let mut tried = three.clone();
        tried[1].adopted = None;
        assert_eq!(what_changed(ids.iter().zip(&tried), &policy), None);
    }

    #[test]
    fn each_clinic_counts_once_and_tested_clinics_are_distinct() {
        let alder = ClinicId::new("alder").unwrap();
        let birch = ClinicId::new("birch").unwrap();
        let j = adopter(&alder, (5, 10), (7, 10), MeasureKind::Proportion);
        let mut not_better = j.clone();
        not_better.after = Some(After::NoSignal);
        let e = evidence(
            Some(&alder),
            [
                (&alder, true, &j),
                (&birch, true, &not_better),
                (&birch, false, &j),
            ],
        );
        assert_eq!((e.tested, e.improved, e.rung), (2, 2, Rung::OneClinic));
    }
}
