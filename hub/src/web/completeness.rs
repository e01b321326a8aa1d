//! The completeness and timeliness page: which clinics reported each month, which did so by
//! the deadline, and the network's reporting rate over time.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use tandem_shared::model::Month;
use tandem_shared::protocol::Reporting;
use tandem_web::csv::{Csv, Field};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Signed};

use crate::Error;
use crate::access::ClinicView;
use crate::api;
use crate::completeness::{self, Cell, Rates, Status, Timeliness};
use crate::state::AppState;
use crate::store::{ClinicMonth, ClinicStatus};

/// Months in the clinics' grid…
const GRID_MONTHS: i32 = 12;
/// …and in the network's run chart and table.
const RUN_MONTHS: i32 = 36;

/// What the page and its downloads read.
struct Read {
    reporting: Reporting,
    /// The latest month due; `None` before anything is.
    due: Option<Month>,
    clinics: Vec<ClinicStatus>,
    released: Vec<ClinicMonth>,
    last_seen: std::collections::HashMap<String, chrono::DateTime<chrono::Utc>>,
    simulated: bool,
}

async fn read(state: &AppState) -> Result<Read, Error> {
    let reporting = state
        .store
        .definitions()
        .await?
        .map(|d| d.reporting)
        .unwrap_or_default();
    let due = completeness::due_month(&reporting, chrono::Utc::now().date_naive());
    let released = match due.and_then(|d| Some((d.plus(1 - RUN_MONTHS).ok()?, d))) {
        Some((from, to)) => state.store.reporting(from, to).await?,
        None => Vec::new(),
    };
    let statuses = state.store.clinic_statuses().await?;
    let last_seen = statuses
        .iter()
        .filter_map(|s| Some((s.clinic.id.to_string(), s.last_seen_at?)))
        .collect();
    Ok(Read {
        reporting,
        due,
        clinics: statuses,
        released,
        last_seen,
        simulated: api::simulated(state).await?,
    })
}

pub struct GridCell {
    pub class: &'static str,
    pub status: String,
    pub timeliness: String,
}

pub struct GridRow {
    pub id: String,
    pub name: String,
    pub last_release: String,
    pub last_seen: String,
    pub reporting_rate: String,
    pub on_time_rate: String,
    pub cells: Vec<GridCell>,
}

pub struct NetworkRow {
    pub month: String,
    pub expected: u32,
    pub reported: u32,
    pub reporting_rate: String,
    pub judged: u32,
    pub on_time: u32,
    pub on_time_rate: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "completeness.html")]
pub struct CompletenessPage {
    chrome: Chrome,
    lang: Lang,
    simulated: bool,
    /// The headline for the latest month due, empty before any is.
    headline: String,
    rules: String,
    chart: String,
    network: Vec<NetworkRow>,
    months: Vec<String>,
    rows: Vec<GridRow>,
}

fn rate(lang: Lang, share: Option<f64>) -> String {
    share.map_or_else(|| "–".into(), |s| lang.percent(s, 0))
}

/// A cell as the grid shows it: its style, what came, and whether it came in time.
fn grid_cell(cell: &Cell, lang: Lang) -> GridCell {
    let (class, status) = match (cell.status, cell.timeliness) {
        (Status::NotExpected, _) => ("not-expected", "completeness-not-expected"),
        (Status::Missing, _) => ("missing", "completeness-missing"),
        (Status::Suppressed, Timeliness::Late) => ("late", "completeness-suppressed"),
        (Status::Released, Timeliness::Late) => ("late", "completeness-reported"),
        (Status::Suppressed, _) => ("suppressed", "completeness-suppressed"),
        (Status::Released, _) => ("reported", "completeness-reported"),
    };
    let timeliness = match (cell.status, cell.timeliness) {
        (Status::Missing | Status::NotExpected, _) | (_, Timeliness::NotJudged) => String::new(),
        (_, Timeliness::OnTime) => lang.t("completeness-on-time"),
        (_, Timeliness::Late) => lang.t("completeness-late"),
    };
    GridCell {
        class,
        status: lang.t(status),
        timeliness,
    }
}

/// The day a month's figures are due, written out: "15 November 2026".
pub fn deadline(reporting: &Reporting, month: Month, lang: Lang) -> String {
    reporting
        .deadline(month)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|d| lang.date(d.and_utc()))
        .unwrap_or_default()
}

fn window(due: Month, months: i32) -> (Month, Month) {
    (due.plus(1 - months).unwrap_or(due), due)
}

pub async fn completeness_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<CompletenessPage, Error> {
    let r = read(&state).await?;
    let all: Vec<_> = r.clinics.iter().map(|s| s.clinic.clone()).collect();
    let view = ClinicView::new(&principal.user, state.config.clinic_names, &all);
    let month_name = |m: Month| lang.month(m.year(), m.number());
    let rules = lang.t_with(
        "completeness-rules",
        &[("day", r.reporting.deadline_day.into())],
    );
    let Some(due) = r.due else {
        return Ok(CompletenessPage {
            chrome: Chrome::new(&state, Some(&principal), lang, "/completeness"),
            lang,
            simulated: r.simulated,
            headline: String::new(),
            rules,
            chart: String::new(),
            network: Vec::new(),
            months: Vec::new(),
            rows: Vec::new(),
        });
    };
    let (from, to) = window(due, RUN_MONTHS);
    let long = completeness::compute(&r.clinics, &r.released, &r.reporting, from, to);
    let latest = long.network.last().copied().unwrap_or_default();
    let headline = lang.t_with(
        "completeness-headline",
        &[
            ("month", month_name(due).into()),
            ("deadline", deadline(&r.reporting, due, lang).into()),
            ("reported", latest.reported.into()),
            ("expected", latest.expected.into()),
            ("reporting", rate(lang, latest.reporting_rate()).into()),
            ("judged", latest.judged.into()),
            ("ontime", latest.on_time.into()),
            ("timely", rate(lang, latest.on_time_rate()).into()),
        ],
    );
    let chart = reporting_chart(&long.months, &long.network, lang);
    let network = long
        .months
        .iter()
        .zip(&long.network)
        .rev()
        .filter(|(_, n)| n.expected > 0)
        .map(|(m, n)| NetworkRow {
            month: month_name(*m),
            expected: n.expected,
            reported: n.reported,
            reporting_rate: rate(lang, n.reporting_rate()),
            judged: n.judged,
            on_time: n.on_time,
            on_time_rate: rate(lang, n.on_time_rate()),
        })
        .collect();

    let (from, to) = window(due, GRID_MONTHS);
    let grid = completeness::compute(&r.clinics, &r.released, &r.reporting, from, to);
    let mut rows: Vec<(Rates, GridRow)> = grid
        .clinics
        .iter()
        .filter(|c| c.rates.expected > 0 || c.clinic.revoked_at.is_none())
        .map(|c| {
            let named = view.names(&c.clinic.id);
            let when = |at: Option<chrono::DateTime<chrono::Utc>>| {
                at.map_or_else(|| lang.t("completeness-never"), |at| lang.date(at))
            };
            let cells = c.cells.iter().map(|cell| grid_cell(cell, lang)).collect();
            let row = GridRow {
                id: view.id(c.clinic),
                name: view.name(c.clinic, lang),
                // Another clinic's exact times stay with the leads.
                last_release: if named {
                    when(c.clinic.last_release_at)
                } else {
                    String::new()
                },
                last_seen: if named {
                    lang.t_with(
                        "completeness-last-seen",
                        &[(
                            "when",
                            when(r.last_seen.get(c.clinic.id.as_str()).copied()).into(),
                        )],
                    )
                } else {
                    String::new()
                },
                reporting_rate: rate(lang, c.rates.reporting_rate()),
                on_time_rate: rate(lang, c.rates.on_time_rate()),
                cells,
            };
            (c.rates, row)
        })
        .collect();
    // The clinics that most need a call come first.
    rows.sort_by(|(a, x), (b, y)| {
        let key = |r: &Rates| {
            (
                r.reporting_rate().unwrap_or(1.0),
                r.on_time_rate().unwrap_or(1.0),
            )
        };
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| x.name.cmp(&y.name))
    });
    Ok(CompletenessPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/completeness"),
        lang,
        simulated: r.simulated,
        headline,
        rules,
        chart,
        network,
        months: grid.months.iter().map(|m| month_name(*m)).collect(),
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    })
}

/// The network's monthly reporting rate as a run chart.
fn reporting_chart(months: &[Month], network: &[Rates], lang: Lang) -> String {
    let points: Vec<(Month, Option<f64>)> = months
        .iter()
        .zip(network)
        .filter_map(|(m, n)| Some((*m, Some(n.reporting_rate()?))))
        .collect();
    let format = move |v: f64| lang.percent(v, 0);
    super::run_chart(
        "reporting-rate",
        &lang.t("completeness-chart-title"),
        &points,
        1.0,
        &format,
        lang,
    )
}

fn status_name(cell: &Cell) -> &'static str {
    match cell.status {
        Status::Released => "reported",
        Status::Suppressed => "suppressed",
        Status::Missing => "missing",
        Status::NotExpected => "not_expected",
    }
}

fn timeliness_name(cell: &Cell) -> &'static str {
    match cell.timeliness {
        Timeliness::OnTime => "on_time",
        Timeliness::Late => "late",
        Timeliness::NotJudged => "not_judged",
    }
}

/// Every clinic and month of the network's window, one row each.
pub async fn clinics_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
) -> Result<Response, Error> {
    let r = read(&state).await?;
    let all: Vec<_> = r.clinics.iter().map(|s| s.clinic.clone()).collect();
    let view = ClinicView::new(&principal.user, state.config.clinic_names, &all);
    let mut csv = Csv::new(&[
        "clinic",
        "month",
        "status",
        "timeliness",
        "deadline",
        "first_received",
    ]);
    if let Some(due) = r.due {
        let (from, to) = window(due, RUN_MONTHS);
        let c = completeness::compute(&r.clinics, &r.released, &r.reporting, from, to);
        let first: std::collections::HashMap<(&str, Month), _> = r
            .released
            .iter()
            .map(|m| ((m.clinic.as_str(), m.month), m.first_received_at))
            .collect();
        for row in &c.clinics {
            let named = view.names(&row.clinic.id);
            for (month, cell) in c.months.iter().zip(&row.cells) {
                let received = first
                    .get(&(row.clinic.id.as_str(), *month))
                    .filter(|_| named)
                    .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                csv.push(vec![
                    Field::text(view.id(row.clinic)),
                    Field::text(month.to_string()),
                    Field::text(status_name(cell)),
                    Field::text(timeliness_name(cell)),
                    Field::optional(r.reporting.deadline(*month)),
                    Field::optional(received),
                ]);
            }
        }
    }
    Ok(csv.download("completeness-clinics.csv"))
}

/// The network's reporting and on-time rates, a row a month.
pub async fn network_csv(State(state): State<AppState>) -> Result<Response, Error> {
    let r = read(&state).await?;
    let mut csv = Csv::new(&[
        "month",
        "deadline",
        "clinics_expected",
        "clinics_reported",
        "reporting_rate",
        "clinics_judged",
        "clinics_on_time",
        "on_time_rate",
    ]);
    if let Some(due) = r.due {
        let (from, to) = window(due, RUN_MONTHS);
        let c = completeness::compute(&r.clinics, &r.released, &r.reporting, from, to);
        for (m, n) in c.months.iter().zip(&c.network) {
            csv.push(vec![
                Field::text(m.to_string()),
                Field::optional(r.reporting.deadline(*m)),
                Field::number(n.expected),
                Field::number(n.reported),
                Field::optional(n.reporting_rate()),
                Field::number(n.judged),
                Field::number(n.on_time),
                Field::optional(n.on_time_rate()),
            ]);
        }
    }
    Ok(csv.download("completeness-network.csv"))
}
