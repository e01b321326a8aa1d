//! Statistical process control: run charts, Shewhart charts and funnel plots, as pure
//! functions of the numbers given. This is the engine behind `tandem-hub spc` and
//! `POST /api/v1/spc`: one [`Request`] in, one [`Response`] out, through [`analyse`].
//!
//! # Conventions
//!
//! Point numbers are 1-based everywhere in the contract; a part's `from` and `to` are
//! inclusive. A part is the stretch between breaks: `breaks: [30]` ends part 1 at point 30 and
//! starts part 2 at point 31, with its own centre and limits. `freeze: n` takes the first
//! part's centre and limits from points 1 to n (excluded points counted) and extends them to
//! the rest of that part. An excluded point is plotted and judged against the limits but left
//! out of the centre, the limits and the runs analysis. A point whose denominator is zero has
//! no value, no limits and no signal. `multiply` (default 1) scales the values, centre and
//! limits of count-based charts: p charts give proportions unless asked for percentages. On a
//! funnel plot it scales `y`, the target and the limits, while `funnel.target` is always a
//! proportion; an excluded clinic is plotted and judged but left out of the pooled target and
//! the over-dispersion estimate.
//!
//! # Run charts and runs analysis ([`run`])
//!
//! The centre of a run chart is the median of the part's baseline. Every chart, run or
//! Shewhart, gets a runs analysis of each part against that part's centre line, using every
//! point of the part that is not excluded (after a freeze too). Points exactly on the centre
//! line and excluded points are dropped from the sequence of sides first; they neither break
//! nor extend a run. With n_useful the points left:
//!
//! * Anhøj's rules (Anhøj and Olesen, "Run charts revisited", PLoS ONE 9(11) e113825, 2014;
//!   Anhøj, PLoS ONE 10(3) e0121349, 2015): an unusually long run, longest run >
//!   round(log₂ n_useful) + 3 (Schilling, Math. Mag. 85, 2012), or too few crossings,
//!   crossings < qbinom(0.05, n_useful − 1, ½), the smallest x with P(X ≤ x) ≥ 0.05 (Chen,
//!   Model Assisted Statistics and Applications 5, 2010). Either is a part's `signal`.
//! * The IHI rules (Provost and Murray, The Health Care Data Guide, 2011, ch. 3): a shift,
//!   `rules.shift` (default 6) or more consecutive points on one side of the centre; a trend,
//!   `rules.trend` (default 5) or more consecutive points all rising or all falling, where a
//!   value equal to the one before neither makes nor breaks the trend (it is skipped and not
//!   marked). Every point of a qualifying run is marked. The third IHI rule, the
//!   astronomical point, is left to judgement by the IHI ("a blatantly obvious different
//!   value"). On a run chart Tandem flags a candidate (`astronomical`) with the screen a
//!   Shewhart chart would apply: a point further from the part's median than 3σ, with σ =
//!   MR̄ / d₂ from the part's baseline moving ranges (screened as for an I chart), the XmR
//!   estimate of Provost and Murray ch. 7 and Montgomery 6.33. On a Shewhart chart the
//!   astronomical point is a point beyond the limits (`beyond_limits`).
//!
//! Suggested rebasing, in the spirit of the R package runcharter (Mackintosh): only reported, in
//! `suggested_breaks` as break numbers ("a new part after point k"), never applied. Within a
//! frozen part, the first run of `rules.shift` points on one side of the frozen centre after
//! the baseline starts a new part, as in runcharter. Elsewhere a stretch is split where it
//! shows a sustained shift (its Anhøj analysis signals and its longest run is at least
//! `rules.shift` long), at its most likely change point: the cut maximising the absolute
//! cumulative sum of +1 for points above the centre and −1 below (a sign CUSUM, as in
//! Pettitt's change-point test), each side keeping at least `rules.shift` points. Each new
//! stretch is searched in turn against its own centre, so a series with two sustained changes
//! gets two suggestions and random data, mostly, none.
//!
//! # Shewhart charts ([`shewhart`])
//!
//! Three-sigma limits, cl ± 3σ (Montgomery, Introduction to Statistical Quality Control, 6th
//! ed., 2009; Provost and Murray, chs. 5–8). The count-based charts' lower limits stop at 0
//! and p charts' upper limits at 1; individuals limits are never clamped.
//!
//! | chart | centre | σ at point i |
//! |---|---|---|
//! | `i` | x̄ | MR̄ / d₂, d₂ = 1.128 (Montgomery 6.33): limits x̄ ± 2.66 MR̄ |
//! | `mr` | MR̄ | lower limit 0, upper D₄ MR̄, D₄ = 3.267 |
//! | `p` | p̄ = Σr / Σn | √(p̄(1 − p̄) / nᵢ) (Montgomery 7.8), per point when n varies |
//! | `u` | ū = Σc / Σn | √(ū / nᵢ) (Montgomery 7.19) |
//! | `c` | c̄ | √c̄ (Montgomery 7.17) |
//! | `pp` | p̄ | √(p̄(1 − p̄) / nᵢ) · σ_z (Laney 2002) |
//! | `up` | ū | √(ū / nᵢ) · σ_z (Laney 2002) |
//!
//! Moving ranges are taken between consecutive points of the baseline that are used (an
//! excluded point is stepped over, as in qicharts2). With `screen_moving_ranges` (default
//! on), moving ranges at or above 3.267 MR̄ are dropped and MR̄ recomputed once (Nelson,
//! J. Qual. Technol. 14, 1982), for the I and MR charts. The MR chart beside an I chart
//! (`mr` in the response) has centre MR̄ and upper limit 3.267 MR̄, with that same MR̄; its
//! points are |xᵢ − xᵢ₋₁| within a part (none at a part's first point).
//!
//! Laney's p′ and u′ (Laney, "Improved control charts for attributes", Quality Engineering
//! 14(4), 2002) are for denominators so large that the binomial or Poisson σ is too narrow
//! for the real variation: zᵢ = (yᵢ − ȳ) / σᵢ over the baseline, σ_z = (average moving range
//! of z) / 1.128, not screened, and limits ȳ ± 3 σᵢ σ_z.
//!
//! # Funnel plots ([`funnel`])
//!
//! Clinics (units) against a target θ, by default the pooled proportion Σr / Σn, after
//! Spiegelhalter ("Funnel plots for comparing institutional performance", Stat. Med. 24,
//! 2005). With s² = θ(1 − θ)/n and z_p the normal quantile (1.959964 for 95 %, 3.090232 for
//! 99.8 %), the limits are:
//!
//! * `normal`: θ ± z_p s;
//! * `exact`: the binomial quantile with Spiegelhalter's interpolation: r_p is the smallest r
//!   with F(r) ≥ p, α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)), and the limit is (r_p − α) / n,
//!   for p = 0.001, 0.025, 0.975, 0.999;
//! * `arcsine`: sin²(asin √θ ± z_p / (2√n)), the angle kept within [0, π/2].
//!
//! All are kept within [0, 1]. The z-score is zᵢ = (yᵢ − θ)/sᵢ on the proportion scale,
//! whatever the method of the limits. With `overdispersion`, the
//! z-scores are winsorised at their 10th and 90th percentiles (linear interpolation, R's
//! type 7), φ = Σ z_w² / I over the I clinics used, and if Iφ > I − 1 the
//! DerSimonian–Laird estimate τ² = (Iφ − (I − 1)) / (Σw − Σw² / Σw) with w = 1/s²
//! (DerSimonian and Laird, Control. Clin. Trials 7, 1986; Spiegelhalter et al., JRSS A 175,
//! 2012), else τ² = 0. The reported z becomes (y − θ)/√(s² + τ²) and every limit's distance
//! from θ is multiplied by √(1 + τ²/s²): for the normal method exactly θ ± z_p √(s² + τ²).
//!
//! # Numerical methods ([`stats`])
//!
//! Normal quantiles by Wichura's AS 241; binomial probabilities by Loader's saddle-point
//! method; binomial tails by the continued fraction of the incomplete beta function; binomial
//! quantiles by walking the pmf recurrence from a Cornish–Fisher guess, so that limits for
//! denominators in the millions neither overflow nor take long.

pub mod chart;
pub mod choice;
pub mod funnel;
mod input;
pub mod run;
pub mod shewhart;
pub mod stats;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kinds of chart the engine draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Chart {
    /// Run chart: the median and runs analysis, no limits.
    Run,
    /// Individuals (X) chart.
    I,
    /// Moving-range chart.
    Mr,
    /// Proportion chart.
    P,
    /// Laney's p′ chart.
    Pp,
    /// Rate chart (events per exposure).
    U,
    /// Laney's u′ chart.
    Up,
    /// Count chart.
    C,
    /// Funnel plot of clinics against a target.
    Funnel,
}

impl Chart {
    /// The name used in requests.
    pub fn name(self) -> &'static str {
        match self {
            Self::Run => "run",
            Self::I => "i",
            Self::Mr => "mr",
            Self::P => "p",
            Self::Pp => "pp",
            Self::U => "u",
            Self::Up => "up",
            Self::C => "c",
            Self::Funnel => "funnel",
        }
    }

    /// Whether the chart plots numerator / denominator.
    fn takes_counts(self) -> bool {
        matches!(self, Self::P | Self::Pp | Self::U | Self::Up | Self::Funnel)
    }
}

impl fmt::Display for Chart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The lengths of the IHI shift and trend rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Points on one side of the centre that make a shift (default 6).
    pub shift: Option<usize>,
    /// Points all rising or all falling that make a trend (default 5).
    pub trend: Option<usize>,
}

/// How a funnel plot's limits are computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FunnelMethod {
    /// Normal approximation to the binomial.
    #[default]
    Normal,
    /// Exact binomial quantiles, interpolated (Spiegelhalter 2005).
    Exact,
    /// Normal approximation on the arcsine square-root scale.
    Arcsine,
}

/// Options of a funnel plot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FunnelOptions {
    pub method: Option<FunnelMethod>,
    /// Widen the limits for over-dispersion (default false).
    pub overdispersion: Option<bool>,
    /// The proportion clinics are compared with (default: the pooled proportion).
    pub target: Option<f64>,
}

/// One chart to draw: the JSON contract of `tandem-hub spc` and `POST /api/v1/spc`.
///
/// Give either `y` (charts `run`, `i`, `mr`, `c`) or `numerator` and `denominator` (charts
/// `p`, `pp`, `u`, `up`, `funnel`, and `run`, which then plots numerator / denominator ×
/// multiply). Every field but `chart` and the data is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub chart: Chart,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Vec<f64>>,
    /// Scale of count-based values (default 1; 100 for percentages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiply: Option<f64>,
    /// The first part's centre and limits come from points 1 to `freeze`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freeze: Option<usize>,
    /// A new part starts after each of these points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks: Option<Vec<usize>>,
    /// Points left out of centres, limits and runs analysis (still plotted and judged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<usize>>,
    /// Nelson's screening of moving ranges for I and MR charts (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screen_moving_ranges: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Rules>,
    /// One label per point (a funnel's clinic names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funnel: Option<FunnelOptions>,
}

impl Request {
    /// A request for a chart of values (`run`, `i`, `mr`, `c`), all options at their defaults.
    pub fn values(chart: Chart, y: Vec<f64>) -> Self {
        Self::bare(chart, Some(y), None, None)
    }

    /// A request for a chart of counts (`p`, `pp`, `u`, `up`, `funnel`, `run`), all options at
    /// their defaults.
    pub fn counts(chart: Chart, numerator: Vec<f64>, denominator: Vec<f64>) -> Self {
        Self::bare(chart, None, Some(numerator), Some(denominator))
    }

    fn bare(
        chart: Chart,
        y: Option<Vec<f64>>,
        numerator: Option<Vec<f64>>,
        denominator: Option<Vec<f64>>,
    ) -> Self {
        Self {
            chart,
            y,
            numerator,
            denominator,
            multiply: None,
            freeze: None,
            breaks: None,
            exclude: None,
            screen_moving_ranges: None,
            rules: None,
            labels: None,
            funnel: None,
        }
    }
}

/// Anhøj's runs analysis of one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Runs {
    /// Points not excluded, defined and not on the centre line.
    pub n_useful: usize,
    pub longest_run: usize,
    /// round(log₂ n_useful) + 3; a longer run is a signal.
    pub longest_run_max: usize,
    pub n_crossings: usize,
    /// qbinom(0.05, n_useful − 1, ½); fewer crossings are a signal.
    pub n_crossings_min: usize,
    /// An unusually long run or unusually few crossings.
    pub signal: bool,
}

/// One plotted point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The value; null where undefined (a zero denominator, the first moving range).
    pub y: Option<f64>,
    pub cl: Option<f64>,
    pub lcl: Option<f64>,
    pub ucl: Option<f64>,
    /// The 1-based part the point belongs to.
    pub part: usize,
    pub excluded: bool,
    pub beyond_limits: bool,
    pub shift: bool,
    pub trend: bool,
    /// Run charts only: the IHI's astronomical point, read as a point beyond the median ± 3σ
    /// of the individuals (see the module documentation). Shewhart charts use `beyond_limits`.
    #[serde(default)]
    pub astronomical: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A stretch of the series with its own centre line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// First point, 1-based, inclusive.
    pub from: usize,
    /// Last point, 1-based, inclusive.
    pub to: usize,
    pub cl: f64,
    pub runs: Runs,
    /// Laney's σ_z for this part (p′ and u′ charts only).
    #[serde(default)]
    pub sigma_z: Option<f64>,
}

/// One point of the moving-range chart beside an I chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovingRangePoint {
    /// |xᵢ − xᵢ₋₁|; null at the first point of each part.
    pub y: Option<f64>,
    /// The centre and upper limit of the point's part.
    pub cl: f64,
    pub ucl: f64,
    pub beyond_limits: bool,
}

/// The moving-range chart beside an I chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovingRangeChart {
    /// Centre (average moving range) and upper limit of the last part; each point carries
    /// its own part's.
    pub cl: f64,
    pub ucl: f64,
    pub points: Vec<MovingRangePoint>,
}

/// One clinic on a funnel plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub label: String,
    /// numerator / denominator × multiply; null for a zero denominator.
    pub y: Option<f64>,
    /// The denominator.
    pub n: f64,
    /// (y − target) / s, adjusted for over-dispersion when asked.
    pub z: Option<f64>,
    pub lower_95: Option<f64>,
    pub upper_95: Option<f64>,
    pub lower_998: Option<f64>,
    pub upper_998: Option<f64>,
    pub outside_95: bool,
    pub outside_998: bool,
    pub excluded: bool,
}

/// The over-dispersion estimate of a funnel plot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Overdispersion {
    /// Σ z_w² / I, the mean square of the winsorised z-scores.
    pub phi: f64,
    /// DerSimonian–Laird between-clinic variance; 0 when φ shows no over-dispersion.
    pub tau2: f64,
}

/// The result of [`analyse`]: the JSON printed by `tandem-hub spc`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub chart: Chart,
    /// One per input point (empty for a funnel).
    pub points: Vec<Point>,
    pub parts: Vec<Part>,
    /// Laney's σ_z of the last part, for p′ and u′ charts.
    pub sigma_z: Option<f64>,
    /// The moving-range chart beside an I chart.
    pub mr: Option<MovingRangeChart>,
    /// Where new parts might start (break numbers: "after point k"); never applied.
    pub suggested_breaks: Vec<usize>,
    /// A funnel's target, × multiply.
    pub target: Option<f64>,
    /// A funnel's clinics (empty for other charts).
    pub units: Vec<Unit>,
    /// A funnel's over-dispersion estimate, when asked for.
    pub overdispersion: Option<Overdispersion>,
}

/// Why a request cannot be charted. Each message is one line saying what to change.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SpcError {
    #[error("chart {chart} needs {needs}")]
    MissingData { chart: Chart, needs: &'static str },

    #[error("chart {chart} takes {takes}, not {given}")]
    WrongData {
        chart: Chart,
        takes: &'static str,
        given: &'static str,
    },

    #[error("give either y or numerator and denominator, not both")]
    BothData,

    #[error("{what} has {got} values but {other} has {expected}; give one per point")]
    LengthMismatch {
        what: &'static str,
        got: usize,
        other: &'static str,
        expected: usize,
    },

    #[error("{what} at point {point} is not a finite number; remove NaN and infinite values")]
    NotFinite { what: &'static str, point: usize },

    #[error(
        "{what} {value} at point {point} is negative; counts and denominators cannot be negative"
    )]
    Negative {
        what: &'static str,
        value: f64,
        point: usize,
    },

    #[error("{what} {value} at point {point} is not a whole number; counts are whole numbers")]
    NotWhole {
        what: &'static str,
        value: f64,
        point: usize,
    },

    #[error(
        "numerator {numerator} is larger than denominator {denominator} at point {point}; a \
         proportion cannot exceed 1"
    )]
    NumeratorAboveDenominator {
        numerator: f64,
        denominator: f64,
        point: usize,
    },

    #[error(
        "{what} names point {point}, but the series has {len} points; number points from 1 to {len}"
    )]
    IndexOutOfRange {
        what: &'static str,
        point: usize,
        len: usize,
    },

    #[error(
        "a break after point {point} leaves no part after it: the series has {len} points, so \
         breaks run from 1 to {max}",
        max = len.saturating_sub(1)
    )]
    BreakOutOfRange { point: usize, len: usize },

    #[error("freeze {freeze} is longer than the series of {len} points; freeze at most {len}")]
    FreezeTooLong { freeze: usize, len: usize },

    #[error("freeze must be at least 1: it is the number of points the limits come from")]
    FreezeZero,

    #[error(
        "freeze {freeze} reaches past the first break, after point {first_break}; freeze at most \
         {first_break} points or remove that break"
    )]
    FreezePastBreak { freeze: usize, first_break: usize },

    #[error("freeze and breaks do not apply to a funnel plot; remove them")]
    FunnelParts,

    #[error("chart {chart} needs at least {needed} points, but {got} were given")]
    TooFewPoints {
        chart: Chart,
        needed: usize,
        got: usize,
    },

    #[error(
        "part {part} (points {from} to {to}) has {got} points to compute its centre and limits \
         from but needs {needed}; excluded points and zero denominators do not count"
    )]
    TooFewUsable {
        part: usize,
        from: usize,
        to: usize,
        got: usize,
        needed: usize,
    },

    #[error("{what} must be {requirement}, but it is {value}")]
    InvalidOption {
        what: &'static str,
        requirement: &'static str,
        value: String,
    },

    #[error(
        "the pooled proportion is {value}, so clinics cannot differ from it; give funnel.target \
         between 0 and 1"
    )]
    DegenerateTarget { value: f64 },

    #[error(
        "no clinic has a denominator above 0 and is not excluded, so there is no pooled \
         proportion; give data for at least one clinic, or give funnel.target"
    )]
    NoClinics,

    #[error(
        "the over-dispersion adjustment needs at least 2 clinics with a denominator, not \
         excluded, but has {got}"
    )]
    TooFewForOverdispersion { got: usize },
}

/// Draw the chart a request asks for: check the input, then compute centres, limits, signals
/// and suggestions, or a funnel plot.
pub fn analyse(request: &Request) -> Result<Response, SpcError> {
    let input = input::Input::check(request)?;
    if request.chart == Chart::Funnel {
        funnel::plot(&input)
    } else {
        chart::draw(&input)
    }
}
