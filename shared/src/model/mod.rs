//! The domain model of a learning health network: measures and their monthly values,
//! improvement projects and their PDSA cycles, how patient partners took part, and practices
//! worth sharing.
//!
//! Types that hold free text are generic over the text type `T`. A clinic records them with
//! `T = String`; what crosses the wire uses [`crate::privacy::ReleasedText`], which only the
//! release gate can produce. One definition, two stages, and the compiler keeps them apart.

mod id;
mod improvement;
mod measure;
mod month;
mod partnership;
mod practice;

pub use id::{ClinicId, MeasureId, Tag};
pub use improvement::{Act, ActDecision, CycleStatus, Do, PdsaCycle, Plan, Project, Study, Team};
pub use measure::{Direction, Family, Measure, MeasureEntry, MeasureKind, MeasureValue, Period};
pub use month::Month;
pub use partnership::{Depth, Parity, PartnershipProfile, Phase, PhaseDepths, Place, Subject};
pub use practice::{
    CreditRole, Credits, Language, Practice, RoleCount, Stage, TagLabel, TagVocabulary,
};

/// A free-text field of a record, named for error messages (`"plan.prediction"`).
#[derive(Debug)]
pub struct TextField<'a, T> {
    pub name: &'static str,
    pub value: &'a T,
    /// The most characters this field may hold.
    pub max: usize,
    /// Whether the field must be non-empty.
    pub required: bool,
}

impl<'a, T> TextField<'a, T> {
    pub fn new(name: &'static str, value: &'a T, max: usize, required: bool) -> Self {
        Self {
            name,
            value,
            max,
            required,
        }
    }
}

/// A record with free-text fields that can be listed and transformed one field at a time.
///
/// This is how validation and the release gate reach every text field of a record without
/// each of them knowing the record's shape.
pub trait Narrative<T>: Sized {
    /// The same record with text of another type.
    type Mapped<U>;

    /// Every free-text field, in a stable order.
    fn text_fields(&self) -> Vec<TextField<'_, T>>;

    /// Transform every free-text field, stopping at the first error.
    fn try_map_text<U, E>(
        self,
        f: impl FnMut(&'static str, T) -> Result<U, E>,
    ) -> Result<Self::Mapped<U>, E>;
}
