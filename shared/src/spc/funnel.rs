//! Funnel plots: clinics against a target proportion, with 95 % and 99.8 % limits that narrow
//! as the denominator grows (Spiegelhalter 2005), and an optional allowance for
//! over-dispersion. The formulas are listed in the [module documentation](super).

use std::collections::HashMap;
use std::f64::consts::FRAC_PI_2;

use super::input::{Data, Input};
use super::shewhart;
use super::stats::{self, BinomialQuantile, BinomialWalk, UpperWalk};
use super::{Chart, FunnelMethod, Overdispersion, Response, SpcError, Unit};

/// Above this spread the upper limits come from the lower tail of n − X, which is cheaper than
/// walking on across the middle; below it the walk is short anyway.
const UPPER_FROM_COMPLEMENT_SD: f64 = 6.0;

/// One-sided tail probabilities of the two-sided 95 % and 99.8 % limits.
const TAIL_95: f64 = 0.025;
const TAIL_998: f64 = 0.001;

/// The percentiles z-scores are winsorised at before over-dispersion is estimated.
const WINSOR_LOWER: f64 = 0.10;
const WINSOR_UPPER: f64 = 0.90;

/// A clinic's four limits, as proportions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub lower_998: f64,
    pub lower_95: f64,
    pub upper_95: f64,
    pub upper_998: f64,
}

impl Limits {
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Self {
            lower_998: f(self.lower_998),
            lower_95: f(self.lower_95),
            upper_95: f(self.upper_95),
            upper_998: f(self.upper_998),
        }
    }
}

/// The normal quantiles of the limits, Φ⁻¹(0.975) and Φ⁻¹(0.999) (checked against
/// [`stats::normal_quantile`] in the tests).
pub const Z_95: f64 = 1.959_963_984_540_053_6;
pub const Z_998: f64 = 3.090_232_306_167_813;

/// Normal-approximation limits: θ ± z √(θ(1 − θ)/n).
pub fn normal_limits(target: f64, n: f64) -> Limits {
    let s = (target * (1.0 - target) / n).sqrt();
    Limits {
        lower_998: target - Z_998 * s,
        lower_95: target - Z_95 * s,
        upper_95: target + Z_95 * s,
        upper_998: target + Z_998 * s,
    }
}

/// Spiegelhalter's interpolation of a binomial quantile into a continuous limit: with r the
/// smallest value whose cdf reaches `prob`, α = (F(r) − prob) / P(X = r) and the limit is
/// (r − α) / n (Spiegelhalter 2005, appendix A.1.1).
fn interpolate(quantile: BinomialQuantile, prob: f64, n: u64) -> f64 {
    let alpha = if quantile.pmf > 0.0 {
        ((quantile.cdf - prob) / quantile.pmf).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (quantile.k as f64 - alpha) / n as f64
}

/// One exact binomial limit, for tail probability `prob` (0.001, 0.025, 0.975 or 0.999) and
/// n ≥ 1.
pub fn exact_limit(target: f64, n: u64, prob: f64) -> f64 {
    interpolate(BinomialWalk::near(prob, n, target).quantile(prob), prob, n)
}

/// Exact binomial limits, for n ≥ 1. For spreads up to [`stats::TAIL_SUM_MAX_SD`] one walk up
/// the pmf from the 0.1 % quantile passes all four; beyond, each side gets its own start, so
/// the walk stays a few steps long.
pub fn exact_limits(target: f64, n: u64) -> Limits {
    let mut walk = BinomialWalk::near_normal(-Z_998, n, target);
    let lower_998 = interpolate(walk.quantile(TAIL_998), TAIL_998, n);
    let lower_95 = interpolate(walk.quantile(TAIL_95), TAIL_95, n);
    let sd = BinomialWalk::sd(n, target);
    let (upper_95, upper_998) = if sd > stats::TAIL_SUM_MAX_SD {
        walk = BinomialWalk::near_normal(Z_95, n, target);
        (walk.quantile(1.0 - TAIL_95), walk.quantile(1.0 - TAIL_998))
    } else if sd > UPPER_FROM_COMPLEMENT_SD {
        // Far tails of n − X: the 99.8 % quantile first, nearer the start of that walk.
        let mut upper = UpperWalk::near_normal(Z_998, n, target);
        let upper_998 = upper.quantile(1.0 - TAIL_998);
        (upper.quantile(1.0 - TAIL_95), upper_998)
    } else {
        (walk.quantile(1.0 - TAIL_95), walk.quantile(1.0 - TAIL_998))
    };
    let upper_95 = interpolate(upper_95, 1.0 - TAIL_95, n);
    let upper_998 = interpolate(upper_998, 1.0 - TAIL_998, n);
    Limits {
        lower_998,
        lower_95,
        upper_95,
        upper_998,
    }
}

/// Limits on the arcsine square-root scale, where the variance is 1/(4n) whatever θ:
/// sin²(asin √θ ± z / (2√n)), the angle kept within [0, π/2] so that it cannot wrap.
pub fn arcsine_limits(target: f64, n: f64) -> Limits {
    arcsine_limits_sd(target, 1.0 / (2.0 * n.sqrt()))
}

/// [`arcsine_limits`] for a standard deviation on the arcsine scale: √(1/(4n) + τ²) once
/// over-dispersion is allowed for.
fn arcsine_limits_sd(target: f64, half: f64) -> Limits {
    let centre = target.sqrt().asin();
    let back = |z: f64| (centre + z * half).clamp(0.0, FRAC_PI_2).sin().powi(2);
    Limits {
        lower_998: back(-Z_998),
        lower_95: back(-Z_95),
        upper_95: back(Z_95),
        upper_998: back(Z_998),
    }
}

/// The limits of one clinic by the chosen method, before any over-dispersion allowance.
pub fn limits(method: FunnelMethod, target: f64, n: f64) -> Limits {
    match method {
        FunnelMethod::Normal => normal_limits(target, n),
        FunnelMethod::Exact => exact_limits(target, n as u64),
        FunnelMethod::Arcsine => arcsine_limits(target, n),
    }
}

/// The scale a funnel's z-scores and over-dispersion are computed on: the proportion itself,
/// or, for the arcsine method, asin √p, the scale its limits are drawn on (Spiegelhalter 2005;
/// PowerBI-SPC's funnels do the same).
#[derive(Debug, Clone, Copy)]
enum Scale {
    Proportion { variance: f64 },
    Arcsine,
}

impl Scale {
    fn of(method: FunnelMethod, target: f64) -> Self {
        match method {
            FunnelMethod::Arcsine => Self::Arcsine,
            _ => Self::Proportion {
                variance: target * (1.0 - target),
            },
        }
    }

    fn value(self, p: f64) -> f64 {
        match self {
            Self::Proportion { .. } => p,
            Self::Arcsine => p.clamp(0.0, 1.0).sqrt().asin(),
        }
    }

    /// The sampling variance s² of a clinic of denominator `n` on this scale.
    fn variance(self, n: f64) -> f64 {
        match self {
            Self::Proportion { variance } => variance / n,
            Self::Arcsine => 1.0 / (4.0 * n),
        }
    }
}

/// The limits at denominator `n`, widened for a between-clinic variance `tau2` (0: none), on
/// the method's own scale: for the normal method exactly θ ± z √(s² + τ²), for the arcsine
/// method the same on the arcsine scale, and exact limits widened by √(1 + τ²/s²). A page
/// drawing the funnel's curves asks here, as the plot does for each clinic.
pub fn limits_at(method: FunnelMethod, target: f64, n: f64, tau2: f64) -> Limits {
    let on = Scale::of(method, target);
    let s2 = on.variance(n);
    let widen = (1.0 + tau2 / s2).sqrt();
    match method {
        FunnelMethod::Exact => exact_limits(target, n as u64),
        FunnelMethod::Normal => normal_limits(target, n),
        FunnelMethod::Arcsine => return arcsine_limits_sd(target, (s2 + tau2).sqrt()),
    }
    .map(|limit| (target + (limit - target) * widen).clamp(0.0, 1.0))
}

/// The over-dispersion of z-scores zᵢ = (yᵢ − θ)/sᵢ with sampling variances sᵢ²:
/// winsorised at the 10th and 90th percentiles (type 7), φ = Σ z_w² / I, and the
/// DerSimonian–Laird τ² = (Iφ − (I − 1)) / (Σw − Σw²/Σw), w = 1/s², or 0 if Iφ ≤ I − 1
/// (Spiegelhalter 2005, §6; Spiegelhalter et al. 2012). Needs at least two clinics.
pub fn overdispersion(z: &[f64], s2: &[f64]) -> Overdispersion {
    let mut sorted = z.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let low = stats::percentile_sorted(&sorted, WINSOR_LOWER);
    let high = stats::percentile_sorted(&sorted, WINSOR_UPPER);
    let count = z.len() as f64;
    let phi = z.iter().map(|z| z.clamp(low, high).powi(2)).sum::<f64>() / count;
    let (sum_w, sum_w2) = s2.iter().fold((0.0, 0.0), |(s, ss), &v| {
        let w = 1.0 / v;
        (s + w, ss + w * w)
    });
    let excess = count * phi - (count - 1.0);
    let tau2 = if excess > 0.0 {
        excess / (sum_w - sum_w2 / sum_w)
    } else {
        0.0
    };
    Overdispersion { phi, tau2 }
}

/// Draw a funnel plot from a checked request.
pub(super) fn plot(input: &Input<'_>) -> Result<Response, SpcError> {
    let Data::Counts {
        numerator,
        denominator,
    } = input.data
    else {
        return Err(SpcError::MissingData {
            chart: Chart::Funnel,
            needs: "numerator and denominator",
        });
    };
    // Clinics that shape the target and the over-dispersion estimate.
    let used = |i: &usize| denominator[*i] > 0.0 && !input.excluded[*i];
    let target = match input.target {
        Some(target) => target,
        None => {
            let pooled = shewhart::pooled(
                (0..input.len)
                    .filter(used)
                    .map(|i| (numerator[i], denominator[i])),
            )
            .ok_or(SpcError::NoClinics)?;
            if pooled <= 0.0 || pooled >= 1.0 {
                return Err(SpcError::DegenerateTarget { value: pooled });
            }
            pooled
        }
    };
    let on = Scale::of(input.method, target);
    let centre = on.value(target);

    let overdispersion = if input.overdispersion {
        let (z, s2): (Vec<f64>, Vec<f64>) = (0..input.len)
            .filter(used)
            .map(|i| {
                let s2 = on.variance(denominator[i]);
                (
                    (on.value(numerator[i] / denominator[i]) - centre) / s2.sqrt(),
                    s2,
                )
            })
            .unzip();
        if z.len() < 2 {
            return Err(SpcError::TooFewForOverdispersion { got: z.len() });
        }
        Some(overdispersion(&z, &s2))
    } else {
        None
    };
    let tau2 = overdispersion.map_or(0.0, |o| o.tau2);

    let scale = input.multiply;
    let mut exact = HashMap::with_capacity(if input.method == FunnelMethod::Exact {
        input.len
    } else {
        0
    });
    let units = (0..input.len)
        .map(|i| {
            let (r, n) = (numerator[i], denominator[i]);
            let label = input
                .labels
                .map_or_else(|| (i + 1).to_string(), |labels| labels[i].clone());
            let excluded = input.excluded[i];
            if n <= 0.0 {
                return Unit {
                    label,
                    y: None,
                    n,
                    z: None,
                    lower_95: None,
                    upper_95: None,
                    lower_998: None,
                    upper_998: None,
                    outside_95: false,
                    outside_998: false,
                    excluded,
                };
            }
            let y = r / n;
            let s2 = on.variance(n);
            // Clinics of the same size share exact limits, which are worth remembering.
            let limits = if input.method == FunnelMethod::Exact {
                *exact
                    .entry(n as u64)
                    .or_insert_with(|| limits_at(input.method, target, n, tau2))
            } else {
                limits_at(input.method, target, n, tau2)
            };
            Unit {
                label,
                y: Some(y * scale),
                n,
                // On the scale the limits are drawn on, so that |z| > 1.96 is outside the 95 %.
                z: Some((on.value(y) - centre) / (s2 + tau2).sqrt()),
                lower_95: Some(limits.lower_95 * scale),
                upper_95: Some(limits.upper_95 * scale),
                lower_998: Some(limits.lower_998 * scale),
                upper_998: Some(limits.upper_998 * scale),
                outside_95: y < limits.lower_95 || y > limits.upper_95,
                outside_998: y < limits.lower_998 || y > limits.upper_998,
                excluded,
            }
        })
        .collect();

    Ok(Response {
        chart: Chart::Funnel,
        points: Vec::new(),
        parts: Vec::new(),
        sigma_z: None,
        mr: None,
        suggested_breaks: Vec::new(),
        target: Some(target * scale),
        units,
        overdispersion,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_constants_are_the_normal_quantiles() {
        assert_eq!(Z_95, stats::normal_quantile(0.975));
        assert_eq!(Z_998, stats::normal_quantile(0.999));
    }

    #[test]
    fn exact_limits_for_large_denominators_match_exact_arithmetic() {
        // Spiegelhalter's interpolated limits from exact rational binomial sums, outside this
        // code (Python integers: F(r) = Σ_{j≤r} C(n, j) a^j (d − a)^(n−j) / d^n for θ = a/d):
        // θ = 1/5, n = 20 000 (sd 56.6, summed tail): r = 3826, 3889, 4111, 4176 with
        // α = 0.452342307, 0.087197805, 0.341970187, 0.840830288;
        // θ = 1/2, n = 50 000 (sd 111.8, continued fraction): r = 24655, 24781, 25219, 25345
        // with α = 0.993640003, 0.631639127, 0.368360873, 0.006359997.
        let cases = [
            (
                0.2,
                20_000,
                [
                    0.191_277_382_885,
                    0.194_445_640_110,
                    0.205_532_901_491,
                    0.208_757_958_486,
                ],
            ),
            (
                0.5,
                50_000,
                [
                    0.493_080_127_200,
                    0.495_607_367_217,
                    0.504_372_632_783,
                    0.506_899_872_800,
                ],
            ),
        ];
        for (target, n, expected) in cases {
            let limits = exact_limits(target, n);
            let got = [
                limits.lower_998,
                limits.lower_95,
                limits.upper_95,
                limits.upper_998,
            ];
            for (got, expected) in got.into_iter().zip(expected) {
                assert!((got - expected).abs() < 1e-11, "{n}: {got} vs {expected}");
            }
        }
    }

    #[test]
    fn exact_limits_agree_whichever_way_they_are_walked() {
        // Above TAIL_SUM_MAX_SD each side starts on its own: both ways must give the same
        // limits as one limit at a time.
        for (n, target) in [(30u64, 0.1), (1000, 0.3), (200_000, 0.2), (5_000_000, 0.01)] {
            let limits = exact_limits(target, n);
            for (limit, prob) in [
                (limits.lower_998, TAIL_998),
                (limits.lower_95, TAIL_95),
                (limits.upper_95, 1.0 - TAIL_95),
                (limits.upper_998, 1.0 - TAIL_998),
            ] {
                assert!(
                    (limit - exact_limit(target, n, prob)).abs() < 1e-12,
                    "{n} {prob}"
                );
            }
            let normal = normal_limits(target, n as f64);
            assert!((limits.upper_998 - normal.upper_998).abs() < 5.0 / n as f64 + 0.01);
        }
    }
}
