//! Run and Shewhart charts: each part's centre and limits, the points judged against them,
//! runs analysis, and suggested new parts. The formulas live in [`super::shewhart`] and
//! [`super::run`]; this module decides which apply to which chart and to which points.

use std::ops::RangeInclusive;

use super::input::{Data, Input, Span};
use super::run;
use super::shewhart::{self, Clamp, D4};
use super::{Chart, MovingRangeChart, MovingRangePoint, Part, Point, Response, SpcError};

/// What one part's limits are made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spread {
    /// A run chart: no limits.
    None,
    /// The same σ at every point (I and c charts).
    Constant(f64, Clamp),
    /// A moving-range chart: from 0 to D₄ times the centre.
    MovingRange,
    /// Binomial σ at each point's denominator, times a factor (Laney's σ_z; 1 for p).
    Proportion(f64),
    /// Poisson σ at each point's exposure, times a factor (Laney's σ_z; 1 for u).
    Rate(f64),
}

/// One part's centre line and how its limits spread around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub cl: f64,
    pub spread: Spread,
    /// Laney's σ_z (p′ and u′ charts).
    pub sigma_z: Option<f64>,
    /// The average moving range (I and MR charts).
    pub average_moving_range: Option<f64>,
}

impl Fit {
    /// The (lower, upper) limits at a point with denominator `n` (ignored by charts without
    /// one); `None` where the chart has none, or the denominator is zero.
    pub fn limits(&self, n: f64) -> Option<(f64, f64)> {
        match self.spread {
            Spread::None => None,
            Spread::Constant(sigma, clamp) => Some(shewhart::three_sigma(self.cl, sigma, clamp)),
            Spread::MovingRange => Some((0.0, D4 * self.cl)),
            Spread::Proportion(_) | Spread::Rate(_) if n <= 0.0 => None,
            Spread::Proportion(factor) => Some(shewhart::three_sigma(
                self.cl,
                shewhart::proportion_sigma(self.cl, n) * factor,
                Clamp::ZeroToOne,
            )),
            Spread::Rate(factor) => Some(shewhart::three_sigma(
                self.cl,
                shewhart::rate_sigma(self.cl, n) * factor,
                Clamp::AtZero,
            )),
        }
    }
}

/// The moving ranges |xᵢ − xᵢ₋₁| within each part; `None` at a part's first point or next to
/// an undefined value.
fn moving_ranges(values: &[Option<f64>], spans: &[Span]) -> Vec<Option<f64>> {
    let mut ranges = vec![None; values.len()];
    for span in spans {
        for i in span.from + 1..=span.to {
            if let (Some(a), Some(b)) = (values[i - 1], values[i]) {
                ranges[i] = Some((b - a).abs());
            }
        }
    }
    ranges
}

/// The numbers a chart is computed from.
struct Series<'a> {
    input: &'a Input<'a>,
    /// Denominators (empty for charts of values).
    denominator: &'a [f64],
    numerator: &'a [f64],
    /// The value at each point: y, or numerator / denominator (`None` for a zero denominator).
    raw: Vec<Option<f64>>,
    /// `raw` with excluded points removed: what centres and limits come from.
    used: Vec<Option<f64>>,
}

impl<'a> Series<'a> {
    fn new(input: &'a Input<'a>) -> Self {
        let (raw, numerator, denominator): (Vec<Option<f64>>, &[f64], &[f64]) = match input.data {
            Data::Values(y) => (y.iter().copied().map(Some).collect(), &[], &[]),
            Data::Counts {
                numerator,
                denominator,
            } => (
                numerator
                    .iter()
                    .zip(denominator)
                    .map(|(&r, &n)| (n > 0.0).then(|| r / n))
                    .collect(),
                numerator,
                denominator,
            ),
        };
        let used = raw
            .iter()
            .zip(&input.excluded)
            .map(|(&v, &excluded)| if excluded { None } else { v })
            .collect();
        Self {
            input,
            denominator,
            numerator,
            raw,
            used,
        }
    }

    /// The denominator at a point (0 for charts of values, where it is never read).
    fn n(&self, i: usize) -> f64 {
        self.denominator.get(i).copied().unwrap_or(0.0)
    }

    /// The used values in a range of points.
    fn used_in(&self, range: RangeInclusive<usize>) -> impl Iterator<Item = f64> + '_ {
        self.used[range].iter().flatten().copied()
    }

    /// The centre line the chart would have over a range of points, or `None` if no point in
    /// it is used.
    fn centre(&self, range: RangeInclusive<usize>) -> Option<f64> {
        match self.input.chart {
            Chart::Run => run::median(&mut self.used_in(range).collect::<Vec<_>>()),
            Chart::I | Chart::C => shewhart::mean(self.used_in(range)),
            Chart::Mr => shewhart::average_moving_range(
                &self.used_in(range).collect::<Vec<_>>(),
                self.input.screen,
            ),
            Chart::P | Chart::Pp | Chart::U | Chart::Up | Chart::Funnel => shewhart::pooled(
                range
                    .filter(|&i| self.used[i].is_some())
                    .map(|i| (self.numerator[i], self.denominator[i])),
            ),
        }
    }

    /// Laney's σ_z over the used points of a range, for centre `cl` and σ at each point.
    fn sigma_z(
        &self,
        range: RangeInclusive<usize>,
        cl: f64,
        sigma: impl Fn(f64, f64) -> f64,
    ) -> Option<f64> {
        let z: Vec<f64> = range
            .filter_map(|i| {
                let s = sigma(cl, self.n(i));
                self.used[i].filter(|_| s > 0.0).map(|y| (y - cl) / s)
            })
            .collect();
        shewhart::laney_sigma_z(&z)
    }

    /// σ of the individuals over a part's baseline (MR̄ / d₂), which a run chart's
    /// astronomical points are judged by; `None` with fewer than two used points.
    fn astronomical_sigma(&self, span: Span) -> Option<f64> {
        let values: Vec<f64> = self.used_in(span.from..=span.base_to).collect();
        shewhart::average_moving_range(&values, self.input.screen).map(shewhart::individuals_sigma)
    }

    /// A part's centre and spread, from its baseline.
    fn fit(&self, span: Span, part: usize) -> Result<Fit, SpcError> {
        let chart = self.input.chart;
        let base = span.from..=span.base_to;
        let got = self.used[base.clone()].iter().flatten().count();
        let needed = match chart {
            Chart::I | Chart::Mr | Chart::Pp | Chart::Up => 2,
            _ => 1,
        };
        let too_few = || SpcError::TooFewUsable {
            part,
            from: span.from + 1,
            to: span.base_to + 1,
            got,
            needed,
        };
        if got < needed {
            return Err(too_few());
        }
        let cl = self.centre(base.clone()).ok_or_else(too_few)?;
        let mut fit = Fit {
            cl,
            spread: Spread::None,
            sigma_z: None,
            average_moving_range: None,
        };
        match chart {
            Chart::Run | Chart::Funnel => {}
            Chart::I => {
                let values: Vec<f64> = self.used_in(base).collect();
                let amr = shewhart::average_moving_range(&values, self.input.screen)
                    .ok_or_else(too_few)?;
                fit.spread = Spread::Constant(shewhart::individuals_sigma(amr), Clamp::Never);
                fit.average_moving_range = Some(amr);
            }
            Chart::Mr => {
                fit.spread = Spread::MovingRange;
                fit.average_moving_range = Some(cl);
            }
            Chart::C => fit.spread = Spread::Constant(shewhart::count_sigma(cl), Clamp::AtZero),
            Chart::P => fit.spread = Spread::Proportion(1.0),
            Chart::U => fit.spread = Spread::Rate(1.0),
            Chart::Pp => {
                fit.sigma_z = self.sigma_z(base, cl, shewhart::proportion_sigma);
                // No σ_z only when p̄ is 0 or 1, where every σᵢ is 0 and the factor moot.
                fit.spread = Spread::Proportion(fit.sigma_z.unwrap_or(1.0));
            }
            Chart::Up => {
                fit.sigma_z = self.sigma_z(base, cl, shewhart::rate_sigma);
                fit.spread = Spread::Rate(fit.sigma_z.unwrap_or(1.0));
            }
        }
        Ok(fit)
    }
}

/// Draw a run or Shewhart chart from a checked request.
pub(super) fn draw(input: &Input<'_>) -> Result<Response, SpcError> {
    let series = Series::new(input);
    let chart = input.chart;
    // Count-based values are proportions or rates until scaled for display.
    let scale = match input.data {
        Data::Counts { .. } => input.multiply,
        Data::Values(_) => 1.0,
    };
    // What is plotted, and what of it the runs analysis uses.
    let (plotted, judged) = if chart == Chart::Mr {
        let plotted = moving_ranges(&series.raw, &input.spans);
        let judged = moving_ranges(&series.used, &input.spans);
        (plotted, judged)
    } else {
        (series.raw.clone(), series.used.clone())
    };
    let companion = (chart == Chart::I).then(|| moving_ranges(&series.raw, &input.spans));

    let len = input.len;
    let (mut shifts, mut trends) = (vec![false; len], vec![false; len]);
    let mut points = Vec::with_capacity(len);
    let mut parts = Vec::with_capacity(input.spans.len());
    let mut mr_points = Vec::with_capacity(if companion.is_some() { len } else { 0 });
    let mut suggested_breaks = Vec::new();
    let mut last_fit = None;

    for (index, &span) in input.spans.iter().enumerate() {
        let fit = series.fit(span, index + 1)?;
        let part = span.from..=span.to;
        let judged_part = &judged[part.clone()];
        let runs = run::anhoej(judged_part, fit.cl);
        let astronomical_sigma = (chart == Chart::Run)
            .then(|| series.astronomical_sigma(span))
            .flatten();
        run::mark_shifts(judged_part, fit.cl, input.shift, &mut shifts[part.clone()]);
        run::mark_trends(judged_part, input.trend, &mut trends[part.clone()]);
        suggest_breaks(
            &series,
            &judged,
            span,
            index == 0 && input.frozen,
            fit.cl,
            &mut suggested_breaks,
        );

        for i in part {
            let limits = fit.limits(series.n(i));
            let beyond_limits = match (plotted[i], limits) {
                (Some(y), Some((lcl, ucl))) => y < lcl || y > ucl,
                _ => false,
            };
            let astronomical = match (plotted[i], astronomical_sigma) {
                (Some(y), Some(sigma)) => (y - fit.cl).abs() > 3.0 * sigma,
                _ => false,
            };
            points.push(Point {
                y: plotted[i].map(|y| y * scale),
                cl: Some(fit.cl * scale),
                lcl: limits.map(|(lcl, _)| lcl * scale),
                ucl: limits.map(|(_, ucl)| ucl * scale),
                part: index + 1,
                excluded: input.excluded[i],
                beyond_limits,
                shift: shifts[i],
                trend: trends[i],
                astronomical,
                label: input.labels.map(|labels| labels[i].clone()),
            });
            if let (Some(ranges), Some(amr)) = (&companion, fit.average_moving_range) {
                mr_points.push(MovingRangePoint {
                    y: ranges[i],
                    cl: amr,
                    ucl: D4 * amr,
                    beyond_limits: ranges[i].is_some_and(|r| r > D4 * amr),
                });
            }
        }
        parts.push(Part {
            from: span.from + 1,
            to: span.to + 1,
            cl: fit.cl * scale,
            runs,
            sigma_z: fit.sigma_z,
        });
        last_fit = Some(fit);
    }

    suggested_breaks.sort_unstable();
    let mr = companion
        .and(last_fit.and_then(|fit| fit.average_moving_range))
        .map(|amr| MovingRangeChart {
            cl: amr,
            ucl: D4 * amr,
            points: mr_points,
        });
    Ok(Response {
        chart,
        points,
        parts,
        sigma_z: last_fit.and_then(|fit| fit.sigma_z),
        mr,
        suggested_breaks,
        target: None,
        units: Vec::new(),
        overdispersion: None,
    })
}

/// Where new parts might start within one part. Break numbers are 1-based ("a new part after
/// point k"), so the 0-based index of a new part's first point is its break number.
///
/// After a freeze the baseline is settled, and as in runcharter the first run of `rules.shift`
/// points on one side of the frozen centre after the baseline starts a new part. Without one,
/// see [`split`]. Each new part is then searched in turn against its own centre.
fn suggest_breaks(
    series: &Series<'_>,
    judged: &[Option<f64>],
    span: Span,
    frozen: bool,
    cl: f64,
    suggested: &mut Vec<usize>,
) {
    if !frozen {
        return split(series, judged, span.from, span.to, Some(cl), suggested);
    }
    let after = span.base_to + 1;
    if after > span.to {
        return;
    }
    if let Some(first) = run::first_shift(&judged[after..=span.to], cl, series.input.shift) {
        suggested.push(after + first);
        split(series, judged, after + first, span.to, None, suggested);
    }
}

/// Splits points `from..=to` where a sustained shift is, and then each side, while the stretch
/// shows one: Anhøj's runs analysis signals and its longest run is an IHI shift. The cut is the
/// stretch's most likely change point (a sign CUSUM, [`run::change_point`]); each side must
/// keep `rules.shift` points, so that a suggested part can show a shift of its own.
fn split(
    series: &Series<'_>,
    judged: &[Option<f64>],
    from: usize,
    to: usize,
    centre: Option<f64>,
    suggested: &mut Vec<usize>,
) {
    let shift = series.input.shift;
    let Some(centre) = centre.or_else(|| series.centre(from..=to)) else {
        return;
    };
    let stretch = &judged[from..=to];
    let runs = run::anhoej(stretch, centre);
    if !runs.signal || runs.longest_run < shift {
        return;
    }
    let Some(cut) = run::change_point(stretch, centre).map(|cut| from + cut) else {
        return;
    };
    let used = |points: &[Option<f64>]| points.iter().flatten().count();
    if cut > to || used(&judged[from..cut]) < shift || used(&judged[cut..=to]) < shift {
        return;
    }
    suggested.push(cut);
    split(series, judged, from, cut - 1, None, suggested);
    split(series, judged, cut, to, None, suggested);
}
