//! A measure's monthly series as a page shows it: its chart (a Shewhart chart that suits the
//! measure, with its signals described in words), its data table and the words around them.
//! The hub's network pages and the node's own clinic pages both draw theirs here.

use tandem_shared::model::{Family, Measure, MeasureKind, Month};
use tandem_shared::spc::choice::{Choice, Reason};
use tandem_shared::spc::{self, Chart, Response};

use crate::Lang;
use crate::chart::{Control, LineChart, Signal};

/// One month of a series: the counts summed, and the value they make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesPoint {
    pub month: Month,
    pub numerator: u64,
    pub denominator: u64,
    pub value: Option<f64>,
}

/// The words that differ between the places a series is shown.
#[derive(Debug, Clone, Copy)]
pub struct Wording<'a> {
    /// The chart's description, with `$title`, `$months`, `$first`, `$last` and `$summary`.
    pub description_key: &'a str,
    /// The data table's caption, with `$title`.
    pub caption_key: &'a str,
}

/// One row of a measure's data table, formatted.
#[derive(Debug, Clone)]
pub struct Row {
    pub month: String,
    pub numerator: String,
    pub denominator: String,
    pub value: String,
    /// Columns the caller adds after the value, such as the clinics contributing.
    pub extra: Vec<String>,
    /// The control limits, "lower – upper", or "–".
    pub limits: String,
    /// "outside the limits", "shift", "trend", or empty.
    pub signal: String,
}

/// The default chart and its plain alternative, when they differ (Laney's charts).
#[derive(Debug, Clone)]
pub struct ChartChoice {
    /// Whether the plain chart is the one shown.
    pub plain: bool,
    /// Why the chart shown is the one it is.
    pub reason: String,
    /// The label of a link to the other chart.
    pub other: String,
}

/// A measure as the page shows it.
#[derive(Debug, Clone)]
pub struct MeasureView {
    /// The default chart and its alternative, when a page may offer both.
    pub chooser: Option<ChartChoice>,
    /// The months where the engine suggests a new centre line could start (never applied
    /// until someone decides).
    pub suggested: Vec<Month>,
    pub id: String,
    pub title: String,
    pub description: String,
    /// The language the title and description are written in.
    pub text_lang: &'static str,
    pub about: String,
    pub chart: String,
    /// What the control chart shows, in a sentence.
    pub signals: String,
    pub value_heading: String,
    pub table_summary: String,
    pub table_caption: String,
    /// Headings of the rows' `extra` columns.
    pub extra_headings: Vec<String>,
    /// What the network's line beside the clinic's is, when there is one.
    pub network_note: String,
    pub rows: Vec<Row>,
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

/// A number with at most two decimals, without trailing zeros: "0.5", "0,5", "2".
fn short(lang: Lang, v: f64) -> String {
    let s = lang.decimal(v, 2);
    let sep = if lang == Lang::Fr { ',' } else { '.' };
    match s.split_once(sep) {
        Some(_) => s.trim_end_matches('0').trim_end_matches(sep).to_owned(),
        None => s,
    }
}

/// How a measure's values are written, the top of its chart, and its column heading.
pub fn scale(
    measure: &Measure,
    points: &[SeriesPoint],
    limit_top: f64,
    lang: Lang,
) -> (Box<dyn Fn(f64) -> String>, f64, String) {
    let top = points
        .iter()
        .filter_map(|p| p.value)
        .chain(measure.goal)
        .fold(limit_top, f64::max);
    let decimal = Box::new(move |v: f64| short(lang, v));
    match &measure.kind {
        MeasureKind::Proportion => {
            let y_max = [0.25, 0.5, 1.0]
                .into_iter()
                .find(|&v| v >= top)
                .unwrap_or(1.0);
            (
                Box::new(move |v| lang.percent(v, 0)),
                y_max,
                lang.t("series-heading-proportion"),
            )
        }
        MeasureKind::Rate {
            multiplier,
            exposure_unit,
        } => (
            decimal,
            axis_top(top * 1.1),
            lang.t_with(
                "series-heading-rate",
                &[
                    ("multiplier", lang.number(u64::from(*multiplier)).into()),
                    ("unit", exposure_unit.clone().into()),
                ],
            ),
        ),
        MeasureKind::Count => (decimal, axis_top(top * 1.1), lang.t("series-heading-count")),
        MeasureKind::Continuous { unit } => (
            decimal,
            axis_top(top * 1.1),
            lang.t_with("series-heading-mean", &[("unit", unit.clone().into())]),
        ),
    }
}

/// How a page asks for a series' chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartOptions {
    /// The plain chart instead of the measure's default (Laney's, where it applies).
    pub plain: bool,
    /// New centre lines after these points (1-based), as decided by a lead.
    pub breaks: Vec<usize>,
    /// The baseline: the first centre line from points 1 to this one.
    pub freeze: Option<usize>,
}

/// The control chart of a series: the measure's default ([`spc::choice`]), or its plain chart
/// when asked, with the centre-line phases asked for. `None` when there are too few months to
/// draw one.
pub fn control_chart(
    measure: &Measure,
    points: &[SeriesPoint],
    options: &ChartOptions,
) -> Option<(Choice, Chart, Response)> {
    let (numerator, denominator): (Vec<f64>, Vec<f64>) = match &measure.kind {
        MeasureKind::Proportion | MeasureKind::Rate { .. } => points
            .iter()
            .map(|p| (p.numerator as f64, p.denominator as f64))
            .unzip(),
        // Months where every clinic was suppressed have no value; these charts need one.
        MeasureKind::Count | MeasureKind::Continuous { .. } => {
            if points.iter().any(|p| p.value.is_none()) {
                return None;
            }
            (points.iter().filter_map(|p| p.value).collect(), Vec::new())
        }
    };
    let (choice, mut request) =
        spc::choice::request_for(&measure.kind, numerator, denominator, options.plain);
    let n = points.len();
    let breaks: Vec<usize> = options
        .breaks
        .iter()
        .copied()
        .filter(|&b| b >= 1 && b < n)
        .collect();
    if !breaks.is_empty() {
        request.breaks = Some(breaks);
    }
    request.freeze = options.freeze.filter(|&f| f >= 2 && f <= n);
    spc::analyse(&request)
        .ok()
        .map(|r| (choice, request.chart, r))
}

/// Build the page view of one measure from its series, in a language.
pub fn measure_view(
    measure: &Measure,
    points: &[SeriesPoint],
    wording: Wording<'_>,
    lang: Lang,
) -> MeasureView {
    measure_view_beside(measure, points, &[], wording, lang)
}

/// The network's centre line at each of `points`' months, from its own control chart.
fn network_line(
    measure: &Measure,
    points: &[SeriesPoint],
    network: &[SeriesPoint],
) -> Vec<Option<f64>> {
    let Some((_, _, r)) = control_chart(measure, network, &ChartOptions::default()) else {
        return Vec::new();
    };
    let cl: std::collections::HashMap<Month, f64> = network
        .iter()
        .zip(&r.points)
        .filter_map(|(p, c)| c.cl.map(|cl| (p.month, cl)))
        .collect();
    points.iter().map(|p| cl.get(&p.month).copied()).collect()
}

/// A clinic's series with the network's centre line beside it (`network` empty: none).
pub fn measure_view_beside(
    measure: &Measure,
    points: &[SeriesPoint],
    network: &[SeriesPoint],
    wording: Wording<'_>,
    lang: Lang,
) -> MeasureView {
    measure_view_as(
        measure,
        points,
        network,
        wording,
        lang,
        &ChartOptions::default(),
    )
}

/// The name of a chart in a sentence.
fn chart_name(chart: Chart, lang: Lang) -> String {
    lang.t(match chart {
        Chart::P => "series-chart-p",
        Chart::Pp => "series-chart-pp",
        Chart::U => "series-chart-u",
        Chart::Up => "series-chart-up",
        Chart::C => "series-chart-c",
        _ => "series-chart-i",
    })
}

/// Why the chart is the one it is, in a sentence ("" when there is nothing to say).
fn chart_reason(choice: &Choice, shown: Chart, lang: Lang) -> String {
    if shown != choice.chart {
        return lang.t_with(
            "series-why-plain",
            &[
                ("chart", chart_name(shown, lang).into()),
                ("default", chart_name(choice.chart, lang).into()),
            ],
        );
    }
    match choice.reason {
        Reason::OverDispersed { sigma_z, .. } => lang.t_with(
            "series-why-laney",
            &[
                ("chart", chart_name(choice.chart, lang).into()),
                ("plain", chart_name(choice.plain, lang).into()),
                ("sigma", lang.decimal(sigma_z, 1).into()),
            ],
        ),
        Reason::Sampling { .. } | Reason::Values => String::new(),
    }
}

/// [`measure_view_beside`] with the chart asked for.
pub fn measure_view_as(
    measure: &Measure,
    points: &[SeriesPoint],
    network: &[SeriesPoint],
    wording: Wording<'_>,
    lang: Lang,
    options: &ChartOptions,
) -> MeasureView {
    let (title, own_description, text_lang) = measure.text_in(lang.code());
    let control = control_chart(measure, points, options).map(|(choice, chart, r)| {
        let reason = chart_reason(&choice, chart, lang);
        (chart, r, choice, reason)
    });
    let chooser = control
        .as_ref()
        .filter(|(_, _, choice, _)| choice.adjusted())
        .map(|(chart, _, choice, reason)| ChartChoice {
            plain: *chart == choice.plain,
            reason: reason.clone(),
            other: lang.t_with(
                if *chart == choice.plain {
                    "series-show-default"
                } else {
                    "series-show-plain"
                },
                &[(
                    "chart",
                    chart_name(
                        if *chart == choice.plain {
                            choice.chart
                        } else {
                            choice.plain
                        },
                        lang,
                    )
                    .into(),
                )],
            ),
        });
    let control = control.map(|(chart, r, _, _)| (chart, r));
    let ucl_top = control
        .iter()
        .flat_map(|(_, r)| r.points.iter().filter_map(|p| p.ucl))
        .fold(0.0_f64, f64::max);
    let (format, y_max, value_heading) = scale(measure, points, ucl_top, lang);
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
    let per_point = |f: fn(&spc::Point) -> Option<f64>| -> Vec<Option<f64>> {
        control
            .iter()
            .flat_map(|(_, r)| r.points.iter().map(f))
            .collect()
    };
    let (cl, lcl, ucl) = (
        per_point(|p| p.cl),
        per_point(|p| p.lcl),
        per_point(|p| p.ucl),
    );
    let signals: Vec<Signal> = control
        .iter()
        .flat_map(|(_, r)| r.points.iter().map(signal))
        .collect();
    let month = |m: Month| lang.month(m.year(), m.number());
    let summary = match &control {
        Some((chart, r)) => {
            let beyond = r.points.iter().filter(|p| p.beyond_limits).count();
            let runs = r
                .points
                .iter()
                .filter(|p| !p.beyond_limits && (p.shift || p.trend))
                .count();
            let mut parts = Vec::new();
            if beyond > 0 {
                parts.push(lang.t_with("series-beyond", &[("count", beyond.into())]));
            }
            if runs > 0 {
                parts.push(lang.t_with("series-runs", &[("count", runs.into())]));
            }
            if r.parts.iter().any(|p| p.runs.signal) {
                parts.push(lang.t("series-runs-signal"));
            }
            // Break k starts a new part at point k + 1, the month at index k.
            let from: Vec<String> = r
                .suggested_breaks
                .iter()
                .filter_map(|&k| points.get(k).map(|p| month(p.month)))
                .collect();
            if !from.is_empty() {
                let listed = match from.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => lang.t_with(
                        "series-list",
                        &[
                            ("first", rest.join(", ").into()),
                            ("last", last.clone().into()),
                        ],
                    ),
                    None => String::new(),
                };
                parts.push(lang.t_with(
                    "series-suggested-breaks",
                    &[("count", from.len().into()), ("months", listed.into())],
                ));
            }
            let name = chart_name(*chart, lang);
            if parts.is_empty() {
                lang.t_with("series-no-signal", &[("chart", name.into())])
            } else {
                let sep = if lang == Lang::Fr { " ; " } else { "; " };
                lang.t_with(
                    "series-signals",
                    &[("chart", name.into()), ("parts", parts.join(sep).into())],
                )
            }
        }
        None => lang.t("series-too-few"),
    };
    let description = match points.first().zip(points.last()) {
        Some((a, b)) => lang.t_with(
            wording.description_key,
            &[
                ("title", title.to_owned().into()),
                ("months", points.len().into()),
                ("first", month(a.month).into()),
                ("last", month(b.month).into()),
                ("summary", summary.clone().into()),
            ],
        ),
        None => summary.clone(),
    };
    let beside = network_line(measure, points, network);
    let shown = beside.iter().any(Option::is_some);
    let chart = LineChart {
        id: measure.id.as_str(),
        title,
        description: &description,
        points: &series,
        y_max,
        format: &*format,
        lang,
        goal: measure.goal,
        control: control.as_ref().map(|_| Control {
            cl: &cl,
            lcl: &lcl,
            ucl: &ucl,
            signals: &signals,
        }),
        network: shown.then_some(beside.as_slice()),
        suppressed: &[],
    }
    .svg();
    let family = lang.t(match measure.family {
        Family::Outcome => "series-family-outcome",
        Family::Process => "series-family-process",
        Family::Balancing => "series-family-balancing",
    });
    let better = lang.t(match measure.better {
        tandem_shared::model::Direction::HigherIsBetter => "series-higher-better",
        tandem_shared::model::Direction::LowerIsBetter => "series-lower-better",
    });
    let goal = measure
        .goal
        .map(|g| {
            format!(
                " · {}",
                lang.t_with("chart-goal", &[("value", format(g).into())])
            )
        })
        .unwrap_or_default();
    let suggested = control
        .iter()
        .flat_map(|(_, r)| r.suggested_breaks.iter())
        .filter_map(|&k| points.get(k).map(|p| p.month))
        .collect();
    MeasureView {
        suggested,
        chooser,
        id: measure.id.to_string(),
        title: title.to_owned(),
        description: own_description.to_owned(),
        text_lang,
        about: format!("{family} · {better}{goal}"),
        chart,
        signals: summary,
        value_heading,
        table_summary: lang.t_with(
            "series-table-summary",
            &[("title", title.to_owned().into())],
        ),
        extra_headings: if shown {
            vec![lang.t("series-col-network")]
        } else {
            Vec::new()
        },
        network_note: if shown {
            lang.t_with("series-network-note", &[("months", network.len().into())])
        } else {
            String::new()
        },
        table_caption: lang.t_with(wording.caption_key, &[("title", title.to_owned().into())]),
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
                            lang.t("chart-outside")
                        } else if p.shift {
                            lang.t("series-shift")
                        } else if p.trend {
                            lang.t("series-trend")
                        } else {
                            String::new()
                        }
                    })
                    .unwrap_or_default(),
                month: month(p.month),
                numerator: lang.number(p.numerator),
                denominator: lang.number(p.denominator),
                value: p.value.map(&*format).unwrap_or_else(|| "–".into()),
                extra: if shown {
                    vec![
                        beside
                            .get(i)
                            .copied()
                            .flatten()
                            .map(&*format)
                            .unwrap_or_else(|| "–".into()),
                    ]
                } else {
                    Vec::new()
                },
            })
            .collect(),
    }
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
        assert_eq!(short(Lang::En, 0.5), "0.5");
        assert_eq!(short(Lang::Fr, 0.5), "0,5");
        assert_eq!(short(Lang::En, 2.0), "2");
        assert_eq!(short(Lang::Fr, 1234.25), "1\u{202f}234,25");
    }
}
