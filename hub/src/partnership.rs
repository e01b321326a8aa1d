//! Where patients are partners in the network's work: the QRC Place × Phase matrix (the share
//! of PDSA cycles in which partners were involved or more, by place and phase), the Parity
//! factors, and the monthly share of cycles with partners involved.
//!
//! A cycle's partnership is its own profile, or else its project's: teams often describe
//! partnership once, for the project, and every cycle of it inherits that.

use std::collections::HashMap;

use tandem_shared::model::{
    ClinicId, Depth, Month, PartnershipProfile, PdsaCycle, Phase, PhaseDepths, Place, Subject,
};
use tandem_shared::privacy::ReleasedText;

/// Cells with fewer cycles than this are greyed and not compared.
pub const MIN_CELL: u32 = 5;

pub const PLACES: [Place; 4] = [
    Place::DirectCare,
    Place::Clinic,
    Place::Organisation,
    Place::System,
];

/// One cycle with the partnership it had.
#[derive(Debug, Clone, Copy)]
pub struct CycleDepth {
    pub start: Month,
    pub place: Place,
    pub phases: PhaseDepths,
}

impl CycleDepth {
    /// Partners involved (or more) in some phase.
    pub fn involved(&self) -> bool {
        Phase::ALL
            .iter()
            .any(|p| self.phases.get(*p) >= Depth::Involved)
    }
}

/// Each cycle with a profile of its own or of its project; cycles with neither are left out.
pub fn cycle_depths(
    cycles: &[(ClinicId, PdsaCycle<ReleasedText>)],
    profiles: &[(ClinicId, PartnershipProfile)],
) -> Vec<CycleDepth> {
    let mut of_cycle = HashMap::new();
    let mut of_project = HashMap::new();
    for (clinic, p) in profiles {
        match p.subject {
            Subject::Cycle(id) => of_cycle.insert((clinic, id), p),
            Subject::Project(id) => of_project.insert((clinic, id), p),
        };
    }
    cycles
        .iter()
        .filter_map(|(clinic, c)| {
            let p = of_cycle
                .get(&(clinic, c.id))
                .or_else(|| of_project.get(&(clinic, c.project)))?;
            Some(CycleDepth {
                start: c.start,
                place: p.place,
                phases: p.phases,
            })
        })
        .collect()
}

/// One cell of the matrix: cycles at the place, and those with partners involved or more in
/// the phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub cycles: u32,
    pub involved: u32,
}

impl Cell {
    pub fn share(&self) -> Option<f64> {
        (self.cycles > 0).then(|| f64::from(self.involved) / f64::from(self.cycles))
    }

    /// Too few cycles to compare with the other cells.
    pub fn few(&self) -> bool {
        self.cycles < MIN_CELL
    }
}

/// Place (rows, in [`PLACES`] order) × Phase (columns, in [`Phase::ALL`] order).
pub fn matrix(depths: &[CycleDepth]) -> [[Cell; 4]; 4] {
    let mut m = [[Cell::default(); 4]; 4];
    for d in depths {
        let Some(row) = PLACES.iter().position(|p| *p == d.place) else {
            continue;
        };
        for (col, phase) in Phase::ALL.iter().enumerate() {
            m[row][col].cycles += 1;
            m[row][col].involved += u32::from(d.phases.get(*phase) >= Depth::Involved);
        }
    }
    m
}

/// For each month from `from` to `to`: cycles started, and those with partners involved.
pub fn monthly(depths: &[CycleDepth], from: Month, to: Month) -> Vec<(Month, Cell)> {
    from.through(to)
        .map(|m| {
            let of_month = depths.iter().filter(|d| d.start == m);
            (
                m,
                of_month.fold(Cell::default(), |mut c, d| {
                    c.cycles += 1;
                    c.involved += u32::from(d.involved());
                    c
                }),
            )
        })
        .collect()
}

/// The Parity factors a profile can have, by name.
pub const FACTORS: [&str; 6] = [
    "compensation",
    "preparation",
    "support_contact",
    "shared_leadership",
    "power_balance",
    "vulnerability",
];

/// The scorecard: for each factor, the profiles that had it, of all profiles; and the median
/// number of patient partners and of professionals on a team.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub profiles: u32,
    pub factors: [u32; 6],
    pub median_patients: Option<f64>,
    pub median_professionals: Option<f64>,
}

pub fn scorecard(profiles: &[(ClinicId, PartnershipProfile)]) -> Scorecard {
    let mut factors = [0u32; 6];
    let (mut patients, mut professionals) = (Vec::new(), Vec::new());
    for (_, p) in profiles {
        let q = &p.parity;
        for (n, has) in factors.iter_mut().zip([
            q.compensation,
            q.preparation,
            q.support_contact,
            q.shared_leadership,
            q.power_balance,
            q.vulnerability,
        ]) {
            *n += u32::from(has);
        }
        patients.push(f64::from(q.patients));
        professionals.push(f64::from(q.professionals));
    }
    Scorecard {
        profiles: u32::try_from(profiles.len()).unwrap_or(u32::MAX),
        factors,
        median_patients: tandem_shared::spc::run::median(&mut patients),
        median_professionals: tandem_shared::spc::run::median(&mut professionals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_shared::model::Parity;

    fn profile(
        subject: Subject,
        place: Place,
        design: Depth,
        parity: Parity,
    ) -> PartnershipProfile {
        PartnershipProfile {
            id: uuid::Uuid::new_v4(),
            subject,
            place,
            phases: PhaseDepths {
                design,
                ..PhaseDepths::default()
            },
            parity,
        }
    }

    #[test]
    fn a_cycle_takes_its_own_profile_or_its_projects() {
        let alder = ClinicId::new("alder").unwrap();
        let mut own = crate::activity::tests::cycle("2026-01", None, None, "p");
        let mut inherits = crate::activity::tests::cycle("2026-01", None, None, "p");
        let project = uuid::Uuid::new_v4();
        own.project = project;
        inherits.project = project;
        let none = crate::activity::tests::cycle("2026-02", None, None, "p");
        let profiles = vec![
            (
                alder.clone(),
                profile(
                    Subject::Project(project),
                    Place::Clinic,
                    Depth::Consulted,
                    Parity {
                        patients: 2,
                        professionals: 5,
                        compensation: true,
                        ..Parity::default()
                    },
                ),
            ),
            (
                alder.clone(),
                profile(
                    Subject::Cycle(own.id),
                    Place::Organisation,
                    Depth::Partner,
                    Parity {
                        patients: 1,
                        professionals: 3,
                        ..Parity::default()
                    },
                ),
            ),
        ];
        let cycles = vec![
            (alder.clone(), own),
            (alder.clone(), inherits),
            (alder, none),
        ];
        let depths = cycle_depths(&cycles, &profiles);
        assert_eq!(depths.len(), 2, "the cycle with no profile is left out");
        let m = matrix(&depths);
        // Organisation × Design: the cycle with its own profile, partner.
        assert_eq!(
            m[2][0],
            Cell {
                cycles: 1,
                involved: 1
            }
        );
        // Clinic × Design: the inheriting cycle, only consulted.
        assert_eq!(
            m[1][0],
            Cell {
                cycles: 1,
                involved: 0
            }
        );
        assert!(m[1][0].few());
        assert_eq!(m[0][0].share(), None);
        let months = monthly(
            &depths,
            "2026-01".parse().unwrap(),
            "2026-02".parse().unwrap(),
        );
        assert_eq!(
            months[0].1,
            Cell {
                cycles: 2,
                involved: 1
            }
        );
        assert_eq!(months[1].1, Cell::default());
        let s = scorecard(&profiles);
        assert_eq!(s.profiles, 2);
        assert_eq!(s.factors[0], 1, "one profile paid its partners");
        assert_eq!(s.median_patients, Some(1.5));
    }
}
