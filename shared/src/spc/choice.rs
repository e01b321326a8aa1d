//! The chart each kind of measure gets by default, and why: the one place the hub's and the
//! node's pages ask.
//!
//! A proportion gets a p chart and a rate a u chart, unless the months vary far more than
//! sampling alone explains. With the large denominators of a network (thousands of patients a
//! month) the binomial and Poisson limits are so tight that nearly every month falls outside
//! them; Laney's p′ and u′ charts (Laney 2002) widen them by σ_z, the months' own variation of
//! z-scores. "Far more" is a test, not a taste: the z-scores' sum of squares against the
//! χ² distribution with k − 1 degrees of freedom, at the 1 % level (the dispersion test of
//! Mohammed and Laney 2006). A count gets a c chart, a mean an individuals chart.

use serde::Serialize;

use super::shewhart::{self, laney_sigma_z};
use super::stats::normal_quantile;
use super::{Chart, Request};
use crate::model::MeasureKind;

/// The significance level of the over-dispersion test.
pub const DISPERSION_ALPHA: f64 = 0.01;

/// Why a chart was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// The months vary as sampling would make them: the binomial or Poisson limits fit.
    Sampling { dispersion: Option<f64> },
    /// The months vary more than sampling explains (the dispersion ratio is above the χ²
    /// critical value): Laney's chart, whose limits are widened by σ_z.
    OverDispersed { dispersion: f64, sigma_z: f64 },
    /// A count or a mean: a c chart or an individuals chart.
    Values,
}

/// The default chart of a series, the plain chart beside it, and why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Choice {
    pub chart: Chart,
    /// The chart without Laney's adjustment (the same as `chart` when there is none).
    pub plain: Chart,
    pub reason: Reason,
}

impl Choice {
    /// Whether a page can offer the plain chart as an alternative.
    pub fn adjusted(&self) -> bool {
        self.chart != self.plain
    }
}

/// The upper `alpha` point of χ² with `k` degrees of freedom, by Wilson and Hilferty's cube
/// (accurate to about 1 % from k = 3; exact enough for a decision between two charts).
fn chi_square_upper(k: f64, alpha: f64) -> f64 {
    let z = normal_quantile(1.0 - alpha);
    let a = 2.0 / (9.0 * k);
    k * (1.0 - a + z * a.sqrt()).powi(3)
}

/// The default chart for a measure of `kind` with these monthly counts. For a count or a
/// mean, `numerator` holds the values and `denominator` is ignored.
pub fn default_chart(kind: &MeasureKind, numerator: &[f64], denominator: &[f64]) -> Choice {
    let (plain, laney, variance): (Chart, Chart, fn(f64, f64) -> f64) = match kind {
        MeasureKind::Proportion => (Chart::P, Chart::Pp, |p, n| p * (1.0 - p) / n),
        MeasureKind::Rate { .. } => (Chart::U, Chart::Up, |u, n| u / n),
        MeasureKind::Count => {
            return Choice {
                chart: Chart::C,
                plain: Chart::C,
                reason: Reason::Values,
            };
        }
        MeasureKind::Continuous { .. } => {
            return Choice {
                chart: Chart::I,
                plain: Chart::I,
                reason: Reason::Values,
            };
        }
    };
    let sampling = |dispersion| Choice {
        chart: plain,
        plain,
        reason: Reason::Sampling { dispersion },
    };
    let pairs: Vec<(f64, f64)> = numerator
        .iter()
        .zip(denominator)
        .filter(|(_, d)| **d > 0.0)
        .map(|(n, d)| (*n, *d))
        .collect();
    let Some(centre) = shewhart::pooled(pairs.iter().copied()) else {
        return sampling(None);
    };
    if pairs.len() < 3 || centre <= 0.0 || matches!(kind, MeasureKind::Proportion) && centre >= 1.0
    {
        return sampling(None);
    }
    let z: Vec<f64> = pairs
        .iter()
        .map(|(r, n)| (r / n - centre) / variance(centre, *n).sqrt())
        .collect();
    let k = (z.len() - 1) as f64;
    let dispersion = z.iter().map(|z| z * z).sum::<f64>() / k;
    if dispersion * k <= chi_square_upper(k, DISPERSION_ALPHA) {
        return sampling(Some(dispersion));
    }
    match laney_sigma_z(&z) {
        Some(sigma_z) if sigma_z > 1.0 => Choice {
            chart: laney,
            plain,
            reason: Reason::OverDispersed {
                dispersion,
                sigma_z,
            },
        },
        _ => sampling(Some(dispersion)),
    }
}

/// The request for a measure's chart: the default one, or the plain one when `plain`.
pub fn request_for(
    kind: &MeasureKind,
    numerator: Vec<f64>,
    denominator: Vec<f64>,
    plain: bool,
) -> (Choice, Request) {
    let choice = default_chart(kind, &numerator, &denominator);
    let chart = if plain { choice.plain } else { choice.chart };
    let request = match kind {
        MeasureKind::Count | MeasureKind::Continuous { .. } => Request::values(chart, numerator),
        MeasureKind::Rate { multiplier, .. } => {
            let mut r = Request::counts(chart, numerator, denominator);
            r.multiply = Some(f64::from(*multiplier));
            r
        }
        MeasureKind::Proportion => Request::counts(chart, numerator, denominator),
    };
    (choice, request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chi_square_points_match_the_tables() {
        // χ²₀.₉₉ with 10, 30 and 59 degrees of freedom: 23.209, 50.892, 87.166.
        for (k, want) in [(10.0, 23.209), (30.0, 50.892), (59.0, 87.166)] {
            let got = chi_square_upper(k, 0.01);
            assert!((got - want).abs() / want < 0.005, "{k}: {got}");
        }
    }

    #[test]
    fn large_denominators_that_drift_get_laney_and_binomial_noise_does_not() {
        // 18,000 patients a month whose proportion drifts by a few points: far more than
        // binomial noise (sd 0.0037), so p′.
        let n = vec![18_000.0; 24];
        let drift: Vec<f64> = (0..24)
            .map(|i| (0.50 + 0.03 * ((i as f64) * 0.9).sin()) * 18_000.0)
            .map(f64::round)
            .collect();
        let choice = default_chart(&MeasureKind::Proportion, &drift, &n);
        assert_eq!(choice.chart, Chart::Pp);
        assert_eq!(choice.plain, Chart::P);
        assert!(choice.adjusted());
        let Reason::OverDispersed { sigma_z, .. } = choice.reason else {
            panic!("{choice:?}")
        };
        assert!(sigma_z > 3.0, "{sigma_z}");
        // 80 patients a month around 50 %, within binomial noise: the plain p chart.
        let small = vec![80.0; 24];
        let noise = [
            40., 43., 38., 41., 44., 39., 37., 42., 40., 45., 36., 41., 40., 38., 43., 39., 42.,
            41., 37., 44., 40., 39., 42., 40.,
        ];
        let choice = default_chart(&MeasureKind::Proportion, &noise, &small);
        assert_eq!(choice.chart, Chart::P);
        assert!(matches!(choice.reason, Reason::Sampling { dispersion: Some(d) } if d < 2.0));
        // Counts and means have no binomial limits to widen.
        assert_eq!(
            default_chart(&MeasureKind::Count, &noise, &[]).chart,
            Chart::C
        );
        // Too few months to test: the plain chart.
        assert_eq!(
            default_chart(&MeasureKind::Proportion, &drift[..2], &n[..2]).chart,
            Chart::P
        );
    }
}
