//! The kinds of record a node keeps, named once for the store, the release gate and the API.

use serde::{Deserialize, Serialize};

/// The kinds of record a node keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Project,
    Cycle,
    Partnership,
    Practice,
    MeasureValue,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Project,
        Kind::Cycle,
        Kind::Partnership,
        Kind::Practice,
        Kind::MeasureValue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Cycle => "cycle",
            Kind::Partnership => "partnership",
            Kind::Practice => "practice",
            Kind::MeasureValue => "measure_value",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}
