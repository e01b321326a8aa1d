//! The one place a request is checked. What passes is an [`Input`] the charts can trust:
//! finite values, counts where counts are needed, indices in range and parts laid out.

use super::{Chart, FunnelMethod, Request, SpcError};

/// The data of a request, checked.
#[derive(Debug, Clone, Copy)]
pub(super) enum Data<'a> {
    Values(&'a [f64]),
    Counts {
        numerator: &'a [f64],
        denominator: &'a [f64],
    },
}

/// A part: points `from..=to` (0-based) whose centre and limits come from `from..=base_to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub from: usize,
    pub to: usize,
    pub base_to: usize,
}

/// A checked request.
#[derive(Debug)]
pub(super) struct Input<'a> {
    pub chart: Chart,
    pub data: Data<'a>,
    pub len: usize,
    pub multiply: f64,
    pub excluded: Vec<bool>,
    pub spans: Vec<Span>,
    pub frozen: bool,
    pub screen: bool,
    pub shift: usize,
    pub trend: usize,
    pub labels: Option<&'a [String]>,
    pub method: FunnelMethod,
    pub overdispersion: bool,
    pub target: Option<f64>,
}

/// The smallest series each chart can be computed from: those whose σ comes from moving
/// ranges need two points.
fn minimum_points(chart: Chart) -> usize {
    match chart {
        Chart::I | Chart::Mr | Chart::Pp | Chart::Up => 2,
        _ => 1,
    }
}

/// Checks one number of the data: finite, and for counts non-negative and whole.
fn check_number(
    what: &'static str,
    value: f64,
    point: usize,
    count: bool,
    whole: bool,
) -> Result<(), SpcError> {
    if !value.is_finite() {
        return Err(SpcError::NotFinite { what, point });
    }
    if count && value < 0.0 {
        return Err(SpcError::Negative { what, value, point });
    }
    // Every f64 from 2⁵³ up is whole; below, a round trip through u64 is a cheaper test than
    // `fract` (this runs for every count of a large funnel).
    let magnitude = value.abs();
    if whole && magnitude < 9_007_199_254_740_992.0 && (magnitude as u64) as f64 != magnitude {
        return Err(SpcError::NotWhole { what, value, point });
    }
    Ok(())
}

fn invalid(what: &'static str, requirement: &'static str, value: impl ToString) -> SpcError {
    SpcError::InvalidOption {
        what,
        requirement,
        value: value.to_string(),
    }
}

impl<'a> Input<'a> {
    pub fn check(request: &'a Request) -> Result<Self, SpcError> {
        let chart = request.chart;
        let data = Self::data(request)?;
        let len = match data {
            Data::Values(y) => y.len(),
            Data::Counts { numerator, .. } => numerator.len(),
        };
        if let Some(labels) = &request.labels
            && labels.len() != len
        {
            return Err(SpcError::LengthMismatch {
                what: "labels",
                got: labels.len(),
                other: "the data",
                expected: len,
            });
        }
        let needed = minimum_points(chart);
        if len < needed {
            return Err(SpcError::TooFewPoints {
                chart,
                needed,
                got: len,
            });
        }
        Self::check_data(chart, data)?;

        let multiply = request.multiply.unwrap_or(1.0);
        if !(multiply.is_finite() && multiply > 0.0) {
            return Err(invalid("multiply", "a positive number", multiply));
        }
        let rules = request.rules.clone().unwrap_or_default();
        let (shift, trend) = (rules.shift.unwrap_or(6), rules.trend.unwrap_or(5));
        if shift < 2 {
            return Err(invalid("rules.shift", "at least 2", shift));
        }
        if trend < 2 {
            return Err(invalid("rules.trend", "at least 2", trend));
        }

        let mut excluded = vec![false; len];
        for &point in request.exclude.iter().flatten() {
            if point == 0 || point > len {
                return Err(SpcError::IndexOutOfRange {
                    what: "exclude",
                    point,
                    len,
                });
            }
            excluded[point - 1] = true;
        }

        let mut breaks = request.breaks.clone().unwrap_or_default();
        breaks.sort_unstable();
        breaks.dedup();
        if let Some(&point) = breaks.iter().find(|&&b| b == 0 || b >= len) {
            return Err(SpcError::BreakOutOfRange { point, len });
        }

        let options = request.funnel.clone().unwrap_or_default();
        if chart == Chart::Funnel && (request.freeze.is_some() || !breaks.is_empty()) {
            return Err(SpcError::FunnelParts);
        }
        if let Some(target) = options.target
            && !(target > 0.0 && target < 1.0)
        {
            return Err(invalid(
                "funnel.target",
                "a proportion strictly between 0 and 1",
                target,
            ));
        }

        // Parts end at each break and at the last point; the first may be frozen.
        let mut spans = Vec::with_capacity(breaks.len() + 1);
        let mut from = 0;
        for end in breaks.iter().copied().chain([len]) {
            spans.push(Span {
                from,
                to: end - 1,
                base_to: end - 1,
            });
            from = end;
        }
        if let Some(freeze) = request.freeze {
            if freeze == 0 {
                return Err(SpcError::FreezeZero);
            }
            if freeze > len {
                return Err(SpcError::FreezeTooLong { freeze, len });
            }
            if let Some(&first_break) = breaks.first()
                && freeze > first_break
            {
                return Err(SpcError::FreezePastBreak {
                    freeze,
                    first_break,
                });
            }
            spans[0].base_to = freeze - 1;
        }

        Ok(Self {
            chart,
            data,
            len,
            multiply,
            excluded,
            spans,
            frozen: request.freeze.is_some(),
            screen: request.screen_moving_ranges.unwrap_or(true),
            shift,
            trend,
            labels: request.labels.as_deref(),
            method: options.method.unwrap_or_default(),
            overdispersion: options.overdispersion.unwrap_or(false),
            target: options.target,
        })
    }

    /// Which data the request gives, and whether the chart takes it.
    fn data(request: &'a Request) -> Result<Data<'a>, SpcError> {
        let chart = request.chart;
        let counts = chart.takes_counts();
        match (&request.y, &request.numerator, &request.denominator) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(SpcError::BothData),
            (Some(_), None, None) if counts => Err(SpcError::WrongData {
                chart,
                takes: "numerator and denominator",
                given: "y",
            }),
            (Some(y), None, None) => Ok(Data::Values(y)),
            (None, Some(_), Some(_)) if !counts && chart != Chart::Run => {
                Err(SpcError::WrongData {
                    chart,
                    takes: "y",
                    given: "numerator and denominator",
                })
            }
            (None, Some(numerator), Some(denominator)) => {
                if denominator.len() != numerator.len() {
                    return Err(SpcError::LengthMismatch {
                        what: "denominator",
                        got: denominator.len(),
                        other: "numerator",
                        expected: numerator.len(),
                    });
                }
                Ok(Data::Counts {
                    numerator,
                    denominator,
                })
            }
            (None, Some(_), None) => Err(SpcError::MissingData {
                chart,
                needs: "a denominator for each numerator",
            }),
            (None, None, Some(_)) => Err(SpcError::MissingData {
                chart,
                needs: "a numerator for each denominator",
            }),
            (None, None, None) => Err(SpcError::MissingData {
                chart,
                needs: match chart {
                    Chart::Run => "y, or numerator and denominator",
                    _ if counts => "numerator and denominator",
                    _ => "y",
                },
            }),
        }
    }

    /// Every number finite; counts non-negative and whole; proportions at most 1.
    fn check_data(chart: Chart, data: Data<'_>) -> Result<(), SpcError> {
        match data {
            Data::Values(y) => {
                let count = chart == Chart::C;
                for (i, &value) in y.iter().enumerate() {
                    check_number("y", value, i + 1, count, count)?;
                }
            }
            Data::Counts {
                numerator,
                denominator,
            } => {
                let proportion = matches!(chart, Chart::P | Chart::Pp | Chart::Funnel);
                let whole_numerator = chart != Chart::Run;
                for (i, (&r, &n)) in numerator.iter().zip(denominator).enumerate() {
                    check_number("numerator", r, i + 1, true, whole_numerator)?;
                    check_number("denominator", n, i + 1, true, proportion)?;
                    if proportion && r > n {
                        return Err(SpcError::NumeratorAboveDenominator {
                            numerator: r,
                            denominator: n,
                            point: i + 1,
                        });
                    }
                }
            }
        }
        Ok(())
    }
}
