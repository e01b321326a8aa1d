//! The PDSA activity page: how much testing the network (or one clinic) does, whether cycles
//! are planned with a prediction, and what teams decide at the end of them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use tandem_service::http::Query;
use tandem_shared::model::Month;
use tandem_web::csv::{Csv, Field};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Signed};

use super::{ClinicOption, ClinicQuery};
use crate::Error;
use crate::activity::{self, Counts};
use crate::api;
use crate::records::Work;
use crate::state::AppState;

/// Months in the monthly table and chart.
const MONTHS: i32 = 36;
/// Months in the clinics' table.
const RECENT: i32 = 12;

pub struct MonthRow {
    pub month: String,
    pub c: Counts,
    pub per_clinic: String,
    pub prediction: String,
}

pub struct ClinicRow {
    pub id: String,
    pub name: String,
    pub c: Counts,
    pub prediction: String,
    pub per_month: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "activity.html")]
pub struct ActivityPage {
    chrome: Chrome,
    lang: Lang,
    simulated: bool,
    heading: String,
    lede: String,
    action: &'static str,
    options: Vec<ClinicOption>,
    query: String,
    chart: String,
    months: Vec<MonthRow>,
    clinics: Vec<ClinicRow>,
}

/// The window: up to the latest month with a cycle started or completed (this month at most).
fn window(work: &Work, months: i32) -> Option<(Month, Month)> {
    let now = Month::of(chrono::Utc::now().date_naive());
    let last = work
        .cycles
        .iter()
        .flat_map(|(_, c)| [Some(c.start), activity::completed_in(c)])
        .flatten()
        .filter(|m| *m <= now)
        .max()?;
    Some((last.plus(1 - months).ok()?, last))
}

fn share(lang: Lang, s: Option<f64>) -> String {
    s.map_or_else(|| "–".into(), |s| lang.percent(s, 0))
}

pub async fn activity_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(query): Query<ClinicQuery>,
    lang: Lang,
) -> Result<ActivityPage, Error> {
    let mut r = super::narrowed(&state, &principal, &query, lang).await?;
    let options = std::mem::take(&mut r.options);
    let chosen = r.chosen();
    let heading = match chosen {
        Some(c) => lang.t_with(
            "activity-title-clinic",
            &[("clinic", r.view.name(c, lang).into())],
        ),
        None => lang.t("activity-title"),
    };
    let enrolled = match chosen {
        Some(_) => 1,
        None => r.clinics.iter().filter(|c| c.revoked_at.is_none()).count(),
    };
    let month_name = |m: Month| lang.month(m.year(), m.number());
    let mut page = ActivityPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/activity"),
        lang,
        simulated: api::simulated(&state).await?,
        heading,
        lede: lang.t("activity-none"),
        action: "/activity",
        options,
        query: r.query(),
        chart: String::new(),
        months: Vec::new(),
        clinics: Vec::new(),
    };
    let Some((from, to)) = window(&r.work, MONTHS) else {
        return Ok(page);
    };
    let (months, _) = activity::activity(&r.work.cycles, from, to);
    let recent_from = to.plus(1 - RECENT).unwrap_or(from);
    let (_, by_clinic) = activity::activity(&r.work.cycles, recent_from, to);
    let mut recent = Counts::default();
    for (m, c) in &months {
        if *m >= recent_from {
            recent.started += c.started;
            recent.with_prediction += c.with_prediction;
            recent.completed += c.completed;
            recent.adopt += c.adopt;
            recent.adapt += c.adapt;
            recent.abandon += c.abandon;
        }
    }
    page.lede = lang.t_with(
        "activity-lede",
        &[
            ("from", month_name(recent_from).into()),
            ("to", month_name(to).into()),
            ("started", recent.started.into()),
            (
                "clinics",
                by_clinic.values().filter(|c| c.started > 0).count().into(),
            ),
            ("completed", recent.completed.into()),
            ("prediction", share(lang, recent.prediction_share()).into()),
            ("adopt", recent.adopt.into()),
            ("adapt", recent.adapt.into()),
            ("abandon", recent.abandon.into()),
        ],
    );
    let points: Vec<(Month, Option<f64>)> = months
        .iter()
        .map(|(m, c)| (*m, Some(f64::from(c.started))))
        .collect();
    let largest = points.iter().filter_map(|(_, v)| *v).fold(0.0, f64::max);
    let format = |v: f64| lang.number(v.round() as u64);
    page.chart = super::run_chart(
        "cycles-started",
        &lang.t("activity-chart-title"),
        &points,
        super::count_axis(largest),
        &format,
        lang,
    );
    page.months = months
        .iter()
        .rev()
        .map(|(m, c)| MonthRow {
            month: month_name(*m),
            c: *c,
            per_clinic: format!("{:.2}", f64::from(c.started) / enrolled.max(1) as f64),
            prediction: share(lang, c.prediction_share()),
        })
        .collect();
    if chosen.is_none() {
        page.clinics = clinic_rows(&r, &by_clinic, lang);
    }
    Ok(page)
}

/// Each clinic's last twelve months, the busiest first.
fn clinic_rows(
    r: &super::Narrowed,
    by_clinic: &std::collections::BTreeMap<tandem_shared::model::ClinicId, Counts>,
    lang: Lang,
) -> Vec<ClinicRow> {
    let mut rows: Vec<ClinicRow> = r
        .clinics
        .iter()
        .map(|clinic| {
            let c = by_clinic.get(&clinic.id).copied().unwrap_or_default();
            ClinicRow {
                id: r.view.id(clinic),
                name: r.view.name(clinic, lang),
                c,
                prediction: share(lang, c.prediction_share()),
                per_month: format!("{:.1}", f64::from(c.started) / f64::from(RECENT)),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.c.started.cmp(&a.c.started).then(a.name.cmp(&b.name)));
    rows
}

/// The monthly table as CSV.
pub async fn months_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(query): Query<ClinicQuery>,
    lang: Lang,
) -> Result<Response, Error> {
    let r = super::narrowed(&state, &principal, &query, lang).await?;
    let mut csv = Csv::new(&[
        "month",
        "cycles_started",
        "clinics_starting",
        "with_prediction",
        "cycles_completed",
        "adopted",
        "adapted",
        "abandoned",
    ]);
    if let Some((from, to)) = window(&r.work, MONTHS) {
        for (m, c) in activity::activity(&r.work.cycles, from, to).0 {
            csv.push(vec![
                Field::text(m.to_string()),
                Field::number(c.started),
                Field::number(c.clinics),
                Field::number(c.with_prediction),
                Field::number(c.completed),
                Field::number(c.adopt),
                Field::number(c.adapt),
                Field::number(c.abandon),
            ]);
        }
    }
    Ok(csv.download("pdsa-activity.csv"))
}

/// The clinics' table (the last twelve months of the window) as CSV.
pub async fn clinics_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    let r = super::narrowed(&state, &principal, &ClinicQuery::default(), lang).await?;
    let mut csv = Csv::new(&[
        "clinic",
        "from",
        "to",
        "cycles_started",
        "with_prediction",
        "cycles_completed",
        "adopted",
        "adapted",
        "abandoned",
    ]);
    if let Some((from, to)) = window(&r.work, MONTHS) {
        let recent_from = to.plus(1 - RECENT).unwrap_or(from);
        let (_, by_clinic) = activity::activity(&r.work.cycles, recent_from, to);
        for row in clinic_rows(&r, &by_clinic, lang) {
            let c = row.c;
            csv.push(vec![
                Field::text(row.id),
                Field::text(recent_from.to_string()),
                Field::text(to.to_string()),
                Field::number(c.started),
                Field::number(c.with_prediction),
                Field::number(c.completed),
                Field::number(c.adopt),
                Field::number(c.adapt),
                Field::number(c.abandon),
            ]);
        }
    }
    Ok(csv.download("pdsa-activity-clinics.csv"))
}
