//! Completeness and timeliness, as DHIS2 counts them: for each clinic and month, whether the
//! clinic reported (its values released, or all withheld as small cells) or not, and whether
//! the hub had them by the deadline; the network's reporting rate (reported ÷ expected) and
//! on-time rate (on time ÷ judged) month by month.
//!
//! A clinic is expected to report every month from its first reported month (or the month it
//! enrolled, if that is earlier) until it is revoked. A month is judged for timeliness only
//! when its deadline fell after the clinic enrolled: history loaded at enrolment is not late.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use tandem_shared::model::{ClinicId, Month};
use tandem_shared::protocol::Reporting;

use crate::store::{Clinic, ClinicMonth, ClinicStatus};

/// What one clinic did for one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// At least one value released.
    Released,
    /// Values came, all withheld as small cells: reported, with nothing to show.
    Suppressed,
    /// Expected, and nothing came.
    Missing,
    /// Before the clinic's first month, or after it left the network.
    NotExpected,
}

/// Whether a month came by its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    OnTime,
    Late,
    /// Its deadline passed before the clinic enrolled.
    NotJudged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub status: Status,
    pub timeliness: Timeliness,
}

impl Cell {
    fn reported(&self) -> bool {
        matches!(self.status, Status::Released | Status::Suppressed)
    }
}

/// One clinic over the window.
#[derive(Debug, Clone)]
pub struct ClinicRow<'a> {
    pub clinic: &'a Clinic,
    /// One per month of the window, oldest first.
    pub cells: Vec<Cell>,
    pub rates: Rates,
}

/// Counts behind a reporting rate and an on-time rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rates {
    pub expected: u32,
    pub reported: u32,
    pub judged: u32,
    pub on_time: u32,
}

impl Rates {
    fn add(&mut self, cell: &Cell) {
        if cell.status == Status::NotExpected {
            return;
        }
        self.expected += 1;
        self.reported += u32::from(cell.reported());
        if cell.timeliness != Timeliness::NotJudged {
            self.judged += 1;
            self.on_time += u32::from(cell.timeliness == Timeliness::OnTime);
        }
    }

    /// Reported ÷ expected, if anything was expected.
    pub fn reporting_rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| f64::from(self.reported) / f64::from(self.expected))
    }

    /// On time ÷ judged, if any month was judged.
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.judged > 0).then(|| f64::from(self.on_time) / f64::from(self.judged))
    }
}

/// The whole grid.
#[derive(Debug, Clone)]
pub struct Completeness<'a> {
    /// Oldest first.
    pub months: Vec<Month>,
    pub clinics: Vec<ClinicRow<'a>>,
    /// The network's counts, one per month.
    pub network: Vec<Rates>,
}

/// The latest month whose figures are due by `today`.
pub fn due_month(reporting: &Reporting, today: NaiveDate) -> Option<Month> {
    let this = Month::of(today);
    let last = this.plus(-1).ok()?;
    match reporting.deadline(last) {
        Some(deadline) if today > deadline => Some(last),
        _ => last.plus(-1).ok(),
    }
}

/// Work out the grid for the months from `from` to `to`.
pub fn compute<'a>(
    clinics: &'a [ClinicStatus],
    released: &[ClinicMonth],
    reporting: &Reporting,
    from: Month,
    to: Month,
) -> Completeness<'a> {
    let months: Vec<Month> = from.through(to).collect();
    let mut by_clinic: HashMap<&ClinicId, HashMap<Month, &ClinicMonth>> = HashMap::new();
    for r in released {
        by_clinic.entry(&r.clinic).or_default().insert(r.month, r);
    }
    let empty = HashMap::new();
    let mut network = vec![Rates::default(); months.len()];
    let rows = clinics
        .iter()
        .map(|status| {
            let clinic = &status.clinic;
            let got = by_clinic.get(&clinic.id).unwrap_or(&empty);
            let enrolled = Month::of(clinic.created_at.date_naive());
            let first = status.first_month.map_or(enrolled, |m| m.min(enrolled));
            let mut rates = Rates::default();
            let cells = months
                .iter()
                .zip(network.iter_mut())
                .map(|(&month, net)| {
                    let deadline = reporting.deadline(month).map(end_of);
                    let left = clinic
                        .revoked_at
                        .is_some_and(|at| deadline.is_none_or(|d| at < d));
                    let judged = deadline.is_some_and(|d| clinic.created_at < d);
                    let cell = match got.get(&month) {
                        Some(r) => Cell {
                            status: if r.released > 0 {
                                Status::Released
                            } else {
                                Status::Suppressed
                            },
                            timeliness: match deadline {
                                Some(d) if judged && r.first_received_at < d => Timeliness::OnTime,
                                Some(_) if judged => Timeliness::Late,
                                _ => Timeliness::NotJudged,
                            },
                        },
                        None if month < first || left => Cell {
                            status: Status::NotExpected,
                            timeliness: Timeliness::NotJudged,
                        },
                        None => Cell {
                            status: Status::Missing,
                            timeliness: if judged {
                                Timeliness::Late
                            } else {
                                Timeliness::NotJudged
                            },
                        },
                    };
                    rates.add(&cell);
                    net.add(&cell);
                    cell
                })
                .collect();
            ClinicRow {
                clinic,
                cells,
                rates,
            }
        })
        .collect();
    Completeness {
        months,
        clinics: rows,
        network,
    }
}

/// The first instant after a deadline day (deadlines are read in UTC).
fn end_of(day: NaiveDate) -> DateTime<Utc> {
    day.succ_opt()
        .unwrap_or(day)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
    }

    fn month(y: i32, m: u32) -> Month {
        Month::new(y, m).unwrap()
    }

    fn clinic(id: &str, enrolled: DateTime<Utc>, first: Option<Month>) -> ClinicStatus {
        ClinicStatus {
            clinic: Clinic {
                id: ClinicId::new(id).unwrap(),
                name: id.into(),
                created_at: enrolled,
                revoked_at: None,
                last_sequence: 0,
                last_release_at: None,
            },
            last_seen_at: None,
            definitions_version: None,
            certificate_expires: None,
            first_month: first,
        }
    }

    fn got(id: &str, m: Month, released: u32, when: DateTime<Utc>) -> ClinicMonth {
        ClinicMonth {
            clinic: ClinicId::new(id).unwrap(),
            month: m,
            released,
            suppressed: 4 - released,
            first_received_at: when,
        }
    }

    #[test]
    fn a_month_is_due_after_the_deadline_day_of_the_next() {
        let r = Reporting::default();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // November's figures are due by 15 December: on the 15th they are not late yet.
        assert_eq!(due_month(&r, day(2026, 12, 15)), Some(month(2026, 10)));
        assert_eq!(due_month(&r, day(2026, 12, 16)), Some(month(2026, 11)));
        assert_eq!(due_month(&r, day(2027, 1, 2)), Some(month(2026, 11)));
        let early = Reporting { deadline_day: 1 };
        assert_eq!(due_month(&early, day(2027, 1, 2)), Some(month(2026, 12)));
    }

    #[test]
    fn reporting_and_on_time_rates_follow_dhis2() {
        let clinics = [
            clinic("alder", at(2026, 1, 10), Some(month(2026, 1))),
            clinic("birch", at(2026, 1, 10), Some(month(2026, 1))),
            // Enrolled in May with its history from February: not judged for time before May.
            clinic("cedar", at(2026, 5, 20), Some(month(2026, 2))),
            // Enrolled in June with history from 2024, of which it has not sent March 2026.
            clinic("dogwood", at(2026, 6, 1), Some(month(2024, 1))),
        ];
        let data = [
            // Alder: January on time (by 15 February), February late, March missing.
            got("alder", month(2026, 1), 4, at(2026, 2, 15)),
            got("alder", month(2026, 2), 4, at(2026, 3, 16)),
            // Birch: everything suppressed but on time; it still reported.
            got("birch", month(2026, 1), 0, at(2026, 2, 1)),
            got("birch", month(2026, 2), 0, at(2026, 3, 1)),
            got("birch", month(2026, 3), 0, at(2026, 4, 1)),
            // Cedar: loaded on enrolment, from February; its January is not expected.
            got("cedar", month(2026, 2), 4, at(2026, 5, 20)),
            got("cedar", month(2026, 3), 4, at(2026, 5, 20)),
            got("dogwood", month(2026, 1), 4, at(2026, 6, 1)),
            got("dogwood", month(2026, 2), 4, at(2026, 6, 1)),
        ];
        let c = compute(
            &clinics,
            &data,
            &Reporting::default(),
            month(2026, 1),
            month(2026, 3),
        );
        let alder = &c.clinics[0];
        assert_eq!(alder.cells[0].timeliness, Timeliness::OnTime);
        assert_eq!(alder.cells[1].timeliness, Timeliness::Late);
        assert_eq!(alder.cells[2].status, Status::Missing);
        assert_eq!(alder.cells[2].timeliness, Timeliness::Late);
        assert_eq!(
            alder.rates,
            Rates {
                expected: 3,
                reported: 2,
                judged: 3,
                on_time: 1
            }
        );
        assert_eq!(c.clinics[1].cells[2].status, Status::Suppressed);
        assert_eq!(c.clinics[1].rates.reported, 3);
        let cedar = &c.clinics[2];
        assert_eq!(cedar.cells[0].status, Status::NotExpected);
        assert_eq!(cedar.cells[1].timeliness, Timeliness::NotJudged);
        assert_eq!(cedar.rates.on_time_rate(), None);
        assert_eq!(cedar.rates.reporting_rate(), Some(1.0));
        // January: alder, birch and dogwood expected, alder and birch judged and on time;
        // cedar not expected.
        assert_eq!(
            c.network[0],
            Rates {
                expected: 3,
                reported: 3,
                judged: 2,
                on_time: 2
            }
        );
        let dogwood = &c.clinics[3];
        assert_eq!(dogwood.cells[2].status, Status::Missing);
        assert_eq!(dogwood.cells[2].timeliness, Timeliness::NotJudged);
        // March: four expected, two reported (birch, cedar); alder and birch judged.
        assert_eq!(
            c.network[2],
            Rates {
                expected: 4,
                reported: 2,
                judged: 2,
                on_time: 1
            }
        );
    }

    #[test]
    fn a_revoked_clinic_is_not_expected_after_it_left() {
        let mut gone = clinic("alder", at(2026, 1, 10), Some(month(2026, 1)));
        gone.clinic.revoked_at = Some(at(2026, 3, 1));
        let clinics = [gone];
        let data = [got("alder", month(2026, 1), 4, at(2026, 2, 1))];
        let c = compute(
            &clinics,
            &data,
            &Reporting::default(),
            month(2026, 1),
            month(2026, 3),
        );
        // February's deadline (15 March) came after it left.
        assert_eq!(c.clinics[0].cells[1].status, Status::NotExpected);
        assert_eq!(c.clinics[0].rates.expected, 1);
    }
}
