//! The centre lines and three-sigma limits of Shewhart charts, one small function per formula.
//! Which chart uses which is decided in [`super::chart`]; the formulas and their sources are
//! listed in the [module documentation](super).

/// d₂ for moving ranges of two: the mean range of two standard normal values, 2/√π rounded as
/// every table prints it (Montgomery, Appendix VI).
pub const D2: f64 = 1.128;

/// D₄ for moving ranges of two: the upper limit of a moving-range chart as a multiple of the
/// average moving range, 1 + 3 · 0.853 / 1.128 rounded as printed (Montgomery, Appendix VI).
pub const D4: f64 = 3.267;

/// How a chart's limits are bounded by what its values can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clamp {
    /// Individuals: a measurement may be negative, so its limits are never clamped.
    Never,
    /// Counts and rates cannot be negative: the lower limit stops at 0.
    AtZero,
    /// Proportions: the lower limit stops at 0 and the upper at 1.
    ZeroToOne,
}

/// The lower and upper three-sigma limits around `cl`, clamped as the chart requires.
pub fn three_sigma(cl: f64, sigma: f64, clamp: Clamp) -> (f64, f64) {
    let (lcl, ucl) = (cl - 3.0 * sigma, cl + 3.0 * sigma);
    match clamp {
        Clamp::Never => (lcl, ucl),
        Clamp::AtZero => (lcl.max(0.0), ucl),
        Clamp::ZeroToOne => (lcl.max(0.0), ucl.min(1.0)),
    }
}

/// The arithmetic mean (sum, then one division, so that a value equal to the mean compares
/// equal to it), or `None` for no values.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values
        .into_iter()
        .fold((0.0, 0usize), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / count as f64)
}

/// Σ numerators / Σ denominators: the centre of p and u charts (and of Laney's p′ and u′),
/// or `None` if the denominators sum to zero.
pub fn pooled(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (numerator, denominator) = pairs
        .into_iter()
        .fold((0.0, 0.0), |(r, n), (ri, ni)| (r + ri, n + ni));
    (denominator > 0.0).then(|| numerator / denominator)
}

/// The average moving range |xᵢ − xᵢ₋₁| of consecutive values, or `None` for fewer than two.
///
/// With `screen`, moving ranges at or above D₄ times the average are dropped and the average
/// recomputed once (Nelson 1982; Provost and Murray), so that one upset does not widen the
/// limits of an individuals chart.
pub fn average_moving_range(values: &[f64], screen: bool) -> Option<f64> {
    let ranges = || values.windows(2).map(|w| (w[1] - w[0]).abs());
    let average = mean(ranges())?;
    if !screen {
        return Some(average);
    }
    let cutoff = D4 * average;
    // Only when every range is zero can none be below the cutoff; the average is then 0.
    Some(mean(ranges().filter(|&r| r < cutoff)).unwrap_or(average))
}

/// σ of an individuals chart from the average moving range: MR̄ / d₂ (Montgomery 6.33).
pub fn individuals_sigma(average_moving_range: f64) -> f64 {
    average_moving_range / D2
}

/// σ of a proportion over `n` trials: √(p̄(1 − p̄)/n) (Montgomery 7.8).
pub fn proportion_sigma(p: f64, n: f64) -> f64 {
    (p * (1.0 - p) / n).sqrt()
}

/// σ of a rate over exposure `n`: √(ū/n) (Montgomery 7.19).
pub fn rate_sigma(u: f64, n: f64) -> f64 {
    (u / n).sqrt()
}

/// σ of a count: √c̄ (Montgomery 7.17).
pub fn count_sigma(c: f64) -> f64 {
    c.sqrt()
}

/// Laney's σ_z: the average moving range of the z-scores, over d₂ (Laney 2002). It measures
/// how much more (σ_z > 1) or less the points vary than the binomial or Poisson model allows.
pub fn laney_sigma_z(z: &[f64]) -> Option<f64> {
    average_moving_range(z, false).map(|mr| mr / D2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_the_tabulated_ones() {
        // Montgomery, Appendix VI, n = 2: d₂ = 1.128, D₄ = 3.267; 3/d₂ = 2.660 (E₂ in
        // Provost and Murray's table of I-chart factors).
        assert!((3.0 / D2 - 2.66).abs() < 5e-4);
        assert!((D4 - 3.267).abs() < 1e-12);
    }

    #[test]
    fn screening_drops_ranges_at_or_above_the_cutoff_once() {
        // Ranges of 0 1 0 1 0 31 are 1, 1, 1, 1, 31: average 35 / 5 = 7, cutoff 3.267 × 7 =
        // 22.869, so 31 goes; the four that stay average 1.
        let values = [0.0, 1.0, 0.0, 1.0, 0.0, 31.0];
        assert!((average_moving_range(&values, false).unwrap() - 7.0).abs() < 1e-12);
        assert!((average_moving_range(&values, true).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(average_moving_range(&[1.0], true), None);
    }

    #[test]
    fn clamping_follows_the_chart() {
        // 1 ± 3 × 0.5 = −0.5 and 2.5; 0.5 ± 3 × 0.25 = −0.25 and 1.25 (exact in binary).
        assert_eq!(three_sigma(1.0, 0.5, Clamp::Never), (-0.5, 2.5));
        assert_eq!(three_sigma(1.0, 0.5, Clamp::AtZero), (0.0, 2.5));
        assert_eq!(three_sigma(0.5, 0.25, Clamp::ZeroToOne), (0.0, 1.0));
    }
}
