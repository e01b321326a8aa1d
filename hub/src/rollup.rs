//! Network and clinic series computed from the stored rollups: what the dashboards and the JSON
//! API show for a measure, month by month.

use std::collections::BTreeMap;

use serde::Serialize;
use tandem_shared::model::{ClinicId, Measure, MeasureKind, Month};
use tandem_shared::privacy::{Contributors, DisclosurePolicy};

use crate::store::{Rollup, StoredValue};

/// One month of a measure across the network.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct NetworkPoint {
    #[schema(value_type = String, example = "2026-10")]
    pub month: Month,
    /// Sum of the released numerators (events, for a rate; the count, for a count).
    pub numerator: u64,
    /// Sum of the released denominators (exposure, for a rate; observations, for a
    /// continuous measure).
    pub denominator: u64,
    /// The network value: a proportion (0..1), a rate per the measure's multiplier, a count,
    /// or a mean. `None` when nothing was released that month.
    pub value: Option<f64>,
    /// Clinics whose value was released.
    pub clinics_contributing: u64,
    /// Clinics whose value was withheld as a small cell; they are not in the sums.
    pub clinics_suppressed: u64,
    /// Whether this aggregate meets the public tier (enough clinics, no small count), so it may
    /// be shown outside the network.
    pub public: bool,
}

/// One month of a measure at one clinic.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ClinicPoint {
    #[schema(value_type = String, example = "2026-10")]
    pub month: Month,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub value: Option<f64>,
    pub suppressed: bool,
}

/// A measure's network series.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NetworkSeries {
    /// The measure, as the definitions give it.
    #[schema(value_type = Object)]
    pub measure: Measure,
    pub simulated: bool,
    pub points: Vec<NetworkPoint>,
}

/// A measure's series at one clinic.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClinicSeries {
    /// The measure, as the definitions give it.
    #[schema(value_type = Object)]
    pub measure: Measure,
    /// The clinic's id, or its pseudonym for this person.
    #[schema(value_type = String)]
    pub clinic: ClinicId,
    pub simulated: bool,
    pub points: Vec<ClinicPoint>,
}

/// What sizes a measure's aggregate for the public tier: the denominator (patients, exposure,
/// observations), or the count itself.
fn size(kind: &MeasureKind, numerator: Option<u64>, denominator: Option<u64>) -> u64 {
    match kind {
        MeasureKind::Count => numerator.unwrap_or(0),
        _ => denominator.unwrap_or(0),
    }
}

/// The network points of a measure from its rollups, with the clinics' released counts for the
/// public tier (how many clinics contribute something, and whether one dominates).
pub fn network_points(
    measure: &Measure,
    rollups: &[Rollup],
    released: &[(Month, Option<u64>, Option<u64>)],
    policy: &DisclosurePolicy,
) -> Vec<NetworkPoint> {
    let mut who: BTreeMap<Month, Contributors> = BTreeMap::new();
    for (month, n, d) in released {
        who.entry(*month)
            .or_default()
            .add(size(&measure.kind, *n, *d));
    }
    rollups
        .iter()
        .map(|r| NetworkPoint {
            public: policy.publishable(
                who.get(&r.month).copied().unwrap_or_default(),
                match measure.kind {
                    MeasureKind::Proportion => vec![
                        r.numerator_sum,
                        r.denominator_sum,
                        r.denominator_sum.saturating_sub(r.numerator_sum),
                    ],
                    MeasureKind::Count => vec![r.numerator_sum],
                    _ => vec![r.numerator_sum, r.denominator_sum],
                },
            ),
            month: r.month,
            numerator: r.numerator_sum,
            denominator: r.denominator_sum,
            value: if r.clinics_contributing == 0 {
                None
            } else {
                measure
                    .kind
                    .value(r.numerator_sum, r.denominator_sum, r.value_sum)
            },
            clinics_contributing: r.clinics_contributing,
            clinics_suppressed: r.clinics_suppressed,
        })
        .collect()
}

/// The clinic points of a measure from its stored values.
pub fn clinic_points(measure: &Measure, values: &[StoredValue]) -> Vec<ClinicPoint> {
    values
        .iter()
        .map(|v| ClinicPoint {
            month: v.month,
            numerator: v.numerator,
            denominator: v.denominator,
            value: if v.suppressed {
                None
            } else {
                measure.kind.value(
                    v.numerator.unwrap_or(0),
                    v.denominator.unwrap_or(0),
                    v.value.unwrap_or(0.0) * v.denominator.unwrap_or(0) as f64,
                )
            },
            suppressed: v.suppressed,
        })
        .collect()
}
