//! The leads' web pages, rendered on the server from compile-time checked templates. They work
//! without JavaScript and load nothing from elsewhere.

pub mod chart;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use tandem_shared::model::{Family, Measure, MeasureKind};

use crate::Error;
use crate::api::{self, NetworkSummary};
use crate::app::AppState;
use crate::rollup::NetworkPoint;
use chart::LineChart;

/// The HTML routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(network_page))
        .with_state(state)
}

/// One row of a measure's data table, formatted.
#[derive(Debug)]
pub struct Row {
    pub month: String,
    pub numerator: String,
    pub denominator: String,
    pub value: String,
    pub contributing: u64,
    pub suppressed: u64,
}

/// A measure as the page shows it.
#[derive(Debug)]
pub struct MeasureView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub about: String,
    pub chart: String,
    pub value_heading: String,
    pub rows: Vec<Row>,
}

#[derive(Template, WebTemplate)]
#[template(path = "network.html")]
struct NetworkPage {
    summary: NetworkSummary,
    coverage: String,
    measures: Vec<MeasureView>,
}

fn percent(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

fn one_decimal(v: f64) -> String {
    format!("{v:.1}")
}

/// How a measure's values are written, and the top of its chart.
fn scale(measure: &Measure, points: &[NetworkPoint]) -> (fn(f64) -> String, f64, String) {
    let top = points
        .iter()
        .filter_map(|p| p.value)
        .chain(measure.goal)
        .fold(0.0_f64, f64::max);
    let nice = |v: f64| {
        if v <= 0.0 {
            1.0
        } else {
            let magnitude = 10f64.powf(v.log10().floor());
            (v / magnitude * 1.2).ceil() * magnitude
        }
    };
    match &measure.kind {
        MeasureKind::Proportion => (percent, 1.0, "Network %".into()),
        MeasureKind::Rate {
            multiplier,
            exposure_unit,
        } => (
            one_decimal,
            nice(top),
            format!("Per {multiplier} {exposure_unit}"),
        ),
        MeasureKind::Count => (one_decimal, nice(top), "Count".into()),
        MeasureKind::Continuous { unit } => (one_decimal, nice(top), format!("Mean ({unit})")),
    }
}

/// Build the page view of one measure from its network series.
pub fn measure_view(measure: &Measure, points: &[NetworkPoint]) -> MeasureView {
    let (format, y_max, value_heading) = scale(measure, points);
    let series: Vec<_> = points.iter().map(|p| (p.month, p.value)).collect();
    let description = format!(
        "{} across the network, month by month, {} months{}.",
        measure.title,
        points.len(),
        points
            .first()
            .zip(points.last())
            .map(|(a, b)| format!(" from {} to {}", a.month, b.month))
            .unwrap_or_default()
    );
    let chart = LineChart {
        id: measure.id.as_str(),
        title: &measure.title,
        description: &description,
        points: &series,
        y_max,
        format,
        goal: measure.goal,
    }
    .svg();
    let family = match measure.family {
        Family::Outcome => "Outcome measure",
        Family::Process => "Process measure",
        Family::Balancing => "Balancing measure",
    };
    let better = match measure.better {
        tandem_shared::model::Direction::HigherIsBetter => "higher is better",
        tandem_shared::model::Direction::LowerIsBetter => "lower is better",
    };
    let goal = measure
        .goal
        .map(|g| format!(" · goal {}", format(g)))
        .unwrap_or_default();
    MeasureView {
        id: measure.id.to_string(),
        title: measure.title.clone(),
        description: measure.description.clone(),
        about: format!("{family} · {better}{goal}"),
        chart,
        value_heading,
        rows: points
            .iter()
            .map(|p| Row {
                month: p.month.to_string(),
                numerator: p.numerator.to_string(),
                denominator: p.denominator.to_string(),
                value: p.value.map(format).unwrap_or_else(|| "–".into()),
                contributing: p.clinics_contributing,
                suppressed: p.clinics_suppressed,
            })
            .collect(),
    }
}

async fn network_page(State(state): State<AppState>) -> Result<NetworkPage, Error> {
    let summary = api::summary(&state).await?;
    let mut measures = Vec::new();
    if let Some(defs) = state.store.definitions().await? {
        for m in defs.measures {
            let series = api::series(&state, m).await?;
            measures.push(measure_view(&series.measure, &series.points));
        }
    }
    let coverage = match (summary.first_month, summary.last_month) {
        (Some(first), Some(last)) => format!(
            "{} clinics enrolled, {} reporting · {} months, {first} to {last}",
            summary.clinics_enrolled, summary.clinics_reporting, summary.months
        ),
        _ => format!(
            "{} clinics enrolled · no data released yet",
            summary.clinics_enrolled
        ),
    };
    Ok(NetworkPage {
        summary,
        coverage,
        measures,
    })
}
