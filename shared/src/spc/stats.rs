//! Distribution helpers the charts need: the normal quantile, binomial probabilities and
//! quantiles, and sample percentiles. Written here rather than taken from a crate because the
//! engine needs only these few, and each must be exact enough to reproduce R's answers.

/// Wichura's AS 241 coefficients, highest power first: for |p − ½| ≤ 0.425, then for the
/// tails with r = √(−ln(min(p, 1 − p))) up to 5, then beyond.
const CENTRAL_NUM: [f64; 8] = [
    2509.0809287301227,
    33430.57558358813,
    67265.7709270087,
    45921.95393154987,
    13731.69376550946,
    1971.5909503065513,
    133.14166789178438,
    3.3871328727963665,
];
const CENTRAL_DEN: [f64; 8] = [
    5226.495278852854,
    28729.085735721943,
    39307.89580009271,
    21213.794301586597,
    5394.196021424751,
    687.1870074920579,
    42.31333070160091,
    1.0,
];
const NEAR_NUM: [f64; 8] = [
    0.0007745450142783414,
    0.022723844989269184,
    0.2417807251774506,
    1.2704582524523684,
    3.6478483247632045,
    5.769497221460691,
    4.630337846156546,
    1.4234371107496835,
];
const NEAR_DEN: [f64; 8] = [
    1.0507500716444169e-09,
    0.0005475938084995345,
    0.015198666563616457,
    0.14810397642748008,
    0.6897673349851,
    1.6763848301838038,
    2.053191626637759,
    1.0,
];
const FAR_NUM: [f64; 8] = [
    2.0103343992922881e-07,
    2.7115555687434876e-05,
    0.0012426609473880784,
    0.026532189526576124,
    0.29656057182850487,
    1.7848265399172913,
    5.463784911164114,
    6.657904643501103,
];
const FAR_DEN: [f64; 8] = [
    2.0442631033899397e-15,
    1.421511758316446e-07,
    1.8463183175100548e-05,
    0.0007868691311456133,
    0.014875361290850615,
    0.1369298809227358,
    0.599832206555888,
    1.0,
];

/// A polynomial by Horner's rule, coefficients highest power first.
fn horner(coefficients: &[f64; 8], x: f64) -> f64 {
    coefficients.iter().fold(0.0, |acc, &c| acc * x + c)
}

/// The quantile function of the standard normal distribution, Φ⁻¹(p), for 0 < p < 1.
///
/// Wichura's algorithm AS 241 (PPND16), Applied Statistics 37 (1988) 477–484: rational
/// approximations accurate to about 1e-16, the same ones R's `qnorm` and Python's
/// `statistics.NormalDist.inv_cdf` use.
pub fn normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * horner(&CENTRAL_NUM, r) / horner(&CENTRAL_DEN, r);
    }
    let r = (-(if q <= 0.0 { p } else { 1.0 - p }).ln()).sqrt();
    let x = if r <= 5.0 {
        horner(&NEAR_NUM, r - 1.6) / horner(&NEAR_DEN, r - 1.6)
    } else {
        horner(&FAR_NUM, r - 5.0) / horner(&FAR_DEN, r - 5.0)
    };
    if q < 0.0 { -x } else { x }
}

/// The `p`-th sample quantile by linear interpolation between order statistics (Hyndman and
/// Fan's type 7, the default of R's `quantile` and of numpy). `sorted` must be ascending and
/// non-empty.
pub fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    match sorted.get(lo + 1) {
        Some(&next) => sorted[lo] + (h - lo as f64) * (next - sorted[lo]),
        None => sorted[lo],
    }
}

/// ln(k!) − ln(√(2πk) (k/e)^k) for k = 0..=15, the error of Stirling's formula, to full
/// precision (computed with 50-digit decimal arithmetic). Loader (2000) tabulates these
/// because the series below converges too slowly for small k.
const STIRLING_ERROR: [f64; 16] = [
    0.0,
    0.081_061_466_795_327_26,
    0.041_340_695_955_409_3,
    0.027_677_925_684_998_34,
    0.020_790_672_103_765_093,
    0.016_644_691_189_821_193,
    0.013_876_128_823_070_748,
    0.011_896_709_945_891_77,
    0.010_411_265_261_972_096,
    0.009_255_462_182_712_733,
    0.008_330_563_433_362_87,
    0.007_573_675_487_951_841,
    0.006_942_840_107_209_53,
    0.006_408_994_188_004_207,
    0.005_951_370_112_758_847_5,
    0.005_554_733_551_962_801,
];

/// The error of Stirling's formula for k!, by table or by its asymptotic series.
fn stirling_error(k: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if k <= 15.0 {
        return STIRLING_ERROR[k as usize];
    }
    let kk = k * k;
    if k > 500.0 {
        (S0 - S1 / kk) / k
    } else if k > 80.0 {
        (S0 - (S1 - S2 / kk) / kk) / k
    } else if k > 35.0 {
        (S0 - (S1 - (S2 - S3 / kk) / kk) / kk) / k
    } else {
        (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k
    }
}

/// x ln(x / m) + m − x, the deviance term of Loader's method, without cancellation when x ≈ m.
fn deviance(x: f64, m: f64) -> f64 {
    if (x - m).abs() < 0.1 * (x + m) {
        let mut v = (x - m) / (x + m);
        let mut s = (x - m) * v;
        let mut term = 2.0 * x * v;
        v *= v;
        for j in 1..1000 {
            term *= v;
            let next = s + term / f64::from(2 * j + 1);
            if next == s {
                return next;
            }
            s = next;
        }
        return s;
    }
    x * (x / m).ln() + m - x
}

/// P(X = k) for X ~ Binomial(n, p), by Loader's saddle-point method ("Fast and accurate
/// computation of binomial probabilities", 2000; R's `dbinom`): accurate to a few ulps for
/// any n, with no overflow or underflow of intermediate factorials.
pub fn binomial_pmf(k: u64, n: u64, p: f64) -> f64 {
    let q = 1.0 - p;
    if k > n {
        return 0.0;
    }
    if p == 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    if q == 0.0 {
        return if k == n { 1.0 } else { 0.0 };
    }
    let (kf, nf) = (k as f64, n as f64);
    if k == 0 {
        if n == 0 {
            return 1.0;
        }
        return if p < 0.1 {
            (-deviance(nf, nf * q) - nf * p).exp()
        } else {
            (nf * q.ln()).exp()
        };
    }
    if k == n {
        return if q < 0.1 {
            (-deviance(nf, nf * p) - nf * q).exp()
        } else {
            (nf * p.ln()).exp()
        };
    }
    let lc = stirling_error(nf)
        - stirling_error(kf)
        - stirling_error(nf - kf)
        - deviance(kf, nf * p)
        - deviance(nf - kf, nf * q);
    let lf = std::f64::consts::TAU.ln() + kf.ln() + (-kf / nf).ln_1p();
    (lc - 0.5 * lf).exp()
}

/// The continued fraction of the regularised incomplete beta function I_x(a, b), by the
/// modified Lentz method (Press et al., Numerical Recipes, §6.4). It converges quickly for
/// x < (a + 1) / (a + b + 2), which is where the callers use it.
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let clamp = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / clamp(1.0 - qab * x / qap);
    let mut h = d;
    // Enough for denominators in the hundreds of millions; the loop stops far earlier.
    for m in 1..100_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / clamp(1.0 + aa * d);
        c = clamp(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / clamp(1.0 + aa * d);
        c = clamp(1.0 + aa / c);
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 4.0 * f64::EPSILON {
            break;
        }
    }
    h
}

/// P(X ≤ k) for X ~ Binomial(n, p), given pmf = P(X = k). Each tail is computed directly
/// (P(X ≤ k) = I_{1−p}(n − k, k + 1)), so a small tail probability keeps its relative
/// precision instead of being lost in 1 − (something near 1).
fn binomial_cdf_with_pmf(k: u64, n: u64, p: f64, pmf: f64) -> f64 {
    if k >= n {
        return 1.0;
    }
    let q = 1.0 - p;
    let (a, b) = ((n - k) as f64, (k + 1) as f64);
    if q < (a + 1.0) / (a + b + 2.0) {
        // The front factor x^a (1−x)^b / (a B(a, b)) of I_q(a, b) is p · P(X = k).
        pmf * p * beta_continued_fraction(a, b, q)
    } else {
        // P(X > k) = I_p(k + 1, n − k), whose front factor is q · P(X = k + 1).
        let pmf_next = pmf * a / b * p / q;
        1.0 - pmf_next * q * beta_continued_fraction(b, a, p)
    }
}

/// Up to this standard deviation, adding up the lower tail term by term beats the continued
/// fraction.
pub const TAIL_SUM_MAX_SD: f64 = 100.0;

/// P(X ≤ k) for k below the mode, given pmf = P(X = k), by the pmf recurrence downwards.
/// Below the mode each ratio r = P(X = j − 1)/P(X = j) is smaller than the last, so once a
/// term times r/(1 − r) is negligible, so is everything after it.
fn lower_tail_sum(k: u64, n: u64, p: f64, pmf: f64) -> f64 {
    let inverse_odds = (1.0 - p) / p;
    let (n, mut j) = (n as f64, k as f64);
    let (mut total, mut term) = (pmf, pmf);
    while j > 0.0 {
        let ratio = j / (n - j + 1.0) * inverse_odds;
        term *= ratio;
        total += term;
        if term * ratio <= total * f64::EPSILON * (1.0 - ratio) {
            break;
        }
        j -= 1.0;
    }
    total
}

/// P(X ≤ k) for X ~ Binomial(n, p).
pub fn binomial_cdf(k: u64, n: u64, p: f64) -> f64 {
    binomial_cdf_with_pmf(k, n, p, binomial_pmf(k, n, p))
}

/// Where a quantile search over Binomial(n, p) ended: the value, and P(X ≤ k) and P(X = k)
/// there (what Spiegelhalter's interpolation needs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinomialQuantile {
    pub k: u64,
    pub cdf: f64,
    pub pmf: f64,
}

/// A position on Binomial(n, p) that can step one value up or down, keeping P(X ≤ k) and
/// P(X = k) by the pmf recurrence: cheap steps after one exact evaluation.
#[derive(Debug, Clone)]
pub struct BinomialWalk {
    n: u64,
    odds: f64,
    at: BinomialQuantile,
}

impl BinomialWalk {
    /// Start near the `prob` quantile, guessed by the Cornish–Fisher expansion, which is
    /// usually within one or two values of the answer. Needs 0 < p < 1.
    pub fn near(prob: f64, n: u64, p: f64) -> Self {
        Self::near_normal(normal_quantile(prob), n, p)
    }

    /// Start near the quantile whose normal equivalent is `z`, as [`BinomialWalk::near`].
    pub fn near_normal(z: f64, n: u64, p: f64) -> Self {
        let q = 1.0 - p;
        let nf = n as f64;
        let sd = (nf * p * q).sqrt();
        let skew = if sd > 0.0 { (q - p) / sd } else { 0.0 };
        let guess = nf * p + sd * (z + skew * (z * z - 1.0) / 6.0) + 0.5;
        // Truncation is floor here, the guess being clamped to be non-negative.
        let k = guess.clamp(0.0, nf) as u64;
        let pmf = binomial_pmf(k, n, p);
        // Below the mean, and for spreads up to a few hundred values, adding up the lower tail
        // term by term is cheaper than the continued fraction.
        let cdf = if sd <= TAIL_SUM_MAX_SD && (k as f64) < nf * p {
            lower_tail_sum(k, n, p, pmf)
        } else {
            binomial_cdf_with_pmf(k, n, p, pmf)
        };
        Self {
            n,
            odds: p / q,
            at: BinomialQuantile { k, cdf, pmf },
        }
    }

    /// The standard deviation of Binomial(n, p).
    pub fn sd(n: u64, p: f64) -> f64 {
        (n as f64 * p * (1.0 - p)).sqrt()
    }

    /// The smallest k with P(X ≤ k) ≥ prob (R's `qbinom` definition), walking from where the
    /// search stands. Calls with increasing `prob` reuse the work already done.
    pub fn quantile(&mut self, prob: f64) -> BinomialQuantile {
        // R's fuzz: a cdf that should equal `prob` exactly (n = 3, p = ½: F(1) = ½) may come
        // out an ulp or two short, which must not push the answer one value up.
        let prob = prob * (1.0 - 64.0 * f64::EPSILON);
        // Counting in f64 (exact below 2⁵³) keeps integer conversions out of the loops.
        let n = self.n as f64;
        let BinomialQuantile {
            k,
            mut cdf,
            mut pmf,
        } = self.at;
        let mut k = k as f64;
        while cdf < prob && k < n {
            pmf *= (n - k) / (k + 1.0) * self.odds;
            k += 1.0;
            cdf += pmf;
        }
        while k > 0.0 && cdf - pmf >= prob {
            cdf -= pmf;
            pmf *= k / (n - k + 1.0) / self.odds;
            k -= 1.0;
        }
        self.at = BinomialQuantile {
            k: k as u64,
            cdf,
            pmf,
        };
        self.at
    }
}

/// Upper quantiles of Binomial(n, p) found from the lower tail of Y = n − X ~ Binomial(n, 1 − p),
/// where a short sum from far out replaces a walk across the middle of the distribution.
/// P(X ≤ k) = 1 − P(Y ≤ n − k − 1), so the smallest k with P(X ≤ k) ≥ prob is n − j − 1 for the
/// largest j with P(Y ≤ j) ≤ 1 − prob. Ask in any order; the nearest to the start is cheapest.
#[derive(Debug, Clone)]
pub struct UpperWalk {
    n: u64,
    /// The odds of Y, (1 − p)/p.
    odds: f64,
    lower: BinomialWalk,
}

impl UpperWalk {
    /// Start near the upper quantile whose normal equivalent is `z`. Needs 0 < p < 1.
    pub fn near_normal(z: f64, n: u64, p: f64) -> Self {
        Self {
            n,
            odds: (1.0 - p) / p,
            lower: BinomialWalk::near_normal(-z, n, 1.0 - p),
        }
    }

    /// As [`BinomialWalk::quantile`], for X, with the same tolerance.
    pub fn quantile(&mut self, prob: f64) -> BinomialQuantile {
        let limit = 1.0 - prob * (1.0 - 64.0 * f64::EPSILON);
        // The smallest j with P(Y ≤ j) ≥ limit; one less unless it lands on limit exactly.
        let at = self.lower.quantile(limit);
        let (j, below_or_at, pmf_next) = if at.cdf <= limit {
            let next = at.pmf * (self.n - at.k) as f64 / (at.k + 1) as f64 * self.odds;
            (at.k as i64, at.cdf, next)
        } else {
            (at.k as i64 - 1, at.cdf - at.pmf, at.pmf)
        };
        // X = n − Y: k = n − j − 1, P(X ≤ k) = 1 − P(Y ≤ j), P(X = k) = P(Y = j + 1).
        BinomialQuantile {
            k: (self.n as i64 - j - 1) as u64,
            cdf: 1.0 - below_or_at.max(0.0),
            pmf: pmf_next,
        }
    }
}

/// The smallest k with P(X ≤ k) ≥ prob for X ~ Binomial(n, p): R's `qbinom(prob, n, p)`.
pub fn binomial_quantile(prob: f64, n: u64, p: f64) -> u64 {
    if n == 0 {
        return 0;
    }
    BinomialWalk::near(prob, n, p).quantile(prob).k
}

#[cfg(test)]
mod tests {
    use super::*;

    /// P(X ≤ k) by summing exact binomial coefficients (u128), for small n.
    fn exact_cdf(k: u64, n: u64, p: f64) -> f64 {
        let mut coefficient: u128 = 1;
        let mut total = 0.0;
        for j in 0..=k.min(n) {
            if j > 0 {
                coefficient = coefficient * u128::from(n - j + 1) / u128::from(j);
            }
            total += coefficient as f64 * p.powi(j as i32) * (1.0 - p).powi((n - j) as i32);
        }
        total
    }

    #[test]
    fn upper_quantiles_from_the_complement_match_the_walk() {
        for n in [40u64, 200, 1_000, 5_000, 40_000] {
            for p in [0.03, 0.15, 0.5, 0.8] {
                for prob in [0.975, 0.999] {
                    let direct = BinomialWalk::near(prob, n, p).quantile(prob);
                    let mut upper = UpperWalk::near_normal(normal_quantile(prob), n, p);
                    let via = upper.quantile(prob);
                    assert_eq!(direct.k, via.k, "n {n} p {p} prob {prob}");
                    assert!((direct.cdf - via.cdf).abs() < 1e-12, "n {n} p {p}");
                    assert!((direct.pmf - via.pmf).abs() < 1e-12 * direct.pmf.max(1e-300) + 1e-15);
                }
            }
        }
    }

    #[test]
    fn normal_quantiles_match_published_values() {
        // Φ⁻¹ values as printed in standard normal tables to 9+ digits (e.g. Abramowitz &
        // Stegun table 26.5): 1.959963985 (97.5 %), 3.090232306 (99.9 %), 1.644853627 (95 %).
        assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-9);
        assert!((normal_quantile(0.025) + 1.959_963_985).abs() < 1e-9);
        assert!((normal_quantile(0.999) - 3.090_232_306).abs() < 1e-9);
        assert!((normal_quantile(0.95) - 1.644_853_627).abs() < 1e-9);
        assert!(normal_quantile(0.5).abs() < 1e-15);
        // Far tail (the r > 5 branch): Φ⁻¹(1e-12) = −7.034483825 (R: qnorm(1e-12)).
        assert!((normal_quantile(1e-12) + 7.034_483_825).abs() < 1e-8);
    }

    #[test]
    fn binomial_pmf_and_cdf_match_exact_sums() {
        for n in [1u64, 2, 5, 19, 40, 60] {
            for p in [0.01, 0.2, 0.5, 0.77, 0.99] {
                let mut running = 0.0;
                for k in 0..=n {
                    running += binomial_pmf(k, n, p);
                    let exact = exact_cdf(k, n, p);
                    assert!(
                        (binomial_cdf(k, n, p) - exact).abs() < 1e-12,
                        "n={n} p={p} k={k}"
                    );
                    assert!((running - exact).abs() < 1e-12);
                }
            }
        }
    }

    #[test]
    fn binomial_quantile_is_smallest_k_reaching_prob() {
        for n in [1u64, 3, 9, 19, 50, 119] {
            for p in [0.03, 0.2, 0.5, 0.9] {
                for prob in [0.001, 0.025, 0.05, 0.5, 0.975, 0.999] {
                    // Where F(k) equals prob exactly in real arithmetic (n = 3, p = 0.9:
                    // F(0) = 0.001), either side of the boundary is within rounding.
                    let k = binomial_quantile(prob, n, p);
                    assert!(
                        exact_cdf(k, n, p) >= prob - 1e-12,
                        "n={n} p={p} prob={prob}"
                    );
                    if k > 0 {
                        assert!(exact_cdf(k - 1, n, p) < prob - 1e-12, "n={n} p={p} {prob}");
                    }
                }
            }
        }
    }

    #[test]
    fn binomial_quantile_handles_large_n_without_overflow() {
        // Binomial(40 000, ½) has mean 20 000 and sd 100, so the 5 % quantile is near
        // 20 000 − 1.645 × 100 ≈ 19 836; exactly 19 836 by integer arithmetic outside this code
        // (the first k with 20 · Σ_{j≤k} C(40000, j) ≥ 2^40000, Python's math.comb).
        let n = 40_000;
        let k = binomial_quantile(0.05, n, 0.5);
        assert_eq!(k, 19_836);
        assert!(binomial_cdf(k, n, 0.5) >= 0.05);
        assert!(binomial_cdf(k - 1, n, 0.5) < 0.05);
    }

    #[test]
    fn percentile_interpolates_like_r_type_7() {
        // R: quantile(c(1, 2, 4, 8, 16), c(0.1, 0.9)) gives 1.4 and 12.8:
        // h = 4 × 0.1 = 0.4 → 1 + 0.4 × (2 − 1); h = 3.6 → 8 + 0.6 × (16 − 8).
        let sorted = [1.0, 2.0, 4.0, 8.0, 16.0];
        assert!((percentile_sorted(&sorted, 0.1) - 1.4).abs() < 1e-12);
        assert!((percentile_sorted(&sorted, 0.9) - 12.8).abs() < 1e-12);
        assert_eq!(percentile_sorted(&[3.0], 0.9), 3.0);
    }
}
