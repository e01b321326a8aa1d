//! A synthetic patient-level extract in the network dictionary's four tables, for the tests,
//! the benchmark and the demo. Seeded, so a run can be repeated; it favours the boundaries
//! where evaluators go wrong: first and last days of months, steroid courses starting 89 to 91
//! days before a month's end, exits on a month's end, births on 29 February, missing scores,
//! rows dated after the last month computed, and rows in no particular order.
//!
//! The patients are invented: no row comes from a real person.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How big an extract to make, and over which years.
#[derive(Debug, Clone)]
pub struct Synthetic {
    pub patients: usize,
    pub visits_per_patient: usize,
    pub seed: u64,
    /// Patients join from this day on.
    pub first: NaiveDate,
    /// No row is dated after this day.
    pub last: NaiveDate,
}

impl Synthetic {
    /// A small extract for tests: a few hundred patients over five years.
    pub fn small(seed: u64) -> Self {
        Self {
            patients: 300,
            visits_per_patient: 12,
            seed,
            first: date(2021, 1, 1),
            last: date(2026, 10, 31),
        }
    }
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    date(y, m, 1) - Duration::days(1)
}

/// A day between two days, often on the first or last day of its month.
fn some_day(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    let d = from + Duration::days(rng.random_range(0..=span));
    let d = match rng.random_range(0..10) {
        0 => d.with_day(1).unwrap_or(d),
        1 => month_end(d),
        _ => d,
    };
    d.clamp(from, to)
}

/// The four files, written into `dir`: patients.csv, visits.csv, admissions.csv and
/// medications.csv. Returns their paths and the number of visit rows.
pub fn write(dir: &Path, s: &Synthetic) -> std::io::Result<(Vec<PathBuf>, usize)> {
    let mut rng = ChaCha8Rng::seed_from_u64(s.seed);
    let mut patients = vec!["patient_id,birth_date,sex,diagnosis,enrolled_on,exited_on".to_owned()];
    let mut visits = Vec::with_capacity(s.patients * s.visits_per_patient);
    let mut admissions = Vec::new();
    let mut courses = Vec::new();
    let sexes = ["female", "male", "other", "unknown"];
    let diagnoses = ["crohns", "ulcerative_colitis", "ibd_unclassified"];
    let pgas = [
        "quiescent",
        "quiescent",
        "quiescent",
        "mild",
        "moderate",
        "severe",
    ];
    for p in 0..s.patients {
        let id = format!("P{p:06}");
        let enrolled = some_day(&mut rng, s.first, s.last - Duration::days(60));
        let birth = if rng.random_range(0..50) == 0 {
            date(2012, 2, 29)
        } else {
            some_day(&mut rng, date(2004, 1, 1), date(2020, 12, 31))
        };
        let exited = match rng.random_range(0..8) {
            0 => Some(month_end(some_day(&mut rng, enrolled, s.last))),
            1 => Some(some_day(&mut rng, enrolled, s.last + Duration::days(60))),
            _ => None,
        };
        let diagnosis = diagnoses[rng.random_range(0..3)];
        patients.push(format!(
            "{id},{birth},{},{diagnosis},{enrolled},{}",
            sexes[rng.random_range(0..4)],
            exited.map(|d| d.to_string()).unwrap_or_default()
        ));
        // Visits spread over the time followed, each on its own day; a few after the end.
        let until = exited.unwrap_or(s.last).min(s.last + Duration::days(45));
        let span = (until - enrolled).num_days().max(1);
        let n = s.visits_per_patient;
        let step = (span / n as i64).max(1);
        let mut day = enrolled;
        for _ in 0..n {
            let pga = if rng.random_range(0..8) == 0 {
                ""
            } else {
                pgas[rng.random_range(0..6)]
            };
            let scored = rng.random_range(0..5) != 0;
            let (pcdai, pucai) = match (diagnosis, scored) {
                ("crohns", true) => (rng.random_range(0..=100).to_string(), String::new()),
                (_, true) => (String::new(), rng.random_range(0..=85).to_string()),
                _ => (String::new(), String::new()),
            };
            let kind = if rng.random_range(0..4) == 0 {
                "telehealth"
            } else {
                "in_person"
            };
            visits.push(format!("{id},{day},{kind},{pga},{pcdai},{pucai}"));
            day += Duration::days(rng.random_range(1..=(2 * step).max(1)));
        }
        for a in 0..rng.random_range(0..3) {
            let on = some_day(&mut rng, enrolled, until);
            let planned = rng.random_range(0..3) == 0;
            let reason = if rng.random_range(0..4) == 0 {
                "other"
            } else {
                "ibd"
            };
            let out = on + Duration::days(rng.random_range(0..10));
            admissions.push(format!("A{p:06}-{a},{id},{on},{out},{planned},{reason}"));
        }
        for c in 0..rng.random_range(0..3) {
            let class = if rng.random_range(0..2) == 0 {
                "corticosteroid"
            } else {
                ["aminosalicylate", "thiopurine", "anti_tnf"][rng.random_range(0..3)]
            };
            let route = ["oral", "oral", "intravenous", "rectal"][rng.random_range(0..4)];
            // Often 89 to 91 days before some month's end: the boundary of "over 90 days".
            let started = if rng.random_range(0..3) == 0 {
                month_end(some_day(&mut rng, enrolled, until))
                    - Duration::days(rng.random_range(89..=91))
            } else {
                some_day(&mut rng, enrolled, until)
            };
            let stopped = match rng.random_range(0..3) {
                0 => String::new(),
                _ => (started + Duration::days(rng.random_range(0..400))).to_string(),
            };
            courses.push(format!(
                "C{p:06}-{c},{id},{class},{route},{started},{stopped}"
            ));
        }
    }
    visits.shuffle(&mut rng);
    let n_visits = visits.len();
    let mut paths = Vec::new();
    for (name, header, rows) in [
        ("patients.csv", None, patients),
        (
            "visits.csv",
            Some("patient_id,visit_date,visit_type,pga,pcdai,pucai"),
            visits,
        ),
        (
            "admissions.csv",
            Some("admission_id,patient_id,admitted_on,discharged_on,planned,reason"),
            admissions,
        ),
        (
            "medications.csv",
            Some("course_id,patient_id,drug_class,route,started_on,stopped_on"),
            courses,
        ),
    ] {
        let mut text = String::with_capacity(rows.len() * 48);
        if let Some(h) = header {
            let _ = writeln!(text, "{h}");
        }
        for r in rows {
            let _ = writeln!(text, "{r}");
        }
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        paths.push(path);
    }
    Ok((paths, n_visits))
}
