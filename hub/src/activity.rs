//! What the network's PDSA cycles add up to, month by month and clinic by clinic: cycles
//! started and completed, the share planned with a written prediction (a cycle without one
//! cannot learn much), and the adopt / adapt / abandon decisions.

use std::collections::{BTreeMap, BTreeSet};

use tandem_shared::model::{ActDecision, ClinicId, CycleStatus, Month, PdsaCycle};
use tandem_shared::privacy::ReleasedText;

/// Counts for a month, or for a clinic over the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub started: u32,
    /// Of those started, planned with a prediction.
    pub with_prediction: u32,
    pub completed: u32,
    pub adopt: u32,
    pub adapt: u32,
    pub abandon: u32,
    /// Clinics that started a cycle (for a month).
    pub clinics: u32,
}

impl Counts {
    fn start(&mut self, cycle: &PdsaCycle<ReleasedText>) {
        self.started += 1;
        self.with_prediction += u32::from(!cycle.plan.prediction.as_str().trim().is_empty());
    }

    fn end(&mut self, cycle: &PdsaCycle<ReleasedText>) {
        self.completed += 1;
        match cycle.act.decision {
            Some(ActDecision::Adopt) => self.adopt += 1,
            Some(ActDecision::Adapt) => self.adapt += 1,
            Some(ActDecision::Abandon) => self.abandon += 1,
            Some(ActDecision::Continue) | None => {}
        }
    }

    /// With prediction ÷ started.
    pub fn prediction_share(&self) -> Option<f64> {
        (self.started > 0).then(|| f64::from(self.with_prediction) / f64::from(self.started))
    }
}

/// The month a cycle was completed, if it was.
pub fn completed_in(cycle: &PdsaCycle<ReleasedText>) -> Option<Month> {
    (cycle.status == CycleStatus::Complete).then_some(cycle.end.unwrap_or(cycle.start))
}

/// The network's activity for each month from `from` to `to`, and each clinic's over it.
pub fn activity(
    cycles: &[(ClinicId, PdsaCycle<ReleasedText>)],
    from: Month,
    to: Month,
) -> (Vec<(Month, Counts)>, BTreeMap<ClinicId, Counts>) {
    let mut months: BTreeMap<Month, Counts> =
        from.through(to).map(|m| (m, Counts::default())).collect();
    let mut starters: BTreeMap<Month, BTreeSet<&ClinicId>> = BTreeMap::new();
    let mut clinics: BTreeMap<ClinicId, Counts> = BTreeMap::new();
    for (clinic, cycle) in cycles {
        if let Some(c) = months.get_mut(&cycle.start) {
            c.start(cycle);
            starters.entry(cycle.start).or_default().insert(clinic);
            clinics.entry(clinic.clone()).or_default().start(cycle);
        }
        if let Some(end) = completed_in(cycle)
            && let Some(c) = months.get_mut(&end)
        {
            c.end(cycle);
            clinics.entry(clinic.clone()).or_default().end(cycle);
        }
    }
    for (m, set) in starters {
        if let Some(c) = months.get_mut(&m) {
            c.clinics = u32::try_from(set.len()).unwrap_or(u32::MAX);
        }
    }
    (months.into_iter().collect(), clinics)
}

/// For a measure's chart: per month, the cycles completed in projects that follow the measure,
/// and of those, the ones that adopted or adapted a network practice.
pub fn annotations(
    work: &crate::records::Work,
    measure: &tandem_shared::model::MeasureId,
    months: &[Month],
) -> (Vec<u32>, Vec<u32>) {
    let follows: BTreeSet<(&ClinicId, uuid::Uuid)> = work
        .projects
        .iter()
        .filter(|(_, p)| p.measures.contains(measure))
        .map(|(c, p)| (c, p.id))
        .collect();
    let index: BTreeMap<Month, usize> = months.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let (mut completed, mut adopted) = (vec![0; months.len()], vec![0; months.len()]);
    for (clinic, c) in &work.cycles {
        if !follows.contains(&(clinic, c.project)) {
            continue;
        }
        let Some(&i) = completed_in(c).as_ref().and_then(|m| index.get(m)) else {
            continue;
        };
        completed[i] += 1;
        if c.from_practice.is_some()
            && matches!(
                c.act.decision,
                Some(ActDecision::Adopt | ActDecision::Adapt)
            )
        {
            adopted[i] += 1;
        }
    }
    (completed, adopted)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use tandem_shared::model::{Act, Do, Plan, Study};

    pub(crate) fn cycle(
        start: &str,
        end: Option<&str>,
        decision: Option<ActDecision>,
        prediction: &str,
    ) -> PdsaCycle<ReleasedText> {
        let t = |s: &str| serde_json::from_value(serde_json::json!(s)).unwrap();
        PdsaCycle {
            id: uuid::Uuid::new_v4(),
            project: uuid::Uuid::nil(),
            sequence: 1,
            change_idea: t("Flare plans"),
            from_practice: None,
            follows: None,
            plan: Plan {
                objective: t("o"),
                prediction: t(prediction),
                who: t(""),
                what: t(""),
                when: t(""),
                where_: t(""),
                data: t(""),
            },
            do_: Do {
                happened: t(""),
                observations: t(""),
            },
            study: Study { results: t("") },
            act: Act {
                decision,
                next_step: t(""),
            },
            start: start.parse().unwrap(),
            end: end.map(|e| e.parse().unwrap()),
            status: if end.is_some() {
                CycleStatus::Complete
            } else {
                CycleStatus::Doing
            },
        }
    }

    #[test]
    fn cycles_are_counted_in_the_months_they_start_and_end() {
        let alder = ClinicId::new("alder").unwrap();
        let birch = ClinicId::new("birch").unwrap();
        let cycles = vec![
            (
                alder.clone(),
                cycle("2026-01", Some("2026-03"), Some(ActDecision::Adopt), "more"),
            ),
            (alder.clone(), cycle("2026-01", None, None, " ")),
            (
                birch.clone(),
                cycle("2026-02", Some("2026-03"), Some(ActDecision::Abandon), "x"),
            ),
            // Outside the window: not counted.
            (birch.clone(), cycle("2025-06", Some("2025-07"), None, "x")),
        ];
        let from = "2026-01".parse().unwrap();
        let (months, clinics) = activity(&cycles, from, "2026-03".parse().unwrap());
        assert_eq!(months.len(), 3);
        let jan = months[0].1;
        assert_eq!((jan.started, jan.with_prediction, jan.clinics), (2, 1, 1));
        assert_eq!(jan.prediction_share(), Some(0.5));
        let mar = months[2].1;
        assert_eq!((mar.completed, mar.adopt, mar.abandon), (2, 1, 1));
        assert_eq!(clinics[&alder].started, 2);
        assert_eq!(clinics[&birch].completed, 1);
    }
}
