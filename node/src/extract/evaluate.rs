//! Computing each month's numerator and denominator from an extract, as the network's plan
//! says. The semantics (windows, no peeking past a month, missing values, ties) are those of
//! `deploy/definitions.toml`'s comments and the README; `tests/tests/extract.rs` checks them
//! against an independent SQL implementation.

use tandem_shared::compute::Anchor;
use tandem_shared::compute::Window;
use tandem_shared::compute::check::{Cond, Counting, Place, Plan, Rows, Rule, Value};
use tandem_shared::model::{MeasureId, Month};

use super::{Cell, Extract, Patient, day};

/// One measure's numbers for one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Patients who pass, or events counted.
    pub numerator: u64,
    /// Patients in the population (patient-months of exposure for a rate).
    pub denominator: u64,
}

/// The month being computed, as days.
#[derive(Debug, Clone, Copy)]
struct Period {
    month: Month,
    start: i32,
    end: i32,
}

impl Period {
    fn new(month: Month) -> Self {
        Self {
            month,
            start: day(month.first_day()),
            end: day(month.last_day()),
        }
    }

    fn anchor(&self, a: Anchor) -> i32 {
        match a {
            Anchor::PeriodStart => self.start,
            Anchor::PeriodEnd => self.end,
        }
    }

    /// The first day of a window ending on the period's last day.
    fn window_start(&self, w: Option<Window>) -> i32 {
        match w {
            None => i32::MIN,
            Some(Window { days: Some(d), .. }) => self.end - d as i32 + 1,
            Some(Window { months, .. }) => {
                let back = months.unwrap_or(1) as i32 - 1;
                Month::from_index(self.month.index() - back)
                    .map(|m| day(m.first_day()))
                    .unwrap_or(i32::MIN)
            }
        }
    }
}

/// Every computable measure's counts for every month from `first` to `last`, in the plan's
/// order of measures.
pub fn compute(
    plan: &Plan,
    extract: &Extract,
    first: Month,
    last: Month,
) -> Vec<(MeasureId, Vec<(Month, Counts)>)> {
    let periods: Vec<Period> = first.through(last).map(Period::new).collect();
    let mut totals = vec![vec![Counts::default(); periods.len()]; plan.measures.len()];
    let mut members = vec![false; plan.populations.len()];
    for patient in &extract.patients {
        let eval = Eval { plan, patient };
        for (i, period) in periods.iter().enumerate() {
            if !eval.registered(period) {
                continue;
            }
            for (m, (_, rules)) in members.iter_mut().zip(&plan.populations) {
                *m = rules.iter().all(|r| eval.rule(r, period));
            }
            for (counts, (_, counting)) in totals.iter_mut().zip(&plan.measures) {
                let c = &mut counts[i];
                match counting {
                    Counting::Proportion {
                        population,
                        numerator,
                    } => {
                        if members[*population] {
                            c.denominator += 1;
                            c.numerator += u64::from(eval.rule(numerator, period));
                        }
                    }
                    Counting::Events {
                        population,
                        events,
                        exposure,
                    } => {
                        if population.is_none_or(|p| members[p]) {
                            c.denominator += u64::from(*exposure);
                            c.numerator += eval.rows(events, period).count() as u64;
                        }
                    }
                }
            }
        }
    }
    plan.measures
        .iter()
        .zip(totals)
        .map(|((id, _), counts)| {
            let months = periods.iter().map(|p| p.month).zip(counts).collect();
            (id.clone(), months)
        })
        .collect()
}

struct Eval<'a> {
    plan: &'a Plan,
    patient: &'a Patient,
}

impl Eval<'_> {
    /// Registered at the end of the period: joined by then, and not left by then. A leaving
    /// date after the period is not seen yet.
    fn registered(&self, p: &Period) -> bool {
        let cells = &self.patient.cells;
        let from = cells[self.plan.registered_from].date();
        let until = cells[self.plan.registered_until].date();
        from.is_some_and(|f| f <= p.end) && until.is_none_or(|u| u > p.end)
    }

    /// The rows of a selection: in the window, dated no later than the period's end, and
    /// passing the filter.
    fn rows<'r>(&'r self, rows: &'r Rows, p: &'r Period) -> impl Iterator<Item = &'r [Cell]> + 'r {
        let (date, _) = self.plan.dates[rows.table];
        let date = date.unwrap_or(0);
        let all = &self.patient.tables[rows.table];
        let start = p.window_start(rows.window);
        let lo = all.partition_point(|r| r[date].date().is_some_and(|d| d < start));
        let hi = all.partition_point(|r| r[date].date().is_some_and(|d| d <= p.end));
        all[lo..hi.max(lo)]
            .iter()
            .map(|r| &r[..])
            .filter(move |r| rows.filter.iter().all(|c| self.cond(c, rows.table, r, p)))
    }

    fn rule(&self, rule: &Rule, p: &Period) -> bool {
        match rule {
            Rule::Exists(rows) => self.rows(rows, p).next().is_some(),
            Rule::Count(rows, at_least) => {
                let n = *at_least as usize;
                n == 0 || self.rows(rows, p).nth(n - 1).is_some()
            }
            Rule::Latest(rows, test) => {
                let (date, _) = self.plan.dates[rows.table];
                let date = date.unwrap_or(0);
                let selected: Vec<&[Cell]> = self.rows(rows, p).collect();
                let Some(last) = selected.last() else {
                    return false;
                };
                let latest = last[date];
                // Rows tied on the latest date pass only if every one of them passes.
                selected
                    .iter()
                    .rev()
                    .take_while(|r| r[date] == latest)
                    .all(|r| test.iter().all(|c| self.cond(c, rows.table, r, p)))
            }
            Rule::Patient(tests) => tests
                .iter()
                .all(|c| self.cond(c, self.plan.patients, &self.patient.cells, p)),
            Rule::All(rules) => rules.iter().all(|r| self.rule(r, p)),
            Rule::Any(rules) => rules.iter().any(|r| self.rule(r, p)),
            Rule::None(rules) => !rules.iter().any(|r| self.rule(r, p)),
        }
    }

    fn cond(&self, c: &Cond, table: usize, row: &[Cell], p: &Period) -> bool {
        let cell = |place: &Place| match *place {
            Place::Row(i) => row[i],
            Place::Patient(i) => self.patient.cells[i],
        };
        let equals = |cell: Cell, v: &Value| match (cell, v) {
            (Cell::Boolean(a), Value::Boolean(b)) => a == *b,
            (Cell::Integer(a), Value::Integer(b)) => a == *b,
            (Cell::Choice(a), Value::Choice(b)) => a == *b,
            _ => false,
        };
        match c {
            Cond::Eq(place, v) => equals(cell(place), v),
            Cond::In(place, vs) => vs.iter().any(|v| equals(cell(place), v)),
            Cond::Present(place, want) => (cell(place) != Cell::Missing) == *want,
            Cond::Range(place, min, max) => match cell(place) {
                Cell::Integer(i) => min.is_none_or(|m| i >= m) && max.is_none_or(|m| i <= m),
                _ => false,
            },
            Cond::Before(place, days, anchor) => cell(place)
                .date()
                .is_some_and(|d| d < p.anchor(*anchor) - *days as i32),
            Cond::ActiveAt(anchor) => {
                let (date, until) = self.plan.dates[table];
                let at = p.anchor(*anchor);
                let started = date.and_then(|i| row[i].date()).is_some_and(|d| d <= at);
                let stopped = until.and_then(|i| row[i].date()).is_some_and(|u| u < at);
                started && !stopped
            }
            Cond::Any(cs) => cs.iter().any(|c| self.cond(c, table, row, p)),
            Cond::All(cs) => cs.iter().all(|c| self.cond(c, table, row, p)),
        }
    }
}
