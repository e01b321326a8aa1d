//! How practices spread through the network: for each practice, the clinics that tested it
//! (PDSA cycles whose change idea came from it), what they decided, whose version each
//! adapted, and what each adopting clinic's chart did afterwards.
//!
//! "Afterwards" is judged with the run-chart shift rule against the clinic's own baseline: the
//! median of its months before adoption, and six or more consecutive months after it on one
//! side (Provost and Murray). Six months before and six after are needed to say anything.

use std::collections::HashMap;
use std::sync::Arc;

use tandem_shared::model::{
    ActDecision, ClinicId, Direction, Measure, MeasureId, Month, PdsaCycle, Practice,
};
use tandem_shared::privacy::ReleasedText;
use tandem_shared::protocol::Definitions;
use tandem_shared::spc::run;
use uuid::Uuid;

use crate::Error;
use crate::activity::completed_in;
use crate::records::Work;
use crate::store::{Store, StoredValue};

/// Months needed on each side of an adoption.
pub const MIN_MONTHS: usize = 6;

/// What a clinic's chart did after it adopted a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// A shift in the direction the measure calls better.
    Better,
    /// A shift the other way.
    Worse,
    /// No shift (yet).
    NoSignal,
    /// Fewer than six months before or after.
    TooFewMonths,
}

/// Judge a clinic's series (oldest first; `None` for a suppressed or missing month) against
/// the month it adopted a change.
pub fn after_adoption(series: &[(Month, Option<f64>)], adopted: Month, better: Direction) -> After {
    let mut before: Vec<f64> = series
        .iter()
        .filter(|(m, _)| *m < adopted)
        .filter_map(|(_, v)| *v)
        .collect();
    let after: Vec<Option<f64>> = series
        .iter()
        .filter(|(m, _)| *m >= adopted)
        .map(|(_, v)| *v)
        .collect();
    if before.len() < MIN_MONTHS || after.iter().flatten().count() < MIN_MONTHS {
        return After::TooFewMonths;
    }
    let Some(centre) = run::median(&mut before) else {
        return After::TooFewMonths;
    };
    match run::first_shift(&after, centre, MIN_MONTHS).and_then(|i| after[i]) {
        None => After::NoSignal,
        Some(v) => {
            let up = v > centre;
            if up == (better == Direction::HigherIsBetter) {
                After::Better
            } else {
                After::Worse
            }
        }
    }
}

/// One clinic's test of a practice.
#[derive(Debug, Clone)]
pub struct Test<'a> {
    pub clinic: &'a ClinicId,
    pub cycle: &'a PdsaCycle<ReleasedText>,
    /// Its own practice that came of it, if the clinic shared its version.
    pub version: Option<usize>,
}

impl Test<'_> {
    pub fn decision(&self) -> Option<ActDecision> {
        completed_in(self.cycle).and(self.cycle.act.decision)
    }

    /// Adopted or adapted: the month the clinic made it its own.
    pub fn adopted(&self) -> Option<Month> {
        match self.decision() {
            Some(ActDecision::Adopt | ActDecision::Adapt) => completed_in(self.cycle),
            _ => None,
        }
    }
}

/// One practice and how it spread.
#[derive(Debug, Clone)]
pub struct Spread<'a> {
    pub clinic: &'a ClinicId,
    pub practice: &'a Practice<ReleasedText>,
    /// The practice it was adapted from, by index.
    pub parent: Option<usize>,
    /// The cycles at other clinics whose change idea came from it, oldest first.
    pub tests: Vec<Test<'a>>,
}

/// Every practice of the network, in the order they were shared.
pub fn spread(work: &Work) -> Vec<Spread<'_>> {
    let index: HashMap<Uuid, usize> = work
        .practices
        .iter()
        .enumerate()
        .map(|(i, (_, p))| (p.id, i))
        .collect();
    // A cycle belongs to the practice that lists it: its clinic's version of the idea.
    let version_of: HashMap<(&ClinicId, Uuid), usize> = work
        .practices
        .iter()
        .enumerate()
        .flat_map(|(i, (c, p))| p.cycles.iter().map(move |cy| ((c, *cy), i)))
        .collect();
    let mut out: Vec<Spread<'_>> = work
        .practices
        .iter()
        .map(|(clinic, practice)| Spread {
            clinic,
            practice,
            parent: None,
            tests: Vec::new(),
        })
        .collect();
    for (clinic, cycle) in &work.cycles {
        let Some(&i) = cycle.from_practice.as_ref().and_then(|p| index.get(p)) else {
            continue;
        };
        let version = version_of.get(&(clinic, cycle.id)).copied();
        if let Some(v) = version
            && v != i
        {
            out[v].parent = Some(i);
        }
        out[i].tests.push(Test {
            clinic,
            cycle,
            version,
        });
    }
    for s in &mut out {
        s.tests
            .sort_by(|a, b| (a.cycle.start, a.clinic).cmp(&(b.cycle.start, b.clinic)));
    }
    out
}

/// What one test's adoption did to its clinic's chart, with the measure it was judged on:
/// its project's first the network defines.
#[derive(Debug, Clone)]
pub struct Judged {
    pub measure: Option<Measure>,
    pub after: Option<After>,
    /// The month the clinic adopted or adapted it.
    pub adopted: Option<Month>,
    /// The clinic's stored values of that measure, oldest first, when it adopted it
    /// (shared between the tests of one clinic and measure).
    pub values: Arc<Vec<StoredValue>>,
}

/// Judge every test of every practice, reading each clinic's series of a measure once.
pub async fn judge(
    store: &dyn Store,
    defs: &Definitions,
    work: &Work,
    all: &[Spread<'_>],
) -> Result<Vec<Vec<Judged>>, Error> {
    let projects: HashMap<(&ClinicId, Uuid), &[MeasureId]> = work
        .projects
        .iter()
        .map(|(c, p)| ((c, p.id), p.measures.as_slice()))
        .collect();
    let mut series: HashMap<(ClinicId, MeasureId), Arc<Vec<StoredValue>>> = HashMap::new();
    let mut out = Vec::with_capacity(all.len());
    for s in all {
        let mut judged = Vec::with_capacity(s.tests.len());
        for t in &s.tests {
            let measure = projects
                .get(&(t.clinic, t.cycle.project))
                .and_then(|ids| ids.iter().find_map(|id| defs.measure(id).cloned()));
            let adopted = t.adopted();
            let (after, values) = match (&measure, adopted) {
                (Some(m), Some(month)) => {
                    let key = (t.clinic.clone(), m.id.clone());
                    let values = match series.get(&key) {
                        Some(v) => v.clone(),
                        None => {
                            let v = Arc::new(store.clinic_series(t.clinic, &m.id).await?);
                            series.insert(key, v.clone());
                            v
                        }
                    };
                    let points: Vec<(Month, Option<f64>)> =
                        crate::rollup::clinic_points(m, &values)
                            .into_iter()
                            .map(|p| (p.month, p.value))
                            .collect();
                    (Some(after_adoption(&points, month, m.better)), values)
                }
                _ => (None, Arc::default()),
            };
            judged.push(Judged {
                measure,
                after,
                adopted,
                values,
            });
        }
        out.push(judged);
    }
    Ok(out)
}

/// Clinics that had adopted or adapted it by each month from `from` to `to`, counting each
/// clinic once.
pub fn adopters_by_month(tests: &[Test<'_>], from: Month, to: Month) -> Vec<(Month, u32)> {
    let mut first: HashMap<&ClinicId, Month> = HashMap::new();
    for t in tests {
        if let Some(m) = t.adopted() {
            first
                .entry(t.clinic)
                .and_modify(|f| *f = (*f).min(m))
                .or_insert(m);
        }
    }
    from.through(to)
        .map(|m| {
            let n = first.values().filter(|f| **f <= m).count();
            (m, u32::try_from(n).unwrap_or(u32::MAX))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(from: &str, values: &[f64]) -> Vec<(Month, Option<f64>)> {
        let from: Month = from.parse().unwrap();
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (from.plus(i as i32).unwrap(), Some(*v)))
            .collect()
    }

    #[test]
    fn a_shift_after_adoption_is_judged_by_the_direction_of_good() {
        let m: Month = "2026-01".parse().unwrap();
        let rising = series(
            "2025-07",
            &[
                0.5, 0.52, 0.49, 0.51, 0.5, 0.48, 0.6, 0.62, 0.61, 0.63, 0.6, 0.64,
            ],
        );
        assert_eq!(
            after_adoption(&rising, m, Direction::HigherIsBetter),
            After::Better
        );
        assert_eq!(
            after_adoption(&rising, m, Direction::LowerIsBetter),
            After::Worse
        );
        let flat = series(
            "2025-07",
            &[
                0.5, 0.52, 0.49, 0.51, 0.5, 0.48, 0.52, 0.49, 0.51, 0.48, 0.53, 0.5,
            ],
        );
        assert_eq!(
            after_adoption(&flat, m, Direction::HigherIsBetter),
            After::NoSignal
        );
        // Five months after: too soon to tell.
        assert_eq!(
            after_adoption(&rising[..11], m, Direction::HigherIsBetter),
            After::TooFewMonths
        );
        // A suppressed month after adoption is not a point on either side.
        let mut gap = rising.clone();
        gap[8].1 = None;
        assert_eq!(
            after_adoption(&gap, m, Direction::HigherIsBetter),
            After::TooFewMonths
        );
    }

    #[test]
    fn versions_point_to_the_practice_they_adapted() {
        let t = |s: &str| -> ReleasedText { serde_json::from_value(serde_json::json!(s)).unwrap() };
        let (alder, birch) = (
            ClinicId::new("alder").unwrap(),
            ClinicId::new("birch").unwrap(),
        );
        let practice = |cycles: Vec<Uuid>| Practice {
            id: Uuid::new_v4(),
            title: t("Flare plans"),
            summary: t("s"),
            detail: t(""),
            language: tandem_shared::model::Language::En,
            conditions: vec![],
            topics: vec![],
            co_designed: false,
            cycles,
            public: false,
            show_clinic_name: false,
            credits: Default::default(),
        };
        let original = practice(vec![]);
        let mut test = crate::activity::tests::cycle(
            "2026-01",
            Some("2026-03"),
            Some(ActDecision::Adapt),
            "p",
        );
        test.from_practice = Some(original.id);
        let adapted = practice(vec![test.id]);
        let work = Work {
            practices: vec![(alder.clone(), original), (birch.clone(), adapted)],
            cycles: vec![(birch.clone(), test)],
            ..Work::default()
        };
        let s = spread(&work);
        assert_eq!(s[0].tests.len(), 1);
        assert_eq!(s[0].tests[0].version, Some(1));
        assert_eq!(s[1].parent, Some(0));
        assert_eq!(s[0].tests[0].adopted(), Some("2026-03".parse().unwrap()));
        let counts = adopters_by_month(
            &s[0].tests,
            "2026-02".parse().unwrap(),
            "2026-03".parse().unwrap(),
        );
        assert_eq!(counts[0].1, 0);
        assert_eq!(counts[1].1, 1);
    }
}
