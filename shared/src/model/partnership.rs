//! How patient partners took part: the QRC framework's Place × Phase matrix and its Parity
//! factors.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a partnership profile describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Subject {
    Project(Uuid),
    Cycle(Uuid),
}

/// Where in the health system the partnership took place.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    DirectCare,
    Clinic,
    Organisation,
    System,
}

/// A phase of the improvement work.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Design,
    Plan,
    Implement,
    Evaluate,
}

impl Place {
    pub const ALL: [Place; 4] = [
        Place::DirectCare,
        Place::Clinic,
        Place::Organisation,
        Place::System,
    ];

    /// Its name as stored and in addresses and locale keys.
    pub fn key(self) -> &'static str {
        match self {
            Place::DirectCare => "direct_care",
            Place::Clinic => "clinic",
            Place::Organisation => "organisation",
            Place::System => "system",
        }
    }
}

impl Phase {
    /// Its name as stored and in locale keys.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Design => "design",
            Phase::Plan => "plan",
            Phase::Implement => "implement",
            Phase::Evaluate => "evaluate",
        }
    }

    pub const ALL: [Phase; 4] = [
        Phase::Design,
        Phase::Plan,
        Phase::Implement,
        Phase::Evaluate,
    ];
}

/// How deeply patient partners took part, on Carman's continuum of engagement.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Depth {
    #[default]
    None,
    /// Asked for their views; others decided.
    Consulted,
    /// Took part in the work and its discussions.
    Involved,
    /// Shared decisions and leadership.
    Partner,
}

/// The depth of partnership in each phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseDepths {
    #[serde(default)]
    pub design: Depth,
    #[serde(default)]
    pub plan: Depth,
    #[serde(default)]
    pub implement: Depth,
    #[serde(default)]
    pub evaluate: Depth,
}

impl PhaseDepths {
    pub fn get(&self, phase: Phase) -> Depth {
        match phase {
            Phase::Design => self.design,
            Phase::Plan => self.plan,
            Phase::Implement => self.implement,
            Phase::Evaluate => self.evaluate,
        }
    }
}

/// The conditions that make a partnership fair, as yes/no answers and head counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Parity {
    /// Patient and family partners on the team.
    #[serde(default)]
    pub patients: u32,
    /// Professionals on the team.
    #[serde(default)]
    pub professionals: u32,
    /// Partners were paid or otherwise compensated for their time.
    #[serde(default)]
    pub compensation: bool,
    /// Partners were offered preparation and training.
    #[serde(default)]
    pub preparation: bool,
    /// Partners had ongoing support, with a named contact person.
    #[serde(default)]
    pub support_contact: bool,
    /// Leadership was shared or rotated between patients and professionals.
    #[serde(default)]
    pub shared_leadership: bool,
    /// Power imbalances were named and acted on (for example, partners spoke first).
    #[serde(default)]
    pub power_balance: bool,
    /// The vulnerability of partners (health, disclosure, dependence on care) was recognised and
    /// protected.
    #[serde(default)]
    pub vulnerability: bool,
}

/// One partnership profile: for a project or a cycle, the place, the depth in each phase, and
/// the parity factors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnershipProfile {
    pub id: Uuid,
    pub subject: Subject,
    pub place: Place,
    #[serde(default)]
    pub phases: PhaseDepths,
    #[serde(default)]
    pub parity: Parity,
}
