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
use crate::rollup::NetworkPoint;
use crate::state::AppState;
use chart::{Control, LineChart, Signal};
use tandem_shared::spc::{self, Chart, Request, Response};

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
    /// The control limits, "lower – upper", or "–".
    pub limits: String,
    /// "outside the limits", "shift", "trend", or empty.
    pub signal: String,
}

/// A measure as the page shows it.
#[derive(Debug)]
pub struct MeasureView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub about: String,
    pub chart: String,
    /// What the control chart shows, in a sentence.
    pub signals: String,
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

/// The top of a chart's y axis: the smallest "round" number at or above `top`, chosen so
/// that its quarters (the grid lines) are round too.
fn axis_top(top: f64) -> f64 {
    if top <= 0.0 || !top.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(top.log10().floor());
    [1.0, 2.0, 4.0, 5.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&v| v >= top)
        .unwrap_or(10.0 * magnitude)
}

fn decimal(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// How a measure's values are written, the top of its chart, and its column heading.
fn scale(
    measure: &Measure,
    points: &[NetworkPoint],
    limit_top: f64,
) -> (fn(f64) -> String, f64, String) {
    let top = points
        .iter()
        .filter_map(|p| p.value)
        .chain(measure.goal)
        .fold(limit_top, f64::max);
    match &measure.kind {
        MeasureKind::Proportion => {
            let y_max = [0.25, 0.5, 1.0]
                .into_iter()
                .find(|&v| v >= top)
                .unwrap_or(1.0);
            (percent, y_max, "Network %".into())
        }
        MeasureKind::Rate {
            multiplier,
            exposure_unit,
        } => (
            decimal,
            axis_top(top * 1.1),
            format!("Per {multiplier} {exposure_unit}"),
        ),
        MeasureKind::Count => (decimal, axis_top(top * 1.1), "Count".into()),
        MeasureKind::Continuous { unit } => {
            (decimal, axis_top(top * 1.1), format!("Mean ({unit})"))
        }
    }
}

/// The Shewhart chart that suits a measure: p for a proportion, u for a rate, c for a count,
/// and an individuals chart for a mean. `None` when there are too few months to draw one.
pub fn control_chart(measure: &Measure, points: &[NetworkPoint]) -> Option<(Chart, Response)> {
    let counts = |chart: Chart, multiply: f64| {
        let mut r = Request::counts(
            chart,
            points.iter().map(|p| p.numerator as f64).collect(),
            points.iter().map(|p| p.denominator as f64).collect(),
        );
        r.multiply = Some(multiply);
        r
    };
    let request = match &measure.kind {
        MeasureKind::Proportion => counts(Chart::P, 1.0),
        MeasureKind::Rate { multiplier, .. } => counts(Chart::U, f64::from(*multiplier)),
        // Months where every clinic was suppressed have no value; these charts need one.
        MeasureKind::Count | MeasureKind::Continuous { .. } => {
            if points.iter().any(|p| p.value.is_none()) {
                return None;
            }
            let chart = if matches!(measure.kind, MeasureKind::Count) {
                Chart::C
            } else {
                Chart::I
            };
            Request::values(chart, points.iter().filter_map(|p| p.value).collect())
        }
    };
    spc::analyse(&request).ok().map(|r| (request.chart, r))
}

/// Build the page view of one measure from its network series.
pub fn measure_view(measure: &Measure, points: &[NetworkPoint]) -> MeasureView {
    let control = control_chart(measure, points);
    let ucl_top = control
        .iter()
        .flat_map(|(_, r)| r.points.iter().filter_map(|p| p.ucl))
        .fold(0.0_f64, f64::max);
    let (format, y_max, value_heading) = scale(measure, points, ucl_top);
    let series: Vec<_> = points.iter().map(|p| (p.month, p.value)).collect();
    let signal = |p: &spc::Point| {
        if p.beyond_limits {
            Signal::BeyondLimits
        } else if p.shift || p.trend {
            Signal::Run
        } else {
            Signal::None
        }
    };
    let cl: Vec<Option<f64>> = control
        .iter()
        .flat_map(|(_, r)| r.points.iter().map(|p| p.cl))
        .collect();
    let lcl: Vec<Option<f64>> = control
        .iter()
        .flat_map(|(_, r)| r.points.iter().map(|p| p.lcl))
        .collect();
    let ucl: Vec<Option<f64>> = control
        .iter()
        .flat_map(|(_, r)| r.points.iter().map(|p| p.ucl))
        .collect();
    let signals: Vec<Signal> = control
        .iter()
        .flat_map(|(_, r)| r.points.iter().map(signal))
        .collect();
    let summary = match &control {
        Some((chart, r)) => {
            let beyond = r.points.iter().filter(|p| p.beyond_limits).count();
            let runs = r
                .points
                .iter()
                .filter(|p| !p.beyond_limits && (p.shift || p.trend))
                .count();
            let runs_signal = r.parts.iter().any(|p| p.runs.signal);
            let mut parts = Vec::new();
            if beyond > 0 {
                parts.push(format!("{beyond} months outside the limits"));
            }
            if runs > 0 {
                parts.push(format!("{runs} more in a shift or trend"));
            }
            if runs_signal {
                parts.push("the runs analysis signals a non-random pattern".into());
            }
            // Break k starts a new part at point k + 1, the month at index k.
            let from: Vec<String> = r
                .suggested_breaks
                .iter()
                .filter_map(|&k| points.get(k).map(|p| p.month.to_string()))
                .collect();
            if !from.is_empty() {
                let listed = match from.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                    None => String::new(),
                };
                let (shift, line) = if from.len() == 1 {
                    ("a sustained shift suggests", "a new centre line")
                } else {
                    ("sustained shifts suggest", "new centre lines")
                };
                parts.push(format!("{shift} {line} from {listed} (not applied)"));
            }
            let name = match chart {
                Chart::P => "p chart",
                Chart::U => "u chart",
                Chart::C => "c chart",
                _ => "individuals chart",
            };
            if parts.is_empty() {
                format!("{name}: no signal of special-cause variation")
            } else {
                format!("{name}: {}", parts.join("; "))
            }
        }
        None => "Too few months for a control chart yet.".into(),
    };
    let description = format!(
        "{} across the network, month by month, {} months{}. {summary}.",
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
        control: control.as_ref().map(|_| Control {
            cl: &cl,
            lcl: &lcl,
            ucl: &ucl,
            signals: &signals,
        }),
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
        signals: summary,
        value_heading,
        rows: points
            .iter()
            .enumerate()
            .map(|(i, p)| Row {
                limits: lcl
                    .get(i)
                    .copied()
                    .flatten()
                    .zip(ucl.get(i).copied().flatten())
                    .map(|(l, u)| format!("{} – {}", format(l), format(u)))
                    .unwrap_or_else(|| "–".into()),
                signal: control
                    .as_ref()
                    .and_then(|(_, r)| r.points.get(i))
                    .map(|p| {
                        if p.beyond_limits {
                            "outside the limits"
                        } else if p.shift {
                            "shift"
                        } else if p.trend {
                            "trend"
                        } else {
                            ""
                        }
                    })
                    .unwrap_or("")
                    .into(),
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
            let series = api::series(&state, m, &defs.policy).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers_with_round_quarters() {
        assert_eq!(axis_top(1.9), 2.0);
        assert_eq!(axis_top(2.2), 4.0);
        assert_eq!(axis_top(0.07), 0.08);
        assert_eq!(axis_top(130.0), 200.0);
        assert_eq!(axis_top(0.0), 1.0);
        assert_eq!(decimal(0.5), "0.5");
        assert_eq!(decimal(2.0), "2");
    }
}
